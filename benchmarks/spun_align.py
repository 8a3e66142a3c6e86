"""Alignment of a spun text with its original: anchored patience alignment vs difflib.

Pairs of about 1k, 2k, 5k and 10k tokens: WCXB gold texts (CC BY 4.0) joined until long
enough, and their spun copies (benchmarks/spinner.py, 30% and 45% of content words). Both
aligners get the same token keys (textrepair.spun.rebuild.key) and run in the same process:

- ours: ``textrepair.spun.align.align`` (anchors on tokens unique in both, recursive, LCS only
  in small gaps);
- baseline: ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``.

Quality is the number of matched tokens (a common subsequence: more is better) relative to
difflib's. Time is the best of 5 runs for ours, of 3 for difflib (1 above 5k tokens).

    .venv/bin/python benchmarks/spun_align.py [--sizes 1000 2000 5000 10000]
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinner import load_articles, spin_line, vocabulary
from textrepair.spun.align import align
from textrepair.spun.rebuild import key
from textrepair.spun.tokens import tokenize


def difflib_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i + k, j + k) for i, j, n in sm.get_matching_blocks() for k in range(n)]


def best_of(fn: Callable[..., object], runs: int = 3) -> tuple[float, object]:
    best = float("inf")
    out: object = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ns = ap.parse_args()
    rng = random.Random(ns.seed)
    articles = load_articles()
    vocab = vocabulary(articles)
    print(f"{'tokens':>7} {'spin':>5} {'ours ms':>9} {'difflib ms':>11} {'speed-up':>9} {'matched ours/difflib':>21}")
    for size in ns.sizes:
        for rate in (0.30, 0.45):
            paras: list[str] = []
            count = 0
            while count < size:  # whole articles, the last one cut at a paragraph
                for p in rng.choice(articles).split("\n"):
                    if count >= size:
                        break
                    paras.append(p)
                    count += len(tokenize(p))
            original = "\n".join(paras)
            spun = "\n".join(spin_line(p, rng, rate, vocab) for p in paras)
            a = [key(t) for t in tokenize(spun)]
            b = [key(t) for t in tokenize(original)]
            t_ours, ours = best_of(lambda a=a, b=b: align(a, b), runs=5)
            t_diff, diff = best_of(lambda a=a, b=b: difflib_pairs(a, b), runs=1 if size > 5000 else 3)
            assert isinstance(ours, list) and isinstance(diff, list)
            print(
                f"{len(b):7d} {rate:5.0%} {1000 * t_ours:9.1f} {1000 * t_diff:11.1f} {t_diff / t_ours:8.1f}x"
                f" {len(ours) / max(1, len(diff)):21.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
