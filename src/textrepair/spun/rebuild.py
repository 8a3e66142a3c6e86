"""Reconstruction: the original's wording laid out in the spun document's paragraphs.

The spun text (A) is aligned with a reference (B) token by token (:mod:`.align`). Matches
are grouped into chains; short chains are coincidences and dropped. A block of A whose
words are mostly matched is *aligned*; blocks that lost their place (reordered paragraphs)
are aligned again on their own against the whole reference. Each aligned block then takes
the reference text between its first and last match, and the gap between two consecutive
blocks is split at the reference's sentence boundaries, since paragraphs end with
sentences: words the spinner added are dropped, words it removed come back, and whole
reference sentences that the copy does not have (an excerpt) are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..document import Block, is_hard_wrapped
from .align import Pair, align, chains, longest_increasing
from .tokens import Token

#: A chain of matches with fewer matched words than this is a coincidence (a shared name,
#: a date), not copied text.
MIN_CHAIN_WORDS = 6
#: A block is aligned when at least this many of its words, and this fraction of them, are
#: matched. At 45% of content words swapped about 70% of a block's words still match;
#: text that merely shares a topic matches in short chains that are already discarded.
MIN_BLOCK_MATCHED = 3
BLOCK_MIN_RATIO = 0.4
#: Blocks with at least this many words and no place in the first alignment are aligned
#: again on their own (reordered paragraphs).
MIN_REALIGN_WORDS = 8
#: ... but only once the first alignment found a copy: this many matched words, and this
#: fraction of the document's words.
REALIGN_MIN_WORDS = 30
REALIGN_MIN_FRACTION = 0.1
#: Unmatched words at a block edge may pull in reference words up to the sentence boundary,
#: at most ``EDGE_FACTOR * unmatched + EDGE_SLACK`` words.
EDGE_FACTOR = 2
EDGE_SLACK = 3
#: Whole reference sentences between two aligned blocks are kept only when the copy has
#: unmatched words there to account for at least this fraction of them, and never when they
#: make a paragraph of their own in the reference (that paragraph is elsewhere or absent).
MIDDLE_ACCOUNTED = 0.5
#: A block edge with more unmatched words than this that the reference does not face with
#: at least half as many words is text the reference does not have (the copy quotes only
#: part of the block): such a block is not rewritten, so no sentence of it is lost. Spinners
#: change a few words in a row, not a dozen.
UNEXPLAINED_WORDS = 10
#: Lines matched by position between two aligned blocks must be within this length ratio
#: (plus EDGE_SLACK words) of each other.
LINE_LENGTH_FACTOR = 3
#: Blocks with fewer words are page furniture, not prose (for ``Rebuild.prose_words``).
PROSE_MIN_WORDS = 8

_SENTENCE_END = frozenset(".?!")
_CLOSERS = frozenset("\"')]»”’")
_NEWLINE_SPACE = re.compile(r"\s*\n\s*")
_WRAP = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def key(tok: Token) -> str:
    """The comparison form of a token: lower case words, dashes unified."""
    return tok.lower if tok.kind != "punct" else tok.text.translate(_DASHES)


def is_word(tok: Token) -> bool:
    """Words and numbers count as words; punctuation does not."""
    return tok.kind != "punct"


@dataclass(frozen=True)
class Substitution:
    """A span of the spun text and the reference text it stands for."""

    start: int
    end: int
    spun: str
    original: str

    def to_dict(self) -> dict[str, object]:
        """The report form: ``{start, end, spun, original}``."""
        return {"start": self.start, "end": self.end, "spun": self.spun, "original": self.original}


@dataclass(frozen=True)
class Rebuild:
    """The outcome of aligning a document with one reference.

    ``blocks`` maps an aligned block's index to its rebuilt text. ``matched`` counts matched
    words, ``aligned_words`` the words of aligned blocks and ``words`` those of the whole
    document: ``similarity = matched / aligned_words`` (1 - substitution rate) and
    ``coverage = aligned_words / words``.
    """

    blocks: dict[int, str]
    substitutions: tuple[Substitution, ...]
    matched: int
    aligned_words: int
    words: int
    prose_words: int
    #: Each substitution in comparison form: (left neighbour, spun tokens, original tokens,
    #: right neighbour), the neighbours being matched tokens ("" at a block edge).
    sites: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = ()

    @property
    def similarity(self) -> float:
        """Matched words / words of the aligned blocks (1 - substitution rate)."""
        return self.matched / self.aligned_words if self.aligned_words else 0.0

    @property
    def coverage(self) -> float:
        """Words of the aligned blocks / words of the document."""
        return self.aligned_words / self.words if self.words else 0.0


class _Side:
    """One text with its tokens, comparison keys and sentence starts."""

    def __init__(self, text: str, tokens: Sequence[Token]):
        """Precompute comparison keys, token starts and line breaks."""
        self.text = text
        self.tokens = tokens
        self.keys = [key(t) for t in tokens]
        self.starts = [t.start for t in tokens]
        self.is_word = [is_word(t) for t in tokens]
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, j: int) -> int:
        """The line number of token ``j``."""
        return bisect_left(self._newlines, self.tokens[j].start)

    def boundary_before(self, j: int) -> bool:
        """Whether a sentence (or line) starts at token ``j``."""
        if j <= 0 or j >= len(self.tokens):
            return True
        prev, cur = self.tokens[j - 1], self.tokens[j]
        if "\n" in self.text[prev.end : cur.start]:
            return True
        k = j - 1
        while k > 0 and self.tokens[k].text in _CLOSERS and self.tokens[k].start == self.tokens[k - 1].end:
            k -= 1
        return self.tokens[k].text in _SENTENCE_END and cur.start > prev.end

    def words_between(self, lo: int, hi: int) -> int:
        """Number of word tokens in ``[lo, hi)``."""
        return sum(self.is_word[lo:hi])


def rebuild(
    a_text: str, a_tokens: Sequence[Token], b_text: str, b_tokens: Sequence[Token], blocks: Sequence[Block]
) -> Rebuild:
    """Align a document (A) with a reference (B) and rebuild A's aligned blocks from B."""
    if is_hard_wrapped(b_text):  # paragraphs are blank-line separated: a line break is a space
        b_text = _WRAP.sub(lambda m: " " * len(m.group()), b_text)  # same length: token offsets hold
    a, b = _Side(a_text, a_tokens), _Side(b_text, b_tokens)
    ranges = [(bisect_left(a.starts, blk.start), bisect_left(a.starts, blk.end)) for blk in blocks]
    kept = _kept_pairs(align(a.keys, b.keys), a)
    by_block = _pairs_by_block(kept, ranges)
    claimed = {j for _i, j in kept}
    b_counts = Counter(b.keys)
    b_unique = {k: j for j, k in enumerate(b.keys) if b_counts[k] == 1}
    kept_words = sum(1 for i, _j in kept if a.is_word[i])
    # too little copied for paragraphs to have moved (not a copy): save the work
    copied = kept_words >= max(REALIGN_MIN_WORDS, REALIGN_MIN_FRACTION * sum(a.is_word))
    for n, (lo, hi) in enumerate(ranges if copied else ()):
        words = a.words_between(lo, hi)
        if words >= MIN_REALIGN_WORDS and not _is_aligned(by_block[n], a, lo, hi):
            local = _realign(a, b, lo, hi, b_unique, claimed)
            if _is_aligned(local, a, lo, hi):
                by_block[n] = local
                claimed.update(j for _i, j in local)
    by_block = [_trim_edge_lines(pairs, a, b) for pairs in by_block]
    aligned = [n for n, (lo, hi) in enumerate(ranges) if _is_aligned(by_block[n], a, lo, hi)]
    spans = _spans(aligned, by_block, ranges, a, b)
    explained = [n for n in aligned if _explained(by_block[n], ranges[n], spans[n], a, b)]
    if len(explained) < len(aligned):
        aligned = explained
        spans = _spans(aligned, by_block, ranges, a, b)
    out: dict[int, str] = {}
    subs: list[Substitution] = []
    sites: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = []
    matched = aligned_words = 0
    for n in aligned:
        lo, hi = ranges[n]
        pairs = by_block[n]
        aligned_words += a.words_between(lo, hi)
        matched += sum(1 for i, _j in pairs if a.is_word[i])
        pieces = _pieces(pairs, spans[n])
        out[n] = " ".join(
            _NEWLINE_SPACE.sub(" ", b.text[b.tokens[s].start : b.tokens[e - 1].end]) for s, e in pieces if e > s
        )
        subs.extend(_substitutions(pairs, lo, hi, spans[n], a, b))
        sites.extend(_sites(pairs, a, b))
    used = {j for n in aligned for _i, j in by_block[n]}
    for n, m in pairwise(aligned):
        for k, line in _fill_lines(n, m, spans, blocks, ranges, a, b, used).items():
            out[k] = line
            subs.append(Substitution(blocks[k].start, blocks[k].end, blocks[k].text, line))
    counts = [a.words_between(lo, hi) for lo, hi in ranges]
    prose = sum(c for c in counts if c >= PROSE_MIN_WORDS)
    return Rebuild(out, tuple(subs), matched, aligned_words, sum(counts), prose, tuple(sites))


