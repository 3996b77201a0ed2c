"""Reading content files: bytes → text → front matter + body, and YAML with line numbers.

Nothing here raises for bad content; every defect becomes a `Problem` with the file's line,
so a writer sees all mistakes at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from trygg.core.problems import Problem, Reporter

MAX_FILE_BYTES = 2_000_000
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A Markdown file split into front matter (with a line per key path) and body."""

    path: Path
    rel: str
    meta: dict[str, Any]
    lines: dict[Path_, int]
    body: str
    body_line: int

    def line(self, loc: Path_) -> int | None:
        return line_at(self.lines, loc)


@dataclass
class YamlData:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, loc: Path_) -> int | None:
        return line_at(self.lines, loc)


def line_at(lines: dict[Path_, int], loc: Path_) -> int | None:
    """Best line for a key path: the deepest prefix of `loc` that we know."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps numbers and times as text ('8.30' must not become 8.3).

    Only null, true/false and ISO dates are resolved; the schemas convert the rest, so a
    writer's `8.30` reaches the validator exactly as written.
    """


_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", re.compile(r"^\d{4}-\d\d-\d\d$"), list("0123456789")),
]:
    _Loader.add_implicit_resolver(_tag, _regexp, _first)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same resolvers on libyaml's parser: the fast path for valid files (see parse_yaml)."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _construct_date(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date | str:
    """An ISO date, or the text as written when that day does not exist (2025-02-30), so the
    schema reports it in Swedish instead of PyYAML raising."""
    text = loader.construct_scalar(node)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
MAX_YAML_NODES = 100_000  # far beyond any real file; stops 'billion laughs' alias bombs


