"""Read PETRARCH dictionaries once: a pickle under the user cache folder, keyed by file contents.

The key is the sha256 of every file's bytes (in order, by role) plus the Tacitus version and the reader's
own source, so an edited dictionary, a new Tacitus or a changed reader re-reads the text files.
Set ``TACITUS_CACHE=0`` to bypass the cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

from .._version import __version__
from ..errors import DictionaryError
from .readers import Dictionaries, read_files


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects (5x faster unpickling)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/tacitus, else ~/.cache/tacitus."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tacitus"


_READER_HASH = hashlib.sha256(Path(__file__).with_name("readers.py").read_bytes()).digest()


def _key(groups: Sequence[Sequence[Path]]) -> str:
    digest = hashlib.sha256(f"tacitus {__version__} petrarch-cache 1".encode())
    digest.update(_READER_HASH)  # a changed reader invalidates what it read before
    for role, paths in enumerate(groups):
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise DictionaryError(f"cannot read dictionary: {exc.strerror}", str(path)) from None
            digest.update(f"|{role}|{path.name}|".encode())
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


_LOADED: dict[str, Dictionaries] = {}


def _remember(key: str, loaded: Dictionaries) -> None:
    """Keep the last dictionaries read in this process: every Coder (and forked worker) with them shares them."""
    _LOADED.clear()
    _LOADED[key] = loaded


def load_dictionaries(verbs: Sequence[Path] = (), actors: Sequence[Path] = (), agents: Sequence[Path] = (),
                      discards: Sequence[Path] = (), use_cache: bool | None = None) -> Dictionaries:
    """Read the files (or their cached form); errors in malformed lines are kept in ``.errors``."""
    groups = [list(map(Path, g)) for g in (verbs, actors, agents, discards)]
    if use_cache is None:
        use_cache = os.environ.get("TACITUS_CACHE", "1") != "0"
    key = _key(groups)
    if use_cache and key in _LOADED:
        return _LOADED[key]  # read already by this process (or the one it was forked from)
    target = cache_dir() / f"petrarch-{key[:32]}.pickle"
    if use_cache and target.exists():
        try:
            with target.open("rb") as handle, no_gc():
                loaded = pickle.load(handle)
            if isinstance(loaded, Dictionaries):
                _remember(key, loaded)
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a stale or broken cache file is rebuilt below
    with no_gc():
        result = read_files(*groups)
    if use_cache:
        _remember(key, result)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(target)
        except OSError:
            pass  # a read-only home still works, just uncached
    return result


def find_files(folder: Path) -> dict[str, list[Path]]:
    """The dictionary files of a folder by role, from their names (``*verbs*``/``CAMEO*``, ``*actors*``...)."""
    if not folder.is_dir():
        raise DictionaryError("not a folder of PETRARCH dictionaries", str(folder))
    roles: dict[str, list[Path]] = {"verbs": [], "actors": [], "agents": [], "discards": []}
    for path in sorted(folder.iterdir()):
        name = path.name.lower()
        if not name.endswith(".txt"):
            continue
        if "verb" in name or name.startswith("cameo"):
            roles["verbs"].append(path)
        elif "actor" in name:
            roles["actors"].append(path)
        elif "agent" in name:
            roles["agents"].append(path)
        elif "discard" in name:
            roles["discards"].append(path)
    return roles
