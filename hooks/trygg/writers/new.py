"""`trygg new <typ> "Titel"`: a commented, valid example page in the right place, dated today.

Input: the type's name, the title, today's date and names from the site's own register
(`SiteNames`), so an example never names another municipality's bodies. Output: one new file
under content/ (never overwriting one). Events and articles are built in; every `ContentType`
with a `skeleton` adds its own, under its key. Each skeleton builds, and `trygg check` flags its
placeholder texts ("Skriv …") until the writer has replaced them (tests prove both).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from pathlib import Path

from trygg.core.content import ARTICLES_DIR, EVENTS_DIR
from trygg.core.history import current_date
from trygg.core.register import slugify
from trygg.core.skeleton import SiteNames, Skeleton, site_names, yaml_text
from trygg.registry import registered_types


PLACEHOLDER = re.compile(r"\bSkriv [^#\n]*?(?=\s*(?:#|$))", re.M)


@functools.cache
def placeholder_texts() -> frozenset[str]:
    """Every "Skriv …" text the skeletons put where the writer's own text belongs."""
    found: set[str] = set()
    for make in skeletons().values():
        _, text = make("Rubrik", "rubrik", dt.date(2030, 1, 1))
        for line in text.split("\n"):
            if not line.lstrip().startswith("#"):
                found.update(m.group(0).strip().strip("'\"") for m in PLACEHOLDER.finditer(line))
    return frozenset(t for t in found if len(t) > 12)
EVENT_KINDS = ("möte", "utvecklingsdag", "konferens", "seminarium")
_ARTICLE = {"möte": "Ett möte", "utvecklingsdag": "En utvecklingsdag", "konferens": "En konferens",
            "seminarium": "Ett seminarium"}


def event_skeleton(kind: str) -> Skeleton:
    def make(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
        return f"content/{EVENTS_DIR}/{slug}/program.md", f"""\
---
# {_ARTICLE[kind]}. Rader som börjar med # är kommentarer och syns inte på webbplatsen.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
typ: {kind}
sammanfattning: Skriv en eller två meningar om vad dagen handlar om.
datum: ej fastställt  # eller ett datum: {today.isoformat()}
tid: 13.00–15.00      # dagens start och slut, med tankstreck
plats: Skriv var mötet hålls, till exempel lokal och adress
publicerad: {today.isoformat()}
# målgrupp: Vilka som är välkomna
# arrangör: [{names.organisation}]   # namn eller förkortning ur registret
# sidansvarig: Förnamn Efternamn
# utkast: true                              # syns då bara i förhandsvisningen
program:
  - tid: 13.00–13.15
    rubrik: Välkomna
    # medverkande: [Förnamn Efternamn]    # namn ur registret i content/organisation/
  - tid: 13.15–14.45
    rubrik: Skriv programpunktens rubrik
  - tid: 14.45–15.00
    rubrik: Avslutning
---

Skriv en inledning här. Anteckningar från dagen skriver du i anteckningar.md i samma mapp, med
en rubrik per programpunkt som börjar med punktens starttid, till exempel ## 13.15 Rubrik.
"""
    return make


def article_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    return f"content/{ARTICLES_DIR}/{slug}.md", f"""\
---
# En nyhet. Rader som börjar med # är kommentarer och syns inte på webbplatsen.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
publicerad: {today.isoformat()}
sammanfattning: Skriv en eller två meningar som sammanfattar nyheten.
# författare: Förnamn Efternamn
# sidansvarig: Förnamn Efternamn
# relaterat: [moten/mappens-namn]   # sidor som nyheten handlar om
# utkast: true                        # syns då bara i förhandsvisningen
---

Skriv nyheten här. Börja med det viktigaste. Mellanrubriker skriver du med två #-tecken:

## En mellanrubrik

Mer text.
"""


def skeletons() -> dict[str, Skeleton]:
    """Every type name `trygg new` knows, with its skeleton."""
    found: dict[str, Skeleton] = {kind: event_skeleton(kind) for kind in EVENT_KINDS}
    found["nyhet"] = article_skeleton
    for content_type in registered_types():
        if content_type.skeleton is not None:
            found.setdefault(content_type.key, content_type.skeleton)
    return found


def create_page(root: Path, kind: str, title: str, slug: str | None = None, today: dt.date | None = None) -> int:
    """Write the skeleton; print where, or why not (in Swedish). Returns the exit code."""
    known = skeletons()
    if kind not in known:
        print(f"trygg new: okänd sorts sida '{kind}'. Välj en av: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    title = " ".join(title.split())
    slug = slugify(slug or title)
    if not title or not slug:
        print("trygg new: skriv en rubrik med minst en bokstav eller siffra, till exempel "
              "trygg new nyhet \"Trygghetsvandring i centrum\"", file=sys.stderr)
        return 2
    rel, text = known[kind](title, slug, today or current_date(), site_names(root))
    path = root / rel
    if path.exists():
        print(f"trygg new: {rel} finns redan. Välj en annan rubrik eller ange --mapp.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Skapade {rel}. Öppna filen, fyll i och kör sedan .venv/bin/trygg check.")
    return 0
