"""The project's own evaluation set: scores may not fall below the level reached (raise as the coder improves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.evaluate import evaluate_jsonl

pytestmark = pytest.mark.model

GOLD = Path(__file__).resolve().parents[1] / "evaluation" / "gold.jsonl"
# Reached on 2026-11-23 (dyad_root 0.439, root 0.704, modality 0.99, 1 no-event alarm of 18).
FLOORS = {"dyad_root": 0.42, "root": 0.68, "exact": 0.20}


@pytest.fixture(scope="module")
def report(coder):
    return evaluate_jsonl(GOLD, coder)


@pytest.mark.parametrize(("level", "floor"), FLOORS.items())
def test_evaluation_set_f1_floor(report, level, floor):
    assert report.levels[level].overall.f1 >= floor


def test_evaluation_set_modality_and_no_event(report):
    assert report.modality.accuracy >= 0.95
    assert len(report.no_event_alarms) <= 2
