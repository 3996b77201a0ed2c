"""Content-hashed names for the site's own stylesheet and script.

`docs/assets/trygg.css` is published as `assets/trygg.<hash>.css` (likewise every own file named in
mkdocs.yml's `extra_css` and `extra_javascript`), the hash taken from its bytes. A changed file gets
a new name, so the web server may let browsers keep it for a year (deploy/trygg-site.conf), and two
builds of one commit still give the same names. The MkDocs hook renames the files and the entries
every page's <link>/<script> is written from, so `mkdocs build` and `trygg build` agree.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

HASH_LENGTH = 12  # hex digits; deploy/trygg-site.conf caches names with 8 or more for a year
# Our names only: the theme's own fingerprints are 8 hex digits followed by '.min'.
_FINGERPRINTED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.(?:css|js)$")


def fingerprinted(uri: str, content: bytes) -> str:
    """'assets/trygg.css' → 'assets/trygg.<first 12 hex digits of SHA-256>.css'."""
    stem, ext = posixpath.splitext(uri)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:HASH_LENGTH]}{ext}"


def is_fingerprinted(name: str) -> bool:
    """True for a name `fingerprinted` gives ('trygg.0123456789ab.css'), not for the theme's."""
    return _FINGERPRINTED.search(name) is not None
