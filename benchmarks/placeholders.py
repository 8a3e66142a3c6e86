"""Placeholders and entities: repair rate and false positives against naive baselines.

**Placeholders.** Paragraphs of the gold main texts of ``../shared/chrome-dev/dev.jsonl``
(WCXB v1.0, CC BY 4.0, (c) 2026 Murrough Foley) are damaged one way each (Persian digits,
``word -word``, a space before punctuation, a lost space after a sentence end, a
translation plugin's tag tail, a ``{{placeholder}}``, a ``[&#8230;]`` stub); a paragraph
counts as repaired when the stage's output equals the undamaged paragraph. The undamaged
paragraphs are run too: any change there is a false positive. The baseline is the obvious
regex cleaner (:func:`naive_clean`), run in the same process.

**Entities.** The five seeds run together (names repaired in seed 001) and N unrelated
chrome-dev pages run together (every repair there is counted, then read by hand). The
baseline replaces each capitalised word not seen in lowercase by
``difflib.get_close_matches(word, names, n=1, cutoff=0.8)`` over the same batch names.

    python benchmarks/placeholders.py               # both parts
    python benchmarks/placeholders.py --pages 200   # unrelated pages for the entity part
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from textrepair import Pipeline

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "chrome-dev" / "dev.jsonl"
SEEDS = HERE.parent / "seeds"
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def paragraphs(limit: int, seed: int = 7) -> list[str]:
    """Gold paragraphs of 60-600 characters, sampled with a fixed seed."""
    out = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)["gold_text"]
        out.extend(p.strip() for p in gold.split("\n") if 60 <= len(p.strip()) <= 600)
    random.Random(seed).shuffle(out)
    return out[:limit]


def _sub_one(pattern: str, repl: Callable[[re.Match[str]], str], text: str, rng: random.Random) -> str | None:
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    m = rng.choice(matches)
    return text[: m.start()] + repl(m) + text[m.end() :]


def damage(text: str, kind: str, rng: random.Random) -> str | None:
    """``text`` with one damage of ``kind``, or None if the paragraph offers no place for it."""
    if kind == "persian-digits":
        return _sub_one(r"(?<![\w.,])\d{2,4}(?![\w.,])", lambda m: m.group().translate(PERSIAN), text, rng)
    if kind == "space-hyphen":
        return _sub_one(r"(?<=[a-z]{3})-(?=[a-z]{3})", lambda m: " -", text, rng)
    if kind == "space-before-punct":
        return _sub_one(r"(?<=[a-z]{3})[,;](?= [a-z])", lambda m: " " + m.group(), text, rng)
    if kind == "missing-space":
        return _sub_one(r"(?<= [a-z]{3})\. (?=[A-Z][a-z]+ )", lambda m: ".", text, rng)
    if kind == "plugin-tags":
        return text + " (tagstotranslate) Travel (T) Europe (T) Budget tips"
    if kind == "template-var":
        return _sub_one(r"(?<=[a-z]{3}) (?=[a-z]{3})", lambda m: " {{first_name}} ", text, rng)
    if kind == "read-more":
        return text + " [&#8230;]"
    raise ValueError(kind)


KINDS = (
    "persian-digits", "space-hyphen", "space-before-punct", "missing-space", "plugin-tags", "template-var", "read-more"
)


def naive_clean(text: str) -> str:
    """The obvious regex cleaner: every rule, no conditions."""
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)
    text = re.sub(r"\s*\(tagstotranslate\).*$", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*\{\{[^{}]*\}\}", "", text)
    text = re.sub(r"\s*\[(?:&#8230;|…|\.\.\.)\]", "", text)
    text = re.sub(r"(\w) -(\w)", r"\1-\2", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r"([.!?])([A-Z])", r"\1 \2", text)
    return text


def placeholders_part(n: int) -> None:
    rng = random.Random(11)
    paras = paragraphs(n)
    ours = Pipeline(stages=["language", "placeholders", "canonical"], language="en")

    def clean_ours(texts: list[str]) -> list[str]:
        return [r.text.strip() for r in ours.run_many(texts)]

    def clean_naive(texts: list[str]) -> list[str]:
        return [naive_clean(t).strip() for t in texts]

    rows = []
    timings: dict[str, float] = Counter()
    for kind in KINDS:
        pairs = [(p, d) for p in paras if (d := damage(p, kind, rng)) is not None][:200]
        originals = [p for p, _ in pairs]
        damaged = [d for _, d in pairs]
        want = clean_ours(originals)  # the canonical form of the undamaged paragraph
        for name, fn in (("ours", clean_ours), ("naive", clean_naive)):
            start = time.perf_counter()
            got = fn(damaged)
            timings[name] += time.perf_counter() - start
            repaired = sum(g == w for g, w in zip(got, want, strict=True))
            rows.append((kind, name, repaired, len(pairs)))
    start = time.perf_counter()
    ours_clean = clean_ours(paras)
    timings["ours"] += time.perf_counter() - start
    start = time.perf_counter()
    naive_out = clean_naive(paras)
    timings["naive"] += time.perf_counter() - start
    canonical = Pipeline(stages=["canonical"])
    plain = [r.text.strip() for r in canonical.run_many(paras)]
    fp_ours = sum(a != b for a, b in zip(ours_clean, plain, strict=True))
    fp_naive = sum(a != b for a, b in zip(naive_out, [p.strip() for p in paras], strict=True))
    print("| damage | paragraphs | ours repaired | naive repaired |")
    print("|---|---:|---:|---:|")
    by = {(k, n): (r, t) for k, n, r, t in rows}
    for kind in KINDS:
        r_o, total = by[(kind, "ours")]
        r_n, _ = by[(kind, "naive")]
        print(f"| {kind} | {total} | {r_o / total:.3f} | {r_n / total:.3f} |")
    n = len(paras)
    print(f"\nundamaged paragraphs changed (false positives): ours {fp_ours}/{n}, naive {fp_naive}/{n}")
    print(f"time ours/naive: {timings['ours'] / timings['naive']:.1f}x "
          f"(ours {timings['ours']:.2f} s, naive {timings['naive']:.2f} s)")


def _entity_edits(texts: list[str], sources: list[str]) -> tuple[list[tuple[str, str, str, str]], float]:
    pipeline = Pipeline(stages=["mojibake", "language", "placeholders", "entities"], entities=True)
    start = time.perf_counter()
    results = pipeline.run_many(texts, sources=sources)
    took = time.perf_counter() - start
    edits = [(r.source or "", e.rule, e.before, e.after) for r in results for e in r.edits if e.stage == "entities"]
    return edits, took


_CAP = re.compile(r"\b[A-Z][a-z]{4,}\b")


def naive_entities(texts: list[str], sources: list[str]) -> tuple[list[tuple[str, str, str, str]], float]:
    """difflib over the batch's capitalised words, for each word of each document."""
    start = time.perf_counter()
    lower = {w.lower() for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    per_doc = [set(_CAP.findall(t)) for t in texts]
    edits = []
    for i, words in enumerate(per_doc):
        names = sorted({w for j, ws in enumerate(per_doc) if j != i for w in ws if w.lower() not in lower})
        for word in sorted(words):
            if word.lower() in lower or word in names:
                continue
            close = difflib.get_close_matches(word, names, n=1, cutoff=0.8)
            if close:
                edits.append((sources[i], "difflib", word, close[0]))
    return edits, time.perf_counter() - start


def entities_part(pages: int) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    names = [p.name for p in seeds]
    for label, fn in (("ours", _entity_edits), ("naive", naive_entities)):
        edits, took = fn(texts, names)
        print(f"seeds together, {label}: {len(edits)} repairs in {took:.1f} s: "
              + ", ".join(f"{b}->{a}" for _, _, b, a in edits[:12]) + (" ..." if len(edits) > 12 else ""))
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()][:pages]
    texts = [r["raw_text"] for r in rows]
    names = [r["id"] for r in rows]
    results = {}
    for label, fn in (("ours", _entity_edits), ("naive", naive_entities)):
        edits, took = fn(texts, names)
        results[label] = took
        print(f"{pages} unrelated pages together, {label}: {len(edits)} repairs in {took:.1f} s")
        for source, rule, before, after in edits[:5]:
            print(f"    {source} [{rule}] {before} -> {after}")
    print(f"time ours/naive: {results['ours'] / results['naive']:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=2000, help="gold paragraphs sampled for the placeholders part")
    ap.add_argument("--pages", type=int, default=200, help="unrelated pages for the entities part")
    ap.add_argument("--part", choices=("all", "placeholders", "entities"), default="all")
    args = ap.parse_args()
    if args.part in ("all", "placeholders"):
        placeholders_part(args.paragraphs)
    if args.part in ("all", "entities"):
        print()
        entities_part(args.pages)


if __name__ == "__main__":
    main()
