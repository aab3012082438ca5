/* parts.h — layout parts the formats and packs share.  Each part places
 * its boxes in a frame it is given (page, x, y, width and a bottom), reads
 * its measurements, colours, words and styles from the layout (cover.*,
 * contents.*, and the styles named below), and returns what it used, or
 * -1 with an error.  A format's own C decides only where the frames go
 * (panel order and folds, imposition, scaling). */
#ifndef LP_PARTS_H
#define LP_PARTS_H

#include "flow.h"
#include "resolve.h"

/* ---- the partnership: its mark, then its name ----
 *
 * The partnership's logo (partnership.yaml), when it has one, then its
 * name in style st, at x, y in width (the name goes after the logo).
 * Tagged as a P under parent, or an artifact when parent is -1 (page
 * furniture).  Returns the name's height, or -1. */
double part_partnership(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                        int parent);
/* part_partnership with its lines balanced: a name that wraps breaks evenly
 * ("Riverside and Upper Valley Children / and Young People's Safeguarding
 * Partnership"), never leaving one word on its last line. */
double part_partnership_even(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                             int parent);
/* The same with the name given: the short name, where a line that must
 * stay one line (a footer) has no room for the full one. */
double part_partnership_as(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                           const char *name, int parent);

/* ---- cover: the band across the top of a cover page ----
 *
 * A band of cover.color cover.band high across the whole page width
 * (page_w, to the bleed) with a rule of cover.rule-color under it; in it,
 * at x and width, the partnership (part_partnership, in the style the
 * layout names at cover.partnership-style) at cover.partnership-top, the
 * title (cover.title-style) at cover.title-top and
 * the subtitle, when given (standfirst), cover.gap under it.  The title and
 * subtitle must end cover.gap above the band's foot: otherwise an error at
 * the title's line:col.  Structure: a P (the name), an H1, a P (subtitle),
 * under parent.  Returns the band's foot (band + rule), where what follows
 * on the cover starts, or -1. */
double part_cover_band(fl_writer *w, int page, double page_w, double x, double width,
                       const lp_inline *title, const char *subtitle, int parent);

/* ---- contents: a titled list of entries, each a link with its page ----
 *
 * One entry: the words (inlines; a pack's may mix styles), what the link
 * says it goes to (its plain text), and the page number to print (-1: not
 * known yet, nothing printed). */
typedef struct part_toc_entry {
    const lp_inline *in;
    size_t nin;
    const char *text;
    int page; /* 0-based */
} part_toc_entry;

/* Sets contents.title (style contents-title) then the entries (contents-
 * entry) in a column width wide from x, y on page, each entry's number
 * (contents-number, in contents.number-width, right-aligned) on its last
 * line after contents.entry-gap, with dot leaders (header.rule-color)
 * from the words to the number: an artifact, not read aloud.  Entries go
 * on to the next page (at top) when they pass bottom, up to max_pages
 * pages.  Structure: Sect > H2, TOC > TOCI > Link under parent; every
 * entry's link box (its index in the boxes) goes to link_box[i], for the
 * caller to point at its target once known.  Returns the pages used; 0
 * when the entries need more than max_pages (*fit: how many fitted), or
 * -1 on error. */
int part_contents(fl_writer *w, int page, double x, double y, double width, double top,
                  double bottom, int max_pages, const part_toc_entry *e, size_t n, int parent,
                  size_t *link_box, size_t *fit);

/* ---- back cover: the outside back cover of a booklet ----
 *
 * On page (page_w x page_h, the whole page): the front matter's key
 * contacts in a back.panel-color panel with a back.panel-rule on top and a
 * back.label (style back-label), from cover.partnership-top; and at the
 * foot the cover's band (cover.color, its cover.rule on top) from
 * back.band above the page's foot, holding the partnership's name
 * (cover.partnership-style), the title (back-title), and at `bottom` the QR
 * block (part_qr_block, back.qr.*: the code on its plate, the prompt and
 * the version and review dates).  The band gives way
 * to contacts down to the depth its own lines need; contacts that still do
 * not fit are an error at contacts: saying how many fit.  Without contacts
 * the band fills the page.  Text runs at x, width wide.  Structure: Sect >
 * H2, contacts, P... under parent.  Returns 0, or -1. */
