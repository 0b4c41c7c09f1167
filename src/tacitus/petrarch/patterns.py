"""PETRARCH verb patterns and actor phrases matched on spaCy's dependency parse of raw text.

PETRARCH reads a verb phrase off a treebank tree; here the same pattern is read off the verb's dependency
subtree:

* ``*`` is the verb, found by surface form (``LEFT``, irregular forms, regular -S/-ED/-ING forms), as
  PETRARCH does ('departes' is no form of DEPART);
  a multi-word verb (``BREAK_DOWN``) also needs its particle among the verb's dependents or next tokens;
* pattern words match the token's text literally (the dictionaries list the forms they mean);
* words after ``*`` must occur, in order, among the tokens of the verb's phrase to its right (its subtree,
  without the subtrees of clauses that have their own subject); words joined with ``_`` must be adjacent;
* words before ``*`` must occur, in order, among the tokens before the verb in the sentence;
* ``&SYNSET`` matches any member phrase; ``$`` marks where the source is read, ``+`` the target, ``^`` skips
  a phrase, ``%`` makes a compound subject act on each of its own members;
* the longest matching pattern wins (ties: the first in the file); no match gives the block's default code.

Actors come from noun phrases: actor names and agent words found in the phrase (pre-modifiers, the head,
compound names) compose into one code (``ARN`` + ``[~GOV]`` -> ``ARNGOV``, ``[NGO~]`` + ``ARN`` ->
``NGOARN``); a phrase with an agent but no actor takes the actors of its ``of``/``in``/``from`` phrase
("lawmakers in Fornost and Gondor" -> ``FORLEG``, ``GONLEG``); conjuncts give one actor each and share the
first conjunct's modifiers ("Danish media and government" -> ``DNKMED``, ``DNKGOV``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .readers import ActorRecord, AgentRecord, Dictionaries, Discard, PatternWord, VerbPatternRecord

MARKERS = frozenset({"$", "+", "%", "^"})
SKIP_TEXT = frozenset({"-", "–", "—", '"', "'", "``", "''"})
# Children whose subtrees are not part of a noun phrase's own words.
NP_CUT = frozenset({"relcl", "acl", "conj", "cc", "appos", "punct", "prep", "advcl", "parataxis"})
ACTOR_PREPS = frozenset({"of", "in", "from"})
TEMPORAL = frozenset({"after", "before", "while", "since", "upon", "until", "despite", "during", "following"})
# Clauses under a verb that are not part of its phrase when they have their own subject.
CLAUSES = frozenset({"advcl", "relcl", "parataxis", "csubj", "conj"})
TARGET_DEPS = frozenset({"dobj", "pobj", "dative", "attr", "oprd", "nsubj", "nsubjpass", "npadvmod", "appos"})


@dataclass(frozen=True)
class Coded:
    """One PETRARCH-style event: source code, target code, event code."""

    source: str
    target: str
    code: str


@dataclass
class _Trie:
    root: dict = field(default_factory=dict)

    def add(self, words: tuple[str, ...], value: object) -> None:
        node = self.root
        for word in words:
            node = node.setdefault(word, {})
        node.setdefault(None, []).append(value)

    def longest(self, words: list[str], start: int) -> tuple[int, list] | None:
        node = self.root
        best = None
        for j in range(start, len(words)):
            node = node.get(words[j])
            if node is None:
                break
            if None in node:
                best = (j, node[None])
        return best


def _norm_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Name words as compared with tokens: hyphens split off and dropped."""
    out: list[str] = []
    for word in words:
        out.extend(part for part in word.replace("’", "'").split("-") if part)
    return tuple(out)


def _token_key(token: Token) -> list[str]:
    text = token.text.replace("’", "'").upper()
    return [part for part in re.split(r"[-_]", text) if part] or [text]


class Discarder:
    """PETRARCH discards: a '+' phrase drops the whole story, any other phrase its sentence."""

    def __init__(self, discards: list[Discard]) -> None:
        self.trie = _Trie()
        for discard in discards:
            self.trie.add(_norm_words(discard.words), discard)
        self.size = len(discards)

    def check(self, words: list[str]) -> str | None:
        """'story' or 'sentence' when a discard phrase occurs in the (upper-case) words, else None."""
        found = None
        for k in range(len(words)):
            hit = self.trie.longest(words, k)
            if hit is not None:
                if any(d.story for d in hit[1]):
                    return "story"
                found = "sentence"
        return found

    def check_tokens(self, tokens: Span | Doc) -> str | None:
        return self.check([w for t in tokens if t.text not in SKIP_TEXT and not t.is_space for w in _token_key(t)])


