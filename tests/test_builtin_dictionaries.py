"""Consistency checks for the built-in actor dictionaries in src/tacitus/data/.

Self-contained: reads the TSV files straight from the source tree with the csv module, so the package
does not need to be installed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data"

# Sector codes listed in docs/dictionaries.md (agents.tsv), plus the organisation-only prefixes.
SECTORS = set(
    "GOV MIL COP JUD LEG OPP REB INS SEP CVL MED REL BUS NGO EDU LAB REF HLH ELI SPY CRM UAF AGR ENV".split()
)
ORG_SECTORS = SECTORS | {"IGO", "IMG", "NGO"}

ISO3 = {c.alpha_3 for c in pycountry.countries}
EXTRA_COUNTRIES = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1

HEADERS = {
    "countries.tsv": ["code", "names", "demonyms", "metonyms"],
    "agents.tsv": ["sector", "words", "note"],
    "organizations.tsv": ["code", "country", "sector", "names", "affiliation", "note"],
}
ALT_COLUMNS = {
    "countries.tsv": ("names", "demonyms", "metonyms"),
    "agents.tsv": ("words",),
    "organizations.tsv": ("names",),
}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header and data rows; lines starting with '#' are comments."""
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for rec in reader:
        assert len(rec) == len(header), f"{name}: wrong column count in {rec!r}"
        rows.append(dict(zip(header, rec, strict=True)))
    return header, rows


