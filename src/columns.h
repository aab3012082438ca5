/* columns.h — text set in two columns of frames, side by side: where a
 * column ends, how far apart two columns end, the search for the column
 * height at which they end closest together, and vertical justification
 * (the gaps between blocks stretched so the columns end level).  Shared by
 * every format that sets its body in columns (the one-minute guide; the
 * booklet and the tri-fold set text in frames too). */
#ifndef LP_COLUMNS_H
#define LP_COLUMNS_H

#include "flow.h"

/* Where a column ends: its lowest baseline, or foot of a picture or panel
 * (its top when it holds nothing); *last: the box that ends it. */
double col_end(const fl_writer *w, const fl_frame *f, const lp_box **last);

/* How far apart the two columns starting at frame `first` end, in pt;
 * infinite when a column ends in a heading (its text went on to the next
 * column). */
double col_gap(const fl_writer *w, size_t first);

/* Where the two columns starting at frame `first` end: the lower of the
 * two, or `top` when both are empty. */
double col_pair_end(const fl_writer *w, size_t first, double top);

/* Is frame k (a box's or a frame's, 1-based; 0: the page) inside frame id? */
bool col_inside_frame(const lp_pages *pg, int k, int id);

/* Lays the whole document out afresh with the balanced columns `col_h`
 * high at most (0: as high as the page allows); w->full when the text did
 * not fit.  0, or -1 on an error (already reported). */
typedef int (*col_layout_fn)(void *arg, double col_h);

/* Balances the two columns starting at frame `first` (w laid out with
 * col_h 0): the shortest column height that still holds everything, then
 * the height near it at which the two columns end closest together (a
 * heading kept with its text, or a paragraph kept whole, can leave the
 * first column short).  When no height brings them within `allowed` of
 * each other (once col_justify has stretched the shorter), a paragraph of
 * theirs is set a line looser or tighter where that does (fl_loosen; it
 * stays so for the document's later layouts).  `line`: the body's
 * leading.  Leaves w laid out at that height and returns it, or -1 on an
 * error. */
double col_balance(fl_writer *w, size_t first, double line, double allowed, col_layout_fn lay, void *arg);

/* Vertical justification of the two columns starting at frame `first`:
 * see columns.c.  allowed: how far apart they may end; target: how far
 * apart the shorter is brought when they end further; fill > 0: both
 * stretch together toward it (the foot they may reach). */
void col_justify(fl_writer *w, size_t first, double line, double allowed, double target, double fill);

#endif
