"""Scoring against a gold set: hand-built events, no spaCy model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.errors import InputError
from tacitus.evaluate import (
    GoldEvent,
    GoldItem,
    country_of,
    evaluate_jsonl,
    pair,
    read_gold_jsonl,
    score,
)
from tacitus.model import Actor, Document, Event, Modality


def actor(code: str) -> Actor:
    """An actor with only its code set (scoring reads nothing else)."""
    return Actor(code=code)


def event(source: str, target: str, code: str, modality: Modality = "asserted", doc: str = "d") -> Event:
    """A hand-built coded event."""
    return Event(
        event_id=f"{doc}-{source}-{target}-{code}",
        doc_id=doc,
        sentence_index=0,
        sentence=f"sentence of {doc}",
        span=(0, 1),
        source=actor(source),
        target=actor(target),
        code=code,
        root=code[:2],
        quad_class=4,
        goldstein=-5.0,
        plover="COERCE",
        modality=modality,
    )


def gold(source: str, target: str, code: str, modality: Modality = "asserted") -> GoldEvent:
    return GoldEvent(source=source, target=target, code=code, modality=modality)


def item(id: str, events: list[GoldEvent], tags: list[str] | None = None) -> GoldItem:
    return GoldItem(id=id, date="2023-01-01", text=f"text of {id}", events=events, tags=tags or [])


# A small table: (gold item, predicted events) chosen so each level gives different counts.
ITEMS = [
    # exact hit
    item("a", [gold("IRQCOP", "IRQREB", "173")], ["arrest"]),
    # same dyad country and root, different codes: miss at exact, hit at dyad_root and root
    item("b", [gold("USAGOV", "IRN", "111")], ["reported_speech"]),
    # right root, wrong countries: hit only at root
    item("c", [gold("RUS", "UKR", "190")], ["reported_speech"]),
    # nothing predicted
    item("d", [gold("DEU", "IRN", "161")]),
    # a negated gold event and a no_event item with a false alarm
    item("e", [gold("ISR", "PSE", "190", "negated")]),
    item("f", [], ["no_event"]),
]
PREDICTED = {
    "a": [event("IRQCOP", "IRQREB", "173", doc="a")],
    "b": [event("USA", "IRNGOV", "112", doc="b")],
    "c": [event("UKR", "RUS", "193", doc="c")],
    "e": [event("ISR", "PSE", "190", "asserted", doc="e")],
    "f": [event("CVL", "---", "145", doc="f")],
}


@pytest.fixture(scope="module")
def report():
    return score(ITEMS, PREDICTED)


def test_precision_recall_f1_at_three_levels(report):
    # 4 asserted gold events (a, b, c, d); 5 asserted predictions (a, b, c, e, f).
    exact = report.levels["exact"].overall
    assert (exact.tp, exact.fp, exact.fn) == (1, 4, 3)
    assert exact.precision == pytest.approx(1 / 5)
    assert exact.recall == pytest.approx(1 / 4)
    assert exact.f1 == pytest.approx(2 / 9)
    dyad = report.levels["dyad_root"].overall
    assert (dyad.tp, dyad.fp, dyad.fn) == (2, 3, 2)
    assert dyad.f1 == pytest.approx(4 / 9)
    root = report.levels["root"].overall
    assert (root.tp, root.fp, root.fn) == (3, 2, 1)
    assert root.precision == pytest.approx(3 / 5)
    assert root.recall == pytest.approx(3 / 4)


def test_per_root_scores(report):
    by_root = report.levels["root"].by_root
    assert (by_root["19"].tp, by_root["19"].fp, by_root["19"].fn) == (1, 1, 0)  # c hit; e is a false alarm
    assert (by_root["16"].tp, by_root["16"].fn) == (0, 1)
    assert by_root["16"].precision is None
    assert by_root["14"].fp == 1
    exact = report.levels["exact"].by_root
    assert (exact["11"].tp, exact["11"].fp, exact["11"].fn) == (0, 1, 1)


def test_per_tag_scores(report):
    tags = report.levels["dyad_root"].by_tag
    assert (tags["reported_speech"].tp, tags["reported_speech"].fp, tags["reported_speech"].fn) == (1, 1, 1)
    assert tags["arrest"].f1 == 1.0
    assert tags["no_event"].fp == 1 and tags["no_event"].recall is None
    assert report.levels["exact"].by_tag["reported_speech"].tp == 0


def test_misses_and_false_alarms_name_item_text_and_sentence(report):
    level = report.levels["exact"]
    assert [(m.item_id, m.event.code) for m in level.misses] == [("b", "111"), ("c", "190"), ("d", "161")]
    assert level.misses[0].text == "text of b"
    assert level.misses[0].event.sentence is None
    alarms = [(m.item_id, m.event.code, m.event.sentence) for m in level.false_alarms]
    assert alarms == [
        ("b", "112", "sentence of b"),
        ("c", "193", "sentence of c"),
        ("e", "190", "sentence of e"),
        ("f", "145", "sentence of f"),
    ]


def test_multiset_matching_pairs_each_gold_event_once():
    items = [item("m", [gold("USA", "IRN", "111"), gold("USA", "IRN", "111")])]
    three = {"m": [event("USA", "IRN", "111") for _ in range(3)]}
    counts = score(items, three).levels["exact"].overall
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 0)
    one = {"m": [event("USA", "IRN", "111")]}
    counts = score(items, one).levels["exact"].overall
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)
    assert pair(["x", "y", "x"], ["x", "x", "z"]) == [(0, 0), (2, 1)]


def test_modality_accuracy_uses_all_events_at_dyad_root(report):
    # Matched at dyad_root: a and b (asserted/asserted), e (negated/asserted); c's dyad is reversed.
    modality = report.modality
    assert modality.matched == 3
    assert modality.agreed == 2
    assert modality.accuracy == pytest.approx(2 / 3)
    assert modality.confusion[("negated", "asserted")] == 1


def test_modality_pairs_equal_modalities_first():
    items = [item("m", [gold("USA", "IRN", "111", "hypothetical"), gold("USA", "IRN", "112")])]
    predicted = {"m": [event("USA", "IRN", "111"), event("USA", "IRN", "110", "hypothetical")]}
    modality = score(items, predicted).modality
    assert (modality.matched, modality.agreed) == (2, 2)


def test_no_event_false_alarms(report):
    assert report.no_event_items == 1
    assert [a.item_id for a in report.no_event_alarms] == ["f"]
    assert report.no_event_alarms[0].events[0].code == "145"
    # Empty gold lists count as no_event even without the tag; non-asserted predictions are not alarms.
    quiet = score([item("q", [])], {"q": [event("USA", "IRN", "111", "hypothetical")]})
    assert quiet.no_event_items == 1 and quiet.no_event_alarms == []


@pytest.mark.parametrize(
    ("code", "country"),
    [
        ("IRQCOP", "IRQ"),
        ("IRQ", "IRQ"),
        ("USAGOV", "USA"),
        ("XKX", "XKX"),
        ("CVL", "---"),
        ("GOV", "---"),
        ("COPMIL", "---"),
        ("IGOUNO", "---"),
        ("NGOHRW", "---"),
        ("IMGMOSISI", "---"),
        ("---", "---"),
    ],
)
def test_country_of(code, country):
    assert country_of(code) == country


def test_report_serialises_and_renders(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert data["levels"]["exact"]["overall"]["tp"] == 1
    assert data["modality"]["confusion"]["negated"]["asserted"] == 1
    assert data["no_event"]["alarms"][0]["item_id"] == "f"
    text = report.format_text()
    assert "dyad_root" in text and "reported_speech" in text
    assert "[f] 145 CVL -> --- (asserted)" in text


def write_gold(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps(
    {
        "id": "g1",
        "date": "2023-01-01",
        "text": "Iraqi police arrested militants.",
        "events": [{"source": "IRQCOP", "target": "IRQREB", "code": "173", "modality": "asserted"}],
        "tags": [],
    }
)


def test_read_gold_jsonl(tmp_path):
    items = read_gold_jsonl(write_gold(tmp_path, [GOOD, ""]))
    assert [i.id for i in items] == ["g1"]
    assert items[0].events[0].code == "173"


@pytest.mark.parametrize(
    ("bad", "needle"),
    [
        ("{not json", "json"),
        (GOOD.replace('"code": "173", ', ""), "events.0.code"),
        (GOOD.replace('"text"', '"txt"'), "text"),
        (GOOD.replace('"173"', '"999"'), "events.0.code"),
        (GOOD.replace('"asserted"', '"maybe"'), "events.0.modality"),
        (GOOD.replace('"g1"', '"a"'), "repeats line 1"),
    ],
)
def test_malformed_gold_names_file_and_line(tmp_path, bad, needle):
    path = write_gold(tmp_path, [GOOD.replace('"g1"', '"a"'), "", bad])
    with pytest.raises(InputError) as caught:
        read_gold_jsonl(path)
    assert caught.value.item == f"{path}:3"
    assert str(path) in str(caught.value) and ":3:" in str(caught.value)
    assert needle in caught.value.reason.lower() or needle in caught.value.reason


class FakeCoder:
    """Returns fixed events per document id, as Coder.code_documents would."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.events = events
        self.seen: list[Document] = []

    def code_documents(self, documents):
        for document in documents:
            self.seen.append(document)
            yield document, self.events.get(document.id, [])


def test_evaluate_jsonl_codes_each_item(tmp_path):
    path = write_gold(tmp_path, [GOOD])
    coder = FakeCoder({"g1": [event("IRQCOP", "IRQREB", "173", doc="g1")]})
    report = evaluate_jsonl(path, coder)  # type: ignore[arg-type]
    assert coder.seen == [Document(id="g1", text="Iraqi police arrested militants.", date="2023-01-01")]
    assert report.levels["exact"].overall.f1 == 1.0
