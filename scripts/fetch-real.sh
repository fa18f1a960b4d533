#!/usr/bin/env bash
# Re-creates eval/real/texts/ (git-ignored) from the locators in eval/real/papers.json, where the
# tools on this machine allow. The texts are third-party and copyrighted: never commit them.
#
# What it can do: the papers whose text sits in a git repository that the search tool's `fetch`
# has mirrored under ../.mirror/ (beside the checkout) <owner>+<name>/repo (git show, then pdftotext for PDFs, from
# Debian's poppler-utils). What it cannot do: `fetch` itself and `read_file` are verbs of the
# search tool, not shell commands, so a missing mirror, and the three papers stored only as
# read_file ids (ReFT, AlphaEdit, AxBench), are reported with what to run instead.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=eval/real/texts
MIRRORS=${MIRRORS:-"$(cd "$(dirname "$0")/.." && pwd)/../.mirror"}
mkdir -p "$OUT"
missing=0

gitdir() { # owner/name -> the mirror's git directory, or nothing
  local d="$MIRRORS/${1/\//+}"
  if [[ -d "$d/repo" ]]; then echo "$d/repo"; elif [[ -d "$d" ]]; then echo "$d"; fi
}

need() { echo "NOT FETCHED: $OUT/$1 — $2"; missing=$((missing + 1)); }

have_pdftotext() {
  command -v pdftotext >/dev/null && return 0
  echo "pdftotext is missing: apt-get install -y poppler-utils"
  return 1
}

# geva2021: one PDF in viktor-shcherb/msc_thesis
g=$(gitdir viktor-shcherb/msc_thesis)
if [[ -z "$g" ]]; then need geva2021.txt "call the search tool: fetch github:viktor-shcherb/msc_thesis, then rerun"
elif have_pdftotext; then
  git --git-dir "$g" show 76c5ebcd6ff0977ef824ac57734299a0f7a59db2:references/2021-11-ff-layers-key-value-memories/2012.14913.pdf \
    | pdftotext - - > "$OUT/geva2021.txt" && echo "fetched: $OUT/geva2021.txt" || need geva2021.txt "git show or pdftotext failed"
else need geva2021.txt "install poppler-utils"; fi

# rome-meng2022: twelve PDF chunks in Hypogenic-AI/isolate-knowledge-updates-claude, joined in order
g=$(gitdir Hypogenic-AI/isolate-knowledge-updates-claude)
if [[ -z "$g" ]]; then need rome-meng2022.txt "call the search tool: fetch github:Hypogenic-AI/isolate-knowledge-updates-claude, then rerun"
elif have_pdftotext; then
  ok=1; : > "$OUT/rome-meng2022.txt.part"
  for n in $(seq -w 1 12); do
    git --git-dir "$g" show "dd5bfe1604a43a3537a05286071028c648a15312:papers/pages/2202.05262_Locating_and_Editing_Factual_Associations_in_GPT_chunk_0$n.pdf" \
      | pdftotext - - >> "$OUT/rome-meng2022.txt.part" || ok=0
  done
  if [[ $ok = 1 ]]; then mv "$OUT/rome-meng2022.txt.part" "$OUT/rome-meng2022.txt"; echo "fetched: $OUT/rome-meng2022.txt"
  else rm -f "$OUT/rome-meng2022.txt.part"; need rome-meng2022.txt "a chunk failed in git show or pdftotext"; fi
else need rome-meng2022.txt "install poppler-utils"; fi

# ioi-wang2023, acdc-conmy2023: ar5iv Markdown in Sohailm25/persona-circuits, as stored
g=$(gitdir Sohailm25/persona-circuits)
for pair in ioi-wang2023.md:wang2022_ioi_circuit.md acdc-conmy2023.md:conmy2023_acdc.md; do
  f=${pair%%:*} src=${pair#*:}
  if [[ -z "$g" ]]; then need "$f" "call the search tool: fetch github:Sohailm25/persona-circuits (or read_file the id in papers.json and save every page unchanged)"
  else git --git-dir "$g" show "HEAD:background-work/papers/$src" > "$OUT/$f" && echo "fetched: $OUT/$f" || need "$f" "git show failed"; fi
done

# Stored only as read_file ids: no shell route.
for pair in reft-wu2024.md:52314267736 alphaedit-fang2025.md:11889289142 axbench-wu2025.md:67377163451; do
  f=${pair%%:*} id=${pair#*:}
  [[ -s "$OUT/$f" ]] && { echo "kept: $OUT/$f"; continue; }
  need "$f" "only the search tool's read_file has it: read_file id $id at offsets 0, 16000, 32000, … and save the pages concatenated, unchanged, up to the references heading"
done

echo
if [[ $missing -gt 0 ]]; then echo "$missing text(s) not fetched; npm run eval:real reports them as absent."; else echo "all texts present."; fi
exit 0
