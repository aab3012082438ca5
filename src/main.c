/* main.c — the command line.  The only place that prints or exits. */
#include "catalogue.h"
#include "contacts.h"
#include "flow.h"
#include "leafpress.h"
#include "linebreak.h"
#include "lint.h"
#include "newdoc.h"
#include "pack.h"
#include "pipeline.h"
#include "render_pdf.h"
#include "project.h"
#include "resolve.h"
#include "source.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS 64

/* Workers print whole documents' messages at a time. */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static const char usage_text[] =
    "usage: leafpress build [-o DIR] [--variant screen|print|both] [--dry-run] FILE.md|DIR...\n"
    "       leafpress dump [--greedy] FILE.md\n"
    "       leafpress text [--body] FILE.md\n"
    "       leafpress catalogue [-o DIR] [--layouts DIR] [--partnership FILE] [--contacts FILE]\n"
    "                 CONTENT_DIR...\n"
    "       leafpress check FILE.md|DIR...\n"
    "       leafpress new --format F --audience A [-o FILE.md] \"Title\"\n"
    "       leafpress watch [build options] FILE.md|DIR...\n"
    "       leafpress pack [-o DIR] [--variant V] PACK.yaml...\n"
    "       leafpress --help | --version\n"
    "\n"
    "build   typeset each document into DIR (default out/) as\n"
    "        DIR/<audience>/<slug>.pdf (screen) and DIR/print/<audience>/<slug>.pdf (print:\n"
    "        PDF/X-4, tagged; a booklet also as DIR/print/<audience>/<slug>-pages.pdf)\n"
    "dump    print the positioned boxes of a document, one a line\n"
    "text    print the words of a document that its PDF must contain\n"
    "catalogue  list the built PDFs of every document in DIR/index.html and\n"
    "        DIR/manifest.json, with first-page thumbnails in DIR/thumbs/;\n"
    "        --partial leaves off (with a warning) documents that did not build\n"
    "check   check the content: readability for its audience, contacts, alt text,\n"
    "        link wording, review dates, jargon\n"
    "new     write a document to start from (default name: the title's words.md),\n"
    "        front matter filled in and every other key shown in a comment\n"
    "watch   build, then build again each document that changes (all of them when\n"
    "        contacts or layouts change), until Ctrl-C\n"
    "pack    one PDF for a training session from a pack file (content/packs/*.yaml):\n"
    "        a cover, a contents page and each document on a right-hand page, as\n"
    "        DIR/packs/<slug>.pdf and DIR/print/packs/<slug>.pdf\n"
    "\n"
    "options:\n"
    "  -o DIR              output directory (default: the project's out/)\n"
    "  --variant V         screen, print or both (default both)\n"
    "  --layouts DIR       layout files (default: the project's layouts/, else the installed ones)\n"
    "  --fonts DIR         font files (default: the project's fonts/, else the installed ones)\n"
    "  --contacts FILE     contacts table (default: the project's content/contacts.yaml,\n"
    "                      else its contacts.yaml, else the installed one)\n"
    "  --partnership FILE  who publishes: name, mark, colours, key contacts\n"
    "                      (default partnership.yaml beside the contacts table)\n"
    "  --output-profile FILE  print: the press's ICC CMYK output profile (default FOGRA39,\n"
    "                      built by make; a layout may name one as print.output-profile)\n"
    "  -j N                build N documents at a time (default: one per core)\n"
    "  --dry-run           build: write nothing, only refuse two documents that would\n"
    "                      write the same PDF\n"
    "  --greedy            dump: set paragraphs first-fit instead of optimally\n"
    "  --body              text: only the title, subtitle and body, in source order\n"
    "  --                  what follows is a file name, even when it starts with '-'\n"
    "\n"
    "The project is the nearest folder, from the first file named up, that holds\n"
    "content/contacts.yaml or layouts/; so leafpress works from any folder of it.\n";

/* What every document of a run shares, loaded once. */
typedef struct run {
    const char *out_dir, *layouts_dir, *fonts_dir, *contacts_path, *partnership_path,
                *output_profile, *default_profile;
    char partnership_buf[4096]; /* partnership_path when it is beside the contacts */
    bool screen, print, greedy, body_only;
    bool dry_run; /* build: only check that no two documents write one PDF */
    bool progress; /* stderr is a terminal: draw a progress bar */
    lp_env env;
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
    char safe[256];
    fprintf(stderr, "\r\033[K[%s] %zu/%zu %s", bar, done, total,
            diag_escape(name ? name + 1 : path, safe, sizeof safe));
    fflush(stderr);
}

