"""Command line: ``resodocs parse | check | build | pdf | serve``.

Exit status: 0 on success, 1 when a file has errors (or warnings under ``--strict``), 2 on a
usage error. Diagnostics go to stderr as ``FILE:LINE:COL: error|warning[CODE]: message``
followed by the source line and a caret; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic
from .load import load
from .model import to_dict


def print_diagnostics(diagnostics: Sequence[Diagnostic], strict: bool) -> None:
    """Print diagnostics on stderr (warnings as errors under --strict)."""
    for d in diagnostics:
        d = d.as_error() if strict else d
        print(d.format(), file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    loaded = load(Path(args.file), args.file)
    print_diagnostics(loaded.diagnostics, args.strict)
    if loaded.failed(args.strict) or loaded.resolution is None:
        return 1
    json.dump(to_dict(loaded.resolution), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands in the README)."""
    p = argparse.ArgumentParser(prog="resodocs", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("parse", help="print the model of one text as JSON")
    sp.add_argument("file")
    sp.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sp.set_defaults(func=cmd_parse)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``resodocs`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("resodocs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
