/* test_partnership.c — partnership.yaml: the shipped one and the test one
 * load; wrong keys, logos and key contacts are errors at line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "partnership.h"

typedef struct fx {
    lp_contacts *contacts;
    lp_diag d;
    char path[96];
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    f->contacts = contacts_load("content/contacts.yaml", &f->d);
    const char *t = getenv("TMPDIR");
    snprintf(f->path, sizeof f->path, "%s/lp-partnership-XXXXXX", t && *t ? t : "/tmp");
    int fd = mkstemp(f->path);
    if (fd < 0) return -1;
    close(fd);
    *state = f;
    return f->contacts ? 0 : -1;
}

static int teardown(void **state)
{
    fx *f = *state;
    unlink(f->path);
    contacts_free(f->contacts);
    diag_free(&f->d);
    free(f);
    return 0;
}

static lp_partnership *load_text(fx *f, const char *text)
{
    FILE *fp = fopen(f->path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return partnership_load(f->path, f->contacts, &f->d);
}

static void test_the_shipped_and_the_test_partnerships_load(void **state)
{
    fx *f = *state;
    lp_partnership *p = partnership_load("content/partnership.yaml", f->contacts, &f->d);
    assert_non_null(p);
    assert_string_equal(p->short_name, "CSCP");
    assert_null(p->logo);
    assert_int_equal(p->nkey_contacts, 2);
    partnership_free(p);
    p = partnership_load("tests/partnership/partnership.yaml", f->contacts, &f->d);
    assert_non_null(p);
    assert_string_equal(p->name, "Riverside Children's Safeguarding Board");
    /* Its mark is a PNG beside the file, checked and measured on loading. */
    assert_non_null(p->logo);
    assert_null(p->logo->icon);
    assert_string_equal(p->logo->path, "riverside-mark.png");
    assert_int_equal(p->logo->px_w, 120);
    assert_int_equal(p->logo->px_h, 96);
    assert_string_equal(p->dir, "tests/partnership");
    assert_string_equal(p->key_contacts[0], "childline");
    assert_int_equal(p->nfooter, 1);
    assert_int_equal(f->d.n, 0);
    partnership_free(p);
}

static void test_mistakes_are_errors_at_their_place(void **state)
{
    fx *f = *state;
    assert_null(load_text(f, "name: X\nwbe: https://x.org\nlogo: lp-no-such-mark.png\nkey-contacts: [mash, chidline]\n"));
    assert_int_equal(f->d.errors, 3);
    assert_int_equal(f->d.items[0].line, 2);
    assert_string_equal(f->d.items[0].msg, "unknown partnership key 'wbe'");
    assert_string_equal(f->d.items[0].hint, "did you mean 'web'?");
    assert_int_equal(f->d.items[1].line, 3);
    assert_string_equal(f->d.items[1].msg, "picture 'lp-no-such-mark.png' does not exist");
    assert_int_equal(f->d.items[2].line, 4);
    assert_int_equal(f->d.items[2].col, 22);
    assert_string_equal(f->d.items[2].hint, "did you mean 'childline'?");
}

static void test_a_logo_is_an_icon_or_a_png(void **state)
{
    fx *f = *state;
    lp_partnership *p = load_text(f, "name: X\nlogo: icon:trees\n");
    assert_non_null(p);
    assert_string_equal(p->logo->icon, "trees");
    assert_int_equal(p->logo->line, 2);
    partnership_free(p);
    assert_null(load_text(f, "name: X\nlogo: mark.gif\n"));
    assert_string_equal(f->d.items[f->d.n - 1].msg, "bad logo 'mark.gif'");
    assert_null(load_text(f, "name: X\nlogo: icon:Trees\n"));
    assert_string_equal(f->d.items[f->d.n - 1].msg, "bad logo 'icon:Trees'");
}

static void test_a_partnership_needs_a_name(void **state)
{
    fx *f = *state;
    assert_null(load_text(f, "short-name: X\n"));
    assert_non_null(strstr(f->d.items[0].msg, "no name"));
    assert_null(load_text(f, "- a list\n"));
    assert_null(load_text(f, "name: X\nweb: example.org\n"));
    assert_non_null(strstr(f->d.items[f->d.n - 1].msg, "not a web address"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_shipped_and_the_test_partnerships_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mistakes_are_errors_at_their_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_logo_is_an_icon_or_a_png, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_partnership_needs_a_name, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
