"""Dask engine: documents coded in partitions on a Dask cluster (a LocalCluster when no scheduler is given).

Each worker builds one Coder (a worker plugin loads the model and dictionaries once, at start); the client
streams partitions of documents to the workers, keeps a bounded number in flight, and receives each
partition's events. A partition that fails is retried (``retries``); one that still fails is reported as
one :class:`~tacitus.model.Reject` per document, never dropped silently. Writing stays on the client (one
writer): the store through :class:`~tacitus.pipeline.CodingRun`, Parquet through :class:`ParquetDataset`.

    with DaskEngine(Config(), workers=2) as engine:
        for document, events in engine.code_documents(documents):
            ...
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker

from ..config import Config
from ..errors import ConfigError
from ..model import Document, Event, Reject

if TYPE_CHECKING:
    import pyarrow as pa

    from ..coder import Coder

PLUGIN_NAME = "tacitus-coder"
DEFAULT_PARTITION_SIZE = 64
IN_FLIGHT_PER_WORKER = 2

Task = Callable[[list[Document]], list[list[Event]]]


class CoderPlugin(WorkerPlugin):
    """Builds one Coder per worker, at worker start, and loads its model and dictionaries."""

    name = PLUGIN_NAME

    def __init__(self, config: Config) -> None:
        self.config = config
        self.coder: Coder | None = None

    def setup(self, worker: Any) -> None:
        from ..coder import Coder

        coder = Coder(self.config.model_copy(update={"processes": 1}))
        coder.matcher  # noqa: B018 - load the model, the dictionaries and the matcher now
        coder.extractor  # noqa: B018
        if self.config.prefilter:
            coder.prefilter  # noqa: B018
        self.coder = coder


def worker_coder() -> Coder:
    """The Coder of the Dask worker this task runs on (built by :class:`CoderPlugin`)."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.coder is None:  # type: ignore[attr-defined]
        raise RuntimeError("the tacitus-coder worker plugin is not registered on this worker")
    return plugin.coder  # type: ignore[attr-defined,no-any-return]


def code_partition(documents: list[Document]) -> list[list[Event]]:
    """Code one partition on a worker: one list of events per document, in order."""
    return [events for _, events in worker_coder().code_serially(documents)]


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive partitions of ``size`` documents."""
    iterator = iter(documents)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class DaskEngine:
    """Runs a Coder's work on Dask; use as a context manager (it starts or connects a client)."""

    def __init__(self, config: Config | None = None, scheduler: str | None = None, workers: int | None = None,
                 partition_size: int = DEFAULT_PARTITION_SIZE, retries: int = 2, task: Task | None = None) -> None:
        self.config = config or Config()
        self.scheduler = scheduler
        self.workers = workers
        self.partition_size = partition_size
        self.retries = retries
        self.task: Task = task or code_partition
        self.failures: list[tuple[int, str]] = []  # (partition number, reason)
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None

    def __enter__(self) -> DaskEngine:
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            n = self.workers or self.config.workers()
            self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
            self.client.wait_for_workers(n, timeout="120s")
        self.client.register_plugin(CoderPlugin(self.config), name=PLUGIN_NAME)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        self.client = self._cluster = None

    @property
    def worker_count(self) -> int:
        assert self.client is not None, "use DaskEngine as a context manager"
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def code_documents(self, documents: Iterable[Document]) -> Iterator[tuple[Document | Reject, list[Event]]]:
        """Yield (document, events) per coded document, partition by partition as they finish.

        A partition failing after its retries yields ``(Reject, [])`` for each of its documents.
        """
        client = self.client
        assert client is not None, "use DaskEngine as a context manager"
        limit = IN_FLIGHT_PER_WORKER * self.worker_count
        parts = enumerate(partitions(documents, self.partition_size))
        running: dict[Future, tuple[int, list[Document]]] = {}
        pool = as_completed()
        for number, chunk in itertools.islice(parts, limit):
            self._submit(client, pool, running, number, chunk)
        for future in pool:
            number, chunk = running.pop(future)
            yield from self._results(future, number, chunk)
            for number, chunk in itertools.islice(parts, 1):
                self._submit(client, pool, running, number, chunk)

    def _submit(self, client: Client, pool: as_completed, running: dict[Future, tuple[int, list[Document]]],
                number: int, chunk: list[Document]) -> None:
        future = client.submit(self.task, chunk, retries=self.retries, pure=False, key=f"tacitus-part-{number}")
        running[future] = (number, chunk)
        pool.add(future)

    def _results(self, future: Future, number: int,
                 chunk: list[Document]) -> Iterator[tuple[Document | Reject, list[Event]]]:
        if future.status == "error":
            error = future.exception()
            reason = f"partition {number} failed after {self.retries} retries: {type(error).__name__}: {error}"
            self.failures.append((number, reason))
            for document in chunk:
                yield Reject(item=document.id, reason=reason), []
            return
        yield from zip(chunk, future.result(), strict=True)
        future.release()


class ParquetDataset:
    """Events written as a Parquet dataset partitioned by month of the event date (``month=2024-01``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._parts = 0
        self._events: list[Event] = []

    def write(self, events: Iterable[Event], flush_at: int = 5_000) -> None:
        self._events.extend(events)
        if len(self._events) >= flush_at:
            self.flush()

    def flush(self) -> None:
        if not self._events:
            return
        import pyarrow.dataset as ds

        table = _events_with_month(self._events)
        ds.write_dataset(table, self.path, format="parquet", partitioning=["month"], partitioning_flavor="hive",
                         existing_data_behavior="overwrite_or_ignore",
                         basename_template=f"part-{os.getpid()}-{self._parts}-{{i}}.parquet")
        self.count += len(self._events)
        self._parts += 1
        self._events.clear()

    def __enter__(self) -> ParquetDataset:
        if self.path.exists() and not self.path.is_dir():
            raise ConfigError(f"{self.path} exists and is not a folder: a Parquet dataset is a folder")
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def _events_with_month(events: list[Event]) -> pa.Table:
    import pyarrow as pa

    from ..store.db import events_table

    table = events_table(events)
    months = [(e.date or "")[:7] if e.date and len(e.date) >= 7 else "unknown" for e in events]
    return table.append_column("month", pa.array(months, pa.string()))
