"""Event extraction on the dependency parse: triggers, their source and target, modality and claimant."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..actors.resolver import ActorResolver
from ..model import Actor
from .lexicon import Lexicon, VerbPattern
from .modality import claimant, modality

# Verbs that carry no event of their own but take an event noun as object: "launched attacks".
LIGHT_VERBS = frozenset({"launch", "carry", "conduct", "make", "hold", "stage", "mount", "issue", "give",
                         "reach", "sign", "impose", "express", "lodge", "file", "wage", "unleash", "begin",
                         "start", "continue", "step", "deliver", "provide", "send", "extend", "level",
                         "voice", "pose", "commit", "perpetrate", "organize", "organise", "lead", "resume",
                         "intensify", "escalate", "announce", "order", "approve", "authorize", "authorise",
                         "undertake", "initiate", "renew", "take", "have", "do", "execute", "plan", "call",
                         "offer", "pledge", "promise", "hand", "grant", "seek", "request", "demand", "adopt",
                         "unveil", "introduce", "reimpose", "tighten", "expand", "open", "join"})
# "a series of operations": the event noun is the object of "of".
QUANTITY = frozenset({"series", "wave", "spate", "number", "string", "round", "barrage", "volley", "flurry",
                      "campaign", "couple", "dozen", "set", "kind", "type", "day", "week", "month", "hour", "night",
                      "year", "package", "message", "letter", "note", "expression", "word", "gesture",
                      "show", "batch", "raft", "slew", "tranche", "total"})
# ("launched two days of drills", "sent a message of condolence")
# Nouns whose possessor undergoes the event: "Musleh's arrest", "Soleimani's assassination".
PATIENT_POSSESSOR = frozenset({"arrest", "detention", "assassination", "killing", "murder", "release",
                               "execution", "abduction", "kidnapping", "capture", "expulsion", "death",
                               "elimination", "imprisonment", "deportation", "extradition", "torture",
                               "jailing", "internment", "liberation", "rescue", "trial", "prosecution",
                               "conviction", "sentencing", "indictment", "interrogation", "beheading"})
# Verbs that mean "show" or "admit" when they take a clause or a passive ("it demonstrated that ...").
NOT_WITH_CLAUSE = frozenset({"demonstrate", "acknowledge", "protest"})
DENIALS = frozenset({"deny", "dismiss", "refute"})
# "involved in the massacre", "his role in the assassination": the clause's subject is the noun's agent.
ROLE_WORDS = frozenset({"involve", "involved", "responsible", "participate", "role", "part", "complicit",
                        "guilty", "culpable", "hand", "behind", "implicate", "implicated", "responsibility"})
# Roots whose events, with conjoined subjects and no object, are mutual ("A and B signed a deal", "clashed").
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "087"})  # 087: "A and B began a ceasefire"
RECIPROCAL_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "exchange"})
# Consultations that are not mutual: co-hosts do not host, visit or mediate each other.
ONE_WAY = frozenset({"042", "043", "045", "039"})
# Event nouns too vague to code without a target ("launched operations against X", not "its operations").
VAGUE_NOUNS = frozenset({"operation", "action", "campaign", "measure", "move", "response", "activity",
                         "incident", "pressure", "step", "effort", "mission", "offensive"})
FALLBACK_PREPOSITIONS = ("with", "against", "to", "on", "toward", "towards", "at")
# Event nouns whose code depends on a modifier: a general strike is a labour action (143), an air strike the
# use of aerial weapons (195). The first modifier found decides; with none, the lexicon's code stands.
NOUN_SENSES: dict[str, dict[str, str]] = {
    "strike": {"hunger": "142", "general": "143", "nationwide": "143", "national": "143", "labour": "143",
               "labor": "143", "indefinite": "143", "warning": "143", "workers": "143", "teachers": "143",
               "doctors": "143", "air": "195", "drone": "195", "missile": "195", "rocket": "195",
               "precision": "195", "airstrike": "195", "retaliatory": "190", "military": "190"},
    "killing": {"mass": "202"}, "execution": {"mass": "202"}, "murder": {"mass": "202"},
    "expulsion": {"mass": "201"}, "deportation": {"mass": "201"}, "displacement": {"mass": "201"},
}
# Roots of reactions to another's act: their target is whoever did the act ("protested his detention").
REACTION_ROOTS = frozenset({"05", "10", "11", "12", "14"})
# Acts a later reaction can point back to.
COERCIVE_ROOTS = frozenset({"17", "18", "19", "20"})
# Subjects that are no actor: "an earthquake struck Morocco, killing 800", "floods have killed 1,000 people".
HAZARDS = frozenset({"earthquake", "quake", "tremor", "aftershock", "flood", "flooding", "storm", "cyclone",
                     "hurricane", "typhoon", "tornado", "landslide", "mudslide", "avalanche", "wildfire", "fire",
                     "blaze", "tsunami", "eruption", "volcano", "drought", "heatwave", "heat", "rain", "snow",
                     "disease", "outbreak", "epidemic", "pandemic", "virus", "cholera", "crash", "accident",
                     "collision", "derailment", "famine", "monsoon", "wave", "floodwater", "water"})
# Verbs of mishap: "the plane crashed into a residential area, killing 240 people".
HAZARD_VERBS = frozenset({"crash", "collapse", "capsize", "sink", "derail", "burst", "erupt", "flood", "overturn"})
# A participle that tells what an attack did ("shelled Kharkiv, killing three civilians") is part of that attack,
# not a second event.
CONSEQUENCES = frozenset({"kill", "wound", "injure", "damage", "destroy", "leave", "claim", "displace", "flatten",
                          "maim", "hurt"})
# Security forces using force on their own people is repression (175), not war (19x).
REPRESSORS = frozenset({"COP", "MIL", "GOV", "SPY"})
CROWDS = frozenset({"CVL", "OPP", "EDU", "LAB", "MED", "REL", "HLH"})
# Acts only a state's forces do, so an arrest with no one named was made by the police of its place.
STATE_COERCION = frozenset({"173", "175"})
# Nouns through which a border names its other side: "troops to its border with Belarus" acts on Belarus.
# Likewise a relation names its other party: "an upbeat note on its ties with Malaysia".
BORDERS = frozenset({"border", "frontier", "boundary", "tie", "relation", "relationship", "partnership",
                     "cooperation", "dispute", "row", "feud", "rift", "rapprochement", "normalisation",
                     "normalization"})
# Roots whose events, with no one named as target, act on the place they happen in: "Russia massed troops
# near the Ukrainian border" (RUS -> UKR), "Boko Haram bombed a market in Maiduguri" (NGAREB -> NGA).
PLACE_ROOTS = frozenset({"042", "07", "08", "14", "15", "17", "18", "19", "20"})  # 042: visits, not meetings
PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "into", "toward", "towards", "from", "on", "across", "outside",
                                "around", "inside", "along", "throughout", "to"})
# Roots whose verb's clausal complement names the addressee ("demanded that Turkey withdraw").
REQUEST_ROOTS = frozenset({"02", "03", "10", "12", "13"})
# Sectors that, conjoined with a side of one country, belong to that country ("the government and the opposition").
DOMESTIC_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "LAB", "EDU", "MED", "REB", "BUS"})
ACCUSING = frozenset({"accuse", "charge", "allege", "blame"})
AIMING = frozenset({"target", "hit", "strike", "aim"})
CAPTIVES = frozenset({"hostage", "people", "civilian", "captive", "person", "sailor", "crew", "passenger",
                      "tourist", "worker", "soldier", "journalist", "student", "schoolgirl", "villager", "child",
                      "woman", "man", "foreigner", "national", "citizen"})
# Roots of cooperation refused when their act is stated as "would not": "he would not meet Biden" (125).
REFUSAL_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
# Verbs whose "with" names the means of their subject's act: "Israel retaliated with air strikes".
RESPONDING = frozenset({"retaliate", "respond", "react", "reply", "hit", "strike", "attack", "target", "pound",
                        "bombard", "answer", "counter"})
# Verbs whose "by" agent stands outside the act it qualifies: "talks mediated by Qatar", "a deal criticised by X".
BROKERING = frozenset({"mediate", "broker", "host", "facilitate", "sponsor", "chair", "moderate", "arrange",
                       "condemn", "criticise", "criticize", "welcome", "reject", "oppose", "denounce", "witness"})
# Verbs of receiving a guest: "hosted visiting Prime Minister X".
HOSTING = frozenset({"host", "welcome", "receive", "meet", "greet"})
# Verbs that, with a named place as object, take territory (192): "M23 captured Goma".
CAPTURE_VERBS = frozenset({"capture", "seize", "take", "conquer", "overrun", "recapture", "retake"})
TERRITORY = frozenset({"city", "town", "village", "capital", "province", "region", "district", "territory"})
# Dependents that can complete a verb pattern (particles, objects, prepositions, second verbs).
PATTERN_DEPS = frozenset({"prt", "prep", "dobj", "advmod", "xcomp", "ccomp", "dative", "attr", "acomp", "oprd",
                          "agent", "npadvmod", "compound", "advcl"})
AGENTIVE_MODIFIERS = frozenset({"lead", "back", "sponsor", "base", "support"})  # "US-led invasion"
TARGET_PREPOSITIONS = ("against", "on", "upon", "at", "with", "toward", "towards", "into", "to", "over")
# Roots of talk and cooperation, whose "on"/"over" phrase is a topic or a place: "talks on Sentosa island".
TOPIC_ROOTS = frozenset({"03", "04", "05", "06"})
MOTION = frozenset({"enter", "march", "gather", "go", "come", "storm", "converge", "take", "rally", "head",
                    "pour", "flock", "return", "descend", "stream", "mass"})


# spaCy's small model lemmatizes some verbs wrongly; the lexicon is written with the true lemma.
LEMMA_FIXES = {"stag": "stage", "wag": "wage", "rap": "rape", "fin": "fine", "forgave": "forgive",
               "retook": "retake", "extoll": "extol", "lambast": "lambaste", "cordone": "cordon",
               "unbanne": "unban"}


def lemma(token: Token) -> str:
    """The token's lemma, lower-cased and corrected; "build - up" split by the tokenizer is "build-up"."""
    value = token.lemma_.lower()
    i = token.i
    if i >= 2 and token.pos_ in ("NOUN", "ADP", "ADV") and token.doc[i - 1].text == "-" and \
            token.doc[i - 2].head.i == i and token.doc[i - 2].dep_ == "compound":
        return f"{token.doc[i - 2].lower_}-{token.lower_}"
    return LEMMA_FIXES.get(value, value)


