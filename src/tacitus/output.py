"""Event writers: JSON Lines (default), CSV and Parquet, chosen by the output file's extension."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from .errors import ConfigError
from .model import Event

FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


class EventWriter:
    """Writes events as they come; use as a context manager. ``path=None`` writes JSON Lines to stdout."""

    def __init__(self, path: Path | None, stream: IO[str] | None = None) -> None:
        self.path = path
        self.format = "jsonl" if path is None else FORMATS.get(path.suffix.lower(), "")
        if not self.format:
            raise ConfigError(f"cannot tell the output format of {path}: use .jsonl, .csv or .parquet")
        self._stream = stream
        self._file: IO[str] | None = None
        self._csv: csv.DictWriter[str] | None = None
        self._rows: list[dict[str, object]] = []
        self.count = 0

    def __enter__(self) -> EventWriter:
        if self.path is None:
            self._file = self._stream or sys.stdout
        elif self.format in ("jsonl", "csv"):
            self._file = self.path.open("w", encoding="utf-8", newline="")
        return self

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.count += 1
            if self.format == "jsonl":
                assert self._file is not None
                self._file.write(json.dumps(event.model_dump(mode="json"), ensure_ascii=False) + "\n")
            elif self.format == "csv":
                row = event.flat()
                if self._csv is None:
                    assert self._file is not None
                    self._csv = csv.DictWriter(self._file, fieldnames=list(row))
                    self._csv.writeheader()
                self._csv.writerow(row)
            else:
                self._rows.append(event.flat())

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.format == "parquet" and self.path is not None:
            _write_parquet(self._rows, self.path)
        if self._file is not None and self.path is not None:
            self._file.close()
        elif self._file is not None:
            self._file.flush()


def _write_parquet(rows: list[dict[str, object]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .model import Actor

    if rows:
        table = pa.Table.from_pylist(rows)
    else:  # an empty file still carries the columns
        dummy = Event(event_id="", doc_id="", sentence_index=0, sentence="", span=(0, 0), source=Actor(),
                      target=Actor(), code="010", root="01", quad_class=1, goldstein=0.0, plover="")
        table = pa.Table.from_pylist([dummy.flat()]).slice(0, 0)
    pq.write_table(table, path)
