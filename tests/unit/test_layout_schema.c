/* test_layout_schema.c — the declared layout schema: the table itself, the
 * check of a tree against it, and layouts/README.md written from it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout_schema.h"
#include "layout_spec.h"

#include "arena_fixture.h"

/* Checks text as a file of format (NULL: a theme); the errors, one a line. */
static const char *check(fx *f, const char *text, const char *format)
{
    diag_free(&f->d);
    diag_init(&f->d);
    yt_node *root = yt_parse(f->a, text, strlen(text), "x.yaml", 1, &f->d);
    assert_non_null(root);
    bool ok = schema_check(root, "x.yaml", format, NULL, NULL, &f->d);
    assert_int_equal(ok, f->d.errors == 0);
    static char out[4096];
    out[0] = '\0';
    for (size_t i = 0; i < f->d.n; i++) {
        char line[1024];
        diag_format(&f->d.items[i], line, sizeof line);
        strncat(out, line, sizeof out - strlen(out) - 2);
        strcat(out, "\n");
    }
    return out;
}

#define HAS(haystack, needle)                                                                                  \
    do {                                                                                                       \
        const char *h_ = (haystack);                                                                           \
        if (!strstr(h_, needle)) fail_msg("expected '%s' in:\n%s", needle, h_);                               \
    } while (0)

static void test_every_key_of_the_table_is_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < ls_nkeys; i++) {
        const ls_key *k = &ls_keys[i];
        if (!k->path[0] || k->path[0] == '.' || strstr(k->path, "..") || k->path[strlen(k->path) - 1] == '.')
            fail_msg("bad path '%s'", k->path);
        if (!k->doc || !k->doc[0]) fail_msg("'%s' has no documentation", k->path);
        /* The scope is a theme, any layout, or some formats of the registry. */
        if (k->scope != LS_THEME && k->scope != LS_LAYOUT && (k->scope == 0 || (k->scope & ~LS_ANY_FORMAT)))
            fail_msg("'%s' has a scope of no files or of unknown formats (%#x)", k->path, k->scope);
        /* Ranges parse in the key's own unit; choices list words. */
        double v;
        if (k->type == LS_LEN) {
            if (k->lo) assert_true(spec_parse_len(k->lo + (k->lo[0] == '>'), &v));
            if (k->hi) assert_true(spec_parse_len(k->hi, &v));
        } else if (k->type == LS_CHOICE || k->type == LS_CHOICES || k->type == LS_ORDER) {
            assert_non_null(k->lo);
        } else if (k->type == LS_FORMAT) {
            assert_null(k->lo);
        } else if (k->lo || k->hi) {
            char *end;
            if (k->lo) {
                v = strtod(k->lo + (k->lo[0] == '>'), &end);
                if (*end) fail_msg("'%s': bad least value '%s'", k->path, k->lo);
            }
            if (k->hi) {
                v = strtod(k->hi, &end);
                if (*end) fail_msg("'%s': bad greatest value '%s'", k->path, k->hi);
            }
        }
        /* No key is declared twice for the same files. */
        for (size_t j = 0; j < i; j++)
            if (strcmp(ls_keys[j].path, k->path) == 0 && (ls_keys[j].scope & k->scope))
                fail_msg("'%s' is declared twice for the same files (%#x)", k->path, ls_keys[j].scope & k->scope);
        /* A key found by its own path (with '*' as a name) is itself or one
         * declared earlier for the same files. */
        const ls_key *found = schema_find(k->path, k->scope == LS_THEME ? NULL : "");
        assert_non_null(found);
    }
}

static void test_unknown_key_suggests_the_nearest_sibling(void **state)
{
    fx *f = *state;
    const char *e = check(f, "blocks:\n  callout: { radus: 3mm, padding: 4mm }\n", NULL);
    HAS(e, "x.yaml:2:14: error: unknown theme key 'blocks.callout.radus' (did you mean 'radius'?)");
    e = check(f, "format: trifold\npanel: { sied: 8mm }\n", "trifold");
    HAS(e, "x.yaml:2:10: error: unknown layout key 'panel.sied' (did you mean 'side'?)");
    e = check(f, "format: poster\nwobble: 1\n", "poster");
    HAS(e, "x.yaml:2:1: error: unknown layout key 'wobble' (layouts/README.md lists the keys of a poster layout)");
}

