/* test_print.c — the print variant: geometry (print.c) and the PDFs
 * render_pdf.c makes from it, read back with pdfinfo, qpdf and pdftotext.
 * Needs qpdf and poppler-utils on PATH and fonts/ and layouts/ (tests run
 * from the repository root). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fonts.h"
#include "layout_spec.h"
#include "print.h"
#include "render_pdf.h"

static lp_fonts *fonts;
static int regular;
static char dir[64];

static const lp_color navy = {0.08f, 0.16f, 0.29f, 0.95f, 0.78f, 0.31f, 0.49f, "navy"};
static const lp_color ink = {0.11f, 0.14f, 0.17f, 0, 0, 0, 1, "ink"};
static const lp_color rich = {0, 0, 0, 0.6f, 0.4f, 0.4f, 1, "rich-black"};

/* ------------------------------------------------------------- helpers */

static lp_print_geom geom(void)
{
    lp_print_geom g = {0};
    g.mark_offset = mm_to_pt(2);
    g.mark_length = mm_to_pt(5);
    g.mark_width = 0.25;
    g.fold_dash = mm_to_pt(1);
    g.mark_color = (lp_color){0, 0, 0, 1, 1, 1, 1, "registration"};
    g.min_dpi = 300;
    g.black_text = 12;
    return g;
}

static lp_pages *new_pages(lp_arena *a, double w_mm, double h_mm, int npages)
{
    lp_pages *p = arena_alloc(a, sizeof *p);
    p->suffix = "";
    p->width = mm_to_pt(w_mm);
    p->height = mm_to_pt(h_mm);
    p->npages = npages;
    p->bleed = mm_to_pt(3);
    p->print = geom();
    p->source = "content/test.md";
    lp_snode doc = {.role = "Document", .parent = -1};
    VEC_PUSH(a, p->snodes, doc);
    return p;
}

static lp_box *push(lp_arena *a, lp_pages *p, lp_box_kind kind, int page, double x, double y,
                    double w, double h)
{
    lp_box b = {0};
    b.kind = kind;
    b.page = page;
    b.x = x, b.y = y, b.w = w, b.h = h;
    b.color = ink;
    b.snode = -1;
    VEC_PUSH(a, p->boxes, b);
    return &p->boxes.v[p->boxes.n - 1];
}

static lp_box *text(lp_arena *a, lp_pages *p, int page, double x, double y, double size,
                    const char *t)
{
    lp_snode para = {.role = "P", .parent = 0};
    VEC_PUSH(a, p->snodes, para);
    lp_box *b = push(a, p, BOX_TEXT, page, x, y, fonts_width(fonts, regular, t, strlen(t), size, 0),
                     size);
    b->face = regular;
    b->size = size;
    b->text = t;
    b->snode = (int)p->snodes.n - 1;
    return b;
}

static lp_render_opts opts(lp_variant v)
{
    lp_render_opts o = {0};
    o.variant = v;
    o.epoch = -1;
    o.title = "Print test";
    o.lang = "en-GB";
    o.base_dir = dir;
    return o;
}

static void render_ok(const lp_pages *p, lp_variant v, const char *path, lp_diag *d)
{
    lp_render_opts o = opts(v);
    int rc = pdf_render(p, fonts, &o, path, d);
    for (size_t i = 0; rc && i < d->n; i++) {
        char buf[512];
        fprintf(stderr, "%s\n", diag_format(&d->items[i], buf, sizeof buf));
    }
    assert_int_equal(rc, 0);
}

/* stdout of cmd, malloc'd; the exit status must be 0. */
static char *run(const char *cmd)
{
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 4096 > cap) buf = realloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0) break;
        /* Binary streams (the output profile) must not end the string. */
        for (size_t i = n; i < n + got; i++)
            if (buf[i] == 0) buf[i] = ' ';
        n += got;
    }
    buf[n] = 0;
    assert_int_equal(pclose(f), 0);
    return buf;
}

typedef struct pdf_box {
    double x0, y0, x1, y1;
} pdf_box;

