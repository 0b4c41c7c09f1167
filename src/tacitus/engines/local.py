"""Local engine: documents coded in worker processes, each building its Coder once.

Documents stream in as chunks and events stream out in input order; at most ``2 x processes`` chunks are in
flight, so memory does not grow with the corpus. Small inputs are coded in the calling process, because
starting a worker (a fresh interpreter loading the spaCy model) costs more than it saves.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Event

if TYPE_CHECKING:
    from ..coder import Coder

# Below this many characters of input, one process finishes before workers have loaded their model.
SMALL_INPUT_CHARS = 60_000
CHUNK_DOCUMENTS = 16
CHUNK_CHARS = 40_000
IN_FLIGHT_PER_PROCESS = 2

_worker_coder: Coder | None = None  # the one Coder of a worker process, built by _start_worker


def _start_worker(config: Config) -> None:
    """Worker initializer: build the Coder and load the model and dictionaries once."""
    global _worker_coder
    from ..coder import Coder

    _worker_coder = Coder(config)
    _worker_coder.matcher  # noqa: B018 - loads the model, the dictionaries and the matcher now
    _worker_coder.extractor  # noqa: B018
    if config.prefilter:
        _worker_coder.prefilter  # noqa: B018


def _code_chunk(documents: list[Document]) -> list[list[Event]]:
    assert _worker_coder is not None, "worker not initialised"
    return [events for _, events in _worker_coder.code_serially(documents)]


def chunks(documents: Iterable[Document], size: int = CHUNK_DOCUMENTS,
           chars: int = CHUNK_CHARS) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents and about ``chars`` characters."""
    chunk: list[Document] = []
    length = 0
    for document in documents:
        chunk.append(document)
        length += len(document.text)
        if len(chunk) >= size or length >= chars:
            yield chunk
            chunk, length = [], 0
    if chunk:
        yield chunk


def code_in_processes(coder: Coder, documents: Iterable[Document],
                      processes: int) -> Iterator[tuple[Document, list[Event]]]:
    """Code documents with ``processes`` workers; yield (document, events) in input order."""
    stream = iter(documents)
    head: list[Document] = []
    size = 0
    for document in stream:
        head.append(document)
        size += len(document.text)
        if size >= SMALL_INPUT_CHARS:
            break
    else:
        yield from coder.code_serially(head)
        return
    config = coder.config.model_copy(update={"processes": 1})
    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "fork":
        coder.enricher.warm_up()  # forked workers inherit the gazetteer instead of each building it
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker,
                             initargs=(config,)) as pool:
        pending: deque[tuple[list[Document], Future[list[list[Event]]]]] = deque()
        for chunk in chunks(itertools.chain(head, stream)):
            pending.append((chunk, pool.submit(_code_chunk, chunk)))
            if len(pending) >= IN_FLIGHT_PER_PROCESS * processes:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _start_method() -> str:
    """fork where there is one: workers share the loaded model pages and need no ``__main__`` guard."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _collect(chunk: list[Document], future: Future[list[list[Event]]]) -> Iterator[tuple[Document, list[Event]]]:
    yield from zip(chunk, future.result(), strict=True)
