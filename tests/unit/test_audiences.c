/* test_audiences.c — the audiences are the theme files: names, labels,
 * order, and errors for a folder with none or a bad audience: map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "audiences.h"

typedef struct fx {
    char root[64];
    lp_diag d;
} fx;

static void put(const fx *f, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/themes/%s", f->root, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    const char *t = getenv("TMPDIR");
    snprintf(f->root, sizeof f->root, "%s/lp-aud-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(f->root)) return -1;
    char themes[96];
    snprintf(themes, sizeof themes, "%s/themes", f->root);
    if (mkdir(themes, 0700) != 0) return -1;
    diag_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", f->root);
    diag_free(&f->d);
    free(f);
    return 0;
}

static void test_each_theme_is_an_audience_in_its_order(void **state)
{
    fx *f = *state;
    put(f, "families.yaml", "audience: { label: Families, order: 2 }\ncolors: {}\n");
    put(f, "professionals.yaml", "audience: { label: Professionals, order: 1 }\n");
    put(f, "adults.yaml", "audience: { label: Adults with learning disabilities, order: 1.5 }\n");
    put(f, "no-label.yaml", "min-size: 12pt\n");
    put(f, "README.md", "not a theme\n");
    put(f, "Bad Name.yaml", "audience: { label: x }\n");
    lp_audiences *au = audiences_load(f->root, &f->d);
    assert_non_null(au);
    /* The file that cannot be an audience is named in a warning. */
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.items[0].sev, LP_WARNING);
    assert_non_null(strstr(f->d.items[0].file, "Bad Name.yaml"));
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(au->n, 4);
    assert_string_equal(au->names[0], "professionals");
    assert_string_equal(au->names[1], "adults");
    assert_string_equal(au->names[2], "families");
    assert_string_equal(au->names[3], "no-label"); /* no order: last */
    assert_string_equal(audiences_label(au, "adults"), "Adults with learning disabilities");
    assert_string_equal(audiences_label(au, "no-label"), "no-label");
    assert_null(audiences_find(au, "Bad Name"));
    audiences_free(au);
}

static void test_the_real_themes_are_the_three_audiences(void **state)
{
    fx *f = *state;
    lp_audiences *au = audiences_load("layouts", &f->d);
    assert_non_null(au);
    assert_int_equal(au->n, 3);
    assert_string_equal(au->names[0], "professionals");
    assert_string_equal(au->names[2], "young-people");
    assert_string_equal(au->v[2].label, "Young people");
    audiences_free(au);
}

static void test_no_theme_or_a_bad_audience_map_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(audiences_load(f->root, &f->d));
    assert_non_null(strstr(f->d.items[0].msg, "no themes"));
    put(f, "x.yaml", "audience: { label: X, order: first }\n");
    assert_null(audiences_load(f->root, &f->d));
    assert_int_equal(f->d.items[1].line, 1);
    assert_int_equal(f->d.items[1].col, 30);
    assert_non_null(strstr(f->d.items[1].msg, "'audience.order' must be a number"));
    char missing[96];
    snprintf(missing, sizeof missing, "%s/nowhere", f->root);
    assert_null(audiences_load(missing, &f->d));
    assert_non_null(strstr(f->d.items[2].msg, "cannot read the themes folder"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_theme_is_an_audience_in_its_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_real_themes_are_the_three_audiences, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_theme_or_a_bad_audience_map_is_an_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
