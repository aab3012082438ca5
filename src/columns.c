/* columns.c — two columns of frames side by side: where they end, the
 * balancing search and vertical justification (columns.h). */
#include "columns.h"

#include "framecheck.h"

#include <math.h>
#include <string.h>

/* Column heights tried when balancing differ by less than this. */
#define BALANCE_STEP 1.0
/* Column heights tried above the shortest, in steps of a line / this, up to
 * this many: a block kept whole moves between the columns within them. */
#define BALANCE_PER_LINE 4
#define BALANCE_TRIES 48
/* A gap between blocks stretches by at most this share of its own space
 * (to one and a half times it); STRETCH_LAST only where the columns would
 * otherwise end more than two lines apart. */
#define STRETCH_MAX 0.5
#define STRETCH_LAST 1.5
/* Columns that cannot end within `allowed` of each other have paragraphs
 * set a line looser or tighter: at most this many are tried, the cheapest
 * first. */
#define LOOSE_TRIES 6

double col_end(const fl_writer *w, const fl_frame *f, const lp_box **last)
{
    double end = f->y;
    *last = NULL;
    for (size_t i = 0; i < w->pg->boxes.n; i++) {
        const lp_box *bx = &w->pg->boxes.v[i];
        if (bx->page != f->page || bx->x < f->x - 0.01 || bx->x >= f->x + f->w || bx->y < f->y - 0.01) continue;
        double foot;
        double top;
        if (bx->kind == BOX_TEXT) foot = bx->y;
        else if (bx->kind == BOX_ICON) frame_icon_span(w->ctx->fonts, bx, &top, &foot);
        else if (bx->kind == BOX_RECT || bx->kind == BOX_IMAGE) foot = bx->y + bx->h;
        else continue;
        if (foot > f->y + f->h + 0.01) continue;
        if (foot > end) end = foot, *last = bx;
    }
    return end;
}

/* How far apart the two columns of the side starting at frame `first` end
 * (the lowest baseline, or foot of a picture or panel, in each), in pt; a
 * column with nothing in it ends at its top.  Infinite when a column ends
 * in a heading (its text went on to the next column). */
double col_gap(const fl_writer *w, size_t first)
{
    double end[2];
    for (int c = 0; c < 2; c++) {
        const lp_box *last;
        end[c] = col_end(w, &w->frames.v[first + (size_t)c], &last);
        if (last && last->kind == BOX_TEXT && last->snode >= 0 &&
            (size_t)last->snode < w->pg->snodes.n) {
            const char *role = w->pg->snodes.v[last->snode].role;
            if (role && role[0] == 'H' && role[1] >= '1' && role[1] <= '6') return INFINITY;
        }
    }
    return fabs(end[0] - end[1]);
}

double col_pair_end(const fl_writer *w, size_t first, double top)
{
    const lp_box *last;
    double e = top;
    for (int c = 0; c < 2; c++) {
        double ce = col_end(w, &w->frames.v[first + (size_t)c], &last);
        if (last && ce > e) e = ce;
    }
    return e;
}

bool col_inside_frame(const lp_pages *pg, int k, int id)
{
    for (int depth = 0; k > 0 && (size_t)k <= pg->frames.n && depth < 64; depth++) {
        if (k == id) return true;
        k = pg->frames.v[k - 1].parent;
    }
    return false;
}

/* Where a column may stretch: the gaps between its blocks (more than a
 * line and a fifth between baselines) whose boundary (a line above the
 * next baseline) cuts no panel, picture or nested frame, each by at most
 * max times its own space; and where the column ends (its lowest baseline,
 * or foot of a panel or picture). */
typedef struct col_gaps {
    double *at, *room;
    size_t n;
    double total, end;
} col_gaps;

