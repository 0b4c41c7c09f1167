"""Consistency checks for the built-in people dictionary (src/tacitus/data/people.tsv).

Self-contained: reads the TSV with the csv module only, so it runs without the rest of the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

PEOPLE_TSV = Path(__file__).resolve().parent.parent / "src" / "tacitus" / "data" / "people.tsv"
HEADER = ["names", "code", "country", "sector", "start", "end", "role"]
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "REL", "ELI", "SPY", "IGO", "MED", "BUS", "CRM"}


def _read() -> tuple[list[str], list[dict[str, str]]]:
    with PEOPLE_TSV.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    rows = [dict(zip(header, rec, strict=False)) | {"_n": str(i)} for i, rec in enumerate(reader, start=2)]
    return header, rows


HEADER_ROW, ROWS = _read()


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _person(row: dict[str, str]) -> str:
    return row["names"].split("|")[0].strip()


def _fold(text: str) -> str:
    """Normalise a name the way the matcher does: case, accents, hyphens, quotes, 'al-'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("'", "").replace("-", " ").replace(".", " ")
    tokens = [t for t in text.split() if t not in {"al", "el"}]
    return " ".join(tokens)


def _by_person() -> dict[str, list[dict[str, str]]]:
    people: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        people[_person(row)].append(row)
    return people


def _code_on(display_name: str, day: str) -> str | None:
    """Resolve a person's code for a document date, as documented in docs/dictionaries.md."""
    rows = _by_person()[display_name]
    when = dt.date.fromisoformat(day)
    dated = [
        r for r in rows
        if r["start"] and _date(r["start"]) <= when and (not r["end"] or when <= _date(r["end"]))
    ]
    if dated:
        assert len(dated) == 1, f"{display_name}: several rows on {day}"
        return dated[0]["code"]
    fallback = [r for r in rows if not r["start"] and not r["end"]]
    return fallback[0]["code"] if fallback else None


def test_header_exact():
    assert HEADER_ROW == HEADER


def test_enough_rows():
    assert len(ROWS) >= 400
    assert len(_by_person()) >= 200


def test_every_row_has_seven_fields_and_names():
    for row in ROWS:
        assert all(row.get(col) is not None for col in HEADER), f"line {row['_n']}: missing fields"
        assert row["names"].strip(), f"line {row['_n']}: empty names"
        assert row["role"].strip(), f"line {row['_n']}: empty role"
        assert all(a.strip() == a and a for a in row["names"].split("|")), f"line {row['_n']}: bad alternative"


def test_dates_parse_and_are_ordered():
    for row in ROWS:
        start, end = _date(row["start"]), _date(row["end"])
        if end is not None:
            assert start is not None, f"line {row['_n']}: end without start"
            assert start <= end, f"line {row['_n']}: start after end"
        for value in (row["start"], row["end"]):
            assert not value or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"line {row['_n']}: {value!r}"


def test_codes_match_country_and_sector():
    for row in ROWS:
        code, country, sector = row["code"], row["country"], row["sector"]
        assert sector in SECTORS, f"line {row['_n']}: unknown sector {sector!r}"
        if country:
            assert re.fullmatch(r"[A-Z]{3}", country), f"line {row['_n']}: bad country {country!r}"
            assert code == country + sector, f"line {row['_n']}: {code} != {country}+{sector}"
        else:
            assert sector == "IGO", f"line {row['_n']}: empty country needs sector IGO"
            assert code.startswith("IGO") and len(code) >= 6, f"line {row['_n']}: bad IGO code {code}"


def test_one_names_cell_and_at_most_one_fallback_per_person():
    for person, rows in _by_person().items():
        assert len({r["names"] for r in rows}) == 1, f"{person}: rows disagree on the names cell"
        undated = [r for r in rows if not r["start"] and not r["end"]]
        assert len(undated) <= 1, f"{person}: several undated fallback rows"


def test_no_overlapping_roles_for_one_person():
    problems = []
    for person, rows in _by_person().items():
        spans = sorted(
            (_date(r["start"]), _date(r["end"]) or dt.date.max, r["_n"]) for r in rows if r["start"]
        )
        for (_s1, e1, n1), (s2, _e2, n2) in zip(spans, spans[1:], strict=False):
            if s2 <= e1:
                problems.append(f"{person}: line {n1} overlaps line {n2}")
    assert not problems, "\n".join(problems)


def test_no_name_shared_by_two_people():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for alt in row["names"].split("|"):
            owners[_fold(alt)].add(_person(row))
    collisions = {alt: sorted(p) for alt, p in owners.items() if len(p) > 1}
    assert not collisions, "name collisions: " + "; ".join(f"{a!r} -> {p}" for a, p in sorted(collisions.items()))


def test_sorted_by_country_then_name():
    def key(row):
        name = unicodedata.normalize("NFKD", _person(row))
        name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
        return (row["country"], name)

    keys = [key(r) for r in ROWS]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("person", "day", "code"),
    [
        ("Qassem Soleimani", "2019-06-01", "IRNMIL"),
        ("Qassem Soleimani", "2021-06-01", "IRNMIL"),
        ("Donald Trump", "2018-06-01", "USAGOV"),
        ("Donald Trump", "2025-06-01", "USAGOV"),
        ("Donald Trump", "2023-06-01", "USAELI"),
        ("Hassan Rouhani", "2015-01-01", "IRNGOV"),
        ("Ali Khamenei", "2024-01-01", "IRNGOV"),
        ("Esmail Qaani", "2020-06-01", "IRNMIL"),
        ("Hassan Nasrallah", "2020-01-01", "LBNREB"),
        ("Abu Mahdi al-Muhandis", "2019-01-01", "IRQREB"),
        ("Ahmed al-Sharaa", "2020-01-01", "SYRREB"),
        ("Ahmed al-Sharaa", "2025-03-01", "SYRGOV"),
        ("Mohamed Hamdan Dagalo", "2024-01-01", "SDNREB"),
        ("Ali al-Sistani", "2015-01-01", "IRQREL"),
        ("António Guterres", "2020-01-01", "IGOUNO"),
        ("Mark Rutte", "2025-01-01", "IGOWSTNAT"),
        ("Jens Stoltenberg", "2020-01-01", "IGOWSTNAT"),
        ("Kaja Kallas", "2025-01-01", "IGOEUREEC"),
        ("Vladimir Putin", "2010-01-01", "RUSGOV"),
        ("Volodymyr Zelensky", "2023-01-01", "UKRGOV"),
    ],
)
def test_specific_facts(person, day, code):
    assert person in _by_person(), f"{person} missing"
    assert _code_on(person, day) == code


def test_rouhani_not_government_after_office():
    assert _code_on("Hassan Rouhani", "2022-01-01") != "IRNGOV"


def test_trump_has_undated_fallback():
    rows = _by_person()["Donald Trump"]
    fallback = [r for r in rows if not r["start"] and not r["end"]]
    assert len(fallback) == 1
    assert fallback[0]["code"] == "USAELI"


def test_soleimani_has_no_role_after_death():
    rows = _by_person()["Qassem Soleimani"]
    assert all(not r["start"] or _date(r["end"]) <= dt.date(2020, 1, 3) for r in rows)
