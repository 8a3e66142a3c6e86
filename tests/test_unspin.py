"""Unspin: lexicon rewrites without a reference, only where the context agrees."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair
from textrepair.spun.lexicon import Lexicon, load_lexicon
from textrepair.spun.thesaurus import Thesaurus, load_thesaurus, plural, singular
from textrepair.spun.unspin import Rewrite, match_case, render, unspin

LEXICON = load_lexicon()


def apply(text: str, rewrites: list[Rewrite]) -> str:
    out, pos = [], 0
    for r in rewrites:
        out.append(text[pos : r.start] + r.after)
        pos = r.end
    return "".join(out) + text[pos:]


def test_case(spun_unspin_case: dict[str, Any]) -> None:
    text = spun_unspin_case["input"]
    assert apply(text, unspin(text, LEXICON, "en")) == spun_unspin_case["output"]


def test_rewrites_are_sorted_disjoint_and_match_the_text(spun_unspin_input: str) -> None:
    rewrites = unspin(spun_unspin_input, LEXICON, "en")
    pos = 0
    for r in rewrites:
        assert r.start >= pos and r.end > r.start
        assert spun_unspin_input[r.start : r.end] == r.before
        assert r.after != r.before and r.evidence
        pos = r.end


def test_evidence_names_the_substitution_and_the_collocation() -> None:
    (first, second) = unspin("We fit an irregular woodland to the data.", LEXICON, "en")
    assert (first.before, first.after) == ("an irregular", "a random")
    assert "'irregular' -> 'random'" in first.evidence and "random forest" in first.evidence
    assert "article" in first.evidence
    assert (second.before, second.after) == ("woodland", "forest")


def test_other_languages_are_left_alone() -> None:
    assert unspin("In this study we use profound learning for the task.", LEXICON, "de") == []
    assert unspin("In this study we use profound learning for the task.", LEXICON, None)


def test_a_small_lexicon_learned_from_pairs_generalises() -> None:
    """Fragments learned from two phrases combine into one the lexicon never saw."""
    lexicon = Lexicon.from_pairs(
        [("profound learning", "deep learning"), ("neural organization", "neural network")],
        clean_texts=["Deep neural models are popular. A deep neural model. A neural network. Neural network."],
    )
    text = "We use a profound neural organization."
    assert apply(text, unspin(text, lexicon, "en")) == "We use a deep neural network."


def test_without_context_a_lone_word_stays_in_long_text() -> None:
    """In a long normal text, a known spinner word with no supporting collocation is kept."""
    lexicon = Lexicon.from_pairs([("profound learning", "deep learning")])
    text = "He had a profound influence on her work. " + "She wrote many books about the sea and the sky. " * 10
    assert unspin(text, lexicon, "en") == []


def test_render_and_match_case() -> None:
    assert render("x - ray") == "x-ray"
    assert render("brain - computer interface ( bci )") == "brain-computer interface (bci)"
    assert match_case("deep learning", "Profound learning") == "Deep learning"
    assert match_case("deep", "PROFOUND") == "DEEP"
    assert match_case("deep", "profound") == "deep"


def test_pipeline_applies_unspin_only_when_asked() -> None:
    text = "In this study we use profound learning and an irregular woodland for the task.\n"
    plain = textrepair.Pipeline().run(text)
    assert plain.text == text  # never silently rewrite on a guess
    asked = textrepair.Pipeline(unspin=True).run(text)
    assert asked.text == "In this study we use deep learning and a random forest for the task.\n"
    assert {e.rule for e in asked.edits if e.stage == "spun"} == {"lexicon"}
    assert asked.replay() == asked.text


words = st.sampled_from(
    ["profound", "learning", "irregular", "woodland", "an", "a", "the", "neural", "organization", "forest", "data"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(words, st.sampled_from([" ", ", ", ". ", "-", "\n"])), max_size=40))
def test_rewrites_stay_valid_on_any_text(parts: list[str]) -> None:
    text = " ".join(parts)
    rewrites = unspin(text, LEXICON, "en")
    pos = 0
    for r in rewrites:
        assert r.start >= pos and text[r.start : r.end] == r.before
        pos = r.end
    assert unspin(text, LEXICON, "en") == rewrites  # deterministic


# thesaurus rewrites -------------------------------------------------------------------------

SMALL_THESAURUS = Thesaurus(
    synonyms={"woodland": ("forest", "wood"), "forest": ("woodland",), "wood": ("woodland",)},
    terms=frozenset({"random forest"}),
    bigrams={},
)
#: normal prose in which the proposed originals are common words
PROSE = ["The forest is old. A forest and a wood. Forest paths. The wood burns. Random numbers."]
#: a pair that teaches the lexicon 'woodland' as a spinner word (for another original)
PAIRS = [("woodland stove", "timber stove")]


def test_thesaurus_restores_a_swap_it_never_saw_in_a_pair() -> None:
    lexicon = Lexicon.from_pairs(PAIRS, clean_texts=PROSE)
    text = "We fit a random woodland."
    (rewrite,) = unspin(text, lexicon, "en", SMALL_THESAURUS)
    assert (rewrite.before, rewrite.after) == ("woodland", "forest")
    assert "thesaurus" in rewrite.evidence and "random forest" in rewrite.evidence


def test_thesaurus_needs_exactly_one_known_term() -> None:
    lexicon = Lexicon.from_pairs(PAIRS, clean_texts=PROSE)
    both = Thesaurus(SMALL_THESAURUS.synonyms, frozenset({"random forest", "random wood"}), {})
    assert unspin("We fit a random woodland.", lexicon, "en", both) == []


def test_thesaurus_leaves_known_terms_and_common_words_alone() -> None:
    lexicon = Lexicon.from_pairs(PAIRS, clean_texts=PROSE)
    known = Thesaurus(SMALL_THESAURUS.synonyms, frozenset({"random forest", "random woodland"}), {})
    assert unspin("We fit a random woodland.", lexicon, "en", known) == []
    common = Lexicon.from_pairs(PAIRS, clean_texts=[*PROSE, "woodland walks " * 20])
    assert unspin("We fit a random woodland.", common, "en", SMALL_THESAURUS) == []


def test_thesaurus_rewrites_need_a_spun_text_when_the_text_is_long() -> None:
    lexicon = Lexicon.from_pairs(PAIRS, clean_texts=PROSE)
    text = "We fit a random woodland. " + "She wrote many books about the sea and the sky. " * 10
    assert unspin(text, lexicon, "en", SMALL_THESAURUS) == []


def test_thesaurus_builds_on_its_own_restorations() -> None:
    """A restored term becomes context for the next swap in the same run of words."""
    lexicon = Lexicon.from_pairs(
        [("dialect map", "language map"), ("preparing unit", "processing unit"), ("characteristic gas", "natural gas")],
        clean_texts=["Language processing. Natural language. Natural sciences. Data processing."],
    )
    thesaurus = Thesaurus(
        {"dialect": ("language",), "preparing": ("processing",), "characteristic": ("natural",)},
        frozenset({"natural language processing", "language processing"}),
        {},
    )
    text = "We study characteristic dialect preparing."
    assert apply(text, unspin(text, lexicon, "en", thesaurus)) == "We study natural language processing."


def test_plural_and_singular() -> None:
    assert [singular(w) for w in ("networks", "studies", "class", "bus", "neural networks")] == [
        "network",
        "study",
        "class",
        "bus",
        "neural network",
    ]
    assert [plural(w) for w in ("network", "study", "box", "day")] == ["networks", "studies", "boxes", "days"]
    assert SMALL_THESAURUS.proposals("woodlands") == ("forests", "woods")


def test_shipped_thesaurus() -> None:
    thesaurus = load_thesaurus()
    assert "forest" in thesaurus.proposals("woodland")
    assert {"heart failure", "balance of power", "special forces", "neural network"} <= thesaurus.terms
