"""The result of cleaning one capture."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Removal:
    """One piece of the capture that did not make it into the article.

    ``reason`` is a short code (``ticker``, ``nav-run``, ``promo`` ...); ``by`` names what removed
    it: ``heuristic:<code>`` for a generic heuristic, or the path of the site rule file.
    ``line`` is the 1-based line of the capture where it started, when known (text captures).
    """

    text: str
    reason: str
    by: str
    line: int | None = None


@dataclass(frozen=True)
class Article:
    title: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None
    site: str | None = None
    date: str | None = None
    byline: str | None = None
    source_kind: str = "text"
    removed: tuple[Removal, ...] = ()
    # Derived from paragraphs so the two can never disagree; a field (not a property) so that
    # dataclasses.asdict and JSON output carry it.
    text: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "removed", tuple(self.removed))
        object.__setattr__(self, "text", "\n\n".join(self.paragraphs))

    def removal_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.removed:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self, *, with_removed: bool = True) -> dict:
        d = asdict(self)
        d["paragraphs"] = list(self.paragraphs)
        if with_removed:
            d["removed"] = [asdict(r) for r in self.removed]
        else:
            del d["removed"]
        d["removed_counts"] = self.removal_counts()
        return d
