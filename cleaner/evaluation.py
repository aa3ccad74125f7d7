"""Run cleaner (and optionally public baselines) over a benchmark folder and score every page.

A benchmark folder has the layout of ../shared/bench/*/ (see its README): cases.jsonl with id, url,
html (gzip path), truth (path or null), with / without snippets and text: {renderer: path}.

Pages are read one at a time inside the worker that scores them, so memory stays bounded by one
page (per worker) whatever the size of the benchmark. Nothing here prints.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import baselines
from .decode import decode
from .errors import CleanerError
from .scoring import PageScore, Summary, score_page, summarise

CLEANER = "cleaner"
#: the text captures of a benchmark folder (text/<renderer>/), as ../shared/bench makes them
RENDERERS = ("innertext", "inscriptis", "lynx", "html2text")
HTML_MODE = "html"
TEXT_PREFIX = "text:"
# A worker process is replaced after this many pages, so that a leak in an extractor cannot grow forever.
PAGES_PER_WORKER = 200
MAX_ERROR_CHARS = 300


class BenchError(CleanerError):
    """The benchmark folder or the requested mode/systems cannot be used."""


@dataclass(frozen=True)
class Case:
    id: str
    url: str | None
    html: str | None  # path relative to the bench folder
    truth: str | None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    text: Mapping[str, str] = field(default_factory=dict)  # renderer -> path of the text capture


@dataclass(frozen=True)
class Mode:
    """``html`` (raw HTML with its URL) or ``text:RENDERER`` (a text capture, judged without URL)."""

    renderer: str | None = None  # None = HTML

    @property
    def is_html(self) -> bool:
        return self.renderer is None

    def __str__(self) -> str:
        return HTML_MODE if self.is_html else f"{TEXT_PREFIX}{self.renderer}"

    @classmethod
    def parse(cls, spec: str) -> Mode:
        if spec == HTML_MODE:
            return cls()
        if spec.startswith(TEXT_PREFIX) and spec[len(TEXT_PREFIX) :]:
            return cls(spec[len(TEXT_PREFIX) :])
        raise BenchError(f"mode must be 'html' or 'text:RENDERER' (e.g. text:lynx), not {spec!r}")


@dataclass(frozen=True)
class RunConfig:
    bench: Path
    mode: Mode
    systems: tuple[str, ...]  # "cleaner" and/or baseline names, in the order to report them
    site_rules: bool = True
    # Some truths include the headline (l3s-gn1), others do not (zyte-article).
    include_title: bool = False


@dataclass(frozen=True)
class PageResult:
    system: str
    score: PageScore
    seconds: float
    error: str | None = None

    @property
    def case_id(self) -> str:
        return self.score.id


@dataclass(frozen=True)
class SystemReport:
    system: str
    summary: Summary
    pages: int
    errors: int
    seconds: float


def load_cases(bench: Path, limit: int | None = None) -> list[Case]:
    """The cases of a bench folder in file order (only their metadata; pages are read later)."""
    path = bench / "cases.jsonl"
    if not path.is_file():
        raise BenchError(f"{bench}: no cases.jsonl here; expected a folder laid out like ../shared/bench/*/")
    cases = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if limit is not None and len(cases) >= limit:
                break
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                cases.append(
                    Case(
                        id=str(d["id"]),
                        url=d.get("url") or None,
                        html=d.get("html") or None,
                        truth=d.get("truth") or None,
                        with_=tuple(d.get("with") or ()),
                        without=tuple(d.get("without") or ()),
                        text=dict(d.get("text") or {}),
                    )
                )
            except (ValueError, KeyError, TypeError) as e:
                raise BenchError(f"{path}:{number}: not a valid case ({e})") from e
    return cases


def systems_for_mode(mode: Mode, compare: Sequence[str], with_cleaner: bool) -> tuple[list[str], list[str]]:
    """(systems to run, baselines skipped because they do not apply to this mode)."""
    applicable = baselines.HTML_BASELINES if mode.is_html else baselines.TEXT_BASELINES
    unknown = [name for name in compare if name not in baselines.ALL_BASELINES]
    if unknown:
        raise BenchError(
            f"unknown baseline(s) {', '.join(unknown)}; known: {', '.join(baselines.ALL_BASELINES)}"
        )
    chosen = list(dict.fromkeys(compare))
    systems = ([CLEANER] if with_cleaner else []) + [name for name in chosen if name in applicable]
    skipped = [name for name in chosen if name not in applicable]
    return systems, skipped


def check_ready(config: RunConfig, cases: Sequence[Case]) -> None:
    """Fail before the run, not on every page, when a system or the requested captures are missing."""
    if not config.systems:
        raise BenchError("nothing to run: no system left for this mode")
    if CLEANER in config.systems:
        _cleaner_clean()
    if config.mode.is_html:
        for name in config.systems:
            if name != CLEANER:
                baselines.require(name)
        if cases and not any(c.html for c in cases):
            raise BenchError(f"{config.bench}: no case has an html capture")
    elif cases and not any(config.mode.renderer in c.text for c in cases):
        renderers = sorted({r for c in cases for r in c.text})
        raise BenchError(
            f"{config.bench}: no text captures for renderer {config.mode.renderer!r}; "
            f"available: {', '.join(renderers) or 'none'}"
        )


def _cleaner_clean():
    try:
        from . import clean  # type: ignore[attr-defined]
    except ImportError as e:
        raise BenchError(
            f"cleaner.clean() is not available ({e}); run only the baselines with --no-cleaner"
        ) from e
    return clean


def read_capture(bench: Path, case: Case, mode: Mode) -> bytes:
    """The raw bytes a system is given: gunzipped HTML, or the text capture file as saved."""
    if mode.is_html:
        if not case.html:
            raise BenchError(f"case {case.id} has no html capture")
        with gzip.open(bench / case.html, "rb") as f:
            return f.read()
    path = case.text.get(mode.renderer or "")
    if not path:
        raise BenchError(f"case {case.id} has no {mode.renderer} text capture")
    return (bench / path).read_bytes()


def read_truth(bench: Path, case: Case) -> str | None:
    if not case.truth:
        return None
    # errors="replace" as score.py does, so a stray byte scores the same on both sides.
    return (bench / case.truth).read_text(encoding="utf-8", errors="replace")


def _one_line_error(e: BaseException) -> str:
    text = " ".join(f"{type(e).__name__}: {e}".split())
    return text[:MAX_ERROR_CHARS]


def _run_system(system: str, raw: bytes, decoded: str, case: Case, config: RunConfig) -> str:
    if system == CLEANER:
        clean = _cleaner_clean()
        # A text capture is judged without its URL: in real use a text dump rarely comes with one.
        url = case.url if config.mode.is_html else None
        return clean(raw, url, site_rules=config.site_rules, include_title=config.include_title).text
    table = baselines.HTML_BASELINES if config.mode.is_html else baselines.TEXT_BASELINES
    return table[system](decoded)


def evaluate_case(config: RunConfig, case: Case) -> list[PageResult]:
    """Every system of the run on one page; never raises for a page-level failure."""
    try:
        truth = read_truth(config.bench, case)
    except OSError as e:
        truth, truth_error = "", _one_line_error(e)  # counted as a page nobody can get right
    else:
        truth_error = None
    try:
        raw = read_capture(config.bench, case, config.mode)
        read_error = None
    except (OSError, EOFError, BenchError) as e:
        raw, read_error = None, _one_line_error(e)
    decoded, decode_seconds = "", 0.0
    if raw is not None and any(s != CLEANER for s in config.systems):
        start = time.perf_counter()
        decoded = decode(raw)  # once per page, shared by every baseline
        decode_seconds = time.perf_counter() - start
    results = []
    for system in config.systems:
        output, error, seconds = "", read_error or truth_error, 0.0
        if raw is not None:
            start = time.perf_counter()
            try:
                output = _run_system(system, raw, decoded, case, config)
            except Exception as e:  # noqa: BLE001 - a failing extractor scores empty and the run goes on
                output, error = "", _one_line_error(e)
            seconds = time.perf_counter() - start + (0.0 if system == CLEANER else decode_seconds)
        score = score_page(case.id, output, truth, case.with_, case.without)
        results.append(PageResult(system, score, seconds, error))
    return results


def run(config: RunConfig, cases: Sequence[Case], jobs: int = 1) -> Iterator[list[PageResult]]:
    """Results page by page, in case order (also with several jobs)."""
    worker = partial(evaluate_case, config)
    if jobs <= 1 or len(cases) <= 1:
        yield from map(worker, cases)
        return
    with multiprocessing.Pool(min(jobs, len(cases)), maxtasksperchild=PAGES_PER_WORKER) as pool:
        # imap keeps case order; chunksize 1 because page costs vary by orders of magnitude.
        yield from pool.imap(worker, cases, chunksize=1)


def report(systems: Sequence[str], results: Iterable[PageResult]) -> list[SystemReport]:
    by_system: dict[str, list[PageResult]] = {s: [] for s in systems}
    for r in results:
        by_system.setdefault(r.system, []).append(r)
    return [
        SystemReport(
            system=s,
            summary=summarise(r.score for r in rows),
            pages=len(rows),
            errors=sum(r.error is not None for r in rows),
            seconds=sum(r.seconds for r in rows),
        )
        for s, rows in by_system.items()
    ]
