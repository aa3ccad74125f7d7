"""Documents out of every kind of input, one at a time, in a stable order.

An input argument is a file, a folder (walked recursively, names sorted, so the order is the same on
every run), or ``-`` for standard input. A file is read according to its name:

- ``*.warc``, ``*.warc.gz``: every ``response`` record with a 2xx status and an HTML payload (read with
  fastwarc; other records are skipped);
- ``*.jsonl``, ``*.ndjson`` (optionally ``.gz``): one document per non-blank line, a JSON object with an
  HTML field, else a text field (names configurable, see :class:`JsonlFields`);
- ``*.gz``: one gzipped capture;
- anything else: one capture, read as bytes (``clean()`` decodes it).

Nothing here cleans or writes anything. A document that cannot be read (a broken JSON line, a file
that vanished, a capture over the size limit, a truncated WARC record) is still yielded, with
``error`` set, so the batch can report it in its place and go on.

Memory and time are bounded whatever the input: a capture is read up to ``max_bytes`` (the option
max_input_bytes) and no further, and compressed data (a ``.gz`` capture, a line of a ``.jsonl.gz``,
a gzip-, deflate- or brotli-encoded WARC payload) is inflated by at most ``max_decompressed`` bytes
per document, counting what is inflated only to be skipped: a decompression bomb costs a fraction
of a second and one error record.
"""

from __future__ import annotations

import fnmatch
import functools
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .detect import looks_like_html
from .errors import UsageError

STDIN = "-"
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # Options.max_input_bytes
#: the most bytes inflated out of compressed data for one document (--max-decompressed-bytes)
DEFAULT_MAX_DECOMPRESSED = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document came from."""

    path: str  #: the file, as reached from the input argument (``-`` for stdin)
    kind: str  #: file | gz | stdin | jsonl | warc
    relpath: str  #: path of the file relative to the input argument it was found under (its name for a file)
    position: int | None = None  #: line number (jsonl) or byte offset of the record (warc)

    def __str__(self) -> str:
        if self.kind == "jsonl":
            return f"{self.path}:{self.position}"
        if self.kind == "warc":
            return f"{self.path}@{self.position}"
        return self.path


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    url: str | None
    raw: bytes | str | None  #: None when ``error`` is set
    origin: Origin
    error: str | None = None


@dataclass(frozen=True)
class JsonlFields:
    """Names of the fields read from JSONL records."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


def input_kind(name: str) -> str:
    low = name.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(".gz"):
        return "gz"
    return "file"


def is_single_document(inputs: list[str]) -> bool:
    """True when the inputs can only hold one document: one capture file or stdin."""
    if len(inputs) != 1:
        return False
    (only,) = inputs
    return only == STDIN or (not os.path.isdir(only) and input_kind(only) in ("file", "gz"))


def check_inputs(inputs: Iterable[str]) -> None:
    seen_stdin = False
    for name in inputs:
        if name == STDIN:
            if seen_stdin:
                raise UsageError("'-' (standard input) can be given only once")
            seen_stdin = True
        elif not os.path.exists(name):
            raise UsageError(f"{name}: no such file or folder")


def iter_files(root: str, glob: str = "*") -> Iterator[tuple[str, str]]:
    """(path, path relative to root) of every file under a folder, in name order, a subfolder's files at
    the subfolder's place (``a.html``, ``b/1.html``, ``c.html``): the same order on every run.

    Symbolic links to folders are not followed (they can loop); links to files are.
    ``glob`` is matched against the file name, or against the relative path when it has a ``/``.
    """
    stack = [_sorted_entries(root, "")]
    while stack:
        rel_dir, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        if entry.is_dir(follow_symlinks=False):
            stack.append(_sorted_entries(root, rel))
        elif entry.is_file() and _matches(rel, entry.name, glob):
            yield entry.path, rel


def _sorted_entries(root: str, rel_dir: str):
    try:
        with os.scandir(os.path.join(root, rel_dir) if rel_dir else root) as it:
            return rel_dir, iter(sorted(it, key=lambda e: e.name))
    except OSError:
        return rel_dir, iter(())  # an unreadable folder yields nothing we could read


def _matches(rel: str, name: str, glob: str) -> bool:
    if glob in ("*", ""):
        return True
    if "/" not in glob:
        return fnmatch.fnmatchcase(name, glob)
    return _glob_regex(glob).fullmatch(rel) is not None


