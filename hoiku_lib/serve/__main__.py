"""``python -m hoiku_lib.serve`` = ``hoiku serve`` (handy before the CLI is installed).

It goes through ``hoiku_lib.cli.main``, so the language, the messages and the exit codes
are those of every sub-command.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from hoiku_lib.cli import main as hoiku

    return hoiku(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
