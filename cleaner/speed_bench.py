"""Speed and memory of cleaner, beside trafilatura.extract, on the pages of a benchmark folder.

Every figure is CPU time (``time.process_time``) of one call, summed; MB/s is input bytes (raw HTML
or the text capture file as saved) per CPU second. The HTML systems run interleaved, page by page,
in one process, on the same pages (trafilatura gets the page already decoded, cleaner the raw
bytes: its time includes decoding). Memory is measured in a fresh process so that the timing run
does not pollute it; batch throughput runs the real ``cleaner clean`` command as a subprocess.

Nothing here prints: cli_bench formats the results.
"""

from __future__ import annotations

import cProfile
import itertools
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from . import baselines
from .decode import decode
from .evaluation import CLEANER, RENDERERS, BenchError, Mode, load_cases, read_capture, read_truth
from .scoring import token_score

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = PROJECT_ROOT.parent / "shared" / "bench" / "zyte-article"
DEFAULT_RESULTS = PROJECT_ROOT / "bench" / "results"

TRAFILATURA = "trafilatura"  # include_comments=False, as in every accuracy benchmark
TRAFILATURA_DEFAULT = "trafilatura-default"  # extract(html) with nothing changed
WARMUP_PAGES = 5
MB = 1_000_000
TOP_FUNCTIONS = 15


# --- pages ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: bytes | None  # raw HTML as captured
    html_text: str | None  # the same, decoded once (what trafilatura is given)
    truth: str | None
    texts: Mapping[str, bytes] = field(default_factory=dict)  # renderer -> text capture


def load_pages(bench: Path, limit: int | None = None) -> list[Page]:
    """Every page of a bench folder in memory, so that timing never includes reading files."""
    if not bench.is_dir():
        raise BenchError(
            f"no benchmark folder at {bench}; pass BENCH_DIR, a folder laid out like "
            f"../shared/bench/zyte-article (cases.jsonl, html/, text/, truth/)"
        )
    pages = []
    for case in load_cases(bench, limit):
        html = read_capture(bench, case, Mode()) if case.html else None
        texts = {r: read_capture(bench, case, Mode(r)) for r in RENDERERS if r in case.text}
        pages.append(
            Page(case.id, case.url, html, decode(html) if html else None, read_truth(bench, case), texts)
        )
    if not pages:
        raise BenchError(f"{bench}: cases.jsonl lists no page")
    return pages


def documents(pages: Sequence[Page]) -> list[tuple[bytes, str | None, str]]:
    """(raw, url, suffix) of every capture, page by page: its HTML, then each text capture."""
    out = []
    for p in pages:
        if p.html is not None:
            out.append((p.html, p.url, ".html"))
        out.extend((raw, None, ".txt") for _, raw in sorted(p.texts.items()))
    return out


def clean_capture(raw: bytes, url: str | None, suffix: str) -> str:
    """What the bench runs on one capture: the HTML path without site rules (the generic
    extractor beside trafilatura), a text capture as a user would, with no URL."""
    from .pipeline import clean

    if suffix == ".html":
        return clean(raw, url, site_rules=False).text
    return clean(raw).text


# --- throughput -------------------------------------------------------------------------------------
@dataclass
class Throughput:
    name: str
    docs: int = 0
    bytes: int = 0
    cpu_seconds: float = 0.0

    def add(self, size: int, seconds: float) -> None:
        self.docs += 1
        self.bytes += size
        self.cpu_seconds += seconds

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MB / self.cpu_seconds if self.cpu_seconds else 0.0


def html_extractors() -> dict[str, Callable[[Page], str]]:
    """System name -> function from a page to its extracted text."""
    import trafilatura

    return {
        CLEANER: lambda p: clean_capture(p.html, p.url, ".html"),
        TRAFILATURA: lambda p: baselines.trafilatura_extract(p.html_text),
        TRAFILATURA_DEFAULT: lambda p: trafilatura.extract(p.html_text) or "",
    }


