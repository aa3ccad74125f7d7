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

from .heuristics import ends_sentence
from .patterns import WORD_RE
from .text_units import Unit

# A few dozen of the commonest function words of each language the benchmarks carry (en, de, fr,
# es, it, pt, nl, pl, ru): their share in a line is the strongest sign of running prose.
STOPWORDS = frozenset("""
the a an and or but of to in on at by for with from as is are was were be been being it its this that these
those he she they we you i his her their our your not no has have had do does did will would can could
should may might must there here which who whom whose what when where why how than then so if about into
over after before also more most such only other some any all said says
der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war waren wird werden
hat haben mit von zu im in auf für an aus bei nach über auch sich es er sie wir ihr ich dass wie als noch
nur so wenn um
le la les un une des du de et ou mais est sont était été sera dans sur pour par avec en au aux ce cette ces
qui que quoi dont où il elle ils elles nous vous je ne pas plus se sa son ses leur leurs a été
el los las uno una unos unas y o pero es son era fue ser en con por para del al lo que se su sus como más
muy este esta estos estas ha han
il lo gli i una uno e ed ma è sono era stato di da nel nella con per tra fra che chi non si suo sua dei
delle della degli al alla
o os as um uma e mas é são era foi ser em no na nos nas com por para do da dos das que não se seu sua
de het een en of maar is zijn was waren wordt worden heeft hebben met van te in op voor aan uit bij naar
over ook zich dat die wat hoe als niet er hij zij wij
i w z na do nie się jest są był była było to że jak ale lub oraz od po przez dla przy jego jej ich ten ta
to tym tego co
и в во не на что с со как а но по к у из за от о об для это то он она они мы вы я его её их был была было
были есть же бы ли уже или при так
""".split())  # noqa: SIM905 (a list per language per line reads better)

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
_NAV = frozenset({"nav-run", "glued-nav", "breadcrumb", "link-list", "nav-word", "teaser", "more-less"})
_META = frozenset({"byline", "updated-line", "dateline", "read-time", "title", "duplicate-title",
                   "site-meta"})
_END = frozenset({"related-list", "tags", "copyright", "comments", "newsletter"})

# Per-unit features, in order; the context features are built from some of them.
BASE = ("words", "chars", "word_length", "stop", "furniture", "terminal", "colon", "commas", "digits",
        "upper", "capitalised", "link", "list_item", "heading", "short", "flagged", "widget", "nav", "meta",
        "end_marker", "prose")
_CONTEXT = ("words", "stop", "terminal", "link", "flagged", "prose")
_WIDE = ("words", "stop", "terminal", "flagged", "prose")
_WINDOW, _WIDE_WINDOW = 3, 10
_FIRST = operator.itemgetter(0)


def unit_base(u: Unit, reason: str | None, prose: float) -> list[float]:
    """The features of one unit on its own (see BASE); ``prose`` is the heuristic prose score."""
    text = u.text
    words = WORD_RE.findall(text)
    n = len(words)
    # map() over builtins throughout: this runs for every unit of every capture.
    lower = list(map(str.lower, words))
    stop = sum(map(STOPWORDS.__contains__, lower)) / n if n else 0.0
    furniture = sum(map(FURNITURE.__contains__, lower)) / n if n else 0.0
    capitalised = sum(map(str.isupper, map(_FIRST, words))) / n if n else 0.0
    chars = len(text)
    letters = sum(map(str.isalpha, text)) or 1
    upper = sum(map(str.isupper, text)) / letters
    digits = sum(map(str.isdigit, text)) / chars if chars else 0.0
    flagged = reason is not None and reason not in _META
    return [
        math.log1p(n), math.log1p(chars), math.log1p(letters / n) if n else 0.0, stop, furniture,
        float(ends_sentence(text)), float(text.endswith(":")), math.log1p(text.count(",")),
        digits, upper, capitalised, min(u.link_ratio, 1.0), float(u.list_item), float(u.heading),
        float(n <= 3),
        float(flagged), float(reason in _WIDGET), float(reason in _NAV), float(reason in _META),
        float(reason in _END), math.copysign(math.log1p(abs(prose)), prose),
    ]