static void build_file(run *r, const char *path)
{
    lp_diag d;
    diag_init(&d);
    lp_arena *a = arena_new();
    lp_build_opts o = {r->screen, r->print, false, r->greedy, r->epoch, r->out_dir, r->output_profile,
                       r->default_profile};
    lp_build b;
    int rc = lp_build_doc(&r->env, a, path, NULL, 0, &o, &b, &d);
    if (rc == 0) rc = lp_write_pdfs(&b, &d);
    if (rc == 0) {
        pthread_mutex_lock(&print_lock);
        char safe[4096];
        for (size_t i = 0; i < b.npdfs; i++)
            fprintf(stdout, "built %s\n", diag_escape(b.pdfs[i].path, safe, sizeof safe));
        fflush(stdout);
        pthread_mutex_unlock(&print_lock);
    }
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
    fonts_release_pages(r->env.fonts);
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

/* ---- output integrity: no two documents write the same PDF ---- */

typedef struct claim {
    const char *pdf;
    size_t doc; /* index in the queue */
} claim;

static int cmp_claim(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    int c = strcasecmp(x->pdf, y->pdf);
    return c ? c : x->doc < y->doc ? -1 : x->doc > y->doc;
}

typedef LP_VEC(size_t) claim_pairs;

/* Do two paths name the same file? */
static bool same_file(const char *x, const char *y)
{
    struct stat sx, sy;
    return stat(x, &sx) == 0 && stat(y, &sy) == 0 && sx.st_dev == sy.st_dev && sx.st_ino == sy.st_ino;
}

/* Has document x already been told about document y?  (Once a pair, not
 * once for each variant and edition they share.) */
static bool said(lp_arena *a, claim_pairs *p, size_t x, size_t y)
{
    for (size_t i = 0; i + 1 < p->n; i += 2)
        if (p->v[i] == x && p->v[i + 1] == y) return true;
    VEC_PUSH(a, *p, x);
    VEC_PUSH(a, *p, y);
    return false;
}

/* Before anything is built: two documents that would write the same PDF
 * (the same path once case is folded, so Guide.md and guide.md; a/x.md and
 * b/x.md; two long names cut to the same output name; a poster's -a4
 * edition and a document named x-a4.md) are both refused, each naming the
 * other, so neither silently overwrites the other and the outcome does not
 * depend on which finishes first.  They leave the queue. */
static void refuse_collisions(run *r)
{
    lp_arena *a = arena_new();
    lp_build_opts o = {r->screen, r->print, false, false, r->epoch, r->out_dir, r->output_profile,
                       r->default_profile};
    LP_VEC(claim) claims = {0};
    claim_pairs pairs = {0};
    bool *bad = arena_alloc(a, (r->nqueue + 1) * sizeof *bad);
    bool *twice = arena_alloc(a, (r->nqueue + 1) * sizeof *twice);
    lp_diag *why = arena_alloc(a, (r->nqueue + 1) * sizeof *why);
    for (size_t i = 0; i < r->nqueue; i++) {
        diag_init(&why[i]);
        const char **pdfs;
        size_t n = lp_predict_pdfs(&r->env, a, r->queue[i], &o, &pdfs, &why[i]);
        bad[i] = why[i].errors > 0;
        for (size_t k = 0; k < n; k++) VEC_PUSH(a, claims, ((claim){pdfs[k], i}));
    }
    if (claims.n) qsort(claims.v, claims.n, sizeof *claims.v, cmp_claim);
    for (size_t k = 0; k + 1 < claims.n; k++) {
        size_t end = k + 1;
        while (end < claims.n && strcasecmp(claims.v[end].pdf, claims.v[k].pdf) == 0) end++;
        for (size_t x = k; x < end; x++)
            for (size_t y = k; y < end; y++) {
                size_t dx = claims.v[x].doc, dy = claims.v[y].doc;
                if (dx == dy) continue;
                if (same_file(r->queue[dx], r->queue[dy])) {
                    /* One file named twice (a folder and a file in it, or
                     * two spellings of its path): built once. */
                    twice[dx > dy ? dx : dy] = true;
                    continue;
                }
                if (said(a, &pairs, dx, dy)) continue;
                bad[dx] = true;
                diag_error(&why[claims.v[x].doc], r->queue[claims.v[x].doc], 0, 0,
                           "output names come from file names, lower-cased and cut to 100 characters: "
                           "rename one of them",
                           "writes %s, as does %s", claims.v[x].pdf, r->queue[claims.v[y].doc]);
            }
        k = end - 1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < r->nqueue; i++) {
        if (twice[i] && !bad[i]) {
            free(r->queue[i]);
        } else if (bad[i]) {
            print_diag(&why[i]);
            r->failed++;
            free(r->queue[i]);
        } else {
            r->queue[kept++] = r->queue[i];
        }
        diag_free(&why[i]);
    }
    r->nqueue = kept;
    arena_free(a);
}

/* Builds the queue with r->jobs workers; layouts are loaded up front, and
 * a document whose layout could not be loaded is built (and fails) alone. */
static void build_queue(run *r)
{
    lp_diag d;
    diag_init(&d);
    lp_env_preload(&r->env, r->queue, r->nqueue, &d);
    print_diag(&d);
    diag_free(&d);
    refuse_collisions(r);
    if (r->dry_run) return;
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

/* Removes the files in dir whose name holds mark followed by the id of a
 * process that is gone (then '.', '-' or the end): what a killed build
 * leaves.  Only regular files of this user; a live process's are kept. */
static void sweep_dead(const char *dir, const char *mark)
{
    DIR *dp = opendir(dir);
    if (!dp) return;
    size_t ml = strlen(mark);
    struct dirent *de;
    while ((de = readdir(dp))) {
        const char *t = strstr(de->d_name, mark);
        if (!t || t[ml] < '1' || t[ml] > '9') continue;
        char *end;
        long pid = strtol(t + ml, &end, 10);
        if (pid <= 0 || (*end != '.' && *end != '-' && *end) || pid == (long)getpid()) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char path[8192];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid()) unlink(path);
    }
    closedir(dp);
}

/* Sweeps what builds killed mid-write left: "<name>.pdf.tmp.<pid>.XXXXXX"
 * beside the PDFs (never a .pdf, but clutter all the same). */
static void sweep_stale_temps(const char *out_dir, const lp_audiences *au)
{
    static const char *const sub[] = {"", "print/"};
    for (size_t v = 0; v < 2; v++)
        for (size_t a = 0; au && a < au->n; a++) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/%s%s", out_dir, sub[v], au->names[a]);
            sweep_dead(dir, ".pdf" PDF_TMP_MARK);
        }
}

