"""Stage ``language``: the document's language, by langdetect on a bounded sample.

langdetect is randomised; we use a detector factory of our own with a fixed seed (not
langdetect's process-global one), so the same text always gets the same answer whatever
else the process did. The sample is the longest blocks up to :data:`SAMPLE_CHARS`
characters, taken in document order: long blocks are article text, short ones chrome.
"""

from __future__ import annotations

import threading
from typing import Any

from .config import Context
from .document import Document
from .stage import Stage

NAME = "language"
SAMPLE_CHARS = 3000
MIN_LETTERS = 20

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
    if sum(ch.isalpha() for ch in probe) < MIN_LETTERS:
        return None, 0.0
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(probe)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return str(best[0].lang), float(best[0].prob)


def detect(doc: Document, ctx: Context) -> Document:
    """Set ``doc.language`` (an explicit ``language`` option wins)."""
    if ctx.config.language:
        return doc.replace(language=ctx.config.language).with_note(NAME, {"language": ctx.config.language, "forced": True})
    lang, prob = detect_language(doc.text)
    return doc.replace(language=lang).with_note(NAME, {"language": lang, "probability": round(prob, 3)})


STAGE = Stage(NAME, detect, "detect the document language (langdetect, seeded, bounded sample)")
