"""Output file names derived from hostile ids and URLs stay inside the output folder."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.batch_inputs import Document, Origin
from cleaner.output_names import (
    MAX_COMPONENT_BYTES,
    MAX_DEPTH,
    TreeNames,
    document_name,
    safe_relative_path,
    strip_capture_suffix,
    url_name,
)

HOSTILE = [
    "../../etc/passwd",
    "/etc/passwd",
    "a/\x00b",
    "x" * 1000,
    "..",
    ".",
    "",
    "\\..\\..\\win",
    "CON",
    ".bashrc",
    "a/../../b",
    "trailing. ",
    "我" * 300,
    "bad\ud800surrogate",
    "a" * 50 + "/" * 40 + "b",
]


def _safe(path: str) -> None:
    parts = path.split("/")
    assert path and not path.startswith("/")
    assert len(parts) <= MAX_DEPTH
    for part in parts:
        assert part not in ("", ".", "..") and not part.startswith(".")
        assert "\x00" not in part and "\\" not in part
        part.encode("utf-8")  # no lone surrogates
        assert len(part.encode("utf-8", "surrogatepass")) <= MAX_COMPONENT_BYTES


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_become_safe_relative_paths(name, tmp_path):
    safe = safe_relative_path(name)
    _safe(safe)
    target = os.path.realpath(tmp_path / safe)
    assert target.startswith(str(tmp_path) + os.sep)


@given(st.text(max_size=300))
def test_any_name_is_safe(name):
    _safe(safe_relative_path(name))


def test_clean_names_are_kept_and_changed_ones_hashed():
    assert safe_relative_path("news/2024/story") == "news/2024/story"
    assert safe_relative_path("../../etc/passwd").startswith("etc/passwd~")
    # two ids sanitised alike still get different names
    assert safe_relative_path("a?b") != safe_relative_path("a*b")


def test_suffixes_and_urls():
    assert strip_capture_suffix("sub/page.html.gz") == "sub/page"
    assert strip_capture_suffix("notes.TXT") == "notes"
    assert strip_capture_suffix("sub/.html") == "sub/.html"
    assert url_name("https://www.example.com/news/a.html") == "www.example.com/news/a"
    assert url_name("http://example.com/") == "example.com/index"
    assert url_name("http://example.com:8080/x?id=3") == "example.com_8080/x?id=3"


def _doc(doc_id, kind="jsonl", relpath="crawl.jsonl", position=1, url=None):
    return Document(doc_id, url, "", Origin("in/" + relpath, kind, relpath, position))


def test_document_names_mirror_inputs():
    assert document_name(_doc("in/sub/a.html", "file", "sub/a.html", None)) == "sub/a"
    assert document_name(_doc("story-1")) == "crawl/story-1"
    assert document_name(_doc("in/crawl.jsonl:7", position=7)) == "crawl/line-7"
    warc = _doc("urn:uuid:1", "warc", "c.warc.gz", 0, url="https://ex.com/a/b.htm")
    assert document_name(warc) == "c/ex.com/a/b"


def test_clashing_names_get_distinct_files():
    names = TreeNames(".txt")
    first = names.name_for(_doc("dup", position=1))
    second = names.name_for(_doc("dup", position=2))
    third = names.name_for(_doc("DUP", position=3))  # the same file on a case-insensitive file system
    assert first == "crawl/dup.txt"
    assert len({first.lower(), second.lower(), third.lower()}) == 3
    assert second.startswith("crawl/dup~") and second.endswith(".txt")
    # the same sequence gives the same names (what --resume relies on)
    again = TreeNames(".txt")
    assert [again.name_for(_doc(i, position=p)) for i, p in (("dup", 1), ("dup", 2), ("DUP", 3))] == [
        first,
        second,
        third,
    ]
