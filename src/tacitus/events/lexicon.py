"""The event lexicon: verb patterns and noun triggers with their CAMEO codes."""

from __future__ import annotations

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


@dataclass(frozen=True)
class VerbPattern:
    """A verb lemma, the words that must depend on it, its code and where its target is."""

    verb: str
    extras: tuple[str, ...]
    code: str
    targets: tuple[str, ...] = ("obj",)

    @property
    def target_preposition(self) -> str | None:
        """'set fire to': the target is the object of the pattern's final preposition."""
        if self.extras and self.extras[-1] in PREPOSITIONS:
            return self.extras[-1]
        return None


@dataclass
class Lexicon:
    """Verb patterns by lemma (most specific first) and noun triggers by lemma."""

    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)

    def add_verb(self, pattern: VerbPattern) -> None:
        patterns = self.verbs.setdefault(pattern.verb, [])
        if pattern not in patterns:
            patterns.append(pattern)
            patterns.sort(key=lambda p: -len(p.extras))

    @classmethod
    def builtin(cls, folder: Path | None = None) -> Lexicon:
        lexicon = cls()
        lexicon.load_verbs(folder / "verbs.tsv" if folder else builtin_path("verbs.tsv"))
        lexicon.load_nouns(folder / "nouns.tsv" if folder else builtin_path("nouns.tsv"))
        return lexicon

    def load_verbs(self, path: Path) -> None:
        for number, row in read_tsv(path, ("verb", "code")):
            words = [w for w in row["verb"].lower().split() if w not in DETERMINERS]
            if not words or not row["code"].isdigit():
                raise DictionaryError(f"need a verb and a numeric code, got {row['verb']!r} {row['code']!r}",
                                      str(path), number)
            targets = tuple(alternatives(row.get("target", ""))) or ("obj",)
            self.add_verb(VerbPattern(words[0], tuple(words[1:]), row["code"], targets))

    def load_nouns(self, path: Path) -> None:
        for number, row in read_tsv(path, ("noun", "code")):
            noun = row["noun"].lower().strip()
            if not noun or not row["code"].isdigit():
                raise DictionaryError(f"need a noun and a numeric code, got {noun!r}", str(path), number)
            self.nouns.setdefault(noun, row["code"])
