"""Dask engine: a LocalCluster with one worker against two, the same corpus, measured in one run.

    python benchmarks/bench_dask.py [--docs 600] [--partition-size 64] [--workers 1 2]

Each cluster is started and its workers load the model (worker plugin) before the clock starts; the timed
part is streaming the partitions through the workers and collecting the events on the client. Prints
documents/s and sentences/s (sentences as the prefilter's segmentation counts them) per cluster size, the
ratio of the largest to the smallest, and checks that every document came back exactly once.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections import Counter

from corpus import corpus

from tacitus import Coder, Config, Reject
from tacitus.engines.dask import DaskEngine


def worker_cpu() -> float:
    """CPU seconds used so far by the process this runs in (run on every worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_note() -> str:
    """The machine's load, printed with the figures: other work on the cores lowers every rate."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(load_note())
    documents = corpus(args.docs)
    coder = Coder(Config(processes=1))
    sentences = sum(len(coder.prefilter.segments(coder.nlp.make_doc(d.text))) for d in documents)
    print(f"corpus: {len(documents)} documents, {sentences} sentences; partitions of {args.partition_size}")
    rates: dict[int, float] = {}
    for workers in args.workers:
        started = time.perf_counter()
        with DaskEngine(Config(processes=1), workers=workers, partition_size=args.partition_size) as engine:
            ready = time.perf_counter() - started
            assert engine.client is not None
            before = sum(engine.client.run(worker_cpu).values())
            start, client_cpu = time.perf_counter(), worker_cpu()
            results = list(engine.code_documents(documents))
            seconds, client_cpu = time.perf_counter() - start, worker_cpu() - client_cpu
            cpu = sum(engine.client.run(worker_cpu).values()) - before
        counts = Counter(d.id for d, _ in results if not isinstance(d, Reject))
        rejects = sum(isinstance(d, Reject) for d, _ in results)
        events = sum(len(e) for _, e in results)
        once = sorted(counts) == sorted(d.id for d in documents) and set(counts.values()) == {1}
        rates[workers] = sentences / seconds
        print(f"{workers} worker(s): cluster ready in {ready:5.1f} s; coded in {seconds:6.2f} s: "
              f"{len(documents) / seconds:6.1f} docs/s, {sentences / seconds:7.1f} sent/s; {events} events, "
              f"{rejects} rejects, every document exactly once: {once}; workers' cpu {cpu:.2f} s "
              f"({sentences / cpu:.1f} sent/cpu-s), client and scheduler cpu {client_cpu:.2f} s", flush=True)
    low, high = min(rates), max(rates)
    if low != high:
        print(f"ratio {high} workers / {low} worker: {rates[high] / rates[low]:.2f}")


if __name__ == "__main__":
    main()
    print(load_note())
