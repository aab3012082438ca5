/* flow.c — positions a document's blocks on pages.
 *
 * The formats (format_*.c, found through formats.c) decide the page
 * furniture and the frames — columns, panels, rows — that text flows
 * through; this file holds what they share: frames, boxes, structure nodes, and setting blocks with
 * keep-with-next, widow and orphan control.  Nothing here is drawn: the boxes
 * are handed to render_pdf.c, or printed by flow_dump.
 */
#include "flow.h"

#include "linebreak.h"
#include "resolve.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <string.h>

/* Lines a paragraph must keep on each side of a frame break. */
#define MIN_LINES_SPLIT 2
/* Lengths closer than this count as equal (floating-point slack). */
#define EPS 0.01
/* More lines than any paragraph has: frames taller than this many lines
 * (the bottomless overflow frame) need no per-line widths. */
#define MAX_PARA_LINES 4096


/* ------------------------------------------------------------ writer */

void fl_init(fl_writer *w, const lp_flow_ctx *ctx, lp_pages *pg)
{
    memset(w, 0, sizeof *w);
    w->ctx = ctx;
    w->pg = pg;
    w->scale = 1.0;
    w->at_top = true;
    w->doc_snode = -1;
}

/* The frame a box made now belongs to. */
static int box_frame(const fl_writer *w)
{
    if (w->in_flow && w->cur < w->frames.n) return w->frames.v[w->cur].id;
    return w->frame;
}

/* Records a frame in the pages, inside the current one; its number, or 0
 * when nothing is drawn (measuring, or the overflow frame). */
static int new_frame(fl_writer *w, int page, double x, double y, double width, double height,
                     const char *what, int line, int col)
{
    if (w->measuring || page < 0) return 0;
    lp_frame f = {page, x, y, width, height, box_frame(w), what, line, col};
    VEC_PUSH(w->ctx->arena, w->pg->frames, f);
    return (int)w->pg->frames.n;
}

int fl_frame_enter(fl_writer *w, int page, double x, double y, double width, double height,
                   const char *what, int line, int col)
{
    /* The token keeps the frame and whether blocks were flowing: a frame
     * entered in the flow (a callout in a column) holds boxes until left. */
    int prev = w->frame * 2 + (w->in_flow ? 1 : 0);
    int id = new_frame(w, page, x, y, width, height, what, line, col);
    if (id) {
        w->frame = id;
        w->in_flow = false;
    }
    return prev;
}

void fl_frame_leave(fl_writer *w, int prev)
{
    w->frame = prev / 2;
    w->in_flow = prev % 2 != 0;
}

void fl_add_frame(fl_writer *w, int page, double x, double y, double width, double height)
{
    fl_frame f = {page, x, y, width, height, 0};
    f.id = new_frame(w, page, x, y, width, height, w->flow_what ? w->flow_what : "column", 0, 0);
    VEC_PUSH(w->ctx->arena, w->frames, f);
    if (page + 1 > w->pg->npages) w->pg->npages = page + 1;
}

const fl_frame *fl_frame_cur(const fl_writer *w)
{
    return w->cur < w->frames.n ? &w->frames.v[w->cur] : NULL;
}

double fl_space_left(const fl_writer *w)
{
    const fl_frame *f = fl_frame_cur(w);
    return f ? f->h - w->y : 0;
}

/* Once the real frames are used up, text goes on in a bottomless virtual
 * frame so that we can say how much did not fit. */
static void enter_overflow(fl_writer *w)
{
    const fl_frame *last = w->frames.n ? &w->frames.v[w->frames.n - 1] : NULL;
    fl_frame f = {-1, last ? last->x : 0, 0, last ? last->w : 100, 1e9, 0};
    VEC_PUSH(w->ctx->arena, w->frames, f);
    w->full = true;
    w->cur = w->frames.n - 1;
    w->y = 0;
    w->at_top = true;
}

bool fl_next_frame(fl_writer *w)
{
    if (w->full) return false;
    if (w->cur + 1 < w->frames.n) {
        w->cur++;
        w->y = 0;
        w->at_top = true;
        return true;
    }
    enter_overflow(w);
    return false;
}

/* Styles looked up, for the whole layout (every writer, every pass): by
 * name, whether scaled and at which scale.  A format that lays a document
 * out again and again (a poster tries each measure and size) made a fresh
 * writer each time, and each writer copied the styles it used again. */
typedef struct style_slot {
    uint64_t hash; /* 0: empty */
    const char *name;
    double scale; /* 1 when not scaled */
    bool scaled;
    const lp_style *st;
} style_slot;

static struct fl_memo *memo_of(const lp_flow_ctx *ctx);
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n);

static uint64_t style_hash(const char *name, bool scaled, double scale)
{
    uint64_t h = hash_bytes(14695981039346656037ull, name, strlen(name));
    h = hash_bytes(h, &scale, sizeof scale);
    h = hash_bytes(h, &scaled, sizeof scaled);
    return h ? h : 1;
}

static const style_slot *style_find(const struct fl_memo *m, uint64_t h, const char *name, bool scaled,
                                   double scale);
static const style_slot *style_near(const struct fl_memo *m, const char *name, bool scaled, double scale);
static void style_keep_near(struct fl_memo *m, const char *name, const style_slot *s);
static void style_put(const lp_flow_ctx *ctx, struct fl_memo *m, uint64_t h, const char *name, bool scaled,
                      double scale, const lp_style *st);

static const lp_style *style_get(fl_writer *w, const char *name, bool scaled)
{
    double k = scaled ? w->scale : 1.0;
    struct fl_memo *m = memo_of(w->ctx);
    const style_slot *near = style_near(m, name, scaled, k);
    if (near) return near->st;
    uint64_t h = style_hash(name, scaled, k);
    const style_slot *hit = style_find(m, h, name, scaled, k);
    if (hit) {
        style_keep_near(m, name, hit);
        return hit->st;
    }
    /* A style that cannot be used is remembered by the writer, which says
     * so once. */
    for (size_t i = 0; i < w->styles.n; i++) {
        const fl_cached_style *c = &w->styles.v[i];
        if (c->scaled == scaled && strcmp(c->name, name) == 0) return NULL;
    }
    lp_style st;
    if (!spec_style(w->ctx->spec, name, &st, w->ctx->diag)) {
        fl_cached_style c;
        memset(&c, 0, sizeof c);
        c.name = arena_strdup(w->ctx->arena, name);
        c.scaled = scaled;
        VEC_PUSH(w->ctx->arena, w->styles, c);
        return NULL;
    }
    if (scaled && w->scale != 1.0) {
        st.size *= w->scale;
        st.leading *= w->scale;
        st.space_before *= w->scale;
        st.space_after *= w->scale;
    }
    lp_style *keep = arena_alloc(w->ctx->arena, sizeof *keep);
    *keep = st;
    style_put(w->ctx, m, h, name, scaled, k, keep);
    return keep;
}

const lp_style *fl_style(fl_writer *w, const char *name) { return style_get(w, name, true); }
const lp_style *fl_fixed_style(fl_writer *w, const char *name) { return style_get(w, name, false); }

int fl_snode(fl_writer *w, const char *role, int parent)
{
    if (w->measuring) return -1;
    lp_snode s = {role, parent, NULL, NULL, NULL, NULL};
    VEC_PUSH(w->ctx->arena, w->pg->snodes, s);
    return (int)w->pg->snodes.n - 1;
}

int fl_list_snode(fl_writer *w, int parent)
{
    int l = fl_snode(w, "L", parent);
    if (l >= 0) w->pg->snodes.v[l].list_numbering = "None";
    return l;
}

int fl_item_snode(fl_writer *w, int list)
{
    return fl_snode(w, "LBody", fl_snode(w, "LI", list));
}

lp_box *fl_box(fl_writer *w, lp_box_kind kind, int page, double x, double y, double bw, double bh)
{
    lp_box b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    b.page = w->measuring ? -1 : page;
    b.x = x;
    b.y = y;
    b.w = bw;
    b.h = bh;
    b.snode = -1;
    b.face = -1;
    b.frame = box_frame(w);
    VEC_PUSH(w->ctx->arena, w->pg->boxes, b);
    return &w->pg->boxes.v[w->pg->boxes.n - 1];
}

lp_box *fl_rect(fl_writer *w, int page, double x, double y, double bw, double bh, lp_color fill,
                double radius, int snode)
{
    lp_box *b = fl_box(w, BOX_RECT, page, x, y, bw, bh);
    b->color = fill;
    b->radius = radius;
    b->snode = snode;
    return b;
}

lp_box *fl_line(fl_writer *w, int page, double x, double y, double dx, double dy, lp_color c,
                double width)
{
    lp_box *b = fl_box(w, BOX_LINE, page, x, y, dx, dy);
    b->color = c;
    b->line_width = width;
    return b;
}

lp_box *fl_icon(fl_writer *w, int page, const char *name, double cx, double cy, double size,
                lp_color c, int snode, const char *file, int line, int col)
{
    const lp_fonts *fonts = w->ctx->fonts;
    uint32_t cp = fonts_icon(fonts, name);
    if (!cp) {
        const char *near = fonts_icon_suggest(fonts, name);
        char hint[160];
        if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else snprintf(hint, sizeof hint, "icon names are listed in fonts/lucide-codepoints.tsv");
        if (line <= 0 && file && strcmp(file, spec_layout_path(w->ctx->spec)) == 0) {
            /* An icon the layout names: said at its line in the layout. */
            const yt_node *at = spec_find_value(w->ctx->spec, name, &file);
            if (at) line = at->line, col = at->col;
        }
        diag_error(w->ctx->diag, file, line, col, hint, "unknown icon '%s'", name);
        return NULL;
    }
    int face;
    if (!spec_face(w->ctx->spec, "icons", "regular", &face, w->ctx->diag)) return NULL;
    char utf[5] = {0};
    utf8_encode(cp, utf);
    /* Icon glyphs sit on the baseline and fill the em square. */
    /* Lucide glyphs fill the em square from the descender to the ascender:
     * put that square's middle on cy. */
    double asc = fonts_ascender(fonts, face, size), desc = fonts_descender(fonts, face, size);
    lp_box *b = fl_box(w, BOX_ICON, page, cx - size / 2, cy + (asc + desc) / 2, size, size);
    b->face = face;
    b->size = size;
    b->color = c;
    b->text = arena_strdup(w->ctx->arena, utf);
    b->snode = snode;
    return b;
}

