/* layout_spec.c — layouts/<name>.yaml + layouts/themes/<audience>.yaml.
 *
 * Everything that can be checked without a document is checked at load time
 * (colours, fonts, every style, the theme's contrast pairs), and the results
 * are kept, so a loaded spec is read-only and documents may share it across
 * threads.
 */
#include "layout_spec.h"

#include "layout_schema.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPEC_MAX_BYTES (256u * 1024u)
#define SPEC_MAX_BASE_DEPTH 16
#define SPEC_MAX_LEN_PT (2000.0 * LP_PT_PER_MM) /* larger than any sheet leafpress prints (A0 is 1189mm) */
#define SPEC_MAX_NUM 1e6                         /* sizes, ratios, counts: far beyond any real value */
#define SPEC_MAX_NAMES 256 /* layout files offered as suggestions */

typedef struct color_ent {
    const char *name;
    lp_color c;
} color_ent;

typedef struct face_ent {
    const char *family, *weight;
    int face;
} face_ent;

typedef struct style_ent {
    const char *name;
    lp_style st;
    const char *family, *weight;
    bool hyph_set, hyph;
    int state; /* 0 unresolved, 1 resolving (cycle check), 2 done, 3 failed */
} style_ent;

#define SPEC_MAX_EXTENDS 4

/* Each file of a layout as written, for the schema check (a merged tree
 * would lose which file a key came from). */
typedef struct layout_files {
    const char *path[SPEC_MAX_EXTENDS + 1];
    const yt_node *root[SPEC_MAX_EXTENDS + 1];
    int n;
} layout_files;

/* Every dotted path of the layout and the theme, looked up by hash once
 * the spec is loaded: a document asks for keys about a thousand times, and
 * walking the trees segment by segment, and reading lengths again, was a
 * twentieth of a guide.  Kept small (24 bytes a slot, the paths in one
 * pool): a batch holds a spec for each layout and audience it builds. */
typedef struct path_ent {
    const yt_node *node; /* NULL: a free slot */
    uint32_t key;        /* offset of the path in the pool */
    bool theme;          /* found in the theme, not the layout */
    bool is_len;         /* node is a length: len, in points */
    double len;
} path_ent;

struct lp_spec {
    lp_arena *a;
    const char *layout_path, *theme_path;
    const yt_node *layout, *theme;
    path_ent *paths; /* npaths slots, a power of two; NULL until loaded */
    size_t npaths;
    char *pool;      /* the paths, each NUL-terminated */
    size_t pool_len;
    bool paths_partial; /* a path too deep or long to index: a miss walks the trees */
    bool hyphenate; /* "hyphenate:" of the theme and of the layout */
    bool italic;    /* "italic:" of the theme and of the layout */
    double min_text; /* the larger "min-text:" of the theme and the layout */
    LP_VEC(color_ent) colors;
    LP_VEC(face_ent) faces;
    LP_VEC(style_ent) styles;
    layout_files files; /* the layout's own file, then those it extends */
};

static const char *const style_keys[] = {"base",  "font",     "weight",   "size",  "leading",
                                         "color", "strong",   "link",     "before", "after",
                                         "tracking", "caps", "hyphenate", "align", "sense", "number"};
#define NSTYLE_KEYS (sizeof style_keys / sizeof style_keys[0])

static const char *const align_names[] = {"left", "justify", "center", "right"};

/* ------------------------------------------------------------ lookups */

static uint32_t path_hash(const char *k)
{
    uint32_t h = 2166136261u;
    for (; *k; k++) h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

static path_ent *path_slot(const lp_spec *s, const char *key)
{
    size_t mask = s->npaths - 1;
    for (size_t i = path_hash(key) & mask;; i = (i + 1) & mask)
        if (!s->paths[i].node || strcmp(s->pool + s->paths[i].key, key) == 0) return &s->paths[i];
}

#define PATH_MAX_DEPTH 32
#define PATH_MAX_LEN 512

/* Counts the paths under n, prefix[0..plen), and their bytes (s->paths
 * NULL), or enters them. */
static size_t index_paths(lp_spec *s, const yt_node *n, char *prefix, size_t plen, int depth, bool theme,
                          size_t *bytes)
{
    if (!n || (n->kind != YT_MAP && n->kind != YT_SEQ)) return 0;
    if (depth >= PATH_MAX_DEPTH) {
        s->paths_partial = true;
        return 0;
    }
    size_t count = 0;
    for (size_t i = 0; i < n->n; i++) {
        char num[24];
        const char *k = num;
        if (n->kind == YT_MAP)
            k = n->keys[i]->scalar;
        else
            snprintf(num, sizeof num, "%zu", i);
        size_t kl = strlen(k);
        /* yt_path never reaches a key with a dot in it, an empty one or
         * one of 128 bytes or more */
        if (kl == 0 || kl >= 128 || strchr(k, '.')) continue;
        if (plen + 1 + kl >= PATH_MAX_LEN) {
            s->paths_partial = true;
            continue;
        }
        size_t l = plen;
        if (l) prefix[l++] = '.';
        memcpy(prefix + l, k, kl + 1);
        count++;
        if (!s->paths) {
            *bytes += l + kl + 1;
        } else {
            path_ent *e = path_slot(s, prefix);
            if (!e->node) { /* the layout's first: it wins over the theme */
                memcpy(s->pool + s->pool_len, prefix, l + kl + 1);
                e->key = (uint32_t)s->pool_len;
                s->pool_len += l + kl + 1;
                e->node = n->vals[i];
                e->theme = theme;
                e->is_len = n->vals[i]->kind == YT_SCALAR && spec_parse_len(n->vals[i]->scalar, &e->len);
            }
        }
        count += index_paths(s, n->vals[i], prefix, l + kl, depth + 1, theme, bytes);
        prefix[plen] = '\0';
    }
    return count;
}

static void index_spec(lp_spec *s)
{
    char prefix[PATH_MAX_LEN];
    prefix[0] = '\0';
    size_t bytes = 0;
    size_t n = index_paths(s, s->layout, prefix, 0, 0, false, &bytes) +
               index_paths(s, s->theme, prefix, 0, 0, true, &bytes);
    if (bytes >= UINT32_MAX) return; /* the trees are walked */
    size_t slots = 16;
    while (slots < n + n / 2) slots *= 2;
    s->pool = arena_alloc(s->a, bytes ? bytes : 1);
    s->paths = arena_alloc(s->a, slots * sizeof *s->paths);
    s->npaths = slots;
    index_paths(s, s->layout, prefix, 0, 0, false, &bytes);
    index_paths(s, s->theme, prefix, 0, 0, true, &bytes);
}

/* An index segment with a leading zero ("panels.02"), which yt_path reads
 * as a number and the index does not hold. */
static bool odd_segment(const char *dotted)
{
    for (const char *p = dotted; *p; p++)
        if (*p == '0' && (p == dotted || p[-1] == '.') && p[1] >= '0' && p[1] <= '9') return true;
    return false;
}

/* The node at dotted, layout first; *file says where it came from. */
static const yt_node *lookup(const lp_spec *s, const char *dotted, const char **file)
{
    if (s->paths && dotted) {
        const path_ent *e = path_slot(s, dotted);
        if (e->node) {
            *file = e->theme ? s->theme_path : s->layout_path;
            return e->node;
        }
        if (!s->paths_partial && !odd_segment(dotted)) {
            *file = s->theme_path;
            return NULL;
        }
    }
    const yt_node *n = yt_path(s->layout, dotted);
    if (n) {
        *file = s->layout_path;
        return n;
    }
    n = yt_path(s->theme, dotted);
    *file = s->theme_path;
    return n;
}

static const char *main_file(const lp_spec *s) { return s->layout_path ? s->layout_path : s->theme_path; }

static void missing(const lp_spec *s, const char *dotted, lp_diag *d)
{
    /* Said at the file's start: the key has no line of its own. */
    diag_error(d, main_file(s), 1, 1, "add it to the layout or its theme", "missing '%s'", dotted);
}

bool spec_parse_len(const char *text, double *pt)
{
    if (!text) return false;
    const char *p = text;
    if (*p == '-') p++;
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))) return false;
    char *end;
    double v = strtod(text, &end);
    if (end == text || !isfinite(v)) return false;
    double scale;
    if (strcmp(end, "mm") == 0)
        scale = LP_PT_PER_MM;
    else if (strcmp(end, "cm") == 0)
        scale = 10.0 * LP_PT_PER_MM;
    else if (strcmp(end, "in") == 0)
        scale = 72.0;
    else if (strcmp(end, "pt") == 0)
        scale = 1.0;
    else
        return false;
    /* strtod also reads "1e3" and hex; a length is plain decimal */
    for (const char *q = p; q < end; q++)
        if (!((*q >= '0' && *q <= '9') || *q == '.')) return false;
    if (fabs(v * scale) > SPEC_MAX_LEN_PT) return false;
    *pt = v * scale;
    return true;
}

