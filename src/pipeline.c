/* pipeline.c — one document from source bytes to PDF bytes (pipeline.h). */
#define _GNU_SOURCE /* syncfs */
#include "pipeline.h"

#include "resolve.h"

#include "formats.h"
#include "markdown.h"
#include "render_pdf.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the contacts table names that only the fonts and themes know: an
 * icon the icon font lacks, a note for an audience there is no theme of
 * (note-parents:).  Either would be silently left out of every leaflet. */
static int check_contact_names(const lp_env *e, lp_diag *d)
{
    int before = d->errors;
    for (size_t i = 0; i < e->contacts->n; i++) {
        const lp_contact *ct = &e->contacts->items[i];
        if (ct->icon && !fonts_icon(e->fonts, ct->icon)) {
            const char *near = fonts_icon_suggest(e->fonts, ct->icon);
            char hint[160];
            if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else snprintf(hint, sizeof hint, "icon names are listed in fonts/lucide-codepoints.tsv");
            diag_error(d, e->contacts->path, ct->icon_line, ct->icon_col, hint, "unknown icon '%s'", ct->icon);
        }
        for (size_t k = 0; e->audiences && k < ct->nnotes; k++) {
            if (audiences_find(e->audiences, ct->notes[k].audience)) continue;
            const char *near = lp_closest(ct->notes[k].audience, e->audiences->names, e->audiences->n);
            char hint[200];
            if (near) snprintf(hint, sizeof hint, "did you mean 'note-%s'?", near);
            else snprintf(hint, sizeof hint, "the audiences are the themes in layouts/themes/");
            diag_error(d, e->contacts->path, ct->notes[k].line, ct->notes[k].col, hint,
                       "'note-%s' is for an audience there is no theme of", ct->notes[k].audience);
        }
    }
    return d->errors > before ? -1 : 0;
}

int lp_env_open(lp_env *e, const char *layouts_dir, const char *fonts_dir, const char *contacts_path,
                const char *partnership_path, lp_diag *d)
{
    memset(e, 0, sizeof *e);
    e->layouts_dir = layouts_dir;
    e->fonts_dir = fonts_dir;
    e->contacts_path = contacts_path;
    e->partnership_path = partnership_path;
    e->fonts = fonts_new(fonts_dir);
    if (!e->fonts) {
        diag_error(d, fonts_dir, 0, 0, NULL, "out of memory loading fonts");
        return -1;
    }
    /* Names only: the labels (every theme parsed) are for lists, which a
     * build shows only in an unknown audience's message. */
    e->audiences = audiences_scan(layouts_dir, d);
    /* Hyphenation patterns load on first use: only documents whose styles
     * hyphenate pay for them. */
    e->contacts = contacts_load(contacts_path, d);
    if (e->contacts) e->partnership = partnership_load(partnership_path, e->contacts, d);
    if (e->partnership && partnership_check_colors(e->partnership, layouts_dir, d) != 0) return -1;
    if (e->contacts && check_contact_names(e, d) != 0) return -1;
    return e->contacts && e->audiences && e->partnership ? 0 : -1;
}

void lp_env_close(lp_env *e)
{
    for (size_t i = 0; i < e->nspecs; i++) {
        spec_free(e->specs[i].spec);
        free(e->specs[i].layout);
        free(e->specs[i].theme);
    }
    e->nspecs = 0;
    spec_files_free(e->files);
    e->files = NULL;
    contacts_free(e->contacts);
    e->contacts = NULL;
    audiences_free(e->audiences);
    e->audiences = NULL;
    partnership_free(e->partnership);
    e->partnership = NULL;
    fonts_free(e->fonts);
    e->fonts = NULL;
}

/* The table's entry for a layout and theme, or NULL when not tried yet. */
static const lp_env_layout *env_find(const lp_env *e, const char *layout, const char *theme)
{
    for (size_t i = 0; i < e->nspecs; i++)
        if (strcmp(e->specs[i].layout, layout) == 0 && strcmp(e->specs[i].theme, theme) == 0)
            return &e->specs[i];
    return NULL;
}

