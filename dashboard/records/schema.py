"""The records' shape: pydantic models of a source, an observation and an indicator, and their JSON Schema."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError

from dashboard.evidence import language as languages
from dashboard.problems import ACCEPTABLE, CODES
from dashboard.records.calendar import PERIOD_PATTERN, period_bounds

#: Categories fixed here so that colours, filters and charts agree everywhere.
CATEGORIES = ("prices", "monetary", "banking", "fiscal", "reserves", "energy", "sanctions", "war")
Category = Literal["prices", "monetary", "banking", "fiscal", "reserves", "energy", "sanctions", "war"]
Qualifier = Literal["exact", "about", "nearly", "over", "under", "up_to"]
Trend = Literal["rising", "falling", "steady"]
HigherIs = Literal["worse", "better", "neutral"]
#: What kind of text a source is, as its publisher makes plain; charts tell an official release from reports of it.
SOURCE_KINDS = {
    "official": "the body that produces the figure: a central bank, ministry or statistics office",
    "news": "a news outlet's report",
    "analysis": "a think tank, research or opinion piece",
    "blog": "a blog or personal page",
}

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SNAKE_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class StrictModel(BaseModel):
    """Base of every record: unknown keys are errors, so a typo fails instead of vanishing."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _as_period(value: Any) -> Any:
    """Accept a bare year (YAML reads `2025` as a number) and check that the period is a real one."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not re.match(PERIOD_PATTERN, value):
        raise PydanticCustomError(
            "bad_period",
            "period '{period}' is not YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or FROM..TO",
            {"period": value},
        )
    try:
        period_bounds(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "bad_period", "period '{period}': {why}", {"period": value, "why": str(exc)}
        ) from None
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("bad_date", "'{date}' is not a date YYYY-MM-DD", {"date": value}) from None
    return value


def _as_update_period(value: Any) -> Any:
    """Accept only a whole number of days above zero: 45.5, "45", true or 0 is a typo, not a cadence."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PydanticCustomError(
            "bad_update_period",
            "'{value}' is not a whole number of days above zero (e.g. 45 for eight times a year)",
            {"value": value},
        )
    return value


Period = Annotated[str, BeforeValidator(_as_period), Field(pattern=PERIOD_PATTERN)]
"""A time a figure describes: YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD, or FROM..TO of those."""
DateText = Annotated[str, BeforeValidator(_as_date), Field(pattern=DATE_PATTERN)]
"""A calendar date written YYYY-MM-DD (kept as text: YAML dates never become objects)."""
UpdatePeriod = Annotated[int, Field(ge=1), BeforeValidator(_as_update_period)]
"""How many days apart the publisher usually issues a new figure: a whole number above zero."""
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
"""A short lowercase id with hyphens, e.g. `wapo-2025-05`."""
SnakeId = Annotated[str, Field(pattern=SNAKE_PATTERN, max_length=64)]
"""A snake_case id, e.g. `key_rate`."""
ProblemCode = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64)]
"""A kebab-case problem code, e.g. `sign-mismatch`."""
Text = Annotated[str, Field(min_length=1, max_length=2000)]
WebAddress = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)]
"""An http(s) address with no spaces in it."""


def _known_language(code: str) -> str:
    if code not in languages.codes():
        known = ", ".join(languages.codes())
        raise PydanticCustomError("invalid_language", "language must be one of {known}", {"known": known})
    return code


#: An ISO 639-1 code of a language the program reads (one module each in dashboard/evidence/languages/).
LanguageCode = Annotated[
    str, AfterValidator(_known_language), Field(json_schema_extra={"enum": languages.codes()}, max_length=8)
]
"""A non-empty line of prose."""


def _known_kind(kind: str) -> str:
    if kind not in SOURCE_KINDS:
        known = "; ".join(f"{k} ({meaning})" for k, meaning in SOURCE_KINDS.items())
        raise PydanticCustomError(
            "invalid_kind", "'{kind}' is not a kind of source; use one of {known}", {"kind": kind, "known": known}
        )
    return kind


SourceKind = Annotated[
    str, AfterValidator(_known_kind), Field(json_schema_extra={"enum": list(SOURCE_KINDS)}, max_length=16)
]
"""One of SOURCE_KINDS: official, news, analysis or blog."""