/* The named box of page `page` (1-based) from `pdfinfo -box`. */
static pdf_box page_box(const char *pdf, int page, const char *name)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdfinfo -box -f %d -l %d '%s'", page, page, pdf);
    char *out = run(cmd);
    char key[64];
    snprintf(key, sizeof key, "Page %4d %s:", page, name);
    const char *at = strstr(out, key);
    assert_non_null(at);
    pdf_box b;
    assert_int_equal(sscanf(at + strlen(key), "%lf %lf %lf %lf", &b.x0, &b.y0, &b.x1, &b.y1), 4);
    free(out);
    return b;
}

static void assert_near(double got, double want)
{
    if (fabs(got - want) > 0.02) fail_msg("%.3f is not %.3f", got, want);
}

/* The uncompressed content of every page, one after another. */
static char *content(const char *pdf)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' -", pdf);
    return run(cmd);
}

/* How many lines of s end in the operator op (" k", " rg", ...). */
static int count_op(const char *s, const char *op)
{
    int n = 0;
    size_t k = strlen(op);
    for (const char *l = s; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        if (len > k && memcmp(l + len - k, op, k) == 0 && l[len - k - 1] == ' ') n++;
        if (!e) break;
        l = e + 1;
    }
    return n;
}

/* ------------------------------------------------------ geometry tests */

static void test_saddle_order_of_eight_pages(void **state)
{
    (void)state;
    const int want[4][2] = {{8, 1}, {2, 7}, {6, 3}, {4, 5}};
    for (int side = 0; side < 4; side++)
        for (int slot = 0; slot < 2; slot++)
            assert_int_equal(print_saddle_page(8, side, slot) + 1, want[side][slot]);
    assert_int_equal(print_saddle_page(4, 0, 0), 3);
    assert_int_equal(print_saddle_page(4, 1, 1), 2);
    assert_int_equal(print_saddle_page(6, 0, 0), -1);
    assert_int_equal(print_saddle_page(8, 4, 0), -1);
    assert_int_equal(print_saddle_page(8, 0, 2), -1);
}

static void test_every_page_appears_once_in_saddle_order(void **state)
{
    (void)state;
    for (int n = 4; n <= 32; n += 4) {
        int seen[32] = {0};
        for (int side = 0; side < n / 2; side++) {
            int l = print_saddle_page(n, side, 0), r = print_saddle_page(n, side, 1);
            seen[l]++, seen[r]++;
            /* Facing pages of one sheet side always add up to n + 1. */
            assert_int_equal(l + r + 2, n + 1);
        }
        for (int p = 0; p < n; p++) assert_int_equal(seen[p], 1);
    }
}

static void test_background_on_the_trim_runs_into_the_bleed(void **state)
{
    (void)state;
    const double W = 500, H = 700, b = 8.5;
    lp_box band = {.kind = BOX_RECT, .x = 0, .y = 0, .w = W, .h = 100, .bleed = true};
    lp_box e = print_bleed_box(&band, W, H, b);
    assert_near(e.x, -b);
    assert_near(e.y, -b);
    assert_near(e.w, W + 2 * b);
    assert_near(e.h, 100 + b); /* the bottom edge is inside the page: it stays */

    lp_box foot = {.kind = BOX_RECT, .x = 20, .y = H - 50.005, .w = W - 20, .h = 50, .bleed = true, .radius = 4};
    e = print_bleed_box(&foot, W, H, b);
    assert_near(e.x, 20);
    assert_near(e.x + e.w, W + b);
    assert_near(e.y + e.h, H + b);
    assert_near(e.radius, 0);

    lp_box panel = {.kind = BOX_RECT, .x = 30, .y = 30, .w = 100, .h = 100, .bleed = true, .radius = 4};
    e = print_bleed_box(&panel, W, H, b);
    assert_memory_equal(&e, &panel, sizeof e);

    lp_box plain = band;
    plain.bleed = false;
    e = print_bleed_box(&plain, W, H, b);
    assert_near(e.x, 0);
    assert_near(e.w, W);
}

