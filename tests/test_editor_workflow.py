"""Every change is a pull request, tried locally: the browser editor in Chromium against decap-server
in git mode (MODE=git), on a throw-away git repository holding a copy of the project. Decap's
editorial workflow keeps each new or changed page on its own branch `cms/<collection>/<slug>`
(the status in the branch's description, as GitHub keeps it in the pull request's labels) until
it is published, which merges the branch into main and deletes it — the way the GitHub backend
opens, labels and merges a pull request. A writer's mistake the form cannot refuse is shown by
`trygg check` on the draft's branch at file and line, as the workflow annotates a pull request.

The tests of this module run in order against one repository (each builds on the last).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from editor_session import (Editor, backend_info, build_with_editor, free_port, front_matter, require_editor,
                            serve_editor, wait_until)
from trygg.pipeline import check_site

pytestmark = pytest.mark.browser

NEWS = "content/nyheter/trygghetsvandring-i-centrum.md"
BRANCH = "cms/nyheter/trygghetsvandring-i-centrum"
MISTAKE = "content/nyheter/lagesbild-fran-polisen.md"
MISTAKE_BRANCH = "cms/nyheter/lagesbild-fran-polisen"
# decap-server's branch descriptions (Decap's statuses; on GitHub they are the pull request's labels)
DRAFT, READY = "decap-cms/draft", "decap-cms/pending_publish"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def status_of(root: Path, branch: str) -> str:
    return git(root, "config", f"branch.{branch}.description").strip()


def branches(root: Path) -> list[str]:
    return git(root, "branch", "--format=%(refname:short)").split()


@pytest.fixture(scope="module")
def workflow(tmp_path_factory, browser):
    """The project with its content in a new git repository on `main`, served with decap-server in git mode."""
    require_editor()
    root = copy_project(tmp_path_factory.mktemp("arbetsflode"), with_seed_content=True)
    site = build_with_editor(root)
    (root / ".gitignore").write_text("/site/\n/editor\n__pycache__/\n", "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Skribent")
    git(root, "config", "user.email", "skribent@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Innehållet som det är")
    with serve_editor(root, site, browser, mode="git") as found:
        yield found


@pytest.fixture(scope="module")
def start(workflow) -> str:
    """main's commit before the writer did anything."""
    return git(workflow.root, "rev-parse", "main").strip()


def _save(editor: Editor) -> None:
    editor.page.get_by_role("button", name="Spara", exact=True).click()
    editor.page.get_by_role("button", name="Status: Utkast").wait_for()


def _new_news_item(editor: Editor, title: str, summary: str, body: str, related: str | None = None) -> None:
    editor.open("/collections/nyheter/new")
    editor.field("Titel").fill(title)
    editor.field("Publicerad").fill("2026-11-20")
    editor.field("Sammanfattning").fill(summary)
    if related is not None:
        editor.page.get_by_role("button", name="Lägg till relaterat").click()
        editor.field("Relaterat").fill(related)
    editor.write_body(body)
    _save(editor)


def test_saving_a_new_news_item_makes_a_draft_on_its_own_branch(workflow, start):
    _new_news_item(workflow, "Trygghetsvandring i centrum", "Kommunen och polisen gick en trygghetsvandring i centrum.",
                   "Vi gick genom centrum och såg var det behövs bättre belysning.")
    root = workflow.root
    assert BRANCH in branches(root) and status_of(root, BRANCH) == DRAFT
    # one commit on top of main, holding the news item and nothing else
    assert git(root, "rev-list", "--count", f"main..{BRANCH}").strip() == "1"
    assert git(root, "diff", "--name-status", f"main...{BRANCH}").splitlines() == [f"A\t{NEWS}"]
    assert git(root, "show", f"{BRANCH}:{NEWS}").startswith("---\ntitel: Trygghetsvandring i centrum\n")
    # in Swedish from the catalogue: on GitHub the same text is the pull request's title
    assert git(root, "log", "-1", "--format=%s", BRANCH).strip() == "Ny sida i Nyheter: trygghetsvandring-i-centrum"
    # main, and the working tree decap-server checks it out in, are untouched
    assert git(root, "rev-parse", "main").strip() == start
    assert git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert not (root / NEWS).exists()
    assert git(root, "status", "--porcelain") == ""


