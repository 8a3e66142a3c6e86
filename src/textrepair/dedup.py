"""Exact and near-duplicate articles within a batch.

Two texts are *exact* duplicates when their words are the same (case, spacing and
punctuation aside), and *near* duplicates when the Jaccard similarity of their word
5-shingle sets reaches :data:`DEFAULT_THRESHOLD`. Similarity is estimated with MinHash
(one-permutation hashing into :data:`NUM_PERM` bins) and candidates are found with
locality-sensitive hashing (:data:`BANDS` bands of :data:`ROWS` rows), so a batch of any
size is checked in one pass without keeping its texts: the index holds about 3 kB per
indexed unit (signature, band keys, name), about 3 GB per million articles.

Units are whole documents (or split articles), and also *passages*: blocks of at least
:data:`MIN_PASSAGE_WORDS` words, so that the same story printed twice inside one page (an
aggregator listing the same wire copy from two outlets) is found too. The first occurrence
in input order is the original; later ones are reported as its duplicates.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .document import Edit, apply_edits
from .pipeline import Result

#: Words per shingle.
SHINGLE = 5
#: MinHash bins (values) per signature.
NUM_PERM = 128
#: LSH bands and rows per band (``BANDS * ROWS == NUM_PERM``); with these, a pair at
#: Jaccard 0.7 becomes a candidate with probability > 0.9999 (so pairs at the threshold
#: are never missed), and the estimate of 128 functions has a standard error under 0.045.
BANDS = 32
ROWS = 4
#: Estimated Jaccard similarity from which two units are near duplicates.
DEFAULT_THRESHOLD = 0.8
#: Documents shorter than this (in words) are only compared for exact equality.
MIN_NEAR_WORDS = 50
#: Blocks of at least this many words are indexed as passages.
MIN_PASSAGE_WORDS = 100

_WORD = re.compile(r"\w+")
_MASK32 = (1 << 32) - 1


def _chains(k: int, length: int = 32) -> tuple[tuple[int, ...], ...]:
    """For each bin, a fixed pseudo-random sequence of other bins to borrow from when it
    is empty (optimal densification, Shrivastava 2017)."""
    out = []
    for j in range(k):
        digest = hashlib.blake2b(f"textrepair-densify-{j}".encode(), digest_size=length).digest()
        out.append(tuple(x % k for x in digest))
    return tuple(out)


_CHAINS = _chains(NUM_PERM)
_EMPTY = 1 << 64


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode-aware)."""
    return _WORD.findall(text.lower())


def fingerprint(tokens: Sequence[str]) -> str:
    """Exact-duplicate key: a hash of the word sequence."""
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()


def shingle_hashes(tokens: Sequence[str], k: int = SHINGLE) -> set[int]:
    """64-bit hashes of the word ``k``-shingles (one shingle for shorter texts)."""
    if not tokens:
        return set()
    if len(tokens) <= k:
        grams: Iterable[str] = [" ".join(tokens)]
    else:
        grams = (" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1))
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little") for g in grams}


def minhash(hashes: set[int]) -> tuple[int, ...]:
    """MinHash signature (32-bit values) of a set of shingle hashes.

    One-permutation hashing: the low bits of each hash pick one of :data:`NUM_PERM` bins,
    each bin keeps its minimum, and empty bins borrow a filled bin's value along a fixed
    pseudo-random chain. One pass over the set instead of one per hash function, with the
    same estimator (the fraction of equal bins).
    """
    if not hashes:
        return (_MASK32,) * NUM_PERM
    sig = [_EMPTY] * NUM_PERM
    low = NUM_PERM - 1
    shift = NUM_PERM.bit_length() - 1
    for h in hashes:
        b = h & low
        v = h >> shift
        if v < sig[b]:
            sig[b] = v
    filled = [v != _EMPTY for v in sig]
    out = list(sig)
    for j in range(NUM_PERM):
        if filled[j]:
            continue
        source = next((t for t in _CHAINS[j] if filled[t]), None)
        if source is None:
            source = next(t for t in range(NUM_PERM) if filled[(j + t) % NUM_PERM])
            source = (j + source) % NUM_PERM
        out[j] = sig[source] ^ j
    return tuple(v & _MASK32 for v in out)


def jaccard(a: set[int], b: set[int]) -> float:
    """Exact Jaccard similarity of two sets."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def estimate(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Jaccard similarity estimated from two MinHash signatures."""
    return sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y) / len(sig_a)


