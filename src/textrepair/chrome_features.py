"""Block features for the chrome stage: what a reader can check about one line of a page.

Each block gets language-aware measures (word count, stopword density from the stoplists in
``data/stopwords/``), shapes (date/time lines, bare numbers, temperatures, template leftovers,
tag and menu lines, source lines, handles and URLs) and the boilerplate phrase it matches in
the lexicons of ``data/chrome/lexicon/``. All data is read lazily and cached read-only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

#: Lexicon categories whose whole-block labels are ambiguous (a section called "Health" or
#: "Support" can be an article heading): they count as weak evidence only.
WEAK_CATEGORIES = frozenset({"nav"})
#: Categories whose bare labels are weak evidence, though their phrases are strong.
WEAK_LABEL_CATEGORIES = frozenset({"footer"})
#: Categories that open a section after the article which holds prose that is not the
#: article (comment threads).
SECTION_CATEGORIES = frozenset({"comments"})

_WORD = re.compile(r"\w+")
_DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_TERMINAL = re.compile(r"[.!?…。！？;；:：]['\"”’»)\]]*$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|org|net|io|co|info|ru|de|fr|uk|ir|az|by)(?:/\S*)?$", re.I)
_HANDLE = re.compile(r"^[@#]\w+")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+\.[\w.-]+$")
_NUMBER = re.compile(r"^[+\-−]?[\d.,  ]*\d[\d.,  ]*[kKmM%]?$")
_TEMPERATURE = re.compile(
    r"^[+\-−]?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF℃℉]$|"
    r"^(?:[^\W\d_]+[\s,.-]+){0,3}[+\-−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|[℃℉])$"
)  # "23.9 C", "-3°", "Bologna 18°C": a weather widget, with at most a place name before it
_TEMPLATE = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|\{\{.*\}\}|\{%.*%\}|\[object \w+\]|undefined|null|NaN|"
    r"loading\.*|javascript:\S*|%[A-Z_]+%|\$\{[^}]*\})$",
    re.I,
)
_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"[;{}]\s*$|^\s*(?:--|//|/\*|#|\$ )|\w\([^()]*\)|^\s*[\w.\[\]\"']+\s*[:=]=?\s*\S")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([./-])\d{1,2}\1\d{1,4}\b")
#: A record number under a short label ("News ID: 123456", "Код новости: 84213"): no
#: count, measure or year has five digits or more under a one-to-three-word label.
_RECORD_ID = re.compile(r"^[^\W\d_]+(?:[\s.]+[^\W\d_]+){0,2}\.?\s*[:：#№]\s*[#№]?\s*\d{5,}$")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\s+\d{4}|\d{4}\s*copyright", re.I)
_MENU_SEPARATORS = ("|", "•", "·", " / ", "»", "›", " > ", "(T)", "‹", "«", " — ", " – ")
_BREADCRUMB = re.compile(r"\s[>›»/]\s")


@dataclass(frozen=True)
class Features:
    """What the classifier knows about one block."""

    text: str
    key: str
    words: int
    stop: float | None
    terminal: bool
    shape: str | None
    lexicon: tuple[str, str] | None
    code: bool = False
    cjk: bool = False  # written without spaces: stopwords counted per character
    ident: str = ""  # the text as repeats are compared: like ``key`` but keeping digits

    @property
    def strong_lexicon(self) -> bool:
        """A boilerplate phrase outside the ambiguous navigation labels."""
        if self.lexicon is None or self.lexicon[0] in WEAK_CATEGORIES:
            return False
        # a bare footer word ("Disclaimer", "Privacy") may head a section of the article
        return not (self.lexicon[0] in WEAK_LABEL_CATEGORIES and normalize(self.lexicon[1]) == self.key)

    def evidence(self) -> dict[str, Any]:
        """A small JSON-able summary for the report."""
        ev: dict[str, Any] = {"words": self.words}
        if self.stop is not None:
            ev["stopwords"] = round(self.stop, 2)
        if self.shape:
            ev["shape"] = self.shape
        if self.lexicon:
            ev["lexicon"] = f"{self.lexicon[0]}: {self.lexicon[1]}"
        return ev


def base_language(language: str | None) -> str | None:
    """langdetect code to the two-letter code of our data files (``zh-cn`` -> ``zh``)."""
    if not language:
        return None
    return language.split("-")[0].lower()


def _data_text(*parts: str) -> str | None:
    node = resources.files("textrepair").joinpath("data", *parts)
    if not node.is_file():
        return None
    return node.read_text(encoding="utf-8")


class ShapeWords(NamedTuple):
    """The multilingual word lists of the line shapes (``data/chrome/shapes.json``), compiled."""

    source: re.Pattern[str]
    comment_meta: re.Pattern[str]
    teaser: re.Pattern[str]
    credit: re.Pattern[str]
    date_fillers: frozenset[str]


def _alternation(words: list[str]) -> str:
    """A regex group matching any of the words (longest first)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


