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


def test_the_readme_starts_with_the_two_commands_and_a_numbered_start_for_writers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:30])
    for command in ("./scripts/serve", "./scripts/test"):
        row = next(line for line in first_screen.splitlines() if line.startswith(f"| `{command}`"))
        assert "apt-get" in row and "sudo" in row and "minut" in row, row  # installs, root, time
    start = readme.index("## Kom igång")
    steps = re.findall(r"^(\d)\. \*\*(.*?)\*\*", readme[start:readme.index("\n## ", start + 1)], re.M)
    assert [n for n, _ in steps] == ["1", "2", "3", "4"]
    text = readme[start:]
    assert text.index("./scripts/serve") < text.index("trygg new") < text.index("trygg check") < text.index("pull request")
    assert start < readme.index("## För kommunikatörer och webbredaktionen") < readme.index("## For developers")
    assert "MiB" not in readme and "Pagefind stores" not in readme  # internals live in dev-notes/
