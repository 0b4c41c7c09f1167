"""A coding run: inputs stream through the coder into writers and, optionally, the store.

Documents stream in and events stream out, so memory stays flat; the store commits each batch in
one transaction, so a killed run loses nothing already committed and a re-run skips what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .coder import Coder
from .model import Document, Event, Reject
from .nlp import model_version

Item = Document | Reject
Engine = Callable[[Iterable[Document]], Iterator[tuple[Document | Reject, list[Event]]]]


@dataclass
class RunSummary:
    documents: int = 0
    events: int = 0
    skipped: int = 0  # already in the store (same content)
    rejects: list[Reject] = field(default_factory=list)
    run_id: str | None = None
    stories: int | None = None


class CodingRun:
    """Codes items, yielding (document, events); with a store, writes them in batches."""

    def __init__(self, coder: Coder, store: object | None = None, batch_size: int = 64,
                 on_reject: Callable[[Reject], None] | None = None, engine: Engine | None = None) -> None:
        self.coder = coder
        # Another runner (the Dask engine) may code instead; it may yield (Reject, []) for lost documents.
        self.engine: Engine = engine or coder.code_documents  # type: ignore[assignment]
        self.store = store
        self.batch_size = batch_size
        self.on_reject = on_reject
        self.summary = RunSummary()
        self._known: set[str] = set()
        self._hashes: dict[int, str] = {}

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Document, list[Event]]]:
        from .store import content_hash

        store = self.store
        if store is not None:
            info = self.coder.provenance()
            self.summary.run_id = store.begin_run(  # type: ignore[attr-defined]
                config=self.coder.config.model_dump(mode="json"),
                model=self.coder.nlp.meta.get("name", "?"),
                model_version=model_version(self.coder.nlp),
                dictionaries={k: v for k, v in info.items() if k != "model"},
            )
            self._known = store.known_hashes()  # type: ignore[attr-defined]
        batch: list[tuple[Document, str]] = []
        events: list[Event] = []
        rejects: list[Reject] = []

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Reject):
                    self.summary.rejects.append(item)
                    rejects.append(item)
                    if self.on_reject:
                        self.on_reject(item)
                    continue
                if store is not None:
                    digest = content_hash(item.text)
                    if digest in self._known:
                        self.summary.skipped += 1
                        continue
                    self._known.add(digest)
                    self._hashes[id(item)] = digest
                yield item

        for document, found in self.engine(documents()):
            if isinstance(document, Reject):
                self.summary.rejects.append(document)
                rejects.append(document)
                if self.on_reject:
                    self.on_reject(document)
                continue
            self.summary.documents += 1
            self.summary.events += len(found)
            if store is not None:
                batch.append((document, self._hashes.pop(id(document))))
                events.extend(found)
                if len(batch) >= self.batch_size:
                    self._flush(batch, events, rejects)
            yield document, found
        if store is not None:
            self._flush(batch, events, rejects)
            store.end_run(self.summary.run_id, self.summary.documents, self.summary.events,  # type: ignore[attr-defined]
                          len(self.summary.rejects))
            self.summary.stories = store.build_stories()  # type: ignore[attr-defined]

    def _flush(self, batch: list[tuple[Document, str]], events: list[Event], rejects: list[Reject]) -> None:
        if batch or rejects:
            self.store.write_batch(self.summary.run_id, list(batch), list(events), list(rejects))  # type: ignore[union-attr]
        batch.clear()
        events.clear()
        rejects.clear()
