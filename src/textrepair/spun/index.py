"""Reference index: fingerprints that survive spinning, in a compact inverted index.

A spinner swaps content words for "synonyms" but keeps function words, numbers, names and
punctuation in their order. A text's *skeleton* is that sequence (content words left out);
its fingerprints are hashed n-grams of the skeleton, of which a fixed, content-defined
fraction is kept (``hash % SAMPLE == 0``, the same choice for indexing and querying, so a
shared n-gram is sampled on both sides). Postings are one sorted ``array('q')`` of
``hash << DOC_BITS | doc`` keys: 8 bytes per posting, looked up by binary search, so a
query costs O(grams * log postings) whatever the corpus size. N-grams found in more than
:data:`MAX_DF_FRACTION` of the documents (boilerplate like ``", and the"``) carry no
evidence and are skipped without reading their postings.
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from . import tokens as _tokens
from .tokens import Token, normalise, stopwords

#: The shared tokenizer's pattern (groups ``number``, ``word``, ``punct``), so the fast skeleton
#: sees the tokens :func:`~.tokens.tokenize` gives; a copy is the fallback should it move.
TOKEN_PATTERN: re.Pattern[str] = getattr(_tokens, "_TOKEN", None) or re.compile(
    r"(?P<number>\d+(?:[.,:]\d+)*(?!\w))|(?P<word>\w+(?:['’]\w+)*)|(?P<punct>[^\w\s])"
)

#: Skeleton n-gram length. 4 keeps grams specific (names, numbers, prepositions in order)
#: while a gram still survives when about one skeleton token in six is changed.
NGRAM = 4
#: Keep one gram in SAMPLE (by hash): index size and query time scale with 1 / SAMPLE.
SAMPLE = 2
#: Bits of a posting key holding the document number (up to 8M documents per index).
DOC_BITS = 23
_HASH_BITS = 63 - DOC_BITS
_MOD = (1 << 61) - 1
_MUL = 0x9E3779B97F4A7C15 % _MOD
#: Grams present in more than this fraction of documents (and more than MIN_MAX_DF documents)
#: are too common to identify a source.
MAX_DF_FRACTION = 0.01
MIN_MAX_DF = 20
#: Punctuation that spinners keep and that marks clause structure.
_KEPT_PUNCT = frozenset(",.;:?!()%$")
_SENTENCE_END = frozenset(".?!")


class Candidate(NamedTuple):
    """A reference retrieved for a query: its id, a tf-idf style score and shared grams."""

    ref_id: str
    score: float
    hits: int


def skeleton(tokens: Sequence[Token], stop: frozenset[str]) -> list[str]:
    """The tokens a spinner keeps: function words, numbers, mid-sentence capitalised words
    (names) and clause punctuation, lower-cased, in order."""
    out: list[str] = []
    sentence_start = True
    for tok in tokens:
        if tok.kind == "punct":
            if tok.text in _KEPT_PUNCT:
                out.append(tok.text)
            sentence_start = tok.text in _SENTENCE_END
            continue
        if tok.kind == "number" or tok.lower in stop or (not sentence_start and tok.text[:1].isupper()):
            out.append(tok.lower)
        sentence_start = False
    return out


def _token_hash(token: str, cache: dict[str, int]) -> int:
    """A stable odd 32-bit code for a token (CRC-32, memoised per call)."""
    value = cache.get(token)
    if value is None:
        value = zlib.crc32(token.encode("utf-8")) | 1
        cache[token] = value
    return value


def skeleton_of_text(text: str, stop: frozenset[str]) -> list[str]:
    """``skeleton(tokenize(text), stop)`` in one regex scan, without building tokens (the
    indexing hot path: about twice as fast)."""
    out: list[str] = []
    sentence_start = True
    for m in TOKEN_PATTERN.finditer(text):
        s = m.group()
        kind = m.lastgroup
        if kind == "punct":
            if s in _KEPT_PUNCT:
                out.append(s)
            sentence_start = s in _SENTENCE_END
            continue
        low = normalise(s)
        if kind == "number" or low in stop or (not sentence_start and s[:1].isupper()):
            out.append(low)
        sentence_start = False
    return out


def fingerprints(text: str, language: str | None = None, ngram: int = NGRAM, sample: int = SAMPLE) -> set[int]:
    """The sampled skeleton n-gram hashes of ``text`` (stable across processes)."""
    skel = skeleton_of_text(text, stopwords(language))
    cache: dict[str, int] = {}
    codes = [_token_hash(t, cache) for t in skel]
    out: set[int] = set()
    mask = (1 << _HASH_BITS) - 1
    for i in range(len(codes) - ngram + 1):
        h = 0
        for c in codes[i : i + ngram]:
            h = (h * _MUL + c) % _MOD
        if h % sample == 0:
            out.add((h >> 3) & mask)
    return out


@dataclass
class ReferenceIndex:
    """Reference documents, their texts, and an inverted index of their fingerprints.

    ``add`` is cheap (appends); the sorted posting array is rebuilt lazily before the next
    query. Documents are numbered in insertion order; ``ref_id`` names them.
    """

    language: str | None = "en"
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _keys: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]
    _pending: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]
    _by_id: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        """Number of indexed documents."""
        return len(self.ids)

    def add(self, ref_id: str, text: str) -> int:
        """Index one document; returns its number. Re-adding an id replaces nothing: ids are unique."""
        if ref_id in self._by_id:
            return self._by_id[ref_id]
        doc = len(self.ids)
        if doc >= 1 << DOC_BITS:
            raise OverflowError("ReferenceIndex holds at most 2**23 documents; shard the corpus")
        self.ids.append(ref_id)
        self.texts.append(text)
        self._by_id[ref_id] = doc
        self._pending.extend(sorted((h << DOC_BITS) | doc for h in fingerprints(text, self.language)))
        return doc

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Index several ``(ref_id, text)`` documents."""
        for ref_id, text in items:
            self.add(ref_id, text)

    def text(self, ref_id: str) -> str:
        """The text of a reference."""
        return self.texts[self._by_id[ref_id]]

    def __contains__(self, ref_id: object) -> bool:
        """Whether a reference id is indexed."""
        return ref_id in self._by_id

    def _freeze(self) -> None:
        """Merge pending postings into the sorted array (before a query)."""
        if self._pending:
            merged = array("q", sorted(self._keys.tolist() + self._pending.tolist()))
            self._keys = merged
            self._pending = array("q")

    @property
    def postings(self) -> int:
        """Number of stored postings (8 bytes each)."""
        return len(self._keys) + len(self._pending)

    def query(self, text: str, k: int = 5, exclude: Iterable[str] = (), min_hits: int = 2) -> list[Candidate]:
        """The ``k`` references sharing the most (idf-weighted) fingerprints with ``text``."""
        self._freeze()
        keys = self._keys
        n_docs = max(1, len(self.ids))
        max_df = max(MIN_MAX_DF, int(MAX_DF_FRACTION * n_docs))
        excluded = {self._by_id[r] for r in exclude if r in self._by_id}
        scores: dict[int, float] = {}
        hits: dict[int, int] = {}
        for h in fingerprints(text, self.language):
            lo = bisect_left(keys, h << DOC_BITS)
            hi = bisect_left(keys, (h + 1) << DOC_BITS, lo)
            df = hi - lo
            if df == 0 or df > max_df:
                continue
            weight = math.log(1.0 + n_docs / df)
            doc_mask = (1 << DOC_BITS) - 1
            for pos in range(lo, hi):
                doc = keys[pos] & doc_mask
                scores[doc] = scores.get(doc, 0.0) + weight
                hits[doc] = hits.get(doc, 0) + 1
        ranked = sorted((d for d in scores if hits[d] >= min_hits and d not in excluded), key=lambda d: (-scores[d], d))
        return [Candidate(self.ids[d], round(scores[d], 3), hits[d]) for d in ranked[:k]]
