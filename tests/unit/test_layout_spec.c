/* test_layout_spec.c — layouts and themes: lengths, colours, faces, styles,
 * and the contrast of every theme's text colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "layout_spec.h"

#define LAYOUTS "tests/unit/fixtures/yaml/layouts"

/* cmocka compares floats only; lengths and colours are doubles. */
#define assert_near(a, b, eps) near_((double)(a), (double)(b), (double)(eps), #a, __LINE__)
static void near_(double a, double b, double eps, const char *what, int line)
{
    if (!(fabs(a - b) <= eps)) fail_msg("line %d: %s is %.9g, expected %.9g", line, what, a, b);
}

typedef struct fx {
    lp_diag d;
    lp_fonts *fonts;
    lp_spec *s;
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
    free(f);
    return 0;
}

static bool has_error(const fx *f, const char *want)
{
    char buf[512];
    for (size_t i = 0; i < f->d.n; i++)
        if (strstr(diag_format(&f->d.items[i], buf, sizeof buf), want)) return true;
    return false;
}

static void print_errors(const fx *f)
{
    char buf[512];
    for (size_t i = 0; i < f->d.n; i++) fprintf(stderr, "%s\n", diag_format(&f->d.items[i], buf, sizeof buf));
}

static lp_spec *load(fx *f, const char *dir, const char *layout, const char *theme)
{
    f->s = spec_load(dir, layout, theme, f->fonts, &f->d);
    if (!f->s) print_errors(f);
    assert_non_null(f->s);
    return f->s;
}

static void test_lengths_need_a_unit(void **state)
{
    (void)state;
    double pt;
    assert_true(spec_parse_len("10pt", &pt));
    assert_near(pt, 10.0, 1e-9);
    assert_true(spec_parse_len("25.4mm", &pt));
    assert_near(pt, 72.0, 1e-9);
    assert_true(spec_parse_len("2.54cm", &pt));
    assert_near(pt, 72.0, 1e-9);
    assert_true(spec_parse_len("0.5in", &pt));
    assert_near(pt, 36.0, 1e-9);
    assert_true(spec_parse_len("-2mm", &pt));
    assert_near(pt, -2 * LP_PT_PER_MM, 1e-9);
    assert_true(spec_parse_len(".5pt", &pt));
    assert_false(spec_parse_len("15", &pt));
    assert_false(spec_parse_len("15 mm", &pt));
    assert_false(spec_parse_len("15px", &pt));
    assert_false(spec_parse_len("1e2mm", &pt));
    assert_false(spec_parse_len("mm", &pt));
    assert_false(spec_parse_len("", &pt));
    assert_false(spec_parse_len(NULL, &pt));
}

static void test_lengths_beyond_any_sheet_are_refused(void **state)
{
    (void)state;
    double pt;
    assert_true(spec_parse_len("1189mm", &pt)); /* A0's long side */
    assert_true(spec_parse_len("-1189mm", &pt));
    assert_false(spec_parse_len("99999999999999999999mm", &pt));
    assert_false(spec_parse_len("-300cm", &pt));
    assert_false(spec_parse_len("100in", &pt));
}

static void test_layout_values_come_back_in_points(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "guide", NULL);
    double v;
    assert_true(spec_len(s, "page.width", &v, &f->d));
    assert_near(v, mm_to_pt(210), 1e-9);
    assert_true(spec_len(s, "margins.left", &v, &f->d));
    assert_near(v, mm_to_pt(15), 1e-9);
    assert_true(spec_len(s, "margins.bottom", &v, &f->d));
    assert_near(v, 36, 1e-9);
    assert_true(spec_num(s, "max-pages", &v, &f->d));
    assert_near(v, 2, 0);
    bool b = false;
    assert_true(spec_bool(s, "sections.new-page", &b, &f->d));
    assert_true(b);
    const char *str;
    assert_true(spec_str(s, "band.label", &str, &f->d));
    assert_string_equal(str, "One Minute Guide");
    assert_near(spec_len_or(s, "margins.top", 99, &f->d), 99, 0);
    assert_string_equal(spec_str_or(s, "band.missing", "dflt", &f->d), "dflt");
    /* The theme answers what the layout does not say. */
    assert_true(spec_len(s, "min-size", &v, &f->d));
    assert_near(v, 10, 0);
    assert_string_equal(spec_layout_path(s), LAYOUTS "/guide.yaml");
    assert_string_equal(spec_theme_path(s), LAYOUTS "/themes/plain.yaml");
    assert_int_equal(f->d.n, 0);
}

