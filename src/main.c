/* main.c — the command line.  The only place that prints or exits. */
#include "catalogue.h"
#include "contacts.h"
#include "flow.h"
#include "layout_spec.h"
#include "leafpress.h"
#include "linebreak.h"
#include "lint.h"
#include "markdown.h"
#include "render_pdf.h"
#include "source.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_SPECS 64
#define MAX_JOBS 64

/* Workers print whole documents' messages at a time. */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static const char usage_text[] =
    "usage: leafpress build [-o DIR] [--variant screen|print|both] FILE.md|DIR...\n"
    "       leafpress dump [--greedy] FILE.md\n"
    "       leafpress text [--body] FILE.md\n"
    "       leafpress catalogue [-o DIR] CONTENT_DIR...\n"
    "       leafpress check FILE.md|DIR...\n"
    "       leafpress --help | --version\n"
    "\n"
    "build   typeset each document into DIR (default out/) as\n"
    "        DIR/<audience>/<slug>.pdf (screen) and DIR/print/<audience>/<slug>.pdf (print)\n"
    "dump    print the positioned boxes of a document, one a line\n"
    "text    print the words of a document that its PDF must contain\n"
    "catalogue  list the built PDFs of every document in DIR/index.html and\n"
    "        DIR/manifest.json, with first-page thumbnails in DIR/thumbs/\n"
    "check   check the content: readability for its audience, contacts, alt text,\n"
    "        link wording, review dates, jargon\n"
    "\n"
    "options:\n"
    "  -o DIR              output directory (default out)\n"
    "  --variant V         screen, print or both (default both)\n"
    "  --layouts DIR       layout files (default layouts)\n"
    "  --fonts DIR         font files (default fonts)\n"
    "  --contacts FILE     contacts table (default content/contacts.yaml)\n"
    "  -j N                build N documents at a time (default: one per core)\n"
    "  --greedy            dump: set paragraphs first-fit instead of optimally\n"
    "  --body              text: only the title, subtitle and body, in source order\n";

typedef struct spec_entry {
    char *layout, *theme;
    lp_spec *spec;
} spec_entry;

/* What every document of a run shares, loaded once. */
typedef struct run {
    const char *out_dir, *layouts_dir, *fonts_dir, *contacts_path;
    bool screen, print, greedy, body_only;
    bool progress; /* stderr is a terminal: draw a progress bar */
    lp_fonts *fonts;
    lp_contacts *contacts;
    spec_entry specs[MAX_SPECS];
    size_t nspecs;
    long long epoch;
    int jobs;
    int built, failed;
    /* The batch: files to build, the next one to take, under lock. */
    char **queue;
    size_t nqueue, capqueue, next;
    pthread_mutex_t lock;
} run;

static void print_diag(const lp_diag *d)
{
    char buf[2048];
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "%s\n", diag_format(&d->items[i], buf, sizeof buf));
}

/* Layouts are loaded once per run.  A batch loads every layout its
 * documents name before the workers start (preload), so workers only read
 * this table and the fonts it loaded; a layout that failed to load is
 * remembered as NULL so that it is not loaded (and reported) again. */
static const lp_spec *spec_for(run *r, const char *layout, const char *theme, lp_diag *d)
{
    for (size_t i = 0; i < r->nspecs; i++)
        if (strcmp(r->specs[i].layout, layout) == 0 && strcmp(r->specs[i].theme, theme) == 0) {
            if (!r->specs[i].spec)
                diag_error(d, r->layouts_dir, 0, 0, "see the layout's errors above",
                           "layout '%s' with theme '%s' could not be loaded", layout, theme);
            return r->specs[i].spec;
        }
    if (r->nspecs == MAX_SPECS) {
        diag_error(d, r->layouts_dir, 0, 0, NULL, "too many layouts in one run (at most %d)",
                   MAX_SPECS);
        return NULL;
    }
    lp_spec *s = spec_load(r->layouts_dir, layout, theme, r->fonts, d);
    spec_entry *e = &r->specs[r->nspecs++];
    e->layout = strdup(layout);
    e->theme = strdup(theme);
    e->spec = s;
    return s;
}

#define MAX_SLUG 100

