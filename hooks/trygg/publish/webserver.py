"""The Content-Security-Policy for the built site: only the site's own files and the inline scripts
that the theme and trygg themselves emit.

The theme writes two small inline scripts into every page (the base URL of the page's folder
depth; the anchor fix for content tabs). Instead of 'unsafe-inline' the policy lists their
SHA-256 hashes. The hashes come from `KNOWN_INLINE_SCRIPTS`, a list written here, never from
whatever a page happens to hold: `check_page_scripts` reads every `<script` in a page and fails
on one that is not on the list (an unknown inline script, an outside address, a data block with
markup inside), so the hook stops `mkdocs build` and `trygg build` on it. A theme update that
changes its scripts therefore fails the build until the list here is updated and reviewed.

Scripts of a data type (the theme's JSON configuration, our JSON-LD, the texts of our script) are
not executed and need no hash; they may hold no '<' at all, so nothing in them can end the
element or start markup.

Where the policy is enforced:
- nginx (deploy/nginx.conf): the header from `<site>/.nginx/csp.conf`, written by
  `trygg build` (`write_nginx_snippet`), with frame-ancestors;
- every host, GitHub Pages included (which sets no headers): the same policy as
  `<meta http-equiv="Content-Security-Policy">` at the top of every page (`add_meta_policy`),
  without frame-ancestors, which browsers ignore in a meta policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

SNIPPET = Path(".nginx") / "csp.conf"
# The theme's inline scripts (Material's partials/javascripts/base.html and content.html), each
# a pattern whose only variable part is the page's base address, and that only as a relative
# path or the site's root path.
KNOWN_INLINE_SCRIPTS = {
    "base": re.compile(
        r'__md_scope=new URL\("(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9._~/-]*)",location\),'
        r'__md_hash=e=>\[\.\.\.e\]\.reduce\(\(\(e,_\)=>\(e<<5\)-e\+_\.charCodeAt\(0\)\),0\),'
        r'__md_get=\(e,_=localStorage,t=__md_scope\)=>JSON\.parse\(_\.getItem\(t\.pathname\+"\."\+e\)\),'
        r'__md_set=\(e,_,t=localStorage,a=__md_scope\)=>\{try\{t\.setItem\(a\.pathname\+"\."\+e,JSON\.stringify\(_\)\)\}'
        r'catch\(e\)\{\}\}'),
    "anchor": re.compile(re.escape(
        'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
        '(target.checked=target.name.startsWith("__tabbed_"))')),
}
# Every '<script' a browser could read as a script element, case-insensitively (a superset:
# the tag name is never decoded from entities, so a script element needs these characters).
_SCRIPT_OPEN = re.compile(r"<script(?=[\s/>])", re.I)
_OWN_TAG = re.compile(
    r'<script(?P<attrs>(?: src="(?P<src>[^"<>]*)"| defer| id="(?:__config|trygg-texts)"| type="application/(?:ld\+)?json")*)>'
    r"(?P<body>.*?)</script>", re.S)
_DATA = re.compile(r'type="application/(?:ld\+)?json"')
_META_AFTER = re.compile(r"<meta charset=\"utf-8\">|<head>", re.I)


class UnknownScript(Exception):
    """A script in a page that neither the theme nor trygg emits: the build must stop."""


@dataclass(frozen=True)
class PageScripts:
    hashes: frozenset[str]  # 'sha256-…' of the page's known inline scripts


def check_page_scripts(html: str, page: str) -> PageScripts:
    """The hashes of the page's inline scripts, each one on the known list; UnknownScript otherwise."""
    hashes = set()
    for opening in _SCRIPT_OPEN.finditer(html):
        tag = _OWN_TAG.match(html, opening.start())
        if tag is None:
            raise UnknownScript(_unknown(page, html, opening.start(), "ett skript som varken temat eller trygg skriver"))
        body = tag.group("body")
        if tag.group("src") is not None:
            if body or not _is_own_address(tag.group("src")):
                raise UnknownScript(_unknown(page, html, opening.start(), "ett skript från en annan adress"))
        elif _DATA.search(tag.group("attrs")):
            if "<" in body:  # '</script' or '<!--' in data would make the browser read on as script
                raise UnknownScript(_unknown(page, html, opening.start(), "ett datablock med '<' i (JSON ska skriva "
                                             "det som \\u003c)"))
        elif any(known.fullmatch(body) for known in KNOWN_INLINE_SCRIPTS.values()):
            hashes.add(script_hash(body))
        else:
            raise UnknownScript(_unknown(page, html, opening.start(), "ett inline-skript som inte finns i listan "
                                         "över kända skript (trygg.publish.webserver.KNOWN_INLINE_SCRIPTS)"))
    return PageScripts(frozenset(hashes))


