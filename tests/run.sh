#!/bin/sh
# The end-to-end suite: PDF checks on every built document, golden box dumps,
# bad input, batch isolation.  Prints "N passed, N failed" last.
set -u
cd "$(dirname "$0")/.."
LEAFPRESS=${LEAFPRESS:-build/leafpress}
OUT=${OUT:-out}
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

# Build everything into OUT unless make already did (OUT=out).
if [ "$OUT" != out ]; then
    "$LEAFPRESS" build -o "$OUT" content >/dev/null 2>"$SCRATCH/build.err" || {
        no "building content/ into $OUT:"; cat "$SCRATCH/build.err"; }
    for pack in content/packs/*.yaml; do
        [ -f "$pack" ] || continue
        "$LEAFPRESS" pack -o "$OUT" "$pack" >/dev/null 2>"$SCRATCH/build.err" || {
            no "building $pack into $OUT:"; cat "$SCRATCH/build.err"; }
    done
fi

# 1. Every built PDF, checked with qpdf, pdffonts, pdftotext, pdfinfo.
if python3 tests/pdfcheck.py "$OUT" "$LEAFPRESS" $(find content -name '*.md' | sort) \
    >"$SCRATCH/pdfcheck.out" 2>&1; then
    ok
else
    no "pdfcheck:"
fi
grep -v '^pdfcheck:' "$SCRATCH/pdfcheck.out" | head -40
tail -1 "$SCRATCH/pdfcheck.out"

# 1b. Every print PDF: the PDF/X-4 preflight (output intent, Info and XMP,
# boxes, colour spaces, no annotations in the bleed, registration marks, slug).
if python3 tests/print_check.py "$OUT" >"$SCRATCH/printcheck.out" 2>&1; then
    ok
else
    no "print_check:"; grep -v '^ok' "$SCRATCH/printcheck.out" | head -30
fi
tail -1 "$SCRATCH/printcheck.out"

# 1c. Tagging: PDF/UA essentials and reading order, on every PDF.
if python3 tests/tagcheck.py "$OUT" "$LEAFPRESS" $(find content -name '*.md' | sort) \
    >"$SCRATCH/tagcheck.out" 2>&1; then
    ok
else
    no "tagcheck:"; grep -v '^tagcheck:' "$SCRATCH/tagcheck.out" | head -30
fi
tail -1 "$SCRATCH/tagcheck.out"

# 1c-bis. The check can fail: an easy-read PDF tampered with (a caption
#         retyped as Aside, the figures' /Alt renamed away, the bookmarks
#         unhooked) must fail on those rules.
mkdir -p "$SCRATCH/tamper/young-people"
qpdf --qdf --object-streams=disable "$OUT/young-people/what-is-sexual-abuse.pdf" "$SCRATCH/qdf.pdf"
sed 's#/S /Caption#/S /Aside#; s#/Alt #/Alx #; s#/Outlines #/Outlinex #' "$SCRATCH/qdf.pdf" |
    fix-qdf >"$SCRATCH/tamper/young-people/what-is-sexual-abuse.pdf"
python3 tests/tagcheck.py "$SCRATCH/tamper" "$LEAFPRESS" content/young-people/what-is-sexual-abuse.md \
    >"$SCRATCH/tamper.out" 2>&1
if grep -q "02-001 .*'Aside'" "$SCRATCH/tamper.out" && grep -q "13-004 a Figure without /Alt" "$SCRATCH/tamper.out" &&
    grep -q "no bookmarks for" "$SCRATCH/tamper.out"; then
    ok
else
    no "tagcheck passed a tampered PDF:"; cat "$SCRATCH/tamper.out"
fi

# 1c''. The same on documents written to exercise the tagging: passages in
#       other languages, word lists, contact lists, icons beside headings.
"$LEAFPRESS" build -o "$SCRATCH/a11y" tests/a11y >/dev/null 2>"$SCRATCH/a11y.err" || {
    no "building tests/a11y:"; cat "$SCRATCH/a11y.err"; }
if python3 tests/tagcheck.py "$SCRATCH/a11y" "$LEAFPRESS" tests/a11y/*.md >"$SCRATCH/a11y.out" 2>&1; then
    ok
else
    no "tagcheck on tests/a11y:"; grep -v '^tagcheck:' "$SCRATCH/a11y.out" | head -20
fi

# 1c'. Every phone number printed is in contacts.yaml, and contacts.yaml's
#      numbers are the seed's.
if python3 tests/phonecheck.py "$OUT" >"$SCRATCH/phonecheck.out" 2>&1; then
    ok
else
    no "phonecheck:"; grep -v '^phonecheck:' "$SCRATCH/phonecheck.out" | head -20
fi
tail -1 "$SCRATCH/phonecheck.out"

# 1c''. Easy read packs its pages: every page but the last at least 80 % full,
#       no page holding one block on its own, no wrapped sentence ending
#       in a one-word line and no contact's name split over two lines where
#       it fits the measure (sense lines); measured on the rendered PDFs
#       of the catalogue and of tests/layout/ (documents written to test
#       packing and names, not in the catalogue).
"$LEAFPRESS" build --variant screen -o "$SCRATCH/layout" tests/layout/*.md >/dev/null 2>"$SCRATCH/layout.err" ||
    { no "building tests/layout:"; cat "$SCRATCH/layout.err"; }
#       A page the author ends (*** before the next section) is exempt
#       from the fill: the sources are given for that.  The other easy-read
#       documents of tests/ (golden, a11y, stress, pairings, lint) pass the
#       same checks, and tests/stranger's their lines and names.
if python3 tests/easyread_fill.py --names content/contacts.yaml $(grep -l '^format: easy-read' content/*/*.md |
        sed "s|^content/\(.*\)\.md$|$OUT/\1.pdf|") "$SCRATCH"/layout/*/easyread-*.pdf \
        $(grep -l '^format: easy-read' content/*/*.md tests/layout/*.md) \
        >"$SCRATCH/fill.out" 2>&1; then
    ok
else
    no "easy-read page fill:"; grep -v '^easyread_fill:' "$SCRATCH/fill.out" | head -20
fi
tail -1 "$SCRATCH/fill.out"
for set in golden a11y stress pairings lint stranger; do
    mds=$(grep -l '^format: easy-read' tests/$set/*.md)
    rm -rf "$SCRATCH/er-$set"
    "$LEAFPRESS" build --variant screen -o "$SCRATCH/er-$set" $mds >/dev/null 2>&1 # some refused on purpose
    flags=; [ $set = stranger ] && flags=--no-fill
    if python3 tests/easyread_fill.py $flags --names content/contacts.yaml \
            $(find "$SCRATCH/er-$set" -name '*.pdf' | sort) $mds >"$SCRATCH/fill-$set.out" 2>&1; then
        ok
    else
        no "easy-read page fill, tests/$set:"; grep -v '^easyread_fill:' "$SCRATCH/fill-$set.out" | head -20
    fi
done

# 1c''2. Easy read's section headings (band or flow) are clearly larger than
#        its 16 pt rows for every audience: at least 1.5 times the body size,
#        not a theme's own h2 (12 pt for professionals, 19 for families).
weak=$(for f in tests/layout/easyread-*.md content/*/*.md; do
    grep -q '^format: easy-read' "$f" || continue
    "$LEAFPRESS" dump "$f" 2>/dev/null | awk -v f="$f" '
        / role=H2 / && / x=15\.00 / { for (i = 1; i <= NF; i++) if ($i ~ /^size=/) {
            s = substr($i, 6) + 0; if (s < 24) print f ": section heading at " s " pt" } }'
