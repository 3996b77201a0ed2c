"""Property-based fuzzing of every content type's loader: whatever a file holds, loading and
checking it ends in problems (ContentError), never in another exception.

Each type is fuzzed from its own `trygg new` skeleton (so types added later are covered), by
replacing or deleting front-matter fields with arbitrary YAML values, and by arbitrary bytes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from trygg.registry import load_content
from trygg.pipeline import check_site
from trygg.core.problems import ContentError
from trygg.writers.new import skeletons
from trygg.registry import registered_types

KINDS = ["möte", "nyhet", *sorted(t.key for t in registered_types() if t.skeleton)]
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=40) | st.dates() | st.sampled_from(["8.30–8.20", "25:00", "24/5", "ej fastställt",
                                                                   "2030-02-30", "<script>x</script>", "---"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=3), max_leaves=10)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fuzz")
    for part in ("mkdocs.yml", "docs"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, base / part)
    shutil.copytree(ROOT / "content" / "organisation", base / "content" / "organisation")
    return base


def _only_content_errors(root: Path) -> None:
    try:
        load_content(root, include_drafts=True)
    except ContentError:
        pass
    check_site(root, spelling=False)  # never raises: problems are its result


def _split(rel: str, text: str) -> tuple[dict, str | None]:
    """Front matter and body of a Markdown page; a YAML file is all 'front matter', no body."""
    if not rel.endswith(".md"):
        return yaml.safe_load(text), None
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _fresh(root: Path, rel: str) -> Path:
    for folder in (t.key for t in registered_types() if t.key != "organisation"):  # the register stays
        shutil.rmtree(root / "content" / folder, ignore_errors=True)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_any_field_values_give_problems_not_exceptions(root, kind, data):
    rel, text = skeletons()[kind]("Fuzz", "fuzz", dt.date(2030, 1, 1))
    meta, body = _split(rel, text)
    for _ in range(data.draw(st.integers(1, 4))):
        key = data.draw(st.sampled_from([*meta, "okänt fält"]))
        if data.draw(st.booleans()):
            meta[key] = data.draw(VALUES)
        else:
            meta.pop(key, None)
    front = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)
    page = front if body is None else f"---\n{front}---\n{data.draw(st.text(max_size=200))}{body}"
    _fresh(root, rel).write_text(page, "utf-8")
    _only_content_errors(root)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(raw=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: ("---\n" + t).encode("utf-8", "replace")))
def test_any_bytes_give_problems_not_exceptions(root, kind, raw):
    rel, _ = skeletons()[kind]("Fuzz", "fuzz", dt.date(2030, 1, 1))
    _fresh(root, rel).write_bytes(raw)
    _only_content_errors(root)


@pytest.mark.parametrize("register_file", ["organisationer.yml", "personer.yml", "begrepp.yml"])
@FUZZ
@given(entries=st.lists(st.dictionaries(st.sampled_from(["namn", "förkortning", "typ", "roll", "organisation",
                                                          "betydelse", "även kallad", "del av", "x"]), VALUES,
                                        max_size=5), max_size=4))
def test_any_register_entries_give_problems_not_exceptions(root, tmp_path, register_file, entries):
    path = root / "content" / "organisation" / register_file
    original = path.read_text("utf-8")
    try:
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), "utf-8")
        _only_content_errors(root)
    finally:
        path.write_text(original, "utf-8")