int part_back_cover(fl_writer *w, int page, double page_w, double page_h, double x, double width,
                    double bottom, int parent);

/* ---- a contact entry: a strip cell, a directory entry ----
 *
 * The lines an entry prints, in the order a layout lists them (a list of
 * these words under a key such as contacts.lines):
 *   name        the name, with its acronym after it when both fit one line
 *   short-name  the acronym first, the name in brackets ("MASH (Multi ...)")
 *   number      how to reach it: the number, e-mail address or web site's
 *               name, never broken, linked (tel:, mailto:, the address)
 *   note        the note for the document's audience
 *   note-warning  the note, then the contact's warning in bold
 *   hours       its opening hours */
typedef enum { PC_NAME, PC_SHORT_NAME, PC_NUMBER, PC_NOTE, PC_NOTE_WARNING, PC_HOURS } part_contact_line;
#define PART_CONTACT_MAX_LINES 8

/* Reads the list at key (dflt, words separated by spaces, when the layout
 * has none) into lines.  Returns how many, or -1 with an error at the
 * layout's line:col (an unknown word, with a suggestion). */
int part_contact_lines(fl_writer *w, const char *key, const char *dflt,
                       part_contact_line lines[PART_CONTACT_MAX_LINES]);

/* One contact's lines at x, y in width on page, in the styles
 * contact-name, contact-number, contact-note and contact-hours, as an item
 * of the list `list` (LI > LBody), each line tagged to the key that named
 * it.  What follows the name starts name_h below the top when that is more
 * than the name's own height (so that the numbers of a row of cells share a
 * baseline); *own_name_h (when not NULL) gets the name's height.  Measures
 * only unless place is set.  Returns the height, or -1. */
double part_contact_entry(fl_writer *w, int page, double x, double y, double width,
                          const lp_contact_rec *rc, const lp_keyref *key,
                          const part_contact_line *lines, size_t nlines, int list, bool place,
                          double name_h, double *own_name_h);

/* ---- scale: a part's lengths and type for an edition ----
 *
 * A layout's lengths times `len` (1 at the layout's own size), its type
 * sizes times len and `type` (1: the style's size), never below min_size
 * unless the style itself is smaller; a QR code never below code_min. */
typedef struct part_scale {
    double len, type, min_size, code_min;
} part_scale;

/* The style `name` at the scale (a copy in the arena), or NULL. */
const lp_style *part_style(fl_writer *w, const char *name, const part_scale *sc);

/* The narrowest width at most `width` that sets the text in no more lines:
 * short centred or ragged blocks then break by balance, not by greed. */
double part_balanced_width(fl_writer *w, const lp_style *st, const lp_inline *in, size_t nin,
                           double width);

/* ---- fit by scale: the largest type scale at which a layout fits ----
 * try(ctx, scale) lays the whole thing out at a type scale and says how it
 * went: -1 an error, 0 it does not fit, 1 it fits.  Scales go from 1 down
 * by `step` to `least`; the first that fits is kept, and is the last call
 * to try (*scale says which; when none fits, the smallest tried).
 * Returns 1 when one fitted, 0 when none did, or -1. */
typedef int (*part_fit_try)(void *ctx, double scale);
int part_fit_scale(double step, double least, part_fit_try try, void *ctx, double *scale);

/* ---- the worst overflow of a layout pass: how much, what, and where ----
 * part_overflow_note keeps the largest amount (more than a hundredth of a
 * point) with what overflowed and its source line:col. */
typedef struct part_overflow {
    double over;
    const char *what;
    int line, col;
} part_overflow;
void part_overflow_note(part_overflow *o, double amount, const char *what, int line, int col);

