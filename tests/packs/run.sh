# tests/packs/run.sh — sourced by tests/run.sh (uses LEAFPRESS, SCRATCH, ok,
# no).  Handout packs: every pack under content/packs/ builds into one tagged
# PDF per variant with its cover, contents, bookmarks and right-hand starts;
# bad pack files fail at their line:col and write nothing.

PK=$SCRATCH/packs
mkdir -p "$PK"
for pack in content/packs/*.yaml; do
    slug=$(basename "$pack" .yaml)
    rm -rf "$PK/out"
    if ! SOURCE_DATE_EPOCH=1800000000 "$LEAFPRESS" pack -o "$PK/out" "$pack" >"$PK/log" 2>&1; then
        no "pack $pack does not build:"; head -5 "$PK/log"; continue
    fi
    pdf=$PK/out/packs/$slug.pdf print=$PK/out/print/packs/$slug.pdf
    if [ -f "$pdf" ] && [ -f "$print" ] && qpdf --check "$pdf" >/dev/null 2>&1 &&
        qpdf --check "$print" >/dev/null 2>&1; then ok; else no "pack $slug: missing or damaged PDFs"; fi
    # The cover says what, when, where and who.
    title=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$pack")
    venue=$(sed -n 's/^venue: *//p' "$pack")
    pdftotext -l 1 "$pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$PK/cover.txt"
    date_words=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d.strftime('%A ') + str(d.day) + d.strftime(' %B %Y'))" \
        "$(sed -n 's/^date: *//p' "$pack")")
    bad=
    for want in "$(echo "$title" | cut -c1-30)" "$date_words" "$venue"; do
        grep -qF -- "$want" "$PK/cover.txt" || bad="$bad '$want'"
    done
    if [ -z "$bad" ]; then ok; else no "pack $slug: the cover lacks$bad: $(cut -c1-200 "$PK/cover.txt")"; fi
    # Bookmarks, right-hand starts, Parts and contents links, in both variants.
    titles=
    for doc in $(sed -n 's/^ *- *\([a-z0-9/_-]*\).*/\1/p' "$pack"); do
        t=$(sed -n 's/^title: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "content/$doc.md" | head -1)
        titles="$titles$t
"
    done
    for f in "$pdf" "$print"; do
        if printf '%s' "$titles" | (IFS='
'; set -f; python3 tests/packcheck.py "$f" "$title" $(cat)) >"$PK/check" 2>&1; then
            ok
        else
            no "packcheck $f:"; head -8 "$PK/check"
        fi
    done
    # The Matterhorn-style tagging rules, on both variants.
    if python3 tests/tagcheck.py --pdf "$title" "$pdf" "$print" >"$PK/tags" 2>&1; then
        ok
    else
        no "tagcheck of pack $slug:"; grep -v '^tagcheck:' "$PK/tags" | head -8
    fi
    # Print: trimmed, bled and marked like every print PDF.
    if pdfinfo -box "$print" 2>/dev/null | grep -q 'BleedBox' &&
        [ "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" = "$(pdfinfo "$print" | sed -n 's/^Pages: *//p')" ]; then
        ok
    else
        no "pack $slug: the print variant has no bleed or another page count"
    fi
done

# Bad pack files: the message at line:col, exit 1, no PDF.
for f in tests/packs/bad/*.yaml; do
    rm -rf "$PK/bad"
    "$LEAFPRESS" pack -o "$PK/bad" "$f" >/dev/null 2>"$PK/err"
    rc=$?
    want=$(cat "${f%.yaml}.err")
    if [ $rc -eq 1 ] && grep -qF -- "$want" "$PK/err" && [ -z "$(find "$PK/bad" -name '*.pdf' 2>/dev/null)" ]; then
        ok
    else
        no "bad pack $f (exit $rc): wanted '$want', got:"; head -3 "$PK/err"
    fi
done
