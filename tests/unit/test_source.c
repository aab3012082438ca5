/* test_source.c — content file bytes -> front matter + body, and meta validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "source.h"

#define FIXTURES "tests/unit/fixtures/yaml/"

typedef struct fx {
    lp_arena *a;
    lp_diag d;
    lp_source src;
    lp_meta meta;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->a = arena_new();
    diag_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    diag_free(&f->d);
    arena_free(f->a);
    free(f);
    return 0;
}

static const char *first_error(fx *f)
{
    static char buf[512];
    for (size_t i = 0; i < f->d.n; i++)
        if (f->d.items[i].sev == LP_ERROR) return diag_format(&f->d.items[i], buf, sizeof buf);
    return "(no error)";
}

/* Validates front matter text as if it sat on lines 2.. of content/x.md. */
static int meta_of(fx *f, const char *front)
{
    f->src.path = "content/x.md";
    f->src.front = yt_parse(f->a, front, strlen(front), f->src.path, 2, &f->d);
    assert_non_null(f->src.front);
    return source_meta(f->a, &f->src, &f->meta, &f->d);
}

#define BASE "title: T\nformat: trifold\naudience: families\n"

static void test_good_file_splits_front_matter_and_body(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "good.md", &f->src, &f->d), 0);
    assert_int_equal(f->src.body_line, 17);
    assert_true(strncmp(f->src.body, "\n## What it is\n", 15) == 0);
    assert_int_equal(source_meta(f->a, &f->src, &f->meta, &f->d), 0);
    lp_meta *m = &f->meta;
    assert_string_equal(m->title, "What is child sexual abuse?");
    assert_int_equal(m->title_line, 2);
    assert_int_equal(m->format, FMT_GUIDE);
    assert_string_equal(m->audience, "professionals");
    assert_string_equal(m->lang, "en-GB");
    assert_null(m->layout);
    assert_string_equal(m->version, "1.0");
    assert_string_equal(m->review_by, "2027-11-01");
    assert_string_equal(m->picture, "icon:shield-check");
    assert_string_equal(m->fit, "shrink");
    assert_int_equal(m->sides, 2);
    assert_int_equal(m->ncontacts, 2);
    assert_string_equal(m->contacts[1].key, "cscp");
    assert_int_equal(m->contacts[1].line, 15);
    assert_int_equal(m->contacts[1].col, 18);
    assert_int_equal(f->d.n, 0);
}

/* Hard words are easy read's: any other format would print none of their
 * meanings, so they are refused there. */
static void test_words_are_for_easy_read(void **state)
{
    fx *f = *state;
    const char *words = "words:\n  MASH: The team that decides how to keep a child safe.\n"
                        "  grooming: Making friends with a child to abuse them.\n";
    char front[512];
    snprintf(front, sizeof front, "title: T\nformat: easy-read\naudience: families\n%s", words);
    assert_int_equal(meta_of(f, front), 0);
    assert_int_equal(f->meta.nwords, 2);
    assert_string_equal(f->meta.words[1].term, "grooming");
    assert_string_equal(f->meta.words[1].meaning, "Making friends with a child to abuse them.");
    assert_int_equal(f->meta.words[1].line, 7);
    snprintf(front, sizeof front, BASE "%s", words);
    memset(&f->meta, 0, sizeof f->meta);
    assert_int_equal(meta_of(f, front), -1);
    assert_string_equal(first_error(f), "content/x.md:5:1: error: 'words' is read only by easy read: this trifold "
                                        "would print none of their meanings (explain a hard word in the text where "
                                        "it is used, or remove 'words:')");
}

static void test_bom_and_crlf_are_normalised(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "crlf-bom.md", &f->src, &f->d), 0);
    assert_null(strchr(f->src.text, '\r'));
    assert_true(strncmp(f->src.text, "---\n", 4) == 0);
    assert_string_equal(f->src.body, "\nBody\n");
    assert_int_equal(f->src.body_line, 6);
    assert_int_equal(source_meta(f->a, &f->src, &f->meta, &f->d), 0);
    assert_string_equal(f->meta.title, "Crlf");
    assert_string_equal(f->meta.audience, "families");
}

