"""Dates from the project's git history, so a build depends on the commit, never on the clock.

- `build_date`: the build's "today" — SOURCE_DATE_EPOCH when set, else the date of the last
  commit, else (outside a git checkout) the clock;
- `build_epoch`: the same as seconds, for tools that want SOURCE_DATE_EPOCH;
- `current_date`: the day for tools that act now (`trygg new` dates a new page): SOURCE_DATE_EPOCH
  when set, else the clock;
- `last_changed_dates`: the date of the last commit touching each file under content/ and docs/.

Uncommitted edits do not move any date: two builds of one commit are byte-identical. These are
the only places trygg reads a clock; the tests fix SOURCE_DATE_EPOCH (tests/conftest.py) and run
the date rules under several days and a faked machine clock (tests/test_dates.py).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from pathlib import Path

TRACKED = ("content", "docs")


def build_epoch(root: Path) -> int:
    """Seconds since the epoch that stand for 'now' in this build (see the module docstring)."""
    given = _source_date_epoch()
    if given is not None:
        return given
    committed = _git(root, "log", "-1", "--format=%ct")
    if committed and committed.strip().isdigit():
        return int(committed.strip())
    return int(time.time())


def build_date(root: Path) -> dt.date:
    return _utc_date(build_epoch(root))


def current_date() -> dt.date:
    """Today for a tool that acts now rather than building a commit (see the module docstring)."""
    given = _source_date_epoch()
    return _utc_date(int(time.time()) if given is None else given)


def _source_date_epoch() -> int | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def _utc_date(epoch: int) -> dt.date:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()


def last_changed_dates(root: Path) -> dict[str, dt.date]:
    """{path relative to root: date of the last commit touching it}, from one `git log` call.

    Returns {} outside a git checkout (a tarball, a fresh copy), so pages fall back to their
    front matter dates.
    """
    log = _git(root, "log", "--format=@%cs", "--name-only", "--no-renames", "--relative", "--", *TRACKED)
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in (log or "").splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            dates.setdefault(line, current)
    return dates


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                              timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def page_date(meta: dict, today: dt.date) -> str:
    """A page's date for the sitemap: when it last changed, else when it was published, else the build's day."""
    for key in ("senast_andrad", "publicerad"):
        value = meta.get(key)
        if isinstance(value, dt.date):
            return value.isoformat()[:10]
        if isinstance(value, str) and value:
            return value[:10]
    return today.isoformat()
