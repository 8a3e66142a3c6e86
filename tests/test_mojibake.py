"""The mojibake stage: ftfy's repairs with CJK-safe defaults, a replayable log, idempotence."""

from __future__ import annotations

import unicodedata
from typing import Any

import ftfy
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair
from textrepair import mojibake
from textrepair.canonical import INVISIBLE
from textrepair.config import Config
from textrepair.mojibake import tidy_line

ONLY = textrepair.Pipeline(stages=["mojibake"])


def test_case(mojibake_case: dict[str, Any]) -> None:
    result = ONLY.run(mojibake_case["input"])
    assert result.text == mojibake_case["output"]
    assert result.replay() == result.text


def test_case_is_a_fixed_point(mojibake_input: str) -> None:
    """Repairing the repaired text again changes nothing."""
    once = ONLY.run(mojibake_input).text
    assert ONLY.run(once).text == once


def test_edit_names_the_plan() -> None:
    result = ONLY.run("good line\ncafÃ© Ã©tÃ©\nanother good line")
    (edit,) = result.edits
    assert edit.stage == "mojibake"
    assert edit.rule == "encoding"
    assert (edit.before, edit.after) == ("Ã© Ã©tÃ©", "é été")  # narrowed to what changed
    assert result.input[edit.start : edit.end] == edit.before  # spans refer to the stage's input
    assert edit.evidence["plan"]
    assert "ftfy" in edit.reason


def test_plain_ascii_lines_skip_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printable ASCII without '&' or ESC cannot need a fix: ftfy is not called for it."""
    calls: list[str] = []
    real = ftfy.fix_and_explain

    def spy(text: str, config: Any = None) -> Any:
        calls.append(text)
        return real(text, config)

    monkeypatch.setattr(mojibake.ftfy, "fix_and_explain", spy)
    ONLY.run("plain ascii line\nAT&amp;T\ncafÃ©")
    assert "plain ascii line" not in calls
    assert calls[0] == "AT&amp;T"
    assert "cafÃ©" in calls


def test_character_width_off_by_default_and_optional() -> None:
    assert textrepair.clean("日本語，テスト。", stages=["mojibake"]) == "日本語，テスト。"
    assert textrepair.clean("Ｈｅｌｌｏ", stages=["mojibake"], fix_character_width=True) == "Hello"


def test_uncurl_quotes_can_be_turned_off() -> None:
    assert textrepair.clean("“a” it’s", stages=["mojibake"], uncurl_quotes=False) == "“a” it’s"


def test_unescape_html_can_be_turned_off() -> None:
    assert textrepair.clean("&amp;", stages=["mojibake"], unescape_html=False) == "&amp;"


def test_ftfy_config_follows_options() -> None:
    config = mojibake.config_for(Config(fix_character_width=True, uncurl_quotes=False))
    assert config.fix_character_width is True
    assert config.uncurl_quotes is False
    assert config.fix_line_breaks is False


def test_line_breaks_are_not_touched() -> None:
    """Edits stay inside lines: the block structure belongs to later stages."""
    text = "cafÃ©\n\nâ€œxâ€\x9d\n"
    result = ONLY.run(text)
    assert result.text.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("\u00adÜ¤", "ܤ"),  # a soft hyphen (deleted by canonical) hid the mojibake
        ("\x8dÀ\x86", "ˠ"),  # ftfy's first pass uncovers mojibake its second pass repairs
        ("\u00a0Ã©", "é"),  # leading NBSP changes ftfy's verdict
        ("·Ã€", "· À"),  # the bullet space added by canonical changes ftfy's verdict
    ],
)
def test_regressions_found_by_hypothesis(damaged: str, fixed: str) -> None:
    """Each was not idempotent: the second clean repaired what the first left."""
    out = textrepair.clean(damaged, stages=["mojibake", "canonical"])
    assert out == fixed + "\n"
    assert textrepair.clean(out, stages=["mojibake", "canonical"]) == out


def test_c1_controls_and_soft_hyphens_in_mojibake_are_bytes_not_noise() -> None:
    """UTF-8 read as latin-1 turns bytes 0x80-0x9f into C1 controls and 0xad into a soft
    hyphen; they must reach ftfy intact."""
    original = "Az önkormányzat felújítása; Городская"
    damaged = original.encode("utf-8").decode("latin-1")
    assert textrepair.clean(damaged, stages=["mojibake", "canonical"]) == original + "\n"


def test_whole_line_reread_never_fires_on_real_text() -> None:
    """The cp1251 / Mac Roman re-read needs all of a line to be UTF-8 in disguise: no
    line of the seeds and no stretch of one to five words of the multilingual samples is."""
    from conftest import MULTILINGUAL, SEEDS

    lines = [ln for p in SEEDS.glob("*.txt") for ln in p.read_text(encoding="utf-8").split("\n")]
    for path in MULTILINGUAL.glob("*.txt"):
        words = path.read_text(encoding="utf-8").split()
        lines += [" ".join(words[i : i + k]) for k in range(1, 6) for i in range(len(words))]
    assert [ln for ln in lines if mojibake.whole_line_utf8(ln)] == []


def test_whole_line_reread_is_explained() -> None:
    (edit,) = ONLY.run("–ì–æ—Ä–æ–¥").edits
    assert edit.rule == "encoding"
    assert edit.reason == "whole line was UTF-8 read as mac_roman"
    assert edit.evidence["plan"] == ["transcode:mac_roman"]


@pytest.mark.parametrize(
    ("line", "tidy"),
    [
        ("a  b", "a b"),
        ("word\u3000 .", "word ."),
        ("0\u00ad", "0"),
        ("\tcell\tcell  ", "\tcell\tcell"),
        ("x\u00a0\u00a0y", "x y"),
        ("\u200b", ""),
        ("plain ascii line", "plain ascii line"),
    ],
)
def test_tidy_line_normalises_inside_the_line_and_keeps_indentation_and_tabs(line: str, tidy: str) -> None:
    assert tidy_line(line) == tidy


@pytest.mark.parametrize("text", ["0\u00ad", "word\u3000 .", "a\u2009\u2009,b", "\u00a0Ã©  x"])
def test_later_stages_see_tidy_lines_so_cleaning_is_idempotent(text: str) -> None:
    once = textrepair.clean(text)
    assert textrepair.clean(once) == once


_PIECES = ["a", "b", " ", "  ", "\t", "\u00a0", "\u200b", "\u00ad", "e\u0301", "é", "\x01", "\u3000", ".", "\u2009"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_tidy_line_fast_paths_agree_with_its_definition(line: str) -> None:
    body = line.lstrip(" \t")
    lead = line[: len(line) - len(body)]
    body = " ".join(part for part in regex.split(r"[^\S\t\n]+", INVISIBLE.sub("", body))).rstrip()
    expected = lead + unicodedata.normalize("NFC", body) if body else ""
    assert tidy_line(line) == expected
