"""Small captures and containers for the batch, CLI and integration tests (built in tmp_path)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

PARAGRAPHS = (
    "The city council approved the new budget on Tuesday after a long debate about road repairs and "
    "the cost of public transport for the coming year.",
    "Officials said the plan would add two bus lines, repave the main avenue and hire more inspectors "
    "to check the quality of the work done by contractors.",
    "Opponents argued that the spending was too high, but the measure passed by seven votes to four "
    "after an amendment that caps the cost of the bus lines.",
)


def article_html(n: int, title: str | None = None) -> str:
    title = title or f"Council approves budget, part {n}"
    body = "\n".join(f"<p>{p} (Story {n}.)</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        f"<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )


def article_text(n: int) -> str:
    return f"Budget story number {n}\n\n" + "\n\n".join(f"{p} (Story {n}.)" for p in PARAGRAPHS) + "\n"


def http_response(
    html: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + html


def write_warc(path: Path, records: list[tuple[str, bytes]], *, gz: bool = True) -> Path:
    """A WARC of response records (url, full HTTP response bytes), written with fastwarc."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    with open(path, "wb") as f:
        for url, http in records:
            record = WarcRecord()
            record.init_headers(WarcRecordType.response)
            record.headers["WARC-Target-URI"] = url
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(http)
            if gz:
                writer = GzipWriter(f)
                record.write(writer)
                writer.close()
            else:
                record.write(f)
    return path


def write_jsonl(path: Path, lines: list[dict | str], *, gz: bool = False) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def make_corpus(root: Path) -> Path:
    """A folder with every input kind: HTML, text, gz, an empty file, a JSONL with a broken line, a WARC."""
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.html").write_text(article_html(1), encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text(article_text(2), encoding="utf-8")
    (corpus / "sub" / "c.html.gz").write_bytes(gzip.compress(article_html(3).encode()))
    (corpus / "sub" / "empty.txt").write_bytes(b"")
    write_jsonl(
        corpus / "records.jsonl",
        [
            {"id": "r1", "url": "https://news.example.com/r1", "html": article_html(4)},
            "{this is not json",
            {"id": "r2", "text": article_text(5)},
            {"id": "r3", "html": 42},
        ],
    )
    write_warc(
        corpus / "crawl.warc.gz",
        [
            ("https://news.example.com/story/6.html", http_response(article_html(6).encode())),
            ("https://news.example.com/logo.png", http_response(b"\x89PNG...", "image/png")),
            ("https://news.example.com/missing", http_response(b"<html>gone</html>", status="404 Not Found")),
            (
                "https://news.example.com/story/7",
                http_response(article_html(7).encode("cp1252"), "text/html; charset=windows-1252"),
            ),
        ],
    )
    return corpus


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def clean_chunk_or_die(chunk):
    """A worker task that dies like a segfaulting parser on a document whose id is "crash"."""
    import os

    from cleaner.batch_run import _clean_chunk

    if any(doc.doc_id == "crash" for doc in chunk):
        os._exit(70)
    return _clean_chunk(chunk)


def run_clean(capsys, *argv: str) -> tuple[int, str, str]:
    """`cleaner clean ARGV` in this process: exit code, stdout, stderr (argparse exits included)."""
    from cleaner.cli import main

    try:
        code = main(["clean", *argv])
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err
