/* linebreak.c — Knuth–Plass total-fit line breaking (Knuth & Plass 1981,
 * "Breaking Paragraphs into Lines"; TeX §813–890), hyphenation through
 * libhyphen, and the paragraph setter that turns styled inlines into boxes,
 * glue and penalties and the chosen breaks back into positioned fragments. */
#include "linebreak.h"

#include "hyphtab.h"

#include <ctype.h>
#include <hyphen.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A glue whose stretch is at least this is infinitely stretchable (TeX's
 * "fil"): it absorbs any shortfall at no cost, so a paragraph's last line and
 * a line ended by a hard break are never penalised for being short. */
#define FIL_STRETCH LB_INF

/* Stretch or shrink below this is treated as none (sums of +s and -s glue
 * leave rounding residue that would otherwise give absurd ratios). */
#define EPS 1e-9

/* Badness of a line that cannot stretch at all but is short: worse than any
 * finite ratio within reach, still finite so emergency demerits can sum. */
#define BAD_NO_STRETCH 1e12

/* Four fitness classes as in TeX, ordered tight..very loose so that
 * "adjacent classes differ by more than one" is a plain subtraction. */
enum { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE, FIT_COUNT };

/* A break that was once feasible: the chain of these is the answer. */
typedef struct passive {
    size_t pos;
    struct passive *prev;
} passive;

/* A break still able to start a line.  Active nodes are kept sorted by line
 * class so that nodes with different line widths ahead never compete. */
typedef struct active {
    struct active *next;
    passive *brk;      /* NULL for the paragraph start */
    size_t start;      /* first item of the line that follows this break */
    size_t lclass;     /* min(lines so far, nwidths - 1) */
    size_t line;       /* lines so far */
    int fitness;
    bool flagged;
    double total;      /* demerits of the best way to get here */
} active;

/* Prefix sums over items[0..i): widths, finite stretch, shrink, fil stretch. */
typedef struct sums {
    double *w, *y, *z, *f;
    size_t *next_start; /* first box or forced break at or after i */
} sums;

void lb_params_default(lb_params *p)
{
    p->tolerance = 2.0;
    p->line_penalty = 10.0;
    p->flagged_demerits = 3000.0;
    p->fitness_demerits = 3000.0;
    p->greedy = false;
    p->single_pass = false;
}

static bool is_forced(const lb_item *it) { return it->kind == LB_PENALTY && it->penalty <= -LB_INF; }

/* TeX's legal breakpoints: glue after a box, or a penalty below infinity. */
static bool is_legal_break(const lb_item *items, size_t i)
{
    if (items[i].kind == LB_GLUE) return i > 0 && items[i - 1].kind == LB_BOX;
    if (items[i].kind == LB_PENALTY) return items[i].penalty < LB_INF;
    return false;
}

static void sums_build(sums *s, const lb_item *items, size_t n, lp_arena *a)
{
    s->w = arena_alloc(a, (n + 1) * sizeof *s->w);
    s->y = arena_alloc(a, (n + 1) * sizeof *s->y);
    s->z = arena_alloc(a, (n + 1) * sizeof *s->z);
    s->f = arena_alloc(a, (n + 1) * sizeof *s->f);
    s->next_start = arena_alloc(a, (n + 1) * sizeof *s->next_start);
    for (size_t i = 0; i < n; i++) {
        const lb_item *it = &items[i];
        s->w[i + 1] = s->w[i];
        s->y[i + 1] = s->y[i];
        s->z[i + 1] = s->z[i];
        s->f[i + 1] = s->f[i];
        if (it->kind == LB_BOX) {
            s->w[i + 1] += it->width;
        } else if (it->kind == LB_GLUE) {
            s->w[i + 1] += it->width;
            s->z[i + 1] += it->shrink;
            if (it->stretch >= FIL_STRETCH) s->f[i + 1] += 1.0;
            else s->y[i + 1] += it->stretch;
        }
    }
    /* Glue and penalties after a break vanish (they are discardable), so the
     * next line starts at the following box; a forced break stops the skip so
     * that it still ends a (possibly empty) line. */
    s->next_start[n] = n;
    for (size_t i = n; i-- > 0;)
        s->next_start[i] =
            (items[i].kind == LB_BOX || is_forced(&items[i])) ? i : s->next_start[i + 1];
}

static double line_width_at(const double *widths, size_t nwidths, size_t line)
{
    return widths[line < nwidths ? line : nwidths - 1];
}

/* The adjustment ratio of the line items[start..b) ended by a break at b. */
static double ratio_of(const sums *s, const lb_item *items, size_t start, size_t b, double target)
{
    double nat = s->w[b] - s->w[start];
    if (items[b].kind == LB_PENALTY) nat += items[b].width;
    double diff = target - nat;
    if (diff > EPS) {
        if (s->f[b] - s->f[start] > 0.5) return 0.0;
        double y = s->y[b] - s->y[start];
        return y > EPS ? diff / y : INFINITY;
    }
    if (diff < -EPS) {
        double z = s->z[b] - s->z[start];
        return z > EPS ? diff / z : -INFINITY;
    }
    return 0.0;
}

static double badness_of(double r)
{
    if (isinf(r)) return BAD_NO_STRETCH;
    double ar = fabs(r);
    return 100.0 * ar * ar * ar;
}

static int fitness_of(double r)
{
    if (r < -0.5) return FIT_TIGHT;
    if (r <= 0.5) return FIT_DECENT;
    if (r <= 1.0) return FIT_LOOSE;
    return FIT_VERY_LOOSE;
}

static double demerits_of(const lb_params *p, const lb_item *brk, double bad, bool prev_flagged,
                          int prev_fit, int fit)
{
    double lb = p->line_penalty + bad;
    double d = lb * lb;
    if (brk->kind == LB_PENALTY) {
        double pen = brk->penalty;
        if (pen >= 0) d += pen * pen;
        else if (pen > -LB_INF) d -= pen * pen;
    }
    bool flagged = brk->kind == LB_PENALTY && brk->flagged;
    if (flagged && prev_flagged) d += p->flagged_demerits;
    if (abs(fit - prev_fit) > 1) d += p->fitness_demerits;
    return d;
}

typedef struct pass_ctx {
    const lb_item *items;
    size_t n;
    const double *widths;
    size_t nwidths;
    const lb_params *p;
    const sums *s;
    lp_arena *a;
    double tolerance;
    bool emergency;
    /* Every count of lines so far is a class of its own (TeX's looseness:
     * easy_line made infinite), so the best way to end the paragraph in
     * each number of lines survives to its end (lb_break_lines). */
    bool by_line;
    active *head;
    active *free_nodes;
} pass_ctx;

typedef struct candidate {
    double total;
    active *from;
} candidate;

static active *node_new(pass_ctx *c)
{
    active *x = c->free_nodes;
    if (x) {
        c->free_nodes = x->next;
        memset(x, 0, sizeof *x);
        return x;
    }
    return arena_alloc(c->a, sizeof *x);
}

/* Creates the active nodes for a break at b from the best candidate of each
 * fitness class (TeX §836: classes much worse than the best are dropped,
 * since the fitness demerits alone could not make them win later). */
static void insert_candidates(pass_ctx *c, active ***link, size_t b, candidate *best)
{
    double minimum = INFINITY;
    for (int k = 0; k < FIT_COUNT; k++)
        if (best[k].from && best[k].total < minimum) minimum = best[k].total;
    if (isinf(minimum)) return;
    for (int k = 0; k < FIT_COUNT; k++) {
        if (!best[k].from || best[k].total > minimum + c->p->fitness_demerits) continue;
        passive *own = arena_alloc(c->a, sizeof *own);
        own->pos = b;
        own->prev = best[k].from->brk;
        active *x = node_new(c);
        x->brk = own;
        x->start = b + 1 < c->n ? c->s->next_start[b + 1] : c->n;
        x->lclass = best[k].from->lclass + 1 < c->nwidths ? best[k].from->lclass + 1 : c->nwidths - 1;
        x->line = best[k].from->line + 1;
        x->fitness = k;
        x->flagged = c->items[b].kind == LB_PENALTY && c->items[b].flagged;
        x->total = best[k].total;
        x->next = **link;
        **link = x;
        *link = &x->next;
    }
    for (int k = 0; k < FIT_COUNT; k++) best[k].from = NULL, best[k].total = INFINITY;
}

/* The class of nodes that compete with each other: the same width ahead,
 * or with by_line the same number of lines so far. */
static size_t class_of(const pass_ctx *c, const active *r) { return c->by_line ? r->line : r->lclass; }

/* Tries every active node against a break at b (TeX's try_break). */
static void try_break(pass_ctx *c, size_t b)
{
    const lb_item *brk = &c->items[b];
    bool forced = is_forced(brk);
    candidate best[FIT_COUNT];
    for (int k = 0; k < FIT_COUNT; k++) best[k].from = NULL, best[k].total = INFINITY;
    bool any = false;

    active **link = &c->head;
    size_t group = (size_t)-1;
    for (;;) {
        active *r = *link;
        if (!r || class_of(c, r) != group) {
            insert_candidates(c, &link, b, best);
            if (!r) break;
            group = class_of(c, r);
        }
        /* a line must hold something, unless a forced break ends it */
        if (r->start > b || (r->start == b && !forced)) {
            link = &r->next;
            continue;
        }
        double target = line_width_at(c->widths, c->nwidths, r->lclass);
        double ratio = ratio_of(c->s, c->items, r->start, b, target);
        bool drop = ratio < -1.0 - EPS || forced;
        bool feasible = ratio >= -1.0 - EPS && ratio <= c->tolerance;
        /* TeX §854: in the last pass the final surviving node is kept even
         * when its line is overfull, so some answer always exists. */
        if (!feasible && drop && c->emergency && !any && r == c->head && !r->next)
            feasible = true;
        if (feasible) {
            double bad = badness_of(ratio < -1.0 ? -1.0 : ratio);
            int fit = fitness_of(ratio);
            double total = r->total + demerits_of(c->p, brk, bad, r->flagged, r->fitness, fit);
            if (total < best[fit].total) {
                best[fit].total = total;
                best[fit].from = r;
            }
            any = true;
        }
        if (drop) {
            *link = r->next;
            /* candidates may still point at r: recycle it only after the
             * group's candidates have been turned into nodes */
            if (!any || !(best[0].from == r || best[1].from == r || best[2].from == r ||
                          best[3].from == r)) {
                r->next = c->free_nodes;
                c->free_nodes = r;
            }
        } else {
            link = &r->next;
        }
    }
}