static void column_gaps(fl_writer *w, const fl_frame *f, double line, double max, col_gaps *cg)
{
    lp_pages *pg = w->pg;
    cg->end = f->y;
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *bx = &pg->boxes.v[i];
        if (bx->page != f->page || !col_inside_frame(pg, bx->frame, f->id)) continue;
        double foot = bx->kind == BOX_TEXT ? bx->y : bx->y + bx->h;
        if (bx->kind != BOX_LINK && foot > cg->end) cg->end = foot;
    }
    /* The column's lines (baselines), in order. */
    size_t n = 0;
    double *ys = arena_alloc(w->ctx->arena, (pg->boxes.n + 1) * sizeof *ys);
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *bx = &pg->boxes.v[i];
        if (bx->kind != BOX_TEXT || bx->page != f->page || !col_inside_frame(pg, bx->frame, f->id)) continue;
        size_t k = n;
        while (k > 0 && ys[k - 1] > bx->y) k--;
        if (k > 0 && fabs(ys[k - 1] - bx->y) < 0.5) continue;
        if (k < n && fabs(ys[k] - bx->y) < 0.5) continue;
        memmove(ys + k + 1, ys + k, (n - k) * sizeof *ys);
        ys[k] = bx->y;
        n++;
    }
    cg->at = arena_alloc(w->ctx->arena, (n + 1) * sizeof *cg->at);
    cg->room = arena_alloc(w->ctx->arena, (n + 1) * sizeof *cg->room);
    cg->n = 0;
    cg->total = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        double gap = ys[k + 1] - ys[k];
        if (gap <= line * 1.2) continue;
        double b = ys[k + 1] - line;
        bool cut = false;
        for (size_t i = 0; i < pg->boxes.n && !cut; i++) {
            const lp_box *bx = &pg->boxes.v[i];
            if ((bx->kind == BOX_RECT || bx->kind == BOX_IMAGE) && bx->page == f->page &&
                col_inside_frame(pg, bx->frame, f->id) && bx->y < b && bx->y + bx->h > b)
                cut = true;
        }
        for (size_t i = 0; i < pg->frames.n && !cut; i++) {
            const lp_frame *fr = &pg->frames.v[i];
            if ((int)i + 1 != f->id && col_inside_frame(pg, (int)i + 1, f->id) && fr->y < b && fr->y + fr->h > b)
                cut = true;
        }
        if (cut) continue;
        cg->at[cg->n] = b;
        cg->room[cg->n] = max * (gap - line);
        cg->total += cg->room[cg->n];
        cg->n++;
    }
}

/* The foot of the column's frame as laid out. */
static double frame_foot(const fl_writer *w, const fl_frame *f)
{
    const lp_pages *pg = w->pg;
    if (f->id > 0 && (size_t)f->id <= pg->frames.n) return pg->frames.v[f->id - 1].y + pg->frames.v[f->id - 1].h;
    return f->y + f->h;
}

/* Moves the column's end down by need (at most cg->total), each gap
 * stretched in proportion to its room; boxes inside a panel or picture
 * move with it, never apart.  grow: the column's frame grows by as much
 * (its text went down past the height it was balanced at). */
static void stretch(fl_writer *w, const fl_frame *f, const col_gaps *cg, double need, bool grow)
{
    lp_pages *pg = w->pg;
    if (need <= 0 || cg->n == 0 || cg->total <= 0) return;
    if (need > cg->total) need = cg->total;
    if (grow && f->id > 0 && (size_t)f->id <= pg->frames.n) pg->frames.v[f->id - 1].h += need;
    double share = need / cg->total;
    /* Each box and nested frame moves down by the stretch of the gaps above it. */
    for (size_t i = 0; i < pg->boxes.n; i++) {
        lp_box *bx = &pg->boxes.v[i];
        if (bx->page != f->page || !col_inside_frame(pg, bx->frame, f->id)) continue;
        double dy = 0;
        for (size_t k = 0; k < cg->n; k++)
            if (bx->y >= cg->at[k]) dy += cg->room[k] * share;
        bx->y += dy;
    }
    for (size_t i = 0; i < pg->frames.n; i++) {
        lp_frame *fr = &pg->frames.v[i];
        if ((int)i + 1 == f->id || !col_inside_frame(pg, (int)i + 1, f->id)) continue;
        double dy = 0;
        for (size_t k = 0; k < cg->n; k++)
            if (fr->y >= cg->at[k]) dy += cg->room[k] * share;
        fr->y += dy;
    }
}