/* ---- page: its size and margins ----
 * <key>.width and <key>.height ("page", or an edition's "editions.a3") as
 * given, and margins.left/right/top/bottom times k. */
typedef struct part_page {
    const char *name, *suffix; /* an edition's: "A3" (for messages), "-a3" */
    double W, H, k, qr_min;
    double ml, mr, mt, mb;
} part_page;
bool part_page_read(fl_writer *w, const char *key, double k, part_page *p);

/* An edition (editions.<key>): its suffix, scale (the layout's lengths
 * times it), qr-min (0 when not given), then its page at
 * that scale.  False with an error. */
bool part_edition_read(fl_writer *w, const char *key, part_page *p);

/* ---- contact card: a contact on a full-width card ----
 *
 * What the caller decides (a format's look, in colour roles): the icon and
 * the card's colours, the width of its edge (0: none) and the colours that
 * override the styles' own (NULL: keep them). */
typedef struct part_card_look {
    const char *icon;
    lp_color bg, icon_color, edge_color;
    double edge;
    const lp_color *text;   /* name, note and number */
    const lp_color *number; /* the number alone, after text */
} part_card_look;

/* A card width wide at x, y on page, read from the layout under `key`
 * (lengths at sc): padding, radius, icon-size (the icon, centred on the
 * card's height at its left), icon-gap (icon to name, and name column to
 * number), text-gap (name to note), the name-style, note-style and
 * number-style (address-style for a contact reached by e-mail or web
 * site, whose site's name is printed), and the arrangements tried, in order (beside: name and note
 * beside the number; across: the name across the card, the note beside the
 * number; under: the name beside the number, the note across under both,
 * never running on under the number): the shortest is set, the first on a
 * tie.  The number is right-aligned, whole and linked; the note's sentences
 * start their own lines where it wraps anyway.  Structure: an item of the
 * list `list` (LI > LBody > P...), every line tagged to ref's line:col.
 * *short_by (when not NULL): how far the number leaves the name less than
 * a quarter of the card.  Measures only unless place is set.  Returns the
 * card's height, or -1 (a contact without icon or number: an error at the
 * contact). */
double part_contact_card(fl_writer *w, int page, double x, double y, double width, const char *key,
                         const part_scale *sc, const lp_contact_rec *rc, const lp_keyref *ref,
                         const part_card_look *look, int list, bool place, double *short_by);

/* ---- headline: a title sized to fill its measure ----
 *
 * The text (one inline) at x, y as an H1 under parent, in the style named
 * at key.headline-style, at the largest size from that style's down to
 * key.headline-min (by key.headline-step, lengths at sc) whose longest line
 * fills key.fill of the measure in at most key.headline-lines lines and at
 * least key.fill-min of it; one line set whole where that fills the
 * measure; the lines balanced.  Too long at the smallest size: an error at
 * the text's line:col.  memo (may be NULL; zeroed to start) keeps the
 * size found between calls for the same text, measure and scale (a
 * poster's passes): only the first call searches.  Returns its height,
 * or -1. */
typedef struct part_headline_memo {
    bool set;
    lp_style st;
    double width;
    bool one_line;
} part_headline_memo;
double part_headline(fl_writer *w, int page, double x, double y, double measure, const char *key,
                     const part_scale *sc, const lp_inline *text, part_headline_memo *memo, int parent);

/* ---- centred paragraphs: a plain poster's text ----
 *
 * Paragraphs on page 0 from x, y across measure, in the style named at
 * style_key (at sc), centred, each balanced, half a line apart, each a P
 * under parent.  Returns their bottom, or -1. */
double part_centred_paras(fl_writer *w, double x, double y, double measure, const char *style_key,
                          const part_scale *sc, const lp_block *const *paras, size_t n, int parent);

