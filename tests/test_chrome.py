"""Tests of the ``chrome`` stage.

Two JSON tables in the style of ftfy's test cases: ``data/chrome_pages.json`` (pages of
several kinds and languages with their article) and ``data/chrome_negatives.json`` (content
that looks like chrome and must come through unchanged); known failures are strict xfails.
Then properties: presets, the drop report, replay, cross-document learning, and the loss on
clean article text (the gold texts of chrome-dev, when the shared data is present).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair import Document, Pipeline, clean_many, repair, repair_many
from textrepair.chrome import NAME
from textrepair.chrome_features import features, normalize, stopwords

DATA = Path(__file__).parent / "data"
PAGES: list[dict[str, Any]] = json.loads((DATA / "chrome_pages.json").read_text(encoding="utf-8"))
NEGATIVES: list[dict[str, Any]] = json.loads((DATA / "chrome_negatives.json").read_text(encoding="utf-8"))
NEWS: list[dict[str, Any]] = json.loads((DATA / "chrome_news.json").read_text(encoding="utf-8"))
CHROME_DEV = Path(__file__).resolve().parents[2] / "shared" / "chrome-dev" / "dev.jsonl"


def blocks_of(text: str) -> list[str]:
    """Canonical output split back into its blocks."""
    return [b.strip() for b in text.split("\n\n") if b.strip()]


def run_chrome(lines: list[str], language: str, chrome: str = "balanced") -> list[str]:
    """The page through language (forced), chrome and canonical: the kept blocks."""
    result = Pipeline(stages=["language", NAME, "canonical"], language=language, chrome=chrome).run("\n".join(lines))
    assert result.replay() == result.text
    return blocks_of(result.text)


def canon(lines: list[str]) -> list[str]:
    """Expected lines in the output's canonical spacing (tabs of table rows become spaces)."""
    return [" ".join(line.split()) for line in lines]


def _params(cases: list[dict[str, Any]]) -> list[Any]:
    out = []
    for case in cases:
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case.get("expect") == "fail" else []
        out.append(pytest.param(case, marks=marks, id=case["label"]))
    return out


@pytest.mark.parametrize("case", _params(PAGES))
def test_page_keeps_the_article(case: dict[str, Any]) -> None:
    assert run_chrome(case["page"], case["language"]) == canon(case["article"])


@pytest.mark.parametrize("case", _params(NEWS))
def test_news_page_keeps_every_paragraph_and_nothing_else(case: dict[str, Any]) -> None:
    """News pages in many languages (menus, date widgets, share bars, related lists, comment
    forms, cookie notices, footers around wire copy, live blogs, one-sentence paragraphs),
    checked line by line on the chrome stage's own output."""
    result = Pipeline(stages=["language", NAME], language=case["language"]).run("\n".join(case["page"]))
    assert result.replay() == result.text
    assert [line.strip() for line in result.text.split("\n") if line.strip()] == case["article"]


@pytest.mark.parametrize("case", _params(NEGATIVES))
def test_content_that_looks_like_chrome_survives(case: dict[str, Any]) -> None:
    assert run_chrome(case["page"], case["language"]) == canon(case.get("article", case["page"]))


@pytest.mark.parametrize("case", _params(NEGATIVES))
def test_negatives_survive_the_conservative_preset(case: dict[str, Any]) -> None:
    kept = run_chrome(case["page"], case["language"], "conservative")
    assert set(canon(case.get("article", case["page"]))) <= set(kept)


def test_off_changes_nothing() -> None:
    page = PAGES[0]["page"]
    result = Pipeline(stages=[NAME], chrome="off").run("\n".join(page))
    assert result.text == "\n".join(page)
    assert not result.edits


def test_conservative_drops_only_explicit_evidence() -> None:
    page = PAGES[1]["page"]
    kept = run_chrome(page, "en", "conservative")
    assert "Related Articles" not in kept and "18°C" not in kept
    assert set(PAGES[1]["article"]) <= set(kept)
    # short lines without evidence ("London") stay: position alone decides nothing here
    assert "London" in kept