/* The output name: the file name without ".md", reduced to lower-case
 * letters, digits and single hyphens, so no file name can reach outside
 * the output directory or surprise a web server.  "" when nothing is left. */
static const char *slug_of(lp_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0) n -= 3;
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

/* Parses and lays out one document.  NULL on error. */
static lp_doc *load_doc(run *r, lp_arena *a, const char *path, lp_diag *d)
{
    lp_doc *doc = arena_alloc(a, sizeof *doc);
    doc->arena = a;
    doc->path = path;
    doc->slug = slug_of(a, path);
    if (!doc->slug[0]) {
        diag_error(d, path, 0, 0, "name content files with letters, digits and hyphens",
                   "the file name gives no output name");
        return NULL;
    }
    lp_source src;
    if (source_load(a, path, &src, d) != 0) return NULL;
    if (source_meta(a, &src, &doc->meta, d) != 0) return NULL;
    if (!r->contacts) {
        diag_error(d, r->contacts_path, 0, 0, NULL, "no contacts table");
        return NULL;
    }
    if (md_parse(doc, &src, r->contacts, d) != 0) return NULL;
    if (doc->nblocks == 0) {
        diag_error(d, path, src.body_line, 1, "write the text below the front matter's closing ---",
                   "the document has no text");
        return NULL;
    }
    return doc;
}

static int layout_doc(run *r, lp_doc *doc, lp_diag *d, lp_pages **eds, size_t *neds)
{
    const char *layout = doc->meta.layout ? doc->meta.layout
                                          : flow_default_layout(doc->meta.format, doc->meta.audience);
    const char *near;
    if (doc->meta.layout && !spec_layout_exists(r->layouts_dir, layout, doc->arena, &near)) {
        /* Said where the document names it, not in the layouts folder. */
        char hint[160];
        if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else snprintf(hint, sizeof hint, "layouts are the .yaml files in %s", r->layouts_dir);
        diag_error(d, doc->path, doc->meta.layout_line, doc->meta.layout_col, hint,
                   "unknown layout '%s'", layout);
        return -1;
    }
    const char *made_for;
    if (spec_layout_for(r->layouts_dir, layout, doc->meta.audience, doc->arena, &made_for) == 0) {
        /* Each layout is designed for its readers: say so at the audience. */
        diag_error(d, doc->path, doc->meta.audience_line, doc->meta.audience_col,
                   "choose a format made for this audience, or another audience",
                   "the %s layout is made for %s, not %s", layout, made_for,
                   lp_audience_names[doc->meta.audience]);
        return -1;
    }
    const lp_spec *spec = spec_for(r, layout, lp_audience_names[doc->meta.audience], d);
    if (!spec) return -1;
    lp_flow_ctx ctx = {doc, spec, r->fonts, r->contacts, doc->arena, d, r->greedy, NULL};
    return flow_layout(&ctx, eds, neds);
}

static int render_doc(run *r, lp_doc *doc, lp_pages *eds, size_t neds, lp_diag *d)
{
    const lp_meta *m = &doc->meta;
    /* A document is all its files or none: when one edition fails, the ones
     * already written are removed, so out/ never mixes old and new. */
    const char **done = arena_alloc(doc->arena, (2 * neds + 1) * sizeof *done);
    size_t ndone = 0;
    for (size_t e = 0; e < neds; e++) {
        for (int v = 0; v < 2; v++) {
            if ((v == 0 && !r->screen) || (v == 1 && !r->print)) continue;
            const char *out = arena_printf(doc->arena, "%s/%s%s/%s%s.pdf", r->out_dir,
                                           v ? "print/" : "", lp_audience_names[m->audience],
                                           doc->slug, eds[e].suffix ? eds[e].suffix : "");
            lp_render_opts o;
            memset(&o, 0, sizeof o);
            o.variant = v ? VARIANT_PRINT : VARIANT_SCREEN;
            o.epoch = r->epoch;
            o.title = m->title;
            o.subject = m->summary;
            o.lang = m->lang ? m->lang : "en-GB";
            o.author = "Coventry Safeguarding Children Partnership";
            o.keywords = arena_printf(doc->arena, "%s; %s", lp_format_names[m->format],
                                      lp_audience_names[m->audience]);
            o.base_dir = dir_of(doc->arena, doc->path);
            if (pdf_render(&eds[e], r->fonts, &o, out, d) != 0) {
                while (ndone > 0) unlink(done[--ndone]);
                return -1;
            }
            done[ndone++] = out;
        }
    }
    pthread_mutex_lock(&print_lock);
    for (size_t i = 0; i < ndone; i++) fprintf(stdout, "built %s\n", done[i]);
    fflush(stdout);
    pthread_mutex_unlock(&print_lock);
    return 0;
}