/* The partnership's name and short name are printed in the theme's text
 * faces (the title band, footers, covers, QR prompts): a letter one of them
 * lacks is said at the partnership file's line, once for the theme, not as
 * a document's error with no line. */
static int check_partnership_glyphs(const lp_partnership *p, const lp_spec *s, const lp_fonts *fonts,
                                    lp_diag *d)
{
    const yt_node *fams = spec_node(s, "fonts");
    if (!fams || fams->kind != YT_MAP) return 0;
    static const char *const keys[] = {"name", "short-name"};
    static const char *const weights[] = {"regular", "bold"};
    for (size_t k = 0; k < 2; k++) {
        const yt_node *at = yt_get(p->root, keys[k]);
        const char *text = k == 0 ? p->name : p->short_name;
        if (!at || !text) continue;
        for (size_t f = 0; f < fams->n; f++) {
            const char *fam = fams->keys[f]->scalar;
            if (strcmp(fam, "icons") == 0) continue; /* pictures, not letters */
            for (size_t wi = 0; wi < 2; wi++) {
                int face;
                uint32_t cp;
                size_t off;
                if (!yt_get(fams->vals[f], weights[wi]) || !spec_face(s, fam, weights[wi], &face, d)) continue;
                if (!fonts_first_missing(fonts, face, text, strlen(text), &cp, &off)) continue;
                char ch[5] = {0};
                utf8_encode(cp, ch);
                diag_error(d, p->path, at->line, at->col, "use another character, or a theme whose fonts have it",
                           "character '%s' (U+%04X) of the partnership's %s is not in font %s (theme %s)", ch,
                           (unsigned)cp, k == 0 ? "name" : "short name", fonts_name(fonts, face),
                           spec_theme_path(s));
                return -1;
            }
        }
    }
    return 0;
}

const lp_spec *lp_env_spec(lp_env *e, const char *layout, const char *theme, lp_diag *d)
{
    const lp_env_layout *tried = env_find(e, layout, theme);
    if (tried) {
        if (!tried->spec)
            diag_error(d, e->layouts_dir, 0, 0, "see the layout's errors above",
                       "layout '%s' with theme '%s' could not be loaded", layout, theme);
        return tried->spec;
    }
    if (e->frozen) {
        /* Workers only read the table: loading here would change it (and
         * the fonts) under the others' feet. */
        diag_error(d, e->layouts_dir, 0, 0, "build it again",
                   "layout '%s' with theme '%s' was not named when the build started", layout, theme);
        return NULL;
    }
    if (e->nspecs == LP_MAX_SPECS) {
        diag_error(d, e->layouts_dir, 0, 0, NULL, "too many layouts in one run (at most %d)",
                   LP_MAX_SPECS);
        return NULL;
    }
    if (!e->files) e->files = spec_files_new();
    lp_spec *s = spec_load_shared(e->layouts_dir, layout, theme, e->fonts,
                                  e->partnership ? e->partnership->root : NULL, e->partnership_path, e->files, d);
    if (s && e->partnership && check_partnership_glyphs(e->partnership, s, e->fonts, d) != 0) {
        spec_free(s);
        s = NULL;
    }
    lp_env_layout *es = &e->specs[e->nspecs++];
    es->layout = strdup(layout);
    es->theme = strdup(theme);
    es->spec = s;
    return s;
}

const lp_spec *lp_env_doc_spec(lp_env *e, const lp_doc *doc, lp_diag *d)
{
    const lp_meta *m = &doc->meta;
    const lp_env_layout *tried = env_find(e, lp_layout_name(m), lp_theme_name(m));
    if (tried && !tried->spec) {
        /* Said at the document's layout: (or audience:) line, so a reader
         * of a long batch's messages knows which documents it stopped. */
        int line = m->layout_line ? m->layout_line : m->audience_line;
        int col = m->layout_line ? m->layout_col : m->audience_col;
        diag_error(d, doc->path, line, col, "see the layout's errors above",
                   "layout '%s' with theme '%s' could not be loaded", tried->layout, tried->theme);
        return NULL;
    }
    return lp_env_spec(e, lp_layout_name(m), lp_theme_name(m), d);
}

