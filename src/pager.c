/* pager.c — page breaks over units that never split; see pager.h. */
#include "pager.h"

#include <math.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01

/* The costs rank layouts so that a short page (units could have come up
 * from the next page), or a page holding one unit alone, is chosen only
 * when nothing else fits; a page whose spaces had to open up counts as
 * shorter than one that is full. */
#define COST_SHORT 1e4
#define COST_LONE 1e6
/* An attached unit (a word box) on the page after the one it follows: worse
 * than any page that ends short, as DESIGN.md keeps a word box on its row's
 * page; better only than a unit alone on a page. */
#define COST_SPLIT 1e5

enum { PAGE_SHORT = 1, PAGE_LONE = 2 };

typedef struct pager {
    const pg_config *c;
    pg_unit *u;
    size_t n;
} pager;

static double avail_of(const pager *p, size_t i)
{
    return p->c->bottom - (i == 0 ? p->c->first_top : p->c->top);
}

/* Does units[k] take no room on a page that starts at i: a heading that
 * opens a later page (it goes in the band), or a page break? */
static bool unshown(const pager *p, size_t i, size_t k)
{
    unsigned f = p->u[k].flags;
    return (k == i && i > 0 && (f & PU_HEADING)) || (f & PU_BREAK);
}

/* Does the page that ends at j end where the author asked (a page break,
 * or a heading under new_page)? */
static bool asked_end(const pager *p, size_t j)
{
    return j < p->n && ((p->u[j - 1].flags & PU_BREAK) ||
                        (p->c->new_page && (p->u[j].flags & PU_HEADING)));
}

/* The height units[i..j) take on a page of their own: a heading in the
 * flow is heading_gap from its first unit, other units are space apart.
 * *nrow counts the spaces between units, *nhead the heading gaps and the
 * spaces above attached units (they never close). */
static double run_height(const pager *p, size_t i, size_t j, int *nrow, int *nhead)
{
    double h = 0, gap = 0;
    int n = 0, nh = 0;
    bool row_gap = false, started = false;
    for (size_t k = i; k < j; k++) {
        const pg_unit *u = &p->u[k];
        if (unshown(p, i, k)) continue;
        if (started) {
            bool fixed = !row_gap || (u->flags & PU_ATTACHED);
            n += !fixed;
            nh += fixed;
        }
        started = true;
        h += gap + u->set_h;
        row_gap = !(u->flags & PU_HEADING);
        gap = row_gap ? p->c->space : p->c->heading_gap;
    }
    *nrow = n;
    *nhead = nh;
    return h;
}

/* How much each space on the page moves from its natural size: negative
 * when units close up (to space_min) so that units[i..j) fit, positive when
 * a page that is not the last would end short and its spaces open up (to
 * space_max).  NAN when the units do not fit.  *natural: their height. */
static double page_delta(const pager *p, size_t i, size_t j, bool last, double *natural)
{
    const pg_config *c = p->c;
    int nrow, nhead;
    double h = run_height(p, i, j, &nrow, &nhead);
    double avail = avail_of(p, i);
    *natural = h;
    if (h > avail + EPS) {
        if (nrow == 0) return NAN;
        double s = (h - avail) / nrow;
        return s <= c->space - c->space_min + EPS ? -s : NAN;
    }
    if (last || h >= c->min_fill * avail || nrow + nhead == 0) return 0;
    double s = (c->stretch_to * avail - h) / (nrow + nhead);
    return fmin(s, c->space_max - c->space);
}

/* How many of units[i..j) show on the page, and how many of those are boxes. */
static size_t shown_units(const pager *p, size_t i, size_t j, size_t *boxes)
{
    size_t n = 0;
    *boxes = 0;
    for (size_t k = i; k < j; k++) {
        if (unshown(p, i, k)) continue;
        n++;
        *boxes += (p->u[k].flags & PU_BOX) != 0;
    }
    return n;
}

/* A page holding one unit alone: a box anywhere, or (on a page after the
 * first) anything on the last page or one the author ends.  A heading in
 * the band does not count as a second unit. */
static bool lone(const pager *p, size_t i, size_t j)
{
    size_t boxes, shown = shown_units(p, i, j, &boxes);
    if (shown == 1 && boxes == 1) return true;
    return (j == p->n || asked_end(p, j)) && i > 0 && shown == 1;
}

/* The page units[i..j) make, h tall with its spaces moved by delta: its
 * fill and faults (PAGE_SHORT, PAGE_LONE).  Returns its cost. */
static double page_cost(const pager *p, size_t i, size_t j, double h, double delta, bool asked,
                        double *fill, unsigned *faults)
{
    int nrow, nhead;
    run_height(p, i, j, &nrow, &nhead);
    double avail = avail_of(p, i);
    double set = h + (delta > 0 ? delta * (nrow + nhead) : 0);
    double natural = fmin(h, avail) / avail, cost = 1;
    *fill = fmin(set, avail) / avail;
    *faults = 0;
    if (j < p->n && !asked) {
        if (*fill < p->c->min_fill - EPS) {
            cost += COST_SHORT * (p->c->min_fill - *fill);
            *faults |= PAGE_SHORT;
        }
        cost += (1 - natural) * (1 - natural);
    }
    if (lone(p, i, j)) {
        cost += COST_LONE;
        *faults |= PAGE_LONE;
    }
    /* An attached unit that follows onto the next page. */
    if (j < p->n && (p->u[j].flags & PU_ATTACHED)) cost += COST_SPLIT;
    return cost;
}

/* Chooses the page breaks for the units' present heights: next[i] is where
 * the page that starts at unit i ends, *faults what is wrong with any page
 * of the chosen layout.  Returns the cost of the whole, or -1 when a unit
 * does not fit on a page at all (r says which). */
