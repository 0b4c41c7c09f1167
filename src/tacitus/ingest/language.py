"""Language identification (lingua, low-accuracy mode, ~20 news languages): keep English, reject the rest.

The detector is built once per process on first use (about 20 MB and 0.1 s; lingua's high-accuracy mode
would take some 270 MB). It reads at most the first ``SAMPLE_CHARS`` characters of a document. Texts
shorter than ``MIN_CHARS`` are never rejected on language alone: lingua guesses wildly on a few words
and on lists of names. A document is rejected only when another language is the clear winner (at least
``REJECT_CONFIDENCE``) and English is all but excluded (below ``ENGLISH_FLOOR``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes of the languages the detector chooses among (most common languages of world news).
LANGUAGES: tuple[str, ...] = (
    "en", "es", "fr", "de", "pt", "it", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "ur", "hi", "bn",
    "zh", "ja", "ko", "id", "sw", "vi",
)
MIN_CHARS = 40
SAMPLE_CHARS = 3000
REJECT_CONFIDENCE = 0.5
ENGLISH_FLOOR = 0.1


@dataclass(frozen=True)
class Guess:
    """The most likely language of a text: ISO 639-1 code, English name, confidence 0-1."""

    code: str
    name: str
    confidence: float
    english: float  # lingua's confidence that the text is English

    @property
    def is_english(self) -> bool:
        return self.code == "en"


class LanguageIdentifier:
    """Guesses a document's language; the lingua detector is built lazily, once."""

    def __init__(self, languages: tuple[str, ...] = LANGUAGES) -> None:
        self.languages = languages
        self._detector: LanguageDetector | None = None

    def _build(self) -> LanguageDetector:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in self.languages]
        return LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()

    def guess(self, text: str) -> Guess | None:
        """The likely language, or None when the text is too short (under ``MIN_CHARS``) to tell."""
        sample = text[:SAMPLE_CHARS].strip()
        if len(sample) < MIN_CHARS:
            return None
        if self._detector is None:
            self._detector = self._build()
        values = self._detector.compute_language_confidence_values(sample)
        if not values:
            return None
        english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
        top = values[0]
        return Guess(top.language.iso_code_639_1.name.lower(), top.language.name.title(), top.value, english)

    def rejection(self, guess: Guess | None) -> str | None:
        """Why a document in this language is not coded, or None to code it."""
        if guess is None or guess.is_english:
            return None
        if guess.confidence >= REJECT_CONFIDENCE and guess.english < ENGLISH_FLOOR:
            return f"language is {guess.name} ({guess.code}), the model is English"
        return None


@cache
def default_identifier() -> LanguageIdentifier:
    """The process-wide identifier (its detector is built on first use)."""
    return LanguageIdentifier()
