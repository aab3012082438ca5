/* test_catalogue.c — page counts, escaping, finding editions, missing PDFs,
 * thumbnails and atomic output of the download page. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalogue.h"

/* A one-page PDF that poppler renders: xref offsets are not exact, which
 * pdftoppm repairs, and which the page counter never reads. */
static const char one_page_pdf[] =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<<\n/Type /Pages\n/Kids [ 3 0 R ]\n/Count 1\n>>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >>\nendobj\n"
    "trailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n";

typedef struct fx {
    char root[64];
    lp_diag d;
    lp_audiences *audiences; /* the themes in layouts/ */
} fx;

static void put(const char *root, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *root, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static bool exists(const char *root, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return access(path, F_OK) == 0;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    snprintf(f->root, sizeof f->root, "/tmp/lp-catalogue-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    diag_init(&f->d);
    put(f->root, "content/professionals/guide.md",
        "---\ntitle: Fish & <chips> \"now\"\nformat: one-minute-guide\naudience: professionals\n"
        "summary: A summary with a tab\\tand a 'quote'.\nreview-by: 2027-11-01\n---\nText.\n");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    /* The fixture tree is ours alone, made by mkdtemp above. */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", f->root);
    audiences_free(f->audiences);
    diag_free(&f->d);
    free(f);
    return 0;
}

static lp_catalogue *scan_fixture_as(fx *f, bool partial)
{
    char out[128], content[128];
    snprintf(out, sizeof out, "%s/out", f->root);
    snprintf(content, sizeof content, "%s/content", f->root);
    const char *dirs[] = {content};
    if (!f->audiences) f->audiences = audiences_load("layouts", &f->d);
    return cat_scan(out, dirs, 1, f->audiences, partial, &f->d);
}

static lp_catalogue *scan_fixture(fx *f) { return scan_fixture_as(f, false); }

/* Scans the fixture, writes its page and manifest, and returns the page. */
static const char *write_fixture(fx *f)
{
    lp_catalogue *c = scan_fixture(f);
    assert_non_null(c);
    assert_int_equal(cat_write(c, &f->d), 0);
    cat_free(c);
    const char *html = slurp(f->root, "out/index.html");
    assert_non_null(html);
    return html;
}

static void test_page_count_is_the_root_pages_count(void **state)
{
    (void)state;
    const char pdf[] = "1 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 7 >>\nendobj\n"
                       "2 0 obj\n<< /Type/Pages /Parent 1 0 R /Kids [4 0 R] /Count 3 >>\nendobj\n";
    assert_int_equal(cat_pdf_pages(pdf, sizeof pdf - 1), 7);
    assert_int_equal(cat_pdf_pages(one_page_pdf, sizeof one_page_pdf - 1), 1);
}

static void test_page_count_ignores_outlines_and_longer_names(void **state)
{
    (void)state;
    const char pdf[] = "1 0 obj\n<< /Type /Outlines /Count 4 >>\nendobj\n"
                       "2 0 obj\n<< /Type /PagesTree /Count 9 >>\nendobj\n"
                       "3 0 obj\n<< /Type /Page /Parent 5 0 R >>\nendobj\n";
    assert_int_equal(cat_pdf_pages(pdf, sizeof pdf - 1), -1);
    assert_int_equal(cat_pdf_pages("", 0), -1);
    assert_int_equal(cat_pdf_pages("/Type /Pages", 12), -1);
}

/* Many "/Type /Pages" and no endobj or /Count: each search once made the
 * count quadratic (over a minute for this 0.7 MB); it must be linear. */
static void test_page_count_is_linear_on_a_crafted_file(void **state)
{
    (void)state;
    const char unit[] = "<< /Type /Pages ";
    size_t n = 45000, len = 8 + n * (sizeof unit - 1);
    char *buf = malloc(len + 64);
    assert_non_null(buf);
    memcpy(buf, "1 0 obj\n", 8);
    for (size_t i = 0; i < n; i++) memcpy(buf + 8 + i * (sizeof unit - 1), unit, sizeof unit - 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(cat_pdf_pages(buf, len), -1);
    /* The same with a real Pages object at the end: still found. */
    memcpy(buf + len, "/Count 12 >> endobj\n", 20);
    assert_int_equal(cat_pdf_pages(buf, len + 20), 12);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(secs < 5.0);
    free(buf);
}

static char *capture(void (*put_fn)(FILE *, const char *), const char *s)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    put_fn(f, s);
    fclose(f);
    return buf;
}

static void test_html_and_json_escaping(void **state)
{
    (void)state;
    assert_string_equal(capture(cat_put_html, "a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
    assert_string_equal(capture(cat_put_json, "say \"hi\"\\\n\t\x01 £"),
                        "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 £\"");
}

static void test_scan_finds_editions_but_not_other_documents(void **state)
{
    fx *f = *state;
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/professionals/guide-a4.pdf", one_page_pdf);
    put(f->root, "out/professionals/guide-poster.pdf", one_page_pdf);
    put(f->root, "out/print/professionals/guide.pdf", one_page_pdf);
    lp_catalogue *c = scan_fixture(f);
    assert_non_null(c);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(c->n, 1);
    const cat_entry *e = &c->entries[0];
    assert_string_equal(e->slug, "guide");
    assert_int_equal(e->nfiles, 3);
    assert_int_equal(e->files[0].variant, CAT_SCREEN);
    assert_string_equal(e->files[0].edition, "");
    assert_string_equal(e->files[0].path, "professionals/guide.pdf");
    assert_string_equal(e->files[1].edition, "a4");
    assert_int_equal(e->files[2].variant, CAT_PRINT);
    assert_string_equal(e->files[2].path, "print/professionals/guide.pdf");
    assert_int_equal(e->files[2].pages, 1);
    assert_int_equal(e->files[2].bytes, (long long)strlen(one_page_pdf));
    cat_free(c);
}

/* make's catalogue (--partial): a document that did not build is left off
 * with a warning, and the others are listed. */
static void test_partial_catalogue_leaves_off_what_did_not_build(void **state)
{
    fx *f = *state;
    put(f->root, "content/families/broken.md", "---\ntitle: Broken\nformat: trifld\naudience: families\n---\nText.\n");
    put(f->root, "content/families/unbuilt.md", "---\ntitle: Unbuilt\nformat: trifold\naudience: families\n---\nText.\n");
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    lp_catalogue *c = scan_fixture_as(f, true);
    assert_non_null(c);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 2);
    assert_int_equal(c->n, 1);
    assert_string_equal(c->entries[0].slug, "guide");
    cat_free(c);
    /* Without --partial the same tree is two errors. */
    diag_free(&f->d);
    diag_init(&f->d);
    c = scan_fixture(f);
    assert_int_equal(f->d.errors, 2);
    cat_free(c);
}

static void test_missing_screen_pdf_is_an_error_naming_the_file(void **state)
{
    fx *f = *state;
    lp_catalogue *c = scan_fixture(f);
    assert_null(c);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].file, "out/professionals/guide.pdf"));
    assert_non_null(strstr(f->d.items[0].msg, "does not exist"));
}

