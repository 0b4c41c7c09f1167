"""The JSON API (OpenAPI at /docs): events, stories, series, dyads, network, map, summary, and coding text.

Every route reads through :mod:`tacitus.store.query` with bound parameters; no SQL text comes from a request.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from tacitus.model import Document, Event
from tacitus.ontology import default_codebook
from tacitus.store import query
from tacitus.web import assets

router = APIRouter(prefix="/api", tags=["api"])

Freq = Literal["day", "week", "month", "year"]
Level = Literal["actor", "country"]
ModalityName = Literal["asserted", "negated", "hypothetical"]
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's read-only store for this request alone."""
    cur = request.app.state.store.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


class EventFilters(BaseModel):
    """The event filters shared by every read route (repeat a list parameter to match any of its values)."""

    start: dt.date | None = Field(None, description="earliest event day (YYYY-MM-DD)")
    end: dt.date | None = Field(None, description="latest event day (YYYY-MM-DD)")
    actor: list[str] | None = Field(None, description="actor code prefix on either side (IRQ, USAGOV)")
    source: list[str] | None = Field(None, description="source actor code prefix")
    target: list[str] | None = Field(None, description="target actor code prefix")
    country: list[str] | None = Field(None, description="ISO alpha-3 country on either side")
    sector: list[str] | None = Field(None, description="CAMEO sector on either side (GOV, MIL, REB...)")
    root: list[str] | None = Field(None, description="CAMEO root (\"19\")")
    code: list[str] | None = Field(None, description="CAMEO code prefix (\"173\", \"0841\")")
    quad_class: list[Annotated[int, Field(ge=1, le=4)]] | None = Field(None, description="QuadClass 1-4")
    modality: list[ModalityName] | None = Field(None, description="asserted, negated or hypothetical")
    claimed_by: list[str] | None = Field(None, description="claimant actor code prefix")
    doc_id: list[str] | None = Field(None, description="document id")
    text: str | None = Field(None, max_length=200, description="words in the sentence or actor texts")

    def as_dict(self) -> dict[str, Any]:
        """The filters that were given, blank strings left out."""
        given: dict[str, Any] = {}
        for name, value in self.model_dump().items():
            if isinstance(value, list):
                value = [v for v in value if str(v).strip()] or None
            elif isinstance(value, str):
                value = value.strip() or None
            if value is not None:
                given[name] = value
        return given


Filters = Annotated[EventFilters, Query()]


@functools.cache
def _code_names() -> dict[str, str]:
    return {entry.code: entry.name for entry in default_codebook()}


def _clean(value: Any) -> Any:
    """JSON-safe scalars: NaN becomes null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row with its CAMEO code name and QuadClass name added."""
    out = {key: _clean(value) for key, value in row.items()}
    out["code_name"] = _code_names().get(str(row.get("code")), "")
    out["quad_name"] = QUAD_NAMES.get(row.get("quad_class") or 0, "")
    return out


@router.get("/summary")
def summary(cur: Cursor, filters: Filters) -> dict[str, Any]:
    """Event counts (by modality, QuadClass, root), the date range, store table counts and the top dyads."""
    given = filters.as_dict()
    result = query.summary(cur, given)
    result["top_dyads"] = query.top_dyads(cur, given, limit=10)
    result["store"] = query.rows(
        cur,
        "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events, "
        "(SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM actors) AS actors",
        [],
    )[0]
    result["root_names"] = {root: _code_names().get(root, "") for root in result["root"]}
    return result


@router.get("/events")
def events(
    cur: Cursor,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    order: Literal["date", "-date", "goldstein", "-goldstein"] = "date",
) -> dict[str, Any]:
    """Events matching the filters, one page at a time, with the total count."""
    total, found = query.event_page(cur, filters.as_dict(), limit, offset, order)
    return {"total": total, "limit": limit, "offset": offset, "events": [event_json(row) for row in found]}


