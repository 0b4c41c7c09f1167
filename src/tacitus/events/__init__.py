"""Event triggers, argument extraction, modality and attribution."""

from .extract import Candidate, EventExtractor
from .lexicon import Lexicon, VerbPattern
from .modality import claimant, modality

__all__ = ["Candidate", "EventExtractor", "Lexicon", "VerbPattern", "claimant", "modality"]