@lru_cache(maxsize=1)
def shape_words() -> ShapeWords:
    """Compile the shape regexes from their word lists, once."""
    raw = _data_text("chrome", "shapes.json")
    data: dict[str, list[str]] = json.loads(raw) if raw else {}

    def alt(key: str) -> str:
        return _alternation(data.get(key) or ["\uffff"])  # an empty list matches nothing

    comment_meta = (
        rf"(?:\b{alt('comment_verbs')}\s*[:：]\s*$|^\d+\s+{alt('comment_counts')}\b|"
        rf"^\S+(?:\s+\S+){{0,3}}\s+{alt('comment_verbs_end')}$|^re\s*:|^{alt('comment_buttons')}$)"
    )
    return ShapeWords(
        source=re.compile(rf"^{alt('source')}\s*[:：]\s*\S", re.I),
        comment_meta=re.compile(comment_meta, re.I),
        teaser=re.compile(rf"^{alt('teasers')}\s*[:：»>|]\s*\S", re.I),
        credit=re.compile(
            rf"^{alt('credits')}\s*(?:credit)?\s*[:：]|(?:{alt('picture_agencies')}|/ ?{alt('wire_agencies')})\s*\)?$",
            re.I,
        ),
        date_fillers=frozenset(data.get("date_fillers", ())),
    )


@lru_cache(maxsize=32)
def stopwords(language: str | None) -> frozenset[str] | None:
    """The stoplist of a language, or ``None`` when we have none."""
    if not language or not re.fullmatch(r"[a-z]{2,3}", language):
        return None
    raw = _data_text("stopwords", f"{language}.txt")
    if raw is None:
        return None
    return frozenset(normalize(w) for w in raw.split("\n") if w.strip())


@dataclass(frozen=True)
class Lexicon:
    """Boilerplate phrases of one or more languages."""

    labels: dict[str, tuple[str, str]]
    phrases: re.Pattern[str] | None
    phrase_category: dict[str, str]
    starts: list[tuple[str, str]]
    headings: frozenset[str] = frozenset()  # labels that also head a section of an article


@lru_cache(maxsize=32)
def lexicon(language: str | None) -> Lexicon:
    """English boilerplate (found on pages of every language) plus the document language's."""
    labels: dict[str, tuple[str, str]] = {}
    phrase_category: dict[str, str] = {}
    starts: list[tuple[str, str]] = []
    headings: set[str] = set()
    langs = ["en"] + ([language] if language and language != "en" else [])
    for lang in langs:
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            continue
        raw = _data_text("chrome", "lexicon", f"{lang}.json")
        if raw is None:
            continue
        data = json.loads(raw)
        for category, entries in data.items():
            for label in entries.get("labels", ()):
                labels.setdefault(normalize(label), (category, label))
            for phrase in entries.get("phrases", ()):
                phrase_category.setdefault(normalize(phrase), category)
            for start in entries.get("starts", ()):
                starts.append((normalize(start), category))
            headings.update(normalize(h) for h in entries.get("headings", ()))
    ordered = sorted(phrase_category, key=lambda p: (-len(p), p))
    plain = [re.escape(p) for p in ordered if p and not _CJK.search(p)]
    cjk = [re.escape(p) for p in ordered if p and _CJK.search(p)]
    alts = []
    if plain:
        alts.append(r"(?<!\w)(?:" + "|".join(plain) + r")(?!\w)")
    if cjk:
        alts.append("(?:" + "|".join(cjk) + ")")
    pattern = re.compile("|".join(alts)) if alts else None
    return Lexicon(labels, pattern, phrase_category, starts, frozenset(headings))