static void test_missing_required_value_is_an_error(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "guide", NULL);
    double v;
    assert_false(spec_len(s, "margins.top", &v, &f->d));
    assert_true(has_error(f, LAYOUTS "/guide.yaml:1:1: error: missing 'margins.top'"));
}

static void test_bare_number_for_a_length_is_an_error(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "guide", NULL);
    double v;
    assert_false(spec_len(s, "max-pages", &v, &f->d));
    assert_true(has_error(f, LAYOUTS "/guide.yaml:6:12: error: 'max-pages' must be a length with a unit, not '2' "
                                     "(write 15mm or 10pt)"));
    /* An optional length that is present but bad is still an error. */
    assert_near(spec_len_or(s, "max-pages", 5, &f->d), 5, 0);
    assert_int_equal(f->d.errors, 2);
}

static void test_colour_tokens_and_inline_colours(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "guide", NULL);
    lp_color c;
    /* The layout redefines navy; its value wins over the theme's. */
    assert_true(spec_color(s, "band.color", &c, &f->d));
    assert_string_equal(c.name, "navy");
    assert_near(c.b, 128.0 / 255.0, 1e-6);
    assert_near(c.c, 1.0, 1e-6);
    assert_near(c.k, 0.5, 1e-6);
    assert_true(spec_color(s, "band.rule-color", &c, &f->d));
    assert_null(c.name);
    assert_near(c.r, 127.0 / 255.0, 1e-6);
    assert_near(c.c, 0.49, 1e-6);
    assert_true(spec_color_token(s, "teal", &c, &f->d));
    assert_near(c.g, 0x67 / 255.0, 1e-6);
    assert_near(c.m, 0.35, 1e-6);
    assert_false(spec_color_token(s, "tael", &c, &f->d));
    assert_true(has_error(f, "unknown colour 'tael' (did you mean 'teal'?)"));
    /* The palette's four tokens, then the roles that are not a token of
     * their own name (ink is): each keeps its token's name, for dump. */
    assert_int_equal(spec_ncolors(s), 4 + 25);
    assert_string_equal(spec_color_name(s, 0), "ink");
    assert_string_equal(spec_color_name(s, 4), "primary");
    assert_null(spec_color_name(s, 29));
    assert_true(spec_color_token(s, "primary", &c, &f->d));
    assert_string_equal(c.name, "navy");
    assert_near(c.b, 128.0 / 255.0, 1e-6); /* the layout's navy: a replaced token carries its role */
    assert_true(spec_color_token(s, "ink", &c, &f->d));
    assert_string_equal(c.name, "ink");
}

static void test_style_inherits_from_its_base(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "plain");
    lp_style body, h2, label;
    assert_true(spec_style(s, "body", &body, &f->d));
    assert_true(spec_style(s, "h2", &h2, &f->d));
    assert_true(spec_style(s, "label", &label, &f->d));
    assert_near(body.size, 10, 0);
    assert_near(body.space_after, 7, 0);
    assert_near(body.space_before, 0, 0);
    assert_true(body.hyphenate);
    assert_string_equal(body.strong.name, "navy");
    /* label: base h2 (bold teal), itself based on body */
    assert_near(label.size, 8, 0);
    assert_near(label.leading, 10, 0);
    assert_near(label.space_before, 14, 0);
    assert_near(label.tracking, 0.08, 1e-12);
    assert_true(label.caps);
    assert_false(label.hyphenate);
    assert_int_equal(label.align, ALIGN_LEFT);
    assert_string_equal(label.color.name, "teal");
    /* Setting a colour carries bold and link text with it. */
    assert_string_equal(label.strong.name, "teal");
    assert_string_equal(label.link.name, "teal");
    /* Faces: regular, bold, italic, bold-italic of the family. */
    assert_string_equal(fonts_name(f->fonts, body.face[0]), "NotoSans-Regular");
    assert_string_equal(fonts_name(f->fonts, body.face[IS_BOLD]), "NotoSans-Bold");
    assert_string_equal(fonts_name(f->fonts, body.face[IS_ITALIC]), "NotoSans-Italic");
    assert_string_equal(fonts_name(f->fonts, body.face[IS_BOLD | IS_ITALIC]), "NotoSans-BoldItalic");
    assert_string_equal(fonts_name(f->fonts, h2.face[0]), "NotoSans-Bold");
    assert_string_equal(fonts_name(f->fonts, h2.face[IS_ITALIC]), "NotoSans-BoldItalic");
}

