"""Stage ``placeholders``: garbage left by machine translation and by web templates.

One small rule per kind of damage, each conservative enough to leave correct text alone:

- ``foreign-digits``: digits of another script (Persian, Arabic, Devanagari, Thai,
  full-width, ...) inside a block written in a different script become ASCII digits;
  a document or block written in the digits' own script keeps them.
- ``rtl-quotes``: guillemets from a right-to-left source in a language that does not use
  them (``"X »Y``, ``«X»``) become a balanced pair of the document's own quotes.
- ``space-hyphen``, ``space-before-punct``, ``missing-space``, ``doubled-punct``:
  spacing damage around punctuation (``long -term``, ``word ,``, ``end.Next``, ``,,``).
- ``plugin-tags``, ``shortcode``, ``template-var``, ``stray-token``, ``read-more``,
  ``lorem-ipsum``: leftovers of translation plugins, CMS shortcodes, unfilled template
  variables and JavaScript values, excerpt stubs and filler text.

Code, maths, URLs, file names and markup are protected: fenced or indented listings are
never touched, other code-like lines only get the digit rule, and no edit touches a URL,
an address, a file name or a backtick span. Whole blocks that are nothing but template
garbage (a tag line, ``undefined``, ``{{ x }}``, lorem ipsum) are dropped.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import regex

from .config import Context
from .document import Block, Document, Edit, block_extent, splice
from .stage import Stage

NAME = "placeholders"

#: Languages whose own typography puts a space before ``: ; ! ?`` (and inside guillemets).
SPACED_PUNCT_LANGUAGES = frozenset({"fr"})


class Fix(NamedTuple):
    """A proposed change inside one block: ``block.text[start:end]`` becomes ``after``."""

    start: int
    end: int
    after: str
    rule: str
    reason: str


@cache
def word_list(name: str) -> frozenset[str]:
    """A data file of ``data/placeholders/``: one lowercase entry a line, ``#`` comments."""
    text = resources.files("textrepair").joinpath("data").joinpath(NAME).joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


# --- protected spans and code detection -------------------------------------------------

_PROTECTED = regex.compile(
    # Every alternative starts only at the beginning of a token (look-behind) and scans it
    # possessively, so the scan stays linear on a 4 MB line without spaces.
    r"`[^`\n]{0,1000}`"  # inline code
    r"|(?i:\b(?:https?|ftp)://\S+)"  # URLs
    r"|(?i:\bwww\.\S+)"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"  # e-mail addresses
    r"|(?P<dotted>(?<![\w.-])[\w-]++(?:\.[\w-]++)++)(?:/\S*+)?"  # domains, file names: see _TOP_LABEL
    r"|(?<!\S)(?:~|\.{1,2})?/[\w./-]+"  # paths
)
_CODE_START = regex.compile(
    r"^(?:\$ |> ?\$ |>>> |\.\.\. |//|/\*|\*/|#include|#!|<\?|<[a-zA-Z/!]|[{}]|@@ |"
    r"(?:def|class|import|from \S+ import|function|var|let|const|return|if ?\(|for ?\(|while ?\(|"
    r"public|private|static|SELECT|INSERT|UPDATE|CREATE|sudo|pip|npm|git|cd|ls|curl)\b)"
)
_CODE_CHARS = frozenset("{}[]()<>=;$\\|&*^~_#/")
_FENCE = regex.compile(r"^\s*(?:```|~~~)")


_CODE_SIGNS = regex.compile(
    r"[=<>!:]=|=>|->|::|&&|\|\||\+\+|\\[a-zA-Z]+|\s=\s|^\w[\w.]*\s*="  # operators, LaTeX, assignments
    r"|^using [\w.]+;|\.\w+\(|\w\([\"']"  # using-directives, method calls, calls with a string
)


