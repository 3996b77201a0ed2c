"""The site's identity from `content/webbplats.yml` (schema: models/identity.py), checked at load.

Besides the schema's own checks: the logo must be a safe SVG file under content/ (it is served
as /assets/logotyp.svg and drawn in the header and the menu), and the brand colours must meet
WCAG AA contrast (4.5:1) with the white and light grey surfaces the theme puts them on. The
theme's colours are CSS custom properties in a stylesheet generated from the identity.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from trygg.core.sv import format_number
from trygg.models.identity import Identity

if TYPE_CHECKING:
    from trygg.core.loading import LoadContext
    from trygg.core.output import Output
    from trygg.core.problems import Reporter

IDENTITY_FILE = "webbplats.yml"
LOGO_URI = "assets/logotyp.svg"
COLOURS_URI = "assets/webbplats.css"
MAX_LOGO_BYTES = 200_000
# The surfaces the theme puts the brand colour on or under: the page, the contact box and footer.
SURFACES = {"vit": "#ffffff", "ljusgrå (kontaktrutan och sidfoten)": "#f1f3f5"}
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, 1.4.3, normal text
_UNSAFE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "animate", "set", "handler"}


def load_identity(ctx: LoadContext) -> Identity | None:
    """The validated identity, or None after reporting why (a missing file is an error too)."""
    path = ctx.root / "content" / IDENTITY_FILE
    if not path.is_file():
        ctx.reporter(path).error(None, f"webbplatsens identitet saknas (content/{IDENTITY_FILE})",
                                 "skapa filen med organisation, program, kontakt, logotyp och färger; "
                                 "se skrivguiden, avsnittet Webbplatsens identitet")
        return None
    loaded = ctx.read_yaml(path, Identity)
    if loaded is None:
        return None
    parsed, identity = loaded
    report = ctx.reporter(path)
    _check_logo(ctx.root, identity, report, parsed.line(("logotyp", "fil")))
    _check_contrast(identity, report, parsed.line(("färger", "huvudfärg")), parsed.line(("färger", "text")))
    return identity


def logo_path(root: Path, identity: Identity) -> Path:
    return root / "content" / identity.logo.file


def _check_logo(root: Path, identity: Identity, report: Reporter, line: int | None) -> None:
    path = logo_path(root, identity)
    name = identity.logo.file
    if path.suffix.lower() != ".svg" or not path.resolve().is_relative_to((root / "content").resolve()):
        report.error(line, f"logotypen '{name}' ska vara en svg-fil i content/", "skriv till exempel fil: logotyp.svg")
        return
    if not path.is_file():
        report.error(line, f"logotypen '{name}' finns inte i content/", "lägg svg-filen i content/ eller rätta namnet")
        return
    problem = svg_problem(path.read_bytes())
    if problem:
        report.error(line, f"logotypen '{name}' kan inte användas: {problem}",
                     "spara logotypen som en vanlig svg-bild utan skript, länkar eller inbäddade filer")


def svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be served from the site's own address, or None. It is shown as an
    image, but a resident may also open it directly, where a script in it would run."""
    if len(data) > MAX_LOGO_BYTES:
        return f"filen är större än {MAX_LOGO_BYTES // 1000} kB"
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "filen definierar egna entiteter eller en dokumenttyp"
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return "filen går inte att läsa som svg-bild"
    if _local(root.tag) != "svg":
        return "filen är ingen svg-bild"
    for element in root.iter():
        if _local(element.tag).lower() in _UNSAFE_ELEMENTS:
            return f"den innehåller <{_local(element.tag)}>"
        for attribute, value in element.attrib.items():
            name = _local(attribute).lower()
            if name.startswith("on"):
                return f"den innehåller attributet {name}"
            if name == "href" and not value.startswith("#"):
                return "den länkar till en annan fil eller adress"
            if "url(" in value and not re.fullmatch(r"url\(#[^)]*\)", value.strip()):
                return "den hämtar en annan fil"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- colours ------------------------------------------------------------------------------------

def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _check_contrast(identity: Identity, report: Reporter, brand_line: int | None, text_line: int | None) -> None:
    colours = identity.colours
    for field, colour, line in (("huvudfärg", colours.brand, brand_line), ("text", colours.text, text_line)):
        for surface, background in SURFACES.items():
            ratio = contrast(colour, background)
            if ratio < MIN_CONTRAST:
                report.error(line, f"färgen '{field}' ({colour}) har kontrasten {_ratio(ratio)} mot {surface} "
                             f"bakgrund; kravet för text (nivå AA i riktlinjerna för tillgänglighet) är minst 4,5:1",
                             "välj en mörkare färg, till exempel med en kontrastkontroll på webben")


def _ratio(value: float) -> str:
    """A contrast ratio as WCAG writes it, cut (not rounded) to one decimal: 4.49 → '4,4:1'."""
    return format_number(Decimal(int(value * 10)) / 10, "0.0") + ":1"


def _shade(colour: str, factor: float) -> str:
    """The colour darkened (factor < 1) or mixed with white (factor > 1, the share of white + 1)."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    if factor <= 1:
        mixed = [round(c * factor) for c in channels]
    else:
        mixed = [round(c + (255 - c) * (factor - 1)) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@dataclass(frozen=True)
class BrandColours:
    brand: str  # links, the header, marks
    dark: str  # headings and hover: the brand darkened
    text: str


def brand_colours(identity: Identity | None) -> BrandColours:
    """The identity's colours; a neutral dark grey while webbplats.yml has an error (the preview)."""
    if identity is None:
        return BrandColours("#1f2326", "#1f2326", "#1f2326")
    brand = identity.colours.brand
    return BrandColours(brand, _shade(brand, 0.79), identity.colours.text)


def identity_outputs(root: Path, identity: Identity) -> list[Output]:
    """The logo as the site serves it, and the stylesheet of the brand colours."""
    from trygg.core.output import Output

    colours = brand_colours(identity)
    brand, dark = colours.brand, colours.dark
    css = (
        "/* Generated from content/webbplats.yml (färger): the brand colours as CSS custom properties. */\n"
        ":root {\n"
        f"  --trygg-brand: {brand};\n  --trygg-brand-dark: {dark};\n  --trygg-text: {identity.colours.text};\n"
        f"  --md-primary-fg-color: {brand};\n  --md-primary-fg-color--light: {_shade(brand, 1.17)};\n"
        f"  --md-primary-fg-color--dark: {dark};\n  --md-accent-fg-color: {dark};\n"
        f"  --md-typeset-a-color: {brand};\n"
        "}\n"
    )
    source = f"content/{IDENTITY_FILE}"
    return [Output(LOGO_URI, logo_path(root, identity).read_bytes(), f"content/{identity.logo.file}"),
            Output(COLOURS_URI, css, source)]
