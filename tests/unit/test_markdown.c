/* test_markdown.c — the body of a content file -> document model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "contacts.h"
#include "markdown.h"
#include "resolve.h"

#define FIXTURES "tests/unit/fixtures/md/"

typedef struct fx {
    lp_arena *a;
    lp_doc doc;
    lp_diag d;
    lp_source src;
    lp_contacts *contacts;
    char *file; /* a fixture's text */
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->a = arena_new();
    diag_init(&f->d);
    lp_diag cd;
    diag_init(&cd);
    f->contacts = contacts_load(FIXTURES "contacts.yaml", &cd);
    if (!f->contacts)
        for (size_t i = 0; i < cd.n; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", cd.items[i].file, cd.items[i].line, cd.items[i].col, cd.items[i].msg);
    diag_free(&cd);
    *state = f;
    return f->contacts ? 0 : -1;
}

static int teardown(void **state)
{
    fx *f = *state;
    contacts_free(f->contacts);
    diag_free(&f->d);
    arena_free(f->a);
    free(f->file);
    free(f);
    return 0;
}

/* Parses body as if it started on line first_line of content/test.md. */
static int parse_at(fx *f, const char *body, int first_line)
{
    f->doc.path = "content/test.md";
    f->doc.arena = f->a;
    f->src.path = "content/test.md";
    f->src.body = body;
    f->src.body_len = strlen(body);
    f->src.body_line = first_line;
    return md_parse(&f->doc, &f->src, f->contacts, &f->d);
}

static int parse(fx *f, const char *body) { return parse_at(f, body, 1); }

/* Reads a fixture and splits its front matter the way source.c does. */
static int parse_fixture(fx *f, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURES "%s", name);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    f->file = calloc(1, 1 << 16);
    size_t n = fread(f->file, 1, (1 << 16) - 1, fp);
    fclose(fp);
    assert_true(n > 0);
    const char *close = strstr(f->file + 4, "\n---\n");
    assert_non_null(close);
    const char *body = close + 5;
    int line = 1;
    for (const char *p = f->file; p < body; p++)
        if (*p == '\n')
            line++;
    f->doc.path = arena_strdup(f->a, path);
    f->doc.arena = f->a;
    f->src.path = f->doc.path;
    f->src.body = body;
    f->src.body_len = strlen(body);
    f->src.body_line = line;
    return md_parse(&f->doc, &f->src, f->contacts, &f->d);
}

/* The first error whose message contains needle, or fails the test. */
static const lp_diag_item *error_with(const fx *f, const char *needle)
{
    for (size_t i = 0; i < f->d.n; i++)
        if (f->d.items[i].sev == LP_ERROR && strstr(f->d.items[i].msg, needle))
            return &f->d.items[i];
    for (size_t i = 0; i < f->d.n; i++)
        fprintf(stderr, "  have: %d:%d %s (%s)\n", f->d.items[i].line, f->d.items[i].col, f->d.items[i].msg,
                f->d.items[i].hint ? f->d.items[i].hint : "");
    fail_msg("no error containing '%s'", needle);
    return NULL;
}

static void assert_at(const lp_diag_item *it, int line, int col)
{
    assert_int_equal(it->line, line);
    assert_int_equal(it->col, col);
}

static void assert_clean(const fx *f)
{
    for (size_t i = 0; i < f->d.n; i++)
        fprintf(stderr, "  unexpected: %d:%d %s\n", f->d.items[i].line, f->d.items[i].col, f->d.items[i].msg);
    assert_int_equal(f->d.errors, 0);
}

/* --------------------------------------------------------------- blocks */

static void test_block_kinds_and_nesting_from_fixture(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_fixture(f, "kinds.md"), 0);
    assert_clean(f);
    assert_string_equal(f->doc.slug, "kinds");
    const lp_block *b = f->doc.blocks;
    assert_int_equal(f->doc.nblocks, 9);

    assert_int_equal(b[0].kind, BLK_HEADING);
    assert_int_equal(b[0].level, 1);
    assert_int_equal(b[0].line, 6);
    assert_int_equal(b[1].kind, BLK_HEADING);
    assert_int_equal(b[1].level, 2);
    assert_string_equal(b[1].in[0].text, "Section");
    assert_int_equal(b[1].line, 8);

    assert_int_equal(b[2].kind, BLK_PARA);
    assert_int_equal(b[2].line, 10);
    assert_int_equal(b[2].col, 1);

    assert_int_equal(b[3].kind, BLK_LIST);
    assert_false(b[3].ordered);
    assert_int_equal(b[3].level, 1);
    assert_int_equal(b[3].nkids, 2);
    const lp_block *two = &b[3].kids[1];
    assert_int_equal(two->kind, BLK_ITEM);
    assert_int_equal(two->line, 13);
    assert_int_equal(two->nkids, 2);
    assert_int_equal(two->kids[0].kind, BLK_PARA);
    assert_string_equal(two->kids[0].in[0].text, "two");
    const lp_block *inner = &two->kids[1];
    assert_int_equal(inner->kind, BLK_LIST);
    assert_true(inner->ordered);
    assert_int_equal(inner->start, 1);
    assert_int_equal(inner->level, 2);
    assert_int_equal(inner->nkids, 2);
    assert_string_equal(inner->kids[1].kids[0].in[0].text, "inner two");
    assert_int_equal(inner->kids[1].line, 15);
    assert_int_equal(inner->kids[1].col, 3);

    assert_int_equal(b[4].kind, BLK_QUOTE);
    assert_int_equal(b[4].nkids, 1);
    assert_string_equal(b[4].kids[0].in[0].text, "A quotation.");
    assert_int_equal(b[4].kids[0].line, 17);
    assert_int_equal(b[4].kids[0].col, 3);

    assert_int_equal(b[5].kind, BLK_RULE);
    assert_int_equal(b[5].line, 19);

    assert_int_equal(b[6].kind, BLK_CALLOUT);
    assert_int_equal(b[7].kind, BLK_DEFINITION);
    assert_int_equal(b[8].kind, BLK_CONTACTS);
    assert_int_equal(b[8].nkeys, 2);
}