/* ---- poster head: a full-bleed band with the partnership, a headline
 * sized to fill its measure, the strapline and a symbol beside it ----
 *
 * Read under key (lengths at sc->len): bottom (the band's, drawn from the
 * page's top edge, into the bleed), headline-top, strapline-bottom (where
 * the strapline's last line ends), gap (least space between headline and
 * strapline), close-gap, icon-size, icon-gap (symbol to strapline),
 * partnership-style and strapline-style (at sc->type; the partnership and
 * the headline keep their size), and the headline's keys (part_headline).
 * The partnership at x, top; the strapline (NULL: none) at the left, the
 * symbol (look->pic, else the icon look->icon) at the right, centred on it.
 * The head is as tall as its text: a headline of fewer lines than it is
 * drawn for closes it up to close-gap above the strapline or the symbol,
 * one too long for it opens it as far as the strapline needs to keep gap.
 * *rise: how far it closed up (negative: opened); all below moves by it.
 * Returns 0 or -1. */
typedef struct part_head_look {
    lp_color bg, icon_color;
    const char *icon;  /* the symbol, a Lucide name */
    const lp_pic *pic; /* or the document's own picture (an icon) */
} part_head_look;
int part_poster_head(fl_writer *w, double page_w, double x, double top, double measure, const char *key,
                     const part_scale *sc, const part_head_look *look, const lp_inline *headline,
                     const lp_inline *strapline, part_headline_memo *memo, int parent, double *rise);

/* ---- picture columns: pictures in circles, words centred under each ----
 *
 * One column per picture. */
typedef struct part_picture {
    const lp_inline *image; /* an icon picture, its alt text what it means */
    const lp_inline *in;    /* the words under it */
    size_t nin;
    int line, col;          /* where it is written */
    lp_color tint, stroke;  /* the circle, and the symbol (and its ring) */
    double edge;            /* a ring of stroke round the circle (0: none) */
} part_picture;

/* n columns across x..x+width from y, read under key (lengths at sc):
 * gutter, circle (a tinted disc centred in its column), symbol (its size
 * in the disc), gap (disc to words), style (the words': balanced, centred
 * in the column) and lines (each column is at least this many lines deep).
 * lines_out[i] (when not NULL): the lines column i's words took;
 * forced_out[i]: whether a word had to be broken anywhere, being wider than
 * the column.
 * Structure: a Figure (with its alt text) and a P per column under parent.
 * Returns the columns' bottom, or -1. */
double part_picture_columns(fl_writer *w, int page, double x, double y, double width, const char *key,
                            const part_scale *sc, const part_picture *p, size_t n, int parent,
                            double *lines_out, bool *forced_out);

/* A background of radius, and when edge > 0 a rim of edge_color that wide
 * round it (inside the same outline). */
void part_edged_rect(fl_writer *w, int page, double x, double y, double bw, double bh, lp_color bg,
                     double radius, double edge, lp_color edge_color);

/* ---- poster look: colours by audience, in colour roles ----
 *
 * part_look_key: audiences.<audience>.<key> where the layout gives one for
 * the document's audience, else look.<key>.  part_picture_looks: each
 * picture's tint and stroke from the look's pictures pairs in turn, and a
 * ring (messages.edge, at k) in its stroke where its tint stands out less
 * than edges.contrast from look.page.  part_card_look_of: card i's look:
 * a 999 card's from look.emergency (its background, icon colour, and text
 * and number colours where given, into *text and *number), the others'
 * backgrounds from look.cards in turn with look.card-icon; an edge
 * (cards.edge, at k) in look.card-edge (emergency.edge) where the
 * background would not stand out.  Return 0 or -1. */
const char *part_look_key(fl_writer *w, const char *key);
int part_picture_looks(fl_writer *w, double k, part_picture *pics, size_t n);
int part_card_look_of(fl_writer *w, double k, const lp_contact *ct, size_t i, part_card_look *lk,
                      lp_color *text, lp_color *number);

/* ---- contact cards: the front matter's contacts, one card each ----
 *
 * Cards width wide from x, y on page 0, key.space apart (at sc), each in
 * its look (part_card_look_of), a list under a Sect under parent.
 * *short_by: the most a card's number left its name short of room, and
 * *at which card (0 when none).  Returns their bottom, or -1. */