static bool parse_num(const char *text, double *v)
{
    if (!text || !*text) return false;
    char *end;
    double x = strtod(text, &end);
    if (*end != '\0' || !isfinite(x) || fabs(x) > SPEC_MAX_NUM || text[0] == ' ') return false;
    *v = x;
    return true;
}

static bool node_len(const yt_node *n, const char *file, const char *what, double *pt, lp_diag *d)
{
    if (n->kind == YT_SCALAR && spec_parse_len(n->scalar, pt)) return true;
    diag_error(d, file, n->line, n->col, "write 15mm or 10pt", "'%s' must be a length with a unit, not '%s'", what,
               n->kind == YT_SCALAR ? n->scalar : n->kind == YT_MAP ? "a map" : "a list");
    return false;
}

static bool node_num(const yt_node *n, const char *file, const char *what, double *v, lp_diag *d)
{
    if (n->kind == YT_SCALAR && !n->quoted && parse_num(n->scalar, v)) return true;
    diag_error(d, file, n->line, n->col, "write a plain number such as 0.08", "'%s' must be a number", what);
    return false;
}

static bool node_bool(const yt_node *n, const char *file, const char *what, bool *v, lp_diag *d)
{
    if (n->kind == YT_SCALAR && !n->quoted) {
        if (strcmp(n->scalar, "true") == 0 || strcmp(n->scalar, "false") == 0) {
            *v = n->scalar[0] == 't';
            return true;
        }
    }
    diag_error(d, file, n->line, n->col, "write true or false", "'%s' must be true or false", what);
    return false;
}

static bool node_str(const yt_node *n, const char *file, const char *what, const char **v, lp_diag *d)
{
    if (n->kind == YT_SCALAR) {
        *v = n->scalar;
        return true;
    }
    diag_error(d, file, n->line, n->col, "write it on one line after the key", "'%s' must be text, not a %s", what,
               n->kind == YT_MAP ? "map" : "list");
    return false;
}

static void hint_closest(char *hint, size_t size, const char *word, const char *const *cands, size_t n)
{
    const char *near = lp_closest(word, cands, n);
    if (near)
        snprintf(hint, size, "did you mean '%s'?", near);
    else
        hint[0] = '\0';
}

/* ------------------------------------------------------------- colours */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool inline_color(const yt_node *n, const char *file, lp_color *c, lp_diag *d)
{
    const yt_node *rgb = yt_get(n, "rgb"), *cmyk = yt_get(n, "cmyk");
    for (size_t i = 0; i < n->n; i++) {
        const char *k = n->keys[i]->scalar;
        if (strcmp(k, "rgb") != 0 && strcmp(k, "cmyk") != 0) {
            diag_error(d, file, n->keys[i]->line, n->keys[i]->col, "a colour has 'rgb' and 'cmyk'",
                       "unknown colour key '%s'", k);
            return false;
        }
    }
    if (!rgb || !cmyk) {
        diag_error(d, file, n->line, n->col, "give both, e.g. { rgb: \"#14284B\", cmyk: [95, 78, 31, 49] }",
                   "a colour needs both 'rgb' and 'cmyk'");
        return false;
    }
    const char *h = rgb->kind == YT_SCALAR ? rgb->scalar : "";
    int v[6];
    bool ok = strlen(h) == 7 && h[0] == '#';
    for (int i = 0; ok && i < 6; i++) ok = (v[i] = hexval(h[i + 1])) >= 0;
    if (!ok) {
        diag_error(d, file, rgb->line, rgb->col, "write \"#RRGGBB\" in quotes", "bad rgb value");
        return false;
    }
    c->r = (float)(v[0] * 16 + v[1]) / 255.0f;
    c->g = (float)(v[2] * 16 + v[3]) / 255.0f;
    c->b = (float)(v[4] * 16 + v[5]) / 255.0f;
    double q[4];
    ok = cmyk->kind == YT_SEQ && cmyk->n == 4;
    for (size_t i = 0; ok && i < 4; i++)
        ok = cmyk->vals[i]->kind == YT_SCALAR && parse_num(cmyk->vals[i]->scalar, &q[i]) && q[i] >= 0 &&
             q[i] <= 100;
    if (!ok) {
        diag_error(d, file, cmyk->line, cmyk->col, "write four percentages, e.g. [95, 78, 31, 49]",
                   "bad cmyk value");
        return false;
    }
    c->c = (float)(q[0] / 100);
    c->m = (float)(q[1] / 100);
    c->y = (float)(q[2] / 100);
    c->k = (float)(q[3] / 100);
    c->name = NULL;
    return true;
}

static const color_ent *find_color(const lp_spec *s, const char *token)
{
    for (size_t i = s->colors.n; i-- > 0;)
        if (strcmp(s->colors.v[i].name, token) == 0) return &s->colors.v[i];
    return NULL;
}

static void color_hint(const lp_spec *s, const char *token, char *hint, size_t size)
{
    const char *names[SPEC_MAX_NAMES];
    size_t n = 0;
    for (size_t i = 0; i < s->colors.n && n < SPEC_MAX_NAMES; i++) names[n++] = s->colors.v[i].name;
    hint_closest(hint, size, token, names, n);
    if (!hint[0]) snprintf(hint, size, "name a token from the theme's 'colors:'");
}

/* A token ("navy") or an inline { rgb, cmyk }. */
static bool node_color(const lp_spec *s, const yt_node *n, const char *file, lp_color *c, lp_diag *d)
{
    if (n->kind == YT_MAP) return inline_color(n, file, c, d);
    if (n->kind == YT_SCALAR) {
        const color_ent *e = find_color(s, n->scalar);
        if (e) {
            *c = e->c;
            return true;
        }
        char hint[96];
        color_hint(s, n->scalar, hint, sizeof hint);
        diag_error(d, file, n->line, n->col, hint, "unknown colour '%s'", n->scalar);
        return false;
    }
    diag_error(d, file, n->line, n->col, "name a colour token, e.g. navy", "a colour cannot be a list");
    return false;
}

