"""Fetching and web readers against a local server: pages, an RSS feed, redirects, errors, robots.txt."""

from __future__ import annotations

import json

import httpx
import pytest

from samples import ARTICLES, article_page, html_page, rss_feed
from tacitus.ingest import iter_inputs
from tacitus.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy
from tacitus.model import Document, Reject
from webserver import Page, WebServer, redirect

FAST = FetchPolicy(timeout=2.0, retries=2, backoff=0.0)
BROKEN = "/news/missing-story.html"
CARRIED = "/news/carried-in-feed.html"  # this item's full text is in the feed; its page does not exist


def _split(items):
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)]


def _feed_items(web: WebServer) -> list[dict[str, str]]:
    """Ten items: eight linking to pages, one carrying its full text, one whose link is broken."""
    items = []
    for index, (slug, date, headline, paragraphs) in enumerate(ARTICLES):
        item = {"title": headline, "date": date, "description": paragraphs[0][:80] + "...",
                "link": web.url(f"/news/{slug}.html")}
        if index == 3:
            item["link"] = web.url(CARRIED)
            item["content"] = "".join(f"<p>{p}</p>" for p in paragraphs)
        if index == 8:
            item["link"] = web.url(BROKEN)
        items.append(item)
    return items


@pytest.fixture(scope="module")
def web():
    """The local news site: ten article pages, /feed.xml, robots.txt, a redirect, errors."""
    with WebServer() as server:
        for index, (slug, *_rest) in enumerate(ARTICLES):
            if index not in (3, 8):
                server.add(f"/news/{slug}.html", article_page(index))
        server.add("/feed.xml", rss_feed(_feed_items(server)), content_type="application/rss+xml")
        server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        server.add("/private/secret.html", article_page(0))
        server.add("/old-address", redirect("/news/kenya-arrests.html", 301))
        server.add("/loop", redirect("/loop"))
        server.add("/server-error", Page("<h1>Internal error</h1>", status=500))
        yield server


def test_ingest_web_page_main_text_and_metadata(web):
    (doc,) = list(iter_inputs([web.url("/news/kenya-arrests.html")], fetch_policy=FAST))
    assert isinstance(doc, Document), doc
    assert doc.id == doc.url == web.url("/news/kenya-arrests.html")
    assert doc.title == "Kenyan police arrest dozens of protesters in Nairobi"
    assert (doc.date, doc.author, doc.site, doc.language) == ("2024-06-25", "Staff Reporter", "Tacitus Test Wire", "en")
    assert "Kenyan police arrested dozens of protesters outside parliament" in doc.text
    for boilerplate in ("Subscribe", "Most read", "Ten recipes", "Cookie", "Business"):
        assert boilerplate not in doc.text
    assert "\n\n" in doc.text  # paragraphs stay apart, so they never merge into one sentence


def test_ingest_web_feed_items_fetched_carried_and_broken(web):
    docs, rejects = _split(list(iter_inputs([web.url("/feed.xml")], fetch_policy=FAST)))
    assert [(r.item, r.reason) for r in rejects] == [(web.url(BROKEN), "HTTP 404")]
    assert len(docs) == 9
    assert [d.title for d in docs] == [a[2] for i, a in enumerate(ARTICLES) if i != 8]
    assert [d.date for d in docs] == [a[1] for i, a in enumerate(ARTICLES) if i != 8]
    carried = next(d for d in docs if d.url == web.url(CARRIED))
    assert web.hits[CARRIED] == 0  # used from the feed, not fetched
    assert carried.text.startswith("BOGOTA, Aug 3 - The Colombian government signed")
    assert carried.site == "Tacitus Test Wire"  # the feed's title when there is no page
    assert all(d.language == "en" for d in docs)


def test_ingest_web_fetch_sends_user_agent(web):
    list(iter_inputs([web.url("/news/sudan-fighting.html")], fetch_policy=FAST))
    assert USER_AGENT in web.user_agents
    assert USER_AGENT.startswith("Tacitus/")


def test_ingest_web_redirect_is_followed(web):
    (doc,) = list(iter_inputs([web.url("/old-address")], fetch_policy=FAST))
    assert isinstance(doc, Document)
    assert doc.id == web.url("/old-address")
    assert doc.url == web.url("/news/kenya-arrests.html")


def test_ingest_web_redirect_loop_is_a_reject(web):
    (reject,) = list(iter_inputs([web.url("/loop")], fetch_policy=FetchPolicy(max_redirects=3)))
    assert reject == Reject(item=web.url("/loop"), reason="more than 3 redirects")
    assert web.hits["/loop"] == 4


