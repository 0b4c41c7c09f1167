"""Score coded events against a hand-coded gold set (one JSON object per line, see evaluation/README.md).

Precision and recall count asserted events only, at three levels of agreement:

* ``exact``: source code, target code and CAMEO code;
* ``dyad_root``: source country, target country and CAMEO root;
* ``root``: CAMEO root alone.

Matching is a multiset match within each item: a gold event pairs with at most one predicted event.
Modality accuracy pairs all gold events with all predicted events at the ``dyad_root`` level.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .model import UNKNOWN, Document, Event, Modality
from .tsv import builtin_path, read_tsv

if TYPE_CHECKING:
    from .coder import Coder

Level = Literal["exact", "dyad_root", "root"]
LEVELS: tuple[Level, ...] = ("exact", "dyad_root", "root")
MODALITIES: tuple[Modality, ...] = ("asserted", "negated", "hypothetical")
NO_EVENT_TAG = "no_event"
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP REB INS SEP CVL MED REL BUS NGO EDU LAB REF HLH ELI SPY CRM UAF AGR ENV".split()
)
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG"})
ACTOR_PATTERN = r"^(---|[A-Z]{3}[A-Z0-9]*)$"
CODE_PATTERN = r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$"
TEXT_WIDTH = 120


# -- gold records ------------------------------------------------------------------------------------


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldEvent(_Gold):
    """One hand-coded event: CAMEO actor codes, CAMEO event code and modality."""

    source: str = Field(pattern=ACTOR_PATTERN)
    target: str = Field(pattern=ACTOR_PATTERN)
    code: str = Field(pattern=CODE_PATTERN)
    modality: Modality


class GoldItem(_Gold):
    """One gold item: a text, the events it reports, and tags naming what makes it hard."""

    id: str = Field(min_length=1)
    date: str | None = None
    text: str = Field(min_length=1)
    events: list[GoldEvent]
    tags: list[str] = Field(default_factory=list)

    @property
    def no_event(self) -> bool:
        """True when the item should yield no event (no gold events, or tagged ``no_event``)."""
        return not self.events or NO_EVENT_TAG in self.tags


def read_gold_jsonl(path: str | Path) -> list[GoldItem]:
    """Read a gold file; a malformed line, missing field or repeated id raises InputError."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gold file: {exc}") from None
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = _parse_gold_line(line, f"{path}:{number}")
        if item.id in seen:
            raise InputError(f"{path}:{number}", f"id {item.id!r} repeats line {seen[item.id]}")
        seen[item.id] = number
        items.append(item)
    return items


