"""Metadata lines beyond English: datelines in German text, stamps and reading times (cleaner/metadata.py)."""

from __future__ import annotations

import pytest

from cleaner.metadata import _dateline, read_metadata_line


@pytest.mark.parametrize("line", [
    "Dubai: Petrol prices in the UAE will go up in March, the fuel committee said on Monday.",
    "Mumbai: The city's new metro line opened to the public on Sunday after two years of delay.",
    "OSLO – Die Regierung hat am Montag einen neuen Haushalt vorgelegt, der mehr Geld für Schulen vorsieht.",
])
def test_a_place_that_opens_the_first_sentence_is_a_dateline(line):
    m = _dateline(line)
    assert m is not None and m.kind == "dateline" and m.rest and not m.rest.startswith(line[:4])


@pytest.mark.parametrize("line", [
    # German capitalises every noun: a label or a speaker before a colon opens the story's sentence
    "Hinweis: Der folgende Text ist zuerst in einer gedruckten Ausgabe des Magazins erschienen.",
    "Vorweg: Die Stadt hat sich auf unsere Fragen zu den Kosten bis heute nicht geäußert.",
    "Ein Problem: Viele Berichte widersprechen sich, und niemand weiß, welche Zahlen stimmen.",
    "Maria Beispiel: Wir haben damals einfach angefangen, ohne lange zu planen oder zu fragen.",
])
def test_a_label_in_german_prose_is_not_a_dateline(line):
    assert _dateline(line) is None


@pytest.mark.parametrize(("line", "kind"), [
    ("3 Min. Lesezeit", "read-time"),
    ("Lesezeit: 4 Minuten", "read-time"),
    ("5 minutos de lectura", "read-time"),
    ("Temps de lecture : 6 min", "read-time"),
    ("Ten tekst przeczytasz w 3 minuty", "read-time"),
    ("Mis à jour le 04/05/2022", "date"),
])
def test_reading_times_and_stamps_in_other_languages(line, kind):
    m = read_metadata_line(line)
    assert m is not None and m.kind == kind


def test_a_sentence_about_reading_time_stays():
    assert read_metadata_line("Die Lesezeit hat sich bei Kindern in zehn Jahren fast halbiert, so die Studie.") is None
