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
SYNSETS = DATA / "synsets.tsv"
CAMEO = DATA / "cameo.tsv"

VERB_HEADER = ["verb", "code", "target", "example"]
NOUN_HEADER = ["noun", "code", "example"]
ROOTS = [f"{n:02d}" for n in range(1, 21)]
# A CAMEO code: a root 01-20, optionally followed by one or two more digits ("19", "190", "0841").
CODE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
LEMMA_WORD = re.compile(r"[a-z]+(-[a-z]+)*")
SYNSET_NAME = re.compile(r"&[A-Z][A-Z_]*")
# "obj", a preposition, or "src:" + the preposition that introduces the source of a converse verb.
TARGET_ALT = re.compile(r"obj|[a-z]+|src:[a-z]+")


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


@pytest.fixture(scope="module")
def synsets() -> dict[str, list[str]]:
    header, rows = read_tsv(SYNSETS)
    assert header == ["synset", "words"]
    names = [r["synset"] for r in rows]
    assert len(names) == len(set(names)), "a synonym set is defined twice"
    return {r["synset"]: r["words"].split("|") for r in rows}


def test_synsets_are_named_sets_of_lowercase_words(synsets: dict[str, list[str]]) -> None:
    assert all(SYNSET_NAME.fullmatch(name) for name in synsets)
    bad = {name: w for name, words in synsets.items() for w in words if not LEMMA_WORD.fullmatch(w)}
    assert not bad
    assert all(len(words) == len(set(words)) for words in synsets.values())


def test_verb_rows_name_known_synsets(verbs: list[dict[str, str]], synsets: dict[str, list[str]]) -> None:
    used = {w for r in verbs for w in r["verb"].split(" ") if w.startswith("&")}
    assert used, "no verb row uses a synonym set"
    assert used <= set(synsets), used - set(synsets)
    assert not [r["verb"] for r in verbs if r["verb"].startswith("&")], "a row must start with a verb"
    assert set(synsets) <= used, f"unused synonym sets: {set(synsets) - used}"


def test_converse_rows_name_only_their_source(verbs: list[dict[str, str]]) -> None:
    converse = [r for r in verbs if "src:" in r["target"]]
    assert len(converse) >= 20
    # The target of a converse verb is its subject; other places in the cell would be ignored.
    assert not [r["verb"] for r in converse if not all(a.startswith("src:") for a in r["target"].split("|"))]


def test_verb_patterns_are_lowercase_lemmas(verbs: list[dict[str, str]]) -> None:
    bad = [
        r["verb"] for r in verbs
        if not all(LEMMA_WORD.fullmatch(w) or SYNSET_NAME.fullmatch(w) for w in r["verb"].split(" "))
    ]
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
