"""Stage ``mojibake``: encoding damage, HTML entities, control characters, by ftfy.

ftfy runs line by line (as ``ftfy.fix_text`` does internally); each changed line is one
edit whose rule names ftfy's plan. Lines that are plain printable ASCII with no ``&`` or
escape character cannot be changed by any ftfy fix and are skipped without calling it,
which is what keeps this stage at about the cost of ftfy on the lines that need it.

Defaults differ from ftfy's where ftfy would damage correct text:
``fix_character_width`` is off (it maps CJK full-width punctuation such as ``，`` to ASCII)
and ``fix_line_breaks`` is off (the ``decode`` stage already normalised line breaks).
``uncurl_quotes`` stays on: canonical plain text uses straight quotes, as ftfy does.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ftfy

from .config import Config, Context
from .document import Document, Edit, narrow
from .stage import Stage

NAME = "mojibake"

#: Printable ASCII without '&' (HTML entities) or ESC (terminal escapes): nothing to fix.
_NOTHING_TO_FIX = re.compile(r"[ -%'-~\t]*\Z")
_ENCODING_STEPS = frozenset(
    {"encode", "decode", "transcode", "restore_byte_a0", "replace_lossy_sequences", "decode_inconsistent_utf8", "fix_c1_controls"}
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


def fix_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, list[str]]:
    """Fix one line; return the fixed line and ftfy's plan as step names."""
    if _NOTHING_TO_FIX.match(line):
        return line, []
    fixed, plan = ftfy.fix_and_explain(line, config)
    steps = [step for _kind, step in (plan or [])]
    return fixed, steps


def _rule_for(steps: list[str]) -> str:
    """A short rule name: ``encoding`` for any charset repair, else ftfy's step names."""
    if any(step in _ENCODING_STEPS or "-" in step or step.startswith(("sloppy", "latin", "utf", "cp", "mac")) for step in steps):
        return "encoding"
    return "+".join(dict.fromkeys(steps)) or "ftfy"


def fix_mojibake(doc: Document, ctx: Context) -> Document:
    """Run ftfy over every line that could need it and log each changed line."""
    config = config_for(ctx.config)
    edits: list[Edit] = []
    pos = 0
    for line in doc.text.split("\n"):
        fixed, steps = fix_line(line, config)
        if fixed != line:
            edits.append(
                narrow(Edit(
                    stage=NAME,
                    rule=_rule_for(steps),
                    start=pos,
                    end=pos + len(line),
                    before=line,
                    after=fixed.replace("\n", " "),
                    reason="ftfy: " + ", ".join(dict.fromkeys(steps)),
                    evidence={"plan": steps},
                ))
            )
        pos += len(line) + 1
    return doc.apply(edits)


STAGE = Stage(NAME, fix_mojibake, "encoding damage, HTML entities, control characters (ftfy)")