static void load_colors(lp_spec *s, const yt_node *root, const char *file, lp_diag *d)
{
    const yt_node *m = yt_get(root, "colors");
    if (!m) return;
    if (m->kind != YT_MAP) {
        diag_error(d, file, m->line, m->col, "write one 'token: { rgb: ..., cmyk: [...] }' a line",
                   "'colors' must be a map");
        return;
    }
    for (size_t i = 0; i < m->n; i++) {
        const yt_node *v = m->vals[i];
        color_ent e = {.name = m->keys[i]->scalar};
        if (v->kind != YT_MAP) {
            diag_error(d, file, v->line, v->col, "write { rgb: \"#RRGGBB\", cmyk: [c, m, y, k] }",
                       "colour '%s' must be a map", e.name);
            continue;
        }
        if (!inline_color(v, file, &e.c, d)) continue;
        e.c.name = e.name;
        color_ent *old = (color_ent *)find_color(s, e.name);
        if (old)
            *old = e; /* a layout may redefine a theme colour */
        else
            VEC_PUSH(s->a, s->colors, e);
    }
}

/* The theme's colour roles ("primary: navy"): each is a colour entry of its
 * own name holding the palette token's colour (and its name, for dump).
 * Resolved after the layout's and the partnership's colours, so a replaced
 * palette token carries its roles along; a colour they define under a
 * role's own name wins over the theme's mapping. */
static void load_roles(lp_spec *s, lp_diag *d)
{
    const yt_node *m = yt_get(s->theme, "roles");
    if (!m) return;
    if (m->kind != YT_MAP) {
        diag_error(d, s->theme_path, m->line, m->col, "write one 'role: token' a line, e.g. primary: navy",
                   "'roles' must be a map");
        return;
    }
    const yt_node *palette = yt_get(s->theme, "colors");
    for (size_t i = 0; i < m->n; i++) {
        const char *role = m->keys[i]->scalar;
        const yt_node *v = m->vals[i];
        if (v->kind == YT_SCALAR && strcmp(v->scalar, role) == 0) continue; /* the palette's own token */
        if (palette && palette->kind == YT_MAP && yt_get(palette, role)) {
            diag_error(d, s->theme_path, m->keys[i]->line, m->keys[i]->col,
                       "name the role after what it does, or map it to the token of its own name",
                       "colour role '%s' is also a colour of the palette", role);
            continue;
        }
        if (find_color(s, role)) continue; /* the layout or the partnership defines it */
        color_ent e = {.name = role};
        if (!node_color(s, v, s->theme_path, &e.c, d)) continue;
        VEC_PUSH(s->a, s->colors, e);
    }
}

/* --------------------------------------------------------------- fonts */

static void load_fonts(lp_spec *s, const yt_node *root, const char *file, lp_fonts *fonts, lp_diag *d)
{
    const yt_node *m = yt_get(root, "fonts");
    if (!m) return;
    if (m->kind != YT_MAP) {
        diag_error(d, file, m->line, m->col, "write 'family: { regular: NotoSans-Regular, ... }'",
                   "'fonts' must be a map");
        return;
    }
    for (size_t i = 0; i < m->n; i++) {
        const yt_node *fam = m->vals[i];
        if (fam->kind != YT_MAP) {
            diag_error(d, file, fam->line, fam->col, "write { regular: NotoSans-Regular, bold: NotoSans-Bold }",
                       "font family '%s' must be a map of weights", m->keys[i]->scalar);
            continue;
        }
        for (size_t j = 0; j < fam->n; j++) {
            const yt_node *v = fam->vals[j];
            face_ent e = {m->keys[i]->scalar, fam->keys[j]->scalar, -1};
            if (v->kind != YT_SCALAR || v->len == 0) {
                diag_error(d, file, v->line, v->col, "write a file name from fonts/ without .ttf",
                           "font '%s.%s' must be a file name", e.family, e.weight);
                continue;
            }
            if (fonts) {
                lp_diag tmp;
                diag_init(&tmp);
                e.face = fonts_face(fonts, v->scalar, &tmp);
                if (e.face < 0) {
                    diag_error(d, file, v->line, v->col, tmp.n && tmp.items[0].hint ? tmp.items[0].hint : NULL,
                               "font '%s.%s': %s", e.family, e.weight, tmp.n ? tmp.items[0].msg : "cannot load");
                    diag_free(&tmp);
                    continue;
                }
                diag_free(&tmp);
            }
            VEC_PUSH(s->a, s->faces, e);
        }
    }
}

static const face_ent *find_face(const lp_spec *s, const char *family, const char *weight)
{
    for (size_t i = s->faces.n; i-- > 0;)
        if (strcmp(s->faces.v[i].family, family) == 0 && strcmp(s->faces.v[i].weight, weight) == 0)
            return &s->faces.v[i];
    return NULL;
}

static bool has_family(const lp_spec *s, const char *family)
{
    for (size_t i = 0; i < s->faces.n; i++)
        if (strcmp(s->faces.v[i].family, family) == 0) return true;
    return false;
}

static int face_or(const lp_spec *s, const char *family, const char *weight, int dflt)
{
    const face_ent *e = find_face(s, family, weight);
    return e ? e->face : dflt;
}

bool spec_face(const lp_spec *s, const char *family, const char *weight, int *face, lp_diag *d)
{
    const face_ent *e = find_face(s, family, weight ? weight : "regular");
    if (e) {
        *face = e->face;
        return true;
    }
    if (!has_family(s, family)) {
        const char *names[SPEC_MAX_NAMES];
        size_t n = 0;
        for (size_t i = 0; i < s->faces.n && n < SPEC_MAX_NAMES; i++) names[n++] = s->faces.v[i].family;
        char hint[96];
        hint_closest(hint, sizeof hint, family, names, n);
        diag_error(d, s->theme_path, 0, 0, hint[0] ? hint : NULL, "unknown font family '%s'", family);
    } else {
        diag_error(d, s->theme_path, 0, 0, "add the face under 'fonts:' in the theme",
                   "font family '%s' has no '%s' face", family, weight);
    }
    return false;
}

/* -------------------------------------------------------------- styles */

static style_ent *find_style(const lp_spec *s, const char *name)
{
    for (size_t i = 0; i < s->styles.n; i++)
        if (strcmp(s->styles.v[i].name, name) == 0) return &s->styles.v[i];
    return NULL;
}

static const yt_node *style_node(const yt_node *root, const char *name)
{
    return yt_get(yt_get(root, "styles"), name);
}

static void style_names_hint(const lp_spec *s, const char *name, char *hint, size_t size)
{
    const char *names[SPEC_MAX_NAMES];
    size_t n = 0;
    for (size_t i = 0; i < s->styles.n && n < SPEC_MAX_NAMES; i++) names[n++] = s->styles.v[i].name;
    hint_closest(hint, size, name, names, n);
}

static bool resolve_style(lp_spec *s, style_ent *e, lp_diag *d);

