"""PETRARCH/TABARI dictionaries: readers on small inline files, the full sets, the pattern coder, the suite."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.petrarch.cache import load_dictionaries
from tacitus.petrarch.readers import (
    Dictionaries,
    parse_code,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
)

SRC = Path(__file__).resolve().parents[1] / "src"

VERBS = """\
<!-- a test verb file -->
&CURRENCY
+DOLLARS
+SWISS FRANCS
--- CONTRIBUTE [070] ---
CONTRIBUTE   # comment
- * &CURRENCY [903]
- * RUPEES  [071]
--- BREAK [1717] ---
BREAK { BROKE BROKEN }
+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN }
- + KNOWN_ * IN_ $  [076]
- * TREATY [161]
- * NO CODE HERE
--- LEFT [032:033] ---
LEFT
this line is broken ] [
"""

ACTORS = """\
<!-- multi-line
     comment -->
ARNOR_  [ARN]
GOLLUM  # pas
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
LORIEN  [ELR/GAL]
BROKEN [ARN 95-01]
+ORPHAN_WITHOUT_PARENT_IS_FINE
ZIMBABWE
\t[RHO <790606]
\t[ZBW]
"""

AGENTS = """\
!PERSON! = MAN, MEN
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
MSF {} [NGO~]
CONGRESS!PERSON! [~LEG]
CLERIC [~REL]
NO_CODE_AGENT
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_petrarch_verbs_read_blocks_synsets_forms_and_patterns(tmp_path):
    errors: list = []
    verbs = read_verbs(_write(tmp_path, "t.verbs.txt", VERBS), errors)
    assert verbs.blocks["CONTRIBUTE"] == ("070", None)
    assert verbs.blocks["LEFT"] == ("032", "033")
    assert verbs.synsets["CURRENCY"] == [("DOLLARS",), ("SWISS", "FRANCS")]
    forms = {v.words: v.forms for v in verbs.verbs}
    assert forms[("BREAK",)] == (("BROKE",), ("BROKEN",))
    assert forms[("BREAK", "DOWN")] == (("BREAKS", "DOWN"), ("BROKE", "DOWN"))
    known = verbs.patterns["BREAK"][0]
    assert [w.text for w in known.pre] == ["+", "KNOWN"] and [w.text for w in known.post] == ["IN", "$"]
    assert known.code == "076" and verbs.patterns["CONTRIBUTE"][0].post[0].text == "&CURRENCY"
    # malformed lines: named with file and line, the rest still loaded
    messages = [str(e) for e in errors]
    assert any(m.endswith("t.verbs.txt:14: pattern has no [CODE]") for m in messages), messages
    assert any("t.verbs.txt:17:" in m for m in messages), messages
    assert verbs.pattern_count == 4


def test_petrarch_actors_read_synonyms_dates_and_multiple_codes(tmp_path):
    errors: list = []
    actors = read_actors(_write(tmp_path, "t.actors.txt", ACTORS), errors)
    by_name = {a.names[0]: a for a in actors}
    gollum = by_name[("GOLLUM",)]
    assert gollum.names == (("GOLLUM",), ("SMEAGOL",))
    assert gollum.codes_on(dt.date(1995, 1, 1)) == ("HOB",)
    assert gollum.codes_on(dt.date(1995, 11, 1)) == ("HOBGOV",)
    assert gollum.codes_on(dt.date(2001, 1, 1)) == ("HOBREB",)
    assert by_name[("LORIEN",)].codes_on(None) == ("ELR", "GAL")
    zimbabwe = by_name[("ZIMBABWE",)]
    assert zimbabwe.codes_on(dt.date(1978, 12, 23)) == ("RHO",)
    assert zimbabwe.codes_on(dt.date(2001, 1, 1)) == ("ZBW",)
    assert [str(e) for e in errors] == [f"{tmp_path / 't.actors.txt'}:10: bad date '95' (want YYMMDD or YYYYMMDD)"]
    assert ("ARNOR",) in by_name


def test_petrarch_agents_and_discards(tmp_path):
    errors: list = []
    agents = read_agents(_write(tmp_path, "t.agents.txt", AGENTS), errors)
    by_code = {a.code: a for a in agents}
    assert by_code["~COP"].names == (("POLICE",),)  # '{}': no generated plural
    assert by_code["~GGS"].names == (("GOLDEN", "GOOSE"), ("GOLDEN", "GEESE"))
    assert not by_code["NGO~"].suffix and by_code["~REL"].names == (("CLERIC",), ("CLERICS",))
    assert by_code["~LEG"].names[:2] == (("CONGRESSMAN",), ("CONGRESSMEN",))
    assert [e.line for e in errors] == [7]
    discards = read_discards(_write(tmp_path, "t.discards.txt", "+TYPHOON  # story\nBASEBALL\n"), errors)
    assert [(d.words, d.story) for d in discards] == [(("TYPHOON",), True), (("BASEBALL",), False)]


@pytest.mark.parametrize("text, code, start, end", [
    ("ZBW", "ZBW", None, None),
    ("HOB < 950601", "HOB", None, dt.date(1995, 5, 31)),
    ("HOBREB >20130119", "HOBREB", dt.date(2013, 1, 20), None),
    ("ORCHOB 20100109-20100112", "ORCHOB", dt.date(2010, 1, 9), dt.date(2010, 1, 12)),
    ("--- <950630", "---", None, dt.date(1995, 6, 29)),
])
def test_petrarch_code_blocks(text, code, start, end):
    parsed = parse_code(text)
    assert (parsed.code, parsed.start, parsed.end) == (code, start, end)


def test_petrarch_cache_round_trip_and_key_follows_content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    actors = _write(tmp_path, "a.actors.txt", "ARNOR [ARN]\n")
    first = load_dictionaries(actors=[actors])
    assert isinstance(first, Dictionaries) and len(list((tmp_path / "cache" / "tacitus").glob("*.pickle"))) == 1
    assert load_dictionaries(actors=[actors]).actors == first.actors
    actors.write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    assert len(load_dictionaries(actors=[actors]).actors) == 2


# -- the shared PETRARCH data ----------------------------------------------------------------------


@pytest.mark.shared
def test_petrarch_full_phoenix_and_cameo_sets_load(shared_dir):
    folder = shared_dir / "data" / "petrarch2"
    d = load_dictionaries(
        verbs=[folder / "CAMEO.2.0.txt"],
        actors=[folder / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")],
        agents=[folder / "Phoenix.agents.txt"], discards=[folder / "Phoenix.discards.txt"], use_cache=False)
    assert d.verbs.pattern_count == 4668 and len(d.verbs.verbs) == 1825
    assert len(d.actors) > 27000 and sum(len(a.names) for a in d.actors) > 35000
    assert len(d.agents) == 2243 and len(d.discards) == 506
    assert len(d.errors) < 60  # the real files have a few dozen malformed lines; each is named
    assert all(e.path and e.line for e in d.errors)
    p1 = load_dictionaries(verbs=[folder / "CAMEO.verbpatterns.150430.txt"], use_cache=False)
    assert p1.verbs.pattern_count == 11008 and len(p1.errors) == 3


UNIT_TEST_FLOOR = 250  # records of 279 coded exactly from raw text; raise it when the coder improves


@pytest.mark.shared
@pytest.mark.model
def test_petrarch_unit_test_suite_floor(coder, shared_dir):
    from tacitus.petrarch.validate import run_validation

    report = run_validation(shared_dir / "data" / "petrarch2" / "PETR.UnitTest.records.xml", coder.nlp)
    assert len(report.outcomes) == 279
    assert report.exact >= UNIT_TEST_FLOOR, report.to_text()[:3000]
    categories = report.by_category()
    assert categories["DATE"][0] >= 20 and categories["SYNSET"][0] >= 45


@pytest.mark.model
def test_petrarch_pattern_coder_on_raw_text(coder, tmp_path):
    from tacitus.petrarch.patterns import Coded, SentenceCoder
    from tacitus.petrarch.readers import read_files

    verbs = _write(tmp_path, "t.verbs.txt", VERBS + "--- RESTORE [064] ---\nRESTORE\n- NOT * RELATIONS [112]\n")
    actors = _write(tmp_path, "t.actors.txt", ACTORS + "GONDOR [GON]\n+MINAS_TIRITH\n")
    agents = _write(tmp_path, "t.agents.txt", AGENTS)
    sentence_coder = SentenceCoder(read_files([verbs], [actors], [agents], []))

    def code(text: str, day: dt.date) -> set[Coded]:
        return {c for sent in coder.nlp(text).sents for c in sentence_coder.code(sent, day)}

    day = dt.date(1995, 1, 1)
    assert code("Arnor cleric is about to restore ties with Minas Tirith police.", day) == {
        Coded("ARNREL", "GONCOP", "064")}
    assert code("Arnor will contribute a million swiss francs to Gondor.", day) == {Coded("ARN", "GON", "903")}
    assert code("Arnor and Gondor will contribute rupees to Lorien.", day) == {
        Coded(s, t, "071") for s in ("ARN", "GON") for t in ("ELR", "GAL")}
    assert code("Smeagol left for Gondor.", dt.date(1996, 1, 1)) == {
        Coded("HOBGOV", "GON", "032"), Coded("GON", "HOBGOV", "033")}


@pytest.mark.shared
@pytest.mark.model
def test_petrarch_cli_options(shared_dir, tmp_path):
    folder = shared_dir / "data" / "petrarch2"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    text = tmp_path / "1995-01-01_t.txt"
    text.write_text("Arnor restored full diplomatic ties with Gondor.", encoding="utf-8")
    args = ["--verbs", str(folder / "PETR.Validate.verbs.txt"), "--actors", str(folder / "PETR.Validate.actors.txt"),
            "--agents", str(folder / "PETR.Validate.agents.txt")]
    result = subprocess.run([sys.executable, "-m", "tacitus", "code", str(text), *args, "--no-builtin"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["source"]["code"], e["code"], e["target"]["code"]) for e in events] == [("ARN", "064", "GON")]
    missing = subprocess.run([sys.executable, "-m", "tacitus", "code", str(text), "--actors", "nope.txt"],
                             capture_output=True, text=True, env=env, timeout=300)
    assert missing.returncode == 2 and "nope.txt" in missing.stderr
    xml = subprocess.run([sys.executable, "-m", "tacitus", "evaluate", str(folder / "PETR.UnitTest.records.xml"),
                          "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert xml.returncode == 0, xml.stderr
    assert json.loads(xml.stdout)["exact"] >= UNIT_TEST_FLOOR


@pytest.mark.model
def test_petrarch_layered_coder_uses_actors_and_discards(coder, tmp_path, monkeypatch):
    from tacitus import Coder, Config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    actors = _write(tmp_path, "t.actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\n")
    discards = _write(tmp_path, "t.discards.txt", "+TYPHOON\nBASEBALL\n")
    verbs = _write(tmp_path, "t.verbs.txt", "--- CONDEMN [122] ---\nCONDEMN\n--- ATTACK [190] ---\nATTACK\n")
    files = {"actors": (actors,), "discards": (discards,), "verbs": (verbs,)}
    layered = Coder(Config(petrarch_files=files, builtin=False), nlp=coder.nlp)

    def dyads(text: str) -> list[tuple[str, str]]:
        return [(e.source.code, e.target.code) for e in layered.code_text(text, date="2020-01-01")]

    assert [(e.source.code, e.code, e.target.code) for e in layered.code_text("Arnor condemned Minas Tirith.")] == [
        ("ARN", "122", "GON")]
    assert dyads("Arnor condemned Minas Tirith. Baseball fans in Arnor attacked Gondor.") == [("ARN", "GON")]
    assert dyads("Arnor condemned Minas Tirith. A typhoon hit the coast.") == []
    # over the built-in dictionaries only story-level discards apply
    over = Coder(Config(petrarch_files=files, keep_unknown=True), nlp=coder.nlp)  # "fans" have no country
    kept = over.code_text("Arnor condemned Minas Tirith. Baseball fans in Arnor attacked Gondor.")
    assert [(e.sentence_index, e.target.code) for e in kept] == [(0, "GON"), (1, "GON")]
    assert over.code_text("Arnor condemned Minas Tirith. A typhoon hit the coast.") == []
    assert [e.code for e in coder.code_text("Arnor condemned Minas Tirith.")] == []  # the built-in coder alone


def test_petrarch_config_rejects_unknown_roles():
    from pydantic import ValidationError

    from tacitus import Config

    with pytest.raises(ValidationError, match="roles are verbs, actors, agents, discards; got actor"):
        Config(petrarch_files={"actor": (Path("x.txt"),)})