static void test_heading_level_four_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "## Fine\n\n#### Too deep\n"), -1);
    assert_at(error_with(f, "heading level 4"), 3, 1);
    assert_int_equal(f->doc.nblocks, 1);
}

static void test_ordered_list_keeps_its_start_number(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "3. three\n4. four\n"), 0);
    assert_true(f->doc.blocks[0].ordered);
    assert_int_equal(f->doc.blocks[0].start, 3);
    assert_int_equal(f->doc.blocks[0].nkids, 2);
}

static void test_indented_and_plain_code_blocks_are_refused(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Text.\n\n    indented code\n\n```\nfenced\n```\n"), -1);
    assert_int_equal(f->d.errors, 2);
    assert_at(&f->d.items[0], 3, 5);
    assert_non_null(strstr(f->d.items[0].msg, "code blocks are not supported"));
    assert_at(error_with(f, "code blocks"), 3, 5);
    assert_int_equal(f->d.items[1].line, 5);
}

/* -------------------------------------------------------------- inlines */

static void test_smart_punctuation_pieces_merge_into_one_run(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "It's \"quoted\" -- and... done.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 1);
    assert_string_equal(p->in[0].text, "It\u2019s \u201Cquoted\u201D \u2013 and\u2026 done.");
    assert_int_equal(p->in[0].style, 0);
}

static void test_bold_italic_and_code_become_style_bits(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "a **b *c*** `d` e\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 6);
    assert_string_equal(p->in[0].text, "a ");
    assert_int_equal(p->in[0].style, 0);
    assert_string_equal(p->in[1].text, "b ");
    assert_int_equal(p->in[1].style, IS_BOLD);
    assert_string_equal(p->in[2].text, "c");
    assert_int_equal(p->in[2].style, IS_BOLD | IS_ITALIC);
    assert_string_equal(p->in[3].text, " ");
    assert_string_equal(p->in[4].text, "d");
    assert_int_equal(p->in[4].style, IS_CODE);
    assert_string_equal(p->in[5].text, " e");
    assert_int_equal(p->in[2].line, 1);
    assert_int_equal(p->in[2].col, 8);
}

static void test_soft_and_hard_breaks_are_their_own_inlines(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "one\ntwo  \nthree\n", 20), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 5);
    assert_int_equal(p->in[1].kind, IN_SOFTBREAK);
    assert_int_equal(p->in[3].kind, IN_LINEBREAK);
    assert_string_equal(p->in[4].text, "three");
    assert_int_equal(p->in[4].line, 22);
    assert_int_equal(p->in[2].line, 21);
}

static void test_link_url_is_on_every_run_inside(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "See [the **CSA** Centre](https://www.csacentre.org.uk/) now.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 5);
    assert_null(p->in[0].url);
    for (size_t i = 1; i <= 3; i++)
        assert_string_equal(p->in[i].url, "https://www.csacentre.org.uk/");
    assert_int_equal(p->in[2].style, IS_BOLD);
    assert_false(p->in[1].nobreak);
    assert_null(p->in[4].url);
}

static void test_javascript_link_is_an_error_at_its_line_and_column(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "Fine.\n\nA  [click](javascript:alert(1)) here.\n", 8), -1);
    const lp_diag_item *it = error_with(f, "'javascript:' is not allowed");
    assert_at(it, 10, 4);
    assert_string_equal(it->file, "content/test.md");
    assert_non_null(strstr(it->hint, "https:"));
    /* The text stays, without the link. */
    assert_null(f->doc.blocks[1].in[0].url);
}

static void test_relative_and_data_links_are_errors_but_any_case_https_is_fine(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "[a](HTTPS://x.org) [b](tel:+44247) [c](MailTo:a@b.org)\n\n"
                              "[d](page.html)\n\n[e](data:text/html,x)\n"),
                     -1);
    assert_int_equal(f->d.errors, 2);
    assert_at(error_with(f, "not a full address"), 3, 1);
    assert_at(error_with(f, "'data:'"), 5, 1);
}

static void test_autolinks_and_addresses_in_link_text_are_nobreak(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<https://www.nspcc.org.uk/> or <help@example.org> or "
                              "[0808 800 5000](tel:08088005000) or [the NSPCC](https://nspcc.org.uk)\n"),
                     0);
    const lp_block *p = &f->doc.blocks[0];
    assert_string_equal(p->in[0].text, "https://www.nspcc.org.uk/");
    assert_true(p->in[0].nobreak);
    assert_string_equal(p->in[2].text, "help@example.org");
    assert_string_equal(p->in[2].url, "mailto:help@example.org");
    assert_true(p->in[2].nobreak);
    assert_string_equal(p->in[4].text, "0808\u00A0800\u00A05000");
    assert_true(p->in[4].nobreak);
    assert_string_equal(p->in[6].text, "the NSPCC");
    assert_false(p->in[6].nobreak);
}

