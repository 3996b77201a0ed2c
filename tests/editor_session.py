"""The browser editor in Chromium against decap-server, shared by the editor's browser tests
(tests/test_editor_browser.py: the file-system backend ./scripts/serve runs; tests/test_editor_workflow.py:
its git mode, where every change is a branch): a project copy built with /admin/, the site served,
decap-server started on it, and an `Editor` that drives the forms as a writer does.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, _QuietHandler, mkdocs_build
from test_editor import EDITOR_INSTALLED

DECAP_SERVER = ROOT / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
OPTIONAL = r"( \(frivillig\))?"
BACKEND_TYPES = {"fs": "local_fs", "git": "local_git"}  # decap-server's MODE → the type it reports


@dataclass
class Editor:
    root: Path
    url: str  # the editor's address, with the local backend's port
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the page's script errors and console errors
    signed_in: bool = False

    def open(self, fragment: str) -> None:
        self.page.goto("about:blank")  # a new load: Decap keeps the last entry when only the '#' part changes
        self.page.goto(f"{self.url}#{fragment}")
        if not self.signed_in:  # the local backend needs no account: one click, remembered by Decap
            self.page.get_by_role("button", name="Logga in").click()
            self.signed_in = True

    def field(self, label: str, nth: int = 0):
        return self.page.get_by_label(re.compile(f"^{re.escape(label)}{OPTIONAL}$")).nth(nth)

    def choose(self, label: str, value: str, nth: int = 0) -> None:
        self.field(label, nth).fill(value)
        self.page.get_by_role("option", name=value, exact=True).click()

    def write_body(self, text: str) -> None:
        self.page.locator("[data-slate-editor]").first.click()
        self.page.keyboard.type(text)

    def publish(self) -> None:
        self.page.get_by_role("button", name="Publicera").first.click()
        self.page.get_by_role("menuitem", name="Publicera nu").click()


def require_editor() -> None:
    if not EDITOR_INSTALLED:
        if os.environ.get("CI"):
            pytest.fail("redigeraren saknas: scripts/test installerar den (scripts/_editor.sh)")
        pytest.skip("the editor is not installed; run bash scripts/_editor.sh")


def _ports() -> tuple[int, int]:
    """Two free ports on 127.0.0.1 (TRYGG_EDITOR_TEST_PORTS="a,b" chooses them)."""
    chosen = os.environ.get("TRYGG_EDITOR_TEST_PORTS")
    if chosen:
        first, second = (int(p) for p in chosen.split(","))
        return first, second
    sockets = [socket.socket() for _ in range(2)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = tuple(s.getsockname()[1] for s in sockets)
    for s in sockets:
        s.close()
    return ports  # type: ignore[return-value]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def backend_info(port: int) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=2) as response:
        return json.load(response)


def _wait_for_backend(port: int, mode: str) -> None:
    for _ in range(100):
        try:
            assert backend_info(port)["type"] == BACKEND_TYPES[mode]
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"decap-server started no backend in {mode} mode")


@contextlib.contextmanager
def serve_editor(root: Path, site: Path, browser, mode: str = "fs") -> Iterator[Editor]:
    """`site` (built from `root`) served on one port and decap-server on another, saving into
    `root` (mode "fs": its files; "git": its git repository, a branch per change), with a page
    of `browser` that records every request."""
    site_port, backend_port = _ports()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port),
                                             functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    backend = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1", "MODE": mode,
                                    "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "error"})
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    try:
        _wait_for_backend(backend_port, mode)
        page = context.new_page()
        page.set_default_timeout(15000)
        found = Editor(root, f"http://127.0.0.1:{site_port}/admin/?lokal={backend_port}", page)
        page.on("request", lambda request: found.requests.append(request.url))
        page.on("pageerror", lambda error: found.errors.append(f"{urlsplit(page.url).fragment}: {error.message}"))
        page.on("console", lambda message: found.errors.append(f"{urlsplit(page.url).fragment}: {message.text}")
                if message.type == "error" else None)
        yield found
    finally:
        context.close()
        backend.terminate()
        backend.wait(timeout=10)
        server.shutdown()


def build_with_editor(root: Path) -> Path:
    """`root` built with /admin/ (editor/ linked from this checkout) into root/site."""
    (root / "editor").symlink_to(ROOT / "editor")
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    return run.site


def wait_until(condition, seconds: float = 15, what: str = "the editor did not save") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def wait_for_save(path: Path, old: str) -> None:
    """Until the file differs from `old` and has stopped changing (decap-server writes it in parts)."""
    wait_until(lambda: path.read_text("utf-8") not in (old, ""))
    settled = ""
    while settled != path.read_text("utf-8"):
        settled = path.read_text("utf-8")
        time.sleep(0.3)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
