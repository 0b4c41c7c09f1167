"""Reader for the project's tab-separated data files (header row, '#' comments, '|' alternatives)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from .errors import DictionaryError


def builtin_path(name: str) -> Path:
    """Path of a file in the package's data folder."""
    return Path(str(resources.files("tacitus") / "data" / name))


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data line; columns missing from a row read as ''."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"cannot read dictionary: {exc}", str(path)) from None
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            missing = [name for name in required if name not in header]
            if missing:
                raise DictionaryError(f"header lacks column(s) {', '.join(missing)}", str(path), number)
            continue
        if len(cells) > len(header):
            raise DictionaryError(f"{len(cells)} cells but the header has {len(header)}", str(path), number)
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def alternatives(cell: str) -> list[str]:
    """The '|'-separated alternatives of a cell, stripped, empties dropped."""
    return [part.strip() for part in cell.split("|") if part.strip()]
