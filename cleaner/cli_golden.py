"""`cleaner golden check` and `cleaner golden update [CASE...]`."""

from __future__ import annotations

import sys
from pathlib import Path

from . import golden


def add_arguments(p):
    sub = p.add_subparsers(dest="golden_command", metavar="ACTION", required=True)
    for name, help_text in (("check", "diff every case against its expected output"),
                            ("update", "rewrite expected outputs from the program (review the diff!)")):
        q = sub.add_parser(name, help=help_text, description=help_text)
        q.add_argument("cases", nargs="*", metavar="CASE", help="case folder names (default: all)")
        q.add_argument("--root", type=Path, default=None, help="golden folder (default: the project's golden/)")


def run(args) -> int:
    cases = golden.load_cases(args.root, args.cases)
    if args.golden_command == "update":
        for case in cases:
            applied = golden.update(case)
            print(applied if applied else f"{case.name}: unchanged")
        return 0
    failed = 0
    for case in cases:
        problems = golden.check(case)
        if problems:
            failed += 1
            print(f"FAIL {case.name}")
            for p in problems:
                sys.stdout.write(p if p.endswith("\n") else p + "\n")
        else:
            print(f"ok   {case.name}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0
