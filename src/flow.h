/* flow.h — document model + layout spec -> positioned boxes on pages. */
#ifndef LP_FLOW_H
#define LP_FLOW_H

#include "contacts.h"
#include "fonts.h"
#include "layout_spec.h"
#include "leafpress.h"
#include "partnership.h"

#include <stdio.h>

/* Paragraphs the balancing of columns (columns.c) asks to be set a line
 * looser or tighter than their best, at most this many at once. */
#define FL_LOOSE_MAX 4

/* A paragraph set `looseness` lines more (or, negative, fewer) than its
 * best, where it can be within the line breaker's tolerance (TeX's
 * \looseness): fl_loosen. */
typedef struct fl_loose {
    const lp_block *para;
    int looseness;
} fl_loose;

typedef struct lp_flow_ctx {
    const lp_doc *doc;
    const lp_spec *spec;
    const lp_fonts *fonts;
    const lp_contacts *contacts;
    lp_arena *arena;
    lp_diag *diag;
    bool greedy; /* set paragraphs first-fit (for comparisons and bench) */
    /* Paragraphs already set, by text, style and widths: formats that lay a
     * document out several times (balancing, shrinking) set each only once.
     * NULL until first used; lives in the arena. */
    struct fl_memo *memo;
    const lp_partnership *partnership; /* whose leaflet it is: name, logo */
    /* Paragraphs set looser or tighter than their best, for every layout
     * of the document until asked otherwise (fl_loosen). */
    fl_loose loose[FL_LOOSE_MAX];
    size_t nloose;
    /* Writers list the paragraphs they flow (fl_writer.paras): only while
     * the balancing looks for one to loosen (fl_list_paras). */
    bool list_paras;
} lp_flow_ctx;

/* Writes the boxes as stable text, one line per box (the `leafpress dump`
 * format; golden tests compare it). */
void flow_dump(const lp_pages *pg, const lp_fonts *fonts, FILE *out);

/* ------------------------------------------------------------------
 * The machinery format_*.c use: frames (columns, panels) that blocks flow
 * through, box emission, structure nodes, and block setting with
 * keep-with-next, widow and orphan control.
 */

typedef struct fl_frame {
    int page;
    double x, y, w, h; /* pt, trim coordinates */
    int id;            /* its lp_frame in the pages (lp_box.frame numbering), 0: none */
} fl_frame;

/* A paragraph as it was flowed into a writer's frames (listed only while
 * ctx->list_paras): its block, text and style, the measure it was set at,
 * the frame it ended in and its lines. */
typedef struct fl_para_set {
    const lp_block *para;
    const lp_inline *in;
    size_t nin;
    lp_style st;
    double width;
    size_t frame;
    size_t nlines;
    int looseness; /* as it was asked for */
} fl_para_set;

typedef struct fl_cached_style {
    const char *name;
    lp_style st;
    bool scaled; /* sizes multiplied by the writer's scale */
    bool ok;
} fl_cached_style;

typedef struct fl_writer {
    const lp_flow_ctx *ctx;
    lp_pages *pg;
    LP_VEC(fl_frame) frames;
    size_t cur;     /* current frame */
    double y;       /* cursor: distance from the current frame's top, pt */
    bool at_top;    /* nothing placed in the current frame yet */
    bool full;      /* ran out of frames */
    double over_pt; /* how much did not fit, pt */
    int over_lines; /* ... and in lines of body text */
    /* The source of the first block that did not fit (0: none yet), for
     * the error that says so. */
    int over_line, over_col;
    double scale;   /* body type scale (fit: shrink), 1.0 normally */
    int doc_snode;  /* the Document structure node */
    /* Rule blocks (***) start a new frame instead of drawing a line. */
    bool rule_breaks_frame;
    double inset_l, inset_r; /* indentation of the blocks being set (lists, boxes) */
    bool measuring;          /* boxes go to a scratch page that is thrown away */
    const char *body_style;  /* style for paragraphs; NULL = "body" */
    LP_VEC(fl_cached_style) styles;
    /* The frame boxes placed by hand belong to (fl_frame_enter); 0: the
     * page.  While blocks flow (in_flow), boxes belong to the current
     * flow frame instead. */
    int frame;
    bool in_flow;
    const char *flow_what; /* what fl_add_frame's frames are called: NULL = "column" */
    LP_VEC(fl_para_set) paras; /* the paragraphs flowed, when ctx->list_paras */
} fl_writer;

void fl_init(fl_writer *w, const lp_flow_ctx *ctx, lp_pages *pg);
/* Opens a frame of its own — a strip cell, a card, a band — inside the
 * current one: every box made until fl_frame_leave must stay inside it
 * (framecheck.c refuses the document otherwise, naming line:col, or the
 * box's own source when it has one).  Returns the frame that was current,
 * for fl_frame_leave. */
int fl_frame_enter(fl_writer *w, int page, double x, double y, double width, double height,
                   const char *what, int line, int col);