/* The project's (else the installed) partnership.yaml, as resolve_paths
 * found it. */
static const char *project_partnership;

/* partnership.yaml beside contacts.yaml when there is one there, else the
 * project's or the installed one, unless --partnership says. */
static const char *partnership_beside(const char *contacts_path, char *buf, size_t size)
{
    const char *slash = strrchr(contacts_path, '/');
    if (slash) snprintf(buf, size, "%.*s/partnership.yaml", (int)(slash - contacts_path), contacts_path);
    else snprintf(buf, size, "partnership.yaml");
    if (access(buf, F_OK) != 0 && project_partnership) return project_partnership;
    return buf;
}

/* The latest date a PDF can carry: 9999-12-31T23:59:59Z (its dates have
 * four-digit years). */
#define MAX_EPOCH 253402300799LL

/* SOURCE_DATE_EPOCH: unset or empty, no date (-1); else whole seconds since
 * 1970 up to the year 9999.  Anything else is an error, never 1970 or the
 * year 0000 in a PDF. */
static int source_date_epoch(long long *epoch, lp_diag *d)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    *epoch = -1;
    if (!sde || !*sde) return 0;
    const char *p = sde;
    long long v = 0;
    bool digits = *p >= '0' && *p <= '9';
    for (; *p >= '0' && *p <= '9' && v <= MAX_EPOCH; p++) v = v * 10 + (*p - '0');
    if (!digits || *p || v > MAX_EPOCH) {
        diag_error(d, "SOURCE_DATE_EPOCH", 0, 0,
                   "set it to whole seconds since 1970, such as $(git log -1 --format=%ct), or unset it",
                   "'%.40s' is not a date between 1970 and the year 9999", sde);
        return -1;
    }
    *epoch = v;
    return 0;
}

static int run_init(run *r)
{
    lp_diag d;
    diag_init(&d);
    if (source_date_epoch(&r->epoch, &d) != 0) {
        print_diag(&d);
        diag_free(&d);
        return -1;
    }
    if (!r->partnership_path)
        r->partnership_path = partnership_beside(r->contacts_path, r->partnership_buf, sizeof r->partnership_buf);
    int rc = lp_env_open(&r->env, r->layouts_dir, r->fonts_dir, r->contacts_path, r->partnership_path, &d);
    print_diag(&d);
    diag_free(&d);
    return rc;
}

