"""Undo spinner substitutions without a reference, from the lexicon, when context agrees.

A phrase table alone only restores phrases it has seen. To generalise, the lexicon also holds
*fragments* (``profound -> deep``, ``organization -> network``) and *known collocations*
(bigrams of normal text). For each run of words between punctuation, a small dynamic program
chooses, at every position, to keep the word or to rewrite a spun fragment into one of its
recorded originals; a path scores the association (capped PMI) of the known bigrams it forms
minus a cost per rewrite. So ``profound neural organization`` becomes ``deep neural network`` because
``deep neural`` and ``neural network`` are known and the spun bigrams are not, while a spun
word in a context where it reads normally stays as it is. Linear in the text.

Words the lexicon never saw swapped are then tried against the thesaurus (:mod:`.thesaurus`):
a run of words becomes a known term by exactly one synonym swap (``regulation enforcement`` ->
``law enforcement``). In a long text, those rewrites need the text to be full of rewrites.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .articles import article_for
from .lexicon import Lexicon
from .thesaurus import Thesaurus, load_thesaurus, term_rewrites
from .tokens import Token, stopwords, tokenize

#: Cost of rewriting a fragment, before the adjustments below (in units of the association
#: score of the bigrams a rewrite must create, see ``_Scorer.bigram``).
BASE_COST = 1.5
#: Extra cost per log-count of the spun word in normal text: common words need more context.
COMMON_WORD_COST = 1.5
#: Discount per log-count of times the lexicon saw this exact substitution.
EVIDENCE_DISCOUNT = 2.0
#: Extra cost per word of difference between the spun and the original fragment: uneven
#: swaps (``lush territory -> forest``) are rarer, and uneven alignments are often noise.
UNEVEN_COST = 2.0
#: Lowest cost of a fragment rewrite (a bonus: a swap seen often, of a word rare in normal text).
MIN_FRAGMENT_COST = -1.0
#: Cost of rewriting a whole phrase recorded in the lexicon (never attested in normal text),
#: on top of MIN_FRAGMENT_COST per token: an exact spinner phrase beats any fragments inside it.
PHRASE_COST = -0.5
#: Subtracted from a bigram's count before its association is measured (one sighting is weak).
PMI_DISCOUNT = 0.5
#: Association is capped (a pair of rare words seen once is not worth more than this) and weighted.
PMI_CAP = 3.0
PMI_WEIGHT = 1.0
#: Originals tried per fragment.
MAX_CANDIDATES = 3
#: Candidate rewrites per word above which rewrites without collocation support are kept.
BULK_DENSITY = 0.02
#: ... and at least this many of them.
BULK_MIN = 1
#: A rewrite kept in bulk without collocation support must be a swap seen this many times.
BULK_MIN_SEEN = 3
#: A bigram supports a rewrite only if normal text has it at least this often (once is chance).
MIN_SUPPORT_COUNT = 2


@dataclass(frozen=True)
class Rewrite:
    """``text[start:end]`` (``before``) should read ``after``; ``evidence`` says why."""

    start: int
    end: int
    before: str
    after: str
    evidence: str


@dataclass(frozen=True)
class Substitution:
    """A rewrite chosen by :func:`plan`, in token indices, with what supports it."""

    i: int
    j: int
    spun: str
    original: str
    kind: str  # "phrase" or "fragment"
    gain: float  # known-bigram score gained over keeping the spun words
    support: tuple[str, ...]  # the known bigrams the rewrite forms


def match_case(original: str, spun: str) -> str:
    """Give ``original`` the capitalisation pattern of ``spun`` (all caps, or first letter)."""
    if len(spun) > 1 and spun.isupper() and spun.isalpha():
        return original.upper()
    if spun[:1].isupper():
        return original[:1].upper() + original[1:]
    return original


def render(original_key: str) -> str:
    """Turn a normalised phrase key (tokens joined by spaces) back into text: no spaces
    around hyphens and slashes, none before closing punctuation."""
    out = original_key
    for sep in (" - ", " / ", " ' "):
        out = out.replace(sep, sep.strip())
    for p in (" ,", " .", " ;", " :", " )", " ?", " !"):
        out = out.replace(p, p[1:])
    return out.replace("( ", "(")


def phrase_hits(tokens: Sequence[Token], lexicon: Lexicon, min_tokens: int = 2) -> list[tuple[int, int, str]]:
    """Longest-first, left-to-right matches of lexicon phrases of at least ``min_tokens``
    tokens: ``(first token index, end token index, phrase key)``. Linear in the text."""
    hits: list[tuple[int, int, str]] = []
    i = 0
    n = len(tokens)
    while i < n:
        lens = lexicon.starts.get(tokens[i].lower)
        matched = 0
        if lens:
            for length in lens:
                if length < min_tokens or i + length > n:
                    continue
                key = " ".join(t.lower for t in tokens[i : i + length])
                if key in lexicon.phrases:
                    hits.append((i, i + length, key))
                    matched = length
                    break
        i += matched or 1
    return hits


def _runs(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Token index ranges of word runs between punctuation (hyphens and apostrophes kept):
    bigram context never crosses a comma or a full stop."""
    start = 0
    for k, t in enumerate(tokens):
        if t.kind == "punct" and t.lower not in ("-", "'"):
            if k > start:
                yield start, k
            start = k + 1
    if start < len(tokens):
        yield start, len(tokens)


