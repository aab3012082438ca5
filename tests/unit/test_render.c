/* test_render.c — pdf_render checked with real PDF tools (qpdf, poppler).
 *
 * One hand-built two-page document is rendered once into a scratch
 * directory; each test inspects it with the tool a reader's software would
 * trust.  Needs qpdf and poppler-utils on PATH and the fonts/ directory
 * (tests run from the repository root). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fonts.h"
#include "render_pdf.h"

typedef struct fixture {
    lp_fonts *fonts;
    lp_arena *a;
    lp_pages pages;
    int regular, bold, italic, icons;
    char dir[64];
    char pdf[128];
    lp_render_opts opts;
} fixture;

static fixture fx;

static const lp_color navy = {0.1f, 0.15f, 0.35f, 1.0f, 0.8f, 0.2f, 0.3f, "navy"};
static const lp_color ink = {0.1f, 0.1f, 0.1f, 0.0f, 0.0f, 0.0f, 0.9f, "ink"};
static const lp_color tint = {0.85f, 0.9f, 0.97f, 0.1f, 0.05f, 0.0f, 0.0f, "tint"};

/* ------------------------------------------------------------- helpers */

static int snode(const char *role, int parent, const char *alt)
{
    lp_snode s = {.role = role, .parent = parent, .alt = alt};
    VEC_PUSH(fx.a, fx.pages.snodes, s);
    return (int)fx.pages.snodes.n - 1;
}

static lp_box *push(lp_box_kind kind, int page, double x, double y, double w, double h, int sn)
{
    lp_box b = {0};
    b.kind = kind;
    b.page = page;
    b.x = x, b.y = y, b.w = w, b.h = h;
    b.snode = sn;
    b.color = ink;
    VEC_PUSH(fx.a, fx.pages.boxes, b);
    return &fx.pages.boxes.v[fx.pages.boxes.n - 1];
}

static lp_box *text(int page, double x, double y, int face, double size, const char *t, int sn)
{
    double w = fonts_width(fx.fonts, face, t, strlen(t), size, 0);
    lp_box *b = push(BOX_TEXT, page, x, y, w, size, sn);
    b->face = face;
    b->size = size;
    b->text = t;
    return b;
}

/* Runs cmd; returns its exit status, with stdout in *out and stderr in *err
 * (both malloc'd, NUL-terminated). */
static int run(const char *cmd, char **out, char **err)
{
    char errfile[] = "/tmp/lp-render-err-XXXXXX";
    int efd = mkstemp(errfile);
    assert_true(efd >= 0);
    close(efd);
    char full[1024];
    snprintf(full, sizeof full, "%s 2>%s", cmd, errfile);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 4096 > cap) buf = realloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, p);
        if (got == 0) break;
        n += got;
    }
    buf[n] = 0;
    int status = pclose(p);
    FILE *e = fopen(errfile, "r");
    char *ebuf = calloc(1, 1 << 16);
    if (e) {
        size_t en = fread(ebuf, 1, (1 << 16) - 1, e);
        ebuf[en] = 0;
        fclose(e);
    }
    unlink(errfile);
    *out = buf;
    if (err) *err = ebuf;
    else free(ebuf);
    return status;
}

