"""Errors raised by Tacitus. Every public error derives from :class:`TacitusError`.

::

    TacitusError
    ├── ConfigError            a setting is invalid (unknown model, bad date, missing path)
    ├── ModelNotFoundError     the spaCy model cannot be loaded
    ├── DictionaryError        a dictionary file is missing or malformed (names file and line)
    ├── InputError             an input cannot be read at all (names the item and the reason)
    │   └── DocumentError      one document is unusable (empty, binary, not UTF-8); batches skip it
    └── StoreError             the DuckDB store cannot be opened or written

Each message says what to do next.
"""

from __future__ import annotations


class TacitusError(Exception):
    """Base of every error Tacitus raises on purpose."""


class ConfigError(TacitusError):
    pass


class ModelNotFoundError(TacitusError):
    pass


class DictionaryError(TacitusError):
    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class InputError(TacitusError):
    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class DocumentError(InputError):
    pass


class StoreError(TacitusError):
    pass