static void test_bare_web_address_in_text_is_a_nobreak_run(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Visit www.csacentre.org.uk/resources, then call.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 3);
    assert_string_equal(p->in[0].text, "Visit ");
    assert_string_equal(p->in[1].text, "www.csacentre.org.uk/resources");
    assert_true(p->in[1].nobreak);
    assert_int_equal(p->in[1].col, 7);
    assert_string_equal(p->in[2].text, ", then call.");
    assert_false(p->in[2].nobreak);
}

static void test_bare_email_address_in_text_is_a_nobreak_run(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Email help@example.org. Or not.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 3);
    assert_string_equal(p->in[1].text, "help@example.org");
    assert_true(p->in[1].nobreak);
    assert_null(p->in[1].url);
    assert_string_equal(p->in[2].text, ". Or not.");
}

static void test_raw_html_block_and_inline_are_errors(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<div>\nhi\n</div>\n\nSome <b>bold</b>.\n\n<!-- note -->\n"), -1);
    assert_int_equal(f->d.errors, 4);
    assert_at(&f->d.items[0], 1, 1);
    assert_at(&f->d.items[1], 5, 6);
    assert_at(&f->d.items[2], 5, 13);
    assert_at(&f->d.items[3], 7, 1);
    for (size_t i = 0; i < f->d.n; i++) {
        assert_string_equal(f->d.items[i].msg, "raw HTML is not allowed");
        assert_non_null(f->d.items[i].hint);
    }
}

static void test_image_keeps_source_and_alt(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "![A *safe* place](icon:house-heart) You are safe.\n"), 0);
    const lp_inline *img = &f->doc.blocks[0].in[0];
    assert_int_equal(img->kind, IN_IMAGE);
    assert_string_equal(img->url, "icon:house-heart");
    assert_string_equal(img->text, "A safe place");
    assert_string_equal(f->doc.blocks[0].in[1].text, " You are safe.");
}

static void test_image_without_alt_text_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Text first.\nThen ![](icon:phone) call.\n"), -1);
    const lp_diag_item *it = error_with(f, "image has no alt text");
    assert_at(it, 2, 6);
    assert_string_equal(it->hint, "![what it means](...)");
}

static void test_absolute_and_parent_image_paths_are_errors(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "![a](/etc/x.png)\n\n![b](../../x.png)\n\n![c](https://x.org/c.png)\n"), -1);
    assert_int_equal(f->d.errors, 3);
    assert_int_equal(error_with(f, "'/etc/x.png'")->line, 1);
    assert_int_equal(error_with(f, "'../../x.png'")->line, 3);
    assert_int_equal(error_with(f, "not a local file")->line, 5);
}

/* ----------------------------------------------------------- directives */

static void test_callout_has_icon_title_and_markdown_body_at_file_lines(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "Intro.\n\n```callout icon=\"siren\" title=\"In danger?\"\nCall **999** now.\n\n"
                                 "- one\n```\n",
                              10),
                     0);
    const lp_block *c = &f->doc.blocks[1];
    assert_int_equal(c->kind, BLK_CALLOUT);
    assert_string_equal(c->icon, "siren");
    assert_string_equal(c->title, "In danger?");
    assert_int_equal(c->line, 12);
    assert_int_equal(c->nkids, 2);
    assert_int_equal(c->kids[0].kind, BLK_PARA);
    assert_int_equal(c->kids[0].line, 13);
    assert_string_equal(c->kids[0].in[1].text, "999");
    assert_int_equal(c->kids[0].in[1].style, IS_BOLD);
    assert_int_equal(c->kids[0].in[1].col, 8);
    assert_int_equal(c->kids[1].kind, BLK_LIST);
    assert_int_equal(c->kids[1].line, 15);
}

static void test_directive_body_errors_point_into_the_file(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "- item\n\n  ```callout\n  One [x](file:///etc) two.\n  ```\n", 5), -1);
    assert_at(error_with(f, "'file:'"), 8, 7);
}

static void test_definition_takes_source_and_title(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```definition source=\"Working Together (2018)\" title=\"CSA\"\n"
                              "\u201CInvolves forcing or enticing.\u201D\n```\n"),
                     0);
    const lp_block *b = &f->doc.blocks[0];
    assert_int_equal(b->kind, BLK_DEFINITION);
    assert_string_equal(b->source, "Working Together (2018)");
    assert_string_equal(b->title, "CSA");
    assert_null(b->label);
    assert_int_equal(b->nkids, 1);
    assert_int_equal(b->kids[0].line, 2);
}

static void test_definition_may_name_its_panel(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```definition source=\"RCPCH\" label=\"In their words\"\nWords.\n```\n"), 0);
    assert_string_equal(f->doc.blocks[0].label, "In their words");
}

static void test_definition_without_source_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Text.\n\n```definition title=\"CSA\"\nWords.\n```\n"), -1);
    assert_at(error_with(f, "needs source="), 3, 1);
    assert_int_equal(f->doc.nblocks, 1);
}

