/* parts.c — layout parts shared by the formats and packs (see parts.h). */
#include "parts.h"

#include "columns.h"
#include "framecheck.h"

#include "linebreak.h"
#include "sense.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01

/* ------------------------------------------------------------ partnership */

double part_partnership_as(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                           const char *name, int parent)
{
    double lw = fl_logo(w, page, x, y, st, -1); /* a mark beside the name it stands for */
    if (lw < 0) return -1;
    return fl_plain_at(w, page, x + lw, y, width - lw, st, name, parent >= 0 ? fl_snode(w, "P", parent) : -1);
}

double part_partnership(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                        int parent)
{
    return part_partnership_as(w, page, x, y, width, st, w->ctx->partnership->name, parent);
}

double part_partnership_even(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                             int parent)
{
    lp_inline pin = fl_inline(w->ctx->partnership->name, 0);
    double lw = fl_logo_width(w, st);
    double bw = part_balanced_width(w, st, &pin, 1, width - lw);
    if (bw < 0) return -1;
    return part_partnership(w, page, x, y, lw + bw, st, parent);
}

/* ------------------------------------------------------------ contact entry */

static const char *const contact_line_names[] = {"name", "short-name", "number", "note", "note-warning",
                                                 "hours"};
#define NCONTACT_LINE_NAMES (sizeof contact_line_names / sizeof *contact_line_names)

static int contact_line(const char *word)
{
    for (size_t k = 0; k < NCONTACT_LINE_NAMES; k++)
        if (strcmp(word, contact_line_names[k]) == 0) return (int)k;
    return -1;
}

int part_contact_lines(fl_writer *w, const char *key, const char *dflt,
                       part_contact_line lines[PART_CONTACT_MAX_LINES])
{
    const yt_node *n = spec_node(w->ctx->spec, key);
    size_t count = 0;
    if (!n) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", dflt);
        for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && count < PART_CONTACT_MAX_LINES;
             t = strtok_r(NULL, " ", &save)) {
            int k = contact_line(t);
            if (k >= 0) lines[count++] = (part_contact_line)k;
        }
        return (int)count;
    }
    const char *file = spec_layout_path(w->ctx->spec);
    if (n->kind != YT_SEQ || n->n == 0 || n->n > PART_CONTACT_MAX_LINES) {
        diag_error(w->ctx->diag, file, n->line, n->col, "write [name, number, note], for example",
                   "'%s' must list 1 to %d of: name, short-name, number, note, note-warning, hours", key,
                   PART_CONTACT_MAX_LINES);
        return -1;
    }
    for (size_t i = 0; i < n->n; i++) {
        const yt_node *it = n->vals[i];
        int k = it->kind == YT_SCALAR ? contact_line(it->scalar) : -1;
        if (k < 0) {
            const char *near = it->kind == YT_SCALAR
                                   ? lp_closest(it->scalar, contact_line_names, NCONTACT_LINE_NAMES)
                                   : NULL;
            char hint[96];
            if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else snprintf(hint, sizeof hint, "name, short-name, number, note, note-warning or hours");
            diag_error(w->ctx->diag, file, it->line, it->col, hint, "'%s' lists an unknown line '%s'", key,
                       it->kind == YT_SCALAR ? it->scalar : "(not a word)");
            return -1;
        }
        lines[count++] = (part_contact_line)k;
    }
    return (int)count;
}

double part_contact_entry(fl_writer *w, int page, double x, double y, double width,
                          const lp_contact_rec *rc, const lp_keyref *key,
                          const part_contact_line *lines, size_t nlines, int list, bool place,
                          double name_h, double *own_name_h)
{
    lp_arena *a = w->ctx->arena;
    const lp_contact *ct = rc->ct;
    bool acronym = ct->short_name && strcmp(ct->short_name, ct->name) != 0;
    int sn = place ? fl_item_snode(w, list) : -1;
    double h = 0;
    for (size_t i = 0; i < nlines; i++) {
        const char *sname = lines[i] == PC_NAME || lines[i] == PC_SHORT_NAME ? "contact-name"
                            : lines[i] == PC_NUMBER                          ? "contact-number"
                            : lines[i] == PC_HOURS                           ? "contact-hours"
                                                                             : "contact-note";
        lp_inline in[2];
        size_t nin = 1;
        /* A line with nothing to say needs no style. */
        if ((lines[i] == PC_NUMBER && !rc->reach_short) || (lines[i] == PC_NOTE && !rc->note) ||
            (lines[i] == PC_NOTE_WARNING && !rc->nnote) || (lines[i] == PC_HOURS && !ct->hours))
            continue;
        const lp_style *st = fl_fixed_style(w, sname);
        if (!st) return -1;
        switch (lines[i]) {
        case PC_NAME:
            in[0] = fl_inline_at(ct->name, 0, key->line, key->col);
            if (acronym) {
                /* The acronym goes after the name when both fit on one line. */
                lp_inline both = fl_inline_at(arena_printf(a, "%s (%s)", ct->name, ct->short_name), 0,
                                              key->line, key->col);
                double bh = fl_text_height(w, width, st, &both, 1);
                if (bh < 0) return -1;
                if (bh <= st->leading + EPS) in[0] = both;
            }
            break;
        case PC_SHORT_NAME:
            in[0] = fl_inline_at(acronym ? arena_printf(a, "%s (%s)", ct->short_name, ct->name) : ct->name,
                                 0, key->line, key->col);
            break;
        case PC_NUMBER:
            in[0] = fl_inline_at(rc->reach_short, 0, key->line, key->col);
            in[0].url = rc->reach_url;
            in[0].nobreak = true;
            break;
        case PC_NOTE:
            in[0] = fl_inline_at(rc->note, 0, key->line, key->col);
            break;
        case PC_NOTE_WARNING:
            for (nin = 0; nin < rc->nnote && nin < 2; nin++) {
                in[nin] = rc->note_in[nin];
                in[nin].line = key->line;
                in[nin].col = key->col;
                in[nin].elsewhere = true;
            }
            break;
        case PC_HOURS:
            in[0] = fl_inline_at(ct->hours, 0, key->line, key->col);
            break;
        }
        double r = place ? fl_text_at(w, page, x, y + h, width, st, in, nin, sn)
                         : fl_text_height(w, width, st, in, nin);
        if (r < 0) return -1;
        h += r;
        if (lines[i] == PC_NAME || lines[i] == PC_SHORT_NAME) {
            if (own_name_h) *own_name_h = h;
            if (name_h > h) h = name_h;
        }
    }
    return h;
}

/* ------------------------------------------------------------ cover */

