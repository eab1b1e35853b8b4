"""Chart data: the filtered observations shaped into the small table each Overview chart draws (pure pandas)."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from dashboard.records.calendar import period_bounds
from dashboard.records.dataset import Dataset
from dashboard.records.schema import CATEGORIES
from dashboard.tables.display import format_date, format_period, format_value, source_label, value_labels
from dashboard.tables.frames import mark_independent

STRESS_CATEGORIES = ("banking", "fiscal", "reserves", "energy")
RATE_IDS = ("key_rate", "official_inflation", "consumer_price_growth")
# Caps that keep each chart readable and its inline data far under Altair's 5,000-row limit at 10,000 indicators.
#: Findings rows in the stress table (the most recently reported indicators).
STRESS_ROWS = 20
#: Threat rows (the most reported threats).
THREAT_ROWS = 8
#: Texts in the reporting timeline (the latest published).
TIMELINE_TEXTS = 20
#: Indicator rows in the corroboration grid (the most independently confirmed).
CORROBORATION_ROWS = 15
#: Text columns in the corroboration grid (those with the most dots); a row counts the rest under "other texts".
CORROBORATION_TEXTS = 8
#: Indicator names listed in a timeline bar's tooltip before "and N more".
TOOLTIP_NAMES = 4
# The columns the timeline and the corroboration grid read: the rest are not copied through their sorts and groups.
TIMELINE_FIELDS = ["source", "category", "name", "independent", "indicator_id", "published", "period_end"]
CORROBORATION_FIELDS = [
    "indicator_id", "source", "name", "category", "independent", "period", "period_end", "published",
    "value", "qualifier", "unit", "status", "derived", "period_basis",
    "stated_unit", "indicator_value", "stated_value", "source_kind",
]  # fmt: skip
# NOTE: the last four are read where the frame has them (a converted figure's label); tests' frames may not.


#: How the corroboration chart names each kind of source (data/sources.yaml `kind`); an official release is drawn apart.
TEXT_KINDS = {"official": "official release", "news": "news report", "analysis": "analysis", "blog": "blog"}
#: The Vega test of a corroboration cell drawn square: the official release itself, not a report of it.
OFFICIAL = f"datum.text_kind == '{TEXT_KINDS['official']}'"
#: The fields each corroboration dot carries into the chart.
CORROBORATION_CELLS = [
    "indicator_id", "row", "column", "category", "independent", "kind", "text_kind", "label", "period_label",
]  # fmt: skip


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its latest observation; for the same period an independent text beats a retelling."""
    if frame.empty:
        return frame
    ordered = frame.assign(_own=frame["derived_from"].isna()).sort_values(
        ["period_end", "_own", "published"], na_position="first", kind="stable"
    )
    return ordered.groupby("indicator_id", observed=True).tail(1).drop(columns="_own")


def shown(frame: pd.DataFrame, data: Dataset | None = None, labels: bool = True) -> pd.DataFrame:
    """Verified rows with `independent` (from the whole dataset) and, unless `labels` is False, `labelled`'s columns.

    The charts pass labels=False and label only the few rows they keep: formatting is per row, in Python.
    """
    # NOTE: no copies: pandas 3's copy-on-write keeps `frame` intact, and with every row verified it is not filtered.
    out = frame if "verified" not in frame or frame["verified"].all() else frame[frame["verified"]]
    if "independent" not in out:
        if data is None:
            raise ValueError("rows without an `independent` column need the dataset: pass data, or use frames'")
        out = mark_independent(out, data)
    out = out.assign(category=out["category"].astype(str))
    if "indicator_value" in out and "stated_value" not in out:
        # NOTE: charts draw every figure in its indicator's unit; stated_value keeps the text's own for the labels.
        out = out.assign(stated_value=out["value"], value=out["indicator_value"])
    return labelled(out) if labels else out