lp_box *fl_picture(fl_writer *w, int page, const lp_pic *pic, double x, double y, double pw,
                   double ph, lp_color c, int snode)
{
    lp_box *b;
    if (pic->icon) {
        b = fl_icon(w, page, pic->icon, x + pw / 2, y + ph / 2, ph, c, snode, w->ctx->doc->path,
                    pic->line, pic->col);
        if (!b) return NULL;
    } else {
        /* The path stays as written: the renderer finds it beside the document. */
        b = fl_box(w, BOX_IMAGE, page, x, y, pw, ph);
        b->text = pic->path;
        b->snode = snode;
    }
    b->alt = pic->alt;
    b->line = pic->line;
    b->col = pic->col;
    return b;
}

/* The logo's size beside a line of st: as high as 1.4 lines, a PNG as
 * wide as its proportions make it (at most four times its height). */
static void logo_size(const lp_pic *logo, const lp_style *st, double *lw, double *lh)
{
    *lh = st->leading * 1.4;
    *lw = logo->icon ? *lh : fmin(4 * *lh, *lh * logo->px_w / logo->px_h);
}

double fl_logo_width(const fl_writer *w, const lp_style *st)
{
    const lp_partnership *p = w->ctx->partnership;
    if (!p || !p->logo) return 0;
    double lw, lh;
    logo_size(p->logo, st, &lw, &lh);
    return lw + st->size * 0.5;
}

double fl_logo(fl_writer *w, int page, double x, double y, const lp_style *st, int snode)
{
    const lp_partnership *p = w->ctx->partnership;
    if (!p || !p->logo) return 0;
    double lw, lh;
    logo_size(p->logo, st, &lw, &lh);
    const lp_pic *logo = p->logo;
    if (logo->icon) {
        if (!fl_icon(w, page, logo->icon, x + lw / 2, y + st->leading / 2, lh, st->color, snode, p->path,
                     logo->line, logo->col))
            return -1;
    } else {
        /* Its middle on the line's, as an icon's is. */
        lp_box *b = fl_box(w, BOX_IMAGE, page, x, y + st->leading / 2 - lh / 2, lw, lh);
        b->text = logo->path;
        b->dir = p->dir;
        b->snode = snode;
        b->alt = p->name;
        b->line = logo->line;
        b->col = logo->col;
    }
    return lw + st->size * 0.5;
}

void fl_report_overflow(fl_writer *w, const char *what)
{
    const lp_doc *doc = w->ctx->doc;
    char hint[200];
    /* Only what the document has not tried already. */
    bool two = doc->meta.sides == 2, shrink = doc->meta.fit != NULL;
    snprintf(hint, sizeof hint, "cut about %d line%s%s%s", w->over_lines, w->over_lines == 1 ? "" : "s",
             two ? "" : shrink ? ", or make it two-sided (sides: 2)" : ", make it two-sided (sides: 2)",
             shrink ? "" : ", or use fit: shrink where the layout allows");
    int line = w->over_line > 0 ? w->over_line : doc->meta.title_line;
    int col = w->over_line > 0 ? w->over_col : 1;
    diag_error(w->ctx->diag, doc->path, line, col, hint,
               "%s does not fit: %d line%s (%.1f mm) over", what, w->over_lines,
               w->over_lines == 1 ? "" : "s", pt_to_mm(w->over_pt));
}

/* ------------------------------------------------------------ text */

/* The first baseline of a line box of height leading: caps are centred in
 * the box, which also centres a single line in a band or row. */
static double first_baseline(const lp_fonts *fonts, const lp_style *st)
{
    return st->leading / 2 + fonts_cap_height(fonts, st->face[0], st->size) / 2;
}

/* What a link to a contact's web page says where it goes when its text is
 * only an address (a council's www address leads to many pages): the page's
 * name and its site, never a path read aloud.  NULL when the text names it. */
static const char *link_description(fl_writer *w, const lb_frag *fr)
{
    if (!fr->contact || !fr->url || strncmp(fr->url, "http", 4) != 0) return NULL;
    const lp_contact *ct = contacts_find(w->ctx->contacts, fr->contact);
    if (!ct || !ct->name || strstr(fr->text, ct->name)) return NULL;
    return arena_printf(w->ctx->arena, "%s, on %s", ct->name,
                        fl_url_domain(w->ctx->arena, fr->url));
}

/* Emits one set line with its baseline at (x, baseline). */
static void emit_line(fl_writer *w, int page, double x, double baseline, const lb_line *ln,
                      int snode, const int *parts, size_t nparts)
{
    int link_snode = -1, link_parent = -1, lang_snode = -1, lang_parent = -1;
    const char *link_url = NULL, *lang = NULL;
    for (size_t i = 0; i < ln->nfrags; i++) {
        const lb_frag *fr = &ln->frags[i];
        /* Runs of a block set as one go to their part's node. */
        int own = parts && nparts ? parts[fr->part >= 0 && (size_t)fr->part < nparts
                                              ? (size_t)fr->part
                                              : nparts - 1]
                                  : snode;
        /* A passage in another language is a Span with its /Lang. */
        if (fr->lang && own >= 0) {
            if (!lang || strcmp(lang, fr->lang) != 0 || lang_parent != own) {
                lang_snode = fl_snode(w, "Span", own);
                if (lang_snode >= 0) w->pg->snodes.v[lang_snode].lang = fr->lang;
                lang_parent = own;
                lang = fr->lang;
            }
            own = lang_snode;
        } else {
            lang = NULL;
        }
        int owner = own;
        if (fr->url) {
            if (!link_url || strcmp(link_url, fr->url) != 0 || link_snode < 0 ||
                link_parent != own) {
                link_snode = own >= 0 ? fl_snode(w, "Link", own) : -1;
                link_parent = own;
                link_url = fr->url;
            }
            owner = link_snode;
        } else {
            link_url = NULL;
        }
        lp_box *b = fl_box(w, BOX_TEXT, page, x + fr->x, baseline, fr->width, fr->size);
        b->face = fr->face;
        b->size = fr->size;
        b->tracking = fr->tracking;
        b->color = fr->color;
        b->text = fr->text;
        /* A word space (between fragments, or at the end of a line that is
         * not hyphenated) is kept in the text so that text read from the
         * structure tree has its spaces; it draws nothing. */
        bool last = i + 1 == ln->nfrags;
        bool gap = last ? !ln->hyphenated && !ln->mid_word
                        : ln->frags[i + 1].x > fr->x + fr->width + EPS;
        size_t tl = gap ? strlen(fr->text) : 0;
        if (tl && fr->text[tl - 1] != ' ') {
            char *t = arena_alloc(w->ctx->arena, tl + 2);
            memcpy(t, fr->text, tl);
            t[tl] = ' ';
            b->text = t;
        }
        b->url = fr->url;
        b->snode = owner;
        b->line = fr->line;
        b->col = fr->col;
        if (fr->url) {
            /* The link area covers the line box the text sits in. */
            double asc = fonts_ascender(w->ctx->fonts, fr->face, fr->size);
            double desc = -fonts_descender(w->ctx->fonts, fr->face, fr->size);
            lp_box *l = fl_box(w, BOX_LINK, page, x + fr->x, baseline - asc, fr->width, asc + desc);
            l->url = fr->url;
            l->text = fr->text;
            l->snode = owner;
            l->alt = link_description(w, fr);
            if (l->alt && owner >= 0) w->pg->snodes.v[owner].alt = l->alt;
        }
    }
}

/* ---- the paragraph memo ---- */

typedef struct memo_entry {
    uint64_t key;  /* text, nin, the widths: where it goes in the table */
    uint64_t text; /* hash of the inlines' content: callers reuse their arrays */
    size_t nin;
    const lp_style *st; /* a setting kept once for the entries that share it */
    double *widths;
    size_t nwidths;
    size_t lines; /* 0: set at its best; else in exactly so many lines */
    bool none;    /* ... and it cannot be set so */
    lb_para para;
} memo_entry;

/* Settings kept for the memo's entries: the last few, so the trials of one
 * paragraph (many widths, one style) share one copy. */
#define MEMO_STYLES 8
#define STYLE_NEAR 32 /* a power of two */

/* A part's measurement (fl_keep), by its key's bytes. */
typedef struct kept_entry {
    uint64_t hash;
    unsigned char *key;
    size_t nkey;
    void *v;
    size_t size;
} kept_entry;

typedef struct fl_memo {
    LP_VEC(kept_entry) kept;
    memo_entry **v; /* the entries, each allocated once (slots point at them) */
    size_t n;
    const lp_style *recent[MEMO_STYLES];
    size_t nrecent;
    /* Open addressing over v by key (memo_key): slot holds index + 1, 0 is
     * empty; at most half full.  A poster sets thousands of trial
     * paragraphs while it searches measures: a scan of v for each was
     * quadratic. */
    size_t *slots, nslots;
    const char **ties; /* contacts.yaml's names and short names, for sense lines */
    size_t nties;
    bool ties_made;
    style_slot *styles; /* [nstyle_slots], at most half full */
    size_t nstyle_slots, nstyles;
    /* The styles last found, by the address of the name asked with (most
     * often a literal, asked at every pass): a copy of the slot, and that
     * address.  A hit still compares the name's text. */
    style_slot near[STYLE_NEAR];
    const char *near_asked[STYLE_NEAR];
} fl_memo;

static fl_memo *memo_of(const lp_flow_ctx *c)
{
    lp_flow_ctx *ctx = (lp_flow_ctx *)c;
    if (!ctx->memo) ctx->memo = arena_alloc(ctx->arena, sizeof *ctx->memo);
    return ctx->memo;
}

static size_t near_slot(const char *name, bool scaled)
{
    return ((size_t)(uintptr_t)name >> 3 ^ (size_t)scaled) & (STYLE_NEAR - 1);
}

static const style_slot *style_near(const fl_memo *m, const char *name, bool scaled, double scale)
{
    size_t q = near_slot(name, scaled);
    const style_slot *s = &m->near[q];
    if (m->near_asked[q] != name || s->scaled != scaled || s->scale != scale || strcmp(s->name, name) != 0)
        return NULL;
    return s;
}

static void style_keep_near(fl_memo *m, const char *name, const style_slot *s)
{
    size_t q = near_slot(name, s->scaled);
    m->near[q] = *s;
    m->near_asked[q] = name;
}