static double break_pages(const pager *p, lp_arena *a, size_t *next, unsigned *faults,
                          pg_result *r)
{
    size_t n = p->n;
    double *best = arena_alloc(a, (n + 1) * sizeof *best);
    unsigned *fault = arena_alloc(a, (n + 1) * sizeof *fault);
    best[n] = 0;
    fault[n] = 0;
    for (size_t i = n; i-- > 0;) {
        best[i] = INFINITY;
        next[i] = n;
        for (size_t j = i + 1; j <= n; j++) {
            const pg_unit *last = &p->u[j - 1];
            /* With new_page, a heading starts the page it is on. */
            if (p->c->new_page && (last->flags & PU_HEADING) && j - 1 > i && j - 1 > 0) break;
            if (j - 1 > i && (p->u[j - 2].flags & PU_BREAK)) break;
            /* A page break the author asked for ends the page however full. */
            bool asked = (last->flags & PU_BREAK) || asked_end(p, j);
            double h;
            double delta = page_delta(p, i, j, j == n || asked, &h);
            if (isnan(delta)) {
                if (j == i + 1) {
                    r->bad_unit = i;
                    r->over = h - avail_of(p, i);
                    return -1;
                }
                break;
            }
            /* A heading is never the last thing on a page, and a page
             * break belongs to the page it ends. */
            if (((last->flags & PU_KEEP_NEXT) || (j < n && (p->u[j].flags & PU_BREAK))) && j < n)
                continue;
            double fill;
            unsigned pf;
            double cost = page_cost(p, i, j, h, delta, asked, &fill, &pf);
            if (cost + best[j] < best[i]) {
                best[i] = cost + best[j];
                next[i] = j;
                fault[i] = pf | fault[j];
            }
        }
        if (best[i] == INFINITY) {
            /* Only a heading with no room for its first unit gets here. */
            next[i] = i + 1;
            best[i] = COST_LONE + best[i + 1];
            fault[i] = PAGE_LONE | fault[i + 1];
        }
    }
    *faults = fault[0];
    return best[0];
}

/* Sets the pictured units at picture size pic. */
static void set_picture(pager *p, double pic)
{
    for (size_t k = 0; k < p->n; k++)
        p->u[k].set_h = (p->u[k].flags & PU_PICTURED) ? fmax(p->u[k].h, pic) : p->u[k].h;
}

/* Places units on the pages next[] chooses: page, y, in_band; r's pages. */
static void place(pager *p, lp_arena *a, const size_t *next, pg_result *r)
{
    const pg_config *c = p->c;
    size_t n = p->n;
    int npages = 0;
    for (size_t i = 0; i < n; i = next[i]) npages++;
    r->npages = npages ? npages : 1;
    r->pages = arena_alloc(a, (size_t)r->npages * sizeof *r->pages);
    memset(r->pages, 0, (size_t)r->npages * sizeof *r->pages);
    int page = 0;
    for (size_t i = 0; i < n; page++) {
        size_t j = next[i];
        double y = page == 0 ? c->first_top : c->top, gap = 0, h;
        bool asked = (p->u[j - 1].flags & PU_BREAK) || asked_end(p, j);
        double delta = page_delta(p, i, j, j == n || asked, &h);
        pg_page *pg = &r->pages[page];
        unsigned faults;
        pg->first = i;
        pg->end = j;
        page_cost(p, i, j, h, delta, asked, &pg->fill, &faults);
        pg->short_page = j < n && !asked && pg->fill * avail_of(p, i) < c->min_fill * avail_of(p, i) - EPS;
        pg->lone = (faults & PAGE_LONE) != 0;
        for (size_t k = i; k < j; k++) {
            pg_unit *u = &p->u[k];
            u->page = page;
            u->in_band = false;
            u->y = y;
            if (u->flags & PU_BREAK) continue;
            if (k == i && page > 0 && (u->flags & PU_HEADING)) {
                u->in_band = true;
                continue;
            }
            /* An attached unit under its unit: opens up, never closes. */
            if ((u->flags & PU_ATTACHED) && k > i) gap = c->space + (delta > 0 ? delta : 0);
            u->y = y + gap;
            y = u->y + u->set_h;
            bool head = (u->flags & PU_HEADING) != 0;
            gap = (head ? c->heading_gap : c->space) + (head && delta < 0 ? 0 : delta);
        }
        i = j;
    }
}

int pager_run(lp_arena *a, const pg_config *c, pg_unit *u, size_t n, pg_result *r)
{
    pager p = {c, u, n};
    memset(r, 0, sizeof *r);
    size_t *next = arena_alloc(a, (n + 1) * sizeof *next);
    size_t *try = arena_alloc(a, (n + 1) * sizeof *try);
    double chosen = c->pic, least = fmin(c->pic_min, c->pic);
    unsigned faults;
    set_picture(&p, chosen);
    double cost = break_pages(&p, a, next, &faults, r);
    if (cost < 0) return -1;
    for (double s = chosen - c->pic_step;
         faults && c->pic_step > 0 && s > least - c->pic_step + EPS; s -= c->pic_step) {
        double pic = fmax(s, least);
        set_picture(&p, pic);
        unsigned f;
        double t = break_pages(&p, a, try, &f, r);
        if (t < 0) return -1;
        if (!f || t < cost) {
            cost = t;
            faults = f;
            chosen = pic;
            memcpy(next, try, (n + 1) * sizeof *next);
        }
    }
    set_picture(&p, chosen);
    r->pic = chosen;
    place(&p, a, next, r);
    return 0;
}
