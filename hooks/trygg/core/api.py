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
        "organization": [_reference(e, site) for e in loaded.organisers],
        "agendaItem": [_agenda_item(loaded, index, item, web, site) for index, item in enumerate(event.agenda)],
        "calendar": f"{web}kalender.ics" if event.is_dated else None,
        "notes": f"{web}#programpunkter" if loaded.notes else None,
        "auxiliaryFile": [_file(key, f, web, f.dated(last_changed, event.published)) for f in loaded.files_of(None)],
    }
    for item, index in zip(data["agendaItem"], range(len(event.agenda))):
        item["auxiliaryFile"] = [_file(key, f, web, f.dated(last_changed, event.published))
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


def _file(key: str, attachment: Any, web: str, date: dt.date) -> dict[str, Any]:
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
        "presenter": [_reference(e, site) for e in loaded.presenters[index]],
        "public": True,
    }


def _reference(entry: Entry, site: SiteInfo) -> dict[str, str]:
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


# --- other content types (each registered through its ContentType.api) --------------------------

def decisions_collection(decisions: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None) -> Collection:
    """Decision documents as OParl Paper: reference number, date, status, proposals, people."""
    items = [_paper(loaded, site) for loaded in decisions]
    return Collection("papers", "Paper", sorted(items, key=lambda i: i["id"]))


def _paper(loaded: Any, site: SiteInfo) -> dict[str, Any]:
    decision = loaded.decision
    refs = lambda entries: [_reference(e, site) for e in entries if e is not None]  # noqa: E731
    return {
        "id": api_id(site, "papers", loaded.slug), "type": OPARL + "Paper", "name": decision.title,
        "reference": decision.reference, "date": decision.date.isoformat(), "paperType": decision.kind,
        "status": decision.status, "description": decision.summary, "web": site.url + loaded.url.lstrip("/"),
        "proposals": list(decision.proposals),
        "underDirectionOf": refs([loaded.department]), "originator": refs([loaded.responsible]),
        "officer": refs([loaded.officer]), "signatory": refs(loaded.signatories),
        "endorsedBy": refs([loaded.endorsed_by]),
        "endorsed": decision.endorsed.date.isoformat() if decision.endorsed else None,
        "auxiliaryFile": [_file(api_id(site, "papers", loaded.slug), f, site.url + loaded.url.lstrip("/"),
                                f.dated({}, decision.date)) for f in loaded.attachments],
    }


def handbooks_collection(handbooks: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None) -> Collection:
    """Handbooks with their published chapters, owners, review dates and the PDF (an OParl File)."""
    items = [_handbook(loaded, site) for loaded in handbooks]
    return Collection("handbooks", "Handbook", sorted(items, key=lambda i: i["id"]), oparl=False)


def _handbook(loaded: Any, site: SiteInfo) -> dict[str, Any]:
    handbook = loaded.handbook
    key = api_id(site, "handbooks", loaded.slug)
    web = site.url + loaded.url.lstrip("/")
    return {
        "id": key, "type": own_type(site, "handbooks", "Handbook"), "name": handbook.title,
        "description": handbook.summary, "web": web, "wholeWeb": site.url + loaded.whole_url.lstrip("/"),
        "owner": [_reference(e, site) for e in loaded.owners],
        "commissionedBy": _reference(loaded.commissioned_by, site) if loaded.commissioned_by else None,
        "published": handbook.published.isoformat(), "lastReviewed": handbook.last_reviewed.isoformat(),
        "reviewBy": handbook.review_by.isoformat(),
        "chapter": [{"id": f"{key}/{c.slug}", "type": own_type(site, "handbooks", "Chapter"), "number": c.number, "name": c.chapter.title,
                     "description": c.chapter.summary, "web": f"{web}{c.slug}/"} for c in loaded.chapters],
        "file": {"type": OPARL + "File", "name": f"{handbook.title} (PDF)", "fileName": loaded.pdf_name,
                 "mimeType": "application/pdf", "accessUrl": f"{web}{loaded.pdf_name}"},
    }


def goals_collection(goals: Any, site: SiteInfo, extra: Mapping[str, Any] | None = None) -> Collection:
    """The goal programme: each goal area with its goals, current state and effect chain.
    A cell missing or unreadable in the source is null, never a guess."""
    programme = None
    if goals.programme is not None:
        programme = {"name": goals.programme.programme.title, "web": site.url + goals.url.lstrip("/")}
    items = [_goal_area(loaded, programme, site) for loaded in goals.areas]
    return Collection("goalareas", "GoalArea", sorted(items, key=lambda i: i["id"]), oparl=False)


def _goal_area(loaded: Any, programme: dict[str, str] | None, site: SiteInfo) -> dict[str, Any]:
    area = loaded.area
    chain = area.chain
    return {
        "id": api_id(site, "goalareas", loaded.slug), "type": own_type(site, "goalareas", "GoalArea"),
        "name": area.title, "fullName": area.full_title, "order": area.order, "description": area.summary,
        "message": area.message, "web": site.url + loaded.url.lstrip("/"), "programme": programme,
        "responsible": [_reference(e, site) for e in loaded.responsible],
        "unreadableResponsible": area.unreadable_responsible,
        "goals": _section(area.goals), "currentState": _section(area.current_state),
        "section": [_section(s) for s in area.sections],
        "effectChain": None if chain is None else {
            "name": chain.title, "note": chain.note,
            "group": [_chain_group(loaded, g, group, site) for g, group in enumerate(chain.groups)]},
        "related": [{"name": r.title, "web": f"{site.url}{r.page.strip('/')}/"} for r in area.related],
        "published": area.published.isoformat(),
    }