static void test_weight_picks_the_family_face(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "plain");
    lp_style loud, semi;
    assert_true(spec_style(s, "loud", &loud, &f->d));
    assert_true(spec_style(s, "semi", &semi, &f->d));
    assert_string_equal(fonts_name(f->fonts, loud.face[0]), "OpenSans-ExtraBold");
    assert_string_equal(fonts_name(f->fonts, loud.face[IS_BOLD]), "OpenSans-ExtraBold");
    assert_int_equal(loud.align, ALIGN_CENTER);
    assert_string_equal(fonts_name(f->fonts, semi.face[0]), "OpenSans-Semibold");
    assert_string_equal(fonts_name(f->fonts, semi.face[IS_BOLD]), "OpenSans-Bold");
    int face;
    assert_true(spec_face(s, "wide", "extrabold", &face, &f->d));
    assert_int_equal(face, loud.face[0]);
    assert_false(spec_face(s, "wide", "thin", &face, &f->d));
    assert_true(has_error(f, "font family 'wide' has no 'thin' face"));
    assert_false(spec_face(s, "sanz", "regular", &face, &f->d));
    assert_true(has_error(f, "unknown font family 'sanz' (did you mean 'sans'?)"));
}

static void test_inline_colour_in_a_style_has_no_token(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "plain");
    lp_style st;
    assert_true(spec_style(s, "boxed", &st, &f->d));
    assert_null(st.color.name);
    assert_near(st.color.b, 0x99 / 255.0, 1e-6);
    assert_near(st.color.c, 0.8, 1e-6);
}

static void test_layout_overrides_theme_style_keys(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "guide", NULL);
    lp_style body, plain, h1;
    assert_true(spec_style(s, "body", &body, &f->d));
    assert_near(body.size, 11, 0);
    assert_near(body.leading, 14, 0); /* the rest still comes from the theme */
    assert_true(spec_style(s, "plain", &plain, &f->d));
    assert_near(plain.size, 11, 0);
    assert_false(plain.hyphenate);
    /* A style only the layout defines may be based on a theme style. */
    assert_true(spec_style(s, "h1", &h1, &f->d));
    assert_near(h1.size, 28, 0);
    assert_string_equal(h1.color.name, "teal");
}

static void test_theme_without_hyphenation_overrules_styles(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "nohyph");
    lp_style body;
    assert_true(spec_style(s, "body", &body, &f->d));
    assert_false(body.hyphenate);
    /* A family without italics falls back to its upright faces. */
    assert_int_equal(body.face[IS_ITALIC], body.face[0]);
    assert_int_equal(body.face[IS_BOLD | IS_ITALIC], body.face[IS_BOLD]);
}

static void test_unknown_style_is_an_error_with_suggestion(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "plain");
    lp_style st;
    assert_false(spec_style(s, "lable", &st, &f->d));
    assert_true(has_error(f, "unknown style 'lable' (did you mean 'label'?)"));
}

static void test_broken_styles_are_reported_at_load(void **state)
{
    fx *f = *state;
    assert_null(spec_load(LAYOUTS, "broken", NULL, f->fonts, &f->d));
    const char *p = LAYOUTS "/broken.yaml";
    char want[256];
    snprintf(want, sizeof want, "%s:2:1: error: unknown layout key 'gutter' (layouts/README.md lists the keys of a layout)", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:4:24: error: unknown layout key 'styles.odd.colour' (did you mean 'color'?)", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:6:18: error: style 'loop2' has a 'base' cycle through 'loop1'", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want,
             "%s:7:30: error: 'styles.sized.size' must be a length with a unit, not '12' (write 15mm or 10pt)", p);
    assert_true(has_error(f, want));
    snprintf(want, sizeof want, "%s:8:32: error: unknown colour 'tael' (did you mean 'teal'?)", p);
    assert_true(has_error(f, want));
}

static void test_unknown_layout_suggests_a_file(void **state)
{
    fx *f = *state;
    assert_null(spec_load(LAYOUTS, "giude", NULL, f->fonts, &f->d));
    assert_true(has_error(f, "unknown layout 'giude' (did you mean 'guide'?)"));
    assert_null(spec_load(LAYOUTS, "../guide", NULL, f->fonts, &f->d));
    assert_true(has_error(f, "unknown layout '../guide'"));
}

