"""Aggregator listings split into articles (``--split``): shapes, not names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair.split import is_date_line, split_listing

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_case(split_case: dict[str, Any]) -> None:
    preamble, articles = split_listing(split_case["input"])
    if split_case["expect"] == "negative":
        assert articles == []
        assert preamble == split_case["input"].strip()
        return
    expected = split_case["output"]
    assert len(articles) == len(expected)
    for article, want in zip(articles, expected, strict=True):
        meta = article.metadata()
        for key in ("source", "date", "section", "title"):
            assert meta[key] == want[key], key
        assert article.text.startswith(want["starts"])
        assert split_case["input"][article.start : article.end].rstrip().endswith(article.text.rstrip()[-40:])


def test_articles_cover_the_page_in_order(split_input: str) -> None:
    _, articles = split_listing(split_input)
    ends = [0]
    for article in articles:
        assert article.start >= ends[-1]
        assert article.end > article.start
        ends.append(article.end)


@pytest.mark.parametrize(
    ("line", "is_date"),
    [
        ("10-07-2025", True),
        ("2025-07-10", True),
        ("7/3/25", True),
        ("July 2, 2025", True),
        ("2 July 2025", True),
        ("Sat, 12 Jul 2025 10:30", True),
        ("Saturday, July 12, 2025", True),
        ("July 2025 was hot", False),
        ("Tickets cost 10-07", False),
        ("The vote on 10-07-2025 was close.", False),
        ("", False),
    ],
)
def test_date_lines(line: str, is_date: bool) -> None:
    assert is_date_line(line) is is_date


def test_seed_listing_becomes_five_articles() -> None:
    page = (SEEDS / "002_cdf990397cf0dbf9.txt").read_text(encoding="utf-8")
    preamble, articles = split_listing(page)
    assert len(articles) == 5
    assert preamble.startswith("Latest news with")
    assert [a.date for a in articles] == ["10-07-2025", "03-07-2025", "02-07-2025", "02-07-2025", "01-07-2025"]
    assert articles[3].source is None  # no source line above that date: none is guessed
    assert all(a.sections == ("Politics",) for a in articles)
    assert articles[3].title == articles[4].title


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt") if not p.name.startswith("002")))
def test_other_seeds_are_not_listings(name: str) -> None:
    assert split_listing((SEEDS / name).read_text(encoding="utf-8"))[1] == []


_LINES = st.sampled_from(
    ["", "10-07-2025", "July 2, 2025", "- Politics", "• World", "City Herald", "A short title", "word " * 30, "End."]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_LINES, max_size=40))
def test_any_text_splits_into_ordered_spans(lines: list[str]) -> None:
    text = "\n".join(lines)
    preamble, articles = split_listing(text)
    assert len(articles) != 1  # a listing has at least two articles
    last = 0
    for article in articles:
        assert last <= article.start < article.end <= len(text)
        assert article.title and article.date and article.text.startswith(article.title)
        last = article.end
    if not articles:
        assert preamble == text.strip()
