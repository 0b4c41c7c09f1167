"""Readers: turn inputs (files, folders, URLs, feeds, standard input) into Documents or Rejects.

``iter_inputs`` is the one entry point; the reader for each input is chosen by sniffing its bytes
(see docs/ingest.md).
"""

from .fetch import Fetcher, FetchError, FetchPolicy
from .normalize import normalize_text
from .readers import iter_inputs, read_jsonl, read_text_file

__all__ = ["FetchError", "FetchPolicy", "Fetcher", "iter_inputs", "normalize_text", "read_jsonl", "read_text_file"]
