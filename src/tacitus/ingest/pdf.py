"""PDF files with a text layer (pypdf); scanned, encrypted or corrupt PDFs are Rejects with the reason."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..model import Reject
from .base import MIN_CHARS, Blob, Context, Item, document


def read_pdf(blob: Blob, context: Context) -> Iterator[Item]:
    """One document: the text of every page, pages separated by blank lines; title, author, date from its info."""
    extracted = _extract(blob.data)
    if isinstance(extracted, str):
        yield Reject(item=blob.name, reason=extracted)
        return
    pages, info = extracted
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if len(text) < MIN_CHARS:
        yield Reject(item=blob.name, reason="PDF has no text layer (scanned?)")
        return
    title = author = date = None
    if info is not None:
        title, author = info.title, info.author
        created = info.get("/CreationDate")
        date = _pdf_date(str(created)) if created else None
    yield document(blob, text, context.options, title=title, author=author, date=date)


def _extract(data: bytes) -> tuple[list[str], Any] | str:
    """The pages' text and the document info, or why they cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        with _quiet():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                return "PDF is encrypted (password needed)"
            return [page.extract_text() or "" for page in reader.pages], reader.metadata
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return f"corrupt PDF: {exc or type(exc).__name__}"


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf warns (warnings and log records) about what it recovers from; the Reject says what matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _opens_without_password(reader: object) -> bool:
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - unsupported crypto is "cannot open", whatever pypdf raises
        return False


def _pdf_date(value: str) -> str | None:
    """``D:20240625...`` to ``2024-06-25``."""
    digits = value.removeprefix("D:")[:8]
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 and digits.isdigit() else None