class _Scorer:
    """Bigram and rewrite scores from a lexicon (one per call)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.stop = stopwords("en")
        self.total = max(lexicon.total, 1)
        # a rewrite gains at most two capped bigrams, so one that costs more never wins
        self.max_gain = 2 * PMI_CAP * PMI_WEIGHT
        self._bigrams: dict[tuple[str, str], float] = {}
        self._fragments: dict[str, list[tuple[tuple[str, ...], float]]] = {}

    def bigram(self, a: str, b: str) -> float:
        """Association of two adjacent content words in normal text: positive pointwise mutual
        information with a discounted count, capped (0 for pairs never seen or with a function
        word). Association, not frequency, so that swapping in a common word does not look
        like a better fit."""
        cached = self._bigrams.get((a, b))
        if cached is not None:
            return cached
        score = 0.0
        n = self.lex.collocations.get(f"{a} {b}", 0)
        if n >= MIN_SUPPORT_COUNT and a not in self.stop and b not in self.stop:  # function words fit anything
            ca = self.lex.unigrams.get(a, 1)
            cb = self.lex.unigrams.get(b, 1)
            score = PMI_WEIGHT * min(PMI_CAP, max(0.0, math.log((n - PMI_DISCOUNT) * self.total / (ca * cb))))
        self._bigrams[(a, b)] = score
        return score

    def fragment_cost(self, spun: str, original: str) -> float:
        common = self.lex.unigrams.get(spun, 0) if " " not in spun else self.lex.collocations.get(spun, 0)
        seen = self.lex.fragments.get(spun, {}).get(original, 0)
        uneven = abs(spun.count(" ") - original.count(" "))
        cost = (
            BASE_COST
            + COMMON_WORD_COST * math.log1p(common)
            - EVIDENCE_DISCOUNT * math.log1p(seen)
            + UNEVEN_COST * uneven
        )
        return max(cost, MIN_FRAGMENT_COST)

    def options(self, tokens: Sequence[Token], i: int, end: int) -> list[_Option]:
        """Rewrites starting at token ``i`` (not past ``end``): (j, emitted words, cost, kind)."""
        out: list[_Option] = []
        first = tokens[i].lower
        if tokens[i].kind != "word":
            return out
        for length in self.lex.starts.get(first, ()):
            if 2 <= length <= end - i:
                key = " ".join(t.lower for t in tokens[i : i + length])
                if key in self.lex.phrases:
                    original = self.lex.candidates(key)[0][0]
                    cost = PHRASE_COST + MIN_FRAGMENT_COST * length  # beats any fragments inside it
                    out.append((i + length, tuple(original.split(" ")), cost, "phrase"))
        for length in self.lex.fragment_starts.get(first, ()):
            if length <= end - i:
                key = first if length == 1 else " ".join(t.lower for t in tokens[i : i + length])
                for words, cost in self.fragment_options(key):
                    out.append((i + length, words, cost, "fragment"))
        return out

    def fragment_options(self, key: str) -> list[tuple[tuple[str, ...], float]]:
        """The originals of a spun fragment worth trying, with their costs (memoised)."""
        cached = self._fragments.get(key)
        if cached is None:
            cached = []
            if key in self.lex.fragments:
                for original, _n in self.lex.fragment_candidates(key)[:MAX_CANDIDATES]:
                    cost = self.fragment_cost(key, original)
                    if cost < self.max_gain:
                        cached.append((tuple(original.split(" ")), cost))
            self._fragments[key] = cached
        return cached


def plan(tokens: Sequence[Token], lexicon: Lexicon) -> list[Substitution]:
    """The rewrites of the best-scoring path through each word run (see module docstring).

    A fragment rewrite that forms no known collocation (no context agrees) is kept only when
    the text is full of candidate rewrites (:data:`BULK_DENSITY`): spinners swap words in bulk,
    while a lone unusual word in normal prose is just a word."""
    scorer = _Scorer(lexicon)
    chosen: list[Substitution] = []
    starts, fragment_starts = lexicon.starts, lexicon.fragment_starts
    for lo, hi in _runs(tokens):
        opts: dict[int, list[_Option]] = {}
        for i in range(lo, hi):
            low = tokens[i].lower
            if low in fragment_starts or low in starts:
                found = scorer.options(tokens, i, hi)
                if found:
                    opts[i] = found
        for wlo, whi in _windows(opts):
            prev = tokens[wlo - 1].lower if wlo > lo else _START
            nxt = tokens[whi].lower if whi < hi else None
            chosen.extend(_best_path(tokens, wlo, whi, opts, scorer, prev, nxt))
    n_words = sum(1 for t in tokens if t.kind == "word")
    if len(chosen) >= max(BULK_MIN, BULK_DENSITY * n_words):
        # in bulk, a rewrite without context support needs a swap the lexicon saw repeatedly
        return [s for s in chosen if s.support or s.kind == "phrase" or _seen(lexicon, s) >= BULK_MIN_SEEN]
    return [s for s in chosen if s.support or s.kind == "phrase"]


def _seen(lexicon: Lexicon, sub: Substitution) -> int:
    """How often the lexicon saw this fragment swap."""
    return lexicon.fragments.get(sub.spun, {}).get(sub.original, 0)


_START = "<s>"
_Option = tuple[int, tuple[str, ...], float, str]
_Back = tuple[int, str, "_Option | None"]


def _windows(opts: dict[int, list[_Option]]) -> list[tuple[int, int]]:
    """Maximal stretches of tokens covered by some option. Outside them every path keeps
    the text, so each stretch is decided on its own (with its neighbours as context)."""
    out: list[tuple[int, int]] = []
    for i in sorted(opts):
        end = max(j for j, *_ in opts[i])
        if out and i < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((i, end))
    return out


def _best_path(
    tokens: Sequence[Token],
    lo: int,
    hi: int,
    opts: dict[int, list[_Option]],
    scorer: _Scorer,
    prev: str,
    nxt: str | None,
) -> list[Substitution]:
    """Viterbi over positions ``lo..hi`` between the words ``prev`` and ``nxt``; a state is
    the last word emitted."""
    best: dict[int, dict[str, tuple[float, _Back | None]]] = {lo: {prev: (0.0, None)}}
    for i in range(lo, hi):
        states = best.get(i)
        if not states:
            continue
        keep: _Option = (i + 1, (tokens[i].lower,), 0.0, "keep")
        for last, (score, _bp) in sorted(states.items()):
            for option in [keep, *opts.get(i, ())]:
                j, words, cost, _kind = option
                # bigrams inside a multi-word original are not counted: the lexicon learned
                # them from the very pair the fragment came from, so they prove nothing.
                new = score + (0.0 if last == _START else scorer.bigram(last, words[0])) - cost
                slot = best.setdefault(j, {})
                if words[-1] not in slot or new > slot[words[-1]][0] + 1e-12:
                    slot[words[-1]] = (new, (i, last, None if option is keep else option))
    final = best.get(hi, {})
    if not final:
        return []

    def total(word: str) -> float:
        return final[word][0] + (scorer.bigram(word, nxt) if nxt is not None else 0.0)

    last = max(sorted(final), key=total)
    path: list[tuple[int, _Option | None]] = []  # (start index, option or None for keep)
    pos = hi
    while pos > lo:
        _score, back = best[pos][last]
        assert back is not None
        i, before, option = back
        path.append((i, option))
        pos, last = i, before
    path.reverse()
    emitted = [option[1] if option is not None else (tokens[i].lower,) for i, option in path]
    out: list[Substitution] = []
    for k, (i, option) in enumerate(path):
        if option is None:
            continue
        j, words, _cost, kind = option
        before_word = emitted[k - 1][-1] if k > 0 else prev
        after_word = emitted[k + 1][0] if k + 1 < len(path) else nxt
        out.append(_substitution(tokens, i, j, words, kind, before_word, scorer, after_word))
    return out


def _substitution(
    tokens: Sequence[Token],
    i: int,
    j: int,
    words: tuple[str, ...],
    kind: str,
    prev: str,
    scorer: _Scorer,
    nxt: str | None,
) -> Substitution:
    """Describe a chosen rewrite: the bigrams it forms that are known, and its gain."""
    spun_words = [t.lower for t in tokens[i:j]]
    has_prev = prev != _START
    new_seq = ([prev] if has_prev else []) + list(words) + ([nxt] if nxt else [])
    old_seq = ([prev] if has_prev else []) + spun_words + ([nxt] if nxt else [])
    new_pairs = _boundary_pairs(new_seq, has_prev, nxt is not None)
    old_pairs = _boundary_pairs(old_seq, has_prev, nxt is not None)
    gain = sum(scorer.bigram(a, b) for a, b in new_pairs) - sum(scorer.bigram(a, b) for a, b in old_pairs)
    support = tuple(f"{a} {b}" for a, b in new_pairs if scorer.bigram(a, b) > 0)
    return Substitution(i, j, " ".join(spun_words), " ".join(words), kind, gain, support)


def _boundary_pairs(seq: list[str], has_prev: bool, has_next: bool) -> list[tuple[str, str]]:
    """The bigrams a rewrite forms with its neighbours (not those inside it)."""
    pairs = []
    if has_prev and len(seq) > 1:
        pairs.append((seq[0], seq[1]))
    if has_next and len(seq) > 1:
        pairs.append((seq[-2], seq[-1]))
    return pairs


def unspin(text: str, lexicon: Lexicon, language: str | None, thesaurus: Thesaurus | None = None) -> list[Rewrite]:
    """Rewrites (sorted, non-overlapping) that undo spinner substitutions the lexicon knows,
    where the context agrees, then those the thesaurus proposes where exactly one proposal
    forms a known term (:mod:`.thesaurus`; ``thesaurus`` None = the shipped one). English only.
    A rewrite right after ``a``/``an`` takes the article along when the new word needs the
    other one."""
    if language is not None and not language.lower().startswith("en"):
        return []
    tokens = tokenize(text)
    found: list[tuple[int, int, str, str]] = []  # (first token, end token, original, evidence)
    weak: set[int] = set()  # indices in ``found`` of rewrites without collocation support
    for sub in plan(tokens, lexicon):
        if sub.kind == "phrase":
            evidence = f"lexicon phrase '{sub.spun}' -> '{sub.original}'"
        else:
            seen = lexicon.fragments.get(sub.spun, {}).get(sub.original, 0)
            known = ", ".join(f"'{s}'" for s in sub.support) or "none"
            evidence = f"lexicon '{sub.spun}' -> '{sub.original}' ({seen}x); known collocations: {known}"
            if not sub.support:
                weak.add(len(found))
        found.append((sub.i, sub.j, sub.original, evidence))
    if thesaurus is None:
        thesaurus = load_thesaurus()
    # supported lexicon rewrites are context for the thesaurus; unsupported ones give way to it
    strong = [f for k, f in enumerate(found) if k not in weak]
    given = {i: o for i, j, o, _e in strong if j == i + 1 and " " not in o}
    blocked = frozenset(k for i, j, _o, _e in strong for k in range(i, j) if i not in given)
    terms = term_rewrites(tokens, lexicon, thesaurus, blocked, given)
    # A thesaurus rewrite rests on one known term: in a text long enough to judge, it needs the
    # text to be full of rewrites (spun in bulk), as unsupported fragment rewrites do in plan().
    n_words = sum(1 for t in tokens if t.kind == "word")
    if terms and len(found) + len(terms) >= max(BULK_MIN, BULK_DENSITY * n_words):
        covered = {k for tr in terms for k in range(tr.i, tr.j)}
        found = [f for k, f in enumerate(found) if k not in weak or not covered & set(range(f[0], f[1]))]
        for tr in terms:
            evidence = f"thesaurus '{tr.spun}' -> '{tr.original}' forms the known term {tr.terms})"
            found.append((tr.i, tr.j, tr.original, evidence))
    found.sort()
    rewrites: list[Rewrite] = []
    taken = 0  # end of the last rewrite: an article fix must not reach into it
    for i, j, original, evidence in found:
        start, end = tokens[i].start, tokens[j - 1].end
        if start < taken:
            continue
        before = text[start:end]
        after = match_case(render(original), before)
        if after == before:
            continue
        if i > 0 and tokens[i - 1].lower in ("a", "an") and tokens[i - 1].start >= taken:
            art = tokens[i - 1]
            want = article_for(after.split(" ")[0])
            if want is not None and want != art.lower and art.end < start:
                gap = text[art.end : start]
                start, before = art.start, text[art.start : end]
                after = match_case(want, art.text) + gap + after
                evidence += f"; article '{art.text}' -> '{want}'"
        rewrites.append(Rewrite(start, end, before, after, evidence))
        taken = end
    return rewrites
