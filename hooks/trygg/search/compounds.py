"""Swedish compound words split into their parts, so the search finds a compound by its tail.

Pagefind stems and matches prefixes, so "vandring" finds "trygghetsvandringar" only if the page
also says "vandring" somewhere. Here each long word of a page is split with the hunspell sv_SE
dictionary (Debian's hunspell-sv, the one `trygg check` spells with), read directly rather
than through spylls: the dictionary already says which words may begin a compound (flag X, or
middle U) and which may end one (Y), and its suffix rules give the forms that link parts
(myra → myr-, yrke → yrkes-, vecka → vecko-, trygghet → trygghets-) and the inflected forms of
a last part (vandring → vandringar). A split is accepted only if every part is such a word, so
no list of compounds is kept anywhere. The fewest parts win: trygghets|vandringar, not
trygg|hets|vandringar.

The parts go into the page as an empty element whose attribute Pagefind indexes
(`data-pagefind-index-attrs`) at a low weight: nothing a reader or a screen reader meets, and a
page that uses a word on its own still ranks above one that only has it inside a compound.
Pagefind stores the attribute at the end of the page's text, after PARTS_MARK; the search's
script never shows that text: it builds every excerpt from the words before the mark, and a
match in the parts is shown where the compound stands in the page's text. (A Pagefind metadata
field would keep the parts out of the stored text, but Pagefind then finds no page for a query
that joins a word of the text and a part: "behörighet gymnasiet".)

Only parts that let a search find the page go in. Pagefind matches a query as the start of an
indexed word, and a query no indexed word starts with by the longest indexed word it starts with
("gymnasiet" finds "gymnasie", a part of "gymnasiebehörighet"). So a part that is a word of the
page already adds nothing, and neither does a first part with the linking -s that begins a word of
the page ("trygghets" of "trygghetsvandringar": the compound itself starts with it, and a longer
query that starts with it is another compound). Every (word, page) pair costs Pagefind memory:
at 5,000 pages the parts as first written added 115 MiB to its peak, these 45 MiB
(benchmarks/RESULTS.md).
Words in code (`<code>`, `<pre>`: the writers' guide's examples) give no parts, so a page about
writing does not rank for the compounds of its examples.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from trygg.core.memo import user_cache_file, write_atomically

PARTS_MARK = "⁂"  # not a word to Pagefind: stored in the text, never indexed
PARTS_ATTRIBUTE = "data-trygg-delar"
PARTS_WEIGHT = "0.5"  # Pagefind weighs quadratically: a part counts a quarter of a word on the page
MIN_WORD = 7      # shorter words are rarely compounds worth splitting
MIN_PART = 3      # "bil", "hem", "råd"; two letters ("år", "ö") would split almost anything
_LONG_WORD = re.compile(r"\b\w{%d,}" % MIN_WORD)  # [^\W\d_] is exact, but twice as slow
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_SKIPPED = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
_CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S | re.I)


@dataclass(frozen=True)
class _Rule:
    """One hunspell suffix rule: strip `strip` and add `add` to a word ending in `condition`."""
    flag: str
    strip: str
    add: str
    condition: re.Pattern[str]
    continuation: str


_Rules = dict[str, dict[str, list[_Rule]]]  # added ending → stripped ending → rules


@dataclass
class Lexicon:
    """The dictionary's words (lower case, with their flags) and the suffix rules that matter."""
    words: dict[str, str]
    linking: _Rules      # rules that make a compound's first part: myra → myr-, yrke → yrkes-
    inflecting: _Rules   # rules that inflect a word: vandring → vandringar
    begin: str = "X"
    middle: str = "U"
    end: str = "Y"
    longest_ending: int = 6
    _heads: dict[str, bool] = field(default_factory=dict)
    _tails: dict[str, bool] = field(default_factory=dict)
    _splits: dict[tuple[str, bool], tuple[str, ...]] = field(default_factory=dict)

    def is_head(self, part: str) -> bool:
        """May `part` stand first (or in the middle) of a compound, linking morpheme included?"""
        if part not in self._heads:
            flags = self.words.get(part)
            self._heads[part] = ((flags is not None and (self.begin in flags or self.middle in flags))
                                 or self._derives(part, self.linking, ""))
        return self._heads[part]

    def is_tail(self, part: str) -> bool:
        """May `part`, in any inflected form, end a compound?"""
        if part not in self._tails:
            flags = self.words.get(part)
            self._tails[part] = ((flags is not None and self.end in flags)
                                 or self._derives(part, self.inflecting, self.end))
        return self._tails[part]

    def _derives(self, form: str, rules: _Rules, need: str) -> bool:
        """Is `form` made by one of `rules` from a dictionary word (that also has flag `need`)?"""
        for length in range(min(len(form), self.longest_ending) + 1):
            by_strip = rules.get(form[len(form) - length:] if length else "")
            if not by_strip:
                continue
            stem = form[:len(form) - length]
            for strip, candidates in by_strip.items():
                root = stem + strip
                flags = self.words.get(root)
                if flags is None or len(root) < MIN_PART or (need and need not in flags):
                    continue
                if any(rule.flag in flags and rule.condition.search(root) for rule in candidates):
                    return True
        return False

    def split(self, word: str, *, first_part: bool = False) -> tuple[str, ...]:
        """The parts of a compound as they are written in it ('trygghets', 'vandringar'), or ().

        With `first_part`, `word` is itself the first part of a compound ('vuxenutbildnings'),
        so its own last part is a linking form too ('vuxen', 'utbildnings').
        """
        key = (word, first_part)
        if key not in self._splits:
            self._splits[key] = _best_split(word, self, first_part) if len(word) >= MIN_WORD else ()
        return self._splits[key]


