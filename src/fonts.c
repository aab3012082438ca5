/* fonts.c — TrueType faces through HarfBuzz: metrics, kerned advances,
 * coverage, subsets for embedding, and the icon font's name table. */
#define _DEFAULT_SOURCE /* madvise */
#include "fonts.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FONTS_MAX 64
#define ICON_MAP "lucide-codepoints.tsv"
/* Shaped words are cached: the same words are measured again and again
 * (every relayout of a guide while its columns are balanced) and drawn
 * once more, and shaping is most of the cost of setting text.  Text is
 * shaped a word at a time (a run of bytes between spaces, and each space on
 * its own), so a line measures and draws as the sum of its words.  The table
 * starts small and doubles; its records live in chunks that are all dropped
 * together when they outgrow WCACHE_MAX_BYTES (callers get copies, so
 * nothing points into them). */
#define WCACHE_WORD 64 /* longer words are shaped every time */
#define WCACHE_SLOTS0 1024
#define WCACHE_CHUNK (64u * 1024u)
#define WCACHE_MAX_BYTES (8u * 1024u * 1024u)
/* Which code points below this a face has is remembered (Latin, general
 * punctuation, arrows): checking every inline of every setting asks again
 * and again about the same few letters. */
#define HAS_FAST 0x2200u

typedef struct face {
    char *name, *path;
    char *ps_name; /* PostScript name as a PDF name may hold it */
    hb_blob_t *blob;
    void *map; /* the file's read-only mapping (blob's bytes), NULL if empty */
    size_t map_len;
    hb_face_t *face;
    hb_font_t *font;
    double upem;
    double ascender, descender, cap_height, x_height; /* font units */
    /* bit cp: asked already / has it.  Threads that ask at once set the
     * same bits (the answer is the font's), so relaxed "has" bits become
     * visible before the "asked" bit that publishes them. */
    _Atomic uint64_t asked[HAS_FAST / 64], has[HAS_FAST / 64];
    /* The subsetter's own view of the file, made the first time the face
     * is subset (under slock): the same bytes but for a table directory
     * whose cmap is empty (subset_view). */
    hb_face_t *sub_face;
    void *sub_map;
    size_t sub_map_len;
} face;

typedef struct icon {
    char *name;
    uint32_t cp;
} icon;

/* One cached word: its glyphs follow the record, then its text. */
typedef struct wrec {
    int face;
    uint32_t len, n;
    int32_t units; /* advance in font units, kerning included */
    lp_glyph g[];
} wrec;

typedef struct wchunk {
    struct wchunk *next;
    size_t used;
    max_align_t data[];
} wchunk;

/* Subsets made, by face and glyph set: a batch embeds the same glyphs of
 * a face again and again (the partnership's name in its own face on every
 * document, the icons a layout always draws, variants of one text), and
 * subsetting is a fifth of a document's instructions.  The newest
 * SUBSET_KEEP are kept, at most SUBSET_MAX_BYTES of font data. */
#define SUBSET_KEEP 32
#define SUBSET_MAX_BYTES (512u * 1024u)

typedef struct subset {
    int face;
    size_t n;          /* glyphs asked for */
    uint32_t *gids;    /* [n], as asked (ascending) */
    uint32_t *new_gids; /* [n] */
    unsigned char *data;
    size_t len;
} subset;

typedef struct wslot {
    uint64_t hash; /* 0: empty */
    wrec *rec;
} wslot;

struct lp_fonts {
    char *dir;
    wslot *wcache; /* [wslots] */
    size_t wslots, wused, wbytes;
    wchunk *chunks;
    pthread_mutex_t wlock;
    subset subsets[SUBSET_KEEP]; /* a ring: next is the oldest */
    size_t next_subset, subset_bytes;
    pthread_mutex_t slock;
    face *faces[FONTS_MAX]; /* each allocated when loaded: a face is 2 KB */
    size_t n;
    icon *icons;
    size_t nicons;
    char *icon_text; /* the map file's bytes, which the names point into */
    const char **icon_names; /* for suggestions */
};

static void wcache_clear(lp_fonts *f);

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

static int icon_cmp(const void *a, const void *b)
{
    return strcmp(((const icon *)a)->name, ((const icon *)b)->name);
}

/* The icon map (a name, a tab and a code point a line; '#' starts a
 * comment line) read in one go: the names stay in the file's bytes, and the
 * table is sorted only when the file is not (it is written sorted). */
