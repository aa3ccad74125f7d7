"""Lines that are metadata, not body: datelines, "Updated ..." stamps, bylines.

They are taken out of the body and their values go to Article.date / Article.byline.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import regex

from .heuristics import ends_sentence, word_count
from .patterns import CLOCK, MONTH, TIMEZONE

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

_DATE_FORMS = (
    regex.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", regex.I),
    regex.compile(rf"\b(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", regex.I),
    regex.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<mn>\d{1,2})-(?P<d>\d{1,2})\b"),
    regex.compile(r"\b(?P<y>(?:19|20)\d{2})/(?P<mn>\d{1,2})/(?P<d>\d{1,2})\b"),
    # 28/07/2024 and 28.07.2024: day first, the order of most of the world's news sites
    regex.compile(r"\b(?P<d>\d{1,2})[/.](?P<mn>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b"),
)


def parse_date(text: str) -> str | None:
    """The first full date (with a year) in text, as YYYY-MM-DD."""
    best = None
    for form in _DATE_FORMS:
        m = form.search(text)
        if not m or (best and m.start() >= best[0]):
            continue
        g = m.groupdict()
        month = int(g["mn"]) if g.get("mn") else _MONTHS[g["m"][:3].lower()]
        day, year = int(g["d"]), int(g["y"])
        if g.get("mn") and month > 12 and day <= 12:  # 07/28/2024: the US order after all
            month, day = day, month
        try:
            best = (m.start(), dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    return best[1] if best else None


_STAMP_WORDS = (r"(?:last\s*)?updated(?:\s*on|\s*at)?|first\s*published(?:\s*on|\s*at)?|published(?:\s*on|\s*at)?"
                r"|posted(?:\s*on|\s*at)?|modified|created|date|dated|released|issued"
                # German, French, Spanish: "Aktualisiert am", "Letzte Änderung", "Mis à jour le", "Publicado el"
                r"|(?:zuletzt\s*)?aktualisiert(?:\s*am)?|letzte\s*änderung|ver[öo]ffentlicht(?:\s*am)?"
                r"|(?:publi[ée]|mis\s*à\s*jour)(?:\s*le)?|(?:actualizado|publicado)(?:\s*el)?")
_STAMP = regex.compile(rf"^(?P<kind>{_STAMP_WORDS})\s*[:\-–]?\s*(?P<rest>.*)$", regex.I)
_RELATIVE = regex.compile(r"^(?:(?:updated|published|posted)\s*:?\s*)?(?:\d+|an?|one|few)\s*(?:s|sec|second|m|min|minute|h|hr"
                          r"|hour|d|day|w|week|month|y|year)s?\s*ago(?:.{0,60}\bago)?.{0,20}$|^(?:just\s*now|today|yesterday)$",
                          regex.I)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_BARE_STAMP = regex.compile(
    rf"^(?:{_WEEKDAY}\s*)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+\-Z]+)?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"
    rf"(?:\s*(?:,|\||at|-|–|/|·)?\s*{CLOCK})?(?:\s*\(?{TIMEZONE}\)?)?(?:\s*\((?:updated|published|modified)[^)]{{0,40}}\))?\s*$",
    regex.I,
)
_READ_TIME = regex.compile(r"^(?:\d+\s*(?:min|minute)s?\s*(?:read|listen)|reading\s*time\s*:?.{0,20}"
                           # "3 Min. Lesezeit", "5 minutos de lectura", "Temps de lecture : 4 min", Polish
                           # "Ten tekst przeczytasz w 2 minuty"
                           r"|\d+\s*(?:min\.?|minuten?|minutos?|minutes?)\s*(?:lesezeit|de\s*lectura|de\s*lecture|czytania)"
                           r"|(?:lesezeit|lesedauer|tiempo\s*de\s*lectura|temps\s*de\s*lecture|czas\s*czytania)\s*:?.{0,20}"
                           r"|ten\s*tekst\s*przeczytasz\s*w.{0,30})$", regex.I)

AGENCIES = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "PTI", "Press Trust of India",
    "IANS", "ANI", "UNI", "Xinhua", "EFE", "Europa Press", "EUROPA PRESS", "dpa", "DPA", "Kyodo", "Yonhap", "ANSA",
    "TASS", "RIA Novosti", "Anadolu", "Bernama", "CNA", "NYT", "New York Times", "Washington Post", "WSJ",
    "Dow Jones", "MarketWatch", "Canadian Press", "CP", "AAP", "Australian Associated Press", "PA", "PA Media",
    "Press Association", "SPA", "WAM", "KUNA", "APP", "NNA", "Jiji", "Jiji Press", "Nikkei", "Kyodo News",
)
_AGENCY = "|".join(sorted((regex.escape(a) for a in AGENCIES), key=len, reverse=True))
# "By Reuters", "Source: PTI", and the sign-off that closes a wire story: "-- BERNAMA"
_AGENCY_LINE = regex.compile(
    rf"^(?:by\s+|source\s*:\s*|agency\s*:\s*|[-–—]{{1,2}}\s*)?(?P<name>{_AGENCY})\.?$", regex.I)
_NAME = r"\p{Lu}[\p{L}'’.\-]*(?:\s+(?:de|van|von|da|del|der|la|le|bin|al|el|di|du|dos|y)?\s*\p{Lu}[\p{L}'’.\-]*){0,4}"
_BYLINE = regex.compile(
    rf"^(?i:(?:written\s+|reported\s+)?by|writer|author|words)\s*:?\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}})"
    rf"(?:\s*(?:[|,\-–—/·]|\s)\s*(?P<rest>.{{0,80}}))?$",
)
# "Jane Doe | Staff Writer", "Chris Davies - Nov 19, 2019, 10:31 pm CST", "Jane Doe, Reuters"
_NAME_AND_ROLE = regex.compile(
    rf"^(?P<name>(?-i:{_NAME}))\s*(?:[|\-–—·,]\s*|\s(?=(?:updated|published|posted)\b))(?P<rest>(?:staff\s*writer|staff\s*reporter|correspondent|senior\s*\p{{L}}+"
    rf"|\p{{L}}+\s*(?:editor|correspondent|reporter|writer|columnist)|contributor|columnist|reporter|editor|(?:{_AGENCY})\b"
    rf"|updated.*|published.*|posted.*|{MONTH}.*|\d{{1,2}}\s+{MONTH}.*|\d{{4}}-.*)).{{0,10}}$",
    regex.I,
)
# NEW DELHI, March 3 (Reuters) -   LONDON (AP) —   Jul 28. (EUROPA PRESS) –   WASHINGTON, D.C. -- (AFP):
_DATELINE = regex.compile(
    rf"^(?P<place>(?:\p{{Lu}}[\p{{Lu}}\p{{L}}.'’\-]*(?:\s+\p{{Lu}}[\p{{Lu}}\p{{L}}.'’\-]*){{0,3}})(?:,\s*(?!{MONTH}\b)\p{{Lu}}[\p{{L}}.]+){{0,2}})?"
    rf"(?:,?\s*(?P<when>(?:{MONTH}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:,?\s*\d{{4}})?)\.?)?"
    rf"\s*\((?P<agency>[\p{{Lu}}][\p{{L}}\d .&'’\-]{{0,40}})\)(?P<sep>\s*[-–—:]{{1,2}}|\s*$|\s+(?=\p{{Lu}}))\s*",
)
# MUMBAI: The Reserve Bank ...   SINGAPORE – The ...   MANILA, Philippines – The ...   Dubai: Petrol ...
_PLACE_COLON = regex.compile(
    r"^(?P<place>\p{Lu}[\p{Lu} .'’\-]{2,30}(?:,\s*\p{Lu}[\p{L} .]{1,20})?)\s*(?::|[–—]|--|\s-)\s+(?=[\p{Lu}\"“‘'])"
    r"|^(?P<place>(?!(?:Update|Note|Warning|Editor|Correction|Watch|Read|Also|Photo|Video|Source|Disclaimer|Advertisement"
    r"|Reporting|Editing|Q|A|Answer|Question|Summary|Background|Context|Analysis|Opinion|Comment|Explainer|Live|Breaking)\b)"
    r"\p{Lu}\p{Ll}{2,15}(?:\s\p{Lu}\p{Ll}{2,15})?):\s+(?=\p{Lu})"
)

# Two of English's commonest words in the sentence after a capitalised "Place:": it is English prose.
# (Not "was" or "will": German words too.)
_ENGLISH_WORD = r"\b(?:the|of|and|to|is|has|have|for|on|at)\b"
_ENGLISH = re.compile(rf"{_ENGLISH_WORD}.*?{_ENGLISH_WORD}", re.IGNORECASE)
_PLACE_MARK = re.compile(r"[:\-–—]")  # what follows the place in _PLACE_COLON needs one of them

# The letters a match of each anchored pattern can start with (besides a digit, where \d can start it),
# both cases, with 'ſ' and 'İ' where IGNORECASE reads them as s and i: read_metadata_line runs on
# every line, and most lines start with none of them.
_READ_TIME_FIRST = frozenset("rRlLtTcC")
_STAMP_FIRST = frozenset("lLuUfFpPmMcCdDrRiIİzZaAvV")  # last, updated, first, published, zuletzt, ...
_RELATIVE_FIRST = frozenset("uUpPaAoOfFjJtTyY")  # updated, published, posted, an, one, few, just, ...
_BARE_STAMP_FIRST = frozenset("mMtTwWfFsSſjJaAoOnNdD")  # weekdays and months
# An agency line is a name of up to four words after one word of prefix ("Source: Press Trust of India").
_AGENCY_MAX_WORDS = 5
_UPPER = regex.compile(r"\p{Lu}")


@functools.cache
def _is_upper_letter(c: str) -> bool:
    """Is c an uppercase letter by regex's tables? str.isupper's (another Unicode version) differ."""
    return _UPPER.match(c) is not None


@dataclass(frozen=True)
class Meta:
    kind: str  # "date", "byline", "dateline", "read-time"
    date: str | None = None
    byline: str | None = None
    rest: str | None = None  # for a dateline that opens a paragraph: the paragraph without it


def read_metadata_line(text: str) -> Meta | None:
    """If the whole line is a date stamp, a byline or a dateline, what it says."""
    t = text.strip()
    words = word_count(t)
    if words > 25:
        return _dateline(t)
    c = t[:1]
    if (c in _READ_TIME_FIRST or c.isdigit()) and _READ_TIME.match(t):
        return Meta("read-time")
    m = _STAMP.match(t) if c in _STAMP_FIRST else None
    if m and (parse_date(m.group("rest")) or regex.search(CLOCK, m.group("rest")) or _RELATIVE.match(m.group("rest"))):
        return Meta("date", date=parse_date(m.group("rest")))
    if (c in _RELATIVE_FIRST or c.isdigit()) and _RELATIVE.match(t):
        return Meta("date")
    if (c in _BARE_STAMP_FIRST or c.isdigit()) and _BARE_STAMP.match(t):
        return Meta("date", date=parse_date(t))
    m = _AGENCY_LINE.match(t) if words <= _AGENCY_MAX_WORDS else None
    if m:
        return Meta("byline", byline=m.group("name"))
    dateline = _dateline(t)
    if dateline:
        return dateline
    if words <= 14 and not ends_sentence(t.rstrip(".")) or words <= 6:
        m = _BYLINE.match(t)
        if m:
            return Meta("byline", byline=_clean_name(m.group("name")), date=parse_date(m.group("rest") or ""))
        # The name opens the line with a capital (case-sensitive): most lines fail on their first letter.
        m = _NAME_AND_ROLE.match(t) if _is_upper_letter(t[:1]) else None
        if m and len(m.group("name")) >= 3:
            name, rest = _clean_name(m.group("name")), m.group("rest")
            # "Mumbai | Updated - August 06, 2024": one word before a stamp is a place, not a person.
            if " " not in name and regex.match(r"(?i)updated|published|posted", rest):
                return Meta("date", date=parse_date(rest))
            return Meta("byline", byline=name, date=parse_date(rest))
    return None  # _dateline(t) was None above


def _dateline(t: str) -> Meta | None:
    # Both patterns need punctuation most lines lack (the agency's parenthesis, the place's colon
    # or dash): it is looked for first, since this runs on every line.
    m = _DATELINE.match(t) if "(" in t else None
    # "New Delhi, Apr 8 (PTI) Gold prices ...": with no dash after the agency, only a dated one naming
    # an agency (known, or in capitals) is a dateline; "Apple (AAPL) Shares ..." is not.
    undashed_ok = bool(m) and bool(m.group("when")) and (
        m.group("agency").isupper() or bool(regex.fullmatch(_AGENCY, m.group("agency"), regex.I)))
    dashed = bool(m) and (bool(m.group("sep").strip()) or m.end() == len(t))
    if m and (m.group("place") or m.group("when")) and (dashed or undashed_ok):
        rest = t[m.end():].strip()
        return Meta("dateline", byline=m.group("agency").strip(), date=parse_date(m.group("when") or ""),
                    rest=rest or None)
    if word_count(t) <= 8 or not _PLACE_MARK.search(t):
        return None
    m = _PLACE_COLON.match(t)
    if m and word_count(m.group("place")) <= 4:
        rest = t[m.end():].strip()
        # "Dubai: Petrol prices ..." is the English press's dateline; in German, where every noun
        # has a capital, "Hinweis: Der Artikel ...", "Vorweg: Die ..." open the story's own sentences.
        if m.group("place").split(",")[0].isupper() or _ENGLISH.search(rest):
            return Meta("dateline", rest=rest)
    return None


def _clean_name(name: str) -> str:
    return regex.sub(r"\s+", " ", name).strip(" ,.-–—|")
