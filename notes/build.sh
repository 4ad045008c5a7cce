#!/usr/bin/env bash
# Regenerates notes/NAME.tex from every notes/NAME.yaml (and notes/KIND/NAME.tex: conv nets, …) with `chainrule explain NAME.yaml --format latex`.
# Each .tex is a standalone document for plain pdflatex. NotesLatexDriftTest fails when a committed .tex
# differs from what the code produces now; run this script after changing a spec or the LaTeX output.
#   notes/build.sh            regenerate every .tex
#   notes/build.sh --pdf      and compile each with pdflatex into notes/pdf/ (not committed)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname "$here")
pdf=false
[ "${1:-}" = "--pdf" ] && pdf=true
for spec in "$here"/*.yaml "$here"/*/*.yaml; do
    [ -e "$spec" ] || continue
    dir=$(dirname "$spec")
    name=$(basename "$spec" .yaml)
    status=0
    "$root/chainrule" explain "$spec" --format latex -o "$dir/$name.tex" || status=$?
    # exit 1 means a gradient check failed: the document is still written, and the failure is worth seeing
    if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
        echo "notes/build.sh: chainrule failed on $name.yaml (exit $status)" >&2
        exit "$status"
    fi
    [ "$status" -eq 1 ] && echo "notes/build.sh: warning: a gradient check failed in $name.yaml" >&2
    echo "${dir#"$root"/}/$name.tex"
    if $pdf; then
        mkdir -p "$here/pdf"
        (cd "$here/pdf" && pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape "$dir/$name.tex" >/dev/null) \
            || { echo "notes/build.sh: pdflatex failed on $name.tex (see notes/pdf/$name.log)" >&2; exit 1; }
    fi
done
