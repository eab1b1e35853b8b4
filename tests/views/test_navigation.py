"""The history fix every page installs: our own fixed script, which turns Streamlit's second push into a replace."""

from __future__ import annotations

from dashboard.views.navigation import HISTORY_FIX, PAGE, PAGES


def test_the_history_fix_is_a_fixed_script_that_replaces_the_second_push():
    assert HISTORY_FIX.startswith("<script>") and HISTORY_FIX.endswith("</script>")
    assert "history.replaceState" in HISTORY_FIX and "__dashboardHistoryFix" in HISTORY_FIX
    assert "{" in HISTORY_FIX and "%" not in HISTORY_FIX, "no data text is formatted into it"


def test_every_page_has_its_script():
    assert [slug for slug, _, _ in PAGES] == ["overview", "indicator", "sources", "quality"]
    assert PAGE["indicator"] == "views/indicator.py"