def feature_names() -> list[str]:
    names = list(BASE)
    names += [f"prev_{f}" for f in _CONTEXT] + [f"next_{f}" for f in _CONTEXT]
    names += [f"win_{f}" for f in _CONTEXT] + [f"wide_{f}" for f in _WIDE]
    names += ["position", "in_run", "run_distance", "run_edge", "doc_units", "repeats", "end_before"]
    names += ["words_x_terminal", "words_x_stop", "words_x_in_run", "prose_x_in_run"]
    return names


def _window_means(rows: list[list[float]], radius: int) -> list[list[float]]:
    """The mean of each column over the rows within ``radius`` of each row (prefix sums: one pass)."""
    n = len(rows)
    lo = [max(0, i - radius) for i in range(n)]
    hi = [min(n, i + radius + 1) for i in range(n)]
    columns = []
    for column in zip(*rows, strict=True):
        prefix = list(itertools.accumulate(column, initial=0.0))
        columns.append([(prefix[h] - prefix[lo_]) / (h - lo_) for lo_, h in zip(lo, hi, strict=True)])
    return [list(r) for r in zip(*columns, strict=True)] if columns else [[] for _ in range(n)]


def features(units: Sequence[Unit], reasons: Sequence[str | None], prose: Sequence[float],
             run: tuple[int, int]) -> list[list[float]]:
    """The feature vector of every unit (see feature_names()).

    ``prose`` are the heuristic prose scores and ``run`` the article run they give: the densest
    prose region, from which each unit's distance is a feature.
    """
    n = len(units)
    base = [unit_base(u, r, p) for u, r, p in zip(units, reasons, prose, strict=True)]
    ctx_at = [BASE.index(f) for f in _CONTEXT]
    ctx = [[b[k] for k in ctx_at] for b in base]
    win = _window_means(ctx, _WINDOW)
    wide_at = [BASE.index(f) for f in _WIDE]
    wide = _window_means([[b[k] for k in wide_at] for b in base], _WIDE_WINDOW)
    empty = [0.0] * len(ctx_at)
    counts: dict[str, int] = {}
    keys = [u.text.casefold() for u in units]
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    start, end = run
    ends_seen, out = 0, []
    for i in range(n):
        inside = start <= i < end
        distance = 0 if inside else (start - i if i < start else i - end + 1)
        edge = min(i - start, end - 1 - i) if inside else 0
        b = base[i]
        row = b + (ctx[i - 1] if i > 0 else empty) + (ctx[i + 1] if i + 1 < n else empty) + win[i] + wide[i]
        row += [i / n, float(inside), math.log1p(distance), math.log1p(edge), math.log1p(n),
                math.log1p(counts[keys[i]] - 1), float(ends_seen > 0)]
        row += [b[0] * b[5], b[0] * b[3], b[0] * inside, b[-1] * inside]
        out.append(row)
        if i >= start and reasons[i] in _END:
            ends_seen += 1
    return out


@functools.cache
def shipped_model() -> dict:
    """The model in data/line_model.json: feature names, means, scales, weights and bias."""
    return json.loads(resources.files("cleaner").joinpath("data/line_model.json").read_text("utf-8"))


def probabilities(rows: Sequence[Sequence[float]], model: dict | None = None) -> list[float]:
    """P(article body) of each feature row under the model."""
    w, b = _folded(model or shipped_model())
    out = []
    for row in rows:
        z = b + sum(map(operator.mul, w, row))
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0)
    return out


def _folded(m: dict) -> tuple[list[float], float]:
    """Standardisation folded into the weights: w·(x - mean)/scale + b = (w/scale)·x + b'."""
    if m["features"] != feature_names():
        raise ValueError("line model and features disagree: retrain with bench/train_line_model.py")
    w = [wi / si for wi, si in zip(m["weights"], m["scales"], strict=True)]
    return w, m["bias"] - sum(wi * mi for wi, mi in zip(w, m["means"], strict=True))
