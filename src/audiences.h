/* audiences.h — the audiences are the themes: every layouts/themes/<name>.yaml
 * is one, labelled by its "audience: { label: ..., order: ... }" (adding a
 * theme adds an audience; no C names one). */
#ifndef LP_AUDIENCES_H
#define LP_AUDIENCES_H

#include "leafpress.h"

typedef struct lp_audience_info {
    const char *name;  /* the theme's file name without ".yaml": "young-people" */
    const char *label; /* what readers see: "Young people" (default: the name) */
    double order;      /* catalogue order (default: after those that have one) */
} lp_audience_info;

typedef struct lp_audiences {
    lp_audience_info *v;
    const char **names; /* v[i].name, for lookups and suggestions */
    size_t n;
    lp_arena *arena;
    const char *dir;   /* layouts_dir/themes */
    bool labelled;     /* labels and order read, v and names in that order */
    bool label_errors; /* ... and a theme's audience: map was wrong */
} lp_audiences;

/* Reads layouts_dir/themes/: each theme's name, label and order, sorted by
 * order then name.  NULL (with an error) when the folder cannot be read or
 * holds no theme. */
lp_audiences *audiences_load(const char *layouts_dir, lp_diag *d);
/* The names only, sorted by name, no theme read: what a build needs to
 * know a document's audience exists.  audiences_read_labels then reads
 * the labels and order and sorts as audiences_load does (once; -1 when a
 * theme's audience: map is wrong, with the error), before lists that
 * readers see. */
lp_audiences *audiences_scan(const char *layouts_dir, lp_diag *d);
int audiences_read_labels(lp_audiences *au, lp_diag *d);
void audiences_free(lp_audiences *au); /* NULL is a no-op */

/* The audience of this name, or NULL. */
const lp_audience_info *audiences_find(const lp_audiences *au, const char *name);
/* Its label, or the name itself when it is not an audience. */
const char *audiences_label(const lp_audiences *au, const char *name);

#endif
