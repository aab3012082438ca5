/* render_pdf.c — paints lp_pages into a tagged PDF with libharu.
 *
 * No layout decisions here: every box is drawn where flow put it.  Text is
 * shaped by HarfBuzz (fonts.c, a word at a time, as the line breaker
 * measured it) and drawn as the glyph ids it returns, in fonts we write
 * ourselves (pdffont.c): each glyph's code is its id in the face's subset,
 * and where HarfBuzz's advance (kerning) differs from the glyph's width the
 * TJ array moves the pen.  Tagging lives in tags.c.
 */
#include "render_pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pdffont.h"
#include "pdfpack.h"
#include "pdfx.h"
#include "picture.h"
#include "print.h"
#include "tags.h"

/* Longest text run a box may carry. */
#define MAX_RUN_BYTES 65535u
/* Limit on a QR payload, well under what QR version 40 holds at level M. */
#define MAX_QR_BYTES 2000u
/* Pages in one PDF: far beyond any leaflet or booklet, a guard against a
 * layout that runs away. */
#define MAX_PAGES 1000
/* Nested directories created for the output path. */
#define MAX_DIR_DEPTH 64
/* The slug line: its size, and where it starts right of the trim's left
 * edge (clear of the crop mark there). */
#define SLUG_SIZE 6.0
#define SLUG_INSET_MM 6.0
/* The registration colour's name in each print page's resources. */
#define REG_SPACE "LPAll"

/* A text box's glyphs, shaped once before painting. */
typedef struct shaped {
    lp_glyph *g;
    size_t n;
} shaped;

typedef struct image_use {
    const char *path;
    HPDF_Image image;
} image_use;

typedef struct render {
    HPDF_Doc pdf;
    const lp_pages *pages; /* what is painted: the imposed sheets for a print booklet */
    const lp_pages *src;   /* the edition as laid out */
    const lp_fonts *fonts;
    const lp_render_opts *o;
    const char *out_path; /* the file it becomes, for messages */
    unsigned char *out;   /* the finished PDF (malloc) */
    size_t out_len;
    lp_diag *d;
    lp_arena *a;
    tags_doc *tags;
    HPDF_Page *page_obj; /* [pages->npages], as painted */
    HPDF_STATUS err, err_detail; /* the first libharu error; errors are sticky */
    pdffont **faces; /* [nfaces]: NULL when the face is unused */
    size_t nfaces;
    shaped *shapes;      /* [pages->boxes.n] */
    shaped *slug_shapes; /* [pages->npages] */
    LP_VEC(image_use) images;
    /* Page geometry: the trim's bottom-left corner within the media box. */
    double origin_x, origin_y, trim_h;
    /* Print variant: bleed and marks (the layout's, or the options'). */
    double bleed;
    lp_print_geom geom;
    int rich_black; /* small text boxes in several-plate black */
    pdfx_profile profile; /* print: the output profile */
    long long epoch;      /* print: the date written, seconds */
    const char **slugs;   /* print: the slug line of each page */
    int slug_face;        /* its face, -1 for none */
    /* What the page's graphics state already holds, to skip repeats. */
    pdffont *cur_font;
    double cur_size, cur_tc;
    bool have_fill, have_stroke;
    lp_color fill, stroke;
} render;

static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    render *r = user;
    if (r->err == HPDF_OK) {
        r->err = code;
        r->err_detail = detail;
    }
}

static bool failed(const render *r)
{
    return r->err != HPDF_OK;
}

static int hpdf_fail(render *r, const char *what)
{
    diag_error(r->d, r->out_path, 0, 0, NULL, "libharu error 0x%04X (detail %u) while %s",
               (unsigned)r->err, (unsigned)r->err_detail, what);
    return -1;
}

/* ------------------------------------------------------------ geometry */

static double px(const render *r, double x)
{
    return r->origin_x + x;
}

static double py(const render *r, double y)
{
    return r->origin_y + r->trim_h - y;
}

/* The same on page pg, once every page is painted (links, bookmarks). */
static double py_on(const render *r, int pg, double y)
{
    return r->origin_y + lp_page_h(r->pages, pg) - y;
}

/* ------------------------------------------------------------ ID hash */

/* FNV-1a with a 128-bit state kept as two 64-bit halves: the /ID only needs
 * to change when the content does, and to stay put when it does not. */
typedef struct fnv128 {
    uint64_t hi, lo;
} fnv128;

static void fnv_init(fnv128 *h)
{
    h->hi = 0x6c62272e07bb0142ull;
    h->lo = 0x62b821756295c58dull;
}

static void fnv_bytes(fnv128 *h, const void *data, size_t n)
{
    const unsigned char *p = data;
#ifdef __SIZEOF_INT128__
    /* The same product in one 128-bit integer: a third of the instructions. */
    __extension__ typedef unsigned __int128 u128;
    u128 x = (u128)h->hi << 64 | h->lo;
    for (size_t i = 0; i < n; i++) {
        x ^= p[i];
        x = x * 0x13B + (x << 88); /* x *= 2^88 + 0x13B (mod 2^128) */
    }
    h->hi = (uint64_t)(x >> 64);
    h->lo = (uint64_t)x;
#else
    for (size_t i = 0; i < n; i++) {
        h->lo ^= p[i];
        /* h *= 2^88 + 0x13B (mod 2^128) */
        uint64_t lo_lo = (h->lo & 0xffffffffull) * 0x13B;
        uint64_t lo_hi = (h->lo >> 32) * 0x13B;
        uint64_t mid = (lo_lo >> 32) + (lo_hi & 0xffffffffull);
        uint64_t carry = (lo_hi >> 32) + (mid >> 32);
        uint64_t new_lo = (lo_lo & 0xffffffffull) | (mid << 32);
        uint64_t new_hi = h->hi * 0x13B + carry + (h->lo << 24);
        h->hi = new_hi;
        h->lo = new_lo;
    }
#endif
}

static void fnv_str(fnv128 *h, const char *s)
{
    if (s) fnv_bytes(h, s, strlen(s) + 1);
    else fnv_bytes(h, "", 1);
}

/* A number to 1/10000 (what the ID depends on), hashed as the eight bytes
 * of that integer: printing each with snprintf cost a document thousands
 * of calls. */
static void fnv_num(fnv128 *h, double v)
{
    long long q = isnan(v) ? LLONG_MIN : fabs(v) < 9e14 ? llround(v * 10000.0) : v > 0 ? LLONG_MAX : LLONG_MIN + 1;
    unsigned char b[9];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)((unsigned long long)q >> (8 * i));
    b[8] = ';';
    fnv_bytes(h, b, sizeof b);
}

static void color_hash(fnv128 *h, const lp_color *c)
{
    fnv_num(h, c->r), fnv_num(h, c->g), fnv_num(h, c->b);
    fnv_num(h, c->c), fnv_num(h, c->m), fnv_num(h, c->y), fnv_num(h, c->k);
}

