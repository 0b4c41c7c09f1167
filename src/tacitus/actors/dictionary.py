"""The actor dictionary: names -> entries (countries, sector agents, organisations, dated people)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import DictionaryError
from ..tsv import alternatives, builtin_path, read_tsv

Kind = Literal["country", "agent", "org", "person", "place"]
# Ranking when two entries share a name: a named body beats a person beats a country beats a sector word.
# A place ("South China Sea") is no actor: it exists so that the longest match does not find China in it.
KIND_RANK: dict[str, int] = {"org": 3, "person": 2, "country": 1, "agent": 0, "place": -1}


@dataclass(frozen=True)
class Role:
    """One dated role of a person: the code they carry between start and end (inclusive)."""

    code: str
    country: str | None
    sector: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    title: str = ""

    @property
    def undated(self) -> bool:
        return self.start is None and self.end is None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """What a dictionary name stands for."""

    kind: Kind
    name: str
    code: str = ""
    country: str | None = None
    sector: str | None = None
    affiliation: str | None = None
    roles: tuple[Role, ...] = ()
    origin: str = "builtin"

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role of a person on a day: a dated role holding then, else the undated one."""
        if not self.roles:
            return None
        if day is not None:
            holding = [role for role in self.roles if not role.undated and role.holds_on(day)]
            if holding:
                return max(holding, key=lambda role: role.start or dt.date.min)
        undated = [role for role in self.roles if role.undated]
        if undated:
            return undated[0]
        if day is None:  # no date to go by: the most recent role
            return max(self.roles, key=lambda role: role.start or dt.date.min)
        return None


@dataclass
class ActorDictionary:
    """Surface names (as written) mapped to entries; built once per process."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # file name -> content hash, for provenance

    def add(self, name: str, entry: Entry) -> None:
        entries = self.names.setdefault(name, [])
        if entry not in entries:
            entries.append(entry)

    def update(self, other: ActorDictionary) -> None:
        """Layer another dictionary over this one (its entries are preferred on equal rank)."""
        for name, entries in other.names.items():
            self.names[name] = list(entries) + [e for e in self.names.get(name, []) if e not in entries]
        self.sources.update(other.sources)

    def lookup(self, name: str) -> list[Entry]:
        return self.names.get(name, [])

    @classmethod
    def builtin(cls, folder: Path | None = None) -> ActorDictionary:
        """The project's own dictionaries from src/tacitus/data (or a folder with the same files)."""
        dictionary = cls()
        path = (lambda n: folder / n) if folder else builtin_path
        dictionary._load_countries(path("countries.tsv"))
        dictionary._load_agents(path("agents.tsv"))
        dictionary._load_organizations(path("organizations.tsv"))
        dictionary._load_people(path("people.tsv"))
        dictionary._load_places(path("places.tsv"))
        return dictionary

    def _remember(self, path: Path) -> None:
        import hashlib

        self.sources[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]

    def _load_countries(self, path: Path) -> None:
        for _, row in read_tsv(path, ("code", "names", "demonyms", "metonyms")):
            names = alternatives(row["names"])
            entry = Entry("country", names[0] if names else row["code"], row["code"], row["code"])
            for name in names + alternatives(row["demonyms"]) + alternatives(row["metonyms"]):
                self.add(name, entry)
        self._remember(path)

    def _load_agents(self, path: Path) -> None:
        for _, row in read_tsv(path, ("sector", "words")):
            for word in alternatives(row["words"]):
                self.add(word, Entry("agent", word, row["sector"], None, row["sector"]))
        self._remember(path)

    def _load_organizations(self, path: Path) -> None:
        for _, row in read_tsv(path, ("code", "country", "sector", "names")):
            names = alternatives(row["names"])
            entry = Entry(
                "org",
                names[0] if names else row["code"],
                row["code"],
                row["country"] or None,
                row["sector"] or None,
                row.get("affiliation") or None,
            )
            for name in names:
                self.add(name, entry)
        self._remember(path)

    def _load_places(self, path: Path) -> None:
        for _, row in read_tsv(path, ("names", "country")):
            names = alternatives(row["names"])
            entry = Entry("place", names[0], "", row["country"] or None)
            for name in names:
                self.add(name, entry)
        self._remember(path)

    def _load_people(self, path: Path) -> None:
        rows: dict[str, list[tuple[list[str], Role]]] = {}
        for number, row in read_tsv(path, ("names", "code", "country", "sector", "start", "end")):
            names = alternatives(row["names"])
            if not names:
                raise DictionaryError("row has no name", str(path), number)
            role = Role(
                row["code"],
                row["country"] or None,
                row["sector"] or None,
                _date(row["start"], path, number),
                _date(row["end"], path, number),
                row.get("role", ""),
            )
            rows.setdefault(names[0], []).append((names, role))
        for display, person_rows in rows.items():
            entry = Entry("person", display, roles=tuple(role for _, role in person_rows))
            for names, _ in person_rows:
                for name in names:
                    self.add(name, entry)
        self._remember(path)

    def entries(self) -> Iterable[tuple[str, Entry]]:
        for name, entries in self.names.items():
            for entry in entries:
                yield name, entry


def _date(text: str, path: Path, line: int) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DictionaryError(f"bad date {text!r} (want YYYY-MM-DD)", str(path), line) from None
