/* arena_fixture.h — the cmocka fixture most unit tests share: an arena and
 * a diagnostics list, made before each test and freed after it. */
#ifndef LP_ARENA_FIXTURE_H
#define LP_ARENA_FIXTURE_H

#include <stdlib.h>

#include "leafpress.h"

typedef struct fx {
    lp_arena *a;
    lp_diag d;
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

#endif
