"""Beyond one machine: the Dask entry point gives what the command line gives, on a local
cluster; the Hugging Face ``datasets.map`` function and the datatrove step (duck-typed
here: those libraries are optional and not installed for the tests)."""

from __future__ import annotations

import importlib.util
import io
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import textrepair
from textrepair.cli import main
from textrepair.config import make_config
from textrepair.dask import clean_bag, clean_dataframe, clean_records
from textrepair.integrations import HFCleaner, TextRepairStep

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None,
    reason="needs textrepair[dask]",
)

#: The three smallest seed pages (the test must stay fast), one of them spun.
SEEDS = [Path(__file__).resolve().parents[1] / "seeds" / f"{n}.txt" for n in (
    "000_96275fee0aee81f6", "003_0e0bef2aa06d10f3", "004_7c1718c6f3a118fd")]


def cli_outputs(tmp_path: Path, chunk_size: int) -> list[str]:
    out = tmp_path / f"cli{chunk_size}"
    code = main([*map(str, SEEDS), "-o", str(out), "--chunk-size", str(chunk_size), "-q"], stdout=io.StringIO())
    assert code == 0
    return [(out / p.name).read_text(encoding="utf-8") for p in SEEDS]


@pytest.fixture(scope="module")
def client() -> Any:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@needs_dask
def test_bag_on_a_local_cluster_matches_the_cli(tmp_path: Path, client: Any) -> None:
    db = pytest.importorskip("dask.bag")
    data = [p.read_bytes() for p in SEEDS]
    # partitions of 2 and 1 documents == CLI chunks of 2
    bag = db.from_sequence(data, partition_size=2)
    assert bag.npartitions == 2
    got = clean_bag(bag, chunk_size=2).compute()
    assert got == cli_outputs(tmp_path, 2)


def test_records_keep_their_fields_and_report_failures() -> None:
    config = make_config()
    out = clean_records([{"id": "a", "text": "x  y", "n": 1}, {"id": "b"}, b"bin\x00ary"], config)
    assert out[0] == {"id": "a", "text": "x y\n", "n": 1}
    assert isinstance(out[1], dict) and out[1]["textrepair_error"] == "no string field 'text'"
    assert out[2] is None


@needs_dask
def test_dataframe_column() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    frame = pd.DataFrame({"text": ["caf\u00c3\u00a9  one", "two\u00a0 words"], "n": [1, 2]})
    # the synchronous scheduler: the cluster path is covered above, and workers importing
    # pandas would only slow the suite down
    cleaned = clean_dataframe(dd.from_pandas(frame, npartitions=2), column="text").compute(scheduler="synchronous")
    assert cleaned["text"].tolist() == [textrepair.clean(t) for t in frame["text"]]
    assert cleaned["n"].tolist() == [1, 2]


def test_pipeline_and_stages_pickle() -> None:
    pipeline = textrepair.Pipeline()
    clone = pickle.loads(pickle.dumps(pipeline))
    assert clone.stage_names == pipeline.stage_names
    assert clone("It\u2019s  ok") == pipeline("It\u2019s  ok")



def test_hf_batched_map_function() -> None:
    cleaner = HFCleaner("body")
    batch = {"body": ["caf\u00c3\u00a9  au lait", b"bin\x00ary", None], "id": [1, 2, 3]}
    out = cleaner(batch)
    assert out["id"] == [1, 2, 3]
    assert out["body"][0] == "café au lait\n"
    assert out["body"][1:] == [b"bin\x00ary", None]  # failures keep their value
    assert out["textrepair_error"][0] == "" and "binary" in out["textrepair_error"][1]
    assert out["textrepair_error"][2] == "not a string"


def test_hf_function_pickles_for_num_proc() -> None:
    clone = pickle.loads(pickle.dumps(HFCleaner("text", chrome="off")))
    assert clone({"text": ["a  b"]})["text"] == ["a b\n"]


@dataclass
class FakeDoc:
    """The shape of ``datatrove.data.Document``."""

    text: str
    id: str
    metadata: dict[str, Any] = field(default_factory=dict)


def test_datatrove_step_repairs_text_in_chunks() -> None:
    docs = [FakeDoc(f"Text  number {i}.", f"d{i}") for i in range(5)]
    step = TextRepairStep(chunk_size=2, chrome="off")
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == [f"d{i}" for i in range(5)]
    assert [d.text for d in out] == [f"Text number {i}.\n" for i in range(5)]
    assert all("edits" in d.metadata["textrepair"] for d in out)
