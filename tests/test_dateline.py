"""Wire datelines are where a story was filed: not actors, not part of the first sentence."""

from __future__ import annotations

import pytest

from tacitus.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("GOMA, Democratic Republic of Congo, Jan 27 (Reuters) - M23 rebels said", "M23 rebels said"),
        ("KYIV, Feb 24 (Reuters) - Russian forces fired", "Russian forces fired"),
        ("UNITED NATIONS, June 13 (Reuters) - The envoy said", "The envoy said"),
        ("PORT-AU-PRINCE, June 25 (AP) - The first contingent", "The first contingent"),
        ("MAIDUGURI, Nigeria, Nov 29 (AP) - Suspected fighters", "Suspected fighters"),
        ("(Reuters) - The EU said", "The EU said"),
        ("BAGHDAD -\n\nOil prices rose", "Oil prices rose"),
    ],
)
def test_dateline_is_found(text, body):
    assert text[dateline_end(text):] == body


@pytest.mark.parametrize("text", ["The EU said on Monday - in a statement - that", "NATO said on Monday.",
                                  "US officials - who asked not to be named - said", "Iran - a key ally - said"])
def test_ordinary_sentences_have_no_dateline(text):
    assert dateline_end(text) == 0


@pytest.mark.model
def test_dateline_place_is_home_not_actor(open_coder):
    text = "NAIROBI, May 9 (AFP) - Police arrested dozens of protesters on Thursday, officials said."
    events = open_coder.code_text(text, date="2024-05-09")
    assert {(e.source.code, e.target.code, e.root) for e in events} == {("KENCOP", "KENCVL", "17")}
    assert all(e.sentence.startswith("Police") for e in events)

    struck = open_coder.code_text("KYIV, Feb 24 (Reuters) - Russian forces shelled Kharkiv.", date="2022-02-24")
    assert {(e.source.code, e.target.code) for e in struck} == {("RUSMIL", "UKR")}
