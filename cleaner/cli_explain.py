"""`cleaner explain INPUT [--url URL]`: the capture, each removed line marked with its reason."""

from __future__ import annotations

import sys

from .cli_common import add_rule_arguments, read_input, rule_kwargs
from .explain import explain_text
from .pipeline import prepare


def add_arguments(p):
    p.add_argument("input", metavar="INPUT", help="a capture file, or - for stdin")
    p.add_argument("--url", help="the page's URL (picks site rules and fills metadata)")
    add_rule_arguments(p)


def run(args) -> int:
    raw = read_input(args.input)
    prepared = prepare(raw, args.url, **rule_kwargs(args))
    sys.stdout.write(explain_text(prepared, color=sys.stdout.isatty()))
    return 0
