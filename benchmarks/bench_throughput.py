"""Throughput of `tacitus code` against spaCy's bare full parse, same model, corpus and processes, one run.

    python benchmarks/bench_throughput.py [--docs 400] [--processes N] [--model NAME]

Corpus: ``--docs`` generated news-like stories (benchmarks/corpus.py; most sentences hold no event) plus the
seed articles. For 1 process and for N (default: every core) it prints sentences/s of

  (a) spaCy ``nlp.pipe`` with the full model (every component, as `spacy` users parse),
  (b) ``Coder.code_documents`` with the prefilter (the default of `tacitus code`),
  (c) ``Coder.code_documents`` without it (``--no-prefilter``),

all over the sentence count of (a), and the ratios (b)/(a), (c)/(a), (b)/(c). It then compares the events
of (b) and (c): the prefilter's effect on recall on this corpus.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections import Counter
from collections.abc import Callable

import spacy
from corpus import corpus

from tacitus import Coder, Config, Document, Event
from tacitus.nlp import load_model, resolve_model_name


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (worker processes), user + system."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, fn: Callable[[], object], sentences: int | None = None) -> tuple[float, object]:
    """Run fn; print wall-clock sentences/s and sentences per CPU-second (robust to other load)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    n = sentences if sentences is not None else int(result)  # type: ignore[call-overload]
    print(f"  {label:<40} {seconds:7.2f} s {n / seconds:8.1f} sent/s   "
          f"cpu {cpu:7.2f} s {n / cpu:8.1f} sent/cpu-s", flush=True)
    return n / seconds, result


def code(coder: Coder, documents: list[Document]) -> list[Event]:
    return [event for _, events in coder.code_documents(documents) for event in events]


def key(event: Event) -> tuple[str, ...]:
    return (event.doc_id, event.sentence, event.source.code, event.target.code, event.code, event.modality)



def load_note() -> str:
    """The machine's load, printed with the figures: other work on the cores lowers every rate."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    print(load_note())
    name = resolve_model_name(args.model)
    documents = corpus(args.docs)
    texts = [d.text for d in documents]
    full = spacy.load(name)
    load_model(name)  # the lean pipeline, loaded before forking workers
    print(f"corpus: {len(documents)} documents ({args.docs} generated + {len(documents) - args.docs} seeds), "
          f"{sum(map(len, texts)):,} characters; model {name}; {os.cpu_count()} cores")
    results: dict[int, dict[str, float]] = {}
    events: dict[bool, list[Event]] = {}
    for processes in sorted({1, args.processes}):
        print(f"processes: {processes}")
        rate_full, sentences = timed("spaCy nlp.pipe, full model", lambda p=processes: sum(
            len(list(doc.sents)) for doc in full.pipe(texts, batch_size=64, n_process=p)))
        rates = {"spacy": rate_full}
        for prefilter in (True, False):
            coder = Coder(Config(model=name, processes=processes, prefilter=prefilter))
            coder.prefilter if prefilter else coder.matcher  # noqa: B018 - load before timing
            coder.enricher.warm_up()  # the gazetteer and dateparser, shared by forked workers
            label = "tacitus code, prefilter" if prefilter else "tacitus code, --no-prefilter"
            rates[label], found = timed(label, lambda c=coder: code(c, documents), sentences=int(sentences))
            events[prefilter] = found  # type: ignore[assignment]
        results[processes] = rates
        pre, nopre = rates["tacitus code, prefilter"], rates["tacitus code, --no-prefilter"]
        print(f"  sentences: {sentences}; ratio tacitus/spaCy {pre / rate_full:.2f} (prefilter), "
              f"{nopre / rate_full:.2f} (no prefilter); prefilter gain {pre / nopre:.2f}x")
    if len(results) > 1:
        one, many = results[1], results[args.processes]
        print(f"scaling 1 -> {args.processes} processes: spaCy {many['spacy'] / one['spacy']:.2f}x, "
              f"tacitus {many['tacitus code, prefilter'] / one['tacitus code, prefilter']:.2f}x")
    with_filter, without = Counter(map(key, events[True])), Counter(map(key, events[False]))
    lost, gained = without - with_filter, with_filter - without
    print(f"events: {sum(without.values())} without the prefilter, {sum(with_filter.values())} with; "
          f"lost {sum(lost.values())}, new {sum(gained.values())}; "
          f"recall of the no-prefilter events {1 - sum(lost.values()) / max(1, sum(without.values())):.4f}")
    for item in list(lost)[:5]:
        print("  lost:", item)
    for item in list(gained)[:5]:
        print("  new: ", item)


if __name__ == "__main__":
    main()
    print(load_note())
