/* format_poster.c — the poster: one page, one source, two editions (A3 and
 * the same layout scaled to A4).  A full-bleed head with the headline sized
 * to fill the measure, a strapline and the partnership name; three messages
 * under pictures; full-width contact cards; a footer with a QR code.
 * Every measurement comes from layouts/poster.yaml (at A3); the colours that
 * differ by audience come from its look map, in colour roles, and where an
 * audience's poster is tuned, from its audiences.<audience> map. */
#include "formats.h"
#include "parts.h"

#include "linebreak.h"
#include "resolve.h"

#include <math.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01
/* At most this many editions and messages are read from the layout. */
#define MAX_EDITIONS 8
#define MAX_MESSAGES 16

typedef struct poster {
    fl_writer *w;
    const lp_spec *spec;
    lp_diag *d;
    const lp_doc *doc;
    lp_arena *a;
    part_page e;     /* the edition: its size, margins and scale (e.k, 1 at A3) */
    double s;        /* type scale while shrinking to fit (1 = design size) */
    double min_size; /* the audience's smallest type */
    part_overflow ov; /* the worst overflow of this pass */
    /* A poster written as plain Markdown: its paragraphs, and its leading
     * "# heading" (the headline instead of the title), if any. */
    lp_plain plain;
    /* messages.lines is a preference, not a limit: a pass lets a message
     * run to `cap` lines (0: as many as it needs, only the page's height
     * limits it).  The longest message past messages.lines of this pass
     * (index + 1, 0 for none). */
    double cap;
    /* How far the head closes up (the strapline, the head's bottom and all
     * below move up by it): the room a headline leaves when it takes fewer
     * lines than the head is drawn for.  `vover` is this pass's overflow
     * into the footer alone (less than 0: room to spare), and `spread` what
     * each gap under the head gains from that spare room. */
    double rise, vover, spread;
    size_t long_msg;
    double long_lines;
    /* A word of a message is wider than its column (broken as a last
     * resort): the type shrinks further, while it can. */
    bool forced;
    int long_line, long_col;
    /* What each pass of an edition needs (edition and attempt). */
    const lp_flow_ctx *ctx;
    lp_pages *pg;
    const part_picture *msgs;
    size_t n, gaps;
    double step, min_scale;
    part_headline_memo hmemo; /* the headline is sized once an edition */
    int errors;
} poster;


static bool len(poster *P, const char *key, double *v)
{
    if (!spec_len(P->spec, key, v, P->d)) return false;
    *v *= P->e.k;
    return true;
}

static bool num(poster *P, const char *key, double *v) { return spec_num(P->spec, key, v, P->d); }
static bool str(poster *P, const char *key, const char **v) { return spec_str(P->spec, key, v, P->d); }

/* ------------------------------------------------------------ head */

static int head(poster *P, int doc)
{
    const lp_meta *m = &P->doc->meta;
    part_head_look lk = {.pic = m->cover && m->cover->icon ? m->cover : NULL};
    if (!spec_color(P->spec, part_look_key(P->w, "head"), &lk.bg, P->d) ||
        !spec_color(P->spec, part_look_key(P->w, "head-icon-color"), &lk.icon_color, P->d) ||
        !str(P, part_look_key(P->w, "head-icon"), &lk.icon))
        return -1;
    lp_inline tin = fl_inline(P->plain.headline ? P->plain.headline : m->title, 0);
    tin.line = P->plain.headline ? P->plain.line : m->title_line;
    tin.col = P->plain.headline ? P->plain.col : 1;
    lp_inline sin = fl_inline_at(m->subtitle ? m->subtitle : "", 0, m->subtitle_line, m->subtitle_col);
    part_scale sc = {P->e.k, P->s, P->min_size, 0};
    return part_poster_head(P->w, P->e.W, P->e.ml, P->e.mt, P->e.W - P->e.ml - P->e.mr, "head", &sc, &lk, &tin,
                            m->subtitle ? &sin : NULL, &P->hmemo, doc, &P->rise);
}

/* ------------------------------------------------------------ messages */

/* Lays the messages out in columns, their circles in the look's picture
 * pairs in turn; returns their bottom, or -1. */
static double messages(poster *P, const part_picture *msgs, size_t n, int doc, double top)
{
    double max_lines;
    if (!num(P, "messages.lines", &max_lines)) return -1;
    part_picture *pics = arena_alloc(P->a, (n + 1) * sizeof *pics);
    memcpy(pics, msgs, n * sizeof *pics);
    if (part_picture_looks(P->w, P->e.k, pics, n) != 0) return -1;
    double lines[MAX_MESSAGES];
    bool forced[MAX_MESSAGES];
    part_scale sc = {P->e.k, P->s, P->min_size, 0};
    const lp_style *st = part_style(P->w, spec_str_or(P->spec, "messages.style", "body", P->d), &sc);
    double bottom = part_picture_columns(P->w, 0, P->e.ml, top, P->e.W - P->e.ml - P->e.mr,
                                         "messages", &sc, pics, n, fl_snode(P->w, "Sect", doc), lines,
                                         forced);
    if (bottom < 0 || !st) return -1;
    for (size_t i = 0; i < n; i++) {
        const part_picture *m = &msgs[i];
        P->forced |= forced[i];
        if (P->cap > 0 && lines[i] > P->cap + EPS)
            part_overflow_note(&P->ov, (lines[i] - P->cap) * st->leading,
                     arena_printf(P->a, "message %zu runs to %.0f lines (%.0f at most)", i + 1,
                                  lines[i], P->cap),
                     m->line, m->col);
        if (lines[i] > max_lines + EPS && lines[i] > P->long_lines + EPS) {
            P->long_msg = i + 1;
            P->long_lines = lines[i];
            P->long_line = m->line;
            P->long_col = m->col;
        }
    }
    return bottom;
}

