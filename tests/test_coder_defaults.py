"""Implicit parties a wire reader supplies: whom protests address, who makes arrests, whose a bare side is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _dyads(coder, text: str, date: str = "2023-06-01") -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.code) for e in coder.code_text(text, date=date)
            if e.modality == "asserted"}


@pytest.mark.parametrize("text, expected", [
    # protests with no one named address the protesters' own state
    ("Nigeria's main labour unions began an indefinite nationwide strike on Monday over a new minimum wage.",
     ("NGALAB", "NGAGOV", "143")),
    ("Thousands protested in Baghdad on Friday.", ("IRQCVL", "IRQGOV", "141")),
    # an arrest with no one named is made by the police of the place
    ("Japan lodged a protest with China over the detention in Beijing of a Japanese employee of a drugmaker.",
     ("CHNCOP", "JPN", "173")),
    # a named place taken is territory (192), not property (171)
    ("M23 rebels said on Monday they had captured Goma, the largest city in eastern Congo.",
     ("CODREB", "COD", "192")),
    # a transnational group is coded where it fights
    ("Islamic State militants seized the ancient Syrian city of Palmyra.", ("SYRREB", "SYR", "192")),
    # a bare side conjoined with a side of one country belongs to it; the deal is mutual
    ("Venezuela's government and the opposition signed an agreement on elections.", ("VENOPP", "VENGOV", "057")),
    # the medium's phrase carries the other party
    ("French President Emmanuel Macron spoke by telephone with Vladimir Putin on Sunday.",
     ("FRAGOV", "RUSGOV", "041")),
    # "talks on Sentosa island" is where, not with whom: the two leaders talk with each other
    ("U.S. President Donald Trump and North Korean leader Kim Jong Un shook hands and held talks on Singapore's "
     "Sentosa island on Tuesday.", ("PRKGOV", "USAGOV", "040")),
])
def test_implicit_party(coder, text, expected):
    assert expected in _dyads(coder, text, date="2018-06-12")


@pytest.mark.parametrize("text, absent", [
    ("Iran seized a British-flagged tanker in the Gulf.", "192"),  # a ship is property, not territory
    ("Thousands of fans celebrated in Madrid after the final.", "14"),  # a crowd is not a protest
])
def test_no_implicit_event(coder, text, absent):
    assert not any(code.startswith(absent) for _, _, code in _dyads(coder, text))


def test_protest_against_named_target_keeps_it(coder):
    dyads = _dyads(coder, "Iraqi protesters demonstrated against Iran in Basra.")
    assert ("IRQCVL", "IRN", "141") in dyads and not any(t == "IRQGOV" for _, t, _ in dyads)
