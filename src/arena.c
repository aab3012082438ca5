/* arena.c — per-document bump allocation and arena-backed vectors. */
#include "leafpress.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks grow with the arena (each as big as all before it, from CHUNK_MIN
 * up to CHUNK_MAX), so a document takes a handful of mallocs, not dozens;
 * their pages are touched only as they are handed out. */
#define CHUNK_MIN (64u * 1024u)
#define CHUNK_MAX (1024u * 1024u)
#define ALIGN 16u

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    max_align_t data[]; /* the allocations */
} chunk;

struct lp_arena {
    chunk *head;
    size_t total;
};

static void out_of_memory(size_t size)
{
    /* No stage can recover without memory; saying so beats a NULL deref. */
    fprintf(stderr, "leafpress: out of memory (asked for %zu bytes)\n", size);
    abort();
}

lp_arena *arena_new(void)
{
    lp_arena *a = calloc(1, sizeof *a);
    if (!a) out_of_memory(sizeof *a);
    return a;
}

void arena_free(lp_arena *a)
{
    if (!a) return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void arena_reset(lp_arena *a)
{
    if (!a || !a->head) return;
    /* The newest chunk is kept (the largest but for a lone big request):
     * an arena reset for each piece of work mallocs nothing once warm. */
    chunk *keep = a->head;
    for (chunk *c = keep->next, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    keep->next = NULL;
    keep->used = 0;
    a->total = 0;
}

/* size bytes, aligned, not zeroed. */
static void *take(lp_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size) out_of_memory(size);
    chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t csize = a->total < CHUNK_MIN ? CHUNK_MIN : a->total > CHUNK_MAX ? CHUNK_MAX : a->total;
        csize = (csize + ALIGN - 1) & ~(size_t)(ALIGN - 1);
        if (need > csize) csize = need;
        c = malloc(sizeof *c + csize);
        if (!c) out_of_memory(size);
        c->size = csize;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += need;
    a->total += need;
    return p;
}

void *arena_alloc(lp_arena *a, size_t size)
{
    void *p = take(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(lp_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(lp_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Formats made only of text, %s, %d and %% (most of them: keys such as
 * "%s.prompt", a word and its space) are put together here: vsnprintf, run
 * twice, was a tenth of a guide's instructions.  Anything else goes to it. */
#define FAST_ARGS 8

static bool fast_format(const char *fmt)
{
    int args = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        if (*p == 's' || *p == 'd') args++;
        else if (*p != '%') return false;
    }
    return args <= FAST_ARGS;
}

/* Writes i in decimal backwards from end; returns the first digit. */
static char *int_text(int i, char *end)
{
    unsigned u = i < 0 ? 0u - (unsigned)i : (unsigned)i;
    char *p = end;
    do *--p = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (i < 0) *--p = '-';
    return p;
}

static char *fast_printf(lp_arena *a, const char *fmt, va_list ap)
{
    const char *s[FAST_ARGS];
    size_t len[FAST_ARGS];
    char num[FAST_ARGS][12];
    size_t k = 0, total = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            total++;
            continue;
        }
        p++;
        if (*p == '%') {
            total++;
        } else if (*p == 's') {
            s[k] = va_arg(ap, const char *);
            if (!s[k]) s[k] = "(null)";
            len[k] = strlen(s[k]);
            total += len[k++];
        } else {
            char *end = num[k] + sizeof num[k];
            s[k] = int_text(va_arg(ap, int), end);
            len[k] = (size_t)(end - s[k]);
            total += len[k++];
        }
    }
    char *out = take(a, total + 1), *w = out;
    k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            *w++ = *p;
            continue;
        }
        p++;
        if (*p == '%') {
            *w++ = '%';
        } else {
            memcpy(w, s[k], len[k]);
            w += len[k++];
        }
    }
    *w = '\0';
    return out;
}

char *arena_printf(lp_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    if (fast_format(fmt)) {
        char *out = fast_printf(a, fmt, ap);
        va_end(ap);
        return out;
    }
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t arena_used(const lp_arena *a) { return a ? a->total : 0; }

void vec_grow(lp_arena *a, void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap) return;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) ncap *= 2;
    if (ncap > SIZE_MAX / item_size) out_of_memory(SIZE_MAX);
    size_t old = *cap * item_size, want = ncap * item_size;
    /* The items are the newest allocation and their chunk has room: they
     * grow where they are, with no copy and nothing left behind. */
    chunk *c = a->head;
    if (*items && c && (char *)*items + ((old + ALIGN - 1) & ~(size_t)(ALIGN - 1)) == (char *)c->data + c->used) {
        size_t extra = ((want + ALIGN - 1) & ~(size_t)(ALIGN - 1)) - ((old + ALIGN - 1) & ~(size_t)(ALIGN - 1));
        if (c->size - c->used >= extra) {
            c->used += extra;
            a->total += extra;
            *cap = ncap;
            return;
        }
    }
    /* Slots past the items are written before they are read (VEC_PUSH), so
     * they are not zeroed: pages that no item reaches are never touched. */
    void *p = take(a, want);
    if (*items && *cap) memcpy(p, *items, old);
    *items = p;
    *cap = ncap;
}
