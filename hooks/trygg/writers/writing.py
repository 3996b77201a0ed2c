"""Language checks for `trygg check`: Swedish spelling (hunspell's sv_SE dictionary) and LIX.

Input: writers' text (Markdown bodies and text values of front matter and YAML), the project's
word list `content/ordlista.txt` and the register's names. Output: warnings with suggestions.
The dictionary is Debian's hunspell-sv, read by `spylls` (hunspell in pure Python); when it is
not installed, spelling is skipped with one warning instead of failing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from trygg.core.memo import user_cache_file, write_atomically
from trygg.core.problems import Reporter
from trygg.core.source import line_at
from trygg.writers.pagecheck import markdown_lines

DICTIONARY_PATHS = (Path("/usr/share/hunspell/sv_SE"), Path("/usr/share/myspell/dicts/sv_SE"))
WORD_LIST = "content/ordlista.txt"
DEFAULT_MAX_LIX = 55
MAX_SUGGESTIONS = 5  # spylls needs about a second per suggestion; the rest get a plain hint

_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
_NOT_PROSE = [
    re.compile(r"!?\[([^\]]*)\]\([^)]*\)"),          # links and images: keep the text
    re.compile(r"<[^>]*>"),                          # HTML tags
    re.compile(r"\{[:#.][^}]*\}"),                   # attribute lists
    re.compile(r"\b(?:https?|mailto|tel|ftp):\S+"),  # bare addresses
    re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+"),       # e-mail addresses
    re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,}\b"),         # domain names such as kommun.se
    re.compile(r"&\w+;|&#\d+;"),                    # entities
]
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


@dataclass(frozen=True)
class TextPiece:
    """A run of writer's text and where it starts in its file."""

    line: int
    column: int | None  # None for YAML values, whose text may be folded over several lines
    text: str


def prose(text: str) -> str:
    """Markdown line → the words a reader reads (link text kept, addresses and markup dropped)."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match) -> str:
    """Blank out markup but keep a group's text in place, so columns stay right."""
    whole = match.group(0)
    if not match.groups():
        return " " * len(whole)
    start, end = match.start(1) - match.start(), match.end(1) - match.start()
    return " " * start + whole[start:end] + " " * (len(whole) - end)


def markdown_pieces(body: str, first_line: int) -> list[TextPiece]:
    return [TextPiece(first_line + offset, 1, prose(line)) for offset, line in markdown_lines(body)]


# --- spelling -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _dictionary(path: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(path)


def find_dictionary() -> str | None:
    for path in DICTIONARY_PATHS:
        if path.with_suffix(".dic").exists() and path.with_suffix(".aff").exists():
            return str(path)
    return None


def read_word_list(root: Path) -> set[str]:
    path = root / WORD_LIST
    if not path.exists():
        return set()
    text = path.read_bytes().decode("utf-8", "replace")
    return {line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()}