double part_contact_cards(fl_writer *w, double x, double y, double width, const char *key, const part_scale *sc,
                          const lp_keyref *keys, size_t n, int parent, double *short_by, size_t *at);

/* ---- template text: a layout's words with the document's values ----
 *
 * tmpl with its tokens replaced: {host} (the source's site), {summary},
 * {title}, {version}, {reviewed}, {review-by} (month and year) and
 * {partnership}.  NULL when a token has no value (the line is left out);
 * an unknown token is an error at the layout's key (*err set). */
const char *part_fill(fl_writer *w, const char *key, const char *tmpl, bool *err);

/* ---- QR block: the QR code and the lines beside it ----
 *
 * Read from the layout under `key` (for example "footer.qr", "back.qr"):
 *   size, color     the code's side and colour
 *   gap             the code (or its plate) to the text
 *   side            left or right: where the code goes (and which is read
 *                   first)
 *   align           bottom: the code's and the text's feet at `bottom`; top:
 *                   both start at the block's top; middle: centred on each
 *                   other
 *   first-style     the style of the first line listed (else style)
 *   plate-color, plate-padding  a plate under the code (padding 0: none)
 *   prompt          the words by the code; {host} is linked to the source
 *   lead            words set in strong-style at the head of the {dates}
 *                   line
 *   lines           what the text says, in order: "{prompt}", "{source}"
 *                   ("Source: " and the address, where it fits one line),
 *                   "{dates}" (version, reviewed, review by: each whole) or
 *                   a template for part_fill
 *   style, strong-style  the text's styles
 *   spaced          a paragraph's space and half a line between the lines
 * Without a source there is no code, and the text takes the whole width.
 * The block ends at `bottom`, in x and width; in a frame of its own ("QR
 * block").  Structure: a P (the text) and a Figure (the code) under
 * parent.  Measures only unless place is set.  Returns the block's height,
 * or -1. */
double part_qr_block(fl_writer *w, int page, double x, double width, double bottom, const char *key,
                     int parent, bool place);

/* ================================================================ easy read
 * The picture row, the word box and the phone-numbers box: one column of
 * rows on the row grid (a picture column on the left, the text column
 * right of it, a gutter between). */

/* The row grid across x, width: <key>.picture wide picture column, then
 * <key>.gutter, then the text column; the rows' pictures in <key>.circle
 * circles (a format may set a smaller circle, down to <key>.circle-min).
 * Returns false with an error at the layout's key when no text column is
 * left or the circle is wider than the picture column. */
typedef struct part_grid {
    double x, width;       /* the whole row */
    double pic_w;          /* the picture column, from x */
    double text_x, text_w; /* the text column */
    double circle;         /* the picture's circle (0: the row is its text alone) */
    double circle_min;     /* the least circle the layout allows */
} part_grid;
bool part_grid_read(fl_writer *w, const char *key, double x, double width, part_grid *g);

/* ---- picture row colours: tint and stroke pairs, and the danger pair ----
 *
 * <key>.pictures: 2 to PART_MAX_PAIRS [tint, stroke] pairs of colour
 * tokens, taken in turn so that neighbouring rows differ; <key>.danger: the
 * pair of a row whose picture is one of <key>.danger-icons (at most
 * PART_MAX_PAIRS symbol names).  Returns false with an error at the
 * layout's key. */
#define PART_MAX_PAIRS 16
typedef struct part_palette {
    lp_color tint[PART_MAX_PAIRS], stroke[PART_MAX_PAIRS];
    size_t n;
    lp_color danger_tint, danger_stroke;
    const char *danger[PART_MAX_PAIRS];
    size_t ndanger;
} part_palette;
bool part_palette_read(fl_writer *w, const char *key, part_palette *p);
/* Is the picture (a row's leading image) one of the danger icons? */
bool part_palette_danger(const part_palette *p, const lp_inline *pic);

