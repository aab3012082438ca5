/* newdoc.h — a new document to start from: `leafpress new`.
 *
 * The front matter is filled in (title, format, audience, dates, version)
 * and every other key is there as a comment that shows its choices; the
 * body is a skeleton in the format's own shape (a tri-fold's panels, an
 * easy-read's picture rows, a poster's messages) that builds as it is, so
 * that the writer edits a working leaflet rather than an empty file.
 */
#ifndef LP_NEWDOC_H
#define LP_NEWDOC_H

#include "audiences.h"
#include "leafpress.h"

#include <stdio.h>

/* Writes the document to f.  audience is one of au (whose names are shown
 * as the choices); today is "YYYY-MM-DD" (reviewed:), review_by a year on.
 * title must be one line (the caller checks). */
void newdoc_write(FILE *f, lp_format format, const char *audience, const lp_audiences *au, const char *title,
                  const char *today, const char *review_by);

/* The file name for a title: lower-case letters, digits and single hyphens,
 * at most 60 of them, then ".md"; "" + ".md" never (NULL when the title has
 * no letter or digit).  Allocated from a. */
const char *newdoc_file_name(lp_arena *a, const char *title);

#endif