def looks_like_code(line: str) -> bool:
    """Whether a line reads as code, a shell command, markup or maths rather than prose.
    Template leftovers (``{{name}}``, shortcodes, ``(T)`` tags) are not evidence of code."""
    text = _LEFTOVERS.sub(" ", line).strip()
    if not text:
        return False
    if _CODE_START.match(text):
        return True
    if _CODE_SIGNS.search(text):
        return True
    symbols = sum(ch in _CODE_CHARS for ch in text)
    if symbols >= 4 and symbols > 0.06 * len(text):
        return True
    return bool(text.endswith((";", "{", "}")) and regex.search(r"[(=]", text))


def code_lines(text: str, code_like: bool = True) -> set[int]:
    """Start offsets of lines that are code: inside a fenced block, indented by four
    spaces or a tab after a blank line, or (``code_like``) code-like by themselves."""
    starts: set[int] = set()
    fenced = False
    pos = 0
    prev_blank = True
    for line in text.split("\n"):
        if _FENCE.match(line):
            starts.add(pos)
            fenced = not fenced
        elif (
            fenced
            or (code_like and looks_like_code(line))
            or (line.startswith(("    ", "\t")) and bool(line.strip()) and prev_blank)
        ):
            starts.add(pos)
        prev_blank = not line.strip()
        pos += len(line) + 1
    return starts


#: The last label of a protected dotted token: a file extension or top-level domain
#: (``file.txt``, ``Node.js``, ``example.com``), not ``3.14``, ``U.S`` or ``e.g``.
_TOP_LABEL = regex.compile(r"\.[a-z]{2,6}\Z")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of a block that no rule may edit (URLs, code spans, addresses, file names)."""
    return [
        m.span()
        for m in _PROTECTED.finditer(text)
        if m.group("dotted") is None or _TOP_LABEL.search(m.group("dotted"))
    ]


class Spans:
    """Spans kept sorted by start, so that the spans near a position are found by bisection:
    overlap checks stay O(log n) on a 4 MB line with thousands of fixes."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.spans: list[tuple[int, int]] = sorted(spans or [])
        self.starts = [s for s, _e in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.spans.insert(i, (start, end))
        self.longest = max(self.longest, end - start)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that can touch ``[start, end]``."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, end)
        return self.spans[lo:hi]


def _overlaps(start: int, end: int, spans: Spans) -> bool:
    return any(start < e and s < end for s, e in spans.near(start, end))


# --- scripts ----------------------------------------------------------------------------

#: The script whose letters go with each family of digits (by the start of the digit's
#: Unicode name). Full-width digits belong to CJK text.
_DIGIT_SCRIPTS: dict[str, str] = {
    "ARABIC-INDIC": r"\p{Script=Arabic}",
    "EXTENDED ARABIC-INDIC": r"\p{Script=Arabic}",
    "FULLWIDTH": r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]",
    "NKO": r"\p{Script=Nko}",
}
_RTL_LETTER = regex.compile(
    r"[\p{L}&&[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]]", regex.V1
)
_FOREIGN_DIGIT_RUN = regex.compile(r"[^\P{Nd}0-9](?:[^\P{Nd}0-9]|[٫٬](?=[^\P{Nd}0-9]))*")


@lru_cache(maxsize=64)
def _script_pattern(family: str) -> regex.Pattern[str]:
    """Letters of the script that uses the digits named ``family`` (e.g. ``DEVANAGARI``)."""
    script = _DIGIT_SCRIPTS.get(family)
    if script is None:
        script = r"\p{Script=" + family.title().replace(" ", "_") + "}"
    return regex.compile(r"[\p{L}\p{M}&&" + script + "]", regex.V1)


def digit_family(ch: str) -> str:
    """The name of a digit's family: ``unicodedata.name`` before ``DIGIT``."""
    return unicodedata.name(ch, "").split(" DIGIT")[0]


@lru_cache(maxsize=16)
def _native_letters(family: str, doc_text: str) -> int:
    """How many letters of the digits' own script the document has (once per document:
    the key's hash is cached by ``str``, and a hit compares by identity first)."""
    return len(_script_pattern(family).findall(doc_text))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# --- rules ------------------------------------------------------------------------------

