"""The spinner lexicon: spun phrase -> original phrase, learned from aligned pairs.

A lexicon holds three tables, all keyed by normalised token strings (lower case, tokens
joined by one space, see :func:`phrase_key`):

- ``phrases``: whole spun phrases and the originals they replaced, with counts
  (``"imaginative and prescient" -> {"vision": 3}``);
- ``fragments``: the replaced runs inside those pairs, one to three words long
  (``"profound" -> {"deep": 7}``, ``"lush territory" -> {"forest": 2}``), which let unspin
  generalise to phrases it has never seen;
- ``collocations``: word bigrams known to occur in normal text (the original side of the pairs
  and any clean text given to the builder), the "context" that must agree before a fragment
  is rewritten; only bigrams that touch a fragment word are kept;
- ``unigrams``: word counts of that normal text (a spun word that is also a common word needs
  more context before it is rewritten; collocation strength is measured against them);
- ``terms``: the original sides of the phrase pairs and their inner runs of two to four
  words that neither start nor end with a function word (``deep learning``): known terms that
  let the thesaurus rewrite of :mod:`.unspin` choose an original for words never seen in a pair.

Spun phrases that occur in the clean text are dropped from ``phrases``: they are normal English.

``textrepair learn PAIRS -o lexicon.json`` builds one from JSON Lines of ``{spun, original}``
(short phrases, or whole documents that are aligned word by word). :func:`load_lexicon` with no
path returns the shipped default (read once, cached, never mutated).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .tokens import Token, stopwords, tokenize

FORMAT_VERSION = 1

#: A pair longer than this (in tokens, either side) is treated as a document and aligned.
PHRASE_MAX_TOKENS = 12
#: Longest substitution kept from a document alignment (tokens on either side).
ALIGNED_MAX_TOKENS = 4
#: Longest fragment (replaced run inside a pair) kept, in tokens on either side.
FRAGMENT_MAX_TOKENS = 3
#: Words seen fewer times than this in clean text are not stored (unless a fragment uses them).
MIN_UNIGRAM = 2
#: Example contexts kept per phrase entry.
MAX_CONTEXTS = 3


def phrase_key(text: str) -> str:
    """The lookup form of a phrase: its tokens, lower case, joined by single spaces."""
    return " ".join(t.lower for t in tokenize(text))


class Lexicon:
    """Spun -> original substitutions with counts, plus known collocations (read-only).

    Build one with :meth:`from_pairs`, :meth:`from_dict` or :meth:`load`; do not mutate the
    tables of a lexicon returned by :func:`load_lexicon` (it is shared and cached).
    """

    def __init__(
        self,
        phrases: Mapping[str, Mapping[str, int]] | None = None,
        fragments: Mapping[str, Mapping[str, int]] | None = None,
        collocations: Mapping[str, int] | None = None,
        unigrams: Mapping[str, int] | None = None,
        contexts: Mapping[str, Sequence[str]] | None = None,
        sources: Sequence[str] = (),
        total: int | None = None,
        terms: Iterable[str] = (),
    ) -> None:
        self.phrases: dict[str, dict[str, int]] = {k: dict(v) for k, v in (phrases or {}).items()}
        self.fragments: dict[str, dict[str, int]] = {k: dict(v) for k, v in (fragments or {}).items()}
        self.collocations: dict[str, int] = dict(collocations or {})
        self.unigrams: dict[str, int] = dict(unigrams or {})
        self.contexts: dict[str, list[str]] = {k: list(v) for k, v in (contexts or {}).items()}
        self.sources: list[str] = list(sources)
        self.terms: frozenset[str] = frozenset(terms)
        #: words of clean text counted (the denominator of collocation association scores).
        self.total: int = total if total is not None else sum(self.unigrams.values())
        #: first token -> phrase lengths (in tokens) starting with it, longest first.
        self.starts: dict[str, tuple[int, ...]] = _starts(self.phrases)
        #: first token -> fragment lengths starting with it, longest first.
        self.fragment_starts: dict[str, tuple[int, ...]] = _starts(self.fragments)
        self.max_len = max((n for lens in self.starts.values() for n in lens), default=0)

    def __len__(self) -> int:
        return len(self.phrases)

    def __repr__(self) -> str:
        return (
            f"Lexicon({len(self.phrases)} phrases, {len(self.fragments)} fragments, "
            f"{len(self.collocations)} collocations)"
        )

    # lookups -----------------------------------------------------------------------------
    def lookup(self, phrase: str) -> str | None:
        """The most frequent original of a spun phrase (any casing/spacing), or None."""
        cands = self.candidates(phrase)
        return cands[0][0] if cands else None

    def candidates(self, phrase: str) -> list[tuple[str, int]]:
        """Originals recorded for a spun phrase, most frequent first (ties alphabetical)."""
        entry = self.phrases.get(phrase) or self.phrases.get(phrase_key(phrase))
        return _ranked(entry)

    def fragment_candidates(self, fragment: str) -> list[tuple[str, int]]:
        """Originals of a spun fragment (one to three words), most frequent first."""
        entry = self.fragments.get(fragment) or self.fragments.get(phrase_key(fragment))
        return _ranked(entry)

    def word_candidates(self, word: str) -> list[tuple[str, int]]:
        """Originals of a single spun word, most frequent first."""
        return self.fragment_candidates(word.lower())

    def collocation(self, ngram: str) -> int:
        """How often the (normalised) bigram was seen in normal text; 0 if never."""
        return self.collocations.get(ngram, 0)

    def substitute_count(self, fragment: str) -> int:
        """How often a fragment was seen as a spinner substitute, over all its originals."""
        return sum(self.fragments.get(fragment, {}).values())

    # serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (sorted keys, so the saved file is deterministic)."""
        return {
            "format": FORMAT_VERSION,
            "sources": list(self.sources),
            "phrases": {k: dict(sorted(v.items())) for k, v in sorted(self.phrases.items())},
            "fragments": {k: dict(sorted(v.items())) for k, v in sorted(self.fragments.items())},
            "collocations": dict(sorted(self.collocations.items())),
            "unigrams": dict(sorted(self.unigrams.items())),
            "total": self.total,
            "contexts": dict(sorted(self.contexts.items())),
            "terms": sorted(self.terms),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lexicon:
        """Rebuild a lexicon from :meth:`to_dict` output."""
        if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
            raise ValueError(f"unsupported lexicon format {data.get('format')!r}")
        return cls(
            phrases=data.get("phrases", {}),
            fragments=data.get("fragments", {}),
            collocations=data.get("collocations", {}),
            unigrams=data.get("unigrams", {}),
            contexts=data.get("contexts", {}),
            sources=data.get("sources", ()),
            total=data.get("total"),
            terms=data.get("terms", ()),
        )

    def save(self, path: str | Path) -> None:
        """Write the lexicon as UTF-8 JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        """Read a lexicon written by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, str] | Mapping[str, Any]],
        clean_texts: Iterable[str] = (),
        sources: Sequence[str] = (),
    ) -> Lexicon:
        """Learn a lexicon from ``(spun, original)`` pairs (tuples or ``{spun, original}``
        mappings, with an optional ``count``). Short pairs are phrases; long ones are documents,
        aligned word by word to extract their substitutions. ``clean_texts`` (normal prose)
        add known collocations."""
        builder = LexiconBuilder()
        for pair in pairs:
            if isinstance(pair, Mapping):
                builder.add_pair(str(pair["spun"]), str(pair["original"]), int(pair.get("count", 1)))
            else:
                builder.add_pair(pair[0], pair[1])
        for text in clean_texts:
            builder.add_clean_text(text)
        return builder.build(sources)

    def merged(self, other: Lexicon) -> Lexicon:
        """A new lexicon with the counts of both."""
        builder = LexiconBuilder()
        for lex in (self, other):
            for spun, originals in lex.phrases.items():
                builder.phrases[spun].update(originals)
            for spun, originals in lex.fragments.items():
                builder.fragments[spun].update(originals)
            builder.collocations.update(lex.collocations)
            builder.unigrams.update(lex.unigrams)
            for key, ctx in lex.contexts.items():
                builder.contexts[key].extend(c for c in ctx if c not in builder.contexts[key])
            builder.terms.update(lex.terms)
        merged = builder.build([*self.sources, *other.sources], prune=False)
        merged.total = self.total + other.total
        return merged


