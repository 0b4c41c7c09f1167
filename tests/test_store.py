"""The DuckDB store: schema and migrations, idempotent transactional writes, crash safety, queries."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from tacitus.errors import StoreError
from tacitus.model import Actor, Document, Event, Location, Reject
from tacitus.store import SCHEMA_VERSION, Store, content_hash, open_store
from tacitus.store.db import events_table
from tacitus.store.schema import EVENT_FIELDS

SRC = Path(__file__).resolve().parents[1] / "src"


def make_event(
    doc_id: str,
    index: int = 0,
    code: str = "173",
    date: str | None = "2020-01-03",
    source: tuple[str, str | None, str | None] = ("IRQCOP", "IRQ", "COP"),
    target: tuple[str, str | None, str | None] = ("IRQREB", "IRQ", "REB"),
    modality: str = "asserted",
    goldstein: float = -5.0,
    location: Location | None = None,
) -> Event:
    """An event built by hand, as the coder would produce it."""
    return Event(
        event_id=Event.make_id(doc_id, index, source[0], target[0], code),
        doc_id=doc_id,
        sentence_index=index,
        sentence=f"Sentence {index} of {doc_id}.",
        span=(index * 40, index * 40 + 30),
        date=date,
        source=Actor(code=source[0], country=source[1], sector=source[2], name=f"{source[0]} name"),
        target=Actor(code=target[0], country=target[1], sector=target[2], name=f"{target[0]} name"),
        code=code,
        root=code[:2],
        quad_class=4,
        goldstein=goldstein,
        plover="COERCE",
        modality=modality,  # type: ignore[arg-type]
        location=location,
    )


def make_doc(
    doc_id: str, date: str | None = "2020-01-03", source: str | None = "Reuters"
) -> tuple[Document, str]:
    """A document and its content hash."""
    text = f"The text of {doc_id}."
    return Document(
        id=doc_id, text=text, date=date, source=source, url=f"https://example.org/{doc_id}"
    ), content_hash(text)


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def run_id(store: Store) -> str:
    return store.begin_run({"processes": 1}, "en_core_web_sm", "3.8.0", {"countries": "abc123"})


def table_count(store: Store, table: str) -> int:
    return int(store.sql(f"SELECT count(*) AS n FROM {table}")["n"][0])


# -- schema and migrations ---------------------------------------------------------------------------------


def test_store_event_columns_follow_the_model() -> None:
    assert EVENT_FIELDS == tuple(make_event("d").flat())


def test_store_creates_every_table(store: Store) -> None:
    tables = set(store.sql("SHOW TABLES")["name"])
    assert tables == {
        "documents", "events", "actors", "stories", "story_events", "rejects", "runs", "schema_version"
    }  # fmt: skip
    assert store.schema_version == SCHEMA_VERSION
    assert set(store.sql("DESCRIBE events")["column_name"]) == {*EVENT_FIELDS, "run_id", "day"}


def test_store_migrates_a_version_0_store(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER, tacitus_version VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute("INSERT INTO schema_version VALUES (0, '0.0.1', now())")
    con.close()
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        versions = s.sql("SELECT version FROM schema_version ORDER BY version")["version"].tolist()
        assert versions == list(range(0, SCHEMA_VERSION + 1))
        assert table_count(s, "events") == 0


def test_store_older_store_read_only_asks_to_migrate(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER, tacitus_version VARCHAR, applied_at TIMESTAMP)"
    )
    con.close()
    with pytest.raises(StoreError, match="needs migrating"):
        Store(path, read_only=True)


def test_store_from_a_newer_tacitus_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, '9.9.9', now())")
    con.close()
    with pytest.raises(StoreError, match=r"Tacitus 9\.9\.9.*tacitus>=9\.9\.9"):
        Store(path)


def test_store_refuses_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="notes.duckdb is not a DuckDB database"):
        Store(path)


def test_store_refuses_a_foreign_duckdb_database(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a Tacitus store"):
        Store(path)


def test_store_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.duckdb")


def test_store_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    Store(path).close()
    with open_store(path) as s, pytest.raises(StoreError, match="read-only"):
        s.begin_run({}, "m", "1", {})


def test_store_closed_store_says_so(store: Store) -> None:
    store.close()
    store.close()  # twice is harmless
    assert store.closed
    with pytest.raises(StoreError, match="closed"):
        store.events()


# -- writing -------------------------------------------------------------------------------------------------


def test_store_content_hash_ignores_whitespace_and_unicode_forms() -> None:
    assert content_hash("Iraqi  police\r\narrested\u00a0rebels ") == content_hash(
        "Iraqi police arrested rebels"
    )
    assert content_hash("a") != content_hash("b")
    assert len(content_hash("a")) == 64


def test_store_write_batch_is_idempotent(store: Store, run_id: str) -> None:
    docs = [make_doc(f"d{i}") for i in range(3)]
    events = [make_event(f"d{i}", j) for i in range(3) for j in range(2)]
    rejects = [Reject(item="empty.txt", reason="empty text")]
    first = store.write_batch(run_id, docs, events, rejects)
    second = store.write_batch(run_id, docs, events, [])
    assert (first.documents, first.events, first.rejects, first.skipped) == (3, 6, 1, 0)
    assert (second.documents, second.events, second.skipped) == (0, 0, 3)
    assert table_count(store, "documents") == 3
    assert table_count(store, "events") == 6
    assert store.known_hashes() == {h for _, h in docs}


def test_store_skips_a_known_text_under_a_new_id_with_its_events(store: Store, run_id: str) -> None:
    doc, digest = make_doc("a")
    store.write_batch(run_id, [(doc, digest)], [make_event("a")])
    copy = doc.model_copy(update={"id": "a-copy"})
    result = store.write_batch(run_id, [(copy, digest)], [make_event("a-copy")])
    assert (result.documents, result.events, result.skipped) == (0, 0, 1)
    assert store.events()["doc_id"].tolist() == ["a"]


def test_store_duplicates_inside_one_batch_are_stored_once(store: Store, run_id: str) -> None:
    doc = make_doc("a")
    event = make_event("a")
    result = store.write_batch(run_id, [doc, doc], [event, event])
    assert (result.documents, result.events) == (1, 1)


def test_store_write_batch_rolls_back_on_error(store: Store, run_id: str) -> None:
    docs = pa.Table.from_pylist(
        [{"doc_id": "a", "content_hash": "h-a"}, {"doc_id": "b", "content_hash": "h-b"}]
    )
    good = events_table([make_event("a")])
    bad = good.set_column(good.schema.get_field_index("code"), "code", pa.array([None], pa.string()))
    with pytest.raises(StoreError, match="rolled back"):
        store.write_tables(
            run_id, docs, pa.concat_tables([good, bad.set_column(0, "event_id", pa.array(["x"]))])
        )
    assert table_count(store, "documents") == 0
    assert table_count(store, "events") == 0
    assert store.write_tables(run_id, docs, good).documents == 2  # the store is still usable


def test_store_refuses_writes_for_an_unknown_run(store: Store) -> None:
    with pytest.raises(StoreError, match="begin_run"):
        store.write_batch("no-such-run", [make_doc("a")], [])


def test_store_records_runs_and_refreshes_actors(store: Store, run_id: str) -> None:
    store.write_batch(run_id, [make_doc("a"), make_doc("b")], [make_event("a"), make_event("b", code="190")])
    store.end_run(run_id, documents=2, events=2, rejects=0)
    run = store.sql("SELECT * FROM runs").iloc[0]
    assert (run["documents"], run["events"], run["rejects"]) == (2, 2, 0)
    assert run["model"] == "en_core_web_sm" and run["ended"] is not None
    assert store.sql("SELECT dictionaries->>'countries' AS h FROM runs")["h"][0] == "abc123"
    actors = store.sql("SELECT * FROM actors ORDER BY code").set_index("code")
    assert actors.loc["IRQCOP", "n_events"] == 2
    assert actors.loc["IRQREB", "sector"] == "REB"
    with pytest.raises(StoreError, match="unknown run"):
        store.end_run("nope", 0, 0, 0)


@pytest.mark.parametrize(
    ("event_date", "doc_date", "day"),
    [
        ("2020-01-03", "2020-02-01", "2020-01-03"),
        ("2020-03", "2020-02-01", "2020-03-01"),
        ("1980", None, "1980-01-01"),
        (None, "2020-02-01T10:00:00Z", "2020-02-01"),
        (None, None, None),
    ],
)
def test_store_event_day_uses_the_document_date_as_fallback(
    store: Store, run_id: str, event_date: str | None, doc_date: str | None, day: str | None
) -> None:
    store.write_batch(run_id, [make_doc("a", date=doc_date)], [make_event("a", date=event_date)])
    stored = store.sql("SELECT CAST(day AS VARCHAR) AS day FROM events")["day"][0]
    assert (None if stored is None or stored != stored else stored) == day


def test_store_bulk_arrow_write(store: Store, run_id: str) -> None:
    n = 20_000
    docs = pa.table({"doc_id": [f"d{i}" for i in range(n)], "content_hash": [f"h{i}" for i in range(n)]})
    events = events_table([make_event("d0")])
    many = pa.table(
        {
            **{name: pa.array([events.column(name)[0].as_py()] * n, events.schema.field(name).type)
               for name in events.column_names},
            "event_id": [f"e{i}" for i in range(n)],
            "doc_id": [f"d{i}" for i in range(n)],
        }
    )  # fmt: skip
    started = time.perf_counter()
    result = store.write_tables(run_id, docs, many)
    assert time.perf_counter() - started < 5
    assert (result.documents, result.events) == (n, n)


# -- crash safety --------------------------------------------------------------------------------------------

CHILD = """
import sys, time
from tacitus.model import Actor, Document, Event
from tacitus.store import Store, content_hash

