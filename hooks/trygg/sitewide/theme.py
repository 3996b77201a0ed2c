"""Site facts the theme draws on every page (`config.extra.trygg`): the sender, the logo's text,
the contact box and the interface texts (the script's too) from the identity, and what each content type adds
through its `theme` (the accessibility statement's link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trygg.core.rendering import json_for_html, tel_uri

if TYPE_CHECKING:
    from trygg.core.content import Content


def theme_facts(content: Content) -> dict:
    identity = content.identity
    # the interface texts, and the script's as JSON for the page's data block (trygg.core.texts.SCRIPT_TEXTS)
    facts: dict = {"texts": content.texts.resolved(), "script_texts": json_for_html(content.texts.for_script())}
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
