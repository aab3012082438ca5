/* panels.h — the panels of a folded sheet, as its layout arranges them.
 *
 * A layout of a folded sheet lists each panel under panels.<name>: the side
 * of the sheet it is printed on (outside: page 1, seen with the leaflet
 * closed; inside: page 2), its place on that side (at: 1 is the left as the
 * sheet lies), its width, its background and its role: the cover, the back
 * panel, or one of the panels the document's text flows through (with its
 * place in the reading order).  Nothing about which panel does what is
 * written in C. */
#ifndef LP_PANELS_H
#define LP_PANELS_H

#include "layout_spec.h"

/* Panels on one side of the sheet, and on both. */
#define PANELS_SIDE_MAX 4
#define PANELS_MAX (2 * PANELS_SIDE_MAX)

typedef enum { PANEL_FLOW, PANEL_COVER, PANEL_BACK } lp_panel_role;

typedef struct lp_panel {
    char name[64]; /* "inside.left": its side and its key under panels */
    int page;         /* 0: outside, 1: inside */
    int at;           /* 1-based, from the left as the sheet lies */
    double x, w;      /* the whole panel, fold to fold (pt) */
    lp_color bg;
    lp_panel_role role;
    int order; /* a flow panel's place in the reading order, 1-based */
} lp_panel;

typedef struct lp_panels {
    lp_panel p[PANELS_MAX]; /* by page, then from the left */
    size_t n;
    const lp_panel *flow[PANELS_MAX]; /* the flow panels in reading order */
    size_t nflow;
    const lp_panel *cover, *back;
    double folds[2][PANELS_SIDE_MAX]; /* each side's folds, from the left */
    int nfolds[2];
} lp_panels;

/* Reads panels: for a sheet page_w wide and checks the arrangement: one
 * cover and one back panel, flow panels each with its own place in the
 * reading order, each side's places 1, 2, ... with widths adding up to the
 * page, the same number of panels on both sides and each fold through both
 * (the inside's folds are the outside's seen from behind).  An error at the
 * key's file:line:col, with a hint, for the first thing wrong; 0 or -1. */
int panels_read(const lp_spec *s, double page_w, lp_panels *out, lp_diag *d);

#endif
