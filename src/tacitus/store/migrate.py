"""Opening a DuckDB file as a Tacitus store: connect, check the schema version, apply missing migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tacitus._version import __version__
from tacitus.errors import StoreError
from tacitus.store.schema import MIGRATIONS, SCHEMA_VERSION, SCHEMA_VERSION_TABLE, Migration

MEMORY = ":memory:"


def connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, turning DuckDB's errors into StoreErrors that say what to do."""
    if path == MEMORY and read_only:
        raise StoreError("an in-memory store cannot be read-only: open it with read_only=False")
    if read_only and path != MEMORY and not Path(path).exists():
        raise StoreError(
            f"{path}: no such store; code some documents into it first (tacitus code ... --db {path})"
        )
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(_connect_message(path, str(exc))) from exc


def _connect_message(path: str, detail: str) -> str:
    """An actionable message for a failed connect."""
    if "not a valid DuckDB database" in detail:
        return f"{path} is not a DuckDB database file: pass a Tacitus store, or a new path to create one"
    if "lock" in detail.lower():
        return f"{path} is open for writing in another process; stop or wait for it, then retry ({detail})"
    if "different configuration" in detail:
        return f"{path} is already open in this process with another read_only setting; reuse that Store"
    return f"{path}: cannot open the store: {detail}"


def _user_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the persistent tables of the main database."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary"
    ).fetchall()
    return {row[0] for row in rows}


def stored_version(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """The store's schema version and the Tacitus version that wrote it (0 when never migrated)."""
    query = "SELECT max(version), arg_max(tacitus_version, version) FROM schema_version"
    row = next(iter(con.execute(query).fetchall()), None)
    if row is None or row[0] is None:
        return 0, "unknown"
    return int(row[0]), str(row[1])


def prepare(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> int:
    """Check that ``con`` holds a Tacitus store this version can use, migrating it if needed."""
    tables = _user_tables(con)
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"{path} is a DuckDB database but not a Tacitus store (no schema_version table); "
                "pass a new path to create a store"
            )
        if read_only:
            raise StoreError(
                f"{path} is an empty DuckDB database; open it read-write once to create the store"
            )
        con.execute(SCHEMA_VERSION_TABLE)
    version, written_by = stored_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has store schema {version}, written by Tacitus {written_by}; this Tacitus {__version__} "
            f"reads schema {SCHEMA_VERSION} at most. Upgrade: pip install --upgrade 'tacitus>={written_by}'"
        )
    if version < SCHEMA_VERSION:
        if read_only:
            raise StoreError(
                f"{path} has store schema {version} and needs migrating to {SCHEMA_VERSION}; "
                "open it once read-write (Store(path)) to migrate it"
            )
        for migration in MIGRATIONS:
            if migration.version > version:
                _apply(con, path, migration)
    return SCHEMA_VERSION


def _apply(con: duckdb.DuckDBPyConnection, path: str, migration: Migration) -> None:
    """Run one migration and record it, all in one transaction."""
    con.begin()
    try:
        for statement in migration.statements:
            con.execute(statement)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?)",
            [migration.version, __version__, datetime.now(UTC).replace(tzinfo=None)],
        )
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(
            f"{path}: migrating to schema {migration.version} ({migration.description}) failed and was "
            f"rolled back: {exc}. Keep the file and report this issue"
        ) from exc
