"""The server's own watch on the files: a saved version is loaded and surveyed before any tab asks for it."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from dashboard import serve
from dashboard.views import preload


def test_the_launcher_and_the_app_name_the_same_switch():
    assert serve.PRELOAD_ENV == preload.ENV


def test_a_save_is_loaded_and_surveyed_once_and_a_second_watch_of_the_root_starts_no_thread(monkeypatch, tmp_path):
    monkeypatch.setattr(preload, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(preload, "unscanned", lambda texts: 0)
    version = ["a"]
    done = threading.Event()
    calls: list[tuple[str, str]] = []

    loaded = SimpleNamespace(data=SimpleNamespace(texts={}))  # the shape of app.Loaded that the watch reads

    def load(root: str, signature: str):
        calls.append(("load", signature))
        return loaded

    def survey(root: str, signature: str):
        calls.append(("survey", signature))
        done.set()

    root = str(tmp_path)
    preload.keep_loaded(root, lambda _path: version[0], load, survey)
    before = threading.active_count()
    preload.keep_loaded(root, lambda _path: version[0], load, survey)
    assert threading.active_count() == before, "one watch per root"
    time.sleep(0.05)
    assert calls == [], "nothing to do while the files are unchanged"
    version[0] = "b"
    assert done.wait(5)
    time.sleep(0.05)
    assert calls == [("load", "b"), ("survey", "b")]
