/* render_pdf.h — boxes -> a PDF file, with libharu.  Makes no layout
 * decisions: it paints what flow placed. */
#ifndef LP_RENDER_PDF_H
#define LP_RENDER_PDF_H

#include "fonts.h"
#include "leafpress.h"

typedef enum { VARIANT_SCREEN, VARIANT_PRINT } lp_variant;

typedef struct lp_render_opts {
    lp_variant variant;
    double bleed;        /* print: pt of bleed around the trim (layout's value) */
    double mark_offset;  /* print: gap between the bleed edge and a crop mark, pt */
    double mark_length;  /* print: crop mark length, pt */
    long long epoch;     /* creation date, seconds (SOURCE_DATE_EPOCH), or -1 for none */
    const char *title, *subject, *lang, *author, *keywords;
    const char *base_dir; /* directory of the content file: pictures are found in it */
    /* print: */
    const char *output_profile;  /* ICC CMYK output profile; NULL: the layout's, else the default */
    const char *default_profile; /* FOGRA39 (found with the project); NULL: PDFX_DEFAULT_PROFILE */
    const char *version;        /* the document's version, for the slug line */
    long long inputs_mtime;     /* newest input's time: the date without SOURCE_DATE_EPOCH */
    bool single_pages;          /* a booklet's pages one by one, not imposed */
} lp_render_opts;

/* Writes the pages to out_path atomically: a temporary file in the same
 * directory, renamed over out_path only when everything succeeded.  On any
 * error no file is left behind.  Returns 0 or -1. */
int pdf_render(const lp_pages *pages, const lp_fonts *fonts, const lp_render_opts *o,
               const char *out_path, lp_diag *d);

/* The PDF in memory: *out (malloc'd, the caller frees it) and *out_len.
 * name is what messages call the file.  Returns 0, or -1 with *out NULL. */
int pdf_render_bytes(const lp_pages *pages, const lp_fonts *fonts, const lp_render_opts *o,
                     const char *name, unsigned char **out, size_t *out_len, lp_diag *d);

/* Writes buf to out_path atomically (a temporary file in the same
 * directory, renamed over out_path), making missing directories.  On error
 * nothing is left behind.  Returns 0 or -1. */
int pdf_write_file(const char *out_path, const unsigned char *buf, size_t size, lp_diag *d);

/* What a temporary output file's name holds after out_path, before the
 * writing process's id: "<out_path>.tmp.<pid>.XXXXXX". */
#define PDF_TMP_MARK ".tmp."

/* The first half of pdf_write_file: buf in a whole temporary file beside
 * out_path (missing directories made), whose name is returned (malloc'd)
 * for the caller to rename over out_path or unlink.  With sync the file is
 * on disk before this returns; without, the caller puts a whole batch on
 * disk at once when it is done (lp_sync_outputs).  NULL after an error,
 * with nothing left behind. */
char *pdf_stage_file(const char *out_path, const unsigned char *buf, size_t size, bool sync, lp_diag *d);

/* Checks that path is an ICC CMYK output profile (what --output-profile
 * may name).  Returns 0, or -1 with an error in d. */
int pdf_check_output_profile(const char *path, lp_diag *d);

#endif
