"""The batch loop: documents in, outcomes out, in input order, with a bounded amount in flight.

``--jobs 1`` cleans in this process. ``--jobs N`` uses N worker processes; each loads the rule book
once, when it starts. Documents go to the workers in chunks, and at most ``2 * N`` chunks are in
flight at any time, so memory does not grow with the size of the corpus however fast the inputs are
read. Results are taken back in submission order, so the output order is the input order whatever
the number of workers, and the output bytes are the same.

A worker that dies (a crash in a parser, the OOM killer) costs the document that killed it: the
chunk that was lost is cleaned again one document at a time, and the document whose worker dies
again is reported as failed.

Time: inside a worker, clean() stops a document at the time limit (option ``time_limit``) with a
timer signal. Code that the signal cannot interrupt (a C extension that never returns) is stopped
from outside: a chunk whose worker has not answered within its documents' time limits plus
:data:`HARD_LIMIT_GRACE` seconds has its workers killed, and is cleaned again one document at a
time under the same outside limit; the document that hangs again is reported as failed.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from .batch_inputs import Document
from .batch_outputs import Sink
from .batch_records import Outcome, Settings, clean_document, failed
from .errors import CleanerError, UsageError
from .options import Options
from .pipeline import rule_book
from .progress import Counts, Progress
from .rule_files import RuleBook

CHUNK_DOCS = 8
CHUNK_BYTES = 4 * 1024 * 1024
#: consecutive documents whose worker died before the batch gives up (something is wrong with the workers)
MAX_CONSECUTIVE_CRASHES = 5
#: seconds beyond the documents' time limits before a worker that does not answer is killed
HARD_LIMIT_GRACE = 10.0


def time_limit_of(settings: Settings) -> float:
    return float(dict(settings.options).get("time_limit", Options.time_limit))


def load_rules(settings: Settings) -> RuleBook:
    """Load (and validate) the rule book in this process; a broken rule file stops the batch here."""
    timeout = dict(settings.options).get("regex_timeout", Options.regex_timeout)
    return rule_book(list(settings.rules), settings.site_rules, timeout)


def run_batch(
    docs: Iterable[Document],
    sink: Sink,
    settings: Settings,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Counts:
    """Clean every document into the sink; returns the counts (of a resumed run's documents too)."""
    progress = progress or Progress(enabled=False)
    docs = iter(docs)
    try:
        skipped = 0
        for doc in itertools.islice(docs, sink.resumed):
            sink.skip(doc)
            skipped += 1
        if skipped < sink.resumed:
            raise UsageError(
                f"the inputs hold {skipped} documents, fewer than the {sink.resumed} the run being "
                f"resumed had done; rerun without --resume"
            )
        for doc, outcome in clean_in_order(docs, settings, jobs):
            progress.update(sink.write(doc, outcome))
        sink.finish()
    except BaseException:
        sink.interrupt()
        raise
    finally:
        progress.close()
    return sink.counts


def clean_in_order(
    docs: Iterator[Document], settings: Settings, jobs: int = 1, *, _task=None
) -> Iterator[tuple[Document, Outcome]]:
    """(document, outcome) in input order. ``_task``: what workers run on a chunk (tests swap it)."""
    if jobs <= 1:
        for doc in docs:
            yield doc, clean_document(doc, settings)
        return
    with _OrderedPool(settings, jobs, _task or _clean_chunk) as pool:
        yield from pool.run(_chunks(docs))


def _chunks(docs: Iterator[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.raw) if doc.raw is not None else 0
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --- worker side ------------------------------------------------------------------------------------

_worker_settings: Settings | None = None  # set once per worker process by _init_worker


def _init_worker(settings: Settings, main_pid: int | None = None) -> None:
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if main_pid is not None:
        _exit_with(main_pid)
    load_rules(settings)
    _worker_settings = settings


#: seconds between two looks of a worker at whether the batch's main process still lives
ORPHAN_CHECK = 1.0


def _exit_with(main_pid: int) -> None:
    """End this worker soon after the main process dies, however it dies.

    A worker waits for work on a queue whose write end every worker holds too (multiprocessing
    pickles both ends of a Queue), so the death of the main process (kill -9, the OOM killer) never
    reaches it as end of file: without this, each killed batch would leave its workers (and their
    memory) behind for good.
    """
    born = _start_time(main_pid)

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_CHECK)
            if not _alive(main_pid, born):
                os._exit(1)

    threading.Thread(target=watch, name="orphan-check", daemon=True).start()


def _start_time(pid: int) -> str | None:
    """When process ``pid`` started (Linux), so that a recycled pid is not taken for it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _alive(pid: int, born: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user: a recycled pid, but we cannot tell more
    return born is None or _start_time(pid) == born


def _clean_chunk(chunk: list[Document]) -> list[Outcome]:
    assert _worker_settings is not None
    return [clean_document(doc, _worker_settings) for doc in chunk]


# --- main side --------------------------------------------------------------------------------------


def _start_context():
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()  # spawn, on Windows
    if sys.platform == "linux" and threading.active_count() == 1:
        # With no other thread running, no lock can be held mid-update at the fork, so a plain fork
        # is safe, and each worker starts at once with cleaner imported and the rule book loaded
        # (a forkserver would first import cleaner again: about a second of a 2-core batch).
        return multiprocessing.get_context("fork")
    # A process holding threads (an application embedding the batch, or a restart, while the last
    # pool's threads wind down) must not be copied: a forkserver starts workers from a clean process
    # that imports cleaner once, so that each worker (and each replacement) starts in milliseconds.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cleaner.batch_run"])
    return ctx


class _OrderedPool:
    def __init__(self, settings: Settings, jobs: int, task):
        self.settings = settings
        self.task = task
        self.jobs = jobs
        self.window = 2 * jobs
        self.executor = self._new_executor()
        self.crashes = 0
        self.time_limit = time_limit_of(settings)

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=_start_context(),
            initializer=_init_worker,
            initargs=(self.settings, os.getpid()),
        )

    def __enter__(self) -> _OrderedPool:
        return self

    def __exit__(self, *exc) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def run(self, chunks: Iterator[list[Document]]) -> Iterator[tuple[Document, Outcome]]:
        pending: deque[tuple[list[Document], Future]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._submit(chunk)))
            while len(pending) >= self.window:
                yield from self._collect(pending)
        while pending:
            yield from self._collect(pending)

    def _submit(self, chunk: list[Document]) -> Future:
        try:
            return self.executor.submit(self.task, chunk)
        except BrokenProcessPool:
            self._restart()
            return self.executor.submit(self.task, chunk)

    def _budget(self, docs: int) -> float | None:
        """How long a chunk of ``docs`` documents may take before its worker is killed (None: no limit).

        The chunk waited on is the oldest in flight, so it is running (chunks start in order)."""
        if self.time_limit <= 0:
            return None
        return (docs + 1) * self.time_limit + HARD_LIMIT_GRACE

    def _collect(self, pending: deque) -> Iterator[tuple[Document, Outcome]]:
        chunk, future = pending.popleft()
        try:
            outcomes = future.result(timeout=self._budget(len(chunk)))
            self.crashes = 0
        except (BrokenProcessPool, FutureTimeout) as e:
            if isinstance(e, FutureTimeout):
                self._kill_workers()  # stuck where the time limit's signal cannot reach
            # Every chunk in flight is lost with the pool: clean this one a document at a time, then
            # send the others again.
            outcomes = self._one_by_one(chunk)
            for i, (other, other_future) in enumerate(pending):
                if not _succeeded(other_future):
                    pending[i] = (other, self._submit(other))
        for doc, outcome in zip(chunk, outcomes, strict=True):
            yield replace(doc, raw=None), outcome

    def _one_by_one(self, chunk: list[Document]) -> list[Outcome]:
        self._restart()
        outcomes = []
        for doc in chunk:
            try:
                (outcome,) = self.executor.submit(self.task, [doc]).result(timeout=self._budget(1))
                self.crashes = 0
            except FutureTimeout:
                self._kill_workers()
                outcome = failed(
                    doc,
                    doc.url or self.settings.default_url,
                    f"TimeLimitError: gave up after {self.time_limit:g} s (option time_limit); the "
                    f"worker did not stop and was killed",
                )
                self._restart()
            except BrokenProcessPool:
                self.crashes += 1
                if self.crashes >= MAX_CONSECUTIVE_CRASHES:
                    raise CleanerError(
                        f"worker processes died on {self.crashes} documents in a row; try --jobs 1 to see why"
                    ) from None
                outcome = failed(
                    doc,
                    doc.url or self.settings.default_url,
                    "WorkerDied: the worker process died while cleaning this document "
                    "(crash or out of memory)",
                )
                self._restart()
            outcomes.append(outcome)
        return outcomes

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    def _kill_workers(self) -> None:
        kill = getattr(self.executor, "kill_workers", None)  # Python 3.14
        if kill is not None:
            kill()
            return
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.kill()


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None