def foreign_digits(text: str, doc_text: str, doc_letters: int) -> Iterator[Fix]:
    """Digits of another script in a block with no letter of that script become ASCII."""
    allowed: dict[str, bool] = {}  # per digit family, decided once per block (linear scans)
    letters: int | None = None
    for m in _FOREIGN_DIGIT_RUN.finditer(text):
        family = digit_family(m.group()[0])
        if not family or any(digit_family(ch) != family for ch in m.group() if ch not in "٫٬"):
            continue
        if family not in allowed:
            if letters is None:
                letters = _letters(text)
            in_block = bool(_script_pattern(family).search(text))
            native = _native_letters(family, doc_text) if not in_block and letters >= 3 else 0
            # the block or document is (partly) written in that script: its digits are its own
            allowed[family] = not in_block and letters >= 3 and native < 20 and native <= 0.05 * doc_letters
        if not allowed[family]:
            continue
        ascii_digits = "".join(
            "." if ch == "٫" else "," if ch == "٬" else str(unicodedata.digit(ch)) for ch in m.group()
        )
        reason = f"{family.lower()} digits in {_main_script(text)} text"
        yield Fix(m.start(), m.end(), ascii_digits, "foreign-digits", reason)


def _main_script(text: str) -> str:
    if regex.search(r"\p{Script=Latin}", text):
        return "Latin-script"
    return "other-script"


class _Quote(NamedTuple):
    pos: int
    char: str
    role: str  # "open", "close" or "either"


_QUOTE_CHARS = regex.compile(r'["“”«»]')
_OPEN_BEFORE = " \t([{—–-/"
_CLOSE_AFTER = " \t)]}.,;:!?…"


def rtl_quotes(text: str, convention: tuple[str, str]) -> Iterator[Fix]:
    """Guillemets paired with (or in place of) the language's quotes become that language's
    quotes, with the spacing of a balanced pair. Nothing is changed unless every quote of
    the block falls into a pair; guillemets spaced on both sides (``Home » News``) are
    separators, not quotes, and are left alone."""
    if "«" not in text and "»" not in text:
        return
    quotes: list[_Quote] = []
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = before in _OPEN_BEFORE and not after.isspace()
        closes = not before.isspace() and (after in _CLOSE_AFTER or after in "\"”")
        if ch in "«»" and before.isspace() and after.isalnum():
            role = "either"  # ` »Airlines`: closes an open quote, or opens one
        elif ch == "“":
            role = "open"
        elif ch == "”":
            role = "close"
        elif opens and not closes:
            role = "open"
        elif closes and not opens:
            role = "close"
        elif ch in "«»" and before.isspace() and after.isspace():
            continue  # a separator or arrow
        else:
            return  # a quote we cannot read: leave the block alone
        quotes.append(_Quote(i, ch, role))
    pairs: list[tuple[_Quote, _Quote]] = []
    open_quote: _Quote | None = None
    for q in quotes:
        if open_quote is None:
            if q.role == "close":
                return
            open_quote = q
        else:
            if q.role == "open":
                return
            pairs.append((open_quote, q))
            open_quote = None
    if open_quote is not None:
        return
    for opener, closer in pairs:
        if opener.char not in "«»" and closer.char not in "«»":
            continue
        if opener.char in "«»" and closer.char in "«»" and opener.char == closer.char:
            continue  # »X» or «X«: not a pair we understand
        # opening quote: no space inside; closing quote: no space inside, a space after
        # when a word follows.
        o_end = opener.pos + 1
        while o_end < len(text) and text[o_end] == " ":
            o_end += 1
        c_start = closer.pos
        while c_start > 0 and text[c_start - 1] == " ":
            c_start -= 1
        if o_end >= c_start:
            return
        after_close = text[closer.pos + 1] if closer.pos + 1 < len(text) else ""
        close_text = convention[1] + (" " if after_close.isalnum() else "")
        reason = f"unbalanced quotes {opener.char}…{closer.char} from a right-to-left source"
        if text[opener.pos : o_end] != convention[0]:
            yield Fix(opener.pos, o_end, convention[0], "rtl-quotes", reason)
        if text[c_start : closer.pos + 1] != close_text:
            yield Fix(c_start, closer.pos + 1, close_text, "rtl-quotes", reason)