const char *lp_layout_name(const lp_meta *m)
{
    return m->layout ? m->layout : format_default_layout(m->format);
}

const char *lp_theme_name(const lp_meta *m) { return m->audience; }

int lp_check_audience(const lp_env *e, const lp_meta *m, const char *path, lp_diag *d)
{
    if (!e->audiences) {
        diag_error(d, e->layouts_dir, 0, 0, NULL, "no audiences: the themes could not be read");
        return -1;
    }
    if (!m->audience || audiences_find(e->audiences, m->audience)) return m->audience ? 0 : -1;
    /* The message lists the audiences in their order: read it. */
    audiences_read_labels(e->audiences, d);
    return source_check_audience(m, path, e->audiences->names, e->audiences->n, d);
}

void lp_env_preload(lp_env *e, char *const *paths, size_t n, lp_diag *d)
{
    for (size_t i = 0; i < n; i++) {
        lp_diag quiet;
        diag_init(&quiet);
        lp_arena *a = arena_new();
        lp_source src;
        lp_meta m;
        const char *near;
        /* A layout that fails says why here, once; each document using it
         * then says only that it could not be loaded. */
        if (source_load(a, paths[i], &src, &quiet) == 0 && source_meta(a, &src, &m, &quiet) == 0 &&
            lp_check_audience(e, &m, paths[i], &quiet) == 0 &&
            !env_find(e, lp_layout_name(&m), lp_theme_name(&m)) &&
            spec_layout_exists(e->layouts_dir, lp_layout_name(&m), a, &near))
            lp_env_spec(e, lp_layout_name(&m), lp_theme_name(&m), d);
        diag_free(&quiet);
        arena_free(a);
    }
    e->frozen = true;
}

#define MAX_SLUG 100

/* The output name: the file name without ".md", reduced to lower-case
 * letters, digits and single hyphens, so no file name can reach outside
 * the output directory or surprise a web server.  "" when nothing is left. */
const char *lp_slug(lp_arena *a, const char *path, const char *ext)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base), ne = strlen(ext);
    if (n > ne && strcmp(base + n - ne, ext) == 0) n -= ne;
    char *slug = arena_alloc(a, MAX_SLUG + 1);
    size_t w = 0;
    for (size_t i = 0; i < n && w < MAX_SLUG; i++) {
        char c = base[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug[w++] = c;
        else if (w > 0 && slug[w - 1] != '-') slug[w++] = '-';
    }
    while (w > 0 && slug[w - 1] == '-') w--;
    slug[w] = '\0';
    return slug;
}

static const char *dir_of(lp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? arena_strndup(a, path, (size_t)(slash - path)) : ".";
}

lp_doc *lp_load_doc(lp_env *e, lp_arena *a, const char *path, const char *bytes, size_t len,
                    lp_diag *d)
{
    lp_doc *doc = arena_alloc(a, sizeof *doc);
    doc->arena = a;
    doc->path = path;
    doc->slug = lp_slug(a, path, ".md");
    if (!doc->slug[0]) {
        diag_error(d, path, 0, 0, "name content files with letters, digits and hyphens",
                   "the file name gives no output name");
        return NULL;
    }
    lp_source src;
    if ((bytes ? source_from_bytes(a, path, bytes, len, &src, d) : source_load(a, path, &src, d)) != 0)
        return NULL;
    if (source_meta(a, &src, &doc->meta, d) != 0 || lp_check_audience(e, &doc->meta, path, d) != 0)
        return NULL;
    if (!e->contacts) {
        diag_error(d, e->contacts_path, 0, 0, NULL, "no contacts table");
        return NULL;
    }
    if (md_parse(doc, &src, e->contacts, d) != 0 || lp_resolve(doc, e->contacts, d) != 0) return NULL;
    /* A cover icon is checked here, once: formats that do not draw a cover
     * picture would otherwise take any name without a word. */
    const lp_pic *cover = doc->meta.cover;
    if (cover && cover->icon && e->fonts && !fonts_icon(e->fonts, cover->icon)) {
        const char *near = fonts_icon_suggest(e->fonts, cover->icon);
        char hint[160];
        if (near) snprintf(hint, sizeof hint, "did you mean 'icon:%s'?", near);
        else snprintf(hint, sizeof hint, "icon names are listed in fonts/lucide-codepoints.tsv");
        diag_error(d, path, cover->line, cover->col, hint, "unknown icon '%s'", cover->icon);
        return NULL;
    }
    if (doc->nblocks == 0) {
        diag_error(d, path, src.body_line, 1, "write the text below the front matter's closing ---",
                   "the document has no text");
        return NULL;
    }
    return doc;
}

