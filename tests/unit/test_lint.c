/* test_lint.c — readability measures, and each content check firing on a
 * small bad document (tests/lint/) and staying quiet on a good one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "contacts.h"
#include "formats.h"
#include "fonts.h"
#include "layout_spec.h"
#include "lint.h"
#include "markdown.h"
#include "source.h"

#define DOCS "tests/lint/"
#define TODAY "2027-01-15"

typedef struct fx {
    lp_fonts *fonts;
    lp_contacts *contacts;
    lp_arena *a;
    lp_spec *spec;
    lp_doc doc;
    lp_diag d;
    int errors; /* lint_doc's return */
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    lp_diag d;
    diag_init(&d);
    f->fonts = fonts_new("fonts");
    f->contacts = contacts_load("content/contacts.yaml", &d);
    diag_free(&d);
    diag_init(&f->d);
    f->a = arena_new();
    *state = f;
    return f->fonts && f->contacts ? 0 : -1;
}

static int teardown(void **state)
{
    fx *f = *state;
    spec_free(f->spec);
    arena_free(f->a);
    diag_free(&f->d);
    contacts_free(f->contacts);
    fonts_free(f->fonts);
    free(f);
    return 0;
}

static void dump(const lp_diag *d)
{
    char buf[1024];
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "  %s\n", diag_format(&d->items[i], buf, sizeof buf));
}

/* Parses a test document and loads its theme, as `leafpress check` does. */
static void load(fx *f, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, DOCS "%s", name);
    f->doc.path = arena_strdup(f->a, path);
    f->doc.arena = f->a;
    lp_source src;
    lp_diag d;
    diag_init(&d);
    int ok = source_load(f->a, path, &src, &d) == 0 && source_meta(f->a, &src, &f->doc.meta, &d) == 0 &&
             md_parse(&f->doc, &src, f->contacts, &d) == 0;
    if (ok) {
        const lp_meta *m = &f->doc.meta;
        f->spec = spec_load("layouts", format_default_layout(m->format), m->audience,
                            f->fonts, &d);
    }
    if (!ok || !f->spec) dump(&d);
    assert_true(ok);
    assert_non_null(f->spec);
    diag_free(&d);
}

static void lint(fx *f, const char *name, const char *today)
{
    load(f, name);
    f->errors = lint_doc(&f->doc, f->spec, f->contacts, today, &f->d);
}

/* The one diagnostic whose message contains text, or NULL. */
static const lp_diag_item *find(const fx *f, const char *text)
{
    for (size_t i = 0; i < f->d.n; i++)
        if (strstr(f->d.items[i].msg, text)) return &f->d.items[i];
    return NULL;
}

static void expect(const fx *f, lp_severity sev, int line, int col, const char *text)
{
    const lp_diag_item *it = find(f, text);
    if (!it) {
        fprintf(stderr, "no diagnostic containing '%s'; got:\n", text);
        dump(&f->d);
    }
    assert_non_null(it);
    assert_int_equal(it->sev, sev);
    assert_int_equal(it->line, line);
    assert_int_equal(it->col, col);
}

static void expect_quiet(const fx *f)
{
    if (f->d.n) dump(&f->d);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->errors, 0);
}

/* ------------------------------------------------------- readability */

static void test_syllables_of_everyday_words(void **state)
{
    (void)state;
    static const struct {
        const char *w;
        int n;
    } words[] = {
        {"cat", 1},      {"the", 1},        {"table", 2},        {"happy", 2},      {"someone", 2},
        {"jumped", 1},   {"wanted", 2},     {"makes", 1},        {"boxes", 2},      {"beautiful", 3},
        {"violence", 3}, {"social", 2},     {"education", 4},    {"exploitation", 4}, {"Childline", 2},
        {"people", 2},   {"trust", 1},      {"abuse", 2},        {"you", 1},        {"actual", 3},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        int got = lint_syllables(words[i].w, strlen(words[i].w));
        if (got != words[i].n) fprintf(stderr, "%s: %d syllables, expected %d\n", words[i].w, got, words[i].n);
        assert_int_equal(got, words[i].n);
    }
}

static void test_syllables_ignore_punctuation_and_count_numbers_once(void **state)
{
    (void)state;
    assert_int_equal(lint_syllables("trust.", 6), 1);
    assert_int_equal(lint_syllables("“happy”", strlen("“happy”")), 2);
    assert_int_equal(lint_syllables("999", 3), 1);
    assert_int_equal(lint_syllables("--", 2), 0);
}

static void test_measure_counts_sentences_words_syllables_and_flesch(void **state)
{
    (void)state;
    lint_stats st;
    lint_measure("The cat sat on the mat. It was happy.", &st);
    assert_int_equal(st.sentences, 2);
    assert_int_equal(st.words, 9);
    assert_int_equal(st.syllables, 10);
    assert_int_equal(st.long_words, 0);
    assert_int_equal(st.longest_sentence, 6);
    /* 206.835 - 1.015 * 9/2 - 84.6 * 10/9 */
    assert_float_equal(st.reading_ease, 108.2675, 1e-9);
}

