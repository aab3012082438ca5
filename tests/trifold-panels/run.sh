# tests/trifold-panels/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  The tri-fold's panels are layout data: each layout
# here (a Z-fold; the back panel on the inside) extends trifold.yaml and
# changes only panels:.  With each, the tri-fold of every audience
# (tests/pairings/trifold-*.md) builds in both variants, passes pdfcheck,
# and has its cover, back panel and text panels where the layout says
# (tests/trifold_panels.py, which reads the layout on its own); the
# catalogue's tri-folds are checked the same way against trifold.yaml.
TP=$SCRATCH/trifold-panels
rm -rf "$TP" && mkdir -p "$TP/doc" && cp -r layouts "$TP/lay" && cp tests/trifold-panels/*.yaml "$TP/lay/"
# pdfcheck runs "LEAFPRESS dump|text FILE": a wrapper gives each the layouts
printf '#!/bin/sh\ncmd=$1; shift; exec "%s" "$cmd" --layouts "%s" "$@"\n' \
    "$(cd "$(dirname "$LEAFPRESS")" && pwd)/$(basename "$LEAFPRESS")" "$TP/lay" >"$TP/lp"
chmod +x "$TP/lp"
for lay in tests/trifold-panels/*.yaml; do
    name=$(basename "$lay" .yaml)
    for md in tests/pairings/trifold-*.md; do
        sed "s/^format: .*/&\nlayout: $name/" "$md" >"$TP/doc/$name-$(basename "$md")"
    done
done
if "$TP/lp" build -o "$TP/out" "$TP"/doc/*.md >/dev/null 2>"$TP/err" &&
    python3 tests/pdfcheck.py "$TP/out" "$TP/lp" "$TP"/doc/*.md >"$TP/check.out" 2>&1; then
    ok
else
    no "building the tri-folds of tests/trifold-panels:"; head -3 "$TP/err"; grep FAIL "$TP/check.out" | head -5
fi
# Every tri-fold of the tests that builds is checked against trifold.yaml
# too (the checks of type that hold for any layout among them: numbers to
# call bold, lines at least 1.1 times their size apart, no date split).
# (Those of tests/stranger that are refused on purpose are left out; every
# other one must build: tests/layout/trifold-young-people-long's three-line
# title is set only when the cover's disc shrinks to make room.)
TT="$(grep -l '^format: trifold' tests/golden/*.md tests/pairings/*.md tests/layout/*.md tests/a11y/*.md \
    tests/stress/*.md tests/lint/*.md)"
for md in $(grep -l '^format: trifold' tests/stranger/*.md); do
    "$LEAFPRESS" dump "$md" >/dev/null 2>&1 && TT="$TT $md"
done
for md in "$TP"/doc/*.md content/*/*.md $TT; do
    name=$(sed -n 's/^layout: //p' "$md")
    grep -q '^format: trifold' "$md" || continue
    "$TP/lp" dump "$md" >"$TP/dump" 2>/dev/null &&
        python3 tests/trifold_panels.py "$TP/lay" "${name:-trifold}" "$TP/dump" "$md" >"$TP/panels.out" 2>&1 &&
        ok || { no "$md: its panels are not where layout ${name:-trifold} puts them:"; head -5 "$TP/panels.out"; }
done
# A tri-fold whose text fills fewer panels than the layout has builds, with
# a warning at the text's end naming the blank panels.
for md in tests/stranger/trifold-*-very-short.md; do
    "$LEAFPRESS" build -o "$TP/short" "$md" >/dev/null 2>"$TP/short.err" &&
        grep -qF "$md:16:1: warning: the text fills 1 of the tri-fold's 4 panels: inside.middle, inside.right, outside.flap are blank (" \
            "$TP/short.err" && ok || { no "$md: no warning about its blank panels:"; head -3 "$TP/short.err"; }
done
# The long and short tri-folds of tests/layout/ (one per audience) pass the
# same PDF checks as the catalogue's, in both variants.
TL="$(ls tests/layout/trifold-*-long.md tests/layout/trifold-*-short.md)"
"$LEAFPRESS" build -o "$TP/layout" $TL >/dev/null 2>&1 &&
    python3 tests/pdfcheck.py "$TP/layout" "$LEAFPRESS" $TL >"$TP/layout.out" 2>&1 && ok ||
    { no "tests/layout's tri-folds:"; grep -v '^pdfcheck:' "$TP/layout.out" | head -10; }
