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
} lp_audiences;

/* Reads layouts_dir/themes/: each theme's name, label and order, sorted by
 * order then name.  NULL (with an error) when the folder cannot be read or
 * holds no theme. */
lp_audiences *audiences_load(const char *layouts_dir, lp_diag *d);
void audiences_free(lp_audiences *au); /* NULL is a no-op */

/* The audience of this name, or NULL. */
const lp_audience_info *audiences_find(const lp_audiences *au, const char *name);
/* Its label, or the name itself when it is not an audience. */
const char *audiences_label(const lp_audiences *au, const char *name);

#endif