def _timed(fn: Callable[[], str]) -> tuple[str, float]:
    start = time.process_time()
    out = fn()
    return out, time.process_time() - start


@dataclass
class HtmlResult:
    throughput: dict[str, Throughput]
    mean_f1: dict[str, float | None]  # over the pages with a truth text, from the first pass
    pages: int
    passes: int

    def ratio(self, other: str) -> float:
        base = self.throughput[other].docs_per_s
        return self.throughput[CLEANER].docs_per_s / base if base else 0.0


def measure_html(pages: Sequence[Page], passes: int) -> HtmlResult:
    """Each system on each page, interleaved; the order of the systems rotates from page to page."""
    html_pages = [p for p in pages if p.html is not None]
    systems = html_extractors()
    names = list(systems)
    for p in html_pages[:WARMUP_PAGES]:  # imports, rule loading, regex compilation
        for name in names:
            systems[name](p)
    totals = {name: Throughput(name) for name in names}
    f1s: dict[str, list[float]] = {name: [] for name in names}
    turn = itertools.count()
    for pass_no in range(passes):
        for p in html_pages:
            shift = next(turn) % len(names)
            for name in names[shift:] + names[:shift]:
                out, seconds = _timed(lambda n=name, p=p: systems[n](p))
                totals[name].add(len(p.html), seconds)
                if pass_no == 0 and p.truth is not None:
                    f1s[name].append(token_score(out, p.truth).f1)
    mean_f1 = {n: (sum(v) / len(v) if v else None) for n, v in f1s.items()}
    return HtmlResult(totals, mean_f1, len(html_pages), passes)


def measure_text(pages: Sequence[Page], passes: int) -> dict[str, Throughput]:
    """clean(text_bytes) on every renderer's captures: one entry per renderer, then "all"."""
    for p in pages[:WARMUP_PAGES]:
        for raw in p.texts.values():
            clean_capture(raw, None, ".txt")
    out = {r: Throughput(r) for r in RENDERERS}
    overall = Throughput("all")
    for _ in range(passes):
        for p in pages:
            for renderer, raw in p.texts.items():
                _, seconds = _timed(lambda raw=raw: clean_capture(raw, None, ".txt"))
                out.setdefault(renderer, Throughput(renderer)).add(len(raw), seconds)
                overall.add(len(raw), seconds)
    out = {r: t for r, t in out.items() if t.docs}
    out["all"] = overall
    return out


# --- memory -----------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def current_rss_mb() -> float:
    """Resident set size now (Linux /proc), else the peak (all getrusage can say)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


@dataclass(frozen=True)
class MemoryResult:
    docs: int
    inputs: int  # distinct captures cycled through
    samples: tuple[tuple[int, float], ...]  # (documents cleaned, RSS MB) after each step
    peak_mb: float
    cpu_seconds: float

    @property
    def growth_mb(self) -> float | None:
        """RSS at the end minus RSS after the first step (None with fewer than two steps)."""
        return self.samples[-1][1] - self.samples[0][1] if len(self.samples) >= 2 else None


def memory_run(bench: Path, limit: int | None, docs: int, every: int) -> MemoryResult:
    """Clean ``docs`` documents cycling through every capture of the folder; RSS after each ``every``."""
    inputs = documents(load_pages(bench, limit))
    samples = []
    start = time.process_time()
    for n, (raw, url, suffix) in enumerate(itertools.islice(itertools.cycle(inputs), docs), 1):
        clean_capture(raw, url, suffix)
        if n % every == 0 or n == docs:
            samples.append((n, current_rss_mb()))
    return MemoryResult(docs, len(inputs), tuple(samples), peak_rss_mb(), time.process_time() - start)


def memory_in_subprocess(bench: Path, limit: int | None, docs: int, every: int) -> MemoryResult:
    """memory_run in a fresh interpreter (spawned, not forked: nothing of this process comes along)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(memory_run, bench, limit, docs, every).result()


