# tests/integrity/run.sh — sourced by tests/run.sh (uses LEAFPRESS, SCRATCH,
# ok, no).  What is in the output folder can be trusted: no two documents
# write one PDF, no layout writes outside -o, a failed rebuild keeps the
# last good PDF, and what killed builds leave is swept.

I=$SCRATCH/integrity
mkdir -p "$I"
GUIDE=tests/hostile/tab-ok.md          # a one-minute guide for professionals
TRIFOLD=tests/golden/trifold-basic.md  # a tri-fold for families
POSTER=content/families/helplines-poster.md

# collide NAME 'file...' 'error text' 'error text': the batch (the files,
# plus a good document) refuses each colliding file naming the other, builds
# the good one, writes no PDF for the others and exits 1.
collide() {
    name=$1; shift
    rm -rf "$I/out"
    "$LEAFPRESS" build -o "$I/out" "$I/$name" "$I/good.md" >/dev/null 2>"$I/err"
    rc=$?
    bad=
    for want in "$@"; do grep -qF -- "$want" "$I/err" || bad="$bad '$want'"; done
    others=$(find "$I/out" -name '*.pdf' ! -name 'good.pdf' 2>/dev/null)
    if [ $rc -ne 1 ] || [ -n "$bad" ] || [ -n "$others" ] || [ ! -f "$I/out/professionals/good.pdf" ]; then
        no "collision $name (exit $rc): missing$bad; PDFs: $others"; head -4 "$I/err"
    else
        ok
    fi
}
cp "$GUIDE" "$I/good.md"

# Names that differ only in case.
mkdir -p "$I/case"
cp "$GUIDE" "$I/case/Guide.md"; cp "$GUIDE" "$I/case/guide.md"
collide case "case/Guide.md: error: writes $I/out/print/professionals/guide.pdf, as does $I/case/guide.md" \
    "case/guide.md: error: writes $I/out/print/professionals/guide.pdf, as does $I/case/Guide.md"

# The same name in two folders.
mkdir -p "$I/two/a" "$I/two/b"
cp "$GUIDE" "$I/two/a/x.md"; cp "$GUIDE" "$I/two/b/x.md"
collide two "two/a/x.md: error: writes $I/out/print/professionals/x.pdf, as does $I/two/b/x.md" \
    "two/b/x.md: error: writes $I/out/print/professionals/x.pdf, as does $I/two/a/x.md"

# Two long names cut to the same hundred characters.
mkdir -p "$I/long"
long=$(printf 'what-to-do%.0s' 1 2 3 4 5 6 7 8 9 10)
cp "$GUIDE" "$I/long/$long-first.md"; cp "$GUIDE" "$I/long/$long-second.md"
collide long "$long-first.md: error: writes $I/out/print/professionals/$long.pdf, as does" \
    "$long-second.md: error: writes $I/out/print/professionals/$long.pdf, as does"

# A poster's A4 edition and a document whose own name ends in -a4.
mkdir -p "$I/poster"
cp "$POSTER" "$I/poster/help.md"; cp "$TRIFOLD" "$I/poster/help-a4.md"
collide poster "poster/help.md: error: writes $I/out/families/help-a4.pdf, as does $I/poster/help-a4.md" \
    "poster/help-a4.md: error: writes $I/out/families/help-a4.pdf, as does $I/poster/help.md"

# Names that collide but in different audiences or variants do not.
mkdir -p "$I/apart"
cp "$GUIDE" "$I/apart/same.md"; mkdir -p "$I/apart/f"; cp "$TRIFOLD" "$I/apart/f/same.md"
rm -rf "$I/out"
if "$LEAFPRESS" build -o "$I/out" "$I/apart" >/dev/null 2>"$I/err" &&
    [ -f "$I/out/professionals/same.pdf" ] && [ -f "$I/out/families/same.pdf" ]; then
    ok
else
    no "same name in two audiences refused:"; head -3 "$I/err"
fi

# One file named twice (its folder and itself, or two spellings of its
# path) is one document: built once, not refused as a collision.
mkdir -p "$I/once"
cp "$GUIDE" "$I/once/only.md"
rm -rf "$I/out"
if "$LEAFPRESS" build --variant screen -o "$I/out" "$I/once" "$I/once/only.md" "$I/once/../once/only.md" \
    >"$I/log" 2>"$I/err" && [ -f "$I/out/professionals/only.pdf" ] && ! grep -q 'as does' "$I/err" &&
    [ "$(grep -c '^built ' "$I/log")" -eq 1 ]; then
    ok
else
    no "one file named three ways:"; head -3 "$I/err"
fi