def _ranked(entry: Mapping[str, int] | None) -> list[tuple[str, int]]:
    return sorted(entry.items(), key=lambda kv: (-kv[1], kv[0])) if entry else []


def _starts(table: Mapping[str, object]) -> dict[str, tuple[int, ...]]:
    starts: dict[str, set[int]] = defaultdict(set)
    for key in table:
        parts = key.split(" ")
        starts[parts[0]].add(len(parts))
    return {k: tuple(sorted(v, reverse=True)) for k, v in starts.items()}


class LexiconBuilder:
    """Accumulates counts while learning; :meth:`build` returns the read-only :class:`Lexicon`."""

    def __init__(self) -> None:
        self.phrases: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.fragments: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.collocations: Counter[str] = Counter()
        self.unigrams: Counter[str] = Counter()
        self.contexts: defaultdict[str, list[str]] = defaultdict(list)
        self.clean_sentences: list[list[str]] = []
        self.original_sentences: list[list[str]] = []
        self.terms: set[str] = set()

    def add_pair(self, spun: str, original: str, count: int = 1) -> None:
        """Add one pair: a phrase pair directly, a document pair through word alignment."""
        s_toks, o_toks = tokenize(spun), tokenize(original)
        if not s_toks or not o_toks:
            return
        if max(len(s_toks), len(o_toks)) <= PHRASE_MAX_TOKENS:
            self.add_phrase(s_toks, o_toks, count)
            return
        self.add_clean_text(original)
        for s_seg, o_seg, context in aligned_substitutions(s_toks, o_toks, spun):
            self.add_phrase(s_seg, o_seg, count, context, whole=True)

    def add_phrase(
        self,
        s_toks: Sequence[Token],
        o_toks: Sequence[Token],
        count: int = 1,
        context: str = "",
        whole: bool = False,
    ) -> None:
        """Record a phrase substitution, its fragments and the original's bigrams. ``whole``
        says the pair is a minimal replaced run cut from a document alignment (its original
        bigrams were already counted with the document)."""
        s_key = " ".join(t.lower for t in s_toks)
        o_key = " ".join(t.lower for t in o_toks)
        if s_key == o_key or not s_key or not o_key:
            return
        if len(s_toks) == len(o_toks) and all(
            a.lower == b.lower or _inflection(a.lower, b.lower) for a, b in zip(s_toks, o_toks, strict=True)
        ):
            return  # "smart device" / "smart devices": an inflection, not a swap
        if len(s_toks) > 1 or not whole:
            self.phrases[s_key][o_key] += count
            if context and len(self.contexts[s_key]) < MAX_CONTEXTS and context not in self.contexts[s_key]:
                self.contexts[s_key].append(context)
        for s_frag, o_frag in fragment_substitutions(s_toks, o_toks):
            self.fragments[s_frag][o_frag] += count
        if not whole:
            words = [t.lower for t in o_toks if t.kind != "punct" or t.lower == "-"]
            self.add_ngrams(words, count)
            self.unigrams.update({w: count for w in words})
            self.original_sentences.append([t.lower for t in o_toks])
            self.terms.update(inner_terms([t.lower for t in o_toks]))

    def add_clean_text(self, text: str) -> None:
        """Count the word bigrams and words of a text known to be normal (unspun) prose."""
        for sentence in _sentences(tokenize(text)):
            self.add_ngrams(sentence, 1)
            self.unigrams.update(sentence)
            self.clean_sentences.append(sentence)

    def add_ngrams(self, lowers: Sequence[str], count: int) -> None:
        """Count the bigrams of a token sequence as known collocations."""
        for a, b in itertools.pairwise(lowers):
            self.collocations[f"{a} {b}"] += count

    def build(self, sources: Sequence[str] = (), prune: bool = True) -> Lexicon:
        """The finished lexicon. Single-word swaps are extended to their other inflection
        (:func:`inflections`) when that form was not seen. With ``prune``, only the bigrams and
        word counts that touch a fragment word and no function word are kept: the others never
        take part in a decision."""
        fragments = {k: dict(v) for k, v in self.fragments.items()}
        for spun, originals in self.fragments.items():
            if " " in spun:
                continue
            for original, n in originals.items():
                if " " in original:
                    continue
                for s_form, o_form in inflections(spun, original):
                    if s_form not in self.fragments:
                        entry = fragments.setdefault(s_form, {})
                        entry[o_form] = entry.get(o_form, 0) + n
        colloc: dict[str, int] = dict(self.collocations)
        unigrams: dict[str, int] = dict(self.unigrams)
        total = sum(self.unigrams.values())
        if prune:
            relevant = {w for k, v in fragments.items() for w in (k.split(" ") + " ".join(v).split(" "))}
            stop = stopwords("en")
            colloc = {
                k: n
                for k, n in colloc.items()
                if any(w in relevant for w in k.split(" ")) and not any(w in stop for w in k.split(" "))
            }
            unigrams = {w: n for w, n in unigrams.items() if n >= MIN_UNIGRAM or w in relevant}
        attested = self.attested_phrases()
        return Lexicon(
            phrases={k: dict(v) for k, v in self.phrases.items() if k not in attested},
            fragments=fragments,
            collocations=colloc,
            unigrams=unigrams,
            contexts={k: v for k, v in self.contexts.items() if k not in attested},
            sources=sources,
            total=total,
            terms=self.terms,
        )

    def attested_phrases(self) -> set[str]:
        """Spun phrases that occur in the clean texts or inside the original side of other
        pairs: they are normal English (``a number of``, ``neural network``) whatever a
        spinner made of them once, so they are no evidence."""
        starts = _starts(self.phrases)
        found: set[str] = set()
        for sentence in itertools.chain(self.clean_sentences, self.original_sentences):
            for i, word in enumerate(sentence):
                for length in starts.get(word, ()):
                    key = " ".join(sentence[i : i + length])
                    if key in self.phrases:
                        found.add(key)
        return found


