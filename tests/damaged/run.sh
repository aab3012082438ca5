# tests/damaged/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  Damaged contacts tables and partnership files (see
# README): each refused at its file:line:col with a hint, quickly, with no
# file written; or built with every number it must show.
DM=$SCRATCH/damaged
mkdir -p "$DM"

# damaged_case NAME EXPECT_BASE [leafpress build options...]: builds doc.md
# and easy.md with the options; EXPECT_BASE.err or EXPECT_BASE.ok says what
# must happen.
damaged_case() {
    name=$1 want=$2; shift 2
    rm -rf "$DM/out"
    start=$(date +%s%N)
    timeout 10 "$LEAFPRESS" build --variant screen -o "$DM/out" "$@" tests/damaged/doc.md tests/damaged/easy.md \
        >/dev/null 2>"$DM/err"
    rc=$? ms=$((($(date +%s%N) - start) / 1000000))
    if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error:\|internal' "$DM/err"; then
        no "damaged $name: exit $rc: $(head -3 "$DM/err")"
    elif [ "$ms" -gt 2000 ] && [ -z "${LEAFPRESS_SLOW:-}" ]; then
        no "damaged $name: took $ms ms"
    elif [ -f "$want.err" ]; then
        text=$(head -1 "$want.err")
        line=$(grep -F -- "$text" "$DM/err" | head -1)
        # An error in one document leaves the other's PDF; one in a data
        # file leaves none.
        # file leaves none, unless its second line says which it refuses
        # ("refuses: easy.md": a partnership name too long for easy read).
        case $text in
        doc.md:*) pdfs=doc.pdf ;;
        easy.md:*) pdfs=easy.pdf ;;
        *) pdfs='*' ;;
        esac
        only=$(sed -n 's/^refuses: \(.*\)\.md$/\1.pdf/p' "$want.err")
        [ -n "$only" ] && pdfs=$only
        if [ $rc -ne 1 ] || [ -z "$line" ]; then
            no "damaged $name: exit $rc, expected '$text', got: $(grep -v ': warning:' "$DM/err" | head -2)"
        elif ! printf '%s\n' "$line" | grep -q ' (.*)$'; then
            no "damaged $name: no hint: $line"
        elif [ -n "$(find "$DM/out" -type f -name "$pdfs" 2>/dev/null)" ]; then
            no "damaged $name: refused but wrote $(find "$DM/out" -type f -name "$pdfs" | head -1)"
        else
            ok
        fi
    elif [ -f "$want.ok" ]; then
        if [ $rc -ne 0 ]; then
            no "damaged $name: did not build (exit $rc): $(grep -v ': warning:' "$DM/err" | head -2)"
        else
            for pdf in "$DM"/out/*/*.pdf; do pdftotext "$pdf" - 2>/dev/null; done | tr -s ' \n' ' ' >"$DM/text"
            miss=
            while IFS= read -r w; do grep -qF -- "$w" "$DM/text" || miss="$miss '$w'"; done <"$want.ok"
            [ -z "$miss" ] && ok || no "damaged $name: the PDFs lack$miss"
        fi
    else
        no "damaged $name: neither $want.err nor $want.ok"
    fi
}

for f in tests/damaged/contacts/*.yaml; do
    n=$(basename "$f" .yaml)
    [ "$n" = partnership ] && continue
    damaged_case "contacts/$n" "tests/damaged/contacts/$n" --contacts "$f"
done

# Partnership files, with the PNG logos made here: damaged ones from
# tests/pictures/pngs.py and a 10000 x 1 pixel line.
mkdir -p "$DM/part"
cp tests/damaged/partnership/* "$DM/part/"
python3 tests/pictures/pngs.py "$DM/part"
python3 -c "
import struct, sys, zlib
def chunk(k, d): return struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 10000, 1, 8, 0, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(b'\0' * 10001)) + chunk(b'IEND', b''))" "$DM/part/thin.png"
for f in tests/damaged/partnership/*.yaml; do
    n=$(basename "$f" .yaml)
    damaged_case "partnership/$n" "tests/damaged/partnership/$n" --partnership "$DM/part/$n.yaml"
done

# What cannot be committed: a folder, a FIFO or a dangling link where the
# project's contacts table or partnership file should be.  Never a hang,
# and never a silent fall back to another contacts table.
P=$DM/project
for what in contacts partnership; do
    for kind in folder fifo dangling; do
        rm -rf "$P" && mkdir -p "$P/content" && cp -r layouts "$P/" && ln -s "$PWD/fonts" "$P/fonts"
        cp tests/damaged/contacts/good.yaml "$P/content/contacts.yaml"
        cp tests/damaged/contacts/partnership.yaml "$P/content/partnership.yaml"
        cp tests/damaged/doc.md "$P/content/doc.md"
        rm "$P/content/$what.yaml"
        case $kind in
        folder) mkdir "$P/content/$what.yaml" ;;
        fifo) mkfifo "$P/content/$what.yaml" ;;
        dangling) ln -s nowhere.yaml "$P/content/$what.yaml" ;;
        esac
        rm -rf "$DM/out"
        timeout 10 "$LEAFPRESS" build -o "$DM/out" "$P/content/doc.md" >/dev/null 2>"$DM/err"
        rc=$?
        if [ $rc -eq 1 ] && grep -q "content/$what.yaml:1:1: error: .* (.*)$" "$DM/err" &&
            [ -z "$(find "$DM/out" -type f 2>/dev/null)" ]; then
            ok
        else
            no "damaged: a $kind as content/$what.yaml: exit $rc: $(head -2 "$DM/err")"
        fi
    done
done
# A FIFO named like a document, a pack or a layout: an error, not a wait.
rm -rf "$P" && mkdir -p "$P/content" "$P/lay" && cp -r layouts/. "$P/lay/"
mkfifo "$P/content/doc.md" "$P/content/pack.yaml"
rm "$P/lay/one-minute-guide.yaml" && mkfifo "$P/lay/one-minute-guide.yaml"
for cmd in "build -o $DM/out $P/content/doc.md" "pack -o $DM/out $P/content/pack.yaml" \
    "build --layouts $P/lay -o $DM/out tests/damaged/doc.md"; do
    rm -rf "$DM/out"
    # shellcheck disable=SC2086 # the words of cmd are its arguments
    timeout 10 "$LEAFPRESS" $cmd >/dev/null 2>"$DM/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q ":1:1: error: not a regular file (.*)$" "$DM/err"; then
        ok
    else
        no "damaged: leafpress $cmd with a FIFO: exit $rc: $(head -2 "$DM/err")"
    fi
done

# leafpress check says a contact is "not used by any document" only when
# it checked the whole content folder, not one document or one folder of it.
rm -rf "$P" && mkdir -p "$P/content/one" && cp -r layouts "$P/" && ln -s "$PWD/fonts" "$P/fonts"
cp tests/damaged/contacts/partnership.yaml "$P/content/partnership.yaml"
{ cat tests/damaged/contacts/good.yaml; printf '\nspare:\n  name: A spare line\n  phone: "0800 000 0000"\n  source: https://example.org/spare\n'; } \
    >"$P/content/contacts.yaml"
cp tests/damaged/doc.md "$P/content/one/doc.md"
"$LEAFPRESS" check "$P/content/one/doc.md" >/dev/null 2>"$DM/one.err"
"$LEAFPRESS" check "$P/content" >/dev/null 2>"$DM/all.err"
if ! grep -q "not used by any document" "$DM/one.err" &&
    grep -q "contacts.yaml:[0-9]*:1: warning: contact 'spare' is not used by any document" "$DM/all.err"; then
    ok
else
    no "check: unused contacts said of one document, or not of the whole folder:"; grep "not used" "$DM/one.err" "$DM/all.err" | head -3
fi
