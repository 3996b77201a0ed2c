"""The register: organisations, people and terms that pages refer to by name or abbreviation.

Source: `content/organisation/organisationer.yml`, `personer.yml`, `begrepp.yml`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Schema, Text

OrgKind = Literal["nämnd", "förvaltning", "kommunalt bolag", "kommun", "enhet", "skola", "extern", "forum"]

# The register page's groups, in their order, and the key of each group's heading in the text catalogue.
ORG_KIND_LABELS: dict[str, str] = {kind: "register.grupp." + kind.replace(" ", "_") for kind in
                                   ("kommun", "nämnd", "förvaltning", "enhet", "forum", "skola", "kommunalt bolag",
                                    "extern")}


class Organisation(Schema):
    name: Text = Field(alias="namn")
    abbreviation: Text | None = Field(None, alias="förkortning")
    kind: OrgKind = Field(alias="typ")
    aliases: list[Text] = Field(default_factory=list, alias="även kallad")
    part_of: Text | None = Field(None, alias="del av")
    description: Text | None = Field(None, alias="beskrivning")


class Person(Schema):
    name: Text = Field(alias="namn")
    role: Text | None = Field(None, alias="roll")
    organisation: Text | None = Field(None, alias="organisation")
    party: Text | None = Field(None, alias="parti")


class Term(Schema):
    abbreviation: Text = Field(alias="förkortning")
    meaning: Text = Field(alias="betydelse")
    description: Text | None = Field(None, alias="beskrivning")
