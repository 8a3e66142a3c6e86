"""Exact and near-duplicate detection (shingles, MinHash, LSH) and ``--dedup`` drops."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair
from textrepair.dedup import (
    DEFAULT_THRESHOLD,
    DuplicateIndex,
    drop_passages,
    estimate,
    jaccard,
    minhash,
    shingle_hashes,
    sketch_document,
    words,
)

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "pe", "da", "zu", "fi", "ho", "be", "gra", "tor"]


def vocabulary(size: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < size:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))))
    return sorted(out)


VOCAB = vocabulary()


def article(seed: int, n: int = 300) -> str:
    """A deterministic pseudo-article of ``n`` words in sentences."""
    rng = random.Random(seed)
    ws = [rng.choice(VOCAB) for _ in range(n)]
    sentences = [" ".join(ws[i : i + 12]).capitalize() + "." for i in range(0, n, 12)]
    return " ".join(sentences)


def edited(text: str, every: int, seed: int = 1) -> str:
    """``text`` with one word in ``every`` replaced."""
    rng = random.Random(seed)
    ws = text.split(" ")
    for i in range(0, len(ws), every):
        ws[i] = rng.choice(VOCAB)
    return " ".join(ws)


def dups(texts: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, str, str, str]]:
    index = DuplicateIndex(threshold)
    found = []
    for i, text in enumerate(texts):
        for d in index.add(f"d{i}", sketch_document(text)):
            found.append((d.kind, d.level, d.doc, d.original))
    return found


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([article(1), article(1)], [("exact", "document", "d1", "d0")]),
        ([article(1), article(1).upper().replace(" ", "  ")], [("exact", "document", "d1", "d0")]),
        ([article(1), edited(article(1), 80)], [("near", "document", "d1", "d0")]),
        ([article(1), article(2)], []),
        ([article(1), article(2), article(1)], [("exact", "document", "d2", "d0")]),
        ([article(1), edited(article(1), 6)], []),  # one word in six changed: Jaccard about 0.4
        (["Short note.", "Short note."], [("exact", "document", "d1", "d0")]),
        (["Short note about a cat.", "Short note about a dog."], []),  # short: exact only
        (["", ""], []),  # empty documents are not duplicates of each other
    ],
)
def test_duplicate_table(texts: list[str], expected: list[tuple[str, str, str, str]]) -> None:
    assert dups(texts) == expected


def test_same_story_twice_in_one_page_is_a_passage_duplicate() -> None:
    story = article(3)
    page = f"Listing\n\nTitle one\n\n{story}\n\nOther story\n\n{article(4)}\n\nTitle one\n\n{edited(story, 80)}\n"
    index = DuplicateIndex()
    found = index.add("page", sketch_document(page))
    assert [(d.kind, d.level, d.block, d.original_block) for d in found] == [("near", "passage", 6, 2)]
    assert found[0].drop_blocks == (5, 6)  # the passage and its repeated title


def test_passages_are_checked_across_documents_too() -> None:
    story = article(5)
    found = dups([f"Intro\n\n{story}\n", f"Another intro\n\n{story}\n\nComments\n\n{article(6)}\n"])
    assert found == [("exact", "passage", "d1", "d0")]


def test_drop_passages_keeps_canonical_layout_and_replays() -> None:
    story = article(8)
    page = f"Top\n\nTitle\n\n{story}\n\nMiddle\n\nTitle\n\n{story}\n\nEnd of page"
    result = textrepair.Pipeline(stages=["canonical"]).run(page)
    found = DuplicateIndex().add("p", sketch_document(result.text))
    dropped = drop_passages(result, found)
    assert dropped.text == f"Top\n\nTitle\n\n{story}\n\nMiddle\n\nEnd of page\n"
    assert dropped.replay() == dropped.text
    assert [e.stage for e in dropped.drops] == ["dedup"]


def test_drop_passages_at_the_end() -> None:
    story = article(9)
    result = textrepair.Pipeline(stages=["canonical"]).run(f"Title\n\n{story}\n\nTitle\n\n{story}\n")
    dropped = drop_passages(result, DuplicateIndex().add("p", sketch_document(result.text)))
    assert dropped.text == f"Title\n\n{story}\n"
    assert dropped.replay() == dropped.text


def test_threshold_is_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        DuplicateIndex(threshold=0.0)


def test_lower_threshold_finds_looser_copies() -> None:
    texts = [article(1), edited(article(1), 20)]
    assert dups(texts, threshold=0.95) == []
    assert dups(texts, threshold=0.5) == [("near", "document", "d1", "d0")]


def test_words_are_unicode_aware() -> None:
    assert words("Ça va, Müller? 東京 ok") == ["ça", "va", "müller", "東京", "ok"]


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=300))
def test_signature_of_a_set_matches_itself(hashes: set[int]) -> None:
    assert estimate(minhash(hashes), minhash(set(hashes))) == 1.0


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_estimate_tracks_jaccard(seed: int) -> None:
    a, b = words(article(seed)), words(edited(article(seed), 25, seed))
    ha, hb = shingle_hashes(a), shingle_hashes(b)
    assert abs(estimate(minhash(ha), minhash(hb)) - jaccard(ha, hb)) < 0.2
