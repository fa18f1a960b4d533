#!/usr/bin/env bash
# Re-creates eval/real-latex/trees/<slug>/ (git-ignored) from the locators in eval/real-latex/trees.json,
# where the tools on this machine allow. The trees are third-party papers: never commit them.
#
# What it can do: extract each tree from a git mirror that the search tool's `fetch` has made under
# ../.mirror/ (beside the checkout) <owner>+<name>/repo: the .tex/.sty/.cls/.bib/.bbl files under <subdir> at <commit>.
# What it cannot do: `fetch` is a verb of the search tool, not a shell command, so for a missing
# mirror it says what to run instead. A tree already present is kept (pass --force to re-extract).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=eval/real-latex/trees
LOCATORS=eval/real-latex/trees.json
MIRRORS=${MIRRORS:-"$(cd "$(dirname "$0")/.." && pwd)/../.mirror"}
FORCE=0; [[ "${1:-}" == "--force" ]] && FORCE=1
mkdir -p "$OUT"
missing=0

gitdir() { # owner/name -> the mirror's git directory, or nothing
  local d="$MIRRORS/${1/\//+}"
  if [[ -d "$d/repo" ]]; then echo "$d/repo"; elif [[ -d "$d/objects" ]]; then echo "$d"; fi
}

while IFS='|' read -r slug repo commit subdir root; do
  dest="$OUT/$slug"
  if [[ -f "$dest/$root" && $FORCE = 0 ]]; then echo "kept: $dest"; continue; fi
  g=$(gitdir "$repo")
  if [[ -z "$g" ]]; then
    echo "NOT FETCHED: $dest — no mirror of $repo; call the search tool: fetch github:$repo, then rerun"
    missing=$((missing + 1)); continue
  fi
  if ! git --git-dir "$g" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "NOT FETCHED: $dest — the mirror of $repo lacks commit $commit (fetch github:$repo again)"
    missing=$((missing + 1)); continue
  fi
  # Only the sources matter here: LaTeX, styles and bibliographies, written blob by blob (a snapshot
  # lacks files of 4 MiB and more, so a whole-tree `git archive` can fail on a model or a PDF).
  rm -rf "$dest"; mkdir -p "$dest"; ok=1; n=0
  prefix=${subdir:+$subdir/}
  while IFS=$'\t' read -r meta path; do
    rel=${path#"$prefix"}
    mkdir -p "$dest/$(dirname "$rel")"
    if git --git-dir "$g" cat-file blob "${meta##* }" > "$dest/$rel" 2>/dev/null; then n=$((n + 1)); else ok=0; rm -f "$dest/$rel"; fi
  done < <(git --git-dir "$g" ls-tree -r "$commit" -- ${subdir:+"$subdir"} | grep -E $'\t.*\\.(tex|sty|cls|bib|bbl|bst|def|cfg|clo|ltx)$')
  if [[ -f "$dest/$root" ]]; then echo "fetched: $dest ($n files, $(find "$dest" -name '*.tex' | wc -l) .tex)$([[ $ok = 0 ]] && echo '; some blobs missing')"
  else echo "NOT FETCHED: $dest — extracted, but its root $root is missing"; missing=$((missing + 1)); fi
done < <(node -e '
  for (const t of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")))
    console.log([t.slug, t.repo, t.commit, t.subdir || "", t.root].join("|"));
' "$LOCATORS")

echo
if [[ $missing -gt 0 ]]; then echo "$missing tree(s) not fetched; npm run eval:real-latex reports them as absent."; else echo "all trees present."; fi
exit 0