/* ---- picture row: a picture cell and a text cell ----
 *
 * The picture pic (an icon or a PNG, as resolved) at <key>.symbol of a
 * g->circle circle of tint, drawn in stroke, centred in the picture
 * column; the text (in, nin) in the style <key>.style in the text column;
 * the two centred vertically on each other.  In frames "row", "row's
 * picture cell" and "row's text" named at line:col.  Structure: a Figure
 * (alt: the picture's alt text) and a P under parent.  Measures only
 * unless place is set.  Returns the row's height (the circle or the text,
 * the taller), or -1. */
double part_picture_row(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                        const lp_inline *pic, lp_color tint, lp_color stroke, const lp_inline *in,
                        size_t nin, int line, int col, int parent, bool place);

/* ---- word box: hard words and what they mean ----
 *
 * The front matter's words (indices into words:) in a box of
 * <key>.background with <key>.radius corners across the grid, padded
 * <key>.padding: in the picture column <key>.icon (<key>.icon-size,
 * <key>.icon-color) over <key>.label (<key>.label-many for more than one
 * word) in <key>.label-style, centred as a block; in the text column each
 * word in bold run into its meaning ("Grooming is when ...", "Nude: a
 * picture ..."), one a line, in <key>.style.  As tall as the taller column.
 * Structure: L > Caption (the label), LI > Lbl (the word), LBody (the
 * meaning) under parent.  Measures only unless place is set.  Returns the
 * height, or -1. */
double part_word_box(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                     const size_t *words, size_t nwords, int parent, bool place);

/* ---- phone-numbers box: the front matter's contacts ----
 *
 * A box like the word box (<key>.background, radius, padding, icon,
 * icon-size, icon-color, label-gap, label, label-style), holding the
 * front matter's contacts one an item, in <key>.style: the name, the number
 * (never broken, linked) and, for a contact that says in the reader's own
 * words who it is, that line.  A contact whose number or address given()
 * says the document gives already is left out (the reader has it where it
 * is explained).  Structure: Sect > H2 (the label), L > LI under parent.
 * Measures only unless place is set.  Returns the height, 0 when no contact
 * is left, or -1. */
typedef bool (*part_given_fn)(const char *value, const void *arg);
double part_phone_box(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                      part_given_fn given, const void *arg, int parent, bool place);
/* The same at a scale (lengths, type, the code's least size): a poster's
 * editions.  Also read: first-style, the style of the first line listed;
 * align middle, the code and the text centred on each other. */
double part_qr_block_scaled(fl_writer *w, int page, double x, double width, double bottom,
                            const char *key, const part_scale *sc, int parent, bool place);

/* ---- running header and page footer: the furniture of a page ----
 *
 * One part for every format's header and footer.  Each piece is set only
 * when the layout has its keys:
 *   header.top, header.text ({title} and the other tokens of part_fill),
 *   header.style, header.rule-gap, header.rule, header.rule-color
 *                  the running header at header.top, a rule under it
 *   footer.rule, footer.rule-color, footer.rule-top
 *                  a rule across the measure at footer.rule-top
 *   footer.top, footer.partnership (true), footer.style,
 *   footer.number-gap
 *                  the partnership (part_partnership: its logo and name) in
 *                  footer.style on the left of the line at footer.top, one
 *                  line: the short name where the full one would wrap, an
 *                  error at the partnership's file when that wraps too
 *   footer.top, footer.label ({n} the page, {N} the count, total),
 *   footer.number-style (default footer.style), footer.outer
 *                  the folio: beside the partnership's name at the line's
 *                  right end, at least footer.number-gap from it; without
 *                  the name on the outer edge (right on odd pages, left on
 *                  even), or where its style aligns it when footer.outer
 *                  is false
 *   footer.text, footer.text-top, footer.text-style
 *                  a line of words with part_fill's tokens ({review-by},
 *                  {version}, ...) at footer.text-top, as its style aligns it
 *   footer.bottom, footer.qr.*
 *                  the QR block (part_qr_block), its foot at footer.bottom
 * at x, width wide on page.  Header, rule, name, folio and text are
 * artifacts; the QR block's code and words go under parent.  page < 0
 * measures only.  Returns the room the footer takes above footer.bottom (at
 * least footer.bottom - footer.top when there is a QR block, else 0), or
 * -1. */
