/* test_sense.c — sense lines (a sentence a line, numbers bold) and finding
 * hard words in folded text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sense.h"

#include "arena_fixture.h"

static lp_inline text(const char *t) { return (lp_inline){.kind = IN_TEXT, .text = t}; }
static lp_inline of_kind(lp_inline_kind k) { return (lp_inline){.kind = k, .text = ""}; }

static void test_soft_breaks_become_line_breaks_and_numbers_bold(void **state)
{
    fx *f = *state;
    lp_inline num = text("0800 1111");
    num.url = "tel:08001111";
    lp_inline web = text("example.org");
    web.url = "https://example.org";
    lp_inline in[5] = {text("Call Childline on "), num, of_kind(IN_SOFTBREAK), text("It is free."), web};
    size_t n;
    lp_inline *out = sense_lines(f->a, in, 5, &n);
    assert_int_equal(n, 5);
    assert_int_equal(out[2].kind, IN_LINEBREAK);
    assert_true(out[1].style & IS_BOLD);
    assert_false(out[4].style & IS_BOLD); /* a web link is not a number to call */
    assert_false(out[0].style & IS_BOLD);
    assert_int_equal(in[2].kind, IN_SOFTBREAK); /* a copy: the source stays */
    assert_false(in[1].style & IS_BOLD);
}

static void test_what_follows_a_picture_starts_at_the_first_word(void **state)
{
    fx *f = *state;
    lp_inline lead = text("   You can say no.");
    lead.col = 10;
    lp_inline in[5] = {of_kind(IN_SOFTBREAK), of_kind(IN_IMAGE), text("  "), lead, text(" Even so.")};
    size_t n;
    lp_inline *out = sense_lines(f->a, in, 5, &n);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].text, "You can say no.");
    assert_int_equal(out[0].col, 13);
    /* the next sentence starts a line, without the space before it */
    assert_int_equal(out[1].kind, IN_LINEBREAK);
    assert_string_equal(out[2].text, "Even so.");
    sense_lines(f->a, in, 0, &n);
    assert_int_equal(n, 0);
}

/* Each sentence after the first in a line starts a line of its own, in
 * one inline or where one inline ends a sentence and the next starts one;
 * "e.g.", "Dr." and a full stop before a small letter or a digit end none,
 * and a number to call is never cut. */
static void test_each_sentence_starts_a_line(void **state)
{
    fx *f = *state;
    lp_inline note = text("Children\u2019s Social Care. Their job is to keep children safe!  Call them.");
    note.col = 5;
    lp_inline num = text("024 7678 8555. Ask");
    num.url = "tel:+442476788555";
    num.nobreak = true;
    lp_inline bold = text("Childline");
    bold.style = IS_BOLD;
    lp_inline in[] = {note, text(" Tell an adult (a teacher). "), bold, text(" can help, e.g. Samaritans too."),
                      text(" See Dr. Khan at no. 5 or St. Mary\u2019s. It is 9.30. "), num,
                      text(" Say \u201cstop.\u201d Then go.")};
    size_t n;
    lp_inline *out = sense_lines(f->a, in, sizeof in / sizeof *in, &n);
    const char *want[] = {"Children\u2019s Social Care.", "\n", "Their job is to keep children safe!", "\n",
                          "Call them.", "\n", "Tell an adult (a teacher).", "\n", "Childline",
                          " can help, e.g. Samaritans too.", "\n",
                          "See Dr. Khan at no. 5 or St. Mary\u2019s.", "\n", "It is 9.30. ",
                          "024 7678 8555. Ask", " Say \u201cstop.\u201d", "\n", "Then go."};
    size_t nwant = sizeof want / sizeof *want;
    for (size_t i = 0; i < n && i < nwant; i++) {
        if (want[i][0] == '\n') assert_int_equal(out[i].kind, IN_LINEBREAK);
        else assert_string_equal(out[i].text, want[i]);
    }
    assert_int_equal(n, nwant);
    assert_int_equal(out[2].col, 5 + (int)strlen("Children\u2019s Social Care. "));
    assert_true(out[8].style & IS_BOLD);
}

static void test_blocks_are_copied_deep_with_sense_lines(void **state)
{
    fx *f = *state;
    lp_inline in[3] = {text("One."), of_kind(IN_SOFTBREAK), text("Two.")};
    lp_block kid = {.kind = BLK_PARA, .in = in, .nin = 3};
    lp_block item = {.kind = BLK_ITEM, .kids = &kid, .nkids = 1};
    lp_block *out = sense_blocks(f->a, &item, 1);
    assert_int_equal(out[0].nkids, 1);
    assert_ptr_not_equal(out[0].kids, &kid);
    assert_int_equal(out[0].kids[0].nin, 3);
    assert_int_equal(out[0].kids[0].in[1].kind, IN_LINEBREAK);
    assert_int_equal(kid.in[1].kind, IN_SOFTBREAK);
}

static void test_fold_lowers_straightens_and_spaces(void **state)
{
    fx *f = *state;
    lp_inline in[4] = {text("Children\xE2\x80\x99s  Social"), of_kind(IN_LINEBREAK), text("CARE\tnow"),
                       of_kind(IN_IMAGE)};
    assert_string_equal(sense_fold(f->a, in, 4), " children's social care now");
    assert_string_equal(sense_fold(f->a, in, 2), " children's social "); /* a break is a space */
    assert_string_equal(sense_fold(f->a, in, 0), " ");
}

static void test_find_word_takes_whole_words_only(void **state)
{
    (void)state;
    const char *t = " a nudes photo, then a nude one ";
    assert_int_equal(sense_find_word(t, "nude"), 23);
    assert_int_equal(sense_find_word(t, "photo"), 9);   /* a comma after is no letter */
    assert_int_equal(sense_find_word(t, "hot"), -1);    /* inside a word */
    assert_int_equal(sense_find_word(t, ""), -1);
    assert_int_equal(sense_find_word(" it's safe ", "it's"), 1);
    assert_int_equal(sense_find_word(" 24 hours ", "24"), 1);
}

static void test_each_word_goes_with_the_first_text_that_has_it(void **state)
{
    fx *f = *state;
    assert_string_equal(sense_fold_word(f->a, "Children\xE2\x80\x99s Social Care"), "children's social care");
    const char *words[3] = {sense_fold_word(f->a, "secret"), sense_fold_word(f->a, "Groom"),
                            sense_fold_word(f->a, "nude")};
    bool taken[3] = {false, false, false};
    size_t out[3];
    lp_inline r0 = text("Someone may groom you and ask you to keep a secret.");
    lp_inline r1 = text("A secret about grooming is not a good secret.");
    /* In the order the text reads them, not the order of words:. */
    assert_int_equal(sense_take_words(f->a, sense_fold(f->a, &r0, 1), words, 3, taken, out), 2);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 0);
    assert_true(taken[0] && taken[1] && !taken[2]);
    /* A word already taken stays with the first text; "grooming" is not "groom". */
    assert_int_equal(sense_take_words(f->a, sense_fold(f->a, &r1, 1), words, 3, taken, out), 0);
    assert_false(taken[2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_soft_breaks_become_line_breaks_and_numbers_bold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_what_follows_a_picture_starts_at_the_first_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_sentence_starts_a_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blocks_are_copied_deep_with_sense_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fold_lowers_straightens_and_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_word_takes_whole_words_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_word_goes_with_the_first_text_that_has_it, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
