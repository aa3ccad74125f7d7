"""File names for a tree of outputs, derived from input paths, ids and URLs.

Names come from data (a JSONL id, a URL in a WARC), so they are hostile until proven otherwise:
every name is cut into components, and each component is made safe on its own: no ``..``, no ``.``,
no leading dot (no hidden files, and names beginning with a dot are kept for our temporary files),
no NUL, control characters or lone surrogates, no characters Windows refuses, no device names, at most
:data:`MAX_COMPONENT_BYTES` bytes, at most :data:`MAX_DEPTH` levels. A name that had to be changed
gets ``~`` and a short hash of the original, so two different ids never land on one file by being
sanitised alike. The result is always a relative path below the output folder.
"""

from __future__ import annotations

import hashlib
import urllib.parse

import regex

from .batch_inputs import Document

MAX_COMPONENT_BYTES = 120
MAX_DEPTH = 12
#: suffixes replaced by the output's own (.txt / .md) when mirroring files and URLs
CAPTURE_SUFFIXES = (
    ".html",
    ".htm",
    ".xhtml",
    ".shtml",
    ".php",
    ".asp",
    ".aspx",
    ".jsp",
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".warc",
    ".jsonl",
    ".ndjson",
)

# controls, characters Windows refuses, and lone surrogates (no file system can encode them)
_UNSAFE_CHARS = regex.compile(r'[\x00-\x1f\x7f<>:"|?*\ud800-\udfff]')
_WINDOWS_DEVICES = regex.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")


def short_hash(text: str, size: int = 5) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def safe_relative_path(name: str) -> str:
    """A safe relative POSIX path for ``name`` (see the module docstring); never empty."""
    parts = [p for p in (_safe_component(c) for c in regex.split(r"[/\\]+", name)) if p]
    if len(parts) > MAX_DEPTH:
        parts = [*parts[: MAX_DEPTH - 1], _truncate("_".join(parts[MAX_DEPTH - 1 :]))]
    safe = "/".join(parts)
    if safe != name or not parts:
        last = parts.pop() if parts else ""
        parts.append(_truncate(last, MAX_COMPONENT_BYTES - 11) + "~" + short_hash(name))
        safe = "/".join(parts)
    return safe


def _safe_component(part: str) -> str:
    part = _UNSAFE_CHARS.sub("_", part).rstrip(" .").lstrip(" ")
    if part in ("", ".", ".."):
        return ""
    if part.startswith("."):
        part = "_" + part[1:]
    if _WINDOWS_DEVICES.match(part):
        part = "_" + part
    return _truncate(part)


def _truncate(part: str, limit: int = MAX_COMPONENT_BYTES) -> str:
    data = part.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return part
    return data[:limit].decode("utf-8", "ignore")


def strip_capture_suffix(path: str) -> str:
    low = path.lower()
    if low.endswith(".gz"):
        path, low = path[:-3], low[:-3]
    for suffix in CAPTURE_SUFFIXES:
        if low.endswith(suffix) and len(path) > len(suffix) and path[-len(suffix) - 1] not in "/\\":
            return path[: -len(suffix)]
    return path


def url_name(url: str) -> str:
    """host/path[?query] of a URL, with the page's suffix removed and ``index`` for a folder URL."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f"_{parts.port}"
    path = parts.path
    if not path or path.endswith("/"):
        path += "index"
    name = host + "/" + strip_capture_suffix(path.lstrip("/"))
    return name + ("?" + parts.query if parts.query else "")


def document_name(doc: Document) -> str:
    """The name of a document's output, before sanitising and without the output suffix.

    Files mirror their path below the input folder (or their own name, for a file given on the
    command line); a JSONL record is ``<jsonl file>/<id>`` (``line-N`` without an id); a WARC
    record is ``<warc file>/<host>/<path>`` of its URL (its record id when it has none).
    """
    o = doc.origin
    if o.kind in ("file", "gz", "stdin"):
        return strip_capture_suffix(o.relpath)
    container = strip_capture_suffix(o.relpath)
    if o.kind == "jsonl":
        own_id = doc.doc_id != str(o)
        return f"{container}/{doc.doc_id if own_id else f'line-{o.position}'}"
    if doc.url:
        return f"{container}/{url_name(doc.url)}"
    return f"{container}/{doc.doc_id}"


class TreeNames:
    """Gives every document of a run its own output path.

    Two documents can still ask for one name (the same URL crawled twice, ``a.html`` and ``a.htm`` in
    one folder, an id repeated); the second gets ``~`` and a hash of its origin. Deciding that needs
    the names given so far: kept as 8-byte digests (about 60 bytes a document in memory), compared
    without case, so that the tree is the same on case-insensitive file systems.
    """

    def __init__(self, suffix: str):
        self.suffix = suffix
        self._taken: set[int] = set()

    def name_for(self, doc: Document) -> str:
        base = safe_relative_path(document_name(doc))
        name = base + self.suffix
        salt = 0
        while (key := self._key(name)) in self._taken:
            salt += 1
            tag = short_hash(f"{doc.origin}\x00{doc.doc_id}\x00{salt}")
            name = _truncate_last(base, MAX_COMPONENT_BYTES - 11) + "~" + tag + self.suffix
        self._taken.add(key)
        return name

    @staticmethod
    def _key(name: str) -> int:
        return int.from_bytes(
            hashlib.blake2b(name.casefold().encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
        )


def _truncate_last(path: str, limit: int) -> str:
    head, _, last = path.rpartition("/")
    last = _truncate(last, limit)
    return f"{head}/{last}" if head else last
