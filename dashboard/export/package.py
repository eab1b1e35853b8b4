"""A deck's file made reproducible: document properties set from the data, and fixed dates on every zip member."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.presentation import Presentation

#: Who the document properties name as author and last editor: the program, not whoever ran it.
AUTHOR = "Russia's wartime finances dashboard"
#: The earliest date a zip member can carry; used when the data has no dated source.
ZIP_EPOCH = dt.datetime(1980, 1, 1)


def set_properties(prs: Presentation, title: str, subject: str, when: dt.datetime) -> None:
    """Every core property python-pptx's template would otherwise fill (its title, its author, the save time)."""
    props = prs.core_properties
    props.title, props.subject, props.author, props.last_modified_by = title, subject, AUTHOR, AUTHOR
    props.keywords, props.category, props.content_status = "", "", ""
    props.comments = "Every figure quotes its source in the speaker notes."
    props.created = props.modified = props.last_printed = when
    props.revision = 1


def data_time(published: str | None) -> dt.datetime:
    """The data's as-of date (`YYYY-MM-DD`) as midnight, so the file's dates follow the data, not the clock."""
    return dt.datetime.fromisoformat(published) if published else ZIP_EPOCH


def stable_bytes(prs: Presentation, when: dt.datetime) -> bytes:
    """The saved deck with every zip member dated `when`: python-pptx stamps the save time there."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    stamp = max(when, ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16  # an ordinary file, whatever umask the saver ran under
            target.writestr(fixed, source.read(member.filename))
    return out.getvalue()
