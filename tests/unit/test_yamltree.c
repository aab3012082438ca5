/* test_yamltree.c — YAML text -> yt_node trees, positions and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include <cmocka.h>

#include "yamltree.h"

#define FIXTURES "tests/unit/fixtures/yaml/"

#include "arena_fixture.h"

static yt_node *parse(fx *f, const char *text, int first_line)
{
    return yt_parse(f->a, text, strlen(text), "t.yaml", first_line, &f->d);
}

/* The one error, as main.c would print it. */
static const char *error_text(fx *f)
{
    static char buf[512];
    assert_int_equal(f->d.errors, 1);
    for (size_t i = 0; i < f->d.n; i++)
        if (f->d.items[i].sev == LP_ERROR) return diag_format(&f->d.items[i], buf, sizeof buf);
    return "";
}

static void test_nodes_carry_real_lines_and_columns(void **state)
{
    fx *f = *state;
    yt_node *r = parse(f, "title: Hello\nlist:\n  - one\n  - \"two\"\nmap: { a: 1 }\n", 2);
    assert_non_null(r);
    assert_int_equal(r->kind, YT_MAP);
    assert_int_equal(r->n, 3);
    assert_int_equal(r->keys[0]->line, 2);
    assert_int_equal(r->keys[0]->col, 1);
    const yt_node *t = yt_get(r, "title");
    assert_string_equal(t->scalar, "Hello");
    assert_int_equal(t->line, 2);
    assert_int_equal(t->col, 8);
    const yt_node *l = yt_get(r, "list");
    assert_int_equal(l->kind, YT_SEQ);
    assert_int_equal(l->n, 2);
    assert_int_equal(l->vals[1]->line, 5);
    assert_int_equal(l->vals[1]->col, 5);
    assert_false(l->vals[0]->quoted);
    assert_true(l->vals[1]->quoted);
    assert_string_equal(yt_path(r, "map.a")->scalar, "1");
    assert_string_equal(yt_path(r, "list.1")->scalar, "two");
    assert_null(yt_path(r, "list.2"));
    assert_null(yt_path(r, "map.b"));
    assert_int_equal(f->d.n, 0);
}

static void test_empty_document_is_an_empty_map(void **state)
{
    fx *f = *state;
    yt_node *r = parse(f, "", 1);
    assert_non_null(r);
    assert_int_equal(r->kind, YT_MAP);
    assert_int_equal(r->n, 0);
    r = parse(f, "# only a comment\n", 1);
    assert_non_null(r);
    assert_int_equal(r->kind, YT_MAP);
}

static void test_syntax_error_reports_problem_at_its_line(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "title: a\nsummary: ok: not ok\n", 2));
    const char *e = error_text(f);
    assert_non_null(strstr(e, "t.yaml:3:12: error: invalid YAML: mapping values are not allowed"));
}

static void test_duplicate_key_is_an_error_at_the_second_key(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: 1\nb: 2\na: 3\n", 1));
    assert_string_equal(error_text(f), "t.yaml:3:1: error: duplicate key 'a' (delete one of the two)");
}

/* Few keys are compared one by one, more through a hash: a repeated key
 * is found wherever the two are, in maps of any size, and two big maps
 * may share keys. */
static void test_duplicate_key_in_a_map_of_any_size(void **state)
{
    fx *f = *state;
    for (int keys = 2; keys <= 40; keys += 3)
        for (int first = 0; first < keys; first += 5) {
            char text[2048] = "", line[32];
            for (int k = 0; k < keys; k++) {
                snprintf(line, sizeof line, "key%d: %d\n", k, k);
                strcat(text, line);
            }
            snprintf(line, sizeof line, "key%d: again\n", first);
            strcat(text, line);
            assert_null(parse(f, text, 1));
            char want[96];
            snprintf(want, sizeof want, "t.yaml:%d:1: error: duplicate key 'key%d'", keys + 1, first);
            assert_non_null(strstr(error_text(f), want));
            diag_free(&f->d);
            diag_init(&f->d);
        }
    char text[4096] = "";
    for (int m = 0; m < 2; m++) {
        strcat(text, m ? "y:\n" : "x:\n");
        for (int k = 0; k < 30; k++) {
            char line[32];
            snprintf(line, sizeof line, "  key%d: %d\n", k, k);
            strcat(text, line);
        }
    }
    yt_node *r = parse(f, text, 1);
    assert_non_null(r);
    assert_int_equal(yt_get(r, "y")->n, 30);
    assert_string_equal(yt_path(r, "y.key29")->scalar, "29");
    assert_int_equal(f->d.n, 0);
}

