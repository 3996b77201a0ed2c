"""Site facts the theme draws on every page (`config.extra.trygg`): the sender, the logo's text,
the contact box and the interface texts from the identity, and what each content type adds
through its `theme` (the accessibility statement's link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trygg.core.rendering import tel_uri

if TYPE_CHECKING:
    from trygg.core.content import Content


def theme_facts(content: Content) -> dict:
    identity = content.identity
    facts: dict = {"texts": content.texts.resolved()}
    if identity is not None:
        facts["sender"] = identity.publisher.name
        facts["logo_alt"] = identity.logo.alt
        facts["contact"] = identity.contact.model_dump(exclude_none=True)
        if identity.contact.phone:
            facts["contact"]["tel"] = tel_uri(identity.contact.phone)
        facts["publisher_website"] = identity.publisher.website
    for content_type in content.types:
        if content_type.theme is not None:
            facts.update(content_type.theme(content.extra[content_type.key], content))
    return facts
