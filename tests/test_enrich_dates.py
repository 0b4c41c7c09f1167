"""Event dates: phrase resolution against a fixed document date, and dates of events in real sentences."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from tacitus.enrich import DateMention, DateResolver, ResolvedDate, date_precision

BASE = dt.date(2021, 6, 2)  # a Wednesday
_ANCHOR = spacy.blank("en")("x")[0]


def _mention(kind: str, text: str = "", offset: int = 0, **values: int) -> DateMention:
    return DateMention(0, 1, text, _ANCHOR, kind, offset_days=offset, **values)


RESOLUTIONS = [
    # (mention, future, expected date, precision)
    (_mention("weekday", weekday=2), False, "2021-06-02", "day"),  # "on Wednesday" in a Wednesday paper: today
    (_mention("weekday", weekday=0), False, "2021-05-31", "day"),
    (_mention("weekday", weekday=4), False, "2021-05-28", "day"),
    (_mention("weekday", weekday=4), True, "2021-06-04", "day"),  # "will meet on Friday"
    (_mention("month", month=5), False, "2021-05", "month"),  # "at the end of May"
    (_mention("month", month=7), False, "2020-07", "month"),  # a bare month after the paper's: last year's
    (_mention("month", month=7), True, "2021-07", "month"),
    (_mention("month", year=2020, month=1), False, "2020-01", "month"),  # "in January 2020"
    (_mention("day", month=3, day=3), False, "2021-03-03", "day"),  # "on March 3"
    (_mention("day", month=12, day=25), False, "2020-12-25", "day"),
    (_mention("day", year=2019, month=11, day=9), False, "2019-11-09", "day"),
    (_mention("day", month=3, day=3, offset=2), False, "2021-03-05", "day"),  # "two days after March 3"
    (_mention("year", year=1980), False, "1980", "year"),  # "in 1980"
    (_mention("relative", "yesterday"), False, "2021-06-01", "day"),
    (_mention("relative", "today"), False, "2021-06-02", "day"),
    (_mention("relative", "last month"), False, "2021-05", "month"),
    (_mention("relative", "this year"), False, "2021", "year"),  # "earlier this year"
    (_mention("relative", "last year"), False, "2020", "year"),
    (_mention("relative", "2 days ago"), False, "2021-05-31", "day"),
    (_mention("relative", "last week"), False, "2021-05-24", "week"),  # the Monday of last week
]


@pytest.mark.parametrize(("mention", "future", "date", "precision"), RESOLUTIONS)
def test_dates_resolve_against_the_document_date(mention, future, date, precision) -> None:
    assert DateResolver().resolve(mention, BASE, future) == ResolvedDate(date, precision)


def test_dates_impossible_day_is_no_date() -> None:
    assert DateResolver().resolve(_mention("day", month=2, day=30), BASE) is None
    assert DateResolver().resolve(_mention("relative", "blorp"), BASE) is None


@pytest.mark.parametrize(
    ("date", "precision", "start"),
    [("1980", "year", dt.date(1980, 1, 1)), ("2020-01", "month", dt.date(2020, 1, 1)),
     ("2020-01-03", "day", dt.date(2020, 1, 3))],
)
def test_dates_precision_and_start(date, precision, start) -> None:
    assert date_precision(date) == precision
    assert ResolvedDate(date, precision).start() == start


def test_dates_precision_of_nothing() -> None:
    assert date_precision(None) is None


# (sentence, trigger lemma, date, precision, source) with the document dated Wednesday 2021-06-02.
SENTENCES = [
    ("Iraq invaded Iran in 1980.", "invade", "1980", "year", "sentence"),
    ("Iraqi security forces arrested a militia commander on Wednesday.", "arrest", "2021-06-02", "day", "sentence"),
    ("Russian forces shelled Kharkiv on Monday.", "shell", "2021-05-31", "day", "sentence"),
    ("The Syrian army attacked rebels last month.", "attack", "2021-05", "month", "sentence"),
    ("Iraqi police arrested dozens of protesters at the end of May.", "arrest", "2021-05", "month", "sentence"),
    ("Rebels attacked a Malian army convoy in January 2020.", "attack", "2020-01", "month", "sentence"),
    ("Iraqi police arrested two Iranian men yesterday.", "arrest", "2021-06-01", "day", "sentence"),
    ("Turkish troops attacked Kurdish fighters on March 3.", "attack", "2021-03-03", "day", "sentence"),
    ("Israel bombed Gaza earlier this year.", "bomb", "2021", "year", "sentence"),
    ("Troops attacked the rebels on December 25.", "attack", "2020-12-25", "day", "sentence"),  # never ahead
    ("Iraqi security forces arrested a militia commander.", "arrest", "2021-06-02", "day", "document"),
    ("Iraq attacked Iran in 2030.", "attack", "2021-06-02", "day", "document"),  # a past act is not in 2030
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "lemma", "date", "precision", "source"), SENTENCES)
def test_dates_of_events_in_sentences(open_coder, text, lemma, date, precision, source) -> None:
    events = [e for e in open_coder.code_text(text, date="2021-06-02") if e.modality == "asserted"]
    assert events, f"no asserted event in {text!r}"
    assert {(e.date, e.date_precision, e.date_source) for e in events} == {(date, precision, source)}, lemma


@pytest.mark.model
def test_dates_prefer_the_events_own_clause(open_coder) -> None:
    text = "Iraqi police arrested the suspect on Monday, weeks after rebels attacked the town in 2019."
    dated = {e.code[:2]: e.date for e in open_coder.code_text(text, date="2021-06-02")}
    assert dated.get("17") == "2021-05-31"
    assert dated.get("19") == "2019"


@pytest.mark.model
def test_dates_year_modifying_an_event_noun(open_coder) -> None:
    events = open_coder.code_text("Since the 2003 US-led invasion of Iraq, Tehran has gained power.", date="2021-06-02")
    invasion = [e for e in events if e.source.code.startswith("USA") and e.target.code.startswith("IRQ")]
    assert [(e.date, e.date_precision) for e in invasion] == [("2003", "year")]


@pytest.mark.model
def test_dates_dateline_and_period_bounds_are_not_event_dates(open_coder) -> None:
    text = "BAGHDAD, May 3 (Wire) - Iraqi police have arrested Iranian agents since October."
    events = open_coder.code_text(text, date="2021-06-02")
    assert events
    assert {(e.date, e.date_source) for e in events} == {("2021-06-02", "document")}


@pytest.mark.model
def test_dates_told_on_tuesday_does_not_date_the_plan(coder) -> None:
    text = "Johnson told Zelensky on Tuesday that Britain would send more weapons to Ukraine."
    plans = [e for e in coder.code_text(text, date="2021-06-02") if e.modality == "hypothetical"]
    assert plans and all(e.date_source == "document" for e in plans)


SPOTTED = [
    ("Fighting resumed in mid-2019.", [("mid-2019", "year")]),
    ("Troops attacked the town in early October.", [("October", "month")]),
    ("The army attacked the base two days after March 3.", [("two days after March 3", "day")]),
    ("The army attacked rebels on Saturday night.", [("Saturday night", "weekday")]),
    ("Troops clashed on 3 March 2020.", [("3 March 2020", "day")]),
    ("Iraqi police arrested a man three weeks ago.", [("3 weeks ago", "relative")]),
    ("Police arrested 2000 protesters.", []),  # a count, not a year
    ("Officials said the talks may resume.", []),  # the modal, not the month
    ("Fighting has raged since October.", []),  # a period bound
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), SPOTTED)
def test_dates_spotting(coder, text, expected) -> None:
    from tacitus.enrich import DateSpotter

    sent = next(iter(coder.nlp(text).sents))
    assert [(m.text, m.kind) for m in DateSpotter().spot(sent)] == expected