static void test_same_key_in_different_maps_is_fine(void **state)
{
    fx *f = *state;
    yt_node *r = parse(f, "x: { a: 1 }\ny: { a: 2 }\n", 1);
    assert_non_null(r);
    assert_string_equal(yt_path(r, "y.a")->scalar, "2");
}

static void test_non_scalar_key_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "? [a, b]\n: 1\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:1:3: error: a map key must be a scalar, not a list"));
}

static void test_nul_escape_in_scalar_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: ok\nb: \"x\\0y\"\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:2:4: error: NUL character in a YAML value"));
}

static void test_second_document_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: 1\n---\nb: 2\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:2:1: error: more than one YAML document"));
}

static void test_alias_points_at_the_anchored_node(void **state)
{
    fx *f = *state;
    yt_node *r = parse(f, "base: &b { size: 10pt }\ncopy: *b\n", 1);
    assert_non_null(r);
    assert_ptr_equal(yt_get(r, "base"), yt_get(r, "copy"));
}

static void test_unknown_alias_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: 1\nb: *nope\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:2:4: error: unknown alias '*nope'"));
}

static void test_alias_bomb_is_rejected_quickly(void **state)
{
    fx *f = *state;
    /* Nine levels of ten aliases each: 10^9 nodes if expanded. */
    char text[4096] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; i++) {
        char line[256];
        snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i,
                 i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(text, line);
    }
    clock_t t0 = clock();
    assert_null(parse(f, text, 1));
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 0.5);
    const char *e = error_text(f);
    assert_non_null(strstr(e, "too many YAML nodes after alias expansion (alias bomb?)"));
    /* a3 expands to 11111 nodes, so the cap of 10^5 is passed on a4's line. */
    assert_non_null(strstr(e, "t.yaml:5:"));
}

static void test_long_value_through_many_aliases_is_rejected(void **state)
{
    fx *f = *state;
    /* 40 KB of text named by 200 aliases: 8 MB after expansion, few nodes. */
    size_t big = 40000;
    char *text = malloc(big + 4096);
    strcpy(text, "long: &s ");
    size_t w = strlen(text);
    memset(text + w, 'x', big);
    w += big;
    strcpy(text + w, "\nmany: [");
    w = strlen(text);
    for (int i = 0; i < 200; i++) w += (size_t)sprintf(text + w, "%s*s", i ? "," : "");
    strcpy(text + w, "]\n");
    clock_t t0 = clock();
    assert_null(parse(f, text, 1));
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
    const char *e = error_text(f);
    assert_non_null(strstr(e, "t.yaml:2:"));
    assert_non_null(strstr(e, "error: YAML text longer than 4194304 bytes after alias expansion"));
    free(text);
}

static void test_a_few_aliases_of_a_long_value_are_fine(void **state)
{
    fx *f = *state;
    char *text = malloc(50000);
    strcpy(text, "long: &s ");
    size_t w = strlen(text);
    memset(text + w, 'y', 40000);
    strcpy(text + w + 40000, "\nmore: [*s, *s, *s]\n");
    yt_node *r = parse(f, text, 1);
    assert_non_null(r);
    assert_int_equal(yt_get(r, "more")->n, 3);
    assert_int_equal(yt_get(r, "more")->vals[2]->len, 40000);
    free(text);
}

static void test_explicit_tags_are_errors(void **state)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"a: 1\nb: !!python/object:os.system [ls]\n", "t.yaml:2:4: error: YAML tag '!!python/object:os.system' is not allowed"},
        {"pic: !!binary aGVsbG8=\n", "t.yaml:1:6: error: YAML tag '!!binary' is not allowed"},
        {"title: !!str 12\n", "t.yaml:1:8: error: YAML tag '!!str' is not allowed"},
        {"x:\n  - !custom { a: 1 }\n", "t.yaml:2:5: error: YAML tag '!custom' is not allowed"},
        {"%TAG !e! tag:example.com,2000:\n---\nk: !e!thing v\n", "t.yaml:3:4: error: YAML tag 'tag:example.com,2000:thing' is not allowed"},
        {"k: ! plain\n", "t.yaml:1:4: error: YAML tag '!' is not allowed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx *f = *state;
        diag_free(&f->d);
        diag_init(&f->d);
        assert_null(parse(f, cases[i].text, 1));
        const char *e = error_text(f);
        if (!strstr(e, cases[i].want)) fail_msg("case %zu: got '%s', want '%s'", i, e, cases[i].want);
        assert_non_null(strstr(e, "(remove the tag"));
    }
}

