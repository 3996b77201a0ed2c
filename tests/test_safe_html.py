"""The one allowlist (trygg.markdown.sanitize, nh3): what passes, what is removed, and what a writer is told.

The whole-site hostile corpus is tests/test_security.py; these are the unit-level cases."""

from __future__ import annotations

import markdown
import pytest

from conftest import mkdocs_build
from trygg.pipeline import check_site
from trygg.markdown.sanitize import SafeHtmlExtension, clean_html, escape_written_meta, is_same_site, markdown_blocks

SCRIPT = '<script>alert("xss")</script>'
IMG = '<img src="x" onerror="alert(1)">'
PAYLOAD = f"{SCRIPT} {IMG}"


@pytest.mark.parametrize("markup, clean", [
    ('<script>alert("x<y")</script>text', "text"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<a href=" jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="https://boras.se" title="a&quot;b">x</a>', '<a href="https://boras.se" title="a&quot;b">x</a>'),
    # the parser mismatch of the old sanitizer: a browser ends the comment at '<!-->'
    ("<!--><img src=x onerror=alert(1)>-->", '<img src="x">--&gt;'),
    ("<p>före<!-- en anteckning --> efter</p>", "<p>före efter</p>"),
    ("<svg onload=alert(1)><a href='javascript:alert(2)'><text>x</text></a><script>alert(3)</script></svg>",
     "<svg><a><text>x</text></a></svg>"),
    ('<svg viewBox="0 0 1 1"><set attributeName="href" to="javascript:alert(1)"/></svg>', '<svg viewBox="0 0 1 1"></svg>'),
    ('<svg><polyline marker-end="url(#pil)" fill="url(https://ex.se/a.svg#b)"/></svg>',
     '<svg><polyline marker-end="url(#pil)"></polyline></svg>'),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', ""),
    ('<a href="data:text/html,x">x</a><img src="https://ex.se/spårning.png" alt="">', '<a>x</a><img alt="">'),
    ('<img src="/assets/bild.png" alt="Bild">', '<img src="/assets/bild.png" alt="Bild">'),
    ("<p>Hej &amp; <b>då</b> &lt;script&gt;</p><br />", "<p>Hej &amp; <b>då</b> &lt;script&gt;</p><br>"),
    ('<p style="color:red" class="x">t</p>', '<p class="x">t</p>'),
    ('<div id="__config">{}</div><div id="egen">x</div>', '<div>{}</div><div id="egen">x</div>'),
    ('<a rel="attachment" href="file:///etc/passwd">x</a>', "<a>x</a>"),
    ("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", ""),
    ('<base href="https://ex.se/"><meta http-equiv="refresh" content="0;url=https://ex.se">', ""),
    ('<form action="https://ex.se"><input name="q"><button>Skicka</button></form>', "<button>Skicka</button>"),
])
def test_html_is_cleaned_to_the_allowlist(markup, clean):
    assert clean_html(markup) == clean


@pytest.mark.parametrize("url, same", [("/a/b", True), ("../x.png", True), ("#id", True), ("bild.png", True),
                                       ("https://ex.se/", False), ("//ex.se/x", False), ("\\\\ex.se", False),
                                       (" java\tscript:x", False), ("data:image/png;base64,AA", False)])
def test_same_site_addresses(url, same):
    assert is_same_site(url) is same


@pytest.mark.parametrize("text, html", [
    ("[länk](javascript:alert(1)) ![bild](vbscript:x)", '<p><a>länk</a> <img alt="bild"></p>'),
    ('Text\n{: onclick="alert(1)" title="ok" style="color:red" }', '<p title="ok">Text</p>'),
    ('<form markdown="1" action="https://ex.se">\n*fet*\n</form>', "<p><em>fet</em></p>"),
    ("Före <img src=x onerror=alert(1)> efter <script>alert(2)</script>", '<p>Före <img src="x"> efter </p>'),
    ("[säker](https://boras.se){target=_blank}", '<p><a href="https://boras.se" target="_blank">säker</a></p>'),
])
def test_markdown_output_passes_the_allowlist(text, html):
    """Markdown's own elements, attr_list attributes and written HTML are all cleaned in one pass."""
    assert markdown.markdown(text, extensions=["attr_list", "md_in_html", SafeHtmlExtension()]) == html


def test_blocks_keep_fenced_code_whole_and_know_their_lines():
    text = "Ett\n\n```\n<script>\n\n</script>\n```\n\nTvå\ntre"
    assert list(markdown_blocks(text, 5)) == [("Ett", 5), ("```\n<script>\n\n</script>\n```", 7), ("Två\ntre", 13)]


def test_hand_written_front_matter_is_text():
    meta = {"title": "</title><img src=x onerror=alert(1)>", "jsonld": "</script><script>alert(1)</script>",
            "feed": '"><script>', "search": {"exclude": True}}
    escape_written_meta(meta)
    assert meta == {"title": "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;", "search": {"exclude": True}}


ARTICLE = "content/nyheter/2030-01-01-nyhet.md"


def article(body: str, title: str = "Nyhet") -> str:
    return f"---\ntitel: '{title}'\npublicerad: 2030-01-01\nsammanfattning: Kort.\n---\n\n{body}"


def test_check_names_what_is_removed_with_file_and_line(project):
    body = ("Första stycket.\n\nEn bild <img src=x\nonerror=alert(1)> här.\n\n"
            "```\n<script>alert('kod i ett exempel')</script>\n```\n\n<script>alert(2)</script>\n\n"
            "[Länk](javascript:alert(3))\n")
    root = project({ARTICLE: article(body)})
    warnings = [str(p) for p in check_site(root, spelling=False).problems]
    tail = (" är inte tillåtet i texten: skript, händelser, formulär, inbäddningar, stilar och filer från andra "
            "webbplatser publiceras aldrig (ta bort koden; skriv texten, länkarna och bilderna med Markdown)")
    assert warnings == [  # the code example stays; the Markdown link is named by the link check alone
        f"{ARTICLE}:10: varning: attributet onerror på <img>{tail}",
        f"{ARTICLE}:16: varning: elementet <script>{tail}",
        f"{ARTICLE}:18:8: fel: länken 'javascript:alert(3)' använder 'javascript:', som inte är tillåtet "
        "(länka bara till https://-, mailto:- och tel:-adresser)",
    ]


def test_script_in_every_text_field_renders_inert_on_the_site(project):
    import html5lib

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
    news = (f"---\ntitel: 'Nyhet {PAYLOAD}'\npublicerad: 2024-01-01\nförfattare: 'F {PAYLOAD}'\n"
            f"sammanfattning: 'S {PAYLOAD}'\n---\n\n{PAYLOAD}\n\n## Rubrik {SCRIPT}\n\n<div onmouseover=\"alert(4)\">x</div>\n")
    root = project({"content/moten/m/program.md": event, "content/moten/m/anteckningar.md": notes,
                    "content/nyheter/n.md": news})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    pages = sorted(run.site.rglob("*.html"))
    assert len(pages) > 5
    texts = {page.relative_to(run.site).as_posix(): page.read_text("utf-8") for page in pages}
    assert "Möte &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in texts["moten/m/index.html"]  # titles: text
    for name, text in texts.items():
        document = html5lib.parse(text, namespaceHTMLElements=False)
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            assert not [a for a in element.attrib if str(a).lower().startswith("on")], name
            if element.tag == "script" and "json" not in element.get("type", ""):  # data, never run
                assert "alert" not in (element.text or ""), name
    for feed in run.site.rglob("*.xml"):  # the Atom feed: escaped text, never markup
        assert "<script" not in feed.read_text("utf-8"), feed


def test_check_names_what_is_removed_from_a_hand_written_page(project):
    root = project({"docs/om-oss.md": "---\ntitle: Om oss\n---\n\n# Om oss\n\nText <iframe src=\"https://ex.se\"></iframe>\n"})
    found = [str(p) for p in check_site(root, spelling=False).problems if p.file == "docs/om-oss.md"]
    assert found == ["docs/om-oss.md:7: varning: elementet <iframe> är inte tillåtet i texten: skript, händelser, "
                     "formulär, inbäddningar, stilar och filer från andra webbplatser publiceras aldrig (ta bort "
                     "koden; skriv texten, länkarna och bilderna med Markdown)"]
