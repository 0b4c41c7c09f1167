"""Sentence -> events, table-driven: every CAMEO root from raw text (our own sentences)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

# (sentence, source, target (None: any), code or root prefix, modality)
CASES = [
    ("The Iraqi foreign ministry declined to comment on the Turkish airstrikes.", "IRQGOV", "TUR", "01", "asserted"),
    ("Japan expressed concern over the Chinese naval drills.", "JPN", "CHN", "01", "asserted"),
    ("The United Nations appealed to Ethiopia for access to Tigray.", "IGOUNO", "ETH", "02", "asserted"),
    ("Pakistan urged India to show restraint.", "PAK", "IND", "02", "asserted"),
    ("Germany pledged to help Ukraine rebuild its power grid.", "DEU", "UKR", "03", "asserted"),
    ("Qatar offered to mediate between Hamas and Israel.", "QAT", "PSEREB", "03", "asserted"),
    ("The Saudi foreign minister met with his Iranian counterpart in Beijing.", "SAUGOV", "IRNGOV", "04", "asserted"),
    ("Egypt hosted Sudanese army leaders in Cairo.", "EGY", "SDNMIL", "04", "asserted"),
    ("Kenya praised Somalia for its handling of the elections.", "KEN", "SOM", "05", "asserted"),
    ("Armenia and Azerbaijan signed a peace agreement.", "ARM", "AZE", "05", "asserted"),
    ("Turkey shared intelligence with Iraq on the militants.", "TUR", "IRQ", "06", "asserted"),
    ("Jordan sent humanitarian aid to Syria.", "JOR", "SYR", "07", "asserted"),
    ("Israel released 30 Palestinian prisoners.", "ISR", "PSECVL", "08", "asserted"),
    ("Russian troops withdrew from Kherson.", "RUSMIL", "UKR", "08", "asserted"),
    ("South African prosecutors investigated the Zimbabwean ambassador.", "ZAFJUD", "ZWEGOV", "09", "asserted"),
    ("Iraq demanded that Turkey withdraw its troops.", "IRQ", "TUR", "10", "asserted"),
    ("France condemned the Malian junta.", "FRA", "MLIGOV", "11", "asserted"),
    ("China accused the Philippines of provoking the incident.", "CHN", "PHL", "11", "asserted"),
    ("Venezuela rejected the Colombian proposal.", "VEN", "COL", "12", "asserted"),
    ("North Korea threatened South Korea with nuclear strikes.", "PRK", "KOR", "13", "asserted"),
    ("Iraqi protesters demonstrated against Iran in Basra.", "IRQCVL", "IRN", "14", "asserted"),
    ("Kenyan students staged a protest against the government.", "KENCVL", "KENGOV", "14", "asserted"),
    ("Russia mobilized reservists near the Ukrainian border.", "RUS", None, "15", "asserted"),
    ("The United States imposed sanctions on Iran.", "USA", "IRN", "16", "asserted"),
    ("Algeria recalled its ambassador from France.", "DZA", "FRA", "16", "asserted"),
    ("Iraqi security forces arrested a Hezbollah commander.", "IRQCOP", "LBNREB", "173", "asserted"),
    ("Egyptian police detained dozens of protesters.", "EGYCOP", "EGYCVL", "17", "asserted"),
    ("Al-Shabaab militants kidnapped two Kenyan aid workers.", "SOMREB", "KENNGO", "18", "asserted"),
    ("Boko Haram bombed a market in Maiduguri.", "NGAREB", "NGA", "18", "asserted"),
    ("Russian forces shelled the Ukrainian city of Kharkiv.", "RUSMIL", "UKR", "19", "asserted"),
    ("Israel carried out airstrikes on Hamas positions in Gaza.", "ISR", "PSEREB", "19", "asserted"),
    ("Sudanese government troops massacred villagers in Darfur.", "SDNMIL", "SDNCVL", "20", "asserted"),
]


@pytest.mark.parametrize(("text", "source", "target", "code", "mood"), CASES, ids=[c[0][:40] for c in CASES])
def test_coder_codes_sentence(coder, open_coder, text, source, target, code, mood):
    # An event with no identified target is kept only on request (keep_unknown); the default needs a dyad.
    events = (open_coder if target in (None, "---") else coder).code_text(text, date="2022-06-01")
    got = [(e.source.code, e.target.code, e.code, e.modality) for e in events]
    assert any(
        e.source.code == source and target in (None, e.target.code) and e.code.startswith(code) and e.modality == mood
        for e in events
    ), got


def test_one_sided_events_need_keep_unknown(coder, open_coder):
    text = "Armed men stormed a police station on Tuesday."  # who did it, and to whom, is not said
    assert [e for e in coder.code_text(text, date="2022-06-01")] == []
    kept = open_coder.code_text(text, date="2022-06-01")
    assert kept and all("---" in (e.source.code, e.target.code) or not e.source.country for e in kept)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Greek and Turkish troops clashed near the border.", {("GRCMIL", "TURMIL"), ("TURMIL", "GRCMIL")}),
        ("The foreign ministers of Armenia and Azerbaijan met.", {("ARMGOV", "AZEGOV"), ("AZEGOV", "ARMGOV")}),
        ("Israeli troops fired on residents in southern Lebanon.", {("ISRMIL", "LBNCVL")}),
        ("Russia massed troops near the Ukrainian border.", {("RUS", "UKR")}),
    ],
)
def test_coordinated_modifiers_and_places_identify_actors(coder, text, pairs):
    got = {(e.source.code, e.target.code) for e in coder.code_text(text, date="2022-06-01")}
    assert pairs <= got, got


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sudan's Rapid Support Forces killed more than 800 people in Ardamata.", "202"),
        ("Thai F-16 jets bombed Cambodian military positions on Thursday.", "195"),
        ("Sudanese police opened fire on protesters in Khartoum.", "175"),
    ],
)
def test_codes_refined_by_means_and_scale(coder, text, code):
    assert code in {e.code for e in coder.code_text(text, date="2024-01-01")}