static void document_id(const render *r, unsigned char id[16])
{
    const lp_pages *p = r->pages;
    const lp_render_opts *o = r->o;
    fnv128 h;
    fnv_init(&h);
    fnv_str(&h, o->title), fnv_str(&h, o->subject), fnv_str(&h, o->author);
    fnv_str(&h, o->keywords), fnv_str(&h, o->lang);
    fnv_num(&h, (double)r->epoch), fnv_num(&h, o->variant);
    fnv_num(&h, p->width), fnv_num(&h, p->height), fnv_num(&h, p->npages);
    fnv_num(&h, r->bleed), fnv_num(&h, r->geom.mark_offset), fnv_num(&h, r->geom.mark_length);
    fnv_num(&h, r->geom.mark_width), fnv_num(&h, r->geom.fold_dash);
    color_hash(&h, &r->geom.mark_color);
    for (size_t i = 0; i < p->boxes.n; i++) {
        const lp_box *b = &p->boxes.v[i];
        fnv_num(&h, b->kind), fnv_num(&h, b->page), fnv_num(&h, b->x), fnv_num(&h, b->y);
        fnv_num(&h, b->w), fnv_num(&h, b->h), fnv_num(&h, b->face), fnv_num(&h, b->size);
        fnv_num(&h, b->tracking), fnv_num(&h, b->line_width), fnv_num(&h, b->radius);
        fnv_num(&h, b->snode);
        color_hash(&h, &b->color);
        fnv_str(&h, b->text), fnv_str(&h, b->url), fnv_str(&h, b->alt);
    }
    for (size_t i = 0; i < p->snodes.n; i++) {
        const lp_snode *s = &p->snodes.v[i];
        fnv_str(&h, s->role), fnv_num(&h, s->parent), fnv_str(&h, s->alt), fnv_str(&h, s->actual);
        fnv_str(&h, s->lang);
    }
    for (int i = 0; i < 8; i++) {
        id[i] = (unsigned char)(h.hi >> (56 - 8 * i));
        id[8 + i] = (unsigned char)(h.lo >> (56 - 8 * i));
    }
}

/* ---------------------------------------------------------------- fonts */

static bool is_glyph_box(const lp_box *b)
{
    return b->kind == BOX_TEXT || b->kind == BOX_ICON;
}

/* The content file the pages were made from (messages about what it says
 * name it), or the output when unknown. */
static const char *source_file(const render *r)
{
    return r->src && r->src->source ? r->src->source : r->out_path;
}

/* Where a glyph's cluster ends: the next cluster's start, or the end. */
static size_t cluster_end(const lp_glyph *g, size_t n, size_t k, size_t len)
{
    for (size_t j = k + 1; j < n; j++)
        if (g[j].cluster != g[k].cluster) return g[j].cluster > g[k].cluster ? g[j].cluster : len;
    return len;
}

static bool cluster_first(const lp_glyph *g, size_t k)
{
    return k == 0 || g[k - 1].cluster != g[k].cluster;
}

/* Shapes t in face into *out and records its glyphs for the face's font,
 * refusing what the face cannot draw; what the text says is wrong is said
 * where the document says it (line, col). */
static int use_text(render *r, int face, const char *t, int line, int col, shaped *out)
{
    size_t len = strlen(t);
    const char *src = source_file(r);
    if (len > MAX_RUN_BYTES) {
        diag_error(r->d, src, line, col, NULL, "text run of %zu bytes is too long", len);
        return -1;
    }
    for (size_t k = 0; k < len;) {
        uint32_t cp;
        int n = utf8_decode(t + k, len - k, &cp);
        if (n == 0) {
            diag_error(r->d, src, line, col, NULL, "invalid UTF-8 in text \"%.40s\"", t);
            return -1;
        }
        k += (size_t)n;
        if (cp < 0x20) {
            diag_error(r->d, src, line, col, "remove the control character",
                       "character U+%04X in \"%.40s\" cannot be written to the PDF", (unsigned)cp, t);
            return -1;
        }
    }
    out->n = fonts_shape(r->fonts, face, t, len, r->a, &out->g);
    if (len && !out->n) {
        diag_error(r->d, src, line, col, NULL, "out of memory shaping \"%.40s\"", t);
        return -1;
    }
    if (!r->faces[face]) r->faces[face] = pdffont_new(r->a, r->fonts, face);
    for (size_t k = 0; k < out->n; k++) {
        const lp_glyph *g = &out->g[k];
        if (g->gid == 0) {
            uint32_t cp = 0;
            size_t off = 0;
            if (!fonts_first_missing(r->fonts, face, t, len, &cp, &off)) utf8_decode(t + g->cluster, len - g->cluster, &cp);
            diag_error(r->d, src, line, col, NULL, "font %s has no glyph for U+%04X in \"%.40s\"",
                       fonts_name(r->fonts, face), (unsigned)cp, t);
            return -1;
        }
        size_t end = cluster_end(out->g, out->n, k, len);
        pdffont_use(r->faces[face], g->gid, cluster_first(out->g, k), t + g->cluster, end - g->cluster);
    }
    return 0;
}

/* Shapes every text box and slug line, recording the glyphs each face must
 * show. */
static int collect_glyphs(render *r)
{
    r->nfaces = fonts_count(r->fonts);
    r->faces = arena_alloc(r->a, (r->nfaces ? r->nfaces : 1) * sizeof *r->faces);
    r->shapes = arena_alloc(r->a, (r->pages->boxes.n ? r->pages->boxes.n : 1) * sizeof *r->shapes);
    for (size_t i = 0; i < r->pages->boxes.n; i++) {
        const lp_box *b = &r->pages->boxes.v[i];
        if (!is_glyph_box(b)) continue;
        if (b->face < 0 || (size_t)b->face >= r->nfaces) {
            diag_error(r->d, r->out_path, 0, 0, NULL, "box %zu names font face %d, which is not loaded",
                       i, b->face);
            return -1;
        }
        if (use_text(r, b->face, b->text ? b->text : "", b->line, b->col, &r->shapes[i])) return -1;
    }
    if (r->slugs) r->slug_shapes = arena_alloc(r->a, (size_t)r->pages->npages * sizeof *r->slug_shapes);
    for (int pg = 0; r->slugs && pg < r->pages->npages; pg++)
        if (use_text(r, r->slug_face, r->slugs[pg], 0, 0, &r->slug_shapes[pg])) return -1;
    return 0;
}

/* --------------------------------------------------------------- colour */

static bool same_color(const lp_color *a, const lp_color *b)
{
    return a->r == b->r && a->g == b->g && a->b == b->b && a->c == b->c && a->m == b->m &&
           a->y == b->y && a->k == b->k;
}

/* Numbers, then the operator, written as libharu's own operators write
 * them (the same bytes, without their state checks and copies); only
 * values libharu accepts (0..1), the rest go through libharu, which
 * refuses them. */
static bool put_unit_op(HPDF_Page page, const double *v, int n, const char *op)
{
    char buf[4 * 33 + 8], *p = buf;
    for (int i = 0; i < n; i++) {
        if (!(v[i] >= 0 && v[i] <= 1)) return false;
        p = tags_real(p, v[i]);
        *p++ = ' ';
    }
    size_t k = strlen(op);
    memcpy(p, op, k);
    tags_write_bytes(page, buf, (size_t)(p - buf) + k);
    return true;
}

static void set_fill(render *r, HPDF_Page page, const lp_color *c)
{
    if (r->have_fill && same_color(&r->fill, c)) return;
    double cmyk[4] = {c->c, c->m, c->y, c->k}, rgb[3] = {c->r, c->g, c->b};
    if (r->o->variant == VARIANT_PRINT) {
        if (!put_unit_op(page, cmyk, 4, "k\n")) HPDF_Page_SetCMYKFill(page, c->c, c->m, c->y, c->k);
    } else if (!put_unit_op(page, rgb, 3, "rg\n")) {
        HPDF_Page_SetRGBFill(page, c->r, c->g, c->b);
    }
    r->fill = *c;
    r->have_fill = true;
}

static void set_stroke(render *r, HPDF_Page page, const lp_color *c)
{
    if (r->have_stroke && same_color(&r->stroke, c)) return;
    double cmyk[4] = {c->c, c->m, c->y, c->k}, rgb[3] = {c->r, c->g, c->b};
    if (r->o->variant == VARIANT_PRINT) {
        if (!put_unit_op(page, cmyk, 4, "K\n")) HPDF_Page_SetCMYKStroke(page, c->c, c->m, c->y, c->k);
    } else if (!put_unit_op(page, rgb, 3, "RG\n")) {
        HPDF_Page_SetRGBStroke(page, c->r, c->g, c->b);
    }
    r->stroke = *c;
    r->have_stroke = true;
}