/* Vertical justification of a side's two columns, by fractions of a
 * millimetre a gap, no gap growing past one and a half times its space
 * (STRETCH_MAX).  On the side with the key-contacts strip (fill: the
 * columns' foot above it) both columns stretch together toward it, as far
 * as their gaps allow and no further than the shorter can follow, so they
 * end level; what is left stays after the last block, above the strip
 * (when the shorter cannot reach the longer, it comes as near as it can).
 * Elsewhere only the shorter one stretches, and only when the columns end
 * more than `allowed` apart, to `target` from the other's end.  Only when
 * that cap would leave the columns more than `allowed` apart (a short
 * guide whose blocks cannot be split evenly) does the shorter column's
 * space stretch further (STRETCH_LAST): DESIGN.md's two lines come first. */
void col_justify(fl_writer *w, size_t first, double line, double allowed, double target, double fill)
{
    col_gaps cg[2];
    const fl_frame *f[2] = {&w->frames.v[first], &w->frames.v[first + 1]};
    for (int c = 0; c < 2; c++) column_gaps(w, f[c], line, STRETCH_MAX, &cg[c]);
    int s = cg[0].end < cg[1].end ? 0 : 1;
    double hi = cg[1 - s].end, diff = hi - cg[s].end;
    if (diff - cg[s].total > allowed + 0.01) {
        col_gaps wide;
        column_gaps(w, f[s], line, STRETCH_LAST, &wide);
        stretch(w, f[s], &wide, diff - target, false);
        return;
    }
    if (fill > 0) {
        double to = INFINITY, reach[2];
        for (int c = 0; c < 2; c++) {
            /* Neither past its gaps' room nor, with what hangs below its
             * last baseline, past the foot it may reach. */
            reach[c] = cg[c].end + fmax(0, fmin(cg[c].total, fill - frame_foot(w, f[c])));
            if (reach[c] < to) to = reach[c];
        }
        /* The shorter cannot reach the longer: it comes as near as it can. */
        if (to < hi) to = hi;
        for (int c = 0; c < 2; c++) stretch(w, f[c], &cg[c], fmin(to, reach[c]) - cg[c].end, true);
        return;
    }
    if (diff <= allowed + 0.01) return;
    stretch(w, f[s], &cg[s], diff - target, false);
}


/* The shortest column height that holds everything, then the height near
 * it at which the columns end closest together (w laid out with col_h 0
 * first); leaves w laid out at it and returns it, or -1. */
static double balance_search(fl_writer *w, size_t first, double line, col_layout_fn lay, void *arg)
{
    double full = w->frames.v[first].h;
    double hi = full;
    /* Two columns can be no shorter than half of what the text used. */
    double used = w->cur < first ? 0 : w->cur == first ? w->y : hi + w->y;
    double lo = used / 2 - BALANCE_STEP;
    if (lo < 0 || lo > hi) lo = 0;
    while (hi - lo > BALANCE_STEP) {
        double mid = (lo + hi) / 2;
        if (lay(arg, mid) != 0) return -1;
        if (w->full) lo = mid;
        else hi = mid;
    }
    double best = hi, best_diff = INFINITY;
    for (int k = 0; k <= BALANCE_TRIES; k++) {
        double h = hi + k * line / BALANCE_PER_LINE;
        if (h > full + BALANCE_STEP) break;
        if (h > full) h = full;
        if (lay(arg, h) != 0) return -1;
        if (w->full) continue;
        double diff = col_gap(w, first);
        if (diff < best_diff - 0.5) best = h, best_diff = diff;
        if (best_diff <= line / 2) break;
    }
    if (lay(arg, best) != 0) return -1;
    return best;
}

/* How far apart the two columns starting at frame `first` still end when
 * the shorter has stretched its gaps as far as col_justify lets it without
 * resorting to STRETCH_LAST: 0 when they can end level, infinite when a
 * column ends in a heading. */
