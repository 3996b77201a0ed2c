"""`trygg build`: an atomic, reproducible build of the whole site into `site/`.

MkDocs builds into a fresh folder next to `site/`; only when the build succeeded are `.gz`
copies written (for nginx's gzip_static), the Content-Security-Policy snippet for nginx written
(trygg.webserver), and the folder swapped in for `site/`. A failed build
leaves the previous `site/` exactly as it was. SOURCE_DATE_EPOCH defaults to the last commit's
time (trygg.history), so two builds of one commit give byte-identical files.

MkDocs runs as a child process: the core never imports it.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .history import build_epoch
from .webserver import write_nginx_snippet

# Text formats worth compressing; images and fonts are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".txt", ".map"}
_RENAME_EXCHANGE = 2  # linux/fs.h


def build(root: Path, site: Path, *, extra_args: tuple[str, ...] = ()) -> int:
    """Build `root`'s site into `site`, replacing it only on success; MkDocs' exit code."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-ny-", dir=site.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide the published site from the web server's user
    try:
        code = _run_mkdocs(root, staging, extra_args)
        if code != 0:
            return code
        compress_tree(staging)
        write_nginx_snippet(staging)
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


def _run_mkdocs(root: Path, target: Path, extra_args: tuple[str, ...]) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(root / "mkdocs.yml"), "-d", str(target), *extra_args]
    return subprocess.run(command, cwd=root, env=build_environment(root)).returncode


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
