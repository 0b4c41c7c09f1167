"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright, against uvicorn on
127.0.0.1. Every page loads without console errors, charts draw, a filter changes the table, pasted text is
coded, and article text that holds HTML is shown as text and never runs."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from webstore import HOSTILE, HOSTILE_DOC, build

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["/", "/timeline", "/dyads", "/network", "/map", "/events", "/code", f"/documents/{HOSTILE_DOC}", "/docs"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, coder) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    from tacitus.web import create_app

    app = create_app(build(tmp_path_factory.mktemp("browser") / "web.duckdb"), coder=coder)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Page:
    """A browser tab that records console errors and uncaught exceptions."""

    def __init__(self, browser, base: str) -> None:  # type: ignore[no-untyped-def]
        self.base = base
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.ready()

    def ready(self) -> None:
        if self.page.query_selector("body[data-page='document']") or self.page.url.endswith("/docs"):
            self.page.wait_for_load_state("networkidle")
            return
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
        assert self.page.get_attribute("body", "data-ready") == "1", self.page.inner_text("#error")

    def count(self, selector: str) -> int:
        return len(self.page.query_selector_all(selector))

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def tab(browser, server: str) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    page = Page(browser, server)
    yield page
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_browser_page_loads_without_console_errors(tab: Page, path: str) -> None:
    tab.open(path)
    assert tab.errors == []
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    if path == "/docs":
        tab.page.wait_for_selector(".opblock", timeout=30_000)  # Swagger UI from the local package drew the API
        assert tab.count(".opblock") >= 10


@pytest.mark.parametrize(
    ("path", "chart", "marks", "minimum"),
    [
        ("/", "#chart-quad", ".trace.bars .point path", 4),
        ("/", "#chart-roots", ".trace.bars .point path", 5),
        ("/timeline?freq=day", "#chart-timeline", ".trace.bars .point path", 8),
        ("/timeline", "#chart-goldstein", ".scatterlayer .point", 3),
        ("/dyads?a=IRQ&b=USA", "#chart-dyad", ".trace.bars .point path", 2),
        ("/network", "#chart-network", ".scatterlayer .trace:last-child .point", 10),
    ],
)
def test_browser_charts_draw_their_data(tab: Page, path: str, chart: str, marks: str, minimum: int) -> None:
    tab.open(path)
    assert tab.count(f"{chart} svg.main-svg") >= 1
    assert tab.count(f"{chart} {marks}") >= minimum
    assert tab.errors == []


def test_browser_chart_hover_shows_values(tab: Page) -> None:
    tab.open("/timeline?freq=month")
    box = tab.page.query_selector("#chart-timeline .trace.bars .point path").bounding_box()
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    shown = ""
    for _ in range(50):  # the unified hover box appears after plotly's hover throttle
        tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + 1)
        shown = tab.page.text_content("#chart-timeline .hoverlayer") or ""
        if shown:
            break
        tab.page.wait_for_timeout(100)
    assert "cooperation" in shown or "conflict" in shown


def test_browser_map_colours_countries(tab: Page) -> None:
    tab.open("/map")
    coloured = tab.page.eval_on_selector_all("#world g.country.has-events", "gs => gs.map(g => g.dataset.iso3)")
    assert sorted(coloured) == ["IRQ", "SYR"]  # two events have places
    assert tab.count("#place-table tbody tr") == 2
    tab.open("/map?basis=actors")
    coloured = tab.page.eval_on_selector_all("#world g.country.has-events", "gs => gs.map(g => g.dataset.iso3)")
    assert {"IRQ", "USA", "SYR", "IRN", "RUS", "ISR", "LBN"} <= set(coloured)
    tab.page.click("#zoom-in")
    assert tab.page.get_attribute("#world", "viewBox") != "0 0 2475 1388"
    assert tab.errors == []


def test_browser_filter_changes_the_event_table(tab: Page) -> None:
    tab.open("/events")
    assert tab.count("#events-table tbody tr.event-row") == 8
    tab.page.fill("#filters input[name=country]", "SYR")
    with tab.page.expect_navigation():
        tab.page.click("#filters button[type=submit]")
    tab.ready()
    assert "country=SYR" in tab.page.url
    assert tab.count("#events-table tbody tr.event-row") == 2
    assert "of 2" in tab.page.inner_text("#events-count")
    assert tab.page.input_value("#filters input[name=country]") == "SYR"
    marks = tab.page.eval_on_selector_all("#events-table mark.source", "ms => ms.map(m => m.textContent)")
    assert "the SYRGOV side" in marks
    tab.page.click("#events-table a.doc-link")
    tab.page.wait_for_selector("body[data-page='document']")
    assert "/documents/d3" in tab.page.url
    assert tab.errors == []


def test_browser_pasted_text_is_coded(tab: Page) -> None:
    tab.open("/code")
    tab.page.fill("#code-text", f"Iraqi security forces arrested a militia commander in Anbar. {HOSTILE}")
    tab.page.fill("#code-date", "2021-05-26")
    tab.page.click("#code-run")
    tab.page.wait_for_selector("#events-table tbody tr.event-row", timeout=60_000)
    rows = tab.page.inner_text("#events-table tbody")
    assert "IRQCOP" in rows and "173" in rows
    assert "event(s)" in tab.page.inner_text("#code-status")
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.errors == []


def test_browser_document_with_script_is_shown_as_text(tab: Page) -> None:
    tab.open(f"/documents/{HOSTILE_DOC}")
    assert HOSTILE in tab.page.inner_text("#doc-title")
    assert HOSTILE in tab.page.inner_text(".sentence-text")
    assert tab.count("main script, main img") == 0
    tab.open("/events?text=israel")
    assert HOSTILE in tab.page.inner_text("#events-table tbody")
    assert tab.count("#events-table script, #events-table img") == 0
    tab.open("/network?level=country")
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.errors == []
