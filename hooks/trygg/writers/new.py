"""`trygg new <typ> "Titel"`: a commented, valid example page in the right place, dated today.

Input: the type's name, the title, today's date and names from the site's own register
(`SiteNames`), so an example never names another municipality's bodies. Output: one new file
under content/ (never overwriting one). Every `ContentType` (trygg.registry) gives its skeleton,
under its key or under its own `skeletons` names (events: möte, seminarium …). Each skeleton builds, and `trygg check` flags its
placeholder texts ("Skriv …") until the writer has replaced them (tests prove both).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from pathlib import Path

from trygg import registry
from trygg.core.history import current_date
from trygg.core.register import slugify
from trygg.core.skeleton import Skeleton, site_names

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
def skeletons() -> dict[str, Skeleton]:
    """Every type name `trygg new` knows, with its skeleton."""
    found: dict[str, Skeleton] = {}
    for content_type in registry.registered_types():
        found.update(content_type.skeletons)
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
