"""Dated roles of the built-in people and the organisations added for 2015-2026 resolve as documented.

A person carries the code of the role that holds on the document's date, else their undated standing
(``ELI``/``OPP``/``REB``); names must never shadow a country, a sector word or another person.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from tacitus.actors.dictionary import ActorDictionary


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.builtin()


def _code(dictionary: ActorDictionary, name: str, day: str) -> str | None:
    entries = [e for e in dictionary.lookup(name) if e.kind == "person"]
    assert len(entries) == 1, f"{name!r}: {len(entries)} people"
    role = entries[0].role_on(dt.date.fromisoformat(day))
    return role.code if role else None


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("William Ruto", "2012-06-01", "KENELI"),  # out of office 2010-2013: his standing, not government
        ("Ruto", "2016-06-01", "KENGOV"),  # deputy president
        ("Ruto", "2024-06-01", "KENGOV"),  # president
        ("Hichilema", "2019-06-01", "ZMBOPP"),
        ("Hichilema", "2022-06-01", "ZMBGOV"),
        ("Mahama", "2016-06-01", "GHAGOV"),
        ("Mahama", "2020-06-01", "GHAOPP"),
        ("Mahama", "2025-06-01", "GHAGOV"),
        ("Tebboune", "2018-06-01", "DZAELI"),
        ("Tebboune", "2021-06-01", "DZAGOV"),
        ("Mnangagwa", "2016-06-01", "ZWEGOV"),  # vice president
        ("Mnangagwa", "2017-11-15", "ZWEELI"),  # between his dismissal and his inauguration
        ("Mnangagwa", "2019-06-01", "ZWEGOV"),
        ("Mitsotakis", "2018-06-01", "GRCELI"),
        ("Mitsotakis", "2020-06-01", "GRCGOV"),
        ("Rodrigo Duterte", "2015-06-01", "PHLELI"),
        ("Duterte", "2019-06-01", "PHLGOV"),
        ("Bukele", "2018-06-01", "SLVELI"),
        ("Bukele", "2021-06-01", "SLVGOV"),
        ("Georgieva", "2018-06-01", "IGOUNODEVWBK"),
        ("Georgieva", "2022-06-01", "IGOBUSIMF"),
        ("Moussa Faki", "2020-06-01", "IGOAFRAFU"),
        ("Moussa Faki", "2015-06-01", "TCDGOV"),
        ("Kais Saied", "2018-06-01", "TUNELI"),
        ("Kais Saied", "2022-06-01", "TUNGOV"),
        ("Gustavo Petro", "2020-06-01", "COLOPP"),
        ("Petro", "2023-06-01", "COLGOV"),
        ("Iván Mordisco", "2024-06-01", "COLREB"),
        ("El Chapo", "2016-06-01", "MEXCRM"),
    ],
)
def test_dated_role_on_day(dictionary: ActorDictionary, name: str, day: str, code: str) -> None:
    assert _code(dictionary, name, day) == code


@pytest.mark.parametrize(
    ("name", "code", "affiliation"),
    [
        ("Kenya Defence Forces", "KENMIL", None),
        ("Georgian Dream", "GEOGOV", None),
        ("Hurras al-Din", "SYRREB", None),
        ("Russian Volunteer Corps", "RUSREB", "UKR"),
        ("Giants Brigades", "YEMMIL", "ARE"),
        ("ZANU-PF", "ZWEGOV", None),
        ("Francophonie", "IGOFRA", None),
    ],
)
def test_added_organisations(dictionary: ActorDictionary, name: str, code: str, affiliation: str | None) -> None:
    orgs = [e for e in dictionary.lookup(name) if e.kind == "org"]
    assert [(e.code, e.affiliation) for e in orgs] == [(code, affiliation)]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ")


def test_person_names_never_shadow_countries_or_sector_words(dictionary: ActorDictionary) -> None:
    """A person's alias equal to a country, capital, demonym or agent word would steal that name."""
    by_name: dict[str, set[str]] = {}
    for name, entry in dictionary.entries():
        by_name.setdefault(_fold(name), set()).add(entry.kind)
    clashes = sorted(n for n, kinds in by_name.items() if "person" in kinds and kinds & {"country", "agent"})
    assert clashes == []


def test_surname_aliases_kept_out_when_ambiguous(dictionary: ActorDictionary) -> None:
    """Surnames shared by several figures or equal to English words stay full-name only (Déby, Rajapaksa, Barrow)."""
    ambiguous = ("Deby", "Déby", "Rajapaksa", "Castro", "Jugnauth", "Khan", "Sanchez", "Boko", "Chapo", "Barrow",
                 "Lasso")
    for surname in ambiguous:
        assert not [e for e in dictionary.lookup(surname) if e.kind == "person"], surname


@pytest.mark.model
def test_surname_resolves_in_a_sentence_on_the_documents_date(coder) -> None:
    text = "Ruto met Museveni in Nairobi on Monday."
    now = coder.code_text(text, date="2023-03-06")
    assert [(e.source.code, e.target.code) for e in now] == [("KENGOV", "UGAGOV")]
    before = coder.code_text(text, date="2012-03-01")  # Ruto held no office from 2010 to 2013
    assert [(e.source.code, e.target.code) for e in before] == [("KENELI", "UGAGOV")]
