"""Detect spun text without a reference: a score in [0, 1] and the suspicious spans.

Evidence a reader can check; each span's ``evidence`` starts with its kind:

- ``lexicon``: a phrase the spinner lexicon records as a substitute and normal text never has
  (``imaginative and prescient`` for ``vision``);
- ``collocation``: a word the lexicon knows as a spinner substitute whose original forms a
  known collocation here while it forms none (``particular forces``: ``special forces``);
- ``substitute``: such a word without that context (weak);
- ``article``: ``a`` before a vowel sound or ``an`` before a consonant (``a extra``), the slip a
  word swap leaves after the article;
- ``contraction``: contractions, which spinners introduce into formal prose (weak, capped).

The score grows with the weight of the evidence per 100 words (repeats of one finding count
little) and is scaled down below three distinct findings. Calibrated so that none of the 400
chrome-dev pages (gold texts or raw pages) nor the non-spun seeds come near the threshold; see
``benchmarks/unspin.py`` and benchmarks/README.md for the false-positive and detection rates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .articles import article_for
from .tokens import Token, tokenize
from .unspin import plan, render

if TYPE_CHECKING:
    from .lexicon import Lexicon

#: Score at or above which a text is called spun.
THRESHOLD = 0.5


@dataclass(frozen=True)
class SuspectSpan:
    """A stretch of text that looks spun: ``text[start:end]``, a suggested original if known,
    and the kind of evidence (``lexicon``, ``article``, ``contraction``, ...)."""

    start: int
    end: int
    text: str
    suggestion: str | None
    evidence: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable view."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Detection:
    """The verdict on one text: ``score`` in [0, 1], ``is_spun`` (score >= threshold) and spans."""

    score: float
    is_spun: bool
    spans: tuple[SuspectSpan, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable view, as written to the ``--report`` note."""
        return {
            "score": round(self.score, 4),
            "is_spun": self.is_spun,
            "spans": [s.to_dict() for s in self.spans],
        }


_CONTRACTION = re.compile(r"^\w+(?:n't|'re|'ve|'ll|'d|'m)$|^(?:it|that|there|here|what|who|he|she)'s$", re.I)


def article_slips(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """``a``/``an`` followed by a word whose first sound does not fit: (token i, j, correction)."""
    out: list[tuple[int, int, str]] = []
    for i in range(len(tokens) - 1):
        art, nxt = tokens[i], tokens[i + 1]
        if art.lower not in ("a", "an") or nxt.kind != "word" or nxt.start - art.end != 1:
            continue
        if i > 0 and (tokens[i - 1].end == art.start and tokens[i - 1].text not in '"“‘(['):
            continue  # "M&A", "Grade-A", "U.S.A", "a/an": glued to what precedes, not an article
        if art.text == "A" and i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].text[:1].isupper():
            continue  # "Vitamin A", "Plan A"
        want = article_for(nxt.text)
        if want is not None and want != art.lower:
            out.append((i, i + 2, want))
    return out


#: Weight of each kind of evidence (per span), and the evidence density (weight per 100
#: words) at which the score reaches 0.5; see benchmarks/unspin.py for the calibration.
WEIGHTS = {"lexicon": 1.0, "collocation": 1.0, "substitute": 0.3, "article": 2.0, "contraction": 0.1}
CONTRACTION_CAP = 0.4
#: A repeated finding (the same spun word again) adds only this share of its weight: a
#: spinner makes many different swaps, a normal text may use one odd word throughout.
REPEAT_FACTOR = 0.2
HALF_DENSITY = 0.5
#: Fewer distinct findings than this scale the score down: one slip is a typo, one odd
#: word a choice; spinners leave many.
MIN_FINDINGS = 3
#: Texts shorter than this many words are scored as if they had this many: one slip in a
#: short paragraph is not a spun document.
MIN_WORDS = 100


def detect(text: str, language: str | None, lexicon: Lexicon | None = None) -> Detection:
    """Score how likely ``text`` is spinner output and list the spans that say so."""
    if language is not None and not language.lower().startswith("en"):
        return Detection(0.0, False, ())
    if lexicon is None:
        from .lexicon import load_lexicon

        lexicon = load_lexicon()
    tokens = tokenize(text)
    n_words = sum(1 for t in tokens if t.kind == "word")
    if n_words == 0:
        return Detection(0.0, False, ())
    spans: list[SuspectSpan] = []
    weight = 0.0
    seen: set[tuple[str, str]] = set()
    for sub in plan(tokens, lexicon):
        start, end = tokens[sub.i].start, tokens[sub.j - 1].end
        original = render(sub.original)
        if sub.kind == "phrase":
            kind, evidence = "lexicon", f"lexicon: spinner phrase for '{original}'"
        elif sub.support:
            kind = "collocation"
            evidence = f"collocation: '{original}' fits ({', '.join(sub.support)}), '{sub.spun}' does not"
        else:
            kind, evidence = "substitute", f"substitute: lexicon word for '{original}'"
        spans.append(SuspectSpan(start, end, text[start:end], original, evidence))
        weight += WEIGHTS[kind] * (REPEAT_FACTOR if (kind, sub.spun) in seen else 1.0)
        seen.add((kind, sub.spun))
    for i, j, fix in article_slips(tokens):
        start, end = tokens[i].start, tokens[j - 1].end
        slip = f"article: '{tokens[i].text}' before '{tokens[i + 1].text}' (expected '{fix}')"
        spans.append(SuspectSpan(start, end, text[start:end], None, slip))
        weight += WEIGHTS["article"] * (REPEAT_FACTOR if ("article", tokens[i + 1].lower) in seen else 1.0)
        seen.add(("article", tokens[i + 1].lower))
    contractions = [t for t in tokens if t.kind == "word" and _CONTRACTION.match(t.lower)]
    for t in contractions:
        spans.append(SuspectSpan(t.start, t.end, t.text, None, "contraction"))
    weight += min(CONTRACTION_CAP, WEIGHTS["contraction"] * len(contractions))
    density = weight / max(n_words, MIN_WORDS) * 100.0
    findings = len(seen)  # distinct findings (contractions apart)
    score = (1.0 - 0.5 ** (density / HALF_DENSITY)) * min(1.0, findings / MIN_FINDINGS)
    spans.sort(key=lambda s: (s.start, s.end))
    return Detection(score, score >= THRESHOLD, tuple(spans))
