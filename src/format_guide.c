/* format_guide.c — the one-minute guide: an A4 sheet (one or two sides)
 * with a title band, statutory definitions across both columns, two
 * columns of sections, a key-contacts strip and a footer with a QR code.
 * Every measurement comes from layouts/one-minute-guide.yaml. */
#include "formats.h"
#include "columns.h"
#include "parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A strip whose columns end more than this many lines above it follows
 * the text instead of staying at the body's foot. */
#define STRIP_FOLLOW 1.5
/* A front column this high holds nothing: all the text goes to the back. */
#define FRONT_EMPTY 0.01
/* Type shrinks in steps of this much when the layout allows fit: shrink. */
#define SHRINK_STEP 0.25

typedef struct guide {
    fl_writer *w;
    const lp_flow_ctx *ctx;
    lp_pages *pg;
    double scale; /* type scale while shrinking to fit */
    const lp_spec *spec;
    lp_diag *d;
    const lp_doc *doc;
    double W, H, ml, mr, mt;
    int last_page;
    int sides; /* 1 or 2: the sides the guide is set on */
    int strip_side;  /* the side with the key-contacts strip */
    double fill;     /* where that side's columns may reach: the strip's top less body.gap */
    double front_h;  /* a two-sided guide's front columns are no higher (0: as the page allows) */
    double foot[2];  /* where each side's columns may reach (above the strip, or body.bottom) */
    double room[2];  /* each side's room for text: its body's top to body.bottom */
    double bottom;   /* body.bottom, raised by a footer taller than its zone */
    double gap;      /* body.gap */
    double strip_h;  /* the key-contacts strip's height (0: none) */
    double strip_at; /* the strip's top when it follows the text (0: it ends at body.bottom) */
    double cols_top[2]; /* where each side's columns start */
} guide;

static bool len(guide *g, const char *key, double *v) { return spec_len(g->spec, key, v, g->d); }

/* Lays the whole guide out afresh, at g->scale, with body columns `col_h`
 * high at most (0 = as high as the page allows).  Sets w->full when the
 * text did not fit. */