static const char *keep_str(lp_arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

static void keep_color(lp_arena *a, lp_color *c) { c->name = keep_str(a, c->name); }

/* A copy of laid-out pages in a: the boxes, structure nodes and frames, and
 * every string and array they point to. */
static lp_pages *keep_pages(lp_arena *a, const lp_pages *eds, size_t n)
{
    lp_pages *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        lp_pages *p = &out[i];
        *p = eds[i];
        p->suffix = keep_str(a, p->suffix);
        p->source = keep_str(a, p->source);
        p->print.output_profile = keep_str(a, p->print.output_profile);
        keep_color(a, &p->print.mark_color);
        if (p->page_w || p->page_h) {
            size_t np = p->npages > 0 ? (size_t)p->npages : 1;
            double *w = arena_alloc(a, 2 * np * sizeof *w);
            for (size_t k = 0; k < np; k++) {
                w[k] = p->page_w ? p->page_w[k] : p->width;
                w[np + k] = p->page_h ? p->page_h[k] : p->height;
            }
            p->page_w = p->page_w ? w : NULL;
            p->page_h = p->page_h ? w + np : NULL;
        }
        p->boxes.cap = p->boxes.n;
        p->boxes.v = arena_alloc(a, (p->boxes.n ? p->boxes.n : 1) * sizeof *p->boxes.v);
        for (size_t k = 0; k < p->boxes.n; k++) {
            lp_box *b = &p->boxes.v[k];
            *b = eds[i].boxes.v[k];
            b->text = keep_str(a, b->text);
            b->dir = keep_str(a, b->dir);
            b->url = keep_str(a, b->url);
            b->alt = keep_str(a, b->alt);
            keep_color(a, &b->color);
        }
        p->snodes.cap = p->snodes.n;
        p->snodes.v = arena_alloc(a, (p->snodes.n ? p->snodes.n : 1) * sizeof *p->snodes.v);
        for (size_t k = 0; k < p->snodes.n; k++) {
            lp_snode *s = &p->snodes.v[k];
            *s = eds[i].snodes.v[k];
            s->role = keep_str(a, s->role);
            s->alt = keep_str(a, s->alt);
            s->actual = keep_str(a, s->actual);
            s->list_numbering = keep_str(a, s->list_numbering);
            s->lang = keep_str(a, s->lang);
        }
        p->frames.cap = p->frames.n;
        p->frames.v = arena_alloc(a, (p->frames.n ? p->frames.n : 1) * sizeof *p->frames.v);
        for (size_t k = 0; k < p->frames.n; k++) {
            lp_frame *f = &p->frames.v[k];
            *f = eds[i].frames.v[k];
            f->what = keep_str(a, f->what);
        }
    }
    return out;
}

