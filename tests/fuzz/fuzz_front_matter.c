/* fuzz_front_matter.c — a whole content file through source_load and
 * source_meta: BOM/CRLF cleaning, UTF-8 and NUL checks, the front matter
 * fence scan, the YAML tree (depth, aliases) and front-matter validation. */
#include "fuzz_common.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[300];
    if (!path[0]) snprintf(path, sizeof path, "%s/doc.md", fuzz_scratch());
    fuzz_write(path, data, size);

    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_source src;
    lp_meta meta;
    if (source_load(a, path, &src, &d) == 0) {
        memset(&meta, 0, sizeof meta);
        if (source_meta(a, &src, &meta, &d) == 0 && !meta.title) abort();
    } else if (d.errors == 0) {
        abort(); /* a failure must say why */
    }
    fuzz_check_diag(&d);
    diag_free(&d);
    arena_free(a);
    return 0;
}
