"""The browser editor under /admin/: Decap CMS, self-hosted, with forms generated from the schemas.

- `config`: the CMS configuration (config.yml) from the content schemas, the register's names
  and the text catalogue;
- `admin`: the editor's files for the site (its page, config.yml, start script, Decap's bundle).

The pipeline prepares the editor from the loaded content (`prepare_editor`); the hook publishes
its files with the site's stylesheets. Only those two use this package, and it imports only the
schemas (trygg.models) and the core (the content types' places, `Texts`, `Output`).
"""

from .admin import EditorSite, bundle_files, prepare_editor
from .config import editor_config, editor_places, not_edited

__all__ = ["EditorSite", "bundle_files", "editor_config", "editor_places", "not_edited", "prepare_editor"]
