"""The browser editor's configuration (Decap CMS's `config.yml`), generated from the content schemas.

Each content type names its places in the editor (`ContentType.editor`, trygg.core.contenttype's
`EditorPlace`): a schema (the pydantic model `trygg check` validates with) and where its files live.
Every field of the schema becomes a form field: the YAML key is the field's name, the label and help
text come from the text catalogue (`redigeraren.*` keys in core/catalogue/sv.po, so a site can reword them in
content/texter.yml), a required field is required, a `Literal` is a select list, a name the register
must know is a select of the register's names, and dates and clock times are written as the schemas
read them. Nothing here is hand-written per field, so the forms cannot drift from the schemas
(tests/test_editor.py checks both ways).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any, Literal

from annotated_types import MinLen
from pydantic import BaseModel, HttpUrl
from pydantic.fields import FieldInfo

from trygg.core.contenttype import ContentType, EditorPlace
from trygg.models.common import DayMonth, TimeRange
from trygg.models.handbook import CHAPTER_NUMBER, Chapter, ChapterNumber
from trygg.models.identity import Identity
from trygg.models.redirect import Redirect

if typing.TYPE_CHECKING:
    from trygg.core.texts import Texts

BODY = "body"  # Decap's name for the Markdown below the front matter
HANDBOOK_DIR = "handbocker"


# The site's own files in the editor, beside the content types' places (ContentType.editor).
SITE_PLACES: tuple[EditorPlace, ...] = (
    EditorPlace("flyttade-sidor", "redigeraren.lista.flyttade_sidor", Redirect, file="flyttade-sidor.yml",
                extension="yml", listed=True),
)
# The site's own files the editor does not offer (the content types name theirs: ContentType.not_in_editor).
NOT_EDITED: dict[type[BaseModel], str] = {
    Identity: "content/webbplats.yml is the web team's configuration, not a writer's page",
}
LIST_KEY = "poster"  # a file whose top level is a list, as the form sees it (formats.js)


def editor_places(types: Iterable[ContentType], data: Mapping[str, Any] | None = None) -> tuple[EditorPlace, ...]:
    """Every content type's places in the editor, in the registry's order, then the site's: a type's
    own (ContentType.editor) and, given what was loaded (`data`: Content.extra), those that depend
    on it (ContentType.editor_for: a meeting's notes)."""
    found: list[EditorPlace] = []
    for t in types:
        found += t.editor
        if data is not None and t.editor_for is not None and t.key in data:
            found += t.editor_for(data[t.key])
    return (*found, *SITE_PLACES)


def not_edited(types: Iterable[ContentType]) -> dict[type, str]:
    """Every schema the editor does not offer, with the reason: the site's own files and the types'."""
    return {**NOT_EDITED, **{schema: why for t in types for schema, why in t.not_in_editor.items()}}

# Fields whose value the register must know (trygg.register.Resolver): (schema name, YAML key).
REGISTER_FIELDS: frozenset[tuple[str, str]] = frozenset({
    ("Event", "arrangör"), ("AgendaItem", "medverkande"),
    ("Decision", "ansvarig"), ("Decision", "förvaltning"), ("Officer", "namn"), ("Endorsement", "av"),
    ("Signature", "namn"),
    ("Handbook", "ägare"), ("Handbook", "på uppdrag av"),
    ("ChartNode", "register"), ("ChartNode", "samordnas av"), ("ChartNode", "ordförande"),
    ("ChartNode", "deltagare"),
    ("Overall", "ansvariga"), ("GoalArea", "ansvariga"), ("Responsible", "namn"),
})
# Free text that may run over several lines: a text area rather than a line.
LONG_TEXT = frozenset({"sammanfattning", "beskrivning", "inledning", "efter punkterna", "avslutning", "budskap",
                       "metod", "anmärkning", "inledning till förslagen"})
# How the schemas' own field types are written (trygg.models.common), as patterns with a Swedish message.
_PERIOD = r"^\s*\d{1,2}[.:]\d{2}\s*[–—-]\s*\d{1,2}[.:]\d{2}\s*$"
_DAY_MONTH = r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2})\s*$"
_EVENT_DATE = r"^\s*(\d{4}-\d{2}-\d{2}|ej fastställt)\s*$"
_URL = r"^https?://\S+$"
DATE_FORMAT = "YYYY-MM-DD"  # ISO dates, as the front matter writes them
# Images and files a writer adds go beside the page's file and are linked by their name alone,
# as trygg publishes them (trygg.bundles); Decap reads "" as the entry's own folder.
BESIDE_THE_PAGE = {"media_folder": "", "public_folder": ""}


