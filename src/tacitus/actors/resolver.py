"""Resolve a noun phrase in a parsed document to a CAMEO actor.

A phrase's actor comes from its head (a named body, person, country or sector word) and its modifiers
("Iraqi security forces" -> country IRQ + sector COP -> IRQCOP). Pronouns, relative pronouns and bare
definite descriptions ("the regime") look back in the document; appositives and "X of Y" lend a
person or office the code of the body it belongs to; a proper name introduced with an appositive
("Qasim Musleh al-Khafaji, the commander of Hashd al-Shaabi") keeps that code for the rest of the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from ..dateline import dateline_tokens
from ..model import Actor
from .dictionary import Entry
from .matcher import Mention, MentionMatcher


class PlaceIndex(Protocol):
    """A gazetteer: the country (ISO alpha-3) of a place name, preferring the given countries."""

    def lookup(self, name: str, countries: Iterable[str | None] = (), kind: str | None = None) -> Any: ...


PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
# Heads that take the sector of the body they lead or serve ("militia commander", "army spokesman").
ROLE_HEADS = frozenset({"commander", "leader", "chief", "head", "official", "spokesman", "spokeswoman",
                        "spokesperson", "member", "fighter", "envoy", "representative", "officer", "aide",
                        "source", "delegation", "delegate", "figure"})
# Sectors that take a country from the place they are in, or the document's home country, when the phrase
# names none ("police detained protesters in Nairobi" -> KENCOP, KENCVL).
HOME_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "MED", "EDU", "LAB", "HLH", "REF",
                          "AGR", "BUS", "REL", "CRM", "REB", "INS", "SEP", "ELI", "SPY", "ENV"})
# Roles in which an unknown proper name that the gazetteer knows is taken as a place standing for its country.
PLACE_ROLES = frozenset({"pobj", "dobj", "nsubjpass", "conj", "appos"})
# Prepositions that place a phrase or a clause somewhere: "residents in southern Lebanon", "in Khartoum".
LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "across", "throughout", "inside", "from", "of"})
# Singular heads that are a person, for "he"/"him": "a Hezbollah commander ... released him".
PERSON_HEADS = ROLE_HEADS - {"delegation", "source", "official"} | frozenset({
    "president", "minister", "premier", "ambassador", "general", "governor", "mayor", "king", "prince", "emir",
    "judge", "prosecutor", "activist", "journalist", "bishop", "cleric", "man", "woman", "suspect", "lawmaker",
    "senator", "chancellor", "secretary", "diplomat", "colonel", "captain", "soldier", "militant", "reporter"})
SPEAKING = frozenset({"say", "tell", "announce", "state", "claim", "insist", "confirm", "warn", "add", "declare",
                      "vow", "pledge", "promise", "threaten", "deny", "admit", "report", "write"})
# Nouns for what someone did, whose doer a relative clause on them points back to.
DOINGS = frozenset({"deal", "agreement", "pact", "accord", "treaty", "move", "trip", "visit", "decision", "step",
                    "plan", "policy", "measure", "law", "ban", "statement", "remark", "comment", "announcement",
                    "action", "attack", "strike", "offensive", "operation", "resolution", "proposal", "order"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
# Definite descriptions of a state: "the country", "the island's new president" -> the country named last.
# People who act for the body they are "at" or "from": "judges at the ICC", "inspectors from the IAEA".
MEMBERS = frozenset({"judge", "prosecutor", "official", "inspector", "investigator", "expert", "diplomat", "envoy",
                     "delegate", "representative", "staff", "monitor", "observer", "officer", "member"})
# "both countries", "the two Cold War foes": the last two countries named.
PAIR_NOUNS = frozenset({"country", "nation", "side", "neighbour", "neighbor", "foe", "rival", "ally", "enemy",
                        "adversary", "power", "state", "government", "capital"})
PLACE_NOUNS = frozenset({"town", "city", "village", "area", "region", "province", "district", "territory",
                         "border", "soil", "waters", "airspace", "port", "base", "camp", "countryside"})
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic", "island", "emirate", "state"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Heads that take the identity of what follows "of": "one of the militias", "members of Hamas".
# Verbs whose object forces belong to the subject: "ordered troops to withdraw", "deployed soldiers".
COMMANDING = frozenset({"order", "command", "send", "deploy", "dispatch", "mobilize", "mobilise", "instruct",
                        "direct", "withdraw", "pull", "recall", "station"})
# "Minsk arrested a dissident journalist": a state arrests its own people unless the phrase names another.
ARRESTING = frozenset({"arrest", "detain", "jail", "imprison", "sentence", "convict", "prosecute", "charge",
                       "indict", "torture", "execute"})
PARTITIVE = frozenset({"one", "some", "many", "most", "all", "several", "member", "part", "group", "unit",
                       "wing", "faction", "leader", "head", "chief", "commander", "spokesman", "spokeswoman",
                       "spokesperson", "official", "aide", "representative", "envoy", "delegation",
                       "minister", "ministry", "president", "fighter", "supporter", "troop", "force", "army",
                       "ambassador", "militant", "soldier", "number", "dozen", "hundred", "thousand",
                       "government", "regime", "police", "forces", "contingent", "detachment", "battalion",
                       "brigade", "squad", "team", "convoy", "company", "platoon", "column", "batch",
                       "worth", "million", "billion", "amount", "volume", "total",
                       # places: "residential districts of the Ukrainian city of Kharkiv" is in Ukraine
                       "district", "area", "outskirts", "suburb", "centre", "center", "region", "province",
                       "city", "town", "village", "neighbourhood", "neighborhood", "capital", "territory"})


@dataclass
class _Seen:
    """An actor met earlier in the document, for coreference."""

    token: int
    actor: Actor
    person: bool
    plural: bool


class ActorResolver:
    """Per-document resolution state; build one per document with :meth:`for_doc`."""

    def __init__(self, doc: Doc, mentions: list[Mention], day: dt.date | None,
                 places: PlaceIndex | None = None) -> None:
        self.doc = doc
        self.day = day
        self.places = places
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.by_token[i] = mention
        self.body = dateline_tokens(doc)  # tokens before it are the dateline: a place, not actors
        self.home = self._dateline_country(doc, mentions) or _home_country(doc, mentions)
        self.seen: list[_Seen] = []
        self.aliases: dict[str, Actor] = {}
        self._cache: dict[int, Actor | None] = {}
        self._countries = [m.best.country for m in mentions if m.best.country]
        self.acted_on: dict[str, Actor] = {}  # patient code -> who last arrested, attacked or killed them
        self._sentence_places: dict[int, set[str]] = {}
        self.last_doer: dict[str, Actor] = {}  # CAMEO root -> who last did an asserted act of that root

    @classmethod
    def for_doc(cls, doc: Doc, matcher: MentionMatcher, day: dt.date | None,
                places: PlaceIndex | None = None) -> ActorResolver:
        return cls(doc, matcher.find(doc), day, places)

    # -- document memory -------------------------------------------------------------------------

    def _dateline_country(self, doc: Doc, mentions: list[Mention]) -> str | None:
        """The country of the place a story was filed from: 'MAIDUGURI, Nigeria, Nov 29 (AP) -'."""
        if not self.body:
            return None
        for mention in mentions:
            if mention.end <= self.body and mention.best.kind in ("country", "place") and mention.best.country:
                return mention.best.country
        if self.places is not None:
            words = [t.text for t in doc[: self.body] if t.is_alpha]
            if words:
                place = self.places.lookup(words[0].title())
                return place.country if place is not None else None
        return None

    def read_sentence(self, sent: Span) -> None:
        """Learn aliases from appositives and remember the sentence's actors, in document order."""
        if sent.end <= self.body:
            return  # the dateline
        for token in sent:
            if token.dep_ == "appos":
                self._learn_alias(token.head, token)
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and token.i in self.by_token:
                mention = self.by_token[token.i]
                if token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i in self.by_token:
                    continue  # "President" in "Russian President Vladimir Putin" is part of the person's phrase
                if token.i == mention.end - 1 or token.head.i not in range(mention.start, mention.end):
                    actor = self.resolve(token)
                    if actor is not None:
                        self._remember(token, actor)
            elif token.pos_ == "PROPN" and token.dep_ != "compound":
                actor = self.resolve(token)
                if actor is not None:
                    self._remember(token, actor)

    def _remember(self, token: Token, actor: Actor) -> None:
        person = bool(actor.name and actor.code != actor.country and self._is_person_name(token)) or (
            token.tag_ == "NN" and token.lemma_.lower() in PERSON_HEADS)  # "a Hezbollah commander" ... "him"
        self.seen.append(_Seen(token.i, actor, person, token.tag_ in ("NNS", "NNPS")))

    def _is_person_name(self, token: Token) -> bool:
        mention = self.by_token.get(token.i)
        if mention is not None:
            return mention.best.kind == "person"
        return token.pos_ == "PROPN"

    def _learn_alias(self, a: Token, b: Token) -> None:
        """'NAME, the commander of X' or 'the commander of X, NAME': NAME carries X's code."""
        for name, description in ((a, b), (b, a)):
            if name.pos_ != "PROPN" or name.i in self.by_token:
                continue
            actor = self.resolve(description, follow_appos=False)
            if actor is None:
                continue
            words = [t for t in name.subtree if t.pos_ == "PROPN" and t.i <= name.i]
            for word in words:
                if len(word.text) > 2 and word.text[0].isupper() and word.lower_ not in ("al", "el", "abu"):
                    self.aliases[word.text] = actor.model_copy(update={"name": _phrase(name)})
            self._cache.pop(name.i, None)

    # -- resolution ------------------------------------------------------------------------------

    def resolve(self, head: Token, follow_appos: bool = True) -> Actor | None:
        """The actor a noun phrase headed by ``head`` refers to, or None."""
        if head.i < self.body:
            return None  # a word of the dateline
        key = head.i if follow_appos else -head.i - 1
        if key not in self._cache:
            actor = self._resolve(head, follow_appos, depth=0)
            if actor is not None and not actor.country and actor.sector in HOME_SECTORS and actor.code == actor.sector:
                # "residents in southern Lebanon", "police in Nairobi", or a story about one country
                country = (self._conjunct_country(head, depth=0) or self._commander_country(head)
                           or self._place_country(head) or self.home)
                if country:
                    actor = actor.model_copy(update={"code": country + actor.code, "country": country})
            elif actor is not None and actor.code.startswith("IMG") and not actor.country:
                # "Islamic State militants seized Palmyra": a transnational group is coded where it fights
                country = self._place_country(head) or self.home
                if country:
                    actor = actor.model_copy(update={"code": country + "REB", "country": country, "sector": "REB"})
            self._cache[key] = actor
        return self._cache[key]

    def _conjunct_country(self, head: Token, depth: int) -> str | None:
        """"Sudan's Rapid Support Forces and allied militias": a bare side shares its partner's country."""
        for other in head.conjuncts:
            found = self._resolve(other, False, depth + 2)
            if found is not None and found.known and found.country and found.code != found.country:
                return found.country
        return None

    def _commander_country(self, head: Token) -> str | None:
        """'Shoigu ordered troops to pull out', 'Rwanda sent soldiers': forces are the sender's."""
        verb = head.head
        if head.dep_ != "dobj" or verb.lemma_.lower() not in COMMANDING | ARRESTING:
            return None
        subject = next(iter(_subjects(verb, len(verb.doc))), None)  # also "Minsk scrambled a jet ... and arrested"
        found = self.resolve(subject) if subject is not None else None
        return found.country if found is not None and found.known else None

    def _doer_of(self, noun: Token, depth: int) -> Actor | None:
        """Who made a move or a deal named in apposition: the subject of the clause the noun hangs on."""
        for verb in noun.ancestors:
            if verb.pos_ in ("VERB", "AUX"):
                for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                    found = self._resolve(subject, True, depth + 1)
                    if found is not None and found.known:
                        return found
                if verb.dep_ not in ("conj", "advcl", "xcomp"):
                    return None
        return None

    def resolve_many(self, head: Token) -> list[Actor]:
        """The actors of a phrase whose modifier or "of" object is coordinated.

        "American and Philippine troops" -> USAMIL, PHLMIL; "the foreign ministers of Armenia and Azerbaijan"
        -> ARMGOV, AZEGOV. Other phrases give their one actor.
        """
        both = self.both_countries(head)
        if both:
            return both
        actor = self.resolve(head)
        if actor is None:
            return []
        found = [actor]
        others: list[Token] = []
        for modifier in head.lefts:
            if modifier.dep_ in ("amod", "compound", "nmod", "poss"):
                others += [c for c in modifier.conjuncts if c.i < head.i]
        if head.lemma_.lower() in PARTITIVE:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    others += [c for obj in prep.children if obj.dep_ == "pobj" for c in obj.conjuncts]
        for other in others:
            lent = self._resolve(other, False, 1)
            if lent is None or not lent.country or lent.country == actor.country:
                continue
            if actor.country and actor.code.startswith(actor.country) and lent.code == lent.country:
                code = lent.country + actor.code[len(actor.country):]  # same sector, the other country
                found.append(actor.model_copy(update={"code": code, "country": lent.country, "name": lent.name}))
            elif lent.code != lent.country:
                found.append(lent.model_copy(update={"text": other.text}))
        return found

    def _resolve(self, head: Token, follow_appos: bool, depth: int) -> Actor | None:
        if depth > 3:
            return None
        lower = head.lower_
        if head.pos_ == "PRON" or lower in RELATIVE:
            if lower in RELATIVE and head.head.dep_ in ("relcl", "acl"):
                antecedent = head.head.head
                found = self._resolve(antecedent, follow_appos, depth + 1)
                if found is None and antecedent.lemma_.lower() in DOINGS:
                    return self._doer_of(antecedent, depth)  # "..., a deal that was criticised by Australia"
                return found
            return self._antecedent(head)
        if lower in COUNTRY_NOUNS or head.lemma_.lower() in COUNTRY_NOUNS:
            country = self._country_description(head)
            if country is not None:
                return country
        actor = self._from_phrase(head, depth)
        if actor is not None and actor.known and (actor.country or actor.code.startswith(("IGO", "NGO", "IMG"))):
            return actor
        # Identity lent by what the phrase is part of or in apposition with.
        lent = self._lent(head, follow_appos, depth)
        if lent is not None:
            if actor is not None and actor.sector and lent.country and lent.code == lent.country:
                # "the foreign ministers of Armenia": Armenia's government, not Armenia
                return Actor(code=lent.country + actor.sector, country=lent.country, sector=actor.sector,
                             name=lent.name, text=actor.text)
            return lent
        if actor is not None and not actor.country:
            actor = self._definite(head, actor)
        if (actor is None or not actor.country) and head.i + 1 < len(head.doc) and head.pos_ == "NOUN":
            named = self.by_token.get(head.i + 1)  # "the West African bloc ECOWAS", "the group Hamas"
            if named is not None and named.start == head.i + 1 and named.best.kind in ("org", "country"):
                found = self._named(named.best, _phrase(head))
                if found is not None:
                    return found
        if actor is None and head.dep_ in PLACE_ROLES:
            country = self._gazetteer_country(head)
            if country:  # "Russian forces shelled Kharkiv": a city stands for its country, as a capital does
                return Actor(code=country, country=country, name=_name_run(head), text=_phrase(head))
        return actor

    def _gazetteer_country(self, token: Token) -> str | None:
        """The country of a proper name the actor dictionary does not know but the gazetteer does."""
        if self.places is None or token.pos_ != "PROPN" or token.i in self.by_token or token.text in self.aliases:
            return None
        place = self.places.lookup(_name_run(token), self._countries)
        return place.country if place is not None else None

    def _lent(self, head: Token, follow_appos: bool, depth: int) -> Actor | None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "from") and head.lemma_.lower() in MEMBERS:
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    found = self._resolve(obj, follow_appos, depth + 1)  # "judges at the International Criminal
                    if found is not None and found.code.startswith(("IGO", "NGO")):  # Court"
                        return found
            if follow_appos and child.dep_ == "appos":
                found = self._resolve(child, True, depth + 1)
                if found is not None and found.known:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of" and head.lemma_.lower() in PARTITIVE:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._resolve(obj, follow_appos, depth + 1)
                        if found is not None and found.known:
                            return found
        return None

    def _from_phrase(self, head: Token, depth: int) -> Actor | None:
        """Head word plus pre-modifiers ('Iraqi security forces', "the regime's consulate")."""
        mention = self.by_token.get(head.i)
        text = _phrase(head)
        if mention is None:
            alias = self.aliases.get(head.text)
            if alias is not None:
                return alias.model_copy(update={"text": text})
            return self._from_modifiers(head, text, depth)
        entry = mention.best
        if entry.kind == "place":
            return None
        if entry.kind == "agent":
            return self._agent(head, mention, entry, text, depth)
        return self._named(entry, text)

    def _named(self, entry: Entry, text: str) -> Actor | None:
        if entry.kind == "place":
            return None
        if entry.kind == "person":
            role = entry.role_on(self.day)
            if role is None:
                return None
            return Actor(code=role.code, country=role.country, sector=role.sector, name=entry.name, text=text)
        if entry.kind == "country":
            return Actor(code=entry.code, country=entry.country, name=entry.name, text=text)
        return Actor(code=entry.code, country=entry.country, sector=entry.sector, name=entry.name, text=text,
                     affiliation=entry.affiliation)

    def _agent(self, head: Token, mention: Mention, entry: Entry, text: str, depth: int) -> Actor:
        sector = entry.sector or ""
        for modifier in self._modifiers(head, mention):
            found = self._modifier_actor(modifier, depth)
            if found is None or not found.known:
                continue
            if not found.country and not found.code.startswith(("IGO", "NGO", "IMG")):
                if head.lemma_.lower() in ROLE_HEADS:
                    sector = found.sector or sector  # "militia commander": the militia's sector
                continue
            if found.sector == "REB" and sector in ("GOV", "LEG", "JUD") and found.country:
                # "Afghanistan's Taliban government", "the Houthi administration": the group governs
                return Actor(code=found.country + sector, country=found.country, sector=sector, name=found.name,
                             text=text)
            if found.sector in ("REB", "IGO", "NGO", "IMG") or found.code.startswith(("IGO", "NGO", "IMG")):
                return found.model_copy(update={"text": text})  # "Hashd al-Shaabi militias"
            country = found.country or found.code[:3]
            return Actor(code=country + sector, country=country, sector=sector, name=found.name, text=text,
                         affiliation=self._affiliation(head))
        return Actor(code=sector, sector=sector, name=entry.name, text=text, affiliation=self._affiliation(head))

    def _modifiers(self, head: Token, mention: Mention) -> list[Token]:
        """Pre-modifier tokens of the phrase outside the head's own name, nearest first."""
        inside = range(mention.start, mention.end)
        tokens = [t for t in head.lefts if t.i not in inside and t.dep_ in ("amod", "compound", "poss", "nmod",
                                                                            "npadvmod", "nummod")]
        tokens += [t for i in inside if i != head.i for t in [self.doc[i]] if t.dep_ in ("amod", "poss")
                   and self.by_token.get(i) is not mention]
        # "Turkish F-16 jets": the parser may hang the demonym on a compound modifier, inside the name or not
        holders = [self.doc[i] for i in inside if i != head.i] + [t for t in tokens if t.dep_ in ("compound", "nummod")]
        tokens += [g for h in holders for g in h.lefts
                   if g.i not in inside and g.dep_ in ("amod", "compound", "poss", "nmod") and g not in tokens]
        return sorted(tokens, key=lambda t: -t.i)

    def _modifier_actor(self, token: Token, depth: int) -> Actor | None:
        if _stance_prefixed(token):
            return None  # "pro-EU demonstrators" are not the EU, "anti-government protests" not the government
        mention = self.by_token.get(token.i)
        if mention is not None and mention.best.kind != "agent":
            return self._named(mention.best, mention.text)
        if token.lemma_.lower() in ("lead", "back", "base", "sponsor", "support", "ally", "affiliate"):
            return None  # "US-led", "Tehran-backed" are affiliations, handled by _affiliation
        if token.pos_ == "PRON" or mention is not None or token.i in self.by_token or token.text in self.aliases:
            return self._resolve(token, False, depth + 1)
        if token.pos_ == "NOUN" and token.dep_ == "compound" and any(c.dep_ in ("amod", "compound")
                                                                    for c in token.children):
            return self._resolve(token, False, depth + 1)  # "Venezuelan opposition candidate Edmundo Gonzalez"
        return None

    def _affiliation(self, head: Token) -> str | None:
        """'Tehran-backed militants', 'militias affiliated with the Iranian regime' -> IRN."""
        for token in head.subtree:
            if token.lemma_.lower() in ("back", "support", "sponsor", "affiliate", "ally", "align", "link"):
                for other in token.subtree:
                    if other.i != head.i and other.i in self.by_token and self.by_token[other.i].best.kind != "agent":
                        found = self._named(self.by_token[other.i].best, other.text)
                        if found is not None and found.country:
                            return found.country
                    if other.lemma_.lower() in ("regime", "government") and other.i in self.by_token:
                        found = self._resolve(other, False, 2)
                        if found is not None and found.country:
                            return found.country
        return None

    def _from_modifiers(self, head: Token, text: str, depth: int) -> Actor | None:
        """A head that is no actor word ('the US base', 'Sudanese army leaders'): its modifiers' actor."""
        country: str | None = None
        sector: str | None = None
        for modifier in sorted(head.lefts, key=lambda t: -t.i):
            if modifier.dep_ not in ("poss", "compound", "amod", "nmod"):
                continue
            found = self._modifier_actor(modifier, depth)
            if found is None or not found.known:
                continue
            if found.country and (found.sector or not sector):
                return found.model_copy(update={"text": text}) if not sector else Actor(
                    code=found.country + sector, country=found.country, sector=sector, name=found.name, text=text)
            if found.country:
                country = found.country
            elif found.code.startswith(("IGO", "NGO", "IMG")):
                return found.model_copy(update={"text": text})
            else:
                sector = sector or found.sector
        if country or sector:
            code = (country or "") + (sector or "")
            return Actor(code=code, country=country, sector=sector, text=text)
        return None

    def both_countries(self, head: Token) -> list[Actor]:
        """'both countries', 'the two countries': the last two countries named before the phrase."""
        if head.lemma_.lower() not in PAIR_NOUNS or head.tag_ != "NNS":
            return []
        if not any(c.lower_ in ("both", "two") for c in head.children):
            return []
        found: list[Actor] = []
        for seen in reversed(self.seen):
            if seen.token < head.i and seen.actor.country and seen.actor.code == seen.actor.country:
                if seen.actor.country not in {a.country for a in found}:
                    found.append(seen.actor.model_copy(update={"text": _phrase(head)}))
                if len(found) == 2:
                    return found
        return []

    def _country_description(self, head: Token) -> Actor | None:
        """'the country', 'the island' (not 'Islamic State', not 'a country'): the country named last before it."""
        named = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        if named is not None:  # "the Pacific island nation of Nauru"
            found = self._resolve(named, True, 2)
            if found is not None and found.country and found.code == found.country:
                return found.model_copy(update={"text": _phrase(head)})
        if head.i in self.by_token or not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that")
                                              for c in head.children):
            return None
        doer = self._clause_subject_country(head)
        for seen in reversed(self.seen):
            if seen.token < head.i and seen.actor.country and seen.actor.code == seen.actor.country and (
                    seen.actor.country != doer):  # "China's military began drills around the island": not China
                return seen.actor.model_copy(update={"text": _phrase(head)})
        return None

    def _clause_subject_country(self, head: Token) -> str | None:
        verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children)), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subject is None or subject.i >= head.i:
            return None
        found = self._resolve(subject, True, 2)
        return found.country if found is not None and found.known else None

    def _place_country(self, head: Token) -> str | None:
        """Where a phrase with a sector and no country belongs.

        Its own "in X" first ("residents in southern Lebanon"); for a definite phrase ("the government", "the
        opposition") the country named last before it; else the one place its sentence names.
        """
        own = self._places(t for t in head.subtree if t.i > head.i)
        if len(own) == 1:
            return own.pop()
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children):
            for seen in reversed(self.seen):
                if seen.token < head.i and seen.actor.country:
                    return seen.actor.country
        clause = self._clause_places(head)
        if len(clause) == 1:
            return clause.pop()
        start = head.sent.start
        if start not in self._sentence_places:  # one look-up per sentence, however many phrases ask
            self._sentence_places[start] = self._places(head.sent)
        around = self._sentence_places[start]
        return next(iter(around)) if len(around) == 1 else None

    def _clause_places(self, head: Token) -> set[str]:
        """Places named by the clause a phrase is in ("burst into Israeli towns, killing hundreds of people")."""
        verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
        verbs = []
        while verb is not None and len(verbs) < 3:
            verbs.append(verb)
            if verb.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ in ("nsubj", "nsubjpass")
                                                                  for c in verb.children):
                break
            verb = verb.head
        near = [g for v in verbs for p in v.children if p.dep_ == "prep" and p.lower_ in LOCATIVE | {"into"}
                for g in p.children if g.dep_ == "pobj"]
        return self._places(near, LOCATIVE | {"into"})

    def _places(self, tokens: object, prepositions: frozenset[str] = LOCATIVE) -> set[str]:
        countries: set[str] = set()
        for token in tokens:  # type: ignore[attr-defined]
            if "__any__" not in prepositions and (token.dep_ != "pobj" or token.head.lower_ not in prepositions):
                continue
            mention = self.by_token.get(token.i)
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None) \
                if token.pos_ == "PROPN" else None
            owned = self._places([owner], frozenset({"__any__"})) if owner is not None else set()
            if owned:  # "Honiara's Chinatown" is in the Solomon Islands, whatever a Chinatown elsewhere is
                countries |= owned
            elif mention is not None and mention.best.kind in ("country", "place") and mention.best.country:
                countries.add(mention.best.country)
            elif mention is None and token.lemma_.lower() in PLACE_NOUNS:
                for modifier in (c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")):
                    named = self.by_token.get(modifier.i)  # "Israeli towns", "Ukrainian cities"
                    if named is not None and named.best.kind == "country" and named.best.country:
                        countries.add(named.best.country)
            elif mention is None:
                country = self._gazetteer_country(token)
                if country:
                    countries.add(country)
        return countries

    def _definite(self, head: Token, actor: Actor) -> Actor:
        """'the regime' with no country: the country of the last actor of that sector, if any."""
        if not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in head.children):
            return actor
        for seen in reversed(self.seen):
            if seen.token < head.i and seen.actor.sector == actor.sector and seen.actor.country:
                country = seen.actor.country
                return actor.model_copy(update={"code": country + (actor.sector or ""), "country": country})
        return actor

    def _antecedent(self, pronoun: Token) -> Actor | None:
        lower = pronoun.lower_
        if lower not in PERSONAL | NEUTER | PLURAL:
            return None
        speaker = self._speaker(pronoun) or self._binder(pronoun)
        if speaker is not None:
            return speaker.model_copy(update={"text": pronoun.text})
        if lower in PLURAL:  # "they": a plural phrase ("security forces") first, then a body or a country
            own = _relative_head_span(pronoun)
            for seen in reversed(self.seen):
                if seen.token < pronoun.i and seen.token not in own and seen.plural and not seen.person:
                    return seen.actor.model_copy(update={"text": pronoun.text})
        own = _relative_head_span(pronoun)
        for seen in reversed(self.seen):
            if seen.token >= pronoun.i or seen.token in own:
                continue
            if lower in PERSONAL and not seen.person:
                continue
            if lower in NEUTER and (seen.person or seen.plural):
                continue
            if lower in PLURAL and seen.person:
                continue
            return seen.actor.model_copy(update={"text": pronoun.text})
        return None


    def _binder(self, pronoun: Token) -> Actor | None:
        """'Russia vetoed a resolution on its invasion': a possessive in a clause refers to the clause's subject."""
        if pronoun.dep_ != "poss" or pronoun.lower_ not in ("its", "their"):
            return None
        for verb in pronoun.ancestors:
            if verb.pos_ in ("VERB", "AUX"):
                subjects = _subjects(verb, pronoun.i)  # also "gunmen killed ... and seized hostages in their assault"
                if not subjects:
                    return None
                found = self.resolve(subjects[0])
                if found is None or not found.known or (found.name and found.code != found.country
                                                        and self._is_person_name(subjects[0])):
                    return None
                return found
        return None

    def _speaker(self, pronoun: Token) -> Actor | None:
        """'Moscow said it would expel ...', 'Hamas said its leader was killed': the reporting subject."""
        head = pronoun.head if pronoun.dep_ in ("nsubj", "nsubjpass") else pronoun.head.head
        for _ in range(3):
            if head.dep_ != "ccomp" or head.head is head:
                return None
            verb = head.head
            if verb.lemma_.lower() in SPEAKING:
                subjects = _subjects(verb, pronoun.i)  # also "Nicaragua broke off relations ... and said it ..."
                if not subjects:
                    return None
                found = self.resolve(subjects[0])
                if found is None or not found.known:
                    return None
                person = bool(found.name and found.code != found.country and self._is_person_name(subjects[0]))
                if (pronoun.lower_ in PERSONAL) != person or (pronoun.lower_ in PLURAL and person):
                    return None
                return found
            head = verb
        return None


