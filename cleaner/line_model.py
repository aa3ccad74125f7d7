"""The learned unit classifier: how likely a unit of a text capture is part of the article body.

A logistic regression over a few generic features of each unit and its neighbours (length,
stopword share, sentence punctuation, link share, what the named heuristics said, where the unit
sits relative to the densest prose). It is trained by ``bench/train_line_model.py`` on the
benchmark's development pages and shipped as ``data/line_model.json``: a list of feature names,
their scaling and one weight each, so inference is a dot product in pure Python.

The features never name a site, a host or a page: what the model knows is what text that is
article-like looks like, in any of the languages of the stopword list.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator
from collections.abc import Sequence
from importlib import resources

from .function_words import STOPWORDS
from .heuristics import END_MARKERS, METADATA_REASONS, ends_sentence, words_of
from .text_units import Unit

# Words of site furniture rather than of articles (cookie banners, comment threads, sign-up boxes),
# in the same languages: their share flags a long paragraph that is not the story.
FURNITURE = frozenset("""
cookie cookies privacy policy website browser consent settings preferences accept javascript enable
subscribe subscription subscribers newsletter sign login log register account password email e-mail
comment comments reply replies said posted follow share shared advertisement advertising advertise ad ads
copyright rights reserved terms conditions click download app apps contact trademark sponsored
datenschutz impressum anmelden abonnieren kommentar kommentare werbung nutzungsbedingungen
confidentialité connexion abonner abonnez commentaire commentaires publicité droits réservés
privacidad suscríbete suscribirse comentario comentarios publicidad derechos reservados
commento commenti pubblicità iscriviti privacidade comentários assine
reacties inloggen abonneren prywatności komentarze reklama zaloguj
конфиденциальности подписаться комментарии реклама войти права защищены
""".split())  # noqa: SIM905 (a list per language per line reads better)

# Reason codes grouped the way they behave around an article: widgets and menus sit outside it,
# metadata sits between the headline and the first paragraph, and some furniture ends the story.
_WIDGET = frozenset({"ticker", "market-list", "price-widget"})
_NAV = frozenset({"nav-run", "glued-nav", "menu-line", "breadcrumb", "link-list", "nav-word", "teaser",
                  "more-less"})
_META, _END = METADATA_REASONS, END_MARKERS

# Per-unit features, in order; the context features are built from some of them.
BASE = ("words", "chars", "word_length", "stop", "furniture", "terminal", "colon", "commas", "digits",
        "upper", "capitalised", "link", "list_item", "heading", "short", "flagged", "widget", "nav", "meta",
        "end_marker", "prose")
_CONTEXT = ("words", "stop", "terminal", "link", "flagged", "prose")
_WIDE = ("words", "stop", "terminal", "flagged", "prose")
_WINDOW, _WIDE_WINDOW = 3, 10
_FIRST = operator.itemgetter(0)


# Character classes of ASCII bytes, as str.isalpha/isupper/isdigit see them: "1" a lowercase letter,
# "3" an uppercase letter, "4" a digit, "0" anything else (ASCII has no other combination).
_ASCII_CLASS = bytes(48 + chr(b).isalpha() + 2 * chr(b).isupper() + 4 * chr(b).isdigit() if b < 128 else 48
                     for b in range(256))


class _CharClass(dict):
    """Code point -> one character of 3 bits (isalpha 1, isupper 2, isdigit 4), filled on first sight.

    str.translate with it classifies a whole line in one C pass; the bits are the str methods' own
    answers, so any Unicode letter counts exactly as a per-character isalpha() would.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        cls = chr(48 + c.isalpha() + 2 * c.isupper() + 4 * c.isdigit())
        self[code] = cls
        return cls


_CLASS = _CharClass()