/* ----------------------------------------------------------------- text */

/* Opens a text object at (x, y) (PDF units) in face at size, with tracking
 * tc; the font, size and tracking persist from the last text on the page. */
static int begin_text(render *r, HPDF_Page page, int face, double size, double tc, double x, double y)
{
    pdffont *font = r->faces[face];
    /* BT, Td and ET are written raw, as libharu writes them: its own
     * operators cleared a 512-byte buffer and updated the text matrix at
     * every line, which nothing here reads. */
    if (tags_write_bytes(page, "BT\n", 3)) return -1;
    if (font != r->cur_font || size != r->cur_size) {
        if (pdffont_select(font, page, size)) return -1;
        r->cur_font = font;
        r->cur_size = size;
    }
    if (tc != r->cur_tc) {
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
        r->cur_tc = tc;
    }
    char td[2 * 33 + 8], *p = tags_real(td, x);
    *p++ = ' ';
    p = tags_real(p, y);
    memcpy(p, " Td\n", 4);
    return tags_write_bytes(page, td, (size_t)(p - td) + 4);
}

/* Does the font's ToUnicode map read the glyphs back as exactly t? */
static bool reads_back(const render *r, int face, const char *t, const shaped *sh)
{
    size_t len = strlen(t), at = 0;
    for (size_t k = 0; k < sh->n; k++) {
        const lp_glyph *g = &sh->g[k];
        bool first = cluster_first(sh->g, k);
        if (first && g->cluster != at) return false;
        size_t end = cluster_end(sh->g, sh->n, k, len);
        if (!pdffont_maps(r->faces[face], g->gid, first, t + g->cluster, end - g->cluster)) return false;
        at = end;
    }
    return at == len;
}

/* Builds "[<0041>80<0056>]TJ" for the glyphs: each code is the glyph's id
 * in the subset, and before each glyph the gap between where the font's
 * widths (and the tracking) leave the pen and where HarfBuzz puts the glyph
 * (its advances and offsets) is closed in whole thousandths of an em.  A
 * glyph raised or lowered (a mark) is drawn with its own text rise. */
static char *glyph_tj(render *r, int face, double size, double tracking, const shaped *sh, char *buf,
                      size_t cap)
{
    const pdffont *pf = r->faces[face];
    /* Written once and copied into the page: the caller's buffer when it
     * is big enough (a line's fragment), not the document's arena. */
    size_t need = sh->n * 48 + 16;
    char *out = need <= cap ? buf : arena_alloc(r->a, need);
    size_t o = 0;
    double em = size / 1000.0, to_pt = size / fonts_upem(r->fonts, face);
    double target = 0, pen = 0;
    int32_t rise = 0;
    bool open = false; /* inside <...> */
    out[o++] = '[';
    for (size_t k = 0; k < sh->n; k++) {
        const lp_glyph *g = &sh->g[k];
        if (g->y_offset != rise) {
            o += (size_t)sprintf(out + o, "%s]TJ %.3f Ts[", open ? ">" : "", g->y_offset * to_pt);
            rise = g->y_offset;
            open = false;
        }
        double at = target + g->x_offset * to_pt;
        long adj = lround((pen - at) / em);
        if (adj != 0) {
            /* The number by hand, as "%ld" writes it: a line has dozens. */
            if (open) out[o++] = '>';
            unsigned long mag = adj < 0 ? 0UL - (unsigned long)adj : (unsigned long)adj;
            char digits[24];
            int nd = 0;
            do digits[nd++] = (char)('0' + mag % 10);
            while ((mag /= 10) != 0);
            if (adj < 0) out[o++] = '-';
            while (nd) out[o++] = digits[--nd];
            out[o] = '\0';
            pen -= (double)adj * em;
            open = false;
        }
        /* Four hex digits a glyph, written by hand: this is the inner loop
         * of every text a document draws. */
        static const char hex[] = "0123456789ABCDEF";
        unsigned cid = (unsigned)pdffont_cid(pf, g->gid) & 0xFFFFu;
        if (!open) out[o++] = '<';
        out[o++] = hex[cid >> 12];
        out[o++] = hex[(cid >> 8) & 15];
        out[o++] = hex[(cid >> 4) & 15];
        out[o++] = hex[cid & 15];
        out[o] = '\0';
        open = true;
        pen += pdffont_width(pf, g->gid) * em + tracking;
        target += g->advance * to_pt + tracking;
    }
    if (open) out[o++] = '>';
    memcpy(out + o, "]TJ\n", 5);
    o += 4;
    if (rise) memcpy(out + o, "0 Ts\n", 6);
    return out;
}

/* A text string as "<FEFF...>" (UTF-16BE), for ActualText. */
static char *utf16_string(render *r, const char *t)
{
    size_t len = strlen(t);
    char *out = arena_alloc(r->a, len * 8 + 8);
    memcpy(out, "<FEFF", 5);
    size_t o = 5 + utf16_hex(t, len, out + 5);
    memcpy(out + o, ">", 2);
    return out;
}

/* Draws shaped text at (x, y) (PDF units).  A run the ToUnicode map cannot
 * read back (a glyph drawn for different characters elsewhere, a character
 * drawn as several glyphs) carries its text as ActualText. */
static int show_glyphs(render *r, HPDF_Page page, int face, double size, double tracking, double x,
                       double y, const char *t, const shaped *sh)
{
    if (!sh->n) return 0;
    bool exact = reads_back(r, face, t, sh);
    if (!exact && tags_write_raw(page, arena_printf(r->a, "/Span<</ActualText%s>>BDC\n", utf16_string(r, t))))
        return -1;
    char tj[4096];
    if (begin_text(r, page, face, size, tracking, x, y) ||
        tags_write_raw(page, glyph_tj(r, face, size, tracking, sh, tj, sizeof tj)))
        return -1;
    if (tags_write_bytes(page, "ET\n", 3)) return -1;
    if (!exact && tags_write_raw(page, "EMC\n")) return -1;
    return 0;
}

static int draw_text(render *r, HPDF_Page page, const lp_box *b, const shaped *sh)
{
    if (!b->text || !b->text[0]) return 0;
    set_fill(r, page, &b->color);
    if (show_glyphs(r, page, b->face, b->size, b->kind == BOX_TEXT ? b->tracking : 0, px(r, b->x),
                    py(r, b->y), b->text, sh))
        return hpdf_fail(r, "writing text");
    return 0;
}

/* --------------------------------------------------------------- shapes */

/* The folder a picture's path is relative to: its own (a partnership's
 * logo), else the content file's. */
static const char *image_dir(const render *r, const lp_box *b) { return b->dir ? b->dir : r->o->base_dir; }

/* A picture's file. */
static const char *image_path(render *r, const lp_box *b)
{
    const char *dir = image_dir(r, b);
    return b->text[0] == '/' || !dir || !dir[0] ? b->text : arena_printf(r->a, "%s/%s", dir, b->text);
}

