"""The one entry point for inputs: files, folders, URLs, feeds, standard input -> Documents or Rejects.

Each input's bytes are sniffed (:mod:`.sniff`) to pick its reader (plain text, HTML, RSS/Atom, PDF,
JSON Lines, JSON, CSV). Every reader makes its Documents with :func:`.base.document`, which applies the
checks shared by all: the text is cleaned one character for one (:mod:`.normalize`, offsets hold) and
its language identified (:mod:`.language`); a document in another language than English is a Reject.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..model import Reject
from .base import Blob, Context, Item, ReadOptions, date_from_stem, document
from .encoding import UndecodableError, decode_bytes
from .feeds import read_feed
from .fetch import Fetcher, FetchError, FetchPolicy
from .html import read_html
from .pdf import read_pdf
from .sniff import Kind, sniff
from .tables import read_csv, read_json_array, read_json_lines

Reader = Callable[[Blob, Context], Iterator[Item]]
URL_SCHEMES = ("http://", "https://")


def iter_inputs(
    inputs: list[str],
    date: str | None = None,
    stdin: IO[str] | None = None,
    *,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    check_language: bool = True,
    fetch_policy: FetchPolicy | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Item]:
    """Documents and rejects from files, folders (recursive), URLs, feeds and '-' (standard input).

    ``date`` is the date of documents that carry none; ``text_field``, ``id_field`` and ``date_field``
    name the fields of JSON Lines, JSON and CSV records; ``check_language=False`` keeps documents in any
    language; ``fetch_policy`` (or a ready ``fetcher``) sets how URLs are fetched.
    """
    options = ReadOptions(date, text_field, id_field, date_field, check_language, fetch_policy)
    context = Context(options, read_blob, fetcher)
    try:
        for raw in inputs:
            yield from _read_input(raw, stdin, context)
    finally:
        context.close()


def _read_input(raw: str, stdin: IO[str] | None, context: Context) -> Iterator[Item]:
    if raw == "-":
        yield from read_blob(_stdin_blob(stdin or sys.stdin), context)
    elif raw.lower().startswith(URL_SCHEMES):
        yield from read_url(raw, context)
    else:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from read_path(file, context)
        elif path.exists():
            yield from read_path(path, context)
        else:
            yield Reject(item=raw, reason="no such file or directory")


def read_path(path: Path, context: Context) -> Iterator[Item]:
    """Items from one file, read by what its bytes hold."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(item=str(path), reason=f"unreadable: {exc.strerror or exc}")
        return
    day = date_from_stem(path.stem)
    yield from read_blob(Blob(data, str(path), path.stem, defaults={"date": day} if day else {}), context)


def read_url(url: str, context: Context) -> Iterator[Item]:
    """Items from a URL (a page, a feed, a PDF...); a URL that cannot be fetched is a Reject."""
    try:
        fetched = context.fetcher.fetch(url)
    except FetchError as exc:
        yield Reject(item=url, reason=str(exc))
        return
    yield from read_blob(Blob(fetched.content, url, url, fetched.content_type, {"url": fetched.url}), context)


def read_blob(blob: Blob, context: Context) -> Iterator[Item]:
    """Items from raw bytes, with the reader their content calls for."""
    kind = sniff(blob.data, blob.name, blob.content_type)
    yield from READERS[kind](blob, context)


def read_plain_text(blob: Blob, context: Context) -> Iterator[Item]:
    """One document: the whole text (UTF-8, else the detected encoding)."""
    try:
        text = decode_bytes(blob.data)
    except UndecodableError as exc:
        yield Reject(item=blob.name, reason=str(exc))
        return
    yield document(blob, text, context.options)


def _reject(reason: str) -> Reader:
    def reader(blob: Blob, context: Context) -> Iterator[Item]:
        yield Reject(item=blob.name, reason=reason)

    return reader


READERS: dict[Kind, Reader] = {
    Kind.EMPTY: _reject("empty text"),
    Kind.BINARY: _reject("binary file (contains NUL bytes or a binary signature), not text"),
    Kind.XML: _reject("XML that is neither an RSS/Atom feed nor an XHTML page"),
    Kind.PDF: read_pdf,
    Kind.FEED: read_feed,
    Kind.HTML: read_html,
    Kind.JSONL: read_json_lines,
    Kind.JSON: read_json_array,
    Kind.CSV: read_csv,
    Kind.TEXT: read_plain_text,
}


def _stdin_blob(stream: IO[str]) -> Blob:
    buffer = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    return Blob(data, "<stdin>", "stdin")


def read_text_file(path: Path, date: str | None = None) -> Item:
    """One document from a text file (id: the file stem; date: a leading YYYY-MM-DD in its name, else ``date``)."""
    items = list(iter_inputs([str(path)], date, check_language=False))
    return items[0] if len(items) == 1 else Reject(item=str(path), reason="not a single text document")


def read_jsonl(path: Path, date: str | None = None) -> Iterator[Item]:
    """Documents from a JSON Lines file: {"text", optional "id", "date", "title", "url", "source"} per line."""
    yield from iter_inputs([str(path)], date, check_language=False)
