/* layout_schema.c — the declared keys of layouts and themes, and the check.
 *
 * The table is the reference: a key a layout or theme may hold is one line
 * here (see layout_schema.h for the columns), and layouts/README.md's key
 * reference is written from it.  Lengths are at trim size.
 */
#include "layout_schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_spec.h"

/* Where a key may appear: a theme, any layout, or the layouts of some
 * formats (a bit per format of the registry, formats.c). */
#define G LS_FMT(FMT_GUIDE)
#define T LS_FMT(FMT_TRIFOLD)
#define E LS_FMT(FMT_EASYREAD)
#define P LS_FMT(FMT_POSTER)
#define B LS_FMT(FMT_BOOKLET)
#define GP (G | P)
#define GE (G | E)
#define BT (B | T)
#define BE (B | E)
#define BG (B | G)
#define BGP (B | G | P)
#define BGE (B | G | E)
#define BGPE (B | G | P | E)
#define PAGED (G | T | E | B)
#define MARGINED (G | E | P | B)
/* The lines a contact entry can print (parts.c). */
#define CONTACT_LINES "name|short-name|number|note|note-warning|hours"
#define MAXLEN "2000mm"
/* The QR block part (parts.h) under prefix, in the layouts of scope. */
#define QR_BLOCK(scope, prefix) \
    {scope, prefix ".size", LS_LEN, NULL, ">0mm", "200mm", "side of the QR code"}, \
    {scope, prefix ".color", LS_COLOR, NULL, NULL, NULL, "colour of the QR code's modules"}, \
    {scope, prefix ".gap", LS_LEN, NULL, "0mm", "50mm", "the QR code (or its plate) to its text"}, \
    {scope, prefix ".side", LS_CHOICE, "right", "left|right", NULL, "where the code goes, and which is read first"}, \
    {scope, prefix ".align", LS_CHOICE, "bottom", "top|middle|bottom", NULL, "bottom: the code's and the text's feet on the block's foot; top: both from its top; middle: centred on each other"}, \
    {scope, prefix ".plate-color", LS_COLOR, "—", NULL, NULL, "the plate the QR code stands on"}, \
    {scope, prefix ".plate-padding", LS_LEN, "0mm", "0mm", "20mm", "plate around the QR code (0: no plate)"}, \
    {scope, prefix ".prompt", LS_TEXT, NULL, NULL, NULL, "the words by the QR code; {host} is the source's site, linked"}, \
    {scope, prefix ".lead", LS_TEXT, "—", NULL, NULL, "words in the strong style at the head of the {dates} line"}, \
    {scope, prefix ".lines", LS_TEXTS, "[\"{prompt}\"]", NULL, NULL, "the text, in order: {prompt}, {source} (where it fits one line), {dates} (version and review dates) or words with tokens; a line whose token has no value is left out"}, \
    {scope, prefix ".style", LS_TEXT, "footer", NULL, NULL, "the text's style"}, \
    {scope, prefix ".strong-style", LS_TEXT, "the style", NULL, NULL, "the lead's style (its face and colour)"}, \
    {scope, prefix ".first-style", LS_TEXT, "the style", NULL, NULL, "the style of the first line listed in lines (when it has something to say)"}, \
    {scope, prefix ".spaced", LS_BOOL, "false", NULL, NULL, "a paragraph's space and half a line between the lines"},

