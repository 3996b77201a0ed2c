"""A decision document (beslutsförslag or beslut): `content/beslut/<slug>.md`, front matter plus
the background text as Markdown body."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from trygg.models.common import FileRef, Schema, Text

DecisionKind = Literal["beslutsförslag", "beslut"]
# tillstyrkt: a kommunalråd has endorsed the proposal; beslutat / avslaget: the body has decided.
Status = Literal["förslag", "tillstyrkt", "beslutat", "avslaget"]


class Officer(Schema):
    name: Text = Field(alias="namn")  # register reference
    phone: Text | None = Field(None, alias="telefon")  # exactly as in the source, e.g. "35 71 65"


class Endorsement(Schema):
    by: Text = Field(alias="av")  # register reference
    date: dt.date = Field(alias="datum")


class Signature(Schema):
    name: Text = Field(alias="namn")  # register reference
    title: Text = Field(alias="titel")  # as signed, e.g. "Kommunchef"


class OtherWording(Schema):
    where: Text = Field(alias="var")  # e.g. "försättsbladet"
    proposals: list[Text] = Field(alias="förslag", min_length=1)


class Decision(Schema):
    title: Text = Field(alias="titel")
    kind: DecisionKind = Field(alias="typ")
    reference: Text = Field(alias="diarienummer", min_length=1)
    date: dt.date = Field(alias="datum")
    summary: Text = Field(alias="sammanfattning")
    responsible: Text = Field(alias="ansvarig")  # register reference
    officer: Officer = Field(alias="handläggare")
    department: Text | None = Field(None, alias="förvaltning")  # register reference
    division: Text | None = Field(None, alias="avdelning")
    programme_area: Text | None = Field(None, alias="programområde")
    proposals_intro: Text = Field("Kommunstyrelsen föreslås besluta:", alias="inledning till förslagen")
    proposals: list[Text] = Field(alias="förslag till beslut", min_length=1)
    wording_source: Text | None = Field(None, alias="lydelsen från")  # where the published wording stands
    other_wording: OtherWording | None = Field(None, alias="annan lydelse")
    status: Status = Field(alias="status")
    endorsed: Endorsement | None = Field(None, alias="tillstyrkt")
    head_of_division: Endorsement | None = Field(None, alias="avdelningschef")
    signatures: list[Signature] = Field(default_factory=list, alias="underskrifter")
    governing_documents: list[Text] = Field(default_factory=list, alias="styrande dokument")
    chart: Text | None = Field(None, alias="relaterat diagram")  # slug of content/organisation/diagram/<slug>.yml
    files: list[FileRef] = Field(default_factory=list, alias="filer")  # in content/beslut/<namn>/ (trygg.core.attachments)
    draft: bool = Field(False, alias="utkast")