static void run_free(run *r)
{
    lp_env_close(&r->env);
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
    lp_doc *doc = lp_load_doc(&r->env, a, path, NULL, 0, &d);
    if (doc) {
        const lp_spec *spec = lp_env_doc_spec(&r->env, doc, &d);
        if (spec) {
            char today[16];
            time_t now = r->epoch >= 0 ? (time_t)r->epoch : time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            strftime(today, sizeof today, "%Y-%m-%d", &tm);
            lint_doc(doc, spec, r->env.contacts, today, &d);
            lp_check_made_for(&r->env, doc, &d);
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

/* Calls fn on every .md file under path (or on path itself), in name order;
 * returns how many. */
static size_t walk(run *r, const char *path, int depth, void (*fn)(run *, void *, const char *),
                   void *arg)
{
    struct stat st;
    if (depth > 16) return 0;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fn(r, arg, path);
        return 1;
    }
    DIR *dp = opendir(path);
    if (!dp) {
        char safe[4096];
        fprintf(stderr, "%s: error: cannot open directory: %s\n", diag_escape(path, safe, sizeof safe),
                strerror(errno));
        r->failed++;
        return 0;
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
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        found += walk(r, names[i], depth + 1, fn, arg);
        free(names[i]);
    }
    free(names);
    return found;
}

/* Walks each path given on the command line; a folder with no document in
 * it is an error, not a build that silently does nothing. */
static void walk_args(run *r, const char *const *files, size_t nfiles,
                      void (*fn)(run *, void *, const char *), void *arg)
{
    for (size_t i = 0; i < nfiles; i++) {
        int failed = r->failed;
        if (walk(r, files[i], 0, fn, arg) > 0 || r->failed != failed) continue;
        char safe[4096];
        fprintf(stderr,
                "%s: error: no documents in this folder (leafpress reads the .md files in it and in its "
                "folders; give a folder that holds them, or the files themselves)\n",
                diag_escape(files[i], safe, sizeof safe));
        r->failed++;
    }
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
    walk_args(r, files, nfiles, check_cb, &c);
    c.errors += r->failed; /* folders with no document in them */
    lp_diag d;
    diag_init(&d);
    /* "Not used by any document" is true only of the whole content folder
     * (the one holding the contacts table, or the project above it): one
     * document or one audience's folder does not name every contact. */
    bool whole = false;
    for (size_t i = 0; r->contacts_path && i < nfiles && !whole; i++)
        whole = project_holds_folder_of(files[i], r->contacts_path);
    if (whole) lint_unused_contacts(r->env.contacts, c.docs, c.n, &d);
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
    char safe[1024];
    fprintf(stderr, "leafpress: error: ");
    fprintf(stderr, fmt, diag_escape(arg, safe, sizeof safe));
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
 * definitions' sources, and each front-matter contact's name and number
 * (easy read gives a number once: a contact whose number a row gives is not
 * listed again). */
static void print_text(const lp_doc *doc, bool body_only)
{
    const lp_meta *m = &doc->meta;
    /* A poster's "# headline" is printed instead of its title. */
    bool headline = m->format == FMT_POSTER && doc->nblocks && doc->blocks[0].kind == BLK_HEADING &&
                    doc->blocks[0].level == 1;
    if (!headline) printf("%s\n", m->title);
    if (m->subtitle) printf("%s\n", m->subtitle);
    print_blocks(doc->blocks, doc->nblocks);
    if (body_only) return;
    for (size_t i = 0; i < m->ncontacts; i++) {
        const lp_contact_rec *rc = m->contacts[i].rec;
        if (!rc) continue;
        const lp_contact *ct = rc->ct;
        const char *link = rc->reach_url;
        if (m->format == FMT_EASYREAD && link && fl_blocks_link(doc->blocks, doc->nblocks, link))
            continue;
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
    lp_build_opts o = {false, false, true, r->greedy, r->epoch, r->out_dir, NULL, NULL};
    lp_build b;
    int rc;
    if (text) {
        b.doc = lp_load_doc(&r->env, a, path, NULL, 0, &d);
        rc = b.doc ? 0 : -1;
    } else {
        rc = lp_build_doc(&r->env, a, path, NULL, 0, &o, &b, &d);
    }
    if (rc == 0 && d.errors == 0 && text) print_text(b.doc, r->body_only);
    else if (rc == 0 && d.errors == 0)
        for (size_t e = 0; e < b.neditions; e++) flow_dump(&b.editions[e], r->env.fonts, stdout);
    if (d.errors) rc = -1;
    print_diag(&d);
    diag_free(&d);
    arena_free(a);
    run_free(r);
    return rc == 0 ? 0 : 1;
}

/* The content folder a pack names its documents in: the project's, else
 * the folder above the pack's own (content/packs/x.yaml). */
static const char *pack_content_dir(lp_arena *a, const char *pack)
{
    lp_project p;
    project_locate(a, pack, NULL, &p);
    if (p.root) return arena_printf(a, "%s/content", p.root);
    const char *slash = strrchr(pack, '/');
    const char *dir = slash ? arena_strndup(a, pack, (size_t)(slash - pack)) : ".";
    return arena_printf(a, "%s/..", dir);
}

/* leafpress pack: each pack file into one PDF per variant.  A pack that
 * fails writes nothing; the others still build. */
/* After a batch has written its PDFs: all of them on disk at once.  A
 * failure fails the run (what was built may not survive a crash). */
static int sync_outputs(const run *r, bool wrote)
{
    if (!wrote) return 0;
    lp_diag d;
    diag_init(&d);
    int rc = lp_sync_outputs(r->out_dir, &d);
    print_diag(&d);
    diag_free(&d);
    return rc != 0;
}

static int cmd_pack(run *r, const char *const *files, size_t nfiles)
{
    if (run_init(r) != 0) {
        run_free(r);
        return 1;
    }
    int failed = 0;
    for (int v = 0; v < 2; v++) { /* what killed pack builds left */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%spacks", r->out_dir, v ? "print/" : "");
        sweep_dead(dir, ".pdf" PDF_TMP_MARK);
    }
    for (size_t i = 0; i < nfiles; i++) {
        lp_diag d;
        diag_init(&d);
        lp_arena *a = arena_new();
        lp_pack p;
        lp_build_opts o = {r->screen, r->print, false, r->greedy, r->epoch, r->out_dir, r->output_profile,
                           r->default_profile};
        lp_pdf pdfs[2];
        size_t n = 0;
        lp_build b;
        memset(&b, 0, sizeof b);
        int rc = pack_load(a, files[i], &p, &d);
        if (rc == 0) rc = pack_build(&r->env, a, &p, pack_content_dir(a, files[i]), &o, pdfs, &n, &d);
        if (rc == 0 && d.errors == 0) {
            b.pdfs = pdfs;
            b.npdfs = n;
            rc = lp_write_pdfs(&b, &d);
        }
        char safe[4096];
        for (size_t k = 0; rc == 0 && d.errors == 0 && k < n; k++)
            printf("built %s\n", diag_escape(pdfs[k].path, safe, sizeof safe));
        print_diag(&d);
        if (rc != 0 || d.errors) failed++;
        diag_free(&d);
        arena_free(a);
    }
    failed += sync_outputs(r, (size_t)failed < nfiles);
    run_free(r);
    return failed ? 1 : 0;
}

/* The strings of the project's paths live as long as the process. */
static lp_arena *paths_arena;
static void free_paths(void) { arena_free(paths_arena); }

/* Fills in each path the command line left unset (NULL) from the project
 * that holds start (or the current folder) and the installed data.  Returns
 * 0, or 1 after saying what is missing. */
static int resolve_paths(const char *start, const char **out, const char **layouts, const char **fonts,
                         const char **contacts, const char **profile)
{
    if (!paths_arena) {
        paths_arena = arena_new();
        atexit(free_paths);
    }
    lp_project p;
    project_locate(paths_arena, start, NULL, &p);
    project_partnership = p.partnership;
    if (out && !*out) *out = p.out;
    if (profile && !*profile) *profile = p.output_profile;
    if (fonts && !*fonts) *fonts = p.fonts ? p.fonts : "fonts";
    if (layouts && !*layouts) {
        if (!p.layouts) {
            fprintf(stderr, "leafpress: error: no layouts folder: not in a project (a folder with "
                            "content/contacts.yaml or layouts/) and no installed data "
                            "(run from a project, pass --layouts DIR, or make install)\n");
            return 1;
        }
        *layouts = p.layouts;
    }
    if (contacts && !*contacts) {
        if (!p.contacts) {
            fprintf(stderr, "leafpress: error: no contacts table: the project has no "
                            "content/contacts.yaml and none is installed (pass --contacts FILE)\n");
            return 1;
        }
        *contacts = p.contacts;
    }
    return 0;
}

/* leafpress catalogue [-o DIR] CONTENT_DIR...: the download page for what
 * is already built in DIR; nothing is written when a document is missing. */
static int cmd_catalogue(int argc, char **argv)
{
    const char *out = NULL, *layouts = NULL, *fonts_dir = NULL, *contacts_path = NULL, *partnership = NULL;
    char beside[4096];
    bool only_dirs = false, partial = false;
    const char **dirs = calloc((size_t)argc, sizeof *dirs);
    size_t ndirs = 0;
    if (!dirs) return 1;
    for (int i = 2; i < argc; i++) {
        if (!only_dirs && strcmp(argv[i], "--") == 0) {
            only_dirs = true;
            continue;
        }
        if (only_dirs) {
            dirs[ndirs++] = argv[i];
            continue;
        }
        if (strcmp(argv[i], "--partial") == 0) {
            partial = true;
            continue;
        }
        const char **dest = strcmp(argv[i], "-o") == 0          ? &out
                            : strcmp(argv[i], "--layouts") == 0 ? &layouts
                            : strcmp(argv[i], "--fonts") == 0   ? &fonts_dir
                            : strcmp(argv[i], "--partnership") == 0 ? &partnership
                            : strcmp(argv[i], "--contacts") == 0 ? &contacts_path
                                                                : NULL;
        if (dest && i + 1 < argc) *dest = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(dirs);
            return usage_error(dest ? "option '%s' needs a value" : "unknown catalogue option '%s'", argv[i]);
        } else dirs[ndirs++] = argv[i];
    }
    if (ndirs == 0) {
        free(dirs);
        return usage_error("%s needs at least one content directory", "catalogue");
    }
    if (resolve_paths(dirs[0], &out, &layouts, &fonts_dir, &contacts_path, NULL) != 0) {
        free(dirs);
        return 1;
    }
    lp_diag d;
    diag_init(&d);
    lp_audiences *au = audiences_load(layouts, &d); /* the labels of the audiences */
    /* What a killed catalogue left: index.html.tmp.<pid>, and thumbnails
     * being made, thumbs/<audience>/<slug>.tmp.<pid>.png. */
    sweep_dead(out, PDF_TMP_MARK);
    for (size_t i = 0; au && i < au->n; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/thumbs/%s", out, au->names[i]);
        sweep_dead(dir, PDF_TMP_MARK);
    }
    char safe[4096];
    if (!partnership) partnership = partnership_beside(contacts_path, beside, sizeof beside);
    lp_contacts *ct = contacts_load(contacts_path, &d);
    lp_partnership *ps = ct ? partnership_load(partnership, ct, &d) : NULL; /* its footer */
    lp_catalogue *c = au && ps ? cat_scan(out, dirs, ndirs, au, partial, &d) : NULL;
    if (c) {
        c->partnership = ps;
        c->contacts = ct;
    }
    lp_fonts *fonts = c ? fonts_new(fonts_dir) : NULL;
    if (c && fonts) cat_covers(c, layouts, fonts, &d);
    if (c && d.errors == 0) cat_thumbnails(c, "pdftoppm", 240, &d);
    if (c && d.errors == 0 && cat_write(c, &d) == 0)
        printf("catalogue %s/index.html: %zu documents, %zu pack%s\n", diag_escape(out, safe, sizeof safe), c->n,
               c->npacks, c->npacks == 1 ? "" : "s");
    print_diag(&d);
    int rc = d.errors ? 1 : 0;
    diag_free(&d);
    fonts_free(fonts);
    cat_free(c);
    audiences_free(au);
    partnership_free(ps);
    contacts_free(ct);
    free(dirs);
    return rc;
}

/* Builds every document named (files and folders) in one batch: the
 * command `build`, and each round of `watch`.  Returns the exit status. */
static int build_files(run *r, const char *const *files, size_t nfiles)
{
    r->queue = NULL;
    r->nqueue = r->capqueue = r->next = 0;
    r->built = r->failed = 0;
    if (run_init(r) != 0) {
        run_free(r);
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sweep_stale_temps(r->out_dir, r->env.audiences);
    walk_args(r, files, nfiles, queue_cb, NULL);
    r->progress = isatty(STDERR_FILENO) && r->nqueue > 1;
    build_queue(r);
    if (r->progress) fputs("\r\033[K", stderr);
    r->failed += sync_outputs(r, r->built > 0 && !r->dry_run);
    for (size_t i = 0; i < r->nqueue; i++) free(r->queue[i]);
    free(r->queue);
    r->queue = NULL;
    run_free(r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (r->dry_run)
        fprintf(stderr, "leafpress: %zu documents would be built, %d refused\n", r->nqueue, r->failed);
    else
        fprintf(stderr, "leafpress: %d built, %d failed in %.2f s\n", r->built, r->failed, secs);
    return r->failed ? 1 : 0;
}

/* ---- watch: build again on change ---- */

static volatile sig_atomic_t stop_watching;
static void on_stop(int sig)
{
    (void)sig;
    stop_watching = 1;
}

#define WATCH_MAX_FILES 4096
#define WATCH_POLL_MS 200

/* What a file looked like at the last look. */
typedef struct seen_file {
    char *path;
    long long mtime_ns, size;
    bool data; /* contacts or a layout: a change rebuilds everything */
} seen_file;

typedef struct watch_set {
    seen_file *v;
    size_t n, cap;
} watch_set;

static void watch_add(watch_set *w, const char *path, bool data)
{
    if (w->n == w->cap) {
        if (w->cap >= WATCH_MAX_FILES) return;
        w->cap = w->cap ? w->cap * 2 : 64;
        w->v = realloc(w->v, w->cap * sizeof *w->v);
        if (!w->v) abort();
    }
    struct stat st;
    seen_file *f = &w->v[w->n++];
    f->path = strdup(path);
    if (!f->path) abort();
    f->data = data;
    f->mtime_ns = f->size = -1;
    if (stat(path, &st) == 0) {
        f->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        f->size = (long long)st.st_size;
    }
}

static void watch_free(watch_set *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->v[i].path);
    free(w->v);
    memset(w, 0, sizeof *w);
}

static void watch_md_cb(run *r, void *arg, const char *path)
{
    (void)r;
    watch_add(arg, path, false);
}

static void watch_layouts(watch_set *w, const char *dir, int depth)
{
    DIR *dp = depth < 4 ? opendir(dir) : NULL;
    if (!dp) return;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t n = strlen(de->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) watch_layouts(w, path, depth + 1);
        else if (n > 5 && strcmp(de->d_name + n - 5, ".yaml") == 0) watch_add(w, path, true);
    }
    closedir(dp);
}

/* Every file a build reads: the documents, the contacts, the layouts. */
static void watch_scan(run *r, watch_set *w, const char *const *files, size_t nfiles)
{
    for (size_t i = 0; i < nfiles; i++) walk(r, files[i], 0, watch_md_cb, w);
    watch_add(w, r->contacts_path, true);
    watch_layouts(w, r->layouts_dir, 0);
}

static const seen_file *watch_find(const watch_set *w, const char *path)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->v[i].path, path) == 0) return &w->v[i];
    return NULL;
}

