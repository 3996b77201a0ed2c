"""The goal programme (content/malomraden/index.yml): the overview page and its goal areas with effect chains.

Sources: `content/malomraden/index.yml` (guiding principles, collaboration taxonomy, lists) and
`content/malomraden/<slug>.yml` (one goal area each). A cell of an effect chain written as `~`
(null) is missing or unreadable in the source: it stays empty on the page — never guessed — and a
column empty in every row is not drawn. `anmärkning` is a note to the editors about the source
(what could not be read, how a row was matched): kept with the content, never published.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from trygg.models.common import Schema, Text

Link = Literal["säker", "trolig", "osäker", "okänd"]


def _text_to_mapping(key: str) -> BeforeValidator:
    """A shorthand: plain text (or ~) stands for `{key: text}`. The editor shows the object and
    writes plain text back while it has nothing else (trygg.editor.config reads `text_key`)."""
    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) or value is None else value
    convert.text_key = key  # type: ignore[attr-defined]
    return BeforeValidator(convert)


class Point(Schema):
    text: Text = Field(alias="text")
    subpoints: list[Text] = Field(default_factory=list, alias="underpunkter")


PointItem = Annotated[Point, _text_to_mapping("text")]


class Section(Schema):
    """A heading with an optional lead, bullet points and a closing remark (reflections, exercises)."""

    title: Text = Field(alias="rubrik")
    lead: Text | None = Field(None, alias="inledning")
    points: list[PointItem] = Field(default_factory=list, alias="punkter")
    closing: Text | None = Field(None, alias="avslutning")


class Effect(Schema):
    """A long-term effect; `text: ~` with `läsbar del` when only part of it can be read."""

    text: Text | None = Field(alias="text")
    readable_part: Text | None = Field(None, alias="läsbar del")


class Responsible(Schema):
    """Who answers for a row: a register name or abbreviation, or free text for collective terms."""

    name: Text | None = Field(None, alias="namn")
    free_text: Text | None = Field(None, alias="fritext")


class ChainRow(Schema):
    short_term: Text | None = Field(alias="kortsiktig effekt")
    output: Text | None = Field(alias="prestation")
    activity: Text | None = Field(alias="aktivitet")
    responsible: list[Annotated[Responsible, _text_to_mapping("namn")]] | None = Field(alias="ansvar")
    time: Text | None = Field(alias="tid")
    resources: Text | None = Field(alias="resurser")
    note: Text | None = Field(None, alias="anmärkning")


class ChainGroup(Schema):
    """Rows that share the long-term effect(s) standing beside them in the source."""

    effects: list[Annotated[Effect, _text_to_mapping("text")]] = Field(alias="långsiktiga effekter")
    link: Link = Field("säker", alias="koppling")
    rows: list[ChainRow] = Field(alias="rader", min_length=1)


class EffectChain(Schema):
    title: Text = Field(alias="rubrik")
    note: Text | None = Field(None, alias="anmärkning")
    groups: list[ChainGroup] = Field(alias="grupper", min_length=1)


class Related(Schema):
    title: Text = Field(alias="titel")
    page: Text = Field(alias="sida")  # a path under content/ without extension, e.g. nyckeltal/gardstensmodellen


class GoalArea(Schema):
    title: Text = Field(alias="titel")
    full_title: Text | None = Field(None, alias="titel på rubrikbilden")
    order: int = Field(alias="ordning")
    summary: Text = Field(alias="sammanfattning")
    message: Text | None = Field(None, alias="budskap")
    responsible: list[Text] = Field(default_factory=list, alias="ansvariga")
    # A note to the editors (names the source gives but that cannot be read); never published.
    unreadable_responsible: int = Field(0, alias="ansvariga som inte kan läsas", ge=0)
    goals: Section | None = Field(None, alias="mål")
    current_state: Section | None = Field(None, alias="nuläge")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt")
    chain: EffectChain | None = Field(None, alias="effektkedja")
    related: list[Related] = Field(default_factory=list, alias="relaterat")
    published: dt.date = Field(alias="publicerad")
    owner: Text | None = Field(None, alias="sidansvarig")
    draft: bool = Field(False, alias="utkast")


class Taxonomy(Schema):
    title: Text = Field(alias="rubrik")
    steps: list[Text] = Field(alias="steg", min_length=2)
    labels: list[Text] = Field(default_factory=list, alias="etiketter")
    statements: list[Text] = Field(default_factory=list, alias="påståenden")
    note: Text | None = Field(None, alias="anmärkning")


class Overall(Schema):
    effect: Text | None = Field(None, alias="effekt")
    responsible: list[Text] = Field(default_factory=list, alias="ansvariga")


class Programme(Schema):
    title: Text = Field(alias="titel")
    summary: Text = Field(alias="sammanfattning")
    word_pairs: list[list[Text]] = Field(default_factory=list, alias="ordpar")
    principles: Section = Field(alias="principer")
    overall: Overall | None = Field(None, alias="övergripande")
    taxonomy: Taxonomy | None = Field(None, alias="taxonomi")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt")
    published: dt.date = Field(alias="publicerad")
    owner: Text | None = Field(None, alias="sidansvarig")