def test_aggressive_drops_at_least_what_balanced_drops() -> None:
    for case in PAGES:
        if case.get("expect") == "fail":
            continue
        aggressive = run_chrome(case["page"], case["language"], "aggressive")
        assert set(aggressive) <= set(run_chrome(case["page"], case["language"]))


def test_every_drop_is_reported_with_rule_and_evidence() -> None:
    case = PAGES[0]
    result = repair("\n".join(case["page"]), language="en")
    report = result.to_dict()
    dropped = [d for d in report["drops"] if d["stage"] == NAME]
    assert {d["text"] for d in dropped} >= {"Leave a Reply", "Facebook", "Privacy Policy"}
    for d in dropped:
        assert d["rule"] and d["reason"]
        assert "words" in d["evidence"] or "lines" in d["evidence"]
    json.dumps(report)  # JSON-serialisable
    assert report[NAME]["dropped"] == len(dropped)


def test_dropping_the_last_lines_of_a_text_without_final_newline() -> None:
    text = "\n".join([*PAGES[1]["page"][:-2], "Share", "Back to top"])
    result = Pipeline(stages=["language", NAME], language="en").run(text)
    assert result.replay() == result.text
    assert not result.text.rstrip().endswith(("Share", "Back to top"))


def test_feature_evidence_is_what_a_reader_can_check() -> None:
    f = features("Your email address will not be published. Required fields are marked *", "en")
    assert f.lexicon is not None and f.lexicon[0] == "comments"
    assert features("Saturday, July 12, 2025", "en").shape == "date"
    assert features("17 December 2025, Wednesday, 7:02", "en").shape == "date"
    assert features("(415) 861-5449", "en").shape is None  # a phone number is not a date
    assert features("23.9 C", "en").shape == "weather"
    assert features("spot_imgspot_img", "en").shape == "template"
    assert features("Home > News > World", "en").shape == "menu"
    assert features("2023 | 1,234 | 5.6% | 7", "en").shape is None  # a table row is not a menu
    assert features("Source:newsagency", "en").shape == "source"
    assert features("6", "en").shape == "number"
    assert features("1.", "en").shape is None  # a list number
    assert features("Jane Doe says:", "en").shape == "comment-meta"
    assert features("(415) 358-2000", "en").shape is None  # no date has a three-digit part
    assert features("4.7/5", "en").shape is None  # a score: a date keeps one separator
    assert features("12/05/2024", "en").shape == "date"
    assert features("Bologna 18°C", "it").shape == "weather"
    assert features("Room 12 C", "en").shape is None
    assert features("Cribbage or dice", "en").shape is None  # "dice" ends a list, not a comment header
    assert features("Jane Doe says", "en").shape == "comment-meta"
    assert features("News ID: 4452121", "en").shape == "number"
    tags = features("Теги: Львів, ветерани, медицина", "uk").lexicon
    assert tags is not None and tags[0] == "related"
    assert features("Tags are useful when sorting notes.", "en").lexicon is None  # a sentence, not a tag line
    para = features("The committee published its report on Thursday after a year of hearings.", "en")
    assert para.shape is None and para.lexicon is None and para.stop is not None and para.stop > 0.3


def test_stoplists_cover_the_required_languages() -> None:
    for lang in ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "zh", "ja"):
        words = stopwords(lang)
        assert words is not None and len(words) >= 30, lang
    assert stopwords("xx") is None


def test_normalize_ignores_case_digits_and_punctuation() -> None:
    assert normalize("  23 COMMENTS!! ") == "comments"
    assert normalize("Related\u00a0Posts:") == "related posts"


PROSE = [
    "The ferry company will add a second boat to the island route next summer, its director told reporters on Friday.",
    "Crossings have been fully booked on most weekends this year, and islanders have complained about long queues.",
    "The new boat carries two hundred passengers and forty cars, and it will sail every ninety minutes in July.",
]