def inner_terms(lowers: Sequence[str]) -> Iterator[str]:
    """Runs of two to four words of a phrase that neither start nor end with a function word
    and hold no punctuation or number: the terms a known phrase vouches for."""
    stop = stopwords("en")
    n = len(lowers)
    for i in range(n):
        if lowers[i] in stop or not lowers[i].isalpha():
            continue
        for j in range(i + 2, min(n, i + 4) + 1):
            run = lowers[i:j]
            if not all(w.isalpha() for w in run):
                break
            if run[-1] not in stop:
                yield " ".join(run)


def _sentences(tokens: Sequence[Token]) -> Iterator[list[str]]:
    """Runs of word/number tokens (hyphens kept) between other punctuation."""
    run: list[str] = []
    for t in tokens:
        if t.kind != "punct" or t.lower == "-":
            run.append(t.lower)
        else:
            if len(run) > 1:
                yield run
            run = []
    if len(run) > 1:
        yield run


def fragment_substitutions(s_toks: Sequence[Token], o_toks: Sequence[Token]) -> list[tuple[str, str]]:
    """The replaced runs inside a phrase pair, up to :data:`FRAGMENT_MAX_TOKENS` tokens a side
    (``profound learning`` / ``deep learning`` -> ``profound -> deep``); a run of equal length
    on both sides also gives its word-for-word pairs (``acknowledgment exactness`` /
    ``recognition accuracy``). Left out: runs made only of function words, numbers or
    punctuation (spinners keep those), runs with a hyphen at an edge, and inflections of the
    same word (``networks -> network``), which are not swaps."""
    stop = stopwords("en")
    a = [t.lower for t in s_toks]
    b = [t.lower for t in o_toks]
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        runs = [(i1, i2, j1, j2)]
        if i2 - i1 == j2 - j1 > 1:
            runs.extend((i, i + 1, j, j + 1) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
        for si, se, oi, oe in runs:
            if se - si > FRAGMENT_MAX_TOKENS or oe - oi > FRAGMENT_MAX_TOKENS:
                continue
            s_seg, o_seg = s_toks[si:se], o_toks[oi:oe]
            if not any(t.kind == "word" and t.lower not in stop for t in s_seg):
                continue
            if not any(t.kind == "word" for t in o_seg):
                continue
            if any(seg[k].kind == "punct" for seg in (s_seg, o_seg) for k in (0, -1)):
                continue
            s_key, o_key = " ".join(a[si:se]), " ".join(b[oi:oe])
            if _inflection(s_key, o_key):
                continue
            out.append((s_key, o_key))
    return out


_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""))


