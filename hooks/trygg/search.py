"""The site search index: Pagefind run over the built HTML, written to `<site>/pagefind/`.

Pagefind stems Swedish (the pages say lang="sv"), folds å/ä/ö and é both ways, and splits the
index into chunks, so a first search fetches a small part of it. Only what the theme marks
`data-pagefind-body` is indexed: content pages, never the 404 or the search page itself. Drafts
are not in a build's output at all, so they are never indexed. Compound words are indexed with
their parts too (trygg.compounds), so "vandring" finds "trygghetsvandringar".
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from .compounds import Decompounder
from .writing import find_dictionary

OUTPUT_SUBDIR = "pagefind"


_ONE_AT_A_TIME = threading.Lock()  # two Pagefind runs must not write one index together


class SearchIndexError(Exception):
    """Pagefind could not index the site (a broken install, an unwritable folder)."""


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable  # the binary ships in the PyPI wheel `pagefind[bin]`

    return Path(get_executable())


def compound_splitter() -> Decompounder | None:
    """Splits compounds with hunspell's sv_SE dictionary; None where it is not installed."""
    dictionary = find_dictionary()
    return Decompounder(dictionary) if dictionary else None


_INSTALL = "Installera den med: sudo apt-get install hunspell-sv-se"
WHOLE_WORDS_PREVIEW = ("Sökningen i förhandsvisningen hittar bara hela ord, inte delar av sammansatta ord "
                       f"(”vandring” hittar inte ”trygghetsvandringar”): den svenska ordlistan saknas. {_INSTALL}")
WHOLE_WORDS_BUILD = ("Sökningen delar inte upp sammansatta ord, den hittar bara hela ord: den svenska "
                     f"ordlistan saknas. {_INSTALL}")


def whole_words_notice(*, preview: bool) -> str | None:
    """Without hunspell-sv-se the index holds whole words only (a page is indexed as it is, no
    parts are added): what to tell the writer, or None when the dictionary is installed. Info,
    not a warning: the site is fine, its search just finds less, and `--strict` must pass."""
    if find_dictionary() is not None:
        return None
    return WHOLE_WORDS_PREVIEW if preview else WHOLE_WORDS_BUILD


def index_site(site_dir: Path, *, low_priority: bool = False) -> None:
    """Index the built site in `site_dir`; raises SearchIndexError if Pagefind fails.
    `low_priority` runs Pagefind niced, so it never slows the build a writer is waiting for."""
    run = subprocess.run(
        [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR, "--silent"],
        capture_output=True, text=True, timeout=600,
        preexec_fn=(lambda: os.nice(15)) if low_priority and hasattr(os, "nice") else None,
    )
    if run.returncode != 0:
        message = (run.stderr or run.stdout).strip()
        raise SearchIndexError(f"Sökindexet kunde inte byggas (pagefind): {message}")


def index_site_in_background(site_dir: Path, on_error: Callable[[str], None]) -> threading.Thread:
    """For the preview: index after the page a writer waits for is served, not before it.

    Runs one at a time; a run started while another is under way waits for it, so the last
    index written is the one for the newest site. Failures go to `on_error` (the server lives on).
    """
    def run() -> None:
        with _ONE_AT_A_TIME:
            try:
                index_site(site_dir, low_priority=True)
            except (SearchIndexError, OSError, subprocess.SubprocessError) as error:
                on_error(str(error))

    thread = threading.Thread(target=run, name="trygg-pagefind", daemon=True)
    thread.start()
    return thread
