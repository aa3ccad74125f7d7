"""Golden cases: a capture beside the article a person expects from it.

Checking never writes; only update() rewrites an expected file, and it is reached only through
`cleaner golden update`, so a test run can never bless its own output.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import CleanerError
from .pipeline import clean
from .render import as_golden

_CASE_KEYS = {"url", "description", "covers", "generic_only"}


@dataclass(frozen=True)
class GoldenCase:
    name: str
    folder: Path
    capture: Path
    url: str | None
    generic_only: bool
    covers: tuple[str, ...]
    description: str

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.txt"


def default_root() -> Path:
    return Path(__file__).resolve().parent.parent / "golden"


def load_case(folder: Path) -> GoldenCase:
    captures = sorted(p for p in folder.glob("input.*") if p.suffix in (".txt", ".html", ".htm", ".md"))
    if len(captures) != 1:
        raise CleanerError(f"{folder}: expected exactly one input.txt or input.html, found {len(captures)}")
    meta_path = folder / "case.toml"
    meta = tomllib.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    unknown = set(meta) - _CASE_KEYS
    if unknown:
        raise CleanerError(f"{meta_path}: unknown key(s) {', '.join(sorted(unknown))}")
    return GoldenCase(folder.name, folder, captures[0], meta.get("url"), bool(meta.get("generic_only", False)),
                      tuple(meta.get("covers", ())), meta.get("description", ""))


def load_cases(root: Path | None = None, names=()) -> list[GoldenCase]:
    root = root or default_root()
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if names:
        wanted = set(names)
        missing = wanted - {f.name for f in folders}
        if missing:
            raise CleanerError(f"no golden case named {', '.join(sorted(missing))} in {root}")
        folders = [f for f in folders if f.name in wanted]
    return [load_case(f) for f in folders]


def actual(case: GoldenCase, *, site_rules: bool = True) -> str:
    return as_golden(clean(case.capture.read_bytes(), case.url, site_rules=site_rules))


def _without_site(golden_text: str) -> str:
    return "".join(line for line in golden_text.splitlines(keepends=True) if not line.startswith("site:"))


def diff(expected: str, got: str, name: str, label: str = "actual") -> str:
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True), got.splitlines(keepends=True),
                                        f"{name}/expected.txt", f"{name} ({label})", n=2))


def check(case: GoldenCase) -> list[str]:
    """Readable diffs of every way the program disagrees with the expected output; empty if none."""
    if not case.expected_path.exists():
        return [f"{case.name}: no expected.txt (write it by hand, or review `cleaner golden update {case.name}`)"]
    expected = case.expected_path.read_text(encoding="utf-8")
    problems = []
    got = actual(case)
    if got != expected:
        problems.append(diff(expected, got, case.name))
    if case.generic_only:
        generic = actual(case, site_rules=False)
        if _without_site(generic) != _without_site(expected):
            problems.append(diff(_without_site(expected), _without_site(generic), case.name, "site rules off"))
    return problems


def update(case: GoldenCase) -> str:
    """Rewrite the expected output from the program; return the diff that was applied."""
    old = case.expected_path.read_text(encoding="utf-8") if case.expected_path.exists() else ""
    new = actual(case)
    if new != old:
        case.expected_path.write_text(new, encoding="utf-8")
    return diff(old, new, case.name, "new")
