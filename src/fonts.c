/* fonts.c — TrueType faces through HarfBuzz: metrics, kerned advances,
 * coverage, subsets for embedding, and the icon font's name table. */
#include "fonts.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONTS_MAX 64
#define ICON_MAP "lucide-codepoints.tsv"
/* Word widths are cached: the same words are measured again and again
 * (every relayout of a guide while its columns are balanced), and shaping
 * is most of the cost of setting text.  Direct-mapped, words up to
 * WCACHE_TEXT-1 bytes. */
#define WCACHE_SLOTS 8192
#define WCACHE_TEXT 96

typedef struct face {
    char *name, *path;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    double upem;
    double ascender, descender, cap_height, x_height; /* font units */
} face;

typedef struct icon {
    char *name;
    uint32_t cp;
} icon;

typedef struct wslot {
    int face; /* -1: empty */
    unsigned len;
    char text[WCACHE_TEXT];
    double units; /* advance in font units at upem, kerning included */
    unsigned glyphs;
} wslot;

struct lp_fonts {
    char *dir;
    wslot *wcache;
    pthread_mutex_t wlock;
    face faces[FONTS_MAX];
    size_t n;
    icon *icons;
    size_t nicons;
    const char **icon_names; /* for suggestions */
};

/* Ligatures would make one glyph stand for several characters, which the
 * PDF's one-code-per-glyph text mapping cannot express; kerning stays on. */
static const hb_feature_t shape_features[] = {
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

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

static void load_icons(lp_fonts *f)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", f->dir, ICON_MAP);
    FILE *fp = fopen(path, "r");
    if (!fp) return;
    size_t cap = 0;
    char line[256];
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        unsigned long cp = strtoul(tab + 1, NULL, 10);
        if (cp == 0 || cp > 0x10FFFF) continue;
        if (f->nicons == cap) {
            cap = cap ? cap * 2 : 1024;
            icon *p = realloc(f->icons, cap * sizeof *p);
            if (!p) break;
            f->icons = p;
        }
        char *name = dupstr(line);
        if (!name) break;
        f->icons[f->nicons].name = name;
        f->icons[f->nicons].cp = (uint32_t)cp;
        f->nicons++;
    }
    fclose(fp);
    if (f->nicons) qsort(f->icons, f->nicons, sizeof *f->icons, icon_cmp);
    f->icon_names = malloc((f->nicons ? f->nicons : 1) * sizeof *f->icon_names);
    if (f->icon_names)
        for (size_t i = 0; i < f->nicons; i++) f->icon_names[i] = f->icons[i].name;
}

lp_fonts *fonts_new(const char *font_dir)
{
    lp_fonts *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->dir = dupstr(font_dir ? font_dir : "fonts");
    f->wcache = malloc(WCACHE_SLOTS * sizeof *f->wcache);
    if (!f->dir || !f->wcache) {
        free(f->dir);
        free(f->wcache);
        free(f);
        return NULL;
    }
    for (size_t i = 0; i < WCACHE_SLOTS; i++) f->wcache[i].face = -1;
    pthread_mutex_init(&f->wlock, NULL);
    load_icons(f);
    return f;
}

void fonts_free(lp_fonts *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) {
        hb_font_destroy(f->faces[i].font);
        hb_face_destroy(f->faces[i].face);
        hb_blob_destroy(f->faces[i].blob);
        free(f->faces[i].name);
        free(f->faces[i].path);
    }
    for (size_t i = 0; i < f->nicons; i++) free(f->icons[i].name);
    free(f->icons);
    free(f->icon_names);
    free(f->wcache);
    pthread_mutex_destroy(&f->wlock);
    free(f->dir);
    free(f);
}

int fonts_face(lp_fonts *f, const char *name, lp_diag *d)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->faces[i].name, name) == 0) return (int)i;
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
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
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
    face *fc = &f->faces[f->n];
    memset(fc, 0, sizeof *fc);
    fc->name = dupstr(name);
    fc->path = dupstr(path);
    fc->blob = blob;
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
    fc->x_height = hb_ot_metrics_get_position(fc->font, HB_OT_METRICS_TAG_X_HEIGHT, &pos)
                       ? pos
                       : 0.5 * fc->upem;
    return (int)f->n++;
}

const char *fonts_name(const lp_fonts *f, int i) { return f->faces[i].name; }
const char *fonts_path(const lp_fonts *f, int i) { return f->faces[i].path; }
size_t fonts_count(const lp_fonts *f) { return f->n; }

static double scale(const lp_fonts *f, int i, double units, double size)
{
    return units * size / f->faces[i].upem;
}

double fonts_ascender(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i].ascender, size);
}
double fonts_descender(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i].descender, size);
}
double fonts_cap_height(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i].cap_height, size);
}
double fonts_x_height(const lp_fonts *f, int i, double size)
{
    return scale(f, i, f->faces[i].x_height, size);
}

static hb_buffer_t *shape(const lp_fonts *f, int i, const char *text, size_t len)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf, hb_language_from_string("en", -1));
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(f->faces[i].font, buf, shape_features,
             sizeof shape_features / sizeof shape_features[0]);
    return buf;
}

