"""Reference index: spun copies retrieve their original; fingerprints are stable and sparse."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from textrepair.spun.index import ReferenceIndex, fingerprints, skeleton, skeleton_of_text
from textrepair.spun.tokens import stopwords, tokenize

DATA = Path(__file__).resolve().parent / "data" / "spun_refs"
ORIGINALS = sorted((DATA / "originals").glob("*.txt"))


@pytest.fixture(scope="module")
def index() -> ReferenceIndex:
    idx = ReferenceIndex()
    for path in ORIGINALS:
        idx.add(path.name, path.read_text(encoding="utf-8"))
    return idx


def swap_content_words(text: str, rate: float, seed: int) -> str:
    """A crude spinner: replace a share of the non-stopwords by a made-up word."""
    rng = random.Random(seed)
    stop = stopwords("en")
    out = []
    for word in text.split(" "):
        bare = word.strip(".,;:!?\"'()").lower()
        out.append("zorbled" if bare and bare not in stop and rng.random() < rate else word)
    return " ".join(out)


@pytest.mark.parametrize("rate", [0.3, 0.45])
def test_spun_copy_finds_its_original(index: ReferenceIndex, rate: float) -> None:
    for n, path in enumerate(ORIGINALS):
        copy = swap_content_words(path.read_text(encoding="utf-8"), rate, n)
        found = index.query(copy, k=1)
        assert found and found[0].ref_id == path.name


def test_excluded_and_unrelated(index: ReferenceIndex) -> None:
    text = ORIGINALS[0].read_text(encoding="utf-8")
    assert index.query(text, k=1)[0].ref_id == ORIGINALS[0].name
    assert all(c.ref_id != ORIGINALS[0].name for c in index.query(text, k=3, exclude=[ORIGINALS[0].name]))
    assert index.query("Completely different words: zebras graze quietly near Lake Nakuru.", k=3) == []


def test_skeleton_keeps_function_words_numbers_names() -> None:
    toks = tokenize("On June 27, Russian special forces conducted a raid in Yekaterinburg.")
    skel = skeleton(toks, stopwords("en"))
    assert skel == ["on", "june", "27", ",", "russian", "a", "in", "yekaterinburg", "."]


def test_fingerprints_are_stable_across_processes() -> None:
    text = ORIGINALS[1].read_text(encoding="utf-8")
    code = (
        "import sys; from textrepair.spun.index import fingerprints; print(sorted(fingerprints(sys.stdin.read()))[:5])"
    )
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(sorted(fingerprints(text))[:5])


def test_adding_twice_keeps_one_document() -> None:
    idx = ReferenceIndex()
    assert idx.add("a", "one two three") == idx.add("a", "something else")
    assert len(idx) == 1 and idx.text("a") == "one two three"


def test_fast_skeleton_equals_token_skeleton() -> None:
    stop = stopwords("en")
    texts = [p.read_text(encoding="utf-8") for p in ORIGINALS]
    texts += ["It’s 10:30. Mr. O’Neil met 1,000 people in New York; they’re “fine” (mostly)!", ""]
    for text in texts:
        assert skeleton_of_text(text, stop) == skeleton(tokenize(text), stop)