static void rounded_rect(render *r, HPDF_Page page, const lp_box *b, double rad)
{
    /* Control-point distance for a quarter circle drawn as one cubic. */
    const double kappa = 4.0 * (sqrt(2.0) - 1.0) / 3.0;
    double x0 = px(r, b->x), x1 = px(r, b->x + b->w);
    double y0 = py(r, b->y + b->h), y1 = py(r, b->y); /* bottom, top */
    double c = rad * kappa;
#define P(v) ((HPDF_REAL)(v))
    HPDF_Page_MoveTo(page, P(x0 + rad), P(y0));
    HPDF_Page_LineTo(page, P(x1 - rad), P(y0));
    HPDF_Page_CurveTo(page, P(x1 - rad + c), P(y0), P(x1), P(y0 + rad - c), P(x1), P(y0 + rad));
    HPDF_Page_LineTo(page, P(x1), P(y1 - rad));
    HPDF_Page_CurveTo(page, P(x1), P(y1 - rad + c), P(x1 - rad + c), P(y1), P(x1 - rad), P(y1));
    HPDF_Page_LineTo(page, P(x0 + rad), P(y1));
    HPDF_Page_CurveTo(page, P(x0 + rad - c), P(y1), P(x0), P(y1 - rad + c), P(x0), P(y1 - rad));
    HPDF_Page_LineTo(page, P(x0), P(y0 + rad));
    HPDF_Page_CurveTo(page, P(x0), P(y0 + rad - c), P(x0 + rad - c), P(y0), P(x0 + rad), P(y0));
#undef P
    HPDF_Page_ClosePath(page);
}

static int draw_rect(render *r, HPDF_Page page, const lp_box *b)
{
    if (b->w <= 0 || b->h <= 0) return 0;
    set_fill(r, page, &b->color);
    double rad = b->radius;
    double half = (b->w < b->h ? b->w : b->h) / 2;
    if (rad > half) rad = half;
    if (rad > 0 && fabs(b->w - b->h) < 1e-6 && fabs(rad - b->w / 2) < 1e-6) {
        HPDF_Page_Circle(page, (HPDF_REAL)px(r, b->x + rad), (HPDF_REAL)py(r, b->y + rad),
                         (HPDF_REAL)rad);
    } else if (rad > 0) {
        rounded_rect(r, page, b, rad);
    } else {
        HPDF_Page_Rectangle(page, (HPDF_REAL)px(r, b->x), (HPDF_REAL)py(r, b->y + b->h),
                            (HPDF_REAL)b->w, (HPDF_REAL)b->h);
    }
    HPDF_Page_Fill(page);
    return 0;
}

static int draw_line(render *r, HPDF_Page page, const lp_box *b)
{
    if (b->line_width <= 0) return 0;
    set_stroke(r, page, &b->color);
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)b->line_width);
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    HPDF_Page_MoveTo(page, (HPDF_REAL)px(r, b->x), (HPDF_REAL)py(r, b->y));
    HPDF_Page_LineTo(page, (HPDF_REAL)px(r, b->x + b->w), (HPDF_REAL)py(r, b->y + b->h));
    HPDF_Page_Stroke(page);
    return 0;
}

/* The print variant has no RGB: a colour picture is separated into CMYK
 * through the output profile (Little CMS), so it prints as the press
 * condition expects; a grey one stays DeviceGray, the black plate alone. */
static unsigned char *to_cmyk(render *r, const lp_picture *p)
{
    size_t n = (size_t)p->w * p->h;
    unsigned char *out = malloc(n * 4);
    if (out && pdfx_to_cmyk(&r->profile, p->pixels, n, out) == 0) return out;
    free(out);
    return NULL;
}

/* A picture, decoded completely by picture.c (libharu's own PNG reader
 * aborts the process on a damaged file and refuses interlaced ones) and
 * handed over as raw samples, its alpha as a soft mask. */
static HPDF_Image load_picture(render *r, const lp_box *b)
{
    const char *file = source_file(r);
    lp_picture pic;
    if (picture_load(image_dir(r, b), b->text, file, b->line, b->col, &pic, NULL, NULL, r->d))
        return NULL;
    bool cmyk = r->o->variant == VARIANT_PRINT && pic.colors == 3;
    unsigned char *sep = cmyk ? to_cmyk(r, &pic) : NULL;
    HPDF_Image img = NULL;
    if (!cmyk || sep)
        img = HPDF_LoadRawImageFromMem(r->pdf, cmyk ? sep : pic.pixels, pic.w, pic.h,
                                       cmyk ? HPDF_CS_DEVICE_CMYK
                                            : pic.colors == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB,
                                       8);
    if (img && !failed(r) && pic.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(r->pdf, pic.alpha, pic.w, pic.h, HPDF_CS_DEVICE_GRAY, 8);
        if (mask && !failed(r)) HPDF_Image_AddSMask(img, mask);
    }
    free(sep);
    picture_free(&pic);
    if (!img || failed(r)) {
        if (!failed(r)) {
            diag_error(r->d, file, b->line, b->col, NULL, "out of memory for picture '%s'", b->text);
            return NULL;
        }
        hpdf_fail(r, arena_printf(r->a, "embedding picture '%s'", b->text));
        return NULL;
    }
    return img;
}

static int draw_image(render *r, HPDF_Page page, const lp_box *b)
{
    if (!b->text || !b->text[0]) {
        diag_error(r->d, r->out_path, 0, 0, NULL, "image box without a path");
        return -1;
    }
    HPDF_Image img = NULL;
    const char *path = image_path(r, b); /* two folders may each hold a logo.png */
    for (size_t i = 0; i < r->images.n; i++)
        if (strcmp(r->images.v[i].path, path) == 0) img = r->images.v[i].image;
    if (!img) {
        img = load_picture(r, b);
        if (!img) return -1;
        image_use u = {path, img};
        VEC_PUSH(r->a, r->images, u);
    }
    if (r->o->variant == VARIANT_PRINT && r->geom.min_dpi > 0 && b->w > 0 && b->h > 0) {
        double dx = HPDF_Image_GetWidth(img) / (b->w / 72.0);
        double dy = HPDF_Image_GetHeight(img) / (b->h / 72.0);
        double dpi = dx < dy ? dx : dy;
        if (dpi < r->geom.min_dpi)
            diag_warn(r->d, source_file(r), b->line, b->col,
                      "use a larger image or print it smaller",
                      "picture %s is %.0f dpi at its printed size of %.0f x %.0f mm; print needs %.0f dpi",
                      b->text, dpi, pt_to_mm(b->w), pt_to_mm(b->h), r->geom.min_dpi);
    }
    HPDF_Page_DrawImage(page, img, (HPDF_REAL)px(r, b->x), (HPDF_REAL)py(r, b->y + b->h),
                        (HPDF_REAL)b->w, (HPDF_REAL)b->h);
    return 0;
}

/* The last codes drawn, by payload: a document's screen and print files
 * (and the booklet's pages) draw the same code, and encoding one (its
 * eight masks tried) costs as much as setting a page of text.  Shared by
 * the threads of a batch. */
#define QR_CACHED 4
#define QR_CACHED_PATH 16384
static struct {
    char data[MAX_QR_BYTES + 1];
    char path[QR_CACHED_PATH]; /* the rectangles, in module units */
    int width;
} qr_cache[QR_CACHED];
static unsigned qr_cache_next;
static pthread_mutex_t qr_cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* The code's rectangles for data, in module units, into the arena (and
 * its width in modules), or NULL when it cannot be encoded. */
