/* fuzz_layout.c — a layout or theme file through spec_load and the getters
 * the formats call.  The first byte picks the role: even, the input is a
 * layout (with the real themes); odd, it is the theme of a small fixed layout. */
#include "fonts.h"
#include "fuzz_common.h"
#include "layout_spec.h"

static lp_fonts *fonts;
static char lay_path[300], theme_path[300];

static void setup(void)
{
    fuzz_chdir_root();
    fonts = fonts_new("fonts");
    if (!fonts) {
        fprintf(stderr, "fuzz_layout: run from the project root (or set LEAFPRESS_ROOT)\n");
        abort();
    }
    const char *s = fuzz_scratch();
    char p[300], cwd[200];
    if (!getcwd(cwd, sizeof cwd)) abort();
    snprintf(p, sizeof p, "%s/themes", s);
    if (mkdir(p, 0700) != 0) abort();
    static const char *const real[] = {"professionals", "families", "young-people"};
    for (size_t i = 0; i < 3; i++) {
        char from[300], to[300];
        snprintf(from, sizeof from, "%s/layouts/themes/%s.yaml", cwd, real[i]);
        snprintf(to, sizeof to, "%s/themes/%s.yaml", s, real[i]);
        if (symlink(from, to) != 0) abort();
    }
    snprintf(lay_path, sizeof lay_path, "%s/fuzz.yaml", s);
    snprintf(theme_path, sizeof theme_path, "%s/themes/fuzz.yaml", s);
    snprintf(p, sizeof p, "%s/plain.yaml", s);
    static const char plain[] = "format: poster\npage: { width: 210mm, height: 297mm }\ntheme: fuzz\n";
    fuzz_write(p, (const uint8_t *)plain, sizeof plain - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fonts) setup();
    if (size == 0) return 0;
    bool theme = data[0] & 1;
    fuzz_write(theme ? theme_path : lay_path, data + 1, size - 1);

    static const char *const styles[] = {"body", "h1", "h2", "h3", "title", "label", "list", "callout", "nope"};
    static const char *const lens[] = {"page.width", "page.height", "margins.left", "bleed", "band.height",
                                       "panel.gutter", "no.such"};
    lp_diag d;
    diag_init(&d);
    lp_spec *s = spec_load(fuzz_scratch(), theme ? "plain" : "fuzz", "professionals", fonts, &d);
    if (s) {
        lp_style st;
        lp_color c;
        double v;
        const char *str;
        bool b;
        for (size_t i = 0; i < sizeof styles / sizeof *styles; i++) (void)spec_style(s, styles[i], &st, &d);
        for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
            (void)spec_len(s, lens[i], &v, &d);
            (void)spec_num(s, lens[i], &v, &d);
            (void)spec_str(s, lens[i], &str, &d);
            (void)spec_bool(s, lens[i], &b, &d);
            (void)spec_color(s, lens[i], &c, &d);
            (void)spec_len_or(s, lens[i], 1.0, &d);
            (void)spec_str_or(s, lens[i], "x", &d);
        }
        for (size_t i = 0; i < spec_ncolors(s); i++) {
            const char *name = spec_color_name(s, i);
            if (!name || !spec_color_token(s, name, &c, &d)) continue;
            if (c.r < 0 || c.r > 1 || c.k < 0 || c.k > 1) abort();
        }
        int face;
        (void)spec_face(s, "sans", "bold", &face, &d);
        (void)spec_face(s, "serif", "regular", &face, &d);
        spec_free(s);
    } else if (d.errors == 0) {
        abort();
    }
    fuzz_check_diag(&d);
    diag_free(&d);
    return 0;
}
