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
    double qr_min, step, min_scale, caps[3];
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

/* audiences.<audience>.<key> where the layout gives one for the document's
 * audience, else look.<key> (in colour roles, for every audience). */
static const char *akey(poster *P, const char *key)
{
    const char *k = arena_printf(P->a, "audiences.%s.%s", P->doc->meta.audience, key);
    return spec_node(P->spec, k) ? k : arena_printf(P->a, "look.%s", key);
}

static bool acolor(poster *P, const char *key, lp_color *c)
{
    return spec_color(P->spec, akey(P, key), c, P->d);
}

/* A poster style at this edition's scale and the type scale, never below
 * the audience's smallest size. */
static const lp_style *style(poster *P, const char *name, double type_scale)
{
    part_scale sc = {P->k, type_scale, P->min_size, 0};
    return part_style(P->w, name, &sc);
}

static void overflow(poster *P, double amount, const char *what, int line, int col)
{
    if (amount <= EPS || amount <= P->over) return;
    P->over = amount;
    P->over_what = what;
    P->over_line = line;
    P->over_col = col;
}


/* The edge of a background that stands out less than edges.contrast from
 * the page (look.page): `key` wide (0: no edge) in the look's `role`, or
 * in `fallback` when role is NULL.  *edge 0: none. */
static int edge_for(poster *P, lp_color bg, const char *key, const char *role, double *edge,
                    lp_color *c)
{
    double least;
    lp_color page;
    *edge = 0;
    if (!spec_node(P->spec, key)) return 0;
    if (!len(P, key, edge) || !num(P, "edges.contrast", &least) || !acolor(P, "page", &page))
        return -1;
    if (spec_contrast(bg, page) >= least) *edge = 0;
    if (*edge > 0 && role && !acolor(P, role, c)) return -1;
    return 0;
}

/* ------------------------------------------------------------ messages */

/* The body must be paragraphs that each start with a picture: those are
 * the messages.  Returns how many (into msgs, at most max), or -1. */
static int collect_messages(poster *P, part_picture *msgs, size_t max)
{
    const lp_doc *doc = P->doc;
    size_t n = 0;
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        size_t first = 0;
        if (b->kind == BLK_PARA)
            while (first < b->nin && b->in[first].kind == IN_SOFTBREAK) first++;
        if (b->kind != BLK_PARA || first >= b->nin || b->in[first].kind != IN_IMAGE) {
            diag_error(P->d, doc->path, b->line, b->col,
                       "write each message as a paragraph that starts with its picture: "
                       "![what it means](icon:name) The message",
                       "a poster holds only messages, each starting with a picture");
            return -1;
        }
        const lp_inline *img = &b->in[first];
        if (!img->pic || !img->pic->icon) {
            diag_error(P->d, doc->path, img->line, img->col, "use a Lucide icon: icon:<name>",
                       "a poster picture must be an icon, not '%s'", img->pic ? img->pic->path : "");
            return -1;
        }
        if (n < max) {
            part_picture *m = &msgs[n];
            *m = (part_picture){.image = img, .line = b->line, .col = b->col};
            lp_inline *words = arena_alloc(P->a, (b->nin + 1) * sizeof *words);
            m->in = words;
            bool lead = true;
            for (size_t k = first + 1; k < b->nin; k++) {
                lp_inline in = b->in[k];
                if (lead && in.kind == IN_SOFTBREAK) continue;
                if (lead && in.kind == IN_TEXT) {
                    const char *t = in.text;
                    while (*t == ' ' || *t == '\t') t++;
                    if (!*t) continue;
                    in.text = t;
                }
                lead = false;
                words[m->nin++] = in;
            }
            if (m->nin == 0) {
                diag_error(P->d, doc->path, b->line, b->col, "write the message after the picture",
                           "a poster message has a picture but no words");
                return -1;
            }
        }
        n++;
    }
    return (int)n;
}

/* Does any paragraph start with a picture?  Then the body is messages;
 * otherwise it is plain Markdown. */
static bool has_messages(const lp_doc *doc)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        if (b->kind != BLK_PARA) continue;
        size_t first = 0;
        while (first < b->nin && b->in[first].kind == IN_SOFTBREAK) first++;
        if (first < b->nin && b->in[first].kind == IN_IMAGE) return true;
    }
    return false;
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

