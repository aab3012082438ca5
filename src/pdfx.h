/* pdfx.h — what makes the print variant a PDF/X-4 file: the CMYK output
 * profile (checked and applied with Little CMS), the output intent that
 * embeds it, the registration colour, the Info keys and the PDF version.
 * Used only by render_pdf.c (and the command line, to check a profile
 * once).  pdfx.c and tags.c are the only files that reach into libharu's
 * internals; pdfx.c is the only one that includes lcms2.h. */
#ifndef LP_PDFX_H
#define LP_PDFX_H

#include <hpdf.h>

#include "leafpress.h"

#define PDFX_VERSION "PDF/X-4"

/* The default output profile: FOGRA39 (ISO 12647-2 coated offset), built
 * by `make` from Debian's characterisation data (see the Makefile). */
#ifndef PDFX_DEFAULT_PROFILE
#define PDFX_DEFAULT_PROFILE "build/icc/FOGRA39L.icc"
#endif

typedef struct pdfx_profile {
    const char *path;
    unsigned char *data; /* the ICC file (malloc) */
    size_t len;
    char desc[128];      /* its description tag, or its file name */
    bool fogra39;        /* the FOGRA39 characterisation: a registered condition */
} pdfx_profile;

/* Reads the ICC profile at path and checks that it is an output profile
 * for CMYK (what a press prints with).  Errors name the file and say what
 * it is instead.  Returns 0 or -1. */
int pdfx_profile_load(const char *path, pdfx_profile *p, lp_diag *d);
void pdfx_profile_free(pdfx_profile *p); /* NULL or an unloaded profile is a no-op */

/* Converts n pixels of 8-bit sRGB into 8-bit CMYK (4 bytes a pixel, 255 =
 * full ink) through the profile: relative colorimetric with black-point
 * compensation, as DESIGN.md's CMYK values were made.  Returns 0, or -1
 * when Little CMS cannot build the transform. */
int pdfx_to_cmyk(const pdfx_profile *p, const unsigned char *rgb, size_t n, unsigned char *cmyk);

/* ---- the PDF side */

/* Embeds the profile and names it the document's /OutputIntents
 * (GTS_PDFX).  Returns 0 or -1 (a libharu error). */
int pdfx_output_intent(HPDF_Doc pdf, const pdfx_profile *p);

/* Adds to the page's resources the colour space `name`: Separation /All,
 * the registration colour that prints on every plate.  Returns 0 or -1. */
int pdfx_registration_space(HPDF_Doc pdf, HPDF_Page page, const char *name);

/* Info: CreationDate and ModDate (epoch seconds, UTC), /Trapped /False and
 * GTS_PDFXVersion.  Returns 0 or -1. */
int pdfx_info(HPDF_Doc pdf, long long epoch);

/* Writes the header as %PDF-1.6, the newest version PDF/X-4 allows. */
void pdfx_set_version(HPDF_Doc pdf);

#endif
