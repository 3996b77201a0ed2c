"""The registry: every content type of the site, in order. The only module that imports trygg.types.

The order is the order of loading, rendering, the start page's cards and `trygg new`'s list.
A new type is one package under trygg/types/ and one line here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trygg.core.content import Content
from trygg.core.content import load_content as core_load_content
from trygg.core.contenttype import ContentType
from trygg.types.about import ABOUT_TYPE
from trygg.types.articles import ARTICLES_TYPE
from trygg.types.charts import CHART_TYPE
from trygg.types.decisions import DECISION_TYPE
from trygg.types.events import EVENTS_TYPE
from trygg.types.goals import GOALS_TYPE
from trygg.types.handbooks import HANDBOOKS_TYPE
from trygg.types.keyfigures import FIGURES_TYPE
from trygg.types.register import REGISTER_TYPE


def registered_types() -> list[ContentType]:
    """Every content type, in order. Add new types to this list."""
    return [EVENTS_TYPE, ARTICLES_TYPE, REGISTER_TYPE, CHART_TYPE, DECISION_TYPE, GOALS_TYPE, FIGURES_TYPE,
            HANDBOOKS_TYPE, ABOUT_TYPE]


def load_content(root: Path, **options: Any) -> Content:
    """`trygg.core.content.load_content` with every registered type."""
    return core_load_content(root, registered_types(), **options)
