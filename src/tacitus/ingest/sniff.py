"""Content sniffing: what an input is, from its first bytes, with the name and Content-Type as hints.

The bytes decide first: ``%PDF-`` is a PDF; binary signatures or NUL bytes are binary; an XML
document whose root is ``<rss``, ``<feed`` or ``<rdf:RDF`` is a feed; markup starting with a doctype,
``<html``, ``<head`` or ``<body`` is HTML; a first line that parses as a JSON object is JSON Lines, a
leading ``[`` a JSON array of records. Only text that none of these claims falls back on hints: a
``.csv``/``.tsv`` name or a ``text/csv`` type is a table, an ``.html`` name or ``text/html`` type
HTML, an RSS/Atom type a feed. Everything else is plain text.
"""

from __future__ import annotations

import codecs
import json
import re
from enum import StrEnum

_HEAD = 4096
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf",
    b"Rar!", b"\x7fELF", b"MZ", b"OggS", b"ID3", b"RIFF", b"\x00\x00\x01\x00", b"wOFF", b"\xd0\xcf\x11\xe0",
)
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I | re.S)
_HTML_TYPES = ("text/html", "application/xhtml")
_FEED_TYPES = ("application/rss", "application/atom", "application/rdf", "application/feed")


class Kind(StrEnum):
    """What an input holds, which picks its reader."""

    EMPTY = "empty"
    BINARY = "binary"
    PDF = "pdf"
    FEED = "feed"
    HTML = "html"
    XML = "xml"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    TEXT = "text"


def sniff(data: bytes, name: str = "", content_type: str | None = None) -> Kind:
    """The kind of ``data``; ``name`` (file name or URL) and ``content_type`` only break ties."""
    if not data.strip():
        return Kind.EMPTY
    if b"%PDF-" in data[:1024]:
        return Kind.PDF
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _sniff_text(data.decode("utf-16", errors="replace")[:_HEAD], name, content_type)
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        return Kind.BINARY
    return _sniff_text(data[:_HEAD].decode("utf-8", errors="replace"), name, content_type)


def _sniff_text(head: str, name: str, content_type: str | None) -> Kind:
    start = head.lstrip("\ufeff \t\r\n")
    lower = start[:2048].lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    suffix = _suffix(name)
    if start.startswith("<"):
        if lower.startswith("<?xml") or _FEED_ROOT.match(lower):
            if _FEED_ROOT.search(lower):
                return Kind.FEED
            return Kind.HTML if "<html" in lower else Kind.XML
        if _HTML_START.match(lower) or "<html" in lower:
            return Kind.HTML
    if start.startswith("{") and _json_object_line(start):
        return Kind.JSONL
    if start.startswith("[") and (suffix in (".json", ".jsonl") or ctype == "application/json"):
        return Kind.JSON
    if suffix in (".csv", ".tsv") or ctype in ("text/csv", "text/tab-separated-values"):
        return Kind.CSV
    if ctype.startswith(_FEED_TYPES) or suffix in (".rss", ".atom"):
        return Kind.FEED
    if suffix in (".html", ".htm", ".xhtml") or ctype.startswith(_HTML_TYPES):
        return Kind.HTML
    return Kind.TEXT


def _json_object_line(start: str) -> bool:
    if "\n" not in start and len(start) > _HEAD // 2:
        return start.startswith('{"')  # a long first record, cut off by the sniffing window
    line = start.split("\n", 1)[0].strip()
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        # a pretty-printed single object spans lines; the JSON reader checks the whole file
        return line == "{"


def _suffix(name: str) -> str:
    tail = name.split("?", 1)[0].rsplit("/", 1)[-1]
    return "." + tail.rsplit(".", 1)[-1].lower() if "." in tail else ""
