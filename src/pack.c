/* pack.c — handout packs (pack.h). */
#include "pack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flow.h"
#include "formats.h"
#include "parts.h"
#include "framecheck.h"
#include "render_pdf.h"
#include "yamltree.h"

#define PACK_MAX_BYTES (64 * 1024)
/* A4, the paper a pack is copied on. */
#define A4_W (210.0 * LP_PT_PER_MM)
#define A4_H (297.0 * LP_PT_PER_MM)

enum { K_TITLE, K_DATE, K_VENUE, K_DOCS };

/* ------------------------------------------------------------ the file */

bool pack_date_words(const char *date, char *buf, size_t size)
{
    static const char *const months[12] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};
    static const char *const days[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    static const int month_len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, dd;
    char tail;
    if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) return false;
    if (date[4] != '-' || date[7] != '-' || y < 1900 || y > 9999 || m < 1 || m > 12) return false;
    bool leap_year = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (dd < 1 || dd > month_len[m - 1] + (m == 2 && leap_year)) return false;
    /* Sakamoto's day of the week (0 = Sunday). */
    static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int yy = m < 3 ? y - 1 : y;
    int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + dd) % 7;
    snprintf(buf, size, "%s %d %s %d", days[wd], dd, months[m - 1], y);
    return true;
}

static const char *const pack_keys[] = {"title", "date", "venue", "trainer", "audience", "documents"};

static const char *text_of(const lp_pack *p, const yt_node *v, const char *key, lp_diag *d)
{
    if (v->kind == YT_SCALAR && v->scalar[0]) return v->scalar;
    diag_error(d, p->path, v->line, v->col, "write it as text on the same line", "'%s' must be text", key);
    return NULL;
}

/* A document's name: a path under content/ without ".md", of letters,
 * digits, '-', '_' and '/', never reaching outside the folder. */
static bool doc_name_ok(const char *s)
{
    if (!*s || s[0] == '/' || strstr(s, "..") || strstr(s, "//")) return false;
    for (const char *c = s; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_' || *c == '/'))
            return false;
    return s[strlen(s) - 1] != '/';
}

static int read_docs(lp_arena *a, lp_pack *p, const yt_node *v, lp_diag *d)
{
    if (v->kind != YT_SEQ || v->n == 0) {
        diag_error(d, p->path, v->line, v->col,
                   "list them one a line, such as '  - <audience>/<name>'",
                   "a pack needs at least one document");
        return -1;
    }
    if (v->n > PACK_MAX_DOCS) {
        diag_error(d, p->path, v->line, v->col, "split it into two packs",
                   "a pack holds at most %d documents, not %zu", PACK_MAX_DOCS, v->n);
        return -1;
    }
    p->docs = arena_alloc(a, v->n * sizeof *p->docs);
    int rc = 0;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *it = v->vals[i];
        if (it->kind != YT_SCALAR || !doc_name_ok(it->scalar)) {
            diag_error(d, p->path, it->line, it->col,
                       "name a document by its path under content/ without .md, such as <audience>/<name>",
                       "'%.80s' is not a document name", it->kind == YT_SCALAR ? it->scalar : "(not text)");
            rc = -1;
            continue;
        }
        for (size_t j = 0; j < p->ndocs; j++)
            if (strcmp(p->docs[j].name, it->scalar) == 0) {
                diag_error(d, p->path, it->line, it->col, "list each document once",
                           "'%s' is already in the pack (line %d)", it->scalar, p->docs[j].line);
                rc = -1;
            }
        p->docs[p->ndocs++] = (lp_pack_doc){it->scalar, it->line, it->col};
    }
    return rc;
}

