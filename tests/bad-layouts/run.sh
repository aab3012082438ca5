# tests/bad-layouts/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  See README.
BL=$SCRATCH/bad-layouts
mkdir -p "$BL"
for case in tests/bad-layouts/*.yaml; do
    name=$(basename "$case" .yaml)
    rm -rf "$BL/lay" "$BL/out" "$BL/doc"
    cp -r layouts "$BL/lay"
    mkdir -p "$BL/doc"
    first=$(head -1 "$case")
    want=$(cat "tests/bad-layouts/$name.err")
    case $first in
    "# build: "*)
        src=${first#\# build: }
        cp "$case" "$BL/lay/$name.yaml"
        doc=$BL/doc/$(basename "$src")
        sed "s/^format: .*/&\nlayout: $name/" "$src" >"$doc"
        ;;
    "# theme: "*)
        aud=${first#\# theme: }
        n=$(wc -l <"$BL/lay/themes/$aud.yaml")
        tail -n +2 "$case" >>"$BL/lay/themes/$aud.yaml"
        for k in 1 2 3; do want=$(printf '%s' "$want" | sed "s/{$k}/$((n + k))/"); done
        doc=$BL/doc/$name.md
        sed "s/^audience: .*/audience: $aud/" tests/hostile/tab-ok.md >"$doc"
        [ "$aud" = professionals ] || sed -i "s/^format: .*/format: poster/" "$doc"
        ;;
    *) no "$case: first line is neither '# build: FILE' nor '# theme: AUDIENCE'"; continue ;;
    esac
    "$LEAFPRESS" build --layouts "$BL/lay" -o "$BL/out" "$doc" >/dev/null 2>"$BL/err"
    rc=$?
    if [ $rc -ne 1 ]; then
        no "$case: exit $rc, expected 1 and: $want"; head -3 "$BL/err"
    elif ! grep -qF -- "$want" "$BL/err"; then
        no "$case: expected '$want', got:"; head -3 "$BL/err"
    elif [ -n "$(find "$BL/out" -type f 2>/dev/null)" ]; then
        no "$case: failed but left files behind: $(find "$BL/out" -type f)"
    else
        ok
    fi
done
