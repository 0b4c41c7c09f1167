"""The store's tables, their Arrow twins, and the ordered list of schema migrations.

A store records its schema version in ``schema_version``; opening an older store applies the missing steps of
:data:`MIGRATIONS` in order, each in its own transaction. Never edit a released step: append a new one.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import pyarrow as pa


class Migration(NamedTuple):
    """One schema step: the version it produces, why, and its SQL statements."""

    version: int
    description: str
    statements: tuple[str, ...]


# The columns of Event.flat(), in its order, with their DuckDB types (tests guard that they agree).
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("date", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("source_text", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("target_text", "VARCHAR"),
    ("code", "VARCHAR"),
    ("root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("plover", "VARCHAR"),
    ("modality", "VARCHAR"),
    ("claimed_by_code", "VARCHAR"),
    ("claimed_by_name", "VARCHAR"),
    ("claimed_by_text", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_precision", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("date_precision", "VARCHAR"),
    ("date_source", "VARCHAR"),
)
EVENT_FIELDS: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMNS)

# What a caller hands to Store.write_tables for documents (run_id and coded_at are added by the store).
DOCUMENT_FIELDS: tuple[str, ...] = ("doc_id", "content_hash", "source", "url", "title", "date", "language")

_ARROW_TYPES = MappingProxyType({"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64()})

EVENT_SCHEMA = pa.schema([(name, _ARROW_TYPES[sql]) for name, sql in EVENT_COLUMNS])
DOCUMENT_SCHEMA = pa.schema([(name, pa.string()) for name in DOCUMENT_FIELDS])
REJECT_SCHEMA = pa.schema([("item", pa.string()), ("reason", pa.string())])


_V1_EVENT_COLUMNS = 32  # columns of schema 1; later columns come from their own migration steps


def _event_table_sql() -> str:
    """CREATE TABLE for events as schema 1 made it: the flat record, the run, and the derived day."""
    required = {"event_id": " PRIMARY KEY", "doc_id": " NOT NULL", "code": " NOT NULL", "root": " NOT NULL"}
    cols = [f"{name} {sql}{required.get(name, '')}" for name, sql in EVENT_COLUMNS[:_V1_EVENT_COLUMNS]]
    cols += ["run_id VARCHAR", "day DATE"]
    return "CREATE TABLE events (\n  " + ",\n  ".join(cols) + "\n)"


_INITIAL = (
    """CREATE TABLE documents (
  content_hash VARCHAR PRIMARY KEY,
  doc_id VARCHAR NOT NULL,
  source VARCHAR,
  url VARCHAR,
  title VARCHAR,
  date VARCHAR,
  language VARCHAR,
  run_id VARCHAR,
  coded_at TIMESTAMP
)""",
    _event_table_sql(),
    """CREATE TABLE actors (
  code VARCHAR PRIMARY KEY,
  country VARCHAR,
  sector VARCHAR,
  name VARCHAR,
  first_seen DATE,
  last_seen DATE,
  n_events BIGINT
)""",
    """CREATE TABLE stories (
  story_id VARCHAR,
  root VARCHAR,
  code VARCHAR,
  source_key VARCHAR,
  target_key VARCHAR,
  first_date DATE,
  last_date DATE,
  first_seen DATE,
  last_seen DATE,
  num_mentions INTEGER,
  num_documents INTEGER,
  num_sources INTEGER,
  reason VARCHAR
)""",
    "CREATE TABLE story_events (story_id VARCHAR, event_id VARCHAR, why VARCHAR)",
    'CREATE TABLE rejects (item VARCHAR, reason VARCHAR, run_id VARCHAR, "at" TIMESTAMP)',
    """CREATE TABLE runs (
  run_id VARCHAR PRIMARY KEY,
  tacitus_version VARCHAR,
  model VARCHAR,
  model_version VARCHAR,
  dictionaries JSON,
  config JSON,
  started TIMESTAMP,
  ended TIMESTAMP,
  documents BIGINT,
  events BIGINT,
  rejects BIGINT
)""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _INITIAL),
    Migration(
        2,
        "event date precision and source (issue 6)",
        (
            "ALTER TABLE events ADD COLUMN date_precision VARCHAR",
            "ALTER TABLE events ADD COLUMN date_source VARCHAR",
        ),
    ),
)

SCHEMA_VERSION: int = MIGRATIONS[-1].version

SCHEMA_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version "
    "(version INTEGER NOT NULL, tacitus_version VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
)


def day_sql(column: str) -> str:
    """SQL turning an ISO date (``2020-01-03``, ``2020-01``, ``1980``) into the first DATE it covers."""
    return (
        f"CASE WHEN length({column}) >= 10 THEN try_cast(left({column}, 10) AS DATE) "
        f"WHEN length({column}) = 7 THEN try_cast({column} || '-01' AS DATE) "
        f"WHEN length({column}) = 4 THEN try_cast({column} || '-01-01' AS DATE) END"
    )


# One row per doc_id with the newest stored document's metadata (a doc_id recoded with new text has two rows).
DOC_INFO_SQL = """SELECT doc_id,
  arg_max(date, coded_at) AS doc_date,
  arg_max(source, coded_at) AS doc_source,
  arg_max(url, coded_at) AS doc_url,
  arg_max(title, coded_at) AS doc_title,
  max(coded_at) AS coded_at
FROM documents GROUP BY doc_id"""
