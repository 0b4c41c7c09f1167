"""The sentence prefilter: cheap segmentation, trigger forms, what is kept, and no change to the events."""

from __future__ import annotations

import pytest

from tacitus import Coder, Config, Document
from tacitus.prefilter import compact_doc
from tacitus.tsv import builtin_path

pytestmark = pytest.mark.model

NEWS = (
    "BAGHDAD -\n\n"
    "The weather in the capital was mild on Tuesday. Markets opened late. "
    "Iraqi security forces arrested a Hezbollah commander.\n\n"
    "Oil prices rose 3 percent in early trading. "
    "They later released him, officials said."
)


@pytest.fixture(scope="module")
def lean(coder) -> Coder:
    """A Coder without the prefilter, sharing the session coder's model."""
    return Coder(Config(date="2021-06-01", prefilter=False, processes=1), nlp=coder.nlp)


def test_prefilter_trigger_forms_cover_irregular_and_inflected_forms(coder):
    forms = coder.prefilter.triggers
    for form in ("attacked", "attacks", "arresting", "Seized", "struck", "fought", "talks", "sanctions", "staged"):
        assert form in forms, form
    for form in ("weather", "mild", "percent", "Tuesday", "the"):
        assert form not in forms, form


def test_prefilter_segments_at_punctuation_and_blank_lines(coder):
    doc = coder.nlp.make_doc('He said "we will fight." Then he left.\n\nA new paragraph. U.S. troops left.')
    texts = [doc[s.start : s.end].text.strip() for s in coder.prefilter.segments(doc)]
    assert texts == ['He said "we will fight."', "Then he left.", "A new paragraph.", "U.S. troops left."]


def test_prefilter_keeps_event_sentences_and_context_only(coder):
    doc = coder.nlp.make_doc(NEWS)
    selection = coder.prefilter.select(doc, coder.matcher.find(doc))
    kept = [doc[s.start : s.end].text.strip() for s in selection.segments if s.keep]
    assert kept == ["BAGHDAD -", "Iraqi security forces arrested a Hezbollah commander.",
                    "They later released him, officials said."]  # the dateline is context for "They"
    assert selection.kept_tokens < len(doc) / 2


def test_prefilter_trigger_verbs_need_their_pattern_words(coder):
    triggers = coder.prefilter.triggers
    assert triggers.in_sentence("Troops opened fire on the crowd".split())
    assert not triggers.in_sentence("Markets opened late".split())


def test_prefilter_keeps_context_sentences_before_a_pronoun(coder):
    text = "The Iranian foreign minister was in Ankara. He condemned the strikes."
    doc = coder.nlp.make_doc(text)
    selection = coder.prefilter.select(doc, coder.matcher.find(doc))
    assert [s.keep for s in selection.segments] == [True, True]  # the first sentence is context for "He"
    assert [(s.trigger, s.actor) for s in selection.segments] == [(False, True), (True, True)]


def test_prefilter_compact_doc_keeps_original_offsets(coder):
    doc = coder.nlp.make_doc(NEWS)
    selection = coder.prefilter.select(doc, coder.matcher.find(doc))
    compact, index = compact_doc(doc, selection.runs)
    assert [doc[i].text for i in index] == [t.text for t in compact]
    assert [t.i for t in compact if t.is_sent_start] == [index.index(start) for start, _ in selection.runs]


def test_prefilter_events_have_document_offsets_and_sentence_numbers(coder, lean):
    document = Document(id="news", text=NEWS, date="2021-06-01")
    (_, with_filter), = coder.code_serially([document])
    (_, without), = lean.code_serially([document])
    # "They" is resolved by looking back over the skipped sentence about oil prices
    assert [(e.code, e.sentence_index, e.source.known) for e in with_filter] == [("173", 3, True), ("0841", 5, True)]
    for event in with_filter:
        assert NEWS[event.span[0] : event.span[1]] == event.sentence
    assert [e.model_dump() for e in with_filter] == [e.model_dump() for e in without]


def test_prefilter_changes_no_event_of_the_sample_corpus(coder, lean):
    documents = [Document(id=p.stem, text=p.read_text(encoding="utf-8"), date="2021-06-01")
                 for p in sorted(builtin_path("sample").glob("*.txt"))]
    with_filter = [e.model_dump() for _, events in coder.code_serially(documents) for e in events]
    without = [e.model_dump() for _, events in lean.code_serially(documents) for e in events]
    assert len(without) > 100  # events with both actors identified
    assert with_filter == without
