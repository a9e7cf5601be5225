"""A corpus of analysed works: a SQLite store, search, cross-work links and batch analysis."""
