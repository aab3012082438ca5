/* panels.c — the panels of a folded sheet, read from the layout's panels:
 * map and checked (see panels.h). */
#include "panels.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Widths may miss the page, and folds each other, by this much (pt):
 * lengths are written to a tenth of a millimetre. */
#define SLACK 0.5

static const char *const side_names[2] = {"outside", "inside"};

typedef struct reader {
    const lp_spec *s;
    lp_diag *d;
    const yt_node *side_node[PANELS_MAX], *at_node[PANELS_MAX], *width_node[PANELS_MAX],
        *role_node[PANELS_MAX], *order_node[PANELS_MAX];
} reader;

/* An error at n, in the file n is written in. */
static int refuse(const reader *r, const yt_node *n, const char *hint, const char *fmt, ...) LP_PRINTF(4, 5);
static int refuse(const reader *r, const yt_node *n, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(r->d, LP_ERROR, n ? spec_node_file(r->s, n) : spec_layout_path(r->s), n ? n->line : 0,
              n ? n->col : 0, hint, fmt, ap);
    va_end(ap);
    return -1;
}

static bool plain_key(const char *k)
{
    if (!*k) return false;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '-' ||
              *k == '_'))
            return false;
    return true;
}

/* One panel's keys; its position on the sheet comes later. */
static int read_panel(reader *r, const yt_node *key, const yt_node *m, lp_panel *p, size_t i)
{
    const lp_spec *s = r->s;
    lp_diag *d = r->d;
    const char *k = key->scalar;
    if (!plain_key(k) || strlen(k) > 40)
        return refuse(r, key, "name a panel in a word of letters, digits and hyphens, e.g. flap", "'%s' cannot name a panel",
                      k);
    if (m->kind != YT_MAP)
        return refuse(r, m, "write { side: outside, at: 1, width: 99mm, background: tint-2, role: flow, order: 1 }",
                      "panels.%s must be a map of keys", k);
    char path[96];
    const char *side, *role;
    double at;
#define P(leaf) (snprintf(path, sizeof path, "panels.%s.%s", k, leaf), path)
    if (!spec_str(s, P("side"), &side, d) || !spec_num(s, P("at"), &at, d) || !spec_len(s, P("width"), &p->w, d) ||
        !spec_color(s, P("background"), &p->bg, d) || !spec_str(s, P("role"), &role, d))
        return -1;
    p->page = strcmp(side, "inside") == 0;
    p->at = (int)at;
    snprintf(p->name, sizeof p->name, "%s.%s", side_names[p->page], k);
    p->role = strcmp(role, "cover") == 0 ? PANEL_COVER : strcmp(role, "back") == 0 ? PANEL_BACK : PANEL_FLOW;
    r->side_node[i] = yt_get(m, "side");
    r->at_node[i] = yt_get(m, "at");
    r->width_node[i] = yt_get(m, "width");
    r->role_node[i] = yt_get(m, "role");
    r->order_node[i] = yt_get(m, "order");
    if (p->role != PANEL_FLOW) return 0; /* an order: there says nothing */
    if (!r->order_node[i])
        return refuse(r, r->role_node[i], "add order: N to it: 1 is read first, and each *** starts the next",
                      "the flow panel %s has no place in the reading order", p->name);
    {
        double o;
        if (!spec_num(s, P("order"), &o, d)) return -1;
        p->order = (int)o;
    }
#undef P
    return 0;
}

/* The node to blame among nodes[0..n) of the panels on page (-1: both):
 * the last one written in the layout itself (where the change was made),
 * else the last. */
static const yt_node *blame(const reader *r, const lp_panels *out, const yt_node *const *nodes, int page)
{
    const yt_node *last = NULL, *mine = NULL;
    for (size_t i = 0; i < out->n; i++) {
        if ((page >= 0 && out->p[i].page != page) || !nodes[i]) continue;
        last = nodes[i];
        if (spec_node_file(r->s, last) == spec_layout_path(r->s)) mine = last;
    }
    return mine ? mine : last;
}

