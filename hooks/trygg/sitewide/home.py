"""The start page's generated part: each type's part (`ContentType.home`: the next meeting, or the
latest held, clearly as held; the latest news) and a card for every section that has content.

`docs/index.md` holds what a communicator writes (the programme in two sentences, why other
municipalities' material is here); where it says `<!-- trygg:startsida -->` the hooks put the
Markdown made here, from content/ and each content type's `card` (trygg.core.contenttype).
"""

from __future__ import annotations

from collections.abc import Sequence

from typing import TYPE_CHECKING

from trygg.core.rendering import Renderer

if TYPE_CHECKING:
    from trygg.core.content import Content
    from trygg.core.contenttype import Card
    from trygg.core.output import SiteInfo

MARKER = "<!-- trygg:startsida -->"


def render_home(content: Content, site: SiteInfo, nav_order: Sequence[str] = ()) -> str:
    """The Markdown that replaces MARKER on the start page (`nav_order`: see section_cards)."""
    renderer = Renderer(content, site, {})
    parts = "".join(t.home(content.extra[t.key], renderer) for t in content.types if t.home is not None)
    return renderer.template("home.md.j2").render(parts=parts, cards=section_cards(content, nav_order))


def section_cards(content: Content, nav_order: Sequence[str] = ()) -> list[Card]:
    """A card per section with content, none for an empty section: in the order of the site's menu
    where it names the section's page (`nav_order`: mkdocs.yml's nav, trygg.sitewide.menu
    .nav_pages), so a site reorders its menu and its start page together; the others after them,
    in the registry's order."""
    cards = (t.card(content.extra[t.key], content.texts) for t in content.types if t.card is not None)
    position = {page: index for index, page in enumerate(nav_order)}
    return sorted((card for card in cards if card is not None), key=lambda card: position.get(card.page, len(position)))
