/* layout_schema.h — the declared keys of layouts and themes.
 *
 * One table (layout_schema.c) lists every key a layout or theme may hold: its
 * dotted path ("*" stands for a name the file chooses, such as a style or a
 * colour token), where it may appear (a theme, any layout, or the layouts of
 * some formats), its type, its default, its allowed range and one line of
 * documentation.  Every layout and theme is checked against it when loaded,
 * so a misspelt key, a value of the wrong type or an impossible value is an
 * error at its file:line:col, and layouts/README.md's key reference is
 * written from it.  A new key is one line in the table.
 */
#ifndef LP_LAYOUT_SCHEMA_H
#define LP_LAYOUT_SCHEMA_H

#include <stdio.h>

#include "leafpress.h"
#include "yamltree.h"

typedef enum {
    LS_LEN,      /* a length with a unit: 15mm, 10pt */
    LS_NUM,      /* a plain number */
    LS_INT,      /* a whole number */
    LS_BOOL,     /* true or false */
    LS_TEXT,     /* text on one line */
    LS_CHOICE,   /* one word of those in range, "a|b|c" */
    LS_COLOR,    /* a colour token of the theme, or { rgb, cmyk } */
    LS_TEXTS,    /* a list of text */
    LS_CHOICES,  /* a list of words from range, "a|b|c" */
    LS_ORDER,    /* every word of range, "a|b|c", each once, in any order */
    LS_NUMS,     /* a list of numbers */
    LS_COLORS,   /* a list of colours */
    LS_PAIRS,    /* a list of [colour, colour] pairs */
    LS_COLORDEF, /* a colour definition: { rgb: "#RRGGBB", cmyk: [c, m, y, k] } */
    LS_FORMAT,   /* the name of a format of the registry (formats.c) */
} ls_type;

/* Where a key may appear (ls_key.scope): a theme (a layout may override it),
 * any layout, or the layouts of the formats whose bits are set. */
#define LS_FMT(f) (1u << (f))
#define LS_THEME (1u << 30)
#define LS_LAYOUT (1u << 29)
#define LS_ANY_FORMAT (LS_FMT(FMT__COUNT) - 1u)

typedef struct ls_key {
    unsigned scope; /* LS_THEME, LS_LAYOUT, or LS_FMT bits of the formats whose layouts hold it */
    const char *path;  /* dotted; "*" is any name */
    ls_type type;
    const char *dflt;  /* the value when absent; NULL: the format requires it */
    /* LS_LEN, LS_NUM, LS_INT, LS_NUMS: the least and greatest value, as
     * written ("0mm", "1"), NULL for no bound; a least value starting with
     * '>' excludes itself (">0pt").  LS_CHOICE(S): lo is the words, "a|b". */
    const char *lo, *hi;
    const char *doc;
} ls_key;

extern const ls_key ls_keys[];
extern const size_t ls_nkeys;

/* Checks one file's tree: every key declared for where it is (format is the
 * layout's format, or NULL for a theme), every value of its type and in its
 * range.  color checks a colour value at path (a token must name a colour
 * the theme defines); NULL checks only its shape.  Returns false after adding
 * errors at file:line:col. */
typedef bool (*ls_color_fn)(const void *ctx, const yt_node *n, const char *path, const char *file, lp_diag *d);
bool schema_check(const yt_node *root, const char *file, const char *format, ls_color_fn color,
                  const void *color_ctx, lp_diag *d);

/* A theme maps every colour role of the table (roles.*) to a colour: a
 * missing role is an error at the theme's roles: key (or its first line). */
bool schema_check_roles(const yt_node *theme, const char *file, lp_diag *d);

/* The key for a node at dotted (literal names, as in the file) in a file of
 * format (NULL: a theme), or NULL when none is declared. */
const ls_key *schema_find(const char *dotted, const char *format);

/* Writes the Markdown key reference of layouts/README.md (everything after
 * SCHEMA_README_MARK). */
#define SCHEMA_README_MARK "<!-- Everything below is written by `make layouts-doc` from src/layout_schema.c. -->\n"
void schema_write_reference(FILE *out);

#endif
