/* print.c — bleed, marks and imposition for the print variant.
 *
 * Everything here is geometry in trim coordinates; the numbers (bleed, mark
 * gap and length, the registration colour) come from the layout and theme,
 * so a printer's house rules change YAML, not C.
 */
#include "print.h"

#include <math.h>
#include <string.h>

/* An edge closer than this to the trim counts as lying on it: boxes come
 * out of millimetre arithmetic and pick up rounding dust. */
#define ON_TRIM_PT 0.01
/* A K value this high reads as black; with any C, M or Y beside it the
 * black is built from several plates. */
#define BLACK_K 0.85f
/* Booklets longer than this are refused: saddle stitching cannot hold them,
 * and it bounds the imposed edition's size. */
#define MAX_SADDLE_PAGES 256

int print_read_spec(const lp_spec *s, lp_pages *pg, lp_diag *d)
{
    lp_print_geom *g = &pg->print;
    bool ok = spec_len(s, "bleed", &pg->bleed, d);
    ok = spec_len(s, "print.mark-offset", &g->mark_offset, d) && ok;
    ok = spec_len(s, "print.mark-length", &g->mark_length, d) && ok;
    ok = spec_len(s, "print.mark-width", &g->mark_width, d) && ok;
    ok = spec_len(s, "print.fold-dash", &g->fold_dash, d) && ok;
    ok = spec_color(s, "print.mark-color", &g->mark_color, d) && ok;
    ok = spec_num(s, "print.min-dpi", &g->min_dpi, d) && ok;
    ok = spec_len(s, "print.black-text", &g->black_text, d) && ok;
    g->output_profile = spec_str_or(s, "print.output-profile", NULL, d);
    if (!ok) return -1;
    if (pg->bleed < 0 || g->mark_offset < 0 || g->mark_length <= 0 || g->mark_width <= 0 ||
        g->fold_dash <= 0 || g->min_dpi <= 0) {
        diag_error(d, spec_layout_path(s), 0, 0, "check bleed: and the print: section",
                   "bleed and mark offset must not be negative; mark length and width, fold "
                   "dash and min-dpi must be positive");
        return -1;
    }
    return 0;
}

double print_margin(const lp_pages *pg, double bleed)
{
    return bleed + pg->print.mark_offset + pg->print.mark_length;
}

int print_saddle_page(int npages, int side, int slot)
{
    if (npages <= 0 || npages % 4 != 0 || side < 0 || side >= npages / 2 || slot < 0 || slot > 1)
        return -1;
    /* Even sides carry the outer page on the left (8|1), odd sides on the
     * right (2|7): turning the sheet over swaps which half is outside. */
    int outer = npages - 1 - side, inner = side;
    if (side % 2 == 0) return slot == 0 ? outer : inner;
    return slot == 0 ? inner : outer;
}

lp_pages *print_impose_saddle(const lp_pages *pg, lp_arena *a, lp_diag *d)
{
    if (pg->npages <= 0 || pg->npages % 4 != 0 || pg->npages > MAX_SADDLE_PAGES) {
        diag_error(d, pg->source, 0, 0, "a saddle-stitched booklet has a multiple of 4 pages",
                   "cannot impose %d pages for saddle stitching (at most %d)", pg->npages,
                   MAX_SADDLE_PAGES);
        return NULL;
    }
    lp_pages *out = arena_alloc(a, sizeof *out);
    *out = *pg;
    out->width = 2 * pg->width;
    out->npages = pg->npages / 2;
    out->impose_saddle = false;
    memset(out->folds, 0, sizeof out->folds);
    memset(out->nfolds, 0, sizeof out->nfolds);
    out->boxes.v = NULL;
    out->boxes.n = out->boxes.cap = 0;
    /* Formats may add a page's furniture after its text, so the boxes are
     * not in page order: each sheet side takes its two pages' boxes from the
     * whole list, keeping their painting order. */
    for (int side = 0; side < out->npages; side++) {
        for (int slot = 0; slot < 2; slot++) {
            int p = print_saddle_page(pg->npages, side, slot);
            for (size_t k = 0; k < pg->boxes.n; k++) {
                lp_box b = pg->boxes.v[k];
                if (b.page != p) continue;
                b.page = side;
                b.x += slot * pg->width;
                VEC_PUSH(a, out->boxes, b);
            }
        }
    }
    return out;
}

lp_box print_bleed_box(const lp_box *b, double trim_w, double trim_h, double bleed)
{
    lp_box e = *b;
    if (b->kind != BOX_RECT || !b->bleed || bleed <= 0) return e;
    double x1 = b->x + b->w, y1 = b->y + b->h;
    if (fabs(b->x) <= ON_TRIM_PT) e.x = -bleed;
    if (fabs(b->y) <= ON_TRIM_PT) e.y = -bleed;
    if (fabs(x1 - trim_w) <= ON_TRIM_PT) x1 = trim_w + bleed;
    if (fabs(y1 - trim_h) <= ON_TRIM_PT) y1 = trim_h + bleed;
    e.w = x1 - e.x;
    e.h = y1 - e.y;
    /* Rounded corners on the trim would show white wedges in the bleed. */
    if (e.w != b->w || e.h != b->h) e.radius = 0;
    return e;
}

size_t print_marks(const lp_print_geom *g, double trim_w, double trim_h, double bleed,
                   const double *folds, int nfolds, print_mark out[PRINT_MAX_MARKS])
{
    size_t n = 0;
    double near = bleed + g->mark_offset, far = near + g->mark_length;
    /* Each corner: a horizontal mark on the trim's horizontal edge, out to
     * the side, and a vertical one on its vertical edge, up or down. */
    const double xs[2] = {0, trim_w}, ys[2] = {0, trim_h};
    for (int cy = 0; cy < 2; cy++) {
        for (int cx = 0; cx < 2; cx++) {
            double sx = cx ? 1 : -1, sy = cy ? 1 : -1;
            double x = xs[cx], y = ys[cy];
            out[n++] = (print_mark){x + sx * near, y, x + sx * far, y, false};
            out[n++] = (print_mark){x, y + sy * near, x, y + sy * far, false};
        }
    }
    if (nfolds > PRINT_MAX_FOLDS) nfolds = PRINT_MAX_FOLDS;
    for (int f = 0; f < nfolds; f++) {
        double x = folds[f];
        if (x <= 0 || x >= trim_w) continue;
        out[n++] = (print_mark){x, -near, x, -far, true};
        out[n++] = (print_mark){x, trim_h + near, x, trim_h + far, true};
    }
    return n;
}

bool print_is_rich_black(const lp_color *c)
{
    return c->k >= BLACK_K && (c->c > 0 || c->m > 0 || c->y > 0);
}