static const style_slot *style_find(const fl_memo *m, uint64_t h, const char *name, bool scaled, double scale)
{
    if (!m->nstyle_slots) return NULL;
    size_t mask = m->nstyle_slots - 1;
    for (size_t i = (size_t)h & mask; m->styles[i].hash; i = (i + 1) & mask) {
        const style_slot *s = &m->styles[i];
        if (s->hash == h && s->scaled == scaled && s->scale == scale && strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

static void style_put(const lp_flow_ctx *ctx, fl_memo *m, uint64_t h, const char *name, bool scaled,
                      double scale, const lp_style *st)
{
    if (2 * (m->nstyles + 1) > m->nstyle_slots) {
        size_t n = m->nstyle_slots ? 2 * m->nstyle_slots : 64;
        style_slot *t = arena_alloc(ctx->arena, n * sizeof *t);
        for (size_t i = 0; i < m->nstyle_slots; i++) {
            if (!m->styles[i].hash) continue;
            size_t j = (size_t)m->styles[i].hash & (n - 1);
            while (t[j].hash) j = (j + 1) & (n - 1);
            t[j] = m->styles[i];
        }
        m->styles = t;
        m->nstyle_slots = n;
    }
    size_t i = (size_t)h & (m->nstyle_slots - 1);
    while (m->styles[i].hash) i = (i + 1) & (m->nstyle_slots - 1);
    m->styles[i] = (style_slot){h, arena_strdup(ctx->arena, name), scale, scaled, st};
    m->nstyles++;
    style_keep_near(m, name, &m->styles[i]);
}

/* The names a sense-lines style keeps whole: every contact's name and short
 * name of more than one word. */
static void make_ties(const lp_flow_ctx *ctx, fl_memo *m)
{
    m->ties_made = true;
    const lp_contacts *c = ctx->contacts;
    if (!c || c->n == 0) return;
    m->ties = arena_alloc(ctx->arena, 2 * c->n * sizeof *m->ties);
    for (size_t i = 0; i < c->n; i++) {
        const char *names[2] = {c->items[i].name, c->items[i].short_name};
        for (int k = 0; k < 2; k++)
            if (names[k] && strchr(names[k], ' ')) m->ties[m->nties++] = names[k];
    }
}

static bool same_color(lp_color a, lp_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.c == b.c && a.m == b.m && a.y == b.y &&
           a.k == b.k;
}

/* Everything of a style that changes how a paragraph is set. */
static bool same_setting(const lp_style *a, const lp_style *b)
{
    for (int i = 0; i < 4; i++)
        if (a->face[i] != b->face[i]) return false;
    return a->size == b->size && a->leading == b->leading && a->tracking == b->tracking &&
           a->caps == b->caps && a->hyphenate == b->hyphenate && a->align == b->align &&
           a->sense == b->sense && a->numbers == b->numbers && same_color(a->number, b->number) &&
           same_color(a->color, b->color) && same_color(a->strong, b->strong) &&
           same_color(a->link, b->link);
}

/* Eight bytes a step (each step a bijection of the state, as FNV's is),
 * then the tail a byte at a time: every setting of a paragraph hashes its
 * whole text. */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (; n >= 8; b += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 32;
    }
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* FNV-1a over everything of the inlines that the setter reads. */
static uint64_t hash_inlines(const lp_inline *in, size_t nin)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < nin; i++) {
        /* The inline's kind, style bits, nobreak and part in one step. */
        uint64_t head = (uint64_t)(unsigned char)in[i].kind | (uint64_t)(unsigned char)in[i].style << 8 |
                        (uint64_t)(unsigned char)in[i].nobreak << 16 |
                        (uint64_t)(unsigned char)in[i].part << 24 | (uint64_t)0x1f << 56;
        h = (h ^ head) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 32;
        if (in[i].text) h = hash_bytes(h, in[i].text, strlen(in[i].text) + 1);
        if (in[i].url) h = hash_bytes(h, in[i].url, strlen(in[i].url) + 1);
        if (in[i].lang) h = hash_bytes(h, in[i].lang, strlen(in[i].lang) + 1);
    }
    return h;
}

/* The paragraph set at its best (lines 0) or in exactly `lines` lines
 * (lb_set_paragraph_lines): 0 with *out, 1 when it cannot be set in that
 * many, -1 on an error. */
static int set_para(fl_writer *w, const lp_inline *in, size_t nin, const lp_style *st,
                    const double *widths, size_t nwidths, size_t lines, lb_para *out)
{
    lp_flow_ctx *ctx = (lp_flow_ctx *)w->ctx;
    fl_memo *m = memo_of(ctx);
    /* Lines all of one width are one width (the last repeats): a column's
     * paragraph is then the same paragraph however many of its lines the
     * frame holds, and balancing passes find it set.  Not for lines by
     * sense, which balance only a single measure. */
    if (!st->sense && nwidths > 1) {
        size_t k = 1;
        while (k < nwidths && widths[k] == widths[0]) k++;
        if (k == nwidths) nwidths = 1;
    }
    lp_style tied;
    if (st->sense && !st->ties) {
        if (!m->ties_made) make_ties(ctx, m);
        tied = *st;
        tied.ties = m->ties;
        tied.nties = m->nties;
        st = &tied;
    }
    if (st->numbers) {
        /* Numbers to call are set bold (in the style's number colour). */
        lp_inline *bold = NULL;
        for (size_t i = 0; i < nin; i++) {
            if (in[i].kind != IN_TEXT || !in[i].url || strncmp(in[i].url, "tel:", 4) != 0 ||
                (in[i].style & IS_BOLD))
                continue;
            if (!bold) {
                bold = arena_alloc(ctx->arena, nin * sizeof *bold);
                memcpy(bold, in, nin * sizeof *bold);
            }
            bold[i].style |= IS_BOLD;
        }
        if (bold) in = bold;
    }
    uint64_t text = hash_inlines(in, nin);
    /* The size too: a poster sets one text at one measure in many sizes. */
    uint64_t key = hash_bytes(text ^ ((uint64_t)nin << 32 ^ nwidths), widths, nwidths * sizeof *widths);
    key = hash_bytes(key, &st->size, sizeof st->size);
    if (lines) key = hash_bytes(key, &lines, sizeof lines);
    size_t mask = m->nslots - 1, at = m->nslots ? (size_t)key & mask : 0;
    for (; m->nslots && m->slots[at]; at = (at + 1) & mask) {
        const memo_entry *e = m->v[m->slots[at] - 1];
        if (e->key != key || e->text != text || e->nin != nin || e->nwidths != nwidths || e->lines != lines)
            continue;
        /* Styles are compared field by field, never as bytes: a style made
         * on the stack has padding no one wrote. */
        if (!same_setting(e->st, st)) continue;
        if (memcmp(e->widths, widths, nwidths * sizeof *widths) != 0) continue;
        *out = e->para; /* lines are read-only once set */
        return e->none ? 1 : 0;
    }
    int rc = lines ? lb_set_paragraph_lines(ctx->arena, ctx->fonts, in, nin, st, widths, nwidths, lines,
                                            ctx->doc->path, out, ctx->diag)
                   : lb_set_paragraph(ctx->arena, ctx->fonts, in, nin, st, widths, nwidths, ctx->greedy,
                                      ctx->doc->path, out, ctx->diag);
    if (rc < 0) return rc;
    memo_entry *e = arena_alloc(ctx->arena, sizeof *e);
    e->key = key;
    e->text = text;
    e->nin = nin;
    /* The newest first, and the size before the rest (a poster's trials
     * change it each time). */
    size_t kept = m->nrecent < MEMO_STYLES ? m->nrecent : MEMO_STYLES;
    for (size_t k = 0; k < kept && !e->st; k++) {
        const lp_style *r = m->recent[(m->nrecent - 1 - k) % MEMO_STYLES];
        if (r->size == st->size && same_setting(r, st)) e->st = r;
    }
    if (!e->st) {
        lp_style *keep = arena_alloc(ctx->arena, sizeof *keep);
        *keep = *st;
        e->st = keep;
        m->recent[m->nrecent++ % MEMO_STYLES] = keep;
    }
    e->widths = arena_alloc(ctx->arena, (nwidths ? nwidths : 1) * sizeof *widths);
    memcpy(e->widths, widths, nwidths * sizeof *widths);
    e->nwidths = nwidths;
    e->lines = lines;
    e->none = rc == 1;
    e->para = *out;
    if (2 * (m->n + 1) > m->nslots) {
        /* Twice as many slots (and room for as many entries), every entry
         * placed again. */
        size_t n = m->nslots ? 2 * m->nslots : 64;
        memo_entry **v = arena_alloc(ctx->arena, n / 2 * sizeof *v);
        if (m->n) memcpy(v, m->v, m->n * sizeof *v);
        m->v = v;
        m->v[m->n++] = e;
        m->slots = arena_alloc(ctx->arena, n * sizeof *m->slots);
        m->nslots = n;
        for (size_t i = 0; i < m->n; i++) {
            size_t j = (size_t)m->v[i]->key & (n - 1);
            while (m->slots[j]) j = (j + 1) & (n - 1);
            m->slots[j] = i + 1;
        }
    } else {
        m->v[m->n++] = e;
        while (m->slots[at]) at = (at + 1) & mask;
        m->slots[at] = m->n;
    }
    return rc;
}

/* ---- what parts measured ---- */

static void key_put(fl_key *k, const void *p, size_t n)
{
    if (k->over || k->n + n > sizeof k->b) {
        k->over = true;
        return;
    }
    memcpy(k->b + k->n, p, n);
    k->n += n;
}

void fl_key_num(fl_key *k, double v) { key_put(k, &v, sizeof v); }

void fl_key_ptr(fl_key *k, const void *p)
{
    uint64_t v = (uint64_t)(uintptr_t)p;
    key_put(k, &v, sizeof v);
}

/* The text and its end: "ab" then "c" is not "a" then "bc". */
void fl_key_str(fl_key *k, const char *s)
{
    if (s) key_put(k, s, strlen(s) + 1);
    else key_put(k, "\377", 1);
}

void fl_key_init(fl_key *k, const fl_writer *w, const char *part)
{
    k->n = 0;
    k->over = false;
    fl_key_str(k, part);
    fl_key_num(k, w->scale);
}

static const kept_entry *kept_find(const fl_memo *m, const fl_key *k, uint64_t h)
{
    for (size_t i = m->kept.n; i-- > 0;) {
        const kept_entry *e = &m->kept.v[i];
        if (e->hash == h && e->nkey == k->n && memcmp(e->key, k->b, k->n) == 0) return e;
    }
    return NULL;
}

const void *fl_recall(const fl_writer *w, const fl_key *k, size_t size)
{
    if (k->over) return NULL;
    const kept_entry *e = kept_find(memo_of(w->ctx), k, hash_bytes(14695981039346656037ull, k->b, k->n));
    return e && e->size == size ? e->v : NULL;
}

void fl_keep(const fl_writer *w, const fl_key *k, const void *v, size_t size)
{
    if (k->over) return;
    fl_memo *m = memo_of(w->ctx);
    uint64_t h = hash_bytes(14695981039346656037ull, k->b, k->n);
    if (kept_find(m, k, h)) return;
    lp_arena *a = w->ctx->arena;
    kept_entry e = {h, arena_alloc(a, k->n ? k->n : 1), k->n, arena_alloc(a, size ? size : 1), size};
    memcpy(e.key, k->b, k->n);
    memcpy(e.v, v, size);
    VEC_PUSH(a, m->kept, e);
}

/* ---- what parts placed ---- */

typedef struct placed {
    size_t b0, s0, f0; /* where it started when it was placed */
    int outer;
    double result;
    lp_box *b;
    size_t nb;
    lp_snode *s;
    size_t ns;
    lp_frame *f;
    size_t nf;
} placed;

static bool same_snode(const lp_snode *a, const lp_snode *b)
{
    return a->role == b->role && a->parent == b->parent && a->alt == b->alt && a->actual == b->actual &&
           a->list_numbering == b->list_numbering && a->lang == b->lang;
}

void fl_mark_begin(const fl_writer *w, fl_mark *m)
{
    m->boxes = w->pg->boxes.n;
    m->snodes = w->pg->snodes.n;
    m->frames = w->pg->frames.n;
    m->outer = box_frame(w);
    m->before = NULL;
    if (w->measuring) return;
    m->before = arena_alloc(w->ctx->arena, (m->snodes ? m->snodes : 1) * sizeof *m->before);
    for (size_t i = 0; i < m->snodes; i++) m->before[i] = w->pg->snodes.v[i];
}

/* A node or frame number of what was placed, renumbered from where it was
 * placed (at s0, f0, in frame outer) to where it goes now. */
static int renumber_snode(int v, const placed *p, size_t s0)
{
    return v >= 0 && (size_t)v >= p->s0 ? (int)((size_t)v - p->s0 + s0) : v;
}

static int renumber_frame(int v, const placed *p, size_t f0, int outer)
{
    if (v > 0 && (size_t)v > p->f0) return (int)((size_t)v - p->f0 + f0);
    return v == p->outer ? outer : v;
}

void fl_record(const fl_writer *w, const fl_key *k, const fl_mark *m, double result)
{
    const lp_pages *pg = w->pg;
    if (w->measuring || !m->before || k->over || pg->boxes.n < m->boxes || pg->snodes.n < m->snodes ||
        pg->frames.n < m->frames)
        return;
    for (size_t i = 0; i < m->snodes; i++)
        if (!same_snode(&m->before[i], &pg->snodes.v[i])) return;
    lp_arena *a = w->ctx->arena;
    placed p = {m->boxes, m->snodes, m->frames, m->outer, result, NULL, pg->boxes.n - m->boxes, NULL,
                pg->snodes.n - m->snodes, NULL, pg->frames.n - m->frames};
    /* Only what refers to its own frames, or the one it was placed in. */
    for (size_t i = m->boxes; i < pg->boxes.n; i++) {
        int f = pg->boxes.v[i].frame;
        if (f != m->outer && (f <= 0 || (size_t)f <= m->frames)) return;
    }
    for (size_t i = m->frames; i < pg->frames.n; i++) {
        int f = pg->frames.v[i].parent;
        if (f != m->outer && (f <= 0 || (size_t)f <= m->frames)) return;
    }
    p.b = arena_alloc(a, (p.nb ? p.nb : 1) * sizeof *p.b);
    p.s = arena_alloc(a, (p.ns ? p.ns : 1) * sizeof *p.s);
    p.f = arena_alloc(a, (p.nf ? p.nf : 1) * sizeof *p.f);
    if (p.nb) memcpy(p.b, pg->boxes.v + m->boxes, p.nb * sizeof *p.b);
    if (p.ns) memcpy(p.s, pg->snodes.v + m->snodes, p.ns * sizeof *p.s);
    if (p.nf) memcpy(p.f, pg->frames.v + m->frames, p.nf * sizeof *p.f);
    fl_keep(w, k, &p, sizeof p);
}

bool fl_replay(fl_writer *w, const fl_key *k, double *result)
{
    if (w->measuring) return false;
    const placed *p = fl_recall(w, k, sizeof *p);
    if (!p) return false;
    lp_pages *pg = w->pg;
    lp_arena *a = w->ctx->arena;
    size_t s0 = pg->snodes.n, f0 = pg->frames.n;
    int outer = box_frame(w);
    for (size_t i = 0; i < p->ns; i++) {
        lp_snode s = p->s[i];
        s.parent = renumber_snode(s.parent, p, s0);
        VEC_PUSH(a, pg->snodes, s);
    }
    for (size_t i = 0; i < p->nf; i++) {
        lp_frame f = p->f[i];
        f.parent = renumber_frame(f.parent, p, f0, outer);
        VEC_PUSH(a, pg->frames, f);
    }
    for (size_t i = 0; i < p->nb; i++) {
        lp_box b = p->b[i];
        b.snode = renumber_snode(b.snode, p, s0);
        b.frame = renumber_frame(b.frame, p, f0, outer);
        VEC_PUSH(a, pg->boxes, b);
    }
    *result = p->result;
    return true;
}

/* Text set in capitals by its style reads as written: a Span under snode
 * whose ActualText is the text in its own case.  Returns the node the
 * glyphs belong to. */
static int caps_span(fl_writer *w, const lp_style *st, const lp_inline *in, size_t nin, int snode)
{
    if (!st->caps || snode < 0) return snode;
    size_t len = 1;
    for (size_t i = 0; i < nin; i++) len += in[i].kind == IN_TEXT && in[i].text ? strlen(in[i].text) : 1;
    char *actual = arena_alloc(w->ctx->arena, len);
    size_t n = 0;
    for (size_t i = 0; i < nin; i++) {
        if (in[i].kind == IN_TEXT && in[i].text) {
            memcpy(actual + n, in[i].text, strlen(in[i].text));
            n += strlen(in[i].text);
        } else if (in[i].kind == IN_SOFTBREAK || in[i].kind == IN_LINEBREAK) {
            actual[n++] = ' ';
        }
    }
    actual[n] = 0;
    int span = fl_snode(w, "Span", snode);
    if (span >= 0) w->pg->snodes.v[span].actual = actual;
    return span;
}

/* ---- paragraphs set looser or tighter (columns.c's balancing) ---- */

static int looseness_of(const lp_flow_ctx *ctx, const lp_block *para)
{
    for (size_t i = 0; para && i < ctx->nloose; i++)
        if (ctx->loose[i].para == para) return ctx->loose[i].looseness;
    return 0;
}

bool fl_loosen(fl_writer *w, const lp_block *para, int looseness)
{
    lp_flow_ctx *ctx = (lp_flow_ctx *)w->ctx;
    for (size_t i = 0; i < ctx->nloose; i++) {
        if (ctx->loose[i].para != para) continue;
        if (looseness) {
            ctx->loose[i].looseness = looseness;
        } else {
            ctx->loose[i] = ctx->loose[--ctx->nloose];
        }
        return true;
    }
    if (!looseness) return true;
    if (ctx->nloose == FL_LOOSE_MAX) return false;
    ctx->loose[ctx->nloose++] = (fl_loose){para, looseness};
    return true;
}

void fl_list_paras(fl_writer *w, bool on) { ((lp_flow_ctx *)w->ctx)->list_paras = on; }

/* The paragraph set `looseness` lines longer or shorter than its best
 * where it can be, else at its best. */
static int set_para_loose(fl_writer *w, const lp_inline *in, size_t nin, const lp_style *st,
                          const double *widths, size_t nwidths, int looseness, lb_para *out)
{
    if (set_para(w, in, nin, st, widths, nwidths, 0, out) != 0) return -1;
    if (!looseness || w->ctx->greedy || (long)out->nlines + looseness < 1) return 0;
    lb_para loose;
    int rc = set_para(w, in, nin, st, widths, nwidths, (size_t)((long)out->nlines + looseness), &loose);
    if (rc < 0) return -1;
    if (rc == 0) *out = loose;
    return 0;
}

double fl_loose_cost(fl_writer *w, const fl_para_set *p, int looseness)
{
    lb_para best, loose;
    if (set_para(w, p->in, p->nin, &p->st, &p->width, 1, 0, &best) != 0) return -1;
    if (!looseness || w->ctx->greedy || (long)best.nlines + looseness < 1) return INFINITY;
    int rc = set_para(w, p->in, p->nin, &p->st, &p->width, 1, (size_t)((long)best.nlines + looseness), &loose);
    if (rc < 0) return -1;
    return rc == 0 ? fmax(0, loose.demerits - best.demerits) : INFINITY;
}

/* Lists a paragraph flowed (ctx->list_paras). */
static void list_para(fl_writer *w, const lp_block *para, const lp_inline *in, size_t nin, const lp_style *st,
                      double width, size_t nlines, int looseness)
{
    if (!para || !w->ctx->list_paras || w->measuring) return;
    fl_para_set ps = {para, in, nin, *st, width, w->cur, nlines, looseness};
    VEC_PUSH(w->ctx->arena, w->paras, ps);
}

double fl_text_height(fl_writer *w, double width, const lp_style *st, const lp_inline *in,
                      size_t nin)
{
    lb_para p;
    if (set_para(w, in, nin, st, &width, 1, 0, &p) != 0) return -1;
    return (double)p.nlines * st->leading;
}

/* A word: a run between spaces with a letter or digit in it (any byte of
 * a multi-byte character counts as a letter); "·" and "–" alone are not. */
static size_t count_words(const char *t, bool *in_word, bool *has)
{
    size_t n = 0;
    for (; *t; t++) {
        unsigned char c = (unsigned char)*t;
        if (c == ' ' || c == '\t' || c == '\n') {
            if (*in_word && *has) n++;
            *in_word = *has = false;
            continue;
        }
        /* A no-break space (C2 A0) separates words too. */
        if (c == 0xC2 && (unsigned char)t[1] == 0xA0) {
            if (*in_word && *has) n++;
            *in_word = *has = false;
            t++;
            continue;
        }
        *in_word = true;
        if (isalnum(c) || (c >= 0x80 && c != 0xC2 && c != 0xE2)) *has = true;
    }
    return n;
}

size_t fl_text_tail_words(fl_writer *w, double width, const lp_style *st, const lp_inline *in, size_t nin,
                          size_t *nlines)
{
    lb_para p;
    *nlines = 0;
    if (set_para(w, in, nin, st, &width, 1, 0, &p) != 0 || p.nlines == 0) return 0;
    *nlines = p.nlines;
    const lb_line *ln = &p.lines[p.nlines - 1];
    bool in_word = false, has = false;
    size_t n = 0;
    for (size_t i = 0; i < ln->nfrags; i++) n += count_words(ln->frags[i].text, &in_word, &has);
    return n + (in_word && has);
}

bool fl_text_forced(fl_writer *w, double width, const lp_style *st, const lp_inline *in,
                    size_t nin)
{
    lb_para p;
    return set_para(w, in, nin, st, &width, 1, 0, &p) == 0 && p.forced_in;
}

double fl_text_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                  const lp_inline *in, size_t nin, int snode)
{
    lb_para p;
    if (set_para(w, in, nin, st, &width, 1, 0, &p) != 0) return -1;
    if (!w->measuring && page >= 0) lb_warn_forced(&p, w->ctx->doc->path, w->ctx->diag);
    snode = caps_span(w, st, in, nin, snode);
    double base = y + first_baseline(w->ctx->fonts, st);
    for (size_t i = 0; i < p.nlines; i++)
        emit_line(w, page, x, base + (double)i * st->leading, &p.lines[i], snode, NULL, 0);
    return (double)p.nlines * st->leading;
}