static void test_unknown_attribute_is_an_error_with_suggestion(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```callout icon=\"phone\" titel=\"Hi\"\nText.\n```\n"), -1);
    const lp_diag_item *it = error_with(f, "unknown attribute 'titel'");
    assert_at(it, 1, 25);
    assert_string_equal(it->hint, "did you mean 'title'?");
}

static void test_unquoted_attribute_value_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```callout icon=phone\nText.\n```\n"), -1);
    assert_at(error_with(f, "malformed attribute"), 1, 12);
}

static void test_contacts_directive_lists_keys_with_positions(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "```contacts\nmash\n\n  stop-it-now\n```\n", 4), 0);
    const lp_block *b = &f->doc.blocks[0];
    assert_int_equal(b->kind, BLK_CONTACTS);
    assert_int_equal(b->nkeys, 2);
    assert_string_equal(b->keys[0].key, "mash");
    assert_int_equal(b->keys[0].line, 5);
    assert_int_equal(b->keys[0].col, 1);
    assert_string_equal(b->keys[1].key, "stop-it-now");
    assert_int_equal(b->keys[1].line, 7);
    assert_int_equal(b->keys[1].col, 3);
}

static void test_contacts_directive_unknown_key_suggests_the_closest(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```contacts\nmash\nstop-it-no\n```\n"), -1);
    const lp_diag_item *it = error_with(f, "unknown contact 'stop-it-no'");
    assert_at(it, 3, 1);
    assert_string_equal(it->hint, "did you mean 'stop-it-now'?");
}

static void test_unknown_directive_suggests_the_closest(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "```calout icon=\"x\"\nText.\n```\n\n```python\nx = 1\n```\n"), -1);
    const lp_diag_item *it = error_with(f, "unknown directive 'calout'");
    assert_at(it, 1, 4);
    assert_string_equal(it->hint, "did you mean 'callout'?");
    it = error_with(f, "unknown directive 'python'");
    assert_int_equal(it->line, 5);
    assert_non_null(strstr(it->hint, "callout, definition and contacts"));
}

/* ------------------------------------------------------------- offsets */

static void test_body_line_offset_follows_front_matter(void **state)
{
    fx *f = *state;
    /* Six lines of front matter: body line 3 is file line 9. */
    assert_int_equal(parse_fixture(f, "offset.md"), -1);
    const lp_diag_item *it = error_with(f, "raw HTML");
    assert_at(it, 9, 6);
    assert_string_equal(it->file, FIXTURES "offset.md");
    assert_string_equal(f->doc.slug, "offset");
    assert_int_equal(f->doc.blocks[0].line, 7);
}

static void test_columns_count_code_points(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Café – naïve [x](javascript:1)\n"), -1);
    assert_at(error_with(f, "javascript"), 1, 14);
}

/* ------------------------------------------------------------- contacts */

static void test_contact_expands_to_bold_name_and_tel_link(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Call {{contact:mash}} today.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 5);
    assert_string_equal(p->in[0].text, "Call ");
    assert_string_equal(p->in[1].text, "Multi Agency Safeguarding Hub");
    assert_int_equal(p->in[1].style, IS_BOLD);
    assert_null(p->in[1].url);
    assert_int_equal(p->in[1].col, 6);
    assert_string_equal(p->in[2].text, " ");
    assert_string_equal(p->in[3].text, "024\u00A07678\u00A08555");
    assert_string_equal(p->in[3].url, "tel:+442476788555");
    assert_true(p->in[3].nobreak);
    assert_int_equal(p->in[3].style, 0);
    assert_string_equal(p->in[4].text, " today.");
}

static void test_contact_without_phone_prints_email_or_web_address(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Write to {{contact:letters}}.\n\nSee {{contact:pace}}.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_string_equal(p->in[3].text, "post@example.org");
    assert_string_equal(p->in[3].url, "mailto:post@example.org");
    assert_true(p->in[3].nobreak);
    p = &f->doc.blocks[1];
    assert_string_equal(p->in[3].text, "paceuk.info");
    assert_string_equal(p->in[3].url, "https://paceuk.info/");
}

static void test_contact_fields_give_one_value_each(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "P {{contact:stop-it-now.phone}} E {{contact:stop-it-now.email}} "
                              "U {{contact:stop-it-now.url}} H {{contact:stop-it-now.hours}} "
                              "S {{contact:mash.short-name}}\n"),
                     0);
    const lp_block *p = &f->doc.blocks[0];
    assert_int_equal(p->nin, 7);
    assert_string_equal(p->in[1].text, "0808\u00A01000\u00A0900");
    assert_string_equal(p->in[1].url, "tel:+448081000900");
    assert_true(p->in[1].nobreak);
    assert_string_equal(p->in[3].text, "help@stopitnow.org.uk");
    assert_string_equal(p->in[3].url, "mailto:help@stopitnow.org.uk");
    assert_true(p->in[3].nobreak);
    assert_string_equal(p->in[5].text, "www.stopitnow.org.uk");
    assert_string_equal(p->in[5].url, "https://www.stopitnow.org.uk/");
    assert_true(p->in[5].nobreak);
    /* Hours and short name are plain text, merged with their neighbours. */
    assert_string_equal(p->in[6].text, " H 9am\u20139pm Monday to Thursday S MASH");
    assert_false(p->in[6].nobreak);
    assert_null(p->in[6].url);
}

