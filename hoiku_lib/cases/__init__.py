"""Case vignettes: schema, linter, grading and CLI (``hoiku cases``)."""
