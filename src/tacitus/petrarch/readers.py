"""Readers for PETRARCH/TABARI dictionary files: verbs, actors, agents, discards.

Each reader returns typed records plus a list of :class:`~tacitus.errors.DictionaryError` (file:line) for
malformed lines; a bad line is skipped and the rest of the file still loads.

Formats (as in the PETRARCH-1/2 distributions):

* verbs: ``&SYNSET`` blocks of ``+WORD`` members; ``--- VERB [CODE] ---`` blocks, then verb lines
  (``BREAK {BROKE BROKEN}``, ``+BREAK_DOWN {...}`` for multi-word verbs) and pattern lines
  (``- PRE * POST [CODE] # comment``). PETRARCH-2 files (CAMEO.2.0) list several verbs per block and write
  ``(PP)`` and ``{NOUN PHRASE}`` groups in patterns; both read into the same records.
* actors: ``NAME [CODE]`` or a name, ``+SYNONYM`` lines and indented ``[CODE DATE]`` lines, where a date
  restriction is ``<YYMMDD``, ``>YYMMDD`` or ``YYMMDD-YYMMDD`` (six or eight digits); ``[A/B]`` is several codes.
* agents: ``NAME {PLURAL ...} [~SEC]`` (``~`` marks where the actor's code goes), ``!X! = A, B`` substitutions.
* discards: a phrase per line; ``+`` marks a story-level discard.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DictionaryError

# -- records ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedCode:
    """An actor code, valid between start and end (inclusive); None means open."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def undated(self) -> bool:
        return self.start is None and self.end is None


@dataclass(frozen=True)
class ActorRecord:
    """One actor: its names (as phrases of upper-case words) and its dated codes."""

    names: tuple[tuple[str, ...], ...]
    codes: tuple[DatedCode, ...]
    line: int = 0

    def codes_on(self, day: dt.date | None) -> tuple[str, ...]:
        """PETRARCH's rule: a dated code holding that day, else the undated default codes."""
        dated = [c for c in self.codes if not c.undated and c.holds_on(day)]
        if dated:
            return tuple(dict.fromkeys(part for c in dated[:1] for part in c.code.split("/")))
        return tuple(dict.fromkeys(part for c in self.codes if c.undated for part in c.code.split("/")))


@dataclass(frozen=True)
class AgentRecord:
    """A sector word: names (singular and plural) and its code with ``~`` where the actor's goes."""

    names: tuple[tuple[str, ...], ...]
    code: str
    line: int = 0

    @property
    def suffix(self) -> bool:
        """``[~GOV]`` follows the actor code; ``[NGO~]`` precedes it."""
        return self.code.startswith("~") or "~" not in self.code

    @property
    def bare(self) -> str:
        return self.code.replace("~", "")


@dataclass(frozen=True)
class Discard:
    words: tuple[str, ...]
    story: bool
    line: int = 0


@dataclass(frozen=True)
class PatternWord:
    """One element of a verb pattern: a word (``word``), a synset (``&NAME``) or a marker ``$ + % ^``."""

    text: str
    joined: bool = False  # written with '_' to the previous element: must be adjacent


@dataclass(frozen=True)
class VerbPatternRecord:
    """``- PRE * POST [CODE]`` under a verb block; codes are 'source->target' and optional reverse."""

    block: str
    pre: tuple[PatternWord, ...]
    post: tuple[PatternWord, ...]
    code: str
    reverse: str | None = None
    line: int = 0
    pre_adjacent: bool = False  # 'RECENTLY_*': the last word before the verb touches it

    @property
    def size(self) -> int:
        return sum(1 for w in self.pre + self.post if w.text not in ("$", "+", "%", "^"))


@dataclass(frozen=True)
class VerbRecord:
    """A verb of a block: its words (``BREAK`` or ``BREAK DOWN``) and irregular forms."""

    words: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]
    block: str
    line: int = 0


