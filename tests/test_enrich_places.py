"""Event places: gazetteer look-ups, the regions file, and places of events in real sentences."""

from __future__ import annotations

import pytest

from tacitus.enrich import Gazetteer, normalise
from tacitus.enrich.gazetteer import keys
from tacitus.enrich.places import fallback_country
from tacitus.model import Actor
from tacitus.tsv import alternatives, builtin_path, read_tsv


@pytest.fixture(scope="module")
def gazetteer(coder) -> Gazetteer:
    return coder.enricher.gazetteer  # built once for the session's Coder


LOOKUPS = [
    # (name, preferred countries, kind, expected name, country, precision)
    ("Karbala", [], None, "Karbala", "IRQ", "city"),
    ("Kerbala", [], None, "Karbala", "IRQ", "city"),  # an alternate name
    ("Karbala", ["IRQ"], "region", "Karbala Governorate", "IRQ", "region"),  # "Karbala province"
    ("Al-Anbar", ["IRQ"], "region", "Al-Anbar Governorate", "IRQ", "region"),
    ("Anbar", [], None, "Al-Anbar Governorate", "IRQ", "region"),
    ("Baghdad", [], None, "Baghdad", "IRQ", "city"),
    ("Iraq", [], None, "Iraq", "IRQ", "country"),
    ("Punjab", ["PAK"], None, "Punjab (Pakistan)", "PAK", "region"),  # the actors' country decides
    ("Punjab", ["IND"], None, "Punjab (India)", "IND", "region"),
    ("Lebanon", ["USA"], None, "Lebanon", "LBN", "country"),  # a country name is the country, not a US town
    ("Gaza Strip", [], None, "Gaza Strip", "PSE", "region"),
    ("Donetsk", [], None, "Donetsk", "UKR", "city"),
    ("Donetsk", [], "region", "Donetsk Oblast", "UKR", "region"),
    ("Kharkiv", [], None, "Kharkiv", "UKR", "city"),
    ("Strait of Hormuz", [], None, "Strait of Hormuz", None, "region"),
]


@pytest.mark.parametrize(("name", "countries", "kind", "expected", "country", "precision"), LOOKUPS)
def test_places_lookup(gazetteer, name, countries, kind, expected, country, precision) -> None:
    place = gazetteer.lookup(name, countries, kind)
    assert place is not None
    assert (place.name, place.country, place.precision) == (expected, country, precision)


def test_places_country_preference_changes_the_answer(gazetteer) -> None:
    """Tripoli is Libya's capital by population, and Lebanon's when the actors are Lebanese."""
    assert gazetteer.lookup("Tripoli").country == "LBY"
    assert gazetteer.lookup("Tripoli", ["LBN"]).country == "LBN"


@pytest.mark.parametrize("name", ["Xanaduville", "", "Green Zone", "Congress"])
def test_places_unresolvable_names(gazetteer, name) -> None:
    assert gazetteer.lookup(name, ["IRQ"]) is None


def test_places_karbala_coordinates(gazetteer) -> None:
    place = gazetteer.lookup("Karbala")
    assert abs(place.lat - 32.6) < 0.1 and abs(place.lon - 44.0) < 0.1


def test_places_countries_capitals_demonyms(gazetteer) -> None:
    iraq = gazetteer.country("IRQ")
    assert iraq.precision == "country" and 29 < iraq.lat < 37.5 and 38.8 < iraq.lon < 48.6
    assert gazetteer.capital("IRQ").name == "Baghdad"
    assert gazetteer.demonym("Iraqi") == "IRQ"
    assert gazetteer.country(None) is None and gazetteer.country("ZZZ") is None


def test_places_normalise() -> None:
    assert normalise("Al-Anbar") == "al anbar"
    assert normalise("Bāniyās") == "baniyas"
    assert keys("Al-Anbar") == ["al anbar", "anbar"]
    assert keys("Alabama") == ["alabama"]


def test_places_regions_file_is_well_formed() -> None:
    codes = {row["code"] for _, row in read_tsv(builtin_path("countries.tsv"), ("code",))}
    names: set[str] = set()
    rows = list(read_tsv(builtin_path("regions.tsv"), ("name", "aliases", "country", "lat", "lon")))
    assert len(rows) >= 100
    for number, row in rows:
        assert row["name"] not in names, f"regions.tsv:{number}: {row['name']} twice"
        names.add(row["name"])
        assert not row["country"] or row["country"] in codes, f"regions.tsv:{number}: {row['country']}"
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, f"regions.tsv:{number}"
        assert all(alias.strip() for alias in alternatives(row["aliases"]))


@pytest.mark.parametrize(
    ("quad", "source", "target", "country"),
    [(4, "IRN", "IRQ", "IRQ"), (1, "IRN", "IRQ", "IRN"), (4, "IRN", None, "IRN"), (2, None, "USA", "USA"),
     (3, None, None, None)],
)
def test_places_fallback_country(quad, source, target, country) -> None:
    assert fallback_country(Actor(country=source), Actor(country=target), quad) == country


# (sentence, root of the event, place name, country, precision)
SENTENCES = [
    ("Iraqi protesters set fire to the Iranian consulate in Karbala.", "14", "Karbala", "IRQ", "city"),
    ("Iraqi security forces arrested a militia commander in Al-Anbar province.", "17", "Al-Anbar Governorate",
     "IRQ", "region"),
    ("Militants fired rockets at American troops near Baghdad airport.", "19", "Baghdad", "IRQ", "city"),
    ("Iraqi police arrested dozens of protesters in the Iraqi capital.", "17", "Baghdad", "IRQ", "city"),
    ("Russian forces shelled the Ukrainian city of Kharkiv.", "19", "Kharkiv", "UKR", "city"),
    ("Hezbollah militants attacked Israeli troops near Tyre.", "19", "Tyre", "LBN", "city"),
    ("Iran attacked Iraq.", "19", "Iraq", "IRQ", "country"),  # no place named: the target's country
    ("Iran condemned Israel.", "11", "Iran", "IRN", "country"),  # a statement: the source's country
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "root", "name", "country", "precision"), SENTENCES)
def test_places_of_events_in_sentences(open_coder, text, root, name, country, precision) -> None:
    events = [e for e in open_coder.code_text(text, date="2021-06-02") if e.root == root]
    assert events, f"no event of root {root} in {text!r}"
    for event in events:
        assert event.location is not None
        assert (event.location.name, event.location.country, event.location.precision) == (name, country, precision)


@pytest.mark.model
def test_places_unknown_name_leaves_the_place_empty(open_coder) -> None:
    events = open_coder.code_text("Iraqi police arrested two Iranian agents in Xanaduville.", date="2021-06-02")
    assert events  # the event is kept
    assert [e.location for e in events] == [None] * len(events)


@pytest.mark.model
def test_places_subject_actor_is_not_a_place(coder) -> None:
    events = coder.code_text("Iran condemned the Israeli strikes on Syria.", date="2021-06-02")
    condemn = [e for e in events if e.root == "11"]
    assert condemn and all(e.location is None or e.location.name != "Israel" for e in condemn)
