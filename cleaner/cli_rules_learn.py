"""`cleaner rules learn --site HOST CAPTURE... [-o rules/HOST.toml]`: a rule file from many pages of a site.

Captures are files (text or HTML, ``.gz`` too), folders of them, JSONL or WARC files, read as
``cleaner clean`` reads them. From a JSONL or WARC file holding many sites, only the pages whose URL
is on HOST (or a subdomain of it) are used; a plain file is taken to be a page of HOST.

With ``-o FILE``: a new file is written, or an existing one is merged with (its hand-written rules
and comments kept, the learned entries added between marker comments). Without it, the file is
printed. Either way the result is checked by loading it, as ``cleaner rules check`` would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex

from .batch_inputs import check_inputs, iter_documents
from .batch_outputs import atomic_write
from .errors import UsageError
from .pipeline import host_of
from .rule_files import on_domain
from .rule_learning import LearnSettings, learn_site_rules
from .rule_writer import compile_rule_text, render_rule_file

_HOST = regex.compile(r"[a-z0-9.\-]+\.[a-z]{2,}")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "learn",
        help="learn a site's rule file from many captures of it",
        description="Learn what repeats across many captures of one site (menus, footers, tickers with "
        "changing numbers, HTML containers) and write it as a rule file. Each learned entry "
        "carries, as a comment, on how many pages it was found and one example.",
    )
    p.add_argument(
        "captures",
        nargs="+",
        metavar="CAPTURE",
        help="capture files (text or HTML), folders of them, JSONL or WARC files",
    )
    p.add_argument(
        "--site",
        metavar="HOST",
        help="the site, e.g. example.com (default: the host of the pages' URLs, if they have one)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="rule file to write; an existing file is merged with, not overwritten (default: print)",
    )
    p.add_argument(
        "--min-share",
        type=_share,
        default=LearnSettings.line_share,
        metavar="F",
        help=f"a line is learned when on at least this share of the pages "
        f"(default {LearnSettings.line_share})",
    )
    p.add_argument(
        "--min-pages",
        type=int,
        default=LearnSettings.min_support,
        metavar="N",
        help=f"...and on at least N pages (default {LearnSettings.min_support})",
    )
    p.add_argument("--glob", default="*", metavar="PATTERN", help="in folders, read only files matching this")
    p.set_defaults(_learn=run)


def _share(value: str) -> float:
    try:
        f = float(value)
    except ValueError:
        f = -1.0
    if not 0 < f <= 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1, not {value!r}")
    return f


def read_captures(inputs: list[str], site: str | None, glob: str = "*") -> tuple[str, list, int]:
    """(site, [(url, raw)] of its pages, number of documents skipped as another site's or unreadable)."""
    check_inputs(inputs)
    docs = [d for d in iter_documents(inputs, glob=glob)]
    readable = [d for d in docs if d.error is None and d.raw is not None]
    skipped = len(docs) - len(readable)
    if site is None:
        hosts = sorted({h for h in (host_of(d.url) for d in readable) if h})
        if len(hosts) != 1:
            raise UsageError(
                "say which site the captures are of with --site HOST"
                + (f" (their URLs are on {len(hosts)} hosts)" if hosts else "")
            )
        site = hosts[0]
    site = site.lower().removeprefix("www.").rstrip(".")
    if not _HOST.fullmatch(site):
        raise UsageError(f"--site must be a host name like example.com, not {site!r}")
    captures = []
    for d in readable:
        # A document with a URL must be on the site; one without (a plain file) is taken as given.
        if d.url is None and d.origin.kind in ("file", "gz", "stdin") or on_domain(host_of(d.url), site):
            captures.append((d.url, d.raw))
        else:
            skipped += 1
    return site, captures, skipped


def run(args) -> int:
    site, captures, skipped = read_captures(args.captures, args.site, args.glob)
    settings = LearnSettings(
        line_share=args.min_share,
        min_support=max(1, args.min_pages),
        # Lowering --min-pages below the default support lowers the pages a site needs too.
        min_pages=LearnSettings.min_pages
        if args.min_pages >= LearnSettings.min_support
        else max(1, args.min_pages),
    )
    learned = learn_site_rules(captures, site, settings)
    note = f", {skipped} other documents skipped" if skipped else ""
    if learned.distinct_pages < settings.min_pages:
        raise UsageError(
            f"{site}: {learned.distinct_pages} distinct pages{note}; learning needs at least "
            f"{settings.min_pages} (a template is what repeats across pages)"
        )
    output = Path(args.output) if args.output else None
    existing = output.read_text(encoding="utf-8") if output is not None and output.exists() else None
    text = render_rule_file(learned, existing=existing)
    compile_rule_text(text, path=output or Path(f"{site}.toml"))  # never write a file that does not load
    summary = (
        f"{site}: learned from {learned.pages} pages ({learned.distinct_pages} distinct{note}): "
        f"{len(learned.drop)} line rules, {len(learned.drop_before)} head anchors, "
        f"{len(learned.drop_after)} tail anchors, "
        f"{len(learned.fingerprints)} fingerprints, {len(learned.html_drop)} HTML containers"
    )
    if output is None:
        sys.stdout.write(text)
        print(summary, file=sys.stderr)
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(str(output), text.encode("utf-8"), fsync=False)
    print(f"{summary} -> {output}" + (" (merged)" if existing is not None else ""), file=sys.stderr)
    return 0


