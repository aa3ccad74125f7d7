"""`cleaner clean INPUT...`: clean one capture, or a whole corpus, into articles.

Argument parsing and reporting only; the work is in batch_inputs (reading), batch_records (cleaning
one document), batch_run (the loop and the workers), batch_outputs (writing) and batch_plan (where
the output goes).
"""

from __future__ import annotations

import argparse
import sys

from .batch_inputs import (
    DEFAULT_MAX_DECOMPRESSED,
    STDIN,
    JsonlFields,
    check_inputs,
    count_documents,
    is_single_document,
    iter_documents,
)
from .batch_learning import DEFAULT_MIN_PAGES, buffered_stdin, check_learn_sites, learn_batch
from .batch_outputs import JsonlFileSink, SingleTextSink, Sink, StdoutJsonlSink, TreeSink
from .batch_plan import (
    JSONL_FILE,
    JSONL_STDOUT,
    TEXT,
    TREE,
    OutputPlan,
    check_output_is_not_input,
    fingerprint,
    plan_output,
)
from .batch_records import Settings
from .batch_run import load_rules, run_batch
from .cli_common import positive_int
from .errors import UsageError
from .options import Options
from .progress import Progress, summary_line
from .render import FORMATS

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 2, 3

EPILOG = """\
inputs:
  files (HTML or text captures, .gz too), folders (walked recursively in name order; --glob),
  JSONL / JSONL.gz (one document per line: --html-field, else --text-field), WARC / WARC.gz (2xx HTML
  response records), and - for standard input (one capture).

outputs:
  one capture, no -o         the article on stdout (--format txt, md, json or jsonl)
  one capture, -o FILE       the same, in FILE (format from --format or FILE's suffix)
  many documents, no -o      JSONL records on stdout
  -o OUT.jsonl               JSONL records in OUT.jsonl; failures also in OUT.jsonl.errors.jsonl
  -o DIR                     a tree of .txt (or --format md) files mirroring the inputs; failures in
                             DIR.errors.jsonl beside the folder

  A JSONL record has id, url, title, text, date, byline, site, source_kind, removed (counts of
  removals by reason), plus error for a document that failed and empty_reason for one where no
  article text was found (text ""). Records come in input order, whatever --jobs is.

  Outputs are written under temporary names and renamed when complete. With -o, --resume continues
  a run that was stopped (even by kill -9) and ends with the same bytes an uninterrupted run writes.
  The output may not be an input, nor lie inside an input folder.

learning site rules (--learn-sites):
  The inputs are read twice: once to learn, per site (the URL's host, www. dropped; --url for
  documents without one) with at least --learn-min-pages distinct pages, what repeats across its
  pages, as `cleaner rules learn` does; once to clean with those rules loaded after the built-in
  and --rules files (a site's hand-written file is merged with, not replaced). At most 200 pages
  per site are read to learn, chosen by hash, so the rules and the output do not depend on the
  order of the inputs nor on --jobs. Standard input (one capture) is kept in memory to be read
  twice. --resume learns again and refuses to continue if the learned rules differ from the
  stopped run's (its inputs changed). Not with --no-site-rules, nor for a single capture.

limits:
  One bad document never stops a batch: each is cleaned within --time-limit seconds (30; with
  --jobs N a worker that does not stop is killed), a capture over --max-input-bytes (20M) is not
  read past the limit, and compressed input (.gz, .jsonl.gz, encoded WARC payloads) inflates by at
  most --max-decompressed-bytes (256M) per document. A document over a limit, unreadable (broken
  JSON, truncated WARC record) or failing for any other reason gets a record with error, and the
  batch goes on. No traceback is printed; an unexpected error (a bug) has its traceback in the
  errors file.

exit status:
  0  every document was cleaned (empty ones included)
  2  usage error: bad arguments, missing input, unsafe output, broken rule file, a --resume that
     does not match the stopped run, an output that cannot be written
  3  some documents failed (each has a record with error; the others were written)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="file, folder, JSONL, WARC, or - for stdin"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="output file or folder (default: stdout)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="txt (default for one capture or a tree), md, json (one document), jsonl (default for many)",
    )
    parser.add_argument(
        "--url",
        metavar="URL",
        help="URL of the capture (for documents that carry none); picks site rules and fills metadata",
    )
    parser.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        default=[],
        help="extra rule file or folder, on top of the built-in rules (repeatable)",
    )
    parser.add_argument("--no-site-rules", action="store_true", help="generic heuristics only, no site rules")
    parser.add_argument(
        "--learn-sites",
        action="store_true",
        help="first learn each site's template (repeated lines, tail anchors, HTML containers) from "
        "the batch's own pages, then clean with those rules on top of the others (see below)",
    )
    parser.add_argument(
        "--learn-min-pages",
        type=positive_int,
        default=DEFAULT_MIN_PAGES,
        metavar="N",
        help=f"with --learn-sites: distinct pages a site needs in the batch to learn from "
        f"(default {DEFAULT_MIN_PAGES})",
    )
    batch = parser.add_argument_group("batch")
    batch.add_argument(
        "--glob",
        default="*",
        metavar="PATTERN",
        help="files to take from folders: matched against the name, or the relative path "
        "when it has a / (default: all files)",
    )
    batch.add_argument(
        "--html-field", default="html", metavar="NAME", help="JSONL field with HTML (default html)"
    )
    batch.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="JSONL field with a text capture, used when there is no HTML (default text)",
    )
    batch.add_argument(
        "--url-field", default="url", metavar="NAME", help="JSONL field with the URL (default url)"
    )
    batch.add_argument(
        "--id-field",
        default="id",
        metavar="NAME",
        help="JSONL field with the document id (default id; else FILE:LINE)",
    )
    batch.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
        default=1,
        metavar="N",
        help="worker processes (default 1); the output is the same for any N",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="continue the stopped run that was writing to -o OUT (same command line)",
    )
    batch.add_argument(
        "--checkpoint-every",
        type=positive_int,
        default=500,
        metavar="N",
        help="documents between two checkpoints of a resumable output (default 500)",
    )
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary")
    limits = parser.add_argument_group(
        "limits (a document over a limit gets a record with error; the batch goes on)"
    )
    limits.add_argument(
        "--max-input-bytes",
        type=_size,
        default=Options.max_input_bytes,
        metavar="SIZE",
        help=f"largest capture cleaned, e.g. 20M (default {_human(Options.max_input_bytes)})",
    )
    limits.add_argument(
        "--max-decompressed-bytes",
        type=_size,
        default=DEFAULT_MAX_DECOMPRESSED,
        metavar="SIZE",
        help="most bytes inflated out of compressed input for one document, counting what is only "
        f"skipped: stops gzip bombs (default {_human(DEFAULT_MAX_DECOMPRESSED)})",
    )
    limits.add_argument(
        "--time-limit",
        type=_seconds,
        default=Options.time_limit,
        metavar="SECONDS",
        help=f"seconds one document may take; 0 for no limit (default {Options.time_limit:g})",
    )


_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def _size(value: str) -> int:
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    unit = text[-1:] if text[-1:] in "KMG" else ""
    try:
        n = float(text[: len(text) - len(unit)])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (say 20000000, 500K, 20M or 1G)") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 byte, not {value!r}")
    return int(n * _UNITS[unit])


def _human(n: int) -> str:
    for unit in ("G", "M", "K"):
        if n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return str(n)


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not n >= 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds, not {value!r}")
    return n


def run(args: argparse.Namespace) -> int:
    inputs: list[str] = list(args.inputs)
    check_inputs(inputs)
    if args.no_site_rules and args.rules:
        raise UsageError("--rules and --no-site-rules contradict each other")
    plan = plan_output(inputs, args.output, args.format)
    check_output_is_not_input(plan, inputs)
    if args.resume and not plan.resumable:
        raise UsageError("--resume continues a run writing to -o OUT.jsonl or -o DIR")
    if args.resume and STDIN in inputs:
        raise UsageError("standard input cannot be read twice, so a run reading it cannot be resumed")
    if args.learn_min_pages != DEFAULT_MIN_PAGES and not args.learn_sites:
        raise UsageError("--learn-min-pages goes with --learn-sites")

    settings = Settings(
        rules=tuple(args.rules),
        site_rules=not args.no_site_rules,
        default_url=args.url,
        options=(("max_input_bytes", args.max_input_bytes), ("time_limit", args.time_limit)),
        render_format=plan.fmt if plan.kind in (TEXT, TREE) else None,
    )
    load_rules(settings)
    fields = JsonlFields(html=args.html_field, text=args.text_field, url=args.url_field, id=args.id_field)
    max_bytes, max_decompressed = args.max_input_bytes, args.max_decompressed_bytes
    read = {"glob": args.glob, "fields": fields, "max_bytes": max_bytes, "max_decompressed": max_decompressed}
    learned = None
    if args.learn_sites:
        check_learn_sites(settings, is_single_document(inputs))
        stdin = buffered_stdin(inputs, max_bytes)
        learned = learn_batch(
            iter_documents(inputs, stdin=stdin, **read),
            settings,
            min_pages=args.learn_min_pages,
            progress=None if args.quiet else lambda note: print(f"cleaner clean: {note}", file=sys.stderr),
        )
        if stdin is not None:
            stdin.seek(0)
        read["stdin"] = stdin
    try:
        return _clean(args, inputs, plan, settings, read, learned)
    finally:
        if learned is not None:
            learned.remove()


def _clean(args, inputs, plan, settings, read, learned) -> int:
    """The cleaning pass. ``read``: how inputs are read (iter_documents' keywords), which the
    resume fingerprint covers too."""
    reading = {k: v for k, v in read.items() if k != "stdin"}
    sink = _sink(
        plan,
        args,
        fingerprint(
            inputs, plan=plan, settings=settings, learned=learned.digest if learned is not None else None, **reading
        ),
    )
    if learned is not None:
        settings = learned.settings_with(settings)
    one_to_stdout = plan.kind in (TEXT, JSONL_STDOUT) and is_single_document(inputs)
    quiet = args.quiet or one_to_stdout
    for note in sink.notes:
        print(f"cleaner clean: {note}", file=sys.stderr)

    progress = Progress(start=sink.counts, enabled=False if quiet else None)
    if progress.enabled:
        progress.total = count_documents(inputs, args.glob)
    docs = iter_documents(inputs, **read)
    try:
        counts = run_batch(docs, sink, settings, jobs=args.jobs, progress=progress)
    except KeyboardInterrupt:
        if plan.resumable:
            print("cleaner clean: stopped; --resume continues from the last checkpoint", file=sys.stderr)
        raise
    except BrokenPipeError:
        raise  # stdout closed by the reader (| head): the dispatcher ends quietly
    except OSError as e:  # the output, not a document: a full disk, a folder that went away
        hint = "; fix it and rerun with --resume" if plan.resumable else ""
        raise UsageError(f"cannot write the output: {e}{hint}") from None

    if isinstance(sink, SingleTextSink):
        if sink.error:
            print(f"cleaner clean: {inputs[0]}: {sink.error}", file=sys.stderr)
        elif sink.empty_reason and not args.quiet:
            print(f"cleaner clean: {inputs[0]}: empty: {sink.empty_reason}", file=sys.stderr)
    if not quiet:
        line = summary_line(
            counts, progress.elapsed(), new=counts.done - sink.resumed if sink.resumed else None
        )
        if counts.failed and sink.errors_path:
            line += f"; errors in {sink.errors_path}"
        print(f"cleaner clean: {line}", file=sys.stderr)
    return EXIT_SOME_FAILED if counts.failed else EXIT_OK


def _sink(plan: OutputPlan, args: argparse.Namespace, print_: str) -> Sink:
    resumable = {"fingerprint": print_, "resume": args.resume, "checkpoint_every": args.checkpoint_every}
    if plan.kind == TEXT:
        return SingleTextSink(plan.path)
    if plan.kind == JSONL_STDOUT:
        return StdoutJsonlSink()
    if plan.kind == JSONL_FILE:
        return JsonlFileSink(plan.path, **resumable)
    if plan.kind == TREE:
        return TreeSink(plan.path, "." + plan.fmt, **resumable)
    raise AssertionError(plan.kind)
