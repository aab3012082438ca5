/* test_contacts.c — contacts.yaml -> validated table with tel: links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "contacts.h"

#define FIXTURES "tests/unit/fixtures/yaml/"

typedef struct fx {
    lp_diag d;
    lp_contacts *c;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    contacts_free(f->c);
    diag_free(&f->d);
    free(f);
    return 0;
}

static lp_contacts *load_good(fx *f)
{
    f->c = contacts_load(FIXTURES "contacts-good.yaml", &f->d);
    assert_non_null(f->c);
    assert_int_equal(f->d.n, 0);
    return f->c;
}

static bool has_error(const fx *f, const char *want)
{
    char buf[512];
    for (size_t i = 0; i < f->d.n; i++)
        if (strstr(diag_format(&f->d.items[i], buf, sizeof buf), want)) return true;
    return false;
}

static void test_tel_is_derived_from_the_printed_number(void **state)
{
    fx *f = *state;
    lp_contacts *c = load_good(f);
    assert_int_equal(c->n, 5);
    assert_string_equal(contacts_find(c, "mash")->tel, "tel:+442476788555");
    assert_string_equal(contacts_find(c, "samaritans")->tel, "tel:116123");
    assert_string_equal(contacts_find(c, "emergency")->tel, "tel:999");
    assert_string_equal(contacts_find(c, "abroad")->tel, "tel:+448088005000");
    assert_null(contacts_find(c, "web-only")->tel);
}

static void test_entries_keep_their_fields_and_position(void **state)
{
    fx *f = *state;
    lp_contacts *c = load_good(f);
    const lp_contact *m = contacts_find(c, "mash");
    assert_string_equal(m->name, "Multi Agency Safeguarding Hub");
    assert_string_equal(m->short_name, "MASH");
    assert_string_equal(m->phone, "024 7678 8555");
    assert_string_equal(m->note, "to discuss a child or a case");
    assert_int_equal(m->line, 2);
    assert_int_equal(m->col, 1);
    assert_string_equal(contacts_find(c, "web-only")->icon, "book-open-text");
    assert_null(contacts_find(c, "nobody"));
}

static void test_field_lookup_by_name(void **state)
{
    fx *f = *state;
    lp_contacts *c = load_good(f);
    const lp_contact *s = contacts_find(c, "samaritans");
    bool known = false;
    assert_string_equal(contacts_field(s, "hours", &known), "24 hours a day");
    assert_true(known);
    assert_string_equal(contacts_field(s, "tel", &known), "tel:116123");
    assert_string_equal(contacts_field(s, "email", &known), "jo@samaritans.org");
    assert_string_equal(contacts_field(contacts_find(c, "mash"), "short-name", &known), "MASH");
    assert_null(contacts_field(s, "warning", &known));
    assert_true(known);
    assert_null(contacts_field(s, "fax", &known));
    assert_false(known);
}

static void test_note_in_an_audience_own_words_falls_back_to_the_general_note(void **state)
{
    fx *f = *state;
    lp_contacts *c = load_good(f);
    const lp_contact *m = contacts_find(c, "mash");
    assert_string_equal(contacts_note(m, "young-people"), "If you are not safe at home");
    assert_string_equal(contacts_own_note(m, "young-people"), "If you are not safe at home");
    assert_string_equal(contacts_note(m, "families"), "to discuss a child or a case");
    assert_null(contacts_own_note(m, "families"));
    assert_null(contacts_note(contacts_find(c, "emergency"), "young-people"));
}

static void test_unknown_key_gets_a_suggestion(void **state)
{
    fx *f = *state;
    lp_contacts *c = load_good(f);
    assert_string_equal(contacts_suggest(c, "masj"), "mash");
    assert_string_equal(contacts_suggest(c, "samaritan"), "samaritans");
    assert_null(contacts_suggest(c, "completely-different"));
}

static void test_bad_entries_are_each_reported(void **state)
{
    fx *f = *state;
    f->c = contacts_load(FIXTURES "contacts-bad.yaml", &f->d);
    assert_null(f->c);
    const char *p = FIXTURES "contacts-bad.yaml";
    char want[256];
    snprintf(want, sizeof want, "%s:3:10: error: bad phone number '024  7678 8555'", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:7:3: error: unknown contact field 'phnoe' (did you mean 'phone'?)", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:5:1: error: contact 'cscp' has no way to reach it", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:9:1: error: contact 'nowhere' has no way to reach it", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:12:1: error: bad contact key 'Bad_Key'", p);
    assert_true(has_error(f, want));
    assert_true(has_error(f, "bad email address 'two@at@signs'"));
    assert_true(has_error(f, "contact 'Bad_Key' has no source"));
    assert_int_equal(f->d.errors, 7);
}

/* A suggestion only for a tiny slip: "ceop" is another organisation, not a
 * typo for "cscp", and a wrong key would print a wrong number. */
static void test_suggestions_only_for_a_tiny_slip(void **state)
{
    fx *f = *state;
    f->c = contacts_load("content/contacts.yaml", &f->d);
    assert_non_null(f->c);
    assert_null(contacts_suggest(f->c, "ceop"));
    assert_null(contacts_suggest(f->c, "nspcc"));
    assert_null(contacts_suggest(f->c, "msh-x"));
    assert_string_equal(contacts_suggest(f->c, "msah"), "mash");      /* two letters swapped */
    assert_string_equal(contacts_suggest(f->c, "cscq"), "cscp");      /* one letter */
    assert_string_equal(contacts_suggest(f->c, "childlin"), "childline");
    assert_string_equal(contacts_suggest(f->c, "samartans"), "samaritans");
    assert_string_equal(contacts_suggest(f->c, "stop-itnow"), "stop-it-now");
    assert_null(contacts_suggest(f->c, "stpo-tinow")); /* three edits is a guess, not a slip */
}

static void test_missing_file_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(contacts_load(FIXTURES "no-contacts.yaml", &f->d));
    assert_int_equal(f->d.errors, 1);
    assert_true(has_error(f, "no-contacts.yaml:1:1: error: cannot open file"));
}

static void test_project_contacts_file_loads(void **state)
{
    fx *f = *state;
    f->c = contacts_load("content/contacts.yaml", &f->d);
    assert_non_null(f->c);
    const lp_contact *m = contacts_find(f->c, "mash");
    assert_non_null(m);
    assert_string_equal(m->tel, "tel:+442476788555");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tel_is_derived_from_the_printed_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entries_keep_their_fields_and_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_field_lookup_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_in_an_audience_own_words_falls_back_to_the_general_note,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_gets_a_suggestion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggestions_only_for_a_tiny_slip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_entries_are_each_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_contacts_file_loads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