def _subjects(verb: Token, before: int) -> list[Token]:
    """The verb's subjects before token ``before``, or its first conjunct's when it has none of its own."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < before]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj" and c.i < before]
    return subjects


def _stance_prefixed(token: Token) -> bool:
    """'pro-EU', 'anti-junta', 'pro-Russian': the word names a side taken, not the actor."""
    doc, i = token.doc, token.i
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")


def _relative_head_span(pronoun: Token) -> range:
    """'the U.N. staff they detained': a pronoun in a relative clause is not the noun the clause describes."""
    for verb in pronoun.ancestors:
        if verb.dep_ == "relcl":
            noun = verb.head
            return range(noun.left_edge.i, noun.i + 1)
        if verb.dep_ not in ("conj", "xcomp", "ccomp"):
            break
    return range(0)


def _home_country(doc: Doc, mentions: list[Mention]) -> str | None:
    """The country a story is about: its dateline's, else one named in at least half the country mentions."""
    countries = [m for m in mentions if m.best.country and m.best.kind not in ("agent", "place")]
    if not countries:
        return None
    if countries[0].start < 6 and doc[countries[0].start].text.isupper():  # "BAGHDAD, March 14 -"
        return countries[0].best.country
    counts: dict[str, int] = {}
    for mention in countries:
        counts[mention.best.country or ""] = counts.get(mention.best.country or "", 0) + 1
    best, n = max(counts.items(), key=lambda kv: kv[1])
    return best if n * 2 > len(countries) else None


def _name_run(token: Token) -> str:
    """A proper name with its proper-noun compounds: 'El Obeid', 'Port-au-Prince'."""
    start = token.i
    while start > 0:
        before = token.doc[start - 1]
        if before.pos_ != "PROPN" or before.head.i not in range(start, token.i + 1):
            break
        start -= 1
    return token.doc[start : token.i + 1].text


def _phrase(head: Token) -> str:
    """The words of a noun phrase up to its head ('the Iraqi security forces')."""
    start = head.left_edge.i
    return head.doc[start : head.i + 1].text
