#!/usr/bin/env python3
"""Text captures of a benchmark's pages made by renderers the benchmark does not have (w3m, links).

The bench folders hold captures from four renderers, and the text path was measured on those.
A user's dump may come from another text browser; this makes a copy of a bench folder (cases.jsonl
with a ``text`` entry per new renderer, links to its html/ and truth/) whose captures come from
w3m and links, so that `cleaner eval OUT --mode text:w3m` measures the same pages through them.

usage: python bench/render_text_captures.py [BENCH] -o OUT [--width 100]

Needs the w3m and links programs (Debian: apt-get install w3m links); a renderer that is missing
is skipped with a note. Each page is decoded by cleaner first and handed over as UTF-8, so that
the renderers do not guess encodings differently from each other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench" / "l3s-gn1-dev"


def commands(width: int) -> dict[str, list[str]]:
    return {
        "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", str(width)],
        "links": ["links", "-dump", "-width", str(width), "-codepage", "utf-8",
                  "-html-assume-codepage", "utf-8", "-html-hard-assume", "1"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", nargs="?", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--width", type=int, default=100, help="screen width the renderers wrap at")
    args = parser.parse_args(argv)
    from cleaner.decode import decode

    if not (args.bench / "cases.jsonl").is_file():
        print(f"no benchmark folder at {args.bench}", file=sys.stderr)
        return 2
    renderers = {name: cmd for name, cmd in commands(args.width).items() if shutil.which(cmd[0])}
    for name in sorted(set(commands(args.width)) - set(renderers)):
        print(f"skipping {name}: the program is not installed", file=sys.stderr)
    if not renderers:
        return 2
    for name in renderers:
        (args.out / "text" / name).mkdir(parents=True, exist_ok=True)
    for sub in ("html", "truth"):
        if (args.bench / sub).is_dir() and not (args.out / sub).exists():
            os.symlink((args.bench / sub).resolve(), args.out / sub)
    written = 0
    with open(args.out / "cases.jsonl", "w", encoding="utf-8") as cases, \
            tempfile.TemporaryDirectory() as tmp:
        for line in (args.bench / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if not case.get("html"):
                continue
            raw = gzip.open(args.bench / case["html"]).read() if case["html"].endswith(".gz") \
                else (args.bench / case["html"]).read_bytes()
            page = Path(tmp) / "page.html"
            # The charset said once, first: the page's own declaration may name what it was before decoding.
            page.write_text('<meta charset="utf-8">' + decode(raw), encoding="utf-8")
            case["text"] = {}
            for name, cmd in renderers.items():
                out = subprocess.run([*cmd, str(page)], capture_output=True, timeout=120).stdout
                rel = f"text/{name}/{case['id']}.txt"
                (args.out / rel).write_bytes(out)
                case["text"][name] = rel
            cases.write(json.dumps(case) + "\n")
            written += 1
    print(f"{written} pages rendered by {', '.join(renderers)} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
