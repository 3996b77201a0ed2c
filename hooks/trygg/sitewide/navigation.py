"""Content types are switched on by their content: the menu (mkdocs.yml's `nav`) loses the entries
of generated pages that this build does not make, e.g. /beslut/ on a site without decisions.

Only pages under a content type's folder are dropped; a missing hand-written page in `nav` is
still MkDocs' own warning, so a typo in mkdocs.yml is not hidden.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from trygg import registry


def generated_folders() -> set[str]:
    """The first folder of every page a content type may generate."""
    return {t.key.split("/")[0] for t in registry.registered_types()}


def without_switched_off(nav: list | None, generated: Container[str], existing: Any) -> list | None:
    """`nav` without entries for generated pages that were not made, nor sections left empty.

    `existing` is MkDocs' Files (or any object with `get_file_from_path`): hand-written pages.
    """
    if nav is None:
        return None
    folders = generated_folders()

    def absent(target: str) -> bool:
        path = target.strip("/")
        return (path.split("/", 1)[0] in folders and path.endswith(".md") and path not in generated
                and existing.get_file_from_path(path) is None)

    def prune(items: list) -> list:
        kept = []
        for item in items:
            if isinstance(item, str):
                if not absent(item):
                    kept.append(item)
                continue
            title, value = next(iter(item.items()))
            if isinstance(value, list):
                value = prune(value)
                if value:
                    kept.append({title: value})
            elif not (isinstance(value, str) and absent(value)):
                kept.append(item)
        return kept

    return prune(nav)
