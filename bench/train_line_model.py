#!/usr/bin/env python3
"""Train the line model (cleaner/data/line_model.json) on the benchmarks' development pages.

Reads ../shared/bench/{zyte-article,l3s-gn1-dev}: every text capture (innertext, inscriptis, lynx,
html2text) is split and flagged exactly as `cleaner.clean(..., site_rules=False)` does, and each
unit is labelled by how much of it the page's truth text holds:

- tokens are those of the benchmark metric (NFKC, lower case, \\w+);
- units are matched longest first against what is left of the truth's token multiset, so a
  paragraph printed twice (or a headline repeated as a teaser) is only content once;
- a unit is content when at least 65% of its tokens are matched, and, for units of fewer than
  five tokens ("Home", "Share"), when its token sequence also occurs in the truth as it stands;
- units equal to the headline are left out (weight 0): the l3s truth holds the headline and the
  zyte truth does not, and the title has its own logic (text_path.find_title).

The model is an L2-regularised logistic regression fitted by Newton's method (numpy; no
randomness, so the same data gives the same file). `--cv` first reports a 5-fold
cross-validation grouped by site (no host on both sides), per benchmark and renderer: mean
token F1 of the heuristic article run alone and with the fold's model (title included for l3s,
whose truth has the headline). Those are the figures to quote; the shipped model is fitted on
all pages.

usage: python bench/train_line_model.py [--cv] [--bench DIR] [--out FILE] [--jobs N] [--l2 X]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import multiprocessing
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench"
DEFAULT_OUT = HERE.parent / "cleaner" / "data" / "line_model.json"
BENCHES = ("zyte-article", "l3s-gn1-dev")
FOLDS = 5
COVERED, SHORT = 0.65, 5


def group_of(url: str) -> str:
    """The site a page belongs to, for grouping folds: the host without www., at most its last
    two labels (three under co.uk-like suffixes), so news.bbc.co.uk and www.bbc.co.uk agree."""
    from cleaner.pipeline import host_of

    parts = (host_of(url) or "").split(".")
    second = {"co", "com", "org", "net", "ac", "gov", "ne", "or"}
    n = 3 if len(parts) >= 3 and parts[-2] in second and len(parts[-1]) == 2 else 2
    return ".".join(parts[-n:])


def labels(units, truth: str, title_key: str | None):
    """(label, weight) of each unit; see the module docstring."""
    from cleaner.scoring import tokens
    from cleaner.text_path import _key

    truth_tokens = tokens(truth)
    remaining = collections.Counter(truth_tokens)
    truth_seq = " " + " ".join(truth_tokens) + " "
    toks = [tokens(u.text) for u in units]
    covered = [0.0] * len(units)
    for i in sorted(range(len(units)), key=lambda i: (-len(toks[i]), i)):
        if not toks[i]:
            continue
        c = collections.Counter(toks[i])
        matched = c & remaining
        covered[i] = sum(matched.values()) / len(toks[i])
        if covered[i] >= 0.5:
            remaining -= matched
    out = []
    for i, u in enumerate(units):
        content = covered[i] >= COVERED and (len(toks[i]) >= SHORT or f" {' '.join(toks[i])} " in truth_seq)
        weight = 0.0 if title_key and _key(u.text) == title_key else 1.0
        out.append((1.0 if content else 0.0, weight))
    return out


def _prepare(job):
    """One capture: flagged units, feature rows, labels (runs in a worker)."""
    bench, case, renderer, root = job
    from cleaner import line_model
    from cleaner import text_path as tp
    from cleaner.pipeline import prepare

    raw = (root / bench / case["text"][renderer]).read_bytes()
    truth = (root / bench / case["truth"]).read_text(errors="replace")
    prepared = prepare(raw, site_rules=False)  # decoded and sniffed as clean() does it
    doc = {"bench": bench, "id": case["id"], "renderer": renderer, "group": group_of(case["url"]),
           "truth": truth, "html": prepared.is_html}
    if doc["html"]:  # cleaned by the HTML path: the line model has no say
        doc["raw"] = raw
        return doc
    flagged = tp.flag_units(prepared.text)
    reasons, prose, run = tp._prose_run(flagged.units, flagged.verdicts)
    title_at = tp.find_title(flagged.units, flagged.verdicts, run[0])
    title_key = tp._key(flagged.units[title_at].text) if title_at is not None else None
    doc["flagged"] = flagged
    doc["rows"] = line_model.features(flagged.units, reasons, prose, run)
    doc["labels"] = labels(flagged.units, truth, title_key)
    return doc


def load(root: Path, jobs: int) -> list[dict]:
    from cleaner.evaluation import RENDERERS

    work = []
    for bench in BENCHES:
        for line in (root / bench / "cases.jsonl").read_text().splitlines():
            case = json.loads(line)
            if case.get("truth") and case.get("text"):
                work.extend((bench, case, r, root) for r in RENDERERS if r in case["text"])
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            return pool.map(_prepare, work, chunksize=8)
    return [_prepare(w) for w in work]


def fit(docs: list[dict], l2: float) -> dict:
    """Logistic regression on standardised features, Newton's method; bias unpenalised."""
    import numpy as np

    from cleaner.line_model import feature_names

    rows = [r for d in docs if not d["html"] for r in d["rows"]]
    x = np.array(rows, dtype=float).reshape(len(rows), len(feature_names()))
    y = np.array([lab for d in docs if not d["html"] for lab, _ in d["labels"]])
    w = np.array([wt for d in docs if not d["html"] for _, wt in d["labels"]])
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + penalty * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break

    def r(v):
        return float(f"{v:.6g}")

    return {
        "about": "cleaner line model: P(unit is article body); trained by bench/train_line_model.py",
        "features": feature_names(),
        "means": [r(v) for v in mean],
        "scales": [r(v) for v in scale],
        "weights": [r(v) for v in beta[:-1]],
        "bias": r(beta[-1]),
        "trained_on": {"pages": len({(d["bench"], d["id"]) for d in docs}), "units": len(rows),
                       "content_share": r(float(y.mean())), "l2": l2},
    }


