"""Command line: ``textrepair [options] FILE|DIR...`` (also ``python -m textrepair``).

Inputs are cleaned together in chunks (:mod:`textrepair.batch`), so chrome that repeats
across them is learned and each serves as a reference for spun copies among the others.
Directories are read recursively; JSON Lines datasets are cleaned record by record;
``--jobs N`` spreads chunks over worker processes with output in input order; ``--resume``
skips outputs already written. Exit status: 0 on success, 1 if any input failed (the
others are still written), 2 on usage errors.

Subcommands: ``textrepair learn ...`` (spinner lexicon) and ``textrepair index add ...``
(persisted reference store).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .batch import (
    DEFAULT_CHUNK_SIZE,
    AtomicFile,
    BatchRun,
    BatchSettings,
    Cleaned,
    Input,
    Progress,
    ReportWriter,
    iter_documents,
    list_inputs,
    write_atomic,
)
from .config import CHROME_PRESETS, STAGE_ORDER, Config, make_config
from .dedup import DEFAULT_THRESHOLD
from .pipeline import Pipeline, Result
from .refstore import open_references

SUBCOMMANDS = ("learn", "index")

__all__ = ["Input", "build_parser", "collect_inputs", "main", "output_path", "read_inputs", "write_atomic"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the main command."""
    p = argparse.ArgumentParser(
        prog="textrepair",
        description="Repair damaged scraped text: mojibake, page chrome, template garbage, spun text.",
        epilog=(
            "Subcommands: 'textrepair learn PAIRS -o lexicon.json' builds a spinner lexicon; "
            "'textrepair index add PATH... --db refs.sqlite' stores reference originals."
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="FILE", help="files or directories to clean; '-' or none reads stdin")
    p.add_argument("-o", "--output", metavar="DIR", help="write one output per input into DIR (same name)")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="JSON Lines out; .jsonl inputs (or inputs whose first line is a JSON object) are read record by record",
    )
    p.add_argument("--field", default="text", help="the JSON Lines field to clean (default: text)")
    p.add_argument("--glob", default="*.txt", help="files to take from directories (default: *.txt)")
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files whose path below an input directory matches (e.g. 'drafts/*'; repeatable)",
    )
    p.add_argument("--stages", help=f"comma-separated stages to run (of {','.join(STAGE_ORDER)})")
    p.add_argument("--skip", help="comma-separated stages to skip")
    p.add_argument("--chrome", choices=CHROME_PRESETS, default="balanced", help="page-chrome removal preset")
    p.add_argument(
        "--reference",
        action="append",
        default=[],
        metavar="PATH",
        help="reference originals (file, directory or .sqlite store; repeatable)",
    )
    p.add_argument("--unspin", action="store_true", help="rewrite known spinner phrases even without a reference")
    p.add_argument("--lexicon", metavar="FILE", help="spinner lexicon JSON (default: the shipped one)")
    p.add_argument("--entities", action="store_true", default=None, help="repair mangled names from a gazetteer")
    p.add_argument("--no-entities", dest="entities", action="store_false", help="never repair names")
    p.add_argument("--ascii", action="store_true", help="transliterate output to ASCII (needs textrepair[ascii])")
    batch = p.add_argument_group("corpus scale")
    batch.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    batch.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"documents cleaned together, the unit of cross-document learning (default: {DEFAULT_CHUNK_SIZE})",
    )
    batch.add_argument("--resume", action="store_true", help="skip inputs whose output exists in -o DIR")
    batch.add_argument("--dedup", action="store_true", help="drop exact and near duplicates (keep the first)")
    batch.add_argument(
        "--dedup-threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="J",
        help=f"shingle Jaccard similarity of near duplicates (default: {DEFAULT_THRESHOLD})",
    )
    batch.add_argument(
        "--split", action="store_true", help="split aggregator listings into one record per article (with --jsonl)"
    )
    batch.add_argument("--no-progress", dest="progress", action="store_false", help="never draw a progress bar")
    p.add_argument("--explain", action="store_true", help="print the edit log to stderr")
    p.add_argument("--report", metavar="FILE", help="write a JSON report (edits, drops, duplicates, summary)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("-v", "--verbose", action="store_true", help="say what is being done")
    p.add_argument("--version", action="version", version=f"textrepair {__version__}")
    return p


def _names(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(n.strip() for n in value.split(",") if n.strip())


def collect_inputs(args: argparse.Namespace, stdin: TextIO) -> list[Input]:
    """Expand files and directories into inputs (read later); '-' or no file is stdin."""
    return list_inputs(args.inputs or ["-"], args.glob, args.exclude)


def read_inputs(items: list[Input], args: argparse.Namespace, stdin: TextIO | None = None) -> list[Input]:
    """Read all inputs at once; for --jsonl, one Input per record (small batches, tests)."""
    return list(iter_documents(items, stdin, args.jsonl, args.field))


def output_path(item: Input, out_dir: Path, jsonl: bool) -> Path:
    """Where an input's output goes in ``-o DIR``: its path below the directory it was
    found in (or its file name), with ``.jsonl`` added in JSON Lines mode."""
    if item.rel is not None:
        rel = item.rel
    else:
        rel = Path(item.path.name if item.path is not None else "stdin.txt")
    if jsonl and not rel.name.endswith(".jsonl"):
        rel = rel.with_name(rel.name + ".jsonl")
    return out_dir / rel


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if argv and argv[0] == "learn":
        from .spun import lexicon

        return lexicon.learn_main(argv[1:])
    if argv and argv[0] == "index":
        from . import refstore

        return refstore.index_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.chunk_size < 1:
        parser.error("--jobs and --chunk-size must be at least 1")
    if args.split and not args.jsonl:
        parser.error("--split needs --jsonl (one record per article, with its source, date and title)")
    if args.resume and not args.output:
        parser.error("--resume needs -o DIR")
    if not 0.0 < args.dedup_threshold <= 1.0:
        parser.error("--dedup-threshold must be in (0, 1]")
    try:
        config = make_config(**_options(args))
        Pipeline(config=config)  # fail early on a bad stage name or option
    except (TypeError, ValueError) as err:
        parser.error(str(err))
    listed = collect_inputs(args, stdin)
    if args.output is None and not args.jsonl and len(listed) > 1:
        parser.error("several inputs need -o DIR (or --jsonl to write JSON Lines to stdout)")
    try:
        return _run(args, config, listed, stdin, stdout)
    except KeyboardInterrupt:
        again = " (run again with --resume to go on)" if args.output else ""
        print(f"textrepair: interrupted{again}", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace, config: Config, listed: list[Input], stdin: TextIO, stdout: TextIO) -> int:
    """Clean the listed inputs as one batch and write outputs, report and summary."""
    out_dir = Path(args.output) if args.output else None
    if out_dir is not None:
        listed = _outside(listed, out_dir, args.inputs)
    input_paths = {item.path.resolve() for item in listed if item.path is not None and item.error is None}
    settings = BatchSettings(
        config=config,
        jobs=args.jobs,
        chunk_size=args.chunk_size,
        split=args.split,
        dedup=args.dedup,
        threshold=args.dedup_threshold,
        jsonl=args.jsonl,
        field=args.field,
    )
    try:
        report = ReportWriter(Path(args.report), __version__) if args.report else None
    except OSError as err:
        print(f"textrepair: {args.report}: {err.strerror or err}", file=sys.stderr)
        return 1
    progress = None
    if args.progress and not args.quiet and sys.stderr.isatty():
        progress = Progress(_total_bytes(listed), sys.stderr)
    sink = _Sink(args, out_dir, stdout)
    run = BatchRun(settings, sink.emit, report=report, progress=progress, on_done=sink.reread)
    items = _with_targets(iter_documents(listed, stdin, args.jsonl, args.field), args, out_dir, input_paths)
    try:
        summary = run.run(items)
        sink.close()
    except BaseException:
        sink.abort()
        if report is not None:
            report.discard()
        raise
    if report is not None:
        report.close(run.failures, run.duplicates, summary)
    for failure in run.failures:
        print(f"textrepair: {failure['source']}: {failure['error']}", file=sys.stderr)
    if not args.quiet and (out_dir is not None or args.verbose or summary.documents + summary.failures > 1):
        print(f"textrepair: {summary.line()}", file=sys.stderr)
    return 1 if run.failures else 0


def _outside(listed: list[Input], out_dir: Path, raw_inputs: Sequence[str]) -> list[Input]:
    """Leave out files found under ``-o DIR`` when DIR is inside an input directory (so a
    second run does not clean the first run's outputs)."""
    out = out_dir.resolve()
    if not any(Path(r).is_dir() and out.is_relative_to(Path(r).resolve()) for r in raw_inputs):
        return listed
    return [i for i in listed if i.rel is None or i.path is None or not i.path.resolve().is_relative_to(out)]


def _total_bytes(items: Iterable[Input]) -> int:
    total = 0
    for item in items:
        if item.path is not None and item.error is None:
            with contextlib.suppress(OSError):
                total += item.path.stat().st_size
    return total


def _with_targets(
    items: Iterable[Input], args: argparse.Namespace, out_dir: Path | None, input_paths: set[Path]
) -> Iterator[Input]:
    """Give each input its output file; refuse to write over an input or to let two inputs
    share an output; mark inputs whose output exists as done (``--resume``)."""
    owners: dict[Path, str] = {}
    for item in items:
        if out_dir is not None and item.error is None:
            target = output_path(item, out_dir, args.jsonl)
            resolved = target.resolve()
            owner = str(item.path) if item.path is not None else item.name
            if resolved in input_paths:
                item.error = f"refusing to write over an input file ({target})"
            elif owners.setdefault(resolved, owner) != owner:
                item.error = f"output {target} is already written by {owners[resolved]}"
            else:
                item.target = target
                item.done = bool(args.resume) and target.exists()
        yield item


class _Sink:
    """Writes each cleaned document where it belongs: a file in ``-o DIR``, a JSON Lines
    output (one per input file, written atomically), or standard output."""

    def __init__(self, args: argparse.Namespace, out_dir: Path | None, stdout: TextIO) -> None:
        self.args = args
        self.out_dir = out_dir
        self.stdout = stdout
        self.current: AtomicFile | None = None
        self.reread_targets: set[Path] = set()

    def emit(self, item: Input, cleaned: Cleaned, result: Result) -> None:
        """Write one result."""
        args = self.args
        if args.explain and not args.quiet:
            print(f"== {result.source or item.name}\n{result.explain()}", file=sys.stderr)
        if args.jsonl:
            line = json.dumps(self.record(item, cleaned, result), ensure_ascii=False) + "\n"
            if item.target is None:
                self.stdout.write(line)
                return
            if self.current is not None and self.current.path != item.target:
                self.current.commit()
                self.current = None
            if self.current is None:
                self.current = AtomicFile(item.target)
            self.current.write(line)
        elif item.target is not None:
            write_atomic(item.target, result.text)
            if args.verbose:
                print(f"{item.name} -> {item.target}", file=sys.stderr)
        else:
            self.stdout.write(result.text)

    def record(self, item: Input, cleaned: Cleaned, result: Result) -> dict[str, Any]:
        """The JSON Lines record of a result: the input record (or an ``id``), the cleaned
        field and, for a split article, its metadata."""
        record: dict[str, Any] = dict(item.record) if item.record is not None else {"id": item.name}
        if cleaned.metadata:
            if item.record is None:
                record["id"] = f"{item.name}#{cleaned.part}"
            record.update(cleaned.metadata)
        record[self.args.field] = result.text
        return record

    def reread(self, item: Input) -> Iterator[tuple[str, str]]:
        """Texts already written for a resumed input, to seed the duplicate index."""
        target = item.target
        if target is None:
            return
        if not self.args.jsonl:
            try:
                yield item.name, target.read_text(encoding="utf-8")
            except OSError:
                return
            return
        if target in self.reread_targets:
            return
        self.reread_targets.add(target)
        try:
            with target.open(encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(record, dict) and isinstance(record.get(self.args.field), str):
                        yield f"{target}:{n}", record[self.args.field]
        except OSError:
            return

    def close(self) -> None:
        """Commit the last JSON Lines output."""
        if self.current is not None:
            self.current.commit()
            self.current = None

    def abort(self) -> None:
        """Discard a half-written JSON Lines output (interrupted run)."""
        if self.current is not None:
            self.current.discard()
            self.current = None


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Pipeline options from parsed arguments."""
    options: dict[str, Any] = {
        "chrome": args.chrome,
        "references": open_references(args.reference),
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

