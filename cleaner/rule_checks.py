"""Running the [[test]] entries that rule files carry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CleanerError
from .pipeline import clean
from .rule_files import RuleBook, SiteRules, builtin_rules_dir


@dataclass(frozen=True)
class TestOutcome:
    rules: SiteRules
    index: int
    problems: tuple[str, ...]
    #: why the test did not run (a built-in file's capture, which only a source checkout has)
    skipped: str | None = None


def run_rule_tests(rules: SiteRules, book: RuleBook) -> list[TestOutcome]:
    outcomes = []
    for i, t in enumerate(rules.tests):
        problems: list[str] = []
        try:
            raw = t.capture.read_bytes()
        except OSError as e:
            if isinstance(e, FileNotFoundError) and _is_builtin(rules):
                # Test captures live in golden/ of the source tree; an installed package has only
                # the rule files, and a missing capture there is not a fault of the rules.
                outcomes.append(TestOutcome(rules, i, (), "its capture is in the source checkout only"))
                continue
            problems.append(f"cannot read capture {t.capture}: {e.strerror}")
            outcomes.append(TestOutcome(rules, i, tuple(problems)))
            continue
        try:
            article = clean(raw, t.url, rules=book)
        except CleanerError as e:
            problems.append(f"clean() failed: {e}")
            outcomes.append(TestOutcome(rules, i, tuple(problems)))
            continue
        body = article.text
        if t.title is not None and article.title != t.title:
            problems.append(f"title is {article.title!r}, expected {t.title!r}")
        problems += [f"body lacks {s!r}" for s in t.must_contain if s not in body]
        problems += [f"body still contains {s!r}" for s in t.must_not_contain if s in body]
        if t.url is None and not t.capture.suffix.startswith(".htm"):
            # A text capture without URL must be recognised by the file's fingerprints.
            if rules.fingerprints and rules.fingerprint_hits(raw.decode("utf-8", "replace")) < rules.fingerprint_min:
                problems.append("the capture is not recognised by this file's fingerprints")
        outcomes.append(TestOutcome(rules, i, tuple(problems)))
    return outcomes


def _is_builtin(rules: SiteRules) -> bool:
    return Path(rules.path).resolve().parent == builtin_rules_dir().resolve()
