"""The registry: every content type of the site, in order. The only module that imports trygg.types.

The order is the order of loading, rendering, the start page's cards and `trygg new`'s list.
A new type is one package under trygg/types/ and one line here.
"""

from __future__ import annotations

from trygg.core.contenttype import ContentType
from trygg.types.about import ABOUT_TYPE
from trygg.types.charts import CHART_TYPE
from trygg.types.decisions import DECISION_TYPE
from trygg.types.goals import GOALS_TYPE
from trygg.types.handbooks import HANDBOOKS_TYPE
from trygg.types.keyfigures import FIGURES_TYPE


def registered_types() -> list[ContentType]:
    """Every extra content type, in rendering order. Add new types to this list."""
    return [CHART_TYPE, DECISION_TYPE, GOALS_TYPE, FIGURES_TYPE, HANDBOOKS_TYPE, ABOUT_TYPE]