@dataclass
class VerbDictionary:
    """All verbs, patterns and synsets of one or more verb files."""

    blocks: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # block -> default code(s)
    verbs: list[VerbRecord] = field(default_factory=list)
    patterns: dict[str, list[VerbPatternRecord]] = field(default_factory=dict)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @property
    def pattern_count(self) -> int:
        return sum(len(p) for p in self.patterns.values())


@dataclass
class Dictionaries:
    """Everything read from a set of PETRARCH files, with the errors met on the way."""

    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    actors: list[ActorRecord] = field(default_factory=list)
    agents: list[AgentRecord] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    errors: list[DictionaryError] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file name -> sha256 prefix


# -- shared helpers -------------------------------------------------------------------------------

_COMMENT_XML = re.compile(r"<!.*?>")
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")


def _lines(path: Path) -> list[str]:
    """The file's lines, with <!-- ... --> comments (which may span lines) blanked out."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary: {exc.strerror}", str(path)) from None
    text = raw.decode("utf-8", errors="replace")
    if "<!" in text:
        text = re.sub(r"<!.*?>", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return text.splitlines()


def _strip(line: str) -> str:
    """A line without its '#' comment and XML comments."""
    line = _COMMENT_XML.sub("", line)
    if "#" in line:
        line = line[: line.index("#")]
    return line.strip()


def phrase(text: str) -> tuple[str, ...]:
    """'AL-QAEDA_LEADER' or 'al qaeda' -> ('AL-QAEDA', 'LEADER'): upper-case words; '_' and spaces separate."""
    return tuple(w for w in re.split(r"[\s_]+", text.strip().upper()) if w)


def parse_date(text: str) -> dt.date:
    """'950601' (YYMMDD, 20th century from 30 up) or '19950601' -> a date."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        year = int(text[:2])
        year += 1900 if year >= 30 else 2000
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError(f"bad date {text!r} (want YYMMDD or YYYYMMDD)")


def parse_code(block: str) -> DatedCode:
    """'HOBGOV 19950601 - 19990815', 'HOB < 950601', 'ZBW' -> DatedCode."""
    text = block.strip()
    match = re.match(r"([A-Za-z0-9~+#/-]*[A-Za-z~+#/-][A-Za-z0-9~+#/-]*)?\s*(.*)$", text)
    code = (match.group(1) or "") if match else ""
    rest = (match.group(2) if match else text).replace(" ", "")
    if not code:
        raise ValueError(f"code block [{block}] has no code")
    if not rest:
        return DatedCode(code.upper())
    if rest.startswith("<"):
        return DatedCode(code.upper(), None, parse_date(rest[1:]) - dt.timedelta(days=1))
    if rest.startswith(">"):
        return DatedCode(code.upper(), parse_date(rest[1:]) + dt.timedelta(days=1), None)
    if "-" in rest:
        start, end = rest.split("-", 1)
        return DatedCode(code.upper(), parse_date(start), parse_date(end))
    raise ValueError(f"cannot read the date restriction in [{block}]")


# -- actors ---------------------------------------------------------------------------------------


def read_actors(path: Path, errors: list[DictionaryError]) -> list[ActorRecord]:
    """Actor file -> records; malformed lines are reported in ``errors`` and skipped."""
    records: list[ActorRecord] = []
    names: list[tuple[str, ...]] = []
    codes: list[DatedCode] = []
    start_line = 0

    had_block = False

    def flush() -> None:
        nonlocal names, codes, had_block
        if names and codes:
            records.append(ActorRecord(tuple(names), tuple(codes), start_line))
        elif names and not had_block:
            errors.append(DictionaryError(f"actor {' '.join(names[0])!r} has no code", str(path), start_line))
        names, codes, had_block = [], [], False

    for number, raw in enumerate(_lines(path), start=1):
        line = _strip(raw)
        if not line:
            continue
        try:
            blocks = _CODE_BLOCK.findall(line)
            if line.count("[") != line.count("]"):
                raise ValueError("unbalanced [ ]")
            head = _CODE_BLOCK.sub("", line).strip()
            if head.startswith("+"):
                if not names:
                    raise ValueError("synonym '+' with no actor before it")
                names.append(phrase(head[1:]))
            elif head and names and not codes and not had_block:
                names.append(phrase(head))  # consecutive names share the code block that follows
            elif head:
                flush()
                start_line = number
                names = [phrase(head)]
            elif not names:
                raise ValueError("code block with no actor before it")
            had_block = had_block or bool(blocks)
            codes.extend(parse_code(block) for block in blocks)
        except ValueError as exc:
            errors.append(DictionaryError(str(exc), str(path), number))
    flush()
    return records