/* On a terminal, one line that redraws itself: [#####     ] 12/19 name. */
static void progress_bar(const run *r, const char *path)
{
    enum { WIDTH = 24 };
    size_t done = (size_t)(r->built + r->failed), total = r->nqueue ? r->nqueue : 1;
    char bar[WIDTH + 1];
    size_t fill = done * WIDTH / total;
    for (size_t i = 0; i < WIDTH; i++) bar[i] = i < fill ? '#' : ' ';
    bar[WIDTH] = '\0';
    const char *name = strrchr(path, '/');
    fprintf(stderr, "\r\033[K[%s] %zu/%zu %s", bar, done, total, name ? name + 1 : path);
    fflush(stderr);
}

static void build_file(run *r, const char *path)
{
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_doc *doc = load_doc(r, a, path, &d);
    lp_pages *eds = NULL;
    size_t neds = 0;
    int rc = doc ? layout_doc(r, doc, &d, &eds, &neds) : -1;
    if (rc == 0 && d.errors == 0) rc = render_doc(r, doc, eds, neds, &d);
    if (d.errors) rc = -1;
    pthread_mutex_lock(&print_lock);
    if (r->progress) fputs("\r\033[K", stderr); /* clear the progress bar first */
    print_diag(&d);
    if (rc == 0) r->built++;
    else r->failed++;
    if (r->progress) progress_bar(r, path);
    pthread_mutex_unlock(&print_lock);
    diag_free(&d);
    arena_free(a);
}

/* Reads each queued document's front matter and loads the layouts they
 * name, before any worker starts. */
static void preload_layouts(run *r)
{
    lp_diag d;
    diag_init(&d);
    for (size_t i = 0; i < r->nqueue; i++) {
        lp_diag quiet;
        diag_init(&quiet);
        lp_arena *a = arena_new();
        lp_source src;
        lp_meta m;
        if (source_load(a, r->queue[i], &src, &quiet) == 0 &&
            source_meta(a, &src, &m, &quiet) == 0) {
            const char *layout = m.layout ? m.layout : flow_default_layout(m.format, m.audience);
            size_t before = r->nspecs;
            spec_for(r, layout, lp_audience_names[m.audience], &d);
            /* A layout that fails is reported by each document using it. */
            if (r->nspecs > before && !r->specs[r->nspecs - 1].spec) diag_free(&d);
        }
        diag_free(&quiet);
        arena_free(a);
    }
    for (size_t i = 0; i < r->nspecs; i++)
        if (!r->specs[i].spec) {
            /* Forget failures so that each document reports the real error. */
            free(r->specs[i].layout);
            free(r->specs[i].theme);
            r->specs[i] = r->specs[--r->nspecs];
            i--;
        }
    diag_free(&d);
}

static void *worker(void *arg)
{
    run *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t i = r->next < r->nqueue ? r->next++ : r->nqueue;
        pthread_mutex_unlock(&r->lock);
        if (i == r->nqueue) return NULL;
        build_file(r, r->queue[i]);
    }
}

/* Builds the queue with r->jobs workers; layouts are loaded up front, and
 * a document whose layout could not be loaded is built (and fails) alone. */
static void build_queue(run *r)
{
    preload_layouts(r);
    int jobs = r->jobs;
    if ((size_t)jobs > r->nqueue) jobs = (int)r->nqueue;
    pthread_t tid[MAX_JOBS];
    int started = 0;
    pthread_mutex_init(&r->lock, NULL);
    for (; started < jobs - 1; started++)
        if (pthread_create(&tid[started], NULL, worker, r) != 0) break;
    worker(r);
    for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&r->lock);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Removes "<name>.pdf.tmp.<pid>.XXXXXX" files whose process is gone: what a
 * build killed mid-write leaves (never a .pdf, but clutter all the same). */