_WORD_CHARS = r"[\p{Latin}\p{Cyrillic}\p{Greek}]"
_SPACE_HYPHEN = regex.compile(
    rf"(?<![\w\-.'’/])(?P<left>{_WORD_CHARS}{{2,}}) -(?P<right>{_WORD_CHARS}{{3,}})(?![\w\-=/.]\w|[\w\-=/])"
)


def space_hyphen(text: str) -> Iterator[Fix]:
    """``long -term`` -> ``long-term``: a compound whose hyphen got a space before it and
    none after. A dash (``A - B``), a negative number, a command-line option (``ls -la``,
    after a command or with other options around) and a suffix being talked about
    (``the suffix -ness``) do not match."""
    if regex.search(r"(?<!\S)--\w|(?<!\S)-\w(?:\s|$)", text):
        return  # other command-line options in the block: this is a command
    keep_left = word_list("hyphen_keep_left.txt")
    keep_right = word_list("hyphen_keep_right.txt")
    for m in _SPACE_HYPHEN.finditer(text):
        left, right = m.group("left"), m.group("right")
        if left.lower() in keep_left or right.lower() in keep_right or right.isupper() or left.isupper():
            continue
        rest = text[m.end() :]
        if regex.match(r",?\s+(?:and|or)?\s*-\w", rest) or regex.match(r"\s*,\s*-\w", rest):
            continue  # a list of suffixes: -ing, -ed
        start = m.start("left") + len(left)
        yield Fix(start, start + 2, "-", "space-hyphen", f"space before the hyphen of {left}-{right}")


_SPACE_BEFORE_PUNCT = regex.compile(r"(?<=[\p{L}\p{N}\)\]\"'’”])( +)([,.;:!?]+)(?=$|[ \"'”])")


def space_before_punct(text: str, language: str | None) -> Iterator[Fix]:
    """``word ,`` -> ``word,``: no space before ``, . ; : ! ?``. French keeps its space
    before ``: ; ! ?``; emoticons (``:)``), ellipses, decimals (``.5``), file extensions
    (``.txt``) and ratios (``3 : 1``) do not match."""
    if "`" in text:
        return
    separators = len(regex.findall(r"\S \. \S", text)) >= 2  # "Court . Yalding Hill . Kent"
    for m in _SPACE_BEFORE_PUNCT.finditer(text):
        punct = m.group(2)
        if punct not in (",", ".", ";", ":", "!", "?", "?!", "!?", "!!", "??"):
            continue
        if language in SPACED_PUNCT_LANGUAGES and punct[0] in ":;!?":
            continue
        before = text[m.start() - 1]
        rest = text[m.end() :]
        if punct in (":", ".") and not before.isalpha():
            continue  # "3 : 1", "1 . NordVPN"
        if punct == "." and (separators or rest.lstrip(" ")[:1] == "."):
            continue  # separators, a spaced ellipsis ". . ."
        if punct[0] in "?!" and not (not rest or regex.match(r" +[\p{Lu}\"“]", rest)):
            continue  # "data ? 'id'", "a ? b : c": an operator, not a sentence end
        if punct in (".", ",") and before.isdigit() and m.end() < len(text) and text[m.end() :].lstrip()[:1].isdigit():
            continue  # "1 , 2" in a list of numbers
        yield Fix(m.start(1), m.end(1), "", "space-before-punct", f"space before {punct!r}")


_TLDS = frozenset(
    {"com", "net", "org", "io", "js", "ts", "py", "co", "uk", "de", "ru", "fr", "gov", "edu", "info", "app", "ai"}
)
_MISSING_SPACE = regex.compile(
    r"(?<=(?:^|[\s(\"'“‘])\p{Ll}{3,})([.!?])(?=\p{Lu}\p{Ll}+(?:$|[\s;:!?\"'”’]|\.(?:\s|$)))"
    r"|(?<=(?:^|[\s(\"'“‘])\p{L}\p{Ll}{2,})([!?])(?=\p{Lu}\p{Ll}+(?:$|[\s;:!?\"'”’]|\.(?:\s|$)))"
)