/* Applies one file's keys of a style on top of what e holds. */
static void apply_style(lp_spec *s, style_ent *e, const yt_node *m, const char *file, lp_diag *d)
{
    lp_style *st = &e->st;
    bool color_set = false, strong_set = false, link_set = false, number_set = false;
    lp_color col;
    for (size_t i = 0; i < m->n; i++) {
        const yt_node *kn = m->keys[i], *v = m->vals[i];
        const char *k = kn->scalar;
        if (strcmp(k, "base") == 0) {
            continue;
        } else if (strcmp(k, "font") == 0) {
            const char *fam;
            if (!node_str(v, file, k, &fam, d)) continue;
            if (!has_family(s, fam)) {
                char hint[96];
                const char *names[SPEC_MAX_NAMES];
                size_t n = 0;
                for (size_t j = 0; j < s->faces.n && n < SPEC_MAX_NAMES; j++) names[n++] = s->faces.v[j].family;
                hint_closest(hint, sizeof hint, fam, names, n);
                diag_error(d, file, v->line, v->col, hint[0] ? hint : "name a family from the theme's 'fonts:'",
                           "unknown font family '%s'", fam);
                continue;
            }
            e->family = fam;
        } else if (strcmp(k, "weight") == 0) {
            node_str(v, file, k, &e->weight, d);
        } else if (strcmp(k, "size") == 0) {
            node_len(v, file, k, &st->size, d);
        } else if (strcmp(k, "leading") == 0) {
            node_len(v, file, k, &st->leading, d);
        } else if (strcmp(k, "before") == 0) {
            node_len(v, file, k, &st->space_before, d);
        } else if (strcmp(k, "after") == 0) {
            node_len(v, file, k, &st->space_after, d);
        } else if (strcmp(k, "tracking") == 0) {
            node_num(v, file, k, &st->tracking, d);
        } else if (strcmp(k, "caps") == 0) {
            node_bool(v, file, k, &st->caps, d);
        } else if (strcmp(k, "sense") == 0) {
            node_bool(v, file, k, &st->sense, d);
        } else if (strcmp(k, "hyphenate") == 0) {
            if (node_bool(v, file, k, &e->hyph, d)) e->hyph_set = true;
        } else if (strcmp(k, "align") == 0) {
            const char *a = NULL;
            if (!node_str(v, file, k, &a, d)) continue;
            size_t j = 0;
            while (j < 4 && strcmp(a, align_names[j]) != 0) j++;
            if (j < 4) {
                st->align = (lp_align)j;
            } else {
                char hint[96];
                hint_closest(hint, sizeof hint, a, align_names, 4);
                diag_error(d, file, v->line, v->col, hint[0] ? hint : "use left, justify, center or right",
                           "unknown align '%s'", a);
            }
        } else if (strcmp(k, "color") == 0) {
            if (node_color(s, v, file, &col, d)) st->color = col, color_set = true;
        } else if (strcmp(k, "strong") == 0) {
            if (node_color(s, v, file, &col, d)) st->strong = col, strong_set = true;
        } else if (strcmp(k, "link") == 0) {
            if (node_color(s, v, file, &col, d)) st->link = col, link_set = true;
        } else if (strcmp(k, "number") == 0) {
            if (node_color(s, v, file, &col, d)) st->number = col, st->numbers = number_set = true;
        } else {
            char hint[96];
            hint_closest(hint, sizeof hint, k, style_keys, NSTYLE_KEYS);
            diag_error(d, file, kn->line, kn->col, hint[0] ? hint : "see layouts/README.md for style keys",
                       "unknown style key '%s'", k);
        }
    }
    /* A style that changes the text colour takes bold and links with it, so a
     * white title on navy never inherits navy bold text from the body. */
    if (color_set && !strong_set) st->strong = st->color;
    if (color_set && !link_set) st->link = st->color;
    if (color_set && !number_set) st->number = st->color;
}

