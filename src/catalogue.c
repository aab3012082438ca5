/* catalogue.c — the download page and its manifest, from the PDFs that exist. */
#include "catalogue.h"

#include "pack.h"
#include "layout_spec.h"
#include "panels.h"
#include "pipeline.h"
#include "formats.h"
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Words a reader sees; the enumerations' own names are for files. */
static const char *const month_name[12] = {"January", "February", "March",     "April",
                                           "May",     "June",     "July",      "August",
                                           "September", "October", "November", "December"};

/* ------------------------------------------------------------ escaping */

void cat_put_html(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

void cat_put_json(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch == '\n') fputs("\\n", f);
        else if (ch == '\t') fputs("\\t", f);
        else if (ch < 0x20 || ch == 0x7f) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

/* ------------------------------------------------------------ page count */

static const char *find(const char *hay, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; p && (size_t)(end - p) >= n; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || (size_t)(end - p) < n) return NULL;
        if (memcmp(p, needle, n) == 0) return p;
    }
    return NULL;
}

static bool pdf_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* A name ends at white space or a delimiter; "/Pages" must not match "/PagesX". */
static bool name_ends(const char *p, const char *end)
{
    return p >= end || pdf_space(*p) || strchr("/<>[]()%", *p);
}

/* One pass, linear in the file: each search below starts where the last
 * one of its kind ended (the "obj" before a /Type, the /Count after that
 * and the "endobj" after it only move forward), so a file crafted with
 * many /Type /Pages and no endobj costs no more than reading it. */
int cat_pdf_pages(const char *buf, size_t len)
{
    const char *end = buf + len;
    int best = -1;
    const char *start = buf, *obj_scan = buf; /* the last "obj" before p; scanned up to */
    const char *count = buf, *endobj = buf;   /* next /Count and endobj found (NULL: none left) */
    bool count_known = false, endobj_known = false;
    for (const char *p = find(buf, end, "/Type"); p; p = find(p + 1, end, "/Type")) {
        for (const char *o; (o = find(obj_scan, p, "obj")); obj_scan = o + 1) start = o;
        if (p - obj_scan > 2) obj_scan = p - 2; /* "obj" cannot straddle "/Type" */
        const char *q = p + 5;
        while (q < end && pdf_space(*q)) q++;
        if ((size_t)(end - q) < 6 || memcmp(q, "/Pages", 6) != 0 || !name_ends(q + 6, end))
            continue;
        /* A Pages object holds its Kids by reference, so the one /Count
         * between the object's start and its endobj is its own. */
        if (!endobj_known || (endobj && endobj < q)) endobj = find(q, end, "endobj"), endobj_known = true;
        const char *stop = endobj ? endobj : end;
        if (!count_known || (count && count < start)) count = find(start, end, "/Count"), count_known = true;
        if (!count || count >= stop) continue;
        const char *c = count + 6;
        while (c < stop && pdf_space(*c)) c++;
        long v = 0;
        int digits = 0;
        while (c < stop && *c >= '0' && *c <= '9' && digits < 9) v = v * 10 + (*c++ - '0'), digits++;
        if (digits && v > best) best = (int)v;
    }
    return best;
}

/* --------------------------------------------------------------- files */

/* Opens a regular file without waiting: a FIFO or a device named like a
 * PDF or a thumbnail is refused, never read.  The descriptor, or -1. */
static int open_regular(const char *path, struct stat *st, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        *why = "not a regular file";
        close(fd);
        return -1;
    }
    return fd;
}

static size_t read_all(int fd, char *buf, size_t size)
{
    size_t n = 0;
    while (n < size) {
        ssize_t r = read(fd, buf + n, size - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    return n;
}

static char *read_file(const char *path, size_t max, size_t *len, const char **why)
{
    struct stat st;
    int fd = open_regular(path, &st, why);
    if (fd < 0) return NULL;
    char *buf = NULL;
    if (st.st_size < 0 || (unsigned long long)st.st_size > max) *why = "too large to read";
    else if (!(buf = malloc((size_t)st.st_size + 1))) *why = "out of memory";
    else buf[*len = read_all(fd, buf, (size_t)st.st_size)] = '\0';
    close(fd);
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in dir, sorted; NULL (and *n == 0) when it cannot be read. */
static char **list_dir(lp_arena *a, const char *dir, size_t *n)
{
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp) return NULL;
    LP_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(dp)) && names.n < CAT_MAX_DOCS) {
        if (de->d_name[0] == '.') continue;
        char *name = arena_strdup(a, de->d_name);
        VEC_PUSH(a, names, name);
    }
    closedir(dp);
    if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
    *n = names.n;
    return names.v;
}

/* Posters come in paper sizes: "<slug>-a4.pdf" is an edition of <slug>,
 * while "<slug>-poster.pdf" is another document.  A booklet's print
 * variant also comes as single pages, "<slug>-pages.pdf". */
static const char *edition_of(lp_arena *a, const char *name, const char *slug)
{
    size_t sl = strlen(slug), nl = strlen(name);
    if (nl < sl + 4 || strncmp(name, slug, sl) != 0 || strcmp(name + nl - 4, ".pdf") != 0)
        return NULL;
    const char *rest = name + sl;
    size_t rl = nl - sl - 4;
    if (rl == 0) return "";
    if (rl == 6 && memcmp(rest, "-pages", 6) == 0) return "pages";
    if (rest[0] != '-' || rl < 3 || rl > 4 || rest[1] < 'a' || rest[1] > 'z') return NULL;
    for (size_t i = 2; i < rl; i++)
        if (rest[i] < '0' || rest[i] > '9') return NULL;
    return arena_strndup(a, rest + 1, rl - 1);
}

typedef LP_VEC(cat_file) file_vec;

