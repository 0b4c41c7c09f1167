"""Actor dictionaries, mention matching and resolution of noun phrases to CAMEO actor codes."""

from .dictionary import ActorDictionary, Entry, Role
from .matcher import Mention, MentionMatcher
from .resolver import ActorResolver

__all__ = ["ActorDictionary", "ActorResolver", "Entry", "Mention", "MentionMatcher", "Role"]
