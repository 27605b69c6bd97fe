"""Offline training code for the tagging models (not imported at run time)."""
