/* pager.h — page breaks over a column of units that never split (easy
 * read's rows and boxes), chosen together as a paragraph's line breaks are:
 * the shortest path over the break points, so that every page but the last
 * is at least min_fill full and no page after the first holds one unit
 * alone (a box anywhere, or anything on the last page).
 *
 * Units stand space apart; the spaces close up to space_min where that
 * keeps a unit on the page, and open up (towards stretch_to of the page, to
 * space_max) on a page that would end short.  A heading keeps with the unit
 * after it, is heading_gap from it, and when it opens a page after the
 * first it goes in the page's band and takes no room.  An attached unit
 * (a row's word box) is space under the unit before it, a gap that opens
 * but never closes; it goes to the next page with its unit, leaving a
 * short page, and follows alone only where nothing else fits.
 *
 * Pictured units are as tall as their content or the picture, the taller.
 * When no layout keeps every page full and no unit alone, the picture is
 * set smaller, alike on every page, in pic_step steps down to pic_min:
 * the largest picture that packs the pages wins.  Pure arithmetic: no
 * fonts, no layout files (the format reads the numbers from its layout). */
#ifndef LP_PAGER_H
#define LP_PAGER_H

#include "leafpress.h"

enum {
    PU_PICTURED = 1,   /* as tall as h or the picture, the taller */
    PU_BOX = 2,        /* a box: never alone on a page */
    PU_KEEP_NEXT = 4,  /* never the last unit on a page */
    PU_HEADING = 8,    /* a section heading: in the band when it opens a page */
    PU_ATTACHED = 16,  /* space under the unit before, a gap that never closes */
    PU_BREAK = 32,     /* the author's page break: ends its page, takes no room */
};

typedef struct pg_unit {
    double h;          /* height (pictured: the content without the picture) */
    unsigned flags;    /* PU_* */
    /* Set by pager_run. */
    double set_h;      /* the height it is set at */
    int page;
    double y;          /* top of the unit (a heading in the band: the page's top) */
    bool in_band;      /* a heading that opens its page, set in the band */
} pg_unit;

typedef struct pg_config {
    double first_top;  /* where page 1's first unit may start */
    double top;        /* where a later page's first unit may start */
    double bottom;     /* where every page's units end, at the latest */
    double space, space_min, space_max;  /* between units */
    double heading_gap;                  /* a heading in the flow to its first unit */
    double min_fill;   /* every page but the last at least this full (0..1) */
    double stretch_to; /* a short page's spaces open up towards this (0..1) */
    double pic, pic_min, pic_step;       /* the picture, the least, the search's step */
    bool new_page;     /* every heading but the first starts a new page */
} pg_config;

typedef struct pg_page {
    size_t first, end; /* its units: [first, end) */
    double fill;       /* share of the page used, spaces opened up included */
    bool short_page;   /* a page that is not the last and ends under min_fill */
    bool lone;         /* a page after the first holding one unit alone */
} pg_page;

typedef struct pg_result {
    pg_page *pages;
    int npages;        /* at least 1 */
    double pic;        /* the picture every pictured unit was set with */
    size_t bad_unit;   /* pager_run failed: the unit that fits on no page, */
    double over;       /* and by how much it is too tall */
} pg_result;

/* Sets every unit's set_h, page, y and in_band, and r.  Returns 0, or -1
 * when a unit is taller than a page even with the least picture (then
 * r->bad_unit and r->over say which and by how much). */
int pager_run(lp_arena *a, const pg_config *c, pg_unit *u, size_t n, pg_result *r);

#endif
