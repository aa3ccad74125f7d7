"""The batch loop: order, workers, bounded memory, crashes, records."""

from __future__ import annotations

import io
import json
import sys
import threading

import pytest
from batch_helpers import article_html, article_text, clean_chunk_or_die, make_corpus

from cleaner.batch_inputs import Document, Origin, iter_documents
from cleaner.batch_outputs import StdoutJsonlSink
from cleaner.batch_records import (
    EMPTY_CAPTURE,
    FAILED,
    OK,
    RECORD_FIELDS,
    Settings,
    clean_document,
    empty_reason,
)
from cleaner.batch_run import _start_context, clean_in_order, run_batch
from cleaner.progress import Counts, Progress, summary_line


def _jsonl(docs, jobs: int) -> tuple[bytes, Counts]:
    buf = io.BytesIO()
    counts = run_batch(docs, StdoutJsonlSink(buf), Settings(), jobs=jobs)
    return buf.getvalue(), counts


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    corpus = make_corpus(tmp_path)
    for i in range(20):  # enough for several chunks
        (corpus / f"more{i:02d}.html").write_text(article_html(100 + i))
    one, counts = _jsonl(iter_documents([str(corpus)]), jobs=1)
    two, _ = _jsonl(iter_documents([str(corpus)]), jobs=2)
    assert one == two
    records = [json.loads(line) for line in one.splitlines()]
    assert len(records) == counts.done == 30
    assert all(list(r)[: len(RECORD_FIELDS)] == list(RECORD_FIELDS) for r in records)
    assert counts.failed == 2 and counts.empty >= 1



def test_workers_start_from_a_clean_process_while_other_threads_run(tmp_path):
    # Forking a process with threads can copy a lock another thread holds; the batch then takes the
    # forkserver, which must give the same output as the plain fork of a single-threaded process.
    alone = sys.platform == "linux" and threading.active_count() == 1  # other tests' pools may linger
    assert (_start_context().get_start_method() == "fork") == alone
    corpus = make_corpus(tmp_path)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert _start_context().get_start_method() != "fork"
        two, _ = _jsonl(iter_documents([str(corpus)]), jobs=2)
    finally:
        stop.set()
        other.join()
    one, _ = _jsonl(iter_documents([str(corpus)]), jobs=1)
    assert two == one

def test_records(tmp_path):
    settings = Settings(default_url="https://fallback.example.org/")
    origin = Origin("x", "file", "x")
    ok = clean_document(
        Document("p", "https://news.example.com/a", article_html(1).encode(), origin), settings
    )
    assert ok.status == OK
    r = ok.record
    assert r["id"] == "p" and r["url"] == "https://news.example.com/a" and r["site"] == "news.example.com"
    assert r["title"] and "Story 1." in r["text"] and r["source_kind"] == "html"
    assert isinstance(r["removed"], dict) and "error" not in r and "empty_reason" not in r
    text = clean_document(Document("t", None, article_text(2), origin), settings)
    assert text.record["source_kind"] == "text" and text.record["url"] == "https://fallback.example.org/"
    empty = clean_document(Document("e", None, b"  \n", origin), settings)
    assert empty.record["text"] == "" and empty.record["empty_reason"] == EMPTY_CAPTURE
    bad = clean_document(Document("b", None, None, origin, error="cannot read x"), settings)
    assert bad.status == FAILED and bad.record["error"] == "cannot read x" and bad.record["text"] == ""


def test_a_bug_in_cleaning_costs_one_document(monkeypatch):
    import cleaner.batch_records as br

    def broken(*a, **k):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(br, "clean", broken)
    out = br.clean_document(Document("d", None, b"x", Origin("x", "file", "x")), Settings())
    assert out.status == FAILED and out.record["error"] == "ZeroDivisionError: oops"
    assert "Traceback" in out.error_detail


def test_empty_reason_says_what_happened():
    from cleaner.article import Article, Removal

    assert empty_reason(b"", Article(None, ())) == EMPTY_CAPTURE
    assert empty_reason("text", Article(None, ())) == "no article text found"
    removed = Article(None, (), removed=(Removal("x", "nav-run", "heuristic:nav-run"),))
    assert empty_reason("text", removed) == "no article text found (1 piece removed)"


def test_workers_pull_a_bounded_number_of_documents_ahead():
    pulled = 0

    def docs():
        nonlocal pulled
        for i in range(200):
            pulled += 1
            yield Document(str(i), None, f"Line {i} of a short text capture.", Origin("-", "stdin", "-"))

    results = clean_in_order(docs(), Settings(), jobs=2)
    for n, (doc, _) in enumerate(results, 1):
        # 2 workers: at most 4 chunks of 8 documents in flight, plus the chunk being filled
        assert pulled - n <= 4 * 8 + 8
        assert doc.raw is None  # the main process does not keep the captures it has sent
    assert pulled == 200


def test_a_worker_that_dies_costs_only_its_document():
    docs = [
        Document(str(i), None, f"Short text capture number {i}.", Origin("-", "stdin", "-"))
        for i in range(12)
    ]
    docs[5] = Document("crash", None, "x", Origin("-", "stdin", "-"))
    results = list(clean_in_order(iter(docs), Settings(), jobs=2, _task=clean_chunk_or_die))
    assert [d.doc_id for d, _ in results] == [d.doc_id for d in docs]
    statuses = {d.doc_id: o for d, o in results}
    assert statuses["crash"].status == FAILED and "WorkerDied" in statuses["crash"].record["error"]
    assert all(o.status != FAILED for i, o in statuses.items() if i != "crash")


def test_progress_line_and_summary():
    ticks = iter([0.0, 10.0, 10.0, 10.0, 20.0, 20.0])
    stream = io.StringIO()
    p = Progress(total=4, stream=stream, enabled=True, interval=0, clock=lambda: next(ticks))
    p.update(OK)
    p.update(FAILED)
    assert "\r2/4 docs (50%)" in stream.getvalue()
    line = p.line(20.0)
    assert line == "2/4 docs (50%), 0.1 docs/s, 1 errors, ETA 20.0 s"
    p.close()
    assert stream.getvalue().endswith("\r")
    assert summary_line(Counts(10, 2, 1), 4.0) == "10 done, 2 empty, 1 failed in 4.0 s (2.5 docs/s)"


def test_progress_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    p = Progress(total=None, stream=stream)
    p.update(OK)
    p.close()
    assert stream.getvalue() == "" and p.counts.done == 1


def test_a_broken_rule_file_stops_the_batch_before_work(tmp_path):
    from cleaner.batch_run import load_rules
    from cleaner.errors import RuleError

    bad = tmp_path / "bad.toml"
    bad.write_text("[site\nname = 1")
    with pytest.raises(RuleError):
        load_rules(Settings(rules=(str(bad),)))
