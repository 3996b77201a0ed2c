"""MkDocs glue: maps build events to the trygg core. Holds no state between builds.

- on_startup: remembers whether this process serves (drafts shown) or builds (drafts left out),
  and says once (info) when search will match whole words only (no hunspell-sv);
- on_serve:   has the preview watch files with the system's file events, not MkDocs' polling,
  and watches content/, hooks/ and overrides/ where they exist (not `watch:` in mkdocs.yml, whose
  check of a missing folder is MkDocs' English error before any hook runs);
- on_config:  loads and validates content/ once per build; a content error stops the build with
  every problem listed (PluginError, no traceback); a warning because a date has passed (an
  overdue review) is logged as info, so --strict never fails on a calendar day; adds the abbreviation and safe-HTML
  extensions. In the preview (`mkdocs serve`) a content error does not stop anything: the
  errors are logged, what loaded is shown, and every page carries a Swedish error banner. The
  site's name, description, author, copyright, address and colours come from the identity
  (content/webbplats.yml, trygg.core.identity), not from mkdocs.yml;
- on_post_page, on_post_template: put that banner, with reminders of dates that have passed, on
  every page and the 404 page (preview only);
- on_files:   drops menu entries of content types that have no content (their pages are not
  made), then adds each generated page and file via File.generated, its edit_uri pointing at
  the real source file. In `mkdocs serve --dirty` each generated file gets a file of its own
  that changes only with its content, so an edit re-renders only the pages it changes
  (trygg.preview.pages.PreviewFiles). Publishes our own CSS/JS (extra_css, extra_javascript) under
  content-hashed names (trygg.publish.assets) and points the pages' <link>/<script> at them; adds the
  browser editor's files under /admin/ (trygg.editor) with those stylesheets for its preview;
- on_page_content: warns about abbreviations the register does not explain, and adds the parts
  of the page's compound words for the search index only (trygg.search.compounds);
- on_page_markdown: makes a hand-written page's front matter plain text (trygg.markdown.sanitize); puts the
  start page's generated part (next meeting, news, section cards; trygg.sitewide.home) where docs/index.md
  asks for it, and dates every page from content and git, never the clock: a hand-written
  page's "Senast ändrad" is its last commit (front matter as fallback), and the sitemap's
  lastmod is the page's own date;
- on_env:     gives the theme's templates the Swedish date filter, and keeps them compiled on disk
  (MkDocs makes the theme's environment anew for every build; trygg.core.memo.TemplateCache);
- on_post_page, on_post_template: correct the theme's HTML (trygg.publish.theme_html), and stop the
  build on any script in a page that is not on the known list (trygg.publish.webserver);
- on_post_build: indexes the built site for search (Pagefind, trygg.search.index) and writes the site's
  vocabulary and abbreviations beside the index (trygg.search.vocabulary); in the incremental
  preview in the background, so an edited page shows before the index is done, and a run
  still going when the next build starts is stopped (trygg.search.index.BackgroundIndexer).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# Imported at load time: MkDocs puts this folder on sys.path only while loading the hook.
from trygg import AbbreviationExtension, BuildResult, ContentError, build_site
from trygg.console import SwedishLog
from trygg.core.history import page_date
from trygg.core.identity import COLOURS_URI, LOGO_URI
from trygg.core.memo import Memo, template_cache
from trygg.core.sv import format_iso_date
from trygg.editor import bundle_files as editor_bundle
from trygg.markdown.abbreviations import find_unknown, line_of_word
from trygg.markdown.captions import TableCaptionExtension
from trygg.markdown.sanitize import SafeHtmlExtension, escape_written_meta
from trygg.preview.pages import PreviewFiles, shared_fingerprint, with_error_banner
from trygg.preview.watching import ChangeObserver
from trygg.publish.assets import fingerprinted
from trygg.publish.theme_html import correct_theme_html
from trygg.publish.webserver import UnknownScript, check_page_scripts, with_meta_policy
from trygg.search.compounds import with_compound_parts
from trygg.search.index import PREVIEW_INDEXER, SearchIndexError, compound_splitter, index_site, whole_words_notice
from trygg.sitewide.home import MARKER as HOME_MARKER
from trygg.sitewide.menu import nav_pages, with_children
from trygg.sitewide.navigation import without_switched_off

log = get_plugin_logger("trygg")
# MkDocs' console lines in Swedish from the moment the hook loads, so its configuration errors
# (logged after the hooks are loaded) read in Swedish too. Once per process: a filter, not build state.
for _handler in logging.getLogger("mkdocs").handlers:
    if not isinstance(_handler, utils.CountHandler) and not any(isinstance(f, SwedishLog) for f in _handler.filters):
        _handler.addFilter(SwedishLog())
# Generated pages are reached through their lists and links; the ones in mkdocs.yml's nav are
# still in the menu. Marked so, MkDocs does not list them as missing from it (an English info line).
_LINKED = InclusionLevel.NOT_IN_NAV
_RESULT_KEY = "trygg_result"
_COMPOUNDS_KEY = "trygg_compounds"
_COMMAND = {"name": "build", "dirty": False}  # set once per process by on_startup; never changed by a build
PREVIEW_FILES = Path(".cache", "trygg", "forhandsvisning")  # under the project root; see trygg.preview.pages
PREVIEW_MEMO = Path(".cache", "trygg", "minne")  # slow pure results such as PDFs; see trygg.core.memo
TEMPLATE_CACHE = Path(".cache", "trygg", "mallar")  # the theme's compiled templates; see trygg.core.memo


def on_startup(command: str, dirty: bool) -> None:
    _COMMAND.update(name=command, dirty=dirty)
    notice = whole_words_notice(preview=command == "serve")  # once per process, not per rebuild
    if notice:
        log.info(notice)
    if command == "serve" and dirty:  # MkDocs' warning is about navigation, which trygg.preview.pages keeps right
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


def on_serve(server, config: MkDocsConfig, builder):
    """The preview notices a save at once (trygg.preview.watching) instead of by MkDocs' polling.

    TRYGG_POLLING=1 keeps MkDocs' polling, for folders where no file events arrive (some network
    and container mounts). Only MkDocs' public `watch`/`unwatch` are used: what it watched before
    this event moves to the new observer; `watch:` folders in mkdocs.yml are added after it.
    """
    if os.environ.get("TRYGG_POLLING") == "1":
        _watch_project_folders(server, config)
        return server
    moved = []
    for path in dict.fromkeys(filter(None, [config.docs_dir, config.config_file_path, *config.theme.dirs])):
        try:
            server.unwatch(path)
        except KeyError:
            continue  # not watched (theme folders are only with --watch-theme)
        moved.append(path)
    server.observer = ChangeObserver()
    for path in moved:  # a file (mkdocs.yml) is watched through its folder: not the folders below it
        server.watch(path, recursive=os.path.isdir(path))
    _watch_project_folders(server, config)
    return server


WATCHED = ("content", "hooks", "overrides")


def _watch_project_folders(server, config: MkDocsConfig) -> None:
    for name in WATCHED:
        folder = _root(config) / name
        if folder.is_dir():
            server.watch(str(folder))


def _incremental() -> bool:
    """`mkdocs serve --dirty`, as ./scripts/serve runs it: the incremental preview."""
    return _COMMAND["name"] == "serve" and _COMMAND["dirty"]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = _root(config)
    serving = _COMMAND["name"] == "serve"
    incremental = _incremental()
    if incremental:  # the site is about to change: a search index still being made for it is stale
        PREVIEW_INDEXER.build_starts()
    memo = Memo(root / PREVIEW_MEMO) if incremental else None
    try:
        result = build_site(root, site_url=config.site_url, include_drafts=serving, keep_going=serving, memo=memo,
                            nav_order=nav_pages(config.nav))
    except ContentError as error:
        raise PluginError(f"Innehållet i content/ har fel:\n{error}") from None
    _apply_identity(config, result)
    if serving:
        _survive_mistakes(config, result)
    if incremental:  # no sitemap in the preview: it lists every page, and nobody reads it there
        config.theme.static_templates.discard("sitemap.xml")
    for warning in result.warnings:  # a passed date is the writers' task, never a reason to stop --strict
        (log.info if warning.dated else log.warning)(str(warning))
    if not config.repo_url:
        config.edit_uri = None  # no repository to link to: no edit button rather than a broken one
    config.markdown_extensions.append(AbbreviationExtension(result.abbreviations, "/organisation/index.md",
                                                            names=result.names))
    config.markdown_extensions.append(SafeHtmlExtension())
    config.markdown_extensions.append(TableCaptionExtension(result.theme["texts"]["sida.tabell"]))
    config.extra["trygg"] = result.theme  # contact box and statement link for the theme
    config.nav = with_children(config.nav, result.menu, result.sections)  # each meeting and goal area under its section
    config[_RESULT_KEY] = result
    config[_COMPOUNDS_KEY] = compound_splitter()  # None without hunspell-sv: see on_startup
    return config


def _apply_identity(config: MkDocsConfig, result: BuildResult) -> None:
    """The identity names the site, its publisher and its address; its colours are a stylesheet."""
    if result.site is not None:
        config.site_url = result.site.url
    identity = result.identity
    if identity is None:  # the preview with an error in webbplats.yml: mkdocs.yml's name stays
        return
    config.site_name = identity.programme.name
    config.site_description = identity.programme.description
    config.site_author = config.copyright = identity.publisher.name
    config.theme["logo"] = config.theme["favicon"] = LOGO_URI  # the identity's logo, also in the browser's tab
    if COLOURS_URI not in config.extra_css:
        config.extra_css.insert(0, COLOURS_URI)


def _survive_mistakes(config: MkDocsConfig, result: BuildResult) -> None:
    """The preview must outlive a writer's mistake, so nothing in it may abort the build.

    MkDocs counts warnings for strict mode from before on_config (mkdocs.yml says strict), and
    aborts the *first* serve build on any of them, which would end the server. The preview
    detaches that counter; production builds (`mkdocs build`) stay strict. Pages missing because
    of an error are then links to nowhere, which MkDocs reports as info, not as warnings.
    """
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, utils.CountHandler):
            logger.removeHandler(handler)
    if result.errors:
        log.error(f"Innehållet i content/ har {len(result.errors)} fel (förhandsvisningen visar dem överst "
                  "på varje sida):\n" + "\n".join(map(str, result.errors)))
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
        config.validation.nav.not_found = logging.INFO


def on_files(files: Files, config: MkDocsConfig) -> Files:
    result: BuildResult = config[_RESULT_KEY]
    preview = _incremental_preview(config, result)
    for file in files:
        if not file.generated_by:
            file.edit_uri = f"docs/{file.src_uri}"
    config.nav = without_switched_off(config.nav, {o.uri for o in result.outputs}, files)
    for output in result.outputs:
        existing = files.get_file_from_path(output.uri)
        if existing is not None:
            raise PluginError(f"docs/{existing.src_uri} och {output.source or 'content/'} ger samma sida "
                              f"({output.uri}). Byt namn på den ena.")
        if preview is None:
            generated = File.generated(config, output.uri, content=output.content, inclusion=_LINKED)
        else:  # a file of its own, so MkDocs' dirty build skips it while it is unchanged
            generated = File.generated(config, output.uri, abs_src_path=str(preview.place(output.uri, output.content)),
                                       inclusion=_LINKED)
        generated.edit_uri = output.source
        files.append(generated)
    _fingerprint_own_assets(files, config)
    _add_editor(files, config, result)
    return files


def _add_editor(files: Files, config: MkDocsConfig, result: BuildResult) -> None:
    """The browser editor under /admin/ (trygg.editor), once Decap is installed (scripts/_editor.sh)."""
    bundle = editor_bundle(_root(config))
    if result.editor is None or not bundle:
        log.info("Redigeraren (/admin/) kommer inte med: den är inte installerad (bash scripts/_editor.sh)")
        return
    # the theme's stylesheets first, then ours, as every page links them
    theme_css = sorted(f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/")
                       and f.src_uri.endswith(".min.css"))
    stylesheets = [*theme_css, *config.extra_css]
    for output in result.editor.outputs(stylesheets, config.repo_url, os.environ.get("TRYGG_EDITOR_AUTH_URL")):
        files.append(File.generated(config, output.uri, content=output.content))
    for uri, path in bundle:
        files.append(File.generated(config, uri, abs_src_path=str(path)))


def _incremental_preview(config: MkDocsConfig, result: BuildResult) -> PreviewFiles | None:
    """In `mkdocs serve --dirty` (./scripts/serve): the generated files' store, after building
    everything again if what all pages share has changed. None otherwise."""
    if not _incremental():
        return None
    root = _root(config)
    preview = PreviewFiles(root / PREVIEW_FILES)
    home_changed = preview.shared_inputs_changed(result.home, "startsida")
    if preview.shared_inputs_changed(shared_fingerprint(root, result)):
        utils.clean_directory(config.site_dir)
        return preview
    if (Path(config.site_dir) / "404.html").is_file():  # like every page: rebuilt when what they share changes
        config.theme.static_templates.discard("404.html")
    if home_changed:  # the start page shows the latest meetings and news: built again (MkDocs sees no output)
        (Path(config.site_dir) / "index.html").unlink(missing_ok=True)
    return preview


def _fingerprint_own_assets(files: Files, config: MkDocsConfig) -> None:
    """Every local file in extra_css/extra_javascript is published as name.<hash>.ext instead."""
    renamed: dict[str, str] = {}
    for uri in [*config.extra_css, *map(str, config.extra_javascript)]:
        file = files.get_file_from_path(uri)
        if file is None:
            continue  # an external URL: left as it is
        renamed[uri] = fingerprinted(uri, file.content_bytes)
        files.remove(file)
        if file.abs_src_path is None:  # generated, such as the identity's colours
            files.append(File.generated(config, renamed[uri], content=file.content_bytes))
        else:
            files.append(File.generated(config, renamed[uri], abs_src_path=file.abs_src_path))
    config.extra_css = [renamed.get(uri, uri) for uri in config.extra_css]
    for script in config.extra_javascript:  # a str, or an ExtraScriptValue (with defer etc.)
        if not isinstance(script, str):
            script.path = renamed.get(script.path, script.path)
    config.extra_javascript = [renamed.get(s, s) if isinstance(s, str) else s for s in config.extra_javascript]


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    result: BuildResult = config[_RESULT_KEY]
    if not page.file.generated_by:  # content/ was checked, with lines, in on_config (pipeline.unexplained_abbreviations)
        for word in find_unknown(html, [*result.abbreviations, *result.known_names]):
            where = f"docs/{page.file.src_uri}:{line_of_word(page.file.content_string, word)}"
            log.warning(f"{where}: förkortningen '{word}' förklaras inte "
                        f"(lägg till den i content/organisation/begrepp.yml eller organisationer.yml)")
    return with_compound_parts(html, config[_COMPOUNDS_KEY])


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    result: BuildResult = config[_RESULT_KEY]
    if not page.file.generated_by:
        escape_written_meta(page.meta)
        changed = result.last_changed.get(f"docs/{page.file.src_uri}")
        if changed:
            page.meta["senast_andrad"] = changed.isoformat()
    page.update_date = page_date(page.meta, result.today)
    return markdown.replace(HOME_MARKER, result.home) if page.is_homepage else markdown


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return _checked_scripts(_with_banner(correct_theme_html(output), config[_RESULT_KEY]), page.file.dest_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":  # a theme template, not a page: on_post_page never sees it
        return _checked_scripts(_with_banner(correct_theme_html(output_content), config[_RESULT_KEY]), template_name)
    return output_content


def _with_banner(html: str, result: BuildResult) -> str:
    """The preview's banner: errors, and reminders of dates that have passed. Never in a build."""
    if _COMMAND["name"] != "serve":
        return html
    return with_error_banner(html, result.errors, [w for w in result.warnings if w.dated])


def _checked_scripts(html: str, page: str) -> str:
    """Stop the build on any script neither the theme nor trygg writes; a build's page carries the
    policy for its own scripts (trygg.publish.webserver). The preview has none: MkDocs' server adds its
    live-reload script to every page it serves."""
    try:
        scripts = check_page_scripts(html, page)
    except UnknownScript as error:
        raise PluginError(str(error)) from None
    return html if _COMMAND["name"] == "serve" else with_meta_policy(html, scripts.hashes)


def on_env(env, config: MkDocsConfig, files: Files):
    env.filters["sv_datum"] = format_iso_date
    env.bytecode_cache = template_cache(_root(config) / TEMPLATE_CACHE)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if config[_COMPOUNDS_KEY] is not None:
        config[_COMPOUNDS_KEY].save()
    if _incremental():  # the preview: search catches up a moment later
        PREVIEW_INDEXER.after_build(Path(config.site_dir), on_error=lambda message: log.warning(message),
                                    abbreviations=config[_RESULT_KEY].abbreviations)
        return
    try:
        index_site(Path(config.site_dir), config[_RESULT_KEY].abbreviations)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