static int cmp_edition(const void *a, const void *b)
{
    return strcmp(((const cat_file *)a)->edition, ((const cat_file *)b)->edition);
}

typedef struct scan {
    lp_catalogue *c;
    lp_diag *d;
    LP_VEC(cat_entry) entries;
    LP_VEC(cat_pack) packs;
    int depth_warned;
    bool partial; /* documents that cannot be listed are warnings, left off */
} scan;

/* The PDFs of slug in out_dir/[print/]<folder>: 0 when there are some,
 * 1 when none, -1 after an error. */
static int add_files(scan *s, const char *folder, const char *slug, cat_variant v, file_vec *files)
{
    lp_arena *a = s->c->arena;
    const char *rel_dir = arena_printf(a, "%s%s", v == CAT_PRINT ? "print/" : "", folder);
    const char *dir = arena_printf(a, "%s/%s", s->c->out_dir, rel_dir);
    size_t n, found = 0, first = files->n;
    char **names = list_dir(a, dir, &n);
    for (size_t i = 0; i < n && found < CAT_MAX_EDITIONS; i++) {
        const char *ed = edition_of(a, names[i], slug);
        if (!ed) continue;
        const char *path = arena_printf(a, "%s/%s", dir, names[i]);
        size_t len = 0;
        const char *why = NULL;
        char *buf = read_file(path, CAT_MAX_PDF_BYTES, &len, &why);
        if (!buf) {
            diag_error(s->d, path, 0, 0, NULL, "cannot read the PDF: %s", why);
            return -1;
        }
        int pages = cat_pdf_pages(buf, len);
        free(buf);
        if (pages < 1) {
            diag_error(s->d, path, 0, 0, "rebuild it with leafpress build",
                       "cannot find the page count (no /Type /Pages with a /Count)");
            return -1;
        }
        if (pages > CAT_MAX_PAGES) {
            diag_error(s->d, path, 0, 0, "rebuild it with leafpress build",
                       "the PDF claims %d pages (at most %d)", pages, CAT_MAX_PAGES);
            return -1;
        }
        cat_file f = {v, ed, arena_printf(a, "%s/%s", rel_dir, names[i]), pages, (long long)len};
        VEC_PUSH(a, *files, f);
        found++;
    }
    /* "<slug>-a4.pdf" sorts before "<slug>.pdf"; the main edition goes first. */
    if (found > 1) qsort(files->v + first, found, sizeof *files->v, cmp_edition);
    return found ? 0 : 1;
}

static void scan_doc(scan *s, const char *path)
{
    lp_arena *a = s->c->arena;
    if (s->entries.n >= CAT_MAX_DOCS) {
        diag_error(s->d, path, 0, 0, NULL, "too many documents for one catalogue (at most %d)",
                   CAT_MAX_DOCS);
        return;
    }
    lp_source src;
    cat_entry e;
    memset(&e, 0, sizeof e);
    e.source = arena_strdup(a, path);
    if (source_load(a, e.source, &src, s->d) != 0 || source_meta(a, &src, &e.meta, s->d) != 0 ||
        source_check_audience(&e.meta, e.source, s->c->audiences->names, s->c->audiences->n, s->d) != 0)
        return;
    e.audience_order = (double)(audiences_find(s->c->audiences, e.meta.audience) - s->c->audiences->v);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t blen = strlen(base);
    e.slug = arena_strndup(a, base, blen > 3 && strcmp(base + blen - 3, ".md") == 0 ? blen - 3 : blen);
    file_vec files = {0};
    int rc = add_files(s, e.meta.audience, e.slug, CAT_SCREEN, &files);
    if (rc < 0) return;
    if (rc > 0) {
        diag_error(s->d, arena_printf(a, "%s/%s/%s.pdf", s->c->out_dir,
                                      e.meta.audience, e.slug),
                   0, 0, arena_printf(a, "build it first: leafpress build -o %s %s", s->c->out_dir, path),
                   "the screen PDF of %s does not exist", path);
        return;
    }
    if (add_files(s, e.meta.audience, e.slug, CAT_PRINT, &files) < 0) return;
    e.files = files.v;
    e.nfiles = files.n;
    VEC_PUSH(a, s->entries, e);
}

/* A partial catalogue (cat_scan's partial): a document that cannot be
 * listed (it did not build, or its front matter is wrong) is a warning and
 * is left off, so that one bad document does not cost the whole page. */
static void scan_partial(scan *s, const char *path, void (*fn)(scan *, const char *))
{
    lp_diag *real = s->d, own;
    diag_init(&own);
    s->d = &own;
    fn(s, path);
    s->d = real;
    for (size_t i = 0; i < own.n; i++) {
        const lp_diag_item *it = &own.items[i];
        if (it->sev == LP_ERROR)
            diag_warn(real, it->file, it->line, it->col, "it is left off the download page", "%s", it->msg);
        else
            diag_add(real, it->sev, it->file, it->line, it->col, it->hint, "%s", it->msg);
    }
    diag_free(&own);
}

/* A pack file and its PDFs (only the main edition: a pack has one). */
static void scan_pack(scan *s, const char *path)
{
    lp_arena *a = s->c->arena;
    lp_pack p;
    if (s->packs.n >= CAT_MAX_DOCS || pack_load(a, arena_strdup(a, path), &p, s->d) != 0) return;
    file_vec files = {0};
    int rc = add_files(s, "packs", p.slug, CAT_SCREEN, &files);
    if (rc > 0)
        diag_error(s->d, arena_printf(a, "%s/packs/%s.pdf", s->c->out_dir, p.slug), 0, 0,
                   arena_printf(a, "build it first: leafpress pack -o %s %s", s->c->out_dir, path),
                   "the screen PDF of %s does not exist", path);
    if (rc != 0 || add_files(s, "packs", p.slug, CAT_PRINT, &files) < 0) return;
    const char **docs = arena_alloc(a, p.ndocs * sizeof *docs);
    for (size_t i = 0; i < p.ndocs; i++) docs[i] = p.docs[i].name;
    cat_pack cp = {p.path, p.slug, p.title, p.date, p.venue, docs, p.ndocs, files.v, files.n};
    VEC_PUSH(a, s->packs, cp);
}

