/* fuzz_picture.c — a PNG file's bytes through picture_decode, both ways:
 * checked row by row, and decoded whole into planes.  The two must agree,
 * and a decoded picture must be as large as it says. */
#include "fuzz_common.h"
#include "picture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why1[160], why2[160];
    unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    int checked = picture_decode(data, size, NULL, &w1, &h1, why1, sizeof why1);
    lp_picture pic;
    int decoded = picture_decode(data, size, &pic, &w2, &h2, why2, sizeof why2);
    if (checked != decoded) abort();
    if (decoded == 0) {
        if (w1 != w2 || h1 != h2 || pic.w != w2 || pic.h != h2) abort();
        if (!pic.w || !pic.h || pic.w > PIC_MAX_SIDE || pic.h > PIC_MAX_SIDE) abort();
        if (pic.colors != 1 && pic.colors != 3) abort();
        /* Touch every byte: a short plane is an ASan report. */
        size_t n = (size_t)pic.w * pic.h;
        unsigned sum = 0;
        for (size_t i = 0; i < n * (size_t)pic.colors; i++) sum += pic.pixels[i];
        for (size_t i = 0; pic.alpha && i < n; i++) sum += pic.alpha[i];
        if (sum == 0xFFFFFFFFu) abort();
        picture_free(&pic);
    } else if (!why1[0] || !why2[0] || pic.pixels || pic.alpha) {
        abort();
    }
    return 0;
}