@dataclass(frozen=True)
class Sketch:
    """What the index needs to know about one unit: computed where the text is (a worker)."""

    fingerprint: str
    signature: tuple[int, ...] | None  # None: too short for near-duplicate detection
    words: int


def sketch(text: str, min_words: int = MIN_NEAR_WORDS) -> Sketch:
    """The :class:`Sketch` of a text."""
    tokens = words(text)
    sig = minhash(shingle_hashes(tokens)) if len(tokens) >= min_words else None
    return Sketch(fingerprint(tokens), sig, len(tokens))


@dataclass(frozen=True)
class PassageSketch:
    """A long block of a document: its block index, its sketch, and the fingerprints of
    the (short) blocks just before it, such as the article's title."""

    block: int
    sketch: Sketch
    before: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSketch:
    """Sketches of a whole document and of its passages."""

    whole: Sketch
    passages: tuple[PassageSketch, ...] = ()


def paragraphs(text: str) -> list[str]:
    """Blocks of cleaned (canonical) text: lines with content."""
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def sketch_document(text: str, min_passage_words: int = MIN_PASSAGE_WORDS) -> DocumentSketch:
    """Sketch a cleaned document and its long passages."""
    blocks = paragraphs(text)
    passages = []
    for i, block in enumerate(blocks):
        s = sketch(block, min_words=min_passage_words)
        if s.signature is None:
            continue
        before = tuple(fingerprint(words(b)) for b in blocks[max(0, i - 2) : i])
        passages.append(PassageSketch(i, s, before))
    return DocumentSketch(sketch(text), tuple(passages))


@dataclass(frozen=True)
class Duplicate:
    """A unit that repeats an earlier one."""

    kind: str  # "exact" or "near"
    level: str  # "document" or "passage"
    doc: str
    original: str
    similarity: float
    block: int | None = None
    original_block: int | None = None
    drop_blocks: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON view, as written to the report."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "level": self.level,
            "source": self.doc,
            "original": self.original,
            "similarity": round(self.similarity, 3),
        }
        if self.level == "passage":
            out["block"] = self.block
            out["original_block"] = self.original_block
        return out


@dataclass
class _Entry:
    name: str
    signature: array[int]
    block: int | None = None
    before: tuple[str, ...] = ()


def _key(fp: str) -> int:
    """A fingerprint as a 64-bit int (a dict key a third of the size of the hex string)."""
    return int(fp[:16], 16)