static void test_unknown_theme_named_by_layout_suggests_a_theme(void **state)
{
    fx *f = *state;
    assert_null(spec_load(LAYOUTS, "mystery-theme", "plain", f->fonts, &f->d));
    assert_true(has_error(f, "unknown theme 'plian' (did you mean 'plain'?)"));
}

static void test_low_contrast_pair_fails_the_load(void **state)
{
    fx *f = *state;
    assert_null(spec_load(LAYOUTS, NULL, "lowcontrast", f->fonts, &f->d));
    assert_true(has_error(f, "lowcontrast.yaml:6:5: error: white on white has contrast 1.00:1, below the theme's 4.5:1"));
    assert_true(has_error(f, "lowcontrast.yaml:7:5: error: grey on white has contrast 2.85:1"));
}

static void test_contrast_matches_wcag_examples(void **state)
{
    (void)state;
    lp_color black = {0, 0, 0, 0, 0, 0, 1, "black"}, white = {1, 1, 1, 0, 0, 0, 0, "white"};
    assert_near(spec_contrast(black, white), 21.0, 1e-9);
    assert_near(spec_contrast(white, black), 21.0, 1e-9);
    assert_near(spec_contrast(white, white), 1.0, 1e-9);
    /* DESIGN.md: teal #00676F on white is 6.63:1. */
    lp_color teal = {0, 0x67 / 255.0f, 0x6F / 255.0f, 0, 0, 0, 0, "teal"};
    assert_near(spec_contrast(teal, white), 6.63, 0.01);
}

/* Every text colour each real theme declares meets its own floor, and the
 * floors are the design's: 4.5:1, and 7:1 for young people. */
static void test_every_theme_contrast_pair_meets_its_minimum(void **state)
{
    fx *f = *state;
    static const char *const themes[] = {"professionals", "families", "young-people"};
    static const double floors[] = {4.5, 4.5, 7.0};
    for (size_t t = 0; t < 3; t++) {
        lp_spec *s = spec_load("layouts", NULL, themes[t], f->fonts, &f->d);
        if (!s) print_errors(f);
        assert_non_null(s);
        double min;
        assert_true(spec_num(s, "contrast-min", &min, &f->d));
        assert_near(min, floors[t], 0);
        const yt_node *pairs = spec_node(s, "contrast");
        assert_non_null(pairs);
        assert_int_equal(pairs->kind, YT_SEQ);
        assert_true(pairs->n >= 9);
        for (size_t i = 0; i < pairs->n; i++) {
            lp_color fg, bg;
            assert_true(spec_color_token(s, pairs->vals[i]->vals[0]->scalar, &fg, &f->d));
            assert_true(spec_color_token(s, pairs->vals[i]->vals[1]->scalar, &bg, &f->d));
            double r = spec_contrast(fg, bg);
            if (r < min)
                fail_msg("%s: %s on %s is %.2f:1, below %.1f:1", themes[t], fg.name, bg.name, r, min);
        }
        spec_free(s);
    }
}

/* The styles flow and the formats ask for exist in every theme, and the
 * audiences that forbid hyphens get none. */
/* Every theme has every style name a layout asks for, so any layout builds
 * with any theme. */
static void test_every_theme_has_the_shared_styles(void **state)
{
    fx *f = *state;
    static const char *const themes[] = {"professionals", "families", "young-people"};
    static const char *const shared[] = {
        "body", "h1", "h2", "h3", "list", "step", "step-number", "quote", "callout", "callout-title",
        "definition-title", "source-line", "contact-name", "contact-number", "contact-note", "contact-hours",
        "title", "standfirst", "label", "footer", "footer-strong", "small-print", "page-heading",
        "panel-heading", "subheading", "cover-title", "cover-subtitle", "word-box", "word-label",
        "page-number", "tag", "poster-headline", "poster-strapline", "poster-partnership", "poster-message",
        "poster-contact-name", "poster-contact-note", "poster-contact-number", "poster-footer",
        "poster-footer-title"};
    for (size_t t = 0; t < 3; t++) {
        lp_spec *s = spec_load("layouts", NULL, themes[t], f->fonts, &f->d);
        assert_non_null(s);
        for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
            lp_style st;
            if (!spec_style(s, shared[i], &st, &f->d)) fail_msg("%s: no style '%s'", themes[t], shared[i]);
            assert_true(st.size > 0 && st.leading >= st.size * 0.95);
            if (t > 0) assert_false(st.hyphenate);
            assert_int_not_equal(st.align, ALIGN_JUSTIFY);
        }
        spec_free(s);
    }
}