static void test_a_key_of_another_format_is_unknown(void **state)
{
    fx *f = *state;
    /* panel.side is a tri-fold key; a guide layout does not know it. */
    const char *e = check(f, "format: one-minute-guide\npanel: { side: 8mm }\n", "one-minute-guide");
    HAS(e, "x.yaml:2:1: error: unknown layout key 'panel'");
    assert_string_equal(check(f, "format: trifold\npanel: { side: 8mm }\n", "trifold"), "");
    /* footer.qr is the QR block (a map) in a guide and a poster; footer.gap
     * is a poster's length, and no guide key. */
    assert_string_equal(check(f, "footer: { qr: { size: 19mm } }\n", "one-minute-guide"), "");
    assert_string_equal(check(f, "footer: { gap: 6mm, qr: { size: 30mm, align: middle } }\n", "poster"), "");
    HAS(check(f, "footer: { qr: 17mm }\n", "poster"), "'footer.qr' must be a map of keys, not text");
    HAS(check(f, "footer: { gap: 6mm }\n", "one-minute-guide"), "unknown layout key 'footer.gap'");
    /* A theme holds only theme keys. */
    HAS(check(f, "page: { width: 210mm }\n", NULL), "x.yaml:1:1: error: unknown theme key 'page'");
}

static void test_impossible_values_are_errors_at_their_place(void **state)
{
    fx *f = *state;
    const char *e = check(f, "margins: { left: -5mm, right: 15mm }\n", "one-minute-guide");
    HAS(e, "x.yaml:1:18: error: 'margins.left' is -5mm; it must be at least 0mm");
    e = check(f, "styles:\n  body: { size: -10pt, leading: 0pt }\n", NULL);
    HAS(e, "x.yaml:2:17: error: 'styles.body.size' is -10pt; it must be more than 0pt (type size)");
    HAS(e, "x.yaml:2:33: error: 'styles.body.leading' is 0pt; it must be more than 0pt");
    e = check(f, "shrink: { step: 0.025, min-scale: -0.5 }\n", "poster");
    HAS(e, "x.yaml:1:35: error: 'shrink.min-scale' is -0.5; it must be more than 0");
    e = check(f, "panels:\n  left: { width: 0mm, at: 5, role: cover-page }\n", "trifold");
    HAS(e, "x.yaml:2:18: error: 'panels.left.width' is 0mm; it must be more than 0mm");
    HAS(e, "x.yaml:2:27: error: 'panels.left.at' is 5; it must be at most 4");
    HAS(e, "x.yaml:2:36: error: 'panels.left.role' cannot be 'cover-page' (write one of: cover, back, flow)");
    e = check(f, "rows: { symbol: 1.5 }\n", "easy-read");
    HAS(e, "x.yaml:1:17: error: 'rows.symbol' is 1.5; it must be at most 1");
    assert_string_equal(check(f, "rows: { symbol: 1 }\n", "easy-read"), "");
}

