"""What a newcomer does from the README: write an event exactly as shown, build, find sources."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, mkdocs_build


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = readme.index("<!-- example-event")
    return re.search(r"```markdown\n(.*?)```", readme[marker:], re.S).group(1)


def test_the_event_written_only_from_the_readme_builds(project):
    root = project({"content/moten/natverksmote-hosten/program.md": readme_example()})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    page = (run.site / "moten/natverksmote-hosten/index.html").read_text(encoding="utf-8")
    assert "Planering av trygghetsvandringar" in page and "tisdag 15 september 2026" in page
    assert (run.site / "moten/natverksmote-hosten/kalender.ics").exists()


def test_the_readme_error_example_is_what_the_checker_says(project):
    example = readme_example().replace("13.10–14.30", "13.05–13.20")
    root = project({"content/moten/natverksmote-hosten/program.md": example})
    run = mkdocs_build(root)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"```text\n(content/moten/natverksmote-hosten/program\.md:.*?)\n```", readme).group(1)
    assert quoted in run.output


def test_edit_links_of_generated_pages_point_at_their_source_files(project):
    root = project(with_seed_content=True)
    run = mkdocs_build(root, env={"TRYGG_REPO_URL": "https://git.example.se/boras/trygg"})
    assert run.returncode == 0, run.output
    def edit_link(page: str) -> str:
        html = (run.site / page).read_text(encoding="utf-8")
        return re.search(r'<a href="([^"]+)" title="Redigera', html).group(1)
    base = "https://git.example.se/boras/trygg/edit/main/"
    assert edit_link("moten/utvecklingsdag-saker-och-trygg-kommun/index.html") == \
        base + "content/moten/utvecklingsdag-saker-och-trygg-kommun/program.md"
    assert edit_link("nyheter/organiserad-trygghet/index.html") == base + "content/nyheter/organiserad-trygghet.md"
    assert edit_link("index.html") == base + "docs/index.md"
    for page in ("moten/utvecklingsdag-saker-och-trygg-kommun/index.html", "index.html"):
        assert (Path(root) / edit_link(page).removeprefix(base)).is_file()
