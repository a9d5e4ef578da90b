"""The people a review names: the finder (candidates, scoring, grouping), the learned tagger, name lists, tone."""