double part_cover_band(fl_writer *w, int page, double page_w, double x, double width,
                       const lp_inline *title, const char *subtitle, int parent)
{
    const lp_spec *s = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    double band, rule, part_top, title_top, gap;
    lp_color bg, rule_c;
    const char *part_name, *title_name;
    if (!spec_str(s, "cover.partnership-style", &part_name, d) ||
        !spec_str(s, "cover.title-style", &title_name, d) || !spec_len(s, "cover.band", &band, d) ||
        !spec_len(s, "cover.rule", &rule, d) ||
        !spec_len(s, "cover.partnership-top", &part_top, d) ||
        !spec_len(s, "cover.title-top", &title_top, d) || !spec_len(s, "cover.gap", &gap, d) ||
        !spec_color(s, "cover.color", &bg, d) || !spec_color(s, "cover.rule-color", &rule_c, d))
        return -1;
    const lp_style *part = fl_fixed_style(w, part_name);
    const lp_style *ts = fl_fixed_style(w, title_name);
    const lp_style *sf = subtitle ? fl_fixed_style(w, spec_str_or(w->ctx->spec, "cover.subtitle-style", "standfirst", w->ctx->diag)) : NULL;
    if (!part || !ts || (subtitle && !sf)) return -1;
    /* Measured first: a title that does not fit draws nothing. */
    lp_inline sin = fl_inline(subtitle, 0);
    /* The document's own subtitle is reported at its front-matter line. */
    const lp_meta *dm = &w->ctx->doc->meta;
    if (subtitle && subtitle == dm->subtitle)
        sin = fl_inline_at(subtitle, 0, dm->subtitle_line, dm->subtitle_col);
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
    if (part_partnership_even(w, page, x, part_top, width, part, parent) < 0 ||
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
    const lp_style *ts = fl_fixed_style(w, spec_str_or(w->ctx->spec, "contents.title-style", "contents-title", w->ctx->diag));
    const lp_style *es = fl_fixed_style(w, spec_str_or(w->ctx->spec, "contents.entry-style", "contents-entry", w->ctx->diag));
    const lp_style *ns = fl_fixed_style(w, spec_str_or(w->ctx->spec, "contents.number-style", "contents-number", w->ctx->diag));
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

/* ------------------------------------------------------------ back cover */

int part_back_cover(fl_writer *w, int page, double page_w, double page_h, double x, double width,
                    double bottom, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    const lp_doc *doc = w->ctx->doc;
    const lp_meta *m = &doc->meta;
    double band, rule, pad, gap, label_gap, ppad, prule;
    lp_color bg, rule_c, panel_c, prule_c;
    const char *label, *part_name;
    if (!spec_str(sp, "cover.partnership-style", &part_name, d) || !spec_len(sp, "back.band", &band, d) || !spec_len(sp, "cover.rule", &rule, d) ||
        !spec_len(sp, "cover.partnership-top", &pad, d) || !spec_len(sp, "back.gap", &gap, d) ||
        !spec_len(sp, "back.label-gap", &label_gap, d) || !spec_len(sp, "back.panel-padding", &ppad, d) ||
        !spec_len(sp, "back.panel-rule", &prule, d) || !spec_color(sp, "back.panel-color", &panel_c, d) ||
        !spec_color(sp, "back.panel-rule-color", &prule_c, d) || !spec_color(sp, "cover.color", &bg, d) ||
        !spec_color(sp, "cover.rule-color", &rule_c, d) || !spec_str(sp, "back.label", &label, d))
        return -1;
    const lp_style *part = fl_fixed_style(w, part_name);
    const lp_style *ts = fl_fixed_style(w, spec_str_or(sp, "back.title-style", "back-title", d));
    const lp_style *ls = fl_fixed_style(w, spec_str_or(sp, "back.label-style", "back-label", d));
    if (!part || !ts || !ls) return -1;
    double measure = width;
    double inner = measure - 2 * ppad;
    int sec = fl_snode(w, "Sect", parent);

    /* The band's foot: the QR block (back.qr.*). */
    double foot = part_qr_block(w, page, x, measure, bottom, "back.qr", -1, false);
    if (foot < 0) return -1;

    /* The band's head: the partnership and the title.  A name that leaves
     * the contacts no room gives way to the short name (a long name set in
     * a young people's 16 pt). */
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    const lp_partnership *pa = w->ctx->partnership;
    const char *pname = pa->name;
    double ht = fl_text_height(w, measure, ts, &tin, 1);
    if (ht < 0) return -1;

    /* The contacts above the band, in a tinted panel with a rule on top
     * (the guide's key-contacts strip). */
    lp_block keys;
    memset(&keys, 0, sizeof keys);
    keys.kind = BLK_CONTACTS;
    keys.keys = m->contacts;
    keys.nkeys = m->ncontacts;
    double ch = 0;
    if (m->ncontacts) {
        ch = fl_measure_blocks(w, &keys, 1, inner);
        if (ch < 0) return -1;
    }
    /* No running header here: the panel starts where the cover's
     * partnership line does. */
    double top = pad;
    double contacts_top = top + prule + ppad + ls->leading + label_gap;
    double hp, band_top;
    for (int pass = 0;; pass++) {
        lp_inline pin = fl_inline(pname, 0);
        hp = fl_text_height(w, measure, part, &pin, 1);
        if (hp < 0) return -1;
        /* Below the rule: the cover's padding, or only `gap` when the
         * contacts need the room. */
        double head = pad + hp + gap + ht + gap, head_min = gap + hp + gap + ht + gap;
        /* The band is as deep as the layout asks, but gives way to
         * contacts down to the depth its own lines need. */
        double lowest = bottom - foot - head_min - rule;
        band_top = m->ncontacts ? page_h - band : 0;
        if (band_top > bottom - foot - head - rule) band_top = bottom - foot - head - rule;
        if (ch > 0 && contacts_top + ch + ppad + gap > band_top) band_top = contacts_top + ch + ppad + gap;
        if (!(ch > 0 && band_top > lowest + EPS)) break;
        if (pass == 0 && pa->short_name && *pa->short_name && strcmp(pa->short_name, pa->name) != 0) {
            pname = pa->short_name;
            continue;
        }
        /* Say how many of them the back cover holds. */
        size_t fit = 0;
        while (fit + 1 < m->ncontacts) {
            keys.nkeys = fit + 1;
            double kh = fl_measure_blocks(w, &keys, 1, inner);
            if (kh < 0) return -1;
            if (contacts_top + kh + ppad + gap > lowest + EPS) break;
            fit++;
        }
        diag_error(d, doc->path, m->contacts[0].line, m->contacts[0].col,
                   "list fewer in contacts:, and the rest in a ```contacts block in the text",
                   "the back cover has room for %zu of these %zu contacts", fit, m->ncontacts);
        return -1;
    }
    if (ch > 0) {
        double ph = contacts_top + ch + ppad - top;
        fl_rect(w, page, x, top, measure, ph, panel_c, 0, -1);
        fl_rect(w, page, x, top, measure, prule, prule_c, 0, -1);
        if (fl_plain_at(w, page, x + ppad, top + prule + ppad, inner, ls, label,
                        fl_snode(w, "H2", sec)) < 0)
            return -1;
        int outer = fl_frame_enter(w, page, x + ppad, contacts_top, inner, ch,
                                   "back-cover contacts", m->contacts[0].line, m->contacts[0].col);
        if (fl_blocks_at(w, page, x + ppad, contacts_top, inner, ch + 1, &keys, 1, sec, NULL) < 0)
            return -1;
        fl_frame_leave(w, outer);
    }

    lp_box *b = fl_rect(w, page, 0, band_top + rule, page_w, page_h - band_top - rule, bg, 0, -1);
    b->bleed = true;
    if (band_top > 0) {
        b = fl_rect(w, page, 0, band_top, page_w, rule, rule_c, 0, -1);
        b->bleed = true;
    }
    double y = band_top + rule + pad;
    if (y + hp + gap + ht + gap + foot > bottom + EPS) y = band_top + rule + gap;
    if (fl_plain_at(w, page, x, y, measure, part, pname, fl_snode(w, "P", sec)) < 0 ||
        fl_text_at(w, page, x, y + hp + gap, measure, ts, &tin, 1, fl_snode(w, "P", sec)) < 0)
        return -1;
    if (part_qr_block(w, page, x, measure, bottom, "back.qr", sec, true) < 0) return -1;
    return 0;
}

/* ------------------------------------------------------------ template text */

/* tmpl with each {name} replaced by vals[k]: NULL when a token has no
 * value, or is unknown (*unknown then names it). */
static const char *fill(lp_arena *a, const char *tmpl, const char *const *names,
                        const char *const *vals, size_t n, const char **unknown)
{
    /* Room for every brace to become the longest value. */
    size_t longest = 0, braces = 0;
    for (size_t i = 0; i < n; i++)
        if (vals[i] && strlen(vals[i]) > longest) longest = strlen(vals[i]);
    for (const char *s = tmpl; *s; s++) braces += *s == '{';
    char *out = arena_alloc(a, strlen(tmpl) + braces * longest + 1);
    size_t o = 0;
    for (const char *s = tmpl; *s;) {
        const char *close = *s == '{' ? strchr(s, '}') : NULL;
        if (!close) {
            out[o++] = *s++;
            continue;
        }
        size_t k = 0, nl = (size_t)(close - s - 1);
        while (k < n && (strlen(names[k]) != nl || strncmp(names[k], s + 1, nl) != 0)) k++;
        if (k == n) {
            if (unknown) *unknown = arena_strndup(a, s, nl + 2);
            return NULL;
        }
        if (!vals[k]) return NULL;
        size_t vl = strlen(vals[k]);
        memcpy(out + o, vals[k], vl);
        o += vl;
        s = close + 1;
    }
    out[o] = '\0';
    return out;
}

/* A date as "November 2026", the month and year joined by a no-break
 * space: a line of small print never ends in the month. */
static const char *month_year_tied(lp_arena *a, const char *date)
{
    const char *my = fl_month_year(a, date);
    const char *sp = my ? strchr(my, ' ') : NULL;
    return sp ? arena_printf(a, "%.*s\u00a0%s", (int)(sp - my), my, sp + 1) : my;
}

/* part_fill, with {partnership} standing for pname. */
static const char *fill_as(fl_writer *w, const char *key, const char *tmpl, const char *pname, bool *err)
{
    lp_arena *a = w->ctx->arena;
    const lp_meta *m = &w->ctx->doc->meta;
    const char *names[] = {"host", "summary", "title", "version", "reviewed", "review-by",
                           "partnership"};
    const char *vals[] = {m->source ? fl_url_domain(a, m->source) : NULL,
                          m->summary,
                          m->title,
                          m->version,
                          m->reviewed ? month_year_tied(a, m->reviewed) : NULL,
                          m->review_by ? month_year_tied(a, m->review_by) : NULL,
                          pname};
    const char *unknown = NULL;
    const char *s = fill(a, tmpl, names, vals, sizeof names / sizeof *names, &unknown);
    if (!s && unknown) {
        const yt_node *nd = spec_node(w->ctx->spec, key);
        diag_error(w->ctx->diag, spec_layout_path(w->ctx->spec), nd ? nd->line : 0, nd ? nd->col : 0,
                   "use {host}, {summary}, {title}, {version}, {reviewed}, {review-by} or "
                   "{partnership}",
                   "unknown token %s in %s", unknown, key);
        *err = true;
    }
    return s;
}

const char *part_fill(fl_writer *w, const char *key, const char *tmpl, bool *err)
{
    return fill_as(w, key, tmpl, w->ctx->partnership->name, err);
}

/* ------------------------------------------------------------ QR block */

#define QR_MAX_LINES 8
#define QR_MAX_INLINES 10

/* One line of the block's text: its inlines and its style. */
typedef struct {
    lp_inline in[QR_MAX_INLINES];
    size_t n;
    lp_style st;
    double h;
} qr_line;

/* The {dates} line: the lead (in the strong style), then "Version 1.0",
 * "Reviewed ...", "Review by ...", each whole and followed by its
 * separator: a line that must wrap breaks after a "·", never inside an
 * item.  Returns how many inlines (0: nothing to say). */
static size_t dates_line(fl_writer *w, const char *lead, lp_inline *l)
{
    lp_arena *a = w->ctx->arena;
    const lp_meta *m = &w->ctx->doc->meta;
    size_t n = 0;
    if (lead) {
        l[n] = fl_inline(lead, 0);
        l[n++].style = IS_BOLD;
    }
    const char *items[3] = {m->version ? arena_printf(a, "Version %s", m->version) : NULL,
                            m->reviewed ? arena_printf(a, "Reviewed %s", fl_month_year(a, m->reviewed))
                                        : NULL,
                            m->review_by ? arena_printf(a, "Review by %s",
                                                        fl_month_year(a, m->review_by))
                                         : NULL};
    for (size_t i = 0; i < 3; i++) {
        if (!items[i]) continue;
        if (n > 0) {
            /* The separator hangs on the line before, after a no-break space. */
            if (n == 1 && lead) l[n++] = fl_inline("\u00a0\u00b7", 0);
            else l[n - 1].text = arena_printf(a, "%s\u00a0\u00b7", l[n - 1].text);
            l[n - 1].nobreak = true;
            l[n++] = fl_inline(" ", 0);
        }
        l[n] = fl_inline(items[i], 0);
        l[n++].nobreak = true;
    }
    return n;
}

/* Keeps a wrapped line from ending in one word: the last two words of
 * in[0..upto) are made one piece (nobreak), the inline that holds the
 * space between them split before the first of the two.  after: more
 * words follow in[upto] (the two are then the last of the range, not of
 * the line).  Words of a link or a piece already whole count as one.  in
 * has room for cap inlines; returns their count (n when there is nothing
 * to keep together, or no room). */
static size_t keep_tail(lp_arena *a, lp_inline *in, size_t n, size_t upto, bool after, size_t cap)
{
    if (n >= cap) return n;
    for (size_t i = upto; i-- > 0;) {
        const char *t = in[i].kind == IN_TEXT ? in[i].text : NULL;
        if (!t) continue;
        size_t len = strlen(t);
        if (in[i].nobreak || in[i].url) {
            for (size_t k = 0; k < len; k++) after = after || !isspace((unsigned char)t[k]);
            continue;
        }
        /* The last space with a word after it, in this inline or later. */
        size_t sp = len;
        for (size_t k = len; k-- > 0;) {
            if (!isspace((unsigned char)t[k])) after = true;
            else if (after) {
                sp = k;
                break;
            }
        }
        if (sp == len) continue;
        /* The word before it starts at b; a line of one word keeps nothing. */
        size_t e = sp;
        while (e > 0 && isspace((unsigned char)t[e - 1])) e--;
        if (e == 0) return n;
        size_t b = e;
        while (b > 0 && !isspace((unsigned char)t[b - 1])) b--;
        if (b == 0) {
            /* The word may go on from the inline before: keep nothing. */
            const char *pt = i > 0 && in[i - 1].kind == IN_TEXT ? in[i - 1].text : NULL;
            if (pt && *pt && !isspace((unsigned char)pt[strlen(pt) - 1])) return n;
            in[i].nobreak = true;
            return n;
        }
        memmove(in + i + 2, in + i + 1, (n - i - 1) * sizeof *in);
        in[i + 1] = in[i];
        in[i].text = arena_strndup(a, t, b);
        in[i + 1].text = t + b;
        in[i + 1].nobreak = true;
        return n + 1;
    }
    return n;
}

double part_qr_block(fl_writer *w, int page, double x, double width, double bottom, const char *key,
                     int parent, bool place)
{
    static const part_scale whole = {1, 1, 0, 0};
    return part_qr_block_scaled(w, page, x, width, bottom, key, &whole, parent, place);
}

static double qr_block(fl_writer *w, int page, double x, double width, double bottom, const char *key,
                       const part_scale *sc, const char *pname, int parent, bool place);

double part_qr_block_scaled(fl_writer *w, int page, double x, double width, double bottom,
                            const char *key, const part_scale *sc, int parent, bool place)
{
    return qr_block(w, page, x, width, bottom, key, sc, w->ctx->partnership->name, parent, place);
}

/* The QR block measured: its spec's values and its lines, set. */
typedef struct qr_plan {
    double size, gap, plate_pad, code, tw, th, h;
    double spacing; /* between lines when the block is spaced */
    lp_color qr_c, plate_c;
    bool left, top, middle, spaced;
    size_t k;
    qr_line l[QR_MAX_LINES];
} qr_plan;

/* Measures the QR block at width into *p: what placing it needs. */
static int qr_measure(fl_writer *w, double width, const char *key, const part_scale *sc, const char *pname,
                      qr_plan *p)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_meta *m = &w->ctx->doc->meta;
#define K(name) arena_printf(a, "%s.%s", key, name)
    double size, gap, plate_pad = spec_len_or(sp, K("plate-padding"), 0, d);
    lp_color qr_c, plate_c = {0};
    const char *prompt;
    bool spaced = false;
    if (!spec_len(sp, K("size"), &size, d) || !spec_len(sp, K("gap"), &gap, d) ||
        !spec_color(sp, K("color"), &qr_c, d) || !spec_str(sp, K("prompt"), &prompt, d))
        return -1;
    if (plate_pad > 0 && !spec_color(sp, K("plate-color"), &plate_c, d)) return -1;
    if (spec_node(sp, K("spaced")) && !spec_bool(sp, K("spaced"), &spaced, d)) return -1;
    size *= sc->len;
    if (size < sc->code_min) size = sc->code_min;
    gap *= sc->len;
    plate_pad *= sc->len;
    bool left = strcmp(spec_str_or(sp, K("side"), "right", d), "left") == 0;
    const char *align = spec_str_or(sp, K("align"), "bottom", d);
    bool top = strcmp(align, "top") == 0, middle = strcmp(align, "middle") == 0;
    const char *lead_tmpl = spec_str_or(sp, K("lead"), NULL, d);
    const lp_style *st = part_style(w, spec_str_or(sp, K("style"), "footer", d), sc);
    const char *strong_name = spec_str_or(sp, K("strong-style"), NULL, d);
    const lp_style *ss = strong_name ? part_style(w, strong_name, sc) : st;
    const char *first_name = spec_str_or(sp, K("first-style"), NULL, d);
    const lp_style *fs = first_name ? part_style(w, first_name, sc) : st;
    if (!st || !ss || !fs) return -1;
    const char *lines_key = K("lines");
    const char *tmpl[QR_MAX_LINES] = {"{prompt}"};
    size_t nt = 1;
    const yt_node *ln = spec_node(sp, lines_key);
    if (ln) {
        if (ln->kind != YT_SEQ || ln->n > QR_MAX_LINES) {
            diag_error(d, spec_layout_path(sp), ln->line, ln->col, "write [\"{prompt}\", \"{dates}\"], for example",
                       "'%s' must list up to %d lines", lines_key, QR_MAX_LINES);
            return -1;
        }
        nt = 0;
        for (size_t i = 0; i < ln->n; i++)
            if (ln->vals[i]->kind == YT_SCALAR) tmpl[nt++] = ln->vals[i]->scalar;
    }
#undef K

    double code = m->source ? size + 2 * plate_pad : 0;
    double tw = m->source ? width - code - gap : width;

    /* The lines, measured: those with nothing to say are left out. */
    qr_line *l = p->l;
    size_t k = 0;
    double th = 0;
    for (size_t i = 0; i < nt; i++) {
        bool err = false;
        qr_line *q = &l[k];
        q->st = i == 0 ? *fs : *st; /* the first line listed */
        q->n = 0;
        if (strcmp(tmpl[i], "{prompt}") == 0) {
            if (!m->source) continue;
            /* The text around {host} may hold other tokens. */
            q->n = fl_fill_link(a, prompt, "host", fl_url_domain(a, m->source), m->source, q->in);
            for (size_t j = 0; j < q->n; j++) {
                if (q->in[j].url) {
                    /* The host, from the front matter's source: said there. */
                    q->in[j].line = m->source_line, q->in[j].col = m->source_col;
                    q->in[j].elsewhere = true;
                    continue;
                }
                q->in[j].text = fill_as(w, arena_printf(a, "%s.prompt", key), q->in[j].text, pname, &err);
                if (err) return -1;
                if (!q->in[j].text) q->in[j].text = "";
            }
        } else if (strcmp(tmpl[i], "{source}") == 0) {
            if (!m->source) continue;
            q->in[0] = fl_inline("Source: ", 0);
            q->in[1] = fl_inline(m->source, 0);
            q->in[1].url = m->source;
            q->in[1].line = m->source_line, q->in[1].col = m->source_col;
            q->in[1].elsewhere = true;
            q->in[1].nobreak = true;
            q->n = 2;
        } else if (strcmp(tmpl[i], "{dates}") == 0) {
            const char *lead = lead_tmpl ? fill_as(w, arena_printf(a, "%s.lead", key), lead_tmpl, pname, &err)
                                         : NULL;
            if (err) return -1;
            q->n = dates_line(w, lead, q->in);
            /* The strong style differs in face and colour: set as two styles
             * on one line, and measured so. */
            q->st.face[IS_BOLD] = ss->face[0];
            q->st.strong = ss->color;
            /* A line that wraps keeps its lead whole where the lead fits a
             * line with its "·", and else never leaves the lead's last word
             * alone ("...worries / you · Version 1.0"). */
            double dh = lead && q->n > 1 ? fl_text_height(w, tw, &q->st, q->in, q->n) : 0;
            if (dh < 0) return -1;
            if (dh > q->st.leading + EPS) {
                double lh = fl_text_height(w, tw, &q->st, q->in, 2);
                if (lh < 0) return -1;
                if (lh <= q->st.leading + EPS) q->in[0].nobreak = true;
                else q->n = keep_tail(a, q->in, q->n, 1, true, QR_MAX_INLINES);
            }
        } else {
            const char *s = fill_as(w, lines_key, tmpl[i], pname, &err);
            if (err) return -1;
            if (s) {
                /* The partnership's name never wraps to leave its last
                 * word alone ("…Young People's Safeguarding /
                 * Partnership"): when it has three words or more, the last
                 * two are joined. */
                const char *last = strrchr(s, ' ');
                size_t words = 1;
                for (const char *c = s; *c; c++) words += *c == ' ';
                if (strcmp(tmpl[i], "{partnership}") == 0 && last && words >= 3 && last[1])
                    s = arena_printf(a, "%.*s\u00a0%s", (int)(last - s), s, last + 1);
                q->in[0] = fl_inline(s, 0);
                q->n = 1;
            }
        }
        if (q->n == 0) continue;
        q->h = fl_text_height(w, tw, &q->st, q->in, q->n);
        if (q->h < 0) return -1;
        /* A line that wraps never ends in one word: its last two are kept
         * together where that leaves two on the last line and takes no
         * more lines. */
        size_t nl, words = q->h > q->st.leading + EPS ? fl_text_tail_words(w, tw, &q->st, q->in, q->n, &nl) : 2;
        if (words == 1) {
            qr_line tied = *q;
            tied.n = keep_tail(a, tied.in, tied.n, tied.n, false, QR_MAX_INLINES);
            size_t tl;
            if (tied.n > q->n && fl_text_tail_words(w, tw, &tied.st, tied.in, tied.n, &tl) >= 2 && tl <= nl) {
                *q = tied;
                q->h = fl_text_height(w, tw, &q->st, q->in, q->n);
                if (q->h < 0) return -1;
            }
        }
        /* The full address only where it fits on one line (DESIGN.md section
         * 6): in larger type the prompt's domain, linked, stands for it. */
        if (strcmp(tmpl[i], "{source}") == 0 && q->h > st->leading + EPS) continue;
        th += q->h + (k > 0 && spaced ? st->space_after + st->leading / 2 : 0);
        k++;
    }
    p->size = size, p->gap = gap, p->plate_pad = plate_pad, p->code = code, p->tw = tw, p->th = th;
    p->h = code > th ? code : th;
    p->spacing = st->space_after + st->leading / 2;
    p->qr_c = qr_c, p->plate_c = plate_c;
    p->left = left, p->top = top, p->middle = middle, p->spaced = spaced;
    p->k = k;
    return 0;
}

/* The QR block with {partnership} standing for pname (the short name, where
 * the full one takes the room of a panel's contacts).  Measured once a
 * document for each width and scale: a format lays its footer out on every
 * pass. */
static double qr_block(fl_writer *w, int page, double x, double width, double bottom, const char *key,
                       const part_scale *sc, const char *pname, int parent, bool place)
{
    const lp_meta *m = &w->ctx->doc->meta;
    fl_key fk;
    fl_key_init(&fk, w, "QR block");
    fl_key_str(&fk, key);
    fl_key_num(&fk, sc->len), fl_key_num(&fk, sc->type), fl_key_num(&fk, sc->min_size);
    fl_key_num(&fk, sc->code_min);
    fl_key_str(&fk, pname);
    fl_key_num(&fk, width);
    const qr_plan *p = fl_recall(w, &fk, sizeof *p);
    if (!p) {
        qr_plan *fresh = arena_alloc(w->ctx->arena, sizeof *fresh);
        if (qr_measure(w, width, key, sc, pname, fresh) != 0) return -1;
        fl_keep(w, &fk, fresh, sizeof *fresh);
        p = fresh;
    }
    double h = p->h, th = p->th, code = p->code;
    if (!place) return h;

    bool left = p->left, top = p->top, middle = p->middle;
    double tx = m->source && left ? x + code + p->gap : x;
    double code_x = left ? x : x + width - code;
    double code_y = top ? bottom - h : middle ? bottom - (h + code) / 2 : bottom - code;
    double y = top ? bottom - h : middle ? bottom - (h + th) / 2 : bottom - th;
    int frame = fl_frame_enter(w, page, x, bottom - h, width, h, "QR block", 0, 0);
    /* Read in the order it stands: the code first when it is on the left. */
    for (int pass = 0; pass < 2; pass++) {
        if ((pass == 0) == left) {
            if (!m->source) continue;
            /* Dark on light, never reversed: on a plate where the ground is dark. */
            if (p->plate_pad > 0) fl_rect(w, page, code_x, code_y, code, code, p->plate_c, p->plate_pad, -1);
            fl_qr(w, page, code_x + p->plate_pad, code_y + p->plate_pad, p->size, p->qr_c, m->source, parent);
        } else {
            int sn = fl_snode(w, "P", parent);
            for (size_t i = 0; i < p->k; i++) {
                if (i > 0 && p->spaced) y += p->spacing;
                if (fl_text_at(w, page, tx, y, p->tw, &p->l[i].st, p->l[i].in, p->l[i].n, sn) < 0) return -1;
                y += p->l[i].h;
            }
        }
    }
    fl_frame_leave(w, frame);
    return h;
}

/* ================================================================ easy read */

#define K(name) arena_printf(a, "%s.%s", key, name)

bool part_grid_read(fl_writer *w, const char *key, double x, double width, part_grid *g)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double gutter;
    if (!spec_len(sp, K("picture"), &g->pic_w, d) || !spec_len(sp, K("gutter"), &gutter, d) ||
        !spec_len(sp, K("circle"), &g->circle, d) || !spec_len(sp, K("circle-min"), &g->circle_min, d))
        return false;
    g->circle_min = fmin(g->circle_min, g->circle);
    if (g->circle > g->pic_w + EPS) {
        const yt_node *n = spec_node(sp, K("circle"));
        diag_error(d, spec_layout_path(sp), n ? n->line : 0, n ? n->col : 0, NULL,
                   "the circle is wider than the picture column");
        return false;
    }
    g->x = x;
    g->width = width;
    g->text_x = x + g->pic_w + gutter;
    g->text_w = x + width - g->text_x;
    if (g->text_w <= 0) {
        const yt_node *n = spec_node(sp, K("picture"));
        diag_error(d, spec_layout_path(sp), n ? n->line : 0, n ? n->col : 0, NULL,
                   "the picture column and gutter leave no text column");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------ picture row colours */

static bool palette_error(fl_writer *w, const yt_node *n, const char *what)
{
    const lp_spec *sp = w->ctx->spec;
    diag_error(w->ctx->diag, spec_layout_path(sp), n ? n->line : 0, n ? n->col : 0, NULL, "%s", what);
    return false;
}

/* A [tint, stroke] pair of colour tokens. */
static bool palette_pair(fl_writer *w, const yt_node *n, lp_color *tint, lp_color *stroke)
{
    if (!n || n->kind != YT_SEQ || n->n != 2 || n->vals[0]->kind != YT_SCALAR ||
        n->vals[1]->kind != YT_SCALAR)
        return palette_error(w, n, "a picture pair is [tint, stroke], two colour tokens");
    return spec_color_token(w->ctx->spec, n->vals[0]->scalar, tint, w->ctx->diag) &&
           spec_color_token(w->ctx->spec, n->vals[1]->scalar, stroke, w->ctx->diag);
}

bool part_palette_read(fl_writer *w, const char *key, part_palette *p)
{
    const lp_spec *sp = w->ctx->spec;
    lp_arena *a = w->ctx->arena;
    memset(p, 0, sizeof *p);
    const yt_node *pairs = spec_node(sp, K("pictures"));
    if (!pairs || pairs->kind != YT_SEQ || pairs->n < 2 || pairs->n > PART_MAX_PAIRS)
        return palette_error(w, pairs ? pairs : spec_node(sp, key),
                             arena_printf(a, "%s.pictures must list 2 to %d [tint, stroke] pairs, "
                                          "so that neighbouring rows differ", key, PART_MAX_PAIRS));
    p->n = pairs->n;
    for (size_t i = 0; i < pairs->n; i++)
        if (!palette_pair(w, pairs->vals[i], &p->tint[i], &p->stroke[i])) return false;
    if (!palette_pair(w, spec_node(sp, K("danger")), &p->danger_tint, &p->danger_stroke)) return false;
    const yt_node *dn = spec_node(sp, K("danger-icons"));
    if (!dn || dn->kind != YT_SEQ || dn->n > PART_MAX_PAIRS)
        return palette_error(w, dn ? dn : spec_node(sp, key),
                             arena_printf(a, "%s.danger-icons must list at most %d symbol names",
                                          key, PART_MAX_PAIRS));
    for (size_t i = 0; i < dn->n; i++) {
        if (dn->vals[i]->kind != YT_SCALAR)
            return palette_error(w, dn->vals[i], "a danger icon is a symbol name");
        p->danger[p->ndanger++] = dn->vals[i]->scalar;
    }
    return true;
}

bool part_palette_danger(const part_palette *p, const lp_inline *pic)
{
    if (!pic->pic || !pic->pic->icon) return false;
    for (size_t i = 0; i < p->ndanger; i++)
        if (strcmp(pic->pic->icon, p->danger[i]) == 0) return true;
    return false;
}

/* ------------------------------------------------------------ picture row */

double part_picture_row(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                        const lp_inline *pic, lp_color tint, lp_color stroke, const lp_inline *in,
                        size_t nin, int line, int col, int parent, bool place)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double circle = g->circle, symbol;
    if (!spec_num(sp, K("symbol"), &symbol, d)) return -1;
    const lp_style *st = fl_fixed_style(w, spec_str_or(sp, K("style"), "body", d));
    if (!st) return -1;
    double th = nin ? fl_text_height(w, g->text_w, st, in, nin) : 0;
    if (th < 0) return -1;
    double h = th > circle ? th : circle;
    if (!place) return h;
    int row = fl_frame_enter(w, page, g->x, y, g->width, h, "row", line, col);
    int cell = fl_frame_enter(w, page, g->x, y, g->pic_w, h, "row's picture cell", line, col);
    /* The picture in its tinted circle. */
    double cx = g->x + g->pic_w / 2, cy = y + h / 2, r = circle / 2;
    const char *alt = pic->text ? pic->text : "";
    int fig = fl_snode(w, "Figure", parent);
    if (fig >= 0) w->pg->snodes.v[fig].alt = alt;
    fl_rect(w, page, cx - r, cy - r, circle, circle, tint, r, fig);
    double s = circle * symbol;
    lp_box *b = fl_picture(w, page, pic->pic, cx - s / 2, cy - s / 2, s, s, stroke, fig);
    if (!b) return -1;
    b->alt = alt;
    fl_frame_leave(w, cell);
    if (nin) {
        cell = fl_frame_enter(w, page, g->text_x, y, g->text_w, h, "row's text", line, col);
        if (fl_text_at(w, page, g->text_x, y + (h - th) / 2, g->text_w, st, in, nin,
                       fl_snode(w, "P", parent)) < 0)
            return -1;
        fl_frame_leave(w, cell);
    }
    fl_frame_leave(w, row);
    return h;
}

/* ------------------------------------------------------------ labelled box */

/* A box with a symbol over a label in the picture column (the word box, the
 * phone-numbers box), read from the layout under key. */
typedef struct lbox {
    double pad, radius, icon, gap;
    lp_color bg, icon_c;
    const char *icon_name, *label;
    const lp_style *st, *lab;
} lbox;

static bool lbox_read(fl_writer *w, const char *key, const char *label_key, const char *style,
                      lbox *b)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    b->radius = spec_len_or(sp, K("radius"), 0, d);
    if (!spec_len(sp, K("padding"), &b->pad, d) || !spec_len(sp, K("icon-size"), &b->icon, d) ||
        !spec_len(sp, K("label-gap"), &b->gap, d) || !spec_color(sp, K("background"), &b->bg, d) ||
        !spec_color(sp, K("icon-color"), &b->icon_c, d) || !spec_str(sp, K("icon"), &b->icon_name, d) ||
        !spec_str(sp, K(label_key), &b->label, d))
        return false;
    b->st = fl_fixed_style(w, spec_str_or(sp, K("style"), style, d));
    b->lab = fl_fixed_style(w, spec_str_or(sp, K("label-style"), "word-label", d));
    return b->st && b->lab;
}

