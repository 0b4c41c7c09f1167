"""Store benchmark: load N synthetic events into a temporary store, then time two typical queries.

    python benchmarks/bench_store.py [--events 1000000] [--runs 5] [--stories] [--check]

Figures are wall-clock seconds (median and max of --runs); the bar is 1 s for each query. With --check the
script exits with status 1 when a query misses the bar.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tacitus.store import Store
from tacitus.store.schema import EVENT_SCHEMA

BAR_SECONDS = 1.0
COUNTRIES = np.array(["IRQ", "SYR", "USA", "IRN", "ISR", "PSE", "TUR", "RUS", "UKR", "CHN", "AFG", "PAK",
                      "IND", "NGA", "EGY", "SAU", "YEM", "LBN", "FRA", "GBR"])  # fmt: skip
SECTORS = np.array(["GOV", "MIL", "COP", "REB", "CVL", "OPP", "JUD", "MED"])
CODES = np.array(["010", "020", "036", "042", "043", "046", "051", "057", "061", "073", "0841", "090", "111",
                  "112", "120", "130", "138", "141", "145", "163", "173", "1731", "180", "181", "183", "190",
                  "193", "194", "195", "200"])  # fmt: skip
GOLDSTEIN = np.linspace(-10.0, 7.0, len(CODES))[::-1].round(1)


def _strings(values: np.ndarray) -> pa.Array:
    """A numpy array of strings as an Arrow string array."""
    return pa.array(values.astype(object), pa.string())


def _join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise string concatenation."""
    return pc.binary_join_element_wise(*parts, "")


def synthetic(n: int, docs_per_event: float = 0.2, seed: int = 1) -> tuple[pa.Table, pa.Table]:
    """Documents and ``n`` events with random dyads, codes and days over 2015-2024, built without loops."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, int(n * docs_per_event))
    doc_index = np.sort(rng.integers(0, n_docs, n))
    doc_ids = _join("doc", pa.array(np.arange(n_docs)).cast(pa.string()))
    start = np.datetime64("2015-01-01")
    doc_days = (start + rng.integers(0, 3652, n_docs)).astype("datetime64[D]")
    documents = pa.table(
        {
            "doc_id": doc_ids,
            "content_hash": _join("hash", pa.array(np.arange(n_docs)).cast(pa.string())),
            "source": _strings(rng.choice(np.array(["Reuters", "AFP", "AP", "BBC", "Xinhua"]), n_docs)),
            "date": pa.array(doc_days).cast(pa.string()),
        }
    )
    event_days = doc_days[doc_index] - rng.integers(0, 3, n).astype("timedelta64[D]")
    code_index = rng.integers(0, len(CODES), n)
    codes = _strings(CODES[code_index])
    roots = pc.utf8_slice_codeunits(codes, 0, 2)
    root_numbers = pc.cast(roots, pa.int32()).to_numpy()
    quad = np.select([root_numbers <= 5, root_numbers <= 8, root_numbers <= 13], [1, 2, 3], 4)
    sides = {}
    for role in ("source", "target"):
        country = _strings(rng.choice(COUNTRIES, n))
        sector = _strings(rng.choice(SECTORS, n))
        sides[f"{role}_code"] = _join(country, sector)
        sides[f"{role}_country"] = country
        sides[f"{role}_sector"] = sector
    columns = {
        "event_id": _join("e", pa.array(np.arange(n)).cast(pa.string())),
        "doc_id": pc.take(doc_ids, pa.array(doc_index)),
        "sentence_index": pa.array(rng.integers(0, 30, n), pa.int32()),
        "date": pa.array(event_days).cast(pa.string()),
        **sides,
        "code": codes,
        "root": roots,
        "quad_class": pa.array(quad, pa.int32()),
        "goldstein": pa.array(GOLDSTEIN[code_index]),
        "plover": pa.array(["COERCE"] * n, pa.string()),
        "modality": _strings(rng.choice(np.array(["asserted"] * 8 + ["negated", "hypothetical"]), n)),
        "confidence": pa.array(rng.random(n)),
    }
    arrays = [columns[f.name] if f.name in columns else pa.nulls(n, f.type) for f in EVENT_SCHEMA]
    events = pa.table(arrays, schema=EVENT_SCHEMA)
    return documents, events


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median and max wall-clock seconds of ``runs`` calls, and the last result."""
    seconds = []
    result: object = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds), result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stories", action="store_true", help="also time build_stories()")
    parser.add_argument("--check", action="store_true", help="exit 1 when a query misses the 1 s bar")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    documents, events = synthetic(args.events)
    generated = time.perf_counter() - started
    print(f"generated {events.num_rows:,} events in {documents.num_rows:,} documents: {generated:.2f} s")

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        run_id = store.begin_run({"benchmark": True}, "synthetic", "0", {})
        started = time.perf_counter()
        store.write_tables(run_id, documents, events)
        print(f"loaded into a store file (one transaction): {time.perf_counter() - started:.2f} s")

        queries = {
            "dyad-month IRQ>USA": lambda: store.dyads("month", source="IRQ", target="USA"),
            "events SYR root 19 in 2020": lambda: store.events(
                country="SYR", root="19", start="2020-01-01", end="2020-12-31"
            ),
        }
        over = False
        for name, query in queries.items():
            median, worst, result = timed(query, args.runs)
            rows = len(result)  # type: ignore[arg-type]
            verdict = "ok" if worst <= BAR_SECONDS else "OVER THE BAR"
            over |= worst > BAR_SECONDS
            figures = f"median {median * 1000:7.1f} ms  max {worst * 1000:7.1f} ms  {rows:>7,} rows"
            print(f"{name:<30} {figures}  {verdict}")
        if args.stories:
            started = time.perf_counter()
            count = store.build_stories()
            print(f"build_stories: {count:,} stories in {time.perf_counter() - started:.2f} s")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
