"""Shared test plumbing: ftfy-style JSON case files and paths to the project's data.

A test that takes an argument called ``<name>_case`` (or ``<name>_input``, for the
inputs alone with no expectation) is run once per entry of
``tests/data/<name>_cases.json``. Each entry has a ``label``, an ``input``, an
``expect`` of ``pass`` (``input`` must become ``output``), ``negative`` (``input`` must
come through unchanged) or ``fail`` (a known failure: ``input`` should become ``output``
but does not yet; a strict xfail, so it turns into a failure the day it is fixed) or
``error`` (``input`` must be rejected; ``offset`` says where). Byte inputs are given as
``input_hex``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
MULTILINGUAL = DATA / "multilingual"

#: The stages written by the core (the others are tested in their own modules).
CORE_STAGES = ("decode", "mojibake", "language", "canonical")


def load_cases(name: str) -> list[Any]:
    """``tests/data/<name>_cases.json`` as pytest params (known failures as strict xfail)."""
    cases = json.loads((DATA / f"{name}_cases.json").read_text(encoding="utf-8"))
    params = []
    for case in cases:
        if case["expect"] not in ("pass", "negative", "fail", "error"):
            raise ValueError(f"{name}_cases.json: bad expect {case['expect']!r} in {case['label']!r}")
        if case["expect"] == "negative" and "input" in case:
            case = {**case, "output": case["input"]}
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case["expect"] == "fail" else []
        params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``<name>_case`` arguments from ``tests/data/<name>_cases.json``, and
    ``<name>_input`` arguments with the inputs alone (every case, no xfail)."""
    for argname in metafunc.fixturenames:
        name, _, kind = argname.rpartition("_")
        if kind not in ("case", "input") or not (DATA / f"{name}_cases.json").exists():
            continue
        if kind == "case":
            metafunc.parametrize(argname, load_cases(name))
        else:
            inputs = [p.values[0].get("input", p.values[0].get("input_hex")) for p in load_cases(name)]
            metafunc.parametrize(argname, inputs, ids=[p.id or "" for p in load_cases(name)])
