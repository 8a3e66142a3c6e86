"""The decode stage: BOMs, UTF-8, charset guessing, clear errors, line breaks."""

from __future__ import annotations

from typing import Any

import pytest

import textrepair
from textrepair.decode import DecodeError, decode_bytes


def test_case(decode_case: dict[str, Any]) -> None:
    data = bytes.fromhex(decode_case["input_hex"])
    if decode_case["expect"] == "error":
        with pytest.raises(DecodeError) as info:
            decode_bytes(data, "page.txt")
        assert info.value.offset == decode_case["offset"]
        assert info.value.source == "page.txt"
        assert "page.txt" in str(info.value) and f"byte offset {decode_case['offset']}" in str(info.value)
        return
    decoded = decode_bytes(data)
    assert decoded.text == decode_case["output"]
    if "encoding" in decode_case:
        assert decoded.encoding == decode_case["encoding"]


def test_bom_and_guess_are_reported() -> None:
    assert decode_bytes(b"\xef\xbb\xbfx").bom
    assert not decode_bytes(b"x").guessed
    assert decode_bytes("naïve".encode("cp1252")).guessed


def test_error_without_source_still_gives_offset() -> None:
    with pytest.raises(DecodeError, match=r"byte offset 2"):
        decode_bytes(b"ab\x00")


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


@pytest.mark.parametrize(
    ("text_in", "text_out"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("a\x0bb\x0cc", "a\nb\nc"),
        ("no breaks", "no breaks"),
    ],
)
def test_line_breaks(text_in: str, text_out: str) -> None:
    result = textrepair.Pipeline(stages=["decode"]).run(text_in)
    assert result.text == text_out
    assert result.replay() == text_out
    assert all(e.rule == "newline" for e in result.edits)


def test_bytes_through_the_pipeline() -> None:
    result = textrepair.repair(b"\xff\xfe" + "caf\u00e9\r\n".encode("utf-16-le"))
    assert result.text == "café\n"
    assert result.notes["decode"] == {"encoding": "utf-16-le", "bom": True, "guessed": False}


def test_undecodable_bytes_raise_through_the_api() -> None:
    with pytest.raises(DecodeError):
        textrepair.clean(b"\x00\x01\x02")


def test_bytes_and_str_give_the_same_output() -> None:
    text = "Le marché — « très » cher\r\nOù ?\r\n"
    assert textrepair.clean(text.encode("utf-8")) == textrepair.clean(text)
    assert textrepair.clean(text.encode("cp1252")) == textrepair.clean(text)