@lru_cache(maxsize=32)
def has_lexicon(language: str | None) -> bool:
    """Whether the language has its own boilerplate lexicon (the absence of evidence on a
    page in any other language proves little)."""
    if not language or not re.fullmatch(r"[a-z]{2,3}", language):
        return False
    return _data_text("chrome", "lexicon", f"{language}.json") is not None


@lru_cache(maxsize=32)
def date_words(language: str | None) -> frozenset[str]:
    """Words that may appear in a date line: English and the document language's."""
    raw = _data_text("chrome", "dates.json")
    data: dict[str, list[str]] = json.loads(raw) if raw else {}
    words = set(data.get("en", ()))
    if language and language in data:
        words.update(data[language])
    return frozenset(normalize(w) for w in words)


_NON_WORD = re.compile(r"[\W_\d]+")


def normalize(text: str) -> str:
    """Lower case, letters only, single spaces: the form labels and repeats are compared in."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u200c", " ")
    return _NON_WORD.sub(" ", text).strip()


_NON_ALNUM = re.compile(r"[\W_]+")


def identity(text: str) -> str:
    """Lower case, letters and digits, single spaces: two lines are the same line (a title
    printed twice) only if their numbers agree too ("October 8" is not "October 15")."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u200c", " ")
    return _NON_ALNUM.sub(" ", text).strip()


def word_count(text: str) -> int:
    """Words; for scripts written without spaces, one word per two CJK characters."""
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    other = len(_WORD.findall(_CJK.sub(" ", text)))
    return other + (cjk + 1) // 2


def stop_density(text: str, stops: frozenset[str] | None, key: str | None = None) -> float | None:
    """Share of words (or, for CJK text, characters) that are stopwords; ``key`` is the
    block's :func:`normalize` form when the caller has it."""
    if stops is None:
        return None
    cjk = [] if text.isascii() else _CJK.findall(text)
    if len(cjk) >= 4:
        hits = sum(1 for ch in cjk if ch in stops)
        return hits / len(cjk)
    words = (normalize(text) if key is None else key).split()
    if not words:
        return 0.0
    return sum(1 for w in words if w in stops) / len(words)


def shape_of(text: str, words: int, dates: frozenset[str]) -> str | None:
    """The language-independent shape of a chrome line, if it has one."""
    stripped = text.strip().strip("-–—•*·|").strip()
    if not stripped:
        return "empty"
    if words > 25:  # prose-sized: only embed code or a long menu line can be chrome
        if stripped.startswith("<") and stripped.endswith(">") and len(_MARKUP.findall(stripped)) >= 2:
            return "markup"
        return "menu" if _is_menu_line(stripped) else None
    if not any(ch.isalnum() for ch in stripped):
        return None  # an invisible or decorative separator: neutral, never evidence
    if words >= 12 and stripped.startswith("<") and stripped.endswith(">") and len(_MARKUP.findall(stripped)) >= 2:
        return "markup"
    if _TEMPLATE.match(stripped):
        return "template"
    if _TEMPERATURE.match(stripped):
        return "weather"
    if _NUMBER.match(stripped) and len(stripped) <= 8 and not stripped.endswith("."):
        return "number"
    if words <= 12 and _is_date_line(stripped, dates):
        return "date"
    if words <= 5 and _RECORD_ID.match(stripped):
        return "number"
    tokens = stripped.split()
    if tokens and words <= 8 and all(_URL.match(t) or _HANDLE.match(t) or _EMAIL.match(t) for t in tokens):
        return "link"
    words_of = shape_words()
    if words <= 25 and words_of.teaser.match(stripped):
        return "teaser"
    if words <= 12 and words_of.credit.search(stripped):
        return "credit"
    if words <= 6 and words_of.source.match(stripped):
        return "source"
    if words <= 9 and _CLOCK.search(stripped) and _is_date_line(stripped, dates, lead=3):
        return "comment-meta"  # "Jane Doe March 3, 2024 at 5:12 pm": a comment's header
    if words <= 15 and words_of.comment_meta.search(stripped) and not (words > 6 and stripped[-1:].isalpha()):
        return "comment-meta"
    if words <= 20 and _COPYRIGHT.search(stripped):
        return "copyright"
    if _is_menu_line(stripped):
        return "menu"
    return None