int pack_load(lp_arena *a, const char *path, lp_pack *p, lp_diag *d)
{
    memset(p, 0, sizeof *p);
    p->path = path;
    p->slug = lp_slug(a, path, ".yaml");
    if (!p->slug[0]) {
        diag_error(d, path, 0, 0, "name pack files with letters, digits and hyphens",
                   "the file name gives no output name");
        return -1;
    }
    const yt_node *root = yt_load_file(a, path, PACK_MAX_BYTES, d);
    if (!root) return -1;
    if (root->kind != YT_MAP) {
        diag_error(d, path, root->line, root->col, "a pack is a map: title:, date:, venue:, documents:",
                   "a pack file must be a map of keys");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i]->scalar;
        const yt_node *v = root->vals[i];
        size_t nk = sizeof pack_keys / sizeof *pack_keys, which = nk;
        for (size_t j = 0; j < nk; j++)
            if (strcmp(k, pack_keys[j]) == 0) which = j;
        if (which == nk) {
            const char *near = lp_closest(k, pack_keys, nk);
            char hint[96];
            if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else snprintf(hint, sizeof hint, "a pack has title, date, venue, trainer, audience and documents");
            diag_error(d, path, root->keys[i]->line, root->keys[i]->col, hint, "unknown pack key '%.60s'", k);
            rc = -1;
            continue;
        }
        const char **dest[] = {&p->title, &p->date, &p->venue, &p->trainer, &p->audience, NULL};
        if (which < 5) {
            *dest[which] = text_of(p, v, k, d);
            if (!*dest[which]) rc = -1;
            if (which < 3) p->line_of[which] = v->line, p->col_of[which] = v->col;
            if (which == 4) p->audience_line = v->line, p->audience_col = v->col;
        } else {
            p->line_of[K_DOCS] = v->line, p->col_of[K_DOCS] = v->col;
            if (read_docs(a, p, v, d)) rc = -1;
        }
    }
    static const char *const required[] = {"title", "date", "venue", "documents"};
    const void *have[] = {p->title, p->date, p->venue, p->docs};
    for (size_t i = 0; i < 4; i++)
        if (!have[i] && !p->line_of[i]) {
            diag_error(d, path, 1, 1, "see content/packs/ for an example", "the pack has no '%s'", required[i]);
            rc = -1;
        }
    char words[64];
    if (p->date && !pack_date_words(p->date, words, sizeof words)) {
        diag_error(d, path, p->line_of[K_DATE], p->col_of[K_DATE],
                   "write the session's date as YYYY-MM-DD, such as 2027-02-14",
                   "'%.40s' is not a real date", p->date);
        rc = -1;
    }
    return rc;
}

/* ------------------------------------------------------------ layout */

typedef struct packer {
    lp_env *e;
    lp_arena *a;
    const lp_pack *p;
    lp_diag *d;
    lp_pages *out;
    LP_VEC(double) pw;
    LP_VEC(double) ph;
} packer;

static int add_page(packer *k, double w, double h)
{
    VEC_PUSH(k->a, k->pw, w);
    VEC_PUSH(k->a, k->ph, h);
    return k->out->npages++;
}

/* The edition a pack takes: the one on A4 (a poster's -a4), else the first. */
static const lp_pages *a4_edition(const lp_pages *eds, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double w = eds[i].width, h = eds[i].height;
        if ((fabs(w - A4_W) < 2 && fabs(h - A4_H) < 2) || (fabs(w - A4_H) < 2 && fabs(h - A4_W) < 2))
            return &eds[i];
    }
    return &eds[0];
}

/* How many pack pages an edition becomes: a booklet's A5 pages go two to
 * an A4 sheet, in reading order. */
static int pack_pages_of(const lp_pages *ed)
{
    return ed->impose_saddle ? (ed->npages + 1) / 2 : ed->npages;
}

/* Appends an edition's pages, boxes, frames and structure (its Document
 * becomes a Part of the pack's, in the document's language).  Returns the
 * pack node of its first heading, or -1 when it has none. */
static bool is_heading(const char *role)
{
    return role[0] == 'H' && role[1] >= '1' && role[1] <= '6' && !role[2];
}

