"""Event places: place names spotted in a parsed sentence, resolved with the :class:`Gazetteer`.

No NER: a place is the object of a locative preposition (``in Karbala``, ``near Baghdad airport``, ``outside
Kabul``), the ``of`` complement of a place noun, also as a verb's object (``the city of Karbala``, ``entered
the Green Zone of Baghdad``), or a demonym's capital (``the Iraqi capital``). A bare name as a verb's subject
or object is an actor, never a place (``Iran attacked Iraq``), nor is an adjective (``Iraqi``).
See docs/enrichment.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tacitus.enrich.gazetteer import Gazetteer, Place
from tacitus.events.extract import prep_object
from tacitus.model import Actor, Location

# Prepositions that place what happens; "from" only when it hangs on a verb ("fired from Yemen").
# Not "to": "ships linked to the United States", "sent weapons to Ukraine" name a party, not a place.
LOCATIVE = frozenset({"in", "near", "at", "outside", "across", "from", "inside", "into", "around", "throughout",
                      "off", "nearby", "within"})
_VERB_ONLY = frozenset({"from", "into"})
REGION_NOUNS = frozenset({"province", "governorate", "region", "state", "oblast", "district", "county",
                          "prefecture", "territory", "department", "valley"})
CITY_NOUNS = frozenset({"city", "town", "village", "capital", "port", "airport", "suburb", "suburbs",
                        "outskirts", "neighbourhood", "neighborhood", "camp", "base", "centre", "center", "heart",
                        "streets", "district", "zone", "area", "border", "south", "north", "east", "west",
                        "districts", "areas", "parts", "part", "countryside", "enclave", "hills", "coast"})
_NAME_GLUE = frozenset({"-", "'", "’", "al", "el", "de", "ad"})
_NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A spotted place: the names to try in order, the token it hangs on (for the clause), the kind asked for."""

    names: tuple[str, ...]  # "Green Zone of Baghdad", "Green Zone", "Baghdad": the first known one wins
    anchor: Token  # the token the prepositional phrase attaches to
    kind: str | None = None  # "region" for "X province", else None
    capital_of: str | None = None  # "the Iraqi capital" -> IRQ


def _name_run(token: Token) -> list[Token]:
    """The proper-noun run ending at ``token`` (``Al - Anbar``, ``Bandar Abbas``)."""
    doc = token.doc
    start = token.i
    while start - 1 >= token.sent.start:
        prev = doc[start - 1]
        if prev.tag_ in ("NNP", "NNPS") or (prev.lower_ in _NAME_GLUE and start - 2 >= token.sent.start
                                            and doc[start - 2].tag_ in ("NNP", "NNPS")):
            start -= 1
        elif prev.lower_ in ("al", "el") and prev.is_title:
            start -= 1
        else:
            break
    run = list(doc[start : token.i + 1])
    while run and run[0].lower_ in _NAME_GLUE - {"al", "el"}:
        run.pop(0)
    return run


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _of_object(noun: Token) -> Token | None:
    return prep_object(noun, "of")


def _is_name(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.lower_ not in _NOT_PLACES


def _mentions_in_object(obj: Token, anchor: Token, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The place (if any) named by the object of a locative preposition."""
    lower = obj.lower_
    inner = _of_object(obj)
    inner_name = _text(_name_run(inner)) if inner is not None and _is_name(inner) else None
    if _is_name(obj):
        run = _name_run(obj)
        names = [_text(run)] if run and not gazetteer.demonym(_text(run)) else []
        if inner is not None and inner_name:  # "the Gulf of Aden" as a whole, else "the Green Zone of Baghdad"
            names = [_text(run + list(obj.doc[obj.i + 1 : inner.i + 1])), *names, inner_name]
        return [PlaceMention(tuple(names), anchor)] if names else []
    kind = "region" if lower in REGION_NOUNS else "city" if lower in CITY_NOUNS else None
    if kind is None:
        return []
    found: list[PlaceMention] = []
    if inner_name:  # "the city of Karbala", "the outskirts of Sake", "the province of Idlib"
        found.append(PlaceMention((inner_name,), anchor, "region" if kind == "region" else None))
    named = [c for c in obj.lefts if c.dep_ in ("compound", "nmod", "amod") and _is_name(c)]
    if named:  # "Al-Anbar province", "Baghdad airport"
        name = _text(_name_run(named[-1]))
        if not gazetteer.demonym(name):
            found.append(PlaceMention((name,), anchor, "region" if kind == "region" else None))
    if lower == "capital" and not found:  # "the Iraqi capital"
        for child in obj.lefts:
            code = gazetteer.demonym(child.text) if child.dep_ in ("amod", "compound", "nmod") else None
            if code:
                found.append(PlaceMention((child.text,), anchor, "city", capital_of=code))
    return found


_PLACE_NOUNS = REGION_NOUNS | CITY_NOUNS


def _named_place_noun(noun: Token, anchor: Token) -> list[PlaceMention]:
    """A place noun as a verb's object names a place only through "of" (``the city of Kharkiv``)."""
    inner = _of_object(noun)
    if inner is None or not _is_name(inner):
        return []
    whole = [_text(_name_run(noun) + list(noun.doc[noun.i + 1 : inner.i + 1]))] if _is_name(noun) else []
    return [PlaceMention((*whole, _text(_name_run(inner))), anchor, "region" if noun.lower_ in REGION_NOUNS else None)]


def spot_places(sent: Span, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place mentions of a sentence, in text order."""
    found: list[PlaceMention] = []
    for token in sent:
        if token.dep_ in ("dobj", "nsubjpass") and token.lower_ in _PLACE_NOUNS:
            found.extend(_named_place_noun(token, token.head))  # "entered the Green Zone of Baghdad"
            continue
        if token.dep_ != "prep" or token.lower_ not in LOCATIVE:
            continue
        anchor = token.head
        if token.lower_ in _VERB_ONLY and anchor.pos_ not in ("VERB", "AUX"):
            continue  # "militants from Iran" is an affiliation, not where something happened
        for obj in token.children:
            if obj.dep_ == "pobj":
                found.extend(_mentions_in_object(obj, anchor, gazetteer))
                for conj in obj.conjuncts:  # "in Karbala and Najaf"
                    found.extend(_mentions_in_object(conj, anchor, gazetteer))
    return found


def resolve(mention: PlaceMention, gazetteer: Gazetteer, countries: list[str | None]) -> Place | None:
    """The gazetteer place of a mention, preferring ``countries``; None when the name is unknown."""
    if mention.capital_of:
        return gazetteer.capital(mention.capital_of)
    for name in mention.names:
        place = gazetteer.lookup(name, countries, mention.kind)
        if place is not None:
            return place
    return None


def as_location(place: Place) -> Location:
    """The event record's Location for a gazetteer place."""
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon, precision=place.precision)


def fallback_country(source: Actor, target: Actor, quad_class: int) -> str | None:
    """The country an unplaced event happened in: the target's for material conflict (an attack, an arrest
    happens where its target is), else the source's (a statement, a visit, a meeting); then the other side."""
    order = (target, source) if quad_class == 4 else (source, target)
    for actor in order:
        if actor.country:
            return actor.country
    return None