void fl_frame_leave(fl_writer *w, int prev);
void fl_add_frame(fl_writer *w, int page, double x, double y, double width, double height);
/* Moves to the next frame; false (and w->full) when there is none. */
bool fl_next_frame(fl_writer *w);
const fl_frame *fl_frame_cur(const fl_writer *w);
double fl_space_left(const fl_writer *w);

/* A style by name from the layout/theme, cached; NULL (error added once) when
 * missing.  Sizes are multiplied by w->scale. */
const lp_style *fl_style(fl_writer *w, const char *name);
/* The same, never scaled: page furniture (bands, footers) keeps its size. */
const lp_style *fl_fixed_style(fl_writer *w, const char *name);
/* Height the blocks would take at width, without placing anything. */
double fl_measure_blocks(fl_writer *w, const lp_block *blocks, size_t n, double width);
/* Flows blocks into one frame of their own (a box, a panel, a row) at
 * x, y, width x height on page, paragraphs in body_style (NULL: "body"),
 * without touching the writer's own frames and cursor.  Returns the height
 * used, or -1 on error. */
double fl_blocks_at(fl_writer *w, int page, double x, double y, double width, double height,
                    const lp_block *blocks, size_t n, int parent, const char *body_style);

int fl_snode(fl_writer *w, const char *role, int parent);
/* An unnumbered list (L, ListNumbering None): for directories and boxes
 * that read as a list without showing markers. */
int fl_list_snode(fl_writer *w, int parent);
/* An item of such a list: LI > LBody; returns the LBody. */
int fl_item_snode(fl_writer *w, int list);
lp_box *fl_box(fl_writer *w, lp_box_kind kind, int page, double x, double y, double bw, double bh);
lp_box *fl_rect(fl_writer *w, int page, double x, double y, double bw, double bh, lp_color fill,
                double radius, int snode);
lp_box *fl_line(fl_writer *w, int page, double x, double y, double dx, double dy, lp_color c,
                double width);
/* Sets and places text (one line or many) at a fixed position, not flowed:
 * for bands, labels, footers, cards.  Returns the height used (lines x
 * leading) or -1 on error.  x,y is the top-left of the text block; the first
 * baseline sits one ascent below y. */
double fl_text_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                  const lp_inline *in, size_t nin, int snode);
/* The same for a block that reads as several things (the items of a list,
 * a term and its meaning) but is set as one paragraph: each run is tagged
 * as parts[run.part] (the last part repeats). */
double fl_parts_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                   const lp_inline *in, size_t nin, const int *parts, size_t nparts);
/* The same for a plain UTF-8 string. */
double fl_plain_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                   const char *text, int snode);
/* Would the text need a last-resort break (a piece wider than width)?
 * Searches for a narrower measure stop before that. */
bool fl_text_forced(fl_writer *w, double width, const lp_style *st, const lp_inline *in,
                    size_t nin);
/* How many words the last line of the text set at width holds (a word has
 * a letter or digit: a lone "·" is none), and *nlines its lines. */
size_t fl_text_tail_words(fl_writer *w, double width, const lp_style *st, const lp_inline *in, size_t nin,
                          size_t *nlines);
/* Height fl_text_at would use, without placing anything. */
double fl_text_height(fl_writer *w, double width, const lp_style *st, const lp_inline *in,
                      size_t nin);
/* An icon glyph of the icon font, centred in the square (cx +- size/2, cy +- size/2). */
lp_box *fl_icon(fl_writer *w, int page, const char *name, double cx, double cy, double size,
                lp_color c, int snode, const char *file, int line, int col);

/* Sets paragraph `para` (a block of the document: a paragraph, or a list
 * item's) `looseness` lines longer (negative: shorter) than its best in
 * every layout from now on, where it can be within the line breaker's
 * tolerance, else at its best; 0 sets it at its best again.  The
 * balancing of columns asks for it (columns.c); it lasts for the
 * document (the flow context).  False when FL_LOOSE_MAX are asked for
 * already. */
bool fl_loosen(fl_writer *w, const lp_block *para, int looseness);
/* Layouts from now on list the paragraphs they flow in w->paras (on:
 * true) or not. */
void fl_list_paras(fl_writer *w, bool on);
/* What setting a listed paragraph `looseness` lines longer or shorter
 * costs: its demerits so set less its best's; infinite when it cannot be
 * set so.  -1 on an error (reported). */
double fl_loose_cost(fl_writer *w, const fl_para_set *p, int looseness);

/* Flows blocks through the frames from the current cursor.  Block styles
 * come from the names "h1" "h2" "h3" "body" "list" "quote" "callout" ...
 * Returns 0, or -1 on error (not on overflow: check w->full). */
int fl_blocks(fl_writer *w, const lp_block *blocks, size_t n, int parent);

/* Small helpers the formats share. */
/* A plain text inline in style bits. */
lp_inline fl_inline(const char *text, unsigned style);
/* The same for text that comes from elsewhere (contacts.yaml, a fence's
 * attribute) at the request of line:col of the document: a warning about
 * it (a word wider than its line) names that place. */
