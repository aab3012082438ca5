# tests/stranger/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  Documents written as someone new to leafpress
# would write them, in every format for every audience, with odd but valid
# Markdown; tests/stranger/expected says what each must do.  Prints a
# summary: how many built, how many failed as expected, how many wait for
# a pairing.
ST=$SCRATCH/stranger
mkdir -p "$ST/out"
built= nbuilt=0 nfailed=0 npending=0
while read -r name want rest; do
    case $name in '#'* | '') continue ;; esac
    md=tests/stranger/$name.md
    [ -f "$md" ] || { no "stranger: $md is in expected but missing"; continue; }
    rm -rf "$ST/one"
    "$LEAFPRESS" build -o "$ST/one" "$md" >/dev/null 2>"$ST/err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error:\|internal' "$ST/err"; then
        no "stranger $name: exit $rc: $(head -3 "$ST/err")"
        continue
    fi
    case $want in
    build)
        if [ $rc -eq 0 ]; then
            if [ "$rest" = pairings ]; then
                no "stranger $name: builds now: drop 'pairings' from tests/stranger/expected"
                continue
            fi
            cp -r "$ST/one/." "$ST/out/"
            built="$built $md"
            nbuilt=$((nbuilt + 1))
            ok
        elif [ "$rest" = pairings ] && grep -q "^$md:[0-9]*:[0-9]*: error: the .* layout is made for" "$ST/err"; then
            npending=$((npending + 1))
            ok
        else
            no "stranger $name: expected a PDF, got exit $rc: $(grep -v warning "$ST/err" | head -2)"
        fi ;;
    fail)
        line=$(grep -F -- "$md:$rest" "$ST/err" | head -1)
        if [ $rc -ne 1 ]; then
            no "stranger $name: built (exit $rc), expected '$rest'"
        elif [ -z "$line" ]; then
            no "stranger $name: expected '$md:$rest', got: $(grep -v warning "$ST/err" | head -2)"
        elif ! printf '%s\n' "$line" | grep -q ' (.*)$'; then
            no "stranger $name: no hint: $line"
        elif [ -n "$(find "$ST/one" -type f 2>/dev/null)" ]; then
            no "stranger $name: failed but wrote $(find "$ST/one" -type f | head -1)"
        else
            nfailed=$((nfailed + 1))
            ok
        fi ;;
    *) no "stranger: '$want' for $name: expected build or fail" ;;
    esac
done <tests/stranger/expected
# Every .md is in expected.
for md in tests/stranger/*.md; do
    grep -q "^$(basename "$md" .md) " tests/stranger/expected || no "stranger: $md is not in tests/stranger/expected"
done
# What built: nothing outside the safe area, no words drawn over each
# other, every word of the source present (tests/pdfcheck.py).
if [ -n "$built" ]; then
    if python3 tests/pdfcheck.py "$ST/out" "$LEAFPRESS" $built >"$ST/pdfcheck.out" 2>&1; then
        ok
    else
        no "pdfcheck on tests/stranger:"; grep FAIL "$ST/pdfcheck.out" | head -10
    fi
fi
echo "stranger: $nbuilt built and pass pdfcheck, $nfailed refused at file:line:col with a hint, $npending wait for their pairing"
