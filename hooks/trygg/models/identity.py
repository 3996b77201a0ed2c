"""The site's identity (`content/webbplats.yml`): who publishes, which programme, the logo, the
brand colour, the public address, the language, and who residents contact.

Every template, feed, calendar, API document, PDF, skeleton and command-line text reads these
facts; nothing about a particular municipality is written in code.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from trygg.models.common import Schema, Text

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")


def _check_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' är ingen färg; skriv den som #005a8c (# och sex tecken 0–9, a–f)")
    return value.lower()


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+", value):
        raise ValueError(f"'{value}' är ingen webbadress; skriv hela adressen, till exempel https://www.kommun.se/")
    return value


def _check_org_number(value: Any) -> Any:
    if value is not None and not _ORG_NUMBER.match(str(value).strip()):
        raise ValueError(f"'{value}' är inget organisationsnummer; skriv det som 212000-0000")
    return value


Colour = Annotated[Text, AfterValidator(_check_colour)]
Url = Annotated[Text, AfterValidator(_check_url)]
OrgNumber = Annotated[Text, BeforeValidator(_check_org_number)]


class Publisher(Schema):
    name: Text = Field(alias="namn")
    org_number: OrgNumber | None = Field(None, alias="organisationsnummer")
    address: Text | None = Field(None, alias="adress")  # postal address, as one line
    website: Url | None = Field(None, alias="webbplats")
    email: Text | None = Field(None, alias="e-post")
    phone: Text | None = Field(None, alias="telefon")


class Programme(Schema):
    name: Text = Field(alias="namn")  # the site's name, e.g. "Trygg i Exempelstad"
    description: Text = Field(alias="beskrivning")  # one sentence: the start page's and search engines' summary
    # What the work is for, as it reads after "arbetet för …" in list intros: "en trygg och säker kommun"
    aim: Text = Field(alias="syfte")


class Contact(Schema):
    """Who residents contact: a named person or function, with e-mail and/or phone."""

    name: Text = Field(alias="namn")
    unit: Text | None = Field(None, alias="funktion")  # the office or role, e.g. a department
    email: Text | None = Field(None, alias="e-post")
    phone: Text | None = Field(None, alias="telefon")  # as the source writes it
    website: Url | None = Field(None, alias="webbplats")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.email or self.phone):
            raise ValueError("kontakten behöver e-post eller telefon, så att invånare kan nå någon")
        return self


class Logo(Schema):
    file: Text = Field(alias="fil")  # an SVG file under content/, e.g. logotyp.svg
    alt: Text = Field(alias="alt")  # the logo's text alternative, e.g. "Exempelstads logotyp"


class Colours(Schema):
    brand: Colour = Field(alias="huvudfärg")  # the header, links and marks; on white and under white text
    text: Colour = Field("#1f2326", alias="text")


class Identity(Schema):
    publisher: Publisher = Field(alias="organisation")
    programme: Programme = Field(alias="program")
    contact: Contact = Field(alias="kontakt")
    logo: Logo = Field(alias="logotyp")
    colours: Colours = Field(alias="färger")
    url: Url | None = Field(None, alias="webbadress")  # the public address, e.g. https://trygg.kommun.se/
    language: Literal["sv"] = Field("sv", alias="språk")
