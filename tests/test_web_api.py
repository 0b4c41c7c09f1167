"""The JSON API and the pages, in-process (FastAPI's test client) on a small hand-built store."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from tacitus.errors import StoreError
from tacitus.web import create_app
from webstore import HOSTILE, HOSTILE_DOC, build

with warnings.catch_warnings():  # starlette's test client warns about its httpx dependency on import
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

DOCS = Path(__file__).resolve().parents[1] / "docs" / "dashboard.md"
PAGES = ["/", "/timeline", "/dyads", "/network", "/map", "/events", "/code"]


class FakeCoder:
    """Stands in for the Coder: records what it was asked and returns one event per call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    def code_text(self, text: str, doc_id: str = "text", date: str | None = None):  # type: ignore[no-untyped-def]
        from webstore import events

        self.calls.append((text, doc_id, date))
        event = events()[0].model_copy(update={"sentence": text[:200], "doc_id": doc_id, "date": date})
        return [event]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def fake_coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture(scope="module")
def client(store_path: Path, fake_coder: FakeCoder):  # type: ignore[no-untyped-def]
    app = create_app(store_path, coder=fake_coder, max_body=2_000)
    with TestClient(app) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_web_store_is_read_only(client: TestClient) -> None:
    store = client.app.state.store
    assert store.read_only
    with pytest.raises(StoreError, match="read-only"):
        store.refresh_actors()


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_render_without_inline_scripts(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert scripts and all('src="/' in attrs for attrs in scripts)  # local files only, no inline code, no CDN
    assert "http://" not in response.text and "https://" not in response.text


def test_web_assets_come_from_installed_packages(client: TestClient) -> None:
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and b"plotly" in plotly.content[:2000].lower() and len(plotly.content) > 1e6
    world = client.get("/vendor/world.svg")
    assert world.status_code == 200 and 'data-iso3="IRQ"' in world.text and 'data-iso3="USA"' in world.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/vendor/swagger/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/vendor/swagger/../app.py").status_code == 404


def test_web_summary_counts(client: TestClient) -> None:
    summary = get(client, "/api/summary")
    assert summary["events"] == 8 and summary["documents"] == 4
    assert summary["modality"] == {"asserted": 6, "hypothetical": 1, "negated": 1}
    assert summary["quad_class"] == {"1": 2, "2": 1, "3": 1, "4": 4}
    assert summary["first_day"] == "2021-01-04" and summary["last_day"] == "2021-04-01"
    assert summary["located"] == 2
    assert summary["store"]["events"] == 8
    assert summary["top_dyads"][0]["events"] == 1
    assert get(client, "/api/summary", country="SYR")["events"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 8),
        ({"country": "IRQ"}, 3),
        ({"country": ["IRQ", "SYR"]}, 5),
        ({"actor": "USA"}, 4),
        ({"source": "USA", "target": "IRQ"}, 1),
        ({"sector": "REB"}, 2),
        ({"root": "19"}, 3),
        ({"root": "4"}, 1),
        ({"code": "17"}, 1),
        ({"quad_class": 4}, 4),
        ({"modality": "negated"}, 1),
        ({"modality": ["negated", "hypothetical"]}, 2),
        ({"claimed_by": "USA"}, 1),
        ({"start": "2021-02-01", "end": "2021-03-15"}, 3),
        ({"text": "IRQREB"}, 1),
        ({"text": "SIDE ACTED"}, 7),
        ({"doc_id": "d2"}, 2),
        ({"country": "IRQ' OR 1=1 --"}, 0),
        ({"text": "%"}, 0),
        ({"text": "_"}, 1),  # literal: only the hostile sentence has "__pwned"
        ({"actor": "", "country": ""}, 8),
    ],
)
def test_web_event_filters(client: TestClient, params: dict, expected: int) -> None:
    page = get(client, "/api/events", **params)
    assert page["total"] == expected
    assert len(page["events"]) == expected