static int append_doc(packer *k, const lp_pages *ed, const char *lang, const char *dir)
{
    lp_pages *o = k->out;
    int first_page = o->npages;
    bool two_up = ed->impose_saddle;
    double sheet_w = two_up ? fmax(2 * ed->width, A4_H) : ed->width;
    double shift = two_up ? (sheet_w - 2 * ed->width) / 2 : 0;
    for (int i = 0; i < pack_pages_of(ed); i++) add_page(k, sheet_w, ed->height);
    int base = (int)o->snodes.n, fbase = (int)o->frames.n, heading = -1;
    for (size_t i = 0; i < ed->snodes.n; i++) {
        lp_snode s = ed->snodes.v[i];
        if (s.parent < 0) {
            s.role = "Part";
            s.parent = 0;
            s.lang = lang;
        } else {
            s.parent += base;
        }
        if (heading < 0 && is_heading(s.role)) heading = base + (int)i;
        VEC_PUSH(k->a, o->snodes, s);
    }
    for (size_t i = 0; i < ed->frames.n; i++) {
        lp_frame f = ed->frames.v[i];
        if (two_up) {
            f.x += shift + (f.page % 2) * ed->width;
            f.page /= 2;
        }
        f.page += first_page;
        if (f.parent > 0) f.parent += fbase;
        VEC_PUSH(k->a, o->frames, f);
    }
    for (size_t i = 0; i < ed->boxes.n; i++) {
        lp_box b = ed->boxes.v[i];
        if (two_up) {
            b.x += shift + (b.page % 2) * ed->width;
            b.page /= 2;
        }
        b.page += first_page;
        if (b.snode >= 0) b.snode += base;
        if (b.frame > 0) b.frame += fbase;
        if (b.kind == BOX_LINK && b.url && b.url[0] == '#')
            b.url = arena_printf(k->a, "#%d", base + atoi(b.url + 1));
        /* Pictures are found from the content folder, not the document's. */
        if (b.kind == BOX_IMAGE && b.text && !b.dir) b.text = arena_printf(k->a, "%s/%s", dir, b.text);
        VEC_PUSH(k->a, o->boxes, b);
    }
    return heading;
}

typedef struct cover_ctx {
    fl_writer w;
    const lp_spec *spec;
    double ml, mr, mt, mb;
} cover_ctx;

static int cover_page(packer *k, cover_ctx *c, int doc)
{
    fl_writer *w = &c->w;
    const lp_pack *p = k->p;
    double gap, sum_gap;
    const char *sum_name;
    if (!spec_len(c->spec, "cover.gap", &gap, k->d) || !spec_len(c->spec, "cover.summary-gap", &sum_gap, k->d) ||
        !spec_str(c->spec, "cover.summary-style", &sum_name, k->d))
        return -1;
    const lp_style *sum = fl_fixed_style(w, sum_name);
    if (!sum) return -1;
    int pg = add_page(k, A4_W, A4_H);
    double measure = A4_W - c->ml - c->mr;
    int sect = fl_snode(w, "Sect", doc);
    lp_inline t = fl_inline(p->title, 0);
    t.line = p->line_of[K_TITLE];
    t.col = p->col_of[K_TITLE];
    double y = part_cover_band(w, pg, A4_W, c->ml, measure, &t, NULL, sect);
    if (y < 0) return -1;
    /* Under the band: when, where, who, and what is in it. */
    char when[64];
    pack_date_words(p->date, when, sizeof when);
    const char *lines[4] = {when, p->venue, p->trainer, NULL};
    y += sum_gap;
    for (size_t i = 0; i < 3; i++) {
        if (!lines[i]) continue;
        lp_inline in = fl_inline(lines[i], i == 0 ? IS_BOLD : 0);
        double h = fl_text_at(w, pg, c->ml, y, measure, sum, &in, 1, fl_snode(w, "P", sect));
        if (h < 0) return -1;
        y += h + gap;
    }
    const char *count = arena_printf(k->a, "%zu document%s, each starting on a right-hand page", p->ndocs,
                                     p->ndocs == 1 ? "" : "s");
    double h = fl_plain_at(w, pg, c->ml, y + gap, measure, sum, count, fl_snode(w, "P", sect));
    if (h < 0) return -1;
    if (y + gap + h > A4_H - c->mb) {
        diag_error(k->d, p->path, p->line_of[K_VENUE], p->col_of[K_VENUE], "shorten the venue or trainer",
                   "the cover's details run off the page");
        return -1;
    }
    return 0;
}

/* The contents page: each document's title and format, its page number
 * right-aligned after dot leaders, the entry a link to the document's
 * first heading (filled in later). */
