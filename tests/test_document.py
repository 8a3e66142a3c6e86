"""The document model: edits, replay, dropped blocks, block splitting."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair.document import (
    Block,
    Document,
    Edit,
    apply_edits,
    block_extent,
    narrow,
    replay,
    split_blocks,
)


def edit(start: int, end: int, before: str, after: str, stage: str = "s") -> Edit:
    return Edit(stage, "r", start, end, before, after, "because")


def test_apply_and_log() -> None:
    doc = Document("hello world")
    out = doc.apply([edit(6, 11, "world", "there"), edit(0, 5, "hello", "hi")])
    assert out.text == "hi there"
    assert [e.start for e in out.edits] == [0, 6]  # sorted by position
    assert doc.text == "hello world" and doc.edits == ()  # the original is untouched


def test_apply_nothing_returns_the_same_document() -> None:
    doc = Document("x")
    assert doc.apply([]) is doc


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [edit(0, 3, "abc", ""), edit(2, 4, "cd", "")])


def test_out_of_range_edit_is_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abc", [edit(2, 9, "c", "")])


def test_edit_must_match_the_text() -> None:
    with pytest.raises(ValueError, match="does not match"):
        apply_edits("abc", [edit(0, 1, "z", "y")])


def test_insertion_at_the_end() -> None:
    assert apply_edits("abc", [edit(3, 3, "", "\n")]) == "abc\n"


def test_replay_stage_by_stage() -> None:
    """Spans refer to the text each stage received, so replay applies them stage by stage."""
    first = Document("aa bb").apply([edit(0, 2, "aa", "a", "one")])
    second = first.apply([edit(2, 4, "bb", "BBB", "two")])
    assert second.text == "a BBB"
    assert replay("aa bb", second.edits) == "a BBB"


def test_narrow_trims_common_prefix_and_suffix() -> None:
    e = narrow(edit(10, 19, "cafÃ© bar", "café bar"))
    assert (e.start, e.end, e.before, e.after) == (13, 15, "Ã©", "é")


def test_narrow_on_a_long_line_is_fast_and_right() -> None:
    line = "x" * 1_000_000
    e = narrow(edit(0, len(line) + 2, line + "ab", line + "b"))
    assert (e.start, e.before, e.after) == (1_000_000, "a", "")


@settings(max_examples=300, deadline=None)
@given(st.text("ab\n", max_size=12), st.text("ab\n", max_size=12))
def test_narrow_keeps_the_edit_equivalent(before: str, after: str) -> None:
    e = narrow(edit(3, 3 + len(before), before, after))
    text = "xyz" + before + "!"
    assert apply_edits(text, [e]) == "xyz" + after + "!"


def test_to_dict_is_json() -> None:
    e = Edit("mojibake", "encoding", 0, 2, "Ã©", "é", "ftfy", evidence={"plan": ["encode"]})
    data = json.loads(json.dumps(e.to_dict()))
    assert data["stage"] == "mojibake" and data["kind"] == "replace" and data["evidence"] == {"plan": ["encode"]}


def test_with_note_and_replace_copy() -> None:
    doc = Document("x")
    noted = doc.with_note("spun", {"score": 0.1})
    assert noted.notes == {"spun": {"score": 0.1}} and doc.notes == {}
    assert doc.replace(language="en").language == "en" and doc.language is None
    assert doc.with_text("y").text == "y"


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("a\nb\nc", 1, "a\nc"),  # a middle block takes its line break with it
        ("a\nb\nc", 0, "b\nc"),
        ("a\nb\nc", 2, "a\nb"),  # the last block takes the break before it
        ("only", 0, ""),
        ("a\n\nb\n", 1, "a\n\n"),
    ],
)
def test_drop_blocks(text: str, index: int, expected: str) -> None:
    doc = Document(text)
    block = doc.blocks()[index]
    out = doc.drop_blocks("chrome", [(block, "nav", "navigation", {"score": 1})])
    assert out.text == expected
    (drop,) = out.edits
    assert drop.kind == "drop" and drop.after == "" and drop.evidence == {"score": 1}
    assert replay(text, out.edits) == expected


def test_dropping_adjacent_blocks() -> None:
    doc = Document("a\nb\nc\nd")
    blocks = doc.blocks()
    out = doc.drop_blocks("chrome", [(blocks[1], "x", "y", {}), (blocks[2], "x", "y", {})])
    assert out.text == "a\nd"


def test_block_extent_single_block() -> None:
    assert block_extent("abc", Block(0, 3, "abc", 0)) == (0, 3)


def test_split_blocks_scraped() -> None:
    blocks = split_blocks("  Title  \n\n\tbody text\n \n")
    assert [(b.text, b.start, b.end, b.index) for b in blocks] == [("Title", 2, 7, 0), ("body text", 12, 21, 1)]


def test_split_blocks_spans_point_into_the_text() -> None:
    text = "x\n  • item one\n\n\u00a0last\u00a0"
    for block in split_blocks(text):
        assert text[block.start : block.end] == block.text


def test_split_blocks_wrapped_forced() -> None:
    blocks = split_blocks("one\ntwo\n\nthree", wrapped=True)
    assert [b.text for b in blocks] == ["one\ntwo", "three"]
