"""Notebook tests: run every notebook under notebooks/ (nbval) and keep kernels lean."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