/* clang-format off */
const ls_key ls_keys[] = {
    /* ---- every layout */
    {LS_LAYOUT, "format", LS_FORMAT, NULL, NULL, NULL, "the format this layout arranges"},
    {LS_LAYOUT, "for", LS_TEXTS, "everyone", NULL, NULL, "the readers the layout is designed for (themes in layouts/themes/); leafpress check warns about a document for another"},
    {LS_LAYOUT, "extends", LS_TEXT, "—", NULL, NULL, "another layout this one changes key by key"},
    {LS_LAYOUT, "theme", LS_TEXT, "the audience", NULL, NULL, "the theme in layouts/themes/ (else the document's audience)"},
    {LS_LAYOUT, "safe", LS_LEN, NULL, "0mm", "30mm", "nothing but backgrounds comes nearer the trim than this"},
    {PAGED, "page.width", LS_LEN, NULL, ">0mm", MAXLEN, "page width at trim"},
    {PAGED, "page.height", LS_LEN, NULL, ">0mm", MAXLEN, "page height at trim"},
    {MARGINED, "margins.left", LS_LEN, NULL, "0mm", MAXLEN, "text starts this far from the left trim"},
    {MARGINED, "margins.right", LS_LEN, NULL, "0mm", MAXLEN, "text ends this far from the right trim"},
    {MARGINED, "margins.top", LS_LEN, NULL, "0mm", MAXLEN, "the first line box starts this far below the top trim"},
    {MARGINED, "margins.bottom", LS_LEN, NULL, "0mm", MAXLEN, "text ends this far above the bottom trim"},
    {BE, "max-pages", LS_INT, NULL, "1", "200", "more pages is an error, not a thicker document"},

    /* ---- one-minute guide */
    {G, "band.color", LS_COLOR, NULL, NULL, NULL, "the title band, from the top edge into the bleed"},
    {G, "band.height", LS_LEN, NULL, ">0mm", MAXLEN, "height of the title band"},
    {G, "band.gap", LS_LEN, NULL, "0mm", MAXLEN, "band to the body"},
    {G, "band.rule", LS_LEN, NULL, "0mm", "20mm", "the rule under the band"},
    {G, "band.rule-color", LS_COLOR, NULL, NULL, NULL, "colour of the rule under the band"},
    {G, "band.label-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the \"One Minute Guide\" pill"},
    {G, "band.pill-height", LS_LEN, NULL, ">0mm", "50mm", "height of the pill"},
    {G, "band.pill-padding", LS_LEN, NULL, "0mm", "50mm", "left and right of the pill's label"},
    {G, "band.pill-color", LS_COLOR, NULL, NULL, NULL, "the pill's background"},
    {G, "band.icon-gap", LS_LEN, NULL, "0mm", "50mm", "the pill's icon to its label"},
    {G, "band.label", LS_TEXT, NULL, NULL, NULL, "the pill's words"},
    {G, "band.label-icon", LS_TEXT, NULL, NULL, NULL, "the Lucide icon in the pill"},
    {G, "band.label-style", LS_TEXT, "band-label", NULL, NULL, "the pill's style"},
    {G, "band.partnership-style", LS_TEXT, "partnership", NULL, NULL, "the partnership's name in the band"},
    {G, "band.title-style", LS_TEXT, "title", NULL, NULL, "the title's style"},
    {G, "band.standfirst-style", LS_TEXT, "standfirst", NULL, NULL, "the subtitle's style"},
    {G, "band.title-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the title's first line box"},
    {G, "band.standfirst-width", LS_LEN, NULL, ">0mm", MAXLEN, "the standfirst's measure"},
    {G, "body.top", LS_LEN, NULL, "0mm", MAXLEN, "top of the body columns on page 1"},
    {G, "body.bottom", LS_LEN, NULL, ">0mm", MAXLEN, "the body columns (and the key-contacts strip) end here"},
    {G, "body.gutter", LS_LEN, NULL, "0mm", MAXLEN, "between the two columns"},
    {G, "body.gap", LS_LEN, NULL, "0mm", MAXLEN, "title to standfirst, and the band's bottom padding"},
    {G, "body.page2-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the body columns on page 2"},
    {G, "definitions.label", LS_TEXT, NULL, NULL, NULL, "the heading of the definitions panel"},
    {G, "definitions.padding", LS_LEN, NULL, "0mm", "50mm", "inside the definitions panel"},
    {G, "definitions.label-gap", LS_LEN, NULL, "0mm", "50mm", "the panel's heading to its first definition"},
    {G, "definitions.background", LS_COLOR, NULL, NULL, NULL, "the definitions panel's tint"},
    {G, "definitions.bar", LS_LEN, "0mm", "0mm", "20mm", "the bar on the panel's left edge"},
    {G, "definitions.bar-color", LS_COLOR, NULL, NULL, NULL, "colour of the bar"},
    {G, "definitions.max", LS_INT, "2", "0", "2", "how many leading definitions the panel holds (0: no panel; they flow with the text)"},
    {G, "definitions.label-style", LS_TEXT, "definitions-label", NULL, NULL, "the panel's heading"},
    {G, "definitions.title-style", LS_TEXT, "definition-title", NULL, NULL, "a definition's title"},
    {G, "definitions.text-style", LS_TEXT, "quote", NULL, NULL, "a definition's words"},
    {G, "definitions.source-style", LS_TEXT, "source-line", NULL, NULL, "a definition's source line"},
    {GE, "contacts.label", LS_TEXT, NULL, NULL, NULL, "the heading of the contacts strip or box"},
    {GE, "contacts.background", LS_COLOR, NULL, NULL, NULL, "the contacts strip's or box's tint"},
    {GE, "contacts.padding", LS_LEN, NULL, "0mm", "50mm", "inside the contacts strip or box"},
    {GE, "contacts.icon", LS_TEXT, NULL, NULL, NULL, "the Lucide icon by the heading"},
    {GE, "contacts.icon-color", LS_COLOR, NULL, NULL, NULL, "colour of that icon"},
    {GE, "contacts.label-gap", LS_LEN, NULL, "0mm", "50mm", "icon to heading"},
    {G, "contacts.side", LS_CHOICE, "front", "front|back", NULL, "the side of a two-sided guide whose columns end on the strip"},
    {G, "contacts.label-style", LS_TEXT, "contacts-label", NULL, NULL, "the strip's heading"},
    {G, "contacts.rule", LS_LEN, NULL, "0mm", "20mm", "the rule above the strip"},
    {G, "contacts.rule-color", LS_COLOR, NULL, NULL, NULL, "colour of that rule"},
    {G, "contacts.lines", LS_CHOICES, "short-name number note-warning", CONTACT_LINES, NULL, "what each cell prints, in order"},
    {G, "contacts.ratios", LS_NUMS, NULL, ">0", "100", "relative widths of the strip's cells, one a contact"},
    {G, "contacts.divider", LS_LEN, NULL, "0mm", "20mm", "the rule between cells"},
    {G, "contacts.divider-color", LS_COLOR, NULL, NULL, NULL, "colour of that rule"},
    /* The running header and the page footer (parts.h: part_running), one
     * part for the guide, the booklet and easy read: each piece is set
     * when its keys are there. */
    {BGE, "header.top", LS_LEN, "— (no running header)", "0mm", MAXLEN, "top of the running header's line box"},
    {BGE, "header.text", LS_TEXT, "{title}", NULL, NULL, "the running header's words ({title}, {partnership}, ...)"},
    {BGE, "header.style", LS_TEXT, "footer", NULL, NULL, "the running header's style"},
    {BGE, "header.rule-gap", LS_LEN, "0mm", "0mm", "50mm", "header text to its rule"},
    {BGE, "header.rule", LS_LEN, "0mm", "0mm", "20mm", "the rule under the running header (0: none)"},
    {BGE, "header.rule-color", LS_COLOR, "—", NULL, NULL, "colour of that rule (needed with a rule, and by the contents' leaders)"},
    {BGE, "footer.top", LS_LEN, NULL, "0mm", MAXLEN, "top of the footer's line box (the partnership's name, the page number)"},
    {BGE, "footer.rule", LS_LEN, "— (no rule)", "0mm", "20mm", "a rule across the measure above the footer"},
    {BGE, "footer.rule-color", LS_COLOR, "—", NULL, NULL, "colour of that rule (needed with a rule)"},
    {BGE, "footer.rule-top", LS_LEN, "—", "0mm", MAXLEN, "where the rule is drawn (needed with a rule)"},
    {BGE, "footer.partnership", LS_BOOL, "false", NULL, NULL, "the partnership's logo and name on the left of the footer's line, one line (its short name where the full one would wrap)"},
    {BGE, "footer.label", LS_TEXT, "— (no page number)", NULL, NULL, "the page number; {n} is the page, {N} the page count"},
    {BGE, "footer.number-gap", LS_LEN, "0mm", "0mm", "50mm", "the partnership's name to the page number, at least"},
    {BGE, "footer.style", LS_TEXT, "footer", NULL, NULL, "the footer's words: the partnership's name, and the page number unless number-style names another"},
    {BGE, "footer.number-style", LS_TEXT, "footer.style", NULL, NULL, "the page number's style"},
    {BGE, "footer.outer", LS_BOOL, "true", NULL, NULL, "without the partnership's name, the page number on the outer edge: right on odd pages, left on even (false: as its style aligns it); with the name, it ends the line"},
    {BGE, "footer.text", LS_TEXT, "— (none)", NULL, NULL, "a line of words of its own, with tokens: {review-by}, {reviewed}, {version}, {title}, {partnership}, {host}"},
    {BGE, "footer.text-top", LS_LEN, "—", "0mm", MAXLEN, "top of that line's box (needed with text)"},
    {BGE, "footer.text-style", LS_TEXT, "footer", NULL, NULL, "that line's style (its alignment places it)"},
    {BGE, "footer.bottom", LS_LEN, "— (no QR block)", "0mm", MAXLEN, "the footer's QR block ends here"},
    QR_BLOCK(BGPE, "footer.qr")

    /* ---- tri-fold */
    {T, "panel.side", LS_LEN, NULL, "0mm", "50mm", "every panel keeps this clear left and right (folds and trim alike)"},
    {T, "panel.top", LS_LEN, NULL, "0mm", "100mm", "clear above a panel's text"},
    {T, "panel.bottom", LS_LEN, NULL, "0mm", "100mm", "clear below a panel's text"},
    {T, "panels.*.side", LS_CHOICE, NULL, "outside|inside", NULL, "the side of the sheet the panel is on: outside (page 1, seen with the leaflet closed) or inside (page 2)"},
    {T, "panels.*.at", LS_INT, NULL, "1", "4", "its place on that side, 1 at the left as the sheet lies; each side numbers its panels 1, 2, 3"},
    {T, "panels.*.width", LS_LEN, NULL, ">0mm", MAXLEN, "fold to fold; a side's widths add up to the page width, and each fold goes through both sides"},
    {T, "panels.*.background", LS_COLOR, NULL, NULL, NULL, "the panel's colour, to its folds and into the bleed"},
    {T, "panels.*.role", LS_CHOICE, NULL, "cover|back|flow", NULL, "what it holds: the cover (cover.*), the back panel (back.*) or the document's text (one panel each for cover and back)"},
    {T, "panels.*.order", LS_INT, "— (a flow panel must have one)", "1", "8", "a flow panel's place in the reading order: 1 is read first, and each *** starts the next panel (not read on other panels)"},
    {T, "panel-icon.disc", LS_LEN, NULL, ">0mm", "100mm", "the disc above a heading whose panel starts with an icon"},
    {T, "panel-icon.disc-color", LS_COLOR, NULL, NULL, NULL, "the disc's colour"},
    {T, "panel-icon.size", LS_LEN, NULL, ">0mm", "100mm", "the icon in the disc"},
    {T, "panel-icon.color", LS_COLOR, NULL, NULL, NULL, "the icon's colour"},
    {T, "panel-icon.gap", LS_LEN, NULL, "0mm", "50mm", "disc to heading"},
    {T, "cover.disc", LS_LEN, NULL, ">0mm", "200mm", "the disc on the cover"},
    {T, "cover.disc-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the disc, from the top of the page"},
    {T, "cover.disc-min", LS_LEN, "0mm", "0mm", "200mm", "the disc may shrink to this, and the title rise by as much, when the title and subtitle need the room (0mm: it keeps its size)"},
    {T, "cover.disc-color", LS_COLOR, NULL, NULL, NULL, "the disc's colour"},
    {T, "cover.icon-size", LS_LEN, NULL, ">0mm", "200mm", "the icon in the disc"},
    {T, "cover.icon-color", LS_COLOR, NULL, NULL, NULL, "the icon's colour"},
    {T, "cover.bind", LS_TEXTS, "none", NULL, NULL, "short words that never end a title line"},
    {T, "cover.foot", LS_TEXT, NULL, NULL, NULL, "the line at the foot of the cover; {summary} is the front matter's"},
    {T, "cover.foot-gap", LS_LEN, NULL, "0mm", "50mm", "rule to foot text"},
    {T, "cover.foot-style", LS_TEXT, NULL, NULL, NULL, "the style of the line at the foot of the cover"},
    {BT, "cover.rule", LS_LEN, NULL, "0mm", "20mm", "the rule on the cover"},
    {BT, "cover.rule-color", LS_COLOR, NULL, NULL, NULL, "colour of that rule"},
    {BT, "cover.title-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the title's first line box"},
    {BT, "cover.gap", LS_LEN, NULL, "0mm", "100mm", "title to subtitle"},
    {T, "back.heading", LS_TEXT, NULL, NULL, NULL, "the heading of the back panel's contacts"},
    {T, "back.heading-style", LS_TEXT, NULL, NULL, NULL, "the style of that heading"},
    {T, "back.contact-gap", LS_LEN, NULL, "0mm", "50mm", "between contacts"},
    {T, "back.emergency.contact", LS_TEXT, NULL, NULL, NULL, "the contact whose number the emergency bar prints"},
    {T, "back.emergency.text", LS_TEXT, NULL, NULL, NULL, "the words before the number"},
    {T, "back.emergency.background", LS_COLOR, NULL, NULL, NULL, "the bar's colour"},
    {T, "back.emergency.radius", LS_LEN, "0mm", "0mm", "50mm", "corner radius of the bar"},
    {T, "back.emergency.padding", LS_LEN, NULL, "0mm", "50mm", "inside the bar"},
    {T, "back.emergency.icon", LS_TEXT, NULL, NULL, NULL, "the Lucide icon in the bar"},
    {T, "back.emergency.icon-size", LS_LEN, NULL, ">0mm", "50mm", "size of that icon"},
    {T, "back.emergency.icon-color", LS_COLOR, NULL, NULL, NULL, "colour of that icon"},
    {T, "back.emergency.icon-gap", LS_LEN, NULL, "0mm", "50mm", "icon to text"},
    {T, "back.emergency.text-style", LS_TEXT, NULL, NULL, NULL, "the style of the words before the number"},
    {T, "back.emergency.number-style", LS_TEXT, NULL, NULL, NULL, "the style of the number"},
    {T, "back.emergency.gap", LS_LEN, NULL, "0mm", "50mm", "directory to bar, and bar to QR block"},
    QR_BLOCK(T, "back.qr")
    {T, "back.contact-lines", LS_CHOICES, "name note number hours", CONTACT_LINES, NULL, "what each directory entry prints, in order"},

    /* ---- easy read */
    {E, "band.color", LS_COLOR, NULL, NULL, NULL, "the band, from the top edge into the bleed"},
    {E, "band.first-height", LS_LEN, NULL, ">0mm", MAXLEN, "page 1's band: the title and the tag"},
    {E, "band.height", LS_LEN, NULL, ">0mm", MAXLEN, "later pages' band: the page heading"},
    {E, "band.bottom-padding", LS_LEN, NULL, "0mm", MAXLEN, "the title or heading is centred between margins.top and this"},
    {E, "band.gap", LS_LEN, NULL, "0mm", MAXLEN, "band to the first row"},
    {E, "band.subtitle-gap", LS_LEN, NULL, "0mm", "50mm", "title to subtitle"},
    {E, "band.title-style", LS_TEXT, "title", NULL, NULL, "page 1's title (the page bands part)"},
    {E, "band.subtitle-style", LS_TEXT, "subtitle", NULL, NULL, "page 1's subtitle"},
    {E, "band.heading-style", LS_TEXT, "page-heading", NULL, NULL, "a later page's heading"},
    {E, "tag.label", LS_TEXT, NULL, NULL, NULL, "the words of the pill on page 1"},
    {E, "tag.color", LS_COLOR, NULL, NULL, NULL, "the pill; its text is the `tag` style"},
    {E, "tag.height", LS_LEN, NULL, ">0mm", "50mm", "height of the pill"},
    {E, "tag.padding", LS_LEN, NULL, "0mm", "50mm", "left and right of the label"},
    {E, "tag.radius", LS_LEN, "0mm", "0mm", "50mm", "corner radius of the pill"},
    {E, "tag.gap", LS_LEN, NULL, "0mm", "50mm", "between the title and the pill"},
    {E, "tag.style", LS_TEXT, "tag", NULL, NULL, "the pill's label"},
    {E, "sections.new-page", LS_BOOL, NULL, NULL, NULL, "every ## section but the first starts a page, its heading in the band (false: sections flow on)"},
    {E, "sections.heading-gap", LS_LEN, NULL, "0mm", "50mm", "an in-flow heading to its first row"},
    {E, "rows.picture", LS_LEN, NULL, ">0mm", MAXLEN, "the picture column"},
    {E, "rows.gutter", LS_LEN, NULL, "0mm", MAXLEN, "picture column to text"},
    {E, "rows.circle", LS_LEN, NULL, ">0mm", MAXLEN, "the tinted circle, centred in the picture column"},
    {E, "rows.circle-min", LS_LEN, NULL, ">0mm", MAXLEN, "every row's circle may shrink to this (the same on every page) where the layout's leaves a row alone on the last page or a page short"},
    {E, "rows.symbol", LS_NUM, NULL, ">0", "1", "the symbol's size as a share of the circle"},
    {E, "rows.space", LS_LEN, NULL, "0mm", "100mm", "between rows (and word boxes)"},
    {E, "rows.space-min", LS_LEN, NULL, "0mm", "100mm", "rows close up to this where it saves a page break"},
    {E, "rows.space-max", LS_LEN, NULL, "0mm", "100mm", "rows open up to this on a page that would end short"},
    {E, "rows.min-fill", LS_NUM, NULL, "0", "1", "every page but the last is at least this full (a share of the room under the band)"},
    {E, "rows.stretch-to", LS_NUM, NULL, "0", "1", "a page that would end short opens its spaces up towards this share"},
    {E, "rows.circle-step", LS_LEN, NULL, ">0mm", "10mm", "the circles shrink towards rows.circle-min in steps of this"},
    {E, "rows.pictures", LS_PAIRS, NULL, NULL, NULL, "[tint, stroke] pairs, rotated so that neighbouring rows differ"},
    {E, "rows.danger-icons", LS_TEXTS, NULL, NULL, NULL, "a row whose picture is one of these symbols is a danger row"},
    {E, "rows.danger", LS_COLORS, NULL, NULL, NULL, "[tint, stroke] of danger rows"},
    {E, "rows.style", LS_TEXT, "body", NULL, NULL, "the style of a row's text (the picture row part)"},
    {E, "word-box.background", LS_COLOR, NULL, NULL, NULL, "the word box's tint"},
    {E, "word-box.radius", LS_LEN, "0mm", "0mm", "50mm", "corner radius of the word box"},
    {E, "word-box.padding", LS_LEN, NULL, "0mm", "50mm", "inside the word box"},
    {E, "word-box.icon", LS_TEXT, NULL, NULL, NULL, "the Lucide icon by the label"},
    {E, "word-box.icon-color", LS_COLOR, NULL, NULL, NULL, "colour of that icon"},
    {E, "word-box.icon-size", LS_LEN, NULL, ">0mm", "50mm", "size of that icon"},
    {E, "word-box.label-gap", LS_LEN, NULL, "0mm", "50mm", "icon to the label"},
    {E, "word-box.label", LS_TEXT, NULL, NULL, NULL, "the word box's label"},
    {E, "word-box.label-many", LS_TEXT, NULL, NULL, NULL, "the label of a box with more than one word"},
    {E, "word-box.style", LS_TEXT, "word-box", NULL, NULL, "the style of the words and their meanings (the word box part)"},
    {E, "word-box.label-style", LS_TEXT, "word-label", NULL, NULL, "the style of the label under the icon"},
    {E, "contacts.style", LS_TEXT, "contact-line", NULL, NULL, "the style of the phone-numbers box's contacts (the phone-numbers box part)"},
    {E, "contacts.label-style", LS_TEXT, "word-label", NULL, NULL, "the style of the label under the icon"},
    {E, "contacts.radius", LS_LEN, "0mm", "0mm", "50mm", "corner radius of the phone-numbers box"},
    {E, "contacts.icon-size", LS_LEN, NULL, ">0mm", "50mm", "size of the icon by the heading"},

    /* ---- poster */
    {P, "editions.*.suffix", LS_TEXT, NULL, NULL, NULL, "added to the output name of this edition (\"-a3\")"},
    {P, "editions.*.width", LS_LEN, NULL, ">0mm", MAXLEN, "the edition's page width"},
    {P, "editions.*.height", LS_LEN, NULL, ">0mm", MAXLEN, "the edition's page height"},
    {P, "editions.*.scale", LS_NUM, NULL, ">0", "4", "every length of the layout is multiplied by this"},
    {P, "editions.*.qr-min", LS_LEN, "0mm", "0mm", "200mm", "the QR code is never smaller than this"},
    {P, "shrink.step", LS_NUM, NULL, ">0", "0.5", "type sizes step down by this share of their design size"},
    {P, "shrink.min-scale", LS_NUM, NULL, ">0", "1", "until this share; only then may a message run past messages.lines"},
    {P, "head.bottom", LS_LEN, NULL, ">0mm", MAXLEN, "the head block runs from the top edge into the bleed to here"},
    {P, "head.headline-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the headline's first line box"},
    {P, "head.headline-style", LS_TEXT, "title", NULL, NULL, "the headline's style at its largest"},
    {P, "head.strapline-style", LS_TEXT, "body", NULL, NULL, "the strapline's style (the document's subtitle)"},
    {P, "head.partnership-style", LS_TEXT, "title", NULL, NULL, "the partnership's name in the head"},
    {P, "head.headline-min", LS_LEN, NULL, ">0pt", "1000pt", "the headline scales between this and its style's size"},
    {P, "head.headline-max", LS_LEN, "0pt", "0pt", "1000pt", "a headline short of fill-min on one line at its style's size is set larger on that line, to this at most (0: never)"},
    {P, "head.headline-step", LS_LEN, NULL, ">0pt", "100pt", "the headline's size steps down by this"},
    {P, "head.headline-lines", LS_INT, NULL, "1", "10", "the headline runs no longer while a size down to headline-min fills the measure"},
    {P, "head.headline-lines-max", LS_INT, "0", "0", "10", "a headline too long for headline-lines at headline-min runs to this many lines, the head growing with it (0: headline-lines)"},
    {P, "head.fill", LS_NUM, NULL, ">0", "1", "the headline's longest line fills this much of the measure"},
    {P, "head.fill-min", LS_NUM, NULL, "0", "1", "and at least this much (fewer lines, smaller type if need be)"},
    {P, "head.strapline-bottom", LS_LEN, NULL, "0mm", MAXLEN, "the strapline's last line box ends here"},
    {P, "head.gap", LS_LEN, NULL, "0mm", MAXLEN, "least space between headline and strapline"},
    {P, "head.close-gap", LS_LEN, NULL, "0mm", MAXLEN, "the head closes up to this gap when its headline leaves room"},
    {P, "head.icon-size", LS_LEN, NULL, ">0mm", "500mm", "the symbol beside the strapline (front matter picture: icon:x)"},
    {P, "head.icon-gap", LS_LEN, NULL, "0mm", "200mm", "symbol to strapline"},
    {P, "messages.count", LS_INT, NULL, "1", "10", "body paragraphs, each starting with a picture (at most)"},
    {P, "messages.count-min", LS_INT, "0", "0", "10", "fewer messages share the width in wider columns (0: messages.count)"},
    {P, "body", LS_ORDER, "messages cards", "messages|cards", NULL, "the blocks under the head, top to bottom: the first from messages.top, the next cards.gap below"},
    {P, "messages.top", LS_LEN, NULL, "0mm", MAXLEN, "top of the body's first block (the picture circles, as drawn)"},
    {P, "messages.style", LS_TEXT, "body", NULL, NULL, "the messages' style (and a plain poster's paragraphs)"},
    {P, "messages.gutter", LS_LEN, NULL, "0mm", MAXLEN, "between messages"},
    {P, "messages.circle", LS_LEN, NULL, ">0mm", MAXLEN, "the tinted circle of a message"},
    {P, "messages.symbol", LS_LEN, NULL, ">0mm", MAXLEN, "the symbol in the circle"},
    {P, "messages.gap", LS_LEN, NULL, "0mm", "200mm", "circle to text"},
    {P, "messages.lines", LS_INT, NULL, "1", "20", "a message runs no longer while the type can shrink"},
    {P, "messages.whole-words", LS_BOOL, "false", NULL, NULL, "a message's words are never broken: a column narrower than its longest word is widened to it, the others sharing the rest (else the type shrinks)"},
    {P, "messages.lines-max", LS_INT, "0", "0", "20", "a message may run to this many lines to keep the type larger (0: messages.lines)"},
    {P, "cards.gap", LS_LEN, NULL, "0mm", "200mm", "between the body's blocks (messages to the first card)"},
    {P, "cards.space", LS_LEN, NULL, "0mm", "200mm", "between cards"},
    {P, "cards.radius", LS_LEN, "0mm", "0mm", "100mm", "corner radius of a card"},
    {P, "cards.padding", LS_LEN, NULL, "0mm", "100mm", "inside a card"},
    {P, "cards.icon-size", LS_LEN, NULL, ">0mm", "200mm", "the icon of a card"},
    {P, "cards.icon-gap", LS_LEN, NULL, "0mm", "200mm", "icon to name, and name column to number"},
    {P, "cards.text-gap", LS_LEN, NULL, "0mm", "100mm", "name to note"},
    {P, "cards.emergency-icon", LS_TEXT, NULL, NULL, NULL, "the icon of the card for a 999 number"},
    {P, "cards.name-style", LS_TEXT, "contact-name", NULL, NULL, "the style of a card's name"},
    {P, "cards.note-style", LS_TEXT, "contact-note", NULL, NULL, "the style of a card's note"},
    {P, "cards.number-style", LS_TEXT, "contact-number", NULL, NULL, "the style of a card's number"},
    {P, "cards.address-style", LS_TEXT, "number-style", NULL, NULL, "the style of a card's e-mail or web address, for a contact with no number (its site's name)"},
    {P, "cards.arrangements", LS_CHOICES, "beside across under", "beside|across|under", NULL, "how name, note and number may share a card (beside: both beside the number; across: the name across the card; under: the note across under both), in order of preference: the shortest is set"},
    {P, "cards.edge", LS_LEN, "0mm", "0mm", "10mm", "the rule round a card that stands out less than edges.contrast from the page, in the look's card-edge (0: none)"},
    {P, "messages.edge", LS_LEN, "0mm", "0mm", "10mm", "the ring round a message's circle that stands out less than edges.contrast from the page, in its picture's stroke (0: none)"},
    {P, "edges.contrast", LS_NUM, "1.5", ">0", "21", "a background standing out less than this from the page (look.page) gets its edge"},
    {P, "footer.gap", LS_LEN, NULL, "0mm", "200mm", "the least space between the cards and the footer"},
    /* The look, in colour roles, and where an audience's poster is tuned
     * further: the same keys under audiences.<audience>. */
#define POSTER_LOOK(pre, where)                                                                                      \
    {P, pre "head", LS_COLOR, NULL, NULL, NULL, "the head block's colour" where},                                     \
    {P, pre "head-icon", LS_TEXT, NULL, NULL, NULL, "the symbol beside the strapline when the document names none"}, \
    {P, pre "head-icon-color", LS_COLOR, NULL, NULL, NULL, "that symbol's colour"},                                  \
    {P, pre "pictures", LS_PAIRS, NULL, NULL, NULL, "[tint, stroke] pairs of the message circles, in turn"},         \
    {P, pre "cards", LS_COLORS, NULL, NULL, NULL, "card backgrounds, in turn"},                                      \
    {P, pre "card-icon", LS_COLOR, NULL, NULL, NULL, "colour of the cards' icons"},                                  \
    {P, pre "card-edge", LS_COLOR, NULL, NULL, NULL, "colour of a card's edge (cards.edge)"},                          \
    {P, pre "page", LS_COLOR, NULL, NULL, NULL, "the page's colour, that backgrounds must stand out from"},          \
    {P, pre "emergency.background", LS_COLOR, NULL, NULL, NULL, "the 999 card's background"},                        \
    {P, pre "emergency.icon", LS_COLOR, NULL, NULL, NULL, "the 999 card's icon colour"},                             \
    {P, pre "emergency.text", LS_COLOR, "the card's", NULL, NULL, "the 999 card's text colour"},                     \
    {P, pre "emergency.number", LS_COLOR, "the card's", NULL, NULL, "the 999 card's number colour"},                 \
    {P, pre "emergency.edge", LS_COLOR, "card-edge", NULL, NULL, "the 999 card's edge, when it has one"}
    POSTER_LOOK("look.", ""),
    POSTER_LOOK("audiences.*.", ", where this audience's poster differs from look"),
#undef POSTER_LOOK

    /* ---- booklet */
    {B, "cover.band", LS_LEN, NULL, ">0mm", MAXLEN, "the cover's band, from the top edge into the bleed"},
    {B, "cover.color", LS_COLOR, NULL, NULL, NULL, "the band's colour"},
    {B, "cover.partnership-top", LS_LEN, NULL, "0mm", MAXLEN, "top of the partnership's line box"},
    {B, "cover.summary-gap", LS_LEN, NULL, "0mm", MAXLEN, "band to summary"},
    {BT, "cover.title-style", LS_TEXT, NULL, NULL, NULL, "the style of the cover's title"},
    {BT, "cover.partnership-style", LS_TEXT, NULL, NULL, NULL, "the style of the partnership's name on the cover (and in the back cover's band)"},
    {BT, "cover.subtitle-style", LS_TEXT, "standfirst", NULL, NULL, "the style of the cover's subtitle"},
    {B, "cover.summary-style", LS_TEXT, NULL, NULL, NULL, "the style of the summary under the cover's band"},
    {B, "contents.title", LS_TEXT, NULL, NULL, NULL, "the heading of the contents page"},
    {B, "contents.number-width", LS_LEN, NULL, ">0mm", "100mm", "the column of page numbers"},
    {B, "contents.title-style", LS_TEXT, "contents-title", NULL, NULL, "the contents' heading"},
    {B, "contents.entry-style", LS_TEXT, "contents-entry", NULL, NULL, "an entry's words"},
    {B, "contents.number-style", LS_TEXT, "contents-number", NULL, NULL, "an entry's page number"},
    {B, "contents.entry-gap", LS_LEN, NULL, "0mm", "50mm", "between entries"},
    {B, "notes.title", LS_TEXT, NULL, NULL, NULL, "the heading of the notes pages that pad the count before the back cover"},
    {B, "notes.style", LS_TEXT, "contents-title", NULL, NULL, "the style of the notes pages' heading"},
    {B, "notes.rule-space", LS_LEN, NULL, "4mm", "50mm", "between the ruled lines of a notes page"},
    {B, "back.band", LS_LEN, NULL, ">0mm", MAXLEN, "the back cover's band: from this far above the foot to the foot (cover colour and rule)"},
    {B, "back.label", LS_TEXT, NULL, NULL, NULL, "the label above the back cover's contacts"},
    {B, "back.label-style", LS_TEXT, "back-label", NULL, NULL, "the label above the back cover's contacts"},
    {B, "back.title-style", LS_TEXT, "back-title", NULL, NULL, "the title in the back cover's band"},
    {B, "back.label-gap", LS_LEN, NULL, "0mm", "50mm", "label to contacts"},
    {B, "back.panel-color", LS_COLOR, NULL, NULL, NULL, "the contacts' panel"},
    {B, "back.panel-rule", LS_LEN, NULL, "0mm", "20mm", "the rule on top of that panel"},
    {B, "back.panel-rule-color", LS_COLOR, NULL, NULL, NULL, "colour of that rule"},
    {B, "back.panel-padding", LS_LEN, NULL, "0mm", "50mm", "inside that panel"},
    {B, "back.gap", LS_LEN, NULL, "0mm", "100mm", "between the band's lines; contacts to the band"},
    QR_BLOCK(B, "back.qr")

    /* ---- themes (a layout may override any of these) */
    {LS_THEME, "audience.label", LS_TEXT, "the theme's name", NULL, NULL, "what readers call this audience (the download page)"},
    {LS_THEME, "audience.order", LS_NUM, "last", "-1000", "1000", "where the audience comes in lists: lower first"},
    /* Colour roles: every theme maps each to a token of its palette, and
     * layouts name roles only, so any layout builds with any theme. */
    {LS_THEME, "roles.primary", LS_COLOR, NULL, NULL, NULL, "the audience's strong colour: title bands, covers, the poster head, page numbers"},
    {LS_THEME, "roles.on-primary", LS_COLOR, NULL, NULL, NULL, "text and symbols on primary"},
    {LS_THEME, "roles.accent", LS_COLOR, NULL, NULL, NULL, "rules under bands, bars, icons on white or a tint"},
    {LS_THEME, "roles.accent-light", LS_COLOR, NULL, NULL, NULL, "on primary: pills, discs, the partnership's name, cover rules"},
    {LS_THEME, "roles.tint", LS_COLOR, NULL, NULL, NULL, "pale panels: definitions, icon discs, easy-read bands and phone-number boxes"},
    {LS_THEME, "roles.tint-2", LS_COLOR, NULL, NULL, NULL, "a second pale panel: the guide's contacts strip, the tri-fold's alternate panels"},
    {LS_THEME, "roles.surface", LS_COLOR, NULL, NULL, NULL, "the page: white panels, the easy-read tag"},
    {LS_THEME, "roles.ink", LS_COLOR, NULL, NULL, NULL, "body text and QR codes"},
    {LS_THEME, "roles.muted", LS_COLOR, NULL, NULL, NULL, "small print and footers"},
    {LS_THEME, "roles.rule", LS_COLOR, NULL, NULL, NULL, "hairlines only, never text"},
    {LS_THEME, "roles.link", LS_COLOR, NULL, NULL, NULL, "web and e-mail addresses"},
    {LS_THEME, "roles.number", LS_COLOR, NULL, NULL, NULL, "numbers to call"},
    {LS_THEME, "roles.danger", LS_COLOR, NULL, NULL, NULL, "the emergency bar, card or row"},
    {LS_THEME, "roles.on-danger", LS_COLOR, NULL, NULL, NULL, "text on danger"},
    {LS_THEME, "roles.danger-icon", LS_COLOR, NULL, NULL, NULL, "the siren on danger"},
    {LS_THEME, "roles.danger-number", LS_COLOR, NULL, NULL, NULL, "999 on danger"},
    {LS_THEME, "roles.highlight", LS_COLOR, NULL, NULL, NULL, "the easy-read word box"},
    {LS_THEME, "roles.highlight-ink", LS_COLOR, NULL, NULL, NULL, "the word box's symbol"},
    {LS_THEME, "roles.picture-1", LS_COLOR, NULL, NULL, NULL, "picture tint 1 (easy-read rows, poster messages, in turn)"},
    {LS_THEME, "roles.picture-ink-1", LS_COLOR, NULL, NULL, NULL, "the symbol on picture-1"},
    {LS_THEME, "roles.picture-2", LS_COLOR, NULL, NULL, NULL, "picture tint 2 (easy-read rows, poster messages, in turn)"},
    {LS_THEME, "roles.picture-ink-2", LS_COLOR, NULL, NULL, NULL, "the symbol on picture-2"},
    {LS_THEME, "roles.picture-3", LS_COLOR, NULL, NULL, NULL, "picture tint 3 (easy-read rows, poster messages, in turn)"},
    {LS_THEME, "roles.picture-ink-3", LS_COLOR, NULL, NULL, NULL, "the symbol on picture-3"},
    {LS_THEME, "roles.picture-4", LS_COLOR, NULL, NULL, NULL, "picture tint 4 (easy-read rows, poster messages, in turn)"},
    {LS_THEME, "roles.picture-ink-4", LS_COLOR, NULL, NULL, NULL, "the symbol on picture-4"},
    {LS_THEME, "colors.*", LS_COLORDEF, NULL, NULL, NULL, "a colour token: { rgb: \"#RRGGBB\", cmyk: [c, m, y, k] }"},
    {LS_THEME, "fonts.*.*", LS_TEXT, NULL, NULL, NULL, "family token -> face name -> a font file stem in fonts/"},
    {LS_THEME, "min-size", LS_LEN, NULL, ">0pt", "100pt", "the smallest body size; fit: shrink stops here"},
    {LS_THEME, "min-text", LS_LEN, "0pt", "0pt", "100pt", "no text is smaller: a style set smaller is raised to it, leading in proportion (theme and layout: the larger holds)"},
    {LS_THEME, "italic", LS_BOOL, "true", NULL, NULL, "false: italics are set upright (theme and layout: either may turn them off)"},
    {LS_THEME, "contrast-min", LS_NUM, "4.5", "1", "21", "every contrast pair must reach this WCAG ratio"},
    {LS_THEME, "hyphenate", LS_BOOL, "true", NULL, NULL, "false: no style hyphenates (theme and layout: either may turn it off)"},
    {LS_THEME, "contrast", LS_PAIRS, "none", NULL, NULL, "every [text, background] pair the audience's pages use"},
    {LS_THEME, "bleed", LS_LEN, NULL, "0mm", "20mm", "backgrounds run this far past the trim"},
    {LS_THEME, "blocks.list.marker", LS_CHOICE, NULL, "square|dot|bullet|number|disc", NULL, "the mark before an item"},
    {LS_THEME, "blocks.list.marker-size", LS_LEN, NULL, ">0pt", "100pt", "size of the mark"},
    {LS_THEME, "blocks.list.marker-color", LS_COLOR, NULL, NULL, NULL, "colour of the mark"},
    {LS_THEME, "blocks.list.indent", LS_LEN, NULL, "0mm", "100mm", "the mark's left edge to the text"},
    {LS_THEME, "blocks.list.item-space", LS_LEN, NULL, "0pt", "100pt", "between items"},
    {LS_THEME, "blocks.ordered.marker", LS_CHOICE, NULL, "square|dot|bullet|number|disc", NULL, "the mark before a numbered item"},
    {LS_THEME, "blocks.ordered.marker-size", LS_LEN, NULL, ">0pt", "100pt", "size of the mark"},
    {LS_THEME, "blocks.ordered.marker-color", LS_COLOR, NULL, NULL, NULL, "colour of the mark"},
    {LS_THEME, "blocks.ordered.indent", LS_LEN, NULL, "0mm", "100mm", "the mark's left edge to the text"},
    {LS_THEME, "blocks.ordered.item-space", LS_LEN, NULL, "0pt", "100pt", "between items"},
    {LS_THEME, "blocks.*.padding", LS_LEN, NULL, "0mm", "50mm", "inside a definition, quote or callout panel"},
    {LS_THEME, "blocks.*.background", LS_COLOR, NULL, NULL, NULL, "the panel's tint"},
    {LS_THEME, "blocks.*.bar", LS_LEN, "0mm", "0mm", "20mm", "a bar on the panel's left edge"},
    {LS_THEME, "blocks.*.bar-color", LS_COLOR, NULL, NULL, NULL, "colour of the bar"},
    {LS_THEME, "blocks.*.radius", LS_LEN, "0mm", "0mm", "50mm", "corner radius of the panel"},
    {LS_THEME, "blocks.*.space", LS_LEN, NULL, "0pt", "100pt", "space above the block"},
    {LS_THEME, "blocks.callout.icon-size", LS_LEN, NULL, ">0pt", "100pt", "the callout's icon"},
    {LS_THEME, "blocks.callout.icon-color", LS_COLOR, NULL, NULL, NULL, "colour of the callout's icon"},
    {LS_THEME, "blocks.rule.color", LS_COLOR, NULL, NULL, NULL, "colour of a --- rule"},
    {LS_THEME, "blocks.rule.width", LS_LEN, NULL, ">0pt", "20pt", "its thickness"},
    {LS_THEME, "blocks.figure.icon-size", LS_LEN, NULL, ">0mm", "200mm", "an icon leading a paragraph"},
    {LS_THEME, "blocks.figure.max-width", LS_LEN, NULL, ">0mm", MAXLEN, "a picture leading a paragraph is at most this wide"},
    {LS_THEME, "blocks.figure.max-height", LS_LEN, NULL, ">0mm", MAXLEN, "and at most this high"},
    {LS_THEME, "blocks.figure.color", LS_COLOR, NULL, NULL, NULL, "colour of such an icon"},
    {LS_THEME, "print.mark-offset", LS_LEN, NULL, "0mm", "20mm", "crop and fold marks start this far beyond the bleed edge"},
    {LS_THEME, "print.mark-length", LS_LEN, NULL, ">0mm", "30mm", "length of a crop mark"},
    {LS_THEME, "print.mark-width", LS_LEN, NULL, ">0pt", "5pt", "thickness of the marks"},
    {LS_THEME, "print.fold-dash", LS_LEN, NULL, ">0mm", "10mm", "fold marks: dash and gap"},
    {LS_THEME, "print.mark-color", LS_COLOR, NULL, NULL, NULL, "the marks' colour (registration: on every plate)"},
    {LS_THEME, "print.min-dpi", LS_NUM, NULL, ">0", "10000", "pictures below this at their printed size get a warning"},
    {LS_THEME, "print.black-text", LS_LEN, NULL, "0pt", "1000pt", "black text below this size must be K only"},
    {LS_THEME, "print.output-profile", LS_TEXT, "FOGRA39 (built by make)", NULL, NULL, "the press's ICC CMYK output profile, a path from where leafpress runs"},
    {LS_THEME, "lint.sentence-words.max", LS_NUM, "off", "1", "1000", "words in a sentence (leafpress check)"},
    {LS_THEME, "lint.sentence-words.level", LS_CHOICE, "warning", "error|warning|off", NULL, "what a longer sentence is"},
    {LS_THEME, "lint.word-letters.max", LS_NUM, "off", "1", "1000", "letters in a word"},
    {LS_THEME, "lint.word-letters.level", LS_CHOICE, "warning", "error|warning|off", NULL, "what a longer word is"},
    {LS_THEME, "lint.reading-ease.min", LS_NUM, "off", "0", "121", "Flesch reading ease over the whole document"},
    {LS_THEME, "lint.reading-ease.level", LS_CHOICE, "warning", "error|warning|off", NULL, "what harder text is"},
    {LS_THEME, "lint.bare-url", LS_CHOICE, "off", "error|warning|off", NULL, "what a bare web address in the text is"},
    {LS_THEME, "lint.jargon.level", LS_CHOICE, "warning", "error|warning|off", NULL, "what an unexplained term is"},
    {LS_THEME, "lint.jargon.gloss", LS_CHOICE, "words", "words|parentheses", NULL, "how a term must be explained at first use"},
    {LS_THEME, "lint.jargon.terms", LS_TEXTS, "none", NULL, NULL, "terms that must be explained"},
    {LS_THEME, "styles.*.base", LS_TEXT, "—", NULL, NULL, "another style this one starts from"},
    {LS_THEME, "styles.*.font", LS_TEXT, NULL, NULL, NULL, "a family token from fonts:"},
    {LS_THEME, "styles.*.weight", LS_TEXT, "regular", NULL, NULL, "a face name of the family"},
    {LS_THEME, "styles.*.size", LS_LEN, NULL, ">0pt", "1000pt", "type size"},
    {LS_THEME, "styles.*.leading", LS_LEN, NULL, ">0pt", "1000pt", "baseline to baseline"},
    {LS_THEME, "styles.*.color", LS_COLOR, NULL, NULL, NULL, "text colour"},
    {LS_THEME, "styles.*.strong", LS_COLOR, "the style's color", NULL, NULL, "colour of bold text"},
    {LS_THEME, "styles.*.link", LS_COLOR, "the style's color", NULL, NULL, "colour of links"},
    {LS_THEME, "styles.*.number", LS_COLOR, "none", NULL, NULL, "numbers to call (tel: links) are bold in this colour"},
    {LS_THEME, "styles.*.before", LS_LEN, "0pt", "0pt", "500pt", "space above a block"},
    {LS_THEME, "styles.*.after", LS_LEN, "0pt", "0pt", "500pt", "space below a block"},
    {LS_THEME, "styles.*.tracking", LS_NUM, "0", "-0.2", "1", "letter spacing, in em (0.08 is +8 %)"},
    {LS_THEME, "styles.*.caps", LS_BOOL, "false", NULL, NULL, "set in capitals (labels only)"},
    {LS_THEME, "styles.*.hyphenate", LS_BOOL, "the theme's", NULL, NULL, "may turn hyphenation off, never on when the theme says false"},
    {LS_THEME, "styles.*.sense", LS_BOOL, "false", NULL, NULL, "lines by sense: a sentence a line, balanced, no one-word tail, names kept whole"},
    {LS_THEME, "styles.*.align", LS_CHOICE, "left", "left|justify|center|right", NULL, "alignment of the lines"},
};
/* clang-format on */
const size_t ls_nkeys = sizeof ls_keys / sizeof ls_keys[0];

