"""Glue for dataset tools: Hugging Face ``datasets.map`` and a datatrove pipeline step.

Neither library is a dependency: :class:`HFCleaner` works on the plain ``dict`` of lists
that ``datasets.map(batched=True)`` passes, and :class:`TextRepairStep` subclasses
datatrove's ``PipelineStep`` when datatrove is installed (and is a plain class with the
same ``run(data, rank, world_size)`` protocol otherwise). Both clean in chunks with
:func:`textrepair.batch.clean_chunk`, like the command line, and carry only a picklable
:class:`~textrepair.config.Config`, so ``num_proc``/multi-task runs work.

Hugging Face ``datasets``, one line::

    ds = ds.map(HFCleaner("text"), batched=True, batch_size=256)

datatrove::

    from textrepair.integrations import TextRepairStep
    pipeline = [JsonlReader("crawl/"), TextRepairStep(chrome="balanced"), JsonlWriter("clean/")]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .batch import DEFAULT_CHUNK_SIZE, Task, clean_chunk
from .config import Config, make_config

__all__ = ["HFCleaner", "TextRepairStep", "clean_texts"]


def clean_texts(
    texts: list[str | bytes], config: Config, names: list[str] | None = None
) -> list[tuple[str | None, Any]]:
    """Clean texts together (one chunk): ``(text, result)`` per input, ``(None, error)`` on failure."""
    names = names or [f"item-{n}" for n in range(len(texts))]
    docs = tuple((n, names[n], t) for n, t in enumerate(texts))
    by_position = {c.position: c for c in clean_chunk(Task(config, False, docs))}
    out: list[tuple[str | None, Any]] = []
    for n in range(len(texts)):
        c = by_position.get(n)
        if c is not None and c.result is not None:
            out.append((c.result.text, c.result))
        else:
            out.append((None, c.error if c is not None else "failed"))
    return out


class HFCleaner:
    """A batched ``datasets.map`` function: cleans ``column`` of each batch.

    The batch is cleaned together (chrome learned across it), so ``batch_size`` plays the
    role of the command line's ``--chunk-size``. Rows that fail keep their text and get
    ``textrepair_error`` set (an empty string for rows that did not fail), so the
    dataset's schema is the same for every batch.
    """

    def __init__(self, column: str = "text", **options: Any) -> None:
        self.column = column
        self.config = make_config(**options)

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        texts = batch[self.column]
        valid = [n for n, t in enumerate(texts) if isinstance(t, (str, bytes))]
        cleaned = clean_texts([texts[n] for n in valid], self.config)
        out_texts = list(texts)
        errors = ["" if isinstance(t, (str, bytes)) else "not a string" for t in texts]
        for n, (text, info) in zip(valid, cleaned, strict=True):
            if text is None:
                errors[n] = str(info)
            else:
                out_texts[n] = text
        return {**batch, self.column: out_texts, "textrepair_error": errors}


try:  # pragma: no cover - depends on the optional datatrove install
    from datatrove.pipeline.base import PipelineStep as _Base  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    _Base = object


class TextRepairStep(_Base):  # type: ignore[misc]
    """A datatrove pipeline step that repairs ``document.text`` in chunks.

    Documents keep their id and metadata; ``metadata["textrepair"]`` gets the number of
    edits and dropped blocks (or the error, in which case the text is left as it was).
    """

    name = "🩹 textrepair"
    type = "✂️ - FORMAT"

    def __init__(self, chunk_size: int = DEFAULT_CHUNK_SIZE, **options: Any) -> None:
        if _Base is not object:
            super().__init__()
        self.chunk_size = chunk_size
        self.config = make_config(**options)

    def run(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Yield the documents of ``data`` with their text repaired."""
        chunk: list[Any] = []
        for doc in data:
            chunk.append(doc)
            if len(chunk) >= self.chunk_size:
                yield from self._clean(chunk)
                chunk = []
        if chunk:
            yield from self._clean(chunk)

    def _clean(self, docs: list[Any]) -> Iterator[Any]:
        names = [str(getattr(d, "id", n)) for n, d in enumerate(docs)]
        cleaned = clean_texts([d.text for d in docs], self.config, names)
        for doc, (text, info) in zip(docs, cleaned, strict=True):
            meta = getattr(doc, "metadata", None)
            if text is None:
                if isinstance(meta, dict):
                    meta["textrepair"] = {"error": str(info)}
            else:
                doc.text = text
                if isinstance(meta, dict):
                    meta["textrepair"] = {"edits": len(info.edits), "drops": len(info.drops)}
            if hasattr(self, "stat_update"):
                self.stat_update("failed" if text is None else "repaired")
            yield doc
