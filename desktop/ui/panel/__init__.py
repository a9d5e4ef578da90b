"""The side panel: the verdict card, the file card, the people list, the sentiment arc and legend."""
