/* pdffont.h — fonts written by us: each face a document draws becomes a
 * Type0 font over a CIDFontType2 built from HarfBuzz's subset, the glyph ids
 * of the subset as its CIDs (CIDToGIDMap /Identity), with our own /W widths
 * and a ToUnicode map from each glyph to the characters it draws (a
 * ligature to its several letters).  Used only by render_pdf.c; it reaches
 * into libharu's object API, as tags.c and pdfx.c do.
 *
 * Use: pdffont_new per face; pdffont_use for every glyph the document
 * draws; pdffont_embed once, before the first page is painted; then
 * pdffont_cid, pdffont_width, pdffont_maps and pdffont_select while painting.
 */
#ifndef LP_PDFFONT_H
#define LP_PDFFONT_H

#include <hpdf.h>

#include "fonts.h"
#include "leafpress.h"

typedef struct pdffont pdffont;

pdffont *pdffont_new(lp_arena *a, const lp_fonts *fonts, int face);

/* Records that glyph gid is drawn for text[0..len): the characters of its
 * cluster when it is the cluster's first glyph (first), else nothing. */
void pdffont_use(pdffont *p, uint32_t gid, bool first, const char *text, size_t len);

/* Subsets the face to the glyphs used and adds the font's objects to pdf.
 * Returns 0, or -1 with an error in d. */
int pdffont_embed(pdffont *p, HPDF_Doc pdf, lp_diag *d);

/* The code a used glyph is written as (its id in the subset). */
uint32_t pdffont_cid(const pdffont *p, uint32_t gid);
/* Its width in the font's /W, thousandths of the font size. */
int pdffont_width(const pdffont *p, uint32_t gid);
/* Does the ToUnicode map give exactly text[0..len) for the glyph (the
 * cluster's first), or nothing (another of its glyphs)? */
bool pdffont_maps(const pdffont *p, uint32_t gid, bool first, const char *text, size_t len);

/* Makes the font the page's current one at size: "/Fn size Tf", the font
 * added to the page's resources.  Returns 0 or -1. */
int pdffont_select(pdffont *p, HPDF_Page page, double size);

#endif
