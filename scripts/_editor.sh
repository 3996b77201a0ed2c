# Shared by scripts/serve and scripts/test (sourced after _setup.sh, in the project folder): the
# browser editor under /admin/ — Decap CMS and its local backend decap-server, pinned in
# editor/package-lock.json — installed with npm ci when package.json or the lock file is newer
# than the last install. Without npm the site is built and served without /admin/.
editor_dir=editor
editor_stamp="$editor_dir/node_modules/.trygg-installed"
if ! command -v npm >/dev/null 2>&1; then
  echo "==> npm saknas, så redigeraren (/admin/) kommer inte med. Installera nodejs och npm för att få den."
elif [ ! -f "$editor_stamp" ] || [ "$editor_dir/package-lock.json" -nt "$editor_stamp" ] \
     || [ "$editor_dir/package.json" -nt "$editor_stamp" ]; then
  echo "==> Installerar redigeraren (Decap CMS och decap-server) med npm ci i $editor_dir (versionerna i package-lock.json)"
  npm ci --prefix "$editor_dir" --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$editor_stamp"
else
  echo "==> Redigeraren (Decap CMS och decap-server) är redan installerad i $editor_dir"
fi