/* ------------------------------------------------------------- matching */

#define LS_MAX_SEGS 8
#define LS_MAX_PATH 256

/* The formats of the registry, as a choice list "a|b|c". */
static const char *format_choices(char *buf, size_t size)
{
    size_t w = 0;
    buf[0] = '\0';
    for (int f = 0; f < FMT__COUNT; f++) {
        int n = snprintf(buf + w, size - w, "%s%s", f ? "|" : "", lp_format_names[f]);
        if (n < 0 || (size_t)n >= size - w) break;
        w += (size_t)n;
    }
    return buf;
}

/* The scope bits of a file of this format (NULL: a theme; "" or a name the
 * registry does not know: a layout whose format is unknown, so every
 * format's keys). */
static unsigned file_scope(const char *format)
{
    if (!format) return LS_THEME;
    for (int f = 0; f < FMT__COUNT; f++)
        if (strcmp(format, lp_format_names[f]) == 0) return LS_THEME | LS_LAYOUT | LS_FMT(f);
    return LS_THEME | LS_LAYOUT | LS_ANY_FORMAT;
}

/* Does the key apply in a file of these scope bits (file_scope)? */
static bool applies(const ls_key *k, unsigned scope) { return (k->scope & scope) != 0; }

/* Segment i of a dotted path (NULL past the end), copied into buf. */
static const char *segment(const char *path, size_t i, char *buf, size_t size)
{
    const char *p = path;
    for (; i > 0; i--) {
        p = strchr(p, '.');
        if (!p) return NULL;
        p++;
    }
    size_t l = strcspn(p, ".");
    if (l >= size) l = size - 1;
    memcpy(buf, p, l);
    buf[l] = '\0';
    return buf;
}

