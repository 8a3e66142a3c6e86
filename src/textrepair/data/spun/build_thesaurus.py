"""Build the shipped thesaurus (``thesaurus.json.gz`` beside this file) from WordNet 3.0.

Spinners replace words with thesaurus synonyms, so a thesaurus read backwards proposes the
original of a word never seen in training; known multi-word terms decide between proposals.
The file holds:

- ``synsets``: WordNet synonym sets of two or more lemmas (nouns, verbs, adjectives, adverbs;
  multi-word lemmas joined by spaces, lower case, adjective markers such as ``(a)`` removed);
  for adjectives, a head synset also takes in its "similar to" satellites, as printed thesauri do;
- ``terms``: WordNet's multi-word lemmas of two to four words (``balance of power``,
  ``heart failure``, ``neural network``): known collocations;
- ``bigrams``: content-word bigrams seen at least :data:`MIN_BIGRAM` times in the gold texts of
  chrome-dev half 0 (WCXB, CC BY 4.0): collocations of everyday prose. Half 1 stays apart
  for measuring false rewrites.

The package needs neither WordNet nor chrome-dev at run time: only this file's output is shipped.
Run from the repository root, after ``apt-get install wordnet-base``::

    .venv/bin/python src/textrepair/data/spun/build_thesaurus.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_lexicon import chrome_dev_half  # type: ignore[import-not-found]  # noqa: E402

from textrepair.spun.tokens import stopwords, tokenize  # noqa: E402

#: A chrome-dev bigram must be seen this often to count as a known collocation.
MIN_BIGRAM = 3
#: Longest multi-word lemma kept as a known term, in words.
MAX_TERM_WORDS = 4
#: Synonym sets larger than this are dropped (they are loose groupings, not synonyms).
MAX_SYNSET = 12


def _lemma(word: str) -> str:
    """A WordNet lemma as text: ``balance_of_power`` -> ``balance of power``; markers dropped."""
    if word.endswith(")") and "(" in word:
        word = word[: word.index("(")]
    return word.replace("_", " ").lower()


def _content_bigrams(text: str, counts: Counter[str]) -> None:
    """Count the bigrams of adjacent alphabetic content words (no function word) of ``text``."""
    stop = stopwords("en")
    prev: str | None = None
    for t in tokenize(text):
        word = t.lower if t.kind == "word" and t.lower not in stop and t.lower.isalpha() else None
        if prev is not None and word is not None:
            counts[f"{prev} {word}"] += 1
        prev = word


def read_wordnet(root: Path) -> tuple[list[list[str]], set[str]]:
    """(synonym sets, multi-word terms) of the WordNet data files under ``root``."""
    synsets: list[list[str]] = []
    terms: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        offsets: dict[str, list[str]] = {}
        similar: dict[str, list[str]] = {}
        with (root / f"data.{pos}").open(encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split(" ")
                n = int(parts[3], 16)
                lemmas = [_lemma(parts[4 + 2 * k]) for k in range(n)]
                offsets[parts[0]] = lemmas
                rest = 4 + 2 * n
                p_cnt = int(parts[rest])
                ptrs = parts[rest + 1 : rest + 1 + 4 * p_cnt]
                if parts[2] == "a":  # head adjective: its "similar to" satellites
                    similar[parts[0]] = [ptrs[k + 1] for k in range(0, len(ptrs), 4) if ptrs[k] == "&"]
                for lemma in lemmas:
                    words = lemma.split(" ")
                    if 2 <= len(words) <= MAX_TERM_WORDS and all(w.isalpha() for w in words):
                        terms.add(lemma)
        for offset, lemmas in offsets.items():
            group = list(dict.fromkeys(lemmas))
            for other in similar.get(offset, ()):
                group.extend(x for x in offsets.get(other, ()) if x not in group)
            if 2 <= len(group) <= MAX_SYNSET:
                synsets.append(group)
    return synsets, terms


def wordnet_notice(root: Path) -> str:
    """The WordNet 3.0 licence notice (the header of ``data.noun``), which must go with every copy."""
    lines = []
    with (root / "data.noun").open(encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                break
            lines.append(line.strip().split(" ", 1)[1].strip() if " " in line.strip() else "")
    return "\n".join(lines).strip()


def chrome_bigrams(path: Path) -> dict[str, int]:
    """Content-word bigrams (no function word, no number) of chrome-dev half 0, frequent ones."""
    counts: Counter[str] = Counter()
    for text in chrome_dev_half(path, 0):
        _content_bigrams(text, counts)
    return {k: n for k, n in sorted(counts.items()) if n >= MIN_BIGRAM}


def main(argv: list[str] | None = None) -> int:
    """Command line: build and write the thesaurus."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    p.add_argument("--chrome-dev", type=Path, default=Path("../shared/chrome-dev/dev.jsonl"))
    p.add_argument("-o", "--output", type=Path, default=HERE / "thesaurus.json.gz")
    args = p.parse_args(argv)
    synsets, terms = read_wordnet(args.wordnet)
    bigrams = chrome_bigrams(args.chrome_dev)
    data = {
        "format": 1,
        "sources": [
            "WordNet 3.0, Princeton University (WordNet 3.0 licence, see SOURCES.md)",
            "bigrams: WCXB chrome-dev gold texts, half 0 (Murrough Foley; CC BY 4.0)",
        ],
        "wordnet_licence": wordnet_notice(args.wordnet),
        "synsets": sorted(synsets),
        "terms": sorted(terms),
        "bigrams": bigrams,
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.output.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(
        f"{args.output}: {len(synsets)} synsets, {len(terms)} terms, {len(bigrams)} bigrams, "
        f"{args.output.stat().st_size} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
