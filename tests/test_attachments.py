"""Files beside a meeting's page: listed with name, type, size and date, linked from their agenda
item, published under their own name and listed in the API; wrong names are clear Swedish errors."""

from __future__ import annotations

import json
import re

import pytest

from conftest import VALID_EVENT, mkdocs_build
from trygg.core.attachments import Attachment
from trygg.core.problems import ContentError
from trygg.core.texts import Texts
from trygg.registry import load_content

FOLDER = "content/moten/natverk"
PDF = b"%PDF-1.4\n" + b"0" * 1_234_567 + b"\n%%EOF\n"  # 1 234 583 bytes: "1,2 MB"
WITH_FILES = VALID_EVENT.replace("""    medverkande: [Kerstin Hermansson]
""", """    medverkande: [Kerstin Hermansson]
    filer:
      - fil: valkommen.pptx
        namn: Presentation om nätverket
""").replace("""---

Välkomna!""", """filer:
  - fil: protokoll.pdf
    namn: Protokoll från mötet
    datum: 2030-05-27
---

Välkomna!""")


def _file(kind: str, size: int) -> Attachment:
    return Attachment("f", "F", kind, size, None, "content/f")


def test_sizes_read_as_residents_read_them():
    sizes = [_file("PDF", n).size_markup(Texts({}, {})) for n in (850, 245_400, 1_234_583, 12_000_000)]
    assert sizes == ["850 byte", "245 kB", '1,2 <abbr title="megabyte">MB</abbr>', '12,0 <abbr title="megabyte">MB</abbr>']


def test_types_and_units_are_the_site_s_texts():
    catalogue = Texts({}, {})
    assert [_file(kind, 9).kind_markup(catalogue) for kind in ("PDF", "CSV", "OpenDocument-kalkyl")] == [
        '<abbr title="Portable Document Format">PDF</abbr>', '<abbr title="kommaseparerade värden">CSV</abbr>',
        "OpenDocument-kalkyl"]
    own = Texts({"filtyp.pdf": "Pdf", "filtyp.pdf_utskrivet": 'Adobes "PDF"', "filer.mb": "Mbyte"}, {})
    assert _file("PDF", 2_000_000).kind_markup(own) == '<abbr title="Adobes &quot;PDF&quot;">Pdf</abbr>'
    assert _file("PDF", 2_000_000).size_markup(own) == '2,0 <abbr title="megabyte">Mbyte</abbr>'


def test_a_meeting_lists_its_files_links_them_from_their_item_and_publishes_them(project):
    root = project({f"{FOLDER}/program.md": WITH_FILES, f"{FOLDER}/protokoll.pdf": PDF,
                    f"{FOLDER}/valkommen.pptx": b"PK\x03\x04" + b"1" * 2_000})
    run = mkdocs_build(root, env={"TRYGG_SITE_URL": "https://trygg.example.se/"})
    assert run.returncode == 0, run.output
    raw = (run.site / "moten/natverk/index.html").read_text("utf-8")
    assert (run.site / "moten/natverk/protokoll.pdf").read_bytes() == PDF
    assert (run.site / "moten/natverk/valkommen.pptx").stat().st_size == 2_004
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw))
    assert "Filer tillgängliga för nedladdning" in text
    assert re.search(r"Namn Typ Storlek Datum .*Protokoll från mötet PDF 1,2 MB 27 maj 2030 .*"
                     r"Presentation om nätverket PowerPoint 2 kB", text)
    item = raw[raw.index('id="punkt-0900"'):raw.index('id="punkt-0930"')]
    assert '<a href="valkommen.pptx">Presentation om nätverket</a> (PowerPoint, 2 kB)' in item
    assert '<abbr title="Portable Document Format">PDF</abbr>' in raw
    meetings = json.loads((run.site / "api/meetings.json").read_text("utf-8"))["data"]
    [meeting] = meetings
    [day_file] = meeting["auxiliaryFile"]
    assert day_file == {
        "id": "https://trygg.example.se/api/meetings.json#natverk/filer/protokoll.pdf",
        "type": "https://schema.oparl.org/1.1/File", "name": "Protokoll från mötet", "fileName": "protokoll.pdf",
        "fileType": "PDF", "mimeType": "application/pdf", "size": len(PDF), "date": "2030-05-27",
        "accessUrl": "https://trygg.example.se/moten/natverk/protokoll.pdf"}
    assert [f["fileName"] for f in meeting["agendaItem"][0]["auxiliaryFile"]] == ["valkommen.pptx"]
    assert meeting["agendaItem"][1]["auxiliaryFile"] == []