def _best_split(word: str, lexicon: Lexicon, first_part: bool) -> tuple[str, ...]:
    """Fewest parts, each at least MIN_PART letters; among equals the longest last part.

    Walks forward from the word's start: a position is reachable after a chain of first parts,
    and only from reachable positions are further parts tried, so most substrings are never
    looked up.
    """
    n = len(word)
    chains: dict[int, tuple[str, ...]] = {0: ()}
    best: tuple[str, ...] = ()
    for start in range(n - MIN_PART + 1):
        chain = chains.get(start)
        if chain is None:
            continue
        if chain and (not best or len(chain) + 1 <= len(best)) and (
                lexicon.is_head(word[start:]) if first_part else lexicon.is_tail(word[start:])):
            candidate = (*chain, word[start:])
            if not best or (len(candidate), -len(candidate[-1])) < (len(best), -len(best[-1])):
                best = candidate
        for stop in range(start + MIN_PART, n - MIN_PART + 1):
            if stop in chains and len(chains[stop]) <= len(chain) + 1:
                continue
            if lexicon.is_head(word[start:stop]):
                chains[stop] = (*chain, word[start:stop])
    return best


def load_lexicon(dictionary_path: str | Path) -> Lexicon:
    """Reads `<path>.dic` and `<path>.aff` (hunspell format, UTF-8)."""
    base = Path(dictionary_path)
    affix = base.with_suffix(".aff").read_text("utf-8", "replace")
    flags = dict(re.findall(r"^(COMPOUNDBEGIN|COMPOUNDMIDDLE|COMPOUNDEND)\s+(\S)", affix, re.M))
    begin, middle, end = flags.get("COMPOUNDBEGIN", "X"), flags.get("COMPOUNDMIDDLE", "U"), flags.get("COMPOUNDEND", "Y")
    linking: _Rules = {}
    inflecting: _Rules = {}
    for rule in _suffix_rules(affix):
        links = begin in rule.continuation or middle in rule.continuation
        (linking if links else inflecting).setdefault(rule.add, {}).setdefault(rule.strip, []).append(rule)
    words: dict[str, str] = {}
    for line in base.with_suffix(".dic").read_text("utf-8", "replace").splitlines()[1:]:
        word, _, word_flags = line.partition("/")
        word = word.lower()
        words[word] = words[word] + word_flags if word in words else word_flags  # "Ystad" and "ystad"
    longest = max((len(add) for table in (linking, inflecting) for add in table), default=0)
    return Lexicon(words, linking, inflecting, begin, middle, end, longest)


def _suffix_rules(affix: str) -> list[_Rule]:
    rules = []
    for line in affix.splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[0] != "SFX":
            continue
        flag, strip, added, condition = fields[1], fields[2], fields[3], fields[4]
        add, _, continuation = added.partition("/")
        rules.append(_Rule(flag, "" if strip == "0" else strip.lower(), "" if add == "0" else add.lower(),
                           re.compile(("" if condition == "." else condition.lower()) + "$"), continuation))
    return rules


