"""The seed expectations (``seeds/expected/``), per seed and per aspect.

Aspects: ``canonical`` (the output is canonical text), ``content`` (every expected
paragraph is there), ``chrome`` (no page-chrome line is left), ``exact`` (the output is
the expected text, optional paragraphs aside) and, for the spun seed, ``original`` (with
the seeds as references, the clean original comes back).

What a stage still has to do is listed in :data:`PENDING` as ``(seed, aspect): reason``;
those run as strict xfails, so each turns into a failure the day the stage lands and its
entry must then be removed. (Empty when this was written: every aspect passed.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import textrepair
from conftest import SEEDS
from test_properties import check_canonical
from textrepair import Pipeline

EXPECTED = SEEDS / "expected"
STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))
SPUN = [s for s in STEMS if (EXPECTED / f"{s}.original.txt").exists()]
ASPECTS = ("canonical", "content", "chrome", "exact")

#: (seed stem, aspect) -> what is still missing and which stage owes it.
PENDING: dict[tuple[str, str], str] = {}


def paragraphs(text: str) -> list[str]:
    """Blocks of a canonical text."""
    return [p for p in text.strip("\n").split("\n\n") if p]


def lines(path: Path) -> list[str]:
    """Non-empty lines of an optional expectation file."""
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()] if path.exists() else []


_OUTPUTS: dict[str, str] = {}


def output(stem: str) -> str:
    """What the CLI prints for the seed (one input per call, default options); cached."""
    if stem not in _OUTPUTS:
        path = SEEDS / f"{stem}.txt"
        _OUTPUTS[stem] = Pipeline().run(path.read_bytes(), source=str(path)).text
    return _OUTPUTS[stem]


def params() -> list[object]:
    out = []
    for stem in STEMS:
        for aspect in ASPECTS:
            reason = PENDING.get((stem, aspect))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(stem, aspect, id=f"{stem}-{aspect}", marks=marks))
    return out


@pytest.mark.parametrize(("stem", "aspect"), params())
def test_seed(stem: str, aspect: str) -> None:
    got = output(stem)
    expected = (EXPECTED / f"{stem}.clean.txt").read_text(encoding="utf-8")
    optional = set(lines(EXPECTED / f"{stem}.optional.txt"))
    if aspect == "canonical":
        check_canonical(got)
    elif aspect == "content":
        missing = [p for p in paragraphs(expected) if p not in paragraphs(got)]
        assert not missing, f"{len(missing)} expected paragraphs missing, first: {missing[0][:80]!r}"
    elif aspect == "chrome":
        # a chrome line may also be article text (a headline repeated in the navigation):
        # it must not appear more often than the expected text has it
        got_blocks, want_blocks = paragraphs(got), paragraphs(expected)
        kept = [
            ln
            for ln in lines(EXPECTED / f"{stem}.chrome.txt")
            if ln not in optional and got_blocks.count(ln) > want_blocks.count(ln)
        ]
        assert not kept, f"chrome kept: {kept}"
    else:
        assert [p for p in paragraphs(got) if p not in optional] == paragraphs(expected)
        assert got.endswith("\n") and not got.endswith("\n\n")


def spun_params() -> list[object]:
    out = []
    for stem in SPUN:
        reason = PENDING.get((stem, "original"))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(stem, id=f"{stem}-original", marks=marks))
    return out


@pytest.mark.parametrize("stem", spun_params())
def test_spun_seed_with_references(stem: str, tmp_path: Path) -> None:
    """With a directory holding the seeds (and nothing else) as references, the spun seed
    becomes its clean original."""
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path)
    path = SEEDS / f"{stem}.txt"
    result = Pipeline(references=(str(tmp_path),)).run(path.read_bytes(), source=str(path))
    assert result.text == (EXPECTED / f"{stem}.original.txt").read_text(encoding="utf-8")
    assert result.replay() == result.text


def test_seeds_clean_the_same_in_a_batch() -> None:
    """Cleaning the seeds together keeps every expected paragraph (batch learning must
    not cost article text); in a batch the spun seed has its original among the others,
    so its original is what comes back. (Entity repair is off here: in a batch it turns
    on by default and repairs the mangled names the single-document expectation keeps.)"""
    texts = [(SEEDS / f"{s}.txt").read_bytes() for s in STEMS]
    for stem, got in zip(STEMS, textrepair.clean_many(texts, entities=False), strict=True):
        name = f"{stem}.original.txt" if stem in SPUN else f"{stem}.clean.txt"
        expected = (EXPECTED / name).read_text(encoding="utf-8")
        missing = [p for p in paragraphs(expected) if p not in paragraphs(got)]
        assert not missing, f"{stem}: {missing[0][:80]!r}"
