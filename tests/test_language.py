"""The language stage: seeded langdetect on a bounded sample, script shortcut, determinism."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import textrepair
from conftest import MULTILINGUAL, SEEDS
from textrepair import language
from textrepair.language import SAMPLE_CHARS, detect_language, sample, script_language

SAMPLES = sorted(MULTILINGUAL.glob("*.txt"))
ONLY = textrepair.Pipeline(stages=["language"])


def _code(path: Path) -> str:
    return {"zh": "zh-cn"}.get(path.stem, path.stem)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_detects_each_sample(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert detect_language(text)[0] == _code(path)
    assert detect_language(text[:60])[0] == _code(path)  # a line's worth is enough


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seeds_are_english(path: Path) -> None:
    assert ONLY.run(path.read_text(encoding="utf-8")).language == "en"


def test_deterministic_whatever_ran_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """langdetect is randomised; our detector is seeded and owns its random state."""
    import langdetect

    text = "Dit is een korte zin. Esta es una frase corta."  # ambiguous on purpose
    first = detect_language(text)
    random.seed(12345)
    monkeypatch.setattr(langdetect.DetectorFactory, "seed", 99)
    for other in SAMPLES[:5]:
        detect_language(other.read_text(encoding="utf-8"))
    assert detect_language(text) == first


@pytest.mark.parametrize("text", ["", "ok", "12345 67890 !!!", "😀" * 200, "• • •\n—\n|"])
def test_too_little_text_gives_none(text: str) -> None:
    result = ONLY.run(text)
    assert result.language is None
    assert result.notes["language"]["language"] is None


def test_forced_language_wins() -> None:
    result = textrepair.repair("Ceci est un texte en français.", stages=["language"], language="de")
    assert result.language == "de"
    assert result.notes["language"] == {"language": "de", "forced": True}


def test_note_has_probability() -> None:
    note = ONLY.run((MULTILINGUAL / "en.txt").read_text(encoding="utf-8")).notes["language"]
    assert note["language"] == "en" and 0.5 < note["probability"] <= 1.0


def test_sample_is_bounded_and_prefers_long_lines() -> None:
    short = "\n".join(["Home", "Menu", "Login"] * 100)
    article = "This long line is the article text, and it is what the language should be taken from."
    probe = sample(short + "\n" + article * 40 + "\n" + short)
    assert probe.startswith(article)
    assert len(probe) <= 2 * SAMPLE_CHARS


def test_sample_keeps_document_order() -> None:
    lines = ["b" * 50, "a" * 80, "c" * 60]
    assert sample("\n".join(lines), limit=1000).split("\n") == lines


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.", "el"),
        ("서울은 대한민국의 수도이며 가장 큰 도시이다. 인구는 약 천만 명이다.", "ko"),
        ("東京は日本の首都であり、最大の都市です。人口は約千四百万人です。", "ja"),
        ("กรุงเทพมหานครเป็นเมืองหลวงและเมืองที่มีประชากรมากที่สุดของประเทศไทย", "th"),
    ],
)
def test_script_decides_without_langdetect(text: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_langdetect() -> None:
        raise AssertionError("langdetect should not be needed")

    monkeypatch.setattr(language, "_detector_factory", no_langdetect)
    assert detect_language(text) == (code, 1.0)


def test_script_shortcut_needs_nearly_all_letters() -> None:
    mixed = "Athens (Αθήνα) is the capital of Greece and its largest city by far."
    letters = sum(ch.isalpha() for ch in mixed)
    assert script_language(mixed, letters) is None
    assert detect_language(mixed)[0] == "en"


def test_chinese_without_kana_goes_to_langdetect() -> None:
    text = (MULTILINGUAL / "zh.txt").read_text(encoding="utf-8")
    assert script_language(text, len(text)) is None
    assert detect_language(text)[0] == "zh-cn"