class Speller:
    """Swedish spelling with a project word list; each unknown word is looked up once.

    Loading the dictionary takes seconds, so words it has accepted are remembered in a cache
    file per dictionary version (`~/.cache/trygg/`); the dictionary is loaded only when a word
    is not there. The cache holds only the dictionary's own answers, so results never depend on it.
    """

    def __init__(self, dictionary_path: str, accepted: Iterable[str], cache_dir: Path | None = None) -> None:
        self._path = dictionary_path
        self._accepted = {w.casefold() for phrase in accepted for w in _WORD.findall(phrase)}
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, str | None] = {}
        self._cache = _cache_file(dictionary_path, cache_dir)
        self._cached = _read_cache(self._cache)
        self._new: set[str] = set()

    def is_known(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = (len(word) < 2 or word.isupper() or word.casefold() in self._accepted
                                 or word in self._cached or self._lookup(word))
        return self._known[word]

    def _lookup(self, word: str) -> bool:
        found = bool(_dictionary(self._path).lookup(word))
        if found:
            self._new.add(word)
        return found

    def suggestion(self, word: str) -> str | None:
        if word not in self._suggestions:
            if len(self._suggestions) >= MAX_SUGGESTIONS:
                return None
            self._suggestions[word] = next(iter(_dictionary(self._path).suggest(word)), None)
        return self._suggestions[word]

    def save(self) -> None:
        """Remember newly accepted words (best effort: a read-only home only costs speed)."""
        if not self._new or self._cache is None:
            return
        write_atomically(self._cache, "\n".join(sorted(self._cached | self._new)).encode("utf-8"))


def _cache_file(dictionary_path: str, cache_dir: Path | None) -> Path | None:
    try:
        stamp = int(Path(dictionary_path).with_suffix(".dic").stat().st_mtime)
    except OSError:
        return None
    return user_cache_file(f"{Path(dictionary_path).name}-{stamp}.ord", cache_dir)


def _read_cache(path: Path | None) -> set[str]:
    try:
        return set(path.read_text("utf-8").split("\n")) if path else set()
    except OSError:
        return set()


def check_spelling(pieces: Iterable[TextPiece], speller: Speller, report: Reporter) -> None:
    for piece in pieces:
        for match in _WORD.finditer(piece.text):
            word = match.group(0)
            if piece.text[match.end(): match.end() + 1] == "-":
                continue  # 'kunskaps- och metodutveckling': the first half of a shared compound
            if speller.is_known(word):
                continue
            guess = speller.suggestion(word)
            hint = (f"menade du '{guess}'? Är ordet rätt stavat, lägg till det i {WORD_LIST}" if guess
                    else f"är ordet rätt stavat, lägg till det i {WORD_LIST}")
            report.warning(piece.line, f"okänt ord '{word}'", hint, column=None if piece.column is None else piece.column + match.start())


# --- abbreviations --------------------------------------------------------------------------------

def check_abbreviations(pieces: Iterable[TextPiece], known: set[str], report: Reporter) -> None:
    """The build's rule (trygg.markdown.abbreviations.find_unknown), once per word and file, with its line."""
    from trygg.markdown.abbreviations import find_unknown

    reported: set[str] = set()
    for piece in pieces:
        for word in find_unknown(html.escape(piece.text), known):
            if word not in reported:
                reported.add(word)
                report.error(piece.line, f"förkortningen '{word}' förklaras inte",
                               "lägg till den i content/organisation/begrepp.yml eller organisationer.yml")


# --- readability ----------------------------------------------------------------------------------

def lix(pieces: Iterable[TextPiece]) -> tuple[float, int] | None:
    """LIX (läsbarhetsindex) of a text and its word count; None for texts under 50 words.

    LIX = words per sentence + percentage of words longer than six letters. A line break ends a
    sentence too, so headings and list items count as sentences, as readers read them.
    """
    words = long_words = sentences = 0
    for piece in pieces:
        text = piece.text.strip()
        if not text:
            continue
        found = _WORD.findall(text)
        words += len(found)
        long_words += sum(1 for w in found if len(w) > 6)
        ends = len(_SENTENCE_END.findall(text))
        sentences += ends + (0 if _SENTENCE_END.search(text[-1:] + " ") else 1) if found else 0
    if words < 50 or sentences == 0:
        return None
    return words / sentences + 100 * long_words / words, words


def check_readability(pieces: list[TextPiece], first_line: int, max_lix: float, report: Reporter) -> None:
    result = lix(pieces)
    if result is not None and result[0] > max_lix:
        first_line = next((p.line for p in pieces if p.text.strip()), first_line)
        report.warning(first_line, f"texten är svårläst (LIX {result[0]:.0f}, gränsen är {max_lix:g})",
                       "skriv kortare meningar och byt långa ord mot vardagliga")


# Values that are codes, not prose: a language code, a colour, a file name (content/webbplats.yml).
NOT_PROSE_KEYS = frozenset({"språk", "huvudfärg", "fil", "webbadress", "webbplats", "organisationsnummer"})


def iter_text_values(data: object, lines: dict, path: tuple = ()) -> Iterator[TextPiece]:
    """Every text value in YAML data, with its line (keys, codes and non-text values skipped)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key) in NOT_PROSE_KEYS or (str(key) == "text" and path[-1:] == ("färger",)):
                continue
            yield from iter_text_values(value, lines, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_text_values(value, lines, (*path, index))
    elif isinstance(data, str) and not re.fullmatch(r"[\w/.#-]*/[\w/.#-]*", data):  # skip paths
        yield TextPiece(line_at(lines, path) or 1, None, prose(data))

