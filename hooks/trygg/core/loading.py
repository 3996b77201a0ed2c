"""What every loader gets: the project root, whether drafts count, the build's day and the
shared problem list, with reading and validating one file (Markdown or YAML) in one call."""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from trygg.core.problems import Problem, Reporter
from trygg.core.source import Document, YamlData, read_document, read_yaml_file
from trygg.core.validation import validate

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadContext:
    """What a loader needs: the project root, whether drafts count, the build's day (the one clock
    content rules read: trygg.core.history.build_date) and the shared problem list."""

    root: Path
    include_drafts: bool
    today: dt.date
    problems: list[Problem] = field(default_factory=list)
    # Pages published after `today` are scheduled: left out like drafts until that day's build.
    scheduled: list[tuple[str, dt.date]] = field(default_factory=list)  # (source, publishing day)

    def held_back(self, model: BaseModel, path: Path) -> bool:
        """Whether a loaded page stays out of this build: a draft, or scheduled for a later day
        (`trygg check` and the preview show both, the published site neither)."""
        published = getattr(model, "published", None)
        if isinstance(published, dt.date) and published > self.today:
            self.scheduled.append((self.rel(path), published))
            return not self.include_drafts
        return bool(getattr(model, "draft", False)) and not self.include_drafts

    def reporter(self, path: Path) -> Reporter:
        return Reporter(self.rel(path), self.problems)

    def rel(self, path: Path) -> str:
        # Called for every file several times a build: string slicing, not pathlib's relative_to.
        text = str(path)
        if os.sep == "/" and text.startswith(self._root_prefix):
            return text[len(self._root_prefix):]
        return path.relative_to(self.root).as_posix()

    @functools.cached_property
    def _root_prefix(self) -> str:
        return str(self.root).rstrip(os.sep) + os.sep

    def read(self, path: Path, schema: type[M]) -> tuple[Document, M] | None:
        """Read a Markdown file and validate its front matter; None on errors or for a skipped draft."""
        report = self.reporter(path)
        doc = read_document(path, self.rel(path), report)
        if doc is None:
            return None
        model = validate(schema, doc.meta, report, doc.line)
        if model is None or self.held_back(model, path):
            return None
        return doc, model

    def read_yaml(self, path: Path, schema: type[M]) -> tuple[YamlData, M] | None:
        """The YAML twin of `read`: parse a data file and validate it; None on errors or for a skipped draft."""
        report = self.reporter(path)
        parsed = read_yaml_file(path, self.rel(path), report)
        if parsed is None:
            return None
        model = validate(schema, parsed.data, report, parsed.line)
        if model is None or self.held_back(model, path):
            return None
        return parsed, model

    def content_files(self, folder: str, pattern: str) -> list[Path]:
        base = self.root / "content" / folder
        if not base.is_dir():
            return []
        files = []
        for path in sorted(base.glob(pattern)):
            if path.is_symlink() and not path.resolve().is_relative_to(self.root.resolve() / "content"):
                self.reporter(path).error(None, "filen är en länk till en plats utanför content/",
                                          "kopiera in filen i stället för att länka")
                continue
            files.append(path)
        return files