static void test_marks_lie_outside_the_bleed(void **state)
{
    (void)state;
    lp_print_geom g = geom();
    const double W = mm_to_pt(297), H = mm_to_pt(210), b = mm_to_pt(3);
    const double folds[2] = {mm_to_pt(97), mm_to_pt(197)};
    print_mark m[PRINT_MAX_MARKS];
    size_t n = print_marks(&g, W, H, b, folds, 2, m);
    assert_int_equal(n, 12);
    int dashed = 0;
    for (size_t i = 0; i < n; i++) {
        const double xs[2] = {m[i].x0, m[i].x1}, ys[2] = {m[i].y0, m[i].y1};
        for (int k = 0; k < 2; k++) {
            bool outside = xs[k] < -b - 0.01 || xs[k] > W + b + 0.01 || ys[k] < -b - 0.01 ||
                           ys[k] > H + b + 0.01;
            assert_true(outside);
        }
        assert_near(hypot(m[i].x1 - m[i].x0, m[i].y1 - m[i].y0), g.mark_length);
        if (m[i].dashed) {
            dashed++;
            assert_true(fabs(m[i].x0 - folds[0]) < 0.01 || fabs(m[i].x0 - folds[1]) < 0.01);
        } else {
            /* Crop marks continue the trim's edges. */
            bool on_edge = fabs(m[i].x0) < 0.01 || fabs(m[i].x0 - W) < 0.01 ||
                           fabs(m[i].y0) < 0.01 || fabs(m[i].y0 - H) < 0.01;
            assert_true(on_edge);
        }
    }
    assert_int_equal(dashed, 4);
}

