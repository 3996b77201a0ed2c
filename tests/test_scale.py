"""Long lists are split over pages, so no page grows with the archive (≤ 60 KB of HTML each).

Speed itself is measured by benchmarks/bench_build.py, never by a timed test.
"""

from __future__ import annotations

import re

from conftest import VALID_EVENT, mkdocs_build

ARTICLE = "---\ntitel: Nyhet {n}\npublicerad: 2024-{month:02d}-{day:02d}\nsammanfattning: Nyhet nummer {n}.\n---\n\nText {n}.\n"


def many(articles: int, past_events: int) -> dict[str, str]:
    files = {f"content/nyheter/nyhet-{n:03d}.md": ARTICLE.format(n=n, month=n % 12 + 1, day=n % 28 + 1)
             for n in range(articles)}
    for n in range(past_events):
        event = VALID_EVENT.replace("titel: Nätverksmöte", f"titel: Möte {n:03d}")
        event = event.replace("datum: 2030-05-24", f"datum: 2020-{n % 12 + 1:02d}-{n % 28 + 1:02d}")
        files[f"content/moten/mote-{n:03d}/program.md"] = event.replace("publicerad: 2024-01-10", "publicerad: 2019-01-01")
    return files


def test_news_and_events_are_split_over_linked_pages_of_bounded_size(project):
    files = many(articles=65, past_events=125)
    for n in range(50):  # upcoming events are paginated too, before the past ones
        files[f"content/moten/kommande-{n:03d}/program.md"] = VALID_EVENT.replace("titel: Nätverksmöte", f"titel: Kommande {n:03d}")
    root = project(files)
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": "1796000000"})
    assert run.returncode == 0, run.output
    site = run.site
    news = [site / "nyheter/index.html", site / "nyheter/sida-2/index.html", site / "nyheter/sida-3/index.html"]
    listed = [re.findall(r'<h2 id="[^"]*"><a href="[^"]*nyhet-(\d+)/"', p.read_text("utf-8")) for p in news]
    assert [len(ids) for ids in listed] == [30, 30, 5]
    assert len({i for ids in listed for i in ids}) == 65  # every article once, none lost between pages
    assert not (site / "nyheter/sida-4").exists()
    second = news[1].read_text("utf-8")
    assert "<h1 id=\"nyheter-sida-2-av-3\">Nyheter, sida 2 av 3</h1>" in second
    assert 'href="../">Föregående sida</a>' in second and 'href="../sida-3/">Nästa sida</a>' in second
    assert 'href="../feed.xml"' in second
    events = [site / "moten/index.html", site / "moten/sida-2/index.html", site / "moten/sida-3/index.html"]
    counts = [len(re.findall(r'<li><a href="[^"]*(?:mote|kommande)-\d+/"', p.read_text("utf-8"))) for p in events]
    assert counts == [60, 60, 55]  # 50 upcoming, then 125 past
    first, second = events[0].read_text("utf-8"), events[1].read_text("utf-8")
    assert '<h2 id="kommande">Kommande</h2>' in first and '<h2 id="tidigare">Tidigare</h2>' in first
    assert "Kommande" not in second and '<h2 id="tidigare">Tidigare</h2>' in second
    assert not (site / "moten/sida-4").exists()
    for page in site.rglob("*.html"):
        assert page.stat().st_size <= 60_000, page
