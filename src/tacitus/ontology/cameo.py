"""The CAMEO event codebook: every code with its name, Goldstein score, quad class and PLOVER type.

The data live in ``tacitus/data/cameo.tsv`` (format in docs/dictionaries.md). Codes are always strings
(``"173"``, ``"0841"``); the first two characters are the root (``"01"`` .. ``"20"``) and each longer
code's parent is the code without its last character.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from tacitus.errors import ConfigError, DictionaryError

COLUMNS = ("code", "name", "goldstein", "quad_class", "plover")
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
PLOVER_TYPES = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
        "OTHER",
    }
)  # fmt: skip
_CODE_RE = re.compile(r"\d{2,4}")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what the codebook says about it."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover: str

    @property
    def level(self) -> int:
        """Depth in the hierarchy: 0 for a root, 1 for a 3-digit code, 2 for a 4-digit code."""
        return len(self.code) - 2

    @property
    def parent(self) -> str | None:
        """The parent code, or None for a root."""
        return parent_of(self.code)


def parent_of(code: str) -> str | None:
    """The parent of a code string ("1951" -> "195", "190" -> "19", "19" -> None)."""
    return code[:-1] if len(code) > 2 else None


def quad_class_of(root: str) -> int:
    """The quad class a root belongs to: 1 for 01-05, 2 for 06-08, 3 for 09-13, 4 for 14-20."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


class Codebook:
    """The CAMEO codebook as a read-only mapping from code string to :class:`CameoCode`."""

    __slots__ = ("_codes",)

    def __init__(self, codes: Iterable[CameoCode]) -> None:
        self._codes = MappingProxyType({c.code: c for c in codes})

    @classmethod
    def load(cls, path: str | Path | None = None) -> Codebook:
        """Read the built-in codebook, or the TSV file at ``path``."""
        if path is None:
            resource = resources.files("tacitus").joinpath("data").joinpath("cameo.tsv")
            return cls(parse_codebook(resource.read_text(encoding="utf-8"), str(resource)))
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DictionaryError(f"cannot read the CAMEO codebook: {exc.strerror}", str(path)) from exc
        return cls(parse_codebook(text, str(path)))

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; raises ConfigError for a code the codebook does not have."""
        key = code.strip() if isinstance(code, str) else code
        try:
            return self._codes[key]
        except (KeyError, TypeError):
            raise ConfigError(self._unknown_message(code)) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def roots(self) -> list[CameoCode]:
        """The 20 root codes, "01" to "20", in order."""
        return [c for c in self._codes.values() if c.level == 0]

    def children(self, code: str) -> list[CameoCode]:
        """The direct children of ``code`` ("19" -> 190..196; "195" -> 1951, 1952)."""
        parent = self.get(code).code
        return [c for c in self._codes.values() if c.parent == parent]

    def is_compatible(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` are one code or one is an ancestor of the other; unknown codes raise."""
        x, y = self.get(a).code, self.get(b).code
        return x.startswith(y) or y.startswith(x)

    def _unknown_message(self, code: object) -> str:
        """Explain why ``code`` is not in the codebook and what to write instead."""
        message = f"unknown CAMEO event code {code!r}"
        if not isinstance(code, str):
            return f"{message}: codes are strings such as '173' or '0841', not numbers (which drop zeros)"
        padded = "0" + code.strip()
        if padded in self._codes:
            return f"{message}: did you mean '{padded}' ({self._codes[padded].name})? Keep the leading zero"
        return (
            f"{message}: codes are strings of 2-4 digits under a root '01'..'20', "
            "such as '173' or '0841'; see tacitus/data/cameo.tsv for the full list"
        )


@functools.lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The built-in codebook, read once on first use."""
    return Codebook.load()


def parse_codebook(text: str, path: str) -> list[CameoCode]:
    """Parse the text of a cameo.tsv file; ``path`` names the file in error messages."""
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    rows = [(n, line) for n, line in rows if not line.lstrip().startswith("#")]
    if not rows:
        raise DictionaryError("the CAMEO codebook is empty", path)
    header_line, header = rows[0]
    if tuple(cell.strip() for cell in header.split("\t")) != COLUMNS:
        raise DictionaryError(f"expected the header {'<TAB>'.join(COLUMNS)!r}", path, header_line)
    codes: list[CameoCode] = []
    seen: dict[str, int] = {}
    for n, line in rows[1:]:
        entry = _parse_row(line, path, n)
        if entry.code in seen:
            raise DictionaryError(f"code {entry.code!r} already given on line {seen[entry.code]}", path, n)
        seen[entry.code] = n
        codes.append(entry)
    _check_parents(codes, seen, path)
    return codes


def _parse_row(line: str, path: str, n: int) -> CameoCode:
    """One data row as a CameoCode, or a DictionaryError naming the file and line."""
    cells = [cell.strip() for cell in line.split("\t")]
    if len(cells) != len(COLUMNS):
        raise DictionaryError(f"expected {len(COLUMNS)} tab-separated cells, found {len(cells)}", path, n)
    code, name, goldstein, quad_class, plover = cells
    if not _CODE_RE.fullmatch(code) or code[:2] not in ROOTS:
        raise DictionaryError(f"bad code {code!r}: want 2-4 digits under a root '01'..'20'", path, n)
    if not name:
        raise DictionaryError(f"code {code} has no name", path, n)
    return CameoCode(
        code=code,
        name=name,
        root=code[:2],
        goldstein=_goldstein(goldstein, path, n),
        quad_class=_quad_class(quad_class, code[:2], path, n),
        plover=_plover(plover, path, n),
    )


def _goldstein(cell: str, path: str, n: int) -> float:
    """A Goldstein score in [-10, 10]."""
    try:
        value = float(cell)
    except ValueError:
        raise DictionaryError(f"Goldstein score {cell!r} is not a number", path, n) from None
    if not -10.0 <= value <= 10.0:
        raise DictionaryError(f"Goldstein score {value} is outside -10..10", path, n)
    return value


def _quad_class(cell: str, root: str, path: str, n: int) -> int:
    """The quad class, which must be the one of the code's root."""
    expected = quad_class_of(root)
    if cell != str(expected):
        raise DictionaryError(f"quad_class {cell!r} is wrong for root {root}: want {expected}", path, n)
    return expected


def _plover(cell: str, path: str, n: int) -> str:
    """A PLOVER event type (or OTHER)."""
    if cell not in PLOVER_TYPES:
        raise DictionaryError(f"unknown PLOVER type {cell!r}: want one of {sorted(PLOVER_TYPES)}", path, n)
    return cell


def _check_parents(codes: list[CameoCode], lines: dict[str, int], path: str) -> None:
    """Every 3- and 4-digit code must have its parent in the file."""
    for entry in codes:
        parent = entry.parent
        if parent is not None and parent not in lines:
            raise DictionaryError(f"code {entry.code} has no parent {parent!r}", path, lines[entry.code])
