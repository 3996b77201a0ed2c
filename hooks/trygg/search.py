"""The site search index: Pagefind run over the built HTML, written to `<site>/pagefind/`.

Pagefind stems Swedish (the pages say lang="sv"), folds å/ä/ö and é both ways, and splits the
index into chunks, so a first search fetches a small part of it. Only what the theme marks
`data-pagefind-body` is indexed: content pages, never the 404 or the search page itself. Drafts
are not in a build's output at all, so they are never indexed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site (a broken install, an unwritable folder)."""


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable  # the binary ships in the PyPI wheel `pagefind[bin]`

    return Path(get_executable())


def index_site(site_dir: Path) -> None:
    """Index the built site in `site_dir`; raises SearchIndexError if Pagefind fails."""
    run = subprocess.run(
        [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR, "--silent"],
        capture_output=True, text=True, timeout=600,
    )
    if run.returncode != 0:
        message = (run.stderr or run.stdout).strip()
        raise SearchIndexError(f"Sökindexet kunde inte byggas (pagefind): {message}")
