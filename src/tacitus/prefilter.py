"""Sentence prefilter: parse only the sentences that can hold a codable event.

Parsing (tok2vec, tagger, parser, lemmatizer) is nearly all of Tacitus's cost, and about half of news
sentences cannot yield an event. The prefilter decides from the tokenizer and the actor dictionary alone:

1. cut the tokenized document into sentences with a cheap rule (terminal punctuation followed by a
   capitalised word, and every blank line, as the ``tacitus_paragraphs`` component does);
2. a sentence is an *event sentence* when it has a trigger (a form whose possible lemma is a verb or noun
   of the lexicon, read from the model's own lemmatizer tables, so no tagger is needed) and an *actor
   signal* (a dictionary mention, a personal pronoun, or a capitalised word seen earlier beside a mention,
   which may be an alias learned from an appositive);
3. a sentence with an actor signal but no trigger is a *context sentence*: the resolver reads it to resolve
   later pronouns and definite descriptions ("the regime"), so it is kept when a later event sentence has
   such a look-back word;
4. kept sentences are parsed as contiguous runs (adjacent kept sentences of one paragraph stay together,
   so the parser still decides the boundaries inside them); character offsets point into the original text.

Every event needs a trigger and a known actor in its sentence, and the resolver's memory only grows from
sentences with actors, so skipping the rest loses nothing; the only differences come from the parser
seeing a sentence without its skipped neighbours (see docs/scaling.md for the measured effect).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors.matcher import Mention
from .actors.resolver import DEFINITE, NEUTER, PERSONAL, PLURAL, _home_country
from .dateline import dateline_tokens
from .events.extract import LEMMA_FIXES
from .events.lexicon import Lexicon
from .model import Document, Event

if TYPE_CHECKING:
    from .coder import Coder

TERMINAL = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
OPENERS = frozenset({'"', "'", "“", "‘", "(", "[", "«"})
PRONOUNS = PERSONAL | NEUTER | PLURAL
APPOSITIVE_MARKS = frozenset({",", "(", "-", "–", "—"})
# Parts of speech whose lemma tables can turn a surface form into a trigger lemma.
TRIGGER_POS = ("verb", "noun")


@dataclass
class Segment:
    """A cheap sentence: tokens [start, end) of the tokenized document and why it is kept or not."""

    start: int
    end: int
    paragraph: int
    trigger: bool = False
    actor: bool = False
    lookback: bool = False
    keep: bool = False


@dataclass
class Selection:
    """The prefilter's decision for one document: its segments and the kept runs of tokens."""

    segments: list[Segment]
    runs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def kept_tokens(self) -> int:
        return sum(end - start for start, end in self.runs)


class TriggerForms:
    """Which trigger lemmas can a sentence's words have? Answers from the lemmatizer's own tables.

    A verb counts only when one of its patterns can match: every word the pattern needs ("open fire",
    "arrive in") is among the sentence's possible lemmas. A noun trigger always counts.
    """

    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.verbs = {verb: [frozenset(p.extras) for p in patterns] for verb, patterns in lexicon.verbs.items()}
        self.nouns = frozenset(lexicon.nouns)
        extras = {word for patterns in self.verbs.values() for words in patterns for word in words}
        self.vocabulary = frozenset(self.verbs) | self.nouns | extras
        self._rules: dict[str, list[tuple[str, str]]] = {}
        self._exceptions: dict[str, dict[str, list[str]]] = {}
        if nlp.has_pipe("lemmatizer"):
            lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            for pos in TRIGGER_POS:
                if lookups.has_table("lemma_rules"):
                    self._rules[pos] = [tuple(r) for r in lookups.get_table("lemma_rules").get(pos, [])]
                if lookups.has_table("lemma_exc"):
                    self._exceptions[pos] = dict(lookups.get_table("lemma_exc").get(pos, {}))
        self._cache: dict[str, frozenset[str]] = {}

    def candidates(self, form: str) -> set[str]:
        """Every lemma spaCy's rule lemmatizer could give ``form`` as a noun or verb (lower case)."""
        lower = form.lower()
        found = {lower}
        for pos in TRIGGER_POS:
            found.update(self._exceptions.get(pos, {}).get(lower, ()))
            for old, new in self._rules.get(pos, ()):
                if lower.endswith(old):
                    found.add(lower[: len(lower) - len(old)] + new)
        return found | {LEMMA_FIXES.get(c, c) for c in found}

    def lemmas(self, form: str) -> frozenset[str]:
        """The possible lemmas of ``form`` that the lexicon uses (triggers and pattern words)."""
        known = self._cache.get(form)
        if known is None:
            known = self._cache[form] = frozenset(self.candidates(form) & self.vocabulary)
        return known

    def __contains__(self, form: str) -> bool:
        """Can ``form`` be a trigger in some sentence (a noun trigger, or a verb of the lexicon)?"""
        lemmas = self.lemmas(form)
        return not lemmas.isdisjoint(self.nouns) or any(lemma in self.verbs for lemma in lemmas)

    def in_sentence(self, forms: Iterable[str]) -> bool:
        """Does a sentence with these word forms have a trigger whose pattern can be completed?"""
        possible: set[str] = set()
        for form in forms:
            possible |= self.lemmas(form)
        if not possible.isdisjoint(self.nouns):
            return True
        return any(extras <= possible for verb in possible if verb in self.verbs for extras in self.verbs[verb])