def missing_space(text: str) -> Iterator[Fix]:
    """``end.Next`` -> ``end. Next``: a lowercase word, a sentence end, a capitalised word.
    Abbreviations (``U.S.``, ``e.g.``, ``No.5``), decimals, domains and file names
    (``www.example.com``, ``file.txt``, ``Node.js``) and code (``System.Console.Write(``)
    do not match, nor does anything in a block that quotes code in backticks."""
    if "`" in text:
        return
    for m in _MISSING_SPACE.finditer(text):
        nxt = regex.match(r"\p{L}+", text[m.end() :])
        if nxt is None or nxt.group().lower() in _TLDS:
            continue
        yield Fix(m.end(), m.end(), " ", "missing-space", f"no space after {m.group()!r}")


_DOUBLED = regex.compile(
    r"(?<=\p{L})(,,|;;|,\.)(?=$|\s)"
    r"|(?<=(?:^|\s)(?:\p{Lu}\.)+\p{Lu}|\b(?:Ltd|Inc|Co|Corp|Jr|Sr|Bros|etc))(\.\.)(?=$|\s)"
)


def doubled_punct(text: str) -> Iterator[Fix]:
    """``word,,`` / ``word;;`` / ``word,.`` -> one mark, and an abbreviation's dot doubled
    by the sentence's (``Ltd..``, ``D.C..``). A two-dot trail (``wait..``), an ellipsis,
    ``?!`` and ``!!`` are the author's and are kept."""
    for m in _DOUBLED.finditer(text):
        if text[m.end() : m.end() + 1] == ".":
            continue
        yield Fix(m.start(), m.end(), m.group()[-1], "doubled-punct", f"doubled punctuation {m.group()!r}")


_TAGS_TO_TRANSLATE = regex.compile(r"\(\s*tags\s*to\s*translate\s*\)", regex.IGNORECASE)
_T_SEPARATED = regex.compile(r"^[^().!?]{1,80}(?: \(T\) [^().!?]{1,80}){2,}$")


def is_plugin_tag_line(text: str) -> bool:
    """A translation plugin's tag line: ``(tagstotranslate) A (T) B (T) C``."""
    return bool(_TAGS_TO_TRANSLATE.match(text) or _T_SEPARATED.match(text))


def plugin_tags(text: str) -> Iterator[Fix]:
    """A ``(tagstotranslate) …`` tail at the end of a paragraph is removed."""
    m = _TAGS_TO_TRANSLATE.search(text)
    if m and m.start() > 0:
        start = m.start()
        while start > 0 and text[start - 1] == " ":
            start -= 1
        yield Fix(start, len(text), "", "plugin-tags", "translation plugin's tag list")


_SHORTCODE = regex.compile(r"\[(/?)([a-z][\w-]*)((?:\s+[^\[\]]*)?)\]", regex.IGNORECASE)
_HTML_TAG = regex.compile(r"<(?:img|a|/a|br|span|/span|strong|/strong|em|/em)\b[^<>]*>", regex.IGNORECASE)


def shortcodes(text: str) -> Iterator[Fix]:
    """Unexpanded CMS shortcodes (``[caption id=…]…[/caption]``, ``[gallery ids=…]``) are
    removed; the caption text between the tags is kept, HTML tags inside them are not.
    A tag is a shortcode when its name is a known one, or when it is closed by ``[/name]``
    in the same block, or when its name has ``_``/``-`` and it has ``key="value"``
    attributes (``[su_highlight color="red"]``): citations (``[1]``), editorial marks
    (``[sic]``) and markdown links never look like that."""
    names = word_list("shortcodes.txt")
    tags = list(_SHORTCODE.finditer(text))
    closed = {m.group(2).lower() for m in tags if m.group(1) == "/"}
    found = [
        m for m in tags
        if m.group(2).lower() in names
        or m.group(2).lower() in closed
        or (regex.search(r"[_-]", m.group(2)) and regex.search(r"\w=[\"'][^\"']*[\"']", m.group(3)))
    ]
    if not found:
        return
    if any(text[m.end() : m.end() + 1] == "(" for m in found):
        return  # a markdown link
    for m in found:
        yield Fix(m.start(), m.end(), "", "shortcode", f"unexpanded shortcode [{m.group(1)}{m.group(2)}]")
    first, last = found[0].end(), found[-1].start()
    for h in _HTML_TAG.finditer(text, first, max(first, last)):
        yield _remove_token(text, h.start(), h.end(), "shortcode", "HTML inside a shortcode")


