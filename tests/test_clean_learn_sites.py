"""`cleaner clean --learn-sites`: a batch cleaned with the templates learned from its own pages.

The sites are invented here (hosts under .test); their furniture is chosen so that the generic
heuristics keep it (sentence-like promotion lines) and only learning can remove it.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import sys
import tempfile

import pytest
from batch_helpers import run_clean, write_warc

import cleaner.cli_clean
from cleaner.batch_inputs import JsonlFields
from cleaner.batch_plan import fingerprint, plan_output
from cleaner.batch_records import Settings

SITE = "example-news.test"
PROMO = "Example News readers can now follow the council desk in our free evening newsletter every weekday."
ARCHIVE = "The Example News archive holds every story since 1998 and is open to subscribers."
TOPICS = ["harbour", "orchard", "railway", "library", "glacier", "vineyard", "festival", "bridge", "museum"]
VERBS = ["reopened", "expanded", "surveyed", "restored", "renamed", "rebuilt", "closed", "repainted"]


def _paragraphs(i: int) -> list[str]:
    topic, verb = TOPICS[i % len(TOPICS)], VERBS[(i * 3) % len(VERBS)]
    return [
        f"Residents gathered as the council {verb} the {topic} that had stood empty since the storm of "
        f"{1990 + i}, ending a dispute that divided neighbours for {i + 2} years.",
        f"Officials said the work on the {topic} cost {i + 3} million and would be paid for by a levy "
        f"that most households will barely notice on their bills this winter.",
        f"Critics of the {topic} plan argued the money could have gone to schools, but the mayor said "
        f"it would bring visitors back to the {topic} district within a year.",
    ]


def text_page(i: int) -> str:
    title = f"Council {VERBS[(i * 3) % len(VERBS)]} the {TOPICS[i % len(TOPICS)]} (story {i})"
    body = "\n\n".join(_paragraphs(i))
    return f"{title}\n\n{body}\n\n{PROMO}\n\n{ARCHIVE}\n"


def html_page(i: int) -> str:
    paras = "".join(f"<p>{p}</p>" for p in _paragraphs(i))
    return (
        "<!DOCTYPE html><html><head><title>Story</title></head><body>"
        f'<article><h1>Story {i} of the day</h1>{paras}<div class="promo-box"><p>{PROMO}</p></div></article>'
        "</body></html>"
    )


def _url(i: int, host: str = SITE) -> str:
    return f"https://www.{host}/news/{i}"


def _jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


_run = run_clean


def _records(text: str) -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(line) for line in text.splitlines())}


def test_only_learning_removes_the_sites_furniture(tmp_path, capsys, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    src = _jsonl(
        tmp_path / "crawl.jsonl", [{"id": f"p{i}", "url": _url(i), "text": text_page(i)} for i in range(6)]
    )
    code, plain, _ = _run(capsys, src)
    assert code == 0
    assert all(PROMO in r["text"] and ARCHIVE in r["text"] for r in _records(plain).values())

    code, learned, err = _run(capsys, src, "--learn-sites")
    assert code == 0 and f"learned rules for 1 site from 6 documents: {SITE}" in err
    for i, r in sorted(_records(learned).items()):
        assert PROMO not in r["text"] and ARCHIVE not in r["text"], i
        assert all(p in r["text"] for p in _paragraphs(int(i[1:]))), i  # the story is untouched
        assert any(reason.startswith("learned-") for reason in r["removed"])
    assert list(scratch.iterdir()) == []  # the learned rules' folder is gone


def test_output_does_not_depend_on_input_order_nor_jobs(tmp_path, capsys):
    rows = [{"id": f"p{i}", "url": _url(i), "text": text_page(i)} for i in range(8)]
    rows += [
        {
            "id": f"o{i}",
            "url": _url(i, "other-daily.test"),
            "text": text_page(i + 20).replace("Example", "Other"),
        }
        for i in range(5)
    ]
    rows.append(
        {"id": "lone", "url": "https://lone.test/x", "text": text_page(40)}
    )  # too few pages: nothing learned
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    a = _jsonl(tmp_path / "a.jsonl", rows)
    b = _jsonl(tmp_path / "b.jsonl", shuffled)
    code, out_a, err = _run(capsys, a, "--learn-sites")
    assert code == 0 and "learned rules for 2 sites" in err
    code, out_b, _ = _run(capsys, b, "--learn-sites")
    assert code == 0
    assert out_b.splitlines() != out_a.splitlines()  # records come in input order...
    assert _records(out_b) == _records(out_a)  # ...and each is the same whatever that order
    code, out_jobs, _ = _run(capsys, b, "--learn-sites", "--jobs", "2")
    assert code == 0 and out_jobs == out_b
    others = [r for i, r in _records(out_a).items() if i.startswith("o")]
    assert len(others) == 5 and not any("Other News readers" in r["text"] for r in others)
    assert PROMO in _records(out_a)["lone"]["text"]


def test_warc_of_html_pages_learns_the_container(tmp_path, capsys):
    warc = write_warc(
        tmp_path / "crawl.warc.gz",
        [(_url(i), html_page(i).encode()) for i in range(5)],
    )
    code, plain, _ = _run(capsys, str(warc))
    assert code == 0 and all(PROMO in r["text"] for r in _records(plain).values())
    code, learned, _ = _run(capsys, str(warc), "--learn-sites", "--jobs", "2")
    assert code == 0
    for r in _records(learned).values():
        assert PROMO not in r["text"] and "levy that most households" in r["text"]


def test_folder_of_captures_without_urls_uses_url_and_min_pages(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(text_page(i), encoding="utf-8")
    code, out, err = _run(capsys, str(folder), "--learn-sites")
    assert code == 0 and "learned rules for 0 sites" in err  # no URL: no site to learn for
    assert PROMO in out
    code, out, err = _run(capsys, str(folder), "--learn-sites", "--url", f"https://{SITE}/")
    assert code == 0 and PROMO not in out
    code, out, err = _run(
        capsys, str(folder), "--learn-sites", "--url", f"https://{SITE}/", "--learn-min-pages", "5"
    )
    assert code == 0 and "learned rules for 0 sites" in err and PROMO in out


def test_stdin_is_learned_from_and_cleaned(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(text_page(i), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text_page(7).encode())))
    code, out, err = _run(capsys, "-", str(folder), "--learn-sites", "--url", f"https://{SITE}/")
    # Three files are too few (3 is the default) without the capture from stdin: it was learned from.
    assert code == 0 and "from 4 documents" in err
    records = _records(out)
    assert set(records) == {"-", str(folder / "0.txt"), str(folder / "1.txt"), str(folder / "2.txt")}
    assert "levy that most households" in records["-"]["text"] and PROMO not in records["-"]["text"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["{src}", "--learn-sites", "--no-site-rules"], "--no-site-rules turns site rules off"),
        (["{page}", "--learn-sites"], "one capture has nothing to compare with"),
        (["-", "--learn-sites"], "one capture has nothing to compare with"),
        (["{src}", "--learn-min-pages", "4"], "--learn-min-pages goes with --learn-sites"),
        (["{src}", "--learn-sites", "--learn-min-pages", "1"], "must be at least 2"),
        (["{src}", "--learn-sites", "--learn-min-pages", "0"], "must be at least"),
    ],
)
def test_bad_combinations_exit_2(tmp_path, capsys, argv, message):
    src = _jsonl(tmp_path / "crawl.jsonl", [{"url": _url(i), "text": text_page(i)} for i in range(4)])
    page = tmp_path / "page.txt"
    page.write_text(text_page(1), encoding="utf-8")
    code, out, err = _run(capsys, *[a.format(src=src, page=page) for a in argv])
    assert code == 2 and message in err and out == ""


# --- resume -----------------------------------------------------------------------------------------------
def _interrupt_the_cleaning_pass(monkeypatch, after: int):
    """The first call of iter_documents is the learning pass; the second, the cleaning, stops early."""
    real = cleaner.cli_clean.iter_documents
    calls = itertools.count()

    def fake(*a, **k):
        docs = real(*a, **k)
        return docs if next(calls) == 0 else _then_interrupt(itertools.islice(docs, after))

    monkeypatch.setattr(cleaner.cli_clean, "iter_documents", fake)
    return real


def _then_interrupt(docs):
    yield from docs
    raise KeyboardInterrupt


def test_resume_learns_again_and_refuses_other_learned_rules(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", [{"id": f"p{i}", "url": _url(i), "text": text_page(i)} for i in range(20)])
    ref = tmp_path / "ref.jsonl"
    assert _run(capsys, str(folder), "--learn-sites", "-o", str(ref))[0] == 0

    out = tmp_path / "out.jsonl"
    real = _interrupt_the_cleaning_pass(monkeypatch, 12)
    code, _, err = _run(capsys, str(folder), "--learn-sites", "-o", str(out), "--checkpoint-every", "5")
    assert code == 130 and "--resume continues" in err
    monkeypatch.setattr(cleaner.cli_clean, "iter_documents", real)

    code, _, err = _run(capsys, str(folder), "-o", str(out), "--resume")  # without --learn-sites
    assert code == 2 and "other inputs or options" in err
    code, _, err = _run(capsys, str(folder), "--learn-sites", "-o", str(out), "--resume")
    assert code == 0 and "20 done" in err
    assert out.read_bytes() == ref.read_bytes()

    # Stopped again, then a new site appears in the input folder: the rules learned would differ.
    out.unlink()
    _interrupt_the_cleaning_pass(monkeypatch, 12)
    assert _run(capsys, str(folder), "--learn-sites", "-o", str(out), "--checkpoint-every", "5")[0] == 130
    monkeypatch.setattr(cleaner.cli_clean, "iter_documents", real)
    _jsonl(folder / "b.jsonl", [{"url": _url(i, "other-daily.test"), "text": text_page(i)} for i in range(4)])
    code, _, err = _run(capsys, str(folder), "--learn-sites", "-o", str(out), "--resume")
    assert code == 2 and "other inputs or options" in err


def test_fingerprint_names_the_learned_rules_not_their_folder():
    plan = plan_output(["x.jsonl"], "out.jsonl", None)
    args = {"plan": plan, "glob": "*", "fields": JsonlFields(), "max_bytes": 10}
    plain = fingerprint(["-"], settings=Settings(), **args)
    assert (
        fingerprint(["-"], settings=Settings(), learned=None, **args) == plain
    )  # older checkpoints still match
    one = fingerprint(["-"], settings=Settings(), learned="a" * 64, **args)
    assert one != plain and one != fingerprint(["-"], settings=Settings(), learned="b" * 64, **args)