def _sites(pairs: Sequence[Pair], a: _Side, b: _Side) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    """Word substitutions between two matches, with the matched neighbours around them."""
    out = []
    for (i1, j1), (i2, j2) in pairwise(pairs):
        if i2 - i1 > 1 and j2 - j1 > 1:
            out.append((a.keys[i1], tuple(a.keys[i1 + 1 : i2]), tuple(b.keys[j1 + 1 : j2]), a.keys[i2]))
    return out


def _trim_edge_lines(pairs: list[Pair], a: _Side, b: _Side) -> list[Pair]:
    """Drop the matches a block has at its start or end on another reference line, when that
    line holds fewer than MIN_CHAIN_WORDS of them: a phrase the block shares with a nearby
    heading, not the block's own text."""
    if not pairs:
        return pairs
    lines = [b.line_of(j) for _i, j in pairs]
    if lines[0] == lines[-1]:
        return pairs
    lo, hi = 0, len(pairs)
    while lo < hi and lines[lo] != lines[-1]:
        run = lo
        while run < hi and lines[run] == lines[lo]:
            run += 1
        if sum(1 for i, _j in pairs[lo:run] if a.is_word[i]) >= MIN_CHAIN_WORDS:
            break
        lo = run
    while hi > lo and lines[hi - 1] != lines[lo]:
        run = hi
        while run > lo and lines[run - 1] == lines[hi - 1]:
            run -= 1
        if sum(1 for i, _j in pairs[run:hi] if a.is_word[i]) >= MIN_CHAIN_WORDS:
            break
        hi = run
    return pairs[lo:hi]


