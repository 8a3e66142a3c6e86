"""Anchored alignment: valid common subsequences, as long as an exact LCS on typical input."""

from __future__ import annotations

import difflib
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair.spun.align import align, chains, longest_increasing
from textrepair.spun.rebuild import key
from textrepair.spun.tokens import tokenize

# (spun, original, tokens of the original that must be matched)
TABLE = [
    (
        "the steadiness of energy in the South Caucasus",
        "the balance of power in the South Caucasus",
        ["the", "of", "in", "the", "south", "caucasus"],
    ),
    ("About 50 individuals have been detained .", "About 50 people were detained .", ["about", "50", "detained", "."]),
    (
        "This imaginative and prescient stands in stark distinction",
        "This vision stands in stark contrast",
        ["this", "stands", "in", "stark"],
    ),
    ("", "anything at all", []),
]


def keys(text: str) -> list[str]:
    return [key(t) for t in tokenize(text)]


@pytest.mark.parametrize(("spun", "original", "must"), TABLE)
def test_table(spun: str, original: str, must: list[str]) -> None:
    a, b = keys(spun), keys(original)
    pairs = align(a, b)
    assert [b[j] for _i, j in pairs] == must


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=40), st.lists(st.sampled_from("abcdefgh"), max_size=40))
def test_pairs_are_a_common_subsequence(a: list[str], b: list[str]) -> None:
    pairs = align(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(i1 < i2 and j1 < j2 for (i1, j1), (i2, j2) in pairwise(pairs))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 1000), max_size=60))
def test_identical_sequences_match_fully(a: list[int]) -> None:
    assert align(a, list(a)) == [(i, i) for i in range(len(a))]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=25))
def test_longest_increasing_is_longest(raw: list[tuple[int, int]]) -> None:
    pairs = sorted(set(raw))
    pairs = [p for k, p in enumerate(pairs) if k == 0 or p[0] != pairs[k - 1][0]]  # one per first item
    out = longest_increasing(pairs)
    assert all(x[1] < y[1] and x[0] < y[0] for x, y in pairwise(out))
    seconds = [j for _i, j in pairs]
    # LIS length by quadratic DP
    best = [1] * len(seconds)
    for k in range(len(seconds)):
        for m in range(k):
            if seconds[m] < seconds[k]:
                best[k] = max(best[k], best[m] + 1)
    assert len(out) == max(best, default=0)


def test_as_good_as_difflib_on_prose() -> None:
    original = " ".join(
        f"Sentence {n} says the {w} of the report was clear ." for n, w in enumerate(["tone", "aim", "gist"] * 20)
    )
    spun = original.replace("clear", "obvious").replace("report", "account")
    a, b = keys(spun), keys(original)
    ours = len(align(a, b))
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert ours >= sum(n for _i, _j, n in sm.get_matching_blocks())


def test_chains_split_at_far_jumps() -> None:
    pairs = [(0, 0), (1, 1), (2, 2), (3, 500), (4, 501)]
    assert [len(c.pairs) for c in chains(pairs)] == [3, 2]
    assert [len(c.pairs) for c in chains([(0, 0), (2, 3), (5, 6)])] == [3]
