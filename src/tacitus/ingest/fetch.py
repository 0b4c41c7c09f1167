"""Polite HTTP fetching (httpx): timeouts, a size cap, limited redirects, robots.txt, retries with backoff.

Every failure is a :class:`FetchError` whose message is the reason a reader puts in its ``Reject``
(``HTTP 404``, ``timed out after 3 tries``, ``disallowed by robots.txt``, ``larger than 10 MB``).
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .._version import __version__

PROJECT_URL = "https://pypi.org/project/tacitus/"  # set to the repository URL once public
USER_AGENT = f"Tacitus/{__version__} (+{PROJECT_URL})"
ROBOTS_AGENT = "Tacitus"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL could not be fetched; the message says why (it becomes a Reject's reason)."""


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: timeouts (seconds), size cap (bytes), redirects, retries and backoff, robots.txt."""

    timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra tries after a 5xx answer, a timeout or a failed connection
    backoff: float = 0.5  # seconds before the first retry; doubles each retry
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the final URL (after redirects), its bytes and its Content-Type."""

    url: str
    content: bytes
    content_type: str | None


class Fetcher:
    """Fetches URLs with one httpx client and a robots.txt cache per site; use as a context manager."""

    def __init__(self, policy: FetchPolicy | None = None, client: httpx.Client | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = client or httpx.Client(
            timeout=self.policy.timeout, follow_redirects=False, headers={"User-Agent": self.policy.user_agent}
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """The resource at ``url``, following up to ``max_redirects`` redirects (each checked against robots.txt)."""
        for _ in range(self.policy.max_redirects + 1):
            self._check(url)
            response = self._get_with_retries(url)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}")
            return Fetched(url, response.content, response.headers.get("content-type"))
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL")
        if self.policy.respect_robots and not self.allowed(url):
            raise FetchError("disallowed by robots.txt")

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets Tacitus fetch ``url`` (a robots.txt that cannot be read allows)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        parser = self._robots[site]
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            response = self._client.get(f"{site}/robots.txt")
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError):
            return None
        if response.status_code != 200:
            return None
        parser = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        parser.parse(response.text.splitlines())
        return parser

    def _get_with_retries(self, url: str) -> _Response:
        delay = self.policy.backoff
        tries = self.policy.retries + 1
        for attempt in range(1, tries + 1):
            try:
                response = self._get(url)
            except httpx.TimeoutException:
                problem = f"timed out after {attempt} {'try' if attempt == 1 else 'tries'}"
            except httpx.TransportError as exc:
                problem = f"connection failed ({type(exc).__name__}: {exc or 'no detail'})"
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:  # not worth retrying
                raise FetchError(f"request failed ({type(exc).__name__}: {exc or 'no detail'})") from None
            else:
                if response.status_code < 500:
                    return response
                problem = f"HTTP {response.status_code}"
                if attempt == tries:
                    return response
            if attempt == tries:
                raise FetchError(problem)
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _get(self, url: str) -> _Response:
        with self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(f"larger than the {_megabytes(self.policy.max_bytes)} cap ({declared} bytes)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(f"larger than the {_megabytes(self.policy.max_bytes)} cap")
                chunks.append(chunk)
            return _Response(response.status_code, response.headers, b"".join(chunks))


@dataclass(frozen=True)
class _Response:
    status_code: int
    headers: httpx.Headers
    content: bytes


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB" if size >= 1024 * 1024 else f"{size} bytes"
