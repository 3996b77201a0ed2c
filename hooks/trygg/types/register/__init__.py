"""The register page: `content/organisation/` (organisationer.yml, personer.yml, begrepp.yml) →
/organisation/ with every abbreviation, organisation by kind, person and term, and its open
data, /api/organizations.json and /api/persons.json.

The register itself — loading, validation and the look-ups every type resolves names with — is
the core's (trygg.core.register, trygg.core.content): every type needs it before it loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from trygg.core.api import OPARL, Collection, Item, Name, Uri, api_id, validated
from trygg.core.content import REGISTER_DIR
from trygg.core.contenttype import Card, ContentType, EditorPlace
from trygg.core.output import Output, SiteInfo
from trygg.core.register import Register, slugify
from trygg.core.rendering import page
from trygg.models.register import ORG_KIND_LABELS, Organisation, OrgKind, Person, Term

if TYPE_CHECKING:
    from trygg.core.loading import LoadContext
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts


def load_register_page(ctx: LoadContext, resolver: Resolver) -> Register:
    """The register the core loaded before every type (its problems are reported there)."""
    return resolver.register


def render_register(register: Register, renderer: Renderer) -> list[Output]:
    if not register.entries():
        return []
    groups = [(renderer.texts[label], [o for o in register.organisations if o.kind == kind])
              for kind, label in ORG_KIND_LABELS.items()]
    body = renderer.template("register.md.j2").render(
        abbreviations=register.abbreviations().items(),
        org_groups=[(label, orgs) for label, orgs in groups if orgs],
        people=sorted(register.people, key=lambda p: p.name.split()[-1]),
        terms=sorted(register.terms, key=lambda t: t.abbreviation.casefold()),
    )
    sources = [f"content/{REGISTER_DIR}/{name}" for name in ("organisationer.yml", "personer.yml", "begrepp.yml")]
    meta = renderer.meta("register", renderer.texts["register.rubrik"], renderer.texts["register.beskrivning"],
                      sources[0], published=None, owner=None, changed_sources=sources)
    return [Output(f"{REGISTER_DIR}/index.md", page(meta, body), sources[0])]


def register_card(register: Register, texts: Texts) -> Card | None:
    if not register.organisations:
        return None
    return Card(texts["register.rubrik"], f"{REGISTER_DIR}/index.md", texts["start.register"])


# --- open data (trygg.core.api) --------------------------------------------------------------

class OrganizationItem(Item):
    """En organisation i registret (OParl Organization)."""

    id: Uri
    type: Literal[OPARL + "Organization"]
    name: Name
    shortName: str | None = Field(description="Förkortningen.")  # noqa: N815 - OParl's names
    classification: OrgKind
    otherName: list[str] = Field(description="Andra namn som används.")  # noqa: N815
    description: str | None
    subOrganizationOf: str | None = Field(description="Namnet på organisationen den hör till.")  # noqa: N815
    web: Uri


class Membership(Item):
    type: Literal[OPARL + "Membership"]
    role: str | None
    organization: Uri | None = Field(description="Organisationens id, om den finns i registret.")
    organizationName: str | None  # noqa: N815


class PersonItem(Item):
    """En person i sin offentliga roll (OParl Person)."""

    id: Uri
    type: Literal[OPARL + "Person"]
    name: Name
    party: str | None
    membership: list[Membership]
    web: Uri


def register_collections(register: Register, site: SiteInfo, extra: Mapping[str, Any] | None = None,
                         last_changed: Mapping[str, dt.date] | None = None) -> list[Collection]:
    return [organizations(register, site), persons(register, site)]


def organizations(register: Register, site: SiteInfo) -> Collection:
    items = validated(OrganizationItem, (_organization(org, site) for org in register.organisations))
    return Collection("organizations", "Organization", sorted(items, key=lambda i: i["id"]), model=OrganizationItem,
                      title="Organisationer (Organization)")


def persons(register: Register, site: SiteInfo) -> Collection:
    names = _organisation_ids(register, site)
    items = validated(PersonItem, (_person(person, site, names) for person in register.people))
    return Collection("persons", "Person", sorted(items, key=lambda i: i["id"]), model=PersonItem,
                      title="Personer i sina offentliga roller (Person)")


def _organization(org: Organisation, site: SiteInfo) -> dict[str, Any]:
    key = slugify(org.abbreviation or org.name)
    return {
        "id": api_id(site, "organizations", key), "type": OPARL + "Organization", "name": org.name,
        "shortName": org.abbreviation, "classification": org.kind, "otherName": list(org.aliases),
        "description": org.description, "subOrganizationOf": org.part_of,
        "web": f"{site.url}{REGISTER_DIR}/#{key}",
    }


def _organisation_ids(register: Register, site: SiteInfo) -> dict[str, str]:
    """Every name, abbreviation and alias of an organisation → its API id."""
    ids: dict[str, str] = {}
    for org in register.organisations:
        key = api_id(site, "organizations", slugify(org.abbreviation or org.name))
        for name in (org.name, org.abbreviation, *org.aliases):
            if name:
                ids.setdefault(name.casefold(), key)
    return ids


def _person(person: Person, site: SiteInfo, organisations: dict[str, str]) -> dict[str, Any]:
    key = slugify(person.name)
    membership = []
    if person.organisation or person.role:
        membership.append({"type": OPARL + "Membership", "role": person.role,
                           "organization": organisations.get((person.organisation or "").casefold()),
                           "organizationName": person.organisation})
    return {"id": api_id(site, "persons", key), "type": OPARL + "Person", "name": person.name,
            "party": person.party, "membership": membership, "web": f"{site.url}{REGISTER_DIR}/#{key}"}


def _register_filters() -> dict[str, Any]:
    return {"org_id": lambda org: slugify(org.abbreviation or org.name), "person_id": lambda p: slugify(p.name),
            "term_id": lambda t: slugify(t.abbreviation)}


# In the editor: one section, one entry per file, each file a list (trygg.editor's formats)
_EDITOR = tuple(EditorPlace("register", "register.rubrik", schema, file=f"{REGISTER_DIR}/{name}.yml", extension="yml",
                            label=f"redigeraren.lista.{name}", listed=True)
                for name, schema in (("organisationer", Organisation), ("personer", Person), ("begrepp", Term)))
REGISTER_TYPE = ContentType(REGISTER_DIR, load_register_page, render_register, rank=30, api=register_collections,
                            card=register_card, globals=_register_filters(), templates=Path(__file__).parent,
                            editor=_EDITOR)
