"""What a writer reads in the terminal: Swedish, quiet, and the fix for a broken mkdocs.yml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import VALID_EVENT
from trygg.cli import _dev_addr, _without_dev_addr
from trygg.console import translate
from trygg.pipeline import check_site


@pytest.mark.parametrize("english, swedish", [
    ("Cleaning site directory", None),
    ("Building documentation to directory: /srv/site", "Bygger webbplatsen i /srv/site"),
    ("Building documentation...", "Bygger webbplatsen …"),
    ("Documentation built in 14.85 seconds", "Webbplatsen byggdes på 14,85 sekunder"),
    ("[10:23:04] Watching paths for changes: 'docs', 'mkdocs.yml'", "[10:23:04] Bevakar ändringar i 'docs', 'mkdocs.yml'"),
    ("[10:23:04] Serving on http://127.0.0.1:8301/", "[10:23:04] Förhandsvisningen finns på http://127.0.0.1:8301/"),
    ("[10:23:09] Detected file changes", "[10:23:09] Ändringar sparade – bygger om"),
    ("[10:23:12] Reloading browsers", "[10:23:12] Laddar om webbläsaren"),
    ("[10:23:12] Browser connected: http://127.0.0.1:8301/", None),
    ("Shutting down...", "Förhandsvisningen stängs …"),
    ('The following pages exist in the docs directory, but are not included in the "nav" configuration:\n  - sok.md',
     None),
    ("Config value 'watch': The path 'content' isn't an existing file or directory.",
     "mkdocs.yml: 'watch' pekar på content, som inte finns (återskapa mappen, till exempel med "
     "'git checkout -- content', eller ta bort den ur 'watch:' i mkdocs.yml)"),
    ("Config value 'theme': The path set in custom_dir ('/p/overrides') does not exist.",
     "mkdocs.yml: 'theme: custom_dir' pekar på /p/overrides, som inte finns (återskapa mappen, till exempel med "
     "'git checkout -- overrides', eller ta bort raden ur mkdocs.yml)"),
    ("Aborted with a configuration error!", "Avbrutet: ett fel i mkdocs.yml (se ovan)."),
    ("Aborted with 2 configuration errors!", "Avbrutet: 2 fel i mkdocs.yml (se ovan)."),
    ("Aborted with 3 warnings in strict mode!",
     "Avbrutet: 3 varningar, och mkdocs.yml säger strict (varningar stoppar bygget). Rätta dem och bygg igen."),
    ("Doc file 'nyheter/a/index.md' contains a link 'x.md', but the target 'nyheter/a/x.md' is not found among "
     "documentation files.", "sidan nyheter/a/index.md: länken 'x.md' pekar på en sida eller fil som inte finns "
     "(kör trygg check: den säger var länken står och vad som är fel)"),
    ("Något annat", "Något annat"),
])
def test_mkdocs_lines_in_swedish(english, swedish):
    assert translate(english) == swedish


def test_a_deleted_watched_folder_is_a_swedish_error_with_the_fix_in_check_and_build(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    shutil.rmtree(root / "overrides")
    expected = [
        "mkdocs.yml: fel: 'theme: custom_dir' pekar på 'overrides', som inte finns (återskapa den, till exempel med "
        "'git checkout -- overrides', eller ta bort den ur 'theme: custom_dir' i mkdocs.yml)",
    ]
    assert [str(p) for p in check_site(root, spelling=False).problems] == expected
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "build", "--root", str(root)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.splitlines()[:1] == expected
    assert run.stderr.splitlines()[1:] == [f"Bygget misslyckades. {root / 'site'} är oförändrad."]


def test_trygg_build_is_quiet_and_ends_with_one_swedish_line(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "build", "--root", str(root)], capture_output=True,
                         text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    [line] = run.stdout.splitlines()
    pages = sum(1 for p in (root / "site").rglob("*.html") if p.name != "404.html")
    assert pages > 5  # a meeting, its list, the register, the guide and more
    assert line.startswith(f"Webbplatsen är byggd: {pages} sidor och ")
    assert line.endswith(f" andra filer i {root / 'site'}.")


def test_the_preview_announces_the_address_it_serves_on(tmp_path):
    assert _dev_addr(tmp_path, ["--livereload", "--dirty", "--dev-addr", "127.0.0.1:8765"]) == "127.0.0.1:8765"
    assert _dev_addr(tmp_path, ["--dev-addr=0.0.0.0:8080"]) == "0.0.0.0:8080"
    assert _dev_addr(tmp_path, ["--dirty"]) == "127.0.0.1:8000"
    assert _without_dev_addr(["--dirty", "-a", "127.0.0.1:8765", "--livereload"]) == ["--dirty", "--livereload"]


def test_trygg_serve_says_and_serves_the_address_given(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    child = subprocess.Popen([sys.executable, "-m", "trygg.cli", "serve", "--root", str(root), "--dev-addr",
                              "127.0.0.1:8377"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.rstrip("\n"))
            if "Förhandsvisningen finns på" in line or len(lines) > 200:
                break
        assert lines[0] == "==> Startar förhandsvisningen på http://127.0.0.1:8377/ (avsluta med Ctrl+C)"
        assert lines[-1].endswith("Förhandsvisningen finns på http://127.0.0.1:8377/")
        english = [l for l in lines if "INFO" in l and any(w in l for w in ("Building", "Serving", "pages exist"))]
        assert english == []
    finally:
        child.terminate()
        child.wait(timeout=30)


def test_every_line_of_the_terminal_is_in_the_writers_guide():
    import re

    from conftest import ROOT
    from trygg.console import _MESSAGES

    guide = (ROOT / "docs/skrivguide/index.md").read_text("utf-8")
    lines = [re.sub(r"\{\w+\}", "…", swedish) for _, swedish in _MESSAGES if swedish]
    lines += ["Webbplatsen är byggd: … sidor och … andra filer i ….", "Bygget misslyckades. … är oförändrad.",
              "==> Startar förhandsvisningen på http://127.0.0.1:8000/ (avsluta med Ctrl+C)",
              "…: publiceras … (visas i förhandsvisningen, på webbplatsen från den dagen)"]
    assert [line for line in lines if f"`{line}`" not in guide] == []