def _parse_gold_line(line: str, where: str) -> GoldItem:
    """Parse one JSON line into a GoldItem, or raise InputError naming ``where``."""
    try:
        return GoldItem.model_validate_json(line)
    except ValidationError as exc:
        raise InputError(where, _describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    """A one-line summary of a validation error: ``events.0.code: Field required``."""
    parts = []
    for error in exc.errors():
        place = ".".join(str(p) for p in error["loc"]) or "line"
        parts.append(f"{place}: {error['msg']}")
    return "; ".join(parts)


# -- actor and code reduction ----------------------------------------------------------------------


@functools.cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus any code in the built-in country dictionary (``XKX``)."""
    codes = {country.alpha_3 for country in pycountry.countries}
    codes.update(row["code"] for _, row in read_tsv(builtin_path("countries.tsv"), ("code",)))
    return frozenset(codes)


def country_of(code: str) -> str:
    """The country of an actor code: its first 3 letters when a country, else ``---``."""
    prefix = code[:3]
    if prefix in NON_STATE_PREFIXES or prefix in SECTORS:
        return UNKNOWN
    return prefix if prefix in country_codes() else UNKNOWN


def root_of(code: str) -> str:
    """The CAMEO root of an event code: its first two digits."""
    return code[:2]


@dataclass(frozen=True)
class EventRow:
    """An event reduced to what scoring compares (``sentence`` is None for gold events)."""

    source: str
    target: str
    code: str
    modality: str
    sentence: str | None = None

    @property
    def root(self) -> str:
        """The CAMEO root of the event code."""
        return root_of(self.code)

    @classmethod
    def from_gold(cls, event: GoldEvent) -> EventRow:
        """The row of a gold event."""
        return cls(event.source, event.target, event.code, event.modality)

    @classmethod
    def from_event(cls, event: Event) -> EventRow:
        """The row of a coded event."""
        return cls(event.source.code, event.target.code, event.code, event.modality, event.sentence)

    def key(self, level: Level) -> tuple[str, ...]:
        """What must agree for two events to match at ``level``."""
        if level == "exact":
            return (self.source, self.target, self.code)
        if level == "dyad_root":
            return (country_of(self.source), country_of(self.target), self.root)
        return (self.root,)

    def label(self) -> str:
        """``173 IRQCOP -> IRQREB (asserted)``."""
        return f"{self.code} {self.source} -> {self.target} ({self.modality})"

    def to_dict(self) -> dict[str, object]:
        """The row as a JSON-ready dict."""
        return {
            "source": self.source,
            "target": self.target,
            "code": self.code,
            "modality": self.modality,
            "sentence": self.sentence,
        }


def pair(gold_keys: Sequence[Hashable], predicted_keys: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Multiset match: pair each gold index with the first unused predicted index of equal key."""
    waiting: dict[Hashable, list[int]] = {}
    for j, key in enumerate(predicted_keys):
        waiting.setdefault(key, []).append(j)
    pairs: list[tuple[int, int]] = []
    for i, key in enumerate(gold_keys):
        queue = waiting.get(key)
        if queue:
            pairs.append((i, queue.pop(0)))
    return pairs


# -- report records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        """Gold events counted."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        """Predicted events counted."""
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        """tp / predicted, or None with no predictions."""
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """tp / gold, or None with no gold events."""
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn), or None when all counts are zero."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_dict(self) -> dict[str, object]:
        """Counts and scores as a JSON-ready dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Mistake:
    """A missed gold event or a false alarm, with the item it came from."""

    item_id: str
    text: str
    event: EventRow

    def to_dict(self) -> dict[str, object]:
        """The mistake as a JSON-ready dict."""
        return {"item_id": self.item_id, "text": self.text, **self.event.to_dict()}


@dataclass
class LevelScore:
    """Scores at one level: overall, per CAMEO root, per tag, and the events behind the errors."""

    level: Level
    overall: Counts = field(default_factory=Counts)
    by_root: dict[str, Counts] = field(default_factory=dict)
    by_tag: dict[str, Counts] = field(default_factory=dict)
    misses: list[Mistake] = field(default_factory=list)
    false_alarms: list[Mistake] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The level's scores as a JSON-ready dict."""
        return {
            "overall": self.overall.to_dict(),
            "by_root": {root: c.to_dict() for root, c in sorted(self.by_root.items())},
            "by_tag": {tag: c.to_dict() for tag, c in sorted(self.by_tag.items())},
            "misses": [m.to_dict() for m in self.misses],
            "false_alarms": [m.to_dict() for m in self.false_alarms],
        }


