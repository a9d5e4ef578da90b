"""The library pane: the table of a folder's reviews, its summary chart, and the columns dialog."""
