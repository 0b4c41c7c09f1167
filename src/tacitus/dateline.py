"""Wire datelines ("GOMA, Democratic Republic of Congo, Jan 27 (Reuters) -"): where a story was filed.

A dateline is no part of the first sentence: its place is not an actor and it holds no event. The pipeline
starts a sentence after it, the prefilter cuts there, and the actor resolver does not read it (the story's
home country still comes from it).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"""^\s*
    (?:[A-Z][A-Z'.\-]{2,}(?:[ \-][A-Z][A-Z'.\-]+)*          # the city in capitals: ADDIS ABABA, PORT-AU-PRINCE
       (?:,\s*[A-Z][\w'.\-]*(?:\s+(?:of|the|[A-Z][\w'.\-]*)){0,4})*  # , Saudi Arabia / , Democratic Republic of Congo
       ,?\s*(?:""" + _MONTH + r"""\s+\d{1,2})?               # the date
       \s*(?:\([^()\n]{1,40}\))?                             # (Reuters)
     | \([^()\n]{1,40}\)                                     # or only the agency
    )
    \s*(?:[-–—]{1,2}|:)\s+""",
    re.VERBOSE,
)


def dateline_end(text: str) -> int:
    """The character offset where the story's body starts after a dateline, or 0 when there is none."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def dateline_tokens(doc: Doc) -> int:
    """How many leading tokens of ``doc`` are its dateline (0 when there is none)."""
    head = doc[: min(len(doc), 60)]
    end = dateline_end(head.text)
    if not end:
        return 0
    for token in head:
        if token.idx - head.start_char >= end:
            return token.i
    return 0
