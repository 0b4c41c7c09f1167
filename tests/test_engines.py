"""Engines: local worker processes and a real Dask LocalCluster code every document exactly once."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pytest

import tacitus
from tacitus import Config, Document, Reject
from tacitus.engines import local
from tacitus.tsv import builtin_path

pytestmark = pytest.mark.model


def _sample(copies: int) -> list[Document]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(builtin_path("sample").glob("*.txt"))]
    return [Document(id=f"doc{k:03d}", text=texts[k % len(texts)], date="2021-06-01")
            for k in range(copies * len(texts))]


def _flat(pairs) -> list[tuple[str, list[str]]]:
    return [(document.id, [e.event_id for e in events]) for document, events in pairs]


@pytest.fixture(scope="module")
def serial(coder):
    return _flat(coder.code_serially(_sample(2)))


def test_local_engine_codes_in_order_like_one_process(coder, serial):
    documents = _sample(2)
    assert sum(len(d.text) for d in documents) > local.SMALL_INPUT_CHARS  # so workers really start
    assert _flat(local.code_in_processes(coder, documents, processes=2)) == serial


def test_local_engine_codes_small_inputs_in_process(coder, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for three documents")

    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    documents = _sample(1)[:3]
    assert _flat(local.code_in_processes(coder, documents, processes=2)) == _flat(coder.code_serially(documents))


def test_local_engine_chunks_stream_in_order():
    documents = [Document(id=str(k), text="x" * 1000) for k in range(50)]
    chunks = list(local.chunks(documents, size=16, chars=5000))
    assert [len(c) for c in chunks] == [5] * 10
    assert [d.id for c in chunks for d in c] == [str(k) for k in range(50)]


# -- Dask ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_engine():
    import cloudpickle

    from tacitus.engines.dask import DaskEngine

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the flaky tasks below travel by value
    saved = os.environ.get("PYTHONPATH")
    # workers are new interpreters: they must import this checkout's tacitus, as the tests do
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(tacitus.__file__).parents[1]), saved]))
    try:
        with DaskEngine(Config(date="2021-06-01"), workers=2, partition_size=8, retries=1) as engine:
            yield engine
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def test_dask_local_cluster_codes_every_document_exactly_once(dask_engine, serial):
    assert dask_engine.worker_count == 2
    results = list(dask_engine.code_documents(_sample(2)))
    assert not [d for d, _ in results if isinstance(d, Reject)]
    counts = Counter(document.id for document, _ in results)
    assert sorted(counts) == [d.id for d in _sample(2)]
    assert set(counts.values()) == {1}
    assert sorted(_flat(results)) == sorted(serial)  # the same events as one process


def _flaky(marker: Path, fail_once: str, fail_always: str):
    """A partition task that fails on its first attempt for one document and on every attempt for another."""
    from tacitus.engines.dask import code_partition

    def task(documents: list[Document]):
        ids = {d.id for d in documents}
        if fail_always in ids:
            raise RuntimeError("injected failure")
        if fail_once in ids and not marker.exists():
            marker.write_text("failed once")
            raise RuntimeError("injected first-attempt failure")
        return code_partition(documents)

    return task


def test_dask_failed_partition_is_retried_or_reported(dask_engine, tmp_path):
    documents = _sample(1)[:16]  # two partitions of 8
    dask_engine.task = _flaky(tmp_path / "marker", fail_once="doc001", fail_always="doc012")
    try:
        results = list(dask_engine.code_documents(documents))
    finally:
        from tacitus.engines.dask import code_partition

        dask_engine.task = code_partition
    assert (tmp_path / "marker").exists()  # the first partition failed once, then succeeded on retry
    coded = sorted(d.id for d, _ in results if not isinstance(d, Reject))
    rejected = sorted(d.item for d, _ in results if isinstance(d, Reject))
    assert coded == [d.id for d in documents[:8]]
    assert rejected == [d.id for d in documents[8:]]
    assert all("partition 1 failed after 1 retries" in d.reason and "injected failure" in d.reason
               for d, _ in results if isinstance(d, Reject))
    assert [number for number, _ in dask_engine.failures][-1] == 1


def test_parquet_dataset_is_partitioned_by_month(coder, tmp_path):
    import pyarrow.dataset as ds

    from tacitus.engines.dask import ParquetDataset

    events = coder.code_text("Iraqi security forces arrested a Hezbollah commander.", date="2024-01-05")
    later = coder.code_text("Turkey condemned the Syrian government.", date="2024-02-10")
    undated = [e.model_copy(update={"date": None}) for e in later]
    with ParquetDataset(tmp_path / "events.parquet") as dataset:
        dataset.write(events)
        dataset.write(later + undated)
    table = ds.dataset(tmp_path / "events.parquet", partitioning="hive").to_table()
    assert sorted(p.name for p in (tmp_path / "events.parquet").iterdir()) == [
        "month=2024-01", "month=2024-02", "month=unknown"]
    assert table.num_rows == dataset.count == len(events) + len(later) + len(undated) >= 3