static void sweep_stale_temps(const char *out_dir)
{
    static const char *const sub[] = {"", "print/"};
    for (size_t v = 0; v < 2; v++)
        for (int a = 0; a < AUD__COUNT; a++) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/%s%s", out_dir, sub[v], lp_audience_names[a]);
            DIR *dp = opendir(dir);
            if (!dp) continue;
            struct dirent *de;
            while ((de = readdir(dp))) {
                const char *t = strstr(de->d_name, ".pdf.tmp.");
                if (!t) continue;
                char *end;
                long pid = strtol(t + 9, &end, 10);
                if (pid <= 0 || *end != '.' || pid == (long)getpid()) continue;
                if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
                char path[8192];
                snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
                unlink(path);
            }
            closedir(dp);
        }
}

static int run_init(run *r)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    r->epoch = sde && *sde ? strtoll(sde, NULL, 10) : -1;
    r->fonts = fonts_new(r->fonts_dir);
    lp_diag d;
    diag_init(&d);
    if (!r->fonts) {
        fprintf(stderr, "leafpress: error: out of memory loading fonts\n");
        return -1;
    }
    /* Hyphenation patterns load on first use: only styles that hyphenate
     * (professionals') pay for them. */
    r->contacts = contacts_load(r->contacts_path, &d);
    print_diag(&d);
    int rc = r->contacts ? 0 : -1;
    diag_free(&d);
    return rc;
}

static void run_free(run *r)
{
    for (size_t i = 0; i < r->nspecs; i++) {
        spec_free(r->specs[i].spec);
        free(r->specs[i].layout);
        free(r->specs[i].theme);
    }
    contacts_free(r->contacts);
    fonts_free(r->fonts);
    lb_hyphen_shutdown();
}

/* ---- check: content lint over files and directories ---- */

typedef struct checked {
    lp_arena **arenas;
    const lp_doc **docs;
    size_t n, cap;
    int errors, warnings, files;
} checked;

static void check_file(run *r, checked *c, const char *path)
{
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_doc *doc = load_doc(r, a, path, &d);
    if (doc) {
        const char *layout = doc->meta.layout ? doc->meta.layout
                                              : flow_default_layout(doc->meta.format, doc->meta.audience);
        const lp_spec *spec = spec_for(r, layout, lp_audience_names[doc->meta.audience], &d);
        if (spec) {
            char today[16];
            time_t now = r->epoch >= 0 ? (time_t)r->epoch : time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            strftime(today, sizeof today, "%Y-%m-%d", &tm);
            lint_doc(doc, spec, r->contacts, today, &d);
        }
    }
    print_diag(&d);
    c->errors += d.errors;
    c->warnings += d.warnings;
    c->files++;
    diag_free(&d);
    if (!doc) {
        arena_free(a);
        return;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->arenas = realloc(c->arenas, c->cap * sizeof *c->arenas);
        c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
        if (!c->arenas || !c->docs) abort();
    }
    c->arenas[c->n] = a;
    c->docs[c->n++] = doc;
}

/* Calls fn on every .md file under path (or on path itself), in name order. */
static void walk(run *r, const char *path, int depth, void (*fn)(run *, void *, const char *),
                 void *arg)
{
    struct stat st;
    if (depth > 16) return;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fn(r, arg, path);
        return;
    }
    DIR *dp = opendir(path);
    if (!dp) {
        fprintf(stderr, "%s: error: cannot open directory: %s\n", path, strerror(errno));
        r->failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.') continue;
        size_t len = strlen(de->d_name);
        bool md = len > 3 && strcmp(de->d_name + len - 3, ".md") == 0;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, de->d_name);
        struct stat cs;
        if (lstat(full, &cs) != 0) continue;
        if (!(S_ISDIR(cs.st_mode) || (S_ISREG(cs.st_mode) && md))) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) break;
            names = p;
        }
        names[n] = strdup(full);
        if (!names[n]) break;
        n++;
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        walk(r, names[i], depth + 1, fn, arg);
        free(names[i]);
    }
    free(names);
}

