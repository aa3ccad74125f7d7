"""Writing learned rules as a rule file, or merging them into a hand-written one.

Learned entries always sit between two marker comments::

    # >>> learned by `cleaner rules learn` ...
    # on 9 of 10 pages, e.g. "Last Updated: Saturday, 12 January 2008, 14:28 GMT"
    { pattern = '^Last\\s+Updated:...$', reason = "learned-line" },
    # <<< learned

Everything outside the markers belongs to the person who edits the file and is never touched:
merging into an existing file first removes the old learned blocks, then inserts the new ones
(inside an existing list, as a new key of an existing table, or as a new table). A learned
pattern that the file already has is not added twice. Patterns are written as TOML literal
strings ('...', no escaping) unless they hold a quote or a control character.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import regex

from .errors import RuleError
from .rule_files import SiteRules, _Reader
from .rule_learning import LEARNED_HEAD, LEARNED_LINE, LEARNED_TAIL, LearnedRule, LearnedRules

BEGIN = "# >>> learned"
END = "# <<< learned"
_INDENT = "    "
_EXAMPLE_CHARS = 100


def toml_string(s: str) -> str:
    """``s`` as a TOML string: literal ('...') when it can be, basic ("...") with escapes otherwise."""
    if "'" not in s and not any(_needs_escape(c) for c in s):
        return f"'{s}'"
    out = []
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif _needs_escape(c):
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _needs_escape(c: str) -> bool:
    o = ord(c)
    return o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF


def _comment_text(s: str) -> str:
    """A line of text safe inside a comment: no line breaks or control characters, clipped."""
    s = "".join(" " if _needs_escape(c) else c for c in " ".join(s.split()))
    return s if len(s) <= _EXAMPLE_CHARS else s[: _EXAMPLE_CHARS - 1] + "…"


def _support(r: LearnedRule, pages: int) -> str:
    return f'# on {r.support} of {pages} pages, e.g. "{_comment_text(r.example).replace(chr(34), chr(39))}"'


# --- the learned blocks ---------------------------------------------------------------------------
def _header(learned: LearnedRules) -> str:
    distinct = f", {learned.distinct_pages} distinct" if learned.distinct_pages != learned.pages else ""
    return f"{BEGIN} by `cleaner rules learn` from {learned.pages} pages{distinct}"


def _entries(rules, pages: int, render, indent: str) -> list[str]:
    lines = []
    for r in rules:
        lines.append(indent + _support(r, pages))
        lines.append(indent + render(r) + ",")
    return lines


def _line_rule(reason: str):
    return lambda r: f"{{ pattern = {toml_string(r.value)}, reason = {toml_string(reason)} }}"


def _plain(r: LearnedRule) -> str:
    return toml_string(r.value)


_KEYS = (
    # (table, key, field of LearnedRules, how an entry is written)
    ("site", "fingerprints", "fingerprints", _plain),
    ("text", "drop", "drop", _line_rule(LEARNED_LINE)),
    ("text", "drop_after", "drop_after", _line_rule(LEARNED_TAIL)),
    ("text", "drop_before", "drop_before", _line_rule(LEARNED_HEAD)),
    ("html", "drop", "html_drop", _plain),
)


def _fresh(learned: LearnedRules) -> str:
    site = learned.site or "example.com"
    out = [
        f"# Rules for {site}, learned by `cleaner rules learn` from {learned.pages} pages of the site.",
        "# Each learned entry says on how many pages it was found, with one example. Edit freely:",
        "# learning again merges into this file and replaces only the blocks between the",
        f"# '{BEGIN}' and '{END}' markers.",
        "",
        "[site]",
        f"name = {toml_string(site)}",
        f"domains = [{toml_string(site)}]",
    ]
    return "\n".join(out) + "\n"


def render_rule_file(learned: LearnedRules, existing: str | None = None) -> str:
    """The text of a rule file: ``existing`` with the learned entries merged in, or a new file."""
    source = strip_learned(existing) if existing is not None else _fresh(learned)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise RuleError(
            "existing rule file", None, None, f"cannot merge into a file that is not valid TOML: {e}"
        ) from None
    for table, key, fieldname, render in _KEYS:
        rules: tuple[LearnedRule, ...] = getattr(learned, fieldname)
        if not rules:
            continue
        have = data.get(table, {}).get(key) if isinstance(data.get(table), dict) else None
        if table == "site" and key == "fingerprints" and have:
            continue  # the file says how to recognise its site: its author's call, not ours
        if isinstance(have, list):
            known = {item.get("pattern") if isinstance(item, dict) else item for item in have}
            rules = tuple(r for r in rules if r.value not in known)
            if not rules:
                continue
        block = [_INDENT + _header(learned), *_entries(rules, learned.pages, render, _INDENT), _INDENT + END]
        if have is not None:
            source = _insert_in_array(source, table, key, block)
        else:
            key_lines = [f"{key} = [", *_entries(rules, learned.pages, render, _INDENT), "]"]
            if table == "site" and key == "fingerprints" and "fingerprint_min" not in data.get("site", {}):
                key_lines.append(f"fingerprint_min = {learned.fingerprint_min}")
            lines = [_header(learned), *key_lines, END]
            source = _insert_key(source, table, lines, table_exists=isinstance(data.get(table), dict))
        data = tomllib.loads(source)
    return source


def strip_learned(source: str) -> str:
    """``source`` without its learned blocks (marker lines and everything between them)."""
    out, inside = [], False
    for line in source.splitlines(keepends=True):
        s = line.strip()
        if not inside and s.startswith(BEGIN):
            inside = True
            continue
        if inside:
            if s.startswith(END):
                inside = False
            continue
        out.append(line)
    text = "".join(out)
    return text if text.endswith("\n") or not text else text + "\n"


# --- finding places in TOML source ------------------------------------------------------------------
_CODE, _STRING, _COMMENT = 0, 1, 2
_HEADER = regex.compile(r"[ \t]*\[(\[)?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?[ \t]*(?:#[^\n]*)?(?:\n|$)")


def _kinds(source: str) -> list[int]:
    """For each character: TOML structure, inside a string, or inside a comment."""
    kind = [_CODE] * len(source)
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "#":
            j = source.find("\n", i)
            j = n if j < 0 else j
            kind[i:j] = [_COMMENT] * (j - i)
            i = j
        elif c in "\"'":
            triple = source.startswith(c * 3, i)
            close = c * 3 if triple else c
            j = i + len(close)
            while j < n:
                if c == '"' and source[j] == "\\":
                    j += 2
                    continue
                if source.startswith(close, j):
                    j += len(close)
                    while triple and j < n and source[j] == c:  # """a"""" ends with a quote in it
                        j += 1
                    break
                if not triple and source[j] == "\n":
                    break
                j += 1
            j = min(j, n)
            kind[i:j] = [_STRING] * (j - i)
            i = j
        else:
            i += 1
    return kind


def _headers(source: str, kind: list[int]) -> list[tuple[int, int, str]]:
    """Top-level table headers: (start of line, end of line, table name; "test[]" for [[test]])."""
    out = []
    depth = 0
    at_line_start = True
    for i, c in enumerate(source):
        if at_line_start and depth == 0:
            m = _HEADER.match(source, i)
            if m and kind[m.start(2)] == _CODE:
                out.append((i, m.end(), m.group(2).strip().strip("\"'") + ("[]" if m.group(1) else "")))
        at_line_start = c == "\n"
        if kind[i] != _CODE:
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return out


def _section(source: str, table: str) -> tuple[int, int]:
    """[start, end) of the body of table ``table`` (after its header line, up to the next header)."""
    headers = _headers(source, _kinds(source))
    for k, (_, end, name) in enumerate(headers):
        if name == table:
            stop = headers[k + 1][0] if k + 1 < len(headers) else len(source)
            return end, stop
    raise RuleError(
        "existing rule file",
        None,
        table,
        f"cannot merge: write [{table}] as a table of its own (not as dotted keys)",
    )


def _insert_in_array(source: str, table: str, key: str, block: list[str]) -> str:
    """``block`` (lines) added as the last elements of the list ``table.key``."""
    start, stop = _section(source, table)
    kind = _kinds(source)
    key_re = regex.compile(rf"(?m)^[ \t]*[\"']?{regex.escape(key)}[\"']?[ \t]*=[ \t]*")
    m = next(
        (
            f
            for f in key_re.finditer(source, start, stop)
            if kind[f.start() + len(f.group(0)) - len(f.group(0).lstrip())] == _CODE
            and source[f.end() : stop].startswith("[")
        ),
        None,
    )
    if m is None:
        raise RuleError(
            "existing rule file",
            None,
            f"{table}.{key}",
            f"cannot merge: write {table}.{key} as a list ({key} = [ ... ])",
        )
    open_at = m.end()
    depth, close_at, last = 0, None, open_at
    for i in range(open_at, len(source)):
        if kind[i] == _COMMENT:
            continue
        c = source[i]
        if kind[i] == _CODE and c in "[{":
            depth += 1
        elif kind[i] == _CODE and c in "]}":
            depth -= 1
            if depth == 0:
                close_at = i
                break
        if not c.isspace() and i != open_at:
            last = i
    if close_at is None:
        raise RuleError("existing rule file", None, f"{table}.{key}", "cannot merge: the list is not closed")
    head = source[: last + 1]
    if last != open_at and source[last] != ",":
        head += ","  # the element before ours needs its comma
    head += source[last + 1 : close_at].rstrip(" \t")  # comments after the last element stay
    if not head.endswith("\n"):
        head += "\n"
    return head + "\n".join(block) + "\n" + source[close_at:]


def _insert_key(source: str, table: str, lines: list[str], *, table_exists: bool) -> str:
    """``lines`` (a key and its value) added at the end of ``table``, or as a new table."""
    if table_exists:
        start, stop = _section(source, table)
        cut = start + len(source[start:stop].rstrip())
        if cut == start:
            return source[:start] + "\n".join(lines) + "\n" + source[start:]
        return source[:cut] + "\n" + "\n".join(lines) + source[cut:]
    # A new table: before the first [[test]] if there is one, else at the end.
    tests = [s for s, _, name in _headers(source, _kinds(source)) if name == "test[]"]
    where = tests[0] if tests else len(source)
    block = "\n".join([lines[0], f"[{table}]", *lines[1:]]) + "\n"
    before, after = source[:where].rstrip("\n"), source[where:]
    return before + "\n\n" + block + ("\n" + after if after else "")


# --- loading without a file -------------------------------------------------------------------------
def compile_rule_text(
    text: str, *, name: str = "learned.toml", path: str | Path | None = None, timeout: float = 0.05
) -> SiteRules:
    """Validate and compile rule-file text as load_rule_file does, without writing it anywhere.

    ``path`` (or ``learned/<name>``) is the path the rule set reports; removals say ``rules/<name>``.
    """
    where = Path(path) if path is not None else Path("learned") / name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = regex.search(r"line (\d+)", str(e))
        raise RuleError(where, int(m.group(1)) if m else None, None, f"not valid TOML: {e}") from None
    return _Reader(where, text, timeout).read(data)