class Source(StrictModel):
    """One stored text and what is known of where it comes from."""

    id: Slug = Field(description="Short slug used by observations, e.g. wapo-2025-05.")
    file: Text = Field(description="Path of the stored text, under seeds/.")
    title: Text = Field(description="The text's headline, or a neutral description when it has none.")
    title_basis: Literal["stated", "supplied"] = Field(
        "stated", description="stated: the text carries this headline; supplied: the curator wrote it."
    )
    publisher: Text | None = Field(None, description="The outlet whose text it is; left out when unknown.")
    author: Text | None = Field(None, description="Byline, only where the text names one.")
    reports: Text | None = Field(None, description="The outlet whose reporting the text retells.")
    derived_from: Slug | None = Field(None, description="Id of another stored text that this one rewrites.")
    kind: SourceKind | None = Field(
        None,
        description="What kind of text it is, where the publisher makes it plain: "
        + "; ".join(f"{k}: {v}" for k, v in SOURCE_KINDS.items())
        + ". Left out when unknown.",
    )
    published: DateText = Field(description="Publication date, YYYY-MM-DD.")
    published_basis: Literal["stated", "inferred"] = Field(
        description="stated: the text carries the date; inferred: worked out from the events it dates."
    )
    published_reason: Text | None = Field(None, description="Why that date, when it is inferred.")
    title_translation: Text | None = Field(
        None,
        description="The curator's English rendering of a title not in English; never checked against the text, "
        "and always shown marked as the curator's translation.",
    )
    note: Text | None = Field(None, description="Anything a reader should know about the text's origin.")
    language: LanguageCode | None = Field(
        None, description="ISO 639-1 code of the text's language; detected from the text when left out."
    )
    url: WebAddress | None = Field(None, description="Where the page was published or fetched, when it is known.")
    retrieved: DateText | None = Field(None, description="The day the text was fetched or added, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _reason_when_inferred(self) -> Source:
        if self.published_basis == "inferred" and not self.published_reason:
            raise PydanticCustomError(
                "missing_reason", "published_basis is inferred, so give a one-line published_reason"
            )
        return self


def _accept_schema(schema: dict[str, Any]) -> None:
    """`accept` for editors: a mapping of each acceptable code (with its hint) to a reason, and nothing else."""
    reason = {"type": "string", "minLength": 1, "maxLength": 2000}
    codes = {
        code: {**reason, "description": f"Why {code} is right here. The check says: {CODES[code]}"}
        for code in ACCEPTABLE
    }
    schema.pop("anyOf")
    schema.update(type="object", properties=codes, additionalProperties=False)


class Observation(StrictModel):
    """One figure or finding, as one stored text states it."""

    value: Annotated[float, Strict(), Field(allow_inf_nan=False)] | None = Field(
        None, description="The number; absent for a qualitative finding."
    )
    unit: Annotated[str, Field(min_length=1, max_length=60)] | None = Field(
        None,
        description="The scale the text states the value in when it is not the indicator's, e.g. 'billion rubles' "
        "under an indicator in trillion rubles, or 'млрд руб.'; the value stays as the text states it.",
    )
    qualifier: Qualifier = Field("exact", description="The text's own hedge word for the number.")
    period: Period = Field(description="What time the figure describes.")
    period_basis: Literal["stated", "chosen"] = Field(
        "stated",
        description="stated: the text names this period; chosen: the curator picked it (e.g. 'used to' read as "
        "2021), and readers see it marked as chosen.",
    )
    source: Slug = Field(description="An id in data/sources.yaml.")
    quote: Text = Field(description="The sentence that states it, verbatim from the stored text.")
    status: Text | None = Field(None, description="Short finding, required when there is no value.")
    trend: Trend | None = Field(None, description="Direction the text reports.")
    derived: Text | None = Field(None, description="How the value was obtained when it is not literally in the quote.")
    note: Text | None = Field(None, description="Anything else a reader should know.")
    translation: Text | None = Field(
        None,
        description="The curator's English rendering of a quote not in English; never checked against the text, "
        "and always shown marked as the curator's translation.",
    )
    # NOTE: any kebab-case key is read, so that naming an error or an unknown code gets its own message
    # (accept-refused, from the dataset) rather than a bare schema error; the JSON Schema lists the acceptable ones.
    accept: dict[ProblemCode, Text] | None = Field(
        None,
        description="Warnings and notices a curator has checked on this record, code → reason, e.g. "
        "{sign-mismatch: 'the text calls a smaller loss a fall'}. Errors cannot be accepted.",
        json_schema_extra=_accept_schema,
    )

    @model_validator(mode="after")
    def _status_when_qualitative(self) -> Observation:
        if self.value is None and not self.status:
            raise PydanticCustomError(
                "missing_status", "an observation without a value needs a status (e.g. 'record losses')"
            )
        return self


class Indicator(StrictModel):
    """A quantity or finding tracked over time, with every observation of it."""

    id: SnakeId = Field(description="snake_case, unique.")
    name: Text = Field(description="Human name, as a chart shows it.")
    category: Category = Field(description="One of: " + ", ".join(CATEGORIES) + ".")
    unit: Annotated[str, Field(max_length=60)] = Field(description="Unit of value, e.g. %, km², conscripts.")
    higher_is: HigherIs = Field(description="Whether a higher value is worse or better for Russia's finances.")
    description: Text = Field(description="What it measures, in a sentence.")
    note: Text | None = Field(None, description="Anything else a reader should know.")
    # NOTE: set only where the publisher's cadence is known; `note` says where it comes from (none means never stale).
    update_period_days: UpdatePeriod | None = Field(
        None,
        description="How often the figure is expected to change, in days (the Bank of Russia sets its key rate "
        "eight times a year: 45; a monthly figure: 31; a quarterly one: 92); past that age a figure is stale.",
    )
    observations: list[Observation] = Field(min_length=1, description="Each text's statement of it.")


class IndicatorsFile(StrictModel):
    """indicators.yaml as a whole."""

    indicators: list[Indicator]


class SourcesFile(StrictModel):
    """data/sources.yaml as a whole."""

    sources: list[Source]


def json_schema(model: type[BaseModel]) -> dict:
    """The model's JSON Schema in draft 7, the dialect YAML editor extensions read."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    out = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
    if definitions:
        out["definitions"] = definitions
    return out


class Dismissal(StrictModel):
    """A figure mention set aside on purpose, so that coverage measures judgement rather than noise."""

    source: Slug = Field(description="An id in data/sources.yaml.")
    quote: Text = Field(
        description="Words around the mention, verbatim from the stored text; every mention inside is dismissed."
    )
    reason: Text = Field(description="Why it is not a figure to cite, e.g. 'not about finances or the war'.")


class DismissedFile(StrictModel):
    """data/dismissed.yaml as a whole."""

    dismissed: list[Dismissal]