static void load_icons(lp_fonts *f)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", f->dir, ICON_MAP);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    char *buf = NULL;
    size_t len = 0;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2 &&
        (buf = malloc((size_t)st.st_size + 1))) {
        while (len < (size_t)st.st_size) {
            ssize_t got = read(fd, buf + len, (size_t)st.st_size - len);
            if (got <= 0) break;
            len += (size_t)got;
        }
        buf[len] = '\0';
    }
    close(fd);
    if (!buf) return;
    char *end = buf + len;
    size_t lines = 1;
    for (char *p = buf; (p = memchr(p, '\n', (size_t)(end - p))); p++) lines++;
    f->icons = malloc(lines * sizeof *f->icons);
    if (!f->icons) {
        free(buf);
        return;
    }
    f->icon_text = buf;
    bool sorted = true;
    for (char *line = buf; line < end;) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *next = nl ? nl + 1 : end;
        if (nl) *nl = '\0';
        char *tab = line[0] == '#' ? NULL : strchr(line, '\t');
        if (tab) {
            *tab = '\0';
            const char *num = tab + 1;
            while (*num == ' ' || *num == '\t') num++;
            unsigned long cp = 0;
            for (; *num >= '0' && *num <= '9' && cp <= 0x10FFFF; num++) cp = cp * 10 + (unsigned long)(*num - '0');
            if (cp != 0 && cp <= 0x10FFFF) {
                if (f->nicons && strcmp(f->icons[f->nicons - 1].name, line) > 0) sorted = false;
                f->icons[f->nicons].name = line;
                f->icons[f->nicons].cp = (uint32_t)cp;
                f->nicons++;
            }
        }
        line = next;
    }
    if (!sorted) qsort(f->icons, f->nicons, sizeof *f->icons, icon_cmp);
    f->icon_names = malloc((f->nicons ? f->nicons : 1) * sizeof *f->icon_names);
    if (f->icon_names)
        for (size_t i = 0; i < f->nicons; i++) f->icon_names[i] = f->icons[i].name;
}

lp_fonts *fonts_new(const char *font_dir)
{
    lp_fonts *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->dir = dupstr(font_dir ? font_dir : "fonts");
    if (!f->dir) {
        free(f);
        return NULL;
    }
    pthread_mutex_init(&f->wlock, NULL);
    pthread_mutex_init(&f->slock, NULL);
    load_icons(f);
    return f;
}

void fonts_free(lp_fonts *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        hb_font_destroy(f->faces[i]->font);
        hb_face_destroy(f->faces[i]->sub_face);
        hb_face_destroy(f->faces[i]->face);
        hb_blob_destroy(f->faces[i]->blob);
        free(f->faces[i]->name);
        free(f->faces[i]->path);
        free(f->faces[i]->ps_name);
        free(f->faces[i]);
    }
    free(f->icons);
    free(f->icon_text);
    free(f->icon_names);
    wcache_clear(f);
    pthread_mutex_destroy(&f->wlock);
    for (size_t i = 0; i < SUBSET_KEEP; i++) {
        free(f->subsets[i].gids);
        free(f->subsets[i].data);
    }
    pthread_mutex_destroy(&f->slock);
    free(f->dir);
    free(f);
}

/* The face's PostScript name, for the PDF's BaseFont: printable ASCII
 * without PDF delimiters, else the file stem made so. */
typedef struct mapping {
    void *p;
    size_t len;
} mapping;

static void unmap(void *m)
{
    mapping *mp = m;
    munmap(mp->p, mp->len);
    free(mp);
}

/* The font file mapped read-only (an empty file: an empty blob).  Not
 * hb_blob_create_from_file: its mapping may be made writable in place, and
 * fonts_release_pages must only ever drop pages that are the file's. */
static hb_blob_t *map_font(const char *path, void **map, size_t *map_len)
{
    *map = NULL;
    *map_len = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > UINT_MAX) {
        close(fd);
        return NULL;
    }
    if (st.st_size == 0) {
        close(fd);
        return hb_blob_get_empty();
    }
    size_t len = (size_t)st.st_size;
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    mapping *mp = p == MAP_FAILED ? NULL : malloc(sizeof *mp);
    if (!mp) {
        if (p != MAP_FAILED) munmap(p, len);
        return NULL;
    }
    *mp = (mapping){p, len};
    hb_blob_t *blob = hb_blob_create_or_fail(p, (unsigned)len, HB_MEMORY_MODE_READONLY, mp, unmap);
    if (!blob) return NULL; /* unmap has run */
    *map = p;
    *map_len = len;
    return blob;
}

