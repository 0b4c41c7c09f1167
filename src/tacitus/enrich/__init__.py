"""Enrichment: each coded event's date and place, from its sentence and clause (docs/enrichment.md).

:class:`Enricher` reads a parsed sentence and the event candidates found in it, and gives each candidate a
date (with its precision and whether it came from the sentence or the document) and a place (a named place
resolved in the offline :class:`Gazetteer`, else the country of the actors at its centre).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Span, Token

from tacitus.enrich.dates import DateMention, DateResolver, DateSpotter, ResolvedDate
from tacitus.enrich.gazetteer import Gazetteer, Place, normalise
from tacitus.enrich.places import PlaceMention, as_location, fallback_country, resolve, spot_places
from tacitus.events import Candidate
from tacitus.model import Actor, Location

__all__ = [
    "DateMention",
    "DateResolver",
    "DateSpotter",
    "Enricher",
    "Enrichment",
    "Gazetteer",
    "Place",
    "PlaceMention",
    "ResolvedDate",
    "date_precision",
    "normalise",
    "spot_places",
]

_FINEST = {"city": 0, "region": 1, "country": 2}


class Enrichment(NamedTuple):
    """What enrichment adds to one event."""

    date: str | None
    date_precision: str | None
    date_source: str | None  # "sentence" or "document"
    location: Location | None


def date_precision(date: str | None) -> str | None:
    """The precision an ISO date string carries: ``1980`` year, ``2020-01`` month, ``2020-01-03`` day."""
    if not date:
        return None
    return "year" if len(date) == 4 else "month" if len(date) == 7 else "day"


def _owner(token: Token, triggers: set[int]) -> int | None:
    """The trigger whose clause holds ``token``: the first trigger on the way up the parse, or None."""
    for _ in range(64):
        if token.i in triggers:
            return token.i
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _governors(token: Token) -> list[int]:
    """The clauses a clause hangs on as a part of the same scene ("rallied ..., urging"; "went to attack")."""
    found = []
    while token.dep_ in ("advcl", "xcomp", "conj") and token.head.i != token.i and len(found) < 8:
        token = token.head
        found.append(token.i)
    return found


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer, built once per process and shared by every Coder (and by forked workers)."""
    return Gazetteer.builtin()


class Enricher:
    """Dates and places for the events of a sentence. Build once (per Coder); the gazetteer loads lazily."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer
        self.spotter = DateSpotter()
        self.resolver = DateResolver()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def warm_up(self) -> None:
        """Build the gazetteer and load dateparser's English data now rather than on the first events."""
        _ = self.gazetteer
        self.resolver.resolve(DateMention(0, 1, "yesterday", None, "relative"), dt.date(2000, 1, 1))  # type: ignore[arg-type]

    def enrich(
        self, sent: Span, candidates: Sequence[Candidate], quad_classes: Sequence[int], doc_date: str | None,
        base: dt.date | None,
    ) -> list[Enrichment]:
        """One :class:`Enrichment` per candidate, in order. ``base`` is the document's day (None: undated)."""
        if not candidates:
            return []
        triggers = {c.trigger.i for c in candidates}
        dates = [(m, _owner(m.anchor, triggers)) for m in self.spotter.spot(sent)
                 if not m.modifier or m.anchor.i in triggers]  # "the 1951 treaty" dates no event
        places = [(m, _owner(m.anchor, triggers)) for m in spot_places(sent, self.gazetteer)]
        found = []
        for candidate, quad in zip(candidates, quad_classes, strict=True):
            date = self._date(candidate, dates, base)
            if date is not None:
                when = (date.date, date.precision, "sentence")
            else:
                when = (doc_date, date_precision(doc_date), "document" if doc_date else None)
            found.append(Enrichment(*when, self._place(candidate, places, quad)))
        return found

    def _date(
        self, c: Candidate, mentions: list[tuple[DateMention, int | None]], base: dt.date | None
    ) -> ResolvedDate | None:
        """The candidate's own clause's date phrase first, then one outside every event's clause.

        A planned or possible event takes only its own clause's phrase (in "told him on Tuesday that Britain
        would send arms", Tuesday dates the telling). Undated documents take only phrases that name their
        year ("in 1980", "in January 2020").
        """
        future = c.modality == "hypothetical"
        for wanted in (c.trigger.i,) if future else (c.trigger.i, None):
            for mention, owner in mentions:
                if owner != wanted or (base is None and not mention.year):
                    continue
                resolved = self.resolver.resolve(mention, base or dt.date.max, future)
                if resolved is not None and (future or base is None or resolved.start() <= base):
                    return resolved
        return None

    def _place(self, c: Candidate, mentions: list[tuple[PlaceMention, int | None]], quad: int) -> Location | None:
        """A named place in the candidate's clause (finest first), then outside every clause, then in the clause
        of an event that governs it ("rallied in Tel Aviv, urging...") or is its subject ("a strike near Tyre
        killed..."), then the actors' country. When the
        event's own clause names only places the gazetteer does not know, the event has no place."""
        source, target = c.source, c.target
        countries = [a.country for a in (target, source) if a is not None]
        countries += [a.affiliation for a in (target, source) if a is not None]
        related = {t.i for t in c.trigger.children if t.dep_ in ("nsubj", "nsubjpass")}
        related.update(_governors(c.trigger))
        for wanted in (c.trigger.i, None, -1):
            named = [m for m, owner in mentions if owner == wanted or (wanted == -1 and owner in related)]
            places = [p for m in named if (p := resolve(m, self.gazetteer, countries))]
            if places:
                return as_location(min(places, key=lambda p: _FINEST.get(p.precision, 3)))
            if named and wanted == c.trigger.i:
                return None  # its own clause names a place the gazetteer does not know: no place, not a guess
        if source is None and target is None:
            return None
        country = self.gazetteer.country(fallback_country(source or Actor(), target or Actor(), quad))
        return as_location(country) if country else None
