"""Arguments and input handling shared by the subcommands."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError


def add_rule_arguments(p) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="extra rule file or folder, on top of the built-in rules (repeatable)")
    p.add_argument("--no-site-rules", action="store_true", help="use the generic heuristics only")


def rule_kwargs(args) -> dict:
    return {"rules": list(args.rules) or None, "site_rules": not args.no_site_rules}


def read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; explain takes one capture file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror}") from None
