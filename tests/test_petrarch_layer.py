"""Layering PETRARCH dictionaries over the built-in ones: a PETRARCH entry only fills what the built-in lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.actors.dictionary import ActorDictionary, Entry
from tacitus.petrarch.cache import load_dictionaries
from tacitus.petrarch.convert import actor_dictionary, layer_actors, lexicon, name_key, reserved_words

PHOENIX = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _base() -> ActorDictionary:
    base = ActorDictionary()
    base.add("Ukraine", Entry("country", "Ukraine", "UKR", "UKR"))
    base.add("Turkey", Entry("country", "Turkey", "TUR", "TUR"))
    base.add("Palestine", Entry("country", "Palestine", "PSE", "PSE"))
    base.add("United Nations", Entry("org", "United Nations", "IGOUNO"))
    base.add("Vladimir Putin", Entry("person", "Vladimir Putin"))
    base.add("fighter jets", Entry("agent", "fighter jets", "MIL", None, "MIL"))
    for word, sector in (("students", "EDU"), ("civilians", "CVL"), ("businessmen", "BUS"), ("rebels", "REB")):
        base.add(word, Entry("agent", word, sector, None, sector))
    return base


def _extra(tmp_path: Path) -> ActorDictionary:
    actors = _write(tmp_path, "t.actors.txt", """\
UKRAINE_
+UKRAINA_
\t[UKR]
THE_UNITED_NATIONS [IGOUNO]
RUSSIAN_PRESIDENT_VLADIMIR_PUTIN
\t[RUSGOV 000507-080507]
ISTANBUL_ [TUR]
GAZA [PSEGZA]
MAY_15 [GRCREB]
FORNOST_LEAGUE [IGOFRN]
FORNOST [FRN]
""")
    agents = _write(tmp_path, "t.agents.txt", """\