static void test_pdf_without_page_count_is_an_error(void **state)
{
    fx *f = *state;
    put(f->root, "out/professionals/guide.pdf", "%PDF-1.4\nnot really\n");
    lp_catalogue *c = scan_fixture(f);
    assert_null(c);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "page count"));
}

static void test_pdf_claiming_too_many_pages_is_an_error(void **state)
{
    fx *f = *state;
    put(f->root, "out/professionals/guide.pdf", "1 0 obj << /Type /Pages /Count 999999999 >> endobj\n");
    lp_catalogue *c = scan_fixture(f);
    assert_null(c);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].file, "out/professionals/guide.pdf"));
    assert_non_null(strstr(f->d.items[0].msg, "claims 999999999 pages (at most 10000)"));
}

/* A FIFO named like the PDF: refused at once (reading it would wait for a
 * writer forever). */
static void test_fifo_named_like_a_pdf_is_refused_without_waiting(void **state)
{
    fx *f = *state;
    put(f->root, "out/print/professionals/guide.pdf", one_page_pdf);
    char p[256];
    snprintf(p, sizeof p, "%s/out/professionals", f->root);
    mkdir(p, 0777);
    snprintf(p, sizeof p, "%s/out/professionals/guide.pdf", f->root);
    assert_int_equal(mkfifo(p, 0600), 0);
    lp_catalogue *c = scan_fixture(f);
    unlink(p);
    assert_null(c);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "cannot read the PDF: not a regular file"));
}

static void test_write_escapes_content_and_leaves_no_temporary_files(void **state)
{
    fx *f = *state;
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/print/professionals/guide.pdf", one_page_pdf);
    const char *html = write_fixture(f);
    assert_non_null(strstr(html, "<html lang=\"en-GB\">"));
    assert_non_null(strstr(html, ">Fish &amp; &lt;chips&gt; &quot;now&quot;</h2>"));
    assert_non_null(strstr(html, "<time datetime=\"2027-11-01\">1 November 2027</time>"));
    assert_non_null(strstr(html, "href=\"print/professionals/guide.pdf\""));
    assert_null(strstr(html, "<chips>"));
    const char *json = slurp(f->root, "out/manifest.json");
    assert_non_null(json);
    assert_non_null(strstr(json, "\"title\": \"Fish & <chips> \\\"now\\\"\""));
    assert_non_null(strstr(json, "\"pages\": 1"));
    char tmp[128];
    snprintf(tmp, sizeof tmp, "out/index.html.tmp.%ld", (long)getpid());
    assert_false(exists(f->root, tmp));
}