def inflections(spun: str, original: str) -> list[tuple[str, str]]:
    """The other number of a noun swap: ``highlights -> features`` gives ``highlight ->
    feature`` and ``organization -> network`` gives ``organizations -> networks``. Only
    regular ``-s``/``-es``/``-ies`` plurals on both sides, so the pair stays a swap."""
    out: list[tuple[str, str]] = []
    if len(spun) < 4 or len(original) < 3 or not spun.isalpha() or not original.isalpha():
        return out
    s_plural = spun.endswith("s") and not spun.endswith("ss")
    o_plural = original.endswith("s") and not original.endswith("ss")
    if s_plural and o_plural:
        s_base = spun[:-3] + "y" if spun.endswith("ies") else spun[:-1]
        o_base = original[:-3] + "y" if original.endswith("ies") else original[:-1]
        out.append((s_base, o_base))
    elif not s_plural and not o_plural and not spun.endswith(("ss", "ed", "ing", "ly")):
        s_pl = spun[:-1] + "ies" if spun.endswith("y") and spun[-2:-1] not in "aeiou" else spun + "s"
        o_pl = original[:-1] + "ies" if original.endswith("y") and original[-2:-1] not in "aeiou" else original + "s"
        if not original.endswith(("ed", "ing", "ly", "al", "ive", "ous", "ic", "ful", "less")):
            out.append((s_pl, o_pl))
    return out