static int collect(const active *last, lp_arena *a, size_t **breaks, size_t *nbreaks)
{
    size_t count = 0;
    for (const passive *q = last->brk; q; q = q->prev) count++;
    size_t *out = arena_alloc(a, (count ? count : 1) * sizeof *out);
    size_t i = count;
    for (const passive *q = last->brk; q; q = q->prev) out[--i] = q->pos;
    *breaks = out;
    *nbreaks = count;
    return 0;
}

/* One pass of total-fit at a given tolerance.  Returns 0 with the answer
 * (with lines > 0, the best of exactly that many lines: c->by_line), or -1
 * when the active list ran dry (no feasible breaks) or no answer has that
 * many lines. */
static int total_fit_pass(pass_ctx *c, size_t lines, size_t **breaks, size_t *nbreaks, double *demerits)
{
    c->free_nodes = NULL;
    c->head = node_new(c);
    c->head->start = c->s->next_start[0];
    c->head->fitness = FIT_DECENT;
    for (size_t b = 0; b < c->n; b++) {
        if (!is_legal_break(c->items, b)) continue;
        try_break(c, b);
        if (!c->head) return -1;
    }
    const active *bestnode = NULL;
    for (const active *r = c->head; r; r = r->next)
        if (r->brk && r->brk->pos == c->n - 1 && (!lines || r->line == lines) &&
            (!bestnode || r->total < bestnode->total))
            bestnode = r;
    if (!bestnode) return -1;
    *demerits = bestnode->total;
    return collect(bestnode, c->a, breaks, nbreaks);
}

/* First fit: each line takes every item that fits at natural width less its
 * shrink; demerits are counted the same way as total fit's for comparison. */
static int first_fit(const lb_item *items, size_t n, const double *widths, size_t nwidths,
                     const lb_params *p, const sums *s, lp_arena *a, size_t **breaks,
                     size_t *nbreaks, double *demerits)
{
    LP_VEC(size_t) out = {0};
    size_t start = s->next_start[0];
    size_t line = 0;
    int prev_fit = FIT_DECENT;
    bool prev_flagged = false, overfull = false;
    double total = 0;
    size_t b = 0;
    while (b < n) {
        double target = line_width_at(widths, nwidths, line);
        size_t chosen = n, first = n;
        for (size_t i = b; i < n; i++) {
            if (!is_legal_break(items, i) || i < start || (i == start && !is_forced(&items[i])))
                continue;
            double nat = s->w[i] - s->w[start];
            double pw = items[i].kind == LB_PENALTY ? items[i].width : 0;
            double shrink = s->z[i] - s->z[start];
            if (first == n) first = i;
            if (nat - shrink > target + EPS) break;
            if (nat + pw - shrink <= target + EPS) chosen = i;
            if (is_forced(&items[i])) break;
        }
        if (chosen == n) {
            chosen = first;
            overfull = true;
            if (chosen == n) return -1;
        }
        double ratio = ratio_of(s, items, start, chosen, target);
        int fit = fitness_of(ratio);
        total += demerits_of(p, &items[chosen], badness_of(ratio < -1.0 ? -1.0 : ratio),
                             prev_flagged, prev_fit, fit);
        prev_fit = fit;
        prev_flagged = items[chosen].kind == LB_PENALTY && items[chosen].flagged;
        VEC_PUSH(a, out, chosen);
        line++;
        if (chosen + 1 >= n) break;
        start = s->next_start[chosen + 1];
        b = chosen + 1;
    }
    *breaks = out.v;
    *nbreaks = out.n;
    *demerits = total;
    return overfull ? 1 : 0;
}

int lb_break(const lb_item *items, size_t n, const double *widths, size_t nwidths,
             const lb_params *p, lp_arena *a, size_t **breaks, size_t *nbreaks, double *demerits)
{
    *breaks = NULL;
    *nbreaks = 0;
    *demerits = 0;
    if (!items || n == 0 || !widths || nwidths == 0 || !is_forced(&items[n - 1])) return -1;
    lb_params defaults;
    if (!p) {
        lb_params_default(&defaults);
        p = &defaults;
    }
    sums s;
    sums_build(&s, items, n, a);
    if (p->greedy) return first_fit(items, n, widths, nwidths, p, &s, a, breaks, nbreaks, demerits);

    pass_ctx c = {items, n, widths, nwidths, p, &s, a, p->tolerance, false, false, NULL, NULL};
    if (total_fit_pass(&c, 0, breaks, nbreaks, demerits) == 0) return 0;
    if (p->single_pass) return 2;
    c.tolerance = 3.0 * p->tolerance;
    if (total_fit_pass(&c, 0, breaks, nbreaks, demerits) == 0) return 0;
    c.tolerance = INFINITY;
    c.emergency = true;
    if (total_fit_pass(&c, 0, breaks, nbreaks, demerits) == 0) return 1;
    return -1;
}

int lb_break_lines(const lb_item *items, size_t n, const double *widths, size_t nwidths, const lb_params *p,
                   size_t lines, lp_arena *a, size_t **breaks, size_t *nbreaks, double *demerits)
{
    *breaks = NULL;
    *nbreaks = 0;
    *demerits = 0;
    if (!items || n == 0 || !widths || nwidths == 0 || !is_forced(&items[n - 1]) || !p || lines == 0)
        return -1;
    sums s;
    sums_build(&s, items, n, a);
    /* One pass at the tolerance: a paragraph is never set looser than its
     * own best would be allowed to be (TeX stops at \tolerance too). */
    pass_ctx c = {items, n, widths, nwidths, p, &s, a, p->tolerance, false, true, NULL, NULL};
    return total_fit_pass(&c, lines, breaks, nbreaks, demerits) == 0 ? 0 : 2;
}

/* ------------------------------------------------------------ hyphenation */

/* libhyphen works on words up to MAX_CHARS; longer "words" are URLs or
 * chemical names we would not hyphenate anyway. */
#define HYPHEN_MAX_WORD 63
#define HYPHEN_LEFT_MIN 2
#define HYPHEN_RIGHT_MIN 3

static HyphenDict *hyph_dict;
static HyphenDict *hyph_built; /* hyph_dict made from the compiled tables (one allocation) */
static pthread_mutex_t hyph_lock = PTHREAD_MUTEX_INITIALIZER;

/* The compiled tables' transitions are read by libhyphen in place. */
_Static_assert(sizeof(lp_hyph_trans) == sizeof(HyphenTrans) &&
                   offsetof(lp_hyph_trans, ch) == offsetof(HyphenTrans, ch) &&
                   offsetof(lp_hyph_trans, new_state) == offsetof(HyphenTrans, new_state),
               "lp_hyph_trans is not libhyphen's HyphenTrans");

/* libhyphen's dictionary from patterns compiled at build time: no file,
 * no parsing, only the states (which hold pointers) are filled in; the
 * transitions and strings stay in the binary's read-only data, paged in as
 * words need them.  libhyphen only reads a dictionary while hyphenating. */
static HyphenDict *dict_from_table(const lp_hyph_table *t)
{
    size_t nstates = 0;
    for (int l = 0; l < t->nlevels; l++) nstates += (size_t)t->levels[l].num_states;
    HyphenDict *dicts = malloc((size_t)t->nlevels * sizeof *dicts + nstates * sizeof(HyphenState));
    if (!dicts) return NULL;
    HyphenState *st = (HyphenState *)(dicts + t->nlevels);
    for (int l = 0; l < t->nlevels; l++) {
        const lp_hyph_level *lv = &t->levels[l];
        HyphenDict *d = &dicts[l];
        memset(d, 0, sizeof *d);
        d->lhmin = lv->lhmin;
        d->rhmin = lv->rhmin;
        d->clhmin = lv->clhmin;
        d->crhmin = lv->crhmin;
        d->nohyphen = lv->nohyphen < 0 ? NULL : (char *)t->pool + lv->nohyphen;
        d->nohyphenl = lv->nohyphenl;
        d->num_states = lv->num_states;
        memcpy(d->cset, lv->cset, sizeof d->cset < sizeof lv->cset ? sizeof d->cset : sizeof lv->cset);
        d->utf8 = lv->utf8;
        d->states = st;
        d->nextlevel = l + 1 < t->nlevels ? &dicts[l + 1] : NULL;
        for (int i = 0; i < lv->num_states; i++, st++) {
            const lp_hyph_state *s = &lv->states[i];
            st->match = s->match < 0 ? NULL : (char *)t->pool + s->match;
            st->repl = s->repl < 0 ? NULL : (char *)t->pool + s->repl;
            st->replindex = s->replindex;
            st->replcut = s->replcut;
            st->fallback_state = s->fallback_state;
            st->num_trans = s->num_trans;
            st->trans = s->num_trans ? (HyphenTrans *)(lv->trans + s->trans) : NULL;
        }
    }
    return dicts;
}

int lb_hyphen_init(const char *dict_path, lp_diag *d)
{
    int rc = 0;
    pthread_mutex_lock(&hyph_lock);
    if (!hyph_dict) {
        hyph_dict = dict_path ? hnj_hyphen_load(dict_path) : (hyph_built = dict_from_table(&lp_hyph_en_gb));
        if (!hyph_dict) {
            diag_error(d, dict_path ? dict_path : lp_hyph_en_gb.source, 0, 0,
                       dict_path ? "give a libhyphen pattern file (.dic)" : NULL,
                       dict_path ? "cannot load hyphenation patterns" : "out of memory for hyphenation patterns");
            rc = -1;
        }
    }
    pthread_mutex_unlock(&hyph_lock);
    return rc;
}

void lb_hyphen_shutdown(void)
{
    pthread_mutex_lock(&hyph_lock);
    if (hyph_dict && hyph_dict == hyph_built) free(hyph_built);
    else if (hyph_dict) hnj_hyphen_free(hyph_dict);
    hyph_dict = hyph_built = NULL;
    pthread_mutex_unlock(&hyph_lock);
}

