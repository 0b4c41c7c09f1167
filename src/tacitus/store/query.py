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
        "claimed_by": ("prefix", ("claimed_by_code",)),
        "doc_id": ("equal", ("doc_id",)),
        "text": ("contains", ("sentence",)),
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
    if kind == "contains":
        text = str(value)
        if any(char in text for char in "%_\\"):  # LIKE wildcards: match them literally (slower)
            params.append(text.lower())
            return f"contains(lower({column}), ?)"
        params.append(f"%{text}%")  # ILIKE without ESCAPE takes DuckDB's fast path
        return f"{column} ILIKE ?"
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


# -- views for the dashboard and the JSON API ---------------------------------------------------------------
# Each takes a cursor and event filters and returns plain rows (dicts); the SQL is fixed text with bound
# parameters, and the only names spliced in come from the whitelists below.

ORDERS: Mapping[str, str] = MappingProxyType(
    {
        "date": "e.day NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
        "-date": "e.day DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
        "goldstein": "e.goldstein NULLS LAST, e.day, e.event_id",
        "-goldstein": "e.goldstein DESC NULLS LAST, e.day, e.event_id",
    }
)
LEVELS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"actor": ("e.source_code", "e.target_code"), "country": ("e.source_country", "e.target_country")}
)
_QUADS = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run ``sql`` and return its rows as dicts keyed by column name."""
    try:
        result = cur.execute(sql, params)
        names = [column[0] for column in result.description or ()]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {exc}") from exc


def _check(name: str, value: str, allowed: Iterable[str]) -> None:
    """Refuse a value outside a fixed list, naming the choices."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise StoreError(f"{name}={value!r}: use one of {', '.join(allowed)}")


def event_page(
    cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], limit: int, offset: int, order: str = "date"
) -> tuple[int, list[dict[str, Any]]]:
    """The total number of events matching ``filters`` and one page of them in ``order``."""
    _check("order", order, ORDERS)
    condition, params = where(filters)
    total = rows(cur, f"SELECT count(*) AS n FROM events e WHERE {condition}", params)[0]["n"]
    # Sort only the keys, then fetch the page's full rows: much cheaper when many events match.
    keys = "e.event_id, e.day, e.doc_id, e.sentence_index, e.goldstein"
    sql = (
        f"SELECT e.* FROM (SELECT {keys} FROM events e WHERE {condition} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?) "
        f"k JOIN events e ON e.event_id = k.event_id ORDER BY {ORDERS[order]}"
    )
    return int(total), rows(cur, sql, [*params, int(limit), int(offset)])


