"""`cleaner rules check [PATH...]`: validate rule files and run the tests they carry."""

from __future__ import annotations

import importlib
from pathlib import Path

from .errors import RuleError
from .rule_checks import run_rule_tests
from .rule_files import RuleBook, _rule_paths, builtin_rules_dir, load_rule_file


def add_arguments(p):
    sub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    q = sub.add_parser("check", help="validate rule files and run their [[test]] entries",
                       description="Validate rule files (default: the built-in rules/) and run their tests.")
    q.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    _add_learn(sub)


def _add_learn(sub) -> None:
    try:
        learn = importlib.import_module("cleaner.cli_rules_learn")
    except ModuleNotFoundError as e:
        if e.name != "cleaner.cli_rules_learn":
            raise
        return
    learn.add_parser(sub)


def run(args) -> int:
    if args.rules_command != "check":
        return args._learn(args)
    paths = [Path(p) for p in args.paths] or [builtin_rules_dir()]
    files, errors = [], 0
    for path in _rule_paths(paths):
        try:
            files.append(load_rule_file(path))
        except RuleError as e:
            errors += 1
            print(f"error: {e}")
    # Tests run against the rules being checked alone: the built-in set must not mask a bad file.
    book = RuleBook(files)
    failed = passed = skipped = 0
    for rules in files:
        for outcome in run_rule_tests(rules, book):
            if outcome.skipped:
                skipped += 1
                print(f"skip {rules.path} test #{outcome.index + 1}: {outcome.skipped}")
            elif outcome.problems:
                failed += 1
                print(f"FAIL {rules.path} test #{outcome.index + 1}")
                for problem in outcome.problems:
                    print(f"     {problem}")
            else:
                passed += 1
        if not rules.tests:
            print(f"note {rules.path}: no [[test]] entries")
    print(f"{len(files)} rule files valid, {errors} invalid; {passed} passed, {failed} failed"
          + (f", {skipped} skipped" if skipped else ""))
    return 1 if errors or failed else 0