def _fill_lines(
    n: int,
    m: int,
    spans: dict[int, tuple[int, int]],
    blocks: Sequence[Block],
    ranges: Sequence[tuple[int, int]],
    a: _Side,
    b: _Side,
    used: set[int],
) -> dict[int, str]:
    """Unaligned blocks between two aligned ones, matched line for line with the reference
    lines between their spans, when both sides have the same number of lines there, none of
    those lines is matched elsewhere (a moved paragraph), and each pair has a similar length
    (short list items and headings are often spun past recognition, but keep their place)."""
    between = list(range(n + 1, m))
    e_n, s_m = spans[n][1], spans[m][0]
    if not between or not 0 < e_n <= s_m < len(b.tokens) or any(j in used for j in range(e_n, s_m)):
        return {}
    gap = b.text[b.tokens[e_n - 1].end : b.tokens[s_m].start]
    if "\n" not in gap[: len(gap) - len(gap.lstrip())] or "\n" not in gap[len(gap.rstrip()) :]:
        return {}  # the neighbours do not end and start reference lines
    lines = [" ".join(line.split()) for line in gap.split("\n") if line.strip()]
    if len(lines) != len(between):
        return {}
    out: dict[int, str] = {}
    for k, line in zip(between, lines, strict=True):
        a_words = a.words_between(*ranges[k])
        b_words = len(line.split())
        if not (
            b_words <= LINE_LENGTH_FACTOR * a_words + EDGE_SLACK
            and a_words <= LINE_LENGTH_FACTOR * b_words + EDGE_SLACK
        ):
            return {}
        out[k] = line
    return out


