"""Edits on disk in Chromium: a save shows on the open page; markup in the data is shown as text, never run."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from tests.browser.support import ARTIFACTS, KEY_RATE_BAR, TILE_LABEL, finish
from tests.helpers import PAYLOAD, payload_indicator

pytestmark = pytest.mark.browser


def test_saving_the_yaml_changes_the_open_page(scratch_server, open_page):
    url, root = scratch_server
    page, _ = open_page(url)
    page.wait_for_selector(KEY_RATE_BAR, timeout=60_000)
    # The tiles are filled after the chart is sent, so the chart can paint before them.
    page.locator(TILE_LABEL).filter(has_text="Bank of Russia key rate").wait_for(timeout=15_000)
    path = root / "indicators.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("name: Bank of Russia key rate", "name: Key rate (edited live)"), "utf-8")
    saved = time.monotonic()
    page.locator(TILE_LABEL).filter(has_text="Key rate (edited live)").wait_for(timeout=15_000)
    seen = time.monotonic() - saved
    (ARTIFACTS / "live-reload.txt").write_text(f"indicators.yaml saved → tile changed in {seen:.2f} s\n")
    path.write_text(original, "utf-8")
    page.locator(TILE_LABEL).filter(has_text="Bank of Russia key rate").wait_for(timeout=15_000)
    page.close()


def _record_checksum(root: Path, seed: Path) -> None:
    """Record the stored text's new checksum, as a curator adding to seeds/ does (else it is `source-changed`)."""
    sums = root / "data" / "seeds.sha256"
    name = f"seeds/{seed.name}"
    lines = [line for line in sums.read_text("utf-8").splitlines() if not line.endswith(f"  {name}")]
    lines.append(f"{hashlib.sha256(seed.read_bytes()).hexdigest()}  {name}")
    sums.write_text("\n".join(lines) + "\n", "utf-8")


def test_markup_in_the_data_is_shown_as_text(scratch_server, open_page):
    url, root = scratch_server
    seed = root / "seeds" / "001_ec0ce2dff5c88c0f.txt"
    with seed.open("a", encoding="utf-8") as out:
        out.write("\n" + PAYLOAD + "\n")
    _record_checksum(root, seed)
    with (root / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + payload_indicator("wapo-2025-05"))
    page, dialogs = open_page(url + "/?indicator=payload_probe")
    heading = page.locator("h1", has_text="Probe")
    heading.wait_for(timeout=30_000)
    assert heading.inner_text() == PAYLOAD
    highlight = page.locator(".stMarkdownColoredBackground", has_text="Probe")
    assert highlight.first.inner_text() == PAYLOAD
    live = "[data-testid='stMain'] img[src='x'], [data-testid='stMain'] a[href^='javascript']"
    assert page.locator(live).count() == 0
    assert page.locator("[data-testid='stMain'] .katex").count() == 0
    finish(page, "payload-1280.png", dialogs)