@dataclass
class ModalityScore:
    """Modality agreement on gold/predicted pairs matched at the dyad_root level (all modalities)."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def matched(self) -> int:
        """Matched pairs."""
        return sum(self.confusion.values())

    @property
    def agreed(self) -> int:
        """Matched pairs whose modalities agree."""
        return sum(n for (gold, predicted), n in self.confusion.items() if gold == predicted)

    @property
    def accuracy(self) -> float | None:
        """agreed / matched, or None with no matched pairs."""
        return self.agreed / self.matched if self.matched else None

    def to_dict(self) -> dict[str, object]:
        """The modality scores as a JSON-ready dict; ``confusion`` maps gold -> predicted -> count."""
        confusion = {g: {p: self.confusion[(g, p)] for p in MODALITIES} for g in MODALITIES}
        return {
            "matched": self.matched,
            "agreed": self.agreed,
            "accuracy": self.accuracy,
            "confusion": confusion,
        }


@dataclass(frozen=True)
class NoEventAlarm:
    """A no_event item that was coded with asserted events."""

    item_id: str
    text: str
    events: tuple[EventRow, ...]

    def to_dict(self) -> dict[str, object]:
        """The alarm as a JSON-ready dict."""
        return {"item_id": self.item_id, "text": self.text, "events": [e.to_dict() for e in self.events]}


@dataclass
class Report:
    """The result of scoring a gold set."""

    items: int
    levels: dict[str, LevelScore]
    modality: ModalityScore
    no_event_items: int
    no_event_alarms: list[NoEventAlarm]

    def to_dict(self) -> dict[str, object]:
        """The whole report as a JSON-ready dict."""
        return {
            "items": self.items,
            "levels": {name: score.to_dict() for name, score in self.levels.items()},
            "modality": self.modality.to_dict(),
            "no_event": {
                "items": self.no_event_items,
                "alarms": [alarm.to_dict() for alarm in self.no_event_alarms],
            },
        }

    def format_text(self, detail: Level = "exact") -> str:
        """A plain-text report; misses and false alarms are listed at the ``detail`` level."""
        sections = [
            _summary_lines(self),
            _modality_lines(self.modality),
            _breakdown_lines("Per CAMEO root (asserted events)", "Root", self.levels, "by_root"),
            _breakdown_lines("Per tag (asserted events)", "Tag", self.levels, "by_tag"),
            _no_event_lines(self),
            _mistake_lines(self.levels[detail]),
        ]
        return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


# -- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scored:
    """One item with its gold and predicted rows, all modalities."""

    item: GoldItem
    gold: tuple[EventRow, ...]
    predicted: tuple[EventRow, ...]

    def asserted(self) -> tuple[list[EventRow], list[EventRow]]:
        """The asserted gold rows and asserted predicted rows."""
        return _asserted(self.gold), _asserted(self.predicted)


def _asserted(rows: Iterable[EventRow]) -> list[EventRow]:
    """Rows whose modality is asserted."""
    return [row for row in rows if row.modality == "asserted"]


def score(items: list[GoldItem], predicted: dict[str, list[Event]]) -> Report:
    """Score predicted events (item id -> events coded from its text) against the gold items."""
    scored = [
        _Scored(
            item,
            tuple(EventRow.from_gold(e) for e in item.events),
            tuple(EventRow.from_event(e) for e in predicted.get(item.id, [])),
        )
        for item in items
    ]
    return Report(
        items=len(items),
        levels={level: _score_level(level, scored) for level in LEVELS},
        modality=_score_modality(scored),
        no_event_items=sum(1 for s in scored if s.item.no_event),
        no_event_alarms=_no_event_alarms(scored),
    )


def _score_level(level: Level, scored: list[_Scored]) -> LevelScore:
    """Precision/recall counts and mistakes at one level over asserted events."""
    result = LevelScore(level)
    for entry in scored:
        _add_item(result, entry)
    return result


def _add_item(result: LevelScore, entry: _Scored) -> None:
    """Match one item's asserted events at ``result.level`` and add the outcome to ``result``."""
    gold, predicted = entry.asserted()
    pairs = pair([g.key(result.level) for g in gold], [p.key(result.level) for p in predicted])
    found = {i for i, _ in pairs}
    used = {j for _, j in pairs}
    counts = Counts(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
    result.overall += counts
    for tag in entry.item.tags:
        result.by_tag[tag] = result.by_tag.get(tag, Counts()) + counts
    for i, row in enumerate(gold):
        _bump(result.by_root, row.root, Counts(tp=1) if i in found else Counts(fn=1))
        if i not in found:
            result.misses.append(Mistake(entry.item.id, entry.item.text, row))
    for j, row in enumerate(predicted):
        if j not in used:
            _bump(result.by_root, row.root, Counts(fp=1))
            result.false_alarms.append(Mistake(entry.item.id, entry.item.text, row))


def _bump(table: dict[str, Counts], key: str, counts: Counts) -> None:
    """Add ``counts`` to ``table[key]``."""
    table[key] = table.get(key, Counts()) + counts


def _score_modality(scored: list[_Scored]) -> ModalityScore:
    """Pair all gold with all predicted events at dyad_root and tally their modalities."""
    result = ModalityScore()
    for entry in scored:
        for i, j in pair_for_modality(entry.gold, entry.predicted):
            result.confusion[(entry.gold[i].modality, entry.predicted[j].modality)] += 1
    return result


def pair_for_modality(gold: Sequence[EventRow], predicted: Sequence[EventRow]) -> list[tuple[int, int]]:
    """Match at dyad_root, pairing events of equal modality first, then the rest."""
    first = pair(
        [(*g.key("dyad_root"), g.modality) for g in gold],
        [(*p.key("dyad_root"), p.modality) for p in predicted],
    )
    gold_left = [i for i in range(len(gold)) if i not in {i for i, _ in first}]
    predicted_left = [j for j in range(len(predicted)) if j not in {j for _, j in first}]
    second = pair(
        [gold[i].key("dyad_root") for i in gold_left],
        [predicted[j].key("dyad_root") for j in predicted_left],
    )
    return first + [(gold_left[a], predicted_left[b]) for a, b in second]


def _no_event_alarms(scored: list[_Scored]) -> list[NoEventAlarm]:
    """The no_event items that produced any asserted event."""
    alarms = []
    for entry in scored:
        asserted = _asserted(entry.predicted)
        if entry.item.no_event and asserted:
            alarms.append(NoEventAlarm(entry.item.id, entry.item.text, tuple(asserted)))
    return alarms


def evaluate_jsonl(path: str | Path, coder: Coder) -> Report:
    """Read a gold file, code each item's text with ``coder``, and score the result."""
    items = read_gold_jsonl(path)
    documents = (Document(id=item.id, text=item.text, date=item.date) for item in items)
    predicted = {document.id: events for document, events in coder.code_documents(documents)}
    return score(items, predicted)


# -- text rendering --------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    """A score with three decimals, or ``-`` when undefined."""
    return "-" if value is None else f"{value:.3f}"


def _prf(counts: Counts) -> str:
    """``0.500/0.333/0.400``: precision/recall/F1."""
    return "/".join(_number(v) for v in (counts.precision, counts.recall, counts.f1))


def _clip(text: str, width: int = TEXT_WIDTH) -> str:
    """The text on one line, cut to ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Fixed-width columns: the first left-aligned, the rest right-aligned."""
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(header), rule, *(line(row) for row in rows)]


