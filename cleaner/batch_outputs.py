"""Where outcomes go: a JSONL file (resumable), a tree of .txt/.md files (resumable), or stdout.

Every sink gets the outcomes in input order and writes them in that order.

The resume protocol (JSONL file and tree), which holds even if the process is killed with SIGKILL:

1. Records are appended to ``OUT.partial`` (the errors to ``ERRORS.partial``), never to the final names.
2. Every ``checkpoint_every`` documents (and at least every ``checkpoint_seconds``) both files are
   flushed and fsynced, then ``OUT.checkpoint.json`` is replaced atomically with the number of input
   documents done, the byte length of both partial files at that moment, the counts so far, and a
   fingerprint of the inputs and options.
3. ``--resume`` reads the checkpoint, refuses it if the fingerprint differs, truncates both partial
   files to the lengths it records (dropping whatever was written after it), skips that many input
   documents, and goes on appending.
4. At the end: a last checkpoint marked ``finished``, then the errors file and the output are renamed
   to their final names (``os.replace``, atomic), the folder is fsynced and the checkpoint removed. A
   run killed during this step is finished by ``--resume``.

Since the input order is stable and cleaning is deterministic, a resumed run writes exactly the
bytes an uninterrupted run would have written.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import asdict
from typing import BinaryIO, Protocol, TextIO

from .batch_inputs import Document
from .batch_records import FAILED, Outcome, error_line
from .errors import UsageError
from .output_names import TreeNames
from .progress import Counts

CHECKPOINT_VERSION = 1
TMP_SUFFIX = ".cleaner-tmp"


class Sink(Protocol):
    counts: Counts  #: every document written so far, including those of a resumed run
    resumed: int  #: input documents done by the run being resumed (skipped by this one)
    notes: list[str]  #: things to tell the user (a discarded partial run, nothing to resume ...)
    errors_path: str | None

    def skip(self, doc: Document) -> None: ...
    def write(self, doc: Document, outcome: Outcome) -> str: ...
    def finish(self) -> None: ...
    def interrupt(self) -> None: ...


# --- small file helpers -----------------------------------------------------------------------------


def json_line(obj: dict) -> bytes:
    # backslashreplace: a lone surrogate (possible in ids and URLs from JSON input) becomes the JSON
    # escape \udXXX inside its string, which is still valid JSON in valid UTF-8.
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def fsync_dir(path: str) -> None:
    try:
        fd = os.open(path or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename is still atomic
    finally:
        os.close(fd)


def temp_name(path: str) -> str:
    """A temporary file beside ``path``: same folder (so os.replace is atomic), hidden, and fixed, so
    that a run killed mid-write leaves nothing that a rerun would not overwrite."""
    head, tail = os.path.split(path)
    return os.path.join(head, "." + tail + TMP_SUFFIX)


def atomic_write(path: str, data: bytes, *, fsync: bool = True) -> None:
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if fsync:
        fsync_dir(os.path.dirname(path))


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


class PartialFile:
    """A file written under ``final + '.partial'`` and renamed to ``final`` when complete."""

    def __init__(self, final: str, *, resume_at: int | None = None, finished: bool = False):
        """``resume_at``: continue an earlier run, truncating its partial file to that many bytes.
        ``finished``: that run had begun renaming its files, so this one may already be in place."""
        self.final = final
        self.partial = final + ".partial"
        self.committed = False
        if resume_at is None:
            self.f: BinaryIO | None = open(self.partial, "wb")  # noqa: SIM115 - closed by commit/close
            self.size = 0
            return
        try:
            self.f = open(self.partial, "r+b")  # noqa: SIM115
        except FileNotFoundError:
            if finished and (resume_at == 0 or os.path.exists(final)):
                self.f, self.size, self.committed = None, resume_at, True
                return
            raise UsageError(
                f"{self.partial} is missing, so the run cannot be resumed; rerun without --resume"
            ) from None
        size = os.fstat(self.f.fileno()).st_size
        if size < resume_at:
            self.f.close()
            raise UsageError(
                f"{self.partial} is shorter ({size} bytes) than its checkpoint says "
                f"({resume_at}); rerun without --resume"
            )
        self.f.truncate(resume_at)
        self.f.seek(resume_at)
        self.size = resume_at

    def write(self, data: bytes) -> None:
        assert self.f is not None, "a committed file is not written to"
        self.f.write(data)
        self.size += len(data)

    def sync(self) -> int:
        if self.f is not None:
            self.f.flush()
            os.fsync(self.f.fileno())
        return self.size

    def commit(self, *, keep_empty: bool = True) -> None:
        if self.committed:
            return
        self.sync()
        self.close()
        if self.size == 0 and not keep_empty:
            _remove(self.partial)
            _remove(self.final)  # an errors file from an earlier run would describe another output
        else:
            os.replace(self.partial, self.final)
        self.committed = True

    def close(self) -> None:
        if self.f is not None:
            with contextlib.suppress(OSError):
                self.f.close()
            self.f = None


class Checkpoint:
    """The checkpoint file of a resumable output (see the module docstring)."""

    def __init__(self, path: str, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint

    def load(self) -> dict | None:
        try:
            with open(self.path, encoding="utf-8") as f:
                state = json.load(f)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise UsageError(f"{self.path}: unreadable checkpoint ({e}); rerun without --resume") from None
        if not isinstance(state, dict) or state.get("version") != CHECKPOINT_VERSION:
            raise UsageError(f"{self.path}: not a checkpoint this version can resume; rerun without --resume")
        if state.get("fingerprint") != self.fingerprint:
            raise UsageError(
                f"{self.path} was written by a run with other inputs or options; resume with "
                f"the same command line, or rerun without --resume to start over"
            )
        return state

    def save(self, **state) -> None:
        atomic_write(
            self.path,
            json.dumps(
                {"version": CHECKPOINT_VERSION, "fingerprint": self.fingerprint, **state}, indent=1
            ).encode(),
        )

    def remove(self) -> None:
        _remove(self.path)
        fsync_dir(os.path.dirname(self.path))


# --- resumable sinks --------------------------------------------------------------------------------


class _Resumable:
    """What the JSONL file and the tree share: the errors file, the checkpoint, the counts."""

    def __init__(
        self,
        *,
        errors_path: str,
        checkpoint_path: str,
        fingerprint: str,
        resume: bool,
        checkpoint_every: int,
        checkpoint_seconds: float,
    ):
        self.errors_path = errors_path
        self.checkpoint = Checkpoint(checkpoint_path, fingerprint)
        self.checkpoint_every = max(1, checkpoint_every)
        self.checkpoint_seconds = checkpoint_seconds
        self.notes: list[str] = []
        self.counts = Counts()
        self.resumed = 0
        state = self.checkpoint.load() if resume else None
        if resume and state is None:
            self.notes.append(
                f"nothing to resume ({checkpoint_path} does not exist); starting from the beginning"
            )
        if not resume and os.path.exists(checkpoint_path):
            self.notes.append(
                "an unfinished run wrote to this output; starting over (--resume continues such a run)"
            )
            self.checkpoint.remove()
        self.state = state
        if state is not None:
            self.resumed = int(state["docs"])
            self.counts = Counts(**state["counts"])
        self.finished_before = bool(state and state.get("finished"))
        if self.finished_before:
            self.notes.append("the run being resumed had finished; completing it")
        self.errors = PartialFile(
            errors_path, resume_at=state["errors_bytes"] if state else None, finished=self.finished_before
        )
        self._since = 0
        self._last = time.monotonic()

    def _after_write(self) -> None:
        self._since += 1
        if self._since >= self.checkpoint_every or time.monotonic() - self._last >= self.checkpoint_seconds:
            self.save_checkpoint()

    def _record_error(self, doc: Document, outcome: Outcome) -> None:
        self.errors.write(json_line(error_line(doc, outcome)))

    def save_checkpoint(self, *, finished: bool = False) -> None:
        if self.finished_before:
            return  # its files may be renamed already: the checkpoint on disk says all there is
        self.checkpoint.save(
            docs=self.counts.done,
            errors_bytes=self.errors.sync(),
            counts=asdict(self.counts),
            finished=finished,
            **self._positions(),
        )
        self._since = 0
        self._last = time.monotonic()

    def _positions(self) -> dict:
        return {}

    def interrupt(self) -> None:
        """Ctrl-C or a failure: close, leaving the last checkpoint for --resume. (No new checkpoint: the
        interruption may have come between a record and its count.)"""
        self.close()

    def close(self) -> None:
        self.errors.close()


class JsonlFileSink(_Resumable):
    """One JSONL record per input document, in input order, in a file; failures also in the errors file."""

    def __init__(
        self,
        path: str,
        *,
        fingerprint: str,
        resume: bool = False,
        checkpoint_every: int = 500,
        checkpoint_seconds: float = 10.0,
    ):
        super().__init__(
            errors_path=path + ".errors.jsonl",
            checkpoint_path=path + ".checkpoint.json",
            fingerprint=fingerprint,
            resume=resume,
            checkpoint_every=checkpoint_every,
            checkpoint_seconds=checkpoint_seconds,
        )
        self.path = path
        try:
            self.out = PartialFile(
                path,
                resume_at=self.state["output_bytes"] if self.state else None,
                finished=self.finished_before,
            )
        except BaseException:
            self.errors.close()
            raise

    def _positions(self) -> dict:
        return {"output_bytes": self.out.sync()}

    def skip(self, doc: Document) -> None:
        pass

    def write(self, doc: Document, outcome: Outcome) -> str:
        self.out.write(json_line(outcome.record))
        if outcome.status == FAILED:
            self._record_error(doc, outcome)
        self.counts.add(outcome.status)
        self._after_write()
        return outcome.status

    def finish(self) -> None:
        self.save_checkpoint(finished=True)
        self.errors.commit(keep_empty=False)
        self.out.commit()
        fsync_dir(os.path.dirname(os.path.abspath(self.path)))
        self.checkpoint.remove()

    def close(self) -> None:
        super().close()
        self.out.close()


class TreeSink(_Resumable):
    """One .txt/.md file per document below a folder, named after its input (see output_names).

    Each file is written to a hidden temporary name and renamed, so no file is ever half written. A
    failed document gets no file (a file of that name from an earlier run is removed) and a line in
    the errors file beside the folder, ``FOLDER.errors.jsonl``.

    Files are not fsynced one by one (a disk flush per document would dominate the run): --resume is
    exact after the process is killed; after a power cut, rerun without --resume.
    """

    def __init__(
        self,
        folder: str,
        suffix: str,
        *,
        fingerprint: str,
        resume: bool = False,
        checkpoint_every: int = 500,
        checkpoint_seconds: float = 10.0,
    ):
        base = _beside_name(folder)
        super().__init__(
            errors_path=base + ".errors.jsonl",
            checkpoint_path=base + ".checkpoint.json",
            fingerprint=fingerprint,
            resume=resume,
            checkpoint_every=checkpoint_every,
            checkpoint_seconds=checkpoint_seconds,
        )
        self.folder = os.path.normpath(folder)
        self.real_folder: str | None = None
        self.names = TreeNames(suffix)

    def _ensure_folder(self) -> str:
        if self.real_folder is None:
            os.makedirs(self.folder, exist_ok=True)
            self.real_folder = os.path.realpath(self.folder)
        return self.real_folder

    def skip(self, doc: Document) -> None:
        self.names.name_for(doc)  # the names given by the resumed run, so that later ones match

    def target(self, name: str) -> str:
        root = self._ensure_folder()
        path = os.path.join(root, *name.split("/"))
        parent = os.path.realpath(os.path.dirname(path))
        # Names are safe by construction; this also catches a symbolic link planted in the folder.
        if parent != root and not parent.startswith(root + os.sep):
            raise OSError(f"{name} would be written outside {self.folder}")
        return path

    def write(self, doc: Document, outcome: Outcome) -> str:
        name = self.names.name_for(doc)
        if outcome.status != FAILED:
            try:
                path = self.target(name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                atomic_write(path, (outcome.rendered or "").encode("utf-8", "replace"), fsync=False)
            except OSError as e:
                record = {**outcome.record, "error": f"cannot write {name}: {e.strerror or e}"}
                outcome = Outcome(FAILED, record)
        else:
            with contextlib.suppress(OSError):
                _remove(self.target(name))
        if outcome.status == FAILED:
            self._record_error(doc, outcome)
        self.counts.add(outcome.status)
        self._after_write()
        return outcome.status

    def finish(self) -> None:
        self._ensure_folder()
        self.save_checkpoint(finished=True)
        self.errors.commit(keep_empty=False)
        fsync_dir(os.path.dirname(self.errors_path))
        self.checkpoint.remove()


def _beside_name(folder: str) -> str:
    """The stem of the files kept beside a folder: ``out/`` -> ``out`` (``out.errors.jsonl``)."""
    norm = os.path.normpath(folder)
    if os.path.basename(norm) in ("", ".", ".."):
        norm = os.path.abspath(norm)
    return norm


# --- stdout -----------------------------------------------------------------------------------------


class StdoutJsonlSink:
    """JSONL records on stdout, one line per document, flushed as they come."""

    errors_path = None

    def __init__(self, stream: BinaryIO | None = None):
        self.stream = stream if stream is not None else sys.stdout.buffer
        self.counts = Counts()
        self.resumed = 0
        self.notes: list[str] = []

    def skip(self, doc: Document) -> None:
        pass

    def write(self, doc: Document, outcome: Outcome) -> str:
        self.stream.write(json_line(outcome.record))
        self.stream.flush()
        self.counts.add(outcome.status)
        return outcome.status

    def finish(self) -> None:
        self.stream.flush()

    def interrupt(self) -> None:
        pass


class SingleTextSink:
    """One document rendered as txt, md or json, to stdout or to a file (written atomically).

    A failed document writes nothing; its error is kept in ``error`` for the caller to report.
    """

    errors_path = None

    def __init__(self, path: str | None, stream: TextIO | None = None):
        self.path = path
        self.stream = stream
        self.counts = Counts()
        self.resumed = 0
        self.notes: list[str] = []
        self.error: str | None = None
        self.empty_reason: str | None = None
        self._text: str | None = None

    def skip(self, doc: Document) -> None:
        pass

    def write(self, doc: Document, outcome: Outcome) -> str:
        if outcome.status == FAILED:
            self.error = outcome.record["error"]
        else:
            self._text = (self._text or "") + (outcome.rendered or "")
            self.empty_reason = outcome.record.get("empty_reason")
        self.counts.add(outcome.status)
        return outcome.status

    def finish(self) -> None:
        if self._text is None:
            return
        if self.path is None:
            stream = self.stream if self.stream is not None else sys.stdout
            stream.write(self._text)
            stream.flush()
        else:
            atomic_write(self.path, self._text.encode("utf-8", "replace"))

    def interrupt(self) -> None:
        pass