static char *ps_name(hb_face_t *hface, const char *stem)
{
    char buf[64];
    unsigned len = sizeof buf;
    if (!hb_ot_name_get_utf8(hface, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf))
        buf[0] = 0;
    const char *src = buf[0] ? buf : stem;
    char out[64];
    size_t n = 0;
    for (const char *c = src; *c && n + 1 < sizeof out; c++)
        if (*c > 0x20 && *c < 0x7f && !strchr("()<>[]{}/%#", *c)) out[n++] = *c;
    out[n] = 0;
    return dupstr(n ? out : "Font");
}

int fonts_face(lp_fonts *f, const char *name, lp_diag *d)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->faces[i]->name, name) == 0) return (int)i;
    if (strchr(name, '/') || strstr(name, "..")) {
        diag_error(d, f->dir, 0, 0, "write the file name without .ttf, e.g. NotoSans-Regular",
                   "font name '%s' is not a plain file name", name);
        return -1;
    }
    if (f->n == FONTS_MAX) {
        diag_error(d, f->dir, 0, 0, NULL, "too many font faces (at most %d)", FONTS_MAX);
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.ttf", f->dir, name);
    void *map;
    size_t map_len;
    hb_blob_t *blob = map_font(path, &map, &map_len);
    if (!blob) {
        diag_error(d, path, 0, 0, "fonts live in fonts/ as <name>.ttf",
                   "cannot read font '%s'", name);
        return -1;
    }
    hb_face_t *hface = hb_face_create(blob, 0);
    if (hb_face_get_glyph_count(hface) == 0) {
        diag_error(d, path, 0, 0, NULL, "'%s' is not a TrueType font", name);
        hb_face_destroy(hface);
        hb_blob_destroy(blob);
        return -1;
    }
    face *fc = calloc(1, sizeof *fc);
    if (!fc) {
        diag_error(d, path, 0, 0, NULL, "out of memory loading font '%s'", name);
        hb_face_destroy(hface);
        hb_blob_destroy(blob);
        return -1;
    }
    f->faces[f->n] = fc;
    fc->name = dupstr(name);
    fc->path = dupstr(path);
    fc->blob = blob;
    fc->map = map;
    fc->map_len = map_len;
    fc->face = hface;
    fc->font = hb_font_create(hface);
    fc->upem = hb_face_get_upem(hface);
    hb_font_set_scale(fc->font, (int)fc->upem, (int)fc->upem);
    hb_font_make_immutable(fc->font);
    hb_font_extents_t ext;
    hb_font_get_h_extents(fc->font, &ext);
    fc->ascender = ext.ascender;
    fc->descender = ext.descender;
    hb_position_t pos;
    fc->cap_height = hb_ot_metrics_get_position(fc->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &pos)
                         ? pos
                         : 0.7 * fc->upem;
    fc->ps_name = ps_name(hface, name);
    fc->x_height = hb_ot_metrics_get_position(fc->font, HB_OT_METRICS_TAG_X_HEIGHT, &pos)
                       ? pos
                       : 0.5 * fc->upem;
    return (int)f->n++;
}

const char *fonts_name(const lp_fonts *f, int i) { return f->faces[i]->name; }
size_t fonts_count(const lp_fonts *f) { return f->n; }

static double scale(const lp_fonts *f, int i, double units, double size)
{
    return units * size / f->faces[i]->upem;
}

double fonts_ascender(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i]->ascender, size);
}
double fonts_descender(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i]->descender, size);
}
double fonts_cap_height(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i]->cap_height, size);
}
double fonts_x_height(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i]->x_height, size);
}

static hb_buffer_t *shape(const lp_fonts *f, int i, const char *text, size_t len)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf, hb_language_from_string("en", -1));
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    /* The font's default features: kerning, and ligatures, which the PDF
     * maps back to their letters in its ToUnicode map. */
    hb_shape(f->faces[i]->font, buf, NULL, 0);
    return buf;
}

/* ------------------------------------------------------------ the cache */

static void wcache_clear(lp_fonts *f)
{
    for (wchunk *c = f->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    f->chunks = NULL;
    free(f->wcache);
    f->wcache = NULL;
    f->wslots = f->wused = f->wbytes = 0;
}

static uint64_t word_hash(int fi, const char *text, size_t len)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned)fi;
    for (size_t k = 0; k < len; k++) h = (h ^ (unsigned char)text[k]) * 1099511628211ull;
    return h ? h : 1;
}

static const char *wrec_text(const wrec *w)
{
    return (const char *)(w->g + w->n);
}

