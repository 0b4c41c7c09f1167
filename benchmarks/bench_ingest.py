"""Reading speed and memory of the ingest readers, measured in one run (no network: a local server).

    python benchmarks/bench_ingest.py [--docs N]

Prints documents/s for plain text, HTML pages (trafilatura), PDFs (pypdf) and an RSS feed whose items
are fetched from a local http.server, the share of the text time spent on the language check, and the
process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from samples import ARTICLES, article_page, article_text, pdf_bytes, rss_feed, wrap  # noqa: E402
from tacitus.ingest import FetchPolicy, iter_inputs  # noqa: E402
from webserver import WebServer  # noqa: E402


def _rate(label: str, inputs: list[str], **options: object) -> float:
    start = time.perf_counter()
    items = list(iter_inputs(inputs, **options))  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    rate = len(items) / seconds
    print(f"{label:<34} {len(items):5d} items  {seconds:6.2f} s  {rate:8.1f} docs/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    n = parser.parse_args().docs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("txt", "html", "pdf"):
            (folder / kind).mkdir()
        for i in range(n):
            k = i % len(ARTICLES)
            (folder / "txt" / f"a{i}.txt").write_text(article_text(k), encoding="utf-8")
            (folder / "html" / f"a{i}.html").write_text(article_page(k), encoding="utf-8")
            lines = [line for p in article_text(k).split("\n\n") for line in wrap(p)]
            (folder / "pdf" / f"a{i}.pdf").write_bytes(pdf_bytes(lines))
        _rate("first document (builds detector)", [str(folder / "txt" / "a0.txt")])
        without = _rate("text, no language check", [str(folder / "txt")], check_language=False)
        _rate("text, language check (first pass)", [str(folder / "txt")])
        with_check = _rate("text, language check", [str(folder / "txt")])
        _rate("HTML pages (trafilatura)", [str(folder / "html")])
        _rate("PDF (pypdf)", [str(folder / "pdf")])
    with WebServer() as web:
        items = []
        for i in range(n):
            k = i % len(ARTICLES)
            url = web.add(f"/a{i}.html", article_page(k))
            items.append({"title": ARTICLES[k][2], "date": ARTICLES[k][1], "link": url})
        web.add("/feed.xml", rss_feed(items), content_type="application/rss+xml")
        _rate("RSS feed, items fetched locally", [web.url("/feed.xml")], fetch_policy=FetchPolicy(backoff=0))
    print(f"language check: {1 / with_check - 1 / without:.4f} s per document "
          f"({(1 / with_check - 1 / without) * with_check:.0%} of plain-text reading)")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
