"""The command line at corpus scale: batches, JSON Lines, jobs, resume, progress, summary,
duplicates and aggregator splitting."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import textrepair
from textrepair import batch
from textrepair.batch import Progress, Summary, _run_isolating_failures
from textrepair.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LISTING = SEEDS / "002_cdf990397cf0dbf9.txt"


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed pages (without the expected outputs)."""
    d = tmp_path_factory.mktemp("seeds")
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    return d


@pytest.fixture(scope="module")
def seed_run(seed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], str]:
    """``textrepair SEEDS -o OUT --report R``: the outputs, the report and stderr."""
    tmp = tmp_path_factory.mktemp("seed-run")
    out, report_path = tmp / "out", tmp / "report.json"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code, _ = run([str(seed_dir), "-o", str(out), "--report", str(report_path)])
    assert code == 0
    return out, json.loads(report_path.read_text(encoding="utf-8")), err.getvalue()


@pytest.fixture(scope="module")
def split_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """``textrepair --split --jsonl --dedup --report R LISTING``: the records and the report."""
    report_path = tmp_path_factory.mktemp("split") / "report.json"
    with contextlib.redirect_stderr(io.StringIO()):
        code, out = run(["--split", "--jsonl", "--dedup", "--report", str(report_path), str(LISTING)])
    assert code == 0
    return [json.loads(line) for line in out.splitlines()], json.loads(report_path.read_text(encoding="utf-8"))