/* Puts each side's panels in order from the left and sets x and the folds. */
static int place(reader *r, lp_panels *out, double page_w)
{
    /* Sort by page, then place (insertion sort: at most PANELS_MAX). */
    for (size_t i = 1; i < out->n; i++)
        for (size_t j = i; j > 0; j--) {
            lp_panel *a = &out->p[j - 1], *b = &out->p[j];
            if (a->page < b->page || (a->page == b->page && a->at <= b->at)) break;
            lp_panel t = *a;
            *a = *b;
            *b = t;
                    const yt_node **nodes[] = {r->side_node, r->at_node, r->width_node, r->role_node, r->order_node};
            for (size_t q = 0; q < 5; q++) {
                const yt_node *tn = nodes[q][j - 1];
                nodes[q][j - 1] = nodes[q][j];
                nodes[q][j] = tn;
            }
        }
    int count[2] = {0, 0};
    for (size_t i = 0; i < out->n; i++) count[out->p[i].page]++;
    if (count[0] != count[1])
        return refuse(r, blame(r, out, r->side_node, -1), "a sheet folds through both sides: give each side as many panels",
                      "the outside has %d panels, the inside %d", count[0], count[1]);
    for (size_t i = 1; i < out->n; i++) {
        const lp_panel *a = &out->p[i - 1], *b = &out->p[i];
        if (a->page == b->page && a->at == b->at) {
            bool later = spec_node_file(r->s, r->at_node[i]) == spec_layout_path(r->s);
            return refuse(r, r->at_node[later ? i : i - 1], "number the panels of a side 1, 2, 3 from the left, once each",
                          "%s and %s are both at %d on the %s", a->name, b->name, a->at, side_names[a->page]);
        }
    }
    for (size_t i = 0, k = 0; i < out->n; i++, k++) {
        const lp_panel *p = &out->p[i];
        if (i > 0 && p->page != out->p[i - 1].page) k = 0;
        if (p->at != (int)k + 1)
            return refuse(r, r->at_node[i], "number the panels of a side 1, 2, 3 from the left, once each",
                          "%s is at %d: the %s has no panel at %zu", p->name, p->at, side_names[p->page], k + 1);
    }
    double x[2] = {0, 0};
    for (size_t i = 0; i < out->n; i++) {
        lp_panel *p = &out->p[i];
        if (p->at > 1) out->folds[p->page][out->nfolds[p->page]++] = x[p->page];
        p->x = x[p->page];
        x[p->page] += p->w;
    }
    for (int s = 0; s < 2; s++)
        if (fabs(x[s] - page_w) > SLACK)
            return refuse(r, blame(r, out, r->width_node, s), "the panel widths of a side must add up to the page width",
                          "%s panels are %.1f mm wide in all, the page %.1f mm", side_names[s], pt_to_mm(x[s]),
                          pt_to_mm(page_w));
    /* The inside is the outside seen from behind: a fold x from the
     * outside's left edge is page_w - x from the inside's. */
    for (int k = 0; k < out->nfolds[0]; k++) {
        double behind = page_w - out->folds[0][k];
        bool found = false;
        for (int j = 0; j < out->nfolds[1] && !found; j++) found = fabs(out->folds[1][j] - behind) <= SLACK;
        if (!found)
            return refuse(r, blame(r, out, r->width_node, -1),
                          "the inside's panels are the outside's from behind: the same widths in mirror order",
                          "the fold %.1f mm from the outside's left edge has no fold behind it on the inside "
                          "(%.1f mm from its left edge)",
                          pt_to_mm(out->folds[0][k]), pt_to_mm(behind));
    }
    return 0;
}

/* The cover, the back panel and the reading order of the flow panels. */
static int roles(reader *r, lp_panels *out)
{
    for (size_t i = 0; i < out->n; i++) {
        const lp_panel *p = &out->p[i];
        const lp_panel **one = p->role == PANEL_COVER ? &out->cover : p->role == PANEL_BACK ? &out->back : NULL;
        if (one && *one) {
            size_t first = (size_t)(*one - out->p);
            bool later = spec_node_file(r->s, r->role_node[i]) == spec_layout_path(r->s);
            return refuse(r, r->role_node[later ? i : first], "a tri-fold has one of each: make one of them a flow panel",
                          "%s and %s are both the %s", (*one)->name, p->name,
                          p->role == PANEL_COVER ? "cover" : "back panel");
        }
        if (one) *one = p;
        if (p->role != PANEL_FLOW) continue;
        for (size_t j = 0; j < out->nflow; j++)
            if (out->flow[j]->order == p->order)
                return refuse(r, r->order_node[i], "give each flow panel its own place: 1, 2, 3 ...",
                              "%s and %s are both at order %d", out->flow[j]->name, p->name, p->order);
        out->flow[out->nflow++] = p;
    }
    if (!out->cover || !out->back || !out->nflow)
        return refuse(r, blame(r, out, r->role_node, -1),
                      "give one panel role: cover, one role: back, and the others role: flow",
                      "the panels have no %s", !out->cover ? "cover" : !out->back ? "back panel" : "flow panel");
    for (size_t i = 1; i < out->nflow; i++)
        for (size_t j = i; j > 0 && out->flow[j - 1]->order > out->flow[j]->order; j--) {
            const lp_panel *t = out->flow[j - 1];
            out->flow[j - 1] = out->flow[j];
            out->flow[j] = t;
        }
    return 0;
}

int panels_read(const lp_spec *s, double page_w, lp_panels *out, lp_diag *d)
{
    memset(out, 0, sizeof *out);
    reader r;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.d = d;
    const yt_node *all = spec_node(s, "panels");
    if (!all || all->kind != YT_MAP || all->n == 0)
        return refuse(&r, all, "list the panels under panels:, each with side, at, width, background and role",
                      "the layout has no panels");
    if (all->n > PANELS_MAX)
        return refuse(&r, all->keys[PANELS_MAX], "a sheet has at most 4 panels a side",
                      "the layout has %zu panels, at most %d", all->n, PANELS_MAX);
    for (size_t i = 0; i < all->n; i++)
        if (read_panel(&r, all->keys[i], all->vals[i], &out->p[i], i) != 0) return -1;
    out->n = all->n;
    if (place(&r, out, page_w) != 0 || roles(&r, out) != 0) return -1;
    return 0;
}