@dataclass
class Mention:
    start: int
    end: int  # exclusive, token indices in the doc
    actor: ActorRecord | None = None
    agent: AgentRecord | None = None


class PatternCoder:
    """Codes sentences with one set of PETRARCH dictionaries (see the module docstring)."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self.names = _Trie()
        for actor in dictionaries.actors:
            for name in actor.names:
                self.names.add(_norm_words(name), ("actor", actor))
        for agent in dictionaries.agents:
            for name in agent.names:
                self.names.add(_norm_words(name), ("agent", agent))
        self.discarder = Discarder(dictionaries.discards)
        self.forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # surface form -> (extra words, block)
        for verb in dictionaries.verbs.verbs:
            head, extra = verb.words[0], verb.words[1:]
            for form in (head, *_regular_forms(head)):
                self.forms.setdefault(form, []).append((extra, verb.block))
            for form in verb.forms:
                self.forms.setdefault(form[0], []).append((form[1:], verb.block))
        self.synsets = {name: [_norm_words(m) for m in members]
                        for name, members in dictionaries.verbs.synsets.items()}
        self.require_dyad = True
        self.new_actor_length = 0

    # -- discards ------------------------------------------------------------------------------------

    def discarded(self, words: list[str]) -> str | None:
        """'story' or 'sentence' when a discard phrase occurs in the words, else None."""
        return self.discarder.check(words)

    # -- mentions ------------------------------------------------------------------------------------

    def mentions(self, sent: Span) -> dict[int, Mention]:
        """Actor and agent names in a sentence (longest match, left to right), by token index."""
        positions: list[int] = []
        words: list[str] = []
        for token in sent:
            if token.text in SKIP_TEXT or token.is_space:
                continue
            for part in _token_key(token):
                positions.append(token.i)
                words.append(part)
        found: dict[int, Mention] = {}
        k = 0
        while k < len(words):
            hit = self.names.longest(words, k)
            if hit is None:
                k += 1
                continue
            last, values = hit
            actors = [v for kind, v in values if kind == "actor"]
            agents = [v for kind, v in values if kind == "agent"]
            mention = Mention(positions[k], positions[last] + 1, actors[0] if actors else None,
                              agents[0] if agents and not actors else None)
            for i in range(mention.start, mention.end):
                found[i] = mention
            k = last + 1
        return found

    # -- actors --------------------------------------------------------------------------------------

    def actors(self, head: Token, mentions: dict[int, Mention], day: dt.date | None) -> list[str]:
        """Codes of the noun phrase headed by ``head``, read as PETRARCH reads a flat NP.

        The phrase's words (its subtree without clauses and without prepositional phrases other than
        of/in/from) split at 'and', 'or', 'nor' and commas into members; each member is its first actor
        composed with its agents. Members that are only agents ('lawmakers and officials in X and Y') take
        the actors of the following of/in/from phrase, or the first member's actor ('Danish media and
        government').
        """
        if head.pos_ == "PRON":
            return self._antecedent(head, mentions, day)
        span = _np_span(head, mentions)
        pp = next((k for k, t in enumerate(span) if t.dep_ == "prep" and t.lower_ in ACTOR_PREPS
                   and t.i not in mentions), None)
        pre, post = (span, []) if pp is None else (span[:pp], span[pp + 1:])
        raw = [self._np_member(tokens, mentions, day) for tokens in _split_members(pre)]
        members = [m for m in raw if m[0] or m[1]]
        # 'the leaders of Gondor', 'sheep and goats of Gondor': a plain noun before 'of' takes its actors
        of_phrase = pp is not None and span[pp].lower_ == "of" and bool(raw) and not (raw[-1][0] or raw[-1][1])
        objects = [m for m in (self._np_member(t, mentions, day) for t in _split_members(post)) if m[0]]
        object_codes = [code for actors, agents in objects for code in
                        ([compose(actors[0], agents)] if len(actors) == 1 else [compose(a, agents) for a in actors])]
        codes: list[str] = []
        shared: tuple[list[str], list[AgentRecord]] | None = None
        for actors, agents in members:
            if actors:
                codes.extend(compose(a, agents) for a in actors)
                if shared is None:
                    shared = (actors, agents[:-1])
            elif object_codes:
                codes.extend(compose(code, agents) for code in object_codes)
            elif shared is not None:
                codes.extend(compose(a, shared[1] + agents) for a in shared[0])
            else:
                codes.append(compose("---", agents))
        if object_codes and (of_phrase or not members and not any(
                t.pos_ in ("NOUN", "PROPN") and t.i not in mentions for t in pre[-1:])):
            codes.extend(object_codes)
        if self.new_actor_length:
            codes.extend(self._new_actors(span, pre, raw, codes))
        return list(dict.fromkeys(codes))

    def _new_actors(self, span: list[Token], pre: list[Token], raw: list, codes: list[str]) -> list[str]:
        """PETRARCH's ``new_actor_length``: an unknown noun phrase of at most that many words is an actor
        named by its words in quotes ('"THE MINISTRY OF MAGIC"')."""
        groups = [span] if not codes else [m for m, r in zip(_split_members(pre), raw, strict=True)
                                           if not (r[0] or r[1])]
        found = []
        for tokens in groups:
            words = [t.text.upper() for t in tokens if not t.is_punct and t.dep_ != "case" and t.lower_ != "'s"]
            if words and len(words) <= self.new_actor_length and any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
                found.append('"' + " ".join(words) + '"')
        return found

    def _np_member(self, tokens: list[Token], mentions: dict[int, Mention],
                day: dt.date | None) -> tuple[list[str], list[AgentRecord]]:
        """(actor codes of the member's first actor, its agents in order)."""
        seen: list[Mention] = []
        for token in tokens:
            mention = mentions.get(token.i)
            if mention is not None and mention not in seen:
                seen.append(mention)
        actors = next((list(m.actor.codes_on(day)) for m in seen if m.actor is not None and m.actor.codes_on(day)),
                      [])
        agents = [m.agent for m in seen if m.agent is not None]
        return actors, agents

    def _antecedent(self, pronoun: Token, mentions: dict[int, Mention], day: dt.date | None) -> list[str]:
        """'Ethiopia indicated it would act': a subject pronoun is the governing clause's subject."""
        if pronoun.lower_ not in ("it", "he", "she", "they", "its", "his", "her", "their"):
            return []
        token = pronoun.head
        for _ in range(4):
            if token.head is token:
                return []
            token = token.head
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and child.pos_ != "PRON":
                    return self.actors(child, mentions, day)
        return []

    # -- verbs ---------------------------------------------------------------------------------------

    def blocks(self, verb: Token) -> list[tuple[str, int]]:
        """Verb blocks this token opens, with the index of its last word (multi-word verbs)."""
        found: list[tuple[str, int]] = []
        for extra, block in self.forms.get(verb.text.upper(), []):  # literal forms, as PETRARCH: no lemmas
            end = _multiword_end(verb, extra)
            if end is not None and (block, end) not in found:
                found.append((block, end))
        found.sort(key=lambda pair: -pair[1])  # multi-word verbs first
        return found

    def match(self, verb: Token, block: str, end: int, sent: Span) -> tuple[VerbPatternRecord | None, dict]:
        """The best pattern of a block for this verb, with where its markers point."""
        after = _phrase_tokens(verb, end)
        before = [t for t in sent if t.i < verb.i and t.text not in SKIP_TEXT]
        best: tuple[VerbPatternRecord | None, dict] = (None, {})
        best_size = -1
        for pattern in self.dictionaries.verbs.patterns.get(block, []):
            if pattern.size <= best_size:
                continue
            marks: dict = {}
            if self._seq(pattern.post, after, marks) and self._seq(pattern.pre, before, marks, backwards=True,
                                                                   adjacent=pattern.pre_adjacent):
                best, best_size = (pattern, marks), pattern.size
        return best

    def _seq(self, words: tuple[PatternWord, ...], tokens: list[Token], marks: dict, backwards: bool = False,
             adjacent: bool = False) -> bool:
        """Whether the pattern words occur in order among the tokens (nearest the verb first if backwards)."""
        if not words:
            return True
        keys = [t.text.upper() for t in tokens]
        lemmas = [t.lemma_.upper() for t in tokens]
        if backwards:
            return self._seq_back(words, tokens, keys, lemmas, marks, adjacent)
        k = 0
        prev_end = -1
        for word in words:
            if word.text == "^":
                k = _skip_phrase(tokens, k)
                continue
            if word.text in MARKERS:
                marks[word.text] = k
                continue
            hit = self._find(word, keys, lemmas, k, prev_end if word.joined else None)
            if hit is None:
                return False
            prev_end = hit
            k = hit + 1
        return True

    def _seq_back(self, words, tokens, keys, lemmas, marks, adjacent) -> bool:  # type: ignore[no-untyped-def]
        """Words before the verb, matched from the verb leftwards; '_' joins a word to the one before it.

        A marker before the verb ('+', '$', '%') makes the verb's subject play that part; when a word
        stands before the marker ('NOTED + *'), that word's clause supplies the other party."""
        limit = len(tokens)  # 'adjacent': the word matched last (to the right) must follow this one directly
        pending: list[str] = []
        for word in reversed(words):
            if word.text in MARKERS:
                if word.text != "^":
                    marks["pre" + word.text] = True
                    pending.append(word.text)
                continue
            found = None
            for j in range(limit - 1, -1, -1):
                end = self._at(word.text, keys, lemmas, j)
                if end is not None and end < limit and (not adjacent or end == limit - 1):
                    found = j
                    break
                if adjacent and j < limit - 4:
                    break
            if found is None:
                return False
            for marker in pending:
                marks.setdefault("anchor" + marker, tokens[found])
            pending = []
            limit, adjacent = found, word.joined
        if pending and limit < len(tokens):
            for marker in pending:  # '+ HOSTING *': the part is played by the phrase before that word
                marks.setdefault("left" + marker, tokens[limit])
        return True

    def _find(self, word: PatternWord, keys: list[str], lemmas: list[str], start: int,
              adjacent: int | None) -> int | None:
        if adjacent is not None:
            return self._at(word.text, keys, lemmas, adjacent + 1)
        for j in range(start, len(keys)):
            end = self._at(word.text, keys, lemmas, j)
            if end is not None:
                return end
        return None

    def _at(self, text: str, keys: list[str], lemmas: list[str], j: int) -> int | None:
        """End index when the word (or a synset member) matches at position j."""
        if j >= len(keys):
            return None
        if text.startswith("&"):
            for member in self.synsets.get(text[1:].rstrip("_"), []):
                end = self._member(member, keys, lemmas, j)
                if end is not None:
                    return end
            return None
        if keys[j] == text:
            return j
        return None

    def _member(self, member: tuple[str, ...], keys: list[str], lemmas: list[str], j: int) -> int | None:
        for n, word in enumerate(member):
            if word.startswith("&"):
                end = self._at(word, keys, lemmas, j + n)
                if end is None:
                    return None
                continue
            if j + n >= len(keys) or keys[j + n] != word:
                return None
        return j + len(member) - 1


def compose(actor: str, agents: list[AgentRecord]) -> str:
    """'ARN' + [~GOV] -> 'ARNGOV'; [NGO~] + 'ARN' -> 'NGOARN'; an agent already in the code adds nothing."""
    code = actor
    for agent in agents:
        bare = agent.bare
        if not bare or bare in code[3:] or (code == "---" and False):
            continue
        if agent.suffix:
            code = bare if code == "---" and not agent.code.startswith("~") else code + bare
        else:
            code = bare if code == "---" else bare + code
    return code


def _regular_forms(verb: str) -> list[str]:
    if verb.endswith("E"):
        return [verb + "S", verb + "D", verb[:-1] + "ING"]
    if verb.endswith("Y") and len(verb) > 2 and verb[-2] not in "AEIOU":
        return [verb[:-1] + "IES", verb[:-1] + "IED", verb + "ING"]
    forms = [verb + "S", verb + "ED", verb + "ING"]
    if len(verb) > 2 and verb[-1] not in "AEIOUWXY" and verb[-2] in "AEIOU" and verb[-3] not in "AEIOU":
        forms += [verb + verb[-1] + "ED", verb + verb[-1] + "ING"]
    if verb.endswith(("S", "SH", "CH", "X", "Z")):
        forms.append(verb + "ES")
    return forms


def _multiword_end(verb: Token, extra: tuple[str, ...]) -> int | None:
    """Index of the verb's last word: the verb itself, or its particle(s) as dependents or next words."""
    if not extra:
        return verb.i
    end = verb.i
    for word in extra:
        nxt = verb.doc[end + 1] if end + 1 < len(verb.doc) else None
        child = next((c for c in verb.children if c.text.upper() == word and c.i > verb.i), None)
        if nxt is not None and nxt.text.upper() == word:
            end = nxt.i
        elif child is not None:
            end = child.i
        else:
            return None
    return end


def _phrase_tokens(verb: Token, end: int) -> list[Token]:
    """Tokens of the verb's phrase after its last word, without clauses that have their own subject."""
    cut: set[int] = set()
    for child in verb.children:
        if child.dep_ in CLAUSES and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in child.children):
            cut.update(t.i for t in child.subtree)
    return [t for t in verb.subtree if t.i > end and t.i not in cut and t.text not in SKIP_TEXT]


