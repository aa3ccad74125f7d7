"""Writers: the resumable JSONL file and tree, checkpoints, atomic writes."""

from __future__ import annotations

import json
import os

import pytest

from cleaner.batch_inputs import Document, Origin
from cleaner.batch_outputs import Checkpoint, JsonlFileSink, TreeSink, atomic_write, json_line
from cleaner.batch_records import EMPTY, FAILED, OK, Outcome
from cleaner.errors import UsageError


def _doc(i: int) -> Document:
    return Document(f"d{i}", f"http://ex.org/{i}", None, Origin("in.jsonl", "jsonl", "in.jsonl", i))


def _outcome(i: int) -> Outcome:
    if i % 5 == 3:
        return Outcome(FAILED, {"id": f"d{i}", "url": None, "text": "", "error": f"boom {i}"})
    status = EMPTY if i % 7 == 6 else OK
    return Outcome(status, {"id": f"d{i}", "text": f"text {i}"}, rendered=f"text {i}\n")


def _run(sink, start: int, stop: int) -> None:
    for i in range(start, stop):
        sink.write(_doc(i), _outcome(i))


def _listing(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_jsonl_sink_writes_atomically_with_errors_beside(tmp_path):
    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(str(out), fingerprint="f", checkpoint_every=3)
    _run(sink, 0, 10)
    assert not out.exists()  # nothing under the final name before the end
    assert (tmp_path / "out.jsonl.partial").exists() and (tmp_path / "out.jsonl.checkpoint.json").exists()
    sink.finish()
    assert _listing(tmp_path) == {"out.jsonl", "out.jsonl.errors.jsonl"}
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == [f"d{i}" for i in range(10)]
    errors = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["error"], e["origin"]) for e in errors] == [
        ("d3", "boom 3", "in.jsonl:3"),
        ("d8", "boom 8", "in.jsonl:8"),
    ]
    assert (sink.counts.done, sink.counts.empty, sink.counts.failed) == (10, 1, 2)


def test_no_errors_means_no_errors_file(tmp_path):
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.errors.jsonl").write_text("stale\n")
    sink = JsonlFileSink(str(out), fingerprint="f")
    sink.write(_doc(0), _outcome(0))
    sink.finish()
    assert _listing(tmp_path) == {"out.jsonl"}


def _uninterrupted(tmp_path, n=30) -> tuple[bytes, bytes]:
    ref = tmp_path / "ref"
    ref.mkdir()
    sink = JsonlFileSink(str(ref / "out.jsonl"), fingerprint="f", checkpoint_every=4)
    _run(sink, 0, n)
    sink.finish()
    return (ref / "out.jsonl").read_bytes(), (ref / "out.jsonl.errors.jsonl").read_bytes()


def test_resume_truncates_to_the_checkpoint_and_matches_an_uninterrupted_run(tmp_path):
    expected = _uninterrupted(tmp_path)
    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(str(out), fingerprint="f", checkpoint_every=4)
    _run(sink, 0, 14)  # checkpoint at 12; docs 12 and 13 are written after it
    sink.out.f.flush()
    sink.errors.f.flush()
    # a killed process leaves what it wrote after the checkpoint, maybe half a line of it
    with open(tmp_path / "out.jsonl.partial", "ab") as f:
        f.write(b'{"id": "half a rec')
    del sink  # (no finish, no close: as after kill -9)

    resumed = JsonlFileSink(str(out), fingerprint="f", resume=True, checkpoint_every=4)
    assert resumed.resumed == 12 and resumed.counts.done == 12
    _run(resumed, 12, 30)
    resumed.finish()
    assert (out.read_bytes(), (tmp_path / "out.jsonl.errors.jsonl").read_bytes()) == expected
    assert _listing(tmp_path) == {"ref", "out.jsonl", "out.jsonl.errors.jsonl"}


def test_resume_of_a_run_killed_while_renaming(tmp_path):
    expected = _uninterrupted(tmp_path)
    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(str(out), fingerprint="f", checkpoint_every=4)
    _run(sink, 0, 30)
    sink.save_checkpoint(finished=True)
    sink.errors.commit(keep_empty=False)  # killed here: errors renamed, output not yet
    sink.out.sync()
    resumed = JsonlFileSink(str(out), fingerprint="f", resume=True)
    assert resumed.resumed == 30 and resumed.notes
    resumed.finish()
    assert (out.read_bytes(), (tmp_path / "out.jsonl.errors.jsonl").read_bytes()) == expected
    assert _listing(tmp_path) == {"ref", "out.jsonl", "out.jsonl.errors.jsonl"}


