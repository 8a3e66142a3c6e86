"""Cleaning at corpus scale: inputs streamed in chunks, worker processes, resume, summary.

Inputs (files, directories, JSON Lines records) are read lazily and cut into chunks of
:data:`DEFAULT_CHUNK_SIZE` documents. Each chunk is one :meth:`Pipeline.run_many` call, so
cross-document learning (chrome templates, the batch as references for spun copies) happens
within a chunk, and memory stays bounded by the chunk size times the number of chunks in
flight. Chunks are cut the same way whatever the number of workers and results are
consumed in input order, so ``--jobs N`` writes exactly what ``--jobs 1`` writes.

Duplicates are found in the main process, in input order, from small sketches computed by
the workers (:mod:`textrepair.dedup`). A document that fails is reported and skipped; the
rest of its chunk is still cleaned together.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, TextIO, Union

from .config import Config
from .decode import DecodeError, decode_bytes
from .dedup import DEFAULT_THRESHOLD, DocumentSketch, Duplicate, DuplicateIndex, drop_passages, sketch_document
from .document import Document
from .pipeline import Pipeline, Result, to_document
from .split import split_listing

#: Documents per ``run_many`` call: the unit of cross-document learning and of work
#: handed to a worker process.
DEFAULT_CHUNK_SIZE = 256
#: File name suffixes always read as JSON Lines in ``--jsonl`` mode.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass
class Input:
    """One document to clean: where it came from and its raw content.

    ``rel`` is the path relative to the directory it was found in (outputs mirror it);
    ``record`` is the JSON Lines record it came from; ``target`` its output file (``None``
    for standard output); ``done`` says that the output exists already (``--resume``).
    """

    name: str
    path: Path | None
    data: bytes | str | None = None
    record: dict[str, Any] | None = None
    error: str | None = None
    rel: Path | None = None
    target: Path | None = None
    done: bool = False
    size: int = 0


def error_message(err: BaseException, source: str | None = None) -> str:
    """An exception as a message that does not repeat the source name (the caller prints it)."""
    message = str(err)
    src = getattr(err, "source", None) or source
    if src and message.startswith(f"{src}: "):
        message = message[len(src) + 2 :]
    return message or type(err).__name__


# ---------------------------------------------------------------- inputs


def list_inputs(paths: Sequence[str], glob: str, exclude: Sequence[str] = ()) -> list[Input]:
    """Expand files and directories (recursively, ``glob``) into inputs, without reading them.
    ``-`` stands for standard input; files below a directory whose relative path matches an
    ``exclude`` pattern (``fnmatch``, e.g. ``expected/*``) are left out."""
    items: list[Input] = []
    for raw in paths:
        if raw == "-":
            items.append(Input("<stdin>", None))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob(glob)):
                rel = child.relative_to(path)
                if child.is_file() and not any(fnmatch.fnmatch(rel.as_posix(), pat) for pat in exclude):
                    items.append(Input(str(child), child, rel=rel))
        elif path.exists():
            items.append(Input(str(path), path))
        else:
            items.append(Input(str(path), path, error="no such file"))
    return items


def read_input(item: Input, stdin: TextIO | None) -> None:
    """Load an input's bytes (from its file, or standard input)."""
    if item.error is not None or item.data is not None:
        return
    if item.path is None:
        if stdin is None:
            item.error = "no standard input"
            return
        item.data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    else:
        try:
            item.data = item.path.read_bytes()
        except OSError as err:
            item.error = err.strerror or str(err)
            return
    item.size = len(item.data)


_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _head(item: Input, stdin: TextIO | None) -> bytes | None:
    """The first bytes of an input without consuming it (``None`` if that is not possible)."""
    if item.data is not None:
        data = item.data
        return data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8")
    if item.path is not None:
        try:
            with item.path.open("rb") as f:
                return f.read(4096)
        except OSError:
            return None
    buffer = getattr(stdin, "buffer", None)
    peek = getattr(buffer, "peek", None)
    return bytes(peek(4096))[:4096] if peek is not None else None


def looks_like_jsonl(item: Input, head: bytes | None = None) -> bool:
    """Whether an input is JSON Lines: by its suffix, or by a first line that is a JSON object."""
    if item.path is not None and item.path.name.lower().endswith(JSONL_SUFFIXES):
        return True
    if head is None:
        data = item.data or b""
        head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _record(item: Input, n: int, line: str, field_name: str, size: int) -> Input:
    name = f"{item.name}:{n}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Input(name, item.path, error=f"invalid JSON: {err.msg}", rel=item.rel, size=size)
    if not isinstance(record, dict) or not isinstance(record.get(field_name), str):
        return Input(name, item.path, error=f"no string field {field_name!r}", rel=item.rel, size=size)
    return Input(name, item.path, record[field_name], record=record, rel=item.rel, size=size)


def jsonl_records(item: Input, field_name: str) -> Iterator[Input]:
    """One input per record of a JSON Lines input held in memory (bad lines become failed inputs)."""
    assert item.data is not None
    try:
        text = decode_bytes(item.data, item.name).text if isinstance(item.data, bytes) else item.data
    except DecodeError as err:
        yield Input(item.name, item.path, error=error_message(err, item.name), rel=item.rel)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield _record(item, n, line, field_name, len(line))


def stream_jsonl(item: Input, stream: IO[bytes], field_name: str) -> Iterator[Input]:
    """One input per line of a binary JSON Lines stream, read line by line (so a dataset of
    any size is never held in memory). Lines are UTF-8 (as JSON Lines requires); a line
    that is not is decoded like any input (charset guess) or fails alone."""
    for n, raw in enumerate(stream, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = decode_bytes(raw, item.name).text
            except DecodeError as err:
                yield Input(f"{item.name}:{n}", item.path, error=error_message(err), rel=item.rel, size=len(raw))
                continue
        yield _record(item, n, line, field_name, len(raw))


def iter_documents(
    items: Iterable[Input], stdin: TextIO | None, jsonl: bool, field_name: str
) -> Iterator[Input]:
    """Read inputs one at a time; in JSON Lines mode, yield one input per record, streamed
    from files and standard input."""
    for item in items:
        if not jsonl or item.error is not None:
            read_input(item, stdin)
            yield item
            continue
        head = _head(item, stdin)
        if head is None or item.data is not None or head.startswith(_UTF16_32_BOMS):
            read_input(item, stdin)  # in memory: stdin without a byte buffer, UTF-16/32 files
            if item.error is None and looks_like_jsonl(item, head):
                yield from jsonl_records(item, field_name)
                item.data = None
            else:
                yield item
            continue
        if not looks_like_jsonl(item, head):
            read_input(item, stdin)
            yield item
            continue
        if item.path is None:
            buffer = getattr(stdin, "buffer", None)
            assert buffer is not None
            yield from stream_jsonl(item, buffer, field_name)
            continue
        try:
            with item.path.open("rb") as f:
                yield from stream_jsonl(item, f, field_name)
        except OSError as err:
            yield Input(item.name, item.path, error=err.strerror or str(err), rel=item.rel)


def chunked(items: Iterable[Input], size: int) -> Iterator[list[Input]]:
    """Consecutive chunks of ``size`` inputs (the last may be shorter)."""
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------- workers


@dataclass(frozen=True)
class Task:
    """A chunk of work for a worker: picklable, self-contained."""

    config: Config
    split: bool
    docs: tuple[tuple[int, str, bytes | str], ...]  # (position in chunk, name, data)


@dataclass
class Cleaned:
    """One output document of a chunk: an input, or one article of a split listing."""

    position: int
    part: int
    result: Result | None
    error: str | None = None
    sketch: DocumentSketch | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _cached_pipeline(config: Config) -> Pipeline:
    return Pipeline(config=config)


def _pipeline(config: Config) -> Pipeline:
    """One pipeline per configuration and process (pipelines hold no per-call state);
    a configuration holding unhashable objects (an in-memory index) is not cached."""
    try:
        hash(config)
    except TypeError:
        return Pipeline(config=config)
    return _cached_pipeline(config)


def clean_chunk(task: Task) -> list[Cleaned]:
    """Clean one chunk together (this runs in a worker process).

    Inputs that cannot be decoded fail alone. If the pipeline raises on the chunk, each
    document is tried alone to find the ones that fail, and the others are cleaned
    together again.
    """
    pipeline = _pipeline(task.config)
    out: list[Cleaned] = []
    docs: list[Document] = []
    owners: list[tuple[int, int, dict[str, Any]]] = []
    for position, name, data in task.docs:
        try:
            doc = to_document(data, name)
        except DecodeError as err:
            out.append(Cleaned(position, 0, None, error_message(err, name)))
            continue
        if task.split:
            preamble, articles = split_listing(doc.text)
            if articles:
                for k, article in enumerate(articles, 1):
                    meta = {"page": name, "article": k, **article.metadata()}
                    if preamble:
                        meta["listing"] = preamble
                    docs.append(doc.replace(text=article.text, source=f"{name}#{k}", metadata=meta))
                    owners.append((position, k, meta))
                continue
        docs.append(doc)
        owners.append((position, 0, {}))
    results = _run_isolating_failures(pipeline, docs)
    for (position, part, meta), outcome in zip(owners, results, strict=True):
        if isinstance(outcome, Result):
            out.append(Cleaned(position, part, outcome, None, sketch_document(outcome.text), meta))
        else:
            out.append(Cleaned(position, part, None, outcome, None, meta))
    out.sort(key=lambda c: (c.position, c.part))
    return out


def _run_isolating_failures(pipeline: Pipeline, docs: list[Document]) -> list[Result | str]:
    """``run_many`` over the documents; on an exception, find the failing ones alone."""
    if not docs:
        return []
    try:
        return list(pipeline.run_many(docs))
    except Exception:  # any stage error must fail its document, not the run
        pass
    alone: list[Result | str] = []
    for doc in docs:
        try:
            alone.append(pipeline.run_many([doc])[0])
        except Exception as err:
            alone.append(f"{type(err).__name__}: {error_message(err, doc.source)}")
    good = [d for d, r in zip(docs, alone, strict=True) if isinstance(r, Result)]
    try:
        together = iter(pipeline.run_many(good))
    except Exception:  # the failure needs several documents: keep the single runs
        return alone
    return [next(together) if isinstance(r, Result) else r for r in alone]


# ---------------------------------------------------------------- progress and summary


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total_bytes
        self.bytes = 0
        self.docs = 0
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, docs: int, nbytes: int) -> None:
        """Count documents and input bytes done; redraw at most ten times a second."""
        self.docs += docs
        self.bytes += nbytes
        now = time.monotonic()
        if self.enabled and now - self._last >= 0.1:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.docs / max(now - self.start, 1e-6)
        if self.total > 0:
            frac = min(self.bytes / self.total, 1.0)
            bar = "#" * int(frac * 30)
            line = f"\r[{bar:<30}] {frac:6.1%} {self.docs} docs {rate:.1f} docs/s"
        else:
            line = f"\r{self.docs} docs {rate:.1f} docs/s"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class Summary:
    """What a run did, printed at the end and written to the report."""

    documents: int = 0
    written: int = 0
    resumed: int = 0
    blocks_dropped: int = 0
    edits: int = 0
    spun: int = 0
    duplicates: int = 0
    duplicates_dropped: int = 0
    failures: int = 0
    seconds: float = 0.0

    def add(self, result: Result) -> None:
        """Count one cleaned document."""
        self.documents += 1
        for edit in result.edits:
            if edit.kind == "drop":
                self.blocks_dropped += 1
            elif edit.rule not in ("layout", "newline"):
                self.edits += 1
        note = result.notes.get("spun")
        if isinstance(note, dict) and note.get("is_spun"):
            self.spun += 1

    def line(self) -> str:
        """The one-line summary printed on stderr."""
        text = (
            f"{self.documents} documents, {self.blocks_dropped} blocks dropped, {self.edits} edits, "
            f"{self.spun} spun, {self.duplicates} duplicates"
        )
        if self.duplicates_dropped:
            text += f" ({self.duplicates_dropped} dropped)"
        if self.resumed:
            text += f", {self.resumed} already done"
        return text + f", {self.failures} failures in {self.seconds:.1f}s"

    def to_dict(self) -> dict[str, Any]:
        """JSON view for the report."""
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


# ---------------------------------------------------------------- outputs


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


class AtomicFile:
    """A text file written through a temporary file and renamed into place on
    :meth:`commit` (so an interrupted run never leaves a half-written output)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.file: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, data: str) -> None:
        """Append text."""
        self.file.write(data)

    def commit(self) -> None:
        """Close and rename into place."""
        self.file.close()
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        """Close and remove the temporary file."""
        self.file.close()
        Path(self._tmp).unlink(missing_ok=True)


class ReportWriter:
    """The ``--report`` JSON, streamed document by document so that it never needs the
    whole batch in memory: ``{"version", "documents": [...], "failures", "duplicates",
    "summary"}``."""

    def __init__(self, path: Path, version: str) -> None:
        self.out = AtomicFile(path)
        self.out.write('{\n "version": ' + json.dumps(version) + ',\n "documents": [')
        self.first = True

    def document(self, entry: dict[str, Any]) -> None:
        """Add one document's entry."""
        self.out.write(("\n" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False, indent=1))
        self.first = False

    def close(self, failures: list[dict[str, Any]], duplicates: list[dict[str, Any]], summary: Summary) -> None:
        """Write the closing sections and rename the report into place."""
        self.out.write("\n ],\n")
        tail = {"failures": failures, "duplicates": duplicates, "summary": summary.to_dict()}
        body = json.dumps(tail, ensure_ascii=False, indent=1)
        self.out.write(body[2:] + "\n")  # continue the object opened above
        self.out.commit()

    def discard(self) -> None:
        """Drop the partial report (run aborted)."""
        self.out.discard()


@dataclass
class BatchSettings:
    """How a batch runs: the pipeline configuration and the corpus-scale options."""

    config: Config = field(default_factory=Config)
    jobs: int = 1
    chunk_size: int = DEFAULT_CHUNK_SIZE
    split: bool = False
    dedup: bool = False
    threshold: float = DEFAULT_THRESHOLD
    jsonl: bool = False
    field: str = "text"


Emit = Callable[[Input, Cleaned, Result], None]
_Work = Union[Future[list[Cleaned]], list[Cleaned], Exception, None]


@dataclass
class BatchRun:
    """One batch: feed it inputs, it cleans them in chunks and hands each result, in
    input order, to ``emit`` (after duplicate checks); failures and duplicates are kept
    for the summary and the report."""

    settings: BatchSettings
    emit: Emit
    report: ReportWriter | None = None
    progress: Progress | None = None
    on_done: Callable[[Input], Iterable[tuple[str, str]]] | None = None
    summary: Summary = field(default_factory=Summary)
    failures: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = DuplicateIndex(self.settings.threshold)

    def run(self, items: Iterable[Input]) -> Summary:
        """Clean every input; returns the summary."""
        start = time.monotonic()
        jobs = max(1, self.settings.jobs)
        pending: deque[tuple[list[Input], _Work]] = deque()
        executor = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
        try:
            for chunk in chunked(items, self.settings.chunk_size):
                work = [i for i in chunk if i.error is None]
                if all(i.done for i in work):
                    for i in chunk:
                        i.data = None
                    pending.append((chunk, None))
                else:
                    docs = tuple((n, i.name, i.data) for n, i in enumerate(chunk) if i.data is not None and not i.error)
                    task = Task(self.settings.config, self.settings.split, docs)
                    for i in chunk:
                        i.data = None  # the task holds the data now
                    if executor is None:
                        try:
                            pending.append((chunk, clean_chunk(task)))
                        except Exception as err:  # e.g. MemoryError: the chunk fails, the run goes on
                            pending.append((chunk, err))
                    else:
                        try:
                            pending.append((chunk, executor.submit(clean_chunk, task)))
                        except BrokenProcessPool:  # a worker died earlier: start a new pool
                            executor.shutdown(wait=False, cancel_futures=True)
                            executor = ProcessPoolExecutor(max_workers=jobs)
                            pending.append((chunk, executor.submit(clean_chunk, task)))
                while len(pending) > 2 * jobs or (pending and not isinstance(pending[0][1], Future)):
                    self._consume(*pending.popleft())
            while pending:
                self._consume(*pending.popleft())
        finally:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
            if self.progress is not None:
                self.progress.close()
        self.summary.failures = len(self.failures)
        self.summary.seconds = time.monotonic() - start
        return self.summary

    def _consume(self, chunk: list[Input], work: _Work) -> None:
        try:
            if isinstance(work, Exception):
                raise work
            cleaned = work.result() if isinstance(work, Future) else work
        except Exception as err:  # a worker died: its chunk fails, the run goes on
            message = f"worker failed: {type(err).__name__}: {err}"
            for item in chunk:
                if item.error is None and not item.done:
                    item.error = message
            cleaned = []
        by_position: dict[int, list[Cleaned]] = {}
        for c in cleaned or ():
            by_position.setdefault(c.position, []).append(c)
        nbytes = 0
        for n, item in enumerate(chunk):
            nbytes += item.size
            if item.error is not None:
                self._fail(item.name, item.error)
                continue
            if item.done:
                self.summary.resumed += 1
                if self.on_done is not None:
                    for name, text in self.on_done(item):
                        self.index.add(name, sketch_document(text))
                continue
            for c in by_position.get(n, ()):
                self._finish(item, c)
        if self.progress is not None:
            self.progress.update(len(chunk), nbytes)

    def _fail(self, name: str, error: str) -> None:
        self.failures.append({"source": name, "error": error})

    def _finish(self, item: Input, c: Cleaned) -> None:
        name = item.name if c.part == 0 else f"{item.name}#{c.part}"
        if c.result is None:
            self._fail(name, c.error or "failed")
            return
        result = c.result
        dups: list[Duplicate] = self.index.add(name, c.sketch) if c.sketch is not None else []
        self.summary.duplicates += len(dups)
        self.duplicates.extend(d.to_dict() for d in dups)
        whole = [d for d in dups if d.level == "document"]
        if self.settings.dedup and dups:
            self.summary.duplicates_dropped += len(dups)
            if not whole:
                result = drop_passages(result, dups)
        self.summary.add(result)
        if self.report is not None:
            entry = result.to_dict()
            if c.metadata:
                entry["metadata"] = c.metadata
            if dups:
                entry["duplicates"] = [d.to_dict() for d in dups]
            if whole and self.settings.dedup:
                entry["dropped"] = "duplicate"
            self.report.document(entry)
        if whole and self.settings.dedup:
            return
        self.summary.written += 1
        self.emit(item, c, result)
