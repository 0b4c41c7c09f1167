"""Bytes to text: a declared charset, then UTF-8, then charset detection (charset-normalizer)."""

from __future__ import annotations

import codecs

PREFERRED = "cp1252"  # among equally plausible legacy encodings, the web's (and English text's) commonest


class UndecodableError(ValueError):
    """No encoding fits the bytes; the message is the reason for the Reject."""


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """The text of ``data``: in its declared charset when that decodes it, else UTF-8, else the detected one."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    detected = _detect(data)
    if detected is None:
        raise UndecodableError(
            f"not UTF-8 text (byte 0x{data[first_bad]:02x} at offset {first_bad}) and no other encoding fits"
        )
    return data.decode(detected, errors="replace")


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    tied = [match.encoding for match in matches if match.chaos == best]
    return PREFERRED if PREFERRED in tied else tied[0]