static size_t nsegs(const char *path)
{
    size_t n = 1;
    for (; *path; path++) n += *path == '.';
    return n;
}

/* Does the pattern's first n segments match segs?  *more: the pattern has
 * segments beyond n. */
static bool prefix_match(const char *pattern, const char *const *segs, size_t n, bool *more)
{
    size_t np = nsegs(pattern);
    if (np < n) return false;
    char buf[LS_MAX_PATH];
    for (size_t i = 0; i < n; i++) {
        const char *s = segment(pattern, i, buf, sizeof buf);
        if (strcmp(s, "*") != 0 && strcmp(s, segs[i]) != 0) return false;
    }
    *more = np > n;
    return true;
}

/* The leaf key at segs (NULL if none); *inner: some key lies below segs. */
static const ls_key *match(const char *const *segs, size_t n, unsigned scope, bool *inner)
{
    const ls_key *leaf = NULL;
    *inner = false;
    for (size_t i = 0; i < ls_nkeys; i++) {
        bool more;
        if (!applies(&ls_keys[i], scope) || !prefix_match(ls_keys[i].path, segs, n, &more)) continue;
        if (more)
            *inner = true;
        else if (!leaf)
            leaf = &ls_keys[i];
    }
    return leaf;
}

const ls_key *schema_find(const char *dotted, const char *format)
{
    char copy[LS_MAX_PATH];
    const char *segs[LS_MAX_SEGS];
    size_t n = 0;
    snprintf(copy, sizeof copy, "%s", dotted);
    for (char *p = copy; n < LS_MAX_SEGS;) {
        segs[n++] = p;
        p = strchr(p, '.');
        if (!p) break;
        *p++ = '\0';
    }
    bool inner;
    return match(segs, n, file_scope(format), &inner);
}