static const char *qr_path(render *r, const char *data, int *width)
{
    pthread_mutex_lock(&qr_cache_lock);
    for (unsigned i = 0; i < QR_CACHED; i++) {
        if (qr_cache[i].width && strcmp(qr_cache[i].data, data) == 0) {
            const char *p = arena_strdup(r->a, qr_cache[i].path);
            *width = qr_cache[i].width;
            pthread_mutex_unlock(&qr_cache_lock);
            return p;
        }
    }
    pthread_mutex_unlock(&qr_cache_lock);
    QRcode *q = QRcode_encodeString8bit(data, 0, QR_ECLEVEL_M);
    if (!q) return NULL;
    /* One path in module units (one module is one unit, rows down the
     * page): a run of dark modules is a rectangle, and the same run in the
     * rows below grows it downwards. */
    const int w = q->width;
    char *path = arena_alloc(r->a, (size_t)w * (size_t)w * 24 + 8);
    size_t o = 0;
    for (int row = 0; row < w; row++) {
        const unsigned char *line = q->data + (size_t)row * (size_t)w;
        for (int col = 0; col < w;) {
            if (!(line[col] & 1)) {
                col++;
                continue;
            }
            int end = col;
            while (end < w && (line[end] & 1)) end++;
            /* Covered already by a rectangle from a row above? */
            bool above = row > 0 && (col == 0 || !(line[col - 1 - w] & 1)) && (line[col - w] & 1);
            if (above) {
                const unsigned char *up = line - w;
                int e = col;
                while (e < w && (up[e] & 1)) e++;
                above = e == end;
            }
            if (!above) {
                int rows = 1;
                for (int next = row + 1; next < w; next++) {
                    const unsigned char *dn = q->data + (size_t)next * (size_t)w;
                    int e = col;
                    if ((col > 0 && (dn[col - 1] & 1)) || !(dn[col] & 1)) break;
                    while (e < w && (dn[e] & 1)) e++;
                    if (e != end) break;
                    rows++;
                }
                o += (size_t)sprintf(path + o, "%d %d %d %d re\n", col, row, end - col, rows);
            }
            col = end;
        }
    }
    QRcode_free(q);
    path[o] = '\0';
    *width = w;
    if (o < QR_CACHED_PATH) {
        pthread_mutex_lock(&qr_cache_lock);
        unsigned i = qr_cache_next++ % QR_CACHED;
        memcpy(qr_cache[i].data, data, strlen(data) + 1);
        memcpy(qr_cache[i].path, path, o + 1);
        qr_cache[i].width = w;
        pthread_mutex_unlock(&qr_cache_lock);
    }
    return path;
}

static int draw_qr(render *r, HPDF_Page page, const lp_box *b)
{
    const char *data = b->text ? b->text : "";
    if (!data[0] || strlen(data) > MAX_QR_BYTES) {
        diag_error(r->d, source_file(r), b->line, b->col, NULL, "QR code data is empty or over %u bytes",
                   MAX_QR_BYTES);
        return -1;
    }
    int w = 0;
    const char *rects = qr_path(r, data, &w);
    if (!rects) {
        diag_error(r->d, source_file(r), b->line, b->col, NULL, "cannot encode QR code for \"%.60s\": %s", data,
                   strerror(errno));
        return -1;
    }
    /* The box includes the four-module quiet zone the QR standard asks for
     * on every side. */
    const int quiet = 4;
    double m = b->w / (w + 2 * quiet);
    set_fill(r, page, &b->color);
    char head[160];
    snprintf(head, sizeof head, "q %.5f 0 0 %.5f %.3f %.3f cm\n", m, -m, px(r, b->x + quiet * m),
             py(r, b->y + quiet * m));
    if (tags_write_raw(page, head) || tags_write_raw(page, rects) || tags_write_raw(page, "f\nQ\n"))
        return hpdf_fail(r, "drawing a QR code");
    return 0;
}

static int draw_link(render *r, HPDF_Page page, int pageno, const lp_box *b)
{
    if (!b->url || !b->url[0]) return 0;
    HPDF_Rect rect = {(HPDF_REAL)px(r, b->x), (HPDF_REAL)py(r, b->y + b->h),
                      (HPDF_REAL)px(r, b->x + b->w), (HPDF_REAL)py(r, b->y)};
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, rect, b->url);
    if (!annot || failed(r)) return hpdf_fail(r, "adding a link");
    HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    /* What the link says where it goes: its description when the text
     * alone does not (a bare site name), else its text. */
    const char *contents = b->alt ? b->alt : b->text && b->text[0] ? b->text : b->url;
    if (tags_link(r->tags, annot, page, pageno, b->snode, contents)) return hpdf_fail(r, "tagging a link");
    return 0;
}

/* ---------------------------------------------------------------- pages */

/* One page: media_w x media_h, with the trim's bottom-left corner at
 * (origin_x, origin_y) in it.  The print variant passes a larger media box
 * and an offset for bleed and marks. */
static HPDF_Page page_setup(render *r, int pg, double media_w, double media_h, double origin_x,
                            double origin_y)
{
    HPDF_Page page = HPDF_AddPage(r->pdf);
    if (!page) return NULL;
    HPDF_Page_SetWidth(page, (HPDF_REAL)media_w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)media_h);
    r->origin_x = origin_x;
    r->origin_y = origin_y;
    r->trim_h = lp_page_h(r->pages, pg);
    r->cur_font = NULL;
    r->cur_size = 0;
    r->cur_tc = 0;
    r->have_fill = r->have_stroke = false;
    return page;
}

static int paint_box(render *r, HPDF_Page page, int pageno, const lp_box *box, const shaped *sh)
{
    lp_box bled;
    const lp_box *b = box;
    if (r->o->variant == VARIANT_PRINT) {
        bled = print_bleed_box(box, lp_page_w(r->pages, pageno), lp_page_h(r->pages, pageno), r->bleed);
        b = &bled;
        if (b->kind == BOX_TEXT && b->size < r->geom.black_text && print_is_rich_black(&b->color))
            r->rich_black++;
    }
    /* The print file has no links: their words stay, as text.  A link to
     * a heading ("#<node>") waits until every page exists. */
    if (b->kind == BOX_LINK)
        return r->o->variant == VARIANT_PRINT || (b->url && b->url[0] == '#') ? 0
                                                                              : draw_link(r, page, pageno, b);
    if (tags_mark(r->tags, page, pageno, b->snode)) return hpdf_fail(r, "marking content");
    switch (b->kind) {
    case BOX_TEXT:
    case BOX_ICON: return draw_text(r, page, b, sh);
    case BOX_RECT: return draw_rect(r, page, b);
    case BOX_LINE: return draw_line(r, page, b);
    case BOX_IMAGE: return draw_image(r, page, b);
    case BOX_QR: return draw_qr(r, page, b);
    case BOX_LINK: break;
    }
    return 0;
}

/* Crop marks at the trim's corners and fold marks at its folds, all beyond
 * the bleed, as artifacts in the registration colour. */
static int paint_marks(render *r, HPDF_Page page, int pageno)
{
    const lp_pages *p = r->pages;
    const lp_print_geom *g = &r->geom;
    if (g->mark_length <= 0 || g->mark_width <= 0) return 0;
    double spine = lp_page_w(p, pageno) / 2;
    const double *folds = NULL;
    int nfolds = 0;
    if (r->pages != r->src) { /* an imposed sheet folds at its spine */
        folds = &spine;
        nfolds = 1;
    } else if (pageno < 2) {
        folds = p->folds[pageno];
        nfolds = p->nfolds[pageno];
    }
    print_mark m[PRINT_MAX_MARKS];
    size_t n = print_marks(g, lp_page_w(p, pageno), lp_page_h(p, pageno), r->bleed, folds, nfolds, m);
    if (tags_mark(r->tags, page, pageno, -1)) return hpdf_fail(r, "marking the crop marks");
    if (tags_write_raw(page, "/" REG_SPACE " CS 1 SC\n")) return hpdf_fail(r, "choosing the registration colour");
    r->have_stroke = false;
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)g->mark_width);
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    for (int dashed = 0; dashed < 2; dashed++) {
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (m[i].dashed != (dashed == 1)) continue;
            /* Written raw: libharu's dash pattern takes whole points only. */
            if (dashed && !any &&
                tags_write_raw(page, arena_printf(r->a, "[%.3f] 0 d\n", g->fold_dash)))
                return hpdf_fail(r, "setting a dash");
            any = true;
            HPDF_Page_MoveTo(page, (HPDF_REAL)px(r, m[i].x0), (HPDF_REAL)py(r, m[i].y0));
            HPDF_Page_LineTo(page, (HPDF_REAL)px(r, m[i].x1), (HPDF_REAL)py(r, m[i].y1));
        }
        if (any) HPDF_Page_Stroke(page);
        if (any && dashed && tags_write_raw(page, "[] 0 d\n")) return hpdf_fail(r, "ending a dash");
    }
    return failed(r) ? hpdf_fail(r, "drawing crop marks") : 0;
}

