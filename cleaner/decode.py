"""Bytes to text: BOM first, then the charset the document declares, then detection.

A declared charset is only trusted if the bytes decode under it without error; pages that lie
about their encoding are common enough that the lie must not win over detection.
"""

from __future__ import annotations

import codecs

import charset_normalizer
import regex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset=...>, <meta http-equiv=... content="...; charset=...">, <?xml encoding=...?>
_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""",
    regex.IGNORECASE,
)


def declared_charset(head: bytes) -> str | None:
    m = _DECLARED.search(head[:8192])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(raw: bytes) -> str:
    """Decode a capture; never raises, never returns text with lone surrogates."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(enc, "replace")
    declared = declared_charset(raw)
    try:
        as_utf8: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    if as_utf8 is not None and declared not in (None, "utf-8") and len(as_utf8) < len(raw):
        # Valid UTF-8 with multi-byte sequences in it, declared as a legacy charset (a template that
        # says iso-8859-1 around UTF-8 content): the declaration lies. Text in a single-byte charset
        # almost never forms valid UTF-8 sequences by chance; decoding it as declared would turn
        # every "é" into "Ã©".
        return as_utf8
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lied: fall through to detection
    if as_utf8 is not None:
        return as_utf8
    if declared in (None, "utf-8") and _mostly_utf8(raw):
        # A UTF-8 page with a few stray bytes (a pasted Latin-1 quote): detection would pick a
        # legacy code page and garble every accented letter to save those few bytes.
        return raw.decode("utf-8", "replace")
    # Detection on a bounded prefix keeps a huge page from costing seconds here.
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding, "replace")
        except LookupError:
            pass
    return raw.decode("utf-8", "replace")


def _mostly_utf8(raw: bytes) -> bool:
    bad = raw.decode("utf-8", "replace").count("\ufffd")
    multibyte = sum(1 for b in raw[:2_000_000] if b >= 0xC2 and b <= 0xF4)
    return bad <= max(3, len(raw) // 5000) and multibyte > bad
