"""Tokenizer, lexicon learning, load/save and the ``textrepair learn`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from textrepair import cli
from textrepair.spun.lexicon import Lexicon, LexiconBuilder, inflections, learn_main, load_lexicon, read_pairs
from textrepair.spun.tokens import stopwords, tokenize


def test_tokens_case(spun_tokens_case: dict[str, Any]) -> None:
    got = " ".join(
        f"{t.lower if t.kind == 'word' else t.text}/{t.kind[0]}" for t in tokenize(spun_tokens_case["input"])
    )
    assert got.lower() == spun_tokens_case["output"].lower()


@given(st.text(max_size=300))
def test_token_spans_point_into_the_text(text: str) -> None:
    pos = 0
    for tok in tokenize(text):
        assert tok.start >= pos and text[tok.start : tok.end] == tok.text and not tok.text.isspace()
        pos = tok.end


def test_stopwords() -> None:
    en = stopwords("en")
    assert {"the", "of", "were", "isn't"} <= en and "forest" not in en
    assert stopwords("xx") == en  # unknown languages fall back to English
    assert stopwords("en-GB") == en


def test_phrase_pair_gives_phrase_and_fragment() -> None:
    lex = Lexicon.from_pairs(
        [("profound learning", "deep learning"), {"spun": "Profound learning", "original": "deep learning"}]
    )
    assert lex.lookup("Profound  Learning") == "deep learning"
    assert lex.candidates("profound learning") == [("deep learning", 2)]
    assert lex.word_candidates("Profound") == [("deep", 2)]
    assert lex.collocation("deep learning") == 2
    assert lex.lookup("deep learning") is None


def test_equal_length_runs_give_word_pairs() -> None:
    lex = Lexicon.from_pairs([("acknowledgment exactness", "recognition accuracy")])
    assert lex.fragment_candidates("acknowledgment exactness") == [("recognition accuracy", 1)]
    assert lex.word_candidates("exactness") == [("accuracy", 1)]


def test_uneven_swap_and_function_words() -> None:
    lex = Lexicon.from_pairs([("random lush territory", "random forest"), ("the stuff of", "the set of")])
    assert lex.fragment_candidates("lush territory") == [("forest", 1)]
    assert lex.word_candidates("stuff") == [("set", 1)]
    assert lex.word_candidates("the") == []  # function words are kept by spinners, never learned


def test_inflections() -> None:
    assert inflections("highlights", "features") == [("highlight", "feature")]
    assert inflections("organization", "network") == [("organizations", "networks")]
    assert inflections("quickly", "fast") == []
    lex = Lexicon.from_pairs([("sign highlights", "signal features")])
    assert lex.word_candidates("highlight") == [("feature", 1)]


def test_inflection_only_pairs_are_not_swaps() -> None:
    lex = Lexicon.from_pairs([("smart device", "smart devices"), ("neural networks", "neural network")])
    assert len(lex) == 0 and not lex.fragments


def test_phrases_found_in_normal_text_are_dropped() -> None:
    lex = Lexicon.from_pairs(
        [("a number of", "several"), ("imaginative and prescient", "vision")],
        clean_texts=["A number of people came."],
    )
    assert lex.lookup("a number of") is None
    assert lex.lookup("imaginative and prescient") == "vision"


def test_document_pair_is_aligned() -> None:
    original = (
        "The recent flare-up between Russia and Azerbaijan is far more than a diplomatic spat. "
        "Russian special forces conducted a violent raid in an industrial city. "
        "Survivors reported beatings and degrading treatment."
    )
    spun = (
        "The current flare-up between Russia and Azerbaijan is way over a diplomatic spat. "
        "Russian particular forces performed a violent raid in an industrial metropolis. "
        "Survivors reported beatings and degrading therapy."
    )
    lex = Lexicon.from_pairs([(spun, original)])
    assert lex.word_candidates("particular") == [("special", 1)]
    assert lex.word_candidates("metropolis") == [("city", 1)]
    assert lex.lookup("way over") == "far more than"
    assert any("is way over a" in c for c in lex.contexts["way over"])  # where it was seen


def test_save_load_round_trip(tmp_path: Path) -> None:
    lex = Lexicon.from_pairs([("profound learning", "deep learning")], clean_texts=["Deep learning works."])
    path = tmp_path / "lex.json"
    lex.save(path)
    again = Lexicon.load(path)
    assert again.to_dict() == lex.to_dict()
    assert again.total == lex.total


def test_merged_adds_counts() -> None:
    a = Lexicon.from_pairs([("profound learning", "deep learning")])
    b = Lexicon.from_pairs([("profound learning", "deep learning"), ("irregular woodland", "random forest")])
    m = a.merged(b)
    assert m.candidates("profound learning") == [("deep learning", 2)]
    assert m.lookup("irregular woodland") == "random forest"


def test_default_lexicon_is_shipped_and_cached() -> None:
    lex = load_lexicon()
    assert lex is load_lexicon(None)
    assert lex.lookup("profound learning") == "deep learning"
    assert lex.lookup("imaginative and prescient") == "vision"
    assert lex.sources and any("CC BY 4.0" in s for s in lex.sources)


def _write_jsonl(path: Path, records: list[Any]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_learn_command(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    _write_jsonl(
        pairs,
        [
            {"spun": "profound learning", "original": "deep learning"},
            {"spun": "irregular woodland", "original": "random forest", "count": 3},
            {"source": "ref-1", "substitutions": [{"spun": "particular forces", "original": "special forces"}]},
        ],
    )
    out = tmp_path / "lex.json"
    assert cli.main(["learn", str(pairs), "-o", str(out)]) == 0
    lex = Lexicon.load(out)
    assert lex.lookup("profound learning") == "deep learning"
    assert lex.candidates("irregular woodland") == [("random forest", 3)]
    assert lex.lookup("particular forces") == "special forces"


def test_learn_command_tsv_and_merge(tmp_path: Path) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("tortured\texpected\nsign to commotion\tsignal to noise\n", encoding="utf-8")
    out = tmp_path / "lex.json"
    assert learn_main([str(tsv), "-o", str(out), "--merge", "default"]) == 0
    lex = Lexicon.load(out)
    assert lex.lookup("sign to commotion") == "signal to noise"
    assert lex.lookup("profound learning") == "deep learning"  # from the shipped lexicon


def test_learn_command_rejects_bad_input(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"spun": "x"}\nnot json\n', encoding="utf-8")
    assert learn_main([str(bad), "-o", str(tmp_path / "o.json")]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


def test_read_pairs_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    _write_jsonl(path, [{"spun": "a", "original": "b"}])
    assert list(read_pairs(path)) == [{"spun": "a", "original": "b"}]


def test_builder_is_deterministic() -> None:
    pairs = [("profound learning", "deep learning"), ("irregular woodland", "random forest")]
    one, two = LexiconBuilder(), LexiconBuilder()
    for s, o in pairs:
        one.add_pair(s, o)
    for s, o in reversed(pairs):
        two.add_pair(s, o)
    assert json.dumps(one.build().to_dict()) == json.dumps(two.build().to_dict())


def test_learn_from_a_report(tmp_path: Path) -> None:
    """The substitutions of reference matches in a ``--report`` file are pairs too."""
    report = {
        "documents": [
            {
                "source": "a",
                "spun": {"substitutions": [{"start": 0, "end": 8, "spun": "metropolis", "original": "city"}]},
            },
            {"source": "b", "spun": {"substitutions": []}},
        ]
    }
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    assert list(read_pairs(path)) == [{"spun": "metropolis", "original": "city"}]
