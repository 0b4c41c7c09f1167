"""A small hand-built store for the web tests: known events, a located event, and a hostile document."""

from __future__ import annotations

from pathlib import Path

from tacitus.model import Actor, Document, Event, Location
from tacitus.store import Store, content_hash

HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
HOSTILE_DOC = "hostile"

# (doc_id, sentence_index, date, source, target, code, goldstein, quad_class, modality, claimed_by, location)
ROWS = [
    ("d1", 0, "2021-01-04", ("IRQCOP", "IRQ", "COP"), ("IRQREB", "IRQ", "REB"), "173", -5.0, 4, "asserted", None, None),
    ("d1", 1, "2021-01-05", ("IRQGOV", "IRQ", "GOV"), ("USAGOV", "USA", "GOV"), "040", 1.0, 1, "asserted", None, None),
    ("d1", 2, "2021-01-06", ("USAGOV", "USA", "GOV"), ("IRQGOV", "IRQ", "GOV"), "057", 8.0, 1, "hypothetical",
     None, None),
    ("d2", 0, "2021-02-10", ("IRN", "IRN", None), ("USA", "USA", None), "190", -10.0, 4, "negated",
     ("IRNGOV", "Iranian officials"), None),
    ("d2", 1, "2021-02-11", ("USAMIL", "USA", "MIL"), ("IRN", "IRN", None), "195", -10.0, 4, "asserted",
     ("USAGOV", "the Pentagon"), ("Baghdad", "IRQ", 33.31, 44.36)),
    ("d3", 0, "2021-03-15", ("SYRGOV", "SYR", "GOV"), ("SYRREB", "SYR", "REB"), "111", -2.0, 3, "asserted", None,
     None),
    ("d3", 1, "2021-03-16", ("RUS", "RUS", None), ("SYRGOV", "SYR", "GOV"), "070", 7.0, 2, "asserted", None,
     ("Damascus", "SYR", 33.51, 36.29)),
]


def _actor(side: tuple[str, str | None, str | None], text: str) -> Actor:
    code, country, sector = side
    return Actor(code=code, country=country, sector=sector, name=f"{code} name", text=text)


def events() -> list[Event]:
    """The events of :data:`ROWS`, plus one in the hostile document."""
    out = []
    for doc_id, index, date, source, target, code, goldstein, quad, modality, claimant, place in ROWS:
        source_text, target_text = f"the {source[0]} side", f"the {target[0]} side"
        out.append(
            Event(
                event_id=Event.make_id(doc_id, index, source[0], target[0], code),
                doc_id=doc_id,
                sentence_index=index,
                sentence=f"Officials said {source_text} acted on {target_text} in sentence {index}.",
                span=(index * 80, index * 80 + 70),
                date=date,
                source=_actor(source, source_text),
                target=_actor(target, target_text),
                code=code,
                root=code[:2],
                quad_class=quad,
                goldstein=goldstein,
                plover="X",
                modality=modality,
                claimed_by=Actor(code=claimant[0], text=claimant[1]) if claimant else None,
                location=Location(name=place[0], country=place[1], lat=place[2], lon=place[3], precision="city")
                if place
                else None,
            )
        )
    out.append(
        Event(
            event_id=Event.make_id(HOSTILE_DOC, 0, "ISR", "LBN", "190"),
            doc_id=HOSTILE_DOC,
            sentence_index=0,
            sentence=f"Israel struck Lebanon {HOSTILE} on Monday.",
            span=(0, 60),
            date="2021-04-01",
            source=Actor(code="ISR", country="ISR", name="Israel", text="Israel"),
            target=Actor(code="LBN", country="LBN", name="Lebanon", text=f"Lebanon {HOSTILE}"),
            code="190",
            root="19",
            quad_class=4,
            goldstein=-10.0,
            plover="X",
        )
    )
    return out


def build(path: Path) -> Path:
    """Write the test store at ``path`` and return it."""
    docs = []
    for doc_id in ("d1", "d2", "d3", HOSTILE_DOC):
        title = f"Title {HOSTILE}" if doc_id == HOSTILE_DOC else f"Title of {doc_id}"
        text = f"The text of {doc_id}."
        docs.append((Document(id=doc_id, text=text, title=title, source="Wire", url="javascript:alert(1)"),
                     content_hash(text)))
    with Store(path) as store:
        run_id = store.begin_run({}, "test", "0", {})
        store.write_batch(run_id, docs, events())
        store.end_run(run_id, len(docs), len(events()), 0)
        store.build_stories()
    return path

