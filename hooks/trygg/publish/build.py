"""`trygg build`: an atomic, reproducible build of the whole site into `site/`.

MkDocs builds into a fresh folder next to `site/`; only when the build succeeded is the
Content-Security-Policy published (trygg.publish.webserver: every page's scripts checked against the known
list, the policy put into every page as a <meta> element and written as an nginx snippet), `.gz`
copies written (for nginx's gzip_static), the previous build's own stylesheet and script copied in (see
`keep_previous_assets`), and the folder swapped in for `site/`. A failed build
leaves the previous `site/` exactly as it was. SOURCE_DATE_EPOCH defaults to the last commit's
time (trygg.core.history), so two builds of one commit give byte-identical files.

MkDocs runs as a child process: the core never imports it.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from trygg.console import translate
from trygg.core.history import build_epoch
from trygg.publish.assets import is_fingerprinted
from trygg.publish.webserver import UnknownScript, secure_site

# Text formats worth compressing; images and fonts are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".txt", ".map"}
_RENAME_EXCHANGE = 2  # linux/fs.h
# The build's own fingerprinted assets, one per line; under .nginx/, which nginx never serves.
ASSET_LIST = Path(".nginx") / "assets.txt"
ASSETS_DIR = "assets"


def build(root: Path, site: Path, *, extra_args: tuple[str, ...] = ()) -> int:
    """Build `root`'s site into `site`, replacing it only on success; MkDocs' exit code."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-ny-", dir=site.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide the published site from the web server's user
    try:
        code = _run_mkdocs(root, staging, extra_args)
        if code != 0:
            return code
        try:
            secure_site(staging)
        except UnknownScript as error:
            print(error, file=sys.stderr)
            return 1
        compress_tree(staging)
        keep_previous_assets(site, staging)
        _swap_in(staging, site)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_environment(root: Path) -> dict[str, str]:
    """The child's environment: SOURCE_DATE_EPOCH fixed to the commit unless already given."""
    return {**os.environ, "SOURCE_DATE_EPOCH": str(build_epoch(root)), "NO_MKDOCS_2_WARNING": "1"}


def compress_tree(folder: Path) -> None:
    """Write `name.gz` beside every compressible file, byte-identical across builds (mtime 0)."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file():
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))


def keep_previous_assets(previous: Path, staging: Path) -> list[str]:
    """Copy into `staging` the previous build's own stylesheet and script it lacks; their paths.

    nginx lets browsers keep a page for five minutes, and a page from the previous build asks
    for that build's `assets/trygg.<hash>.css/js` (trygg.publish.assets), which a changed file renames.
    The rule: site/ holds this build's own fingerprinted assets (listed in .nginx/assets.txt)
    and those of the last build whose own assets were different, with their `.gz` — never an
    older generation. A build with the same assets as the previous one (another build of one
    commit) keeps what that one kept, so site/ stays byte-identical; a site without a list
    (built before the list existed, or by plain `mkdocs build`) counts all of them as its own.
    """
    own = _fingerprinted_assets(staging)
    (staging / ASSET_LIST).parent.mkdir(exist_ok=True)
    (staging / ASSET_LIST).write_text("".join(f"{name}\n" for name in sorted(own)), encoding="utf-8")
    if not previous.is_dir():
        return []
    present = _fingerprinted_assets(previous)
    listed = _listed_assets(previous)
    keep = present if listed is None or listed == own else listed & present
    kept = sorted(keep - own)
    for name in kept:
        for file in (name, f"{name}.gz"):
            if (previous / file).is_file():
                (staging / file).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(previous / file, staging / file)  # with its mtime: nginx's ETag stays
    return kept


def _fingerprinted_assets(site: Path) -> set[str]:
    folder = site / ASSETS_DIR
    if not folder.is_dir():
        return set()
    return {p.relative_to(site).as_posix() for p in folder.rglob("*") if is_fingerprinted(p.name) and p.is_file()}


def _listed_assets(site: Path) -> set[str] | None:
    listing = site / ASSET_LIST
    if not listing.is_file():
        return None
    return {line for line in listing.read_text(encoding="utf-8").splitlines() if line}


def _run_mkdocs(root: Path, target: Path, extra_args: tuple[str, ...]) -> int:
    """MkDocs' build; its routine lines dropped and the rest in Swedish (trygg.console), as they come."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(root / "mkdocs.yml"), "-d", str(target), *extra_args]
    with subprocess.Popen(command, cwd=root, env=build_environment(root), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace") as child:
        for line in child.stdout or ():
            shown = _swedish_line(line.rstrip("\n"))
            if shown is not None:
                print(shown, file=sys.stderr, flush=True)
    return child.returncode


_LEVEL = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s+-\s+")


def _swedish_line(line: str) -> str | None:
    """A line of MkDocs' output as `trygg build` shows it: info lines are left to the summary."""
    level = _LEVEL.match(line)
    if level and level.group(1) == "INFO":
        return None
    message = line[level.end():] if level else line
    swedish = translate(message)
    return None if swedish is None else (line[: level.end()] if level else "") + swedish


def site_summary(site: Path) -> str:
    """The one line `trygg build` ends with: what was built, and where."""
    pages = sum(1 for path in site.rglob("*.html") if path.name != "404.html")
    files = sum(1 for path in site.rglob("*") if path.is_file() and path.suffix not in (".gz", ".html"))
    return f"Webbplatsen är byggd: {pages} sidor och {files} andra filer i {site}."


def _swap_in(staging: Path, site: Path) -> None:
    """Put `staging` where `site` is. Afterwards `staging` holds the old site (or nothing)."""
    if not site.exists():
        staging.rename(site)
        return
    if _exchange(staging, site):
        return
    # No atomic exchange (not Linux, or an old kernel): two renames, a moment without site/.
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-gammal-", dir=site.parent))
    old.rmdir()
    site.rename(old)
    staging.rename(site)
    old.rename(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
