"""The start page's generated part: each type's part (`ContentType.home`: the next meeting, or the
latest held, clearly as held; the latest news) and a card for every section that has content.

`docs/index.md` holds what a communicator writes (the programme in two sentences, why other
municipalities' material is here); where it says `<!-- trygg:startsida -->` the hooks put the
Markdown made here, from content/ and each content type's `card` (trygg.core.contenttype).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trygg.core.rendering import Renderer

if TYPE_CHECKING:
    from trygg.core.content import Content
    from trygg.core.contenttype import Card
    from trygg.core.output import SiteInfo

MARKER = "<!-- trygg:startsida -->"


def render_home(content: Content, site: SiteInfo) -> str:
    """The Markdown that replaces MARKER on the start page."""
    renderer = Renderer(content, site, {})
    parts = "".join(t.home(content.extra[t.key], renderer) for t in content.types if t.home is not None)
    return renderer.template("home.md.j2").render(parts=parts, cards=section_cards(content))


def section_cards(content: Content) -> list[Card]:
    """A card per section with content, in the registry's order; none for an empty section."""
    cards = (t.card(content.extra[t.key], content.texts) for t in content.types if t.card is not None)
    return [card for card in cards if card is not None]
