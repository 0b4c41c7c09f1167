"""The new event fields (date precision and source) in the store, its migration, and the exports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tacitus.model import Actor, Document, Event, Location
from tacitus.store import Store, content_hash
from tacitus.store.export import export, gdelt_columns
from tacitus.store.schema import MIGRATIONS, SCHEMA_VERSION_TABLE


def _event(doc_id: str, date: str, precision: str, source: str, location: Location | None) -> Event:
    return Event(
        event_id=Event.make_id(doc_id, 0, "IRQ", "IRN", "190"), doc_id=doc_id, sentence_index=0,
        sentence="Iraq invaded Iran in 1980.", span=(0, 26), date=date, source=Actor(code="IRQ", country="IRQ"),
        target=Actor(code="IRN", country="IRN"), code="190", root="19", quad_class=4, goldstein=-10.0,
        plover="ASSAULT", location=location, date_precision=precision, date_source=source,  # type: ignore[arg-type]
    )


def _write(store: Store, events: list[Event]) -> None:
    run = store.begin_run({}, "model", "1", {})
    docs = [(Document(id=e.doc_id, text=e.sentence, date="2021-06-01"), content_hash(e.doc_id)) for e in events]
    store.write_batch(run, docs, events, [])


KARBALA = Location(name="Karbala", country="IRQ", lat=32.616, lon=44.025, precision="city")
ANBAR = Location(name="Al-Anbar Governorate", country="IRQ", lat=33.0, lon=42.0, precision="region")


def test_enrich_store_keeps_precision_and_source() -> None:
    with Store(":memory:") as store:
        _write(store, [_event("a", "1980", "year", "sentence", KARBALA)])
        row = store.sql("SELECT date, date_precision, date_source, day, location_name FROM events").iloc[0]
        assert (row["date"], row["date_precision"], row["date_source"], row["location_name"]) == (
            "1980", "year", "sentence", "Karbala")
        assert str(row["day"])[:10] == "1980-01-01"
        assert len(store.events(start="1980-01-01", end="1980-12-31")) == 1  # date filters see the year
        assert len(store.events(start="2021-01-01")) == 0


def test_enrich_store_migrates_a_schema_1_store(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_VERSION_TABLE)
    for statement in MIGRATIONS[0].statements:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, '0.1.0', now())")
    assert "date_precision" not in {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    con.close()
    with Store(path) as store:
        columns = set(store.sql("DESCRIBE events")["column_name"])
        assert {"date_precision", "date_source"} <= columns
        _write(store, [_event("b", "2021-05", "month", "sentence", ANBAR)])
        assert store.sql("SELECT date_precision FROM events")["date_precision"].tolist() == ["month"]


def test_enrich_store_gdelt_geo_and_dates(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        _write(store, [_event("c", "1980", "year", "sentence", KARBALA), _event("d", "2021-05", "month",
                                                                                   "sentence", ANBAR)])
        out = tmp_path / "events.gdelt.tsv"
        assert export(store, "gdelt", out) == 2
    frame = pd.read_csv(out, sep="\t", header=None, names=gdelt_columns(), dtype=str).set_index("ActionGeo_FullName")
    karbala, anbar = frame.loc["Karbala"], frame.loc["Al-Anbar Governorate"]
    assert (karbala["ActionGeo_Type"], karbala["Year"], karbala["Day"], karbala["ActionGeo_CountryCode"]) == (
        "4", "1980", "19800101", "IZ")
    assert (float(karbala["ActionGeo_Lat"]), float(karbala["ActionGeo_Long"])) == (32.616, 44.025)
    assert (anbar["ActionGeo_Type"], anbar["MonthYear"]) == ("5", "202105")