# --- batch throughput -------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchResult:
    jobs: int
    docs: int
    bytes: int
    wall_seconds: float
    cpu_seconds: float  # user + system of the command and its workers (see run_watched)
    others_cpu_seconds: float | None  # CPU time other processes of the machine took meanwhile
    startup_seconds: float  # wall time of the same command on a folder of one small capture
    records: int
    exit_code: int

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / MB / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def net_docs_per_s(self) -> float:
        """docs/s once started: the fixed cost of starting the command and its workers left out."""
        net = self.wall_seconds - self.startup_seconds
        return self.docs / net if net > 0 else 0.0


def write_batch_folder(pages: Sequence[Page], n: int, folder: Path) -> int:
    """n capture files made by cycling through the HTML pages and text captures; returns their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i, (raw, _, suffix) in enumerate(itertools.islice(itertools.cycle(documents(pages)), n)):
        (folder / f"{i:06d}{suffix}").write_bytes(raw)
        total += len(raw)
    return total


def batch_command(folder: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(out), "--jobs", str(jobs), "-q"]


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds so far) of every process, from Linux /proc ({} elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    table = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    return table


def _descendants(table: Mapping[int, tuple[int, float]], root: int) -> set[int]:
    out, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, (ppid, _) in table.items() if ppid == parent and pid not in out]
        out.update(kids)
        frontier.extend(kids)
    return out


def machine_busy_seconds() -> float | None:
    """CPU seconds every process of the machine has used since boot (Linux /proc/stat), else None."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    # user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy
    busy = sum(int(v) for i, v in enumerate(fields[1:9]) if i not in (3, 4))
    return busy / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Watched:
    completed: subprocess.CompletedProcess
    cpu_seconds: float  # the command's whole process tree
    others_cpu_seconds: float | None  # every other process of the machine meanwhile (None: unknown)