static bool ascii_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Hyphen points of one run of ASCII letters, appended as offsets into the
 * word; returns the new count. */
static size_t hyphenate_run(const char *run, size_t len, size_t base, size_t *out, size_t count,
                            size_t max)
{
    if (len < HYPHEN_LEFT_MIN + HYPHEN_RIGHT_MIN || len > HYPHEN_MAX_WORD) return count;
    char lower[HYPHEN_MAX_WORD + 1];
    char marks[HYPHEN_MAX_WORD + 5];
    for (size_t i = 0; i < len; i++) lower[i] = (char)tolower((unsigned char)run[i]);
    lower[len] = '\0';
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate2(hyph_dict, lower, (int)len, marks, NULL, &rep, &pos, &cut) == 0) {
        for (size_t i = HYPHEN_LEFT_MIN - 1; i + HYPHEN_RIGHT_MIN < len && count < max; i++)
            if ((marks[i] & 1) && !(rep && rep[i])) out[count++] = base + i;
    }
    if (rep) {
        for (size_t i = 0; i < len; i++) free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}

size_t lb_hyphen_points(const char *word, size_t len, size_t *out, size_t max)
{
    if (!hyph_dict || !word || max == 0) return 0;
    bool lower_seen = false;
    for (size_t i = 0; i < len; i++) {
        char ch = word[i];
        if ((ch >= '0' && ch <= '9') || ch == '@' || ch == '/') return 0;
        if (ch >= 'a' && ch <= 'z') lower_seen = true;
    }
    if (!lower_seen) return 0; /* acronyms (MASH, CSE) and symbols */
    /* Punctuation, apostrophes and explicit hyphens split the word: each
     * letter run is hyphenated on its own, with its own margins. */
    size_t count = 0;
    size_t i = 0;
    while (i < len && count < max) {
        while (i < len && !ascii_alpha(word[i])) i++;
        size_t j = i;
        while (j < len && ascii_alpha(word[j])) j++;
        if (j > i) count = hyphenate_run(word + i, j - i, i, out, count, max);
        i = j;
    }
    return count;
}

/* ------------------------------------------------------- paragraph setter */

/* Hyphens cost as much as a fairly loose line (TeX's default is 50): a
 * professional reader should meet one only where it saves a badly short
 * line.  Layouts decide only whether hyphenation is on at all. */
#define HYPHEN_PENALTY 500.0

/* Ragged-right stretch as a fraction of the line width (Knuth & Plass's
 * ragged scheme).  The rag the breaker chooses barely depends on it (on the
 * seed paragraphs at 60, 87 and 120 mm, 3 spaces and 1/12..1/3 of the
 * measure give the same breaks), but with 3 spaces 13 of 15 paragraphs
 * failed the first pass and 4 needed the emergency pass; with a sixth every
 * paragraph is feasible at the normal tolerance. */
#define RAG_STRETCH_FRACTION (1.0 / 6.0)
/* The first, hyphen-free pass accepts lines up to this adjustment ratio
 * (TeX's pretolerance of 100, in badness). */
#define PRETOLERANCE 1.0

/* TeX's inter-word glue for justified text: stretch 1/2, shrink 1/3 of a space. */
#define JUSTIFY_STRETCH 0.5
#define JUSTIFY_SHRINK (1.0 / 3.0)

/* A break inside a web or e-mail address (after / . - ? & @, nothing
 * added): a reader expects them there, but a line ending at a space is
 * still better. */
#define ADDRESS_PENALTY 200.0
/* A break between any two characters of a piece wider than the line: the
 * last resort, so dearer than any other break. */
#define EMERGENCY_PENALTY 5000.0
/* Pieces longer than this are measured one piece at a time rather than by
 * prefixes (which would cost the square of their length). */
#define PREFIX_MEASURE_MAX 256

/* Explicit limit on a paragraph's input (the breaker itself copes with more). */
#define MAX_PARA_BYTES (4u << 20)

/* A box's source: a slice of one inline's (possibly capitalised) text. */
typedef struct seg {
    const char *text;
    size_t len;
    const lp_inline *in;
    int face;
    size_t word; /* ordinal of the space-separated word it belongs to */
} seg;

typedef struct setter {
    lp_arena *a;   /* scratch: items, pieces, breaks; freed when the paragraph is set */
    lp_arena *out; /* the caller's: the lines, their fragments and texts */
    const lp_fonts *fonts;
    const lp_style *st;
    bool ragged;
    bool hyphenate; /* this pass offers hyphen points (the style allows, and it is needed) */
    double rag_stretch;
    double last_stretch; /* the final glue of a ragged paragraph */
    double narrowest;    /* the narrowest line: a name narrower stays whole */
    LP_VEC(lb_item) items;
    LP_VEC(int) item_seg; /* parallel to items: seg index of a box, else -1 */
    LP_VEC(seg) segs;
    size_t word;
    bool pending_space;
    int space_face;
    bool have_box; /* a box since the paragraph start or the last hard break */
    /* > 0: pieces wider than this are broken between characters (the last
     * resort, with a warning) */
    double emergency;
    bool addresses;   /* offer addresses' break points */
    bool saw_address; /* an address was set (whole) */
    const char *run_text;       /* the text of the inline being set */
    int forced_col, forced_line;
    const lp_inline *forced_in; /* the first piece so broken: its inline and text */
    const char *forced_text;
    bool forced_address;
} setter;

static int face_for(const lp_style *st, unsigned style) { return st->face[style & (IS_BOLD | IS_ITALIC)]; }

static double tracking_pt(const lp_style *st) { return st->tracking * st->size; }

static void push_item(setter *S, lb_item it, int segi)
{
    VEC_PUSH(S->a, S->items, it);
    VEC_PUSH(S->a, S->item_seg, segi);
}

static void push_glue(setter *S, double w, double stretch, double shrink)
{
    lb_item g = {LB_GLUE, w, stretch, shrink, 0, false};
    push_item(S, g, -1);
}

static void push_penalty(setter *S, double w, double pen, bool flagged)
{
    lb_item p = {LB_PENALTY, w, 0, 0, pen, flagged};
    push_item(S, p, -1);
}

static void push_box(setter *S, double w, const char *text, size_t len, const lp_inline *in, int face)
{
    seg sg = {text, len, in, face, S->word};
    VEC_PUSH(S->a, S->segs, sg);
    lb_item b = {LB_BOX, w, 0, 0, 0, false};
    push_item(S, b, (int)(S->segs.n - 1));
}

static double space_width(const setter *S, int face)
{
    double tr = tracking_pt(S->st);
    /* tracking follows the glyph before the space and the space itself */
    return fonts_width(S->fonts, face, " ", 1, S->st->size, tr) + 2.0 * tr;
}

static void push_space(setter *S, int face)
{
    double sp = space_width(S, face);
    if (S->ragged) {
        push_glue(S, 0, S->rag_stretch, 0);
        push_penalty(S, 0, 0, false);
        push_glue(S, sp, -S->rag_stretch, 0);
    } else {
        push_glue(S, sp, sp * JUSTIFY_STRETCH, sp * JUSTIFY_SHRINK);
    }
}

static void push_forced_break(setter *S)
{
    /* Ragged text ends its paragraphs (and hard-broken lines) with a glue
     * that stretches by the whole measure instead of infinitely: a last line
     * holding one short word then costs something, and the breaker prefers
     * a balanced pair of lines ("you can talk / to someone.") where that is
     * free elsewhere.  Justified text keeps TeX's fil. */
    push_glue(S, 0, S->ragged ? S->last_stretch : FIL_STRETCH, 0);
    push_penalty(S, 0, -LB_INF, false);
}

/* Where a word may break: its own hyphens between letters ("self-generated")
 * and the dictionary's points, in order.  Words with digits, '@' or '/' are
 * numbers, addresses or paths and never break. */
static size_t break_points(const char *w, size_t len, size_t *pts, bool *given, size_t max)
{
    for (size_t i = 0; i < len; i++)
        if ((w[i] >= '0' && w[i] <= '9') || w[i] == '@' || w[i] == '/') return 0;
    size_t dict[HYPHEN_MAX_WORD];
    size_t nd = lb_hyphen_points(w, len, dict, max < HYPHEN_MAX_WORD ? max : HYPHEN_MAX_WORD);
    size_t n = 0, k = 0;
    for (size_t i = 0; i <= len && n < max; i++) {
        while (k < nd && dict[k] < i && n < max) {
            pts[n] = dict[k++];
            given[n++] = false;
        }
        if (i > 0 && i + 1 < len && w[i] == '-' && ascii_alpha(w[i - 1]) && ascii_alpha(w[i + 1]) &&
            n < max) {
            pts[n] = i;
            given[n++] = true;
        }
    }
    return n;
}

/* A web or e-mail address, which breaks at its punctuation and is never
 * hyphenated: a nobreak run that is not a phone number, or a word that
 * looks like one (a scheme, "www.", or name@domain). */
static bool is_address(const lp_inline *in, const char *w, size_t len)
{
    if (in->nobreak) {
        if (in->url && strncmp(in->url, "tel:", 4) == 0) return false;
        for (size_t i = 0; i < len; i++)
            if (!((w[i] >= '0' && w[i] <= '9') || w[i] == ' ' || w[i] == '+')) return true;
        return false;
    }
    if (len >= 4 && strncmp(w, "www.", 4) == 0) return true;
    for (size_t i = 0; i + 2 < len; i++)
        if (w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/') return true;
    const char *at = memchr(w, '@', len);
    return at && at > w && memchr(at, '.', len - (size_t)(at - w));
}

static bool address_mark(char c) { return c && strchr("/.-?&@=#_:", c) != NULL; }

/* Where an address may break: after / . - ? & or @, when a letter or digit
 * follows (so "https://" stays whole and no line starts with
 * punctuation), keeping two characters on each side. */
static size_t address_points(const char *w, size_t len, size_t *pts, size_t max)
{
    size_t n = 0;
    for (size_t i = 1; i + 2 < len && n < max; i++)
        if (strchr("/.-?&@", w[i]) && !address_mark(w[i + 1]) && w[i + 1] != ' ') pts[n++] = i;
    return n;
}

/* Breaks that follow a piece of a word. */
static void push_word_break(setter *S, double width, double penalty, bool flagged)
{
    if (S->ragged) {
        push_penalty(S, 0, LB_INF, false);
        push_glue(S, 0, S->rag_stretch, 0);
        push_penalty(S, width, penalty, flagged);
        push_glue(S, 0, -S->rag_stretch, 0);
    } else {
        push_penalty(S, width, penalty, flagged);
    }
}

static bool diag_has(const lp_diag *d, const char *file, int line, int col, const char *msg)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && d->items[i].col == col && strcmp(d->items[i].msg, msg) == 0 &&
            d->items[i].file && file && strcmp(d->items[i].file, file) == 0)
            return true;
    return false;
}