/* The height of the symbol and the label under it, in the picture column. */
static double lbox_label_height(fl_writer *w, const part_grid *g, const lbox *b)
{
    lp_style centred = *b->lab;
    centred.align = ALIGN_CENTER;
    lp_inline in = fl_inline(b->label, 0);
    double lh = fl_text_height(w, g->pic_w - 2 * b->pad, &centred, &in, 1);
    return lh < 0 ? -1 : b->icon + b->gap + lh;
}

/* The box's height for text th high: the taller column, padded. */
static double lbox_height(fl_writer *w, const part_grid *g, const lbox *b, double th)
{
    double ph = lbox_label_height(w, g, b);
    if (th < 0 || ph < 0) return -1;
    return (th > ph ? th : ph) + 2 * b->pad;
}

/* Draws the box h high and its picture column (the label tagged as
 * label_sn); enters the box's frame (*frame, for the caller to leave). */
static int lbox_place(fl_writer *w, int page, const part_grid *g, double y, double h,
                      const lbox *b, int label_sn, const char *what, int line, int col, int *frame)
{
    lp_arena *a = w->ctx->arena;
    *frame = fl_frame_enter(w, page, g->x, y, g->width, h, what, line, col);
    fl_rect(w, page, g->x, y, g->width, h, b->bg, b->radius, -1);
    int cell = fl_frame_enter(w, page, g->x, y, g->pic_w, h, arena_printf(a, "%s's picture cell", what),
                              line, col);
    double ph = lbox_label_height(w, g, b);
    if (ph < 0) return -1;
    double py = y + (h - ph) / 2;
    if (!fl_icon(w, page, b->icon_name, g->x + g->pic_w / 2, py + b->icon / 2, b->icon, b->icon_c, -1,
                 spec_layout_path(w->ctx->spec), 0, 0))
        return -1;
    lp_style centred = *b->lab;
    centred.align = ALIGN_CENTER;
    if (fl_plain_at(w, page, g->x + b->pad, py + b->icon + b->gap, g->pic_w - 2 * b->pad, &centred,
                    b->label, label_sn) < 0)
        return -1;
    fl_frame_leave(w, cell);
    return 0;
}

/* ------------------------------------------------------------ word box */

/* May a sentence's capital be lowered when it runs on from a word: "A",
 * or a capital then lower-case letters; not "I", not the start of a name. */
static bool lowerable(const lp_contacts *cts, const char *s)
{
    size_t wl = strcspn(s, " ,.;:");
    if (wl == 1 && s[0] == 'A') return true;
    if (wl < 2 || s[0] < 'A' || s[0] > 'Z') return false;
    for (size_t i = 1; i < wl; i++)
        if (s[i] < 'a' || s[i] > 'z') return false;
    for (size_t i = 0; cts && i < cts->n; i++) {
        const char *nm = cts->items[i].name;
        if (nm && strncmp(nm, s, strlen(nm)) == 0) return false;
    }
    return true;
}

/* The word box's text: each hard word in bold, run into its meaning as in
 * the mock-up ("Grooming is when someone ..."; "Evidence: things that ...").
 * Several words in one box each start a line.  Returns the inline count. */
static size_t word_inlines(lp_arena *a, const lp_contacts *cts, const lp_meta *m,
                           const size_t *words, size_t nwords, lp_inline **out)
{
    lp_inline *in = arena_alloc(a, (3 * nwords + 1) * sizeof *in);
    size_t n = 0;
    for (size_t k = 0; k < nwords; k++) {
        const lp_word *wd = &m->words[words[k]];
        if (n) {
            memset(&in[n], 0, sizeof in[n]);
            in[n++].kind = IN_LINEBREAK;
        }
        const char *mean = wd->meaning;
        bool when = strncmp(mean, "When ", 5) == 0;
        char *term = arena_printf(a, "%s%s", wd->term, when ? "" : ":");
        if (term[0] >= 'a' && term[0] <= 'z') term[0] = (char)(term[0] - 'a' + 'A');
        in[n] = fl_inline(term, IS_BOLD);
        in[n].line = wd->line;
        in[n].part = (int)(2 * k); /* the term: the item's label */
        in[n++].col = wd->col;
        /* The meaning goes on from the word, so its capital is lowered,
         * unless its first word is a name ("Childline", from contacts.yaml),
         * an acronym ("SARC") or "I". */
        char *rest = arena_printf(a, when ? " is when %s" : " %s", when ? mean + 5 : mean);
        if (!when && lowerable(cts, mean)) rest[1] = (char)(rest[1] - 'A' + 'a');
        in[n] = fl_inline_at(rest, 0, wd->line, wd->col);
        in[n++].part = (int)(2 * k + 1); /* the meaning: its body */
    }
    *out = in;
    return n;
}

double part_word_box(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                     const size_t *words, size_t nwords, int parent, bool place)
{
    lbox b;
    if (!nwords || !lbox_read(w, key, nwords > 1 ? "label-many" : "label", "word-box", &b)) return -1;
    const lp_meta *m = &w->ctx->doc->meta;
    lp_inline *in;
    size_t n = word_inlines(w->ctx->arena, w->ctx->contacts, m, words, nwords, &in);
    double tw = g->text_w - b.pad;
    double th = fl_text_height(w, tw, b.st, in, n);
    double h = lbox_height(w, g, &b, th);
    if (h < 0 || !place) return h;
    /* The box, its picture column and its words: frames nothing may leave,
     * named at the first word's line in words:.  The words read as a list:
     * the label ("Word to know") is its caption, each word an item with the
     * term as its label, the meaning its body. */
    const lp_word *first = &m->words[words[0]];
    int list = fl_list_snode(w, parent), box;
    if (lbox_place(w, page, g, y, h, &b, fl_snode(w, "Caption", list), "word box", first->line,
                   first->col, &box) != 0)
        return -1;
    int *parts = arena_alloc(w->ctx->arena, (2 * nwords + 1) * sizeof *parts);
    for (size_t k = 0; k < nwords; k++) {
        int li = fl_snode(w, "LI", list);
        parts[2 * k] = fl_snode(w, "Lbl", li);
        parts[2 * k + 1] = fl_snode(w, "LBody", li);
    }
    int cell = fl_frame_enter(w, page, g->text_x, y, tw, h, "word box's text", first->line, first->col);
    if (fl_parts_at(w, page, g->text_x, y + (h - th) / 2, tw, b.st, in, n, parts, 2 * nwords) < 0)
        return -1;
    fl_frame_leave(w, cell);
    fl_frame_leave(w, box);
    return h;
}

/* ------------------------------------------------------------ phone-numbers box */

double part_phone_box(fl_writer *w, int page, const part_grid *g, double y, const char *key,
                      part_given_fn given, const void *arg, int parent, bool place)
{
    const lp_meta *m = &w->ctx->doc->meta;
    lp_arena *a = w->ctx->arena;
    lbox b;
    if (!lbox_read(w, key, "label", "contact-line", &b)) return -1;
    double tw = g->text_w - b.pad;
    lp_inline *in = arena_alloc(a, (5 * m->ncontacts + 1) * sizeof *in);
    size_t n = 0, nitems = 0;
    for (size_t i = 0; i < m->ncontacts; i++) {
        const lp_contact_rec *rc = m->contacts[i].rec; /* markdown.c refuses unknown keys */
        const lp_contact *ct = rc->ct;
        const char *num = rc->reach, *link = rc->reach_url;
        if (link && given && given(link, arg)) continue;
        size_t first = n;
        if (n) {
            memset(&in[n], 0, sizeof in[n]);
            in[n++].kind = IN_LINEBREAK;
        }
        const lp_keyref *kr = &m->contacts[i];
        in[n++] = fl_inline_at(num ? arena_printf(a, "%s ", ct->name) : ct->name, IS_BOLD, kr->line,
                               kr->col);
        if (num) {
            in[n] = fl_inline_at(num, ct->phone ? IS_BOLD : 0, kr->line, kr->col);
            in[n].nobreak = true;
            in[n++].url = link;
        }
        /* A contact that says in the reader's own words who it is (a name
         * like "Multi Agency Safeguarding Hub" does not) gets that line. */
        if (rc->own_note) {
            memset(&in[n], 0, sizeof in[n]);
            in[n++].kind = IN_LINEBREAK;
            in[n++] = fl_inline_at(rc->own_note, 0, kr->line, kr->col);
        }
        /* Each contact is an item of the box's list. */
        for (size_t k = first; k < n; k++) in[k].part = (int)nitems;
        nitems++;
    }
    if (n == 0) return 0;
    /* A note of two sentences sets each on a line of its own. */
    in = sense_sentences(a, in, n, &n);
    double th = fl_text_height(w, tw, b.st, in, n);
    double h = lbox_height(w, g, &b, th);
    if (h < 0 || !place) return h;
    int line = m->contacts[0].line, col = m->contacts[0].col;
    int sect = fl_snode(w, "Sect", parent), box;
    if (lbox_place(w, page, g, y, h, &b, fl_snode(w, "H2", sect), "phone-numbers box", line, col,
                   &box) != 0)
        return -1;
    int list = fl_list_snode(w, sect);
    int *items = arena_alloc(a, nitems * sizeof *items);
    for (size_t k = 0; k < nitems; k++) items[k] = fl_item_snode(w, list);
    int cell = fl_frame_enter(w, page, g->text_x, y, tw, h, "phone-numbers box's text", line, col);
    if (fl_parts_at(w, page, g->text_x, y + (h - th) / 2, tw, b.st, in, n, items, nitems) < 0)
        return -1;
    fl_frame_leave(w, cell);
    fl_frame_leave(w, box);
    return h;
}

/* ------------------------------------------------------------ page bands */

/* Where text th high starts in a band band_h deep: centred between top and
 * the band's bottom padding; -1 (with an error at the title) when it does
 * not fit. */
static double band_text_top(fl_writer *w, double band_h, double pad, double top, double th,
                            const char *what)
{
    const lp_doc *doc = w->ctx->doc;
    double area = band_h - pad - top;
    if (th > area + EPS) {
        diag_error(w->ctx->diag, doc->path, doc->meta.title_line, 1,
                   "shorten it: the band holds two lines of title or one of heading",
                   "the %s does not fit the title band (%.1f mm over)", what, pt_to_mm(th - area));
        return -1;
    }
    return top + (area - th) / 2;
}

int part_title_band_tagged(fl_writer *w, double page_w, double x, double width, double top,
                           const char *key, const char *tag, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_meta *m = &w->ctx->doc->meta;
    lp_color bg, tag_c;
    double band_h, pad, tag_h, tag_pad, tag_r, tag_gap;
    const char *label;
#define T(name) arena_printf(a, "%s.%s", tag, name)
    if (!spec_color(sp, K("color"), &bg, d) || !spec_len(sp, K("first-height"), &band_h, d) ||
        !spec_len(sp, K("bottom-padding"), &pad, d) || !spec_color(sp, T("color"), &tag_c, d) ||
        !spec_len(sp, T("height"), &tag_h, d) || !spec_len(sp, T("padding"), &tag_pad, d) ||
        !spec_len(sp, T("gap"), &tag_gap, d) || !spec_str(sp, T("label"), &label, d))
        return -1;
    tag_r = spec_len_or(sp, T("radius"), 0, d);
    const lp_style *title = fl_fixed_style(w, spec_str_or(sp, K("title-style"), "title", d));
    const lp_style *ts = fl_fixed_style(w, spec_str_or(sp, T("style"), "tag", d));
#undef T
    if (!title || !ts) return -1;
    fl_rect(w, 0, 0, 0, page_w, band_h, bg, 0, -1)->bleed = true;

    double lw = fonts_width(w->ctx->fonts, ts->face[0], label, strlen(label), ts->size,
                            ts->tracking * ts->size);
    double tag_w = tag_pad + lw + tag_pad;
    /* The tag sits level with the subtitle's first line, or with the
     * title's when there is no subtitle; that line is narrowed for it. */
    double title_w = m->subtitle ? width : width - tag_w - tag_gap;
    double sub_w = width - tag_w - tag_gap;
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    double th = fl_text_height(w, title_w, title, &tin, 1);
    if (th < 0) return -1;
    /* The subtitle goes under the title. */
    const lp_style *sub = NULL;
    double sub_gap = 0, sh = 0;
    lp_inline sin = fl_inline_at(m->subtitle, 0, m->subtitle_line, m->subtitle_col);
    if (m->subtitle) {
        sub = fl_fixed_style(w, spec_str_or(sp, K("subtitle-style"), "subtitle", d));
        if (!sub || !spec_len(sp, K("subtitle-gap"), &sub_gap, d)) return -1;
        sh = fl_text_height(w, sub_w, sub, &sin, 1);
        if (sh < 0) return -1;
    }
    double ty = band_text_top(w, band_h, pad, top, th + sub_gap + sh,
                              m->subtitle ? "title and subtitle" : "title");
    if (ty < 0) return -1;
    if (fl_text_at(w, 0, x, ty, title_w, title, &tin, 1, fl_snode(w, "H1", parent)) < 0) return -1;
    if (m->subtitle && fl_text_at(w, 0, x, ty + th + sub_gap, sub_w, sub, &sin, 1,
                                  fl_snode(w, "P", parent)) < 0)
        return -1;
    double cy = m->subtitle ? ty + th + sub_gap + sub->leading / 2 : ty + title->leading / 2;
    fl_rect(w, 0, x + width - tag_w, cy - tag_h / 2, tag_w, tag_h, tag_c, tag_r, -1);
    if (fl_plain_at(w, 0, x + width - tag_w + tag_pad, cy - ts->leading / 2, lw + 1, ts, label,
                    fl_snode(w, "P", parent)) < 0)
        return -1;
    return 0;
}

int part_heading_band(fl_writer *w, int page, double page_w, double x, double width, double top,
                      const char *key, const lp_inline *in, size_t nin, int snode)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    lp_color bg;
    double band_h, pad;
    if (!spec_color(sp, K("color"), &bg, d) || !spec_len(sp, K("height"), &band_h, d) ||
        !spec_len(sp, K("bottom-padding"), &pad, d))
        return -1;
    const lp_style *st = fl_fixed_style(w, spec_str_or(sp, K("heading-style"), "page-heading", d));
    if (!st) return -1;
    fl_rect(w, page, 0, 0, page_w, band_h, bg, 0, -1)->bleed = true;
    double th = fl_text_height(w, width, st, in, nin);
    if (th < 0) return -1;
    /* A running head repeats what the reader has had already: when it is
     * too long for the band, the band stays plain rather than fail. */
    if (snode < 0 && th > band_h - pad - top + EPS) return 0;
    double ty = band_text_top(w, band_h, pad, top, th, "page heading");
    if (ty < 0) return -1;
    return fl_text_at(w, page, x, ty, width, st, in, nin, snode) < 0 ? -1 : 0;
}
#undef K

/* ------------------------------------------------------------ scale */