/* The slug line under the trim, beyond the bleed and clear of the marks:
 * which file, which version, when, which page; in registration colour so
 * every plate carries it. */
static int paint_slug(render *r, HPDF_Page page, int pageno)
{
    if (!r->slugs) return 0;
    const lp_print_geom *g = &r->geom;
    if (tags_mark(r->tags, page, pageno, -1) || tags_write_raw(page, "/" REG_SPACE " cs 1 sc\n"))
        return hpdf_fail(r, "marking the slug line");
    r->have_fill = false;
    double baseline = lp_page_h(r->pages, pageno) + r->bleed + g->mark_offset + SLUG_SIZE;
    if (show_glyphs(r, page, r->slug_face, SLUG_SIZE, 0, px(r, mm_to_pt(SLUG_INSET_MM)), py(r, baseline),
                    r->slugs[pageno], &r->slug_shapes[pageno]))
        return hpdf_fail(r, "writing the slug line");
    return failed(r) ? hpdf_fail(r, "writing the slug line") : 0;
}

/* TrimBox (the finished size) on every page; on print pages also the
 * BleedBox, the trim grown by the bleed. */
static int set_page_boxes(render *r, HPDF_Page page, int pg)
{
    double x0 = r->origin_x, y0 = r->origin_y;
    double x1 = x0 + lp_page_w(r->pages, pg), y1 = y0 + lp_page_h(r->pages, pg), b = r->bleed;
    if (tags_set_page_box(r->pdf, page, "TrimBox", x0, y0, x1, y1)) return -1;
    if (r->o->variant != VARIANT_PRINT) return 0;
    return tags_set_page_box(r->pdf, page, "BleedBox", x0 - b, y0 - b, x1 + b, y1 + b);
}

static int paint_pages(render *r)
{
    const lp_pages *p = r->pages;
    double margin = r->o->variant == VARIANT_PRINT ? r->bleed + r->geom.mark_offset + r->geom.mark_length : 0;
    for (int pg = 0; pg < p->npages; pg++) {
        HPDF_Page page = page_setup(r, pg, lp_page_w(p, pg) + 2 * margin, lp_page_h(p, pg) + 2 * margin,
                                    margin, margin);
        if (!page || failed(r)) return hpdf_fail(r, "adding a page");
        r->page_obj[pg] = page;
        if (set_page_boxes(r, page, pg)) return hpdf_fail(r, "setting the page boxes");
        for (size_t i = 0; i < p->boxes.n; i++) {
            if (p->boxes.v[i].page != pg) continue;
            if (paint_box(r, page, pg, &p->boxes.v[i], &r->shapes[i])) return -1;
            if (failed(r)) return hpdf_fail(r, "painting a box");
        }
        if (r->o->variant == VARIANT_PRINT &&
            (pdfx_registration_space(r->pdf, page, REG_SPACE) || failed(r)))
            return hpdf_fail(r, "adding the registration colour");
        if (r->o->variant == VARIANT_PRINT && (paint_marks(r, page, pg) || paint_slug(r, page, pg)))
            return -1;
        if (tags_close_page(r->tags, page) || failed(r)) return hpdf_fail(r, "closing a page");
    }
    if (r->rich_black)
        diag_warn(r->d, p->source ? p->source : r->out_path, 0, 0,
                  "give small text a K-only ink in the theme",
                  "%d text runs under %.1f pt are in four-colour black, which blurs when the "
                  "plates are slightly out of register",
                  r->rich_black, r->geom.black_text);
    return 0;
}

/* ------------------------------------------------------------ bookmarks */

/* For each structure node, the heading it is or lies in (-1: none). */
static int *heading_of(render *r)
{
    const lp_pages *p = r->pages;
    int *h = arena_alloc(r->a, (p->snodes.n ? p->snodes.n : 1) * sizeof *h);
    for (size_t i = 0; i < p->snodes.n; i++) {
        int par = p->snodes.v[i].parent;
        /* A node's parent comes before it. */
        h[i] = tags_heading_level(p->snodes.v[i].role) ? (int)i
               : par >= 0 && (size_t)par < i ? h[par]
                                             : -1;
    }
    return h;
}

/* What a heading says: the text of its boxes, or the ActualText of a span
 * inside it (capitals by style read as written). */
static const char *heading_text(render *r, const int *head, int hn)
{
    const lp_pages *p = r->pages;
    for (size_t i = (size_t)hn + 1; i < p->snodes.n; i++)
        if (p->snodes.v[i].parent == hn && p->snodes.v[i].actual) return p->snodes.v[i].actual;
    char *s = arena_strdup(r->a, "");
    for (size_t i = 0; i < p->boxes.n; i++) {
        const lp_box *b = &p->boxes.v[i];
        if (b->kind == BOX_TEXT && b->snode >= 0 && head[b->snode] == hn && b->text)
            s = arena_printf(r->a, "%s%s", s, b->text);
    }
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') s[--n] = 0;
    return s;
}

/* The first text box of heading node hn, or NULL. */
static const lp_box *heading_box(render *r, const int *head, int hn)
{
    const lp_pages *p = r->pages;
    for (size_t i = 0; i < p->boxes.n; i++)
        if (p->boxes.v[i].kind == BOX_TEXT && p->boxes.v[i].snode >= 0 &&
            head[p->boxes.v[i].snode] == hn)
            return &p->boxes.v[i];
    return NULL;
}

/* Links to a heading inside the document ("#<structure node>": the
 * booklet's contents) go to its first line, wherever imposition put it. */
static int internal_links(render *r)
{
    const lp_pages *p = r->pages;
    int *head = NULL;
    for (size_t i = 0; i < p->boxes.n; i++) {
        const lp_box *b = &p->boxes.v[i];
        if (b->kind != BOX_LINK || !b->url || b->url[0] != '#') continue;
        if (!head) head = heading_of(r);
        char *end;
        long hn = strtol(b->url + 1, &end, 10);
        const lp_box *to = *end || hn < 0 || (size_t)hn >= p->snodes.n || head[hn] != (int)hn
                               ? NULL
                               : heading_box(r, head, (int)hn);
        if (!to) {
            diag_error(r->d, p->source ? p->source : r->out_path, 0, 0, NULL,
                       "a link inside the document goes to no heading (%s)", b->url);
            return -1;
        }
        HPDF_Destination d = tags_dest(r->tags, to->page, py_on(r, to->page, to->y - to->size));
        HPDF_Rect rect = {(HPDF_REAL)px(r, b->x), (HPDF_REAL)py_on(r, b->page, b->y + b->h),
                          (HPDF_REAL)px(r, b->x + b->w), (HPDF_REAL)py_on(r, b->page, b->y)};
        HPDF_Page page = r->page_obj[b->page];
        HPDF_Annotation annot = d ? HPDF_Page_CreateLinkAnnot(page, rect, d) : NULL;
        if (!annot || failed(r)) return hpdf_fail(r, "adding a link to a heading");
        HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
        if (tags_link(r->tags, annot, page, b->page, b->snode, b->alt ? b->alt : b->text))
            return hpdf_fail(r, "tagging a link");
    }
    return 0;
}

