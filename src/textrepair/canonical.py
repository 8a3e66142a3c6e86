"""Stage ``canonical``: canonical plain text.

One block per paragraph, blocks separated by exactly one blank line, exactly one final
newline (none for an empty document). Inside a block: NFC, no control characters, every
kind of space (tab, NBSP, thin spaces) a plain space, runs of spaces collapsed, invisible
zero-width spaces and soft hyphens removed, bullets written ``• item``. Zero-width
(non-)joiners are kept: Persian, Indic scripts and emoji need them.
Hard-wrapped paragraphs (e-mail, e-books) are joined into one line; see
:func:`textrepair.document.is_hard_wrapped`.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from .config import Context
from .document import Document, Edit, split_blocks
from .stage import Stage

NAME = "canonical"

# Controls (Cc) except tab and newline (tabs become spaces below), plus invisible format
# characters that carry no meaning in plain text (zero-width space, word joiner, BOM,
# soft hyphen, interlinear annotations).
INVISIBLE = regex.compile(r"[^\P{Cc}\t\n]|[\u200b\u2060\ufeff\u00ad\ufff9-\ufffb\U000e0001]")
_SPACES = regex.compile(r"[\p{Zs}\t\n]+")
_BULLETS = "•◦▪▫●○■□·‣⁃∙"
_BULLET = regex.compile(rf"^([{_BULLETS}])[ ]*(?=\S)")
#: Anything the rules below could change (a superset, checked with the fast ``re``):
#: controls, every space separator but a single ASCII space, the invisible characters,
#: and spaces at either end. Most blocks match nothing and are returned as they are.
_MAYBE_CHANGED = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\u2060\ufeff\u00ad\ufff9-\ufffb"
    r"\U000e0001]|  |^\s|\s$"
)


def canonical_block(text: str, ascii: bool = False) -> tuple[str, list[str]]:
    """Canonical form of one block and the names of the rules that changed it."""
    if (
        not ascii
        and not _MAYBE_CHANGED.search(text)
        and text[:1] not in _BULLETS
        and unicodedata.is_normalized("NFC", text)
    ):
        return text, []
    rules: list[str] = []
    out = INVISIBLE.sub("", text)
    if out != text:
        rules.append("invisible")
    spaced = _SPACES.sub(" ", out).strip()
    if spaced != out:
        rules.append("wrapped-lines" if "\n" in out.strip() else "whitespace")
    out = spaced
    bulleted = _BULLET.sub(r"\1 ", out)
    if bulleted != out:
        rules.append("bullet")
    out = bulleted
    normal = unicodedata.normalize("NFC", out)
    if normal != out:
        rules.append("nfc")
    out = normal
    if ascii:
        transliterated = to_ascii(out)
        if transliterated != out:
            rules.append("ascii")
        out = transliterated
    return out, rules


def to_ascii(text: str) -> str:
    """ASCII transliteration with unidecode (the optional ``textrepair[ascii]`` extra)."""
    try:
        from unidecode import unidecode
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("ascii=True needs the optional extra: pip install 'textrepair[ascii]'") from err
    return str(unidecode(text))


def canonicalize(doc: Document, ctx: Context) -> Document:
    """Rewrite the document in canonical form, logging each changed block and separator."""
    text = doc.text
    kept = []
    for block in split_blocks(text, ctx.config.join_wrapped):
        fixed, rules = canonical_block(block.text, ctx.config.ascii)
        if fixed:  # a block of invisible characters only becomes part of the gap
            kept.append((block, fixed, rules))
    edits: list[Edit] = []
    prev_end = 0
    for i, (block, fixed, rules) in enumerate(kept):
        gap = text[prev_end : block.start]
        wanted_gap = "" if i == 0 else "\n\n"
        if gap != wanted_gap:
            reason = "blocks separated by one blank line"
            edits.append(Edit(NAME, "layout", prev_end, block.start, gap, wanted_gap, reason))
        if fixed != block.text:
            rule, reason = "+".join(rules) or "block", "canonical block: " + ", ".join(rules)
            edits.append(Edit(NAME, rule, block.start, block.end, block.text, fixed, reason))
        prev_end = block.end
    tail = text[prev_end:]
    wanted_tail = "\n" if kept else ""
    if tail != wanted_tail:
        edits.append(Edit(NAME, "layout", prev_end, len(text), tail, wanted_tail, "exactly one final newline"))
    return doc.apply(edits)


STAGE = Stage(NAME, canonicalize, "canonical plain text: NFC, one block per paragraph, one blank line between")
