/* fuzz_build.c — a content file all the way to PDF bytes in memory, through
 * lp_build_doc: front matter, Markdown, the format's layout, the frame
 * check and rendering of both variants, with the real layouts, themes,
 * fonts and content/contacts.yaml.  Success must mean no errors, PDFs that
 * are whole files, and boxes on their pages; failure must be reported. */
#include "fuzz_pdf.h"

static lp_env env;

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
    fuzz_build_doc(&env, path, (const char *)data, size);
    return 0;
}