/* The cached word, or NULL.  Caller holds the lock. */
static const wrec *wcache_find(const lp_fonts *f, uint64_t h, int fi, const char *text, size_t len)
{
    if (!f->wslots) return NULL;
    for (size_t k = h & (f->wslots - 1);; k = (k + 1) & (f->wslots - 1)) {
        const wslot *s = &f->wcache[k];
        if (!s->hash) return NULL;
        if (s->hash == h && s->rec->face == fi && s->rec->len == len &&
            memcmp(wrec_text(s->rec), text, len) == 0)
            return s->rec;
    }
}

static bool wcache_grow(lp_fonts *f)
{
    size_t n = f->wslots ? f->wslots * 2 : WCACHE_SLOTS0;
    wslot *t = calloc(n, sizeof *t);
    if (!t) return false;
    for (size_t i = 0; i < f->wslots; i++) {
        if (!f->wcache[i].hash) continue;
        size_t k = f->wcache[i].hash & (n - 1);
        while (t[k].hash) k = (k + 1) & (n - 1);
        t[k] = f->wcache[i];
    }
    free(f->wcache);
    f->wcache = t;
    f->wslots = n;
    return true;
}

/* Room for a record in the chunks, or NULL. */
static void *wcache_alloc(lp_fonts *f, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    wchunk *c = f->chunks;
    if (!c || c->used + size > WCACHE_CHUNK - sizeof *c) {
        if (size > WCACHE_CHUNK - sizeof *c) return NULL;
        c = malloc(WCACHE_CHUNK);
        if (!c) return NULL;
        c->next = f->chunks;
        c->used = 0;
        f->chunks = c;
        f->wbytes += WCACHE_CHUNK;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

/* Keeps a copy of a shaped word.  Caller holds the lock. */
static void wcache_put(lp_fonts *f, uint64_t h, int fi, const char *text, size_t len,
                       const lp_glyph *g, uint32_t n, int32_t units)
{
    if (wcache_find(f, h, fi, text, len)) return;
    if (f->wbytes >= WCACHE_MAX_BYTES) wcache_clear(f);
    if ((f->wused + 1) * 2 > f->wslots && !wcache_grow(f)) return;
    wrec *w = wcache_alloc(f, sizeof *w + n * sizeof *g + len);
    if (!w) return;
    w->face = fi;
    w->len = (uint32_t)len;
    w->n = n;
    w->units = units;
    memcpy(w->g, g, n * sizeof *g);
    memcpy((char *)(w->g + n), text, len);
    size_t k = h & (f->wslots - 1);
    while (f->wcache[k].hash) k = (k + 1) & (f->wslots - 1);
    f->wcache[k].hash = h;
    f->wcache[k].rec = w;
    f->wused++;
}

/* ----------------------------------------------------------- shaping */

/* Glyphs of one word (no spaces in it, or a single space), appended to
 * *out (grown with realloc-like arena copies by the caller's vector). */
typedef struct gvec {
    lp_glyph *v;
    size_t n, cap;
    int64_t units;
    lp_glyph local[64];
} gvec;

static bool gvec_reserve(gvec *gv, size_t more)
{
    if (gv->n + more <= gv->cap) return true;
    size_t cap = gv->cap * 2 > gv->n + more ? gv->cap * 2 : gv->n + more;
    lp_glyph *p = gv->v == gv->local ? malloc(cap * sizeof *p) : realloc(gv->v, cap * sizeof *p);
    if (!p) return false;
    if (gv->v == gv->local) memcpy(p, gv->local, gv->n * sizeof *p);
    gv->v = p;
    gv->cap = cap;
    return true;
}

static void gvec_free(gvec *gv)
{
    if (gv->v != gv->local) free(gv->v);
}

/* Shapes one word, from the cache when it is there, and appends its glyphs
 * (clusters offset by base) to gv; with want_glyphs false only the advance
 * and the count are kept. */
static bool shape_word(const lp_fonts *f, int i, const char *text, size_t len, uint32_t base,
                       gvec *gv, bool want_glyphs, size_t *count)
{
    lp_fonts *mf = (lp_fonts *)f; /* the cache is a pure memo of the font's data */
    bool cacheable = len <= WCACHE_WORD;
    uint64_t h = cacheable ? word_hash(i, text, len) : 0;
    if (cacheable) {
        pthread_mutex_lock(&mf->wlock);
        const wrec *w = wcache_find(f, h, i, text, len);
        bool ok = w != NULL;
        if (w) {
            gv->units += w->units;
            *count += w->n;
            if (want_glyphs) {
                ok = gvec_reserve(gv, w->n);
                for (uint32_t k = 0; ok && k < w->n; k++) {
                    gv->v[gv->n] = w->g[k];
                    gv->v[gv->n++].cluster += base;
                }
            }
        }
        pthread_mutex_unlock(&mf->wlock);
        if (w) return ok;
    }
    hb_buffer_t *buf = shape(f, i, text, len);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    size_t at = gv->n;
    bool ok = gvec_reserve(gv, n);
    int32_t units = 0;
    for (unsigned k = 0; ok && k < n; k++) {
        lp_glyph *g = &gv->v[at + k];
        g->gid = info[k].codepoint;
        g->cluster = info[k].cluster;
        g->advance = pos[k].x_advance;
        g->x_offset = pos[k].x_offset;
        g->y_offset = pos[k].y_offset;
        units += pos[k].x_advance;
    }
    hb_buffer_destroy(buf);
    if (!ok) return false;
    if (cacheable) {
        pthread_mutex_lock(&mf->wlock);
        wcache_put(mf, h, i, text, len, gv->v + at, n, units);
        pthread_mutex_unlock(&mf->wlock);
    }
    for (unsigned k = 0; k < n; k++) gv->v[at + k].cluster += base;
    if (want_glyphs) gv->n += n;
    gv->units += units;
    *count += n;
    return true;
}

/* Shapes text word by word: each run between spaces, and each space. */
static bool shape_text(const lp_fonts *f, int i, const char *text, size_t len, gvec *gv,
                       bool want_glyphs, size_t *count)
{
    gv->v = gv->local;
    gv->cap = sizeof gv->local / sizeof gv->local[0];
    gv->n = 0;
    gv->units = 0;
    *count = 0;
    for (size_t p = 0; p < len;) {
        size_t q = p + 1;
        if (text[p] != ' ')
            while (q < len && text[q] != ' ') q++;
        if (!shape_word(f, i, text + p, q - p, (uint32_t)p, gv, want_glyphs, count)) return false;
        p = q;
    }
    return true;
}

double fonts_width(const lp_fonts *f, int i, const char *text, size_t len, double size,
                   double tracking)
{
    if (len == 0) return 0;
    gvec gv;
    size_t n = 0;
    shape_text(f, i, text, len, &gv, false, &n);
    gvec_free(&gv);
    return scale(f, i, (double)gv.units, size) + (n > 1 ? tracking * (double)(n - 1) : 0);
}

bool fonts_has(const lp_fonts *f, int i, uint32_t cp)
{
    hb_codepoint_t gid;
    if (cp >= HAS_FAST) return hb_font_get_nominal_glyph(f->faces[i]->font, cp, &gid) != 0;
    /* The answers are remembered, behind a const lp_fonts: the face is
     * the same one, its cmap does not change. */
    face *fc = f->faces[i];
    uint64_t bit = (uint64_t)1 << (cp % 64);
    if (atomic_load_explicit(&fc->asked[cp / 64], memory_order_acquire) & bit)
        return (atomic_load_explicit(&fc->has[cp / 64], memory_order_relaxed) & bit) != 0;
    bool yes = hb_font_get_nominal_glyph(fc->font, cp, &gid) != 0;
    if (yes) atomic_fetch_or_explicit(&fc->has[cp / 64], bit, memory_order_relaxed);
    atomic_fetch_or_explicit(&fc->asked[cp / 64], bit, memory_order_release);
    return yes;
}

/* Characters that lay out as nothing and need no glyph of their own. */
static bool is_invisible(uint32_t cp)
{
    return cp == '\n' || cp == '\t' || cp == 0xAD || cp == 0x200B || cp == 0x200C ||
           cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

bool fonts_first_missing(const lp_fonts *f, int i, const char *text, size_t len, uint32_t *cp,
                         size_t *offset)
{
    size_t off = 0;
    uint32_t prev = 0; /* the character before, composed with its marks */
    while (off < len) {
        uint32_t c;
        int n = utf8_decode(text + off, len - off, &c);
        if (n == 0) {
            *cp = (unsigned char)text[off];
            *offset = off;
            return true;
        }
        if (!is_invisible(c) && !fonts_has(f, i, c)) {
            /* A combining mark the font lacks is still set when the letter
             * it follows composes with it into one the font has ("e" and
             * U+0308 are "ë", as text pasted from macOS often spells it):
             * HarfBuzz composes them when shaping. */
            hb_codepoint_t ab;
            if (prev && hb_unicode_compose(hb_unicode_funcs_get_default(), prev, c, &ab) && fonts_has(f, i, ab)) {
                prev = ab;
                off += (size_t)n;
                continue;
            }
            *cp = c;
            *offset = off;
            return true;
        }
        prev = c;
        off += (size_t)n;
    }
    return false;
}

size_t fonts_shape(const lp_fonts *f, int i, const char *text, size_t len, lp_arena *a,
                   lp_glyph **out)
{
    *out = NULL;
    if (len == 0) return 0;
    gvec gv;
    size_t n = 0;
    bool ok = shape_text(f, i, text, len, &gv, true, &n);
    if (ok) {
        *out = arena_alloc(a, (gv.n ? gv.n : 1) * sizeof **out);
        memcpy(*out, gv.v, gv.n * sizeof **out);
    }
    gvec_free(&gv);
    return ok ? gv.n : 0;
}

/* A subset made before: copies its data and ids out.  Caller holds slock. */
static bool subset_find(const lp_fonts *f, int i, const uint32_t *gids, size_t n, uint32_t *new_gids,
                        unsigned char **data, size_t *len)
{
    for (size_t k = 0; k < SUBSET_KEEP; k++) {
        const subset *s = &f->subsets[k];
        if (!s->data || s->face != i || s->n != n || memcmp(s->gids, gids, n * sizeof *gids) != 0) continue;
        if (!(*data = malloc(s->len))) return false;
        memcpy(*data, s->data, s->len);
        *len = s->len;
        memcpy(new_gids, s->new_gids, n * sizeof *new_gids);
        return true;
    }
    return false;
}

/* Keeps a copy of a subset just made, in place of the oldest.  Caller
 * holds slock. */
static void subset_keep(lp_fonts *f, int i, const uint32_t *gids, size_t n, const uint32_t *new_gids,
                        const unsigned char *data, size_t len)
{
    if (len > SUBSET_MAX_BYTES / 4) return;
    subset *s = &f->subsets[f->next_subset];
    f->next_subset = (f->next_subset + 1) % SUBSET_KEEP;
    f->subset_bytes -= s->len;
    free(s->gids);
    free(s->data);
    memset(s, 0, sizeof *s);
    /* The oldest go until the new one fits. */
    for (size_t k = 0; f->subset_bytes + len > SUBSET_MAX_BYTES && k < SUBSET_KEEP; k++) {
        subset *o = &f->subsets[(f->next_subset + k) % SUBSET_KEEP];
        f->subset_bytes -= o->len;
        free(o->gids);
        free(o->data);
        memset(o, 0, sizeof *o);
    }
    uint32_t *ids = malloc(2 * (n ? n : 1) * sizeof *ids);
    unsigned char *copy = malloc(len);
    if (!ids || !copy) {
        free(ids);
        free(copy);
        return;
    }
    memcpy(ids, gids, n * sizeof *ids);
    memcpy(ids + n, new_gids, n * sizeof *ids);
    memcpy(copy, data, len);
    *s = (subset){i, n, ids, ids + n, copy, len};
    f->subset_bytes += len;
}

static int make_subset(const lp_fonts *f, int i, const uint32_t *gids, size_t n, uint32_t *new_gids,
                       unsigned char **data, size_t *len, lp_diag *d);

/* HarfBuzz's subsetter maps every code point of the font's cmap to its
 * glyph (to keep the cmap entries of the glyphs asked for) even when the
 * cmap is dropped, as here: the PDF draws glyph ids.  That was three fifths
 * of each subset's cost.  So it is handed a second, private mapping of the
 * file whose table directory gives the cmap no length: every other table
 * is read where it is, and the subset comes out byte for byte the same.
 * Only the directory's page is copied, and fonts_release_pages leaves it.
 * Any file not laid out as a single TrueType font is subset as it is. */
static void subset_view(face *fc)
{
    if (fc->sub_face) return;
    fc->sub_face = hb_face_reference(fc->face); /* unless the view below is made */
    int fd = open(fc->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    void *p = MAP_FAILED;
    size_t len = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size == fc->map_len && fc->map_len >= 12) {
        len = fc->map_len;
        p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    }
    close(fd);
    if (p == MAP_FAILED) return;
    unsigned char *b = p;
    uint32_t version = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    size_t ntables = (size_t)b[4] << 8 | b[5];
    bool hidden = false;
    /* Only a directory the first page holds, of a file that is the same
     * size as the one the face was made from, and byte for byte the same
     * there (the file was not replaced meanwhile). */
    if ((version == 0x00010000u || version == 0x74727565u /* 'true' */) && 12 + 16 * ntables <= 4096 &&
        12 + 16 * ntables <= len && memcmp(b, fc->map, 12 + 16 * ntables) == 0) {
        for (size_t k = 0; k < ntables; k++) {
            unsigned char *rec = b + 12 + 16 * k;
            if (memcmp(rec, "cmap", 4) == 0) {
                memset(rec + 12, 0, 4); /* its length */
                hidden = true;
            }
        }
    }
    mapping *mp = hidden ? malloc(sizeof *mp) : NULL;
    if (!mp) {
        munmap(p, len);
        return;
    }
    *mp = (mapping){p, len};
    hb_blob_t *blob = hb_blob_create_or_fail(p, (unsigned)len, HB_MEMORY_MODE_READONLY, mp, unmap);
    if (!blob) return; /* unmap has run */
    hb_face_t *view = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(view) != hb_face_get_glyph_count(fc->face)) {
        hb_face_destroy(view);
        return;
    }
    hb_face_destroy(fc->sub_face);
    fc->sub_face = view;
    fc->sub_map = p;
    fc->sub_map_len = len;
}

int fonts_subset(const lp_fonts *f, int i, const uint32_t *gids, size_t n, uint32_t *new_gids,
                 unsigned char **data, size_t *len, lp_diag *d)
{
    lp_fonts *mf = (lp_fonts *)f; /* the cache is a pure memo of the font's data */
    *data = NULL;
    *len = 0;
    pthread_mutex_lock(&mf->slock);
    bool hit = subset_find(f, i, gids, n, new_gids, data, len);
    if (!hit) subset_view(mf->faces[i]);
    pthread_mutex_unlock(&mf->slock);
    if (hit) return 0;
    int rc = make_subset(f, i, gids, n, new_gids, data, len, d);
    if (rc == 0) {
        pthread_mutex_lock(&mf->slock);
        subset_keep(mf, i, gids, n, new_gids, *data, *len);
        pthread_mutex_unlock(&mf->slock);
    }
    return rc;
}

static int make_subset(const lp_fonts *f, int i, const uint32_t *gids, size_t n, uint32_t *new_gids,
                       unsigned char **data, size_t *len, lp_diag *d)
{
    *data = NULL;
    *len = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        diag_error(d, f->faces[i]->path, 0, 0, NULL, "out of memory subsetting font");
        return -1;
    }
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (size_t k = 0; k < n; k++) hb_set_add(glyphs, gids[k]);
    /* No code point is asked for: the PDF draws glyph ids, so the subset
     * needs no cmap entries.  Hinting does nothing in print or in a
     * viewer's anti-aliased rendering. */
    hb_set_clear(hb_subset_input_unicode_set(in));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* Shaping is done before the PDF is written, so the embedded copy needs
     * no layout tables, and a PDF reader needs none of the others. */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const dropped[] = {"GSUB", "GPOS", "GDEF", "kern", "DSIG", "STAT", "name",
                                          "OS/2", "post", "cmap", "gasp", "meta", "vhea", "vmtx",
                                          "VORG", "BASE", "JSTF", "MATH", "hdmx", "LTSH", "VDMX"};
    for (size_t k = 0; k < sizeof dropped / sizeof dropped[0]; k++)
        hb_set_add(drop, hb_tag_from_string(dropped[k], 4));
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->faces[i]->sub_face, in);
    hb_subset_input_destroy(in);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    if (!sub) {
        hb_subset_plan_destroy(plan);
        diag_error(d, f->faces[i]->path, 0, 0, NULL, "cannot subset font '%s'", f->faces[i]->name);
        return -1;
    }
    const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        new_gids[k] = hb_map_get(map, gids[k]);
        if (new_gids[k] == HB_MAP_VALUE_INVALID) rc = -1;
    }
    hb_subset_plan_destroy(plan);
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned blen = 0;
    const char *bytes = hb_blob_get_data(blob, &blen);
    if (rc == 0 && bytes && blen && (*data = malloc(blen))) {
        memcpy(*data, bytes, blen);
        *len = blen;
    } else {
        rc = -1;
    }
    if (rc) diag_error(d, f->faces[i]->path, 0, 0, NULL, "cannot subset font '%s'", f->faces[i]->name);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}