def _is_date_line(text: str, dates: frozenset[str], lead: int = 0) -> bool:
    """Whether the text is a date/time, after at most ``lead`` other leading words (a name)."""
    if any(ch in text for ch in "%$€£¥|\t"):
        return False  # figures or table cells
    tokens = _DATE_TOKEN.findall(text.casefold())
    skip = 0
    while skip < lead and skip < len(tokens) and not tokens[skip].isdigit() and tokens[skip] not in dates:
        skip += 1
    tokens = tokens[skip:]
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    if any(t.isdigit() and (len(t) == 3 or len(t) > 4) for t in tokens):
        return False  # no day, month, hour or year has three or five digits: a phone number, a price
    if not all(t.isdigit() or t in dates for t in tokens):
        return False
    if sum(1 for t in tokens if len(t) == 4 and t.isdigit()) > 1:
        return False  # several years: a table header or a range, not a date line
    # a month or weekday name, a clock time or a numeric date (not a phone number)
    named = any(not t.isdigit() and t not in shape_words().date_fillers for t in tokens)
    year = any(len(t) == 4 and t.startswith(("19", "20")) for t in tokens)
    return named or year or bool(_CLOCK.search(text) or _NUMERIC_DATE.search(text))


def _is_menu_line(text: str) -> bool:
    """Items joined by a repeated separator (``A | B | C``, tag lines, breadcrumbs)."""
    if is_terminal(text):
        return False
    for sep in _MENU_SEPARATORS:
        count = text.count(sep)
        if count >= 3 or (count >= 2 and sep in (" > ", "›", "»") and _BREADCRUMB.search(text)):
            items = [p for p in text.split(sep) if p.strip()]
            numeric = sum(1 for p in items if any(ch.isdigit() for ch in p))
            if numeric >= 0.3 * len(items):
                continue  # a table row of figures, not a menu
            if len(items) >= 3 and sum(len(_WORD.findall(p)) for p in items) / len(items) <= 3.5:
                return True
    return False


def lexicon_match(text: str, key: str, words: int, lex: Lexicon) -> tuple[str, str] | None:
    """The boilerplate category and phrase a block matches, if any.

    Whole-block labels ("Related posts", "Leave a reply", "23 comments") match at any
    length; phrases inside a block only in short blocks, so an article sentence that
    mentions "read more" is never taken for a button.
    """
    if not key:
        return None
    hit = lex.labels.get(key)
    if hit is not None and 2 * len(key) >= sum(1 for ch in text if not ch.isspace()):
        return hit  # the label is most of the block ("23 Comments", not "LinkedIn $2.50 - $7.00")
    if words > 40 or lex.phrases is None:
        return None
    for found in lex.phrases.finditer(key):
        phrase = found.group(0)
        if found.start() > 3 and words > 25:
            continue  # a long block counts only when it opens with the phrase ("Sign up to our newsletter...")
        if " " not in phrase and not _CJK.search(phrase) and (words > 5 or is_terminal(text)):
            continue  # a single word decides only in a very short label
        if words <= 6 or len(phrase) >= 0.4 * len(key) or (found.start() <= 3 and len(phrase) >= 10):
            return lex.phrase_category[phrase], phrase
    if words <= 8 and not is_terminal(text):  # "Tags: a, b, c", "Follow us": a label opens a list
        for start, category in lex.starts:
            if key.startswith(start + " ") or key == start:
                return category, start
    return None


def is_terminal(text: str) -> bool:
    """Whether the text ends like a sentence (looking at its last characters only)."""
    return bool(_TERMINAL.search(text[-8:]))


def features(text: str, language: str | None) -> Features:
    """All features of one block."""
    key = normalize(text)
    words = word_count(text)
    stops = stopwords(language)
    return Features(
        text=text,
        key=key,
        words=words,
        stop=stop_density(text, stops, key),
        terminal=is_terminal(text.rstrip("* ")),
        shape=shape_of(text, words, date_words(language)),
        lexicon=lexicon_match(text, key, words, lexicon(language)),
        code=words <= 20 and bool(_CODE.search(text)),
        cjk=not text.isascii() and len(_CJK.findall(text)) >= 0.5 * len(text),
        ident=identity(text),
    )