def test_ingest_web_robots_disallow_is_respected(web):
    (reject,) = list(iter_inputs([web.url("/private/secret.html")], fetch_policy=FAST))
    assert reject.reason == "disallowed by robots.txt"
    assert web.hits["/private/secret.html"] == 0


def test_ingest_web_missing_robots_allows_everything():
    with WebServer() as bare:
        url = bare.add("/private/page.html", article_page(1))
        (doc,) = list(iter_inputs([url], fetch_policy=FAST))
        assert isinstance(doc, Document)
        assert bare.hits["/robots.txt"] == 1


def test_ingest_web_server_error_retried_then_reject(web):
    before = web.hits["/server-error"]
    (reject,) = list(iter_inputs([web.url("/server-error")], fetch_policy=FAST))
    assert reject.reason == "HTTP 500"
    assert web.hits["/server-error"] - before == 3  # one try and two retries


def test_ingest_web_server_error_then_success_via_retry():
    with WebServer() as flaky:
        url = flaky.add("/story.html", [Page("busy", status=503), Page("down", status=500), Page(article_page(5))])
        (doc,) = list(iter_inputs([url], fetch_policy=FAST))
        assert isinstance(doc, Document), doc
        assert "Russian forces shelled" in doc.text
        assert flaky.hits["/story.html"] == 3


def test_ingest_web_timeout_is_a_reject():
    with WebServer() as slow:
        url = slow.add("/slow.html", Page(article_page(2), delay=1.0))
        policy = FetchPolicy(timeout=0.2, retries=1, backoff=0.0)
        (reject,) = list(iter_inputs([url], fetch_policy=policy))
        assert reject == Reject(item=url, reason="timed out after 2 tries")


def test_ingest_web_size_cap_declared_length(web):
    policy = FetchPolicy(max_bytes=1000, retries=0)
    (reject,) = list(iter_inputs([web.url("/news/kenya-arrests.html")], fetch_policy=policy))
    assert reject.reason.startswith("larger than the 1000 bytes cap")


def test_fetch_size_cap_streamed_without_length():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 600, b"y" * 600]))  # chunked: no Content-Length

    policy = FetchPolicy(max_bytes=1000, respect_robots=False)
    with Fetcher(policy, client=httpx.Client(transport=httpx.MockTransport(handler))) as fetcher:
        with pytest.raises(FetchError, match="larger than the 1000 bytes cap"):
            fetcher.fetch("http://example.test/big")
        with pytest.raises(FetchError, match="not an http"):
            fetcher.fetch("ftp://example.test/file")


def test_fetch_connection_refused_is_a_reject():
    with WebServer() as gone:
        url = gone.url("/x")
    (reject,) = list(iter_inputs([url], fetch_policy=FetchPolicy(timeout=1.0, retries=1, backoff=0.0)))
    assert reject.item == url
    assert reject.reason.startswith("connection failed")


def test_ingest_web_legacy_charset_declared_in_page():
    page = html_page("Chile's minister resigns", ["SANTIAGO - Chile\u2019s interior minister resigned on Monday "
                     "after protesters in Valpara\u00edso clashed with police for a third night, officials said."],
                     charset="windows-1252")
    with WebServer() as site:
        url = site.add("/cl.html", page.encode("cp1252"), content_type="text/html")
        (doc,) = list(iter_inputs([url], fetch_policy=FAST))
    assert "Chile's interior minister" in doc.text  # decoded as cp1252, curly quote straightened
    assert "Valpara\u00edso" in doc.text


@pytest.mark.model
def test_cli_codes_rss_feed_of_ten_articles(web):
    from typer.testing import CliRunner

    from tacitus.cli import app

    result = CliRunner().invoke(app, ["code", web.url("/feed.xml")])
    assert result.exit_code == 1, result.output  # 1: some inputs were not coded
    events = [json.loads(line) for line in result.stdout.splitlines()]
    coded = {e["doc_id"] for e in events}
    expected = {web.url(f"/news/{a[0]}.html") for i, a in enumerate(ARTICLES) if i not in (3, 8)}
    expected.add(web.url(CARRIED))
    assert coded <= expected
    assert len(coded) >= 8, sorted(expected - coded)
    assert "coded 9 document(s)" in result.stderr
    assert f"{web.url(BROKEN)}: HTTP 404" in result.stderr
    assert "1 input(s) not coded" in result.stderr
    kenya = [e for e in events if e["doc_id"].endswith("kenya-arrests.html")]
    assert ("KENCOP", "173", "2024-06-25") in {(e["source"]["code"], e["code"], e["date"]) for e in kenya}
