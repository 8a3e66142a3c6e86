"""Stage ``decode``: bytes to text, and line breaks to ``\\n``.

Byte input is decoded by, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); strict
UTF-8; a charset guess by charset-normalizer (maintained, pure Python, MIT, and far better
than chardet on short web text). Input that is binary (NUL bytes outside UTF-16/32) or that
no charset decodes raises :class:`DecodeError` naming the source and the byte offset.
The text-level part of the stage turns CRLF and lone CR into LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .config import Context
from .document import Document, Edit
from .stage import Stage

NAME = "decode"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """Input bytes that are not text, or not text in any charset we can identify."""

    def __init__(self, message: str, source: str | None = None, offset: int | None = None):
        where = f"{source}: " if source else ""
        at = f" (byte offset {offset})" if offset is not None else ""
        super().__init__(f"{where}{message}{at}")
        self.source = source
        self.offset = offset


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was decoded."""

    text: str
    encoding: str
    bom: bool
    guessed: bool


def decode_bytes(data: bytes, source: str | None = None) -> Decoded:
    """Decode bytes to text; raise :class:`DecodeError` for binary or undecodable input."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, True, False)
            except UnicodeDecodeError as err:
                raise DecodeError(f"invalid {encoding} after byte-order mark", source, len(bom) + err.start) from err
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError("binary input: NUL byte", source, nul)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, False)
    except UnicodeDecodeError as err:
        utf8_error = err
    guess = _guess_charset(data)
    if guess is not None:
        return Decoded(data.decode(guess), guess, False, True)
    raise DecodeError("not valid UTF-8 and no charset fits", source, utf8_error.start)


#: Never guessed: without a byte-order mark they are not told apart from binary data,
#: and short single-byte text "decodes" as UTF-16 (``b"caf\xe9"`` as two CJK characters).
_NOT_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
#: The web's legacy default (WHATWG: what ``latin-1`` and ``ascii`` labels mean), preferred
#: when charset-normalizer has no evidence to choose between charsets.
_PREFERRED = "cp1252"


def _guess_charset(data: bytes) -> str | None:
    """The charset that charset-normalizer finds most plausible, if the bytes look like text.

    When it has no language evidence at all (short text: coherence 0) it ranks many
    charsets equal and its first pick is arbitrary (``b"caf\\xe9"`` came out as cp1006);
    then cp1252 wins if it is among them, as in browsers.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_exclusion=_NOT_GUESSED)
    best = matches.best()
    if best is None:
        return None
    encoding = str(best.encoding)
    if best.coherence == 0:
        tied = {
            str(name) for m in matches if m.chaos <= best.chaos and m.coherence == 0 for name in m.could_be_from_charset
        }
        if _PREFERRED in tied:
            encoding = _PREFERRED
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        return None
    return encoding


_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")


def normalize_newlines(doc: Document, ctx: Context) -> Document:
    """Turn CRLF, lone CR and Unicode line/paragraph separators into ``\\n``."""
    edits = [
        Edit(NAME, "newline", m.start(), m.end(), m.group(), "\n", "line break normalised to LF")
        for m in _LINE_BREAK.finditer(doc.text)
    ]
    return doc.apply(edits)


STAGE = Stage(NAME, normalize_newlines, "bytes to text (BOM, UTF-8, charset guess); line breaks to LF")