/* ------------------------------------------------------------ cards */

/* The contact cards from `top`; returns their bottom, or -1. */
static double cards(poster *P, double top, int doc)
{
    const lp_meta *m = &P->doc->meta;
    part_scale sc = {P->e.k, P->s, P->min_size, 0};
    double short_by;
    size_t at;
    double y = part_contact_cards(P->w, P->e.ml, top, P->e.W - P->e.ml - P->e.mr, "cards", &sc, m->contacts,
                                  m->ncontacts, doc, &short_by, &at);
    if (y >= 0 && short_by > 0)
        part_overflow_note(&P->ov, short_by, arena_printf(P->a, "the number of card %zu leaves no room for its name", at + 1),
                 m->contacts[at].line, m->contacts[at].col);
    return y;
}

/* ------------------------------------------------------------ footer */

/* The QR block at the foot (footer.qr, at least the edition's qr-min);
 * returns the footer's top, or -1. */
static double footer(poster *P, int doc)
{
    part_scale sc = {P->e.k, P->s, P->min_size, P->e.qr_min};
    double h = part_qr_block_scaled(P->w, 0, P->e.ml, P->e.W - P->e.ml - P->e.mr, P->e.H - P->e.mb, "footer.qr",
                                    &sc, doc, true);
    return h < 0 ? -1 : P->e.H - P->e.mb - h;
}

/* ------------------------------------------------------------ driver */

/* One pass at type scale P->s.  Notes in P->ov what something did not fit. */
static int layout_once(poster *P)
{
    fl_writer *w = P->w;
    double gap, fgap, y;
    if (!len(P, "cards.gap", &gap) || !len(P, "footer.gap", &fgap) || !len(P, "messages.top", &y))
        return -1;
    part_scale sc = {P->e.k, P->s, P->min_size, 0};
    int doc = fl_snode(w, "Document", -1);
    w->doc_snode = doc;
    w->pg->npages = 1;
    if (head(P, doc) != 0) return -1;
    /* The blocks under the head in the layout's order (body), from
     * messages.top (less what the head closed up), cards.gap apart. */
    const yt_node *body = spec_node(P->spec, "body");
    bool listed = body && body->kind == YT_SEQ;
    y -= P->rise;
    for (size_t i = 0; i < (listed ? body->n : 2); i++) {
        const char *what = listed ? body->vals[i]->scalar : i ? "cards" : "messages";
        y += P->spread + (i ? gap : 0);
        y = strcmp(what, "cards") == 0 ? cards(P, y, doc)
            : P->plain.nparas ? part_centred_paras(w, P->e.ml, y, P->e.W - P->e.ml - P->e.mr, "messages.style", &sc,
                                             P->plain.paras, P->plain.nparas, fl_snode(w, "Sect", doc))
                        : messages(P, P->msgs, P->n, doc, y);
        if (y < 0) return -1;
    }
    double cards_bottom = y; /* the body's foot */
    double ftop = footer(P, doc);
    if (ftop < 0) return -1;
    P->vover = cards_bottom + P->spread + fgap - ftop;
    if (P->plain.nparas)
        part_overflow_note(&P->ov, cards_bottom + fgap - ftop,
                 "the text and the contact cards below it run into the footer",
                 P->plain.paras[0]->line, P->plain.paras[0]->col);
    else if (P->long_msg)
        /* What pushed the cards down is the message that took more lines. */
        part_overflow_note(&P->ov, cards_bottom + fgap - ftop,
                 arena_printf(P->a, "message %zu runs to %.0f lines and the contact cards below "
                                    "it run into the footer",
                              P->long_msg, P->long_lines),
                 P->long_line, P->long_col);
    else
        part_overflow_note(&P->ov, cards_bottom + fgap - ftop, "the contact cards run into the footer",
                 P->doc->meta.title_line, 1);
    return 0;
}

/* One layout at type scale s (part_fit_try): 1 when it fits, 0 when it
 * does not. */