static bool in_packs_folder(const char *dir)
{
    const char *base = strrchr(dir, '/');
    return strcmp(base ? base + 1 : dir, "packs") == 0;
}

static void scan_dir(scan *s, const char *dir, int depth)
{
    lp_arena *a = s->c->arena;
    if (depth > CAT_MAX_DEPTH) {
        diag_error(s->d, dir, 0, 0, NULL, "content directories nest deeper than %d", CAT_MAX_DEPTH);
        return;
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        diag_error(s->d, dir, 0, 0, "name the content folder the documents were built from", "cannot read: %s",
                   strerror(errno));
        return;
    }
    if (S_ISREG(st.st_mode)) {
        s->partial ? scan_partial(s, dir, scan_doc) : scan_doc(s, dir);
        return;
    }
    size_t n;
    char **names = list_dir(a, dir, &n);
    if (!names && !S_ISDIR(st.st_mode)) {
        diag_error(s->d, dir, 0, 0, NULL, "not a file or directory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char *path = arena_printf(a, "%s/%s", dir, names[i]);
        size_t len = strlen(names[i]);
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) scan_dir(s, path, depth + 1);
        else if (S_ISREG(st.st_mode) && len > 3 && strcmp(names[i] + len - 3, ".md") == 0)
            s->partial ? scan_partial(s, path, scan_doc) : scan_doc(s, path);
        else if (S_ISREG(st.st_mode) && len > 5 && strcmp(names[i] + len - 5, ".yaml") == 0 &&
                 in_packs_folder(dir))
            s->partial ? scan_partial(s, path, scan_pack) : scan_pack(s, path);
    }
}

static int cmp_entry(const void *pa, const void *pb)
{
    const cat_entry *a = pa, *b = pb;
    if (a->audience_order != b->audience_order) return a->audience_order < b->audience_order ? -1 : 1;
    if (a->meta.format != b->meta.format) return (int)a->meta.format - (int)b->meta.format;
    int t = strcmp(a->meta.title, b->meta.title);
    return t ? t : strcmp(a->source, b->source);
}

lp_catalogue *cat_scan(const char *out_dir, const char *const *dirs, size_t ndirs,
                       const lp_audiences *audiences, bool partial, lp_diag *d)
{
    lp_arena *a = arena_new();
    lp_catalogue *c = arena_alloc(a, sizeof *c);
    c->arena = a;
    c->audiences = audiences;
    c->out_dir = arena_strdup(a, out_dir);
    scan s;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.d = d;
    s.partial = partial;
    for (size_t i = 0; i < ndirs; i++) scan_dir(&s, dirs[i], 0);
    if (s.entries.n == 0) {
        if (d->errors == 0)
            diag_error(d, ndirs ? dirs[0] : ".", 0, 0, "name the content folder the documents were built from",
                       "no content files (*.md) found");
        arena_free(a);
        return NULL;
    }
    c->entries = s.entries.v;
    c->n = s.entries.n;
    c->packs = s.packs.v;
    c->npacks = s.packs.n;
    qsort(c->entries, c->n, sizeof *c->entries, cmp_entry);
    return c;
}

void cat_free(lp_catalogue *c)
{
    if (c) arena_free(c->arena);
}

/* ---------------------------------------------------------- thumbnails */

static int mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    return mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

/* Width and height from a PNG's IHDR chunk, so the page reserves the space. */
static void png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    struct stat st;
    const char *why;
    *w = *h = 0;
    int fd = open_regular(path, &st, &why);
    if (fd < 0) return;
    if (read_all(fd, (char *)b, sizeof b) == sizeof b && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
        memcmp(b + 12, "IHDR", 4) == 0) {
        *w = (int)((unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19]);
        *h = (int)((unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23]);
    }
    close(fd);
}

static bool newer_or_same(const struct stat *a, const struct stat *b)
{
    if (a->st_mtim.tv_sec != b->st_mtim.tv_sec) return a->st_mtim.tv_sec > b->st_mtim.tv_sec;
    return a->st_mtim.tv_nsec >= b->st_mtim.tv_nsec;
}

/* Runs the thumbnailer without a shell, so no file name is ever parsed as
 * a command.  Returns its exit status, or -1 with errno when it could not
 * be started. */
static int run_tool(char *const argv[])
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0) return -1;
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The cover panel of a layout whose first page is several panels side by
 * side (panels.c), when the cover is one of them. */
static bool cover_panel(const lp_spec *s, double *x, double *w, double *aspect, lp_diag *d)
{
    double page_w, page_h;
    lp_panels pn;
    if (!spec_node(s, "panels")) return false;
    if (!spec_len(s, "page.width", &page_w, d) || !spec_len(s, "page.height", &page_h, d) || page_w <= 0 ||
        panels_read(s, page_w, &pn, d) != 0 || pn.cover->page != 0)
        return false;
    *x = pn.cover->x / page_w;
    *w = pn.cover->w / page_w;
    *aspect = page_h / page_w;
    return true;
}

