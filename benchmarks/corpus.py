"""A generated news-like corpus for the benchmarks, plus the seed articles.

    python benchmarks/corpus.py 1000 -o corpus.jsonl      # write 1,000 documents as JSON Lines

Each document is a wire story: a dateline, a lead with an event, and a body where most sentences hold no
codable event (markets, weather, background, quotes without an act, numbers), as in real news, where about
half or more of the sentences report no event between two actors. Templates are the project's own; the
generator is seeded, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from tacitus import Document

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"

# (name, adjective, capital)
COUNTRIES = [
    ("Iraq", "Iraqi", "Baghdad"), ("Iran", "Iranian", "Tehran"), ("Syria", "Syrian", "Damascus"),
    ("Turkey", "Turkish", "Ankara"), ("Israel", "Israeli", "Jerusalem"), ("Lebanon", "Lebanese", "Beirut"),
    ("Egypt", "Egyptian", "Cairo"), ("Jordan", "Jordanian", "Amman"), ("Saudi Arabia", "Saudi", "Riyadh"),
    ("Yemen", "Yemeni", "Sanaa"), ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("Poland", "Polish", "Warsaw"), ("Germany", "German", "Berlin"), ("France", "French", "Paris"),
    ("Britain", "British", "London"), ("China", "Chinese", "Beijing"), ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"), ("Afghanistan", "Afghan", "Kabul"),
    ("Nigeria", "Nigerian", "Abuja"), ("Kenya", "Kenyan", "Nairobi"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Sudan", "Sudanese", "Khartoum"), ("Somalia", "Somali", "Mogadishu"), ("Mali", "Malian", "Bamako"),
    ("Brazil", "Brazilian", "Brasilia"), ("Colombia", "Colombian", "Bogota"), ("Venezuela", "Venezuelan", "Caracas"),
    ("Mexico", "Mexican", "Mexico City"), ("Armenia", "Armenian", "Yerevan"), ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Serbia", "Serbian", "Belgrade"), ("Kosovo", "Kosovar", "Pristina"), ("Myanmar", "Myanmar", "Naypyidaw"),
    ("Philippines", "Philippine", "Manila"), ("Vietnam", "Vietnamese", "Hanoi"), ("Indonesia", "Indonesian", "Jakarta"),
    ("South Korea", "South Korean", "Seoul"), ("North Korea", "North Korean", "Pyongyang"),
]
BODIES = ["government", "foreign ministry", "army", "police", "military", "defence ministry", "president",
          "prime minister", "foreign minister", "parliament", "security forces", "opposition"]
ORGANISATIONS = ["the United Nations", "NATO", "the European Union", "the African Union", "the Red Cross",
                 "the World Bank", "Amnesty International", "the Arab League"]
# (template, holds an event?) -- {A}/{B} are actors, {c} a capital, {n} a number
EVENTS = [
    "{A} accused {B} of violating the ceasefire.", "{A} condemned {B} over the killing of two civilians.",
    "{A} imposed new sanctions on {B} on {day}.", "{A} signed a trade agreement with {B} in {c}.",
    "{A} held talks with {B} in {c} on {day}.", "{A} expelled two diplomats from {B}.",
    "{A} praised {B} for its help after the floods.", "{A} threatened to cut ties with {B}.",
    "{A} arrested {n} members of {B} in a raid near {c}.", "{A} shelled positions held by {B} overnight.",
    "{A} criticized {B} for the crackdown on protesters.", "{A} called on {B} to release the detainees.",
    "{A} pledged {n} million dollars in aid to {B}.", "{A} rejected a proposal by {B} to extend the truce.",
    "{A} met with {B} to discuss border security.", "{A} launched air strikes against {B} near the border.",
    "{A} demanded that {B} withdraw its troops.", "{A} welcomed the decision by {B} to reopen the crossing.",
    "{A} warned {B} against any further provocation.", "{A} apologized to {B} for the incident.",
    "{A} denied attacking {B}.", "{A} agreed to resume negotiations with {B}.",
    "{A} seized a tanker belonging to {B} in international waters.", "{A} recalled its ambassador to {B}.",
]
NO_EVENTS = [
    "Oil prices rose {n} percent in early trading.", "The weather in {c} was mild on {day}.",
    "The central bank kept interest rates unchanged at {n} percent.", "Traffic was heavy in the city centre.",
    "Analysts said the outcome remained uncertain.", "The report runs to {n} pages.",
    "Elections are due in the spring.", "The ministry gave no further details.",
    "The {adj} economy grew {n} percent last year, according to official figures.",
    "{n} people attended the ceremony, organisers said.", "The currency fell to a record low on {day}.",
    "Schools in {c} reopened after the holiday.", "The {adj} capital has a population of about {n} million.",
    "It was not immediately clear how many people were in the building.",
    "The talks are expected to last several days.", "Prices of bread and fuel have doubled since January.",
    "The {adj} foreign minister was in {c} for a regional summit.", "Officials in {c} declined to comment.",
    "The river has flooded several villages in recent weeks.", "Tourism accounts for about {n} percent of output.",
    "The {adj} parliament is due to debate the budget next week.", "Turnout was estimated at {n} percent.",
    "The company said production would resume within days.", "Temperatures are forecast to reach {n} degrees.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _actor(rng: random.Random) -> str:
    roll = rng.random()
    name, adjective, _ = rng.choice(COUNTRIES)
    if roll < 0.45:
        return f"the {adjective} {rng.choice(BODIES)}"
    if roll < 0.8:
        return name
    return rng.choice(ORGANISATIONS)


def _fill(template: str, rng: random.Random) -> str:
    a, b = _actor(rng), _actor(rng)
    while b == a:
        b = _actor(rng)
    _, adjective, capital = rng.choice(COUNTRIES)
    text = template.format(A=a, B=b, c=capital, n=rng.randint(2, 90), day=rng.choice(DAYS), adj=adjective)
    if text.startswith("the "):
        text = "The " + text[4:]
    return text


def story(rng: random.Random) -> str:
    """One wire story: dateline, lead event, and a body of 5-11 sentences, about 35% of them events."""
    _, _, capital = rng.choice(COUNTRIES)
    sentences = [_fill(rng.choice(EVENTS), rng)]
    for _ in range(rng.randint(5, 11)):
        pool = EVENTS if rng.random() < 0.35 else NO_EVENTS
        sentences.append(_fill(rng.choice(pool), rng))
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= rng.randint(1, 3):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return f"{capital.upper()} -\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(n: int, seed: int = 7) -> Iterator[Document]:
    """``n`` generated documents, dated across 2023-2024 (so a dataset partitions into months)."""
    rng = random.Random(seed)
    for i in range(n):
        date = f"{2023 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield Document(id=f"gen{i:06d}", text=story(rng), date=date)


def seeds() -> list[Document]:
    """The seed articles from ../shared (none when it is missing)."""
    return [Document(id=p.stem, text=p.read_text(encoding="utf-8"), date="2021-06-01")
            for p in sorted(SEEDS.glob("*.txt"))]


def corpus(n: int, seed: int = 7) -> list[Document]:
    """``n`` generated documents followed by the seeds."""
    return list(generate(n, seed)) + seeds()


def write_jsonl(documents: Iterator[Document] | list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document.model_dump(exclude_none=True), ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_jsonl(generate(args.n, args.seed), args.output)


if __name__ == "__main__":
    main()
