#!/usr/bin/env python3
"""Leave-one-out measure of learned site rules on a benchmark folder (default ../shared/bench/l3s-gn1-dev).

Cases are grouped by URL host; for every host with at least --min-pages pages, each page is held
out in turn: rules are learned from the host's other pages (same kind of capture), written as a
rule file to a temporary folder, loaded back, and the held-out page is cleaned twice, without and
with that file. The built-in rules are off in both arms, so only the learned file differs.

Text captures (each renderer) are cleaned without their URL, as `cleaner eval` does: the learned
file then has to recognise the page by its fingerprints. HTML is cleaned with its URL.
Score: token F1 of cleaner.scoring (the metric of ../shared/tools/score.py).

The "reachable" column is the mean gain that perfect learned rules would give: the F1 of each
page's output without the learned file had its precision been 1 at the same recall. Rules remove
text, so what the heuristics dropped (or the capture lacks) bounds what learning can win back.

usage: python bench/learn_loo.py [BENCH] [--modes innertext,inscriptis,lynx,html2text,html]
                                 [--min-pages 4] [--jobs N] [--verbose] [--set FIELD=VALUE ...]

--set changes one field of LearnSettings for the run (``--set self_check=false --set line_share=0.34``),
which is how the thresholds in BENCHMARKS.md were compared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench" / "l3s-gn1-dev"
MODES = ("innertext", "inscriptis", "lynx", "html2text", "html")
WORSE = 0.01

try:
    from cleaner.scoring import token_score

    def score(output: str, truth: str) -> tuple[float, float]:
        """(F1, recall) of ``output`` against ``truth``."""
        s = token_score(output, truth)
        return s.f1, s.recall
except ImportError:  # the same few lines as ../shared/tools/score.py
    import collections
    import re
    import unicodedata

    _TOKEN = re.compile(r"\w+", re.UNICODE)

    def _tokens(text):
        return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())

    def score(output: str, truth: str) -> tuple[float, float]:
        t, o = collections.Counter(_tokens(truth)), collections.Counter(_tokens(output))
        hit = sum((t & o).values())
        p = hit / sum(o.values()) if o else 0.0
        r = hit / sum(t.values()) if t else 0.0
        return (2 * p * r / (p + r) if p + r else 0.0), r


def ceiling(recall: float) -> float:
    """The best F1 a rule file can give a page whose output has this recall.

    Learned rules only remove: they can raise precision to 1 at best, never recall (a truth token
    the heuristics dropped, or that the capture lacks, stays lost).
    """
    return 2 * recall / (1 + recall) if recall else 0.0


def load_groups(bench: Path, min_pages: int) -> dict[str, list[dict]]:
    from cleaner.pipeline import host_of

    groups: dict[str, list[dict]] = defaultdict(list)
    for line in (bench / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        host = host_of(case.get("url"))
        if host and case.get("truth"):
            groups[host].append(case)
    return {h: sorted(cs, key=lambda c: c["id"]) for h, cs in sorted(groups.items()) if len(cs) >= min_pages}


def read_capture(bench: Path, case: dict, mode: str) -> bytes | None:
    if mode == "html":
        return gzip.open(bench / case["html"], "rb").read() if case.get("html") else None
    path = (case.get("text") or {}).get(mode)
    return (bench / path).read_bytes() if path else None


def run_group(task) -> list[dict]:
    """Every held-out page of one host in one mode."""
    from cleaner import clean, load_rule_file
    from cleaner.rule_files import RuleBook
    from cleaner.rule_learning import learn_site_rules
    from cleaner.rule_writer import render_rule_file

    bench, host, cases, mode, overrides = task
    bench = Path(bench)
    settings = _settings(overrides)
    raws = {c["id"]: read_capture(bench, c, mode) for c in cases}
    rows = []
    with tempfile.TemporaryDirectory(prefix="learn-loo-") as tmp:
        for case in cases:
            raw = raws[case["id"]]
            if raw is None:
                continue
            truth = (bench / case["truth"]).read_text(encoding="utf-8", errors="replace")
            url = case["url"] if mode == "html" else None
            train = [(c["url"], raws[c["id"]]) for c in cases if c is not case and raws[c["id"]] is not None]
            learned = learn_site_rules(train, host, settings)
            path = Path(tmp) / f"{host}.toml"
            path.write_text(render_rule_file(learned), encoding="utf-8")
            rules = load_rule_file(path)
            book = RuleBook([rules])
            before = clean(raw, url, site_rules=False)
            article = clean(raw, url, rules=book)
            applied = any(r.by == rules.label for r in article.removed)
            without, recall = score(before.text, truth)
            without_t, recall_t = score(_with_title(before), truth)
            rows.append(
                {
                    "id": case["id"],
                    "host": host,
                    "mode": mode,
                    "without": without,
                    "with": score(article.text, truth)[0],
                    "applied": applied,
                    "ceiling": ceiling(recall),
                    "without_t": without_t,
                    "with_t": score(_with_title(article), truth)[0],
                    "ceiling_t": ceiling(recall_t),
                    "rules": sum(
                        len(rs)
                        for rs in (learned.drop, learned.drop_after, learned.drop_before, learned.html_drop)
                    ),
                }
            )
    return rows


def _settings(overrides: dict[str, str]):
    """LearnSettings with ``overrides`` (field name -> text of the value) applied."""
    from dataclasses import fields, replace

    from cleaner.rule_learning import LearnSettings

    base = LearnSettings()
    types = {f.name: type(getattr(base, f.name)) for f in fields(base)}
    changes = {}
    for name, text in overrides.items():
        if name not in types:
            raise SystemExit(f"learn_loo: LearnSettings has no field {name!r} (fields: {', '.join(types)})")
        kind = types[name]
        if kind is bool:
            if text.lower() not in ("true", "false", "1", "0"):
                raise SystemExit(f"learn_loo: {name} takes true or false, not {text!r}")
            changes[name] = text.lower() in ("true", "1")
        else:
            changes[name] = kind(text)
    return replace(base, **changes)


def _with_title(article) -> str:
    return "\n\n".join([article.title, article.text]) if article.title else article.text


def summarise(rows: list[dict], key: str = "") -> dict:
    """Mean F1 without / with the learned rules, and the pages that moved by more than 0.01."""
    n = len(rows)
    if not n:
        return {"pages": 0}
    without = sum(r["without" + key] for r in rows) / n
    with_ = sum(r["with" + key] for r in rows) / n
    return {
        "pages": n,
        "without": without,
        "with": with_,
        "gain": with_ - without,
        "reachable": sum(r["ceiling" + key] for r in rows) / n - without,
        "worse": sum(r["with" + key] < r["without" + key] - WORSE for r in rows),
        "better": sum(r["with" + key] > r["without" + key] + WORSE for r in rows),
        "applied": sum(r["applied"] for r in rows),
    }


def table(rows: list[dict], modes: list[str], key: str = "") -> list[str]:
    out = [
        f"{'mode':<11} {'pages':>5} {'F1 without':>10} {'F1 with':>8} {'gain':>7} {'worse>.01':>9} "
        f"{'better>.01':>10} {'applied':>7} {'reachable':>9}"
    ]
    groups = [(m, [r for r in rows if r["mode"] == m]) for m in modes]
    if sum(m != "html" for m in modes) > 1:
        groups.append(("all text", [r for r in rows if r["mode"] != "html"]))
    for label, rs in groups:
        s = summarise(rs, key)
        if s["pages"]:
            out.append(
                f"{label:<11} {s['pages']:>5} {s['without']:>10.4f} {s['with']:>8.4f} {s['gain']:>+7.4f} "
                f"{s['worse']:>9} {s['better']:>10} {s['applied']:>7} {s['reachable']:>+9.4f}"
            )
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", nargs="?", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated: renderers and/or html")
    ap.add_argument("--min-pages", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--verbose", action="store_true", help="print every page whose F1 changed by more than 0.01"
    )
    ap.add_argument("--json", type=Path, help="write every page's scores to this file")
    ap.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="change a LearnSettings field"
    )
    args = ap.parse_args(argv)
    overrides = dict(item.split("=", 1) for item in args.set if "=" in item)
    if len(overrides) != len(args.set):
        ap.error("--set takes FIELD=VALUE")
    _settings(overrides)  # a wrong field name fails here, before any work
    if not (args.bench / "cases.jsonl").is_file():
        print(f"learn_loo: no benchmark at {args.bench} (needs ../shared); nothing to measure")
        return 0
    groups = load_groups(args.bench, args.min_pages)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    tasks = [
        (str(args.bench), host, cases, mode, overrides) for mode in modes for host, cases in groups.items()
    ]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.map(run_group, tasks, chunksize=1)
    else:
        results = [run_group(t) for t in tasks]
    rows = [r for rs in results for r in rs]
    print(
        f"bench {args.bench.name}: {len(groups)} hosts with >= {args.min_pages} pages, "
        f"{sum(len(c) for c in groups.values())} pages"
        + "".join(f", {k}={v}" for k, v in sorted(overrides.items()))
    )
    print("\nArticle text (as `cleaner eval` scores it: paragraphs, no title):")
    print("\n".join(table(rows, modes)))
    print(
        "\nTitle + text (the truth starts with the headline; a better title choice moves it out of the text):"
    )
    print("\n".join(table(rows, modes, "_t")))
    if args.verbose:
        for r in sorted(rows, key=lambda r: r["with"] - r["without"]):
            if abs(r["with"] - r["without"]) > WORSE:
                print(f"  {r['mode']:<10} {r['host']:<28} {r['id']} {r['without']:.3f} -> {r['with']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