def test_web_events_page_and_order(client: TestClient) -> None:
    first = get(client, "/api/events", limit=3, offset=0)
    second = get(client, "/api/events", limit=3, offset=3)
    assert first["total"] == second["total"] == 8
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 6
    assert [e["date"] for e in first["events"]] == ["2021-01-04", "2021-01-05", "2021-01-06"]
    newest = get(client, "/api/events", limit=1, order="-date")["events"][0]
    assert newest["doc_id"] == HOSTILE_DOC
    coop = get(client, "/api/events", limit=1, order="-goldstein")["events"][0]
    assert coop["goldstein"] == 8.0 and coop["code_name"] and coop["quad_name"] == "verbal cooperation"
    one = get(client, f"/api/events/{coop['event_id']}")
    assert one["sentence"] == coop["sentence"]
    assert client.get("/api/events/nope").status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"start": "yesterday"}, {"quad_class": 7}, {"modality": "rumoured"}, {"limit": 0}, {"limit": 10_000},
     {"offset": -1}, {"order": "sentence; DROP TABLE events"}, {"text": "x" * 300}],
)
def test_web_bad_parameters_are_422(client: TestClient, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_web_series_by_day_week_month(client: TestClient) -> None:
    months = get(client, "/api/series", freq="month")["series"]
    assert [(r["period"], r["events"]) for r in months] == [
        ("2021-01-01", 3), ("2021-02-01", 2), ("2021-03-01", 2), ("2021-04-01", 1)]
    january = months[0]
    assert (january["q1"], january["q4"]) == (2, 1)
    assert january["goldstein"] == pytest.approx((-5.0 + 1.0 + 8.0) / 3)
    assert len(get(client, "/api/series", freq="day")["series"]) == 8
    weeks = get(client, "/api/series", freq="week")["series"]
    assert weeks[0]["period"] == "2021-01-04" and weeks[0]["events"] == 3  # Monday-based weeks
    assert client.get("/api/series", params={"freq": "hour"}).status_code == 422


def test_web_dyad_series_both_directions(client: TestClient) -> None:
    series = get(client, "/api/dyads", a="IRQ", b="USA")["series"]
    directions = {(r["direction"], r["period"]): r["events"] for r in series}
    assert directions == {("forward", "2021-01-01"): 1, ("backward", "2021-01-01"): 1}
    only_asserted = get(client, "/api/dyads", a="IRQ", b="USA", modality="asserted")["series"]
    assert [r["direction"] for r in only_asserted] == ["forward"]
    assert client.get("/api/dyads", params={"a": "IRQ"}).status_code == 422


def test_web_network_nodes_and_edges(client: TestClient) -> None:
    network = get(client, "/api/network")
    nodes = {n["code"]: n for n in network["nodes"]}
    assert nodes["SYRGOV"]["events"] == 2 and nodes["SYRGOV"]["name"] == "SYRGOV name"
    assert all(-1.5 <= n["x"] <= 1.5 and -1.5 <= n["y"] <= 1.5 for n in nodes.values())
    edge = next(e for e in network["edges"] if (e["source"], e["target"]) == ("RUS", "SYRGOV"))
    assert edge["events"] == 1 and edge["goldstein"] == 7.0
    countries = get(client, "/api/network", level="country")
    pairs = {(e["source"], e["target"]): e["events"] for e in countries["edges"]}
    assert pairs[("USA", "IRN")] == 1 and pairs[("IRQ", "USA")] == 1
    assert {n["code"] for n in countries["nodes"]} >= {"IRQ", "USA", "SYR", "RUS", "IRN"}
    assert len(get(client, "/api/network", max_nodes=2)["nodes"]) == 2


def test_web_map_uses_places_then_actor_countries(client: TestClient) -> None:
    located = get(client, "/api/map")
    assert located["basis"] == "location"
    assert {r["country"]: r["events"] for r in located["countries"]} == {"IRQ": 1, "SYR": 1}
    assert {(p["name"], p["lat"], p["lon"]) for p in located["places"]} == {
        ("Baghdad", 33.31, 44.36), ("Damascus", 33.51, 36.29)}
    actors = get(client, "/api/map", basis="actors")
    counts = {r["country"]: r["events"] for r in actors["countries"]}
    assert counts["IRQ"] == 3 and counts["USA"] == 4 and counts["SYR"] == 2
    fallback = get(client, "/api/map", country="IRN", modality="negated")
    assert fallback["basis"] == "actors" and {r["country"] for r in fallback["countries"]} == {"IRN", "USA"}


def test_web_stories_and_actors(client: TestClient) -> None:
    stories = get(client, "/api/stories")["stories"]
    assert stories and all(s["story_id"] for s in stories)
    story = get(client, f"/api/stories/{stories[0]['story_id']}")
    assert story["events"]
    assert client.get("/api/stories/none").status_code == 404
    actors = get(client, "/api/actors", limit=3)["actors"]
    assert len(actors) == 3 and actors[0]["events"] >= actors[-1]["events"]


def test_web_document_page_escapes_article_text(client: TestClient) -> None:
    data = get(client, f"/api/documents/{HOSTILE_DOC}")
    assert HOSTILE in data["title"] and HOSTILE in data["events"][0]["sentence"]
    page = client.get(f"/documents/{HOSTILE_DOC}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page.text
    assert 'href="javascript:' not in page.text  # a non-http URL is shown, never linked
    assert '<mark class="source">Israel</mark>' in page.text
    assert client.get("/documents/missing").status_code == 404
    assert client.get("/api/documents/missing").status_code == 404


def test_web_code_pasted_text(client: TestClient, fake_coder: FakeCoder) -> None:
    response = client.post("/api/code", json={"text": "Iraqi police arrested a rebel.", "date": "2021-06-01"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert fake_coder.calls[-1] == ("Iraqi police arrested a rebel.", "pasted", "2021-06-01")
    assert data["events"][0]["sentence"] == "Iraqi police arrested a rebel." and data["events"][0]["code"] == "173"
    upload = client.post("/api/code/file", files={"file": ("note.txt", b"Some text.", "text/plain")})
    assert upload.status_code == 200 and fake_coder.calls[-1][:2] == ("Some text.", "note")
    assert get(client, "/api/summary")["events"] == 8  # nothing was stored


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [({"json": {"text": ""}}, 422), ({"json": {"text": "x", "date": "soon"}}, 422),
     ({"files": {"file": ("a.bin", b"\x00\x01", "application/octet-stream")}}, 422),
     ({"files": {"file": ("a.txt", b"\xff\xfe bad", "text/plain")}}, 422)],
)
def test_web_code_refuses_bad_input(client: TestClient, kwargs: dict, status: int) -> None:
    url = "/api/code/file" if "files" in kwargs else "/api/code"
    response = client.post(url, **kwargs)
    assert response.status_code == status and response.json()["detail"]


def test_web_post_body_limit_is_413(client: TestClient, fake_coder: FakeCoder) -> None:
    calls = len(fake_coder.calls)
    announced = client.post("/api/code", json={"text": "x" * 5_000})
    assert announced.status_code == 413
    assert "limit is 2,000 bytes" in announced.json()["detail"]

    def chunks():  # no Content-Length: the body is streamed and counted
        for _ in range(10):
            yield b"x" * 500

    streamed = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert len(fake_coder.calls) == calls


def test_web_openapi_lists_every_route_and_docs_describe_them(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/events", "/api/series", "/api/dyads", "/api/network", "/api/map", "/api/summary",
            "/api/stories", "/api/code", "/api/code/file", "/api/documents/{doc_id}"} <= paths
    text = DOCS.read_text(encoding="utf-8")
    missing = [path for path in paths if f"`{path}`" not in text and f"`GET {path}`" not in text
               and f"`POST {path}`" not in text]
    assert not missing, f"docs/dashboard.md does not describe {missing}"


@pytest.mark.model
def test_web_code_with_the_real_coder(store_path: Path, coder) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(store_path, coder=coder)) as real:
        response = real.post("/api/code", json={"text": "Iraqi security forces arrested a militia commander.",
                                                "date": "2021-05-26"})
    assert response.status_code == 200
    codes = [(e["source_code"], e["code"]) for e in response.json()["events"]]
    assert ("IRQCOP", "173") in codes


def test_web_serve_needs_an_existing_store(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[1] / "src")
    result = subprocess.run(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": src},
    )
    assert result.returncode == 2
    assert "no store at" in result.stderr and "tacitus demo" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()
