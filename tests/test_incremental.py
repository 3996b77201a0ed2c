"""The pieces behind the incremental preview: generated files that change only with their
content, and the memo of slow pure results (trygg.preview.pages, trygg.core.memo)."""

from __future__ import annotations

import time
from pathlib import Path

from trygg import build_site
from trygg.core.memo import Memo, Recent
from trygg.preview.pages import PreviewFiles
from trygg.core.problems import Reporter
from trygg.types import events
from trygg.core.source import parse_yaml


def test_a_generated_file_is_rewritten_only_when_its_content_changes(tmp_path):
    files = PreviewFiles(tmp_path / "forhandsvisning")
    page = files.place("nyheter/a/index.md", "# A\n")
    stamp = page.stat().st_mtime_ns
    assert files.place("nyheter/a/index.md", "# A\n") == page
    assert page.stat().st_mtime_ns == stamp  # unchanged: MkDocs' dirty build skips the page
    files.place("nyheter/a/index.md", "# A, ändrad\n")
    assert page.read_text("utf-8") == "# A, ändrad\n"
    assert files.place("handbocker/h/h.pdf", b"%PDF-1.7").read_bytes() == b"%PDF-1.7"


def test_a_changed_fingerprint_of_shared_inputs_is_noticed_once(tmp_path):
    files = PreviewFiles(tmp_path / "forhandsvisning")
    assert files.shared_inputs_changed("a") is True  # the first build builds everything
    assert files.shared_inputs_changed("a") is False
    assert files.shared_inputs_changed("b") is True
    assert files.shared_inputs_changed("b") is False


def test_the_memo_computes_once_per_exact_input_and_survives_a_new_process(tmp_path):
    calls: list[str] = []

    def compute(text: str):
        return lambda: calls.append(text) or text.upper().encode()

    memo = Memo(tmp_path / "minne")
    assert memo.remember(("pdf", "<p>a</p>"), compute("<p>a</p>")) == b"<P>A</P>"
    assert memo.remember(("pdf", "<p>a</p>"), compute("<p>a</p>")) == b"<P>A</P>"
    assert Memo(tmp_path / "minne").remember(("pdf", "<p>a</p>"), compute("<p>a</p>")) == b"<P>A</P>"
    assert memo.remember(("pdf", "<p>b</p>"), compute("<p>b</p>")) == b"<P>B</P>"
    assert calls == ["<p>a</p>", "<p>b</p>"]


def test_a_damaged_memo_entry_is_computed_again(tmp_path):
    memo = Memo(tmp_path / "minne")
    memo.remember(("x",), lambda: "första")
    [entry] = list((tmp_path / "minne").rglob("*.pickle"))
    entry.write_bytes(b"inte en pickle")
    assert memo.remember(("x",), lambda: "andra") == "andra"


def test_parts_are_kept_apart_so_different_inputs_never_share_a_key(tmp_path):
    memo = Memo(tmp_path / "minne")
    assert memo.remember(("ab", "c"), lambda: 1) == 1
    assert memo.remember(("a", "bc"), lambda: 2) == 2
    assert memo.remember((b"ab", "c"), lambda: 3) == 3


def test_recent_results_are_computed_once_per_input_and_the_oldest_go_first():
    recent = Recent(size=2)
    calls: list[str] = []

    def compute(text: str):
        return lambda: calls.append(text) or text.upper()

    assert recent.get(("a",), compute("a")) == "A"
    assert recent.get(("a",), compute("a")) == "A"
    assert recent.get(("b",), compute("b")) == "B"
    assert recent.get(("c",), compute("c")) == "C"  # more than two: "a" (the oldest) goes
    assert recent.get(("a",), compute("a")) == "A"
    assert calls == ["a", "b", "c", "a"]


EVENT = """---
titel: {title}
typ: möte
sammanfattning: Nätverket träffas.
datum: 2030-03-0{n}
tid: 9.00–12.00
plats: Stadshuset
publicerad: 2029-01-01
program:
  - tid: 9.00–10.00
    rubrik: Lägesbild
    medverkande: [Nadim Ghazale]
  - tid: 10.00–12.00
    rubrik: Arbete i grupper
---

Mötet är öppet.
"""
NEWS = "---\ntitel: {title}\npublicerad: 2024-01-02\nsammanfattning: Om parken.\nrelaterat: [/moten/mote-1/]\n---\n\nText.\n"


def test_the_preview_keeps_rendered_pages_only_while_all_they_are_made_from_is_unchanged(project, tmp_path,
                                                                                          monkeypatch):
    root = project({f"content/moten/mote-{n}/program.md": EVENT.format(title=f"Möte {n}", n=n) for n in (1, 2, 3)}
                   | {"content/nyheter/parken.md": NEWS.format(title="Parken")})
    rendered: list[str] = []
    original = events._render_event_page
    monkeypatch.setattr(events, "_render_event_page",
                        lambda loaded, sources, renderer: rendered.append(loaded.slug) or original(loaded, sources, renderer))

    def preview_build() -> dict[str, str | bytes]:
        result = build_site(root, site_url="http://127.0.0.1:8000/", include_drafts=True,
                            keep_going=True, memo=Memo(tmp_path / "minne"))
        assert not result.errors
        return {o.uri: o.content for o in result.outputs}

    def fresh_build() -> dict[str, str | bytes]:
        result = build_site(root, site_url="http://127.0.0.1:8000/", include_drafts=True,
                            keep_going=True)
        return {o.uri: o.content for o in result.outputs}

    preview_build()
    assert sorted(rendered) == ["mote-1", "mote-2", "mote-3"]
    rendered.clear()
    assert preview_build() == fresh_build()
    assert rendered == ["mote-1", "mote-2", "mote-3"]  # all by the fresh build, none by the preview
    rendered.clear()

    # An edited event is rendered again, the others are kept.
    (root / "content/moten/mote-2/program.md").write_text(EVENT.format(title="Möte 2, ändrat", n=2), "utf-8")
    first = preview_build()
    assert rendered == ["mote-2"]
    assert "Möte 2, ändrat" in first["moten/mote-2/index.md"]
    # A person's new role shows on the event that names her, though its own file is unchanged;
    # and the news item shows the related event's new title.
    people = root / "content/organisation/personer.yml"
    people.write_text(people.read_text("utf-8").replace("roll: kommunalråd\n  parti: C", "roll: ordförande\n  parti: C")
                      .replace("roll: kommunpolis, lokalpolisområde Borås", "roll: områdespolis"), "utf-8")
    (root / "content/moten/mote-1/program.md").write_text(EVENT.format(title="Möte 1, nytt namn", n=1), "utf-8")
    second = preview_build()
    assert "områdespolis" in second["moten/mote-3/index.md"]
    assert "Möte 1, nytt namn" in second["nyheter/parken/index.md"]
    rendered.clear()
    assert second == fresh_build()


def test_a_valid_yaml_text_is_parsed_once_per_process_and_a_broken_one_reported_every_time():
    text = f"titel: Parsad en gång {time.time_ns()}\nlista: [1, 2]\n"
    first = parse_yaml(text, Reporter("a.yml", []))
    assert first is parse_yaml(text, Reporter("b.yml", []))  # kept, not parsed again
    assert first.data == {"titel": text.split(": ", 1)[1].split("\n")[0], "lista": ["1", "2"]}
    broken = "titel: [öppen\n"
    for _ in range(2):
        problems: list = []
        assert parse_yaml(broken, Reporter("c.yml", problems)) is None
        assert [(p.file, p.line) for p in problems] == [("c.yml", 2)]