def _inflection(a: str, b: str) -> bool:
    """Whether two words look like forms of one word (shared stem), not a synonym swap."""
    if " " in a or " " in b:
        return False
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return k >= 4 and k >= 0.7 * min(len(a), len(b))


def aligned_substitutions(
    s_toks: Sequence[Token], o_toks: Sequence[Token], spun_text: str
) -> Iterator[tuple[list[Token], list[Token], str]]:
    """The replaced runs of a word alignment of two documents, as (spun run, original run,
    context). Runs longer than :data:`ALIGNED_MAX_TOKENS` or touching a line break are
    skipped: they are rewritten passages or layout differences, not substitutions."""
    a = [t.lower for t in s_toks]
    b = [t.lower for t in o_toks]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        if i2 - i1 > ALIGNED_MAX_TOKENS or j2 - j1 > ALIGNED_MAX_TOKENS:
            continue
        s_seg, o_seg = list(s_toks[i1:i2]), list(o_toks[j1:j2])
        if "\n" in spun_text[s_seg[0].start : s_seg[-1].end]:
            continue
        if all(t.kind == "punct" for t in s_seg) or all(t.kind == "punct" for t in o_seg):
            continue
        lo = s_toks[max(0, i1 - 4)].start
        hi = s_toks[min(len(s_toks), i2 + 4) - 1].end
        yield s_seg, o_seg, " ".join(spun_text[lo:hi].split())


@lru_cache(maxsize=8)
def _load_cached(path: str | None) -> Lexicon:
    if path is None:
        ref = resources.files("textrepair") / "data" / "spun" / "lexicon.json"
        if not ref.is_file():
            return Lexicon()
        return Lexicon.from_dict(json.loads(ref.read_text(encoding="utf-8")))
    return Lexicon.load(path)


