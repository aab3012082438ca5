/* readme_doc.c — rewrites README.md's front-matter reference (`make
 * readme-doc`): one table of every front-matter key, from the parser's own
 * list (source_key_help), and one of which format is made for which readers,
 * from each format's layout (its `for:` list).  Only the text between the
 * two marker lines is written; the rest of README.md is kept as it is.
 *
 *   readme-doc README.md LAYOUTS_DIR [OUT]   (OUT defaults to README.md itself)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audiences.h"
#include "formats.h"
#include "layout_spec.h"
#include "source.h"
#include "yamltree.h"

#define BEGIN_MARK "<!-- front matter reference: written by make readme-doc from src/source.c and layouts/ -->\n"
#define END_MARK "<!-- end of front matter reference -->\n"

/* What each format is, for the reader choosing one. */
static const char *const format_what[FMT__COUNT] = {
    [FMT_GUIDE] = "One A4 side (or two, `sides: 2`) of what a busy practitioner must know, with a contacts strip",
    [FMT_TRIFOLD] = "A4 folded in three: a cover, four panels of text and a back page of contacts, to hand out",
    [FMT_EASYREAD] = "Large type, a picture beside each short line and a box of hard words",
    [FMT_POSTER] = "A3 and A4 editions: a title, up to three messages with pictures, and a number to call",
    [FMT_BOOKLET] = "A5 pages with a contents page and a directory of contacts at the back",
};

static void put_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') fputs("\\|", f);
        else fputc(*s, f);
    }
}

static bool write_reference(FILE *f, const char *layouts_dir)
{
    fputs(BEGIN_MARK, f);
    fputs("\n| key | needed | example | what it does |\n|---|---|---|---|\n", f);
    for (size_t i = 0; i < source_nknown_keys; i++) {
        const lp_key_help *k = &source_key_help[i];
        fprintf(f, "| `%s` | %s | `", k->key, k->required ? "yes" : "no");
        put_cell(f, k->example);
        fputs("` | ", f);
        put_cell(f, k->what);
        fputs(" |\n", f);
    }
    /* The audiences are the themes (layouts/themes/), in their order. */
    lp_diag d;
    diag_init(&d);
    lp_audiences *au = audiences_load(layouts_dir, &d);
    diag_free(&d);
    if (!au) return false;
    fputs("\n| format | what it is |", f);
    for (size_t a = 0; a < au->n; a++) fprintf(f, " %s |", au->names[a]);
    fputs("\n|---|---|", f);
    for (size_t a = 0; a < au->n; a++) fputs(":-:|", f);
    fputc('\n', f);
    lp_arena *ar = arena_new();
    for (int fm = 0; fm < FMT__COUNT; fm++) {
        fprintf(f, "| `%s` | %s |", lp_format_names[fm], format_what[fm]);
        for (size_t a = 0; a < au->n; a++) {
            const char *layout = format_default_layout((lp_format)fm);
            const char *made_for = NULL;
            int yes = spec_layout_for(layouts_dir, layout, au->names[a], ar, &made_for);
            fputs(yes == 1 ? " designed for |" : yes == 0 ? " builds |" : " ? |", f);
        }
        fputc('\n', f);
    }
    arena_free(ar);
    audiences_free(au);
    fputs("\n" END_MARK, f);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: readme-doc README.md LAYOUTS_DIR [OUT]\n");
        return 2;
    }
    const char *path = argv[1], *layouts = argv[2], *out_path = argc > 3 ? argv[3] : argv[1];
    lp_arena *a = arena_new();
    lp_diag d;
    diag_init(&d);
    size_t len;
    char *text = yt_read_file(a, path, 1u << 20, &len, &d);
    diag_free(&d);
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", path);
        arena_free(a);
        return 1;
    }
    char *begin = strstr(text, BEGIN_MARK);
    char *end = begin ? strstr(begin, END_MARK) : NULL;
    if (!begin || !end) {
        fprintf(stderr, "%s: no front matter reference markers (%.40s...)\n", path, BEGIN_MARK);
        arena_free(a);
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fprintf(stderr, "%s: cannot write\n", tmp);
        arena_free(a);
        return 1;
    }
    fwrite(text, 1, (size_t)(begin - text), out);
    bool good = write_reference(out, layouts);
    fputs(end + strlen(END_MARK), out);
    arena_free(a);
    if (!good) {
        fprintf(stderr, "%s/themes: cannot read the audiences\n", layouts);
        fclose(out);
        remove(tmp);
        return 1;
    }
    if (fclose(out) != 0 || rename(tmp, out_path) != 0) {
        fprintf(stderr, "%s: cannot write\n", out_path);
        return 1;
    }
    return 0;
}