/* The value of a "Name:   value" line of pdfinfo output ("" if absent). */
static const char *field(const char *out, const char *name)
{
    static char value[256];
    value[0] = 0;
    size_t n = strlen(name);
    for (const char *l = out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        if (strncmp(l, name, n) != 0 || l[n] != ':') continue;
        const char *v = l + n + 1;
        while (*v == ' ') v++;
        size_t k = strcspn(v, "\n");
        if (k >= sizeof value) k = sizeof value - 1;
        memcpy(value, v, k);
        value[k] = 0;
        break;
    }
    return value;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* ------------------------------------------------------------- document */

static const char *const filler =
    "Safeguarding means protecting a child from harm and making sure they grow up with safe "
    "and effective care. Everyone who works with children has a part to play: listen to what "
    "a child tells you, write down what you saw and heard, and share your worry with the "
    "named person for safeguarding the same day. Do not promise to keep a secret. Explain "
    "what will happen next in words the child understands, and keep them informed. ";

/* Fills page 1 with about 400 words in three faces, one paragraph per face,
 * broken greedily into lines of one text box each. */
static int body_page(int page, int doc)
{
    const int faces[3] = {fx.regular, fx.bold, fx.italic};
    double y = 60, left = 50, width = fx.pages.width - 100, size = 10, lead = 13.5;
    int words = 0;
    for (int para = 0; para < 5; para++) {
        int sn = snode("P", doc, NULL);
        int face = faces[para % 3];
        const char *s = filler;
        while (*s) {
            const char *line = s, *end = s, *p = s;
            while (*p) {
                const char *q = p;
                while (*q && *q != ' ') q++;
                if (fonts_width(fx.fonts, face, line, (size_t)(q - line), size, 0) > width &&
                    end > line)
                    break;
                end = q;
                words++;
                p = *q ? q + 1 : q;
            }
            text(page, left, y, face, size, arena_strndup(fx.a, line, (size_t)(end - line)), sn);
            y += lead;
            s = *end ? end + 1 : end;
        }
        y += lead / 2;
    }
    return words;
}

static void build_document(void)
{
    fx.pages.width = mm_to_pt(210);
    fx.pages.height = mm_to_pt(297);
    fx.pages.npages = 2;
    fx.pages.suffix = "";

    int doc = snode("Document", -1, NULL);
    int h1 = snode("H1", doc, NULL);
    int p1 = snode("P", doc, NULL);
    int list = snode("L", doc, NULL);
    int li = snode("LI", list, NULL);
    int lbl = snode("Lbl", li, NULL);
    int lbody = snode("LBody", li, NULL);
    int fig = snode("Figure", doc, "Telephone");
    int p2 = snode("P", doc, NULL);
    int link = snode("Link", p2, NULL);
    int qr = snode("Figure", doc, "QR code for the source page");

    lp_box *band = push(BOX_RECT, 0, 0, 0, fx.pages.width, 90, -1);
    band->color = tint;
    /* Heading words as flow sets them: one box each, a space apart. */
    double x = 50, space = fonts_width(fx.fonts, fx.bold, " ", 1, 28, 0);
    const char *heading[] = {"AVATAR", "Today", "WAVE"};
    for (int i = 0; i < 3; i++) {
        lp_box *b = text(0, x, 60, fx.bold, 28, heading[i], h1);
        b->color = navy;
        x += b->w + space;
    }

    text(0, 50, 130, fx.regular, 11,
         "Call the \xE2\x80\x9Chelpline\xE2\x80\x9D on 0800 123 456 \xE2\x80\x93 it costs \xC2\xA3" "0.",
         p1);
    text(0, 50, 160, fx.regular, 11, "\xE2\x80\xA2", lbl);
    text(0, 62, 160, fx.regular, 11, "Write down what you saw.", lbody);

    lp_box *circle = push(BOX_RECT, 0, 50, 190, 40, 40, -1);
    circle->radius = 20;
    circle->color = navy;
    lp_box *round = push(BOX_RECT, 0, 100, 190, 120, 40, -1);
    round->radius = 8;
    round->color = tint;
    lp_box *rule = push(BOX_LINE, 0, 50, 250, fx.pages.width - 100, 0, -1);
    rule->line_width = 1.5;
    rule->color = navy;

    static char phone[5];
    uint32_t cp = fonts_icon(fx.fonts, "phone");
    assert_true(cp > 0);
    phone[utf8_encode(cp, phone)] = 0;
    lp_box *icon = push(BOX_ICON, 0, 240, 230, 30, 30, fig);
    icon->face = fx.icons;
    icon->size = 30;
    icon->text = phone;

    text(0, 50, 290, fx.regular, 11, "More help:", p2);
    lp_box *lt = text(0, 110, 290, fx.regular, 11, "example.org/help", link);
    lt->color = navy;
    lt->url = "https://example.org/help";
    lp_box *la = push(BOX_LINK, 0, lt->x, 280, lt->w, 14, link);
    la->url = "https://example.org/help";
    la->text = "example.org/help";

    lp_box *q = push(BOX_QR, 0, 400, 200, 100, 100, qr);
    q->text = "https://example.org/help";
    q->color = navy;
    q->alt = "QR code for the source page";

    int words = body_page(1, doc);
    assert_in_range(words, 350, 450);
}

static int setup(void **state)
{
    (void)state;
    memset(&fx, 0, sizeof fx);
    lp_diag d;
    diag_init(&d);
    fx.fonts = fonts_new("fonts");
    if (!fx.fonts) return -1;
    fx.regular = fonts_face(fx.fonts, "NotoSans-Regular", &d);
    fx.bold = fonts_face(fx.fonts, "NotoSans-Bold", &d);
    fx.italic = fonts_face(fx.fonts, "NotoSans-Italic", &d);
    fx.icons = fonts_face(fx.fonts, "lucide", &d);
    if (fx.regular < 0 || fx.bold < 0 || fx.italic < 0 || fx.icons < 0) return -1;
    fx.a = arena_new();
    build_document();
    strcpy(fx.dir, "/tmp/lp-render-XXXXXX");
    if (!mkdtemp(fx.dir)) return -1;
    snprintf(fx.pdf, sizeof fx.pdf, "%s/out/guide.pdf", fx.dir);
    fx.opts = (lp_render_opts){.variant = VARIANT_SCREEN,
                               .epoch = -1,
                               .title = "What is child sexual abuse? \xE2\x80\x93 a guide",
                               .subject = "Safeguarding",
                               .lang = "en-GB",
                               .author = "Safeguarding Partnership",
                               .keywords = "safeguarding, guide",
                               .base_dir = "."};
    int rc = pdf_render(&fx.pages, fx.fonts, &fx.opts, fx.pdf, &d);
    for (size_t i = 0; i < d.n; i++) {
        char buf[512];
        fprintf(stderr, "%s\n", diag_format(&d.items[i], buf, sizeof buf));
    }
    diag_free(&d);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    if (!getenv("LP_KEEP")) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx.dir);
        if (system(cmd) != 0) return -1;
    } else {
        fprintf(stderr, "kept %s\n", fx.pdf);
    }
    arena_free(fx.a);
    fonts_free(fx.fonts);
    return 0;
}

