"""clean(): the one entry point. Detects the kind of capture, picks the site's rules, runs a path."""

from __future__ import annotations

import signal
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .decode import decode
from .detect import looks_like_html
from .errors import InputError, RuleError, TimeLimitError
from .html_path import clean_html
from .mojibake import repair_mojibake
from .options import Options
from .rule_files import RuleBook, SiteRules, _rule_paths, builtin_rules_dir, cached_rule_book, load_rule_file
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
    try:
        return cached_rule_book(extra, True, timeout)
    except RecursionError:
        raise _too_deep(extra, timeout) from None


def _too_deep(extra: tuple[str, ...], timeout: float) -> RuleError:
    """A rule file nested thousands of levels deep (TOML arrays, a pattern's groups): name the file."""
    for path in _rule_paths([builtin_rules_dir(), *extra]):
        try:
            load_rule_file(path, timeout=timeout)
        except RecursionError:
            return RuleError(path, None, None, "nested too deeply to read (a TOML value or a pattern nested "
                                               "thousands of levels deep)")
        except RuleError:
            continue
    return RuleError(", ".join(extra) or builtin_rules_dir(), None, None, "nested too deeply to read")


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
    if opts.repair_mojibake:
        text = repair_mojibake(text)
    book = rule_book(rules, site_rules, opts.regex_timeout)
    host = host_of(url)
    site = book.for_capture(host, text) if book.rule_sets else None
    return Prepared(text, url, host, looks_like_html(text), site, opts)


def clean(
    raw: str | bytes, url: str | None = None, *, rules=None, site_rules: bool = True, **options
) -> Article:
    """Clean one capture (HTML page or plain-text dump) into an Article.

    ``rules``: extra rule files or folders on top of the built-in ``rules/`` (or a RuleBook).
    ``site_rules=False`` switches site rules off, leaving the generic heuristics alone.
    ``options``: fields of :class:`cleaner.options.Options`.

    Raises InputError (too large), TimeLimitError (slower than ``time_limit``), RuleError, OptionsError.
    """
    opts = Options.from_kwargs(**options)
    book = rule_book(rules, site_rules, opts.regex_timeout)  # loaded once per process; not timed
    with time_limit(opts.time_limit):
        return clean_prepared(prepare(raw, url, rules=book, site_rules=site_rules, **options))


class time_limit:  # noqa: N801 - used as a function: ``with time_limit(30): ...``
    """Raise TimeLimitError in the block once ``seconds`` of wall time have passed (0: no limit).

    A timer signal (SIGALRM) interrupts the work wherever it is, in Python code or in a regular
    expression; work inside C code that does not look at signals (an lxml parse) ends first, which
    the input size limit keeps short. Where no timer is available (Windows, threads other than the
    main thread, a caller whose own SIGALRM timer or handler is in place) the block runs without a
    limit: the batch command adds a second, outside limit on its worker processes.

    Third-party code that catches every exception could swallow the first TimeLimitError, so the
    timer fires again every quarter second until the block ends, and the block raises
    TimeLimitError on the way out if the limit passed whatever happened inside it.
    """

    REPEAT = 0.25

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False
        self.fired = False
        self._previous = None

    def __enter__(self) -> time_limit:
        if self.seconds <= 0 or not hasattr(signal, "setitimer"):
            return self
        if threading.current_thread() is not threading.main_thread():
            return self
        if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return self  # a timer is running already (the caller's, or an outer limit): leave it be
        previous = signal.getsignal(signal.SIGALRM)
        if previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
            return self  # the caller handles SIGALRM for its own purposes
        try:
            signal.signal(signal.SIGALRM, self._expired)
        except ValueError:  # not the main interpreter
            return self
        self._previous = previous
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds, self.REPEAT)
        return self

    def _expired(self, signum, frame) -> None:
        if not self.armed:
            return
        self.fired = True
        # A signal that lands on the way into or out of the block (a repeat arriving while a big
        # tree is freed in C is handled as __exit__ starts) must not escape from there: the error
        # would leave the block with the timer still running. __exit__ reports it instead.
        if frame is not None and frame.f_code in _OWN_FRAMES:
            return
        raise self.error()

    def error(self) -> TimeLimitError:
        return TimeLimitError(f"gave up after {self.seconds:g} s (option time_limit)")

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.armed:
            return
        self.armed = False  # a last signal landing after this is harmless, before it _expired holds it
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous if self._previous is not None else signal.SIG_DFL)
        if self.fired and not isinstance(exc, TimeLimitError) and (exc is None or isinstance(exc, Exception)):
            # swallowed by the code it interrupted, or turned into another error
            raise self.error() from exc


_OWN_FRAMES = frozenset((time_limit.__enter__.__code__, time_limit.__exit__.__code__))


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
