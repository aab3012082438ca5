/* fonts.h — TrueType faces through HarfBuzz: metrics, shaping with kerning,
 * glyph coverage, and subsetting for embedding.  Shaped words are cached.
 *
 * A lp_fonts registry is loaded once per process and shared read-only by
 * every document (and thread) once all faces are loaded. */
#ifndef LP_FONTS_H
#define LP_FONTS_H

#include "leafpress.h"

typedef struct lp_fonts lp_fonts;

lp_fonts *fonts_new(const char *font_dir);
void fonts_free(lp_fonts *f); /* NULL is a no-op */
/* Lets the font files' pages go (they fault in again when read): between
 * the documents of a batch.  NULL is a no-op. */
void fonts_release_pages(const lp_fonts *f);

/* Face index for a file stem in font_dir ("NotoSans-Regular" ->
 * font_dir/NotoSans-Regular.ttf), loading it on first use.  -1 with an error
 * when the file is missing or not a font.  Not thread-safe: resolve every face
 * before documents are built in parallel (layouts do this when loaded). */
int fonts_face(lp_fonts *f, const char *name, lp_diag *d);
const char *fonts_name(const lp_fonts *f, int face);
size_t fonts_count(const lp_fonts *f);

/* Vertical metrics at a size, pt (ascender positive, descender negative). */
double fonts_ascender(const lp_fonts *f, int face, double size);
double fonts_descender(const lp_fonts *f, int face, double size);
double fonts_cap_height(const lp_fonts *f, int face, double size);
double fonts_x_height(const lp_fonts *f, int face, double size);

/* Advance width of text[0..len) shaped (kerning, ligatures) a word at a
 * time, at size pt, with tracking pt added after every glyph but the last. */
double fonts_width(const lp_fonts *f, int face, const char *text, size_t len, double size,
                   double tracking);

/* Does the face map cp to a glyph? */
bool fonts_has(const lp_fonts *f, int face, uint32_t cp);
/* The first code point of text[0..len) the face lacks, with its byte offset;
 * false when all are present. */
bool fonts_first_missing(const lp_fonts *f, int face, const char *text, size_t len, uint32_t *cp,
                         size_t *offset);

/* One shaped glyph, in font units. */
typedef struct lp_glyph {
    uint32_t gid;       /* glyph id in the full face */
    uint32_t cluster;   /* byte offset into the text of the first character it draws */
    int32_t advance;    /* kerning included */
    int32_t x_offset, y_offset;
} lp_glyph;

/* Shapes text[0..len) with the face's default features (kerning and
 * ligatures), a word at a time as fonts_width measures it; returns the number
 * of glyphs written into *out (allocated from a), 0 for empty text or when
 * out of memory (then *out is NULL). */
size_t fonts_shape(const lp_fonts *f, int face, const char *text, size_t len, lp_arena *a,
                   lp_glyph **out);
/* Font units per em. */
double fonts_upem(const lp_fonts *f, int face);
/* Glyphs in the face (ids run from 0 to this - 1). */
unsigned fonts_glyph_count(const lp_fonts *f, int face);
/* A glyph's advance in font units, as the font's metrics give it. */
int32_t fonts_glyph_advance(const lp_fonts *f, int face, uint32_t gid);

/* Builds a subset of face holding glyphs gids[0..n) (and what they are
 * made of), renumbered: new_gids[k] receives the id gids[k] has in it.  The
 * TrueType bytes go into *data (malloc; caller frees).  Returns 0, or -1
 * with an error. */
int fonts_subset(const lp_fonts *f, int face, const uint32_t *gids, size_t n, uint32_t *new_gids,
                 unsigned char **data, size_t *len, lp_diag *d);

/* What a PDF font descriptor says about a face (font units). */
typedef struct lp_font_info {
    const char *ps_name; /* PostScript name, safe in a PDF name */
    double upem;
    int bbox[4]; /* xMin yMin xMax yMax */
    double ascender, descender, cap_height, x_height;
    double italic_angle;
    int weight; /* 100..900 */
    bool fixed_pitch, serif, symbolic, italic;
} lp_font_info;
void fonts_info(const lp_fonts *f, int face, lp_font_info *out);

/* Icons: the code point of a Lucide icon by name (fonts/lucide-codepoints.tsv),
 * or 0 when there is no such icon. */
uint32_t fonts_icon(const lp_fonts *f, const char *name);
/* Closest icon name for an unknown one, or NULL. */
const char *fonts_icon_suggest(const lp_fonts *f, const char *name);

#endif
