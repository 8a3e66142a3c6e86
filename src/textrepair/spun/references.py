"""Loading reference documents from files and directories.

References are decoded like pipeline input (:func:`textrepair.decode.decode_bytes`) and
then normalised line by line with the same ftfy configuration as the ``mojibake`` stage
(curly quotes straightened, entities unescaped), so that their tokens compare equal to the
input's. Directories are read recursively; hidden files, binary files and files that do
not decode are skipped (and counted), since a reference folder is often a crawl dump.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..decode import DecodeError, decode_bytes
from ..mojibake import config_for, fix_line

#: Files larger than this are not read as references (logs, dumps, archives).
MAX_REFERENCE_BYTES = 20_000_000


@dataclass(frozen=True)
class LoadReport:
    """How many files were read and how many were skipped."""

    loaded: int
    skipped: int


def normalise_text(text: str, config: Config) -> str:
    """Reference text in the pipeline's normal form: LF line breaks, ftfy fixes per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fix_config = config_for(config)
    return "\n".join(fix_line(line, fix_config)[0].replace("\n", " ") for line in text.split("\n"))


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every regular, non-hidden file under the given files and directories, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        elif path.is_file():
            yield path


def load_references(
    paths: Iterable[str | os.PathLike[str]], config: Config
) -> tuple[list[tuple[str, str]], LoadReport]:
    """``(ref_id, text)`` for every readable text file; the id is the file's path."""
    out: list[tuple[str, str]] = []
    skipped = 0
    for path in iter_files(paths):
        try:
            if path.stat().st_size > MAX_REFERENCE_BYTES:
                skipped += 1
                continue
            text = decode_bytes(path.read_bytes(), str(path)).text
        except (OSError, DecodeError):
            skipped += 1
            continue
        out.append((str(path), normalise_text(text, config)))
    return out, LoadReport(len(out), skipped)
