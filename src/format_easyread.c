/* format_easyread.c — the easy-read leaflet: A4 pages of rows, each a
 * picture in a tinted circle on the left and one to three short sentences on
 * the right, with a title band, word boxes for hard words and "Page n of N"
 * footers.  Every measurement comes from layouts/easy-read.yaml.
 *
 * The document is laid out in three passes: build the units (rows, other
 * blocks, section headings) and measure them; paginate them with the shared
 * pager (pager.h: a unit never splits, a row's word box follows it); then
 * place page by page so that the structure tree is created in reading
 * order.
 */
#include "formats.h"
#include "pager.h"
#include "parts.h"
#include "sense.h"

#include <math.h>
#include <string.h>

typedef enum { U_ROW, U_WORDS, U_BLOCK, U_SECTION, U_CONTACTS, U_BREAK } unit_kind;

typedef struct unit {
    unit_kind kind;
    const lp_block *b;     /* the source block (U_BLOCK: a copy with hard breaks) */
    /* Rows. */
    const lp_inline *pic;  /* the picture: the paragraph's leading image */
    lp_inline *in;         /* the text, picture removed, soft breaks made hard */
    size_t nin;
    lp_color tint, stroke; /* the picture's pair */
    bool danger;           /* a danger row (the last row) */
    double text_h;         /* the text's height (the row is this or its circle, the taller) */
    /* Word boxes (U_WORDS, the unit after its row's). */
    size_t *words;         /* indices into meta.words, in order of appearance */
    size_t nwords;
    /* All kinds. */
    double h;              /* height on the page, word boxes included */
    bool keep_next;        /* must share a page with the next unit (headings) */
    /* Pagination. */
    int page;
    double y;
    bool in_band;          /* U_SECTION: set as the band heading of its page */
} unit;

typedef struct easy {
    fl_writer *w;
    const lp_spec *spec;
    lp_diag *d;
    const lp_doc *doc;
    lp_arena *a;
    double W, H, ml, mr, mt, mb;
    double content_w, text_x, text_w;
    part_grid grid;        /* the row grid (rows.picture, rows.gutter) */
    pg_config pager;       /* the page grid and the rows' spaces, from the layout */
    part_palette pal;      /* the rows' tint and stroke pairs, and the danger pair */
    int max_pages;
    LP_VEC(unit) units;
    LP_VEC(int) band_head; /* per page: the U_SECTION unit its band shows, -1 = title */
} easy;

static bool len(easy *e, const char *key, double *v) { return spec_len(e->spec, key, v, e->d); }

/* ------------------------------------------------------------ layout */

static bool read_layout(easy *e)
{
    double max_pages, band1_h, band_h, band_gap;
    pg_config *c = &e->pager;
    if (!len(e, "page.width", &e->W) || !len(e, "page.height", &e->H) ||
        !len(e, "margins.left", &e->ml) || !len(e, "margins.right", &e->mr) ||
        !len(e, "margins.top", &e->mt) || !len(e, "margins.bottom", &e->mb) ||
        !spec_num(e->spec, "max-pages", &max_pages, e->d) ||
        !len(e, "band.first-height", &band1_h) || !len(e, "band.height", &band_h) ||
        !len(e, "band.gap", &band_gap) || !spec_bool(e->spec, "sections.new-page", &c->new_page, e->d) ||
        !len(e, "sections.heading-gap", &c->heading_gap) || !len(e, "rows.space", &c->space) ||
        !len(e, "rows.space-min", &c->space_min) || !len(e, "rows.space-max", &c->space_max) ||
        !spec_num(e->spec, "rows.min-fill", &c->min_fill, e->d) ||
        !spec_num(e->spec, "rows.stretch-to", &c->stretch_to, e->d) ||
        !len(e, "rows.circle-step", &c->pic_step))
        return false;
    e->max_pages = (int)max_pages;
    e->content_w = e->W - e->ml - e->mr;
    if (!part_grid_read(e->w, "rows", e->ml, e->content_w, &e->grid)) return false;
    c->first_top = band1_h + band_gap;
    c->top = band_h + band_gap;
    c->bottom = e->H - e->mb;
    c->pic = e->grid.circle;
    c->pic_min = e->grid.circle_min;
    e->text_x = e->grid.text_x;
    e->text_w = e->grid.text_w;

    return part_palette_read(e->w, "rows", &e->pal);
}

/* ------------------------------------------------------------ units */

static bool is_row(const lp_block *b)
{
    return b->kind == BLK_PARA && b->nin > 0 && b->in[0].kind == IN_IMAGE;
}