/* leafpress watch: builds once, then polls every file a build reads and
 * builds again what changed: the documents that changed, or every document
 * when contacts or a layout did.  A change is acted on once it has held
 * still for one poll, so an editor's several writes are one rebuild.
 * Ctrl-C (or SIGTERM) stops it with status 0. */
static int cmd_watch(run *r, const char *const *files, size_t nfiles)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    build_files(r, files, nfiles);
    watch_set last = {0}, pending = {0};
    watch_scan(r, &last, files, nfiles);
    fprintf(stderr, "leafpress: watching %zu files (Ctrl-C stops)\n", last.n);
    bool settling = false;
    while (!stop_watching) {
        struct timespec nap = {0, WATCH_POLL_MS * 1000000L};
        nanosleep(&nap, NULL);
        if (stop_watching) break;
        watch_set now = {0};
        watch_scan(r, &now, files, nfiles);
        /* Changed since the last build? */
        bool changed = now.n != last.n;
        for (size_t i = 0; i < now.n && !changed; i++) {
            const seen_file *o = watch_find(&last, now.v[i].path);
            changed = !o || o->mtime_ns != now.v[i].mtime_ns || o->size != now.v[i].size;
        }
        if (!changed) {
            watch_free(&now);
            settling = false;
            continue;
        }
        /* Still moving since the previous poll?  Wait for it to settle. */
        bool moving = !settling || now.n != pending.n;
        for (size_t i = 0; i < now.n && !moving; i++) {
            const seen_file *o = watch_find(&pending, now.v[i].path);
            moving = !o || o->mtime_ns != now.v[i].mtime_ns || o->size != now.v[i].size;
        }
        if (moving) {
            watch_free(&pending);
            pending = now;
            settling = true;
            continue;
        }
        bool all = false;
        const char **redo = calloc(now.n + 1, sizeof *redo);
        size_t nredo = 0;
        if (!redo) abort();
        for (size_t i = 0; i < now.n; i++) {
            const seen_file *o = watch_find(&last, now.v[i].path);
            if (o && o->mtime_ns == now.v[i].mtime_ns && o->size == now.v[i].size) continue;
            if (now.v[i].data) all = true;
            else if (now.v[i].size >= 0) redo[nredo++] = now.v[i].path;
        }
        if (all) build_files(r, files, nfiles);
        else if (nredo) build_files(r, redo, nredo);
        free(redo);
        watch_free(&last);
        watch_free(&pending);
        last = now;
        settling = false;
    }
    watch_free(&last);
    watch_free(&pending);
    fprintf(stderr, "leafpress: stopped watching\n");
    return 0;
}