def test_the_draft_is_moved_to_ready(workflow):
    # a draft cannot be published yet: Decap says so (an alert) and leaves the branch as it is
    told = []
    workflow.page.once("dialog", lambda dialog: (told.append(dialog.message), dialog.accept()))
    workflow.publish()
    wait_until(lambda: told, what="Decap did not refuse to publish a draft")
    assert told == ['Vänligen uppdatera status till "Redo" innan du publicerar.']
    assert BRANCH in branches(workflow.root) and status_of(workflow.root, BRANCH) == DRAFT
    workflow.page.get_by_role("button", name="Status: Utkast").click()
    workflow.page.get_by_role("menuitem", name="Redo").click()
    workflow.page.get_by_role("button", name="Status: Redo").wait_for()
    wait_until(lambda: status_of(workflow.root, BRANCH) == READY, what="the status was not saved")
    # the workflow's overview shows it in the column "Redo"
    workflow.open("/workflow")
    _column(workflow, "Redo").get_by_text("Trygghetsvandring i centrum").wait_for()
    assert _column(workflow, "Utkast").get_by_text("Trygghetsvandring i centrum").count() == 0


def _column(editor: Editor, heading: str):
    """A column of the workflow's overview (Utkast, Under granskning, Redo)."""
    return editor.page.get_by_role("heading", name=heading, exact=True).locator("xpath=..")


def test_publishing_merges_the_branch_into_main(workflow, start):
    root = workflow.root
    workflow.open("/collections/nyheter/entries/trygghetsvandring-i-centrum")
    asked = []
    workflow.page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    workflow.publish()
    wait_until(lambda: BRANCH not in branches(root), what="the branch was not merged")
    assert asked == ["Är du säker på att du vill publicera det här inlägget?"]
    assert branches(root) == ["main"]
    assert git(root, "diff", "--name-status", start, "main").splitlines() == [f"A\t{NEWS}"]
    assert git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert front_matter(root / NEWS)["titel"] == "Trygghetsvandring i centrum"
    assert git(root, "status", "--porcelain") == ""


def test_the_merged_tree_passes_trygg_check_and_the_strict_build(workflow):
    assert [str(p) for p in check_site(workflow.root, spelling=False).problems] == []
    run = mkdocs_build(workflow.root)
    assert run.returncode == 0, run.output
    page = (run.site / "nyheter/trygghetsvandring-i-centrum/index.html").read_text("utf-8")
    assert "bättre belysning" in page


def _checkout(root: Path, branch: str, into: Path) -> Path:
    """The branch's tree, as CI checks out a pull request."""
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", branch], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _check_as_ci(root: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "GITHUB_ACTIONS": "true"}
    return subprocess.run([sys.executable, "-m", "trygg.cli", "check", "--root", str(root), "--utan-stavning"],
                          capture_output=True, text=True, env=environment, timeout=120)


