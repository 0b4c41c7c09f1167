"""Readers for plain text and JSON Lines; every unusable item becomes a Reject with its reason."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..model import Document, Reject

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_DATED_STEM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[_\-T].*)?$")
_MIN_CHARS = 3

Item = Document | Reject


def iter_inputs(inputs: list[str], date: str | None = None, stdin: IO[str] | None = None) -> Iterator[Item]:
    """Documents and rejects from files, folders (recursive), JSON Lines and '-' (standard input)."""
    for raw in inputs:
        if raw == "-":
            yield from _read_stream(stdin or sys.stdin, "<stdin>", date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from _read_file(file, date)
        elif path.exists():
            yield from _read_file(path, date)
        else:
            yield Reject(item=raw, reason="no such file or directory")


def _read_file(path: Path, date: str | None) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, date)
    else:
        yield read_text_file(path, date)


def read_text_file(path: Path, date: str | None = None) -> Item:
    """One document per file; its id is the file stem, its date a leading YYYY-MM-DD in the name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Reject(item=str(path), reason=f"unreadable: {exc.strerror or exc}")
    problem = _binary_or_undecodable(data)
    if problem:
        return Reject(item=str(path), reason=problem)
    text = data.decode("utf-8-sig")
    if len(text.strip()) < _MIN_CHARS:
        return Reject(item=str(path), reason="empty text")
    match = _DATED_STEM.match(path.stem)
    return Document(id=path.stem, text=text, date=match.group(1) if match else date)


def _binary_or_undecodable(data: bytes) -> str | None:
    if b"\x00" in data[:8192]:
        return "binary file (contains NUL bytes), not text"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded"
    return None


def read_jsonl(path: Path, date: str | None = None) -> Iterator[Item]:
    """One document per line: {"text", optional "id", "date", "title", "url", "source"}."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(item=str(path), reason=f"unreadable: {exc.strerror or exc}")
        return
    problem = _binary_or_undecodable(data)
    if problem:
        yield Reject(item=str(path), reason=problem)
        return
    lines = data.decode("utf-8-sig").splitlines()
    yield from _parse_lines(lines, str(path), path.stem, date)


def _read_stream(stream: IO[str], name: str, date: str | None) -> Iterator[Item]:
    text = stream.read()
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _parse_lines(text.splitlines(), name, "stdin", date)
    elif len(text.strip()) < _MIN_CHARS:
        yield Reject(item=name, reason="empty text")
    else:
        yield Document(id="stdin", text=text, date=date)


def _parse_lines(lines: list[str], name: str, stem: str, date: str | None) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(item=item, reason=f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield Reject(item=item, reason="a JSON object is expected on each line")
            continue
        text = record.get("text")
        if not isinstance(text, str) or len(text.strip()) < _MIN_CHARS:
            yield Reject(item=item, reason="no 'text' field, or it is empty")
            continue
        fields = {k: str(record[k]) for k in ("date", "title", "url", "source") if record.get(k) is not None}
        if date:
            fields.setdefault("date", date)
        doc_id = str(record.get("id") or f"{stem}-{number}")
        yield Document(id=doc_id, text=text, **fields)