@dataclass(frozen=True)
class Candidate:
    """One event found in a sentence, before it becomes an :class:`~tacitus.model.Event`."""

    trigger: Token
    code: str
    source: Actor | None
    target: Actor | None
    modality: str
    claimed_by: Actor | None
    nominal: bool


class EventExtractor:
    """Finds events in sentences using a :class:`Lexicon` and a per-document :class:`ActorResolver`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def extract(self, sent: Span, actors: ActorResolver) -> list[Candidate]:
        found: list[Candidate] = []
        used_nouns: set[int] = set()
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
                found.extend(self._verbal(token, actors, used_nouns))
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in used_nouns:
                code = self.lexicon.nouns.get(lemma(token))
                if code is not None:
                    found.extend(self._nominal(token, noun_code(token, code), actors))
        if _sporting(sent):  # "India thrashed Pakistan by 228 runs ... struck centuries against a Pakistani attack"
            found = [c for c in found if c.code[:2] < "13" or (c.source is not None and c.source.sector in COMBATANTS)]
        return _unique(_posture_targets(_threat_targets(self._intents(_without_consequences(found))), actors))

    def _intents(self, found: list[Candidate]) -> list[Candidate]:
        """'agreed to a ceasefire', 'pledged to provide aid': an asserted 03x intent, refined by the act promised.

        The promised act stays hypothetical. A commissive verb with its own lexicon event (pledge, promise,
        offer: 030) has that event's code refined ("pledged to send aid": 033); one without (agree) gets one.
        """
        by_trigger = {c.trigger.i: c for c in found if c.code[:2] == "03"}
        extra: list[Candidate] = []
        for c in found:
            if c.modality != "hypothetical" or c.code[:2] not in ("04", "05", "06", "07", "08"):
                continue
            verb = _commissive(c.trigger)
            if verb is None or modality(verb) != "asserted":
                continue
            code = intent_code(c.code)
            own = by_trigger.get(verb.i)
            if own is not None:
                if own.code == "030":
                    refined = replace(own, code=code, target=own.target if own.target and own.target.known
                                      else c.target)
                    found = [refined if x is own else x for x in found]
                    by_trigger[verb.i] = refined
            elif lemma(verb) in AGREEING and not any(
                    x.trigger.i == verb.i and x.source == c.source and x.target == c.target for x in extra):
                extra.append(replace(c, trigger=verb, code=code, modality="asserted"))
        return found + extra

    # -- verbs -----------------------------------------------------------------------------------

    def _verbal(self, verb: Token, actors: ActorResolver, used_nouns: set[int]) -> list[Candidate]:
        lemma_ = lemma(verb)
        pattern = self._match(verb, lemma_)
        noun = self._event_object(verb) if lemma_ in LIGHT_VERBS else None
        if noun is not None and (pattern is None or not pattern.extras):
            # "carried out mass killings and gang rapes of Rohingya": each conjoined event noun is an event
            nouns = [noun] + [c for c in noun.conjuncts if c.i > noun.i and lemma(c) in self.lexicon.nouns]
            holders = nouns + [noun.head.head] if noun.dep_ == "pobj" and noun.head.lower_ == "of" else nouns
            shared = next((t for t in (self._noun_targets(each, actors) for each in holders) if t), [])
            found: list[Candidate] = []
            sources = self._sources(verb, actors)
            for each in nouns:
                used_nouns.add(each.i)
                code = noun_code(each, self.lexicon.nouns[lemma(each)])
                targets = self._noun_targets(each, actors) or shared or self._prep_targets(
                    [verb], target_prepositions(code), actors) or [
                    a for p in verb.children if p.dep_ == "prep" and p.lower_ in ("into", "over")
                    for o in p.children if o.dep_ == "pobj" for a in self._authors(o, actors)]
                if lemma(each) in VAGUE_NOUNS and not targets:
                    continue
                found += self._events(each, code, sources, targets, actors, nominal=False, clause=verb)
            return found
        if lemma_ == "visit" and verb.tag_ == "VBG" and verb.dep_ in ("amod", "acl") and not any(
                c.dep_ == "dobj" for c in verb.children):
            return self._visiting(verb, verb.head, actors)
        if lemma_ == "visit" and verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and lemma(verb.head) in HOSTING:
            guest = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "hosted visiting [Sharif]"
            if guest is not None:
                return self._visiting(verb, guest, actors)
        if lemma_ in ("leave", "quit", "exit") and pattern is None:
            places = self._named_places(verb, actors)
            sources = [s for s in self._sources(verb, actors) if s.sector in ("MIL", "COP", "REB")]
            if places and sources:  # "the last U.S. troops left Afghanistan": a withdrawal (0874)
                return self._events(verb, "0874", sources, places, actors, nominal=False, clause=verb)
        if _named_by(verb) is not None:
            return []  # "what it called strikes": naming, not an appeal
        if lemma_ in CAPTURE_VERBS:
            places = self._named_places(verb, actors)
            if places:  # "M23 captured Goma", "the rebels seized Kidal": territory, not property (171)
                return self._events(verb, "192", self._sources(verb, actors), places, actors, nominal=False,
                                    clause=verb)
        if pattern is None or (lemma_ in NOT_WITH_CLAUSE and _takes_clause(verb)):
            return []
        if lemma_ in MOTION and any(c.dep_ in ("xcomp", "advcl") and lemma(c) in pattern.extras for c in verb.children):
            return []  # "gathered to protest" (CAMEO's GATHER * PROTEST): the purpose verb is the event
        if any(p.lower_ == "into" and any(o.lower_ == "air" for o in p.children) for p in verb.children):
            return []  # "fired into the air": warning shots at no one
        if _hazard_subject(verb, actors):
            return []  # "the earthquake struck Morocco": no one acted
        # "called a general strike": the pattern's own object noun is not a second, nominal event
        used_nouns.update(_through_quantity(c).i for c in verb.children
                          if c.dep_ in ("dobj", "attr") and lemma(_through_quantity(c)) in pattern.extras)
        if lemma_ in DENIALS and any(c.dep_ in ("xcomp", "ccomp", "pcomp") or c.tag_ == "VBG"
                                     for c in verb.children):
            return []  # "denied attacking Y": the attack is coded, negated; the denial is not an event
        vague = any(extra in VAGUE_NOUNS for extra in pattern.extras)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        shared = verb.head if verb.dep_ == "conj" and verb.tag_ == "VBN" and not _has_subject(verb) else None
        if shared is not None and any(c.dep_ == "nsubjpass" for c in shared.children) and not passive:
            # "Sonko was arrested by police and charged with ...": the passive subject carries over
            sources = self._agents(verb, actors) or self._agents(shared, actors)
            targets = self._children(shared, ("nsubjpass",), actors)
            return self._events(verb, pattern.code, sources, targets, actors, nominal=False, clause=verb)
        if verb.tag_ in ("VBN", "VBD") and verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children) \
                and not any(c.dep_ == "agent" for c in verb.children):
            # "Myanmar security forces killed at least 114 people ...": a finite verb the parser hung on its subject
            sources = self._expand(verb.head, actors)
            targets = self._targets(verb, pattern, actors)
        elif verb.tag_ == "VBN" and verb.dep_ == "acl":
            # "militants backed by Iran", "an operation backed by helicopters": the noun undergoes it
            sources = self._agents(verb, actors)
            targets = self._expand(verb.head, actors)
            noun = verb.head
            if not targets and pattern.code[:3] in ("045", "043") and noun.dep_ == "pobj" and \
                    noun.head.head.pos_ in ("VERB", "AUX"):
                targets = [a for a in self._sources(noun.head.head, actors) if a.known]  # "signed ... after talks
                # mediated by Saudi Arabia": the mediators act on the signers
        elif verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp", "oprd", "conj") and not any(
            c.dep_ in ("aux",) for c in verb.children
        ) and any(c.dep_ == "nsubj" for c in verb.children):
            # "saw Musleh released", "had him arrested": the subject undergoes the act
            sources = self._agents(verb, actors)
            targets = self._children(verb, ("nsubj",), actors)
        elif passive:
            sources = self._agents(verb, actors) or self._means(verb, actors, used_nouns)
            targets = self._children(verb, ("nsubjpass",), actors)
            if not targets and verb.dep_ == "conj" and not _has_subject(verb):
                # "Modi arrived in Moscow ... and was welcomed by Putin": the first clause's subject undergoes it
                targets = self._children(verb.head, ("nsubj", "nsubjpass"), actors)
            if not targets and verb.dep_ == "acl":
                targets = self._expand(verb.head, actors)  # "militants backed by Iran"
        elif pattern.source_prepositions:
            # converse verbs ("Ukraine received jets from Denmark"): the preposition's object is the source
            near = [verb, *verb.children, *(g for c in verb.children for g in c.children)]
            sources = self._prep_targets(near, pattern.source_prepositions, actors)
            targets = self._sources(verb, actors)
        else:
            sources = self._sources(verb, actors)
            targets = self._targets(verb, pattern, actors)
            weapon = self._weapon_subject(verb)
            if weapon is not None and pattern.code[:2] in COERCIVE_ROOTS:
                # "a Russian missile strike killed 17 people", "a U.S. airstrike hit a hospital": the weapon's owner
                used_nouns.add(weapon.i)
                sources = [a for c in weapon.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                           for a in self._modifier_agents(c, actors)] or [
                    a for c in weapon.children if c.dep_ == "acl" for a in self._agents(c, actors)] or sources
                weapon_code = noun_code(weapon, self.lexicon.nouns.get(lemma(weapon), "195"))
                if weapon_code != "190":  # "a missile strike killed" (195); "the attack ... killed": the killing
                    pattern = replace(pattern, code=weapon_code)
            if not targets and _object_relative(verb):
                targets = self._expand(verb.head, actors)  # "the U.N. staff they detained"
            if not targets and verb.dep_ == "conj" and not _has_subject(verb) and pattern.code[:2] in (
                    "01", "02", "03", "05", "10", "16"):
                targets = self._children(verb.head, ("dobj",), actors) or self._prep_targets(
                    [verb.head], ("to", "with"), actors)  # "telephoned X and offered condolences"
        if vague and not any(t.known for t in targets):
            return []  # "launched a search operation": no one is acted on
        code = pattern.code
        if code == "171" and any(c.dep_ == "dobj" and lemma(_counted(c)) in CAPTIVES for c in verb.children):
            code = "181"  # "seized about 150 hostages": people taken are abducted, not property seized
        for obj in (c for c in verb.children if c.dep_ == "dobj" and lemma(c) in NOUN_SENSES):
            code = noun_code(obj, code)  # "launched a general strike": the labour sense (143), not 195
        means = self._means_noun(verb)
        if means is not None and code[:2] in COERCIVE_ROOTS:
            used_nouns.add(means.i)  # "retaliated with air strikes": one attack, coded by its means (195)
            code = noun_code(means, self.lexicon.nouns[lemma(means)])
        if lemma_ in AGREEING and code[:2] in INTENT_BY_ROOT and not any(
                c.dep_ == "dobj" and lemma(c) in pattern.extras for c in verb.children):
            code = intent_code(code)  # "agreed to a ceasefire", "agreed to halt fighting": a promise (0356)
        if code == "015" and not any(t.known for t in targets):
            targets = self._claimed_targets(verb, actors)  # "claimed responsibility for a bombing at a police academy"
        if code.startswith("115"):  # "filed a case at the ICJ accusing Israel of genocide": the accused
            accused = [a for c in verb.children if c.dep_ in ("advcl", "xcomp", "acl") and lemma(c) in ACCUSING
                       for a in self._children(c, ("dobj",), actors)]
            targets = accused or targets
        if lemma_ == "welcome" and code == "051" and self._welcomes_person(verb, actors):
            code = "043"  # "Modi ... was welcomed by Putin": a host receiving a visitor, not praise
        return self._events(verb, code, sources, targets, actors, nominal=False, clause=verb)

    def _claimed_targets(self, verb: Token, actors: ActorResolver) -> list[Actor]:
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "for"):
            for act in (g for g in prep.children if g.dep_ == "pobj" and lemma(g) in self.lexicon.nouns):
                found = self._noun_targets(act, actors) or self._place_targets(act, actors)
                if found:
                    return found
        return []

    def _weapon_subject(self, verb: Token) -> Token | None:
        """The subject of a violent verb when it is an attack or a weapon ("an airstrike hit", "drones struck")."""
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            code = self.lexicon.nouns.get(lemma(subject), "")
            if code[:2] in COERCIVE_ROOTS or (lemma(subject) in AERIAL_MEANS and lemma(subject) not in AERIAL):
                return subject  # not "U.S. and British warplanes struck": they are the forces themselves
        return None

    def _means_noun(self, verb: Token) -> Token | None:
        """The violent event noun a verb's "with" names: "hit back with missile strikes"."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                code = self.lexicon.nouns.get(lemma(obj), "")
                if code[:2] in COERCIVE_ROOTS:
                    return obj
        return None

    @staticmethod
    def _welcomes_person(verb: Token, actors: ActorResolver) -> bool:
        guest = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if guest is None and verb.dep_ == "conj" and not _has_subject(verb):  # "arrived ... and was welcomed"
            guest = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if guest is None or guest.pos_ != "PROPN":
            return False
        actor = actors.resolve(guest)
        return actor is not None and actor.known and actor.code != actor.country and bool(actor.sector)

    def _match(self, verb: Token, lemma: str) -> VerbPattern | None:
        patterns = self.lexicon.verbs.get(lemma)
        if not patterns:
            return None
        words = _dependent_words(verb)
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt" and c.lower_ in ("off", "away")}
        for pattern in patterns:
            if particles and not particles & set(pattern.extras):
                continue  # "called off the march on Moscow" is no appeal, "backed away" no support
            if all(extra in words for extra in pattern.extras):
                return pattern
        return None

    def _visiting(self, verb: Token, guest: Token, actors: ActorResolver) -> list[Candidate]:
        """'Xi hosted visiting Pakistani Prime Minister Shehbaz Sharif': the guest visits the host's country."""
        guests = self._expand(guest, actors)
        clause = guest.head if guest.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else guest
        if clause.dep_ == "prep":
            clause = clause.head
        if verb.dep_ == "xcomp":
            clause = verb.head
        targets = self._place_targets(clause, actors)
        if not targets and clause.pos_ in ("VERB", "AUX"):
            own = {g.country for g in guests}
            hosts = [a for a in self._sources(clause, actors) + self._children(clause, ("dobj",), actors)
                     if a.known and a.country and a.country not in own]
            targets = [Actor(code=h.country or "", country=h.country, name=h.name) for h in hosts[:1]]
        return self._events(verb, "042", guests, targets, actors, nominal=False, clause=clause)

    def _named_places(self, verb: Token, actors: ActorResolver) -> list[Actor]:
        """The countries of the named places that are the verb's direct objects ("captured Goma")."""
        found = []
        for obj in (c for c in verb.children if c.dep_ == "dobj" and (c.pos_ == "PROPN" or lemma(c) in TERRITORY)):
            actor = actors.resolve(obj)
            if (actor is None or not actor.known) and lemma(obj) in TERRITORY:
                return self._place_targets(verb, actors)  # "seized the mining town of Rubaya in eastern Congo"
            if actor is None or not actor.country or actor.code != actor.country:
                return []
            found.append(actor)
        return found

    def _event_object(self, verb: Token) -> Token | None:
        for child in verb.children:
            named = _named_by(child) if child.dep_ in ("ccomp", "xcomp", "pcomp") else None
            if named is not None and lemma(named) in self.lexicon.nouns:
                return named  # "carried out what it called pre-emptive strikes"
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                noun = _through_quantity(child)
                if lemma(noun) in self.lexicon.nouns:
                    return noun
                # "resumed intelligence sharing and military aid to Ukraine"
                later = [c for c in noun.conjuncts if c.i > noun.i and lemma(c) in self.lexicon.nouns]
                if later:
                    return later[0]
        return None

    def _targets(self, verb: Token, pattern: VerbPattern, actors: ActorResolver) -> list[Actor]:
        """Where the pattern says: the final preposition's object, the (second verb's) object, a preposition."""
        extras = set(pattern.extras)
        carriers = [verb] + [c for c in verb.children
                             if lemma(c) in extras or c.dep_ in ("dobj", "prt", "advmod", "xcomp")]
        carriers += [_through_quantity(c) for c in verb.children if c.dep_ == "dobj" and _through_quantity(c) is not c]
        if pattern.code[:2] in REACTION_ROOTS:
            # "protested his detention", "condemned the arrest of X by Y": the one who acted is the target
            for obj in (c for c in verb.children if c.dep_ == "dobj" and lemma(c) in self.lexicon.nouns):
                doer = self._doer(obj, actors)
                if doer:
                    return doer
        preposition = pattern.target_preposition
        if preposition is not None:
            found = self._prep_targets(carriers, (preposition,), actors)
            if found:
                return found
        for where in pattern.targets:
            if where == "obj":
                second = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and lemma(c) in extras]
                if lemma(verb) in HOSTING:  # "hosted visiting [Sharif]": the parser hangs the guest on "visiting"
                    second += [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and lemma(c) == "visit"]
                found = []
                for carrier in [verb] + second:
                    found = self._children(carrier, ("dobj", "dative"), actors)
                    if found:
                        break
                if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
                    found = self._expand(verb.head, actors)
                if not found:  # "suspended all imports of Japanese seafood": whose the object is
                    found = self._prep_targets([c for c in verb.children if c.dep_ == "dobj"], ("of",), actors)
            else:
                found = self._prep_targets(carriers, (where,), actors)
            if found:
                return found
        # "pledged to help Ukraine", "demanded that Turkey withdraw": the target is in the complement.
        for child in verb.children:
            if child.dep_ == "xcomp":
                found = self._children(child, ("dobj", "dative"), actors)
                for clause in (c for c in child.children if c.dep_ == "ccomp" and not found):
                    found = self._children(clause, ("nsubj",), actors)  # "help Ukraine rebuild"
                if found:
                    return found
            if child.dep_ == "ccomp" and pattern.code[:2] in REQUEST_ROOTS:
                found = self._children(child, ("nsubj", "nsubjpass"), actors)
                own = {a.country for a in self._sources(verb, actors) if a.country}
                if found and not any(a.country in own for a in found):  # "pledged that China would help"
                    return found
        # "declared 40 Russian diplomats undesirable": the small clause's subject is acted on
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "oprd", "acomp") and lemma(child) in extras:
                found = self._children(child, ("nsubj",), actors)
                if found:
                    return found
        if pattern.code[:2] in COERCIVE_ROOTS:  # "detonated a roadside bomb targeting an army convoy"
            for aim in (c for c in verb.children if c.dep_ in ("advcl", "acl", "xcomp") and lemma(c) in AIMING):
                found = self._children(aim, ("dobj",), actors)
                if found:
                    return found
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                for aim in (c for c in obj.children if c.dep_ == "acl" and lemma(c) in AIMING):
                    found = self._children(aim, ("dobj",), actors)
                    if found:
                        return found
        if pattern.code[:2] == "08":  # "declared a unilateral ceasefire in its war with Tigrayan forces"
            wars = [o for p in carriers for p2 in p.children if p2.dep_ == "prep" and p2.lower_ == "in"
                    for o in p2.children if o.dep_ == "pobj" and lemma(o) in ("war", "conflict", "fight", "fighting")]
            found = self._prep_targets(wars, ("with", "against"), actors)
            if found:
                return found
        # "walked off the job in protest against a government plan": what the protest is against
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
            for noun in (o for o in prep.children if o.dep_ == "pobj" and lemma(o) in ("protest", "response")):
                found = self._noun_targets(noun, actors) or [a for p2 in noun.children if p2.dep_ == "prep"
                                                             for o in p2.children if o.dep_ == "pobj"
                                                             for a in self._owner(o, actors)]
                if found:
                    return found
        # "rejected demands from student protesters": the object's author is the one acted on; "suspended
        # imports of Japanese seafood": whose the object is.
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        found = self._prep_targets(objects, ("from", "by"), actors) or self._prep_targets(objects, ("of",), actors)
        if found:
            return found
        # Wire prose names the other party with a preposition the pattern did not list ("spoke with"), also
        # inside a clause on the object ("signed agreements normalising relations with Israel").
        deeper = [v for o in objects for v in o.children if v.dep_ == "acl"]
        deeper += [o for v in deeper for o in v.children if o.dep_ == "dobj"]
        # "spoke by telephone with Putin": the medium's phrase carries the other party
        deeper += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("by", "via", "over")
                   for o in p.children if o.dep_ == "pobj"]
        found = self._prep_targets(objects, ("between",), actors)  # "demanded a ceasefire between Israel and Hamas"
        if found and pattern.code[:2] in ("02", "10", "03"):
            return found
        if not objects:
            for other in (c for c in verb.conjuncts if c.i > verb.i and not _has_subject(c)):
                found = self._children(other, ("dobj",), actors)  # "stormed and torched government buildings"
                if found:
                    return found
        fallback = tuple(p for p in FALLBACK_PREPOSITIONS if p in target_prepositions(pattern.code))
        return self._prep_targets(deeper, ("with",), actors) or self._prep_targets(carriers, fallback, actors)

    def _owner(self, noun: Token, actors: ActorResolver) -> list[Actor]:
        """Whose a thing is: 'a government plan' -> the government, "Japan's seafood" -> Japan."""
        return [a for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                for a in self._expand(c, actors)]

    def _means(self, verb: Token, actors: ActorResolver, used_nouns: set[int]) -> list[Actor]:
        """'was killed in an Israeli strike': the doer of the event noun the passive happened in."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and lemma(obj) in self.lexicon.nouns:
                        found = [a for c in obj.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                                 for a in self._modifier_agents(c, actors)]
                        if found:
                            used_nouns.add(obj.i)  # the strike is how he was killed, not a second event
                            return found
        return []

    def _doer(self, noun: Token, actors: ActorResolver) -> list[Actor]:
        """Who did what an event noun names: its 'by' agent or actor modifier, else who did it to its patient."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                found = [a for obj in child.children if obj.dep_ == "pobj" for a in self._expand(obj, actors)]
                if found:
                    return found
            if child.dep_ in ("amod", "compound", "nmod"):
                found = self._modifier_agents(child, actors)
                if found:
                    return found
        patients = [a for c in noun.children if c.dep_ == "poss" for a in self._expand(c, actors)]
        patients += [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for obj in c.children if obj.dep_ == "pobj" for a in self._expand(obj, actors)]
        for patient in patients:
            doer = actors.acted_on.get(patient.code)
            if doer is not None:
                return [doer]
        if not patients and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
            root = self.lexicon.nouns.get(lemma(noun), "")[:2]
            # "North Korea fired a missile ... Kishida called the launch unacceptable"; violence of any kind:
            # "fighters slaughtered 110 farmers ... Buhari condemned the killings"
            for key in [root] + (["20", "18", "19", "15"] if root in ("15", "18", "19", "20") else []):
                doer = actors.last_doer.get(key)
                if doer is not None:
                    return [doer]
        return []

    # -- nouns -----------------------------------------------------------------------------------

    def _nominal(self, noun: Token, code: str, actors: ActorResolver) -> list[Candidate]:
        patient_possessor = lemma(noun) in PATIENT_POSSESSOR
        sources: list[Actor] = []
        targets: list[Actor] = []
        places: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "poss":
                (targets if patient_possessor else sources).extend(self._expand(child, actors))
            elif child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                for modifier in [child, *(c for c in child.conjuncts if c.i < noun.i)]:
                    mention = actors.by_token.get(modifier.i)
                    if mention is not None and mention.best.kind == "agent" and any(
                            c.dep_ == "poss" for c in noun.children):
                        continue  # "Russia's military build-up": the sector word refines the possessor
                    sources.extend(self._modifier_agents(modifier, actors))  # "the US and British strikes"
            elif child.dep_ == "prep":
                word = child.lower_
                objects = [self._expand(g, actors) for g in child.children if g.dep_ == "pobj"]
                flat = [actor for group in objects for actor in group]
                if word == "by":
                    sources.extend(flat)
                elif word == "between" and len(flat) > 1:
                    # "fighting between Sudan's army and the RSF": each side acts on the other
                    return self._reciprocal(noun, code, flat, actors, noun, True)
                elif word == "of":
                    if code[:2] != "15":  # "a build-up of troops": the troops are the builder's, not a target
                        targets.extend(flat)
                elif word in target_prepositions(code):
                    targets.extend(flat)
                elif word in ("in", "across", "throughout") and code.startswith("14"):
                    places.extend(a for a in flat if a.country)  # "protests in Iraq"
        if code[:2] == "14" and not places and noun.dep_ == "nsubj":  # "protests erupted in Baghdad"
            places = [a for p in noun.head.children if p.dep_ == "prep" and p.lower_ in ("in", "across", "throughout")
                      for o in p.children if o.dep_ == "pobj" for a in self._expand(o, actors) if a.country]
        # "protests by his supporters across the country": the supporters; "protests in Iraq": its people
        sources = sources or [_people_of(a) if code[:2] == "14" and a.code == a.country else a for a in places]
        if noun.dep_ == "nsubj" and not sources and not targets:
            for prep in noun.head.children:  # "fighting erupted between the army and the RSF"
                if prep.dep_ == "prep" and prep.lower_ == "between":
                    sides = [a for obj in prep.children if obj.dep_ == "pobj" for a in self._expand(obj, actors)]
                    if len(sides) > 1:
                        return self._reciprocal(noun, code, sides, actors, noun, True)
        if not sources and not targets and noun.i > 0 and noun.nbor(-1).dep_ == "case":
            # a possessor the parser attached elsewhere: "... and Qassem Soleimani's assassination"
            owner = self._expand(noun.nbor(-1).head, actors)
            (targets if patient_possessor else sources).extend(owner)
        if not sources:
            # "the assassination of its commander Fuad Shukr by Israel": the parser hangs "by" lower down
            for token in noun.subtree:
                if any(a.dep_ == "relcl" and a.i > noun.i for a in token.ancestors if noun in a.ancestors):
                    continue  # "a deal that has been criticised by Australia": the critics did not make it
                if lemma(token.head) in BROKERING:
                    continue  # "talks mediated by Saudi Arabia and the United States": the mediators (045)
                if token.dep_ == "agent" or (token.dep_ == "prep" and token.lower_ == "by" and token.i > noun.i):
                    sources = [a for obj in token.children if obj.dep_ == "pobj" for a in self._expand(obj, actors)]
                    if sources:
                        break
        if not sources:
            sources = self._role_holder(noun, actors)
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "with" and lemma(noun.head.head) in RESPONDING:
            sources = [a for a in self._sources(noun.head.head, actors) if a.known]  # "retaliated with air strikes"
        if not sources and code[:2] == "04" and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            # "speaking during a visit to Tanzania", "landed in Alaska for a summit with Trump"
            sources = [a for a in self._sources(noun.head.head, actors) if a.known]
        if not sources and not targets or (lemma(noun) in VAGUE_NOUNS and not targets):
            return []
        return self._events(noun, code, sources, targets, actors, nominal=True, clause=noun)

    def _role_holder(self, noun: Token, actors: ActorResolver) -> list[Actor]:
        """'He was involved in the massacre', 'his role in the assassination': the agent of the noun."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("in", "for", "behind", "of"):
            return []
        holder = prep.head
        if lemma(holder) not in ROLE_WORDS and not any(
                c.dep_ == "dobj" and lemma(c) in ROLE_WORDS for c in holder.children):  # "claimed responsibility"
            return []
        owners = [c for c in holder.children if c.dep_ == "poss"]
        if owners:
            return self._expand(owners[0], actors)
        clause = holder if holder.pos_ in ("VERB", "AUX") else holder.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return self._expand(subjects[0], actors) if subjects else []

    def _modifier_agents(self, token: Token, actors: ActorResolver) -> list[Actor]:
        """'US-led', 'Iranian', 'Israeli' before an event noun name its source."""
        if lemma(token) in AGENTIVE_MODIFIERS:
            return [a for c in token.children for a in self._expand(c, actors)]
        found = actors.resolve(token)
        return [found] if found is not None and found.known else []

    def _noun_targets(self, noun: Token, actors: ActorResolver) -> list[Actor]:
        if self.lexicon.nouns.get(lemma(noun), "")[:2] == "11":  # "a complaint with the WTO over Chinese tariffs"
            holders = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
            for prep in (c for h in holders for c in h.children
                         if c.dep_ == "prep" and c.lower_ in ("over", "about", "against")):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    found = self._expand(obj, actors) or self._doer(obj, actors) or self._owner(obj, actors)
                    if found:
                        return found
        for aim in (c for c in noun.children if c.dep_ == "acl" and lemma(c) in AIMING):
            found = self._children(aim, ("dobj",), actors)  # "a drone strike targeting a Hamas commander"
            if found:
                return found
        allowed = target_prepositions(self.lexicon.nouns.get(lemma(noun), "")) + ("of",)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        if child.lower_ == "against" and lemma(obj) in PATIENT_POSSESSOR:
                            found = self._doer(obj, actors)  # "a hunger strike against his detention"
                            if found:
                                return found
                        found = self._expand(obj, actors) or self._authors(obj, actors)
                        if found:
                            return found
        return []

    def _authors(self, act: Token, actors: ActorResolver) -> list[Actor]:
        """'war crimes by Israeli forces and Palestinian armed groups', "Duterte's war on drugs": who did it."""
        found = self._prep_targets([act], ("by",), actors) or [
            a for p in act.children if p.dep_ == "poss" for a in self._expand(p, actors)] or [  # "Duterte's war"
            a for c in act.children if c.dep_ == "acl" for a in self._agents(c, actors)]  # "a reform proposed by X"
        if not found:
            for prep in (c for c in act.children if c.dep_ == "prep" and c.lower_ in ("during", "in")):
                found = [a for o in prep.children if o.dep_ == "pobj"
                         for p in o.children if p.dep_ == "poss" for a in self._expand(p, actors)]
        return found

    # -- arguments -------------------------------------------------------------------------------

    def _sources(self, verb: Token, actors: ActorResolver) -> list[Actor]:
        """The logical subject, following coordination, control and participles up the tree."""
        token = verb
        for _ in range(6):
            subjects = self._children(token, ("nsubj",), actors, keep_unknown=True)
            if subjects:
                return [s for s in subjects if s is not None]
            passive_subject = [c for c in token.children if c.dep_ == "nsubjpass"]
            if token is not verb and passive_subject:
                # "was hit by RSF drones, killing six soldiers": the passive's agent acts again
                return self._agents(token, actors) or self._expand(passive_subject[0], actors)
            head = token.head
            if head is token:
                return []
            if token.dep_ == "xcomp":
                controllers = self._children(head, ("dobj",), actors)
                if controllers and lemma(head) not in ("use", "take", "send"):
                    return controllers  # "urged Iran to withdraw": Iran withdraws
            if token.dep_ == "acl" and token.tag_ == "VBG":
                return self._expand(head, actors)  # "protesters chanting slogans"
            if token.dep_ == "relcl":
                return []
            if token.dep_ == "acl" and head.dep_ in ("dobj", "pobj", "attr") and head.head is not head:
                token = head.head if head.dep_ != "pobj" else head.head.head
                continue
            if token.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep", "ccomp"):
                return []
            token = head
        return []

    def _agents(self, verb: Token, actors: ActorResolver) -> list[Actor]:
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._expand(obj, actors)
        return []

    def _children(self, verb: Token, deps: tuple[str, ...], actors: ActorResolver,
                  keep_unknown: bool = False) -> list[Actor]:
        children = [c for c in verb.children if c.dep_ in deps]
        found = [actor for child in children for actor in self._expand(child, actors)]
        if any(a.country for a in found):  # two objects, one coded better ("a commander, NAME")
            found = [a for a in found if a.country or a.code.startswith(("IGO", "NGO", "IMG"))]
        if not found and children and keep_unknown:
            return [Actor(text=children[0].text)]
        return found

    def _prep_targets(self, heads: list[Token], words: tuple[str, ...], actors: ActorResolver) -> list[Actor]:
        for head in heads:
            for child in head.children:
                if child.dep_ == "dative" and child.pos_ != "ADP" and "to" in words:
                    found = self._expand(child, actors)  # "granted him asylum" = "granted asylum to him"
                    if found:
                        return found
                if child.dep_ in ("prep", "dative", "agent") and child.lower_ in words:
                    for obj in child.children:
                        if child.lower_ == "with" and (_absolute(obj) or lemma(obj) in WEAPONS):
                            continue  # "talks, with Merkel mediating", "battled with tanks and artillery"
                        if obj.dep_ in ("pobj", "pcomp"):
                            found = self._expand(obj, actors)
                            if not found and child.lower_ in ("into", "over", "for", "against"):
                                found = self._authors(obj, actors)  # "an inquiry into crimes by Israeli forces"
                            if not found and obj.dep_ == "pcomp" and child.lower_ != "of":  # "talks on joining the EU"
                                found = self._children(obj, ("dobj",), actors)
                            if not found and child.lower_ in ("on", "against"):  # "tariffs on cars imported
                                found = self._prep_targets([c for c in obj.children if c.dep_ == "acl"],
                                                           ("from",), actors)  # from Canada"
                            if found:
                                return found
        return []

    @staticmethod
    def _expand(head: Token, actors: ActorResolver) -> list[Actor]:
        """The actors of a phrase and of its conjuncts ('Iran and Russia')."""
        head = _across_border(head)
        found = [a for a in actors.resolve_many(head) if a.known]
        for other in (c for c in head.conjuncts if c.i > head.i):
            more = [a for a in actors.resolve_many(other) if a.known]
            if found and other.pos_ == "NOUN" and not any(m.dep_ in ("amod", "compound", "poss", "nmod")
                                                          for m in other.lefts):
                if all(a.sector in {f.sector for f in found} for a in more):
                    continue  # "U.S. and British warplanes and warships": the warships are the same parties'
            found += more
        countries = {a.country for a in found if a.country}
        if len(countries) == 1 and any(a.code == a.sector for a in found):
            # "Maduro's government and the opposition": the bare side is of the same country
            country = countries.pop()
            found = [a.model_copy(update={"code": country + a.code, "country": country})
                     if a.code == a.sector and a.sector in DOMESTIC_SECTORS else a for a in found]
        return found

    # -- assembly --------------------------------------------------------------------------------

    def _events(self, trigger: Token, code: str, sources: list[Actor], targets: list[Actor],
                actors: ActorResolver, nominal: bool, clause: Token) -> list[Candidate]:
        sources = [s for s in sources if s.known] or [Actor()]
        targets = [t for t in targets if t.known]
        sources, targets = self._implied_parties(code, sources, targets, clause, actors)
        targets = targets or [Actor()]
        if len(sources) > 1 and not targets[0].known and code[:3] not in ONE_WAY and (
            code[:2] in RECIPROCAL_ROOTS or code[:3] in RECIPROCAL_ROOTS or lemma(trigger) in RECIPROCAL_VERBS
        ):
            # "Armenia and Azerbaijan signed an agreement": each acts on the other
            return self._reciprocal(trigger, code, sources, actors, clause, nominal)
        mood = modality(clause)
        if mood == "hypothetical" and code[:2] in REFUSAL_BY_ROOT and _refused(clause):
            code, mood = REFUSAL_BY_ROOT[code[:2]], "asserted"  # "Raisi said he would not meet Biden": a refusal
        if mood == "hypothetical" and code.startswith("14") and _purpose_of_motion(clause):
            mood = "asserted"  # "entered the Green Zone to protest his detention": they did protest
        speaker = claimant(clause)
        claimed_by = actors.resolve(speaker) if speaker is not None else None
        events = []
        if mood == "hypothetical" and code[:2] in ("18", "19", "20") and _announced(clause) and claimed_by \
                and claimed_by.known and claimed_by.country and any(claimed_by.country == s.country for s in sources):
            # "Netanyahu said Israel would use increasing military strength against Hamas": a threat (138)
            events += [Candidate(trigger, "138", claimed_by, t, "asserted", claimed_by, nominal) for t in targets
                       if t.known and t.country != claimed_by.country]
        for source in sources:
            for target in targets:
                if not source.known and not target.known:
                    continue
                if _acts_on_itself(code, source, target):
                    continue
                source, target = _lend_country(code, source, target)
                event_code = _violence_code(trigger, code, source, target)
                events.append(Candidate(trigger, event_code, source, target, mood, claimed_by, nominal))
                if mood == "asserted" and code[:2] in COERCIVE_ROOTS and source.known and target.known:
                    actors.acted_on[target.code] = source  # "Musleh's arrest" later: who arrested him
                if mood == "asserted" and source.known and code[:2] in COERCIVE_ROOTS | {"15"}:
                    actors.last_doer[code[:2]] = source
        return events

    def _implied_parties(self, code: str, sources: list[Actor], targets: list[Actor], clause: Token,
                         actors: ActorResolver) -> tuple[list[Actor], list[Actor]]:
        """The sides a wire reader supplies when the sentence leaves one unnamed (docs/status.md)."""
        if code[:2] == "15" and sources[0].country:  # "mobilized reservists near the Ukrainian border": where
            targets = [t for t in targets if t.country != sources[0].country]
        if not targets and (code[:2] in PLACE_ROOTS or code[:3] in PLACE_ROOTS) and len(sources) == 1:
            targets = [t for t in self._place_targets(clause, actors, origin=code[:2] == "08")
                       if not (code[:2] == "08" and t.country == sources[0].country)]  # withdrew from its own town
        if not targets and code[:2] == "13" and len(sources) == 1 and sources[0].known:
            # "the Houthis vowed revenge": on whoever last struck them (or their country)
            victim = sources[0]
            doer = actors.acted_on.get(victim.code) or next(
                (d for patient, d in reversed(list(actors.acted_on.items()))
                 if victim.country and patient.startswith(victim.country)), None)
            targets = [doer] if doer is not None and doer.code != victim.code else []
        if not targets and code[:3] == "087" and len(sources) == 1 and sources[0].sector in ("REB", "OPP") \
                and sources[0].country:
            targets = [_government_of(sources[0])]  # "FARC rebels declared a unilateral ceasefire"
        if not targets and code in ("1723", "1724") and len(sources) == 1 and sources[0].country:
            # "declared a state of emergency": on its own country
            targets = [Actor(code=sources[0].country, country=sources[0].country)]
        if not targets and code[:2] == "20" or not targets and code == "175":
            # mass violence and repression with no victims named fall on the people of the place or the state
            targets = [_people_of(s) for s in sources if s.known and s.country][:1]
        if code[:2] == "14" and not any(s.known for s in sources) and len(targets) == 1 and targets[0].known \
                and targets[0].code == targets[0].country:
            # "thousands protested in Baghdad": the people of the place, against their state
            sources, targets = [_people_of(targets[0])], []
        if not targets and code[:2] == "14" and len(sources) == 1 and sources[0].country and (
                sources[0].sector in CROWDS | {"REB", "CRM"}):
            # "unions began a nationwide strike", "protests by his supporters": people protest to their state
            targets = [_government_of(sources[0])]
        if not any(s.known for s in sources) and code[:3] in STATE_COERCION and any(t.known for t in targets):
            # "Protasevich was detained at Minsk airport": an arrest is made by the police of the place
            sources = [_police_of(country) for country in self._state_of(clause, targets, actors)][:1] or sources
        return sources, targets

    def _place_targets(self, clause: Token, actors: ActorResolver, origin: bool = False) -> list[Actor]:
        """The country of the one place the clause (not its subject) names, as a target.

        "from" names a place only for withdrawals (``origin``): tanks rolling in from Belarus act on Ukraine.
        """
        prepositions = PLACE_PREPOSITIONS if origin else PLACE_PREPOSITIONS - {"from"}
        subjects = {t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        found: dict[int, dict[str, Actor]] = {}  # by depth below the clause: the nearest places decide
        for token in clause.subtree:
            if token.i in subjects or token.i == clause.i or token.dep_ != "pobj":
                continue
            if token.head.lower_ not in prepositions:
                continue
            between = [t for t in token.ancestors if t.i != clause.i and clause in t.ancestors]
            if any(_own_clause(t) and _named_by(t) is None for t in between):
                continue  # a place of another clause ("flew to Jeddah, where he praised ... the Sudan talks")
            actor = _modifier_country(token, actors) or actors.resolve(_across_border(token))
            if actor is not None and actor.country and actor.code == actor.country:
                found.setdefault(len(between), {}).setdefault(actor.country, actor)
        if not found:
            return []
        nearest = found[min(found)]
        return list(nearest.values()) if len(nearest) == 1 else []

    def _state_of(self, clause: Token, targets: list[Actor], actors: ActorResolver) -> list[str]:
        """Whose state acted where no one is named: the place of the clause, else the people acted on."""
        places = self._place_targets(clause, actors)
        if places:
            return [places[0].country or ""]
        return [t.country for t in targets if t.known and t.country and t.sector in CROWDS][:1]

    def _reciprocal(self, trigger: Token, code: str, sources: list[Actor], actors: ActorResolver,
                    clause: Token, nominal: bool) -> list[Candidate]:
        events: list[Candidate] = []
        for source in sources:
            others = [other for other in sources if other is not source and other.code != source.code]
            events.extend(self._events(trigger, code, [source], others, actors, nominal, clause))
        return events


# Verbs committing their subject to a future act ("agreed to a ceasefire", "pledged to send aid").
COMMISSIVE = frozenset({"agree", "pledge", "promise", "offer", "commit", "undertake", "consent"})
AGREEING = frozenset({"agree", "commit", "undertake", "consent"})  # no lexicon event of their own
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
INTENT_BY_CODE = {"045": "039", "057": "037", "061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331",
                  "072": "0332", "073": "0333", "074": "0334", "081": "0351", "082": "0352", "083": "034",
                  "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344", "084": "0353", "085": "0354",
                  "086": "0355", "087": "0356"}


def _posture_targets(found: list[Candidate], actors: ActorResolver) -> list[Candidate]:
    """'Taiwan put its forces on alert as China's military began drills': an alert faces the other side's act."""
    out: list[Candidate] = []
    for c in found:
        if c.code[:2] == "15" and (c.target is None or not c.target.known) and c.source is not None and \
                c.source.country:
            rival = next((x.source for x in found if x is not c and x.code[:2] in COERCIVE_ROOTS | {"13", "15"}
                          and x.source is not None and x.source.country and x.source.country != c.source.country),
                         None)
            if rival is None:
                rival = next((d for key in ("19", "18", "20", "15") for d in [actors.last_doer.get(key)]
                              if d is not None and d.country and d.country != c.source.country), None)
            if rival is not None:
                out.append(replace(c, target=rival))
                continue
        out.append(c)
    return out


def _threat_targets(found: list[Candidate]) -> list[Candidate]:
    """'threatened to impose tariffs on products from Mexico and Canada': the threat falls on whom the act would."""
    out: list[Candidate] = []
    for c in found:
        if c.code[:2] == "13" and (c.target is None or not c.target.known):
            aimed = [x.target for x in found if x is not c and x.modality == "hypothetical" and x.target is not None
                     and x.target.known and c.trigger in x.trigger.ancestors]
            if aimed:
                out.extend(replace(c, target=t) for t in aimed)
                continue
        out.append(c)
    return out


def intent_code(code: str) -> str:
    """The 03x code for promising an act: "agreed to a ceasefire" (0871) -> 0356."""
    for key in (code, code[:3]):
        if key in INTENT_BY_CODE:
            return INTENT_BY_CODE[key]
    return INTENT_BY_ROOT.get(code[:2], "030")


def _commissive(trigger: Token) -> Token | None:
    """The commissive verb an act is promised by: "agreed to resume talks", "agreed to a ceasefire"."""
    token = trigger
    for _ in range(3):
        head = token.head
        if head is token:
            return None
        if token.dep_ == "xcomp" and lemma(head) in COMMISSIVE:
            return head
        if token.dep_ == "pobj" and head.lower_ == "to" and lemma(head.head) in COMMISSIVE:
            return head.head
        if token.dep_ not in ("conj", "xcomp", "dobj"):
            return None
        token = head
    return None


def target_prepositions(code: str) -> tuple[str, ...]:
    """Prepositions that introduce an event's target: "talks on trade", "talks at Sentosa" name no party."""
    if code[:2] in TOPIC_ROOTS:
        return tuple(p for p in TARGET_PREPOSITIONS if p not in ("on", "upon", "at", "into", "over"))
    return TARGET_PREPOSITIONS


