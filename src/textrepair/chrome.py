"""Stage ``chrome``: drop page chrome (menus, widgets, comment forms, related lists...) from
plain scraped text, keeping the article.

How a block (one line) is judged, in three passes:

1. *Features* (:mod:`textrepair.chrome_features`): words, stopword density in the document's
   language, terminal punctuation, shapes (date/time lines, bare numbers, temperatures,
   template leftovers, tag/menu lines, source lines, URLs/handles), a boilerplate lexicon per
   language, repetition inside the document and across the documents of the call.
2. *Classes* in the spirit of jusText: ``good`` (long, stopword-rich prose), ``near`` (a
   sentence), ``short`` (neutral: headings, labels, list items), ``bad`` (explicit evidence).
3. *Context*: the article is found as the densest runs of good blocks (maximum-sum segments
   of a weighted sequence where a boilerplate line weighs like a wall and a comment header
   is one); short blocks between content stay, headings and the title right above content
   stay, a byline or closing list right below it stays, runs of short blocks at the edges
   go, and runs after a comment header are readers' comments. Bad blocks inside the article
   go only on evidence that does not depend on position: a date, number, link or source line
   inside the article is content (a dateline, a score, a reference) unless it is a field of a
   listing's records, and an edge of the page without any chrome evidence is kept.

A language without a stoplist uses length and punctuation instead of stopwords: it never
falls back to dropping everything. Every dropped block carries its rule and evidence.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .chrome_features import SECTION_CATEGORIES, Features, base_language, features, has_lexicon, lexicon
from .config import Context
from .document import Block, Document, Edit, block_extent
from .stage import Stage

NAME = "chrome"
#: Weight of a boilerplate line in the content-run search: one such line outweighs a
#: sentence or two, so runs do not grow across menus and widgets.
STRONG_PENALTY = -150.0
#: A boilerplate line with article prose this close on both sides is inline (a button).
INLINE_REACH = 1


class Preset(NamedTuple):
    """Knobs of one ``--chrome`` preset."""

    min_segment: float  # words of content a secondary article segment needs
    segment_ratio: float  # ... or this share of the main segment, whichever is larger
    up_blocks: int  # headings/standfirst blocks kept above a segment
    down_blocks: int  # bylines/notes kept below a segment
    context: bool  # use position at all (False: drop only blocks with explicit evidence)
    sure_segment: float = 300  # a run of this many words of prose is content whatever the main one


PRESETS: Mapping[str, Preset] = {
    "conservative": Preset(min_segment=0, segment_ratio=0, up_blocks=0, down_blocks=0, context=False),
    "balanced": Preset(min_segment=25, segment_ratio=0.25, up_blocks=3, down_blocks=2, context=True),
    "aggressive": Preset(min_segment=40, segment_ratio=0.5, up_blocks=1, down_blocks=0, context=True, sure_segment=400),
}

#: Shapes that are chrome wherever they stand (a bare comment count, a lone date line).
_ANYWHERE_SHAPES = frozenset(
    {"template", "weather", "number", "date", "link", "source", "copyright", "menu", "empty", "comment-meta"}
    | {"markup", "teaser", "credit"}
)


#: Shapes that are chrome outside the article but content inside it (a dateline, a
#: timestamp of a live blog, a score, a reference URL), unless they are the fields of a
#: listing's records (next to a label repeated down the page).
SOFT_SHAPES = frozenset({"date", "number", "link", "source"})

#: A date line with a clock time ("December 18, 2025, 9:59 pm"): how comments are stamped.
_STAMP = re.compile(r"^(?=.*\d{1,2}:\d{2})(?=.*(?:\d{4}|[^\W\d_]{3,})).{0,40}$")

#: A bare clock time ("20:05", "9.30 am", "14h10"): the timestamp of a live blog entry.
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?m\.?|[A-Z]{2,4}|uhr|h))?\s*$", re.I)

_BULLETED = re.compile(r"^(?:[•◦▪●‣∙*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*\S")

#: Evidence that marks the fields of a listing's records.
_RECORD_RULES = frozenset({"date", "number", "source", "link", "repeated"})


@dataclass
class Judged:
    """A block with its features and verdict."""

    block: Block
    feat: Features
    cls: str  # good | near | short | bad
    rule: str | None = None  # why it is bad
    strong: bool = False  # bad evidence that also stops the context pass
    anywhere: bool = False  # evidence that holds inside the article too
    keep: bool = False


def classify(f: Features, has_stoplist: bool) -> str:
    """``good``, ``near`` or ``short`` from length, stopwords and punctuation."""
    if has_stoplist and f.stop is not None:
        if (f.words >= 12 and f.stop >= 0.22 and (f.terminal or f.words >= 20)) or (f.words >= 30 and f.stop >= 0.12):
            return "good"
        if f.cjk and f.terminal and f.words >= 15 and f.stop >= 0.08:
            return "good"  # fewer function characters per character than function words per word
        if f.words >= 5 and f.stop >= 0.2 and f.terminal:
            return "near"
        if f.words >= 40:
            return "near"
        return "short"
    if (f.words >= 15 and f.terminal) or f.words >= 30:
        return "good"
    if f.words >= 5 and f.terminal:
        return "near"
    return "short"


def judge(blocks: Sequence[Block], language: str | None, templates: frozenset[str]) -> list[Judged]:
    """Features, class and explicit evidence of every block."""
    lang = base_language(language)
    memo: dict[str, Features] = {}  # menus repeat: judge each distinct line once
    feats = []
    for b in blocks:
        f = memo.get(b.text)
        if f is None:
            f = memo[b.text] = features(b.text, lang)
        feats.append(f)
    has_stoplist = any(f.stop is not None for f in feats)
    judged = [Judged(b, f, classify(f, has_stoplist)) for b, f in zip(blocks, feats, strict=True)]
    for j in judged:
        f = j.feat
        if f.shape is not None and f.shape in _ANYWHERE_SHAPES:
            j.cls, j.rule, j.anywhere = "bad", f.shape, f.shape not in SOFT_SHAPES
            j.strong = f.shape == "comment-meta"
        elif f.lexicon is not None and (j.cls != "good" or f.key.startswith(f.lexicon[1])):
            j.cls, j.rule, j.strong = "bad", "lexicon-" + f.lexicon[0], f.strong_lexicon
            j.anywhere = f.strong_lexicon
        elif f.key and f.key in templates and j.cls != "good":
            j.cls, j.rule, j.anywhere = "bad", "cross-document", True
    _unmark_headings(judged, lexicon(lang).headings)
    _unmark_tables(judged)
    _mark_repeats(judged)
    return judged


#: How far below an ambiguous comment label ("Discussion") comment evidence must appear.
HEADING_REACH = 15


def _unmark_headings(judged: list[Judged], headings: frozenset[str]) -> None:
    """A comment label that also heads a section of an article ("Discussion", "Response:")
    opens the comments only when comment evidence (a "Jane says:" header, a reply form)
    follows within a few blocks; otherwise it is a heading of the article."""
    for i, j in enumerate(judged):
        if not (j.strong and j.feat.key in headings and _opens_comments(j)):
            continue
        below = judged[i + 1 : i + 1 + HEADING_REACH]
        if not any(_opens_comments(m) and m.feat.key not in headings for m in below):
            j.cls, j.rule, j.strong, j.anywhere = "short", None, False, False


def _unmark_tables(judged: list[Judged]) -> None:
    """Lines cut into as many ``|`` or tab-separated cells as a neighbour are rows of a table:
    content of the article (a sentence's worth), never a menu."""
    for sep in ("|", "\t"):
        cells = [j.block.text.count(sep) for j in judged]
        for i, j in enumerate(judged):
            if cells[i] < 2 or (j.anywhere and j.rule != "menu") or j.cls not in ("short", "bad"):
                continue
            if (i > 0 and cells[i - 1] == cells[i]) or (i + 1 < len(judged) and cells[i + 1] == cells[i]):
                j.cls, j.rule, j.anywhere, j.strong = "near", None, False, False


def _mark_repeats(judged: list[Judged]) -> None:
    """Short labels that recur in the page are template (source names, section tags); a copy
    right above content is a heading (a table of contents repeats it) and stays, unless it
    sits in a listing record (next to a date, counter or another repeated label). A block
    repeated within a few lines with nothing but chrome between (a title printed twice)
    loses its later copy."""
    counts = Counter(j.feat.ident for j in judged if j.feat.ident)
    spared: dict[int, tuple[str, str | None]] = {}
    last_heading: dict[str, int] = {}
    for i, j in enumerate(judged):
        f = j.feat
        if (j.cls == "bad" and (j.anywhere or j.rule in SOFT_SHAPES)) or not f.ident:
            continue
        if counts[f.ident] >= 2 and f.words <= 5 and not f.terminal:
            nxt = judged[i + 1] if i + 1 < len(judged) else None
            if nxt is not None and nxt.cls in ("good", "near"):
                spared.pop(last_heading.get(f.ident, -1), None)  # an earlier copy: a contents entry
                spared[i] = (j.cls, j.rule)
                last_heading[f.ident] = i
            j.cls, j.rule = "bad", "repeated"
            continue
        for k in range(max(0, i - 3), i):
            prev = judged[k]
            if (
                prev.feat.ident == f.ident
                and f.words <= TITLE_MAX_WORDS
                and not f.terminal
                and all(m.cls not in ("good", "near") for m in judged[k + 1 : i])
            ):
                j.cls, j.rule, j.anywhere = "bad", "repeated-title", True
                break
    changed = True
    while changed:  # records of a listing: soft shapes and repeated labels side by side
        changed = False
        for i, j in enumerate(judged):
            if j.anywhere or j.rule not in _RECORD_RULES:
                continue
            around = judged[max(0, i - 1) : i] + judged[i + 1 : i + 2]
            # a field next to a record (or a shape next to a repeated label) is a record's field
            if any(
                m.rule in _RECORD_RULES and (m.anywhere or (m.rule == "repeated") != (j.rule == "repeated"))
                for m in around
            ):
                j.anywhere = changed = True
    for i, (cls, rule) in spared.items():
        if not judged[i].anywhere:
            judged[i].cls, judged[i].rule = cls, rule


def _weight(j: Judged) -> float:
    """Contribution of a block to a content run: words of prose, a small cost per short
    block, a large one per boilerplate line."""
    if j.cls == "good":
        return float(j.feat.words)
    if j.cls == "near":
        return 0.5 * j.feat.words
    if j.cls == "short":
        if not j.feat.words or j.feat.code:
            return -0.2  # a separator or a line of code: neutral-ish, never a menu item
        return -1.0 - 0.1 * j.feat.words
    return STRONG_PENALTY if j.strong else -3.0


def _best_segment(weights: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Maximum-sum run of ``weights[lo:hi]`` (Kadane); ``(0, lo, lo)`` if none is positive."""
    best = (0.0, lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, start = 0.0, i
        run += weights[i]
        if run > best[0]:
            best = (run, start, i + 1)
    return best


def segments(judged: Sequence[Judged]) -> list[tuple[float, int, int]]:
    """Content runs: maximum-sum segments between comment headers, found recursively
    so that several articles (or an article split by a box) each give a run."""
    weights = [_weight(j) for j in judged]
    good = [j.cls == "good" for j in judged]
    for i, j in enumerate(judged):
        if j.strong and any(good[max(0, i - INLINE_REACH) : i]) and any(good[i + 1 : i + 1 + INLINE_REACH]):
            weights[i] = -5.0  # a button or teaser set inside the article's prose, not a wall
    pieces: list[tuple[int, int]] = []
    start = 0
    for i, j in enumerate(judged):
        if _opens_comments(j):
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(judged)))
    found: list[tuple[float, int, int]] = []
    stack = [p for p in pieces if p[1] > p[0]]
    while stack:
        lo, hi = stack.pop()
        score, s, e = _best_segment(weights, lo, hi)
        if score <= 0:
            continue
        found.append((score, s, e))
        if s > lo:
            stack.append((lo, s))
        if e < hi:
            stack.append((e, hi))
    return sorted(found, key=lambda t: t[1])


def choose(judged: list[Judged], preset: Preset, informed: bool = True) -> None:
    """Mark the blocks to keep (``j.keep``); ``informed`` says whether the document's language
    has a lexicon, so that a page edge without evidence means something."""
    if not preset.context:
        text = [j.cls != "bad" for j in judged]
        for i, j in enumerate(judged):
            # a soft shape between blocks that stay (a year heading, a timestamp, a phone) stays
            between = 0 < i < len(judged) - 1 and text[i - 1] and text[i + 1]
            soft = between and j.rule in SOFT_SHAPES and not j.anywhere
            j.keep = j.cls != "bad" or (j.rule or "").startswith("lexicon-nav") or soft
        return
    found = segments(judged)
    if not found:
        return
    core_index = _core(judged, found)
    core = found[core_index]
    threshold = max(preset.min_segment, min(preset.segment_ratio * core[0], preset.sure_segment))
    section_cut = _section_cut(judged, core)
    accepted = {core_index}
    # neighbours joined to the article by a clean gap (code, a list, short paragraphs:
    # nothing with chrome evidence) belong to it whatever their size
    for step in (-1, 1):
        n = core_index
        while 0 <= n + step < len(found):
            a, b = (found[n], found[n + step]) if step > 0 else (found[n + step], found[n])
            if b[1] >= section_cut or not _clean_gap(judged, a[2], b[1]):
                break
            n += step
            accepted.add(n)
    for n, (score, s, _) in enumerate(found):
        if n in accepted or (score >= threshold and s < section_cut):
            accepted.add(n)
    for n in sorted(accepted):
        _, s, e = found[n]
        for j in judged[s:e]:
            j.keep = not j.anywhere
        if n + 1 in accepted and _clean_gap(judged, e, found[n + 1][1]):
            for j in judged[e : found[n + 1][1]]:
                j.keep = j.cls != "bad" or not (j.anywhere or j.strong)
    for n in sorted(accepted):
        _, s, e = found[n]
        _extend_up(judged, s, preset.up_blocks)
        _extend_down(judged, e, preset.down_blocks)
    if informed:
        _keep_clean_edges(judged)
    for i in range(1, len(judged) - 1):  # a live blog's timestamp between kept blocks is content
        j = judged[i]
        if not j.keep and j.rule == "date" and not j.anywhere and judged[i - 1].keep and judged[i + 1].keep:
            j.keep = bool(_CLOCK_ONLY.match(j.block.text))


def _keep_clean_edges(judged: list[Judged]) -> None:
    """An edge of the page without a single piece of chrome evidence (no boilerplate phrase,
    shape, repeat or template line) is no menu or footer: it is the article's own front
    matter or closing list (a clean text fed in keeps its authors line and its checklist)."""
    kept = [i for i, j in enumerate(judged) if j.keep]
    if not kept:
        return
    for lo, hi in ((0, kept[0]), (kept[-1] + 1, len(judged))):
        edge = judged[lo:hi]
        labels = sum(1 for j in edge if j.feat.words <= 2)
        if edge and all(j.rule is None for j in edge) and 2 * labels < len(edge):
            for j in edge:
                j.keep = True


#: How many share buttons and date lines the search for a headline looks past.
SHARE_BAR = 6

#: A run above the first comment header is the article if it has this many words of
#: prose and this share of the largest run (a long comment thread can outweigh a short post).
ABOVE_COMMENTS = (50.0, 0.2)


def _core(judged: Sequence[Judged], found: Sequence[tuple[float, int, int]]) -> int:
    """Index of the article's main run: the largest, unless it follows a comment header
    and a run of fair size stands above that header."""
    largest = max(range(len(found)), key=lambda n: (found[n][0], -found[n][1]))
    opener = next((i for i, j in enumerate(judged) if _opens_comments(j)), len(judged))
    _, start, end = found[largest]
    # a thread shows itself: comment headers and timestamped date lines from the header on
    between = judged[opener:end]
    stamps = sum(1 for j in between if j.feat.shape == "comment-meta" or _STAMP.search(j.block.text))
    if start < opener or stamps < 3:
        return largest
    floor = max(ABOVE_COMMENTS[0], ABOVE_COMMENTS[1] * found[largest][0])
    above = [n for n, (score, _, end) in enumerate(found) if end <= opener and score >= floor]
    return max(above, key=lambda n: (found[n][0], -found[n][1])) if above else largest


def _clean_gap(judged: Sequence[Judged], start: int, end: int) -> bool:
    """Whether the blocks between two content runs carry no chrome evidence (short blocks
    between content stay, as in jusText)."""
    return not any(j.anywhere or j.strong or j.rule in SOFT_SHAPES for j in judged[start:end])


def _section_cut(judged: Sequence[Judged], core: tuple[float, int, int]) -> int:
    """Index of the first comments/related header after the main segment: content runs
    after it are comment threads or teasers, not the article."""
    for i in range(core[2], len(judged)):
        if _opens_comments(judged[i]):
            return i
    return len(judged)


def _opens_comments(j: Judged) -> bool:
    """A comment header or comment-form line: what follows is readers' text."""
    lex = j.feat.lexicon
    return j.strong and (j.rule == "comment-meta" or (lex is not None and lex[0] in SECTION_CATEGORIES))


def _extend_up(judged: list[Judged], start: int, limit: int) -> None:
    """Keep the title / standfirst right above a segment: short blocks of three or more words
    (or sentences), skipping lone dates and the like, up to a label or boilerplate line."""
    kept = skipped = 0
    i = start - 1
    while i >= 0 and kept < limit:
        j = judged[i]
        if j.keep:
            break
        if j.cls == "bad":
            # a share bar and a date line sit between a headline and its text: look past them
            passable = j.rule in _ANYWHERE_SHAPES | {"repeated-title", "lexicon-share"} and j.rule != "comment-meta"
            skipped += 1
            if not passable or skipped > SHARE_BAR:
                break
        elif j.feat.words >= 3 or (j.feat.terminal and j.feat.words >= 2):
            j.keep = True
            kept += 1
        else:
            break
        i -= 1


def _extend_down(judged: list[Judged], end: int, limit: int) -> None:
    """Keep a byline or closing note right below a segment, up to a boilerplate line."""
    kept = 0
    i = end
    while i < len(judged) and kept < limit:
        j = judged[i]
        if j.keep or j.cls == "bad":
            break
        if _BULLETED.match(j.block.text):
            # a bulleted list closing the article: the whole list (page menus carry no bullets)
            while i < len(judged) and judged[i].cls != "bad" and _BULLETED.match(judged[i].block.text):
                judged[i].keep = True
                i += 1
            kept += 1
            continue
        if j.feat.words >= 2:
            j.keep = True
            kept += 1
        else:
            break
        i += 1


#: Two documents are copies of one article (syndication, a re-layout) when this share of
#: the smaller one's sampled word 8-grams is found in the other.
COPY_OVERLAP = 0.3
#: A block printed again a few lines below is a repeated title only if it looks like one:
#: at most this many words and no sentence-final punctuation (a repeated paragraph stays).
TITLE_MAX_WORDS = 20
_SHINGLE = 8
_SAMPLE = 4  # keep one 8-gram in four (by CRC, so the choice is the same in every process)


def prepare(docs: Sequence[Document], ctx: Context) -> None:
    """Learn template lines: short blocks found in several documents of the call.

    Documents that are copies of one article (syndication, the same story laid out
    differently) share most of their word 8-grams, so their common lines prove nothing;
    a line counts when two documents with prose that are not copies of each other both
    have it.
    """
    if ctx.config.chrome == "off" or len(docs) < 2:
        ctx.batch[NAME] = {"templates": frozenset()}
        return
    from .chrome_features import normalize, word_count

    short_sets: list[set[str]] = []
    shingle_sets: list[set[int]] = []
    for doc in docs:
        short: set[str] = set()
        prose: list[str] = []
        for block in doc.blocks():
            key = normalize(block.text)
            if not key:
                continue
            if word_count(block.text) >= 15:
                prose.append(block.text)
            else:
                short.add(key)
        short_sets.append(short)
        shingle_sets.append(_sampled_shingles(" ".join(prose)))
    holders: dict[str, list[int]] = {}
    for i, keys in enumerate(short_sets):
        for key in keys:
            holders.setdefault(key, []).append(i)
    templates = set()
    for key, idx in holders.items():
        if len(idx) < 2:
            continue
        if any(_unrelated(shingle_sets[a], shingle_sets[b]) for n, a in enumerate(idx) for b in idx[n + 1 :]):
            templates.add(key)
    ctx.batch[NAME] = {"templates": frozenset(templates)}


def _sampled_shingles(text: str) -> set[int]:
    """CRC32 of one in :data:`_SAMPLE` lower-cased word 8-grams of ``text``."""
    words = text.lower().split()
    out: set[int] = set()
    for i in range(len(words) - _SHINGLE + 1):
        crc = zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode("utf-8"))
        if crc % _SAMPLE == 0:
            out.add(crc)
    return out


def _unrelated(a: set[int], b: set[int]) -> bool:
    """Whether two documents both have prose and are not copies of one article
    (:data:`COPY_OVERLAP`): only such a pair shows that a shared line is the site's template.
    A document without prose (a list, a stub) tells nothing either way."""
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) < COPY_OVERLAP * smaller