void cat_covers(lp_catalogue *c, const char *layouts_dir, lp_fonts *fonts, lp_diag *d)
{
    for (size_t i = 0; i < c->n; i++) {
        cat_entry *e = &c->entries[i];
        const lp_meta *m = &e->meta;
        const char *layout = lp_layout_name(m);
        lp_diag quiet;
        diag_init(&quiet);
        lp_spec *s = spec_load(layouts_dir, layout, lp_theme_name(m), fonts, &quiet);
        double x = 0, w = 0, aspect = 0;
        bool found = s && cover_panel(s, &x, &w, &aspect, &quiet);
        if (!s || quiet.errors)
            diag_warn(d, e->source, 0, 0, "leafpress build reports what is wrong with the layout",
                      "cannot read the layout '%s': the thumbnail shows the whole first page", layout);
        else if (found) {
            e->cover_x = x;
            e->cover_w = w;
            e->page_aspect = aspect;
        }
        diag_free(&quiet);
        spec_free(s);
    }
}

int cat_thumbnails(lp_catalogue *c, const char *thumbnailer, int px, lp_diag *d)
{
    lp_arena *a = c->arena;
    int before = d->errors;
    char size[16];
    snprintf(size, sizeof size, "%d", px);
    for (size_t i = 0; i < c->n; i++) {
        cat_entry *e = &c->entries[i];
        const cat_file *main_pdf = &e->files[0]; /* the main screen edition sorts first */
        const char *aud = e->meta.audience;
        bool cover = e->cover_w > 0;
        /* A cover thumbnail has its own name, so one of the whole page made
         * before is never taken for it. */
        const char *rel = arena_printf(a, "thumbs/%s/%s%s.png", aud, e->slug, cover ? ".cover" : "");
        const char *png = arena_printf(a, "%s/%s", c->out_dir, rel);
        const char *pdf = arena_printf(a, "%s/%s", c->out_dir, main_pdf->path);
        struct stat sp, st;
        if (stat(pdf, &sp) == 0 && stat(png, &st) == 0 && newer_or_same(&st, &sp)) {
            e->thumb = rel;
            e->thumb_cover = cover;
            png_size(png, &e->thumb_w, &e->thumb_h);
            continue;
        }
        char *dir = arena_printf(a, "%s/thumbs/%s", c->out_dir, aud);
        if (mkdirs(dir) != 0) {
            diag_error(d, dir, 0, 0, NULL, "cannot make the directory: %s", strerror(errno));
            continue;
        }
        /* pdftoppm adds ".png" to the prefix; the temporary name is renamed
         * into place only when the tool succeeded. */
        char *prefix = arena_printf(a, "%s/%s.tmp.%ld", dir, e->slug, (long)getpid());
        const char *made = arena_printf(a, "%s.png", prefix);
        /* 7 fixed, at most 12 for the crop, the PDF, the prefix, NULL. */
        char *argv[7 + 12 + 3] = {(char *)thumbnailer, "-png", "-singlefile", "-f", "1", "-l", "1"};
        size_t ac = 7;
        char sx[16], cx[16], cw[16];
        if (cover) {
            /* The page is drawn px high, and the cover panel cut out of it. */
            double page_px = (double)px / e->page_aspect;
            snprintf(sx, sizeof sx, "%d", (int)(page_px + 0.5));
            snprintf(cx, sizeof cx, "%d", (int)(e->cover_x * page_px + 0.5));
            snprintf(cw, sizeof cw, "%d", (int)(e->cover_w * page_px + 0.5));
            char *crop[] = {"-scale-to-x", sx, "-scale-to-y", size, "-x", cx, "-y", "0", "-W", cw, "-H", size};
            for (size_t k = 0; k < sizeof crop / sizeof *crop; k++) argv[ac++] = crop[k];
        } else {
            argv[ac++] = "-scale-to";
            argv[ac++] = size;
        }
        argv[ac++] = (char *)pdf;
        argv[ac++] = prefix;
        argv[ac] = NULL;
        int rc = run_tool(argv);
        /* 127 is the shell's "command not found", which a spawn that is
         * really a fork (as under valgrind) reports from the child. */
        if (rc < 0 || rc == 127) {
            diag_warn(d, thumbnailer, 0, 0, "install poppler-utils for thumbnails",
                      "cannot run %s (%s): the catalogue has no thumbnails", thumbnailer,
                      rc < 0 ? strerror(errno) : "not found");
            return d->errors - before;
        }
        if (rc != 0 || rename(made, png) != 0) {
            remove(made);
            diag_error(d, pdf, 0, 0, NULL, "%s could not make a thumbnail (exit %d)", thumbnailer, rc);
            continue;
        }
        e->thumb = rel;
        e->thumb_cover = cover;
        png_size(png, &e->thumb_w, &e->thumb_h);
    }
    return d->errors - before;
}

/* -------------------------------------------------------------- output */

static void put_date(FILE *f, const char *iso)
{
    int y, m, day;
    if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &day) == 3 && m >= 1 && m <= 12)
        fprintf(f, "<time datetime=\"%04d-%02d-%02d\">%d %s %d</time>", y, m, day, day,
                month_name[m - 1], y);
    else
        fputs("not set", f);
}

static long long kib(long long bytes)
{
    return bytes <= 0 ? 0 : (bytes + 1023) / 1024;
}

static const char *edition_label(lp_arena *a, const char *ed)
{
    if (strcmp(ed, "pages") == 0) return "single pages";
    char *s = arena_strdup(a, ed);
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    return s;
}

/* The page's own look: a navy and teal palette of its own, every text
 * colour at least 4.5:1 on its background, a focus ring that shows on every
 * control, and nothing wider than the screen from 320 px up (the cards
 * shrink to one column, a card's picture sits above its text when there is
 * no room beside it, and long words break). */
