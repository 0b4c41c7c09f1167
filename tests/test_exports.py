"""Exports: GDELT 2.0, ICEWS-style, PLOVER and the flat event table load unchanged in pandas and DuckDB."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pycountry
import pytest

from tacitus.errors import StoreError
from tacitus.model import Actor, Document, Event, Location
from tacitus.store import (
    EXPORT_FORMATS,
    ICEWS_COLUMNS,
    PLOVER_EXTENSIONS,
    PLOVER_FIELDS,
    Store,
    content_hash,
    export,
    fips_codes,
    gdelt_columns,
    gdelt_event_id,
)

# GDELT 2.0 event table, as documented in the GDELT Event Codebook V2.0 (tab-separated, no header).
GDELT_2 = (
    "GlobalEventID Day MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()


def make_event(
    doc_id: str,
    index: int,
    code: str,
    date: str | None,
    modality: str = "asserted",
    location: Location | None = None,
    source_name: str = "Iraqi police",
) -> Event:
    """An event between Iraqi police and rebels, built by hand."""
    source = Actor(code="IRQCOP", country="IRQ", sector="COP", name=source_name, text="police")
    target = Actor(code="IRQREB", country="IRQ", sector="REB", name="rebels", text="the rebels")
    return Event(
        event_id=Event.make_id(doc_id, index, source.code, target.code, code),
        doc_id=doc_id,
        sentence_index=index,
        sentence=f"Police arrested rebels ({doc_id}, {index}).",
        span=(index * 50, index * 50 + 40),
        date=date,
        source=source,
        target=target,
        code=code,
        root=code[:2],
        quad_class=4 if code[:2] >= "14" else 1,
        goldstein=-5.0 if code[:2] >= "14" else 1.0,
        plover="COERCE" if code[:2] >= "14" else "CONSULT",
        modality=modality,  # type: ignore[arg-type]
        claimed_by=Actor(code="IRQGOV", name="officials") if index == 0 else None,
        location=location,
        confidence=0.8,
    )


BAGHDAD = Location(name="Baghdad", country="IRQ", lat=33.34, lon=44.4, precision="city")


def sample_events() -> list[Event]:
    """Five events in three documents: one story of two reports, undated and negated events."""
    return [
        make_event("a", 0, "173", "2020-01-03", location=BAGHDAD),
        make_event("b", 0, "1731", "2020-01-04", location=BAGHDAD, source_name="Iraqi\tpolice\nforce"),
        make_event(
            "c", 5, "042", "2020-12-31", location=Location(name="Iraq", country="IRQ", precision="country")
        ),
        make_event("c", 7, "0841", None),
        make_event("c", 9, "190", "2020-02-01", modality="negated"),
    ]


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        run = s.begin_run({}, "test", "0", {})
        docs = [
            Document(id=d, text=f"text {d}", date="2020-01-03", source=src, url=f"https://news.example/{d}")
            for d, src in [("a", "Reuters"), ("b", "AFP"), ("c", "AP")]
        ]
        s.write_batch(run, [(d, content_hash(d.text)) for d in docs], sample_events())
        s.build_stories()
        yield s


def test_exports_gdelt_column_list_is_gdelt_2() -> None:
    assert gdelt_columns() == GDELT_2
    assert len(GDELT_2) == 61


def test_exports_gdelt_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    assert export(store, "gdelt", out) == 4  # the negated event is not a GDELT event
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(len(line.split("\t")) == 61 for line in lines)
    frame = pd.read_csv(out, sep="\t", header=None, names=gdelt_columns(), dtype=str)
    assert frame.shape == (4, 61)
    by_code = frame.set_index("EventCode")
    assert set(by_code.index) == {"173", "1731", "042", "0841"}  # codes keep their leading zeros
    arrest = by_code.loc["173"]
    assert (arrest["Day"], arrest["MonthYear"], arrest["Year"], arrest["FractionDate"]) == (
        "20200103", "202001", "2020", "2020.0055"
    )  # fmt: skip
    assert (arrest["Actor1Code"], arrest["Actor1CountryCode"], arrest["Actor1Type1Code"]) == (
        "IRQCOP",
        "IRQ",
        "COP",
    )
    assert (arrest["EventBaseCode"], arrest["EventRootCode"], arrest["QuadClass"]) == ("173", "17", "4")
    assert (arrest["NumMentions"], arrest["NumSources"], arrest["NumArticles"]) == ("2", "2", "2")
    assert (arrest["ActionGeo_Type"], arrest["ActionGeo_CountryCode"], arrest["ActionGeo_FullName"]) == (
        "4", "IZ", "Baghdad"
    )  # fmt: skip
    assert arrest["SOURCEURL"] == "https://news.example/a" and arrest["IsRootEvent"] == "1"
    assert by_code.loc["1731", "Actor1Name"] == "Iraqi police force"  # tabs and newlines flattened
    consult = by_code.loc["042"]
    assert (consult["NumMentions"], consult["IsRootEvent"], consult["FractionDate"]) == (
        "1",
        "0",
        "2020.9973",
    )
    assert (consult["ActionGeo_Type"], consult["ActionGeo_ADM1Code"]) == ("1", "IZ")
    event_id = store.events(code="173")["event_id"][0]
    assert int(arrest["GlobalEventID"]) == gdelt_event_id(event_id)
    assert by_code.loc["0841", "Day"] == "20200103"  # undated: the document date


def test_exports_gdelt_loads_in_duckdb(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    export(store, "gdelt", out, modality=None)
    rel = duckdb.sql(
        f"SELECT * FROM read_csv('{out}', delim='\t', header=false, all_varchar=true, "
        f"names={gdelt_columns()!r})"
    )
    assert len(rel.columns) == 61
    assert len(rel.fetchall()) == 5


def test_exports_icews(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.icews.tsv"
    assert (
        export(store, "icews", out, event_names={"173": "Arrest, detain, or charge with legal action"}) == 4
    )
    frame = pd.read_csv(out, sep="\t", dtype=str)
    assert tuple(frame.columns) == ICEWS_COLUMNS
    arrest = frame[frame["CAMEO Code"] == "173"].iloc[0]
    assert arrest["Event Text"] == "Arrest, detain, or charge with legal action"
    assert (arrest["Source Sectors"], arrest["Target Country"], arrest["Intensity"]) == ("COP", "IRQ", "-5.0")
    assert (arrest["Story ID"], arrest["Sentence Number"], arrest["Publisher"], arrest["City"]) == (
        "a", "1", "Reuters", "Baghdad"
    )  # fmt: skip
    assert frame[frame["CAMEO Code"] == "0841"]["Event Text"].iloc[0] == "0841"


def test_exports_plover(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", out) == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(list(r) == [*PLOVER_FIELDS, *PLOVER_EXTENSIONS] for r in records)
    arrest = next(r for r in records if r["cameo_code"] == "173")
    assert arrest["source"] == [
        {"code": "IRQ", "sector": "COP", "actor_text": "police", "identifier_text": "Iraqi police",
         "cameo_code": "IRQCOP"}
    ]  # fmt: skip
    assert arrest["event"] == ["COERCE"] and arrest["quad_code"] == 4 and arrest["event_scale"] == -5.0
    assert arrest["date"] == "2020-01-03" and arrest["event_loc"]["cc3"] == "IRQ"
    assert arrest["link"] == next(r for r in records if r["cameo_code"] == "1731")["link"]  # one story
    assert arrest["text_info"] == {"sequence": 0, "start": 0, "end": 40}
    assert arrest["cite_info"]["url"] == "https://news.example/a"
    assert arrest["claimed_by"]["cameo_code"] == "IRQGOV"
    frame = pd.read_json(out, lines=True, dtype=False)
    assert len(frame) == 4 and "0841" in set(frame["cameo_code"])
    assert duckdb.sql(f"SELECT count(*) FROM read_json('{out}')").fetchall() == [(4,)]


def test_exports_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out) == 5
    run_id = store.sql("SELECT run_id FROM runs")["run_id"][0]
    expected = sorted(({**e.flat(), "run_id": run_id} for e in sample_events()), key=lambda r: r["event_id"])
    rows = sorted(pq.read_table(out).to_pylist(), key=lambda r: r["event_id"])
    assert rows == expected
    assert pd.read_parquet(out).shape == (5, len(expected[0]))
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall() == [(5,)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_flat_text_formats_load(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export(store, fmt, out, root="17") == 2
    if fmt == "csv":
        frame = pd.read_csv(out, dtype=str)
        loaded = duckdb.sql(f"SELECT code FROM read_csv('{out}', all_varchar=true)").fetchall()
    else:
        frame = pd.read_json(out, lines=True, dtype=False)
        loaded = duckdb.sql(f"SELECT code FROM read_json('{out}')").fetchall()
    assert sorted(frame["code"]) == ["173", "1731"]
    assert sorted(row[0] for row in loaded) == ["173", "1731"]


def test_exports_filters_apply(store: Store, tmp_path: Path) -> None:
    assert export(store, "csv", tmp_path / "e.csv", code="0841") == 1
    assert export(store, "gdelt", tmp_path / "e.tsv", start="2020-06-01") == 1


def test_exports_refuse_unknown_formats_and_missing_directories(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="gdelt, icews, plover, parquet, csv, jsonl"):
        export(store, "xml", tmp_path / "e.xml")
    with pytest.raises(StoreError, match="does not exist"):
        export(store, "csv", tmp_path / "missing" / "e.csv")
    assert EXPORT_FORMATS == ("gdelt", "icews", "plover", "parquet", "csv", "jsonl")


def test_exports_fips_table_covers_every_country() -> None:
    fips = fips_codes()
    assert {c.alpha_3 for c in pycountry.countries} <= set(fips)
    assert all(len(code) == 2 and code.isupper() for code in fips.values())
    spot = {"IRQ": "IZ", "DEU": "GM", "GBR": "UK", "USA": "US", "CHN": "CH", "RUS": "RS", "ZAF": "SF",
            "ESP": "SP", "JPN": "JA", "SSD": "OD", "SRB": "RI", "PSE": "WE", "XKX": "KV"}  # fmt: skip
    assert {k: fips[k] for k in spot} == spot
