"""The people a review names: candidates and their scoring (finder), the learned tagger, name lists, tone."""
