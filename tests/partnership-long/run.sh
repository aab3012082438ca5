# tests/partnership-long/run.sh — sourced by tests/run.sh (uses its
# LEAFPRESS, SCRATCH, ok and no).  A partnership whose name is long
# (tests/partnership-long/partnership.yaml, 81 characters):
# a. every tri-fold (the catalogue's and one per audience) builds under it,
#    the full name on the cover and, where the full name would leave the back
#    panel's contacts no room, the short name in its QR block;
# b. with no short name, the error is at the partnership's name, not a
#    complaint about the contacts;
# c. the back panel's hints name the contacts table in use (--contacts),
#    not content/contacts.yaml; d. so do leafpress check's.
PL=$SCRATCH/partnership-long
rm -rf "$PL" && mkdir -p "$PL"
P=tests/partnership-long/partnership.yaml
trifolds=$(grep -l '^format: trifold' content/*/*.md tests/pairings/*.md)
if "$LEAFPRESS" build --variant screen --partnership "$P" -o "$PL/out" $trifolds >/dev/null 2>"$PL/err"; then
    "$LEAFPRESS" dump --partnership "$P" content/families/worried-about-a-child.md >"$PL/dump"
    bad=
    grep -q '^p1 text x=205.00 .*role=P "Riverside and Upper Valley ' "$PL/dump" || bad="$bad no full name on the cover"
    # The back panel is the outside's middle panel (97-197 mm); the QR
    # block's text is right of the code.
    awk '/^p1 text .*"RUVSP "$/ { split($3, x, "="); if (x[2] > 97 && x[2] < 197) found = 1 } END { exit !found }' \
        "$PL/dump" || bad="$bad no short name on the back panel"
    [ -z "$bad" ] && ok || no "tri-folds with a long partnership name:$bad"
else
    no "tri-folds with a long partnership name do not build:"; head -3 "$PL/err"
fi
sed '/^short-name:/d' "$P" >"$PL/no-short.yaml"
want="$PL/no-short.yaml:4:7: error: the partnership's name takes"
"$LEAFPRESS" build --partnership "$PL/no-short.yaml" -o "$PL/out2" content/families/worried-about-a-child.md \
    >/dev/null 2>"$PL/err2"
[ $? -ne 0 ] && grep -qF "$want" "$PL/err2" && grep -q "give the partnership a short-name:" "$PL/err2" && ok ||
    { no "a long partnership name with no short name: expected '$want', got:"; head -3 "$PL/err2"; }
cp content/contacts.yaml "$PL/table.yaml"
"$LEAFPRESS" build --contacts "$PL/table.yaml" -o "$PL/out3" tests/bad/trifold-ten-contacts.md >/dev/null 2>"$PL/err3"
grep -qF "shorten their notes and hours in $PL/table.yaml)" "$PL/err3" && ok ||
    { no "the back panel's hint does not name the contacts table in use:"; head -3 "$PL/err3"; }
mkdir -p "$PL/lay" && cp -r layouts/. "$PL/lay/"
printf 'extends: trifold\nback:\n  emergency: { contact: emergncy }\n' >"$PL/lay/trifold-typo.yaml"
sed 's/^format: .*/&\nlayout: trifold-typo/' content/families/worried-about-a-child.md >"$PL/typo.md"
"$LEAFPRESS" build --layouts "$PL/lay" --contacts "$PL/table.yaml" -o "$PL/out4" "$PL/typo.md" >/dev/null 2>"$PL/err4"
grep -qF "unknown emergency contact 'emergncy' (name a contact of $PL/table.yaml)" "$PL/err4" && ok ||
    { no "the emergency contact's hint does not name the contacts table in use:"; head -3 "$PL/err4"; }
# d. So do leafpress check's hints (a number or a link typed by hand).
cat >"$PL/typed.md" <<'DOC'
---
title: Where to take a worry
format: one-minute-guide
audience: professionals
reviewed: 2026-11-01
review-by: 2027-11-01
version: "1.0"
source: https://www.coventry.gov.uk/safeguarding-children-partnership
contacts: [mash, cscp]
---

## Who to call

Call 024 7678 8555 to talk about a child, or see [the partnership](https://example.org/partnership).
DOC
"$LEAFPRESS" check --contacts "$PL/table.yaml" "$PL/typed.md" >/dev/null 2>"$PL/err5"
grep -qF "typed by hand (write {{contact:key.phone}} so the number is kept in $PL/table.yaml)" "$PL/err5" &&
    grep -qF "typed by hand (add it to $PL/table.yaml and write {{contact:key.url}})" "$PL/err5" && ok ||
    { no "leafpress check's hints do not name the contacts table in use:"; grep 'typed by hand' "$PL/err5" | head -3; }
# e. A booklet's back cover whose contacts the long name would crowd out
#    (tests/layout/booklet-young-people-long: two contacts at 16 pt) builds,
#    with the short name in its band; before, it was refused ("room for 1 of
#    these 2 contacts").
"$LEAFPRESS" dump --partnership "$P" tests/layout/booklet-young-people-long.md >"$PL/bk.dump" 2>"$PL/bk.err" &&
    last=$(sed -n 's/^edition .* pages \([0-9]*\).*/\1/p' "$PL/bk.dump") &&
    grep -q "^p$last text .*\"RUVSP \"$" "$PL/bk.dump" && ok ||
    { no "a booklet's back cover under a long partnership name:"; head -3 "$PL/bk.err"; }
# f. The partnership's name never leaves its last word alone on a line
#    (tests/partnership_lines.py): posters' heads and footers, booklets'
#    covers, tri-folds' covers and back panels, under the long name and
#    under content/partnership.yaml's.
PLD="$(grep -l '^format: \(poster\|booklet\|trifold\)' content/*/*.md tests/pairings/*.md tests/golden/*.md)
$(grep -l '^format: \(poster\|trifold\|booklet\)' tests/layout/*.md)"
for pf in "$P" content/partnership.yaml; do
    python3 tests/partnership_lines.py "$LEAFPRESS" "$pf" $PLD >"$PL/names.out" 2>&1 && ok ||
        { no "the partnership's name ($pf) leaves a word alone:"; grep -v '^partnership_lines:' "$PL/names.out" | head -5; }
done
