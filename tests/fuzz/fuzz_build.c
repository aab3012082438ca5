/* fuzz_build.c — a content file all the way to PDF bytes in memory, through
 * lp_build_doc: front matter, Markdown, the format's layout, the frame
 * check and rendering of both variants, with the real layouts, themes,
 * fonts and content/contacts.yaml.  Success must mean no errors, PDFs that
 * are whole files, and boxes on their pages; failure must be reported. */
#include "framecheck.h"
#include "fuzz_common.h"
#include "pipeline.h"

static lp_env env;

static bool whole_pdf(const lp_pdf *p)
{
    if (!p->bytes || p->len < 16 || memcmp(p->bytes, "%PDF-", 5) != 0) return false;
    size_t end = p->len;
    while (end > 0 && (p->bytes[end - 1] == '\n' || p->bytes[end - 1] == '\r')) end--;
    return end >= 5 && memcmp(p->bytes + end - 5, "%%EOF", 5) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[300];
    if (!path[0]) {
        fuzz_chdir_root();
        snprintf(path, sizeof path, "%s/doc.md", fuzz_scratch());
        lp_diag ed;
        diag_init(&ed);
        if (lp_env_open(&env, "layouts", "fonts", "content/contacts.yaml", "content/partnership.yaml", &ed) != 0) {
            fprintf(stderr, "fuzz_build: run from the project root (or set LEAFPRESS_ROOT)\n");
            abort();
        }
        diag_free(&ed);
    }
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_build_opts o = {true, true, false, false, 0, fuzz_scratch(), NULL, NULL};
    lp_build b;
    memset(&b, 0, sizeof b);
    int rc = lp_build_doc(&env, a, path, (const char *)data, size, &o, &b, &d);
    if (rc == 0) {
        if (d.errors) abort(); /* success with errors is a lie */
        if (b.npdfs == 0) abort();
        for (size_t i = 0; i < b.npdfs; i++)
            if (!whole_pdf(&b.pdfs[i])) abort();
        for (size_t e = 0; e < b.neditions; e++) {
            const lp_pages *pg = &b.editions[e];
            for (size_t i = 0; i < pg->boxes.n; i++)
                if (pg->boxes.v[i].page >= pg->npages) abort();
            /* Nothing it drew leaves its frame (the pipeline checked; so do we). */
            lp_diag fd;
            diag_init(&fd);
            if (frame_check(pg, env.fonts, b.doc, &fd) != 0) abort();
            diag_free(&fd);
        }
    } else if (d.errors == 0) {
        abort(); /* a failure must say why */
    }
    fuzz_check_diag(&d);
    diag_free(&d);
    arena_free(a);
    return 0;
}
