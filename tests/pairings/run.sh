# tests/pairings/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  Every format for every audience: a document of ours
# for each pairing (tests/pairings/<format>-<audience>.md), built in both
# variants and checked like the catalogue (qpdf, fonts, every word, safe area,
# overlaps, the audience's and the format's smallest type, tagging), every
# text against what it is drawn on in the audience's palette (contrast.py),
# and an audience added as a theme file (adults.yaml, no C) in every format.
PR=$SCRATCH/pairings
mkdir -p "$PR"
formats="one-minute-guide trifold easy-read poster booklet"
audiences=$(for t in layouts/themes/*.yaml; do basename "$t" .yaml; done)

# a. A document for every pairing of format and audience.
missing=""
for f in $formats; do
    for a in $audiences; do
        found=""
        for md in tests/pairings/*.md; do
            grep -qx "format: $f" "$md" && grep -qx "audience: $a" "$md" && found=$md
        done
        [ -n "$found" ] || missing="$missing $f/$a"
    done
done
[ -z "$missing" ] && ok || no "pairings without a test document in tests/pairings:$missing"

# b. Each builds, screen and print.
if "$LEAFPRESS" build -o "$PR/out" tests/pairings/*.md >/dev/null 2>"$PR/build.err"; then
    ok
else
    no "building tests/pairings:"; head -20 "$PR/build.err"
fi

# c. The catalogue's checks, on every pairing.
if python3 tests/pdfcheck.py "$PR/out" "$LEAFPRESS" tests/pairings/*.md >"$PR/pdfcheck.out" 2>&1; then
    ok
else
    no "pdfcheck on tests/pairings:"; grep -v '^pdfcheck:' "$PR/pdfcheck.out" | head -20
fi
if python3 tests/tagcheck.py "$PR/out" "$LEAFPRESS" tests/pairings/*.md >"$PR/tagcheck.out" 2>&1; then
    ok
else
    no "tagcheck on tests/pairings:"; grep -v '^tagcheck:' "$PR/tagcheck.out" | head -20
fi

# d. Every text against its background, in the audience's own palette, for
#    the pairings and the catalogue.
if python3 tests/pairings/contrast.py "$LEAFPRESS" layouts tests/pairings/*.md \
    $(find content -name '*.md' | sort) >"$PR/contrast.out" 2>&1; then
    ok
else
    no "contrast:"; head -20 "$PR/contrast.out"
fi

# e. The check can fail: a layout that puts the title in the band's own
#    colour (primary on primary) is caught.
mkdir -p "$PR/badlay"
cp -r layouts/. "$PR/badlay/"
sed -i 's/^  title: { color: on-primary }/  title: { color: primary }/' "$PR/badlay/one-minute-guide.yaml"
python3 tests/pairings/contrast.py "$LEAFPRESS" "$PR/badlay" tests/pairings/guide-families.md \
    >"$PR/contrast-bad.out" 2>&1
grep -q "guide-families.md: p1 plum on plum is 1.00:1" "$PR/contrast-bad.out" && ok ||
    no "contrast.py missed a title drawn in its band's colour: $(cat "$PR/contrast-bad.out")"

# f. A layout's for: recommends: the build does not refuse another audience,
#    and leafpress check warns at the document's audience: line.
"$LEAFPRESS" check tests/pairings/trifold-professionals.md tests/pairings/poster-families.md \
    >/dev/null 2>"$PR/check.err"
if grep -q "trifold-professionals.md:5:11: warning: the trifold layout is designed for families, young-people, not professionals" \
        "$PR/check.err" && ! grep -q "poster-families.md.*designed for" "$PR/check.err"; then
    ok
else
    no "leafpress check did not warn about a pairing its layout was not designed for:"; cat "$PR/check.err"
fi

# g. An audience added as a theme file builds every format, with no C: a
#    project of its own whose layouts hold tests/pairings/adults.yaml.
AD=$PR/adults
mkdir -p "$AD/content"
cp -r layouts "$AD/layouts"
cp content/contacts.yaml "$AD/content/contacts.yaml"
cp tests/pairings/adults.yaml "$AD/layouts/themes/adults.yaml"
for md in tests/pairings/*-young-people.md; do
    sed 's/^audience: young-people$/audience: adults/' "$md" >"$AD/content/$(basename "$md" -young-people.md)-adults.md"
done
if "$LEAFPRESS" build -o "$AD/out" "$AD/content" >/dev/null 2>"$AD/build.err" &&
    [ "$(find "$AD/out/adults" -name '*.pdf' | wc -l)" -eq 6 ]; then
    ok
else
    no "an audience added as a theme file did not build every format:"; head -20 "$AD/build.err"
fi
if python3 tests/pdfcheck.py "$AD/out" "$LEAFPRESS" "$AD"/content/*.md >"$AD/pdfcheck.out" 2>&1 &&
    python3 tests/pairings/contrast.py "$LEAFPRESS" "$AD/layouts" "$AD"/content/*.md >"$AD/contrast.out" 2>&1; then
    ok
else
    no "the adults pairings:"; grep -hv '^pdfcheck:\|^contrast:' "$AD/pdfcheck.out" "$AD/contrast.out" | head -20
fi