@functools.lru_cache(maxsize=16)
def _glob_regex(glob: str) -> re.Pattern:
    """A path glob: ``*`` and ``?`` stay within one folder, ``**/`` spans any number of folders."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and (j := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : j].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            i = j + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))


def iter_documents(
    inputs: Iterable[str],
    *,
    glob: str = "*",
    fields: JsonlFields = JsonlFields(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """Every document of every input, lazily, in input order (see the module docstring)."""
    limits = {"max_bytes": max_bytes, "max_decompressed": max_decompressed}
    for name in inputs:
        if name == STDIN:
            yield _stdin_document(stdin, max_bytes)
        elif os.path.isdir(name):
            for path, rel in iter_files(name, glob):
                yield from documents_of_file(path, rel, fields=fields, **limits)
        else:
            yield from documents_of_file(name, os.path.basename(name), fields=fields, **limits)


def count_documents(inputs: Iterable[str], glob: str = "*") -> int | None:
    """The number of documents, when it is cheap to know (no JSONL, WARC or stdin); else None."""
    n = 0
    for name in inputs:
        if name == STDIN:
            return None
        files = iter_files(name, glob) if os.path.isdir(name) else [(name, name)]
        for path, _ in files:
            if input_kind(path) in ("jsonl", "warc"):
                return None
            n += 1
    return n


def documents_of_file(
    path: str,
    relpath: str,
    *,
    fields: JsonlFields = JsonlFields(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
) -> Iterator[Document]:
    kind = input_kind(path)
    if kind == "warc":
        yield from documents_of_warc(path, relpath, max_bytes=max_bytes, max_decompressed=max_decompressed)
    elif kind == "jsonl":
        yield from documents_of_jsonl(
            path, relpath, fields=fields, max_bytes=max_bytes, max_decompressed=max_decompressed
        )
    else:
        origin = Origin(path, kind, relpath)
        limit = min(max_bytes, max_decompressed) if kind == "gz" else max_bytes
        try:
            with open(path, "rb") as f:
                raw = _read_limited(gzip.GzipFile(fileobj=f) if kind == "gz" else f, limit)
        except (OSError, EOFError, zlib.error) as e:
            yield Document(path, None, None, origin, f"cannot read {path}: {_os_error(e)}")
            return
        if kind == "gz" and len(raw) > max_decompressed and max_decompressed < max_bytes:
            yield Document(path, None, None, origin, _bomb_message(max_decompressed))
            return
        yield _capture(path, None, raw, origin, max_bytes)


def _bomb_message(max_decompressed: int, what: str = "the capture") -> str:
    return f"{what} inflates to more than {max_decompressed:,} bytes (option max_decompressed_bytes)"


def _stdin_document(stdin: BinaryIO | None, max_bytes: int) -> Document:
    import sys

    stream = stdin if stdin is not None else sys.stdin.buffer
    return _capture(STDIN, None, _read_limited(stream, max_bytes), Origin(STDIN, "stdin", "stdin"), max_bytes)


def _capture(doc_id: str, url: str | None, raw: bytes | str, origin: Origin, max_bytes: int) -> Document:
    if len(raw) > max_bytes:
        return Document(
            doc_id,
            url,
            None,
            origin,
            f"capture is over the limit of {max_bytes:,} bytes (option max_input_bytes)",
        )
    return Document(doc_id, url, raw, origin)


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: enough to tell that a capture is too large without reading it all
    (and a gzip bomb stays a small read)."""
    return stream.read(max_bytes + 1)


