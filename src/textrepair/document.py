"""The document model: text, its blocks, and the log of what each stage did.

Every stage takes a :class:`Document` and returns a new one. Changes are recorded as
:class:`Edit` objects whose spans refer to the text *as the stage received it*, so that
replaying the edits stage by stage (:func:`replay`) reproduces the output exactly.
A dropped block is an edit of kind ``"drop"`` that deletes the block and its line break.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

EditKind = Literal["replace", "drop"]


@dataclass(frozen=True)
class Edit:
    """One change made by a stage: ``text[start:end]`` (``before``) became ``after``."""

    stage: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    kind: EditKind = "replace"
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable view, as written to ``--report``."""
        return {
            "stage": self.stage,
            "rule": self.rule,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of a text: a span ``[start, end)`` without its line break."""

    start: int
    end: int
    text: str
    index: int


@dataclass(frozen=True)
class Document:
    """Text flowing through the pipeline, with its language, metadata and edit log.

    ``notes`` carries per-stage findings that are not edits (for instance the spun-text
    detection score); stages add to it with :meth:`with_note`.
    """

    text: str
    language: str | None = None
    source: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)

    def blocks(self) -> list[Block]:
        """The document's blocks (see :func:`split_blocks`)."""
        return split_blocks(self.text)

    def with_text(self, text: str) -> Document:
        """A copy with new text and the edit log unchanged (for stages that log separately)."""
        return dataclasses.replace(self, text=text)

    def with_note(self, stage: str, value: Any) -> Document:
        """A copy with ``notes[stage] = value``."""
        notes = dict(self.notes)
        notes[stage] = value
        return dataclasses.replace(self, notes=notes)

    def replace(self, **changes: Any) -> Document:
        """A copy with the given fields replaced."""
        return dataclasses.replace(self, **changes)

    def apply(self, edits: Iterable[Edit]) -> Document:
        """Apply edits (spans into the current text) and append them to the log."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return self
        text = apply_edits(self.text, ordered)
        return dataclasses.replace(self, text=text, edits=self.edits + tuple(ordered))

    def drop_blocks(
        self, stage: str, drops: Iterable[tuple[Block, str, str, Mapping[str, Any]]]
    ) -> Document:
        """Delete whole blocks, given as ``(block, rule, reason, evidence)``."""
        edits: list[Edit] = []
        taken = 0  # end of the previous drop: two drops never share a line break
        for block, rule, reason, evidence in sorted(drops, key=lambda d: d[0].start):
            start, end = block_extent(self.text, block)
            start = max(start, taken)
            taken = end
            edits.append(
                Edit(
                    stage=stage,
                    rule=rule,
                    start=start,
                    end=end,
                    before=self.text[start:end],
                    after="",
                    reason=reason,
                    kind="drop",
                    evidence=evidence,
                )
            )
        return self.apply(edits)


def narrow(edit: Edit) -> Edit:
    """The same edit with the common prefix and suffix of ``before``/``after`` trimmed,
    so the log shows only what changed."""
    before, after = edit.before, edit.after
    limit = min(len(before), len(after))
    head = _common_prefix(before, after, limit)
    tail = _common_prefix(before[head:][::-1], after[head:][::-1], limit - head)
    return dataclasses.replace(
        edit,
        start=edit.start + head,
        end=edit.end - tail,
        before=before[head : len(before) - tail],
        after=after[head : len(after) - tail],
    )


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b`` (at most ``limit``), compared in
    shrinking chunks so that a 4 MB line costs a few string comparisons, not a Python
    loop per character."""
    pos = 0
    for size in (4096, 256, 16, 1):
        while pos + size <= limit and a[pos : pos + size] == b[pos : pos + size]:
            pos += size
    return pos


def splice(text: str, replacements: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, after)`` span replaced; spans sorted, non-overlapping."""
    parts: list[str] = []
    pos = 0
    for start, end, after in replacements:
        parts.append(text[pos:start])
        parts.append(after)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits sorted by position; checks that ``before`` matches."""
    pos = 0
    for edit in edits:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit.stage}/{edit.rule} at {edit.start}")
        if text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit {edit.stage}/{edit.rule} at {edit.start} does not match the text")
        pos = edit.end
    return splice(text, ((e.start, e.end, e.after) for e in edits))


