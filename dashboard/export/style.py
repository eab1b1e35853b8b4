"""The briefing sheet's type: one pinned font and the sizes it changes in the charts' own config."""

from __future__ import annotations

import copy

#: vl-convert vendors Liberation Sans, so pinning it gives the same text metrics on every machine.
FONT = "Liberation Sans"
#: The rates chart's y-axis labels, fixed to this extent so its plot lands at the same x whatever the labels say.
RATES_AXIS = 280
#: The sheet's text marks' size, a little larger than the charts' 12 px for a projector.
TEXT_PX = 14
#: What the sheet changes in the charts' own config: the pinned font and type a little larger for a projector.
SHEET_CONFIG = {
    "font": FONT,
    "background": "white",
    "title": {"font": FONT, "subtitleFont": FONT, "fontSize": 21, "subtitleFontSize": 15},
    "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 14, "titleFontSize": 14},
    "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 14, "titleFontSize": 14},
    "text": {"font": FONT, "fontSize": TEXT_PX},
    "axisY": {"minExtent": RATES_AXIS, "maxExtent": RATES_AXIS},
}


def sheet_config(chart_config: dict) -> dict:
    """The charts' own config with the sheet's changes merged in, key by key."""
    merged = copy.deepcopy(chart_config)
    for key, value in SHEET_CONFIG.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged
