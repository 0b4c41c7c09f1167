"""Reading the store: event filters turned into parameterised SQL, and the event, story and dyad queries.

Every filter value reaches DuckDB as a bound parameter; column names come only from the tables below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.store.schema import EVENT_FIELDS

# filter name -> (kind, columns); a filter matches when any of its columns matches.
_FILTER_COLUMNS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {
        "start": ("start", ("day",)),
        "end": ("end", ("day",)),
        "actor": ("prefix", ("source_code", "target_code")),
        "source": ("prefix", ("source_code",)),
        "target": ("prefix", ("target_code",)),
        "code": ("prefix", ("code",)),
        "country": ("equal", ("source_country", "target_country")),
        "sector": ("equal", ("source_sector", "target_sector")),
        "root": ("equal", ("root",)),
        "quad_class": ("equal", ("quad_class",)),
        "modality": ("equal", ("modality",)),
    }
)

FILTERS: tuple[str, ...] = tuple(_FILTER_COLUMNS)
FREQUENCIES: tuple[str, ...] = ("day", "week", "month", "year")
_READ_STATEMENTS = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)


def _as_date(name: str, value: Any) -> date:
    """A filter date from a date, datetime or ``YYYY-MM-DD`` string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise StoreError(
            f"{name}={value!r} is not a date; use YYYY-MM-DD, e.g. {name}='2020-01-31'"
        ) from None


def _normalise(name: str, value: Any) -> Any:
    """Check one filter value and put it in the form stored in the table."""
    if name == "root":
        text = str(value)
        return text.zfill(2) if text.isdigit() else text
    if name == "code" and not isinstance(value, str):
        raise StoreError(
            f"code={value!r}: pass CAMEO codes as strings with their leading zeros, e.g. code='0841'"
        )
    if name == "quad_class":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise StoreError(f"quad_class={value!r}: use 1, 2, 3 or 4") from None
    return str(value)


def _values(name: str, value: Any) -> list[Any]:
    """A filter value as a list (a list, tuple or set means any of them)."""
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    if not items:
        raise StoreError(f"{name}=[] matches nothing; pass at least one value or leave the filter out")
    return [_normalise(name, item) for item in sorted(items, key=str)]


def _clause(kind: str, name: str, column: str, value: Any, params: list[Any]) -> str:
    """The SQL condition of one filter on one column, appending its parameters."""
    if kind == "start":
        params.append(_as_date(name, value))
        return f"{column} >= ?"
    if kind == "end":
        params.append(_as_date(name, value))
        return f"{column} <= ?"
    values = _values(name, value)
    params.extend(values)
    if kind == "prefix":
        return "(" + " OR ".join(f"starts_with({column}, ?)" for _ in values) + ")"
    return f"{column} IN ({', '.join('?' for _ in values)})"


def where(filters: Mapping[str, Any], alias: str = "e") -> tuple[str, list[Any]]:
    """``filters`` as a SQL condition on events aliased ``alias`` (``TRUE`` if empty), and its parameters."""
    unknown = sorted(set(filters) - set(_FILTER_COLUMNS))
    if unknown:
        raise StoreError(f"unknown filter {', '.join(unknown)}; the filters are: {', '.join(FILTERS)}")
    conditions: list[str] = []
    params: list[Any] = []
    for name in FILTERS:
        value = filters.get(name)
        if value is None:
            continue
        kind, columns = _FILTER_COLUMNS[name]
        parts = [_clause(kind, name, f"{alias}.{col}", value, params) for col in columns]
        conditions.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    return (" AND ".join(conditions) or "TRUE"), params


def _result(
    cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any], as_arrow: bool
) -> pd.DataFrame | pa.Table:
    """Run ``sql`` and return a DataFrame or an Arrow table."""
    try:
        relation = cur.sql(sql, params=params)
        return relation.to_arrow_table() if as_arrow else relation.df()
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc


def _limit(sql: str, limit: int | None, params: list[Any]) -> str:
    """Append a LIMIT clause when asked."""
    if limit is None:
        return sql
    params.append(int(limit))
    return sql + " LIMIT ?"


def events(
    cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], limit: int | None, as_arrow: bool
) -> pd.DataFrame | pa.Table:
    """Events matching ``filters``, oldest first."""
    condition, params = where(filters)
    sql = (
        f"SELECT e.* FROM events e WHERE {condition} "
        "ORDER BY e.day NULLS LAST, e.doc_id, e.sentence_index, e.event_id"
    )
    return _result(cur, _limit(sql, limit, params), params, as_arrow)


def stories(
    cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], limit: int | None, as_arrow: bool
) -> pd.DataFrame | pa.Table:
    """Stories with at least one member event matching ``filters``, oldest first."""
    condition, params = where(filters)
    member = "TRUE"
    if params:
        member = (
            "s.story_id IN (SELECT se.story_id FROM story_events se "
            f"JOIN events e ON e.event_id = se.event_id WHERE {condition})"
        )
    sql = f"SELECT s.* FROM stories s WHERE {member} ORDER BY s.first_date NULLS LAST, s.story_id"
    return _result(cur, _limit(sql, limit, params), params, as_arrow)


def story_members(cur: duckdb.DuckDBPyConnection, story_id: str, as_arrow: bool) -> pd.DataFrame | pa.Table:
    """The events of one story, with why each one joined it."""
    sql = (
        "SELECT se.why, e.* FROM story_events se JOIN events e ON e.event_id = se.event_id "
        "WHERE se.story_id = ? ORDER BY e.day NULLS LAST, e.doc_id, e.event_id"
    )
    return _result(cur, sql, [story_id], as_arrow)


def dyads(
    cur: duckdb.DuckDBPyConnection, freq: str, filters: Mapping[str, Any], as_arrow: bool
) -> pd.DataFrame | pa.Table:
    """Event counts and mean Goldstein score per source_code, target_code and period."""
    if freq not in FREQUENCIES:
        raise StoreError(f"freq={freq!r}: use one of {', '.join(FREQUENCIES)}")
    condition, params = where(filters)
    sql = (
        "SELECT CAST(date_trunc(?, e.day) AS DATE) AS period, e.source_code, e.target_code, "
        "count(*) AS events, avg(e.goldstein) AS goldstein "
        f"FROM events e WHERE e.day IS NOT NULL AND {condition} "
        "GROUP BY ALL ORDER BY period, e.source_code, e.target_code"
    )
    return _result(cur, sql, [freq, *params], as_arrow)


def check_read_only(query: str) -> None:
    """Refuse anything but one reading statement (SELECT, WITH, FROM, DESCRIBE, SHOW, EXPLAIN)."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"cannot parse the query: {exc}") from exc
    if len(statements) != 1:
        raise StoreError(f"pass exactly one statement, not {len(statements)}")
    kind = statements[0].type
    if kind not in _READ_STATEMENTS:
        raise StoreError(
            f"Store.sql only reads (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN); this is a {kind.name} statement. "
            "Write through the Python API (write_batch, build_stories)"
        )


def read_sql(cur: duckdb.DuckDBPyConnection, query: str, params: Iterable[Any] | None) -> pd.DataFrame:
    """Run one read-only statement inside a transaction that is always rolled back."""
    check_read_only(query)
    cur.begin()
    try:
        return cur.execute(query, list(params) if params is not None else None).df()
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc
    finally:
        cur.rollback()


def flat_columns() -> tuple[str, ...]:
    """The columns of the flat event exports: the event record and the run that coded it."""
    return (*EVENT_FIELDS, "run_id")
