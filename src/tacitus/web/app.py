"""The FastAPI application: a read-only store, the JSON API, the pages, and the security middleware.

Browsing never writes: the store is opened read-only and every request reads through its own cursor, so
concurrent requests are safe. Coding pasted text returns events without storing them.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus._version import __version__
from tacitus.errors import StoreError, TacitusError
from tacitus.store import open_store
from tacitus.web import assets

DEFAULT_MAX_BODY = 1_000_000  # bytes: about 150,000 words of pasted text
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI starts itself with an inline script; that page shows no article text.
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class CoderHolder:
    """Builds the Coder on first use, once, and serialises coding (a spaCy pipeline is not thread-safe)."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._coder: Any = None
        self.lock = threading.Lock()

    def get(self) -> Any:
        """The Coder, built on the first call (call with :attr:`lock` held)."""
        if self._coder is None:
            self._coder = self._factory()
        return self._coder


def _default_coder() -> Any:
    from tacitus.coder import Coder

    return Coder()


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether announced by Content-Length or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, receive, send, int(length))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await self._refuse(scope, receive, send, size)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        detail = (
            f"the request body is {size:,} bytes or more; the limit is {self.limit:,} bytes. "
            "Send a shorter text, or code large files with `tacitus code FILE --db STORE`"
        )
        await JSONResponse({"detail": detail}, status_code=413)(scope, receive, send)


class SecurityHeaders:
    """Content-Security-Policy (no inline or foreign scripts), nosniff, no framing, no referrer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope["path"] == "/docs" else _CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db_path: str | Path,
    *,
    coder: Any = None,
    coder_factory: Callable[[], Any] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The dashboard and API over the store at ``db_path`` (opened read-only).

    ``coder`` (or ``coder_factory``, called on the first POST /api/code) codes pasted text; by default a
    :class:`tacitus.Coder` with the default Config, built on first use.
    """
    store = open_store(db_path, read_only=True)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="Tacitus",
        version=__version__,
        description="Political events coded from news text: who did what to whom, when, where, "
        "and how the text says it (asserted, negated, hypothetical).",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.max_body = max_body
    app.state.coder = CoderHolder((lambda: coder) if coder is not None else (coder_factory or _default_coder))
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(TacitusError)
    async def tacitus_error(_: Request, exc: TacitusError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400 if isinstance(exc, StoreError) else 422)

    app.mount("/static", StaticFiles(directory=assets.STATIC), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(assets.plotly_js(), media_type="text/javascript", headers=_CACHE)

    @app.get("/vendor/world.svg", include_in_schema=False)
    def world_svg() -> Response:
        return Response(assets.world_svg(), media_type="image/svg+xml", headers=_CACHE)

    @app.get("/vendor/swagger/{name}", include_in_schema=False)
    def swagger_file(name: str) -> FileResponse:
        if name not in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"):
            return JSONResponse({"detail": "not found"}, status_code=404)  # type: ignore[return-value]
        return FileResponse(assets.swagger_dir() / name, headers=_CACHE)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Tacitus API",
            swagger_js_url="/vendor/swagger/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger/favicon.png",
        )

    from tacitus.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


_CACHE = {"cache-control": "public, max-age=3600"}