lp_inline fl_inline_at(const char *text, unsigned style, int line, int col);
/* Does a run of inlines (or blocks, with their children) link to url (a
 * contact's tel:, mailto: or web address, as {{contact:...}} writes it)? */
bool fl_inlines_link(const lp_inline *in, size_t n, const char *url);
bool fl_blocks_link(const lp_block *b, size_t n, const char *url);
/* "2026-11-01" -> "November 2026" (the date itself when malformed). */
const char *fl_month_year(lp_arena *a, const char *date);
/* "https://www.example.gov.uk/x/y" -> "example.gov.uk": the domain a
 * reader types, for QR prompts. */
const char *fl_url_domain(lp_arena *a, const char *url);
/* tmpl with the first "{token}" replaced by value; layout text is never
 * used as a printf format. */
const char *fl_fill(lp_arena *a, const char *tmpl, const char *token, const char *value);
/* tmpl split at "{token}" into inlines (up to three): the text before it,
 * value as a link to url (never broken), the text after it.  Returns how
 * many; a template without the token is one plain inline. */
size_t fl_fill_link(lp_arena *a, const char *tmpl, const char *token, const char *value,
                    const char *url, lp_inline out[3]);
/* Does text say what the inlines say (letters and digits, ignoring case)?
 * A picture whose alt text is its heading's is decoration: an artifact,
 * or it would be heard twice. */
bool fl_says_same(const char *text, const lp_inline *in, size_t nin);
/* The QR code of source as a Figure under parent, x,y its top-left, with a
 * short alt naming the site (the address is printed beside it). */
lp_box *fl_qr(fl_writer *w, int page, double x, double y, double size, lp_color color,
              const char *source, int parent);
/* A page label with every "{n}" replaced by n and every "{N}" by total
 * ("Page {n} of {N}"). */
const char *fl_page_label(lp_arena *a, const char *label, int n, int total);

/* A picture (an icon or a PNG, as resolved) in the box x, y, pw x ph: a
 * PNG fills it, an icon is drawn ph high at its centre in colour c.
 * Tagged as snode (a Figure, or -1 for decoration) with the picture's alt
 * text.  Returns the box, or NULL on error (an unknown icon). */
lp_box *fl_picture(fl_writer *w, int page, const lp_pic *pic, double x, double y, double pw,
                   double ph, lp_color c, int snode);

/* The partnership's logo (partnership.yaml logo: icon:x, or a PNG beside
 * that file), when it has one, as a mark 1.4 lines of st high centred on
 * the line at x, y (the top of that line); an icon in st's colour.
 * Returns the width it takes, gap included (0: no logo), or -1 on error. */
double fl_logo(fl_writer *w, int page, double x, double y, const lp_style *st, int snode);
/* The width fl_logo would take, without drawing. */
double fl_logo_width(const fl_writer *w, const lp_style *st);

/* Records that the text did not fit: an error at the first block that did
 * not (the title when none is known), saying how many lines/mm are over. */
void fl_report_overflow(fl_writer *w, const char *what);

/* ---- what a part measured, kept for the document ----
 * A format lays its pages out many times (balancing columns, shrinking to
 * fit), and a part (a footer, a strip, a panel) asked again with the same
 * inputs measures the same.  It builds a key of everything its measuring
 * reads, recalls what it kept under that key, or measures and keeps it.
 * The key always holds the part's name and the writer's type scale; a
 * pointer is for what lives as long as the document (its blocks, its
 * contacts), a string is keyed by its text.  A key that outgrows its room
 * is never recalled nor kept. */
#define FL_KEY_BYTES 320
typedef struct fl_key {
    unsigned char b[FL_KEY_BYTES];
    size_t n;
    bool over;
} fl_key;
void fl_key_init(fl_key *k, const fl_writer *w, const char *part);
void fl_key_num(fl_key *k, double v);
void fl_key_ptr(fl_key *k, const void *p);
void fl_key_str(fl_key *k, const char *s);
/* What was kept under k (size bytes), or NULL. */
const void *fl_recall(const fl_writer *w, const fl_key *k, size_t size);
void fl_keep(const fl_writer *w, const fl_key *k, const void *v, size_t size);

/* ---- what a part placed, kept for the document ----
 * A part placed at the same place with the same inputs places the same
 * boxes, structure nodes and frames: fl_replay appends what was placed
 * under k (its nodes and frames numbered anew, the frame it was placed in
 * now the current one) and gives the part's result; else the part marks
 * where it starts (fl_mark_begin), places, and fl_record keeps it.  A part
 * that changed a node made before it is not kept.  The key must hold every
 * input, the parent node among them. */
typedef struct fl_mark {
    size_t boxes, snodes, frames;
    int outer;
    lp_snode *before; /* the nodes made before it, as they were */
} fl_mark;
bool fl_replay(fl_writer *w, const fl_key *k, double *result);
void fl_mark_begin(const fl_writer *w, fl_mark *m);
void fl_record(const fl_writer *w, const fl_key *k, const fl_mark *m, double result);

#endif