static const char page_style[] =
    ":root{--ink:#1D232B;--navy:#14284B;--teal:#00676F;--slate:#4E5A66;--rule:#B9C6D0;"
    "--tint:#EDF1F7;--focus:#B3471D}\n"
    "*{box-sizing:border-box}\n"
    "[hidden]{display:none!important}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;font:16px/1.5 \"Liberation Sans\",Arial,sans-serif;color:var(--ink);"
    "background:#fff;overflow-wrap:break-word}\n"
    ".skip{position:absolute;left:-999em;top:0;background:#fff;color:var(--navy);padding:.5em 1em}\n"
    ".skip:focus{left:1em;top:1em}\n"
    "header{background:var(--navy);color:#fff;padding:1.25em 1em}\n"
    "header h1{margin:0 0 .25em;font-size:1.5em;line-height:1.2}\n"
    ".mark{display:block;height:3em;width:auto;margin:0 0 .75em;background:#fff;padding:.25em;"
    "border-radius:4px}\n"
    "header p{margin:0;max-width:45em}\n"
    "main{padding:1em 1em 2em;max-width:84em}\n"
    ".filters{display:flex;flex-wrap:wrap;gap:.75em 2em;align-items:flex-end;margin:0 0 1em;"
    "padding:.75em 1em;background:var(--tint);border-radius:6px}\n"
    ".field{display:flex;flex-direction:column;gap:.25em;flex:1 1 12em;max-width:100%}\n"
    ".field.search{flex:2 1 16em}\n"
    ".more{flex:1 1 100%;min-width:0}\n"
    ".field.age{flex:0 1 14em}\n"
    ".more summary{cursor:pointer;font-weight:bold;color:var(--navy);padding:.25em 0}\n"
    ".more-body{display:flex;flex-wrap:wrap;gap:.75em 2em;align-items:flex-end;margin-top:.5em}\n"
    ".field label,legend{font-weight:bold;padding:0}\n"
    "legend{margin-bottom:.25em}\n"
    "input[type=search],input[type=number],select{font:inherit;color:var(--ink);background:#fff;"
    "border:1px solid var(--slate);border-radius:4px;padding:.35em .5em;width:100%;min-height:2.5em}\n"
    "fieldset{border:0;margin:0;padding:0;min-width:0}\n"
    ".ticks label{display:inline-block;margin:.15em 1em .15em 0;cursor:pointer}\n"
    "input[type=checkbox]{width:1.1em;height:1.1em;vertical-align:-.15em;margin-right:.35em}\n"
    "button{font:inherit;color:#fff;background:var(--teal);border:0;border-radius:4px;"
    "padding:.45em 1em;min-height:2.5em;cursor:pointer}\n"
    "#count{margin:0 0 1em;font-weight:bold}\n"
    ".docs{list-style:none;margin:0;padding:0;display:grid;gap:1em;"
    "grid-template-columns:repeat(auto-fill,minmax(min(100%,25em),1fr))}\n"
    ".doc{display:flex;flex-wrap:wrap;gap:1em;border:1px solid var(--rule);border-radius:6px;"
    "padding:1em;min-width:0}\n"
    ".doc img{flex:none;width:auto;max-width:120px;height:auto;border:1px solid var(--rule);align-self:flex-start}\n"
    ".doc .about{flex:1 1 13em;min-width:0}\n"
    ".doc h2{margin:0 0 .25em;font-size:1.2em;line-height:1.25;color:var(--navy)}\n"
    ".doc p{margin:.25em 0}\n"
    ".facts{display:grid;grid-template-columns:auto 1fr;gap:0 .75em;margin:.25em 0;"
    "color:var(--slate);font-size:.95em}\n"
    ".facts dt{font-weight:bold}.facts dd{margin:0}\n"
    ".topics{list-style:none;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.35em}\n"
    ".topics li{background:var(--tint);color:var(--navy);border-radius:1em;padding:0 .6em;"
    "font-size:.9em}\n"
    ".links{list-style:none;margin:.5em 0 0;padding:0}\n"
    ".links li{margin:.35em 0}\n"
    "a{color:var(--teal);font-weight:bold}\n"
    "a:hover{color:var(--navy)}\n"
    ".size{color:var(--slate);font-size:.95em}\n"
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    "a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,"
    "summary:focus-visible,.skip:focus"
    "{outline:3px solid var(--focus);outline-offset:2px}\n"
    "footer{border-top:1px solid var(--rule);padding:1em;color:var(--slate);font-size:.9em}\n"
    "@media (min-width:40em){header{padding:1.5em 1.25em}header h1{font-size:1.75em}"
    "main{padding:1em 1.25em 2em}footer{padding:1em 1.25em}}\n";

/* Search and filters as progressive enhancement: without a script the form
 * stays hidden and every leaflet shows.  A leaflet shows when every word of
 * the search is in its title, summary or topics, and it matches each filter
 * (ticked audience and format, the chosen topic, an age in its range). */