/* Bookmarks for a document of more than one page: one per heading, nested
 * by level, each going to the top of its heading's first line. */
static int bookmarks(render *r)
{
    const lp_pages *p = r->pages;
    if (p->npages < 2) return 0;
    int *head = heading_of(r);
    HPDF_Outline parent[7] = {0};
    for (size_t hn = 0; hn < p->snodes.n; hn++) {
        int level = tags_heading_level(p->snodes.v[hn].role);
        if (!level) continue;
        const lp_box *first = heading_box(r, head, (int)hn);
        if (!first) continue;
        HPDF_Outline up = NULL;
        for (int l = level - 1; l >= 1 && !up; l--) up = parent[l];
        HPDF_Destination d = tags_dest(r->tags, first->page, py_on(r, first->page, first->y - first->size));
        HPDF_Outline o = d ? tags_bookmark(r->tags, up, heading_text(r, head, (int)hn), d) : NULL;
        if (!o || failed(r)) return hpdf_fail(r, "adding a bookmark");
        parent[level] = o;
        for (int l = level + 1; l < 7; l++) parent[l] = NULL;
    }
    HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return failed(r) ? hpdf_fail(r, "showing the bookmarks") : 0;
}

/* ----------------------------------------------------------------- info */

static int set_info(render *r)
{
    const lp_render_opts *o = r->o;
    char *creator = arena_printf(r->a, "leafpress %s", LP_VERSION);
    if (tags_set_info(r->pdf, "Title", o->title) || tags_set_info(r->pdf, "Subject", o->subject) ||
        tags_set_info(r->pdf, "Author", o->author) ||
        tags_set_info(r->pdf, "Keywords", o->keywords) ||
        tags_set_info(r->pdf, "Creator", creator) || tags_set_info(r->pdf, "Producer", creator))
        return hpdf_fail(r, "writing document information");
    bool pdfx = o->variant == VARIANT_PRINT;
    if (pdfx) {
        if (pdfx_info(r->pdf, r->epoch) || failed(r)) return hpdf_fail(r, "writing the PDF/X keys");
    } else if (o->epoch >= 0) {
        time_t t = (time_t)o->epoch;
        struct tm tm;
        if (!gmtime_r(&t, &tm)) {
            diag_error(r->d, r->out_path, 0, 0, NULL, "creation date %lld is out of range", o->epoch);
            return -1;
        }
        HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                          tm.tm_sec, 'Z', 0, 0};
        if (HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK || failed(r))
            return hpdf_fail(r, "writing the creation date");
    }
    unsigned char id[16];
    document_id(r, id);
    if (tags_set_id(r->pdf, id)) return hpdf_fail(r, "writing the document ID");
    char uuid[40];
    snprintf(uuid, sizeof uuid, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11],
             id[12], id[13], id[14], id[15]);
    tags_meta m = {o->title, o->lang, creator, r->epoch, pdfx ? PDFX_VERSION : NULL, uuid, o->version};
    int rc = tags_finish(r->tags, &m);
    if (rc == -2) {
        diag_error(r->d, r->out_path, 0, 0, NULL, "the structure tree has a bad parent or a cycle");
        return -1;
    }
    if (rc || failed(r)) return hpdf_fail(r, "building the structure tree");
    return 0;
}

/* ----------------------------------------------------------------- save */

static int make_parents(const char *path, lp_diag *d)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf) {
        diag_error(d, path, 0, 0, "build into a folder with a shorter path (-o)", "output path is too long");
        return -1;
    }
    memcpy(buf, path, n + 1);
    int depth = 0;
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/') continue;
        if (++depth > MAX_DIR_DEPTH) break;
        *s = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            diag_error(d, buf, 0, 0, "name a folder you can write to with -o (a file of that name is in the way?)",
                       "cannot create directory: %s", strerror(errno));
            return -1;
        }
        *s = '/';
    }
    return 0;
}

