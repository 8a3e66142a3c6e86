"""Tests of the ``placeholders`` stage: a table of repairs and negatives in the style of
ftfy's JSON test cases (``data/placeholders_cases.json``), each framed by normal
paragraphs, plus properties of the stage (idempotence, replayable edit log)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair import Pipeline
from textrepair.placeholders import NAME, looks_like_code

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "placeholders_cases.json").read_text(encoding="utf-8")
)
BEFORE = "This paragraph is about the weather, which was fine all week."
AFTER = "A last paragraph closes the page without any damage in it."


def clean(text: str, language: str) -> tuple[str, list[str]]:
    """Run the stage (with a forced language) and return the text and the rules that fired."""
    result = Pipeline(stages=["language", NAME, "canonical"], language=language).run(text)
    assert result.replay() == result.text
    return result.text, [e.rule for e in result.edits if e.stage == NAME]


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case.get("expect") == "fail" else []
        params.append(pytest.param(case, marks=marks, id=case["label"]))
    return params


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    original = case["original"]
    fixed = original if case["fixed"] is None else case["fixed"]
    framed_in = f"{BEFORE}\n\n{original}\n\n{AFTER}"
    framed_out = f"{BEFORE}\n\n{fixed}\n\n{AFTER}\n" if fixed else f"{BEFORE}\n\n{AFTER}\n"
    text, rules = clean(framed_in, case["language"])
    assert text == framed_out
    if case["fixed"] is None:
        assert rules == []
    elif "rule" in case:
        assert case["rule"] in rules


def test_seed_001_sentence() -> None:
    """The machine-translated sentence of the issue, with its three kinds of damage."""
    text, rules = clean(
        'the passenger plane "Ambrair ۱۰۰ »Airlines Azal Know; relations of Russian -Baku', "en"
    )
    assert text == 'the passenger plane "Ambrair 100" Airlines Azal Know; relations of Russian-Baku\n'
    assert sorted(set(rules)) == ["foreign-digits", "rtl-quotes", "space-hyphen"]


def test_curly_quote_convention() -> None:
    """A document that keeps curly quotes gets a curly pair."""
    result = Pipeline(stages=["language", NAME], language="en", uncurl_quotes=False).run(
        "He said “yes” and called it «a great day» at last."
    )
    assert result.text == "He said “yes” and called it “a great day” at last."


def test_report_names_rule_and_evidence() -> None:
    result = Pipeline(stages=["language", NAME], language="en").run("Flight ٣٨ left at noon.\n")
    (edit,) = result.edits
    assert (edit.rule, edit.before, edit.after) == ("foreign-digits", "٣٨", "38")
    assert "Flight" in edit.evidence["context"]
    assert result.notes[NAME] == {"rules": {"foreign-digits": 1}}


def test_persian_document_keeps_digits_in_latin_lines() -> None:
    """A Persian document keeps its digits even on a line of Latin-script text."""
    persian = "این یک متن فارسی است که درباره‌ی روابط ایران و آذربایجان نوشته شده است. " * 3
    _text, rules = clean(f"{persian}\n\nEmbraer ۱۹۰ (model)\n", "fa")
    assert rules == []


def test_fenced_code_is_left_alone() -> None:
    doc = "Example:\n\n```\nprintf(\"%s\\n\", name) ; x -y\n{{ value }}\n```\n"
    _text, rules = clean(doc, "en")
    assert rules == []


def test_disabled_by_option() -> None:
    result = Pipeline(stages=[NAME], placeholders=False).run("Russian -Baku\n")
    assert result.text == "Russian -Baku\n"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("x = a ? b : c;", True),
        ("using System.Text;", True),
        ("$ pip install textrepair", True),
        ('fmt.Errorf("index %d", i)', True),
        ("The talks failed, and both sides left.", False),
        ("Baku - Moscow relations; a new chapter (again).", False),
    ],
)
def test_looks_like_code(line: str, code: bool) -> None:
    assert looks_like_code(line) is code


_PROSE = st.text(alphabet=st.sampled_from(list("abcAB .,;:!?-\"'«»۱٣ \n")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_PROSE)
def test_idempotent_and_replayable(text: str) -> None:
    """Cleaning twice changes nothing more than cleaning once; the log replays."""
    once, _ = clean(text, "en")
    twice, rules = clean(once, "en")
    assert twice == once, rules


def test_protected_spans_cover_addresses_files_and_domains_but_not_numbers_or_abbreviations() -> None:
    from textrepair.placeholders import protected_spans

    text = "mail bob.smith+x@mail.example.com, file.txt and Node.js; 3.14 U.S. e.g. example.com/path?q=1"
    assert [text[a:b] for a, b in protected_spans(text)] == [
        "bob.smith+x@mail.example.com",
        "file.txt",
        "Node.js",
        "example.com/path?q=1",
    ]


@pytest.mark.parametrize("text", ["x" * 200_000, "a." * 100_000, "x-" * 100_000, "`" * 100_000])
def test_long_tokens_without_spaces_come_through(text: str) -> None:
    # the protected-span scan used to be quadratic on such lines (minutes for 200k characters)
    assert Pipeline(stages=["placeholders"]).run(text).text == text
