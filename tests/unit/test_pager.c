/* test_pager.c — the shared pager: units of given heights placed on pages,
 * the breaks, the spaces and the picture size asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pager.h"

#include "arena_fixture.h"

#include <math.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 0.01)

/* Page 1 has 200 pt under its band, later pages 210; units 5 pt apart,
 * closing to 3 and opening to 7; a picture of 40 that may shrink to 30. */
static pg_config config(void)
{
    return (pg_config){.first_top = 50, .top = 40, .bottom = 250, .space = 5, .space_min = 3,
                       .space_max = 7, .heading_gap = 3, .min_fill = 0.8, .stretch_to = 0.85,
                       .pic = 40, .pic_min = 30, .pic_step = 1};
}

static void units(pg_unit *u, size_t n, double h, unsigned flags)
{
    for (size_t k = 0; k < n; k++) u[k] = (pg_unit){.h = h, .flags = flags};
}

static void test_units_that_fit_stand_space_apart_on_one_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    pg_unit u[3];
    units(u, 3, 40, 0);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 3, &r), 0);
    assert_int_equal(r.npages, 1);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(u[k].page, 0);
        NEAR(u[k].y, 50 + 45.0 * (double)k);
        NEAR(u[k].set_h, 40);
    }
    NEAR(r.pic, 40); /* nothing needed a smaller picture */
    assert_false(r.pages[0].lone);
}

static void test_a_page_breaks_before_the_unit_that_does_not_fit(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Four of 45 take 195 of page 1's 200; five would not fit even closed up. */
    pg_unit u[7];
    units(u, 7, 45, 0);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 7, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(r.pages[0].end, 4);
    assert_int_equal(u[3].page, 0);
    assert_int_equal(u[4].page, 1);
    NEAR(u[4].y, 40); /* the later page's top */
    NEAR(u[5].y, 40 + 50);
    NEAR(r.pages[0].fill, 195.0 / 200);
    assert_false(r.pages[0].short_page);
}

static void test_spaces_close_up_to_keep_a_unit_on_the_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Six of 30: 205 with 5 pt spaces, 195 closed to 3 pt: all on page 1. */
    pg_unit u[6];
    units(u, 6, 30, 0);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 6, &r), 0);
    assert_int_equal(r.npages, 1);
    NEAR(u[1].y - u[0].y, 30 + 4); /* 5 pt over by 5 across five spaces: 4 pt */
    NEAR(u[5].y + u[5].set_h, 250);
}

static void test_the_last_unit_is_not_left_alone_when_a_unit_can_follow_it(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Seven of 30: six fit on page 1 closed up, leaving one alone; five
     * (170 of 200, 85 %) keep page 1 full and give the last company. */
    pg_unit u[7];
    units(u, 7, 30, 0);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 7, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(r.pages[1].first, 5);
    assert_int_equal(u[4].page, 0);
    assert_int_equal(u[5].page, 1);
    assert_false(r.pages[1].lone);
    assert_false(r.pages[0].short_page);
    NEAR(r.pic, 40);
}

static void test_pictures_shrink_alike_rather_than_leave_a_unit_alone(void **state)
{
    fx *f = *state;
    pg_config c = config();
    c.pic = 45;
    /* Five pictured units (text 20 pt) at 45: four fill page 1 (195), the
     * fifth would be alone and four on page 1 less one is 72 % full.  At 37
     * all five fit with the spaces closed up (185 + 20 - 8 = 197). */
    pg_unit u[5];
    units(u, 5, 20, PU_PICTURED);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 5, &r), 0);
    assert_int_equal(r.npages, 1);
    NEAR(r.pic, 37);
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(u[k].page, 0);
        NEAR(u[k].set_h, 37);
    }
    /* A unit whose text is taller than the picture keeps its height; here
     * three fill page 1 (160 of 200) and two follow: no need to shrink. */
    u[2].h = 60;
    assert_int_equal(pager_run(f->a, &c, u, 5, &r), 0);
    NEAR(u[2].set_h, 60);
    NEAR(r.pic, 45);
    assert_int_equal(r.npages, 2);
    assert_false(r.pages[1].lone);
}

static void test_pictures_never_shrink_below_the_least(void **state)
{
    fx *f = *state;
    pg_config c = config();
    c.pic = 45;
    c.pic_min = 42;
    pg_unit u[5];
    units(u, 5, 20, PU_PICTURED);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 5, &r), 0);
    assert_true(r.pic >= 42 - 0.01);
    for (size_t k = 0; k < 5; k++) assert_true(u[k].set_h >= 42 - 0.01);
    /* No layout is good: one of the faults is reported on its page. */
    bool bad = false;
    for (int p = 0; p < r.npages; p++) bad |= r.pages[p].lone || r.pages[p].short_page;
    assert_true(bad);
}

