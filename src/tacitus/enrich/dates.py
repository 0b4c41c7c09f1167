"""Event dates: date phrases spotted in a parsed sentence, resolved against the document date.

Spotting is rule-based over tokens (no NER): weekdays (``on Wednesday``), month names with or without a day
and a year (``on March 3``, ``in January 2020``, ``at the end of May``), years (``in 1980``, ``the 2003
invasion``), and relative phrases (``yesterday``, ``last month``, ``earlier this year``, ``two days ago``,
``two days after March 3``). Calendar phrases are resolved here; relative ones with dateparser
(``RELATIVE_BASE`` = the document date, English only). Phrases after ``since``, ``until``, ``by``,
``before`` and ``after`` bound a period rather than date an event, and are left out, as is a dateline.
See docs/enrichment.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

MONTHS = {name: n for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
_FULL_MONTHS = frozenset(list(MONTHS)[:12])
WEEKDAYS = {name: n for n, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_PART_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "overnight"})
_MODIFIERS = frozenset({"early", "late", "mid", "mid-", "end", "beginning", "start", "middle", "of", "the"})
# A phrase after these bounds a period ("since October", "by 2025") rather than dating the event.
_BOUNDS = frozenset({"since", "until", "till", "by", "before", "after", "through", "from", "between"})
_YEAR_BEFORE = frozenset({"in", "of", "the", "since", "until", "by", "during", "early", "late", "mid", "mid-",
                          "'s", "from", "to", "before", "after", "and", ",", "-"})
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_HYPHENED_YEAR = re.compile(r"^(?:mid|early|late)-((?:19|20)\d\d)$")
_DASHES = frozenset({"-", "--", "—", "–", "("})
PRECISIONS = ("day", "week", "month", "year")
# Words a date phrase can start with (besides digits): a cheap gate before the rules.
_STARTS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(NUMBERS) | {
    "yesterday", "today", "last", "this", "past", "next", "earlier", "later"}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A spotted date phrase: its tokens, the token it hangs on, and what it says.

    ``kind`` is ``day`` (year, month, day; year 0 = unstated), ``month`` (year, month), ``year`` (year),
    ``weekday`` (weekday), or ``relative`` (dateparser reads ``text``); ``offset_days`` shifts the result
    ("two days after March 3").
    """

    start: int
    end: int
    text: str
    anchor: Token
    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = 0
    offset_days: int = 0
    modifier: bool = False  # a year modifying a noun ("the 2003 invasion"): it dates that noun only


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """An ISO date at its precision: ``2020-01-03`` (day, and week: its Monday), ``2020-01`` (month), ``1980``."""

    date: str
    precision: str

    def start(self) -> dt.date:
        """The first day the date covers."""
        parts = [int(p) for p in self.date.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _day_number(token: Token) -> int:
    match = _ORDINAL.match(token.text)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else 0


def _year_number(token: Token) -> int:
    return int(token.text) if _YEAR.match(token.text) else 0


def _is_month(token: Token) -> bool:
    lower = token.lower_.rstrip(".")
    if lower not in MONTHS or not token.text[0].isupper():
        return False
    if lower == "may":  # the modal verb
        return token.tag_ in ("NNP", "NN") and token.dep_ not in ("aux",)
    if lower not in _FULL_MONTHS:  # abbreviations only with a day number
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and _day_number(nxt) > 0
    return True


def _root(doc: Any, start: int, end: int) -> Token:
    """The phrase's token whose head lies outside it."""
    tokens = doc[start:end]
    return next((t for t in tokens if not (start <= t.head.i < end) or t.head.i == t.i), tokens[-1])


def _anchor(doc: Any, start: int, end: int) -> Token:
    """The token outside the phrase that its root hangs on (through a preposition: ``on`` -> ``said``)."""
    head = _root(doc, start, end).head
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head


class DateSpotter:
    """Finds date phrases in a sentence."""

    def spot(self, sent: Span) -> list[DateMention]:
        """Date mentions of a sentence, in text order."""
        doc = sent.doc
        found: list[DateMention] = []
        next_free = sent.start
        for token in sent:  # a cheap gate on the word first: most tokens cannot start a date phrase
            i = token.i
            if i < next_free:
                continue
            lower = token.lower_
            if lower.rstrip(".") not in _STARTS and not lower[:1].isdigit() and not _HYPHENED_YEAR.match(lower):
                continue
            mention = self._at(doc, i, sent)
            if mention is None:
                continue
            if not self._excluded(doc, mention, sent):
                found.append(self._with_offset(doc, mention, sent))
            next_free = mention.end
        return found

    def _at(self, doc: Any, i: int, sent: Span) -> DateMention | None:
        token = doc[i]
        lower = token.lower_
        if lower in WEEKDAYS and token.text[0].isupper():
            end = i + 1
            if end < sent.end and doc[end].lower_ in _PART_OF_DAY:
                end += 1
            return self._mention(doc, i, end, "weekday", weekday=WEEKDAYS[lower])
        if _is_month(token):
            return self._month(doc, i, sent)
        if _day_number(token) and i + 1 < sent.end and _is_month(doc[i + 1]):  # "3 March 2020"
            month = self._month(doc, i + 1, sent)
            if month.kind == "month":
                return self._mention(doc, i, month.end, "day", year=month.year, month=month.month,
                                     day=_day_number(token))
            return self._mention(doc, i, month.end, "day", month=month.month, day=_day_number(token))
        hyphened = _HYPHENED_YEAR.match(lower)
        if hyphened:  # "mid-2019"
            return self._mention(doc, i, i + 1, "year", year=int(hyphened.group(1)))
        year = _year_number(token)
        if year and self._looks_like_year(doc, i, sent):
            return self._mention(doc, i, i + 1, "year", year=year)
        return self._relative(doc, i, sent)

    def _month(self, doc: Any, i: int, sent: Span) -> DateMention:
        month = MONTHS[doc[i].lower_.rstrip(".")]
        j = i + 1
        day = _day_number(doc[j]) if j < sent.end else 0
        if day:
            j += 1
            if j + 1 < sent.end and doc[j].text == "," and _year_number(doc[j + 1]):
                return self._mention(doc, i, j + 2, "day", year=_year_number(doc[j + 1]), month=month, day=day)
            if j < sent.end and _year_number(doc[j]):
                return self._mention(doc, i, j + 1, "day", year=_year_number(doc[j]), month=month, day=day)
            return self._mention(doc, i, j, "day", month=month, day=day)
        if j < sent.end and _year_number(doc[j]):
            return self._mention(doc, i, j + 1, "month", year=_year_number(doc[j]), month=month)
        if j + 1 < sent.end and doc[j].text == "," and _year_number(doc[j + 1]):
            return self._mention(doc, i, j + 2, "month", year=_year_number(doc[j + 1]), month=month)
        return self._mention(doc, i, j, "month", month=month)

    @staticmethod
    def _looks_like_year(doc: Any, i: int, sent: Span) -> bool:
        """A four-digit number is a year after "in", "the", "since"... or when it modifies a singular noun."""
        token = doc[i]
        prev = doc[i - 1].lower_ if i > sent.start else ""
        if prev in _YEAR_BEFORE or prev.endswith("-"):
            return True
        return token.dep_ in ("compound", "nmod", "npadvmod") or (
            token.dep_ == "nummod" and token.head.tag_ == "NN")

    def _relative(self, doc: Any, i: int, sent: Span) -> DateMention | None:
        lower = doc[i].lower_
        if lower in ("yesterday", "today"):
            return self._mention(doc, i, i + 1, "relative")
        nxt = doc[i + 1].lower_ if i + 1 < sent.end else ""
        after = doc[i + 2].lower_ if i + 2 < sent.end else ""
        if lower in ("last", "this", "past", "next") and nxt in UNITS and nxt.rstrip("s") == nxt:
            return self._mention(doc, i, i + 2, "relative")
        if lower in ("earlier", "later") and nxt == "this" and after in UNITS:
            return self._mention(doc, i, i + 3, "relative", text=f"this {after}")
        count = NUMBERS.get(lower) or (int(lower) if lower.isdigit() and len(lower) < 4 else 0)
        if count and nxt in UNITS and after == "ago":
            return self._mention(doc, i, i + 3, "relative", text=f"{count} {UNITS[nxt]}s ago")
        return None

    @staticmethod
    def _mention(doc: Any, start: int, end: int, kind: str, text: str | None = None, **values: int) -> DateMention:
        phrase = text if text is not None else doc[start:end].text
        root = _root(doc, start, end)
        modifier = root.dep_ in ("compound", "nummod", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN")
        return DateMention(start, end, phrase, _anchor(doc, start, end), kind, modifier=modifier, **values)

    @staticmethod
    def _excluded(doc: Any, mention: DateMention, sent: Span) -> bool:
        """Period bounds ("since October") and datelines ("KHARKIV, Ukraine, March 9 (Wire) -").

        A year modifying a noun ("since the 2003 invasion") dates that noun, whatever bounds the phrase.
        """
        j = mention.start - 1
        while j >= sent.start and doc[j].lower_ in _MODIFIERS | {"on", "in", "at", "during"}:
            j -= 1
        if j >= sent.start and doc[j].lower_ in _BOUNDS and not _offset_before(doc, j) and not mention.modifier:
            return True
        if mention.end < sent.end and doc[mention.end].text in _DASHES and mention.start - sent.start < 12:
            return True
        return False

    @staticmethod
    def _with_offset(doc: Any, mention: DateMention, sent: Span) -> DateMention:
        """``two days after March 3`` -> March 5."""
        j = mention.start - 1
        if j - 2 < sent.start or doc[j].lower_ not in ("after", "before"):
            return mention
        count = NUMBERS.get(doc[j - 2].lower_) or (int(doc[j - 2].text) if doc[j - 2].text.isdigit() else 0)
        unit = UNITS.get(doc[j - 1].lower_)
        if not count or unit not in ("day", "week"):
            return mention
        days = count * (7 if unit == "week" else 1) * (1 if doc[j].lower_ == "after" else -1)
        return DateMention(j - 2, mention.end, doc[j - 2 : mention.end].text, mention.anchor, mention.kind,
                           mention.year, mention.month, mention.day, mention.weekday, days, mention.modifier)


def _offset_before(doc: Any, j: int) -> bool:
    """Whether ``after``/``before`` at ``j`` ends "two days after"."""
    return (doc[j].lower_ in ("after", "before") and j >= 2 and doc[j - 1].lower_ in ("day", "days", "week", "weeks")
            and (doc[j - 2].lower_ in NUMBERS or doc[j - 2].text.isdigit()))


class DateResolver:
    """Resolves :class:`DateMention` s against a base date; relative phrases through dateparser (built once)."""

    def __init__(self) -> None:
        self._parsers: dict[str, Any] = {}
        self._cache: dict[tuple[str, dt.date, bool], ResolvedDate | None] = {}

    def _parser(self, base: dt.date, future: bool) -> Any:
        """A DateDataParser for one base date and direction (cheap once dateparser's English data is loaded)."""
        key = f"{base.isoformat()}/{future}"
        parser = self._parsers.get(key)
        if parser is None:
            from dateparser.date import DateDataParser

            if len(self._parsers) > 256:
                self._parsers.clear()
            settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_TIME_AS_PERIOD": False,
                        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12)}
            parser = self._parsers[key] = DateDataParser(languages=["en"], settings=settings)
        return parser

    def resolve(self, mention: DateMention, base: dt.date, future: bool = False) -> ResolvedDate | None:
        """The date a mention names, seen from ``base``; ``future`` reads bare weekdays and months forward."""
        try:
            found = self._resolve(mention, base, future)
        except (ValueError, OverflowError):
            return None
        if found is not None and mention.offset_days and found.precision == "day":
            day = found.start() + dt.timedelta(days=mention.offset_days)
            return ResolvedDate(day.isoformat(), "day")
        return found

    def _resolve(self, m: DateMention, base: dt.date, future: bool) -> ResolvedDate | None:
        if m.kind == "year":
            return ResolvedDate(f"{m.year:04d}", "year")
        if m.kind == "month":
            year = m.year or _year_of_month(m.month, base, future)
            return ResolvedDate(f"{year:04d}-{m.month:02d}", "month")
        if m.kind == "day":
            day = dt.date(m.year or base.year, m.month, m.day)
            if not m.year and not future and day > base:
                day = day.replace(year=base.year - 1)
            elif not m.year and future and day < base:
                day = day.replace(year=base.year + 1)
            return ResolvedDate(day.isoformat(), "day")
        if m.kind == "weekday":
            delta = (m.weekday - base.weekday()) % 7 if future else -((base.weekday() - m.weekday) % 7)
            return ResolvedDate((base + dt.timedelta(days=delta)).isoformat(), "day")
        return self._relative(m.text.lower(), base, future)

    def _relative(self, text: str, base: dt.date, future: bool) -> ResolvedDate | None:
        key = (text, base, future)
        if key not in self._cache:
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = self._dateparser(text, base, future)
        return self._cache[key]

    def _dateparser(self, text: str, base: dt.date, future: bool) -> ResolvedDate | None:
        data = self._parser(base, future).get_date_data(text)
        if data is None or data.date_obj is None:
            return None
        day = data.date_obj.date()
        period = data.period or "day"
        if period == "year":
            return ResolvedDate(f"{day.year:04d}", "year")
        if period == "month":
            return ResolvedDate(f"{day.year:04d}-{day.month:02d}", "month")
        if period == "week":
            return ResolvedDate((day - dt.timedelta(days=day.weekday())).isoformat(), "week")
        return ResolvedDate(day.isoformat(), "day")


def _year_of_month(month: int, base: dt.date, future: bool) -> int:
    """The year of a bare month name: the latest one not after ``base`` (or the next one, for plans)."""
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1
