"""The site behind Debian's nginx with deploy/trygg-site.conf: security headers, caching,
pre-compressed files, and pages that run in Chromium without a single CSP violation."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from trygg.publish.webserver import content_security_policy, inline_script_hashes

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGES = ["", "moten/", "moten/utvecklingsdag-saker-och-trygg-kommun/", "nyheter/",
         "nyheter/organiserad-trygghet/", "organisation/", "om-webbplatsen/"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real project built by `trygg build` (with .gz files and the CSP snippet)."""
    root = tmp_path_factory.mktemp("published")
    for part in ("mkdocs.yml", "docs", "overrides", "hooks", "content"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / part)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1796000000"}
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "build", "--root", str(root)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


def require_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx saknas: scripts/test installerar det med apt-get")
        pytest.skip("nginx is not installed; run ./scripts/test")


def main_config(work: Path, servers: str) -> Path:
    """An nginx.conf in `work` (pid, logs, temp files there) whose http block holds `servers`."""
    user = "user root;" if os.getuid() == 0 else ""  # workers must read pytest's private tmp folders
    path = work / "nginx.conf"
    path.write_text(f"""
{user}
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
{servers}
}}
""", encoding="utf-8")
    return path


def nginx_t(config: Path) -> subprocess.CompletedProcess:
    """`nginx -t`: parses the configuration and opens its files (certificates too), binds no port."""
    return subprocess.run([NGINX, "-t", "-p", str(config.parent), "-c", str(config)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def nginx(published, tmp_path_factory):
    """nginx on 127.0.0.1 serving the site with the repository's configuration; yields its URL."""
    require_nginx()
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = main_config(work, f"""
    server {{
        listen 127.0.0.1:{port};
        root {published};
        include {published}/.nginx/csp.conf;
        include {ROOT}/deploy/trygg-site.conf;
    }}""")
    test = nginx_t(config)
    assert test.returncode == 0, test.stderr
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(config)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


# --- deploy/nginx.conf as shipped: the server's values come from one include file -------------

# Where deploy/nginx.conf expects its parts on the server (README, "Publishing"), longest first.
INSTALLED = ("/srv/trygg/site/.nginx/csp.conf", "/etc/nginx/snippets/trygg-site.conf",
             "/etc/nginx/trygg/host.conf", "/srv/trygg/site")


def shipped_config(work: Path, published: Path, host_conf: str) -> Path:
    """deploy/nginx.conf with its install paths pointing at this test's files, inside an http block."""
    text = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    directives = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert set(re.findall(r"\s(/[^\s;]+)", directives)) == set(INSTALLED)  # every path the test relocates
    host = work / "host.conf"
    host.write_text(host_conf, encoding="utf-8")
    places = {"/srv/trygg/site/.nginx/csp.conf": published / ".nginx/csp.conf",
              "/etc/nginx/snippets/trygg-site.conf": ROOT / "deploy/trygg-site.conf",
              "/etc/nginx/trygg/host.conf": host, "/srv/trygg/site": published}
    for installed in INSTALLED:
        text = text.replace(installed, str(places[installed]))
    return main_config(work, text)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate and key for the test host name (openssl, installed by scripts/test)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=trygg.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def test_the_shipped_configuration_passes_nginx_t_with_the_servers_values(published, certificate, tmp_path):
    require_nginx()
    shipped = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    directives = [line.split("#")[0].split() for line in shipped.splitlines()]
    names = {words[0] for words in directives if words}
    assert not names & {"server_name", "ssl_certificate", "ssl_certificate_key"}  # only in host.conf
    cert, key = certificate
    host = f"server_name trygg.test;\nssl_certificate {cert};\nssl_certificate_key {key};\n"
    run = nginx_t(shipped_config(tmp_path, published, host))
    assert run.returncode == 0, run.stderr
    assert "[warn]" not in run.stderr and "[emerg]" not in run.stderr, run.stderr


def test_the_example_host_file_cannot_be_deployed_unchanged(published, tmp_path):
    require_nginx()
    example = (ROOT / "deploy/host.conf.example").read_text(encoding="utf-8")
    run = nginx_t(shipped_config(tmp_path, published, example))
    assert run.returncode != 0
    assert (f'unknown directive "delete_this_line_when_the_values_below_are_filled_in" in {tmp_path}/host.conf:5'
            in run.stderr), run.stderr
    # with only that line deleted, the placeholder certificate still stops nginx
    filled_in_halfway = example.replace("delete_this_line_when_the_values_below_are_filled_in;\n", "")
    run = nginx_t(shipped_config(tmp_path, published, filled_in_halfway))
    assert run.returncode != 0 and 'cannot load certificate "/etc/ssl/FILL-IN/fullchain.pem"' in run.stderr, run.stderr


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_every_page_carries_the_security_headers(nginx, published):
    policy = content_security_policy(inline_script_hashes(published))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy  # 'wasm-unsafe-eval' is no eval
    for page in PAGES:
        response = fetch(nginx + page)
        headers = response.headers
        assert response.status == 200, (page, response.status)
        assert headers["Content-Security-Policy"] == policy
        assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["Permissions-Policy"].startswith("accelerometer=(), camera=(), geolocation=()")
        assert headers["Content-Type"] == "text/html; charset=utf-8"
    missing = fetch(nginx + "finns-inte/")
    assert missing.status == 404 and missing.headers["Content-Security-Policy"] == policy
    assert "<h1>Sidan finns inte</h1>" in missing.read().decode("utf-8")  # the site's own 404 page


def test_the_editor_gets_every_header_but_the_sites_policy(nginx, published):
    # /admin/ (trygg.editor) carries its own policy in its page; the site's would block Decap CMS
    page = published / "admin" / "index.html"
    page.parent.mkdir()
    page.write_text("<!doctype html><title>Redigera</title>", encoding="utf-8")
    try:
        site, editor = fetch(nginx).headers, fetch(nginx + "admin/")
        assert editor.status == 200 and "Content-Security-Policy" not in editor.headers
        for name in ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
                     "X-Frame-Options", "Cross-Origin-Opener-Policy"):
            assert editor.headers[name] == site[name], name
        assert editor.headers["X-Robots-Tag"] == "noindex, nofollow"
    finally:
        shutil.rmtree(page.parent)


def test_the_csp_lists_each_inline_script_by_hash(published):
    hashes = inline_script_hashes(published)
    assert 2 <= len(hashes) <= 12  # one base-URL script per folder depth, and the anchor fix
    assert all(re.fullmatch(r"sha256-[A-Za-z0-9+/]{43}=", h) for h in hashes)
    assert (published / ".nginx/csp.conf").read_text("utf-8").count("sha256-") == len(hashes)


def own_assets(published: Path) -> list[str]:
    """Our stylesheet and script as published: trygg.<first 12 hex digits of SHA-256>.css/.js."""
    names = []
    for name in ("trygg.css", "trygg.js"):
        source = (ROOT / "docs/assets" / name).read_bytes()
        stem, ext = name.split(".")
        names.append(f"assets/{stem}.{hashlib.sha256(source).hexdigest()[:12]}.{ext}")
        assert (published / names[-1]).read_bytes() == source
    return names


def test_every_page_references_our_css_and_js_by_content_hash(published):
    css, js = own_assets(published)
    assert not (published / "assets/trygg.css").exists() and not (published / "assets/trygg.js").exists()
    pages = sorted(published.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in html:  # a moved page's redirect: no theme
            continue
        prefix = "../" * (len(page.relative_to(published).parts) - 1)
        assert f'<link rel="stylesheet" href="{prefix}{css}">' in html or (
            page.name == "404.html" and f'href="/{css}"' in html), page
        assert f'<script src="{prefix}{js}" defer></script>' in html or (
            page.name == "404.html" and f'src="/{js}"' in html), page


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_briefly(nginx, published):
    bundle = next(published.glob("assets/javascripts/bundle.*.min.js")).relative_to(published).as_posix()
    for asset in (bundle, *own_assets(published)):
        assert fetch(nginx + asset).headers["Cache-Control"] == "max-age=31536000", asset
    assert fetch(nginx + "assets/favicon.svg").headers["Cache-Control"] == "max-age=3600"  # a stable name
    for page in ("", "moten/", "om-webbplatsen/"):
        response = fetch(nginx + page)
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.headers["Cache-Control"] == "max-age=300"
    assert fetch(nginx + ".nginx/csp.conf").status == 404


def test_pre_compressed_files_are_served_as_they_are(nginx, published):
    for path in ("index.html", "pagefind/pagefind-entry.json", "moten/kalender.ics"):
        url = nginx + path.removesuffix("index.html")
        response = fetch(url, **{"Accept-Encoding": "gzip"})
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip", path
        assert body == (published / f"{path}.gz").read_bytes(), path  # the build's file, byte for byte
        assert gzip.decompress(body) == (published / path).read_bytes()
    assert fetch(nginx + "moten/kalender.ics").headers["Content-Type"] == "text/calendar; charset=utf-8"


def watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    return violations


@pytest.mark.browser
def test_the_violation_listener_reports_a_policy_without_the_hashes(nginx, browser):
    context = browser.new_context()
    page = context.new_page()
    violations = watch_violations(page)

    def without_hashes(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'"}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", without_hashes)
    page.goto(nginx)
    page.wait_for_load_state("networkidle")
    assert any("script-src" in v for v in violations), violations
    context.close()


@pytest.mark.browser
def test_pages_and_search_run_without_a_csp_violation(nginx, browser):
    context = browser.new_context()
    page = context.new_page()
    violations = watch_violations(page)
    for path in PAGES:
        page.goto(nginx + path)
        page.wait_for_load_state("networkidle")
    page.goto(nginx)
    page.locator("form[role=search] input[type=search]").press_sequentially("trygghet", delay=30)
    page.wait_for_selector("form[role=search] .trygg-result", timeout=15_000)  # Pagefind runs WebAssembly
    assert page.locator("form[role=search] .trygg-result").count() > 0
    assert violations == []
    context.close()


@pytest.mark.browser
def test_the_searchs_vocabulary_and_menade_du_run_without_a_csp_violation(nginx, browser):
    """The vocabulary files (trygg.search.vocabulary) are fetched from the site itself, under the CSP."""
    context = browser.new_context()
    page = context.new_page()
    violations = watch_violations(page)
    vocabulary: list[str] = []
    page.on("response", lambda r: "/pagefind/trygg/" in r.url and vocabulary.append(f"{r.status} {r.url}"))
    page.goto(nginx)
    page.locator("form[role=search] input[type=search]").fill("norbyy")
    page.locator("form[role=search] .trygg-search__suggestion a").click(timeout=15_000)
    page.wait_for_selector("form[role=search] .trygg-result", timeout=15_000)
    assert vocabulary and all(line.startswith(("200 ", "304 ")) and line.split()[1].startswith(nginx)
                              for line in vocabulary), vocabulary
    assert violations == []
    context.close()
