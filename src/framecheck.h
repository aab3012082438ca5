/* framecheck.h — the last stage before writing: nothing drawn leaves its
 * frame.
 *
 * Every box belongs to a frame (lp_box.frame): the column or panel it was
 * flowed into, a strip cell, a card, or the page itself.  Frames nest, and
 * each must lie inside its parent; the page's own frame is its trim box.
 * A box or frame that escapes is an error at the source line that made it
 * (the box's line:col, else its frame's, else the document's title), so a
 * document that would print text off the page, over a neighbour or outside
 * its panel never becomes a PDF. */
#ifndef LP_FRAMECHECK_H
#define LP_FRAMECHECK_H

#include "fonts.h"
#include "leafpress.h"

/* How far past its frame a box may reach, pt: rounding, and glyphs whose
 * ink overhangs their advance (italics, accents above capitals). */
#define FRAME_SLACK 1.0

/* Checks one laid-out edition of doc.  Returns the number of escapes found
 * (each an error in d; at most a few are reported per frame). */
int frame_check(const lp_pages *pg, const lp_fonts *fonts, const lp_doc *doc, lp_diag *d);

/* Where an icon's glyph square lies (top and foot, pt): fl_icon's box has
 * its y on the baseline it set the glyph on, not the square's top, so
 * anything asking where an icon ends asks here.  false for other boxes. */
bool frame_icon_span(const lp_fonts *fonts, const lp_box *b, double *top, double *foot);

#endif
