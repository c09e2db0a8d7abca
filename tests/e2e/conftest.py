"""Fixtures of the end-to-end tests; the code lives in ``e2e_support`` (a unique module
name, so other test directories may have their own conftest without a clash)."""

from e2e_support import (  # noqa: F401 - fixtures and hooks pytest discovers by name
    browser,
    new_page,
    pytest_collection_modifyitems,
    server,
    viewport,
)
