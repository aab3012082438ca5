/* format_booklet.c — the booklet: A5 pages for saddle stitching.  A cover,
 * a contents page listing each `##` chapter with its page, the body flowed
 * one column a page, a running header and page numbers on every page but
 * the cover, and the page count padded to a multiple of 4 before a designed
 * outside back cover (key contacts, the partnership, the QR code, version
 * and review dates, in the cover's colours).  The contents are laid
 * out twice: the first pass finds the chapters' pages, the second writes
 * them.  Every measurement comes from layouts/booklet.yaml. */
#include "formats.h"
#include "parts.h"

#include <math.h>
#include <string.h>

/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01
/* A layout may not ask for more pages than this. */
#define MAX_PAGES_LIMIT 512

typedef struct booklet {
    fl_writer *w;
    const lp_spec *spec;
    lp_diag *d;
    const lp_doc *doc;
    lp_arena *a;
    double W, H, ml, mr, mt, mb;
    int max_pages;
    /* Chapters (## headings) and the page each starts on (0-based). */
    const lp_block **chapters;
    size_t nchapters;
    int *chapter_page;
    /* The contents' link box for each chapter (an index into the boxes, or
     * -1), pointed at the chapter's heading once the body is laid out. */
    size_t *toc_link;
} booklet;

static bool len(booklet *B, const char *key, double *v) { return spec_len(B->spec, key, v, B->d); }
static bool col(booklet *B, const char *key, lp_color *c) { return spec_color(B->spec, key, c, B->d); }
static bool str(booklet *B, const char *key, const char **s) { return spec_str(B->spec, key, s, B->d); }

/* A heading's plain text (its inlines' text joined). */
static const char *plain(lp_arena *a, const lp_block *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nin; i++)
        if (b->in[i].kind == IN_TEXT) n += strlen(b->in[i].text);
        else if (b->in[i].kind == IN_SOFTBREAK || b->in[i].kind == IN_LINEBREAK) n++;
    char *s = arena_alloc(a, n + 1), *p = s;
    for (size_t i = 0; i < b->nin; i++) {
        if (b->in[i].kind == IN_TEXT) {
            size_t k = strlen(b->in[i].text);
            memcpy(p, b->in[i].text, k);
            p += k;
        } else if (b->in[i].kind == IN_SOFTBREAK || b->in[i].kind == IN_LINEBREAK) {
            *p++ = ' ';
        }
    }
    *p = 0;
    return s;
}

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

/* ------------------------------------------------------------ cover */

