"""The learned line model: shipped file, features, and the reasons its removals carry."""

import json
import subprocess
import sys
from pathlib import Path

import cleaner
from cleaner import line_model
from cleaner.text_path import clean_text, flag_units, model_rows

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_matches_the_features_and_is_small():
    path = ROOT / "cleaner" / "data" / "line_model.json"
    assert path.stat().st_size < 100_000
    model = json.loads(path.read_text())
    assert model["features"] == line_model.feature_names()
    assert len(model["weights"]) == len(model["means"]) == len(model["scales"]) == len(model["features"])


def test_probabilities_are_deterministic_and_bounded():
    capture = "\n\n".join([
        "Home", "News", "Sport", "Business",
        "The council approved the new budget on Tuesday after a long debate about school funding.",
        "Officials said the plan would raise spending on roads and libraries by five per cent next year.",
        "Share this article",
    ])
    a, b = clean_text(capture), clean_text(capture)
    assert a.paragraphs == b.paragraphs
    assert "The council approved the new budget" in a.paragraphs[0]
    flagged = flag_units(capture)
    probs = line_model.probabilities(model_rows(flagged.units, flagged.verdicts))
    assert all(0.0 <= p <= 1.0 for p in probs)


def test_heuristic_only_mode_still_works():
    capture = "Menu\n\nA sentence that is long enough to count as the article body of this page, really.\n"
    assert clean_text(capture, model=False).paragraphs == clean_text(capture).paragraphs


def test_every_removal_has_a_reason():
    capture = (ROOT / "golden" / "nzherald-house-prices-text" / "input.txt").read_bytes()
    article = cleaner.clean(capture, site_rules=False)
    assert article.paragraphs
    assert all(r.reason and r.by for r in article.removed)
    # A line among the bylines that the model rejects inside the run says who removed it.
    assert ("low-prose", "model:line") in {(r.reason, r.by) for r in article.removed}


def test_training_script_exits_cleanly_without_benchmarks(tmp_path):
    script = ROOT / "bench" / "train_line_model.py"
    out = subprocess.run([sys.executable, str(script), "--bench", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert "no benchmark data" in out.stdout


def test_character_counts_agree_with_the_str_methods_on_any_script():
    # Roman numeral Ⅰ and circled Ⓐ are uppercase but not letters, ² is a digit but not decimal.
    for text in ["Plain ASCII 123, OK?", "Ⅰ Ⓐ x² ① Straße ÉTÉ Москва 2024 Ωμέγα ǅ", "", "   ", "’—"]:
        want = (sum(map(str.isalpha, text)), sum(map(str.isupper, text)), sum(map(str.isdigit, text)))
        assert line_model._char_counts(text) == want, text


def test_window_means_match_the_plain_average_at_every_position():
    for n in (0, 1, 2, 5, 12, 30):
        column = [float((i * 7) % 5) - 1.5 for i in range(n)]
        for radius in (1, 3, 10):
            got = line_model._window_mean(column, radius, line_model._window_sizes(n, radius))
            for i in range(n):
                near = column[max(0, i - radius):i + radius + 1]
                assert abs(got[i] - sum(near) / len(near)) < 1e-12
            assert len(got) == n
