"""RSS and Atom feeds (feedparser): one document per item, from its full text or from the page it links.

An item that carries its article (``content:encoded`` or Atom ``content`` of at least
``FULL_CONTENT_CHARS`` characters of text, or a summary of at least ``FULL_SUMMARY_CHARS``) is used as
it is; otherwise its link is fetched and the page's main text extracted. The item's title, date and link
win over the page's metadata. A link that cannot be fetched is a Reject (``URL: HTTP 404``); the
other items are still read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from ..model import Reject
from .base import Blob, Context, Item, document
from .fetch import FetchError
from .html import fragment_text

FULL_CONTENT_CHARS = 200
FULL_SUMMARY_CHARS = 500


def read_feed(blob: Blob, context: Context) -> Iterator[Item]:
    """The feed's items, in feed order."""
    import feedparser

    parsed = feedparser.parse(blob.data)
    if parsed.bozo and not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None) or "not a valid feed"
        yield Reject(item=blob.name, reason=f"unreadable RSS/Atom feed: {problem}")
        return
    if not parsed.entries:
        yield Reject(item=blob.name, reason="the feed has no items")
        return
    site = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield from _read_entry(entry, number, blob, site, context)


def _read_entry(entry: Any, number: int, feed: Blob, site: str | None, context: Context) -> Iterator[Item]:
    link = entry.get("link")
    defaults = {k: v for k, v in {"title": entry.get("title"), "date": _date(entry), "url": link}.items() if v}
    ident = entry.get("id") or link or f"{feed.stem}-{number}"
    text = _carried_text(entry)
    if text is not None:
        item = Blob(b"", link or f"{feed.name}#{number}", ident, defaults=defaults)
        yield document(item, text, context.options, author=entry.get("author"), site=site)
        return
    if not link:
        yield Reject(item=f"{feed.name}#{number}", reason="feed item has neither a link nor its full text")
        return
    try:
        page = context.fetcher.fetch(link)
    except FetchError as exc:
        yield Reject(item=link, reason=str(exc))
        return
    blob = Blob(page.content, link, ident, page.content_type, defaults=defaults)
    for read in context.read(blob):
        if not isinstance(read, Reject) and not read.site and site:
            read = read.model_copy(update={"site": site})
        yield read


def _carried_text(entry: Any) -> str | None:
    """The item's own full text, when it carries one long enough to be the article."""
    for content in entry.get("content") or []:
        text = fragment_text(content.get("value", ""))
        if len(text) >= FULL_CONTENT_CHARS:
            return text
    summary = fragment_text(entry.get("summary") or "")
    return summary if len(summary) >= FULL_SUMMARY_CHARS else None


def _date(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None