@dataclass
class DuplicateIndex:
    """Finds duplicates among the units added so far, in input order (the first one seen
    is the original). Holds fingerprints and signatures, never texts."""

    threshold: float = DEFAULT_THRESHOLD
    _exact: dict[int, str] = field(default_factory=dict)
    _exact_passages: dict[int, tuple[str, int, tuple[str, ...]]] = field(default_factory=dict)
    _bands: dict[int, int] = field(default_factory=dict)
    _entries: list[_Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"duplicate threshold must be in (0, 1], not {self.threshold}")

    @staticmethod
    def _keys(signature: Sequence[int]) -> list[int]:
        """One int per LSH band (the hash of the band number and its rows; the index lives
        in one process, so Python's tuple hash serves)."""
        return [hash((band, *signature[band * ROWS : (band + 1) * ROWS])) for band in range(BANDS)]

    def _near(self, signature: Sequence[int], passage: bool) -> tuple[_Entry, float] | None:
        best: tuple[_Entry, float] | None = None
        seen: set[int] = set()
        for key in self._keys(signature):
            idx = self._bands.get(key)
            if idx is None or idx in seen:
                continue
            seen.add(idx)
            entry = self._entries[idx]
            if (entry.block is not None) != passage:
                continue
            sim = estimate(signature, entry.signature)
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (entry, sim)
        return best

    def _add(self, entry: _Entry) -> None:
        idx = len(self._entries)
        self._entries.append(entry)
        for key in self._keys(entry.signature):
            self._bands.setdefault(key, idx)

    def add(self, name: str, doc: DocumentSketch) -> list[Duplicate]:
        """Check one document against the index, then add what is new.

        Returns the duplicates found: one of level ``document`` if the whole document
        repeats an earlier one (its passages are then not checked), otherwise one per
        passage that repeats an earlier passage (of this or another document).
        """
        whole = doc.whole
        if whole.words and _key(whole.fingerprint) in self._exact:
            return [Duplicate("exact", "document", name, self._exact[_key(whole.fingerprint)], 1.0)]
        if whole.signature is not None:
            hit = self._near(whole.signature, passage=False)
            if hit is not None:
                return [Duplicate("near", "document", name, hit[0].name, hit[1])]
        if whole.words:
            self._exact[_key(whole.fingerprint)] = name
        if whole.signature is not None:
            self._add(_Entry(name, array("I", whole.signature)))
        found = []
        for p in doc.passages:
            assert p.sketch.signature is not None
            exact = self._exact_passages.get(_key(p.sketch.fingerprint))
            if exact is not None:
                original, original_block, original_before = exact
                dup = Duplicate("exact", "passage", name, original, 1.0, p.block, original_block)
            else:
                hit = self._near(p.sketch.signature, passage=True)
                if hit is None:
                    self._exact_passages[_key(p.sketch.fingerprint)] = (name, p.block, p.before)
                    self._add(_Entry(name, array("I", p.sketch.signature), p.block, p.before))
                    continue
                entry, sim = hit
                assert entry.block is not None
                original, original_block, original_before = entry.name, entry.block, entry.before
                dup = Duplicate("near", "passage", name, original, sim, p.block, original_block)
            found.append(_with_heading(dup, p.before, original_before))
        return found


def _with_heading(dup: Duplicate, before: tuple[str, ...], original_before: tuple[str, ...]) -> Duplicate:
    """The blocks to drop for a duplicate passage: the passage, and the blocks right
    before it that repeat the blocks right before the original exactly (its title)."""
    assert dup.block is not None
    drop = [dup.block]
    for offset in range(1, min(len(before), len(original_before)) + 1):
        if before[-offset] != original_before[-offset]:
            break
        drop.append(dup.block - offset)
    return Duplicate(
        dup.kind, dup.level, dup.doc, dup.original, dup.similarity, dup.block, dup.original_block, tuple(sorted(drop))
    )


def drop_passages(result: Result, dups: Sequence[Duplicate]) -> Result:
    """``result`` without the blocks of its duplicate passages (``--dedup``), each removal
    logged as a ``dedup`` drop edit so that the log still replays to the output."""
    text = result.text
    owner = {b: d for d in dups for b in d.drop_blocks}
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    wanted = sorted(b for b in owner if 0 <= b < len(spans))
    runs: list[list[int]] = []
    for b in wanted:
        if runs and runs[-1][-1] == b - 1:
            runs[-1].append(b)
        else:
            runs.append([b])
    edits: list[Edit] = []
    for run in runs:
        dup = owner[run[0]]
        start, end = spans[run[0]][0], spans[run[-1]][1]
        if run[-1] + 1 < len(spans):
            end = spans[run[-1] + 1][0]  # take the separator after the run
        elif run[0] > 0:
            start = spans[run[0] - 1][1]  # last blocks: take the separator before them
        else:
            start, end = 0, len(text)
        edits.append(
            Edit(
                stage="dedup",
                rule=f"{dup.kind}-duplicate-passage",
                start=start,
                end=end,
                before=text[start:end],
                after="",
                reason=f"repeats block {dup.original_block} of {dup.original}",
                kind="drop",
                evidence={"similarity": round(dup.similarity, 3), "original": dup.original},
            )
        )
    if not edits:
        return result
    new_text = apply_edits(text, edits)
    if not new_text.strip():
        new_text = ""
        rule = f"{dups[0].kind}-duplicate-passage"
        edits = [Edit("dedup", rule, 0, len(text), text, "", "every block repeats earlier text", "drop")]
    return dataclasses.replace(result, text=new_text, edits=result.edits + tuple(edits))
