"""Readers: turn inputs (files, folders, JSON Lines, standard input) into Documents or Rejects."""

from .readers import iter_inputs, read_jsonl, read_text_file

__all__ = ["iter_inputs", "read_jsonl", "read_text_file"]
