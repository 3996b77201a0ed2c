"""Results of pure steps kept on disk, keyed by their exact inputs, for the preview's rebuilds.

The preview (`./scripts/serve`) rebuilds after every saved file. Some steps are slow and depend
only on what they are given — a handbook's PDF is a function of its HTML and WeasyPrint's
version — so `Memo` keeps each result under a digest of exactly those inputs plus trygg's own
code and the Python and libraries running it: an unchanged handbook is not typeset again, and any
changed byte is simply another key. Production builds (`mkdocs build`, `trygg build`) do not use
it at all. The folder (`.cache/trygg/` in the project) may be deleted at any time.

`TemplateCache` keeps the theme's compiled Jinja templates there too (every build), and
`write_atomically` and `user_cache_file` serve the other caches (the speller's accepted words, the
compound splitter's parts in ~/.cache/trygg/).

`Recent` is the in-memory twin for one process (the preview's rendered pages, the personal-number
scan of each text). Parsed content files were measured on disk too: unpickling them cost about
as much as parsing them again, so trygg.core.source keeps each valid YAML text's parse in memory
instead, as trygg.core.rendering does each serialised VEVENT, keyed by their whole input.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jinja2

T = TypeVar("T")
_CODE = Path(__file__).parents[1]  # the trygg package


class Memo:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.code_version = _code_version()  # part of every key: trygg's code and templates, Python, libraries

    def remember(self, parts: tuple[str | bytes | bool, ...], compute: Callable[[], T]) -> T:
        """`compute()`, or what it returned before for the same `parts` (and the same trygg code)."""
        path = self._path(parts)
        try:
            with path.open("rb") as file:
                return pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass  # not there yet, or unreadable: compute it again
        value = compute()
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def _path(self, parts: tuple[str | bytes | bool, ...]) -> Path:
        digest = hashlib.sha256(self.code_version)
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        name = digest.hexdigest()
        return self.folder / name[:2] / f"{name[2:]}.pickle"


class Recent:
    """Results of pure steps kept in this process's memory, by a digest of their whole input.

    The preview (`mkdocs serve`, one process) renders every generated page after each save, and
    nearly all come out as before. A result is found only under the digest of the `repr` of all
    it was made from, so a kept one is never stale: a changed input is another key. The oldest
    results go first once `size` are kept. Frozen dataclasses and models have a complete `repr`;
    anything whose `repr` leaves out what the result depends on must not be part of a key.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[bytes, object] = OrderedDict()

    def get(self, parts: tuple, compute: Callable[[], T]) -> T:
        key = hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=20).digest()
        if key in self._values:
            self._values.move_to_end(key)
            return self._values[key]  # type: ignore[return-value]
        value = compute()
        self._values[key] = value
        if len(self._values) > self.size:
            self._values.popitem(last=False)
        return value


def write_atomically(path: Path, data: bytes) -> bool:
    """Best effort, for caches: a reader sees the old file or the whole new one, never half of it.
    False when it could not be written (a read-only or full disk only makes the next build slower)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True


def user_cache_file(name: str, cache_dir: Path | None = None) -> Path | None:
    """`name` in `cache_dir`, else in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, /trygg);
    None when there is no home to put it in."""
    try:
        base = cache_dir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trygg"
    except RuntimeError:
        return None
    return base / name


def _code_version() -> bytes:
    """A digest of trygg's own code and templates, and of the Python running it."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for package in ("pydantic", "pydantic-core", "PyYAML"):  # the cached objects are theirs too
        digest.update(f"{package}={_version(package)}".encode("utf-8"))
    for path in sorted(_CODE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".yml", ".yaml", ".json", ".css", ".dic", ".aff"):
            digest.update(path.relative_to(_CODE).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.digest()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """The theme's compiled Jinja templates on disk, keyed by name and checked against the source.

    MkDocs makes the theme's environment anew for every build, so each preview rebuild parsed and
    compiled the theme's templates again (about 0.2 s at 1,000 pages, more than all the pages it
    rendered). Jinja stores the compiled code with its own and Python's version and recompiles a
    template whose source changed. Best effort: a folder that cannot be written only costs time.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(folder: Path) -> TemplateCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder))