def noun_code(noun: Token, code: str) -> str:
    """The code of an event noun, refined by a modifier that decides its sense ("general strike": 143)."""
    senses = NOUN_SENSES.get(lemma(noun))
    if senses:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in senses:
                return senses[child.lower_]
    return code


def _acts_on_itself(code: str, source: Actor, target: Actor) -> bool:
    """No event between two: an actor on itself ("raised its alert level"), or a state on its own country where
    only a foreign side makes sense ("a visit by Blinken to the Pacific nation", "expelled two diplomats")."""
    if source.known and source.code == target.code:
        return True
    if not source.country:
        return False
    if code[:2] in TOPIC_ROOTS | {"07", "16"} and target.code == source.country:
        return True
    return (code[:2] in ("15", "16") or code[:3] in ("042", "043")) and target.country == source.country


def _government_of(actor: Actor) -> Actor:
    country = actor.country or ""
    return Actor(code=country + "GOV", country=country, sector="GOV", text=None)


def _police_of(country: str) -> Actor:
    return Actor(code=country + "COP", country=country, sector="COP", text=None)


def _modifier_country(place: Token, actors: ActorResolver) -> Actor | None:
    """'Pakistani Kashmir', "Honiara's Chinatown": a country or city modifying a place name decides its country."""
    if place.pos_ != "PROPN":
        return None
    for child in place.children:
        if child.dep_ in ("nmod", "amod", "poss", "compound") and child.i < place.i:
            actor = actors.resolve(child)
            if actor is not None and actor.country and actor.code == actor.country:
                return actor.model_copy(update={"text": place.text})
    return None