static void test_wrong_types_are_errors(void **state)
{
    fx *f = *state;
    HAS(check(f, "body: { gutter: 6 }\n", "one-minute-guide"),
        "x.yaml:1:17: error: 'body.gutter' must be a length with a unit, not '6' (write 15mm or 10pt)");
    HAS(check(f, "max-pages: 6.5\n", "booklet"), "x.yaml:1:12: error: 'max-pages' must be a whole number");
    HAS(check(f, "max-pages: \"6\"\n", "booklet"), "'max-pages' must be a whole number");
    HAS(check(f, "sections: { new-page: yes }\n", "easy-read"), "'sections.new-page' must be true or false");
    HAS(check(f, "band: { label: [a, b] }\n", "one-minute-guide"), "'band.label' must be text, not a list");
    HAS(check(f, "band: 3mm\n", "one-minute-guide"), "x.yaml:1:7: error: 'band' must be a map of keys, not text");
    HAS(check(f, "styles:\n  body: { align: centre }\n", NULL),
        "x.yaml:2:18: error: 'styles.body.align' cannot be 'centre' (did you mean 'center'?)");
    /* for: is a list of names; which names are audiences is the themes
     * folder's to say (spec_load checks them: tests/run.sh 4a). */
    assert_string_equal(check(f, "for: [families, parents]\n", "trifold"), "");
    HAS(check(f, "for: families\n", "trifold"), "x.yaml:1:6: error: 'for' must be a list");
    HAS(check(f, "contacts: { ratios: [1, x] }\n", "one-minute-guide"), "'contacts.ratios' must list numbers");
    HAS(check(f, "contacts: { ratios: [1, 0] }\n", "one-minute-guide"),
        "'contacts.ratios' is 0; it must be more than 0");
    HAS(check(f, "contrast: [[ink, white], [ink]]\n", NULL), "'contrast' must list pairs of colours");
    HAS(check(f, "colors: { navy: \"#000080\" }\n", NULL), "'colors.navy' must be a colour definition, not text");
}

static void test_an_order_lists_every_word_once(void **state)
{
    fx *f = *state;
    assert_string_equal(check(f, "body: [cards, messages]\n", "poster"), "");
    const char *want = "error: 'body' must list messages and cards, each once "
                       "(write body: [messages, cards] or [cards, messages])";
    HAS(check(f, "body: [cards]\n", "poster"), want);
    HAS(check(f, "body: [messages, messages]\n", "poster"), want);
    const char *e = check(f, "body:\n  [cards, messages, cards]\n", "poster");
    HAS(e, "x.yaml:2:3: ");
    HAS(e, want);
    HAS(check(f, "body: [cards, mesages]\n", "poster"), "'body' cannot list 'mesages' (did you mean 'messages'?)");
}

static void test_the_shipped_layouts_and_themes_pass(void **state)
{
    fx *f = *state;
    static const char *const layouts[] = {"one-minute-guide", "one-minute-guide-justified", "trifold",
                                          "easy-read", "poster", "booklet"};
    lp_fonts *fonts = fonts_new("fonts");
    assert_non_null(fonts);
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        static const char *const audiences[] = {"professionals", "families", "young-people"};
        for (size_t aud = 0; aud < 3; aud++) {
            const char *made_for;
            if (spec_layout_for("layouts", layouts[i], audiences[aud], f->a, &made_for) != 1) continue;
            lp_spec *s = spec_load("layouts", layouts[i], audiences[aud], fonts, &f->d);
            if (!s) fail_msg("%s for %s: %s", layouts[i], audiences[aud], f->d.n ? f->d.items[0].msg : "?");
            spec_free(s);
        }
    }
    fonts_free(fonts);
}

static void test_readme_reference_is_up_to_date(void **state)
{
    (void)state;
    char *gen = NULL;
    size_t glen = 0;
    FILE *m = open_memstream(&gen, &glen);
    schema_write_reference(m);
    fclose(m);
    FILE *rf = fopen("layouts/README.md", "rb");
    assert_non_null(rf);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, rf);
    fclose(rf);
    text[n] = '\0';
    const char *mark = strstr(text, SCHEMA_README_MARK);
    if (!mark) fail_msg("layouts/README.md has no generated key reference: run make layouts-doc");
    if (strcmp(mark, gen) != 0) fail_msg("layouts/README.md's key reference is out of date: run make layouts-doc");
    /* It documents keys, with their ranges. */
    assert_non_null(strstr(gen, "| `margins.left` | length | required | ≥ 0mm, ≤ 2000mm |"));
    assert_non_null(strstr(gen, "| `styles.*.leading` | length | required | > 0pt, ≤ 1000pt | baseline to baseline |"));
    free(gen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_key_of_the_table_is_well_formed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key_suggests_the_nearest_sibling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_key_of_another_format_is_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_impossible_values_are_errors_at_their_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_types_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_order_lists_every_word_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_shipped_layouts_and_themes_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readme_reference_is_up_to_date, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
