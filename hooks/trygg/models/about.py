"""The site's own facts: the accessibility statement (`content/om/tillganglighet.yml`, Digg's mandatory parts under lag 2018:1937)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from trygg.models.common import Schema, Text

Compliance = Literal["helt förenlig", "delvis förenlig", "inte förenlig"]


class KnownIssue(Schema):
    title: Text = Field(alias="rubrik")
    description: Text = Field(alias="beskrivning")
    reason: Text = Field(alias="orsak")  # why it is so (disproportionate burden, outside the law, not fixed yet)
    alternative: Text = Field(alias="alternativ")  # what a resident can do instead
    criterion: Text | None = Field(None, alias="krav")  # e.g. "WCAG 2.1, 1.4.10 Omflöde"


class Statement(Schema):
    actor: Text = Field(alias="aktör")
    site: Text = Field(alias="webbplats")
    compliance: Compliance = Field(alias="förenlighet")
    assessed: dt.date = Field(alias="bedömd")
    method: Text = Field(alias="metod")
    updated: dt.date = Field(alias="uppdaterad")
    issues: list[KnownIssue] = Field(default_factory=list, alias="brister")
    response_time: Text | None = Field(None, alias="svarstid")  # e.g. "inom fem arbetsdagar"
