"""Training the models the extractor ships (``python -m viewer train``): pure Python, no Qt."""
