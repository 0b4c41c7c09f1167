"""What every reader shares: the raw input (``Blob``), the reading options, and the reading context."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import Document, Reject
from .fetch import Fetcher, FetchPolicy
from .language import default_identifier
from .normalize import normalize_text

Item = Document | Reject
MIN_CHARS = 3
_DATED_STEM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[_\-T].*)?$")


@dataclass(frozen=True)
class Blob:
    """Raw bytes of one input with what is known about them.

    ``name`` names the input in rejects (a path or URL); ``stem`` is the default document id;
    ``defaults`` are Document fields known from outside the bytes (a feed item's title and date, a
    date in the file name, the URL), which the content's own metadata fills around.
    """

    data: bytes
    name: str
    stem: str
    content_type: str | None = None
    defaults: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadOptions:
    """How to read: the date for undated documents, the field mapping for tables, language and fetching."""

    date: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    check_language: bool = True
    fetch_policy: FetchPolicy | None = None


class Context:
    """Options plus shared, lazily made helpers (one HTTP client per run); readers get it as an argument."""

    def __init__(self, options: ReadOptions, read: Callable[[Blob, Context], Iterator[Item]],
                 fetcher: Fetcher | None = None) -> None:
        self.options = options
        self._read = read
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options.fetch_policy)
        return self._fetcher

    def read(self, blob: Blob) -> Iterator[Item]:
        """Read any blob with the reader its content calls for (feeds use it for the pages they link)."""
        return self._read(blob, self)

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()


def date_from_stem(stem: str) -> str | None:
    """A leading ``YYYY-MM-DD`` in a file name is the document's date."""
    match = _DATED_STEM.match(stem)
    return match.group(1) if match else None


def document(blob: Blob, text: str, options: ReadOptions, **found: str | None) -> Item:
    """A Document from extracted text, or a Reject (empty, not English) naming ``blob.name``.

    The blob's defaults win over what the content says, and the run date comes last. Every reader ends
    here, so every document gets the same checks: offset-preserving clean-up and the language check.
    """
    text = normalize_text(text)
    if len(text.strip()) < MIN_CHARS:
        return Reject(item=blob.name, reason="empty text")
    fields: dict[str, str] = {k: v for k, v in found.items() if v}
    fields.update(blob.defaults)
    fields.setdefault("id", blob.stem)
    if options.date:
        fields.setdefault("date", options.date)
    if "title" in fields:
        fields["title"] = " ".join(normalize_text(fields["title"]).split())
    if options.check_language:
        identifier = default_identifier()
        guess = identifier.guess(text)
        reason = identifier.rejection(guess)
        if reason:
            return Reject(item=blob.name, reason=reason)
        if guess is not None:
            fields["language"] = guess.code
    return Document(text=text, **fields)
