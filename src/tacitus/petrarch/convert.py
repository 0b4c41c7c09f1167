"""PETRARCH records -> Tacitus's own structures (actor entries with dated roles, agents, verb patterns).

Used when PETRARCH dictionaries are layered over (or replace) the built-in ones in the normal coder.
Verb patterns keep what the Tacitus lexicon can express: the verb (or multi-word verb) and the words after
``*``; patterns with words before the verb, with synsets only, or with non-CAMEO codes are left to the
PETRARCH pattern coder (:mod:`tacitus.petrarch.patterns`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..actors.dictionary import ActorDictionary, Entry, Role
from ..events.lexicon import Lexicon, VerbPattern
from .readers import ActorRecord, Dictionaries

NON_STATE = ("IGO", "NGO", "IMG", "MNC")
# CAMEO sector and religion codes: an actor coded with one of these first has no country ('CARGO SHIP' [BUS]).
SECTOR_FIRST = frozenset(
    "GOV MIL COP JUD LEG OPP REB INS SEP CVL MED REL BUS EDU LAB REF HLH ELI SPY CRM UAF AGR ENV PTY MOD RAD "
    "HRI DEV IND UNK CHR MUS JEW HIN BUD JAN SHI SUN CTH ORT PRO ATH".split()
)
_CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")


def name_text(words: tuple[str, ...]) -> str:
    """('UNITED', 'NATIONS') -> 'united nations'; short acronyms stay upper case (matched case-sensitively)."""
    text = " ".join(words)
    if len(text.replace(".", "")) <= 3 and text.replace(".", "").isalpha():
        return text
    return text.lower()


def _split(code: str) -> tuple[str | None, str | None]:
    """'IRQGOV' -> ('IRQ', 'GOV'); 'IGOUNO' -> (None, None); 'IRQ' -> ('IRQ', None)."""
    if len(code) < 3 or code.startswith(NON_STATE) or not code[:3].isalpha():
        return None, None
    return code[:3], (code[3:6] or None)


def actor_entries(record: ActorRecord) -> Entry:
    codes = list(record.codes)
    display = name_text(record.names[0])
    if len(codes) == 1 and codes[0].undated:
        code = codes[0].code.split("/")[0]
        if code[:3] in SECTOR_FIRST:
            return Entry("agent", display, code[:3], None, code[:3], origin="petrarch")
        country, sector = _split(code)
        if len(code) == 3 and country:
            return Entry("country", display, code, country, origin="petrarch")
        return Entry("org", display, code, country, sector, origin="petrarch")
    roles = []
    for dated in codes:
        code = dated.code.split("/")[0]
        country, sector = _split(code)
        roles.append(Role(code, country, sector, dated.start, dated.end))
    return Entry("person", display, roles=tuple(roles), origin="petrarch")


def actor_dictionary(dictionaries: Dictionaries) -> ActorDictionary:
    """Actors and agents as an ActorDictionary (agents with a ``~`` prefix code become sector words)."""
    result = ActorDictionary()
    for record in dictionaries.actors:
        entry = actor_entries(record)
        for name in record.names:
            result.add(name_text(name), entry)
    for agent in dictionaries.agents:
        if not agent.suffix:
            continue
        sector = agent.bare[:3]
        for name in agent.names:
            result.add(name_text(name), Entry("agent", name_text(name), sector, None, sector, origin="petrarch"))
    result.sources.update(dictionaries.sources)
    return result


_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013\u2014'\"\u2018\u2019\u201c\u201d`]+")


def name_key(name: str) -> tuple[str, ...]:
    """A name's words as the matcher compares them: lower case, no leading 'the', hyphens and quotes ignored."""
    words = [w for w in _SEPARATORS.split(name.lower()) if w]
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    return tuple(words)