static void test_contact_site_and_link_print_short_text_linked_to_the_full_address(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "See {{contact:stop-it-now.link}} at {{contact:stop-it-now.site}}.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_string_equal(p->in[1].text, "Stop it Now");
    assert_string_equal(p->in[1].url, "https://www.stopitnow.org.uk/");
    assert_false(p->in[1].nobreak);
    assert_string_equal(p->in[3].text, "www.stopitnow.org.uk");
    assert_string_equal(p->in[3].url, "https://www.stopitnow.org.uk/");
    assert_true(p->in[3].nobreak);
}

static void test_contact_keys_and_fields_are_read_in_any_case(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Call {{contact:MASH.Phone}} or {{contact:Stop-It-Now}}.\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_string_equal(p->in[1].text, "024\u00A07678\u00A08555");
    assert_string_equal(p->in[1].url, "tel:+442476788555");
}

/* Audience notes apply everywhere: {{contact:x.note}} in a young people's
 * leaflet prints their words, not the professionals'. */
static void test_contact_note_is_in_the_reader_own_words(void **state)
{
    fx *f = *state;
    lp_diag cd;
    diag_init(&cd);
    lp_contacts *all = contacts_load("content/contacts.yaml", &cd);
    assert_non_null(all);
    const lp_contact *mash = contacts_find(all, "mash");
    const char *own = contacts_own_note(mash, "young-people");
    assert_non_null(own);
    assert_string_not_equal(own, mash->note);
    f->doc.meta.audience = "young-people";
    f->doc.path = f->src.path = "content/test.md";
    f->doc.arena = f->a;
    f->src.body = "The MASH: {{contact:mash.note}}\n";
    f->src.body_len = strlen(f->src.body);
    f->src.body_line = 1;
    assert_int_equal(md_parse(&f->doc, &f->src, all, &f->d), 0);
    const lp_block *p = &f->doc.blocks[0];
    char text[512] = "";
    for (size_t i = 0; i < p->nin; i++) strncat(text, p->in[i].text, sizeof text - strlen(text) - 1);
    assert_non_null(strstr(text, own));
    assert_null(strstr(text, mash->note));
    contacts_free(all);
    diag_free(&cd);
}

/* Every format: a front matter contact that does not exist is an error at
 * its place in the list, whatever the format prints. */
static void test_unknown_front_matter_contact_is_an_error_at_parse(void **state)
{
    fx *f = *state;
    lp_keyref keys[2] = {{.key = "mash", .line = 9, .col = 12}, {.key = "ceop", .line = 9, .col = 18}};
    f->doc.meta.contacts = keys;
    f->doc.meta.ncontacts = 2;
    assert_int_equal(parse(f, "Text.\n"), -1);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 9);
    assert_int_equal(f->d.items[0].col, 18);
    assert_string_equal(f->d.items[0].msg, "unknown contact 'ceop'");
    assert_string_equal(f->d.items[0].hint, "contact keys are defined in " FIXTURES "contacts.yaml");
}

static void test_contact_keeps_the_surrounding_style(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "*Ring {{contact:mash.phone}}* or **{{contact:mash}}**\n"), 0);
    const lp_block *p = &f->doc.blocks[0];
    assert_string_equal(p->in[0].text, "Ring ");
    assert_int_equal(p->in[1].style, IS_ITALIC);
    assert_true(p->in[1].nobreak);
    assert_string_equal(p->in[3].text, "Multi Agency Safeguarding Hub ");
    assert_int_equal(p->in[3].style, IS_BOLD);
    assert_int_equal(p->in[4].style, IS_BOLD);
    assert_string_equal(p->in[4].url, "tel:+442476788555");
}

static void test_unknown_contact_key_is_an_error_at_the_braces(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "Text.\n\nIt’s &amp; {{contact:mash.phone}} then {{contact:stop-it-nw}}.\n", 3),
                     -1);
    assert_int_equal(f->d.errors, 1);
    const lp_diag_item *it = error_with(f, "unknown contact 'stop-it-nw'");
    assert_at(it, 5, 40);
    assert_string_equal(it->hint, "did you mean 'stop-it-now'?");
}

static void test_unknown_contact_field_lists_the_fields(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Call {{contact:mash.phon}}.\n"), -1);
    const lp_diag_item *it = error_with(f, "unknown contact field 'phon'");
    assert_at(it, 1, 6);
    assert_non_null(strstr(it->msg, "did you mean 'phone'"));
    assert_non_null(strstr(it->hint, "name, short-name, phone, email, url, site, link, hours, note"));
}

static void test_missing_field_value_and_unterminated_braces_are_errors(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "{{contact:pace.phone}}\n\nCall {{contact:mash\n\n{{name}}\n"), -1);
    assert_int_equal(f->d.errors, 3);
    assert_at(error_with(f, "contact 'pace' has no phone"), 1, 1);
    assert_at(error_with(f, "unterminated '{{'"), 3, 6);
    assert_at(error_with(f, "unknown placeholder '{{name}}'"), 5, 1);
}

/* --------------------------------------------------------- phone numbers */

