"""Open data under /api/: the site's content as JSON in an OParl-like vocabulary.

- `api/index.json` (System) lists every collection with its file and JSON Schema;
- `api/meetings.json` (Meeting with AgendaItem, each linking to its notes on the web page);
- `api/organizations.json` (Organization) and `api/persons.json` (Person in public roles);
- every other content type that gives its `ContentType` an `api` function adds its collection:
  `papers.json` (decisions as Paper), `handbooks.json` (handbooks with their chapters and PDF),
  `goalareas.json` (the goal programme: goal areas, goals, effect chains) and
  `keyfigures.json` (each key figure with its values, periods, source and goal areas).

OParl has no type for a handbook, a goal area or a key figure. Those items are typed by their own schema
instead, `<site>/api/schema/<name>.json#<Type>` (a `$anchor` in the schema), and keep OParl's
habits: `id`, `type`, `name`, `web`, references as `{id, name}`, dates as ISO 8601.

The schemas are hand-written files in docs/api/schema/ (published as /api/schema/); the tests
validate every collection against them. Keys are sorted and items ordered by id, so the files
are byte-identical across builds of one commit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from trygg.core.content import REGISTER_DIR, Content, LoadedEvent
from trygg.models.register import Organisation, Person
from trygg.core.register import Entry, slugify
from trygg.core.rendering import STOCKHOLM, Output, SiteInfo
from trygg.core.sv import anchor_time

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trygg.models.event import AgendaItem
    from trygg.core.contenttype import ContentType

API_DIR = "api"
OPARL = "https://schema.oparl.org/1.1/"


@dataclass(frozen=True)
class Collection:
    """One collection of the API: its file name under api/, its OParl type, and its items."""

    name: str  # e.g. "meetings" → api/meetings.json, schema api/schema/meetings.json
    type: str  # e.g. "Meeting"
    items: list[dict[str, Any]]
    oparl: bool = True  # False: a type of our own, named by its schema (see `type_uri`)

    def type_uri(self, site: SiteInfo, suffix: str = "") -> str:
        """'https://schema.oparl.org/1.1/Meeting' or '<site>/api/schema/handbooks.json#Handbook'."""
        return f"{OPARL}{self.type}{suffix}" if self.oparl else own_type(site, self.name, self.type + suffix)


def own_type(site: SiteInfo, collection: str, name: str) -> str:
    """The type of an item OParl has no word for: the `$anchor` in its collection's schema."""
    return f"{site.url}{API_DIR}/schema/{collection}.json#{name}"


def render_api(content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
               types: Sequence[ContentType] = ()) -> list[Output]:
    """api/index.json and one file per collection."""
    collections = [meetings(content, site, last_changed), organizations(content, site), persons(content, site)]
    for content_type in types:
        if content_type.api is not None:
            collections.append(content_type.api(content.extra[content_type.key], site, content.extra))
    collections = [c for c in collections if c.items]  # a type with no content has no collection
    outputs = [Output(f"{API_DIR}/{c.name}.json", to_json(_collection_document(c, site))) for c in collections]
    outputs.append(Output(f"{API_DIR}/index.json", to_json(_system(collections, site))))
    return outputs


def to_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, one trailing newline.

    Compact: Python's C encoder does not indent, and the indenting one took a third of the
    preview's rendering at 1,000 pages. Browsers show JSON indented anyway.
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def api_id(site: SiteInfo, collection: str, key: str) -> str:
    return f"{site.url}{API_DIR}/{collection}.json#{key}"


# --- collections ---------------------------------------------------------------------------------

def meetings(content: Content, site: SiteInfo, last_changed: dict[str, dt.date]) -> Collection:
    items = [_meeting(loaded, site, last_changed) for loaded in sorted(content.events, key=lambda e: e.slug)]
    return Collection("meetings", "Meeting", items)


def organizations(content: Content, site: SiteInfo) -> Collection:
    items = [_organization(org, site) for org in content.register.organisations]
    return Collection("organizations", "Organization", sorted(items, key=lambda i: i["id"]))


def persons(content: Content, site: SiteInfo) -> Collection:
    names = _organisation_ids(content, site)
    items = [_person(person, site, names) for person in content.register.people]
    return Collection("persons", "Person", sorted(items, key=lambda i: i["id"]))


def _meeting(loaded: LoadedEvent, site: SiteInfo, last_changed: dict[str, dt.date]) -> dict[str, Any]:
    event = loaded.event
    web = site.url + loaded.url.lstrip("/")
    changed = [last_changed[s] for s in (loaded.source, loaded.notes_source) if s in last_changed]
    modified = max([d for d in (event.updated, *changed) if d], default=event.published)
    key = api_id(site, "meetings", loaded.slug)
    data: dict[str, Any] = {
        "id": key, "type": OPARL + "Meeting", "name": event.title,
        "meetingType": event.kind, "description": event.summary, "web": web,
        "location": {"type": OPARL + "Location", "description": event.place},
        "start": _moment(event, event.time.start), "end": _moment(event, event.time.end),
        "dateFixed": event.is_dated, "created": event.published.isoformat(),
        "modified": max(modified, event.published).isoformat(),
        "organization": [reference(e, site) for e in loaded.organisers],
        "agendaItem": [_agenda_item(loaded, index, item, web, site) for index, item in enumerate(event.agenda)],
        "calendar": f"{web}kalender.ics" if event.is_dated else None,
        "notes": f"{web}#programpunkter" if loaded.notes else None,
        "auxiliaryFile": [file_item(key, f, web, f.dated(last_changed, event.published)) for f in loaded.files_of(None)],
    }
    for item, index in zip(data["agendaItem"], range(len(event.agenda))):
        item["auxiliaryFile"] = [file_item(key, f, web, f.dated(last_changed, event.published))
                                 for f in loaded.files_of(index)]
    return data


