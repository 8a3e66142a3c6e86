"""Mojibake repair rate: ``textrepair.clean`` (full default pipeline) against ``ftfy.fix_text``.

Paragraphs in 24 languages (``tests/data/multilingual/``) are damaged the ways broken
pipelines damage text (UTF-8 read as cp1252, latin-1, cp1251 or Mac Roman, encoded twice,
NBSP lost after ``Â``, HTML entities, only some sentences damaged, curly quotes plus damage,
undefined cp1252 bytes lost). Each output counts as repaired when it equals the original
after both are put in the same comparison form (:func:`comparable`). Undamaged text is
also run through both, to count false positives.

    python benchmarks/mojibake.py            # table of repair rates per damage kind
    python benchmarks/mojibake.py --failures # also list the cases each tool missed
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import ftfy

import textrepair

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "tests" / "data" / "multilingual"
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?。！？।])\s*")


def load_samples(directory: Path = SAMPLES) -> dict[str, str]:
    """Language code -> paragraph, from ``LANG.txt`` files."""
    return {p.stem: p.read_text(encoding="utf-8").strip() for p in sorted(directory.glob("*.txt"))}


def comparable(text: str) -> str:
    """The form both sides are compared in: NFC, straight quotes (both tools uncurl by
    default), whitespace collapsed, no surrounding blank lines."""
    text = unicodedata.normalize("NFC", text)
    text = ftfy.fixes.uncurl_quotes(text)
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n") if line.strip())


def _mis(text: str, encoding: str) -> str:
    """UTF-8 bytes read as ``encoding`` (ftfy's sloppy codecs keep undefined bytes, as
    browsers and Windows do)."""
    return text.encode("utf-8").decode(encoding)


def _entities(text: str) -> str:
    """Every non-ASCII character, '&' and '<' written as an HTML entity (named when one exists)."""
    out = []
    for ch in text:
        if ord(ch) < 128 and ch not in "&<>":
            out.append(ch)
            continue
        name = html.entities.codepoint2name.get(ord(ch))
        out.append(f"&{name};" if name else f"&#{ord(ch)};")
    return "".join(out)


def _nbsp(text: str) -> str:
    """A text with non-breaking spaces (between words, as typography does), read as
    cp1252 where the NBSP byte then became a plain space (``Â `` instead of ``Â\\xa0``)."""
    words = text.split(" ")
    spaced = "".join(w + ("\u00a0" if i % 4 == 1 else " ") for i, w in enumerate(words)).rstrip()
    return _mis(spaced, "sloppy-windows-1252").replace("\u00a0", " ")


def _partial(text: str) -> str:
    """Every other sentence damaged, each sentence on its own line (a page assembled from
    fragments that went through different pipelines)."""
    sentences = [s for s in _SENTENCE.split(text) if s]
    return "\n".join(_mis(s, "sloppy-windows-1252") if i % 2 else s for i, s in enumerate(sentences))


def _partial_text(text: str) -> str:
    """The original of :func:`_partial`: the same sentences, one per line."""
    return "\n".join(s for s in _SENTENCE.split(text) if s)


def _curly(text: str) -> str:
    """Curly quotes and apostrophes added to the text (the original for the ``curly`` kind)."""
    words = text.split(" ")
    if len(words) > 6:
        words[2] = "\u201c" + words[2]
        words[5] = words[5] + "\u201d"
    return " ".join(words).replace("'", "\u2019")


def _lossy(text: str) -> str:
    """cp1252 with the undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) lost to U+FFFD."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


#: damage kind -> (damage function, original-maker). The original-maker turns the
#: sample into the text the repair should give back (most kinds: the sample itself).
DAMAGE: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "utf8-as-cp1252": (lambda t: _mis(t, "sloppy-windows-1252"), str),
    "utf8-as-latin-1": (lambda t: _mis(t, "latin-1"), str),
    "utf8-as-cp1251": (lambda t: _mis(t, "sloppy-windows-1251"), str),
    "utf8-as-mac-roman": (lambda t: _mis(t, "mac_roman"), str),
    "double-encoded": (lambda t: _mis(_mis(t, "sloppy-windows-1252"), "sloppy-windows-1252"), str),
    "nbsp-as-A-circumflex": (_nbsp, str),
    "html-entities": (_entities, str),
    "partial-lines": (_partial, _partial_text),
    "curly-quotes+cp1252": (lambda t: _mis(_curly(t), "sloppy-windows-1252"), _curly),
    "cp1252-lossy": (_lossy, str),
    "undamaged": (str, str),
    "undamaged-curly": (_curly, _curly),
}


def run(samples: dict[str, str], failures: bool = False) -> dict[str, tuple[int, int, int]]:
    """Repair counts per damage kind: ``(textrepair, ftfy, cases)``."""
    table: dict[str, tuple[int, int, int]] = {}
    for kind, (damage, original) in DAMAGE.items():
        ours = theirs = 0
        for lang, text in samples.items():
            want = comparable(original(text))
            damaged = damage(text)
            got_ours = comparable(textrepair.clean(damaged))
            got_theirs = comparable(ftfy.fix_text(damaged))
            ours += got_ours == want
            theirs += got_theirs == want
            if failures and got_ours != want:
                print(f"textrepair missed {kind}/{lang}: {got_ours[:80]!r}", file=sys.stderr)
            if failures and got_theirs != want:
                print(f"ftfy missed {kind}/{lang}: {got_theirs[:80]!r}", file=sys.stderr)
        table[kind] = (ours, theirs, len(samples))
    return table


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 1 if textrepair repairs fewer than ftfy on any damage kind."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--failures", action="store_true", help="list the cases each tool missed (stderr)")
    args = parser.parse_args(argv)
    samples = load_samples()
    table = run(samples, args.failures)
    print(f"{len(samples)} languages: {', '.join(samples)}")
    print("| damage | textrepair | ftfy.fix_text | cases |\n|---|---|---|---|")
    worse = []
    for kind, (ours, theirs, n) in table.items():
        print(f"| {kind} | {ours} | {theirs} | {n} |")
        if ours < theirs:
            worse.append(kind)
    if worse:
        print(f"textrepair repairs fewer than ftfy on: {', '.join(worse)}")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
