"""Benchmark of the chrome stage on chrome-dev: quality and speed against jusText, same lines.

Run from the project root (jusText is a dev dependency, never a runtime one)::

    .venv/bin/python benchmarks/chrome.py                 # all 400 pages
    .venv/bin/python benchmarks/chrome.py --limit 50      # quicker

It prints token precision/recall/F1 (the metric of ``shared/tools/eval_chrome.py``) for the
chrome stage and for jusText fed one ``<p>`` per line, on the even and odd page ids (tuning
was done on the even ones), the share of tokens the stage loses on clean article text (the
gold texts fed in), and the time of both systems as a ratio measured in the same process.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textrepair.config import Context, make_config
from textrepair.document import Document
from textrepair.pipeline import Pipeline, get_stage

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "chrome-dev" / "dev.jsonl"
_TOKEN = re.compile(r"\w+")


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """The chrome-dev records."""
    with path.open(encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    return pages[:limit] if limit else pages


def page_score(gold: str, pred: str) -> tuple[float | None, float]:
    """Token precision (``None`` for empty output) and recall of one page."""
    g, p = Counter(_TOKEN.findall(gold)), Counter(_TOKEN.findall(pred))
    tp = sum((g & p).values())
    prec = tp / sum(p.values()) if p else None
    rec = tp / sum(g.values()) if g else 1.0
    return prec, rec


def aggregate(scores: Sequence[tuple[float | None, float]]) -> tuple[float, float, float]:
    """P averaged over non-empty outputs, R over all pages, F1 of the two (as eval_chrome)."""
    ps = [p for p, _ in scores if p is not None]
    prec = sum(ps) / len(ps) if ps else 0.0
    rec = sum(r for _, r in scores) / len(scores) if scores else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def justext_cleaner() -> Callable[[str], str]:
    """jusText 3 on the text with one ``<p>`` per line, English stoplist, default settings."""
    import justext

    stoplist = justext.get_stoplist("English")

    def clean(text: str) -> str:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
        paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return clean


def chrome_only(language_of: dict[str, str | None]) -> Callable[[str], str]:
    """The chrome stage alone (language given, as jusText is given its stoplist)."""
    stage = get_stage("chrome")
    ctx = Context(config=make_config())

    def clean(text: str) -> str:
        return stage.run(Document(text=text, language=language_of.get(text, "en")), ctx).text

    return clean


def timed(func: Callable[[str], str], texts: Sequence[str]) -> tuple[list[str], float]:
    """Outputs and CPU seconds (the machine may be shared: CPU time is the fair measure)."""
    start = time.process_time()
    outs = [func(t) for t in texts]
    return outs, time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Print the benchmark table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    pages = load(args.data, args.limit)
    raw = [p["raw_text"] for p in pages]
    even = [i for i, p in enumerate(pages) if int(p["id"].split("-")[-1]) % 2 == 0]
    odd = [i for i in range(len(pages)) if i not in set(even)]

    full = Pipeline()  # every default stage, as textrepair.clean runs them
    lang = Pipeline(stages=["mojibake", "language"])
    prepared = [lang.run(t) for t in raw]
    language_of = {r.text: r.language for r in prepared}
    ours_outs, ours_time = timed(chrome_only(language_of), [r.text for r in prepared])
    jt_outs, jt_time = timed(justext_cleaner(), raw)
    full_outs, full_time = timed(lambda t: full.run(t).text, raw)

    print(f"pages: {len(pages)} ({len(even)} even ids, {len(odd)} odd ids)")
    print(f"{'system':34s} {'subset':6s} {'tokP':>6s} {'tokR':>6s} {'tokF1':>6s}")
    systems = (
        ("textrepair.clean (all stages)", full_outs),
        ("chrome stage only", ours_outs),
        ("jusText 3.0.2, <p> per line", jt_outs),
    )
    for name, outs in systems:
        for subset, idx in (("all", range(len(pages))), ("even", even), ("odd", odd)):
            prec, rec, f1 = aggregate([page_score(pages[i]["gold_text"], outs[i]) for i in idx])
            print(f"{name:34s} {subset:6s} {prec:6.3f} {rec:6.3f} {f1:6.3f}")

    lost = total = 0
    for p in pages:
        gold = p["gold_text"]
        kept = Counter(_TOKEN.findall(full.run(gold).text))
        want = Counter(_TOKEN.findall(gold))
        lost += sum((want - kept).values())
        total += sum(want.values())
    print(f"clean article text (gold fed in): {lost}/{total} tokens lost = {lost / max(1, total):.2%}")
    print(f"speed (CPU): chrome stage {ours_time:.2f} s, jusText {jt_time:.2f} s, ratio {jt_time / ours_time:.2f}x "
          f"(>1: the chrome stage is faster); whole pipeline {full_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
