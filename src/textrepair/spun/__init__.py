"""Stage ``spun``: find spun copies, rebuild their original from a reference, report the rest.

For every document the detector (:mod:`.detect`) scores how spun it looks, from evidence
a reader can check; that score and its spans always go to the ``spun`` note. Then the
stage looks for the document's source among the references (``--reference`` files and
directories, ready :class:`ReferenceIndex` objects) and, when several documents are
cleaned together, among the other documents of the call:

1. retrieval (:mod:`.index`): skeleton n-gram fingerprints, top :data:`CANDIDATES`;
2. alignment and reconstruction (:mod:`.align`, :mod:`.rebuild`) with each candidate;
3. a candidate is the source when the alignment passes the thresholds below, is not a
   verbatim copy (an identical reference is not a match), and the document reads as the
   spun one of the two (:func:`_direction_ok`), so an original is never rewritten into its
   copy.

Short lines around the copied span (dates, "Related Articles") are dropped with it (rule
``outside-copy``); anything longer that the source does not explain is kept.

The aligned blocks are then rewritten in the source's wording (rule ``reference``). With no
source and ``unspin`` on, lexicon rewrites are applied (rule ``lexicon``). Otherwise the
text is left as it is.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from ..config import Context
from ..document import Block, Document, Edit, block_extent, narrow
from ..stage import Stage
from . import rebuild as _rebuild
from .detect import Detection, detect
from .index import Candidate, ReferenceIndex
from .lexicon import Lexicon, load_lexicon
from .rebuild import Rebuild
from .references import LoadReport, load_references
from .tokens import tokenize
from .unspin import unspin

NAME = "spun"

#: References retrieved and aligned per document, and the fingerprints a candidate must
#: share with it (a copy spun at 45% keeps dozens; one shared phrase is no copy).
CANDIDATES = 3
MIN_CANDIDATE_HITS = 3
#: A source must explain at least this many words of the document, and this fraction of the
#: words of its prose blocks: a shared disclaimer or a quoted passage is not a copy. (A copy
#: spun at 45% still matches about 0.65 of its words.)
MIN_MATCHED_WORDS = 30
MIN_COPY_FRACTION = 0.35
#: Matched words / words of the aligned blocks. Spinning 45% of content words leaves about
#: 0.65-0.75; two different texts on one topic stay far below once short chains are dropped.
MIN_SIMILARITY = 0.5
#: Once a document is shown to be a copy, unaligned blocks before its first and after its last
#: aligned block with fewer words than this are page furniture around the copy (dates, "Related
#: Articles", comment prompts) and are dropped; longer ones may be the copier's own text and stay.
EDGE_FURNITURE_WORDS = 8
#: Weight of a contraction among the detector's evidence when deciding which of two aligned
#: texts is the spun one (it is also common in informal originals).
CONTRACTION_WEIGHT = 0.2
#: Direction, first test: the side whose wording forms known collocations at more substitution
#: sites is the original, if it wins by this fraction of the sites (and by at least 2 sites);
#: otherwise the detector's evidence decides (see :func:`_direction_ok`).
FLUENCY_MARGIN = 0.1

__all__ = ["NAME", "STAGE", "ReferenceIndex", "find_source", "prepare", "run"]


class IndexLike(Protocol):
    """What the stage needs from a reference index (``ReferenceIndex`` or a persisted store)."""

    def query(self, text: str, k: int = ..., exclude: Any = ..., min_hits: int = ...) -> list[Candidate]:
        """The best ``k`` candidate references for a text, ids in ``exclude`` left out."""
        ...

    def text(self, ref_id: str) -> str:
        """A reference's text, normalised like pipeline input."""
        ...


@dataclass
class SpunState:
    """What ``prepare`` learns for one call: the references and the batch documents."""

    index: ReferenceIndex
    ready: tuple[IndexLike, ...] = ()
    batch_ids: dict[int, str] = field(default_factory=dict)
    batch_scores: dict[str, float] = field(default_factory=dict)
    detections: dict[int, Detection] = field(default_factory=dict)
    lexicon: Lexicon | None = None
    tokens: dict[str, list[Any]] = field(default_factory=dict)
    load: LoadReport = field(default_factory=lambda: LoadReport(0, 0))


@dataclass(frozen=True)
class Match:
    """The chosen source of a document and the reconstruction from it."""

    ref_id: str
    rebuild: Rebuild
    candidates: tuple[Candidate, ...]


def _score(detection: Detection) -> float:
    """The detector's score of a text."""
    return detection.score


