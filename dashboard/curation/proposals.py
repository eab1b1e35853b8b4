"""The suggested indicator, and a new one proposed for a figure no existing indicator fits (its id, name and unit)."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from dashboard.curation import features
from dashboard.curation.features import stem_of
from dashboard.curation.mentions import Mention
from dashboard.curation.naming import transliterate
from dashboard.evidence.language import Language


@dataclass(frozen=True, slots=True)
class IndicatorSuggestion:
    """An existing indicator (or a proposed new one, `new`) and the words of the candidate it was matched on."""

    id: str
    name: str
    because: tuple[str, ...]
    new: bool = False
    category: str = ""
    unit: str = ""

    def to_json(self) -> dict:
        """As plain data: id, name and because; a new one also with new, category and unit."""
        out: dict = {"id": self.id, "name": self.name, "because": list(self.because)}
        if self.new:
            out |= {"new": True, "category": self.category, "unit": self.unit}
        return out


#: Words of a proposed indicator's name, taken from just before the figure.
NAME_WORDS = 3


def propose(
    mention: Mention, clause: str, at: int, lang: Language, taken: Container[str]
) -> tuple[str, str, tuple[str, ...], str]:
    """A new indicator named from the finding's words or those just before the figure (at `at` of its `clause`), for
    the curator to rename: an id not in `taken`, the name, the words it was named from, and the unit."""
    # NOTE: a finding names what it is about in its own words ("growing budget deficit"); a number, just before.
    own = features.words(mention.text) if mention.value is None else features.words(clause[:at])[-NAME_WORDS:]
    before = [w for w in own if stem_of(w, lang) is not None][-NAME_WORDS:]
    named = before or [w for w in features.words(mention.unit or clause) if stem_of(w, lang) is not None][:1]
    name = " ".join(named) or mention.text
    base = "_".join(re.findall(r"[a-z0-9]+", transliterate(name)))[:40].strip("_") or "new_indicator"
    if not base[0].isalpha():
        base = f"indicator_{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    unit = "%" if mention.kind == "percent" else "qualitative" if mention.value is None else mention.unit or ""
    return candidate, name[:1].upper() + name[1:], tuple(named), unit
