/* audiences.c — the list of audiences, read from the themes folder. */
#include "audiences.h"

#include "yamltree.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_AUDIENCES 64
#define THEME_MAX_BYTES (256u * 1024u)

static bool plain(const char *s, size_t n)
{
    /* A letter first: the name is a folder in out/ and a word on the
     * command line ('-rf' is neither). */
    if (n == 0 || s[0] < 'a' || s[0] > 'z') return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-')) return false;
    return true;
}

static int by_order(const void *pa, const void *pb)
{
    const lp_audience_info *a = pa, *b = pb;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* label and order from the theme's audience: map. */
static void read_theme(lp_audiences *au, const char *dir, lp_audience_info *ai, lp_diag *d)
{
    const char *path = arena_printf(au->arena, "%s/%s.yaml", dir, ai->name);
    yt_node *t = yt_load_file(au->arena, path, THEME_MAX_BYTES, d);
    const yt_node *m = t ? yt_get(t, "audience") : NULL;
    if (!m) return;
    if (m->kind != YT_MAP) {
        diag_error(d, path, m->line, m->col, "write audience: { label: <what readers see>, order: 3 }",
                   "'audience' must be a map");
        return;
    }
    const yt_node *label = yt_get(m, "label"), *order = yt_get(m, "order");
    if (label && (label->kind != YT_SCALAR || !label->scalar[0]))
        diag_error(d, path, label->line, label->col, "write the name readers see", "'audience.label' must be text");
    else if (label)
        ai->label = label->scalar;
    if (order) {
        char *end = NULL;
        double v = order->kind == YT_SCALAR ? strtod(order->scalar, &end) : 0;
        if (!end || end == order->scalar || *end)
            diag_error(d, path, order->line, order->col, "write a number: 1 comes first",
                       "'audience.order' must be a number");
        else
            ai->order = v;
    }
}

static int by_name(const void *pa, const void *pb)
{
    const lp_audience_info *a = pa, *b = pb;
    return strcmp(a->name, b->name);
}

static void set_names(lp_audiences *au)
{
    for (size_t i = 0; i < au->n; i++) au->names[i] = au->v[i].name;
}

lp_audiences *audiences_scan(const char *layouts_dir, lp_diag *d)
{
    lp_audiences *au = calloc(1, sizeof *au);
    if (!au) return NULL;
    au->arena = arena_new();
    const char *dir = arena_printf(au->arena, "%s/themes", layouts_dir);
    au->dir = dir;
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_error(d, dir, 0, 0, "each audience is a theme file in this folder",
                   "cannot read the themes folder: %s", strerror(errno));
        audiences_free(au);
        return NULL;
    }
    au->v = arena_alloc(au->arena, MAX_AUDIENCES * sizeof *au->v);
    struct dirent *de;
    int before = d->errors;
    while ((de = readdir(dp))) {
        size_t len = strlen(de->d_name);
        if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0 || de->d_name[0] == '.') continue;
        if (!plain(de->d_name, len - 5)) {
            /* Not silently dropped: whoever added it meant an audience. */
            diag_warn(d, arena_printf(au->arena, "%s/%s", dir, de->d_name), 0, 0,
                      "rename it with lower-case letters, digits and hyphens, starting with a letter, "
                      "for example young-carers.yaml",
                      "not read as an audience: a theme's file name is its audience's name");
            continue;
        }
        if (au->n == MAX_AUDIENCES) {
            diag_error(d, dir, 0, 0, NULL, "more than %d themes", MAX_AUDIENCES);
            break;
        }
        lp_audience_info *ai = &au->v[au->n++];
        ai->name = arena_strndup(au->arena, de->d_name, len - 5);
        ai->label = ai->name;
        ai->order = 1e9;
    }
    closedir(dp);
    if (au->n == 0 && d->errors == before)
        diag_error(d, dir, 0, 0, "add a theme: layouts/themes/<audience>.yaml", "no themes: there is no audience to write for");
    if (d->errors > before) {
        audiences_free(au);
        return NULL;
    }
    /* By name until the labels are read: the folder's order is the file
     * system's, and lists must not depend on it. */
    qsort(au->v, au->n, sizeof *au->v, by_name);
    au->names = arena_alloc(au->arena, (au->n + 1) * sizeof *au->names);
    set_names(au);
    return au;
}

int audiences_read_labels(lp_audiences *au, lp_diag *d)
{
    if (!au) return -1;
    if (au->labelled) return au->label_errors ? -1 : 0;
    au->labelled = true;
    int before = d->errors;
    for (size_t i = 0; i < au->n; i++) read_theme(au, au->dir, &au->v[i], d);
    au->label_errors = d->errors > before;
    qsort(au->v, au->n, sizeof *au->v, by_order);
    set_names(au);
    return au->label_errors ? -1 : 0;
}

lp_audiences *audiences_load(const char *layouts_dir, lp_diag *d)
{
    lp_audiences *au = audiences_scan(layouts_dir, d);
    if (au && audiences_read_labels(au, d) != 0) {
        audiences_free(au);
        return NULL;
    }
    return au;
}

void audiences_free(lp_audiences *au)
{
    if (!au) return;
    arena_free(au->arena);
    free(au);
}

const lp_audience_info *audiences_find(const lp_audiences *au, const char *name)
{
    for (size_t i = 0; au && name && i < au->n; i++)
        if (strcmp(au->v[i].name, name) == 0) return &au->v[i];
    return NULL;
}

const char *audiences_label(const lp_audiences *au, const char *name)
{
    const lp_audience_info *ai = audiences_find(au, name);
    return ai ? ai->label : name;
}