static int contents_page(packer *k, cover_ctx *c, int doc, const lp_doc *const *docs,
                         const int *start, size_t *link_box)
{
    const lp_pack *p = k->p;
    part_toc_entry *e = arena_alloc(k->a, p->ndocs * sizeof *e);
    for (size_t i = 0; i < p->ndocs; i++) {
        const lp_meta *m = &docs[i]->meta;
        lp_inline *in = arena_alloc(k->a, 2 * sizeof *in);
        in[0] = fl_inline(m->title, IS_BOLD);
        in[1] = fl_inline(arena_printf(k->a, " \xe2\x80\x94 %s", format_label(m->format)), 0);
        in[0].line = in[1].line = p->docs[i].line;
        in[0].col = in[1].col = p->docs[i].col;
        e[i] = (part_toc_entry){in, 2, m->title, start[i]};
    }
    int pg = add_page(k, A4_W, A4_H);
    size_t fit = 0;
    int used = part_contents(&c->w, pg, c->ml, c->mt, A4_W - c->ml - c->mr, c->mt, A4_H - c->mb, 1, e,
                             p->ndocs, doc, link_box, &fit);
    if (used == 0)
        diag_error(k->d, p->path, p->docs[fit].line, p->docs[fit].col, "split the pack in two",
                   "the contents page holds only the first %zu documents", fit);
    return used > 0 ? 0 : -1;
}

static int lay_out_pack(packer *k, const lp_doc *const *docs, const lp_pages *const *eds)
{
    const lp_pack *p = k->p;
    lp_diag *d = k->d;
    /* A pack is dressed as the booklet is: its layout gives the cover's
     * and contents' sizes, colours and styles. */
    const lp_spec *spec = lp_env_spec(k->e, format_default_layout(FMT_BOOKLET), p->audience, d);
    if (!spec) return -1;
    /* A document standing in for the pack, for the flow machinery. */
    lp_doc *self = arena_alloc(k->a, sizeof *self);
    self->path = p->path;
    self->slug = p->slug;
    self->arena = k->a;
    self->meta.title = p->title;
    self->meta.audience = p->audience;
    self->meta.lang = docs[0]->meta.lang;
    self->meta.format = FMT_BOOKLET;
    lp_flow_ctx ctx = {.doc = self, .spec = spec, .fonts = k->e->fonts, .contacts = k->e->contacts, .arena = k->a,
                       .diag = d, .partnership = k->e->partnership};
    cover_ctx c;
    memset(&c, 0, sizeof c);
    c.spec = spec;
    if (!spec_len(spec, "margins.left", &c.ml, d) || !spec_len(spec, "margins.right", &c.mr, d) ||
        !spec_len(spec, "margins.top", &c.mt, d) || !spec_len(spec, "margins.bottom", &c.mb, d))
        return -1;
    lp_pages *o = k->out;
    fl_init(&c.w, &ctx, o);
    int doc = fl_snode(&c.w, "Document", -1);
    /* Where each document starts: after the cover and contents, each on a
     * right-hand (odd) page. */
    int *start = arena_alloc(k->a, p->ndocs * sizeof *start);
    int next = 2;
    for (size_t i = 0; i < p->ndocs; i++) {
        if (next % 2) next++;
        start[i] = next;
        next += pack_pages_of(eds[i]);
    }
    size_t *link_box = arena_alloc(k->a, p->ndocs * sizeof *link_box);
    if (cover_page(k, &c, doc) || contents_page(k, &c, doc, docs, start, link_box)) return -1;
    for (size_t i = 0; i < p->ndocs; i++) {
        while (o->npages < start[i]) add_page(k, A4_W, A4_H); /* a blank left-hand page */
        const char *name = p->docs[i].name, *slash = strrchr(name, '/');
        const char *dir = slash ? arena_strndup(k->a, name, (size_t)(slash - name)) : ".";
        int h = append_doc(k, eds[i], docs[i]->meta.lang ? docs[i]->meta.lang : "en-GB", dir);
        if (h < 0) {
            diag_error(d, p->path, p->docs[i].line, p->docs[i].col, "give the document a title heading",
                       "'%s' has no heading for the contents and bookmarks to go to", p->docs[i].name);
            return -1;
        }
        o->boxes.v[link_box[i]].url = arena_printf(k->a, "#%d", h);
    }
    if (o->npages % 2) add_page(k, A4_W, A4_H); /* an even count for duplex copying */
    o->page_w = k->pw.v;
    o->page_h = k->ph.v;
    o->bleed = eds[0]->bleed;
    o->print = eds[0]->print;
    o->source = p->path;
    return frame_check(o, k->e->fonts, self, d);
}

