/* format_booklet.c — the booklet: A5 pages for saddle stitching.  A cover,
 * a contents page listing each `##` chapter with its page, the body flowed
 * one column a page, a running header and page numbers on every page but
 * the cover, and the page count padded to a multiple of 4 with the source,
 * QR code and version at the foot of the last page.  The contents are laid
 * out twice: the first pass finds the chapters' pages, the second writes
 * them.  Every measurement comes from layouts/booklet.yaml. */
#include "formats.h"

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

/* ------------------------------------------------------------ cover */

static int cover(booklet *B, int doc)
{
    fl_writer *w = B->w;
    const lp_meta *m = &B->doc->meta;
    double band, rule, part_top, title_top, gap, sum_gap;
    lp_color bg, rule_c;
    const char *partnership;
    if (!len(B, "cover.band", &band) || !len(B, "cover.rule", &rule) ||
        !len(B, "cover.partnership-top", &part_top) || !len(B, "cover.title-top", &title_top) ||
        !len(B, "cover.gap", &gap) || !len(B, "cover.summary-gap", &sum_gap) ||
        !col(B, "cover.color", &bg) || !col(B, "cover.rule-color", &rule_c))
        return -1;
    partnership = w->ctx->partnership->name;
    const lp_style *part = fl_fixed_style(w, "booklet-partnership");
    const lp_style *title = fl_fixed_style(w, "booklet-title");
    const lp_style *sf = fl_fixed_style(w, "standfirst");
    const lp_style *sum = fl_fixed_style(w, "booklet-summary");
    if (!part || !title || !sf || !sum) return -1;
    double measure = B->W - B->ml - B->mr;
    lp_box *b = fl_rect(w, 0, 0, 0, B->W, band, bg, 0, -1);
    b->bleed = true;
    b = fl_rect(w, 0, 0, band, B->W, rule, rule_c, 0, -1);
    b->bleed = true;

    /* A caps style sets it in capitals and tags it to read as written. */
    if (fl_plain_at(w, 0, B->ml, part_top, measure, part, partnership, fl_snode(w, "P", doc)) < 0)
        return -1;
    lp_inline tin = fl_inline(m->title, 0);
    tin.line = m->title_line;
    tin.col = 1;
    double th = fl_text_at(w, 0, B->ml, title_top, measure, title, &tin, 1, fl_snode(w, "H1", doc));
    if (th < 0) return -1;
    double y = title_top + th;
    if (m->subtitle) {
        lp_inline sin = fl_inline(m->subtitle, 0);
        double sh = fl_text_at(w, 0, B->ml, y + gap, measure, sf, &sin, 1, fl_snode(w, "P", doc));
        if (sh < 0) return -1;
        y += gap + sh;
    }
    if (y > band - gap + EPS) {
        diag_error(B->d, B->doc->path, m->title_line, 1, "shorten the title or subtitle",
                   "the title and subtitle do not fit the cover band (%.1f mm over)",
                   pt_to_mm(y - (band - gap)));
        return -1;
    }
    if (m->summary) {
        lp_inline s = fl_inline(m->summary, 0);
        if (fl_text_at(w, 0, B->ml, band + rule + sum_gap, measure, sum, &s, 1,
                       fl_snode(w, "P", doc)) < 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ contents */

/* Dot leaders from the end of an entry's last line (the text boxes from
 * `from` to `num_at`) to its page number (the boxes after `num_at`):
 * small discs, an artifact, so that nothing extra is read aloud. */
static void leaders(booklet *B, int page, size_t from, size_t num_at, lp_color c)
{
    lp_box *bx = B->w->pg->boxes.v;
    size_t end = B->w->pg->boxes.n;
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
    const double step = 4.0, d = 0.9, pad = 3.0;
    /* Dots on a grid shared by every entry, so that they line up. */
    double start = B->ml + ceil((x0 + pad - B->ml) / step) * step;
    for (double x = start; x + d <= x1 - pad; x += step)
        fl_rect(B->w, page, x, base - d, d, d, c, d / 2, -1);
}

/* Sets the contents from page `page`; returns the pages it used, or -1. */
static int contents(booklet *B, int page, int doc)
{
    fl_writer *w = B->w;
    double num_w, entry_gap;
    const char *title;
    if (!len(B, "contents.number-width", &num_w) || !len(B, "contents.entry-gap", &entry_gap) ||
        !str(B, "contents.title", &title))
        return -1;
    const lp_style *ts = fl_fixed_style(w, "contents-title");
    const lp_style *es = fl_fixed_style(w, "contents-entry");
    const lp_style *ns = fl_fixed_style(w, "contents-number");
    lp_color leader_c;
    if (!ts || !es || !ns || !col(B, "header.rule-color", &leader_c)) return -1;
    double measure = B->W - B->ml - B->mr;
    double text_w = measure - num_w - entry_gap;
    double bottom = B->H - B->mb;
    int sec = fl_snode(w, "Sect", doc);
    double y = B->mt;
    double th = fl_plain_at(w, page, B->ml, y, measure, ts, title, fl_snode(w, "H2", sec));
    if (th < 0) return -1;
    y += th + ts->space_after;
    int used = 1;
    /* TOC > TOCI > Link: each entry, its page number after it, is a link
     * to its chapter. */
    int toc = fl_snode(w, "TOC", sec);
    for (size_t i = 0; i < B->nchapters; i++) {
        const lp_block *h = B->chapters[i];
        lp_inline in = fl_inline(plain(B->a, h), 0);
        in.line = h->line;
        in.col = h->col;
        double eh = fl_text_height(w, text_w, es, &in, 1);
        if (eh < 0) return -1;
        if (y + eh > bottom + EPS) {
            page++;
            used++;
            y = B->mt;
        }
        int link = fl_snode(w, "Link", fl_snode(w, "TOCI", toc));
        size_t from = w->pg->boxes.n;
        if (fl_text_at(w, page, B->ml, y, text_w, es, &in, 1, link) < 0) return -1;
        /* The number sits on the entry's last line. */
        int pg = B->chapter_page[i];
        const char *num = pg >= 0 ? arena_printf(B->a, "%d", pg + 1) : "";
        size_t num_at = w->pg->boxes.n;
        if (*num && fl_plain_at(w, page, B->ml + measure - num_w, y + eh - ns->leading, num_w, ns,
                                num, link) < 0)
            return -1;
        if (*num) leaders(B, page, from, num_at, leader_c);
        lp_box *lb = fl_box(w, BOX_LINK, page, B->ml, y, measure, eh);
        lb->snode = link;
        lb->text = in.text;
        lb->alt = *num ? arena_printf(B->a, "%s, page %s", in.text, num) : in.text;
        B->toc_link[i] = w->pg->boxes.n - 1;
        y += eh + es->space_after;
    }
    return used;
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

/* The source, QR code and version; its height, or -1.  Placed with its
 * bottom at `bottom` on `page` unless page < 0. */
static double back_block(booklet *B, int page, double bottom, int doc)
{
    fl_writer *w = B->w;
    const lp_meta *m = &B->doc->meta;
    double qr, gap;
    lp_color qr_c;
    const char *prompt, *partnership;
    if (!len(B, "back.qr", &qr) || !len(B, "back.gap", &gap) || !col(B, "back.qr-color", &qr_c) ||
        !str(B, "back.prompt", &prompt))
        return -1;
    partnership = w->ctx->partnership->name;
    const lp_style *ft = fl_fixed_style(w, "footer");
    const lp_style *fs = fl_fixed_style(w, "footer-strong");
    if (!ft || !fs) return -1;
    double measure = B->W - B->ml - B->mr;
    double tw = m->source ? measure - qr - gap : measure;
    lp_inline l[5];
    size_t k = 0;
    l[k++] = fl_inline(arena_printf(B->a, "%s ", partnership), IS_BOLD);
    if (m->source)
        k += fl_fill_link(B->a, arena_printf(B->a, "%s. ", prompt), "host",
                          fl_url_domain(B->a, m->source), m->source, l + k);
    l[k++] = fl_inline(arena_printf(B->a, "%s%s%s%s%s%s", m->version ? "Version " : "",
                                      m->version ? m->version : "",
                                      m->reviewed ? ", reviewed " : "",
                                      m->reviewed ? fl_month_year(B->a, m->reviewed) : "",
                                      m->review_by ? ", review by " : "",
                                      m->review_by ? fl_month_year(B->a, m->review_by) : ""),
                         0);
    lp_style mix = *ft;
    mix.face[IS_BOLD] = fs->face[0];
    mix.strong = fs->color;
    double th = fl_text_height(w, tw, &mix, l, k);
    if (th < 0) return -1;
    double h = m->source && qr > th ? qr : th;
    /* The front matter's contacts stand above it: the numbers a reader
     * needs most, on the back of the booklet. */
    lp_block keys;
    memset(&keys, 0, sizeof keys);
    keys.kind = BLK_CONTACTS;
    keys.keys = m->contacts;
    keys.nkeys = m->ncontacts;
    double ch = 0;
    if (m->ncontacts) {
        ch = fl_measure_blocks(w, &keys, 1, measure);
        if (ch < 0) return -1;
    }
    double room = B->H - B->mt - B->mb;
    if (ch > 0 && h + gap + ch > room + EPS) {
        /* Say how many of them the back page holds. */
        size_t fit = 0;
        while (fit + 1 < m->ncontacts) {
            keys.nkeys = fit + 1;
            double kh = fl_measure_blocks(w, &keys, 1, measure);
            if (kh < 0) return -1;
            if (h + gap + kh > room + EPS) break;
            fit++;
        }
        diag_error(B->d, B->doc->path, m->contacts[0].line, m->contacts[0].col,
                   "list fewer in contacts:, and the rest in a ```contacts block in the text",
                   "the back page has room for %zu of these %zu contacts", fit, m->ncontacts);
        return -1;
    }
    if (page < 0) return h + (ch > 0 ? ch + gap : 0);
    if (ch > 0) {
        int outer = fl_frame_enter(w, page, B->ml, bottom - h - gap - ch, measure, ch,
                                   "back-page contacts", m->contacts[0].line, m->contacts[0].col);
        if (fl_blocks_at(w, page, B->ml, bottom - h - gap - ch, measure, ch + 1, &keys, 1,
                         fl_snode(w, "Sect", doc), NULL) < 0)
            return -1;
        fl_frame_leave(w, outer);
    }
    double top = bottom - h;
    int sn = fl_snode(w, "P", doc);
    if (fl_text_at(w, page, B->ml, top + h - th, tw, &mix, l, k, sn) < 0) return -1;
    if (m->source) fl_qr(w, page, B->ml + measure - qr, bottom - qr, qr, qr_c, m->source, doc);
    return h;
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
        diag_error(B->d, B->doc->path, B->doc->meta.title_line, 1,
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
    double used = w->at_top ? 0 : w->y;
    double bh = back_block(B, -1, 0, doc);
    if (bh < 0) return -1;
    double gap;
    if (!len(B, "back.gap", &gap)) return -1;
    int needed = last + 1;
    if (used + gap + bh > body_h + EPS) needed++;
    int total = (needed + 3) / 4 * 4;
    if (total > B->max_pages) {
        diag_error(B->d, B->doc->path, B->doc->meta.title_line, 1,
                   "cut the text or raise max-pages in the layout",
                   "the booklet needs %d pages; the layout allows %d", total, B->max_pages);
        return -1;
    }
    if (back_block(B, total - 1, B->H - B->mb, doc) < 0) return -1;
    /* Running header and folio on the pages that carry text: not on the
     * cover, nor on blank padding pages, nor on a back cover that holds
     * only the back block. */
    for (int p = 1; p <= last && p < total; p++)
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
