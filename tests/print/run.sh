# tests/print/run.sh — sourced by tests/run.sh (uses LEAFPRESS, SCRATCH, ok,
# no).  The print variant's colour: an sRGB picture is separated through
# the output profile (tests/print_colour.py), the print PDF with a picture
# passes the preflight, and an output profile that is not a CMYK output
# profile is refused, named on the command line or in a layout.

PR=$SCRATCH/print
mkdir -p "$PR/content"
python3 tests/print_colour.py png "$PR/content/swatch.png"
{ sed -n 1,9p tests/hostile/tab-ok.md; echo; echo 'Some words first.'; echo
  echo '![Four colour swatches](swatch.png) Words after the picture.'; } >"$PR/content/swatch.md"

if "$LEAFPRESS" build -o "$PR/out" "$PR/content/swatch.md" >/dev/null 2>"$PR/err" &&
   python3 tests/print_colour.py check "$PR/out/print/professionals/swatch.pdf" >"$PR/colour.out" 2>&1 &&
   python3 tests/print_check.py "$PR/out" >"$PR/check.out" 2>&1; then
    ok
else
    no "an sRGB picture in print:"; cat "$PR/err" "$PR/colour.out" "$PR/check.out" 2>/dev/null | grep -v '^ok' | head -12
fi

# refused PROFILE WANT [ARGS...]: the build fails with WANT and writes nothing.
refused() {
    want=$1; shift
    rm -rf "$PR/bad"
    if "$LEAFPRESS" build -o "$PR/bad" "$@" "$PR/content/swatch.md" >/dev/null 2>"$PR/bad.err"; then
        no "output profile: built, expected '$want'"
    elif ! grep -qF -- "$want" "$PR/bad.err"; then
        no "output profile: expected '$want', got:"; head -3 "$PR/bad.err"
    elif [ -n "$(find "$PR/bad" -name '*.pdf' 2>/dev/null)" ]; then
        no "output profile: refused but wrote $(find "$PR/bad" -name '*.pdf')"
    else
        ok
    fi
}
GREY=/usr/share/color/icc/Gray.icc
refused "the output profile must be a CMYK output profile; this is a display profile for grey" \
    --output-profile "$GREY"
refused "cannot read the output profile" --output-profile "$PR/no-such.icc"
printf 'not a profile\n' >"$PR/text.icc"
refused "not an ICC profile" --output-profile "$PR/text.icc"
# The same profile by another name is accepted.
cp build/icc/FOGRA39L.icc "$PR/press.icc"
if "$LEAFPRESS" build -o "$PR/other" --variant print --output-profile "$PR/press.icc" \
    "$PR/content/swatch.md" >/dev/null 2>&1 && [ -f "$PR/other/print/professionals/swatch.pdf" ]; then
    ok
else
    no "output profile: a CMYK output profile named on the command line is refused"
fi
# A layout names one: print.output-profile.
cp -r layouts "$PR/layouts"
printf '\nprint:\n  output-profile: %s\n' "$GREY" >>"$PR/layouts/one-minute-guide.yaml"
refused "must be a CMYK output profile" --layouts "$PR/layouts"
