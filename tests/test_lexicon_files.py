"""Structural checks of the built-in event lexicon: src/tacitus/data/verbs.tsv and nouns.tsv.

Self-contained: reads the files with csv, needs neither spaCy nor the tacitus package.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "src" / "tacitus" / "data"
VERBS = DATA / "verbs.tsv"
NOUNS = DATA / "nouns.tsv"
CAMEO = DATA / "cameo.tsv"

VERB_HEADER = ["verb", "code", "target", "example"]
NOUN_HEADER = ["noun", "code", "example"]
ROOTS = [f"{n:02d}" for n in range(1, 21)]
# A CAMEO code: a root 01-20, optionally followed by one or two more digits ("19", "190", "0841").
CODE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
LEMMA_WORD = re.compile(r"[a-z]+(-[a-z]+)*")
TARGET_ALT = re.compile(r"obj|[a-z]+")


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for number, cells in enumerate(reader, start=2):
        assert len(cells) == len(header), f"{path.name} data row {number}: {cells!r}"
        rows.append(dict(zip(header, cells, strict=True)))
    return header, rows


@pytest.fixture(scope="module")
def verbs() -> list[dict[str, str]]:
    header, rows = read_tsv(VERBS)
    assert header == VERB_HEADER
    return rows


@pytest.fixture(scope="module")
def nouns() -> list[dict[str, str]]:
    header, rows = read_tsv(NOUNS)
    assert header == NOUN_HEADER
    return rows


def test_headers_exact() -> None:
    assert read_tsv(VERBS)[0] == VERB_HEADER
    assert read_tsv(NOUNS)[0] == NOUN_HEADER


def test_sizes(verbs: list[dict[str, str]], nouns: list[dict[str, str]]) -> None:
    assert len(verbs) >= 400
    assert len(nouns) >= 150


@pytest.mark.parametrize("which", ["verbs", "nouns"])
def test_codes_are_well_formed(which: str, request: pytest.FixtureRequest) -> None:
    rows = request.getfixturevalue(which)
    bad = [r for r in rows if not r["code"] or not CODE.fullmatch(r["code"])]
    assert not bad, bad[:5]


def test_every_root_has_verbs(verbs: list[dict[str, str]]) -> None:
    per_root = Counter(r["code"][:2] for r in verbs)
    missing = [root for root in ROOTS if per_root[root] < 5]
    assert not missing, {root: per_root[root] for root in missing}


def test_verb_patterns_are_lowercase_lemmas(verbs: list[dict[str, str]]) -> None:
    bad = [r["verb"] for r in verbs if not all(LEMMA_WORD.fullmatch(w) for w in r["verb"].split(" "))]
    assert not bad, bad[:10]
    assert all(r["verb"] == r["verb"].strip() and "  " not in r["verb"] for r in verbs)


def test_targets_are_obj_or_prepositions(verbs: list[dict[str, str]]) -> None:
    bad = [
        (r["verb"], r["target"])
        for r in verbs
        if r["target"] and not all(TARGET_ALT.fullmatch(alt) for alt in r["target"].split("|"))
    ]
    assert not bad, bad[:10]


def test_no_duplicate_verb_rows(verbs: list[dict[str, str]]) -> None:
    keys = Counter((r["verb"], r["code"], r["target"]) for r in verbs)
    assert not [k for k, n in keys.items() if n > 1]


def test_verb_pattern_has_one_code(verbs: list[dict[str, str]]) -> None:
    # Two codes for the same pattern would make the match ambiguous.
    codes: dict[str, set[str]] = {}
    for r in verbs:
        codes.setdefault(r["verb"], set()).add(r["code"])
    assert not {v: c for v, c in codes.items() if len(c) > 1}


def test_nouns_are_single_lowercase_lemmas(nouns: list[dict[str, str]]) -> None:
    bad = [r["noun"] for r in nouns if not LEMMA_WORD.fullmatch(r["noun"])]
    assert not bad, bad[:10]
    counts = Counter(r["noun"] for r in nouns)
    assert not [n for n, k in counts.items() if k > 1]


def test_examples_present(verbs: list[dict[str, str]], nouns: list[dict[str, str]]) -> None:
    assert all(r["example"].strip() for r in verbs + nouns)


def test_codes_are_in_the_codebook(verbs: list[dict[str, str]], nouns: list[dict[str, str]]) -> None:
    if not CAMEO.exists():
        pytest.skip("src/tacitus/data/cameo.tsv is not there yet")
    _, cameo = read_tsv(CAMEO)
    known = {r["code"] for r in cameo}
    unknown = sorted({r["code"] for r in verbs + nouns} - known)
    assert not unknown