static void test_spaces_between_digits_become_no_break_spaces(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Ring 0800 1111 or 116 123, aged 5 to 18.\n"), 0);
    assert_string_equal(f->doc.blocks[0].in[0].text,
                        "Ring 0800\u00A01111 or 116\u00A0123, aged 5 to 18.");
}

static void test_proportions_are_kept_on_one_line(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Just over 7 in 10 reports; 1 out of 4 children; call 024 7678 8555 in 2020.\n"), 0);
    assert_string_equal(f->doc.blocks[0].in[0].text,
                        "Just over 7\u00A0in\u00A010 reports; 1\u00A0out\u00A0of\u00A04 children; "
                        "call 024\u00A07678\u00A08555 in 2020.");
}

/* ---------------------------------------------------------------- limits */

static void test_list_with_too_many_items_is_an_error(void **state)
{
    fx *f = *state;
    size_t n = MD_MAX_LIST_ITEMS + 1;
    char *body = calloc(n, 8);
    for (size_t i = 0; i < n; i++)
        strcat(body, "- item\n");
    assert_int_equal(parse(f, body), -1);
    assert_at(error_with(f, "more than 200"), 1, 1);
    free(body);
}

static void test_list_at_the_item_limit_is_fine(void **state)
{
    fx *f = *state;
    char *body = calloc(MD_MAX_LIST_ITEMS, 8);
    for (size_t i = 0; i < MD_MAX_LIST_ITEMS; i++)
        strcat(body, "- item\n");
    assert_int_equal(parse(f, body), 0);
    assert_int_equal(f->doc.blocks[0].nkids, MD_MAX_LIST_ITEMS);
    free(body);
}

static void test_nesting_deeper_than_the_limit_is_an_error(void **state)
{
    fx *f = *state;
    char body[MD_MAX_DEPTH * 2 + 16] = "";
    for (int i = 0; i <= MD_MAX_DEPTH; i++)
        strcat(body, "> ");
    strcat(body, "deep\n");
    assert_int_equal(parse(f, body), -1);
    const lp_diag_item *it = error_with(f, "deeper than 16 levels");
    assert_at(it, 1, 2 * MD_MAX_DEPTH + 1);
}

static void test_nesting_at_the_limit_is_fine(void **state)
{
    fx *f = *state;
    char body[MD_MAX_DEPTH * 2 + 16] = "";
    for (int i = 0; i < MD_MAX_DEPTH; i++)
        strcat(body, "> ");
    strcat(body, "deep\n");
    assert_int_equal(parse(f, body), 0);
    const lp_block *b = &f->doc.blocks[0];
    for (int i = 1; i < MD_MAX_DEPTH; i++)
        b = &b->kids[0];
    assert_int_equal(b->kind, BLK_QUOTE);
    assert_string_equal(b->kids[0].in[0].text, "deep");
}

static void test_paragraph_with_too_many_words_is_an_error(void **state)
{
    fx *f = *state;
    size_t n = MD_MAX_PARA_WORDS + 1;
    char *body = calloc(n, 6);
    for (size_t i = 0; i < n; i++)
        strcat(body, i % 10 == 9 ? "word\n" : "word ");
    assert_int_equal(parse_at(f, body, 4), -1);
    assert_at(error_with(f, "more than 2000 words"), 4, 1);
    free(body);
}

static void test_placeholders_count_toward_the_word_limit(void **state)
{
    fx *f = *state;
    size_t n = MD_MAX_PARA_WORDS + 1;
    char *body = calloc(n, 24);
    for (size_t i = 0; i < n; i++)
        strcat(body, "{{contact:mash.name}}");
    assert_int_equal(parse(f, body), -1);
    assert_at(error_with(f, "more than 2000 words"), 1, 1);
    assert_int_equal(f->d.errors, 1);
    free(body);
}

static void test_slug_is_kept_when_already_set(void **state)
{
    fx *f = *state;
    f->doc.slug = "given";
    assert_int_equal(parse(f, "Text.\n"), 0);
    assert_string_equal(f->doc.slug, "given");
}

static void test_empty_body_gives_no_blocks(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ""), 0);
    assert_int_equal(f->doc.nblocks, 0);
    assert_string_equal(f->doc.slug, "test");
}

/* ------------------------------------------------ resolve: messages, plain */

static void test_plain_reads_the_leading_heading_as_headline_and_the_paragraphs(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "# Keep *children* safe\n\nFirst words.\n\nSecond words\nrun on.\n"), 0);
    lp_plain pl;
    assert_int_equal(resolve_plain(&f->doc, &f->d, "poster", &pl), 0);
    assert_clean(f);
    assert_non_null(pl.headline);
    assert_string_equal(pl.headline, "Keep children safe");
    assert_int_equal(pl.line, 1);
    assert_int_equal(pl.col, 1);
    assert_int_equal(pl.nparas, 2);
    assert_int_equal(pl.paras[0]->line, 3);
    assert_int_equal(pl.paras[1]->line, 5);
    /* Without a heading the title is the headline. */
    assert_int_equal(parse(f, "Only words.\n"), 0);
    assert_int_equal(resolve_plain(&f->doc, &f->d, "poster", &pl), 0);
    assert_null(pl.headline);
    assert_int_equal(pl.nparas, 1);
}

