"""Retrieval of the source of a spun copy: ReferenceIndex vs datasketch MinHash-LSH.

Corpora of 1k, 10k and 100k reference documents are assembled from the sentences of the
WCXB gold texts (CC BY 4.0): each document is 9-15 consecutive sentences from a random
place, three per paragraph, so documents share topic, vocabulary and sometimes sentences
(distractors). Queries are spun copies (benchmarks/spinner.py) of random corpus documents at
30% and 45% of content words swapped. For each corpus size, in the same process:

- ours: ``ReferenceIndex.query(text, k=1)``; recall@1 = the top candidate is the source;
- baseline: datasketch ``MinHashLSH(threshold=0.5, num_perm=128)`` over word 3-shingles,
  candidates ranked by estimated Jaccard; recall@1 likewise;
- query time (mean ms, including fingerprinting / MinHash of the query), build time, and
  memory per indexed document (posting array, ids and tables; texts counted apart).

    .venv/bin/python benchmarks/spun_retrieval.py [--sizes 1000 10000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinner import load_articles, spin_line, vocabulary
from textrepair.spun.index import ReferenceIndex


def sentence_pool() -> list[str]:
    """Every sentence of the WCXB gold texts (both halves), in order."""
    pool: list[str] = []
    for text in load_articles(min_words=0, part=None):
        for para in text.split("\n"):
            pool.extend(s for s in re.split(r"(?<=[.!?])\s+", para) if len(s.split()) >= 4)
    return pool


def make_corpus(n: int, pool: list[str], rng: random.Random, window: int = 300) -> list[str]:
    """``n`` documents of 9-15 pool sentences drawn from one window of ``window`` consecutive
    sentences (so from one or two articles: same topic, same vocabulary, a sentence shared
    now and then), in pool order, three sentences per paragraph."""
    docs = []
    for _ in range(n):
        size = rng.randint(9, 15)
        start = rng.randrange(0, len(pool) - window)
        sents = [pool[start + k] for k in sorted(rng.sample(range(window), size))]
        docs.append("\n".join(" ".join(sents[i : i + 3]) for i in range(0, size, 3)))
    return docs


def index_bytes(index: ReferenceIndex) -> int:
    """Memory held by the index besides the texts: posting array, ids, id table, list slots."""
    ids = sum(sys.getsizeof(i) for i in index.ids)
    return (
        sys.getsizeof(index._keys)
        + sys.getsizeof(index.ids)
        + ids
        + sys.getsizeof(index._by_id)
        + sys.getsizeof(index.texts)
    )


def shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-minhash", action="store_true", help="skip the datasketch baseline")
    ns = ap.parse_args()
    from datasketch import MinHash, MinHashLSH

    rng = random.Random(ns.seed)
    pool = sentence_pool()
    vocab = vocabulary(load_articles(part=None))
    corpus = make_corpus(max(ns.sizes), pool, rng)
    print(f"sentence pool {len(pool)}; mean document {sum(len(d.split()) for d in corpus[:1000]) / 1000:.0f} words")
    for size in sorted(ns.sizes):
        docs = corpus[:size]
        qrng = random.Random(ns.seed + size)
        targets = [qrng.randrange(size) for _ in range(ns.queries)]
        queries = {
            rate: ["\n".join(spin_line(p, qrng, rate, vocab) for p in docs[t].split("\n")) for t in targets]
            for rate in (0.30, 0.45)
        }
        t0 = time.perf_counter()
        index = ReferenceIndex()
        for i, doc in enumerate(docs):
            index.add(str(i), doc)
        index.query("warm up the index", 1)
        build = time.perf_counter() - t0
        text_bytes = sum(sys.getsizeof(d) for d in docs)
        print(
            f"\n== {size} documents: ours built in {build:.1f} s, {index.postings / size:.1f} postings/doc, "
            f"index memory {index_bytes(index) / size:.0f} B/doc (+ {text_bytes / size:.0f} B/doc of text)"
        )
        lsh = None
        if not ns.no_minhash:
            t0 = time.perf_counter()
            lsh = MinHashLSH(threshold=0.5, num_perm=128)
            sigs = MinHash.bulk([list(shingles(d)) for d in docs], num_perm=128)
            with lsh.insertion_session() as session:
                for i, m in enumerate(sigs):
                    session.insert(str(i), m)
            print(f"   MinHash-LSH built in {time.perf_counter() - t0:.1f} s")
        for rate, texts in queries.items():
            t0 = time.perf_counter()
            ours = [index.query(q, 1) for q in texts]
            ours_ms = 1000 * (time.perf_counter() - t0) / len(texts)
            ours_ok = [bool(r) and r[0].ref_id == str(t) for r, t in zip(ours, targets, strict=True)]
            line = f"   spun {rate:.0%}: ours recall@1 {sum(ours_ok) / len(texts):.3f}, {ours_ms:.2f} ms/query"
            if lsh is not None:
                t0 = time.perf_counter()
                mh_ok = []
                for q, t in zip(texts, targets, strict=True):
                    m = MinHash(num_perm=128)
                    m.update_batch(list(shingles(q)))
                    found = lsh.query(m)
                    best = max(found, key=lambda k: (sigs[int(k)].jaccard(m), k), default=None)
                    mh_ok.append(best == str(t))
                mh_ms = 1000 * (time.perf_counter() - t0) / len(texts)
                missed = sum(1 for a, b in zip(ours_ok, mh_ok, strict=True) if b and not a)
                line += (
                    f" | MinHash-LSH recall@1 {sum(mh_ok) / len(texts):.3f}, {mh_ms:.2f} ms/query"
                    f" | found by MinHash, missed by ours: {missed}"
                )
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
