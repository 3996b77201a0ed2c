"""`trygg check`: every problem at once, in Swedish, sorted by file; exit codes, JSON and GitHub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, VALID_EVENT, mkdocs_build
from trygg.cli import github_annotation
from trygg.core.personal import find_personal_numbers
from trygg.pipeline import check_site
from trygg.core.problems import Problem, Severity

EVENT = "content/moten/m/program.md"
ARTICLE = "content/nyheter/a.md"


def article(body: str, **front: str) -> str:
    meta = {"titel": "Nyhet", "publicerad": "2024-01-01", "sammanfattning": "En nyhet.", **front}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n\n" + body


def run_check(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "trygg.cli", "check", "--root", str(root), *args],
                          capture_output=True, text=True, env={**environment, **(env or {})}, timeout=120)


def problems(root: Path, **kwargs) -> list[str]:
    return [str(p) for p in check_site(root, **kwargs).problems]


# --- the command ------------------------------------------------------------------------------

def test_the_real_content_passes_strict_check():
    run = run_check(ROOT, "--strict")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == "Inga fel eller varningar i content/.\n"


def test_errors_from_all_files_are_listed_sorted_by_file_and_exit_1(project):
    root = project({
        ARTICLE: article("Text.\n", titel=""),
        EVENT: VALID_EVENT.replace("[Kerstin Hermansson]", "[Kerstin Hermanson]"),
        "content/nyheter/b.md": "---\ntitel: B\n",
    })
    run = run_check(root, "--utan-stavning")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{EVENT}:12: fel: 'Kerstin Hermanson' finns inte i registret (menade du 'Kerstin Hermansson'?)",
        f"{ARTICLE}:2: fel: 'titel' är tomt (skriv ett värde efter 'titel:')",
        "content/nyheter/b.md:1: fel: sidhuvudet avslutas aldrig (lägg till en rad med tre bindestreck (---) "
        "efter sidhuvudet)",
        "Innehållet har 3 fel och 0 varningar.",
    ]
    assert "Traceback" not in run.stderr


def test_warnings_pass_unless_strict(project):
    root = project({ARTICLE: article("Se [Polisen](http://polisen.se).\n")})
    expected = (f"{ARTICLE}:7:14: varning: länken 'http://polisen.se' använder okrypterad http:// "
                "(skriv https:// om webbplatsen har det)")
    plain, strict = run_check(root, "--utan-stavning"), run_check(root, "--utan-stavning", "--strict")
    assert (plain.returncode, strict.returncode) == (0, 1)
    assert plain.stdout.splitlines() == [expected, "Innehållet har 0 fel och 1 varningar."]


def test_json_output_for_tools(project):
    root = project({ARTICLE: article("Text.\n", publicerad="igår")})
    run = run_check(root, "--format", "json", "--utan-stavning")
    assert run.returncode == 1
    assert json.loads(run.stdout) == {"errors": 1, "warnings": 0, "problems": [{
        "file": ARTICLE, "line": 3, "column": None, "severity": "error",
        "message": "'publicerad' ska vara ett datum som 2025-05-24", "hint": None}], "scheduled": []}


def test_github_annotations_inside_actions(project):
    root = project({ARTICLE: article("Text.\n", publicerad="igår")})
    run = run_check(root, "--utan-stavning", env={"GITHUB_ACTIONS": "true"})
    assert run.stdout.splitlines()[-1] == (
        f"::error file={ARTICLE},line=3::'publicerad' ska vara ett datum som 2025-05-24")
    assert "::error" not in run_check(root, "--utan-stavning").stdout


def test_github_annotation_escapes_its_special_characters():
    problem = Problem("content/a,b:c.md", 4, "100% fel\nrad två", "tips", Severity.WARNING, 7)
    assert github_annotation(problem) == "::warning file=content/a%2Cb%3Ac.md,line=4,col=7::100%25 fel%0Arad två (tips)"


# --- personal data ----------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["811218-9876", "19811218-9876", "198112189876", "8112189876", "811218+9876",
                                    "701063-2391"])
def test_valid_personal_identity_numbers_are_found(number):
    assert [f.text for f in find_personal_numbers(f"Nummer: {number}.")] == [number]


@pytest.mark.parametrize("text", ["033-35 72 19", "0734328730", "070-432 87 30", "811218-9875", "2025-05-24",
                                  "tel. 033-357219", "12345678901234", "Ring 0701234567"])
def test_phone_numbers_dates_and_wrong_check_digits_are_not_personal_numbers(text):
    assert list(find_personal_numbers(text)) == []


def test_a_personal_number_anywhere_blocks_check_and_build(project):
    root = project({
        EVENT: VALID_EVENT.replace("plats: Stadshuset", "plats: Stadshuset, ring 033-35 72 19 eller 0734328730"),
        ARTICLE: article("Kontakta Kerstin, 19811218-9876, om du undrar.\n"),
    })
    expected = (f"{ARTICLE}:7:19: fel: '19811218-9876' ser ut som ett personnummer och får inte publiceras "
                "(ta bort numret; skriv aldrig ut personnummer på webbplatsen)")
    assert problems(root, spelling=False) == [expected]
    build = mkdocs_build(root)
    assert build.returncode == 1 and expected in build.output and "Traceback" not in build.output


def test_a_coordination_number_in_the_register_is_found(project):
    root = project({})
    people = root / "content/organisation/personer.yml"
    people.write_text(people.read_text("utf-8") + "- namn: Test Testsson\n  roll: 701063-2391\n", "utf-8")
    found = problems(root, spelling=False)
    assert len(found) == 1 and "'701063-2391' ser ut som ett samordningsnummer" in found[0]


# --- one mistake, one message ----------------------------------------------------------------

@pytest.mark.parametrize("mistake", ["date", "key", "register"])
def test_one_mistake_in_the_real_content_gives_only_its_own_message(project, mistake):
    root = project(with_seed_content=True)
    news = root / "content/nyheter/organiserad-trygghet.md"
    people = root / "content/organisation/personer.yml"
    if mistake == "date":
        news.write_text(news.read_text("utf-8").replace("publicerad: 2015-02-24", "publicerad: 2015-02-30"), "utf-8")
        expected = ["content/nyheter/organiserad-trygghet.md:3: fel: 'publicerad' ska vara ett datum som 2025-05-24"]
    elif mistake == "key":
        news.write_text(news.read_text("utf-8").replace("författare:", "författre:"), "utf-8")
        expected = ["content/nyheter/organiserad-trygghet.md:4: fel: okänt fält 'författre' (menade du 'författare'?)"]
    else:
        people.write_text(people.read_text("utf-8").replace("\n- ", "\n-\tx: y\n- ", 1), "utf-8")
        line = people.read_text("utf-8").split("\t")[0].count("\n") + 1
        expected = [f"content/organisation/personer.yml:{line}:2: fel: tabbtecken i YAML "
                    "(använd mellanslag för indrag, inte tabb)"]
    assert problems(root) == expected
    run = run_check(root)
    assert run.stdout.splitlines() == [*expected, "Innehållet har 1 fel och 0 varningar."]


def test_a_link_to_a_page_with_errors_is_not_a_second_mistake(project):
    root = project({ARTICLE: article("Text.\n", publicerad="2030-02-30"),
                    "content/nyheter/b.md": article("Se [nyheten](/nyheter/a/index.md).\n")})
    assert problems(root, spelling=False) == [f"{ARTICLE}:3: fel: 'publicerad' ska vara ett datum som 2025-05-24"]


# --- links, images, headings ------------------------------------------------------------------

def test_links_images_and_headings_in_a_writers_text(project):
    body = "\n".join([
        "Se [mötet](/moten/m/index.md#punkt-0900) och [fel ankare](/moten/m/index.md#punkt-0915).",
        "Läs [nyheterna](/nyheter/index.md) och [inget](/nyheter/finns-inte/index.md).",
        "Mappen [möten](/moten/m/) och [utanför](../../../../etc/passwd) och [kod](javascript:alert(1)).",
        "![](/assets/trygg.css) och ![En bild](/assets/trygg.css)",
        "",
        "#### Fel nivå",
        "",
        "[Hit](#fel-niva) och [dit](#saknas)",
    ])
    root = project({EVENT: VALID_EVENT, ARTICLE: article(body + "\n")})
    assert problems(root, spelling=False) == [
        f"{ARTICLE}:7:59: fel: ankaret '#punkt-0915' finns inte på sidan '/moten/m/index.md' "
        "(ankare på sidan: natverksmote, program, programpunkter, punkt-0900, punkt-0930)",
        f"{ARTICLE}:8:48: fel: länken '/nyheter/finns-inte/index.md' pekar på en sida eller fil som inte finns "
        "(menade du '/nyheter/a/index.md'?)",
        f"{ARTICLE}:9:16: fel: länken '/moten/m/' pekar på en mapp (skriv '/moten/m/index.md')",
        f"{ARTICLE}:9:41: fel: länken '../../../../etc/passwd' pekar utanför webbplatsen "
        "(länka till en sida på webbplatsen, till exempel /nyheter/index.md)",
        f"{ARTICLE}:9:75: fel: länken 'javascript:alert(1)' använder 'javascript:', som inte är tillåtet "
        "(länka bara till https://-, mailto:- och tel:-adresser)",
        f"{ARTICLE}:10:5: varning: bilden '/assets/trygg.css' saknar alternativtext "
        "(beskriv bilden inom hakparenteserna: ![Vad bilden visar](bild.jpg))",
        f"{ARTICLE}:12: varning: rubriknivån hoppar från # till #### "
        "(använd ## här, så att skärmläsare kan följa sidans struktur)",
        f"{ARTICLE}:14:28: fel: ankaret '#saknas' finns inte på sidan (ankare på sidan: fel-niva, nyhet)",
    ]


def test_two_sources_for_one_address_are_an_error(project):
    root = project({"content/nyheter/Möte.md": article("Text.\n"), "content/nyheter/mote.md": article("Text.\n")})
    found = problems(root, spelling=False)
    assert found == ["content/nyheter/mote.md: fel: content/nyheter/Möte.md och content/nyheter/mote.md ger samma "
                     "adress (/nyheter/mote/index.md) (byt namn på den ena filen eller mappen)"]
    assert mkdocs_build(root).returncode == 1


# --- spelling and readability -----------------------------------------------------------------

def test_misspelt_words_get_a_suggestion_and_the_word_list_silences_names(project):
    root = project({ARTICLE: article("Trygghetsvandringen gick genom Kronängsparken med Agnetha Esén.\n",
                                     titel="Trygghetsvandrnig")})
    (root / "content/ordlista.txt").write_text("# namn\nKronängsparken\n", "utf-8")
    assert problems(root) == [
        f"{ARTICLE}:2: varning: okänt ord 'Trygghetsvandrnig' (menade du 'Trygghetsvandring'? Är ordet rätt stavat, "
        "lägg till det i content/ordlista.txt)",
        f"{ARTICLE}:7:59: varning: okänt ord 'Esén' (är ordet rätt stavat, lägg till det i content/ordlista.txt)",
    ]


def test_hard_to_read_text_gets_a_lix_warning(project):
    hard = ("Kommunstyrelsens övergripande samverkansöverenskommelse innefattar omfattande "
            "brottsförebyggande organisationsförändringar beträffande myndighetsgemensamma "
            "uppföljningsmekanismer, informationsdelningsrutiner och resursfördelningsprinciper. ") * 6
    root = project({ARTICLE: article(hard + "\n")})
    found = problems(root, spelling=False)
    assert found == [f"{ARTICLE}:7: varning: texten är svårläst (LIX 105, gränsen är 55) "
                     "(skriv kortare meningar och byt långa ord mot vardagliga)"]
    assert problems(root, spelling=False, max_lix=110) == []


def test_unexplained_abbreviations_are_the_same_error_in_check_and_build(project):
    news = article("Vi träffade FOF och QQX, och sedan QQX igen.\n\n<SCRIPT>alert(1)</SCRIPT>\n", titel="Möte med ZZT")
    root = project({ARTICLE: news})
    people = root / "content/organisation/personer.yml"
    people.write_text(people.read_text("utf-8").replace("roll: kommunalråd", "roll: kommunalråd i YYW", 1), "utf-8")
    expected = [
        "content/organisation/personer.yml:5: fel: förkortningen 'YYW' förklaras inte "
        "(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)",
        f"{ARTICLE}:2: fel: förkortningen 'ZZT' förklaras inte "
        "(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)",
        f"{ARTICLE}:7: fel: förkortningen 'QQX' förklaras inte "
        "(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)",
    ]
    removed = (f"{ARTICLE}:9: varning: elementet <script> är inte tillåtet i texten: skript, händelser, formulär, "
               "inbäddningar, stilar och filer från andra webbplatser publiceras aldrig (ta bort koden; skriv texten, "
               "länkarna och bilderna med Markdown)")  # the allowlist's own message, not an abbreviation's
    assert problems(root, spelling=False) == sorted([*expected, removed])
    build = mkdocs_build(root)
    assert build.returncode == 1
    assert all(line in build.output for line in expected)
    assert "SCRIPT" not in build.output


def test_words_the_dictionary_accepted_are_remembered_without_loading_it_again(tmp_path, monkeypatch):
    from trygg.writers import writing

    dictionary = writing.find_dictionary()
    first = writing.Speller(dictionary, [], cache_dir=tmp_path)
    assert first.is_known("trygghetsvandringar") and not first.is_known("trygghtsvandringar")
    first.save()
    monkeypatch.setattr(writing, "_dictionary", lambda path: pytest.fail("the dictionary was loaded"))
    second = writing.Speller(dictionary, [], cache_dir=tmp_path)
    assert second.is_known("trygghetsvandringar")
    assert [p.name for p in tmp_path.iterdir()] == [f"sv_SE-{int(Path(dictionary + '.dic').stat().st_mtime)}.ord"]


def test_addresses_differing_only_in_case_or_diacritics_are_an_error_for_meetings_too(project):
    root = project({EVENT: VALID_EVENT, "content/moten/M/program.md": VALID_EVENT,
                    "content/moten/å/program.md": VALID_EVENT, "content/moten/a/program.md": VALID_EVENT})
    found = [p for p in problems(root, spelling=False) if "adress" in p]
    assert found == [
        f"{EVENT}: fel: content/moten/M/program.md och {EVENT} ger adresser som bara skiljer sig i stora och små "
        "bokstäver eller å, ä och ö (/moten/M/index.md och /moten/m/index.md) "
        "(byt namn på den ena filen eller mappen så att namnen skiljer sig tydligt)",
        "content/moten/å/program.md: fel: content/moten/a/program.md och content/moten/å/program.md ger adresser "
        "som bara skiljer sig i stora och små bokstäver eller å, ä och ö (/moten/a/index.md och /moten/å/index.md) "
        "(byt namn på den ena filen eller mappen så att namnen skiljer sig tydligt)",
    ]
    assert mkdocs_build(root).returncode == 1
