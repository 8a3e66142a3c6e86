"""Benchmark for the spun stage's detection and unspin (part B), with baselines run in the same process.

Unspin: the PPS development list is split by expected phrase (all variants of one expected
phrase on one side, as PPS's own split was) into two folds by a stable hash; a lexicon is learned
on one fold (plus the seed pair and chrome-dev half 0 for collocations) and tested on the other,
then the other way round (and the same with 5 folds). Each test phrase goes into ``In this study
we use {tortured} for the task.`` (restored?) and ``... {expected} ...`` (must come back
unchanged). The shipped thesaurus (WordNet 3.0 and chrome-dev half-0 bigrams) is fold-independent;
the lexicon terms it also uses come from the training fold only. Baselines: the plain phrase
table of the training fold (exact lookup), which cannot restore unseen phrases, and unspin with
an empty thesaurus (the lexicon alone: the ablation of the thesaurus rewrites).

Unspin is also run over clean prose (chrome-dev gold texts of half 1, never used to build a
lexicon): every rewrite there is a false change.

Detection: the same clean texts as negatives, and the same texts run through
``benchmarks/spinner.py`` as positives, at 15/30/45% of content words swapped, with two
thesauri: the reversed fragment table of one PPS fold (detected with a lexicon learned from the
other fold: swaps of the PPS kind it has not seen), and none (random replacement words, detected
with the shipped lexicon). Baseline: a tortured-phrase screener (spun if any phrase of the
lexicon's phrase table occurs). Speed: detect and unspin against tokenizing the same text.

Run from the repository root::

    .venv/bin/python benchmarks/unspin.py [--docs 200]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "src" / "textrepair" / "data" / "spun"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_lexicon import chrome_dev_half, clean_expected, seed_pair  # noqa: E402

from textrepair.document import splice  # noqa: E402
from textrepair.spun.detect import detect  # noqa: E402
from textrepair.spun.lexicon import Lexicon, LexiconBuilder  # noqa: E402
from textrepair.spun.thesaurus import Thesaurus  # noqa: E402
from textrepair.spun.tokens import tokenize  # noqa: E402
from textrepair.spun.unspin import Rewrite, phrase_hits, unspin  # noqa: E402

SHARED = ROOT.parent / "shared"
TEMPLATE = "In this study we use {} for the task."
NO_THESAURUS = Thesaurus({}, frozenset(), {})


def read_rows(path: Path) -> list[tuple[str, str]]:
    """(tortured, expected) rows of the PPS TSV, as given."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [(a.strip(), b.strip()) for a, b in (ln.split("\t")[:2] for ln in lines if "\t" in ln)]


def fold_of(expected: str, folds: int = 2) -> int:
    """Stable fold of a row, keyed by its normalised expected phrase."""
    return int(hashlib.sha1(" ".join(expected.lower().split()).encode()).hexdigest(), 16) % folds


def apply(text: str, rewrites: Sequence[Rewrite]) -> str:
    """Apply sorted, non-overlapping rewrites."""
    return splice(text, ((r.start, r.end, r.after) for r in rewrites))


def learn(train: Sequence[tuple[str, str]], clean: Sequence[str], pair: tuple[str, str] | None) -> Lexicon:
    """The lexicon the shipped build would make from these training rows."""
    builder = LexiconBuilder()
    for tortured, expected in train:
        cleaned = clean_expected(tortured, expected)
        if cleaned:
            builder.add_pair(tortured, cleaned)
    if pair is not None:
        builder.add_pair(*pair)
    for text in clean:
        builder.add_clean_text(text)
    return builder.build()


def phrase_table_unspin(lexicon: Lexicon) -> Callable[[str], str]:
    """Baseline: replace exact phrase-table hits only (longest first)."""

    def run(text: str) -> str:
        tokens = tokenize(text)
        out, pos, i = [], 0, 0
        while i < len(tokens):
            for length in lexicon.starts.get(tokens[i].lower, ()):
                key = " ".join(t.lower for t in tokens[i : i + length])
                if key in lexicon.phrases:
                    out.append(text[pos : tokens[i].start] + lexicon.candidates(key)[0][0])
                    pos = tokens[i + length - 1].end
                    i += length
                    break
            else:
                i += 1
        return "".join(out) + text[pos:]

    return run


