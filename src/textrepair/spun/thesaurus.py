"""Thesaurus rewrites: restore spinner swaps never seen in training, where a known term decides.

Spinners replace words with thesaurus synonyms, so the thesaurus read backwards proposes the
original of any swapped word (``woodland`` -> ``forest``, ``wood``, ``woods``), and the learned
word swaps of the lexicon add their own proposals. A proposal is taken only when it turns a
run of content words that is *not* a known term into one that *is* (a WordNet multi-word lemma,
an original phrase of the lexicon, a frequent bigram of normal prose) and no other proposal for
the same words does: ``particular forces`` -> ``special forces``, ``coronary failure`` ->
``heart failure``. Words already inside a known term are never touched. Linear in the text
(at most a few dozen lookups per word).

The data (``data/spun/thesaurus.json.gz``, built by ``build_thesaurus.py`` from WordNet 3.0 and
chrome-dev prose) is read once, lazily, and shared read-only.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations, product

from .lexicon import Lexicon
from .tokens import Token, stopwords

#: Longest run of content words looked at as one term (words).
MAX_WINDOW = 4
#: Most words replaced inside one run.
MAX_SWAPS = 2
#: Passes over a run: a restored term can make the next one recognisable
#: (``common language preparing`` -> ``natural language preparing`` -> ``natural language processing``).
MAX_ROUNDS = 3
#: Proposals per word (thesaurus synonyms and learned swaps together).
MAX_PROPOSALS = 40
#: A spun word this frequent in normal prose (per million words of the lexicon's clean text)
#: is a common word doing its usual job, not a likely spinner swap.
MAX_SPUN_FREQUENCY = 30.0
#: Known-term sources strong enough to justify a rewrite (frequent prose bigrams only protect
#: words: too many everyday pairs are one synonym away from another everyday pair).
REWRITE_SOURCES = frozenset({"thesaurus term", "lexicon term"})
#: A word may be replaced only if the lexicon has seen spinners produce it, or if normal prose
#: (the lexicon's clean text) has it at most this many times (-1: spinner words only). Letting
#: unseen rare words in restored 0.3 points more unseen phrases and changed 0.13-0.19 points more
#: correct ones (benchmarks/unspin.py): not worth it.
RARE_COUNT = -1
#: A proposed original must be at least this many times as frequent in normal prose as the
#: word it replaces (+1 smoothing): spinners swap common words for rarer synonyms.
FREQUENCY_RATIO = 2.0


@dataclass(frozen=True)
class Thesaurus:
    """Synonyms (word or multi-word lemma -> its synonyms) and known terms (read-only)."""

    synonyms: dict[str, tuple[str, ...]]
    terms: frozenset[str]
    bigrams: dict[str, int]

    def proposals(self, unit: str) -> tuple[str, ...]:
        """Synonyms of ``unit``; a regular plural gets the plurals of its singular's synonyms."""
        found = self.synonyms.get(unit)
        if found is not None:
            return found
        base = singular(unit)
        if base != unit and base in self.synonyms:
            return tuple(plural(s) for s in self.synonyms[base])
        return ()


def singular(phrase: str) -> str:
    """The phrase with a regular plural last word made singular (``neural networks`` ->
    ``neural network``, ``studies`` -> ``study``); other phrases unchanged."""
    head, _, last = phrase.rpartition(" ")
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return f"{head} {last}" if head else last