/* ---- new: a document to start from ---- */

static int cmd_new(int argc, char **argv)
{
    const char *format = NULL, *audience = NULL, *path = NULL, *title = NULL;
    bool only_title = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **dest = NULL;
        if (!only_title && strcmp(a, "--") == 0) {
            only_title = true;
            continue;
        }
        if (!only_title) {
            if (strcmp(a, "--format") == 0) dest = &format;
            else if (strcmp(a, "--audience") == 0) dest = &audience;
            else if (strcmp(a, "-o") == 0) dest = &path;
        }
        if (dest) {
            if (i + 1 >= argc) return usage_error("option '%s' needs a value", a);
            *dest = argv[++i];
        } else if (!only_title && a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (title) {
            return usage_error("new takes one title; put it in quotes ('%s ...')", title);
        } else {
            title = a;
        }
    }
    if (!format || !audience || !title)
        return usage_error("%s needs --format, --audience and a title", "new");
    const char *layouts = NULL;
    if (resolve_paths(path ? path : ".", NULL, &layouts, NULL, NULL, NULL) != 0) return 1;
    lp_diag d;
    diag_init(&d);
    lp_audiences *au = audiences_load(layouts, &d); /* the themes are the audiences */
    print_diag(&d);
    diag_free(&d);
    if (!au) return 1;
    int fmt = -1;
    for (int i = 0; i < FMT__COUNT; i++)
        if (strcmp(format, lp_format_names[i]) == 0) fmt = i;
    bool aud_ok = audiences_find(au, audience) != NULL;
    if (fmt < 0 || !aud_ok) {
        const char *bad = fmt < 0 ? format : audience;
        const char *const *names = fmt < 0 ? lp_format_names : au->names;
        size_t n = fmt < 0 ? FMT__COUNT : au->n;
        const char *near = lp_closest(bad, names, n);
        fprintf(stderr, "leafpress: error: unknown %s '%s' (", fmt < 0 ? "format" : "audience", bad);
        if (near) fprintf(stderr, "did you mean '%s'?)\n", near);
        else {
            fputs("use one of:", stderr);
            for (size_t i = 0; i < n; i++) fprintf(stderr, "%s%s", i ? ", " : " ", names[i]);
            fputs(")\n", stderr);
        }
        audiences_free(au);
        return 2;
    }
    size_t tl = strlen(title);
    bool one_line = tl > 0 && tl <= 200 && utf8_check(title, tl) == tl;
    for (const char *p = title; one_line && *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) one_line = false;
    if (!one_line) {
        fprintf(stderr, "leafpress: error: the title must be one line of text, at most 200 bytes "
                        "(shorten it, without tabs or line breaks)\n");
        audiences_free(au);
        return 2;
    }
    lp_arena *a = arena_new();
    int rc = 0;
    lp_meta m;
    memset(&m, 0, sizeof m);
    m.format = (lp_format)fmt;
    m.audience = audience;
    const char *made_for = NULL;
    if (spec_layout_for(layouts, lp_layout_name(&m), m.audience, a, &made_for) == 0)
        fprintf(stderr, "leafpress: warning: the %s layout is designed for %s, not %s "
                        "(it builds in the audience's own colours and type; check it reads well)\n",
                lp_layout_name(&m), made_for, audience);
    /* -o naming a folder puts the document in it, under the title's name. */
    struct stat ost;
    const char *folder = path && stat(path, &ost) == 0 && S_ISDIR(ost.st_mode) ? path : NULL;
    if (!path || folder) {
        path = newdoc_file_name(a, title);
        if (path && folder) path = arena_printf(a, "%s/%s", folder, path);
    }
    if (!path) {
        fprintf(stderr, "leafpress: error: the title has no letter or digit to name the file by "
                        "(name it with -o FILE.md)\n");
        arena_free(a);
        audiences_free(au);
        return 2;
    }
    char today[16], next[16];
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    tm.tm_year += 1;
    if (tm.tm_mon == 1 && tm.tm_mday == 29) tm.tm_mday = 28;
    strftime(next, sizeof next, "%Y-%m-%d", &tm);
    /* Never over an existing file: O_EXCL. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "%s: error: cannot write: %s%s\n", path, strerror(errno),
                errno == EEXIST ? " (choose another name with -o FILE.md)" : "");
        if (fd >= 0) close(fd);
        arena_free(a);
        audiences_free(au);
        return 1;
    }
    newdoc_write(f, m.format, audience, au, title, today, next);
    if (ferror(f) | (fclose(f) != 0)) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        unlink(path);
        rc = 1;
    } else {
        printf("wrote %s: a %s for %s; edit it, then: leafpress build %s\n", path, lp_format_names[fmt],
               audience, path);
    }
    arena_free(a);
    audiences_free(au);
    return rc;
}

/* Fresh pages cost a fault each (about as much as setting a paragraph):
 * memory a document frees stays with the process for the next one instead
 * of going back to the system and faulting in again, and the heap grows in
 * steps of a megabyte.  Only blocks above 16 MB get their own mapping.
 * The threads of a batch share one heap: with one each, every thread keeps
 * its own high-water mark of freed memory, and a -j2 batch held both
 * (about 3 MB more at its peak, for no measurable time). */
static void tune_malloc(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
#endif
#ifdef M_ARENA_MAX
    mallopt(M_ARENA_MAX, 1);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    run r;
    memset(&r, 0, sizeof r);
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
    if (strcmp(cmd, "new") == 0) return cmd_new(argc, argv);
    if (strcmp(cmd, "build") != 0 && strcmp(cmd, "dump") != 0 && strcmp(cmd, "text") != 0 &&
        strcmp(cmd, "check") != 0 && strcmp(cmd, "watch") != 0 && strcmp(cmd, "pack") != 0)
        return usage_error("unknown command '%s'", cmd);

    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) return 1;
    bool only_files = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **dest = NULL;
        if (only_files || strcmp(a, "-") == 0) {
            files[nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        if (strcmp(a, "-o") == 0) dest = &r.out_dir;
        else if (strcmp(a, "--layouts") == 0) dest = &r.layouts_dir;
        else if (strcmp(a, "--fonts") == 0) dest = &r.fonts_dir;
        else if (strcmp(a, "--contacts") == 0) dest = &r.contacts_path;
        else if (strcmp(a, "--partnership") == 0) dest = &r.partnership_path;
        else if (strcmp(a, "--output-profile") == 0) dest = &r.output_profile;
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
        } else if (strcmp(a, "--dry-run") == 0 && strcmp(cmd, "build") == 0) {
            r.dry_run = true;
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
    if (resolve_paths(files[0], &r.out_dir, &r.layouts_dir, &r.fonts_dir, &r.contacts_path,
                      &r.default_profile) != 0) {
        free(files);
        return 1;
    }
    if (strcmp(cmd, "dump") == 0 || strcmp(cmd, "text") == 0) {
        int rc = nfiles == 1 ? cmd_dump(&r, files[0], strcmp(cmd, "text") == 0)
                             : usage_error("%s takes one file", cmd);
        free(files);
        return rc;
    }
    if (strcmp(cmd, "pack") == 0) {
        int rc = cmd_pack(&r, files, nfiles);
        free(files);
        return rc;
    }
    if (strcmp(cmd, "check") == 0) {
        int rc = cmd_check(&r, files, nfiles);
        free(files);
        return rc;
    }
    int rc = strcmp(cmd, "watch") == 0 ? cmd_watch(&r, files, nfiles) : build_files(&r, files, nfiles);
    free(files);
    return rc;
}
