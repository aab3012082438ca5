/* picture.c — PNG pictures: found safely, decoded completely, with libpng.
 *
 * libpng reports errors by longjmp; every call into it happens below one
 * setjmp in decode(), so a damaged file unwinds to an error message and the
 * rest of the batch goes on.  Everything decode() allocates hangs off a
 * struct that outlives the jump, so nothing leaks and nothing is read from
 * a clobbered local.
 *
 * This is the only file that includes <png.h>.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "picture.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest ancillary chunk libpng may allocate; the chunks it keeps (PLTE,
 * tRNS) are under 1 KiB, the image data is streamed. */
#define PIC_MAX_CHUNK (64u * 1024u)

/* Ancillary chunks the pictures do not use: handled as unknown, so their
 * CRC is still checked but their contents never parsed. */
static const png_byte ignored_chunks[] = "bKGD\0cHRM\0eXIf\0gAMA\0hIST\0iCCP\0iTXt\0oFFs\0"
                                         "pCAL\0pHYs\0sBIT\0sCAL\0sPLT\0sRGB\0tEXt\0tIME\0zTXt";

typedef struct png_in {
    const unsigned char *p;
    size_t len, pos;
    char *why;
    size_t why_size;
} png_in;

/* What decode() allocates, freed by its caller whether it returns or jumps. */
typedef struct dec {
    unsigned char *rows;   /* the image as libpng hands it over */
    png_bytep *rowp;       /* row pointers into rows */
    lp_picture pic;
    unsigned w, h;
} dec;

static void on_error(png_structp png, png_const_charp msg)
{
    png_in *in = png_get_error_ptr(png);
    snprintf(in->why, in->why_size, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    /* Warnings are about chunks the pictures do not use; never printed. */
    (void)png;
    (void)msg;
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
    png_in *in = png_get_io_ptr(png);
    if (n > in->len - in->pos) png_error(png, "the file ends early (truncated)");
    memcpy(out, in->p + in->pos, n);
    in->pos += n;
}

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Palette indices at or beyond the palette's size: libpng passes them
 * through, so they are looked for here. */
static void check_indices(png_structp png, const unsigned char *row, unsigned w, int npal)
{
    for (unsigned x = 0; x < w; x++)
        if (row[x] >= npal) {
            char msg[80];
            snprintf(msg, sizeof msg, "palette index %u is beyond its %d colours", row[x], npal);
            png_error(png, msg);
        }
}

/* Splits libpng's interleaved samples into the colour and alpha planes. */
static void split(dec *o, int channels, png_colorp pal, png_bytep trans, int ntrans)
{
    lp_picture *p = &o->pic;
    size_t n = (size_t)o->w * o->h;
    bool has_alpha = pal ? ntrans > 0 : channels == 2 || channels == 4;
    p->colors = pal || channels >= 3 ? 3 : 1;
    p->pixels = malloc(n * (size_t)p->colors);
    p->alpha = has_alpha ? malloc(n) : NULL;
    if (!p->pixels || (has_alpha && !p->alpha)) return;
    bool opaque = true;
    for (unsigned y = 0; y < o->h; y++) {
        const unsigned char *s = o->rowp[y];
        for (unsigned x = 0; x < o->w; x++) {
            size_t i = (size_t)y * o->w + x;
            unsigned char *c = p->pixels + i * (size_t)p->colors;
            unsigned char a = 255;
            if (pal) {
                unsigned k = s[x];
                c[0] = pal[k].red, c[1] = pal[k].green, c[2] = pal[k].blue;
                if ((int)k < ntrans) a = trans[k];
            } else {
                const unsigned char *q = s + (size_t)x * (size_t)channels;
                memcpy(c, q, (size_t)p->colors);
                if (has_alpha) a = q[channels - 1];
            }
            if (p->alpha) p->alpha[i] = a;
            opaque &= a == 255;
        }
    }
    if (opaque) {
        free(p->alpha);
        p->alpha = NULL;
    }
}

/* Every libpng call.  Returns 0, or jumps back to picture_decode. */
static void decode(png_structp png, png_infop info, png_in *in, dec *o, bool keep)
{
    if (setjmp(png_jmpbuf(png))) return;
    png_set_read_fn(png, in, on_read);
    png_set_user_limits(png, PIC_MAX_SIDE, PIC_MAX_SIDE);
    png_set_chunk_malloc_max(png, PIC_MAX_CHUNK);
    png_set_chunk_cache_max(png, 256);
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_set_benign_errors(png, 0);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, ignored_chunks,
                                (int)(sizeof ignored_chunks / 5));
    png_read_info(png, info);
    png_uint_32 w, h;
    int depth, ctype;
    png_get_IHDR(png, info, &w, &h, &depth, &ctype, NULL, NULL, NULL);
    png_colorp pal = NULL;
    int npal = 0, ntrans = 0;
    png_bytep trans = NULL;
    if (ctype == PNG_COLOR_TYPE_PALETTE) {
        if (!png_get_PLTE(png, info, &pal, &npal) || npal < 1) png_error(png, "the palette is missing");
        if (png_get_valid(png, info, PNG_INFO_tRNS)) png_get_tRNS(png, info, &trans, &ntrans, NULL);
        png_set_packing(png); /* one index a byte */
    } else {
        png_set_scale_16(png);
        png_set_expand_gray_1_2_4_to_8(png);
        if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    }
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    int channels = png_get_channels(png, info);
    o->w = w;
    o->h = h;
    if (!keep) {
        /* Checking only: one row, decoded pass by pass and thrown away. */
        o->rows = calloc(1, rowbytes);
        if (!o->rows) png_error(png, "out of memory");
        for (int pass = 0; pass < passes; pass++)
            for (png_uint_32 y = 0; y < h; y++) {
                png_read_row(png, o->rows, NULL);
                if (pal) check_indices(png, o->rows, w, npal);
            }
    } else {
        o->rows = malloc(rowbytes * h);
        o->rowp = malloc(h * sizeof *o->rowp);
        if (!o->rows || !o->rowp) png_error(png, "out of memory");
        for (png_uint_32 y = 0; y < h; y++) o->rowp[y] = o->rows + (size_t)y * rowbytes;
        png_read_image(png, o->rowp);
        if (pal)
            for (png_uint_32 y = 0; y < h; y++) check_indices(png, o->rowp[y], w, npal);
        split(o, channels, pal, trans, ntrans);
        if (!o->pic.pixels) png_error(png, "out of memory");
    }
    /* To the end: the chunks after the image are checked too. */
    png_read_end(png, NULL);
    o->pic.w = w;
    o->pic.h = h;
    in->why[0] = '\0';
}