@pytest.mark.parametrize(("name", "files", "expected"), [
    ("missing", {}, f"{FOLDER}/program.md:17: fel: filen 'protokoll.pdf' finns inte i {FOLDER}/ "
                    "(lägg filen i mappen eller rätta namnet)"),
    ("a page, not a document", {f"{FOLDER}/protokoll.html": b"<script>"},
     f"{FOLDER}/program.md:17: fel: filen 'protokoll.html' är inte en dokumenttyp som kan publiceras "
     "(använd en av: csv, doc, docx, odp, ods, odt, pdf, ppt, pptx, txt, xls, xlsx)"),
    ("a path", {}, f"{FOLDER}/program.md:17: fel: '../protokoll.pdf' ska vara namnet på en fil i {FOLDER}/, utan mappar "
                   "(skriv bara filens namn, till exempel presentation.pdf)"),
])
def test_a_wrong_file_is_one_clear_error(project, name, files, expected):
    page = WITH_FILES.replace("    medverkande: [Kerstin Hermansson]\n    filer:\n      - fil: valkommen.pptx\n"
                              "        namn: Presentation om nätverket\n", "    medverkande: [Kerstin Hermansson]\n")
    if name == "a page, not a document":
        page = page.replace("protokoll.pdf", "protokoll.html")
    if name == "a path":
        page = page.replace("fil: protokoll.pdf", "fil: ../protokoll.pdf")
    with pytest.raises(ContentError) as caught:
        load_content(project({f"{FOLDER}/program.md": page, **files}))
    assert [str(p) for p in caught.value.problems] == [expected]


def test_a_file_no_page_names_is_a_warning(project):
    root = project({f"{FOLDER}/program.md": VALID_EVENT, f"{FOLDER}/glomd.pdf": PDF})
    content = load_content(root)
    assert [str(p) for p in content.warnings] == [
        f"{FOLDER}/program.md: varning: filen {FOLDER}/glomd.pdf nämns inte under 'filer' och publiceras inte "
        "(lägg till '- fil: glomd.pdf' med 'namn: …' under 'filer', eller ta bort filen)"]


def test_a_decision_lists_its_files_from_its_own_folder(project):
    from test_decisions import CHART, SMALL_CHART, VALID_DECISION

    decision = VALID_DECISION.replace("relaterat diagram: skiss\n", "relaterat diagram: skiss\nfiler:\n"
                                      "  - fil: protokoll.pdf\n    namn: Protokoll\n")
    root = project({"content/beslut/b.md": decision, "content/beslut/b/protokoll.pdf": PDF, CHART: SMALL_CHART})
    run = mkdocs_build(root, env={"TRYGG_SITE_URL": "https://trygg.example.se/"})
    assert run.returncode == 0, run.output
    assert (run.site / "beslut/b/protokoll.pdf").read_bytes() == PDF
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (run.site / "beslut/b/index.html").read_text("utf-8")))
    assert "Filer tillgängliga för nedladdning Namn Typ Storlek Datum Protokoll PDF 1,2 MB 20 januari 2030" in text
    [paper] = json.loads((run.site / "api/papers.json").read_text("utf-8"))["data"]
    assert [(f["name"], f["date"], f["accessUrl"]) for f in paper["auxiliaryFile"]] == [
        ("Protokoll", "2030-01-20", "https://trygg.example.se/beslut/b/protokoll.pdf")]
