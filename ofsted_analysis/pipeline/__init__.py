"""Building the tables: source records, the merge of every source's records (with its
precedence), the build and update runs, the change report, and report extraction."""
