"""textrepair: turn damaged text scraped from web pages into canonical plain text.

>>> import textrepair
>>> textrepair.clean("It\\u2019s   caf\\u00c3\\u00a9 time")
"It's café time\\n"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .config import STAGE_ORDER, Config, Context
from .decode import DecodeError
from .document import Document, Edit, replay
from .pipeline import Pipeline, Result, get_stage
from .stage import Stage

__version__ = "0.1.0"


def repair(text: str | bytes, **options: Any) -> Result:
    """Repair one document and return the text with its full explanation.

    Options are the fields of :class:`Config` (``TypeError`` for any other name).
    """
    return Pipeline(**options).run(text)


def clean(text: str | bytes, **options: Any) -> str:
    """Repair one document and return only the canonical text."""
    return repair(text, **options).text


def repair_many(
    texts: Iterable[str | bytes], sources: Sequence[str | None] | None = None, **options: Any
) -> list[Result]:
    """Repair a batch together: chrome repeated across documents is learned, and each
    document serves as a reference for spun copies among the others."""
    return Pipeline(**options).run_many(texts, sources=sources)


def clean_many(texts: Iterable[str | bytes], **options: Any) -> list[str]:
    """:func:`repair_many`, returning only the texts."""
    return [r.text for r in repair_many(texts, **options)]


def fix_and_explain(text: str | bytes, **options: Any) -> tuple[str, list[Edit]]:
    """Like ``ftfy.fix_and_explain``: the repaired text and the edits that made it."""
    result = repair(text, **options)
    return result.text, list(result.edits)


__all__ = [
    "STAGE_ORDER",
    "Config",
    "Context",
    "DecodeError",
    "Document",
    "Edit",
    "Pipeline",
    "Result",
    "Stage",
    "__version__",
    "clean",
    "clean_many",
    "fix_and_explain",
    "get_stage",
    "repair",
    "repair_many",
    "replay",
]