static bool fill_faces(lp_spec *s, style_ent *e, const yt_node *where, const char *file, lp_diag *d)
{
    const char *fam = e->family, *w = e->weight ? e->weight : "regular";
    const face_ent *reg = find_face(s, fam, w);
    /* A weight the family lacks falls back to the nearest it has, so a
     * layout may ask for extrabold and a family with regular and bold only
     * sets it bold. */
    static const char *const fallback[][2] = {{"black", "extrabold"}, {"extrabold", "bold"}, {"semibold", "bold"},
                                              {"medium", "semibold"}, {"light", "regular"}};
    for (bool again = true; !reg && again;) {
        again = false;
        for (size_t i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
            if (strcmp(w, fallback[i][0]) == 0) {
                w = fallback[i][1];
                reg = find_face(s, fam, w);
                again = true;
                break;
            }
    }
    if (!reg) {
        diag_error(d, file, where->line, where->col, "add the face under 'fonts:' in the theme",
                   "font family '%s' has no '%s' face", fam, w);
        return false;
    }
    int *f = e->st.face;
    f[0] = reg->face;
    /* Bold inside an already bold style steps up to extrabold where the
     * family has one, so emphasis stays visible. */
    if (strcmp(w, "bold") == 0)
        f[1] = face_or(s, fam, "extrabold", reg->face);
    else if (strcmp(w, "extrabold") == 0)
        f[1] = reg->face;
    else
        f[1] = face_or(s, fam, "bold", reg->face);
    if (!s->italic) {
        f[2] = f[0]; /* italics set upright */
        f[3] = f[1];
    } else if (strcmp(w, "regular") == 0) {
        f[2] = face_or(s, fam, "italic", f[0]);
        f[3] = face_or(s, fam, "bold-italic", f[1]);
    } else {
        f[2] = face_or(s, fam, "bold-italic", f[0]);
        f[3] = f[2];
    }
    return true;
}

static bool resolve_style(lp_spec *s, style_ent *e, lp_diag *d)
{
    if (e->state == 2) return true;
    if (e->state == 3) return false;
    const yt_node *tn = style_node(s->theme, e->name), *ln = style_node(s->layout, e->name);
    const yt_node *where = ln ? ln : tn;
    const char *wfile = ln ? s->layout_path : s->theme_path;
    e->state = 1;
    int before = d->errors;
    const yt_node *parts[2] = {tn, ln};
    for (int i = 0; i < 2; i++) {
        if (parts[i] && parts[i]->kind != YT_MAP) {
            diag_error(d, i ? s->layout_path : s->theme_path, parts[i]->line, parts[i]->col,
                       "write { font: sans, size: 10pt, ... }", "style '%s' must be a map", e->name);
            e->state = 3;
            return false;
        }
    }
    const char *bfile = s->layout_path;
    const yt_node *base = yt_get(ln, "base");
    if (!base) {
        base = yt_get(tn, "base");
        bfile = s->theme_path;
    }
    if (base) {
        style_ent *b = base->kind == YT_SCALAR ? find_style(s, base->scalar) : NULL;
        if (!b) {
            char hint[96];
            style_names_hint(s, base->kind == YT_SCALAR ? base->scalar : "", hint, sizeof hint);
            diag_error(d, bfile, base->line, base->col, hint[0] ? hint : NULL, "unknown base style '%s'",
                       base->kind == YT_SCALAR ? base->scalar : "?");
            e->state = 3;
            return false;
        }
        if (b->state == 1) {
            diag_error(d, bfile, base->line, base->col, "a style cannot be based on itself, even through others",
                       "style '%s' has a 'base' cycle through '%s'", e->name, b->name);
            e->state = 3;
            return false;
        }
        if (!resolve_style(s, b, d)) {
            e->state = 3;
            return false;
        }
        e->st = b->st;
        e->family = b->family;
        e->weight = b->weight;
        e->hyph_set = b->hyph_set;
        e->hyph = b->hyph;
    } else {
        static const char *const required[] = {"font", "size", "leading", "color"};
        for (size_t i = 0; i < 4; i++)
            if (!yt_get(tn, required[i]) && !yt_get(ln, required[i]))
                diag_error(d, wfile, where->line, where->col, "give it the key, or 'base:' another style",
                           "style '%s' has no '%s'", e->name, required[i]);
        if (d->errors > before) {
            e->state = 3;
            return false;
        }
    }
    if (tn) apply_style(s, e, tn, s->theme_path, d);
    if (ln) apply_style(s, e, ln, s->layout_path, d);
    if (d->errors == before) fill_faces(s, e, where, wfile, d);
    e->st.hyphenate = s->hyphenate && (e->hyph_set ? e->hyph : true);
    if (d->errors == before && e->st.size > 0 && e->st.size < s->min_text) {
        e->st.leading *= s->min_text / e->st.size; /* raised to the smallest text, lines in proportion */
        e->st.size = s->min_text;
    }
    e->state = d->errors == before ? 2 : 3;
    return e->state == 2;
}

static void load_styles(lp_spec *s, lp_diag *d)
{
    const yt_node *roots[2] = {s->theme, s->layout};
    const char *files[2] = {s->theme_path, s->layout_path};
    for (int r = 0; r < 2; r++) {
        const yt_node *m = yt_get(roots[r], "styles");
        if (!m) continue;
        if (m->kind != YT_MAP) {
            diag_error(d, files[r], m->line, m->col, "write one 'name: { ... }' a line", "'styles' must be a map");
            continue;
        }
        for (size_t i = 0; i < m->n; i++) {
            if (find_style(s, m->keys[i]->scalar)) continue;
            style_ent e = {0};
            e.name = m->keys[i]->scalar;
            VEC_PUSH(s->a, s->styles, e);
        }
    }
    for (size_t i = 0; i < s->styles.n; i++) resolve_style(s, &s->styles.v[i], d);
}

bool spec_style(const lp_spec *s, const char *name, lp_style *st, lp_diag *d)
{
    const style_ent *e = find_style(s, name);
    if (e && e->state == 2) {
        *st = e->st;
        return true;
    }
    char hint[96];
    style_names_hint(s, name, hint, sizeof hint);
    diag_error(d, main_file(s), 0, 0, hint[0] ? hint : "add it under 'styles:' in the theme",
               e ? "style '%s' is not usable (see the errors above)" : "unknown style '%s'", name);
    return false;
}

/* ------------------------------------------------------------ contrast */

static double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(lp_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double spec_contrast(lp_color a, lp_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every text colour the theme declares on its background must pass, so a
 * palette change that breaks contrast fails the build, not the reader. */
static void check_contrast(lp_spec *s, lp_diag *d)
{
    const yt_node *pairs = yt_get(s->theme, "contrast");
    const yt_node *minn = yt_get(s->theme, "contrast-min");
    if (!pairs) return;
    double min = 4.5;
    if (minn && !node_num(minn, s->theme_path, "contrast-min", &min, d)) return;
    if (pairs->kind != YT_SEQ) {
        diag_error(d, s->theme_path, pairs->line, pairs->col, "write a list of [text, background] pairs",
                   "'contrast' must be a list");
        return;
    }
    for (size_t i = 0; i < pairs->n; i++) {
        const yt_node *p = pairs->vals[i];
        if (p->kind != YT_SEQ || p->n != 2) {
            diag_error(d, s->theme_path, p->line, p->col, "write [text, background], e.g. [ink, white]",
                       "a contrast pair must be two colour tokens");
            continue;
        }
        lp_color fg, bg;
        if (!node_color(s, p->vals[0], s->theme_path, &fg, d) || !node_color(s, p->vals[1], s->theme_path, &bg, d))
            continue;
        double r = spec_contrast(fg, bg);
        if (r < min)
            diag_error(d, s->theme_path, p->line, p->col, "darken the text colour or lighten the background",
                       "%s on %s has contrast %.2f:1, below the theme's %.1f:1", p->vals[0]->scalar,
                       p->vals[1]->scalar, r, min);
    }
}

/* ------------------------------------------------------------- loading */

static bool plain_name(const char *s)
{
    if (!s || !*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_'))
            return false;
    return true;
}

/* "unknown layout 'x'" with the nearest *.yaml in dir. */
/* The names of the .yaml files in dir, without ".yaml". */
static size_t yaml_names(lp_arena *a, const char *dir, const char **names, size_t max)
{
    size_t n = 0;
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) && n < max) {
            size_t l = strlen(de->d_name);
            if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) names[n++] = arena_strndup(a, de->d_name, l - 5);
        }
        closedir(dh);
    }
    return n;
}

bool spec_layout_exists(const char *layouts_dir, const char *name, lp_arena *a, const char **near)
{
    *near = NULL;
    const char *path = arena_printf(a, "%s/%s.yaml", layouts_dir, name);
    if (plain_name(name) && access(path, R_OK) == 0) return true;
    const char *names[SPEC_MAX_NAMES];
    size_t n = yaml_names(a, layouts_dir, names, SPEC_MAX_NAMES);
    *near = lp_closest(name, names, n);
    return false;
}

/* Said at `at` (the extends: or theme: that names it), when a file names it. */
static void unknown_name(lp_arena *a, const char *dir, const char *what, const char *name, const char *path,
                         const yt_node *at, lp_diag *d)
{
    const char *names[SPEC_MAX_NAMES];
    size_t n = yaml_names(a, dir, names, SPEC_MAX_NAMES);
    char hint[128];
    hint_closest(hint, sizeof hint, name, names, n);
    if (!hint[0]) snprintf(hint, sizeof hint, "the %ss are the .yaml files in %s", what, dir);
    diag_error(d, path, at ? at->line : 0, at ? at->col : 0, hint, "unknown %s '%s'", what, name);
}

/* A map holding base's keys with over's values laid on top, merging maps
 * key by key, so a layout can extend another and change only what differs. */
static yt_node *merge_maps(lp_arena *a, const yt_node *over, const yt_node *base)
{
    yt_node *m = arena_alloc(a, sizeof *m);
    *m = *base;
    size_t cap = base->n + over->n;
    m->keys = arena_alloc(a, (cap ? cap : 1) * sizeof *m->keys);
    m->vals = arena_alloc(a, (cap ? cap : 1) * sizeof *m->vals);
    m->n = 0;
    for (size_t i = 0; i < base->n; i++) {
        m->keys[m->n] = base->keys[i];
        m->vals[m->n++] = base->vals[i];
    }
    for (size_t i = 0; i < over->n; i++) {
        size_t j = 0;
        while (j < m->n && strcmp(m->keys[j]->scalar, over->keys[i]->scalar) != 0) j++;
        const yt_node *ov = over->vals[i];
        if (j == m->n) {
            m->keys[m->n] = over->keys[i];
            m->vals[m->n++] = (yt_node *)ov;
        } else if (ov->kind == YT_MAP && m->vals[j]->kind == YT_MAP) {
            m->vals[j] = merge_maps(a, ov, m->vals[j]);
        } else {
            m->vals[j] = (yt_node *)ov;
        }
    }
    return m;
}