def _unknown(page: str, html: str, index: int, what: str) -> str:
    line = html.count("\n", 0, index) + 1
    return (f"{page}:{line}: sidan innehåller {what}: {html[index:index + 80]!r}. Bygget stoppas, så att inget "
            "okänt skript publiceras. Kommer skriptet från en ny version av temat: granska det och lägg till det "
            "i KNOWN_INLINE_SCRIPTS.")


def _is_own_address(src: str) -> bool:
    return not re.match(r"[a-z][a-z0-9+.-]*:|[/\\]{2}", src, re.I)


def script_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def inline_script_hashes(site: Path) -> list[str]:
    """'sha256-…' of every known inline script in the site's pages, sorted; UnknownScript on any other."""
    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        hashes |= check_page_scripts(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix()).hashes
    return sorted(hashes)


def content_security_policy(script_hashes: list[str], *, meta: bool = False) -> str:
    """Everything from the site's own host only; inline scripts only by hash; no plugins, no framing.

    img-src allows data: because the theme's stylesheet draws its icons as data: SVG;
    'wasm-unsafe-eval' lets the search (Pagefind) compile its own WebAssembly from this host; it
    allows no eval() of JavaScript. A `meta` policy leaves out frame-ancestors, which browsers
    ignore (with a console error) in a <meta> element.
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in script_hashes)])
    directives = [
        "default-src 'self'", f"script-src {scripts}", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'",
    ]
    if not meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def write_nginx_snippet(site: Path, script_hashes: list[str] | None = None) -> Path:
    path = site / SNIPPET
    path.parent.mkdir(exist_ok=True)
    policy = content_security_policy(inline_script_hashes(site) if script_hashes is None else script_hashes)
    path.write_text("# Written by `trygg build` from the known inline scripts (trygg.publish.webserver); "
                    "included by deploy/nginx.conf.\n"
                    f'add_header Content-Security-Policy "{policy}" always;\n', encoding="utf-8")
    return path


def with_meta_policy(html: str, script_hashes: list[str] | frozenset[str]) -> str:
    """`html` with the policy first in its <head> (for hosts that set no header), unless it has one
    (the browser editor's page, trygg.editor, brings its own: a second would only narrow it).

    The hook gives every page built by MkDocs its own policy (the hashes of its own inline
    scripts), so `mkdocs build` publishes it too; `trygg build` adds the site's to any other page.
    """
    anchor = _META_AFTER.search(html)
    if anchor is None or _META_POLICY in html:
        return html
    policy = content_security_policy(sorted(script_hashes), meta=True)
    return f'{html[:anchor.end()]}<meta http-equiv="Content-Security-Policy" content="{policy}">{html[anchor.end():]}'


_META_POLICY = '<meta http-equiv="Content-Security-Policy"'


def add_meta_policy(site: Path, script_hashes: list[str]) -> int:
    """The policy in every page that has none yet (see `with_meta_policy`); the pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        secured = with_meta_policy(html, script_hashes)
        if secured != html:
            page.write_text(secured, encoding="utf-8")
            changed += 1
    return changed


def secure_site(site: Path) -> list[str]:
    """Check every page's scripts, then publish the policy as nginx header and as meta; the hashes."""
    hashes = inline_script_hashes(site)
    add_meta_policy(site, hashes)
    write_nginx_snippet(site, hashes)
    return hashes