static void check_cb(run *r, void *arg, const char *path) { check_file(r, arg, path); }
static void queue_cb(run *r, void *arg, const char *path)
{
    (void)arg;
    if (r->nqueue == r->capqueue) {
        r->capqueue = r->capqueue ? r->capqueue * 2 : 32;
        r->queue = realloc(r->queue, r->capqueue * sizeof *r->queue);
        if (!r->queue) abort();
    }
    r->queue[r->nqueue] = strdup(path);
    if (!r->queue[r->nqueue]) abort();
    r->nqueue++;
}

static int cmd_check(run *r, const char **files, size_t nfiles)
{
    if (run_init(r) != 0) {
        run_free(r);
        return 1;
    }
    checked c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < nfiles; i++) walk(r, files[i], 0, check_cb, &c);
    lp_diag d;
    diag_init(&d);
    lint_unused_contacts(r->contacts, c.docs, c.n, &d);
    print_diag(&d);
    c.errors += d.errors;
    c.warnings += d.warnings;
    diag_free(&d);
    for (size_t i = 0; i < c.n; i++) arena_free(c.arenas[i]);
    free(c.arenas);
    free(c.docs);
    run_free(r);
    fprintf(stderr, "leafpress check: %d file%s, %d error%s, %d warning%s\n", c.files,
            c.files == 1 ? "" : "s", c.errors, c.errors == 1 ? "" : "s", c.warnings,
            c.warnings == 1 ? "" : "s");
    return c.errors || r->failed ? 1 : 0;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "leafpress: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see leafpress --help)\n");
    return 2;
}

static void print_inlines(const lp_inline *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (in[i].kind == IN_TEXT) fputs(in[i].text, stdout);
        else if (in[i].kind == IN_IMAGE) continue;
        else fputc(' ', stdout);
    }
    fputc('\n', stdout);
}

static void print_blocks(const lp_block *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i].title) printf("%s\n", b[i].title);
        print_inlines(b[i].in, b[i].nin);
        print_blocks(b[i].kids, b[i].nkids);
        if (b[i].source) printf("%s\n", b[i].source);
    }
}

/* The words a reader must find in the PDF: the title, the body, the
 * definitions' sources, and each front-matter contact's name and number. */
static void print_text(const run *r, const lp_doc *doc, bool body_only)
{
    const lp_meta *m = &doc->meta;
    printf("%s\n", m->title);
    if (m->subtitle) printf("%s\n", m->subtitle);
    print_blocks(doc->blocks, doc->nblocks);
    if (body_only) return;
    for (size_t i = 0; i < m->ncontacts; i++) {
        const lp_contact *ct = contacts_find(r->contacts, m->contacts[i].key);
        if (!ct) continue;
        printf("%s\n", ct->name);
        if (ct->phone) printf("%s\n", ct->phone);
    }
    for (size_t i = 0; i < m->nwords; i++) printf("%s\n%s\n", m->words[i].term, m->words[i].meaning);
}

static int cmd_dump(run *r, const char *path, bool text)
{
    if (run_init(r) != 0) {
        run_free(r);
        return 1;
    }
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_doc *doc = load_doc(r, a, path, &d);
    lp_pages *eds = NULL;
    size_t neds = 0;
    int rc = doc ? (text ? 0 : layout_doc(r, doc, &d, &eds, &neds)) : -1;
    if (rc == 0 && d.errors == 0 && text) print_text(r, doc, r->body_only);
    else if (rc == 0 && d.errors == 0)
        for (size_t e = 0; e < neds; e++) flow_dump(&eds[e], r->fonts, stdout);
    if (d.errors) rc = -1;
    print_diag(&d);
    diag_free(&d);
    arena_free(a);
    run_free(r);
    return rc == 0 ? 0 : 1;
}

/* leafpress catalogue [-o DIR] CONTENT_DIR...: the download page for what
 * is already built in DIR; nothing is written when a document is missing. */
