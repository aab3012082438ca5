/* format_trifold.c — the tri-fold strategy: a sheet printed on two sides
 * and folded into panels.  Which panel is the cover, which the back panel
 * and which carry the text, on which side and in which order, comes from
 * the layout's panels: (panels.c); this file places the cover and the back
 * panel (parts.c) in theirs, and splits the document's text at its ***
 * rules into the flow panels, saying which panel is too long when it does
 * not fit.
 *
 * Structure nodes are made in reading order (cover, flow panels, back),
 * which is not page order; the boxes are put in page order at the end. */
#include "formats.h"
#include "panels.h"
#include "parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01

/* The blocks between two *** rules. */
typedef struct segment {
    const lp_block *b;
    size_t n;
} segment;

typedef struct trifold {
    fl_writer *w;
    const lp_flow_ctx *ctx;
    const lp_spec *spec;
    lp_diag *d;
    const lp_doc *doc;
    lp_arena *a;
    double W, H, side, top, bottom;
    lp_panels pn;
    size_t first; /* the first box of the text */
} trifold;

static bool len(trifold *t, const char *key, double *v) { return spec_len(t->spec, key, v, t->d); }

/* Text-area edges of a panel. */
static double area_x(const trifold *t, const lp_panel *p) { return p->x + t->side; }
static double area_w(const trifold *t, const lp_panel *p) { return p->w - 2 * t->side; }
static double area_h(const trifold *t) { return t->H - t->top - t->bottom; }

/* Every panel's background, to the folds and into the bleed, in page
 * order. */
static void backgrounds(trifold *t)
{
    for (size_t i = 0; i < t->pn.n; i++) {
        const lp_panel *p = &t->pn.p[i];
        lp_box *b = fl_rect(t->w, p->page, p->x, 0, p->w, t->H, p->bg, 0, -1);
        b->bleed = true;
    }
}

/* ------------------------------------------------------------ text panels */

/* Lays one panel's blocks out from the top of the writer's current frame. */
static int panel_blocks(fl_writer *w, const segment *sg, int sect)
{
    int used = part_panel_icon(w, "panel-icon", sg->b, sg->n, sect);
    if (used < 0) return -1;
    return fl_blocks(w, sg->b + used, sg->n - (size_t)used, sect);
}

/* Splits the document at its rules.  A rule with no text before it (at
 * the start, or just after another) or after it (at the end) would leave a
 * panel blank, and a panel that ends on a heading would leave the heading
 * with nothing under it: each an error at its line.  The segments, or -1. */
static long split_segments(trifold *t, segment **out)
{
    const lp_doc *doc = t->doc;
    size_t n = 1;
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == BLK_RULE) n++;
    segment *sg = arena_alloc(t->a, n * sizeof *sg);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= doc->nblocks; i++) {
        if (i < doc->nblocks && doc->blocks[i].kind != BLK_RULE) continue;
        if (i == start && (i < doc->nblocks || start > 0)) {
            const lp_block *r = &doc->blocks[i < doc->nblocks ? i : i - 1];
            diag_error(t->d, doc->path, r->line, r->col, "remove it: each *** starts the next panel",
                       "a *** %s would leave a panel blank",
                       i == 0 ? "before any text" : i == doc->nblocks ? "after the last text" : "just after another");
            return -1;
        }
        if (i > start) {
            const lp_block *last = &doc->blocks[i - 1];
            if (last->kind == BLK_HEADING) {
                diag_error(t->d, doc->path, last->line, last->col,
                           "write what goes under it, or move it to the next panel",
                           "the heading %s%s%s ends its panel with no text under it", last->nin ? "\u201c" : "",
                           last->nin ? last->in[0].text : "", last->nin ? "\u201d" : "");
                return -1;
            }
            sg[k++] = (segment){doc->blocks + start, i - start};
        }
        start = i + 1;
    }
    *out = sg;
    return (long)k;
}

/* The heading of a panel's text, for messages. */
static const char *segment_name(const segment *sg)
{
    for (size_t i = 0; i < sg->n; i++)
        if (sg->b[i].kind == BLK_HEADING && sg->b[i].nin) return sg->b[i].in[0].text;
    return NULL;
}

/* How far (pt) one panel's text runs past the foot of panel p when set in it
 * alone; 0 when it fits. */
