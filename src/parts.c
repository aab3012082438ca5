/* parts.c — layout parts shared by the formats and packs (see parts.h). */
#include "parts.h"

#include <math.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01

/* ------------------------------------------------------------ cover */

double part_cover_band(fl_writer *w, int page, double page_w, double x, double width,
                       const lp_inline *title, const char *subtitle, int parent)
{
    const lp_spec *s = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    double band, rule, part_top, title_top, gap;
    lp_color bg, rule_c;
    if (!spec_len(s, "cover.band", &band, d) || !spec_len(s, "cover.rule", &rule, d) ||
        !spec_len(s, "cover.partnership-top", &part_top, d) ||
        !spec_len(s, "cover.title-top", &title_top, d) || !spec_len(s, "cover.gap", &gap, d) ||
        !spec_color(s, "cover.color", &bg, d) || !spec_color(s, "cover.rule-color", &rule_c, d))
        return -1;
    const lp_style *part = fl_fixed_style(w, "booklet-partnership");
    const lp_style *ts = fl_fixed_style(w, "booklet-title");
    const lp_style *sf = subtitle ? fl_fixed_style(w, "standfirst") : NULL;
    if (!part || !ts || (subtitle && !sf)) return -1;
    /* Measured first: a title that does not fit draws nothing. */
    lp_inline sin = fl_inline(subtitle, 0);
    double th = fl_text_height(w, width, ts, title, 1);
    double sh = subtitle ? fl_text_height(w, width, sf, &sin, 1) : 0;
    if (th < 0 || sh < 0) return -1;
    double end = title_top + th + (subtitle ? gap + sh : 0);
    if (end > band - gap + EPS) {
        diag_error(d, w->ctx->doc->path, title->line, title->col,
                   subtitle ? "shorten the title or subtitle" : "shorten the title",
                   "the title%s do%s not fit the cover band (%.1f mm over)",
                   subtitle ? " and subtitle" : "", subtitle ? "" : "es", pt_to_mm(end - (band - gap)));
        return -1;
    }
    fl_rect(w, page, 0, 0, page_w, band, bg, 0, -1)->bleed = true;
    fl_rect(w, page, 0, band, page_w, rule, rule_c, 0, -1)->bleed = true;
    /* A caps style sets it in capitals and tags it to read as written. */
    if (fl_plain_at(w, page, x, part_top, width, part, w->ctx->partnership->name,
                    fl_snode(w, "P", parent)) < 0 ||
        fl_text_at(w, page, x, title_top, width, ts, title, 1, fl_snode(w, "H1", parent)) < 0)
        return -1;
    if (subtitle &&
        fl_text_at(w, page, x, title_top + th + gap, width, sf, &sin, 1, fl_snode(w, "P", parent)) < 0)
        return -1;
    return band + rule;
}

/* ------------------------------------------------------------ contents */

/* Dot leaders from the end of an entry's last line (the text boxes from
 * `from` to `num_at`) to its page number (the boxes after `num_at`):
 * small discs on a grid from `origin` shared by every entry, so that they
 * line up; an artifact, so that nothing extra is read aloud. */
static void leaders(fl_writer *w, int page, double origin, size_t from, size_t num_at, lp_color c)
{
    lp_box *bx = w->pg->boxes.v;
    size_t end = w->pg->boxes.n;
    double base = -1, x0 = 0, x1 = INFINITY;
    for (size_t i = from; i < num_at; i++)
        if (bx[i].kind == BOX_TEXT && bx[i].y >= base - EPS) {
            if (bx[i].y > base + EPS) x0 = 0;
            base = bx[i].y;
            if (bx[i].x + bx[i].w > x0) x0 = bx[i].x + bx[i].w;
        }
    for (size_t i = num_at; i < end; i++)
        if (bx[i].kind == BOX_TEXT && bx[i].x < x1) x1 = bx[i].x;
    if (base < 0 || !isfinite(x1)) return;
    const double step = 4.0, dot = 0.9, pad = 3.0;
    double start = origin + ceil((x0 + pad - origin) / step) * step;
    for (double x = start; x + dot <= x1 - pad; x += step)
        fl_rect(w, page, x, base - dot, dot, dot, c, dot / 2, -1);
}

int part_contents(fl_writer *w, int page, double x, double y, double width, double top,
                  double bottom, int max_pages, const part_toc_entry *e, size_t n, int parent,
                  size_t *link_box, size_t *fit)
{
    const lp_spec *s = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double num_w, entry_gap;
    const char *title;
    lp_color leader_c;
    if (!spec_len(s, "contents.number-width", &num_w, d) ||
        !spec_len(s, "contents.entry-gap", &entry_gap, d) || !spec_str(s, "contents.title", &title, d) ||
        !spec_color(s, "header.rule-color", &leader_c, d))
        return -1;
    const lp_style *ts = fl_fixed_style(w, "contents-title");
    const lp_style *es = fl_fixed_style(w, "contents-entry");
    const lp_style *ns = fl_fixed_style(w, "contents-number");
    if (!ts || !es || !ns) return -1;
    double text_w = width - num_w - entry_gap;
    int sec = fl_snode(w, "Sect", parent);
    double th = fl_plain_at(w, page, x, y, width, ts, title, fl_snode(w, "H2", sec));
    if (th < 0) return -1;
    y += th + ts->space_after;
    int used = 1;
    /* TOC > TOCI > Link: each entry, its page number after it, is a link
     * to what it names. */
    int toc = fl_snode(w, "TOC", sec);
    for (size_t i = 0; i < n; i++) {
        double eh = fl_text_height(w, text_w, es, e[i].in, e[i].nin);
        if (eh < 0) return -1;
        if (y + eh > bottom + EPS) {
            if (used >= max_pages) {
                if (fit) *fit = i;
                return 0;
            }
            page++;
            used++;
            y = top;
        }
        int link = fl_snode(w, "Link", fl_snode(w, "TOCI", toc));
        size_t from = w->pg->boxes.n;
        if (fl_text_at(w, page, x, y, text_w, es, e[i].in, e[i].nin, link) < 0) return -1;
        /* The number sits on the entry's last line. */
        const char *num = e[i].page >= 0 ? arena_printf(a, "%d", e[i].page + 1) : NULL;
        size_t num_at = w->pg->boxes.n;
        if (num) {
            if (fl_plain_at(w, page, x + width - num_w, y + eh - ns->leading, num_w, ns, num, link) < 0)
                return -1;
            leaders(w, page, x, from, num_at, leader_c);
        }
        lp_box *lb = fl_box(w, BOX_LINK, page, x, y, width, eh);
        lb->snode = link;
        lb->text = e[i].text;
        lb->alt = num ? arena_printf(a, "%s, page %s", e[i].text, num) : e[i].text;
        if (link_box) link_box[i] = w->pg->boxes.n - 1;
        y += eh + es->space_after;
    }
    if (fit) *fit = n;
    return used;
}