/* -------------------------------------------------------------- checking */

typedef struct checker {
    const char *file, *format;
    unsigned scope; /* file_scope(format), worked out once */
    ls_color_fn color;
    const void *color_ctx;
    lp_diag *d;
    int errors;
} checker;

/* The segments joined by dots, cut to fit size (a key is checked for every
 * key of every layout file read, so no snprintf). */
static void path_of(const char *const *segs, size_t n, char *out, size_t size)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            if (at + 1 >= size) break;
            out[at++] = '.';
        }
        size_t l = strlen(segs[i]);
        if (l > size - 1 - at) l = size - 1 - at;
        memcpy(out + at, segs[i], l);
        at += l;
    }
    out[at] = '\0';
}

static const char *kind_name(const yt_node *n)
{
    return n->kind == YT_MAP ? "a map" : n->kind == YT_SEQ ? "a list" : "text";
}

static void bad(checker *c, const yt_node *n, const char *hint, const char *fmt, const char *path, const char *what)
{
    diag_error(c->d, c->file, n->line, n->col, hint, fmt, path, what);
    c->errors++;
}

/* A bound as written in the table, in the value's unit (points for lengths). */
static bool bound(const ls_key *k, const char *text, double *v, bool *strict)
{
    *strict = text[0] == '>';
    if (*strict) text++;
    if (k->type == LS_LEN) return spec_parse_len(text, v);
    char *end;
    *v = strtod(text, &end);
    return *end == '\0';
}