int picture_decode(const unsigned char *data, size_t len, lp_picture *out, unsigned *px_w,
                   unsigned *px_h, char *why, size_t why_size)
{
    if (out) memset(out, 0, sizeof *out);
    if (len < 24 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(data + 12, "IHDR", 4) != 0) {
        snprintf(why, why_size, "not a PNG file");
        return -1;
    }
    /* The header says the size: a decompression bomb is refused before
     * libpng allocates anything for it. */
    unsigned long long w = be32(data + 16), h = be32(data + 20);
    if (w == 0 || h == 0 || w > PIC_MAX_SIDE || h > PIC_MAX_SIDE || w * h > PIC_MAX_PIXELS) {
        snprintf(why, why_size, "%llu x %llu pixels (at most %u a side and %u in all)", w, h,
                 PIC_MAX_SIDE, PIC_MAX_PIXELS);
        return -1;
    }
    png_in in = {data, len, 0, why, why_size};
    snprintf(why, why_size, "libpng stopped");
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &in, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(png ? &png : NULL, NULL, NULL);
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    dec o;
    memset(&o, 0, sizeof o);
    decode(png, info, &in, &o, out != NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(o.rows);
    free(o.rowp);
    if (why[0]) {
        picture_free(&o.pic);
        return -1;
    }
    if (px_w) *px_w = o.w;
    if (px_h) *px_h = o.h;
    if (out) *out = o.pic;
    return 0;
}

void picture_free(lp_picture *p)
{
    if (!p) return;
    free(p->pixels);
    free(p->alpha);
    p->pixels = p->alpha = NULL;
}

/* Reads all of fd (a regular file of at most PIC_MAX_BYTES). */
static unsigned char *read_fd(int fd, size_t size, size_t *got)
{
    unsigned char *buf = malloc(size ? size : 1);
    size_t n = 0;
    while (buf && n < size) {
        ssize_t r = read(fd, buf + n, size - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    *got = n;
    return buf;
}

int picture_load(const char *dir, const char *rel, const char *file, int line, int col,
                 lp_picture *out, unsigned *px_w, unsigned *px_h, lp_diag *d)
{
    if (out) memset(out, 0, sizeof *out);
    if (!dir || !dir[0]) dir = ".";
    size_t flen = strlen(dir) + 1 + strlen(rel) + 1;
    char *full = malloc(flen);
    if (!full) abort();
    snprintf(full, flen, "%s/%s", dir, rel);
    int rc = -1, fd = -1;
    char *root = NULL, *real = NULL;
    unsigned char *data = NULL;
    struct stat st;
    if (lstat(full, &st) != 0) {
        diag_error(d, file, line, col, "pictures are PNG files beside the content file, or icon:<name>",
                   "picture '%.80s' does not exist", rel);
        goto done;
    }
    root = realpath(dir, NULL);
    real = realpath(full, NULL);
    size_t rn = root ? strlen(root) : 0;
    if (!root || !real || strncmp(real, root, rn) != 0 ||
        !(real[rn] == '/' || (rn == 1 && root[0] == '/'))) {
        diag_error(d, file, line, col,
                   "keep pictures inside the content file's folder, not behind a link out of it",
                   "picture '%.80s' is outside the content folder", rel);
        goto done;
    }
    /* The resolved path, opened without waiting: a FIFO or a device named
     * like a picture must never hang the build. */
    fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || fstat(fd, &st) != 0) {
        diag_error(d, file, line, col, "use a PNG file", "picture '%.80s' is not a readable file: %s",
                   rel, strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, file, line, col, "use a PNG file",
                   "picture '%.80s' is not a regular file", rel);
        goto done;
    }
    if ((unsigned long long)st.st_size > PIC_MAX_BYTES) {
        diag_error(d, file, line, col, "save it smaller: 300 dpi at the printed size is enough",
                   "picture '%.80s' is larger than %u bytes", rel, PIC_MAX_BYTES);
        goto done;
    }
    size_t len = 0;
    data = read_fd(fd, (size_t)st.st_size, &len);
    if (!data) abort();
    char why[160];
    if (picture_decode(data, len, out, px_w, px_h, why, sizeof why) == 0) {
        rc = 0;
    } else if (strcmp(why, "not a PNG file") == 0) {
        diag_error(d, file, line, col, "save the picture as PNG", "picture '%.80s' is not a PNG file", rel);
    } else if (strstr(why, " pixels (at most")) {
        diag_error(d, file, line, col, "scale it down: 300 dpi at the printed size is enough",
                   "picture '%.80s' is %s", rel, why);
    } else {
        diag_error(d, file, line, col, "open it in an image editor and save it again as PNG",
                   "picture '%.80s' is damaged: %s", rel, why);
    }
done:
    if (fd >= 0) close(fd);
    free(data);
    free(root);
    free(real);
    free(full);
    return rc;
}