const lp_style *part_style(fl_writer *w, const char *name, const part_scale *sc)
{
    const lp_style *base = fl_fixed_style(w, name);
    if (!base) return NULL;
    lp_style *st = arena_alloc(w->ctx->arena, sizeof *st);
    *st = *base;
    double size = base->size * sc->len * sc->type;
    if (size < sc->min_size && base->size >= sc->min_size) size = sc->min_size;
    if (base->size < sc->min_size) size = base->size;
    double f = size / base->size;
    st->size = size;
    st->leading = base->leading * f;
    st->space_before = base->space_before * f;
    st->space_after = base->space_after * f;
    return st;
}

/* Halvings when searching for a balanced measure (width / 2^12 is far
 * below a point). */
#define BALANCE_STEPS 12

double part_balanced_width(fl_writer *w, const lp_style *st, const lp_inline *in, size_t nin,
                           double width)
{
    double full = fl_text_height(w, width, st, in, nin);
    if (full < 0 || full <= st->leading + EPS) return width;
    double lo = width / 2, hi = width;
    for (int i = 0; i < BALANCE_STEPS; i++) {
        double mid = (lo + hi) / 2;
        double h = fl_text_height(w, mid, st, in, nin);
        if (h < 0 || h > full + EPS || fl_text_forced(w, mid, st, in, nin)) lo = mid;
        else hi = mid;
    }
    return hi;
}

/* ------------------------------------------------------------ fit by scale */

int part_fit_scale(double step, double least, part_fit_try try, void *ctx, double *scale)
{
    int rc = 0;
    for (double s = 1.0; rc == 0 && s >= least - 1e-9; s -= step) {
        rc = try(ctx, s);
        *scale = s;
    }
    return rc;
}

/* ------------------------------------------------------------ overflow */

void part_overflow_note(part_overflow *o, double amount, const char *what, int line, int col)
{
    if (amount <= EPS || amount <= o->over) return;
    *o = (part_overflow){amount, what, line, col};
}

/* ------------------------------------------------------------ page and edition */

bool part_page_read(fl_writer *w, const char *key, double k, part_page *p)
{
    const lp_spec *spec = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    if (!spec_len(spec, arena_printf(a, "%s.width", key), &p->W, d) ||
        !spec_len(spec, arena_printf(a, "%s.height", key), &p->H, d) ||
        !spec_len(spec, "margins.left", &p->ml, d) || !spec_len(spec, "margins.right", &p->mr, d) ||
        !spec_len(spec, "margins.top", &p->mt, d) || !spec_len(spec, "margins.bottom", &p->mb, d))
        return false;
    p->k = k;
    p->ml *= k;
    p->mr *= k;
    p->mt *= k;
    p->mb *= k;
    return true;
}

bool part_edition_read(fl_writer *w, const char *key, part_page *p)
{
    const lp_spec *spec = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const char *ks = arena_printf(a, "editions.%s.scale", key);
    double k;
    if (!spec_str(spec, arena_printf(a, "editions.%s.suffix", key), &p->suffix, d) ||
        !spec_num(spec, ks, &k, d))
        return false;
    char *name = arena_strdup(a, key);
    for (char *c = name; *c; c++)
        if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    p->name = name;
    p->qr_min = spec_len_or(spec, arena_printf(a, "editions.%s.qr-min", key), 0, d);
    return part_page_read(w, arena_printf(a, "editions.%s", key), k, p);
}

/* ------------------------------------------------------------ contact card */

/* How a card's name, note and number share it. */
typedef enum {
    CARD_BESIDE, /* name and note beside the number, centred on the card */
    CARD_ACROSS, /* the name across the card, the note beside the number */
    CARD_UNDER   /* the name beside the number, the note across under both */
} card_arr;
static const char *const card_arr_names[] = {"beside", "across", "under"};
#define NCARD_ARR 3

/* Most inlines a card's note is split into (sentences and breaks). */
#define MAX_NOTE 16

typedef struct card {
    const lp_contact_rec *rc;
    const lp_keyref *key;
    const char *reach; /* the number, or the address's short form */
    lp_style name, note, number;
    double pad, icon_size, icon_gap, text_gap;
    card_arr arr;
    double text_w, name_w, note_w, num_w, name_h, note_h, h;
    /* The whole text width (icon to the card's padding), and the widest
     * line of the name and of the note as set. */
    double full, name_wide, note_wide;
    lp_inline note_in[2]; /* its note, warned about at the key */
    size_t nnote;
} card;

/* The widest line of the text as set in `width`. */
static double widest_line(fl_writer *w, const lp_style *st, const lp_inline *in, size_t n, double width)
{
    lb_para p;
    if (n == 0) return 0;
    if (lb_set_paragraph(w->ctx->arena, w->ctx->fonts, in, n, st, &width, 1, false, w->ctx->doc->path,
                         &p, w->ctx->diag) != 0)
        return width;
    double wide = 0;
    for (size_t l = 0; l < p.nlines; l++) wide = fmax(wide, p.lines[l].width);
    return wide;
}

/* The space above the first line and below the last that a line box holds
 * over its type: padding is measured to the type, as the mock-up's. */
static double half_leading(const lp_style *st) { return (st->leading - st->size) / 2; }

/* The card's note, with the contact's warning after it in bold; when
 * `sentences`, each sentence after the first starts a new line. */
static size_t note_inlines(fl_writer *w, const card *c, lp_inline in[MAX_NOTE], bool sentences)
{
    const lp_inline *raw = c->note_in;
    size_t n = c->nnote, k = 0;
    for (size_t i = 0; i < n; i++) {
        lp_inline x = raw[i];
        if (k && raw[i - 1].kind == IN_TEXT && sentences) {
            const char *prev = raw[i - 1].text;
            size_t pl = strlen(prev);
            while (pl && prev[pl - 1] == ' ') pl--;
            if (pl && strchr(".!?", prev[pl - 1]) && k + 1 < MAX_NOTE)
                in[k++] = (lp_inline){.kind = IN_LINEBREAK, .line = x.line, .col = x.col};
        }
        if (x.kind != IN_TEXT || !sentences) {
            if (k < MAX_NOTE) in[k++] = x;
            continue;
        }
        /* ". " before a capital: the end of a sentence. */
        const char *t = x.text;
        for (const char *q = t; *q && k + 2 < MAX_NOTE; q++)
            if (strchr(".!?", *q) && q[1] == ' ' && q[2] >= 'A' && q[2] <= 'Z') {
                lp_inline part = x;
                part.text = arena_printf(w->ctx->arena, "%.*s", (int)(q + 1 - t), t);
                in[k++] = part;
                in[k++] = (lp_inline){.kind = IN_LINEBREAK, .line = x.line, .col = x.col};
                t = q + 2;
            }
        if (*t && k < MAX_NOTE) {
            x.text = t;
            in[k++] = x;
        }
    }
    return k;
}

/* The note as set: a sentence a line when the note wraps anyway and that
 * takes no more lines; else as it runs. */
static size_t card_note(fl_writer *w, const card *c, double width, lp_inline in[MAX_NOTE], double *h)
{
    const lp_style *st = &c->note;
    size_t n = note_inlines(w, c, in, false);
    *h = n ? fl_text_height(w, width, st, in, n) : 0;
    if (*h < 0 || *h <= st->leading + EPS) return n;
    lp_inline s[MAX_NOTE];
    size_t ns = note_inlines(w, c, s, true);
    double hs = fl_text_height(w, width, st, s, ns);
    if (ns > n && hs >= 0 && hs <= *h + EPS) {
        memcpy(in, s, ns * sizeof *s);
        *h = hs;
        return ns;
    }
    return n;
}

/* The least distance from the baseline of a line in `up` to the cap height
 * of a line in `low` under it: `gap` between the one's descenders and the
 * other's capitals, and their type boxes (ascender to descender) sharing at
 * most a quarter of the shallower one's depth, as lines set close do. */
static double clearance(const lp_fonts *f, const lp_style *up, const lp_style *low, double gap)
{
    double d_up = -fonts_descender(f, up->face[0], up->size);
    double a_low = fonts_ascender(f, low->face[0], low->size);
    double c_low = fonts_cap_height(f, low->face[0], low->size);
    double box_up = fonts_ascender(f, up->face[0], up->size) + d_up;
    double box_low = a_low - fonts_descender(f, low->face[0], low->size);
    return fmax(d_up + gap, d_up + a_low - c_low - 0.25 * fmin(box_up, box_low));
}

typedef struct card_geom {
    double name_y, note_y, num_y, h;
} card_geom;

/* Where a card's name, note and number go (the tops of their line boxes,
 * from the card's top) and the card's height, for its arrangement.  The
 * padding is measured to the type (the em box), and rows stacked one under
 * the other are a line apart: from one row's baseline to the next row's cap
 * height, the leading of the smaller type less its cap height, or more
 * where the upper row's descenders would meet the lower row's ascenders. */
static card_geom card_geometry(const lp_fonts *f, const card *c)
{
    const lp_style *nm = &c->name, *nt = &c->note, *nb = &c->number;
    double pad = c->pad;
    double cap_nm = fonts_cap_height(f, nm->face[0], nm->size);
    double cap_nt = fonts_cap_height(f, nt->face[0], nt->size);
    double cap_nb = fonts_cap_height(f, nb->face[0], nb->size);
    /* Line box top to cap height (and baseline to line box bottom). */
    double sl_nm = (nm->leading - cap_nm) / 2, sl_nt = (nt->leading - cap_nt) / 2,
           sl_nb = (nb->leading - cap_nb) / 2;
    bool note = c->note_h > 0;
    /* Cap height of the first line to the baseline of the last. */
    double vis_nm = c->name_h - 2 * sl_nm, vis_nt = note ? c->note_h - 2 * sl_nt : 0;
    card_geom g;
    double bottom;
    if (c->arr == CARD_BESIDE) {
        double th = c->name_h + (note ? c->text_gap + c->note_h : 0);
        double vis = th - half_leading(nm) - half_leading(note ? nt : nm);
        double inner = vis > nb->size ? vis : nb->size;
        if (inner < c->icon_size) inner = c->icon_size;
        g.h = inner + 2 * pad;
        g.name_y = (g.h - vis) / 2 - half_leading(nm);
        g.note_y = g.name_y + c->name_h + c->text_gap;
        g.num_y = (g.h - nb->leading) / 2;
        return g;
    }
    if (c->arr == CARD_ACROSS) {
        g.name_y = pad - half_leading(nm);
        double base = g.name_y + c->name_h - sl_nm;
        /* A line apart, and never so close that the name's descenders
         * meet the ascenders below. */
        double low_top = base + nm->leading - (cap_nm > cap_nt ? cap_nm : cap_nt);
        bool over_num = c->name_wide > c->full - c->num_w;
        double clear = fmax(clearance(f, nm, nt, c->text_gap),
                            over_num ? clearance(f, nm, nb, c->text_gap) : 0);
        if (low_top < base + clear) low_top = base + clear;
        double low = vis_nt > cap_nb ? vis_nt : cap_nb;
        g.num_y = low_top + (low - cap_nb) / 2 - sl_nb;
        g.note_y = low_top + (low - vis_nt) / 2 - sl_nt;
        bottom = g.num_y + nb->leading - half_leading(nb);
        if (note && g.note_y + c->note_h - half_leading(nt) > bottom)
            bottom = g.note_y + c->note_h - half_leading(nt);
    } else {
        /* The name and the number side by side, centred on each other. */
        double row = vis_nm > cap_nb ? vis_nm : cap_nb;
        const lp_style *tall = vis_nm > cap_nb ? nm : nb;
        double cap_top = pad + (tall->size - (tall == nm ? cap_nm : cap_nb)) / 2;
        g.name_y = cap_top + (row - vis_nm) / 2 - sl_nm;
        g.num_y = cap_top + (row - cap_nb) / 2 - sl_nb;
        double gap = nt->leading - cap_nt;
        double clear = clearance(f, nm, nt, c->text_gap);
        g.note_y = cap_top + row + (gap > clear ? gap : clear) - sl_nt;
        bottom = g.num_y + nb->leading - half_leading(nb);
        if (g.name_y + c->name_h - half_leading(nm) > bottom)
            bottom = g.name_y + c->name_h - half_leading(nm);
        if (note) bottom = g.note_y + c->note_h - half_leading(nt);
    }
    g.h = bottom + pad;
    if (g.h < c->icon_size + 2 * pad) g.h = c->icon_size + 2 * pad;
    return g;
}

/* A style with the look's text colour (every role of it) when it has one. */
static void recolour(lp_style *st, const lp_color *c)
{
    if (c) st->color = st->strong = st->link = st->number = *c;
}

/* Reads the card's keys and styles, and sets it in the arrangement that
 * is shortest (the first listed on a tie).  Returns 0, or -1. */
static int card_prepare(fl_writer *w, card *c, const char *key, const part_scale *sc,
                        const part_card_look *look, double width, double *short_by)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_contact *ct = c->rc->ct;
#define K(name) arena_printf(a, "%s.%s", key, name)
    if (!spec_len(sp, K("padding"), &c->pad, d) || !spec_len(sp, K("icon-size"), &c->icon_size, d) ||
        !spec_len(sp, K("icon-gap"), &c->icon_gap, d) || !spec_len(sp, K("text-gap"), &c->text_gap, d))
        return -1;
    c->pad *= sc->len;
    c->icon_size *= sc->len;
    c->icon_gap *= sc->len;
    c->text_gap *= sc->len;
    const lp_style *nm = part_style(w, spec_str_or(sp, K("name-style"), "contact-name", d), sc);
    const lp_style *nt = part_style(w, spec_str_or(sp, K("note-style"), "contact-note", d), sc);
    /* A number to call is the card's largest type; an e-mail or web
     * address (a contact with no number) is read, not dialled, and is set
     * in address-style, its site's name only. */
    bool phone = c->rc->reach_url && strncmp(c->rc->reach_url, "tel:", 4) == 0;
    const char *nb_name = spec_str_or(sp, K("number-style"), "contact-number", d);
    if (!phone) nb_name = spec_str_or(sp, K("address-style"), nb_name, d);
    const lp_style *nb = part_style(w, nb_name, sc);
    c->reach = phone ? c->rc->reach : c->rc->reach_short;
    if (!nm || !nt || !nb) return -1;
    /* The arrangements to try, in order of preference. */
    card_arr arrs[NCARD_ARR] = {CARD_BESIDE, CARD_ACROSS, CARD_UNDER};
    size_t narr = NCARD_ARR;
    const yt_node *an = spec_node(sp, K("arrangements"));
    if (an && an->kind == YT_SEQ && an->n > 0) {
        narr = 0;
        for (size_t i = 0; i < an->n && narr < NCARD_ARR; i++)
            for (size_t k = 0; k < NCARD_ARR; k++)
                if (an->vals[i]->kind == YT_SCALAR && strcmp(an->vals[i]->scalar, card_arr_names[k]) == 0)
                    arrs[narr++] = (card_arr)k;
    }
#undef K
    c->name = *nm;
    c->note = *nt;
    c->number = *nb;
    c->number.align = ALIGN_RIGHT; /* at the card's right padding, whatever the style says */
    recolour(&c->name, look->text);
    recolour(&c->note, look->text);
    recolour(&c->number, look->text);
    /* numbers to call take the style's number colour: this one too */
    recolour(&c->number, look->number);
    if (!look->icon) {
        diag_error(d, w->ctx->contacts->path, ct->line, ct->col, "give the contact an icon: field (a Lucide name)",
                   "contact '%s' has no icon for its card", ct->key);
        return -1;
    }
    if (!c->reach) {
        diag_error(d, w->ctx->contacts->path, ct->line, ct->col, NULL,
                   "contact '%s' has nothing to print on a card", ct->key);
        return -1;
    }
    const lp_fonts *fonts = w->ctx->fonts;
    c->num_w = fonts_width(fonts, c->number.face[0], c->reach, strlen(c->reach), c->number.size,
                           c->number.tracking * c->number.size);
    double full = width - 2 * c->pad - c->icon_size - c->icon_gap;
    c->text_w = full - c->icon_gap - c->num_w;
    double min_text = width / 4;
    *short_by = 0;
    if (c->text_w < min_text) {
        *short_by = min_text - c->text_w;
        c->text_w = min_text;
    }
    c->nnote = c->rc->nnote < 2 ? c->rc->nnote : 2;
    for (size_t k = 0; k < c->nnote; k++) {
        c->note_in[k] = c->rc->note_in[k];
        c->note_in[k].line = c->key->line;
        c->note_in[k].col = c->key->col;
        c->note_in[k].elsewhere = true;
    }
    c->full = full;
    lp_inline in = fl_inline_at(ct->name, 0, c->key->line, c->key->col);
    lp_inline note[MAX_NOTE];
    double note_h;
    size_t nn = card_note(w, c, c->text_w, note, &note_h);
    if (note_h < 0) return -1;
    card best = *c;
    bool have = false;
    for (size_t i = 0; i < narr; i++) {
        card t = *c;
        t.arr = arrs[i];
        /* Beside the number, a name that wraps is balanced, so that it
         * breaks by sense ("Multi Agency / Safeguarding Hub"), not after
         * one word; across, over the whole card. */
        t.name_w = part_balanced_width(w, &c->name, &in, 1, t.arr == CARD_ACROSS ? full : c->text_w);
        t.name_h = fl_text_height(w, t.name_w, &c->name, &in, 1);
        if (t.name_h < 0) return -1;
        if (t.arr == CARD_ACROSS) t.name_wide = widest_line(w, &c->name, &in, 1, t.name_w);
        bool ok = true;
        if (t.arr == CARD_UNDER) {
            t.note_w = full;
            size_t un = card_note(w, c, full, note, &t.note_h);
            if (t.note_h < 0) return -1;
            if (!un) t.note_h = 0;
            t.note_wide = widest_line(w, &c->note, note, un, full);
            /* A note that would run on under the number is not set there:
             * the number's line and the note's would read as one. */
            ok = t.note_wide <= full - c->num_w - c->icon_gap;
        } else {
            t.note_w = c->text_w;
            t.note_h = nn ? note_h : 0;
        }
        t.h = card_geometry(fonts, &t).h;
        if (!have || (ok && t.h < best.h - EPS)) {
            best = t;
            have = true;
        }
    }
    *c = best;
    return 0;
}

