"""Decision documents: loading, validation with exact Swedish messages, and the rendered pages."""

from __future__ import annotations

import pytest

from trygg.registry import load_content
from trygg.core.problems import ContentError

DECISION = "content/beslut/b.md"
CHART = "content/organisation/diagram/skiss.yml"
SMALL_CHART = """\
titel: Skiss
sammanfattning: En skiss.
källa: ett test
noder:
  - namn: Kommunstyrelsen
    typ: nämnd
"""
VALID_DECISION = """\
---
titel: Ett förslag
typ: beslutsförslag
diarienummer: 2030/KS0001 001
datum: 2030-01-20
sammanfattning: Ett förslag om något.
ansvarig: Kommunstyrelsen
handläggare:
  namn: Ingegerd Eriksson
  telefon: 35 71 65
status: förslag
förslag till beslut:
  - Anta förslaget.
  - Utse en ordförande.
annan lydelse:
  var: försättsbladet
  förslag:
    - Anta förslaget.
    - En ordförande utses.
relaterat diagram: skiss
---

## Bakgrund

Text.
"""


def load(project, files):
    return load_content(project(files))


def problems_for(project, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(project, {DECISION: text, CHART: SMALL_CHART})
    return [str(p) for p in caught.value.problems]


def test_a_valid_decision_loads_and_knows_where_its_wordings_differ(project):
    content = load(project, {DECISION: VALID_DECISION, CHART: SMALL_CHART})
    (decision,) = content.extra["beslut"]
    assert decision.url == "/beslut/b/"
    assert decision.decision.reference == "2030/KS0001 001"
    assert decision.responsible.id == "kommunstyrelsen"
    assert decision.officer.name == "Ingegerd Eriksson"
    assert decision.differences == [(2, "Utse en ordförande.", "En ordförande utses.")]


CASES = {
    "an unknown responsible body": (
        VALID_DECISION.replace("ansvarig: Kommunstyrelsen", "ansvarig: Kommunstyrelssen"),
        [f"{DECISION}:7: fel: 'Kommunstyrelssen' finns inte i registret (menade du 'Kommunstyrelsen'?)"]),
    "an unknown chart": (
        VALID_DECISION.replace("relaterat diagram: skiss", "relaterat diagram: skis"),
        [f"{DECISION}:20: fel: 'relaterat diagram' pekar på 'skis' som inte finns (menade du 'skiss'?)"]),
    "a misspelt type": (
        VALID_DECISION.replace("typ: beslutsförslag", "typ: beslutsforslag"),
        [f"{DECISION}:3: fel: 'beslutsforslag' är inget tillåtet värde för 'typ' (menade du 'beslutsförslag'?)"]),
    "a missing diarienummer": (
        VALID_DECISION.replace("diarienummer: 2030/KS0001 001\n", ""),
        [f"{DECISION}:2: fel: fältet 'diarienummer' saknas (lägg till 'diarienummer: …')"]),
    "the other wording has fewer proposals": (
        VALID_DECISION.replace("    - En ordförande utses.\n", ""),
        [f"{DECISION}:17: fel: 'annan lydelse' har 1 förslag men 'förslag till beslut' har 2 "
         "(skriv samma förslag i samma ordning i båda listorna)"]),
    "no background text": (
        VALID_DECISION.split("## Bakgrund")[0],
        [f"{DECISION}:22: fel: beslutet har ingen text (skriv bakgrunden under sidhuvudet)"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_decision_mistake_gets_its_exact_swedish_message(project, case):
    text, expected = CASES[case]
    assert problems_for(project, text) == expected
