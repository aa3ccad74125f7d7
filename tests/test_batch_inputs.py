"""Reading documents out of every input kind, lazily and in a stable order."""

from __future__ import annotations

import gzip
import io
import itertools

import pytest
from batch_helpers import article_html, http_response, make_corpus, write_jsonl, write_warc

from cleaner.batch_inputs import (
    JsonlFields,
    count_documents,
    documents_of_jsonl,
    input_kind,
    is_single_document,
    iter_documents,
    iter_files,
)


def test_input_kinds_by_name():
    assert input_kind("a/crawl.warc.gz") == "warc"
    assert input_kind("x.WARC") == "warc"
    assert input_kind("x.jsonl.gz") == input_kind("x.ndjson") == "jsonl"
    assert input_kind("page.html.gz") == "gz"
    assert input_kind("page.html") == input_kind("dump") == "file"


def test_folder_walk_is_sorted_depth_first_and_globbed(tmp_path):
    for rel in ("b/2.html", "b/1.txt", "a.html", "c.html", "b/z/0.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [rel for _, rel in iter_files(str(tmp_path))] == [
        "a.html",
        "b/1.txt",
        "b/2.html",
        "b/z/0.html",
        "c.html",
    ]
    assert [rel for _, rel in iter_files(str(tmp_path), "*.html")] == [
        "a.html",
        "b/2.html",
        "b/z/0.html",
        "c.html",
    ]
    assert [rel for _, rel in iter_files(str(tmp_path), "b/*.html")] == ["b/2.html"]


def test_every_kind_of_input(tmp_path):
    corpus = make_corpus(tmp_path)
    docs = list(iter_documents([str(corpus)]))
    ids = [d.doc_id for d in docs]
    assert ids[0] == f"{corpus}/a.html"
    kinds = [d.origin.kind for d in docs]
    assert kinds == ["file", "warc", "warc", "jsonl", "jsonl", "jsonl", "jsonl", "file", "gz", "file"]
    by_id = {d.doc_id: d for d in docs}
    # the gz is decompressed, the plain files are bytes for clean() to decode
    assert by_id[f"{corpus}/sub/c.html.gz"].raw == article_html(3).encode()
    assert isinstance(by_id[f"{corpus}/a.html"].raw, bytes)
    # JSONL: ids, urls, the html field, then the text field; a broken line and a bad field are errors
    assert by_id["r1"].url == "https://news.example.com/r1" and by_id["r1"].raw == article_html(4)
    assert by_id["r2"].raw.startswith("Budget story number 5")
    broken = by_id[f"{corpus}/records.jsonl:2"]
    assert broken.raw is None and "line 2: not valid JSON" in broken.error
    assert "field 'html' is a number, not a string" in by_id["r3"].error
    # WARC: only the 2xx HTML responses, with their URL and record id
    warc = [d for d in docs if d.origin.kind == "warc"]
    assert [d.url for d in warc] == [
        "https://news.example.com/story/6.html",
        "https://news.example.com/story/7",
    ]
    assert all(d.doc_id.startswith("urn:uuid:") and d.error is None for d in warc)
    assert b"Story 6." in warc[0].raw


def test_documents_are_read_lazily(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [{"id": str(i), "text": "x"} for i in range(1000)])
    it = documents_of_jsonl(str(path), "big.jsonl")
    first = list(itertools.islice(it, 3))
    assert [d.doc_id for d in first] == ["0", "1", "2"]


def test_jsonl_field_names_and_fallback_id(tmp_path):
    path = write_jsonl(
        tmp_path / "r.jsonl.gz", [{"body": "<p>hi</p>", "link": "http://x.org/"}, "", {"body": ""}], gz=True
    )
    fields = JsonlFields(html="body", url="link", id="key")
    docs = list(documents_of_jsonl(str(path), "r.jsonl.gz", fields=fields))
    assert [(d.doc_id, d.url, d.raw, d.error) for d in docs] == [
        (f"{path}:1", "http://x.org/", "<p>hi</p>", None),
        (
            f"{path}:3",
            None,
            "",
            None,
        ),  # a blank field is an empty document, not an error; blank lines are skipped
    ]