def read_text(path: Path, rel: str, report: Reporter) -> str | None:
    """Decode a content file as UTF-8 (BOM allowed); report and return None when impossible."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            report.error(None, f"filen är för stor ({path.stat().st_size // 1000} kB, högst "
                         f"{MAX_FILE_BYTES // 1000} kB)", "dela upp texten i flera sidor")
            return None
        raw = path.read_bytes()
    except IsADirectoryError:
        report.error(None, "det här är en mapp, men namnet slutar som en fil", "byt namn på mappen")
        return None
    except OSError:
        report.error(None, "filen kan inte läsas", "kontrollera att filen finns och att du har behörighet att läsa den")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start: exc.start].decode("utf-8", "replace")) + 1
        report.error(line, "filen är inte sparad som UTF-8 (tecknen kan inte läsas)",
                     "spara filen med teckenkodningen UTF-8 i din editor", column=column)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, report: Reporter, first_line: int = 1) -> YamlData | None:
    """Parse YAML into plain data plus a map from key path to line (1-based, in the file).

    The result is shared, not copied: callers read it and never change it.
    """
    parsed = _parse_valid_yaml(text, first_line)
    return parsed if parsed is not None else _parse_yaml(text, report, first_line)


@functools.lru_cache(maxsize=20_000)
def _parse_valid_yaml(text: str, first_line: int) -> YamlData | None:
    """The parse of YAML without problems, kept per process by its text.

    `mkdocs serve` loads every file again after each save, and parsing was two thirds of that.
    The result is a function of the text alone, so a kept one is never stale. Text with problems
    gives None here and is parsed (and its problems reported) again on every build.
    """
    problems: list[Problem] = []
    parsed = _parse_yaml(text, Reporter("", problems), first_line)
    return None if problems else parsed


def _parse_yaml(text: str, report: Reporter, first_line: int) -> YamlData | None:
    if "\t" in text:
        before = text[: text.index("\t")]
        line = before.count("\n") + first_line
        report.error(line, "tabbtecken i YAML", "använd mellanslag för indrag, inte tabb",
                     column=len(before) - before.rfind("\n"))
        return None
    try:
        # libyaml parses valid files several times faster; the pure-Python parser runs only on a
        # broken file, so writers always get its (translated) error messages.
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        report.error(first_line, "YAML-fel: för många nivåer av listor eller fält i varandra",
                     "skriv innehållet med färre nivåer")
        return None
    except yaml.YAMLError as exc:
        mark = _start_mark(exc)
        line = mark.line + first_line if mark else None
        report.error(line, f"YAML-fel: {_describe_yaml_error(exc)}", _yaml_hint(exc),
                     column=mark.column + 1 if mark else None)
        return None
    if node is None:
        return YamlData(None)
    lines: dict[Path_, int] = {}
    try:
        _map_lines(node, (), lines, first_line, report, set())
    except _Aliased as alias:
        report.error(alias.line, "YAML-referenser (&namn och *namn) används inte i innehållet",
                     "skriv ut texten på varje ställe i stället")
        return None
    except RecursionError:
        report.error(first_line, "YAML-fel: för många nivåer av listor eller fält i varandra",
                     "skriv innehållet med färre nivåer")
        return None
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(mark.line + first_line if mark else None, f"YAML-fel: {_describe_yaml_error(exc)}",
                     column=mark.column + 1 if mark else None)
        return None
    finally:
        loader.dispose()
    return YamlData(data, lines)


class _Aliased(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _map_lines(node: yaml.Node, path: Path_, out: dict[Path_, int], first: int, report: Reporter,
               visited: set[int]) -> None:
    # An alias is the same node object met twice; content never needs them and they can explode.
    if id(node) in visited or len(visited) > MAX_YAML_NODES:
        raise _Aliased(node.start_mark.line + first)
    visited.add(id(node))
    out[path] = node.start_mark.line + first
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                report.error(key_node.start_mark.line + first, f"fältet '{key}' finns två gånger",
                             "ta bort det ena")
            seen.add(key)
            out[(*path, key)] = key_node.start_mark.line + first
            _map_lines(value_node, (*path, key), out, first, report, visited)
            out[(*path, key)] = key_node.start_mark.line + first
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*path, index), out, first, report, visited)


def _start_mark(exc: yaml.YAMLError) -> yaml.Mark | None:
    """Where the writer's mistake starts. A scanner error ('while scanning a quoted scalar')
    marks the start of the value it could not finish: an unclosed quote on line 2 is reported on
    line 2, not at the end of the block where YAML gave up. Other errors: YAML's problem mark
    (a parser's context mark is the start of the whole mapping, which says nothing)."""
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context.startswith("while scanning") and context_mark is not None:
        return context_mark
    return getattr(exc, "problem_mark", None)


def _yaml_hint(exc: yaml.YAMLError) -> str:
    if (getattr(exc, "context", None) or "").startswith("while scanning a quoted scalar"):
        return "avsluta texten med samma citattecken som den börjar med, på samma rad"
    return "kontrollera kolon, citattecken och indrag på raden och raden ovanför"


def _describe_yaml_error(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    translations = {
        "mapping values are not allowed here": "ett kolon står där det inte får stå — sätt texten inom citattecken",
        "could not find expected ':'": "ett kolon saknas efter fältnamnet",
        "found character that cannot start any token": "ett tecken som inte får inleda ett värde — sätt texten inom citattecken",
        "found unexpected end of stream": "texten tar slut mitt i ett värde — ett citattecken stängs inte",
        "expected <block end>, but found '-'": "en listpunkt har fel indrag",
        "did not find expected key": "indraget stämmer inte med raderna ovanför",
        "did not find expected '-' indicator": "en listpunkt har fel indrag",
        "found undefined alias": "en YAML-referens (*namn) som inte finns",
        "could not determine a constructor for the tag": "en YAML-tagg (ett ord som börjar med !) som inte "
                                                         "används här — sätt texten inom citattecken",
        "found unhashable key": "ett fältnamn är en lista eller flera fält — skriv fältnamnet som text",
        "but found another document": "filen innehåller flera YAML-dokument (en rad med ---)",
        "found unknown escape character": "ett okänt tecken efter \\ — skriv \\\\ eller använd enkla citattecken",
    }
    for english, swedish in translations.items():
        if english in problem:
            return swedish
    return "texten kan inte tolkas som YAML"


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)(?:^---[ \t]*$|^\.\.\.[ \t]*$)\n?", re.S | re.M)


def read_document(path: Path, rel: str, report: Reporter, *, require_meta: bool = True) -> Document | None:
    """Read a Markdown file with YAML front matter between `---` lines."""
    text = read_text(path, rel, report)
    if text is None:
        return None
    if not text.strip():
        report.error(1, "filen är tom", "skriv sidhuvudet (---) och texten, eller ta bort filen")
        return None
    if not text.startswith("---"):
        if require_meta:
            report.error(1, "sidhuvudet saknas: filen ska börja med en rad med tre bindestreck (---)",
                         "se skrivguiden för ett exempel")
            return None
        return Document(path, rel, {}, {}, text, 1)
    match = _FRONT_MATTER.match(text)
    if not match:
        report.error(1, "sidhuvudet avslutas aldrig", "lägg till en rad med tre bindestreck (---) efter sidhuvudet")
        return None
    parsed = parse_yaml(match.group(1), report, first_line=2)
    if parsed is None:
        return None
    if parsed.data is None:
        parsed = YamlData({}, {(): 1})
    if not isinstance(parsed.data, dict):
        report.error(2, "sidhuvudet ska bestå av fält som 'titel: …'", "se skrivguiden för ett exempel")
        return None
    body_line = text[: match.end()].count("\n") + 1
    return Document(path, rel, parsed.data, parsed.lines, text[match.end():], body_line)


def read_yaml_file(path: Path, rel: str, report: Reporter) -> YamlData | None:
    text = read_text(path, rel, report)
    if text is None:
        return None
    return parse_yaml(text, report)
