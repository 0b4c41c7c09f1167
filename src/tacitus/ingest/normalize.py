"""Offset-preserving clean-up of web text: every change keeps the text's length and its word starts.

Coded events carry character offsets (``span``) into ``Document.text``. Readers clean stray web
characters so the parser sees plain text, but never insert or delete a character, so an offset into
the cleaned text is the same offset into the decoded source (the text file, the extracted page):

- spaces of every width (NBSP, narrow NBSP, thin, en/em spaces...) become a plain space;
- curly and low quotes become straight ``'`` and ``"``; line and paragraph separators become ``\\n``;
- a lone carriage return becomes ``\\n``; the ``\\r`` of ``\\r\\n`` becomes a space (one line break, not two);
- other control characters become a space;
- a zero-width space (a break opportunity) becomes a space;
- invisible joiners inside a word (soft hyphen, zero-width (non-)joiner, word joiner, a stray BOM) move
  to the end of the word and become spaces there: ``inter\\u00adnational force`` becomes
  ``international  force`` (a joiner before a word becomes a space in place). The word stays whole
  for the parser and still starts where it started; only characters inside that one word shift, so
  sentence and word start offsets hold.
"""

from __future__ import annotations

import re

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200b"
_TABLE: dict[int, str] = {ord(c): " " for c in _SPACES}
_TABLE.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"})
_TABLE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_TABLE.update({0x2028: "\n", 0x2029: "\n", 0x85: "\n"})
_TABLE.update({c: " " for c in range(0x20) if chr(c) not in "\t\n\r"})
_TABLE.update({c: " " for c in range(0x7F, 0xA0) if c != 0x85})

_INVISIBLE = "\u00ad\u200c\u200d\u2060\ufeff"
_WORD_WITH_INVISIBLE = re.compile(rf"[\w{_INVISIBLE}]*[{_INVISIBLE}][\w{_INVISIBLE}]*")
_CR = re.compile(r"\r(\n?)")


def normalize_text(text: str) -> str:
    """The text with stray web characters replaced one for one (same length, same word starts)."""
    text = _CR.sub(lambda m: " \n" if m.group(1) else "\n", text)
    text = text.translate(_TABLE)
    if any(c in text for c in _INVISIBLE):
        text = _WORD_WITH_INVISIBLE.sub(_close_up, text)
    return text


def _close_up(match: re.Match[str]) -> str:
    word = match.group(0)
    body = word.lstrip(_INVISIBLE)
    letters = "".join(c for c in body if c not in _INVISIBLE)
    return " " * (len(word) - len(body)) + letters + " " * (len(body) - len(letters))
