"""Files that writers add and MkDocs publishes as they are: checked before they can be published.

MkDocs copies every file under docs/ into the site unchanged, so a file there is as powerful as
the site's own code. Before a build:

- an SVG (docs/ and content/) must be a picture only: no script, event handler, animation that
  sets attributes, embedded document (foreignObject, iframe), DOCTYPE or stylesheet
  instruction, and nothing it loads from another address (href, url(…), @import) — only
  references inside the file itself (#id) and links (<a href>) to the web;
- files a browser runs (HTML, XML with stylesheets, JavaScript, Flash, WebAssembly) are
  refused, except the project's own scripts directly in docs/assets/ (reviewed as code);
- no file or folder name holds a personal identity number: names become addresses.

Each refusal is an error with the file (and for SVG the line) and what to do.
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat
from pathlib import Path

from trygg.core.personal import check_path_names
from trygg.core.problems import Problem, Reporter

ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".cjs",
                   ".swf", ".wasm", ".svgz", ".hta"}
OWN_SCRIPTS = ("docs/assets/", {".js", ".mjs"})  # the project's own: folder, suffixes
_SVG_REFUSED = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set",
                "animate", "animatemotion", "animatetransform", "discard", "audio", "video", "canvas"}
_EXTERNAL = re.compile(r"url\(\s*['\"]?(?!#)|@import", re.I)
_WEB_LINK = re.compile(r"(?:https?|mailto|tel):", re.I)


def check_writer_files(root: Path) -> list[Problem]:
    """Every problem in files under docs/ and content/ that would be published as they are."""
    problems: list[Problem] = []
    for folder in ("docs", "content"):
        base = root / folder
        for directory, folders, files in os.walk(base):
            folders.sort()
            for name in [*folders, *sorted(files)]:
                path = Path(directory, name)
                rel = path.relative_to(root).as_posix()
                report = Reporter(rel, problems)
                check_path_names(name, report)
                if name in files:
                    _check_file(path, rel, report)
    return problems


def _check_file(path: Path, rel: str, report: Reporter) -> None:
    suffix = path.suffix.lower()
    if suffix == ".svg":
        check_svg(path.read_bytes(), report)
    elif suffix in ACTIVE_SUFFIXES and not _is_own_script(rel, suffix) and rel.startswith("docs/"):
        report.error(None, f"filtypen {suffix} publiceras inte: en sådan fil kan köra kod i besökarens webbläsare",
                     "skriv sidan i Markdown (.md) eller lägg in innehållet som bild eller pdf")


def _is_own_script(rel: str, suffix: str) -> bool:
    folder, suffixes = OWN_SCRIPTS
    return suffix in suffixes and rel.startswith(folder) and "/" not in rel[len(folder):]


def check_svg(data: bytes, report: Reporter) -> None:
    """An error for each part of an SVG file that could run code or load something from elsewhere."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    refuse = _svg_reporter(parser, report)

    def start(name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag.lower() in _SVG_REFUSED:
            refuse(f"elementet <{tag}>")
        for key, value in attributes.items():
            attribute = key.rsplit(" ", 1)[-1]
            if attribute.lower().startswith("on"):
                refuse(f"händelseattributet {attribute}")
            elif attribute == "href" and not _svg_reference_ok(tag, value):
                refuse(f"adressen {attribute}=\"{value[:60]}\"")
            elif _EXTERNAL.search(value):
                refuse(f"attributet {attribute} som hämtar något från en annan adress")

    def text(data: str) -> None:
        if _EXTERNAL.search(data):
            refuse("en stilmall som hämtar något från en annan adress (url(…) eller @import)")

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = lambda *args: refuse("en dokumenttypdeklaration (<!DOCTYPE …>)")
    parser.ProcessingInstructionHandler = lambda target, data: refuse(f"instruktionen <?{target} …?>")
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        report.error(error.lineno, f"svg-bilden går inte att läsa ({xml.parsers.expat.ErrorString(error.code)})",
                     "spara bilden på nytt från ritprogrammet som vanlig svg")


def _svg_reporter(parser, report: Reporter):
    def refuse(what: str) -> None:
        report.error(parser.CurrentLineNumber, f"svg-bilden innehåller {what}, som inte får publiceras: "
                     "en bild får inte köra skript eller hämta något från andra adresser",
                     "spara bilden som vanlig svg utan skript, eller som png")
    return refuse


def _svg_reference_ok(tag: str, value: str) -> bool:
    """A reference inside the file (#id); a link (<a>) may also point to a web page."""
    stripped = value.strip()
    return stripped.startswith("#") or (tag == "a" and bool(_WEB_LINK.match(stripped)))
