"""The inspection judgements domain: analysis of the tidy ``judgements`` table and the tables
and sentences the notebooks show."""
