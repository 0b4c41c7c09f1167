"""Assets that come from installed pip packages, never from the network: plotly.js, the world map, Swagger UI."""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import pycountry

from tacitus.errors import TacitusError

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
# Codes the dictionaries use that ISO 3166 lacks (the map does not draw them; the country table lists them).
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}
_COUNTRY_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">')


def _package_file(package: str, name: str, hint: str) -> Path:
    """A data file shipped inside an installed package, or an error saying which package to install."""
    try:
        path = Path(str(resources.files(package).joinpath(name)))
    except ModuleNotFoundError:
        raise TacitusError(f"the dashboard needs the {hint} package: pip install {hint}") from None
    if not path.is_file():
        raise TacitusError(f"{name} is missing from the installed {hint} package; reinstall it")
    return path


@functools.cache
def plotly_js() -> Path:
    """plotly.min.js as bundled in the plotly Python package."""
    return _package_file("plotly", "package_data/plotly.min.js", "plotly")


@functools.cache
def swagger_dir() -> Path:
    """The folder of Swagger UI's script and style in the fastapi-offline package."""
    return _package_file("fastapi_offline", "static/swagger-ui-bundle.js", "fastapi-offline").parent


@functools.cache
def world_svg() -> str:
    """The world map of pygal-maps-world: one ``<g class="xx country">`` per ISO alpha-2 code.

    Each group gets ``data-iso3`` (the store's country codes) so the page can colour it.
    """
    text = _package_file("pygal_maps_world", "worldmap.svg", "pygal-maps-world").read_text(encoding="utf-8")
    return _COUNTRY_GROUP.sub(_tag_country, text)


def _tag_country(match: re.Match[str]) -> str:
    alpha2 = match.group(1)
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    iso3 = country.alpha_3 if country else alpha2.upper()
    name = (getattr(country, "common_name", None) or country.name) if country else iso3
    return f'<g class="{alpha2} country map-element" data-iso3="{iso3}" data-name="{_attr(name)}">'


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@functools.cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> English short name."""
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    return names | _EXTRA_COUNTRIES