double part_running(fl_writer *w, int page, int total, double x, double width, int parent);

/* ---- definitions panel: quoted definitions side by side ----
 *
 * Up to two definition blocks (the first n of defs) in a panel of
 * definitions.background, width wide from x, top, with a bar of
 * definitions.bar-color on its left edge and definitions.label (or the
 * first block's own label) above them in definitions.label-style.  Each
 * definition starts on a body column line (two columns gutter apart, the
 * first inset by the bar and definitions.padding): its title
 * (definitions.title-style), its text (definitions.text-style) and its
 * source line ("— source", definitions.source-style).  Frames
 * "definitions panel" > "definition"; structure Sect > H2, BlockQuote >
 * H3, P... under parent.  Measures only unless place is set.  Returns the
 * panel's height, or -1. */
double part_definitions(fl_writer *w, int page, double x, double width, double top, double gutter,
                        const lp_block *defs, size_t n, int parent, bool place);

/* ---- key-contacts strip: contacts side by side in cells ----
 *
 * The n contacts (resolved keys) in a strip of contacts.background, width
 * wide from x, its foot at bottom: a contacts.rule on top, the
 * contacts.icon and contacts.label (contacts.label-style), then one cell
 * a contact (part_contact_entry, contacts.lines) in widths of
 * contacts.ratios (no cell narrower than its number, unbroken), divided by
 * contacts.divider rules; every number of the strip on one baseline.
 * Frames "key-contacts strip" > "key-contacts cell"; structure Sect > H2,
 * L > LI... under parent.  A number that cannot fit is an error at the
 * first key's line:col saying how many fit.  Measures only unless place
 * is set.  Returns the strip's height, or -1. */
double part_contacts_strip(fl_writer *w, int page, double x, double width, double bottom, const lp_keyref *keys,
                           size_t n, int parent, bool place);
/* Nothing else on the page of the frame "key-contacts strip" reaches into
 * it (a word, a panel, a picture): 0, or an error at doc's contacts: line
 * saying by how much, and -1. */
int part_strip_clear(const fl_writer *w, const lp_doc *doc);

/* ---- title band: the one-minute guide's band across the top ----
 *
 * A band of band.color band.height high across the whole page width
 * (page_w, into the bleed) with a band.rule of band.rule-color under it;
 * in it, at x and width: a pill (band.pill-color, band.pill-height,
 * band.pill-padding) at band.label-top holding the band.label-icon and
 * band.label (band.label-style), the partnership's logo and name
 * right-aligned on the pill's middle (band.partnership-style), the title
 * at band.title-top (band.title-style) and the subtitle band.gap under it
 * in band.standfirst-width (band.standfirst-style).  The title and
 * subtitle must end band.gap above the band's foot: otherwise an error at
 * the title's line.  Structure: P (label), P (name), H1, P (subtitle) under
 * parent.  Returns the band's foot (band + rule), or -1. */
double part_title_band(fl_writer *w, int page, double page_w, double x, double width, int parent);
/* ---- page bands: a tinted band across the top of every page ----
 *
 * A band of <key>.color from the top edge into the bleed, page_w wide: on
 * page 0 <key>.first-height deep, holding the document's title (H1, in
 * <key>.title-style), its subtitle when it has one (P, <key>.subtitle-style,
 * <key>.subtitle-gap under it) and, level with the subtitle's first line
 * (or the title's), a pill of <tag>.color (<tag>.height, padding, radius,
 * <tag>.gap from the text) holding <tag>.label in <tag>.style (a P).  On
 * later pages <key>.height deep, holding a heading (in, nin: the section
 * that starts there, tagged as snode, or a running head, snode -1, left out
 * when too long) in <key>.heading-style.  The text runs at x, width wide,
 * centred between top (the top margin) and <key>.bottom-padding above the
 * band's foot; when it does not fit that, an error at the title's line.
 * Returns 0, or -1. */
