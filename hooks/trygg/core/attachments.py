"""Files for download beside a page ("Filer tillgängliga för nedladdning"): presentations,
protocols and documents a writer puts in a meeting's folder (`content/moten/<slug>/`) or a
decision's (`content/beslut/<slug>/`) and names in the page's `filer` (or an agenda item's).

Loading checks that every named file is there, is a document type residents can open (never
HTML, SVG or a program), and is not too large; a file in the folder that no page names is a
warning. Each file is published beside its page under its own name, and listed with its name,
type, size and date (the `datum` the writer gives, else the day git last changed the file, else
the page's publication day). Pure: no mkdocs, no network.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trygg.core.sv import format_megabytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from trygg.core.problems import Reporter
    from trygg.core.source import Document
    from trygg.models.common import FileRef
    from trygg.core.texts import Texts

# Extension → the file's type (the API's fileType; residents read its text, KIND_LABELS). Documents
# only: what a browser would run or render as a page (html, svg, js) never gets here, so a file
# cannot carry a script onto the site.
FILE_TYPES = {
    ".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".pptx": "PowerPoint", ".ppt": "PowerPoint",
    ".xlsx": "Excel", ".xls": "Excel", ".odt": "OpenDocument-text", ".odp": "OpenDocument-presentation",
    ".ods": "OpenDocument-kalkyl", ".csv": "CSV", ".txt": "Text",
}
# Each type → the key of its text in the catalogue (trygg/texts/sv.po).
KIND_LABELS = {kind: "filtyp." + kind.lower() for kind in FILE_TYPES.values()}
# Types that are abbreviations are written out for screen readers and the abbreviation check.
_SPELLED_OUT = {"PDF": "filtyp.pdf_utskrivet", "CSV": "filtyp.csv_utskrivet"}
MAX_FILE_MB = 50


@dataclass(frozen=True)
class Attachment:
    file: str  # its name in the folder and on the site, beside the page
    name: str  # what residents read
    kind: str  # "PDF", "PowerPoint" …
    size: int  # bytes
    date: dt.date | None  # the writer's `datum`; see `dated`
    source: str  # content/…/file, for the build to copy and git to date
    # Read by the loader, so no renderer reads a file; left out of comparisons and repr.
    data: bytes = field(default=b"", repr=False, compare=False)

    def dated(self, last_changed: dict[str, dt.date], published: dt.date) -> dt.date:
        """The date residents see: the writer's, else the day git last changed the file, else the page's."""
        return self.date or last_changed.get(self.source) or published

    def size_markup(self, texts: Texts) -> str:
        """The size for a page, 'MB' as an <abbr> with its expansion."""
        number, unit = size_parts(self.size)
        if unit == "filer.mb":
            return f'{number} <abbr title="{html.escape(texts["filer.mb_utskrivet"])}">{texts[unit]}</abbr>'
        return f"{number} {texts[unit]}"

    def kind_markup(self, texts: Texts) -> str:
        """The type for a page: 'PDF' as an <abbr> with its expansion, other types as text."""
        spelled = _SPELLED_OUT.get(self.kind)
        name = texts[KIND_LABELS[self.kind]]
        return f'<abbr title="{html.escape(texts[spelled])}">{name}</abbr>' if spelled else name


def size_parts(size: int) -> tuple[str, str]:
    """Bytes as residents read them, the number and its unit's text key: ('850', 'filer.byte'),
    ('245', 'filer.kb'), ('1,2', 'filer.mb') (the site's decimal comma)."""
    if size < 1000:
        return str(size), "filer.byte"
    if size < 1_000_000:
        return str(round(size / 1000)), "filer.kb"
    return format_megabytes(size), "filer.mb"



def load_attachments(folder: Path, rel_folder: str, refs: Sequence[tuple[tuple, FileRef]], doc: Document,
                     report: Reporter) -> dict[str, Attachment]:
    """The named files (by file name), each checked; `refs` are (place in the front matter, ref)."""
    found: dict[str, Attachment] = {}
    for where, ref in refs:
        if not _acceptable(folder, rel_folder, ref.file, doc.line(where), report):
            continue
        data = (folder / ref.file).read_bytes()
        found[ref.file] = Attachment(ref.file, ref.name, FILE_TYPES[Path(ref.file).suffix.lower()],
                                     len(data), ref.date, f"{rel_folder}/{ref.file}", data)
    return found


def report_unnamed(folder: Path, rel_folder: str, named: Iterable[str], report: Reporter) -> None:
    """A document in the folder that no 'filer' names would silently stay unpublished: say so."""
    names = set(named)
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and path.suffix.lower() in FILE_TYPES and path.name not in names:
            report.warning(None, f"filen {rel_folder}/{path.name} nämns inte under 'filer' och publiceras inte",
                           f"lägg till '- fil: {path.name}' med 'namn: …' under 'filer', eller ta bort filen")


def _acceptable(folder: Path, rel_folder: str, name: str, line: int | None, report: Reporter) -> bool:
    path = folder / name
    if "/" in name or "\\" in name or name.startswith("."):
        report.error(line, f"'{name}' ska vara namnet på en fil i {rel_folder}/, utan mappar",
                     "skriv bara filens namn, till exempel presentation.pdf")
    elif path.suffix.lower() not in FILE_TYPES:
        report.error(line, f"filen '{name}' är inte en dokumenttyp som kan publiceras",
                     "använd en av: " + ", ".join(sorted({s.lstrip(".") for s in FILE_TYPES})))
    elif not path.is_file() or path.is_symlink():
        report.error(line, f"filen '{name}' finns inte i {rel_folder}/", "lägg filen i mappen eller rätta namnet")
    elif path.stat().st_size > MAX_FILE_MB * 1_000_000:
        report.error(line, f"filen '{name}' är större än {MAX_FILE_MB} MB",
                     "gör filen mindre eller dela upp den")
    else:
        return True
    return False
