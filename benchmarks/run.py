"""Core benchmark: ``clean()`` cost as a ratio to ``ftfy.fix_text`` on the same texts, in
the same process, plus linearity in input size and peak memory (tracemalloc).

    python benchmarks/run.py           # full run (about a minute)
    python benchmarks/run.py --quick   # fewer texts and repeats

Texts: the seeds and the gold (main) texts of ``../shared/chrome-dev/dev.jsonl``, English
articles. Times are CPU time of this process (``time.process_time``), so that other
processes on a shared machine do not distort them, and each ratio times the two sides
alternately, ``--repeat`` times, keeping the best of each. Ratios > 1: slower than ftfy.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import ftfy

import textrepair
from textrepair import Pipeline

ROOT = Path(__file__).resolve().parent.parent
CHROME_DEV = ROOT.parent / "shared" / "chrome-dev" / "dev.jsonl"
CORE = ("decode", "mojibake", "language", "canonical")
OTHERS = ("chrome", "placeholders", "entities", "spun")


def load_texts(limit: int) -> tuple[list[str], list[str]]:
    """(gold article texts, raw page texts): the seeds first, then chrome-dev pages."""
    gold = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "expected").glob("*.clean.txt"))]
    raw = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if CHROME_DEV.exists():
        with CHROME_DEV.open(encoding="utf-8") as f:
            for line in f:
                if len(gold) >= limit:
                    break
                record = json.loads(line)
                gold.append(record["gold_text"])
                raw.append(record["raw_text"])
    return gold[:limit], raw[:limit]


def cpu_time(func: Callable[[str], object], texts: Sequence[str]) -> float:
    """CPU seconds of one run of ``func`` over all texts."""
    gc.collect()
    start = time.process_time()
    for text in texts:
        func(text)
    return time.process_time() - start


def best_time(func: Callable[[str], object], texts: Sequence[str], repeat: int) -> float:
    """Best CPU time of ``repeat`` runs of ``func`` over all texts."""
    return min(cpu_time(func, texts) for _ in range(repeat))


def ratio(func: Callable[[str], object], texts: Sequence[str], repeat: int) -> float:
    """``func``'s best time over ``ftfy.fix_text``'s, the two timed alternately."""
    ours, theirs = float("inf"), float("inf")
    for _ in range(repeat):
        theirs = min(theirs, cpu_time(ftfy.fix_text, texts))
        ours = min(ours, cpu_time(func, texts))
    return ours / theirs


def peak_memory(func: Callable[[str], object], text: str) -> int:
    """Peak bytes allocated (tracemalloc) while ``func`` runs on ``text``."""
    gc.collect()
    tracemalloc.start()
    try:
        func(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def make_input(texts: Sequence[str], size: int, single_line: bool) -> str:
    """About ``size`` characters of article text: paragraphs on lines, or one line."""
    sep = " " if single_line else "\n"
    body = sep.join(t.replace("\n", " ") if single_line else t for t in texts)
    return (body * (size // max(1, len(body)) + 1))[:size]


def run(limit: int, repeat: int) -> list[str]:
    """All measurements, as markdown lines."""
    gold, raw = load_texts(limit)
    out: list[str] = []
    chars = sum(map(len, gold))
    per_article = best_time(ftfy.fix_text, gold, repeat) * 1e3 / len(gold)
    out.append(f"Texts: {len(gold)} English articles ({chars / 1e6:.2f} M characters); "
               f"ftfy.fix_text takes {per_article:.2f} ms of CPU per article.\n")
    out.append("| what (on article text) | time / ftfy.fix_text |")
    out.append("|---|---|")
    core = Pipeline(stages=list(CORE))
    out.append(f"| **core: {'+'.join(CORE)}** | **{ratio(core.run, gold, repeat):.2f}** |")
    for name in CORE:
        out.append(f"| {name} alone | {ratio(Pipeline(stages=[name]).run, gold, repeat):.2f} |")
    out.append(f"| textrepair.clean (default pipeline) | {ratio(textrepair.clean, gold, repeat):.2f} |")

    out.append("\n| what (on raw page text, chrome included) | time / ftfy.fix_text |")
    out.append("|---|---|")
    out.append(f"| core | {ratio(core.run, raw, repeat):.2f} |")
    for name in OTHERS:
        out.append(f"| {name} alone | {ratio(Pipeline(stages=[name]).run, raw, repeat):.2f} |")
    out.append(f"| textrepair.clean (default pipeline) | {ratio(textrepair.clean, raw, 1):.2f} |")
    batch = cpu_time(lambda _: Pipeline().run_many(raw), [""])
    out.append(f"| textrepair.clean_many (one batch of all) | {batch / best_time(ftfy.fix_text, raw, 1):.2f} |")

    out.append("\n| input | core s/MB | ftfy s/MB | core / ftfy | clean s/MB | core peak memory / input | ftfy's |")
    out.append("|---|---|---|---|---|---|---|")
    for label, size, single in (("1 MB, lines", 1 << 20, False), ("4 MB, lines", 4 << 20, False),
                                ("4 MB, one line", 4 << 20, True)):
        text = make_input(gold, size, single)
        mb = len(text.encode("utf-8")) / 1e6
        t_core = best_time(core.run, [text], repeat) / mb
        t_ftfy = best_time(ftfy.fix_text, [text], repeat) / mb
        t_clean = cpu_time(textrepair.clean, [text]) / mb
        peak = peak_memory(core.run, text) / (mb * 1e6)
        peak_ftfy = peak_memory(ftfy.fix_text, text) / (mb * 1e6)
        out.append(f"| {label} | {t_core:.3f} | {t_ftfy:.3f} | {t_core / t_ftfy:.2f} | {t_clean:.3f} | "
                   f"{peak:.1f}x | {peak_ftfy:.1f}x |")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the tables (markdown, ready for benchmarks/README.md)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="50 texts, 1 repeat")
    parser.add_argument("--limit", type=int, default=150, help="number of articles (default 150)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts (default 3)")
    args = parser.parse_args(argv)
    limit, repeat = (50, 1) if args.quick else (args.limit, args.repeat)
    textrepair.clean("warm up: load every stage and langdetect's profiles once")
    print("\n".join(run(limit, repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