/* Does a row (or a paragraph) already give this number or address (link
 * to it)?  Then the phone-numbers box leaves it out: the reader has it
 * where it is explained, under the name the row uses. */
static bool given_in_rows(const char *value, const void *arg)
{
    const easy *e = arg;
    for (size_t i = 0; i < e->units.n; i++) {
        const unit *u = &e->units.v[i];
        if (u->kind == U_ROW && fl_inlines_link(u->in, u->nin, value)) return true;
        if (u->kind == U_BLOCK && fl_blocks_link(u->b, 1, value)) return true;
    }
    return false;
}

/* The row's picture and text (the picture row part), in its tint pair. */
static double row_part(easy *e, const unit *u, int parent, bool place)
{
    int line = u->pic->line, col = u->pic->col;
    return part_picture_row(e->w, u->page, &e->grid, u->y, "rows", u->pic, u->tint, u->stroke,
                            u->in, u->nin, line, col, parent, place);
}

static bool is_danger_row(const unit *u) { return u->kind == U_ROW && u->danger; }

/* Builds and measures the units: each row is followed by the box of the
 * hard words it is the first to use, in the order they are read (a unit of
 * its own, so that it may follow on the next page when the row fits and the
 * box does not). */
static int build_units(easy *e)
{
    fl_writer *w = e->w;
    const lp_doc *doc = e->doc;
    const lp_meta *m = &doc->meta;
    const lp_style *h2 = fl_fixed_style(w, "h2");
    if (!fl_fixed_style(w, "body") || !h2) return -1;
    const char **words = arena_alloc(e->a, (m->nwords ? m->nwords : 1) * sizeof *words);
    bool *taken = arena_alloc(e->a, (m->nwords ? m->nwords : 1) * sizeof *taken);
    for (size_t k = 0; k < m->nwords; k++) {
        words[k] = sense_fold_word(e->a, m->words[k].term);
        taken[k] = false;
    }
    size_t nrows = 0;
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        unit u;
        memset(&u, 0, sizeof u);
        u.b = b;
        u.page = -1;
        if (b->kind == BLK_HEADING && b->level == 2) {
            u.kind = U_SECTION;
            u.keep_next = true;
            u.h = fl_text_height(w, e->content_w, h2, b->in, b->nin);
            if (u.h < 0) return -1;
        } else if (b->kind == BLK_RULE) {
            u.kind = U_BREAK; /* the author's page break */
        } else if (is_row(b)) {
            u.kind = U_ROW;
            u.pic = &b->in[0];
            u.in = sense_lines(e->a, b->in + 1, b->nin - 1, &u.nin);
            u.danger = part_palette_danger(&e->pal, u.pic);
            size_t pair = u.danger ? 0 : nrows++ % e->pal.n;
            u.tint = u.danger ? e->pal.danger_tint : e->pal.tint[pair];
            u.stroke = u.danger ? e->pal.danger_stroke : e->pal.stroke[pair];
            /* The text alone: the circle may be set smaller to save a page. */
            part_grid text_only = e->grid;
            text_only.circle = 0;
            u.text_h = part_picture_row(w, 0, &text_only, 0, "rows", u.pic, u.tint, u.stroke, u.in,
                                        u.nin, u.pic->line, u.pic->col, -1, false);
            if (u.text_h < 0) return -1;
            u.h = fmax(u.text_h, e->grid.circle);
        } else {
            u.kind = U_BLOCK;
            u.b = sense_blocks(e->a, b, 1);
            u.keep_next = b->kind == BLK_HEADING;
            u.h = fl_measure_blocks(w, u.b, 1, e->text_w);
            if (u.h < 0) return -1;
        }
        VEC_PUSH(e->a, e->units, u);
        if (u.kind != U_ROW || !m->nwords) continue;
        unit wb = u;
        wb.kind = U_WORDS;
        wb.words = arena_alloc(e->a, m->nwords * sizeof *wb.words);
        wb.nwords = sense_take_words(e->a, sense_fold(e->a, u.in, u.nin), words, m->nwords, taken,
                                     wb.words);
        if (!wb.nwords) continue;
        wb.h = part_word_box(w, 0, &e->grid, 0, "word-box", wb.words, wb.nwords, -1, false);
        if (wb.h < 0) return -1;
        VEC_PUSH(e->a, e->units, wb);
    }
    int errors = e->d->errors;
    for (size_t k = 0; k < m->nwords; k++)
        if (!taken[k])
            diag_error(e->d, doc->path, m->words[k].line, m->words[k].col,
                       "use the word in a row's text, or remove it from 'words:'",
                       "the word '%s' appears in no row, so its word box has nowhere to go",
                       m->words[k].term);
    if (e->d->errors > errors) return -1;
    if (m->ncontacts) {
        unit u;
        memset(&u, 0, sizeof u);
        u.kind = U_CONTACTS;
        u.page = -1;
        u.b = doc->nblocks ? &doc->blocks[doc->nblocks - 1] : NULL;
        u.h = part_phone_box(w, 0, &e->grid, 0, "contacts", given_in_rows, e, -1, false);
        if (u.h < 0) return -1;
        /* The danger row is the last row: the box goes before it. */
        size_t at = e->units.n;
        while (at > 0 && (is_danger_row(&e->units.v[at - 1]) ||
                          (at > 1 && e->units.v[at - 1].kind == U_WORDS &&
                           is_danger_row(&e->units.v[at - 2]))))
            at--;
        /* A section that holds only the danger row ("In an emergency")
         * keeps its heading with it: the box goes before the heading (and
         * before a page break the author put there). */
        if (at < e->units.n)
            while (at > 0 && (e->units.v[at - 1].kind == U_SECTION || e->units.v[at - 1].kind == U_BREAK)) at--;
        if (at == 0) at = e->units.n;
        if (u.h > 0) {
            VEC_PUSH(e->a, e->units, u);
            memmove(&e->units.v[at + 1], &e->units.v[at],
                    (e->units.n - 1 - at) * sizeof *e->units.v);
            e->units.v[at] = u;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ pages */

/* Where a unit starts in the source, for errors about it. */
static int unit_line(const unit *u) { return u->pic ? u->pic->line : u->b ? u->b->line : 1; }

/* Pages the units (the shared pager: rows and boxes never split, a row's
 * word box under it or at the top of the next page, headings kept with
 * what follows, every page but the last min-fill full, no unit alone, the
 * circles set smaller where that is what it takes), then names each later
 * page's band: the section that starts there, or the one it continues. */
static int paginate(easy *e)
{
    size_t n = e->units.n;
    pg_unit *pu = arena_alloc(e->a, (n ? n : 1) * sizeof *pu);
    for (size_t k = 0; k < n; k++) {
        const unit *u = &e->units.v[k];
        static const unsigned flags[] = {
            [U_ROW] = PU_PICTURED, [U_WORDS] = PU_BOX | PU_ATTACHED, [U_BLOCK] = PU_BOX,
            [U_SECTION] = PU_HEADING, [U_CONTACTS] = PU_BOX, [U_BREAK] = PU_BREAK};
        pu[k] = (pg_unit){.h = u->kind == U_ROW ? u->text_h : u->h, .flags = flags[u->kind]};
        if (u->keep_next) pu[k].flags |= PU_KEEP_NEXT;
    }
    pg_result r;
    if (pager_run(e->a, &e->pager, pu, n, &r) != 0) {
        const unit *u = &e->units.v[r.bad_unit];
        diag_error(e->d, e->doc->path, unit_line(u), 1, "split the paragraph into two rows, or shorten it",
                   "this %s does not fit on a page (%.1f mm over)",
                   u->kind == U_ROW ? "row" : u->kind == U_WORDS ? "word box" : "block",
                   pt_to_mm(r.over));
        return -1;
    }
    e->grid.circle = r.pic;
    int section = -1;
    for (int p = 0; p < r.npages; p++) {
        const pg_page *pg = &r.pages[p];
        if (pg->short_page)
            diag_warn(e->d, e->doc->path, unit_line(&e->units.v[pg->end]), 1,
                      "what comes next is too tall to join it: move a hard word to a later row, "
                      "shorten a row, or put a page break (***) where the page should end",
                      "easy-read page %d is only %.0f%% full", p + 1, 100 * pg->fill);
        VEC_PUSH(e->a, e->band_head, p == 0 ? -1 : section);
        for (size_t k = pg->first; k < pg->end; k++) {
            unit *u = &e->units.v[k];
            u->page = pu[k].page;
            u->y = pu[k].y;
            u->h = pu[k].set_h;
            u->in_band = pu[k].in_band;
            if (u->in_band) e->band_head.v[p] = (int)k;
            if (u->kind == U_SECTION) section = (int)k;
        }
    }
    e->w->pg->npages = r.npages;
    if (r.npages > e->max_pages) {
        /* Named at the first row that would go past the last page. */
        int line = e->doc->meta.title_line;
        for (size_t k = 0; k < n; k++)
            if (e->units.v[k].page >= e->max_pages) {
                line = unit_line(&e->units.v[k]);
                break;
            }
        diag_error(e->d, e->doc->path, line, 1, "split the leaflet into two documents, or cut rows",
                   "the easy-read leaflet needs %d pages, more than the layout's %d", r.npages,
                   e->max_pages);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ placing */

/* The band heading or title, centred between the top margin and the band's
 * bottom padding.  Returns its top, or -1 (with an error) when it does not fit. */
/* A later page's band: the heading of the section that starts there (an H2
 * of that section), or of the one it continues (a running head: artifact). */
static int page_band(easy *e, int page, int sect)
{
    int hi = e->band_head.v[page];
    const unit *hu = hi >= 0 ? &e->units.v[hi] : NULL;
    lp_inline tin = fl_inline(e->doc->meta.title, 0);
    const lp_inline *in = hu ? hu->b->in : &tin;
    size_t nin = hu ? hu->b->nin : 1;
    bool starts = hu && hu->in_band && hu->page == page;
    int sn = starts ? fl_snode(e->w, "H2", sect) : -1;
    return part_heading_band(e->w, page, e->W, e->ml, e->content_w, e->mt, "band", in, nin, sn);
}

static int place_unit(easy *e, unit *u, int parent, int *sect, int doc)
{
    fl_writer *w = e->w;
    if (u->kind == U_SECTION) {
        if (u->in_band) return 0; /* its Sect and H2 came with the band */
        *sect = fl_snode(w, "Sect", doc);
        const lp_style *st = fl_fixed_style(w, "h2");
        if (!st) return -1;
        return fl_text_at(w, u->page, e->ml, u->y, e->content_w, st, u->b->in, u->b->nin,
                          fl_snode(w, "H2", *sect)) < 0 ? -1 : 0;
    }
    if (u->kind == U_BREAK) return 0;
    if (u->kind == U_CONTACTS)
        return part_phone_box(w, u->page, &e->grid, u->y, "contacts", given_in_rows, e, w->doc_snode,
                              true) < 0 ? -1 : 0;
    if (u->kind == U_WORDS)
        return part_word_box(w, u->page, &e->grid, u->y, "word-box", u->words, u->nwords, parent,
                             true) < 0 ? -1 : 0;
    if (u->kind == U_BLOCK) {
        return fl_blocks_at(w, u->page, e->text_x, u->y, e->text_w, u->h + 1, u->b, 1, parent,
                            NULL) < 0 ? -1 : 0;
    }
    return row_part(e, u, parent, true) < 0 ? -1 : 0;
}

static int place(easy *e)
{
    fl_writer *w = e->w;
    int doc = fl_snode(w, "Document", -1);
    w->doc_snode = doc;
    int sect = -1;
    size_t i = 0;
    for (int p = 0; p < w->pg->npages; p++) {
        if (p == 0) {
            if (part_title_band_tagged(w, e->W, e->ml, e->content_w, e->mt, "band", "tag", doc) != 0)
                return -1;
        } else {
            int hi = e->band_head.v[p];
            if (hi >= 0 && e->units.v[hi].in_band && e->units.v[hi].page == p)
                sect = fl_snode(w, "Sect", doc);
            if (page_band(e, p, sect) != 0) return -1;
        }
        for (; i < e->units.n && e->units.v[i].page == p; i++)
            if (place_unit(e, &e->units.v[i], sect >= 0 ? sect : doc, &sect, doc) != 0) return -1;
        if (part_running(w, p, w->pg->npages, e->ml, e->content_w, doc) < 0) return -1;
    }
    return 0;
}

int format_easyread(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    lp_pages *pg = arena_alloc(ctx->arena, sizeof *pg);
    pg->suffix = "";
    fl_writer w;
    fl_init(&w, ctx, pg);
    easy e;
    memset(&e, 0, sizeof e);
    e.w = &w;
    e.spec = ctx->spec;
    e.d = ctx->diag;
    e.doc = ctx->doc;
    e.a = ctx->arena;
    int errors = ctx->diag->errors;
    if (!read_layout(&e)) return -1;
    pg->width = e.W;
    pg->height = e.H;
    if (build_units(&e) != 0 || paginate(&e) != 0 || place(&e) != 0 ||
        ctx->diag->errors > errors)
        return -1;
    *editions = pg;
    *neditions = 1;
    return 0;
}
