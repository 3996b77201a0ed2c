"""The registry: every content type of the site, in order. The only module that imports trygg.types.

Each package under trygg/types/ (or module) that defines a `ContentType` at its top level is a
content type: the registry finds it there, so a new type is its package and nothing else. Each
type names its own place (`ContentType.rank`): the order of loading, rendering, the start page's
cards, the menu's added sections and `trygg new`'s list is by rank, then by key.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import trygg.types
from trygg.core.content import Content
from trygg.core.content import load_content as core_load_content
from trygg.core.contenttype import ContentType


def registered_types() -> list[ContentType]:
    """Every content type, in order."""
    return list(_discovered())


@functools.cache  # the type packages are imported once per process
def _discovered() -> tuple[ContentType, ...]:
    found = []
    for module in pkgutil.iter_modules(trygg.types.__path__, "trygg.types."):
        imported = importlib.import_module(module.name)
        found += [value for value in vars(imported).values() if isinstance(value, ContentType)]
    return tuple(in_order(found))


def in_order(types: Iterable[ContentType]) -> list[ContentType]:
    """`types` in their order: by `ContentType.rank`, then by key."""
    return sorted(types, key=lambda t: (t.rank, t.key))


def load_content(root: Path, **options: Any) -> Content:
    """`trygg.core.content.load_content` with every registered type."""
    return core_load_content(root, registered_types(), **options)