def run(doc: Document, ctx: Context) -> Document:
    """Drop the chrome blocks of one document."""
    preset_name = ctx.config.chrome
    if preset_name == "off":
        return doc
    preset = PRESETS[preset_name]
    blocks = doc.blocks()
    if not blocks:
        return doc
    templates: frozenset[str] = ctx.batch.get(NAME, {}).get("templates", frozenset())
    judged = judge(blocks, doc.language, templates)
    choose(judged, preset, informed=has_lexicon(base_language(doc.language)))
    if not any(j.keep for j in judged):
        # nothing looks like an article: drop only what has explicit evidence
        choose(judged, PRESETS["conservative"])
    kept = [j.block.index for j in judged if j.keep]
    article = [kept[0], kept[-1]] if kept else []
    drops: list[tuple[Block, str, str, Mapping[str, Any]]] = []
    for j in judged:
        if j.keep:
            continue
        rule = j.rule or ("outside-content" if j.cls in ("good", "near") else "edge")
        evidence: dict[str, Any] = {**j.feat.evidence(), "class": j.cls, "block": j.block.index}
        if j.rule is None:
            evidence["article_blocks"] = article  # where the article was found
        reason = _REASONS.get(rule, _REASONS.get(rule.split("-")[0], rule))
        drops.append((_whole_line(doc.text, j.block), rule, reason, evidence))
    out = doc.apply(drop_edits(doc.text, drops))
    return out.with_note(NAME, {"preset": preset_name, "blocks": len(blocks), "dropped": len(drops)})


