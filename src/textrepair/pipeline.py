"""The pipeline: an ordered list of stages run over one document or a batch.

Batches run stage by stage ("stage-major"): every stage first sees all documents of the
call through its ``prepare`` hook (cross-document chrome statistics, the batch as a
reference corpus), then processes each one. State learned that way lives in the call's
:class:`~textrepair.config.Context` and is discarded with it.
"""

from __future__ import annotations

import difflib
import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from .config import STAGE_ORDER, Config, Context, make_config
from .decode import DecodeError, decode_bytes
from .document import Document, Edit, replay
from .stage import Stage

StageLike = Union[str, Stage, Callable[[str], str]]

#: Module of each built-in stage; each module defines ``STAGE``.
_STAGE_MODULES: Mapping[str, str] = {
    "decode": "textrepair.decode",
    "mojibake": "textrepair.mojibake",
    "language": "textrepair.language",
    "chrome": "textrepair.chrome",
    "placeholders": "textrepair.placeholders",
    "entities": "textrepair.entities",
    "spun": "textrepair.spun",
    "canonical": "textrepair.canonical",
}


def get_stage(name: str) -> Stage:
    """The built-in stage called ``name`` (its module is imported on first use)."""
    if name not in _STAGE_MODULES:
        raise ValueError(f"unknown stage {name!r}; stages: {', '.join(STAGE_ORDER)}")
    stage = importlib.import_module(_STAGE_MODULES[name]).STAGE
    assert isinstance(stage, Stage)
    return stage


def stage_from_callable(func: Callable[[str], str], name: str | None = None) -> Stage:
    """Wrap a user's ``str -> str`` function as a stage; its changes are logged line by line."""
    stage_name = str(name or getattr(func, "__name__", None) or "custom")

    def run(doc: Document, ctx: Context) -> Document:
        after = func(doc.text)
        if not isinstance(after, str):
            raise TypeError(f"stage {stage_name!r} returned {type(after).__name__}, not str")
        return doc.apply(diff_edits(doc.text, after, stage_name))

    return Stage(stage_name, run, f"user stage {stage_name}")


