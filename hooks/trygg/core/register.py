"""Resolves names and abbreviations written in content to register entries."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from trygg.core.validation import fold
from trygg.models.register import Organisation, Person, Term

if TYPE_CHECKING:
    from trygg.core.problems import Reporter


class Lines(Protocol):
    """A parsed source that knows the line of each value (trygg.core.source's Document, YamlData)."""

    def line(self, path: tuple) -> int | None: ...


def slugify(text: str) -> str:
    """URL-safe id from Swedish text: 'Fritids- och folkhälsonämnden' → 'fritids-och-folkhalsonamnden'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class Entry:
    """A register entry as pages see it: an anchor on the register page and a display label."""

    id: str
    kind: str  # "organisation" | "person" | "term"
    name: str
    abbreviation: str | None
    label: str  # what a page prints, e.g. "Anna Andersson (C), kommunalråd"
    expansion: str  # what an abbreviation stands for

    @property
    def url(self) -> str:
        return f"/organisation/#{self.id}"


@dataclass(frozen=True)
class Register:
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    terms: tuple[Term, ...]

    def entries(self) -> list[Entry]:
        return [*map(_org_entry, self.organisations), *(_person_entry(p, self) for p in self.people),
                *map(_term_entry, self.terms)]

    def lookup_table(self) -> dict[str, Entry]:
        """Every way content may name an entry (name, abbreviation, alias), folded."""
        table: dict[str, Entry] = {}
        for org, entry in zip(self.organisations, map(_org_entry, self.organisations)):
            for key in (org.name, org.abbreviation, *org.aliases):
                if key:
                    table.setdefault(fold(key), entry)
        for person in self.people:
            table.setdefault(fold(person.name), _person_entry(person, self))
        return table

    def written_names(self) -> list[tuple[str, Entry]]:
        """Every name, abbreviation and alias as the register writes it, with its entry."""
        found = [(key, entry) for org, entry in zip(self.organisations, map(_org_entry, self.organisations))
                 for key in (org.name, org.abbreviation, *org.aliases) if key]
        return found + [(person.name, _person_entry(person, self)) for person in self.people]

    def organisation_names(self) -> list[str]:
        """Every organisation's name and aliases, as written."""
        return sorted({name for o in self.organisations for name in (o.name, *o.aliases)})

    def abbreviations(self) -> dict[str, Entry]:
        """Abbreviation as written (case-sensitive) → entry; used to expand them on every page."""
        found = {e.abbreviation: e for e in self.entries() if e.abbreviation}
        return dict(sorted(found.items()))

    def organisation(self, name: str) -> Organisation | None:
        key = fold(name)
        return next((o for o in self.organisations
                     if key in {fold(o.name), fold(o.abbreviation or ""), *map(fold, o.aliases)}), None)


class Resolver:
    """Looks names up once per build; unknown names get a 'menade du …?' suggestion."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._table = register.lookup_table()
        self._written = register.written_names()

    def resolve(self, name: str) -> Entry | None:
        return self._table.get(fold(name))

    def look_up(self, name: str | None, line: int | None, report: Reporter) -> Entry | None:
        """The entry `name` names (None for no name), or None after reporting at `line` that the
        register lacks it — the one message every content type gives for an unknown name."""
        if name is None:
            return None
        entry = self.resolve(name)
        if entry is None:
            report.error(line, f"'{name}' finns inte i registret", self.suggestion(name))
        return entry

    def look_up_all(self, names: list[str], where: tuple, source: Lines, report: Reporter) -> tuple[Entry, ...]:
        """Every entry of a list of names at `where` in `source` (a Document or YamlData); unknown
        names are reported at their own line and left out."""
        found = (self.look_up(name, source.line((*where, index)), report) for index, name in enumerate(names))
        return tuple(entry for entry in found if entry is not None)

    def suggestion(self, name: str) -> str:
        found = self.closest(name)
        if found is None:
            return "lägg till namnet i content/organisation/ först"
        written, entry = found
        other = entry.abbreviation if written != entry.abbreviation else entry.name
        shown = f"{written} ({other})" if other and other != written else written
        return f"menade du '{shown}'?"

    def closest(self, name: str) -> tuple[str, Entry] | None:
        """The name, abbreviation or alias most like `name` — letter by letter, word by word and
        with Swedish shared compounds spelt out — and its entry; None when nothing is close.
        'Fritidsförvaltningen' finds 'Fritids- och folkhälsoförvaltningen', 'CKSS' finds 'CKS'."""
        query = fold(name)
        scored = ((name_likeness(query, fold(written)), written, entry) for written, entry in self._written)
        best = max(scored, default=None, key=lambda found: found[:2])
        return (best[1], best[2]) if best is not None and best[0] >= 0.75 else None


_SHARED_COMPOUND = re.compile(r"^(.*?)(\w+)- (?:och|eller) (\w+)(.*)$")


def name_likeness(query: str, key: str) -> float:
    """How alike two folded names are (0–1): letters, whole words, and the readings of a shared
    compound ('fritids- och folkhalsoforvaltningen' also reads 'fritidsforvaltningen')."""
    score = difflib.SequenceMatcher(None, query, key).ratio()
    for variant in _compound_readings(key):
        score = max(score, difflib.SequenceMatcher(None, query, variant).ratio())
    query_words, key_words = set(query.split()), {w for w in key.split() if len(w) > 3}
    if key_words and key_words <= query_words:  # 'polisen i staden' names 'polisen'
        score = max(score, 0.8)
    return score


def _compound_readings(key: str) -> list[str]:
    """'fritids- och folkhalsonamnden' → 'fritidsnamnden', 'fritidshalsonamnden', …, 'folkhalsonamnden'."""
    match = _SHARED_COMPOUND.match(key)
    if not match:
        return []
    before, first, second, after = match.groups()
    readings = [before + second + after]
    readings += [before + first + second[i:] + after for i in range(1, len(second) - 3)]
    return readings


def _org_entry(org: Organisation) -> Entry:
    ident = slugify(org.abbreviation or org.name)
    return Entry(ident, "organisation", org.name, org.abbreviation, org.name, org.name)


def _person_entry(person: Person, register: Register) -> Entry:
    label = person.name + (f" ({person.party})" if person.party else "")
    details = [d for d in (person.role, _org_name(person.organisation, register)) if d]
    if details:
        label += ", " + ", ".join(details)
    return Entry(slugify(person.name), "person", person.name, None, label, person.name)


def _org_name(name: str | None, register: Register) -> str | None:
    if not name:
        return None
    org = register.organisation(name)
    return org.abbreviation or org.name if org else name


def _term_entry(term: Term) -> Entry:
    return Entry(slugify(term.abbreviation), "term", term.meaning, term.abbreviation, term.meaning, term.meaning)
