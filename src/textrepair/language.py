"""Stage ``language``: the document's language, by langdetect on a bounded sample.

langdetect is randomised; we use a detector factory of our own with a fixed seed (not
langdetect's process-global one), so the same text always gets the same answer whatever
else the process did. The sample is the longest blocks up to :data:`SAMPLE_CHARS`
characters, taken in document order: long blocks are article text, short ones chrome.

Cost: langdetect is pure Python and was the most expensive core stage (2.5x ftfy on
English news with a 3000-character sample and langdetect's 7 trials; its cost is about
linear in the sample and in the trials). A 200-character sample and one trial are as
accurate as 3000 and 7 on our 24 test languages (1 of 315 windows of 40 and 60
characters wrong either way; from 25 characters the same 11 of 173) and on the 400
English chrome-dev pages (all English; 150 characters made one French), at a fifth of
ftfy's cost.
When one script alone decides (Greek, Hebrew, Hangul, Thai, kana, the Indic scripts
langdetect knows), langdetect is not called at all.
"""

from __future__ import annotations

import threading
from typing import Any

import regex

from .config import Context
from .document import Document
from .stage import Stage

NAME = "language"
SAMPLE_CHARS = 200
MIN_LETTERS = 20
#: langdetect's random trials (its default is 7); each is a full run of its sampler.
TRIALS = 1
#: Share of a sample's letters that must be in one script for the script to decide.
SCRIPT_SHARE = 0.9

#: Scripts written by one language among those langdetect knows (kana: Japanese).
_SCRIPT_LANGUAGE: tuple[tuple[str, Any], ...] = tuple(
    (lang, regex.compile(rf"\p{{Script={script}}}"))
    for lang, script in (
        ("el", "Greek"),
        ("he", "Hebrew"),
        ("ko", "Hangul"),
        ("th", "Thai"),
        ("bn", "Bengali"),
        ("gu", "Gujarati"),
        ("pa", "Gurmukhi"),
        ("kn", "Kannada"),
        ("ml", "Malayalam"),
        ("ta", "Tamil"),
        ("te", "Telugu"),
    )
)
_LETTER = regex.compile(r"\p{L}")
_KANA = regex.compile(r"[\p{Script=Hiragana}\p{Script=Katakana}]")
_HAN = regex.compile(r"\p{Script=Han}")

_factory: Any = None
_factory_lock = threading.Lock()


def _detector_factory() -> Any:
    """langdetect's profiles, loaded once (read-only after loading)."""
    global _factory
    with _factory_lock:
        if _factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(0)
            _factory = factory
        return _factory


def sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """The longest lines of ``text`` up to ``limit`` characters, in document order."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    ranked = sorted(range(len(lines)), key=lambda i: (-len(lines[i]), i))
    chosen: list[int] = []
    total = 0
    for i in ranked:
        if total >= limit:
            break
        chosen.append(i)
        total += len(lines[i])
    return "\n".join(lines[i][:limit] for i in sorted(chosen))[: limit * 2]


def detect_language(text: str) -> tuple[str | None, float]:
    """Language code (langdetect's, e.g. ``en``, ``zh-cn``) and its probability."""
    probe = sample(text)
    letters = len(_LETTER.findall(probe))
    if letters < MIN_LETTERS:
        return None, 0.0
    by_script = script_language(probe, letters)
    if by_script is not None:
        return by_script, 1.0
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.n_trial = TRIALS
    detector.append(probe)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return str(best[0].lang), float(best[0].prob)


def script_language(probe: str, letters: int) -> str | None:
    """The language, if nearly all letters are in a script that only it uses (of
    langdetect's languages); Japanese is kana with or without kanji."""
    threshold = SCRIPT_SHARE * letters
    for lang, pattern in _SCRIPT_LANGUAGE:
        if len(pattern.findall(probe)) >= threshold:
            return lang
    kana = len(_KANA.findall(probe))
    if kana >= 0.1 * letters and kana + len(_HAN.findall(probe)) >= threshold:
        return "ja"
    return None


def detect(doc: Document, ctx: Context) -> Document:
    """Set ``doc.language`` (an explicit ``language`` option wins)."""
    if ctx.config.language:
        forced = ctx.config.language
        return doc.replace(language=forced).with_note(NAME, {"language": forced, "forced": True})
    lang, prob = detect_language(doc.text)
    return doc.replace(language=lang).with_note(NAME, {"language": lang, "probability": round(prob, 3)})


STAGE = Stage(NAME, detect, "detect the document language (langdetect, seeded, bounded sample)")