_TEMPLATE_VAR = regex.compile(
    r"\{\{\s*[\w.\-|: ]{1,60}?\s*\}\}"  # {{ name }}
    r"|\{%[^%{}]{1,80}%\}"  # {% tag %}
    r"|\$\{\w{1,40}\}"  # ${name}
    r"|%%\w{1,40}%%"  # %%NAME%%
    r"|(?<![\w%])%(?:\d\$)?[sd](?![\w%])"  # printf %s %d
    r"|\[object Object\]"
)


_TEMPLATE_ONLY = regex.compile(r"(?:" + _TEMPLATE_VAR.pattern + r")(?:\s*(?:" + _TEMPLATE_VAR.pattern + r"))*")


def template_vars(text: str) -> Iterator[Fix]:
    """Unfilled template variables (``{{name}}``, ``%s``, ``${x}``, ``[object Object]``)."""
    for m in _TEMPLATE_VAR.finditer(text):
        yield _remove_token(text, m.start(), m.end(), "template-var", f"unfilled template variable {m.group()!r}")


_STRAY_BLOCK = regex.compile(r"^(?:(?:undefined|null|NaN|None|\[object Object\])[\s,;|/]*)+$")
_STRAY_TOKEN = regex.compile(
    r"(?<=\b(?:by|By|from|From)\s)undefined(?=$|[\s.,;:!?])"  # Posted by undefined
    r"|(?<=,\s)undefined(?=[!.?]?$)"  # Welcome back, undefined!
    r"|(?<=^[\w ]{1,30}:\s*)(?:undefined|null|NaN)(?=\s*$)"  # Price: NaN
    r"|(?<=[$€£¥]\s?)NaN\b"  # $NaN
    r"|\bNaN\s?%"  # NaN%
    r"|\b(?:undefined|null)(?=\s(?:undefined|null)\b)|(?<=\b(?:undefined|null)\s)(?:undefined|null)\b"
)


def stray_tokens(text: str) -> Iterator[Fix]:
    """JavaScript's ``undefined`` / ``NaN`` / ``null`` where a template value was missing:
    after a label (``Price: NaN``), a currency sign, ``by``, or doubled. The words in a
    sentence (``the behaviour is undefined``, ``null hypothesis``) are kept."""
    for m in _STRAY_TOKEN.finditer(text):
        yield _remove_token(text, m.start(), m.end(), "stray-token", f"stray {m.group()!r} from a template")


_READ_MORE = regex.compile(r"\s*\[(?:…|\.\.\.|&#8230;|&hellip;)\]\s*$")


def read_more(text: str) -> Iterator[Fix]:
    """An excerpt's ``[…]`` / ``[&#8230;]`` stub at the end of a block (an elision inside a
    quotation, mid-sentence, is kept)."""
    m = _READ_MORE.search(text)
    if m and m.start() > 0:
        yield Fix(m.start(), m.end(), "", "read-more", "read-more stub of an excerpt")


def is_lorem_ipsum(text: str) -> bool:
    """A block of lorem-ipsum filler: it says "lorem ipsum" or "dolor sit amet" and at
    least 70% of its words are filler words."""
    low = text.lower()
    if "lorem ipsum" not in low and "dolor sit amet" not in low:
        return False
    words = regex.findall(r"\p{L}+", low)
    if len(words) < 4:
        return False
    vocabulary = word_list("lorem.txt")
    return sum(w in vocabulary for w in words) >= 0.7 * len(words)


