"""The generated parts of the writers' guide (skrivguide): every message and every example page.

- `message_catalogue()` reads the trygg package's own source (with `ast`) and collects every
  Swedish message a writer can get — `Reporter.error/warning/reminder(...)`, `Problem(...)`, the
  `ValueError`s of the schemas' field types and the translated YAML and schema errors — with
  its hint. Generated from the code at each build, so the guide cannot drift from it.
- `render_guide()` renders two pages for the site: `skrivguide/meddelanden.md` (the catalogue)
  and `skrivguide/exempel.md` (the `trygg new` skeleton of every content type, in full).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from trygg.core.rendering import Output, escape_text
from trygg.core.skeleton import names_from_register
from trygg.writers.new import skeletons

if TYPE_CHECKING:
    from trygg.core.content import Content

PACKAGE = Path(__file__).parents[1]  # the trygg package
GUIDE_DIR = "skrivguide"
_NOT_MESSAGES = {"writers/new.py", "writers/guide.py", "cli.py"}  # page templates and command-line help, not problems
_REPORT_METHODS = {"error": "fel", "warning": "varning", "reminder": "varning"}
# Dictionaries of Swedish message texts, by (module, variable name), and how their values read.
_MESSAGE_TABLES = {("validation.py", "_TYPE_MESSAGES"): "'…' {}", ("source.py", "translations"): "YAML-fel: {}"}


@dataclass(frozen=True)
class Message:
    area: str  # the module, e.g. 'content.py'
    severity: str  # 'fel' or 'varning'
    text: str  # with '…' where the message names a field, value or file
    hint: str | None

    def pattern(self) -> re.Pattern:
        """A regex matching the message as a writer sees it (placeholders match anything)."""
        parts = [re.escape(p) for p in self.text.split("…")]
        return re.compile(".*?".join(parts), re.S)


@lru_cache(maxsize=1)
def message_catalogue() -> tuple[Message, ...]:
    found: set[Message] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        area = path.relative_to(PACKAGE).as_posix()
        if area in _NOT_MESSAGES:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in _nodes_outside_skeletons(tree):
            found.update(_messages_in(node, area))
    return tuple(sorted((m for m in found if _is_swedish_message(m.text)),
                        key=lambda m: (m.severity, m.text, m.hint or "", m.area)))  # not by file: files move


def _nodes_outside_skeletons(tree: ast.AST) -> list[ast.AST]:
    """Every node but those of a type's skeleton (`*_skeleton`, trygg.core.skeleton): its
    (path, text) return is an example page, not a message."""
    skipped = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name.endswith("_skeleton")
               for n in ast.walk(f)}
    return [n for n in ast.walk(tree) if id(n) not in skipped]


def _messages_in(node: ast.AST, area: str) -> list[Message]:
    if isinstance(node, ast.Call):
        return _call_messages(node, area)
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        shape = next((_MESSAGE_TABLES[(area.split("/")[-1], n)] for n in names
                      if (area.split("/")[-1], n) in _MESSAGE_TABLES), None)
        if shape:
            return [Message(area, "fel", shape.format(_text(v)), None) for v in node.value.values if _text(v)]
    if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
        message, hint = (_text(e) for e in node.value.elts)
        if message:
            return [Message(area, "fel", message, hint)]
    return []


def _call_messages(node: ast.Call, area: str) -> list[Message]:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    args = list(node.args)
    keywords = {k.arg: k.value for k in node.keywords}
    if name in _REPORT_METHODS and len(args) >= 2:
        return [Message(area, _REPORT_METHODS[name], _text(args[1]) or "…",
                        _text(args[2]) if len(args) > 2 else _text(keywords.get("hint")))]
    if name == "Problem" and len(args) >= 3:
        warning = any("WARNING" in ast.unparse(a) for a in args[4:5])
        return [Message(area, "varning" if warning else "fel", _text(args[2]) or "…",
                        _text(args[3]) if len(args) > 3 else None)]
    if name == "ValueError" and args and _text(args[0]):
        return [Message(area, "fel", f"'…': {_text(args[0])}", None)]
    return []


def _text(node: ast.AST | None) -> str | None:
    """A string literal or f-string as text, with '…' for each interpolated value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return (left or "…") + (right or "…") if (left or right) else None
    if isinstance(node, ast.IfExp):
        return _text(node.body) or _text(node.orelse)
    return None


def _is_swedish_message(text: str) -> bool:
    # A message is words: a path a function returns ('…/index.md', a menu's page) is not one.
    return bool(re.search(r"[a-zåäö]{3}", text)) and " " in text.strip() and not text.startswith(("http", "/", "."))