static int layout_once(guide *g, double col_h)
{
    fl_writer *w = g->w;
    g->pg->boxes.n = 0;
    g->pg->snodes.n = 0;
    g->pg->npages = 0;
    fl_init(w, g->ctx, g->pg);
    w->scale = g->scale;
    const lp_doc *doc = g->doc;
    int sides = g->sides;
    double body_top, body_bottom, gutter, gap, page2_top;
    if (!len(g, "body.top", &body_top) || !len(g, "body.bottom", &body_bottom) ||
        !len(g, "body.gutter", &gutter) || !len(g, "body.gap", &gap) ||
        !len(g, "body.page2-top", &page2_top))
        return -1;
    int dsn = fl_snode(w, "Document", -1);
    w->doc_snode = dsn;
    if (part_title_band(w, 0, g->W, g->ml, g->W - g->ml - g->mr, dsn) < 0) return -1;
    /* A footer taller than its zone (an audience's larger type) raises the
     * body's foot by as much. */
    double ftop, fbottom, fneed = part_running(w, -1, sides, g->ml, g->W - g->ml - g->mr, dsn);
    if (fneed < 0 || !len(g, "footer.top", &ftop) || !len(g, "footer.bottom", &fbottom)) return -1;
    if (fneed > fbottom - ftop) body_bottom -= fneed - (fbottom - ftop);
    g->bottom = body_bottom;
    g->gap = gap;
    double col_w = (g->W - g->ml - g->mr - gutter) / 2;
    double col_x[2] = {g->ml, g->ml + col_w + gutter};

    /* Leading definition blocks (up to definitions.max) go side by side in
     * a panel across both columns. */
    double dmax = 2;
    if (spec_node(g->spec, "definitions.max") && !spec_num(g->spec, "definitions.max", &dmax, g->d)) return -1;
    size_t ndefs = 0;
    while (ndefs < doc->nblocks && (double)ndefs < dmax && doc->blocks[ndefs].kind == BLK_DEFINITION) ndefs++;
    double top = body_top;
    if (ndefs) {
        double ph = part_definitions(w, 0, g->ml, g->W - g->ml - g->mr, body_top, gutter, doc->blocks, ndefs, dsn,
                                     true);
        if (ph < 0) return -1;
        top = body_top + ph + gap;
    }
    /* The key-contacts strip ends at body.bottom on the side contacts.side
     * names: the front by default, where MASH and the warning are seen at
     * once (a two-sided guide's back then takes the text the strip
     * displaces).  It is measured first to know where that side's columns
     * end, and set after the body so the reading order is band,
     * definitions, body, contacts. */
    const lp_meta *m = &doc->meta;
    double strip_h = part_contacts_strip(w, 0, g->ml, g->W - g->ml - g->mr, body_bottom, m->contacts, m->ncontacts,
                                         -1, false);
    if (strip_h < 0) return -1;
    if (body_bottom - strip_h < body_top) {
        /* Taller than the page's room for text (a very long name, note or
         * warning). */
        diag_error(g->d, doc->path, m->contacts[0].line, m->contacts[0].col,
                   "shorten the contacts' names, notes and warnings in the contacts table, or list fewer in contacts:",
                   "the key-contacts strip is %.0f mm tall and leaves no room for the text", pt_to_mm(strip_h));
        return -1;
    }
    g->strip_h = strip_h;
    int strip_side = strcmp(spec_str_or(g->spec, "contacts.side", "front", g->d), "back") == 0 ? sides - 1 : 0;
    /* The strip never overlaps the definitions panel: when the panel
     * leaves no room for it on the front, a two-sided guide carries it on
     * the back; a one-sided guide is refused. */
    if (strip_h > 0 && strip_side == 0 && top + strip_h > body_bottom + 0.01) {
        if (sides == 2) {
            strip_side = 1;
        } else {
            diag_error(g->d, doc->path, doc->blocks[0].line, doc->blocks[0].col,
                       "shorten the definitions, let them flow with the text (definitions.max: 0), or set sides: 2",
                       "the definitions panel and the key-contacts strip need %.1f mm more than the page has",
                       pt_to_mm(top + strip_h - body_bottom));
            return -1;
        }
    }
    /* col_h limits the columns of the last side, which is the one balanced. */
    for (int p = 0; p < sides; p++) {
        double ctop = p == 0 ? top : page2_top;
        double h = body_bottom - (p == strip_side && strip_h > 0 ? strip_h + gap : 0) - ctop;
        if (h < 0) h = 0;
        g->cols_top[p] = ctop;
        g->foot[p] = ctop + h;
        g->room[p] = body_bottom - (p == 0 ? body_top : page2_top);
        /* Text the front does not take goes to the back (the sides are
         * shared out evenly: format_guide). */
        if (p == 0 && sides == 2 && g->front_h > 0 && g->front_h < h) h = g->front_h;
        if (p == strip_side) g->strip_side = p, g->fill = ctop + h;
        if (p == sides - 1 && col_h > 0 && col_h < h) h = col_h;
        fl_add_frame(w, p, col_x[0], ctop, col_w, h);
        fl_add_frame(w, p, col_x[1], ctop, col_w, h);
    }
    w->pg->npages = sides;
    int body = fl_snode(w, "Sect", dsn);
    if (fl_blocks(w, doc->blocks + ndefs, doc->nblocks - ndefs, body) != 0) return -1;
    double strip_bottom = g->strip_at > 0 && g->strip_at + strip_h < body_bottom ? g->strip_at + strip_h : body_bottom;
    if (part_contacts_strip(w, strip_side, g->ml, g->W - g->ml - g->mr, strip_bottom, m->contacts, m->ncontacts, dsn,
                            true) < 0)
        return -1;
    for (int p = 0; p < sides; p++)
        if (part_running(w, p, sides, g->ml, g->W - g->ml - g->mr, dsn) < 0) return -1;
    return 0;
}

/* Where the key-contacts strip starts when it follows the text: body.gap
 * under the lower column (at the columns' top when the side sets no text
 * in them), never so low that it passes the body's foot. */
static double strip_top(const guide *g)
{
    double e = col_pair_end(g->w, 2 * (size_t)g->strip_side, g->cols_top[g->strip_side]);
    double top = e > g->cols_top[g->strip_side] ? e + g->gap : e;
    return fmin(top, g->bottom - g->strip_h);
}

/* Where side p's content will end: its strip's foot (the strip following
 * the text), or its columns' end.  The last side's columns are balanced
 * after the sides are shared out: they will end about half way down what
 * the two hold together. */
