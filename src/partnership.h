/* partnership.h — the partnership that publishes the leaflets, as data:
 * content/partnership.yaml (name, short name, web site, logo, colour
 * overrides, key contacts, footer lines).  Every format and the download
 * page read it from here; no partnership is named in C. */
#ifndef LP_PARTNERSHIP_H
#define LP_PARTNERSHIP_H

#include "contacts.h"
#include "leafpress.h"
#include "yamltree.h"

#define PARTNERSHIP_MAX_LINES 8

typedef struct lp_partnership {
    const char *path;       /* the file */
    const char *name;       /* its full name, as printed */
    const char *short_name; /* its acronym (default: the name) */
    const char *web;        /* https://... (optional) */
    /* The mark: an icon-font glyph ("logo: icon:x") or a PNG file beside
     * the partnership file ("logo: mark.png"), checked and measured when
     * the file is loaded; NULL: none. */
    const lp_pic *logo;
    const char *dir;        /* the file's folder: a PNG logo's path is relative to it */
    const yt_node *root;    /* the file's map: its colors: override theme tokens */
    const char **key_contacts; /* contacts.yaml keys: the download page's key contacts */
    size_t nkey_contacts;
    const char **footer;    /* lines for the foot of the download page */
    size_t nfooter;
    lp_arena *arena;
} lp_partnership;

/* Loads and checks the file: name required; unknown keys (with
 * suggestions), a logo that is neither icon:<name> nor a readable PNG
 * beside the file, a key contact not in contacts (with
 * suggestions; unchecked when contacts is NULL) are errors at line:col.
 * NULL on error. */
lp_partnership *partnership_load(const char *path, const lp_contacts *contacts, lp_diag *d);
/* Each colour the partnership overrides must be a colour or colour role
 * of some theme in layouts_dir/themes/, or a colour of a layout: a name
 * that none has would silently change nothing.  -1 with an error at the
 * name (and a suggestion) otherwise; 0 when there are no overrides. */
int partnership_check_colors(const lp_partnership *p, const char *layouts_dir, lp_diag *d);
void partnership_free(lp_partnership *p); /* NULL is a no-op */

#endif