def folds_of(docs: list[dict]) -> dict[str, int]:
    """Groups to folds: largest first into the emptiest fold (ties by hash), like GroupKFold."""
    size = collections.Counter(d["group"] for d in docs)
    order = sorted(size, key=lambda g: (-size[g], hashlib.sha1(g.encode()).hexdigest()))
    load, fold = [0] * FOLDS, {}
    for g in order:
        k = min(range(FOLDS), key=lambda k: (load[k], k))
        fold[g] = k
        load[k] += size[g]
    return fold


def page_f1(doc: dict, model) -> float:
    import cleaner
    from cleaner import text_path as tp
    from cleaner.scoring import token_score

    with_title = doc["bench"].startswith("l3s")
    if doc["html"]:
        text = cleaner.clean(doc["raw"], None, site_rules=False, include_title=with_title).text
    else:
        r = tp.finish_text(doc["flagged"], record=False, model=model)
        paragraphs = ([r.title] if with_title and r.title else []) + r.paragraphs
        text = "\n\n".join(paragraphs)
    return token_score(text, doc["truth"]).f1


def cross_validate(docs: list[dict], l2: float) -> None:
    fold = folds_of(docs)
    f1 = collections.defaultdict(lambda: ([], []))
    for k in range(FOLDS):
        model = fit([d for d in docs if fold[d["group"]] != k], l2)
        for d in docs:
            if fold[d["group"]] == k:
                heuristic, learned = f1[(d["bench"], d["renderer"])]
                heuristic.append(page_f1(d, False))
                learned.append(page_f1(d, model))
        print(f"fold {k + 1}/{FOLDS} done", file=sys.stderr, flush=True)
    print(f"{FOLDS}-fold cross-validation grouped by site; mean token F1 per page (l3s: title + body)")
    print(f"{'bench':14} {'renderer':11} {'pages':>5} {'heuristic':>9} {'model':>7}")
    for (bench, renderer), (h, m) in sorted(f1.items()):
        print(f"{bench:14} {renderer:11} {len(h):5d} {sum(h) / len(h):9.3f} {sum(m) / len(m):7.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cv", action="store_true", help="report host-grouped cross-validation first")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args(argv)
    missing = [b for b in BENCHES if not (args.bench / b / "cases.jsonl").is_file()]
    if missing:
        print(f"train_line_model: no benchmark data at {args.bench} ({', '.join(missing)} missing); "
              f"nothing to do (the benchmarks live in ../shared/bench beside the repository)")
        return 0
    # One BLAS thread: the Newton steps are small matrices, and on a shared two-CPU machine
    # threaded BLAS spent ten times longer fighting other processes than computing.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("train_line_model: needs numpy (pip install numpy); the cleaner itself does not")
        return 1
    docs = load(args.bench, args.jobs)
    if args.cv:
        cross_validate(docs, args.l2)
    model = fit(docs, args.l2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({model['trained_on']['units']} units of {model['trained_on']['pages']} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
