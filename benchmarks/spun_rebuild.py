"""End-to-end rebuild quality of the spun stage on generated copies (held-out style).

Spun copies (benchmarks/spinner.py) of WCXB articles (CC BY 4.0) at 30% and 45% of content
words swapped, some as excerpts, with chrome lines around, reordered paragraphs or a title
suffix, are cleaned against a folder of references: every original plus same-topic
distractors (other articles carrying two sentences quoted from one of the originals).
Measured: the share of copies rebuilt within 5% word error of the original; copies whose
original is NOT among the references (must never be rewritten); originals cleaned against
a reference set that holds their spun copy (must never be rewritten into it).

    .venv/bin/python benchmarks/spun_rebuild.py [--copies 200] [--seed 1]
    .venv/bin/python benchmarks/spun_rebuild.py --false-positives 200
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinner import load_articles, make_copy, spin_line, vocabulary
from textrepair.pipeline import Pipeline
from textrepair.spun.index import ReferenceIndex


def words(text: str) -> list[str]:
    return re.findall(r"\w+|[^\w\s]", text)


def wer(out: str, ref: str) -> float:
    """Word error rate of ``out`` against ``ref`` (as the seed checker computes it)."""
    a, b = words(out), words(ref)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    errors = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    return errors / max(1, len(b))


def canonical(text: str) -> str:
    """Expected text in the output's canonical form (WCXB gold keeps a little mojibake, whose
    control characters the canonical stage removes from the output too)."""
    return Pipeline(stages=["canonical"]).run(text).text


def distractor(articles: list[str], target: int, rng: random.Random, pool: list[int]) -> str:
    """Another article (from ``pool``) with two sentences of ``articles[target]`` quoted in it."""
    other = articles[rng.choice([n for n in pool if n != target])]
    sentences = re.split(r"(?<=[.!?])\s+", articles[target].replace("\n", " "))
    quote = " ".join(sentences[:2]) if len(sentences) >= 2 else sentences[0]
    paras = other.split("\n")
    paras.insert(len(paras) // 2, f'As another outlet put it, "{quote}"')
    return "\n".join(paras)


def false_positives(n: int) -> int:
    """Clean ``n`` unrelated pages together (each a reference for the others): none may be rewritten."""
    import json

    from spinner import WCXB

    with WCXB.open(encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(n), f, strict=False)]
    for field in ("gold_text", "raw_text"):
        t0 = time.perf_counter()
        results = Pipeline(stages=["mojibake", "spun", "canonical"]).run_many(
            [r[field] for r in rows], sources=[r["id"] for r in rows]
        )
        rewritten = [r.source for r in results if any(e.stage == "spun" for e in r.edits)]
        flagged = sum(bool(r.notes["spun"]["is_spun"]) for r in results)
        print(
            f"{field}: {len(rewritten)}/{len(rows)} rewritten {rewritten[:5]}; detector flags {flagged};"
            f" {time.perf_counter() - t0:.0f} s"
        )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--false-positives",
        type=int,
        default=0,
        metavar="N",
        help="instead: clean the first N WCXB pages (gold, then raw) as one batch and count rewrites",
    )
    ns = ap.parse_args()
    if ns.false_positives:
        return false_positives(ns.false_positives)
    rng = random.Random(ns.seed)
    articles = load_articles()
    vocab = vocabulary(articles)
    held_out = set(rng.sample(range(len(articles)), 40))  # originals missing from the references
    index = ReferenceIndex()
    for n, text in enumerate(articles):
        if n not in held_out:
            index.add(f"orig-{n}", text)
    pool = [n for n in range(len(articles)) if n not in held_out]
    for n in rng.sample(range(len(articles)), 100):  # held-out originals quoted in other articles
        index.add(f"distractor-{n}", distractor(articles, n, rng, pool))
    spun_refs = rng.sample(sorted(set(range(len(articles))) - held_out), 30)
    for n in spun_refs:  # spun copies among the references: their originals must stay as they are
        index.add(f"spun-{n}", "\n".join(spin_line(p, rng, 0.45, vocab) for p in articles[n].split("\n")))
    pipe = Pipeline(stages=["spun", "canonical"], references=(index,))

    t0 = time.perf_counter()
    results: dict[str, list[float]] = {}
    failures: list[str] = []
    candidates = [n for n in range(len(articles)) if n not in held_out]
    for case in range(ns.copies):
        rate = 0.3 if case % 2 == 0 else 0.45
        kind = ("plain", "excerpt+chrome", "reorder", "title+chrome")[case // 2 % 4]
        copy = make_copy(
            articles,
            rng.choice(candidates),
            rng,
            rate,
            vocab,
            excerpt="excerpt" in kind,
            chrome="chrome" in kind,
            reorder=kind == "reorder",
            title_suffix="title" in kind,
        )
        result = pipe.run(copy.text)
        err = wer(result.text, canonical(copy.expected))
        results.setdefault(f"{rate:.2f} {kind}", []).append(err)
        if err > 0.05:
            failures.append(
                f"{rate:.2f} {kind} source={copy.source} wer={err:.3f} found={result.notes['spun']['source']}"
            )
    elapsed = time.perf_counter() - t0
    rewritten_unrelated = 0
    for n in sorted(held_out):
        copy = make_copy(articles, n, rng, 0.3, vocab, chrome=True)
        result = pipe.run(copy.text)
        if result.notes["spun"]["source"] is not None or any(e.stage == "spun" for e in result.edits):
            rewritten_unrelated += 1
            failures.append(f"held-out {n} rewritten from {result.notes['spun']['source']}")
    originals_rewritten = 0
    for n in spun_refs:
        result = pipe.run(articles[n] + "\n")
        if any(e.stage == "spun" for e in result.edits):
            originals_rewritten += 1
            failures.append(f"original {n} rewritten from {result.notes['spun']['source']}")

    print(
        f"references: {len(index)} ({len(articles) - len(held_out)} originals, 100 distractors, {len(spun_refs)} spun)"
    )
    total = ok = 0
    for name, errs in sorted(results.items()):
        good = sum(e <= 0.05 for e in errs)
        total += len(errs)
        ok += good
        print(
            f"{name:22s} n={len(errs):3d} within 5% WER: {good / len(errs):.3f}  mean WER {sum(errs) / len(errs):.4f}"
        )
    print(
        f"all copies: {ok}/{total} = {ok / max(1, total):.3f} within 5% WER;"
        f" {1000 * elapsed / max(1, total):.1f} ms per copy"
    )
    print(f"copies of held-out originals rewritten: {rewritten_unrelated}/{len(held_out)}")
    print(f"originals rewritten into their spun copy: {originals_rewritten}/{len(spun_refs)}")
    for line in failures[:15]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