def _char_counts(text: str) -> tuple[int, int, int]:
    """How many characters of text are letters, uppercase, digits (per str.isalpha/isupper/isdigit)."""
    if text.isascii():
        # Most lines are ASCII: a bytes table is cheaper than the str translation and has 3 classes.
        cls = text.encode("ascii").translate(_ASCII_CLASS)
        upper = cls.count(b"3")
        return cls.count(b"1") + upper, upper, cls.count(b"4")
    cls = text.translate(_CLASS)
    c = [cls.count(k) for k in "1234567"]
    return c[0] + c[2] + c[4] + c[6], c[1] + c[2] + c[5] + c[6], c[3] + c[4] + c[5] + c[6]


def _text_features(text: str) -> tuple[float, ...]:
    """The features of BASE that depend on a unit's text alone, in BASE order, then "short"."""
    words = words_of(text)  # already found by the heuristics' word counts
    n = len(words)
    chars = len(text)
    letters, uppers, digits = _char_counts(text)
    letters = letters or 1
    if n:
        # map() over builtins: this runs for every unit of every capture.
        lower = list(map(str.lower, words))
        stop = sum(map(STOPWORDS.__contains__, lower)) / n
        # Furniture words are rare: the set test in C usually spares the count.
        furniture = 0.0 if FURNITURE.isdisjoint(lower) else sum(map(FURNITURE.__contains__, lower)) / n
        capitalised = sum(map(str.isupper, map(_FIRST, words))) / n
        word_length = math.log1p(letters / n)
    else:
        stop = furniture = capitalised = word_length = 0.0
    return (math.log1p(n), math.log1p(chars), word_length, stop, furniture,
            float(ends_sentence(text)), float(text.endswith(":")), math.log1p(text.count(",")),
            digits / chars if chars else 0.0, uppers / letters, capitalised, float(n <= 3))


@functools.cache
def _reason_features(reason: str | None) -> tuple[float, ...]:
    """flagged, widget, nav, meta, end_marker of one reason code (a handful of codes exist)."""
    flagged = reason is not None and reason not in _META
    return (float(flagged), float(reason in _WIDGET), float(reason in _NAV), float(reason in _META),
            float(reason in _END))


def _base_columns(units: Sequence[Unit], reasons: Sequence[str | None],
                  prose: Sequence[float]) -> list[list[float]]:
    """The BASE features of every unit, one list per feature (the order of BASE)."""
    n = len(units)
    if not n:
        return [[] for _ in BASE]
    text_cols = [list(c) for c in zip(*map(_text_features, [u.text for u in units]), strict=True)]
    reason_cols = [list(c) for c in zip(*map(_reason_features, reasons), strict=True)]
    link = [min(u.link_ratio, 1.0) for u in units]
    list_item = [float(u.list_item) for u in units]
    heading = [float(u.heading) for u in units]
    prose_col = [math.copysign(math.log1p(abs(p)), p) for p in prose]
    if len(prose_col) != n or len(reason_cols[0]) != n:
        raise ValueError("units, reasons and prose differ in length")
    return [*text_cols[:11], link, list_item, heading, text_cols[11], *reason_cols, prose_col]


def feature_names() -> list[str]:
    names = list(BASE)
    names += [f"prev_{f}" for f in _CONTEXT] + [f"next_{f}" for f in _CONTEXT]
    names += [f"win_{f}" for f in _CONTEXT] + [f"wide_{f}" for f in _WIDE]
    names += ["position", "in_run", "run_distance", "run_edge", "doc_units", "repeats", "end_before"]
    names += ["words_x_terminal", "words_x_stop", "words_x_in_run", "prose_x_in_run"]
    return names


def _window_sizes(n: int, radius: int) -> list[int]:
    """How many of n entries lie within ``radius`` of each entry."""
    hi = [*range(radius + 1, n + 1), *[n] * min(radius + 1, n)][:n]
    lo = [*[0] * min(radius, n), *range(max(0, n - radius))]
    return list(map(operator.sub, hi, lo))