int part_title_band_tagged(fl_writer *w, double page_w, double x, double width, double top,
                           const char *key, const char *tag, int parent);
int part_heading_band(fl_writer *w, int page, double page_w, double x, double width, double top,
                      const char *key, const lp_inline *in, size_t nin, int snode);

/* ================================================================ tri-fold */

/* ---- emergency bar: when to call, and the number ----
 *
 * A bar of <key>.background with <key>.radius corners, width wide at x, y
 * on page, padded <key>.padding: <key>.icon (<key>.icon-size,
 * <key>.icon-color) centred on its height at the left, then after
 * <key>.icon-gap the words <key>.text in <key>.text-style over the
 * contact's number (or address), whole and linked, in <key>.number-style;
 * the icon and the two lines centred on each other.  Structure: a P under
 * parent (the icon an artifact).  Measures only unless place is set.
 * Returns its height, or -1. */
double part_emergency_bar(fl_writer *w, int page, double x, double y, double width, const char *key,
                          const lp_contact_rec *rc, int parent, bool place);

/* ---- cover panel: a tri-fold's front cover ----
 *
 * In a panel's text area (x, width wide, from top to bottom on page), read
 * under key: the partnership's logo and name (<key>.partnership-style,
 * balanced) at top; the front matter's picture in a <key>.disc circle of
 * <key>.disc-color at <key>.disc-top (<key>.icon-size, <key>.icon-color),
 * which must lie between the name and the title; the title at
 * <key>.title-top (<key>.title-style), the words listed at <key>.bind
 * never ending a line; the subtitle <key>.gap under it
 * (<key>.subtitle-style, balanced); and at bottom the line <key>.foot
 * (part_fill's tokens; <key>.foot-style) under a <key>.rule of
 * <key>.rule-color, <key>.foot-gap above it.  Title and subtitle must end
 * <key>.gap above the rule: otherwise an error at the title's line.
 * Structure: Sect > P (name), H1, Figure, P (subtitle), P (foot) under
 * parent.  Returns 0, or -1. */
int part_cover_panel(fl_writer *w, int page, double x, double top, double width, double bottom,
                     const char *key, int parent);

/* ---- back panel: a tri-fold's directory, emergency bar and QR block ----
 *
 * In a panel's text area (x, width wide, from top to bottom on page), read
 * under key: <key>.heading (<key>.heading-style), then the front matter's
 * contacts one an entry (part_contact_entry, <key>.contact-lines),
 * <key>.contact-gap apart, leaving out <key>.emergency.contact, whose
 * number has the emergency bar (part_emergency_bar, <key>.emergency.*)
 * <key>.emergency.gap above the QR block (part_qr_block, <key>.qr.*) at
 * bottom.  Contacts that do not fit above the bar are an error at the
 * first contact's line:col saying how many fit.  Frames "back panel" >
 * "contact entry", "emergency bar", "QR block"; structure Sect > H2, L,
 * P... under parent.  Returns 0, or -1. */
int part_back_panel(fl_writer *w, int page, double x, double top, double width, double bottom,
                    const char *key, int parent);

/* ---- panel icon: a disc above a panel's heading ----
 *
 * When the first of the blocks b (n of them) is a paragraph holding
 * nothing but one picture: the picture (<key>.size, <key>.color) in a
 * <key>.disc circle of <key>.disc-color at the top-left of the writer's
 * place in its frame, which then moves <key>.gap below the disc, at the
 * top of the frame again (the heading that follows drops its space above).
 * Structure: a Figure under parent, or nothing when the heading after it
 * says the same as its alt text.  Returns the blocks used (0 or 1), or
 * -1. */
int part_panel_icon(fl_writer *w, const char *key, const lp_block *b, size_t n, int parent);

#endif
