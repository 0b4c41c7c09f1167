"""The embedded DuckDB event store: runs, batched idempotent writes, actors, stories and queries.

>>> with Store(":memory:") as store:
...     run_id = store.begin_run({}, "en_core_web_sm", "3.8.0", {})
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, NamedTuple

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tacitus._version import __version__
from tacitus.errors import StoreError
from tacitus.model import Document, Event, Reject
from tacitus.store import query
from tacitus.store.migrate import connect, prepare
from tacitus.store.schema import (
    DOCUMENT_FIELDS,
    DOCUMENT_SCHEMA,
    EVENT_FIELDS,
    EVENT_SCHEMA,
    REJECT_SCHEMA,
    day_sql,
)
from tacitus.store.stories import rebuild_stories

_WHITESPACE = re.compile(r"\s+")
_REQUIRED = MappingProxyType(
    {"documents": ("doc_id", "content_hash"), "events": ("event_id", "doc_id", "code", "root")}
)


class WriteResult(NamedTuple):
    """What one write stored: new documents, new events, rejects, and documents skipped as already stored."""

    documents: int
    events: int
    rejects: int
    skipped: int


def content_hash(text: str) -> str:
    """The sha256 of ``text`` after NFKC normalisation and whitespace collapsing: the re-coding key."""
    normal = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _now() -> datetime:
    """The current UTC time, naive, as the store keeps timestamps."""
    return datetime.now(UTC).replace(tzinfo=None)


def _conform(table: pa.Table, schema: pa.Schema, what: str) -> pa.Table:
    """``table`` with exactly ``schema``'s columns: missing optional columns become nulls."""
    missing = [name for name in _REQUIRED.get(what, ()) if name not in table.column_names]
    if missing:
        raise StoreError(f"{what} table lacks required column(s) {', '.join(missing)}")
    columns = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(len(table), f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def documents_table(documents: Sequence[tuple[Document, str]]) -> pa.Table:
    """Documents and their content hashes as an Arrow table for :meth:`Store.write_tables`."""
    rows = [
        {
            "doc_id": doc.id,
            "content_hash": digest,
            "source": doc.source,
            "url": doc.url,
            "title": doc.title,
            "date": doc.date,
            "language": doc.language,
        }
        for doc, digest in documents
    ]
    return pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def events_table(events: Iterable[Event]) -> pa.Table:
    """Events flattened (``Event.flat()``) into an Arrow table for :meth:`Store.write_tables`."""
    return pa.Table.from_pylist([event.flat() for event in events], schema=EVENT_SCHEMA)


def rejects_table(rejects: Iterable[Reject]) -> pa.Table:
    """Rejects as an Arrow table for :meth:`Store.write_tables`."""
    return pa.Table.from_pylist([r.model_dump() for r in rejects], schema=REJECT_SCHEMA)


_DOCUMENT_COLUMNS = ", ".join(DOCUMENT_FIELDS)
_INSERT_DOCUMENTS = f"""INSERT INTO documents ({_DOCUMENT_COLUMNS}, run_id, coded_at)
SELECT {_DOCUMENT_COLUMNS}, ?, ? FROM _tacitus_new_docs"""

_INSERT_EVENTS = f"""INSERT OR IGNORE INTO events ({", ".join(EVENT_FIELDS)}, run_id, day)
SELECT {", ".join("e." + f for f in EVENT_FIELDS)}, ?, coalesce({day_sql("e.date")}, {day_sql("d.doc_date")})
FROM _tacitus_events e LEFT JOIN (
  SELECT doc_id, arg_max(date, coded_at) AS doc_date FROM documents
  WHERE doc_id IN (SELECT doc_id FROM _tacitus_events) GROUP BY doc_id
) d ON d.doc_id = e.doc_id"""

_REFRESH_ACTORS = """INSERT INTO actors
SELECT code, mode(country), mode(sector), mode(name), min(day), max(day), count(DISTINCT event_id)
FROM (
  SELECT source_code AS code, source_country AS country, source_sector AS sector, source_name AS name,
         day, event_id FROM events
  UNION ALL
  SELECT target_code, target_country, target_sector, target_name, day, event_id FROM events
) WHERE code IS NOT NULL AND code <> '---'
GROUP BY code"""


class Store:
    """An embedded DuckDB store of coded documents, events, stories and runs (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path = "tacitus.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = connect(self.path, read_only)
        try:
            self.schema_version = prepare(self._con, self.path, read_only)
        except BaseException:
            self._con.close()
            self._con = None
            raise

    # -- lifecycle ---------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({self.path!r}, {mode}{', closed' if self._con is None else ''})"

    def close(self) -> None:
        """Close the store (committed writes are already durable); closing twice is harmless."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._con is None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, or a StoreError when closed."""
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed; open it again with Store({self.path!r})")
        return self._con

    def _writable(self) -> duckdb.DuckDBPyConnection:
        """The connection, checked to accept writes."""
        if self.read_only:
            raise StoreError(
                f"{self.path} is open read-only; open it with Store(path, read_only=False) to write"
            )
        return self._connection()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new DuckDB cursor on this store, for one thread's reads (close it when done)."""
        return self._connection().cursor()

    # -- runs --------------------------------------------------------------------------------------------
    def begin_run(
        self, config: dict[str, Any], model: str, model_version: str, dictionaries: dict[str, str]
    ) -> str:
        """Record the start of a coding run and return its id."""
        con = self._writable()
        run_id = f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        with self._lock:
            con.execute(
                "INSERT INTO runs (run_id, tacitus_version, model, model_version, dictionaries, config, "
                "started) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    __version__,
                    model,
                    model_version,
                    json.dumps(dictionaries, sort_keys=True),
                    json.dumps(config, sort_keys=True, default=str),
                    _now(),
                ],
            )
        return run_id

    def end_run(self, run_id: str, documents: int, events: int, rejects: int) -> None:
        """Record a run's end and totals, and refresh the actors table."""
        con = self._writable()
        with self._lock:
            found = con.execute(
                "UPDATE runs SET ended = ?, documents = ?, events = ?, rejects = ? "
                "WHERE run_id = ? RETURNING run_id",
                [_now(), documents, events, rejects, run_id],
            ).fetchall()
        if not found:
            raise StoreError(f"unknown run {run_id!r}; use the id returned by begin_run()")
        self.refresh_actors()

    def _check_run(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        """Refuse writes for a run that begin_run() did not create."""
        if not con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchall():
            raise StoreError(f"unknown run {run_id!r}; call begin_run() first and pass the id it returns")

    # -- writing -----------------------------------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        """Content hashes of every stored document: pass over these when re-coding."""
        rows = self._connection().execute("SELECT content_hash FROM documents").fetchall()
        return {row[0] for row in rows}

    def write_batch(
        self,
        run_id: str,
        documents: Sequence[tuple[Document, str]],
        events: Iterable[Event],
        rejects: Iterable[Reject] = (),
    ) -> WriteResult:
        """Store documents (with their content hashes), their events and rejects in one transaction.

        Documents whose content hash is already stored are skipped with their events, so writing the same
        batch twice adds nothing; on any error nothing of the batch is kept.
        """
        return self.write_tables(
            run_id, documents_table(documents), events_table(events), rejects_table(rejects)
        )

    def write_tables(
        self,
        run_id: str,
        documents: pa.Table,
        events: pa.Table | None = None,
        rejects: pa.Table | None = None,
    ) -> WriteResult:
        """:meth:`write_batch` for Arrow tables with DOCUMENT_FIELDS, Event.flat() and item/reason columns."""
        con = self._writable()
        documents = _conform(documents, DOCUMENT_SCHEMA, "documents")
        events = _conform(
            events if events is not None else EVENT_SCHEMA.empty_table(), EVENT_SCHEMA, "events"
        )
        rejects = _conform(
            rejects if rejects is not None else REJECT_SCHEMA.empty_table(), REJECT_SCHEMA, "rejects"
        )
        with self._lock:
            con.begin()
            try:
                self._check_run(con, run_id)
                result = self._write(con, run_id, documents, events, rejects)
                con.commit()
            except BaseException as exc:
                con.rollback()
                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"{self.path}: the batch was not written (rolled back): {exc}") from exc
                raise
        return result

    def _write(
        self,
        con: duckdb.DuckDBPyConnection,
        run_id: str,
        documents: pa.Table,
        events: pa.Table,
        rejects: pa.Table,
    ) -> WriteResult:
        """The body of one write transaction."""
        new_docs, skipped = self._new_documents(con, documents)
        if skipped:
            events = events.filter(pc.invert(pc.is_in(events.column("doc_id"), pa.array(sorted(skipped)))))
        now = _now()
        inserted = 0
        with _registered(con, _tacitus_new_docs=new_docs, _tacitus_events=events, _tacitus_rejects=rejects):
            if len(new_docs):
                con.execute(_INSERT_DOCUMENTS, [run_id, now])
            if len(events):
                inserted = _count(con.execute(_INSERT_EVENTS, [run_id]))
            if len(rejects):
                con.execute(
                    "INSERT INTO rejects SELECT item, reason, ?, ? FROM _tacitus_rejects", [run_id, now]
                )
        return WriteResult(len(new_docs), inserted, len(rejects), len(documents) - len(new_docs))

    def _new_documents(
        self, con: duckdb.DuckDBPyConnection, documents: pa.Table
    ) -> tuple[pa.Table, set[str]]:
        """The documents not stored yet (first of each hash), and the doc_ids skipped as already stored."""
        with _registered(con, _tacitus_batch_docs=documents.select(["content_hash"])):
            stored = {
                row[0]
                for row in con.execute(
                    "SELECT content_hash FROM documents WHERE content_hash IN "
                    "(SELECT content_hash FROM _tacitus_batch_docs)"
                ).fetchall()
            }
        seen: set[str] = set()
        keep: list[bool] = []
        kept_ids: set[str] = set()
        skipped_ids: set[str] = set()
        for digest, doc_id in zip(
            documents.column("content_hash").to_pylist(), documents.column("doc_id").to_pylist(), strict=True
        ):
            fresh = digest not in stored and digest not in seen
            keep.append(fresh)
            seen.add(digest)
            (kept_ids if fresh else skipped_ids).add(doc_id)
        return documents.filter(pa.array(keep, pa.bool_())), skipped_ids - kept_ids

    def refresh_actors(self) -> int:
        """Rebuild the actors table from the events; returns the number of actors."""
        con = self._writable()
        with self._lock:
            con.begin()
            try:
                con.execute("DELETE FROM actors")
                con.execute(_REFRESH_ACTORS)
                con.commit()
            except BaseException:
                con.rollback()
                raise
            row = next(iter(con.execute("SELECT count(*) FROM actors").fetchall()), None)
        return int(row[0]) if row else 0

    def build_stories(self, window_days: int = 3) -> int:
        """Regroup all asserted events into stories (see docs/store.md); returns the number of stories."""
        con = self._writable()
        with self._lock:
            return rebuild_stories(con, window_days)

    # -- reading -----------------------------------------------------------------------------------------
    def _read(self, fn: Any, *args: Any) -> Any:
        """Run a query function on a fresh cursor."""
        cur = self.cursor()
        try:
            return fn(cur, *args)
        finally:
            cur.close()

    def events(
        self, *, limit: int | None = None, as_arrow: bool = False, **filters: Any
    ) -> pd.DataFrame | pa.Table:
        """Events matching the filters (start, end, actor, country, sector, source, target, root, code,
        quad_class, modality), oldest first."""
        return self._read(query.events, filters, limit, as_arrow)

    def stories(
        self, *, limit: int | None = None, as_arrow: bool = False, **filters: Any
    ) -> pd.DataFrame | pa.Table:
        """Stories with at least one member event matching the event filters, oldest first."""
        return self._read(query.stories, filters, limit, as_arrow)

    def story_members(self, story_id: str, *, as_arrow: bool = False) -> pd.DataFrame | pa.Table:
        """One story's events, each with ``why`` it joined the story."""
        return self._read(query.story_members, story_id, as_arrow)

    def dyads(
        self, freq: str = "month", *, as_arrow: bool = False, **filters: Any
    ) -> pd.DataFrame | pa.Table:
        """Per period and source_code/target_code: event count and mean Goldstein (asserted events unless
        ``modality`` is given; ``modality=None`` counts all)."""
        filters.setdefault("modality", "asserted")
        return self._read(query.dyads, freq, filters, as_arrow)

    def sql(self, sql: str, params: Iterable[Any] | None = None) -> pd.DataFrame:
        """Run one read-only statement (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) and return a DataFrame."""
        return self._read(query.read_sql, sql, params)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("documents", "events", "stories", "actors", "rejects", "runs")
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)
        row = next(iter(self._read(lambda cur: cur.execute(sql).fetchall())), None)
        return dict(zip(tables, (int(v) for v in row), strict=True))


def _count(result: duckdb.DuckDBPyConnection) -> int:
    """The row count DuckDB returns for an INSERT."""
    row = next(iter(result.fetchall()), None)
    return int(row[0]) if row else 0


class _registered:
    """Register Arrow tables as DuckDB views for the duration of a ``with`` block."""

    def __init__(self, con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> None:
        self._con = con
        self._tables = tables

    def __enter__(self) -> None:
        for name, table in self._tables.items():
            self._con.register(name, table)

    def __exit__(self, *exc: object) -> None:
        for name in self._tables:
            self._con.unregister(name)


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """Open an existing store, read-only unless asked otherwise."""
    return Store(path, read_only=read_only)
