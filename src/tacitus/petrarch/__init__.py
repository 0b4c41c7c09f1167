"""PETRARCH/TABARI-format dictionaries: readers, cache, conversion, pattern coder and validation records.

The files are read by path (``--dictionaries DIR`` or ``--verbs/--actors/--agents/--discards FILE``);
nothing read from them is written into the project.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .cache import find_files, load_dictionaries
from .readers import Dictionaries

if TYPE_CHECKING:
    from ..config import Config

__all__ = ["Dictionaries", "dictionaries_for", "find_files", "load_dictionaries"]


def dictionaries_for(config: Config) -> Dictionaries | None:
    """The PETRARCH dictionaries a config names (folder plus single files), or None when it names none."""
    roles: dict[str, list[Path]] = {"verbs": [], "actors": [], "agents": [], "discards": []}
    if config.dictionaries is not None:
        for role, paths in find_files(Path(config.dictionaries)).items():
            roles[role].extend(paths)
    for role, paths in config.petrarch_files.items():
        roles[role].extend(Path(p) for p in paths)
    if not any(roles.values()):
        return None
    return load_dictionaries(**roles)
