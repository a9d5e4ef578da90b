"""The reading view: the review's text with its colours and marks, find, and its background analysis."""
