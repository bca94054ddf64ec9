"""The window's resources (stylesheets, the icon, the desktop files), installed as the package
``viewer.resources``: this file only makes the folder a package. See ``viewer/ui/resources.py``."""