def test_a_long_comment_thread_does_not_outweigh_the_article() -> None:
    comments = []
    for n, place in enumerate(["the harbour", "the north pier", "the old town", "the ferry office", "the school"]):
        opinion = (
            f"I live next to {place} and I have waited for this boat for years, because in the summer the queue "
            f"for the {n + 7} o'clock crossing starts before dawn and the cars block the road to the village."
        )
        comments += [f"Reader {n}", f"July {n + 3}, 2025 at 9:{n + 10} pm", opinion]
    page = [
        "Home",
        "News",
        "Ferry company adds a second boat",
        *PROSE,
        "Share",
        "6 Comments",
        *comments,
        "Privacy Policy",
    ]
    assert run_chrome(page, "en") == ["Ferry company adds a second boat", *PROSE]


def test_a_comment_counter_above_the_article_opens_no_thread() -> None:
    blurb = (
        "The Island Courier has covered the towns, harbours and ferries of the northern islands since 1921, "
        "and it is still owned by the families who founded it, with a newsroom of twelve reporters and a "
        "photographer who lives on the smallest of the islands."
    )
    page = ["Home", blurb, "12 Comments", "Ferry company adds a second boat", *PROSE, "Share", "Privacy Policy"]
    assert set(PROSE) <= set(run_chrome(page, "en"))


def test_the_headline_above_a_share_bar_stays() -> None:
    page = [
        "Home",
        "News",
        "Ferry company adds a second boat",
        "By Ann Lee",
        "Share",
        "Facebook",
        "X",
        *PROSE,
        "Related",
    ]
    assert run_chrome(page, "en") == ["Ferry company adds a second boat", "By Ann Lee", *PROSE]


def test_an_edge_without_evidence_stays_only_in_a_language_with_lists() -> None:
    closing = ["What to pack", "Tent and groundsheet", "Stove, fuel and a lighter", "A book or a deck of cards"]
    assert run_chrome([*PROSE, *closing], "en") == [*PROSE, *closing]
    # Korean has no lexicon: a footer without evidence proves nothing, so the edge rule is off
    korean = [
        "서울시는 내년부터 심야 버스 노선을 현재 14개에서 20개로 늘린다고 15일 밝혔다. "
        "새 노선은 주로 대학가와 업무 지구를 연결한다."
    ]
    footer = [
        "김철수 기자",
        "많이 본 뉴스",
        "주식 시장 하락세 지속",
        "날씨 내일 전국에 비",
        "회사소개",
        "이용약관",
        "개인정보처리방침",
    ]
    kept = run_chrome([*korean, *footer], "ko")
    assert kept[0] == korean[0] and "이용약관" not in kept and "개인정보처리방침" not in kept


# --- cross-document learning -------------------------------------------------------------

ARTICLES = [
    [
        "Trains will run every ten minutes on the coastal line from next month, the operator announced on Monday.",
        "The change follows complaints from commuters about crowded carriages during the morning rush hour.",
    ],
    [
        "The city zoo welcomed two red panda cubs this spring, the first born there in more than a decade.",
        "Keepers say the cubs are healthy and will be shown to visitors once they are three months old.",
    ],
    [
        "A new public swimming pool opened in the northern district, with a separate basin for young children.",
        "Entry will be free for residents under sixteen during the summer holidays, the council confirmed.",
    ],
]
TEMPLATE = "Coastal Weekly Newsletter"


def test_lines_recurring_across_documents_are_template_chrome() -> None:
    docs = ["\n".join([*body, TEMPLATE]) for body in ARTICLES]
    outs = clean_many(docs, language="en")
    assert all(TEMPLATE not in out for out in outs)
    alone = repair(docs[0], language="en")
    assert TEMPLATE in alone.text  # one document alone proves nothing: kept
    batch = repair_many(docs, language="en")
    rules = {d.rule for r in batch for d in r.drops if TEMPLATE in d.before}
    assert rules == {"cross-document"}