# Output that cannot be written: -o names a file, or a folder has the
# PDF's name.  Exit 1 with the path and a hint, and the batch goes on.
: >"$I/a-file"
rm -rf "$I/out" && mkdir -p "$I/out/professionals/good.pdf"
"$LEAFPRESS" build --variant screen -o "$I/a-file" "$I/good.md" >/dev/null 2>"$I/err1"
rc1=$?
"$LEAFPRESS" build --variant screen -o "$I/out" "$I/good.md" "$I/once/only.md" >/dev/null 2>"$I/err2"
rc2=$?
if [ $rc1 -eq 1 ] && grep -q "a-file/professionals: error: cannot create directory: .* (.*)$" "$I/err1" &&
    [ $rc2 -eq 1 ] && grep -q "good.pdf: error: cannot write the output file: Is a directory (a folder has the PDF's name.*)$" "$I/err2" &&
    [ -f "$I/out/professionals/only.pdf" ]; then
    ok
else
    no "unwritable output (exit $rc1, $rc2):"; cat "$I/err1" "$I/err2" | head -4
fi
rm -rf "$I/out"

# A folder with no document in it (or a folder named like one) is an error
# in build and check, not a run that builds nothing and exits 0; the good
# document beside it still builds.
rm -rf "$I/out" "$I/nodocs.md" "$I/nodocs"
mkdir -p "$I/nodocs.md" "$I/nodocs/sub"
: >"$I/nodocs/notes.txt"
"$LEAFPRESS" build --variant screen -o "$I/out" "$I/nodocs.md" "$I/nodocs" "$I/good.md" >/dev/null 2>"$I/err1"
rc1=$?
"$LEAFPRESS" check "$I/nodocs" >/dev/null 2>"$I/err2"
rc2=$?
if [ $rc1 -eq 1 ] && grep -q "nodocs.md: error: no documents in this folder (.*)$" "$I/err1" &&
    grep -q "nodocs: error: no documents in this folder" "$I/err1" && grep -q "1 built, 2 failed" "$I/err1" &&
    [ -f "$I/out/professionals/good.pdf" ] && [ $rc2 -eq 1 ] && grep -q "1 error" "$I/err2"; then
    ok
else
    no "folders with no documents (exit $rc1, $rc2):"; cat "$I/err1" "$I/err2" | head -5
fi
rm -rf "$I/out"

# `new -o FOLDER` writes the title's file in that folder (it said "File
# exists").
rm -rf "$I/newdir" && mkdir -p "$I/newdir"
"$LEAFPRESS" new --format trifold --audience families -o "$I/newdir" "At the park" >/dev/null 2>"$I/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^format: trifold" "$I/newdir/at-the-park.md"; then
    ok
else
    no "new -o FOLDER (exit $rc):"; head -3 "$I/err"
fi

# A key written under another name is pointed at the real one, not at a key
# of similar letters ('for' is not 'fit').
printf -- '---\ntitle: Test\nformat: one-minute-guide\nfor: families\n---\n\nHello there.\n' >"$I/for.md"
"$LEAFPRESS" check "$I/for.md" >/dev/null 2>"$I/err"
if grep -q "for.md:4:1: error: unknown front-matter key 'for' (did you mean 'audience'?)" "$I/err"; then
    ok
else
    no "'for:' suggestion:"; head -3 "$I/err"
fi

# A theme file whose name cannot be an audience ('My Theme.yaml', '-rf.yaml')
# is named in a warning, not silently skipped, and builds go on.
rm -rf "$I/lay" "$I/out" && cp -r layouts "$I/lay"
cp layouts/themes/families.yaml "$I/lay/themes/My Theme.yaml"
cp layouts/themes/families.yaml "$I/lay/themes/-rf.yaml"
"$LEAFPRESS" build --layouts "$I/lay" --variant screen -o "$I/out" "$I/good.md" >/dev/null 2>"$I/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "themes/My Theme.yaml: warning: not read as an audience" "$I/err" &&
    grep -q "themes/-rf.yaml: warning: not read as an audience" "$I/err" && [ ! -e "$I/out/-rf" ] &&
    [ -f "$I/out/professionals/good.pdf" ]; then
    ok
else
    no "theme files that cannot be audiences (exit $rc):"; head -3 "$I/err"
fi
rm -rf "$I/lay" "$I/out"

# A layout that cannot be loaded is said once at its own line, and each
# document that names it is told at its layout: line (it had no line).
rm -rf "$I/lay" "$I/out" && cp -r layouts "$I/lay"
sed -i 's/^format:/formatx:/' "$I/lay/trifold.yaml"
"$LEAFPRESS" build --layouts "$I/lay" --variant screen -o "$I/out" "$TRIFOLD" "$I/good.md" >/dev/null 2>"$I/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(grep -c "lay/trifold.yaml:[0-9]*:1: error: unknown layout key 'formatx'" "$I/err")" = 1 ] &&
    grep -q "^$TRIFOLD:[0-9]*:[0-9]*: error: layout 'trifold' with theme 'families' could not be loaded (" "$I/err" &&
    [ -f "$I/out/professionals/good.pdf" ]; then
    ok
