"""The panes: the article list, the reader (and its renderer), the quotes and entities panel."""