static void test_a_heading_keeps_with_the_next_unit_and_opens_a_page_in_its_band(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Five of 30 (170), a heading of 20 and two more: the heading and its
     * first unit do not fit under the five, so the heading opens page 2. */
    pg_unit u[8];
    units(u, 5, 30, 0);
    u[5] = (pg_unit){.h = 20, .flags = PU_HEADING | PU_KEEP_NEXT};
    units(u + 6, 2, 30, 0);
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 8, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(u[5].page, 1);
    assert_true(u[5].in_band);
    NEAR(u[6].y, 40); /* the heading in the band takes no room */
    /* In the flow, a heading is heading_gap from its first unit. */
    pg_unit v[3] = {{.h = 30}, {.h = 20, .flags = PU_HEADING | PU_KEEP_NEXT}, {.h = 30}};
    assert_int_equal(pager_run(f->a, &c, v, 3, &r), 0);
    assert_false(v[1].in_band);
    NEAR(v[1].y, 50 + 35);
    NEAR(v[2].y, v[1].y + 20 + 3);
}

static void test_an_attached_box_stands_under_its_unit(void **state)
{
    fx *f = *state;
    pg_config c = config();
    pg_unit u[3] = {{.h = 40}, {.h = 30, .flags = PU_BOX | PU_ATTACHED}, {.h = 40}};
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 3, &r), 0);
    NEAR(u[1].y, u[0].y + 40 + 5);
    NEAR(u[2].y, u[1].y + 30 + 5);
}

static void test_an_attached_box_keeps_its_unit_on_its_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Four of 45 fill page 1 (195 of 200); the fourth's box (30) does not
     * fit under it.  The box never starts page 2 away from its unit: the
     * fourth goes over with it, and page 1 ends short (145, 72 %). */
    pg_unit u[7];
    units(u, 7, 45, 0);
    u[4] = (pg_unit){.h = 30, .flags = PU_BOX | PU_ATTACHED};
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 7, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(u[2].page, 0);
    assert_int_equal(u[3].page, 1);
    assert_int_equal(u[4].page, 1);
    NEAR(u[4].y, u[3].y + 45 + 5);
    assert_true(r.pages[0].short_page);
}

static void test_a_box_is_never_alone_on_a_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    /* Four of 45 fill page 1; a box after them would be alone on page 2:
     * the fourth unit goes with it (150 of 200 opened up is 77 %, short, but
     * a lone box costs more). */
    pg_unit u[5];
    units(u, 4, 45, 0);
    u[4] = (pg_unit){.h = 30, .flags = PU_BOX};
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 5, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(u[3].page, 1);
    assert_int_equal(u[4].page, 1);
    assert_false(r.pages[1].lone);
    assert_true(r.pages[0].short_page);
}

static void test_the_authors_page_break_ends_the_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    pg_unit u[5] = {{.h = 30}, {.h = 30}, {.flags = PU_BREAK}, {.h = 30}, {.h = 30}};
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 5, &r), 0);
    assert_int_equal(r.npages, 2);
    assert_int_equal(u[2].page, 0); /* the break belongs to the page it ends */
    assert_int_equal(u[3].page, 1);
    NEAR(u[3].y, 40);
    assert_false(r.pages[0].short_page); /* asked for: however short */
}

static void test_a_unit_taller_than_a_page_is_an_error(void **state)
{
    fx *f = *state;
    pg_config c = config();
    pg_unit u[2] = {{.h = 30}, {.h = 300}};
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, u, 2, &r), -1);
    assert_int_equal(r.bad_unit, 1);
    NEAR(r.over, 300 - 210);
}

static void test_no_units_make_one_empty_page(void **state)
{
    fx *f = *state;
    pg_config c = config();
    pg_result r;
    assert_int_equal(pager_run(f->a, &c, NULL, 0, &r), 0);
    assert_int_equal(r.npages, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_units_that_fit_stand_space_apart_on_one_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_page_breaks_before_the_unit_that_does_not_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spaces_close_up_to_keep_a_unit_on_the_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_last_unit_is_not_left_alone_when_a_unit_can_follow_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pictures_shrink_alike_rather_than_leave_a_unit_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pictures_never_shrink_below_the_least, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_heading_keeps_with_the_next_unit_and_opens_a_page_in_its_band, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_attached_box_stands_under_its_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_attached_box_keeps_its_unit_on_its_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_box_is_never_alone_on_a_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_authors_page_break_ends_the_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_unit_taller_than_a_page_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_units_make_one_empty_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