/* --------------------------------------------------------------- tests */

static void test_qpdf_check_is_clean(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", fx.pdf);
    int st = run(cmd, &out, &err);
    assert_int_equal(st, 0);
    assert_null(strstr(out, "WARNING"));
    assert_string_equal(err, "");
    free(out), free(err);
}

static void test_every_font_is_embedded_subset_with_tounicode(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", fx.pdf);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    int fonts = 0;
    char *line = strtok(out, "\n");
    for (int i = 0; line; line = strtok(NULL, "\n"), i++) {
        if (i < 2) continue; /* header and rule */
        fonts++;
        char name[128], type[64], sub[32], enc[64];
        char emb[8], subset[8], uni[8];
        /* name type subtype encoding emb sub uni object ID */
        int got = sscanf(line, "%127s %63s %31s %63s %7s %7s %7s", name, type, sub, enc, emb, subset,
                         uni);
        assert_int_equal(got, 7);
        assert_string_equal(emb, "yes");
        assert_string_equal(subset, "yes");
        assert_string_equal(uni, "yes");
    }
    assert_int_equal(fonts, 4);
    free(out), free(err);
}

static void test_text_extracts_in_order_with_typography(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 '%s' -", fx.pdf);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    const char *want[] = {"AVATAR",
                          "Today",
                          "WAVE",
                          "Call the \xE2\x80\x9Chelpline\xE2\x80\x9D on 0800 123 456 \xE2\x80\x93 it "
                          "costs \xC2\xA3" "0.",
                          "Write down what you saw.",
                          "More help:",
                          "example.org/help"};
    const char *at = out;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit) fail_msg("\"%s\" missing or out of order in:\n%s", want[i], out);
        at = hit + strlen(want[i]);
    }
    free(out), free(err);
}

