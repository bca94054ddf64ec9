"""The desktop window (Qt only). Core code never imports from here."""
