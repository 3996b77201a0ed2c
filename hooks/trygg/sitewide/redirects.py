"""Old addresses of moved pages keep working: `content/flyttade-sidor.yml` → redirect pages.

Each entry becomes `<från>/index.html`, a small page that sends the browser on to `till` with a
relative meta refresh (so the site works under any base path) and names the new address as
canonical. Targets are checked against every page of the build, generated or hand-written.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from trygg.core.problems import ContentError, Problem, Reporter
from trygg.core.rendering import Output, SiteInfo, html_template
from trygg.core.source import read_yaml_file
from trygg.core.validation import suggest, validate
from trygg.models.redirect import Redirect

if TYPE_CHECKING:
    from trygg.core.texts import Texts

REDIRECTS_FILE = "content/flyttade-sidor.yml"


def render_redirects(root: Path, outputs: list[Output], site: SiteInfo, texts: Texts) -> list[Output]:
    """Redirect pages for every moved page; raises ContentError when an entry is wrong."""
    path = root / REDIRECTS_FILE
    if not path.exists():
        return []
    problems: list[Problem] = []
    report = Reporter(REDIRECTS_FILE, problems)
    entries = _load(path, report)
    pages = page_addresses(root, outputs)
    pages_out = [_render(entry, site, texts) for entry, line in entries if _check(entry, line, pages, report)]
    if problems:
        raise ContentError(problems)
    return pages_out


def page_addresses(root: Path, outputs: list[Output]) -> set[str]:
    """Every page's address without slashes at the ends ('' is the start page)."""
    sources = [o.uri for o in outputs] + [p.relative_to(root / "docs").as_posix()
                                          for p in (root / "docs").rglob("*.md")]
    return {address(uri) for uri in sources if uri.endswith(".md")}


def address(uri: str) -> str:
    """'moten/x/index.md' → 'moten/x'; 'om-webbplatsen.md' → 'om-webbplatsen'; 'index.md' → ''."""
    stem = uri[:-3]
    return posixpath.dirname(stem) if posixpath.basename(stem) in ("index", "README") else stem


def _load(path: Path, report: Reporter) -> list[tuple[Redirect, int | None]]:
    parsed = read_yaml_file(path, REDIRECTS_FILE, report)
    if parsed is None or parsed.data is None:
        return []
    if not isinstance(parsed.data, list):
        report.error(1, "filen ska vara en lista där varje post börjar med '- från: …'")
        return []
    entries = []
    for index, item in enumerate(parsed.data):
        line = parsed.lines.get((index,))
        redirect = validate(Redirect, item, report, lambda loc, line=line: parsed.lines.get(loc, line), (index,))
        if redirect is not None:
            entries.append((redirect, line))
    return entries


def _check(entry: Redirect, line: int | None, pages: set[str], report: Reporter) -> bool:
    old, new = entry.old.strip("/"), entry.new.split("#")[0].strip("/")
    if old in pages:
        report.error(line, f"'{entry.old}' är en sida som finns, den kan inte samtidigt vara flyttad",
                     "ta bort posten eller sidan")
        return False
    if new not in pages:
        guess = suggest(new, sorted(pages))
        report.error(line, f"'{entry.new}' finns inte som sida",
                     f"menade du '{guess}/'?" if guess else "skriv den nya sidans adress, till exempel moten/<mapp>/")
        return False
    return True


def _render(entry: Redirect, site: SiteInfo, texts: Texts) -> Output:
    old = entry.old.strip("/")
    new, _, anchor = entry.new.partition("#")
    new = new.strip("/")
    relative = posixpath.relpath(new or ".", old) + "/"
    target = ("" if relative == "./" else relative) + (f"#{anchor}" if anchor else "")
    canonical = site.url + (f"{new}/" if new else "") + (f"#{anchor}" if anchor else "")
    html = html_template("redirect.html.j2").render(target=target or "./", canonical=canonical, texts=texts)
    return Output(f"{old}/index.html", html, REDIRECTS_FILE)
