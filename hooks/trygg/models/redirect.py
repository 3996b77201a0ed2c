"""A moved page (flyttad sida): `content/flyttade-sidor.yml`, a list of old and new addresses."""

from __future__ import annotations

from pydantic import Field

from trygg.models.common import Schema, Text


class Redirect(Schema):
    old: Text = Field(alias="från")  # the old address, e.g. moten/gammalt-namn/
    new: Text = Field(alias="till")  # the page it moved to, e.g. moten/nytt-namn/ (may end in #ankare)
