/* layouts_doc.c — rewrites the key reference of layouts/README.md from the
 * schema table (`make layouts-doc`).  The prose above the marker line is
 * kept as it is; everything below it is written anew. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_schema.h"

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "layouts/README.md";
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    char *text = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *p = realloc(text, cap + 1);
            if (!p) return 1;
            text = p;
        }
        size_t got = fread(text + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    text[n] = '\0';
    char *mark = strstr(text, SCHEMA_README_MARK);
    size_t keep = mark ? (size_t)(mark - text) : n;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fprintf(stderr, "%s: cannot write\n", tmp);
        return 1;
    }
    fwrite(text, 1, keep, out);
    schema_write_reference(out);
    free(text);
    if (fclose(out) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "%s: cannot write\n", path);
        return 1;
    }
    return 0;
}
