"""``python -m hoiku_lib.serve`` = ``hoiku serve`` (handy before the CLI is installed)."""

from __future__ import annotations

import argparse
import sys

from hoiku_lib.serve.cli import register


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hoiku")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
