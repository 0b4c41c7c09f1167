"""A local web server for tests (127.0.0.1, a free port, one thread per request); no network needed.

    with WebServer() as web:
        web.add("/a.html", "<html>...</html>")
        web.add("/flaky", [Page("down", status=500), Page("<html>...</html>")])  # successive answers
        web.url("/a.html")  # -> "http://127.0.0.1:PORT/a.html"

Unknown paths answer 404; ``web.hits[path]`` counts requests per path, ``web.user_agents`` lists the
User-Agent of every request.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    """One answer: body, status, Content-Type, extra headers, and a delay before answering (seconds)."""

    body: str | bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


def redirect(location: str, status: int = 302) -> Page:
    """A redirect answer to ``location`` (a path or URL)."""
    return Page(b"", status=status, headers={"Location": location})


class WebServer:
    """Serves registered pages on 127.0.0.1 at a free port; a context manager that stops itself."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Page]] = {}
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client that gave up is not an error
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, page: str | bytes | Page | list[Page], **options: object) -> str:
        """Serve ``page`` (or successive pages, the last repeated) at ``path``; returns its URL."""
        if isinstance(page, (str, bytes)):
            page = Page(page, **options)  # type: ignore[arg-type]
        self.routes[path] = list(page) if isinstance(page, list) else [page]
        return self.url(path)

    def answer(self, path: str, user_agent: str = "") -> Page:
        with self._lock:
            self.hits[path] += 1
            self.user_agents.append(user_agent)
            pages = self.routes.get(path)
            if not pages:
                return Page("not found", status=404, content_type="text/plain")
            return pages.pop(0) if len(pages) > 1 else pages[0]

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler(web: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
            page = web.answer(self.path.split("?", 1)[0], self.headers.get("User-Agent", ""))
            if page.delay:
                time.sleep(page.delay)
            body = page.payload()
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the request log
            pass

    return Handler
