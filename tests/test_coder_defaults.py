"""Implicit parties a wire reader supplies: whom protests address, who makes arrests, whose a bare side is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _dyads(coder, text: str, date: str = "2023-06-01") -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code, e.code) for e in coder.code_text(text, date=date)
            if e.modality == "asserted"}


@pytest.mark.parametrize("text, expected", [
    # protests with no one named address the protesters' own state
    ("Nigeria's main labour unions began an indefinite nationwide strike on Monday over a new minimum wage.",
     ("NGALAB", "NGAGOV", "143")),
    ("Thousands protested in Baghdad on Friday.", ("IRQCVL", "IRQGOV", "141")),
    # an arrest with no one named is made by the police of the place
    ("Japan lodged a protest with China over the detention in Beijing of a Japanese employee of a drugmaker.",
     ("CHNCOP", "JPN", "173")),
    # a named place taken is territory (192), not property (171)
    ("M23 rebels said on Monday they had captured Goma, the largest city in eastern Congo.",
     ("CODREB", "COD", "192")),
    # a transnational group is coded where it fights
    ("Islamic State militants seized the ancient Syrian city of Palmyra.", ("SYRREB", "SYR", "192")),
    # a bare side conjoined with a side of one country belongs to it; the deal is mutual
    ("Venezuela's government and the opposition signed an agreement on elections.", ("VENOPP", "VENGOV", "057")),
    # the medium's phrase carries the other party
    ("French President Emmanuel Macron spoke by telephone with Vladimir Putin on Sunday.",
     ("FRAGOV", "RUSGOV", "041")),
    # "talks on Sentosa island" is where, not with whom: the two leaders talk with each other
    ("U.S. President Donald Trump and North Korean leader Kim Jong Un shook hands and held talks on Singapore's "
     "Sentosa island on Tuesday.", ("PRKGOV", "USAGOV", "040")),
])
def test_implicit_party(coder, text, expected):
    assert expected in _dyads(coder, text, date="2018-06-12")


@pytest.mark.parametrize("text, absent", [
    ("Iran seized a British-flagged tanker in the Gulf.", "192"),  # a ship is property, not territory
    ("Thousands of fans celebrated in Madrid after the final.", "14"),  # a crowd is not a protest
])
def test_no_implicit_event(coder, text, absent):
    assert not any(code.startswith(absent) for _, _, code in _dyads(coder, text))


def test_protest_against_named_target_keeps_it(coder):
    dyads = _dyads(coder, "Iraqi protesters demonstrated against Iran in Basra.")
    assert ("IRQCVL", "IRN", "141") in dyads and not any(t == "IRQGOV" for _, t, _ in dyads)


@pytest.mark.parametrize("text, expected", [
    # tanks rolling in from Belarus act on Ukraine, not Belarus
    ("Russian forces fired missiles at cities across Ukraine and tanks rolled across the border from Belarus.",
     ("RUSMIL", "UKR", "19")),
    # a pronoun in a relative clause is not the noun the clause describes; that noun is the clause's object
    ("The U.N. envoy called on the Houthis to immediately free the U.N. staff they detained last week.",
     ("YEMREB", "IGOUNO", "173")),
    # "voted to launch" is decided, not planned; a crackdown with no victims named falls on the people
    ("The U.N. Human Rights Council voted on Thursday to launch an investigation into Iran's deadly crackdown on "
     "protests.", ("IGOUNO", "IRN", "09")),
    ("The U.N. Human Rights Council voted on Thursday to launch an investigation into Iran's deadly crackdown on "
     "protests.", ("IRN", "IRNCVL", "175")),
    # forces ordered or sent are the sender's, not the dateline's
    ("KYIV, Nov 9 (Reuters) - Russian Defence Minister Sergei Shoigu on Wednesday ordered troops to leave Kherson "
     "and the army began to withdraw from the city of Kherson.", ("RUSMIL", "UKR", "08")),
    # conjoined event nouns of one light verb are each an event
    ("Myanmar's military carried out mass killings and gang rapes of Rohingya Muslims, U.N. investigators said.",
     ("MMRMIL", "MMRCVL", "20")),
    ("Myanmar's military carried out mass killings and gang rapes of Rohingya Muslims, U.N. investigators said.",
     ("MMRMIL", "MMRCVL", "18")),
    # a guest named by name and welcomed is hosted (043), not praised (051)
    ("Indian Prime Minister Narendra Modi arrived in Moscow on Monday and was welcomed by President Vladimir Putin.",
     ("RUSGOV", "INDGOV", "043")),
    # "visiting" names the guest, who visits the host's country
    ("Chinese President Xi Jinping hosted visiting Pakistani Prime Minister Shehbaz Sharif on Wednesday.",
     ("PAKGOV", "CHN", "042")),
])
def test_who_acts_on_whom(coder, text, expected):
    found = {(s, t, c[:len(expected[2])]) for s, t, c in _dyads(coder, text, date="2024-11-09")}
    assert expected in found


@pytest.mark.parametrize("text, code, modality", [
    # agreeing to an act is an asserted promise (03x, as CAMEO's own AGREE (TO &CEASEFIRE) [0356]); the act waits
    ("India and Pakistan agreed to a full and immediate ceasefire on Saturday.", "0356", "asserted"),
    ("Iran and Saudi Arabia agreed on Friday to re-establish diplomatic relations.", "032", "asserted"),
    ("Iran and Saudi Arabia agreed on Friday to re-establish diplomatic relations.", "054", "hypothetical"),
    # a pledge is refined by what is pledged
    ("China pledged to provide emergency assistance to Turkey.", "033", "asserted"),
    # a speaker's own side's future attack is a threat
    ("The Houthis said they would attack any U.S. ship in the Red Sea.", "138", "asserted"),
    # killing fighters is war, not mass violence; state forces shooting protesters is repression
    ("More than 200 Boko Haram fighters were killed by Chadian troops in clashes near Dikwa.", "180", "asserted"),
    ("Iraqi security forces shot dead at least 18 protesters in Baghdad on Thursday.", "175", "asserted"),
    # emergency measures fall on one's own country
    ("Philippine President Rodrigo Duterte declared martial law on the southern island of Mindanao.", "1724",
     "asserted"),
])
def test_codes_and_modality(coder, text, code, modality):
    found = {(e.code, e.modality) for e in coder.code_text(text, date="2023-06-01")}
    assert (code, modality) in found, found


def test_called_off_is_no_appeal_and_light_verb_consequence_is_one_attack(coder):
    codes = {e.code for e in coder.code_text("Yevgeny Prigozhin called off his fighters' march on Moscow.",
                                             date="2023-06-24")}
    assert not any(c.startswith("02") for c in codes)
    events = coder.code_text("Israel launched waves of air strikes on Iran's nuclear facilities on Friday, killing "
                             "Revolutionary Guards commander Hossein Salami.", date="2025-06-13")
    assert [e.code[:2] for e in events if e.modality == "asserted"] == ["19"]


@pytest.mark.parametrize("text, expected", [
    # armed men bursting into towns are no mishap; their victims are of the place the clause names
    ("Hamas gunmen burst into Israeli towns near the Gaza Strip on Saturday, killing hundreds of people.",
     ("PSEREB", "ISRCVL", "202")),
    # a country modifying a place name decides its country
    ("India struck nine sites in Pakistan and Pakistani Kashmir with missiles early on Wednesday.",
     ("IND", "PAK", "195")),
    # the means of a retaliation is the one attack
    ("Israel retaliated with air strikes on Gaza.", ("ISR", "PSE", "195")),
    # a general strike by a labour federation is a labour action against the government
    ("Israel's largest labour federation, the Histadrut, launched a general strike on Monday in protest at the "
     "government's plan to overhaul the judiciary.", ("ISRLAB", "ISRGOV", "143")),
])
def test_places_and_means(coder, text, expected):
    dyads = _dyads(coder, text)
    assert expected in dyads, dyads
    assert len([d for d in dyads if d[2][:2] == expected[2][:2]]) == 1


def test_mishap_is_still_no_event(coder):
    assert _dyads(coder, "The plane crashed into a residential area of Karachi, killing 97 people.") == set()


@pytest.mark.parametrize("text, expected", [
    # an inquiry into acts names the acts' authors
    ("The International Criminal Court's prosecutor opened a formal investigation on Wednesday into alleged war "
     "crimes by Israeli forces and Palestinian armed groups in the Palestinian territories.",
     {("IGOJUDICC", "ISRMIL", "09"), ("IGOJUDICC", "PSEREB", "09")}),
    # a claim of responsibility acts on the attack's target, and the attack is the claimant's
    ("Colombia's ELN rebels claimed responsibility on Monday for a car bombing at a police academy in Bogota.",
     {("COLREB", "COLCOP", "01"), ("COLREB", "COLCOP", "18")}),
    # a conjoined verb with no object of its own acts on the first verb's object
    ("Indian Prime Minister Narendra Modi telephoned Sri Lanka's president, Maithripala Sirisena, on Sunday and "
     "offered his condolences.", {("INDGOV", "LKAGOV", "04"), ("INDGOV", "LKAGOV", "01")}),
    # insurgents' unilateral truce faces their state; conjoined event nouns after a plain object
    ("Colombia's FARC rebels declared a unilateral ceasefire on Wednesday.", {("COLREB", "COLGOV", "08")}),
    ("The United States resumed intelligence sharing and military aid to Ukraine on Wednesday.",
     {("USA", "UKR", "07")}),
    # a bare side shares its conjoined partner's country, not the dateline's
    ("WASHINGTON (Reuters) - Blinken said members of Sudan's Rapid Support Forces and allied militias had committed "
     "genocide.", {("SDNREB", "SDNCVL", "20")}),
    # news media have a country
    ("Russia's FSB security service said on Thursday it had detained Wall Street Journal reporter Evan Gershkovich.",
     {("RUSSPY", "USAMED", "17")}),
])
def test_arguments_found(coder, text, expected):
    found = {(s, t, c[:2]) for s, t, c in _dyads(coder, text, date="2023-03-30")}
    assert expected <= found, found


@pytest.mark.parametrize("text", [
    "India thrashed Pakistan by 228 runs in their Asia Cup clash on Monday as Virat Kohli struck an unbeaten century "
    "against a Pakistani attack.",
    "An Air India Boeing 787 bound for London crashed into a residential area shortly after taking off from "
    "Ahmedabad on Thursday, killing more than 240 people.",
    "MOSCOW (Reuters) - Russia expelled two diplomats, Reuters reported.",
    "Masked gunmen stormed a television studio in Guayaquil during a live broadcast.",
])
def test_no_event_between_identified_sides(coder, text):
    assert _dyads(coder, text) == set()


@pytest.mark.parametrize("text, date, expected", [
    ("Hamas gunmen seized about 150 hostages in southern Israel on Saturday.", "2023-10-07", ("PSEREB", "ISRCVL", "181")),
    ("The last U.S. troops left Afghanistan on Monday, ending a 20-year war.", "2021-08-30", ("USAMIL", "AFG", "0874")),
    ("Iran on Tuesday denied supplying ballistic missiles to Russia, after Washington accused Tehran of the transfers.",
     "2024-09-10", ("USA", "IRN", "112")),
    ("Iranian President Ebrahim Raisi said on Monday he would not meet U.S. President Joe Biden.", "2022-01-10",
     ("IRNGOV", "USAGOV", "125")),
    ("The Pacific island nation of Nauru cut diplomatic ties with Taiwan on Monday.", "2024-01-15", ("NRU", "TWN", "161")),
    ("U.S. President Donald Trump threatened on Saturday to slap tariffs on cars imported from Canada.", "2018-06-09",
     ("USAGOV", "CAN", "1312")),
    ("Cuba formally reopened its embassy in Washington on Monday as the two Cold War foes restored diplomatic "
     "relations.", "2015-07-20", ("USA", "CUB", "054")),
    ("Prime Minister Irakli Kobakhidze suspended talks on joining the European Union until 2028.", "2024-11-28",
     ("GEOGOV", "IGOEUREEC", "164")),
    ("M23 rebels seized the coltan-mining town of Rubaya in eastern Congo on Tuesday.", "2024-04-30",
     ("CODREB", "COD", "192")),
    ("Ethiopia's government declared a unilateral ceasefire in its war with Tigrayan forces on Monday.", "2021-06-28",
     ("ETHGOV", "ETHMIL", "0871")),
])
def test_more_arguments(coder, text, date, expected):
    found = {(e.source.code, e.target.code, e.code) for e in coder.code_text(text, date=date)
             if e.modality == "asserted"}
    assert expected in found, found


def test_frame_of_an_attack_is_the_same_attack(coder):
    events = coder.code_text("Hamas gunmen killed some 1,200 people in Israel and seized about 150 hostages in their "
                             "surprise cross-border assault on southern Israel on Saturday.", date="2023-10-07")
    assert not any(e.code[:2] == "19" for e in events), [(e.code, e.target.code) for e in events]


@pytest.mark.parametrize("text, date, expected", [
    ("Afghanistan's Taliban government has barred women from attending universities.", "2022-12-21",
     ("AFGGOV", "AFGCVL", "172")),
    ("TBILISI (Reuters) - Georgian police used water cannon and tear gas overnight to disperse thousands of pro-EU "
     "demonstrators outside parliament.", "2024-11-29", ("GEOCOP", "GEOCVL", "175")),
    ("BRUSSELS (Reuters) - Minsk scrambled a fighter jet to force a Ryanair flight to land and arrested a dissident "
     "journalist on board.", "2021-05-24", ("BLR", "BLRMED", "173")),
    ("Protesters stormed and torched government buildings in Almaty.", "2022-01-05", ("KAZCVL", "KAZGOV", "145")),
    ("The attack carried out by Hamas killed 1,200 people in Israel.", "2023-10-08", ("PSEREB", "ISRCVL", "202")),
    ("India suspended the Indus Waters Treaty with Pakistan and scaled back diplomatic ties on Wednesday.",
     "2025-04-23", ("IND", "PAK", "16")),
])
def test_sides_named_by_the_phrase(coder, text, date, expected):
    found = {(e.source.code, e.target.code, e.code[:len(expected[2])]) for e in coder.code_text(text, date=date)
             if e.modality == "asserted"}
    assert expected in found, found


def test_critics_in_a_relative_clause_are_not_parties_to_the_deal(coder):
    events = coder.code_text("China said on Tuesday it had signed a security cooperation pact with the Solomon "
                             "Islands, a deal that has been criticised by Australia and the United States.",
                             date="2022-04-19")
    pairs = {(e.source.code, e.target.code) for e in events if e.code[:2] == "05"}
    assert ("CHN", "SLB") in pairs and not any("AUS" in p or "USA" in p for p in pairs), pairs


def test_absolute_with_clause_is_no_party_and_manner_is_no_second_act(coder):
    talks = coder.code_text("Russian President Vladimir Putin and Ukrainian President Petro Poroshenko held all-night "
                            "talks in the Belarusian capital, with German Chancellor Angela Merkel mediating between "
                            "the two leaders.", date="2015-02-12")
    assert {(e.source.country, e.target.country) for e in talks if e.code[:2] == "04"} == {("RUS", "UKR"),
                                                                                          ("UKR", "RUS")}
    killings = coder.code_text("Eritrean soldiers killed hundreds of civilians in the Ethiopian city of Axum in "
                               "November, shooting people in the streets.", date="2021-02-26")
    assert [e.code for e in killings] == ["202"]
    assert coder.code_text("Taliban gunmen fired into the air in Kabul on Tuesday.", date="2022-07-05") == []


def test_strike_against_a_reform_proposed_by_a_government_targets_it(coder):
    events = coder.code_text("Tens of thousands of Colombians joined a national strike on Wednesday against a tax "
                             "reform proposed by President Ivan Duque's government.", date="2021-04-28")
    assert ("COL", "COLGOV", "143") in {(e.source.code, e.target.code, e.code) for e in events}


@pytest.mark.parametrize("text, date, expected", [
    # a finite verb the parser hung on its subject as a participle
    ("YANGON (Reuters) - Myanmar security forces killed at least 114 people, including several children, in a "
     "crackdown on pro-democracy protesters on Saturday.", "2021-03-27", ("MMRCOP", "MMRCVL", "175")),
    # a state's mass killing outside protests stands as mass violence
    ("Syrian security forces killed 745 civilians, most of them Alawites, in two days of revenge killings in the "
     "country's coastal region.", "2025-03-08", ("SYRCOP", "SYRCVL", "202")),
    # militants shooting tourists: unconventional violence (18), not war
    ("Militants opened fire on tourists at a meadow near Pahalgam in Indian Kashmir on Tuesday, killing 26 men.",
     "2025-04-22", ("INDREB", "INDCVL", "180")),
    # "while X blamed ..." is X's own accusation, not part of the one before
    ("Ukraine accused Russian forces of blowing up the Kakhovka dam on Tuesday, while Moscow blamed Ukrainian "
     "shelling for the breach.", "2023-06-06", ("RUS", "UKR", "112")),
    # mediators act on the parties of the talks they mediated
    ("Sudan's warring army and Rapid Support Forces signed a seven-day ceasefire agreement in Jeddah on Saturday "
     "after talks mediated by Saudi Arabia and the United States.", "2023-05-20", ("SAU", "SDNREB", "045")),
    # a place owned by a city is in that city's country
    ("HONIARA (Reuters) - Protesters set fire to buildings in Honiara's Chinatown on Thursday.", "2021-11-25",
     ("SLBCVL", "SLB", "145")),
])
def test_violence_and_mediation(coder, text, date, expected):
    found = {(e.source.code, e.target.code, e.code) for e in coder.code_text(text, date=date)
             if e.modality == "asserted"}
    assert expected in found, found


def test_pronouns_after_a_titled_person_and_threat_targets(coder):
    events = coder.code_text("The International Criminal Court issued an arrest warrant for Russian President "
                             "Vladimir Putin on Friday. It accused him of the war crime of illegally deporting "
                             "hundreds of children from Ukraine.", date="2023-03-17")
    found = {(e.source.code, e.target.code, e.code) for e in events if e.modality == "asserted"}
    assert {("IGOJUDICC", "RUSGOV", "173"), ("IGOJUDICC", "RUSGOV", "112")} <= found, found
    threat = coder.code_text("U.S. President-elect Donald Trump threatened on Monday to impose a 25% tariff on all "
                             "products entering the United States from Mexico and Canada.", date="2024-11-25")
    assert {(e.target.country, e.code) for e in threat if e.modality == "asserted"} == {("MEX", "1312"),
                                                                                        ("CAN", "1312")}


def test_means_and_purposes_are_not_parties_or_events(coder):
    battle = coder.code_text("JUBA (Reuters) - Troops loyal to South Sudanese President Salva Kiir battled fighters "
                             "with tanks and artillery in Juba on Sunday.", date="2016-07-10")
    assert not any(e.target.code.endswith("MIL") and e.source.code == e.target.code for e in battle)
    assert any(e.code[:2] == "19" for e in battle), [(e.code, e.source.code, e.target.code) for e in battle]
    gathered = coder.code_text("Thousands of opposition supporters gathered in Nairobi to protest against the "
                               "government.", date="2023-03-20")
    assert {e.code[:2] for e in gathered if e.modality == "asserted"} == {"14"}


@pytest.mark.parametrize("text, date, expected", [
    # an alert faces the other side's act in the sentence
    ("TAIPEI (Reuters) - Taiwan put its forces on alert on Thursday as China's military began two days of what "
     "Beijing called \"punishment\" drills around the island.", "2024-05-23", ("TWN", "CHNMIL", "152")),
    # a free relative names the act ("what Beijing called drills"); "the island" is not the driller's country
    ("TAIPEI (Reuters) - Taiwan put its forces on alert on Thursday as China's military began two days of what "
     "Beijing called \"punishment\" drills around the island.", "2024-05-23", ("CHNMIL", "TWN", "150")),
    ("Israel carried out what it called pre-emptive strikes on Hezbollah targets in southern Lebanon.", "2024-08-25",
     ("ISR", "LBNREB", "190")),
    # "build-up", split by the tokenizer, is one event noun; its "of" object is the builder's own forces
    ("Russia's build-up of troops near Ukraine's borders continued.", "2021-11-30", ("RUS", "UKR", "154")),
])
def test_postures_and_free_relatives(coder, text, date, expected):
    found = {(e.source.code, e.target.code, e.code) for e in coder.code_text(text, date=date)
             if e.modality == "asserted"}
    assert expected in found, found


def test_naming_is_no_appeal(coder):
    events = coder.code_text("Israel carried out what it called pre-emptive strikes on Hezbollah targets.",
                             date="2024-08-25")
    assert not any(e.code[:2] == "02" for e in events)