static const char page_script[] =
    "(function(){\n"
    "var form=document.getElementById('filters');\n"
    "var items=[].slice.call(document.querySelectorAll('#list > li'));\n"
    "var count=document.getElementById('count');\n"
    "function fold(s){return s.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g,'')"
    ".replace(/[\\u2018\\u2019]/g,\"'\");}\n"
    "var docs=items.map(function(li){var t=[].map.call(li.querySelectorAll('.topics li'),"
    "function(x){return x.textContent;});\n"
    "return {li:li,topics:t,text:fold([li.querySelector('h2').textContent,"
    "(li.querySelector('.summary')||{}).textContent||''].concat(t).join(' '))};});\n"
    "function picked(name){var s={};[].forEach.call(form.querySelectorAll('input[name='+name+']'),"
    "function(b){if(b.checked)s[b.value]=true;});return s;}\n"
    "function apply(){var a=picked('audience'),f=picked('format'),n=0;\n"
    "var words=fold(form.elements.q.value).split(/\\s+/).filter(Boolean);\n"
    "var topic=form.elements.topic.value,ageText=form.elements.age.value.trim();\n"
    "var age=ageText===''?null:Number(ageText);\n"
    "docs.forEach(function(d){var li=d.li,ds=li.dataset;\n"
    "var show=!!(a[ds.audience]&&f[ds.format])&&words.every(function(w){return d.text.indexOf(w)>=0;})"
    "&&(!topic||d.topics.indexOf(topic)>=0)"
    "&&(age===null||(ds.ageMin!==undefined&&age>=Number(ds.ageMin)&&age<=Number(ds.ageMax)));\n"
    "li.hidden=!show;if(show)n++;});\n"
    "count.textContent=n?'Showing '+n+' of '+items.length+' leaflets':"
    "'No leaflets match: try fewer words or choose Show all';}\n"
    "form.addEventListener('input',apply);\n"
    "form.addEventListener('change',apply);\n"
    "form.addEventListener('reset',function(){setTimeout(apply,0);});\n"
    "form.addEventListener('submit',function(e){e.preventDefault();apply();});\n"
    "var more=document.getElementById('more');\n"
    "if(window.matchMedia&&window.matchMedia('(min-width: 48em)').matches)more.open=true;\n"
    "form.hidden=false;apply();\n"
    "})();\n";

static void put_checkboxes(const lp_catalogue *c, FILE *f, const char *name, bool audience)
{
    size_t nkinds = audience ? c->audiences->n : FMT__COUNT;
    fprintf(f, "<fieldset class=\"ticks\"><legend>%s</legend>\n", audience ? "Who it is for" : "Format");
    for (size_t k = 0; k < nkinds; k++) {
        const char *value = audience ? c->audiences->names[k] : lp_format_names[k];
        size_t n = 0;
        for (size_t i = 0; i < c->n; i++)
            n += audience ? strcmp(c->entries[i].meta.audience, value) == 0 : (size_t)c->entries[i].meta.format == k;
        if (!n) continue;
        /* Labels are data (a theme's audience.label): escaped. */
        fprintf(f, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\" checked>", name, value);
        cat_put_html(f, audience ? c->audiences->v[k].label : format_label((lp_format)k));
        fprintf(f, " (%zu)</label>\n", n);
    }
    fputs("</fieldset>\n", f);
}

/* Every topic of every document, once each, in alphabetical order. */
static void put_topics(const lp_catalogue *c, FILE *f)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++) total += c->entries[i].meta.ntopics;
    if (!total) {
        /* The script reads the field, so it is there even when no document has topics. */
        fputs("<input type=\"hidden\" name=\"topic\" value=\"\">\n", f);
        return;
    }
    const char **all = arena_alloc(c->arena, total * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < c->entries[i].meta.ntopics; j++) all[n++] = c->entries[i].meta.topics[j];
    qsort(all, n, sizeof *all, cmp_str);
    fputs("<div class=\"field\"><label for=\"topic\">Topic</label>\n"
          "<select id=\"topic\" name=\"topic\">\n<option value=\"\">Any topic</option>\n", f);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(all[i], all[i - 1]) == 0) continue;
        fputs("<option>", f);
        cat_put_html(f, all[i]);
        fputs("</option>\n", f);
    }
    fputs("</select></div>\n", f);
}

/* The PDF links of a document or pack. */
static void put_links(const lp_catalogue *c, FILE *f, const char *title, const cat_file *files, size_t n)
{
    fputs("<ul class=\"links\">\n", f);
    for (size_t i = 0; i < n; i++) {
        const cat_file *pf = &files[i];
        bool print = pf->variant == CAT_PRINT;
        fputs("<li><a href=\"", f);
        cat_put_html(f, pf->path);
        /* The print file has bleed and crop marks: it is for a print shop,
         * and says so, so that an office printer gets the other one. */
        fprintf(f, "\" type=\"application/pdf\">%s", print ? "PDF for a print shop" : "PDF to read or print at home");
        if (*pf->edition) fprintf(f, ", %s", edition_label(c->arena, pf->edition));
        fputs("<span class=\"vh\">: ", f);
        cat_put_html(f, title);
        fprintf(f, "</span></a> <span class=\"size\">(%lld KB%s)</span></li>\n", kib(pf->bytes),
                print ? ", CMYK with bleed and crop marks" : "");
    }
    fputs("</ul>\n", f);
}

/* Handout packs: one PDF of several documents for a training session. */
static void put_packs(const lp_catalogue *c, FILE *f)
{
    if (!c->npacks) return;
    fputs("<section class=\"packs\" aria-labelledby=\"packs\">\n<h2 id=\"packs\">Handout packs for training "
          "sessions</h2>\n<p>Several leaflets in one PDF, with a cover and contents; each leaflet starts on "
          "a right-hand page, so the pack can be copied two-sided.</p>\n<ul class=\"docs\">\n", f);
    for (size_t i = 0; i < c->npacks; i++) {
        const cat_pack *p = &c->packs[i];
        fputs("<li class=\"pack\">\n<div class=\"about\">\n<h3>", f);
        cat_put_html(f, p->title);
        fputs("</h3>\n<dl class=\"facts\"><dt>Session</dt><dd>", f);
        put_date(f, p->date);
        fputs(", ", f);
        cat_put_html(f, p->venue);
        fprintf(f, "</dd><dt>Documents</dt><dd>%zu</dd><dt>Pages</dt><dd>%d</dd></dl>\n", p->ndocs,
                p->files[0].pages);
        put_links(c, f, p->title, p->files, p->nfiles);
        fputs("</div>\n</li>\n", f);
    }
    fputs("</ul>\n</section>\n", f);
}