done)
if [ -z "$weak" ]; then ok; else no "easy-read headings:"; echo "$weak" | head -20; fi

# 1c3. The easy-read documents of tests/layout/ (one per audience, and one
#      with a word box under nearly every row and long sentences) pass the
#      same PDF checks as the catalogue's, in both variants.
"$LEAFPRESS" build -o "$SCRATCH/erlayout" tests/layout/easyread-*.md >/dev/null 2>&1 ||
    no "building tests/layout/easyread-*.md"
if python3 tests/pdfcheck.py "$SCRATCH/erlayout" "$LEAFPRESS" tests/layout/easyread-*.md \
    >"$SCRATCH/erpdfcheck.out" 2>&1; then
    ok
else
    no "pdfcheck on tests/layout/easyread-*.md:"; grep -v '^pdfcheck:' "$SCRATCH/erpdfcheck.out" | head -20
fi

# 1c4. Numbers to call are bold wherever they are set for families and
#      young people (DESIGN.md: plum Bold in the tri-fold's text, Bold in
#      easy read), read from the box dump of each such document.
: >"$SCRATCH/numbers.out"
for md in $(grep -lE '^audience: (families|young-people)' content/*/*.md tests/layout/*.md); do
    "$LEAFPRESS" dump "$md" 2>/dev/null | grep '^p[0-9]* text .*url="tel:' |
        grep -vE 'font=[A-Za-z-]*(Bold|Black)' | sed "s|^|$md: |" >>"$SCRATCH/numbers.out"
done
if [ -s "$SCRATCH/numbers.out" ]; then
    no "numbers to call set in a regular weight:"; head -10 "$SCRATCH/numbers.out"
else
    ok
fi

# 1c5. One-minute guides: the key-contact numbers (16 pt) of a strip sit on
#      one baseline, no heading ends a column (its text follows within 10 mm
#      in the same column, a picture within 20 mm; a label after its icon,
#      as the strip's where labels are not capitals, starts up to 10 mm right
#      of what follows it), and no footer item ("Review by November 2027") is
#      split over two lines.  Read from the box dumps.
for md in $(grep -l '^format: one-minute-guide' content/*/*.md tests/golden/guide-*.md tests/layout/guide-*.md); do
    "$LEAFPRESS" dump "$md" 2>/dev/null >"$SCRATCH/guide.dump"
    # The strip's numbers: the 16 pt links after its "KEY CONTACTS" label.
    awk '/"KEY CONTACTS "/ { on = 1; next } on && / size=8\.00 / { on = 0 }
         on && / size=16\.00 .*url="/ { match($0, / y=[0-9.]+/); print $1, substr($0, RSTART, RLENGTH) }' \
        "$SCRATCH/guide.dump" | sort -u >"$SCRATCH/strip.y"
    nums=$(wc -l <"$SCRATCH/strip.y")
    pages=$(cut -d' ' -f1 "$SCRATCH/strip.y" | sort -u | wc -l)
    if [ "$nums" -ne "$pages" ]; then
        no "$md: key-contact numbers on $nums baselines over $pages strip(s)"
    elif awk '/^p[0-9]+ (text|icon|image) / { match($0, / x=[0-9.]+/); x = substr($0, RSTART + 3, RLENGTH - 3) + 0
                match($0, / y=[0-9.]+/); y = substr($0, RSTART + 3, RLENGTH - 3) + 0
                n++; P[n] = $1; X[n] = x; Y[n] = y; H[n] = / role=H[23] / }
         END { for (i = 1; i <= n; i++) if (H[i]) { ok = 0
                   for (j = 1; j <= n; j++) if (!H[j] && P[j] == P[i] && X[j] - X[i] < 8 &&
                       X[i] - X[j] < 10 && Y[j] > Y[i] && Y[j] - Y[i] < 20) ok = 1
                   if (!ok) { print "heading at the foot of its column:", P[i], X[i], Y[i]; bad = 1 } }
               exit bad }' "$SCRATCH/guide.dump" >"$SCRATCH/heads.out"; [ $? -ne 0 ]; then
        no "$md:"; cat "$SCRATCH/heads.out"
    elif grep -qE 'size=8\.00 .*"(.* )?(Review by|Reviewed|Version) "$' "$SCRATCH/guide.dump"; then
        no "$md: a footer item is split over two lines:"; grep -E 'size=8\.00' "$SCRATCH/guide.dump" | head -4
    else
        ok
    fi
done

