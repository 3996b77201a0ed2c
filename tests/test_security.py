"""Safe by construction, tried as an attacker and a careless writer would (tests/security_corpus.yml).

Each hostile input is built the three ways the project builds (`trygg check`, `mkdocs build
--strict`, `trygg build`). The output is read with html5lib, an HTML5 parser that follows the
standard browsers follow, and must hold no live script, no event handler and no request to
another host; the pages are then loaded in Chromium, which must show no dialog and report no
script error. Handbook PDFs must embed no file and show nothing from outside the site. Inputs
that are refused must stop every build with a Swedish message naming file and line, and no valid
personal identity number may appear anywhere in the output (pages, feed, API, search
fragments, PDF text, addresses).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
import yaml

from conftest import _QuietHandler, copy_project, mkdocs_build, write_tree
from trygg.core.personal import find_personal_numbers
from trygg.pipeline import build_site, check_site
from trygg.core.rendering import json_for_html
from trygg.core.texts import Texts
from trygg.publish.webserver import KNOWN_INLINE_SCRIPTS, script_hash

CORPUS = yaml.safe_load((Path(__file__).parent / "security_corpus.yml").read_text("utf-8"))
SITE = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url without TRYGG_SITE_URL
HEAD = "---\ntitel: Nyhet {id}\npublicerad: 2024-01-01\nsammanfattning: En nyhet.\n---\n\n"  # body at line 7
BODY_LINE = 7
HANDBOOK = ("titel: Farlig handbok\nsammanfattning: En handbok.\nägare: [CKS]\npublicerad: 2026-11-22\n"
            "senast granskad: 2026-11-22\ngranskas senast: 2027-11-22\n")
SECRET_TEXT = "HEMLIGT-FRAN-BYGGMASKINEN-4711"
# Numbers that look like personal identity numbers but are not: a wrong check digit and an
# organisationsnummer. They must not block, and they reach the output (so the scan has meaning).
HARMLESS_NUMBERS = ("19811218-9875", "556016-0680")
# Corpus entries in which nothing is removed: text that only looks like markup, and markup that
# Python-Markdown itself does not take for HTML (an attribute value with quotes and parentheses),
# stay text on the page.
# Published as harmless text, not removed: named by trygg check as markup a reader sees as text.
SHOWN_AS_TEXT = {"double-encoded", "svg-animate-handler", "unclosed-tag", "attribute-breakout", "title-breakout"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset", "background", "cite", "xlink:href"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}


def test_the_corpus_holds_at_least_forty_hostile_inputs_of_every_class():
    counts = {part: len(CORPUS[part]) for part in ("markdown", "fields", "chapters", "rejected", "personal")}
    assert sum(counts.values()) >= 40 and all(counts.values()), counts
    names = " ".join(CORPUS["markdown"])
    for kind in ("comment", "cdata", "entity", "svg", "mathml", "srcdoc", "base", "meta-refresh", "form", "style"):
        assert kind in names, kind


def _article(name: str, body: str, **fields: str) -> str:
    """A news article; `fields` replace or add front matter values (as JSON strings, valid YAML)."""
    head = HEAD.format(id=name)
    for key, value in fields.items():
        line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
        head, replaced = re.subn(rf"^{key}: .*\n", line.replace("\\", "\\\\"), head, flags=re.M)
        head = head if replaced else head.replace("---\n\n", f"{line}---\n\n")
    return head + body + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    """A project whose content is the corpus' inputs that may be published once cleaned."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    secret = tmp_path_factory.mktemp("outside") / "hemlig.txt"
    secret.write_text(SECRET_TEXT, "utf-8")
    files = {f"content/nyheter/{name}.md": _article(name, f"Vanlig text före.\n\n{markup}")
             for name, markup in CORPUS["markdown"].items()}
    for name, value in CORPUS["fields"].items():
        files[f"content/nyheter/falt-{name}.md"] = _article(
            name, f"Text.\n\n{' '.join(HARMLESS_NUMBERS)}", titel=f"Nyhet {value}", sammanfattning=value,
            författare=value, sidansvarig=value)
    files["content/handbocker/farlig/handbok.yml"] = HANDBOOK
    for number, (name, markup) in enumerate(CORPUS["chapters"].items(), 1):
        files[f"content/handbocker/farlig/{number:02d}-{name}.md"] = (
            f"---\ntitel: Kapitel {name}\n---\n\nVanlig text.\n\n{markup.replace('{secret}', str(secret))}\n")
    return write_tree(root, files), secret