def labelled(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with their mark `label` (`≈10%`: hedge sign, number, unit or status), the tooltip's `said` (`nearly
    10%`: the hedge as a word) and `period_label` (`2021*` when the curator chose the period)."""
    periods = rows["period"].astype(str)
    basis = rows["period_basis"] if "period_basis" in rows else pd.Series("stated", index=rows.index)
    pairs = list(zip(periods, basis.astype(str), strict=True))
    names = {pair: format_period(*pair) for pair in dict.fromkeys(pairs)}
    return rows.assign(
        label=value_labels(rows), said=value_labels(rows, words=True), period_label=[names[p] for p in pairs]
    )


def text_labels(ids: list[str], data: Dataset, dated: bool = True) -> dict[str, str]:
    """`2 May 2025 · The Gazette` (or just the credit) per text id, dated and then id-tagged where two read alike."""
    labels = {}
    for s in ids:
        source = data.sources.get(s)
        date = format_date(source.published, source.published_basis == "inferred") if source else "undated"
        labels[s] = (f"{date} · " if dated else "") + source_label(source, data.sources, kind=True)
    if not dated and len(set(labels.values())) < len(labels):
        return text_labels(ids, data, dated=True)
    repeated = pd.Series(labels, dtype=object).duplicated(keep=False)
    return {s: f"{label} [{s}]" if repeated[s] else label for s, label in labels.items()}


def rates_frame(frame: pd.DataFrame, data: Dataset | None = None) -> pd.DataFrame:
    """Key rate, official inflation and the consumer-price estimate, and the real rate each inflation implies."""
    rows = latest(shown(frame[frame["indicator_id"].isin(RATE_IDS)], data))
    rows = rows[rows["value"].notna()]
    # NOTE: pandas-stubs types an itertuples field as any scalar; value is a float and name a str here.
    # NOTE: "(derived)" and the period share one bracket: `≈20%  (derived, May 2025)`, never two in a row.
    derived = {r.Index: "derived, " if isinstance(r.derived, str) and r.derived else "" for r in rows.itertuples()}
    out = [
        {"indicator_id": r.indicator_id, "row": r.name, "value": float(cast(float, r.value)),
         "label": f"{cast(str, r.label).removesuffix(' (derived)')}  ({derived[r.Index]}{r.period_label})",
         "said": f"{r.said}, {r.period_label}", "category": r.category, "kind": "reported", "source": r.source}
        for r in rows.itertuples()
    ]  # fmt: skip
    key = rows[rows["indicator_id"] == "key_rate"]
    for r in rows[rows["indicator_id"] != "key_rate"].itertuples():
        if key.empty or key.iloc[0]["period"] != r.period:
            continue
        hedged = "exact" if key.iloc[0]["qualifier"] == "exact" and r.qualifier == "exact" else "about"
        real = float(key.iloc[0]["value"]) - float(cast(float, r.value))
        what = cast(str, r.name).split(" (")[0].lower()
        out.append(
            {"indicator_id": "key_rate", "row": f"Real rate vs {what}", "value": real,
             "label": f"{format_value(real, hedged, '%')}  (derived: key rate − {what})",
             "said": f"{format_value(real, hedged, '%', words=True)} (derived: key rate − {what})",
             "category": "monetary", "kind": "derived", "source": r.source}
        )  # fmt: skip
    return pd.DataFrame(out, columns=["indicator_id", "row", "value", "label", "said", "category", "kind", "source"])


def _texts_label(independent: int, retold: int) -> str:
    text = f"{independent} text{'s' if independent != 1 else ''}"
    return f"{text} + {retold} retold" if retold else text


def stress_frame(frame: pd.DataFrame, data: Dataset | None = None, cap: int | None = None) -> pd.DataFrame:
    """The latest finding of each banking, fiscal, reserves and energy indicator (the `cap` most recent; `of` all)."""
    rows = shown(frame[frame["category"].astype(str).isin(STRESS_CATEGORIES)], data, labels=False)
    if rows.empty:
        return labelled(rows).assign(row=[], finding=[], texts=[], of=[])
    cap = STRESS_ROWS if cap is None else cap
    by_text = rows.groupby(["indicator_id", "source"], observed=True)["independent"].any().reset_index()
    own = by_text[by_text["independent"]].groupby("indicator_id")["source"].nunique()
    retold = by_text[~by_text["independent"]].groupby("indicator_id")["source"].nunique()
    last = latest(rows)
    total = len(last)
    last = last.sort_values(["period_end", "published", "name"], ascending=[False, False, True], kind="stable")
    last = labelled(last.head(cap))
    last["category_rank"] = last["category"].map(STRESS_CATEGORIES.index)
    last = last.sort_values(["category_rank", "name"])
    arrows = {"rising": "▲ rising", "falling": "▼ falling", "steady": "► steady"}
    last["row"] = last["name"]
    last["finding"] = [
        f"{label}  {arrows.get(trend, '')}".strip() if isinstance(trend, str) else label
        for label, trend in zip(last["label"], last["trend"], strict=True)
    ]
    last["texts"] = [_texts_label(own.get(i, 0), retold.get(i, 0)) for i in last["indicator_id"]]
    return last.assign(of=total)


def _first_of(credits: list[str]) -> str:
    """The first text's credit, and how many more texts report the same threat ("The Gazette + 1 more")."""
    return credits[0] + (f" + {len(credits) - 1} more" if len(credits) > 1 else "")


def threats_frame(frame: pd.DataFrame, data: Dataset, cap: int | None = None) -> pd.DataFrame:
    """Threatened sanctions tariffs: a row per threat and period (the `cap` most reported threats; `of` all)."""
    # NOTE: filtered before `shown`, which then copies only the threat rows (independence is the whole dataset's).
    rows = shown(
        frame[(frame["category"] == "sanctions") & (frame["unit"] == "%") & (frame["higher_is"] == "worse")],
        data,
        labels=False,
    )
    columns = ["indicator_id", "row", "period_start", "period_end", "level", "label", "said", "stated", "reported_by"]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "first_credit", "source", "period_label", "period", "span", "at", "of"])
    cap = THREAT_ROWS if cap is None else cap
    rank = rows.groupby("indicator_id").agg(n=("source", "size"), last=("period_end", "max"))
    keep = rank.sort_values(["n", "last"], ascending=False, kind="stable").head(cap).index
    out = []
    kept = labelled(rows[rows["indicator_id"].isin(keep)])
    for (ind, _period), group in kept.groupby(["indicator_id", "period"], sort=True):
        valued = group[group["value"].notna()]
        first = group.iloc[0]
        credits = [source_label(data.sources.get(s), data.sources, True) for s in dict.fromkeys(group["source"])]
        out.append(
            {"indicator_id": ind, "row": first["name"], "period_start": first["period_start"],
             "period_end": first["period_end"], "level": float(valued["value"].max()) if len(valued) else 0.0,
             "label": valued.iloc[0]["label"] if len(valued) else "level not stated",
             "said": valued.iloc[0]["said"] if len(valued) else "level not stated",
             "stated": "level stated" if len(valued) else "level not stated", "reported_by": "; ".join(credits),
             "first_credit": _first_of(credits),
             "source": list(dict.fromkeys(group["source"])), "period_label": first["period_label"],
             "period": first["period"], "span": ".." in str(first["period"])}
        )  # fmt: skip
    threats = pd.DataFrame(out)
    threats["at"] = period_points(threats["period"], kept["published"].max())
    return threats.explode("source").assign(of=len(rank))


def timeline_frame(frame: pd.DataFrame, data: Dataset, cap: int | None = None) -> pd.DataFrame:
    """Findings counted per text and category, for the `cap` latest texts (`of` all texts), in publication order."""
    rows = shown(frame, data, labels=False)[TIMELINE_FIELDS]
    columns = ["source", "row", "category", "count", "retold", "names", "indicator_id", "published"]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "of"])
    cap = TIMELINE_TEXTS if cap is None else cap
    texts = rows[["source", "published"]].drop_duplicates("source").sort_values(["published", "source"])
    keep = list(texts["source"].tail(cap))
    rows = rows[rows["source"].isin(keep)].sort_values(["name", "period_end"])
    labels = text_labels(keep, data)
    found: list[dict[str, Any]] = []
    for (source, category), group in rows.groupby(["source", "category"], sort=False):
        names = list(dict.fromkeys(group["name"]))
        more = len(names) - TOOLTIP_NAMES
        found.append(
            {"source": source, "row": labels[cast(str, source)], "category": category, "count": len(group),
             "retold": int((~group["independent"]).sum()),
             "names": "; ".join(names[:TOOLTIP_NAMES]) + (f"; and {more} more" if more > 0 else ""),
             "indicator_id": group["indicator_id"].iloc[0], "published": group["published"].iloc[0]}
        )  # fmt: skip
    out = pd.DataFrame(found, columns=columns)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_cat=out["category"].map(order)).sort_values(["published", "source", "_cat"]).drop(columns="_cat")
    return out.assign(of=len(texts))


def corroboration_frame(frame: pd.DataFrame, data: Dataset, minimum: int = 2, cap: int | None = None) -> pd.DataFrame:
    """Indicator × text cells for indicators stated by `minimum` or more texts (the `cap` most confirmed; `of` all).

    Only the CORROBORATION_TEXTS texts with the most cells get a column; `others` counts each row's remaining texts.
    """
    rows = shown(frame, data, labels=False)
    rows = rows[[c for c in CORROBORATION_FIELDS if c in rows.columns]]
    columns = [
        "indicator_id", "source", "row", "column", "category", "independent", "kind", "text_kind", "label",
        "period_label",
    ]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "count_label", "others", "published", "of"])
    cap = CORROBORATION_ROWS if cap is None else cap
    cells = rows.sort_values(["independent", "period_end"], ascending=False, kind="stable")
    independent = cells.groupby(["indicator_id", "source"])["independent"].any()
    cells = cells.drop_duplicates(["indicator_id", "source"]).set_index(["indicator_id", "source"])
    cells["independent"] = independent
    cells = cells.reset_index()
    text_counts = cells.groupby("indicator_id")["source"].nunique()
    if (text_counts >= minimum).any():
        cells = cells[cells["indicator_id"].map(text_counts) >= minimum]
    rank = cells.groupby("indicator_id").agg(
        own=("independent", "sum"), texts=("source", "size"), last=("published", "max"), name=("name", "first")
    )
    rank = rank.sort_values(["own", "texts", "last", "name"], ascending=[False, False, False, True], kind="stable")
    cells = labelled(cells[cells["indicator_id"].isin(rank.index[:cap])])
    by_text = cells.groupby("source").agg(n=("indicator_id", "size"), last=("published", "max"))
    texts = by_text.sort_values(["n", "last"], ascending=False, kind="stable").index[:CORROBORATION_TEXTS]
    others = cells[~cells["source"].isin(texts)].groupby("indicator_id")["source"].nunique()
    kept = cells[cells["source"].isin(texts)].sort_values(["published", "source"])["source"]
    # NOTE: a cell in a text beyond the first columns keeps its row (column empty) and counts under "others".
    cells["column"] = cells["source"].map(text_labels(list(dict.fromkeys(kept)), data, dated=False))
    cells["kind"] = cells["independent"].map({True: "independent report", False: "retells a text already counted"})
    given = cells["source_kind"] if "source_kind" in cells else pd.Series(None, index=cells.index, dtype=object)
    cells["text_kind"] = given.map(TEXT_KINDS).fillna("kind not stated")
    cells["row"] = cells["name"]
    cells["count_label"] = cells["indicator_id"].map(lambda i: f"{rank.loc[i, 'own']} independent")
    cells["others"] = cells["indicator_id"].map(others).fillna(0).astype(int)
    out = cells.sort_values(["published", "source", "name"])[[*columns, "count_label", "others", "published"]]
    return out.assign(of=len(rank))


def period_points(periods: pd.Series, as_of: str | None) -> list[str]:
    """Where each period is drawn: at its middle (a day at that day; a range at the middle of its last part, its bar
    showing the rest), never past the data's as-of date unless the period starts after it, so an April figure stands
    in April and not on May's gridline."""
    limit = pd.Timestamp(as_of) if as_of is not None else None
    points = []
    for period in periods.astype(str):
        start, end = (pd.Timestamp(d) for d in period_bounds(period.rpartition("..")[2]))
        point = start + (end - start) / 2
        if limit is not None and start <= limit < point:
            point = limit
        points.append(point.strftime("%Y-%m-%d"))
    return points


def indicator_frame(frame: pd.DataFrame, indicator_id: str, data: Dataset | None = None) -> pd.DataFrame:
    """One indicator's verified numeric observations, each placed at its period's middle (`at`), with its credit."""
    rows = shown(frame[(frame["indicator_id"] == indicator_id) & frame["value"].notna()], data)
    # NOTE: clamped to the as-of date the chart's footer gives, the latest publication among its rows.
    at = period_points(rows["period"], rows["published"].max() if len(rows) else None)
    return rows.assign(at=at, span=rows["period"].astype(str).str.contains(r"\.\.", regex=True))