int lp_layout_doc(lp_env *e, const lp_doc *doc, bool greedy, lp_diag *d, lp_pages **editions,
                  size_t *neditions)
{
    const char *layout = lp_layout_name(&doc->meta);
    const char *near;
    if (doc->meta.layout && !spec_layout_exists(e->layouts_dir, layout, doc->arena, &near)) {
        /* Said where the document names it, not in the layouts folder. */
        char hint[160];
        if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else snprintf(hint, sizeof hint, "layouts are the .yaml files in %s", e->layouts_dir);
        diag_error(d, doc->path, doc->meta.layout_line, doc->meta.layout_col, hint,
                   "unknown layout '%s'", layout);
        return -1;
    }
    /* A layout of another format ("layout: poster" in a guide) would fail
     * on keys its format lacks, with no line in the document: said here. */
    const char *fmt = doc->meta.layout ? spec_layout_format(e->layouts_dir, layout, doc->arena) : NULL;
    const char *want = lp_format_names[doc->meta.format];
    if (fmt && strcmp(fmt, want) != 0) {
        char hint[160];
        snprintf(hint, sizeof hint, "name a %s layout, or leave out layout: for the default, %s", want,
                 format_default_layout(doc->meta.format));
        diag_error(d, doc->path, doc->meta.layout_line, doc->meta.layout_col, hint,
                   "layout '%s' is a %s layout, and this document is a %s", layout, fmt, want);
        return -1;
    }
    /* A layout's for: recommends; any audience builds with any layout (leafpress
     * check warns, lp_check_made_for). */
    const lp_spec *spec = lp_env_doc_spec(e, doc, d);
    if (!spec) return -1;
    /* Laid out in an arena of its own: the attempts, the trial paragraphs
     * and the styles looked up are gone once the pages are copied out, and
     * their memory serves the rendering. */
    lp_arena *scratch = arena_new();
    lp_flow_ctx ctx = {.doc = doc,         .spec = spec,  .fonts = e->fonts,   .contacts = e->contacts,
                       .arena = scratch,    .diag = d,     .greedy = greedy,    .partnership = e->partnership};
    lp_pages *eds = NULL;
    size_t n = 0;
    int rc = format_layout(&ctx, &eds, &n);
    *editions = rc == 0 ? keep_pages(doc->arena, eds, n) : NULL;
    *neditions = rc == 0 ? n : 0;
    arena_free(scratch);
    return rc;
}

void lp_check_made_for(const lp_env *e, const lp_doc *doc, lp_diag *d)
{
    const char *layout = lp_layout_name(&doc->meta), *made_for;
    if (spec_layout_for(e->layouts_dir, layout, doc->meta.audience, doc->arena, &made_for) == 0)
        diag_warn(d, doc->path, doc->meta.audience_line, doc->meta.audience_col,
                  "it builds in the audience's own colours and type; check it reads well, or choose a layout made for it",
                  "the %s layout is designed for %s, not %s", layout, made_for, doc->meta.audience);
}

/* Where a PDF goes: out_dir/[print/]<audience>/<slug><suffix>.pdf. */
static const char *pdf_path(lp_arena *a, const lp_build_opts *o, const char *audience, const char *slug,
                            const char *suffix, int print)
{
    return arena_printf(a, "%s/%s%s/%s%s.pdf", o->out_dir ? o->out_dir : ".", print ? "print/" : "",
                        audience, slug, suffix ? suffix : "");
}

/* An edition's suffix becomes part of a file name: lower-case letters,
 * digits and hyphens only, so no layout can write outside the output
 * folder (a "/" or ".." would).  The error is at the suffix in the layout. */
static bool suffix_ok(const lp_spec *spec, const char *suffix, lp_diag *d)
{
    size_t n = suffix ? strlen(suffix) : 0;
    bool ok = n <= MAX_SLUG;
    for (size_t i = 0; i < n && ok; i++)
        ok = (suffix[i] >= 'a' && suffix[i] <= 'z') || (suffix[i] >= '0' && suffix[i] <= '9') || suffix[i] == '-';
    if (ok) return true;
    const yt_node *eds = spec_node(spec, "editions"), *at = eds;
    for (size_t i = 0; eds && eds->kind == YT_MAP && i < eds->n; i++) {
        const yt_node *v = yt_get(eds->vals[i], "suffix");
        if (v && v->kind == YT_SCALAR && strcmp(v->scalar, suffix) == 0) at = v;
    }
    diag_error(d, spec_layout_path(spec), at ? at->line : 0, at ? at->col : 0,
               "a suffix is added to the PDF's name: lower-case letters, digits and hyphens, such as -a4",
               "edition suffix '%.60s' would leave the output folder or make an unsafe file name", suffix);
    return false;
}