static void put_entry(const lp_catalogue *c, FILE *f, const cat_entry *e)
{
    const lp_meta *m = &e->meta;
    const char *id = arena_printf(c->arena, "d-%s-%s", m->audience, e->slug);
    fprintf(f, "<li class=\"doc\" data-audience=\"%s\" data-format=\"%s\"", m->audience,
            lp_format_names[m->format]);
    if (m->age_min >= 0) fprintf(f, " data-age-min=\"%d\" data-age-max=\"%d\"", m->age_min, m->age_max);
    fputs(">\n", f);
    if (e->thumb) {
        fputs("<img src=\"", f);
        cat_put_html(f, e->thumb);
        fprintf(f, "\" alt=\"%s of ", e->thumb_cover ? "Cover" : "First page");
        cat_put_html(f, m->title);
        fputc('"', f);
        if (e->thumb_w > 0 && e->thumb_h > 0)
            fprintf(f, " width=\"%d\" height=\"%d\"", e->thumb_w, e->thumb_h);
        fputs(">\n", f);
    }
    fputs("<div class=\"about\">\n<h2 id=\"", f);
    cat_put_html(f, id);
    fputs("\">", f);
    cat_put_html(f, m->title);
    fputs("</h2>\n", f);
    if (m->summary) {
        fputs("<p class=\"summary\">", f);
        cat_put_html(f, m->summary);
        fputs("</p>\n", f);
    }
    fputs("<dl class=\"facts\"><dt>For</dt><dd>", f);
    cat_put_html(f, audiences_label(c->audiences, m->audience));
    fprintf(f, "</dd><dt>Format</dt><dd>%s</dd>", format_label(m->format));
    if (m->age_min >= 0) fprintf(f, "<dt>Ages</dt><dd>%d to %d</dd>", m->age_min, m->age_max);
    fprintf(f, "<dt>Pages</dt><dd>%d</dd><dt>Review by</dt><dd>", e->files[0].pages);
    put_date(f, m->review_by);
    fputs("</dd></dl>\n", f);
    if (m->ntopics) {
        fputs("<ul class=\"topics\" aria-label=\"Topics\">", f);
        for (size_t i = 0; i < m->ntopics; i++) {
            fputs("<li>", f);
            cat_put_html(f, m->topics[i]);
            fputs("</li>", f);
        }
        fputs("</ul>\n", f);
    }
    put_links(c, f, m->title, e->files, e->nfiles);
    fputs("</div>\n</li>\n", f);
}

/* The partnership's PNG logo, in the page itself (a data: address), so
 * that index.html needs no file beside it.  Nothing when it has none, or an
 * icon mark (the page has no icon font). */
static void put_mark(const lp_catalogue *c, FILE *f)
{
    const lp_partnership *p = c->partnership;
    if (!p || !p->logo || !p->logo->path) return;
    char *path = arena_printf(c->arena, "%s/%s", p->dir, p->logo->path);
    FILE *in = fopen(path, "rb");
    if (!in) return; /* checked when the partnership was loaded; gone since */
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    fputs("<img class=\"mark\" alt=\"\" src=\"data:image/png;base64,", f);
    unsigned char buf[3];
    size_t n;
    while ((n = fread(buf, 1, 3, in)) > 0) {
        unsigned v = (unsigned)buf[0] << 16 | (n > 1 ? (unsigned)buf[1] << 8 : 0) | (n > 2 ? buf[2] : 0);
        char out[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], n > 1 ? b64[v >> 6 & 63] : '=',
                       n > 2 ? b64[v & 63] : '='};
        fwrite(out, 1, 4, f);
        if (n < 3) break;
    }
    fclose(in);
    fputs("\">\n", f);
}

/* The audiences' labels as a list in a sentence ("a, b and c"), each
 * lower-cased at its start unless it reads as a name or acronym ("LGBT+"). */
static void put_readers(const lp_catalogue *c, FILE *f)
{
    const lp_audiences *au = c->audiences;
    for (size_t i = 0; au && i < au->n; i++) {
        const char *l = au->v[i].label ? au->v[i].label : au->v[i].name;
        if (i) fputs(i + 1 == au->n ? " and " : ", ", f);
        char *s = arena_strdup(c->arena, l);
        if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) s[0] = (char)(s[0] - 'A' + 'a');
        cat_put_html(f, s);
    }
}

void cat_write_html(const lp_catalogue *c, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>Child sexual abuse: leaflets to download</title>\n<style>\n", f);
    fputs(page_style, f);
    fputs("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#list\">Skip to the leaflets</a>\n"
          "<header>\n", f);
    put_mark(c, f);
    fputs("<h1>Child sexual abuse: leaflets to download</h1>\n<p>Guides, leaflets and posters for ", f);
    put_readers(c, f);
    fputs(", each as a PDF to read or print at home and a PDF for a print shop.</p>\n</header>\n<main>\n", f);
    fputs("<form id=\"filters\" class=\"filters\" hidden role=\"search\" aria-label=\"Find a leaflet\">\n"
          "<div class=\"field search\"><label for=\"q\">Search titles, summaries and topics</label>\n"
          "<input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\"></div>\n", f);
    /* On a phone the filters fold away under one line, so the list starts
     * on the first screen; the script opens them on a wide screen. */
    fputs("<details id=\"more\" class=\"more\"><summary>Filter by reader, format, topic or age</summary>\n"
          "<div class=\"more-body\">\n", f);
    put_checkboxes(c, f, "audience", true);
    put_checkboxes(c, f, "format", false);
    put_topics(c, f);
    fputs("<div class=\"field age\"><label for=\"age\">Age of the child, in years</label>\n"
          "<input type=\"number\" id=\"age\" name=\"age\" min=\"0\" max=\"25\"></div>\n"
          "</div>\n</details>\n<button type=\"reset\">Show all</button>\n</form>\n", f);
    fprintf(f, "<p id=\"count\" role=\"status\">%zu leaflets</p>\n<ul id=\"list\" class=\"docs\">\n",
            c->n);
    for (size_t i = 0; i < c->n; i++) put_entry(c, f, &c->entries[i]);
    fputs("</ul>\n", f);
    put_packs(c, f);
    fputs("</main>\n<footer>\n<p>", f);
    /* The partnership's footer lines (partnership.yaml), else its name. */
    const lp_partnership *p = c->partnership;
    for (size_t i = 0; p && i < p->nfooter; i++) {
        cat_put_html(f, p->footer[i]);
        fputc(' ', f);
    }
    if (p && p->nfooter == 0) {
        cat_put_html(f, p->name);
        fputs(". ", f);
    }
    /* The partnership's key contacts and their numbers. */
    for (size_t i = 0; p && c->contacts && i < p->nkey_contacts; i++) {
        const lp_contact *ct = contacts_find(c->contacts, p->key_contacts[i]);
        if (!ct || !ct->phone) continue;
        fputs(i ? ", " : "Key contacts: ", f);
        cat_put_html(f, ct->name);
        fputc(' ', f);
        cat_put_html(f, ct->phone);
        if (i + 1 == p->nkey_contacts) fputs(". ", f);
    }
    fputs("The list of files is also in <a href=\"manifest.json\" type=\"application/json\">"
          "manifest.json</a>.</p>\n</footer>\n<script>\n", f);
    fputs(page_script, f);
    fputs("</script>\n</body>\n</html>\n", f);
}

