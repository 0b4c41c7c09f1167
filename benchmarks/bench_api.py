"""API benchmark: filtered queries against a store of N synthetic events, over HTTP to a real uvicorn on
127.0.0.1 (the store is bench_store.py's generator, plus sentences for the text search).

    python benchmarks/bench_api.py [--events 1000000] [--runs 30] [--check]

Prints p50/p95/max per query in milliseconds (each run changes the filter values, cycling countries) and
the p95 over all requests. The bar is p95 <= 300 ms for every query; --check exits 1 when one misses it.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.compute as pc
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import COUNTRIES, synthetic  # noqa: E402

from tacitus.store import Store  # noqa: E402
from tacitus.web import create_app  # noqa: E402

BAR_MS = 300.0
Params = Callable[[int], dict[str, object]]


def _country(i: int, shift: int = 0) -> str:
    return str(COUNTRIES[(i + shift) % len(COUNTRIES)])


# name -> (path, parameters for run i)
QUERIES: dict[str, tuple[str, Params]] = {
    "events country+root+year (page 1)": (
        "/api/events", lambda i: {"country": _country(i), "root": "19", "start": "2020-01-01", "end": "2020-12-31"}),
    "events actor+modality, newest, page 21": (
        "/api/events", lambda i: {"actor": _country(i) + "MIL", "modality": "asserted", "order": "-date",
                                  "offset": 1000}),
    "events text search + quad class": (
        "/api/events", lambda i: {"text": f"{_country(i)}reb", "quad_class": 4, "start": "2019-01-01"}),
    "events source+target, goldstein order": (
        "/api/events", lambda i: {"source": _country(i), "target": _country(i, 3), "order": "goldstein"}),
    "summary for a country": ("/api/summary", lambda i: {"country": _country(i)}),
    "series by week, one country": ("/api/series", lambda i: {"freq": "week", "country": _country(i)}),
    "series by day, one year, all": ("/api/series", lambda i: {"freq": "day", "start": f"{2015 + i % 10}-01-01",
                                                               "end": f"{2015 + i % 10}-12-31"}),
    "dyad series by month": ("/api/dyads", lambda i: {"a": _country(i), "b": _country(i, 1), "freq": "month"}),
    "network of countries, one year": (
        "/api/network",
        lambda i: {"level": "country", "start": f"{2015 + i % 10}-01-01", "end": f"{2015 + i % 10}-12-31"},
    ),
    "network of actors, one root": ("/api/network", lambda i: {"root": f"{1 + i % 20:02d}", "max_nodes": 40}),
    "map by actor country, quad class": ("/api/map", lambda i: {"basis": "actors", "quad_class": 1 + i % 4}),
    "top dyads in a sector": ("/api/dyads/top", lambda i: {"sector": "REB", "country": _country(i)}),
}


def _with_sentences(events: pa.Table) -> pa.Table:
    """Give every synthetic event a sentence naming its actors, so the text filter has text to scan."""
    sentence = pc.binary_join_element_wise(
        "Reports said ", events.column("source_code"), " forces clashed with ", events.column("target_code"),
        " near the border, officials said.", "")
    index = events.schema.get_field_index("sentence")
    return events.set_column(index, "sentence", sentence)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _size(body: dict) -> int:
    """What a response holds: matching events for /events and /summary, else rows of its list."""
    if "total" in body:
        return int(body["total"])
    if isinstance(body.get("events"), int):
        return int(body["events"])
    for key in ("series", "nodes", "countries", "dyads"):
        if key in body:
            return len(body[key])
    return 0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    """Build the store, serve it, time the queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--check", action="store_true", help="exit 1 when a query's p95 is over 300 ms")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        documents, events = synthetic(args.events)
        with Store(path) as store:
            run_id = store.begin_run({"benchmark": True}, "synthetic", "0", {})
            store.write_tables(run_id, documents, _with_sentences(events))
            store.end_run(run_id, documents.num_rows, events.num_rows, 0)
        print(f"built a store of {events.num_rows:,} events: {time.perf_counter() - started:.1f} s")

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        over = False
        every: list[float] = []
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                client.get("/api/summary").raise_for_status()  # warm-up: first read of the file
                client.get("/api/network", params={"max_nodes": 2}).raise_for_status()  # imports networkx
                print(f"{'query':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'max rows':>9}")
                for name, (url, params) in QUERIES.items():
                    seconds = []
                    rows = 0
                    for i in range(args.runs):
                        begun = time.perf_counter()
                        response = client.get(url, params=params(i))
                        seconds.append((time.perf_counter() - begun) * 1000)
                        response.raise_for_status()
                        rows = max(rows, _size(response.json()))  # the largest answer of the runs
                    every += seconds
                    p95 = _percentile(seconds, 0.95)
                    over |= p95 > BAR_MS
                    verdict = "ok" if p95 <= BAR_MS else "OVER THE BAR"
                    print(f"{name:<42} {statistics.median(seconds):8.1f} {p95:8.1f} {max(seconds):8.1f} "
                          f"{rows:>9,}  {verdict}")
        finally:
            server.should_exit = True
            thread.join(timeout=10)
        print(f"all {len(every)} requests: p50 {statistics.median(every):.1f} ms, "
              f"p95 {_percentile(every, 0.95):.1f} ms, max {max(every):.1f} ms (bar: p95 <= {BAR_MS:.0f} ms per query)")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