/* Kerned words must come out exactly as wide as flow measured them, or
 * justified and centred lines drift. */
static void test_kerned_word_widths_match_boxes(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 -bbox '%s' -", fx.pdf);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    int checked = 0;
    for (size_t i = 0; i < fx.pages.boxes.n; i++) {
        const lp_box *b = &fx.pages.boxes.v[i];
        if (b->kind != BOX_TEXT || b->page != 0 || strchr(b->text, ' ')) continue;
        char key[96];
        snprintf(key, sizeof key, ">%s</word>", b->text);
        const char *hit = strstr(out, key);
        if (!hit) continue;
        const char *w = hit;
        while (w > out && strncmp(w, "<word", 5) != 0) w--;
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
                                &x1, &y1),
                         4);
        if (x1 - x0 < b->w - 0.5 || x1 - x0 > b->w + 0.5)
            fail_msg("%s: pdf width %.3f, box width %.3f", b->text, x1 - x0, b->w);
        assert_true(x0 > b->x - 0.5 && x0 < b->x + 0.5);
        checked++;
    }
    assert_true(checked >= 3);
    /* And the kerning is really there: "AVATAR" is narrower kerned. */
    double kerned = fonts_width(fx.fonts, fx.bold, "AVATAR", 6, 28, 0);
    double plain = 0;
    for (const char *c = "AVATAR"; *c; c++) plain += fonts_width(fx.fonts, fx.bold, c, 1, 28, 0);
    assert_true(kerned < plain - 1);
    free(out), free(err);
}

static void test_kerning_is_written_as_tj_arrays(void **state)
{
    (void)state;
    char cmd[256], *out;
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -acE '[]] ?TJ'", fx.pdf);
    run(cmd, &out, NULL);
    assert_true(atoi(out) >= 3);
    free(out);
}

static void test_pdfinfo_says_tagged_with_page_size_and_title(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", fx.pdf);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    assert_string_equal(field(out, "Tagged"), "yes");
    assert_string_equal(field(out, "Pages"), "2");
    assert_string_equal(field(out, "Page size"), "595.276 x 841.89 pts (A4)");
    assert_string_equal(field(out, "Title"), "What is child sexual abuse? \xE2\x80\x93 a guide");
    assert_string_equal(field(out, "Creator"), "leafpress " LP_VERSION);
    assert_string_equal(field(out, "PDF version"), "1.7");
    assert_null(strstr(out, "CreationDate"));
    free(out), free(err);
}

static void test_structure_tree_has_heading_list_figure_and_link(void **state)
{
    (void)state;
    char cmd[256], *out, *err;
    snprintf(cmd, sizeof cmd, "pdfinfo -struct-text '%s'", fx.pdf);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    const char *want[] = {"Document", "H1", "AVATAR", "P", "helpline", "L", "LI", "Lbl", "LBody",
                          "Write down", "Figure", "P", "Link", "example.org/help", "Figure",
                          "Safeguarding means"};
    const char *at = out;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit) fail_msg("\"%s\" missing or out of order in:\n%s", want[i], out);
        at = hit + strlen(want[i]);
    }
    free(out), free(err);
}

