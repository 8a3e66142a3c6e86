"""Options (a ``NamedTuple`` with conservative defaults) and the per-run context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: Stage names in pipeline order. ``decode`` only acts on bytes input.
STAGE_ORDER: tuple[str, ...] = (
    "decode",
    "mojibake",
    "language",
    "chrome",
    "placeholders",
    "entities",
    "spun",
    "canonical",
)

CHROME_PRESETS = ("off", "conservative", "balanced", "aggressive")


class Config(NamedTuple):
    """Every option of the pipeline. Defaults never rewrite correct text.

    - ``stages`` / ``skip``: which stages run (names from :data:`STAGE_ORDER`).
    - mojibake: ftfy options; ``fix_character_width`` is off because it turns CJK
      full-width punctuation into ASCII, ``uncurl_quotes`` is on (ftfy's default).
    - ``chrome``: ``off|conservative|balanced|aggressive``.
    - ``entities``: repair mangled names from a gazetteer; ``None`` = on only when
      references are given.
    - ``references``: files or directories (or ready indexes) of original documents for
      the spun stage; ``unspin`` rewrites spun phrases from the lexicon without a reference.
    - ``ascii``: transliterate to ASCII (needs the ``textrepair[ascii]`` extra).
    - ``join_wrapped``: ``None`` detects hard-wrapped paragraphs, ``True``/``False`` forces it.
    """

    stages: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    unescape_html: bool | str = "auto"
    uncurl_quotes: bool = True
    fix_latin_ligatures: bool = True
    fix_character_width: bool = False
    language: str | None = None
    chrome: str = "balanced"
    placeholders: bool = True
    entities: bool | None = None
    references: tuple[Any, ...] = ()
    unspin: bool = False
    lexicon: str | None = None
    ascii: bool = False
    join_wrapped: bool | None = None


def make_config(base: Config | None = None, **options: Any) -> Config:
    """Build a :class:`Config`, raising ``TypeError`` that names the valid options."""
    unknown = sorted(set(options) - set(Config._fields))
    if unknown:
        raise TypeError(
            f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(Config._fields)}"
        )
    if "stages" in options and options["stages"] is not None:
        options["stages"] = tuple(options["stages"])
    if "skip" in options:
        options["skip"] = tuple(options["skip"] or ())
    if "references" in options:
        refs = options["references"]
        options["references"] = (refs,) if isinstance(refs, str) else tuple(refs or ())
    config = (base or Config())._replace(**options)
    if config.chrome not in CHROME_PRESETS:
        raise ValueError(f"chrome must be one of {', '.join(CHROME_PRESETS)}, not {config.chrome!r}")
    for name in (config.stages or ()) + config.skip:
        if name not in STAGE_ORDER:
            raise ValueError(f"unknown stage {name!r}; stages: {', '.join(STAGE_ORDER)}")
    return config


@dataclass
class Context:
    """What a stage may read besides the document: the options, and state shared across
    the documents of one call (``batch``: what a stage's ``prepare`` hook learned or built,
    such as template lines or a reference index, keyed by stage name).

    A context lives for one call of the pipeline: nothing here outlives it, so results
    never depend on what was cleaned before.
    """

    config: Config = field(default_factory=Config)
    batch: dict[str, Any] = field(default_factory=dict)