static void test_nul_byte_in_yaml_has_its_place(void **state)
{
    fx *f = *state;
    static const char text[] = "a: 1\nbb: x\0y\n";
    assert_null(yt_parse(f->a, text, sizeof text - 1, "t.yaml", 3, &f->d));
    assert_non_null(strstr(error_text(f), "t.yaml:4:6: error: NUL byte in YAML"));
}

static void test_deep_nesting_is_rejected(void **state)
{
    fx *f = *state;
    char text[256] = "";
    for (int i = 0; i < YT_MAX_DEPTH + 5; i++) strcat(text, "[");
    for (int i = 0; i < YT_MAX_DEPTH + 5; i++) strcat(text, "]");
    assert_null(parse(f, text, 1));
    char want[64];
    snprintf(want, sizeof want, "t.yaml:1:%d: error: YAML nested deeper than %d levels", YT_MAX_DEPTH + 1,
             YT_MAX_DEPTH);
    assert_non_null(strstr(error_text(f), want));
}

static void test_nesting_at_the_limit_is_accepted(void **state)
{
    fx *f = *state;
    char text[256] = "";
    for (int i = 0; i < YT_MAX_DEPTH; i++) strcat(text, "[");
    for (int i = 0; i < YT_MAX_DEPTH; i++) strcat(text, "]");
    assert_non_null(parse(f, text, 1));
}

static void test_invalid_utf8_reports_line_and_column(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: ok\nb: caf\xC3\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:2:7: error: invalid UTF-8 in YAML"));
}

/* The checks skip runs of plain ASCII at a time: a bad byte or character
 * is still found at every place in and after such a run. */
static void test_bad_bytes_are_found_after_any_run_of_ascii(void **state)
{
    fx *f = *state;
    for (int at = 0; at < 20; at++) {
        char text[64], want[64];
        snprintf(text, sizeof text, "k: %.*s\xC3 tail\n", at, "abcdefghijklmnopqrstuvwxyz");
        assert_null(parse(f, text, 1));
        snprintf(want, sizeof want, "t.yaml:1:%d: error: invalid UTF-8 in YAML", at + 4);
        assert_non_null(strstr(error_text(f), want));
        diag_free(&f->d);
        diag_init(&f->d);
        snprintf(text, sizeof text, "k: \"%.*s\\u202E\"\n", at, "abcdefghijklmnopqrstuvwxyz");
        assert_null(parse(f, text, 1));
        assert_non_null(strstr(error_text(f), "bidirectional embedding or override U+202E"));
        diag_free(&f->d);
        diag_init(&f->d);
        snprintf(text, sizeof text, "k: \"%.*s\\u200Bz\\tq\"\n", at, "abcdefghijklmnopqrstuvwxyz");
        yt_node *r = parse(f, text, 1);
        assert_non_null(r);
        snprintf(want, sizeof want, "%.*sz\tq", at, "abcdefghijklmnopqrstuvwxyz");
        assert_string_equal(yt_get(r, "k")->scalar, want);
        assert_int_equal(yt_get(r, "k")->len, strlen(want));
    }
}

static void test_load_file_reads_a_fixture(void **state)
{
    fx *f = *state;
    yt_node *r = yt_load_file(f->a, FIXTURES "small.yaml", 4096, &f->d);
    assert_non_null(r);
    const yt_node *n = yt_path(r, "page.width");
    assert_non_null(n);
    assert_string_equal(n->scalar, "210mm");
    assert_int_equal(n->line, 3);
}