def test_resume_refuses_another_run(tmp_path):
    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(str(out), fingerprint="first", checkpoint_every=2)
    _run(sink, 0, 4)
    sink.close()
    with pytest.raises(UsageError, match="other inputs or options"):
        JsonlFileSink(str(out), fingerprint="second", resume=True)
    # without --resume, the unfinished run is discarded, with a note
    fresh = JsonlFileSink(str(out), fingerprint="second")
    assert fresh.resumed == 0 and "starting over" in fresh.notes[0]
    fresh.finish()
    assert out.read_bytes() == b""


def test_resume_with_a_partial_file_shorter_than_its_checkpoint(tmp_path):
    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(str(out), fingerprint="f", checkpoint_every=2)
    _run(sink, 0, 4)
    sink.close()
    os.truncate(tmp_path / "out.jsonl.partial", 5)
    with pytest.raises(UsageError, match="shorter"):
        JsonlFileSink(str(out), fingerprint="f", resume=True)


def test_checkpoint_is_json_with_counts(tmp_path):
    cp = Checkpoint(str(tmp_path / "c.json"), "fp")
    cp.save(docs=3, counts={"done": 3, "empty": 0, "failed": 1})
    assert cp.load()["docs"] == 3
    assert not any(name.endswith(".cleaner-tmp") for name in os.listdir(tmp_path))


def test_tree_sink_writes_files_and_resumes(tmp_path):
    def docs():
        return [
            Document(i, None, None, Origin("c.jsonl", "jsonl", "c.jsonl", n))
            for n, i in enumerate(["a", "../../etc/passwd", "a", "b", "boom", "c"], 1)
        ]

    def outcome(doc):
        if doc.doc_id == "boom":
            return Outcome(FAILED, {"id": "boom", "url": None, "error": "bad"})
        return Outcome(OK, {"id": doc.doc_id}, rendered=f"{doc.doc_id} at {doc.origin.position}\n")

    folder = tmp_path / "tree"
    sink = TreeSink(str(folder), ".txt", fingerprint="f", checkpoint_every=2)
    for d in docs()[:3]:
        sink.write(d, outcome(d))
    sink.close()
    resumed = TreeSink(str(folder), ".txt", fingerprint="f", resume=True, checkpoint_every=2)
    assert resumed.resumed == 2
    all_docs = docs()
    for d in all_docs[:2]:
        resumed.skip(d)
    for d in all_docs[2:]:
        resumed.write(d, outcome(d))
    resumed.finish()
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files[0] == "c/a.txt" and files[1].startswith("c/a~")  # the second "a" got its own name
    assert (folder / "c" / "a.txt").read_text() == "a at 1\n"
    assert any(f.startswith("c/etc/passwd~") for f in files)
    assert "c/boom.txt" not in files and len(files) == 5
    assert _listing(tmp_path) == {"tree", "tree.errors.jsonl"}
    assert json.loads((tmp_path / "tree.errors.jsonl").read_text())["error"] == "bad"


def test_tree_sink_reports_a_file_it_cannot_write(tmp_path):
    folder = tmp_path / "tree"
    (folder / "c" / "x.txt").mkdir(parents=True)  # a folder where the file should go
    sink = TreeSink(str(folder), ".txt", fingerprint="f")
    doc = Document("x", None, None, Origin("c.jsonl", "jsonl", "c.jsonl", 1))
    assert sink.write(doc, Outcome(OK, {"id": "x"}, rendered="x\n")) == FAILED
    sink.finish()
    assert "cannot write c/x.txt" in (tmp_path / "tree.errors.jsonl").read_text()


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    atomic_write(str(target), b"new")
    assert target.read_text() == "new" and _listing(tmp_path) == {"f.txt"}


def test_json_lines_survive_lone_surrogates():
    line = json_line({"id": "a\ud800b"})
    assert json.loads(line.decode("utf-8")) == {"id": "a\ud800b"}