def score_unspin(
    test: Sequence[tuple[str, str]], fix: Callable[[str], str]
) -> tuple[float, float, float, list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(restore rate vs the cleaned expected, vs the raw expected, changed rate on expected
    phrases), with examples of misses and false changes."""
    restored = restored_raw = changed = negatives = 0
    misses: list[tuple[str, str, str]] = []
    false: list[tuple[str, str]] = []
    for tortured, expected in test:
        cleaned = clean_expected(tortured, expected) or expected
        out = fix(TEMPLATE.format(tortured))
        if out.lower() == TEMPLATE.format(cleaned).lower():
            restored += 1
        elif len(misses) < 400:
            misses.append((tortured, cleaned, out))
        if out.lower() == TEMPLATE.format(expected).lower():
            restored_raw += 1
    for expected in sorted({e for _t, e in test}):
        for phrase in {expected, clean_expected("", expected) or expected}:
            sentence = TEMPLATE.format(phrase)
            negatives += 1
            out = fix(sentence)
            if out != sentence:
                changed += 1
                false.append((sentence, out))
    n = max(len(test), 1)
    return restored / n, restored_raw / n, changed / max(negatives, 1), misses, false


def reversed_thesaurus(lexicon: Lexicon) -> dict[str, list[str]]:
    """original word -> the spun words a lexicon's fragment table records for it: a
    thesaurus for the benchmark spinner that behaves like the spinners PPS caught."""
    out: dict[str, list[str]] = {}
    for spun, originals in sorted(lexicon.fragments.items()):
        for original in originals:
            if " " not in original:
                out.setdefault(original, []).append(spun)
    return out


def spin_docs(docs: Sequence[str], rate: float, thesaurus: dict[str, list[str]] | None, vocab: list[str]) -> list[str]:
    """The documents run through ``benchmarks/spinner.py`` (paragraph by paragraph, fixed seed)."""
    import spinner

    rng = random.Random(7)
    return ["\n".join(spinner.spin_line(p, rng, rate, vocab, thesaurus) for p in d.split("\n")) for d in docs]


def phrase_screen(lexicon: Lexicon) -> Callable[[str], bool]:
    """Baseline detector, as a tortured-phrase screener works: spun if any phrase of the
    lexicon's phrase table occurs."""

    def run(text: str) -> bool:
        return bool(phrase_hits(tokenize(text), lexicon))

    return run


def rate_of(flags: Sequence[bool]) -> float:
    return sum(flags) / max(len(flags), 1)


def unspin_figures(
    args: argparse.Namespace, rows: list[tuple[str, str]], clean0: list[str], pair: tuple[str, str] | None
) -> dict[str, float]:
    """Restore and changed rates, cross-validated by expected phrase, for 2 and 5 folds."""
    figures: dict[str, float] = {}
    for folds in (2, 5):
        keys = ("restore", "restore_raw", "changed", "base_restore", "base_changed", "nothes_restore", "nothes_changed")
        sums = dict.fromkeys(keys, 0.0)
        for fold in range(folds):
            train = [r for r in rows if fold_of(r[1], folds) != fold]
            test = [r for r in rows if fold_of(r[1], folds) == fold]
            lexicon = learn(train, clean0, pair)
            restore, restore_raw, changed, misses, false = score_unspin(
                test, lambda s, lx=lexicon: apply(s, unspin(s, lx, "en"))
            )
            b_restore, _raw, b_changed, _m, _f = score_unspin(test, phrase_table_unspin(lexicon))
            n_restore, _raw, n_changed, _m, _f = score_unspin(
                test, lambda s, lx=lexicon: apply(s, unspin(s, lx, "en", NO_THESAURUS))
            )
            print(
                f"  {folds}-fold, fold {fold}: train {len(train)} test {len(test)}: restored {restore:.3f} "
                f"(vs raw expected {restore_raw:.3f}), expected changed {changed:.4f}; "
                f"phrase-table baseline restored {b_restore:.3f}, changed {b_changed:.4f}; "
                f"without thesaurus restored {n_restore:.3f}, changed {n_changed:.4f}",
                file=sys.stderr,
            )
            for tortured, expected, out in misses[: args.show]:
                print(f"     miss: {tortured!r} -> {out!r} (want {expected!r})", file=sys.stderr)
            for sentence, out in false[: args.show]:
                print(f"     FALSE: {sentence!r} -> {out!r}", file=sys.stderr)
            values = (restore, restore_raw, changed, b_restore, b_changed, n_restore, n_changed)
            for key, value in zip(sums, values, strict=True):
                sums[key] += value / folds
        figures.update({f"unspin_{folds}fold_{k}": v for k, v in sums.items()})
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--pps", type=Path, default=SHARED / "spun" / "tortured_phrases_dev.tsv")
    p.add_argument("--chrome-dev", type=Path, default=SHARED / "chrome-dev" / "dev.jsonl")
    p.add_argument("--docs", type=int, default=200, help="chrome-dev half-1 documents for detection")
    p.add_argument("--show", type=int, default=0, help="print this many misses and false changes per fold")
    p.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = p.parse_args(argv)

    rows = read_rows(args.pps)
    clean0 = list(chrome_dev_half(args.chrome_dev, 0))
    docs = list(chrome_dev_half(args.chrome_dev, 1))[: args.docs]
    pair = seed_pair(ROOT / "seeds")
    shipped = learn(rows, clean0, pair)  # what build_lexicon.py ships
    figures: dict[str, float] = {"clean_docs": len(docs)}

    # 1. unspin on unseen tortured phrases, and on clean prose
    figures.update(unspin_figures(args, rows, clean0, pair))
    words = rewrites = 0
    for d in docs:
        words += sum(1 for t in tokenize(d) if t.kind == "word")
        rewrites += len(unspin(d, shipped, "en"))
    figures["unspin_clean_rewrites_per_1000_words"] = 1000 * rewrites / max(words, 1)

    # 2. detection: clean gold texts (half 1, never used to build a lexicon) vs spun copies
    figures["detect_clean_flagged"] = rate_of([detect(d, "en", shipped).is_spun for d in docs])
    figures["baseline_clean_flagged"] = rate_of([phrase_screen(shipped)(d) for d in docs])
    for path in sorted((ROOT / "seeds" / "expected").glob("00*.clean.txt")):
        figures[f"detect_seed_{path.name[:3]}_score"] = detect(path.read_text(encoding="utf-8"), "en", shipped).score
    lex0 = learn([r for r in rows if fold_of(r[1]) == 0], clean0, pair)
    lex1 = learn([r for r in rows if fold_of(r[1]) == 1], clean0, None)
    import spinner

    vocab = spinner.vocabulary(docs)
    for rate in (0.15, 0.3, 0.45):
        pct = int(rate * 100)
        thesaurus_spun = spin_docs(docs, rate, reversed_thesaurus(lex1), vocab)
        figures[f"detect_thesaurus_{pct}"] = rate_of([detect(d, "en", lex0).is_spun for d in thesaurus_spun])
        figures[f"baseline_thesaurus_{pct}"] = rate_of([phrase_screen(lex0)(d) for d in thesaurus_spun])
        random_spun = spin_docs(docs, rate, None, vocab)
        figures[f"detect_random_{pct}"] = rate_of([detect(d, "en", shipped).is_spun for d in random_spun])
        figures[f"baseline_random_{pct}"] = rate_of([phrase_screen(shipped)(d) for d in random_spun])

    # 3. speed: detect and unspin against tokenizing alone, on the same 1 MB
    text = "\n".join(docs)
    text = (text * (1_000_000 // max(len(text), 1) + 1))[:1_000_000]
    t0 = time.perf_counter()
    tokenize(text)
    t_tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    detect(text, "en", shipped)
    t_detect = time.perf_counter() - t0
    t0 = time.perf_counter()
    unspin(text, shipped, "en")
    t_unspin = time.perf_counter() - t0
    figures["seconds_per_mb_detect"] = t_detect
    figures["seconds_per_mb_unspin"] = t_unspin
    figures["detect_vs_tokenize"] = t_detect / t_tok
    figures["unspin_vs_tokenize"] = t_unspin / t_tok

    print(json.dumps({k: round(v, 4) for k, v in figures.items()}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
