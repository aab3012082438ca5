/* fuzz_common.h — what the fuzz targets share: a scratch directory, writing
 * an input to a file there (the loaders read paths, as leafpress does), and
 * the project root (targets run from it, or from LEAFPRESS_ROOT). */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "leafpress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[256];

/* A private scratch directory, made once per process. */
static inline const char *fuzz_scratch(void)
{
    if (!fuzz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/leafpress-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fuzz_dir)) abort();
    }
    return fuzz_dir;
}

static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    fclose(f);
}

/* Every diagnostic must carry a file and a message that formats. */
static inline void fuzz_check_diag(const lp_diag *d)
{
    char buf[2048];
    for (size_t i = 0; i < d->n; i++) {
        if (!d->items[i].file || !d->items[i].msg) abort();
        if (d->items[i].line < 0 || d->items[i].col < 0) abort();
        diag_format(&d->items[i], buf, sizeof buf);
    }
}

static inline void fuzz_chdir_root(void)
{
    const char *root = getenv("LEAFPRESS_ROOT");
    if (root && *root && chdir(root) != 0) abort();
}

#endif