# -- agents ---------------------------------------------------------------------------------------

_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "CH", "SH", "Z")):
        return word + "ES"
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    return word + "S"


def read_agents(path: Path, errors: list[DictionaryError]) -> list[AgentRecord]:
    """Agent file -> records, with '!X!' substitutions expanded and regular plurals added."""
    records: list[AgentRecord] = []
    substitutions: dict[str, list[str]] = {}
    for number, raw in enumerate(_lines(path), start=1):
        line = _strip(raw)
        if not line:
            continue
        match = _SUBST.match(line)
        if match:
            substitutions[match.group(1)] = [w.strip().upper() for w in match.group(2).split(",") if w.strip()]
            continue
        try:
            blocks = _CODE_BLOCK.findall(line)
            if len(blocks) != 1 or not blocks[0].strip():
                raise ValueError("agent line needs exactly one [CODE] block")
            code = blocks[0].replace(" ", "").upper()
            if not re.fullmatch(r"~?[A-Z0-9]+~?", code):
                raise ValueError(f"bad agent code [{blocks[0]}]")
            head = _CODE_BLOCK.sub("", line)
            plurals: list[str] = []
            explicit = re.search(r"\{([^}]*)\}", head)
            if explicit:
                plurals = explicit.group(1).split()
                head = head[: explicit.start()] + head[explicit.end():]
            name = head.strip()
            if not name:
                raise ValueError("agent line has no name")
            forms = _expand_subst(name.upper(), substitutions)
            if explicit is None or not plurals and explicit.group(1).strip() == "":
                if explicit is None:
                    forms += [_plural(f) for f in forms]
            forms += [p.upper() for p in plurals]
            records.append(AgentRecord(tuple(dict.fromkeys(phrase(f) for f in forms)), code, number))
        except ValueError as exc:
            errors.append(DictionaryError(str(exc), str(path), number))
    return records