static void test_measure_counts_long_words(void **state)
{
    (void)state;
    lint_stats st;
    lint_measure("Exploitation is a beautiful word for violence.", &st);
    assert_int_equal(st.sentences, 1);
    assert_int_equal(st.words, 7);
    assert_int_equal(st.syllables, 4 + 1 + 1 + 3 + 1 + 1 + 3);
    assert_int_equal(st.long_words, 3);
}

static void test_measure_does_not_end_sentences_at_abbreviations(void **state)
{
    (void)state;
    lint_stats st;
    lint_measure("Tell an adult, e.g. a teacher or a parent. Then rest.", &st);
    assert_int_equal(st.sentences, 2);
    assert_int_equal(st.longest_sentence, 9);
}

static void test_measure_ends_a_sentence_at_a_line_end(void **state)
{
    (void)state;
    lint_stats st;
    lint_measure("Tell an adult you trust\nIt is free\n\nYou will not be in trouble", &st);
    assert_int_equal(st.sentences, 3);
    assert_int_equal(st.words, 14);
    assert_int_equal(st.longest_sentence, 6);
}

static void test_measure_skips_dashes_and_handles_empty_text(void **state)
{
    (void)state;
    lint_stats st;
    lint_measure("Listen – then act.", &st);
    assert_int_equal(st.words, 3);
    lint_measure("", &st);
    assert_int_equal(st.sentences, 0);
    assert_int_equal(st.words, 0);
    assert_float_equal(st.reading_ease, 0.0, 0.0);
    lint_measure(NULL, &st);
    assert_int_equal(st.words, 0);
}

/* ------------------------------------------------------------- checks */

static void test_good_easy_read_is_quiet(void **state)
{
    fx *f = *state;
    lint(f, "yp-good.md", TODAY);
    expect_quiet(f);
}

static void test_good_families_leaflet_is_quiet(void **state)
{
    fx *f = *state;
    lint(f, "families-good.md", TODAY);
    expect_quiet(f);
}

static void test_easy_read_sentence_over_15_words_is_an_error_at_its_start(void **state)
{
    fx *f = *state;
    lint(f, "yp-long-sentence.md", TODAY);
    expect(f, LP_ERROR, 12, 24, "sentence of 19 words (at most 15");
    assert_int_equal(f->errors, 1);
}

static void test_easy_read_second_sentence_on_a_line_is_a_warning(void **state)
{
    fx *f = *state;
    lint(f, "yp-two-sentences.md", TODAY);
    expect(f, LP_WARNING, 12, 48, "second sentence on the same line");
    assert_int_equal(f->errors, 0);
}

static void test_long_word_outside_words_list_is_a_warning(void **state)
{
    fx *f = *state;
    lint(f, "yp-long-word.md", TODAY);
    expect(f, LP_WARNING, 12, 48, "long word 'responsibilities' (16 letters; at most 12");
}

static void test_young_people_jargon_without_words_entry_is_an_error(void **state)
{
    fx *f = *state;
    lint(f, "yp-jargon.md", TODAY);
    expect(f, LP_ERROR, 12, 28, "hard word 'perpetrator' is not explained");
    assert_int_equal(f->errors, 1);
}

static void test_families_jargon_must_be_glossed_where_it_first_appears(void **state)
{
    fx *f = *state;
    lint(f, "families-unexplained.md", TODAY);
    expect(f, LP_WARNING, 14, 6, "hard word 'MASH' is not explained");
    assert_int_equal(f->d.warnings, 1);
}

static void test_hard_reading_is_flagged_with_its_flesch_score(void **state)
{
    fx *f = *state;
    lint(f, "families-hard-reading.md", TODAY);
    expect(f, LP_WARNING, 2, 1, "is below 60 for families (Flesch)");
}

static void test_typed_phone_number_is_an_error_at_the_number(void **state)
{
    fx *f = *state;
    lint(f, "yp-typed-phone.md", TODAY);
    expect(f, LP_ERROR, 12, 50, "phone number '0800\xC2\xA0" "1111' typed by hand");
    assert_int_equal(f->errors, 1);
}

static void test_typed_email_address_is_an_error(void **state)
{
    fx *f = *state;
    lint(f, "yp-typed-email.md", TODAY);
    expect(f, LP_ERROR, 12, 41, "address 'help@example.org' typed by hand");
    assert_int_equal(f->errors, 1);
}

static void test_click_here_link_is_an_error_and_its_typed_url_too(void **state)
{
    fx *f = *state;
    lint(f, "yp-click-here.md", TODAY);
    expect(f, LP_ERROR, 12, 45, "link text 'click here' does not say where it goes");
    expect(f, LP_ERROR, 12, 45, "link to 'https://www.childline.org.uk/' typed by hand");
    assert_int_equal(f->errors, 2);
}