def _people_of(actor: Actor) -> Actor:
    country = actor.country or ""
    return Actor(code=country + "CVL", country=country, sector="CVL", text=None)


# Words of sport: a sentence with two of them reports a match, whose "attacks" and "clashes" are no conflict.
SPORT_WORDS = frozenset({"match", "final", "semifinal", "semi-final", "quarterfinal", "quarter-final", "cup", "league",
                         "tournament", "championship", "olympics", "olympic", "medal", "goal", "wicket", "run",
                         "innings", "century", "bowler", "batsman", "batter", "striker", "midfielder", "defender",
                         "goalkeeper", "coach", "fixture", "kickoff", "penalty", "hat-trick", "inning", "stadium",
                         "scoreline", "derby", "qualifier", "playoff", "podium", "race", "lap", "rugby", "cricket",
                         "football", "soccer", "tennis", "basketball", "athletics", "marathon", "squad", "fans"})


def _sporting(sent: Span) -> bool:
    return len({lemma(t) for t in sent if lemma(t) in SPORT_WORDS}) >= 2


def _hazard_subject(verb: Token, actors: ActorResolver) -> bool:
    if lemma(verb) in HAZARD_VERBS:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        actor = actors.resolve(subject) if subject is not None else None
        if actor is None or actor.sector not in COMBATANTS | {"CRM", "CVL"}:  # "the dam burst", "an Air India
            return True  # plane crashed"; not "gunmen burst into towns"
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and lemma(child) in HAZARDS:
            return True
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb and not _has_subject(verb):
        return _hazard_subject(verb.head, actors)  # "... struck Morocco, killing 800 people"
    return False


