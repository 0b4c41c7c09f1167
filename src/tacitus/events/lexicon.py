"""The event lexicon: verb patterns and noun triggers with their CAMEO codes.

Verb rows may name a synonym set from ``synsets.tsv`` as an extra word (``deliver &WEAPON``); the set is
expanded at load time into one :class:`VerbPattern` per member. A target cell ``src:from`` marks a converse
verb whose source is the object of that preposition and whose target is the subject ("Ukraine received
jets from Denmark": Denmark -> Ukraine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DictionaryError
from ..tsv import alternatives, builtin_path, read_tsv

PREPOSITIONS = frozenset(
    "about above across after against along amid among around at before behind below beside between by "
    "despite during for from in inside into near of off on onto out outside over past since through "
    "throughout to toward towards under until upon via with within without".split()
)
DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
SYNSET_NAME = re.compile(r"&[A-Z][A-Z_]*")
SOURCE_MARK = "src:"


@dataclass(frozen=True)
class VerbPattern:
    """A verb lemma, the words that must depend on it, its code and where its target (and source) is."""

    verb: str
    extras: tuple[str, ...]
    code: str
    targets: tuple[str, ...] = ("obj",)
    # Converse verbs: the source is the object of one of these prepositions, the target is the subject.
    source_prepositions: tuple[str, ...] = ()

    @property
    def target_preposition(self) -> str | None:
        """'set fire to': the target is the object of the pattern's final preposition.

        Not when the target column starts with ``obj``: the final word is then a particle whose object is the
        target ("supplied the Houthis with missiles", "welcomed Putin to Pyongyang").
        """
        if self.extras and self.extras[-1] in PREPOSITIONS and self.targets[:1] != ("obj",):
            return self.extras[-1]
        return None


@dataclass
class Lexicon:
    """Verb patterns by lemma (most specific first), noun triggers by lemma, synonym sets by name."""

    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add_verb(self, pattern: VerbPattern) -> None:
        patterns = self.verbs.setdefault(pattern.verb, [])
        if pattern not in patterns:
            patterns.append(pattern)
            patterns.sort(key=lambda p: -len(p.extras))

    @classmethod
    def builtin(cls, folder: Path | None = None) -> Lexicon:
        lexicon = cls()
        synsets = folder / "synsets.tsv" if folder else None
        lexicon.load_synsets(synsets if synsets is not None and synsets.exists() else builtin_path("synsets.tsv"))
        lexicon.load_verbs(folder / "verbs.tsv" if folder else builtin_path("verbs.tsv"))
        lexicon.load_nouns(folder / "nouns.tsv" if folder else builtin_path("nouns.tsv"))
        return lexicon

    def load_synsets(self, path: Path) -> None:
        """Read ``&NAME<TAB>word|word|...`` rows; members are single lower-case words or lemmas."""
        for number, row in read_tsv(path, ("synset", "words")):
            name, words = row["synset"], tuple(w.lower() for w in alternatives(row["words"]))
            if not SYNSET_NAME.fullmatch(name) or not words or any(" " in w for w in words):
                raise DictionaryError(f"need &NAME and single words, got {name!r} {row['words']!r}",
                                      str(path), number)
            self.synsets[name] = tuple(dict.fromkeys(self.synsets.get(name, ()) + words))

    def load_verbs(self, path: Path) -> None:
        """Read verb rows; explicit rows win over rows expanded from a synonym set with the same words."""
        explicit: list[VerbPattern] = []
        expanded: list[VerbPattern] = []
        for number, row in read_tsv(path, ("verb", "code")):
            words = [w if w.startswith("&") else w.lower() for w in row["verb"].split() if w.lower() not in DETERMINERS]
            if not words or not row["code"].isdigit() or words[0].startswith("&"):
                raise DictionaryError(f"need a verb and a numeric code, got {row['verb']!r} {row['code']!r}",
                                      str(path), number)
            targets, sources = _targets(row.get("target", ""))
            if not targets and not sources:
                targets = ("obj",)
            base = VerbPattern(words[0], (), row["code"], targets, sources)
            variants = self._expand(words[1:], str(path), number)
            (expanded if any(w.startswith("&") for w in words) else explicit).extend(
                VerbPattern(base.verb, extras, base.code, base.targets, base.source_prepositions)
                for extras in variants
            )
        taken = {(p.verb, p.extras) for p in explicit}
        for pattern in explicit + [p for p in expanded if (p.verb, p.extras) not in taken]:
            taken.add((pattern.verb, pattern.extras))
            self.add_verb(pattern)

    def _expand(self, extras: list[str], path: str, number: int) -> list[tuple[str, ...]]:
        """All extras tuples of a row, one per member of each synonym set it names."""
        variants: list[tuple[str, ...]] = [()]
        for word in extras:
            if word.startswith("&"):
                if word not in self.synsets:
                    known = ", ".join(sorted(self.synsets)) or "none loaded"
                    raise DictionaryError(f"unknown synonym set {word} (known: {known})", path, number)
                variants = [v + (member,) for v in variants for member in self.synsets[word]]
            else:
                variants = [v + (word,) for v in variants]
        return variants

    def load_nouns(self, path: Path) -> None:
        for number, row in read_tsv(path, ("noun", "code")):
            noun = row["noun"].lower().strip()
            if not noun or not row["code"].isdigit():
                raise DictionaryError(f"need a noun and a numeric code, got {noun!r}", str(path), number)
            self.nouns.setdefault(noun, row["code"])


def _targets(cell: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a target cell into target places and source prepositions ('src:from')."""
    places = alternatives(cell)
    sources = tuple(p[len(SOURCE_MARK):] for p in places if p.startswith(SOURCE_MARK))
    return tuple(p for p in places if not p.startswith(SOURCE_MARK)), sources
