/* framecheck.c — every box inside its frame, every frame inside its parent
 * (see framecheck.h).  Runs on every edition after layout, before anything
 * is written. */
#include "framecheck.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Errors past these many would only repeat the first ones. */
#define MAX_REPORTS 8

typedef struct extent {
    double x0, y0, x1, y1;
} extent;

typedef struct checker {
    const lp_pages *pg;
    const lp_fonts *fonts;
    const lp_doc *doc;
    lp_diag *d;
    int found, reported;
    bool *told; /* per frame (index 0: the page): an escape already reported */
} checker;

static const lp_frame *frame_at(const lp_pages *pg, int k)
{
    return k > 0 && (size_t)k <= pg->frames.n ? &pg->frames.v[k - 1] : NULL;
}

/* The rectangle a frame number stands for on page: a frame's own, or the
 * trim box for the page. */
static extent frame_extent(const lp_pages *pg, int k, int page)
{
    const lp_frame *f = frame_at(pg, k);
    if (!f) return (extent){0, 0, lp_page_w(pg, page), lp_page_h(pg, page)};
    return (extent){f->x, f->y, f->x + f->w, f->y + f->h};
}

static const char *frame_what(const lp_pages *pg, int k)
{
    const lp_frame *f = frame_at(pg, k);
    return f ? (f->what ? f->what : "frame") : "page";
}

/* Where the ink of a box can reach.  false: nothing to check (links follow
 * their text; an empty text draws nothing). */
static bool box_extent(const lp_fonts *fonts, const lp_box *b, extent *e)
{
    switch (b->kind) {
    case BOX_TEXT: {
        if (!b->text || !b->text[strspn(b->text, " ")]) return false;
        double asc = b->face >= 0 ? fonts_cap_height(fonts, b->face, b->size) : 0.7 * b->size;
        double desc = b->face >= 0 ? -fonts_descender(fonts, b->face, b->size) : 0.25 * b->size;
        *e = (extent){b->x, b->y - asc, b->x + fmax(b->w, 0), b->y + desc};
        return true;
    }
    case BOX_ICON: {
        /* fl_icon puts the glyph's em square's middle (asc + desc)/2 above
         * the baseline. */
        double asc = b->face >= 0 ? fonts_ascender(fonts, b->face, b->size) : 0.8 * b->size;
        double desc = b->face >= 0 ? fonts_descender(fonts, b->face, b->size) : -0.2 * b->size;
        double cy = b->y - (asc + desc) / 2;
        *e = (extent){b->x, cy - b->size / 2, b->x + b->size, cy + b->size / 2};
        return true;
    }
    case BOX_LINE:
        *e = (extent){fmin(b->x, b->x + b->w), fmin(b->y, b->y + b->h), fmax(b->x, b->x + b->w),
                      fmax(b->y, b->y + b->h)};
        return true;
    case BOX_RECT:
    case BOX_IMAGE:
    case BOX_QR:
        *e = (extent){fmin(b->x, b->x + b->w), fmin(b->y, b->y + b->h), fmax(b->x, b->x + b->w),
                      fmax(b->y, b->y + b->h)};
        return true;
    case BOX_LINK: return false;
    }
    return false;
}

bool frame_icon_span(const lp_fonts *fonts, const lp_box *b, double *top, double *foot)
{
    extent e;
    if (b->kind != BOX_ICON || !box_extent(fonts, b, &e)) return false;
    *top = e.y0, *foot = e.y1;
    return true;
}

/* The side e leaves f by most, and by how much (0: inside, within slack). */
static double escape(extent e, extent f, const char **side)
{
    double over[4] = {f.x0 - e.x0, e.x1 - f.x1, f.y0 - e.y0, e.y1 - f.y1};
    static const char *const sides[4] = {"left", "right", "top", "bottom"};
    int worst = 0;
    for (int i = 1; i < 4; i++)
        if (over[i] > over[worst]) worst = i;
    /* NaN and infinite positions are escapes too. */
    if (!isfinite(e.x0) || !isfinite(e.x1) || !isfinite(e.y0) || !isfinite(e.y1)) {
        *side = "right";
        return INFINITY;
    }
    *side = sides[worst];
    return over[worst] > FRAME_SLACK ? over[worst] : 0;
}

/* The source position a frame was filled from, looking outwards. */
static void frame_source(const lp_pages *pg, int k, int *line, int *col)
{
    for (int depth = 0; k > 0 && depth < 64; depth++) {
        const lp_frame *f = frame_at(pg, k);
        if (!f) break;
        if (f->line > 0) {
            *line = f->line;
            *col = f->col;
            return;
        }
        k = f->parent;
    }
    *line = 0;
    *col = 0;
}

/* A short, printable quotation of a box's text: its first 40 bytes, cut at
 * a character boundary. */
static void quote_text(const char *text, char *out, size_t size)
{
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == ' ') n--;
    size_t keep = n;
    if (keep > 40) {
        keep = 40;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80) keep--;
    }
    snprintf(out, size, "'%.*s%s'", (int)keep, text, keep < n ? "\u2026" : "");
}

