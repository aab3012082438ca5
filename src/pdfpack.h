/* pdfpack.h — the finished PDF rewritten compactly: every object that is not
 * a stream goes into one compressed object stream, and the cross-reference
 * table becomes a compressed cross-reference stream (PDF 1.5, 7.5.7-8).
 * In a one-page guide the structure tree, font dictionaries, annotations and
 * the table itself were a third of the file.  Streams written plain (libharu
 * compresses nothing: render_pdf sets HPDF_COMP_NONE) are compressed here,
 * FlateDecode, and the objects holding their /Length rewritten; the XMP
 * metadata stays plain.  Only the files libharu writes are expected (one
 * xref section, generation 0, no encryption). */
#ifndef LP_PDFPACK_H
#define LP_PDFPACK_H

#include <stddef.h>

/* Rewrites in[0..len) into *out (malloc; the caller frees).  Returns 0, or
 * -1 when the input is not what libharu writes or memory runs out (then
 * *out is NULL and the input can be used as it is). */
int pdf_pack(const unsigned char *in, size_t len, unsigned char **out, size_t *out_len);

#endif
