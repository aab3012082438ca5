/* pdfpack.c — object stream and cross-reference stream (see pdfpack.h).
 *
 * libharu writes the objects in number order, each "k 0 obj\n...\nendobj\n",
 * then one "xref" section and a trailer whose entries sit one a line.  The
 * objects that are not streams (whose value does not end in "endstream")
 * are copied into one object stream; streams go first, at new offsets, and
 * those libharu wrote plain are compressed here (libdeflate, the one
 * user of libdeflate.h).  Everything is deterministic: same input, same
 * bytes. */
#include "pdfpack.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

typedef struct obj {
    size_t start, len; /* the value, between "k 0 obj\n" and "\nendobj" */
    bool stream;       /* or another object kept out of the object stream */
    bool length_set;   /* a stream's /Length, now what we compressed it to */
    size_t length;
    size_t offset;   /* stream objects: where they land in the output */
    unsigned index;  /* packed objects: position in the object stream */
} obj;

typedef struct buf {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} buf;

/* Makes room for n more bytes at b->p + b->n. */
static bool reserve(buf *b, size_t n)
{
    if (b->failed) return false;
    if (b->n + n <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + n) cap *= 2;
    unsigned char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

static void put(buf *b, const void *data, size_t n)
{
    if (!reserve(b, n)) return;
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putf(buf *b, const char *fmt, size_t v1, size_t v2)
{
    char tmp[64];
    int k = snprintf(tmp, sizeof tmp, fmt, v1, v2);
    put(b, tmp, (size_t)k);
}

/* v in decimal, by hand (as "%zu"): two for every object a file has. */
static void put_num(buf *b, size_t v)
{
    char tmp[24];
    int k = (int)sizeof tmp;
    do tmp[--k] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    put(b, tmp + k, sizeof tmp - (size_t)k);
}

/* Finds needle in hay[from..to), or returns to. */
static size_t find(const unsigned char *hay, size_t from, size_t to, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= to; i++)
        if (memcmp(hay + i, needle, n) == 0) return i;
    return to;
}

static bool ends_with(const unsigned char *p, size_t len, const char *s)
{
    size_t n = strlen(s);
    return len >= n && memcmp(p + len - n, s, n) == 0;
}

static unsigned long number(const unsigned char *p, size_t len, size_t *at)
{
    unsigned long v = 0;
    while (*at < len && p[*at] >= '0' && p[*at] <= '9') v = v * 10 + (unsigned long)(p[(*at)++] - '0');
    return v;
}

/* libdeflate's fastest level: against its level 6 (a little smaller than
 * zlib's default) a guide takes 9 % fewer instructions for 6 % more bytes
 * (what-is-csa.pdf 23.8 -> 25.3 KB, the limit being 30 KB).  One
 * compressor serves the whole file. */
#ifndef PDFPACK_LEVEL
#define PDFPACK_LEVEL 1
#endif

/* in[0..len) as a zlib stream (FlateDecode) appended to out; its length,
 * or 0 when memory ran out. */
static size_t deflate_to(struct libdeflate_compressor *z, const unsigned char *in, size_t len, buf *out)
{
    size_t bound = libdeflate_zlib_compress_bound(z, len);
    if (!reserve(out, bound)) return 0;
    size_t n = libdeflate_zlib_compress(z, in, len, out->p + out->n, bound);
    if (n == 0) out->failed = true;
    out->n += n;
    return n;
}

/* Reads libharu's xref table and locates every object's value. */
static obj *read_objects(const unsigned char *in, size_t len, size_t *nobj, size_t *xref_at,
                         size_t *header_len)
{
    size_t sx = 0;
    for (size_t i = len > 64 ? len - 64 : 0; i + 9 <= len; i++)
        if (memcmp(in + i, "startxref", 9) == 0) sx = i;
    if (!sx) return NULL;
    size_t at = sx + 9;
    while (at < len && (in[at] == '\n' || in[at] == '\r')) at++;
    size_t x = number(in, len, &at);
    if (x + 5 > len || memcmp(in + x, "xref\n", 5) != 0) return NULL;
    at = x + 5;
    if (number(in, len, &at) != 0 || at >= len || in[at++] != ' ') return NULL;
    size_t n = number(in, len, &at);
    while (at < len && (in[at] == '\n' || in[at] == '\r')) at++;
    if (n < 2 || n > 8000000 || at + n * 20 > len) return NULL;
    obj *o = calloc(n, sizeof *o);
    if (!o) return NULL;
    for (size_t k = 1; k < n; k++) {
        const unsigned char *e = in + at + k * 20;
        size_t p = 0;
        size_t off = number(e, 10, &p);
        if (p != 10 || e[17] != 'n') goto bad;
        o[k].start = off;
    }
    *header_len = o[1].start;
    for (size_t k = 1; k < n; k++) {
        size_t end = k + 1 < n ? o[k + 1].start : x;
        size_t p = o[k].start;
        if (end <= p || end > x) goto bad;
        /* "k 0 obj\n" */
        size_t q = p;
        if (number(in, end, &q) != k || find(in, q, q + 7 < end ? q + 7 : end, " 0 obj\n") != q) goto bad;
        p = q + 7;
        size_t e = end;
        if (!ends_with(in + p, e - p, "\nendobj\n")) goto bad;
        e -= 8;
        o[k].start = p;
        o[k].len = e - p;
        /* Streams cannot go into an object stream; the page tree's root
         * stays plain too, so a reader that scans the file for its /Count
         * (the download page's page count) still finds it. */
        o[k].stream = ends_with(in + p, e - p, "endstream");
        if (!o[k].stream) { /* not searched through a stream's data */
            size_t tp = find(in, p, e, "/Type /Pages");
            o[k].stream = tp + 12 < e && strchr(" \n\r/<>[]", in[tp + 12]);
        }
    }
    *nobj = n;
    *xref_at = x;
    return o;
bad:
    free(o);
    return NULL;
}

/* A stream libharu wrote plain, "<<...>>\nstream\r\n" data "\nendstream",
 * written compressed: its dictionary gains /Filter and the object holding
 * its /Length is given the new length.  The XMP metadata stays plain (PDF/A
 * wants it readable as it is) and a stream that has a filter is as it was. */
static bool deflate_stream(struct libdeflate_compressor *z, const unsigned char *in, obj *o, size_t n,
                           size_t k, buf *b)
{
    const unsigned char *v = in + o[k].start;
    size_t len = o[k].len;
    size_t s = find(v, 0, len, "\nstream\r\n");
    if (s == len || s < 2 || memcmp(v + s - 2, ">>", 2) != 0 || !ends_with(v, len, "\nendstream") ||
        s + 9 > len - 10 || find(v, 0, s, "/Filter") != s || find(v, 0, s, "/Type /Metadata") != s)
        return false;
    size_t l = find(v, 0, s, "/Length ");
    if (l == s) return false;
    l += 8;
    size_t at = l;
    unsigned long ref = number(v, s, &at);
    if (at == l || at + 4 > s || memcmp(v + at, " 0 R", 4) != 0 || ref == 0 || ref >= n || o[ref].stream ||
        o[ref].length_set)
        return false;
    put(b, v, s - 2);
    puts_(b, "/Filter /FlateDecode\n>>\nstream\r\n");
    o[ref].length = deflate_to(z, v + s + 9, len - 10 - (s + 9), b);
    o[ref].length_set = true;
    puts_(b, "\nendstream");
    return true;
}

int pdf_pack(const unsigned char *in, size_t len, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    size_t n = 0, x = 0;
    size_t header = 0;
    obj *o = read_objects(in, len, &n, &x, &header);
    if (!o) return -1;
    size_t tr = find(in, x, len, "trailer\n<<\n"), tr_end = find(in, x, len, ">>\nstartxref");
    struct libdeflate_compressor *z = tr < tr_end ? libdeflate_alloc_compressor(PDFPACK_LEVEL) : NULL;
    if (!z) {
        free(o);
        return -1;
    }
    tr += 11;

    /* The streams first, compressed as they go, at new offsets. */
    buf b = {0};
    put(&b, in, header); /* "%PDF-1.7" and the binary comment */
    for (size_t k = 1; k < n; k++) {
        if (!o[k].stream) continue;
        o[k].offset = b.n;
        put_num(&b, k);
        puts_(&b, " 0 obj\n");
        if (!deflate_stream(z, in, o, n, k, &b)) put(&b, in + o[k].start, o[k].len);
        puts_(&b, "\nendobj\n");
    }

    /* The object stream: "num offset ..." pairs, then the values. */
    buf head = {0}, body = {0}, stm = {0};
    unsigned packed = 0;
    for (size_t k = 1; k < n; k++) {
        if (o[k].stream) continue;
        o[k].index = packed++;
        put_num(&head, k);
        put(&head, " ", 1);
        put_num(&head, body.n);
        put(&head, " ", 1);
        if (o[k].length_set)
            put_num(&body, o[k].length);
        else
            put(&body, in + o[k].start, o[k].len);
        put(&body, "\n", 1);
    }
    size_t first = head.n;
    put(&stm, head.p, head.n);
    put(&stm, body.p, body.n);
    free(head.p);
    free(body.p);
    buf zs = {0};
    if (!stm.failed) deflate_to(z, stm.p, stm.n, &zs);
    free(stm.p);
    if (stm.failed || zs.failed) {
        libdeflate_free_compressor(z);
        free(o);
        free(b.p);
        free(zs.p);
        return -1;
    }
    size_t objstm = n, xrefstm = n + 1, objstm_at = b.n;
    putf(&b, "%zu 0 obj\n<</Type/ObjStm/N %zu", objstm, packed);
    putf(&b, "/First %zu/Filter/FlateDecode/Length %zu>>stream\n", first, zs.n);
    put(&b, zs.p, zs.n);
    puts_(&b, "\nendstream\nendobj\n");
    free(zs.p);

    /* The cross-reference stream: type, offset or object stream, index. */
    size_t entries = n + 2, xref_at = b.n;
    unsigned char *rows = calloc(entries, 7);
    if (!rows) {
        libdeflate_free_compressor(z);
        free(o);
        free(b.p);
        return -1;
    }
    for (size_t k = 0; k < entries; k++) {
        unsigned char *row = rows + k * 7;
        uint32_t f2 = 0, f3 = 0;
        if (k == 0) {
            row[0] = 0;
            f3 = 0xFFFF;
        } else if (k == objstm || k == xrefstm || o[k].stream) {
            row[0] = 1;
            f2 = (uint32_t)(k == objstm ? objstm_at : k == xrefstm ? xref_at : o[k].offset);
        } else {
            row[0] = 2;
            f2 = (uint32_t)objstm;
            f3 = o[k].index;
        }
        row[1] = (unsigned char)(f2 >> 24), row[2] = (unsigned char)(f2 >> 16);
        row[3] = (unsigned char)(f2 >> 8), row[4] = (unsigned char)f2;
        row[5] = (unsigned char)(f3 >> 8), row[6] = (unsigned char)f3;
    }
    buf zx = {0};
    deflate_to(z, rows, entries * 7, &zx);
    free(rows);
    libdeflate_free_compressor(z);
    if (zx.failed || b.n > UINT32_MAX) {
        free(o);
        free(b.p);
        free(zx.p);
        return -1;
    }
    putf(&b, "%zu 0 obj\n<</Type/XRef/Size %zu/W[1 4 2]/Filter/FlateDecode", xrefstm, entries);
    putf(&b, "/Length %zu", zx.n, 0);
    /* The trailer's entries but /Size, one a line as libharu writes them. */
    for (size_t p = tr; p < tr_end;) {
        size_t e = find(in, p, tr_end, "\n");
        if (e - p < 5 || memcmp(in + p, "/Size", 5) != 0) {
            put(&b, "\n", 1);
            put(&b, in + p, e - p);
        }
        p = e + 1;
    }
    puts_(&b, ">>stream\n");
    put(&b, zx.p, zx.n);
    free(zx.p);
    puts_(&b, "\nendstream\nendobj\n");
    putf(&b, "startxref\n%zu\n%%%%EOF\n", xref_at, 0);
    free(o);
    if (b.failed) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *out_len = b.n;
    return 0;
}
