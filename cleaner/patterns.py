"""Regular expressions: user patterns bounded by a timeout, and the shared vocabulary of numbers.

Everything that recognises a price, a change, a time or a date lives here, so the ticker, widget
and metadata heuristics agree on what a number looks like.
"""

from __future__ import annotations

import logging

import regex

log = logging.getLogger(__name__)


class SafePattern:
    """A user-supplied pattern whose every match is bounded in time.

    Catastrophic patterns such as ``^(a+)+$`` are legal regexes; on a long line they would run
    for hours. The ``regex`` package can abandon a match after a timeout: we treat that as
    "no match" and log it once per pattern, so one bad rule cannot stall a batch.
    """

    __slots__ = ("source", "origin", "timeout", "_re", "_warned")

    def __init__(self, source: str, *, timeout: float = 0.05, origin: str = "", flags: int = 0):
        self.source, self.origin, self.timeout = source, origin, timeout
        self._re = regex.compile(source, flags)
        self._warned = False

    def search(self, text: str):
        try:
            return self._re.search(text, timeout=self.timeout)
        except TimeoutError:
            if not self._warned:
                self._warned = True
                log.warning("pattern %r (%s) timed out after %ss; treated as no match", self.source,
                            self.origin, self.timeout)
            return None

    def __repr__(self):
        return f"SafePattern({self.source!r})"

    def __eq__(self, other):
        return isinstance(other, SafePattern) and other.source == self.source

    def __hash__(self):
        return hash(self.source)


# --- numbers --------------------------------------------------------------------------------------
# 1,197.35  78,555.00  1,23,456.78 (Indian grouping)  1.234,56 (European)  7.53  -4.15  +0.55
NUMBER = r"[-+−–]?\d{1,3}(?:[,.\u202f\u00a0 ]\d{2,3})*(?:[.,]\d+)?|[-+−–]?\d+(?:[.,]\d+)?"
# a currency symbol (any: \p{Sc}) or code before/after a number
CURRENCY = r"(?:\p{Sc}|\b(?:Rs\.?|INR|USD|EUR|GBP|JPY|CNY|CHF|AUD|CAD|HKD|SGD|US\$)\s?)"
PERCENT = rf"\(?\s*(?:{NUMBER})\s?%\s*\)?"
CHANGE = rf"(?:[▲▼↑↓+\-−–]\s?)?(?:{NUMBER})\s*{PERCENT}|{PERCENT}"
TIMEZONE = r"(?:IST|GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|EET|EEST|WIB|PKT|JST|KST|HKT|SGT|AEST|AEDT|NZST|NZDT)"
CLOCK = rf"\b\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s?(?:[AaPp]\.?[Mm]\.?)?(?:\s?{TIMEZONE})?\b"
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DAY_DATE = rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}|\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"

NUMBER_RE = regex.compile(NUMBER)
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
# Chinese and Japanese are written without spaces: a run of their characters is a sentence, not a
# word, and counted as one it made whole articles look like menus. In lines that hold them, a pair
# of such characters stands for a word (a word of either language is one to three characters long,
# and a menu label still counts few).
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}ー"
CJK_RE = regex.compile(rf"[{_CJK}]")
CJK_WORD_RE = regex.compile(rf"[{_CJK}]{{1,2}}|[\p{{L}}--[{_CJK}]][[\p{{L}}\p{{M}}'’\-]--[{_CJK}]]*", regex.V1)
TOKEN_RE = regex.compile(r"\w+")