static void test_catalog_has_lang_markinfo_and_xmp(void **state)
{
    (void)state;
    char cmd[256], *out;
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' -", fx.pdf);
    run(cmd, &out, NULL);
    assert_non_null(strstr(out, "/Lang (en-GB)"));
    assert_non_null(strstr(out, "/Marked true"));
    assert_non_null(strstr(out, "/DisplayDocTitle true"));
    assert_non_null(strstr(out, "/Tabs /S"));
    assert_non_null(strstr(out, "<pdfuaid:part>1</pdfuaid:part>"));
    assert_non_null(strstr(out, "/Artifact BMC"));
    assert_non_null(strstr(out, "/OBJR"));
    /* Text strings in printable ASCII are literal (PDFDocEncoding reads
     * them the same); any other is UTF-16 after FE FF (the title's dash). */
    assert_non_null(strstr(out, "/Alt (Telephone"));
    assert_non_null(strstr(out, "/Contents (exa"));
    assert_non_null(strstr(out, "/Title <feff00570068006100740020"));
    assert_null(strstr(out, "begincidrange"));
    free(out);
}

static void test_same_input_gives_identical_bytes(void **state)
{
    (void)state;
    char again[160];
    snprintf(again, sizeof again, "%s/again.pdf", fx.dir);
    lp_diag d;
    diag_init(&d);
    assert_int_equal(pdf_render(&fx.pages, fx.fonts, &fx.opts, again, &d), 0);
    diag_free(&d);
    size_t n1, n2;
    char *a = slurp(fx.pdf, &n1), *b = slurp(again, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a), free(b);
}

static void test_epoch_sets_creation_date(void **state)
{
    (void)state;
    char dated[160], cmd[256], *out, *err;
    snprintf(dated, sizeof dated, "%s/dated.pdf", fx.dir);
    lp_render_opts o = fx.opts;
    o.epoch = 1700000000; /* 2023-11-14 22:13:20 UTC */
    lp_diag d;
    diag_init(&d);
    assert_int_equal(pdf_render(&fx.pages, fx.fonts, &o, dated, &d), 0);
    diag_free(&d);
    snprintf(cmd, sizeof cmd, "pdfinfo -isodates '%s'", dated);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "2023-11-14T22:13:20"));
    free(out), free(err);
}

static void test_print_variant_paints_in_cmyk(void **state)
{
    (void)state;
    char target[160], cmd[300], *out;
    snprintf(target, sizeof target, "%s/print.pdf", fx.dir);
    lp_render_opts o = fx.opts;
    o.variant = VARIANT_PRINT;
    lp_diag d;
    diag_init(&d);
    assert_int_equal(pdf_render(&fx.pages, fx.fonts, &o, target, &d), 0);
    diag_free(&d);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -ac ' k$'", target);
    run(cmd, &out, NULL);
    assert_true(atoi(out) >= 2); /* navy and tint fills, at least */
    free(out);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -ac ' rg$'", target);
    run(cmd, &out, NULL);
    assert_int_equal(atoi(out), 0);
    free(out);
}

static void test_failed_render_leaves_no_file(void **state)
{
    (void)state;
    char ro[160], target[200], cmd[256], *out;
    snprintf(ro, sizeof ro, "%s/readonly", fx.dir);
    assert_int_equal(mkdir(ro, 0555), 0);
    snprintf(target, sizeof target, "%s/guide.pdf", ro);
    lp_diag d;
    diag_init(&d);
    int rc = pdf_render(&fx.pages, fx.fonts, &fx.opts, target, &d);
    if (geteuid() == 0) {
        /* root writes anywhere: make the directory a file instead */
        if (rc == 0) unlink(target);
        rmdir(ro);
        FILE *f = fopen(ro, "w");
        fclose(f);
        diag_free(&d);
        diag_init(&d);
        rc = pdf_render(&fx.pages, fx.fonts, &fx.opts, target, &d);
    }
    assert_int_equal(rc, -1);
    assert_true(d.errors > 0);
    diag_free(&d);
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | grep -c guide", ro);
    run(cmd, &out, NULL);
    assert_int_equal(atoi(out), 0);
    free(out);
}

/* Renders p to fx.dir/name expecting a refusal with that many errors (in
 * *d, which the caller frees) and no file. */