/* Loads layouts_dir/<name>.yaml, following "extends: other" up to
 * SPEC_MAX_EXTENDS layouts deep. */
struct spec_files {
    lp_arena *a; /* the trees */
    LP_VEC(const char *) path;
    LP_VEC(const yt_node *) root;
};

spec_files *spec_files_new(void)
{
    spec_files *f = calloc(1, sizeof *f);
    if (f) f->a = arena_new();
    return f;
}

void spec_files_free(spec_files *f)
{
    if (!f) return;
    arena_free(f->a);
    free(f);
}

/* The file's tree: parsed once per spec_files (a file that does not parse
 * is read again by each spec, so each says why), else into a. */
static const yt_node *load_file(lp_arena *a, spec_files *f, const char *path, lp_diag *d)
{
    if (!f) return yt_load_file(a, path, SPEC_MAX_BYTES, d);
    for (size_t i = 0; i < f->path.n; i++)
        if (strcmp(f->path.v[i], path) == 0) return f->root.v[i];
    const yt_node *n = yt_load_file(f->a, path, SPEC_MAX_BYTES, d);
    if (n) {
        VEC_PUSH(f->a, f->path, arena_strdup(f->a, path));
        VEC_PUSH(f->a, f->root, n);
    }
    return n;
}

static const yt_node *load_layout(lp_arena *a, spec_files *sf, const char *layouts_dir, const char *name,
                                  const char *path, int depth, layout_files *files, lp_diag *d)
{
    const yt_node *l = load_file(a, sf, path, d);
    if (!l) return NULL;
    if (files && files->n <= SPEC_MAX_EXTENDS) {
        files->path[files->n] = path;
        files->root[files->n++] = l;
    }
    if (l->kind != YT_MAP) {
        diag_error(d, path, l->line, l->col, "a layout is a map of keys", "layout must be a map");
        return NULL;
    }
    const yt_node *ext = yt_get(l, "extends");
    if (!ext) return l;
    const char *base;
    if (!node_str(ext, path, "extends", &base, d)) return NULL;
    if (strcmp(base, name) == 0) {
        diag_error(d, path, ext->line, ext->col, "extend another layout, or leave out extends:",
                   "layout '%s' extends itself", name);
        return NULL;
    }
    if (depth >= SPEC_MAX_EXTENDS) {
        diag_error(d, path, ext->line, ext->col, "a layout may extend at most 4 others, without cycles",
                   "layouts extend each other too deeply");
        return NULL;
    }
    const char *bpath = arena_printf(a, "%s/%s.yaml", layouts_dir, base);
    if (!plain_name(base) || access(bpath, R_OK) != 0) {
        unknown_name(a, layouts_dir, "layout", base, path, ext, d);
        return NULL;
    }
    const yt_node *b = load_layout(a, sf, layouts_dir, base, bpath, depth + 1, files, d);
    return b ? merge_maps(a, l, b) : NULL;
}

/* The schema's colour check: a token of the theme, or a valid inline colour.
 * Colours under audiences.<other audience> name another theme's tokens, so
 * only their shape is checked. */
static bool schema_color(const void *ctx, const yt_node *n, const char *path, const char *file, lp_diag *d)
{
    const lp_spec *s = ctx;
    if (strncmp(path, "audiences.", 10) == 0) {
        const char *aud = path + 10, *theme = strrchr(s->theme_path, '/');
        size_t l = strcspn(aud, ".");
        theme = theme ? theme + 1 : s->theme_path;
        if (!(strncmp(theme, aud, l) == 0 && strcmp(theme + l, ".yaml") == 0)) return true;
    }
    lp_color c;
    return node_color(s, n, file, &c, d);
}

/* The value at dotted (layout, then theme) in points, when it is a length. */
static bool rel_len(const lp_spec *s, const char *dotted, double *pt, const yt_node **node, const char **file)
{
    *node = lookup(s, dotted, file);
    return *node && (*node)->kind == YT_SCALAR && spec_parse_len((*node)->scalar, pt);
}

static bool holds(const yt_node *tree, const yt_node *n, int depth)
{
    if (tree == n) return true;
    if (!tree || tree->kind == YT_SCALAR || depth > 32) return false;
    for (size_t i = 0; i < tree->n; i++)
        if (holds(tree->vals[i], n, depth + 1)) return true;
    return false;
}

/* Which of the layout's files (itself or a layout it extends) n was
 * written in: a merged layout keeps each file's values, not their file. */
static int owner(const layout_files *files, const yt_node *n)
{
    for (int i = 0; files && i < files->n; i++)
        if (holds(files->root[i], n, 0)) return i;
    return -1;
}

/* Values that are each in range but impossible together: the sum of the
 * lengths in lhs (NULL-terminated) must be less than rhs (or at most, when
 * !strict).  The error is at the last lhs key written in the layout
 * itself rather than one it extends (where the change was made), else at
 * the last lhs key, in the file that holds it. */
static void relation(const lp_spec *s, const layout_files *files, const char *const *lhs, const char *rhs,
                     bool strict, const char *what, const char *hint, bool at_rhs, lp_diag *d)
{
    const yt_node *mine = NULL;
    double sum = 0, v, limit;
    const yt_node *n = NULL, *rn;
    const char *file = NULL, *rfile;
    char names[256] = "";
    for (size_t i = 0; lhs[i]; i++) {
        if (!rel_len(s, lhs[i], &v, &n, &file)) return;
        if (owner(files, n) == 0) mine = n;
        sum += v;
        size_t l = strlen(names);
        snprintf(names + l, sizeof names - l, "%s%s", i ? " + " : "", lhs[i]);
    }
    if (!n || !rel_len(s, rhs, &limit, &rn, &rfile)) return;
    if (strict ? sum < limit - 1e-6 : sum <= limit + 1e-6) return;
    if (at_rhs) {
        n = rn;
        file = rfile;
    } else if (mine) {
        n = mine;
    }
    int k = owner(files, n);
    if (k >= 0) file = files->path[k];
    diag_error(d, file, n->line, n->col, hint, "%s: %s is %.1fmm, %s %s (%.1fmm)", what, names, sum / LP_PT_PER_MM,
               strict ? "not less than" : "more than", rhs, limit / LP_PT_PER_MM);
}

static const char *layout_format(const lp_spec *s)
{
    const yt_node *f = yt_get(s->layout, "format");
    return f && f->kind == YT_SCALAR ? f->scalar : "";
}

/* Every file against the declared schema, then the values that depend on
 * each other. */