static int attempt(void *arg, double s)
{
    poster *P = arg;
    P->s = s;
    for (P->spread = 0;;) {
        P->pg->boxes.n = 0;
        P->pg->snodes.n = 0;
        P->pg->npages = 0;
        fl_init(P->w, P->ctx, P->pg);
        P->ov = (part_overflow){0};
        P->vover = 0;
        P->long_msg = 0;
        P->long_lines = 0;
        P->forced = false;
        size_t said = P->d->n;
        if (layout_once(P) != 0 || P->d->errors > P->errors) return -1;
        bool smallest = s - P->step < P->min_scale - 1e-9;
        bool fits = P->ov.over <= EPS && (!P->forced || smallest);
        if (fits && (P->spread > 0 || P->vover >= -EPS)) return 1;
        diag_truncate(P->d, said); /* a layout not made says nothing */
        if (!fits) return 0;
        P->spread = -P->vover / (double)P->gaps;
    }
}

static int edition(const lp_flow_ctx *ctx, const poster *plain, const char *key, lp_pages *pg)
{
    poster P = *plain; /* the document's messages or paragraphs and headline */
    fl_writer w;
    P.w = &w;
    P.ctx = ctx;
    P.pg = pg;
    fl_init(&w, ctx, pg);
    double step, min_scale, lines, lines_max;
    if (!part_edition_read(&w, key, &P.e) || !num(&P, "shrink.step", &step) ||
        !num(&P, "shrink.min-scale", &min_scale) || !spec_len(P.spec, "min-size", &P.min_size, P.d) ||
        !num(&P, "messages.lines", &lines))
        return -1;
    pg->suffix = P.e.suffix;
    pg->width = P.e.W;
    pg->height = P.e.H;
    if (step <= 0) step = 0.025;
    lines_max = lines;
    if (spec_node(P.spec, "messages.lines-max") && !num(&P, "messages.lines-max", &lines_max))
        return -1;
    if (lines_max < lines) lines_max = lines;
    /* The largest type that fits, DESIGN.md's sizes first.  At each size:
     * every message within messages.lines, then within lines-max (a third
     * line at full size reads better than every word smaller).  Only when
     * nothing fits at min-scale does a message take the lines it needs, at
     * min-scale (the fewest lines); then the page is the limit.  The room
     * the body leaves above the footer is shared by the gaps under the head
     * (above, between and below the blocks), so no band stays empty. */
    P.errors = P.d->errors;
    P.step = step;
    P.min_scale = min_scale;
    const yt_node *body = spec_node(P.spec, "body");
    P.gaps = (body && body->kind == YT_SEQ ? body->n : 2) + 1;
    /* A layout within messages.lines is one within lines-max too: the
     * messages are set the same, only the verdict differs. */
    P.cap = lines_max > lines && !P.plain.nparas ? lines_max : lines;
    double least;
    int rc = part_fit_scale(step, min_scale, attempt, &P, &least);
    if (rc == 0 && !P.plain.nparas) {
        P.cap = 0; /* past min-scale: the lines a message needs */
        rc = attempt(&P, least);
    }
    if (rc != 0) return rc > 0 ? 0 : -1;
    diag_error(P.d, P.doc->path, P.ov.line, P.ov.col,
               "shorten the text: poster type is already at the layout's smallest",
               "the %s poster does not fit: %s (%.1f mm over)", P.e.name, P.ov.what, pt_to_mm(P.ov.over));
    return -1;
}

int format_poster(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    poster P = {.spec = ctx->spec, .d = ctx->diag, .doc = ctx->doc, .a = ctx->arena};
    double expect, least;
    if (!num(&P, "messages.count", &expect)) return -1;
    least = expect;
    if (spec_node(P.spec, "messages.count-min") && !num(&P, "messages.count-min", &least))
        return -1;
    if (least < 1 || least > expect) least = expect;
    bool plain = true;
    for (size_t i = 0; i < P.doc->nblocks; i++) plain &= !P.doc->blocks[i].msg;
    int n = plain ? resolve_plain(P.doc, P.d, "poster", &P.plain)
                  : resolve_messages(P.doc, P.d, "poster", least, expect);
    if (n < 0) return -1;
    part_picture msgs[MAX_MESSAGES];
    for (int i = 0; !plain && i < n; i++) {
        const lp_block *b = &P.doc->blocks[i];
        msgs[i] = (part_picture){.image = b->msg->image, .in = b->msg->in, .nin = b->msg->nin,
                                 .line = b->line, .col = b->col};
    }
    P.msgs = msgs;
    P.n = plain ? 0 : (size_t)n;
    const yt_node *eds = spec_node(ctx->spec, "editions");
    if (!eds || eds->kind != YT_MAP || eds->n == 0 || eds->n > MAX_EDITIONS) {
        diag_error(P.d, spec_layout_path(ctx->spec), eds ? eds->line : 0, eds ? eds->col : 0,
                   "write editions: { a3: { suffix: -a3, width: 297mm, height: 420mm, scale: 1 } }",
                   "the poster layout needs 1 to %d editions", MAX_EDITIONS);
        return -1;
    }
    lp_pages *pgs = arena_alloc(ctx->arena, eds->n * sizeof *pgs);
    for (size_t i = 0; i < eds->n; i++)
        if (edition(ctx, &P, eds->keys[i]->scalar, &pgs[i]) != 0) return -1;
    *editions = pgs;
    *neditions = eds->n;
    return 0;
}
