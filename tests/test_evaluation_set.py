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
