"""The registry: every content type of the site, in order. The only module that imports trygg.types.

Each package under trygg/types/ (or module) that defines a `ContentType` at its top level is a
content type: the registry finds it there, so a new type is its package and nothing else. The
order is the order of loading, rendering, the start page's cards, the menu's added sections and
`trygg new`'s list: the types named in ORDER first, then any other by its key.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import trygg.types
from trygg.core.content import Content
from trygg.core.content import load_content as core_load_content
from trygg.core.contenttype import ContentType

# The first customer's menu order; a type not named here follows them.
ORDER = ("moten", "nyheter", "organisation", "diagram", "beslut", "malomraden", "nyckeltal", "handbocker", "om")


def registered_types() -> list[ContentType]:
    """Every content type, in order."""
    return list(_discovered())


@functools.cache  # the type packages are imported once per process
def _discovered() -> tuple[ContentType, ...]:
    found = []
    for module in pkgutil.iter_modules(trygg.types.__path__, "trygg.types."):
        imported = importlib.import_module(module.name)
        found += [value for value in vars(imported).values() if isinstance(value, ContentType)]
    rank = {key: index for index, key in enumerate(ORDER)}
    return tuple(sorted(found, key=lambda t: (rank.get(t.key, len(ORDER)), t.key)))


def load_content(root: Path, **options: Any) -> Content:
    """`trygg.core.content.load_content` with every registered type."""
    return core_load_content(root, registered_types(), **options)
