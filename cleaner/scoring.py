"""The benchmark metric, kept identical to ../shared/tools/score.py so our numbers can be compared.

Token precision/recall/F1 of an extraction against the truth text: NFKC, lower case, ``\\w+`` tokens
(the ``re`` module, not ``regex``: the two disagree on a few code points), bag-of-words overlap.
An empty output scores 0 precision; an empty truth scores 0 recall. Snippets (trafilatura-eval):
whitespace-normalised substring match; every ``with`` must occur, no ``without`` may occur.

Sums run in case order, exactly as score.py does, so the floating-point results match to the bit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)

WORST_PAGES = 5


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def normalise_whitespace(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class TokenScore:
    precision: float
    recall: float
    f1: float
    hit: int  # tokens shared by output and truth (multiset intersection)
    output_tokens: int
    truth_tokens: int


@dataclass(frozen=True)
class SnippetScore:
    ok: int  # snippets handled right
    total: int


@dataclass(frozen=True)
class PageScore:
    id: str
    tokens: TokenScore | None  # None when the case has no truth text
    snippets: SnippetScore


def token_score(output: str, truth: str) -> TokenScore:
    t, o = Counter(tokens(truth)), Counter(tokens(output))
    hit = sum((t & o).values())
    n_out, n_truth = sum(o.values()), sum(t.values())
    precision = hit / n_out if n_out else 0.0
    recall = hit / n_truth if n_truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TokenScore(precision, recall, f1, hit, n_out, n_truth)


def snippet_score(output: str, with_: Sequence[str], without: Sequence[str]) -> SnippetScore:
    flat = normalise_whitespace(output)
    ok = sum(normalise_whitespace(s) in flat for s in with_)
    ok += sum(normalise_whitespace(s) not in flat for s in without)
    return SnippetScore(ok, len(with_) + len(without))


def score_page(
    case_id: str, output: str, truth: str | None, with_: Sequence[str] = (), without: Sequence[str] = ()
) -> PageScore:
    """Score one extraction; ``truth`` None means the case has no full truth (snippets only).

    An empty truth *file* is still a truth (it scores 0 recall), as in score.py.
    """
    scored = token_score(output, truth) if truth is not None else None
    return PageScore(case_id, scored, snippet_score(output, with_, without))


@dataclass(frozen=True)
class Summary:
    """Aggregate over pages; the fields mirror score.py's JSON keys."""

    cases: int  # pages with a truth text
    mean_p: float | None = None
    mean_r: float | None = None
    mean_f1: float | None = None
    micro_p: float | None = None
    micro_r: float | None = None
    micro_f1: float | None = None
    worst: tuple[tuple[str, float], ...] = ()  # (id, f1), lowest first
    snippets_ok: float | None = None  # share of snippets handled right
    snippets: int = 0

    def as_score_py(self) -> dict:
        """The same dict score.py --json prints, for direct comparison."""
        out: dict = {"cases": self.cases}
        if self.cases:
            for key in ("mean_p", "mean_r", "mean_f1", "micro_p", "micro_r", "micro_f1"):
                out[key] = getattr(self, key)
            out["worst"] = [case_id for case_id, _ in self.worst]
        if self.snippets:
            out["snippets_ok"] = self.snippets_ok
            out["snippets"] = self.snippets
        return out


def summarise(pages: Iterable[PageScore]) -> Summary:
    pages = list(pages)
    rows = [(p.id, p.tokens) for p in pages if p.tokens is not None]
    snip_ok = sum(p.snippets.ok for p in pages)
    snip_all = sum(p.snippets.total for p in pages)
    snippet_fields = {"snippets_ok": snip_ok / snip_all, "snippets": snip_all} if snip_all else {}
    if not rows:
        return Summary(cases=0, **snippet_fields)
    n = len(rows)
    hit = sum(s.hit for _, s in rows)
    out = sum(s.output_tokens for _, s in rows)
    truth = sum(s.truth_tokens for _, s in rows)
    micro_p = hit / out if out else 0.0
    micro_r = hit / truth if truth else 0.0
    micro_f1 = 2 * micro_p * micro_r / (micro_p + micro_r) if hit else 0.0
    # sorted() is stable, so ties keep case order, as in score.py.
    worst = tuple((case_id, s.f1) for case_id, s in sorted(rows, key=lambda r: r[1].f1)[:WORST_PAGES])
    return Summary(
        cases=n,
        mean_p=sum(s.precision for _, s in rows) / n,
        mean_r=sum(s.recall for _, s in rows) / n,
        mean_f1=sum(s.f1 for _, s in rows) / n,
        micro_p=micro_p,
        micro_r=micro_r,
        micro_f1=micro_f1,
        worst=worst,
        **snippet_fields,
    )
