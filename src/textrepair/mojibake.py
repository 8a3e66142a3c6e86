"""Stage ``mojibake``: encoding damage, HTML entities, control characters, by ftfy.

ftfy runs line by line (as ``ftfy.fix_text`` does internally); each changed line is one
edit whose rule names ftfy's plan. Lines that are plain printable ASCII with no ``&`` or
escape character cannot be changed by any ftfy fix and are skipped without calling it,
which is what keeps this stage at about the cost of ftfy on the lines that need it.

Defaults differ from ftfy's where ftfy would damage correct text:
``fix_character_width`` is off (it maps CJK full-width punctuation such as ``，`` to ASCII)
and ``fix_line_breaks`` is off (the ``decode`` stage already normalised line breaks).
``uncurl_quotes`` stays on: canonical plain text uses straight quotes, as ftfy does.

Beyond ftfy: a line that is UTF-8 read as cp1251 or Mac Roman *as a whole* is read back
(:func:`whole_line_utf8`); ftfy leaves Latin text read as cp1251 and Cyrillic read as Mac
Roman. And the result of each line is a fixed point of the stages that follow, so that
cleaning the output again changes nothing (:func:`fix_line`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy
import regex

from .canonical import INVISIBLE, canonical_block
from .config import Config, Context
from .document import Document, Edit, narrow
from .stage import Stage

NAME = "mojibake"

#: Printable ASCII without '&' (HTML entities) or ESC (terminal escapes): nothing to fix.
_NOTHING_TO_FIX = re.compile(r"[ -%'-~\t]*\Z")
_ENCODING_STEPS = frozenset(
    {
        "encode",
        "decode",
        "transcode",
        "restore_byte_a0",
        "replace_lossy_sequences",
        "decode_inconsistent_utf8",
        "fix_c1_controls",
    }
)


@lru_cache(maxsize=16)
def ftfy_config(
    unescape_html: bool | str, uncurl_quotes: bool, fix_latin_ligatures: bool, fix_character_width: bool
) -> ftfy.TextFixerConfig:
    """The ftfy configuration for our options (cached: it is an immutable value)."""
    return ftfy.TextFixerConfig(
        unescape_html=unescape_html,
        uncurl_quotes=uncurl_quotes,
        fix_latin_ligatures=fix_latin_ligatures,
        fix_character_width=fix_character_width,
        fix_line_breaks=False,
        normalization="NFC",
        explain=True,
    )


def config_for(options: Config) -> ftfy.TextFixerConfig:
    """ftfy's config for a textrepair :class:`Config`."""
    return ftfy_config(
        options.unescape_html, options.uncurl_quotes, options.fix_latin_ligatures, options.fix_character_width
    )