static void render_refused(const lp_pages *p, const char *name, int errors, lp_diag *d)
{
    char target[160];
    snprintf(target, sizeof target, "%s/%s", fx.dir, name);
    diag_init(d);
    assert_int_equal(pdf_render(p, fx.fonts, &fx.opts, target, d), -1);
    assert_int_equal(d->errors, errors);
    assert_int_equal(file_size(target), -1);
}

static void test_bad_structure_parent_is_an_error(void **state)
{
    (void)state;
    lp_pages p = fx.pages;
    lp_snode *copy = arena_alloc(fx.a, p.snodes.n * sizeof *copy);
    memcpy(copy, p.snodes.v, p.snodes.n * sizeof *copy);
    copy[1].parent = 2;
    copy[2].parent = 1; /* a cycle */
    p.snodes.v = copy;
    lp_diag d;
    render_refused(&p, "cycle.pdf", 1, &d);
    diag_free(&d);
}

/* A runaway page count is refused at the content file, before any page
 * is made. */
static void test_too_many_pages_is_an_error_at_the_source(void **state)
{
    (void)state;
    lp_pages p = fx.pages;
    p.npages = 1001;
    p.source = "doc.md";
    char target[160];
    snprintf(target, sizeof target, "%s/runaway.pdf", fx.dir);
    lp_diag d;
    diag_init(&d);
    assert_int_equal(pdf_render(&p, fx.fonts, &fx.opts, target, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, "doc.md");
    assert_non_null(strstr(d.items[0].msg, "makes 1001 pages; a PDF holds at most 1000"));
    diag_free(&d);
    assert_int_equal(file_size(target), -1);
}

/* A PDF that breaks a rule of PDF/UA is refused, each problem at the source
 * line of its content, and no file is written. */
static void test_ua_rules_are_checked_before_writing(void **state)
{
    (void)state;
    lp_pages p = fx.pages;
    p.snodes.v = NULL;
    p.snodes.n = p.snodes.cap = 0;
    p.boxes.v = NULL;
    p.boxes.n = p.boxes.cap = 0;
    lp_snode doc = {.role = "Document", .parent = -1};
    lp_snode h3 = {.role = "H3", .parent = 0};
    lp_snode fig = {.role = "Figure", .parent = 0, .alt = "  "};
    lp_snode aside = {.role = "Aside", .parent = 0};
    VEC_PUSH(fx.a, p.snodes, doc);
    VEC_PUSH(fx.a, p.snodes, h3);
    VEC_PUSH(fx.a, p.snodes, fig);
    VEC_PUSH(fx.a, p.snodes, aside);
    for (int i = 1; i <= 3; i++) {
        lp_box b = {0};
        b.kind = BOX_TEXT;
        b.page = 0;
        b.x = 72, b.y = 100.0 + 20 * i, b.w = 50, b.h = 12;
        b.face = fx.regular;
        b.size = 12;
        b.text = "Word";
        b.snode = i;
        b.line = 10 * i;
        b.col = i;
        VEC_PUSH(fx.a, p.boxes, b);
    }
    p.source = "doc.md";
    lp_diag d;
    render_refused(&p, "ua.pdf", 3, &d);
    char buf[512];
    assert_non_null(strstr(diag_format(&d.items[0], buf, sizeof buf),
                           "doc.md:10:1: error: heading level 3 follows level 0"));
    assert_non_null(strstr(diag_format(&d.items[1], buf, sizeof buf),
                           "doc.md:20:2: error: a picture has no alt text"));
    assert_non_null(strstr(diag_format(&d.items[2], buf, sizeof buf),
                           "doc.md:30:3: error: structure type 'Aside' is not a standard"));
    diag_free(&d);
}

static void test_400_words_in_three_faces_stay_under_30_kb(void **state)
{
    (void)state;
    /* Page 2 of the fixture on its own, as a one-page document. */
    lp_pages p = fx.pages;
    p.npages = 1;
    p.boxes.v = NULL, p.boxes.n = p.boxes.cap = 0;
    for (size_t i = 0; i < fx.pages.boxes.n; i++) {
        lp_box b = fx.pages.boxes.v[i];
        if (b.page != 1) continue;
        b.page = 0;
        VEC_PUSH(fx.a, p.boxes, b);
    }
    char target[160];
    snprintf(target, sizeof target, "%s/words.pdf", fx.dir);
    lp_diag d;
    diag_init(&d);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(pdf_render(&p, fx.fonts, &fx.opts, target, &d), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    diag_free(&d);
    long size = file_size(target);
    print_message("one page, ~400 words in 3 faces: %ld bytes, rendered in %.1f ms\n", size,
                  (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    assert_true(size > 0);
    assert_true(size < 30 * 1024);
}

/* A one-page document of the given lines in the regular face, rendered to
 * name in the scratch folder; returns pdftotext's output (malloc). */
static char *render_lines(const char *name, const char *const *lines, size_t n)
{
    lp_pages p = fx.pages;
    p.npages = 1;
    p.boxes.v = NULL, p.boxes.n = p.boxes.cap = 0;
    p.snodes.v = NULL, p.snodes.n = p.snodes.cap = 0;
    lp_snode doc = {0}, para = {0};
    doc.role = "Document", doc.parent = -1;
    para.role = "P", para.parent = 0;
    VEC_PUSH(fx.a, p.snodes, doc);
    VEC_PUSH(fx.a, p.snodes, para);
    for (size_t i = 0; i < n; i++) {
        lp_box b = {0};
        b.kind = BOX_TEXT, b.x = 50, b.y = 100 + 20.0 * (double)i, b.face = fx.regular, b.size = 12;
        b.w = fonts_width(fx.fonts, fx.regular, lines[i], strlen(lines[i]), 12, 0), b.h = 12;
        b.color = ink, b.text = lines[i], b.snode = 1;
        VEC_PUSH(fx.a, p.boxes, b);
    }
    char target[160], cmd[400];
    snprintf(target, sizeof target, "%s/%s", fx.dir, name);
    lp_diag d;
    diag_init(&d);
    assert_int_equal(pdf_render(&p, fx.fonts, &fx.opts, target, &d), 0);
    diag_free(&d);
    char *out, *err;
    snprintf(cmd, sizeof cmd, "pdftotext '%s' -", target);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    free(err);
    return out;
}

static void test_ligatures_and_shared_glyphs_extract_as_written(void **state)
{
    (void)state;
    /* "fi" and "ffl" are single glyphs that read back as their letters;
     * "e" + combining acute is shaped into the glyph of a precomposed
     * "\u00e9" written first, so that line carries its own ActualText. */
    const char *lines[] = {"A fine waffle", "caf\u00e9", "cafe\u0301"};
    char *out = render_lines("ligatures.pdf", lines, 3);
    assert_non_null(strstr(out, "A fine waffle\n"));
    assert_non_null(strstr(out, "caf\u00e9\n"));
    assert_non_null(strstr(out, "cafe\u0301\n"));
    free(out);
    char target[160], cmd[400], *q;
    snprintf(target, sizeof target, "%s/ligatures.pdf", fx.dir);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -ac 'ActualText'", target);
    run(cmd, &q, NULL);
    assert_int_equal(atoi(q), 1);
    free(q);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -a '<0066006[69]'", target);
    run(cmd, &q, NULL);
    assert_non_null(strstr(q, "<00660069>")); /* fi */
    assert_non_null(strstr(q, "<00660066006C>")); /* ffl */
    free(q);
}

/* A line is measured (and drawn) as the sum of its words and spaces, each
 * shaped once: what the line breaker adds up is what the PDF shows. */
static void test_a_line_measures_as_its_shaped_words(void **state)
{
    (void)state;
    const char *line = "A fine waffle, Tracy";
    const char *parts[] = {"A", " ", "fine", " ", "waffle,", " ", "Tracy"};
    double sum = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        sum += fonts_width(fx.fonts, fx.regular, parts[i], strlen(parts[i]), 11, 0);
    double whole = fonts_width(fx.fonts, fx.regular, line, strlen(line), 11, 0);
    assert_true(fabs(whole - sum) < 1e-9);
    /* Shaped glyphs: "fi" is one glyph, and "T" is kerned towards "r". */
    lp_glyph *g = NULL;
    size_t n = fonts_shape(fx.fonts, fx.regular, "fine", 4, fx.a, &g);
    assert_int_equal(n, 3);
    assert_int_equal(g[1].cluster, 2);
    n = fonts_shape(fx.fonts, fx.regular, line, strlen(line), fx.a, &g);
    double units = 0;
    for (size_t i = 0; i < n; i++) units += g[i].advance;
    assert_true(fabs(units * 11 / fonts_upem(fx.fonts, fx.regular) - whole) < 1e-9);
    assert_true(g[n - 5].advance < fonts_glyph_advance(fx.fonts, fx.regular, g[n - 5].gid)); /* T kerned to r */
    /* Asked again (from the cache), the same glyphs. */
    lp_glyph *again = NULL;
    assert_int_equal(fonts_shape(fx.fonts, fx.regular, line, strlen(line), fx.a, &again), n);
    assert_memory_equal(g, again, n * sizeof *g);
}

static void test_objects_are_packed_into_an_object_stream(void **state)
{
    (void)state;
    char cmd[300], *out;
    snprintf(cmd, sizeof cmd, "grep -ac -e '/Type/ObjStm' -e '/Type/XRef' '%s'", fx.pdf);
    run(cmd, &out, NULL);
    assert_int_equal(atoi(out), 2);
    free(out);
    snprintf(cmd, sizeof cmd, "grep -ac '^xref' '%s'", fx.pdf);
    run(cmd, &out, NULL);
    assert_int_equal(atoi(out), 0);
    free(out);
}

static void test_png_render_is_possible(void **state)
{
    (void)state;
    char cmd[300], *out, *err;
    snprintf(cmd, sizeof cmd, "pdftoppm -png -r 60 '%s' '%s/page'", fx.pdf, fx.dir);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    char png[160];
    snprintf(png, sizeof png, "%s/page-1.png", fx.dir);
    assert_true(file_size(png) > 1000);
    free(out), free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qpdf_check_is_clean),
        cmocka_unit_test(test_every_font_is_embedded_subset_with_tounicode),
        cmocka_unit_test(test_text_extracts_in_order_with_typography),
        cmocka_unit_test(test_kerned_word_widths_match_boxes),
        cmocka_unit_test(test_kerning_is_written_as_tj_arrays),
        cmocka_unit_test(test_pdfinfo_says_tagged_with_page_size_and_title),
        cmocka_unit_test(test_structure_tree_has_heading_list_figure_and_link),
        cmocka_unit_test(test_catalog_has_lang_markinfo_and_xmp),
        cmocka_unit_test(test_same_input_gives_identical_bytes),
        cmocka_unit_test(test_epoch_sets_creation_date),
        cmocka_unit_test(test_print_variant_paints_in_cmyk),
        cmocka_unit_test(test_failed_render_leaves_no_file),
        cmocka_unit_test(test_bad_structure_parent_is_an_error),
        cmocka_unit_test(test_too_many_pages_is_an_error_at_the_source),
        cmocka_unit_test(test_ua_rules_are_checked_before_writing),
        cmocka_unit_test(test_400_words_in_three_faces_stay_under_30_kb),
        cmocka_unit_test(test_png_render_is_possible),
        cmocka_unit_test(test_ligatures_and_shared_glyphs_extract_as_written),
        cmocka_unit_test(test_objects_are_packed_into_an_object_stream),
        cmocka_unit_test(test_a_line_measures_as_its_shaped_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
