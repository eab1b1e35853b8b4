import shutil
import sys
from pathlib import Path

import pytest

from dashboard.curation import profiles
from dashboard.curation.ranking import Holders
from dashboard.records.dataset import load_dataset
from tests.curation.test_kept import quote, repeated
from tests.helpers import FIXTURES


@pytest.fixture
def suggestions(tmp_path: Path) -> Path:
    root = tmp_path / "suggestions"
    shutil.copytree(FIXTURES / "suggestions", root)
    return root


def _made(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    data = load_dataset(root)
    prints = profiles.word_prints(data)
    return prints, profiles.make(data, prints).fingerprints


def test_a_fingerprint_reads_the_values_not_how_they_were_built():
    stem = "".join(["ключ", "е"])  # a new string, not the interned literal
    one = profiles.fingerprint_of("named", {"ключе": 0.5, "ставк": 1.5}, Holders(("a", "b"), {"ключе": 1}, 0, 3))
    two = profiles.fingerprint_of("named", {"ставк": 1.5, stem: 0.5}, Holders(("a", "b"), {sys.intern(stem): 1}, 0, 3))
    assert one == two


@pytest.mark.parametrize(
    ("weights", "holders", "named"),
    [
        ({"ключе": 0.5, "ставк": 1.25}, Holders(("a", "b"), {"ключе": 1}, 0, 3), "named"),
        ({"ключе": 0.5, "ставк": 1.5}, Holders(("a", "b"), {"ключе": 3}, 0, 3), "named"),
        ({"ключе": 0.5, "ставк": 1.5}, Holders(("a", "b"), {"ключе": 1}, 0, 3), "renamed"),
    ],
)
def test_a_weight_a_holder_or_a_name_changes_the_fingerprint(weights, holders, named):
    before = profiles.fingerprint_of("named", {"ключе": 0.5, "ставк": 1.5}, Holders(("a", "b"), {"ключе": 1}, 0, 3))
    assert profiles.fingerprint_of(named, weights, holders) != before


def test_words_that_change_no_stem_keep_the_fingerprints_and_new_words_change_their_language_only(suggestions: Path):
    words, made = _made(suggestions)
    repeated(suggestions)
    words_again, made_again = _made(suggestions)
    assert words_again["en"] != words["en"] and made_again == made
    quote(suggestions)
    words_new, made_new = _made(suggestions)
    assert words_new["en"] != words_again["en"] and made_new["en"] != made["en"]
    assert made_new["ru"] == made["ru"]


def test_the_stems_a_save_changed_are_those_whose_weight_or_holders_moved(suggestions: Path):
    data = load_dataset(suggestions)
    made = profiles.make(data, profiles.word_prints(data))
    assert made.changed_since("en", made.fingerprints["en"]) == frozenset()
    quote(suggestions)  # "The Bank of Russia held its key rate at 21 percent on June 6." under key_rate
    data = load_dataset(suggestions)
    after = profiles.make(data, profiles.word_prints(data))
    changed = after.changed_since("en", made.fingerprints["en"])
    assert changed is not None and "held" in changed and "bank" not in changed  # key_rate held "bank" already
    for stem in changed:
        was = (made.weights["en"].get(stem), made.holders["en"].stems.get(stem))
        assert was != (after.weights["en"].get(stem), after.holders["en"].stems.get(stem))
    assert after.changed_since("ru", made.fingerprints["ru"]) == frozenset()


def test_what_a_fingerprint_was_made_of_is_unknown_when_not_kept_or_the_names_changed(suggestions: Path):
    data = load_dataset(suggestions)
    made = profiles.make(data, profiles.word_prints(data))
    assert made.changed_since("en", "a fingerprint never made") is None
    path = suggestions / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Official inflation", "Inflation, official"), "utf-8")
    data = load_dataset(suggestions)
    renamed = profiles.make(data, profiles.word_prints(data))
    assert renamed.changed_since("en", made.fingerprints["en"]) is None
