# tests/pictures/run.sh — sourced by tests/run.sh after tests/hostile/run.sh
# (uses LEAFPRESS, SCRATCH, ok, no, expect_fail).  PNG pictures made by
# pngs.py: every kind libpng reads builds in both variants and lands in the
# PDF as the same pixels; every damaged file is an error at the picture's
# line, the process never aborts and the rest of the batch builds; pictures
# are found beside the document however the build is invoked; a FIFO or a
# folder named like a picture is refused without waiting.

P=$SCRATCH/pictures
PC=$P/content/pics
mkdir -p "$PC"
python3 tests/pictures/pngs.py "$PC"
LP_ABS=$(cd "$(dirname "$LEAFPRESS")" && pwd)/$(basename "$LEAFPRESS")
ROOT=$(pwd)

# guide NAME PICTURE: a one-minute guide whose line 13 is the picture.
guide() {
    { sed -n 1,9p tests/hostile/tab-ok.md; echo; echo 'Some words first.'; echo
      printf '![A test picture](%s) Words after the picture.\n' "$2"; } >"$PC/$1.md"
}

# Good pictures: both variants build; pdfimages lists the picture with the
# colour space, size and soft mask it must have.
while read -r name screen print mask; do
    guide "$name" "$name.png"
    rm -rf "$P/out"
    "$LEAFPRESS" build -o "$P/out" "$PC/$name.md" >/dev/null 2>"$P/err"
    rc=$?
    s=$P/out/professionals/$name.pdf
    p=$P/out/print/professionals/$name.pdf
    if [ $rc -ne 0 ] || [ ! -f "$s" ] || [ ! -f "$p" ]; then
        no "picture $name.png: did not build (exit $rc):"; head -3 "$P/err"; continue
    fi
    want_s="image 37 29 $screen"; want_p="image 37 29 $print"
    got_s=$(pdfimages -list "$s" | awk 'NR > 2 && $3 == "image" { print $3, $4, $5, $6 }')
    got_p=$(pdfimages -list "$p" | awk 'NR > 2 && $3 == "image" { print $3, $4, $5, $6 }')
    masks=$(pdfimages -list "$s" | awk 'NR > 2 && $3 == "smask"' | wc -l)
    if [ "$got_s" != "$want_s" ] || [ "$got_p" != "$want_p" ] || [ "$masks" != "$mask" ]; then
        no "picture $name.png: screen '$got_s' print '$got_p' masks $masks, expected '$want_s' '$want_p' $mask"
    elif ! qpdf --check "$s" >/dev/null 2>&1 || ! qpdf --check "$p" >/dev/null 2>&1; then
        no "picture $name.png: qpdf --check fails"
    else
        ok
    fi
done <<'EOF'
rgb rgb cmyk 0
interlaced rgb cmyk 0
palette rgb cmyk 1
palette-interlaced rgb cmyk 0
rgba16 rgb cmyk 1
grey1 gray gray 0
grey-alpha gray gray 1
colour-key rgb cmyk 1
with-text rgb cmyk 0
EOF

# An interlaced picture is the same pixels as the plain one.
mkdir -p "$P/px"
for name in rgb interlaced; do
    rm -rf "$P/out"
    "$LEAFPRESS" build --variant screen -o "$P/out" "$PC/$name.md" >/dev/null 2>&1
    pdfimages -png "$P/out/professionals/$name.pdf" "$P/px/$name" 2>/dev/null
done
if [ -f "$P/px/rgb-000.png" ] && cmp -s "$P/px/rgb-000.png" "$P/px/interlaced-000.png"; then
    ok
else
    no "an interlaced picture does not give the pixels of the plain one"
fi

# Damaged pictures: an error at the picture's line and column naming it.
while read -r name why; do
    guide "$name" "$name.png"
    expect_fail "$PC/$name.md" "$name.md:13:1: error: picture '$name.png' $why"