class Prefilter:
    """Chooses the sentences of a tokenized document worth parsing."""

    def __init__(self, lexicon: Lexicon, nlp: Language, context: int = 0) -> None:
        self.triggers = TriggerForms(lexicon, nlp)
        self.context = context  # sentences read before a look-back; 0: every earlier sentence with an actor

    def segments(self, doc: Doc) -> list[Segment]:
        """Cheap sentences: after terminal punctuation (and closing quotes) before a capital, and at blank lines."""
        segments: list[Segment] = []
        start, paragraph = 0, 0
        n = len(doc)
        body = dateline_tokens(doc)
        for i in range(1, n):
            prev = doc[i - 1]
            token = doc[i]
            if token.is_space:
                continue
            if (prev.is_space and prev.text.count("\n") >= 2) or i == body:
                segments.append(Segment(start, i, paragraph))
                start, paragraph = i, paragraph + 1
            elif _ends_sentence(doc, i) and _starts_sentence(token.text) and (prev.whitespace_ or prev.is_space):
                segments.append(Segment(start, i, paragraph))
                start = i
        if start < n:
            segments.append(Segment(start, n, paragraph))
        return segments

    def select(self, doc: Doc, mentions: Iterable[Mention]) -> Selection:
        """Decide which segments to parse; ``mentions`` are the actor matcher's over the whole document."""
        segments = self.segments(doc)
        in_mention = bytearray(len(doc))
        agent_starts: set[int] = set()  # sector words with no country of their own ("the regime")
        for mention in mentions:
            in_mention[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            if mention.best.kind == "agent":
                agent_starts.add(mention.start)
        names: set[str] = set()  # capitalised words of sentences with mentions: possible appositive aliases
        for segment in segments:
            tokens = doc[segment.start : segment.end]
            has_mention = any(in_mention[t.i] for t in tokens)
            capitals = {t.text for t in tokens if not in_mention[t.i] and _capitalised(t.text)}
            alias = bool(capitals & names)
            if has_mention and any(t.text in APPOSITIVE_MARKS for t in tokens):
                names |= capitals  # an appositive needs a comma, a bracket or a dash
            pronoun = any(t.lower_ in PRONOUNS for t in tokens)
            segment.actor = has_mention or pronoun or alias
            segment.trigger = self.triggers.in_sentence(t.text for t in tokens if not t.is_space)
            segment.lookback = pronoun or alias or any(
                t.lower_ in DEFINITE and t.i + 1 in agent_starts for t in tokens
            )
            segment.keep = segment.trigger and segment.actor
        lookbacks = [k for k, s in enumerate(segments) if s.keep and s.lookback]
        for k in lookbacks:
            # the resolver must read earlier actors before a pronoun or "the regime" looks back for them
            for segment in segments[max(0, k - self.context) if self.context else 0 : k]:
                segment.keep = segment.keep or segment.actor
        return Selection(segments, _runs(segments))


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Does a sentence end before token i (terminal punctuation, perhaps followed by closers and spaces)?"""
    j = i - 1
    while j > 0 and (doc[j].is_space or doc[j].text in CLOSERS):
        j -= 1
    return doc[j].text in TERMINAL or (len(doc[j].text) > 1 and doc[j].text[-1] in "!?")


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in OPENERS


def _capitalised(text: str) -> bool:
    return len(text) > 2 and text[0].isupper() and text.lower() not in ("al", "el", "abu")


def _runs(segments: list[Segment]) -> list[tuple[int, int]]:
    """Adjacent kept segments of one paragraph merged into one run of tokens."""
    runs: list[tuple[int, int]] = []
    previous: Segment | None = None
    for segment in segments:
        if segment.keep:
            if runs and previous is not None and previous.keep and previous.paragraph == segment.paragraph:
                runs[-1] = (runs[-1][0], segment.end)
            else:
                runs.append((segment.start, segment.end))
        previous = segment
    return runs


def compact_doc(doc: Doc, runs: list[tuple[int, int]]) -> tuple[Doc, list[int]]:
    """A new Doc of the runs' tokens only, each run starting a sentence; and each token's index in ``doc``."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []
    index: list[int] = []
    for start, end in runs:
        for token in doc[start:end]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            starts.append(True if token.i == start else None)
            index.append(token.i)
    compact = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts if words else None)
    return compact, index