static double panel_overflow(trifold *t, const segment *sg, const lp_panel *p, int *lines)
{
    lp_pages *scratch = arena_alloc(t->a, sizeof *scratch);
    scratch->width = t->W;
    scratch->height = t->H;
    fl_writer pw;
    fl_init(&pw, t->ctx, scratch);
    pw.measuring = true;
    pw.rule_breaks_frame = true;
    fl_add_frame(&pw, p->page, area_x(t, p), t->top, area_w(t, p), area_h(t));
    *lines = 0;
    if (panel_blocks(&pw, sg, -1) != 0 || !pw.full) return 0;
    const lp_style *body = fl_style(&pw, "body");
    double over = pw.y;
    *lines = (int)ceil(over / (body ? body->leading : over) - 1e-9);
    if (*lines < 1) *lines = 1;
    return over;
}

/* Says which panels are too long, and by how much. */
static void report_overflow(trifold *t, const segment *sg, size_t nseg)
{
    const lp_meta *m = &t->doc->meta;
    bool told = false;
    /* With a panel's worth of text for every panel, each must fit its own;
     * with fewer, text may run on from panel to panel and only the total
     * counts. */
    for (size_t k = 0; nseg == t->pn.nflow && k < nseg; k++) {
        int lines;
        double over = panel_overflow(t, &sg[k], t->pn.flow[k], &lines);
        if (over <= EPS) continue;
        const char *name = segment_name(&sg[k]);
        const lp_block *first = &sg[k].b[0];
        char hint[160];
        snprintf(hint, sizeof hint, "cut about %d line%s from this panel", lines,
                 lines == 1 ? "" : "s");
        diag_error(t->d, t->doc->path, first->line, first->col, hint,
                   "panel %zu (%s%s%s%s) does not fit: %d line%s (%.1f mm) over", k + 1,
                   t->pn.flow[k]->name, name ? ", \u201c" : "", name ? name : "",
                   name ? "\u201d" : "", lines, lines == 1 ? "" : "s", pt_to_mm(over));
        told = true;
    }
    if (!told) {
        /* No one panel is too long: together they are (fewer rules than
         * panels, or a panel pushed on by the one before). */
        fl_writer *w = t->w;
        const lp_style *body = fl_style(w, "body");
        w->over_pt = w->y;
        w->over_lines = (int)ceil(w->over_pt / (body ? body->leading : w->y) - 1e-9);
        if (w->over_lines < 1) w->over_lines = 1;
        diag_error(t->d, t->doc->path, w->over_line > 0 ? w->over_line : m->title_line,
                   w->over_line > 0 ? w->over_col : 1, "cut the text or move some to a later panel",
                   "the tri-fold's text does not fit its %zu panels: %d line%s (%.1f mm) over",
                   t->pn.nflow, w->over_lines, w->over_lines == 1 ? "" : "s",
                   pt_to_mm(w->over_pt));
    }
}

/* Flow panels the text never reached are said in a warning at the text's
 * end: the leaflet builds, with blank panels. */
static void blank_panels(trifold *t)
{
    const lp_pages *pg = t->w->pg;
    char names[160] = "";
    size_t nblank = 0, len = 0;
    for (size_t k = 0; k < t->pn.nflow; k++) {
        const lp_panel *p = t->pn.flow[k];
        bool used = false;
        for (size_t i = t->first; i < pg->boxes.n && !used; i++) {
            const lp_box *b = &pg->boxes.v[i];
            used = b->page == p->page && b->x >= p->x - EPS && b->x < p->x + p->w;
        }
        if (used) continue;
        nblank++;
        len += (size_t)snprintf(names + len, len < sizeof names ? sizeof names - len : 0, "%s%s",
                                len ? ", " : "", p->name);
        if (len >= sizeof names) len = sizeof names - 1;
    }
    if (!nblank || !t->doc->nblocks) return;
    const lp_block *end = &t->doc->blocks[t->doc->nblocks - 1];
    diag_warn(t->d, t->doc->path, end->line, end->col,
              "write more, or share the text out: each *** starts the next panel",
              "the text fills %zu of the tri-fold's %zu panels: %s %s blank", t->pn.nflow - nblank, t->pn.nflow, names,
              nblank == 1 ? "is" : "are");
}

