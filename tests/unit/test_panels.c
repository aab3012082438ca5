/* test_panels.c — a folded sheet's panels read from its layout: where each
 * panel is, the folds, the cover, the back panel and the reading order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "panels.h"

#define assert_mm(pt, mm) near_(pt_to_mm(pt), (mm), #pt, __LINE__)
static void near_(double a, double b, const char *what, int line)
{
    if (!(fabs(a - b) <= 0.01)) fail_msg("line %d: %s is %.3f mm, expected %.3f mm", line, what, a, b);
}

typedef struct fx {
    lp_diag d;
    lp_fonts *fonts;
    lp_spec *s;
    char dir[64]; /* a layouts folder: the shipped layouts and themes, and one more */
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    f->fonts = fonts_new("fonts");
    *state = f;
    return f->fonts ? 0 : -1;
}

static int teardown(void **state)
{
    fx *f = *state;
    spec_free(f->s);
    fonts_free(f->fonts);
    diag_free(&f->d);
    if (f->dir[0]) {
        char path[128];
        const char *names[] = {"trifold.yaml", "themes", "extra.yaml"};
        for (size_t i = 0; i < 3; i++) {
            snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
            unlink(path);
        }
        rmdir(f->dir);
    }
    free(f);
    return 0;
}

/* The shipped trifold layout and its themes, with extra.yaml holding text. */
static const char *layouts_with(fx *f, const char *text)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/lp-panels-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char cwd[512], from[640], to[128];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(from, sizeof from, "%s/layouts/trifold.yaml", cwd);
    snprintf(to, sizeof to, "%s/trifold.yaml", f->dir);
    assert_int_equal(symlink(from, to), 0);
    snprintf(from, sizeof from, "%s/layouts/themes", cwd);
    snprintf(to, sizeof to, "%s/themes", f->dir);
    assert_int_equal(symlink(from, to), 0);
    snprintf(to, sizeof to, "%s/extra.yaml", f->dir);
    FILE *out = fopen(to, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
    return f->dir;
}

static void test_the_shipped_trifold_has_its_panels_where_design_puts_them(void **state)
{
    fx *f = *state;
    f->s = spec_load("layouts", "trifold", "families", f->fonts, &f->d);
    assert_non_null(f->s);
    double page_w;
    assert_true(spec_len(f->s, "page.width", &page_w, &f->d));
    lp_panels pn;
    assert_int_equal(panels_read(f->s, page_w, &pn, &f->d), 0);
    assert_int_equal(pn.n, 6);
    /* Outside: flap 97 | back 100 | cover 100; inside: 100 | 100 | 97. */
    assert_string_equal(pn.cover->name, "outside.cover");
    assert_int_equal(pn.cover->page, 0);
    assert_mm(pn.cover->x, 197);
    assert_mm(pn.cover->w, 100);
    assert_string_equal(pn.back->name, "outside.back");
    assert_mm(pn.back->x, 97);
    assert_int_equal(pn.nfolds[0], 2);
    assert_int_equal(pn.nfolds[1], 2);
    assert_mm(pn.folds[0][0], 97);
    assert_mm(pn.folds[0][1], 197);
    assert_mm(pn.folds[1][0], 100);
    assert_mm(pn.folds[1][1], 200);
    const char *order[] = {"inside.left", "inside.middle", "inside.right", "outside.flap"};
    assert_int_equal(pn.nflow, 4);
    for (size_t i = 0; i < 4; i++) assert_string_equal(pn.flow[i]->name, order[i]);
    assert_int_equal(pn.flow[3]->page, 0);
    assert_mm(pn.flow[3]->x, 0);
    assert_int_equal(f->d.errors, 0);
}

static void test_a_z_fold_needs_only_its_layout(void **state)
{
    fx *f = *state;
    const char *dir = layouts_with(f, "extends: trifold\n"
                                      "panels:\n"
                                      "  cover:  { side: outside, at: 1, width: 99mm }\n"
                                      "  flap:   { side: outside, at: 2, width: 99mm, order: 1 }\n"
                                      "  back:   { side: outside, at: 3, width: 99mm }\n"
                                      "  left:   { width: 99mm, order: 4 }\n"
                                      "  middle: { width: 99mm, order: 3 }\n"
                                      "  right:  { width: 99mm, order: 2 }\n");
    f->s = spec_load(dir, "extra", "young-people", f->fonts, &f->d);
    assert_non_null(f->s);
    lp_panels pn;
    assert_int_equal(panels_read(f->s, mm_to_pt(297), &pn, &f->d), 0);
    assert_mm(pn.cover->x, 0);
    assert_mm(pn.back->x, 198);
    assert_mm(pn.folds[0][0], 99);
    assert_mm(pn.folds[1][1], 198);
    /* Read in the order the layout gives, not the order of the sheet. */
    const char *order[] = {"outside.flap", "inside.right", "inside.middle", "inside.left"};
    for (size_t i = 0; i < 4; i++) assert_string_equal(pn.flow[i]->name, order[i]);
}

static void test_two_backs_are_an_error_where_the_second_was_made(void **state)
{
    fx *f = *state;
    const char *dir = layouts_with(f, "extends: trifold\npanels:\n  right: { role: back }\n");
    f->s = spec_load(dir, "extra", "families", f->fonts, &f->d);
    assert_non_null(f->s);
    lp_panels pn;
    assert_int_equal(panels_read(f->s, mm_to_pt(297), &pn, &f->d), -1);
    assert_int_equal(f->d.n, 1);
    /* In extra.yaml, where the change is, not in trifold.yaml. */
    assert_non_null(strstr(f->d.items[0].file, "/extra.yaml"));
    assert_int_equal(f->d.items[0].line, 3);
    assert_int_equal(f->d.items[0].col, 18);
    assert_string_equal(f->d.items[0].msg, "outside.back and inside.right are both the back panel");
    assert_non_null(f->d.items[0].hint);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_shipped_trifold_has_its_panels_where_design_puts_them, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_z_fold_needs_only_its_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_backs_are_an_error_where_the_second_was_made, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
