# tests/messages/run.sh — sourced by tests/run.sh (uses LEAFPRESS, SCRATCH,
# ok, no).  What leafpress prints can be trusted: a file name cannot drive
# the terminal or forge a line, and SOURCE_DATE_EPOCH is a date or an error.

M=$SCRATCH/messages
mkdir -p "$M"
ESC=$(printf '\033')

# A file name with ESC, a newline and a right-to-left override, holding an
# error: one line of message, every byte escaped, nothing raw on stderr.
evil=$(printf '%s/x\033[2J\nforged.md: error: all good\342\200\256.md' "$M")
sed 's/format: one-minute-guide/format: one-minute-gide/' tests/hostile/tab-ok.md >"$evil"
"$LEAFPRESS" build -o "$M/out" "$evil" >"$M/out.txt" 2>"$M/err"
rc=$?
if [ $rc -eq 1 ] && ! grep -q "$ESC" "$M/err" && ! grep -q "$(printf '\342\200\256')" "$M/err" &&
    [ "$(grep -c 'error:' "$M/err")" = 1 ] &&
    grep -qF '/x\x1B[2J\nforged.md: error: all good\u202E.md:3:9: error: unknown format' "$M/err"; then
    ok
else
    no "a hostile file name reaches the terminal raw (exit $rc):"; od -c "$M/err" | head -8
fi
rm -f "$evil"

# The same name, built fine: the "built" line on stdout is escaped too.
cp tests/hostile/tab-ok.md "$M/ok$(printf '\033')[31m.md"
"$LEAFPRESS" build --variant screen -o "$M/out" "$M/ok$(printf '\033')[31m.md" >"$M/out.txt" 2>"$M/err"
if ! grep -q "$ESC" "$M/out.txt" "$M/err"; then ok; else no "a built file's name reaches stdout raw"; fi
# A usage error quoting an argument.
"$LEAFPRESS" build "--x$(printf '\033')[2J" >/dev/null 2>"$M/err"
if [ $? -eq 2 ] && ! grep -q "$ESC" "$M/err" && grep -qF "unknown option '--x\\x1B[2J'" "$M/err"; then
    ok
else
    no "a bad option reaches the terminal raw"
fi

# SOURCE_DATE_EPOCH: garbage, negative or past the year 9999 is an error
# naming the variable, and nothing is built; the year 9999 itself is fine.
for v in abc 12x -5 1e9 ' 5' 253402300800 99999999999999999999999; do
    rm -rf "$M/out"
    SOURCE_DATE_EPOCH=$v "$LEAFPRESS" build -o "$M/out" tests/hostile/tab-ok.md >/dev/null 2>"$M/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -qF "SOURCE_DATE_EPOCH: error: '$v' is not a date between 1970 and the year 9999" "$M/err" &&
        [ ! -e "$M/out" ]; then
        ok
    else
        no "SOURCE_DATE_EPOCH='$v' (exit $rc):"; head -2 "$M/err"
    fi
done
rm -rf "$M/out"
SOURCE_DATE_EPOCH=253402300799 "$LEAFPRESS" build --variant screen -o "$M/out" tests/hostile/tab-ok.md >/dev/null 2>&1
if pdfinfo -isodates "$M/out/professionals/tab-ok.pdf" 2>/dev/null | grep -q 'CreationDate: *9999-12-31T23:59:59'; then
    ok
else
    no "SOURCE_DATE_EPOCH=253402300799 is not 9999-12-31T23:59:59"
fi
SOURCE_DATE_EPOCH=abc "$LEAFPRESS" check tests/hostile/tab-ok.md >/dev/null 2>"$M/err"
[ $? -eq 1 ] && grep -q 'SOURCE_DATE_EPOCH: error' "$M/err" && ok || no "check takes a garbage SOURCE_DATE_EPOCH"