double fl_parts_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                   const lp_inline *in, size_t nin, const int *parts, size_t nparts)
{
    lb_para p;
    if (set_para(w, in, nin, st, &width, 1, 0, &p) != 0) return -1;
    if (!w->measuring && page >= 0) lb_warn_forced(&p, w->ctx->doc->path, w->ctx->diag);
    double base = y + first_baseline(w->ctx->fonts, st);
    for (size_t i = 0; i < p.nlines; i++)
        emit_line(w, page, x, base + (double)i * st->leading, &p.lines[i], -1, parts, nparts);
    return (double)p.nlines * st->leading;
}

double fl_plain_at(fl_writer *w, int page, double x, double y, double width, const lp_style *st,
                   const char *text, int snode)
{
    lp_inline in;
    memset(&in, 0, sizeof in);
    in.kind = IN_TEXT;
    in.text = text;
    return fl_text_at(w, page, x, y, width, st, &in, 1, snode);
}

/* ------------------------------------------------------------ flowing */

static double frame_width(const fl_writer *w)
{
    const fl_frame *f = fl_frame_cur(w);
    return f->w - w->inset_l - w->inset_r;
}

/* Adds vertical space before a block, unless the frame is still empty. */
static void space(fl_writer *w, double pt)
{
    if (w->at_top) return;
    w->y += pt;
}