/* The last resort for a piece wider than the narrowest line: a break
 * allowed after every character, with a hyphen inside a word of letters
 * and nothing added inside an address or number; said once as a warning. */
static void emergency_piece(setter *S, const char *text, size_t len, const lp_inline *in, int face,
                            bool address)
{
    double size = S->st->size, tr = tracking_pt(S->st);
    bool letters = !address && !in->nobreak;
    for (size_t i = 0; letters && i < len; i++)
        if ((unsigned char)text[i] < 0x80 && !ascii_alpha(text[i])) letters = false;
    double hyphen_w = letters ? fonts_width(S->fonts, face, "-", 1, size, tr) + tr : 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(text + i, len - i, &cp);
        size_t n = k > 0 ? (size_t)k : 1;
        push_box(S, fonts_width(S->fonts, face, text + i, n, size, tr) + tr, text + i, n, in, face);
        i += n;
        /* Never a line that starts with the word's own hyphen; right after
         * it is the place to break, with nothing added. */
        if (i < len && text[i] == '-') continue;
        if (i < len && text[i - 1] == '-') push_word_break(S, 0, HYPHEN_PENALTY, false);
        else if (i < len) push_word_break(S, hyphen_w, EMERGENCY_PENALTY, letters);
    }
    if (S->forced_in) return;
    /* The column of the piece itself, when its run is one source line. */
    int col = in->col;
    const char *base = S->run_text;
    if (col > 0 && !in->elsewhere && !in->contact && base && text >= base && text <= base + strlen(base) && !memchr(base, '\n', (size_t)(text - base)))
        for (const char *c = base; c < text; c++)
            if (((unsigned char)*c & 0xC0) != 0x80) col++;
    S->forced_col = col;
    S->forced_line = in->line;
    S->forced_in = in;
    S->forced_text = arena_strndup(S->out, text, len);
    S->forced_address = address;
}

void lb_warn_forced(const lb_para *p, const char *file, lp_diag *d)
{
    if (!p->forced_in) return;
    const char *text = p->forced_text;
    size_t len = strlen(text);
    size_t q = len > 40 ? 40 : len;
    while (q > 0 && q < len && ((unsigned char)text[q] & 0xC0) == 0x80) q--;
    char msg[160];
    snprintf(msg, sizeof msg, "'%.*s%s' is wider than the line: broken where it must be", (int)q,
             text, q < len ? "\u2026" : "");
    if (diag_has(d, file, p->forced_line, p->forced_col, msg)) return;
    diag_warn(d, file, p->forced_line, p->forced_col,
              p->forced_address ? "link a few words to the address instead of printing it"
                                : "shorten the word, or put spaces or hyphens in it",
              "%s", msg);
}

/* An em or en dash (U+2014, U+2013) at the head of a word. */
static bool starts_with_dash(const char *t, size_t len)
{
    return len >= 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
           ((unsigned char)t[2] == 0x94 || (unsigned char)t[2] == 0x93);
}

/* One unbreakable piece of a word (or all of a nobreak inline), split at
 * its hyphen points when the style hyphenates, or at an address's
 * punctuation; pieces wider than the line are broken as a last resort. */
static void emit_piece(setter *S, const char *text, size_t len, const lp_inline *in)
{
    int face = face_for(S->st, in->style);
    double size = S->st->size, tr = tracking_pt(S->st);
    if (S->pending_space && S->have_box) {
        /* A spaced dash is punctuation: it ends its line, never starts one
         * ("trust — / today", not "trust / — today"). */
        if (starts_with_dash(text, len)) {
            double sp = space_width(S, S->space_face);
            push_penalty(S, 0, LB_INF, false);
            if (S->ragged) push_glue(S, sp, 0, 0);
            else push_glue(S, sp, sp * JUSTIFY_STRETCH, sp * JUSTIFY_SHRINK);
        } else {
            push_space(S, S->space_face);
        }
        S->word++;
    }
    S->pending_space = false;
    S->have_box = true;

    size_t stack_pts[HYPHEN_MAX_WORD];
    bool stack_given[HYPHEN_MAX_WORD];
    size_t *pts = stack_pts;
    bool *given = stack_given; /* break after it, add no hyphen */
    size_t npts = 0;
    bool address = is_address(in, text, len);
    if (address) S->saw_address = true;
    if (address && S->addresses) {
        pts = arena_alloc(S->a, (len ? len : 1) * sizeof *pts);
        npts = address_points(text, len, pts, len);
        given = arena_alloc(S->a, (len ? len : 1) * sizeof *given);
        for (size_t k = 0; k < npts; k++) given[k] = true;
    } else if (S->hyphenate && !in->nobreak && !(in->style & IS_CODE)) {
        npts = break_points(text, len, pts, given, HYPHEN_MAX_WORD);
    }
    bool prefixes = len <= PREFIX_MEASURE_MAX;
    double whole = prefixes || npts == 0 ? fonts_width(S->fonts, face, text, len, size, tr) : 0;
    if (npts == 0 && S->emergency > 0 && whole > S->emergency && !address && !in->nobreak) {
        /* A word wider than the line breaks first after its own hyphens
         * ("empty-" / "sections"), even where words are not hyphenated;
         * only a piece still too wide is broken anywhere. */
        for (size_t i = 1; i + 1 < len && npts < HYPHEN_MAX_WORD; i++)
            if (text[i] == '-' && text[i - 1] != '-' && text[i + 1] != '-') {
                pts[npts] = i;
                given[npts++] = true;
            }
    }
    if (npts == 0) {
        if (S->emergency > 0 && whole > S->emergency) emergency_piece(S, text, len, in, face, address);
        else push_box(S, whole, text, len, in, face);
        return;
    }
    /* Syllable widths are differences of prefix widths, so an unbroken word
     * still adds up to its own kerned width. */
    double hyphen_w = fonts_width(S->fonts, face, "-", 1, size, tr) + tr;
    size_t from = 0;
    double prev_w = 0;
    for (size_t k = 0; k <= npts; k++) {
        size_t to = k < npts ? pts[k] + 1 : len;
        double pw_piece;
        if (prefixes) {
            double w = k < npts ? fonts_width(S->fonts, face, text, to, size, tr) + tr : whole;
            pw_piece = w - prev_w;
            prev_w = w;
        } else {
            pw_piece = fonts_width(S->fonts, face, text + from, to - from, size, tr) + tr;
        }
        if (S->emergency > 0 && pw_piece > S->emergency)
            emergency_piece(S, text + from, to - from, in, face, address);
        else
            push_box(S, pw_piece, text + from, to - from, in, face);
        if (k < npts) {
            if (address) push_word_break(S, 0, ADDRESS_PENALTY, false);
            else push_word_break(S, given[k] ? 0 : hyphen_w, HYPHEN_PENALTY, true);
        }
        from = to;
    }
}

static bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static const char *caps_copy(lp_arena *a, const char *text)
{
    char *t = arena_strdup(a, text);
    for (char *p = t; *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    return t;
}

static int check_glyphs(const setter *S, const lp_inline *in, const char *text, const char *file,
                        lp_diag *d)
{
    int face = face_for(S->st, in->style);
    uint32_t cp;
    size_t off;
    size_t len = strlen(text);
    if (!fonts_first_missing(S->fonts, face, text, len, &cp, &off)) return 0;
    int col = in->col;
    if (col > 0 && !in->elsewhere && !in->contact && !memchr(text, '\n', len)) {
        /* the run is one source line: point at the character itself */
        for (size_t i = 0; i < off;) {
            uint32_t c2;
            int k = utf8_decode(text + i, off - i, &c2);
            i += k > 0 ? (size_t)k : 1;
            col++;
        }
    }
    char ch[5] = {0};
    utf8_encode(cp, ch);
    char msg[160];
    snprintf(msg, sizeof msg, "character '%s' (U+%04X) is not in font %s", ch, (unsigned)cp,
             fonts_name(S->fonts, face));
    /* Said once, though every edition (a poster's A3 and A4) sets it. */
    if (!diag_has(d, file, in->line, col, msg))
        diag_error(d, file, in->line, col, "use another character or a font that has it", "%s",
                   msg);
    return -1;
}

static void add_inline(setter *S, const lp_inline *in, const char *text)
{
    S->run_text = text;
    if (in->nobreak) {
        if (*text) emit_piece(S, text, strlen(text), in);
        return;
    }
    const char *p = text;
    while (*p) {
        if (is_space(*p)) {
            S->pending_space = true;
            S->space_face = face_for(S->st, in->style);
            p++;
            continue;
        }
        const char *q = p;
        while (*q && !is_space(*q)) q++;
        emit_piece(S, p, (size_t)(q - p), in);
        p = q;
    }
}

/* ---- from breaks back to fragments ---- */

typedef struct pfrag {
    LP_VEC(char) text;
    const seg *first;
    double gap, gap_stretch, gap_shrink; /* glue before it (natural, stretch, shrink) */
    double width;
} pfrag;

static bool same_look(const seg *x, const seg *y)
{
    if (x->face != y->face || x->in->style != y->in->style) return false;
    /* Runs tagged apart (another part, another language) stay apart. */
    if (x->in->part != y->in->part) return false;
    if ((x->in->lang || y->in->lang) &&
        (!x->in->lang || !y->in->lang || strcmp(x->in->lang, y->in->lang) != 0))
        return false;
    if (!x->in->url || !y->in->url) return x->in->url == y->in->url;
    return strcmp(x->in->url, y->in->url) == 0;
}

static void append_text(lp_arena *a, pfrag *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) VEC_PUSH(a, f->text, s[i]);
}