double part_contact_card(fl_writer *w, int page, double x, double y, double width, const char *key,
                         const part_scale *sc, const lp_contact_rec *rc, const lp_keyref *ref,
                         const part_card_look *look, int list, bool place, double *short_by)
{
    card cc = {0}, *c = &cc;
    c->rc = rc;
    c->key = ref;
    double dummy;
    if (!short_by) short_by = &dummy;
    if (card_prepare(w, c, key, sc, look, width, short_by) != 0) return -1;
    if (!place) return c->h;
    double radius = spec_len_or(w->ctx->spec, arena_printf(w->ctx->arena, "%s.radius", key), 0, w->ctx->diag) * sc->len;
    const lp_contact *ct = rc->ct;
    /* The card, and inside it the words beside the icon and the number:
     * each a frame nothing may leave. */
    int outer = fl_frame_enter(w, page, x, y, width, c->h, "contact card", ref->line, ref->col);
    part_edged_rect(w, page, x, y, width, c->h, look->bg, radius, look->edge, look->edge_color);
    if (!fl_icon(w, page, look->icon, x + c->pad + c->icon_size / 2, y + c->h / 2, c->icon_size,
                 look->icon_color, -1, w->ctx->contacts->path, ct->line, ct->col))
        return -1;
    /* Each card is an item of the list of contacts. */
    int div = fl_item_snode(w, list);
    lp_inline in = fl_inline_at(ct->name, 0, ref->line, ref->col);
    double tx = x + c->pad + c->icon_size + c->icon_gap;
    lp_inline note[MAX_NOTE];
    double note_h;
    size_t nn = card_note(w, c, c->note_w, note, &note_h);
    if (note_h < 0) return -1;
    lp_inline numin = fl_inline_at(c->reach, 0, ref->line, ref->col);
    numin.nobreak = true;
    numin.url = rc->reach_url;
    /* Right-aligned in a box a little wider than the number, so rounding
     * never wraps it. */
    double box_w = c->num_w + c->icon_gap;
    double num_x = x + width - c->pad - box_w;
    card_geom g = card_geometry(w->ctx->fonts, c);
    int cell = fl_frame_enter(w, page, tx, y, c->full, c->h, "card's name and note", ref->line, ref->col);
    if (fl_text_at(w, page, tx, y + g.name_y, c->name_w, &c->name, &in, 1, fl_snode(w, "P", div)) < 0)
        return -1;
    if (nn && fl_text_at(w, page, tx, y + g.note_y, c->note_w, &c->note, note, nn, fl_snode(w, "P", div)) < 0)
        return -1;
    fl_frame_leave(w, cell);
    cell = fl_frame_enter(w, page, num_x, y, box_w, c->h, "card's number", ref->line, ref->col);
    if (fl_text_at(w, page, num_x, y + g.num_y, box_w, &c->number, &numin, 1, fl_snode(w, "P", div)) < 0)
        return -1;
    fl_frame_leave(w, cell);
    fl_frame_leave(w, outer);
    return c->h;
}

/* ------------------------------------------------------------ headline */

/* The headline's style and width: the largest size between the layout's
 * bounds whose longest line fills at most `fill` of the measure in the
 * lines allowed, and at least `fill-min` of it: a short headline ("Could it
 * be CSE?") that would fill only 60 % in two lines at the largest size is
 * set on one line that fills the measure.  When no size fills fill-min (a
 * one-word headline), the largest that fits. */
/* One round of headline_style: the sizes from the style's down to min,
 * within `lines`.  Returns 1 with *out set, 0 when no size will do (with
 * the lines at min in *need), or -1. */
static int headline_round(fl_writer *w, const lp_style *base, const lp_inline *tin, double measure,
                          double min, double step, double fill, double fill_min, double lines,
                          lp_style *out, double *out_w, bool *one_line, size_t *need)
{
    lp_arena *a = w->ctx->arena;
    bool have = false;
    lp_style fits = {0};
    double fits_w = 0;
    double ratio = base->leading / base->size;
    for (double size = base->size;; size -= step) {
        bool last = size <= min + EPS;
        if (last) size = min;
        lp_style st = *base;
        st.size = size;
        st.leading = size * ratio;
        /* The smallest size may use the whole measure. */
        double width = last ? measure : fill * measure;
        lb_para p;
        if (lb_set_paragraph(a, w->ctx->fonts, tin, 1, &st, &width, 1, false, w->ctx->doc->path, &p,
                             w->ctx->diag) != 0)
            return -1;
        /* The ragged breaker may balance a headline over two lines that
         * one line would hold: measure that line too. */
        double whole = fonts_width(w->ctx->fonts, st.face[0], tin->text, strlen(tin->text), st.size,
                                   st.tracking * st.size);
        if (whole <= width + EPS && whole >= fill_min * measure - EPS) {
            *out = st;
            *out_w = width;
            *one_line = true;
            return 1;
        }
        if ((double)p.nlines <= lines + EPS && !p.overfull) {
            /* The lines as they will be set: balanced. */
            double longest = widest_line(w, &st, tin, 1, part_balanced_width(w, &st, tin, 1, width));
            if (longest >= fill_min * measure - EPS) {
                *out = st;
                *out_w = width;
                return 1;
            }
            if (!have) fits = st, fits_w = width, have = true;
        }
        if (last) {
            if (!have) {
                *need = p.nlines;
                return 0;
            }
            *out = fits;
            *out_w = fits_w;
            return 1;
        }
    }
}

static int headline_style(fl_writer *w, const char *key, const part_scale *sc, const lp_inline *tin,
                          double measure, lp_style *out, double *out_w, bool *one_line)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    *one_line = false;
    double min, step, fill, fill_min, lines, lines_max = 0;
#define K(name) arena_printf(a, "%s.%s", key, name)
    if (!spec_len(sp, K("headline-min"), &min, d) || !spec_len(sp, K("headline-step"), &step, d) ||
        !spec_num(sp, K("fill"), &fill, d) || !spec_num(sp, K("fill-min"), &fill_min, d) ||
        !spec_num(sp, K("headline-lines"), &lines, d) ||
        (spec_node(sp, K("headline-lines-max")) && !spec_num(sp, K("headline-lines-max"), &lines_max, d)))
        return -1;
    const lp_style *base = part_style(w, spec_str_or(sp, K("headline-style"), "title", d), sc);
#undef K
    if (!base) return -1;
    min *= sc->len;
    if (min < sc->min_size) min = sc->min_size;
    if (step <= 0) step = 1;
    /* headline-lines first; a headline too long for them even at the
     * smallest size runs to headline-lines-max, the largest size first. */
    /* A headline that fills less than fill-min on one line at its style's
     * size ("Talk to us") is set larger on that line, to fill `fill` of
     * the measure, up to headline-max. */
    double most = spec_len_or(sp, arena_printf(a, "%s.headline-max", key), 0, d) * sc->len;
    double whole = fonts_width(w->ctx->fonts, base->face[0], tin->text, strlen(tin->text), base->size,
                               base->tracking * base->size);
    if (most > base->size && whole > 0 && whole < fill_min * measure - EPS) {
        *out = *base;
        out->size = fmin(most, base->size * fill * measure / whole);
        out->leading = out->size * base->leading / base->size;
        *out_w = measure;
        *one_line = true;
        return 0;
    }
    size_t need = 0;
    int rc = headline_round(w, base, tin, measure, min, step * sc->len, fill, fill_min, lines, out,
                            out_w, one_line, &need);
    if (rc == 0 && lines_max > lines) {
        lines = lines_max;
        rc = headline_round(w, base, tin, measure, min, step * sc->len, fill, fill_min, lines, out,
                            out_w, one_line, &need);
    }
    if (rc != 0) return rc < 0 ? -1 : 0;
    diag_error(d, w->ctx->doc->path, tin->line, tin->col,
               arena_printf(a, "shorten the title: the headline is at most %.0f lines", lines),
               "the title needs %zu lines at the smallest headline size (%.0f pt); the layout takes %.0f",
               need, min, lines);
    return -1;
}

double part_headline(fl_writer *w, int page, double x, double y, double measure, const char *key,
                     const part_scale *sc, const lp_inline *text, part_headline_memo *memo, int parent)
{
    lp_inline tin = *text;
    lp_style hl;
    double hw;
    bool one_line;
    if (memo && memo->set) {
        hl = memo->st;
        hw = memo->width;
        one_line = memo->one_line;
    } else {
        if (headline_style(w, key, sc, &tin, measure, &hl, &hw, &one_line) != 0) return -1;
        if (memo) *memo = (part_headline_memo){true, hl, hw, one_line};
    }
    if (one_line) tin.nobreak = true; /* set whole, filling the measure */
    else hw = part_balanced_width(w, &hl, &tin, 1, hw);
    return fl_text_at(w, page, x, y, hw, &hl, &tin, 1, fl_snode(w, "H1", parent));
}

/* ------------------------------------------------------------ poster look */

const char *part_look_key(fl_writer *w, const char *key)
{
    lp_arena *a = w->ctx->arena;
    const char *k = arena_printf(a, "audiences.%s.%s", w->ctx->doc->meta.audience, key);
    return spec_node(w->ctx->spec, k) ? k : arena_printf(a, "look.%s", key);
}

static bool look_color(fl_writer *w, const char *key, lp_color *c)
{
    return spec_color(w->ctx->spec, part_look_key(w, key), c, w->ctx->diag);
}

/* The edge of a background that stands out less than edges.contrast from
 * the page (look.page): `key` wide (at k; 0: no edge) in the look's `role`,
 * or in the colour *c already holds when role is NULL.  *edge 0: none. */
static int look_edge(fl_writer *w, double k, lp_color bg, const char *key, const char *role, double *edge,
                     lp_color *c)
{
    const lp_spec *sp = w->ctx->spec;
    double least;
    lp_color page;
    *edge = 0;
    if (!spec_node(sp, key)) return 0;
    if (!spec_len(sp, key, edge, w->ctx->diag) || !spec_num(sp, "edges.contrast", &least, w->ctx->diag) ||
        !look_color(w, "page", &page))
        return -1;
    *edge *= k;
    if (spec_contrast(bg, page) >= least) *edge = 0;
    if (*edge > 0 && role && !look_color(w, role, c)) return -1;
    return 0;
}

int part_picture_looks(fl_writer *w, double k, part_picture *pics, size_t n)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    const yt_node *pairs = spec_node(sp, part_look_key(w, "pictures"));
    if (!pairs || pairs->kind != YT_SEQ || pairs->n == 0) {
        diag_error(d, spec_layout_path(sp), pairs ? pairs->line : 0, pairs ? pairs->col : 0,
                   "write pictures: [[tint, stroke], ...]", "'%s' must list colour pairs",
                   part_look_key(w, "pictures"));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const yt_node *pr = pairs->vals[i % pairs->n];
        part_picture *p = &pics[i];
        if (pr->kind != YT_SEQ || pr->n != 2 || pr->vals[0]->kind != YT_SCALAR ||
            pr->vals[1]->kind != YT_SCALAR) {
            diag_error(d, spec_layout_path(sp), pr->line, pr->col, "write [tint, stroke], two colour tokens",
                       "a picture pair must be two colours");
            return -1;
        }
        if (!spec_color_token(sp, pr->vals[0]->scalar, &p->tint, d) ||
            !spec_color_token(sp, pr->vals[1]->scalar, &p->stroke, d) ||
            look_edge(w, k, p->tint, "messages.edge", NULL, &p->edge, &p->stroke) != 0)
            return -1;
    }
    return 0;
}

int part_card_look_of(fl_writer *w, double k, const lp_contact *ct, size_t i, part_card_look *lk,
                      lp_color *text, lp_color *number)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    memset(lk, 0, sizeof *lk);
    const char *edge_role = "card-edge";
    if (ct->phone && strcmp(ct->phone, "999") == 0) {
        if (!look_color(w, "emergency.background", &lk->bg) || !look_color(w, "emergency.icon", &lk->icon_color) ||
            !spec_str(sp, "cards.emergency-icon", &lk->icon, d))
            return -1;
        /* The emergency card may reverse its text out of a dark background. */
        const char *tk = part_look_key(w, "emergency.text"), *nk = part_look_key(w, "emergency.number");
        if (spec_node(sp, tk)) {
            if (!spec_color(sp, tk, text, d)) return -1;
            lk->text = text;
        }
        if (spec_node(sp, nk)) {
            if (!spec_color(sp, nk, number, d)) return -1;
            lk->number = number;
        }
        if (spec_node(sp, part_look_key(w, "emergency.edge"))) edge_role = "emergency.edge";
    } else {
        const yt_node *bgs = spec_node(sp, part_look_key(w, "cards"));
        if (!bgs || bgs->kind != YT_SEQ || bgs->n == 0 || bgs->vals[0]->kind != YT_SCALAR) {
            diag_error(d, spec_layout_path(sp), bgs ? bgs->line : 0, bgs ? bgs->col : 0, "write cards: [token, ...]",
                       "'%s' must list colours", part_look_key(w, "cards"));
            return -1;
        }
        const yt_node *t = bgs->vals[i % bgs->n];
        if (t->kind != YT_SCALAR || !spec_color_token(sp, t->scalar, &lk->bg, d) ||
            !look_color(w, "card-icon", &lk->icon_color))
            return -1;
        lk->icon = ct->icon;
    }
    return look_edge(w, k, lk->bg, "cards.edge", edge_role, &lk->edge, &lk->edge_color);
}

double part_centred_paras(fl_writer *w, double x, double y, double measure, const char *style_key,
                          const part_scale *sc, const lp_block *const *paras, size_t n, int parent)
{
    const lp_style *base = part_style(w, spec_str_or(w->ctx->spec, style_key, "body", w->ctx->diag), sc);
    if (!base) return -1;
    lp_style st = *base;
    st.align = ALIGN_CENTER;
    for (size_t i = 0; i < n; i++) {
        const lp_block *b = paras[i];
        if (i) y += st.leading / 2;
        double bw = part_balanced_width(w, &st, b->in, b->nin, measure);
        double h = fl_text_at(w, 0, x + (measure - bw) / 2, y, bw, &st, b->in, b->nin, fl_snode(w, "P", parent));
        if (h < 0) return -1;
        y += h;
    }
    return y;
}

double part_contact_cards(fl_writer *w, double x, double y, double width, const char *key, const part_scale *sc,
                          const lp_keyref *keys, size_t n, int parent, double *short_by, size_t *at)
{
    double space;
    *short_by = 0;
    *at = 0;
    if (!spec_len(w->ctx->spec, arena_printf(w->ctx->arena, "%s.space", key), &space, w->ctx->diag)) return -1;
    space *= sc->len;
    int sec = n ? fl_snode(w, "Sect", parent) : -1;
    int list = n ? fl_list_snode(w, sec) : -1;
    for (size_t i = 0; i < n; i++) {
        const lp_contact_rec *rc = keys[i].rec; /* markdown.c refuses unknown keys */
        part_card_look lk;
        lp_color text, number;
        if (part_card_look_of(w, sc->len, rc->ct, i, &lk, &text, &number) != 0) return -1;
        if (i) y += space;
        double short_i = 0;
        double h = part_contact_card(w, 0, x, y, width, key, sc, rc, &keys[i], &lk, list, true, &short_i);
        if (h < 0) return -1;
        if (short_i > *short_by) {
            *short_by = short_i;
            *at = i;
        }
        y += h;
    }
    return y;
}

/* ------------------------------------------------------------ poster head */

int part_poster_head(fl_writer *w, double page_w, double x, double top, double measure, const char *key,
                     const part_scale *sc, const part_head_look *look, const lp_inline *headline,
                     const lp_inline *strapline, part_headline_memo *memo, int parent, double *rise)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double bottom, h_top, sl_bottom, gap, close_gap, icon_size, icon_gap;
#define K(name) arena_printf(a, "%s.%s", key, name)
    if (!spec_len(sp, K("bottom"), &bottom, d) || !spec_len(sp, K("headline-top"), &h_top, d) ||
        !spec_len(sp, K("strapline-bottom"), &sl_bottom, d) || !spec_len(sp, K("gap"), &gap, d) ||
        !spec_len(sp, K("close-gap"), &close_gap, d) || !spec_len(sp, K("icon-size"), &icon_size, d) ||
        !spec_len(sp, K("icon-gap"), &icon_gap, d))
        return -1;
    /* The partnership and the headline keep their size; the strapline
     * takes the type scale. */
    part_scale fixed = {sc->len, 1, sc->min_size, 0};
    const lp_style *part = part_style(w, spec_str_or(sp, K("partnership-style"), "title", d), &fixed);
    const lp_style *sl = part_style(w, spec_str_or(sp, K("strapline-style"), "body", d), sc);
