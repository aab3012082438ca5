/* parts.c — layout parts shared by the formats and packs (see parts.h). */
#include "parts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01

/* ------------------------------------------------------------ partnership */

double part_partnership(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                        int parent)
{
    double lw = fl_logo(w, page, x, y, st, -1); /* a mark beside the name it stands for */
    if (lw < 0) return -1;
    return fl_plain_at(w, page, x + lw, y, width - lw, st, w->ctx->partnership->name,
                       parent >= 0 ? fl_snode(w, "P", parent) : -1);
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
    if (part_partnership(w, page, x, part_top, width, part, parent) < 0 ||
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

/* ------------------------------------------------------------ back cover */

/* A copy of `s` with its spaces made no-break: set whole. */
static const char *unbroken(lp_arena *a, const char *s)
{
    size_t n = 0;
    for (const char *c = s; *c; c++) n += *c == ' ' ? 2 : 1;
    char *t = arena_alloc(a, n + 1), *p = t;
    for (const char *c = s; *c; c++)
        if (*c == ' ') {
            memcpy(p, "\u00a0", 2);
            p += 2;
        } else {
            *p++ = *c;
        }
    *p = 0;
    return t;
}

int part_back_cover(fl_writer *w, int page, double page_w, double page_h, double x, double width,
                    double bottom, int parent)
{
    const lp_spec *sp = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    lp_arena *a = w->ctx->arena;
    const lp_doc *doc = w->ctx->doc;
    const lp_meta *m = &doc->meta;
    double band, rule, pad, qr, plate_pad, gap, label_gap, ppad, prule;
    lp_color bg, rule_c, qr_c, plate_c, panel_c, prule_c;
    const char *prompt, *label;
    if (!spec_len(sp, "back.band", &band, d) || !spec_len(sp, "cover.rule", &rule, d) ||
        !spec_len(sp, "cover.partnership-top", &pad, d) || !spec_len(sp, "back.qr", &qr, d) ||
        !spec_len(sp, "back.plate-padding", &plate_pad, d) || !spec_len(sp, "back.gap", &gap, d) ||
        !spec_len(sp, "back.label-gap", &label_gap, d) || !spec_len(sp, "back.panel-padding", &ppad, d) ||
        !spec_len(sp, "back.panel-rule", &prule, d) || !spec_color(sp, "back.panel-color", &panel_c, d) ||
        !spec_color(sp, "back.panel-rule-color", &prule_c, d) || !spec_color(sp, "cover.color", &bg, d) ||
        !spec_color(sp, "cover.rule-color", &rule_c, d) || !spec_color(sp, "back.qr-color", &qr_c, d) ||
        !spec_color(sp, "back.plate-color", &plate_c, d) || !spec_str(sp, "back.prompt", &prompt, d) ||
        !spec_str(sp, "back.label", &label, d))
        return -1;
    const lp_style *part = fl_fixed_style(w, "booklet-partnership");
    const lp_style *ts = fl_fixed_style(w, "back-title");
    const lp_style *tx = fl_fixed_style(w, "back-text");
    const lp_style *ls = fl_fixed_style(w, "back-label");
    if (!part || !ts || !tx || !ls) return -1;
    double measure = width;
    double inner = measure - 2 * ppad;
    int sec = fl_snode(w, "Sect", parent);

    /* The band's foot: the prompt and the dates, bottom-aligned with the QR
     * plate on the right. */
    double plate = qr + 2 * plate_pad;
    double tw = m->source ? measure - plate - gap : measure;
    lp_inline l1[3];
    size_t n1 = m->source ? fl_fill_link(a, prompt, "host", fl_url_domain(a, m->source),
                                         m->source, l1)
                          : 0;
    /* "Version 1.0 · Reviewed November 2026 · Review by November 2027":
     * each item whole (no-break spaces), a wrap only after a dot. */
    const char *items[3] = {
        m->version ? arena_printf(a, "Version %s", m->version) : NULL,
        m->reviewed ? arena_printf(a, "Reviewed %s", fl_month_year(a, m->reviewed)) : NULL,
        m->review_by ? arena_printf(a, "Review by %s", fl_month_year(a, m->review_by)) : NULL};
    const char *dates = "";
    for (size_t i = 0; i < 3; i++)
        if (items[i])
            dates = *dates ? arena_printf(a, "%s\u00a0\u00b7 %s", dates, unbroken(a, items[i]))
                           : unbroken(a, items[i]);
    lp_inline l2 = fl_inline(dates, 0);
    double h1 = n1 ? fl_text_height(w, tw, tx, l1, n1) : 0;
    double h2 = *dates ? fl_text_height(w, tw, tx, &l2, 1) : 0;
    if (h1 < 0 || h2 < 0) return -1;
    double foot = h1 + (h1 > 0 && h2 > 0 ? tx->space_after + tx->leading / 2 : 0) + h2;
    if (m->source && plate > foot) foot = plate;

    /* The band's head: the partnership and the title. */
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    lp_inline pin = fl_inline(w->ctx->partnership->name, 0);
    double hp = fl_text_height(w, measure, part, &pin, 1);
    double ht = fl_text_height(w, measure, ts, &tin, 1);
    if (hp < 0 || ht < 0) return -1;
    /* Below the rule: the cover's padding, or only `gap` when the contacts
     * need the room. */
    double head = pad + hp + gap + ht + gap, head_min = gap + hp + gap + ht + gap;

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
    /* The band is as deep as the layout asks, but gives way to contacts
     * down to the depth its own lines need. */
    double lowest = bottom - foot - head_min - rule;
    double band_top = m->ncontacts ? page_h - band : 0;
    if (band_top > bottom - foot - head - rule) band_top = bottom - foot - head - rule;
    /* No running header here: the panel starts where the cover's
     * partnership line does. */
    double top = pad;
    double contacts_top = top + prule + ppad + ls->leading + label_gap;
    if (ch > 0 && contacts_top + ch + ppad + gap > band_top)
        band_top = contacts_top + ch + ppad + gap;
    if (ch > 0 && band_top > lowest + EPS) {
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
    if (fl_plain_at(w, page, x, y, measure, part, w->ctx->partnership->name,
                    fl_snode(w, "P", sec)) < 0 ||
        fl_text_at(w, page, x, y + hp + gap, measure, ts, &tin, 1, fl_snode(w, "P", sec)) < 0)
        return -1;
    int sn = fl_snode(w, "P", sec);
    if (h2 > 0 && fl_text_at(w, page, x, bottom - h2, tw, tx, &l2, 1, sn) < 0) return -1;
    if (m->source) {
        double ty = bottom - h2 - (h2 > 0 ? tx->space_after + tx->leading / 2 : 0) - h1;
        if (fl_text_at(w, page, x, ty, tw, tx, l1, n1, sn) < 0) return -1;
        /* Dark on light, never reversed: the code stands on a white plate. */
        fl_rect(w, page, x + measure - plate, bottom - plate, plate, plate, plate_c, plate_pad,
                -1);
        fl_qr(w, page, x + measure - plate + plate_pad, bottom - plate + plate_pad, qr, qr_c,
              m->source, sec);
    }
    return 0;
}
