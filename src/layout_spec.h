/* layout_spec.h — layouts/<name>.yaml + layouts/themes/<audience>.yaml.
 *
 * A layout says where things go (page, margins, grid, panels); a theme says
 * how text looks for an audience (colours, fonts, styles).  Lookups by dotted
 * path try the layout first, then its theme, so a layout may override any
 * theme value.  Lengths are strings with a unit ("15mm", "10pt"); they come
 * back in points.  Every getter that fails adds an error at the file:line:col
 * of the offending value (or of the layout file when a required key is
 * missing). */
#ifndef LP_LAYOUT_SPEC_H
#define LP_LAYOUT_SPEC_H

#include "fonts.h"
#include "leafpress.h"
#include "yamltree.h"

typedef struct lp_spec lp_spec;

/* Loads layouts_dir/<layout>.yaml and the theme it names ("theme: x"), or
 * layouts_dir/themes/<theme>.yaml when the layout names none.  Resolves every
 * font the theme names through fonts (so faces are loaded before any thread
 * starts).  NULL on error. */
lp_spec *spec_load(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts,
                   lp_diag *d);
/* The same, with over's colors: map replacing (or adding) colour tokens
 * after the theme's and the layout's: a partnership's own colours.  The
 * theme's contrast pairs are checked with them. */
lp_spec *spec_load_over(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts,
                        const yt_node *over, const char *over_file, lp_diag *d);
void spec_free(lp_spec *s); /* NULL is a no-op */

/* The layout and theme files a batch's specs are made from, each parsed
 * once (the catalogue's 10 layout and theme pairs read 22 files, 9 of them
 * different).  Trees are read only; the files outlive the specs made with
 * them.  Load specs from one thread (before workers start). */
typedef struct spec_files spec_files;
spec_files *spec_files_new(void);
void spec_files_free(spec_files *f); /* NULL is a no-op */
/* spec_load_over, reading each file through files (NULL: a fresh parse). */
lp_spec *spec_load_shared(const char *layouts_dir, const char *layout, const char *theme, lp_fonts *fonts,
                          const yt_node *over, const char *over_file, spec_files *files, lp_diag *d);

/* Is there a layout of this name in layouts_dir?  When not, *near is the
 * closest name there is (or NULL), allocated from a. */
bool spec_layout_exists(const char *layouts_dir, const char *name, lp_arena *a, const char **near);

/* The format a layout (or one it extends) declares with format:, or NULL
 * when it cannot be read or says none. */
const char *spec_layout_format(const char *layouts_dir, const char *name, lp_arena *a);

/* Is the layout made for this audience?  A layout lists its readers under
 * "for: [...]"; one without the key is for everyone.  Returns 1 (yes), 0 (no:
 * *made_for is the list, "families" or "professionals, families"), or -1
 * when the layout cannot be read (spec_load reports why). */
int spec_layout_for(const char *layouts_dir, const char *name, const char *audience, lp_arena *a,
                    const char **made_for);

/* Where a value the layout or theme gives (an icon's name) is written,
 * for messages about it that are found only when it is used: the first
 * scalar equal to value, in the layout then the theme; NULL if none. */
const yt_node *spec_find_value(const lp_spec *s, const char *value, const char **file);
const char *spec_layout_path(const lp_spec *s);
const char *spec_theme_path(const lp_spec *s);
/* The file n (a node of the layout or its theme) is written in: the layout
 * itself, a layout it extends, or the theme; messages about a value found
 * by spec_node go there. */
const char *spec_node_file(const lp_spec *s, const yt_node *n);
const yt_node *spec_node(const lp_spec *s, const char *dotted); /* layout, then theme */

/* Required values: false (and an error) when missing or malformed. */
bool spec_len(const lp_spec *s, const char *dotted, double *pt, lp_diag *d);
bool spec_num(const lp_spec *s, const char *dotted, double *v, lp_diag *d);
bool spec_str(const lp_spec *s, const char *dotted, const char **v, lp_diag *d);
bool spec_bool(const lp_spec *s, const char *dotted, bool *v, lp_diag *d);
/* A colour: a token from the theme's colors: map ("navy"), or an inline
 * { rgb: "#RRGGBB", cmyk: [c, m, y, k] } (percentages). */
bool spec_color(const lp_spec *s, const char *dotted, lp_color *c, lp_diag *d);
/* A theme colour by token name. */
bool spec_color_token(const lp_spec *s, const char *token, lp_color *c, lp_diag *d);
/* A font face by family token and weight ("sans", "bold") -> face index. */
bool spec_face(const lp_spec *s, const char *family, const char *weight, int *face, lp_diag *d);
/* styles.<name>, with "base: other" inheritance.  See layouts/README.md. */
bool spec_style(const lp_spec *s, const char *name, lp_style *st, lp_diag *d);

/* Optional values: the default when the key is absent; an error (and the
 * default) when present but malformed. */
double spec_len_or(const lp_spec *s, const char *dotted, double dflt, lp_diag *d);
const char *spec_str_or(const lp_spec *s, const char *dotted, const char *dflt, lp_diag *d);

/* Parses a length string ("15mm", "10pt", "1.5cm", "0.2in") into points. */
bool spec_parse_len(const char *text, double *pt);

/* WCAG 2.x contrast ratio of two colours' sRGB values (1..21). */
double spec_contrast(lp_color a, lp_color b);

/* The theme's colour tokens, for the contrast check and lint. */
size_t spec_ncolors(const lp_spec *s);
const char *spec_color_name(const lp_spec *s, size_t i);

#endif
