"""Turns schema validation errors into Swedish problems with line numbers and suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, ValidationError

from trygg.core.problems import Reporter

M = TypeVar("M", bound=BaseModel)
LineOf = Callable[[tuple[str | int, ...]], int | None]

_TYPE_MESSAGES = {
    "string_type": "ska vara en text",
    "list_type": "ska vara en lista (rader som börjar med '- ')",
    "dict_type": "ska bestå av fält som 'namn: värde'",
    "model_type": "ska bestå av fält som 'namn: värde'",
    "model_attributes_type": "ska bestå av fält som 'namn: värde'",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "int_parsing": "ska vara ett heltal",
    "date_type": "ska vara ett datum som 2025-05-24",
    "date_parsing": "ska vara ett datum som 2025-05-24",
    "date_from_datetime_parsing": "ska vara ett datum som 2025-05-24",
    "date_from_datetime_inexact": "ska vara ett datum som 2025-05-24, utan klockslag",
    "url_parsing": "ska vara en fullständig webbadress som börjar med https://",
    "url_scheme": "ska vara en webbadress som börjar med https://",
    "url_type": "ska vara en fullständig webbadress som börjar med https://",
    "too_short": "får inte vara tom",
    "string_too_short": "får inte vara tom",
}


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'malgrupp' finds 'målgrupp'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def suggest(word: str, choices: list[str]) -> str | None:
    """The closest choice to `word`, comparing without case or diacritics."""
    folded = {fold(c): c for c in choices}
    match = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def validate(schema: type[M], data: Any, report: Reporter, line_of: LineOf, where: tuple = ()) -> M | None:
    """Validate `data` against `schema`; report each error in Swedish and return None on failure."""
    if not isinstance(data, dict):
        report.error(line_of(where), "här ska stå fält som 'namn: värde'", "se skrivguiden för ett exempel")
        return None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = (*where, *error["loc"])
            report.error(line_of(loc), *_describe(schema, error, loc))
        return None


def _describe(schema: type[BaseModel], error: dict, loc: tuple) -> tuple[str, str | None]:
    kind = error["type"]
    name = _field_name(loc)
    if kind == "missing":
        return f"fältet '{name}' saknas", f"lägg till '{name}: …'"
    if kind == "extra_forbidden":
        allowed = _aliases_at(schema, error["loc"][:-1])
        guess = suggest(str(name), allowed)
        hint = f"menade du '{guess}'?" if guess else f"tillåtna fält: {', '.join(sorted(allowed))}"
        return f"okänt fält '{name}'", hint
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        given = str(error.get("input"))
        guess = suggest(given, choices)
        hint = f"menade du '{guess}'?" if guess else "tillåtna värden: " + ", ".join(choices)
        return f"'{given}' är inget tillåtet värde för '{name}'", hint
    if kind in ("value_error", "assertion_error"):
        return f"'{name}': {error['ctx']['error']}", None
    if kind == "union_tag_invalid" or kind.startswith("date") or "union" in kind:
        return f"'{name}' ska vara ett datum som 2025-05-24", None
    if error.get("input") is None and kind.endswith("_type"):
        return f"'{name}' är tomt", f"skriv ett värde efter '{name}:'"
    message = _TYPE_MESSAGES.get(kind, "har ett värde som inte kan användas")
    return f"'{name}' {message}", None


def _field_name(loc: tuple) -> str:
    names = [str(part) for part in loc if isinstance(part, str) and part not in _UNION_BRANCHES]
    return names[-1] if names else "sidhuvudet"


_UNION_BRANCHES = {"date", "literal['ej fastställt']", "str"}


def _aliases_at(schema: type[BaseModel], loc: tuple) -> list[str]:
    """The YAML keys allowed at `loc` inside `schema` (walks nested models and lists)."""
    model: Any = schema
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [f.alias for f in model.model_fields.values() if f.alias]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None
