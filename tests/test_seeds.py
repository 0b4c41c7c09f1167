"""The seed articles (real web text) come out as the system they describe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus import Document

pytestmark = [pytest.mark.shared, pytest.mark.model]

GOLD = Path(__file__).resolve().parents[1] / "evaluation" / "seeds_gold.jsonl"
# Conditional and future sentences of the seeds: nothing asserted may come from them.
HYPOTHETICAL = [
    "if he does respond seriously, he will have to pay a heavier price",
    "The committee will announce the names of the killers soon",
    "Either in response to hollow rhetoric of the regime to retreat",
    "the Pentagon is seeking Biden approval to attack Tehran-backed militants",
    "A military parade in the Green Zone may lead to the disintegration",
]


def _country(code: str) -> str:
    return "---" if code in ("", "---") or len(code) < 3 or code.startswith(("IGO", "NGO", "IMG")) else code[:3]


def _code_seeds(coder, shared_dir):
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    documents = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in seeds]
    coded = {document.id: events for document, events in coder.code_documents(documents)}
    coded["__text__"] = " ".join(document.text for document in documents)  # type: ignore[assignment]
    return coded


@pytest.fixture(scope="module")
def seed_events(open_coder, shared_dir):
    """Every event, including those with one side unidentified (seven of our seed events have one)."""
    return _code_seeds(open_coder, shared_dir)


@pytest.fixture(scope="module")
def seed_dyads(coder, shared_dir):
    """The default output: events whose source and target are both identified."""
    return _code_seeds(coder, shared_dir)


def _found(gold: list[dict], coded: dict) -> list[str]:
    found = []
    for item in gold:
        events = coded[item["doc"]]
        if any(
            e.modality == "asserted"
            and e.root == item["root"]
            and _country(e.source.code if e.source.country is None else e.source.country) == item["source"]
            and _country(e.target.code if e.target.country is None else e.target.country) == item["target"]
            for e in events
        ):
            found.append(item["what"])
    return found


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seeds_clear_events_found(seed_events):
    found = _found(_gold(), seed_events)
    assert len(found) >= 20, f"found {len(found)} of {len(_gold())}: {found}"


def test_seeds_dyads_found_by_default(seed_dyads):
    gold = [item for item in _gold() if "---" not in (item["source"], item["target"])]
    found = _found(gold, seed_dyads)
    assert len(found) >= 13, f"found {len(found)} of {len(gold)}: {found}"


@pytest.mark.parametrize("fragment", HYPOTHETICAL)
def test_seeds_no_asserted_event_from_conditionals(seed_events, fragment):
    assert fragment in seed_events["__text__"]  # the sentence is really in a seed
    events = [e for key, found in seed_events.items() if key != "__text__" for e in found]
    assert [e for e in events if fragment in e.sentence and e.modality == "asserted"] == []