/* Flows a paragraph's inlines in style st: splits across frames keeping at
 * least MIN_LINES_SPLIT lines on each side.  keep_lines > 0 asks for that
 * many lines of what follows to fit too (headings).  para: the paragraph
 * block the text is (set looser or tighter when fl_loosen asked), or
 * NULL. */
static int flow_text(fl_writer *w, const lp_inline *in, size_t nin, const lp_style *st, int snode,
                     double keep_after, const lp_block *para)
{
    int loose = looseness_of(w->ctx, para);
    double width0 = frame_width(w);
    space(w, st->space_before);
    snode = caps_span(w, st, in, nin, snode);
    for (int attempt = 0;; attempt++) {
        const fl_frame *f = fl_frame_cur(w);
        double avail = f->h - w->y;
        size_t fit = avail > 0 ? (size_t)floor((avail + EPS) / st->leading) : 0;
        double widths[2] = {frame_width(w), frame_width(w)};
        if (w->cur + 1 < w->frames.n) {
            const fl_frame *nf = &w->frames.v[w->cur + 1];
            widths[1] = nf->w - w->inset_l - w->inset_r;
        }
        /* Set the lines that fit here at this frame's width, the rest at the
         * next frame's. */
        /* A paragraph this long cannot reach the frame's end: one width. */
        size_t nset = fit;
        if (nset > MAX_PARA_LINES) widths[1] = widths[0], nset = 0;
        size_t nw = nset + 1;
        double *wv = arena_alloc(w->ctx->arena, nw * sizeof *wv);
        for (size_t i = 0; i < nw; i++) wv[i] = i < nset ? widths[0] : widths[1];
        lb_para p;
        if (set_para_loose(w, in, nin, st, wv, nw, loose, &p) != 0) return -1;
        size_t n = p.nlines;
        bool heading = keep_after > 0;
        /* What follows a heading starts after the heading's own space; a
         * heading with nothing after it (keep_after is EPS) needs none (a
         * box holding only a heading is measured without it). */
        double need_after = keep_after + (heading && keep_after > EPS ? st->space_after : 0);
        if (!w->measuring) lb_warn_forced(&p, w->ctx->doc->path, w->ctx->diag);
        if (n <= fit && (double)n * st->leading + need_after <= avail + EPS) {
            double base = w->y + first_baseline(w->ctx->fonts, st);
            for (size_t i = 0; i < n; i++)
                emit_line(w, f->page, f->x + w->inset_l, f->y + base + (double)i * st->leading,
                          &p.lines[i], snode, NULL, 0);
            w->y += (double)n * st->leading;
            w->at_top = false;
            w->y += st->space_after;
            list_para(w, para, in, nin, st, width0, n, loose);
            return 0;
        }
        /* Does not fit whole.  Headings and short paragraphs move on. */
        size_t split = 0;
        if (!heading && n >= 2 * MIN_LINES_SPLIT && fit >= MIN_LINES_SPLIT) {
            split = fit;
            if (n - split < MIN_LINES_SPLIT) split = n - MIN_LINES_SPLIT;
            if (split < MIN_LINES_SPLIT) split = 0;
        }
        if (split == 0) {
            if (w->at_top && attempt > 0 && fit > 0) {
                /* Even a fresh frame cannot hold it: place what fits. */
                split = fit;
                if (split >= n) split = n;
            } else {
                /* Past the last frame, the bottomless overflow frame takes
                 * the text so that we can say how much is over. */
                fl_next_frame(w);
                continue;
            }
        }
        if (split < fit && widths[1] < widths[0] - EPS) {
            /* The lines moving on were set for this frame's wider measure:
             * set again with the split where it now falls. */
            nw = split + 1;
            for (size_t i = 0; i < nw; i++) wv[i] = i < split ? widths[0] : widths[1];
            if (set_para_loose(w, in, nin, st, wv, nw, loose, &p) != 0) return -1;
            n = p.nlines;
        }
        double base = w->y + first_baseline(w->ctx->fonts, st);
        for (size_t i = 0; i < split; i++)
            emit_line(w, f->page, f->x + w->inset_l, f->y + base + (double)i * st->leading,
                      &p.lines[i], snode, NULL, 0);
        w->y += (double)split * st->leading;
        w->at_top = false;
        /* The rest continues in the next frame(s), line by line. */
        size_t i = split;
        while (i < n) {
            fl_next_frame(w);
            const fl_frame *nf = fl_frame_cur(w);
            size_t room = (size_t)floor((nf->h + EPS) / st->leading);
            if (room == 0) continue; /* not one line high: the next frame */
            size_t take = n - i;
            if (take > room) {
                take = room;
                if (n - i - take < MIN_LINES_SPLIT && take > MIN_LINES_SPLIT)
                    take = n - i - MIN_LINES_SPLIT;
            }
            double b0 = first_baseline(w->ctx->fonts, st);
            for (size_t k = 0; k < take; k++)
                emit_line(w, nf->page, nf->x + w->inset_l,
                          nf->y + b0 + (double)k * st->leading, &p.lines[i + k], snode, NULL, 0);
            w->y = (double)take * st->leading;
            w->at_top = false;
            i += take;
        }
        w->y += st->space_after;
        list_para(w, para, in, nin, st, width0, n, loose);
        return 0;
    }
}

static const char *heading_style_name(int level)
{
    return level <= 1 ? "h1" : level == 2 ? "h2" : "h3";
}

static const char *heading_role(int level)
{
    return level <= 1 ? "H1" : level == 2 ? "H2" : "H3";
}

static int flow_block(fl_writer *w, const lp_block *b, int parent, const lp_block *next);

/* A picture at the head of a paragraph, above its text: an icon at the
 * theme's figure size, or a PNG as wide as the column allows (up to the
 * theme's bounds) at its own proportions.  It stays with two lines of the
 * text that follows. */
static int flow_figure(fl_writer *w, const lp_inline *img, int parent, const lp_style *st)
{
    const lp_spec *spec = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    double icon_size, max_w, max_h, gap;
    lp_color color;
    if (!spec_len(spec, "blocks.figure.icon-size", &icon_size, d) ||
        !spec_len(spec, "blocks.figure.max-width", &max_w, d) ||
        !spec_len(spec, "blocks.figure.max-height", &max_h, d) ||
        !spec_len(spec, "blocks.figure.space", &gap, d) ||
        !spec_color(spec, "blocks.figure.color", &color, d))
        return -1;
    const lp_pic *pic = img->pic;
    double fw = pic->icon ? icon_size : frame_width(w), fh = icon_size;
    if (!pic->icon) {
        if (fw > max_w) fw = max_w;
        fh = fw * pic->px_h / pic->px_w;
        if (fh > max_h) fh = max_h, fw = fh * pic->px_w / pic->px_h;
    }
    space(w, st->space_before);
    /* On to a frame that holds it with two lines of its text, or at least
     * holds it when the frame is a fresh one (past the last, the overflow
     * frame holds anything). */
    for (;;) {
        double left = fl_space_left(w);
        bool room = fh <= left + EPS &&
                    (w->at_top || fh + gap + MIN_LINES_SPLIT * st->leading <= left + EPS);
        if (room || !fl_next_frame(w)) break;
    }
    const fl_frame *f = fl_frame_cur(w);
    double x = f->x + w->inset_l, y = f->y + w->y;
    int fig = fl_snode(w, "Figure", parent);
    if (fig >= 0) w->pg->snodes.v[fig].alt = img->text;
    if (!fl_picture(w, f->page, pic, x, y, fw, fh, color, fig)) return -1;
    w->y += fh + gap;
    w->at_top = false;
    return 0;
}

/* The first text box emitted since box index from, or NULL. */
static const lp_box *first_text_since(const fl_writer *w, size_t from)
{
    for (size_t i = from; i < w->pg->boxes.n; i++)
        if (w->pg->boxes.v[i].kind == BOX_TEXT) return &w->pg->boxes.v[i];
    return NULL;
}

/* An ordered list whose numbers do not fit their place in the margin
 * (most often a line that starts with a year: "2004. The Act ..." is a
 * list numbered from 2004). */
static int list_number_too_wide(fl_writer *w, const lp_block *list, const char *num)
{
    char hint[160];
    snprintf(hint, sizeof hint,
             "a line that starts with a number and a full stop is a numbered list: write %d\\. to keep the "
             "number as text, or number the list from 1",
             list->start);
    diag_error(w->ctx->diag, w->ctx->doc->path, list->line, list->col, hint,
               "the list number '%s' is too wide for the list's margin", num);
    return -1;
}