def test_missing_fields_and_non_objects_are_errors(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", [{"id": 1, "body": "x"}, "[1, 2]", '"\\ud800 lone"'])
    docs = list(documents_of_jsonl(str(path), "r.jsonl"))
    assert docs[0].doc_id == "1" and "neither 'html' nor 'text'" in docs[0].error
    assert "a JSON object was expected, not an array" in docs[1].error
    assert "a JSON object was expected, not a string" in docs[2].error


def test_lone_surrogates_in_jsonl_are_replaced(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "caf\\ud800 text"}\n')
    (doc,) = documents_of_jsonl(str(path), "s.jsonl")
    doc.raw.encode("utf-8")  # would raise on a lone surrogate


def test_size_limit_is_an_error_not_a_big_read(tmp_path):
    (tmp_path / "big.html").write_bytes(b"x" * 5000)
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(b"y" * 100_000))
    write_jsonl(tmp_path / "big.jsonl", [{"text": "z" * 5000}, {"text": "ok"}])
    docs = list(iter_documents([str(tmp_path)], max_bytes=1000))
    errors = {d.origin.relpath: d.error for d in docs}
    assert "over the limit of 1,000 bytes" in errors["big.html"]
    assert "over the limit" in errors["bomb.gz"]
    jsonl = [d for d in docs if d.origin.kind == "jsonl"]
    assert "over the limit" in jsonl[0].error and jsonl[1].raw == "ok"


def test_corrupt_gz_and_truncated_warc(tmp_path):
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    write_warc(tmp_path / "w.warc", [("http://e.org/", http_response(article_html(1).encode()))], gz=False)
    (tmp_path / "x.warc").write_bytes(b"this is not a WARC file\r\n" * 10)
    docs = list(iter_documents([str(tmp_path)]))
    by_name = {d.origin.relpath: d for d in docs}
    assert by_name["bad.html.gz"].error.startswith("cannot read")
    assert by_name["w.warc"].error is None and by_name["w.warc"].url == "http://e.org/"
    assert "cannot read" in by_name["x.warc"].error


def test_stdin_and_single_document_detection(tmp_path):
    (tmp_path / "p.html").write_text("x")
    (tmp_path / "p.jsonl").write_text("")
    assert is_single_document(["-"]) and is_single_document([str(tmp_path / "p.html")])
    assert not is_single_document([str(tmp_path / "p.jsonl")])
    assert not is_single_document([str(tmp_path)])
    assert not is_single_document(["-", str(tmp_path / "p.html")])
    (doc,) = iter_documents(["-"], stdin=io.BytesIO(b"<p>from stdin</p>"))
    assert doc.doc_id == "-" and doc.raw == b"<p>from stdin</p>" and doc.origin.kind == "stdin"


def test_count_is_known_only_without_containers(tmp_path):
    (tmp_path / "d").mkdir()
    for i in range(3):
        (tmp_path / "d" / f"{i}.html").write_text("x")
    assert count_documents([str(tmp_path / "d")]) == 3
    assert count_documents([str(tmp_path / "d"), "-"]) is None
    write_jsonl(tmp_path / "d" / "r.jsonl", [])
    assert count_documents([str(tmp_path / "d")]) is None


@pytest.mark.parametrize("name", ["a.warc", "a.warc.gz"])
def test_warc_without_content_type_is_sniffed(tmp_path, name):
    page = article_html(1).encode()
    write_warc(
        tmp_path / name,
        [
            ("http://e.org/page", b"HTTP/1.1 200 OK\r\n\r\n" + page),
            ("http://e.org/blob", b"HTTP/1.1 200 OK\r\n\r\n\x00\x01binary"),
        ],
        gz=name.endswith(".gz"),
    )
    docs = list(iter_documents([str(tmp_path / name)]))
    assert [d.url for d in docs] == ["http://e.org/page"]
