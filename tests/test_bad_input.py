"""The bad-input corpus: each mistake a writer (or a broken editor) can make gets its exact
Swedish message with file and line, from `trygg check` and from the build — never a traceback.

CASES maps a name to the files written into a fresh project (with the real register) and the
exact problems `trygg check` reports. A representative subset also runs `trygg check` and
`mkdocs build --strict` as subprocesses.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, VALID_EVENT, mkdocs_build
from trygg.pipeline import check_site
from trygg.writers.new import placeholder_texts, site_names, skeletons

EVENT = "content/moten/m/program.md"
NOTES = "content/moten/m/anteckningar.md"
ARTICLE = "content/nyheter/a.md"
PEOPLE = "content/organisation/personer.yml"
TERMS = "content/organisation/begrepp.yml"
VALID_ARTICLE = "---\ntitel: Nyhet\npublicerad: 2024-01-01\nsammanfattning: En nyhet.\n---\n\nText.\n"
SCRIPT = '<script>alert("x")</script>'
NOT_ALLOWED = (": varning: elementet <script> är inte tillåtet i texten: skript, händelser, formulär, inbäddningar, "
               "stilar och filer från andra webbplatser publiceras aldrig (ta bort koden; skriv texten, länkarna och "
               "bilderna med Markdown)")
UNCLOSED_QUOTE = (f"{ARTICLE}:2:8: fel: YAML-fel: texten tar slut mitt i ett värde — ett citattecken stängs inte "
                  "(avsluta texten med samma citattecken som den börjar med, på samma rad)")
YAML_HINT = "(kontrollera kolon, citattecken och indrag på raden och raden ovanför)"
UTF8_HINT = "(spara filen med teckenkodningen UTF-8 i din editor)"


NAMES = site_names(ROOT)  # names from the project's register, as `trygg new` takes them


def filled(skeleton: tuple[str, str]) -> tuple[str, str]:
    """A skeleton whose "Skriv …" texts a writer has replaced (same lines), so it checks clean."""
    path, text = skeleton
    for placeholder in placeholder_texts():
        text = text.replace(placeholder, "Ifylld uppgift.")
    return path, text


CHART, VALID_CHART = filled(skeletons()["diagram"]("Diagram", "d", dt.date(2030, 1, 1), NAMES))
DECISION, VALID_DECISION = filled(skeletons()["beslut"]("Beslut", "b", dt.date(2030, 1, 1), NAMES))


def chart(old: str, new: str) -> dict[str, str]:
    assert old in VALID_CHART
    return {CHART: VALID_CHART.replace(old, new)}


def decision(old: str, new: str) -> dict[str, str]:
    assert old in VALID_DECISION
    return {DECISION: VALID_DECISION.replace(old, new)}


def event(old: str, new: str) -> dict[str, str]:
    assert old in VALID_EVENT
    return {EVENT: VALID_EVENT.replace(old, new)}


def article(old: str, new: str) -> dict[str, str]:
    assert old in VALID_ARTICLE
    return {ARTICLE: VALID_ARTICLE.replace(old, new)}


def fields(*names: str) -> str:
    return ", ".join(names)


EVENT_FIELDS = fields("anmälan", "arrangör", "datum", "filer", "kontakt", "målgrupp", "plats", "program", "publicerad",
                      "sammanfattning", "sidansvarig", "tid", "titel", "typ", "uppdaterad", "utkast")

CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    # --- files that cannot be read ------------------------------------------------------------
    "empty file": ({EVENT: ""}, [
        f"{EVENT}:1: fel: filen är tom (skriv sidhuvudet (---) och texten, eller ta bort filen)"]),
    "only blank lines": ({ARTICLE: "\n\n  \n"}, [
        f"{ARTICLE}:1: fel: filen är tom (skriv sidhuvudet (---) och texten, eller ta bort filen)"]),
    "latin-1 bytes": ({ARTICLE: VALID_ARTICLE.encode().replace("En nyhet".encode(), b"En nyh\xe9t")}, [
        f"{ARTICLE}:4:23: fel: filen är inte sparad som UTF-8 (tecknen kan inte läsas) {UTF8_HINT}"]),
    "UTF-16 file": ({ARTICLE: VALID_ARTICLE.encode("utf-16")}, [
        f"{ARTICLE}:1:1: fel: filen är inte sparad som UTF-8 (tecknen kan inte läsas) {UTF8_HINT}"]),
    "binary file": ({ARTICLE: bytes(range(256))}, [
        f"{ARTICLE}:2:118: fel: filen är inte sparad som UTF-8 (tecknen kan inte läsas) {UTF8_HINT}"]),
    "huge file": ({ARTICLE: VALID_ARTICLE + "Text. " * 400_000}, [
        f"{ARTICLE}: fel: filen är för stor (2400 kB, högst 2000 kB) (dela upp texten i flera sidor)"]),
    "folder named like a page": ({"content/nyheter/x.md/bild.txt": "x"}, [
        "content/nyheter/x.md: fel: det här är en mapp, men namnet slutar som en fil (byt namn på mappen)"]),
    # --- front matter -------------------------------------------------------------------------
    "front matter never closed": (article("---\n\nText", "\nText"), [
        f"{ARTICLE}:1: fel: sidhuvudet avslutas aldrig (lägg till en rad med tre bindestreck (---) efter sidhuvudet)"]),
    "no front matter": ({ARTICLE: "# Nyhet\n\nText.\n"}, [
        f"{ARTICLE}:1: fel: sidhuvudet saknas: filen ska börja med en rad med tre bindestreck (---) "
        "(se skrivguiden för ett exempel)"]),
    "front matter is a list": ({ARTICLE: "---\n- titel\n- text\n---\n\nText.\n"}, [
        f"{ARTICLE}:2: fel: sidhuvudet ska bestå av fält som 'titel: …' (se skrivguiden för ett exempel)"]),
    "empty front matter": ({ARTICLE: "---\n---\n\nText.\n"}, [
        f"{ARTICLE}:1: fel: fältet 'publicerad' saknas (lägg till 'publicerad: …')",
        f"{ARTICLE}:1: fel: fältet 'sammanfattning' saknas (lägg till 'sammanfattning: …')",
        f"{ARTICLE}:1: fel: fältet 'titel' saknas (lägg till 'titel: …')"]),
    "BOM and Windows line endings are fine": ({ARTICLE: "\ufeff" + VALID_ARTICLE.replace("\n", "\r\n")}, []),
    # --- YAML syntax --------------------------------------------------------------------------
    "colon in a value": (event("plats: Stadshuset", "plats: Stadshuset: sal 1"), [
        f"{EVENT}:7:18: fel: YAML-fel: ett kolon står där det inte får stå — sätt texten inom citattecken {YAML_HINT}"]),
    "tab for indent": (event("    rubrik: Välkomna", "\trubrik: Välkomna"), [
        f"{EVENT}:11:1: fel: tabbtecken i YAML (använd mellanslag för indrag, inte tabb)"]),
    "unclosed quote": (article("titel: Nyhet", 'titel: "Nyhet'), [UNCLOSED_QUOTE]),
    # reported where the quote opens, not where YAML gives up (the header's closing ---)
    "unclosed quote in a longer header": (
        article("titel: Nyhet", 'titel: "Nyhet\nförfattare: Anna\nsidansvarig: Bo'), [UNCLOSED_QUOTE]),
    "key without colon": (article("titel: Nyhet", "titel: Nyhet\nförfattare Anna\nsidansvarig: Bo"), [
        f"{ARTICLE}:3:1: fel: YAML-fel: ett kolon saknas efter fältnamnet {YAML_HINT}"]),
    "wrong indent in a list": (event("  - tid: 9.30–12.00", " - tid: 9.30–12.00"), [
        f"{EVENT}:13:2: fel: YAML-fel: texten kan inte tolkas som YAML {YAML_HINT}"]),
    "field twice": (article("titel: Nyhet", "titel: Nyhet\ntitel: Igen"), [
        f"{ARTICLE}:3: fel: fältet 'titel' finns två gånger (ta bort det ena)"]),
    "YAML tag": (article("titel: Nyhet", "titel: !!python/object:os.system ls"), [
        f"{ARTICLE}:2:8: fel: YAML-fel: en YAML-tagg (ett ord som börjar med !) som inte används här — "
        "sätt texten inom citattecken"]),
    "list as a key": (article("titel: Nyhet", "? [a, b]\n: c\ntitel: Nyhet"), [
        f"{ARTICLE}:2:3: fel: YAML-fel: ett fältnamn är en lista eller flera fält — skriv fältnamnet som text"]),
    "alias bomb": (article("titel: Nyhet", "titel: Nyhet\nx: &a [1, 1, 1]\ny: [*a, *a, *a]"), [
        f"{ARTICLE}:3: fel: YAML-referenser (&namn och *namn) används inte i innehållet "
        "(skriv ut texten på varje ställe i stället)"]),
    "deep nesting": (article("titel: Nyhet", "titel: " + "[" * 3000 + "]" * 3000), [
        f"{ARTICLE}:2: fel: YAML-fel: för många nivåer av listor eller fält i varandra (skriv innehållet med färre nivåer)"]),
    "two YAML documents in the register": ({TERMS: "- förkortning: X\n  betydelse: Y\n---\n- a: b\n"}, [
        f"{TERMS}:3:1: fel: YAML-fel: filen innehåller flera YAML-dokument (en rad med ---) {YAML_HINT}"]),
    # --- schema -------------------------------------------------------------------------------
    "missing field": (event("plats: Stadshuset\n", ""), [
        f"{EVENT}:2: fel: fältet 'plats' saknas (lägg till 'plats: …')"]),
    "unknown field with a suggestion": (article("titel: Nyhet", "titel: Nyhet\nforfattare: Anna"), [
        f"{ARTICLE}:3: fel: okänt fält 'forfattare' (menade du 'författare'?)"]),
    "unknown field without a suggestion": (event("plats: Stadshuset", "plats: Stadshuset\nväder: sol"), [
        f"{EVENT}:8: fel: okänt fält 'väder' (tillåtna fält: {EVENT_FIELDS})"]),
    "title is a list": (article("titel: Nyhet", "titel: [Nyhet, Mer]"), [
        f"{ARTICLE}:2: fel: 'titel': här ska stå en text, inte en lista eller flera fält"]),
    "empty title": (article("titel: Nyhet", "titel:"), [
        f"{ARTICLE}:2: fel: 'titel' är tomt (skriv ett värde efter 'titel:')"]),
    "draft is not yes or no": (article("titel: Nyhet", "titel: Nyhet\nutkast: kanske"), [
        f"{ARTICLE}:3: fel: 'utkast' ska vara true eller false"]),
    "agenda is text": ({EVENT: VALID_EVENT.split("program:")[0] + "program: allt\n---\n\nText.\n"}, [
        f"{EVENT}:9: fel: 'program' ska vara en lista (rader som börjar med '- ')"]),
    "misspelt kind": (event("typ: möte", "typ: mote"), [
        f"{EVENT}:3: fel: 'mote' är inget tillåtet värde för 'typ' (menade du 'möte'?)"]),
    # --- dates and times ----------------------------------------------------------------------
    "hour 25": (event("9.00–9.30", "25.00–9.30"), [
        f"{EVENT}:10: fel: 'tid': klockslaget '25.00' finns inte; timmar 0–23 och minuter 00–59"]),
    "end before start": (event("9.00–9.30", "8.30–8.20"), [
        f"{EVENT}:10: fel: 'tid': sluttiden 8.20 kommer inte efter starttiden 8.30"]),
    "time without an end": (event("tid: 9.00–9.30", "tid: 9"), [
        f"{EVENT}:10: fel: 'tid': '9' är ingen tidsperiod; skriv start och slut med tankstreck, till exempel 8.30–8.40"]),
    "time as a list": (event("tid: 9.00–12.00\nplats", "tid: [9.00, 12.00]\nplats"), [
        f"{EVENT}:6: fel: 'tid': här ska stå en tidsperiod som text, till exempel 8.30–8.40, inte en lista eller fält"]),
    "overlapping agenda items": (event("9.30–12.00\n    rubrik: Arbete", "9.20–12.00\n    rubrik: Arbete"), [
        f"{EVENT}:13: fel: tiden 9.20–12.00 överlappar föregående punkt 'Välkomna' (9.00–9.30) "
        "(ändra starttiden eller föregående sluttid)"]),
    "day that does not exist": (event("datum: 2030-05-24", "datum: 2030-02-30"), [
        f"{EVENT}:5: fel: 'datum': '2030-02-30' är inget datum; skriv till exempel 2025-05-24, eller 'ej fastställt' "
        "om datumet inte är bestämt"]),
    "month 13 in an article": (article("publicerad: 2024-01-01", "publicerad: 2030-13-01"), [
        f"{ARTICLE}:3: fel: 'publicerad' ska vara ett datum som 2025-05-24"]),
    # --- references and duplicates ------------------------------------------------------------
    "unknown presenter": (event("[Kerstin Hermansson]", "[Kerstin Hermanson]"), [
        f"{EVENT}:12: fel: 'Kerstin Hermanson' finns inte i registret (menade du 'Kerstin Hermansson'?)"]),
    "unknown organisation written as one half of a shared compound": (event("[FOF, Polisen]", "[Fritidsförvaltningen]"), [
        f"{EVENT}:15: fel: 'Fritidsförvaltningen' finns inte i registret "
        "(menade du 'Fritids- och folkhälsoförvaltningen (FOF)'?)"]),
    "misspelt abbreviation": (event("[FOF, Polisen]", "[FOFF]"), [
        f"{EVENT}:15: fel: 'FOFF' finns inte i registret (menade du 'FOF (Fritids- och folkhälsoförvaltningen)'?)"]),
    "unknown related page": (article("sammanfattning: En nyhet.", "sammanfattning: En nyhet.\nrelaterat: [moten/finns-inte]"), [
        f"{ARTICLE}:5: fel: 'relaterat' pekar på 'moten/finns-inte' som inte finns "
        "(skriv sidans sökväg under content/ utan filändelse, till exempel moten/<mapp> eller "
        "organisation/diagram/<namn>)"]),
    "notes heading without an agenda time": ({**event("Välkomna!", "Välkomna!"), NOTES: "## 9.15 Fel\n\nText.\n"}, [
        f"{NOTES}:1: fel: ingen programpunkt börjar 9.15 (programmets starttider: 9.00, 9.30)"]),
    "duplicate abbreviation in the register": ({TERMS: "- förkortning: FOF\n  betydelse: Något annat\n"}, [
        "content/organisation: fel: 'FOF' används av både 'Fritids- och folkhälsoförvaltningen' och 'Något annat' "
        "i registret (ge posterna olika namn eller förkortningar)"]),
    "two files with the same address": ({"content/nyheter/Möte.md": VALID_ARTICLE, "content/nyheter/mote.md": VALID_ARTICLE}, [
        "content/nyheter/mote.md: fel: content/nyheter/Möte.md och content/nyheter/mote.md ger samma adress "
        "(/nyheter/mote/index.md) (byt namn på den ena filen eller mappen)"]),
    # --- links and paths ----------------------------------------------------------------------
    "link that climbs out of content": (article("Text.", "Se [lösenord](../../../../etc/passwd)."), [
        f"{ARTICLE}:7:15: fel: länken '../../../../etc/passwd' pekar utanför webbplatsen "
        "(länka till en sida på webbplatsen, till exempel /nyheter/index.md)"]),
    "image that climbs out of content": (article("Text.", "![Karta](/../../mkdocs.yml)"), [
        f"{ARTICLE}:7:10: fel: länken '/../../mkdocs.yml' pekar utanför webbplatsen "
        "(länka till en sida på webbplatsen, till exempel /nyheter/index.md)"]),
    "javascript link": (article("Text.", "[Klicka](javascript:alert(1))"), [
        f"{ARTICLE}:7:10: fel: länken 'javascript:alert(1)' använder 'javascript:', som inte är tillåtet "
        "(länka bara till https://-, mailto:- och tel:-adresser)"]),
    # --- HTML, scripts and size ---------------------------------------------------------------
    "script in every text field of an article": ({ARTICLE: (
        f"---\ntitel: 'Nyhet {SCRIPT}'\npublicerad: 2024-01-01\nförfattare: '{SCRIPT}'\nsidansvarig: '{SCRIPT}'\n"
        f"sammanfattning: '{SCRIPT}'\n---\n\n{SCRIPT}\n\n## Rubrik {SCRIPT}\n")},
        [f"{ARTICLE}:{line}{NOT_ALLOWED}" for line in (2, 4, 5, 6, 9, 11)]),
    "script in every text field of an event": (event("plats: Stadshuset", f"plats: '{SCRIPT}'\nmålgrupp: '{SCRIPT}'"),
                                               [f"{EVENT}:7{NOT_ALLOWED}", f"{EVENT}:8{NOT_ALLOWED}"]),
    "very long title": (article("titel: Nyhet", "titel: " + "Mycket lång rubrik " * 200), []),
    # --- charts and decisions ---------------------------------------------------------------
    "cycle of leaders in a chart": ({CHART: VALID_CHART + "  - från: Arbetsgruppen\n    till: Kommunstyrelsen\n"
                                     "    betydelse: leder\n"}, [
        f"{CHART}:24: fel: 'leder'-kanterna bildar en cirkel: Kommunstyrelsen → Arbetsgruppen → Kommunstyrelsen "
        "(ingen kan leda den som leder den själv; ta bort eller vänd en av kanterna)"]),
    "a chart node part of itself": (chart("    beskrivning: Ifylld uppgift.",
                                          "    beskrivning: Ifylld uppgift.\n    del av: Arbetsgruppen"), [
        f"{CHART}:20: fel: 'del av' går runt i en cirkel: Arbetsgruppen → Arbetsgruppen (en grupp kan inte vara en "
        "del av sig själv; ändra 'del av' på en av noderna)"]),
    "duplicate node id in a chart": (chart("  - namn: Arbetsgruppen", "  - namn: Kommunstyrelsen\n    typ: grupp\n"
                                                                     "  - namn: Arbetsgruppen"), [
        f"{CHART}:15: fel: noden 'Kommunstyrelsen' har samma id ('kommunstyrelsen') som en nod ovanför "
        "(ge noderna olika namn eller olika 'id')"]),
    "chart edge to an unknown node": (chart("    till: Arbetsgruppen", "    till: Styrgruppen"), [
        f"{CHART}:22: fel: kanten pekar på noden 'Styrgruppen' som inte finns (menade du 'Arbetsgruppen'?)"]),
    "script in a chart description": (chart("beskrivning: Ifylld uppgift.", f"beskrivning: '{SCRIPT}'"), [f"{CHART}:19{NOT_ALLOWED}"]),
    "unknown officer in a decision": (decision("Kerstin Hermansson", "Kerstin Hermanson"), [
        f"{DECISION}:12: fel: 'Kerstin Hermanson' finns inte i registret (menade du 'Kerstin Hermansson'?)"]),
    "decision without proposals": (decision("  - Ifylld uppgift.\n", ""), [
        f"{DECISION}:15: fel: 'förslag till beslut' är tomt (skriv ett värde efter 'förslag till beslut:')"]),
    "personal identity number": (article("Text.", "Född 19811218-9876."), [
        f"{ARTICLE}:7:6: fel: '19811218-9876' ser ut som ett personnummer och får inte publiceras "
        "(ta bort numret; skriv aldrig ut personnummer på webbplatsen)"]),
}

SUBPROCESS_CASES = ["latin-1 bytes", "front matter never closed", "colon in a value", "tab for indent", "hour 25",
                    "end before start", "unknown presenter", "alias bomb", "deep nesting", "day that does not exist",
                    "two files with the same address", "personal identity number", "folder named like a page",
                    "cycle of leaders in a chart", "unknown officer in a decision"]


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_exact_swedish_problems(project, case):
    files, expected = CASES[case]
    assert [str(p) for p in check_site(project(files), spelling=False).problems] == expected


def _trygg_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trygg.cli", "check", "--root", str(root), "--utan-stavning"],
                          capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_check_and_build_fail_with_the_message_and_no_traceback(project, case):
    files, expected = CASES[case]
    root = project(files)
    check = _trygg_check(root)
    assert check.returncode == 1
    assert check.stdout.splitlines()[:-1] == expected
    assert "Traceback" not in check.stdout + check.stderr
    build = mkdocs_build(root)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    for message in expected:
        assert message in build.output


def test_a_symlink_out_of_the_repository_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "hemlig.md"
    outside.write_text(VALID_ARTICLE.replace("Text.", "Hemlig text."), "utf-8")
    root = project({})
    (root / "content/nyheter").mkdir(parents=True)
    (root / "content/nyheter/lankad.md").symlink_to(outside)
    expected = ["content/nyheter/lankad.md: fel: filen är en länk till en plats utanför content/ "
                "(kopiera in filen i stället för att länka)"]
    assert [str(p) for p in check_site(root, spelling=False).problems] == expected
    build = mkdocs_build(root)
    assert build.returncode == 1 and expected[0] in build.output and "Traceback" not in build.output
    assert not (build.site / "nyheter/lankad").exists()


def test_the_corpus_is_large_enough():
    assert len(CASES) + 1 >= 40