int pack_build(lp_env *e, lp_arena *a, const lp_pack *p, const char *content_dir,
               const lp_build_opts *o, lp_pdf out[2], size_t *nout, lp_diag *d)
{
    *nout = 0;
    const lp_doc **docs = arena_alloc(a, p->ndocs * sizeof *docs);
    const lp_pages **eds = arena_alloc(a, p->ndocs * sizeof *eds);
    int rc = 0;
    for (size_t i = 0; i < p->ndocs; i++) {
        const char *path = arena_printf(a, "%s/%s.md", content_dir, p->docs[i].name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            diag_error(d, p->path, p->docs[i].line, p->docs[i].col,
                       "name a document by its path under content/ without .md",
                       "no document '%s' (%s)", p->docs[i].name, path);
            rc = -1;
            continue;
        }
        lp_diag dd;
        diag_init(&dd);
        lp_doc *doc = lp_load_doc(e, a, path, NULL, 0, &dd);
        lp_pages *editions = NULL;
        size_t n = 0;
        if (doc && lp_layout_doc(e, doc, o->greedy, &dd, &editions, &n) == 0 && dd.errors == 0 && n > 0) {
            docs[i] = doc;
            eds[i] = a4_edition(editions, n);
        } else {
            diag_error(d, p->path, p->docs[i].line, p->docs[i].col, "fix the document first (see below)",
                       "'%s' cannot be laid out", p->docs[i].name);
            rc = -1;
        }
        diag_move(d, &dd);
        diag_free(&dd);
    }
    if (rc) return -1;
    lp_pack q = *p;
    if (!q.audience) q.audience = docs[0]->meta.audience;
    else if (lp_check_audience(e, &(lp_meta){.audience = q.audience, .audience_line = p->audience_line,
                                             .audience_col = p->audience_col},
                               p->path, d))
        return -1;
    lp_pages *pages = arena_alloc(a, sizeof *pages);
    pages->suffix = "";
    pages->width = A4_W;
    pages->height = A4_H;
    packer k = {e, a, &q, d, pages, {0}, {0}};
    if (lay_out_pack(&k, docs, eds)) return -1;
    const char *partnership = e->partnership->name;
    /* The print date without SOURCE_DATE_EPOCH: the newest of the pack
     * file and every document's own inputs. */
    long long newest = 0;
    struct stat pst;
    if (stat(p->path, &pst) == 0) newest = (long long)pst.st_mtime;
    for (size_t i = 0; o->print && o->epoch < 0 && i < p->ndocs; i++) {
        long long t = lp_inputs_mtime(e, docs[i], d);
        if (t > newest) newest = t;
    }
    for (int v = 0; v < 2; v++) {
        if ((v == 0 && !o->screen) || (v == 1 && !o->print)) continue;
        lp_render_opts ro;
        memset(&ro, 0, sizeof ro);
        ro.variant = v ? VARIANT_PRINT : VARIANT_SCREEN;
        ro.epoch = o->epoch;
        ro.inputs_mtime = newest;
        ro.title = p->title;
        ro.subject = arena_printf(a, "Handout pack: %zu documents", p->ndocs);
        ro.lang = docs[0]->meta.lang ? docs[0]->meta.lang : "en-GB";
        ro.author = partnership;
        ro.keywords = "handout pack";
        ro.base_dir = content_dir;
        ro.output_profile = o->output_profile;
        ro.default_profile = o->default_profile;
        const char *path = arena_printf(a, "%s/%spacks/%s.pdf", o->out_dir ? o->out_dir : ".", v ? "print/" : "",
                                        p->slug);
        if (lp_render_pdf(a, pages, e->fonts, &ro, path, &out[*nout], d) != 0) return -1;
        (*nout)++;
    }
    return 0;
}
