"""Stories: events from different documents that report the same happening, grouped deterministically.

Rule (docs/store.md): asserted events only; same dyad at country+sector level; CAMEO codes on one branch
("19" ~ "190" ~ "1901", never "190" ~ "193"); event days within ``window_days`` of the story's first report
(an undated event uses its document's date, and with neither it stays alone); the same place when both sides
know it; at most one event per document. Events are bucketed by (root, dyad), sorted by day, doc_id and
event_id, and swept with a window, so the work is O(n log n) and the same input gives the same story ids.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import duckdb
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.model import UNKNOWN
from tacitus.store.schema import DOC_INFO_SQL, day_sql


class StoryInput(NamedTuple):
    """What the grouping needs to know about one asserted event."""

    event_id: str
    doc_id: str
    day: date | None  # the event's full date, else its document's date
    code: str
    root: str
    source_key: str
    target_key: str
    place_name: str | None
    place_country: str | None
    doc_day: date | None
    doc_source: str | None


class Story(NamedTuple):
    """One story: its row in ``stories`` and its members with why each joined."""

    story_id: str
    root: str
    code: str
    source_key: str
    target_key: str
    first_date: date | None
    last_date: date | None
    first_seen: date | None
    last_seen: date | None
    num_mentions: int
    num_documents: int
    num_sources: int
    reason: str
    members: tuple[tuple[str, str], ...]  # (event_id, why)


@dataclass
class _Open:
    """A story being built: its first report and what later reports must agree with."""

    anchor: StoryInput
    code: str
    place_name: str | None
    place_country: str | None
    doc_ids: set[str] = field(default_factory=set)
    members: list[tuple[StoryInput, str]] = field(default_factory=list)

    @property
    def day(self) -> date:
        """The first report's day (undated stories never stay open, so never compare it)."""
        return self.anchor.day or date.min


def side_key(code: str | None, country: str | None, sector: str | None) -> str:
    """One side of a dyad at country+sector level: ``IRQCOP``; the code without a country; ``---`` unknown."""
    if country:
        return country + (sector or "")
    if code and code != UNKNOWN:
        return code
    return UNKNOWN


def codes_compatible(a: str, b: str) -> bool:
    """True when one CAMEO code is the other or its ancestor: "19" ~ "193", but not "190" ~ "193"."""
    return a.startswith(b) or b.startswith(a)


def story_id(anchor_event_id: str) -> str:
    """A story's id: a stable hash of its first member's event id."""
    return hashlib.sha1(f"story\x1f{anchor_event_id}".encode()).hexdigest()[:16]


def _apart(days: int) -> str:
    """``same day``, ``1 day apart``, ``3 days apart``."""
    if days == 0:
        return "same day"
    return f"{days} day{'s' if days != 1 else ''} apart"


def _same_place(story: _Open, event: StoryInput) -> bool:
    """Places agree when either side does not know it."""
    if story.place_name and event.place_name:
        return story.place_name.casefold() == event.place_name.casefold()
    if story.place_country and event.place_country:
        return story.place_country == event.place_country
    return True


def _place_note(story: _Open, event: StoryInput) -> str:
    """The place part of a member's ``why``."""
    if story.place_name and event.place_name:
        return f", same place {event.place_name}"
    if story.place_country and event.place_country:
        return f", same country {event.place_country}"
    return ""


def _joins(story: _Open, event: StoryInput) -> bool:
    """Whether ``event`` may join ``story`` (the dyad and root already agree: same bucket)."""
    return (
        event.doc_id not in story.doc_ids
        and codes_compatible(story.code, event.code)
        and _same_place(story, event)
    )


def _open(event: StoryInput) -> _Open:
    """Start a story with ``event`` as its first report."""
    story = _Open(
        anchor=event, code=event.code, place_name=event.place_name, place_country=event.place_country
    )
    when = f" on {event.day.isoformat()}" if event.day else ", undated: no other report can join it"
    why = f"first report of {event.source_key}>{event.target_key} {event.code}{when}"
    story.doc_ids.add(event.doc_id)
    story.members.append((event, why))
    return story


def _join(story: _Open, event: StoryInput, days: int) -> None:
    """Add ``event``, reported ``days`` after the story's first report, to ``story`` and record why."""
    why = (
        f"same dyad {event.source_key}>{event.target_key}, codes {story.code}~{event.code}, "
        f"{_apart(days)}{_place_note(story, event)}"
    )
    story.members.append((event, why))
    story.doc_ids.add(event.doc_id)
    if len(event.code) > len(story.code):
        story.code = event.code  # keep the most specific code: every member lies on its branch
    story.place_name = story.place_name or event.place_name
    story.place_country = story.place_country or event.place_country


def _sweep(bucket: Iterable[StoryInput], window_days: int) -> Iterator[_Open]:
    """Group one (root, dyad) bucket, already sorted by day, with a sliding window over open stories."""
    open_stories: deque[_Open] = deque()
    for event in bucket:
        if event.day is None:
            yield _open(event)
            continue
        while open_stories and (event.day - open_stories[0].day).days > window_days:
            yield open_stories.popleft()
        target = next((story for story in open_stories if _joins(story, event)), None)
        if target is None:
            open_stories.append(_open(event))
        else:
            _join(target, event, (event.day - target.day).days)
    yield from open_stories


def _reason(story: _Open, num_documents: int, num_sources: int, window_days: int) -> str:
    """A one-line summary of why the members form one story."""
    anchor = story.anchor
    if len(story.members) == 1:
        return "single report" if anchor.day else "single undated report"
    return (
        f"{len(story.members)} reports in {num_documents} documents from {num_sources} sources: "
        f"same dyad {anchor.source_key}>{anchor.target_key}, codes on the branch of {story.code}, "
        f"within {window_days} days of {anchor.day.isoformat() if anchor.day else '?'}"
    )