def prepare(docs: Sequence[Document], ctx: Context) -> None:
    """Index the references once per call; with several documents, each is also a reference."""
    lexicon = load_lexicon(ctx.config.lexicon)
    from ..refstore import open_references  # persisted stores (.sqlite) given as paths via the API

    references = open_references(ctx.config.references)
    paths = [r for r in references if isinstance(r, (str, os.PathLike))]
    ready = tuple(r for r in references if not isinstance(r, (str, os.PathLike)))
    refs, load = load_references(paths, ctx.config)
    index = ReferenceIndex()
    index.add_many(refs)
    state = SpunState(index=index, ready=ready, lexicon=lexicon, load=load)
    for n, doc in enumerate(docs):
        detection = detect(doc.text, doc.language, lexicon)
        state.detections[id(doc)] = detection
        if len(docs) > 1:
            ref_id = f"batch:{n}:{doc.source or ''}"
            index.add(ref_id, doc.text)
            state.batch_ids[id(doc)] = ref_id
            state.batch_scores[ref_id] = _score(detection)
    ctx.batch[NAME] = state


def _evidence(spans: Iterable[Any]) -> float:
    """Weight of detector spans: a contraction is weak evidence, the other kinds count 1."""
    return sum(CONTRACTION_WEIGHT if s.evidence == "contraction" else 1.0 for s in spans)


def _same_file(ref_id: str, source: str | None) -> bool:
    """Whether a reference id names the input file itself (never its own source)."""
    if not source:
        return False
    return ref_id == source or _resolved(ref_id) == _resolved(source)


@lru_cache(maxsize=4096)
def _resolved(path: str) -> str:
    """The absolute form of a path (memoised: resolving costs system calls; the answer
    for a path does not change within a run)."""
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):
        return path


def _passes(rb: Rebuild) -> bool:
    """Whether an alignment shows a copy (thresholds above)."""
    return (
        rb.matched >= MIN_MATCHED_WORDS
        and rb.matched >= MIN_COPY_FRACTION * rb.prose_words
        and rb.similarity >= MIN_SIMILARITY
    )


def _verbatim(rb: Rebuild, doc: Document) -> bool:
    """A reference that changes no word of the aligned blocks is the document itself."""
    return not any(s.spun.strip() or s.original.strip() for s in rb.substitutions if _has_word(s.spun + s.original))


def _has_word(text: str) -> bool:
    """Whether a text holds a letter or digit (not only punctuation and space)."""
    return any(ch.isalnum() for ch in text)


def _direction_ok(
    doc: Document, blocks: Sequence[Block], rb: Rebuild, detection: Detection, state: SpunState, batch: bool
) -> bool:
    """Whether the document, not the source, is the spun one of the two.

    First fluency: at the substitution sites, the original's wording forms word pairs seen in
    normal text (the lexicon's collocations) more often than the spinner's (:func:`_fluency`).
    If that is undecided, spinner evidence (detector spans) in the copied blocks is weighed
    against the same evidence in the source's wording of them; text both share scores the
    same on both sides, so only what differs decides, and the document must show more. On a
    full tie, a ``--reference`` (given as an original) is followed only when the detector
    calls the document spun and not the source; two documents of one call never are.
    """
    fluency = _fluency(rb, state.lexicon)
    if fluency != 0:
        return fluency > 0
    spans = [(blocks[n].start, blocks[n].end) for n in rb.blocks]
    doc_ev = _evidence(s for s in detection.spans if any(lo <= s.start and s.end <= hi for lo, hi in spans))
    ref_detection = detect("\n".join(rb.blocks.values()), doc.language, state.lexicon)
    ref_ev = _evidence(ref_detection.spans)
    if doc_ev != ref_ev or batch:
        return doc_ev > ref_ev
    return detection.is_spun and not ref_detection.is_spun


def _fluency(rb: Rebuild, lexicon: Lexicon | None) -> int:
    """How much more the source's wording reads like normal text than the document's, at the
    substitution sites: one vote per site for the side whose word pairs (with the matched
    neighbours) are more frequent in normal text, one for the side whose words are more common
    (spinners pick rarer synonyms). Votes for the source minus votes against, or 0 when the
    margin is under :data:`FLUENCY_MARGIN` of the sites (or under 2)."""
    if lexicon is None or not rb.sites:
        return 0
    margin = 0
    for left, spun, original, right in rb.sites:
        for measure in (_pair_weight, _word_weight):
            o, s = measure(lexicon, left, original, right), measure(lexicon, left, spun, right)
            margin += (o > s) - (s > o)
    return margin if abs(margin) >= max(2, FLUENCY_MARGIN * len(rb.sites)) else 0


def _pair_weight(lexicon: Lexicon, left: str, words: tuple[str, ...], right: str) -> float:
    """Mean log frequency, in the lexicon's normal text, of the word pairs of ``left words right``."""
    seq = [left, *words, right]
    pairs = list(pairwise(seq))
    return sum(math.log1p(lexicon.collocation(f"{x} {y}")) for x, y in pairs) / len(pairs)


def _word_weight(lexicon: Lexicon, _left: str, words: tuple[str, ...], _right: str) -> float:
    """Mean log frequency of the words themselves in the lexicon's normal text."""
    return sum(math.log1p(lexicon.unigrams.get(w, 0)) for w in words) / max(1, len(words))