static void test_load_file_missing_names_the_file(void **state)
{
    fx *f = *state;
    assert_null(yt_load_file(f->a, FIXTURES "no-such-file.yaml", 4096, &f->d));
    assert_int_equal(f->d.errors, 1);
    assert_string_equal(f->d.items[0].file, FIXTURES "no-such-file.yaml");
    assert_int_equal(f->d.items[0].line, 1);
    assert_non_null(strstr(f->d.items[0].msg, "No such file"));
    assert_non_null(f->d.items[0].hint);
}

static void test_load_file_over_the_cap_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(yt_load_file(f->a, FIXTURES "small.yaml", 10, &f->d));
    assert_non_null(strstr(error_text(f), "file is larger than 10 bytes"));
}

static void test_escaped_control_or_bidi_character_is_an_error(void **state)
{
    fx *f = *state;
    assert_null(parse(f, "a: ok\nname: \"Help \\e[2J line\"\n", 3));
    assert_string_equal(error_text(f), "t.yaml:4:7: error: control character U+001B in a YAML value "
                                       "(remove the character or the escape that makes it)");
    diag_free(&f->d);
    diag_init(&f->d);
    assert_null(parse(f, "phone: \"\\u202E9990\"\n", 1));
    assert_non_null(strstr(error_text(f), "t.yaml:1:8: error: bidirectional embedding or override U+202E"));
}

static void test_invisible_characters_are_dropped_from_values(void **state)
{
    fx *f = *state;
    yt_node *r = parse(f, "name: \"Zero\\u200Bwidth\"\nnote: Soft\xC2\xADhyphen\n", 1);
    assert_non_null(r);
    assert_string_equal(yt_get(r, "name")->scalar, "Zerowidth");
    assert_int_equal(yt_get(r, "name")->len, 9);
    assert_string_equal(yt_get(r, "note")->scalar, "Softhyphen");
}

/* A FIFO or a folder where a YAML file should be (contacts.yaml, a layout,
 * a pack) is an error at once: never a read that waits for a writer. */
static void test_read_file_refuses_fifo_and_folder(void **state)
{
    fx *f = *state;
    char dir[] = "/tmp/test_yamltree_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64], sub[64];
    snprintf(fifo, sizeof fifo, "%s/pipe.yaml", dir);
    snprintf(sub, sizeof sub, "%s/folder.yaml", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    size_t len = 0;
    assert_null(yt_read_file(f->a, fifo, 4096, &len, &f->d));
    assert_null(yt_load_file(f->a, sub, 4096, &f->d));
    remove(fifo);
    rmdir(sub);
    rmdir(dir);
    assert_int_equal(f->d.errors, 2);
    assert_non_null(strstr(f->d.items[0].msg, "not a regular file"));
    assert_int_equal(f->d.items[0].line, 1);
    assert_non_null(strstr(f->d.items[1].msg, "folder"));
    assert_non_null(f->d.items[1].hint);
}

static void test_read_file_grows_past_its_first_buffer(void **state)
{
    fx *f = *state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_yamltree_%ld.yaml", (long)getpid());
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 10000; i++) fprintf(fp, "k%05d: v\n", i); /* 100000 bytes */
    fclose(fp);
    size_t len = 0;
    char *text = yt_read_file(f->a, path, 100000, &len, &f->d);
    assert_non_null(text);
    assert_int_equal(len, 100000);
    assert_int_equal(strlen(text), 100000);
    assert_null(yt_read_file(f->a, path, 99999, &len, &f->d));
    remove(path);
    assert_non_null(strstr(error_text(f), "error: file is larger than 99999 bytes"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nodes_carry_real_lines_and_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_document_is_an_empty_map, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error_reports_problem_at_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_key_is_an_error_at_the_second_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_key_in_a_map_of_any_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_key_in_different_maps_is_fine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_scalar_key_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul_escape_in_scalar_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_document_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alias_points_at_the_anchored_node, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_alias_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alias_bomb_is_rejected_quickly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_value_through_many_aliases_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_few_aliases_of_a_long_value_are_fine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explicit_tags_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul_byte_in_yaml_has_its_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting_at_the_limit_is_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_reports_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_bytes_are_found_after_any_run_of_ascii, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_file_reads_a_fixture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_file_missing_names_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_file_over_the_cap_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escaped_control_or_bidi_character_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invisible_characters_are_dropped_from_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_file_grows_past_its_first_buffer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_file_refuses_fifo_and_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
