#!/bin/sh
# Runs each fuzz target for SECONDS with a seed corpus from content/ and
# layouts/ (copied at run time), and records each run's executions in
# build/fuzz/executions.log.  A crash leaves build/fuzz/crash-<target>-*:
# fix it, then copy the input into tests/fuzz/regressions/<target>/.
#   usage: tests/fuzz/run.sh SECONDS TARGET...
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift
out=build/fuzz
status=0
for t in "$@"; do
    corpus=$out/corpus/$t
    mkdir -p "$corpus"
    case $t in
    front_matter | markdown | build)
        for f in $(find content tests/golden tests/bad tests/hostile tests/stress -name '*.md' 2>/dev/null); do
            cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done ;;
    contacts)
        cp content/contacts.yaml "$corpus/seed-contacts.yaml" ;;
    picture | picture_doc)
        # Every kind of PNG and every damage tests/pictures makes.
        python3 tests/pictures/pngs.py "$corpus"
        cp tests/golden/gradient.png "$corpus/seed-gradient.png" ;;
    layout_doc)
        # The first byte picks the format (its low three bits, mod 5): 0 the guide,
        # 1 the tri-fold, 2 easy read, 3 the poster, 4 the booklet.
        i=0
        for f in one-minute-guide trifold easy-read poster booklet; do
            { printf "$i"; cat "layouts/$f.yaml"; } >"$corpus/seed-$f.yaml"
            i=$((i + 1))
        done ;;
    layout)
        # The first byte picks the role: '0' a layout, '1' a theme.
        for f in layouts/*.yaml; do
            { printf 0; cat "$f"; } >"$corpus/seed-$(basename "$f")"
        done
        for f in layouts/themes/*.yaml; do
            { printf 1; cat "$f"; } >"$corpus/seed-theme-$(basename "$f")"
        done ;;
    esac
    [ -d tests/fuzz/regressions/$t ] && cp tests/fuzz/regressions/$t/* "$corpus/" 2>/dev/null
    dict=
    [ -f tests/fuzz/$t.dict ] && dict=-dict=tests/fuzz/$t.dict
    echo "== fuzz_$t for ${secs}s"
    # A private copy, so a rebuild during a long run cannot touch the binary.
    mkdir -p "$out/run"
    cp "$out/fuzz_$t" "$out/run/fuzz_$t.$$"
    LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$out/run/fuzz_$t.$$" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 $dict -artifact_prefix="$out/crash-$t-" "$corpus" >"$out/$t.log" 2>&1
    rc=$?
    rm -f "$out/run/fuzz_$t.$$"
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' | tail -1)
    printf '%s fuzz_%s %ss %s executions exit %s\n' "$(date -u +%FT%TZ)" "$t" "$secs" "${runs:-?}" "$rc" \
        | tee -a "$out/executions.log"
    if [ $rc -ne 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY|Test unit written' "$out/$t.log" | head -5
    fi
done
exit $status
