#!/bin/sh
# Parallel batch builds under ThreadSanitizer (make tsan): the whole content
# with four workers, a batch whose documents share a broken layout, and a
# batch of hostile and picture documents.  Any data race exits 66 (and
# prints the report); the broken layout's errors are printed once.
#   usage: LEAFPRESS=build/tsan/leafpress tests/tsan.sh
set -u
cd "$(dirname "$0")/.."
LEAFPRESS=${LEAFPRESS:-build/tsan/leafpress}
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
no() { fail=$((fail + 1)); echo "FAIL $*"; }

# run WANT_EXIT NAME leafpress-args...
run() {
    want=$1 name=$2; shift 2
    "$LEAFPRESS" build -j 4 "$@" >/dev/null 2>"$T/$name.err"
    rc=$?
    if [ $rc -ne "$want" ] || grep -q 'ThreadSanitizer' "$T/$name.err"; then
        no "$name: exit $rc (expected $want)"; grep -A12 'WARNING: ThreadSanitizer' "$T/$name.err" | head -30
        return 1
    fi
    echo "ok $name"
}

run 0 content -o "$T/out" content

# Four documents on one broken layout: a race on the layout table (a
# worker loading it while the others read) would show here.
cp -r layouts "$T/lay"
cat >"$T/lay/broken.yaml" <<'YAML'
extends: one-minute-guide
margins: { left: -15mm, right: 15mm, top: 15mm, bottom: 8mm }
YAML
mkdir -p "$T/docs"
for i in 1 2 3 4 5 6; do
    sed 's/^format: .*/&\nlayout: broken/' tests/hostile/tab-ok.md >"$T/docs/doc$i.md"
done
cp content/professionals/what-is-csa.md "$T/docs/zz-good.md"
if run 1 broken --layouts "$T/lay" -o "$T/out2" "$T/docs"; then
    n=$(grep -c "broken.yaml:2:[0-9]*: error: 'margins.left' is -15mm" "$T/broken.err")
    m=$(grep -c "layout 'broken' with theme 'professionals' could not be loaded" "$T/broken.err")
    if [ "$n" != 1 ] || [ "$m" != 6 ] || [ ! -f "$T/out2/professionals/zz-good.pdf" ]; then
        no "broken layout: its error printed $n times (expected once), $m documents told (expected 6)"
        head -10 "$T/broken.err"
    fi
fi

mkdir -p "$T/mixed"
cp tests/hostile/*.md tests/golden/*.md tests/golden/*.png "$T/mixed/"
run 1 mixed -o "$T/out3" "$T/mixed"

[ $fail -eq 0 ] && echo "tsan: clean" || echo "tsan: $fail failed"
[ $fail -eq 0 ]
