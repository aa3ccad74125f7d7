"""A capture with every removed line marked with its reason: the same decisions clean() makes."""

from __future__ import annotations

from .html_path import clean_html
from .pipeline import Prepared
from .text_path import clean_text

KEPT, TITLE = "kept", "title"


def explain_lines(p: Prepared) -> list[tuple[int | None, str, str, str]]:
    """(line number, verdict, by, text) for every line; verdict is 'kept', 'title' or a reason code."""
    if p.is_html:
        r = clean_html(p.text, p.url, p.site, favor_precision=p.options.favor_precision)
        rows: list[tuple[int | None, str, str, str]] = []
        if r.title:
            rows.append((None, TITLE, "", r.title))
        rows += [(None, rem.reason, rem.by, rem.text) for rem in r.removed if rem.reason == "site-selector"]
        rows += [(None, reason or KEPT, by or "", text) for text, reason, by in r.trace]
        return rows
    t = clean_text(p.text, p.site)
    lines = p.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    verdict_of_line: dict[int, tuple[str, str]] = {}
    for m in t.markup:
        for n in range(m.first_line, m.last_line + 1):
            verdict_of_line[n] = ("markup", "heuristic:markup")
    for u, v in zip(t.units, t.verdicts, strict=True):
        for n in range(u.first_line, u.last_line + 1):
            verdict_of_line[n] = (v.reason or KEPT, v.by or "")
    return [(n, *verdict_of_line.get(n, ("", "")), line) for n, line in enumerate(lines, 1)]


def explain_text(p: Prepared, *, color: bool = False) -> str:
    out = []
    width = max((len(v) for _, v, _, _ in explain_lines(p)), default=4)
    for n, verdict, _by, text in explain_lines(p):
        num = f"{n:>5}" if n is not None else "    ·"
        if verdict in ("", KEPT):
            mark = " " * (width + 3)
        else:
            mark = ("- " if verdict != TITLE else "# ") + verdict.ljust(width) + " "
        line = f"{num} {mark}| {text}"
        if color and verdict not in ("", KEPT):
            line = f"\x1b[2m{line}\x1b[0m" if verdict != TITLE else f"\x1b[1m{line}\x1b[0m"
        out.append(line.rstrip())
    return "\n".join(out) + "\n"