/* Plain paragraphs, centred, each balanced; returns their bottom, or -1. */
static double plain_body(poster *P, int doc, double top)
{
    fl_writer *w = P->w;
    const lp_style *base = style(P, spec_str_or(P->spec, "messages.style", "body", P->d), P->s);
    if (!base) return -1;
    lp_style st = *base;
    st.align = ALIGN_CENTER;
    double measure = P->W - P->ml - P->mr;
    double y = top;
    int sec = fl_snode(w, "Sect", doc);
    for (size_t i = 0; i < P->nparas; i++) {
        const lp_block *b = P->paras[i];
        if (i) y += st.leading / 2;
        double bw = part_balanced_width(w, &st, b->in, b->nin, measure);
        double h = fl_text_at(w, 0, P->ml + (measure - bw) / 2, y, bw, &st, b->in, b->nin,
                              fl_snode(w, "P", sec));
        if (h < 0) return -1;
        y += h;
    }
    return y;
}

/* ------------------------------------------------------------ head */

static int head(poster *P, int doc)
{
    fl_writer *w = P->w;
    const lp_meta *m = &P->doc->meta;
    double bottom, h_top, sl_bottom, gap, close_gap, icon_size, icon_gap;
    const char *icon;
    lp_color bg, icon_c;
    if (!len(P, "head.bottom", &bottom) || !len(P, "head.headline-top", &h_top) ||
        !len(P, "head.strapline-bottom", &sl_bottom) || !len(P, "head.gap", &gap) ||
        !len(P, "head.close-gap", &close_gap) ||
        !len(P, "head.icon-size", &icon_size) || !len(P, "head.icon-gap", &icon_gap) ||
        !acolor(P, "head", &bg) ||
        !acolor(P, "head-icon-color", &icon_c) || !str(P, akey(P, "head-icon"), &icon))
        return -1;
    const lp_style *part = style(P, spec_str_or(P->spec, "head.partnership-style", "title", P->d), 1.0);
    const lp_style *sl = style(P, spec_str_or(P->spec, "head.strapline-style", "body", P->d), P->s);
    if (!part || !sl) return -1;
    double measure = P->W - P->ml - P->mr;

    /* The band is drawn first (under the text) and takes its height once
     * the head's text is set. */
    size_t band = w->pg->boxes.n;
    fl_rect(w, 0, 0, 0, P->W, bottom, bg, 0, -1)->bleed = true;
    if (part_partnership(w, 0, P->ml, P->mt, measure, part, doc) < 0) return -1;

    lp_inline tin = fl_inline(P->headline ? P->headline : m->title, 0);
    tin.line = P->headline ? P->headline_line : m->title_line;
    tin.col = P->headline ? P->headline_col : 1;
    part_scale sc = {P->k, 1, P->min_size, 0}; /* the headline sizes itself */
    double th = part_headline(w, 0, P->ml, h_top, measure, "head", &sc, &tin, doc);
    if (th < 0) return -1;
    double h_bottom = h_top + th;

    /* The head is as tall as its text: a headline of fewer lines than the
     * head is drawn for closes it up to close-gap above the strapline (or
     * the symbol, when that is taller), and all below moves up by as much;
     * a headline or strapline too long for it opens it as far as the
     * strapline needs. */
    bool own = m->cover && m->cover->icon;
    double sl_w = measure - icon_size - icon_gap, sh = 0;
    lp_inline sin = {0};
    if (m->subtitle) {
        sin = fl_inline_at(m->subtitle, 0, m->subtitle_line, m->subtitle_col);
        sl_w = part_balanced_width(w, sl, &sin, 1, sl_w);
        sh = fl_text_height(w, sl_w, sl, &sin, 1);
        if (sh < 0) return -1;
    }
    double block = m->subtitle ? fmin(sl_bottom - sh, sl_bottom - sh / 2 - icon_size / 2)
                               : sl_bottom - icon_size;
    P->rise = block - (h_bottom + close_gap);
    /* It opens only as far as the strapline needs to keep head.gap. */
    if (P->rise < 0) P->rise = fmin(0, (m->subtitle ? sl_bottom - sh : sl_bottom) - (h_bottom + gap));
    bottom -= P->rise;
    sl_bottom -= P->rise;
    w->pg->boxes.v[band].h = bottom;
    double icon_cy = sl_bottom - icon_size / 2;
    if (m->subtitle) {
        double top = sl_bottom - sh;
        overflow(P, h_bottom + gap - top, "the subtitle and the headline overlap in the head",
                 m->title_line, 1);
        if (fl_text_at(w, 0, P->ml, top, sl_w, sl, &sin, 1, fl_snode(w, "P", doc)) < 0) return -1;
        icon_cy = top + sh / 2;
    } else {
        overflow(P, h_bottom - sl_bottom, "the headline runs below the head", m->title_line, 1);
    }
    if (own) {
        if (!fl_picture(w, 0, m->cover, P->W - P->mr - icon_size, icon_cy - icon_size / 2, icon_size,
                        icon_size, icon_c, -1))
            return -1;
    } else if (!fl_icon(w, 0, icon, P->W - P->mr - icon_size / 2, icon_cy, icon_size, icon_c, -1,
                        spec_layout_path(P->spec), 0, 0)) {
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ messages */

/* Lays the messages out in columns, their circles in the look's picture
 * pairs in turn; returns their bottom, or -1. */
static double messages(poster *P, const part_picture *msgs, size_t n, int doc, double top)
{
    double max_lines;
    if (!num(P, "messages.lines", &max_lines)) return -1;
    const yt_node *pairs = spec_node(P->spec, akey(P, "pictures"));
    if (!pairs || pairs->kind != YT_SEQ || pairs->n == 0) {
        diag_error(P->d, spec_layout_path(P->spec), pairs ? pairs->line : 0, pairs ? pairs->col : 0,
                   "write pictures: [[tint, stroke], ...]", "'%s' must list colour pairs",
                   akey(P, "pictures"));
        return -1;
    }
    part_picture *pics = arena_alloc(P->a, (n + 1) * sizeof *pics);
    for (size_t i = 0; i < n; i++) {
        const yt_node *pr = pairs->vals[i % pairs->n];
        part_picture *p = &pics[i];
        *p = msgs[i];
        if (pr->kind != YT_SEQ || pr->n != 2 || pr->vals[0]->kind != YT_SCALAR ||
            pr->vals[1]->kind != YT_SCALAR) {
            diag_error(P->d, spec_layout_path(P->spec), pr->line, pr->col,
                       "write [tint, stroke], two colour tokens", "a picture pair must be two colours");
            return -1;
        }
        if (!spec_color_token(P->spec, pr->vals[0]->scalar, &p->tint, P->d) ||
            !spec_color_token(P->spec, pr->vals[1]->scalar, &p->stroke, P->d) ||
            edge_for(P, p->tint, "messages.edge", NULL, &p->edge, &p->stroke) != 0)
            return -1;
    }
    double lines[MAX_MESSAGES];
    bool forced[MAX_MESSAGES];
    part_scale sc = {P->k, P->s, P->min_size, 0};
    const lp_style *st = style(P, spec_str_or(P->spec, "messages.style", "body", P->d), P->s);
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

/* A card's look: the 999 card's from look.emergency, the others' in turn
 * from look.cards, each with an edge where it would not stand out. */
static int card_look(poster *P, const lp_contact *ct, size_t i, part_card_look *lk, lp_color *text,
                     lp_color *number)
{
    memset(lk, 0, sizeof *lk);
    const char *edge_role = "card-edge";
    if (ct->phone && strcmp(ct->phone, "999") == 0) {
        if (!acolor(P, "emergency.background", &lk->bg) ||
            !acolor(P, "emergency.icon", &lk->icon_color) ||
            !str(P, "cards.emergency-icon", &lk->icon))
            return -1;
        /* The emergency card may reverse its text out of a dark background. */
        const char *tk = akey(P, "emergency.text"), *nk = akey(P, "emergency.number");
        if (spec_node(P->spec, tk)) {
            if (!spec_color(P->spec, tk, text, P->d)) return -1;
            lk->text = text;
        }
        if (spec_node(P->spec, nk)) {
            if (!spec_color(P->spec, nk, number, P->d)) return -1;
            lk->number = number;
        }
        if (spec_node(P->spec, akey(P, "emergency.edge"))) edge_role = "emergency.edge";
    } else {
        const yt_node *bgs = spec_node(P->spec, akey(P, "cards"));
        if (!bgs || bgs->kind != YT_SEQ || bgs->n == 0 || bgs->vals[0]->kind != YT_SCALAR) {
            diag_error(P->d, spec_layout_path(P->spec), bgs ? bgs->line : 0, bgs ? bgs->col : 0,
                       "write cards: [token, ...]", "'%s' must list colours", akey(P, "cards"));
            return -1;
        }
        const yt_node *t = bgs->vals[i % bgs->n];
        if (t->kind != YT_SCALAR || !spec_color_token(P->spec, t->scalar, &lk->bg, P->d) ||
            !acolor(P, "card-icon", &lk->icon_color))
            return -1;
        lk->icon = ct->icon;
    }
    return edge_for(P, lk->bg, "cards.edge", edge_role, &lk->edge, &lk->edge_color);
}

/* The contact cards from `top`; returns their bottom, or -1. */
static double cards(poster *P, double top, int doc)
{
    const lp_meta *m = &P->doc->meta;
    double space;
    if (!len(P, "cards.space", &space)) return -1;
    double width = P->W - P->ml - P->mr;
    part_scale sc = {P->k, P->s, P->min_size, 0};
    int sec = m->ncontacts ? fl_snode(P->w, "Sect", doc) : -1;
    int list = m->ncontacts ? fl_list_snode(P->w, sec) : -1;
    double y = top;
    for (size_t i = 0; i < m->ncontacts; i++) {
        const lp_contact_rec *rc = m->contacts[i].rec; /* markdown.c refuses unknown keys */
        part_card_look lk;
        lp_color text, number;
        if (card_look(P, rc->ct, i, &lk, &text, &number) != 0) return -1;
        if (i) y += space;
        double short_by = 0;
        double h = part_contact_card(P->w, 0, P->ml, y, width, "cards", &sc, rc, &m->contacts[i],
                                     &lk, list, true, &short_by);
        if (h < 0) return -1;
        overflow(P, short_by,
                 arena_printf(P->a, "the number of card %zu leaves no room for its name", i + 1),
                 m->contacts[i].line, m->contacts[i].col);
        y += h;
    }
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
            : P->nparas                ? plain_body(P, doc, y)
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

/* One layout at type scale s with messages capped at caps[variant] lines
 * (part_fit_try): 1 when it fits, 0 when it does not. */
static int attempt(void *arg, double s, int variant)
{
    poster *P = arg;
    P->s = s;
    P->cap = P->caps[variant];
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
    poster P;
    memset(&P, 0, sizeof P);
    P.paras = plain->paras;
    P.nparas = plain->nparas;
    P.headline = plain->headline;
    P.headline_line = plain->headline_line;
    P.headline_col = plain->headline_col;
    fl_writer w;
    P.w = &w;
    P.spec = ctx->spec;
    P.d = ctx->diag;
    P.doc = ctx->doc;
    P.a = ctx->arena;
    P.k = 1;
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
    int nvar = 0;
    P.caps[nvar++] = lines;
    if (lines_max > lines && !P.nparas) P.caps[nvar++] = lines_max;
    P.caps[nvar] = 0; /* past min-scale: the lines a message needs */
    double s;
    int v;
    int rc = part_fit_scale(step, min_scale, nvar, attempt, &P, &s, &v);
    if (rc == 0 && !P.nparas) {
        double least = 1.0;
        while (least - step >= min_scale - 1e-9) least -= step;
        rc = attempt(&P, least, nvar);
    }
    if (rc < 0) return -1;
    if (rc > 0) return 0;
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
    poster P;
    memset(&P, 0, sizeof P);
    P.spec = ctx->spec;
    P.d = ctx->diag;
    P.doc = ctx->doc;
    P.a = ctx->arena;
    P.k = 1;
    double expect, least;
    if (!num(&P, "messages.count", &expect)) return -1;
    least = expect;
    if (spec_node(P.spec, "messages.count-min") && !num(&P, "messages.count-min", &least))
        return -1;
    if (least < 1 || least > expect) least = expect;
    part_picture msgs[MAX_MESSAGES];
    int n = 0;
    bool plain = !has_messages(P.doc);
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
