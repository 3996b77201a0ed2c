"""Corrections to the HTML the theme writes, applied to every page after rendering.

Material puts `autocomplete="off"` on its hidden checkbox toggles (drawer, search) so Firefox
does not restore them after "back"; HTML allows the attribute only on text-like inputs, so the
Nu checker reports an error on every page. The toggles are display:none and never restored by
Chromium, so the attribute is dropped rather than the toggles rebuilt.

Material loads its script bundle at the end of the body without `defer`, so a phone's first
paint waits for 114 KB of script (Lighthouse: render-blocking). With `defer` it runs at the same
point, after the document is parsed, without holding up the paint; the theme's own inline
scripts before it do not depend on it.
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"")
_BUNDLE = re.compile(r"(<script src=\"[^\"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js\")>")


def correct_theme_html(html: str) -> str:
    """The page with autocomplete removed from checkbox inputs and Material's bundle deferred."""
    html = _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)
    return _BUNDLE.sub(r"\1 defer>", html, count=1)