def diff_edits(before: str, after: str, stage: str, rule: str = "custom") -> list[Edit]:
    """Edits (line granularity) that turn ``before`` into ``after``."""
    if before == after:
        return []
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    offsets = [0]
    for line in a:
        offsets.append(offsets[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        start, end = offsets[i1], offsets[i2]
        edits.append(Edit(stage, rule, start, end, before[start:end], "".join(b[j1:j2]), f"changed by {stage}"))
    return edits


@dataclass(frozen=True)
class Result:
    """The outcome for one document: output text and everything needed to explain it."""

    text: str
    input: str
    language: str | None
    edits: tuple[Edit, ...]
    notes: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def drops(self) -> tuple[Edit, ...]:
        """The edits that removed a whole block."""
        return tuple(e for e in self.edits if e.kind == "drop")

    @property
    def counters(self) -> Counter[str]:
        """How many edits each ``stage.rule`` made."""
        return Counter(f"{e.stage}.{e.rule}" for e in self.edits)

    def replay(self) -> str:
        """Re-apply the edit log to the input: equals :attr:`text`."""
        return replay(self.input, self.edits)

    def explain(self) -> str:
        """A human-readable log, one line per edit (layout edits summarised)."""
        lines = [f"language: {self.language or 'unknown'}"]
        layout = 0
        for e in self.edits:
            if e.rule in ("layout", "newline"):
                layout += 1
                continue
            if e.kind == "drop":
                lines.append(f"{e.stage}: drop [{e.rule}] {_short(e.before.strip())!r} ({e.reason})")
            else:
                lines.append(f"{e.stage}: [{e.rule}] {_short(e.before)!r} -> {_short(e.after)!r} ({e.reason})")
        if layout:
            lines.append(f"layout: {layout} line-break and separator edits")
        for stage, note in self.notes.items():
            if stage == "spun" and isinstance(note, Mapping):
                lines.append(f"spun: score {note.get('score')} spun={note.get('is_spun')} source={note.get('source')}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable report of this document (as written by ``--report``)."""
        report: dict[str, Any] = {
            "source": self.source,
            "language": self.language,
            "counters": dict(sorted(self.counters.items())),
            "drops": [
                {
                    "rule": e.rule,
                    "stage": e.stage,
                    "text": e.before.strip("\n"),
                    "reason": e.reason,
                    "evidence": dict(e.evidence),
                }
                for e in self.drops
            ],
            "edits": [e.to_dict() for e in self.edits if e.kind != "drop" and e.rule not in ("layout", "newline")],
        }
        for stage, note in self.notes.items():
            # a note never hides a report field: the language stage's note would replace
            # the language code, so it goes under "language_note"
            report[f"{stage}_note" if stage in report else stage] = note
        return report


def _short(text: str, limit: int = 70) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Pipeline:
    """An ordered list of stages and the options they run with.

    ``Pipeline()`` runs the default stages; ``Pipeline(stages=["mojibake", my_func,
    "canonical"])`` mixes built-in stages (by name) with callables of your own.
    """

    def __init__(
        self,
        stages: Sequence[StageLike] | None = None,
        config: Config | None = None,
        **options: Any,
    ) -> None:
        self.config = make_config(config, **options)
        if stages is None:
            names = self.config.stages or STAGE_ORDER
            self.stages = [get_stage(n) for n in STAGE_ORDER if n in names and n not in self.config.skip]
        else:
            resolved: list[Stage] = []
            for item in stages:
                if isinstance(item, Stage):
                    resolved.append(item)
                elif isinstance(item, str):
                    resolved.append(get_stage(item))
                elif callable(item):
                    resolved.append(stage_from_callable(item))
                else:
                    raise TypeError(f"not a stage: {item!r}")
            self.stages = [s for s in resolved if s.name not in self.config.skip]

    @property
    def stage_names(self) -> list[str]:
        """Names of the stages that run, in order."""
        return [s.name for s in self.stages]

    def run(self, text: str | bytes, source: str | None = None) -> Result:
        """Repair one document."""
        return self.run_many([text], sources=[source])[0]

    def run_many(
        self,
        texts: Iterable[str | bytes | Document],
        sources: Sequence[str | None] | None = None,
    ) -> list[Result]:
        """Repair several documents together: later stages learn across the batch."""
        docs = [to_document(t, (sources[i] if sources else None)) for i, t in enumerate(texts)]
        inputs = [d.text for d in docs]
        ctx = Context(config=self.config)
        for stage in self.stages:
            if stage.prepare is not None:
                stage.prepare(docs, ctx)
            docs = [stage.run(doc, ctx) for doc in docs]
        return [
            Result(
                text=doc.text,
                input=inputs[i],
                language=doc.language,
                edits=doc.edits,
                notes=doc.notes,
                source=doc.source,
                metadata=doc.metadata,
            )
            for i, doc in enumerate(docs)
        ]

    def __call__(self, text: str) -> str:
        return self.run(text).text


def to_document(item: str | bytes | Document, source: str | None = None) -> Document:
    """Wrap input as a :class:`Document`; bytes are decoded (see :mod:`textrepair.decode`)."""
    if isinstance(item, Document):
        return item
    if isinstance(item, (bytes, bytearray)):
        decoded = decode_bytes(bytes(item), source)
        return Document(
            text=decoded.text,
            source=source,
            notes={"decode": {"encoding": decoded.encoding, "bom": decoded.bom, "guessed": decoded.guessed}},
        )
    if not isinstance(item, str):
        raise TypeError(f"expected str or bytes, not {type(item).__name__}")
    return Document(text=item, source=source)


__all__ = ["DecodeError", "Pipeline", "Result", "diff_edits", "get_stage", "stage_from_callable", "to_document"]
