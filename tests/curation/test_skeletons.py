"""The skeletons' own pieces (the skeletons themselves are tested with the survey, in test_candidates.py)."""

import json

from hypothesis import given
from hypothesis import strategies as st

from dashboard.curation.skeletons import _quoted


@given(st.text())
def test_a_quoted_text_is_json_dumps_of_it(text: str):
    assert _quoted(text) == json.dumps(text, ensure_ascii=False)
