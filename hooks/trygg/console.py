"""What a writer reads in the terminal: MkDocs' routine lines in Swedish, its configuration errors
with the fix, and the project's configuration checked before MkDocs starts.

- `translate(message)`: one MkDocs log message → its Swedish text, or None for lines a writer
  need not read ('Cleaning site directory'). Messages not listed pass unchanged;
- `SwedishLog`: a logging filter doing that, set on MkDocs' console handler by the hook;
- `config_problems(root)`: the folders and files mkdocs.yml names (docs_dir, watch, the theme's
  custom_dir, hooks) that a writer can delete or rename, as Problems with the fix, so
  `trygg check`, `trygg build` and `trygg serve` say it in Swedish before MkDocs aborts in English.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from pathlib import Path

import yaml

from trygg.core.problems import Problem
from trygg.core.sv import format_number

_TIME = r"(?P<time>\[\d\d:\d\d:\d\d\] )?"
_MESSAGES: list[tuple[re.Pattern, str | None]] = [(re.compile(_TIME + pattern + r"$", re.S), swedish) for pattern, swedish in [
    (r"Cleaning site directory", None),
    (r"Building documentation to directory: (?P<a>.*)", "Bygger webbplatsen i {a}"),
    (r"Building documentation\.\.\.", "Bygger webbplatsen …"),
    (r"Documentation built in (?P<a>[\d.]+) seconds", "Webbplatsen byggdes på {a} sekunder"),
    (r"Watching paths for changes: (?P<a>.*)", "Bevakar ändringar i {a}"),
    (r"Serving on (?P<a>\S+)(?: and opening it in a browser)?", "Förhandsvisningen finns på {a}"),
    (r"Detected file changes", "Ändringar sparade – bygger om"),
    (r"Reloading browsers", "Laddar om webbläsaren"),
    (r"Browser connected: (?P<a>.*)", None),
    (r"Shutting down\.\.\.", "Förhandsvisningen stängs …"),
    (r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:.*", None),
    (r"Config value '(?P<a>[^']+)': The path '?(?P<b>.*?)'? isn't an existing (?:file or )?directory\.?",
     "mkdocs.yml: '{a}' pekar på {b}, som inte finns (återskapa mappen, till exempel med "
     "'git checkout -- {b}', eller ta bort den ur '{a}:' i mkdocs.yml)"),
    (r"Aborted with (?P<a>\d+) warnings in strict mode!", "Avbrutet: {a} varningar, och mkdocs.yml säger strict "
     "(varningar stoppar bygget). Rätta dem och bygg igen."),
    (r"Config value 'theme': The path set in custom_dir \('(?P<a>.*)'\) does not exist\.",
     "mkdocs.yml: 'theme: custom_dir' pekar på {a}, som inte finns (återskapa mappen, till exempel med "
     "'git checkout -- overrides', eller ta bort raden ur mkdocs.yml)"),
    (r"Aborted with a configuration error!", "Avbrutet: ett fel i mkdocs.yml (se ovan)."),
    (r"Aborted with (?P<a>\d+) configuration errors!", "Avbrutet: {a} fel i mkdocs.yml (se ovan)."),
    (r"Doc file '(?P<a>[^']+)' contains a link '(?P<b>[^']+)', but the target '[^']*' is not found among "
     r"documentation files\.(?P<c>.*)", "sidan {a}: länken '{b}' pekar på en sida eller fil som inte finns "
     "(kör trygg check: den säger var länken står och vad som är fel)"),
]]


def translate(message: str) -> str | None:
    """MkDocs' message in Swedish; None for a routine line nobody needs; others unchanged."""
    for pattern, swedish in _MESSAGES:
        match = pattern.match(message)
        if match:
            if swedish is None:
                return None
            values = {k: format_number(Decimal(v)) if re.fullmatch(r"\d+\.\d+", v or "") else v
                      for k, v in match.groupdict().items() if k != "time"}
            return (match.group("time") or "") + swedish.format(**values)
    return message


class SwedishLog(logging.Filter):
    """A handler filter: MkDocs' console lines in Swedish (the strict-mode counter sees every
    warning still: only info lines are dropped)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        swedish = translate(message)
        if swedish is None:
            return record.levelno >= logging.WARNING
        if swedish != message:
            record.msg, record.args = swedish, ()
        return True


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its paths; MkDocs' own tags (!ENV, !relative) are not needed here."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def config_problems(root: Path) -> list[Problem]:
    """The paths in mkdocs.yml that do not exist, each with the fix, in Swedish."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return []  # MkDocs says what is wrong with the file itself
    named = [("docs_dir", config.get("docs_dir") or "docs")]
    named += [("watch", path) for path in config.get("watch") or [] if isinstance(path, str)]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        named.append(("theme: custom_dir", theme["custom_dir"]))
    named += [("hooks", path) for path in config.get("hooks") or [] if isinstance(path, str)]
    return [Problem("mkdocs.yml", None, f"'{key}' pekar på '{path}', som inte finns",
                    f"återskapa den, till exempel med 'git checkout -- {path}', eller ta bort den ur '{key}' "
                    "i mkdocs.yml") for key, path in named if not (root / path).exists()]
