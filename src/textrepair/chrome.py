"""Stage ``chrome``: placeholder that passes text through until the stage lands (work in progress)."""

from __future__ import annotations

from .config import Context
from .document import Document
from .stage import Stage

NAME = "chrome"


def run(doc: Document, ctx: Context) -> Document:
    """Pass the document through unchanged."""
    return doc


STAGE = Stage(NAME, run, "chrome (not yet implemented)")