static double shortfall(fl_writer *w, size_t first, double line)
{
    double gap = col_gap(w, first);
    if (!isfinite(gap)) return gap;
    col_gaps cg[2];
    for (int c = 0; c < 2; c++) column_gaps(w, &w->frames.v[first + (size_t)c], line, STRETCH_MAX, &cg[c]);
    int s = cg[0].end < cg[1].end ? 0 : 1;
    return fmax(0, cg[1 - s].end - cg[s].end - cg[s].total);
}

typedef struct loose_try {
    const lp_block *para;
    int looseness;
    double cost;
} loose_try;

double col_balance(fl_writer *w, size_t first, double line, double allowed, col_layout_fn lay, void *arg)
{
    double best = balance_search(w, first, line, lay, arg);
    if (best < 0) return -1;
    /* Columns within `allowed` already need no stretch to get there. */
    if (col_gap(w, first) <= allowed + 0.01) return best;
    double worst = shortfall(w, first, line);
    if (worst <= allowed + 0.01) return best;
    /* No height brings the columns within `allowed` (a heading keeps two
     * lines of its text, a paragraph splits only with two lines on each
     * side): a paragraph of these columns set a line looser or tighter
     * than its best may (TeX's \looseness), by splitting where it could
     * not or moving a line between the columns.  The paragraphs flowed
     * into them are listed, and tried the cheapest first (the fewest
     * demerits added), each at its own balanced height; the first that
     * brings the columns within `allowed` is kept, else the one that
     * brings them nearest, when it gains at least a line. */
    fl_list_paras(w, true);
    int rc = lay(arg, best);
    fl_list_paras(w, false);
    if (rc != 0) return -1;
    size_t n = 0;
    loose_try *tries = arena_alloc(w->ctx->arena, (2 * w->paras.n + 1) * sizeof *tries);
    for (size_t i = 0; i < w->paras.n; i++) {
        const fl_para_set *p = &w->paras.v[i];
        if (p->frame < first || p->looseness) continue;
        for (int l = 1; l >= -1; l -= 2) {
            double cost = fl_loose_cost(w, p, l);
            if (cost < 0) return -1;
            if (!isfinite(cost)) continue;
            size_t k = n++;
            while (k > 0 && tries[k - 1].cost > cost) tries[k] = tries[k - 1], k--;
            tries[k] = (loose_try){p->para, l, cost};
        }
    }
    /* The single paragraph that does best; when that is not enough, a
     * second with it, where the pair does better by half a line.  What is
     * found is kept when it brings the columns within `allowed`, or nearer
     * by a line. */
    const loose_try *pick[2] = {NULL, NULL};
    double pick_h[2] = {best, best}, pick_short[2] = {worst, worst};
    for (int round = 0; round < 2; round++) {
        if (round == 1 && (!pick[0] || pick_short[0] <= allowed + 0.01)) break;
        if (round == 1) fl_loosen(w, pick[0]->para, pick[0]->looseness);
        double need = round == 0 ? worst - 0.5 : pick_short[0] - line / 2;
        for (size_t i = 0, tried = 0; i < n && tried < LOOSE_TRIES; i++) {
            if (round == 1 && tries[i].para == pick[0]->para) continue;
            if (!fl_loosen(w, tries[i].para, tries[i].looseness)) break;
            tried++;
            double h = lay(arg, 0) == 0 ? balance_search(w, first, line, lay, arg) : -1;
            if (h < 0) return -1;
            double sf = w->full ? INFINITY : shortfall(w, first, line);
            fl_loosen(w, tries[i].para, 0);
            if (sf < need) pick[round] = &tries[i], pick_h[round] = h, pick_short[round] = sf, need = sf - 0.5;
            if (pick_short[round] <= allowed + 0.01) break;
        }
    }
    int use = pick[1] ? 1 : 0;
    bool keep = pick[use] && (pick_short[use] <= allowed + 0.01 || pick_short[use] < worst - line);
    for (int r = 0; r < 2; r++)
        if (pick[r]) fl_loosen(w, pick[r]->para, keep && r <= use ? pick[r]->looseness : 0);
    double chosen_h = keep ? pick_h[use] : best;
    if (lay(arg, chosen_h) != 0) return -1;
    return chosen_h;
}
