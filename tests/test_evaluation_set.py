"""The project's own evaluation set: scores may not fall below the level reached (raise as the coder improves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.evaluate import evaluate_jsonl

pytestmark = pytest.mark.model

GOLD = Path(__file__).resolve().parents[1] / "evaluation" / "gold.jsonl"
# Reached on 2026-11-23, session 2 (dyad_root 0.751, root 0.774, exact 0.412, modality 0.99, no-event alarms
# 0 of 18). Root-level F1 fell from 0.70 when events with one side unidentified stopped being emitted by default.
FLOORS = {"dyad_root": 0.73, "root": 0.75, "exact": 0.39}


@pytest.fixture(scope="module")
def report(coder):
    return evaluate_jsonl(GOLD, coder)


@pytest.mark.parametrize(("level", "floor"), FLOORS.items())
def test_evaluation_set_f1_floor(report, level, floor):
    assert report.levels[level].overall.f1 >= floor


def test_evaluation_set_modality_and_no_event(report):
    assert report.modality.accuracy >= 0.95
    assert len(report.no_event_alarms) <= 1


# Held-out sets written for Tacitus by people who did not see the coder (evaluation/README.md). heldout_c was
# scored once, untouched, on 2026-11-23 (dyad_root 0.504; 0.518 after later changes tuned on a and b). Floors a little
# below what was reached that day; the no-event limit is the bar (at most 1 of 13).
HELDOUT = {"heldout_a.jsonl": 0.61, "heldout_b.jsonl": 0.49, "heldout_c.jsonl": 0.49}


@pytest.mark.parametrize(("name", "floor"), HELDOUT.items())
def test_heldout_sets(coder, name, floor):
    report = evaluate_jsonl(GOLD.parent / name, coder)
    assert report.levels["dyad_root"].overall.f1 >= floor
    assert report.modality.accuracy >= 0.9
    assert len(report.no_event_alarms) <= 1
