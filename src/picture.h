/* picture.h — PNG pictures beside a content file, decoded with libpng.
 *
 * A picture is found relative to the folder of the content file that names
 * it, must stay inside that folder once symbolic links are followed, must be
 * a regular file (a FIFO or device is refused without being waited on), and
 * is decoded completely, under limits, before anything else sees it: a
 * damaged file is an error at the document's line, never an abort.  Every
 * PNG libpng reads (any bit depth, palette, grey, alpha, interlaced) comes
 * out as 8-bit grey or RGB samples plus an optional 8-bit alpha plane.
 */
#ifndef LP_PICTURE_H
#define LP_PICTURE_H

#include "leafpress.h"

#define PIC_MAX_BYTES (8u * 1024u * 1024u) /* a picture file */
#define PIC_MAX_SIDE 10000u                /* pixels, either way */
#define PIC_MAX_PIXELS 25000000u           /* width x height */

typedef struct lp_picture {
    unsigned w, h;
    int colors;             /* 1 (grey) or 3 (RGB) */
    unsigned char *pixels;  /* w * h * colors bytes, top row first (malloc) */
    unsigned char *alpha;   /* w * h bytes (malloc), or NULL when fully opaque */
} lp_picture;

/* Reads the picture rel (a path relative to dir, the content file's
 * folder) and decodes it.  With out NULL the file is only checked: decoded
 * row by row and thrown away, so checking needs memory for one row.  Errors
 * go to d at file:line:col (the content file), naming the picture as
 * written ("picture 'x.png' is damaged: ...").  Returns 0 (with *px_w,
 * *px_h set when not NULL) or -1. */
int picture_load(const char *dir, const char *rel, const char *file, int line, int col,
                 lp_picture *out, unsigned *px_w, unsigned *px_h, lp_diag *d);

/* Decodes a PNG held in memory (what picture_load does after reading the
 * file).  On failure returns -1 with a reason in why.  out may be NULL. */
int picture_decode(const unsigned char *data, size_t len, lp_picture *out, unsigned *px_w,
                   unsigned *px_h, char *why, size_t why_size);

void picture_free(lp_picture *p); /* frees the planes; NULL is a no-op */

#endif