def _without_consequences(found: list[Candidate]) -> list[Candidate]:
    """Drop "killing three civilians" after "shelled Kharkiv" and "that killed nine" after "a bombing"."""
    violent = {c.trigger.i for c in found if c.code[:2] in ("18", "19", "20") or c.code[:3] in ("145", "175")}
    # "launched air strikes on Iran, killing a commander": the light verb stands for its violent object
    violent |= {_light_verb(c.trigger).i for c in found if c.trigger.i in violent}
    kept = []
    for c in found:
        t = c.trigger
        if lemma(t) in CONSEQUENCES and t.dep_ in ("advcl", "relcl", "acl", "conj", "xcomp") and t.head.i in violent \
                and c.code[:2] != "20":  # a mass killing is coded in its own right ("..., killing 147 people")
            continue
        if c.nominal and t.dep_ == "pobj" and t.head.lower_ in ("in", "during") and t.head.head.i in violent and \
                c.code[:2] in COERCIVE_ROOTS:
            continue  # "killed 1,200 people ... in their surprise assault on Israel": the frame of the same attack
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.i in violent and c.code[:2] in ("18", "19") and \
                not _has_subject(t):
            continue  # "killed hundreds of civilians, shooting people in the streets": how, not another act
        if lemma(t) in AIMING and t.dep_ in ("advcl", "acl") and t.tag_ == "VBG":
            continue  # the reach of sanctions ("..., targeting its gas sector") or the aim of an attack ("detonated a
            # bomb targeting an army convoy"): coded with that act, whose target it gives
        kept.append(c)
    return kept


