"""Article Viewer: read scraped news, see its quotes and named entities."""

__version__ = "0.1.0"
