"""`cleaner clean` end to end: outputs, exit codes, safety, --jobs, --resume after kill -9."""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from batch_helpers import article_html, article_text, make_corpus, read_jsonl, run_clean, write_jsonl

from cleaner.errors import UsageError

_run = run_clean


# --- one capture ------------------------------------------------------------------------------------


def test_one_capture_to_stdout(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(article_html(1))
    code, out, err = _run(capsys, str(page))
    assert code == 0 and err == ""
    assert out.startswith("Council approves budget, part 1\n\n") and "(Story 1.)" in out

    code, out, _ = _run(capsys, str(page), "--format", "json", "--url", "https://www.example.com/a")
    article = json.loads(out)  # one JSON object
    assert code == 0 and article["site"] == "example.com" and article["url"] == "https://www.example.com/a"

    code, out, _ = _run(capsys, str(page), "--format", "jsonl")
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == str(page) and record["source_kind"] == "html"


def test_stdin_is_read_as_bytes(tmp_path, capsys, monkeypatch):
    data = article_html(2).encode("utf-16")  # only bytes keep the BOM for clean() to decode
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(capsys, "-", "--format", "md")
    assert code == 0 and out.startswith("# Council approves budget, part 2")


def test_one_capture_to_a_file(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(article_text(3))
    code, _, _ = _run(capsys, str(page), "-o", str(tmp_path / "out.md"))
    assert code == 0 and (tmp_path / "out.md").read_text().startswith("# Budget story number 3")
    assert sorted(os.listdir(tmp_path)) == ["out.md", "page.txt"]


def test_one_capture_that_fails_writes_nothing_and_exits_3(tmp_path, capsys):
    bad = tmp_path / "bad.html.gz"
    bad.write_bytes(b"\x1f\x8b broken")
    code, out, err = _run(capsys, str(bad), "-o", str(tmp_path / "out.txt"))
    assert code == 3 and "cannot read" in err and not (tmp_path / "out.txt").exists()


def test_an_empty_capture_is_not_a_failure(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = _run(capsys, str(empty))
    assert code == 0 and out == "" and "empty: the capture is empty" in err


# --- batches ----------------------------------------------------------------------------------------


def test_batch_to_jsonl_with_errors_file(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    code, stdout, err = _run(capsys, str(corpus), "-o", str(out))
    assert code == 3 and stdout == ""
    assert "10 done" in err and "2 failed" in err and "out.jsonl.errors.jsonl" in err
    records = read_jsonl(out)
    assert len(records) == 10
    for r in records:
        assert list(r)[:9] == [
            "id",
            "url",
            "title",
            "text",
            "date",
            "byline",
            "site",
            "source_kind",
            "removed",
        ]
    by_id = {r["id"]: r for r in records}
    assert "(Story 1.)" in by_id[f"{corpus}/a.html"]["text"]
    assert by_id["r1"]["site"] == "news.example.com" and "(Story 4.)" in by_id["r1"]["text"]
    assert by_id["r2"]["source_kind"] == "text"
    assert by_id[f"{corpus}/sub/empty.txt"]["text"] == ""
    assert by_id[f"{corpus}/sub/empty.txt"]["empty_reason"] == "the capture is empty"
    warc = [r for r in records if r["id"].startswith("urn:uuid:")]
    assert [r["url"] for r in warc] == [
        "https://news.example.com/story/6.html",
        "https://news.example.com/story/7",
    ]
    assert all("(Story" in r["text"] for r in warc)
    failed = [r for r in records if "error" in r]
    assert [r["id"] for r in failed] == [f"{corpus}/records.jsonl:2", "r3"]
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["id"], e["origin"]) for e in errors] == [
        (f"{corpus}/records.jsonl:2", f"{corpus}/records.jsonl:2"),
        ("r3", f"{corpus}/records.jsonl:4"),
    ]
    assert sorted(os.listdir(tmp_path)) == ["corpus", "out.jsonl", "out.jsonl.errors.jsonl"]


def test_batch_to_stdout_and_exit_0_when_all_good(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.html").write_text(article_html(i))
    (folder / "skip.txt").write_text(article_text(9))
    code, out, err = _run(capsys, str(folder), "--glob", "*.html")
    assert code == 0
    assert [r["id"] for r in map(json.loads, out.splitlines())] == [f"{folder}/{i}.html" for i in range(3)]
    assert err.startswith("cleaner clean: 3 done, 0 empty, 0 failed")


def test_two_jobs_give_the_same_file_as_one(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    assert _run(capsys, str(corpus), "-o", str(tmp_path / "one.jsonl"))[0] == 3
    assert _run(capsys, str(corpus), "-o", str(tmp_path / "two.jsonl"), "--jobs", "2")[0] == 3
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert (tmp_path / "one.jsonl.errors.jsonl").read_bytes() == (
        tmp_path / "two.jsonl.errors.jsonl"
    ).read_bytes()


def test_tree_output_mirrors_inputs_and_contains_hostile_ids(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    hostile = ["../../etc/passwd", "/etc/passwd", "a\x00b", "x" * 1000, "..", "con", ".hidden"]
    write_jsonl(corpus / "hostile.jsonl", [{"id": i, "text": article_text(n)} for n, i in enumerate(hostile)])
    before = set(os.listdir(tmp_path))
    out = tmp_path / "tree"
    code, _, err = _run(capsys, str(corpus), "-o", str(out), "--format", "md")
    assert code == 3
    assert set(os.listdir(tmp_path)) == before | {"tree", "tree.errors.jsonl"}
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert {"a.md", "sub/b.md", "sub/c.md", "sub/empty.md", "records/r1.md", "records/r2.md"} <= set(files)
    assert any(f.startswith("crawl/news.example.com/story/6") for f in files)
    hostile_files = [f for f in files if f.startswith("hostile")]  # ".." gives hostile~HASH.md
    assert len(hostile_files) == len(hostile)
    real_out = os.path.realpath(out)
    for f in files:
        assert os.path.realpath(out / f).startswith(real_out + os.sep)
        assert all(len(part.encode()) <= 255 and part not in ("..", ".") for part in f.split("/"))
    assert (out / "a.md").read_text().startswith("# Council approves budget, part 1")
    assert not list(out.rglob(".*"))  # no temporary or hidden files left


@pytest.mark.parametrize(
    "argv, message",
    [
        (["{missing}"], "no such file"),
        (["{page}", "-o", "{page}"], "is the input"),
        (["{corpus}", "-o", "{corpus}/out.jsonl"], "inside the input folder"),
        (["{corpus}/sub", "-o", "{corpus}"], "contains the input"),
        (["{corpus}", "-o", "{corpus}/sub/tree"], "inside the input folder"),
        (["-", "-o", "{tmp}/o.jsonl", "--resume"], "cannot be resumed"),
        (["{page}", "--resume"], "--resume continues"),
        (["{corpus}", "--format", "md"], "--format md writes one document"),
        (["{corpus}", "-o", "{tmp}/x.txt"], "many documents go to a .jsonl file or a folder"),
        (["{corpus}", "-o", "{tmp}/x.jsonl", "--format", "md"], "does not match"),
        (["{page}", "--rules", "{tmp}/nope.toml"], "no such rule file"),
        (["{page}", "--rules", "{tmp}", "--no-site-rules"], "contradict"),
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, argv, message):
    corpus = make_corpus(tmp_path)
    page = corpus / "a.html"
    before = page.read_bytes()
    argv = [a.format(missing=tmp_path / "missing.html", page=page, corpus=corpus, tmp=tmp_path) for a in argv]
    code, out, err = _run(capsys, *argv)
    assert code == 2 and message in err and out == ""
    assert page.read_bytes() == before


def test_bad_flag_values_exit_2(tmp_path, capsys):
    page = tmp_path / "p.html"
    page.write_text("x")
    assert _run(capsys, str(page), "--jobs", "0")[0] == 2
    assert _run(capsys, str(page), "--format", "pdf")[0] == 2


def test_usage_error_is_a_cleaner_error():
    from cleaner.errors import CleanerError

    assert issubclass(UsageError, CleanerError)


# --- resume after kill -9 ---------------------------------------------------------------------------


def _resume_corpus(tmp_path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = []
    for i in range(200):
        if i % 41 == 7:
            lines.append("{broken json")
        elif i % 4 == 0:
            lines.append({"id": f"doc-{i}", "url": f"https://news.example.com/{i}", "html": article_html(i)})
        else:
            lines.append({"id": f"doc-{i}", "text": article_text(i)})
    write_jsonl(folder / "docs.jsonl", lines)
    return str(folder)


def _checkpoint(path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return None


def _descendants(pid: int) -> set[int]:
    """Every live process under ``pid`` (Linux /proc; empty elsewhere)."""
    parents = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    parents[int(entry)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _assert_gone_soon(pids: set[int], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        alive = {p for p in pids if os.path.exists(f"/proc/{p}") and b"zombie" not in _status(p)}
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert not alive, f"processes left behind by the killed batch: {sorted(alive)}"


def _status(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            return f.read().lower()
    except OSError:
        return b"zombie"


def test_resume_after_kill_9_gives_the_same_bytes(tmp_path, capsys):
    inputs = _resume_corpus(tmp_path)
    ref = tmp_path / "ref"
    ref.mkdir()
    assert _run(capsys, inputs, "-o", str(ref / "out.jsonl"))[0] == 3

    work = tmp_path / "work"
    work.mkdir()
    out = work / "out.jsonl"
    cmd = [
        sys.executable,
        "-m",
        "cleaner",
        "clean",
        inputs,
        "-o",
        str(out),
        "--checkpoint-every",
        "10",
        "--jobs",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    checkpoint = work / "out.jsonl.checkpoint.json"
    partial = work / "out.jsonl.partial"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            state = _checkpoint(checkpoint)
            # kill once a few checkpoints are down and records were written after the last one
            if state and state["docs"] >= 40 and partial.stat().st_size > state["output_bytes"]:
                break
            assert proc.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.01)
        else:
            pytest.fail("no checkpoint within 60 s")
        workers = _descendants(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    assert not out.exists()
    _assert_gone_soon(workers)  # the workers (and fork server) do not outlive a killed batch
    killed_at = _checkpoint(checkpoint)["docs"]
    assert 40 <= killed_at < 200

    code, _, err = _run(capsys, inputs, "-o", str(out), "--resume")
    assert code == 3 and "200 done" in err
    assert out.read_bytes() == (ref / "out.jsonl").read_bytes()
    assert (work / "out.jsonl.errors.jsonl").read_bytes() == (ref / "out.jsonl.errors.jsonl").read_bytes()
    assert sorted(os.listdir(work)) == ["out.jsonl", "out.jsonl.errors.jsonl"]  # no partial files left


def test_resume_of_a_tree_after_ctrl_c(tmp_path, capsys, monkeypatch):
    inputs = _resume_corpus(tmp_path)
    assert _run(capsys, inputs, "-o", str(tmp_path / "ref"))[0] == 3
    out = tmp_path / "tree"

    import cleaner.cli_clean

    real = cleaner.cli_clean.iter_documents
    monkeypatch.setattr(
        cleaner.cli_clean,
        "iter_documents",
        lambda *a, **k: _then_interrupt(itertools.islice(real(*a, **k), 35)),
    )
    code, _, err = _run(capsys, inputs, "-o", str(out), "--checkpoint-every", "10")
    assert code == 130 and "--resume continues" in err
    assert _checkpoint(tmp_path / "tree.checkpoint.json")["docs"] == 30
    monkeypatch.setattr(cleaner.cli_clean, "iter_documents", real)

    code, _, err = _run(capsys, inputs, "-o", str(out), "--resume")
    assert code == 3 and "200 done" in err
    assert _tree(out) == _tree(tmp_path / "ref")
    assert (tmp_path / "tree.errors.jsonl").read_bytes() == (tmp_path / "ref.errors.jsonl").read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["in", "ref", "ref.errors.jsonl", "tree", "tree.errors.jsonl"]


def _then_interrupt(docs):
    yield from docs
    raise KeyboardInterrupt


def _tree(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
