"""The shared language layer: tokens, sentences and named entities from spaCy."""
