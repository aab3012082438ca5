/* test_pipeline.c — lp_build_doc from source bytes to PDF bytes: the same
 * layout as from the file, a PDF per edition and variant, errors with
 * line:col for bad bytes, and nothing rendered when only layout is asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "flow.h"
#include "pipeline.h"

typedef struct fx {
    lp_env env;
    lp_arena *a;
    lp_diag d;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    int rc = lp_env_open(&f->env, "layouts", "fonts", "content/contacts.yaml", "content/partnership.yaml", &f->d);
    f->a = arena_new();
    *state = f;
    return rc;
}

static int teardown(void **state)
{
    fx *f = *state;
    arena_free(f->a);
    diag_free(&f->d);
    lp_env_close(&f->env);
    free(f);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, fp);
    fclose(fp);
    return buf;
}

/* The dump of every edition, as `leafpress dump` prints it. */
static char *dump_of(const lp_env *e, const lp_build *b)
{
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);
    assert_non_null(m);
    for (size_t i = 0; i < b->neditions; i++) flow_dump(&b->editions[i], e->fonts, m);
    fclose(m);
    return text;
}

static void test_bytes_lay_out_as_the_file_does(void **state)
{
    fx *f = *state;
    const char *path = "tests/golden/trifold-basic.md";
    lp_build_opts o = {false, false, true, false, -1, "out", NULL, NULL};
    lp_build from_file, from_bytes;
    assert_int_equal(lp_build_doc(&f->env, f->a, path, NULL, 0, &o, &from_file, &f->d), 0);
    size_t len;
    char *src = slurp(path, &len);
    assert_int_equal(lp_build_doc(&f->env, f->a, path, src, len, &o, &from_bytes, &f->d), 0);
    free(src);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(from_bytes.npdfs, 0); /* layout only */
    assert_int_equal(from_bytes.neditions, 1);
    char *a = dump_of(&f->env, &from_file), *b = dump_of(&f->env, &from_bytes);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_every_edition_and_variant_is_a_pdf(void **state)
{
    fx *f = *state;
    size_t len;
    char *src = slurp("content/professionals/worried-about-a-child-poster.md", &len);
    lp_build_opts o = {true, true, false, false, 0, "somewhere", NULL, NULL};
    lp_build b;
    int rc = lp_build_doc(&f->env, f->a, "posters/worried-about-a-child-poster.md", src, len, &o, &b, &f->d);
    free(src);
    assert_int_equal(rc, 0);
    assert_int_equal(b.neditions, 2); /* A3 and A4 */
    assert_int_equal(b.npdfs, 4);     /* each on screen and in print */
    for (size_t i = 0; i < b.npdfs; i++) {
        assert_true(b.pdfs[i].len > 1000);
        assert_memory_equal(b.pdfs[i].bytes, "%PDF-", 5);
        assert_memory_equal(b.pdfs[i].bytes + b.pdfs[i].len - 6, "%%EOF", 5);
    }
    assert_string_equal(b.pdfs[0].path, "somewhere/professionals/worried-about-a-child-poster-a3.pdf");
    assert_string_equal(b.pdfs[1].path, "somewhere/print/professionals/worried-about-a-child-poster-a3.pdf");
    /* The same bytes again: builds are reproducible. */
    lp_build again;
    src = slurp("content/professionals/worried-about-a-child-poster.md", &len);
    assert_int_equal(lp_build_doc(&f->env, f->a, "posters/worried-about-a-child-poster.md", src, len, &o,
                                  &again, &f->d), 0);
    free(src);
    assert_int_equal(again.pdfs[3].len, b.pdfs[3].len);
    assert_memory_equal(again.pdfs[3].bytes, b.pdfs[3].bytes, b.pdfs[3].len);
}

static void test_bad_bytes_are_errors_with_a_place(void **state)
{
    fx *f = *state;
    static const char src[] = "---\ntitle: T\nformat: one-minute-guid\naudience: professionals\n---\n\nText.\n";
    lp_build_opts o = {true, false, false, false, -1, "out", NULL, NULL};
    lp_build b;
    assert_int_equal(lp_build_doc(&f->env, f->a, "mem.md", src, sizeof src - 1, &o, &b, &f->d), -1);
    assert_true(f->d.errors > 0);
    assert_string_equal(f->d.items[0].file, "mem.md");
    assert_int_equal(f->d.items[0].line, 3);
    assert_int_equal(b.npdfs, 0);
    assert_null(b.doc);
}

static void test_a_nul_byte_is_refused(void **state)
{
    fx *f = *state;
    static const char src[] = "---\ntitle: T\n\0format: poster\n---\n";
    lp_build_opts o = {true, false, false, false, -1, "out", NULL, NULL};
    lp_build b;
    assert_int_equal(lp_build_doc(&f->env, f->a, "nul.md", src, sizeof src - 1, &o, &b, &f->d), -1);
    assert_int_equal(f->d.items[0].line, 3);
    assert_int_equal(f->d.items[0].col, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bytes_lay_out_as_the_file_does, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_edition_and_variant_is_a_pdf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_bytes_are_errors_with_a_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_nul_byte_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
