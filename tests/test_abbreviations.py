"""Abbreviations: expanded and linked where used, and unknown ones stop a strict build."""

from __future__ import annotations

import markdown

from conftest import mkdocs_build
from trygg.markdown.abbreviations import AbbreviationExtension, find_unknown
from trygg.core.register import Entry

FOF = Entry("fof", "organisation", "Fritids- och folkhälsoförvaltningen", "FOF", "Fritids- och folkhälsoförvaltningen",
            "Fritids- och folkhälsoförvaltningen")
EST = Entry("est", "term", "Effektiv samordning för trygghet", "EST", "Effektiv samordning för trygghet",
            "Effektiv samordning för trygghet")


AB = Entry("ab", "term", "Aktiebolag", "AB", "Aktiebolag", "Aktiebolag")


def render(text: str, names: tuple[str, ...] = ()) -> str:
    ext = AbbreviationExtension({"FOF": FOF, "EST": EST, "AB": AB}, "/organisation/index.md", names=names)
    return markdown.markdown(text, extensions=[ext])


def test_a_company_name_is_not_an_abbreviation():
    names = ("AB Bostäder i Borås", "AB-Bostäder", "Polisen")
    assert render("AB Bostäder i Borås och AB-Bostäder, ett AB.", names) == (
        '<p>AB Bostäder i Borås och AB-Bostäder, ett <a class="trygg-abbr" href="/organisation/index.md#ab">'
        '<abbr title="Aktiebolag">AB</abbr><span class="trygg-visually-hidden" data-pagefind-ignore=""> (Aktiebolag)'
        '</span></a>.</p>')


def test_an_abbreviation_after_its_own_expansion_is_not_spelled_out_again():
    html = render("Effektiv samordning för trygghet (EST) och sedan EST.")
    assert html == ('<p>Effektiv samordning för trygghet (<abbr title="Effektiv samordning för trygghet">EST</abbr>) '
                    'och sedan <a class="trygg-abbr" href="/organisation/index.md#est"><abbr title="Effektiv samordning '
                    'för trygghet">EST</abbr><span class="trygg-visually-hidden" data-pagefind-ignore=""> (Effektiv '
                    'samordning för trygghet)</span></a>.</p>')


def test_first_use_links_to_the_register_and_later_uses_are_abbr_only():
    html = render("FOF och EST-arbetet. Sedan FOF igen.")
    assert html == (
        '<p><a class="trygg-abbr" href="/organisation/index.md#fof"><abbr title="Fritids- och folkhälsoförvaltningen">'
        'FOF</abbr><span class="trygg-visually-hidden" data-pagefind-ignore=""> (Fritids- och folkhälsoförvaltningen)</span></a> och '
        '<a class="trygg-abbr" href="/organisation/index.md#est"><abbr title="Effektiv samordning för trygghet">EST'
        '</abbr><span class="trygg-visually-hidden" data-pagefind-ignore=""> (Effektiv samordning för trygghet)</span></a>-arbetet. '
        'Sedan <abbr title="Fritids- och folkhälsoförvaltningen">FOF</abbr> igen.</p>')


def test_no_links_inside_links_code_or_headings_and_no_match_inside_words():
    html = render("# Om FOF\n\n[FOF:s sida](x.md) `FOF` FOFA och AFOF")
    assert html.startswith('<h1>Om <abbr title="Fritids- och folkhälsoförvaltningen">FOF</abbr></h1>')
    assert '<a href="x.md">FOF:s sida</a>' in html and "<code>FOF</code>" in html
    assert "FOFA och AFOF" in html


def test_find_unknown_reports_unexplained_upper_case_words_once():
    html = ('<p>Arbetet med KRAMI och <abbr title="x">FOF</abbr>, KRAMI igen, Del II, '
            '<code>HTML</code>, 2017/KS0121 och https://ex.se/ABC.</p>')
    assert find_unknown(html, {"FOF"}) == ["KRAMI"]
    assert find_unknown('<p>Bara <abbr title="x">FOF</abbr>.</p>', {"FOF"}) == []
    assert find_unknown('<p title="KRAMI">Ett ord <code>KRAMI</code> i attribut och kod</p>', {"FOF"}) == []


def test_an_unexplained_abbreviation_fails_the_strict_build_naming_the_source(project):
    article = ("---\ntitel: Nytt om KRAMI\npublicerad: 2024-01-01\nsammanfattning: S\n---\n\n"
               "Arbetet med KRAMI fortsätter tillsammans med FOF.\n")
    run = mkdocs_build(project({"content/nyheter/krami.md": article}))
    assert run.returncode != 0
    assert ("content/nyheter/krami.md:2: fel: förkortningen 'KRAMI' förklaras inte "
            "(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)") in run.output


def test_an_unexplained_abbreviation_on_a_hand_written_page_is_named_with_its_line(project):
    root = project()
    page = root / "docs/om-webbplatsen.md"
    lines = page.read_text("utf-8").split("\n")
    lines.insert(len(lines) - 1, "Frågor om XYZ besvaras av <STRONG>oss</STRONG>.")
    page.write_text("\n".join(lines), "utf-8")
    run = mkdocs_build(root)
    assert run.returncode != 0
    assert (f"docs/om-webbplatsen.md:{len(lines) - 1}: förkortningen 'XYZ' förklaras inte "
            "(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)") in run.output
    assert "'STRONG'" not in run.output
