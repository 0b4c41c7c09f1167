"""The web dashboard and JSON API over a Tacitus store (FastAPI; `tacitus serve`).

>>> from tacitus.web import create_app
>>> app = create_app("tacitus.duckdb")        # doctest: +SKIP
"""

from tacitus.web.app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
