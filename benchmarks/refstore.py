"""Persisted reference store at scale: build time, size on disk and lookup time.

Generates N reference documents (default sizes 10k, 100k, 1M) of ~120 words each: English
function words, capitalised names and numbers (what the spun stage's fingerprints are
made of) around random content words. Builds a :class:`textrepair.refstore.RefStore` with
``add_many`` (like ``textrepair index add``), then times lookups of spun
copies of stored documents (a third of their content words replaced) and of unrelated
texts, on a fresh read-only connection. The baseline, in the same process, is the
in-memory :class:`~textrepair.spun.index.ReferenceIndex` on the same documents (skipped
above ``--memory-limit`` documents).

    python benchmarks/refstore.py                     # 10k, 100k, 1M
    python benchmarks/refstore.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from textrepair.refstore import RefStore
from textrepair.spun.index import ReferenceIndex

FUNCTION = (
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
    "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you",
    "were", "her", "she", "there", "been", "one", "all", "we", "their", "has", "would", "when", "if", "so",
    "no", "will", "more", "can", "who", "its", "into", "than", "only", "other",
)
_SYL = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "pe", "da", "zu", "fi", "ho", "be", "gra", "tor", "len", "mas"]


def _words(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))))
    return sorted(out)


class Generator:
    """Deterministic pseudo-articles."""

    def __init__(self, seed: int = 0) -> None:
        rng = random.Random(seed)
        self.content = _words(rng, 20000)
        self.names = [w.capitalize() for w in _words(random.Random(seed + 1), 3000)]

    def document(self, i: int, words: int = 120) -> str:
        """Document ``i``: sentences of function words, content words, names and numbers."""
        rng = random.Random(i)
        out: list[str] = []
        while len(out) < words:
            sentence = []
            for _ in range(rng.randint(8, 16)):
                r = rng.random()
                if r < 0.45:
                    sentence.append(rng.choice(FUNCTION))
                elif r < 0.9:
                    sentence.append(rng.choice(self.content))
                elif r < 0.97:
                    sentence.append(rng.choice(self.names))
                else:
                    sentence.append(str(rng.randint(2, 2030)))
            sentence[0] = sentence[0].capitalize()
            out.extend(sentence)
            out[-1] += "."
        return " ".join(out)

    def spun(self, text: str, seed: int) -> str:
        """A spun copy: a third of the lower-case content words replaced."""
        rng = random.Random(seed)
        stop = set(FUNCTION)
        words = text.split(" ")
        for n, w in enumerate(words):
            bare = w.rstrip(".")
            if bare.islower() and bare not in stop and rng.random() < 0.33:
                words[n] = rng.choice(self.content) + ("." if w.endswith(".") else "")
        return " ".join(words)


def docs(gen: Generator, n: int) -> Iterator[tuple[str, str]]:
    for i in range(n):
        yield f"ref/{i:07d}.txt", gen.document(i)


def bench(n: int, gen: Generator, queries: int, memory_limit: int, workdir: Path) -> dict[str, float | int | str]:
    """Build a store of ``n`` documents and time lookups."""
    db = workdir / f"refs-{n}.sqlite"
    start = time.perf_counter()
    store = RefStore(db, writable=True)
    store.add_many(docs(gen, n))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    build = time.perf_counter() - start
    size = sum(p.stat().st_size for p in workdir.glob(f"refs-{n}.sqlite*"))
    rng = random.Random(n)
    targets = [rng.randrange(n) for _ in range(queries)]
    spun = [gen.spun(gen.document(t), t) for t in targets]
    unrelated = [gen.document(n + 10_000_000 + q) for q in range(queries)]
    ro = RefStore(db)
    len(ro)
    hits = 0
    times = []
    for t, text in zip(targets, spun, strict=True):
        q0 = time.perf_counter()
        found = ro.query(text, k=5)
        times.append(time.perf_counter() - q0)
        hits += bool(found) and found[0].ref_id == f"ref/{t:07d}.txt"
    miss_times = []
    for text in unrelated:
        q0 = time.perf_counter()
        ro.query(text, k=5)
        miss_times.append(time.perf_counter() - q0)
    ro.close()
    row: dict[str, float | int | str] = {
        "documents": n,
        "build_s": round(build, 1),
        "build_docs_per_s": round(n / build),
        "size_MB": round(size / 1e6, 1),
        "bytes_per_doc": round(size / n),
        "query_ms_median": round(1000 * statistics.median(times), 2),
        "query_ms_p95": round(1000 * sorted(times)[int(0.95 * (len(times) - 1))], 2),
        "unrelated_query_ms_median": round(1000 * statistics.median(miss_times), 2),
        "top1_recall": f"{hits}/{queries}",
    }
    if n <= memory_limit:
        m0 = time.perf_counter()
        index = ReferenceIndex()
        index.add_many(docs(gen, n))
        index.query("warm up the index", k=1)
        row["memory_build_s"] = round(time.perf_counter() - m0, 1)
        mt = []
        for text in spun:
            q0 = time.perf_counter()
            index.query(text, k=5)
            mt.append(time.perf_counter() - q0)
        row["memory_query_ms_median"] = round(1000 * statistics.median(mt), 2)
        row["store_vs_memory_query"] = round(statistics.median(times) / statistics.median(mt), 2)
    for path in workdir.glob(f"refs-{n}.sqlite*"):
        path.unlink()
    return row


def main(argv: list[str] | None = None) -> int:
    """Command line of the benchmark."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--queries", type=int, default=50)
    p.add_argument("--memory-limit", type=int, default=100_000, help="largest size also run in memory (baseline)")
    p.add_argument("--dir", help="where to build the stores (default: a temporary directory)")
    args = p.parse_args(argv)
    gen = Generator()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for n in args.sizes:
            row = bench(n, gen, args.queries, args.memory_limit, Path(tmp))
            print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