size_t lp_predict_pdfs(lp_env *e, lp_arena *a, const char *path, const lp_build_opts *o,
                       const char ***paths, lp_diag *d)
{
    *paths = NULL;
    lp_diag quiet;
    diag_init(&quiet);
    lp_source src;
    lp_meta m;
    const char *slug = lp_slug(a, path, ".md");
    const lp_spec *spec = NULL;
    /* The source is read into an arena of its own: a batch predicts every
     * document's PDFs before building any, and kept in a the front matters
     * of 1,000 documents were 10 MB, the batch's peak. */
    lp_arena *tmp = arena_new();
    if (slug[0] && source_load(tmp, path, &src, &quiet) == 0 && source_meta(tmp, &src, &m, &quiet) == 0 &&
        lp_check_audience(e, &m, path, &quiet) == 0) {
        /* Only a layout already loaded: one that failed is reported by the
         * build of each document using it. */
        const lp_env_layout *tried = env_find(e, lp_layout_name(&m), lp_theme_name(&m));
        spec = tried ? tried->spec : NULL;
    }
    diag_free(&quiet); /* the build reports these */
    size_t n = 0;
    const yt_node *eds = spec ? spec_node(spec, "editions") : NULL;
    size_t neds = eds && eds->kind == YT_MAP && eds->n ? eds->n : 1;
    const char **out = spec ? arena_alloc(a, 3 * neds * sizeof *out) : NULL;
    for (size_t i = 0; spec && i < neds; i++) {
        const yt_node *sx = eds && eds->kind == YT_MAP && eds->n ? yt_get(eds->vals[i], "suffix") : NULL;
        const char *suffix = sx && sx->kind == YT_SCALAR ? sx->scalar : "";
        if (!suffix_ok(spec, suffix, d)) {
            n = 0;
            break;
        }
        if (o->screen) out[n++] = pdf_path(a, o, m.audience, slug, suffix, 0);
        if (o->print) out[n++] = pdf_path(a, o, m.audience, slug, suffix, 1);
        /* A booklet's print pages, one by one, beside the imposed sheets. */
        if (o->print && m.format == FMT_BOOKLET)
            out[n++] = pdf_path(a, o, m.audience, slug, arena_printf(a, "%s-pages", suffix), 1);
    }
    arena_free(tmp);
    *paths = n ? out : NULL;
    return n;
}

long long lp_inputs_mtime(lp_env *e, const lp_doc *doc, lp_diag *d)
{
    const lp_spec *spec = lp_env_spec(e, lp_layout_name(&doc->meta), lp_theme_name(&doc->meta), d);
    const char *files[] = {doc->path, e->contacts_path, spec ? spec_layout_path(spec) : NULL,
                           spec ? spec_theme_path(spec) : NULL};
    long long newest = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct stat st;
        if (files[i] && stat(files[i], &st) == 0 && (long long)st.st_mtime > newest)
            newest = (long long)st.st_mtime;
    }
    return newest;
}

/* Renders every edition in each variant asked for. */
static int render_doc(lp_env *e, const lp_build_opts *o, lp_build *b, lp_diag *d)
{
    const lp_spec *spec = lp_env_doc_spec(e, b->doc, d);
    for (size_t ed = 0; ed < b->neditions; ed++)
        if (!spec || !suffix_ok(spec, b->editions[ed].suffix, d)) return -1;
    const lp_doc *doc = b->doc;
    const lp_meta *m = &doc->meta;
    lp_arena *a = doc->arena;
    long long mtime = o->print && o->epoch < 0 ? lp_inputs_mtime(e, doc, d) : 0;
    b->pdfs = arena_alloc(a, (3 * b->neditions + 1) * sizeof *b->pdfs);
    for (size_t ed = 0; ed < b->neditions; ed++) {
        const lp_pages *pg = &b->editions[ed];
        /* v: screen, print, and a booklet's print pages one by one. */
        for (int v = 0; v < 3; v++) {
            if ((v == 0 && !o->screen) || (v > 0 && !o->print)) continue;
            if (v == 2 && !pg->impose_saddle) continue;
            const char *suffix = v == 2 ? arena_printf(a, "%s-pages", pg->suffix ? pg->suffix : "") : pg->suffix;
            const char *path = pdf_path(a, o, m->audience, doc->slug, suffix, v > 0);
            lp_render_opts ro;
            memset(&ro, 0, sizeof ro);
            ro.variant = v ? VARIANT_PRINT : VARIANT_SCREEN;
            ro.epoch = o->epoch;
            ro.title = m->title;
            ro.subject = m->summary;
            ro.lang = m->lang ? m->lang : "en-GB";
            ro.author = e->partnership->name;
            ro.keywords = arena_printf(a, "%s; %s", lp_format_names[m->format],
                                       m->audience);
            ro.base_dir = dir_of(a, doc->path);
            ro.output_profile = o->output_profile;
            ro.default_profile = o->default_profile;
            ro.version = m->version;
            ro.inputs_mtime = mtime;
            ro.single_pages = v == 2;
            if (lp_render_pdf(a, pg, e->fonts, &ro, path, &b->pdfs[b->npdfs], d) != 0) return -1;
            b->npdfs++;
        }
    }
    return 0;
}