double fonts_upem(const lp_fonts *f, int i)
{
    return f->faces[i]->upem;
}

unsigned fonts_glyph_count(const lp_fonts *f, int i)
{
    return hb_face_get_glyph_count(f->faces[i]->face);
}

int32_t fonts_glyph_advance(const lp_fonts *f, int i, uint32_t gid)
{
    return hb_font_get_glyph_h_advance(f->faces[i]->font, gid);
}

/* Big-endian fields of a table, 0 past its end. */
static int be16(const unsigned char *p, unsigned len, unsigned off)
{
    return off + 2 <= len ? (int16_t)(uint16_t)(p[off] << 8 | p[off + 1]) : 0;
}

static uint32_t be32(const unsigned char *p, unsigned len, unsigned off)
{
    return off + 4 <= len ? (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 |
                                (uint32_t)p[off + 2] << 8 | p[off + 3]
                          : 0;
}

void fonts_info(const lp_fonts *f, int i, lp_font_info *out)
{
    const face *fc = f->faces[i];
    memset(out, 0, sizeof *out);
    out->ps_name = fc->ps_name;
    out->upem = fc->upem;
    out->ascender = fc->ascender;
    out->descender = fc->descender;
    out->cap_height = fc->cap_height;
    out->x_height = fc->x_height;
    unsigned len;
    hb_blob_t *b = hb_face_reference_table(fc->face, HB_TAG('h', 'e', 'a', 'd'));
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &len);
    for (int k = 0; k < 4; k++) out->bbox[k] = be16(p, len, 36 + 2 * (unsigned)k);
    hb_blob_destroy(b);
    b = hb_face_reference_table(fc->face, HB_TAG('p', 'o', 's', 't'));
    p = (const unsigned char *)hb_blob_get_data(b, &len);
    out->italic_angle = (int32_t)be32(p, len, 4) / 65536.0;
    out->fixed_pitch = be32(p, len, 12) != 0;
    hb_blob_destroy(b);
    b = hb_face_reference_table(fc->face, HB_TAG('O', 'S', '/', '2'));
    p = (const unsigned char *)hb_blob_get_data(b, &len);
    out->weight = len >= 6 ? (uint16_t)be16(p, len, 4) : 400;
    int family = len >= 32 ? ((uint16_t)be16(p, len, 30)) >> 8 : 0;
    /* IBM family classes 1-5 and 7 are serif faces; without a class, the
     * PANOSE serif style says (2-10: serifs, 11-13: sans). */
    if (family) out->serif = family <= 5 || family == 7;
    else if (len >= 34 && p[32] == 2) out->serif = p[33] >= 2 && p[33] <= 10;
    out->italic = (len >= 64 && (p[63] & 1)) || out->italic_angle != 0;
    hb_blob_destroy(b);
    /* A face without the Latin letters is a symbol font (the icons). */
    out->symbolic = !fonts_has(f, i, 'a') || !fonts_has(f, i, 'A');
}

