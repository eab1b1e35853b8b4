"""The bit-set search for the best indicator gives what scoring every indicator gives, ties and factors included."""

import random

import pytest

from dashboard.curation.ranking import best, holders_of


def score_every_indicator(profiles, percent, words, factors):
    """The rule as suggestions.py first wrote it: every indicator scored, sorted by score and then id."""
    scored = []
    for indicator_id, profile in profiles.items():
        shared = [w for s, w in words if s in profile]
        scored.append((sum(shared) * factors[indicator_id in percent], indicator_id))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored[0] if scored else None


@pytest.mark.parametrize("seed", range(200))
def test_the_search_finds_what_scoring_every_indicator_finds(seed):
    rng = random.Random(seed)
    vocabulary = [f"stem{n}" for n in range(rng.randint(1, 30))]
    # NOTE: few distinct weights, so that equal scores (won by the smaller id) turn up often.
    weight = {s: rng.choice([0.69, 1.1, 1.39, 2.3, 3.0]) for s in vocabulary}
    profiles = {
        f"ind_{rng.randint(0, 999):03d}": set(rng.sample(vocabulary, rng.randint(0, len(vocabulary))))
        for _ in range(rng.randint(0, 60))
    }
    percent = {i for i in profiles if rng.random() < 0.4}
    clause = rng.sample(vocabulary, rng.randint(0, len(vocabulary)))
    words = [(s, weight[s] * rng.choice([1.0, 2.0])) for s in clause]
    factors = {True: rng.choice([1.0, 0.5]), False: rng.choice([1.0, 0.5])}
    holders = holders_of(profiles, percent)
    groups = [(holders.percent, factors[True]), (holders.everyone & ~holders.percent, factors[False])]
    groups.sort(key=lambda group: -group[1])
    assert best(holders, words, groups) == score_every_indicator(profiles, percent, words, factors)


def test_a_language_with_no_indicators_has_no_best():
    holders = holders_of({}, set())
    assert best(holders, [], [(holders.everyone, 1.0)]) is None


def test_a_clause_sharing_no_word_scores_zero_for_the_first_id():
    holders = holders_of({"b": {"x"}, "a": {"y"}}, set())
    assert best(holders, [], [(holders.everyone, 1.0)]) == (0.0, "a")