static void test_theme_gives_bleed_and_registration_marks(void **state)
{
    (void)state;
    lp_diag d;
    diag_init(&d);
    lp_spec *s = spec_load("layouts", "one-minute-guide", "professionals", fonts, &d);
    assert_non_null(s);
    lp_pages pg = {0};
    assert_int_equal(print_read_spec(s, &pg, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_near(pg.bleed, mm_to_pt(3));
    assert_true(pg.print.mark_length > 0 && pg.print.mark_width > 0);
    assert_true(pg.print.mark_color.c == 1 && pg.print.mark_color.m == 1 &&
                pg.print.mark_color.y == 1 && pg.print.mark_color.k == 1);
    assert_true(pg.print.min_dpi >= 300);
    spec_free(s);
    diag_free(&d);
}

/* ---------------------------------------------------------- PDF tests */

/* An A4 page with a navy band on the trim, a heading and body text. */
static lp_pages *a4_page(lp_arena *a)
{
    lp_pages *p = new_pages(a, 210, 297, 1);
    lp_box *band = push(a, p, BOX_RECT, 0, 0, 0, p->width, 100);
    band->color = navy;
    band->bleed = true;
    text(a, p, 0, 50, 150, 14, "Print test heading");
    text(a, p, 0, 50, 180, 10, "Body text in K-only ink.");
    return p;
}

static void test_print_boxes_trim_bleed_and_media(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/a4.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    double bleed = p->bleed, m = bleed + p->print.mark_offset + p->print.mark_length;
    pdf_box media = page_box(pdf, 1, "MediaBox"), trim = page_box(pdf, 1, "TrimBox"),
            bb = page_box(pdf, 1, "BleedBox");
    assert_near(media.x0, 0);
    assert_near(media.x1, p->width + 2 * m);
    assert_near(media.y1, p->height + 2 * m);
    assert_near(trim.x0, m);
    assert_near(trim.y0, m);
    assert_near(trim.x1 - trim.x0, p->width);
    assert_near(trim.y1 - trim.y0, p->height);
    assert_near(bb.x0, m - bleed);
    assert_near(bb.y1, m + p->height + bleed);
    arena_free(a);
    diag_free(&d);
}

static void test_print_paints_only_in_cmyk(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    lp_box *rule = push(a, p, BOX_LINE, 0, 50, 200, 200, 0);
    rule->line_width = 1;
    rule->color = navy;
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/cmyk.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    char *c = content(pdf);
    assert_int_equal(count_op(c, "rg"), 0);
    assert_int_equal(count_op(c, "RG"), 0);
    assert_int_equal(count_op(c, "g"), 0);
    assert_int_equal(count_op(c, "G"), 0);
    assert_int_equal(count_op(c, "cs"), 0);
    assert_true(count_op(c, "k") >= 2);  /* navy band, ink text */
    assert_true(count_op(c, "K") >= 1);  /* navy rule */
    /* Marks and slug in registration colour, on every plate. */
    assert_non_null(strstr(c, "/LPAll CS 1 SC"));
    assert_non_null(strstr(c, "/LPAll cs 1 sc"));
    assert_non_null(strstr(c, "/Separation"));
    assert_non_null(strstr(c, "/All"));
    assert_non_null(strstr(c, "0 0 0 1 k")); /* text on K alone */
    free(c);
    arena_free(a);
    diag_free(&d);
}

/* Every path point of the marks: the page has no line boxes, so each
 * m/l pair in the content is a mark. */
static void test_print_marks_outside_bleed_and_band_inside_it(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/marks.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    pdf_box bb = page_box(pdf, 1, "BleedBox"), media = page_box(pdf, 1, "MediaBox");
    char *c = content(pdf);
    int points = 0;
    bool band_bleeds = false;
    for (char *l = c; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        double x, y, w, h;
        char op[4];
        if (sscanf(l, "%lf %lf %3s", &x, &y, op) == 3 && (!strcmp(op, "m") || !strcmp(op, "l"))) {
            bool outside = x < bb.x0 - 0.01 || x > bb.x1 + 0.01 || y < bb.y0 - 0.01 || y > bb.y1 + 0.01;
            assert_true(outside);
            assert_true(x >= media.x0 - 0.01 && x <= media.x1 + 0.01 && y >= media.y0 - 0.01 &&
                        y <= media.y1 + 0.01);
            points++;
        }
        if (sscanf(l, "%lf %lf %lf %lf %3s", &x, &y, &w, &h, op) == 5 && !strcmp(op, "re") &&
            fabs(x - bb.x0) < 0.02 && fabs(y + h - bb.y1) < 0.02 && fabs(x + w - bb.x1) < 0.02)
            band_bleeds = true;
    }
    assert_int_equal(points, 16); /* 8 crop marks, two points each */
    assert_true(band_bleeds);
    assert_non_null(strstr(c, "/Artifact BMC"));
    free(c);
    arena_free(a);
    diag_free(&d);
}

static void test_trifold_fold_marks_are_dashed_at_the_folds(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = new_pages(a, 297, 210, 2);
    text(a, p, 0, 50, 150, 12, "Outside");
    text(a, p, 1, 50, 150, 12, "Inside");
    p->nfolds[0] = p->nfolds[1] = 2;
    p->folds[0][0] = mm_to_pt(97), p->folds[0][1] = mm_to_pt(197);
    p->folds[1][0] = mm_to_pt(100), p->folds[1][1] = mm_to_pt(200);
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/trifold.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    pdf_box trim = page_box(pdf, 1, "TrimBox");
    char *c = content(pdf);
    /* Page 1's fold marks at 97 and 197 mm from the trim's left; page 2's
     * at 100 and 200: find a dashed vertical at each. */
    const double want[4] = {97, 197, 100, 200};
    for (int i = 0; i < 4; i++) {
        double want_x = trim.x0 + mm_to_pt(want[i]);
        bool found = false;
        for (char *l = c; l && *l && !found; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
            double x, y;
            char op[4];
            if (sscanf(l, "%lf %lf %3s", &x, &y, op) == 3 && !strcmp(op, "m") &&
                fabs(x - want_x) < 0.05 && (y > trim.y1 || y < trim.y0))
                found = true;
        }
        if (!found) fail_msg("no fold mark at %.0f mm", want[i]);
    }
    assert_int_equal(count_op(c, "d") % 2, 0);
    assert_true(count_op(c, "d") >= 4); /* dash on and off, on each page */
    free(c);
    arena_free(a);
    diag_free(&d);
}

static void test_screen_variant_has_no_marks_and_a_trim_box(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/screen/a4.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_SCREEN, pdf, &d);
    pdf_box media = page_box(pdf, 1, "MediaBox"), trim = page_box(pdf, 1, "TrimBox");
    assert_near(media.x1, p->width);
    assert_near(media.y1, p->height);
    assert_near(trim.x0, 0);
    assert_near(trim.x1, p->width);
    char *c = content(pdf);
    assert_int_equal(count_op(c, "m"), 0);
    assert_int_equal(count_op(c, "k"), 0);
    assert_true(count_op(c, "rg") >= 2);
    free(c);
    arena_free(a);
    diag_free(&d);
}

/* An 8-page A5 booklet whose pages carry only their number: the imposed
 * sheets must show 8|1, 2|7, 6|3, 4|5, left to right. */
static void test_booklet_imposes_in_saddle_order(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = new_pages(a, 148, 210, 8);
    p->impose_saddle = true;
    static const char *const num[8] = {"1", "2", "3", "4", "5", "6", "7", "8"};
    for (int pg = 0; pg < 8; pg++) {
        lp_box *bg = push(a, p, BOX_RECT, pg, 0, 0, p->width, 60);
        bg->color = navy;
        bg->bleed = true;
    }
    /* Page numbers come last, as a format's furniture does: the boxes are
     * not in page order, and every page must still get its own. */
    for (int pg = 0; pg < 8; pg++) text(a, p, pg, p->width / 2, p->height - 40, 12, num[pg]);
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/booklet.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);

    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
    char *info = run(cmd);
    assert_non_null(strstr(info, "Pages:           4"));
    free(info);
    for (int s = 1; s <= 4; s++) {
        pdf_box trim = page_box(pdf, s, "TrimBox");
        assert_near(trim.x1 - trim.x0, mm_to_pt(296));
        assert_near(trim.y1 - trim.y0, mm_to_pt(210));
    }

    snprintf(cmd, sizeof cmd, "pdftotext -bbox-layout '%s' -", pdf);
    char *xml = run(cmd);
    pdf_box trim = page_box(pdf, 1, "TrimBox");
    double media_h = page_box(pdf, 1, "MediaBox").y1;
    double spine = (trim.x0 + trim.x1) / 2;
    const int want[4][2] = {{8, 1}, {2, 7}, {6, 3}, {4, 5}};
    const char *pg = xml;
    for (int s = 0; s < 4; s++) {
        pg = strstr(pg, "<page ");
        assert_non_null(pg);
        const char *end = strstr(pg + 1, "<page ");
        int got[2] = {0, 0};
        for (const char *w = strstr(pg, "<word "); w && (!end || w < end); w = strstr(w + 1, "<word ")) {
            double x0, y0;
            int n;
            const char *xm = strstr(w, "xMin=\""), *ym = strstr(w, "yMin=\"");
            const char *gt = strchr(w, '>');
            /* The slug line, below the trim (pdftotext measures from the top). */
            assert_true(ym && sscanf(ym + 6, "%lf", &y0) == 1);
            if (y0 > media_h - trim.y0) continue;
            assert_true(xm && gt && sscanf(xm + 6, "%lf", &x0) == 1 && sscanf(gt + 1, "%d", &n) == 1);
            got[x0 < spine ? 0 : 1] = n;
        }
        if (got[0] != want[s][0] || got[1] != want[s][1])
            fail_msg("sheet side %d shows %d|%d, want %d|%d", s + 1, got[0], got[1], want[s][0],
                     want[s][1]);
        pg++;
    }
    free(xml);

    /* A spine fold mark on each side, and no background crossing the spine. */
    char *c = content(pdf);
    assert_true(count_op(c, "d") >= 8);
    free(c);
    arena_free(a);
    diag_free(&d);
}

