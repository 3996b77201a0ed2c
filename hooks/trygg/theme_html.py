"""Corrections to the HTML the theme writes, applied to every page after rendering.

Material puts `autocomplete="off"` on its hidden checkbox toggles (drawer, search) so Firefox
does not restore them after "back"; HTML allows the attribute only on text-like inputs, so the
Nu checker reports an error on every page. The toggles are display:none and never restored by
Chromium, so the attribute is dropped rather than the toggles rebuilt.
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"")


def correct_theme_html(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs; everything else untouched."""
    return _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)