def _summary_lines(report: Report) -> list[str]:
    """The headline table: one row per level."""
    first = report.levels[LEVELS[0]].overall
    lines = [
        f"Tacitus evaluation: {report.items} items, {first.gold} gold asserted events, "
        f"{first.predicted} predicted asserted events",
        "",
    ]
    header = ["Level", "TP", "FP", "FN", "Precision", "Recall", "F1"]
    rows = []
    for name, level in report.levels.items():
        c = level.overall
        scores = (_number(v) for v in (c.precision, c.recall, c.f1))
        rows.append([name, str(c.tp), str(c.fp), str(c.fn), *scores])
    return lines + _table(header, rows)


def _modality_lines(modality: ModalityScore) -> list[str]:
    """Modality accuracy and the gold-by-predicted confusion table."""
    lines = [
        "Modality on events matched at dyad_root (all modalities): "
        f"{modality.agreed}/{modality.matched} agree, accuracy {_number(modality.accuracy)}",
        "",
    ]
    header = ["gold \\ predicted", *MODALITIES]
    rows = [[gold, *(str(modality.confusion[(gold, p)]) for p in MODALITIES)] for gold in MODALITIES]
    return lines + _table(header, rows)


def _breakdown_lines(title: str, label: str, levels: dict[str, LevelScore], attribute: str) -> list[str]:
    """A table of precision/recall/F1 per key (root or tag), one column per level."""
    tables = {name: getattr(level, attribute) for name, level in levels.items()}
    keys = sorted({key for table in tables.values() for key in table})
    if not keys:
        return [title, "  (none)"]
    first = next(iter(tables.values()))
    header = [label, "Gold", "Pred", *(f"{name} P/R/F1" for name in tables)]
    rows = []
    for key in keys:
        base = first.get(key, Counts())
        cells = [_prf(table.get(key, Counts())) for table in tables.values()]
        rows.append([key, str(base.gold), str(base.predicted), *cells])
    return [title, "", *_table(header, rows)]


def _no_event_lines(report: Report) -> list[str]:
    """The no_event items that produced asserted events."""
    lines = [f"No-event items with asserted events: {len(report.no_event_alarms)} of {report.no_event_items}"]
    for alarm in report.no_event_alarms:
        lines.append(f"  [{alarm.item_id}] {_clip(alarm.text)}")
        lines.extend(f"      coded {row.label()}" for row in alarm.events)
    return lines


def _mistake_lines(level: LevelScore) -> list[str]:
    """Misses (with the item text) and false alarms (with their sentence) at one level."""
    lines = [f"Misses at {level.level} (gold asserted events not coded): {len(level.misses)}"]
    for miss in level.misses:
        lines.append(f"  [{miss.item_id}] {miss.event.label()}")
        lines.append(f"      text: {_clip(miss.text)}")
    lines.append("")
    count = len(level.false_alarms)
    lines.append(f"False alarms at {level.level} (coded asserted events not in gold): {count}")
    for alarm in level.false_alarms:
        lines.append(f"  [{alarm.item_id}] {alarm.event.label()}")
        lines.append(f"      sentence: {_clip(alarm.event.sentence or alarm.text)}")
    return lines