def run_watched(command: list[str], poll: float = 0.2) -> Watched:
    """Run a command; also measure the CPU seconds of its whole process tree and of everything else.

    Workers forked by the command itself are waited for, so getrusage(RUSAGE_CHILDREN) counts them
    exactly; workers of a fork server are not waited for and only polling /proc sees them (missing
    up to ``poll`` seconds at the end of each process's life). Each way counts every process at
    most once and can only miss time, so the larger of the two is the tree's time. Without /proc:
    RUSAGE_CHILDREN.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_busy_seconds()
    seen: dict[int, float] = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        while True:
            try:
                proc.wait(timeout=poll)
                break
            except subprocess.TimeoutExpired:
                table = _proc_table()
                for pid in _descendants(table, proc.pid):
                    if pid in table:
                        seen[pid] = max(seen.get(pid, 0.0), table[pid][1])
        stdout, stderr = proc.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_after = machine_busy_seconds()
    waited = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    cpu = max(waited, sum(seen.values()))
    others = None
    if machine_before is not None and machine_after is not None:
        others = max(0.0, machine_after - machine_before - cpu)
    return Watched(subprocess.CompletedProcess(command, proc.returncode, stdout, stderr), cpu, others)


def _timed_command(folder: Path, out: Path, jobs: int) -> tuple[float, Watched]:
    """(wall seconds, what was watched) of one `cleaner clean` run."""
    start = time.perf_counter()
    watched = run_watched(batch_command(folder, out, jobs))
    wall = time.perf_counter() - start
    code = watched.completed.returncode
    if code not in (0, 3):  # 3: some documents failed, the batch itself ran
        tail = watched.completed.stderr.strip()[-500:]
        raise BenchError(f"cleaner clean --jobs {jobs} failed (exit {code}): {tail}")
    return wall, watched


def run_batch(folder: Path, docs: int, size: int, jobs: int, tmp: Path) -> BatchResult:
    startup, _ = _timed_command(tmp / "one", tmp / f"one-jobs{jobs}.jsonl", jobs)
    out = tmp / f"out-jobs{jobs}.jsonl"
    wall, watched = _timed_command(folder, out, jobs)
    with out.open(encoding="utf-8") as f:
        records = sum(1 for _ in f)
    return BatchResult(
        jobs,
        docs,
        size,
        wall,
        watched.cpu_seconds,
        watched.others_cpu_seconds,
        startup,
        records,
        watched.completed.returncode,
    )


def compare_jobs(pages: Sequence[Page], docs: int, jobs: Sequence[int] = (1, 2)) -> list[BatchResult]:
    """The same folder of ``docs`` captures through ``cleaner clean --jobs N`` for each N."""
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    try:
        folder = tmp / "captures"
        size = write_batch_folder(pages, docs, folder)
        (tmp / "one").mkdir()
        (tmp / "one" / "a.txt").write_text("A capture of one short line.\n", encoding="utf-8")
        return [run_batch(folder, docs, size, n, tmp) for n in jobs]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- profiles ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FunctionCost:
    name: str  # package/module.py:line(function), or a builtin's description
    calls: int
    self_seconds: float
    cumulative_seconds: float


@dataclass(frozen=True)
class Profile:
    kind: str  # "text" or "html"
    docs: int
    bytes: int
    total_seconds: float  # sum of self time: what the profiler saw
    by_cumulative: tuple[FunctionCost, ...]
    by_self: tuple[FunctionCost, ...]
    sampled: str | None  # pyinstrument's call tree, when it is installed


def profile_workload(pages: Sequence[Page], kind: str) -> list[tuple[bytes, str | None, str]]:
    """The captures one profile pass cleans: every HTML page, or every text capture."""
    if kind not in ("html", "text"):
        raise BenchError(f"profile must be text or html, not {kind!r}")
    suffix = ".html" if kind == "html" else ".txt"
    return [d for d in documents(pages) if d[2] == suffix]


def clean_all(items: Sequence[tuple[bytes, str | None, str]]) -> None:
    for raw, url, suffix in items:
        clean_capture(raw, url, suffix)


def _short(key: tuple[str, int, str]) -> str:
    path, line, func = key
    if path == "~":
        return func  # a builtin: "<method 'search' of '_regex.Pattern' objects>"
    for marker in ("site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    else:
        if path.startswith(str(PROJECT_ROOT)):
            path = path[len(str(PROJECT_ROOT)) + 1 :]
    return f"{path}:{line}({func})"


def top_functions(stats: pstats.Stats, key: str, n: int = TOP_FUNCTIONS) -> tuple[FunctionCost, ...]:
    rows = [
        FunctionCost(_short(k), nc, tt, ct)
        for k, (_, nc, tt, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
        if k[2] not in ("clean_all", "<method 'disable' of '_lsprof.Profiler' objects>")
    ]
    sort = (lambda r: r.cumulative_seconds) if key == "cumulative" else (lambda r: r.self_seconds)
    return tuple(sorted(rows, key=sort, reverse=True)[:n])


def _sampled(work: Callable[[], object]) -> str | None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler(interval=0.001)
    profiler.start()
    work()
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def profile(pages: Sequence[Page], kind: str) -> Profile:
    """One pass of the text or HTML path under cProfile (and pyinstrument, if installed)."""
    items = profile_workload(pages, kind)
    clean_all(items[:WARMUP_PAGES])  # rule loading and regex compilation are not the steady state
    prof = cProfile.Profile()
    prof.runcall(clean_all, items)
    stats = pstats.Stats(prof)
    total = sum(tt for _, _, tt, _, _ in stats.stats.values())  # type: ignore[attr-defined]
    return Profile(
        kind,
        len(items),
        sum(len(d[0]) for d in items),
        total,
        top_functions(stats, "cumulative"),
        top_functions(stats, "self"),
        _sampled(lambda: clean_all(items)),
    )
