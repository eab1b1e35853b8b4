"""The indicator whose words a candidate's clause shares most, found by a search over bit sets of indicators.

Scoring every indicator for every candidate cost 50,000 candidates × 1,000 indicators at desk scale (ten minutes);
here each word stem of a language has the set of indicators holding it as the bits of one integer, and a
branch-and-bound search splits the indicators by the clause's stems, heaviest first, dropping any part that cannot
beat the best found. The answer is the one scoring them all gives: a part's score is summed in the clause's order,
as scoring one indicator sums it, and a tie goes to the smaller id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: How far below the best a part's bound may be and still be searched: its bound is summed in another order than
#: its score, so it may differ in the last bits.
_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Holders:
    """One language's indicators as bits (bit n is the n-th id in sorted order), and the bits holding each stem."""

    ids: tuple[str, ...]
    stems: dict[str, int]
    #: The bits of the indicators whose unit is "%" (a figure's kind decides which units fit it).
    percent: int
    everyone: int


def holders_of(profiles: Mapping[str, Iterable[str]], percent: set[str]) -> Holders:
    """The bit sets of one language's profiles (indicator id → its stems); `percent` names the "%" indicators."""
    ids = tuple(sorted(profiles))
    stems: dict[str, int] = {}
    pct = 0
    for n, indicator_id in enumerate(ids):
        bit = 1 << n
        for stem in profiles[indicator_id]:
            stems[stem] = stems.get(stem, 0) | bit
        if indicator_id in percent:
            pct |= bit
    return Holders(ids, stems, pct, (1 << len(ids)) - 1)


def best(holders: Holders, words: list[tuple[str, float]], groups: list[tuple[int, float]]) -> tuple[float, str] | None:
    """The highest (score, id) over the indicators of `groups` (bits, and the factor their scores are multiplied by).

    `words` are the clause's stems and their weights in the clause's order; an indicator scores the sum of the
    weights of the stems it holds, times its group's factor. None when the groups hold no indicator.
    """
    ranked = sorted(range(len(words)), key=lambda k: -words[k][1])
    weights = [words[k][1] for k in ranked]
    masks = [holders.stems.get(words[k][0], 0) for k in ranked]
    rest = [0.0] * (len(ranked) + 1)
    for j in range(len(ranked) - 1, -1, -1):
        rest[j] = rest[j + 1] + weights[j]
    slack = _SLACK * max(1.0, rest[0])
    top: tuple[float, str] | None = None
    # NOTE: a stack, not recursion: each part runs down the stems its indicators hold, leaving the rest for later.
    stack = [(bits, 0, 0.0, 0, factor) for bits, factor in reversed(groups) if bits]
    while stack:
        node, j, partial, chosen, factor = stack.pop()
        while j < len(ranked):
            if top is not None and (partial + rest[j]) * factor < top[0] - slack:
                break
            held = node & masks[j]
            if held:
                if held != node:
                    stack.append((node ^ held, j + 1, partial, chosen, factor))
                node, partial, chosen = held, partial + weights[j], chosen | 1 << ranked[j]
            j += 1
        else:
            # NOTE: every indicator in `node` holds exactly the stems in `chosen`, so they score alike; the first id
            # (the lowest bit) wins.
            score = sum(w for k, (_, w) in enumerate(words) if chosen >> k & 1) * factor
            ident = holders.ids[(node & -node).bit_length() - 1]
            if top is None or score > top[0] or (score == top[0] and ident < top[1]):
                top = (score, ident)
    return top
