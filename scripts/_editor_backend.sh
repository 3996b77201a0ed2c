# Sourced by scripts/serve: start_editor_backend DIR PORT MODE starts the browser editor's local
# backend, decap-server (editor/node_modules, see scripts/_editor.sh), on 127.0.0.1:PORT for the
# project folder DIR and sets editor_backend_pid. MODE (TRYGG_EDITOR_MODE):
#   fs   the default: Decap publishes straight into DIR/content/, no branches, no statuses;
#   git  the editorial workflow as the GitHub backend runs it, in DIR's own git repository:
#        "Spara" commits the page on a branch cms/<samling>/<namn> (a pull request on GitHub),
#        "Status" moves it Utkast → Under granskning → Redo, "Publicera" merges it into main
#        and deletes the branch.
# decap-server's git mode commits with `git add .` and checks branches out in DIR, so it needs a
# clean working tree on main: otherwise a writer's unsaved work would go into a draft's commit,
# or pages would be published to a branch the preview does not show.
start_editor_backend() {
  local dir=$1 port=$2 mode=$3 branch
  case "$mode" in
    fs) ;;
    git)
      if ! git -C "$dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        echo "==> TRYGG_EDITOR_MODE=git sparar utkast som grenar i git, men $dir är inget git-förråd." >&2
        return 1
      fi
      branch=$(git -C "$dir" symbolic-ref --quiet --short HEAD || true)
      if [ "$branch" != main ]; then
        echo "==> TRYGG_EDITOR_MODE=git publicerar till grenen main, men här är ${branch:-ingen gren} utcheckad. Byt först: git switch main" >&2
        return 1
      fi
      if [ -n "$(git -C "$dir" status --porcelain)" ]; then
        echo "==> TRYGG_EDITOR_MODE=git sparar varje utkast som en commit och behöver en ren arbetskatalog. Checka in (git commit) eller lägg undan (git stash) först:" >&2
        git -C "$dir" status --short >&2
        return 1
      fi
      ;;
    *)
      echo "==> TRYGG_EDITOR_MODE='$mode' finns inte: skriv fs (sparar direkt i content/) eller git (utkast som grenar, som pull requests)." >&2
      return 1
      ;;
  esac
  MODE="$mode" PORT="$port" BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$dir" LOG_LEVEL=warn \
    node "$dir/editor/node_modules/decap-server/dist/index.js" &
  editor_backend_pid=$!
}
