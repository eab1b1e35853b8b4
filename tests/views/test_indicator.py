"""The Indicator page with no indicator chosen lists them all, and a mistyped id is answered with the close match."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.helpers import REPO

APP = str(REPO / "dashboard" / "app.py")


def indicator_page(monkeypatch, project, **params: str) -> AppTest:
    monkeypatch.setenv("DASHBOARD_ROOT", str(project))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("views/indicator.py").run()


def test_with_nothing_chosen_every_indicator_is_listed_by_category(monkeypatch, project):
    at = indicator_page(monkeypatch, project)
    assert not at.exception
    assert [t.value for t in at.title] == ["Indicators"]
    assert [s.value for s in at.subheader] == ["Prices", "Monetary", "Energy"]
    links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    assert ("Key rate", "indicator=key_rate") in links, links


def test_a_mistyped_id_is_answered_with_the_close_match(monkeypatch, project):
    at = indicator_page(monkeypatch, project, indicator="key_rat")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "No indicator with the id ‘key\\_rat’. Did you mean ‘Key rate’ (`key_rate`)? Choose one below."
    ]