def editor_config(types: Iterable[ContentType], texts: Texts, register_names: list[str], *, repo: str | None,
                  branch: str = "main", site_url: str | None = None, data: Mapping[str, Any] | None = None,
                  handbooks: list[tuple[str, str]] = ()) -> dict[str, Any]:
    """The whole configuration: the GitHub backend with the editorial workflow, the local backend
    for ./scripts/serve, one collection per place of the content `types` (with the loaded `data`:
    Content.extra, also the places that depend on it), and one per handbook for its chapters
    (`handbooks`: (folder under content/handbocker/, title) of each)."""
    return {
        "backend": {"name": "github", "repo": repo or "ORGANISATION/REPO", "branch": branch,
                    "squash_merges": True, "commit_messages": commit_messages(texts)},
        "publish_mode": "editorial_workflow",
        "local_backend": True,  # only on localhost: ./scripts/serve runs decap-server (see README)
        "locale": "sv",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/bilder",
        "public_folder": "/bilder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [*(collection(places, texts, register_names)
                          for places in _by_collection(editor_places(types, data))),
                        *(chapters(folder, title, texts, register_names) for folder, title in handbooks)],
    }


def _by_collection(places: tuple[EditorPlace, ...]) -> list[tuple[EditorPlace, ...]]:
    """The places of each collection, in order: several files of one section are one collection."""
    names = list(dict.fromkeys(place.name for place in places))
    return [tuple(p for p in places if p.name == name) for name in names]


def commit_messages(texts: Texts) -> dict[str, str]:
    """Decap's commit message templates in Swedish: on GitHub each is also the pull request's title."""
    decap = {"samling": "{{collection}}", "sida": "{{slug}}", "fil": "{{path}}"}  # Decap's placeholders
    return {kind: texts.format(f"redigeraren.commit.{kind}", **decap)
            for kind in ("create", "update", "delete", "uploadMedia", "deleteMedia")}


def chapters(folder: str, title: str, texts: Texts, register_names: list[str]) -> dict[str, Any]:
    """A handbook's chapters: its folder's Markdown files. A new chapter's file is named after the
    number and title the writer gives (`03-namn.md`, as the handbook orders its chapters); an
    existing chapter keeps its file name, whatever is changed on the form."""
    return {"name": f"kapitel-{folder}", "label": texts.format("redigeraren.kapitel", handbok=title),
            "extension": "md", "format": "frontmatter", "folder": f"content/{HANDBOOK_DIR}/{folder}",
            "create": True, "identifier_field": "titel", "slug": "{{fields.nummer}}-{{fields.titel}}",
            **BESIDE_THE_PAGE,
            "fields": [*map(_number_required, schema_fields(Chapter, texts, register_names)),
                       _body(texts, required=True)],
            "trygg": _format_options(Chapter, extension="md")}


def _number_required(found: dict[str, Any]) -> dict[str, Any]:
    """'nummer' is optional in a chapter's file (its name has it) but required on the form: without
    it Decap would name a new chapter '-namn.md', which the handbook cannot place."""
    return {**found, "required": True} if found["name"] == "nummer" else found


def _body(texts: Texts, *, required: bool, hint: str = "redigeraren.hjälp.text") -> dict[str, Any]:
    return {"name": BODY, "label": texts["redigeraren.fält.text"], "widget": "markdown", "required": required,
            "hint": texts[hint]}


