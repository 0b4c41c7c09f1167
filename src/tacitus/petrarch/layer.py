"""PETRARCH dictionaries over the built-in ones in the Coder: converted once per process, matched case-aware.

The conversions (actor names kept, verb patterns, the name matcher) are kept per process, keyed by the
files' content: another Coder with the same files, and the worker processes forked from a process that
has already coded with them, reuse them instead of converting 35,000 names and 4,600 patterns again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span

from ..actors.dictionary import ActorDictionary, Entry
from ..actors.matcher import Mention, MentionMatcher
from ..events.lexicon import Lexicon
from .convert import actor_dictionary, layer_actors, lexicon, reserved_words
from .readers import Dictionaries

_ACTORS: dict[tuple, dict[str, list[Entry]]] = {}
_LEXICONS: dict[tuple, Lexicon] = {}
_MATCHERS: dict[tuple, tuple[object, MentionMatcher]] = {}


def content_key(dictionaries: Dictionaries) -> tuple[tuple[str, str], ...]:
    """The files the dictionaries were read from, by name and content hash."""
    return tuple(sorted(dictionaries.sources.items()))


def layer_petrarch_actors(base: ActorDictionary, dictionaries: Dictionaries) -> None:
    """:func:`~tacitus.petrarch.convert.layer_actors` of the dictionaries' actors and agents into ``base``, with
    the built-in reserved words."""
    key = (content_key(dictionaries), tuple(sorted(base.sources.items())), len(base.names))
    additions = _ACTORS.get(key)
    if additions is None:
        before = set(base.names)
        layer_actors(base, actor_dictionary(dictionaries), reserved_words())
        _ACTORS.clear()
        _ACTORS[key] = {name: entries for name, entries in base.names.items() if name not in before}
        return
    base.names.update(additions)  # shared lists: new objects in a forked worker would start a full collection
    base.sources.update(dictionaries.sources)


def petrarch_lexicon(dictionaries: Dictionaries, skip_lemmas: frozenset[str], defaults: bool) -> Lexicon:
    """:func:`~tacitus.petrarch.convert.lexicon`, once per process for the same files and arguments (the
    result is shared: layering reads it, never changes it)."""
    key = (content_key(dictionaries), skip_lemmas, defaults)
    found = _LEXICONS.get(key)
    if found is None:
        found = lexicon(dictionaries, skip_lemmas, defaults)
        _LEXICONS.clear()
        _LEXICONS[key] = found
        gc.collect()  # see _MATCHERS below
    return found


def layered_matcher(dictionary: ActorDictionary, tokenize: Callable[[str], Iterable[str]],
                    tokenizer: object) -> LayeredMatcher:
    """A :class:`LayeredMatcher` over ``dictionary``, shared by Coders with the same names and tokenizer."""
    key = (tuple(sorted(dictionary.sources.items())), len(dictionary.names))
    found = _MATCHERS.get(key)
    if found is not None and found[0] is tokenizer:
        return found[1]  # type: ignore[return-value]
    matcher = LayeredMatcher(dictionary, tokenize)
    _MATCHERS.clear()
    _MATCHERS[key] = (tokenizer, matcher)
    # One full collection now makes the new objects old: without it, the first collection in each forked
    # worker walks (and copies) the whole inherited heap, a second or more per worker and per run.
    gc.collect()
    return matcher


class LayeredMatcher(MentionMatcher):
    """The name matcher over built-in + PETRARCH names, reading PETRARCH's entries as PETRARCH means them.

    PETRARCH matches upper-cased text, so its files cannot tell "Pole" from "pole" or "Lightning" (a South
    African group) from "lightning": a PETRARCH actor name (not an agent word) is only taken where the text
    writes it with a capital. A PETRARCH person right after a built-in title ("African Union Commission
    chairperson Moussa Faki Mahamat", whose Phoenix role is Chad's government, as of 2008) is left to that
    title: the text says who the person is now, the files' roles stop in the mid-2010s. And a PETRARCH agent
    word is only taken next to an actor of its phrase ("Thai F-16 jets", "Niger's military rulers",
    "rulers of Niger"), which is how PETRARCH composes agents; alone it would take Tacitus's home-country
    default, made for the built-in words ("the mutineers" of a Moscow story, "seen by Reuters").
    """

    def find(self, doc: Doc) -> list[Mention]:
        named: list[Mention] = []
        for mention in super().find(doc):
            entry = mention.best
            if entry.origin == "petrarch" and entry.kind != "agent":
                if not any(doc[i].text[:1].isupper() for i in range(mention.start, mention.end)):
                    continue
                if entry.kind == "person" and _titled(doc, named, mention.start):
                    continue
            named.append(mention)
        return [m for i, m in enumerate(named)
                if not (m.best.origin == "petrarch" and m.best.kind == "agent") or _with_actor(doc, named, i)]


def _titled(doc: Doc, before: list[Mention], start: int) -> bool:
    """Whether a built-in title (agent, organisation or country) ends at most two lower-case words before ``start``."""
    if not before or before[-1].best.origin == "petrarch" or before[-1].best.kind not in ("agent", "org", "country"):
        return False
    gap = doc[before[-1].end : start]
    return len(gap) <= 2 and all(t.is_alpha and t.is_lower for t in gap)


_AFTER = frozenset({"of", "in", "from"})
_JOINERS = frozenset({"'s", "’s", "'", "’", "-", ",", "and"})


def _with_actor(doc: Doc, mentions: list[Mention], index: int) -> bool:
    """Whether an actor (not an agent word) is in the phrase of mention ``index``: before it through a run of
    mentions joined by modifiers ("Burkina Faso's new military rulers", "Brazil's Congress, Supreme Court and
    presidential palace"), or right after it behind of/in/from ("rulers of Niger")."""
    position = mentions[index].start
    for mention in reversed(mentions[:index]):
        if not _modifiers(doc[mention.end : position]):
            break
        if _actor(mention):
            return True
        position = mention.start
    if index + 1 < len(mentions):
        following = mentions[index + 1]
        gap = doc[mentions[index].end : following.start]
        return _actor(following) and 0 < len(gap) <= 3 and gap[0].lower_ in _AFTER and all(
            t.is_alpha for t in gap)
    return False


def _modifiers(gap: Span) -> bool:
    """Whether the words between two mentions can be pre-modifiers of one phrase (no preposition, no verb's
    function words, at most three)."""
    return len(gap) <= 3 and all(t.lower_ in _JOINERS or (t.is_alpha and not t.is_stop) for t in gap)


def _actor(mention: Mention) -> bool:
    entry = mention.best
    return entry.kind in ("country", "org", "person") or (entry.kind == "place" and entry.country is not None)
