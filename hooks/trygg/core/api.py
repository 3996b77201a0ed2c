"""The open-data framework: every content type's collection (`ContentType.api`) as JSON under /api/,
in an OParl-like vocabulary.

- `api/index.json` (System) lists every collection with its file and JSON Schema;
- each type's collection: `meetings.json` (Meeting with AgendaItem, trygg.types.events),
  `news.json`, `organizations.json` and `persons.json` (the register), `papers.json`
  (decisions as Paper), `handbooks.json`, `goalareas.json`, `keyfigures.json`.

OParl has no type for a news item, a handbook, a goal area or a key figure. Those items are typed by their own
schema instead, `<site>/api/schema/<name>.json#<Type>` (a `$anchor` in the schema), and keep OParl's
habits: `id`, `type`, `name`, `web`, references as `{id, name}` (`reference`), files as OParl File
(`file_item`), dates as ISO 8601.

The schemas are files in docs/api/schema/ (published as /api/schema/); the tests validate every
collection against them. Keys are sorted and items ordered by id, so the files are
byte-identical across builds of one commit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from trygg.core.output import Output, SiteInfo
from trygg.core.register import Entry

if TYPE_CHECKING:
    from trygg.core.content import Content

API_DIR = "api"
OPARL = "https://schema.oparl.org/1.1/"


@dataclass(frozen=True)
class Collection:
    """One collection of the API: its file name under api/, its OParl type, and its items."""

    name: str  # e.g. "meetings" → api/meetings.json, schema api/schema/meetings.json
    type: str  # e.g. "Meeting"
    items: list[dict[str, Any]]
    oparl: bool = True  # False: a type of our own, named by its schema (see `type_uri`)
    # The pydantic model of one item: its JSON Schema is generated into api/schema/<name>.json.
    # Without one, the schema is a hand-written file in docs/api/schema/.
    model: type[BaseModel] | None = None
    title: str = ""  # the generated schema's title, in Swedish

    def type_uri(self, site: SiteInfo, suffix: str = "") -> str:
        """'https://schema.oparl.org/1.1/Meeting' or '<site>/api/schema/handbooks.json#Handbook'."""
        return f"{OPARL}{self.type}{suffix}" if self.oparl else own_type(site, self.name, self.type + suffix)


def own_type(site: SiteInfo, collection: str, name: str) -> str:
    """The type of an item OParl has no word for: the `$anchor` in its collection's schema."""
    return f"{site.url}{API_DIR}/schema/{collection}.json#{name}"


def render_api(content: Content, site: SiteInfo, last_changed: dict[str, dt.date]) -> list[Output]:
    """api/index.json and one file per collection."""
    collections: list[Collection] = []
    for content_type in content.types:
        if content_type.api is not None:
            found = content_type.api(content.extra[content_type.key], site, content.extra, last_changed)
            collections += found if isinstance(found, list) else [found]
    collections = [c for c in collections if c.items]  # a type with no content has no collection
    outputs = [Output(f"{API_DIR}/{c.name}.json", to_json(_collection_document(c, site))) for c in collections]
    outputs += [Output(f"{API_DIR}/schema/{c.name}.json", to_json(schema_document(c)))
                for c in collections if c.model is not None]
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


def reference(entry: Entry, site: SiteInfo) -> dict[str, str]:
    """A register entry named in content, as the id of its Organization or Person."""
    collection = "persons" if entry.kind == "person" else "organizations"
    return {"id": api_id(site, collection, entry.id), "name": entry.name}


# --- documents -----------------------------------------------------------------------------------

def _collection_document(collection: Collection, site: SiteInfo) -> dict[str, Any]:
    return {"type": collection.type_uri(site, "List"), "schema": _schema_url(collection, site),
            "data": collection.items, "count": len(collection.items)}


def items_of(model: type[BaseModel], items: Iterable[BaseModel]) -> list[dict[str, Any]]:
    """Items built as `model`s, as JSON data by their aliases ('@type' style names stay possible)."""
    return [item.model_dump(mode="json", by_alias=True) for item in items]


def schema_document(collection: Collection) -> dict[str, Any]:
    """The JSON Schema of a collection file, generated from its item model (pydantic), in the
    shape of the hand-written ones: the list (`<Type>List`) and the item (`$anchor` `<Type>`)."""
    assert collection.model is not None
    item = collection.model.model_json_schema(by_alias=True, mode="serialization",
                                              ref_template="#/$defs/{model}")
    defs = {name: {**schema, "$anchor": name} for name, schema in item.pop("$defs", {}).items()}
    defs[collection.type] = {**item, "$anchor": collection.type}
    list_type = (rf"^https?://.+/api/schema/{collection.name}\.json#{collection.type}List$" if not collection.oparl
                 else f"^{OPARL}{collection.type}List$")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{collection.name}.json",
        "$anchor": f"{collection.type}List", "title": collection.title or collection.type,
        "description": f"Samlingen {collection.name}.json på webbplatsen (OParl-liknande). Schemat är "
                       "genererat ur trygg:s modell av en post.",
        "type": "object", "additionalProperties": False, "required": ["type", "schema", "data", "count"],
        "properties": {
            "type": {"type": "string", "pattern": list_type},
            "schema": {"type": "string", "format": "uri", "pattern": "^https?://"},
            "count": {"type": "integer", "minimum": 0},
            "data": {"type": "array", "items": {"$ref": f"#/$defs/{collection.type}"}},
        },
        "$defs": defs,
    }


def _system(collections: list[Collection], site: SiteInfo) -> dict[str, Any]:
    return {
        "id": f"{site.url}{API_DIR}/index.json", "type": OPARL + "System", "name": site.name,
        "website": site.url, "contactName": site.publisher, "oparlVersion": OPARL,
        "collections": {c.name: {"type": c.type_uri(site), "url": f"{site.url}{API_DIR}/{c.name}.json",
                                 "schema": _schema_url(c, site), "count": len(c.items)} for c in collections},
    }


def _schema_url(collection: Collection, site: SiteInfo) -> str:
    return f"{site.url}{API_DIR}/schema/{collection.name}.json"
