"""Detection without a reference: score, verdict and checkable spans."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from textrepair.spun.articles import article_for
from textrepair.spun.detect import THRESHOLD, Detection, article_slips, detect
from textrepair.spun.lexicon import load_lexicon
from textrepair.spun.tokens import tokenize

LEXICON = load_lexicon()


def test_article_case(spun_article_case: dict[str, Any]) -> None:
    tokens = tokenize(spun_article_case["input"])
    found = " | ".join(f"{tokens[i].text} {tokens[j - 1].text}" for i, j, _fix in article_slips(tokens))
    if spun_article_case["expect"] == "negative":
        assert found == ""
    else:
        assert found == spun_article_case["output"]


@pytest.mark.parametrize(
    ("word", "article"),
    [("extra", "an"), ("unique", "a"), ("uncommon", "an"), ("hour", "an"), ("house", "a"), ("FBI", None)],
)
def test_article_for(word: str, article: str | None) -> None:
    assert article_for(word) == article


def test_detect_case(spun_detect_case: dict[str, Any]) -> None:
    result = detect(spun_detect_case["input"], "en", LEXICON)
    assert result.is_spun == (spun_detect_case["output"] == "spun"), result.to_dict()


def _seed(stem: str) -> str:
    (path,) = (SEEDS / "expected").glob(f"{stem}_*.clean.txt")
    return path.read_text(encoding="utf-8")


def test_spun_seed_is_flagged_with_spans() -> None:
    result = detect(_seed("000"), "en", LEXICON)
    assert result.is_spun and result.score > 0.9
    kinds = {s.evidence.split(":")[0] for s in result.spans}
    assert {"article", "collocation"} <= kinds
    slips = [s.text for s in result.spans if s.evidence.startswith("article")]
    assert "a extra" in slips


@pytest.mark.parametrize("stem", ["001", "002", "003", "004"])
def test_other_seeds_are_not_flagged(stem: str) -> None:
    result = detect(_seed(stem), "en", LEXICON)
    assert not result.is_spun
    assert result.score < THRESHOLD / 2


def test_contractions_alone_are_weak() -> None:
    text = "It's fine, isn't it? We don't know, they can't say, you're right and I'm sure we'll see. " * 5
    result = detect(text, "en", LEXICON)
    assert not result.is_spun
    assert any(s.evidence == "contraction" for s in result.spans)


def test_non_english_and_empty() -> None:
    assert detect("Der schnelle braune Fuchs springt.", "de", LEXICON) == Detection(0.0, False, ())
    assert detect("", "en", LEXICON).score == 0.0


def test_report_is_json() -> None:
    result = detect(_seed("000"), "en", LEXICON)
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"score", "is_spun", "spans"}
    span = data["spans"][0]
    assert set(span) == {"start", "end", "text", "suggestion", "evidence"}


def test_default_lexicon_is_used() -> None:
    assert detect(_seed("000"), "en").score == detect(_seed("000"), "en", LEXICON).score


def test_long_single_line() -> None:
    """A long text without line breaks is handled in one linear pass (no timing asserted)."""
    text = (_seed("000").replace("\n", " ") + " ") * 20
    result = detect(text, "en", LEXICON)
    assert result.is_spun
    assert all(text[s.start : s.end] == s.text for s in result.spans)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aen xtr'hiou.\n-A")), max_size=200))
def test_score_and_spans_are_sane(text: str) -> None:
    result = detect(text, "en", LEXICON)
    assert 0.0 <= result.score <= 1.0
    assert result.is_spun == (result.score >= THRESHOLD)
    for span in result.spans:
        assert text[span.start : span.end] == span.text
    assert detect(text, "en", LEXICON) == result
