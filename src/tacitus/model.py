"""Typed records that travel through the pipeline: Document in, Event out.

The fields of :class:`Event` are the event record of DESIGN.md section 3; every output format
(JSON Lines, CSV, Parquet, the store's ``events`` table) follows them.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["asserted", "negated", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]
DateSource = Literal["sentence", "document"]
UNKNOWN = "---"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Record):
    """One input text with its metadata; ``id`` is the file stem or the JSONL ``id``."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None  # ISO 639-1, set by the readers' language check
    author: str | None = None
    site: str | None = None  # the publishing site's name (page or feed metadata)


class Actor(_Record):
    """A coded actor: ``code`` is CAMEO-style (``IRQCOP``, ``USAGOV``, ``IGOUNO``) or ``---``."""

    code: str = UNKNOWN
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    text: str | None = None
    affiliation: str | None = None  # backer or parent ("Tehran-backed militants" -> IRN)

    @property
    def known(self) -> bool:
        return self.code != UNKNOWN


class Location(_Record):
    """Where an event happened: ``country`` is ISO alpha-3; ``precision`` is city, region or country."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class Event(_Record):
    """One coded event, tied to the sentence that supports it."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    date: str | None = None
    source: Actor
    target: Actor
    code: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    modality: Modality = "asserted"
    claimed_by: Actor | None = None
    location: Location | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    date_precision: DatePrecision | None = None  # of ``date``: 2020-01-03 day (week: its Monday), 2020-01, 1980
    date_source: DateSource | None = None  # a date phrase of the sentence, or the document's date

    @staticmethod
    def make_id(doc_id: str, sentence_index: int, source: str, target: str, code: str) -> str:
        """A stable id: the same document coded twice gives the same ids."""
        key = f"{doc_id}\x1f{sentence_index}\x1f{source}\x1f{target}\x1f{code}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def flat(self) -> dict[str, object]:
        """The record with actors flattened into columns (CSV, Parquet, the store)."""
        row: dict[str, object] = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span_start": self.span[0],
            "span_end": self.span[1],
            "date": self.date,
        }
        for role in ("source", "target"):
            actor: Actor = getattr(self, role)
            for field in ("code", "country", "sector", "name", "text"):
                row[f"{role}_{field}"] = getattr(actor, field)
        row.update(
            code=self.code,
            root=self.root,
            quad_class=self.quad_class,
            goldstein=self.goldstein,
            plover=self.plover,
            modality=self.modality,
            claimed_by_code=self.claimed_by.code if self.claimed_by else None,
            claimed_by_name=self.claimed_by.name if self.claimed_by else None,
            claimed_by_text=self.claimed_by.text if self.claimed_by else None,
            location_name=self.location.name if self.location else None,
            location_country=self.location.country if self.location else None,
            location_lat=self.location.lat if self.location else None,
            location_lon=self.location.lon if self.location else None,
            location_precision=self.location.precision if self.location else None,
            confidence=self.confidence,
            date_precision=self.date_precision,
            date_source=self.date_source,
        )
        return row


class Reject(_Record):
    """A document (or input item) that was not coded, and why."""

    item: str
    reason: str