static void test_bare_url_with_a_path_is_an_error_in_easy_read(void **state)
{
    fx *f = *state;
    lint(f, "yp-bare-url.md", TODAY);
    expect(f, LP_ERROR, 12, 34, "bare web address 'westmidsregionalcypsas.co.uk/professionals'");
    assert_null(find(f, "long word")); /* an address is not a word */
}

static void test_missing_version_and_source_are_errors(void **state)
{
    fx *f = *state;
    lint(f, "missing-meta.md", TODAY);
    expect(f, LP_ERROR, 2, 1, "front matter has no 'version'");
    expect(f, LP_ERROR, 2, 1, "front matter has no 'source'");
    assert_null(find(f, "'reviewed'"));
    assert_int_equal(f->errors, 2);
}

static void test_review_date_in_the_past_is_a_warning_at_its_line(void **state)
{
    fx *f = *state;
    lint(f, "yp-good.md", "2028-01-01");
    expect(f, LP_WARNING, 6, 1, "review date 2027-11-01 has passed");
    assert_int_equal(f->errors, 0);
}

static void test_front_matter_contact_that_is_not_defined_is_an_error(void **state)
{
    /* The parse refuses it, for every format, before any check runs. */
    fx *f = *state;
    f->doc.path = DOCS "unknown-contact.md";
    f->doc.arena = f->a;
    lp_source src;
    assert_int_equal(source_load(f->a, f->doc.path, &src, &f->d), 0);
    assert_int_equal(source_meta(f->a, &src, &f->doc.meta, &f->d), 0);
    assert_int_equal(md_parse(&f->doc, &src, f->contacts, &f->d), -1);
    expect(f, LP_ERROR, 9, 12, "unknown contact 'childlin'");
    const lp_diag_item *it = find(f, "unknown contact");
    assert_string_equal(it->hint, "did you mean 'childline'?");
}

static void test_image_without_alt_text_is_an_error(void **state)
{
    fx *f = *state;
    load(f, "yp-good.md");
    /* The parser refuses a missing alt text, so the model is edited to
     * show that the check stands on its own. */
    lp_block *row = NULL;
    for (size_t i = 0; i < f->doc.nblocks && !row; i++)
        if (f->doc.blocks[i].kind == BLK_PARA) row = &f->doc.blocks[i];
    assert_non_null(row);
    assert_int_equal(row->in[0].kind, IN_IMAGE);
    row->in[0].text = " ";
    f->errors = lint_doc(&f->doc, f->spec, f->contacts, TODAY, &f->d);
    expect(f, LP_ERROR, row->in[0].line, row->in[0].col, "image without alt text");
    assert_int_equal(f->errors, 1);
}

static void test_unused_contact_is_a_warning_at_its_key(void **state)
{
    fx *f = *state;
    load(f, "yp-good.md");
    const lp_doc *docs[] = {&f->doc};
    lint_unused_contacts(f->contacts, docs, 1, &f->d);
    const lp_contact *mash = contacts_find(f->contacts, "mash");
    assert_non_null(mash);
    expect(f, LP_WARNING, mash->line, mash->col, "contact 'mash' is not used by any document");
    assert_null(find(f, "'childline'"));
    assert_int_equal(f->d.errors, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syllables_of_everyday_words),
        cmocka_unit_test(test_syllables_ignore_punctuation_and_count_numbers_once),
        cmocka_unit_test(test_measure_counts_sentences_words_syllables_and_flesch),
        cmocka_unit_test(test_measure_counts_long_words),
        cmocka_unit_test(test_measure_does_not_end_sentences_at_abbreviations),
        cmocka_unit_test(test_measure_ends_a_sentence_at_a_line_end),
        cmocka_unit_test(test_measure_skips_dashes_and_handles_empty_text),
        T(test_good_easy_read_is_quiet),
        T(test_good_families_leaflet_is_quiet),
        T(test_easy_read_sentence_over_15_words_is_an_error_at_its_start),
        T(test_easy_read_second_sentence_on_a_line_is_a_warning),
        T(test_long_word_outside_words_list_is_a_warning),
        T(test_young_people_jargon_without_words_entry_is_an_error),
        T(test_families_jargon_must_be_glossed_where_it_first_appears),
        T(test_hard_reading_is_flagged_with_its_flesch_score),
        T(test_typed_phone_number_is_an_error_at_the_number),
        T(test_typed_email_address_is_an_error),
        T(test_click_here_link_is_an_error_and_its_typed_url_too),
        T(test_bare_url_with_a_path_is_an_error_in_easy_read),
        T(test_missing_version_and_source_are_errors),
        T(test_review_date_in_the_past_is_a_warning_at_its_line),
        T(test_front_matter_contact_that_is_not_defined_is_an_error),
        T(test_image_without_alt_text_is_an_error),
        T(test_unused_contact_is_a_warning_at_its_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