static lp_color color_for(const lp_style *st, const lp_inline *in)
{
    if (st->numbers && in->url && strncmp(in->url, "tel:", 4) == 0) return st->number;
    if (in->style & IS_BOLD) return st->strong;
    if (in->url) return st->link;
    return st->color;
}

/* Builds one line from items[start..b) ended by a break at b. */
static void build_line(const setter *S, size_t start, size_t b, double target, lb_line *out)
{
    lp_arena *a = S->a;
    const lb_item *items = S->items.v;
    LP_VEC(pfrag) fr = {0};
    double gap = 0, gap_st = 0, gap_sh = 0;
    bool fil = false;
    const seg *last = NULL;
    for (size_t i = start; i < b; i++) {
        const lb_item *it = &items[i];
        if (it->kind == LB_GLUE) {
            if (it->stretch >= FIL_STRETCH) fil = true;
            else {
                gap += it->width;
                gap_st += it->stretch;
                gap_sh += it->shrink;
            }
            continue;
        }
        if (it->kind != LB_BOX || S->item_seg.v[i] < 0) continue;
        const seg *sg = &S->segs.v[S->item_seg.v[i]];
        if (sg->len == 0) continue;
        bool spaced = last && sg->word != last->word;
        bool merge = last && same_look(last, sg) && (S->ragged || !spaced);
        if (merge) {
            pfrag *f = &fr.v[fr.n - 1];
            if (spaced) VEC_PUSH(a, f->text, ' ');
            append_text(a, f, sg->text, sg->len);
        } else {
            pfrag f = {0};
            f.first = sg;
            if (fr.n) {
                f.gap = gap;
                f.gap_stretch = gap_st;
                f.gap_shrink = gap_sh;
            }
            append_text(a, &f, sg->text, sg->len);
            VEC_PUSH(a, fr, f);
        }
        gap = gap_st = gap_sh = 0;
        last = sg;
    }
    /* a flagged break with no width follows the word's own hyphen */
    bool hyphenated =
        items[b].kind == LB_PENALTY && items[b].flagged && items[b].width > 0 && fr.n > 0;
    /* Does the word go on on the next line (a break inside it)? */
    bool mid_word = false;
    if (last && items[b].kind == LB_PENALTY && !is_forced(&items[b]))
        for (size_t i = b + 1; i < S->items.n; i++) {
            if (items[i].kind != LB_BOX) continue;
            int sgi = S->item_seg.v[i];
            if (sgi < 0) continue;
            mid_word = S->segs.v[sgi].word == last->word;
            break;
        }
    if (hyphenated) VEC_PUSH(a, fr.v[fr.n - 1].text, '-');
    if (is_forced(&items[b])) fil = true;

    double natural = 0, stretch = 0, shrink = 0;
    double size = S->st->size, tr = tracking_pt(S->st);
    for (size_t k = 0; k < fr.n; k++) {
        pfrag *f = &fr.v[k];
        f->width = fonts_width(S->fonts, f->first->face, f->text.v, f->text.n, size, tr);
        natural += f->gap + f->width;
        stretch += f->gap_stretch;
        shrink += f->gap_shrink;
    }
    /* Justified lines are set to the measure from the widths actually drawn
     * (merged runs kern differently from the sum of their boxes). */
    double ratio = 0;
    if (S->st->align == ALIGN_JUSTIFY && !fil) {
        double diff = target - natural;
        if (diff > 0 && stretch > EPS) ratio = diff / stretch;
        else if (diff < 0 && shrink > EPS) ratio = fmax(diff / shrink, -1.0);
    }
    out->frags = arena_alloc(S->out, (fr.n ? fr.n : 1) * sizeof *out->frags);
    out->nfrags = fr.n;
    out->hyphenated = hyphenated;
    out->mid_word = mid_word;
    double x = 0;
    for (size_t k = 0; k < fr.n; k++) {
        pfrag *f = &fr.v[k];
        x += f->gap + ratio * (ratio > 0 ? f->gap_stretch : f->gap_shrink);
        const lp_inline *in = f->first->in;
        lb_frag *o = &out->frags[k];
        o->text = arena_strndup(S->out, f->text.v, f->text.n);
        o->face = f->first->face;
        o->size = size;
        o->tracking = tr;
        o->x = x;
        o->width = f->width;
        o->color = color_for(S->st, in);
        o->url = in->url;
        o->style = in->style;
        o->line = in->line;
        o->col = in->col;
        o->contact = in->contact;
        o->part = in->part;
        o->lang = in->lang;
        x += f->width;
    }
    double shift = 0;
    if (S->st->align == ALIGN_CENTER) shift = (target - x) / 2;
    else if (S->st->align == ALIGN_RIGHT) shift = target - x;
    if (shift < 0) shift = 0;
    for (size_t k = 0; k < fr.n; k++) out->frags[k].x += shift;
    out->width = fr.n ? out->frags[fr.n - 1].x + out->frags[fr.n - 1].width : 0;
}

/* ---- ties and sense lines ---- */

/* Words after a number that stay with it ("24 hours", "7 days"). */
static const char *const unit_words[] = {"hour", "hours", "day",    "days",   "week",   "weeks",
                                         "month", "months", "year", "years", "minute", "minutes",
                                         "am",   "pm",    "mph",   "miles",  "km",     "%"};
/* Sense lines: a break before these words is a good one ("Someone might use
 * grooming / to get close to you"), one after these a poor one. */
static const char *const starts_clause[] = {"but",    "because", "so",   "if",
                                            "when",  "where", "who",    "which",   "that", "to",
                                            "with",  "like",  "even",   "until",   "while", "about",
                                            "after", "before", "than",  "then"};
static const char *const leans_on_next[] = {
    "a",    "an",   "the",  "your",  "my",    "their", "our",  "his",  "her",   "its",  "this",
    "these", "those", "no", "not",   "very",  "just",  "only", "some", "any",   "every", "each",
    "other", "many", "much"};
/* Words that lean on the next less: a line may end in "to" or "is" sooner
 * than in "the" ("You can talk to / the Multi Agency Safeguarding Hub",
 * "The Blue Sky Centre is / a Sexual Abuse Referral Centre"). */
static const char *const leans_less[] = {
    "to",    "of",     "and",    "or",     "but",   "for",   "in",    "on",    "at",     "from",
    "by",    "into",   "onto",   "as",     "with",  "like",  "about", "after", "before", "than",
    "that",  "who",    "which",  "when",   "where", "if",    "because", "until", "while", "is",
    "are",   "be",     "was",    "were",   "can",   "will",  "might", "could", "would",  "should",
    "may",   "must",   "it",     "they",   "we",    "he",    "she",   "i"};
#define SENSE_COMMA (-60.0)  /* after a comma, colon or semicolon */
#define SENSE_CLAUSE (-30.0) /* before a word that starts a clause */
#define SENSE_LEAN 80.0      /* after a word that leans on the next */
#define SENSE_LEAN_LESS 40.0 /* after a word that leans on the next less */

typedef struct tword {
    size_t first, last; /* its first and last box */
    size_t pen;         /* the space penalty before it, or SIZE_MAX */
    size_t line;        /* which hard-broken line (sentence) it is in */
    char *text;         /* the word as set, for matching */
    const lp_inline *in; /* the inline of its first box */
} tword;

static bool same_ascii_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
    return true;
}

static bool in_list(const char *w, size_t n, const char *const *list, size_t nlist)
{
    for (size_t i = 0; i < nlist; i++)
        if (strlen(list[i]) == n && same_ascii_ci(w, list[i], n)) return true;
    return false;
}

/* The word without trailing punctuation (and closing quotes): its length. */
static size_t core_len(const char *w)
{
    size_t n = strlen(w);
    while (n > 0 && strchr(".,;:!?)'\"", w[n - 1])) n--;
    /* a closing curly quote U+2019 / U+201D */
    while (n >= 3 && (unsigned char)w[n - 3] == 0xE2 && (unsigned char)w[n - 2] == 0x80 &&
           ((unsigned char)w[n - 1] == 0x99 || (unsigned char)w[n - 1] == 0x9D))
        n -= 3;
    return n;
}

static bool is_number(const char *w, size_t n)
{
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= '0' && w[i] <= '9') digit = true;
        else if (w[i] != ',' && w[i] != '.') return false;
    }
    return digit;
}

static bool capitalised(const char *w)
{
    return (w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9');
}

/* Two words compare equal ignoring a curly apostrophe against a straight one. */
static bool same_word(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        bool ca = (unsigned char)a[i] == 0xE2 && i + 2 < na && (unsigned char)a[i + 1] == 0x80 &&
                  (unsigned char)a[i + 2] == 0x99;
        bool cb = (unsigned char)b[j] == 0xE2 && j + 2 < nb && (unsigned char)b[j + 1] == 0x80 &&
                  (unsigned char)b[j + 2] == 0x99;
        char xa = ca ? '\'' : a[i], xb = cb ? '\'' : b[j];
        if (xa != xb) return false;
        i += ca ? 3 : 1;
        j += cb ? 3 : 1;
    }
    return i == na && j == nb;
}

static void tie(setter *S, const tword *w)
{
    if (w->pen != SIZE_MAX) S->items.v[w->pen].penalty = LB_INF;
}

/* Whether words[a..b] set on one line fit on the narrowest line. */
static bool run_fits(const setter *S, const tword *words, size_t a, size_t b)
{
    double width = 0;
    for (size_t i = words[a].first; i <= words[b].last; i++)
        if (S->items.v[i].kind != LB_PENALTY) width += S->items.v[i].width;
    return width <= S->narrowest;
}

/* Keeps words[a..b] on one line when they fit on the narrowest one (a
 * name wider than that must break somewhere; the breaker chooses where). */
static void tie_run(setter *S, const tword *words, size_t a, size_t b)
{
    if (!run_fits(S, words, a, b)) return;
    for (size_t k = a + 1; k <= b; k++) tie(S, &words[k]);
}

/* Words set alike: both bold or both not, both in a link (a number to
 * call) or both not.  A name is set one way; the words around it ("Call
 * **Children's Social Care** on 024 ...") may be set another. */