#undef K
    if (!part || !sl) return -1;
    bottom *= sc->len;
    h_top *= sc->len;
    sl_bottom *= sc->len;
    gap *= sc->len;
    close_gap *= sc->len;
    icon_size *= sc->len;
    icon_gap *= sc->len;
    /* The band is drawn first (under the text) and takes its height once
     * the head's text is set. */
    size_t band = w->pg->boxes.n;
    fl_rect(w, 0, 0, 0, page_w, bottom, look->bg, 0, -1)->bleed = true;
    if (part_partnership_even(w, 0, x, top, measure, part, parent) < 0) return -1;
    double th = part_headline(w, 0, x, h_top, measure, key, &fixed, headline, memo, parent);
    if (th < 0) return -1;
    double h_bottom = h_top + th;
    /* The head is as tall as its text: a headline of fewer lines than the
     * head is drawn for closes it up to close-gap above the strapline (or
     * the symbol, when that is taller), and all below moves up by as much;
     * a headline or strapline too long for it opens it as far as the
     * strapline needs to keep `gap`. */
    double sl_w = measure - icon_size - icon_gap, sh = 0;
    if (strapline) {
        sl_w = part_balanced_width(w, sl, strapline, 1, sl_w);
        sh = fl_text_height(w, sl_w, sl, strapline, 1);
        if (sh < 0) return -1;
    }
    double block = strapline ? fmin(sl_bottom - sh, sl_bottom - sh / 2 - icon_size / 2) : sl_bottom - icon_size;
    *rise = block - (h_bottom + close_gap);
    if (*rise < 0) *rise = fmin(0, sl_bottom - sh - (h_bottom + gap));
    sl_bottom -= *rise;
    w->pg->boxes.v[band].h = bottom - *rise;
    double icon_cy = sl_bottom - (strapline ? sh : icon_size) / 2;
    if (strapline && fl_text_at(w, 0, x, sl_bottom - sh, sl_w, sl, strapline, 1, fl_snode(w, "P", parent)) < 0)
        return -1;
    if (look->pic) {
        if (!fl_picture(w, 0, look->pic, x + measure - icon_size, icon_cy - icon_size / 2, icon_size, icon_size,
                        look->icon_color, -1))
            return -1;
    } else if (!fl_icon(w, 0, look->icon, x + measure - icon_size / 2, icon_cy, icon_size, look->icon_color, -1,
                        spec_layout_path(sp), 0, 0)) {
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ picture columns */

void part_edged_rect(fl_writer *w, int page, double x, double y, double bw, double bh, lp_color bg,
                     double radius, double edge, lp_color edge_color)
{
    if (edge > 0) {
        fl_rect(w, page, x, y, bw, bh, edge_color, radius, -1);
        x += edge;
        y += edge;
        bw -= 2 * edge;
        bh -= 2 * edge;
        radius = radius > edge ? radius - edge : 0;
    }
    fl_rect(w, page, x, y, bw, bh, bg, radius, -1);
}

/* The columns' widths, sharing `avail` equally; with <key>.whole-words,
 * a column whose words would be broken mid-word (a word wider than its
 * share) is widened to its longest word, the others sharing what is left,
 * as long as none of theirs is broken then.  Returns 1 when the widths
 * differ, 0 when all are equal, or -1. */
static int whole_columns(fl_writer *w, const char *key, const lp_style *st, const part_picture *p,
                         size_t n, double avail, double *cw)
{
    const lp_spec *sp = w->ctx->spec;
    const char *wk = arena_printf(w->ctx->arena, "%s.whole-words", key);
    bool whole = false;
    if (spec_node(sp, wk) && !spec_bool(sp, wk, &whole, w->ctx->diag)) return -1;
    double share = avail / (double)n, wide = 0;
    size_t nwide = 0;
    for (size_t i = 0; i < n; i++) {
        cw[i] = 0;
        if (!whole || !fl_text_forced(w, share, st, p[i].in, p[i].nin) ||
            fl_text_forced(w, avail, st, p[i].in, p[i].nin))
            continue;
        double lo = share, hi = avail;
        for (int k = 0; k < BALANCE_STEPS; k++) {
            double mid = (lo + hi) / 2;
            if (fl_text_forced(w, mid, st, p[i].in, p[i].nin)) lo = mid;
            else hi = mid;
        }
        cw[i] = hi;
        wide += hi;
        nwide++;
    }
    double rest = nwide < n ? (avail - wide) / (double)(n - nwide) : 0;
    bool keep = nwide > 0 && wide < avail;
    for (size_t i = 0; keep && i < n; i++)
        if (cw[i] == 0 && (rest <= 0 || fl_text_forced(w, rest, st, p[i].in, p[i].nin))) keep = false;
    for (size_t i = 0; i < n; i++) cw[i] = !keep ? share : cw[i] > 0 ? cw[i] : rest;
    return keep;
}

double part_picture_columns(fl_writer *w, int page, double x, double y, double width, const char *key,
                            const part_scale *sc, const part_picture *p, size_t n, int parent,
                            double *lines_out, bool *forced_out)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double gutter, circle, symbol, gap, least;
#define K(name) arena_printf(a, "%s.%s", key, name)
    if (!spec_len(sp, K("gutter"), &gutter, d) || !spec_len(sp, K("circle"), &circle, d) ||
        !spec_len(sp, K("symbol"), &symbol, d) || !spec_len(sp, K("gap"), &gap, d) ||
        !spec_num(sp, K("lines"), &least, d))
        return -1;
    const lp_style *st = part_style(w, spec_str_or(sp, K("style"), "body", d), sc);
#undef K
    if (!st) return -1;
    gutter *= sc->len;
    circle *= sc->len;
    symbol *= sc->len;
    gap *= sc->len;
    double *cw = arena_alloc(a, (n + 1) * sizeof *cw);
    int uneven = whole_columns(w, key, st, p, n, width - gutter * (double)(n - 1), cw);
    if (uneven < 0) return -1;
    double bottom = y + circle;
    double left = x; /* where an uneven column starts */
    for (size_t i = 0; i < n; i++) {
        const part_picture *m = &p[i];
        double colw = cw[i];
        if (i) left += cw[i - 1] + gutter;
        double cx = uneven ? left : x + (double)i * (colw + gutter);
        double mid = cx + colw / 2;
        double bw = part_balanced_width(w, st, m->in, m->nin, colw);
        double mh = fl_text_height(w, bw, st, m->in, m->nin);
        if (mh < 0) return -1;
        /* The column: its picture over its words. */
        int column = fl_frame_enter(w, page, cx, y, colw, circle + gap + fmax(mh, least * st->leading),
                                    "picture column", m->line, m->col);
        part_edged_rect(w, page, mid - circle / 2, y, circle, circle, m->tint, circle / 2, m->edge, m->stroke);
        int fig = fl_snode(w, "Figure", parent);
        lp_box *ic = fl_picture(w, page, m->image->pic, mid - symbol / 2, y + (circle - symbol) / 2, symbol,
                                symbol, m->stroke, fig);
        if (!ic) return -1;
        const char *alt = m->image->text && *m->image->text ? m->image->text : NULL;
        ic->alt = alt;
        if (fig >= 0) w->pg->snodes.v[fig].alt = alt;
        double h = fl_text_at(w, page, cx + (colw - bw) / 2, y + circle + gap, bw, st, m->in, m->nin,
                              fl_snode(w, "P", parent));
        if (h < 0) return -1;
        fl_frame_leave(w, column);
        double lines = h / st->leading;
        if (lines_out) lines_out[i] = lines;
        if (forced_out) forced_out[i] = fl_text_forced(w, colw, st, m->in, m->nin);
        double used = y + circle + gap + (lines < least ? least : lines) * st->leading;
        if (used > bottom) bottom = used;
    }
    return bottom;
}

/* ------------------------------------------------------------ running header and page footer */

/* The partnership (its logo and name) on the left of the footer's line at
 * top, in ft, and the folio num (when there is one) in ps at the line's
 * right end, at least footer.number-gap apart.  The name stays one line:
 * the short name where the full one would wrap, and an error at the
 * partnership's file when that wraps too.  page < 0 checks only. */
static int footer_name(fl_writer *w, int page, double x, double width, double top, const lp_style *ft,
                       const lp_style *ps, const char *num)
{
    lp_diag *d = w->ctx->diag;
    double gap = num ? spec_len_or(w->ctx->spec, "footer.number-gap", 0, d) : 0;
    double nw = num ? fonts_width(w->ctx->fonts, ps->face[0], num, strlen(num), ps->size, ps->tracking * ps->size)
                    : 0;
    double lw = fl_logo_width(w, ft);
    double pw = width - nw - gap - lw;
    /* The full name, else the short name when the full one needs two lines
     * (a partnership's name can be long: the footer stays one line). */
    const lp_partnership *pa = w->ctx->partnership;
    const char *name = pa->name;
    for (int pass = 0; pass < 2; pass++) {
        name = pass == 0 ? pa->name : pa->short_name;
        lp_inline pin = fl_inline(name, 0);
        double ph = pw > 0 ? fl_text_height(w, pw, ft, &pin, 1) : INFINITY;
        if (ph < 0) return -1;
        if (ph <= ft->leading + EPS) break;
        if (pass == 1 || pa->short_name == pa->name) {
            const yt_node *at = yt_get(pa->root, pa->short_name == pa->name ? "name" : "short-name");
            diag_error(d, pa->path, at ? at->line : 1, at ? at->col : 1,
                       "give the partnership a shorter short-name:, or the layout a smaller footer style",
                       "the partnership's name does not fit on one line of the page footer");
            return -1;
        }
    }
    if (page < 0) return 0;
    /* Page furniture repeats on every page: artifacts, not content. */
    if (part_partnership_as(w, page, x, top, lw + pw, ft, name, -1) < 0) return -1;
    return num && fl_plain_at(w, page, x + width - nw - 1, top, nw + 1, ps, num, -1) < 0 ? -1 : 0;
}

static double running_at(fl_writer *w, int page, int total, double x, double width, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    bool place = page >= 0;
    double need = 0;
    /* The running header: its words, then a rule under them. */
    if (spec_node(sp, "header.top")) {
        double top, rule_gap = spec_len_or(sp, "header.rule-gap", 0, d), rule = spec_len_or(sp, "header.rule", 0, d);
        lp_color rule_c;
        if (!spec_len(sp, "header.top", &top, d)) return -1;
        if (rule > 0 && !spec_color(sp, "header.rule-color", &rule_c, d)) return -1;
        const lp_style *hs = fl_fixed_style(w, spec_str_or(sp, "header.style", "footer", d));
        if (!hs) return -1;
        bool err = false;
        const char *text = part_fill(w, "header.text", spec_str_or(sp, "header.text", "{title}", d), &err);
        if (err) return -1;
        /* Pagination is an artifact: no structure node. */
        if (place && text && fl_plain_at(w, page, x, top, width, hs, text, -1) < 0) return -1;
        if (place && rule > 0) fl_line(w, page, x, top + hs->leading + rule_gap, width, 0, rule_c, rule);
    }
    /* The footer's rule. */
    if (spec_node(sp, "footer.rule")) {
        double rule, rule_top;
        lp_color rule_c;
        if (!spec_len(sp, "footer.rule", &rule, d) || !spec_len(sp, "footer.rule-top", &rule_top, d) ||
            !spec_color(sp, "footer.rule-color", &rule_c, d))
            return -1;
        if (place) fl_line(w, page, x, rule_top, width, 0, rule_c, rule);
    }
    /* The partnership's name, and the folio: beside the name at the
     * line's right end, else on the outer edge of a two-sided page, or
     * where its style aligns it. */
    bool with_name = false;
    if (spec_node(sp, "footer.partnership") && !spec_bool(sp, "footer.partnership", &with_name, d)) return -1;
    if (with_name || spec_node(sp, "footer.label")) {
        double top;
        const char *label = NULL;
        bool outer = true;
        if (!spec_len(sp, "footer.top", &top, d)) return -1;
        if (spec_node(sp, "footer.label") && !spec_str(sp, "footer.label", &label, d)) return -1;
        if (spec_node(sp, "footer.outer") && !spec_bool(sp, "footer.outer", &outer, d)) return -1;
        const char *style = spec_str_or(sp, "footer.style", "footer", d);
        const lp_style *ft = fl_fixed_style(w, style);
        const lp_style *ps = fl_fixed_style(w, spec_str_or(sp, "footer.number-style", style, d));
        if (!ft || !ps) return -1;
        const char *num = label ? fl_page_label(w->ctx->arena, label, (place ? page : 0) + 1, total) : NULL;
        if (with_name) {
            if (footer_name(w, page, x, width, top, ft, ps, num) != 0) return -1;
        } else if (place) {
            lp_style st = *ps;
            if (outer) st.align = (page + 1) % 2 ? ALIGN_RIGHT : ALIGN_LEFT;
            if (fl_plain_at(w, page, x, top, width, &st, num, -1) < 0) return -1;
        }
    }
    /* A line of words of its own ({review-by}, {version}, ...), where its
     * style aligns it. */
    if (spec_node(sp, "footer.text")) {
        double top;
        bool err = false;
        const lp_style *ts = fl_fixed_style(w, spec_str_or(sp, "footer.text-style", "footer", d));
        if (!ts || !spec_len(sp, "footer.text-top", &top, d)) return -1;
        const char *text = part_fill(w, "footer.text", spec_str_or(sp, "footer.text", "", d), &err);
        if (err) return -1;
        if (place && text && *text && fl_plain_at(w, page, x, top, width, ts, text, -1) < 0) return -1;
    }
    /* The QR block, its foot at footer.bottom: the code and its words are
     * content (what the page is, where to read more). */
    if (spec_node(sp, "footer.qr")) {
        double top, bottom;
        if (!spec_len(sp, "footer.top", &top, d) || !spec_len(sp, "footer.bottom", &bottom, d)) return -1;
        double h = part_qr_block(w, page, x, width, bottom, "footer.qr", parent, place);
        if (h < 0) return -1;
        need = h > bottom - top ? h : bottom - top;
    }
    return need;
}

/* Placed once a document for each page, place and type scale (fl_replay):
 * a format lays its footer out on every pass. */
double part_running(fl_writer *w, int page, int total, double x, double width, int parent)
{
    fl_key k;
    if (page < 0) { /* measured: the footer's height, once */
        fl_key_init(&k, w, "running header and footer measured");
        fl_key_num(&k, total), fl_key_num(&k, x), fl_key_num(&k, width), fl_key_num(&k, parent);
        const double *kept = fl_recall(w, &k, sizeof *kept);
        if (kept) return *kept;
        double need = running_at(w, page, total, x, width, parent);
        if (need >= 0) fl_keep(w, &k, &need, sizeof need);
        return need;
    }
    fl_key_init(&k, w, "running header and footer");
    fl_key_num(&k, page), fl_key_num(&k, total), fl_key_num(&k, x), fl_key_num(&k, width);
    fl_key_num(&k, parent);
    double h;
    if (fl_replay(w, &k, &h)) return h;
    fl_mark m;
    fl_mark_begin(w, &m);
    h = running_at(w, page, total, x, width, parent);
    if (h >= 0) fl_record(w, &k, &m, h);
    return h;
}

/* ------------------------------------------------------------ definitions panel */

/* The definitions panel measured: its spec's values and its height. */
typedef struct defs_plan {
    double pad, bar, label_gap, hmax, height;
    lp_color bg, bar_c;
    const char *label, *text_style;
    const lp_style *lab, *dt, *src, *ts;
} defs_plan;

/* Where each definition's text starts and how wide it is: on the body's
 * column lines (two columns gutter apart), the first inset by the bar and
 * padding. */
static void defs_columns(const defs_plan *p, double x, double width, double gutter, size_t n, double x0[2],
                         double wd[2])
{
    double col_w = (width - gutter) / 2;
    x0[0] = x + p->bar + p->pad, x0[1] = x + col_w + gutter;
    wd[0] = col_w - p->bar - p->pad, wd[1] = x + width - p->pad - x0[1];
    if (n == 1) wd[0] = x + width - p->pad - x0[0];
}

static int defs_measure(fl_writer *w, double width, double gutter, const lp_block *defs, size_t n, defs_plan *p)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    if (!spec_len(sp, "definitions.padding", &p->pad, d) || !spec_len(sp, "definitions.bar", &p->bar, d) ||
        !spec_len(sp, "definitions.label-gap", &p->label_gap, d) ||
        !spec_color(sp, "definitions.background", &p->bg, d) ||
        !spec_color(sp, "definitions.bar-color", &p->bar_c, d) || !spec_str(sp, "definitions.label", &p->label, d))
        return -1;
    /* Wording that is not statutory says what it is instead. */
    if (defs[0].label) p->label = defs[0].label;
    p->lab = fl_fixed_style(w, spec_str_or(sp, "definitions.label-style", "definitions-label", d));
    p->dt = fl_style(w, spec_str_or(sp, "definitions.title-style", "definition-title", d));
    p->src = fl_style(w, spec_str_or(sp, "definitions.source-style", "source-line", d));
    p->text_style = spec_str_or(sp, "definitions.text-style", "quote", d);
    p->ts = fl_style(w, p->text_style);
    if (!p->lab || !p->dt || !p->src || !p->ts) return -1;
    double x0[2], wd[2];
    defs_columns(p, 0, width, gutter, n, x0, wd);
    double hmax = 0;
    const char *outer = w->body_style;
    for (size_t i = 0; i < n; i++) {
        const lp_block *b = &defs[i];
        lp_inline tin = fl_inline_at(b->title ? b->title : "", 0, b->line, b->col);
        double th = b->title ? fl_text_height(w, wd[i], p->dt, &tin, 1) + p->dt->space_after : 0;
        w->body_style = p->text_style;
        double kh = fl_measure_blocks(w, b->kids, b->nkids, wd[i]);
        w->body_style = outer;
        lp_inline sin = fl_inline_at(arena_printf(a, "\u2014 %s", b->source), 0, b->line, b->col);
        double sh = fl_text_height(w, wd[i], p->src, &sin, 1);
        if (th < 0 || kh < 0 || sh < 0) return -1;
        double h = th + kh + p->src->space_before + sh;
        if (h > hmax) hmax = h;
    }
    p->hmax = hmax;
    p->height = p->pad + p->lab->leading + p->label_gap + hmax + p->pad;
    return 0;
}

/* Measured once a document for each width and scale (defs_measure): a
 * format lays the panel out on every pass. */
static double definitions_at(fl_writer *w, int page, double x, double width, double top, double gutter,
                        const lp_block *defs, size_t n, int parent, bool place)
{
    lp_arena *a = w->ctx->arena;
    if (n == 0) return 0;
    if (n > 2) n = 2;
    fl_key fk;
    fl_key_init(&fk, w, "definitions panel");
    fl_key_ptr(&fk, defs);
    fl_key_num(&fk, (double)n);
    fl_key_num(&fk, width);
    fl_key_num(&fk, gutter);
    const defs_plan *p = fl_recall(w, &fk, sizeof *p);
    if (!p) {
        defs_plan *fresh = arena_alloc(a, sizeof *fresh);
        if (defs_measure(w, width, gutter, defs, n, fresh) != 0) return -1;
        fl_keep(w, &fk, fresh, sizeof *fresh);
        p = fresh;
    }
    double height = p->height, hmax = p->hmax, pad = p->pad;
    if (!place) return height;
    const lp_style *lab = p->lab, *dt = p->dt, *src = p->src;
    double x0[2], wd[2];
    defs_columns(p, x, width, gutter, n, x0, wd);
    int panel = fl_frame_enter(w, page, x, top, width, height, "definitions panel", defs[0].line, defs[0].col);
    fl_rect(w, page, x, top, width, height, p->bg, 0, -1);
    if (p->bar > 0) fl_rect(w, page, x, top, p->bar, height, p->bar_c, 0, -1);
    int sec = fl_snode(w, "Sect", parent);
    if (fl_plain_at(w, page, x0[0], top + pad, wd[0], lab, p->label, fl_snode(w, "H2", sec)) < 0) return -1;
    double y0 = top + pad + lab->leading + p->label_gap;
    for (size_t i = 0; i < n; i++) {
        const lp_block *b = &defs[i];
        int q = fl_snode(w, "BlockQuote", sec);
        double y = y0;
        /* Each definition keeps to its own column of the panel. */
        int column = fl_frame_enter(w, page, x0[i], y0, wd[i], hmax, "definition", b->line, b->col);
        if (b->title) {
            lp_inline tin = fl_inline_at(b->title, 0, b->line, b->col);
            double th = fl_text_at(w, page, x0[i], y, wd[i], dt, &tin, 1, fl_snode(w, "H3", q));
            if (th < 0) return -1;
            y += th + dt->space_after;
        }
        double kh = fl_blocks_at(w, page, x0[i], y, wd[i], hmax - (y - y0), b->kids, b->nkids, q, p->text_style);
        if (kh < 0) return -1;
        y += kh - p->ts->space_after;
        lp_inline sin = fl_inline_at(arena_printf(a, "\u2014 %s", b->source), 0, b->line, b->col);
        if (fl_text_at(w, page, x0[i], y + src->space_before, wd[i], src, &sin, 1, fl_snode(w, "P", q)) < 0)
            return -1;
        fl_frame_leave(w, column);
    }
    fl_frame_leave(w, panel);
    return height;
}

