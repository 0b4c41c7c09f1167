"""Issue 6 acceptance on the seed articles: event dates and places."""

from __future__ import annotations

import pytest

from tacitus import Document

pytestmark = [pytest.mark.shared, pytest.mark.model]


@pytest.fixture(scope="module")
def seed_events(open_coder, shared_dir):
    path = shared_dir / "corpus" / "seeds" / "004_12cea5a8e2c959ca.txt"
    document = Document(id=path.stem, text=path.read_text(encoding="utf-8"))
    return next(iter(open_coder.code_documents([document])))[1]


def _events(events, fragment: str, root: str, target: str):
    found = [e for e in events if fragment in e.sentence and e.root == root and e.target.code.startswith(target)
             and e.modality == "asserted"]
    assert found, f"no {root} event against {target} in the sentence with {fragment!r}"
    return found


def test_seeds_invasion_of_iran_is_dated_1980(seed_events):
    for event in _events(seed_events, "which invaded Iran in 1980", "19", "IRN"):
        assert (event.date, event.date_precision, event.date_source) == ("1980", "year", "sentence")


def test_seeds_consulate_burning_is_in_karbala(seed_events):
    for event in _events(seed_events, "set fire to the regime's consulate in Karbala", "14", "IRN"):
        place = event.location
        assert (place.name, place.country, place.precision) == ("Karbala", "IRQ", "city")
        assert abs(place.lat - 32.6) < 0.1 and abs(place.lon - 44.0) < 0.1


def test_seeds_arrest_is_in_al_anbar(seed_events):
    for event in _events(seed_events, "arrested a senior militia commander in Al-Anbar province", "17", "IRQ"):
        place = event.location
        assert (place.name, place.country, place.precision) == ("Al-Anbar Governorate", "IRQ", "region")


def test_seeds_green_zone_of_baghdad(seed_events):
    events = [e for e in seed_events if "entered the Green Zone of Baghdad" in e.sentence and e.root == "14"]
    assert events and {e.location.name for e in events} == {"Baghdad"}