def _window_mean(column: list[float], radius: int, sizes: list[int]) -> list[float]:
    """The mean of column over the entries within ``radius`` of each entry (prefix sums: one pass)."""
    n = len(column)
    prefix = list(itertools.accumulate(column, initial=0.0))
    # prefix[min(n, i + radius + 1)] and prefix[max(0, i - radius)] for every i, as whole slices.
    upper = [*prefix[radius + 1:], *[prefix[n]] * min(radius + 1, n)][:n]
    lower = [*[0.0] * min(radius, n), *prefix[:max(0, n - radius)]]
    return list(map(operator.truediv, map(operator.sub, upper, lower), sizes))


_CONTEXT_AT = [BASE.index(f) for f in _CONTEXT]
_WIDE_AT = [BASE.index(f) for f in _WIDE]


def features(units: Sequence[Unit], reasons: Sequence[str | None], prose: Sequence[float],
             run: tuple[int, int]) -> list[list[float]]:
    """The feature vector of every unit (see feature_names()).

    ``prose`` are the heuristic prose scores and ``run`` the article run they give: the densest
    prose region, from which each unit's distance is a feature. Built a column at a time, since
    the context features are shifts and window means of whole columns.
    """
    n = len(units)
    base = _base_columns(units, reasons, prose)
    ctx = [base[k] for k in _CONTEXT_AT]
    prev = [[0.0, *c[:-1]] if n else [] for c in ctx]
    nxt = [[*c[1:], 0.0] if n else [] for c in ctx]
    sizes = _window_sizes(n, _WINDOW)
    win = [_window_mean(c, _WINDOW, sizes) for c in ctx]
    sizes = _window_sizes(n, _WIDE_WINDOW)
    wide = [_window_mean(base[k], _WIDE_WINDOW, sizes) for k in _WIDE_AT]
    counts: dict[str, int] = {}
    keys = [u.text.casefold() for u in units]
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    start, end = run
    inside = [start <= i < end for i in range(n)]
    distance = [math.log1p(0 if start <= i < end else (start - i if i < start else i - end + 1))
                for i in range(n)]
    edge = [math.log1p(min(i - start, end - 1 - i) if start <= i < end else 0) for i in range(n)]
    end_before, ends_seen = [], 0
    for i, r in enumerate(reasons):
        end_before.append(float(ends_seen > 0))
        if i >= start and r in _END:
            ends_seen += 1
    words, stop, terminal, prose_col = base[0], base[3], base[5], base[-1]
    columns = [*base, *prev, *nxt, *win, *wide,
               [i / n for i in range(n)], list(map(float, inside)), distance, edge, [math.log1p(n)] * n,
               [math.log1p(counts[k] - 1) for k in keys], end_before,
               list(map(operator.mul, words, terminal)), list(map(operator.mul, words, stop)),
               list(map(operator.mul, words, inside)), list(map(operator.mul, prose_col, inside))]
    return list(map(list, zip(*columns, strict=True)))


@functools.cache
def shipped_model() -> dict:
    """The model in data/line_model.json: feature names, means, scales, weights and bias."""
    return json.loads(resources.files("cleaner").joinpath("data/line_model.json").read_text("utf-8"))


def probabilities(rows: Sequence[Sequence[float]], model: dict | None = None) -> list[float]:
    """P(article body) of each feature row under the model."""
    w, b = _folded(model) if model else _shipped_folded()
    out = []
    for row in rows:
        z = b + sum(map(operator.mul, w, row))
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0)
    return out


@functools.cache
def _shipped_folded() -> tuple[list[float], float]:
    return _folded(shipped_model())  # once per process, not once per capture


def _folded(m: dict) -> tuple[list[float], float]:
    """Standardisation folded into the weights: w·(x - mean)/scale + b = (w/scale)·x + b'."""
    if m["features"] != feature_names():
        raise ValueError("line model and features disagree: retrain with bench/train_line_model.py")
    w = [wi / si for wi, si in zip(m["weights"], m["scales"], strict=True)]
    return w, m["bias"] - sum(wi * mi for wi, mi in zip(w, m["means"], strict=True))