def collection(places: tuple[EditorPlace, ...], texts: Texts, register_names: list[str]) -> dict[str, Any]:
    """One collection: a folder of files with one schema, or one or more single files."""
    place = places[0]
    found: dict[str, Any] = {"name": place.name, "label": texts[place.heading], "extension": place.extension,
                             "format": "frontmatter" if place.extension == "md" else "yml"}
    if place.file is not None:
        # a page's pictures beside it (a meeting's notes); a YAML file has none
        beside = BESIDE_THE_PAGE if place.extension == "md" else {}
        found["files"] = [{"name": p.entry or (PurePosixPath(p.file).stem if len(places) > 1 else p.name),
                           "label": p.title or texts[p.label or p.heading], "file": f"content/{p.file}",
                           **beside, "fields": _fields(p, texts, register_names)} for p in places]
        found["trygg"] = _format_options(*[p.schema for p in places if p.schema is not None],
                                         extension=place.extension, listed=place.listed)
        return found
    found.update({"folder": f"content/{place.folder}", "create": True, "identifier_field": "titel",
                  "slug": "{{titel}}", **BESIDE_THE_PAGE, "fields": _fields(place, texts, register_names),
                  "trygg": _format_options(place.schema, extension=place.extension, only_with=place.only_with)})
    if place.path is not None:
        found["path"] = place.path
    return found


def _fields(place: EditorPlace, texts: Texts, register_names: list[str]) -> list[dict[str, Any]]:
    fields = schema_fields(place.schema, texts, register_names) if place.schema is not None else []
    if place.listed:  # the whole file is one list of the schema's objects
        label = texts[place.label or place.heading]
        one = texts.get(f"{place.label or place.heading}.en")
        return [{"name": LIST_KEY, "label": label, "widget": "list", "fields": fields, "default": [],
                 "required": False, **({"label_singular": one} if one else {})}]
    if place.body is not None:
        fields.append(_body(texts, required=place.body, hint=place.body_hint))
    return fields


def _format_options(*schemas: type[BaseModel], extension: str = "md", listed: bool = False,
                    only_with: str | None = None) -> dict[str, Any]:
    """What our formats for Decap (formats.js, started by start.js) need to know of a collection:
    front matter or YAML, a top-level list, the shorthand fields and a filter on a top-level key."""
    prefix = (LIST_KEY, "*") if listed else ()
    shorthand = [[[*prefix, *path], key] for schema in schemas for path, key in shorthand_fields(schema)]
    found: dict[str, Any] = {"frontmatter": extension == "md", "shorthand": shorthand}
    if listed:
        found["list"] = LIST_KEY
    if only_with:
        found["only_with"] = only_with
    return found


def shorthand_fields(schema: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """(path, text key) of every shorthand in `schema` (`_text_to_mapping` in trygg.models.goals):
    a value written as plain text that stands for an object. A path is YAML keys and "*" for a list's items."""
    found = []
    for info in schema.model_fields.values():
        path, annotation = (*prefix, info.alias or ""), info.annotation
        key = _text_key(info.metadata)
        while True:
            annotation = _without_none(annotation)
            if typing.get_origin(annotation) is typing.Annotated:
                key = key or _text_key(typing.get_args(annotation)[1:])
                annotation = typing.get_args(annotation)[0]
            elif typing.get_origin(annotation) is list:
                annotation, path = typing.get_args(annotation)[0], (*path, "*")
            else:
                break
        if key:
            found.append((path, key))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += shorthand_fields(annotation, path)
    return found


def _text_key(metadata: Any) -> str | None:
    return next((getattr(m.func, "text_key") for m in metadata if hasattr(getattr(m, "func", None), "text_key")),
                None)


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def schema_fields(schema: type[BaseModel], texts: Texts, register_names: list[str],
                  optional: bool = False) -> list[dict[str, Any]]:
    """The form fields of `schema`; `optional`: the schema fills an optional object, whose fields
    Decap would demand even while the object is left empty, so none is required on the form
    (trygg check still names a missing one)."""
    return [form_field(schema, info, texts, register_names, optional) for info in schema.model_fields.values()]


def form_field(schema: type[BaseModel], info: FieldInfo, texts: Texts, register_names: list[str],
               optional: bool = False) -> dict[str, Any]:
    key = info.alias or ""
    # Required and not nullable: a key the source may write as ~ (unknown) is not forced on the form.
    required = info.is_required() and type(None) not in typing.get_args(info.annotation) and not optional
    found: dict[str, Any] = {"name": key, "label": _label(key, texts), "required": required}
    hint = texts.get(f"redigeraren.hjälp.{key}")
    if hint:
        found["hint"] = hint
    one = texts.get(f"redigeraren.en.{key}")  # a list's item, as its button reads: "Lägg till programpunkt"
    if one:
        found["label_singular"] = one
    in_register = (schema.__name__, key) in REGISTER_FIELDS
    found.update(_widget(_unwrap(info.annotation), key, texts, register_names, in_register, not required))
    minimum = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), None)
    if minimum and required and found["widget"] in {"list", "select"}:
        found["min"] = minimum
    if not info.is_required() and info.default not in (None, [], ()) and not callable(info.default_factory):
        found["default"] = info.default
    return found


