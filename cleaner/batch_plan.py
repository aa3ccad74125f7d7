"""Deciding, before any work, where the output of `cleaner clean` goes, and refusing unsafe choices.

The rules (also in ``cleaner clean --help``):

- one capture (a file or ``-``) without ``-o``: the article on stdout, as txt (default), md, json
  (one JSON object) or jsonl (one record);
- one capture with ``-o FILE``: the same, written to FILE (format from ``--format`` or FILE's suffix);
- many documents (several inputs, a folder, a JSONL or WARC file) without ``-o``: JSONL on stdout;
- ``-o OUT.jsonl`` (or ``--format jsonl``): one JSONL file, resumable;
- ``-o DIR`` (an existing folder, a path ending in ``/``, or a path without a suffix for many
  documents): a tree of .txt (default) or .md files mirroring the inputs, resumable.

An output may never be one of the inputs nor lie inside an input folder (it would be read back as
input, or overwrite one); a tree may not contain an input either.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass

from .batch_inputs import STDIN, JsonlFields, input_kind, is_single_document
from .batch_records import Settings
from .errors import UsageError

TEXT, JSONL_STDOUT, JSONL_FILE, TREE = "text", "jsonl-stdout", "jsonl-file", "tree"
_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".md": "md", ".txt": "txt"}


@dataclass(frozen=True)
class OutputPlan:
    kind: str  #: text | jsonl-stdout | jsonl-file | tree
    fmt: str  #: txt | md | json | jsonl
    path: str | None = None

    @property
    def resumable(self) -> bool:
        return self.kind in (JSONL_FILE, TREE)

    def bookkeeping_paths(self) -> list[str]:
        """The files a resumable output writes beside its final result."""
        if self.kind == JSONL_FILE:
            p = self.path
            return [
                p,
                p + ".partial",
                p + ".errors.jsonl",
                p + ".errors.jsonl.partial",
                p + ".checkpoint.json",
            ]
        if self.kind == TREE:
            from .batch_outputs import _beside_name

            base = _beside_name(self.path)
            return [base + ".errors.jsonl", base + ".errors.jsonl.partial", base + ".checkpoint.json"]
        return [self.path] if self.path else []


def plan_output(inputs: list[str], out: str | None, fmt: str | None) -> OutputPlan:
    single = is_single_document(inputs)
    if out is None or out == "-":
        if single:
            return OutputPlan(TEXT if (fmt or "txt") != "jsonl" else JSONL_STDOUT, fmt or "txt")
        if fmt not in (None, "jsonl"):
            raise UsageError(
                f"--format {fmt} writes one document; many documents go to stdout as jsonl, "
                f"or to a folder with -o DIR"
            )
        return OutputPlan(JSONL_STDOUT, "jsonl")
    suffix_fmt = _SUFFIX_FORMATS.get(os.path.splitext(out)[1].lower())
    wants_folder = os.path.isdir(out) or out.endswith(("/", os.sep))
    if wants_folder or (not single and suffix_fmt is None and fmt in (None, "txt", "md")):
        fmt = fmt or "txt"
        if fmt not in ("txt", "md"):
            raise UsageError(
                f"a folder output ({out}) holds .txt or .md files; for --format {fmt} give a file name"
            )
        return OutputPlan(TREE, fmt, out)
    if fmt and suffix_fmt and fmt != suffix_fmt:
        raise UsageError(f"--format {fmt} does not match the name {out}")
    fmt = fmt or suffix_fmt or ("txt" if single else None)
    if fmt == "jsonl":
        return OutputPlan(JSONL_FILE, "jsonl", out)
    if not single:
        raise UsageError(f"many documents go to a .jsonl file or a folder, not to {out}")
    return OutputPlan(TEXT, fmt, out)


def check_output_is_not_input(plan: OutputPlan, inputs: list[str]) -> None:
    """Refuse an output that is an input, lies inside an input folder, or (a tree) contains an input."""
    real_inputs = [(name, os.path.realpath(name), os.path.isdir(name)) for name in inputs if name != STDIN]
    for path in plan.bookkeeping_paths():
        real = os.path.realpath(path)
        for name, real_in, is_dir in real_inputs:
            if real == real_in or (
                os.path.exists(path) and os.path.exists(name) and os.path.samefile(path, name)
            ):
                raise UsageError(f"the output {path} is the input {name}; inputs are never overwritten")
            if is_dir and _inside(real, real_in):
                raise UsageError(f"the output {path} is inside the input folder {name}; write it elsewhere")
    if plan.kind == TREE:
        real_out = os.path.realpath(plan.path)
        for name, real_in, is_dir in real_inputs:
            if real_out == real_in or (is_dir and _inside(real_out, real_in)):
                raise UsageError(f"the output folder {plan.path} is (inside) the input folder {name}")
            if _inside(real_in, real_out):
                raise UsageError(
                    f"the output folder {plan.path} contains the input {name}; its files could be overwritten"
                )


def _inside(path: str, folder: str) -> bool:
    folder = folder.rstrip(os.sep)
    return path.startswith(folder + os.sep)


def fingerprint(
    inputs: list[str],
    *,
    plan: OutputPlan,
    settings: Settings,
    glob: str,
    fields: JsonlFields,
    max_bytes: int,
    max_decompressed: int | None = None,
    learned: str | None = None,
) -> str:
    """What a resumed run must share with the run it continues for their outputs to agree.

    ``learned``: the digest of the rules --learn-sites learned (their temporary folder's name
    changes from run to run; what they say must not).
    """
    from . import __version__

    described = []
    for name in inputs:
        if name == STDIN or os.path.isdir(name):
            described.append([os.path.abspath(name), "folder" if name != STDIN else "stdin"])
        else:
            st = os.stat(name)
            described.append([os.path.abspath(name), input_kind(name), st.st_size, st.st_mtime_ns])
    data = {
        "version": __version__,
        "inputs": described,
        "glob": glob,
        "fields": asdict(fields),
        "max_bytes": max_bytes,
        "max_decompressed": max_decompressed,
        "rules": [os.path.abspath(r) for r in settings.rules],
        "site_rules": settings.site_rules,
        "url": settings.default_url,
        "options": [[k, repr(v)] for k, v in settings.options],
        "output": [plan.kind, plan.fmt],
    }
    if learned is not None:  # absent otherwise, so the fingerprints of earlier runs still match
        data["learned"] = learned
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
