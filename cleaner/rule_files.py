"""Per-site rule files: TOML on disk, validated on load, compiled once.

A rule file is data a non-programmer edits, so every mistake is reported with the file, the
line and the key, and an unknown key is an error (a typo that is silently ignored is a rule
that silently does nothing). The format is documented in the README.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex
from cssselect import GenericTranslator, SelectorError

from .errors import RuleError
from .patterns import SafePattern

log = logging.getLogger(__name__)

_SCHEMA: dict[str, dict[str, str]] = {
    # table -> key -> expected type, as named in error messages
    "site": {
        "name": "string",
        "domains": "list of strings",
        "fingerprints": "list of patterns",
        "fingerprint_min": "integer",
    },
    "text": {
        "drop": "list of patterns or {pattern, reason} tables",
        "drop_blocks": "list of {start, end, reason} tables",
        "drop_after": "list of patterns or {pattern, reason} tables",
        "drop_before": "list of patterns or {pattern, reason} tables",
        "protect": "list of patterns",
    },
    "html": {"drop": "list of CSS selectors", "body": "CSS selector", "title": "CSS selector"},
    "metadata": {"date": "list of patterns", "byline": "list of patterns", "title": "list of patterns"},
}
_TEST_KEYS = {"capture": "string", "url": "string", "must_contain": "list of strings",
              "must_not_contain": "list of strings", "title": "string"}


def on_domain(host: str | None, domain: str) -> bool:
    """Is host the domain itself or one of its subdomains?"""
    return bool(host) and (host == domain or host.endswith("." + domain))


@dataclass(frozen=True)
class LineRule:
    pattern: SafePattern
    reason: str


@dataclass(frozen=True)
class BlockRule:
    start: SafePattern
    end: SafePattern | None
    reason: str


@dataclass(frozen=True)
class RuleTest:
    capture: Path
    url: str | None
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]
    title: str | None


@dataclass(frozen=True)
class SiteRules:
    path: Path
    name: str
    domains: tuple[str, ...]
    fingerprints: tuple[SafePattern, ...] = ()
    fingerprint_min: int = 1
    drop: tuple[LineRule, ...] = ()
    drop_blocks: tuple[BlockRule, ...] = ()
    drop_after: tuple[LineRule, ...] = ()
    drop_before: tuple[LineRule, ...] = ()
    protect: tuple[SafePattern, ...] = ()
    html_drop: tuple[str, ...] = ()  # XPath, translated from the CSS the file gives
    html_body: str | None = None
    html_title: str | None = None
    meta_date: tuple[SafePattern, ...] = ()
    meta_byline: tuple[SafePattern, ...] = ()
    meta_title: tuple[SafePattern, ...] = ()
    tests: tuple[RuleTest, ...] = field(default=(), compare=False)

    @property
    def label(self) -> str:
        """How removals name this file: ``rules/<file name>``."""
        return f"rules/{self.path.name}"

    def covers(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(on_domain(host, d) for d in self.domains)

    def fingerprint_hits(self, text: str) -> int:
        head = text[:200_000]
        return sum(1 for p in self.fingerprints if p.search(head))

    def is_protected(self, line: str) -> bool:
        return any(p.search(line) for p in self.protect)

    def tail_cut(self, lines: list[str]) -> tuple[int, LineRule] | None:
        """Where ``drop_after`` cuts: the first line matching any of its markers (and that marker)."""
        found = ((i, r) for i, line in enumerate(lines) for r in self.drop_after if r.pattern.search(line))
        return next(found, None)

    def head_cut(self, lines: list[str]) -> tuple[int, LineRule] | None:
        """Where ``drop_before`` cuts: the line of the lowest first match of its markers (and that marker).

        Each marker counts where it first appears (a menu line repeated in the footer marks the
        top); a cut at or below the tail cut is no cut, as the page is not laid out as the markers
        say, and dropping both ends would leave nothing.
        """
        if not self.drop_before:
            return None
        cut = None
        for r in self.drop_before:
            i = next((i for i, line in enumerate(lines) if r.pattern.search(line)), None)
            if i is not None and (cut is None or i > cut[0]):
                cut = (i, r)
        tail = self.tail_cut(lines)
        return None if cut is None or (tail is not None and cut[0] >= tail[0]) else cut


class _Locator:
    """Finds the line of a key in TOML source, since tomllib reports none for valid files."""

    def __init__(self, source: str):
        self.lines = source.splitlines()

    def line_of(self, table: str | None, key: str | None, index: int | None = None) -> int | None:
        current, seen = None, -1
        header = regex.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
        for number, text in enumerate(self.lines, 1):
            m = header.match(text)
            if m:
                current = m.group(1)
                if current == table and text.lstrip().startswith("[["):
                    seen += 1
                if key is None and current == table and (index is None or seen == index):
                    return number
                continue
            in_table = current == table and (index is None or seen == index)
            if in_table and key and regex.match(rf"^\s*[\"']?{regex.escape(key)}[\"']?\s*=", text):
                return number
        return None


class _Reader:
    """Validates one parsed file and compiles it, raising RuleError at the first problem."""

    def __init__(self, path: Path, source: str, timeout: float):
        self.path, self.loc, self.timeout = path, _Locator(source), timeout

    def fail(self, table, key, problem, index=None):
        # A missing key has no line of its own: point at its table instead.
        line = self.loc.line_of(table, key, index) or self.loc.line_of(table, None, index)
        raise RuleError(self.path, line, f"{table}.{key}" if key else table, problem)

    def pattern(self, table, key, value, index=None) -> SafePattern:
        if not isinstance(value, str) or not value:
            self.fail(table, key, f"expected a non-empty pattern string, got {value!r}", index)
        try:
            return SafePattern(value, timeout=self.timeout, origin=f"{self.path.name} {table}.{key}")
        except regex.error as e:
            self.fail(table, key, f"invalid pattern {value!r}: {e}", index)

    def strings(self, table, key, value) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(table, key, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def patterns(self, table, key, value) -> tuple[SafePattern, ...]:
        if not isinstance(value, list):
            self.fail(table, key, f"expected a list of patterns, got {value!r}")
        return tuple(self.pattern(table, key, v) for v in value)

    def line_rules(self, table, key, value, default_reason) -> tuple[LineRule, ...]:
        if not isinstance(value, list):
            self.fail(table, key, f"expected a list, got {value!r}")
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(LineRule(self.pattern(table, key, item), default_reason))
            elif isinstance(item, dict):
                self.only_keys(table, key, item, {"pattern", "reason"})
                reason = item.get("reason", default_reason)
                if not isinstance(reason, str) or not regex.fullmatch(r"[a-z0-9][a-z0-9\-]*", reason):
                    self.fail(table, key, f"reason must be a short code like 'promo', got {reason!r}")
                out.append(LineRule(self.pattern(table, key, item.get("pattern")), reason))
            else:
                self.fail(table, key, f"expected a pattern or a {{pattern, reason}} table, got {item!r}")
        return tuple(out)

    def only_keys(self, table, key, item: dict, allowed: set[str]):
        extra = sorted(set(item) - allowed)
        if extra:
            self.fail(table, key, f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})")

    def selector(self, table, key, value) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(table, key, f"expected a CSS selector string, got {value!r}")
        try:
            return GenericTranslator().css_to_xpath(value)
        except SelectorError as e:
            self.fail(table, key, f"invalid CSS selector {value!r}: {e}")

    def read(self, data: dict) -> SiteRules:
        for table, value in data.items():
            if table == "test":
                continue
            if table not in _SCHEMA:
                self.fail(table, None, f"unknown table [{table}] (allowed: {', '.join([*_SCHEMA, 'test'])})")
            if not isinstance(value, dict):
                self.fail(table, None, f"[{table}] must be a table")
            for key in value:
                if key not in _SCHEMA[table]:
                    allowed = ", ".join(_SCHEMA[table])
                    self.fail(table, key, f"unknown key {key!r} in [{table}] (allowed: {allowed})")
        site = data.get("site")
        if not site or "domains" not in site:
            raise RuleError(self.path, self.loc.line_of("site", None), "site.domains",
                            "every rule file needs [site] with domains = [\"example.com\", ...]")
        domains = self.strings("site", "domains", site["domains"])
        if not domains or not all(regex.fullmatch(r"[a-z0-9.\-]+\.[a-z]{2,}", d) for d in domains):
            self.fail("site", "domains", f"expected lower-case host names like 'example.com', got {list(domains)!r}")
        name = site.get("name", domains[0])
        if not isinstance(name, str):
            self.fail("site", "name", f"expected a string, got {name!r}")
        fmin = site.get("fingerprint_min", 1)
        if not isinstance(fmin, int) or isinstance(fmin, bool) or fmin < 1:
            self.fail("site", "fingerprint_min", f"expected a positive integer, got {fmin!r}")
        text, html, meta = data.get("text", {}), data.get("html", {}), data.get("metadata", {})
        blocks = []
        for item in text.get("drop_blocks", []):
            if not isinstance(item, dict):
                self.fail("text", "drop_blocks", f"expected a {{start, end, reason}} table, got {item!r}")
            self.only_keys("text", "drop_blocks", item, {"start", "end", "reason"})
            end = item.get("end")
            blocks.append(BlockRule(self.pattern("text", "drop_blocks", item.get("start")),
                                    self.pattern("text", "drop_blocks", end) if end is not None else None,
                                    item.get("reason", "site-block")))
        return SiteRules(
            path=self.path,
            name=name,
            domains=domains,
            fingerprints=self.patterns("site", "fingerprints", site.get("fingerprints", [])),
            fingerprint_min=fmin,
            drop=self.line_rules("text", "drop", text.get("drop", []), "site-line"),
            drop_blocks=tuple(blocks),
            drop_after=self.line_rules("text", "drop_after", text.get("drop_after", []), "site-tail"),
            drop_before=self.line_rules("text", "drop_before", text.get("drop_before", []), "site-head"),
            protect=self.patterns("text", "protect", text.get("protect", [])),
            html_drop=tuple(self.selector("html", "drop", s) for s in self._list(html, "html", "drop")),
            html_body=self.selector("html", "body", html["body"]) if "body" in html else None,
            html_title=self.selector("html", "title", html["title"]) if "title" in html else None,
            meta_date=self.patterns("metadata", "date", meta.get("date", [])),
            meta_byline=self.patterns("metadata", "byline", meta.get("byline", [])),
            meta_title=self.patterns("metadata", "title", meta.get("title", [])),
            tests=self.tests(data.get("test", [])),
        )

    def _list(self, table_value, table, key):
        value = table_value.get(key, [])
        if not isinstance(value, list):
            self.fail(table, key, f"expected a list, got {value!r}")
        return value

    def tests(self, entries) -> tuple[RuleTest, ...]:
        if not isinstance(entries, list):
            self.fail("test", None, "tests are written as [[test]] tables")
        out = []
        for i, t in enumerate(entries):
            for key in t:
                if key not in _TEST_KEYS:
                    self.fail("test", key, f"unknown key {key!r} in [[test]] (allowed: {', '.join(_TEST_KEYS)})", i)
            if not isinstance(t.get("capture"), str):
                self.fail("test", "capture", "each [[test]] needs capture = \"path/to/capture\"", i)
            capture = (self.path.parent / t["capture"]).resolve()
            out.append(RuleTest(
                capture=capture,
                url=t.get("url"),
                must_contain=self.strings("test", "must_contain", t.get("must_contain", [])),
                must_not_contain=self.strings("test", "must_not_contain", t.get("must_not_contain", [])),
                title=t.get("title"),
            ))
        return tuple(out)


def load_rule_file(path: str | Path, *, timeout: float = 0.05) -> SiteRules:
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(path, None, None, f"cannot read rule file: {e}") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        m = regex.search(r"line (\d+)", str(e))
        raise RuleError(path, int(m.group(1)) if m else None, None, f"not valid TOML: {e}") from None
    return _Reader(path, source, timeout).read(data)


def builtin_rules_dir() -> Path:
    """The rules/ folder shipped with the project (installed as package data, or the checkout's)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "builtin_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate.resolve()  # in a checkout, builtin_rules links to rules/
    return here.parent / "rules"


def _rule_paths(paths) -> list[Path]:
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        elif p.exists():
            out.append(p)
        else:
            raise RuleError(p, None, None, "no such rule file or folder")
    return out


class RuleBook:
    """All rule files in use, and the choice of the one that applies to a capture."""

    def __init__(self, rule_sets: list[SiteRules]):
        self.rule_sets = tuple(rule_sets)

    @classmethod
    def load(cls, extra=(), *, builtin: bool = True, timeout: float = 0.05) -> RuleBook:
        paths = ([builtin_rules_dir()] if builtin and builtin_rules_dir().is_dir() else []) + list(extra)
        return cls([load_rule_file(p, timeout=timeout) for p in _rule_paths(paths)])

    def for_capture(self, host: str | None, text: str) -> SiteRules | None:
        if host:
            matches = [r for r in self.rule_sets if r.covers(host)]
            if matches:
                # The most specific domain wins: a rule for sport.example.com beats example.com.
                # Between equals the file loaded last wins: extra rules (given by the user, or
                # learned from a batch) override the built-in file for the same site.
                return max(reversed(matches), key=lambda r: max(len(d) for d in r.domains if on_domain(host, d)))
        best, best_hits = None, 0
        for r in self.rule_sets:
            if not r.fingerprints:
                continue
            hits = r.fingerprint_hits(text)
            if hits >= r.fingerprint_min and hits >= best_hits:  # ties: the later file, as above
                best, best_hits = r, hits
        return best


@functools.lru_cache(maxsize=64)
def cached_rule_book(extra: tuple[str, ...], builtin: bool, timeout: float) -> RuleBook:
    """Rule books are compiled once per process and per set of paths: loading is the slow part."""
    return RuleBook.load(extra, builtin=builtin, timeout=timeout)
