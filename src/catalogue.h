/* catalogue.h — the download page: every built PDF -> out/index.html and
 * out/manifest.json.
 *
 * The catalogue lists only what exists: each content file's front matter is
 * read again (source_load + source_meta), its PDFs are found in the output
 * directory, and a document with no screen PDF is an error naming the file
 * that should be there.  Nothing here lays out or renders a document.
 */
#ifndef LP_CATALOGUE_H
#define LP_CATALOGUE_H

#include "audiences.h"
#include "contacts.h"
#include "fonts.h"
#include "partnership.h"
#include "leafpress.h"

#include <stdio.h>

#define CAT_MAX_DOCS 4096                    /* content files in one catalogue */
#define CAT_MAX_DEPTH 16                     /* nesting of content directories */
#define CAT_MAX_PDF_BYTES (256u * 1024u * 1024u) /* a PDF read for its page count */
#define CAT_MAX_EDITIONS 8                   /* PDFs of one document per variant */
#define CAT_MAX_PAGES 10000                  /* the page count a PDF may claim */

typedef enum { CAT_SCREEN, CAT_PRINT } cat_variant;

/* One PDF of a document.  Paths are relative to the output directory, with
 * '/' separators, so they work as links from index.html. */
typedef struct cat_file {
    cat_variant variant;
    const char *edition; /* "" for the main edition, else e.g. "a4" (posters) */
    const char *path;
    int pages;
    long long bytes;
} cat_file;

typedef struct cat_entry {
    const char *source; /* the content file */
    const char *slug;
    lp_meta meta;
    double audience_order; /* where its audience comes among the audiences */
    const char *thumb;  /* "thumbs/<audience>/<slug>.png", or NULL when none was made */
    int thumb_w, thumb_h; /* pixels, read from the PNG header */
    bool thumb_cover;   /* the thumbnail is the cover panel, not the whole first page */
    /* The part of the first page that is the cover (cat_covers): left edge
     * and width as fractions of the page width, height / width of the page.
     * cover_w == 0: the whole page is the cover. */
    double cover_x, cover_w, page_aspect;
    cat_file *files;    /* screen editions first, then print, each by name */
    size_t nfiles;
} cat_entry;

/* A handout pack (content/packs/<slug>.yaml) and its two PDFs. */
typedef struct cat_pack {
    const char *source, *slug, *title, *date, *venue;
    const char *const *docs; /* the documents' names, as the pack file lists them */
    size_t ndocs;
    cat_file *files; /* screen, then print */
    size_t nfiles;
} cat_pack;

typedef struct lp_catalogue {
    lp_arena *arena;    /* everything below lives here */
    const char *out_dir;
    const lp_audiences *audiences; /* the themes: labels and order (the caller's) */
    const lp_partnership *partnership; /* footer lines (the caller's; may be NULL) */
    const lp_contacts *contacts;       /* for its key contacts (the caller's; may be NULL) */
    cat_entry *entries; /* by audience (in the themes' order), then format, then title */
    size_t n;
    cat_pack *packs;    /* the packs under <content>/packs/, by file name */
    size_t npacks;
} lp_catalogue;

/* Reads every .md file under dirs (recursively, in name order) and finds
 * its PDFs under out_dir; and each pack file (*.yaml in a folder named
 * packs) with its PDFs out_dir/[print/]packs/<slug>.pdf.  Returns NULL when nothing could be listed;
 * otherwise a catalogue of the documents that were found, with an error
 * added for each one that could not be (bad front matter, missing PDF,
 * unreadable page count).  partial: those are warnings instead, and the
 * page lists the documents that could be (`make` after a failed build). */
lp_catalogue *cat_scan(const char *out_dir, const char *const *dirs, size_t ndirs,
                       const lp_audiences *audiences, bool partial, lp_diag *d);
void cat_free(lp_catalogue *c); /* NULL is a no-op */

/* Finds, for each entry whose layout has an outside.cover panel (a
 * tri-fold: the cover is one panel of the first page), where that panel is,
 * so that its thumbnail shows the cover rather than the whole sheet.  The
 * layout is the document's own (layout:) or its format's.  A layout that
 * cannot be read is a warning: the thumbnail is then the whole page. */
void cat_covers(lp_catalogue *c, const char *layouts_dir, lp_fonts *fonts, lp_diag *d);

/* Makes out_dir/thumbs/<audience>/<slug>.png from the first page of each
 * entry's main screen PDF, by running thumbnailer (pdftoppm, or a path to
 * it) with -png -singlefile -scale-to px; a thumbnail newer than its PDF is
 * kept.  A thumbnailer that cannot be run is a warning and the entries keep
 * no thumbnail; a thumbnailer that fails on a PDF is an error.  Returns the
 * number of errors added. */
int cat_thumbnails(lp_catalogue *c, const char *thumbnailer, int px, lp_diag *d);

/* The two outputs, written to a stream (for tests) ... */
void cat_write_html(const lp_catalogue *c, FILE *f);
void cat_write_json(const lp_catalogue *c, FILE *f);
/* ... and to out_dir/index.html and out_dir/manifest.json, each through a
 * temporary file renamed into place.  Returns 0 or -1 (with diagnostics). */
int cat_write(const lp_catalogue *c, lp_diag *d);

/* The page count of a PDF held in buf: the /Count of its root /Pages
 * dictionary (the largest of any /Type /Pages object), or -1 when there is
 * none.  Reads uncompressed objects only, which is what libharu writes. */
int cat_pdf_pages(const char *buf, size_t len);

/* Escapers, exposed for their tests. */
void cat_put_html(FILE *f, const char *s); /* & < > " ' */
void cat_put_json(FILE *f, const char *s); /* a quoted JSON string */

#endif
