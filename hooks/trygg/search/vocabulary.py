"""The search's own small files beside Pagefind's index: the site's vocabulary and its abbreviations.

Pagefind matches words it has indexed, and a word it has not by the longest indexed word the
query starts with ("hemloeshet" finds the pages with "hem"). So the browser (docs/assets/trygg.js)
needs to know which words the site really uses, to read "hemloeshet" as "hemlöshet", "Sandvgen" as
"Sandvägen" and to offer "Menade du …?" when nothing is found. Both files are made from Pagefind's
own fragments after it has indexed the site, so they hold exactly the indexed text (compound
parts included) and Pagefind's page ids:

- `trygg/ord-<letter>.json`: the words (three letters or more) whose folded form starts with the
  letter, most pages first, as a JSON list. The browser fetches only the letters of the words
  typed, when it checks them: a few KB at 1,000 pages, never the whole list.
- `trygg/forkortningar.json`: each registered abbreviation (lower case) → the ids of the pages
  to put first when it is searched: the register page that defines it, then the pages named
  after it (the title holds its name or the abbreviation itself).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trygg.core.register import Entry
from trygg.core.validation import fold

FOLDER = "trygg"  # under Pagefind's output folder, so the browser finds it beside pagefind.js
MIN_LETTERS = 3
_FRAGMENT_SIGNATURE = b"pagefind_dcd"
_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_LETTERS)


@dataclass(frozen=True)
class IndexedPage:
    id: str       # Pagefind's page id: what a search result's `id` is
    url: str
    title: str
    words: frozenset[str]  # as written: "Ekdalen", "EST", "hemlöshet"


def read_fragments(index_dir: Path) -> list[IndexedPage]:
    """The pages Pagefind indexed, read back from its fragments (gzip, a signature, JSON)."""
    pages = []
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw.removeprefix(_FRAGMENT_SIGNATURE))
        words = frozenset(_WORD.findall(data.get("content", "")))
        pages.append(IndexedPage(path.name.removesuffix(".pf_fragment"), data["url"],
                                 data.get("meta", {}).get("title", ""), words))
    return pages


def vocabulary_shards(pages: Iterable[IndexedPage]) -> dict[str, list[str]]:
    """Folded first letter → the words starting with it, most pages first, then alphabetically.

    A word is listed once, in lower case unless most pages write it otherwise ("Ekdalen", "EST";
    "nyckeltal" although headings say "Nyckeltal"), so a suggestion reads as the site writes it."""
    pages_per_word: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for page in pages:
        for lower in {word.lower() for word in page.words}:
            pages_per_word[lower] += 1
        for word in page.words:
            spellings.setdefault(word.lower(), Counter())[word] += 1
    shards: dict[str, list[str]] = {}
    for lower, _ in sorted(pages_per_word.items(), key=lambda item: (-item[1], item[0])):
        letter = fold(lower)[:1]
        if "a" <= letter <= "z":
            shards.setdefault(letter, []).append(_spelling(lower, spellings[lower]))
    return shards


def _spelling(lower: str, spellings: Counter[str]) -> str:
    if 2 * spellings[lower] >= spellings.total():
        return lower
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def abbreviation_pages(pages: list[IndexedPage], abbreviations: dict[str, Entry]) -> dict[str, list[str]]:
    """Abbreviation (lower case) → page ids: its register page first, then pages named after it."""
    by_path = {_path(page.url): page for page in pages}
    found: dict[str, list[str]] = {}
    for abbreviation, entry in abbreviations.items():
        register = by_path.get(_path(entry.url))
        ids = [register.id] if register else []
        ids += [page.id for page in pages if page is not register and _named_after(page.title, entry)]
        if ids:
            found[abbreviation.lower()] = ids
    return dict(sorted(found.items()))


def _path(url: str) -> str:
    return url.split("#", 1)[0].strip("/")


def _named_after(title: str, entry: Entry) -> bool:
    """Does the title hold the entry's name or abbreviation as whole words?"""
    title_words = _spaced_words(title)
    return any(name and _spaced_words(name) in title_words for name in (entry.name, entry.abbreviation))


def _spaced_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def write_search_vocabulary(index_dir: Path, abbreviations: dict[str, Entry]) -> None:
    """Writes the files of this module's docstring into `index_dir` (Pagefind's output folder)."""
    if not (index_dir / "fragment").is_dir():
        return  # nothing indexed (a stand-in for Pagefind in tests): nothing to describe
    pages = read_fragments(index_dir)
    folder = index_dir / FOLDER
    folder.mkdir(exist_ok=True)
    shards = vocabulary_shards(pages)
    for letter in map(chr, range(ord("a"), ord("z") + 1)):  # every letter: a 404 would be noise in the console
        _write_json(folder / f"ord-{letter}.json", shards.get(letter, []))
    _write_json(folder / "forkortningar.json", abbreviation_pages(pages, abbreviations))


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