static int cmd_catalogue(int argc, char **argv)
{
    const char *out = "out";
    const char **dirs = calloc((size_t)argc, sizeof *dirs);
    size_t ndirs = 0;
    if (!dirs) return 1;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(dirs);
            return usage_error("unknown catalogue option '%s'", argv[i]);
        } else dirs[ndirs++] = argv[i];
    }
    if (ndirs == 0) {
        free(dirs);
        return usage_error("%s needs at least one content directory", "catalogue");
    }
    lp_diag d;
    diag_init(&d);
    lp_catalogue *c = cat_scan(out, dirs, ndirs, &d);
    if (c && d.errors == 0) cat_thumbnails(c, "pdftoppm", 240, &d);
    if (c && d.errors == 0 && cat_write(c, &d) == 0)
        printf("catalogue %s/index.html: %zu documents\n", out, c->n);
    print_diag(&d);
    int rc = d.errors ? 1 : 0;
    diag_free(&d);
    cat_free(c);
    free(dirs);
    return rc;
}

int main(int argc, char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    r.out_dir = "out";
    r.layouts_dir = "layouts";
    r.fonts_dir = "fonts";
    r.contacts_path = "content/contacts.yaml";
    r.screen = r.print = true;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    r.jobs = cores < 1 ? 1 : cores > MAX_JOBS ? MAX_JOBS : (int)cores;
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("leafpress %s\n", LP_VERSION);
        return 0;
    }
    if (strcmp(cmd, "catalogue") == 0) return cmd_catalogue(argc, argv);
    if (strcmp(cmd, "build") != 0 && strcmp(cmd, "dump") != 0 && strcmp(cmd, "text") != 0 &&
        strcmp(cmd, "check") != 0)
        return usage_error("unknown command '%s'", cmd);

    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) return 1;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **dest = NULL;
        if (strcmp(a, "-o") == 0) dest = &r.out_dir;
        else if (strcmp(a, "--layouts") == 0) dest = &r.layouts_dir;
        else if (strcmp(a, "--fonts") == 0) dest = &r.fonts_dir;
        else if (strcmp(a, "--contacts") == 0) dest = &r.contacts_path;
        if (dest) {
            if (i + 1 >= argc) {
                free(files);
                return usage_error("option '%s' needs a value", a);
            }
            *dest = argv[++i];
        } else if (strcmp(a, "--variant") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : "";
            if (strcmp(v, "screen") == 0) r.print = false;
            else if (strcmp(v, "print") == 0) r.screen = false;
            else if (strcmp(v, "both") != 0) {
                free(files);
                return usage_error("--variant takes screen, print or both, not '%s'", v);
            }
        } else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
            const char *v = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : "";
            char *end;
            long j = strtol(v, &end, 10);
            if (!*v || *end || j < 1 || j > MAX_JOBS) {
                free(files);
                return usage_error("-j takes a number of jobs from 1 to 64, not '%s'", v);
            }
            r.jobs = (int)j;
        } else if (strcmp(a, "--body") == 0) {
            r.body_only = true;
        } else if (strcmp(a, "--greedy") == 0) {
            r.greedy = true;
        } else if (a[0] == '-' && a[1]) {
            free(files);
            return usage_error("unknown option '%s'", a);
        } else {
            files[nfiles++] = a;
        }
    }
    if (nfiles == 0) {
        free(files);
        return usage_error("%s needs at least one file", cmd);
    }
    if (strcmp(cmd, "dump") == 0 || strcmp(cmd, "text") == 0) {
        int rc = nfiles == 1 ? cmd_dump(&r, files[0], strcmp(cmd, "text") == 0)
                             : usage_error("%s takes one file", cmd);
        free(files);
        return rc;
    }
    if (strcmp(cmd, "check") == 0) {
        int rc = cmd_check(&r, files, nfiles);
        free(files);
        return rc;
    }
    if (run_init(&r) != 0) {
        free(files);
        run_free(&r);
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sweep_stale_temps(r.out_dir);
    for (size_t i = 0; i < nfiles; i++) walk(&r, files[i], 0, queue_cb, NULL);
    free(files);
    r.progress = isatty(STDERR_FILENO) && r.nqueue > 1;
    build_queue(&r);
    if (r.progress) fputs("\r\033[K", stderr);
    for (size_t i = 0; i < r.nqueue; i++) free(r.queue[i]);
    free(r.queue);
    run_free(&r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "leafpress: %d built, %d failed in %.2f s\n", r.built, r.failed, secs);
    return r.failed ? 1 : 0;
}
