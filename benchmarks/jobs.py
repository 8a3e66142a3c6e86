"""Batch throughput: ``textrepair DIR -o OUT --jobs N`` against ``--jobs 1`` in the same process.

Generates N scraped-looking pages (default 1,000): the seed pages' paragraphs reshuffled
and renumbered under generated headers and footers, so the chrome stage sees templates to
learn and no two pages are the same. Runs the command line (in-process, like the
``textrepair`` entry point) with ``--jobs 1`` then ``--jobs K``, checks that both wrote
byte-identical outputs, and prints wall-clock and CPU seconds, documents per second and
the speed-up ratio ``jobs1 / jobsK`` (best of ``--repeat`` alternating runs).

    python benchmarks/jobs.py                 # 1,000 documents, --jobs 2
    python benchmarks/jobs.py --docs 2000 --jobs 2 --chunk-size 128
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from textrepair.cli import main

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"


def paragraphs() -> list[str]:
    """Content paragraphs of the seed pages (lines of at least 12 words)."""
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").split("\n"):
            if len(line.split()) >= 12:
                out.append(line.strip())
    return out


def generate(directory: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` pages: header chrome, 4-9 paragraphs with changed numbers, footer chrome."""
    rng = random.Random(seed)
    paras = paragraphs()
    sites = [(f"Site {k} News", f"Menu | Home | World | Sport | Site {k}") for k in range(12)]
    for i in range(n):
        name, menu = sites[i % len(sites)]
        body = []
        for para in rng.sample(paras, rng.randint(4, 9)):
            words = para.split()
            cut = rng.randint(0, max(0, len(words) - 60))
            words = words[cut : cut + rng.randint(40, 160)]
            body.append(" ".join(str(rng.randint(2, 999)) if w.isdigit() else w for w in words))
        page = [
            f"{rng.randint(10, 35)}.{rng.randint(0, 9)} C",
            menu,
            f"Saturday, July {rng.randint(1, 28)}, 2025",
            "",
            f"Report {i}: " + " ".join(body[0].split()[:8]),
            "",
            *[p + "\n" for p in body],
            "Related Articles",
            f"© 2025 {name}. All rights reserved.",
        ]
        (directory / f"page{i:05d}.txt").write_text("\n".join(page) + "\n", encoding="utf-8")


def digest(directory: Path) -> str:
    """One hash over every output file (names and bytes), to compare runs."""
    h = hashlib.sha256()
    for p in sorted(directory.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(directory).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and its finished workers) of one run."""
    start, cpu = time.perf_counter(), _cpu()
    code = main(argv)
    if code != 0:
        raise SystemExit(f"textrepair exited {code}")
    return time.perf_counter() - start, _cpu() - cpu


def run(n: int, jobs: int, chunk_size: int, repeat: int = 1) -> dict[str, float | int | str]:
    """Generate, run --jobs 1 and --jobs K alternately ``repeat`` times, return the figures
    (best wall-clock time of each: the machine may be shared)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "in"
        src.mkdir()
        generate(src, n)
        common = [str(src), "--chunk-size", str(chunk_size), "-q", "--no-progress"]
        base: list[tuple[float, float]] = []
        par: list[tuple[float, float]] = []
        same = True
        for r in range(repeat):
            base.append(timed([*common, "-o", str(root / f"a{r}"), "--jobs", "1"]))
            par.append(timed([*common, "-o", str(root / f"b{r}"), "--jobs", str(jobs)]))
            same = same and digest(root / f"a{r}") == digest(root / f"b{r}")
    b, p = min(base), min(par)
    return {
        "documents": n,
        "jobs": jobs,
        "chunk_size": chunk_size,
        "cores": os.cpu_count() or 1,
        "load_avg_1min_after": round(os.getloadavg()[0], 2),
        "jobs1_s": round(b[0], 2),
        f"jobs{jobs}_s": round(p[0], 2),
        "jobs1_cpu_s": round(b[1], 2),
        f"jobs{jobs}_cpu_s": round(p[1], 2),
        "jobs1_docs_per_s": round(n / b[0], 1),
        f"jobs{jobs}_docs_per_s": round(n / p[0], 1),
        "speedup": round(b[0] / p[0], 2),
        "identical": "yes" if same else "NO",
    }


def cli(argv: list[str] | None = None) -> int:
    """Command line of the benchmark."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--chunk-size", type=int, default=256)
    p.add_argument("--repeat", type=int, default=1, help="alternate runs, keep the best of each")
    args = p.parse_args(argv)
    figures = run(args.docs, args.jobs, args.chunk_size, args.repeat)
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    return 0 if figures["identical"] == "yes" else 1


if __name__ == "__main__":
    sys.exit(cli())