static void test_plain_refuses_a_list_a_sub_heading_and_no_text_at_their_lines(void **state)
{
    fx *f = *state;
    lp_plain pl;
    assert_int_equal(parse(f, "# Head\n\nWords.\n\n- a list\n"), 0);
    assert_int_equal(resolve_plain(&f->doc, &f->d, "poster", &pl), -1);
    const lp_diag_item *it = error_with(f, "a poster has no room for a list");
    assert_at(it, 5, 1);
    assert_non_null(strstr(it->hint, "a poster holds a '# headline'"));
    assert_int_equal(parse(f, "Words.\n\n## More\n"), 0);
    assert_int_equal(resolve_plain(&f->doc, &f->d, "leaflet", &pl), -1);
    assert_at(error_with(f, "a leaflet has no room for a sub-heading"), 3, 1);
    f->doc.meta.title_line = 2;
    assert_int_equal(parse(f, "# Only a headline\n"), 0);
    assert_int_equal(resolve_plain(&f->doc, &f->d, "poster", &pl), -1);
    assert_at(error_with(f, "the poster has no text"), 2, 1);
}

/* Parses body afresh (what was said before is forgotten) and resolves it. */
static int parse_resolved(fx *f, const char *body)
{
    diag_free(&f->d);
    diag_init(&f->d);
    int rc = parse(f, body);
    return rc ? rc : lp_resolve(&f->doc, f->contacts, &f->d);
}

static void test_messages_are_counted_and_each_must_have_an_icon_and_words(void **state)
{
    fx *f = *state;
    f->doc.meta.title_line = 2;
    assert_int_equal(parse_resolved(f, "![Call](icon:phone) Call us.\n\n![Kind](icon:heart)\nBe kind.\n"), 0);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 2, 3), 2);
    assert_clean(f);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 3, 3), -1);
    assert_at(error_with(f, "a poster takes exactly 3 messages; this one has 2"), 2, 1);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 1, 1), -1);
    error_with(f, "a poster takes exactly 1 messages; this one has 2");
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 3, 4), -1);
    error_with(f, "a poster takes 3 to 4 messages; this one has 2");
    assert_int_equal(parse_resolved(f, "![Call](icon:phone) Call us.\n\nNo picture here.\n"), 0);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 1, 3), -1);
    assert_at(error_with(f, "a poster holds only messages, each starting with a picture"), 3, 1);
    assert_int_equal(parse_resolved(f, "Words first.\n\n![Call](icon:phone)\n"), 0);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 1, 3), -1);
    assert_at(error_with(f, "a poster holds only messages"), 1, 1);
    assert_int_equal(parse_resolved(f, "![Call](icon:phone) Call us.\n\n![Call](icon:phone)\n"), 0);
    assert_int_equal(resolve_messages(&f->doc, &f->d, "poster", 1, 3), -1);
    assert_at(error_with(f, "a poster message has a picture but no words"), 3, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* ------------------------------------------------------ hostile input */

static void test_entity_spelled_bidi_override_is_an_error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_at(f, "Fine.\n\nCall &#x202E;9990&#x202C; now.\n", 11), -1);
    assert_at(error_with(f, "bidirectional embedding or override U+202E"), 13, 1);
}

static void test_entity_spelled_invisibles_are_dropped(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "Zero&#x200B;width and soft&#xAD;hyphen.\n"), 0);
    assert_clean(f);
    const lp_block *b = &f->doc.blocks[0];
    char all[128] = "";
    for (size_t i = 0; i < b->nin; i++)
        strncat(all, b->in[i].text, sizeof all - strlen(all) - 1);
    assert_string_equal(all, "Zerowidth and softhyphen.");
}

static void test_errors_past_the_cap_are_counted_not_listed(void **state)
{
    fx *f = *state;
    size_t n = MD_MAX_ERRORS + 30;
    char *body = calloc(n, 32);
    assert_non_null(body);
    for (size_t i = 0; i < n; i++)
        strcat(body, "{{contact:no-such-key}}\n\n");
    assert_int_equal(parse(f, body), -1);
    assert_int_equal(f->d.errors, MD_MAX_ERRORS + 1);
    assert_non_null(error_with(f, "30 more errors not shown"));
    free(body);
}

/* A scratch folder with a PNG header claiming 20000 x 20000 pixels and a
 * symbolic link out of the folder. */
static void picture_dir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/test_markdown_%ld", (long)getpid());
    assert_int_equal(mkdir(dir, 0700), 0);
    char p[256];
    snprintf(p, sizeof p, "%s/big.png", dir);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    static const unsigned char head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
                                         'R', 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0};
    assert_int_equal(fwrite(head, 1, sizeof head, fp), sizeof head);
    fclose(fp);
    snprintf(p, sizeof p, "%s/out.png", dir);
    assert_int_equal(symlink("/etc/hostname", p), 0);
    /* A whole picture of 300 x 100 pixels, and the same cut short. */
    FILE *in = fopen("tests/golden/gradient.png", "rb");
    assert_non_null(in);
    static unsigned char png[64 * 1024];
    size_t n = fread(png, 1, sizeof png, in);
    fclose(in);
    assert_true(n > 100 && n < sizeof png);
    snprintf(p, sizeof p, "%s/fine.png", dir);
    fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(png, 1, n, fp), n);
    fclose(fp);
    snprintf(p, sizeof p, "%s/cut.png", dir);
    fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(png, 1, n / 2, fp), n / 2);
    fclose(fp);
}

