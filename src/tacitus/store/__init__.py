"""The event store: DuckDB schema and migrations, idempotent batched writes, stories, queries and exports.

>>> from tacitus.store import Store
>>> with Store(":memory:") as store:
...     store.counts()["events"]
0
"""

from tacitus.store.db import Store, WriteResult, content_hash, open_store
from tacitus.store.export import (
    EXPORT_FORMATS,
    ICEWS_COLUMNS,
    PLOVER_EXTENSIONS,
    PLOVER_FIELDS,
    export,
    fips_codes,
    gdelt_columns,
    gdelt_event_id,
)
from tacitus.store.query import FILTERS, FREQUENCIES
from tacitus.store.schema import SCHEMA_VERSION
from tacitus.store.stories import codes_compatible, side_key

__all__ = [
    "EXPORT_FORMATS",
    "FILTERS",
    "FREQUENCIES",
    "ICEWS_COLUMNS",
    "PLOVER_EXTENSIONS",
    "PLOVER_FIELDS",
    "SCHEMA_VERSION",
    "Store",
    "WriteResult",
    "codes_compatible",
    "content_hash",
    "export",
    "fips_codes",
    "gdelt_columns",
    "gdelt_event_id",
    "open_store",
    "side_key",
]