def test_seed_folder_in_one_run(seed_dir: Path, seed_run: tuple[Path, dict[str, Any], str]) -> None:
    out, report, err = seed_run
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seed_dir.iterdir())
    assert len(report["documents"]) == 5 and report["failures"] == []
    assert report["summary"]["documents"] == 5
    assert report["summary"]["duplicates"] == 1
    (dup,) = report["duplicates"]
    assert dup["level"] == "passage" and dup["source"] == dup["original"] == str(seed_dir / LISTING.name)
    assert dup["similarity"] >= 0.8
    listing = next(d for d in report["documents"] if d["source"].endswith(LISTING.name))
    assert listing["duplicates"] == [dup]
    assert "textrepair: 5 documents" in err and "1 duplicates" in err and "0 failures" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_split_listing_into_article_records(split_run: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
    records, report = split_run
    metadata = [d["metadata"] for d in report["documents"]]
    assert len(metadata) == 5
    assert [m["source"] for m in metadata] == ["Al Jazeera", "DW", "Russia Today", None, "Winnipeg Free Press"]
    assert [m["article"] for m in metadata] == [1, 2, 3, 4, 5]
    assert all(m["date"] and m["title"] and m["section"] == "Politics" for m in metadata)
    for r in records:
        assert r["text"].startswith(r["title"])
        assert "Politics" not in r["text"].split("\n")[0]
        assert r["id"] == f"{LISTING}#{r['article']}" and r["page"] == str(LISTING)


def test_dedup_keeps_the_first_article(split_run: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
    records, report = split_run
    assert [r["article"] for r in records] == [1, 2, 3, 4]
    (dup,) = report["duplicates"]
    assert dup["level"] == "document" and dup["source"].endswith("#5") and dup["original"].endswith("#4")
    assert report["documents"][4]["dropped"] == "duplicate"
    assert report["summary"]["duplicates_dropped"] == 1 and report["summary"]["written"] == 4


def test_dedup_without_split_drops_the_repeated_passage(
    tmp_path: Path, seed_run: tuple[Path, dict[str, Any], str]
) -> None:
    code, _ = run(["--dedup", str(LISTING), "-o", str(tmp_path), "-q"])
    assert code == 0
    plain = (seed_run[0] / LISTING.name).read_text(encoding="utf-8")
    deduped = (tmp_path / LISTING.name).read_text(encoding="utf-8")
    assert len(deduped) < len(plain)
    assert deduped.count("Seven people linked to a Kremlin-funded media outlet") == 1
    assert plain.count("Seven people linked to a Kremlin-funded media outlet") == 2


def test_split_needs_jsonl_and_resume_needs_output() -> None:
    with pytest.raises(SystemExit) as err:
        main(["--split", str(LISTING)])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["--resume", str(LISTING)])
    assert err.value.code == 2


def test_jobs_two_is_byte_identical_to_jobs_one(seed_dir: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        argv = [str(seed_dir), "-o", str(out), "--chunk-size", "2", "--jobs", jobs, "--report", f"{out}.json"]
        code, _ = run(argv)
        assert code == 0
        report = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
        report["summary"].pop("seconds")
        outputs.append(({p.name: p.read_bytes() for p in sorted(out.iterdir())}, report))
    assert outputs[0] == outputs[1]


def test_failing_document_is_reported_once_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Hello  world.\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _ = run([str(src), "-o", str(tmp_path / "out")])
    assert code == 1
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "Hello world.\n"
    assert not (tmp_path / "out" / "bad.txt").exists()
    err = capsys.readouterr().err
    bad = str(src / "bad.txt")
    assert f"textrepair: {bad}: binary input" in err
    assert err.count(bad) == 1  # the name is not repeated in the message


def test_stage_error_fails_only_its_document() -> None:
    def explode(text: str) -> str:
        if "BOOM" in text:
            raise RuntimeError("stage broke")
        return text.upper()

    pipeline = textrepair.Pipeline(stages=[explode])
    docs = [textrepair.Document("a"), textrepair.Document("BOOM"), textrepair.Document("c")]
    results = _run_isolating_failures(pipeline, docs)
    texts = [r.text if isinstance(r, textrepair.Result) else r for r in results]
    assert texts == ["A", "RuntimeError: stage broke", "C"]


def test_directories_are_mirrored_in_the_output(tmp_path: Path) -> None:
    for sub in ("a", "b/c"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "x.txt").write_text(f"Text from {sub}.\n", encoding="utf-8")
    (tmp_path / "in" / "skip.md").write_text("not taken", encoding="utf-8")
    (tmp_path / "in" / "b" / "c" / "y.txt").write_text("Excluded.\n", encoding="utf-8")
    code, _ = run([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--exclude", "b/*/y.txt"])
    assert code == 0
    assert not (tmp_path / "out" / "b" / "c" / "y.txt").exists()
    assert (tmp_path / "out" / "a" / "x.txt").read_text(encoding="utf-8") == "Text from a.\n"
    assert (tmp_path / "out" / "b" / "c" / "x.txt").read_text(encoding="utf-8") == "Text from b/c.\n"
    assert not (tmp_path / "out" / "skip.md").exists()


def test_jsonl_dataset_keeps_other_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.jsonl"
    rows: list[Any] = [{"id": 1, "body": "caf\u00c3\u00a9  au lait", "lang": "fr"}, "not an object", {"id": 3}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n{bad json\n", encoding="utf-8")
    code, _ = run(["--jsonl", "--field", "body", str(data), "-o", str(tmp_path / "out")])
    assert code == 1
    (line,) = (tmp_path / "out" / "data.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"id": 1, "body": "café au lait\n", "lang": "fr"}
    err = capsys.readouterr().err
    assert f"{data}:2: no string field 'body'" in err and f"{data}:4: invalid JSON" in err


def test_jsonl_from_stdin_and_text_files_as_records(tmp_path: Path) -> None:
    code, out = run(["--jsonl"], stdin='{"text": "a  b"}\n{"text": "c"}\n')
    assert code == 0
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["a b\n", "c\n"]
    page = tmp_path / "page.txt"
    page.write_text("Just  text.\n", encoding="utf-8")
    code, out = run(["--jsonl", str(page)])
    assert json.loads(out) == {"id": str(page), "text": "Just text.\n"}


def _inputs(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        (src / f"doc{i:02d}.txt").write_text(f"Document number {i}.\n\nShared footer line\n", encoding="utf-8")
    return src


def test_resume_skips_written_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _inputs(tmp_path, 6)
    out = tmp_path / "out"
    assert run([str(src), "-o", str(out), "--chunk-size", "2"])[0] == 0
    full = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "doc03.txt").unlink()
    (out / "doc00.txt").write_text("kept as is\n", encoding="utf-8")
    capsys.readouterr()
    assert run([str(src), "-o", str(out), "--chunk-size", "2", "--resume"])[0] == 0
    assert (out / "doc03.txt").read_bytes() == full["doc03.txt"]
    assert (out / "doc00.txt").read_text(encoding="utf-8") == "kept as is\n"
    assert "1 documents" in capsys.readouterr().err


def test_interrupted_jsonl_run_leaves_no_partial_output_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.jsonl").write_text("".join(json.dumps({"text": f"{name} {i}"}) + "\n" for i in range(3)))
    out = tmp_path / "out"
    real = batch.clean_chunk
    calls = {"n": 0}

    def flaky(task: batch.Task) -> list[batch.Cleaned]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(task)

    monkeypatch.setattr(batch, "clean_chunk", flaky)
    argv = [str(src), "--glob", "*.jsonl", "--jsonl", "-o", str(out), "--chunk-size", "2", "--chrome", "off"]
    assert run(argv)[0] == 130  # interrupted: outputs so far are complete files
    # a.jsonl was complete when the run stopped; b.jsonl was not: no trace of it, no temp file
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl"]
    first = (out / "a.jsonl").stat().st_mtime_ns
    monkeypatch.setattr(batch, "clean_chunk", real)
    assert run([*argv, "--resume"])[0] == 0
    assert (out / "a.jsonl").stat().st_mtime_ns == first
    assert [json.loads(x)["text"] for x in (out / "a.jsonl").read_text().splitlines()] == ["a 0\n", "a 1\n", "a 2\n"]
    assert len((out / "b.jsonl").read_text().splitlines()) == 3


def test_progress_bar_draws_only_when_enabled() -> None:
    stream = io.StringIO()
    quiet = Progress(100, stream)  # StringIO is not a terminal
    quiet.update(1, 50)
    quiet.close()
    assert stream.getvalue() == ""
    bar = Progress(100, stream, enabled=True)
    bar.update(2, 50)
    bar.close()
    assert "50.0%" in stream.getvalue() and "2 docs" in stream.getvalue() and stream.getvalue().endswith("\n")


def test_summary_counts() -> None:
    result = textrepair.repair("23.9 C\nNew York\n\nA sentence that is the article.\n")
    summary = Summary()
    summary.add(result)
    assert summary.documents == 1
    assert summary.blocks_dropped == len(result.drops)
    assert summary.to_dict()["failures"] == 0
    assert "1 documents" in summary.line()


def test_reference_store_is_incremental_and_serves_like_a_directory(
    seed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "refs.sqlite"
    first = [str(p) for p in sorted(seed_dir.glob("*.txt"))[1:3]]
    assert main(["index", "add", *first, "--db", str(db)]) == 0
    assert "2 added, 0 unchanged" in capsys.readouterr().err
    assert main(["index", "add", str(seed_dir), "--db", str(db)]) == 0
    assert "3 added, 2 unchanged" in capsys.readouterr().err
    spun = str(seed_dir / "000_96275fee0aee81f6.txt")
    from_store = run([spun, "--reference", str(db)])
    from_dir = run([spun, "--reference", str(seed_dir)])
    assert from_store == from_dir


def test_reference_store_lookups_pickling_and_read_only(tmp_path: Path) -> None:
    from textrepair.refstore import RefStore, open_references

    db = tmp_path / "r.db"
    store = RefStore(db, writable=True)
    text = (SEEDS / "002_cdf990397cf0dbf9.txt").read_text(encoding="utf-8")
    assert store.add_many([("a", text), ("b", "A short unrelated note about gardening and tomatoes.")]) == (2, 0)
    store.close()
    (ro,) = open_references([str(db)])
    assert isinstance(ro, RefStore) and len(ro) == 2 and "a" in ro
    assert ro.text("a") == text
    assert [c.ref_id for c in ro.query(text, k=1)] == ["a"]
    assert ro.query(text, k=1, exclude=["a"]) == []
    clone = pickle.loads(pickle.dumps(ro))
    assert clone == ro and hash(clone) == hash(ro) and clone.text("a") == text
    with pytest.raises(sqlite3.OperationalError):
        ro.add("c", "text")
        ro.conn.commit()
    writer = RefStore(db, writable=True)
    other = (SEEDS / "003_0e0bef2aa06d10f3.txt").read_text(encoding="utf-8")
    assert writer.add_many([("a", other), ("b", "A short unrelated note about gardening and tomatoes.")]) == (1, 1)
    writer.close()
    assert len(clone) == 2 and clone.text("a") == other  # a changed document is replaced
    assert [c.ref_id for c in clone.query(other, k=1)] == ["a"] and clone.query(text, k=1) == []


def test_output_directory_inside_the_input_is_not_cleaned_again(tmp_path: Path) -> None:
    src = _inputs(tmp_path, 2)
    for _ in range(2):
        assert run([str(src), "-o", str(src / "clean"), "-q"])[0] == 0
    assert sorted(p.relative_to(src).as_posix() for p in src.rglob("*.txt")) == [
        "clean/doc00.txt",
        "clean/doc01.txt",
        "doc00.txt",
        "doc01.txt",
    ]


def test_inputs_are_consumed_lazily_chunk_by_chunk() -> None:
    pulled = {"n": 0}
    seen_at_emit: list[int] = []

    def inputs() -> Any:
        for i in range(20):
            pulled["n"] += 1
            yield batch.Input(f"doc{i}", None, f"Sentence number {i} of the lazy test.")

    settings = batch.BatchSettings(config=textrepair.Config(chrome="off"), chunk_size=4)
    run_ = batch.BatchRun(settings, lambda item, cleaned, result: seen_at_emit.append(pulled["n"]))
    summary = run_.run(inputs())
    assert summary.documents == 20
    assert seen_at_emit[0] == 4  # the first chunk is written before the second is read
    assert max(n - k for k, n in enumerate(seen_at_emit)) <= 4


_REAL_CLEAN_CHUNK = batch.clean_chunk


def _crash_on_boom(task: batch.Task) -> list[batch.Cleaned]:
    """A worker that dies (as on a segfault or the OOM killer) on one document."""
    if any("BOOM" in str(data) for _, _, data in task.docs):
        os._exit(1)
    return _REAL_CLEAN_CHUNK(task)


def test_a_dying_worker_fails_its_chunk_not_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "clean_chunk", _crash_on_boom)
    texts = ["First fine document.", "BOOM goes this one.", "Third fine document.", "Fourth fine document."]
    emitted: list[str] = []
    settings = batch.BatchSettings(config=textrepair.Config(chrome="off"), jobs=2, chunk_size=1)
    run_ = batch.BatchRun(settings, lambda item, cleaned, result: emitted.append(item.name))
    summary = run_.run(batch.Input(f"doc{i}", None, t) for i, t in enumerate(texts))
    failed = [f["source"] for f in run_.failures]
    assert "doc1" in failed and all("worker failed" in f["error"] for f in run_.failures)
    assert sorted(emitted + failed) == ["doc0", "doc1", "doc2", "doc3"]
    assert summary.failures == len(failed)
