"""The public API and the pipeline: options, custom stages, batches, replayable results."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

import textrepair
from conftest import CORE_STAGES, SEEDS
from textrepair import Config, Context, Document, Pipeline, Stage
from textrepair.config import STAGE_ORDER, make_config
from textrepair.pipeline import diff_edits, get_stage, stage_from_callable


def test_clean_doctest_example() -> None:
    assert textrepair.clean("It\u2019s   caf\u00c3\u00a9 time") == "It's café time\n"


def test_unknown_option_is_a_type_error_naming_the_valid_ones() -> None:
    with pytest.raises(TypeError) as info:
        textrepair.clean("x", chrom="off")
    message = str(info.value)
    assert "chrom" in message
    for name in Config._fields:
        assert name in message


def test_bad_option_values() -> None:
    with pytest.raises(ValueError, match="chrome must be one of"):
        Pipeline(chrome="extreme")
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(stages=["mojibake", "nope"])
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(skip=["nope"])
    with pytest.raises(TypeError, match="not a stage"):
        Pipeline(stages=[42])  # type: ignore[list-item]


def test_make_config_normalises_sequences() -> None:
    config = make_config(stages=["mojibake"], skip=None, references="refs/")
    assert config.stages == ("mojibake",) and config.skip == () and config.references == ("refs/",)


def test_default_stages_are_in_order() -> None:
    assert Pipeline().stage_names == list(STAGE_ORDER)
    assert Pipeline(skip=["language"]).stage_names == [n for n in STAGE_ORDER if n != "language"]
    assert Pipeline(stages=["canonical", "mojibake"]).stage_names == ["canonical", "mojibake"]
    assert Pipeline(config=Config(stages=("canonical", "mojibake"))).stage_names == ["mojibake", "canonical"]


def test_every_builtin_stage_loads() -> None:
    for name in STAGE_ORDER:
        stage = get_stage(name)
        assert stage.name == name and callable(stage.run) and stage.summary


def test_custom_callable_stage() -> None:
    def shout(text: str) -> str:
        return text.replace("hello", "HELLO")

    pipeline = Pipeline(stages=["mojibake", shout, "canonical"])
    result = pipeline.run("hello cafÃ©\nbye")
    assert result.text == "HELLO café\n\nbye\n"
    assert "shout" in {e.stage for e in result.edits}
    assert result.replay() == result.text


def test_custom_stage_must_return_str() -> None:
    with pytest.raises(TypeError, match="returned int"):
        Pipeline(stages=[lambda text: 3]).run("x")  # type: ignore[list-item,return-value]


def test_stage_from_callable_names() -> None:
    assert stage_from_callable(str.upper).name == "upper"
    assert stage_from_callable(str.upper, name="up").name == "up"


def test_custom_stage_object_with_prepare_sees_the_whole_batch() -> None:
    """``prepare`` runs once per call over every document before any is processed; its
    state lives in the call's context only."""
    seen: list[int] = []

    def prepare(docs: Sequence[Document], ctx: Context) -> None:
        seen.append(len(docs))
        ctx.batch["count"] = {d.text.strip() for d in docs}

    def run(doc: Document, ctx: Context) -> Document:
        size = len(ctx.batch["count"])
        return doc.with_note("count", size)

    stage = Stage("count", run, "counts the batch", prepare=prepare)
    results = Pipeline(stages=["canonical", stage]).run_many(["a", "b", "a"])
    assert seen == [3]
    assert [r.notes["count"] for r in results] == [2, 2, 2]
    assert Pipeline(stages=[stage]).run("z").notes["count"] == 1  # nothing left from the earlier call


def test_clean_many_matches_texts_and_order() -> None:
    texts = ["cafÃ©", "  a  b ", b"bytes \xe2\x80\x94 ok"]
    out = textrepair.clean_many(texts, stages=list(CORE_STAGES))
    assert out == ["café\n", "a b\n", "bytes — ok\n"]


def test_repair_many_keeps_sources() -> None:
    results = textrepair.repair_many(["a", "b"], sources=["one.txt", "two.txt"], stages=list(CORE_STAGES))
    assert [r.source for r in results] == ["one.txt", "two.txt"]


def test_fix_and_explain() -> None:
    text, edits = textrepair.fix_and_explain("cafÃ©")
    assert text == "café\n"
    assert any(e.stage == "mojibake" and e.rule == "encoding" for e in edits)


def test_result_report_is_json_and_explains() -> None:
    result = textrepair.repair("Ã©tÃ©  \u201cquoted\u201d\n\n\nnext", stages=list(CORE_STAGES))
    report = json.loads(json.dumps(result.to_dict()))
    assert report["language"] == result.language  # the language stage's note does not hide it
    assert report["language_note"] == result.notes["language"]
    assert report["counters"]["mojibake.encoding"] == 1
    assert all(e["rule"] not in ("layout", "newline") for e in report["edits"])
    explanation = result.explain()
    assert explanation.startswith("language:")
    assert "mojibake: [encoding]" in explanation


def test_result_drops_and_counters() -> None:
    drop = Stage(
        "dropper",
        lambda doc, ctx: doc.drop_blocks("dropper", [(doc.blocks()[0], "first", "test", {})]),
        "drops the first block",
    )
    result = Pipeline(stages=[drop, "canonical"]).run("menu\narticle text")
    assert result.text == "article text\n"
    assert [e.before for e in result.drops] == ["menu\n"]
    assert result.counters["dropper.first"] == 1
    assert result.to_dict()["drops"][0]["text"] == "menu"


def test_pipeline_is_callable() -> None:
    assert Pipeline(stages=["canonical"])("a  b") == "a b\n"


def test_input_type_is_checked() -> None:
    with pytest.raises(TypeError, match="expected str or bytes"):
        textrepair.clean(3)  # type: ignore[arg-type]


def test_results_do_not_depend_on_earlier_calls() -> None:
    text = (SEEDS / "003_0e0bef2aa06d10f3.txt").read_text(encoding="utf-8")
    first = textrepair.repair(text)
    textrepair.clean_many([p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])
    again = textrepair.repair(text)
    assert again.text == first.text and again.language == first.language


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_replay_reproduces_the_output_on_seeds(path: object) -> None:
    """The explanation is replayable: the recorded edits turn the input into the output."""
    assert hasattr(path, "read_bytes")
    data = path.read_bytes()  # type: ignore[attr-defined]
    result = textrepair.repair(data)
    assert result.replay() == result.text


def test_replay_with_every_kind_of_core_edit() -> None:
    text = "\ufeff  Title\u00a0\u00a0here\r\n\r\n\r\n  •item  cafÃ©\rline\u2028x\x07\n"
    result = textrepair.repair(text, stages=list(CORE_STAGES))
    assert result.text == "Title here\n\n• item café\n\nline\n\nx\n"
    assert result.replay() == result.text
    assert result.input == text


def test_diff_edits_line_granularity() -> None:
    edits = diff_edits("a\nb\nc\n", "a\nB\nc\n", "custom")
    assert [(e.before, e.after) for e in edits] == [("b\n", "B\n")]
    assert diff_edits("same", "same", "custom") == []
