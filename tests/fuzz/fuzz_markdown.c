/* fuzz_markdown.c — a content file all the way to the document model:
 * front matter, then md_parse with directives and {{contact:...}}
 * substitution against the real content/contacts.yaml. */
#include "contacts.h"
#include "fuzz_common.h"
#include "markdown.h"
#include "source.h"

static lp_contacts *contacts;

static void walk(const lp_block *b, size_t n, int depth)
{
    /* MD_MAX_DEPTH counts lists and quotes; a list level is two blocks
     * (the list and its item), and an item holds a paragraph. */
    if (depth > 2 * MD_MAX_DEPTH + 2) abort();
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < b[i].nin; j++) {
            const lp_inline *in = &b[i].in[j];
            if (!in->text) abort();
            if (utf8_check(in->text, strlen(in->text)) != strlen(in->text)) abort();
            if (in->kind == IN_IMAGE && (!in->url || in->url[0] == '/' || strstr(in->url, "..")))
                abort();
        }
        walk(b[i].kids, b[i].nkids, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[300];
    if (!path[0]) {
        fuzz_chdir_root();
        snprintf(path, sizeof path, "%s/doc.md", fuzz_scratch());
        lp_diag cd;
        diag_init(&cd);
        contacts = contacts_load("content/contacts.yaml", &cd);
        diag_free(&cd);
        if (!contacts) {
            fprintf(stderr, "fuzz_markdown: run from the project root (or set LEAFPRESS_ROOT)\n");
            abort();
        }
    }
    fuzz_write(path, data, size);

    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.arena = a;
    doc.path = path;
    doc.slug = "doc";
    lp_source src;
    if (source_load(a, path, &src, &d) == 0 && source_meta(a, &src, &doc.meta, &d) == 0) {
        if (md_parse(&doc, &src, contacts, &d) == 0) {
            if (d.errors) abort(); /* success with errors is a lie */
            walk(doc.blocks, doc.nblocks, 1);
        } else if (d.errors == 0) {
            abort();
        }
    }
    fuzz_check_diag(&d);
    diag_free(&d);
    arena_free(a);
    return 0;
}
