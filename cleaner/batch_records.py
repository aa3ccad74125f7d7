"""One document in, one outcome out: the record a batch writes for it, and how it went.

Pure: no files, no processes. The same function runs in the main process (``--jobs 1``) and in
every worker, so the output cannot depend on the number of workers.
"""

from __future__ import annotations

import contextlib
import traceback
from dataclasses import dataclass

from .article import Article
from .batch_inputs import Document
from .errors import CleanerError
from .pipeline import clean
from .render import render

#: The fields of every JSONL record, in order. ``error`` and ``empty_reason`` follow when they apply.
RECORD_FIELDS = ("id", "url", "title", "text", "date", "byline", "site", "source_kind", "removed")

OK, EMPTY, FAILED = "ok", "empty", "failed"

EMPTY_CAPTURE = "the capture is empty"
NO_ARTICLE = "no article text found"
TOO_DEEP = (
    "the page nests its elements more than 255 deep; the HTML parser stops reading there, "
    "and the rest of the page is lost"
)


@dataclass(frozen=True, slots=True)
class Settings:
    """What every document of a batch is cleaned with (picklable: sent once to each worker)."""

    rules: tuple[str, ...] = ()
    site_rules: bool = True
    default_url: str | None = None
    options: tuple[tuple[str, object], ...] = ()  #: fields of Options, as (name, value) pairs
    render_format: str | None = None  #: txt | md | json: also render the article as text


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  #: ok | empty | failed
    record: dict  #: the JSONL record
    rendered: str | None = None  #: the article in Settings.render_format (not for failures)
    error_detail: str | None = None  #: a traceback, for failures that are bugs rather than bad input


def clean_document(doc: Document, settings: Settings) -> Outcome:
    """Clean one document; never raises for a bad document (only for a bad batch, e.g. a broken rule file)."""
    url = doc.url or settings.default_url
    if doc.error is not None:
        return failed(doc, url, doc.error)
    try:
        article = clean(
            doc.raw, url, rules=list(settings.rules), site_rules=settings.site_rules, **dict(settings.options)
        )
    except CleanerError as e:
        return failed(doc, url, f"{type(e).__name__}: {e}")
    except RecursionError:
        return failed(doc, url, "RecursionError: the page is nested too deeply to parse")
    except MemoryError:
        return failed(doc, url, "MemoryError: not enough memory to clean this document")
    except Exception as e:  # a bug in a heuristic must cost one document, not the batch
        return failed(doc, url, f"{type(e).__name__}: {e}", traceback.format_exc())
    rendered = render(article, settings.render_format) if settings.render_format else None
    record = article_record(doc.doc_id, article)
    if not article.paragraphs:
        record["empty_reason"] = empty_reason(doc.raw, article)
        return Outcome(EMPTY, record, rendered)
    return Outcome(OK, record, rendered)


def article_record(doc_id: str, article: Article) -> dict:
    return {
        "id": doc_id,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "date": article.date,
        "byline": article.byline,
        "site": article.site,
        "source_kind": article.source_kind,
        "removed": article.removal_counts(),
    }


def failed(doc: Document, url: str | None, error: str, detail: str | None = None) -> Outcome:
    record = {
        "id": doc.doc_id,
        "url": url,
        "title": None,
        "text": "",
        "date": None,
        "byline": None,
        "site": None,
        "source_kind": None,
        "removed": {},
        "error": error,
    }
    return Outcome(FAILED, record, None, detail)


def empty_reason(raw: bytes | str | None, article: Article) -> str:
    if raw is None or not raw.strip(" \t\r\n\f\v\x00" if isinstance(raw, str) else b" \t\r\n\f\v\x00"):
        return EMPTY_CAPTURE  # NUL bytes are dropped before cleaning: a capture of them is empty
    if article.source_kind == "html" and _parse_stops_early(raw):
        return f"{NO_ARTICLE}: {TOO_DEEP}"
    if article.removed:
        n = len(article.removed)
        return f"{NO_ARTICLE} ({n} {'piece' if n == 1 else 'pieces'} removed)"
    return NO_ARTICLE


def _parse_stops_early(raw: bytes | str) -> bool:
    """Did libxml2 stop at its nesting limit (256 levels)? Asked only of pages that gave no text."""
    from lxml import etree

    from .decode import decode

    text = decode(raw) if isinstance(raw, bytes) else raw
    parser = etree.HTMLParser(recover=True, encoding="utf-8")
    with contextlib.suppress(etree.Error, ValueError):
        etree.fromstring(text.encode("utf-8", "replace"), parser)
    return any("Excessive depth" in (e.message or "") for e in parser.error_log)


def error_line(doc: Document, outcome: Outcome) -> dict:
    """The line of the errors file for a failed document."""
    line = {
        "id": doc.doc_id,
        "url": outcome.record.get("url"),
        "origin": str(doc.origin),
        "error": outcome.record["error"],
    }
    if outcome.error_detail:
        line["traceback"] = outcome.error_detail
    return line
