"""Find dictionary names in a parsed document: longest match over normalised tokens."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from .dictionary import KIND_RANK, ActorDictionary, Entry

# The web's stray characters, normalised before comparing (offsets are never changed: we compare tokens).
_TRANSLATE = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "\u00a0": " ", "\u00ad": "", "\u200b": ""}
)
_SKIP = frozenset({"-", "–", "—", "‐", "‑", "'", '"'})
_CASE_SENSITIVE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){1,4}[^A-Z]*$)[A-Z.&]+$")
_LEADING_ARTICLES = frozenset({"the"})
_EXACT = "\x00"  # prefix of a trie key that must match the token's case


def norm(text: str) -> str:
    """Token text as compared: straight quotes, no soft hyphens, lower case."""
    return text.translate(_TRANSLATE).lower()


@dataclass(frozen=True)
class Mention:
    """A dictionary name found in a document: tokens [start, end) and what it may stand for."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    text: str

    @property
    def best(self) -> Entry:
        return self.entries[0]


class MentionMatcher:
    """A trie of tokenised names; ``tokenize`` must split names the way the documents are split."""

    def __init__(self, dictionary: ActorDictionary, tokenize: Callable[[str], Iterable[str]]) -> None:
        self._trie: dict[str | None, object] = {}
        self.size = 0
        for name, entry in dictionary.entries():
            self._insert(name, entry, tokenize)

    def _insert(self, name: str, entry: Entry, tokenize: Callable[[str], Iterable[str]]) -> None:
        exact = bool(_CASE_SENSITIVE.match(name.replace(" ", "")))
        words = [w.translate(_TRANSLATE) for w in tokenize(name)]
        words = [w for w in words if w.strip() and w not in _SKIP]
        while len(words) > 1 and words[0].lower() in _LEADING_ARTICLES:
            words = words[1:]
        if not words:
            return
        node = self._trie
        for word in words:
            key = _EXACT + word if exact else word.lower()
            node = node.setdefault(key, {})  # type: ignore[assignment]
        entries: list[Entry] = node.setdefault(None, [])  # type: ignore[assignment]
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: -KIND_RANK[e.kind])
            self.size += 1

    def find(self, doc: Doc) -> list[Mention]:
        """Non-overlapping mentions, longest first, left to right."""
        positions = [t.i for t in doc if t.text not in _SKIP and not t.is_space]
        lowered = [norm(doc[i].text) for i in positions]
        exact = [_EXACT + doc[i].text.translate(_TRANSLATE) for i in positions]
        mentions: list[Mention] = []
        k = 0
        while k < len(positions):
            found = self._longest(lowered, exact, k)
            if found is None:
                k += 1
                continue
            last, entries = found
            start, end = positions[k], positions[last] + 1
            mentions.append(Mention(start, end, tuple(entries), doc[start:end].text))
            k = last + 1
        return mentions

    def _longest(self, lowered: list[str], exact: list[str], k: int) -> tuple[int, list[Entry]] | None:
        best: tuple[int, list[Entry]] | None = None
        frontier: list[dict] = [self._trie]
        j = k
        while frontier and j < len(lowered):
            nxt = []
            for node in frontier:
                for key in (lowered[j], exact[j]):
                    child = node.get(key)
                    if child is not None:
                        nxt.append(child)
            for node in nxt:
                if None in node:
                    best = (j, node[None])
            frontier = nxt
            j += 1
        return best
