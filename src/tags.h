/* tags.h — PDF/UA tagging and the few things libharu's public API cannot
 * do.  Used only by render_pdf.c.  tags.c reaches into libharu's internals
 * (as pdffont.c and pdfx.c do for theirs); everything it does there is
 * behind these functions.
 *
 * Use: tags_new after HPDF_New; per painted box tags_mark (opens or continues
 * a marked-content sequence) and tags_close_page before a page is left; per
 * link annotation tags_link; tags_finish once before saving.
 */
#ifndef LP_TAGS_H
#define LP_TAGS_H

#include <hpdf.h>

#include "leafpress.h"

typedef struct tags_doc tags_doc;

/* State for one document; memory comes from a (the caller frees it). */
tags_doc *tags_new(HPDF_Doc pdf, const lp_pages *pages, lp_arena *a);

/* Makes sure the content that follows on page pageno belongs to snode
 * (-1: an artifact): continues the open sequence when it already does,
 * otherwise closes it and opens a new one.  Returns 0 or -1 (libharu error). */
int tags_mark(tags_doc *t, HPDF_Page page, int pageno, int snode);
/* Closes the open marked-content sequence of the page, if any. */
int tags_close_page(tags_doc *t, HPDF_Page page);

/* The rules of PDF/UA that the pages' structure can break, checked before
 * anything is written: only standard PDF 1.7 structure types, lists made of
 * items and items of a label and a body, a Figure always with alt text, and
 * heading levels that never skip (H1 then H3).  Each problem is an error at
 * the source line of the content that made it (file: the content file).
 * Returns the number of problems. */
int tags_check(const lp_pages *pages, const char *file, lp_diag *d);
/* 1..6 for "H1".."H6", else 0. */
int tags_heading_level(const char *role);

/* Tags a link annotation: /Contents (for assistive technology), and, when
 * snode >= 0, a /StructParent so the Link element can point to it. */
int tags_link(tags_doc *t, HPDF_Annotation annot, HPDF_Page page, int pageno, int snode,
              const char *contents);

/* A destination showing page pageno from height top (PDF units) down, as
 * wide as the window; NULL when the page has not been painted. */
HPDF_Destination tags_dest(tags_doc *t, int pageno, double top);
/* Adds a bookmark titled utf8 (any script) under parent (NULL: at the top)
 * going to dest; opened, so its children show.  NULL on error. */
HPDF_Outline tags_bookmark(tags_doc *t, HPDF_Outline parent, const char *utf8, HPDF_Destination dest);

typedef struct tags_meta {
    const char *title, *lang, *producer;
    long long epoch; /* -1: no date */
    /* The print variant: the PDF/X version it claims ("PDF/X-4"), the
     * document's ID (hex of the trailer's /ID) and version.  NULL on screen. */
    const char *pdfx, *doc_id, *version_id;
} tags_meta;

/* Builds the structure tree, parent tree, MarkInfo, Lang, viewer
 * preferences and XMP metadata.  Call once, after the last page. */
int tags_finish(tags_doc *t, const tags_meta *m);

/* ---- small libharu internals, kept here so only this file touches them */

/* Appends raw content-stream operators to the page. */
int tags_write_raw(HPDF_Page page, const char *s);
/* The same, n bytes. */
int tags_write_bytes(HPDF_Page page, const char *s, size_t n);
/* v written at p as libharu's own operators write numbers (HPDF_FToA: at
 * most five decimals, no trailing zeros); returns the end (no NUL).  p has
 * room for 32 bytes. */
char *tags_real(char *p, double v);
/* Marks the document as PDF 1.7. */
void tags_set_version_17(HPDF_Doc pdf);
/* Saves the document into *out (malloc'd, *len bytes) through a stream of
 * our own: libharu's memory stream copied its output a byte at a time.
 * 0, or -1. */
int tags_save(HPDF_Doc pdf, unsigned char **out, size_t *len);
/* Sets an Info dictionary entry as a UTF-16 text string. */
int tags_set_info(HPDF_Doc pdf, const char *key, const char *utf8);
/* Sets the trailer /ID to two copies of the 16 bytes. */
int tags_set_id(HPDF_Doc pdf, const unsigned char id[16]);
/* Sets a page box ("TrimBox", "BleedBox") to [left bottom right top] in
 * default user space. */
int tags_set_page_box(HPDF_Doc pdf, HPDF_Page page, const char *name, double left, double bottom,
                      double right, double top);

#endif