def plural(phrase: str) -> str:
    """The phrase with its last word made a regular plural."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


@lru_cache(maxsize=1)
def load_thesaurus() -> Thesaurus:
    """The shipped thesaurus (empty when the data file is missing)."""
    ref = resources.files("textrepair") / "data" / "spun" / "thesaurus.json.gz"
    if not ref.is_file():
        return Thesaurus({}, frozenset(), {})
    data = json.loads(gzip.decompress(ref.read_bytes()).decode("utf-8"))
    synonyms: dict[str, list[str]] = {}
    for group in data.get("synsets", ()):
        for lemma in group:
            entry = synonyms.setdefault(lemma, [])
            entry.extend(x for x in group if x != lemma and x not in entry)
    return Thesaurus(
        synonyms={k: tuple(v) for k, v in synonyms.items()},
        terms=frozenset(data.get("terms", ())),
        bigrams=dict(data.get("bigrams", {})),
    )


@dataclass(frozen=True)
class TermRewrite:
    """Replace content words ``i..j`` (token indices), ``spun``, with ``original``; ``terms``
    names the known terms it forms and where they are known from."""

    i: int
    j: int
    spun: str
    original: str
    terms: str


class _Knowledge:
    """Known terms from the thesaurus and the lexicon, and word proposals (one per call)."""

    def __init__(self, thesaurus: Thesaurus, lexicon: Lexicon) -> None:
        self.th = thesaurus
        self.lex = lexicon
        self.stop = stopwords("en")
        self.per_million = 1e6 / max(lexicon.total, 1)
        self._proposals: dict[str, tuple[str, ...]] = {}

    def source(self, phrase: str) -> str | None:
        """Where ``phrase`` (two or more words) is known from, or None if it is not a known term."""
        for key in (phrase, singular(phrase)):
            if key in self.th.terms:
                return "thesaurus term"
            if key in self.lex.terms:
                return "lexicon term"
        if phrase.count(" ") == 1 and self.th.bigrams.get(phrase, 0) > 0:
            return "prose bigram"
        return None

    def proposals(self, unit: str) -> tuple[str, ...]:
        """Possible originals of a spun word or two-word unit: learned swaps first, then synonyms."""
        cached = self._proposals.get(unit)
        if cached is None:
            out: list[str] = []
            seen = self.lex.unigrams.get(unit, 0)
            spinner_word = unit in self.lex.fragments and seen * self.per_million <= MAX_SPUN_FREQUENCY
            if not spinner_word and seen > RARE_COUNT:
                self._proposals[unit] = ()
                return ()
            for original, _n in self.lex.fragment_candidates(unit):
                if original not in out:
                    out.append(original)
            out.extend(x for x in self.th.proposals(unit) if x not in out)
            floor = FREQUENCY_RATIO * (seen + 1)
            cached = tuple(x for x in out[:MAX_PROPOSALS] if x != unit and self.lex.unigrams.get(x, 0) + 1 >= floor)
            self._proposals[unit] = cached
        return cached


def _chunks(tokens: Sequence[Token], stop: frozenset[str]) -> Iterator[list[int]]:
    """Runs of adjacent content-word tokens (alphabetic, not function words), as token indices."""
    run: list[int] = []
    prev_end = -1
    for k, t in enumerate(tokens):
        content = t.kind == "word" and t.lower.isalpha() and t.lower not in stop
        if content and (not run or t.start - prev_end <= 1):
            run.append(k)
        else:
            if len(run) >= 2:
                yield run
            run = [k] if content else []
        prev_end = t.end
    if len(run) >= 2:
        yield run


def term_rewrites(
    tokens: Sequence[Token],
    lexicon: Lexicon,
    thesaurus: Thesaurus,
    blocked: frozenset[int] = frozenset(),
    given: Mapping[int, str] | None = None,
) -> list[TermRewrite]:
    """The thesaurus rewrites of a text (see module docstring), sorted and non-overlapping.
    Tokens in ``blocked`` are left alone; ``given`` maps tokens the lexicon already rewrote word
    for word to their new word, which is then context (``characteristic`` + ``language
    processing`` -> ``natural language processing``) but not rewritten again."""
    given = given or {}
    know = _Knowledge(thesaurus, lexicon)
    out: list[TermRewrite] = []
    for chunk in _chunks(tokens, know.stop):
        words = [tokens[k].lower for k in chunk]
        n = len(words)
        fixed = {p for p in range(n) if chunk[p] in blocked or chunk[p] in given}
        for a in range(n):  # words inside a known term read normally: keep them
            for b in range(a + 2, min(n, a + MAX_WINDOW) + 1):
                if know.source(" ".join(words[a:b])) is not None:
                    fixed.update(range(a, b))
        words = [given.get(k, w) for k, w in zip(chunk, words, strict=True)]
        current = list(words)
        groups: list[tuple[int, int, list[str]]] = []  # (first, end, evidence) in chunk positions
        for _round in range(MAX_ROUNDS):
            found = _round_terms(current, fixed, know)
            if not found:
                break
            for a, b, new, term, source in found:
                current[a:b] = new
                fixed.update(range(a, b))  # a restored term is final
                groups.append((a, b, [f"{term}' ({source}"]))
        out.extend(_merged(chunk, words, current, groups))
    return out


def _round_terms(
    words: list[str], fixed: set[int], know: _Knowledge
) -> list[tuple[int, int, tuple[str, ...], str, str]]:
    """One pass over a run of content words: the unique known-term swaps, longest windows first,
    not overlapping each other."""
    n = len(words)
    found: list[tuple[int, int, tuple[str, ...], str, str]] = []
    for size in range(min(n, MAX_WINDOW), 1, -1):
        for a in range(n - size + 1):
            if any(lo < a + size and a < hi for lo, hi, *_ in found):
                continue
            hit = _unique_term(words, a, a + size, fixed, know)
            if hit is not None:
                found.append((a, a + size, *hit))
    return sorted(found)


def _merged(
    chunk: list[int], old: list[str], new: list[str], groups: list[tuple[int, int, list[str]]]
) -> Iterator[TermRewrite]:
    """One rewrite per stretch of overlapping term windows, from its first to its last changed word."""
    spans: list[tuple[int, int, list[str]]] = []
    for a, b, evidence in sorted(groups):
        if spans and a < spans[-1][1]:
            lo, hi, ev = spans[-1]
            spans[-1] = (lo, max(hi, b), ev + evidence)
        else:
            spans.append((a, b, list(evidence)))
    for a, b, evidence in spans:
        changed = [p for p in range(a, b) if new[p] != old[p]]
        if not changed:
            continue
        lo, hi = changed[0], changed[-1] + 1
        terms = ", '".join(evidence)
        yield TermRewrite(chunk[lo], chunk[hi - 1] + 1, " ".join(old[lo:hi]), " ".join(new[lo:hi]), f"'{terms}")


def _unique_term(
    words: list[str], a: int, b: int, fixed: set[int], know: _Knowledge
) -> tuple[tuple[str, ...], str, str] | None:
    """The one way of swapping one or two words of ``words[a:b]`` that forms a known term, as
    (new words aligned to the old, term, source); None when there is none or more than one."""
    window = words[a:b]
    free = [p for p in range(b - a) if a + p not in fixed]
    if not free:
        return None
    found: dict[str, tuple[tuple[str, ...], str]] = {}
    for count in range(1, min(MAX_SWAPS, len(free)) + 1):
        for places in combinations(free, count):
            options = [know.proposals(window[p]) for p in places]
            if not all(options):
                continue
            for choice in product(*options):
                new = list(window)
                for p, w in zip(places, choice, strict=True):
                    new[p] = w
                term = " ".join(new)
                source = know.source(term)
                if source in REWRITE_SOURCES:
                    found.setdefault(term, (tuple(new), source))
                    if len(found) > 1:
                        return None
        if found:
            break  # fewer swaps explain it: do not look for more
    if len(found) != 1:
        return None
    ((term, (swapped, source)),) = found.items()
    return swapped, term, source
