"""Readers: documents and rejects from files, folders, JSON Lines and standard input."""

from __future__ import annotations

import io
import json

import pytest

from tacitus.ingest import iter_inputs
from tacitus.model import Document, Reject


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return docs, rejects


def test_ingest_text_file_id_is_stem_and_date_from_name(tmp_path):
    path = tmp_path / "2021-06-01_iraq.txt"
    path.write_text("Iraqi forces arrested a commander.", encoding="utf-8")
    (doc,) = list(iter_inputs([str(path)]))
    assert doc.id == "2021-06-01_iraq"
    assert doc.date == "2021-06-01"


def test_ingest_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second text here.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("First text here.", encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(tmp_path)], date="2020-01-01")))
    assert [d.id for d in docs] == ["two", "one"] or [d.id for d in docs] == ["one", "two"]
    assert {d.date for d in docs} == {"2020-01-01"}
    assert rejects == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty text"),
        (b"   \n\t ", "empty text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(0x80, 0x100)) * 4, "not UTF-8"),
    ],
)
def test_ingest_bad_files_are_rejected_with_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Iran condemned the attack.", encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(tmp_path)])))
    assert [d.id for d in docs] == ["good"]
    assert len(rejects) == 1
    assert rejects[0].item.endswith("bad.txt")
    assert reason in rejects[0].reason


def test_ingest_missing_path_is_a_reject():
    (reject,) = list(iter_inputs(["/no/such/file.txt"]))
    assert isinstance(reject, Reject)
    assert "no such file" in reject.reason


def test_ingest_jsonl_fields_and_malformed_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Russia shelled Kharkiv.", "date": "2022-03-01", "title": "T"}),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"text": "Hamas fired rockets at Israel."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejects = _split(list(iter_inputs([str(path)])))
    assert [(d.id, d.date, d.title) for d in docs] == [("a", "2022-03-01", "T"), ("docs-5", None, None)]
    reasons = {r.item.rsplit(":", 1)[1]: r.reason for r in rejects}
    assert set(reasons) == {"2", "3", "4"}
    assert "malformed JSON" in reasons["2"]
    assert "text" in reasons["3"]


def test_ingest_stdin_text_and_jsonl():
    (doc,) = list(iter_inputs(["-"], stdin=io.StringIO("Iran condemned the strike.")))
    assert doc.id == "stdin"
    docs, _ = _split(list(iter_inputs(["-"], stdin=io.StringIO('{"id": "x", "text": "Iran condemned it."}\n'))))
    assert [d.id for d in docs] == ["x"]


def test_ingest_legacy_encoding_is_detected(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "The minister\u2019s \u201cfinal\u201d offer was rejected in Gen\u00e8ve, caf\u00e9 owners said."
    path.write_bytes(text.encode("cp1252"))
    (doc,) = list(iter_inputs([str(path)]))
    assert "Gen\u00e8ve" in doc.text
    assert "minister's \"final\" offer" in doc.text  # curly quotes straightened, one for one
