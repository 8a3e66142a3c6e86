"""The spun stage end to end: rebuild from references, batch references, what is never rewritten.

Table cases live in ``tests/data/spun_refs/cases.json`` (generated copies of WCXB articles,
CC BY 4.0): a copy is rebuilt within 5% word error of its original; a negative case must come
out exactly as it does without references.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair.pipeline import Pipeline
from textrepair.spun.index import ReferenceIndex

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "spun_refs"
SEEDS = ROOT / "seeds"
SPUN_SEED = SEEDS / "000_96275fee0aee81f6.txt"
STAGES = ["mojibake", "spun", "canonical"]


def wer(out: str, ref: str) -> float:
    a, b = re.findall(r"\w+|[^\w\s]", out), re.findall(r"\w+|[^\w\s]", ref)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal") / max(1, len(b))


CASES: list[dict[str, Any]] = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def with_refs() -> Pipeline:
    return Pipeline(stages=STAGES, references=(str(DATA / "originals"),))


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["xfail"])) if c.get("xfail") else c for c in CASES],
    ids=[c["input"] for c in CASES],
)
def test_reference_table(case: dict[str, Any], with_refs: Pipeline) -> None:
    path = DATA / case["input"]
    result = with_refs.run(path.read_bytes(), source=str(path))
    note = result.notes["spun"]
    assert result.replay() == result.text
    if case["expected"] is None:
        plain = Pipeline(stages=STAGES).run(path.read_bytes()).text
        assert result.text == plain, case["why"]
        assert note["source"] is None
    else:
        # the generator's sources carry some mojibake: compare in the pipeline's normal form
        expected = Pipeline(stages=["mojibake", "canonical"]).run((DATA / case["expected"]).read_bytes()).text
        assert note["source"] == str(DATA / case["source"])
        assert wer(result.text, expected) <= 0.05, case["why"]
        assert note["is_spun"] is True
        assert 0.0 < note["coverage"] <= 1.0
        seen_by_stage = Pipeline(stages=["mojibake"]).run(path.read_bytes()).text  # the spans index this text
        for sub in note["substitutions"]:
            assert seen_by_stage[sub["start"] : sub["end"]] == sub["spun"]


def test_seed_000_rebuilt_exactly_from_the_seed_folder() -> None:
    expected = (SEEDS / "expected" / "000_96275fee0aee81f6.original.txt").read_text(encoding="utf-8")
    result = Pipeline(references=(str(SEEDS),)).run(SPUN_SEED.read_bytes(), source=str(SPUN_SEED))
    assert result.text == expected
    note = result.notes["spun"]
    assert note["source"].endswith("002_cdf990397cf0dbf9.txt")  # never itself
    assert note["is_spun"] and note["score"] >= 0.5
    assert any(s["spun"] == "imaginative and prescient" and s["original"] == "vision" for s in note["substitutions"])
    assert result.replay() == result.text


def test_seed_000_alone_is_flagged_but_kept() -> None:
    result = Pipeline(stages=STAGES).run(SPUN_SEED.read_bytes())
    note = result.notes["spun"]
    assert note["is_spun"] and note["spans"]
    assert note["source"] is None
    assert not [e for e in result.edits if e.stage == "spun"]


@pytest.mark.parametrize(
    "stem", ["001_3a8173d3b67216a9", "002_cdf990397cf0dbf9", "003_0e0bef2aa06d10f3", "004_7c1718c6f3a118fd"]
)
def test_other_seeds_not_rewritten_with_the_seed_folder(stem: str) -> None:
    path = SEEDS / f"{stem}.txt"
    result = Pipeline(stages=STAGES, references=(str(SEEDS),)).run(path.read_bytes(), source=str(path))
    assert not [e for e in result.edits if e.stage == "spun"]
    assert result.notes["spun"]["source"] is None


def test_batch_rewrites_only_the_spun_one() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    results = Pipeline(stages=STAGES).run_many([p.read_bytes() for p in paths], sources=[str(p) for p in paths])
    by_name = {Path(r.source or "").name: r for r in results}
    spun = by_name[SPUN_SEED.name]
    assert spun.notes["spun"]["source"] is not None and "002_" in spun.notes["spun"]["source"]
    for name, result in by_name.items():
        if name != SPUN_SEED.name:
            assert not [e for e in result.edits if e.stage == "spun"], name


def test_ready_index_object_as_reference() -> None:
    index = ReferenceIndex()
    for path in sorted((DATA / "originals").glob("*.txt")):
        index.add(path.name, path.read_text(encoding="utf-8"))
    case = next(c for c in CASES if c["expected"])
    result = Pipeline(stages=STAGES, references=(index,)).run((DATA / case["input"]).read_text(encoding="utf-8"))
    assert result.notes["spun"]["source"] == Path(case["source"]).name


def test_original_is_not_rewritten_into_its_spun_copy(tmp_path: Path) -> None:
    case = next(c for c in CASES if c["input"].endswith("plain-45.txt"))
    (tmp_path / "copy.txt").write_bytes((DATA / case["input"]).read_bytes())
    original = (DATA / case["source"]).read_text(encoding="utf-8")
    result = Pipeline(stages=STAGES, references=(str(tmp_path),)).run(original)
    assert not [e for e in result.edits if e.stage == "spun"]


def test_no_references_no_batch_keeps_text() -> None:
    text = "The committee met on Monday. It isn't clear what happens next.\n"
    result = Pipeline(stages=STAGES).run(text)
    assert result.text == text
    assert set(result.notes["spun"]) >= {"score", "is_spun", "source", "coverage", "substitutions", "spans"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cd.\n,'’"), max_size=60), min_size=1, max_size=4))
def test_batch_of_arbitrary_texts_replays_and_keeps_text(texts: list[str]) -> None:
    """Random documents cleaned together (each a reference for the others): the log replays,
    and nothing is rewritten, since no document shows spinner evidence against another."""
    results = Pipeline(stages=STAGES).run_many(texts)
    alone = [Pipeline(stages=["mojibake", "canonical"]).run(t).text for t in texts]
    for result, plain in zip(results, alone, strict=True):
        assert result.replay() == result.text
        assert result.text == plain


def test_unspin_option_runs_and_logs_its_rewrites() -> None:
    result = Pipeline(stages=STAGES, unspin=True).run(SPUN_SEED.read_bytes())
    assert result.replay() == result.text
    rewrites = [e for e in result.edits if e.stage == "spun"]
    assert all(e.rule == "lexicon" for e in rewrites)
    assert len(result.notes["spun"]["substitutions"]) == len(rewrites)


def test_hard_wrapped_reference(tmp_path: Path) -> None:
    """A reference wrapped at 70 columns (paragraphs between blank lines) still lays out in the
    copy's paragraphs: its line breaks are spaces, not paragraph ends."""
    expected = (SEEDS / "expected" / "000_96275fee0aee81f6.original.txt").read_text(encoding="utf-8")
    wrapped = "\n\n".join(textwrap.fill(p, 70, break_on_hyphens=False) for p in expected.split("\n\n")) + "\n"
    (tmp_path / "original.txt").write_text(wrapped, encoding="utf-8")
    result = Pipeline(stages=STAGES, references=(str(tmp_path),)).run(SPUN_SEED.read_bytes())
    assert result.text == expected  # the short lines around the copy go with it (rule outside-copy)