def _remove_token(text: str, start: int, end: int, rule: str, reason: str) -> Fix:
    """A removal of ``text[start:end]`` together with one side's spaces, so no double space
    or space before punctuation is left."""
    s, e = start, end
    while e < len(text) and text[e] == " ":
        e += 1
    if e == end or e == len(text) or (s > 0 and text[s - 1] == " " and not text[e].isalnum()):
        e = end
        while s > 0 and text[s - 1] == " ":
            s -= 1
    return Fix(s, e, "", rule, reason)


#: Template leftovers, blanked out before judging whether a line is code.
_LEFTOVERS = regex.compile(
    "|".join(p.pattern for p in (_TEMPLATE_VAR, _SHORTCODE, _HTML_TAG, _TAGS_TO_TRANSLATE, _READ_MORE))
    + r"|\(T\)|\b(?:https?|ftp)://\S+|\bwww\.\S+",
    regex.IGNORECASE,
)


# --- the stage --------------------------------------------------------------------------

def quote_convention(text: str) -> tuple[str, str]:
    """The document's double quotes: curly if it uses curly ones and no straight ones."""
    if "“" in text and '"' not in text:
        return "“", "”"
    return '"', '"'


def block_drop_rule(text: str, in_listing: bool) -> tuple[str, str] | None:
    """The rule and reason for dropping a whole block, if it is template garbage.
    ``in_listing``: the block is inside a fenced or indented code listing."""
    if in_listing:
        return None
    if is_plugin_tag_line(text):
        return "plugin-tags", "translation plugin's tag line"
    if _STRAY_BLOCK.match(text):
        return "stray-token", "a block of template values only"
    if is_lorem_ipsum(text):
        return "lorem-ipsum", "lorem ipsum filler"
    if _TEMPLATE_ONLY.fullmatch(text):
        return "template-var", "a block of unfilled template variables only"
    if _READ_MORE.fullmatch(text) or text in ("[…]", "[...]", "[&#8230;]", "[&hellip;]"):
        return "read-more", "read-more stub"
    return None


#: Rules whose matches are markup by construction: URLs or file names inside them are theirs.
_UNPROTECTED_RULES = frozenset({"plugin-tags", "shortcode", "read-more"})


#: Guillemets spaced on their inner side, as French typography sets them (``« Bonjour »``);
#: a right-to-left source's stray ``»Word`` has no space after it.
_SPACED_GUILLEMETS = regex.compile(r"«\s[^«»]*\s»")
_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")
_LETTER = regex.compile(r"\p{L}")


def _mostly_latin(text: str) -> bool:
    """Whether most letters of the block are Latin: quotes of a Cyrillic or Greek sentence
    quoted in an English document follow that sentence's own convention."""
    letters = len(_LETTER.findall(text))
    return letters == 0 or len(_LATIN_LETTER.findall(text)) * 2 > letters


def block_fixes(text: str, doc: Document, code: bool, convention: tuple[str, str], doc_letters: int) -> list[Fix]:
    """Every fix proposed for one block, earlier rules winning over overlapping later ones."""
    lang = (doc.language or "").split("-")[0] or None
    if _SPACED_GUILLEMETS.search(text):
        lang = "fr"  # a block in French typography (« x ») inside a document in another language
    rules: list[Callable[[], Iterator[Fix]]] = [
        lambda: plugin_tags(text),
        lambda: shortcodes(text),
        lambda: template_vars(text),
        lambda: stray_tokens(text),
        lambda: read_more(text),
        lambda: foreign_digits(text, doc.text, doc_letters),
    ]
    if code:  # in code, %s, {{x}} and spacing are the author's; stray foreign digits are not
        rules = [lambda: foreign_digits(text, doc.text, doc_letters)]
    elif not _RTL_LETTER.search(text):
        if lang in word_list("straight_quote_languages.txt") and _mostly_latin(text):
            rules.append(lambda: rtl_quotes(text, convention))
        rules += [
            lambda: space_hyphen(text),
            lambda: space_before_punct(text, lang),
            lambda: missing_space(text),
            lambda: doubled_punct(text),
        ]
    protected = Spans(protected_spans(text))
    chosen: list[Fix] = []
    taken = Spans()
    for rule in rules:
        proposed = list(rule())
        if proposed and proposed[0].rule in _UNPROTECTED_RULES:
            pass
        elif any(_overlaps(f.start, max(f.end, f.start + 1), protected) for f in proposed):
            proposed = [f for f in proposed if not _overlaps(f.start, max(f.end, f.start + 1), protected)]
            if any(f.rule == "rtl-quotes" for f in proposed):
                proposed = [f for f in proposed if f.rule != "rtl-quotes"]  # never half a pair
        if any(_clashes(f, taken) for f in proposed if f.rule == "rtl-quotes"):
            proposed = [f for f in proposed if f.rule != "rtl-quotes"]
        accepted = [f for f in proposed if not _clashes(f, taken)]
        for f in accepted:  # fixes of one rule are judged against earlier rules only
            taken.add(f.start, f.end)
        chosen += accepted
    return sorted(chosen, key=lambda f: (f.start, f.end))


