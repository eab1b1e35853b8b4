"""The article out of a page: trafilatura's main text, one paragraph a line, and whether any of it is prose."""

from __future__ import annotations

import logging
import re

from dashboard.evidence.language import Language

#: Fewest words a line of the article must hold to count as a sentence of it (a menu item or headline has fewer).
MIN_WORDS = 8
#: Sentences of the article a text must hold; one alone is a paywall notice or a cookie banner as often as not.
MIN_SENTENCES = 2
#: A stop at the end of a sentence, with the closing quotes or brackets that may follow it.
_SENTENCE = re.compile(r".+?[.!?…]+[”’\"'»)\]]*(?=\s|$)")
_WORD = re.compile(r"\w+")


def extract_article(html: str) -> str | None:
    """The page's article text, each paragraph on its own line, or None when the extractor finds none."""
    import trafilatura  # NOTE: imported here so that validate and the app do not pay for lxml and its models

    # NOTE: trafilatura logs a warning for every page it finds nothing in; the refusal says it once, in our words.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    text = trafilatura.extract(
        html,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
        # NOTE: the date is read from the page's own markup (curation/metadata.py), never guessed from the body.
        date_extraction_params={"extensive_search": False},
    )
    return tidy(text) if text else None


def tidy(text: str) -> str:
    """The text with Unix line ends, no blank or space-padded lines, and one newline at the end."""
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    kept = [line for line in lines if line]
    return "\n".join(kept) + "\n" if kept else ""


def drop_furniture(text: str, lang: Language) -> str:
    """The text without the lines that are page furniture in its language ("Читайте также: …", "Share")."""
    return "".join(line + "\n" for line in text.splitlines() if not lang.FURNITURE.search(line.strip()))


def article_sentences(text: str, lang: Language) -> list[str]:
    """The sentences of the text that read as an article's: long enough, ending in a stop, not page furniture."""
    found = []
    for line in text.splitlines():
        if lang.FURNITURE.search(line.strip()):
            continue
        for match in _SENTENCE.finditer(line):
            sentence = match.group().strip()
            if len(_WORD.findall(sentence)) >= MIN_WORDS:
                found.append(sentence)
    return found


def is_article(text: str, lang: Language) -> bool:
    """Whether the text holds enough sentences of an article to be worth storing."""
    return len(article_sentences(text, lang)) >= MIN_SENTENCES