def test_a_drafts_mistake_is_shown_at_file_and_line_as_ci_annotates_the_pull_request(workflow, tmp_path):
    # 'relaterat' is free text on the form: the form cannot know that no such meeting exists
    _new_news_item(workflow, "Lägesbild från polisen", "Polisen berättade om läget i centrum.",
                   "Läs mer om mötet.", related="moten/utvecklingsdag-saker-och-trygg-komun")
    root = workflow.root
    assert status_of(root, MISTAKE_BRANCH) == DRAFT
    assert not (root / MISTAKE).exists()
    run = _check_as_ci(_checkout(root, MISTAKE_BRANCH, tmp_path / "pr"))
    line = front_matter_line(git(root, "show", f"{MISTAKE_BRANCH}:{MISTAKE}"), "- moten/utvecklingsdag-saker-och-trygg-komun")
    message = ("'relaterat' pekar på 'moten/utvecklingsdag-saker-och-trygg-komun' som inte finns "
               "(menade du 'moten/utvecklingsdag-saker-och-trygg-kommun'?)")
    assert (run.returncode, run.stdout.splitlines()) == (1, [
        f"{MISTAKE}:{line}: fel: {message}", "Innehållet har 1 fel och 0 varningar.",
        f"::error file={MISTAKE},line={line}::{message}"]), run.stdout + run.stderr
    # main, where the draft is not, still passes
    assert _check_as_ci(root).returncode == 0


def front_matter_line(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.strip() == needle)


def test_no_request_leaves_the_sites_host(workflow):
    foreign = [url for url in workflow.requests
               if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname != "127.0.0.1"]
    assert workflow.requests and foreign == []


# --- ./scripts/serve with TRYGG_EDITOR_MODE=git (scripts/_editor_backend.sh) -----------------------

BACKEND_SCRIPT = ROOT / "scripts" / "_editor_backend.sh"


def _start_backend(folder: Path, port: int, mode: str) -> subprocess.Popen:
    """start_editor_backend as scripts/serve calls it, in a shell that waits for decap-server."""
    script = f'source "{BACKEND_SCRIPT}" && start_editor_backend "$1" "$2" "$3" && wait'
    return subprocess.Popen(["bash", "-c", script, "serve", str(folder), str(port), mode], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _repository(folder: Path) -> Path:
    folder.mkdir()
    (folder / "editor").symlink_to(ROOT / "editor")
    (folder / ".gitignore").write_text("/editor\n", "utf-8")
    (folder / "content").mkdir()
    (folder / "content" / "a.md").write_text("---\ntitel: A\n---\n", "utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "-c", "user.name=Skribent", "-c", "user.email=skribent@example.org", "commit", "-q", "-m", "Start")
    return folder


def test_serve_offers_the_workflow_with_decap_server_in_git_mode(tmp_path):
    require_editor()
    port = free_port()
    run = _start_backend(_repository(tmp_path / "projekt"), port, "git")
    try:
        wait_until(lambda: _answers(port), seconds=20, what="decap-server did not start")
        info = backend_info(port)
        assert (info["type"], info["publish_modes"]) == ("local_git", ["simple", "editorial_workflow"])
    finally:
        os.killpg(run.pid, signal.SIGTERM)
        run.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        backend_info(port)
    except OSError:
        return False
    return True


@pytest.mark.parametrize(("change", "mode", "message"), [
    ("edit", "git", "==> TRYGG_EDITOR_MODE=git sparar varje utkast som en commit och behöver en ren arbetskatalog. "
                    "Checka in (git commit) eller lägg undan (git stash) först:\n M content/a.md"),
    ("branch", "git", "==> TRYGG_EDITOR_MODE=git publicerar till grenen main, men här är annan utcheckad. "
                      "Byt först: git switch main"),
    ("", "github", "==> TRYGG_EDITOR_MODE='github' finns inte: skriv fs (sparar direkt i content/) eller git "
                   "(utkast som grenar, som pull requests)."),
], ids=["unsaved-work", "other-branch", "unknown-mode"])
def test_serve_refuses_the_workflow_where_it_would_lose_or_hide_work(tmp_path, change, mode, message):
    folder = _repository(tmp_path / "projekt")
    if change == "edit":
        (folder / "content" / "a.md").write_text("---\ntitel: B\n---\n", "utf-8")
    elif change == "branch":
        git(folder, "switch", "-q", "-c", "annan")
    run = _start_backend(folder, free_port(), mode)
    assert (run.wait(timeout=30), run.stderr.read()) == (1, message + "\n")