/* A list marker at the first baseline of its item, in the indent. */
static int list_marker(fl_writer *w, const lp_block *list, size_t index, int lbl,
                       size_t first_box, double content_x, const lp_style *st)
{
    const lp_spec *spec = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    const lp_box *first = first_text_since(w, first_box);
    if (!first) return 0;
    int page = first->page;
    double baseline = first->y;
    bool ord = list->ordered; /* the keys whole: no snprintf for each item */
    const char *marker;
    if (!spec_str(spec, ord ? "blocks.ordered.marker" : "blocks.list.marker", &marker, d)) return -1;
    double indent;
    if (!spec_len(spec, ord ? "blocks.ordered.indent" : "blocks.list.indent", &indent, d)) return -1;
    lp_color color;
    if (!spec_color(spec, ord ? "blocks.ordered.marker-color" : "blocks.list.marker-color", &color, d))
        return -1;
    double x0 = content_x - indent;
    double xh = fonts_x_height(w->ctx->fonts, st->face[0], st->size);
    if (strcmp(marker, "square") == 0 || strcmp(marker, "dot") == 0) {
        double size;
        if (!spec_len(spec, ord ? "blocks.ordered.marker-size" : "blocks.list.marker-size", &size, d))
            return -1;
        double r = strcmp(marker, "dot") == 0 ? size / 2 : 0;
        fl_rect(w, page, x0, baseline - xh / 2 - size / 2, size, size, color, r, lbl);
        return 0;
    }
    if (strcmp(marker, "bullet") == 0 || strcmp(marker, "number") == 0) {
        const char *txt = strcmp(marker, "bullet") == 0
                              ? "\u2022"
                              : arena_printf(w->ctx->arena, "%zu.", (size_t)list->start + index);
        lp_box *b = fl_box(w, BOX_TEXT, page, x0, baseline, 0, st->size);
        b->face = list->ordered ? st->face[IS_BOLD] : st->face[0];
        b->size = st->size;
        b->color = color;
        b->text = txt;
        b->w = fonts_width(w->ctx->fonts, b->face, txt, strlen(txt), st->size, 0);
        b->snode = lbl;
        /* A number must leave a space before the item's text. */
        if (b->w > indent - 0.2 * st->size) return list_number_too_wide(w, list, txt);
        return 0;
    }
    if (strcmp(marker, "disc") == 0) {
        double size;
        if (!spec_len(spec, ord ? "blocks.ordered.marker-size" : "blocks.list.marker-size", &size, d))
            return -1;
        const lp_style *num = fl_style(w, "step-number");
        if (!num) return -1;
        /* The disc's centre sits on the first line's x-height middle. */
        double cy = baseline - xh / 2;
        fl_rect(w, page, x0, cy - size / 2, size, size, color, size / 2, -1);
        const char *txt = arena_printf(w->ctx->arena, "%zu", (size_t)list->start + index);
        double tw = fonts_width(w->ctx->fonts, num->face[0], txt, strlen(txt), num->size, 0);
        /* Past the disc, the number (in the disc's text colour) would be
         * lost against the page. */
        if (tw > size) return list_number_too_wide(w, list, txt);
        double cap = fonts_cap_height(w->ctx->fonts, num->face[0], num->size);
        lp_box *b = fl_box(w, BOX_TEXT, page, x0 + size / 2 - tw / 2, cy + cap / 2, tw, num->size);
        b->face = num->face[0];
        b->size = num->size;
        b->color = num->color;
        b->text = txt;
        b->snode = lbl;
        return 0;
    }
    diag_error(d, spec_layout_path(spec), 0, 0, "use square, dot, bullet, number or disc",
               "unknown list marker '%s'", marker);
    return -1;
}

static int flow_list(fl_writer *w, const lp_block *b, int parent)
{
    const lp_spec *spec = w->ctx->spec;
    double indent, item_space;
    if (!spec_len(spec, b->ordered ? "blocks.ordered.indent" : "blocks.list.indent", &indent, w->ctx->diag))
        return -1;
    if (!spec_len(spec, b->ordered ? "blocks.ordered.item-space" : "blocks.list.item-space", &item_space,
                  w->ctx->diag))
        return -1;
    const lp_style *st = fl_style(w, b->ordered ? "step" : "list");
    if (!st) st = fl_style(w, "list");
    if (!st) return -1;
    int l = fl_snode(w, "L", parent);
    if (l >= 0) {
        const char *marker = spec_str_or(spec, b->ordered ? "blocks.ordered.marker" : "blocks.list.marker",
                                         "", w->ctx->diag);
        w->pg->snodes.v[l].list_numbering = b->ordered                       ? "Decimal"
                                            : strcmp(marker, "square") == 0 ? "Square"
                                                                            : "Disc";
    }
    space(w, st->space_before);
    w->inset_l += indent;
    for (size_t i = 0; i < b->nkids; i++) {
        const lp_block *item = &b->kids[i];
        int li = fl_snode(w, "LI", l);
        int lbl = fl_snode(w, "Lbl", li);
        int body = fl_snode(w, "LBody", li);
        if (i > 0) space(w, item_space);
        size_t first = w->pg->boxes.n;
        double content_x = 0;
        for (size_t k = 0; k < item->nkids; k++) {
            const lp_block *kid = &item->kids[k];
            const lp_block *nxt = k + 1 < item->nkids ? &item->kids[k + 1] : NULL;
            if (kid->kind == BLK_PARA) {
                /* Item paragraphs use the list style, with no extra space. */
                lp_style ist = *st;
                ist.space_before = 0;
                ist.space_after = nxt ? st->space_after : 0;
                int p = fl_snode(w, "P", body);
                if (flow_text(w, kid->in, kid->nin, &ist, p, 0, kid) != 0) return -1;
            } else if (flow_block(w, kid, body, nxt) != 0) {
                return -1;
            }
        }
        const lp_box *ft = first_text_since(w, first);
        if (ft) {
            const fl_frame *f = fl_frame_cur(w);
            content_x = f->x + w->inset_l;
            /* The first line may have landed in an earlier frame. */
            for (size_t fi = 0; fi < w->frames.n; fi++)
                if (w->frames.v[fi].page == ft->page && ft->x >= w->frames.v[fi].x - EPS &&
                    ft->x <= w->frames.v[fi].x + w->frames.v[fi].w)
                    content_x = w->frames.v[fi].x + w->inset_l;
            size_t nmark = w->pg->boxes.n;
            if (list_marker(w, b, i, lbl, first, content_x, st) != 0) return -1;
            /* The marker belongs to the frame of the line it marks, which
             * may be an earlier column than the one the item ended in. */
            const lp_box *mt = first_text_since(w, first);
            for (size_t k = nmark; mt && k < w->pg->boxes.n; k++) w->pg->boxes.v[k].frame = mt->frame;
        }
    }
    w->inset_l -= indent;
    w->y += st->space_after;
    return 0;
}

/* The layout's key prefix for a boxed block's look: "blocks.quote" etc. */
static const char *boxed_prefix(lp_block_kind kind)
{
    return kind == BLK_CALLOUT ? "blocks.callout" : kind == BLK_DEFINITION ? "blocks.definition" : "blocks.quote";
}

/* Boxed blocks (definitions, callouts, quotes) do not split across frames:
 * measured first, then moved on whole if they do not fit. */
