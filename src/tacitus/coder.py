"""The Coder: documents in, coded events out. Heavy things load once, lazily, per Coder."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import ActorDictionary, ActorResolver, MentionMatcher
from .actors.matcher import Mention
from .config import Config
from .enrich import Enricher, Enrichment
from .events import Candidate, EventExtractor, Lexicon
from .model import Actor, Document, Event
from .nlp import load_model, model_version
from .ontology import Codebook, default_codebook
from .petrarch.cache import no_gc
from .petrarch.readers import Dictionaries

if TYPE_CHECKING:
    from .petrarch.patterns import Discarder

if TYPE_CHECKING:
    from .prefilter import Prefilter


class Coder:
    """Codes English text into CAMEO events.

    >>> coder = Coder()
    >>> [e.code for e in coder.code_text("Iraqi security forces arrested a Hezbollah commander.")]
    ['173']
    """

    def __init__(self, config: Config | None = None, nlp: Language | None = None) -> None:
        self.config = config or Config()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model(self.config.model)
        return self._nlp

    @functools.cached_property
    def dictionary(self) -> ActorDictionary:
        dictionary = ActorDictionary.builtin() if self.config.builtin else ActorDictionary()
        if self.petrarch is not None:
            from .petrarch.layer import layer_petrarch_actors

            with no_gc():
                layer_petrarch_actors(dictionary, self.petrarch)
        return dictionary

    @functools.cached_property
    def petrarch(self) -> Dictionaries | None:
        """PETRARCH-format dictionaries named by the config (read once, cached on disk), or None."""
        from .petrarch import dictionaries_for

        return dictionaries_for(self.config)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        lexicon = Lexicon.builtin() if self.config.builtin else Lexicon()
        if self.petrarch is not None:
            from .petrarch.convert import layer_lexicon
            from .petrarch.layer import petrarch_lexicon

            with no_gc():  # a full collection here, in a forked worker, touches every inherited page
                extra = petrarch_lexicon(self.petrarch, frozenset(lexicon.verbs), defaults=not self.config.builtin)
                self._dyad_only = frozenset(extra.verbs)
                layer_lexicon(lexicon, extra)
        return lexicon

    @functools.cached_property
    def discarder(self) -> Discarder | None:
        """PETRARCH discard phrases, when the config names discard files.

        Over the built-in dictionaries only story-level ('+') discards apply: sentence-level ones (years,
        'months ago') would drop the historical events Tacitus codes with their dates."""
        if self.petrarch is None or not self.petrarch.discards:
            return None
        from .petrarch.patterns import Discarder

        discards = [d for d in self.petrarch.discards if d.story or not self.config.builtin]
        return Discarder(discards) if discards else None

    # Verbs known only from PETRARCH files code an event only with both actors known, as PETRARCH does.
    _dyad_only: frozenset[str] = frozenset()

    @functools.cached_property
    def codebook(self) -> Codebook:
        return default_codebook()

    @functools.cached_property
    def matcher(self) -> MentionMatcher:
        tokenizer = self.nlp.tokenizer

        def tokenize(text: str) -> list[str]:
            if _PLAIN_NAME.fullmatch(text):  # most names: splitting on spaces is what the tokenizer does
                return text.split()
            return [t.text for t in tokenizer(text)]

        dictionary = self.dictionary
        with no_gc():  # tens of thousands of small trie nodes with PETRARCH actor files
            if self.petrarch is not None and self.config.builtin:
                from .petrarch.layer import layered_matcher

                return layered_matcher(dictionary, tokenize, tokenizer)
            return MentionMatcher(dictionary, tokenize)

    @functools.cached_property
    def extractor(self) -> EventExtractor:
        return EventExtractor(self.lexicon)

    @functools.cached_property
    def enricher(self) -> Enricher:
        """Event dates and places (its gazetteer loads on first use)."""
        return Enricher()

    @functools.cached_property
    def prefilter(self) -> Prefilter:
        from .prefilter import Prefilter

        return Prefilter(self.lexicon, self.nlp)

    def provenance(self) -> dict[str, str]:
        """Model and dictionary versions, for the record of a run."""
        info = {"model": model_version(self.nlp)}
        info.update(self.dictionary.sources)
        return info

    # -- coding ----------------------------------------------------------------------------------

    def code_text(self, text: str, doc_id: str = "text", date: str | None = None) -> list[Event]:
        """Code one text."""
        document = Document(id=doc_id, text=text, date=date)
        return self.code_doc(self.nlp(text), document)

    def code_documents(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Stream documents through the parser in batches; yield each with its events, in order.

        With ``config.processes`` above 1 (default: every core), batches go to worker processes that each
        build their own Coder once; small inputs are coded here, where no worker has to start.
        """
        processes = self.config.workers()
        if processes > 1:
            from .engines.local import code_in_processes

            yield from code_in_processes(self, documents, processes)
            return
        yield from self.code_serially(documents)

    def code_serially(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """:meth:`code_documents` in this process."""
        if self.config.prefilter:
            from .prefilter import code_prefiltered

            yield from code_prefiltered(self, documents)
            return
        pairs = ((document.text, document) for document in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.config.batch_size):
            yield document, self.code_doc(doc, document)

    def code_doc(self, doc: Doc, document: Document) -> list[Event]:
        """Code a parsed document."""
        resolver = self.resolver(doc, self.matcher.find(doc), document)
        sentences = ((index, sent, (sent.start_char, sent.end_char)) for index, sent in enumerate(doc.sents))
        return self.code_sentences(sentences, resolver, document)

    def resolver(self, doc: Doc, mentions: list[Mention], document: Document) -> ActorResolver:
        """The document's actor resolver (the prefilter builds one over the parsed sentences only)."""
        day = parse_day(document.date or self.config.date)
        return ActorResolver(doc, mentions, day or dt.date.today(), self.enricher.gazetteer)

    def code_sentences(self, sentences: Iterable[tuple[int, Span, tuple[int, int]]], resolver: ActorResolver,
                       document: Document) -> list[Event]:
        """Code parsed sentences in document order: (number in the document, sentence, character span)."""
        date = document.date or self.config.date
        day = parse_day(date)
        events: list[Event] = []
        discarder = self.discarder
        if discarder is not None and discarder.check_tokens(resolver.doc) == "story":
            return events  # a PETRARCH story-level discard ('+TYPHOON')
        for index, sent, span in sentences:
            resolver.read_sentence(sent)
            if discarder is not None and discarder.check_tokens(sent):
                continue
            candidates = [c for c in self.extractor.extract(sent, resolver)
                          if (self.config.keep_unknown or (identified(c.source) and identified(c.target)))
                          and not (self._dyad_only and not _dyad_ok(c, self._dyad_only))]
            quads = [self.codebook.get(c.code).quad_class for c in candidates]
            enriched = self.enricher.enrich(sent, candidates, quads, date, day)
            for candidate, extra in zip(candidates, enriched, strict=True):
                events.append(self._event(candidate, document, index, sent, extra, span=span))
        return events

    def _event(self, c: Candidate, document: Document, index: int, sent: object, extra: Enrichment,
               span: tuple[int, int] | None = None) -> Event:
        entry = self.codebook.get(c.code)
        source = c.source or Actor()
        target = c.target or Actor()
        start, end = span or (sent.start_char, sent.end_char)  # type: ignore[attr-defined]
        return Event(
            event_id=Event.make_id(document.id, index, source.code, target.code, entry.code),
            doc_id=document.id,
            sentence_index=index,
            sentence=document.text[start:end],
            span=(start, end),
            date=extra.date,
            date_precision=extra.date_precision,  # type: ignore[arg-type]
            date_source=extra.date_source,  # type: ignore[arg-type]
            source=source,
            target=target,
            code=entry.code,
            root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover=entry.plover,
            modality=c.modality,  # type: ignore[arg-type]
            claimed_by=c.claimed_by,
            location=extra.location,
            confidence=_confidence(c),
        )


def identified(actor: Actor | None) -> bool:
    """An actor a dyad can be built on: a country, or a named body ('IGOUNO', 'IMGMOSISI'), not '---' or 'CVL'."""
    if actor is None or not actor.known:
        return False
    return bool(actor.country) or actor.code != (actor.sector or "")


_PLAIN_NAME = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _dyad_ok(c: Candidate, lemmas: frozenset[str]) -> bool:
    if c.trigger.pos_ not in ("VERB", "AUX") or c.trigger.lemma_.lower() not in lemmas:
        return True  # nouns ('crackdown') and built-in verbs keep Tacitus's rules
    return bool(c.source and c.source.known and c.target and c.target.known)


def _confidence(c: Candidate) -> float:
    score = 0.9
    if not (c.source and c.source.known) or not (c.target and c.target.known):
        score -= 0.25
    if c.nominal:
        score -= 0.1
    return round(score, 2)


def parse_day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