def shift_mentions(mentions: Iterable[Mention], runs: list[tuple[int, int]], index: list[int]) -> list[Mention]:
    """The mentions inside kept runs, with token offsets into the compact Doc."""
    position = {original: i for i, original in enumerate(index)}
    shifted = []
    for mention in mentions:
        start = position.get(mention.start)
        end = position.get(mention.end - 1)
        if start is not None and end is not None and end - start == mention.end - 1 - mention.start:
            shifted.append(Mention(start, end + 1, mention.entries, mention.text))
    return shifted


# -- coding with the prefilter ---------------------------------------------------------------------


def code_prefiltered(coder: Coder, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
    """Tokenize and match every document, parse its kept runs only, and code them (in input order)."""
    nlp = coder.nlp
    matcher = coder.matcher
    prefilter = coder.prefilter

    def prepared() -> Iterator[tuple[Doc, _Context]]:
        for document in documents:
            full = nlp.make_doc(document.text)
            mentions = matcher.find(full)
            selection = prefilter.select(full, mentions)
            compact, index = compact_doc(full, selection.runs)
            yield compact, _Context(document, full, mentions, selection, index)

    for compact, context in nlp.pipe(prepared(), as_tuples=True, batch_size=coder.config.batch_size):
        yield context.document, code_compact(coder, compact, context)


@dataclass
class _Context:
    document: Document
    full: Doc
    mentions: list[Mention]
    selection: Selection
    index: list[int]


def code_compact(coder: Coder, compact: Doc, context: _Context) -> list[Event]:
    """Code a parsed compact Doc; sentence numbers and offsets are those of the whole document."""
    full, index = context.full, context.index
    mentions = shift_mentions(context.mentions, context.selection.runs, index)
    resolver = coder.resolver(compact, mentions, context.document)
    resolver.home = _home_country(full, context.mentions)  # the whole document decides its home country
    segments = context.selection.segments
    starts = [segment.start for segment in segments]
    skipped_before = list(itertools.accumulate((not s.keep for s in segments), initial=0))

    def sentences() -> Iterator[tuple[int, Span, tuple[int, int]]]:
        for parsed, sent in enumerate(compact.sents):
            first, last = index[sent.start], index[sent.end - 1]
            segment = bisect.bisect_right(starts, first) - 1
            yield parsed + skipped_before[segment], sent, (full[first].idx, full[last].idx + len(full[last].text))

    return coder.code_sentences(sentences(), resolver, context.document)
