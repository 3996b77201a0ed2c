"""Page bundles: images and files saved beside a page's source are published beside the page.

Input: the generated pages (each `Output` names the content file it came from) and that file's
Markdown. Output: one `Output` per local image or file the text links to by a relative path —
`![Karta](karta.jpg)` in `content/nyheter/a.md` publishes `content/nyheter/karta.jpg` as
`nyheter/a/karta.jpg`, beside the page `nyheter/a/index.md`, so the link works unchanged — and
problems: a linked file that is missing (an error naming where images go), too large (an error)
or a very large image (a warning for `trygg check`). Like Hugo's page bundles: a page's pictures
live with the page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from trygg.core.problems import Problem, Reporter
from trygg.core.rendering import Output
from trygg.core.source import read_document
from trygg.core.sv import format_megabytes
from trygg.writers.pagecheck import is_media, links_in, missing_hint

MAX_BYTES = 20_000_000  # a page's file larger than this is not published
LARGE_IMAGE_BYTES = 1_000_000  # an image larger than this is slow on a phone


@dataclass(frozen=True)
class Bundled:
    outputs: list[Output]
    errors: list[Problem]  # stop the build
    warnings: list[Problem]  # `trygg check` only: the build publishes the file


def bundle_files(root: Path, outputs: list[Output]) -> Bundled:
    """The images and files beside every Markdown page source, published beside each page that
    shows that text (a handbook chapter's pictures also beside the whole book's page)."""
    result = Bundled([], [], [])
    usable = _check_sources(root, outputs, result)
    published: set[str] = set()
    for output in outputs:
        if not (output.source and output.uri.endswith(".md") and isinstance(output.content, str)):
            continue
        folder = posixpath.dirname(output.source)
        for target in _media_targets(output.content):
            source_path = posixpath.normpath(posixpath.join(folder, target))
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(output.uri), target))
            if source_path in usable and uri not in published:
                published.add(uri)
                result.outputs.append(Output(uri, (root / source_path).read_bytes(), source_path))
    return result


def _check_sources(root: Path, outputs: list[Output], result: Bundled) -> set[str]:
    """Each page source's relative links to images and files, checked where the writer wrote
    them; the files that may be published (paths relative to the project)."""
    usable: set[str] = set()
    for source in _markdown_sources(outputs):
        report = Reporter(source, result.errors)
        for link in _relative_media_links(root, source):
            path = (root / posixpath.dirname(source) / link[1]).resolve()
            if _publishable(root, path, link, source, report, result):
                usable.add(posixpath.normpath(posixpath.join(posixpath.dirname(source), link[1])))
    return usable


def _media_targets(markdown: str) -> list[str]:
    """Relative image and file paths a page's Markdown links to."""
    found = []
    for link in links_in(markdown, 1):
        target = unquote(link.target.strip().split("#")[0].split("?")[0])
        if target and not target.startswith("/") and ":" not in target and is_media(target):
            found.append(posixpath.normpath(target))
    return found


def _markdown_sources(outputs: list[Output]) -> list[str]:
    """Every Markdown source a page is written from, once (a meeting's notes belong to its page:
    Output.more_sources)."""
    return list(dict.fromkeys(source for output in outputs
                              if output.source and output.source.endswith(".md") and output.uri.endswith("index.md")
                              for source in (output.source, *output.more_sources)))


def _relative_media_links(root: Path, source: str) -> list[tuple[int, str, int, bool]]:
    """(line, path, column, image?) of each relative link to an image or file in a source."""
    doc = read_document(root / source, source, Reporter(source, []), require_meta=False)
    if doc is None:
        return []
    found = []
    for link in links_in(doc.body, doc.body_line):
        target = unquote(link.target.strip().split("#")[0].split("?")[0])
        if not target or target.startswith("/") or ":" in target or not is_media(target):
            continue
        if posixpath.normpath(target).startswith("../"):
            continue  # outside the page's folder: pagecheck reports links leaving the site
        found.append((link.line, posixpath.normpath(target), link.column, link.image))
    return found


def _publishable(root: Path, path: Path, link: tuple[int, str, int, bool], source: str, report: Reporter,
                 result: Bundled) -> bool:
    line, target, column, image = link
    folder = posixpath.dirname(source)
    if not path.is_file() or not path.is_relative_to((root / "content").resolve()):
        what = "bilden" if image else "filen"
        report.error(line, f"{what} '{target}' finns inte bredvid sidan i {folder}/", missing_hint(folder, image),
                     column=column)
        return False
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.error(line, f"filen '{target}' är för stor för webbplatsen ({format_megabytes(size)} MB, högst "
                     f"{MAX_BYTES // 1_000_000} MB)", "förminska filen eller dela upp den", column=column)
        return False
    if image and size > LARGE_IMAGE_BYTES:
        Reporter(source, result.warnings).warning(
            line, f"bilden '{target}' är stor ({format_megabytes(size)} MB) och laddas långsamt i en mobil",
            "spara den mindre, till exempel högst 2000 pixlar bred som JPEG", column=column)
    return True

