"""Stories: reports of one happening in different documents grouped by a deterministic, explained rule."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest

from tacitus.errors import StoreError
from tacitus.model import Actor, Document, Event, Location
from tacitus.store import Store, codes_compatible, content_hash, side_key
from tacitus.store.stories import StoryInput, group_stories, story_id

POLICE = ("IRQCOP", "IRQ", "COP")
REBELS = ("IRQREB", "IRQ", "REB")


def make_event(
    doc_id: str,
    code: str,
    date: str | None,
    index: int = 0,
    source: tuple[str, str | None, str | None] = POLICE,
    target: tuple[str, str | None, str | None] = REBELS,
    modality: str = "asserted",
    place: str | None = None,
) -> Event:
    """An event built by hand."""
    return Event(
        event_id=Event.make_id(doc_id, index, source[0], target[0], code),
        doc_id=doc_id,
        sentence_index=index,
        sentence=f"Sentence {index} of {doc_id}.",
        span=(0, 20),
        date=date,
        source=Actor(code=source[0], country=source[1], sector=source[2]),
        target=Actor(code=target[0], country=target[1], sector=target[2]),
        code=code,
        root=code[:2],
        quad_class=4,
        goldstein=-5.0,
        plover="COERCE",
        modality=modality,  # type: ignore[arg-type]
        location=Location(name=place, country="IRQ") if place else None,
    )


def make_doc(doc_id: str, date: str | None = "2020-01-03", source: str | None = None) -> tuple[Document, str]:
    """A document and its content hash."""
    text = f"Report {doc_id}."
    return Document(id=doc_id, text=text, date=date, source=source), content_hash(text)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


def load(store: Store, docs: list[tuple[Document, str]], events: list[Event]) -> None:
    run = store.begin_run({}, "test", "0", {})
    store.write_batch(run, docs, events)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("19", "190", True),
        ("19", "193", True),
        ("190", "193", False),
        ("173", "1731", True),
        ("1731", "173", True),
        ("173", "173", True),
        ("17", "18", False),
        ("0841", "084", True),
        ("0841", "0842", False),
    ],
)
def test_stories_codes_compatible(a: str, b: str, compatible: bool) -> None:
    assert codes_compatible(a, b) is compatible


@pytest.mark.parametrize(
    ("actor", "key"),
    [
        (("IRQCOP", "IRQ", "COP"), "IRQCOP"),
        (("IRQCOPXYZ", "IRQ", "COP"), "IRQCOP"),
        (("IRQ", "IRQ", None), "IRQ"),
        (("IGOUNO", None, None), "IGOUNO"),
        (("---", None, None), "---"),
    ],
)
def test_stories_side_key_is_country_and_sector(actor: tuple[str, str | None, str | None], key: str) -> None:
    assert side_key(*actor) == key


def test_stories_one_event_in_five_reports_and_two_others(store: Store) -> None:
    """Five documents report one arrest in different words; two other events link the same actors."""
    reports = [("r1", "173"), ("r2", "1731"), ("r3", "17"), ("r4", "173"), ("r5", "1731")]
    docs = [
        make_doc("r1", "2020-01-03", "Reuters"),
        make_doc("r2", "2020-01-03", "AFP"),
        make_doc("r3", "2020-01-04", "AP"),
        make_doc("r4", "2020-01-05", "Reuters"),
        make_doc("r5", "2020-01-04", None),
        make_doc("later", "2020-01-20", "AP"),
        make_doc("talks", "2020-01-04", "AP"),
    ]
    days = {"r1": "2020-01-03", "r2": "2020-01-04", "r3": None, "r4": "2020-01-05", "r5": "2020-01-04"}
    events = [make_event(doc, code, days[doc]) for doc, code in reports]
    events += [make_event("later", "173", "2020-01-20"), make_event("talks", "043", "2020-01-04")]
    load(store, docs, events)

    assert store.build_stories() == 3
    stories = store.stories().set_index("story_id")
    big = stories[stories["num_mentions"] == 5].iloc[0]
    assert (big["num_documents"], big["num_sources"]) == (5, 4)  # r5 has no source: it counts as its own
    assert (big["code"], big["root"], big["source_key"], big["target_key"]) == (
        "1731",
        "17",
        "IRQCOP",
        "IRQREB",
    )
    assert (str(big["first_date"])[:10], str(big["last_date"])[:10]) == ("2020-01-03", "2020-01-05")
    assert sorted(stories["num_mentions"]) == [1, 1, 5]
    assert big.name == story_id(events[0].event_id)  # the stable hash of its first member

    members = store.story_members(big.name)
    assert sorted(members["doc_id"]) == ["r1", "r2", "r3", "r4", "r5"]
    why = dict(zip(members["doc_id"], members["why"], strict=True))
    assert why["r1"].startswith("first report of IRQCOP>IRQREB 173 on 2020-01-03")
    assert why["r2"] == "same dyad IRQCOP>IRQREB, codes 173~1731, 1 day apart"
    assert "same day" not in why["r4"] and "2 days apart" in why["r4"]


def test_stories_negated_and_hypothetical_events_stay_out(store: Store) -> None:
    load(
        store,
        [make_doc("a"), make_doc("b"), make_doc("c")],
        [
            make_event("a", "173", "2020-01-03"),
            make_event("b", "173", "2020-01-03", modality="negated"),
            make_event("c", "173", "2020-01-03", modality="hypothetical"),
        ],
    )
    assert store.build_stories() == 1
    assert store.stories()["num_mentions"].tolist() == [1]
    assert store.sql("SELECT count(*) AS n FROM story_events")["n"][0] == 1


def test_stories_events_of_one_document_are_not_merged(store: Store) -> None:
    load(
        store,
        [make_doc("a")],
        [make_event("a", "173", "2020-01-03", 0), make_event("a", "173", "2020-01-03", 4)],
    )
    assert store.build_stories() == 2


def test_stories_sibling_codes_are_different_happenings(store: Store) -> None:
    events = [
        make_event("a", "19", "2020-01-03"),
        make_event("b", "190", "2020-01-03"),
        make_event("c", "193", "2020-01-03"),
    ]
    load(store, [make_doc(d) for d in "abc"], events)
    assert store.build_stories() == 2  # 19 and 190 agree; 193 is not on 190's branch
    assert sorted(store.stories()["code"]) == ["190", "193"]


@pytest.mark.parametrize(("window", "count"), [(0, 3), (1, 2), (2, 1), (30, 1)])
def test_stories_window_is_tunable(store: Store, window: int, count: int) -> None:
    days = ["2020-01-01", "2020-01-02", "2020-01-03"]
    load(
        store,
        [make_doc(f"d{i}") for i in range(3)],
        [make_event(f"d{i}", "173", d) for i, d in enumerate(days)],
    )
    assert store.build_stories(window_days=window) == count


def test_stories_undated_event_joins_by_its_document_date(store: Store) -> None:
    docs = [make_doc("a", "2020-01-03"), make_doc("near", "2020-01-04"), make_doc("far", "2020-02-01")]
    docs.append(make_doc("nodate", None))
    events = [make_event("a", "173", "2020-01-03")] + [
        make_event(d, "173", None) for d in ("near", "far", "nodate")
    ]
    load(store, docs, events)
    assert store.build_stories() == 3
    stories = store.stories()
    assert sorted(stories["num_mentions"]) == [1, 1, 2]
    alone = store.story_members(stories[stories["first_date"].isna()]["story_id"].iloc[0])
    assert alone["why"][0].endswith("undated: no other report can join it")


def test_stories_place_must_agree_when_both_are_known(store: Store) -> None:
    events = [
        make_event("a", "173", "2020-01-03", place="Baghdad"),
        make_event("b", "173", "2020-01-03", place="Basra"),
        make_event("c", "173", "2020-01-03", place="baghdad"),
        make_event("d", "173", "2020-01-03"),
    ]
    load(store, [make_doc(d) for d in "abcd"], events)
    assert store.build_stories() == 2
    assert sorted(store.stories()["num_mentions"]) == [1, 3]
    assert any("same place baghdad" in why for why in store.sql("SELECT why FROM story_events")["why"])


def test_stories_unknown_sides_only_match_unknown(store: Store) -> None:
    unknown = ("---", None, None)
    events = [
        make_event("a", "173", "2020-01-03", target=unknown),
        make_event("b", "173", "2020-01-03", target=unknown),
        make_event("c", "173", "2020-01-03"),
        make_event("d", "173", "2020-01-03", source=("SYRCOP", "SYR", "COP")),
    ]
    load(store, [make_doc(d) for d in "abcd"], events)
    assert store.build_stories() == 3
    keys = store.stories().sort_values("num_mentions")
    assert keys["target_key"].tolist()[-1] == "---"


def _inputs() -> list[StoryInput]:
    base = date(2020, 1, 1)
    out = []
    for i in range(200):
        out.append(
            StoryInput(
                event_id=f"e{i:03d}",
                doc_id=f"d{i % 40}",
                day=date.fromordinal(base.toordinal() + i % 9),
                code=random.Random(i).choice(["17", "173", "1731", "190"]),
                root="17" if i % 5 else "19",
                source_key="IRQCOP" if i % 3 else "SYRMIL",
                target_key="IRQREB",
                place_name=None,
                place_country=None,
                doc_day=None,
                doc_source=None,
            )
        )
    return [e._replace(code=e.code if e.code[:2] == e.root else e.root) for e in out]


def test_stories_are_deterministic_whatever_the_input_order() -> None:
    inputs = _inputs()
    shuffled = inputs[:]
    random.Random(7).shuffle(shuffled)
    first, second = group_stories(inputs), group_stories(shuffled)
    assert first == second
    assert sum(s.num_mentions for s in first) == len(inputs)
    assert len({event_id for s in first for event_id, _ in s.members}) == len(inputs)


def test_stories_rebuild_replaces_and_keeps_ids(store: Store) -> None:
    load(store, [make_doc(d) for d in "ab"], [make_event(d, "173", "2020-01-03") for d in "ab"])
    store.build_stories()
    ids = store.stories()["story_id"].tolist()
    store.build_stories()
    assert store.stories()["story_id"].tolist() == ids
    assert store.sql("SELECT count(*) AS n FROM story_events")["n"][0] == 2


def test_stories_filters_select_by_member_events(store: Store) -> None:
    events = [make_event("a", "173", "2020-01-03"), make_event("b", "043", "2020-03-03", source=POLICE)]
    load(store, [make_doc("a"), make_doc("b")], events)
    store.build_stories()
    assert store.stories(root="04")["code"].tolist() == ["043"]
    assert len(store.stories(actor="IRQ")) == 2
    assert len(store.stories(start="2020-02-01")) == 1


def test_stories_window_must_not_be_negative(store: Store) -> None:
    with pytest.raises(StoreError, match="window_days"):
        store.build_stories(window_days=-1)
