"""The site search index: Pagefind run over the built HTML, written to `<site>/pagefind/`.

Pagefind stems Swedish (the pages say lang="sv"), folds å/ä/ö and é both ways, and splits the
index into chunks, so a first search fetches a small part of it. Only what the theme marks
`data-pagefind-body` is indexed: content pages, never the 404 or the search page itself. Drafts
are not in a build's output at all, so they are never indexed. Compound words are indexed with
their parts too (trygg.search.compounds), so "vandring" finds "trygghetsvandringar". After Pagefind, the
site's vocabulary and abbreviations are written beside its index (trygg.search.vocabulary), for
the browser's typo, ASCII-spelling and abbreviation help.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from trygg.core.register import Entry
from trygg.search.compounds import Decompounder
from trygg.search.vocabulary import write_search_vocabulary
from trygg.writers.writing import find_dictionary

OUTPUT_SUBDIR = "pagefind"


class SearchIndexError(Exception):
    """Pagefind could not index the site (a broken install, an unwritable folder)."""


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable  # the binary ships in the PyPI wheel `pagefind[bin]`

    return Path(get_executable())


def compound_splitter() -> Decompounder | None:
    """Splits compounds with hunspell's sv_SE dictionary; None where it is not installed."""
    dictionary = find_dictionary()
    return Decompounder(dictionary) if dictionary else None


_INSTALL = "Installera den med: sudo apt-get install hunspell-sv"
WHOLE_WORDS_PREVIEW = ("Sökningen i förhandsvisningen hittar bara hela ord, inte delar av sammansatta ord "
                       f"(”vandring” hittar inte ”trygghetsvandringar”): den svenska ordlistan saknas. {_INSTALL}")
WHOLE_WORDS_BUILD = ("Sökningen delar inte upp sammansatta ord, den hittar bara hela ord: den svenska "
                     f"ordlistan saknas. {_INSTALL}")


def whole_words_notice(*, preview: bool) -> str | None:
    """Without hunspell-sv the index holds whole words only (a page is indexed as it is, no
    parts are added): what to tell the writer, or None when the dictionary is installed. Info,
    not a warning: the site is fine, its search just finds less, and `--strict` must pass."""
    if find_dictionary() is not None:
        return None
    return WHOLE_WORDS_PREVIEW if preview else WHOLE_WORDS_BUILD


def index_site(site_dir: Path, abbreviations: dict[str, Entry] | None = None) -> None:
    """Index the built site in `site_dir`, then write the search's vocabulary beside the index;
    raises SearchIndexError if Pagefind fails."""
    run = subprocess.run(_command(site_dir), capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise SearchIndexError(_failure(run.stderr or run.stdout))
    try:
        write_search_vocabulary(site_dir / OUTPUT_SUBDIR, abbreviations or {})
    except (OSError, ValueError, KeyError) as error:  # KeyError: a Pagefind whose fragments read otherwise
        raise SearchIndexError(_vocabulary_failure(error)) from None


def _command(site_dir: Path) -> list[str]:
    return [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR, "--silent"]


def _failure(output: str) -> str:
    return f"Sökindexet kunde inte byggas (pagefind): {output.strip()}"


def _vocabulary_failure(error: Exception) -> str:
    return f"Sökningens ordlista kunde inte skrivas bredvid sökindexet: {error}"


class BackgroundIndexer:
    """The preview's search index: made after the page a writer waits for, never in its way.

    `after_build` starts Pagefind (niced) in a thread `delay` seconds after a build, unless a
    newer build came meanwhile; `build_starts` stops a Pagefind still running, since the site it
    indexes is about to change (at 1,000 pages Pagefind takes about a second on both cores, and
    a writer who saves again within it waited for both). The index written last is therefore
    always the newest site's. Failures go to `on_error`; the server lives on.
    """

    def __init__(self, delay: float = 0.5, command: Callable[[Path], list[str]] = _command) -> None:
        self.delay = delay
        self._command = command
        self._lock = threading.Lock()
        self._generation = 0
        self._process: subprocess.Popen | None = None

    def build_starts(self) -> None:
        with self._lock:
            self._generation += 1
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()

    def after_build(self, site_dir: Path, on_error: Callable[[str], None],
                    abbreviations: dict[str, Entry] | None = None) -> threading.Thread:
        with self._lock:
            self._generation += 1
            generation = self._generation
        thread = threading.Thread(target=self._run, args=(site_dir, on_error, generation, abbreviations or {}),
                                  name="trygg-pagefind", daemon=True)
        thread.start()
        return thread

    def _run(self, site_dir: Path, on_error: Callable[[str], None], generation: int,
             abbreviations: dict[str, Entry]) -> None:
        time.sleep(self.delay)
        with self._lock:
            if generation != self._generation:
                return  # a newer build: its own run indexes the site
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()  # an older run, for an older site: one writer of the index at a time
                self._process.wait(timeout=30)
            try:
                process = subprocess.Popen(self._command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                           text=True, preexec_fn=(lambda: os.nice(15)) if hasattr(os, "nice") else None)
            except OSError as error:
                on_error(_failure(str(error)))
                return
            self._process = process
        output, _ = process.communicate()
        with self._lock:
            stopped = generation != self._generation
            if self._process is process:
                self._process = None
        if process.returncode != 0 and not stopped:
            on_error(_failure(output))
        elif process.returncode == 0 and not stopped:
            self._write_vocabulary(site_dir, abbreviations, on_error)

    @staticmethod
    def _write_vocabulary(site_dir: Path, abbreviations: dict[str, Entry], on_error: Callable[[str], None]) -> None:
        try:
            write_search_vocabulary(site_dir / OUTPUT_SUBDIR, abbreviations)
        except (OSError, ValueError, KeyError) as error:  # OSError: a newer build cleaned the folder meanwhile
            on_error(_vocabulary_failure(error))


PREVIEW_INDEXER = BackgroundIndexer()  # one per process: the preview's background runs (trygg_hooks)