static void test_invalid_utf8_reported_at_line_and_column(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "bad-utf8.md", &f->src, &f->d), -1);
    assert_string_equal(first_error(f), FIXTURES "bad-utf8.md:8:11: error: invalid UTF-8 (byte 0xC3) "
                                                 "(save the file as UTF-8)");
}

static void test_nul_byte_is_rejected_at_its_position(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "nul.md", &f->src, &f->d), -1);
    assert_non_null(strstr(first_error(f), "nul.md:6:3: error: NUL byte in content file"));
}

static void test_missing_closing_fence_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "unclosed.md", &f->src, &f->d), -1);
    assert_string_equal(first_error(f), FIXTURES "unclosed.md:1:1: error: front matter is not closed "
                                                 "(end the front matter with a line '---')");
}

static void test_file_without_front_matter_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "no-front.md", &f->src, &f->d), -1);
    assert_non_null(strstr(first_error(f), "no-front.md:1:1: error: missing front matter"));
}

static void test_yaml_error_reports_the_real_file_line(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "bad-yaml.md", &f->src, &f->d), -1);
    /* The flow sequence opened on line 4 is cut off by the closing fence. */
    const char *e = first_error(f);
    assert_non_null(strstr(e, "bad-yaml.md:5:1: error: invalid YAML"));
}

static void test_missing_file_is_an_error_naming_it(void **state)
{
    fx *f = *state;
    assert_int_equal(source_load(f->a, FIXTURES "absent.md", &f->src, &f->d), -1);
    assert_non_null(strstr(first_error(f), "absent.md:1:1: error: cannot open file: No such file"));
}

static void test_unknown_key_suggests_the_closest(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "sumary: x\n"), -1);
    assert_string_equal(first_error(f),
                        "content/x.md:5:1: error: unknown front-matter key 'sumary' (did you mean 'summary'?)");
}

static void test_bad_format_suggests_the_closest(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, "title: T\naudience: families\nformat:  trifld\n"), -1);
    assert_string_equal(first_error(f), "content/x.md:4:10: error: unknown format 'trifld' (did you mean 'trifold'?)");
}

static void test_bad_audience_far_from_any_lists_the_choices(void **state)
{
    fx *f = *state;
    /* The audiences are the themes: the front matter names one, the
     * caller checks it against the list. */
    assert_int_equal(meta_of(f, "title: T\nformat: poster\naudience: everyone-at-once\n"), 0);
    static const char *const themes[] = {"professionals", "families", "young-people"};
    assert_int_equal(source_check_audience(&f->meta, "content/x.md", themes, 3, &f->d), -1);
    assert_string_equal(first_error(f), "content/x.md:4:11: error: unknown audience 'everyone-at-once' (use one "
                                        "of: professionals, families, young-people)");
}

static void test_close_audience_gets_a_suggestion_and_a_bad_name_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, "title: T\nformat: poster\naudience: famlies\n"), 0);
    static const char *const themes[] = {"professionals", "families", "young-people", "adults"};
    assert_int_equal(source_check_audience(&f->meta, "content/x.md", themes, 4, &f->d), -1);
    assert_non_null(strstr(first_error(f), "unknown audience 'famlies' (did you mean 'families'?)"));
    meta_of(f, "title: T\nformat: poster\naudience: Young People\n");
    assert_non_null(strstr(f->d.items[f->d.n - 1].msg, "bad audience name 'Young People'"));
}

static void test_missing_required_keys_are_each_reported(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, "summary: s\n"), -1);
    assert_int_equal(f->d.errors, 3);
    assert_non_null(strstr(f->d.items[0].msg, "'title'"));
    assert_non_null(strstr(f->d.items[1].msg, "'format'"));
    assert_non_null(strstr(f->d.items[2].msg, "'audience'"));
}

static void test_impossible_date_is_an_error_at_the_value(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "reviewed: 2026-02-29\n"), -1);
    assert_string_equal(first_error(f), "content/x.md:5:11: error: 'reviewed' is not a valid date: '2026-02-29' "
                                        "(write a real date as YYYY-MM-DD, e.g. 2026-11-01)");
}

static void test_leap_day_is_a_real_date(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "reviewed: 2028-02-29\nreview-by: 2029-02-28\n"), 0);
    assert_string_equal(f->meta.reviewed, "2028-02-29");
}

