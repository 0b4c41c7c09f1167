"""Tacitus: political event data (CAMEO) from news text.

>>> import tacitus
>>> events = tacitus.code_text("Iraqi security forces arrested a senior militia commander.")
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from ._version import __version__
from .coder import Coder
from .config import Config
from .errors import (
    ConfigError,
    DictionaryError,
    DocumentError,
    InputError,
    ModelNotFoundError,
    StoreError,
    TacitusError,
)
from .model import Actor, Document, Event, Location, Reject

__all__ = [
    "Actor",
    "Coder",
    "Config",
    "ConfigError",
    "DictionaryError",
    "Document",
    "DocumentError",
    "Event",
    "InputError",
    "Location",
    "ModelNotFoundError",
    "Reject",
    "StoreError",
    "TacitusError",
    "__version__",
    "code_documents",
    "code_text",
    "open_store",
]


def open_store(path: str = "tacitus.duckdb", read_only: bool = True):  # type: ignore[no-untyped-def]
    """Open a Tacitus DuckDB store (read-only by default): events, stories and dyads as DataFrames."""
    from .store import open_store as _open

    return _open(path, read_only=read_only)


def code_text(text: str, date: str | None = None, config: Config | None = None) -> list[Event]:
    """Code one text with a shared :class:`Coder` (model and dictionaries load once per process)."""
    return _coder((config or Config()).model_dump_json()).code_text(text, date=date)


def code_documents(documents: Iterable[Document], config: Config | None = None) -> Iterator[Event]:
    """Code documents in batches and yield their events."""
    for _, events in _coder((config or Config()).model_dump_json()).code_documents(documents):
        yield from events


@functools.lru_cache(maxsize=4)
def _coder(settings: str) -> Coder:
    """One Coder per distinct configuration (keyed by its JSON: a Config holds unhashable file lists)."""
    return Coder(Config.model_validate_json(settings))
