"""`tacitus code` scale options: --no-prefilter, --processes, --engine dask with a Parquet dataset."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tacitus

pytestmark = pytest.mark.model

SRC = Path(tacitus.__file__).resolve().parents[1]
TEXT = ("BAGHDAD -\n\nOil prices rose in early trading. Iraqi security forces arrested a Hezbollah commander.\n\n"
        "They later released him, officials said.")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "tacitus", *args], capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [{"id": f"d{k}", "date": f"2024-0{1 + k % 2}-15", "text": TEXT} for k in range(4)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_cli_prefilter_and_no_prefilter_give_the_same_events(corpus):
    with_filter = run("code", str(corpus), "--processes", "2")
    without = run("code", str(corpus), "--no-prefilter", "--processes", "1")
    assert with_filter.returncode == without.returncode == 0, with_filter.stderr + without.stderr
    assert with_filter.stdout == without.stdout
    assert len(with_filter.stdout.splitlines()) == 8  # two events in each of four documents


def test_cli_unknown_engine_exits_2(corpus):
    result = run("code", str(corpus), "--engine", "spark")
    assert result.returncode == 2
    assert "unknown engine 'spark'" in result.stderr


def test_cli_dask_engine_writes_a_month_partitioned_dataset(corpus, tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "events.parquet"
    result = run("code", str(corpus), "--engine", "dask", "--workers", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "coded 4 document(s), 8 event(s)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["month=2024-01", "month=2024-02"]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert sorted(table.column("doc_id").to_pylist()) == sorted(["d0", "d1", "d2", "d3"] * 2)