def _label(key: str, texts: Texts) -> str:
    return texts.get(f"redigeraren.fält.{key}") or key[:1].upper() + key[1:]


def _widget(annotation: Any, key: str, texts: Texts, register_names: list[str], in_register: bool,
            optional: bool = False) -> dict[str, Any]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        return _list_widget(_unwrap(args[0]), key, texts, register_names, in_register)
    if in_register:
        return {"widget": "select", "options": register_names}
    if origin is Literal:
        return {"widget": "select", "options": list(args)}
    if _is_event_date(annotation):
        return _pattern(_EVENT_DATE, texts["redigeraren.mönster.datum_eller_ej_fastställt"])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": False,
                "fields": schema_fields(annotation, texts, register_names, optional)}
    return _scalar_widget(annotation, key, texts)


def _list_widget(item: Any, key: str, texts: Texts, register_names: list[str], in_register: bool) -> dict[str, Any]:
    if in_register:
        return {"widget": "select", "multiple": True, "options": register_names}
    if isinstance(item, type) and issubclass(item, BaseModel):
        fields = schema_fields(item, texts, register_names)
        # default []: without it Decap starts a new page's list with one item (its fields have defaults)
        found: dict[str, Any] = {"widget": "list", "fields": fields, "default": []}
        if {"tid", "rubrik"} <= {f.alias for f in item.model_fields.values()}:
            found["summary"] = "{{fields.tid}} {{fields.rubrik}}"  # an agenda reads as its times and titles
        return found
    inner = {"name": key, "label": _label(key, texts), **_widget(item, key, texts, register_names, False)}
    return {"widget": "list", "field": inner}


def _scalar_widget(annotation: Any, key: str, texts: Texts) -> dict[str, Any]:
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int"}
    if annotation is dt.date:
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False,
                "picker_utc": True}
    if annotation is TimeRange:
        return _pattern(_PERIOD, texts["redigeraren.mönster.tid"])
    if annotation is DayMonth:
        return _pattern(_DAY_MONTH, texts["redigeraren.mönster.dag"])
    if annotation is HttpUrl:
        return _pattern(_URL, texts["redigeraren.mönster.länk"])
    if annotation is ChapterNumber:
        return _pattern(CHAPTER_NUMBER, texts["redigeraren.mönster.kapitelnummer"])
    if annotation is str:
        return {"widget": "text" if key in LONG_TEXT else "string"}
    raise TypeError(f"the editor has no form field for {annotation!r} ({key}); add one in trygg.editor.config")


def _pattern(regex: str, message: str) -> dict[str, Any]:
    return {"widget": "string", "pattern": [regex, message]}


def _unwrap(annotation: Any) -> Any:
    """The type a field holds: `Annotated[...]` without its validators, `X | None` without None."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return annotation


def _is_event_date(annotation: Any) -> bool:
    args = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else ()
    return dt.date in args and any(typing.get_origin(a) is Literal for a in args)
