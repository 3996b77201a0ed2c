"""An organisation chart: `content/organisation/diagram/<slug>.yml`, nodes and the edges between them.

Nodes are bodies, groups and forums; edges say how they relate (leder, samordnar, stöder,
rapporterar till). Names of organisations and people are register references.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from trygg.models.common import Schema, Text

Level = Literal["strategisk", "taktisk", "operativ"]
NodeKind = Literal["nämnd", "förvaltning", "enhet", "grupp", "forum", "nätverk", "stadsdel"]
Meaning = Literal["leder", "samordnar", "stöder", "rapporterar till"]

LEVELS: tuple[str, ...] = ("strategisk", "taktisk", "operativ")
# How an edge reads from its target's side, for the text alternative.
PASSIVE: dict[str, str] = {"leder": "leds av", "samordnar": "samordnas av", "stöder": "stöds av",
                           "rapporterar till": "får rapporter från"}


class ChartNode(Schema):
    label: Text = Field(alias="namn", min_length=1)
    id: Text | None = Field(None, alias="id")  # defaults to the slug of the label
    kind: NodeKind = Field(alias="typ")
    level: Level | None = Field(None, alias="nivå")  # None where the source does not say
    entry: Text | None = Field(None, alias="register")  # the node's own register entry, if any
    coordinator: Text | None = Field(None, alias="samordnas av")  # register reference
    chair: Text | None = Field(None, alias="ordförande")  # register reference (a person)
    members: list[Text] = Field(default_factory=list, alias="deltagare")  # register references
    meetings: Text | None = Field(None, alias="möten")
    description: Text | None = Field(None, alias="beskrivning")  # Markdown
    activities: list[Text] = Field(default_factory=list, alias="insatser")
    part_of: Text | None = Field(None, alias="del av")  # another node's id or name


class ChartEdge(Schema):
    source: Text = Field(alias="från")
    target: Text = Field(alias="till")
    meaning: Meaning = Field(alias="betydelse")
    note: Text | None = Field(None, alias="beskrivning")


class Chart(Schema):
    title: Text = Field(alias="titel")
    summary: Text = Field(alias="sammanfattning")
    intro: Text | None = Field(None, alias="inledning")  # Markdown
    source: Text = Field(alias="källa")  # where the facts come from, shown under the chart
    related: list[Text] = Field(default_factory=list, alias="relaterat")  # site paths, e.g. beslut/<slug>
    nodes: list[ChartNode] = Field(alias="noder", min_length=1)
    edges: list[ChartEdge] = Field(default_factory=list, alias="kanter")
    draft: bool = Field(False, alias="utkast")