AERIAL = ("warplane", "jet", "aircraft", "drone", "helicopter", "air force", "bomber", "airstrike", "air strike")
AERIAL_MEANS = frozenset({"drone", "missile", "rocket", "warplane", "jet", "aircraft", "helicopter", "bomber",
                          "airstrike"})
KILLING = frozenset({"kill", "slaughter", "massacre", "murder", "execute"})
# What "with" names as a means, never a party: "battled each other with tanks and artillery".
WEAPONS = AERIAL_MEANS | frozenset({"tank", "artillery", "gun", "rifle", "knife", "machete", "grenade", "mortar",
                                    "bomb", "explosive", "weapon", "bullet", "cannon", "axe"})
MASS_WORDS = frozenset({"hundreds", "thousands", "millions", "scores"})


COMBATANTS = frozenset({"MIL", "REB", "COP", "SPY", "UAF"})  # killing fighters is war (19x), not mass violence


def _by_means(trigger: Token, code: str, source: Actor, target: Actor) -> str:
    """Refine a code by how it was done: by aircraft (195), or a killing of a hundred people or more (202)."""
    if code in ("183", "190", "180") and source.text and any(w in source.text.lower() for w in AERIAL) and \
            "suicide" not in source.text.lower():
        return "195"  # "Thai F-16 jets bombed Cambodian targets", "killed in a U.S. drone strike"
    if code in ("183", "190", "180", "194") and any(lemma(o) in AERIAL_MEANS for p in trigger.children
                                                    if p.dep_ == "prep" and p.lower_ == "with" for o in p.subtree):
        return "195"  # "attacked Kyiv with drones and missiles"
    if code[:2] == "18" and lemma(trigger) in KILLING and target.sector not in COMBATANTS:
        for obj in (c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")):
            for word in obj.subtree:
                if word.lower_ in MASS_WORDS or (word.like_num and _number(word.text) >= 100):
                    return "202"  # "killed more than 800 people"
    return code


def _violence_code(trigger: Token, code: str, source: Actor, target: Actor) -> str:
    """The code refined by means, scale and who acts on whom (195, 202, 175, 180)."""
    refined = _by_means(trigger, code, source, target)
    if refined[:2] == "20" and not (_massacre_by_state(source, target) and _protest_context(trigger)):
        return refined  # a mass killing stands, unless it is a state's killing of its protesters (175)
    return _repression(code if refined[:2] == "20" else refined, source, target)


def _massacre_by_state(source: Actor, target: Actor) -> bool:
    return source.sector in REPRESSORS and target.sector in CROWDS and source.country == target.country


def _protest_context(trigger: Token) -> bool:
    """A sentence about protests: killings by security forces there are repression (175), however many."""
    return any(lemma(t) in ("protest", "protester", "demonstration", "demonstrator", "crackdown", "rally", "march")
               for t in trigger.sent)


def _number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 0.0


def _repression(code: str, source: Actor, target: Actor) -> str:
    """'Police opened fire on protesters': a state's forces using force on its own people is 175."""
    if code == "145" and source.sector in ("REB", "UAF", "MIL", "CRM"):
        return "190"  # "Al-Shabab gunmen stormed Garissa University College": an armed assault, not a riot
    if code in ("190", "193", "194") and source.sector in ("REB", "CRM", "UAF") and \
            target.sector in ("CVL", "REF", "REL", "MED", "HLH"):
        return "180"  # "militants opened fire on tourists": unconventional violence against civilians (18)
    if (code[:2] == "19" or code in ("180", "1823")) and source.sector in REPRESSORS and target.sector in CROWDS \
            and source.country and source.country == target.country:
        return "175"  # also "security forces shot dead 17 protesters"
    return code


def _refused(verb: Token) -> bool:
    """'would not meet', "will never accept": the subject's own stated refusal of a future act."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children) \
        and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in verb.children)


def _announced(verb: Token) -> bool:
    """A future or conditional act in a speaker's own clause: "said Israel would strike", "warned it will hit"."""
    own_modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children)
    return own_modal and verb.dep_ in ("ccomp", "conj")


