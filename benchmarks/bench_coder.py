"""Coding speed against spaCy's bare parse, measured in one run on the same corpus.

    python benchmarks/bench_coder.py [--docs N] [--processes P] [--model NAME]

Prints sentences/s for (a) spaCy's bare ``nlp.pipe`` with the full model, (b) the same model with the
components Tacitus runs (NER excluded: the coder does not read it), and (c) ``Coder.code_documents``,
which parses with (b) and codes. Ratios: (c)/(a) is what a user gains or pays against "just parse";
(c)/(b) is the cost of coding on top of the parse Tacitus needs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from tacitus import Coder, Config, Document
from tacitus.nlp import load_model, resolve_model_name
from tacitus.tsv import builtin_path

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


def corpus(n: int) -> list[Document]:
    """The bundled sample articles (and the seed articles when present), repeated to n documents."""
    files = sorted(builtin_path("sample").glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    return [Document(id=f"d{i}", text=texts[i % len(texts)], date="2021-06-01") for i in range(n)]


def timed(label: str, fn) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    sentences = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {sentences:>7} sentences {seconds:7.2f} s {sentences / seconds:8.1f} sent/s")
    return sentences / seconds, sentences


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    name = resolve_model_name(args.model)
    documents = corpus(args.docs)
    texts = [d.text for d in documents]
    full = spacy.load(name)
    coder = Coder(Config(model=name, processes=args.processes, prefilter=False))  # parse everything (b)
    _ = coder.matcher  # load dictionaries before timing
    _ = coder.lexicon
    coder.enricher.warm_up()  # the gazetteer (about 1.5 s) and dateparser's data, once per Coder
    full.pipe(texts[:2])  # warm up
    bare, n = timed(f"spaCy nlp.pipe, full {name}", lambda: sum(
        len(list(d.sents)) for d in full.pipe(texts, batch_size=64, n_process=args.processes)))
    lean_nlp = load_model(name)
    def lean_parse() -> int:
        for _ in lean_nlp.pipe(texts, batch_size=64, n_process=args.processes):
            pass
        return n  # the same corpus: rates are over the full parse's sentence count

    lean, _ = timed("spaCy nlp.pipe, components Tacitus uses", lean_parse)
    events = 0

    def code() -> int:
        nonlocal events
        for _, found in coder.code_documents(documents):
            events += len(found)
        return n

    tacitus, _ = timed("tacitus code (parse + code)", code)
    print(f"documents: {len(documents)}, processes: {args.processes}, events: {events}")
    print(f"ratio tacitus / bare full parse:        {tacitus / bare:.2f}")
    print(f"ratio tacitus / parse Tacitus needs:    {tacitus / lean:.2f}  (coding overhead "
          f"{(lean / tacitus - 1) * 100:.0f}%)")


if __name__ == "__main__":
    main()