# The files' MIME types, by the type residents see (trygg.core.attachments.FILE_TYPES).
_MIME = {"PDF": "application/pdf", "Word": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "PowerPoint": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "Excel": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "OpenDocument-text": "application/vnd.oasis.opendocument.text",
         "OpenDocument-presentation": "application/vnd.oasis.opendocument.presentation",
         "OpenDocument-kalkyl": "application/vnd.oasis.opendocument.spreadsheet", "CSV": "text/csv",
         "Text": "text/plain"}
_OLD_OFFICE = {".doc": "application/msword", ".ppt": "application/vnd.ms-powerpoint", ".xls": "application/vnd.ms-excel"}


def file_item(key: str, attachment: Any, web: str, date: dt.date) -> dict[str, Any]:
    """A file beside a page (`web`) whose own id is `key`, as an OParl File with its address."""
    suffix = "." + attachment.file.rsplit(".", 1)[-1].lower()
    return {
        "id": f"{key}/filer/{attachment.file}", "type": OPARL + "File",
        "name": attachment.name, "fileName": attachment.file, "fileType": attachment.kind,
        "mimeType": _OLD_OFFICE.get(suffix, _MIME[attachment.kind]), "size": attachment.size,
        "date": date.isoformat(), "accessUrl": web + attachment.file,
    }


def _agenda_item(loaded: LoadedEvent, index: int, item: AgendaItem, web: str, site: SiteInfo) -> dict[str, Any]:
    event = loaded.event
    notes = loaded.notes_for(index)
    return {
        "id": f"{api_id(site, 'meetings', loaded.slug)}/{anchor_time(item.time.start)}",
        "type": OPARL + "AgendaItem", "number": str(index + 1), "name": item.title, "itemType": item.kind,
        "start": _moment(event, item.time.start), "end": _moment(event, item.time.end),
        "time": str(item.time), "web": f"{web}#punkt-{anchor_time(item.time.start)}",
        "notes": f"{web}#anteckningar-{anchor_time(item.time.start)}" if notes else None,
        "presenter": [reference(e, site) for e in loaded.presenters[index]],
        "public": True,
    }


def reference(entry: Entry, site: SiteInfo) -> dict[str, str]:
    """A register entry named in content, as the id of its Organization or Person."""
    collection = "persons" if entry.kind == "person" else "organizations"
    return {"id": api_id(site, collection, entry.id), "name": entry.name}


def _moment(event: Any, clock: dt.time) -> str | None:
    """ISO 8601 with Stockholm's offset, or None while the date is not fixed."""
    return dt.datetime.combine(event.date, clock, STOCKHOLM).isoformat() if event.is_dated else None


def _organization(org: Organisation, site: SiteInfo) -> dict[str, Any]:
    key = slugify(org.abbreviation or org.name)
    return {
        "id": api_id(site, "organizations", key), "type": OPARL + "Organization", "name": org.name,
        "shortName": org.abbreviation, "classification": org.kind, "otherName": list(org.aliases),
        "description": org.description, "subOrganizationOf": org.part_of,
        "web": f"{site.url}{REGISTER_DIR}/#{key}",
    }


def _organisation_ids(content: Content, site: SiteInfo) -> dict[str, str]:
    """Every name, abbreviation and alias of an organisation → its API id."""
    ids: dict[str, str] = {}
    for org in content.register.organisations:
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


# --- documents -----------------------------------------------------------------------------------

def _collection_document(collection: Collection, site: SiteInfo) -> dict[str, Any]:
    return {"type": collection.type_uri(site, "List"), "schema": _schema_url(collection, site),
            "data": collection.items, "count": len(collection.items)}


def _system(collections: list[Collection], site: SiteInfo) -> dict[str, Any]:
    return {
        "id": f"{site.url}{API_DIR}/index.json", "type": OPARL + "System", "name": site.name,
        "website": site.url, "contactName": site.publisher, "oparlVersion": OPARL,
        "collections": {c.name: {"type": c.type_uri(site), "url": f"{site.url}{API_DIR}/{c.name}.json",
                                 "schema": _schema_url(c, site), "count": len(c.items)} for c in collections},
    }


def _schema_url(collection: Collection, site: SiteInfo) -> str:
    return f"{site.url}{API_DIR}/schema/{collection.name}.json"