static int cover(booklet *B, int doc)
{
    fl_writer *w = B->w;
    const lp_meta *m = &B->doc->meta;
    double sum_gap;
    if (!len(B, "cover.summary-gap", &sum_gap)) return -1;
    const lp_style *sum = fl_fixed_style(w, "booklet-summary");
    if (!sum) return -1;
    double measure = B->W - B->ml - B->mr;
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    double foot = part_cover_band(w, 0, B->W, B->ml, measure, &tin, m->subtitle, doc);
    if (foot < 0) return -1;
    if (m->summary) {
        lp_inline s = fl_inline(m->summary, 0);
        if (fl_text_at(w, 0, B->ml, foot + sum_gap, measure, sum, &s, 1, fl_snode(w, "P", doc)) < 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ contents */

/* Sets the contents from page `page`; returns the pages it used, or -1. */
static int contents(booklet *B, int page, int doc)
{
    part_toc_entry *e = arena_alloc(B->a, (B->nchapters + 1) * sizeof *e);
    for (size_t i = 0; i < B->nchapters; i++) {
        const lp_block *h = B->chapters[i];
        lp_inline *in = arena_alloc(B->a, sizeof *in);
        *in = fl_inline(plain(B->a, h), 0);
        in->line = h->line;
        in->col = h->col;
        e[i] = (part_toc_entry){in, 1, in->text, B->chapter_page[i]};
    }
    return part_contents(B->w, page, B->ml, B->mt, B->W - B->ml - B->mr, B->mt, B->H - B->mb,
                         B->max_pages, e, B->nchapters, doc, B->toc_link, NULL);
}

/* ------------------------------------------------------------ furniture */

static int furniture(booklet *B, int page, int total)
{
    fl_writer *w = B->w;
    double top, rule_gap, rule, ftop;
    lp_color rule_c;
    const char *label;
    if (!len(B, "header.top", &top) || !len(B, "header.rule-gap", &rule_gap) ||
        !len(B, "header.rule", &rule) || !col(B, "header.rule-color", &rule_c) ||
        !len(B, "footer.top", &ftop) || !str(B, "footer.label", &label))
        return -1;
    const lp_style *hs = fl_fixed_style(w, "booklet-header");
    const lp_style *ps = fl_fixed_style(w, "booklet-page");
    if (!hs || !ps) return -1;
    double measure = B->W - B->ml - B->mr;
    /* Pagination is an artifact: no structure node. */
    if (fl_plain_at(w, page, B->ml, top, measure, hs, B->doc->meta.title, -1) < 0) return -1;
    fl_line(w, page, B->ml, top + hs->leading + rule_gap, measure, 0, rule_c, rule);
    /* Numbers on the outer edge: right on odd pages (rectos), left on even. */
    lp_style st = *ps;
    st.align = (page + 1) % 2 ? ALIGN_RIGHT : ALIGN_LEFT;
    const char *text = fl_page_label(B->a, label, page + 1, total);
    if (fl_plain_at(w, page, B->ml, ftop, measure, &st, text, -1) < 0) return -1;
    return 0;
}

/* The outside back cover, on the last page: the front matter's key
 * contacts on white under a "Key contacts" label, and at the foot the
 * cover's navy band (its teal rule on top) holding the partnership, the
 * title, the QR code on a white plate with its prompt, and the version and
 * review dates.  Without contacts the band fills the page.  No running
 * header or folio.  Returns 0, or -1 when the contacts do not fit. */
static int back_cover(booklet *B, int page, int doc)
{
    fl_writer *w = B->w;
    const lp_meta *m = &B->doc->meta;
    double band, rule, pad, qr, plate_pad, gap, label_gap, ppad, prule;
    lp_color bg, rule_c, qr_c, plate_c, panel_c, prule_c;
    const char *prompt, *label;
    if (!len(B, "back.band", &band) || !len(B, "cover.rule", &rule) ||
        !len(B, "cover.partnership-top", &pad) || !len(B, "back.qr", &qr) ||
        !len(B, "back.plate-padding", &plate_pad) || !len(B, "back.gap", &gap) ||
        !len(B, "back.label-gap", &label_gap) || !len(B, "back.panel-padding", &ppad) ||
        !len(B, "back.panel-rule", &prule) || !col(B, "back.panel-color", &panel_c) ||
        !col(B, "back.panel-rule-color", &prule_c) || !col(B, "cover.color", &bg) ||
        !col(B, "cover.rule-color", &rule_c) || !col(B, "back.qr-color", &qr_c) ||
        !col(B, "back.plate-color", &plate_c) || !str(B, "back.prompt", &prompt) ||
        !str(B, "back.label", &label))
        return -1;
    const lp_style *part = fl_fixed_style(w, "booklet-partnership");
    const lp_style *ts = fl_fixed_style(w, "back-title");
    const lp_style *tx = fl_fixed_style(w, "back-text");
    const lp_style *ls = fl_fixed_style(w, "back-label");
    if (!part || !ts || !tx || !ls) return -1;
    double measure = B->W - B->ml - B->mr;
    double inner = measure - 2 * ppad;
    double bottom = B->H - B->mb;
    int sec = fl_snode(w, "Sect", doc);

    /* The band's foot: the prompt and the dates, bottom-aligned with the QR
     * plate on the right. */
    double plate = qr + 2 * plate_pad;
    double tw = m->source ? measure - plate - gap : measure;
    lp_inline l1[3];
    size_t n1 = m->source ? fl_fill_link(B->a, prompt, "host", fl_url_domain(B->a, m->source),
                                         m->source, l1)
                          : 0;
    /* "Version 1.0 · Reviewed November 2026 · Review by November 2027":
     * each item whole (no-break spaces), a wrap only after a dot. */
    const char *items[3] = {
        m->version ? arena_printf(B->a, "Version %s", m->version) : NULL,
        m->reviewed ? arena_printf(B->a, "Reviewed %s", fl_month_year(B->a, m->reviewed)) : NULL,
        m->review_by ? arena_printf(B->a, "Review by %s", fl_month_year(B->a, m->review_by)) : NULL};
    const char *dates = "";
    for (size_t i = 0; i < 3; i++)
        if (items[i])
            dates = *dates ? arena_printf(B->a, "%s\u00a0\u00b7 %s", dates, unbroken(B->a, items[i]))
                           : unbroken(B->a, items[i]);
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
    double band_top = m->ncontacts ? B->H - band : 0;
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
        diag_error(B->d, B->doc->path, m->contacts[0].line, m->contacts[0].col,
                   "list fewer in contacts:, and the rest in a ```contacts block in the text",
                   "the back cover has room for %zu of these %zu contacts", fit, m->ncontacts);
        return -1;
    }
    if (ch > 0) {
        double ph = contacts_top + ch + ppad - top;
        fl_rect(w, page, B->ml, top, measure, ph, panel_c, 0, -1);
        fl_rect(w, page, B->ml, top, measure, prule, prule_c, 0, -1);
        if (fl_plain_at(w, page, B->ml + ppad, top + prule + ppad, inner, ls, label,
                        fl_snode(w, "H2", sec)) < 0)
            return -1;
        int outer = fl_frame_enter(w, page, B->ml + ppad, contacts_top, inner, ch,
                                   "back-cover contacts", m->contacts[0].line, m->contacts[0].col);
        if (fl_blocks_at(w, page, B->ml + ppad, contacts_top, inner, ch + 1, &keys, 1, sec, NULL) < 0)
            return -1;
        fl_frame_leave(w, outer);
    }

    lp_box *b = fl_rect(w, page, 0, band_top + rule, B->W, B->H - band_top - rule, bg, 0, -1);
    b->bleed = true;
    if (band_top > 0) {
        b = fl_rect(w, page, 0, band_top, B->W, rule, rule_c, 0, -1);
        b->bleed = true;
    }
    double y = band_top + rule + pad;
    if (y + hp + gap + ht + gap + foot > bottom + EPS) y = band_top + rule + gap;
    if (fl_plain_at(w, page, B->ml, y, measure, part, w->ctx->partnership->name,
                    fl_snode(w, "P", sec)) < 0 ||
        fl_text_at(w, page, B->ml, y + hp + gap, measure, ts, &tin, 1, fl_snode(w, "P", sec)) < 0)
        return -1;
    int sn = fl_snode(w, "P", sec);
    if (h2 > 0 && fl_text_at(w, page, B->ml, bottom - h2, tw, tx, &l2, 1, sn) < 0) return -1;
    if (m->source) {
        double ty = bottom - h2 - (h2 > 0 ? tx->space_after + tx->leading / 2 : 0) - h1;
        if (fl_text_at(w, page, B->ml, ty, tw, tx, l1, n1, sn) < 0) return -1;
        /* Dark on light, never reversed: the code stands on a white plate. */
        fl_rect(w, page, B->ml + measure - plate, bottom - plate, plate, plate, plate_c, plate_pad,
                -1);
        fl_qr(w, page, B->ml + measure - plate + plate_pad, bottom - plate + plate_pad, qr, qr_c,
              m->source, sec);
    }
    return 0;
}

/* ------------------------------------------------------------ driver */

/* The page of the first text box of the k-th H2 node, for every chapter;
 * the contents' links go to those headings ("#<node>", resolved where the
 * PDF is painted). */
static void find_chapter_pages(booklet *B, lp_box *all)
{
    const lp_pages *pg = B->w->pg;
    for (size_t i = 0; i < B->nchapters; i++) B->chapter_page[i] = -1;
    size_t k = 0;
    int last_node = -1;
    for (size_t i = 0; i < pg->boxes.n && k <= B->nchapters; i++) {
        const lp_box *b = &pg->boxes.v[i];
        if (b->kind != BOX_TEXT || b->snode < 0 || b->page < 0) continue;
        if (strcmp(pg->snodes.v[b->snode].role, "H2") != 0 || b->snode == last_node) continue;
        last_node = b->snode;
        if (k < B->nchapters) {
            B->chapter_page[k] = b->page;
            if (B->toc_link[k] != (size_t)-1)
                all[B->toc_link[k]].url = arena_printf(B->a, "#%d", b->snode);
        }
        k++;
    }
}

static int layout_once(booklet *B, int *npages)
{
    fl_writer *w = B->w;
    int doc = fl_snode(w, "Document", -1);
    w->doc_snode = doc;
    if (cover(B, doc) != 0) return -1;
    int ncontents = contents(B, 1, doc);
    if (ncontents < 0) return -1;
    int first = 1 + ncontents;
    double body_h = B->H - B->mt - B->mb;
    for (int p = first; p < B->max_pages; p++)
        fl_add_frame(w, p, B->ml, B->mt, B->W - B->ml - B->mr, body_h);
    int body = fl_snode(w, "Sect", doc);
    /* The contents H2 is not a chapter: start counting after it. */
    size_t body_from = w->pg->boxes.n;
    if (fl_blocks(w, B->doc->blocks, B->doc->nblocks, body) != 0) return -1;
    if (w->full) {
        diag_error(B->d, B->doc->path, w->over_line > 0 ? w->over_line : B->doc->meta.title_line,
                   w->over_line > 0 ? w->over_col : 1,
                   "cut the text or raise max-pages in the layout",
                   "the booklet does not fit in %d pages (%.1f mm over)", B->max_pages,
                   pt_to_mm(w->y));
        return -1;
    }
    /* Chapters' pages, from the body only. */
    lp_pages shadow = *w->pg;
    shadow.boxes.v += body_from;
    shadow.boxes.n -= body_from;
    fl_writer probe = *w;
    probe.pg = &shadow;
    booklet pb = *B;
    pb.w = &probe;
    find_chapter_pages(&pb, w->pg->boxes.v);

    int last = w->frames.v[w->cur].page;
    /* The back cover is a page of its own after the body; blank pages pad
     * the count to a multiple of 4 before it. */
    int total = (last + 2 + 3) / 4 * 4;
    if (total > B->max_pages) {
        /* The text ends on the last page and the back block needs one
         * more: the contacts it lists are what does not fit. */
        const lp_meta *m = &B->doc->meta;
        const lp_block *lastb = B->doc->nblocks ? &B->doc->blocks[B->doc->nblocks - 1] : NULL;
        int line = m->ncontacts ? m->contacts[0].line : lastb ? lastb->line : m->title_line;
        int col = m->ncontacts ? m->contacts[0].col : lastb ? lastb->col : 1;
        diag_error(B->d, B->doc->path, line, col,
                   "cut the text or raise max-pages in the layout",
                   "the booklet needs %d pages; the layout allows %d", total, B->max_pages);
        return -1;
    }
    if (back_cover(B, total - 1, doc) != 0) return -1;
    /* Running header and folio on the pages that carry text: not on the
     * covers, nor on blank padding pages. */
    for (int p = 1; p <= last; p++)
        if (furniture(B, p, total) != 0) return -1;
    *npages = total;
    return 0;
}

int format_booklet(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    lp_pages *pg = arena_alloc(ctx->arena, sizeof *pg);
    pg->suffix = "";
    pg->impose_saddle = true;
    fl_writer w;
    fl_init(&w, ctx, pg);
    booklet B;
    memset(&B, 0, sizeof B);
    B.w = &w;
    B.spec = ctx->spec;
    B.d = ctx->diag;
    B.doc = ctx->doc;
    B.a = ctx->arena;
    double maxp;
    if (!len(&B, "page.width", &B.W) || !len(&B, "page.height", &B.H) ||
        !len(&B, "margins.left", &B.ml) || !len(&B, "margins.right", &B.mr) ||
        !len(&B, "margins.top", &B.mt) || !len(&B, "margins.bottom", &B.mb) ||
        !spec_num(B.spec, "max-pages", &maxp, B.d))
        return -1;
    if (maxp < 4 || maxp > MAX_PAGES_LIMIT) {
        diag_error(B.d, spec_layout_path(B.spec), 0, 0, NULL,
                   "'max-pages' must be between 4 and %d", MAX_PAGES_LIMIT);
        return -1;
    }
    B.max_pages = (int)maxp;
    pg->width = B.W;
    pg->height = B.H;
    const lp_doc *doc = ctx->doc;
    B.chapters = arena_alloc(B.a, (doc->nblocks + 1) * sizeof *B.chapters);
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == BLK_HEADING && doc->blocks[i].level == 2)
            B.chapters[B.nchapters++] = &doc->blocks[i];
    B.chapter_page = arena_alloc(B.a, (B.nchapters + 1) * sizeof *B.chapter_page);
    B.toc_link = arena_alloc(B.a, (B.nchapters + 1) * sizeof *B.toc_link);
    for (size_t i = 0; i < B.nchapters; i++) B.chapter_page[i] = -1;

    /* Pass 1 finds the chapters' pages; pass 2 writes them.  The contents
     * take the same room in both (numbers sit in their own column). */
    int errors = B.d->errors;
    int total = 0;
    for (int pass = 0; pass < 2; pass++) {
        pg->boxes.n = 0;
        pg->snodes.n = 0;
        pg->npages = 0;
        fl_init(&w, ctx, pg);
        for (size_t i = 0; i < B.nchapters; i++) B.toc_link[i] = (size_t)-1;
        if (layout_once(&B, &total) != 0 || B.d->errors > errors) return -1;
    }
    pg->npages = total;
    *editions = pg;
    *neditions = 1;
    return 0;
}