static bool same_span(const tword *x, const tword *y)
{
    return ((x->in->style ^ y->in->style) & IS_BOLD) == 0 && !x->in->url == !y->in->url &&
           x->in->nobreak == y->in->nobreak;
}

/* The words of the item list, each with the space break before it. */
static size_t collect_words(setter *S, tword **out)
{
    LP_VEC(tword) ws = {0};
    size_t pen = SIZE_MAX, line = 0, word = SIZE_MAX;
    bool fresh = true;
    for (size_t i = 0; i < S->items.n; i++) {
        const lb_item *it = &S->items.v[i];
        if (it->kind == LB_PENALTY) {
            if (is_forced(it)) {
                line++;
                pen = SIZE_MAX;
                fresh = true;
            } else if (it->penalty == 0 && !it->flagged && it->width == 0) {
                pen = i;
                fresh = true;
            }
            continue;
        }
        if (it->kind != LB_BOX || S->item_seg.v[i] < 0) continue;
        const seg *sg = &S->segs.v[S->item_seg.v[i]];
        if (sg->len == 0) continue;
        if (!fresh && ws.n && sg->word == word) {
            ws.v[ws.n - 1].last = i;
            continue;
        }
        tword t = {i, i, pen, line, NULL, sg->in};
        VEC_PUSH(S->a, ws, t);
        word = sg->word;
        pen = SIZE_MAX;
        fresh = false;
    }
    /* Each word's text, joined from its boxes once (a word broken into
     * many pieces as a last resort must not cost its length squared). */
    for (size_t k = 0; k < ws.n; k++) {
        tword *t = &ws.v[k];
        size_t len = 0;
        for (size_t i = t->first; i <= t->last; i++)
            if (S->items.v[i].kind == LB_BOX && S->item_seg.v[i] >= 0) len += S->segs.v[S->item_seg.v[i]].len;
        char *p = arena_alloc(S->a, len + 1);
        t->text = p;
        for (size_t i = t->first; i <= t->last; i++) {
            if (S->items.v[i].kind != LB_BOX || S->item_seg.v[i] < 0) continue;
            const seg *sg = &S->segs.v[S->item_seg.v[i]];
            memcpy(p, sg->text, sg->len);
            p += sg->len;
        }
        *p = 0;
    }
    *out = ws.v;
    return ws.n;
}

/* ---- no word alone on a line of a wrapped sentence ---- */

/* Whether the space before w is a break (not tied, not inside a word). */
static bool breakable(const setter *S, const tword *w)
{
    return w->pen != SIZE_MAX && S->items.v[w->pen].penalty < LB_INF;
}

/* The width of words[a..b] set on one line. */
static double run_width(const setter *S, const tword *words, size_t a, size_t b)
{
    double width = 0;
    for (size_t i = words[a].first; i <= words[b].last; i++)
        if (S->items.v[i].kind != LB_PENALTY) width += S->items.v[i].width;
    return width;
}

/* The tied unit words[*a..*b] holding word k: the words no break parts. */
static void unit_of(const setter *S, const tword *w, size_t n, size_t k, size_t *a, size_t *b)
{
    size_t x = k, y = k;
    while (x > 0 && w[x - 1].line == w[k].line && !breakable(S, &w[x])) x--;
    while (y + 1 < n && w[y + 1].line == w[k].line && !breakable(S, &w[y + 1])) y++;
    *a = x;
    *b = y;
}

/* The short word words[a] (a unit of its own) joins the unit words[a+1..b]
 * after it, which is too wide to share a line with it: a name that fills
 * the line ("The / Coventry Rape and Sexual Abuse Centre").  The unit opens
 * at one space, so that the short word's line holds it and the unit's first
 * part: after a small word inside the unit, whose next part starts with a
 * capital ("The Coventry Rape and / Sexual Abuse Centre"), else where the two
 * parts come out most even; both parts must fit the narrowest line. */
static void join_lone(setter *S, const tword *w, size_t a, size_t b)
{
    double whole = run_width(S, w, a, b);
    size_t best = SIZE_MAX;
    double best_cost = 0;
    for (size_t s = a + 2; s <= b; s++) {
        if (w[s].pen == SIZE_MAX) continue; /* inside a word: no space */
        double head = run_width(S, w, a, s - 1), tail = run_width(S, w, s, b);
        if (head > S->narrowest || tail > S->narrowest) continue;
        bool small = !capitalised(w[s - 1].text) && capitalised(w[s].text);
        double cost = (small ? 0 : whole) + fabs(head - tail);
        if (best == SIZE_MAX || cost < best_cost) {
            best = s;
            best_cost = cost;
        }
    }
    if (best == SIZE_MAX) return; /* no way to share a line: the word stays alone */
    for (size_t s = a + 1; s <= b; s++)
        if (w[s].pen != SIZE_MAX) S->items.v[w[s].pen].penalty = s == best ? 0 : LB_INF;
}

/* A short word that leans on the next ("the", "to", "of"): alone on a
 * line it says nothing. */
static bool leans(const tword *w)
{
    size_t n = core_len(w->text);
    if (n < strlen(w->text)) return false; /* "to." ends something */
    return in_list(w->text, n, leans_on_next, sizeof leans_on_next / sizeof *leans_on_next) ||
           in_list(w->text, n, leans_less, sizeof leans_less / sizeof *leans_less);
}

/* No line of a wrapped sentence holds a short word on its own: a word is
 * alone for sure when it is a unit of its own (no tie holds it to a
 * neighbour) and the units before and after it are each too wide to share
 * a line with it.  A short word that leans on what follows goes with the
 * unit after it, which opens where its sense allows ("The Coventry Rape
 * and / Sexual Abuse Centre").  A word with meaning of its own keeps its
 * line ("Call / Children's Social Care"), and a tail the name before it
 * cannot take stays a tail (tie_words): there a name kept whole comes
 * first. */
static void keep_company(setter *S, const tword *w, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++) {
        size_t a, b;
        unit_of(S, w, n, k, &a, &b);
        if (a != b) {
            k = b;
            continue;
        }
        if (w[k + 1].line != w[k].line || !leans(&w[k])) continue;
        size_t next_end;
        unit_of(S, w, n, k + 1, &a, &next_end);
        if (run_width(S, w, k, next_end) <= S->narrowest) continue;
        if (k > 0 && w[k - 1].line == w[k].line) {
            unit_of(S, w, n, k - 1, &a, &b);
            if (run_width(S, w, a, k) <= S->narrowest) continue;
        }
        join_lone(S, w, k, next_end);
    }
}

/* ---- a name wider than the line ---- */

/* The penalty of the space before each word as sense set it, before any
 * name was tied (NAN where there is no space). */
static double *sensed_penalties(setter *S, const tword *w, size_t n)
{
    double *pen = arena_alloc(S->a, (n ? n : 1) * sizeof *pen);
    for (size_t k = 0; k < n; k++) pen[k] = w[k].pen == SIZE_MAX ? NAN : S->items.v[w[k].pen].penalty;
    return pen;
}

/* The name words[a..b] (a bold span, or a name the style lists) stays whole
 * when it fits the narrowest line.  A name wider than that must break, and
 * breaks where sense and evenness say: the runs of capitals inside it are
 * not kept whole ("West Midlands Regional Children / and / Young People
 * Sexual Assault Service" left "and" alone between two such runs). */
static void name_run(setter *S, const tword *words, size_t a, size_t b, const double *sensed)
{
    if (run_fits(S, words, a, b)) {
        tie_run(S, words, a, b);
        return;
    }
    for (size_t k = a + 1; k <= b; k++)
        if (words[k].pen != SIZE_MAX) S->items.v[words[k].pen].penalty = sensed[k];
}

/* An article or other determiner before a name kept whole goes with it
 * where the two fit the line ("You can talk to / the Multi Agency
 * Safeguarding Hub", not "... to the / Multi Agency ..."). */
static void keep_article(setter *S, const tword *w, size_t n)
{
    for (size_t k = 1; k + 1 < n; k++) {
        if (w[k].line != w[k - 1].line || w[k + 1].line != w[k].line || !breakable(S, &w[k])) continue;
        if (w[k + 1].pen == SIZE_MAX || breakable(S, &w[k + 1])) continue; /* no name starts here */
        size_t pc = core_len(w[k - 1].text);
        if (pc < strlen(w[k - 1].text) ||
            !in_list(w[k - 1].text, pc, leans_on_next, sizeof leans_on_next / sizeof *leans_on_next))
            continue;
        size_t a, b;
        unit_of(S, w, n, k, &a, &b);
        if (a == k && run_fits(S, w, k - 1, b)) tie(S, &w[k]);
    }
}

/* Sets the penalties of the spaces: a number keeps its unit ("24 hours");
 * under sense lines, names stay whole, a hard-broken line never ends in a
 * one-word tail, and breaks fall where the sense does. */
