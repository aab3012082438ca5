# Sourced by tests/run.sh (uses LEAFPRESS, SCRATCH, ok, no).
#
# leafpress as a stranger installs and starts it: `make install` into a
# temporary prefix, then from a folder that is no project: `new`, `build`,
# `watch` (one change, one rebuild, in bounded time, Ctrl-C ends it with
# status 0); a project's own contacts override the installed ones, found
# from a sub-folder; `--` and `--contacts`; and `make deb` holds the same
# files as `make install PREFIX=/usr`.

INST=$SCRATCH/install
PREFIX_DIR=$INST/prefix
AWAY=$INST/elsewhere
mkdir -p "$AWAY"
BUILD_DIR=$(dirname "$LEAFPRESS")

# Waits up to $2 tenths of a second for command $1 to succeed.
wait_for() {
    n=0
    while [ "$n" -lt "$2" ]; do
        sh -c "$1" && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

if ! make -s --no-print-directory install BUILD="$BUILD_DIR" PREFIX="$PREFIX_DIR" >"$INST/make.out" 2>&1; then
    no "make install PREFIX=$PREFIX_DIR:"; cat "$INST/make.out"
else
    LP=$PREFIX_DIR/bin/leafpress
    DATA=$PREFIX_DIR/share/leafpress
    if [ -x "$LP" ] && [ -f "$DATA/layouts/trifold.yaml" ] && [ -f "$DATA/layouts/themes/families.yaml" ] &&
        [ -f "$DATA/fonts/lucide.ttf" ] && [ -f "$DATA/content/contacts.yaml" ]; then
        ok
    else
        no "make install left out the binary, layouts, themes, fonts or contacts: $(find "$PREFIX_DIR" | head -5)"
    fi

    # new: a document with its front matter filled in and the choices shown.
    (cd "$AWAY" && "$LP" new --format trifold --audience families "Staying safe: at the park") \
        >"$INST/new.out" 2>&1
    doc=$AWAY/staying-safe-at-the-park.md
    if [ -f "$doc" ] && grep -q '^title: "Staying safe: at the park"$' "$doc" &&
        grep -q '^format: trifold *# one-minute-guide | trifold | easy-read | poster | booklet$' "$doc" &&
        grep -q '^audience: families' "$doc" && grep -q '^# topics: ' "$doc" && grep -q '^# ages: ' "$doc"; then
        ok
    else
        no "leafpress new did not write the document:"; cat "$INST/new.out"; head -8 "$doc" 2>/dev/null
    fi
    (cd "$AWAY" && "$LP" new --format trifold --audience families "Staying safe: at the park") >/dev/null 2>"$INST/new2.err"
    [ $? -ne 0 ] && grep -q 'staying-safe-at-the-park.md: error: cannot write: File exists' "$INST/new2.err" && ok ||
        no "leafpress new wrote over an existing file: $(cat "$INST/new2.err")"
    # Any format for any audience: a layout designed for other readers is a
    # warning, and the document it writes builds as it is.
    (cd "$AWAY" && "$LP" new --format trifold --audience professionals "A fold for staff") >/dev/null 2>"$INST/new3.err"
    [ $? -eq 0 ] && grep -q 'warning: the trifold layout is designed for families, young-people, not professionals' "$INST/new3.err" &&
        (cd "$AWAY" && "$LP" build --variant screen a-fold-for-staff.md) >/dev/null 2>>"$INST/new3.err" &&
        [ -f "$AWAY/out/professionals/a-fold-for-staff.pdf" ] && ok ||
        no "leafpress new did not write a tri-fold for professionals that builds: $(cat "$INST/new3.err")"
    (cd "$AWAY" && "$LP" new --format trifld --audience families "X") >/dev/null 2>"$INST/new4.err"
    [ $? -eq 2 ] && grep -q "unknown format 'trifld' (did you mean 'trifold'?)" "$INST/new4.err" && ok ||
        no "leafpress new: a misspelt format: $(cat "$INST/new4.err")"

    # build, from a folder that is no project: the installed data.
    (cd "$AWAY" && "$LP" build staying-safe-at-the-park.md) >"$INST/build.out" 2>&1
    pdf=$AWAY/out/families/staying-safe-at-the-park.pdf
    if [ -f "$pdf" ] && [ -f "$AWAY/out/print/families/staying-safe-at-the-park.pdf" ] &&
        pdftotext "$pdf" - 2>/dev/null | grep -q 'What to look out for'; then
        ok
    else
        no "the installed leafpress did not build a new document:"; cat "$INST/build.out"
    fi

    # A project's own contacts override the installed ones, from a sub-folder.
    mkdir -p "$AWAY/proj/content/families"
    sed 's/^  name: Emergency services$/  name: Emergency services of this project/' \
        "$DATA/content/contacts.yaml" >"$AWAY/proj/content/contacts.yaml"
    (cd "$AWAY/proj/content/families" && "$LP" new --format poster --audience families "Call for help" >/dev/null &&
        sed -i 's/^# contacts: .*/contacts: [emergency]/' call-for-help.md &&
        "$LP" build --variant screen call-for-help.md) >"$INST/proj.out" 2>&1
    ppdf=$AWAY/proj/out/families/call-for-help-a4.pdf
    if [ -f "$ppdf" ] && pdftotext "$ppdf" - 2>/dev/null | tr '\n' ' ' | grep -q 'services of this project'; then
        ok
    else
        no "a project's contacts.yaml, from its content sub-folder, did not override the installed one:"
        cat "$INST/proj.out"
    fi

    # -- ends the options; a missing --contacts file is named as such.
    cp "$doc" "$AWAY/-rf.md"
    (cd "$AWAY" && "$LP" build --variant screen -o dash -- -rf.md) >"$INST/dash.out" 2>&1
    [ -f "$AWAY/dash/families/rf.pdf" ] && ok || { no "build -- -rf.md:"; cat "$INST/dash.out"; }
    (cd "$AWAY" && "$LP" build --contacts nope.yaml staying-safe-at-the-park.md) >/dev/null 2>"$INST/nope.err"
    [ $? -ne 0 ] && grep -q '^nope.yaml:1:1: error: cannot open file' "$INST/nope.err" &&
        ! grep -q 'layout' "$INST/nope.err" && ok || no "--contacts nope.yaml: $(cat "$INST/nope.err")"

    # watch: one change, one rebuild, then Ctrl-C, status 0.
    (cd "$AWAY" && exec "$LP" watch --variant screen -o wout staying-safe-at-the-park.md) \
        >"$INST/watch.out" 2>"$INST/watch.err" &
    wpid=$!
    built() { grep -c ' built, ' "$INST/watch.err"; }
    if wait_for "grep -qs 'leafpress: watching' '$INST/watch.err'" 300; then
        before=$(built)
        t0=$(date +%s)
        sed -i 's/Write another\./Write another sign./' "$doc"
        if wait_for "[ \$(grep -c ' built, ' '$INST/watch.err') -gt $before ]" 200; then
            sleep 1.5
            after=$(built)
            secs=$(($(date +%s) - t0))
            [ "$after" -eq $((before + 1)) ] && ok || no "watch: one change made $((after - before)) rebuilds"
            pdftotext "$AWAY/wout/families/staying-safe-at-the-park.pdf" - 2>/dev/null | grep -q 'Write another sign' &&
                ok || no "watch rebuilt, but not from the changed text"
            echo "watch: one change, one rebuild in ${secs} s or less"
        else
            no "watch did not rebuild within 20 s of a change:"; cat "$INST/watch.err"
        fi
    else
        no "watch did not start:"; cat "$INST/watch.err"
    fi
    kill -INT "$wpid" 2>/dev/null
    wait "$wpid"
    wrc=$?
    [ "$wrc" -eq 0 ] && grep -q 'stopped watching' "$INST/watch.err" && ok ||
        no "watch did not end cleanly on SIGINT (status $wrc)"

    # The Debian package holds what make install PREFIX=/usr installs.
    if command -v dpkg-deb >/dev/null 2>&1; then
        if make -s --no-print-directory deb BUILD="$BUILD_DIR" >"$INST/deb.out" 2>&1; then
            deb=$(ls "$BUILD_DIR"/leafpress_*.deb | head -1)
            dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $NF}' | sed 's|^\./usr/|/|' | sort >"$INST/deb.list"
            (cd "$PREFIX_DIR" && find . -type f | sed 's|^\./|/|' | sort) >"$INST/inst.list"
            if cmp -s "$INST/deb.list" "$INST/inst.list" && dpkg-deb -f "$deb" Depends | grep -q 'libhpdf'; then
                ok
            else
                no "the .deb and make install differ:"; diff "$INST/deb.list" "$INST/inst.list" | head
            fi
        else
            no "make deb:"; cat "$INST/deb.out"
        fi
    else
        echo "SKIP make deb: dpkg-deb is not installed"
    fi
fi