static void test_imposing_a_page_count_not_a_multiple_of_four_is_an_error(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = new_pages(a, 148, 210, 6);
    p->impose_saddle = true;
    for (int pg = 0; pg < 6; pg++) text(a, p, pg, 40, 40, 12, "x");
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/six.pdf", dir);
    lp_diag d;
    diag_init(&d);
    lp_render_opts o = opts(VARIANT_PRINT);
    assert_int_equal(pdf_render(p, fonts, &o, pdf, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].msg, "6 pages"));
    assert_int_equal(access(pdf, F_OK), -1);
    arena_free(a);
    diag_free(&d);
}

static void write_png(const char *path, int w, int h)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_true(png && info);
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_bytep row = calloc(1, (size_t)w);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) row[x] = (png_byte)((x + y) * 7);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    fclose(f);
}

static void test_low_resolution_picture_warns_at_its_source_line(void **state)
{
    (void)state;
    char png[128];
    snprintf(png, sizeof png, "%s/small.png", dir);
    write_png(png, 60, 60);
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    /* 60 px over 1 inch: 60 dpi. */
    lp_box *img = push(a, p, BOX_IMAGE, 0, 50, 300, 72, 72);
    img->text = "small.png";
    img->line = 14;
    img->col = 3;
    /* 60 px over 0.2 inch: 300 dpi, fine. */
    lp_box *ok = push(a, p, BOX_IMAGE, 0, 200, 300, 14.4, 14.4);
    ok->text = "small.png";
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/image.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].file, "content/test.md");
    assert_int_equal(d.items[0].line, 14);
    assert_int_equal(d.items[0].col, 3);
    assert_non_null(strstr(d.items[0].msg, "60 dpi"));
    diag_free(&d);

    /* The screen variant does not care. */
    diag_init(&d);
    snprintf(pdf, sizeof pdf, "%s/screen/image.pdf", dir);
    render_ok(p, VARIANT_SCREEN, pdf, &d);
    assert_int_equal(d.warnings, 0);
    diag_free(&d);
    arena_free(a);
}