def _explained(pairs: Sequence[Pair], rng: tuple[int, int], span: tuple[int, int], a: _Side, b: _Side) -> bool:
    """Whether the reference faces the block's unmatched edges (see :data:`UNEXPLAINED_WORDS`)."""
    lead = a.words_between(rng[0], pairs[0][0])
    trail = a.words_between(pairs[-1][0] + 1, rng[1])
    lead_b = b.words_between(span[0], pairs[0][1])
    trail_b = b.words_between(pairs[-1][1] + 1, span[1])
    return not (lead > UNEXPLAINED_WORDS and lead_b < lead / 2) and not (
        trail > UNEXPLAINED_WORDS and trail_b < trail / 2
    )


def _kept_pairs(pairs: list[Pair], a: _Side) -> list[Pair]:
    """Matches in chains long enough to be copied text."""
    kept: list[Pair] = []
    for chain in chains(pairs):
        if sum(1 for i, _j in chain.pairs if a.is_word[i]) >= MIN_CHAIN_WORDS:
            kept.extend(chain.pairs)
    return kept


def _pairs_by_block(pairs: Sequence[Pair], ranges: Sequence[tuple[int, int]]) -> list[list[Pair]]:
    """Matches grouped by the block (token range) of their first index."""
    out: list[list[Pair]] = [[] for _ in ranges]
    firsts = [lo for lo, _hi in ranges]
    for i, j in pairs:
        n = bisect_right(firsts, i) - 1
        if n >= 0 and i < ranges[n][1]:
            out[n].append((i, j))
    return out


def _is_aligned(pairs: Sequence[Pair], a: _Side, lo: int, hi: int) -> bool:
    """Whether a block has enough matched words to be rebuilt (see BLOCK_MIN_RATIO)."""
    words = a.words_between(lo, hi)
    matched = sum(1 for i, _j in pairs if a.is_word[i])
    return matched >= MIN_BLOCK_MATCHED and matched >= BLOCK_MIN_RATIO * words


def _realign(a: _Side, b: _Side, lo: int, hi: int, b_unique: dict[str, int], claimed: set[int]) -> list[Pair]:
    """Align one block on its own: anchors unique in the block and in the whole reference."""
    block_counts = Counter(a.keys[lo:hi])
    anchors = sorted(
        (i, b_unique[a.keys[i]])
        for i in range(lo, hi)
        if a.is_word[i] and block_counts[a.keys[i]] == 1 and a.keys[i] in b_unique
    )
    chain = longest_increasing(anchors)
    if len(chain) < 2:
        return []
    first_b, last_b = chain[0][1], chain[-1][1]
    pad_lo = EDGE_FACTOR * (chain[0][0] - lo) + EDGE_SLACK
    pad_hi = EDGE_FACTOR * (hi - chain[-1][0]) + EDGE_SLACK
    b0, b1 = max(0, first_b - pad_lo), min(len(b.keys), last_b + pad_hi + 1)
    local = [(lo + i, b0 + j) for i, j in align(a.keys[lo:hi], b.keys[b0:b1])]
    local = [p for p in local if p[1] not in claimed]
    return _kept_pairs(local, a)


