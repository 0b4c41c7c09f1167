"""Bytes to text: a declared charset, then UTF-8, then cp1252 for mostly-ASCII text, then charset detection.

charset-normalizer guesses poorly on short, mostly-ASCII text (``Caf\xe9 \xe9t\xe9`` comes out as Arabic or
Cyrillic), so text whose bytes are at least 80% ASCII is read as cp1252 (Windows Latin-1, the commonest
legacy encoding of English web text) whenever that decodes it; charset-normalizer decides the rest.
"""

from __future__ import annotations

import codecs

PREFERRED = "cp1252"  # among equally plausible legacy encodings, the web's (and English text's) commonest
MAX_HIGH_BYTES = 0.2  # text with at most this share of non-ASCII bytes is read as cp1252 when it decodes
# Without a byte-order mark these are guessed for short Latin-1 text; with one, decode_bytes reads them.
_NEVER_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]


class UndecodableError(ValueError):
    """No encoding fits the bytes; the message is the reason for the Reject."""


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """The text of ``data``: in its declared charset when that decodes it, else UTF-8, else the detected one."""
    if data.startswith(codecs.BOM_UTF8):  # the BOM stays (normalize_text makes it a space): offsets hold
        return data.decode("utf-8", errors="replace")
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
    if _mostly_ascii(data):
        try:
            return data.decode(PREFERRED)  # English text with a few accents or curly quotes
        except UnicodeDecodeError:
            pass
    detected = _detect(data)
    if detected is None:
        raise UndecodableError(
            f"not UTF-8 text (byte 0x{data[first_bad]:02x} at offset {first_bad}) and no other encoding fits"
        )
    return data.decode(detected, errors="replace")


def _mostly_ascii(data: bytes) -> bool:
    high = sum(1 for byte in data if byte >= 0x80)
    return high <= MAX_HIGH_BYTES * len(data)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=_NEVER_GUESSED))
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    tied = [match.encoding for match in matches if match.chaos == best]
    return PREFERRED if PREFERRED in tied else tied[0]