static void test_topics_and_ages_reach_the_card_the_filters_and_the_manifest(void **state)
{
    fx *f = *state;
    put(f->root, "content/young-people/easy.md",
        "---\ntitle: Easy\nformat: easy-read\naudience: young-people\n"
        "topics: [online <safety>, grooming]\nages: 8-17\n---\nText.\n");
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/young-people/easy.pdf", one_page_pdf);
    const char *html = write_fixture(f);
    /* The card: data for the age filter, the range, the topics, escaped. */
    assert_non_null(strstr(html, "data-format=\"easy-read\" data-age-min=\"8\" data-age-max=\"17\">"));
    assert_non_null(strstr(html, "<dt>Ages</dt><dd>8 to 17</dd>"));
    assert_non_null(strstr(html, "<li>online &lt;safety&gt;</li><li>grooming</li>"));
    /* The topic filter lists each topic once, sorted; the guide has none. */
    assert_non_null(strstr(html, "<option>grooming</option>\n<option>online &lt;safety&gt;</option>\n</select>"));
    assert_null(strstr(html, "<safety>"));
    /* The two PDFs say what they are for. */
    assert_non_null(strstr(html, ">PDF to read or print at home<"));
    const char *json = slurp(f->root, "out/manifest.json");
    assert_non_null(json);
    assert_non_null(strstr(json, "\"topics\": [\"online <safety>\", \"grooming\"],\n      \"ages\": {\"min\": 8, \"max\": 17}"));
    assert_non_null(strstr(json, "\"topics\": [],\n      \"ages\": null"));
}

/* The tri-fold's cover is the third panel of its first page (97 + 100 mm
 * in, 100 mm wide, of 297 mm); a guide's first page is all cover. */
static void test_trifold_cover_is_found_in_its_layout(void **state)
{
    fx *f = *state;
    put(f->root, "content/families/tri.md",
        "---\ntitle: Tri\nformat: trifold\naudience: families\n---\nText.\n");
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/families/tri.pdf", one_page_pdf);
    lp_catalogue *c = scan_fixture(f);
    assert_non_null(c);
    lp_fonts *fonts = fonts_new("fonts");
    cat_covers(c, "layouts", fonts, &f->d);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(c->n, 2);
    const cat_entry *guide = &c->entries[0], *tri = &c->entries[1];
    assert_int_equal(tri->meta.format, FMT_TRIFOLD);
    assert_true(guide->cover_w == 0);
    assert_true(fabs(tri->cover_x - 197.0 / 297.0) < 1e-6);
    assert_true(fabs(tri->cover_w - 100.0 / 297.0) < 1e-6);
    assert_true(fabs(tri->page_aspect - 210.0 / 297.0) < 1e-6);
    fonts_free(fonts);
    cat_free(c);
}

static void test_thumbnailer_that_cannot_run_is_a_warning(void **state)
{
    fx *f = *state;
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/print/professionals/guide.pdf", one_page_pdf);
    lp_catalogue *c = scan_fixture(f);
    assert_non_null(c);
    assert_int_equal(cat_thumbnails(c, "/nonexistent/pdftoppm", 240, &f->d), 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 1);
    assert_null(c->entries[0].thumb);
    cat_free(c);
}

static void test_thumbnail_is_made_once_and_sized_from_the_png(void **state)
{
    fx *f = *state;
    if (access("/usr/bin/pdftoppm", X_OK) != 0) skip();
    put(f->root, "out/professionals/guide.pdf", one_page_pdf);
    put(f->root, "out/print/professionals/guide.pdf", one_page_pdf);
    lp_catalogue *c = scan_fixture(f);
    assert_non_null(c);
    assert_int_equal(cat_thumbnails(c, "pdftoppm", 90, &f->d), 0);
    assert_string_equal(c->entries[0].thumb, "thumbs/professionals/guide.png");
    /* The page is 200 x 300 pt, so the long side gets the 90 pixels. */
    assert_int_equal(c->entries[0].thumb_h, 90);
    int w = c->entries[0].thumb_w;
    assert_in_range(w, 59, 61); /* pdftoppm rounds the short side its own way */
    cat_free(c);
    struct stat before, after;
    char png[256];
    snprintf(png, sizeof png, "%s/out/thumbs/professionals/guide.png", f->root);
    assert_int_equal(stat(png, &before), 0);
    c = scan_fixture(f);
    /* Up to date: a thumbnailer that would fail is not even run. */
    assert_int_equal(cat_thumbnails(c, "/nonexistent/pdftoppm", 90, &f->d), 0);
    assert_int_equal(f->d.warnings, 0);
    assert_int_equal(c->entries[0].thumb_w, w);
    cat_free(c);
    assert_int_equal(stat(png, &after), 0);
    assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_count_is_the_root_pages_count),
        cmocka_unit_test(test_page_count_ignores_outlines_and_longer_names),
        cmocka_unit_test(test_page_count_is_linear_on_a_crafted_file),
        cmocka_unit_test(test_html_and_json_escaping),
        cmocka_unit_test_setup_teardown(test_scan_finds_editions_but_not_other_documents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_screen_pdf_is_an_error_naming_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_catalogue_leaves_off_what_did_not_build, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf_without_page_count_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf_claiming_too_many_pages_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_named_like_a_pdf_is_refused_without_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_escapes_content_and_leaves_no_temporary_files, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_thumbnailer_that_cannot_run_is_a_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_topics_and_ages_reach_the_card_the_filters_and_the_manifest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trifold_cover_is_found_in_its_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thumbnail_is_made_once_and_sized_from_the_png, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
