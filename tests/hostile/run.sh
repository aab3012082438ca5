# tests/hostile/run.sh — sourced by tests/run.sh (uses its LEAFPRESS,
# SCRATCH, ok and no).  Hostile input: each tests/hostile/X.md with X.err
# must fail with that line on stderr and leave no file; each X.md with X.ok
# must build, and its PDF's text must hold the X.ok line.  Attacks too large
# or too binary to commit, and symbolic links, are made here.

H=$SCRATCH/hostile
mkdir -p "$H/gen"

# expect_fail FILE.md 'expected stderr text'
expect_fail() {
    rm -rf "$H/out"
    "$LEAFPRESS" build -o "$H/out" "$1" >/dev/null 2>"$H/err"
    rc=$?
    if [ $rc -eq 0 ]; then
        no "$1: built (exit 0), expected: $2"
    elif [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error:' "$H/err"; then
        no "$1: exit $rc:"; head -5 "$H/err"
    elif ! grep -qF -- "$2" "$H/err"; then
        no "$1: expected '$2', got:"; head -3 "$H/err"
    elif [ -n "$(find "$H/out" -type f 2>/dev/null)" ]; then
        no "$1: failed but left files behind: $(find "$H/out" -type f)"
    else
        ok
    fi
}

# expect_ok FILE.md 'text the PDF must hold' [slug]
expect_ok() {
    rm -rf "$H/out"
    slug=${3:-$(basename "$1" .md)}
    "$LEAFPRESS" build --variant screen -o "$H/out" "$1" >/dev/null 2>"$H/err"
    rc=$?
    pdf=$H/out/professionals/$slug.pdf
    if [ $rc -ne 0 ] || [ ! -f "$pdf" ]; then
        no "$1: did not build (exit $rc):"; head -3 "$H/err"
    elif ! pdftotext "$pdf" - 2>/dev/null | grep -qF -- "$2"; then
        no "$1: the PDF lacks '$2'"
    else
        ok
    fi
}

for md in tests/hostile/*.md; do
    b=${md%.md}
    if [ -f "$b.err" ]; then expect_fail "$md" "$(cat "$b.err")"
    elif [ -f "$b.ok" ]; then expect_ok "$md" "$(cat "$b.ok")"
    else no "$md has neither .err nor .ok"
    fi
done

# Generated attacks share the committed files' front matter (9 lines).
fm() { sed -n 1,9p tests/hostile/tab-ok.md; echo; }
G=$H/gen

# A 50 MB file is refused before it is parsed.
{ fm; yes 'Some words in a paragraph.' | head -c 52428800; } >"$G/huge.md"
expect_fail "$G/huge.md" "$G/huge.md:1:1: error: file is larger than 4194304 bytes"
rm -f "$G/huge.md"

# A word of 200,000 letters and a run of 200,000 brackets: refused at the
# document, in time linear in their length (CPU capped at 30 s: setting them
# used to cost their length squared, minutes for these).
{ fm; head -c 200000 /dev/zero | tr '\000' 'a'; echo; } >"$G/long-word.md"
{ fm; head -c 200000 /dev/zero | tr '\000' '['; echo; } >"$G/brackets.md"
for f in long-word brackets; do
    rm -rf "$H/out"
    (ulimit -t 30; exec "$LEAFPRESS" build -o "$H/out" "$G/$f.md") >/dev/null 2>"$H/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "^$G/$f.md:[0-9]*:[0-9]*: error: " "$H/err" && [ ! -d "$H/out/professionals" ]; then
        ok
    else
        no "$f.md: exit $rc (137 or 152: it ran out of CPU time):"; head -3 "$H/err"
    fi
done
rm -f "$G/long-word.md" "$G/brackets.md"

# Front matter over 64 KiB.
{ echo ---; echo 'title: Long'; yes '# a comment line in the front matter' | head -n 2000; sed -n 3,9p tests/hostile/tab-ok.md; echo; } >"$G/long-front.md"
expect_fail "$G/long-front.md" "long-front.md:1:1: error: front matter is longer than 65536 bytes"

# NUL bytes, invalid and overlong UTF-8, UTF-16: the line and column of the byte.
{ fm; printf 'Before\000after.\n'; } >"$G/nul.md"
expect_fail "$G/nul.md" "nul.md:11:7: error: NUL byte in content file"
{ fm; printf 'Caf\303\050 here.\n'; } >"$G/bad-utf8.md"
expect_fail "$G/bad-utf8.md" "bad-utf8.md:11:4: error: invalid UTF-8 (byte 0xC3)"
{ fm; printf 'Slash \300\257 overlong.\n'; } >"$G/overlong.md"
expect_fail "$G/overlong.md" "overlong.md:11:7: error: invalid UTF-8 (byte 0xC0)"
{ printf '\377\376'; fm | sed 's/./&\x00/g'; } >"$G/utf16.md"
expect_fail "$G/utf16.md" "utf16.md:1:1: error: the file is UTF-16, not UTF-8"
{ fm; printf 'Word line\vbreak.\n'; } >"$G/vtab.md"
expect_fail "$G/vtab.md" "vtab.md:11:10: error: vertical tab (a Word line break) U+000B is not allowed"

# YAML: a long value named by many aliases is refused by its expanded size
# (few nodes, megabytes of text), quickly; tags and NULs in layouts and in
# contacts.yaml are refused at their line and column.
{ sed -n 1,7p tests/hostile/tab-ok.md; printf 'summary: &s '; head -c 30000 /dev/zero | tr '\0' x; echo
  printf 'words: {'; i=0; while [ $i -lt 200 ]; do printf 'w%d: *s, ' $i; i=$((i + 1)); done; echo 'z: end}'
  sed -n 8,9p tests/hostile/tab-ok.md; echo; echo Text.; } >"$G/yaml-byte-bomb.md"
t0=$(date +%s)
expect_fail "$G/yaml-byte-bomb.md" "yaml-byte-bomb.md:9:"
grep -qF "error: YAML text longer than 4194304 bytes after alias expansion" "$H/err" &&
    [ $(($(date +%s) - t0)) -lt 5 ] && ok || no "yaml byte bomb: $(head -1 "$H/err")"
rm -rf "$H/lay-tag" && cp -r layouts "$H/lay-tag"
printf 'radius: !!float 3\n' >>"$H/lay-tag/themes/professionals.yaml"
"$LEAFPRESS" build --layouts "$H/lay-tag" -o "$H/out" tests/hostile/tab-ok.md >/dev/null 2>"$H/err"
[ $? -eq 1 ] && grep -q "lay-tag/themes/professionals.yaml:[0-9]*:9: error: YAML tag '!!float' is not allowed" "$H/err" &&
    [ -z "$(find "$H/out" -type f 2>/dev/null)" ] && ok || no "tag in a theme: $(head -1 "$H/err")"
{ cat content/contacts.yaml; printf 'zz-extra:\n  name: Extra\n  phone: !!int 999\n'; } >"$H/contacts-tag.yaml"
"$LEAFPRESS" build --contacts "$H/contacts-tag.yaml" -o "$H/out" tests/hostile/tab-ok.md >/dev/null 2>"$H/err"
[ $? -eq 1 ] && grep -q "contacts-tag.yaml:[0-9]*:10: error: YAML tag '!!int' is not allowed" "$H/err" &&
    [ -z "$(find "$H/out" -type f 2>/dev/null)" ] && ok || no "tag in contacts.yaml: $(head -1 "$H/err")"
{ cat content/contacts.yaml; printf 'zz-extra:\n  name: Ex\000tra\n'; } >"$H/contacts-nul.yaml"
"$LEAFPRESS" build --contacts "$H/contacts-nul.yaml" -o "$H/out" tests/hostile/tab-ok.md >/dev/null 2>"$H/err"
[ $? -eq 1 ] && grep -q "contacts-nul.yaml:[0-9]*:11: error: NUL byte in YAML" "$H/err" &&
    [ -z "$(find "$H/out" -type f 2>/dev/null)" ] && ok || no "NUL in contacts.yaml: $(head -1 "$H/err")"

# Audience notes apply everywhere: {{contact:mash.note}} in a young people's
# leaflet prints their note from contacts.yaml, not the professionals' one.
{ sed -n 1,2p tests/hostile/tab-ok.md; echo 'format: easy-read'; echo 'audience: young-people'; sed -n 5,9p tests/hostile/tab-ok.md
  echo; echo '## Who can help'; echo; echo '![a phone](icon:phone) The MASH: {{contact:mash.note}}'; } >"$G/yp-note.md"
rm -rf "$H/out"
"$LEAFPRESS" build --variant screen -o "$H/out" "$G/yp-note.md" >/dev/null 2>"$H/err"
pdftotext "$H/out/young-people/yp-note.pdf" - 2>/dev/null | tr '\n' ' ' >"$H/yp-note.txt"
if grep -q "Their job is to keep" "$H/yp-note.txt" && ! grep -q "to discuss a child" "$H/yp-note.txt"; then
    ok
else
    no "young people's note: $(head -2 "$H/err") $(head -c 300 "$H/yp-note.txt")"
fi

# A hundred thousand mistakes: fifty are reported, the rest counted, quickly.
{ fm; yes '{{contact:no-such-contact}}
' | head -n 200000; } >"$G/many-errors.md"
expect_fail "$G/many-errors.md" "many-errors.md: error: 99950 more errors not shown"

# Pictures: inside the folder fine; links out, oversize, pixel bombs, non-PNG refused.
mkdir -p "$G/pics"
python3 - "$G/pics" <<'PY'
import struct, sys, zlib
def png(path, w, h, pad=0):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = zlib.compress(b''.join(b'\0' + b'\x80' * w * 3 for _ in range(h))) if w * h < 10000 else b''
    body = chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', raw)
    if pad:
        body += chunk(b'tEXt', b'c\0' + b'x' * pad)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + body + chunk(b'IEND', b''))
d = sys.argv[1]
png(d + '/fine.png', 40, 40)
png(d + '/bomb.png', 60000, 60000)
png(d + '/heavy.png', 40, 40, pad=9 * 1024 * 1024)
open(d + '/fake.png', 'wb').write(b'GIF89a' + b'\0' * 64)
PY
ln -s /etc/passwd "$G/pics/passwd.png"
ln -s /etc "$G/pics/etc"
pic() { { fm; printf '![A picture](%s)\n' "$2"; } >"$G/pics/$1.md"; }
pic fine fine.png
expect_ok "$G/pics/fine.md" "Hostile input"
pic symlink passwd.png
expect_fail "$G/pics/symlink.md" "symlink.md:11:1: error: picture 'passwd.png' is outside the content folder"
pic symlink-dir etc/hostname
expect_fail "$G/pics/symlink-dir.md" "symlink-dir.md:11:1: error: picture 'etc/hostname' is outside the content folder"
pic bomb bomb.png
expect_fail "$G/pics/bomb.md" "bomb.md:11:1: error: picture 'bomb.png' is 60000 x 60000 pixels"
pic heavy heavy.png
expect_fail "$G/pics/heavy.md" "heavy.md:11:1: error: picture 'heavy.png' is larger than 8388608 bytes"
pic fake fake.png
expect_fail "$G/pics/fake.md" "fake.md:11:1: error: picture 'fake.png' is not a PNG file"
{ sed -n 1,7p tests/hostile/tab-ok.md; echo 'picture: passwd.png'; echo 'picture-alt: A secret'; sed -n 8,9p tests/hostile/tab-ok.md; echo; echo Text.; } >"$G/pics/front-symlink.md"
expect_fail "$G/pics/front-symlink.md" "front-symlink.md:8:10: error: picture 'passwd.png' is outside the content folder"

# Slugs: a hostile file name gives a tame output name; one with nothing usable fails.
mkdir -p "$G/names"
fm >"$G/names/Evil Name;rm -rf \$HOME.md"; echo Text. >>"$G/names/Evil Name;rm -rf \$HOME.md"
expect_ok "$G/names/Evil Name;rm -rf \$HOME.md" "Hostile input" evil-name-rm-rf-home
{ fm; echo Text.; } >"$G/names/ÉÈ.md"
expect_fail "$G/names/ÉÈ.md" "ÉÈ.md: error: the file name gives no output name"

# A batch of every hostile file plus a good one: the good one is built,
# nothing lands outside the output directory, the run exits 1.
mkdir -p "$H/batch"
cp tests/hostile/*.md "$H/batch/"
cp content/professionals/what-is-csa.md "$H/batch/zz-good.md"
rm -rf "$H/bout"
"$LEAFPRESS" build --variant screen -o "$H/bout" "$H/batch" >/dev/null 2>"$H/batch.err"
rc=$?
nbad=$(ls tests/hostile/*.err | wc -l)
if [ $rc -eq 1 ] && [ -f "$H/bout/professionals/zz-good.pdf" ] &&
    grep -q "[0-9]* built, $nbad failed" "$H/batch.err" &&
    [ -z "$(find "$H" -newer "$H/batch.err" -name '*.pdf' ! -path "$H/bout/*")" ]; then
    ok
else
    no "hostile batch (exit $rc): $(tail -1 "$H/batch.err")"
fi

# Killed mid-build: whatever PDFs exist in the output are whole.
rm -rf "$H/kill"
"$LEAFPRESS" build -o "$H/kill" content >/dev/null 2>&1 &
kpid=$!
sleep 0.4
kill -9 $kpid 2>/dev/null
wait $kpid 2>/dev/null
partial=
for pdf in $(find "$H/kill" -name '*.pdf' 2>/dev/null); do
    tail -c 8 "$pdf" | grep -q '%%EOF' || partial="$partial $pdf"
done
[ -z "$partial" ] && ok || no "killed build left partial PDFs:$partial"

# Fuzz regressions: inputs that once crashed a parser, replayed through the
# normal binary (so no clang is needed): any exit other than 0 or 1, or a
# sanitizer report, fails; so does running past 10 s of CPU (some were hangs).
replay() { # name command...
    name=$1; shift
    (ulimit -t 10; "$@") >/dev/null 2>"$H/replay.err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q 'Sanitizer\|runtime error:' "$H/replay.err"; then
        no "fuzz regression $name: exit $rc"; head -5 "$H/replay.err"
    else
        ok
    fi
}
for f in tests/fuzz/regressions/front_matter/* tests/fuzz/regressions/markdown/*; do
    [ -f "$f" ] && replay "$f" "$LEAFPRESS" text "$f"
done
for f in tests/fuzz/regressions/build/*; do
    [ -f "$f" ] && replay "$f" "$LEAFPRESS" build -o "$H/replay-out" "$f"
done
for f in tests/fuzz/regressions/contacts/*; do
    [ -f "$f" ] && replay "$f" "$LEAFPRESS" text --contacts "$f" tests/hostile/tab-ok.md
done
for f in tests/fuzz/regressions/layout/*; do
    [ -f "$f" ] || continue
    rm -rf "$H/lay"
    cp -r layouts "$H/lay"
    # The first byte picks the role, as in fuzz_layout.c: '0' a layout, else a theme.
    if [ "$(head -c 1 "$f")" = 0 ]; then
        tail -c +2 "$f" >"$H/lay/fuzz.yaml"
        { sed -n 1,3p tests/hostile/tab-ok.md; echo 'layout: fuzz'; sed -n 4,9p tests/hostile/tab-ok.md; echo; echo Text.; } >"$H/lay-doc.md"
    else
        tail -c +2 "$f" >"$H/lay/themes/professionals.yaml"
        cp tests/hostile/tab-ok.md "$H/lay-doc.md"
    fi
    replay "$f" "$LEAFPRESS" dump --layouts "$H/lay" "$H/lay-doc.md"
done
# fuzz_layout_doc: the first byte's low three bits mod 5 pick the format
# whose layout the rest replaces; its catalogue document is built with it.
for f in tests/fuzz/regressions/layout_doc/*; do
    [ -f "$f" ] || continue
    rm -rf "$H/lay"
    cp -r layouts "$H/lay"
    k=$(( ($(head -c 1 "$f" | od -An -tu1) & 7) % 5 ))
    case $k in
    0) lay=one-minute-guide doc=content/professionals/harmful-sexual-behaviour.md ;;
    1) lay=trifold doc=content/families/keeping-children-safe-online.md ;;
    2) lay=easy-read doc=content/young-people/going-to-the-blue-sky-centre.md ;;
    3) lay=poster doc=content/families/helplines-poster.md ;;
    *) lay=booklet doc=content/professionals/resources-for-professionals.md ;;
    esac
    tail -c +2 "$f" >"$H/lay/$lay.yaml"
    replay "$f" "$LEAFPRESS" build --layouts "$H/lay" -o "$H/replay-out" "$doc"
done
# fuzz_picture_doc: the input is pic.png beside an easy-read row and a
# tri-fold's cover.
for f in tests/fuzz/regressions/picture_doc/*; do
    [ -f "$f" ] || continue
    rm -rf "$H/picdoc" && mkdir -p "$H/picdoc"
    cp "$f" "$H/picdoc/pic.png"
    { sed -n 1p tests/hostile/tab-ok.md; echo 'title: A picture'; echo 'format: easy-read'; echo 'audience: young-people'
      sed -n 5,9p tests/hostile/tab-ok.md; echo; echo '![a friend](pic.png) You can talk to a friend.'; } >"$H/picdoc/easy-read.md"
    { sed -n 1p tests/hostile/tab-ok.md; echo 'title: A cover'; echo 'format: trifold'; echo 'audience: families'
      echo 'picture: pic.png'; echo 'picture-alt: A family'; sed -n 5,9p tests/hostile/tab-ok.md; echo; echo '## Help'; echo; echo 'Words.'; } >"$H/picdoc/trifold.md"
    replay "$f" "$LEAFPRESS" build -o "$H/replay-out" "$H/picdoc/easy-read.md" "$H/picdoc/trifold.md"
done

# Own frames.  Every block a format places in a container (a poster's
# contact card, the tri-fold's back-panel entry, a key-contacts cell, the
# booklet's back page, the easy-read contacts box, a callout, a
# definition) is checked against that container.  A contact whose name is
# one 96-letter word, and titles of one long word, must fit (broken where
# they must be, with a warning at the contacts: key or the fence that asked
# for them) and print every letter.
{ cat content/contacts.yaml; cat <<'YAML'

zz-long-name:
  name: Supercalifragilisticexpialidociousorganisationforsafeguardingchildrenandyoungpeopleeverywhere
  phone: "024 7678 8555"
  note: Partnership enquiries
  icon: shield-check
  source: https://www.coventry.gov.uk/safeguarding-children-partnership/child-sexual-abuse
YAML
} >"$H/long-contacts.yaml"
long_doc() { # format audience body...
    f=$1 a=$2; shift 2
    printf -- '---\ntitle: Long names in a %s\nformat: %s\naudience: %s\nreviewed: 2026-11-01\nreview-by: 2027-11-01\nversion: "1.0"\nsource: https://www.coventry.gov.uk/safeguarding-children-partnership/child-sexual-abuse\ncontacts: [zz-long-name, mash]\n---\n\n' "$f" "$f" "$a"
    printf '%s\n\n' "$@"
}
callout='```callout icon="info" title="Extraordinarilylongcallouttitlewithoutanyspacesatallwhichgoesonandonandonforevermorewithoutstoppingforbreathatanypointwhatsoever"
Some words in the callout.
```'
definition='```definition source="Workingtogethertosafeguardchildrenstatutoryguidance" title="Definitionwithaverylongtitlethatcannotbreakanywhereatallwhichgoesonandonandonforevermorewithoutstoppingforbreathatanypointwhatsoever"
Words of the definition.
```'
long_doc poster families '![a phone](icon:phone) Talk to someone.' '![a house](icon:house) You are not alone.' '![a heart](icon:heart) It is not your fault.' >"$G/long-poster.md"
long_doc trifold families '## Help' 'Words about help.' "$callout" "$definition" >"$G/long-trifold.md"
long_doc one-minute-guide professionals "$definition" '## Help' 'Words about help.' "$callout" >"$G/long-guide.md"
long_doc booklet professionals '## Help' 'Words about help.' "$callout" >"$G/long-booklet.md"
long_doc easy-read young-people '## Help' '![a phone](icon:phone) You can talk to someone.' >"$G/long-easy-read.md"
for f in poster trifold guide booklet easy-read; do
    rm -rf "$H/out"
    "$LEAFPRESS" build --variant screen --contacts "$H/long-contacts.yaml" -o "$H/out" "$G/long-$f.md" >/dev/null 2>"$H/err"
    rc=$?
    pdf=$(find "$H/out" -name '*.pdf' | head -1)
    if [ $rc -ne 0 ] || [ -z "$pdf" ]; then
        no "long contact name in a $f: exit $rc: $(head -2 "$H/err")"
    elif ! grep -q "long-$f.md:9:12: warning: 'Supercalifragilisticexpialidociousorgani" "$H/err"; then
        no "long contact name in a $f: no warning at the contacts: key: $(head -2 "$H/err")"
    elif ! pdftotext "$pdf" - | tr -d '\n-' | grep -q 'Supercalifragilisticexpialidocious'; then
        no "long contact name in a $f: the PDF lacks its letters"
    else
        ok
    fi
    case $f in poster | easy-read) continue ;; esac
    grep -q "long-$f.md:[0-9]*:1: warning: 'Extraordinarilylongcallouttitle" "$H/err" &&
        ok || no "long callout title in a $f: no warning at its fence: $(grep callout "$H/err" | head -1)"
done
grep -q "long-guide.md:12:1: warning: 'Definitionwithaverylongtitle" "$H/err" 2>/dev/null ||
    "$LEAFPRESS" build --variant screen --contacts "$H/long-contacts.yaml" -o "$H/out" "$G/long-guide.md" >/dev/null 2>"$H/err"
grep -q "long-guide.md:12:1: warning: 'Definitionwithaverylongtitle" "$H/err" &&
    ok || no "long definition title in the guide's panel: no warning at its fence: $(grep Definition "$H/err" | head -1)"

# A word-box label of several lines (a layout's wording) used to run out of
# its box over the next row; the box now grows to hold it.
rm -rf "$H/lay-label" && cp -r layouts "$H/lay-label"
sed -i 's/^  label: Word to know/  label: Here is a word that you may not know yet/' "$H/lay-label/easy-read.yaml"
rm -rf "$H/out"
"$LEAFPRESS" build --variant screen --layouts "$H/lay-label" -o "$H/out" content/young-people/what-is-sexual-abuse.md >/dev/null 2>"$H/err"
[ $? -eq 0 ] && pdftotext "$H/out/young-people/what-is-sexual-abuse.pdf" - | tr '\n' ' ' | grep -q 'that you may not know yet' &&
    ok || no "a long word-box label: $(head -2 "$H/err")"

# Over-long text is reported at the block that did not fit, not the title.
{ fm; echo 'A first paragraph.'; echo; head -c 60000 /dev/zero | tr '\000' 'a'; echo; } >"$G/long-word-line.md"
expect_fail "$G/long-word-line.md" "long-word-line.md:13:1: error: the guide does not fit"
grep -q "long-word-line.md:13:1: warning: 'aaaa" "$H/err" && ok || no "a 60,000-letter word's warning: $(head -1 "$H/err")"
{ sed -n 1,2p tests/hostile/tab-ok.md; echo 'format: booklet'; sed -n 4,9p tests/hostile/tab-ok.md; echo
  echo '## A chapter'; echo; echo 'Some words.'; echo; printf '%s ' $(yes word | head -n 1900); echo; echo
  i=0; while [ $i -lt 40 ]; do printf '## Chapter %d\n\n' $i; printf '%s ' $(yes words | head -n 1500); printf '\n\n'; i=$((i + 1)); done; } >"$G/long-booklet-text.md"
rm -rf "$H/out"
"$LEAFPRESS" build -o "$H/out" "$G/long-booklet-text.md" >/dev/null 2>"$H/err"
grep -q "long-booklet-text.md:[0-9]*:1: error: the booklet does not fit" "$H/err" && ! grep -q "long-booklet-text.md:2:1:" "$H/err" &&
    ok || no "an over-long booklet is reported at its text: $(head -1 "$H/err")"
