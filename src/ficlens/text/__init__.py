"""Low-level readers of the raw story text that every stage may use (no stage imports)."""