def find_source(doc: Document, state: SpunState, detection: Detection) -> Match | None:
    """The reference this document is a spun copy of, if any (see the module docstring)."""
    own = state.batch_ids.get(id(doc))
    exclude = [own] if own else []
    sources: list[tuple[IndexLike, Candidate]] = []
    for index in (state.index, *state.ready):
        found = index.query(doc.text, CANDIDATES + 1, exclude)
        found = [c for c in found if c.hits >= MIN_CANDIDATE_HITS and not _same_file(c.ref_id, doc.source)]
        sources.extend((index, c) for c in found)
    if not sources:
        return None
    tokens = tokenize(doc.text)
    blocks = doc.blocks()
    passing: list[tuple[Candidate, Rebuild]] = []
    for index, cand in sources:
        ref_text = index.text(cand.ref_id)
        cache_key = f"{id(index)}:{cand.ref_id}"
        ref_tokens = state.tokens.get(cache_key)
        if ref_tokens is None:
            ref_tokens = state.tokens[cache_key] = tokenize(ref_text)
        rb = _rebuild.rebuild(doc.text, tokens, ref_text, ref_tokens, blocks)
        if _passes(rb) and not _verbatim(rb, doc):
            passing.append((cand, rb))
    passing.sort(key=lambda item: -item[1].matched)
    for cand, rb in passing:
        if _direction_ok(doc, blocks, rb, detection, state, batch=cand.ref_id in state.batch_scores):
            return Match(cand.ref_id, rb, tuple(c for _i, c in sources))
    return None


def _furniture(doc: Document, rb: Rebuild, ref_id: str) -> list[Edit]:
    """Drops of short unaligned blocks outside the copied span (see :data:`EDGE_FURNITURE_WORDS`)."""
    if not rb.blocks:
        return []
    first, last = min(rb.blocks), max(rb.blocks)
    drops: list[Edit] = []
    for block in doc.blocks():
        outside = block.index < first or block.index > last
        if outside and sum(1 for t in tokenize(block.text) if t.kind != "punct") < EDGE_FURNITURE_WORDS:
            start, end = block_extent(doc.text, block)
            start = max(start, drops[-1].end if drops else 0)  # two drops never share a line break
            drops.append(
                Edit(
                    NAME,
                    "outside-copy",
                    start,
                    end,
                    doc.text[start:end],
                    "",
                    f"short line around the copy of {ref_id}",
                    "drop",
                    {"source": ref_id},
                )
            )
    return drops


def run(doc: Document, ctx: Context) -> Document:
    """Detect, then rebuild from a source or (with ``unspin``) rewrite from the lexicon."""
    state = ctx.batch.get(NAME)
    if not isinstance(state, SpunState):
        prepare([doc], ctx)
        state = ctx.batch[NAME]
    detection = state.detections.get(id(doc))
    if detection is None:
        detection = detect(doc.text, doc.language, state.lexicon)
    note: dict[str, Any] = {
        "score": round(_score(detection), 4),
        "is_spun": detection.is_spun,
        "source": None,
        "coverage": 0.0,
        "substitutions": [],
        "spans": [s.to_dict() for s in detection.spans],
    }
    edits: list[Edit] = []
    match = find_source(doc, state, detection) if (len(state.index) or state.ready) else None
    if match is not None:
        rb = match.rebuild
        blocks = doc.blocks()
        for n, new in sorted(rb.blocks.items()):
            block = blocks[n]
            if new != block.text:
                edits.append(
                    narrow(
                        Edit(
                            NAME,
                            "reference",
                            block.start,
                            block.end,
                            block.text,
                            new,
                            f"spun copy of {match.ref_id}: original wording restored",
                            evidence={"source": match.ref_id, "similarity": round(rb.similarity, 4)},
                        )
                    )
                )
        edits.extend(_furniture(doc, rb, match.ref_id))  # one apply: replay needs spans into one text
        note.update(
            is_spun=True,
            source=match.ref_id,
            coverage=round(rb.coverage, 4),
            similarity=round(rb.similarity, 4),
            substitutions=[s.to_dict() for s in rb.substitutions],
        )
    elif ctx.config.unspin and state.lexicon is not None:
        rewrites = unspin(doc.text, state.lexicon, doc.language)
        for rw in rewrites:
            edits.append(
                Edit(
                    NAME,
                    "lexicon",
                    rw.start,
                    rw.end,
                    rw.before,
                    rw.after,
                    "spinner phrase undone",
                    evidence={"lexicon": rw.evidence},
                )
            )
        note["substitutions"] = [
            {"start": r.start, "end": r.end, "spun": r.before, "original": r.after} for r in rewrites
        ]
    return doc.apply(edits).with_note(NAME, note)


STAGE = Stage(NAME, run, "spun text: detect, rebuild the original from references, unspin", prepare=prepare)