static int flow_boxed(fl_writer *w, const lp_block *b, int parent)
{
    const lp_spec *spec = w->ctx->spec;
    lp_diag *d = w->ctx->diag;
    const char *kind = boxed_prefix(b->kind);
    char key[64];
    double pad, bar = 0, radius = 0, before;
    lp_color bg, bar_color;
    snprintf(key, sizeof key, "%s.padding", kind);
    if (!spec_len(spec, key, &pad, d)) return -1;
    snprintf(key, sizeof key, "%s.background", kind);
    if (!spec_color(spec, key, &bg, d)) return -1;
    snprintf(key, sizeof key, "%s.bar", kind);
    bar = spec_len_or(spec, key, 0, d);
    if (bar > 0) {
        snprintf(key, sizeof key, "%s.bar-color", kind);
        if (!spec_color(spec, key, &bar_color, d)) return -1;
    }
    snprintf(key, sizeof key, "%s.radius", kind);
    radius = spec_len_or(spec, key, 0, d);
    snprintf(key, sizeof key, "%s.space", kind);
    if (!spec_len(spec, key, &before, d)) return -1;
    double icon_size = 0, icon_gap = 0;
    if (b->kind == BLK_CALLOUT && b->icon) {
        snprintf(key, sizeof key, "%s.icon-size", kind);
        if (!spec_len(spec, key, &icon_size, d)) return -1;
        icon_gap = pad;
    }
    /* A callout is a box of text in the flow, not a footnote: Div. */
    const char *role = b->kind == BLK_CALLOUT ? "Div" : "BlockQuote";
    const char *text_style = b->kind == BLK_CALLOUT ? "callout" : "quote";

    double inner_l = bar + pad + icon_size + icon_gap, inner_r = pad;
    double width = frame_width(w) - inner_l - inner_r;
    /* Boxes inside boxes each take their padding from the measure: past a
     * point no word fits.  Ten of the text's ems is the least a reader can
     * follow; below that it is the author's nesting, not the text, to fix. */
    const lp_style *body_st = fl_style(w, text_style);
    if (!body_st) return -1;
    if (width < 10 * body_st->size) {
        diag_error(d, w->ctx->doc->path, b->line, b->col,
                   "nest fewer quotes or callouts inside each other, or move this one out",
                   "this %s leaves %.1f mm for its text, less than the %.1f mm a line needs",
                   b->kind == BLK_CALLOUT ? "callout" : b->kind == BLK_DEFINITION ? "definition" : "block quote",
                   width > 0 ? width / LP_PT_PER_MM : 0.0, 10 * body_st->size / LP_PT_PER_MM);
        return -1;
    }
    /* Measure: title + body + source line. */
    const lp_style *title_st = b->title ? fl_style(w, b->kind == BLK_CALLOUT ? "callout-title"
                                                                           : "definition-title")
                                        : NULL;
    const lp_style *src_st = b->source ? fl_style(w, "source-line") : NULL;
    if ((b->title && !title_st) || (b->source && !src_st)) return -1;
    const char *source_text = b->source ? arena_printf(w->ctx->arena, "\u2014 %s", b->source) : NULL;

    double h = 2 * pad;
    lp_inline tin;
    memset(&tin, 0, sizeof tin);
    tin.kind = IN_TEXT;
    tin.line = b->line; /* the fence that gives its title and source */
    tin.col = b->col;
    tin.elsewhere = true;
    if (title_st) {
        tin.text = b->title;
        double th = fl_text_height(w, width, title_st, &tin, 1);
        if (th < 0) return -1;
        h += th + title_st->space_after;
    }
    /* Kids are set in the box's text style: swap the body style for it. */
    const char *outer_body = w->body_style;
    w->body_style = text_style;
    double kids_h = fl_measure_blocks(w, b->kids, b->nkids, width);
    w->body_style = outer_body;
    if (kids_h < 0) return -1;
    h += kids_h;
    if (src_st) {
        tin.text = source_text;
        double sh = fl_text_height(w, width, src_st, &tin, 1);
        if (sh < 0) return -1;
        h += src_st->space_before + sh;
    }
    if (icon_size > 0 && h < icon_size + 2 * pad) h = icon_size + 2 * pad;

    space(w, before);
    /* A box does not split: it goes on to the first frame with room for it,
     * even from the top of one too short (a balanced column), else past the
     * last, where it counts as text that did not fit. */
    while (h > fl_space_left(w) + EPS && !w->full) fl_next_frame(w);
    const fl_frame *f = fl_frame_cur(w);
    double x = f->x + w->inset_l, top = f->y + w->y;
    double full_w = frame_width(w);
    int sn = fl_snode(w, role, parent);
    /* Everything drawn for the box stays inside it. */
    int outer = fl_frame_enter(w, f->page, x, top, full_w, h,
                               b->kind == BLK_CALLOUT      ? "callout"
                               : b->kind == BLK_DEFINITION ? "definition box"
                                                           : "quote box",
                               b->line, b->col);
    fl_rect(w, f->page, x, top, full_w, h, bg, radius, -1);
    if (bar > 0) fl_rect(w, f->page, x, top, bar, h, bar_color, 0, -1);
    if (icon_size > 0) {
        lp_color ic;
        snprintf(key, sizeof key, "%s.icon-color", kind);
        if (!spec_color(spec, key, &ic, d)) return -1;
        if (!fl_icon(w, f->page, b->icon, x + bar + pad + icon_size / 2, top + pad + icon_size / 2,
                     icon_size, ic, -1, w->ctx->doc->path, b->line, b->col))
            return -1;
    }
    double y = top + pad;
    if (title_st) {
        int tsn = fl_snode(w, "P", sn);
        tin.text = b->title;
        double th = fl_text_at(w, f->page, x + inner_l, y, width, title_st, &tin, 1, tsn);
        if (th < 0) return -1;
        y += th + title_st->space_after;
    }
    /* Measuring needs only the height, found above: setting the kids again
     * here would measure every nested box twice per level (2^depth). */
    if (w->measuring) {
        fl_frame_leave(w, outer);
        w->y += h + before;
        w->at_top = false;
        return 0;
    }
    /* The kids go in a frame of their own inside the box. */
    if (fl_blocks_at(w, f->page, x + inner_l, y, width, kids_h + 1, b->kids, b->nkids, sn,
                     text_style) < 0)
        return -1;
    y += kids_h;
    if (src_st) {
        int ssn = fl_snode(w, "P", sn);
        y += src_st->space_before;
        tin.text = source_text;
        if (fl_text_at(w, f->page, x + inner_l, y, width, src_st, &tin, 1, ssn) < 0) return -1;
    }
    fl_frame_leave(w, outer);
    w->y += h;
    w->at_top = false;
    w->y += before;
    return 0;
}

/* An entry of a directory that stayed in one frame gets a frame of its own,
 * the measure wide and as tall as it took: nothing of it (a long address, a
 * name) may reach past the measure.  Its boxes are boxes[from..] and it
 * began at y0 in frame at. */
static void entry_frame(fl_writer *w, size_t from, size_t at, double y0, int line, int col)
{
    if (w->measuring || w->full || w->cur != at || from == w->pg->boxes.n) return;
    const fl_frame *f = fl_frame_cur(w);
    if (!f || f->page < 0 || y0 > w->y) return;
    /* The space before it stays outside; the entry starts at its first
     * box's line. */
    int id = new_frame(w, f->page, f->x + w->inset_l, f->y + y0, frame_width(w), w->y - y0,
                       "contact entry", line, col);
    for (size_t k = from; id && k < w->pg->boxes.n; k++) w->pg->boxes.v[k].frame = id;
}

static int flow_contacts_block(fl_writer *w, const lp_block *b, int parent)
{
    const lp_style *name_st = fl_style(w, "contact-name");
    const lp_style *num_st = fl_style(w, "contact-number");
    const lp_style *note_st = fl_style(w, "contact-note");
    if (!name_st || !num_st || !note_st) return -1;
    double gap;
    if (!spec_len(w->ctx->spec, "blocks.contacts.space", &gap, w->ctx->diag)) return -1;
    /* A directory reads as a list: one item per contact, its name, number
     * and note inside it. */
    int list = fl_list_snode(w, parent);
    for (size_t i = 0; i < b->nkeys; i++) {
        const lp_contact_rec *rc = b->keys[i].rec;
        if (!rc) continue; /* markdown.c already reported it */
        const lp_contact *ct = rc->ct;
        if (i > 0) space(w, gap);
        size_t from = w->pg->boxes.n, at = w->cur;
        double y0 = w->y;
        int div = fl_item_snode(w, list);
        lp_inline in[3];
        memset(in, 0, sizeof in);
        in[0].kind = IN_TEXT;
        in[0].text = ct->name;
        in[0].line = b->keys[i].line;
        in[0].col = b->keys[i].col;
        in[0].elsewhere = true;
        if (flow_text(w, in, 1, name_st, fl_snode(w, "P", div), num_st->leading, NULL) != 0) return -1;
        if (rc->reach) {
            in[0].text = rc->reach;
            in[0].url = rc->reach_url;
            in[0].nobreak = true;
            if (flow_text(w, in, 1, num_st, fl_snode(w, "P", div), 0, NULL) != 0) return -1;
        }
        const char *note = ct->hours ? ct->hours : rc->note;
        if (note) {
            in[0].text = note;
            in[0].url = NULL;
            in[0].nobreak = false;
            if (flow_text(w, in, 1, note_st, fl_snode(w, "P", div), 0, NULL) != 0) return -1;
        }
        entry_frame(w, from, at, y0, b->keys[i].line, b->keys[i].col);
    }
    /* The directory ends as a paragraph or a list does, with the body's
     * space after it: a heading under it stands as far off as under text. */
    const lp_style *body = fl_style(w, w->body_style ? w->body_style : "body");
    if (!body) return -1;
    w->y += body->space_after;
    return 0;
}

static int flow_block(fl_writer *w, const lp_block *b, int parent, const lp_block *next)
{
    switch (b->kind) {
    case BLK_HEADING: {
        const lp_style *st = fl_style(w, heading_style_name(b->level));
        const lp_style *body = fl_style(w, "body");
        if (!st || !body) return -1;
        /* A heading never ends a frame: keep two lines of what follows, and
         * when a sub-heading follows, that heading's line too. */
        double keep = next ? MIN_LINES_SPLIT * body->leading : 0;
        /* A paragraph too short to split goes on whole, so the heading must
         * keep all of it. */
        if (next && next->kind == BLK_PARA && next->nin && next->in[0].kind != IN_IMAGE) {
            const lp_style *pst = fl_style(w, w->body_style ? w->body_style : "body");
            double fw = frame_width(w);
            lb_para np;
            if (!pst || set_para_loose(w, next->in, next->nin, pst, &fw, 1, looseness_of(w->ctx, next), &np) != 0)
                return -1;
            double ph = (double)np.nlines * pst->leading;
            if (ph < 2 * MIN_LINES_SPLIT * pst->leading - EPS && ph > keep) keep = ph;
        }
        if (next && next->kind == BLK_HEADING) {
            const lp_style *sub = fl_style(w, heading_style_name(next->level));
            if (!sub) return -1;
            keep += sub->space_before + sub->leading + sub->space_after;
        }
        if (keep == 0) keep = EPS;
        return flow_text(w, b->in, b->nin, st, fl_snode(w, heading_role(b->level), parent), keep, NULL);
    }
    case BLK_PARA: {
        const lp_style *st = fl_style(w, w->body_style ? w->body_style : "body");
        if (!st) return -1;
        /* A picture leads its paragraph; one further in would be lost. */
        for (size_t i = 1; i < b->nin; i++)
            if (b->in[i].kind == IN_IMAGE) {
                diag_error(w->ctx->diag, w->ctx->doc->path, b->in[i].line, b->in[i].col,
                           "start a paragraph of its own with the picture",
                           "a picture must come first in its paragraph");
                return -1;
            }
        if (b->nin && b->in[0].kind == IN_IMAGE) {
            int sn = fl_snode(w, "P", parent);
            if (flow_figure(w, &b->in[0], sn, st) != 0) return -1;
            size_t k = 1;
            while (k < b->nin && b->in[k].kind != IN_TEXT) k++;
            if (k == b->nin) return 0;
            return flow_text(w, b->in + k, b->nin - k, st, sn, 0, NULL);
        }
        return flow_text(w, b->in, b->nin, st, fl_snode(w, "P", parent), 0, b);
    }
    case BLK_LIST: return flow_list(w, b, parent);
    case BLK_ITEM: return fl_blocks(w, b->kids, b->nkids, parent);
    case BLK_QUOTE:
    case BLK_CALLOUT:
    case BLK_DEFINITION: return flow_boxed(w, b, parent);
    case BLK_CONTACTS: return flow_contacts_block(w, b, parent);
    case BLK_RULE:
        if (w->rule_breaks_frame) {
            if (!w->at_top) fl_next_frame(w);
            return 0;
        } else {
            lp_color c;
            double lw, sp;
            if (!spec_color(w->ctx->spec, "blocks.rule.color", &c, w->ctx->diag) ||
                !spec_len(w->ctx->spec, "blocks.rule.width", &lw, w->ctx->diag) ||
                !spec_len(w->ctx->spec, "blocks.rule.space", &sp, w->ctx->diag))
                return -1;
            space(w, sp);
            const fl_frame *f = fl_frame_cur(w);
            fl_line(w, f->page, f->x + w->inset_l, f->y + w->y, frame_width(w), 0, c, lw);
            w->y += sp;
            return 0;
        }
    }
    return 0;
}

int fl_blocks(fl_writer *w, const lp_block *blocks, size_t n, int parent)
{
    bool was = w->in_flow;
    w->in_flow = true;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const lp_block *next = i + 1 < n ? &blocks[i + 1] : NULL;
        if (flow_block(w, &blocks[i], parent, next) != 0) rc = -1;
        /* Nested blocks set it first: the innermost that ran over. */
        if (w->full && w->over_line <= 0) {
            w->over_line = blocks[i].line;
            w->over_col = blocks[i].col;
        }
    }
    w->in_flow = was;
    return rc;
}