#: Charsets whose reading of UTF-8 bytes ftfy does not (always) undo; see :func:`whole_line_utf8`.
_WHOLE_LINE_ENCODINGS = ("sloppy-windows-1251", "mac_roman")
#: Characters a line read back as UTF-8 must decrease by (two 2-byte sequences, one 3-byte).
MIN_SEQUENCES = 2
#: Never the result of a right repair: controls (but tab), private use, unassigned, and
#: (in running text) IPA letters and spacing modifiers, common in misread symbol soup.
_IMPLAUSIBLE = regex.compile(r"[^\P{Cc}\t]|\p{Co}|\p{Cn}|[\u0250-\u02ff]")
#: Scripts told apart by :func:`_one_script`, and letters of any script not among them.
_SCRIPT_NAMES = (
    "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Thai",
    "Armenian", "Georgian", "Han", "Hiragana", "Katakana", "Hangul",
)  # fmt: skip
_SCRIPTS = (
    ("Latin", regex.compile(r"[\p{Script=Latin}--\p{ASCII}]", regex.V1)),
    *((name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPT_NAMES),
)
_OTHER_LETTER = regex.compile(
    r"[\p{L}\p{M}--[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}"
    + "".join(rf"\p{{Script={name}}}" for name in _SCRIPT_NAMES)
    + "]]",
    regex.V1,
)
#: ftfy steps after which another pass cannot find anything new.
_FINAL_STEPS = frozenset({"uncurl_quotes", "fix_latin_ligatures", "fix_character_width"})
#: ftfy passes per line; a later pass only runs when the previous one changed the line.
MAX_PASSES = 4


def fix_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, list[str]]:
    """Fix one line; return the fixed line and ftfy's plan as step names.

    Cleaning the output again must change nothing, so the result is a fixed point of
    everything that follows: ftfy runs until the line stops changing, and if the line is
    not in canonical form, ftfy then also sees it as the canonical stage will leave it
    (ftfy's verdict on ``"\\u00a0Ã©"`` differs from its verdict on ``"Ã©"``; a deleted
    soft hyphen or C1 control can join the halves of a mojibake sequence). The raw line
    goes first: its C1 controls and soft hyphens may be bytes of the mojibake itself.
    """
    if _NOTHING_TO_FIX.match(line):
        return line, []
    if len(line) > config.max_decode_length:
        return _fix_long_line(line, config)
    current, steps = _repair(line, config)
    if not any(_is_encoding_step(step) for step in steps):
        # ftfy's own fixes (straightened quotes) can break up a line that is UTF-8 in
        # disguise as a whole: then the raw line decides
        whole = whole_line_utf8(line)
        if whole is not None:
            current, more = _repair(whole[0], config)
            steps = [f"transcode:{whole[1]}", *more]
    for _ in range(MAX_PASSES):
        canonical, _rules = canonical_block(current)
        if canonical == current:
            break
        refixed, more = _repair(canonical, config)
        if refixed == canonical:
            break
        current = refixed
        steps += ["canonical_form", *more]
    return current, steps


def whole_line_utf8(line: str) -> tuple[str, str] | None:
    """The line read back as UTF-8, if all of it is UTF-8 shown as cp1251 or Mac Roman.

    ftfy only tries cp1251 where the result is Cyrillic and never Mac Roman for Cyrillic,
    so it leaves ``"niГ±os"`` (Spanish read as cp1251) and ``"–ì–æ—Ä–æ–¥"`` (Russian read as
    Mac Roman). We ask more of the evidence than ftfy does: every non-ASCII character of
    the line must belong to a valid UTF-8 sequence (real Cyrillic or Latin text never
    does: two letters in a row, or one accent between ASCII letters, break it), there
    must be :data:`MIN_SEQUENCES` of them, and the result must hold no control, private
    use or unassigned character.
    """
    if line.isascii():
        return None
    for encoding in _WHOLE_LINE_ENCODINGS:
        try:
            decoded = line.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if len(line) - len(decoded) >= MIN_SEQUENCES and not _IMPLAUSIBLE.search(decoded) and _one_script(decoded):
            return decoded, encoding
    return None


def _one_script(text: str) -> bool:
    """Whether the non-ASCII letters of ``text`` are all of one script (Han with kana or
    Hangul counting as one): what text in one language looks like, and what random
    symbols read as UTF-8 (``"҃ɍ"``, ``"ˡэ"``) do not."""
    found = {name for name, pattern in _SCRIPTS if pattern.search(text)}
    if found & {"Hiragana", "Katakana", "Hangul"}:
        found -= {"Han", "Hiragana", "Katakana"}
    return len(found) <= 1 and not _OTHER_LETTER.search(text)


def _is_encoding_step(step: str) -> bool:
    """Whether an ftfy step name is a charset repair."""
    prefixes = ("sloppy", "latin", "utf", "cp", "mac", "transcode")
    return step in _ENCODING_STEPS or "-" in step or step.startswith(prefixes)