FIGHTER_JET [~MIL]
PUPIL [~EDU]
PASSENGER_JET [~CVL]
CARGO_SHIP [~BUS]
KINGDOM [~REB]
TERRORIST_GROUP [~REB]
PILGRIM [~HAJ]
""")
    return actor_dictionary(load_dictionaries(actors=(actors,), agents=(agents,), use_cache=False))


def test_name_key_compares_names_as_the_matcher_does():
    assert name_key("The United Nations") == name_key("united nations") == ("united", "nations")
    assert name_key("al-Assad") == ("al", "assad")
    assert name_key("the") == ("the",)


def test_layer_actors_never_changes_what_a_builtin_name_finds(tmp_path):
    base = _base()
    layer_actors(base, _extra(tmp_path), reserved=frozenset({"kingdom", "terrorists"}))
    assert base.lookup("Ukraine") == [Entry("country", "Ukraine", "UKR", "UKR")]
    assert "ukraine" not in base.names  # the same name in other case: the built-in entry alone
    assert "ukraina" not in base.names  # another name for a country the base knows: a place or a variant
    assert [e.code for e in base.lookup("fornost")] == ["FRN"]  # a country the base does not know
    assert "united nations" not in base.names  # 'the' does not make it another name
    assert "russian president vladimir putin" not in base.names  # would hide the built-in "Vladimir Putin"
    assert "fighter jet" not in base.names  # singular of a built-in name
    assert "istanbul" not in base.names and "gaza" not in base.names  # a city, a region: places
    assert "may 15" not in base.names  # reads as a date
    assert [e.code for e in base.lookup("fornost league")] == ["IGOFRN"]
    assert [e.sector for e in base.lookup("pupils")] == ["EDU"]
    left_out = ("passenger jet", "cargo ship", "kingdom", "terrorist groups", "pilgrim")  # CVL, BUS, reserved, HAJ
    assert not [name for name in left_out if name in base.names]


def test_layer_actors_over_nothing_keeps_everything(tmp_path):
    alone = ActorDictionary()  # --no-builtin: PETRARCH's own dictionaries, unfiltered
    layer_actors(alone, _extra(tmp_path), reserved=frozenset({"kingdom"}))
    assert {"ukraine", "istanbul", "gaza", "may 15", "passenger jet", "kingdom", "pilgrim"} <= set(alone.names)


def test_reserved_words_come_from_the_builtin_notes_and_the_resolver():
    words = reserved_words()
    assert {"state", "spokesman", "general", "terrorists", "press", "union"} <= words  # agents.tsv notes
    assert {"kingdom", "country"} <= words  # the resolver's nouns for a state


def test_layered_verbs_drop_function_word_patterns_and_split_alternatives(tmp_path):
    verbs = _write(tmp_path, "t.verbs.txt", "--- ALLOW [080] ---\nALLOW\n- * INTO [080]\n- * INTO COUNTRY [0811]\n"
                   "--- GATHER [---] ---\nGATHER\n- * (TO/FOR PROTEST) [141]\n")
    loaded = load_dictionaries(verbs=(verbs,), use_cache=False)
    layered = lexicon(loaded, defaults=False)
    assert [(p.extras, p.code) for p in layered.verbs["allow"]] == [(("into", "country"), "0811")]
    # PETRARCH-2's 'TO/FOR': either word
    assert [(p.extras, p.code) for p in layered.verbs["gather"]] == [
        (("to", "protest"), "141"), (("for", "protest"), "141")]
    alone = lexicon(loaded)  # without the built-in lexicon PETRARCH's patterns and default all stay
    assert [(p.extras, p.code) for p in alone.verbs["allow"]] == [
        (("into", "country"), "0811"), (("into",), "080"), ((), "080")]


@pytest.mark.model
def test_layered_matcher_wants_capitals_titles_and_actors_of_the_phrase(coder, tmp_path, monkeypatch):
    from tacitus import Coder, Config

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # an invented person, so no built-in entry can win over it
    actors = _write(tmp_path, "t.actors.txt", "LIGHTNING [SASREB]\nAMADOU_KELLER_BATOURI\n\t[TCDGOV >080501]\n")
    agents = _write(tmp_path, "t.agents.txt", "MUTINEER [~OPP]\n")
    files = {"actors": (actors,), "agents": (agents,)}
    layered = Coder(Config(date="2021-11-05", petrarch_files=files), nlp=coder.nlp)

    def found(text: str) -> list[tuple[str, str]]:
        doc = coder.nlp.make_doc(text)
        return [(m.text, m.best.origin) for m in layered.matcher.find(doc)]

    assert ("Lightning", "petrarch") in found("Lightning claimed the attack.")
    assert not [m for m in found("Lightning struck a house.".lower()) if m[1] == "petrarch"]
    assert ("Amadou Keller Batouri", "petrarch") in found("Amadou Keller Batouri called for talks.")
    titled = "African Union Commission chairperson Amadou Keller Batouri called on Ethiopia's government to talk."
    assert not [m for m in found(titled) if m[1] == "petrarch"]
    assert [(e.source.code, e.target.code) for e in layered.code_text(titled)] == [
        (e.source.code, e.target.code) for e in coder.code_text(titled, date="2021-11-05")]
    # an agent word only with an actor of its phrase: alone it would take the story's home country
    assert ("mutineers", "petrarch") in found("Russian mutineers marched on Moscow.")
    assert ("mutineers", "petrarch") in found("The mutineers of Russia marched on Moscow.")
    assert ("mutineers", "petrarch") in found("Russia's rebel mutineers marched on Moscow.")
    assert not [m for m in found("A deal with the mutineers was seen by Russia.") if m[1] == "petrarch"]
    assert not [m for m in found("Russia made a deal with mutineers.") if m[1] == "petrarch"]


# Sentences of the evaluation sets where Phoenix + CAMEO once changed the built-in coding for the worse.
SAME_AS_BUILTIN = [
    ("2021-11-05", "African Union Commission chairperson Moussa Faki Mahamat on Friday called on Ethiopia's "
                   "federal government and Tigrayan forces to open direct talks without preconditions."),
    ("2022-01-06", "Russian paratroopers arrived in Kazakhstan on Thursday as part of a Moscow-led security bloc's "
                   "mission, a day after protesters stormed and torched government buildings in Almaty."),
    ("2025-05-16", "Russian and Ukrainian delegations held their first direct peace talks in more than three years "
                   "at Istanbul's Dolmabahce palace on Friday."),
    ("2021-08-24", "Algeria cut diplomatic relations with Morocco on Tuesday, with Foreign Minister Ramtane Lamamra "
                   "accusing the neighbouring kingdom of \"hostile actions\" against his country."),
    ("2021-03-31", "Judges at the International Criminal Court on Wednesday authorised a full investigation into "
                   "killings by police during Philippine President Rodrigo Duterte's war on drugs."),
    ("2019-04-13", "Sudan's ruling military council said on Saturday it had arrested several members of ousted "
                   "President Omar al-Bashir's government, as thousands of protesters kept up a sit-in outside the "
                   "defence ministry in Khartoum."),
    ("2023-11-19", "Yemen's Houthis seized a cargo ship linked to an Israeli businessman in the southern Red Sea on "
                   "Sunday, the group said."),
    ("2024-05-15", "France declared a state of emergency in New Caledonia on Wednesday."),
    # CAMEO's GATHER * PROTEST [110] and a Phoenix agent "artillery" used to add or lose an event here
    ("2023-03-20", "Thousands of opposition supporters who had gathered to protest against the government were "
                   "dispersed by police in Nairobi."),
    ("2016-07-10", "JUBA (Reuters) - Troops loyal to South Sudanese President Salva Kiir and fighters backing First "
                   "Vice President Riek Machar battled each other with tanks and artillery in Juba on Sunday."),
]


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize(("date", "text"), SAME_AS_BUILTIN)
def test_phoenix_layered_codes_these_as_the_builtin_coder(phoenix_coder, coder, date, text):
    def coded(c):
        return sorted((e.source.code, e.target.code, e.code, e.modality) for e in c.code_text(text, date=date))

    assert coded(phoenix_coder) == coded(coder)


@pytest.fixture(scope="module")
def phoenix_coder(coder, shared_dir):
    from tacitus import Coder, Config

    data = shared_dir / "data" / "petrarch2"
    files = {"verbs": (data / "CAMEO.2.0.txt",), "actors": tuple(data / n for n in PHOENIX),
             "agents": (data / "Phoenix.agents.txt",), "discards": (data / "Phoenix.discards.txt",)}
    return Coder(Config(date="2021-06-01", petrarch_files=files), nlp=coder.nlp)
