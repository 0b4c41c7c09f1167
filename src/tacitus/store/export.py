"""Exports of the store's events: GDELT 2.0 event table, ICEWS-style TSV, PLOVER JSON Lines, and the flat
event table as Parquet, CSV or JSON Lines. See docs/store.md for every column's source.

The interchange formats (gdelt, icews, plover) cannot say that an event was denied or only hypothetical, so
they export asserted events unless a ``modality`` filter is given. Every export is one DuckDB ``COPY`` with
the filters bound as parameters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import duckdb
import pyarrow as pa

from tacitus._version import __version__
from tacitus.errors import StoreError, TacitusError
from tacitus.store.db import Store
from tacitus.store.query import flat_columns, where
from tacitus.store.schema import DOC_INFO_SQL

EXPORT_FORMATS: tuple[str, ...] = ("gdelt", "icews", "plover", "parquet", "csv", "jsonl")

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)

# The PLOVER JSON fields we fill (PLOVER manual, "JSON Data Fields"), in output order.
PLOVER_FIELDS: tuple[str, ...] = (
    "id",
    "has_event",
    "date",
    "source",
    "recipient",
    "event",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "mode",
    "context",
    "link",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "coded_date",
)
# Named fields beyond the standard, which PLOVER allows; they keep what the standard cannot carry.
PLOVER_EXTENSIONS: tuple[str, ...] = ("cameo_code", "modality", "confidence", "claimed_by")

# Known-group prefixes of CAMEO actor codes: IGOUNO -> KnownGroupCode UNO.
_GROUP_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")


def gdelt_columns() -> list[str]:
    """The 61 column names of the GDELT 2.0 event table, in file order (the files have no header)."""
    actors = [f"Actor{n}{field}" for n in (1, 2) for field in _ACTOR_FIELDS]
    event = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"]
    counts = ["NumMentions", "NumSources", "NumArticles", "AvgTone"]
    geo = [f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in _GEO_FIELDS]
    return [
        "GlobalEventID",
        "Day",
        "MonthYear",
        "Year",
        "FractionDate",
        *actors,
        *event,
        *counts,
        *geo,
        "DATEADDED",
        "SOURCEURL",
    ]


def gdelt_event_id(event_id: str) -> int:
    """The GlobalEventID written for ``event_id``: the first 60 bits of its sha256, so stable and positive."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 (and CAMEO country) codes -> FIPS 10-4 codes, from ``tacitus/data/fips.tsv``."""
    text = resources.files("tacitus").joinpath("data/fips.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line and not line.startswith("#")]
    return {iso3: fips for iso3, fips in rows if fips}


def _clean(expr: str) -> str:
    """SQL for free text with tabs and line breaks turned into spaces, as GDELT's files have."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _nonempty(expr: str) -> str:
    """SQL mapping the unknown actor code and empty strings to NULL (written as an empty field)."""
    return f"nullif(nullif({expr}, '---'), '')"


_BASE = f"""SELECT e.*, d.doc_url, d.doc_source, d.doc_title, d.coded_at, se.story_id,
  coalesce(s.num_mentions, 1) AS num_mentions, coalesce(s.num_sources, 1) AS num_sources,
  coalesce(s.num_documents, 1) AS num_documents
FROM events e
LEFT JOIN ({DOC_INFO_SQL}) d ON d.doc_id = e.doc_id
LEFT JOIN story_events se ON se.event_id = e.event_id
LEFT JOIN stories s ON s.story_id = se.story_id"""


_ORDER = "ORDER BY day NULLS LAST, doc_id, sentence_index, event_id"
_ADM1 = "'adm1', 'state', 'province', 'region'"  # location precisions meaning a first-level division


def _actor_sql(role: str) -> list[str]:
    """GDELT's ten actor columns from one side of the event."""
    code = f"{role}_code"
    prefixes = ", ".join(repr(p) for p in _GROUP_PREFIXES)
    group = f"CASE WHEN left({code}, 3) IN ({prefixes}) THEN substr({code}, 4, 3) END"
    return [
        _nonempty(code),
        _clean(f"{role}_name"),
        f"{role}_country",
        group,
        "NULL",
        "NULL",
        "NULL",
        f"{role}_sector",
        "NULL",
        "NULL",
    ]


def _action_geo_sql() -> list[str]:
    """GDELT's ActionGeo columns from the event's location (FIPS country codes)."""
    geo_type = (
        "CASE WHEN location_name IS NULL AND location_country IS NULL THEN 0 "
        "WHEN lower(location_precision) = 'country' OR location_name IS NULL THEN 1 "
        f"WHEN lower(location_precision) IN ({_ADM1}) THEN 5 ELSE 4 END"
    )
    country_level = "(lower(location_precision) = 'country' OR location_name IS NULL)"
    return [
        geo_type,
        _clean("coalesce(location_name, location_country)"),
        "f.fips",
        f"CASE WHEN {country_level} THEN f.fips END",
        "NULL",
        "location_lat",
        "location_lon",
        f"CASE WHEN {country_level} THEN f.fips END",
    ]


def _gdelt_sql(condition: str) -> str:
    """The SELECT producing GDELT 2.0 rows."""
    empty_geo = ["0", *["NULL"] * 7]
    values = [
        "('0x' || left(sha256(event_id), 15))::BIGINT",
        "strftime(day, '%Y%m%d')",
        "strftime(day, '%Y%m')",
        "CAST(year(day) AS VARCHAR)",
        "printf('%.4f', year(day) + (dayofyear(day) - 1) / dayofyear(make_date(year(day), 12, 31)))",
        *_actor_sql("source"),
        *_actor_sql("target"),
        "CASE WHEN sentence_index < 3 THEN 1 ELSE 0 END",
        "code",
        "left(code, 3)",
        "root",
        "quad_class",
        "goldstein",
        "num_mentions",
        "num_sources",
        "num_documents",
        "0",
        *empty_geo,
        *empty_geo,
        *_action_geo_sql(),
        "strftime(coded_at, '%Y%m%d%H%M%S')",
        _clean("coalesce(doc_url, doc_id)"),
    ]
    cols = ",\n  ".join(f'{v} AS "{name}"' for v, name in zip(values, gdelt_columns(), strict=True))
    return (
        f"SELECT {cols}\nFROM ({_BASE} WHERE {condition}) x\n"
        f"LEFT JOIN _tacitus_fips f ON f.iso3 = x.location_country\n{_ORDER}"
    )


def _icews_sql(condition: str) -> str:
    """The SELECT producing ICEWS-style rows."""
    city = f"CASE WHEN lower(coalesce(location_precision, '')) NOT IN ('country', {_ADM1})"
    values = [
        "event_id",
        "strftime(day, '%Y-%m-%d')",
        _clean("source_name"),
        "source_sector",
        "source_country",
        "coalesce(n.name, x.code)",
        "x.code",
        "goldstein",
        _clean("target_name"),
        "target_sector",
        "target_country",
        "doc_id",
        "sentence_index + 1",
        _clean("doc_source"),
        f"{city} THEN {_clean('location_name')} END",
        "NULL",
        f"CASE WHEN lower(location_precision) IN ({_ADM1}) THEN {_clean('location_name')} END",
        "location_country",
        "location_lat",
        "location_lon",
    ]
    cols = ",\n  ".join(f'{v} AS "{name}"' for v, name in zip(values, ICEWS_COLUMNS, strict=True))
    return (
        f"SELECT {cols}\nFROM ({_BASE} WHERE {condition}) x\n"
        f"LEFT JOIN _tacitus_event_names n ON n.code = x.code\n{_ORDER}"
    )


def _plover_actor(role: str) -> str:
    """A PLOVER actor list (empty when the side is unknown)."""
    return (
        f"CASE WHEN {role}_code IS NULL OR {role}_code = '---' THEN [] ELSE [{{"
        f"'code': coalesce({role}_country, left({role}_code, 3)), 'sector': {role}_sector, "
        f"'actor_text': {role}_text, 'identifier_text': {role}_name, 'cameo_code': {role}_code}}] END"
    )


def _plover_sql(condition: str) -> str:
    """The SELECT producing PLOVER JSON records."""
    values = {
        "id": "event_id",
        "has_event": "true",
        "date": "strftime(day, '%Y-%m-%d')",
        "source": _plover_actor("source"),
        "recipient": _plover_actor("target"),
        "event": "CASE WHEN coalesce(plover, '') = '' THEN [] ELSE [plover] END",
        "event_loc": (
            "CASE WHEN location_name IS NULL AND location_country IS NULL THEN NULL ELSE "
            "{'name': location_name, 'latitude': location_lat, 'longitude': location_lon, "
            "'cc3': location_country, 'precision': location_precision} END"
        ),
        "event_text": "CAST(NULL AS VARCHAR[])",
        "quad_code": "quad_class",
        "event_scale": "goldstein",
        "mode": "CAST(NULL AS VARCHAR)",
        "context": "CAST(NULL AS VARCHAR)",
        "link": "story_id",
        "text": "sentence",
        "text_info": "{'sequence': sentence_index, 'start': span_start, 'end': span_end}",
        "cite_info": (
            "{'citation': doc_id, 'url': doc_url, 'title': doc_title, 'publication': doc_source, "
            f"'coder': 'tacitus {__version__}', 'codebook': 'CAMEO'}}"
        ),
        "coder": f"'tacitus {__version__}'",
        "coded_date": "strftime(coded_at, '%Y-%m-%d')",
        "cameo_code": "code",
        "modality": "modality",
        "confidence": "confidence",
        "claimed_by": (
            "CASE WHEN claimed_by_code IS NULL THEN NULL ELSE "
            "{'cameo_code': claimed_by_code, 'identifier_text': claimed_by_name, "
            "'actor_text': claimed_by_text} END"
        ),
    }
    cols = ",\n  ".join(f'{values[name]} AS "{name}"' for name in (*PLOVER_FIELDS, *PLOVER_EXTENSIONS))
    return f"SELECT {cols}\nFROM ({_BASE} WHERE {condition}) x\n{_ORDER}"


def _flat_sql(condition: str) -> str:
    """The SELECT producing the flat event table."""
    cols = ", ".join(f"e.{c}" for c in flat_columns())
    return f"SELECT {cols} FROM events e WHERE {condition}\n{_ORDER}"


_BUILDERS: Mapping[str, tuple[Callable[[str], str], str]] = MappingProxyType(
    {
        "gdelt": (_gdelt_sql, "FORMAT csv, DELIMITER '\t', HEADER false"),
        "icews": (_icews_sql, "FORMAT csv, DELIMITER '\t', HEADER true"),
        "plover": (_plover_sql, "FORMAT json"),
        "parquet": (_flat_sql, "FORMAT parquet"),
        "csv": (_flat_sql, "FORMAT csv, HEADER true"),
        "jsonl": (_flat_sql, "FORMAT json"),
    }
)


def _sql_string(text: str) -> str:
    """A SQL string literal (COPY takes its file name as a literal, not a parameter)."""
    return "'" + text.replace("'", "''") + "'"


def default_event_names() -> dict[str, str]:
    """CAMEO code -> name from the built-in codebook ({} when it cannot be read: codes are written then)."""
    from tacitus.ontology import default_codebook  # imported late: the store does not need it otherwise

    try:
        return {entry.code: entry.name for entry in default_codebook()}
    except TacitusError:
        return {}


def _register_lookups(cur: duckdb.DuckDBPyConnection, event_names: Mapping[str, str] | None) -> None:
    """The FIPS and event-name tables the exports join."""
    fips = fips_codes()
    cur.register("_tacitus_fips", pa.table({"iso3": list(fips), "fips": list(fips.values())}))
    names = dict(default_event_names() if event_names is None else event_names)
    cur.register(
        "_tacitus_event_names",
        pa.table(
            {"code": pa.array(list(names), pa.string()), "name": pa.array(list(names.values()), pa.string())}
        ),
    )


def export(
    store: Store,
    fmt: str,
    out_path: str | Path,
    *,
    event_names: Mapping[str, str] | None = None,
    **filters: Any,
) -> int:
    """Write the events matching ``filters`` to ``out_path`` as ``fmt``; returns the number of rows.

    ``event_names`` maps CAMEO codes to names for ICEWS's "Event Text" (default: the built-in codebook).
    """
    if fmt not in _BUILDERS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt in ("gdelt", "icews", "plover"):
        filters.setdefault("modality", "asserted")
    builder, options = _BUILDERS[fmt]
    condition, params = where(filters)
    out = Path(out_path)
    if not out.parent.exists():
        raise StoreError(f"{out.parent} does not exist; create the directory first")
    sql = f"COPY ({builder(condition)}) TO {_sql_string(str(out))} ({options})"
    cur = store.cursor()
    try:
        _register_lookups(cur, event_names)
        row = next(iter(cur.execute(sql, params).fetchall()), None)
    except duckdb.Error as exc:
        raise StoreError(f"export to {out} failed: {exc}") from exc
    finally:
        cur.close()
    return int(row[0]) if row else 0
