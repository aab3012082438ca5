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
    double k;        /* edition scale for lengths (1 at A3) */
    double s;        /* type scale while shrinking to fit (1 = design size) */
    double min_size; /* the audience's smallest type */
    double W, H, ml, mr, mt, mb;
    /* The worst overflow of this pass: how much, what, and where. */
    double over;
    const char *over_what;
    int over_line, over_col;
    /* A poster written as plain Markdown: its paragraphs, and the text of
     * its leading "# heading" (the headline instead of the title), if any. */
    const lp_block **paras;
    size_t nparas;
    const char *headline;
    int headline_line, headline_col;
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
    double qr_min, step, min_scale;
    part_headline_memo hmemo; /* the headline is sized once an edition */
    int errors;
} poster;


static bool len(poster *P, const char *key, double *v)
{
    if (!spec_len(P->spec, key, v, P->d)) return false;
    *v *= P->k;
    return true;
}

static bool num(poster *P, const char *key, double *v) { return spec_num(P->spec, key, v, P->d); }
static bool str(poster *P, const char *key, const char **v) { return spec_str(P->spec, key, v, P->d); }

static void overflow(poster *P, double amount, const char *what, int line, int col)
{
    if (amount <= EPS || amount <= P->over) return;
    P->over = amount;
    P->over_what = what;
    P->over_line = line;
    P->over_col = col;
}


/* ------------------------------------------------------------ messages */

/* The body must be paragraphs that each start with a picture (the resolve
 * step's messages).  Returns how many (into msgs, at most max), or -1. */
static int collect_messages(poster *P, part_picture *msgs, size_t max)
{
    const lp_doc *doc = P->doc;
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        const lp_message *m = b->msg;
        if (!m) {
            diag_error(P->d, doc->path, b->line, b->col,
                       "write each message as a paragraph that starts with its picture: "
                       "![what it means](icon:name) The message",
                       "a poster holds only messages, each starting with a picture");
            return -1;
        }
        if (!m->image->pic || !m->image->pic->icon) {
            diag_error(P->d, doc->path, m->image->line, m->image->col, "use a Lucide icon: icon:<name>",
                       "a poster picture must be an icon, not '%s'",
                       m->image->pic ? m->image->pic->path : "");
            return -1;
        }
        if (m->nin == 0) {
            diag_error(P->d, doc->path, b->line, b->col, "write the message after the picture",
                       "a poster message has a picture but no words");
            return -1;
        }
        if (i < max) msgs[i] = (part_picture){.image = m->image, .in = m->in, .nin = m->nin, .line = b->line,
                                              .col = b->col};
    }
    return (int)doc->nblocks;
}

/* A poster in plain Markdown: an optional "# heading" first (the
 * headline), then paragraphs, set large and centred where the messages
 * would be.  Returns 0, or -1 for anything a poster cannot hold. */
