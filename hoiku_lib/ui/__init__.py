"""ipywidgets apps: thin front ends over hoiku_lib, unit-tested without a browser."""
