"""Articles as text: plain, markdown, JSON, and the golden format reviewers read."""

from __future__ import annotations

import json

from .article import Article

FORMATS = ("txt", "md", "json", "jsonl")


def as_txt(a: Article) -> str:
    parts = [a.title] if a.title else []
    parts.extend(a.paragraphs)
    return "\n\n".join(parts) + "\n" if parts else ""


def as_md(a: Article) -> str:
    blocks = [f"# {a.title}"] if a.title else []
    meta = [f"{k}: {v}" for k, v in (("url", a.url), ("site", a.site), ("date", a.date), ("byline", a.byline)) if v]
    if meta:
        blocks.append("<!-- " + " | ".join(meta) + " -->")
    blocks.extend(a.paragraphs)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def as_json(a: Article, *, indent: int | None = 2, with_removed: bool = True) -> str:
    return json.dumps(a.to_dict(with_removed=with_removed), ensure_ascii=False, indent=indent) + "\n"


def as_golden(a: Article) -> str:
    """The format of golden/*/expected.txt: a fixed header, a rule, the body."""
    header = "".join(f"{k}: {v or ''}".rstrip() + "\n" for k, v in
                     (("title", a.title), ("url", a.url), ("site", a.site), ("date", a.date), ("byline", a.byline)))
    return header + "----\n" + "\n\n".join(a.paragraphs) + "\n"


def render(a: Article, fmt: str) -> str:
    if fmt == "txt":
        return as_txt(a)
    if fmt == "md":
        return as_md(a)
    if fmt == "json":
        return as_json(a)
    if fmt == "jsonl":
        return as_json(a, indent=None)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