# --- pages ---------------------------------------------------------------------------------------

@lru_cache(maxsize=None)  # one per process: the preview's rebuilds reuse the compiled templates
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("trygg", "templates"), trim_blocks=True, lstrip_blocks=True,
                             comment_start_string="{##", comment_end_string="##}", undefined=jinja2.StrictUndefined)
    env.filters["t"] = escape_text
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    env.filters["md"] = lambda text: re.sub(r"([\\`*_\[\]])", r"\\\1", str(text))
    env.filters["advice"] = _advice
    return env


def render_guide(today: dt.date, content: Content) -> list[Output]:
    """The guide's generated pages; the examples name only what the site's own register holds."""
    env = _environment()
    areas: dict[str, list[Message]] = {}
    for message in message_catalogue():
        areas.setdefault(_AREA_TITLES.get(message.area, "Övrigt"), []).append(message)
    names = names_from_register(content.register)
    examples = [(kind, *make("Rubrik på sidan", "rubrik-pa-sidan", today, names)) for kind, make in skeletons().items()]
    return [
        Output(f"{GUIDE_DIR}/meddelanden.md", env.get_template("guide_messages.md.j2").render(
            areas=sorted(areas.items(), key=lambda a: _AREA_ORDER.index(a[0]) if a[0] in _AREA_ORDER else 99))),
        Output(f"{GUIDE_DIR}/exempel.md", env.get_template("guide_examples.md.j2").render(examples=examples)),
    ]


def _advice(message: Message) -> str:
    """What to do: the message's own hint, or general advice for the kinds that carry none."""
    if message.hint:
        return message.hint.replace("…", "(…)") if message.hint == "…" else message.hint
    for start, advice in _ADVICE.items():
        if message.text.startswith(start) or start in message.text:
            return advice
    return "rätta det som meddelandet beskriver på raden som anges"


_ADVICE = {
    "YAML-fel": "titta på raden och raden ovanför: kolon efter fältnamnet, citattecken runt text med kolon, "
                "samma indrag som raderna bredvid",
    "finns inte i registret": "skriv namnet eller förkortningen som i content/organisation/, eller lägg till posten där",
    "okänt fält": "rätta stavningen av fältnamnet (förslaget står i meddelandet) eller ta bort raden",
    "är inget tillåtet värde": "välj ett av värdena i förslaget",
    "okänt ord": "rätta stavningen, eller lägg till ordet i content/ordlista.txt om det är ett namn eller fackord",
    "ankaret": "länka till en rubrik som finns; ankarna på sidan står i meddelandet",
    "pekar på en sida eller fil som inte finns": "rätta adressen; förslaget står i meddelandet",
    "ska vara": "skriv värdet som meddelandet beskriver",
    "får inte vara tom": "skriv ett värde efter kolonet",
    "klockslag": "skriv tiden som 8.30 eller 13.45",
    "tidsperiod": "skriv start och slut med tankstreck: 8.30–8.40",
    "datum": "skriv datumet som 2025-05-24",
    "sluttiden": "rätta start- eller sluttiden",
    "organisationen": "skriv organisationens namn eller förkortning som i organisationer.yml",
    "filen ska vara en lista": "börja varje post med '- ' och fälten under med två mellanslag",
    "finns inte som sida": "skriv adressen till en sida som finns",
}


_AREA_TITLES = {
    "core/source.py": "Filen och sidhuvudet", "core/validation.py": "Fälten i sidhuvudet",
    "models/common.py": "Tider och datum", "models/event.py": "Tider och datum",
    "core/content.py": "Möten, nyheter och registret", "core/register.py": "Möten, nyheter och registret",
    "core/loading.py": "Möten, nyheter och registret", "types/events/__init__.py": "Möten, nyheter och registret",
    "types/articles/__init__.py": "Möten, nyheter och registret",
    "writers/pagecheck.py": "Länkar, bilder och rubriker",
    "writers/writing.py": "Stavning och läsbarhet", "core/personal.py": "Personuppgifter",
    "pipeline.py": "Hela webbplatsen", "markdown/sanitize.py": "HTML, bilder och säkerhet",
    "core/writer_files.py": "HTML, bilder och säkerhet", "types/handbooks/pdf.py": "HTML, bilder och säkerhet",
}
_AREA_ORDER = ["Filen och sidhuvudet", "Fälten i sidhuvudet", "Tider och datum",
               "Möten, nyheter och registret", "Länkar, bilder och rubriker", "HTML, bilder och säkerhet",
               "Personuppgifter",
               "Stavning och läsbarhet", "Hela webbplatsen", "Övrigt"]
