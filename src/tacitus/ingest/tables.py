"""Records: JSON Lines, a JSON array of objects, and CSV/TSV with a header row.

Each record is one document. The field mapping (``ReadOptions.text_field``, ``id_field``,
``date_field``; ``tacitus code --text-field body``) names the fields holding the text, id and date;
``title``, ``url``, ``source``, ``author``, ``site`` and ``language`` are taken when present. A record
without text is a Reject naming the file and line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model import Reject
from .base import MIN_CHARS, Blob, Context, Item, ReadOptions, document
from .encoding import UndecodableError, decode_bytes

OPTIONAL_FIELDS = ("title", "url", "source", "author", "site")
_DELIMITERS = ",;\t|"


def read_json_lines(blob: Blob, context: Context) -> Iterator[Item]:
    """One document per line; a file holding one pretty-printed JSON value is read as a whole."""
    text = _decode(blob)
    if isinstance(text, Reject):
        yield text
        return
    if text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip() == "{":
        yield from read_json_array(blob, context)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{blob.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(item=item, reason=f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record(record, item, f"{blob.stem}-{number}", blob, context.options)


def read_json_array(blob: Blob, context: Context) -> Iterator[Item]:
    """A JSON array of records (or one record object)."""
    text = _decode(blob)
    if isinstance(text, Reject):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Reject(item=blob.name, reason=f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        yield _record(record, f"{blob.name}[{number}]", f"{blob.stem}-{number}", blob, context.options)


def read_csv(blob: Blob, context: Context) -> Iterator[Item]:
    """One document per row; the first row names the columns. Delimiter: tab for .tsv, else sniffed."""
    text = _decode(blob)
    if isinstance(text, Reject):
        yield text
        return
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text, blob.name))
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error) as exc:
        yield Reject(item=blob.name, reason=f"no header row ({exc or 'empty file'})")
        return
    options = context.options
    if options.text_field not in header:
        yield Reject(item=blob.name, reason=_missing_column(options.text_field, header))
        return
    for number, line, row in _rows(reader, blob.name):
        if isinstance(row, Reject):
            yield row
            continue
        record = dict(zip(header, row, strict=False))
        yield _record(record, f"{blob.name}:{line}", f"{blob.stem}-{number}", blob, options)


def _rows(reader: Any, name: str) -> Iterator[tuple[int, int, list[str] | Reject]]:
    """(record number, first line, row) for each non-empty row; a broken row is a Reject."""
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, line, Reject(item=f"{name}:{line}", reason=f"malformed CSV: {exc}")
            return
        if any(cell.strip() for cell in row):
            number += 1
            yield number, line, row


def _record(record: Any, item: str, fallback_id: str, blob: Blob, options: ReadOptions) -> Item:
    if not isinstance(record, Mapping):
        return Reject(item=item, reason="a JSON object is expected for each record")
    text = record.get(options.text_field)
    if not isinstance(text, str) or len(text.strip()) < MIN_CHARS:
        return Reject(item=item, reason=f"no {options.text_field!r} field, or it is empty")
    found = {name: _string(record.get(name)) for name in OPTIONAL_FIELDS}
    found["date"] = _string(record.get(options.date_field))
    found["id"] = _string(record.get(options.id_field)) or fallback_id
    for name, value in blob.defaults.items():  # the record's own fields win over the file's
        if name not in ("id", "date") and not found.get(name):
            found[name] = value
    return document(Blob(b"", item, fallback_id), text, options, **found)


def _string(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value).strip()


def _decode(blob: Blob) -> str | Reject:
    try:
        return decode_bytes(blob.data)
    except UndecodableError as exc:
        return Reject(item=blob.name, reason=str(exc))


def _dialect(text: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def _missing_column(field: str, header: Iterable[str]) -> str:
    columns = ", ".join(repr(c) for c in header)
    return f"no {field!r} column (columns: {columns}); name the text column with --text-field"
