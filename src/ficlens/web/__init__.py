"""The local web app over a corpus (FastAPI)."""