class Decompounder:
    """Compound parts of words, remembered in a cache file so most builds never read the dictionary.

    Reading the dictionary costs about 0.1 s of CPU; splitting a word, microseconds. The cache
    (`~/.cache/trygg/`, one file per dictionary version and version of this module) holds only
    what the dictionary and this code answer, so the parts never depend on it.
    """

    def __init__(self, dictionary_path: str | Path, cache_dir: Path | None = None) -> None:
        self._path = Path(dictionary_path)
        self._lexicon: Lexicon | None = None
        self._cache = _cache_file(self._path, cache_dir)
        self._known = _read_cache(self._cache)
        self._new = False

    def parts(self, word: str) -> tuple[str, ...]:
        """Every part, and the parts of long parts: 'vuxenutbildningsförvaltningen' →
        ('vuxenutbildnings', 'förvaltningen', 'vuxen', 'utbildnings')."""
        if word not in self._known:
            if self._lexicon is None:
                self._lexicon = load_lexicon(self._path)
            self._known[word] = _with_subparts(self._lexicon.split(word), self._lexicon)
            self._new = True
        return self._known[word]

    def save(self) -> None:
        """Remember new words' parts (best effort: a read-only home only costs speed)."""
        if not self._new or self._cache is None:
            return
        text = "".join(f"{word}\t{' '.join(parts)}\n" for word, parts in sorted(self._known.items()))
        if write_atomically(self._cache, text.encode("utf-8")):
            self._new = False


def _with_subparts(parts: tuple[str, ...], lexicon: Lexicon) -> tuple[str, ...]:
    found = dict.fromkeys(parts)
    for index, part in enumerate(parts):
        found.update(dict.fromkeys(_with_subparts(lexicon.split(part, first_part=index < len(parts) - 1), lexicon)))
    return tuple(found)


def _cache_file(dictionary_path: Path, cache_dir: Path | None) -> Path | None:
    try:
        stamp = int(dictionary_path.with_suffix(".dic").stat().st_mtime)
        code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    except OSError:
        return None
    return user_cache_file(f"{dictionary_path.name}-{stamp}-{code}.delar", cache_dir)


def _read_cache(path: Path | None) -> dict[str, tuple[str, ...]]:
    try:
        lines = path.read_text("utf-8").splitlines() if path else []
    except OSError:
        return {}
    return {word: tuple(parts.split()) for word, _, parts in (line.partition("\t") for line in lines)}


def compound_parts(page_html: str, splitter: Decompounder) -> list[str]:
    """The parts of the compounds in a page's prose that a search needs: each once, in order of
    appearance; no word of the page, no first part with the linking -s that begins a word of the
    page, nothing from code."""
    if "<script" in page_html or "<style" in page_html or "<svg" in page_html:
        page_html = _SKIPPED.sub(" ", page_html)
    text = _TAG.sub(" ", page_html)  # Markdown writes å, ä, ö as they are
    prose = _TAG.sub(" ", _CODE.sub(" ", page_html)) if "<code" in page_html or "<pre" in page_html else text
    parts: dict[str, None] = {}
    for word in dict.fromkeys(word.lower() for word in dict.fromkeys(_LONG_WORD.findall(prose)) if word.isalpha()):
        parts.update(dict.fromkeys(splitter.parts(word)))
    if not parts:
        return []
    page_words = sorted({word.lower() for word in _WORD.findall(text)})
    return [part for part in parts if not _found_without(part, page_words)]


def _found_without(part: str, sorted_words: list[str]) -> bool:
    """Does a search find `part` on a page with these words already (see the module's text)?"""
    at = bisect.bisect_left(sorted_words, part)
    if at == len(sorted_words) or not sorted_words[at].startswith(part):
        return False
    return sorted_words[at] == part or part.endswith("s")


def with_compound_parts(page_html: str, splitter: Decompounder | None) -> str:
    """The page's content HTML with its compounds' parts added for the search index only."""
    parts = compound_parts(page_html, splitter) if splitter is not None else []
    if not parts:
        return page_html
    value = html.escape(" ".join([PARTS_MARK, *parts]), quote=True)
    return (f'{page_html}<span data-pagefind-index-attrs="{PARTS_ATTRIBUTE}" '
            f'data-pagefind-weight="{PARTS_WEIGHT}" {PARTS_ATTRIBUTE}="{value}"></span>')