def _own_tokens(head: Token, mentions: dict[int, Mention]) -> set[int]:
    """Token indices of a noun phrase's own words (no conjuncts, clauses or prepositional phrases)."""
    own = {head.i}
    stack = [c for c in head.children if c.dep_ not in NP_CUT]
    while stack:
        token = stack.pop()
        own.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "conj", "cc", "punct", "appos"))
    mention = mentions.get(head.i)
    if mention is not None:  # a name spanning a preposition ('Ministry of Silly Walks') is one word
        own.update(range(mention.start, mention.end))
    return own


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's 'by' phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _skip_phrase(tokens: list[Token], k: int) -> int:
    """Position after the next noun phrase (without its prepositional phrases): the pattern's '^'."""
    for n in range(k, len(tokens)):
        token = tokens[n]
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            head = token
            while head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i > head.i:
                head = head.head
            last = max([head.i] + [t.i for c in head.rights if c.dep_ not in ("prep", "relcl", "acl", "punct")
                                   for t in c.subtree])
            while n < len(tokens) and tokens[n].i <= last:
                n += 1
            return n
    return len(tokens)


MEMBER_BREAKS = frozenset({"and", "or", "nor", ",", ";", "&", "but"})
SPAN_CUT = frozenset({"relcl", "acl", "advcl", "parataxis", "punct"})