uint32_t fonts_icon(const lp_fonts *f, const char *name)
{
    if (!f->nicons || !name) return 0;
    icon key = {(char *)name, 0};
    const icon *hit = bsearch(&key, f->icons, f->nicons, sizeof *f->icons, icon_cmp);
    return hit ? hit->cp : 0;
}

const char *fonts_icon_suggest(const lp_fonts *f, const char *name)
{
    if (!f->icon_names) return NULL;
    return lp_closest(name, f->icon_names, f->nicons);
}


/* A document touches glyphs all over the font files (and the kernel maps
 * the 64 KB around each page touched), so over a batch nearly every page of
 * every face became resident: 3 MB.  Between documents the pages are let
 * go; they are the file's, unchanged, and fault in again from the page
 * cache when the next document reads them.  Another thread reading a face
 * meanwhile only faults its pages back in. */
void fonts_release_pages(const lp_fonts *f)
{
    if (!f) return;
    lp_fonts *mf = (lp_fonts *)f; /* the lock guards the subsetter's views */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    for (size_t i = 0; i < f->n; i++) {
        const face *fc = f->faces[i];
        if (fc->map) madvise(fc->map, fc->map_len, MADV_DONTNEED);
        /* Not the subsetter's directory page: it is its own copy.  Another
         * thread may be making the view (subset_view, under slock). */
        pthread_mutex_lock(&mf->slock);
        void *sub = fc->sub_map;
        size_t sub_len = fc->sub_map_len;
        pthread_mutex_unlock(&mf->slock);
        if (sub && page && sub_len > page)
            madvise((char *)sub + page, sub_len - page, MADV_DONTNEED);
    }
}
