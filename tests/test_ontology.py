"""The CAMEO codebook data (src/tacitus/data/cameo.tsv) and the module that reads it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tacitus.errors import ConfigError, DictionaryError
from tacitus.ontology import CameoCode, Codebook, default_codebook
from tacitus.ontology.cameo import PLOVER_TYPES

HEADER = "code\tname\tgoldstein\tquad_class\tplover\n"
ROOTS = [f"{n:02d}" for n in range(1, 21)]

# Codes below each root in CAMEO 1.1b3 (3- and 4-digit codes, root excluded).
CODES_PER_ROOT = {
    "01": 10, "02": 27, "03": 28, "04": 7, "05": 8, "06": 5, "07": 6, "08": 25, "09": 5, "10": 27,
    "11": 12, "12": 26, "13": 22, "14": 26, "15": 6, "16": 13, "17": 13, "18": 14, "19": 9, "20": 7,
}  # fmt: skip


@pytest.fixture(scope="module")
def book() -> Codebook:
    """The built-in codebook."""
    return default_codebook()


def write_tsv(tmp_path: Path, *rows: str) -> Path:
    """A cameo.tsv in tmp_path with the header and the given rows."""
    path = tmp_path / "cameo.tsv"
    path.write_text("# test codebook\n" + HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_every_root_exists(book: Codebook) -> None:
    assert [c.code for c in book.roots()] == ROOTS


@pytest.mark.parametrize(("root", "count"), sorted(CODES_PER_ROOT.items()))
def test_codes_per_root(book: Codebook, root: str, count: int) -> None:
    assert sum(1 for c in book if c.root == root and c.level > 0) == count


def test_total_and_unique(book: Codebook) -> None:
    codes = [c.code for c in book]
    assert len(codes) == len(book) == 316
    assert not [code for code, n in Counter(codes).items() if n > 1]


@pytest.mark.parametrize(
    ("roots", "quad"),
    [(ROOTS[0:5], 1), (ROOTS[5:8], 2), (ROOTS[8:13], 3), (ROOTS[13:20], 4)],
)
def test_quad_class_by_root(book: Codebook, roots: list[str], quad: int) -> None:
    assert {c.quad_class for c in book if c.root in roots} == {quad}


def test_every_code_has_its_parent(book: Codebook) -> None:
    for entry in book:
        assert entry.root == entry.code[:2]
        assert entry.code.isdigit() and 2 <= len(entry.code) <= 4
        if entry.parent is not None:
            assert entry.parent in book, entry.code


def test_fields_are_in_range(book: Codebook) -> None:
    for entry in book:
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.plover in PLOVER_TYPES
        assert entry.name


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "plover"),
    [
        ("01", "Make public statement", 0.0, "OTHER"),
        ("010", "Make statement, not specified below", 0.0, "OTHER"),
        ("020", "Make an appeal or request, not specified below", 3.0, "REQUEST"),
        ("0311", "Express intent to cooperate economically", 5.2, "AGREE"),
        ("042", "Make a visit", 1.9, "CONSULT"),
        ("043", "Host a visit", 2.8, "CONSULT"),
        ("057", "Sign formal agreement", 8.0, "SUPPORT"),
        ("0841", "Return, release person(s)", 7.0, "RETREAT"),
        ("0874", "Retreat or surrender militarily", 10.0, "RETREAT"),
        ("112", "Accuse, not specified below", -2.0, "ACCUSE"),
        ("120", "Reject, not specified below", -4.0, "REJECT"),
        ("130", "Threaten, not specified below", -4.4, "THREATEN"),
        ("145", "Protest violently, riot, not specified below", -7.5, "PROTEST"),
        ("173", "Arrest, detain, or charge with legal action", -5.0, "COERCE"),
        ("190", "Use conventional military force, not specified below", -10.0, "ASSAULT"),
        ("2042", "Detonate nuclear weapons", -10.0, "ASSAULT"),
    ],
)
def test_known_codes(book: Codebook, code: str, name: str, goldstein: float, plover: str) -> None:
    entry = book.get(code)
    assert (entry.code, entry.name, entry.goldstein, entry.plover) == (code, name, goldstein, plover)


def test_records_are_immutable(book: Codebook) -> None:
    entry = book.get("173")
    assert isinstance(entry, CameoCode)
    with pytest.raises(AttributeError):
        entry.goldstein = 0.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("code", "children"),
    [
        ("19", ["190", "191", "192", "193", "194", "195", "196"]),
        ("195", ["1951", "1952"]),
        ("084", ["0841", "0842"]),
        ("173", []),
    ],
)
def test_children(book: Codebook, code: str, children: list[str]) -> None:
    assert [c.code for c in book.children(code)] == children


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("19", "19", True),
        ("19", "190", True),
        ("193", "19", True),
        ("195", "1951", True),
        ("19", "1952", True),
        ("190", "193", False),
        ("18", "19", False),
        ("01", "10", False),
        ("010", "10", False),
    ],
)
def test_is_compatible(book: Codebook, a: str, b: str, expected: bool) -> None:
    assert book.is_compatible(a, b) is expected


def test_contains(book: Codebook) -> None:
    assert "0841" in book and "19" in book
    assert "841" not in book and "999" not in book and 19 not in book


@pytest.mark.parametrize(("code", "hint"), [("999", "cameo.tsv"), ("841", "'0841'"), (19, "strings")])
def test_unknown_code_error(book: Codebook, code: object, hint: str) -> None:
    with pytest.raises(ConfigError, match="unknown CAMEO event code") as info:
        book.get(code)  # type: ignore[arg-type]
    assert hint in str(info.value)


def test_is_compatible_rejects_unknown(book: Codebook) -> None:
    with pytest.raises(ConfigError):
        book.is_compatible("19", "999")


def test_default_codebook_is_cached() -> None:
    assert default_codebook() is default_codebook()


def test_load_from_path(tmp_path: Path) -> None:
    path = write_tsv(tmp_path, "19\tFight\t-10.0\t4\tASSAULT", "190\tUse force\t-10.0\t4\tASSAULT")
    assert [c.code for c in Codebook.load(path)] == ["19", "190"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("19\tFight\t-10.0\t4", "5 tab-separated cells"),
        ("21\tNope\t0.0\t4\tASSAULT", "bad code"),
        ("19\tFight\tlots\t4\tASSAULT", "not a number"),
        ("19\tFight\t-11.0\t4\tASSAULT", "outside -10..10"),
        ("19\tFight\t-10.0\t2\tASSAULT", "quad_class"),
        ("19\tFight\t-10.0\t4\tWAR", "PLOVER"),
        ("193\tFight with small arms\t-10.0\t4\tASSAULT", "no parent"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = write_tsv(tmp_path, row)
    with pytest.raises(DictionaryError, match=message) as info:
        Codebook.load(path)
    assert info.value.path == str(path)
    assert info.value.line == 3


def test_duplicate_code(tmp_path: Path) -> None:
    row = "19\tFight\t-10.0\t4\tASSAULT"
    with pytest.raises(DictionaryError, match="already given on line 3") as info:
        Codebook.load(write_tsv(tmp_path, row, row))
    assert info.value.line == 4


def test_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "cameo.tsv"
    path.write_text("code\tname\n19\tFight\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="header"):
        Codebook.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        Codebook.load(tmp_path / "absent.tsv")