static void check_schema(lp_spec *s, const layout_files *files, lp_diag *d)
{
    int before = d->errors;
    schema_check(s->theme, s->theme_path, NULL, schema_color, s, d);
    schema_check_roles(s->theme, s->theme_path, d);
    const char *format = layout_format(s);
    for (int i = 0; i < files->n; i++) schema_check(files->root[i], files->path[i], format, schema_color, s, d);
    if (d->errors > before || !s->layout_path) return;

    static const char *const lr[] = {"margins.left", "margins.right", NULL};
    static const char *const tb[] = {"margins.top", "margins.bottom", NULL};
    relation(s, files, lr, "page.width", true, "the margins leave no room", "the two margins together must be less than the page", false, d);
    relation(s, files, tb, "page.height", true, "the margins leave no room", "the two margins together must be less than the page", false, d);
    static const char *const gut[] = {"margins.left", "margins.right", "body.gutter", NULL};
    relation(s, files, gut, "page.width", true, "the gutter is wider than the page leaves for columns",
             "make the gutter much narrower than the page between the margins", false, d);
    static const char *const body[] = {"body.top", NULL};
    relation(s, files, body, "body.bottom", true, "the body box is upside down", "body.top must be above body.bottom", false, d);
    static const char *const bottom[] = {"body.bottom", NULL};
    relation(s, files, bottom, "page.height", false, "the body ends below the page", "body.bottom is measured from the top edge", false, d);
    {
        /* A poster needs at least count-min messages and takes at most
         * count: the other way round, no poster could be made. */
        const char *cf, *mf;
        const yt_node *cn = lookup(s, "messages.count", &cf), *mn = lookup(s, "messages.count-min", &mf);
        if (cn && mn && cn->kind == YT_SCALAR && mn->kind == YT_SCALAR && atoi(mn->scalar) > atoi(cn->scalar)) {
            int k = owner(files, mn);
            diag_error(d, k >= 0 ? files->path[k] : mf, mn->line, mn->col,
                       "count-min is the fewest messages a poster may have, count the most",
                       "messages.count-min is %s, more than messages.count (%s)", mn->scalar, cn->scalar);
        }
    }
    static const char *const band[] = {"band.height", "band.rule", NULL};
    relation(s, files, band, "body.top", false, "the title band runs into the body",
             "make the band shorter or start the body lower (body.top)", false, d);
    static const char *const band_h[] = {"band.height", NULL}, *const band_first[] = {"band.first-height", NULL};
    relation(s, files, band_h, "page.height", true, "the band is taller than the page", "band heights are measured from the top edge", false, d);
    relation(s, files, band_first, "page.height", true, "the band is taller than the page", "band heights are measured from the top edge", false, d);
    static const char *const head[] = {"head.headline-top", NULL};
    relation(s, files, head, "head.bottom", true, "the headline starts below the head block", "head.headline-top must be above head.bottom", false, d);
    static const char *const rows[] = {"margins.left", "margins.right", "rows.picture", "rows.gutter", NULL};
    relation(s, files, rows, "page.width", true, "the rows leave no room for text", "narrow the picture column or the gutter", false, d);
    static const char *const circle[] = {"rows.circle", NULL};
    relation(s, files, circle, "rows.picture", false, "the circle is wider than its column", "make rows.circle at most rows.picture", false, d);
    static const char *const panel[] = {"panel.side", "panel.side", NULL};
    const yt_node *panels = yt_get(s->layout, "panels");
    for (size_t i = 0; panels && panels->kind == YT_MAP && i < panels->n; i++) {
        char key[96];
        snprintf(key, sizeof key, "panels.%s.width", panels->keys[i]->scalar);
        relation(s, files, panel, key, true, "the panel has no room for text",
                 "panel.side is kept clear on both sides of every panel", true, d);
    }
}

/* Is n the name of a theme (an audience) in layouts_dir/themes/? */
static bool is_theme(lp_arena *a, const char *layouts_dir, const yt_node *n)
{
    return n->kind == YT_SCALAR && plain_name(n->scalar) &&
           access(arena_printf(a, "%s/themes/%s.yaml", layouts_dir, n->scalar), R_OK) == 0;
}

/* Every name in the layout's for: is an audience. */
static void check_for(lp_spec *s, const char *layouts_dir, lp_diag *d)
{
    const yt_node *f = yt_get(s->layout, "for");
    if (!f || f->kind != YT_SEQ) return;
    for (size_t i = 0; i < f->n; i++)
        if (!is_theme(s->a, layouts_dir, f->vals[i]))
            diag_error(d, s->layout_path, f->vals[i]->line, f->vals[i]->col,
                       "the audiences are the themes in layouts/themes/", "'for' cannot list '%s'",
                       f->vals[i]->kind == YT_SCALAR ? f->vals[i]->scalar : "(a list or map)");
}

const char *spec_layout_format(const char *layouts_dir, const char *name, lp_arena *a)
{
    const char *path = arena_printf(a, "%s/%s.yaml", layouts_dir, name);
    lp_diag quiet; /* spec_load reports what is wrong with the layout */
    diag_init(&quiet);
    const yt_node *l = plain_name(name) ? load_layout(a, NULL, layouts_dir, name, path, 0, NULL, &quiet) : NULL;
    diag_free(&quiet);
    const yt_node *f = l ? yt_get(l, "format") : NULL;
    return f && f->kind == YT_SCALAR ? f->scalar : NULL;
}

int spec_layout_for(const char *layouts_dir, const char *name, const char *audience, lp_arena *a,
                    const char **made_for)
{
    *made_for = NULL;
    const char *path = arena_printf(a, "%s/%s.yaml", layouts_dir, name);
    lp_diag quiet;
    diag_init(&quiet);
    const yt_node *l = plain_name(name) ? load_layout(a, NULL, layouts_dir, name, path, 0, NULL, &quiet) : NULL;
    diag_free(&quiet);
    if (!l) return -1;
    const yt_node *f = yt_get(l, "for");
    if (!f || f->kind != YT_SEQ) return 1;
    const char *list = "";
    /* A list naming no audience is wrong: spec_load says where. */
    for (size_t i = 0; i < f->n; i++)
        if (!is_theme(a, layouts_dir, f->vals[i])) return -1;
    for (size_t i = 0; i < f->n; i++) {
        if (f->vals[i]->kind != YT_SCALAR) continue;
        if (strcmp(f->vals[i]->scalar, audience) == 0) return 1;
        list = arena_printf(a, "%s%s%s", list, *list ? ", " : "", f->vals[i]->scalar);
    }
    *made_for = list;
    return 0;
}

lp_spec *spec_load(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts, lp_diag *d)
{
    return spec_load_over(layouts_dir, layout, theme, fonts, NULL, NULL, d);
}

lp_spec *spec_load_over(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts,
                        const yt_node *over, const char *over_file, lp_diag *d)
{
    return spec_load_shared(layouts_dir, layout, theme, fonts, over, over_file, NULL, d);
}

