"""Benchmark: `trygg check` against the full `mkdocs build --strict`, in the same run.

Times both as subprocesses (what a writer and CI run) on the seed content and on the seeds plus
1,000 generated pages (500 meetings with agendas and notes, 500 news articles), and prints the
times and the ratio build/check. Usage: .venv/bin/python benchmarks/bench_check.py [--pages N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "content")
SENTENCES = [
    "Nätverket träffas för att planera höstens trygghetsvandringar i centrum.",
    "Polisen och kommunen arbetar tillsammans med trygghet och brottsförebyggande arbete.",
    "Boende i området berättade om platser där de känner sig otrygga på kvällen.",
    "Arbetet följs upp varje år och resultaten redovisas för kommunstyrelsen.",
    "Fritids- och folkhälsoförvaltningen samordnar arbetet med medborgarlöftet.",
]


def _text(n: int, words: int = 120) -> str:
    out, i = [], n
    while sum(len(s.split()) for s in out) < words:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)


def _event(n: int) -> tuple[str, str]:
    return f"""\
---
titel: Nätverksmöte nummer {n}
typ: möte
sammanfattning: {SENTENCES[n % 5]}
datum: 2030-{1 + n % 12:02d}-{1 + n % 28:02d}
tid: 9.00–12.00
plats: Stadshuset, Borås
publicerad: 2030-01-01
program:
  - tid: 9.00–9.30
    rubrik: Välkomna
    medverkande: [Kerstin Hermansson]
  - tid: 9.30–12.00
    rubrik: Arbete i grupper
    medverkande: [FOF, Polisen]
---

{_text(n, 60)}
""", f"""\
## 9.00 Välkomna

{_text(n + 1)}

## 9.30 Arbete i grupper

{_text(n + 2)}
"""


def _article(n: int) -> str:
    return f"""\
---
titel: Nyhet nummer {n}
publicerad: 2030-02-{1 + n % 28:02d}
sammanfattning: {SENTENCES[n % 5]}
---

{_text(n, 200)}

## Mer om arbetet

{_text(n + 3, 100)} Läs mer om [mötet](/moten/mote-{n:04d}/index.md#punkt-0930).
"""


def make_project(base: Path, pages: int) -> Path:
    base.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, base / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, base / part)
    for n in range(pages // 2):
        program, notes = _event(n)
        folder = base / "content" / "moten" / f"mote-{n:04d}"
        folder.mkdir(parents=True)
        (folder / "program.md").write_text(program, "utf-8")
        (folder / "anteckningar.md").write_text(notes, "utf-8")
    for n in range(pages - pages // 2):
        (base / "content" / "nyheter" / f"nyhet-{n:04d}.md").write_text(_article(n), "utf-8")
    return base


def timed(command: list[str], cwd: Path, **extra_env: str) -> tuple[float, int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000", **extra_env}
    env.pop("GITHUB_ACTIONS", None)
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, run.returncode, run.stdout[-400:] + run.stderr[-400:]


def measure(label: str, root: Path) -> None:
    """Cold: an empty spelling cache (the dictionary is loaded); warm: the second run."""
    check = [sys.executable, "-m", "trygg.cli", "check", "--root", str(root)]
    with tempfile.TemporaryDirectory() as cache:
        cold = timed(check, root, XDG_CACHE_HOME=cache)
        warm = timed(check, root, XDG_CACHE_HOME=cache)
    quick = timed([*check, "--utan-stavning"], root)
    build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                   "-d", str(root / "site")], root)
    for name, (_, code, output) in (("check", cold), ("build", build)):
        if code != 0:
            print(f"  ({name} exit {code}: {output.strip()[-300:]})")
    print(f"{label}: build {build[0]:.2f} s")
    for name, (seconds, _, _) in (("check, kall stavningscache", cold), ("check, varm stavningscache", warm),
                                  ("check --utan-stavning", quick)):
        print(f"  {name:<28} {seconds:6.2f} s   build/check = {build[0] / seconds:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_project(Path(tmp) / "seeds", 0)
        measure("seeds", seeds)
        many = make_project(Path(tmp) / "many", args.pages)
        measure(f"seeds + {args.pages} generated pages", many)


if __name__ == "__main__":
    main()
