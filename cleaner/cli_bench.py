"""`cleaner bench [BENCH_DIR]`: speed and memory of cleaner beside trafilatura.extract.

A benchmark, not a test: the figures depend on the machine. The measuring is in speed_bench; this
module parses the arguments, prints each part as soon as it is measured and writes the profiles.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from . import speed_bench as sb
from .cli_common import positive_int, whole_number

TARGET_HTML_RATIO = 1.0
TARGET_TEXT_MB_S = 15.0
TARGET_JOBS_RATIO = 1.8


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "bench",
        nargs="?",
        type=Path,
        default=sb.DEFAULT_BENCH,
        metavar="BENCH_DIR",
        help="folder with cases.jsonl, html/, text/ "
        "(default: ../shared/bench/zyte-article beside the project)",
    )
    parser.add_argument(
        "--passes", type=positive_int, default=3, metavar="N", help="timed passes over the pages (default 3)"
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the first N pages")
    parser.add_argument(
        "--docs",
        type=whole_number,
        default=10_000,
        metavar="N",
        help="documents cleaned in the memory run, cycling through every capture (default 10000; 0 skips it)",
    )
    parser.add_argument(
        "--rss-every",
        type=positive_int,
        default=1000,
        metavar="N",
        help="RSS sample every N documents of the memory run (default 1000)",
    )
    parser.add_argument(
        "--jobs-compare",
        action="store_true",
        help="also time `cleaner clean FOLDER -o OUT.jsonl` at --jobs 1 and --jobs 2",
    )
    parser.add_argument(
        "--batch-docs",
        type=positive_int,
        default=2000,
        metavar="N",
        help="captures in the --jobs-compare folder (default 2000)",
    )
    parser.add_argument(
        "--profile",
        action="append",
        choices=("text", "html"),
        default=[],
        help="profile that path and write RESULTS/profile-<path>.txt (repeatable)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=sb.DEFAULT_RESULTS,
        metavar="DIR",
        help="where profiles are written (default: bench/results of the project)",
    )




def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    pages = sb.load_pages(args.bench, args.limit)
    _emit(
        out,
        [
            f"cleaner bench {args.bench}: {len(pages)} pages, {args.passes} timed passes, "
            f"CPU time (time.process_time) per call",
            _machine_line(),
            "",
        ],
    )
    _emit(out, html_section(sb.measure_html(pages, args.passes)))
    _emit(out, text_section(sb.measure_text(pages, args.passes)))
    _emit(out, [f"peak RSS of this process (all pages loaded): {sb.peak_rss_mb():.0f} MB", ""])
    for kind in dict.fromkeys(args.profile):
        path = write_profile(sb.profile(pages, kind), args.results, _command_line())
        _emit(out, [f"profile of the {kind} path: {path}", ""])
    if args.docs:
        _emit(out, memory_section(sb.memory_in_subprocess(args.bench, args.limit, args.docs, args.rss_every)))
    if args.jobs_compare:
        _emit(out, batch_section(sb.compare_jobs(pages, args.batch_docs)))
    return 0


def _machine_line() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"machine: {os.cpu_count()} CPUs, load average {load}, Python {platform.python_version()}"


def _emit(out: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        print(line, file=out)
    out.flush()


def _command_line() -> str:
    return "cleaner " + " ".join(shlex.quote(a) for a in sys.argv[1:])


def _target(ok: bool) -> str:
    return "met" if ok else "NOT met"


# --- sections ---------------------------------------------------------------------------------------
def _throughput_rows(
    rows: Sequence[sb.Throughput], extra: dict[str, str] | None = None, extra_name: str = ""
) -> list[str]:
    head = f"  {'':<20} {'docs':>6} {'MB':>8} {'CPU s':>8} {'docs/s':>8} {'MB/s':>7}"
    lines = [head + (f" {extra_name:>8}" if extra else "")]
    for t in rows:
        line = (
            f"  {t.name:<20} {t.docs:>6} {t.bytes / sb.MB:>8.1f} {t.cpu_seconds:>8.2f} "
            f"{t.docs_per_s:>8.2f} {t.mb_per_s:>7.2f}"
        )
        lines.append(line + (f" {extra.get(t.name, ''):>8}" if extra else ""))
    return lines


def html_section(r: sb.HtmlResult) -> list[str]:
    f1 = {name: ("-" if v is None else f"{v:.3f}") for name, v in r.mean_f1.items()}
    ratio = r.ratio(sb.TRAFILATURA)
    lines = [
        f"HTML path: {r.pages} pages x {r.passes} passes, interleaved; cleaner = clean(html_bytes, url, "
        f"site_rules=False), trafilatura = extract(html_str, include_comments=False), "
        f"trafilatura-default = extract(html_str)"
    ]
    lines += _throughput_rows(list(r.throughput.values()), f1, "mean F1")
    lines += [
        f"  ratio cleaner/trafilatura (docs/s): {ratio:.2f}x (target >= {TARGET_HTML_RATIO:.1f}x: "
        f"{_target(ratio >= TARGET_HTML_RATIO)})",
        f"  ratio cleaner/trafilatura-default (docs/s): {r.ratio(sb.TRAFILATURA_DEFAULT):.2f}x",
        "",
    ]
    return lines


def text_section(rows: dict[str, sb.Throughput]) -> list[str]:
    overall = rows["all"]
    lines = ["Text path: clean(text_bytes), no URL, one core"]
    lines += _throughput_rows(list(rows.values()))
    met = _target(overall.mb_per_s >= TARGET_TEXT_MB_S)
    lines += [
        f"  text path MB/s (all renderers): {overall.mb_per_s:.2f} "
        f"(target >= {TARGET_TEXT_MB_S:.0f} MB/s: {met})",
        "",
    ]
    return lines


def memory_section(m: sb.MemoryResult) -> list[str]:
    lines = [
        f"Memory: {m.docs} documents in a fresh process, cycling through {m.inputs} captures "
        f"(HTML pages and text captures), {m.cpu_seconds:.1f} CPU s"
    ]
    lines += [f"  RSS after {n} docs: {rss:.1f} MB" for n, rss in m.samples]
    growth = "n/a (fewer than two samples)" if m.growth_mb is None else f"{m.growth_mb:+.1f} MB"
    lines += [
        f"  peak RSS: {m.peak_mb:.1f} MB",
        f"  RSS growth (last - after first {m.samples[0][0]}): {growth}",
        "",
    ]
    return lines


def batch_section(results: Sequence[sb.BatchResult]) -> list[str]:
    first = results[0]
    lines = [
        f"Batch: cleaner clean FOLDER -o out.jsonl --jobs N, {first.docs} captures "
        f"({first.bytes / sb.MB:.1f} MB), wall time of the whole command"
    ]
    for b in results:
        busy = b.cpu_seconds / b.wall_seconds if b.wall_seconds else 0.0
        others = "" if b.others_cpu_seconds is None else f", other processes {b.others_cpu_seconds:.1f} CPU s"
        lines.append(
            f"  jobs {b.jobs}: {b.wall_seconds:.1f} s wall, {b.docs_per_s:.1f} docs/s, "
            f"{b.mb_per_s:.2f} MB/s; "
            f"{b.cpu_seconds:.1f} CPU s ({busy:.2f} cores busy{others}); startup {b.startup_seconds:.1f} s, "
            f"net of it {b.net_docs_per_s:.1f} docs/s; {b.records} records, exit {b.exit_code}"
        )
    if len(results) >= 2 and results[1].wall_seconds:
        second = results[1]
        ratio = first.wall_seconds / second.wall_seconds
        lines.append(
            f"  ratio jobs {second.jobs}/jobs {first.jobs} (docs/s): {ratio:.2f}x "
            f"(target >= {TARGET_JOBS_RATIO}x: {_target(ratio >= TARGET_JOBS_RATIO)})"
        )
        net = second.net_docs_per_s / first.net_docs_per_s if first.net_docs_per_s else 0.0
        cpu = second.cpu_seconds / first.cpu_seconds if first.cpu_seconds else 0.0
        lines.append(
            f"  ratio net of startup: {net:.2f}x; CPU s jobs {second.jobs}/jobs {first.jobs}: {cpu:.2f}"
        )
        if any(_contended(b) for b in results):
            lines.append(
                "  (other processes took more than 10% of the machine's CPU time during a run: the wall-time "
                "figures understate what --jobs can do)"
            )
    lines.append("")
    return lines


def _contended(b: sb.BatchResult) -> bool:
    """Whether other processes took over a tenth of the machine's CPU during the run.

    Unknown (no /proc/stat): whether the load average is above the CPU count.
    """
    cpus = os.cpu_count() or 1
    if b.others_cpu_seconds is not None:
        return b.others_cpu_seconds > 0.1 * cpus * b.wall_seconds
    return hasattr(os, "getloadavg") and os.getloadavg()[0] > cpus


# --- profiles ---------------------------------------------------------------------------------------
SAMPLED_LINES = 120


def profile_text(p: sb.Profile, command: str) -> str:
    what = "clean(text_bytes)" if p.kind == "text" else "clean(html_bytes, url, site_rules=False)"
    lines = [
        f"Profile of the {p.kind} path: {what}, one pass over {p.docs} captures ({p.bytes / sb.MB:.1f} MB), "
        f"after a warm-up",
        f"command: {command}",
        f"cProfile total: {p.total_seconds:.2f} s (profiler overhead included; shares are of this total)",
        "",
    ]
    for title, rows in (("cumulative", p.by_cumulative), ("self", p.by_self)):
        lines += [
            f"Top {len(rows)} by {title} time",
            f"  {'cum s':>8} {'cum %':>6} {'self s':>8} {'self %':>6} {'calls':>9}  function",
        ]
        for f in rows:
            lines.append(
                f"  {f.cumulative_seconds:>8.2f} {_share(f.cumulative_seconds, p):>6} {f.self_seconds:>8.2f} "
                f"{_share(f.self_seconds, p):>6} {f.calls:>9}  {f.name}"
            )
        lines.append("")
    if p.sampled:
        tree = p.sampled.splitlines()
        lines += [
            "pyinstrument (sampling every 1 ms, a separate pass), call tree"
            + (f", first {SAMPLED_LINES} lines:" if len(tree) > SAMPLED_LINES else ":")
        ]
        lines += tree[:SAMPLED_LINES]
    return "\n".join(lines).rstrip() + "\n"


def _share(seconds: float, p: sb.Profile) -> str:
    return f"{100 * seconds / p.total_seconds:.1f}" if p.total_seconds else "-"


def write_profile(p: sb.Profile, folder: Path, command: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"profile-{p.kind}.txt"
    path.write_text(profile_text(p, command), encoding="utf-8")
    return path