static const char *kind_words(lp_box_kind k)
{
    switch (k) {
    case BOX_TEXT: return "text";
    case BOX_RECT: return "a shape";
    case BOX_LINE: return "a rule";
    case BOX_ICON: return "an icon";
    case BOX_IMAGE: return "a picture";
    case BOX_QR: return "a QR code";
    case BOX_LINK: return "a link";
    }
    return "a box";
}

static void report(checker *c, int frame, int line, int col, const char *hint, const char *fmt,
                   ...) LP_PRINTF(6, 7);
static void report(checker *c, int frame, int line, int col, const char *hint, const char *fmt,
                   ...)
{
    c->found++;
    if (c->told[frame] || c->reported >= MAX_REPORTS) return;
    c->told[frame] = true;
    c->reported++;
    if (line <= 0) frame_source(c->pg, frame, &line, &col);
    if (line <= 0) line = c->doc->meta.title_line, col = 1;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(c->d, LP_ERROR, c->doc->path, line, col, hint, fmt, ap);
    va_end(ap);
}

int frame_check(const lp_pages *pg, const lp_fonts *fonts, const lp_doc *doc, lp_diag *d)
{
    lp_arena *a = doc->arena;
    checker c = {pg, fonts, doc, d, 0, 0, NULL};
    size_t nf = pg->frames.n;
    c.told = arena_alloc(a, (nf + 1) * sizeof *c.told);
    /* Frames that hold boxes, and their parents, are checked; frames left
     * from an abandoned attempt at the layout hold none. */
    bool *used = arena_alloc(a, (nf + 1) * sizeof *used);
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *b = &pg->boxes.v[i];
        if (b->page < 0) continue;
        int k = b->frame;
        if (k < 0 || (size_t)k > nf) {
            report(&c, 0, b->line, b->col, NULL, "internal: box %zu names frame %d of %zu", i, k,
                   nf);
            continue;
        }
        for (int depth = 0; k > 0 && !used[k] && depth <= (int)nf; depth++) {
            used[k] = true;
            k = pg->frames.v[k - 1].parent;
        }
    }
    for (size_t k = 1; k <= nf; k++) {
        if (!used[k]) continue;
        const lp_frame *f = &pg->frames.v[k - 1];
        int parent = f->parent;
        const lp_frame *pf = frame_at(pg, parent);
        const char *side;
        double over = escape(frame_extent(pg, (int)k, f->page), frame_extent(pg, parent, f->page), &side);
        if (pf && pf->page != f->page) over = INFINITY, side = "page";
        if (over > 0 || f->page >= pg->npages) {
            char where[64];
            if (isinf(over)) snprintf(where, sizeof where, "lies outside its %s",
                                      frame_what(pg, parent));
            else snprintf(where, sizeof where, "reaches %.1f mm past the %s edge of its %s",
                          pt_to_mm(over), side, frame_what(pg, parent));
            report(&c, (int)k, 0, 0, "there is too much to fit: shorten it or leave some out",
                   "the %s %s on page %d", frame_what(pg, (int)k), where, f->page + 1);
            c.told[k] = true;
        }
    }
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *b = &pg->boxes.v[i];
        if (b->page < 0 || b->frame < 0 || (size_t)b->frame > nf) continue;
        if (b->page >= pg->npages) {
            report(&c, b->frame, b->line, b->col, NULL, "%s is placed on page %d of %d",
                   kind_words(b->kind), b->page + 1, pg->npages);
            continue;
        }
        extent e;
        if (!box_extent(c.fonts, b, &e)) continue;
        const lp_frame *f = frame_at(pg, b->frame);
        if (f && f->page != b->page) {
            report(&c, b->frame, b->line, b->col, NULL, "%s is on page %d but its %s is on page %d",
                   kind_words(b->kind), b->page + 1, frame_what(pg, b->frame), f->page + 1);
            continue;
        }
        const char *side;
        double over = escape(e, frame_extent(pg, b->frame, b->page), &side);
        if (over <= 0) continue;
        char what[96], amount[48];
        if (b->kind == BOX_TEXT) {
            char q[80];
            quote_text(b->text, q, sizeof q);
            snprintf(what, sizeof what, "text %s", q);
        } else {
            snprintf(what, sizeof what, "%s", kind_words(b->kind));
        }
        if (isinf(over)) snprintf(amount, sizeof amount, "lies outside");
        else snprintf(amount, sizeof amount, "runs %.1f mm past the %s edge of", pt_to_mm(over), side);
        const char *hint = b->kind == BOX_TEXT
                               ? "shorten it; a long address reads better as words linked to it"
                               : "there is too much to fit: shorten the text or leave some out";
        report(&c, b->frame, b->line, b->col, hint, "%s %s its %s on page %d", what, amount,
               frame_what(pg, b->frame), b->page + 1);
    }
    return c.found;
}
