"""Run the pipeline over a ``dask.bag`` or ``dask.dataframe``, partition by partition.

Optional: needs ``pip install 'textrepair[dask]'``. Each partition is cleaned in chunks of
``chunk_size`` documents by the same function the command line gives its worker processes
(:func:`textrepair.batch.clean_chunk`), so a partition whose boundaries fall on chunk
boundaries comes out byte for byte as ``textrepair --chunk-size N`` writes it. Only the
:class:`~textrepair.config.Config` travels to the workers (a small picklable NamedTuple);
each worker builds its pipeline once. References named in the options are opened by each
worker, read-only (a ``.sqlite`` reference store is opened with SQLite's ``mode=ro``).

Duplicate detection needs the whole corpus in order and is not done here: run
``textrepair --dedup`` on the output, or deduplicate with your own tools.

>>> import dask.bag as db                                             # doctest: +SKIP
>>> from textrepair.dask import clean_bag                             # doctest: +SKIP
>>> bag = db.read_text("crawl/*.jsonl").map(json.loads)               # doctest: +SKIP
>>> clean_bag(bag, field="text", chrome="balanced").map(json.dumps).to_textfiles("clean/*.jsonl")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .batch import DEFAULT_CHUNK_SIZE, Cleaned, Task, clean_chunk
from .config import Config, make_config

__all__ = ["clean_bag", "clean_dataframe", "clean_partition", "clean_records"]


def _chunks(items: list[Any], size: int) -> Iterator[tuple[int, list[Any]]]:
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


def clean_records(
    items: Iterable[str | bytes | dict[str, Any]],
    config: Config,
    field: str = "text",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> list[str | dict[str, Any] | None]:
    """Clean a sequence of texts (``str``/``bytes``) or records (dicts with ``field``).

    Texts become cleaned ``str`` (``None`` if the document failed); records are copied
    with ``field`` cleaned, or with ``textrepair_error`` set if it failed (a record without
    a string ``field`` passes through with that error too).
    """
    items = list(items)
    out: list[str | dict[str, Any] | None] = []
    for _, chunk in _chunks(items, chunk_size):
        docs: list[tuple[int, str, bytes | str]] = []
        for n, item in enumerate(chunk):
            value = item.get(field) if isinstance(item, dict) else item
            if isinstance(value, (str, bytes)):
                docs.append((n, _name(item, n), value))
        cleaned: dict[int, Cleaned] = {c.position: c for c in clean_chunk(Task(config, False, tuple(docs)))}
        for n, item in enumerate(chunk):
            c = cleaned.get(n)
            text = c.result.text if c is not None and c.result is not None else None
            if not isinstance(item, dict):
                out.append(text)
                continue
            record = dict(item)
            if text is not None:
                record[field] = text
            else:
                record["textrepair_error"] = (c.error if c is not None else None) or f"no string field {field!r}"
            out.append(record)
    return out


def _name(item: Any, n: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "url", "source", "path"):
            if isinstance(item.get(key), (str, int)):
                return str(item[key])
    return f"item-{n}"


def clean_partition(
    partition: Iterable[str | bytes | dict[str, Any]],
    config: Config,
    field: str = "text",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> list[str | dict[str, Any] | None]:
    """One bag partition cleaned (what :func:`clean_bag` maps over the partitions)."""
    return clean_records(partition, config, field, chunk_size)


def clean_bag(bag: Any, field: str = "text", chunk_size: int = DEFAULT_CHUNK_SIZE, **options: Any) -> Any:
    """A ``dask.bag.Bag`` of texts or records, cleaned lazily partition by partition.

    ``options`` are :class:`~textrepair.config.Config` fields (``TypeError`` for others).
    """
    config = make_config(**options)
    return bag.map_partitions(clean_partition, config, field, chunk_size)


def _clean_frame(frame: Any, column: str, config: Config, chunk_size: int) -> Any:
    """One pandas partition with ``column`` cleaned (failed rows become missing values)."""
    out = frame.copy()
    texts = [v if isinstance(v, (str, bytes)) else "" for v in frame[column].tolist()]
    out[column] = clean_records(texts, config, chunk_size=chunk_size)
    return out


def clean_dataframe(df: Any, column: str = "text", chunk_size: int = DEFAULT_CHUNK_SIZE, **options: Any) -> Any:
    """A ``dask.dataframe.DataFrame`` with its text ``column`` cleaned, partition by partition."""
    config = make_config(**options)
    return df.map_partitions(_clean_frame, column, config, chunk_size, meta=df._meta)
