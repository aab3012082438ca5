/* fonts.h — TrueType faces through HarfBuzz: metrics, shaping with kerning,
 * glyph coverage, and subsetting for embedding.
 *
 * A lp_fonts registry is loaded once per process and shared read-only by
 * every document (and thread) once all faces are loaded. */
#ifndef LP_FONTS_H
#define LP_FONTS_H

#include "leafpress.h"

typedef struct lp_fonts lp_fonts;

lp_fonts *fonts_new(const char *font_dir);
void fonts_free(lp_fonts *f); /* NULL is a no-op */

/* Face index for a file stem in font_dir ("NotoSans-Regular" ->
 * font_dir/NotoSans-Regular.ttf), loading it on first use.  -1 with an error
 * when the file is missing or not a font.  Not thread-safe: resolve every face
 * before documents are built in parallel (layouts do this when loaded). */
int fonts_face(lp_fonts *f, const char *name, lp_diag *d);
const char *fonts_name(const lp_fonts *f, int face);
const char *fonts_path(const lp_fonts *f, int face);
size_t fonts_count(const lp_fonts *f);

/* Vertical metrics at a size, pt (ascender positive, descender negative). */
double fonts_ascender(const lp_fonts *f, int face, double size);
double fonts_descender(const lp_fonts *f, int face, double size);
double fonts_cap_height(const lp_fonts *f, int face, double size);
double fonts_x_height(const lp_fonts *f, int face, double size);

/* Advance width of text[0..len) shaped with kerning, at size pt, with
 * tracking pt added after every glyph but the last. */
double fonts_width(const lp_fonts *f, int face, const char *text, size_t len, double size,
                   double tracking);

/* Does the face map cp to a glyph? */
bool fonts_has(const lp_fonts *f, int face, uint32_t cp);
/* The first code point of text[0..len) the face lacks, with its byte offset;
 * false when all are present. */
bool fonts_first_missing(const lp_fonts *f, int face, const char *text, size_t len, uint32_t *cp,
                         size_t *offset);

/* One shaped glyph, for the PDF writer. */
typedef struct lp_glyph {
    uint32_t gid;      /* glyph id in the full face */
    uint32_t cp;       /* the code point it came from (first of its cluster) */
    double advance;    /* pt, at the size asked for, kerning included */
    double x_offset;   /* pt */
    uint32_t cluster;  /* byte offset into the text */
} lp_glyph;

/* Shapes text[0..len) at size; returns the number of glyphs written into
 * *out (allocated from arena). */
size_t fonts_shape(const lp_fonts *f, int face, const char *text, size_t len, double size,
                   lp_arena *a, lp_glyph **out);

/* Builds a subset of face holding the glyphs for the given code points
 * (plus .notdef), keeping glyph ids stable (retain-gids) so shaped gids stay
 * valid.  The TrueType bytes go into *data (malloc; caller frees).
 * Returns 0, or -1 with an error. */
int fonts_subset(const lp_fonts *f, int face, const uint32_t *cps, size_t ncps,
                 unsigned char **data, size_t *len, lp_diag *d);

/* Icons: the code point of a Lucide icon by name (fonts/lucide-codepoints.tsv),
 * or 0 when there is no such icon. */
uint32_t fonts_icon(const lp_fonts *f, const char *name);
/* Closest icon name for an unknown one, or NULL. */
const char *fonts_icon_suggest(const lp_fonts *f, const char *name);

#endif
