"""The document model: text, its blocks, and the log of what each stage did.

Every stage takes a :class:`Document` and returns a new one. Changes are recorded as
:class:`Edit` objects whose spans refer to the text *as the stage received it*, so that
replaying the edits stage by stage (:func:`replay`) reproduces the output exactly.
A dropped block is an edit of kind ``"drop"`` that deletes the block and its line break.
"""

from __future__ import annotations

import dataclasses
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
        edits = []
        for block, rule, reason, evidence in drops:
            start, end = block_extent(self.text, block)
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
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]:
        tail += 1
    return dataclasses.replace(
        edit,
        start=edit.start + head,
        end=edit.end - tail,
        before=before[head : len(before) - tail],
        after=after[head : len(after) - tail],
    )


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits sorted by position; checks that ``before`` matches."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit.stage}/{edit.rule} at {edit.start}")
        if text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit {edit.stage}/{edit.rule} at {edit.start} does not match the text")
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


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


def is_hard_wrapped(text: str) -> bool:
    """Whether paragraphs span several lines (e-mail, e-book) rather than one line each.

    Scraped page text puts one block on each line. Hard-wrapped text has blank-line
    separated paragraphs whose lines are cut at a steady width, most of them not at a
    sentence end. We require both signals on a majority of line breaks inside paragraphs.
    """
    lines = [ln.rstrip() for ln in text.split("\n")]
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 4:
        return False
    lengths = sorted(len(ln) for ln in nonblank)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 100 or width < 30:
        return False
    wrapped = breaks = 0
    for cur, nxt in zip(lines, lines[1:]):
        if not cur.strip() or not nxt.strip():
            continue
        breaks += 1
        long_enough = len(cur) >= 0.6 * width
        mid_sentence = not cur.rstrip().endswith((".", "!", "?", ":", '"', "”"))
        if long_enough and (mid_sentence or nxt.lstrip()[:1].islower()) and not _BULLET.match(nxt):
            wrapped += 1
    return breaks >= 3 and wrapped >= 0.5 * breaks


_BULLET = re.compile(r"\s*(?:[•·▪●◦\-*–]|\d{1,3}[.)])\s")


def split_blocks(text: str, wrapped: bool | None = None) -> list[Block]:
    """Split text into blocks: one per non-empty line, or, for hard-wrapped text, one per
    blank-line separated paragraph. ``wrapped=None`` detects which (:func:`is_hard_wrapped`)."""
    if wrapped is None:
        wrapped = is_hard_wrapped(text)
    blocks: list[Block] = []
    if wrapped:
        pos = 0
        for match in _BLANK_LINE.finditer(text + "\n\n"):
            _add_block(blocks, text, pos, min(match.start(), len(text)))
            pos = match.end()
        return blocks
    pos = 0
    for line in text.split("\n"):
        _add_block(blocks, text, pos, pos + len(line))
        pos += len(line) + 1
    return blocks


def _add_block(blocks: list[Block], text: str, start: int, end: int) -> None:
    """Append the span, trimmed of surrounding whitespace, if it has any content."""
    segment = text[start:end]
    stripped = segment.strip()
    if not stripped:
        return
    lead = len(segment) - len(segment.lstrip())
    s = start + lead
    blocks.append(Block(start=s, end=s + len(stripped), text=stripped, index=len(blocks)))