lp_spec *spec_load_shared(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts,
                          const yt_node *over, const char *over_file, spec_files *sf, lp_diag *d)
{
    lp_arena *a = arena_new();
    lp_spec *s = arena_alloc(a, sizeof *s);
    s->a = a;
    int before = d->errors;
    static const yt_node empty = {.kind = YT_MAP};
    s->layout = &empty;
    layout_files files = {0};
    const yt_node *theme_at = NULL; /* the layout's theme:, when it names one */

    if (layout) {
        s->layout_path = arena_printf(a, "%s/%s.yaml", layouts_dir, layout);
        if (!plain_name(layout) || access(s->layout_path, R_OK) != 0) {
            unknown_name(a, layouts_dir, "layout", layout, s->layout_path, NULL, d);
            goto fail;
        }
        const yt_node *l = load_layout(a, sf, layouts_dir, layout, s->layout_path, 0, &files, d);
        if (!l) goto fail;
        s->layout = l;
        theme_at = yt_get(l, "theme");
        if (theme_at && !node_str(theme_at, s->layout_path, "theme", &theme, d)) goto fail;
    }
    if (!theme) {
        diag_error(d, main_file(s) ? main_file(s) : layouts_dir, 0, 0, "add 'theme:' naming a theme in layouts/themes/",
                   "no theme named");
        goto fail;
    }
    const char *tdir = arena_printf(a, "%s/themes", layouts_dir);
    s->theme_path = arena_printf(a, "%s/%s.yaml", tdir, theme);
    if (!plain_name(theme) || access(s->theme_path, R_OK) != 0) {
        if (theme_at) unknown_name(a, tdir, "theme", theme, s->layout_path, theme_at, d);
        else unknown_name(a, tdir, "theme", theme, s->theme_path, NULL, d);
        goto fail;
    }
    s->theme = load_file(a, sf, s->theme_path, d);
    if (!s->theme) goto fail;
    if (s->theme->kind != YT_MAP) {
        diag_error(d, s->theme_path, s->theme->line, s->theme->col, "a theme is a map of keys", "theme must be a map");
        goto fail;
    }

    /* Rules of the format and the audience together: either file may turn
     * hyphenation or italics off, and the larger smallest text holds. */
    s->hyphenate = s->italic = true;
    const yt_node *roots[2] = {s->theme, s->layout};
    const char *rfiles[2] = {s->theme_path, s->layout_path};
    for (int r = 0; r < 2; r++) {
        bool v;
        double len;
        const yt_node *n = yt_get(roots[r], "hyphenate");
        if (n && node_bool(n, rfiles[r], "hyphenate", &v, d) && !v) s->hyphenate = false;
        n = yt_get(roots[r], "italic");
        if (n && node_bool(n, rfiles[r], "italic", &v, d) && !v) s->italic = false;
        n = yt_get(roots[r], "min-text");
        if (n && node_len(n, rfiles[r], "min-text", &len, d) && len > s->min_text) s->min_text = len;
    }
    load_colors(s, s->theme, s->theme_path, d);
    load_colors(s, s->layout, s->layout_path, d);
    if (over) load_colors(s, over, over_file, d); /* the partnership's colours win */
    load_roles(s, d);
    load_fonts(s, s->theme, s->theme_path, fonts, d);
    load_fonts(s, s->layout, s->layout_path, fonts, d);
    if (d->errors > before) goto fail;
    s->files = files;
    check_schema(s, &files, d);
    check_for(s, layouts_dir, d);
    if (d->errors > before) {
        /* Styles still say what else is wrong (a base cycle, say), but not
         * again where the schema has already put an error. */
        lp_diag more;
        diag_init(&more);
        load_styles(s, &more);
        for (size_t i = 0; i < more.n; i++) {
            const lp_diag_item *it = &more.items[i];
            bool seen = false;
            for (size_t j = 0; j < d->n && !seen; j++)
                seen = d->items[j].line == it->line && d->items[j].col == it->col &&
                       strcmp(d->items[j].file, it->file) == 0;
            if (!seen) diag_add(d, it->sev, it->file, it->line, it->col, it->hint, "%s", it->msg);
        }
        diag_free(&more);
        goto fail;
    }
    load_styles(s, d);
    check_contrast(s, d);
    const yt_node *ms = yt_get(s->theme, "min-size");
    double tmp;
    if (ms) node_len(ms, s->theme_path, "min-size", &tmp, d);
    if (d->errors > before) goto fail;
    index_spec(s);
    return s;
fail:
    arena_free(a);
    return NULL;
}

void spec_free(lp_spec *s)
{
    if (s) arena_free(s->a);
}

/* The first scalar equal to value under n, depth first (source order). */
static const yt_node *find_scalar(const yt_node *n, const char *value, int depth)
{
    if (!n || depth > 32) return NULL;
    if (n->kind == YT_SCALAR) return strcmp(n->scalar, value) == 0 ? n : NULL;
    for (size_t i = 0; i < n->n; i++) {
        const yt_node *hit = find_scalar(n->vals[i], value, depth + 1);
        if (hit) return hit;
    }
    return NULL;
}

const yt_node *spec_find_value(const lp_spec *s, const char *value, const char **file)
{
    const yt_node *hit = find_scalar(s->layout, value, 0);
    *file = s->layout_path;
    if (!hit) {
        hit = find_scalar(s->theme, value, 0);
        *file = s->theme_path;
    }
    return hit;
}

const char *spec_layout_path(const lp_spec *s) { return s->layout_path; }

const char *spec_node_file(const lp_spec *s, const yt_node *n)
{
    int k = owner(&s->files, n);
    if (k >= 0) return s->files.path[k];
    return holds(s->theme, n, 0) ? s->theme_path : main_file(s);
}
const char *spec_theme_path(const lp_spec *s) { return s->theme_path; }

const yt_node *spec_node(const lp_spec *s, const char *dotted)
{
    const char *file;
    return lookup(s, dotted, &file);
}

bool spec_len(const lp_spec *s, const char *dotted, double *pt, lp_diag *d)
{
    if (s->paths && dotted) {
        const path_ent *e = path_slot(s, dotted);
        if (e->node && e->is_len) {
            *pt = e->len;
            return true;
        }
    }
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    if (!n) {
        missing(s, dotted, d);
        return false;
    }
    return node_len(n, file, dotted, pt, d);
}

bool spec_num(const lp_spec *s, const char *dotted, double *v, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    if (!n) {
        missing(s, dotted, d);
        return false;
    }
    return node_num(n, file, dotted, v, d);
}

bool spec_str(const lp_spec *s, const char *dotted, const char **v, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    if (!n) {
        missing(s, dotted, d);
        return false;
    }
    return node_str(n, file, dotted, v, d);
}

bool spec_bool(const lp_spec *s, const char *dotted, bool *v, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    if (!n) {
        missing(s, dotted, d);
        return false;
    }
    return node_bool(n, file, dotted, v, d);
}

bool spec_color(const lp_spec *s, const char *dotted, lp_color *c, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    if (!n) {
        missing(s, dotted, d);
        return false;
    }
    return node_color(s, n, file, c, d);
}

bool spec_color_token(const lp_spec *s, const char *token, lp_color *c, lp_diag *d)
{
    const color_ent *e = find_color(s, token);
    if (e) {
        *c = e->c;
        return true;
    }
    char hint[96];
    color_hint(s, token, hint, sizeof hint);
    diag_error(d, s->theme_path, 0, 0, hint, "unknown colour '%s'", token);
    return false;
}

double spec_len_or(const lp_spec *s, const char *dotted, double dflt, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    double v;
    return n && node_len(n, file, dotted, &v, d) ? v : dflt;
}

const char *spec_str_or(const lp_spec *s, const char *dotted, const char *dflt, lp_diag *d)
{
    const char *file;
    const yt_node *n = lookup(s, dotted, &file);
    const char *v;
    return n && node_str(n, file, dotted, &v, d) ? v : dflt;
}

size_t spec_ncolors(const lp_spec *s) { return s->colors.n; }

const char *spec_color_name(const lp_spec *s, size_t i) { return i < s->colors.n ? s->colors.v[i].name : NULL; }
