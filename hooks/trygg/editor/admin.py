"""The editor's files under /admin/: its page, its generated config.json, our start script, and
Decap CMS's own script from editor/node_modules (installed by scripts/_editor.sh, a pinned version).

The page is for writers, not residents: it is a static file (not a page of the site), so it is
in no menu, no sitemap and no search index, and it says noindex. Everything it loads comes from
the site's own host; its Content-Security-Policy says so, with the two exceptions the editor
needs: the local backend (decap-server on this machine, ./scripts/serve) and GitHub's API.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from trygg.core.rendering import Output
from .config import HANDBOOK_DIR, editor_config

if TYPE_CHECKING:
    from collections.abc import Iterable

    from trygg.core.content import Content
    from trygg.core.contenttype import ContentType
    from trygg.core.rendering import SiteInfo

ADMIN_DIR = "admin"
PACKAGE_DIR = Path("editor")  # under the project root: package.json and package-lock.json
DIST = PACKAGE_DIR / "node_modules" / "decap-cms" / "dist"
YAML_DIST = PACKAGE_DIR / "node_modules" / "yaml" / "browser" / "dist"  # eemeli/yaml 2, ES modules, for formats.js
HANDBOOK_FILE = "handbok.yml"
CONFIG = "config.json"  # start.js reads it and starts Decap with it (load_config_file: false)
BUNDLE = "decap-cms.js"  # the main script; its lazily loaded parts are "<n>.decap-cms.js" beside it
START_SCRIPT = Path(__file__).with_name("start.js")
FORMATS_SCRIPT = Path(__file__).with_name("formats.js")  # our file formats, which keep comments (see there)
NAMES_SCRIPT = Path(__file__).with_name("names.js")  # names for Decap's unnamed controls (screen readers)
SWEDISH = Path(__file__).with_name("sv.json")  # the Swedish texts Decap's own sv locale lacks
_GITHUB = re.compile(r"^https://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$")
# 'unsafe-eval': Decap validates its configuration with ajv, which compiles the schema to a function;
# 'unsafe-inline' styles: its components style themselves at run time (emotion).
POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob: https://avatars.githubusercontent.com; font-src 'self' data:; "
          "connect-src 'self' blob: data: http://localhost:* http://127.0.0.1:* https://api.github.com; "
          "frame-src 'self' blob: about:; worker-src 'self' blob:; base-uri 'self'; form-action 'self'; "
          "object-src 'none'")


@dataclass(frozen=True)
class EditorSite:
    """What the editor's files need from the loaded content; the hook adds the site's stylesheets."""

    config: dict[str, Any]
    title: str
    no_script: str
    # Swedish labels for Decap's own picture dialogue in the Markdown field (start.js relabels it)
    picture: dict[str, Any] = field(default_factory=dict)
    # Swedish names for Decap's controls that have none (names.js gives them)
    names: dict[str, str] = field(default_factory=dict)

    def outputs(self, stylesheets: list[str], repo_url: str | None, auth_url: str | None = None) -> list[Output]:
        """admin/index.html, admin/config.json, admin/start.js, admin/formats.js, admin/names.js and
        admin/sv.json. `stylesheets` are the site's own (as published, under the site root): the
        preview draws a draft with them.
        `repo_url` names the GitHub repository; `auth_url` is the OAuth exchange service that
        signs writers in with GitHub (TRYGG_EDITOR_AUTH_URL, see the README)."""
        config = dict(self.config)
        match = _GITHUB.match(repo_url or "")
        if match:
            config["backend"] = {**config["backend"], "repo": match.group(1)}
        if auth_url:
            config["backend"] = {**config["backend"], "base_url": auth_url}
        return [Output(f"{ADMIN_DIR}/index.html", self._page(stylesheets)),
                Output(f"{ADMIN_DIR}/{CONFIG}", config_json(config)),
                Output(f"{ADMIN_DIR}/start.js", START_SCRIPT.read_text("utf-8")),
                Output(f"{ADMIN_DIR}/formats.js", FORMATS_SCRIPT.read_text("utf-8")),
                Output(f"{ADMIN_DIR}/names.js", NAMES_SCRIPT.read_text("utf-8")),
                Output(f"{ADMIN_DIR}/sv.json", SWEDISH.read_text("utf-8"))]

    def _page(self, stylesheets: list[str]) -> str:
        previews = [f"../{uri}" for uri in stylesheets if "://" not in uri]
        return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{html.escape(self.title)}</title>
<link rel="icon" href="../assets/favicon.svg">
<meta name="trygg-preview-styles" content="{html.escape(json.dumps(previews))}">
<meta name="trygg-picture" content="{html.escape(json.dumps(self.picture, ensure_ascii=False))}">
<meta name="trygg-names" content="{html.escape(json.dumps(self.names, ensure_ascii=False))}">
</head>
<body>
<noscript><p>{html.escape(self.no_script)}</p></noscript>
<script src="names.js"></script>
<script src="start.js"></script>
</body>
</html>
"""


def prepare_editor(content: Content, site: SiteInfo, types: Iterable[ContentType]) -> EditorSite:
    """The editor for every registered content type (`types`: trygg.registry), whether or not the
    site has a page of that type yet: a writer may start the first one in the editor."""
    names = sorted({written for written, _ in content.register.written_names()}, key=str.casefold)
    config = editor_config(types, content.texts, names, repo=None, site_url=site.url, data=content.extra,
                           handbooks=_handbooks(content.root))
    texts = content.texts
    picture = {"label": texts["redigeraren.bild"],
               "fields": {"image": texts["redigeraren.bild"], "alt": texts["redigeraren.bild.alt"],
                          "title": texts["redigeraren.bild.titel"]}}
    names = {key: texts[f"redigeraren.namn.{name}"] for key, name in (
        ("preview", "förhandsvisning"), ("markdown", "markdown"), ("move", "flytta"), ("fold", "fäll"),
        ("remove", "ta_bort"))}
    return EditorSite(config, texts["redigeraren.titel"], texts["redigeraren.utan_javascript"], picture, names)


def _handbooks(root: Path) -> list[tuple[str, str]]:
    """(folder, title) of every handbook in content/, drafts too: a writer edits those as well."""
    found = []
    for path in sorted((root / "content" / HANDBOOK_DIR).glob(f"*/{HANDBOOK_FILE}")):
        try:
            title = yaml.safe_load(path.read_text("utf-8"))["titel"]
        except (OSError, yaml.YAMLError, TypeError, KeyError):
            title = None  # trygg check names the mistake; the chapters are still editable
        found.append((path.parent.name, str(title or path.parent.name)))
    return found


def config_json(config: dict[str, Any]) -> str:
    """Decap's configuration as JSON: every web server sends .json as application/json, while
    Decap ignores a config.yml sent as anything but YAML (neither nginx nor Python serve .yml so)."""
    return json.dumps(config, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def bundle_files(root: Path) -> list[tuple[str, Path]]:
    """(address under the site, file) of Decap's scripts and the YAML library's modules (under
    admin/yaml/, as formats.js imports them); empty when editor/ is not installed."""
    dist, yaml_dist = root / DIST, root / YAML_DIST
    if not (dist / BUNDLE).is_file() or not (yaml_dist / "index.js").is_file():
        return []
    found = [dist / BUNDLE, *sorted(dist.glob(f"*.{BUNDLE}"))]
    modules = sorted(yaml_dist.rglob("*.js"))
    return [*((f"{ADMIN_DIR}/{path.name}", path) for path in found),
            *((f"{ADMIN_DIR}/yaml/{path.relative_to(yaml_dist).as_posix()}", path) for path in modules)]