/* The finished PDF into r->out (malloc'd, the caller's). */
static int save(render *r)
{
    unsigned char *buf;
    size_t size;
    if (tags_save(r->pdf, &buf, &size) != 0 || failed(r)) {
        if (failed(r)) free(buf); /* NULL when tags_save failed */
        if (!failed(r)) {
            diag_error(r->d, r->out_path, 0, 0, NULL, "out of memory writing the PDF");
            return -1;
        }
        return hpdf_fail(r, "writing the PDF");
    }
    /* The document (its pictures, plain, and the stream it was saved to)
     * is let go before packing, which holds the file twice. */
    HPDF_Free(r->pdf);
    r->pdf = NULL;
    /* Objects that are not streams into one compressed object stream, and
     * a cross-reference stream: a third of a guide's bytes. */
    unsigned char *packed;
    size_t plen;
    if (pdf_pack(buf, size, &packed, &plen) != 0) {
        free(buf);
        diag_error(r->d, r->out_path, 0, 0, NULL, "cannot pack the PDF's objects (out of memory?)");
        return -1;
    }
    free(buf);
    r->out = packed;
    r->out_len = plen;
    return 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

char *pdf_stage_file(const char *out_path, const unsigned char *buf, size_t size, bool sync, lp_diag *d)
{
    if (make_parents(out_path, d)) return NULL;
    /* The process id in the name lets a later run tell a file left by a
     * killed build (its process is gone) from one still being written. */
    size_t cap = strlen(out_path) + 64;
    char *tmp = malloc(cap);
    if (!tmp) {
        diag_error(d, out_path, 0, 0, NULL, "out of memory");
        return NULL;
    }
    snprintf(tmp, cap, "%s" PDF_TMP_MARK "%ld.XXXXXX", out_path, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        diag_error(d, out_path, 0, 0, NULL, "cannot create the output file: %s", strerror(errno));
        return NULL;
    }
    int rc = write_all(fd, buf, size);
    if (rc == 0) rc = fchmod(fd, 0644);
    if (rc == 0 && sync) rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    if (rc != 0) {
        diag_error(d, out_path, 0, 0, errno == EISDIR ? "a folder has the PDF's name: move it, or build into another -o" : "check that the -o folder can be written and the disk has room",
                   "cannot write the output file: %s", strerror(errno));
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

int pdf_write_file(const char *out_path, const unsigned char *buf, size_t size, lp_diag *d)
{
    char *tmp = pdf_stage_file(out_path, buf, size, true, d);
    if (!tmp) return -1;
    int rc = rename(tmp, out_path);
    if (rc != 0) {
        diag_error(d, out_path, 0, 0, errno == EISDIR ? "a folder has the PDF's name: move it, or build into another -o" : "check that the -o folder can be written and the disk has room",
                   "cannot write the output file: %s", strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- entry */

static int check_pages(render *r)
{
    const lp_pages *p = r->pages;
    if (p->npages > MAX_PAGES) {
        diag_error(r->d, source_file(r), 0, 0, "split it into several documents",
                   "the document makes %d pages; a PDF holds at most %d", p->npages, MAX_PAGES);
        return -1;
    }
    if (p->npages < 1 || p->width <= 0 || p->height <= 0) {
        diag_error(r->d, r->out_path, 0, 0, NULL, "nothing to render: %d pages of %.1f x %.1f pt",
                   p->npages, p->width, p->height);
        return -1;
    }
    for (size_t i = 0; i < p->boxes.n; i++) {
        const lp_box *b = &p->boxes.v[i];
        if (b->page < 0 || b->page >= p->npages || b->snode >= (int)p->snodes.n || b->snode < -1) {
            diag_error(r->d, r->out_path, 0, 0, NULL, "box %zu has page %d or structure node %d out of range",
                       i, b->page, b->snode);
            return -1;
        }
    }
    return 0;
}

/* The print edition's structure: the same tree, but a link is a Span, as
 * the print file has no link annotations for it to point to. */
static const lp_pages *without_links(render *r, const lp_pages *p)
{
    lp_pages *cp = arena_alloc(r->a, sizeof *cp);
    *cp = *p;
    cp->snodes.v = arena_alloc(r->a, (p->snodes.n ? p->snodes.n : 1) * sizeof *cp->snodes.v);
    cp->snodes.cap = p->snodes.n;
    for (size_t i = 0; i < p->snodes.n; i++) {
        cp->snodes.v[i] = p->snodes.v[i];
        if (cp->snodes.v[i].role && strcmp(cp->snodes.v[i].role, "Link") == 0)
            cp->snodes.v[i].role = "Span";
    }
    return cp;
}

/* The print date: SOURCE_DATE_EPOCH, else the newest input (the content,
 * contacts and layout files, and every picture), so a rebuild of the same
 * files gives the same bytes. */
static long long print_epoch(render *r)
{
    if (r->o->epoch >= 0) return r->o->epoch;
    long long newest = r->o->inputs_mtime > 0 ? r->o->inputs_mtime : 0;
    for (size_t i = 0; i < r->pages->boxes.n; i++) {
        const lp_box *b = &r->pages->boxes.v[i];
        struct stat st;
        if (b->kind == BOX_IMAGE && b->text && stat(image_path(r, b), &st) == 0 &&
            (long long)st.st_mtime > newest)
            newest = (long long)st.st_mtime;
    }
    return newest;
}

/* One slug line per page (per sheet side when imposed), in the face of the
 * document's first text. */
static void make_slugs(render *r)
{
    const lp_pages *p = r->pages;
    r->slug_face = -1;
    for (size_t i = 0; i < p->boxes.n && r->slug_face < 0; i++)
        if (p->boxes.v[i].kind == BOX_TEXT && p->boxes.v[i].face >= 0) r->slug_face = p->boxes.v[i].face;
    if (r->slug_face < 0) return;
    const char *file = strrchr(r->out_path, '/');
    file = file ? file + 1 : r->out_path;
    char date[16] = "";
    time_t t = (time_t)r->epoch;
    struct tm tm;
    if (gmtime_r(&t, &tm)) strftime(date, sizeof date, "%Y-%m-%d", &tm);
    const char *version = r->o->version ? arena_printf(r->a, " \u00b7 version %s", r->o->version) : "";
    r->slugs = arena_alloc(r->a, (size_t)p->npages * sizeof *r->slugs);
    for (int pg = 0; pg < p->npages; pg++) {
        const char *where;
        if (p != r->src)
            where = arena_printf(r->a, "sheet side %d of %d, pages %d and %d", pg + 1, p->npages,
                                 print_saddle_page(r->src->npages, pg, 0) + 1,
                                 print_saddle_page(r->src->npages, pg, 1) + 1);
        else
            where = arena_printf(r->a, "page %d of %d", pg + 1, p->npages);
        r->slugs[pg] = arena_printf(r->a, "%s%s \u00b7 %s \u00b7 %s", file, version, date, where);
    }
}

/* The print variant's bleed and marks: the options win where they are set,
 * the layout's values fill the rest; a booklet is imposed onto sheets
 * (unless its single pages are asked for).  Loads the output profile. */
static int setup_print(render *r)
{
    const lp_render_opts *o = r->o;
    r->src = r->pages;
    r->epoch = o->epoch;
    r->slug_face = -1;
    if (o->variant != VARIANT_PRINT) return 0;
    r->geom = r->pages->print;
    r->bleed = o->bleed > 0 ? o->bleed : r->pages->bleed;
    if (o->mark_offset > 0) r->geom.mark_offset = o->mark_offset;
    if (o->mark_length > 0) r->geom.mark_length = o->mark_length;
    const char *profile = o->output_profile        ? o->output_profile
                          : r->geom.output_profile ? r->geom.output_profile
                          : o->default_profile     ? o->default_profile
                                                   : PDFX_DEFAULT_PROFILE;
    if (pdfx_profile_load(profile, &r->profile, r->d)) return -1;
    r->pages = r->src = without_links(r, r->pages);
    if (r->pages->impose_saddle && !o->single_pages) {
        r->pages = print_impose_saddle(r->pages, r->a, r->d);
        if (!r->pages) return -1;
    }
    r->epoch = print_epoch(r);
    make_slugs(r);
    return 0;
}

static int render_all(render *r)
{
    if (setup_print(r) || check_pages(r) || collect_glyphs(r)) return -1;
    /* A PDF that breaks a rule of PDF/UA it could have kept is not written. */
    if (tags_check(r->src, r->src->source ? r->src->source : r->out_path, r->d)) return -1;
    /* libharu's own malloc and free: an arena whose frees do nothing (its
     * objects' memory let go with the document) saved 3.5 % of a guide's
     * instructions but kept every buffer libharu let go, 1.5 MB more at
     * the peak of a 1,000-document -j2 batch. */
    r->pdf = HPDF_New(on_hpdf_error, r);
    if (!r->pdf) {
        diag_error(r->d, r->out_path, 0, 0, NULL, "cannot create a PDF document");
        return -1;
    }
    /* libharu writes every stream plain; pdf_pack compresses them as it
     * packs the file (faster than libharu's zlib, and one compressor). */
    HPDF_SetCompressionMode(r->pdf, HPDF_COMP_NONE);
    if (failed(r)) return hpdf_fail(r, "setting up the document");
    tags_set_version_17(r->pdf);
    r->tags = tags_new(r->pdf, r->pages, r->a);
    for (size_t f = 0; f < r->nfaces; f++)
        if (r->faces[f] && pdffont_embed(r->faces[f], r->pdf, r->d)) return failed(r) || !r->d->errors ? hpdf_fail(r, arena_printf(r->a, "embedding font %s", fonts_name(r->fonts, (int)f))) : -1;
    r->page_obj = arena_alloc(r->a, (size_t)r->pages->npages * sizeof *r->page_obj);
    bool links = r->o->variant != VARIANT_PRINT;
    if (paint_pages(r) || (links && internal_links(r)) || bookmarks(r) || set_info(r)) return -1;
    tags_set_version_17(r->pdf);
    if (r->o->variant == VARIANT_PRINT) {
        pdfx_set_version(r->pdf);
        if (pdfx_output_intent(r->pdf, &r->profile) || failed(r))
            return hpdf_fail(r, "embedding the output intent");
    }
    return save(r);
}

int pdf_render_bytes(const lp_pages *pages, const lp_fonts *fonts, const lp_render_opts *o,
                     const char *name, unsigned char **out, size_t *out_len, lp_diag *d)
{
    render r = {0};
    r.pages = pages;
    r.fonts = fonts;
    r.o = o;
    r.out_path = name;
    r.d = d;
    r.a = arena_new();
    int rc = render_all(&r);
    if (r.pdf) HPDF_Free(r.pdf);
    pdfx_profile_free(&r.profile);
    arena_free(r.a);
    if (rc != 0) {
        free(r.out);
        r.out = NULL;
        r.out_len = 0;
    }
    *out = r.out;
    *out_len = r.out_len;
    return rc;
}

int pdf_render(const lp_pages *pages, const lp_fonts *fonts, const lp_render_opts *o,
               const char *out_path, lp_diag *d)
{
    unsigned char *buf;
    size_t len;
    if (pdf_render_bytes(pages, fonts, o, out_path, &buf, &len, d) != 0) return -1;
    int rc = pdf_write_file(out_path, buf, len, d);
    free(buf);
    return rc;
}

int pdf_check_output_profile(const char *path, lp_diag *d)
{
    pdfx_profile p;
    int rc = pdfx_profile_load(path, &p, d);
    pdfx_profile_free(&p);
    return rc;
}
