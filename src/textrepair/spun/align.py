"""Anchored token alignment of a spun text with a candidate original.

Patience diff: tokens that occur exactly once in both sides of a region are anchors; the
longest chain of anchors in the same order (LIS, O(k log k)) is matched, and the gaps between
anchors are aligned recursively the same way. Where no unique token is left, unique bigrams
and trigrams are tried, then an exact LCS by dynamic programming, but only for small gaps
(:data:`DP_CELL_LIMIT` cells). Cost stays near linear in the text length: no quadratic DP over
whole documents. :func:`chains` then splits the matches into runs that advance together on
both sides, so that a stray coincidental match far away can be discarded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence
from typing import NamedTuple

#: Largest gap (``len(a_gap) * len(b_gap)``) aligned by exact LCS when no anchor is left.
DP_CELL_LIMIT = 2500

#: Two consecutive matches stay in one chain when neither side jumps more than
#: ``JUMP_FACTOR * other_side_jump + JUMP_SLACK`` tokens: a spinner replaces one word by a
#: few, never by a paragraph, while an excerpt or a reordered paragraph jumps far.
JUMP_FACTOR = 3
JUMP_SLACK = 12

Pair = tuple[int, int]


class Chain(NamedTuple):
    """A run of matches advancing together on both sides."""

    pairs: tuple[Pair, ...]

    @property
    def a_start(self) -> int:
        """First matched index in the first sequence."""
        return self.pairs[0][0]

    @property
    def a_end(self) -> int:
        """One past the last matched index in the first sequence."""
        return self.pairs[-1][0] + 1


def align(a: Sequence[Hashable], b: Sequence[Hashable], dp_limit: int = DP_CELL_LIMIT) -> list[Pair]:
    """Matched index pairs ``(i, j)`` with ``a[i] == b[j]``, increasing in both ``i`` and ``j``."""
    pairs: list[Pair] = []
    stack = [(0, len(a), 0, len(b))]
    top = True  # whole texts: a shared first or last token is no evidence, anchors decide
    while stack:
        a0, a1, b0, b1 = stack.pop()
        while not top and a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            pairs.append((a0, b0))
            a0 += 1
            b0 += 1
        while not top and a1 > a0 and b1 > b0 and a[a1 - 1] == b[b1 - 1]:
            a1 -= 1
            b1 -= 1
            pairs.append((a1, b1))
        top = False
        if a0 == a1 or b0 == b1:
            continue
        anchors: list[tuple[int, int, int]] = []
        for width in (1, 2, 3):
            anchors = _unique_anchors(a, a0, a1, b, b0, b1, width)
            if anchors:
                break
        if anchors:
            prev_a, prev_b = a0, b0
            for i, j, width in anchors:
                stack.append((prev_a, i, prev_b, j))
                pairs.extend((i + k, j + k) for k in range(width))
                prev_a, prev_b = i + width, j + width
            stack.append((prev_a, a1, prev_b, b1))
        elif (a1 - a0) * (b1 - b0) <= dp_limit:
            pairs.extend(_lcs(a, a0, a1, b, b0, b1))
    pairs.sort()
    return pairs


def _unique_anchors(
    a: Sequence[Hashable], a0: int, a1: int, b: Sequence[Hashable], b0: int, b1: int, width: int
) -> list[tuple[int, int, int]]:
    """The longest increasing chain of ``width``-grams occurring once in each region."""
    if a1 - a0 < width or b1 - b0 < width:
        return []
    seen_a: dict[object, int] = {}
    for i in range(a0, a1 - width + 1):
        key = a[i] if width == 1 else tuple(a[i : i + width])
        seen_a[key] = -1 if key in seen_a else i
    seen_b: dict[object, int] = {}
    for j in range(b0, b1 - width + 1):
        key = b[j] if width == 1 else tuple(b[j : j + width])
        if key in seen_a:
            seen_b[key] = -1 if key in seen_b else j
    candidates = sorted((seen_a[k], j) for k, j in seen_b.items() if j >= 0 and seen_a[k] >= 0)
    chosen = longest_increasing(candidates)
    if width > 1:  # overlapping n-grams would match a token twice
        kept: list[Pair] = []
        for i, j in chosen:
            if not kept or (i >= kept[-1][0] + width and j >= kept[-1][1] + width):
                kept.append((i, j))
        chosen = kept
    return [(i, j, width) for i, j in chosen]


def longest_increasing(pairs: Sequence[Pair]) -> list[Pair]:
    """The longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    tails: list[int] = []  # smallest second item ending an increasing run of each length
    tail_idx: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        back[k] = tail_idx[pos - 1] if pos > 0 else -1
    out: list[Pair] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    out.reverse()
    return out


def _lcs(a: Sequence[Hashable], a0: int, a1: int, b: Sequence[Hashable], b0: int, b1: int) -> list[Pair]:
    """Exact longest common subsequence of two small regions (bounded by ``DP_CELL_LIMIT``)."""
    n, m = a1 - a0, b1 - b0
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        row, below = table[x], table[x + 1]
        ax = a[a0 + x]
        for y in range(m - 1, -1, -1):
            row[y] = below[y + 1] + 1 if ax == b[b0 + y] else max(below[y], row[y + 1])
    out: list[Pair] = []
    x = y = 0
    while x < n and y < m:
        if a[a0 + x] == b[b0 + y]:
            out.append((a0 + x, b0 + y))
            x += 1
            y += 1
        elif table[x + 1][y] >= table[x][y + 1]:
            x += 1
        else:
            y += 1
    return out


def chains(pairs: Sequence[Pair], factor: int = JUMP_FACTOR, slack: int = JUMP_SLACK) -> list[Chain]:
    """Split increasing matches into chains wherever one side jumps far more than the other."""
    out: list[Chain] = []
    current: list[Pair] = []
    for pair in pairs:
        if current:
            di = pair[0] - current[-1][0]
            dj = pair[1] - current[-1][1]
            if di > factor * dj + slack or dj > factor * di + slack:
                out.append(Chain(tuple(current)))
                current = []
        current.append(pair)
    if current:
        out.append(Chain(tuple(current)))
    return out
