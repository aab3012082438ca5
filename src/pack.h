/* pack.h — handout packs: the documents of a training session in one
 * tagged PDF, with a cover and a contents page.
 *
 * A pack file (content/packs/<name>.yaml) names a title, a date, a venue,
 * an optional trainer and the documents (paths under content/ without
 * ".md").  Each document is laid out as it is on its own (a poster in its
 * A4 edition, a booklet's A5 pages two-up on A4 in reading order), starts
 * on a right-hand page, and becomes a Part of one structure tree; the
 * cover and contents are set with the booklet layout's cover and contents
 * styles in the pack's audience theme.
 */
#ifndef LP_PACK_H
#define LP_PACK_H

#include "leafpress.h"
#include "pipeline.h"

#define PACK_MAX_DOCS 40

typedef struct lp_pack_doc {
    const char *name; /* "professionals/what-is-csa" */
    int line, col;
} lp_pack_doc;

typedef struct lp_pack {
    const char *path; /* the pack file */
    const char *slug; /* its output name */
    const char *title, *date, *venue, *trainer;
    const char *audience; /* the theme the cover is set in: the file's, else the first document's */
    int line_of[4], col_of[4]; /* where title, date, venue and documents are */
    lp_pack_doc *docs;
    size_t ndocs;
    int audience_line, audience_col;
} lp_pack;

/* Reads and checks a pack file.  0, or -1 with errors at its line:col. */
int pack_load(lp_arena *a, const char *path, lp_pack *p, lp_diag *d);

/* Lays out every document of the pack (found under content_dir) and
 * renders the pack in each variant o asks for into out[] (at most two:
 * out_dir/packs/<slug>.pdf and out_dir/print/packs/<slug>.pdf), bytes in a.
 * Returns 0, or -1 with errors. */
int pack_build(lp_env *e, lp_arena *a, const lp_pack *p, const char *content_dir,
               const lp_build_opts *o, lp_pdf out[2], size_t *nout, lp_diag *d);

/* "2027-02-14" -> "Sunday 14 February 2027" into buf; false when the date
 * is not a real day of the Gregorian calendar. */
bool pack_date_words(const char *date, char *buf, size_t size);

#endif