static size_t wslot_index(int fi, const char *text, size_t len)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)fi;
    for (size_t k = 0; k < len; k++) h = (h ^ (unsigned char)text[k]) * 1099511628211ull;
    return (size_t)(h % WCACHE_SLOTS);
}

double fonts_width(const lp_fonts *f, int i, const char *text, size_t len, double size,
                   double tracking)
{
    if (len == 0) return 0;
    /* The cache is a pure memo of the font's data; the lock only guards
     * concurrent builds sharing the table. */
    lp_fonts *mf = (lp_fonts *)f;
    bool cacheable = len < WCACHE_TEXT;
    size_t slot = cacheable ? wslot_index(i, text, len) : 0;
    double units = 0;
    unsigned n = 0;
    bool hit = false;
    if (cacheable) {
        pthread_mutex_lock(&mf->wlock);
        const wslot *w = &f->wcache[slot];
        if (w->face == i && w->len == len && memcmp(w->text, text, len) == 0) {
            units = w->units;
            n = w->glyphs;
            hit = true;
        }
        pthread_mutex_unlock(&mf->wlock);
    }
    if (!hit) {
        hb_buffer_t *buf = shape(f, i, text, len);
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
        for (unsigned g = 0; g < n; g++) units += pos[g].x_advance;
        hb_buffer_destroy(buf);
        if (cacheable) {
            pthread_mutex_lock(&mf->wlock);
            wslot *w = &mf->wcache[slot];
            w->face = i;
            w->len = (unsigned)len;
            memcpy(w->text, text, len);
            w->units = units;
            w->glyphs = n;
            pthread_mutex_unlock(&mf->wlock);
        }
    }
    return scale(f, i, units, size) + (n > 1 ? tracking * (n - 1) : 0);
}

bool fonts_has(const lp_fonts *f, int i, uint32_t cp)
{
    hb_codepoint_t gid;
    return hb_font_get_nominal_glyph(f->faces[i].font, cp, &gid) != 0;
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
    while (off < len) {
        uint32_t c;
        int n = utf8_decode(text + off, len - off, &c);
        if (n == 0) {
            *cp = (unsigned char)text[off];
            *offset = off;
            return true;
        }
        if (!is_invisible(c) && !fonts_has(f, i, c)) {
            *cp = c;
            *offset = off;
            return true;
        }
        off += (size_t)n;
    }
    return false;
}

size_t fonts_shape(const lp_fonts *f, int i, const char *text, size_t len, double size,
                   lp_arena *a, lp_glyph **out)
{
    *out = NULL;
    if (len == 0) return 0;
    hb_buffer_t *buf = shape(f, i, text, len);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    lp_glyph *g = arena_alloc(a, (n ? n : 1) * sizeof *g);
    for (unsigned k = 0; k < n; k++) {
        uint32_t cp = 0;
        utf8_decode(text + info[k].cluster, len - info[k].cluster, &cp);
        g[k].gid = info[k].codepoint;
        g[k].cp = cp;
        g[k].advance = scale(f, i, pos[k].x_advance, size);
        g[k].x_offset = scale(f, i, pos[k].x_offset, size);
        g[k].cluster = info[k].cluster;
    }
    hb_buffer_destroy(buf);
    *out = g;
    return n;
}

int fonts_subset(const lp_fonts *f, int i, const uint32_t *cps, size_t ncps,
                 unsigned char **data, size_t *len, lp_diag *d)
{
    *data = NULL;
    *len = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        diag_error(d, f->faces[i].path, 0, 0, NULL, "out of memory subsetting font");
        return -1;
    }
    hb_set_t *uni = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < ncps; k++) hb_set_add(uni, cps[k]);
    /* Glyph ids keep their numbers: libharu re-reads the embedded font and
     * copies glyphs by the ids it has seen, and with renumbered ids its
     * copy fails on some documents (libharu error 0x1033).  Hinting does
     * nothing in print or in a viewer's anti-aliased rendering. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS);
    /* Shaping is done before the PDF is written, so the embedded copy needs
     * no layout tables; neither does a PDF reader need the naming table. */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const dropped[] = {"GSUB", "GPOS", "GDEF", "kern", "DSIG", "STAT"};
    for (size_t k = 0; k < sizeof dropped / sizeof dropped[0]; k++)
        hb_set_add(drop, hb_tag_from_string(dropped[k], 4));
    hb_face_t *sub = hb_subset_or_fail(f->faces[i].face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        diag_error(d, f->faces[i].path, 0, 0, NULL, "cannot subset font '%s'", f->faces[i].name);
        return -1;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned blen = 0;
    const char *bytes = hb_blob_get_data(blob, &blen);
    int rc = -1;
    if (bytes && blen) {
        *data = malloc(blen);
        if (*data) {
            memcpy(*data, bytes, blen);
            *len = blen;
            rc = 0;
        }
    }
    if (rc) diag_error(d, f->faces[i].path, 0, 0, NULL, "empty subset of '%s'", f->faces[i].name);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
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