def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at ``path``, or the shipped default when ``path`` is None (cached, shared:
    treat it as read-only)."""
    return _load_cached(None if path is None else str(Path(path).resolve()))


def _substitutions(record: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The ``{spun, original}`` pairs of a reference match: a record with a ``substitutions``
    list, or a ``--report`` document whose ``spun`` note has one."""
    note = record.get("spun")
    subs = record.get("substitutions", note.get("substitutions") if isinstance(note, Mapping) else None)
    for sub in subs if isinstance(subs, list) else ():
        if isinstance(sub, dict) and sub.get("spun") and sub.get("original"):
            yield {"spun": str(sub["spun"]), "original": str(sub["original"])}


def read_pairs(path: str | Path) -> Iterator[dict[str, Any]]:
    """Pairs from a JSON Lines file (``{spun, original}`` per line, or reference-match records
    with a ``substitutions`` list), a ``textrepair --report`` JSON file (the substitutions of
    its reference matches), or a TSV with ``tortured``/``expected`` or ``spun``/``original``
    columns."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if text.lstrip().startswith("{") and '"documents"' in text[:200]:
        try:
            report = json.loads(text)
        except json.JSONDecodeError:
            report = None
        if isinstance(report, dict) and isinstance(report.get("documents"), list):
            for doc in report["documents"]:
                if isinstance(doc, dict):
                    yield from _substitutions(doc)
            return
    if p.suffix.lower() in (".tsv", ".tab"):
        lines = text.splitlines()
        header = lines[0].split("\t") if lines else []
        cols = {name: i for i, name in enumerate(header)}
        si = cols.get("spun", cols.get("tortured", 0))
        oi = cols.get("original", cols.get("expected", 1))
        for line in lines[1:]:
            cells = line.split("\t")
            if len(cells) > max(si, oi) and cells[si].strip() and cells[oi].strip():
                yield {"spun": cells[si].strip(), "original": cells[oi].strip()}
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{p}:{n}: invalid JSON: {err.msg}") from err
        if isinstance(record, dict) and ("substitutions" in record or isinstance(record.get("spun"), dict)):
            yield from _substitutions(record)
            continue
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("spun"), str)
            or not isinstance(record.get("original"), str)
        ):
            raise ValueError(f"{p}:{n}: expected an object with string fields 'spun' and 'original'")
        yield record


def learn_main(argv: list[str]) -> int:
    """``textrepair learn PAIRS... -o lexicon.json``: build a lexicon from aligned pairs."""
    p = argparse.ArgumentParser(
        prog="textrepair learn",
        description="Build a spinner lexicon from JSON Lines of {spun, original} pairs "
        "(phrases, or whole documents aligned word by word) or TSV files.",
    )
    p.add_argument("pairs", nargs="+", metavar="PAIRS", help="JSONL ({spun, original} per line) or TSV files")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="lexicon JSON to write")
    p.add_argument("--clean", action="append", default=[], metavar="FILE", help="normal text for known collocations")
    p.add_argument("--merge", metavar="FILE", help="start from this lexicon ('default' for the shipped one)")
    args = p.parse_args(argv)
    builder = LexiconBuilder()
    try:
        n = 0
        for path in args.pairs:
            for pair in read_pairs(path):
                builder.add_pair(str(pair["spun"]), str(pair["original"]), int(pair.get("count", 1)))
                n += 1
        for path in args.clean:
            builder.add_clean_text(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"textrepair learn: {err}", file=sys.stderr)
        return 1
    lexicon = builder.build([str(Path(x).name) for x in args.pairs])
    if args.merge:
        base = load_lexicon(None if args.merge == "default" else args.merge)
        lexicon = base.merged(lexicon)
    lexicon.save(args.output)
    print(f"{args.output}: {n} pairs -> {lexicon!r}", file=sys.stderr)
    return 0