def _np_span(head: Token, mentions: dict[int, Mention]) -> list[Token]:
    """A noun phrase's words in order: its subtree without clauses and without other prepositions."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            if child.dep_ in SPAN_CUT and not (child.dep_ == "punct" and child.text in (",", ";")):
                continue
            if child.dep_ == "prep" and child.lower_ not in ACTOR_PREPS and child.i not in mentions:
                continue
            if child.dep_ == "prep" and child.i < head.i:
                continue
            stack.append(child)
    return sorted(keep, key=lambda t: t.i)


def _split_members(tokens: list[Token]) -> list[list[Token]]:
    members: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower_ in MEMBER_BREAKS and token.pos_ in ("CCONJ", "PUNCT") and not _joins_modifiers(token):
            if members[-1]:
                members.append([])
            continue
        members[-1].append(token)
    return [m for m in members if m]


def _joins_modifiers(token: Token) -> bool:
    """'awful and evil minister': a conjunction between adjectives joins modifiers, not phrase members."""
    conj = [c for c in token.head.children if c.dep_ == "conj"]
    return token.head.pos_ == "ADJ" and all(c.pos_ == "ADJ" for c in conj)


def _conjuncts(head: Token) -> list[Token]:
    """Later members of a coordination, including lists parsed as appositions ('Mordor, the Shire and Bree')."""
    out: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.i > head.i and child not in out and (
                child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ == "PROPN")
            ) and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "X"):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


class SentenceCoder(PatternCoder):
    """Codes whole sentences: every dictionary verb with its source and target phrases."""

    def code(self, sent: Span, day: dt.date | None) -> list[Coded]:
        words = [w for t in sent if t.text not in SKIP_TEXT for w in _token_key(t)]
        if self.discarded(words):
            return []
        mentions = self.mentions(sent)
        by_verb: dict[int, list[Coded]] = {}
        for verb in sent:
            if not (verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB")):
                continue
            found = self._verb_events(verb, sent, mentions, day)
            if found is not None:
                by_verb[verb.i] = found
        events: list[Coded] = []
        for i, found in by_verb.items():
            token = sent.doc[i]
            if token.dep_ == "xcomp" and by_verb.get(token.head.i):
                continue  # 'urged Bree to help': the governing verb's pattern codes it
            events.extend(found)
        return list(dict.fromkeys(events))

    def _verb_events(self, verb: Token, sent: Span, mentions: dict[int, Mention],
                     day: dt.date | None) -> list[Coded] | None:
        blocks = self.blocks(verb)
        if not blocks:
            return None
        block, end = blocks[0]
        pattern, marks = self.match(verb, block, end, sent)
        if pattern is not None:
            code, reverse = pattern.code, pattern.reverse
        else:
            code, reverse = self.dictionaries.verbs.blocks.get(block, ("---", None))
        if code == "---":
            return []
        sources = self._sources(verb, mentions, day)
        if isinstance(marks.get("$"), int):  # '* MONEY $': the source follows the pattern's words
            subject = self._subject(verb, mentions, day)
            left = marks.get("left+")
            if left is not None and left.dep_ not in ("aux", "auxpass"):
                subject = self._subject(left, mentions, day)  # '+ HOSTING * ... $': hosting's subject
            sources = self._np_after(_phrase_tokens(verb, end), marks["$"], mentions, day)
            if marks.get("pre+"):
                return self._pairs(sources, subject, code, reverse)
        anchor = marks.get("anchor+")
        if marks.get("pre+") and anchor is not None and not isinstance(marks.get("$"), int):
            # 'NOTED + *' : the subject of the verb is the target, the noting clause's subject the source
            return self._pairs(self._subject(anchor, mentions, day), self._subject(verb, mentions, day), code,
                               reverse)
        if marks.get("pre%") and len(sources) > 1:
            return [Coded(s, t, code) for s in sources for t in sources if s != t]
        targets = self._targets(verb, end, mentions, day, marks)
        if not targets and len(sources) > 1:  # 'Gondor and Osgiliath have delayed their meeting'
            return [Coded(a, b, code) for a in sources for b in sources if a != b]
        return self._pairs(sources, targets, code, reverse)

    def _pairs(self, sources: list[str], targets: list[str], code: str, reverse: str | None) -> list[Coded]:
        """One event per source and target (and the reverse event of codes like [032:033])."""
        if self.require_dyad and (not sources or not targets):
            return []
        events = []
        for source in sources or ["---"]:
            for target in targets or ["---"]:
                if source == target:
                    continue
                events.append(Coded(source, target, code))
                if reverse and reverse != "---":
                    events.append(Coded(target, source, reverse))
        return events

    def _sources(self, verb: Token, mentions: dict[int, Mention], day: dt.date | None) -> list[str]:
        """The 'by' agent of a passive, else the (grammatical) subject, following control and coordination up."""
        agent = _agent(verb)
        if agent is not None:
            return self.actors(agent, mentions, day)
        return self._subject(verb, mentions, day)

    def _subject(self, verb: Token, mentions: dict[int, Mention], day: dt.date | None) -> list[str]:
        token = verb
        for _ in range(5):
            # all subjects ('Lions, tigers, and Gondor' can parse as two), also those hung on an auxiliary
            carriers = [token] + [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            subjects = [c for t in carriers for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                found = [code for child in subjects for code in self.actors(child, mentions, day)]
                return list(dict.fromkeys(found))
            if token.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp", "prep") or token.head is token:
                return []
            if token.dep_ == "pcomp" and token.head.lower_ in TEMPORAL:
                return []  # 'after leaving Eriador': a background clause, not the subject's event
            token = token.head
        return []

    def _targets(self, verb: Token, end: int, mentions: dict[int, Mention], day: dt.date | None,
                 marks: dict) -> list[str]:
        """A passive with a 'by' agent targets its subject; otherwise (as in PETRARCH, also for a passive
        without agent) the first phrase with actors after the verb, or after the pattern's '+'."""
        if _agent(verb) is not None:
            for child in verb.children:
                if child.dep_ == "nsubjpass":
                    return self.actors(child, mentions, day)
        start = marks.get("+", 0) if isinstance(marks.get("+"), int) else 0
        return self._np_after(_phrase_tokens(verb, end), start, mentions, day, verb)

    def _np_after(self, after: list[Token], start: int, mentions: dict[int, Mention], day: dt.date | None,
                  verb: Token | None = None) -> list[str]:
        """The actors of the first noun phrase with any, from position ``start`` of the verb's phrase.

        Known actors come first: a new (quoted) actor is taken only when no phrase has a known one."""
        length, self.new_actor_length = self.new_actor_length, 0
        try:
            found = self._first_np(after, start, mentions, day, verb)
        finally:
            self.new_actor_length = length
        return found or (self._first_np(after, start, mentions, day, verb) if length else [])

    def _first_np(self, after: list[Token], start: int, mentions: dict[int, Mention], day: dt.date | None,
                  verb: Token | None) -> list[str]:
        for token in after[start:]:
            if token.dep_ in TARGET_DEPS and token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X"):
                if token.dep_ == "nsubj" and verb is not None and token.head.i != verb.i and token.head.dep_ != "ccomp":
                    continue
                found = self.actors(token, mentions, day)
                if found:
                    return found
        return []