static void test_small_four_colour_black_text_warns(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = a4_page(a);
    text(a, p, 0, 50, 220, 8, "Small print")->color = rich;
    text(a, p, 0, 50, 260, 24, "Large headline")->color = rich;
    char pdf[128];
    snprintf(pdf, sizeof pdf, "%s/print/rich.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(d.items[0].msg, "1 text runs"));
    diag_free(&d);
    arena_free(a);
}

static void test_print_output_is_tagged_and_clean(void **state)
{
    (void)state;
    lp_arena *a = arena_new();
    lp_pages *p = new_pages(a, 148, 210, 4);
    p->impose_saddle = true;
    static const char *const num[4] = {"one", "two", "three", "four"};
    for (int pg = 0; pg < 4; pg++) text(a, p, pg, 40, 60, 12, num[pg]);
    char pdf[128], cmd[300];
    snprintf(pdf, sizeof pdf, "%s/print/tagged.pdf", dir);
    lp_diag d;
    diag_init(&d);
    render_ok(p, VARIANT_PRINT, pdf, &d);
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", pdf);
    char *out = run(cmd);
    assert_null(strstr(out, "WARNING"));
    free(out);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
    out = run(cmd);
    assert_non_null(strstr(out, "Tagged:          yes"));
    free(out);
    diag_free(&d);
    arena_free(a);
}

static int setup(void **state)
{
    (void)state;
    lp_diag d;
    diag_init(&d);
    fonts = fonts_new("fonts");
    if (!fonts) return -1;
    regular = fonts_face(fonts, "NotoSans-Regular", &d);
    diag_free(&d);
    if (regular < 0) return -1;
    strcpy(dir, "/tmp/lp-print-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    if (getenv("LP_KEEP")) {
        fprintf(stderr, "kept %s\n", dir);
    } else {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) return -1;
    }
    fonts_free(fonts);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_saddle_order_of_eight_pages),
        cmocka_unit_test(test_every_page_appears_once_in_saddle_order),
        cmocka_unit_test(test_background_on_the_trim_runs_into_the_bleed),
        cmocka_unit_test(test_marks_lie_outside_the_bleed),
        cmocka_unit_test(test_theme_gives_bleed_and_registration_marks),
        cmocka_unit_test(test_print_boxes_trim_bleed_and_media),
        cmocka_unit_test(test_print_paints_only_in_cmyk),
        cmocka_unit_test(test_print_marks_outside_bleed_and_band_inside_it),
        cmocka_unit_test(test_trifold_fold_marks_are_dashed_at_the_folds),
        cmocka_unit_test(test_screen_variant_has_no_marks_and_a_trim_box),
        cmocka_unit_test(test_booklet_imposes_in_saddle_order),
        cmocka_unit_test(test_imposing_a_page_count_not_a_multiple_of_four_is_an_error),
        cmocka_unit_test(test_low_resolution_picture_warns_at_its_source_line),
        cmocka_unit_test(test_small_four_colour_black_text_warns),
        cmocka_unit_test(test_print_output_is_tagged_and_clean),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