def _spans(
    aligned: Sequence[int], by_block: Sequence[list[Pair]], ranges: Sequence[tuple[int, int]], a: _Side, b: _Side
) -> dict[int, tuple[int, int]]:
    """The reference token span ``[s, e)`` of each aligned block, gaps split at sentences."""
    spans: dict[int, tuple[int, int]] = {}
    for n in aligned:
        pairs = by_block[n]
        spans[n] = (pairs[0][1], pairs[-1][1] + 1)
    starts = sorted((s, e, n) for n, (s, e) in spans.items())
    lead = {n: a.words_between(ranges[n][0], by_block[n][0][0]) for n in aligned}
    trail = {n: a.words_between(by_block[n][-1][0] + 1, ranges[n][1]) for n in aligned}
    joined_after: set[int] = set()
    for n, m in pairwise(aligned):
        s_n, e_n = spans[n]
        s_m, e_m = spans[m]
        if e_n > s_m or not _free(starts, n, m, e_n, s_m):
            continue
        joined_after.add(n)
        p1 = next((j for j in range(e_n, s_m + 1) if b.boundary_before(j)), -1)
        p2 = next((j for j in range(s_m, e_n - 1, -1) if b.boundary_before(j)), -1)
        if p1 < 0:
            if lead[m] > 0 or trail[n] == 0:
                spans[m] = (e_n, e_m)
            else:
                spans[n] = (s_n, s_m)
            continue
        spans[n] = (s_n, p1)
        middle = b.words_between(p1, p2)
        own_paragraph = "\n" in b.text[b.tokens[p1 - 1].end : b.tokens[p2].start] if p1 < p2 else False
        if middle and not own_paragraph and trail[n] + lead[m] >= MIDDLE_ACCOUNTED * middle:
            spans[m] = (p1, e_m)
        else:
            spans[m] = (p2, e_m)
    joined_before = {m for n, m in pairwise(aligned) if n in joined_after}
    for n in aligned:
        s, e = spans[n]
        if n not in joined_before and by_block[n][0][0] > ranges[n][0]:
            s = _extend(b, s, -1, EDGE_FACTOR * lead[n] + EDGE_SLACK)
        if n not in joined_after and by_block[n][-1][0] + 1 < ranges[n][1]:
            e = _extend(b, e, +1, EDGE_FACTOR * trail[n] + EDGE_SLACK)
        spans[n] = (s, e)
    return spans


def _free(starts: Sequence[tuple[int, int, int]], n: int, m: int, lo: int, hi: int) -> bool:
    """Whether no other block's span (``starts``: sorted ``(start, end, block)``) lies in or
    reaches into the reference gap ``[lo, hi)``."""
    pos = bisect_left(starts, (lo, -1, -1))
    if pos > 0 and starts[pos - 1][1] > lo and starts[pos - 1][2] not in (n, m):
        return False
    while pos < len(starts) and starts[pos][0] < hi:
        if starts[pos][2] not in (n, m):
            return False
        pos += 1
    return True


def _extend(b: _Side, pos: int, step: int, limit: int) -> int:
    """Move a span edge to the nearest sentence boundary within ``limit`` words, if any."""
    j = pos
    words = 0
    while not b.boundary_before(j):
        if step < 0:
            j -= 1
            words += b.is_word[j]
        else:
            words += b.is_word[j]
            j += 1
        if words > limit:
            return pos
    return j


def _pieces(pairs: Sequence[Pair], span: tuple[int, int]) -> list[tuple[int, int]]:
    """The block's reference span, cut where its matches jump far (text from elsewhere)."""
    cuts = [(c.pairs[0][1], c.pairs[-1][1] + 1) for c in chains(pairs)]
    if not cuts:
        return [span]
    cuts[0] = (min(span[0], cuts[0][0]), cuts[0][1])
    cuts[-1] = (cuts[-1][0], max(span[1], cuts[-1][1]))
    if len(cuts) == 1:
        return [span]
    return cuts


def _substitutions(
    pairs: Sequence[Pair], lo: int, hi: int, span: tuple[int, int], a: _Side, b: _Side
) -> list[Substitution]:
    """Unmatched stretches of the block and the reference text facing them."""
    out: list[Substitution] = []
    bounds = [(lo - 1, span[0] - 1), *pairs, (hi, span[1])]
    for (i1, j1), (i2, j2) in pairwise(bounds):
        if i2 - i1 <= 1 and j2 - j1 <= 1:
            continue
        if not (a.words_between(i1 + 1, i2) or b.words_between(j1 + 1, j2)):
            continue
        if i2 - i1 > 1:
            start = a.tokens[i1 + 1].start
        else:
            start = a.tokens[i1].end if i1 >= lo else a.tokens[i2].start
        end = a.tokens[i2 - 1].end if i2 - i1 > 1 else start
        original = b.text[b.tokens[j1 + 1].start : b.tokens[j2 - 1].end] if j2 - j1 > 1 else ""
        out.append(Substitution(start, end, a.text[start:end], _NEWLINE_SPACE.sub(" ", original)))
    return out
