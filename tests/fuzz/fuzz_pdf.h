/* fuzz_pdf.h — what the targets that build whole documents share: one
 * build through lp_build_doc to PDF bytes in memory, and what its outcome
 * must be.  Success means no errors, whole PDFs, boxes on their pages and
 * nothing outside its frame; failure must say why. */
#ifndef FUZZ_PDF_H
#define FUZZ_PDF_H

#include "framecheck.h"
#include "fuzz_common.h"
#include "pipeline.h"

static inline bool fuzz_whole_pdf(const lp_pdf *p)
{
    if (!p->bytes || p->len < 16 || memcmp(p->bytes, "%PDF-", 5) != 0) return false;
    size_t end = p->len;
    while (end > 0 && (p->bytes[end - 1] == '\n' || p->bytes[end - 1] == '\r')) end--;
    return end >= 5 && memcmp(p->bytes + end - 5, "%%EOF", 5) == 0;
}

/* Builds path (its bytes, or the file when bytes is NULL) and aborts on any
 * outcome that is not a whole PDF or a reported error. */
static inline void fuzz_build_doc(lp_env *env, const char *path, const char *bytes, size_t size)
{
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_build_opts o = {true, true, false, false, 0, fuzz_scratch(), NULL, NULL};
    lp_build b;
    memset(&b, 0, sizeof b);
    int rc = lp_build_doc(env, a, path, bytes, size, &o, &b, &d);
    if (rc == 0) {
        if (d.errors) abort(); /* success with errors is a lie */
        if (b.npdfs == 0) abort();
        for (size_t i = 0; i < b.npdfs; i++)
            if (!fuzz_whole_pdf(&b.pdfs[i])) abort();
        for (size_t e = 0; e < b.neditions; e++) {
            const lp_pages *pg = &b.editions[e];
            for (size_t i = 0; i < pg->boxes.n; i++)
                if (pg->boxes.v[i].page >= pg->npages) abort();
            /* Nothing it drew leaves its frame (the pipeline checked; so do we). */
            lp_diag fd;
            diag_init(&fd);
            if (frame_check(pg, env->fonts, b.doc, &fd) != 0) abort();
            diag_free(&fd);
        }
    } else if (d.errors == 0) {
        abort(); /* a failure must say why */
    }
    fuzz_check_diag(&d);
    diag_free(&d);
    arena_free(a);
}

#endif