def replay(text: str, edits: Sequence[Edit]) -> str:
    """Rebuild a pipeline's output from its input and its edit log, stage by stage."""
    current = text
    i = 0
    while i < len(edits):
        j = i
        while j < len(edits) and edits[j].stage == edits[i].stage:
            j += 1
        current = apply_edits(current, sorted(edits[i:j], key=lambda e: (e.start, e.end)))
        i = j
    return current


def block_extent(text: str, block: Block) -> tuple[int, int]:
    """The span to delete for a dropped block: the block plus one line break after it
    (or before it, for the last block), so no empty line is left behind."""
    start, end = block.start, block.end
    if end < len(text) and text[end] == "\n":
        return start, end + 1
    if start > 0 and text[start - 1] == "\n":
        return start - 1, end
    return start, end


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


#: Line endings that close a sentence, Latin and CJK (a CJK page puts one sentence-final
#: paragraph on each short line: that is not hard wrapping).
_SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "。", "！", "？", "：", "」", "』", "）", "…", "؟", "।")


def is_hard_wrapped(text: str) -> bool:
    """Whether paragraphs span several lines (e-mail, e-book) rather than one line each.

    Scraped page text puts one block on each line. Hard-wrapped text has blank-line
    separated paragraphs whose lines are cut at a steady width, most of them not at a
    sentence end. We require both signals on a majority of line breaks inside paragraphs.
    """
    lines = [ln.rstrip() for ln in text.split("\n")]
    if sum(1 for ln in lines if ln.strip()) < 4:
        return False
    width = wrap_width(text)
    if width > 100 or width < 30:
        return False
    wrapped = breaks = 0
    for cur, nxt in itertools.pairwise(lines):
        if not cur.strip() or not nxt.strip():
            continue
        breaks += 1
        long_enough = len(cur) >= 0.6 * width
        mid_sentence = not cur.rstrip().endswith(_SENTENCE_ENDS)
        if long_enough and (mid_sentence or nxt.lstrip()[:1].islower()) and not _BULLET.match(nxt):
            wrapped += 1
    return breaks >= 3 and wrapped >= 0.5 * breaks


def wrap_width(text: str) -> int:
    """The width hard-wrapped text was cut at: the 90th percentile of its line lengths."""
    lengths = sorted(len(ln.rstrip()) for ln in text.split("\n") if ln.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


_BULLET = re.compile(r"\s*(?:[•·▪●◦\-*–]|\d{1,3}[.)])\s")


def split_blocks(text: str, wrapped: bool | None = None) -> list[Block]:
    """Split text into blocks: one per non-empty line, or, for hard-wrapped text, one per
    blank-line separated paragraph. ``wrapped=None`` detects which (:func:`is_hard_wrapped`)."""
    if wrapped is None:
        wrapped = is_hard_wrapped(text)
    blocks: list[Block] = []
    if wrapped:
        width = wrap_width(text)
        pos = 0
        for match in _BLANK_LINE.finditer(text + "\n\n"):
            _add_paragraph(blocks, text, pos, min(match.start(), len(text)), width)
            pos = match.end()
        return blocks
    pos = 0
    for line in text.split("\n"):
        _add_block(blocks, text, pos, pos + len(line))
        pos += len(line) + 1
    return blocks


def _add_paragraph(blocks: list[Block], text: str, start: int, end: int, width: int) -> None:
    """Append a blank-line separated paragraph of hard-wrapped text: one block for its
    wrapped lines, split after a line that ends well short of the width although the next
    word would have fitted (the author ended it: a signature, an address) and before a
    list item."""
    block_start = pos = start
    while (newline := text.find("\n", pos, end)) >= 0:
        line = text[pos:newline].rstrip()
        following = text[newline + 1 : end].split("\n", 1)[0]
        first_word = following.split()[0] if following.split() else ""
        ended = len(line) < 0.6 * width and len(line) + 1 + len(first_word) <= width
        if ended or _BULLET.match(following):
            _add_block(blocks, text, block_start, newline)
            block_start = newline + 1
        pos = newline + 1
    _add_block(blocks, text, block_start, end)


def _add_block(blocks: list[Block], text: str, start: int, end: int) -> None:
    """Append the span, trimmed of surrounding whitespace, if it has any content."""
    segment = text[start:end]
    stripped = segment.strip()
    if not stripped:
        return
    lead = len(segment) - len(segment.lstrip())
    s = start + lead
    blocks.append(Block(start=s, end=s + len(stripped), text=stripped, index=len(blocks)))
