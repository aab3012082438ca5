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
/* Halvings when searching for a balanced measure (width / 2^12 is far
 * below a point). */
#define BALANCE_STEPS 12

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
    /* How far the head closes up this pass (the strapline, the head's
     * bottom and all below move up by it), and how far it could: the room a
     * headline leaves when it takes fewer lines than the head is drawn for.
     * `vover` is this pass's overflow into the footer alone. */
    double rise, room, vover;
    size_t long_msg;
    double long_lines;
    int long_line, long_col;
} poster;

/* A message: the picture and the text after it. */
typedef struct message {
    const lp_inline *image;
    lp_inline *in;
    size_t nin;
    int line, col;
} message;

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

/* A poster style at this edition's scale and the current type scale, never
 * below the audience's smallest size. */
static const lp_style *style(poster *P, const char *name, double type_scale)
{
    const lp_style *base = fl_fixed_style(P->w, name);
    if (!base) return NULL;
    lp_style *st = arena_alloc(P->a, sizeof *st);
    *st = *base;
    double size = base->size * P->k * type_scale;
    if (size < P->min_size && base->size >= P->min_size) size = P->min_size;
    if (base->size < P->min_size) size = base->size;
    double f = size / base->size;
    st->size = size;
    st->leading = base->leading * f;
    st->space_before = base->space_before * f;
    st->space_after = base->space_after * f;
    return st;
}

/* The narrowest width at most `width` that sets the text in no more lines:
 * short centred or ragged blocks then break by balance, not by greed. */