/* Placed once a document for each place and type scale (fl_replay). */
double part_definitions(fl_writer *w, int page, double x, double width, double top, double gutter,
                        const lp_block *defs, size_t n, int parent, bool place)
{
    if (!place || n == 0) return definitions_at(w, page, x, width, top, gutter, defs, n, parent, place);
    fl_key k;
    fl_key_init(&k, w, "definitions panel placed");
    fl_key_num(&k, page), fl_key_num(&k, x), fl_key_num(&k, width), fl_key_num(&k, top);
    fl_key_num(&k, gutter), fl_key_ptr(&k, defs), fl_key_num(&k, (double)n), fl_key_num(&k, parent);
    fl_key_ptr(&k, w->body_style);
    double h;
    if (fl_replay(w, &k, &h)) return h;
    fl_mark m;
    fl_mark_begin(w, &m);
    h = definitions_at(w, page, x, width, top, gutter, defs, n, parent, place);
    if (h >= 0) fl_record(w, &k, &m, h);
    return h;
}

/* ------------------------------------------------------------ contacts strip */

/* Cell widths: the layout's ratios of the room, except that no cell is
 * narrower than the number it must print unbroken (the others give up
 * room, in their ratios).  false when the numbers alone need more room
 * than there is. */
static bool cell_widths(lp_arena *a, const double *ratio, const double *need, size_t n, double avail, double *out)
{
    bool *fixed = arena_alloc(a, (n ? n : 1) * sizeof *fixed);
    memset(fixed, 0, (n ? n : 1) * sizeof *fixed);
    for (size_t round = 0; round <= n; round++) {
        double rest = avail, sum = 0;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i]) rest -= need[i];
            else sum += ratio[i];
        }
        if (rest < -EPS) return false;
        bool changed = false;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i]) {
                out[i] = need[i];
                continue;
            }
            out[i] = sum > 0 ? rest * ratio[i] / sum : 0;
            if (out[i] < need[i]) fixed[i] = changed = true;
        }
        if (!changed) return true;
    }
    return false;
}

/* The key-contacts strip measured: its spec's values, its cells' widths
 * and heights. */
typedef struct strip_plan {
    double rule, pad, divider, label_gap, name_h, ch, height;
    lp_color bg, rule_c, div_c, icon_c;
    const char *label, *icon;
    const lp_style *lab;
    int nl;
    part_contact_line lines[PART_CONTACT_MAX_LINES];
    double cw[]; /* [n] */
} strip_plan;

static strip_plan *strip_measure(fl_writer *w, double width, const lp_keyref *keys, size_t n)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    strip_plan *p = arena_alloc(a, sizeof *p + n * sizeof *p->cw);
    if (!spec_len(sp, "contacts.rule", &p->rule, d) || !spec_len(sp, "contacts.padding", &p->pad, d) ||
        !spec_len(sp, "contacts.divider", &p->divider, d) || !spec_len(sp, "contacts.label-gap", &p->label_gap, d) ||
        !spec_color(sp, "contacts.background", &p->bg, d) || !spec_color(sp, "contacts.rule-color", &p->rule_c, d) ||
        !spec_color(sp, "contacts.divider-color", &p->div_c, d) ||
        !spec_color(sp, "contacts.icon-color", &p->icon_c, d) || !spec_str(sp, "contacts.label", &p->label, d) ||
        !spec_str(sp, "contacts.icon", &p->icon, d))
        return NULL;
    const lp_style *lab = fl_fixed_style(w, spec_str_or(sp, "contacts.label-style", "contacts-label", d));
    const lp_style *num_st = fl_fixed_style(w, "contact-number"); /* part_contact_entry's number */
    if (!lab || !num_st) return NULL;
    p->lab = lab;
    part_contact_line *lines = p->lines;
    int nl = part_contact_lines(w, "contacts.lines", "short-name number note-warning", lines);
    if (nl < 0) return NULL;
    p->nl = nl;
    const yt_node *ratios = spec_node(sp, "contacts.ratios");
    double *ratio = arena_alloc(a, n * sizeof *ratio);
    double *need = arena_alloc(a, n * sizeof *need);
    double *cw = p->cw;
    for (size_t i = 0; i < n; i++) {
        ratio[i] = 1;
        if (ratios && ratios->kind == YT_SEQ && i < ratios->n && ratios->vals[i]->kind == YT_SCALAR)
            ratio[i] = atof(ratios->vals[i]->scalar);
        if (ratio[i] <= 0) ratio[i] = 1;
        const char *number = keys[i].rec->reach_short; /* every key resolved: markdown.c refuses unknown ones */
        need[i] = number ? fonts_width(w->ctx->fonts, num_st->face[0], number, strlen(number), num_st->size,
                                       num_st->tracking * num_st->size)
                         : 0;
    }
    double inner = width - 2 * p->pad;
    double cell_gap = 2 * p->pad;
    double avail = inner - cell_gap * (double)(n - 1);
    if (!cell_widths(a, ratio, need, n, avail, cw)) {
        /* How many of the first contacts would fit, each at its number's width. */
        size_t fit = 0;
        double used = 0;
        while (fit < n && used + need[fit] + (fit ? cell_gap : 0) <= inner + EPS)
            used += need[fit] + (fit ? cell_gap : 0), fit++;
        diag_error(d, w->ctx->doc->path, keys[0].line, keys[0].col,
                   "list fewer in contacts:, and the rest in a ```contacts block in the text",
                   "the key-contacts strip has room for %zu of these %zu contacts", fit, n);
        return NULL;
    }
    /* Every number of the strip on one baseline: what follows each name
     * starts under the tallest name. */
    double name_h = 0, ch = 0;
    for (size_t i = 0; i < n; i++) {
        double nh;
        if (part_contact_entry(w, 0, 0, 0, cw[i], keys[i].rec, &keys[i], lines, (size_t)nl, -1, false, 0, &nh) < 0)
            return NULL;
        if (nh > name_h) name_h = nh;
    }
    for (size_t i = 0; i < n; i++) {
        double h = part_contact_entry(w, 0, 0, 0, cw[i], keys[i].rec, &keys[i], lines, (size_t)nl, -1, false,
                                      name_h, NULL);
        if (h < 0) return NULL;
        if (h > ch) ch = h;
    }
    p->name_h = name_h;
    p->ch = ch;
    p->height = p->rule + p->pad + lab->leading + p->label_gap + ch + p->pad;
    return p;
}

/* Measured once a document for each width (strip_measure): a format lays
 * the strip out on every pass, measuring it and placing it. */
static double contacts_strip_at(fl_writer *w, int page, double x, double width, double bottom, const lp_keyref *keys,
                           size_t n, int parent, bool place)
{
    if (n == 0) return 0;
    fl_key fk;
    fl_key_init(&fk, w, "key-contacts strip");
    fl_key_ptr(&fk, keys);
    fl_key_num(&fk, (double)n);
    fl_key_num(&fk, width);
    size_t size = sizeof(strip_plan) + n * sizeof(double);
    const strip_plan *p = fl_recall(w, &fk, size);
    if (!p) {
        strip_plan *fresh = strip_measure(w, width, keys, n);
        if (!fresh) return -1;
        fl_keep(w, &fk, fresh, size);
        p = fresh;
    }
    double height = p->height, pad = p->pad, ch = p->ch;
    if (!place) return height;
    const lp_style *lab = p->lab;
    double inner = width - 2 * pad;
    double cell_gap = 2 * pad;
    double top = bottom - height;
    int outer = fl_frame_enter(w, page, x, top, width, height, "key-contacts strip", keys[0].line, keys[0].col);
    fl_rect(w, page, x, top, width, height, p->bg, 0, -1);
    fl_rect(w, page, x, top, width, p->rule, p->rule_c, 0, -1);
    int sec = fl_snode(w, "Sect", parent);
    double y = top + p->rule + pad;
    double icon_size = lab->size * 1.3;
    if (!fl_icon(w, page, p->icon, x + pad + icon_size / 2, y + lab->leading / 2, icon_size, p->icon_c, -1,
                 spec_layout_path(w->ctx->spec), 0, 0))
        return -1;
    if (fl_plain_at(w, page, x + pad + icon_size + pad / 2, y, inner, lab, p->label, fl_snode(w, "H2", sec)) < 0)
        return -1;
    y += lab->leading + p->label_gap;
    double cx = x + pad;
    int list = fl_list_snode(w, sec);
    for (size_t i = 0; i < n; i++) {
        int cell = fl_frame_enter(w, page, cx, y, p->cw[i], ch, "key-contacts cell", keys[i].line, keys[i].col);
        if (part_contact_entry(w, page, cx, y, p->cw[i], keys[i].rec, &keys[i], p->lines, (size_t)p->nl, list, true,
                               p->name_h, NULL) < 0)
            return -1;
        fl_frame_leave(w, cell);
        cx += p->cw[i] + cell_gap;
        if (i + 1 < n) fl_line(w, page, cx - cell_gap / 2, y, 0, ch, p->div_c, p->divider);
    }
    fl_frame_leave(w, outer);
    return height;
}

/* Placed once a document for each place (fl_replay). */
double part_contacts_strip(fl_writer *w, int page, double x, double width, double bottom, const lp_keyref *keys,
                           size_t n, int parent, bool place)
{
    if (!place || n == 0) return contacts_strip_at(w, page, x, width, bottom, keys, n, parent, place);
    fl_key k;
    fl_key_init(&k, w, "key-contacts strip placed");
    fl_key_num(&k, page), fl_key_num(&k, x), fl_key_num(&k, width), fl_key_num(&k, bottom);
    fl_key_ptr(&k, keys), fl_key_num(&k, (double)n), fl_key_num(&k, parent);
    double h;
    if (fl_replay(w, &k, &h)) return h;
    fl_mark m;
    fl_mark_begin(w, &m);
    h = contacts_strip_at(w, page, x, width, bottom, keys, n, parent, place);
    if (h >= 0) fl_record(w, &k, &m, h);
    return h;
}

/* Nothing else on the strip's page may reach into the key-contacts
 * strip: the layout above makes room for it, and this says where it did
 * not (an error at the contacts: line, never a strip printed over text). */
int part_strip_clear(const fl_writer *w, const lp_doc *doc)
{
    const lp_pages *pg = w->pg;
    const lp_frame *strip = NULL;
    int id = 0;
    for (size_t i = 0; i < pg->frames.n; i++)
        if (pg->frames.v[i].what && strcmp(pg->frames.v[i].what, "key-contacts strip") == 0)
            strip = &pg->frames.v[i], id = (int)i + 1;
    if (!strip) return 0;
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *bx = &pg->boxes.v[i];
        if (bx->page != strip->page || col_inside_frame(pg, bx->frame, id) || bx->kind == BOX_LINK) continue;
        double top = bx->kind == BOX_TEXT ? bx->y - 0.75 * bx->h : bx->y;
        double foot = bx->kind == BOX_TEXT ? bx->y + 0.2 * bx->h : bx->y + bx->h;
        frame_icon_span(w->ctx->fonts, bx, &top, &foot);
        if (bx->bleed || bx->w <= 0) continue;
        if (foot > strip->y + 0.01 && top < strip->y + strip->h - 0.01 && bx->x < strip->x + strip->w &&
            bx->x + bx->w > strip->x) {
            const lp_meta *m = &doc->meta;
            diag_error(w->ctx->diag, doc->path, m->contacts[0].line, m->contacts[0].col,
                       "shorten the text or the definitions, list fewer contacts, or set sides: 2",
                       "the key-contacts strip overlaps other content by %.1f mm",
                       pt_to_mm(fmin(foot - strip->y, strip->y + strip->h - top)));
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ title band */

static double title_band_at(fl_writer *w, int page, double page_w, double x, double width, int doc)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *dg = w->ctx->diag;
    const lp_doc *d = w->ctx->doc;
    double h, rule, label_top, title_top, pill_h, pill_pad, sf_width, gap, icon_gap;
    lp_color bg, rule_c, pill_c;
    const char *label, *icon, *partnership;
    if (!spec_len(sp, "band.height", &h, dg) || !spec_len(sp, "band.rule", &rule, dg) ||
        !spec_len(sp, "band.label-top", &label_top, dg) || !spec_len(sp, "band.title-top", &title_top, dg) ||
        !spec_len(sp, "band.pill-height", &pill_h, dg) || !spec_len(sp, "band.pill-padding", &pill_pad, dg) ||
        !spec_len(sp, "band.standfirst-width", &sf_width, dg) || !spec_len(sp, "band.gap", &gap, dg) ||
        !spec_len(sp, "band.icon-gap", &icon_gap, dg) || !spec_color(sp, "band.color", &bg, dg) ||
        !spec_color(sp, "band.rule-color", &rule_c, dg) || !spec_color(sp, "band.pill-color", &pill_c, dg) ||
        !spec_str(sp, "band.label", &label, dg) || !spec_str(sp, "band.label-icon", &icon, dg))
        return -1;
    partnership = w->ctx->partnership->name;
    const lp_style *lab = fl_fixed_style(w, spec_str_or(sp, "band.label-style", "band-label", dg));
    const lp_style *part = fl_fixed_style(w, spec_str_or(sp, "band.partnership-style", "partnership", dg));
    const lp_style *title = fl_fixed_style(w, spec_str_or(sp, "band.title-style", "title", dg));
    const lp_style *sf = fl_fixed_style(w, spec_str_or(sp, "band.standfirst-style", "standfirst", dg));
    if (!lab || !part || !title || !sf) return -1;

    lp_box *b = fl_rect(w, page, 0, 0, page_w, h, bg, 0, -1);
    b->bleed = true;
    b = fl_rect(w, page, 0, h, page_w, rule, rule_c, 0, -1);
    b->bleed = true;

    /* The pill: icon + label, sized to its text. */
    char *label_caps = arena_strdup(w->ctx->arena, label);
    if (lab->caps)
        for (char *c = label_caps; *c; c++)
            if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    double tw = fonts_width(w->ctx->fonts, lab->face[0], label_caps, strlen(label_caps), lab->size,
                            lab->tracking * lab->size);
    double icon_size = lab->size * 1.25;
    double pill_w = pill_pad + icon_size + icon_gap + tw + pill_pad;
    fl_rect(w, page, x, label_top, pill_w, pill_h, pill_c, pill_h / 2, -1);
    if (!fl_icon(w, page, icon, x + pill_pad + icon_size / 2, label_top + pill_h / 2, icon_size,
                 lab->color, -1, spec_layout_path(sp), 0, 0))
        return -1;
    double ty = label_top + pill_h / 2 - lab->leading / 2;
    int lsn = fl_snode(w, "P", doc);
    /* The label as written: the style sets it in capitals (and tags it to
     * read as written). */
    if (fl_plain_at(w, page, x + pill_pad + icon_size + icon_gap, ty, tw + 1, lab, label, lsn) < 0)
        return -1;
    /* Partnership name, right-aligned, centred on the pill.  A name that
     * would run up to the pill (an audience's larger type) gives way to
     * the partnership's short name. */
    double avail = width - pill_w;
    double py = label_top + pill_h / 2 - part->leading / 2;
    double lw = w->ctx->partnership->logo ? fl_logo_width(w, part) : 0;
    double pw = fonts_width(w->ctx->fonts, part->face[0], partnership, strlen(partnership), part->size,
                            part->tracking * part->size);
    const char *short_name = w->ctx->partnership->short_name;
    if (pw > avail - lw - pill_pad && short_name && *short_name) {
        partnership = short_name;
        pw = fonts_width(w->ctx->fonts, part->face[0], partnership, strlen(partnership), part->size,
                         part->tracking * part->size);
    }
    if (w->ctx->partnership->logo) {
        /* The partnership's mark just before its right-aligned name. */
        if (fl_logo(w, page, x + width - (pw < avail - lw ? pw : avail - lw) - lw, py, part, -1) < 0)
            return -1;
        avail -= lw;
    }
    if (fl_plain_at(w, page, x + width - avail, py, avail, part, partnership, fl_snode(w, "P", doc)) < 0)
        return -1;

    const lp_meta *m = &d->meta;
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    double th = fl_text_at(w, page, x, title_top, width, title, &tin, 1,
                           fl_snode(w, "H1", doc));
    if (th < 0) return -1;
    double y = title_top + th;
    if (m->subtitle) {
        lp_inline sin = fl_inline_at(m->subtitle, 0, m->subtitle_line, m->subtitle_col);
        double sh = fl_text_at(w, page, x, y + gap, sf_width, sf, &sin, 1, fl_snode(w, "P", doc));
        if (sh < 0) return -1;
        y += gap + sh;
    }
    if (y > h - gap + 0.01) {
        diag_error(dg, d->path, m->title_line, 1,
                   "shorten the title or subtitle: the band holds two lines of title",
                   "the title and subtitle do not fit the title band (%.1f mm over)",
                   pt_to_mm(y - (h - gap)));
        return -1;
    }
    return h + rule;
}

/* Placed once a document for each place and type scale (fl_replay). */
double part_title_band(fl_writer *w, int page, double page_w, double x, double width, int doc)
{
    fl_key k;
    fl_key_init(&k, w, "title band");
    fl_key_num(&k, page), fl_key_num(&k, page_w), fl_key_num(&k, x), fl_key_num(&k, width);
    fl_key_num(&k, doc);
    double h;
    if (fl_replay(w, &k, &h)) return h;
    fl_mark m;
    fl_mark_begin(w, &m);
    h = title_band_at(w, page, page_w, x, width, doc);
    if (h >= 0) fl_record(w, &k, &m, h);
    return h;
}

/* ================================================================ tri-fold */

#define K(name) arena_printf(a, "%s.%s", key, name)

/* ------------------------------------------------------------ emergency bar */

double part_emergency_bar(fl_writer *w, int page, double x, double y, double width, const char *key,
                          const lp_contact_rec *rc, int parent, bool place)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double radius, pad, icon_size, icon_gap;
    lp_color bg, icon_c;
    const char *text, *icon, *tx_name, *num_name;
    if (!spec_len(sp, K("radius"), &radius, d) || !spec_len(sp, K("padding"), &pad, d) ||
        !spec_len(sp, K("icon-size"), &icon_size, d) || !spec_len(sp, K("icon-gap"), &icon_gap, d) ||
        !spec_color(sp, K("background"), &bg, d) || !spec_color(sp, K("icon-color"), &icon_c, d) ||
        !spec_str(sp, K("text"), &text, d) || !spec_str(sp, K("icon"), &icon, d) ||
        !spec_str(sp, K("text-style"), &tx_name, d) || !spec_str(sp, K("number-style"), &num_name, d))
        return -1;
    const lp_style *tx = fl_fixed_style(w, tx_name);
    const lp_style *num = fl_fixed_style(w, num_name);
    if (!tx || !num) return -1;
    double tx_x = x + pad + icon_size + icon_gap, tx_w = width - (tx_x - x) - pad;
    lp_inline tin = fl_inline(text, 0), nin = fl_inline(rc->reach, 0);
    nin.url = rc->reach_url;
    nin.nobreak = true;
    double th = fl_text_height(w, tx_w, tx, &tin, 1), nh = fl_text_height(w, tx_w, num, &nin, 1);
    if (th < 0 || nh < 0) return -1;
    double inner = th + nh > icon_size ? th + nh : icon_size;
    double h = 2 * pad + inner;
    if (!place) return h;
    fl_rect(w, page, x, y, width, h, bg, radius, -1);
    if (!fl_icon(w, page, icon, x + pad + icon_size / 2, y + h / 2, icon_size, icon_c, -1,
                 spec_layout_path(sp), 0, 0))
        return -1;
    int sn = fl_snode(w, "P", parent);
    double ty = y + pad + (inner - th - nh) / 2;
    if (fl_text_at(w, page, tx_x, ty, tx_w, tx, &tin, 1, sn) < 0 ||
        fl_text_at(w, page, tx_x, ty + th, tx_w, num, &nin, 1, sn) < 0)
        return -1;
    return h;
}

