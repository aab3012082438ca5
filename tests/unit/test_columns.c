/* test_columns.c — the shared column machinery (columns.c): blocks of given
 * heights, none split, set in two frames side by side; col_balance must
 * find the column height at which the two columns end closest together,
 * and col_end / col_gap say where each ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "columns.h"

#define TOP 100.0  /* the frames' top, pt */
#define ROOM 400.0 /* their height when not balanced */
#define LINE 10.0

typedef struct fx {
    lp_arena *a;
    lp_diag d;
    lp_flow_ctx ctx;
    lp_pages pg;
    fl_writer w;
    const double *blocks;
    size_t n;
    int calls;
} fx;

/* The layout col_balance calls: two frames col_h high (ROOM when 0), each
 * block a panel (a rect) set whole in the first frame that holds it. */
static int lay(void *arg, double col_h)
{
    fx *f = arg;
    f->calls++;
    f->pg.boxes.n = 0;
    f->pg.frames.n = 0;
    f->pg.npages = 0;
    fl_init(&f->w, &f->ctx, &f->pg);
    double h = col_h > 0 ? col_h : ROOM;
    fl_add_frame(&f->w, 0, 50, TOP, 200, h);
    fl_add_frame(&f->w, 0, 300, TOP, 200, h);
    f->w.in_flow = true;
    for (size_t i = 0; i < f->n; i++) {
        if (f->w.y + f->blocks[i] > h + 0.01) {
            if (f->w.cur == 1 || f->w.y == 0) {
                f->w.full = true;
                return 0;
            }
            f->w.cur = 1;
            f->w.y = 0;
            if (f->blocks[i] > h + 0.01) {
                f->w.full = true;
                return 0;
            }
        }
        const fl_frame *fr = fl_frame_cur(&f->w);
        fl_box(&f->w, BOX_RECT, 0, fr->x, fr->y + f->w.y, fr->w, f->blocks[i]);
        f->w.y += f->blocks[i];
    }
    return 0;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    f->a = arena_new();
    f->ctx = (lp_flow_ctx){.arena = f->a, .diag = &f->d};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    arena_free(f->a);
    diag_free(&f->d);
    free(f);
    return 0;
}

static double end_of(fx *f, size_t c)
{
    const lp_box *last;
    return col_end(&f->w, &f->w.frames.v[c], &last);
}

static double balance(fx *f, const double *blocks, size_t n)
{
    f->blocks = blocks;
    f->n = n;
    assert_int_equal(lay(f, 0), 0);
    assert_false(f->w.full);
    double h = col_balance(&f->w, 0, LINE, 2 * LINE, lay, f);
    assert_true(h > 0);
    assert_false(f->w.full);
    return h;
}

/* Four equal blocks: two a column, both ending at the same height. */
static void test_even(void **state)
{
    fx *f = *state;
    const double b[] = {30, 30, 30, 30};
    balance(f, b, 4);
    assert_true(fabs(end_of(f, 0) - (TOP + 60)) < 0.01);
    assert_true(fabs(end_of(f, 1) - (TOP + 60)) < 0.01);
    assert_true(col_gap(&f->w, 0) < 0.01);
}

/* Blocks that cannot be shared out evenly: the columns end as near as the
 * blocks allow (70 and 90 of 160), not with everything in the first. */
static void test_uneven(void **state)
{
    fx *f = *state;
    const double b[] = {50, 20, 20, 20, 50};
    balance(f, b, 5);
    double e0 = end_of(f, 0) - TOP, e1 = end_of(f, 1) - TOP;
    assert_true(fabs(e0 + e1 - 160) < 0.01);
    assert_true(fabs(e0 - e1) <= 20.01);
    assert_true(fabs(col_gap(&f->w, 0) - fabs(e0 - e1)) < 0.01);
}

/* A tall block first and small ones after: the small ones fill the second
 * column beside it. */
static void test_tall_first(void **state)
{
    fx *f = *state;
    const double b[] = {120, 30, 30, 30, 30};
    double h = balance(f, b, 5);
    assert_true(h >= 120 - 0.01 && h < 120 + LINE);
    assert_true(fabs(end_of(f, 0) - (TOP + 120)) < 0.01);
    assert_true(fabs(end_of(f, 1) - (TOP + 120)) < 0.01);
}

/* One block, which cannot be split: the second column stays empty and
 * ends at its top; the gap says how far apart they are. */
static void test_single_block(void **state)
{
    fx *f = *state;
    const double b[] = {90};
    balance(f, b, 1);
    const lp_box *last;
    assert_true(fabs(col_end(&f->w, &f->w.frames.v[1], &last) - TOP) < 0.01);
    assert_null(last);
    assert_true(fabs(col_gap(&f->w, 0) - 90) < 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_even, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uneven, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tall_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_block, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