@router.get("/events/{event_id}")
def event(cur: Cursor, event_id: str) -> dict[str, Any]:
    """One event by id."""
    found = query.event_by_id(cur, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in the store")
    return event_json(found)


@router.get("/stories")
def stories(
    cur: Cursor,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """Stories (repeated reports of one event merged) with a member event matching the filters."""
    frame = query.stories(cur, filters.as_dict(), limit, as_arrow=True)
    return {"stories": [{k: _clean(v) for k, v in row.items()} for row in frame.to_pylist()]}


@router.get("/stories/{story_id}")
def story(cur: Cursor, story_id: str) -> dict[str, Any]:
    """One story's events, each with why it joined."""
    members = query.story_members(cur, story_id, as_arrow=True).to_pylist()
    if not members:
        raise HTTPException(404, f"no story {story_id!r} in the store")
    return {"story_id": story_id, "events": [event_json(row) for row in members]}


@router.get("/series")
def series(cur: Cursor, filters: Filters, freq: Freq = "month") -> dict[str, Any]:
    """Per day/week/month/year: event count, mean Goldstein, and counts per QuadClass (q1..q4)."""
    return {"freq": freq, "series": query.series(cur, freq, filters.as_dict())}


@router.get("/dyads")
def dyads(
    cur: Cursor,
    filters: Filters,
    a: Annotated[str, Query(min_length=1, max_length=20, description="first actor code prefix")],
    b: Annotated[str, Query(min_length=1, max_length=20, description="second actor code prefix")],
    freq: Freq = "month",
) -> dict[str, Any]:
    """Relations between two actors over time, each direction apart (forward a->b, backward b->a)."""
    return {"a": a, "b": b, "freq": freq, "series": query.dyad_series(cur, freq, a, b, filters.as_dict())}


@router.get("/dyads/top")
def top_dyads(
    cur: Cursor, filters: Filters, limit: Annotated[int, Query(ge=1, le=200)] = 20, level: Level = "actor"
) -> dict[str, Any]:
    """The most frequent source-target pairs with their mean Goldstein."""
    return {"dyads": query.top_dyads(cur, filters.as_dict(), limit, level)}


@router.get("/network")
def network(
    cur: Cursor,
    filters: Filters,
    level: Level = "actor",
    max_nodes: Annotated[int, Query(ge=2, le=200)] = 40,
    max_edges: Annotated[int, Query(ge=1, le=1000)] = 150,
) -> dict[str, Any]:
    """Actors as nodes (events on either side, mean Goldstein, layout x/y) and directed edges weighted by
    event count and coloured by mean Goldstein."""
    nodes, edges = query.network(cur, filters.as_dict(), max_nodes, max_edges, level)
    names = _names(cur, [n["code"] for n in nodes], level)
    positions = layout([n["code"] for n in nodes], edges)
    for node in nodes:
        node["name"] = names.get(node["code"], node["code"])
        node["x"], node["y"] = positions[node["code"]]
    return {"level": level, "nodes": nodes, "edges": edges}


def _names(cur: duckdb.DuckDBPyConnection, codes: list[str], level: str) -> dict[str, str]:
    if level == "country":
        return {code: assets.country_names().get(code, code) for code in codes}
    if not codes:
        return {}
    marks = ", ".join("?" for _ in codes)
    found = query.rows(cur, f"SELECT code, name FROM actors WHERE code IN ({marks})", codes)
    return {row["code"]: row["name"] or row["code"] for row in found}


def layout(codes: list[str], edges: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """A force-directed layout (networkx spring layout, fixed seed so a page looks the same each time)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(codes)
    for edge in edges:
        weight = math.log1p(edge["events"])
        if graph.has_edge(edge["source"], edge["target"]):
            graph[edge["source"]][edge["target"]]["weight"] += weight
        else:
            graph.add_edge(edge["source"], edge["target"], weight=weight)
    if not codes:
        return {}
    spread = 2.5 / math.sqrt(len(codes))
    positions = nx.spring_layout(graph, seed=7, weight="weight", k=spread, iterations=100)
    return {code: (round(float(x), 4), round(float(y), 4)) for code, (x, y) in positions.items()}


@router.get("/map")
def world_map(
    cur: Cursor,
    filters: Filters,
    basis: Literal["auto", "location", "actors"] = "auto",
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    """Events per country (ISO alpha-3) and the places with coordinates. ``basis=location`` counts where
    events happened, ``actors`` the countries of their actors; ``auto`` uses locations when any are stored."""
    given = filters.as_dict()
    chosen = basis
    countries: list[dict[str, Any]] = []
    if basis in ("auto", "location"):
        countries = query.country_counts(cur, given, "location")
        chosen = "location"
    if basis == "actors" or (basis == "auto" and not countries):
        countries = query.country_counts(cur, given, "actors")
        chosen = "actors"
    names = assets.country_names()
    for row in countries:
        row["name"] = names.get(row["country"], row["country"])
    return {"basis": chosen, "countries": countries, "places": query.places(cur, given, limit)}


@router.get("/actors")
def actors(cur: Cursor, limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict[str, Any]:
    """Known actors, most active first."""
    return {"actors": query.actor_list(cur, limit)}


@router.get("/documents/{doc_id}")
def document(cur: Cursor, doc_id: str) -> dict[str, Any]:
    """A stored document's metadata and its events in sentence order."""
    info = query.document_info(cur, doc_id)
    if info is None:
        raise HTTPException(404, f"no document {doc_id!r} in the store")
    _, found = query.event_page(cur, {"doc_id": doc_id}, 10_000, 0, "date")
    found.sort(key=lambda row: (row["sentence_index"], row["event_id"]))
    return {**info, "events": [event_json(row) for row in found]}


class CodeRequest(BaseModel):
    """Text to code; nothing is stored."""

    text: str = Field(min_length=1, description="English news text")
    date: dt.date | None = Field(None, description="the document's date, for relative dates and dated roles")
    doc_id: str = Field("pasted", max_length=200)


def _code(request: Request, document: Document) -> dict[str, Any]:
    holder = request.app.state.coder
    with holder.lock:
        found: list[Event] = holder.get().code_text(document.text, doc_id=document.id, date=document.date)
    return {
        "doc_id": document.id,
        "characters": len(document.text),
        "events": [event_json(event.flat()) | {"claimed_by": event.claimed_by and event.claimed_by.model_dump()}
                   for event in found],
    }


@router.post("/code")
async def code_text(request: Request, body: CodeRequest) -> dict[str, Any]:
    """Code pasted text and return its events (the store is not changed). Bodies over the limit get 413."""
    document = Document(id=body.doc_id, text=body.text, date=body.date.isoformat() if body.date else None)
    return await run_in_threadpool(_code, request, document)


@router.post("/code/file")
async def code_file(
    request: Request,
    file: Annotated[UploadFile, File(description="a UTF-8 text file")],
    date: Annotated[dt.date | None, Form()] = None,
) -> dict[str, Any]:
    """Code an uploaded UTF-8 text document and return its events (the store is not changed)."""
    data = await file.read()
    if b"\x00" in data[:8192]:
        raise HTTPException(422, f"{file.filename}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"{file.filename}: not UTF-8 text (byte at offset {exc.start})") from None
    if not text.strip():
        raise HTTPException(422, f"{file.filename}: empty text")
    stem = (file.filename or "upload").rsplit("/", 1)[-1].rsplit(".", 1)[0][:200] or "upload"
    document = Document(id=stem, text=text, date=date.isoformat() if date else None)
    return await run_in_threadpool(_code, request, document)
