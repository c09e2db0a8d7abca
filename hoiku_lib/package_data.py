"""Where the package's own content lives: the taxonomy, actions, resources, laws, guide
places, vignettes, the audit's word lists and model, and the dashboards' notebooks.

All of it is package data, so a built wheel works without a source checkout. The paths are
found with importlib.resources; HOIKU installs as a plain directory (no zip import), so
they are real folders that Voilà and the YAML readers can open.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("hoiku_lib")))
#: taxonomy.yaml, actions.yaml, resources.yaml, laws.yaml, guide.yaml, audit/, samples/
DATA_DIR = PACKAGE_DIR / "data"
#: the shipped case vignettes (<id>.yaml)
CASES_DIR = DATA_DIR / "cases"
#: the labelled notes the disclosure word model is trained on (scripts/train_disclosure_model.py)
TRAINING_DIR = DATA_DIR / "audit" / "training"
#: dashboards/*.ipynb served by `hoiku serve`, and audit.ipynb
NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
