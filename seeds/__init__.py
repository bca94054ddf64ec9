"""The sample articles, installed as the package ``viewer.seeds``: this file only makes the
folder a package (the readers skip it). See ``viewer/ui/resources.py``."""
