/* test_framecheck.c — nothing drawn leaves its frame: boxes against their
 * frames, frames against their parents, pages against the edition. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "framecheck.h"

typedef struct fixture {
    lp_arena *a;
    lp_doc doc;
    lp_pages pg;
    lp_diag d;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    f.a = arena_new();
    f.doc.path = "doc.md";
    f.doc.arena = f.a;
    f.doc.meta.title_line = 2;
    f.pg.width = 200;
    f.pg.height = 300;
    f.pg.npages = 2;
    diag_init(&f.d);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    diag_free(&f->d);
    arena_free(f->a);
    return 0;
}

static int add_frame(fixture *f, int page, double x, double y, double w, double h, int parent,
                     const char *what, int line)
{
    lp_frame fr = {page, x, y, w, h, parent, what, line, line ? 3 : 0};
    VEC_PUSH(f->a, f->pg.frames, fr);
    return (int)f->pg.frames.n;
}

static lp_box *add_rect(fixture *f, int page, double x, double y, double w, double h, int frame)
{
    lp_box b;
    memset(&b, 0, sizeof b);
    b.kind = BOX_RECT;
    b.page = page;
    b.x = x, b.y = y, b.w = w, b.h = h;
    b.face = -1;
    b.snode = -1;
    b.frame = frame;
    VEC_PUSH(f->a, f->pg.boxes, b);
    return &f->pg.boxes.v[f->pg.boxes.n - 1];
}

static void boxes_inside_pass(void **state)
{
    fixture *f = *state;
    int col = add_frame(f, 0, 10, 10, 80, 200, 0, "column", 0);
    add_rect(f, 0, 10, 10, 80, 200, col);
    add_rect(f, 0, 0, 0, 200, 300, 0); /* the whole page, in the page */
    add_rect(f, 1, 20, 20, 10, 10, 0);
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 0);
    assert_int_equal(f->d.errors, 0);
}

static void text_past_its_column_names_its_line(void **state)
{
    fixture *f = *state;
    int col = add_frame(f, 0, 10, 10, 80, 200, 0, "column", 0);
    lp_box *b = add_rect(f, 0, 10, 50, 80, 10, col);
    b->kind = BOX_TEXT;
    b->y = 60; /* baseline */
    b->size = 10;
    b->w = 120; /* 40 pt too wide */
    b->text = "https://example.org/a/very/long/address ";
    b->line = 7, b->col = 5;
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 1);
    assert_int_equal(f->d.errors, 1);
    assert_string_equal(f->d.items[0].file, "doc.md");
    assert_int_equal(f->d.items[0].line, 7);
    assert_int_equal(f->d.items[0].col, 5);
    assert_non_null(strstr(f->d.items[0].msg, "14.1 mm past the right edge of its column on page 1"));
    assert_non_null(strstr(f->d.items[0].msg, "'https://example.org/a/very/long/address'"));
}

static void a_box_within_the_slack_passes(void **state)
{
    fixture *f = *state;
    int col = add_frame(f, 0, 10, 10, 80, 200, 0, "column", 0);
    add_rect(f, 0, 10 - FRAME_SLACK / 2, 10, 80 + FRAME_SLACK, 200, col);
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 0);
    add_rect(f, 0, 10, 10, 80, 200 + 2 * FRAME_SLACK, col);
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 1);
    assert_non_null(strstr(f->d.items[0].msg, "past the bottom edge"));
}

static void a_frame_above_the_page_names_its_source(void **state)
{
    fixture *f = *state;
    int strip = add_frame(f, 1, 10, -20, 180, 100, 0, "back-page contacts", 12);
    int cell = add_frame(f, 1, 10, -20, 90, 100, strip, "cell", 0);
    add_rect(f, 1, 10, -20, 10, 10, cell);
    assert_true(frame_check(&f->pg, NULL, &f->doc, &f->d) >= 1);
    assert_int_equal(f->d.items[0].line, 12);
    assert_int_equal(f->d.items[0].col, 3);
    assert_non_null(strstr(f->d.items[0].msg, "back-page contacts reaches 7.1 mm past the top edge of "
                                              "its page on page 2"));
}

static void a_cell_over_its_neighbour_is_caught(void **state)
{
    fixture *f = *state;
    int strip = add_frame(f, 0, 10, 200, 180, 40, 0, "strip", 0);
    int a = add_frame(f, 0, 10, 200, 90, 40, strip, "cell", 4);
    int b = add_frame(f, 0, 100, 200, 90, 40, strip, "cell", 5);
    add_rect(f, 0, 10, 200, 120, 10, a); /* into the next cell */
    add_rect(f, 0, 100, 200, 90, 10, b);
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 1);
    assert_int_equal(f->d.items[0].line, 4);
}

static void boxes_off_the_pages_or_nowhere_are_caught(void **state)
{
    fixture *f = *state;
    add_rect(f, 2, 10, 10, 10, 10, 0); /* page 3 of 2 */
    lp_box *b = add_rect(f, 0, NAN, 10, 10, 10, 0);
    (void)b;
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 2);
    /* Without a source line of its own, the document's title line. */
    assert_int_equal(f->d.items[0].line, 2);
}

static void frames_without_boxes_are_not_checked(void **state)
{
    fixture *f = *state;
    add_frame(f, 0, -100, -100, 10, 10, 0, "left over", 0);
    assert_int_equal(frame_check(&f->pg, NULL, &f->doc, &f->d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(boxes_inside_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(text_past_its_column_names_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(a_box_within_the_slack_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(a_frame_above_the_page_names_its_source, setup, teardown),
        cmocka_unit_test_setup_teardown(a_cell_over_its_neighbour_is_caught, setup, teardown),
        cmocka_unit_test_setup_teardown(boxes_off_the_pages_or_nowhere_are_caught, setup, teardown),
        cmocka_unit_test_setup_teardown(frames_without_boxes_are_not_checked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
