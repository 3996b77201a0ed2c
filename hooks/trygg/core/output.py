"""What rendering produces: one generated file (`Output`), and the site facts every renderer reads (`SiteInfo`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One generated file: its path in the site's source tree, its content, the file it came from."""

    uri: str
    content: str | bytes
    source: str | None = None
    # further Markdown the page is written from (a meeting's notes): pictures and files they link
    # to beside them are the page's too (trygg.sitewide.bundles)
    more_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteInfo:
    name: str  # the programme's name (content/webbplats.yml)
    url: str  # absolute, ending in '/'
    today: dt.date
    publisher: str  # the publishing organisation's name (content/webbplats.yml)