static int content(trifold *t, int doc)
{
    fl_writer *w = t->w;
    segment *sg;
    long got = split_segments(t, &sg);
    if (got < 0) return -1;
    size_t nseg = (size_t)got;
    if (nseg > t->pn.nflow) {
        /* The rule that starts the first panel too many. */
        size_t rules = 0;
        const lp_block *at = NULL;
        for (size_t i = 0; i < t->doc->nblocks && !at; i++)
            if (t->doc->blocks[i].kind == BLK_RULE && ++rules == t->pn.nflow) at = &t->doc->blocks[i];
        diag_error(t->d, t->doc->path, at ? at->line : t->doc->meta.title_line, at ? at->col : 1,
                   "join panels or cut one: each *** starts a new panel",
                   "the text has %zu panels, the tri-fold %zu", nseg, t->pn.nflow);
        return -1;
    }
    for (size_t k = 0; k < t->pn.nflow; k++) {
        const lp_panel *p = t->pn.flow[k];
        fl_add_frame(w, p->page, area_x(t, p), t->top, area_w(t, p), area_h(t));
    }
    w->rule_breaks_frame = true;
    t->first = w->pg->boxes.n;
    for (size_t k = 0; k < nseg; k++) {
        if (k > 0 && !w->full && (!w->at_top || w->y > EPS)) fl_next_frame(w);
        int sect = fl_snode(w, "Sect", doc);
        if (panel_blocks(w, &sg[k], sect) != 0) return -1;
    }
    if (w->full) {
        report_overflow(t, sg, nseg);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ the format */

/* Boxes were made in reading order; the renderer wants them by page, each
 * page in painting order (which the reading order keeps: backgrounds were
 * made first). */
static void sort_by_page(lp_pages *pg, lp_arena *a)
{
    size_t n = pg->boxes.n, k = 0;
    lp_box *sorted = arena_alloc(a, (n ? n : 1) * sizeof *sorted);
    for (int page = 0; page < pg->npages; page++)
        for (size_t i = 0; i < n; i++)
            if (pg->boxes.v[i].page == page) sorted[k++] = pg->boxes.v[i];
    pg->boxes.v = sorted;
    pg->boxes.n = k;
    pg->boxes.cap = n ? n : 1;
}

int format_trifold(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    lp_pages *pg = arena_alloc(ctx->arena, sizeof *pg);
    pg->suffix = "";
    fl_writer w;
    fl_init(&w, ctx, pg);
    w.flow_what = "panel";
    trifold t = {.w = &w, .ctx = ctx, .spec = ctx->spec, .d = ctx->diag, .doc = ctx->doc, .a = ctx->arena};
    if (!len(&t, "page.width", &t.W) || !len(&t, "page.height", &t.H) ||
        !len(&t, "panel.side", &t.side) || !len(&t, "panel.top", &t.top) ||
        !len(&t, "panel.bottom", &t.bottom))
        return -1;
    pg->width = t.W;
    pg->height = t.H;
    pg->npages = 2;
    int errors = ctx->diag->errors;
    if (panels_read(t.spec, t.W, &t.pn, t.d) != 0) return -1;
    _Static_assert(sizeof pg->folds == sizeof t.pn.folds, "a side's folds fit the pages'");
    memcpy(pg->folds, t.pn.folds, sizeof pg->folds);
    memcpy(pg->nfolds, t.pn.nfolds, sizeof pg->nfolds);

    int doc = fl_snode(&w, "Document", -1);
    w.doc_snode = doc;
    backgrounds(&t);
    /* Each part goes on even when one before it failed, so that one build
     * reports every problem. */
    int rc = 0;
    const lp_panel *cp = t.pn.cover;
    if (part_cover_panel(&w, cp->page, area_x(&t, cp), t.top, area_w(&t, cp), t.H - t.bottom, "cover",
                         doc) != 0)
        rc = -1;
    if (content(&t, doc) != 0) rc = -1;
    const lp_panel *bp = t.pn.back;
    if (part_back_panel(&w, bp->page, area_x(&t, bp), t.top, area_w(&t, bp), t.H - t.bottom, "back",
                        doc) != 0)
        rc = -1;
    if (rc != 0 || ctx->diag->errors > errors) return -1;
    blank_panels(&t);
    sort_by_page(pg, ctx->arena);
    *editions = pg;
    *neditions = 1;
    return 0;
}
