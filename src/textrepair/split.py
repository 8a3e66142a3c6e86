"""Aggregator pages: split a listing of articles into one document per article.

News aggregators and tag pages ("Latest news with #X") print a run of articles, each
introduced by a short header: an optional *source* line (the outlet), a *date* line, a few
*section* lines written as bullets, then the *title* and the body. :func:`split_listing`
finds those headers by their shapes (never by names) and returns the articles with the
header fields as metadata. A page is only split when it has at least
:data:`MIN_ARTICLES` headers that each introduce a substantial body, so an ordinary
article with one dateline is never cut up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A page needs at least this many article headers to be treated as a listing.
MIN_ARTICLES = 2
#: An article body (title excluded) must have at least this many words.
MIN_BODY_WORDS = 40
#: Source and section lines are at most this many words.
MAX_LABEL_WORDS = 6
#: Titles are at most this many words.
MAX_TITLE_WORDS = 40

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
#: A line that is nothing but a date (numeric, ISO, or with a month name), maybe with a
#: weekday and a time.
DATE_LINE = re.compile(
    r"^\s*" + _WEEKDAY + r"(?:"
    r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"  # 10-07-2025, 7/3/25
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2}"  # 2025-07-10
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?\s+\d{4}"  # 2 July 2025
    r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"  # July 2, 2025
    r")" + _TIME + r"\s*$",
    re.IGNORECASE,
)
#: A bullet line: the section and tag lines of a header (``- Politics``).
_BULLET = re.compile(r"^\s*[-•·▪*–]\s+(\S.*?)\s*$")
_WORD = re.compile(r"\w+")
_END_PUNCT = (".", "!", "?", ":", ";", ",")


@dataclass(frozen=True)
class Article:
    """One article of a listing page: its text (title and body) and header fields.

    ``start``/``end`` locate the article's header and body in the page text.
    """

    text: str
    start: int
    end: int
    source: str | None = None
    date: str | None = None
    sections: tuple[str, ...] = ()
    title: str | None = None

    def metadata(self) -> dict[str, Any]:
        """Header fields as a flat, JSON-serialisable mapping."""
        return {
            "source": self.source,
            "date": self.date,
            "section": self.sections[0] if self.sections else None,
            "sections": list(self.sections),
            "title": self.title,
        }


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(_Line(raw, pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def is_date_line(line: str) -> bool:
    """Whether the line is only a date (with an optional weekday and time)."""
    return bool(DATE_LINE.match(line)) and len(line) <= 60


def _is_label(line: str) -> bool:
    """A short name-like line: a source or a section (no sentence punctuation at the end)."""
    s = line.strip()
    if not s or is_date_line(s) or _BULLET.match(s):
        return False
    n = len(_WORD.findall(s))
    return 1 <= n <= MAX_LABEL_WORDS and len(s) <= 60 and not s.endswith(_END_PUNCT) and s[0].isupper()


def _bullet_label(line: str) -> str | None:
    m = _BULLET.match(line)
    if m is None:
        return None
    label = m.group(1)
    n = len(_WORD.findall(label))
    if 1 <= n <= MAX_LABEL_WORDS and len(label) <= 60 and not label.endswith(_END_PUNCT):
        return label
    return None


@dataclass
class _Header:
    start_line: int  # first line of the header (source line or date line)
    date_line: int
    title_line: int
    source: str | None
    date: str
    sections: list[str]


def _header_at(lines: Sequence[_Line], i: int) -> _Header | None:
    """The article header whose date line is ``lines[i]``, if the shape fits."""
    date = lines[i].text.strip()
    start = i
    source = None
    if i >= 1 and _is_label(lines[i - 1].text) and (i == 1 or lines[i - 2].blank):
        start = i - 1
        source = lines[i - 1].text.strip()
    elif i >= 1 and not lines[i - 1].blank:
        return None  # a date inside running text, not a header
    j = i + 1
    sections: list[str] = []
    while j < len(lines) and (label := _bullet_label(lines[j].text)) is not None:
        sections.append(label)
        j += 1
    if j >= len(lines) or lines[j].blank:
        return None
    title = lines[j].text.strip()
    if title.endswith((".", ";", ",")) and not title.endswith("..."):
        return None
    if not 1 <= lines[j].words <= MAX_TITLE_WORDS or is_date_line(title):
        return None
    if source is not None:
        sections = [s for s in sections if s != source]
    return _Header(start, i, j, source, date, sections)


def split_listing(text: str) -> tuple[str, list[Article]]:
    """Split a listing page into its articles.

    Returns the page's preamble (text before the first article, stripped) and the
    articles; an empty list when the text is not a listing (fewer than
    :data:`MIN_ARTICLES` well-formed articles), in which case it should stay whole.
    """
    lines = _lines(text)
    headers = []
    next_free = 0
    for i, line in enumerate(lines):
        if i < next_free or not is_date_line(line.text):
            continue
        header = _header_at(lines, i)
        if header is not None and header.start_line >= next_free:
            headers.append(header)
            next_free = header.title_line + 1
    if len(headers) < MIN_ARTICLES:
        return text.strip(), []
    articles = []
    for k, header in enumerate(headers):
        stop = headers[k + 1].start_line if k + 1 < len(headers) else len(lines)
        body_lines = lines[header.title_line + 1 : stop]
        if sum(ln.words for ln in body_lines) < MIN_BODY_WORDS:
            return text.strip(), []
        first = lines[header.title_line]
        last = max((ln for ln in body_lines if not ln.blank), key=lambda ln: ln.end, default=first)
        start = lines[header.start_line].start
        articles.append(
            Article(
                text=text[first.start : last.end].strip() + "\n",
                start=start,
                end=last.end,
                source=header.source,
                date=header.date,
                sections=tuple(header.sections),
                title=first.text.strip(),
            )
        )
    preamble = text[: articles[0].start].strip()
    return preamble, articles

