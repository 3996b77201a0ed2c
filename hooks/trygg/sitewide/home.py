"""The start page's generated part: the next meeting (or the latest, clearly as held), the latest
news and a card for every section that has content.

`docs/index.md` holds what a communicator writes (the programme in two sentences, why other
municipalities' material is here); where it says `<!-- trygg:startsida -->` the hooks put the
Markdown made here, from content/ and each content type's `card` (trygg.core.contenttype).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trygg.core.content import ARTICLES_DIR, EVENTS_DIR, REGISTER_DIR
from trygg.core.rendering import PAST, UPCOMING, Renderer, event_groups
from trygg.core.contenttype import Card

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trygg.core.content import Content
    from trygg.core.rendering import SiteInfo
    from trygg.core.contenttype import ContentType

MARKER = "<!-- trygg:startsida -->"
LATEST_NEWS = 3


def render_home(content: Content, site: SiteInfo, types: Sequence[ContentType]) -> str:
    """The Markdown that replaces MARKER on the start page."""
    groups = dict(event_groups(content.events, site.today))
    upcoming, held = groups[UPCOMING], groups[PAST]
    news = sorted(content.articles, key=lambda a: (a.article.published, a.slug), reverse=True)[:LATEST_NEWS]
    renderer = Renderer(content, site, {})
    return renderer.template("home.md.j2").render(
        next_meeting=upcoming[0] if upcoming else None, latest_meeting=held[0] if held else None,
        news=news, cards=section_cards(content, types))


def section_cards(content: Content, types: Sequence[ContentType]) -> list[Card]:
    """A card per section with content, in the menu's order; none for an empty section."""
    texts = content.texts
    built_in = {
        "events": Card(texts["möten.rubrik"], f"{EVENTS_DIR}/index.md", texts["start.möten"])
        if content.events else None,
        "articles": Card(texts["nyheter.rubrik"], f"{ARTICLES_DIR}/index.md", texts["start.nyheter"])
        if content.articles else None,
        "register": Card(texts["register.rubrik"], f"{REGISTER_DIR}/index.md", texts["start.register"])
        if content.register.organisations else None,
    }
    typed = {t.key: t.card(content.extra[t.key], texts) for t in types if t.card is not None}
    order = ["events", "articles", "register", "diagram", "beslut", "malomraden", "nyckeltal", "handbocker"]
    cards = {**built_in, **typed}
    return [card for key in [*order, *(k for k in cards if k not in order)] if (card := cards.get(key))]