/* ------------------------------------------------------------ cover panel */

/* ASCII case-insensitive comparison of n bytes. */
static bool same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/* The text with the space after each word of the list at bind_key made
 * no-break, so that a line never ends on "a" or "the".  NULL on error. */
static const char *bind_words(fl_writer *w, const char *bind_key, const char *text)
{
    const yt_node *nd = spec_node(w->ctx->spec, bind_key);
    if (nd && nd->kind != YT_SEQ) {
        diag_error(w->ctx->diag, spec_layout_path(w->ctx->spec), nd->line, nd->col, "write [a, b, c]",
                   "%s must be a list", bind_key);
        return NULL;
    }
    size_t n = strlen(text);
    char *out = arena_alloc(w->ctx->arena, 2 * n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t wl = strcspn(text + i, " ");
        memcpy(out + o, text + i, wl);
        o += wl;
        bool bound = false;
        for (size_t k = 0; nd && k < nd->n && !bound; k++) {
            const yt_node *v = nd->vals[k];
            bound = v->kind == YT_SCALAR && strlen(v->scalar) == wl && same_ci(v->scalar, text + i, wl);
        }
        i += wl;
        if (i < n && text[i] == ' ') {
            if (bound && i + 1 < n) {
                out[o++] = '\xC2';
                out[o++] = '\xA0';
            } else {
                out[o++] = ' ';
            }
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

int part_cover_panel(fl_writer *w, int page, double x, double top, double width, double bottom,
                     const char *key, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_doc *doc = w->ctx->doc;
    const lp_meta *m = &doc->meta;
    double disc, disc_min, disc_top, icon_size, title_top, gap, rule, foot_gap;
    lp_color disc_c, icon_c, rule_c;
    const char *foot_tmpl, *part_name, *title_name, *sub_name, *foot_name;
    if (!spec_str(sp, K("partnership-style"), &part_name, d) || !spec_str(sp, K("title-style"), &title_name, d) ||
        !spec_str(sp, K("subtitle-style"), &sub_name, d) || !spec_str(sp, K("foot-style"), &foot_name, d) ||
        !spec_len(sp, K("disc"), &disc, d) || !spec_len(sp, K("disc-top"), &disc_top, d) ||
        !spec_len(sp, K("disc-min"), &disc_min, d) ||
        !spec_len(sp, K("icon-size"), &icon_size, d) || !spec_len(sp, K("title-top"), &title_top, d) ||
        !spec_len(sp, K("gap"), &gap, d) || !spec_len(sp, K("rule"), &rule, d) ||
        !spec_len(sp, K("foot-gap"), &foot_gap, d) || !spec_color(sp, K("disc-color"), &disc_c, d) ||
        !spec_color(sp, K("icon-color"), &icon_c, d) || !spec_color(sp, K("rule-color"), &rule_c, d) ||
        !spec_str(sp, K("foot"), &foot_tmpl, d))
        return -1;
    const lp_style *part = fl_fixed_style(w, part_name), *title = fl_fixed_style(w, title_name);
    const lp_style *sub = fl_fixed_style(w, sub_name), *foot_st = fl_fixed_style(w, foot_name);
    if (!part || !title || !sub || !foot_st) return -1;
    int sect = fl_snode(w, "Sect", parent);

    double ph = part_partnership_even(w, page, x, top, width, part, sect);
    if (ph < 0) return -1;
    double part_bottom = top + ph;

    /* The title, broken by sense: not balanced, as an even break can split
     * a phrase ("Worried / about a child?"). */
    const char *bound = bind_words(w, K("bind"), m->title);
    if (!bound) return -1;
    lp_inline tin = fl_inline(bound, 0);
    tin.line = m->title_line;
    tin.col = 1;
    bool err = false;
    const char *foot = part_fill(w, K("foot"), foot_tmpl, &err);
    if (err) return -1;
    lp_inline fin = fl_inline(foot ? foot : "", 0);
    double fh = foot ? fl_text_height(w, width, foot_st, &fin, 1) : 0;
    if (fh < 0) return -1;
    double limit = foot ? bottom - fh - foot_gap - gap : bottom;
    /* A title and subtitle that need more room than lies under title-top
     * rise into the picture's, the disc shrinking with them down to
     * disc-min (large type: a young people's three-line title). */
    if (m->cover && disc_min > 0 && disc_min < disc) {
        lp_inline sin = fl_inline(m->subtitle ? m->subtitle : "", 0);
        double need = fl_text_height(w, width, title, &tin, 1);
        double sh = m->subtitle ? fl_text_height(w, part_balanced_width(w, sub, &sin, 1, width), sub, &sin, 1) : 0;
        if (need < 0 || sh < 0) return -1;
        need += m->subtitle ? gap + sh : 0;
        double over = title_top + need - limit;
        if (over > EPS) {
            double rise = over < disc - disc_min ? over : disc - disc_min;
            icon_size *= (disc - rise) / disc;
            disc -= rise;
            title_top -= rise;
        }
    }
    double th = fl_text_at(w, page, x, title_top, width, title, &tin, 1, fl_snode(w, "H1", sect));
    if (th < 0) return -1;
    double y = title_top + th;

    /* The picture: after the title in reading order, above it on the page. */
    if (m->cover) {
        if (disc_top < part_bottom - EPS || disc_top + disc > title_top + EPS) {
            diag_error(d, spec_layout_path(sp), 0, 0,
                       arena_printf(a, "%s.disc-top and %s.disc must leave room for the partnership name "
                                       "and the title", key, key),
                       "the cover picture overlaps the text");
            return -1;
        }
        fl_rect(w, page, x, disc_top, disc, disc, disc_c, disc / 2, -1);
        int fig = fl_snode(w, "Figure", sect);
        const char *alt = m->picture_alt ? m->picture_alt : "";
        w->pg->snodes.v[fig].alt = alt;
        lp_box *b = fl_picture(w, page, m->cover, x + (disc - icon_size) / 2,
                               disc_top + (disc - icon_size) / 2, icon_size, icon_size, icon_c, fig);
        if (!b) return -1;
        b->alt = alt;
    }
    if (m->subtitle) {
        lp_inline sin = fl_inline_at(m->subtitle, 0, m->subtitle_line, m->subtitle_col);
        double sh = fl_text_at(w, page, x, y + gap, part_balanced_width(w, sub, &sin, 1, width), sub, &sin,
                               1, fl_snode(w, "P", sect));
        if (sh < 0) return -1;
        y += gap + sh;
    }

    /* The foot: a rule, then a line saying who the leaflet is for. */
    if (foot) {
        double rule_y = bottom - fh - foot_gap;
        fl_line(w, page, x, rule_y, width, 0, rule_c, rule);
        if (fl_text_at(w, page, x, rule_y + foot_gap, part_balanced_width(w, foot_st, &fin, 1, width), foot_st,
                       &fin, 1, fl_snode(w, "P", sect)) < 0)
            return -1;
    }
    if (y > limit + EPS) {
        diag_error(d, doc->path, m->title_line, 1, "shorten the title or the subtitle",
                   "the cover's title and subtitle do not fit (%.1f mm over)", pt_to_mm(y - limit));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ back panel */

int part_back_panel(fl_writer *w, int page, double x, double top, double width, double bottom,
                    const char *key, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_doc *doc = w->ctx->doc;
    const lp_meta *m = &doc->meta;
    double contact_gap, bar_gap;
    const char *heading, *em_key, *hs_name;
    if (!spec_len(sp, K("contact-gap"), &contact_gap, d) || !spec_len(sp, K("emergency.gap"), &bar_gap, d) ||
        !spec_str(sp, K("heading"), &heading, d) || !spec_str(sp, K("emergency.contact"), &em_key, d) ||
        !spec_str(sp, K("heading-style"), &hs_name, d))
        return -1;
    const lp_style *hs = fl_fixed_style(w, hs_name);
    if (!hs) return -1;
    part_contact_line lines[PART_CONTACT_MAX_LINES];
    int nlines = part_contact_lines(w, K("contact-lines"), "name note number hours", lines);
    if (nlines < 0) return -1;
    const char *bar_key = K("emergency"), *qr_key = K("qr");

    const lp_contacts *table = w->ctx->contacts;
    const char *table_path = table && table->path ? table->path : "content/contacts.yaml";
    const lp_contact *em_ct = contacts_find(table, em_key);
    if (!em_ct) {
        const yt_node *nd = spec_node(sp, K("emergency.contact"));
        diag_error(d, spec_layout_path(sp), nd ? nd->line : 0, nd ? nd->col : 0,
                   arena_printf(a, "name a contact of %s", table_path), "unknown emergency contact '%s'", em_key);
        return -1;
    }
    const lp_contact_rec *em = resolve_contact(a, em_ct, m->audience);
    const lp_contact_rec **cts = arena_alloc(a, (m->ncontacts + 1) * sizeof *cts);
    const lp_keyref **refs = arena_alloc(a, (m->ncontacts + 1) * sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < m->ncontacts; i++) {
        const lp_contact_rec *rc = m->contacts[i].rec; /* markdown.c refuses unknown keys */
        if (rc->ct != em_ct) { /* the emergency number has its own bar */
            refs[n] = &m->contacts[i];
            cts[n++] = rc;
        }
    }

    /* The directory from the top; the bar and the QR block from the foot. */
    lp_inline hin = fl_inline(heading, 0);
    double y = top;
    double hh = fl_text_height(w, width, hs, &hin, 1);
    if (hh < 0) return -1;
    double *ch = arena_alloc(a, (n + 1) * sizeof *ch);
    double dir_h = hh + hs->space_after;
    for (size_t i = 0; i < n; i++) {
        ch[i] = part_contact_entry(w, page, x, 0, width, cts[i], refs[i], lines, (size_t)nlines, -1, false, 0, NULL);
        if (ch[i] < 0) return -1;
        dir_h += ch[i] + (i + 1 < n ? contact_gap : 0);
    }
    static const part_scale whole = {1, 1, 0, 0};
    const lp_partnership *pa = w->ctx->partnership;
    const char *pname = pa->name;
    double bh = part_emergency_bar(w, page, x, 0, width, bar_key, em, -1, false);
    double qh = qr_block(w, page, x, width, bottom, qr_key, &whole, pname, -1, false);
    if (qh < 0 || bh < 0) return -1;
    /* A long partnership name takes lines of the QR block, and so room
     * from the contacts: then the short name stands for it. */
    bool has_short = pa->short_name && *pa->short_name && strcmp(pa->short_name, pa->name) != 0;
    if (y + dir_h > bottom - qh - bh - 2 * bar_gap + EPS && has_short) {
        double qs = qr_block(w, page, x, width, bottom, qr_key, &whole, pa->short_name, -1, false);
        if (qs < 0) return -1;
        if (qs < qh - EPS) {
            pname = pa->short_name;
            qh = qs;
        }
    }
    double bar_top = bottom - qh - bar_gap - bh, room = bar_top - bar_gap - y;
    if (dir_h > room + EPS) {
        size_t fit = 0; /* how many of them the panel holds */
        for (double used = hh + hs->space_after; fit < n && used + ch[fit] <= room + EPS; fit++)
            used += ch[fit] + contact_gap;
        /* Without the name, would they fit?  Then the name is what is too long. */
        double q0 = qr_block(w, page, x, width, bottom, qr_key, &whole, NULL, -1, false);
        if (q0 < 0) return -1;
        if (q0 < qh - EPS && dir_h <= room + (qh - q0) + EPS) {
            const yt_node *at = yt_get(pa->root, pname == pa->name ? "name" : "short-name");
            diag_error(d, pa->path, at ? at->line : 0, at ? at->col : 0,
                       has_short ? "give the partnership a shorter short-name:, which the back panel prints "
                                   "where the full name leaves no room"
                                 : "give the partnership a short-name:, which the back panel prints where the "
                                   "full name leaves no room",
                       "the partnership's %s takes %.1f mm of the tri-fold's back panel, and leaves room for %zu of "
                       "its %zu contacts: %.1f mm over",
                       pname == pa->name ? "name" : "short name", pt_to_mm(qh - q0), fit, n,
                       pt_to_mm(dir_h - room));
            return -1;
        }
        diag_error(d, doc->path, m->ncontacts ? m->contacts[0].line : m->title_line,
                   m->ncontacts ? m->contacts[0].col : 1,
                   arena_printf(a, "list fewer contacts, or shorten their notes and hours in %s", table_path),
                   "the back panel has room for %zu of these %zu contacts: %.1f mm over (they "
                   "take %.1f mm, the panel has %.1f mm above the emergency bar)",
                   fit, n, pt_to_mm(dir_h - room), pt_to_mm(dir_h), pt_to_mm(room));
        return -1;
    }

    /* The panel's text area holds the directory above the emergency bar,
     * the bar, and the QR block at the foot, each in a frame of its own. */
    int back_frame = fl_frame_enter(w, page, x, top, width, bottom - top, "back panel",
                                    m->ncontacts ? m->contacts[0].line : m->title_line,
                                    m->ncontacts ? m->contacts[0].col : 1);
    int sect = fl_snode(w, "Sect", parent);
    if (fl_text_at(w, page, x, y, width, hs, &hin, 1, fl_snode(w, "H2", sect)) < 0) return -1;
    y += hh + hs->space_after;
    int list = fl_list_snode(w, sect);
    for (size_t i = 0; i < n; i++) {
        int entry = fl_frame_enter(w, page, x, y, width, ch[i], "contact entry", refs[i]->line, refs[i]->col);
        if (part_contact_entry(w, page, x, y, width, cts[i], refs[i], lines, (size_t)nlines, list, true, 0,
                               NULL) < 0)
            return -1;
        fl_frame_leave(w, entry);
        y += ch[i] + contact_gap;
    }
    int bar = fl_frame_enter(w, page, x, bar_top, width, bh, "emergency bar", 0, 0);
    if (part_emergency_bar(w, page, x, bar_top, width, bar_key, em, sect, true) < 0) return -1;
    fl_frame_leave(w, bar);
    if (qr_block(w, page, x, width, bottom, qr_key, &whole, pname, sect, true) < 0) return -1;
    fl_frame_leave(w, back_frame);
    return 0;
}

/* ------------------------------------------------------------ panel icon */

/* The picture of a paragraph that holds nothing but one icon (or picture):
 * the inline, or NULL. */
static const lp_inline *lone_picture(const lp_block *b)
{
    if (b->kind != BLK_PARA) return NULL;
    const lp_inline *pic = NULL;
    for (size_t i = 0; i < b->nin; i++) {
        const lp_inline *in = &b->in[i];
        if (in->kind == IN_IMAGE && !pic) pic = in;
        else if (in->kind == IN_SOFTBREAK || in->kind == IN_LINEBREAK) continue;
        else if (in->kind == IN_TEXT && strspn(in->text, " \t") == strlen(in->text)) continue;
        else return NULL;
    }
    return pic;
}

int part_panel_icon(fl_writer *w, const char *key, const lp_block *b, size_t n, int parent)
{
    const lp_inline *pic = n ? lone_picture(&b[0]) : NULL;
    if (!pic) return 0;
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    double disc, size, gap;
    lp_color disc_c, icon_c;
    if (!spec_len(sp, K("disc"), &disc, d) || !spec_len(sp, K("size"), &size, d) || !spec_len(sp, K("gap"), &gap, d) ||
        !spec_color(sp, K("disc-color"), &disc_c, d) || !spec_color(sp, K("color"), &icon_c, d))
        return -1;
    const fl_frame *f = fl_frame_cur(w);
    double x = f->x, y = f->y + w->y;
    fl_rect(w, f->page, x, y, disc, disc, disc_c, disc / 2, -1);
    const char *alt = pic->text ? pic->text : "";
    const lp_block *head = n > 1 && b[1].kind == BLK_HEADING ? &b[1] : NULL;
    int fig = head && fl_says_same(alt, head->in, head->nin) ? -1 : fl_snode(w, "Figure", parent);
    if (fig >= 0) w->pg->snodes.v[fig].alt = alt;
    lp_box *bx = fl_picture(w, f->page, pic->pic, x + (disc - size) / 2, y + (disc - size) / 2, size, size, icon_c,
                            fig);
    if (!bx) return -1;
    bx->alt = alt;
    /* The heading's own space above is dropped at the top of a frame: the
     * gap below the disc replaces it. */
    w->y += disc + gap;
    w->at_top = true;
    return 1;
}
