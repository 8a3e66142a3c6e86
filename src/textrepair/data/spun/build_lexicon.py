"""Build the shipped spinner lexicon (``lexicon.json`` beside this file).

Sources (see SOURCES.md): the development half of the Problematic Paper Screener tortured-phrase
list (CC BY 4.0), the seed pair (the spun seed 000 aligned with its original inside seed 002)
and, for known collocations only, one half of the chrome-dev gold texts (WCXB, CC BY 4.0).
The other half of chrome-dev is kept apart for measuring detection false positives.

Run from the repository root::

    .venv/bin/python src/textrepair/data/spun/build_lexicon.py \
        --pps ../shared/spun/tortured_phrases_dev.tsv --chrome-dev ../shared/chrome-dev/dev.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from textrepair.spun.lexicon import LexiconBuilder

HERE = Path(__file__).resolve().parent
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_PARENS = re.compile(r"\s*\([^)]*\)")


def clean_expected(tortured: str, expected: str) -> str | None:
    """The usable original of a PPS row: editorial brackets (``[machine learning]``) and
    parenthesised acronyms the tortured side lacks removed; rows whose expected side lists
    alternatives (``an incredible/ a staggering need``) or is unknown give None."""
    out = _BRACKETS.sub("", expected)
    if "(" not in tortured:
        out = _PARENS.sub("", out)
    out = " ".join(out.split())
    if not out or out == "?" or ("/" in out and "/" not in tortured):
        return None
    return out


def read_pps(path: Path) -> list[tuple[str, str]]:
    """(tortured, cleaned expected) pairs of a PPS TSV file with a ``tortured/expected`` header."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [(r["tortured"].strip(), r["expected"].strip()) for r in csv.DictReader(f, delimiter="\t")]
    out = []
    for tortured, expected in rows:
        cleaned = clean_expected(tortured, expected)
        if tortured and cleaned:
            out.append((tortured, cleaned))
    return out


def chrome_dev_half(path: Path, part: int) -> Iterator[str]:
    """Gold texts of chrome-dev whose id hashes to ``part`` (0 or 1): a stable split."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if int(hashlib.sha1(record["id"].encode()).hexdigest(), 16) % 2 == part:
                yield record["gold_text"]


def seed_pair(seeds: Path) -> tuple[str, str] | None:
    """(spun, original): the clean text of seed 000 and that of seed 002, which holds its original."""
    spun = sorted((seeds / "expected").glob("000_*.clean.txt"))
    original = sorted((seeds / "expected").glob("002_*.clean.txt"))
    if not spun or not original:
        return None
    return spun[0].read_text(encoding="utf-8"), original[0].read_text(encoding="utf-8")


def build(
    pps: Iterable[tuple[str, str]], pair: tuple[str, str] | None, clean: Iterable[str], sources: list[str]
) -> LexiconBuilder:
    """A builder fed with the phrase pairs, the document pair and the clean texts."""
    builder = LexiconBuilder()
    for tortured, expected in pps:
        builder.add_pair(tortured, expected)
    if pair is not None:
        builder.add_pair(*pair)
    for text in clean:
        builder.add_clean_text(text)
    return builder


def main(argv: list[str] | None = None) -> int:
    """Command line: build and write the lexicon."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--pps", type=Path, default=Path("../shared/spun/tortured_phrases_dev.tsv"))
    p.add_argument("--chrome-dev", type=Path, default=Path("../shared/chrome-dev/dev.jsonl"))
    p.add_argument("--seeds", type=Path, default=Path("seeds"))
    p.add_argument("-o", "--output", type=Path, default=HERE / "lexicon.json")
    args = p.parse_args(argv)
    sources = [
        "Problematic Paper Screener tortured phrases, development half (Cabanac, Labbé, Magazinov; CC BY 4.0)",
        "seed 000 aligned with its original in seed 002",
        "collocations: WCXB chrome-dev gold texts, half 0 (Murrough Foley; CC BY 4.0)",
    ]
    builder = build(read_pps(args.pps), seed_pair(args.seeds), chrome_dev_half(args.chrome_dev, 0), sources)
    lexicon = builder.build(sources)
    lexicon.save(args.output)
    print(f"{args.output}: {lexicon!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