int lp_render_pdf(lp_arena *a, const lp_pages *pg, const lp_fonts *fonts, const lp_render_opts *ro,
                  const char *path, lp_pdf *out, lp_diag *d)
{
    unsigned char *buf;
    size_t len;
    if (pdf_render_bytes(pg, fonts, ro, path, &buf, &len, d) != 0) return -1;
    unsigned char *copy = arena_alloc(a, len ? len : 1);
    memcpy(copy, buf, len);
    free(buf);
    *out = (lp_pdf){path, copy, len};
    return 0;
}

int lp_build_doc(lp_env *e, lp_arena *a, const char *path, const char *bytes, size_t len,
                 const lp_build_opts *o, lp_build *out, lp_diag *d)
{
    memset(out, 0, sizeof *out);
    out->doc = lp_load_doc(e, a, path, bytes, len, d);
    int rc = out->doc ? lp_layout_doc(e, out->doc, o->greedy, d, &out->editions, &out->neditions) : -1;
    if (rc == 0 && d->errors == 0 && !o->layout_only) rc = render_doc(e, o, out, d);
    return rc == 0 && d->errors == 0 ? 0 : -1;
}

int lp_write_pdfs(const lp_build *b, lp_diag *d)
{
    /* Every file is written whole beside its place first; only when all
     * are, are they renamed into place.  A failure leaves the previous
     * PDFs as they were. */
    char **tmp = calloc(b->npdfs + 1, sizeof *tmp);
    if (!tmp) {
        diag_error(d, b->doc ? b->doc->path : NULL, 0, 0, NULL, "out of memory");
        return -1;
    }
    size_t staged = 0;
    while (staged < b->npdfs &&
           (tmp[staged] = pdf_stage_file(b->pdfs[staged].path, b->pdfs[staged].bytes, b->pdfs[staged].len, false, d)))
        staged++;
    int rc = staged == b->npdfs ? 0 : -1;
    for (size_t i = 0; i < staged; i++) {
        if (rc == 0 && rename(tmp[i], b->pdfs[i].path) != 0) {
            diag_error(d, b->pdfs[i].path, 0, 0,
                       errno == EISDIR ? "a folder has the PDF's name: move it, or build into another -o"
                                       : "check that the -o folder can be written and the disk has room",
                       "cannot write the output file: %s", strerror(errno));
            rc = -1;
        }
        if (rc != 0) unlink(tmp[i]);
        free(tmp[i]);
    }
    free(tmp);
    return rc;
}

int lp_sync_outputs(const char *dir, lp_diag *d)
{
    const char *at = dir ? dir : ".";
    int fd = open(at, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd < 0 ? -1 : 0;
#ifdef __linux__
    if (rc == 0) rc = syncfs(fd); /* the files, their directories and the renames */
#else
    if (rc == 0) {
        sync();
        rc = fsync(fd);
    }
#endif
    if (fd >= 0) close(fd);
    if (rc != 0)
        diag_error(d, at, 0, 0, "check the disk is not full and can be written",
                   "cannot put the output files on disk: %s", strerror(errno));
    return rc;
}
