"""Handbooks: chapters in order, contents and previous/next, review warnings, and the PDF."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from trygg.cli import main as trygg_main
from trygg.registry import load_content
from trygg.types.handbooks.pdf import render_pdf, site_link
from trygg.pipeline import build_site
from trygg.core.problems import ContentError, Severity
from trygg.core.rendering import Renderer, SiteInfo

BOOK = "content/handbocker/test"
HANDBOOK = """\
titel: Testhandbok
sammanfattning: En handbok för test.
ägare: [CKS]
på uppdrag av: Tekniska nämnden
publicerad: 2026-11-22
senast granskad: 2026-11-22
granskas senast: 2027-11-22
"""
CHAPTER = "---\ntitel: {title}\n{extra}---\n\n{body}\n"


def chapter(title: str, body: str = "Text om trygghet.", extra: str = "") -> str:
    return CHAPTER.format(title=title, body=body, extra=extra)


def book(**chapters: str) -> dict[str, str]:
    files = {f"{BOOK}/handbok.yml": HANDBOOK}
    files.update({f"{BOOK}/{name.replace('_', '-')}.md": text for name, text in chapters.items()})
    return files


def problems_for(project, files: dict[str, str]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(project(files))
    return [str(p) for p in caught.value.problems if p.severity is Severity.ERROR]


def outputs(root: Path, *, drafts: bool = False) -> dict[str, str | bytes]:
    return {o.uri: o.content for o in build_site(root, site_url="https://t.example/",
                                                 include_drafts=drafts).outputs}


# --- structure -------------------------------------------------------------------------------

def test_chapters_are_numbered_in_file_order_with_previous_and_next(project):
    root = project(book(**{"02_mitten": chapter("Mitten"), "01_borjan": chapter("Början"),
                           "10_slutet": chapter("Slutet")}))
    pages = outputs(root)
    toc = pages["handbocker/test/index.md"]
    assert ("1. [Början](/handbocker/test/borjan/index.md)\n2. [Mitten](/handbocker/test/mitten/index.md)\n"
            "3. [Slutet](/handbocker/test/slutet/index.md)") in toc
    middle = pages["handbocker/test/mitten/index.md"]
    assert "# 2. Mitten" in middle and "Kapitel 2 av 3 i [Testhandbok](/handbocker/test/index.md)" in middle
    assert "[Föregående kapitel: 1. Början](/handbocker/test/borjan/index.md){: rel=\"prev\" }" in middle
    assert "[Nästa kapitel: 3. Slutet](/handbocker/test/slutet/index.md){: rel=\"next\" }" in middle
    assert "Föregående" not in pages["handbocker/test/borjan/index.md"]
    assert "Nästa" not in pages["handbocker/test/slutet/index.md"]
    whole = pages["handbocker/test/hela/index.md"]
    assert whole.index("## 1. Början") < whole.index("## 2. Mitten") < whole.index("## 3. Slutet")
    assert "Ansvarig för handboken</dt><dd>Centrum för kunskap och säkerhet" in toc
    assert '<dt>Granskas senast</dt><dd><time datetime="2027-11-22">22 november 2027</time>' in toc
    assert isinstance(pages["handbocker/test/test.pdf"], bytes)


ERRORS = {
    "chapter file without number": (
        {"om": chapter("Om")}, [f"{BOOK}/om.md: fel: kapitlets filnamn ska börja med två siffror och ett bindestreck "
                                "(döp filen till till exempel 01-om-handboken.md (små bokstäver, a–z, 0–9))"]),
    "two chapters with one number": (
        {"01_a": chapter("A"), "01_b": chapter("B")},
        [f"{BOOK}/01-b.md: fel: kapitelnumret 01 används redan av 01-a.md (ge varje kapitel ett eget nummer)"]),
    "published chapter without text": (
        {"01_a": chapter("A", body="")},
        [f"{BOOK}/01-a.md:4: fel: kapitlet har ingen text (skriv texten under sidhuvudet, eller sätt "
         "'utkast: true' tills den finns)"]),
    "chapter without title": (
        {"01_a": "---\nutkast: false\n---\n\nText\n"},
        [f"{BOOK}/01-a.md:2: fel: fältet 'titel' saknas (lägg till 'titel: …')"]),
    # 'nummer' (written by the browser editor, which names a new chapter's file after it) repeats the file name's
    "chapter whose number is not its file name's": (
        {"03_a": chapter("A", extra="nummer: '04'\n")},
        [f"{BOOK}/03-a.md:3: fel: 'nummer' är 04, men filnamnet börjar med 03 (skriv samma nummer som i "
         "filnamnet, eller ta bort raden 'nummer': filnamnet bestämmer ordningen)"]),
    "chapter number that is not two digits": (
        {"03_a": chapter("A", extra="nummer: 3\n")},
        [f"{BOOK}/03-a.md:3: fel: 'nummer': '3' är inget kapitelnummer; skriv två siffror som i filnamnet, "
         "till exempel 03"]),
}


def test_a_chapter_may_repeat_its_file_names_number(project):
    root = project(book(**{"01_a": chapter("A"), "03_c": chapter("C", extra='nummer: "03"\n'),
                           "02_b": chapter("B", extra="nummer: 02\n")}))
    toc = outputs(root)["handbocker/test/index.md"]
    assert "1. [A](/handbocker/test/a/index.md)\n2. [B](/handbocker/test/b/index.md)\n3. [C](/handbocker/test/c/index.md)" in toc


@pytest.mark.parametrize("case", ERRORS)
def test_chapter_mistakes_get_exact_swedish_messages(project, case):
    chapters, expected = ERRORS[case]
    assert problems_for(project, book(**chapters)) == expected


def test_review_by_must_come_after_last_review(project):
    files = book(**{"01_a": chapter("A")})
    files[f"{BOOK}/handbok.yml"] = HANDBOOK.replace("granskas senast: 2027-11-22", "granskas senast: 2026-01-01")
    assert problems_for(project, files) == [
        f"{BOOK}/handbok.yml:1: fel: 'sidhuvudet': 'granskas senast' ska komma efter 'senast granskad'"]


def test_an_unknown_owner_gets_a_suggestion(project):
    files = book(**{"01_a": chapter("A")})
    files[f"{BOOK}/handbok.yml"] = HANDBOOK.replace("[CKS]", "[CKSS]")
    assert problems_for(project, files) == [
        f"{BOOK}/handbok.yml:3: fel: 'CKSS' finns inte i registret (menade du 'CKS (Centrum för kunskap och säkerhet)'?)"]


# --- review dates: a warning for communicators, never shown to residents --------------------------

OVERDUE = (f"{BOOK}/handbok.yml:7: varning: handboken skulle ha granskats senast 2026-01-31 (läs igenom "
           "handboken och sätt nya datum för 'senast granskad' och 'granskas senast')")


def overdue_book(project) -> Path:
    files = book(**{"01_a": chapter("A")})
    files[f"{BOOK}/handbok.yml"] = (HANDBOOK.replace("senast granskad: 2026-11-22", "senast granskad: 2025-01-31")
                                    .replace("granskas senast: 2027-11-22", "granskas senast: 2026-01-31"))
    return project(files)


def test_an_overdue_review_is_a_warning_in_trygg_check(project, capsys, monkeypatch):
    root = overdue_book(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-30, after the seeds were published
    assert trygg_main(["check", "--root", str(root), "--utan-stavning"]) == 0
    captured = capsys.readouterr()
    assert OVERDUE in captured.out + captured.err
    assert trygg_main(["check", "--root", str(root), "--utan-stavning", "--strict"]) == 1


def test_an_overdue_review_is_in_the_build_log_and_never_on_the_page(project, monkeypatch):
    root = overdue_book(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    result = build_site(root, site_url="https://t.example/")
    assert [str(w) for w in result.warnings] == [OVERDUE]
    pages = [o.content for o in result.outputs if o.uri.startswith("handbocker/") and isinstance(o.content, str)]
    assert len(pages) == 4 and not any("granskats" in page for page in pages)
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": "1796000000"})
    # A passed date is the writers' task, never a reason to stop --strict: information, not a warning.
    assert run.returncode == 0, run.output
    assert f"INFO    -  trygg: {OVERDUE}" in run.output


def test_the_real_handbooks_are_not_overdue_on_publication_day():
    content = load_content(ROOT)
    assert [(h.handbook.title, h.handbook.review_by.isoformat()) for h in content.extra["handbocker"]] == [
        ("Metodhandbok otillåten påverkan", "2027-11-22"), ("Handbok för trygghet i offentlig miljö", "2027-11-22")]
    assert content.warnings == ()


# --- the PDF ---------------------------------------------------------------------------------

PDF = "handbocker/trygghet-i-offentlig-miljo/trygghet-i-offentlig-miljo.pdf"
PDF_FACTS = {
    PDF: ["Handbok för trygghet i offentlig miljö", "Ansvarig för handboken",
          "Tekniska förvaltningen, Fritids- och folkhälsoförvaltningen", "På uppdrag av Tekniska nämnden",
          "Senast granskad 22 november 2026", "Granskas senast 22 november 2027", "1. Om handboken",
          "Handboken för trygghet i offentlig miljö är framtagen på uppdrag av Tekniska nämnden.",
          "sju faktorer som påverkar vår fysiska miljö", "samhörighet och en plats identitet",
          "belysning och överblickbarhet", "När Södra torget byggs om gör man det enligt den modell som presenteras",
          "säger Gustav Axell från TEK", "Anton Spetz och Mikael Andersson"],
    "handbocker/metodhandbok-otillaten-paverkan/metodhandbok-otillaten-paverkan.pdf": [
        "Metodhandbok otillåten påverkan", "1. Om metodhandboken", "Centrum för kunskap och säkerhet",
        "höja kunskapsnivån kring otillåten påverkan", "Stadens förvaltningar och bolag har svarat på enkäten."],
}


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("pdf", PDF_FACTS)
def test_each_pdf_holds_every_published_chapter_in_correct_swedish(built_site, pdf):
    text = pdf_text(built_site / pdf)
    for fact in PDF_FACTS[pdf]:
        assert fact in text, fact
    for absent in ("2. ", "utkast", "Kapitlets text finns inte i underlaget", "Saknas"):
        assert absent not in text, absent  # the draft chapters stay out of the published PDF
    for ocr in ("Boras", " pa ", "tillfdlle", "miljo "):
        assert ocr not in text


def test_the_pdf_is_tagged_titled_swedish_and_has_bookmarks(built_site):
    path = built_site / PDF
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Handbok för trygghet i offentlig miljö$", info, re.M)
    assert re.search(r"^Author:\s+Tekniska förvaltningen, Fritids- och folkhälsoförvaltningen$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^CreationDate:\s+Sun Nov 22 00:00:00 2026 UTC$", info, re.M)  # the handbook's date
    structure = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True,
                               check=True).stdout
    assert re.search(r'H1 \(block\)\n\s+Span \(inline\)\n\s+"Handbok för trygghet i offentlig\s*"?', structure)
    assert '"1. Om handboken"' in structure
    raw = path.read_bytes()
    inflated = b"".join(_inflate(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S))
    assert b"/Lang (sv)" in inflated + raw
    assert b"/Outlines" in inflated + raw
    assert b"pdfuaid:part=\"1\"" in inflated + raw


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""


def test_the_pdf_is_byte_identical_across_builds():
    content = load_content(ROOT)
    renderer = Renderer(content, SiteInfo("S", "https://t.example/", __import__("datetime").date(2026, 11, 22), "T"), {})
    loaded = content.extra["handbocker"][0]
    assert render_pdf(loaded, renderer) == render_pdf(loaded, renderer)


def test_links_to_site_pages_become_absolute_in_the_pdf():
    assert site_link("/moten/x/index.md#punkt-1310", "https://t.example/") == "https://t.example/moten/x/#punkt-1310"
    assert site_link("/organisation/index.md", "https://t.example/") == "https://t.example/organisation/"
    assert site_link("https://boras.se/", "https://t.example/") == "https://boras.se/"