def _section(section: Any) -> dict[str, Any] | None:
    if section is None:
        return None
    return {"name": section.title, "lead": section.lead, "closing": section.closing,
            "point": [{"text": p.text, "subpoint": list(p.subpoints)} for p in section.points]}


def _chain_group(loaded: Any, g: int, group: Any, site: SiteInfo) -> dict[str, Any]:
    return {
        "longTermEffect": [{"text": e.text, "readablePart": e.readable_part} for e in group.effects],
        "link": group.link,
        "row": [{"shortTermEffect": row.short_term, "output": row.output, "activity": row.activity,
                 "responsible": _row_responsible(loaded.row_responsible[(g, r)], site),
                 "time": row.time, "resources": row.resources, "note": row.note}
                for r, row in enumerate(group.rows)],
    }


def _row_responsible(responsible: Sequence[Any] | None, site: SiteInfo) -> list[dict[str, Any]] | None:
    """A row's 'ansvar': register entries as references, free text (a collective term) with id null."""
    if responsible is None:
        return None
    return [_reference(r.entry, site) if r.entry is not None else {"id": None, "name": r.text}
            for r in responsible]


def keyfigures_collection(pages: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None) -> Collection:
    """Every key figure of every published page of figures: its values exactly as the source
    writes them (with the plain number where the text is one), their years and period, unit,
    source, and the goal areas whose page lists the figures' page under 'relaterat'.

    A figure is identified by its page and its position there (`…#gardstensmodellen/3`); its `web`
    is the anchor of its card (`#nyckeltal-3`), which figures with the same heading share."""
    areas = _goal_areas_relating_to(extra or {}, site)
    items = [_key_figure(loaded, number, figure, areas.get(_content_path(loaded.source), []), site)
             for loaded in pages for number, figure in enumerate(loaded.page.figures, start=1)]
    return Collection("keyfigures", "KeyFigure", sorted(items, key=lambda i: i["id"]), oparl=False)


def _key_figure(loaded: Any, number: int, figure: Any, areas: list[dict[str, Any]], site: SiteInfo) -> dict[str, Any]:
    from trygg.types.keyfigures import cards  # keyfigures imports this module for its own collection

    figures = loaded.page
    web = site.url + loaded.url.lstrip("/")
    card = next(n for n, c in enumerate(cards(figures.figures), start=1) if figure in c.figures)
    if figure.is_change:
        series = [_value("start", figure.start, figure.start_year), _value("end", figure.end, figure.end_year)]
    else:
        series = [_value("value", figure.value, None)]
    return {
        "id": api_id(site, "keyfigures", f"{loaded.slug}/{number}"),
        "type": own_type(site, "keyfigures", "KeyFigure"), "number": number, "name": figure.heading,
        "measure": figure.what, "unit": figure.unit, "source": figure.source or figures.source,
        "period": figure.period, "series": series, "description": figure.description, "note": figure.note,
        "web": f"{web}#nyckeltal-{card}", "page": {"name": figures.title, "web": web},
        "goalArea": areas, "published": figures.published.isoformat(),
    }


def _value(position: str, text: str | None, year: int | None) -> dict[str, Any]:
    """One value as the source writes it; `number` only where the text is a plain number
    ('ca 9 500' → 9500 with approximate true, 'åtta' → 8), else null."""
    from trygg.types.keyfigures import parse_number  # keyfigures imports this module for its own collection

    number = parse_number(text)
    return {"position": position, "text": text, "year": year,
            "number": int(number) if number is not None and number.is_integer() else number,
            "approximate": text is not None and text.strip().casefold().startswith("ca ")}


def _goal_areas_relating_to(extra: Mapping[str, Any], site: SiteInfo) -> dict[str, list[dict[str, Any]]]:
    """'nyckeltal/gardstensmodellen' → the goal areas listing that page under 'relaterat'."""
    from trygg.types.goals import GOALS_TYPE  # goals imports this module for its own collection

    goals = extra.get(GOALS_TYPE.key)
    related: dict[str, list[dict[str, Any]]] = {}
    for area in goals.areas if goals is not None else ():
        reference = {"id": api_id(site, "goalareas", area.slug), "name": area.area.title,
                     "web": site.url + area.url.lstrip("/")}
        for target in {r.page.strip("/") for r in area.area.related}:
            related.setdefault(target, []).append(reference)
    return {target: sorted(refs, key=lambda r: r["id"]) for target, refs in related.items()}


def _content_path(source: str) -> str:
    """'content/nyckeltal/gardstensmodellen.yml' → 'nyckeltal/gardstensmodellen' (as 'relaterat' names it)."""
    return source.removeprefix("content/").rsplit(".", 1)[0]