static bool in_range(checker *c, const ls_key *k, const yt_node *n, double v, const char *path)
{
    double lo, hi;
    bool strict, unused;
    if (k->lo && bound(k, k->lo, &lo, &strict) && (strict ? !(v > lo) : v < lo)) {
        char what[96];
        snprintf(what, sizeof what, "%s %s", strict ? "more than" : "at least", k->lo + strict);
        diag_error(c->d, c->file, n->line, n->col, k->doc, "'%s' is %s; it must be %s", path, n->scalar, what);
        c->errors++;
        return false;
    }
    if (k->hi && bound(k, k->hi, &hi, &unused) && v > hi) {
        diag_error(c->d, c->file, n->line, n->col, k->doc, "'%s' is %s; it must be at most %s", path, n->scalar,
                   k->hi);
        c->errors++;
        return false;
    }
    return true;
}

static bool plain_number(const yt_node *n, double *v)
{
    if (n->kind != YT_SCALAR || n->quoted || n->len == 0 || n->scalar[0] == ' ') return false;
    char *end;
    *v = strtod(n->scalar, &end);
    if (*end != '\0' || !isfinite(*v)) return false;
    for (const char *p = n->scalar; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+')) return false;
    return true;
}

static bool one_of(const char *word, const char *choices)
{
    size_t l = strlen(word);
    for (const char *p = choices; *p;) {
        size_t cl = strcspn(p, "|");
        if (cl == l && strncmp(p, word, l) == 0) return true;
        p += cl;
        if (*p == '|') p++;
    }
    return false;
}

/* An LS_ORDER list holds every word of choices ("a|b") once: else an
 * error at the list that names them ("a and b"; "write key: [a, b] or
 * [b, a]"). */
static void check_order(checker *c, const yt_node *n, const char *choices, const char *path)
{
    size_t count = 1, seen = 0;
    for (const char *p = choices; *p; p++) count += *p == '|';
    for (size_t i = 0; i < n->n; i++) {
        bool again = false;
        for (size_t j = 0; j < i; j++)
            again |= n->vals[j]->scalar && n->vals[i]->scalar && strcmp(n->vals[j]->scalar, n->vals[i]->scalar) == 0;
        seen += !again && n->vals[i]->scalar && one_of(n->vals[i]->scalar, choices);
    }
    if (n->n == count && seen == count) return;
    char words[256] = "", list[256] = "", back[256] = "";
    const char *p = choices;
    for (size_t i = 0; i < count; i++) {
        int len = (int)strcspn(p, "|");
        const char *sep = i == 0 ? "" : i + 1 == count ? " and " : ", ";
        snprintf(words + strlen(words), sizeof words - strlen(words), "%s%.*s", sep, len, p);
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%.*s", i ? ", " : "", len, p);
        p += len + (p[len] == '|');
    }
    if (count == 2) {
        const char *bar = strchr(choices, '|');
        snprintf(back, sizeof back, " or [%s, %.*s]", bar + 1, (int)(bar - choices), choices);
    }
    const char *key = strrchr(path, '.');
    char hint[1024];
    snprintf(hint, sizeof hint, "write %.200s: [%s]%s", key ? key + 1 : path, list,
             count == 2 ? back : " in any order");
    diag_error(c->d, c->file, n->line, n->col, hint, "'%s' must list %s, each once", path, words);
    c->errors++;
}

static void choice_hint(const char *word, const char *choices, char *hint, size_t size)
{
    const char *cands[16];
    char buf[256];
    snprintf(buf, sizeof buf, "%s", choices);
    size_t n = 0;
    for (char *p = buf; p && n < 16;) {
        cands[n++] = p;
        p = strchr(p, '|');
        if (p) *p++ = '\0';
    }
    const char *near = lp_closest(word, cands, n);
    if (near) {
        snprintf(hint, size, "did you mean '%s'?", near);
    } else {
        size_t w = (size_t)snprintf(hint, size, "write one of: ");
        for (const char *p = choices; *p && w + 3 < size; p++) {
            if (*p == '|') {
                hint[w++] = ',';
                hint[w++] = ' ';
            } else {
                hint[w++] = *p;
            }
        }
        hint[w] = '\0';
    }
}

static bool check_color(checker *c, const yt_node *n, const char *path)
{
    if (n->kind == YT_SEQ) {
        bad(c, n, "name a colour token of the theme, e.g. navy", "'%s' must be a colour, not %s", path, "a list");
        return false;
    }
    if (!c->color) return true;
    int before = c->d->errors;
    if (c->color(c->color_ctx, n, path, c->file, c->d)) return true;
    c->errors += c->d->errors - before;
    return false;
}

static void check_value(checker *c, const ls_key *k, const yt_node *n, const char *path)
{
    double v;
    switch (k->type) {
    case LS_LEN:
        if (n->kind != YT_SCALAR) {
            bad(c, n, "write 15mm or 10pt", "'%s' must be a length with a unit, not %s", path, kind_name(n));
            return;
        }
        if (!spec_parse_len(n->scalar, &v)) {
            bad(c, n, "write 15mm or 10pt", "'%s' must be a length with a unit, not '%s'", path, n->scalar);
            return;
        }
        in_range(c, k, n, v, path);
        return;
    case LS_NUM:
    case LS_INT:
        if (!plain_number(n, &v) || (k->type == LS_INT && v != floor(v))) {
            bad(c, n, k->type == LS_INT ? "write a whole number such as 3" : "write a plain number such as 0.8",
                "'%s' must be a %s", path, k->type == LS_INT ? "whole number" : "number");
            return;
        }
        in_range(c, k, n, v, path);
        return;
    case LS_BOOL:
        if (n->kind != YT_SCALAR || n->quoted || (strcmp(n->scalar, "true") != 0 && strcmp(n->scalar, "false") != 0))
            bad(c, n, "write true or false", "'%s' must be true or false%s", path, "");
        return;
    case LS_TEXT:
        if (n->kind != YT_SCALAR)
            bad(c, n, "write it on one line after the key", "'%s' must be text, not %s", path, kind_name(n));
        return;
    case LS_CHOICE:
    case LS_FORMAT: {
        char buf[128];
        const char *words = k->type == LS_FORMAT ? format_choices(buf, sizeof buf) : k->lo;
        if (n->kind != YT_SCALAR || !one_of(n->scalar, words)) {
            char hint[160];
            choice_hint(n->kind == YT_SCALAR ? n->scalar : "", words, hint, sizeof hint);
            bad(c, n, hint, "'%s' cannot be '%s'", path, n->kind == YT_SCALAR ? n->scalar : kind_name(n));
        }
        return;
    }
    case LS_COLOR: check_color(c, n, path); return;
    case LS_COLORDEF:
        if (n->kind != YT_MAP)
            bad(c, n, "write { rgb: \"#RRGGBB\", cmyk: [c, m, y, k] }", "'%s' must be a colour definition, not %s",
                path, kind_name(n));
        return;
    case LS_TEXTS:
    case LS_CHOICES:
    case LS_ORDER:
    case LS_NUMS:
    case LS_COLORS:
    case LS_PAIRS: break;
    }
    if (n->kind != YT_SEQ) {
        bad(c, n, "write a list in brackets: [a, b]", "'%s' must be a list, not %s", path, kind_name(n));
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const yt_node *it = n->vals[i];
        if (k->type == LS_PAIRS) {
            if (it->kind != YT_SEQ || it->n != 2) {
                bad(c, it, "write [text, background], e.g. [ink, white]", "'%s' must list pairs of colours%s", path,
                    "");
                continue;
            }
            check_color(c, it->vals[0], path);
            check_color(c, it->vals[1], path);
        } else if (k->type == LS_COLORS) {
            check_color(c, it, path);
        } else if (k->type == LS_NUMS) {
            if (!plain_number(it, &v))
                bad(c, it, "write plain numbers, e.g. [1.25, 0.8]", "'%s' must list numbers%s", path, "");
            else
                in_range(c, k, it, v, path);
        } else if (it->kind != YT_SCALAR) {
            bad(c, it, "write a list of words in brackets: [a, b]", "'%s' must list text, not %s", path,
                kind_name(it));
        } else if ((k->type == LS_CHOICES || k->type == LS_ORDER) && !one_of(it->scalar, k->lo)) {
            char hint[160];
            choice_hint(it->scalar, k->lo, hint, sizeof hint);
            bad(c, it, hint, "'%s' cannot list '%s'", path, it->scalar);
        }
    }
    if (k->type == LS_ORDER) check_order(c, n, k->lo, path);
}

static void unknown_key(checker *c, const yt_node *key, const char *const *segs, size_t n)
{
    const char *cands[64];
    char store[64][64];
    size_t nc = 0;
    for (size_t i = 0; i < ls_nkeys && nc < 64; i++) {
        bool more;
        if (!applies(&ls_keys[i], c->scope) || !prefix_match(ls_keys[i].path, segs, n - 1, &more) || !more)
            continue;
        const char *s = segment(ls_keys[i].path, n - 1, store[nc], sizeof store[nc]);
        if (!s || strcmp(s, "*") == 0) continue;
        bool dup = false;
        for (size_t j = 0; j < nc && !dup; j++) dup = strcmp(cands[j], s) == 0;
        if (!dup) {
            cands[nc] = store[nc];
            nc++;
        }
    }
    char path[LS_MAX_PATH], hint[160];
    path_of(segs, n, path, sizeof path);
    const char *near = lp_closest(segs[n - 1], cands, nc);
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    else if (c->format && *c->format)
        snprintf(hint, sizeof hint, "layouts/README.md lists the keys of a %s layout", c->format);
    else
        snprintf(hint, sizeof hint, "layouts/README.md lists the keys of a %s", c->format ? "layout" : "theme");
    diag_error(c->d, c->file, key->line, key->col, hint, "unknown %s key '%s'", c->format ? "layout" : "theme",
               path);
    c->errors++;
}

/* A key that may still match below the map being walked: seg is where its
 * path's next segment starts. */
typedef struct cand {
    const ls_key *k;
    const char *seg;
} cand;

/* Checks map, whose path is segs[0..n), against the keys that may lie
 * below it (cands, in table order: the first leaf wins, as in match()).
 * Each map filters the table once for its children, instead of each node
 * going through the whole table. */
static void walk(checker *c, const yt_node *map, const char **segs, size_t n, const cand *cands, size_t ncands)
{
    cand *below = malloc((ncands ? ncands : 1) * sizeof *below);
    if (!below) return;
    for (size_t i = 0; i < map->n; i++) {
        const yt_node *kn = map->keys[i], *v = map->vals[i];
        if (n >= LS_MAX_SEGS) break;
        segs[n] = kn->scalar;
        const ls_key *leaf = NULL;
        size_t nbelow = 0;
        for (size_t j = 0; j < ncands; j++) {
            const char *p = cands[j].seg;
            if (*p != kn->scalar[0] && *p != '*' && *p != '.' && *p) continue; /* cannot match */
            size_t l = strcspn(p, ".");
            if (!(l == 1 && *p == '*') && (strncmp(p, kn->scalar, l) != 0 || kn->scalar[l] != '\0')) continue;
            if (p[l] == '.') below[nbelow++] = (cand){cands[j].k, p + l + 1};
            else if (!leaf) leaf = cands[j].k;
        }
        char path[LS_MAX_PATH];
        path_of(segs, n + 1, path, sizeof path);
        if (leaf) {
            check_value(c, leaf, v, path);
        } else if (nbelow) {
            if (v->kind != YT_MAP) {
                bad(c, v, "indent its keys below it", "'%s' must be a map of keys, not %s", path, kind_name(v));
                continue;
            }
            walk(c, v, segs, n + 1, below, nbelow);
        } else {
            unknown_key(c, kn, segs, n + 1);
        }
    }
    free(below);
}

bool schema_check(const yt_node *root, const char *file, const char *format, ls_color_fn color,
                  const void *color_ctx, lp_diag *d)
{
    checker c = {file, format, file_scope(format), color, color_ctx, d, 0};
    if (!root || root->kind != YT_MAP) return true;
    if (format && c.scope == (LS_THEME | LS_LAYOUT | LS_ANY_FORMAT)) c.format = ""; /* named in messages */
    const char *segs[LS_MAX_SEGS];
    cand *all = malloc(ls_nkeys * sizeof *all);
    if (!all) return false;
    size_t nall = 0;
    for (size_t i = 0; i < ls_nkeys; i++)
        if (applies(&ls_keys[i], c.scope)) all[nall++] = (cand){&ls_keys[i], ls_keys[i].path};
    walk(&c, root, segs, 0, all, nall);
    free(all);
    return c.errors == 0;
}

bool schema_check_roles(const yt_node *theme, const char *file, lp_diag *d)
{
    const yt_node *roles = yt_get(theme, "roles");
    int line = 1, col = 1, before = d->errors;
    for (size_t i = 0; theme && theme->kind == YT_MAP && i < theme->n; i++)
        if (strcmp(theme->keys[i]->scalar, "roles") == 0) line = theme->keys[i]->line, col = theme->keys[i]->col;
    if (!roles) {
        diag_error(d, file, line, col, "add roles: mapping each colour role to a palette token (layouts/README.md lists them)",
                   "the theme has no 'roles:' (layouts name colour roles, such as primary and tint, not palette tokens)");
        return false;
    }
    for (size_t i = 0; i < ls_nkeys; i++) {
        const ls_key *k = &ls_keys[i];
        if (k->scope != LS_THEME || strncmp(k->path, "roles.", 6) != 0 || k->dflt) continue;
        if (roles->kind != YT_MAP || yt_get(roles, k->path + 6)) continue;
        diag_error(d, file, line, col, "map it to a token of the palette, e.g. primary: navy",
                   "the theme has no colour role '%s' (%s)", k->path + 6, k->doc);
    }
    return d->errors == before;
}

/* ------------------------------------------------------------- reference */

static const char *type_name(ls_type t)
{
    switch (t) {
    case LS_LEN: return "length";
    case LS_NUM: return "number";
    case LS_INT: return "whole number";
    case LS_BOOL: return "boolean";
    case LS_TEXT: return "text";
    case LS_CHOICE: return "word";
    case LS_FORMAT: return "word";
    case LS_COLOR: return "colour";
    case LS_TEXTS: return "list of text";
    case LS_CHOICES: return "list of words";
    case LS_ORDER: return "order of words";
    case LS_NUMS: return "list of numbers";
    case LS_COLORS: return "list of colours";
    case LS_PAIRS: return "list of [colour, colour]";
    case LS_COLORDEF: return "colour definition";
    }
    return "?";
}

static void write_range(FILE *out, const ls_key *k)
{
    if (k->type == LS_CHOICE || k->type == LS_CHOICES || k->type == LS_ORDER || k->type == LS_FORMAT) {
        char buf[128];
        const char *words = k->type == LS_FORMAT ? format_choices(buf, sizeof buf) : k->lo;
        for (const char *p = words; *p; p++) {
            if (p == words) fputc('`', out);
            if (*p == '|')
                fputs("`, `", out);
            else
                fputc(*p, out);
        }
        fputc('`', out);
        return;
    }
    if (!k->lo && !k->hi) {
        fputs("—", out);
        return;
    }
    if (k->lo) fprintf(out, "%s %s", k->lo[0] == '>' ? ">" : "≥", k->lo + (k->lo[0] == '>'));
    if (k->lo && k->hi) fputs(", ", out);
    if (k->hi) fprintf(out, "≤ %s", k->hi);
}

/* Is the key listed in the table of scope (LS_THEME, LS_LAYOUT or one format's bit)? */
static bool in_scope(const ls_key *k, unsigned scope)
{
    if (scope == LS_THEME || scope == LS_LAYOUT) return k->scope == scope;
    return (k->scope & (LS_THEME | LS_LAYOUT)) == 0 && (k->scope & scope) != 0;
}

static void write_table(FILE *out, unsigned scope, const char *title, const char *intro)
{
    fprintf(out, "\n### %s\n\n%s\n\n| key | type | default | range | what it is |\n|---|---|---|---|---|\n", title,
            intro);
    for (size_t i = 0; i < ls_nkeys; i++) {
        const ls_key *k = &ls_keys[i];
        if (!in_scope(k, scope)) continue;
        fprintf(out, "| `%s` | %s | %s | ", k->path, type_name(k->type), k->dflt ? k->dflt : "required");
        write_range(out, k);
        fprintf(out, " | %s |\n", k->doc);
    }
}

void schema_write_reference(FILE *out)
{
    fputs(SCHEMA_README_MARK, out);
    fputs("\n## Key reference\n\n"
          "Every key a layout or theme may hold. `*` stands for a name the file chooses (a style,\n"
          "a colour token, a panel, an edition, an audience). A key not listed here, a value of\n"
          "another type or outside its range is an error at its line and column when the layout\n"
          "is loaded. \"required\" means the format asks for it: a missing one is an error naming\n"
          "it. Lengths are at trim size.\n",
          out);
    write_table(out, LS_THEME, "Theme keys",
                "In `layouts/themes/<audience>.yaml`; any layout may override them.");
    write_table(out, LS_LAYOUT, "Every layout", "In any `layouts/<name>.yaml`.");
    /* Then the keys of each format's layouts (a key some formats share is
     * listed under each of them). */
    for (int f = 0; f < FMT__COUNT; f++) {
        char title[96], intro[128];
        snprintf(title, sizeof title, "Layouts of format `%s`", lp_format_names[f]);
        snprintf(intro, sizeof intro, "In a layout whose `format:` is `%s`, besides the keys of every layout.",
                 lp_format_names[f]);
        write_table(out, LS_FMT(f), title, intro);
    }
}
