"""Build benchmark: trygg against a plain Material build of Markdown of the same size.

Generates N pages in the project's own content formats (events with agendas and notes, news
articles) on top of the real content/ (register, seed pages and every other content type) and N plain Markdown pages of the same text for a stock Material
site, then measures in one run, per size:

- full build wall time and peak memory (max RSS of the build process, via RUSAGE_CHILDREN of a
  fresh helper process per build);
- HTML bytes per page, and the bytes a first search fetches (Material: search_index.json;
  trygg: Pagefind's chunks, measured in Chromium by benchmarks/bench_search.py);
- at 1,000 pages, the time until one edited page is visible in the preview: as ./scripts/serve
  runs it (`mkdocs serve --dirty`, incremental), and as a plain `mkdocs serve` (full rebuild).

It prints figures and ratios. Defaults finish in a few minutes (100 and 1,000 pages);
`--with-5000` adds 5,000 pages (the plain Material build alone takes ~14 minutes there;
`--skip-plain-5000` leaves it out).

    .venv/bin/python benchmarks/bench_build.py [--with-5000] [--skip-plain-5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000"}

PARAGRAPH = ("Fritids- och folkhälsoförvaltningen och Polisen berättade om arbetet i stadsdelen. "
             "Trygghetsvandringar, samverkan med skolan och ett gemensamt lägesbilds­arbete gör att "
             "insatserna hamnar där de behövs. Arbetet följs upp varje kvartal tillsammans med "
             "AB Bostäder i Borås och räddningstjänsten. ")
AGENDA = [("9.00–9.15", "Välkomna", "[Kerstin Hermansson]"), ("9.15–10.00", "Lägesbild", "[Polisen]"),
          ("10.00–10.20", "Fika", None), ("10.20–11.00", "Trygghetsvandringar", "[FOF]"),
          ("11.00–11.45", "Arbete i grupper", "[FOF, Polisen]"), ("11.45–12.00", "Avslutning", "[Svante Stomberg]")]


# --- content ------------------------------------------------------------------------------------

def body(index: int, paragraphs: int = 6) -> str:
    parts = [f"Text nummer {index}.", ""]
    for n in range(paragraphs):
        if n == 2:
            parts += ["## Vad gjordes", "", "- Samverkan med skolan", "- Trygghetsvandringar", "- Uppföljning", ""]
        parts += [PARAGRAPH * 2, ""]
    return "\n".join(parts)


def event_files(index: int) -> dict[str, str]:
    items = []
    for time_range, title, who in AGENDA:
        items.append(f"  - tid: {time_range}\n    rubrik: {title}\n" + (f"    medverkande: {who}\n" if who else
                                                                           "    typ: paus\n"))
    month, day = index % 12 + 1, index % 28 + 1
    program = (f"---\ntitel: Nätverksmöte {index}\ntyp: möte\nsammanfattning: Nätverket träffas, möte {index}.\n"
               f"datum: {2020 + index % 10}-{month:02d}-{day:02d}\ntid: 9.00–12.00\nplats: Stadshuset\n"
               f"publicerad: 2019-01-01\nprogram:\n{''.join(items)}---\n\nMötet är öppet för nätverket.\n")
    notes = "\n".join(f"## {t.split('–')[0]} {title}\n\n{PARAGRAPH}\n" for t, title, who in AGENDA if who)
    return {f"content/moten/mote-{index:05d}/program.md": program,
            f"content/moten/mote-{index:05d}/anteckningar.md": notes}


def article_files(index: int) -> dict[str, str]:
    front = (f"---\ntitel: Nyhet {index}\npublicerad: 2019-{index % 12 + 1:02d}-01\n"
             f"sammanfattning: En nyhet om arbetet, nummer {index}.\n---\n\n")
    return {f"content/nyheter/nyhet-{index:05d}.md": front + body(index)}


def make_trygg_project(folder: Path, pages: int) -> Path:
    folder.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / part)
    # The real content (register, seed pages and every other content type) plus the generated pages.
    shutil.copytree(ROOT / "content", folder / "content")
    events = pages * 2 // 5  # 40 % events (one page each), 60 % articles
    files: dict[str, str] = {}
    for i in range(events):
        files.update(event_files(i))
    for i in range(pages - events):
        files.update(article_files(i))
    _write(folder, files)
    return folder


def make_plain_project(folder: Path, pages: int) -> Path:
    """Stock Material, default navigation (every page listed), search, the same text per page."""
    config = ("site_name: Plain\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  language: sv\n"
              "plugins:\n  - search\nmarkdown_extensions:\n  - abbr\n  - admonition\n  - attr_list\n  - toc\n"
              "  - tables\n")
    files = {"mkdocs.yml": config, "docs/index.md": "# Start\n\nStartsidan.\n"}
    events = pages * 2 // 5
    for i in range(events):
        text = body(i, 3) + "\n".join(f"## {t} {title}\n\n{PARAGRAPH}\n" for t, title, _ in AGENDA)
        files[f"docs/moten/mote-{i:05d}.md"] = f"# Nätverksmöte {i}\n\n{text}"
    for i in range(pages - events):
        files[f"docs/nyheter/nyhet-{i:05d}.md"] = f"# Nyhet {i}\n\n{body(i)}"
    _write(folder, files)
    return folder


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- measuring ----------------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user + system: steadier than wall time on a shared machine
    peak_mib: float
    pages: int
    html_bytes_per_page: float
    html_bytes_max: int
    search_bytes: int
    search_gzip_bytes: int


def measure_build(project: Path) -> Build:
    """One `mkdocs build` in a fresh helper process, so its peak RSS is this build's alone."""
    site = project / "site"
    helper = ("import resource, subprocess, sys, time\n"
              "start = time.perf_counter()\n"
              "code = subprocess.run(sys.argv[1:]).returncode\n"
              "elapsed = time.perf_counter() - start\n"
              "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
              "print(code, elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)\n")
    command = [sys.executable, "-c", helper, sys.executable, "-m", "mkdocs", "build", "-q",
               "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    out = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    code, seconds, cpu_seconds, max_rss_kib = out.stdout.split()[-4:]
    if code != "0":
        raise SystemExit(f"build failed in {project}:\n{out.stdout}\n{out.stderr}")
    pages = [p for p in site.rglob("*.html") if p.name == "index.html" and p.parent != site / "search"]
    sizes = [p.stat().st_size for p in pages]
    material_index = site / "search" / "search_index.json"
    if material_index.exists():  # plain Material: the whole index is fetched before a first result
        search = material_index.read_bytes()
        search_bytes, search_gzip = len(search), len(gzip.compress(search, 6))
    else:  # trygg: Pagefind fetches chunks; measured in Chromium (chunks are already compressed)
        from bench_search import search_bytes as fetched_by_search
        search_bytes = search_gzip = fetched_by_search(site, "trygghetsvandringar")[0].total
    return Build(float(seconds), float(cpu_seconds), int(max_rss_kib) / 1024, len(pages), sum(sizes) / len(sizes), max(sizes),
                 search_bytes, search_gzip)


def measure_preview_edit(project: Path, page_source: str, page_url: str, dirty: bool, edits: int = 5) -> list[float]:
    """Seconds from saving one edited page to the new text being served by `mkdocs serve`, for
    `edits` edits in a row; `dirty` serves as ./scripts/serve does (`--dirty`: incremental)."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml"), *(["--dirty"] if dirty else [])],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{page_url}"
    path = project / page_source
    original = path.read_text(encoding="utf-8")
    times = []
    try:
        _wait_for(url, lambda html: True, timeout=900)
        for _ in range(edits):
            # A writer saving again 1.5 s after the page showed: the preview's search index for the
            # previous save may still be under way (trygg.search.index.BackgroundIndexer stops it).
            time.sleep(1.5)
            marker = f"Redigerad {time.time_ns()}"
            start = time.perf_counter()
            path.write_text(original + f"\n{marker}\n", encoding="utf-8")
            _wait_for(url, lambda html: marker in html, timeout=900)
            times.append(time.perf_counter() - start)
        return times
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {url}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- report -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-5000", action="store_true", help="also build 5,000 pages")
    parser.add_argument("--skip-plain-5000", action="store_true", help="leave out plain Material at 5,000")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--sizes", help="comma-separated page counts instead of 100,1000[,5000]")
    args = parser.parse_args()
    sizes = [100, 1000] + ([5000] if args.with_5000 else [])
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    results: dict[str, dict] = {}
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC · {platform.node()} · "
          f"{platform.processor() or platform.machine()} · {os.cpu_count()} CPUs · Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="trygg-bench-") as tmp:
        for n in sizes:
            ours = measure_build(make_trygg_project(Path(tmp) / f"trygg-{n}", n))
            row = {"trygg": ours.__dict__}
            _print_build(f"trygg  {n:>5}", ours)
            if not (n == 5000 and args.skip_plain_5000):
                plain = measure_build(make_plain_project(Path(tmp) / f"plain-{n}", n))
                row["plain"] = plain.__dict__
                _print_build(f"plain  {n:>5}", plain)
                print(f"  ratio trygg/plain at {n}: time {ours.seconds / plain.seconds:.3f}× "
                      f"(CPU {ours.cpu_seconds / plain.cpu_seconds:.3f}×), "
                      f"peak memory {ours.peak_mib / plain.peak_mib:.2f}×, "
                      f"HTML per page {ours.html_bytes_per_page / plain.html_bytes_per_page:.2f}×")
            results[str(n)] = row
            if n == 1000:
                for dirty, label in ((True, "./scripts/serve (--dirty)"), (False, "mkdocs serve (full rebuild)")):
                    edits = measure_preview_edit(Path(tmp) / "trygg-1000", "content/nyheter/nyhet-00007.md",
                                                 "nyheter/nyhet-00007/", dirty)
                    row["preview_edit_seconds" if dirty else "preview_full_rebuild_seconds"] = edits
                    print(f"  preview, {label}: one edited page visible after "
                          f"{', '.join(f'{t:.2f}' for t in edits)} s (median {sorted(edits)[len(edits) // 2]:.2f} s"
                          f"{'; goal ≤ 1 s' if dirty else ''})")
            shutil.rmtree(Path(tmp) / f"plain-{n}", ignore_errors=True)
        _print_goals(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _print_build(label: str, b: Build) -> None:
    print(f"{label}: {b.seconds:7.2f} s (CPU {b.cpu_seconds:7.2f} s)  peak {b.peak_mib:6.0f} MiB  {b.pages} pages  "
          f"HTML {b.html_bytes_per_page / 1000:5.1f} KB/page (max {b.html_bytes_max / 1000:.1f})  "
          f"first search {b.search_bytes / 1000:.0f} KB ({b.search_gzip_bytes / 1000:.0f} KB gzip)")


def _print_goals(results: dict[str, dict]) -> None:
    thousand = results.get("1000", {})
    if "plain" in thousand:
        ratio = thousand["trygg"]["seconds"] / thousand["plain"]["seconds"]
        cpu = thousand["trygg"]["cpu_seconds"] / thousand["plain"]["cpu_seconds"]
        print(f"goal 1,000 pages ≤ 0.2× plain Material: {ratio:.3f}× wall, {cpu:.3f}× CPU "
              f"{'ok' if ratio <= 0.2 else 'MISSED'}")
    if "5000" in results:
        five = results["5000"]["trygg"]
        scale = five["seconds"] / thousand["trygg"]["seconds"]
        cpu = five["cpu_seconds"] / thousand["trygg"]["cpu_seconds"]
        print(f"goal 5,000 pages ≤ 6× our 1,000: {scale:.2f}× wall, {cpu:.2f}× CPU {'ok' if scale <= 6 else 'MISSED'}")
        print(f"goal 5,000 pages ≤ 600 MiB peak: {five['peak_mib']:.0f} MiB "
              f"{'ok' if five['peak_mib'] <= 600 else 'MISSED'}")
    worst = max(r["trygg"]["html_bytes_max"] for r in results.values())
    print(f"goal ≤ 60 KB HTML per page: largest page {worst / 1000:.1f} KB {'ok' if worst <= 60_000 else 'MISSED'}")


if __name__ == "__main__":
    main()