def _expand_subst(name: str, substitutions: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!(\w+)!", name)
    if not match:
        return [name]
    words = substitutions.get(match.group(1))
    if not words:
        raise ValueError(f"unknown substitution !{match.group(1)}!")
    out: list[str] = []
    for word in words:
        out.extend(_expand_subst(name[: match.start()] + word + name[match.end():], substitutions))
    return out


# -- discards -------------------------------------------------------------------------------------


def read_discards(path: Path, errors: list[DictionaryError]) -> list[Discard]:
    records: list[Discard] = []
    for number, raw in enumerate(_lines(path), start=1):
        line = _strip(raw)
        if not line:
            continue
        story = line.startswith("+")
        words = phrase(line.lstrip("+"))
        if not words:
            errors.append(DictionaryError("discard line has no words", str(path), number))
            continue
        records.append(Discard(words, story, number))
    return records


# -- verbs ----------------------------------------------------------------------------------------

_BLOCK = re.compile(r"^---\s*([^\[#]+?)\s*(?:\[([^\]]*)\].*|-*)$")


def read_verbs(path: Path, errors: list[DictionaryError], into: VerbDictionary | None = None) -> VerbDictionary:
    """Verb file (PETRARCH-1 or -2 format) -> VerbDictionary."""
    verbs = into or VerbDictionary()
    block: str | None = None
    synset: str | None = None
    for number, raw in enumerate(_lines(path), start=1):
        line = _strip(raw)
        if not line:
            continue
        try:
            if line.startswith("&"):  # a synset: it also ends the verb block before it
                synset = line.split()[0][1:].rstrip("_").upper()
                verbs.synsets.setdefault(synset, [])
                block = None
                continue
            if line.startswith("+") and synset is not None and block is None:
                verbs.synsets[synset].append(phrase(line[1:]))
                continue
            if line.startswith("---"):
                match = _BLOCK.match(line)
                if not match:
                    raise ValueError("verb block header must read '--- VERB [CODE] ---'")
                block = match.group(1).strip().upper()
                code, reverse = _codes(match.group(2)) if match.group(2) else ("---", None)
                verbs.blocks[block] = (code, reverse)
                verbs.patterns.setdefault(block, [])
                synset = None
                continue
            if block is None:
                raise ValueError("line outside any verb block or synset")
            if line.startswith("-"):
                verbs.patterns[block].append(_pattern(block, line[1:], number))
            else:
                verbs.verbs.append(_verb(block, line, number))
        except ValueError as exc:
            errors.append(DictionaryError(str(exc), str(path), number))
    return verbs


def _codes(text: str) -> tuple[str, str | None]:
    text = text.strip().replace(" ", "")
    if not text:
        raise ValueError("empty code []")
    if ":" in text:
        code, reverse = text.split(":", 1)
        return code.upper(), reverse.upper() or None
    return text.upper(), None


def _verb(block: str, line: str, number: int) -> VerbRecord:
    line = _CODE_BLOCK.sub("", line).strip()  # PETRARCH-2 verbs may carry their own code: ignored
    forms: list[tuple[str, ...]] = []
    match = re.search(r"\{([^}]*)\}", line)
    if match:
        forms = [phrase(f.lstrip("+")) for f in match.group(1).split()]
        line = line[: match.start()].strip()
    if not line or any(c in line for c in "{}[]"):
        raise ValueError(f"cannot read verb line {line!r}")
    return VerbRecord(phrase(line.lstrip("+")), tuple(f for f in forms if f), block, number)


def _pattern(block: str, text: str, number: int) -> VerbPatternRecord:
    blocks = _CODE_BLOCK.findall(text)
    if not blocks:
        raise ValueError("pattern has no [CODE]")
    code, reverse = _codes(blocks[-1])
    body = text[: text.rindex("[")].strip()
    body = body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    if "*" not in body:
        raise ValueError("pattern has no '*' for the verb")
    star = body.index("*")
    pre = _words(body[:star])
    post = _words(body[star + 1:])
    return VerbPatternRecord(block, pre, post, code, reverse, number, body[:star].endswith("_"))


def _words(text: str) -> tuple[PatternWord, ...]:
    out: list[PatternWord] = []
    for chunk in text.split():
        parts = [p for p in chunk.split("_")]
        first = True
        for part in parts:
            if not part:
                first = False
                continue
            out.append(PatternWord(part.upper(), joined=not first))
            first = False
    return tuple(out)


# -- a folder -------------------------------------------------------------------------------------


def read_files(verbs: list[Path] = (), actors: list[Path] = (), agents: list[Path] = (),  # type: ignore[assignment]
               discards: list[Path] = ()) -> Dictionaries:  # type: ignore[assignment]
    """Read the named files into one :class:`Dictionaries` (errors collected, not raised)."""
    import hashlib

    result = Dictionaries()
    for path in verbs:
        read_verbs(path, result.errors, result.verbs)
    for path in actors:
        result.actors.extend(read_actors(path, result.errors))
    for path in agents:
        result.agents.extend(read_agents(path, result.errors))
    for path in discards:
        result.discards.extend(read_discards(path, result.errors))
    for path in [*verbs, *actors, *agents, *discards]:
        result.sources[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return result
