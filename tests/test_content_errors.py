"""Bad content gets one Swedish message per mistake, naming file, line and fix — all at once."""

from __future__ import annotations

import pytest

from conftest import VALID_EVENT, mkdocs_build, write_tree
from trygg.registry import load_content
from trygg.core.problems import ContentError

EVENT = "content/moten/m/program.md"


def problems_for(project, files: dict[str, str | bytes]) -> list[str]:
    root = project(files)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


CASES = {
    "front matter never closed": (
        VALID_EVENT.replace("\n---\n\nVälkomna", "\n\nVälkomna"),
        f"{EVENT}:1: fel: sidhuvudet avslutas aldrig (lägg till en rad med tre bindestreck (---) efter sidhuvudet)"),
    "YAML syntax error": (
        VALID_EVENT.replace("plats: Stadshuset", "plats: Stadshuset: sal 1"),
        f"{EVENT}:7:18: fel: YAML-fel: ett kolon står där det inte får stå — sätt texten inom citattecken "
        "(kontrollera kolon, citattecken och indrag på raden och raden ovanför)"),
    "overlapping times": (
        VALID_EVENT.replace("9.30–12.00\n    rubrik: Arbete", "9.20–12.00\n    rubrik: Arbete"),
        f"{EVENT}:13: fel: tiden 9.20–12.00 överlappar föregående punkt 'Välkomna' (9.00–9.30) "
        "(ändra starttiden eller föregående sluttid)"),
    "unknown presenter": (
        VALID_EVENT.replace("[Kerstin Hermansson]", "[Kerstin Hermanson]"),
        f"{EVENT}:12: fel: 'Kerstin Hermanson' finns inte i registret (menade du 'Kerstin Hermansson'?)"),
    "missing required field": (
        VALID_EVENT.replace("plats: Stadshuset\n", ""),
        f"{EVENT}:2: fel: fältet 'plats' saknas (lägg till 'plats: …')"),
    "unknown field": (
        VALID_EVENT.replace("målgrupp", "x").replace("plats: Stadshuset", "plats: Stadshuset\nmalgrupp: Alla"),
        f"{EVENT}:8: fel: okänt fält 'malgrupp' (menade du 'målgrupp'?)"),
    "hour that does not exist": (
        VALID_EVENT.replace("9.00–9.30", "25.00–9.30"),
        f"{EVENT}:10: fel: 'tid': klockslaget '25.00' finns inte; timmar 0–23 och minuter 00–59"),
    "end before start": (
        VALID_EVENT.replace("9.00–9.30", "8.30–8.20"),
        f"{EVENT}:10: fel: 'tid': sluttiden 8.20 kommer inte efter starttiden 8.30"),
    "item outside the day": (
        VALID_EVENT.replace("9.30–12.00", "9.30–12.30"),
        f"{EVENT}:13: fel: programpunkten 'Arbete i grupper' (9.30–12.30) ligger utanför dagens tid (9.00–12.00) "
        "(ändra punktens tid eller dagens 'tid')"),
    "misspelt kind": (
        VALID_EVENT.replace("typ: möte", "typ: mote"),
        f"{EVENT}:3: fel: 'mote' är inget tillåtet värde för 'typ' (menade du 'möte'?)"),
    "date in words": (
        VALID_EVENT.replace("datum: 2030-05-24", "datum: 24 maj"),
        f"{EVENT}:5: fel: 'datum': '24 maj' är inget datum; skriv till exempel 2025-05-24, eller 'ej fastställt' "
        "om datumet inte är bestämt"),
    "tab in YAML": (
        VALID_EVENT.replace("plats: Stadshuset", "plats:\tStadshuset"),
        f"{EVENT}:7:7: fel: tabbtecken i YAML (använd mellanslag för indrag, inte tabb)"),
    "empty file": (
        "", f"{EVENT}:1: fel: filen är tom (skriv sidhuvudet (---) och texten, eller ta bort filen)"),
    "bytes that are not UTF-8": (
        VALID_EVENT.encode().replace("Välkomna".encode(), b"V\xe4lkomna"),
        f"{EVENT}:11:14: fel: filen är inte sparad som UTF-8 (tecknen kan inte läsas) "
        "(spara filen med teckenkodningen UTF-8 i din editor)"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_gets_its_exact_swedish_message(project, case):
    text, expected = CASES[case]
    assert problems_for(project, {EVENT: text}) == [expected]


def test_all_mistakes_are_reported_together(project):
    broken = VALID_EVENT.replace("[Kerstin Hermansson]", "[Nobody]").replace("9.30–12.00", "9.20–12.30")
    found = problems_for(project, {EVENT: broken, "content/nyheter/a.md": "---\ntitel: A\n---\nText\n"})
    assert [p.split(": fel: ")[0] for p in found] == [
        f"{EVENT}:12", f"{EVENT}:13", f"{EVENT}:13",
        "content/nyheter/a.md:2", "content/nyheter/a.md:2"]


def test_notes_heading_must_name_an_agenda_start_time(project):
    found = problems_for(project, {EVENT: VALID_EVENT,
                                   "content/moten/m/anteckningar.md": "Intro\n\n## 9.15 Fel tid\n\nText\n\n## Övrigt\n"})
    assert found == [
        "content/moten/m/anteckningar.md:3: fel: ingen programpunkt börjar 9.15 (programmets starttider: 9.00, 9.30)",
        "content/moten/m/anteckningar.md:7: fel: rubriken '## Övrigt' hör inte till någon programpunkt (börja "
        "rubriken med punktens starttid, till exempel '## 8.30 Inledning'; använd ### för mellanrubriker)",
    ]


def test_unknown_related_page_in_an_article_is_named_with_a_suggestion(project):
    article = ("---\ntitel: A\npublicerad: 2024-01-01\nsammanfattning: S\nrelaterat:\n  - moten/mm\n---\n\nText\n")
    found = problems_for(project, {EVENT: VALID_EVENT, "content/nyheter/a.md": article})
    assert found == ["content/nyheter/a.md:6: fel: 'relaterat' pekar på 'moten/mm' som inte finns (menade du 'moten/m'?)"]


def test_a_broken_build_names_file_and_line_and_shows_no_traceback(project):
    root = project({EVENT: VALID_EVENT.replace("[Kerstin Hermansson]", "[Kerstin Hermanson]"),
                    "content/moten/n/program.md": b"---\ntitel: \xff\n---\n"})
    run = mkdocs_build(root)
    assert run.returncode != 0
    assert "Traceback" not in run.output
    assert f"{EVENT}:12: fel: 'Kerstin Hermanson' finns inte i registret (menade du 'Kerstin Hermansson'?)" in run.output
    assert "content/moten/n/program.md:2:8: fel: filen är inte sparad som UTF-8" in run.output
    assert "Innehållet har 2 fel och 0 varningar." in run.output


def test_valid_content_loads_without_problems(project):
    content = load_content(project({EVENT: VALID_EVENT}))
    assert [e.event.title for e in content.extra["moten"]] == ["Nätverksmöte"]
    assert content.warnings == ()



def test_news_may_name_a_chart_or_a_goal_area_under_related(project):
    from trygg.pipeline import build_site, check_site

    news = ("---\ntitel: A\npublicerad: 2020-01-01\nsammanfattning: S\nrelaterat:\n"
            "  - organisation/diagram/arbetsformer\n  - malomraden/god-start-i-livet\n---\n\nText.\n")
    root = project({"content/nyheter/a.md": news}, with_seed_content=True)
    assert [str(p) for p in check_site(root, spelling=False).problems] == []
    page = next(o.content for o in build_site(root, site_url="https://example.org/").outputs
                if o.uri == "nyheter/a/index.md")
    assert ("- [Arbetsformer för Säker och trygg kommun](/organisation/diagram/arbetsformer/index.md)\n"
            "- [En god start i livet](/malomraden/god-start-i-livet/index.md)\n") in page


def test_a_related_page_whose_source_did_not_load_is_not_a_second_mistake(project):
    # the core asks each type where its page folders' sources are (ContentType.page_file)
    article = ("---\ntitel: A\npublicerad: 2024-01-01\nsammanfattning: S\nrelaterat:\n"
               "  - moten/n\n  - handbocker/h\n  - handbocker/saknas\n---\n\nText\n")
    found = problems_for(project, {"content/nyheter/a.md": article, "content/moten/n/program.md": "---\ntitel: N\n---\n",
                                   "content/handbocker/h/handbok.yml": "titel: H\n"})
    assert [p for p in found if "pekar på" in p] == [
        "content/nyheter/a.md:8: fel: 'relaterat' pekar på 'handbocker/saknas' som inte finns (menade du 'handbocker/h'?)"]
    assert any(p.startswith("content/moten/n/program.md:") for p in found)
    assert any(p.startswith("content/handbocker/h/handbok.yml:") for p in found)
