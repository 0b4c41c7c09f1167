"""Shared fixtures: one Coder (and so one spaCy model) for the whole test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from tacitus import Coder, Config

    return Coder(Config(date="2021-06-01"))


@pytest.fixture(scope="session")
def open_coder(coder):
    """The same model, keeping events with one side unidentified ('---', or a sector with no country)."""
    from tacitus import Coder, Config

    return Coder(Config(date="2021-06-01", keep_unknown=True), nlp=coder.nlp)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: tests marked 'shared' need ../shared beside the checkout")
    return SHARED