static double side_end(const guide *g, int p)
{
    double e = col_pair_end(g->w, 2 * (size_t)p, g->cols_top[p]);
    if (p == g->sides - 1) {
        const lp_box *last;
        double used = 0;
        for (int c = 0; c < 2; c++) {
            double ce = col_end(g->w, &g->w->frames.v[2 * p + c], &last);
            if (last) used += ce - g->cols_top[p];
        }
        e = g->cols_top[p] + used / 2;
    }
    if (p == g->strip_side && g->strip_h > 0)
        return fmin(e > g->cols_top[p] ? e + g->gap : e, g->bottom - g->strip_h) + g->strip_h;
    return e;
}

/* How much lower side 0's content ends than side 1's, in pt: a two-sided
 * guide is balanced when both sides end at the same height, so the sheet
 * shows the same white at the foot of each side. */
static double sides_diff(const guide *g)
{
    return side_end(g, 0) - side_end(g, 1);
}

/* col_balance's layout: the guide afresh, its last side's columns col_h
 * high at most. */
static int lay_at(void *g, double col_h) { return layout_once(g, col_h); }

int format_guide(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    lp_pages *pg = arena_alloc(ctx->arena, sizeof *pg);
    pg->suffix = "";
    guide g = {0};
    fl_writer w;
    fl_init(&w, ctx, pg);
    g.w = &w;
    g.ctx = ctx;
    g.pg = pg;
    g.spec = ctx->spec;
    g.d = ctx->diag;
    g.doc = ctx->doc;
    g.sides = ctx->doc->meta.sides == 2 ? 2 : 1;
    if (!len(&g, "page.width", &g.W) || !len(&g, "page.height", &g.H) ||
        !len(&g, "margins.left", &g.ml) || !len(&g, "margins.right", &g.mr))
        return -1;
    pg->width = g.W;
    pg->height = g.H;

    const lp_style *body = fl_style(&w, "body");
    double min_size;
    if (!body || !spec_len(ctx->spec, "min-size", &min_size, ctx->diag)) return -1;
    double base = body->size;
    bool shrink = ctx->doc->meta.fit && strcmp(ctx->doc->meta.fit, "shrink") == 0;
    int errors = ctx->diag->errors;

    /* Shrink in steps until it fits (only when asked and above the minimum). */
    g.scale = 1.0;
    for (;;) {
        if (layout_once(&g, 0) != 0 || ctx->diag->errors > errors) return -1;
        if (!w.full) break;
        double next = base * g.scale - SHRINK_STEP;
        if (!shrink || next < min_size - 1e-9) {
            w.over_pt = w.y;
            const lp_style *b = fl_style(&w, "body");
            w.over_lines = (int)ceil(w.over_pt / (b ? b->leading : 14) - 1e-9);
            if (w.over_lines < 1) w.over_lines = 1;
            fl_report_overflow(&w, "the guide");
            return -1;
        }
        g.scale = next / base;
    }
    /* A two-sided guide whose text ends on its front would print a blank
     * back: it is set on one side. */
    if (g.sides == 2 && w.cur < 2) {
        diag_warn(ctx->diag, ctx->doc->path, ctx->doc->meta.title_line, 1,
                     "remove sides: 2, or write more for the back",
                     "the text fits on the front: the guide is printed on one side");
        g.sides = 1;
        if (layout_once(&g, 0) != 0 || w.full) return -1;
    }
    /* A two-sided guide shares its text out across both sides: the front's
     * columns are made shorter, a quarter line at a time (the front takes
     * what fits first, so left alone it is full and the back holds what is
     * left over), to the height at which the two sides' content ends at the
     * same height (the strip following the text: the sheet shows the same
     * white at the foot of each side), or else the front the lower, as
     * near as the blocks allow, with the front's two columns within a line
     * and a half of each other and holding at least a third of their room.
     * Headings stay with their next block and lists and boxes whole, as the
     * flow keeps them; the definitions panel stays where it is. */
    if (g.sides == 2 && w.frames.n >= 4) {
        const lp_style *b = fl_style(&w, "body");
        double line = b ? b->leading : 14;
        double best_h = 0, best = sides_diff(&g);
        /* The front's columns are left empty only when its panel and strip
         * leave them less than a quarter of its room: otherwise the front,
         * seen first, carries text. */
        bool may_empty = g.foot[0] - g.cols_top[0] < g.room[0] / 4;
        for (double h = w.frames.v[0].h - line / 4;; h -= line / 4) {
            /* Last of all the front's columns hold nothing (a definitions
             * panel may fill most of the front on its own). */
            bool last = h <= line;
            if (last && !may_empty) break;
            if (last) h = FRONT_EMPTY;
            g.front_h = h;
            if (layout_once(&g, 0) != 0) return -1;
            if (w.full) break;
            double diff = sides_diff(&g);
            /* The back, the last page, may end higher; the front no more
             * than half a line so (it is what is seen first). */
            if (diff < -line / 2) break; /* the back is now the fuller, and ever more so */
            /* Text on the front fills at least a third of its columns'
             * room: never a band, a panel and a scrap of text. */
            bool holds = col_pair_end(&w, 0, g.cols_top[0]) - g.cols_top[0] >= (g.foot[0] - g.cols_top[0]) / 3;
            if (diff < best - 0.5 && col_gap(&w, 0) <= 1.5 * line && (holds || may_empty)) best = diff, best_h = h;
            if (last) break;
        }
        g.front_h = best_h;
        if (layout_once(&g, 0) != 0 || w.full) return -1;
    }
    /* Balance the columns of the last side: the shortest column height that
     * still holds everything, then the height near it at which the two
     * columns end closest together (a heading kept with its text, or a
     * paragraph kept whole, can leave the first column short). */
    {
        size_t first = g.sides == 2 ? 2 : 0; /* the last side's first column */
        if (w.frames.n < first + 2) goto done;
        const lp_style *b = fl_style(&w, "body");
        double line = b ? b->leading : 14;
        double best = col_balance(&w, first, line, 2 * line, lay_at, &g);
        if (best < 0) return -1;
        /* Every side's columns end within two lines (DESIGN.md).  On the
         * side with the key-contacts strip the columns first stretch
         * toward it (the mock-up's page: text down to the strip, the strip
         * at the body's foot). */
        for (size_t side = 0; side + 2 <= w.frames.n && side / 2 < (size_t)g.sides; side += 2)
            col_justify(&w, side, line, 2 * line, 1.5 * line, (int)(side / 2) == g.strip_side ? g.fill : 0);
        /* A side whose columns still end more than STRIP_FOLLOW lines above
         * the strip would show a block of white between its text and the
         * strip: the strip follows the text instead (body.gap under the
         * lower column), with its gaps unstretched, and the white goes to
         * the foot of the page, under the strip, as on the other side of a
         * two-sided guide. */
        if (g.strip_h > 0 && g.foot[g.strip_side] - col_pair_end(&w, 2 * (size_t)g.strip_side, g.cols_top[g.strip_side]) > STRIP_FOLLOW * line) {
            for (int pass = 0; pass < 2; pass++) {
                if (layout_once(&g, best) != 0) return -1;
                for (size_t side = 0; side + 2 <= w.frames.n && side / 2 < (size_t)g.sides; side += 2)
                    col_justify(&w, side, line, 2 * line, 1.5 * line, 0);
                if (pass == 0) g.strip_at = strip_top(&g);
            }
        }
        /* Columns the search, the paragraphs set looser or tighter and the
         * stretch could not bring within two lines: the text has no break
         * that does better (a heading keeps two lines of its text, a
         * paragraph splits only with two lines on each side, a panel or
         * picture never), and the author is told. */
        for (size_t side = 0; side + 2 <= w.frames.n && side / 2 < (size_t)g.sides; side += 2) {
            double gap = col_gap(&w, side);
            if (isfinite(gap) && gap > 2 * line + 0.5)
                diag_warn(ctx->diag, ctx->doc->path, ctx->doc->meta.title_line, 1,
                          "lengthen or shorten a section by a line or two, or split a paragraph",
                          "the columns%s end %.0f mm apart: no break in the text keeps them within two lines "
                          "(a heading stays with two lines of its text, a paragraph splits only with two lines "
                          "on each side, and none set a line looser or tighter does better)",
                          g.sides == 1 ? "" : side == 0 ? " of the front" : " of the back", pt_to_mm(gap));
        }
        if (part_strip_clear(&w, ctx->doc) != 0) return -1;
    }
done:
    *editions = pg;
    *neditions = 1;
    return 0;
}
