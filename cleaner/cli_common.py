"""Arguments and input handling shared by the subcommands."""

from __future__ import annotations

import argparse
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


def whole_number(value: str, *, least: int = 0) -> int:
    """argparse type: a whole number of at least ``least``, with a message a user can act on."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}, not {n}")
    return n


def positive_int(value: str) -> int:
    return whole_number(value, least=1)
