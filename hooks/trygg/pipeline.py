"""The whole build in one place: load → validate → model → render.

`build_site` is what the MkDocs hooks call once per build; `check_site` is the same without
rendering, for `trygg check`. Neither touches MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .content import Content, load_content
from .problems import Problem
from .register import Entry
from .render import Output, SiteInfo, render_site
from .types import registered_types


@dataclass(frozen=True)
class BuildResult:
    outputs: list[Output]
    warnings: tuple[Problem, ...]
    abbreviations: dict[str, Entry]


def build_site(root: Path, *, site_name: str, site_url: str, include_drafts: bool = False) -> BuildResult:
    """Load and validate `root/content`, then render every generated file. Raises ContentError."""
    types = registered_types()
    content = load_content(root, include_drafts=include_drafts, types=types)
    site = SiteInfo(site_name, site_url.rstrip("/") + "/", build_date())
    outputs = render_site(content, site, last_changed_dates(root), types)
    return BuildResult(outputs, content.warnings, content.register.abbreviations())


def check_site(root: Path, *, include_drafts: bool = True) -> Content:
    """Validate only; raises ContentError with every problem."""
    return load_content(root, include_drafts=include_drafts, types=registered_types())


def build_date() -> dt.date:
    """'Today' for the build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def last_changed_dates(root: Path) -> dict[str, dt.date]:
    """Date of the last commit touching each file under content/, from one `git log` call.

    Returns {} outside a git checkout (a tarball, a fresh `trygg new`), so pages fall back to
    their front matter dates.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--relative", "--", "content"],
            cwd=root, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            dates.setdefault(line, current)
    return dates