static void tie_words(setter *S)
{
    tword *w;
    size_t n = collect_words(S, &w);
    const lp_style *st = S->st;
    for (size_t k = 1; k < n; k++) {
        if (w[k].line != w[k - 1].line) continue;
        size_t pl = core_len(w[k - 1].text), cl = core_len(w[k].text);
        bool ended = pl < strlen(w[k - 1].text); /* punctuation after the word before */
        if (!ended && is_number(w[k - 1].text, pl) &&
            in_list(w[k].text, cl, unit_words, sizeof unit_words / sizeof *unit_words))
            tie(S, &w[k]);
    }
    if (!st->sense) return;
    for (size_t k = 1; k < n; k++) {
        if (w[k].line != w[k - 1].line || w[k].pen == SIZE_MAX) continue;
        lb_item *p = &S->items.v[w[k].pen];
        if (p->penalty >= LB_INF) continue;
        const char *prev = w[k - 1].text;
        size_t pl = strlen(prev), pc = core_len(prev);
        if (pc < pl && strchr(",;:", prev[pc])) p->penalty += SENSE_COMMA;
        else if (in_list(prev, pc, leans_on_next, sizeof leans_on_next / sizeof *leans_on_next))
            p->penalty += SENSE_LEAN;
        else if (in_list(prev, pc, leans_less, sizeof leans_less / sizeof *leans_less))
            p->penalty += SENSE_LEAN_LESS;
        if (in_list(w[k].text, core_len(w[k].text), starts_clause,
                    sizeof starts_clause / sizeof *starts_clause))
            p->penalty += SENSE_CLAUSE;
    }
    /* Names: runs of capitalised words set alike and not cut by punctuation
     * ("Children's Social Care", but not the "Call" before it or the number
     * after it), bold spans from a capital to a capital, which may have
     * small words inside ("Rape and Sexual Abuse Centre"), and the names the
     * style lists ("Stop it Now!"). */
    double *sensed = sensed_penalties(S, w, n);
    for (size_t k = 0; k < n;) {
        size_t e = k;
        while (e + 1 < n && w[e + 1].line == w[k].line && capitalised(w[e].text) &&
               capitalised(w[e + 1].text) && core_len(w[e].text) == strlen(w[e].text) &&
               same_span(&w[e], &w[e + 1]))
            e++;
        if (e > k) tie_run(S, w, k, e);
        k = e + 1;
    }
    for (size_t k = 0; k < n;) {
        size_t e = k;
        if ((w[k].in->style & IS_BOLD) && !w[k].in->url && !w[k].in->nobreak)
            while (e + 1 < n && w[e + 1].line == w[k].line && same_span(&w[e], &w[e + 1]) &&
                   core_len(w[e].text) == strlen(w[e].text))
                e++;
        if (e > k && capitalised(w[k].text) && capitalised(w[e].text)) name_run(S, w, k, e, sensed);
        k = e + 1;
    }
    for (size_t t = 0; t < st->nties; t++) {
        const char *name = st->ties[t];
        for (size_t k = 0; k < n; k++) {
            const char *p = name;
            size_t j = k;
            while (j < n && *p) {
                size_t len = strcspn(p, " ");
                bool lastw = p[len] == '\0';
                /* The name's last word may be followed by punctuation. */
                char *nw = arena_strndup(S->a, p, len);
                size_t wl = lastw ? core_len(w[j].text) : strlen(w[j].text);
                size_t nl = lastw ? core_len(nw) : len;
                if (!same_word(w[j].text, wl, nw, nl) || (j > k && w[j].line != w[k].line)) break;
                p += len;
                while (*p == ' ') p++;
                j++;
            }
            if (!*p && j > k + 1) name_run(S, w, k, j - 1, sensed);
        }
    }
    keep_article(S, w, n);
    /* No hard-broken line ends in a word on its own, unless the words it
     * would be tied to are a line already ("Multi Agency Safeguarding Hub"
     * before its number): a name stays whole before a tail is kept off. */
    for (size_t k = 1; k < n; k++)
        if (k + 1 == n || w[k + 1].line != w[k].line) {
            if (w[k].line != w[k - 1].line) continue;
            size_t j = k - 1;
            while (j > 0 && w[j].line == w[j - 1].line &&
                   (w[j].pen == SIZE_MAX || S->items.v[w[j].pen].penalty >= LB_INF))
                j--;
            if (run_fits(S, w, j, k)) tie(S, &w[k]);
        }
    keep_company(S, w, n);
}

/* Turns the inlines into items: boxes, glue and penalties, ending with the
 * paragraph's final break.  Returns the number of segments (0: nothing to
 * set). */
static size_t set_items(setter *S, const lp_inline *in, size_t nin, const char **texts)
{
    const lp_style *st = S->st;
    for (size_t i = 0; i < nin; i++) {
        const lp_inline *x = &in[i];
        switch (x->kind) {
        case IN_TEXT:
            if (texts[i]) add_inline(S, x, texts[i]);
            break;
        case IN_SOFTBREAK:
            S->pending_space = true;
            S->space_face = face_for(st, x->style);
            break;
        case IN_LINEBREAK:
            S->pending_space = false;
            if (S->have_box) {
                push_forced_break(S);
                S->have_box = false;
            } else if (S->items.n > 0) {
                /* a second hard break in a row makes an empty line */
                push_box(S, 0, "", 0, x, face_for(st, x->style));
                push_forced_break(S);
            }
            break;
        case IN_IMAGE:
            break;
        }
    }
    if (S->segs.n == 0) return 0;
    /* a hard break just before the end would only add an empty line */
    while (S->items.n >= 2 && is_forced(&S->items.v[S->items.n - 1])) {
        S->items.n -= 2;
        S->item_seg.n -= 2;
        if (S->items.n && S->items.v[S->items.n - 1].kind == LB_BOX && S->item_seg.v[S->items.n - 1] >= 0 &&
            S->segs.v[S->item_seg.v[S->items.n - 1]].len == 0) {
            S->items.n--;
            S->item_seg.n--;
        }
    }
    push_forced_break(S);
    if (S->ragged) tie_words(S);

    return S->segs.n;
}

/* Sense lines: each hard-broken line (a sentence) is broken on its own, at
 * the narrowest measure that keeps its number of lines (found by halving),
 * so that its lines come out even and none is left short. */
#define BALANCE_STEPS 10
#define BALANCE_SLACK 0.03 /* of the measure, added back to the narrowest */

/* A wrapped sentence is broken where sense and evenness together are best
 * (sense_pick): every way of breaking it into at most the lines the
 * breaker needed, each fitting the measure, is scored by the penalties its
 * breaks fall on (after a comma -60, before a word that starts a clause -30,
 * after a word that leans on the next +80 or +40, never inside a name), plus
 * SENSE_EVEN for each line's distance from an even share of the sentence
 * (in per cent of the measure, squared: one short line costs more than two
 * a little short), SENSE_ALONE for a line of one word and SENSE_LINE for
 * each line.  Narrowing the measure alone (as for sentences of more than
 * SENSE_PICK_MAX breaks) evens the lines at any price in sense ("It can be
 * someone you / know, even in your family.", "The Blue Sky Centre is a /
 * Sexual Abuse Referral Centre."); sense alone leaves lopsided lines
 * ("Someone you meet online might be very nice / to you."). */
#define SENSE_EVEN 0.1
#define SENSE_ALONE 10000.0 /* a line of one word */
#define SENSE_LINE 1000.0   /* a line more */
#define SENSE_PICK_MAX 200 /* candidate breaks; a longer sentence is only narrowed */

/* Whether the line items[from..b) holds one word: no space inside it (a
 * space is a penalty with no width, tied or not; a break inside a word,
 * an address's or a hyphen's, is flagged or has a width). */
static bool one_word(const lb_item *items, size_t from, size_t b)
{
    for (size_t i = from; i < b; i++)
        if (items[i].kind == LB_PENALTY && !items[i].flagged && items[i].width == 0 && items[i].penalty > -LB_INF)
            return false;
    return true;
}

/* The natural width of the line items[from..b) ended by a break at b. */
static double natural_width(const sums *sm, const lb_item *items, size_t from, size_t b)
{
    double nat = sm->w[b] - sm->w[from];
    if (items[b].kind == LB_PENALTY) nat += items[b].width;
    return nat;
}

static bool sense_pick(const lb_item *items, size_t n, double measure, size_t nb, lp_arena *a, size_t *out,
                       size_t *nout)
{
    if (nb < 2) return false;
    sums sm;
    sums_build(&sm, items, n, a);
    /* at[0] is the sentence's start, at[1..m] its breaks to choose from,
     * at[m+1] its end (the forced break). */
    size_t *at = arena_alloc(a, (SENSE_PICK_MAX + 2) * sizeof *at), m = 0;
    at[0] = SIZE_MAX;
    for (size_t i = 0; i + 1 < n; i++) {
        if (items[i].kind != LB_PENALTY || items[i].penalty >= LB_INF || is_forced(&items[i])) continue;
        if (m == SENSE_PICK_MAX) return false;
        at[++m] = i;
    }
    at[m + 1] = n - 1;
    size_t np = m + 2;
    if (nb > m + 1) return false;
    double even = sm.w[n] / (double)nb; /* each line's share, about */
    /* cost[l * np + j]: the best way to set lines 1..l ending at at[j] */
    double *cost = arena_alloc(a, (nb + 1) * np * sizeof *cost);
    size_t *from = arena_alloc(a, (nb + 1) * np * sizeof *from);
    for (size_t k = 0; k < (nb + 1) * np; k++) cost[k] = INFINITY;
    cost[0] = 0;
    for (size_t l = 1; l <= nb; l++)
        for (size_t j = l; j < np; j++) {
            for (size_t i = j; i-- > 0;) {
                double prev = cost[(l - 1) * np + i];
                size_t s = i == 0 ? 0 : sm.next_start[at[i] + 1];
                if (s > at[j]) continue;
                double w = natural_width(&sm, items, s, at[j]);
                if (w > measure + EPS) break; /* wider still further back */
                if (isinf(prev)) continue;
                double c = prev + (j == np - 1 ? 0 : items[at[j]].penalty) +
                           SENSE_EVEN * pow(100.0 * (w - even) / measure, 2) +
                           (one_word(items, s, at[j]) ? SENSE_ALONE : 0);
                if (c < cost[l * np + j] - EPS) {
                    cost[l * np + j] = c;
                    from[l * np + j] = i;
                }
            }
        }
    /* Fewer lines than the breaker found, where they fit, are better. */
    size_t lines = 0;
    for (size_t l = 1; l <= nb; l++)
        if (!isinf(cost[l * np + np - 1]) &&
            (!lines || cost[l * np + np - 1] + SENSE_LINE * (double)l <
                           cost[lines * np + np - 1] + SENSE_LINE * (double)lines - EPS))
            lines = l;
    if (!lines) return false;
    for (size_t l = lines, j = np - 1; l > 0; l--) {
        out[l - 1] = at[j];
        j = from[l * np + j];
    }
    *nout = lines;
    return true;
}

