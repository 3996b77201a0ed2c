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

Each collection's JSON Schema, /api/schema/<name>.json, is generated from the pydantic model of
its items (`Collection.model`, `model_json_schema`), and every item is checked against that
model while the file is written; /api/schema/index.json from `SystemItem`. The tests validate
every published collection against its schema. Keys are sorted and items ordered by id, so the
files are byte-identical across builds of one commit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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
    # The pydantic model of one item: its JSON Schema is generated into api/schema/<name>.json
    # (a collection without one has no schema: every collection of trygg's types has one).
    model: type[BaseModel] | None = None
    title: str = ""  # the generated schema's title, in Swedish

    def type_uri(self, site: SiteInfo, suffix: str = "") -> str:
        """'https://schema.oparl.org/1.1/Meeting' or '<site>/api/schema/handbooks.json#Handbook'."""
        return f"{OPARL}{self.type}{suffix}" if self.oparl else own_type(site, self.name, self.type + suffix)


# --- output models: what an item is, from which its schema is generated -------------------------

class Item(BaseModel):
    """An item or part of one in a collection file: exactly these keys (a missing or extra key is
    a bug in trygg, not in content, so it fails the build loudly)."""

    model_config = ConfigDict(extra="forbid")


Uri = Annotated[str, Field(pattern=r"^https?://", json_schema_extra={"format": "uri"})]
Name = Annotated[str, Field(min_length=1)]
Day = Annotated[str, Field(json_schema_extra={"format": "date"})]  # ISO 8601, as written in the file
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]  # with Stockholm's offset


class Reference(Item):
    """A register entry or another item named in content: its id and its name."""

    id: Uri
    name: Name


class File(Item):
    """En fil att ladda ned bredvid en sida (OParl File)."""

    id: Uri
    type: Literal["https://schema.oparl.org/1.1/File"]
    name: Name = Field(description="Namnet som invånarna ser.")
    fileName: Name  # noqa: N815 - OParl's names
    fileType: str = Field(description='Typen som invånarna ser, till exempel "PDF" eller "PowerPoint".')  # noqa: N815
    mimeType: Name  # noqa: N815
    size: int = Field(ge=0, description="Storlek i byte.")
    date: Day
    accessUrl: Uri  # noqa: N815


class CollectionEntry(Item):
    type: Uri
    url: Uri
    schema_: Uri = Field(alias="schema")
    count: int = Field(ge=0)


class SystemItem(Item):
    """api/index.json: webbplatsens samlingar, var och en med fil och JSON Schema (OParl System)."""

    id: Uri
    type: Literal[OPARL + "System"]
    name: str
    website: Uri
    contactName: str  # noqa: N815 - OParl's names
    oparlVersion: Literal[OPARL]  # noqa: N815
    collections: dict[str, CollectionEntry]


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
    outputs.append(Output(f"{API_DIR}/index.json", to_json(validated(SystemItem, [_system(collections, site)])[0])))
    outputs.append(Output(f"{API_DIR}/schema/index.json", to_json(_schema_head("index", "Ingång till öppna data (System)")
                                                                   | _defs_named(SystemItem))))
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


def validated(model: type[BaseModel], items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items built as dicts, checked against their `model` (the schema's source) and dumped again."""
    return items_of(model, (model.model_validate(item) for item in items))


def schema_document(collection: Collection) -> dict[str, Any]:
    """The JSON Schema of a collection file, generated from its item model (pydantic), in the
    shape of the hand-written ones: the list (`<Type>List`) and the item (`$anchor` `<Type>`)."""
    assert collection.model is not None
    item = _defs_named(collection.model)
    defs = {name: {**schema, "$anchor": name} for name, schema in item.pop("$defs", {}).items()}
    defs[collection.type] = {**item, "$anchor": collection.type}
    list_type = (rf"^https?://.+/api/schema/{collection.name}\.json#{collection.type}List$" if not collection.oparl
                 else "^" + re.escape(f"{OPARL}{collection.type}List").replace("\\/", "/") + "$")
    return _schema_head(collection.name, collection.title or collection.type) | {
        "$anchor": f"{collection.type}List",
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


def _schema_head(name: str, title: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.json", "title": title}


def _defs_named(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON Schema. Output models are named <Type>Item beside the content models of the
    same name: the schema names them by their type ('AgendaItemItem' → 'AgendaItem'), as OParl does."""
    schema = model.model_json_schema(by_alias=True, mode="serialization", ref_template="#/$defs/{model}")
    text = json.dumps(schema)
    for name in schema.get("$defs", {}):
        if name.endswith("Item"):
            text = text.replace(f'"#/$defs/{name}"', f'"#/$defs/{name.removesuffix("Item")}"')
    schema = json.loads(text)
    if "$defs" in schema:
        schema["$defs"] = {name.removesuffix("Item") if name.endswith("Item") else name: part
                           for name, part in schema["$defs"].items()}
    return schema


def _system(collections: list[Collection], site: SiteInfo) -> dict[str, Any]:
    return {
        "id": f"{site.url}{API_DIR}/index.json", "type": OPARL + "System", "name": site.name,
        "website": site.url, "contactName": site.publisher, "oparlVersion": OPARL,
        "collections": {c.name: {"type": c.type_uri(site), "url": f"{site.url}{API_DIR}/{c.name}.json",
                                 "schema": _schema_url(c, site), "count": len(c.items)} for c in collections},
    }


def _schema_url(collection: Collection, site: SiteInfo) -> str:
    return f"{site.url}{API_DIR}/schema/{collection.name}.json"