def _clashes(fix: Fix, taken: Spans) -> bool:
    """Whether a fix overlaps (or, as an insertion, touches the inside of) a chosen one."""
    for s, e in taken.near(fix.start, fix.end):
        if fix.start < e and s < fix.end:
            return True
        if fix.start == fix.end and s < fix.start < e:
            return True
        if s == e and fix.start < s < fix.end:
            return True
        if fix.start == fix.end == s == e:
            return True
    return False


def run(doc: Document, ctx: Context) -> Document:
    """Apply every rule to every block and log each change with its rule."""
    if not ctx.config.placeholders:
        return doc
    text = doc.text
    code = code_lines(text)
    listing = code_lines(text, code_like=False)  # fenced or indented listings: nothing is touched
    convention = quote_convention(text)
    doc_letters = _letters(text)
    edits: list[Edit] = []
    for block in doc.blocks():
        line_start = text.rfind("\n", 0, block.start) + 1
        drop = block_drop_rule(block.text, line_start in listing)
        if drop is not None:
            edits.append(_drop_edit(text, block, drop[0], drop[1]))
            continue
        if line_start in listing:
            continue
        fixes = block_fixes(block.text, doc, line_start in code or looks_like_code(block.text), convention, doc_letters)
        if not fixes:
            continue
        result = _apply_fixes(block.text, fixes)
        if not result.strip() or not regex.search(r"[\p{L}\p{N}]", result):
            rule = fixes[0].rule
            edits.append(_drop_edit(text, block, rule, f"nothing left after removing {rule}"))
            continue
        for f in fixes:
            edits.append(
                Edit(
                    stage=NAME,
                    rule=f.rule,
                    start=block.start + f.start,
                    end=block.start + f.end,
                    before=block.text[f.start : f.end],
                    after=f.after,
                    reason=f.reason,
                    evidence={"context": _context(block.text, f.start, f.end)},
                )
            )
    edits = _without_overlaps(edits)
    if not edits:
        return doc
    out = doc.apply(edits)
    counts: dict[str, int] = {}
    for e in edits:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    return out.with_note(NAME, {"rules": dict(sorted(counts.items()))})


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    """Edits sorted by position; a dropped block's line break that a neighbouring drop
    already takes is left to it."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and e.start < out[-1].end:
            if e.kind != "drop" or e.end <= out[-1].end:
                continue
            cut = out[-1].end
            e = Edit(e.stage, e.rule, cut, e.end, e.before[cut - e.start :], "", e.reason, "drop", e.evidence)
        out.append(e)
    return out


def _drop_edit(text: str, block: Block, rule: str, reason: str) -> Edit:
    start, end = block_extent(text, block)
    return Edit(NAME, rule, start, end, text[start:end], "", reason, kind="drop", evidence={"block": block.index})


def _apply_fixes(text: str, fixes: list[Fix]) -> str:
    return splice(text, ((f.start, f.end, f.after) for f in fixes))


def _context(text: str, start: int, end: int, width: int = 25) -> str:
    return text[max(0, start - width) : end + width]


STAGE = Stage(NAME, run, "machine-translation and template garbage: foreign digits, quotes, spacing, plugin leftovers")
