"""Command line: ``textrepair [options] FILE...`` (also ``python -m textrepair``).

All inputs of one call are cleaned together, so chrome that repeats across them is
learned and each serves as a reference for spun copies among the others. Exit status:
0 on success, 1 if any input failed (the others are still written), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .config import CHROME_PRESETS, STAGE_ORDER
from .decode import DecodeError, decode_bytes
from .pipeline import Pipeline, Result

SUBCOMMANDS = ("learn",)


@dataclass
class Input:
    """One document to clean: where it came from and its raw content."""

    name: str
    path: Path | None
    data: bytes | str | None = None
    record: dict[str, Any] | None = None
    error: str | None = None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the main command."""
    p = argparse.ArgumentParser(
        prog="textrepair",
        description="Repair damaged scraped text: mojibake, page chrome, template garbage, spun text.",
        epilog="Subcommands: 'textrepair learn PAIRS -o lexicon.json' builds a spinner lexicon.",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE", help="files or directories to clean; '-' or none reads stdin")
    p.add_argument("-o", "--output", metavar="DIR", help="write one output per input into DIR (same name)")
    p.add_argument("--jsonl", action="store_true", help="inputs are JSON Lines; clean the text field, keep the others")
    p.add_argument("--field", default="text", help="the JSON Lines field to clean (default: text)")
    p.add_argument("--glob", default="*.txt", help="files to take from directories (default: *.txt)")
    p.add_argument("--stages", help=f"comma-separated stages to run (of {','.join(STAGE_ORDER)})")
    p.add_argument("--skip", help="comma-separated stages to skip")
    p.add_argument("--chrome", choices=CHROME_PRESETS, default="balanced", help="page-chrome removal preset")
    p.add_argument("--reference", action="append", default=[], metavar="PATH", help="reference originals (file or directory; repeatable)")
    p.add_argument("--unspin", action="store_true", help="rewrite known spinner phrases even without a reference")
    p.add_argument("--lexicon", metavar="FILE", help="spinner lexicon JSON (default: the shipped one)")
    p.add_argument("--entities", action="store_true", default=None, help="repair mangled names from a gazetteer")
    p.add_argument("--no-entities", dest="entities", action="store_false", help="never repair names")
    p.add_argument("--ascii", action="store_true", help="transliterate output to ASCII (needs textrepair[ascii])")
    p.add_argument("--explain", action="store_true", help="print the edit log to stderr")
    p.add_argument("--report", metavar="FILE", help="write a JSON report (edits, drops, language, counters, spun)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("-v", "--verbose", action="store_true", help="say what is being done")
    p.add_argument("--version", action="version", version=f"textrepair {__version__}")
    return p


def _names(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(n.strip() for n in value.split(",") if n.strip())


def collect_inputs(args: argparse.Namespace, stdin: TextIO) -> list[Input]:
    """Expand files and directories into inputs; read stdin for '-' or no file."""
    items: list[Input] = []
    paths = args.inputs or ["-"]
    for raw in paths:
        if raw == "-":
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
            items.append(Input("<stdin>", None, data))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob(args.glob)):
                if child.is_file():
                    items.append(Input(str(child), child))
        elif path.exists():
            items.append(Input(str(path), path))
        else:
            items.append(Input(str(path), path, error="no such file"))
    return items


def read_inputs(items: list[Input], args: argparse.Namespace) -> list[Input]:
    """Read file contents; for --jsonl, one Input per record."""
    out: list[Input] = []
    for item in items:
        if item.error is None and item.data is None and item.path is not None:
            try:
                item.data = item.path.read_bytes()
            except OSError as err:
                item.error = err.strerror or str(err)
        if not args.jsonl or item.error is not None:
            out.append(item)
            continue
        out.extend(_jsonl_records(item, args.field))
    return out


def _jsonl_records(item: Input, field: str) -> list[Input]:
    """Split a JSON Lines input into one Input per record (bad lines become failed inputs)."""
    assert item.data is not None
    try:
        text = decode_bytes(item.data, item.name).text if isinstance(item.data, bytes) else item.data
    except DecodeError as err:
        return [Input(item.name, item.path, error=str(err))]
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name = f"{item.name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            records.append(Input(name, item.path, error=f"invalid JSON: {err.msg}"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get(field), str):
            records.append(Input(name, item.path, error=f"no string field {field!r}"))
            continue
        records.append(Input(name, item.path, record[field], record=record))
    return records


def output_path(item: Input, out_dir: Path, jsonl: bool) -> Path:
    """Where an input's output goes in ``-o DIR``."""
    name = item.path.name if item.path is not None else "stdin.txt"
    if jsonl and not name.endswith(".jsonl"):
        name += ".jsonl"
    return out_dir / name


def write_atomic(path: Path, data: str) -> None:
    """Write through a temporary file in the same directory, then rename over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if argv and argv[0] in SUBCOMMANDS:
        from .spun import lexicon

        return lexicon.learn_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        pipeline = Pipeline(
            stages=None,
            **_options(args),
        )
    except (TypeError, ValueError) as err:
        parser.error(str(err))
    items = read_inputs(collect_inputs(args, stdin), args)
    if args.output is None and not args.jsonl and len(items) > 1:
        parser.error("several inputs need -o DIR (or --jsonl to write JSON Lines to stdout)")
    out_dir = Path(args.output) if args.output else None
    input_paths = {item.path.resolve() for item in items if item.path is not None}

    ok = [i for i in items if i.error is None]
    failures = [i for i in items if i.error is not None]
    results: list[Result | None] = []
    if ok:
        try:
            results = list(pipeline.run_many([i.data for i in ok if i.data is not None], sources=[i.name for i in ok]))
        except DecodeError:
            results = _run_one_by_one(pipeline, ok)
    by_item = dict(zip([id(i) for i in ok], results))

    jsonl_buffers: dict[Path | None, list[str]] = {}
    for item in ok:
        result = by_item.get(id(item))
        if result is None:
            failures.append(item)
            continue
        if args.explain and not args.quiet:
            print(f"== {item.name}\n{result.explain()}", file=sys.stderr)
        if args.jsonl:
            record = dict(item.record or {})
            record[args.field] = result.text
            target = output_path(item, out_dir, True) if out_dir else None
            jsonl_buffers.setdefault(target, []).append(json.dumps(record, ensure_ascii=False))
        elif out_dir is not None:
            target = output_path(item, out_dir, False)
            if target.resolve() in input_paths:
                item.error = f"refusing to write over an input file ({target})"
                failures.append(item)
                continue
            write_atomic(target, result.text)
            if args.verbose:
                print(f"{item.name} -> {target}", file=sys.stderr)
        else:
            stdout.write(result.text)
    for target, lines in jsonl_buffers.items():
        payload = "".join(line + "\n" for line in lines)
        if target is None:
            stdout.write(payload)
        elif target.resolve() in input_paths:
            print(f"textrepair: refusing to write over an input file ({target})", file=sys.stderr)
            return 1
        else:
            write_atomic(target, payload)
    if args.report:
        report = {"version": __version__, "documents": [r.to_dict() for r in results if r is not None]}
        report["failures"] = [{"source": i.name, "error": i.error} for i in failures]
        write_atomic(Path(args.report), json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    for item in failures:
        print(f"textrepair: {item.name}: {item.error}", file=sys.stderr)
    return 1 if failures else 0


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Pipeline options from parsed arguments."""
    options: dict[str, Any] = {
        "chrome": args.chrome,
        "references": tuple(args.reference),
        "unspin": args.unspin,
        "lexicon": args.lexicon,
        "entities": args.entities,
        "ascii": args.ascii,
    }
    if args.stages:
        options["stages"] = _names(args.stages)
    if args.skip:
        options["skip"] = _names(args.skip)
    return options


def _run_one_by_one(pipeline: Pipeline, items: list[Input]) -> list[Result | None]:
    """Undecodable inputs fail alone: decode each first, then clean the rest together."""
    texts: list[str] = []
    keep: list[Input] = []
    for item in items:
        try:
            data = item.data if isinstance(item.data, str) else decode_bytes(item.data or b"", item.name).text
        except DecodeError as err:
            item.error = str(err)
            continue
        texts.append(data)
        keep.append(item)
    cleaned = dict(zip([id(i) for i in keep], pipeline.run_many(texts, sources=[i.name for i in keep])))
    return [cleaned.get(id(i)) for i in items]
