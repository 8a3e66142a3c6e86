"""A synonym spinner and corpus generator for the spun-stage benchmarks and tests.

It imitates article spinners: content words are swapped (``rate`` of them) for a
"synonym" of one to three words, some function words are swapped too (``in -> within``,
``were -> have been``), ``is not`` becomes ``isn't``, and a few words are inserted or deleted.
Names, numbers and punctuation are kept, as spinners keep them. Synonyms come from a
thesaurus when one is given (``{word: [replacement, ...]}``), otherwise from a vocabulary
sampled from the corpus, which is the harder case for alignment: a replacement never
matches anything. On top of spinning, :func:`make_copy` builds scraped copies: title
suffixes, chrome lines around the article, excerpts, reordered paragraphs.

Everything is driven by a ``random.Random`` so corpora are reproducible.
Source texts: the gold texts of ``/work/shared/chrome-dev/dev.jsonl`` (WCXB v1.0,
CC BY 4.0, (c) 2026 Murrough Foley), see :func:`load_articles`.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from textrepair.spun.tokens import stopwords

WCXB = Path(__file__).resolve().parents[2] / "shared" / "chrome-dev" / "dev.jsonl"

_PIECE = re.compile(r"\w+(?:'\w+)*|\s+|[^\w\s]")
_FUNCTION_SWAPS: Mapping[str, tuple[str, ...]] = {
    "in": ("within", "inside"),
    "were": ("have been",),
    "was": ("has been",),
    "as": ("because the", "as"),
    "through": ("by", "via"),
    "at": ("on",),
    "very": ("extremely",),
    "also": ("additionally",),
    "but": ("however",),
    "many": ("numerous",),
}
_CONTRACTIONS: Mapping[str, str] = {
    "is not": "isn't",
    "do not": "don't",
    "does not": "doesn't",
    "are not": "aren't",
    "it is": "it's",
    "cannot": "can't",
}
_FILLERS = ("really", "truly", "certainly", "quite", "basically", "actually")
CHROME_LINES = (
    "Home",
    "News",
    "Share this article",
    "Related Posts",
    "Leave a comment",
    "Subscribe to our newsletter",
    "Posted by admin",
    "Tags: news, world",
    "Previous article",
    "Next article",
    "Copyright 2025. All rights reserved.",
    "Advertisement",
)


@dataclass(frozen=True)
class Copy:
    """A generated copy: its text, and what a perfect rebuild from the original gives."""

    text: str
    expected: str
    source: int


def load_articles(path: Path = WCXB, min_words: int = 150, part: int | None = 1) -> list[str]:
    """The WCXB gold texts with at least ``min_words`` words, paragraphs one per line.

    ``part`` keeps one half by SHA-1 of the id: the shipped lexicon learned its collocations
    from half 0, so benchmarks use half 1 by default (``None``: all)."""
    out: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if part is not None and int(hashlib.sha1(record["id"].encode()).hexdigest(), 16) % 2 != part:
                continue
            gold = record["gold_text"]
            paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", gold) if p.strip()]
            text = "\n".join(paras)
            if len(text.split()) >= min_words:
                out.append(text)
    return out


def vocabulary(texts: Sequence[str], size: int = 5000) -> list[str]:
    """Lower-case content words of the corpus, most frequent first (synonym fallback)."""
    stop = stopwords("en")
    counts: dict[str, int] = {}
    for text in texts:
        for w in re.findall(r"\b[a-z]{4,}\b", text):
            if w not in stop:
                counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:size]


def _cased(word: str, like: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def spin_line(
    line: str,
    rng: random.Random,
    rate: float,
    vocab: Sequence[str],
    thesaurus: Mapping[str, Sequence[str]] | None = None,
    function_rate: float = 0.3,
    edit_rate: float = 0.02,
) -> str:
    """Spin one paragraph: swap ``rate`` of its content words, some function words,
    contract ``is not``, and insert/delete about ``edit_rate`` of the words."""
    stop = stopwords("en")
    for full, short in _CONTRACTIONS.items():
        if rng.random() < 0.8:
            line = re.sub(rf"\b{full}\b", short, line)
    pieces = _PIECE.findall(line)
    out: list[str] = []
    sentence_start = True
    for piece in pieces:
        if not piece[0].isalnum() and piece[0] != "_":
            out.append(piece)
            if piece.strip():
                sentence_start = piece in ".?!"
            continue
        low = piece.lower()
        is_name = piece[:1].isupper() and not sentence_start
        sentence_start = False
        if piece.isdigit() or is_name or "'" in piece:
            out.append(piece)
            continue
        if low in stop:
            swaps = _FUNCTION_SWAPS.get(low)
            out.append(_cased(rng.choice(swaps), piece) if swaps and rng.random() < function_rate else piece)
            continue
        roll = rng.random()
        if roll < edit_rate:  # a dropped word
            continue
        if roll < rate:
            options = thesaurus.get(low) if thesaurus else None
            if options:
                new = rng.choice(list(options))
            else:
                n = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.8 else 3)
                new = " ".join(rng.choice(vocab) for _ in range(n))
            out.append(_cased(new, piece))
        else:
            out.append(piece)
        if rng.random() < edit_rate:
            out.append(" " + rng.choice(_FILLERS))
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def make_copy(
    articles: Sequence[str],
    source: int,
    rng: random.Random,
    rate: float,
    vocab: Sequence[str],
    excerpt: bool = False,
    chrome: bool = False,
    reorder: bool = False,
    title_suffix: bool = False,
) -> Copy:
    """A spun copy of ``articles[source]`` and the expected rebuild (the original's
    paragraphs in the copy's order, without the copy's chrome or title suffix)."""
    paras = articles[source].split("\n")
    order = list(range(len(paras)))
    if excerpt and len(paras) >= 4:
        size = max(2, int(len(paras) * rng.uniform(0.3, 0.6)))
        start = rng.randrange(0, len(paras) - size + 1)
        order = order[start : start + size]
    if reorder and len(order) >= 4:
        i, j = sorted(rng.sample(range(1, len(order)), 2))
        order[i], order[j] = order[j], order[i]
    spun = [spin_line(paras[k], rng, rate, vocab) for k in order]
    if title_suffix:
        spun[0] = spun[0] + " | " + rng.choice(("Daily News", "World Report", "The Latest"))
    lines = list(spun)
    if chrome:
        head = rng.sample(CHROME_LINES, 3)
        tail = rng.sample(CHROME_LINES, 3)
        lines = head + lines + tail
    return Copy("\n\n".join(lines) + "\n", "\n\n".join(paras[k] for k in order) + "\n", source)
