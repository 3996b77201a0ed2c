"""No script from content runs on the site: `<script>`, event handlers and javascript: URLs in any
text field or Markdown body render inert in the built HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import mkdocs_build
import markdown

from trygg.sanitize import SafeHtmlExtension, make_inert

SCRIPT = '<script>alert("xss")</script>'
IMG = '<img src="x" onerror="alert(1)">'
PAYLOAD = f"{SCRIPT} {IMG}"


@pytest.mark.parametrize("markup, inert", [
    ('<script>alert("x<y")</script>', '&lt;script&gt;alert("x&lt;y")&lt;/script&gt;'),
    ("<ScRiPt>alert(1)</sCrIpT>", "&lt;ScRiPt&gt;alert(1)&lt;/script&gt;"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<a href=" jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="https://boras.se" title="a&quot;b">x</a>', '<a href="https://boras.se" title="a&quot;b">x</a>'),
    ("<svg onload=alert(1)><a href='javascript:alert(2)'><text>x</text></a><script>alert(3)</script></svg>",
     "<svg><a><text>x</text></a>&lt;script&gt;alert(3)&lt;/script&gt;</svg>"),
    ('<svg viewBox="0 0 1 1"><set attributeName="href" to="javascript:alert(1)"/></svg>',
     '<svg viewbox="0 0 1 1">&lt;set attributeName=&quot;href&quot; to=&quot;javascript:alert(1)&quot;/&gt;</svg>'),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>',
     "&lt;iframe srcdoc=&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;/iframe&gt;"),
    ('<a href="data:text/html,x">x</a><img src="data:image/png;base64,AA" alt="">',
     '<a>x</a><img src="data:image/png;base64,AA" alt="">'),
    ("<p>Hej &amp; <b>då</b> &lt;script&gt;</p><br />", "<p>Hej &amp; <b>då</b> &lt;script&gt;</p><br />"),
    ('<p>x</p><img src=x onerror=alert(1)', "<p>x</p>&lt;img src=x onerror=alert(1)"),
])
def test_markup_is_made_inert(markup, inert):
    assert make_inert(markup) == inert


@pytest.mark.parametrize("text, html", [
    ("[länk](javascript:alert(1)) ![bild](vbscript:x)", '<p><a>länk</a> <img alt="bild" /></p>'),
    ('Text\n{: onclick="alert(1)" title="ok" }', '<p title="ok">Text</p>'),
    ('<form markdown="1" action="https://ex.se">\n*fet*\n</form>', "<div>\n<p><em>fet</em></p>\n</div>"),
    ("Före <img src=x onerror=alert(1)> efter <script>alert(2)</script>",
     '<p>Före <img src="x"> efter &lt;script&gt;alert(2)&lt;/script&gt;</p>'),
    ("[säker](https://boras.se){target=_blank}", '<p><a href="https://boras.se" target="_blank">säker</a></p>'),
])
def test_markdown_tree_and_raw_html_are_both_made_inert(text, html):
    """Markdown's own elements and attributes are cleaned in the tree, written HTML in the stash."""
    assert markdown.markdown(text, extensions=["attr_list", "md_in_html", SafeHtmlExtension()]) == html


class _Live(HTMLParser):
    """Collects what would run in a browser: script bodies, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"  # data, not code
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def test_script_in_every_text_field_renders_inert_on_the_site(project):
    event = f"""\
---
titel: 'Möte {PAYLOAD}'
typ: möte
sammanfattning: 'Sammanfattning {PAYLOAD}'
datum: 2030-05-24
tid: 9.00–12.00
plats: 'Stadshuset {PAYLOAD}'
målgrupp: 'Alla {PAYLOAD}'
publicerad: 2024-01-10
sidansvarig: 'Ansvarig {PAYLOAD}'
kontakt:
  - namn: 'Namn {PAYLOAD}'
    enhet: 'Enhet {PAYLOAD}'
    telefon: ['033-35 72 19 {PAYLOAD}']
    e-post: 'a@boras.se{PAYLOAD}'
anmälan:
  avser: 'Anmälan {PAYLOAD}'
program:
  - tid: 9.00–12.00
    rubrik: 'Punkt {PAYLOAD}'
    beskrivning: 'Beskrivning {PAYLOAD}'
    punkter: ['Punkt {PAYLOAD}']
    efter punkterna: 'Efter {PAYLOAD}'
---

Brödtext {PAYLOAD} och [länk](javascript:alert(1)) och <a href="javascript:alert(2)" onclick="alert(3)">a</a>.
"""
    notes = f"Dagen {PAYLOAD}\n\n## 9.00 Rubrik {PAYLOAD}\n\nText {PAYLOAD}\n"
    article = (f"---\ntitel: 'Nyhet {PAYLOAD}'\npublicerad: 2024-01-01\nförfattare: 'F {PAYLOAD}'\n"
               f"sammanfattning: 'S {PAYLOAD}'\n---\n\n{PAYLOAD}\n\n## Rubrik {SCRIPT}\n\n<div onmouseover=\"alert(4)\">x</div>\n")
    root = project({"content/moten/m/program.md": event, "content/moten/m/anteckningar.md": notes,
                    "content/nyheter/n.md": article})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    pages = sorted(run.site.rglob("*.html"))
    assert len(pages) > 5
    texts = {page.relative_to(run.site).as_posix(): page.read_text("utf-8") for page in pages}
    assert "alert(&quot;xss&quot;)" in texts["moten/m/index.html"] or 'alert("xss")' in texts["moten/m/index.html"]
    for name, text in texts.items():
        live = _Live()
        live.feed(text)
        assert [s for s in live.scripts if "alert" in s] == [], name
        assert live.handlers == [], name
    for feed in run.site.rglob("*.xml"):  # the Atom feed: escaped text, never markup
        assert "<script" not in Path(feed).read_text("utf-8"), feed
