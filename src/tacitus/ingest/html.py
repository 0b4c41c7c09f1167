"""HTML pages: the main text (trafilatura drops navigation, footers, ads) and the page's metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Reject
from .base import Blob, Context, Item, ReadOptions, document
from .encoding import UndecodableError, decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.IGNORECASE)
MIN_WORDS = 3
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The charset from the Content-Type header, else from a ``<meta charset>`` near the top of the page."""
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def read_html(blob: Blob, context: Context) -> Iterator[Item]:
    """One document: the page's main text, paragraphs separated by blank lines, with its metadata."""
    try:
        markup = decode_bytes(blob.data, declared_charset(blob.data, blob.content_type))
    except UndecodableError as exc:
        yield Reject(item=blob.name, reason=str(exc))
        return
    yield extract_page(markup, blob, context.options)


def extract_page(markup: str, blob: Blob, options: ReadOptions) -> Item:
    """Main text and metadata (title, date, author, site) of an HTML page, or a Reject saying why not."""
    import trafilatura

    url = blob.defaults.get("url")
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # malformed markup that lxml cannot parse
        return Reject(item=blob.name, reason=f"HTML could not be parsed ({exc})")
    if result is None or len((result.text or "").split()) < MIN_WORDS:  # a menu item is not an article
        return Reject(item=blob.name, reason="no main text found in the HTML page")
    paragraphs = [line.strip() for line in result.text.split("\n") if line.strip()]
    return document(
        blob, "\n\n".join(paragraphs), options, title=result.title, date=_day(result.date), author=result.author,
        site=result.sitename or result.hostname,
    )


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): block elements become paragraphs."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    text = root.text_content()
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _day(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None
