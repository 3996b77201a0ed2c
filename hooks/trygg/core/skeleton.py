"""What every type's skeleton (`trygg new <typ> "Titel"`) shares: names from the site's own register,
so an example never names another municipality's bodies, and safe YAML for the title.

A skeleton is a function (title, slug, today, names) → (path under the project, text); each
content type keeps its own beside its loader (trygg.types.*), `trygg new` lists them (trygg.writers.new).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from trygg.core.content import LoadContext, load_register
from trygg.core.history import current_date
from trygg.core.register import Register


@dataclass(frozen=True)
class SiteNames:
    """Names from the site's own register that skeletons and the guide's examples use."""

    organisation: str = "Kommunstyrelsen"  # a body every Swedish municipality has
    person: str = "Förnamn Efternamn"


def site_names(root: Path) -> SiteNames:
    """Names from `root`'s register (content/organisation/), without reporting its problems."""
    return names_from_register(load_register(LoadContext(root, include_drafts=True, today=current_date())))


def names_from_register(register: Register) -> SiteNames:
    orgs = register.organisations
    org = next((o for o in orgs if o.name == SiteNames.organisation), orgs[0] if orgs else None)
    return SiteNames(org.name if org else SiteNames.organisation,
                     register.people[0].name if register.people else SiteNames.person)


Skeleton = Callable[..., tuple[str, str]]  # (title, slug, today, names=SiteNames()) → (path, text)


def yaml_text(value: str) -> str:
    """A title as a YAML single-quoted string: safe with colons, '#' and quotes."""
    return "'" + value.replace("'", "''") + "'"
