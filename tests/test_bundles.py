"""Page bundles: a page's images and files are saved beside its source and published beside it."""

from __future__ import annotations

import struct
import subprocess
import zlib

from conftest import VALID_EVENT, mkdocs_build
from trygg.pipeline import check_site

ARTICLE = "content/nyheter/a.md"
EVENT = "content/moten/m/program.md"


def png(width: int = 1, height: int = 1) -> bytes:
    """A valid PNG of one grey pixel (or more)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def article(body: str) -> str:
    return f"---\ntitel: Nyhet\npublicerad: 2020-01-01\nsammanfattning: En nyhet.\n---\n\n{body}\n"


def problems(root) -> list[str]:
    return [str(p) for p in check_site(root, spelling=False).problems]


def test_an_image_and_a_file_beside_a_page_are_published_beside_it(project):
    root = project({
        ARTICLE: article("![Karta över parken](karta.png)\n\nLäs [protokollet](filer/protokoll.pdf)."),
        "content/nyheter/karta.png": png(),
        "content/nyheter/filer/protokoll.pdf": b"%PDF-1.4\n%%EOF\n",
        EVENT: VALID_EVENT.replace("Välkomna!", "Välkomna!\n\n![Stadshusets entré](entre.png)"),
        "content/moten/m/entre.png": png(),
        # the meeting's notes are its page's text too: their picture is published beside it
        "content/moten/m/anteckningar.md": "![Tavlan efter mötet](tavla.png)\n",
        "content/moten/m/tavla.png": png(2, 2),
    })
    assert problems(root) == []
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    assert (run.site / "nyheter/a/karta.png").read_bytes() == png()
    assert (run.site / "nyheter/a/filer/protokoll.pdf").is_file()
    assert (run.site / "moten/m/entre.png").read_bytes() == png()
    page = (run.site / "nyheter/a/index.html").read_text("utf-8")
    assert '<img alt="Karta över parken" src="karta.png"' in page
    assert 'href="filer/protokoll.pdf"' in page
    meeting = (run.site / "moten/m/index.html").read_text("utf-8")
    assert '<img alt="Stadshusets entré" src="entre.png"' in meeting
    assert (run.site / "moten/m/tavla.png").read_bytes() == png(2, 2)
    assert '<img alt="Tavlan efter mötet" src="tavla.png"' in meeting
    # and a picture the notes name but nobody saved is the notes' mistake, at their line
    (root / "content/moten/m/anteckningar.md").write_text("Text.\n\n![Saknas](saknas.png)\n", "utf-8")
    assert [p for p in problems(root) if p.startswith("content/moten/m/anteckningar.md:3:")], problems(root)


def test_a_missing_image_gets_advice_on_where_images_go_in_check_and_build(project):
    root = project({ARTICLE: article("![Karta](karta.png)\n\nSe ![Logga](/bilder/logga.png) och [bilaga](bilaga.pdf).")})
    expected = [
        f"{ARTICLE}:7:10: fel: bilden 'karta.png' finns inte bredvid sidan i content/nyheter/ (spara bilden i "
        "content/nyheter/, bredvid sidans fil, och skriv filnamnet: ![Vad bilden visar](bild.jpg))",
        f"{ARTICLE}:9:13: fel: bilden '/bilder/logga.png' finns inte (spara bilden i content/nyheter/, bredvid sidans "
        "fil, och skriv filnamnet: ![Vad bilden visar](bild.jpg))",
        f"{ARTICLE}:9:45: fel: filen 'bilaga.pdf' finns inte bredvid sidan i content/nyheter/ (spara filen i "
        "content/nyheter/, bredvid sidans fil, och skriv filnamnet: [Vad filen innehåller](fil.pdf))",
    ]
    assert problems(root) == expected
    run = mkdocs_build(root)
    assert run.returncode == 1
    assert expected[0] in run.output and expected[2] in run.output
    assert "not found among documentation files" not in run.output


def test_size_limits_and_the_alt_text_rule_apply_to_a_pages_images(project):
    root = project({
        ARTICLE: article("![](liten.png)\n\n![Stor bild](stor.png)\n\n[Film](jatte.pdf)"),
        "content/nyheter/liten.png": png(),
        "content/nyheter/stor.png": png() + b"\x00" * 1_500_000,
        "content/nyheter/jatte.pdf": b"\x00" * 20_000_001,
    })
    assert problems(root) == [
        f"{ARTICLE}:7:5: varning: bilden 'liten.png' saknar alternativtext "
        "(beskriv bilden inom hakparenteserna: ![Vad bilden visar](bild.jpg))",
        f"{ARTICLE}:9:14: varning: bilden 'stor.png' är stor (1,5 MB) och laddas långsamt i en mobil "
        "(spara den mindre, till exempel högst 2000 pixlar bred som JPEG)",
        f"{ARTICLE}:11:8: fel: filen 'jatte.pdf' är för stor för webbplatsen (20,0 MB, högst 20 MB) "
        "(förminska filen eller dela upp den)",
    ]


def test_a_handbook_chapters_image_is_published_beside_the_chapter_and_the_whole_book(project):
    root = project(with_seed_content=True)
    book = root / "content/handbocker/trygghet-i-offentlig-miljo"
    chapter = book / "01-om-handboken.md"
    chapter.write_text(chapter.read_text("utf-8") + "\n![Ett torg i kvällsljus](torget.png)\n", "utf-8")
    (book / "torget.png").write_bytes(png())
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": "1796000000"})
    assert run.returncode == 0, run.output
    for page in ("om-handboken", "hela"):
        assert (run.site / f"handbocker/trygghet-i-offentlig-miljo/{page}/torget.png").read_bytes() == png()
        html = (run.site / f"handbocker/trygghet-i-offentlig-miljo/{page}/index.html").read_text("utf-8")
        assert 'src="torget.png"' in html
    # The printed handbook shows it too, and an image of the site's own by its address.
    (root / "docs/assets/skylt.png").write_bytes(png(3, 2))
    chapter.write_text(chapter.read_text("utf-8") + "\n![En skylt](/assets/skylt.png)\n", "utf-8")
    run = mkdocs_build(root, "--clean", env={"SOURCE_DATE_EPOCH": "1796000000"})
    assert run.returncode == 0, run.output
    pdf = run.site / "handbocker/trygghet-i-offentlig-miljo/trygghet-i-offentlig-miljo.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = sorted((int(row.split()[3]), int(row.split()[4])) for row in listing.splitlines()[2:])
    assert sizes == [(1, 1), (3, 2)], listing
