"""The dashboard's pages: HTML shells rendered with autoescaping Jinja2; their charts fetch the JSON API.

No template marks article text safe: titles, sentences and actor names are always escaped.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tacitus._version import __version__
from tacitus.store import query
from tacitus.web import assets
from tacitus.web.api import event_json

router = APIRouter(include_in_schema=False)
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(assets.TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
)
templates = Jinja2Templates(env=_env)

# (path, template, nav label, page title)
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("/", "overview.html", "Overview", "Overview"),
    ("/timeline", "timeline.html", "Timeline", "Conflict and cooperation over time"),
    ("/dyads", "dyads.html", "Dyads", "Dyad explorer"),
    ("/network", "network.html", "Network", "Actor network"),
    ("/map", "map.html", "Map", "Where events happen"),
    ("/events", "events.html", "Events", "Events and their sentences"),
    ("/code", "code.html", "Code text", "Code a text"),
)
NAV = tuple((path, label) for path, _, label, _ in PAGES)


def _render(request: Request, template: str, title: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        template,
        {"title": title, "nav": NAV, "path": request.url.path, "version": __version__,
         "db": request.app.state.store.path, **context},
    )


def _page(template: str, title: str):  # type: ignore[no-untyped-def]
    def show(request: Request) -> HTMLResponse:
        return _render(request, template, title, max_body=request.app.state.max_body)

    return show


for _path, _template, _, _title in PAGES:
    router.add_api_route(_path, _page(_template, _title), methods=["GET"], response_class=HTMLResponse)


class Segment(NamedTuple):
    """A piece of a sentence, marked ``source``, ``target`` or not marked (``""``)."""

    text: str
    mark: str


def segments(sentence: str, marks: list[tuple[str | None, str]]) -> list[Segment]:
    """Split ``sentence`` so that the first occurrence of each actor text is its own marked segment."""
    spans: list[tuple[int, int, str]] = []
    lowered = sentence.lower()
    for text, mark in marks:
        if not text:
            continue
        start = lowered.find(text.lower())
        if start < 0 or any(start < end and start + len(text) > begin for begin, end, _ in spans):
            continue
        spans.append((start, start + len(text), mark))
    out: list[Segment] = []
    position = 0
    for begin, end, mark in sorted(spans):
        if begin > position:
            out.append(Segment(sentence[position:begin], ""))
        out.append(Segment(sentence[begin:end], mark))
        position = end
    if position < len(sentence):
        out.append(Segment(sentence[position:], ""))
    return out


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """A document's metadata and its coded sentences, each with the events it supports."""
    cur = request.app.state.store.cursor()
    try:
        info = query.document_info(cur, doc_id)
        if info is None:
            raise HTTPException(404, f"no document {doc_id!r} in the store")
        _, found = query.event_page(cur, {"doc_id": doc_id}, 10_000, 0, "date")
    finally:
        cur.close()
    sentences: dict[int, dict[str, Any]] = {}
    for row in sorted(found, key=lambda r: (r["sentence_index"], r["event_id"])):
        entry = sentences.setdefault(
            row["sentence_index"], {"index": row["sentence_index"], "sentence": row["sentence"] or "", "events": []}
        )
        entry["events"].append(event_json(row))
    for entry in sentences.values():
        first = entry["events"][0]
        entry["segments"] = segments(entry["sentence"], [(first["source_text"], "source"),
                                                         (first["target_text"], "target")])
    return _render(request, "document.html", f"Document {doc_id}", doc=info, sentences=list(sentences.values()),
                   max_body=request.app.state.max_body)