def _fix_long_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, list[str]]:
    """A line longer than ftfy's ``max_decode_length``, fixed in segments of at most that
    length (as ``ftfy.fix_text`` does, to bound its cost), cut after a space if there is one."""
    limit = config.max_decode_length
    parts: list[str] = []
    steps: list[str] = []
    pos = 0
    while pos < len(line):
        end = min(len(line), pos + limit)
        if end < len(line):
            space = line.rfind(" ", pos + limit // 2, end)
            end = space + 1 if space >= 0 else end
        fixed, more = _fixed_point(line[pos:end], config)
        parts.append(fixed.replace("\n", " "))
        steps += more
        pos = end
    return "".join(parts), steps


def _repair(text: str, config: ftfy.TextFixerConfig) -> tuple[str, list[str]]:
    """ftfy to a fixed point, then whole-line re-reads (:func:`whole_line_utf8`) for as
    long as one applies."""
    current, steps = _fixed_point(text, config)
    for _ in range(MAX_PASSES):
        whole = whole_line_utf8(current)
        if whole is None:
            break
        current, more = _fixed_point(whole[0], config)
        steps += [f"transcode:{whole[1]}", *more]
    return current, steps


def _fixed_point(line: str, config: ftfy.TextFixerConfig) -> tuple[str, list[str]]:
    """ftfy (at most :data:`MAX_PASSES` times) until the line stops changing.

    Another pass is skipped when the last one only made final-form changes (quotes,
    ligatures, width), which cannot uncover mojibake: most changed lines of ordinary
    text are curly quotes, and this keeps them at one ftfy call.
    """
    steps: list[str] = []
    current = line
    for _ in range(MAX_PASSES):
        fixed, plan = ftfy.fix_and_explain(current, config)
        if fixed == current:
            break
        new_steps = [step for _kind, step in (plan or [])]
        steps.extend(new_steps)
        current = fixed
        if _FINAL_STEPS.issuperset(new_steps):
            break
    return current, steps


def _rule_for(steps: list[str]) -> str:
    """A short rule name: ``encoding`` for any charset repair, else ftfy's step names."""
    if any(_is_encoding_step(step) for step in steps):
        return "encoding"
    return "+".join(dict.fromkeys(steps)) or "ftfy"


def _reason(steps: list[str]) -> str:
    """The edit's reason: ftfy's steps, and our whole-line re-read if there was one."""
    ours = [s.split(":", 1)[1] for s in steps if s.startswith("transcode:")]
    theirs = ", ".join(dict.fromkeys(s for s in steps if not s.startswith("transcode:")))
    if not ours:
        return "ftfy: " + theirs
    return f"whole line was UTF-8 read as {ours[0]}" + (f"; then ftfy: {theirs}" if theirs else "")


#: Anything :func:`tidy_line` would change, but NFC: an invisible character, an odd space,
#: two spaces after anything but a space (indentation is kept), trailing white space.
_UNTIDY = regex.compile(INVISIBLE.pattern + r"|[^\S\t\n ]|(?<=[^ ])  |[ \t]\Z")
_INNER_SPACE = regex.compile(r"[^\S\t\n]+")


def tidy_line(line: str) -> str:
    """The line with invisible characters removed, runs of spaces made one space and no
    trailing space, in NFC — leading indentation and tabs (table cells) kept.

    Later stages (chrome, placeholders) judge lines in this form, so what they decide
    does not change when the canonical stage has normalised the line: cleaning twice
    gives the same result as cleaning once.
    """
    if line.isascii() and line.isprintable() and "  " not in line and not line.endswith(" "):
        return line  # the common case, by str methods alone
    if not _UNTIDY.search(line) and unicodedata.is_normalized("NFC", line):
        return line
    body = line.lstrip(" \t")
    lead = line[: len(line) - len(body)]
    body = _INNER_SPACE.sub(" ", INVISIBLE.sub("", body)).rstrip()
    return lead + unicodedata.normalize("NFC", body) if body else ""


def fix_mojibake(doc: Document, ctx: Context) -> Document:
    """Run ftfy over every line that could need it and log each changed line."""
    config = config_for(ctx.config)
    edits: list[Edit] = []
    pos = 0
    for line in doc.text.split("\n"):
        fixed, steps = fix_line(line, config)
        tidy = tidy_line(fixed.replace("\n", " "))
        if tidy != fixed:
            steps = [*steps, "tidy_spaces"]
            fixed = tidy
        if fixed != line:
            edits.append(
                narrow(Edit(
                    stage=NAME,
                    rule=_rule_for(steps),
                    start=pos,
                    end=pos + len(line),
                    before=line,
                    after=fixed.replace("\n", " "),
                    reason=_reason(steps),
                    evidence={"plan": steps},
                ))
            )
        pos += len(line) + 1
    return doc.apply(edits)


STAGE = Stage(NAME, fix_mojibake, "encoding damage, HTML entities, control characters (ftfy)")
