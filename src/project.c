/* project.c — where a run's layouts, fonts and contacts come from. */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "project.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Anything at path, even a folder, a FIFO or a broken link. */
static bool exists(lp_arena *a, const char *dir, const char *name)
{
    struct stat st;
    return lstat(arena_printf(a, "%s/%s", dir, name), &st) == 0;
}

static bool has(lp_arena *a, const char *dir, const char *name, bool dir_wanted)
{
    const char *p = arena_printf(a, "%s/%s", dir, name);
    return dir_wanted ? is_dir(p) : is_file(p);
}

bool project_holds_folder_of(const char *dir, const char *file)
{
    char *d = realpath(dir, NULL), *f = realpath(file, NULL);
    char *slash = f ? strrchr(f, '/') : NULL;
    bool yes = false;
    if (d && slash) {
        *slash = '\0';
        size_t n = strlen(d);
        yes = strncmp(f, d, n) == 0 && (f[n] == '\0' || f[n] == '/' || n == 1);
    }
    free(d);
    free(f);
    return yes;
}

bool project_is_root(const char *path)
{
    lp_arena *a = arena_new();
    bool yes = has(a, path, "content/contacts.yaml", false) || has(a, path, "layouts", true);
    arena_free(a);
    return yes;
}

/* The folder part of path ("." when it has none). */
static char *parent_of(lp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return arena_strdup(a, ".");
    if (slash == path) return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

/* The nearest folder at or above dir (an absolute, resolved path) that is
 * a project; NULL when none is. */
static char *walk_up(lp_arena *a, const char *dir)
{
    char *d = arena_strdup(a, dir);
    for (int i = 0; i < PROJECT_MAX_UP; i++) {
        if (project_is_root(d)) return d;
        if (strcmp(d, "/") == 0) return NULL;
        d = parent_of(a, d);
    }
    return NULL;
}

/* An absolute path as the user would write it from the current folder:
 * "." for the folder itself, "../.." above it, "a/b" below it. */
static const char *relative(lp_arena *a, const char *abs, const char *cwd)
{
    size_t n = strlen(cwd);
    if (strcmp(abs, cwd) == 0) return ".";
    if (strncmp(abs, cwd, n) == 0 && abs[n] == '/') return arena_strdup(a, abs + n + 1);
    size_t m = strlen(abs);
    if (strncmp(cwd, abs, m) == 0 && (cwd[m] == '/' || m == 1)) {
        char *up = arena_strdup(a, "..");
        for (const char *p = cwd + m + (m > 1); *p; p++)
            if (*p == '/') up = arena_printf(a, "%s/..", up);
        return up;
    }
    return abs;
}

/* The data folder beside an installed binary (<prefix>/bin/leafpress ->
 * <prefix>/share/leafpress), or the source tree it was built in (its
 * folder or one up to two above it holding layouts/ and fonts/). */
static const char *data_dir(lp_arena *a, const char *self)
{
    char buf[PATH_MAX];
    if (!self) {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n <= 0) return NULL;
        buf[n] = '\0';
        self = buf;
    }
    char real[PATH_MAX];
    if (!realpath(self, real)) return NULL;
    char *dir = parent_of(a, real);
    for (int up = 0; up < 3; up++) {
        const char *share = arena_printf(a, "%s/share/leafpress", dir);
        if (has(a, share, "layouts", true)) return share;
        if (up > 0 && has(a, dir, "layouts", true) && has(a, dir, "fonts", true)) return dir;
        if (strcmp(dir, "/") == 0) break;
        dir = parent_of(a, dir);
    }
    return NULL;
}

void project_locate(lp_arena *a, const char *start, const char *self, lp_project *p)
{
    memset(p, 0, sizeof *p);
    char cwd[PATH_MAX], real[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = '\0';
    char *root = NULL;
    if (start) {
        /* A document that does not exist yet still names its folder. */
        const char *dir = is_dir(start) ? start : parent_of(a, start);
        if (realpath(dir, real)) root = walk_up(a, real);
    }
    if (!root && cwd[0]) root = walk_up(a, cwd);
    p->root = root && cwd[0] ? relative(a, root, cwd) : root;
    const char *data = data_dir(a, self);
    p->data = data && cwd[0] ? relative(a, data, cwd) : data;

    const char *r = p->root, *dd = p->data;
    if (r && has(a, r, "layouts", true)) p->layouts = arena_printf(a, "%s/layouts", r);
    else if (dd) p->layouts = arena_printf(a, "%s/layouts", dd);
    if (r && has(a, r, "fonts", true)) p->fonts = arena_printf(a, "%s/fonts", r);
    else if (dd && has(a, dd, "fonts", true)) p->fonts = arena_printf(a, "%s/fonts", dd);
    /* The project's own contacts and partnership files are used whatever
     * they are: a folder or a FIFO in their place is an error when read,
     * not a silent fall back to the installed ones (other numbers). */
    if (r && exists(a, r, "content/contacts.yaml")) p->contacts = arena_printf(a, "%s/content/contacts.yaml", r);
    else if (r && exists(a, r, "contacts.yaml")) p->contacts = arena_printf(a, "%s/contacts.yaml", r);
    else if (dd && has(a, dd, "contacts.yaml", false)) p->contacts = arena_printf(a, "%s/contacts.yaml", dd);
    else if (dd && has(a, dd, "content/contacts.yaml", false))
        p->contacts = arena_printf(a, "%s/content/contacts.yaml", dd);
    if (r && exists(a, r, "content/partnership.yaml"))
        p->partnership = arena_printf(a, "%s/content/partnership.yaml", r);
    else if (r && exists(a, r, "partnership.yaml")) p->partnership = arena_printf(a, "%s/partnership.yaml", r);
    else if (dd && has(a, dd, "partnership.yaml", false)) p->partnership = arena_printf(a, "%s/partnership.yaml", dd);
    else if (dd && has(a, dd, "content/partnership.yaml", false))
        p->partnership = arena_printf(a, "%s/content/partnership.yaml", dd);
    p->out = r ? (strcmp(r, ".") == 0 ? "out" : arena_printf(a, "%s/out", r)) : "out";
    if (r && has(a, r, "build/icc/FOGRA39L.icc", false)) p->output_profile = arena_printf(a, "%s/build/icc/FOGRA39L.icc", r);
    else if (dd && has(a, dd, "icc/FOGRA39L.icc", false)) p->output_profile = arena_printf(a, "%s/icc/FOGRA39L.icc", dd);
    else if (dd && has(a, dd, "build/icc/FOGRA39L.icc", false))
        p->output_profile = arena_printf(a, "%s/build/icc/FOGRA39L.icc", dd);
    /* Tidy "./layouts" to "layouts", as messages have always said. */
    const char **fix[] = {&p->layouts, &p->fonts, &p->contacts, &p->partnership, &p->output_profile};
    for (size_t i = 0; i < 5; i++)
        if (*fix[i] && strncmp(*fix[i], "./", 2) == 0) *fix[i] += 2;
}