static void json_field(FILE *f, const char *indent, const char *key, const char *val, bool comma)
{
    fprintf(f, "%s\"%s\": ", indent, key);
    if (val) cat_put_json(f, val);
    else fputs("null", f);
    fputs(comma ? ",\n" : "\n", f);
}

static void put_json_files(FILE *f, const cat_file *files, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        const cat_file *pf = &files[j];
        fprintf(f, "        {\"variant\": \"%s\", \"edition\": ", pf->variant == CAT_PRINT ? "print" : "screen");
        cat_put_json(f, pf->edition);
        fputs(", \"path\": ", f);
        cat_put_json(f, pf->path);
        fprintf(f, ", \"pages\": %d, \"bytes\": %lld}%s\n", pf->pages, pf->bytes, j + 1 < n ? "," : "");
    }
}

void cat_write_json(const lp_catalogue *c, FILE *f)
{
    fprintf(f, "{\n  \"generator\": \"leafpress %s\",\n  \"documents\": [\n", LP_VERSION);
    for (size_t i = 0; i < c->n; i++) {
        const cat_entry *e = &c->entries[i];
        const lp_meta *m = &e->meta;
        const char *in = "      ";
        fputs("    {\n", f);
        json_field(f, in, "source", e->source, true);
        json_field(f, in, "slug", e->slug, true);
        json_field(f, in, "title", m->title, true);
        json_field(f, in, "subtitle", m->subtitle, true);
        json_field(f, in, "audience", m->audience, true);
        json_field(f, in, "format", lp_format_names[m->format], true);
        json_field(f, in, "lang", m->lang, true);
        json_field(f, in, "summary", m->summary, true);
        json_field(f, in, "version", m->version, true);
        json_field(f, in, "reviewed", m->reviewed, true);
        json_field(f, in, "review_by", m->review_by, true);
        fputs("      \"topics\": [", f);
        for (size_t j = 0; j < m->ntopics; j++) {
            if (j) fputs(", ", f);
            cat_put_json(f, m->topics[j]);
        }
        fputs("],\n", f);
        if (m->age_min >= 0)
            fprintf(f, "      \"ages\": {\"min\": %d, \"max\": %d},\n", m->age_min, m->age_max);
        else
            fputs("      \"ages\": null,\n", f);
        json_field(f, in, "thumbnail", e->thumb, true);
        fputs("      \"files\": [\n", f);
        put_json_files(f, e->files, e->nfiles);
        fprintf(f, "      ]\n    }%s\n", i + 1 < c->n ? "," : "");
    }
    fputs("  ],\n  \"packs\": [\n", f);
    for (size_t i = 0; i < c->npacks; i++) {
        const cat_pack *p = &c->packs[i];
        const char *in = "      ";
        fputs("    {\n", f);
        json_field(f, in, "source", p->source, true);
        json_field(f, in, "slug", p->slug, true);
        json_field(f, in, "title", p->title, true);
        json_field(f, in, "date", p->date, true);
        json_field(f, in, "venue", p->venue, true);
        fputs("      \"documents\": [", f);
        for (size_t j = 0; j < p->ndocs; j++) {
            if (j) fputs(", ", f);
            cat_put_json(f, p->docs[j]);
        }
        fputs("],\n      \"files\": [\n", f);
        put_json_files(f, p->files, p->nfiles);
        fprintf(f, "      ]\n    }%s\n", i + 1 < c->npacks ? "," : "");
    }
    fputs("  ]\n}\n", f);
}

static int write_atomic(const lp_catalogue *c, const char *name, void (*put)(const lp_catalogue *, FILE *),
                        lp_diag *d)
{
    const char *path = arena_printf(c->arena, "%s/%s", c->out_dir, name);
    const char *tmp = arena_printf(c->arena, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        diag_error(d, tmp, 0, 0, NULL, "cannot write: %s", strerror(errno));
        return -1;
    }
    put(c, f);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0) bad = true;
    if (bad || rename(tmp, path) != 0) {
        diag_error(d, path, 0, 0, NULL, "cannot write: %s", strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

int cat_write(const lp_catalogue *c, lp_diag *d)
{
    if (write_atomic(c, "manifest.json", cat_write_json, d) != 0) return -1;
    return write_atomic(c, "index.html", cat_write_html, d);
}
