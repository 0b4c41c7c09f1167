"""Event extraction on the dependency parse: triggers, their source and target, modality and claimant."""

from __future__ import annotations

from dataclasses import dataclass

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
                         "offer", "pledge", "promise", "hand", "grant", "seek", "request", "demand"})
# "a series of operations": the event noun is the object of "of".
QUANTITY = frozenset({"series", "wave", "spate", "number", "string", "round", "barrage", "volley", "flurry",
                      "campaign", "couple", "dozen", "set", "kind", "type"})
# Nouns whose possessor undergoes the event: "Musleh's arrest", "Soleimani's assassination".
PATIENT_POSSESSOR = frozenset({"arrest", "detention", "assassination", "killing", "murder", "release",
                               "execution", "abduction", "kidnapping", "capture", "expulsion", "death",
                               "elimination", "imprisonment", "deportation", "extradition", "torture",
                               "jailing", "internment", "liberation", "rescue", "trial", "prosecution",
                               "conviction", "sentencing", "indictment", "interrogation", "beheading"})
AGENTIVE_MODIFIERS = frozenset({"lead", "back", "sponsor", "base", "support"})  # "US-led invasion"
TARGET_PREPOSITIONS = ("against", "on", "upon", "at", "with", "toward", "towards", "into", "to", "over")
MOTION = frozenset({"enter", "march", "gather", "go", "come", "storm", "converge", "take", "rally", "head",
                    "pour", "flock", "return", "descend", "stream", "mass"})


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
                code = self.lexicon.nouns.get(token.lemma_.lower())
                if code is not None:
                    found.extend(self._nominal(token, code, actors))
        return _unique(found)

    # -- verbs -----------------------------------------------------------------------------------

    def _verbal(self, verb: Token, actors: ActorResolver, used_nouns: set[int]) -> list[Candidate]:
        lemma = verb.lemma_.lower()
        pattern = self._match(verb, lemma)
        noun = self._event_object(verb) if lemma in LIGHT_VERBS else None
        if noun is not None and (pattern is None or not pattern.extras):
            used_nouns.add(noun.i)
            code = self.lexicon.nouns[noun.lemma_.lower()]
            targets = self._noun_targets(noun, actors) or self._prep_targets(verb, TARGET_PREPOSITIONS, actors)
            return self._events(noun, code, self._sources(verb, actors), targets, actors, nominal=False,
                                clause=verb)
        if pattern is None:
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            sources = self._agents(verb, actors)
            targets = self._children(verb, ("nsubjpass",), actors)
            if not targets and verb.dep_ == "acl":
                targets = self._expand(verb.head, actors)  # "militants backed by Iran"
        else:
            sources = self._sources(verb, actors)
            targets = self._targets(verb, pattern, actors)
        return self._events(verb, pattern.code, sources, targets, actors, nominal=False, clause=verb)

    def _match(self, verb: Token, lemma: str) -> VerbPattern | None:
        patterns = self.lexicon.verbs.get(lemma)
        if not patterns:
            return None
        words = _dependent_words(verb)
        for pattern in patterns:
            if all(extra in words for extra in pattern.extras):
                return pattern
        return None

    def _event_object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                noun = _through_quantity(child)
                if noun.lemma_.lower() in self.lexicon.nouns:
                    return noun
        return None

    def _targets(self, verb: Token, pattern: VerbPattern, actors: ActorResolver) -> list[Actor]:
        preposition = pattern.target_preposition
        if preposition is not None:
            found = self._prep_targets(verb, (preposition,), actors, deep=True)
            if found:
                return found
        for where in pattern.targets:
            if where == "obj":
                found = self._children(verb, ("dobj", "dative"), actors)
                if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
                    found = self._expand(verb.head, actors)
            else:
                found = self._prep_targets(verb, (where,), actors, deep=True)
            if found:
                return found
        return []

    # -- nouns -----------------------------------------------------------------------------------

    def _nominal(self, noun: Token, code: str, actors: ActorResolver) -> list[Candidate]:
        patient_possessor = noun.lemma_.lower() in PATIENT_POSSESSOR
        sources: list[Actor] = []
        targets: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "poss":
                (targets if patient_possessor else sources).extend(self._expand(child, actors))
            elif child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                sources.extend(self._modifier_agents(child, actors))
            elif child.dep_ == "prep":
                word = child.lower_
                objects = [self._expand(g, actors) for g in child.children if g.dep_ == "pobj"]
                flat = [actor for group in objects for actor in group]
                if word == "by":
                    sources.extend(flat)
                elif word == "of":
                    (targets if patient_possessor or not sources else targets).extend(flat)
                elif word in TARGET_PREPOSITIONS:
                    targets.extend(flat)
                elif word in ("in", "across", "throughout") and code.startswith("14"):
                    sources.extend(a for a in flat if a.country)  # "protests in Iraq"
        if not sources and not targets:
            return []
        return self._events(noun, code, sources, targets, actors, nominal=True, clause=noun)

    def _modifier_agents(self, token: Token, actors: ActorResolver) -> list[Actor]:
        """'US-led', 'Iranian', 'Israeli' before an event noun name its source."""
        if token.lemma_.lower() in AGENTIVE_MODIFIERS:
            return [a for c in token.children for a in self._expand(c, actors)]
        found = actors.resolve(token)
        return [found] if found is not None and found.known else []

    def _noun_targets(self, noun: Token, actors: ActorResolver) -> list[Actor]:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS + ("of",):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._expand(obj, actors)
                        if found:
                            return found
        return []

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
                return self._expand(passive_subject[0], actors)
            head = token.head
            if head is token:
                return []
            if token.dep_ == "xcomp":
                controllers = self._children(head, ("dobj",), actors)
                if controllers and head.lemma_.lower() not in ("use", "take", "send"):
                    return controllers  # "urged Iran to withdraw": Iran withdraws
            if token.dep_ == "acl" and token.tag_ == "VBG":
                return self._expand(head, actors)  # "protesters chanting slogans"
            if token.dep_ == "relcl":
                return []
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
        for child in verb.children:
            if child.dep_ in deps:
                found = self._expand(child, actors)
                if found or not keep_unknown:
                    return found
                return [Actor(text=child.text)]
        return []

    def _prep_targets(self, verb: Token, words: tuple[str, ...], actors: ActorResolver,
                      deep: bool = False) -> list[Actor]:
        heads = [verb] + ([c for c in verb.children if c.dep_ in ("dobj", "prt", "advmod")] if deep else [])
        for head in heads:
            for child in head.children:
                if child.dep_ in ("prep", "dative") and child.lower_ in words:
                    for obj in child.children:
                        if obj.dep_ in ("pobj", "pcomp"):
                            found = self._expand(obj, actors)
                            if found:
                                return found
        return []

    @staticmethod
    def _expand(head: Token, actors: ActorResolver) -> list[Actor]:
        """The actors of a phrase and of its conjuncts ('Iran and Russia')."""
        heads = [head] + [c for c in head.conjuncts if c.i > head.i]
        found = [actors.resolve(h) for h in heads]
        return [a for a in found if a is not None and a.known]

    # -- assembly --------------------------------------------------------------------------------

    def _events(self, trigger: Token, code: str, sources: list[Actor], targets: list[Actor],
                actors: ActorResolver, nominal: bool, clause: Token) -> list[Candidate]:
        sources = [s for s in sources if s.known] or [Actor()]
        targets = [t for t in targets if t.known] or [Actor()]
        mood = modality(clause)
        if mood == "hypothetical" and code.startswith("14") and _purpose_of_motion(clause):
            mood = "asserted"  # "entered the Green Zone to protest his detention": they did protest
        speaker = claimant(clause)
        claimed_by = actors.resolve(speaker) if speaker is not None else None
        events = []
        for source in sources:
            for target in targets:
                if not source.known and not target.known:
                    continue
                if source.known and source.code == target.code and source.text == target.text:
                    continue
                events.append(Candidate(trigger, code, source, target, mood, claimed_by, nominal))
        return events


def _dependent_words(verb: Token) -> set[str]:
    """Lower-cased words and lemmas of a verb's dependents and of its object's prepositions."""
    words: set[str] = set()
    for child in verb.children:
        words.update((child.lower_, child.lemma_.lower()))
        if child.dep_ in ("dobj", "prt", "advmod", "attr"):
            for grandchild in child.children:
                if grandchild.dep_ in ("prep", "prt", "compound", "amod"):
                    words.update((grandchild.lower_, grandchild.lemma_.lower()))
    return words


def _through_quantity(noun: Token) -> Token:
    if noun.lemma_.lower() in QUANTITY:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return noun


def _purpose_of_motion(verb: Token) -> bool:
    return verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_.lower() in MOTION


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[int, str, str, str]] = set()
    unique = []
    for c in candidates:
        key = (c.trigger.i, c.code, c.source.code if c.source else "", c.target.code if c.target else "")
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
