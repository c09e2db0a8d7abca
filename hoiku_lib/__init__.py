"""HOIKU helper library."""