/* A writer that shares w's pages, styles and context but has no frames and
 * a fresh cursor: for blocks set in a place of their own. */
static fl_writer sub_writer(const fl_writer *w, const char *body_style)
{
    fl_writer s = *w;
    s.frames.v = NULL;
    s.frames.n = s.frames.cap = 0;
    s.cur = 0;
    s.y = 0;
    s.at_top = true;
    s.full = false;
    s.inset_l = s.inset_r = 0;
    s.rule_breaks_frame = false;
    s.body_style = body_style;
    s.paras.v = NULL; /* its paragraphs are not the caller's */
    s.paras.n = s.paras.cap = 0;
    return s;
}

double fl_blocks_at(fl_writer *w, int page, double x, double y, double width, double height,
                    const lp_block *blocks, size_t n, int parent, const char *body_style)
{
    fl_writer inner = sub_writer(w, body_style);
    inner.frame = box_frame(w); /* its frame lies inside the caller's */
    inner.in_flow = false;
    inner.flow_what = "box";
    fl_add_frame(&inner, page, x, y, width, height);
    int rc = fl_blocks(&inner, blocks, n, parent);
    w->styles = inner.styles; /* styles it looked up stay cached */
    if (rc == 0 && inner.full && !w->measuring && page >= 0) {
        /* What went on past the frame would be lost without a word. */
        diag_error(w->ctx->diag, w->ctx->doc->path, n ? blocks[0].line : w->ctx->doc->meta.title_line,
                   n ? blocks[0].col : 1, "shorten it",
                   "this does not fit in its %.1f mm high box (%.1f mm over)", pt_to_mm(height),
                   pt_to_mm(inner.y));
        return -1;
    }
    return rc == 0 ? inner.y : -1;
}

double fl_measure_blocks(fl_writer *w, const lp_block *blocks, size_t n, double width)
{
    fl_writer m = sub_writer(w, w->body_style);
    m.measuring = true;
    size_t nboxes = w->pg->boxes.n, nsnodes = w->pg->snodes.n, nframes = w->pg->frames.n;
    int npages = w->pg->npages;
    fl_add_frame(&m, 0, 0, 0, width, 1e9);
    int rc = fl_blocks(&m, blocks, n, -1);
    /* Trailing space after the last block is not part of the height. */
    double h = m.y;
    const lp_block *last = n ? &blocks[n - 1] : NULL;
    if (last) {
        const lp_style *st = last->kind == BLK_HEADING ? fl_style(&m, heading_style_name(last->level))
                             : last->kind == BLK_LIST  ? fl_style(&m, "list")
                             : fl_style(&m, m.body_style ? m.body_style : "body");
        if (last->kind == BLK_QUOTE || last->kind == BLK_CALLOUT || last->kind == BLK_DEFINITION) {
            /* A box is followed by its own space, not its text's. */
            char key[64];
            snprintf(key, sizeof key, "%s.space", boxed_prefix(last->kind));
            h -= spec_len_or(m.ctx->spec, key, 0, m.ctx->diag);
        } else if (st && last->kind != BLK_CONTACTS) {
            h -= st->space_after;
        }
    }
    w->styles = m.styles;
    w->pg->boxes.n = nboxes;
    w->pg->snodes.n = nsnodes;
    w->pg->frames.n = nframes;
    w->pg->npages = npages;
    return rc == 0 ? h : -1;
}

/* ------------------------------------------------------------ helpers */

lp_inline fl_inline(const char *text, unsigned style)
{
    lp_inline in;
    memset(&in, 0, sizeof in);
    in.kind = IN_TEXT;
    in.text = text;
    in.style = style;
    return in;
}

lp_inline fl_inline_at(const char *text, unsigned style, int line, int col)
{
    lp_inline in = fl_inline(text, style);
    in.line = line;
    in.col = col;
    in.elsewhere = true;
    return in;
}

/* What "%d" reads: blanks, a sign, digits (at least one); *p moves past. */
static bool scan_int(const char **p, int *v)
{
    const char *q = *p;
    while (*q == ' ' || (*q >= '\t' && *q <= '\r')) q++;
    bool neg = *q == '-';
    if (*q == '-' || *q == '+') q++;
    if (*q < '0' || *q > '9') return false;
    long long x = 0;
    for (; *q >= '0' && *q <= '9'; q++)
        if (x < INT_MAX) x = x * 10 + (*q - '0');
    if (x > INT_MAX) x = INT_MAX;
    *v = (int)(neg ? -x : x);
    *p = q;
    return true;
}

const char *fl_month_year(lp_arena *a, const char *date)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    int y, m, dd;
    const char *p = date;
    /* sscanf(date, "%d-%d-%d") by hand: a part takes every layout pass,
     * and sscanf was 3 % of a one-minute guide. */
    if (!date || !scan_int(&p, &y) || *p++ != '-' || !scan_int(&p, &m) || *p++ != '-' || !scan_int(&p, &dd) ||
        m < 1 || m > 12)
        return date;
    return arena_printf(a, "%s %d", months[m - 1], y);
}

const char *fl_url_domain(lp_arena *a, const char *url) { return resolve_url_domain(a, url); }

const char *fl_fill(lp_arena *a, const char *tmpl, const char *token, const char *value)
{
    char key[64];
    snprintf(key, sizeof key, "{%s}", token);
    const char *at = strstr(tmpl, key);
    if (!at) return tmpl;
    return arena_printf(a, "%.*s%s%s", (int)(at - tmpl), tmpl, value, at + strlen(key));
}

size_t fl_fill_link(lp_arena *a, const char *tmpl, const char *token, const char *value,
                    const char *url, lp_inline out[3])
{
    char key[64];
    snprintf(key, sizeof key, "{%s}", token);
    const char *at = strstr(tmpl, key);
    if (!at) {
        out[0] = fl_inline(tmpl, 0);
        return 1;
    }
    size_t n = 0;
    if (at > tmpl) out[n++] = fl_inline(arena_strndup(a, tmpl, (size_t)(at - tmpl)), 0);
    out[n] = fl_inline(value, 0);
    out[n].url = url;
    out[n++].nobreak = true;
    if (at[strlen(key)]) out[n++] = fl_inline(at + strlen(key), 0);
    return n;
}

/* Appends text's letters and digits, lower-cased (ASCII), to out. */
static size_t fold_words(const char *text, char *out, size_t n, size_t cap)
{
    for (const char *c = text; c && *c && n + 1 < cap; c++) {
        char ch = *c;
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80)
            out[n++] = ch;
    }
    out[n] = 0;
    return n;
}

bool fl_says_same(const char *text, const lp_inline *in, size_t nin)
{
    char a[512], b[512];
    size_t na = fold_words(text, a, 0, sizeof a), nb = 0;
    for (size_t i = 0; i < nin; i++)
        if (in[i].kind == IN_TEXT) nb = fold_words(in[i].text, b, nb, sizeof b);
    return na > 0 && na < sizeof a - 1 && strcmp(a, b) == 0;
}

lp_box *fl_qr(fl_writer *w, int page, double x, double y, double size, lp_color color,
              const char *source, int parent)
{
    lp_box *q = fl_box(w, BOX_QR, page, x, y, size, size);
    q->text = source;
    q->color = color;
    /* Short: the address itself is printed (and linked) beside the code. */
    q->alt = arena_printf(w->ctx->arena, "QR code: the full page on %s",
                          fl_url_domain(w->ctx->arena, source));
    q->snode = fl_snode(w, "Figure", parent);
    if (q->snode >= 0) w->pg->snodes.v[q->snode].alt = q->alt;
    return q;
}

const char *fl_page_label(lp_arena *a, const char *label, int n, int total)
{
    size_t cap = strlen(label) + 64;
    char *out = arena_alloc(a, cap);
    size_t o = 0;
    for (const char *p = label; *p && o + 24 < cap;) {
        if (p[0] == '{' && (p[1] == 'n' || p[1] == 'N') && p[2] == '}') {
            o += (size_t)snprintf(out + o, cap - o, "%d", p[1] == 'n' ? n : total);
            p += 3;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = 0;
    return out;
}

/* ------------------------------------------------------------ dump */

static const char *kind_name(lp_box_kind k)
{
    static const char *const names[] = {"text", "rect", "line", "icon", "image", "qr", "link"};
    return names[k];
}

static void dump_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', out);
        if (*s == '\n') fputs("\\n", out);
        else fputc(*s, out);
    }
    fputc('"', out);
}

void flow_dump(const lp_pages *pg, const lp_fonts *fonts, FILE *out)
{
    fprintf(out, "edition \"%s\" %.2fx%.2fmm pages %d%s\n", pg->suffix ? pg->suffix : "",
            pt_to_mm(pg->width), pt_to_mm(pg->height), pg->npages,
            pg->impose_saddle ? " imposed" : "");
    for (size_t i = 0; i < pg->boxes.n; i++) {
        const lp_box *b = &pg->boxes.v[i];
        if (b->page < 0) continue;
        fprintf(out, "p%d %s x=%.2f y=%.2f w=%.2f h=%.2f", b->page + 1, kind_name(b->kind),
                pt_to_mm(b->x), pt_to_mm(b->y), pt_to_mm(b->w), pt_to_mm(b->h));
        if (b->kind == BOX_TEXT || b->kind == BOX_ICON)
            fprintf(out, " font=%s size=%.2f", fonts_name(fonts, b->face), b->size);
        if (b->color.name) fprintf(out, " color=%s", b->color.name);
        if (b->radius > 0) fprintf(out, " r=%.2f", pt_to_mm(b->radius));
        if (b->snode >= 0) fprintf(out, " role=%s", pg->snodes.v[b->snode].role);
        if (b->url) {
            fputs(" url=", out);
            dump_string(out, b->url);
        }
        if (b->text && b->kind != BOX_ICON) {
            fputc(' ', out);
            dump_string(out, b->text);
        }
        fputc('\n', out);
    }
}

bool fl_inlines_link(const lp_inline *in, size_t n, const char *url)
{
    for (size_t i = 0; i < n; i++)
        if (in[i].kind == IN_TEXT && in[i].url && strcmp(in[i].url, url) == 0) return true;
    return false;
}

bool fl_blocks_link(const lp_block *b, size_t n, const char *url)
{
    for (size_t i = 0; i < n; i++)
        if (fl_inlines_link(b[i].in, b[i].nin, url) || fl_blocks_link(b[i].kids, b[i].nkids, url))
            return true;
    return false;
}
