"""`cleaner eval BENCH_DIR`: score cleaner (and optionally public extractors) on a benchmark folder."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import baselines, evaluation
from .cli_common import positive_int
from .evaluation import PageResult, RunConfig, SystemReport

CSV_COLUMNS = ("id", "system", "precision", "recall", "f1", "snippets_ok", "snippets", "seconds", "error")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "bench", type=Path, metavar="BENCH_DIR", help="folder with cases.jsonl (../shared/bench/*/)"
    )
    parser.add_argument(
        "--mode",
        default="html",
        help="html (raw HTML bytes with the case URL; default) or text:RENDERER (the text capture of "
        "that renderer, e.g. text:lynx, without URL)",
    )
    parser.add_argument(
        "--no-site-rules", action="store_true", help="run cleaner with generic heuristics only"
    )
    parser.add_argument(
        "--include-title", action="store_true",
        help="score cleaner's title + body (for truths that include the headline, e.g. l3s-gn1)",
    )
    parser.add_argument(
        "--compare",
        default="",
        metavar="NAMES",
        help=f"comma-separated extractors to run beside cleaner: {', '.join(baselines.ALL_BASELINES)} "
        "(html mode: all but identity; text modes: c4 and identity)",
    )
    parser.add_argument("--no-cleaner", action="store_true", help="run only the --compare extractors")
    parser.add_argument("--csv", type=Path, metavar="PATH", help="write one row per page and system here")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the first N cases")
    parser.add_argument(
        "--jobs", type=positive_int, default=1, metavar="N", help="pages scored in parallel (default 1)"
    )



def run(args: argparse.Namespace) -> int:
    mode = evaluation.Mode.parse(args.mode)
    compare = [name.strip() for name in args.compare.split(",") if name.strip()]
    systems, skipped = evaluation.systems_for_mode(mode, compare, with_cleaner=not args.no_cleaner)
    for name in skipped:
        print(f"cleaner eval: {name} does not apply to {mode} captures; skipped", file=sys.stderr)
    cases = evaluation.load_cases(args.bench, args.limit)
    config = RunConfig(bench=args.bench, mode=mode, systems=tuple(systems), site_rules=not args.no_site_rules,
                       include_title=args.include_title)
    evaluation.check_ready(config, cases)

    pages = _with_progress(evaluation.run(config, cases, args.jobs), len(cases))
    results = list(_written_to_csv(pages, args.csv))
    reports = evaluation.report(systems, results)
    print_reports(sys.stdout, config, len(cases), reports)
    return 0


def _with_progress(pages: Iterator[list[PageResult]], total: int) -> Iterator[PageResult]:
    """Flatten page results, showing a counter on a terminal (runs over ~1000 pages take minutes)."""
    show = sys.stderr.isatty()
    for done, page in enumerate(pages, 1):
        if show:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
        yield from page
    if show:
        print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)


def _written_to_csv(results: Iterable[PageResult], path: Path | None) -> Iterator[PageResult]:
    if path is None:
        yield from results
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        for r in results:
            writer.writerow(csv_row(r))
            yield r
    tmp.replace(path)  # no half-written CSV left behind by an interrupted run


def csv_row(r: PageResult) -> list[str]:
    tokens = r.score.tokens
    metrics = [f"{v:.6f}" for v in (tokens.precision, tokens.recall, tokens.f1)] if tokens else ["", "", ""]
    snippets = r.score.snippets
    return [
        r.case_id,
        r.system,
        *metrics,
        str(snippets.ok) if snippets.total else "",
        str(snippets.total) if snippets.total else "",
        f"{r.seconds:.4f}",
        r.error or "",
    ]


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_reports(out: TextIO, config: RunConfig, n_cases: int, reports: Sequence[SystemReport]) -> None:
    site_rules = "on" if config.site_rules else "off"
    print(f"bench: {config.bench}  mode: {config.mode}  pages: {n_cases}  site rules: {site_rules}", file=out)
    width = max(len("system"), *(len(r.system) for r in reports))
    header = (
        f"{'system':<{width}}  cases  mean_p  mean_r  mean_f1  micro_p  micro_r  micro_f1"
        "  snippets_ok  snippets  errors  seconds"
    )
    print(header, file=out)
    for r in reports:
        s = r.summary
        print(
            f"{r.system:<{width}}  {s.cases:>5}  {_fmt(s.mean_p):>6}  {_fmt(s.mean_r):>6}"
            f"  {_fmt(s.mean_f1):>7}  {_fmt(s.micro_p):>7}  {_fmt(s.micro_r):>7}  {_fmt(s.micro_f1):>8}"
            f"  {_fmt(s.snippets_ok):>11}  {s.snippets:>8}  {r.errors:>6}  {r.seconds:>7.1f}",
            file=out,
        )
    if any(r.summary.worst for r in reports):
        print("\nworst pages (f1, id):", file=out)
        for r in reports:
            if r.summary.worst:
                print(f"  {r.system}:", file=out)
                for case_id, f1 in r.summary.worst:
                    print(f"    {f1:.3f}  {case_id}", file=out)