@pytest.fixture(scope="module")
def strict_build(hostile):
    run = mkdocs_build(hostile[0])
    assert run.returncode == 0, run.output
    return run.site


@pytest.fixture(scope="module")
def published(hostile) -> Path:
    root = hostile[0]
    run = _trygg(root, "build")
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


def _trygg(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "trygg.cli", *args, "--root", str(root)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


# --- trygg check ----------------------------------------------------------------------------------

def test_check_names_every_hostile_input_with_file_and_line(hostile):
    problems = check_site(hostile[0], spelling=False).problems
    named = {(p.file, p.line) for p in problems}
    as_text = {p.file for p in problems if p.message.endswith("visas som text på sidan, inte som HTML")}
    for name in CORPUS["markdown"]:
        file = f"content/nyheter/{name}.md"
        lines = {line for f, line in named if f == file}
        # the body starts at line 9: the hostile markup is its third line
        assert lines and all(line is not None and line >= BODY_LINE + 2 for line in lines), (name, lines)
        assert file in as_text or name not in SHOWN_AS_TEXT, name
    for name in CORPUS["fields"]:
        file = f"content/nyheter/falt-{name}.md"
        assert any(f == file and line for f, line in named), name
        assert file in as_text or name not in SHOWN_AS_TEXT, name
    harmless = [p for p in problems if "personnummer" in p.message or "samordningsnummer" in p.message]
    assert harmless == []  # a wrong check digit and an organisationsnummer do not block


# --- the output, read as a browser reads it --------------------------------------------------------

def _own(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc or f"{parts.scheme}://{parts.netloc}/" == SITE


def _live_problems(html: str, allowed_hashes: set[str] | None) -> list[str]:
    """Script, handlers, script addresses and foreign requests in one page, as html5lib reads it."""
    found = []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        attributes = {str(k).rsplit("}", 1)[-1].lower() if not isinstance(k, tuple) else k[1].lower(): v
                      for k, v in element.attrib.items()}
        found += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        for name, value in attributes.items():
            cleaned = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"<{tag} {name}={value!r}>")
            if (name in RESOURCE_ATTRIBUTES or (name == "href" and tag in ("link", "use", "image"))) and not all(
                    _own(part.split()[0]) for part in value.split(",") if part.strip()):
                found.append(f"<{tag} {name}={value!r}> loads from another host")
        if tag in ("iframe", "frame", "object", "embed", "base", "portal", "applet"):
            found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if tag == "form" and not _own(attributes.get("action", "")):
            found.append(f"<form action={attributes.get('action')!r}>")
        if tag == "style" and "evil.example" in (element.text or ""):
            found.append("<style> from the content")
        if tag == "script":
            found += _script_problems(element, attributes, allowed_hashes)
    return found


def _script_problems(element, attributes: dict[str, str], allowed_hashes: set[str] | None) -> list[str]:
    body = element.text or ""
    if "src" in attributes:
        return [] if _own(attributes["src"]) and not body else [f"<script src={attributes['src']!r}>"]
    if "json" in attributes.get("type", ""):
        return [] if "<" not in body else ["<script type=json> holding '<'"]
    known = any(pattern.fullmatch(body) for pattern in KNOWN_INLINE_SCRIPTS.values())
    if not known or (allowed_hashes is not None and script_hash(body) not in allowed_hashes):
        return [f"<script>{body[:60]}"]
    return []


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def test_strict_build_pages_hold_no_live_script_handler_or_foreign_request(strict_build):
    pages = _pages(strict_build)
    assert all(f"nyheter/{name}/index.html" in pages for name in CORPUS["markdown"])
    problems = {name: found for name, html in pages.items() if (found := _live_problems(html, None))}
    assert problems == {}
    for name, html in pages.items():  # plain `mkdocs build` publishes the policy too: its page's own scripts
        hashes = set(re.findall(r"'(sha256-[^']+)'", _meta_policy(html)))
        assert _live_problems(html, hashes) == [], name
        assert hashes == {script_hash(body) for body in re.findall(r"<script>(.*?)</script>", html, re.S)}, name


def _meta_policy(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "no CSP meta element"
    return match.group(1)


def test_published_pages_carry_the_policy_first_and_hold_nothing_live(published):
    pages = _pages(published)
    header = (published / ".nginx/csp.conf").read_text("utf-8")
    for name, html in pages.items():
        policy = _meta_policy(html)
        head = html[:html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.lower().find("<script") or "<script" not in head.lower()
        hashes = set(re.findall(r"'(sha256-[^']+)'", policy))
        # the policy nginx sends, for this page's own inline scripts (nginx lists every page's)
        assert re.sub(r" 'sha256-[^']+'", "", policy) == re.sub(
            r" 'sha256-[^']+'|; frame-ancestors 'none'", "", header.split('"')[1]), name
        assert hashes <= set(re.findall(r"'(sha256-[^']+)'", header)), name
        assert _live_problems(html, hashes) == [], name


def test_feeds_api_files_and_search_fragments_are_data_not_markup(published):
    feed = (published / "nyheter/feed.xml").read_text("utf-8")
    assert "<script" not in feed and "<img" not in feed and "javascript:" not in feed.lower()
    for path in published.rglob("*.json"):
        json.loads(path.read_text("utf-8"))  # data: it parses, nothing in it is served as a page
    # A search fragment holds a page's text as text, also where it looks like markup ('"><svg …'):
    # the search page shows it as text (trygg.js), which the Chromium test below searches for.
    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in published.glob("pagefind/fragment/*.pf_fragment")]
    hostile = [f for f in fragments if "attribute-breakout" in f["content"]]
    assert hostile and all(f["url"].startswith("/") for f in fragments)


# --- handbook PDFs ---------------------------------------------------------------------------------

def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} saknas: scripts/test installerar poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def test_the_pdf_embeds_no_file_and_shows_nothing_from_outside(published):
    pdf = published / "handbocker/farlig/farlig.pdf"
    assert pdf.is_file()
    assert _poppler("pdfdetach", "-list", str(pdf)).strip() == "0 embedded files"
    assert _poppler("pdfimages", "-list", str(pdf)).count("\n") <= 2  # the header only: no image read
    text = _poppler("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    assert "Vanlig text." in text and SECRET_TEXT not in text
    assert SECRET_TEXT.encode() not in pdf.read_bytes()


# --- personal identity numbers ---------------------------------------------------------------------

def _output_texts(site: Path) -> dict[str, str]:
    """Every text the site publishes: files, search fragments, PDF text and every address."""
    texts = {"(addresses)": "\n".join(p.relative_to(site).as_posix() for p in site.rglob("*"))}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            texts[path.name] = _poppler("pdftotext", "-enc", "UTF-8", str(path), "-")
        elif path.suffix == ".pf_fragment":
            texts[path.name] = gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix in (".html", ".xml", ".json", ".ics", ".txt", ".js", ".css", ".svg"):
            texts[path.relative_to(site).as_posix()] = path.read_text("utf-8", "replace")
    return texts


def test_no_valid_personal_number_anywhere_in_the_output(published):
    texts = _output_texts(published)
    assert any(HARMLESS_NUMBERS[0] in text for text in texts.values())  # the scan reads where numbers go
    assert find_personal_numbers("Född 19811218\u20139876.")  # and finds one in disguise
    assert {name: found for name, text in texts.items() if (found := find_personal_numbers(text))} == {}


def _digits_line(body: str) -> int:
    return next(i for i, line in enumerate(body.split("\n")) if any(c.isdecimal() for c in line))


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> tuple[Path, list[str]]:
    """A project holding every input that must be refused, and the error each must give."""
    root = copy_project(tmp_path_factory.mktemp("refused"))
    files: dict[str, str | bytes] = {path: entry["text"] for path, entry in CORPUS["rejected"].items()}
    expected = [entry["error"] for entry in CORPUS["rejected"].values()]
    for name, body in CORPUS["personal"].items():
        if body is None:
            continue
        file = f"content/nyheter/pnr-{name}.md"
        files[file] = _article(name, body)
        kind = "samordningsnummer" if name == "coordination" else "personnummer"
        expected.append(f"{file}:{BODY_LINE + _digits_line(body)}:")
        expected.append(f"som ett {kind} och får inte publiceras")
    files["content/nyheter/pnr-yaml-key.md"] = HEAD.format(id="x").replace(
        "---\n\n", '"19811218-9876": anteckning\n---\n\n') + "Text.\n"
    expected.append("content/nyheter/pnr-yaml-key.md:5:")
    files["content/nyheter/19811218-9876.md"] = _article("fil", "Text.")
    expected.append("content/nyheter/19811218-9876.md: fel: namnet innehåller '19811218-9876'")
    files["docs/assets/811218\u20139876/bild.png"] = b"\x89PNG\r\n\x1a\n"
    expected.append("docs/assets/811218\u20139876: fel: namnet innehåller '811218\u20139876'")
    return write_tree(root, files), expected


def test_refused_inputs_stop_check_and_both_builds_with_file_and_line(refused):
    root, expected = refused
    report = [str(p) for p in check_site(root, spelling=False).problems]
    for part in expected:
        assert any(part in line for line in report), (part, report)
    run = mkdocs_build(root)
    assert run.returncode == 1 and "Traceback" not in run.output
    for part in expected:
        assert part in run.output, part
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    (site / "index.html").parent.mkdir(parents=True)
    (site / "index.html").write_text("förra bygget", "utf-8")
    published = _trygg(root, "build")
    assert published.returncode == 1 and "Traceback" not in published.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]  # the previous site, untouched


# --- Chromium ---------------------------------------------------------------------------------------

def _serve(folder: Path):
    """Serve `folder` on a free port in 8100-8199 (this project's range for test servers)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    for port in range(8100, 8200):
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{port}/"
    pytest.fail("no free port in 8100-8199")


def _visit(browser, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Load each page; what ran that should not: dialogs, script errors, CSP violations, other hosts."""
    context = browser.new_context()
    events: dict[str, list[str]] = {}
    page = context.new_page()
    current = [""]
    found: list[str] = []
    record = lambda what: events.setdefault(current[0], []).append(what)  # noqa: E731
    page.on("dialog", lambda dialog: (record(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: record(f"script error: {error}"))
    # A cleaned <img src=x> still asks this host for 'x' (a 404): not an error of any script.
    page.on("console", lambda msg: record(f"console: {msg.text}") if msg.type == "error"
            and not msg.text.startswith("Failed to load resource") else None)
    page.on("request", lambda request: None if request.url.startswith((base, "data:")) else
            record(f"request to {request.url}"))
    try:
        for path in paths:
            current[0] = path
            page.goto(base + path, wait_until="load")
            if "?q=" in path:  # the search shows its results: the hostile titles among them
                for _ in range(150):  # polled from here: the policy forbids the eval of wait_for_function
                    if "onload=alert" in page.inner_text("[data-trygg-search-page] [data-trygg-results]"):
                        break
                    page.wait_for_timeout(100)
                found.append(page.inner_text("[data-trygg-search-page] [data-trygg-results]"))
            page.wait_for_timeout(50)  # let timers and error events of the page run
    finally:
        context.close()
    if any("?q=" in path for path in paths):
        assert any("onload=alert" in text for text in found), found  # shown as text, run never
    return events


@pytest.mark.browser
def test_no_hostile_page_runs_anything_in_chromium(browser, strict_build, published):
    paths = [f"nyheter/{name}/" for name in CORPUS["markdown"]]
    paths += [f"nyheter/falt-{name}/" for name in CORPUS["fields"]]
    paths += ["nyheter/", "handbocker/farlig/hela/", "sok/?q=attribute-breakout"]
    server, base = _serve(strict_build)  # no CSP at all: the allowlist alone must hold
    try:
        assert _visit(browser, base, paths) == {}
    finally:
        server.shutdown()
    server, base = _serve(published)  # with the meta policy: it must block nothing of ours
    try:
        assert _visit(browser, base, paths[:5] + paths[-3:]) == {}
    finally:
        server.shutdown()


def test_the_pdf_renderer_refuses_what_the_allowlist_would_miss_naming_chapter_and_line(project, monkeypatch,
                                                                                        tmp_path):
    """The second line of defence: were a chapter's HTML not cleaned, WeasyPrint still reads
    nothing outside docs/ (trygg.types.handbooks.pdf.SiteOnlyFetcher), and the build stops at the line."""
    import trygg.types.handbooks.pdf
    from trygg.core.problems import ContentError

    secret = tmp_path / "hemlig.txt"
    secret.write_text(SECRET_TEXT, "utf-8")
    monkeypatch.setattr(trygg.types.handbooks.pdf, "clean_html", lambda html: html)
    root = project({"content/handbocker/farlig/handbok.yml": HANDBOOK,
                    "content/handbocker/farlig/01-bilaga.md": (
                        f"---\ntitel: Bilaga\n---\n\nText.\n\n<a rel=\"attachment\" href=\"file://{secret}\">x</a>\n\n"
                        "<img src=\"https://evil.example/x.png\" alt=\"nät\">\n")})
    with pytest.raises(ContentError) as caught:
        build_site(root, site_url=SITE)
    hint = "(ta bort adressen, eller lägg filen under docs/assets/ och länka till den därifrån)"
    assert sorted(map(str, caught.value.problems)) == [
        f"content/handbocker/farlig/01-bilaga.md:7: fel: kapitlet 'Bilaga': handboken hänvisar till 'file://{secret}', "
        f"som inte får läsas in i pdf-filen: den får bara innehålla webbplatsens egna filer {hint}",
        "content/handbocker/farlig/01-bilaga.md:9: fel: kapitlet 'Bilaga': handboken hänvisar till "
        "'https://evil.example/x.png', som inte får läsas in i pdf-filen: den får bara innehålla webbplatsens "
        f"egna filer {hint}",
    ]


# --- the policy trusts only the scripts we emit ------------------------------------------------

@pytest.mark.parametrize("html, refusal", [
    ("<p>x</p><script>alert(1)</script>", "ett inline-skript som inte finns i listan över kända skript"),
    ("<ScRiPt\nsrc=https://evil.example/x.js></ScRiPt>", "ett skript som varken temat eller trygg skriver"),
    ('<script src="https://evil.example/x.js"></script>', "ett skript från en annan adress"),
    ('<script type="application/ld+json">{"a": "<!--<script>"}</script>', "ett datablock med '<' i"),
    ('<script type="application/json" id="trygg-texts">{"a": "<!--"}</script>', "ett datablock med '<' i"),
    ('<script type="application/json" id="andras">{}</script>', "ett skript som varken temat eller trygg skriver"),
    ('<svg><script>alert(1)</script></svg>', "ett inline-skript som inte finns i listan"),
])
def test_a_page_with_a_script_we_do_not_emit_is_refused(html, refusal):
    from trygg.publish.webserver import UnknownScript, check_page_scripts

    with pytest.raises(UnknownScript) as caught:
        check_page_scripts(f"<!doctype html>\n<body>\n{html}", "a/index.html")
    assert str(caught.value).startswith(f"a/index.html:3: sidan innehåller {refusal}")


def test_the_theme_s_own_scripts_are_known_and_hashed_from_the_list():
    from trygg.publish.webserver import check_page_scripts

    anchor = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
              '(target.checked=target.name.startsWith("__tabbed_"))</script>')
    data = '<script type="application/ld+json">{"name": "A \\u003c B"}</script><script src="../x.js" defer></script>'
    # the script's texts as the theme writes them, a site's own wording with markup in it included
    texts = json_for_html(Texts({"sök.sida": "</script><script>alert(1)</script>"}, {}).for_script())
    data += f'<script type="application/json" id="trygg-texts">{texts}</script>'
    assert check_page_scripts(anchor + data, "p").hashes == {
        script_hash(anchor.removeprefix("<script>").removesuffix("</script>"))}


def test_an_unknown_inline_script_stops_the_build(project):
    root = project({})
    footer = root / "overrides/partials/trygg-footer.html"
    footer.write_text(footer.read_text("utf-8") + "<script>console.log('okänd')</script>\n", "utf-8")
    run = mkdocs_build(root)
    assert run.returncode == 1 and "Traceback" not in run.output
    assert ("sidan innehåller ett inline-skript som inte finns i listan över kända skript "
            "(trygg.publish.webserver.KNOWN_INLINE_SCRIPTS)") in run.output