def _inner_keys(key: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every run of whole words inside ``key`` but shorter than it."""
    for size in range(len(key) - 1, 0, -1):
        for start in range(len(key) - size + 1):
            yield key[start : start + size]


def _territory_of(entry: Entry, countries: set[str | None]) -> bool:
    """Whether an entry only names a territory of ``countries``: their code ('TUR') or a region of theirs
    ('PSEGZA', 'USRUKR' (the Soviet Union's Ukraine), dated or not)."""
    if entry.kind == "agent":
        return False
    codes = [entry.code] if entry.kind in ("country", "org") else [role.code for role in entry.roles]
    return bool(codes) and all(
        (len(c) == 3 or (len(c) == 6 and not c.startswith(NON_STATE) and c[3:] not in SECTOR_FIRST))
        and (c[:3] in countries or c[3:] in countries) for c in codes)


# Sectors whose Phoenix agent words are left out over the built-in dictionaries: their lists are mostly things
# and places ('passenger jet', 'cargo ship', 'settlement', 'neighbourhood') and collectives ('community',
# 'population') that Tacitus's home-country rule would turn into a country's civilians or businesses.
LAYER_SKIP_SECTORS = frozenset({"CVL", "BUS"})
_DATE_NAME = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}|\d{1,2} "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)$",
    re.IGNORECASE,
)


def _forms(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A name and its last word's singular or plural: 'fighter jet' and 'fighter jets' are one word to a reader."""
    last = key[-1]
    forms = {key, key[:-1] + (last + "s",)}
    if last.endswith("s") and len(last) > 3:
        forms.add(key[:-1] + (last[:-1],))
    return forms


def reserved_words() -> frozenset[str]:
    """Words the built-in dictionaries leave out on purpose or read otherwise: the quoted words of the agent
    list's notes ('state', 'spokesman', 'general', 'terrorists', 'press', 'union') and the resolver's nouns
    for a state ("the neighbouring kingdom" is the country named before it)."""
    from ..actors.resolver import COUNTRY_NOUNS
    from ..tsv import builtin_path, read_tsv

    words = set(COUNTRY_NOUNS)
    for _, row in read_tsv(builtin_path("agents.tsv"), ("sector", "words")):
        words.update(w.lower() for w in re.findall(r"'([^']+)'", row.get("note", "")))
    return frozenset(words)


def layer_actors(base: ActorDictionary, extra: ActorDictionary, reserved: frozenset[str] = frozenset()) -> None:
    """Fill ``base`` with the names only ``extra`` knows, never changing what a base name finds.

    An ``extra`` name is left out when the base already has it as the matcher compares names (case, a
    leading 'the', hyphens, the last word's singular or plural), or when it contains a base name (its longer
    match would hide the base's reading of those words: "Russian President Vladimir Putin", with roles that
    end in 2016). Over a non-empty base, also left out are: entries that only name a territory of a country
    the base knows ("ISTANBUL" [TUR], "NILE" [EGY], "GAZA" [PSEGZA]: the base has that country's names,
    demonyms and capital, and as in the base other places locate events, they are no actors); names that
    read as a date ("May 15", a Greek group); agents of a sector the base does not use
    (Phoenix's religious and ethnic codes would turn "the Manipur state" into ``INDIND``) or in
    ``LAYER_SKIP_SECTORS``, or with a word of ``reserved`` (words the base leaves out on purpose).
    """
    keys = {name_key(name) for name in base.names}
    sectors = {e.sector for entries in base.names.values() for e in entries if e.kind == "agent"}
    countries = {e.country for entries in base.names.values() for e in entries if e.kind == "country"}
    for name, entries in extra.names.items():
        key = name_key(name)
        if not key or _forms(key) & keys or any(inner in keys for inner in _inner_keys(key)):
            continue
        if keys and _DATE_NAME.match(" ".join(key)):
            continue
        kept = [e for e in entries if not keys or not (_territory_of(e, countries) or (
            e.kind == "agent" and sectors and _agent_left_out(e, key, sectors, reserved)))]
        if kept:
            base.names[name] = kept
    base.sources.update(extra.sources)


def _agent_left_out(entry: Entry, key: tuple[str, ...], sectors: set[str | None], reserved: frozenset[str]) -> bool:
    if entry.sector not in sectors or entry.sector in LAYER_SKIP_SECTORS:
        return True
    return any(form in reserved for word in key for form in (word, word + "s", word.removesuffix("s")))


def lexicon(dictionaries: Dictionaries, skip_lemmas: frozenset[str] = frozenset(), defaults: bool = True) -> Lexicon:
    """Verb patterns as a Lexicon; lemmas in ``skip_lemmas`` (already curated) are left out.

    Speech verbs ('say', 'tell', ...) are attribution in Tacitus (``claimed_by``), not events, and a
    verb's bare 'make a statement' default (010) is dropped for the same reason; their specific
    patterns stay. With ``defaults=False`` (layered over the built-in lexicon) a verb brings only its
    specific patterns (verb + following words), not its block's bare default code, and not patterns whose
    words are all function words: Tacitus finds a pattern's words among the verb's dependents and its
    object's, so 'KEEP * IN' [173] would code "kept up a sit-in ... in Khartoum" as an arrest.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..events.modality import SPEECH

    skip_lemmas = skip_lemmas | SPEECH
    result = Lexicon()
    verbs = dictionaries.verbs
    for verb in verbs.verbs:
        lemma = verb.words[0].lower()
        if lemma in skip_lemmas:
            continue
        head_extras = tuple(w.lower() for w in verb.words[1:])
        patterns = result.verbs.setdefault(lemma, [])
        default, _ = verbs.blocks.get(verb.block, ("---", None))
        for pattern in verbs.patterns.get(verb.block, []):
            if pattern.pre or not _CAMEO.match(pattern.code):
                continue
            words = tuple(w.text.lower() for w in pattern.post if w.text not in "$+%^" and not w.text.startswith("&"))
            if not words or (not defaults and all(w in STOP_WORDS for w in words)):
                continue  # over the built-in lexicon, 'ALLOW * INTO' would fire on "authorised an inquiry into"
            for choice in itertools.product(*(w.split("/") for w in words)):  # '(TO/FOR PROTEST)': either word
                candidate = VerbPattern(lemma, head_extras + choice, pattern.code)
                if candidate not in patterns:
                    patterns.append(candidate)
        if defaults and _CAMEO.match(default) and default != "010":
            candidate = VerbPattern(lemma, head_extras, default)
            if candidate not in patterns:
                patterns.append(candidate)
    for patterns in result.verbs.values():
        patterns.sort(key=lambda p: -len(p.extras))
    return result


def layer_lexicon(base: Lexicon, extra: Lexicon) -> None:
    """Add ``extra``'s verb patterns to ``base`` (a lemma's patterns stay most specific first)."""
    for lemma, patterns in extra.verbs.items():
        current = base.verbs.get(lemma)
        if current is None:  # a lemma only PETRARCH knows: its patterns are already in order
            base.verbs[lemma] = list(patterns)
            continue
        known = set(current)
        current.extend(p for p in patterns if p not in known)
        current.sort(key=lambda p: -len(p.extras))