# 1c5'. One-minute guides: the two columns of every page end within two body
#       lines of each other (DESIGN.md), both sides of a two-sided guide too,
#       measured from the PDF's own word boxes (tests/guide_columns.py): the
#       catalogue's, the golden ones and those written to test balance at
#       different lengths (tests/layout/guide-*.md).
rm -rf "$SCRATCH/gguides"
"$LEAFPRESS" build --variant screen -o "$SCRATCH/gguides" tests/golden/guide-*.md >/dev/null 2>&1 ||
    no "building tests/golden/guide-*.md"
if python3 tests/guide_columns.py -v $(grep -l '^format: one-minute-guide' content/*/*.md |
        sed "s|^content/\(.*\)\.md$|$OUT/\1.pdf|") "$SCRATCH"/layout/*/guide-*.pdf \
        "$SCRATCH"/gguides/professionals/guide-*.pdf --warnings "$SCRATCH/layout.err" >"$SCRATCH/columns.out" 2>&1; then
    ok
else
    no "guide columns:"; grep '^FAIL' "$SCRATCH/columns.out" | head -10
fi
tail -1 "$SCRATCH/columns.out"

# 1c5g. One-minute guides of a few short sections (tests/gen_guides.py: 45
#       per audience of three sections, and 15 of two, four and five, with
#       a fixed seed): their columns end within two lines, or the build says
#       why not and they are no further apart than short blocks leave
#       (guide_columns.py), and at most one in ten of the three-section
#       guides is so (the paragraph looseness of the balancing: 56 of 135
#       were before it).
python3 tests/gen_guides.py "$SCRATCH/gen3" >/dev/null &&
    python3 tests/gen_guides.py "$SCRATCH/gen" --sections 2,4,5 --per-audience 15 --lists >/dev/null ||
    no "tests/gen_guides.py"
"$LEAFPRESS" build --variant screen -o "$SCRATCH/genpdf3" "$SCRATCH"/gen3/*.md >/dev/null 2>"$SCRATCH/gen3.err"
"$LEAFPRESS" build --variant screen -o "$SCRATCH/genpdf" "$SCRATCH"/gen/*.md >/dev/null 2>"$SCRATCH/gen.err"
if python3 tests/guide_columns.py $(find "$SCRATCH/genpdf3" "$SCRATCH/genpdf" -name '*.pdf' | sort) \
        --warnings "$SCRATCH/gen3.err" --warnings "$SCRATCH/gen.err" >"$SCRATCH/gencols.out" 2>&1 &&
        [ "$(find "$SCRATCH/genpdf3" -name '*.pdf' | wc -l)" -eq 135 ] &&
        [ "$(grep -c '^UNSPLITTABLE .*genpdf3/' "$SCRATCH/gencols.out")" -le 13 ]; then
    ok
else
    no "generated guides' columns ($(find "$SCRATCH/genpdf3" -name '*.pdf' | wc -l) three-section guides built," \
        "$(grep -c '^UNSPLITTABLE .*genpdf3/' "$SCRATCH/gencols.out") of them not within two lines):"
    grep '^FAIL' "$SCRATCH/gencols.out" | head -10
fi
tail -1 "$SCRATCH/gencols.out"

# 1c5f. One-minute guides: a footer that wraps never leaves one word on a
#       line, and never a word of its lead ("...online worries / you ·
#       Version 1.0") alone at the head of one (tests/guide_footer.py, on the
#       box dumps): the catalogue's, the golden, layout and pairing guides
#       and the generated ones (young people's large type wraps the footer).
if python3 tests/guide_footer.py "$LEAFPRESS" $(grep -l '^format: one-minute-guide' content/*/*.md \
        tests/golden/guide-*.md tests/layout/guide-*.md tests/pairings/*.md) "$SCRATCH"/gen3/*.md \
        "$SCRATCH"/gen/*.md >"$SCRATCH/footer.out" 2>&1; then
    ok
else
    no "guide footers:"; grep '^FAIL' "$SCRATCH/footer.out" | head -10
fi
tail -1 "$SCRATCH/footer.out"

# 1c5s.   One-minute guides: nothing reaches into the key-contacts strip (a
#        panel, a word, a picture), and the strip follows the text (body.gap
#        and at most two lines under it) with the white at the page's foot,
#        measured on the box dumps (tests/guide_strip.py): the catalogue's,
#        the golden ones and tests/layout's.
if python3 tests/guide_strip.py -v "$LEAFPRESS" $(grep -l '^format: one-minute-guide' content/*/*.md \
        tests/golden/guide-*.md tests/layout/guide-*.md) >"$SCRATCH/strip.out" 2>&1; then
    ok
else
    no "guide key-contacts strip:"; grep '^FAIL' "$SCRATCH/strip.out" | head -10
fi
tail -1 "$SCRATCH/strip.out"

# 1c5''. The guides and booklets of tests/layout/ (a very short guide, a
#        two-sided guide for young people with long definitions, a booklet
#        for families, ...) pass pdfcheck in both variants.
"$LEAFPRESS" build -o "$SCRATCH/gblayout" tests/layout/guide-*.md tests/layout/booklet-*.md >/dev/null 2>&1 ||
    no "building tests/layout/guide-*.md and booklet-*.md"
if python3 tests/pdfcheck.py "$SCRATCH/gblayout" "$LEAFPRESS" tests/layout/guide-*.md tests/layout/booklet-*.md \
        >"$SCRATCH/gbpdfcheck.out" 2>&1; then
    ok
else
    no "pdfcheck on tests/layout guides and booklets:"; grep FAIL "$SCRATCH/gbpdfcheck.out" | head -10
fi

