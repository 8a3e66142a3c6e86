"""The canonical stage: block layout, whitespace, bullets, NFC, hard-wrapped paragraphs."""

from __future__ import annotations

import importlib.util
import unicodedata
from typing import Any

import pytest

import textrepair
from textrepair.canonical import canonical_block
from textrepair.document import is_hard_wrapped, split_blocks

ONLY = textrepair.Pipeline(stages=["canonical"])

EMAIL = (
    "Dear all,\n\n"
    "The quarterly report that we promised to send at the end of last\n"
    "month is finally ready, and I am attaching it to this message so that\n"
    "everyone can read it before our meeting on Thursday afternoon.\n\n"
    "Please note that the figures for the northern region are still\n"
    "preliminary and may change once the auditors have finished their work\n"
    "next week. I will send an updated version as soon as I have it.\n"
)


def test_case(canonical_case: dict[str, Any]) -> None:
    result = ONLY.run(canonical_case["input"])
    assert result.text == canonical_case["output"]
    assert result.replay() == result.text


def test_case_is_a_fixed_point(canonical_input: str) -> None:
    once = ONLY.run(canonical_input).text
    assert ONLY.run(once).text == once


@pytest.mark.parametrize(
    ("text_in", "text_out"),
    [
        ("  • x", "• x"),
        ("◦  nested", "◦ nested"),
        ("▪item", "▪ item"),
        ("a \u00a0 b", "a b"),
        ("a\u3000b", "a b"),
        ("A\u030a", "Å"),
        ("x\u200by", "xy"),
        ("x\u200cy", "x\u200cy"),  # ZWNJ carries meaning (Persian, Indic)
        ("x\u200dy", "x\u200dy"),  # ZWJ too (emoji sequences)
        ("\x1b", ""),
        ("\u0085", ""),  # NEL: a C1 control, never text here (mojibake runs before)
    ],
)
def test_canonical_block(text_in: str, text_out: str) -> None:
    assert canonical_block(text_in)[0] == text_out


def test_rules_are_named() -> None:
    _, rules = canonical_block("  •x\u200b\t y e\u0301")
    assert rules == ["invisible", "whitespace", "bullet", "nfc"]


def test_email_is_detected_as_hard_wrapped() -> None:
    assert is_hard_wrapped(EMAIL)
    assert [b.text.count("\n") for b in split_blocks(EMAIL)] == [0, 2, 2]


def test_scraped_page_is_not_hard_wrapped() -> None:
    page = "\n".join(
        [
            "Home | News | Sport",
            "Council approves the new bridge",
            "The town council met on Tuesday evening to discuss the new bridge over the river, which has been closed.",
            "Residents said the old crossing had become unsafe after the floods.",
            "Share this article",
        ]
    )
    assert not is_hard_wrapped(page)
    assert len(split_blocks(page)) == 5


def test_short_lines_are_not_hard_wrapped() -> None:
    assert not is_hard_wrapped("a\nb\nc\nd\ne")


def test_wrapped_paragraphs_are_joined() -> None:
    out = textrepair.clean(EMAIL, stages=["canonical"])
    assert out.startswith("Dear all,\n\nThe quarterly report that we promised to send at the end of last month is")
    assert out.count("\n\n") == 2


def test_join_wrapped_can_be_forced() -> None:
    assert textrepair.clean("a\nb", stages=["canonical"], join_wrapped=True) == "a b\n"
    assert textrepair.clean(EMAIL, stages=["canonical"], join_wrapped=False).count("\n\n") == 6


def test_list_items_in_wrapped_text_stay_separate() -> None:
    text = EMAIL + "\nThe two points we still need to settle before the meeting are these:\n- the budget\n- the date\n"
    out = textrepair.clean(text, stages=["canonical"])
    assert "\n\n- the budget\n\n- the date\n" in out


def test_output_invariants_on_a_messy_page() -> None:
    page = "\r\n\t  Title\u00a0\u00a0here  \r\n\r\n\r\n\u200b\n  •  item\x07\nlast   line \t"
    out = textrepair.clean(page, stages=["decode", "canonical"])
    assert out == "Title here\n\n• item\n\nlast line\n"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.skipif(importlib.util.find_spec("unidecode") is None, reason="needs the textrepair[ascii] extra")
def test_ascii_option() -> None:
    assert textrepair.clean("Crème brûlée — Łódź", stages=["canonical"], ascii=True) == "Creme brulee -- Lodz\n"


@pytest.mark.skipif(importlib.util.find_spec("unidecode") is not None, reason="unidecode is installed")
def test_ascii_option_without_the_extra_says_how_to_get_it() -> None:
    with pytest.raises(ImportError, match=r"textrepair\[ascii\]"):
        textrepair.clean("Crème", stages=["canonical"], ascii=True)


def test_fast_path_sees_every_space_and_control() -> None:
    """Blocks the fast check passes are returned untouched, so it must flag every
    character a rule would change: all space separators (but a single ASCII space) and
    all controls."""
    import sys

    from textrepair.canonical import _MAYBE_CHANGED

    missed = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Zs", "Cc")
        and cp != 0x20
        and not _MAYBE_CHANGED.search(f"a{chr(cp)}b")
    ]
    assert missed == []
    for text in (" a", "a ", "a  b", "\u00ada"):
        assert canonical_block(text)[0] != text
