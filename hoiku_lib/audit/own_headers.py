"""Say a column as the user's own export names it.

Remarks and messages are kept with canonical column names (``entry_date``); the user knows
the column by the header of their own export ("Kirjauspäivä"). When the audit mapped a
header to the column, the message names that header. Only headers are used — never a cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


def header_for(column: str | None, mapping: Mapping[str, str]) -> str | None:
    """The export's header mapped to canonical ``column``, else ``column`` itself."""
    if not column:
        return column
    for header, canonical in mapping.items():
        if canonical == column:
            return str(header)
    return column


def with_own_headers(problems: list, mapping: Mapping[str, str]) -> list:
    """Copies of ``problems`` whose column is the user's header where one was mapped."""
    return [dataclasses.replace(p, where=header_for(p.where, mapping)) for p in problems]
