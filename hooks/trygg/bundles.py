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

from .pagecheck import is_media, links_in, missing_hint
from .problems import Problem, Reporter
from .render import Output
from .source import read_document

MAX_BYTES = 20_000_000  # a page's file larger than this is not published
LARGE_IMAGE_BYTES = 1_000_000  # an image larger than this is slow on a phone


@dataclass(frozen=True)
class Bundled:
    outputs: list[Output]
    errors: list[Problem]  # stop the build
    warnings: list[Problem]  # `trygg check` only: the build publishes the file


def bundle_files(root: Path, outputs: list[Output]) -> Bundled:
    """The images and files beside every Markdown page source, published beside its page."""
    result = Bundled([], [], [])
    published: set[str] = set()
    for page, source in _pages_with_markdown(root, outputs):
        report = Reporter(source, result.errors)
        for link in _relative_media_links(root, source):
            path = (root / posixpath.dirname(source) / link[1]).resolve()
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(page), link[1]))
            if uri in published or not _publishable(root, path, link, source, report, result):
                continue
            published.add(uri)
            result.outputs.append(Output(uri, path.read_bytes(), source))
    return result


def _pages_with_markdown(root: Path, outputs: list[Output]) -> list[tuple[str, str]]:
    """(page uri, Markdown source) for every page written in Markdown; an event's notes belong
    to its page."""
    pairs = []
    for output in outputs:
        if output.source and output.source.endswith(".md") and output.uri.endswith("index.md"):
            pairs.append((output.uri, output.source))
            if output.source.endswith("/program.md"):
                notes = output.source.removesuffix("program.md") + "anteckningar.md"
                if (root / notes).is_file():
                    pairs.append((output.uri, notes))
    return pairs


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
        report.error(line, f"filen '{target}' är för stor för webbplatsen ({_megabytes(size)} MB, högst "
                     f"{MAX_BYTES // 1_000_000} MB)", "förminska filen eller dela upp den", column=column)
        return False
    if image and size > LARGE_IMAGE_BYTES:
        Reporter(source, result.warnings).warning(
            line, f"bilden '{target}' är stor ({_megabytes(size)} MB) och laddas långsamt i en mobil",
            "spara den mindre, till exempel högst 2000 pixlar bred som JPEG", column=column)
    return True


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")
