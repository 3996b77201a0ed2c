"""The preview (`mkdocs serve`): a Swedish banner when content has errors or dates that have
passed, and the files that let it rebuild only what an edit changes (PreviewFiles).

Input: the errors of the preview build (`BuildResult.errors`) and its dated warnings (an overdue
review). Output: an HTML fragment, escaped by Jinja, that the hooks put at the top of every page
and of the 404 page. Production builds never get here: they stop with every error listed, and
log dated warnings as information.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import jinja2

from .problems import Problem

if TYPE_CHECKING:
    from .pipeline import BuildResult

_BODY = re.compile(r"(<body\b[^>]*>)", re.I)


def preview_banner(errors: Sequence[Problem], reminders: Sequence[Problem] = ()) -> str:
    env = jinja2.Environment(loader=jinja2.PackageLoader("trygg", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, comment_start_string="{##",
                             comment_end_string="##}", undefined=jinja2.StrictUndefined)
    return env.get_template("preview_errors.html.j2").render(errors=list(errors), reminders=list(reminders))


def with_error_banner(page_html: str, errors: Sequence[Problem], reminders: Sequence[Problem] = ()) -> str:
    """The page with the banner right after <body>, or the page unchanged when there is nothing to say.

    `reminders` are warnings because a date has passed (Problem.dated): the site still publishes,
    so they are shown apart from the errors, as tasks."""
    if not errors and not reminders:
        return page_html
    banner = preview_banner(errors, reminders)
    if _BODY.search(page_html):
        return _BODY.sub(lambda m: m.group(1) + banner, page_html, count=1)
    return banner + page_html


# --- incremental preview --------------------------------------------------------------------------
#
# `mkdocs serve --dirty` renders only pages whose source file is newer than the built page. A
# generated page has no source file of its own, so MkDocs would render all of them after every
# edit (tens of seconds at 1,000 pages). PreviewFiles gives each generated file one on disk,
# rewritten only when its content changes: an edit re-renders the pages it changes and no other.
# What every page shows besides its own text (register, known names, errors, site facts, theme,
# mkdocs.yml) is summed up in one fingerprint; when it changes, every page is built again.


class PreviewFiles:
    """Generated files on disk for the incremental preview, in `folder` (outside the site)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def place(self, uri: str, content: str | bytes) -> Path:
        """The file holding `content` for `uri`; its modification time changes only with the content."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = self.folder.joinpath(*uri.split("/"))
        try:
            if path.read_bytes() == data:
                return path
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def shared_inputs_changed(self, fingerprint: str, name: str = "fingerprint") -> bool:
        """True when `fingerprint` differs from the previous build's `name` (and remember the new one)."""
        stamp = self.folder / f".{name}"
        try:
            if stamp.read_text("utf-8") == fingerprint:
                return False
        except OSError:
            self.folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint, "utf-8")
        return True


def shared_fingerprint(root: Path, result: BuildResult) -> str:
    """A digest of what every page carries besides its own text, so a change rebuilds them all."""
    digest = hashlib.sha256()
    shared = (sorted((word, repr(entry)) for word, entry in result.abbreviations.items()),
              sorted(result.known_names), result.names, repr(result.menu),
              [str(e) for e in result.errors], [str(w) for w in result.warnings if w.dated], repr(result.theme),
              result.today.isoformat())
    digest.update(repr(shared).encode("utf-8"))
    for path in sorted([root / "mkdocs.yml", *_files(root / "overrides"), *_files(root / "docs" / "assets")]):
        digest.update(path.as_posix().encode("utf-8"))
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
