"""PETRARCH validation records (``PETR.UnitTest.records.xml``): read, code from raw text, score.

The file's ``<Environment>`` names its dictionaries (read from the file's folder) and ``<Config>`` elements
change options for the records after them (``require_dyad``). Each record's ``<Text>`` is parsed by spaCy
(the treebank ``<Parse>`` is ignored) and coded; a record is right when the coded set of
(source, target, code) equals its gold set (``noevents`` and error records: the empty set).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .patterns import Coded


@dataclass(frozen=True)
class Record:
    """One validation record."""

    id: str
    category: str
    date: dt.date | None
    text: str
    gold: frozenset[Coded]
    options: tuple[tuple[str, str], ...] = ()


@dataclass
class Environment:
    verbs: list[Path] = field(default_factory=list)
    actors: list[Path] = field(default_factory=list)
    agents: list[Path] = field(default_factory=list)
    discards: list[Path] = field(default_factory=list)


def read_records(path: Path) -> tuple[Environment, list[Record]]:
    """The environment and the records marked ``sentence="true"``, with the options in force for each."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"not a readable PETRARCH validation file: {exc}") from None
    env = Environment()
    folder = path.parent
    block = root.find("Environment")
    if block is not None:
        for tag, into in (("Verbfile", env.verbs), ("Actorfile", env.actors), ("Agentfile", env.agents),
                          ("Discardfile", env.discards)):
            for element in block.findall(tag):
                if element.text and element.text.strip():
                    into.append(folder / element.text.strip())
    options: dict[str, str] = {}
    records: list[Record] = []
    for element in root.iter():
        if element.tag == "Config" and element.get("option"):
            options[element.get("option", "")] = element.get("value", "")
        elif element.tag == "Sentence" and (element.get("sentence") or "").lower() == "true":
            records.append(_record(element, tuple(sorted(options.items()))))
    return env, records


def _record(element: ET.Element, options: tuple[tuple[str, str], ...]) -> Record:
    gold = set()
    for coding in element.findall("EventCoding"):
        if coding.get("eventcode"):
            gold.add(Coded(coding.get("sourcecode", "---"), coding.get("targetcode", "---"),
                           coding.get("eventcode", "")))
    date_text = (element.get("date") or "").strip()
    try:
        date = dt.date(int(date_text[:4]), int(date_text[4:6]), int(date_text[6:8]))
    except ValueError:
        date = None
    text = " ".join((element.findtext("Text") or "").split())
    return Record(element.get("id", ""), element.get("category", ""), date, text, frozenset(gold), options)


@dataclass
class Outcome:
    record: Record
    coded: frozenset[Coded]

    @property
    def exact(self) -> bool:
        return self.coded == self.record.gold


@dataclass
class ValidationReport:
    outcomes: list[Outcome]

    @property
    def exact(self) -> int:
        return sum(o.exact for o in self.outcomes)

    def by_category(self) -> dict[str, tuple[int, int]]:
        table: dict[str, list[int]] = {}
        for outcome in self.outcomes:
            row = table.setdefault(outcome.record.category, [0, 0])
            row[0] += outcome.exact
            row[1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def to_dict(self) -> dict:
        return {
            "records": len(self.outcomes),
            "exact": self.exact,
            "categories": {k: {"exact": e, "records": n} for k, (e, n) in self.by_category().items()},
            "mismatches": [
                {"id": o.record.id, "category": o.record.category, "text": o.record.text,
                 "gold": sorted(_triple(c) for c in o.record.gold), "coded": sorted(_triple(c) for c in o.coded)}
                for o in self.outcomes if not o.exact
            ],
        }

    def to_text(self) -> str:
        lines = [f"PETRARCH validation: {self.exact} of {len(self.outcomes)} records coded exactly", ""]
        for category, (exact, n) in self.by_category().items():
            lines.append(f"  {category:<10} {exact:>4} / {n}")
        lines.append("")
        lines.append("Mismatches (gold | coded):")
        for o in self.outcomes:
            if not o.exact:
                gold = ", ".join(sorted(_triple(c) for c in o.record.gold)) or "no event"
                coded = ", ".join(sorted(_triple(c) for c in o.coded)) or "no event"
                lines.append(f"  {o.record.id} [{o.record.category}] {o.record.text[:100]}")
                lines.append(f"      gold:  {gold}")
                lines.append(f"      coded: {coded}")
        return "\n".join(lines)


def _triple(c: Coded) -> str:
    return f"{c.source} {c.code} {c.target}"


def validate(path: str | Path, code: Callable[[Record], frozenset[Coded]]) -> ValidationReport:
    """Code every record with ``code`` and compare with its gold set."""
    _, records = read_records(Path(path))
    return ValidationReport([Outcome(record, code(record)) for record in records])


def run_validation(path: str | Path, nlp, dictionaries=None) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate with the dictionaries named in the file's Environment (or the ``dictionaries`` given)."""
    from .cache import load_dictionaries
    from .patterns import SentenceCoder

    path = Path(path)
    env, records = read_records(path)
    if dictionaries is None:
        dictionaries = load_dictionaries(verbs=env.verbs, actors=env.actors, agents=env.agents,
                                         discards=env.discards)
    coder = SentenceCoder(dictionaries)
    outcomes = []
    docs = nlp.pipe(r.text for r in records)
    for record, doc in zip(records, docs, strict=True):
        options = dict(record.options)
        coder.require_dyad = options.get("require_dyad", "true").lower() != "false"
        length = options.get("new_actor_length", "0").strip()
        coder.new_actor_length = int(length) if length.isdigit() else 0
        coded: list[Coded] = []
        for sent in doc.sents:
            coded.extend(coder.code(sent, record.date))
        outcomes.append(Outcome(record, frozenset(coded)))
    return ValidationReport(outcomes)


def validate_file(path: str | Path, coder) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate with a :class:`~tacitus.Coder`'s parser; its PETRARCH dictionaries, when it names any,
    replace those of the file's Environment."""
    return run_validation(path, coder.nlp, coder.petrarch)
