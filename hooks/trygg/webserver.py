"""The Content-Security-Policy for the built site, as strict as the theme allows.

The theme runs a few small inline scripts (the base URL of each folder depth, the anchor fix);
instead of 'unsafe-inline' the policy lists their SHA-256 hashes, collected from the built HTML.
Scripts of a data type (JSON configuration, JSON-LD) are not executed and need no hash.

`write_nginx_snippet` writes the header as an nginx snippet into `<site>/.nginx/csp.conf`,
which deploy/nginx.conf includes (and never serves). Reload nginx after publishing a build.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

SNIPPET = Path(".nginx") / "csp.conf"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_HAS_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_script_hashes(site: Path) -> list[str]:
    """'sha256-…' of every distinct executable inline script in the site's HTML, sorted."""
    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if _HAS_SRC.search(attrs) or _DATA_TYPE.search(attrs):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    """Everything from the site's own host only; inline scripts only by hash; no plugins, no framing.

    img-src allows data: because the theme's stylesheet draws its icons as data: SVG;
    'wasm-unsafe-eval' lets the search (Pagefind) compile its own WebAssembly from this host; it
    allows no eval() of JavaScript.
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in script_hashes)])
    directives = [
        "default-src 'self'", f"script-src {scripts}", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def write_nginx_snippet(site: Path) -> Path:
    path = site / SNIPPET
    path.parent.mkdir(exist_ok=True)
    policy = content_security_policy(inline_script_hashes(site))
    path.write_text("# Written by `trygg build` from the built pages; included by deploy/nginx.conf.\n"
                    f'add_header Content-Security-Policy "{policy}" always;\n', encoding="utf-8")
    return path