static void test_review_by_before_reviewed_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "reviewed: 2026-11-01\nreview-by: 2025-11-01\n"), -1);
    assert_non_null(strstr(first_error(f), "content/x.md:6:12: error: 'review-by' (2025-11-01) is not after"));
}

static void test_wrong_type_says_what_was_expected(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "subtitle: [a, b]\n"), -1);
    assert_non_null(strstr(first_error(f), "content/x.md:5:11: error: 'subtitle' must be text, not a list"));
}

static void test_topics_and_ages_are_read(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "topics: [grooming, online safety]\nages: 0-17\n"), 0);
    assert_int_equal(f->meta.ntopics, 2);
    assert_string_equal(f->meta.topics[1], "online safety");
    assert_int_equal(f->meta.age_min, 0);
    assert_int_equal(f->meta.age_max, 17);
}

static void test_no_ages_is_minus_one(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE), 0);
    assert_int_equal(f->meta.age_min, -1);
    assert_int_equal(f->meta.ntopics, 0);
}

static void test_ages_must_be_a_range_in_order(void **state)
{
    fx *f = *state;
    static const char *const bad[] = {"12", "17-11", "0-26", "-1-5", "1-2-3", "a-b", "11 - 17", "011-17x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        diag_free(&f->d);
        diag_init(&f->d);
        char front[128];
        snprintf(front, sizeof front, BASE "ages: \"%s\"\n", bad[i]);
        assert_int_equal(meta_of(f, front), -1);
        assert_non_null(strstr(first_error(f), "'ages' is not an age range"));
    }
}

static void test_a_topic_listed_twice_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "topics: [Grooming, grooming]\n"), -1);
    assert_non_null(strstr(first_error(f), "content/x.md:5:20: error: topic 'grooming' is listed twice"));
}

static void test_every_key_has_its_help(void **state)
{
    (void)state;
    for (size_t i = 0; i < source_nknown_keys; i++) {
        assert_string_equal(source_key_help[i].key, source_known_keys[i]);
        assert_true(strlen(source_key_help[i].what) > 10);
    }
}

static void test_contacts_must_be_a_list(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "contacts: mash\n"), -1);
    assert_non_null(strstr(first_error(f), "'contacts' must be a list, not a value"));
}

static void test_source_must_be_a_web_address(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "source: ftp://example.org/x\n"), -1);
    assert_non_null(strstr(first_error(f), "content/x.md:5:9: error: 'source' must be an http or https URL"));
}

static void test_picture_path_may_not_leave_the_project(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "picture: ../../etc/passwd\n"), -1);
    assert_non_null(strstr(first_error(f), "'picture' must be an icon or a relative path"));
}

static void test_icon_prefix_is_read_in_any_case_once(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "picture: ICON:shield-check\n"), 0);
    assert_string_equal(f->meta.picture, "icon:shield-check");
    assert_int_equal(meta_of(f, BASE "picture: Icon:Shield\n"), -1);
    assert_non_null(strstr(first_error(f), "bad icon name in 'picture': 'icon:Shield'"));
}

static void test_lang_must_look_like_a_language_tag(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "lang: cy\n"), 0);
    assert_string_equal(f->meta.lang, "cy");
    assert_int_equal(meta_of(f, BASE "lang: English please\n"), -1);
    assert_non_null(strstr(first_error(f), "'lang' is not a language tag"));
}

static void test_sides_must_be_one_or_two(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "sides: 3\n"), -1);
    assert_non_null(strstr(first_error(f), "content/x.md:5:8: error: 'sides' must be 1 or 2"));
}

static void test_fit_accepts_only_shrink(void **state)
{
    fx *f = *state;
    assert_int_equal(meta_of(f, BASE "fit: shrnk\n"), -1);
    assert_non_null(strstr(first_error(f), "unknown fit 'shrnk' (did you mean 'shrink'?)"));
}

static void test_format_names_match_the_enum(void **state)
{
    (void)state;
    assert_string_equal(lp_format_names[FMT_GUIDE], "one-minute-guide");
    assert_string_equal(lp_format_names[FMT_EASYREAD], "easy-read");
    assert_string_equal(lp_format_names[FMT_BOOKLET], "booklet");
    assert_int_equal(source_nknown_keys, 19);
}

