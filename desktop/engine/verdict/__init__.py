"""The verdict: the rule and calibration (decision), the learned model, opinion words, written ratings."""
