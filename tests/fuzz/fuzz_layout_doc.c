/* fuzz_layout_doc.c — a layout and a document together.  The first byte
 * picks one of the five formats; the rest replaces that format's layout in
 * a scratch copy of layouts/, and a catalogue document of that format is
 * built to PDF bytes with it (every stage of lp_build_doc).  A layout that
 * loads must lay the document out or refuse it with an error; success
 * means whole PDFs and nothing outside its frame. */
#include "fuzz_pdf.h"

#include <dirent.h>

static const char *const formats[] = {"one-minute-guide", "trifold", "easy-read", "poster", "booklet"};
static const char *const docs[] = {
    "content/professionals/harmful-sexual-behaviour.md", "content/families/keeping-children-safe-online.md",
    "content/young-people/going-to-the-blue-sky-centre.md", "content/families/helplines-poster.md",
    "content/professionals/resources-for-professionals.md"};
#define NFORMATS (sizeof formats / sizeof *formats)

static lp_env env;
static char lay_dir[300];
static unsigned char *orig[NFORMATS];
static size_t orig_len[NFORMATS];

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) abort();
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536))) abort();
        size_t k = fread(buf + n, 1, cap - n, f);
        if (k == 0) break;
        n += k;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* A scratch layouts/ with copies of every layout and theme (never links:
 * inputs are written over the copies). */
static void setup(void)
{
    fuzz_chdir_root();
    snprintf(lay_dir, sizeof lay_dir, "%s/layouts", fuzz_scratch());
    char p[600], q[600];
    snprintf(p, sizeof p, "%s/themes", lay_dir);
    if (mkdir(lay_dir, 0700) != 0 || mkdir(p, 0700) != 0) abort();
    static const char *const dirs[] = {"layouts", "layouts/themes"};
    for (size_t k = 0; k < 2; k++) {
        DIR *dir = opendir(dirs[k]);
        if (!dir) abort();
        for (struct dirent *de; (de = readdir(dir));) {
            size_t n = strlen(de->d_name);
            if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0) continue;
            snprintf(p, sizeof p, "%s/%s", dirs[k], de->d_name);
            snprintf(q, sizeof q, "%s%s/%s", lay_dir, k ? "/themes" : "", de->d_name);
            size_t len;
            unsigned char *b = slurp(p, &len);
            fuzz_write(q, b, len);
            free(b);
        }
        closedir(dir);
    }
    for (size_t i = 0; i < NFORMATS; i++) {
        snprintf(p, sizeof p, "layouts/%s.yaml", formats[i]);
        orig[i] = slurp(p, &orig_len[i]);
    }
    lp_diag d;
    diag_init(&d);
    if (lp_env_open(&env, lay_dir, "fonts", "content/contacts.yaml", "content/partnership.yaml", &d) != 0) {
        fprintf(stderr, "fuzz_layout_doc: run from the project root (or set LEAFPRESS_ROOT)\n");
        abort();
    }
    diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lay_dir[0]) setup();
    if (size == 0) return 0;
    size_t k = (size_t)(data[0] & 7) % NFORMATS; /* "0".."4" pick them in order */
    char p[600];
    /* Every layout as it was, then the input over the one picked; layouts
     * loaded for the last input are forgotten. */
    for (size_t i = 0; i < NFORMATS; i++) {
        snprintf(p, sizeof p, "%s/%s.yaml", lay_dir, formats[i]);
        if (i == k) fuzz_write(p, data + 1, size - 1);
        else fuzz_write(p, orig[i], orig_len[i]);
    }
    for (size_t i = 0; i < env.nspecs; i++) {
        spec_free(env.specs[i].spec);
        free(env.specs[i].layout);
        free(env.specs[i].theme);
    }
    env.nspecs = 0;

    fuzz_build_doc(&env, docs[k], NULL, 0);
    return 0;
}