/* Writes bytes to a scratch file and loads it. */
static int load_bytes(fx *f, const char *bytes, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_source_%ld.md", (long)getpid());
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
    int rc = source_load(f->a, path, &f->src, &f->d);
    remove(path);
    return rc;
}

#define FILE_HEAD "---\ntitle: T\nformat: trifold\naudience: families\n---\n"

static void test_invisible_characters_are_dropped(void **state)
{
    fx *f = *state;
    /* zero-width space, soft hyphen, right-to-left mark, word joiner */
    static const char text[] = "---\ntitle: Safe\xC2\xADguarding\nformat: trifold\naudience: families\n---\n"
                               "Zero\xE2\x80\x8Bwidth, right\xE2\x80\x8F mark, word\xE2\x81\xA0joiner.\n";
    assert_int_equal(load_bytes(f, text, sizeof text - 1), 0);
    assert_string_equal(f->src.body, "Zerowidth, right mark, wordjoiner.\n");
    assert_int_equal(source_meta(f->a, &f->src, &f->meta, &f->d), 0);
    assert_string_equal(f->meta.title, "Safeguarding");
}

static void test_bidi_override_reported_at_line_and_column(void **state)
{
    fx *f = *state;
    static const char text[] = FILE_HEAD "\nCall \xE2\x80\xAE" "9990 now.\n";
    assert_int_equal(load_bytes(f, text, sizeof text - 1), -1);
    assert_non_null(strstr(first_error(f), ".md:7:6: error: bidirectional embedding or override U+202E"));
}

static void test_control_character_reported_at_line_and_column(void **state)
{
    fx *f = *state;
    static const char text[] = FILE_HEAD "Word\vbreak.\n";
    assert_int_equal(load_bytes(f, text, sizeof text - 1), -1);
    assert_non_null(strstr(first_error(f), ".md:6:5: error: vertical tab (a Word line break) U+000B"));
}

static void test_utf16_file_is_named_as_such(void **state)
{
    fx *f = *state;
    static const char text[] = "\xFF\xFE-\0-\0-\0\n\0";
    assert_int_equal(load_bytes(f, text, sizeof text - 1), -1);
    assert_non_null(strstr(first_error(f), ".md:1:1: error: the file is UTF-16, not UTF-8"));
}

static void test_file_one_byte_over_the_cap_is_refused(void **state)
{
    fx *f = *state;
    size_t n = SRC_MAX_BYTES + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'a', n);
    memcpy(big, FILE_HEAD, strlen(FILE_HEAD));
    assert_int_equal(load_bytes(f, big, n), -1);
    assert_non_null(strstr(first_error(f), "error: file is larger than 4194304 bytes"));
    diag_free(&f->d);
    diag_init(&f->d);
    assert_int_equal(load_bytes(f, big, n - 1), 0); /* exactly at the cap */
    assert_int_equal(f->src.len, n - 1);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_words_are_for_easy_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_file_splits_front_matter_and_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_and_crlf_are_normalised, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_reported_at_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul_byte_is_rejected_at_its_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_closing_fence_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_without_front_matter_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yaml_error_reports_the_real_file_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_is_an_error_naming_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_suggests_the_closest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_format_suggests_the_closest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_audience_far_from_any_lists_the_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_audience_gets_a_suggestion_and_a_bad_name_an_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_missing_required_keys_are_each_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_impossible_date_is_an_error_at_the_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leap_day_is_a_real_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_by_before_reviewed_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_type_says_what_was_expected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts_must_be_a_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_must_be_a_web_address, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picture_path_may_not_leave_the_project, setup, teardown),
        cmocka_unit_test_setup_teardown(test_icon_prefix_is_read_in_any_case_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lang_must_look_like_a_language_tag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sides_must_be_one_or_two, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fit_accepts_only_shrink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_names_match_the_enum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invisible_characters_are_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bidi_override_reported_at_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_control_character_reported_at_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf16_file_is_named_as_such, setup, teardown),
        cmocka_unit_test_setup_teardown(test_topics_and_ages_are_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_ages_is_minus_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ages_must_be_a_range_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_topic_listed_twice_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_key_has_its_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_one_byte_over_the_cap_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