static double balanced_width(poster *P, const lp_style *st, const lp_inline *in, size_t nin,
                             double width)
{
    double full = fl_text_height(P->w, width, st, in, nin);
    if (full < 0 || full <= st->leading + EPS) return width;
    double lo = width / 2, hi = width;
    for (int i = 0; i < BALANCE_STEPS; i++) {
        double mid = (lo + hi) / 2;
        double h = fl_text_height(P->w, mid, st, in, nin);
        if (h < 0 || h > full + EPS || fl_text_forced(P->w, mid, st, in, nin)) lo = mid;
        else hi = mid;
    }
    return hi;
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

/* A rounded background, inside its edge when it has one. */
static void edged_rect(poster *P, double x, double y, double bw, double bh, lp_color bg,
                       double radius, double edge, lp_color edge_c)
{
    if (edge > 0) {
        fl_rect(P->w, 0, x, y, bw, bh, edge_c, radius, -1);
        x += edge;
        y += edge;
        bw -= 2 * edge;
        bh -= 2 * edge;
        radius = radius > edge ? radius - edge : 0;
    }
    fl_rect(P->w, 0, x, y, bw, bh, bg, radius, -1);
}

/* ------------------------------------------------------------ messages */

/* The body must be paragraphs that each start with a picture: those are
 * the messages.  Returns how many (into msgs, at most max), or -1. */
static int collect_messages(poster *P, message *msgs, size_t max)
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
            message *m = &msgs[n];
            m->image = img;
            m->line = b->line;
            m->col = b->col;
            m->nin = 0;
            m->in = arena_alloc(P->a, (b->nin + 1) * sizeof *m->in);
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
                m->in[m->nin++] = in;
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
static double plain_body(poster *P, int doc)
{
    fl_writer *w = P->w;
    double top;
    if (!len(P, "messages.top", &top)) return -1;
    top -= P->rise;
    const lp_style *base = style(P, "poster-message", P->s);
    if (!base) return -1;
    lp_style st = *base;
    st.align = ALIGN_CENTER;
    double measure = P->W - P->ml - P->mr;
    double y = top;
    int sec = fl_snode(w, "Sect", doc);
    for (size_t i = 0; i < P->nparas; i++) {
        const lp_block *b = P->paras[i];
        if (i) y += st.leading / 2;
        double bw = balanced_width(P, &st, b->in, b->nin, measure);
        double h = fl_text_at(w, 0, P->ml + (measure - bw) / 2, y, bw, &st, b->in, b->nin,
                              fl_snode(w, "P", sec));
        if (h < 0) return -1;
        y += h;
    }
    return y;
}

/* ------------------------------------------------------------ head */

/* The headline's size: the largest between the layout's bounds whose
 * longest line fills at most `fill` of the measure in the lines allowed,
 * and at least `fill-min` of it: a short headline ("Could it be CSE?")
 * that would fill only 60 % in two lines at the largest size is set on one
 * line that fills the measure.  When no size fills fill-min (a one-word
 * headline), the largest that fits. */
static int headline_style(poster *P, const lp_inline *tin, double measure, lp_style *out,
                          double *out_w, bool *one_line)
{
    *one_line = false;
    double min, step, fill, fill_min, lines;
    if (!spec_len(P->spec, "head.headline-min", &min, P->d) ||
        !spec_len(P->spec, "head.headline-step", &step, P->d) || !num(P, "head.fill", &fill) ||
        !num(P, "head.fill-min", &fill_min) || !num(P, "head.headline-lines", &lines))
        return -1;
    bool have = false;
    lp_style fits = {0};
    double fits_w = 0;
    const lp_style *base = style(P, "poster-headline", 1.0);
    if (!base) return -1;
    min *= P->k;
    if (min < P->min_size) min = P->min_size;
    if (step <= 0) step = 1;
    double ratio = base->leading / base->size;
    size_t best_lines = 0;
    for (double size = base->size;; size -= step * P->k) {
        bool last = size <= min + EPS;
        if (last) size = min;
        lp_style st = *base;
        st.size = size;
        st.leading = size * ratio;
        /* The smallest size may use the whole measure. */
        double width = last ? measure : fill * measure;
        lb_para p;
        if (lb_set_paragraph(P->a, P->w->ctx->fonts, tin, 1, &st, &width, 1, false,
                             P->doc->path, &p, P->d) != 0)
            return -1;
        /* The ragged breaker may balance a headline over two lines that
         * one line would hold: measure that line too. */
        double whole = fonts_width(P->w->ctx->fonts, st.face[0], tin->text, strlen(tin->text),
                                   st.size, st.tracking * st.size);
        if (whole <= width + EPS && whole >= fill_min * measure - EPS) {
            *out = st;
            *out_w = width;
            *one_line = true;
            return 0;
        }
        if ((double)p.nlines <= lines + EPS && !p.overfull) {
            /* The lines as they will be set: balanced. */
            double bw = balanced_width(P, &st, tin, 1, width);
            lb_para q;
            if (lb_set_paragraph(P->a, P->w->ctx->fonts, tin, 1, &st, &bw, 1, false, P->doc->path,
                                 &q, P->d) != 0)
                return -1;
            double longest = 0;
            for (size_t l = 0; l < q.nlines; l++) longest = fmax(longest, q.lines[l].width);
            if (longest >= fill_min * measure - EPS) {
                *out = st;
                *out_w = width;
                return 0;
            }
            if (!have) fits = st, fits_w = width, have = true;
        }
        if (last) {
            if (have) {
                *out = fits;
                *out_w = fits_w;
                return 0;
            }
            best_lines = p.nlines;
            break;
        }
    }
    diag_error(P->d, P->doc->path, P->doc->meta.title_line, 1,
               "shorten the title: the headline is at most two lines",
               "the title needs %zu lines at the smallest headline size (%.0f pt); the poster "
               "takes %.0f",
               best_lines, min, lines);
    return -1;
}

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
    const lp_style *part = style(P, "poster-partnership", 1.0);
    const lp_style *sl = style(P, "poster-strapline", P->s);
    if (!part || !sl) return -1;
    double measure = P->W - P->ml - P->mr;
    bottom -= P->rise;
    sl_bottom -= P->rise;

    lp_box *b = fl_rect(w, 0, 0, 0, P->W, bottom, bg, 0, -1);
    b->bleed = true;
    if (part_partnership(w, 0, P->ml, P->mt, measure, part, doc) < 0) return -1;

    lp_inline tin = fl_inline(P->headline ? P->headline : m->title, 0);
    tin.line = P->headline ? P->headline_line : m->title_line;
    tin.col = P->headline ? P->headline_col : 1;
    lp_style hl;
    double hw;
    bool one_line;
    if (headline_style(P, &tin, measure, &hl, &hw, &one_line) != 0) return -1;
    if (one_line) tin.nobreak = true; /* set whole, filling the measure */
    else hw = balanced_width(P, &hl, &tin, 1, hw);
    double th = fl_text_at(w, 0, P->ml, h_top, hw, &hl, &tin, 1, fl_snode(w, "H1", doc));
    if (th < 0) return -1;
    double h_bottom = h_top + th;

    /* The symbol: the document's own picture, or the audience's. */
    bool own = m->cover && m->cover->icon;
    double sl_w = measure - icon_size - icon_gap;
    double icon_cy = sl_bottom - icon_size / 2;
    if (m->subtitle) {
        lp_inline sin = fl_inline_at(m->subtitle, 0, m->subtitle_line, m->subtitle_col);
        sl_w = balanced_width(P, sl, &sin, 1, sl_w);
        double sh = fl_text_height(w, sl_w, sl, &sin, 1);
        if (sh < 0) return -1;
        double top = sl_bottom - sh;
        overflow(P, h_bottom + gap - top, "the subtitle and the headline overlap in the head",
                 m->title_line, 1);
        double block = fmin(top, top + sh / 2 - icon_size / 2);
        P->room = P->rise + block - (h_bottom + close_gap);
        if (fl_text_at(w, 0, P->ml, top, sl_w, sl, &sin, 1, fl_snode(w, "P", doc)) < 0) return -1;
        icon_cy = top + sh / 2;
    } else {
        overflow(P, h_bottom - sl_bottom, "the headline runs below the head", m->title_line, 1);
        P->room = P->rise + sl_bottom - icon_size - (h_bottom + close_gap);
    }
    if (P->room < 0) P->room = 0;
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

/* Lays the messages out in columns; returns their bottom, or -1. */
static double messages(poster *P, const message *msgs, size_t n, int doc)
{
    fl_writer *w = P->w;
    double top, gutter, circle, symbol, gap, max_lines;
    if (!len(P, "messages.top", &top) || !len(P, "messages.gutter", &gutter) ||
        !len(P, "messages.circle", &circle) || !len(P, "messages.symbol", &symbol) ||
        !len(P, "messages.gap", &gap) || !num(P, "messages.lines", &max_lines))
        return -1;
    top -= P->rise;
    const lp_style *st = style(P, "poster-message", P->s);
    if (!st) return -1;
    const yt_node *pairs = spec_node(P->spec, akey(P, "pictures"));
    if (!pairs || pairs->kind != YT_SEQ || pairs->n == 0) {
        diag_error(P->d, spec_layout_path(P->spec), pairs ? pairs->line : 0, pairs ? pairs->col : 0,
                   "write pictures: [[tint, stroke], ...]", "'%s' must list colour pairs",
                   akey(P, "pictures"));
        return -1;
    }
    double colw = (P->W - P->ml - P->mr - gutter * (double)(n - 1)) / (double)n;
    double bottom = top + circle;
    int sec = fl_snode(w, "Sect", doc);
    for (size_t i = 0; i < n; i++) {
        const message *m = &msgs[i];
        const yt_node *pr = pairs->vals[i % pairs->n];
        lp_color tint, stroke;
        if (pr->kind != YT_SEQ || pr->n != 2 || pr->vals[0]->kind != YT_SCALAR ||
            pr->vals[1]->kind != YT_SCALAR) {
            diag_error(P->d, spec_layout_path(P->spec), pr->line, pr->col,
                       "write [tint, stroke], two colour tokens", "a picture pair must be two colours");
            return -1;
        }
        if (!spec_color_token(P->spec, pr->vals[0]->scalar, &tint, P->d) ||
            !spec_color_token(P->spec, pr->vals[1]->scalar, &stroke, P->d))
            return -1;
        double x = P->ml + (double)i * (colw + gutter);
        double cx = x + colw / 2;
        double bw = balanced_width(P, st, m->in, m->nin, colw);
        double mh = fl_text_height(w, bw, st, m->in, m->nin);
        if (mh < 0) return -1;
        /* The message's column: its picture over its words. */
        int column = fl_frame_enter(w, 0, x, top, colw,
                                    circle + gap + fmax(mh, max_lines * st->leading),
                                    "message column", m->line, m->col);
        double edge;
        if (edge_for(P, tint, "messages.edge", NULL, &edge, &stroke) != 0) return -1;
        edged_rect(P, cx - circle / 2, top, circle, circle, tint, circle / 2, edge, stroke);
        int fig = fl_snode(w, "Figure", sec);
        lp_box *ic = fl_picture(w, 0, m->image->pic, cx - symbol / 2, top + (circle - symbol) / 2,
                                symbol, symbol, stroke, fig);
        if (!ic) return -1;
        const char *alt = m->image->text && *m->image->text ? m->image->text : NULL;
        ic->alt = alt;
        if (fig >= 0) w->pg->snodes.v[fig].alt = alt;
        double h = fl_text_at(w, 0, x + (colw - bw) / 2, top + circle + gap, bw, st, m->in,
                              m->nin, fl_snode(w, "P", sec));
        if (h < 0) return -1;
        fl_frame_leave(w, column);
        double lines = h / st->leading;
        if (P->cap > 0 && lines > P->cap + EPS)
            overflow(P, h - P->cap * st->leading,
                     arena_printf(P->a, "message %zu runs to %.0f lines (%.0f at most)", i + 1,
                                  lines, P->cap),
                     m->line, m->col);
        if (lines > max_lines + EPS && lines > P->long_lines + EPS) {
            P->long_msg = i + 1;
            P->long_lines = lines;
            P->long_line = m->line;
            P->long_col = m->col;
        }
        double used = top + circle + gap + (lines < max_lines ? max_lines : lines) * st->leading;
        if (used > bottom) bottom = used;
    }
    return bottom;
}

/* ------------------------------------------------------------ cards */

typedef struct card {
    const lp_contact_rec *rc;
    const lp_contact *ct;
    bool emergency;
    const char *icon;
    lp_color bg, icon_c, edge_c;
    double edge; /* the rule round a card that would not stand out from the page (0: none) */
    lp_style name, note, number;
    const char *numtext, *url;
    /* How the name, note and number share the card: */
    enum {
        CARD_BESIDE, /* name and note beside the number, centred on the card */
        CARD_ACROSS, /* the name across the card, the note beside the number */
        CARD_UNDER   /* the name beside the number, the note across under both */
    } arr;
    double text_w, name_w, note_w, num_w, name_h, note_h, h;
    /* The whole text width (icon to the card's padding), and the widest
     * line of the name and of the note as set. */
    double full, name_wide, note_wide;
    const lp_keyref *key; /* where contacts: names it */
    lp_inline note_in[2]; /* its note, warned about at the key */
    size_t nnote;
} card;

/* The widest line of the text as set in `width`. */
static double widest_line(poster *P, const lp_style *st, const lp_inline *in, size_t n,
                          double width)
{
    lb_para p;
    if (n == 0) return 0;
    if (lb_set_paragraph(P->a, P->w->ctx->fonts, in, n, st, &width, 1, false, P->doc->path, &p,
                         P->d) != 0)
        return width;
    double wide = 0;
    for (size_t l = 0; l < p.nlines; l++) wide = fmax(wide, p.lines[l].width);
    return wide;
}

/* The space above the first line and below the last that a line box holds
 * over its type: padding is measured to the type, as the mock-up's. */
static double half_leading(const lp_style *st) { return (st->leading - st->size) / 2; }

/* Most inlines a card's note is split into (sentences and breaks). */
#define MAX_NOTE 16

/* The card's note, with the contact's warning after it in bold; when
 * `sentences`, each sentence after the first starts a new line. */
static size_t note_inlines(poster *P, const card *c, lp_inline in[MAX_NOTE], bool sentences)
{
    const lp_inline *raw = c->note_in;
    size_t n = c->nnote, k = 0;
    for (size_t i = 0; i < n; i++) {
        lp_inline x = raw[i];
        if (k && raw[i - 1].kind == IN_TEXT && sentences) {
            const char *prev = raw[i - 1].text;
            size_t pl = strlen(prev);
            while (pl && prev[pl - 1] == ' ') pl--;
            if (pl && strchr(".!?", prev[pl - 1]) && k + 1 < MAX_NOTE)
                in[k++] = (lp_inline){.kind = IN_LINEBREAK, .line = x.line, .col = x.col};
        }
        if (x.kind != IN_TEXT || !sentences) {
            if (k < MAX_NOTE) in[k++] = x;
            continue;
        }
        /* ". " before a capital: the end of a sentence. */
        const char *t = x.text;
        for (const char *q = t; *q && k + 2 < MAX_NOTE; q++)
            if (strchr(".!?", *q) && q[1] == ' ' && q[2] >= 'A' && q[2] <= 'Z') {
                lp_inline part = x;
                part.text = arena_printf(P->a, "%.*s", (int)(q + 1 - t), t);
                in[k++] = part;
                in[k++] = (lp_inline){.kind = IN_LINEBREAK, .line = x.line, .col = x.col};
                t = q + 2;
            }
        if (*t && k < MAX_NOTE) {
            x.text = t;
            in[k++] = x;
        }
    }
    return k;
}

/* The note as set: a sentence a line when the note wraps anyway and that
 * takes no more lines; else as it runs. */
static size_t card_note(poster *P, const card *c, const lp_style *st, double width,
                        lp_inline in[MAX_NOTE], double *h)
{
    size_t n = note_inlines(P, c, in, false);
    *h = n ? fl_text_height(P->w, width, st, in, n) : 0;
    if (*h < 0 || *h <= st->leading + EPS) return n;
    lp_inline s[MAX_NOTE];
    size_t ns = note_inlines(P, c, s, true);
    double hs = fl_text_height(P->w, width, st, s, ns);
    if (ns > n && hs >= 0 && hs <= *h + EPS) {
        memcpy(in, s, ns * sizeof *s);
        *h = hs;
        return ns;
    }
    return n;
}

/* Where a card's name, note and number go (the tops of their line boxes,
 * from the card's top) and the card's height, for its arrangement.  The
 * padding is measured to the type (the em box), and rows stacked one under
 * the other are a line apart: from one row's baseline to the next row's cap
 * height, the leading of the smaller type less its cap height, or more
 * where the upper row's descenders would meet the lower row's ascenders. */
/* The least distance from the baseline of a line in `up` to the cap height
 * of a line in `low` under it: `gap` between the one's descenders and the
 * other's capitals, and their type boxes (ascender to descender) sharing at
 * most a quarter of the shallower one's depth, as lines set close do. */
static double clearance(const lp_fonts *f, const lp_style *up, const lp_style *low, double gap)
{
    double d_up = -fonts_descender(f, up->face[0], up->size);
    double a_low = fonts_ascender(f, low->face[0], low->size);
    double c_low = fonts_cap_height(f, low->face[0], low->size);
    double box_up = fonts_ascender(f, up->face[0], up->size) + d_up;
    double box_low = a_low - fonts_descender(f, low->face[0], low->size);
    return fmax(d_up + gap, d_up + a_low - c_low - 0.25 * fmin(box_up, box_low));
}

typedef struct card_geom {
    double name_y, note_y, num_y, h;
} card_geom;

static card_geom card_geometry(const poster *P, const card *c, double pad, double icon_size,
                               double text_gap)
{
    const lp_fonts *f = P->w->ctx->fonts;
    const lp_style *nm = &c->name, *nt = &c->note, *nb = &c->number;
    double cap_nm = fonts_cap_height(f, nm->face[0], nm->size);
    double cap_nt = fonts_cap_height(f, nt->face[0], nt->size);
    double cap_nb = fonts_cap_height(f, nb->face[0], nb->size);
    /* Line box top to cap height (and baseline to line box bottom). */
    double sl_nm = (nm->leading - cap_nm) / 2, sl_nt = (nt->leading - cap_nt) / 2,
           sl_nb = (nb->leading - cap_nb) / 2;
    bool note = c->note_h > 0;
    /* Cap height of the first line to the baseline of the last. */
    double vis_nm = c->name_h - 2 * sl_nm, vis_nt = note ? c->note_h - 2 * sl_nt : 0;
    card_geom g;
    double bottom;
    if (c->arr == CARD_BESIDE) {
        double th = c->name_h + (note ? text_gap + c->note_h : 0);
        double vis = th - half_leading(nm) - half_leading(note ? nt : nm);
        double inner = vis > nb->size ? vis : nb->size;
        if (inner < icon_size) inner = icon_size;
        g.h = inner + 2 * pad;
        g.name_y = (g.h - vis) / 2 - half_leading(nm);
        g.note_y = g.name_y + c->name_h + text_gap;
        g.num_y = (g.h - nb->leading) / 2;
        return g;
    }
    if (c->arr == CARD_ACROSS) {
        g.name_y = pad - half_leading(nm);
        double base = g.name_y + c->name_h - sl_nm;
        /* A line apart, and never so close that the name's descenders
         * meet the ascenders below. */
        double low_top = base + nm->leading - (cap_nm > cap_nt ? cap_nm : cap_nt);
        bool over_num = c->name_wide > c->full - c->num_w;
        double clear = fmax(clearance(f, nm, nt, text_gap),
                            over_num ? clearance(f, nm, nb, text_gap) : 0);
        if (low_top < base + clear) low_top = base + clear;
        double low = vis_nt > cap_nb ? vis_nt : cap_nb;
        g.num_y = low_top + (low - cap_nb) / 2 - sl_nb;
        g.note_y = low_top + (low - vis_nt) / 2 - sl_nt;
        bottom = g.num_y + nb->leading - half_leading(nb);
        if (note && g.note_y + c->note_h - half_leading(nt) > bottom)
            bottom = g.note_y + c->note_h - half_leading(nt);
    } else {
        /* The name and the number side by side, centred on each other. */
        double row = vis_nm > cap_nb ? vis_nm : cap_nb;
        const lp_style *tall = vis_nm > cap_nb ? nm : nb;
        double cap_top = pad + (tall->size - (tall == nm ? cap_nm : cap_nb)) / 2;
        g.name_y = cap_top + (row - vis_nm) / 2 - sl_nm;
        g.num_y = cap_top + (row - cap_nb) / 2 - sl_nb;
        double gap = nt->leading - cap_nt;
        double clear = clearance(f, nm, nt, text_gap);
        g.note_y = cap_top + row + (gap > clear ? gap : clear) - sl_nt;
        bottom = g.num_y + nb->leading - half_leading(nb);
        if (g.name_y + c->name_h - half_leading(nm) > bottom)
            bottom = g.name_y + c->name_h - half_leading(nm);
        if (note) bottom = g.note_y + c->note_h - half_leading(nt);
    }
    g.h = bottom + pad;
    if (g.h < icon_size + 2 * pad) g.h = icon_size + 2 * pad;
    return g;
}

/* Resolves one card's colours, styles, arrangement and size. */
static int card_prepare(poster *P, card *c, size_t i, double width)
{
    double pad, icon_size, icon_gap, text_gap;
    const char *em_icon;
    if (!len(P, "cards.padding", &pad) || !len(P, "cards.icon-size", &icon_size) ||
        !len(P, "cards.icon-gap", &icon_gap) || !len(P, "cards.text-gap", &text_gap) ||
        !str(P, "cards.emergency-icon", &em_icon))
        return -1;
    const lp_style *nm = style(P, "poster-contact-name", P->s);
    const lp_style *nt = style(P, "poster-contact-note", P->s);
    const lp_style *nb = style(P, "poster-contact-number", P->s);
    if (!nm || !nt || !nb) return -1;
    c->name = *nm;
    c->note = *nt;
    c->number = *nb;
    const lp_contact *ct = c->ct;
    c->emergency = ct->phone && strcmp(ct->phone, "999") == 0;
    if (c->emergency) {
        if (!acolor(P, "emergency.background", &c->bg) || !acolor(P, "emergency.icon", &c->icon_c))
            return -1;
        /* The emergency card may reverse its text out of a dark background. */
        const char *tk = akey(P, "emergency.text"), *nk = akey(P, "emergency.number");
        lp_color tc;
        if (spec_node(P->spec, tk)) {
            if (!spec_color(P->spec, tk, &tc, P->d)) return -1;
            c->name.color = c->name.strong = c->name.link = c->name.number = tc;
            c->note.color = c->note.strong = c->note.link = c->note.number = tc;
            c->number.color = c->number.strong = c->number.link = c->number.number = tc;
        }
        if (spec_node(P->spec, nk)) {
            /* numbers to call take the style's number colour: this one too */
            if (!spec_color(P->spec, nk, &tc, P->d)) return -1;
            c->number.color = c->number.strong = c->number.link = c->number.number = tc;
        }
        c->icon = em_icon;
    } else {
        const yt_node *bgs = spec_node(P->spec, akey(P, "cards"));
        if (!bgs || bgs->kind != YT_SEQ || bgs->n == 0 || bgs->vals[0]->kind != YT_SCALAR) {
            diag_error(P->d, spec_layout_path(P->spec), bgs ? bgs->line : 0, bgs ? bgs->col : 0,
                       "write cards: [token, ...]", "'%s' must list colours", akey(P, "cards"));
            return -1;
        }
        const yt_node *t = bgs->vals[i % bgs->n];
        if (t->kind != YT_SCALAR || !spec_color_token(P->spec, t->scalar, &c->bg, P->d)) return -1;
        if (!acolor(P, "card-icon", &c->icon_c)) return -1;
        c->icon = ct->icon;
        if (!c->icon) {
            diag_error(P->d, P->w->ctx->contacts->path, ct->line, ct->col,
                       "give the contact an icon: field (a Lucide name)",
                       "contact '%s' has no icon for its poster card", ct->key);
            return -1;
        }
    }
    const char *edge_role = c->emergency && spec_node(P->spec, akey(P, "emergency.edge"))
                                ? "emergency.edge"
                                : "card-edge";
    if (edge_for(P, c->bg, "cards.edge", edge_role, &c->edge, &c->edge_c) != 0) return -1;
    c->numtext = c->rc->reach;
    c->url = c->rc->reach_url;
    if (!c->numtext) {
        diag_error(P->d, P->w->ctx->contacts->path, ct->line, ct->col, NULL,
                   "contact '%s' has nothing to print on a card", ct->key);
        return -1;
    }
    const lp_fonts *fonts = P->w->ctx->fonts;
    c->num_w = fonts_width(fonts, c->number.face[0], c->numtext, strlen(c->numtext),
                           c->number.size, c->number.tracking * c->number.size);
    double full = width - 2 * pad - icon_size - icon_gap;
    c->text_w = full - icon_gap - c->num_w;
    double min_text = width / 4;
    if (c->text_w < min_text) {
        overflow(P, min_text - c->text_w,
                 arena_printf(P->a, "the number of card %zu leaves no room for its name", i + 1),
                 P->doc->meta.contacts[i].line, P->doc->meta.contacts[i].col);
        c->text_w = min_text;
    }
    c->nnote = c->rc->nnote < 2 ? c->rc->nnote : 2;
    for (size_t k = 0; k < c->nnote; k++) {
        c->note_in[k] = c->rc->note_in[k];
        c->note_in[k].line = c->key->line;
        c->note_in[k].col = c->key->col;
        c->note_in[k].elsewhere = true;
    }
    lp_inline in = fl_inline_at(ct->name, 0, c->key->line, c->key->col);
    lp_inline note[MAX_NOTE];
    double note_h;
    size_t nn = card_note(P, c, &c->note, c->text_w, note, &note_h);
    if (note_h < 0) return -1;
    /* Beside the number: a name that wraps is balanced, so that it breaks
     * by sense ("Multi Agency / Safeguarding Hub"), not after one word. */
    c->full = full;
    card beside = *c, across = *c, under = *c;
    beside.arr = CARD_BESIDE;
    beside.name_w = balanced_width(P, &c->name, &in, 1, c->text_w);
    beside.name_h = fl_text_height(P->w, beside.name_w, &c->name, &in, 1);
    beside.note_w = c->text_w;
    beside.note_h = nn ? note_h : 0;
    if (beside.name_h < 0) return -1;
    beside.h = card_geometry(P, &beside, pad, icon_size, text_gap).h;
    /* Across: the name over the whole card, the note beside the number. */
    across.arr = CARD_ACROSS;
    across.name_w = balanced_width(P, &c->name, &in, 1, full);
    across.name_h = fl_text_height(P->w, across.name_w, &c->name, &in, 1);
    across.note_w = c->text_w;
    across.note_h = beside.note_h;
    if (across.name_h < 0) return -1;
    across.name_wide = widest_line(P, &c->name, &in, 1, across.name_w);
    across.h = card_geometry(P, &across, pad, icon_size, text_gap).h;
    /* Under: the name beside the number, the note across under both. */
    under.arr = CARD_UNDER;
    under.name_w = beside.name_w;
    under.name_h = beside.name_h;
    under.note_w = full;
    nn = card_note(P, c, &c->note, full, note, &under.note_h);
    if (under.note_h < 0) return -1;
    if (!nn) under.note_h = 0;
    under.note_wide = widest_line(P, &c->note, note, nn, full);
    under.h = card_geometry(P, &under, pad, icon_size, text_gap).h;
    /* A note that would run on under the number is not set there: the
     * number's line and the note's would read as one. */
    bool under_ok = under.note_wide <= full - c->num_w - icon_gap;
    /* The shortest; the mock-up's (beside) when it is no taller. */
    *c = beside;
    if (across.h < c->h - EPS) *c = across;
    if (under_ok && under.h < c->h - EPS) *c = under;
    return 0;
}

static int card_place(poster *P, const card *c, double top, double width, double radius, int list)
{
    fl_writer *w = P->w;
    double pad, icon_size, icon_gap, text_gap;
    if (!len(P, "cards.padding", &pad) || !len(P, "cards.icon-size", &icon_size) ||
        !len(P, "cards.icon-gap", &icon_gap) || !len(P, "cards.text-gap", &text_gap))
        return -1;
    /* The card, and inside it the words beside the icon and the number:
     * each a frame nothing may leave. */
    int outer = fl_frame_enter(w, 0, P->ml, top, width, c->h, "contact card", c->key->line,
                               c->key->col);
    edged_rect(P, P->ml, top, width, c->h, c->bg, radius, c->edge, c->edge_c);
    if (!fl_icon(w, 0, c->icon, P->ml + pad + icon_size / 2, top + c->h / 2, icon_size, c->icon_c,
                 -1, P->w->ctx->contacts->path, c->ct->line, c->ct->col))
        return -1;
    /* Each card is an item of the list of contacts. */
    int div = fl_item_snode(w, list);
    lp_inline in = fl_inline_at(c->ct->name, 0, c->key->line, c->key->col);
    double x = P->ml + pad + icon_size + icon_gap;
    lp_inline note[MAX_NOTE];
    double note_h;
    size_t nn = card_note(P, c, &c->note, c->note_w, note, &note_h);
    if (note_h < 0) return -1;
    lp_inline numin = fl_inline_at(c->numtext, 0, c->key->line, c->key->col);
    numin.nobreak = true;
    numin.url = c->url;
    /* Right-aligned in a box a little wider than the number, so rounding
     * never wraps it. */
    double box_w = c->num_w + icon_gap;
    double num_x = P->ml + width - pad - box_w;
    card_geom g = card_geometry(P, c, pad, icon_size, text_gap);
    int cell = fl_frame_enter(w, 0, x, top, c->full, c->h, "card's name and note", c->key->line,
                              c->key->col);
    if (fl_text_at(w, 0, x, top + g.name_y, c->name_w, &c->name, &in, 1, fl_snode(w, "P", div)) < 0)
        return -1;
    if (nn && fl_text_at(w, 0, x, top + g.note_y, c->note_w, &c->note, note, nn,
                         fl_snode(w, "P", div)) < 0)
        return -1;
    fl_frame_leave(w, cell);
    cell = fl_frame_enter(w, 0, num_x, top, box_w, c->h, "card's number", c->key->line, c->key->col);
    if (fl_text_at(w, 0, num_x, top + g.num_y, box_w, &c->number, &numin, 1, fl_snode(w, "P", div)) < 0)
        return -1;
    fl_frame_leave(w, cell);
    fl_frame_leave(w, outer);
    return 0;
}

/* The contact cards from `top`; returns their bottom, or -1. */
static double cards(poster *P, double top, int doc)
{
    const lp_meta *m = &P->doc->meta;
    double space, radius;
    if (!len(P, "cards.space", &space) || !len(P, "cards.radius", &radius)) return -1;
    double width = P->W - P->ml - P->mr;
    card *cs = arena_alloc(P->a, (m->ncontacts + 1) * sizeof *cs);
    for (size_t i = 0; i < m->ncontacts; i++) {
        cs[i].rc = m->contacts[i].rec; /* markdown.c refuses unknown keys */
        cs[i].key = &m->contacts[i];
        cs[i].ct = cs[i].rc->ct;
        if (card_prepare(P, &cs[i], i, width) != 0) return -1;
    }
    int sec = m->ncontacts ? fl_snode(P->w, "Sect", doc) : -1;
    int list = m->ncontacts ? fl_list_snode(P->w, sec) : -1;
    double y = top;
    for (size_t i = 0; i < m->ncontacts; i++) {
        if (i) y += space;
        if (card_place(P, &cs[i], y, width, radius, list) != 0) return -1;
        y += cs[i].h;
    }
    return y;
}

/* ------------------------------------------------------------ footer */

/* The QR code and its prompt at the foot; returns the footer's top, or -1. */
static double footer(poster *P, double qr_min, int doc)
{
    fl_writer *w = P->w;
    const lp_meta *m = &P->doc->meta;
    double qr, gap;
    const char *prompt, *partnership;
    lp_color qr_c;
    if (!len(P, "footer.qr", &qr) || !len(P, "footer.gap", &gap) ||
        !str(P, "footer.prompt", &prompt) || !spec_color(P->spec, "footer.qr-color", &qr_c, P->d))
        return -1;
    partnership = P->w->ctx->partnership->name;
    if (qr < qr_min) qr = qr_min;
    const lp_style *ft = style(P, "poster-footer-title", P->s);
    const lp_style *fp = style(P, "poster-footer", P->s);
    if (!ft || !fp) return -1;
    double bottom = P->H - P->mb;
    double x = P->ml, tw = P->W - P->ml - P->mr;
    if (m->source) {
        x += qr + gap;
        tw -= qr + gap;
    }
    lp_inline l1[3];
    size_t n1 = m->source ? fl_fill_link(P->a, prompt, "host", fl_url_domain(P->a, m->source),
                                         m->source, l1)
                          : 0;
    lp_inline l2 = fl_inline(partnership, 0);
    double h1 = m->source ? fl_text_height(w, tw, ft, l1, n1) : 0;
    double h2 = fl_text_height(w, tw, fp, &l2, 1);
    if (h1 < 0 || h2 < 0) return -1;
    double block = m->source && qr > h1 + h2 ? qr : h1 + h2;
    double top = bottom - block;
    double ty = top + (block - h1 - h2) / 2;
    int sn = fl_snode(w, "P", doc);
    if (m->source) {
        if (fl_text_at(w, 0, x, ty, tw, ft, l1, n1, sn) < 0) return -1;
        fl_qr(w, 0, P->ml, top + (block - qr) / 2, qr, qr_c, m->source, doc);
    }
    if (fl_text_at(w, 0, x, ty + h1, tw, fp, &l2, 1, sn) < 0) return -1;
    return top;
}

/* ------------------------------------------------------------ driver */

/* One pass at type scale P->s.  Sets P->over when something did not fit. */
static int layout_once(poster *P, const message *msgs, size_t n, double qr_min)
{
    fl_writer *w = P->w;
    double gap, fgap;
    if (!len(P, "cards.gap", &gap) || !len(P, "footer.gap", &fgap)) return -1;
    int doc = fl_snode(w, "Document", -1);
    w->doc_snode = doc;
    w->pg->npages = 1;
    if (head(P, doc) != 0) return -1;
    double y = P->nparas ? plain_body(P, doc) : messages(P, msgs, n, doc);
    if (y < 0) return -1;
    double cards_bottom = cards(P, y + gap, doc);
    if (cards_bottom < 0) return -1;
    double ftop = footer(P, qr_min, doc);
    if (ftop < 0) return -1;
    P->vover = cards_bottom + fgap - ftop;
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

static int edition(const lp_flow_ctx *ctx, const poster *plain, const char *key,
                   const message *msgs, size_t n, lp_pages *pg)
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
    int errors = P.d->errors;
    /* The largest type that fits, DESIGN.md's sizes first.  At each size:
     * the grid as drawn with every message within messages.lines; then the
     * head closed up by the room a one-line headline leaves, as far as the
     * cards need; then both again letting a message run to lines-max (a
     * third line at full size reads better than every word smaller).  Only
     * when nothing fits at min-scale does a message take the lines it needs,
     * at min-scale (the fewest lines); then the page is the limit. */
    double least = 1.0;
    while (least - step >= min_scale - 1e-9) least -= step;
    for (int tier = 0; tier < 2; tier++) {
        if (tier && P.nparas) break; /* plain text has no line preference */
        for (P.s = tier ? least : 1.0;; P.s -= step) {
            for (int pass = 0; pass < 4; pass++) {
                P.cap = tier ? 0 : pass < 2 ? lines : lines_max;
                if (!tier && pass >= 2 && (lines_max <= lines || P.nparas)) break;
                if (tier && pass >= 2) break;
                bool close = pass % 2 == 1;
                if (close && (P.room <= EPS || P.vover <= EPS)) continue;
                P.rise = close ? fmin(P.room, P.vover) : 0;
                pg->boxes.n = 0;
                pg->snodes.n = 0;
                pg->npages = 0;
                fl_init(&w, ctx, pg);
                P.over = 0;
                P.vover = 0;
                P.long_msg = 0;
                P.long_lines = 0;
                if (layout_once(&P, msgs, n, qr_min) != 0 || P.d->errors > errors) return -1;
                if (P.over <= EPS) return 0;
            }
            if (P.s - step < min_scale - 1e-9) break;
        }
    }
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
    message msgs[MAX_MESSAGES];
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
