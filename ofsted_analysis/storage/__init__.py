"""Storage: each stored table's schema, the versioned store (written whole or not at all), and
the read cache."""
