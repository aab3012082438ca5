/* print.h — the print variant's geometry: bleed, crop and fold marks, and
 * saddle-stitch imposition.  Pure arithmetic on lp_pages; render_pdf.c
 * paints what these functions return. */
#ifndef LP_PRINT_H
#define LP_PRINT_H

#include "layout_spec.h"
#include "leafpress.h"

/* Reads the layout's `bleed:` and the `print:` section (layout, then theme)
 * into pg->bleed and pg->print.  Returns 0, or -1 with errors at the
 * offending values. */
int print_read_spec(const lp_spec *s, lp_pages *pg, lp_diag *d);

/* Distance from the media box's edge to the trim on every side: room for
 * the bleed, the gap and the marks. */
double print_margin(const lp_pages *pg, double bleed);

/* The page (0-based) shown in slot (0 = left, 1 = right) of sheet side
 * `side` of a saddle-stitched booklet of npages (a multiple of 4): for 8
 * pages the sides are 8|1, 2|7, 6|3, 4|5.  -1 when out of range. */
int print_saddle_page(int npages, int side, int slot);

/* A new edition whose pages are the sheet sides of pg imposed 2-up in
 * saddle-stitch order: twice as wide, each page's boxes moved into its
 * slot, structure shared with pg.  NULL (and an error) when pg->npages is
 * not a positive multiple of 4. */
lp_pages *print_impose_saddle(const lp_pages *pg, lp_arena *a, lp_diag *d);

/* b, a background rectangle (b->bleed), with every edge that lies on the
 * trim (within 0.01 pt) moved outward by bleed.  Other boxes come back as
 * they are. */
lp_box print_bleed_box(const lp_box *b, double trim_w, double trim_h, double bleed);

/* A mark: a line from (x0, y0) to (x1, y1) in trim coordinates (top-left
 * origin, y down; marks lie outside the trim, so some values are negative). */
typedef struct print_mark {
    double x0, y0, x1, y1;
    bool dashed; /* fold marks are dashed, crop marks solid */
} print_mark;

#define PRINT_MAX_FOLDS 4
#define PRINT_MAX_MARKS (8 + 2 * PRINT_MAX_FOLDS)

/* The crop marks at the four corners of a trim_w x trim_h trim and a fold
 * mark above and below it at each x in folds, all beyond the bleed.
 * Writes at most PRINT_MAX_MARKS into out; returns how many. */
size_t print_marks(const lp_print_geom *g, double trim_w, double trim_h, double bleed,
                   const double *folds, int nfolds, print_mark out[PRINT_MAX_MARKS]);

/* True when a text colour is black built from more than the K plate:
 * small text in it would blur with the slightest misregistration. */
bool print_is_rich_black(const lp_color *c);

#endif