else
    no "a layout that cannot be loaded (exit $rc):"; head -3 "$I/err"
fi
rm -rf "$I/lay" "$I/out"

# --dry-run (the Makefile's first step) finds the same, and writes nothing.
rm -rf "$I/out"
"$LEAFPRESS" build --dry-run -o "$I/out" "$I/case" "$I/good.md" >/dev/null 2>"$I/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "case/Guide.md: error: writes" "$I/err" &&
    grep -q "1 documents would be built, 2 refused" "$I/err" && [ ! -e "$I/out" ]; then
    ok
else
    no "build --dry-run on colliding names (exit $rc):"; head -3 "$I/err"
fi

# An edition suffix cannot leave the output folder.
rm -rf "$I/lay" "$I/out" "$I/escape"
cp -r layouts "$I/lay"
sed -i 's|suffix: "-a4"|suffix: "/../../escape/x"|' "$I/lay/poster.yaml"
line=$(grep -n 'escape/x' "$I/lay/poster.yaml" | cut -d: -f1)
mkdir -p "$I/escape-doc"; cp "$POSTER" "$I/escape-doc/help.md"
"$LEAFPRESS" build --layouts "$I/lay" -o "$I/out/deep" "$I/escape-doc/help.md" >/dev/null 2>"$I/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "poster.yaml:$line:[0-9]*: error: edition suffix '/../../escape/x' would leave the output folder" "$I/err" &&
    [ -z "$(find "$I" -name '*.pdf' -newer "$I/lay/poster.yaml" 2>/dev/null)" ]; then
    ok
else
    no "edition suffix leaving -o (exit $rc):"; head -3 "$I/err"; find "$I" -name '*.pdf' -newer "$I/lay/poster.yaml"
fi

# A failed rebuild keeps the last good PDF: after a document error, and
# after a write error in its second PDF (the print folder is a file).
mkdir -p "$I/keep"
cp "$GUIDE" "$I/keep/doc.md"
rm -rf "$I/kout"
"$LEAFPRESS" build -o "$I/kout" "$I/keep/doc.md" >/dev/null 2>&1
cp "$I/kout/professionals/doc.pdf" "$I/keep/before.pdf"
echo 'A broken {{contact:no-such-contact}} line.' >>"$I/keep/doc.md"
"$LEAFPRESS" build -o "$I/kout" "$I/keep/doc.md" >/dev/null 2>"$I/err"
rc1=$?
cp "$GUIDE" "$I/keep/doc.md"; echo 'A new last line.' >>"$I/keep/doc.md"
rm -rf "$I/kout/print"; : >"$I/kout/print"
"$LEAFPRESS" build -o "$I/kout" "$I/keep/doc.md" >/dev/null 2>"$I/err2"
rc2=$?
left=$(find "$I/kout" -name '*.tmp.*')
if [ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && cmp -s "$I/kout/professionals/doc.pdf" "$I/keep/before.pdf" &&
    grep -q "cannot create directory" "$I/err2" && [ -z "$left" ]; then
    ok
else
    no "failed rebuild did not keep the last PDF (exits $rc1 $rc2; left: $left):"; head -2 "$I/err2"
fi

# Killed builds' leftovers are swept by the next build: temporary PDFs in
# the output folder.  A build writes nothing to $TMPDIR (fonts are embedded
# from memory), and leaves what others put there alone.
mkdir -p "$I/tmp" "$I/sw/professionals"
: >"$I/tmp/unrelated-999999999-abcdef"
: >"$I/sw/professionals/x.pdf.tmp.999999999.abcdef"
TMPDIR=$I/tmp "$LEAFPRESS" build --variant screen -o "$I/sw" "$GUIDE" >/dev/null 2>&1
if [ -e "$I/tmp/unrelated-999999999-abcdef" ] && [ "$(ls -A "$I/tmp")" = "unrelated-999999999-abcdef" ] &&
    [ ! -e "$I/sw/professionals/x.pdf.tmp.999999999.abcdef" ] && [ -s "$I/sw/professionals/$(basename "$GUIDE" .md).pdf" ]; then
    ok
else
    no "stale temporary PDFs not swept, or the build wrote to TMPDIR: $(ls "$I/tmp" "$I/sw/professionals")"
fi
# ...and a catalogue's, beside index.html and among the thumbnails.
mkdir -p "$I/cat/thumbs/professionals"
: >"$I/cat/index.html.tmp.999999999"
: >"$I/cat/thumbs/professionals/x.tmp.999999999.png"
"$LEAFPRESS" catalogue -o "$I/cat" "$I/keep" >/dev/null 2>&1
if [ ! -e "$I/cat/index.html.tmp.999999999" ] && [ ! -e "$I/cat/thumbs/professionals/x.tmp.999999999.png" ]; then
    ok
else
    no "a killed catalogue's temporary files are not swept"
fi