def _whole_line(text: str, block: Block) -> Block:
    """The block widened over the blanks around it on its line, so that deleting it leaves
    no stray spaces behind."""
    start, end = block.start, block.end
    while end < len(text) and text[end] != "\n" and text[end].isspace():
        end += 1
    while start > 0 and text[start - 1] != "\n" and text[start - 1].isspace():
        start -= 1
    return Block(start, end, text[start:end], block.index)


def drop_edits(text: str, drops: Sequence[tuple[Block, str, str, Mapping[str, Any]]]) -> list[Edit]:
    """One ``drop`` edit per block: the line and its line break (as
    :meth:`~textrepair.document.Document.drop_blocks` does). The lines of a dropped run at
    the very end of a text without a final newline each take the break *before* them, so
    that no two drops overlap."""
    spans = [block_extent(text, block) for block, _, _, _ in drops]
    if drops and spans[-1][1] >= len(text) and not text.endswith("\n"):
        i = len(drops) - 1
        while i > 0 and drops[i - 1][0].index == drops[i][0].index - 1:
            i -= 1
        # drops[i:] are the last lines of the text: each takes the gap before it instead
        for k in range(i, len(drops)):
            block = drops[k][0]
            prev_end = drops[k - 1][0].end if k > i else _gap_start(text, block.start)
            spans[k] = (prev_end, block.end)
    edits = []
    for (_, rule, reason, evidence), (start, end) in zip(drops, spans, strict=True):
        edits.append(Edit(NAME, rule, start, end, text[start:end], "", reason, "drop", evidence))
    return edits


def _gap_start(text: str, start: int) -> int:
    """Where the line breaks before a position begin."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start


_REASONS: Mapping[str, str] = {
    "lexicon": "boilerplate phrase",
    "template": "template leftover",
    "weather": "weather widget",
    "number": "bare number (counter)",
    "date": "date/time line",
    "link": "URL, handle or hashtag only",
    "source": "source line",
    "copyright": "copyright line",
    "menu": "menu, tag or breadcrumb line",
    "teaser": "link to another article",
    "credit": "photo or image credit",
    "markup": "HTML source (an embed or republish box)",
    "empty": "punctuation only",
    "comment": "comment header (author, reply)",
    "cross": "repeated across the documents of the call",
    "repeated": "label repeated in the page",
    "repeated-title": "a title printed again a few lines below",
    "outside": "text outside the article",
    "edge": "short block outside the article",
}


STAGE = Stage(NAME, run, "drop page chrome: menus, widgets, comment forms, related lists", prepare=prepare)
