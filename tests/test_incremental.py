"""The pieces behind the incremental preview: generated files that change only with their
content, and the memo of slow pure results (trygg.preview, trygg.memo)."""

from __future__ import annotations

from pathlib import Path

from trygg.memo import Memo
from trygg.preview import PreviewFiles


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