def _os_error(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


# --- JSONL ----------------------------------------------------------------------------------------


def documents_of_jsonl(
    path: str,
    relpath: str,
    *,
    fields: JsonlFields = JsonlFields(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
) -> Iterator[Document]:
    gz = path.lower().endswith(".gz")
    # JSON escapes can make a line several times longer than the capture it holds.
    line_limit = 6 * max_bytes + 1024
    if gz:
        line_limit = min(line_limit, max_decompressed + 1)
    try:
        f = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield Document(
            path, None, None, Origin(path, "jsonl", relpath, 0), f"cannot read {path}: {_os_error(e)}"
        )
        return
    with f:
        lineno = 0
        while True:
            origin = Origin(path, "jsonl", relpath, lineno + 1)
            try:
                line = f.readline(line_limit)
            except (OSError, EOFError, zlib.error) as e:
                yield Document(
                    str(origin), None, None, origin, f"cannot read {path} after line {lineno}: {_os_error(e)}"
                )
                return
            if not line:
                return
            lineno += 1
            if len(line) >= line_limit and not line.endswith(b"\n"):
                try:
                    ended = _skip_rest_of_line(f, max_decompressed - len(line) if gz else None)
                except (OSError, EOFError, zlib.error) as e:
                    yield Document(
                        str(origin),
                        None,
                        None,
                        origin,
                        f"cannot read {path} in line {lineno}: {_os_error(e)}",
                    )
                    return
                if not ended:
                    # Finding the next line would mean inflating without end: a decompression bomb.
                    yield Document(
                        str(origin),
                        None,
                        None,
                        origin,
                        _bomb_message(max_decompressed, f"line {lineno}") + "; the rest of the file "
                        "is skipped",
                    )
                    return
                yield Document(str(origin), None, None, origin, f"line {lineno} is over the size limit")
                continue
            if not line.strip():
                continue
            yield _jsonl_document(line, origin, fields, max_bytes)


def _skip_rest_of_line(f, budget: int | None = None) -> bool:
    """Read past the end of the current line; False if that takes more than ``budget`` bytes."""
    while True:
        chunk = f.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return True
        if budget is not None:
            budget -= len(chunk)
            if budget < 0:
                return False


def _jsonl_document(line: bytes, origin: Origin, fields: JsonlFields, max_bytes: int) -> Document:
    fallback_id = str(origin)
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
        return Document(fallback_id, None, None, origin, f"line {origin.position}: not valid JSON: {e}")
    if not isinstance(record, dict):
        return Document(
            fallback_id,
            None,
            None,
            origin,
            f"line {origin.position}: a JSON object was expected, not {_json_type(record)}",
        )
    doc_id = record.get(fields.id)
    doc_id = fallback_id if doc_id is None or doc_id == "" else _text(doc_id)
    url = record.get(fields.url)
    url = _text(url) if url not in (None, "") else None
    for field in (fields.html, fields.text):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return _capture(doc_id, url, _without_surrogates(value), origin, max_bytes)
    for field in (fields.html, fields.text):
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            return Document(
                doc_id,
                url,
                None,
                origin,
                f"line {origin.position}: field {field!r} is {_json_type(value)}, not a string",
            )
    if fields.html in record or fields.text in record:
        return Document(doc_id, url, "", origin)  # present but blank: an empty document, not an error
    return Document(
        doc_id,
        url,
        None,
        origin,
        f"line {origin.position}: the record has neither {fields.html!r} nor {fields.text!r} "
        f"(see --html-field / --text-field)",
    )


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return {list: "an array", dict: "an object", str: "a string"}.get(type(value), type(value).__name__)


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _without_surrogates(s: str) -> str:
    # JSON can carry lone surrogates (\ud800) that no UTF-8 output can hold; decode() never yields them.
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8")


# --- WARC -----------------------------------------------------------------------------------------


def documents_of_warc(
    source: str | BinaryIO,
    relpath: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
    path: str | None = None,
) -> Iterator[Document]:
    """Every 2xx HTML response record of a WARC (or WARC.gz) file, path or binary stream.

    Payloads are read as stored and decoded here (chunked transfer coding; gzip, deflate or brotli
    content coding), never inflating more than the limits allow. A record that the file ends inside
    of is reported as truncated.
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        raise UsageError("reading WARC files needs fastwarc: pip install 'cleaner[warc]'") from None

    path = path or (source if isinstance(source, str) else relpath)
    try:
        stream = open(source, "rb") if isinstance(source, str) else source  # noqa: SIM115 - closed below
    except OSError as e:
        yield Document(
            path, None, None, Origin(path, "warc", relpath, 0), f"cannot read {path}: {_os_error(e)}"
        )
        return
    # auto_decode="none": fastwarc's own decoding inflates without bound, and after a partial read
    # of an encoded payload it can lose its place in the file (the records after it are lost).
    records = ArchiveIterator(
        stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="none", fsspec_args=False
    )
    position = 0
    try:
        for record in records:
            position = record.stream_pos
            doc = _warc_document(record, path, relpath, max_bytes, max_decompressed)
            if doc is not None:
                yield doc
    except OSError as e:
        origin = Origin(path, "warc", relpath, position)
        yield Document(str(origin), None, None, origin, f"cannot read {path} after offset {position}: {e}")
    finally:
        if isinstance(source, str):
            stream.close()


def _warc_document(record, path: str, relpath: str, max_bytes: int, max_decompressed: int) -> Document | None:
    origin = Origin(path, "warc", relpath, record.stream_pos)
    record_id = (record.headers.get("WARC-Record-ID") or "").strip("<> ") or str(origin)
    url = record.headers.get("WARC-Target-URI") or None
    http = record.http_headers
    if http is not None and not 200 <= (http.status_code or 0) < 300:
        return None
    ctype = (record.http_content_type or "").lower()
    if ctype and ctype not in HTML_TYPES:
        return None
    try:
        stored = record.reader.read(max_bytes + 1)
    except OSError as e:
        return Document(record_id, url, None, origin, f"cannot read the record payload: {e}")
    if len(stored) > max_bytes:
        return _capture(record_id, url, stored, origin, max_bytes)
    expected = record.content_length or 0
    if len(stored) < expected:
        return Document(
            record_id,
            url,
            None,
            origin,
            f"the record is truncated: the file ends after {len(stored):,} of its {expected:,} payload bytes",
        )
    try:
        raw = _decode_payload(stored, http, min(max_bytes, max_decompressed))
    except _PayloadError as e:
        return Document(record_id, url, None, origin, str(e))
    if len(raw) > max_decompressed and max_decompressed < max_bytes:
        return Document(record_id, url, None, origin, _bomb_message(max_decompressed, "the payload"))
    if not ctype and not looks_like_html(raw[:65536].decode("latin-1")):
        return None  # no declared type and nothing that looks like a page: an image, a feed, a redirect
    return _capture(record_id, url, raw, origin, max_bytes)


class _PayloadError(Exception):
    """A payload that cannot be decoded; the message is the document's error."""


def _decode_payload(data: bytes, http, limit: int) -> bytes:
    """Undo the HTTP transfer and content codings of a stored payload; at most ``limit + 1`` bytes out."""
    if http is None:
        return data
    if "chunked" in (http.get("Transfer-Encoding") or "").lower():
        data = _dechunk(data)
    codings = [c.strip().lower() for c in (http.get("Content-Encoding") or "").split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        data = _inflate(data, coding, limit)
    return data


def _dechunk(data: bytes) -> bytes:
    """The body of a chunked transfer coding; the data as it is if it is not chunked after all (some
    crawlers store the decoded body and keep the header)."""
    out, i = [], 0
    while i < len(data):
        eol = data.find(b"\n", i)
        if eol < 0:
            break
        try:
            size = int(data[i:eol].split(b";")[0].strip(), 16)
        except ValueError:
            return data if not out else b"".join(out)
        if size == 0:
            break
        start = eol + 1
        out.append(data[start : start + size])
        i = start + size
        if data[i : i + 2] == b"\r\n":
            i += 2
        elif data[i : i + 1] == b"\n":
            i += 1
    return b"".join(out)


def _zlib_inflate(data: bytes, wbits: int, limit: int) -> bytes:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, limit + 1)
    if data and not out and not d.eof:
        raise zlib.error("the stream ends before any content")
    return out


def _inflate(data: bytes, coding: str, limit: int) -> bytes:
    """Inflate one content coding, stopping after ``limit + 1`` bytes. A stream that ends early
    gives what it holds (as a browser shows it)."""
    try:
        if coding in ("gzip", "x-gzip"):
            return _zlib_inflate(data, 16 + zlib.MAX_WBITS, limit)
        if coding == "deflate":
            try:
                return _zlib_inflate(data, zlib.MAX_WBITS, limit)
            except zlib.error:  # raw deflate, without the zlib header (old IIS)
                return _zlib_inflate(data, -zlib.MAX_WBITS, limit)
        if coding == "br":
            import brotli

            decompressor = brotli.Decompressor()
            try:
                return decompressor.process(data, output_buffer_limit=limit + 1)
            except TypeError:  # brotli < 1.1: no bound
                return decompressor.process(data)
    except ImportError:
        raise _PayloadError("the payload is brotli-encoded and the brotli module is missing") from None
    except Exception as e:  # zlib.error, brotli.error
        raise _PayloadError(f"cannot decode the {coding}-encoded payload: {e}") from None
    raise _PayloadError(f"the payload has a content coding that cannot be decoded here: {coding!r}")


__all__ = [
    "Document",
    "JsonlFields",
    "Origin",
    "check_inputs",
    "count_documents",
    "documents_of_file",
    "documents_of_jsonl",
    "documents_of_warc",
    "input_kind",
    "is_single_document",
    "iter_documents",
    "iter_files",
]
