"""The command line: inputs, outputs, bad inputs and exit codes (run as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.model


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tacitus", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def test_cli_code_text_file_to_stdout(tmp_path):
    path = tmp_path / "2022-03-01_kharkiv.txt"
    path.write_text("Russian forces shelled the Ukrainian city of Kharkiv.", encoding="utf-8")
    result = run("code", str(path))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["source"]["code"], e["target"]["code"], e["root"]) for e in events] == [("RUSMIL", "UKR", "19")]
    assert events[0]["doc_id"] == "2022-03-01_kharkiv"
    assert events[0]["date"] == "2022-03-01"
    assert isinstance(events[0]["code"], str)


def test_cli_bad_inputs_are_listed_and_the_rest_coded(tmp_path):
    (tmp_path / "good.txt").write_text("Iran condemned the Israeli airstrikes.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (tmp_path / "latin1.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)  # no encoding fits
    (tmp_path / "docs.jsonl").write_text('{"id": "j1", "text": "Hamas fired rockets at Israel."}\n{broken\n')
    result = run("code", str(tmp_path))
    assert result.returncode == 1
    doc_ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert doc_ids == {"good", "j1"}
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8"),
                         ("docs.jsonl:2", "malformed JSON")]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), (name, result.stderr)


def test_cli_stdin_and_csv_and_parquet_outputs(tmp_path):
    text = "Egyptian police detained dozens of protesters in Cairo."
    result = run("code", "-", "--date", "2020-02-02", stdin=text)
    assert result.returncode == 0
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["date"] == "2020-02-02"
    csv_path = tmp_path / "events.csv"
    assert run("code", "-", "-o", str(csv_path), stdin=text).returncode == 0
    header = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"event_id", "source_code", "target_code", "code", "root", "modality"} <= set(header)
    parquet_path = tmp_path / "events.parquet"
    assert run("code", "-", "-o", str(parquet_path), stdin=text).returncode == 0
    table = pq.read_table(parquet_path)
    assert table.num_rows == 1
    assert table.column("code").to_pylist() == ["173"]


@pytest.mark.parametrize(
    "args",
    [("code",), ("code", "x.txt", "--date", "2020-13-45"), ("code", "-", "-o", "out.xlsx"), ("nonsense",)],
)
def test_cli_usage_errors_exit_2(args):
    result = run(*args, stdin="Iran condemned Israel.")
    assert result.returncode == 2, (result.returncode, result.stderr)


def test_cli_actors_lookup_explains_code():
    result = run("actors", "lookup", "Iraqi security forces")
    assert result.returncode == 0
    assert "IRQCOP" in result.stdout
    assert "Iraqi" in result.stdout