def _alts(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def _norm(alt: str) -> str:
    """Roughly the matcher's normalisation: quotes, hyphens, spaces, case, leading 'the'."""
    s = unicodedata.normalize("NFKC", alt)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = re.sub(r"[-\u2010-\u2015]", " ", s)
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return re.sub(r"^the ", "", s)


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    return _read("countries.tsv")[1]


@pytest.fixture(scope="module")
def agents() -> list[dict[str, str]]:
    return _read("agents.tsv")[1]


@pytest.fixture(scope="module")
def organizations() -> list[dict[str, str]]:
    return _read("organizations.tsv")[1]


def _lookup(rows: list[dict[str, str]], columns: tuple[str, ...], alt: str) -> list[dict[str, str]]:
    key = _norm(alt)
    return [r for r in rows if any(_norm(a) == key for c in columns for a in _alts(r[c]))]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_headers(name: str) -> None:
    header, _ = _read(name)
    assert header == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_cells_are_clean(name: str) -> None:
    _, rows = _read(name)
    for row in rows:
        for col in ALT_COLUMNS[name]:
            for alt in _alts(row[col]):
                assert alt and alt == alt.strip(), f"{name}: empty or padded alternative in {row!r}"
                assert "\t" not in alt
        first = ALT_COLUMNS[name][0]
        assert row[first], f"{name}: row without {first}: {row!r}"


def test_every_iso_country_has_one_row(countries: list[dict[str, str]]) -> None:
    codes = [r["code"] for r in countries]
    assert len(codes) == len(set(codes)), "duplicate country rows"
    assert ISO3 - set(codes) == set(), "countries missing"
    assert set(codes) - ISO3 <= EXTRA_COUNTRIES


def test_codes_are_uppercase(countries: list[dict[str, str]], organizations: list[dict[str, str]]) -> None:
    for row in countries + organizations:
        assert re.fullmatch(r"[A-Z]{3,}", row["code"]), row["code"]
    for row in countries:
        assert len(row["code"]) == 3


def test_organization_columns(organizations: list[dict[str, str]]) -> None:
    known = ISO3 | EXTRA_COUNTRIES
    for row in organizations:
        assert row["country"] == "" or row["country"] in known, row
        assert row["affiliation"] == "" or row["affiliation"] in known, row
        assert row["sector"] in ORG_SECTORS, row
        prefix = (row["country"] + row["sector"]) if row["country"] else row["sector"]
        assert row["code"].startswith(prefix), f"code {row['code']} does not start with {prefix}"


def test_agent_sectors_and_words(agents: list[dict[str, str]]) -> None:
    owner: dict[str, str] = {}
    for row in agents:
        assert row["sector"] in SECTORS, row["sector"]
        for word in _alts(row["words"]):
            # lowercase, or an all-caps acronym (optionally with a plural s: NGOs, MPs)
            assert word == word.lower() or re.fullmatch(r"[A-Z][A-Z.]*s?", word), word
            key = _norm(word)
            assert owner.setdefault(key, row["sector"]) == row["sector"], (
                f"agent word {word!r} in both {owner[key]} and {row['sector']}"
            )


def test_no_alternative_maps_to_two_codes(
    countries: list[dict[str, str]], organizations: list[dict[str, str]]
) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for col in ALT_COLUMNS["countries.tsv"]:
            for alt in _alts(row[col]):
                seen[_norm(alt)].add(row["code"])
    for row in organizations:
        for alt in _alts(row["names"]):
            seen[_norm(alt)].add(row["code"])
    collisions = {alt: sorted(codes) for alt, codes in seen.items() if len(codes) > 1}
    assert collisions == {}, f"alternatives mapped to several codes: {collisions}"


def test_agent_words_do_not_shadow_named_actors(
    agents: list[dict[str, str]], countries: list[dict[str, str]], organizations: list[dict[str, str]]
) -> None:
    named = {_norm(a) for r in countries for c in ALT_COLUMNS["countries.tsv"] for a in _alts(r[c])}
    named |= {_norm(a) for r in organizations for a in _alts(r["names"])}
    clash = sorted(w for r in agents for w in _alts(r["words"]) if _norm(w) in named)
    assert clash == []


@pytest.mark.parametrize(
    ("alt", "code"),
    [
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("Tehran", "IRN"),
        ("Washington", "USA"),
        ("U.S.", "USA"),
        ("Britons", "GBR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Gaza", "PSE"),
        ("Palestinians", "PSE"),
        ("Emirati", "ARE"),
        ("DRC", "COD"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
    ],
)
def test_country_facts(countries: list[dict[str, str]], alt: str, code: str) -> None:
    hits = _lookup(countries, ALT_COLUMNS["countries.tsv"], alt)
    assert [r["code"] for r in hits] == [code]


@pytest.mark.parametrize(
    ("alt", "code", "country", "affiliation"),
    [
        ("Hezbollah", "LBNREB", "LBN", "IRN"),
        ("Houthis", "YEMREB", "YEM", "IRN"),
        ("Kata'ib Hezbollah", "IRQREB", "IRQ", "IRN"),
        ("M23", "CODREB", "COD", "RWA"),
        ("NATO", "IGOWSTNAT", "", ""),
        ("United Nations", "IGOUNO", "", ""),
        ("European Union", "IGOEUREEC", "", ""),
        ("IRGC", "IRNMIL", "IRN", ""),
        ("Quds Force", "IRNMIL", "IRN", ""),
        ("Kremlin", "RUSGOV", "RUS", ""),
        ("Pentagon", "USAMIL", "USA", ""),
        ("al-Qaeda", "IMGMOSALQ", "", ""),
    ],
)
def test_organization_facts(
    organizations: list[dict[str, str]], alt: str, code: str, country: str, affiliation: str
) -> None:
    hits = _lookup(organizations, ("names",), alt)
    assert len(hits) == 1, hits
    row = hits[0]
    assert (row["code"], row["country"], row["affiliation"]) == (code, country, affiliation)


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("security forces", "COP"),
        ("police", "COP"),
        ("troops", "MIL"),
        ("regime", "GOV"),
        ("protesters", "CVL"),
        ("rebels", "REB"),
        ("gunmen", "UAF"),
        ("refugees", "REF"),
    ],
)
def test_agent_facts(agents: list[dict[str, str]], word: str, sector: str) -> None:
    hits = _lookup(agents, ("words",), word)
    assert [r["sector"] for r in hits] == [sector]
