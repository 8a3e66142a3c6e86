"""The command line through a real subprocess: stdin, files, -o, --jsonl, bad inputs,
exit codes (0 ok, 1 some input failed, 2 usage), never writing over an input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MULTILINGUAL

SENTENCE = (MULTILINGUAL / "en.txt").read_text(encoding="utf-8").strip()
DAMAGED = SENTENCE.replace("winter's", "winterâ€™s") + "\r\n"
EXPECTED = SENTENCE + "\n"


def cli(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m textrepair ARGS`` and capture everything."""
    return subprocess.run(
        [sys.executable, "-m", "textrepair", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A directory with good, empty, binary, NUL-byte and undecodable inputs."""
    contents = {
        "good.txt": DAMAGED.encode("utf-8"),
        "other.txt": ("Zweiter Text: " + SENTENCE).encode("cp1252"),
        "empty.txt": b"",
        "image.txt": bytes.fromhex("89504e470d0a1a0a0000000d49484452"),
        "nul.txt": b"some text\x00more text",
        "garbage.txt": bytes(range(128, 256)) * 3,
    }
    paths = {}
    for name, data in contents.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths[name] = path
    return paths


@pytest.mark.parametrize("args", [(), ("-",)], ids=["no file", "dash"])
def test_stdin_to_stdout(args: tuple[str, ...]) -> None:
    proc = cli(*args, stdin=DAMAGED.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == EXPECTED


def test_file_to_stdout(files: dict[str, Path]) -> None:
    proc = cli(files["good.txt"])
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == EXPECTED


def test_output_directory(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = cli("-o", out, files["good.txt"], files["other.txt"], files["empty.txt"])
    assert proc.returncode == 0, proc.stderr
    assert (out / "good.txt").read_text(encoding="utf-8") == EXPECTED
    assert (out / "other.txt").read_text(encoding="utf-8") == "Zweiter Text: " + EXPECTED
    assert (out / "empty.txt").read_bytes() == b""


def test_bad_inputs_fail_alone(files: dict[str, Path], tmp_path: Path) -> None:
    """Binary, NUL-byte and undecodable inputs fail with exit 1 and a message naming the
    file and the byte offset; the good inputs of the same call are still written."""
    out = tmp_path / "out"
    bad = [files["image.txt"], files["nul.txt"], files["garbage.txt"]]
    proc = cli("-o", out, files["good.txt"], *bad)
    assert proc.returncode == 1
    assert (out / "good.txt").read_text(encoding="utf-8") == EXPECTED
    stderr = proc.stderr.decode("utf-8")
    for path in bad:
        assert not (out / path.name).exists()
        assert path.name in stderr
    assert "byte offset 8" in stderr  # the PNG's first NUL
    assert "byte offset 9" in stderr  # nul.txt
    assert "byte offset 0" in stderr  # the first byte that is not UTF-8


def test_single_bad_file(files: dict[str, Path]) -> None:
    proc = cli(files["nul.txt"])
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert "nul.txt" in proc.stderr.decode("utf-8")


def test_empty_file(files: dict[str, Path]) -> None:
    proc = cli(files["empty.txt"])
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_missing_file(tmp_path: Path) -> None:
    proc = cli(tmp_path / "missing.txt")
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr.decode("utf-8")


def test_usage_errors_exit_2(files: dict[str, Path]) -> None:
    assert cli("--no-such-option").returncode == 2
    assert cli("--stages", "mojibake,nope", files["good.txt"]).returncode == 2
    several = cli(files["good.txt"], files["other.txt"])  # several inputs and no -o
    assert several.returncode == 2 and several.stdout == b""


def test_never_writes_over_an_input(files: dict[str, Path]) -> None:
    before = files["good.txt"].read_bytes()
    proc = cli("-o", files["good.txt"].parent, files["good.txt"])
    assert proc.returncode == 1
    assert files["good.txt"].read_bytes() == before
    assert "refusing" in proc.stderr.decode("utf-8")


def test_jsonl(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": 1, "text": DAMAGED, "lang": "en"}),
        "not json",
        json.dumps({"id": 2, "body": "no text field"}),
        json.dumps({"id": 3, "text": SENTENCE}, ensure_ascii=False),
    ]
    proc = cli("--jsonl", stdin=("\n".join(records) + "\n").encode("utf-8"))
    assert proc.returncode == 1  # two bad records; the good ones are still written
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert out == [{"id": 1, "text": EXPECTED, "lang": "en"}, {"id": 3, "text": EXPECTED}]
    stderr = proc.stderr.decode("utf-8")
    assert "<stdin>:2" in stderr and "<stdin>:3" in stderr


def test_jsonl_field(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"body": DAMAGED}) + "\n", encoding="utf-8")
    proc = cli("--jsonl", "--field", "body", path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"body": EXPECTED}


def test_report(files: dict[str, Path], tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    proc = cli("--report", report, files["good.txt"])
    assert proc.returncode == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["language"] == "en"
    assert doc["counters"]["mojibake.encoding"] == 1


def test_version() -> None:
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith(b"textrepair ")
