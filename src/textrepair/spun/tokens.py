"""Tokenizer and stopword lists shared by the spun stage (index, alignment, detection, unspin).

Spinners keep function words, numbers, names and word order and swap content words, so every
part of the stage needs the same view of a text: words, numbers and punctuation with their
character offsets. The tokenizer is one linear regex scan, safe on multi-megabyte single lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Literal, NamedTuple

TokenKind = Literal["word", "number", "punct"]

_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,:]\d+)*(?!\w))"  # 50, 1,000, 3.5, 10:30 (not 2nd, 16khz)
    r"|(?P<word>\w+(?:['’]\w+)*)"  # words with inner apostrophes: isn't, Russia's
    r"|(?P<punct>[^\w\s])"  # any other visible character, one per token
)


class Token(NamedTuple):
    """One token: its text, its span ``[start, end)`` in the source, a normalised lower-case
    form (curly apostrophe straightened) and its kind (``word``, ``number`` or ``punct``)."""

    text: str
    start: int
    end: int
    lower: str
    kind: TokenKind


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text`` in order (lazy, for very long inputs)."""
    for m in _TOKEN.finditer(text):
        kind: TokenKind = m.lastgroup  # type: ignore[assignment]  # the group names are the kinds
        s = m.group()
        low = s.lower()
        if "’" in low:
            low = low.replace("’", "'")
        yield Token(s, m.start(), m.end(), low, kind)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: words, numbers and single punctuation characters with offsets."""
    return list(iter_tokens(text))


def words(text: str) -> list[Token]:
    """Only the word tokens of ``text`` (numbers and punctuation left out)."""
    return [t for t in iter_tokens(text) if t.kind == "word"]


def normalise(word: str) -> str:
    """The comparison form of a token: lower case, curly apostrophe made straight."""
    return word.lower().replace("’", "'")


@lru_cache(maxsize=32)
def stopwords(lang: str | None = "en") -> frozenset[str]:
    """Function words of a language (lower case), from ``data/spun/stopwords_<lang>.txt``.

    Unknown or missing languages fall back to English, since the spinners the stage targets
    work on English text; lines starting with ``#`` are comments.
    """
    code = (lang or "en").split("-")[0].split("_")[0].lower()
    base = resources.files("textrepair") / "data" / "spun"
    path = base / f"stopwords_{code}.txt"
    if not path.is_file():
        path = base / "stopwords_en.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))