static void remove_picture_dir(const char *dir)
{
    char p[256];
    snprintf(p, sizeof p, "%s/big.png", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/out.png", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/fine.png", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/cut.png", dir);
    remove(p);
    rmdir(dir);
}

static void test_pictures_are_confined_and_capped(void **state)
{
    fx *f = *state;
    char dir[128], doc[192];
    picture_dir(dir, sizeof dir);
    snprintf(doc, sizeof doc, "%s/doc.md", dir);
    f->doc.arena = f->a;
    f->doc.path = f->src.path = doc;
    static const char body[] = "![A link out](out.png)\n\n![A pixel bomb](big.png)\n\n![Not there](later.png)\n\n"
                               "![Cut short](cut.png)\n\n![A fine one](fine.png)\n";
    f->src.body = body;
    f->src.body_len = strlen(body);
    f->src.body_line = 5;
    int rc = md_parse(&f->doc, &f->src, f->contacts, &f->d);
    remove_picture_dir(dir);
    assert_int_equal(rc, -1);
    assert_int_equal(f->d.errors, 4);
    assert_at(error_with(f, "picture 'out.png' is outside the content folder"), 5, 1);
    assert_at(error_with(f, "picture 'big.png' is 20000 x 20000 pixels"), 7, 1);
    assert_at(error_with(f, "picture 'later.png' does not exist"), 9, 1);
    assert_at(error_with(f, "picture 'cut.png' is damaged: the file ends early"), 11, 1);
    /* A good picture keeps its pixel size for the layout. */
    const lp_inline *img = &f->doc.blocks[f->doc.nblocks - 1].in[0];
    assert_int_equal(img->kind, IN_IMAGE);
    assert_int_equal(img->px_w, 300);
    assert_int_equal(img->px_h, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_block_kinds_and_nesting_from_fixture),
        T(test_plain_reads_the_leading_heading_as_headline_and_the_paragraphs),
        T(test_plain_refuses_a_list_a_sub_heading_and_no_text_at_their_lines),
        T(test_messages_are_counted_and_each_must_have_an_icon_and_words),
        T(test_heading_level_four_is_an_error),
        T(test_ordered_list_keeps_its_start_number),
        T(test_indented_and_plain_code_blocks_are_refused),
        T(test_smart_punctuation_pieces_merge_into_one_run),
        T(test_bold_italic_and_code_become_style_bits),
        T(test_soft_and_hard_breaks_are_their_own_inlines),
        T(test_link_url_is_on_every_run_inside),
        T(test_javascript_link_is_an_error_at_its_line_and_column),
        T(test_relative_and_data_links_are_errors_but_any_case_https_is_fine),
        T(test_autolinks_and_addresses_in_link_text_are_nobreak),
        T(test_bare_web_address_in_text_is_a_nobreak_run),
        T(test_bare_email_address_in_text_is_a_nobreak_run),
        T(test_raw_html_block_and_inline_are_errors),
        T(test_image_keeps_source_and_alt),
        T(test_image_without_alt_text_is_an_error),
        T(test_absolute_and_parent_image_paths_are_errors),
        T(test_callout_has_icon_title_and_markdown_body_at_file_lines),
        T(test_directive_body_errors_point_into_the_file),
        T(test_definition_takes_source_and_title),
        T(test_definition_may_name_its_panel),
        T(test_definition_without_source_is_an_error),
        T(test_unknown_attribute_is_an_error_with_suggestion),
        T(test_unquoted_attribute_value_is_an_error),
        T(test_contacts_directive_lists_keys_with_positions),
        T(test_contacts_directive_unknown_key_suggests_the_closest),
        T(test_unknown_directive_suggests_the_closest),
        T(test_body_line_offset_follows_front_matter),
        T(test_columns_count_code_points),
        T(test_contact_expands_to_bold_name_and_tel_link),
        T(test_contact_without_phone_prints_email_or_web_address),
        T(test_contact_fields_give_one_value_each),
        T(test_contact_site_and_link_print_short_text_linked_to_the_full_address),
        T(test_contact_keys_and_fields_are_read_in_any_case),
        T(test_contact_note_is_in_the_reader_own_words),
        T(test_unknown_front_matter_contact_is_an_error_at_parse),
        T(test_contact_keeps_the_surrounding_style),
        T(test_unknown_contact_key_is_an_error_at_the_braces),
        T(test_unknown_contact_field_lists_the_fields),
        T(test_missing_field_value_and_unterminated_braces_are_errors),
        T(test_spaces_between_digits_become_no_break_spaces),
        T(test_proportions_are_kept_on_one_line),
        T(test_list_with_too_many_items_is_an_error),
        T(test_list_at_the_item_limit_is_fine),
        T(test_nesting_deeper_than_the_limit_is_an_error),
        T(test_nesting_at_the_limit_is_fine),
        T(test_paragraph_with_too_many_words_is_an_error),
        T(test_placeholders_count_toward_the_word_limit),
        T(test_slug_is_kept_when_already_set),
        T(test_empty_body_gives_no_blocks),
        T(test_entity_spelled_bidi_override_is_an_error),
        T(test_entity_spelled_invisibles_are_dropped),
        T(test_errors_past_the_cap_are_counted_not_listed),
        T(test_pictures_are_confined_and_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
