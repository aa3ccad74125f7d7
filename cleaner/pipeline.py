"""clean(): the one entry point. Detects the kind of capture, picks the site's rules, runs a path."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .decode import decode
from .detect import looks_like_html
from .errors import InputError
from .html_path import clean_html
from .options import Options
from .rule_files import RuleBook, SiteRules, cached_rule_book
from .text_path import clean_text


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url if "//" in url else "//" + url).hostname
    return host.lower().removeprefix("www.") if host else None


def rule_book(rules=None, site_rules: bool = True, timeout: float = 0.05) -> RuleBook:
    """The rules in force: built-in (unless site_rules is False) plus any extra files or folders."""
    if rules is None:
        extra: tuple[str, ...] = ()
    elif isinstance(rules, RuleBook):
        return rules
    elif isinstance(rules, str | Path):
        extra = (str(rules),)
    else:
        extra = tuple(str(r) for r in rules)
    if not site_rules:
        return RuleBook([])
    return cached_rule_book(extra, True, timeout)


@dataclass(frozen=True)
class Prepared:
    """A capture decoded and classified, with the site rules that apply to it."""

    text: str
    url: str | None
    host: str | None
    is_html: bool
    site: SiteRules | None
    options: Options

    @property
    def site_name(self) -> str | None:
        return self.host or (self.site.domains[0] if self.site else None)


def prepare(raw: str | bytes, url: str | None = None, *, rules=None, site_rules: bool = True,
            **options) -> Prepared:
    opts = Options.from_kwargs(**options)
    if isinstance(raw, bytes | bytearray | memoryview):
        raw = bytes(raw)
        if len(raw) > opts.max_input_bytes:
            raise InputError(f"capture is {len(raw):,} bytes, over the limit of {opts.max_input_bytes:,} "
                             f"(option max_input_bytes)")
        text = decode(raw)
    elif isinstance(raw, str):
        text = raw
        if len(text) > opts.max_input_bytes:
            raise InputError(f"capture is {len(text):,} characters, over the limit of {opts.max_input_bytes:,} "
                             f"(option max_input_bytes)")
    else:
        raise InputError(f"clean() takes str or bytes, not {type(raw).__name__}")
    text = text.replace("\x00", "")
    book = rule_book(rules, site_rules, opts.regex_timeout)
    host = host_of(url)
    site = book.for_capture(host, text) if book.rule_sets else None
    return Prepared(text, url, host, looks_like_html(text), site, opts)


def clean(raw: str | bytes, url: str | None = None, *, rules=None, site_rules: bool = True, **options) -> Article:
    """Clean one capture (HTML page or plain-text dump) into an Article.

    ``rules``: extra rule files or folders on top of the built-in ``rules/`` (or a RuleBook).
    ``site_rules=False`` switches site rules off, leaving the generic heuristics alone.
    ``options``: fields of :class:`cleaner.options.Options`.
    """
    return clean_prepared(prepare(raw, url, rules=rules, site_rules=site_rules, **options))


def clean_prepared(p: Prepared) -> Article:
    opts = p.options
    if p.is_html:
        r = clean_html(p.text, p.url, p.site, favor_precision=opts.favor_precision, record=opts.record_removals)
        return Article(r.title, _with_title(r.title, r.paragraphs, opts), p.url, p.site_name or r.sitename,
                       r.date, r.byline, "html", r.removed)
    t = clean_text(p.text, p.site, record=opts.record_removals)
    return Article(t.title, _with_title(t.title, t.paragraphs, opts), p.url, p.site_name, t.date, t.byline,
                   "text", t.removed)


def _with_title(title, paragraphs, opts: Options):
    return [title, *paragraphs] if opts.include_title and title else paragraphs