path, n_docs, batch, pause = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
with Store(path) as store:
    known = store.known_hashes()
    run_id = store.begin_run({}, "test", "0", {})
    docs = []
    for i in range(n_docs):
        doc = Document(id=f"doc{i}", text=f"Document number {i} about Iraq.", date="2020-01-01")
        if content_hash(doc.text) not in known:
            docs.append(doc)
    for start in range(0, len(docs), batch):
        chunk = docs[start:start + batch]
        events = [
            Event(event_id=Event.make_id(d.id, 0, "IRQ", "USA", "042"), doc_id=d.id, sentence_index=0,
                  sentence=d.text, span=(0, len(d.text)), source=Actor(code="IRQ", country="IRQ"),
                  target=Actor(code="USA", country="USA"), code="042", root="04", quad_class=1,
                  goldstein=1.9, plover="CONSULT")
            for d in chunk
        ]
        store.write_batch(run_id, [(d, content_hash(d.text)) for d in chunk], events)
        print("batch", start // batch, flush=True)
        time.sleep(pause)
    store.end_run(run_id, len(docs), len(docs), 0)
print("done", flush=True)
"""


def _child(tmp_path: Path, db: Path, pause: float) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, str(script), str(db), "300", "20", str(pause)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_store_survives_sigkill_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    child = _child(tmp_path, db, pause=0.05)
    assert child.stdout is not None
    for _ in range(4):  # let a few batches commit, then kill mid-run
        assert child.stdout.readline().startswith("batch")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with open_store(db) as s:
        committed = table_count(s, "documents")
    assert 80 <= committed < 300

    rerun = _child(tmp_path, db, pause=0.0)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, out
    with open_store(db) as s:
        counts = s.sql(
            "SELECT count(*) AS n, count(DISTINCT doc_id) AS ids, count(DISTINCT content_hash) AS hashes "
            "FROM documents"
        ).iloc[0]
        assert (counts["n"], counts["ids"], counts["hashes"]) == (300, 300, 300)
        assert table_count(s, "events") == 300
        assert s.sql("SELECT count(*) AS n FROM runs WHERE ended IS NULL")["n"][0] == 1  # the killed run


# -- queries ---------------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store, run_id: str) -> Store:
    docs = [make_doc(d, source=s) for d, s in [("a", "Reuters"), ("b", "AFP"), ("c", None), ("d", "AP")]]
    gov = {"source": ("IRQGOV", "IRQ", "GOV"), "target": ("USAGOV", "USA", "GOV")}
    events = [
        make_event("a", 0, "173", "2020-01-03"),
        make_event(
            "b", 0, "190", "2020-01-20", source=("USAMIL", "USA", "MIL"), target=("SYRREB", "SYR", "REB")
        ),
        make_event("c", 0, "042", "2020-02-10", goldstein=1.9, **gov),
        make_event("c", 1, "042", "2020-02-15", goldstein=3.9, **gov),
        make_event("d", 0, "193", "2021-05-01", modality="negated", **gov),
    ]
    store.write_batch(run_id, docs, events)
    store.end_run(run_id, 4, 5, 0)
    return store


def _ids(frame: object) -> list[tuple[str, int]]:
    return sorted(zip(frame["doc_id"], frame["sentence_index"], strict=True))  # type: ignore[index]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [("a", 0), ("b", 0), ("c", 0), ("c", 1), ("d", 0)]),
        ({"start": "2020-02-01"}, [("c", 0), ("c", 1), ("d", 0)]),
        ({"end": "2020-01-31"}, [("a", 0), ("b", 0)]),
        ({"start": "2020-02-12", "end": "2020-12-31"}, [("c", 1)]),
        ({"actor": "USA"}, [("b", 0), ("c", 0), ("c", 1), ("d", 0)]),
        ({"source": "IRQ"}, [("a", 0), ("c", 0), ("c", 1), ("d", 0)]),
        ({"target": "SYRREB"}, [("b", 0)]),
        ({"country": "SYR"}, [("b", 0)]),
        ({"country": ["SYR", "USA"]}, [("b", 0), ("c", 0), ("c", 1), ("d", 0)]),
        ({"sector": "REB"}, [("a", 0), ("b", 0)]),
        ({"root": "19"}, [("b", 0), ("d", 0)]),
        ({"root": 4}, [("c", 0), ("c", 1)]),
        ({"code": "19"}, [("b", 0), ("d", 0)]),
        ({"code": "193"}, [("d", 0)]),
        ({"quad_class": 4, "modality": "negated"}, [("d", 0)]),
        ({"modality": "asserted", "actor": "IRQGOV"}, [("c", 0), ("c", 1)]),
        ({"country": "IRQ' OR '1'='1"}, []),
    ],
)
def test_store_events_filters(
    filled: Store, filters: dict[str, object], expected: list[tuple[str, int]]
) -> None:
    assert _ids(filled.events(**filters)) == expected


def test_store_events_limit_and_arrow(filled: Store) -> None:
    table = filled.events(as_arrow=True, limit=2)
    assert isinstance(table, pa.Table) and table.num_rows == 2
    assert table.column("code").type == pa.string()


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"colour": "red"}, "unknown filter colour"),
        ({"start": "last tuesday"}, "not a date"),
        ({"code": 173}, "leading zeros"),
        ({"quad_class": "conflict"}, "quad_class"),
        ({"country": []}, "matches nothing"),
    ],
)
def test_store_bad_filters_are_explained(filled: Store, filters: dict[str, object], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        filled.events(**filters)


def test_store_dyads_by_month(filled: Store) -> None:
    frame = filled.dyads("month", source="IRQGOV", target="USAGOV")
    assert len(frame) == 1  # the negated event of 2021 is left out by default
    row = frame.iloc[0]
    assert (str(row["period"])[:10], row["events"], row["goldstein"]) == ("2020-02-01", 2, pytest.approx(2.9))
    everything = filled.dyads("year", modality=None)
    assert everything["events"].sum() == 5
    with pytest.raises(StoreError, match="freq"):
        filled.dyads("fortnight")


def test_store_sql_reads(filled: Store) -> None:
    frame = filled.sql(
        "WITH x AS (SELECT code FROM events WHERE root = ?) SELECT count(*) AS n FROM x", ["04"]
    )
    assert frame["n"][0] == 2


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM events",
        "DROP TABLE events",
        "INSERT INTO rejects VALUES ('x', 'y', 'z', now())",
        "UPDATE events SET code = '01'",
        "SELECT 1; DELETE FROM events",
        "COPY events TO '/tmp/tacitus-should-not-exist.csv'",
        "ATTACH ':memory:' AS other",
        "CREATE TABLE x AS SELECT 1",
        "PRAGMA enable_profiling",
        "SET threads = 1",
        "CHECKPOINT",
    ],
)
def test_store_sql_refuses_anything_but_reads(filled: Store, statement: str) -> None:
    with pytest.raises(StoreError):
        filled.sql(statement)
    assert table_count(filled, "events") == 5


def test_store_file_round_trip_read_only(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        run = s.begin_run({}, "m", "1", {})
        s.write_batch(run, [make_doc("a")], [make_event("a")])
    with open_store(path) as s:
        assert len(s.events()) == 1
        assert s.counts()["documents"] == 1