# 1c5'''. Booklets: a multiple of 4 pages; no running header or page number
#         on the covers or the notes pages that pad the count; every other
#         page its header and its own number on the outer edge; contents
#         entries linked, each number the page of its chapter's heading, the
#         numbers on one edge, dot leaders to them (tests/booklet_pages.py,
#         from the box dumps); every number to call set bold: the
#         catalogue's, the golden one, tests/layout's, the pairings' and the
#         stranger and stress booklets that build.
BK="$(grep -l '^format: booklet' content/*/*.md tests/golden/*.md tests/layout/*.md tests/pairings/*.md)"
for md in $(grep -l '^format: booklet' tests/stranger/*.md tests/stress/*.md); do
    "$LEAFPRESS" dump "$md" >/dev/null 2>&1 && BK="$BK $md"
done
if python3 tests/booklet_pages.py "$LEAFPRESS" $BK >"$SCRATCH/booklets.out" 2>&1; then
    ok
else
    no "booklet pages:"; grep -v '^booklet_pages:' "$SCRATCH/booklets.out" | head -10
fi
tail -1 "$SCRATCH/booklets.out"

# 1c6. Posters: the headline's longest line fills at least 85 % of the A3
#      measure (257 mm between the 20 mm margins), as DESIGN.md asks (90 %):
#      the catalogue's and those of tests/layout/ (each audience with a long
#      headline and many long messages, and with a short one and two
#      messages; "Talk to us" filled 72 %).
for md in $(grep -l '^format: poster' content/*/*.md tests/golden/poster-*.md tests/layout/*.md); do
    fill=$("$LEAFPRESS" dump "$md" 2>/dev/null | awk '/^edition "-a3"/ { on = 1; next } /^edition / { on = 0 }
        on && / role=H1 / { match($0, / w=[0-9.]+/); w = substr($0, RSTART + 3, RLENGTH - 3) + 0
                            if (w > max) max = w }
        END { printf "%.0f", 100 * max / 257 }')
    if [ "${fill:-0}" -ge 85 ]; then ok; else no "$md: the headline fills ${fill:-0} % of the measure (85 % at least)"; fi
done

# 1c7. Young people's posters are set at the full DESIGN.md sizes, not
#      shrunk to fit: messages 32 pt and numbers 46 pt on A3, and 0.707 of
#      that on A4 (22.62 and 32.52), read from the box dumps: every number
#      to call, and every blue-deep Bold line but the footer's title (24 pt,
#      16.97 on A4).  The catalogue's exactly, on both editions; the posters
#      written to test long contact names and notes (tests/layout/) within
#      two shrink steps (95 %) on A3, never near the layout's 80 % floor.
for md in $(grep -l '^audience: young-people' $(grep -l '^format: poster' content/*/*.md tests/layout/*.md)); do
    if ! "$LEAFPRESS" dump "$md" >"$SCRATCH/yp.dump" 2>"$SCRATCH/yp.err"; then
        no "$md: did not build:"; head -3 "$SCRATCH/yp.err"; continue
    fi
    case $md in content/*) least=0.9999 both=1 ;; *) least=0.95 both= ;; esac
    awk -v both="$both" -v least="$least" '
        /^edition "-a3"/ { ed = "a3"; n = 46; m = 32; f = 24; next }
        /^edition "-a4"/ { ed = both ? "a4" : ""; n = 32.52; m = 22.62; f = 16.97; next }
        ed == "" { next }
        / text / { match($0, / size=[0-9.]+/); sz = substr($0, RSTART + 6, RLENGTH - 6) + 0 }
        / text .*url="tel:/ && (sz < n * least - 0.01 || sz > n + 0.01) {
            print ed, "number at", sz, "pt (" n ")"; bad = 1 }
        / text .*Bold .*color=blue-deep role=(P|Strong|Span)/ && !/url=/ && (sz < f * least - 0.01 || sz > f + 0.01) &&
            (sz < m * least - 0.01 || sz > m + 0.01) { print ed, "message at", sz, "pt (" m ")"; bad = 1 }
        END { exit bad }' "$SCRATCH/yp.dump" >"$SCRATCH/ypsizes.out"
    if [ $? -eq 0 ]; then ok; else no "$md: poster type below the DESIGN sizes:"; sort -u "$SCRATCH/ypsizes.out" | head -5; fi
done

# 1c8. Every catalogue poster, whatever its audience, keeps at least 0.85 of
#      DESIGN.md's message and number sizes on A3 (27.2 and 39.1 pt): a message
#      takes a third line, or the head closes up, before the type shrinks far
#      (families and professionals posters were at 0.80).  The message size is
#      the largest bold words under the partnership line, the number the smallest to call.
for md in $(grep -l '^format: poster' content/*/*.md); do
    sizes=$("$LEAFPRESS" dump "$md" 2>/dev/null | awk '/^edition "-a3"/ { on = 1; next } /^edition / { on = 0 }
        on && / text / { match($0, / size=[0-9.]+/); sz = substr($0, RSTART + 6, RLENGTH - 6) + 0
                         match($0, / y=[0-9.]+/); y = substr($0, RSTART + 3, RLENGTH - 3) + 0 }
        on && / text .*url="tel:/ { if (num == "" || sz < num) num = sz; next }
        on && / text .*Bold .*role=P / && y > 60 && sz > msg { msg = sz }
        END { printf "%s %s", msg + 0, num + 0 }')
    set -- $sizes
    if awk -v m="$1" -v n="$2" 'BEGIN { exit !(m >= 27.2 - 0.01 && n >= 39.1 - 0.01) }'; then ok
    else no "$md: A3 poster messages at $1 pt and numbers at $2 pt (27.2 and 39.1 at least)"; fi
done

# 1c9. A poster's cards and picture circles stand out from the white page
#      by 1.5:1 at least where they meet it (their edge, when they have one):
#      the families' cards and discs were 1.05-1.2:1 and their edges vanished.
if python3 tests/poster_edges.py "$LEAFPRESS" $(grep -l '^format: poster' content/*/*.md tests/pairings/*.md \
        tests/stranger/*.md tests/golden/*.md tests/layout/*.md) >"$SCRATCH/edges.out" 2>&1; then ok
else no "poster edges:"; grep -v '^ok' "$SCRATCH/edges.out" | head -5; fi

# 1c9''. Posters have no empty band (tests/poster_bands.py, from the box
#        dumps): the head is as tall as its text (the CSE poster's one-line
#        headline left 36 mm of empty head above its strapline), and the room
#        under the head is shared by the gaps between the blocks (a poster
#        of two short messages left 35-52 mm in one place).  The catalogue's,
#        the golden one and tests/layout's, which also pass pdfcheck (nothing
#        cut, inside the safe area, no overlaps) on both editions.
PL="$(grep -l '^format: poster' content/*/*.md tests/golden/*.md tests/layout/*.md)"
if python3 tests/poster_bands.py "$LEAFPRESS" $PL >"$SCRATCH/bands.out" 2>&1; then ok
else no "poster bands:"; grep '^FAIL' "$SCRATCH/bands.out" | head -5; fi
"$LEAFPRESS" build -o "$SCRATCH/playout" $(grep -l '^format: poster' tests/layout/*.md) >/dev/null 2>&1 ||
    no "building tests/layout posters"
if python3 tests/pdfcheck.py "$SCRATCH/playout" "$LEAFPRESS" $(grep -l '^format: poster' tests/layout/*.md) \
        >"$SCRATCH/ppdfcheck.out" 2>&1; then ok
else no "pdfcheck on tests/layout posters:"; grep FAIL "$SCRATCH/ppdfcheck.out" | head -10; fi

# 1c9'. Poster display type never breaks a word mid-word: a message's
#       column is widened to its longest word (messages.whole-words), else
#       the type shrinks.  'Disproportionately' was set 'Disproportio-' /
#       'nately' on both editions of the long-words poster.  No poster of
#       the catalogue, tests/layout/ or that one is set with a last-resort
#       break, and the long word stands whole on one line of each edition.
for md in $(grep -l '^format: poster' content/*/*.md tests/layout/*.md) tests/stranger/poster-professionals-long-words.md; do
    if ! "$LEAFPRESS" dump "$md" >"$SCRATCH/ww.dump" 2>"$SCRATCH/ww.err"; then
        no "$md: did not build:"; head -3 "$SCRATCH/ww.err"; continue
    fi
    if grep -q 'broken where it must be' "$SCRATCH/ww.err"; then
        no "$md: a poster word broken mid-word:"; grep 'broken where' "$SCRATCH/ww.err" | head -3
    else ok; fi
done
if [ "$(grep -c ' role=P "Disproportionately ' "$SCRATCH/ww.dump")" = 2 ]; then ok
else no "poster-professionals-long-words: 'Disproportionately' is not whole on both editions"; fi

# 1c10. Moving a block in the poster layout needs no C: a layout that
#       extends poster.yaml with body: [cards, messages] sets the contact
#       cards first (every number above every message's picture circle)
#       and passes pdfcheck,
#       for each audience's catalogue poster.
MV=$SCRATCH/poster-moved
rm -rf "$MV" && mkdir -p "$MV/doc" && cp -r layouts "$MV/lay"
printf 'extends: poster\nbody: [cards, messages]\n' >"$MV/lay/poster-cards-first.yaml"
for md in $(grep -l '^format: poster' content/*/*.md); do
    sed 's/^format: .*/&\nlayout: poster-cards-first/' "$md" >"$MV/doc/$(basename "$md")"
done
# pdfcheck runs "LEAFPRESS dump|text FILE": a wrapper gives each the layouts
printf '#!/bin/sh\ncmd=$1; shift; exec "%s" "$cmd" --layouts "%s" "$@"\n' \
    "$(cd "$(dirname "$LEAFPRESS")" && pwd)/$(basename "$LEAFPRESS")" "$MV/lay" >"$MV/lp"
chmod +x "$MV/lp"
if "$MV/lp" build -o "$MV/out" "$MV"/doc/*.md >/dev/null 2>"$MV/err" &&
    python3 tests/pdfcheck.py "$MV/out" "$MV/lp" "$MV"/doc/*.md >"$MV/check.out" 2>&1; then
    for md in "$MV"/doc/*.md; do
        "$MV/lp" dump "$md" | awk '/^edition "-a3"/ { on = 1; next } /^edition / { on = 0 }
            on && / text / { match($0, / y=[0-9.]+/); y = substr($0, RSTART + 3, RLENGTH - 3) + 0 }
            on && / text .*url="tel:/ && y > num { num = y }
            on && / rect .* r=/ { match($0, / r=[0-9.]+/); r = substr($0, RSTART + 3, RLENGTH - 3) + 0
                                  match($0, / y=[0-9.]+/); ry = substr($0, RSTART + 3, RLENGTH - 3) + 0
                                  if (r >= 10 && (disc == "" || ry < disc)) disc = ry }
            END { exit !(num > 0 && disc > num) }' && ok || no "$md: with body: [cards, messages] the cards are not above the messages"
    done
else
    no "building the catalogue posters with body: [cards, messages]:"; head -3 "$MV/err"; grep FAIL "$MV/check.out" | head -5
fi

# 1d. The same source gives the same bytes, with and without SOURCE_DATE_EPOCH.
for epoch in "" 1767225600; do
    for n in 1 2; do
        SOURCE_DATE_EPOCH=$epoch "$LEAFPRESS" build -o "$SCRATCH/det$n" \
            content/professionals/what-is-csa.md tests/golden/trifold-basic.md >/dev/null 2>&1
    done
    if [ -n "$(find "$SCRATCH/det1" -name '*.pdf')" ] && diff -r "$SCRATCH/det1" "$SCRATCH/det2" >/dev/null; then
        ok
    else
        no "two builds differ (SOURCE_DATE_EPOCH='$epoch')"
    fi
    rm -rf "$SCRATCH/det1" "$SCRATCH/det2"
done

# 2. Golden dumps: the layout decisions, one box a line.
for md in tests/golden/*.md; do
    [ -e "$md" ] || continue
    want=${md%.md}.dump
    "$LEAFPRESS" dump "$md" >"$SCRATCH/got.dump" 2>"$SCRATCH/got.err"
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$SCRATCH/got.dump" "$want"; fi
    if [ -f "$want" ] && diff -u "$want" "$SCRATCH/got.dump" >"$SCRATCH/diff" 2>&1; then
        ok
    else
        no "golden $md differs:"; head -20 "$SCRATCH/diff"; cat "$SCRATCH/got.err"
    fi
done

# 3. Bad input: each tests/bad/X.md has X.err, the error line expected on
#    stderr; the build must fail and write no PDF.
for md in tests/bad/*.md; do
    [ -e "$md" ] || continue
    want=$(cat "${md%.md}.err")
    rm -rf "$SCRATCH/bad"
    "$LEAFPRESS" build -o "$SCRATCH/bad" "$md" >/dev/null 2>"$SCRATCH/bad.err"
    rc=$?
    if [ $rc -eq 0 ]; then
        no "$md: built (exit 0), expected: $want"
    elif ! grep -qF -- "$want" "$SCRATCH/bad.err"; then
        no "$md: expected '$want', got:"; cat "$SCRATCH/bad.err"
    elif [ -n "$(find "$SCRATCH/bad" -type f 2>/dev/null)" ]; then
        no "$md: failed but left files behind: $(find "$SCRATCH/bad" -type f)"
    else
        ok
    fi
done

# 3b. Stress documents (tests/stress/README): each builds, nothing leaves its
#     frame, X.warn's line is on stderr, X.text's strings are in the PDF.
for md in tests/stress/*.md; do
    [ -e "$md" ] || continue
    name=$(basename "${md%.md}")
    rm -rf "$SCRATCH/stress"
    if ! "$LEAFPRESS" build --variant screen -o "$SCRATCH/stress" "$md" >/dev/null 2>"$SCRATCH/stress.err"; then
        no "$md: did not build:"; cat "$SCRATCH/stress.err"; continue
    fi
    if [ -f "${md%.md}.warn" ] && ! grep -qF -- "$(cat "${md%.md}.warn")" "$SCRATCH/stress.err"; then
        no "$md: expected '$(cat "${md%.md}.warn")' on stderr, got:"; cat "$SCRATCH/stress.err"; continue
    fi
    pdf=$(find "$SCRATCH/stress" -name "$name*.pdf" | sort | head -1)
    if [ -f "${md%.md}.text" ]; then
        # pdftotext drops a hyphen at a line's end, so hyphens go on both sides
        # (the unit tests show none is added inside an address).
        pdftotext "$pdf" - 2>/dev/null | tr -d ' \n\t\f-' >"$SCRATCH/stress.txt"
        missing=
        while IFS= read -r want; do
            [ -n "$want" ] && ! grep -qF -- "$(printf '%s' "$want" | tr -d ' -')" "$SCRATCH/stress.txt" &&
                missing="$missing $want"
        done <"${md%.md}.text"
        if [ -n "$missing" ]; then no "$md: not in the PDF's text:$missing"; continue; fi
    fi
    ok
done

# 4. A batch with one bad document still builds the good ones, exits non-zero.
mkdir -p "$SCRATCH/batch"
cp content/professionals/what-is-csa.md "$SCRATCH/batch/good.md"
printf -- '---\ntitle: Bad\nformat: one-minute-gide\naudience: professionals\n---\nText.\n' \
    >"$SCRATCH/batch/bad.md"
"$LEAFPRESS" build --variant screen -o "$SCRATCH/batch-out" "$SCRATCH/batch" \
    >/dev/null 2>"$SCRATCH/batch.err"
rc=$?
if [ $rc -ne 0 ] && [ -f "$SCRATCH/batch-out/professionals/good.pdf" ] &&
    [ ! -e "$SCRATCH/batch-out/professionals/bad.pdf" ] &&
    grep -q "bad.md:3:9: error: unknown format 'one-minute-gide'" "$SCRATCH/batch.err"; then
    ok
else
    no "batch isolation (exit $rc):"; cat "$SCRATCH/batch.err"
fi

# 4a. An audience is a theme: adding layouts/themes/adults.yaml adds one,
#     with its label on the download page; an unknown audience is an error.
mkdir -p "$SCRATCH/aud/content"
cp -r layouts "$SCRATCH/aud/layouts"
sed 's/^audience: .*/audience: { label: Adults with learning disabilities, order: 0 }/' \
    layouts/themes/professionals.yaml >"$SCRATCH/aud/layouts/themes/adults.yaml"
sed -i 's/^for: .*//' "$SCRATCH/aud/layouts/one-minute-guide.yaml"
sed 's/^audience: professionals/audience: adults/' content/professionals/what-is-csa.md \
    >"$SCRATCH/aud/content/for-adults.md"
sed 's/^audience: professionals/audience: adult/' content/professionals/what-is-csa.md \
    >"$SCRATCH/aud/typo.md"
if "$LEAFPRESS" build --variant screen --layouts "$SCRATCH/aud/layouts" -o "$SCRATCH/aud/out" \
        "$SCRATCH/aud/content" >/dev/null 2>"$SCRATCH/aud.err" &&
    [ -f "$SCRATCH/aud/out/adults/for-adults.pdf" ] &&
    "$LEAFPRESS" catalogue --layouts "$SCRATCH/aud/layouts" -o "$SCRATCH/aud/out" "$SCRATCH/aud/content" \
        >/dev/null 2>>"$SCRATCH/aud.err" &&
    grep -q '>Adults with learning disabilities (1)<' "$SCRATCH/aud/out/index.html" &&
    ! "$LEAFPRESS" build --layouts "$SCRATCH/aud/layouts" -o "$SCRATCH/aud/out" "$SCRATCH/aud/typo.md" \
        >/dev/null 2>"$SCRATCH/aud-typo.err" &&
    grep -q "typo.md:5:11: error: unknown audience 'adult' (did you mean 'adults'?)" "$SCRATCH/aud-typo.err" &&
    sed -i 's/^format: one-minute-guide$/&\nfor: [adults, parents]/' "$SCRATCH/aud/layouts/one-minute-guide.yaml" &&
    ! "$LEAFPRESS" build --layouts "$SCRATCH/aud/layouts" -o "$SCRATCH/aud/out" "$SCRATCH/aud/content" \
        >/dev/null 2>"$SCRATCH/aud-for.err" &&
    grep -q "one-minute-guide.yaml:5:15: error: 'for' cannot list 'parents'" "$SCRATCH/aud-for.err"; then
    ok
else
    no "a theme added as an audience:"; cat "$SCRATCH/aud.err" "$SCRATCH/aud-typo.err" 2>/dev/null | head
fi

# 4a'. Another partnership: the whole catalogue built under its name, mark
#      and colours (tests/partnership/), and its download page.
P=tests/partnership/partnership.yaml
pdir="$SCRATCH/partner"
if "$LEAFPRESS" build --partnership "$P" -o "$pdir" content >/dev/null 2>"$SCRATCH/partner.err" &&
    "$LEAFPRESS" pack --partnership "$P" -o "$pdir" content/packs/*.yaml >/dev/null 2>>"$SCRATCH/partner.err" &&
    "$LEAFPRESS" catalogue --partnership "$P" -o "$pdir" content >/dev/null 2>>"$SCRATCH/partner.err"; then
    bad=
    n=0
    for pdf in $(find "$pdir" -name '*.pdf' | sort); do
        case "$pdf" in */packs/*) ;; *) n=$((n + 1)) ;; esac
        pdfinfo "$pdf" | grep -q "^Author: *Riverside Children's Safeguarding Board$" || bad="$bad $pdf"
    done
    [ "$n" -eq "$(find "$OUT" -name '*.pdf' -path '*/professionals/*' -o -name '*.pdf' -path '*/families/*' -o -name '*.pdf' -path '*/young-people/*' | wc -l)" ] ||
        bad="$bad (built $n PDFs)"
    pdftotext -l 1 "$pdir/professionals/what-is-csa.pdf" - | head -3 | grep -q "Riverside Children's Safeguarding Board" ||
        bad="$bad what-is-csa band"
    "$LEAFPRESS" dump --partnership "$P" content/professionals/what-is-csa.md >"$SCRATCH/partner.dump"
    # The mark (a PNG beside the partnership file) beside the name on the
    # first page of every format, and of the pack's cover; none without one.
    grep -q '^p1 image .*"riverside-mark.png"$' "$SCRATCH/partner.dump" || bad="$bad no logo in the guide's band"
    "$LEAFPRESS" dump content/professionals/what-is-csa.md | grep -q '^p1 image' &&
        bad="$bad a logo without one"
    for md in content/families/worried-about-a-child.md content/young-people/what-is-sexual-abuse.md \
        content/families/helplines-poster.md content/professionals/resources-for-professionals.md; do
        "$LEAFPRESS" dump --partnership "$P" "$md" | grep -q '^p1 image .*"riverside-mark.png"$' ||
            bad="$bad no logo on $md"
    done
    pdfimages -list "$pdir/packs/recognising-and-responding.pdf" 2>/dev/null | awk '$1 == 1' | grep -q ' 120 *96 ' ||
        bad="$bad no logo on the pack's cover"
    grep -q '<img class="mark" alt="" src="data:image/png;base64,iVBOR' "$pdir/index.html" ||
        bad="$bad no logo on the download page"
    grep -q "Published by the Riverside Children&#39;s Safeguarding Board. Key contacts: Childline 0800 1111, " \
        "$pdir/index.html" || bad="$bad index.html footer"
    # The band is the partnership's green, not the theme's navy (RGB 0.118 0.29 0.173).
    qpdf --qdf --object-streams=disable "$pdir/professionals/what-is-csa.pdf" "$SCRATCH/partner.qdf" 2>/dev/null
    grep -aq '^0.11765 0.2902 0.17255 rg' "$SCRATCH/partner.qdf" || bad="$bad band colour"
    [ -z "$bad" ] && ok || no "another partnership:$bad"
else
    no "building the catalogue for another partnership:"; head "$SCRATCH/partner.err"
fi
"$LEAFPRESS" build --partnership tests/hostile/missing.yaml -o "$SCRATCH/partner2" \
    content/professionals/what-is-csa.md >/dev/null 2>"$SCRATCH/partner2.err"
[ $? -ne 0 ] && grep -q "missing.yaml" "$SCRATCH/partner2.err" && ok || no "a missing partnership file is not reported"

# 4a''. A partnership with a long name: the tri-fold's back panel makes room.
. tests/partnership-long/run.sh

# 4b. A temporary file left by a killed build (its process gone) is swept away
#     by the next build; one whose process still runs is left alone.
mkdir -p "$SCRATCH/sweep/professionals"
: >"$SCRATCH/sweep/professionals/old.pdf.tmp.999999999.abcdef"
: >"$SCRATCH/sweep/professionals/live.pdf.tmp.$$.abcdef"
"$LEAFPRESS" build --variant screen -o "$SCRATCH/sweep" content/professionals/what-is-csa.md >/dev/null 2>&1
if [ ! -e "$SCRATCH/sweep/professionals/old.pdf.tmp.999999999.abcdef" ] &&
    [ -e "$SCRATCH/sweep/professionals/live.pdf.tmp.$$.abcdef" ]; then
    ok
else
    no "stale temporary files not swept (or a live one removed)"
fi

# 4c. After `make`, a changed source rebuilds only its own document (and the
#     download page that lists it, after the quick check that no two
#     documents write one PDF); nothing else.  Asked of make with -n -W,
#     so nothing is touched.  Only when make built this tree (OUT=out).
if [ "$OUT" = out ] && command -v make >/dev/null; then
    make -n -W content/professionals/what-is-csa.md all 2>/dev/null | grep -E 'leafpress (build|catalogue)' \
        | grep -v -- '--dry-run' >"$SCRATCH/remake"
    if [ "$(grep -c 'leafpress build' "$SCRATCH/remake")" = 1 ] &&
        grep -q 'build -j 1 -o out content/professionals/what-is-csa.md ' "$SCRATCH/remake" &&
        [ -z "$(make -n all 2>/dev/null | grep 'leafpress build')" ]; then
        ok
    else
        no "make rebuilds more than the changed document:"; cat "$SCRATCH/remake"
    fi
fi

# 4d. make keeps going: in a copy of the project with one broken document,
#     the other documents and the download page are built, and make fails
#     naming the broken one.  The copy keeps the sources' times, so make
#     uses this tree's objects and binary.
if command -v make >/dev/null; then
    K=$SCRATCH/keep
    mkdir -p "$K/content/families"
    cp -p Makefile "$K/" && cp -rp src layouts fonts "$K/" && cp -p content/contacts.yaml content/partnership.yaml "$K/content/"
    mkdir -p "$K/build/icc" && cp -p build/icc/FOGRA39L.icc "$K/build/icc/"
    cp -p content/families/worried-about-a-child.md content/families/helplines-poster.md "$K/content/families/"
    printf -- '---\ntitle: Broken on purpose\nformat: trifld\naudience: families\n---\n\nText.\n' \
        >"$K/content/families/broken.md"
    make -C "$K" BUILD="$(cd "$(dirname "$LEAFPRESS")" && pwd)" all >"$K/make.out" 2>&1
    rc=$?
    if [ $rc -ne 0 ] && [ -f "$K/out/families/worried-about-a-child.pdf" ] &&
        [ -f "$K/out/families/helplines-poster-a4.pdf" ] && grep -q 'Worried about a child' "$K/out/index.html" &&
        ! grep -q 'Broken on purpose' "$K/out/index.html" &&
        grep -q 'these documents did not build: content/families/broken.md' "$K/make.out"; then
        ok
    else
        no "make with one broken document (exit $rc) did not build the others and the page:"; tail -8 "$K/make.out"
    fi
fi

# 5. The command line: usage errors exit 2, --version and --help work.
"$LEAFPRESS" --frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || no "unknown option not rejected"
"$LEAFPRESS" build --wat x.md >/dev/null 2>&1; [ $? -eq 2 ] && ok || no "unknown build option not rejected"
"$LEAFPRESS" --version | grep -q '^leafpress [0-9]' && ok || no "--version"
"$LEAFPRESS" --help | grep -q '^usage: leafpress build' && ok || no "--help"
"$LEAFPRESS" build "$SCRATCH/missing.md" >/dev/null 2>"$SCRATCH/m.err"
[ $? -ne 0 ] && grep -q "missing.md" "$SCRATCH/m.err" && ok || no "missing file not reported"

# 5a. README.md's tables of front-matter keys and of formats for readers are
#     what the code and layouts say now (make readme-doc writes them).
if "$(dirname "$LEAFPRESS")/readme-doc" README.md layouts "$SCRATCH/README.md" 2>"$SCRATCH/readme.err" &&
    cmp -s README.md "$SCRATCH/README.md"; then
    ok
else
    no "README.md's front-matter reference is out of date (run make readme-doc):"
    cat "$SCRATCH/readme.err"; diff README.md "$SCRATCH/README.md" | head -10
fi

# 5b. Installed: make install into a temporary prefix, then new, build and
#     watch from a folder that is no project; make deb.
. tests/install.sh

# 6. The download page: the catalogue of OUT, valid HTML, the manifest
#    against the files, and the page itself in headless chromium.
if "$LEAFPRESS" catalogue -o "$OUT" content >/dev/null 2>"$SCRATCH/cat.err"; then
    ok
else
    no "catalogue of $OUT:"; head -20 "$SCRATCH/cat.err"
fi
if ! command -v tidy >/dev/null 2>&1; then
    echo "SKIP index.html validation: tidy is not installed (make deps)"
elif tidy -errors -q "$OUT/index.html" >"$SCRATCH/tidy.out" 2>&1; then
    ok
else
    no "tidy: $OUT/index.html is not valid HTML:"; head -20 "$SCRATCH/tidy.out"
fi
if ! command -v node >/dev/null 2>&1; then
    no "node is not installed (make deps): no manifest or browser test"
else
    if node tests/browser/manifest.test.js "$OUT" content >"$SCRATCH/manifest.out" 2>&1; then
        ok
    else
        no "manifest.json against $OUT:"; grep -v '^ok ' "$SCRATCH/manifest.out"
    fi
    if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
        echo "SKIP browser test: chromium is not installed (make deps)"
    else
        [ -d tests/browser/node_modules/puppeteer-core ] && [ -d tests/browser/node_modules/axe-core ] ||
            (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
        if node tests/browser/catalogue.test.js "$OUT" >"$SCRATCH/browser.out" 2>&1; then
            ok
        else
            no "browser test of $OUT/index.html:"; grep -v '^ok ' "$SCRATCH/browser.out"
        fi
    fi
fi

# 6. Hostile input, generated attacks, killed builds, fuzz regressions.
. tests/hostile/run.sh
. tests/damaged/run.sh
. tests/stranger/run.sh
. tests/pictures/run.sh
. tests/integrity/run.sh
. tests/packs/run.sh
. tests/messages/run.sh
. tests/print/run.sh

# 7. Layouts and themes the schema must refuse, each at its line and column.
. tests/bad-layouts/run.sh
# 7a. Tri-fold panels are layout data: other arrangements build with no C.
. tests/trifold-panels/run.sh
. tests/pairings/run.sh

# 8. Every example of the CommonMark spec (the pinned npm package
#    commonmark-spec) builds a clean PDF or fails at file:line:col, in one batch.
if ! command -v npm >/dev/null 2>&1; then
    no "npm is not installed (make deps): no CommonMark spec test"
else
    [ -f tests/commonmark/node_modules/commonmark-spec/spec.txt ] ||
        (cd tests/commonmark && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
    if python3 tests/commonmark/check.py "$LEAFPRESS" tests/commonmark/node_modules/commonmark-spec/spec.txt \
        "$SCRATCH" >"$SCRATCH/commonmark.out" 2>&1; then
        ok
    else
        no "CommonMark spec examples:"; head -30 "$SCRATCH/commonmark.out"
    fi
    tail -1 "$SCRATCH/commonmark.out"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