done <<'EOF'
truncated is damaged: the file ends early
no-end is damaged: the file ends early
header-only is damaged: the file ends early
bad-crc is damaged: IDAT
bad-crc-text is damaged: tEXt: CRC error
short-idat is damaged: Not enough image data
bad-colour-type is damaged: Invalid IHDR data
bad-depth is damaged: Invalid IHDR data
palette-range is damaged: palette index 4 is beyond its 4 colours
no-palette is damaged: IDAT: Missing PLTE before IDAT
bad-filter is damaged: bad adaptive filter value
garbage-idat is damaged: IDAT: invalid
EOF

# Not a file: a FIFO and a folder named like pictures, refused at once.
mkfifo "$PC/fifo.png"
mkdir "$PC/folder.png"
for name in fifo folder; do
    guide "$name" "$name.png"
    rm -rf "$H/out"
    timeout 20 "$LEAFPRESS" build -o "$H/out" "$PC/$name.md" >/dev/null 2>"$H/err"
    rc=$?
    if [ $rc -eq 124 ]; then
        no "picture $name.png: the build hangs"
    elif [ $rc -ne 1 ] || ! grep -qF "$name.md:13:1: error: picture '$name.png' is not a regular file" "$H/err"; then
        no "picture $name.png (exit $rc):"; head -3 "$H/err"
    else
        ok
    fi
done
# A link to a picture inside the folder is followed.
ln -s rgb.png "$PC/link.png"
guide link link.png
expect_ok "$PC/link.md" "Words after the picture"

# A batch of every damaged picture and one good document: no abort, the
# good one is built, each bad one reported once.
mkdir -p "$P/batch"
for name in truncated no-end bad-crc short-idat bad-colour-type palette-range garbage-idat fifo; do
    cp "$PC/$name.md" "$P/batch/"
    [ -f "$PC/$name.png" ] && cp "$PC/$name.png" "$P/batch/"
done
cp "$PC/rgb.png" "$P/batch/"
cp "$PC/rgb.md" "$P/batch/zz-good.md"
mkfifo "$P/batch/fifo.png"
rm -rf "$P/bout"
timeout 60 "$LEAFPRESS" build -o "$P/bout" "$P/batch" >/dev/null 2>"$P/batch.err"
rc=$?
if [ $rc -eq 1 ] && [ -f "$P/bout/professionals/zz-good.pdf" ] &&
    grep -q '1 built, 8 failed' "$P/batch.err" &&
    [ "$(grep -c "error: picture '" "$P/batch.err")" = 8 ]; then
    ok
else
    no "batch of damaged pictures (exit $rc):"; tail -4 "$P/batch.err"
fi

# Easy read, built the Makefile's way from the project folder with a
# relative path: the picture is found beside the document, once.
E=$P/proj
mkdir -p "$E/content/young-people"
cp "$PC/interlaced.png" "$PC/palette.png" "$E/content/young-people/"
{ sed -n 1,14p tests/golden/easyread-basic.md; echo
  echo '## What it is'; echo
  echo '![a coloured square](interlaced.png) Nobody should make you do things you do not want.'; echo 'This could be **grooming**.'; echo
  echo '![a pattern of squares](palette.png) You can tell someone.'; } >"$E/content/young-people/easy.md"
(cd "$E" && "$LP_ABS" build -j 1 --layouts "$ROOT/layouts" --fonts "$ROOT/fonts" \
    --contacts "$ROOT/content/contacts.yaml" --output-profile "$ROOT/build/icc/FOGRA39L.icc" \
    -o out content/young-people/easy.md >/dev/null 2>"$P/easy.err")
rc=$?
n=$(pdfimages -list "$E/out/young-people/easy.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)
if [ $rc -eq 0 ] && [ "$n" = 2 ]; then
    ok
else
    no "easy read with pictures built from the project folder (exit $rc, $n images):"; head -3 "$P/easy.err"
fi