def _single(event: StoryInput, why: str) -> Story:
    """The stored form of a one-report story (most stories: kept cheap)."""
    reason = "single report" if event.day else "single undated report"
    return Story(
        story_id(event.event_id), event.root, event.code, event.source_key, event.target_key,
        event.day, event.day, event.doc_day, event.doc_day, 1, 1, 1, reason, ((event.event_id, why),),
    )  # fmt: skip


def _finish(story: _Open, window_days: int) -> Story:
    """The stored form of a built story."""
    if len(story.members) == 1:
        return _single(*story.members[0])
    events = [event for event, _ in story.members]
    days = [event.day for event in events if event.day is not None]
    seen = [event.doc_day for event in events if event.doc_day is not None]
    num_documents = len({event.doc_id for event in events})
    num_sources = len({event.doc_source or f"doc:{event.doc_id}" for event in events})
    anchor = story.anchor
    return Story(
        story_id=story_id(anchor.event_id),
        root=anchor.root,
        code=story.code,
        source_key=anchor.source_key,
        target_key=anchor.target_key,
        first_date=min(days) if days else None,
        last_date=max(days) if days else None,
        first_seen=min(seen) if seen else None,
        last_seen=max(seen) if seen else None,
        num_mentions=len(events),
        num_documents=num_documents,
        num_sources=num_sources,
        reason=_reason(story, num_documents, num_sources, window_days),
        members=tuple((event.event_id, why) for event, why in story.members),
    )


def _order(event: StoryInput) -> tuple[object, ...]:
    """Sort key: bucket, then undated last, day, doc_id, event_id."""
    return (
        event.root,
        event.source_key,
        event.target_key,
        event.day is None,
        event.day or date.min,
        event.doc_id,
        event.event_id,
    )


def group_stories(events: Iterable[StoryInput], window_days: int = 3) -> list[Story]:
    """Group asserted events into stories; the same events in any order give the same stories."""
    if window_days < 0:
        raise StoreError(f"window_days={window_days}: use 0 (same day only) or more days")
    ordered = sorted(events, key=_order)
    stories: list[Story] = []
    for _, bucket in itertools.groupby(ordered, key=lambda e: (e.root, e.source_key, e.target_key)):
        stories.extend(_finish(story, window_days) for story in _sweep(bucket, window_days))
    return stories


_FULL_DATE = "CASE WHEN length(e.date) >= 10 THEN try_cast(left(e.date, 10) AS DATE) END"
_INPUT_SQL = f"""SELECT e.event_id, e.doc_id,
  coalesce({_FULL_DATE}, {day_sql("d.doc_date")}),
  e.code, e.root, e.source_code, e.source_country, e.source_sector,
  e.target_code, e.target_country, e.target_sector,
  CASE WHEN coalesce(e.location_precision, '') <> 'country' THEN e.location_name END, e.location_country,
  {day_sql("d.doc_date")}, d.doc_source
FROM events e LEFT JOIN ({DOC_INFO_SQL}) d ON d.doc_id = e.doc_id
WHERE e.modality = 'asserted'"""


def load_inputs(con: duckdb.DuckDBPyConnection) -> list[StoryInput]:
    """The asserted events of the store, as grouping inputs."""
    table = con.sql(_INPUT_SQL).to_arrow_table()
    c = [column.to_pylist() for column in table.columns]
    source_keys = list(map(side_key, c[5], c[6], c[7]))
    target_keys = list(map(side_key, c[8], c[9], c[10]))
    columns = (c[0], c[1], c[2], c[3], c[4], source_keys, target_keys, c[11], c[12], c[13], c[14])
    return list(map(StoryInput._make, zip(*columns, strict=True)))


def story_tables(stories: list[Story]) -> tuple[pa.Table, pa.Table]:
    """The rows of ``stories`` and ``story_events`` as Arrow tables."""
    names = Story._fields[:-1]  # all but members
    values = list(zip(*(s[:-1] for s in stories), strict=True)) or [() for _ in names]
    story_table = pa.table(dict(zip(names, (list(v) for v in values), strict=True)))
    members = [(s.story_id, event_id, why) for s in stories for event_id, why in s.members]
    ids, event_ids, whys = (list(v) for v in zip(*members, strict=True)) if members else ([], [], [])
    member_table = pa.table(
        {
            "story_id": pa.array(ids, pa.string()),
            "event_id": pa.array(event_ids, pa.string()),
            "why": pa.array(whys, pa.string()),
        }
    )
    return story_table, member_table


def rebuild_stories(con: duckdb.DuckDBPyConnection, window_days: int) -> int:
    """Replace the stories tables with a fresh grouping of the store's events; returns the story count."""
    stories = group_stories(load_inputs(con), window_days)
    story_table, member_table = story_tables(stories)
    con.register("_tacitus_stories", story_table)
    con.register("_tacitus_story_events", member_table)
    try:
        con.begin()
        try:
            con.execute("DELETE FROM story_events")
            con.execute("DELETE FROM stories")
            if stories:
                names = ", ".join(story_table.column_names)
                con.execute(f"INSERT INTO stories ({names}) SELECT {names} FROM _tacitus_stories")
                con.execute(
                    "INSERT INTO story_events SELECT story_id, event_id, why FROM _tacitus_story_events"
                )
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        con.unregister("_tacitus_stories")
        con.unregister("_tacitus_story_events")
    return len(stories)
