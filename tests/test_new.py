"""`trygg new <typ> "Titel"`: for every type, a commented skeleton in the right place, dated
today, that passes `trygg check --strict` and builds into a page."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import TEST_DAY, mkdocs_build
from trygg.pipeline import check_site
from trygg.writers.new import create_page, placeholder_texts, skeletons

TITLE = "Trygghetsvandring i Norrby: kväll"


def test_every_registered_type_has_a_skeleton():
    from trygg.registry import registered_types

    names = set(skeletons())
    assert {"möte", "utvecklingsdag", "konferens", "seminarium", "nyhet"} <= names
    # "om" is the site's own facts (contact, accessibility statement): one file each, not pages
    # a writer adds, so it has no skeleton.
    # The register (content/organisation/) is three files written once, like "om".
    missing = [t.key for t in registered_types() if not (t.skeleton or t.skeletons) and t.key not in ("om", "organisation")]
    assert missing == [], f"content types without a skeleton for trygg new: {missing}"


@pytest.mark.parametrize("kind", sorted(skeletons()))
def test_the_skeleton_passes_check_and_builds(project, kind):
    root = project({})
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "new", kind, TITLE, "--root", str(root)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    created = run.stdout.split()[1].rstrip(".")
    assert run.stdout == f"Skapade {created}. Öppna filen, fyll i och kör sedan .venv/bin/trygg check.\n"
    text = (root / created).read_text("utf-8")
    assert TEST_DAY.isoformat() in text  # the tests' clock (conftest), as trygg new reads it
    assert "trygghetsvandring-i-norrby-kvall" in created
    # untouched, the skeleton's "Skriv …" texts are flagged, each on its own line
    flagged = [p for p in check_site(root).problems]
    assert flagged and all(p.message.endswith("från mallen står kvar") and p.file == created for p in flagged)
    lines = text.split("\n")
    assert all(any(t in lines[p.line - 1] for t in placeholder_texts()) for p in flagged)
    (root / created).write_text(_filled(text), encoding="utf-8")
    assert [str(p) for p in check_site(root).problems] == []
    build = mkdocs_build(root)
    assert build.returncode == 0, build.output
    address = created.removeprefix("content/").rsplit(".", 1)[0].removesuffix("/program").removesuffix("/handbok")
    page = build.site / address / "index.html"
    assert page.exists(), sorted(p.relative_to(build.site).as_posix() for p in build.site.rglob("index.html"))
    assert "Trygghetsvandring i Norrby: kväll" in page.read_text("utf-8")


def _filled(text: str) -> str:
    for placeholder in placeholder_texts():
        text = text.replace(placeholder, "Ifylld uppgift.")
    return text


def test_skeletons_name_the_sites_own_register_and_no_other_place(project):
    root = project({"content/organisation/organisationer.yml": "- namn: Trygghetsrådet\n  typ: nämnd\n",
                    "content/organisation/personer.yml": "- namn: Alva Exempelsson\n",
                    "content/organisation/begrepp.yml": ""})
    assert create_page(root, "beslut", "Ett beslut", today=dt.date(2026, 8, 20)) == 0
    text = (root / "content/beslut/ett-beslut.md").read_text("utf-8")
    assert "ansvarig: 'Trygghetsrådet'\n" in text and "  namn: 'Alva Exempelsson'" in text
    assert create_page(root, "möte", "Ett möte", today=dt.date(2026, 8, 20)) == 0
    event = (root / "content/moten/ett-mote/program.md").read_text("utf-8")
    assert "plats: Skriv var mötet hålls, till exempel lokal och adress\n" in event
    assert "Stadshuset" not in event


def test_the_event_skeleton_is_where_the_readme_says(project):
    root = project({})
    assert create_page(root, "möte", "Nätverksmöte om trygghet", today=dt.date(2026, 8, 20)) == 0
    text = (root / "content/moten/natverksmote-om-trygghet/program.md").read_text("utf-8")
    assert "titel: 'Nätverksmöte om trygghet'\ntyp: möte\n" in text
    assert "publicerad: 2026-08-20\n" in text


def test_an_existing_page_is_never_overwritten(project, capsys):
    root = project({"content/nyheter/nyhet.md": "min text"})
    assert create_page(root, "nyhet", "Nyhet") == 1
    assert (root / "content/nyheter/nyhet.md").read_text() == "min text"
    assert capsys.readouterr().err == ("trygg new: content/nyheter/nyhet.md finns redan. "
                                       "Välj en annan rubrik eller ange --mapp.\n")


def test_an_unknown_type_lists_the_known_ones(project, capsys):
    assert create_page(project({}), "blogg", "X") == 2
    assert capsys.readouterr().err.startswith("trygg new: okänd sorts sida 'blogg'. Välj en av: ")