static void test_missing_role_is_an_error_at_roles(void **state)
{
    fx *f = *state;
    assert_null(spec_load(LAYOUTS, NULL, "norole", f->fonts, &f->d));
    assert_true(has_error(f, "norole.yaml:7:1: error: the theme has no colour role 'tint'"));
    assert_int_equal(f->d.errors, 1);
}

static void test_missing_weight_falls_back(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, NULL, "plain");
    lp_style st;
    assert_true(spec_style(s, "heavy", &st, &f->d));
    assert_string_equal(fonts_name(f->fonts, st.face[0]), "NotoSans-Bold");
    assert_string_equal(fonts_name(f->fonts, st.face[IS_ITALIC]), "NotoSans-BoldItalic");
}

/* A layout's rules hold with its theme: the larger min-text raises small
 * styles (leading in proportion), and hyphens and italics may be turned
 * off by the layout. */
static void test_layout_rules_hold_with_any_theme(void **state)
{
    fx *f = *state;
    lp_spec *s = load(f, LAYOUTS, "easy", NULL);
    lp_style body, h2;
    assert_true(spec_style(s, "body", &body, &f->d));
    assert_near(body.size, 16, 1e-9);
    assert_near(body.leading, 14.0 * 16 / 10, 1e-9);
    assert_false(body.hyphenate);
    assert_int_equal(body.face[IS_ITALIC], body.face[0]);
    assert_int_equal(body.face[IS_BOLD | IS_ITALIC], body.face[IS_BOLD]);
    assert_true(spec_style(s, "h2", &h2, &f->d));
    assert_near(h2.size, 16, 1e-9);
    spec_free(s);
    f->s = NULL;
    s = load(f, LAYOUTS, NULL, "plain");
    assert_true(spec_style(s, "body", &body, &f->d));
    assert_near(body.size, 10, 1e-9);
    assert_true(body.hyphenate);
    assert_int_not_equal(body.face[IS_ITALIC], body.face[0]);
}

/* Nothing for families is below 12 pt and nothing for young people below
 * 16 pt (the professionals' labels and footers may be smaller than body). */
static void test_family_and_young_people_styles_respect_min_size(void **state)
{
    fx *f = *state;
    static const char *const themes[] = {"families", "young-people"};
    for (size_t t = 0; t < 2; t++) {
        lp_spec *s = spec_load("layouts", NULL, themes[t], f->fonts, &f->d);
        assert_non_null(s);
        double min;
        assert_true(spec_len(s, "min-size", &min, &f->d));
        const yt_node *styles = spec_node(s, "styles");
        assert_non_null(styles);
        for (size_t i = 0; i < styles->n; i++) {
            lp_style st;
            assert_true(spec_style(s, styles->keys[i]->scalar, &st, &f->d));
            if (st.size < min)
                fail_msg("%s: style '%s' is %.1fpt, below %.1fpt", themes[t], styles->keys[i]->scalar, st.size,
                         min);
        }
        spec_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths_need_a_unit),
        cmocka_unit_test(test_lengths_beyond_any_sheet_are_refused),
        cmocka_unit_test_setup_teardown(test_layout_values_come_back_in_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_required_value_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bare_number_for_a_length_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colour_tokens_and_inline_colours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_style_inherits_from_its_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weight_picks_the_family_face, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inline_colour_in_a_style_has_no_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout_overrides_theme_style_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_without_hyphenation_overrules_styles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_style_is_an_error_with_suggestion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_styles_are_reported_at_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_layout_suggests_a_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_theme_named_by_layout_suggests_a_theme, setup, teardown),
        cmocka_unit_test_setup_teardown(test_low_contrast_pair_fails_the_load, setup, teardown),
        cmocka_unit_test(test_contrast_matches_wcag_examples),
        cmocka_unit_test_setup_teardown(test_every_theme_contrast_pair_meets_its_minimum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_theme_has_the_shared_styles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_family_and_young_people_styles_respect_min_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_role_is_an_error_at_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_weight_falls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout_rules_hold_with_any_theme, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
