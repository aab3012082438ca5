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

/* ------------------------------------------------------------ cover */

static int cover(booklet *B, int doc)
{
    fl_writer *w = B->w;
    const lp_meta *m = &B->doc->meta;
    double sum_gap;
    const char *sum_name;
    if (!len(B, "cover.summary-gap", &sum_gap) || !str(B, "cover.summary-style", &sum_name)) return -1;
    const lp_style *sum = fl_fixed_style(w, sum_name);
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

/* A notes page: notes.title at the top margin, then a rule every
 * notes.rule-space down to the bottom margin. */
static int notes_page(booklet *B, int page)
{
    fl_writer *w = B->w;
    double space, rule;
    lp_color rule_c;
    const char *title;
    if (!len(B, "notes.rule-space", &space) || !str(B, "notes.title", &title) ||
        !len(B, "header.rule", &rule) || !col(B, "header.rule-color", &rule_c))
        return -1;
    const lp_style *ts = fl_fixed_style(w, spec_str_or(B->spec, "notes.style", "contents-title", B->d));
    if (!ts) return -1;
    double measure = B->W - B->ml - B->mr;
    double th = fl_plain_at(w, page, B->ml, B->mt, measure, ts, title, -1);
    if (th < 0) return -1;
    if (space < 1) space = 1;
    for (double y = B->mt + th + ts->space_after + space; y <= B->H - B->mb + EPS; y += space)
        fl_line(w, page, B->ml, y, measure, 0, rule_c, rule);
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
    if (part_back_cover(w, total - 1, B->W, B->H, B->ml, B->W - B->ml - B->mr, B->H - B->mb,
                        doc) != 0)
        return -1;
    /* The pages between the text and the back cover are notes pages: a
     * heading and ruled lines to write on, all an artifact (nothing to
     * read aloud), instead of blank paper in the middle of the booklet. */
    for (int p = last + 1; p < total - 1; p++)
        if (notes_page(B, p) != 0) return -1;
    /* Running header and folio on the pages that carry text: not on the
     * covers, nor on notes pages. */
    for (int p = 1; p <= last; p++)
        if (part_running(w, p, total, B->ml, B->W - B->ml - B->mr, doc) < 0) return -1;
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
