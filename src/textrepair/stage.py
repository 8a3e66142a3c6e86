"""What a stage is: a named function from document to document, with an optional
``prepare`` hook that learns from all documents of a call before any is processed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .config import Context
from .document import Document

StageFunction = Callable[[Document, Context], Document]
PrepareFunction = Callable[[Sequence[Document], Context], None]


@dataclass(frozen=True)
class Stage:
    """A named pipeline unit.

    ``run`` must be pure apart from reading ``ctx``: it returns a new document whose edit
    log says what changed and why. ``prepare`` (optional) sees every document of the call
    first and stores what it learns in ``ctx.batch[name]`` (cross-document statistics,
    a reference index), never in a global.
    """

    name: str
    run: StageFunction
    summary: str
    prepare: PrepareFunction | None = None

    def __call__(self, doc: Document, ctx: Context) -> Document:
        return self.run(doc, ctx)
