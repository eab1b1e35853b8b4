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


def value_lines(value: str, width: int, room: float) -> tuple[int, list[str]]:
    """The largest size, and the lines, at which a tile's value fits `width` pixels and, from its baseline up, `room`:
    a figure on one line as before (64, 44 or 30 px by its length); a qualitative finding's words wrapped, not cut."""
    first = min(64 if len(value) <= 8 else 44 if len(value) <= 13 else 30, int(room * 4 // 3))
    if len(value) <= 13 or em_width(value) * first <= width:
        return first, [value]
    for size in (s for s in (30, 26, 22, 20, 18, 16, 14, 13) if s <= first):
        lines = wrap_ems(value, width / size)
        if 0.75 * size + (len(lines) - 1) * round(size * 1.15) <= room:
            return size, lines
    return 12, wrap_ems(value, width / 12)


def em_width(text: str) -> float:
    """A bold sans line's width in ems, erring wide (capitals and w, m wider; spaces, stops and i, l narrower)."""
    return sum(0.9 if c in "MWmw" else 0.75 if c.isupper() else 0.35 if c in " .,;:'’!|iljtf()" else 0.62 for c in text)


def wrap_ems(text: str, ems: float) -> list[str]:
    """`text` in lines of at most `ems` ems each, broken at spaces (a word wider than a line stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and em_width(f"{lines[-1]} {word}") <= ems:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [text]