static int sense_break(const setter *S, const double *widths, size_t nwidths, const lb_params *p,
                       size_t **breaks, size_t *nbreaks, double *demerits)
{
    LP_VEC(size_t) out = {0};
    const lb_item *items = S->items.v;
    size_t start = 0, lines = 0;
    double total = 0;
    int worst = 0;
    for (size_t i = 0; i < S->items.n; i++) {
        if (!is_forced(&items[i])) continue;
        size_t n = i + 1 - start;
        size_t nw = nwidths > lines ? nwidths - lines : 1;
        const double *w = nwidths > lines ? widths + lines : widths + nwidths - 1;
        size_t *b, nb;
        double d;
        int rc = lb_break(items + start, n, w, nw, p, S->a, &b, &nb, &d);
        if (rc < 0 || rc == 2) return rc;
        if (rc == 0 && nb > 1 && nw == 1) {
            double lo = w[0] / (double)nb, hi = w[0];
            for (int step = 0; step < BALANCE_STEPS; step++) {
                double mid = (lo + hi) / 2;
                size_t *b2, nb2;
                double d2;
                lb_params q = *p;
                q.single_pass = true;
                if (lb_break(items + start, n, &mid, 1, &q, S->a, &b2, &nb2, &d2) == 0 && nb2 == nb)
                    hi = mid;
                else
                    lo = mid;
            }
            double use = fmin(w[0], hi + BALANCE_SLACK * w[0]);
            size_t *b2, nb2;
            double d2;
            lb_params q = *p;
            q.single_pass = true;
            if (lb_break(items + start, n, &use, 1, &q, S->a, &b2, &nb2, &d2) == 0 && nb2 == nb) {
                b = b2;
                d = d2;
            }
        }
        if (rc == 0 && nw == 1) {
            size_t *pick = arena_alloc(S->a, (nb ? nb : 1) * sizeof *pick);
            if (sense_pick(items + start, n, w[0], nb, S->a, pick, &nb)) b = pick;
        }
        if (rc > worst) worst = rc;
        for (size_t k = 0; k < nb; k++) VEC_PUSH(S->a, out, b[k] + start);
        lines += nb;
        total += d;
        start = i + 1;
    }
    *breaks = out.v;
    *nbreaks = out.n;
    *demerits = total;
    return worst;
}

/* A ragged paragraph set in a number of lines other than its best may
 * have lines this loose (its rag stretch is a sixth of the measure: no
 * line but the last shorter than half the measure).  Justified text keeps
 * the breaker's tolerance: its spaces stretch no further than at its best. */
#define LOOSE_RAGGED_TOLERANCE 3.0

/* The breaks of a paragraph set in exactly `lines` lines (lb_break_lines;
 * lines by sense are broken a sentence at a time and are never set so):
 * 2 when it cannot be. */
static int break_lines(const setter *S, const double *widths, size_t nwidths, const lb_params *p, size_t lines,
                       size_t **breaks, size_t *nbreaks, double *demerits)
{
    if (S->st->sense || p->greedy) return 2;
    lb_params q = *p;
    if (S->ragged) q.tolerance = fmax(q.tolerance, LOOSE_RAGGED_TOLERANCE);
    return lb_break_lines(S->items.v, S->items.n, widths, nwidths, &q, lines, S->a, breaks, nbreaks, demerits);
}

static int break_items(const setter *S, const double *widths, size_t nwidths, const lb_params *p,
                       size_t **breaks, size_t *nbreaks, double *demerits)
{
    if (S->st->sense && S->ragged && !p->greedy)
        return sense_break(S, widths, nwidths, p, breaks, nbreaks, demerits);
    return lb_break(S->items.v, S->items.n, widths, nwidths, p, S->a, breaks, nbreaks, demerits);
}

/* lines > 0: in exactly that many lines, each within the breaker's
 * tolerance and none overfull, or not at all (returns 1, *out empty). */
static int set_paragraph(lp_arena *scratch, lp_arena *a, const lp_fonts *fonts, const lp_inline *in, size_t nin,
                         const lp_style *st, const double *widths, size_t nwidths, bool greedy, size_t lines,
                         const char *file, lb_para *out, lp_diag *d)
{
    memset(out, 0, sizeof *out);
    if (!widths || nwidths == 0) {
        diag_error(d, file, nin ? in[0].line : 0, nin ? in[0].col : 0, NULL,
                   "paragraph has no line width");
        return -1;
    }
    setter S = {0};
    S.a = scratch;
    S.out = a;
    S.fonts = fonts;
    S.st = st;
    S.ragged = st->align != ALIGN_JUSTIFY;
    double widest = 0;
    for (size_t i = 0; i < nwidths; i++) widest = fmax(widest, widths[i]);
    S.rag_stretch = widest * RAG_STRETCH_FRACTION;
    S.narrowest = widest;
    for (size_t i = 0; i < nwidths; i++) S.narrowest = fmin(S.narrowest, widths[i]);
    S.last_stretch = widest;

    /* Check every glyph first, so one run reports all its problems at once. */
    const char **texts = arena_alloc(scratch, (nin ? nin : 1) * sizeof *texts);
    size_t bytes = 0;
    int rc = 0;
    for (size_t i = 0; i < nin; i++) {
        if (in[i].kind != IN_TEXT || !in[i].text) continue;
        texts[i] = st->caps ? caps_copy(scratch, in[i].text) : in[i].text;
        bytes += strlen(texts[i]);
        if (check_glyphs(&S, &in[i], texts[i], file, d) != 0) rc = -1;
    }
    if (rc != 0) return -1;
    if (bytes > MAX_PARA_BYTES) {
        diag_error(d, file, in[0].line, in[0].col, "split it into shorter paragraphs",
                   "paragraph is longer than %u bytes", MAX_PARA_BYTES);
        return -1;
    }

    /* As TeX does: first without hyphens, accepting only lines no looser
     * than PRETOLERANCE; only a paragraph that cannot be set well that way
     * is set again with hyphen points (so hyphens stay rare, and documents
     * that never need one never load the patterns). */
    bool plain_first = st->hyphenate && !greedy;
    setter fresh = S;
    S.hyphenate = st->hyphenate && !plain_first;
    if (S.hyphenate && lb_hyphen_init(NULL, d) != 0) return -1;
    if (set_items(&S, in, nin, texts) == 0) return 0;
    lb_params p;
    lb_params_default(&p);
    p.greedy = greedy;
    size_t *breaks, nbreaks;
    double dem;
    int brc;
    if (plain_first) {
        p.tolerance = PRETOLERANCE;
        p.single_pass = true;
        brc = lines ? break_lines(&S, widths, nwidths, &p, lines, &breaks, &nbreaks, &dem)
                    : break_items(&S, widths, nwidths, &p, &breaks, &nbreaks, &dem);
        if (brc == 2) {
            if (lb_hyphen_init(NULL, d) != 0) return -1;
            S = fresh;
            S.hyphenate = true;
            set_items(&S, in, nin, texts);
            lb_params_default(&p);
            brc = lines ? break_lines(&S, widths, nwidths, &p, lines, &breaks, &nbreaks, &dem)
                        : break_items(&S, widths, nwidths, &p, &breaks, &nbreaks, &dem);
        }
    } else {
        brc = lines ? break_lines(&S, widths, nwidths, &p, lines, &breaks, &nbreaks, &dem)
                    : break_items(&S, widths, nwidths, &p, &breaks, &nbreaks, &dem);
    }
    if (lines && brc != 0) {
        memset(out, 0, sizeof *out);
        return 1;
    }
    /* A piece wider than its line: first an address's own break points are
     * offered (only then, so an address that fits stays whole), and as the
     * last resort breaks between characters. */
    double narrowest = widths[0];
    for (size_t i = 1; i < nwidths; i++) narrowest = fmin(narrowest, widths[i]);
    bool over = false;
    for (int stage = 0;; stage++) {
        if (brc < 0) {
            diag_error(d, file, in[0].line, in[0].col, NULL, "cannot break paragraph into lines");
            return -1;
        }
        out->demerits = dem;
        out->lines = arena_alloc(a, (nbreaks ? nbreaks : 1) * sizeof *out->lines);
        out->nlines = nbreaks;
        over = false;
        size_t start = 0;
        for (size_t l = 0; l < nbreaks; l++) {
            double target = line_width_at(widths, nwidths, l);
            build_line(&S, start, breaks[l], target, &out->lines[l]);
            if (out->lines[l].width > target + 0.01) over = true;
            start = breaks[l] + 1;
        }
        if (over && lines) {
            memset(out, 0, sizeof *out);
            return 1;
        }
        if (!over || stage == 2 || narrowest <= 0) break;
        if (stage == 0 && !S.saw_address) stage = 1;
        bool hyph = S.hyphenate;
        S = fresh;
        S.hyphenate = hyph;
        S.addresses = true;
        if (stage == 1) S.emergency = narrowest;
        set_items(&S, in, nin, texts);
        lb_params_default(&p);
        p.greedy = greedy;
        brc = lb_break(S.items.v, S.items.n, widths, nwidths, &p, scratch, &breaks, &nbreaks, &dem);
    }
    out->forced_in = S.forced_in;
    out->forced_col = S.forced_col;
    out->forced_line = S.forced_line;
    out->forced_text = S.forced_text;
    out->forced_address = S.forced_address;
    out->overfull = over || S.forced_in;
    return 0;
}

/* The items, pieces and breaks of a paragraph are scratch: only its lines
 * outlive it.  Set in an arena of their own, freed here, they cost the
 * caller's arena nothing (a poster's measures try each headline a dozen
 * times) and their memory is reused, already paged in, by the next. */
int lb_set_paragraph(lp_arena *a, const lp_fonts *fonts, const lp_inline *in, size_t nin,
                     const lp_style *st, const double *widths, size_t nwidths, bool greedy,
                     const char *file, lb_para *out, lp_diag *d)
{
    lp_arena *scratch = arena_new();
    int rc = set_paragraph(scratch, a, fonts, in, nin, st, widths, nwidths, greedy, 0, file, out, d);
    arena_free(scratch);
    return rc;
}

int lb_set_paragraph_lines(lp_arena *a, const lp_fonts *fonts, const lp_inline *in, size_t nin,
                           const lp_style *st, const double *widths, size_t nwidths, size_t lines,
                           const char *file, lb_para *out, lp_diag *d)
{
    memset(out, 0, sizeof *out);
    if (lines == 0) return 1;
    lp_arena *scratch = arena_new();
    int rc = set_paragraph(scratch, a, fonts, in, nin, st, widths, nwidths, false, lines, file, out, d);
    arena_free(scratch);
    if (rc == 0 && out->nlines != lines) {
        memset(out, 0, sizeof *out);
        rc = 1;
    }
    return rc;
}