def event_by_id(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event by its id, or None."""
    found = rows(cur, "SELECT e.* FROM events e WHERE e.event_id = ?", [event_id])
    return found[0] if found else None


def series(cur: duckdb.DuckDBPyConnection, freq: str, filters: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per period: event count, mean Goldstein and counts per QuadClass (q1 verbal cooperation .. q4
    material conflict)."""
    _check("freq", freq, FREQUENCIES)
    condition, params = where(filters)
    sql = (
        "SELECT CAST(date_trunc(?, e.day) AS DATE) AS period, count(*) AS events, avg(e.goldstein) AS goldstein, "
        f"{_QUADS} FROM events e WHERE e.day IS NOT NULL AND {condition} GROUP BY 1 ORDER BY 1"
    )
    return rows(cur, sql, [freq, *params])


def dyad_series(
    cur: duckdb.DuckDBPyConnection, freq: str, first: str, second: str, filters: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Per period and direction (``forward`` first -> second, ``backward`` second -> first): count, mean
    Goldstein and QuadClass counts. Actor codes match as prefixes (``IRQ`` covers ``IRQMIL``)."""
    _check("freq", freq, FREQUENCIES)
    condition, params = where(filters)
    sql = (
        "SELECT CAST(date_trunc(?, e.day) AS DATE) AS period, "
        "CASE WHEN starts_with(e.source_code, ?) AND starts_with(e.target_code, ?) THEN 'forward' "
        "ELSE 'backward' END AS direction, count(*) AS events, avg(e.goldstein) AS goldstein, "
        f"{_QUADS} FROM events e WHERE e.day IS NOT NULL AND {condition} AND ("
        "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)) OR "
        "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))) GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return rows(cur, sql, [freq, first, second, *params, first, second, second, first])


def _both_coded(source: str, target: str) -> str:
    """SQL: both sides of the pair are coded actors (not NULL, not '---')."""
    return f"{source} IS NOT NULL AND {target} IS NOT NULL AND {source} <> '---' AND {target} <> '---'"


def top_dyads(
    cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], limit: int = 10, level: str = "actor"
) -> list[dict[str, Any]]:
    """The most frequent (source, target) pairs with both sides coded, with their mean Goldstein."""
    _check("level", level, LEVELS)
    source, target = LEVELS[level]
    condition, params = where(filters)
    sql = (
        f"SELECT {source} AS source, {target} AS target, count(*) AS events, avg(e.goldstein) AS goldstein "
        f"FROM events e WHERE {condition} AND {_both_coded(source, target)} "
        f"GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?"
    )
    return rows(cur, sql, [*params, int(limit)])


def network(
    cur: duckdb.DuckDBPyConnection,
    filters: Mapping[str, Any],
    max_nodes: int = 40,
    max_edges: int = 150,
    level: str = "actor",
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The actor network: the ``max_nodes`` most active actors (events on either side, mean Goldstein) and
    the directed edges among them weighted by event count, with their mean Goldstein."""
    _check("level", level, LEVELS)
    source, target = LEVELS[level]
    condition, params = where(filters)
    pairs = (
        f"SELECT {source} AS s, {target} AS t, e.goldstein AS g FROM events e WHERE {condition} "
        f"AND {_both_coded(source, target)} AND {source} <> {target}"
    )
    nodes = rows(
        cur,
        f"WITH p AS ({pairs}) SELECT code, count(*) AS events, avg(g) AS goldstein FROM "
        "(SELECT s AS code, g FROM p UNION ALL SELECT t, g FROM p) GROUP BY code ORDER BY events DESC, code LIMIT ?",
        [*params, int(max_nodes)],
    )
    codes = [node["code"] for node in nodes]
    if not codes:
        return [], []
    marks = ", ".join("?" for _ in codes)
    edges = rows(
        cur,
        f"WITH p AS ({pairs}) SELECT s AS source, t AS target, count(*) AS events, avg(g) AS goldstein FROM p "
        f"WHERE s IN ({marks}) AND t IN ({marks}) GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?",
        [*params, *codes, *codes, int(max_edges)],
    )
    return nodes, edges


def summary(cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any]) -> dict[str, Any]:
    """Counts of the matching events: total, documents, actors, date range, by modality, QuadClass and root."""
    condition, params = where(filters)
    head = rows(
        cur,
        "SELECT count(*) AS events, count(DISTINCT e.doc_id) AS documents, min(e.day) AS first_day, "
        "max(e.day) AS last_day, avg(e.goldstein) AS goldstein, "
        "count(*) FILTER (WHERE e.location_name IS NOT NULL) AS located "
        f"FROM events e WHERE {condition}",
        params,
    )[0]
    actors = rows(
        cur,
        "SELECT count(DISTINCT code) AS n FROM (SELECT unnest([e.source_code, e.target_code]) AS code "
        f"FROM events e WHERE {condition}) WHERE code <> '---'",
        params,
    )[0]["n"]
    grouped = rows(
        cur,
        "SELECT e.modality, e.quad_class, e.root, count(*) AS n FROM events e "
        f"WHERE {condition} GROUP BY GROUPING SETS ((e.modality), (e.quad_class), (e.root))",
        params,
    )
    counts: dict[str, dict[str, int]] = {"modality": {}, "quad_class": {}, "root": {}}
    for row in grouped:
        for name, found in counts.items():
            if row[name] is not None:
                found[str(row[name])] = int(row["n"])
    return {**head, "actors": int(actors), **{name: dict(sorted(found.items())) for name, found in counts.items()}}


def places(cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], limit: int = 500) -> list[dict[str, Any]]:
    """Event locations with coordinates or a country, most events first."""
    condition, params = where(filters)
    sql = (
        "SELECT e.location_name AS name, e.location_country AS country, e.location_lat AS lat, "
        "e.location_lon AS lon, any_value(e.location_precision) AS precision, count(*) AS events, "
        f"avg(e.goldstein) AS goldstein FROM events e WHERE {condition} AND e.location_name IS NOT NULL "
        "GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name LIMIT ?"
    )
    return rows(cur, sql, [*params, int(limit)])


def country_counts(cur: duckdb.DuckDBPyConnection, filters: Mapping[str, Any], basis: str) -> list[dict[str, Any]]:
    """Events per country (ISO 3166 alpha-3): where they happened (``location``) or whose actors took part
    (``actors``: an event counts once for each distinct country on its two sides)."""
    _check("basis", basis, ("location", "actors"))
    condition, params = where(filters)
    if basis == "location":
        sql = (
            "SELECT e.location_country AS country, count(*) AS events, avg(e.goldstein) AS goldstein "
            f"FROM events e WHERE {condition} AND e.location_country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return rows(cur, sql, params)
    sql = (
        "SELECT country, count(*) AS events, avg(g) AS goldstein FROM ("
        f"SELECT e.source_country AS country, e.goldstein AS g FROM events e WHERE {condition} "
        f"UNION ALL SELECT e.target_country, e.goldstein FROM events e WHERE {condition} "
        "AND e.target_country IS DISTINCT FROM e.source_country"
        ") WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return rows(cur, sql, [*params, *params])


def actor_list(cur: duckdb.DuckDBPyConnection, limit: int = 500) -> list[dict[str, Any]]:
    """Known actors, most active first (from the actors table)."""
    sql = (
        "SELECT code, country, sector, name, n_events AS events FROM actors "
        "ORDER BY n_events DESC NULLS LAST, code LIMIT ?"
    )
    return rows(cur, sql, [int(limit)])


def document_info(cur: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A stored document's metadata (newest version of the doc_id), or None."""
    found = rows(
        cur,
        "SELECT doc_id, arg_max(date, coded_at) AS date, arg_max(title, coded_at) AS title, "
        "arg_max(source, coded_at) AS source, arg_max(url, coded_at) AS url, max(coded_at) AS coded_at "
        "FROM documents WHERE doc_id = ? GROUP BY doc_id",
        [doc_id],
    )
    return found[0] if found else None