def test_syndicated_copies_do_not_teach_templates() -> None:
    heading = "Night trains return to the coastal line"
    docs = ["\n".join([heading, *ARTICLES[0]]), "\n".join(["Menu", heading, *ARTICLES[0], "Share"])]
    outs = clean_many(docs, language="en")
    assert all(heading in out for out in outs)


def test_batch_results_are_deterministic_and_order_free() -> None:
    docs = ["\n".join([*body, TEMPLATE]) for body in ARTICLES]
    first = clean_many(docs, language="en")
    again = clean_many(docs, language="en")
    reversed_outs = clean_many(list(reversed(docs)), language="en")
    assert first == again == list(reversed(reversed_outs))


# --- properties ----------------------------------------------------------------------------

LINE = st.one_of(
    st.sampled_from(["Home", "Share", "Leave a Reply", "12", "Saturday, July 12, 2025", "Related Posts", "•", "‍"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=80),
    st.sampled_from([" ".join(body) for body in ARTICLES]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, max_size=25), st.sampled_from(["balanced", "conservative", "aggressive"]))
def test_the_stage_only_drops_whole_lines(lines: list[str], preset: str) -> None:
    text = "\n".join(lines)
    result = Pipeline(stages=[NAME], chrome=preset, language="en").run(text)
    assert result.replay() == result.text
    kept = [ln.strip() for ln in result.text.split("\n") if ln.strip()]
    original = Counter(ln.strip() for ln in lines if ln.strip())
    assert not Counter(kept) - original


# --- clean article text is left alone ----------------------------------------------------

_TOKEN = re.compile(r"\w+")


@pytest.mark.skipif(not CHROME_DEV.exists(), reason="shared/chrome-dev is not beside the project")
def test_clean_article_text_loses_under_half_a_percent() -> None:
    """The gold article texts of chrome-dev (all 400: English, so the language is given
    and the test stays fast) fed in as input: under 0.5% of their tokens may go (the
    target); 0.3% is checked, to keep a margin (measured: 0.22%)."""
    with CHROME_DEV.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    stage = Pipeline(stages=[NAME])
    lost = total = 0
    for record in records:
        gold = record["gold_text"]
        want = Counter(_TOKEN.findall(gold))
        got = Counter(_TOKEN.findall(stage.run_many([Document(text=gold, language="en")])[0].text))
        lost += sum((want - got).values())
        total += sum(want.values())
    assert lost / total < 0.003


def test_a_title_shared_by_copies_laid_out_differently_is_not_template_chrome() -> None:
    # the same story, once in paragraphs and once as one long line (an aggregator's layout):
    # sharing its title proves nothing about the site's template
    sentences = [
        f"Paragraph {word} of the story says that the council voted on the new budget for the city"
        f" and that the mayor will present the plan to residents at a meeting next week in {word}."
        for word in ("one", "two", "three", "four", "five")
    ]
    title = "Council approves the city budget after a long debate"
    paragraphs = "\n\n".join([title, *sentences])
    one_line = "\n".join(["Menu", title, " ".join(sentences)])
    first, second = clean_many([paragraphs, one_line], stages=["chrome", "canonical"])
    assert first.startswith(title)
    assert title in second


@pytest.mark.parametrize(
    "middle",
    [
        "Il a dit : « Bonjour ! » et puis ; voilà ?",  # a quotation intro, not a "Name dit :" comment header
        "Flags: 🇺🇸 🇫🇷 and 👨\u200d👩\u200d👧 are emoji.",
    ],
)
def test_a_paragraph_printed_twice_and_a_short_line_between_survive(middle: str) -> None:
    paragraph = (
        "The city council met on Tuesday evening to discuss the new budget, which includes more money "
        "for schools and roads."
    )
    text = f"{paragraph}\n\n{middle}\n\n{paragraph}\n"
    result = repair(text, stages=["chrome"], language="en")
    assert result.drops == ()