def _absolute(obj: Token) -> bool:
    """'with Merkel mediating', "with Oman acting as mediator": a "with" phrase that is a clause of its own."""
    if any(g.dep_ in ("acl", "relcl") and g.tag_ == "VBG" for g in obj.children):
        return True
    return obj.lower_.endswith("ing") and any(g.dep_ == "compound" and g.pos_ == "PROPN" for g in obj.children)


def _object_relative(verb: Token) -> bool:
    """'the staff they detained', 'the town that the army shelled': the noun is the verb's object."""
    if verb.dep_ != "relcl" or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lower_ not in ("who", "that", "which", "whom")


def _own_clause(token: Token) -> bool:
    """A verb heading a clause of its own: with its own subject, or a relative clause."""
    return token.pos_ in ("VERB", "AUX") and (token.dep_ == "relcl" or _has_subject(token))


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def prep_object(token: Token, preposition: str) -> Token | None:
    """The object of the token's first ``preposition`` ("of" in "a series of raids"), or None."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _across_border(token: Token) -> Token:
    """'its border with Belarus', 'its ties with Malaysia' -> the other party; any other phrase -> itself."""
    if lemma(token) in BORDERS:
        return prep_object(token, "with") or token
    return token


# Roots where a state body acts on its own people or people act against their own state: "police detained
# protesters" (17), "protesters rallied against the government" (14). A side with a sector and no country
# takes the other side's country.
DOMESTIC_ROOTS = frozenset({"14", "17"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def _lend_country(code: str, source: Actor, target: Actor) -> tuple[Actor, Actor]:
    if code[:2] not in DOMESTIC_ROOTS:
        return source, target
    for bare, other in ((target, source), (source, target)):
        if bare.known and not bare.country and bare.code == bare.sector and other.country and bare.sector != "UAF":
            if bare.sector in STATE_SECTORS and other.sector in STATE_SECTORS:
                continue
            lent = bare.model_copy(update={"code": other.country + bare.code, "country": other.country})
            return (source, lent) if bare is target else (lent, target)
    return source, target


def _dependent_words(verb: Token) -> set[str]:
    """Lower-cased words and lemmas of a verb's dependents and of its object's prepositions."""
    words: set[str] = set()
    for child in verb.children:
        if child.dep_ not in PATTERN_DEPS:
            continue
        words.update((child.lower_, lemma(child)))
        if child.dep_ == "prep":  # "go on strike", "come under fire"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    words.update((obj.lower_, lemma(obj)))
        if child.dep_ == "dobj":  # "massed tens of thousands of troops", "reimposed a first batch of sanctions"
            counted = _counted(_through_quantity(child))
            words.update((counted.lower_, lemma(counted)))
        if child.dep_ == "dobj":  # "sent a rescue team and relief supplies"
            for other in child.conjuncts:
                words.update((other.lower_, lemma(other)))
        if child.dep_ in ("dobj", "prt", "advmod", "attr"):
            for grandchild in child.children:
                if grandchild.dep_ in ("prep", "prt", "compound", "amod"):
                    words.update((grandchild.lower_, lemma(grandchild)))
    return words


NUMBERS = frozenset({"tens", "hundreds", "thousands", "millions", "dozens", "scores", "dozen", "hundred", "thousand",
                     "million", "number", "lot", "lots"})


def _counted(noun: Token) -> Token:
    """'tens of thousands of troops' -> troops."""
    for _ in range(3):
        if noun.lower_ not in NUMBERS:
            break
        noun = prep_object(noun, "of") or noun
        if noun.lower_ not in NUMBERS:
            break
    return noun


def _light_verb(noun: Token) -> Token:
    """The verb an event noun is the object of ("launched waves of air strikes"), else the noun itself."""
    token = noun
    if token.dep_ == "pobj" and token.head.lower_ == "of" and lemma(token.head.head) in QUANTITY:
        token = token.head.head
    return token.head if token.dep_ in ("dobj", "attr") else noun


def _through_quantity(noun: Token) -> Token:
    if lemma(noun) in QUANTITY:
        found = prep_object(noun, "of")
        if found is None:  # "two days of what Beijing called punishment drills"
            named = (_named_by(g) for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pcomp")
            found = next((n for n in named if n is not None), None)
        return found or noun
    return noun


NAMING = frozenset({"call", "describe", "term", "label", "dub", "brand"})


def _named_by(verb: Token) -> Token | None:
    """'what Beijing called "punishment" drills' -> drills: a free relative naming the act it stands for."""
    if lemma(verb) not in NAMING or not any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return None
    named = [c for c in verb.children if c.dep_ in ("oprd", "attr") and c.pos_ in ("NOUN", "PROPN")]
    return named[-1] if named else None


def _takes_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "nsubjpass", "auxpass") for c in verb.children)


def _purpose_of_motion(verb: Token) -> bool:
    return verb.dep_ in ("advcl", "xcomp") and lemma(verb.head) in MOTION


def _who(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.code if actor.known else f"?{actor.text}"


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    """One event per code, dyad and modality in a sentence: "was arrested and charged" is one 173."""
    seen: set[tuple[str, str, str, str]] = set()
    unique = []
    for c in candidates:
        key = (c.code, _who(c.source), _who(c.target), c.modality)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