static int collect_plain(poster *P)
{
    const lp_doc *doc = P->doc;
    P->paras = arena_alloc(P->a, (doc->nblocks + 1) * sizeof *P->paras);
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        if (i == 0 && b->kind == BLK_HEADING && b->level == 1) {
            char *t = arena_strdup(P->a, "");
            for (size_t k = 0; k < b->nin; k++)
                if (b->in[k].kind == IN_TEXT || b->in[k].kind == IN_SOFTBREAK)
                    t = arena_printf(P->a, "%s%s", t,
                                     b->in[k].kind == IN_TEXT ? b->in[k].text : " ");
            P->headline = t;
            P->headline_line = b->line;
            P->headline_col = b->col;
            continue;
        }
        if (b->kind != BLK_PARA) {
            diag_error(P->d, doc->path, b->line, b->col,
                       "a poster holds a '# headline' and short paragraphs: put the rest in a "
                       "guide or leaflet",
                       "a poster has no room for %s",
                       b->kind == BLK_HEADING ? (b->level > 1 ? "a sub-heading" : "a second headline")
                       : b->kind == BLK_LIST  ? "a list"
                                              : "this kind of block");
            return -1;
        }
        P->paras[P->nparas++] = b;
    }
    if (P->nparas == 0) {
        diag_error(P->d, doc->path, doc->meta.title_line, 1,
                   "write a paragraph or two below the headline", "the poster has no text");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ head */

static int head(poster *P, int doc)
{
    const lp_meta *m = &P->doc->meta;
    part_head_look lk = {.pic = m->cover && m->cover->icon ? m->cover : NULL};
    if (!spec_color(P->spec, part_look_key(P->w, "head"), &lk.bg, P->d) ||
        !spec_color(P->spec, part_look_key(P->w, "head-icon-color"), &lk.icon_color, P->d) ||
        !str(P, part_look_key(P->w, "head-icon"), &lk.icon))
        return -1;
    lp_inline tin = fl_inline(P->headline ? P->headline : m->title, 0);
    tin.line = P->headline ? P->headline_line : m->title_line;
    tin.col = P->headline ? P->headline_col : 1;
    lp_inline sin = fl_inline_at(m->subtitle ? m->subtitle : "", 0, m->subtitle_line, m->subtitle_col);
    part_scale sc = {P->k, P->s, P->min_size, 0};
    return part_poster_head(P->w, P->W, P->ml, P->mt, P->W - P->ml - P->mr, "head", &sc, &lk, &tin,
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
    if (part_picture_looks(P->w, P->k, pics, n) != 0) return -1;
    double lines[MAX_MESSAGES];
    bool forced[MAX_MESSAGES];
    part_scale sc = {P->k, P->s, P->min_size, 0};
    const lp_style *st = part_style(P->w, spec_str_or(P->spec, "messages.style", "body", P->d), &sc);
    double bottom = part_picture_columns(P->w, 0, P->ml, top, P->W - P->ml - P->mr,
                                         "messages", &sc, pics, n, fl_snode(P->w, "Sect", doc), lines,
                                         forced);
    if (bottom < 0 || !st) return -1;
    for (size_t i = 0; i < n; i++) {
        const part_picture *m = &msgs[i];
        P->forced |= forced[i];
        if (P->cap > 0 && lines[i] > P->cap + EPS)
            overflow(P, (lines[i] - P->cap) * st->leading,
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
    part_scale sc = {P->k, P->s, P->min_size, 0};
    double short_by;
    size_t at;
    double y = part_contact_cards(P->w, P->ml, top, P->W - P->ml - P->mr, "cards", &sc, m->contacts,
                                  m->ncontacts, doc, &short_by, &at);
    if (y >= 0 && short_by > 0)
        overflow(P, short_by, arena_printf(P->a, "the number of card %zu leaves no room for its name", at + 1),
                 m->contacts[at].line, m->contacts[at].col);
    return y;
}

/* ------------------------------------------------------------ footer */

/* The QR block at the foot (footer.qr, at least the edition's qr-min);
 * returns the footer's top, or -1. */
static double footer(poster *P, double qr_min, int doc)
{
    part_scale sc = {P->k, P->s, P->min_size, qr_min};
    double h = part_qr_block_scaled(P->w, 0, P->ml, P->W - P->ml - P->mr, P->H - P->mb, "footer.qr",
                                    &sc, doc, true);
    return h < 0 ? -1 : P->H - P->mb - h;
}

/* ------------------------------------------------------------ driver */

/* One pass at type scale P->s.  Sets P->over when something did not fit. */
static int layout_once(poster *P)
{
    fl_writer *w = P->w;
    double gap, fgap, y;
    if (!len(P, "cards.gap", &gap) || !len(P, "footer.gap", &fgap) || !len(P, "messages.top", &y))
        return -1;
    part_scale sc = {P->k, P->s, P->min_size, 0};
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
            : P->nparas ? part_centred_paras(w, P->ml, y, P->W - P->ml - P->mr, "messages.style", &sc,
                                             P->paras, P->nparas, fl_snode(w, "Sect", doc))
                        : messages(P, P->msgs, P->n, doc, y);
        if (y < 0) return -1;
    }
    double cards_bottom = y; /* the body's foot */
    double ftop = footer(P, P->qr_min, doc);
    if (ftop < 0) return -1;
    P->vover = cards_bottom + P->spread + fgap - ftop;
    if (P->nparas)
        overflow(P, cards_bottom + fgap - ftop,
                 "the text and the contact cards below it run into the footer",
                 P->paras[0]->line, P->paras[0]->col);
    else if (P->long_msg)
        /* What pushed the cards down is the message that took more lines. */
        overflow(P, cards_bottom + fgap - ftop,
                 arena_printf(P->a, "message %zu runs to %.0f lines and the contact cards below "
                                    "it run into the footer",
                              P->long_msg, P->long_lines),
                 P->long_line, P->long_col);
    else
        overflow(P, cards_bottom + fgap - ftop, "the contact cards run into the footer",
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
        P->over = 0;
        P->vover = 0;
        P->long_msg = 0;
        P->long_lines = 0;
        P->forced = false;
        size_t said = P->d->n;
        if (layout_once(P) != 0 || P->d->errors > P->errors) return -1;
        bool smallest = s - P->step < P->min_scale - 1e-9;
        bool fits = P->over <= EPS && (!P->forced || smallest);
        if (fits && (P->spread > 0 || P->vover >= -EPS)) return 1;
        diag_truncate(P->d, said); /* a layout not made says nothing */
        if (!fits) return 0;
        P->spread = -P->vover / (double)P->gaps;
    }
}

static int edition(const lp_flow_ctx *ctx, const poster *plain, const char *key,
                   const part_picture *msgs, size_t n, lp_pages *pg)
{
    poster P = *plain; /* the document's messages or paragraphs and headline */
    fl_writer w;
    P.w = &w;
    P.ctx = ctx;
    P.pg = pg;
    P.msgs = msgs;
    P.n = n;
    fl_init(&w, ctx, pg);
    const char *k_suffix = arena_printf(P.a, "editions.%s.suffix", key);
    const char *k_w = arena_printf(P.a, "editions.%s.width", key);
    const char *k_h = arena_printf(P.a, "editions.%s.height", key);
    const char *k_s = arena_printf(P.a, "editions.%s.scale", key);
    double scale, step, min_scale;
    if (!str(&P, k_suffix, &pg->suffix) || !len(&P, k_w, &P.W) || !len(&P, k_h, &P.H) ||
        !num(&P, k_s, &scale) || !num(&P, "shrink.step", &step) ||
        !num(&P, "shrink.min-scale", &min_scale) ||
        !spec_len(P.spec, "min-size", &P.min_size, P.d))
        return -1;
    /* "a3" -> "A3", for messages. */
    char *name = arena_strdup(P.a, key);
    for (char *c = name; *c; c++)
        if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    double qr_min = spec_len_or(P.spec, arena_printf(P.a, "editions.%s.qr-min", key), 0, P.d);
    if (scale <= 0 || scale > 4) {
        diag_error(P.d, spec_layout_path(P.spec), 0, 0, "a scale is a number such as 0.707",
                   "'%s' must be between 0 and 4", k_s);
        return -1;
    }
    P.k = scale;
    pg->width = P.W;
    pg->height = P.H;
    if (!len(&P, "margins.left", &P.ml) || !len(&P, "margins.right", &P.mr) ||
        !len(&P, "margins.top", &P.mt) || !len(&P, "margins.bottom", &P.mb))
        return -1;
    if (step <= 0) step = 0.025;
    double lines, lines_max;
    if (!num(&P, "messages.lines", &lines)) return -1;
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
    P.qr_min = qr_min;
    P.step = step;
    P.min_scale = min_scale;
    const yt_node *body = spec_node(P.spec, "body");
    P.gaps = (body && body->kind == YT_SEQ ? body->n : 2) + 1;
    /* A layout within messages.lines is one within lines-max too: the
     * messages are set the same, only the verdict differs. */
    P.cap = lines_max > lines && !P.nparas ? lines_max : lines;
    double least;
    int rc = part_fit_scale(step, min_scale, attempt, &P, &least);
    if (rc == 0 && !P.nparas) {
        P.cap = 0; /* past min-scale: the lines a message needs */
        rc = attempt(&P, least);
    }
    if (rc != 0) return rc > 0 ? 0 : -1;
    diag_error(P.d, P.doc->path, P.over_line, P.over_col,
               "shorten the text: poster type is already at the layout's smallest",
               "the %s poster does not fit: %s (%.1f mm over)", name, P.over_what,
               pt_to_mm(P.over));
    return -1;
}

int format_poster(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    poster P = {.spec = ctx->spec, .d = ctx->diag, .doc = ctx->doc, .a = ctx->arena, .k = 1};
    double expect, least;
    if (!num(&P, "messages.count", &expect)) return -1;
    least = expect;
    if (spec_node(P.spec, "messages.count-min") && !num(&P, "messages.count-min", &least))
        return -1;
    if (least < 1 || least > expect) least = expect;
    part_picture msgs[MAX_MESSAGES];
    int n = 0;
    bool plain = true;
    for (size_t i = 0; i < P.doc->nblocks; i++) plain &= !P.doc->blocks[i].msg;
    if (plain && collect_plain(&P) != 0) return -1;
    if (!plain) n = collect_messages(&P, msgs, MAX_MESSAGES);
    if (n < 0) return -1;
    if (!plain && ((double)n < least - EPS || (double)n > expect + EPS)) {
        if (least < expect)
            diag_error(P.d, P.doc->path, P.doc->meta.title_line, 1,
                       "write each message as a paragraph that starts with its picture",
                       "a poster takes %.0f to %.0f messages; this one has %d", least, expect, n);
        else
            diag_error(P.d, P.doc->path, P.doc->meta.title_line, 1,
                       "write each message as a paragraph that starts with its picture",
                       "a poster takes exactly %.0f messages; this one has %d", expect, n);
        return -1;
    }
    /* Every block under the head once: a block left out would lose words. */
    const yt_node *body = spec_node(ctx->spec, "body");
    if (body && (body->kind != YT_SEQ || body->n != 2 || !body->vals[0]->scalar ||
                 !body->vals[1]->scalar || strcmp(body->vals[0]->scalar, body->vals[1]->scalar) == 0)) {
        diag_error(P.d, spec_layout_path(ctx->spec), body->line, body->col,
                   "write body: [messages, cards] or [cards, messages]",
                   "'body' must list messages and cards, each once");
        return -1;
    }
    const yt_node *eds = spec_node(ctx->spec, "editions");
    if (!eds || eds->kind != YT_MAP || eds->n == 0 || eds->n > MAX_EDITIONS) {
        diag_error(P.d, spec_layout_path(ctx->spec), eds ? eds->line : 0, eds ? eds->col : 0,
                   "write editions: { a3: { suffix: -a3, width: 297mm, height: 420mm, scale: 1 } }",
                   "the poster layout needs 1 to %d editions", MAX_EDITIONS);
        return -1;
    }
    lp_pages *pgs = arena_alloc(ctx->arena, eds->n * sizeof *pgs);
    for (size_t i = 0; i < eds->n; i++)
        if (edition(ctx, &P, eds->keys[i]->scalar, msgs, (size_t)n, &pgs[i]) != 0) return -1;
    *editions = pgs;
    *neditions = eds->n;
    return 0;
}
