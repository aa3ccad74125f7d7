"""The `cleaner` command: a thin dispatcher; each subcommand lives in its own cli_<name> module."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .errors import CleanerError

# name -> module; each module has add_arguments(parser) and run(args) -> int exit code.
COMMANDS = {
    "clean": ("cli_clean", "clean captures into articles"),
    "explain": ("cli_explain", "show a capture with every removed line marked with its reason"),
    "rules": ("cli_rules", "check or learn site rule files"),
    "golden": ("cli_golden", "check or update the golden cases"),
    "eval": ("cli_eval", "score against a benchmark folder, optionally beside other extractors"),
    "bench": ("cli_bench", "measure speed and memory against trafilatura"),
}

EXIT_OK, EXIT_USAGE, EXIT_INTERNAL = 0, 2, 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Turn raw web captures into clean articles.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, help_text) in COMMANDS.items():
        try:
            mod = importlib.import_module(f"cleaner.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"cleaner.{module}":
                raise
            continue  # a command not built yet is simply absent from --help
        p = sub.add_parser(name, help=help_text, description=help_text)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="cleaner: %(levelname)s: %(message)s")
    if not args.debug:
        # The extractor's own chatter ("discarding data", "parsed tree length: 0") is about pages we
        # already report on; users see it only with --debug.
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        return args._run(args)
    except CleanerError as e:
        if args.debug:
            raise
        print(f"cleaner: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a bug: one line for the user, the traceback with --debug
        if args.debug:
            raise
        message = str(e).splitlines()[0] if str(e) else ""
        print(f"cleaner: internal error: {type(e).__name__}{': ' + message if message else ''} "
              f"(rerun with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
