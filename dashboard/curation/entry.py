"""The new source's data/sources.yaml entry: drafted from what the page states, rendered, and appended byte-safely."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field

from dashboard.curation.metadata import Metadata
from dashboard.problems import escape_unsafe

#: The reason an inferred date carries when the curator gave it (`--published`).
CURATOR_REASON = "given by the curator"
#: Where a missing required field's origin is looked for, and the option that supplies it, for the refusal.
REQUIRED = {
    "title": ("headline (og:title, JSON-LD headline, twitter:title)", "--title 'THE HEADLINE'"),
    "published": (
        "publication date (article:published_time, JSON-LD datePublished, <meta name=date>)",
        "--published YYYY-MM-DD",
    ),
}
#: Width of the comment above an entry, so that it reads in an editor without scrolling.
COMMENT_WIDTH = 100
#: An entry's item line in a sources.yaml, to copy its indentation.
_ITEM = re.compile(r"^( *)- +id:", re.MULTILINE)


@dataclass
class Draft:
    """The entry's fields in the order they are written, and where each came from, for the comment above it."""

    fields: dict[str, str] = field(default_factory=dict)
    origins: list[str] = field(default_factory=list)


def missing_fields(meta: Metadata, title: str | None, published: str | None) -> list[str]:
    """The required fields neither the page states nor the curator gave."""
    given = {"title": title, "published": published}
    return [name for name in REQUIRED if not given[name] and name not in meta.values]


def missing_message(missing: list[str]) -> str:
    """One line asking for what is missing: `the page states no headline (…); give --title 'THE HEADLINE'`."""
    wanted = [REQUIRED[name][0] for name in missing]
    options = [REQUIRED[name][1] for name in missing]
    return f"the page states no {' and no '.join(wanted)}; give {' and '.join(options)}"


def draft_entry(
    meta: Metadata,
    *,
    sid: str,
    file: str,
    retrieved: str,
    language: str,
    language_origin: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Draft:
    """The entry: stated fields from the markup, the curator's own marked as supplied or inferred."""
    draft = Draft()
    out, stated = draft.fields, meta.values
    out["id"], out["file"] = sid, file
    if title:
        out["title"], out["title_basis"] = title, "supplied"
        draft.origins.append("title given by the curator (--title)")
    else:
        out["title"] = stated["title"]
        draft.origins.append(f"title from {meta.origins['title']}")
    for name in ("publisher", "author"):
        if name in stated:
            out[name] = stated[name]
            draft.origins.append(f"{name} from {meta.origins[name]}")
    if published:
        out["published"], out["published_basis"], out["published_reason"] = published, "inferred", CURATOR_REASON
        draft.origins.append("published given by the curator (--published)")
    else:
        out["published"], out["published_basis"] = stated["published"], "stated"
        draft.origins.append(f"published from {meta.origins['published']}")
    page_url = stated.get("url")
    if url or page_url:
        out["url"] = url or page_url or ""
        draft.origins.append("url " + ("as given" if url else f"from {meta.origins['url']}"))
    out["retrieved"], out["language"] = retrieved, language
    draft.origins.append(f"language {language_origin}")
    return draft


def render_entry(draft: Draft, indent: str, when: str, where: str) -> str:
    """The entry as YAML lines at the list's indentation, with a comment above saying what was read from where."""
    # NOTE: each origin is kept on one line (textwrap breaks at spaces only, not at no-break spaces).
    origins = "; ".join(_one_line(origin).replace(" ", "\u00a0") for origin in draft.origins)
    comment = f"added by add-source on {when} from {_one_line(where)}: {origins}."
    wrapped = textwrap.wrap(comment, COMMENT_WIDTH, break_on_hyphens=False, break_long_words=False)
    lines = [f"{indent}# {line.replace(chr(0xA0), ' ')}" for line in wrapped]
    for i, (name, value) in enumerate(draft.fields.items()):
        lead = f"{indent}- " if i == 0 else f"{indent}  "
        lines.append(f"{lead}{name}: {_scalar(name, value)}")
    return "\n".join(lines) + "\n"


def list_indent(sources_text: str) -> str:
    """The indentation of the existing entries (`  ` in the project's file), two spaces when there are none."""
    match = _ITEM.search(sources_text)
    return match.group(1) if match else "  "


def append_entry(sources_text: str, block: str) -> tuple[str, int]:
    """The file with the block appended after a blank line, every existing byte kept; and the block's first line."""
    if not sources_text:
        sources_text = "sources:\n"
    sep = "" if sources_text.endswith("\n\n") else "\n" if sources_text.endswith("\n") else "\n\n"
    head = sources_text + sep
    return head + block, head.count("\n") + 1


def _scalar(name: str, value: str) -> str:
    """A value as YAML: a plain word where it cannot be misread, else a double-quoted (JSON) string."""
    if name in ("id", "file", "title_basis", "published_basis", "language"):
        return value
    # NOTE: a JSON string is a valid YAML double-quoted scalar; the dates are quoted so YAML keeps them as text.
    return json.dumps(value, ensure_ascii=False)


def _one_line(text: str) -> str:
    """The text on one line with nothing invisible in it, safe inside a YAML comment."""
    return escape_unsafe(" ".join(text.split()))
