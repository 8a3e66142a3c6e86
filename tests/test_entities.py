"""Tests of the ``entities`` stage: batch cases (``data/entities_cases.json``: documents
cleaned together and the name repairs expected in each), the seeds run together, the
weighted distance, and the rules that keep entity repair off by default."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from textrepair import Pipeline
from textrepair.entities import NAME, distance, fold, skeleton

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "entities_cases.json").read_text(encoding="utf-8")
)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def repairs(docs: list[str], stages: list[str] | None = None, **options: Any) -> list[dict[str, str]]:
    """Run the stage over a batch; return each document's ``{before: after}`` repairs."""
    pipeline = Pipeline(stages=stages or ["language", "placeholders", NAME], **options)
    results = pipeline.run_many(docs, sources=[f"doc{i}" for i in range(len(docs))])
    out = []
    for r in results:
        assert r.replay() == r.text
        out.append({e.before: e.after for e in r.edits if e.stage == NAME})
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    assert repairs(case["documents"], case.get("stages")) == case["repairs"]


@pytest.mark.parametrize(
    ("a", "b", "at_most"),
    [("actao", "aktau", 1.0), ("grozen", "grozny", 1.5), ("gharabagh", "karabakh", 1.5),
     ("elham", "ilham", 0.5), ("ambrair", "embraer", 1.0), ("baku", "baku", 0.0)],
)
def test_distance_near(a: str, b: str, at_most: float) -> None:
    assert distance(a, b) <= at_most
    assert skeleton(a) == skeleton(b) or distance(a, b) > 0


@pytest.mark.parametrize(("a", "b"), [("moscow", "mexico"), ("paris", "prague"), ("baku", "bakersfield")])
def test_distance_far(a: str, b: str) -> None:
    assert distance(a, b) == float("inf")


def test_fold() -> None:
    assert fold("Türkiye") == "turkiye"


def _seed_texts() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_seeds_together() -> None:
    """Run together, the seeds repair seed 001's mangled names from the other seeds and the
    shipped lists, each with its rule and evidence, and change nothing in the others."""
    seeds = _seed_texts()
    pipeline = Pipeline(stages=["mojibake", "language", "placeholders", NAME])
    results = pipeline.run_many([data for _, data in seeds], sources=[name for name, _ in seeds])
    found = {}
    for (name, _), r in zip(seeds, results, strict=True):
        edits = [e for e in r.edits if e.stage == NAME]
        if not name.startswith("001_"):
            assert edits == [], name
            continue
        for e in edits:
            assert e.evidence and e.rule in ("batch-name", "name-part", "place", "organisation")
            found[e.before] = (e.after, e.rule)
    assert found["Actao"][0] == "Aktau"
    assert found["Grozen"] == ("Grozny", "batch-name")
    assert found["Gharabagh"] == ("Karabakh", "batch-name")
    assert found["Ambrair"] == ("Embraer", "organisation")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_single_seed_default_is_untouched() -> None:
    """One document, no references: entity repair is off, names are kept."""
    _, data = next(s for s in _seed_texts() if s[0].startswith("001_"))
    result = Pipeline(stages=["mojibake", "language", "placeholders", NAME]).run(data)
    assert [e for e in result.edits if e.stage == NAME] == []
    assert "Actao" in result.text and "Grozen" in result.text


def test_forced_on_for_one_document_uses_shipped_places() -> None:
    """``entities=True`` on one document: a city one letter-class away from a shipped city
    whose country is named in the paragraph is repaired."""
    doc = "The delegation flew from Almati, Kazakhstan, to the capital for talks on trade."
    assert repairs([doc], entities=True) == [{"Almati": "Almaty"}]


def test_forced_off() -> None:
    docs = CASES[0]["documents"]
    assert repairs(docs, entities=False) == [{}, {}]


def test_report_note() -> None:
    docs = CASES[0]["documents"]
    results = Pipeline(stages=["language", NAME]).run_many(docs)
    assert results[1].notes[NAME] == {"repairs": {"Kharkief": "Kharkiv"}}
    (edit,) = [e for e in results[1].edits if e.stage == NAME]
    assert edit.rule == "batch-name"
    assert "syniehubov" in edit.evidence["batch-name"]["shared_names"]
