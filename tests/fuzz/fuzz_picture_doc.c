/* fuzz_picture_doc.c — a picture inside documents: the input is written as
 * pic.png beside an easy-read leaflet that has it in a row and a tri-fold
 * that has it as its cover picture, and both are built to PDF bytes
 * (decoding, the print variant's colour separation, embedding).  A picture
 * that cannot be used must be an error at the document's line, never a
 * crash; success means whole PDFs with nothing outside its frame. */
#include "fuzz_pdf.h"

static lp_env env;
static char er_path[300], tf_path[300], pic_path[300];

static const char easy_read[] =
    "---\ntitle: A picture\nformat: easy-read\naudience: young-people\nreviewed: 2026-11-01\n"
    "review-by: 2027-11-01\nversion: \"1.0\"\n---\n\n## Pictures\n\n"
    "![a picture of a friend](pic.png) You can talk to a friend.\nThey will listen.\n\n"
    "![a phone](icon:phone) You can call someone.\n";
static const char trifold[] =
    "---\ntitle: A cover picture\nformat: trifold\naudience: families\nreviewed: 2026-11-01\n"
    "review-by: 2027-11-01\nversion: \"1.0\"\ncontacts: [mash]\npicture: pic.png\n"
    "picture-alt: A family together\n---\n\n## Help\n\nCall {{contact:mash}} if you are worried.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pic_path[0]) {
        fuzz_chdir_root();
        snprintf(er_path, sizeof er_path, "%s/easy-read.md", fuzz_scratch());
        snprintf(tf_path, sizeof tf_path, "%s/trifold.md", fuzz_scratch());
        snprintf(pic_path, sizeof pic_path, "%s/pic.png", fuzz_scratch());
        fuzz_write(er_path, (const uint8_t *)easy_read, sizeof easy_read - 1);
        fuzz_write(tf_path, (const uint8_t *)trifold, sizeof trifold - 1);
        lp_diag d;
        diag_init(&d);
        if (lp_env_open(&env, "layouts", "fonts", "content/contacts.yaml", "content/partnership.yaml", &d) != 0) {
            fprintf(stderr, "fuzz_picture_doc: run from the project root (or set LEAFPRESS_ROOT)\n");
            abort();
        }
        diag_free(&d);
    }
    fuzz_write(pic_path, data, size);
    fuzz_build_doc(&env, er_path, NULL, 0);
    fuzz_build_doc(&env, tf_path, NULL, 0);
    return 0;
}
