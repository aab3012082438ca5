/* partnership.c — content/partnership.yaml (see partnership.h). */
#include "partnership.h"

#include "picture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PARTNERSHIP_MAX_BYTES (64u * 1024u)
#define PARTNERSHIP_MAX_CONTACTS 16

static const char *const keys[] = {"name", "short-name", "web", "logo", "colors", "key-contacts", "footer"};
#define NKEYS (sizeof keys / sizeof keys[0])

static const char *text(const yt_node *v, const char *path, const char *key, lp_diag *d)
{
    if (v->kind != YT_SCALAR || v->len == 0) {
        diag_error(d, path, v->line, v->col, "write the value on the same line, after the ':'",
                   "'%s' must be text", key);
        return NULL;
    }
    return v->scalar;
}

/* A list of text, at most max items, into *out. */
static size_t texts(lp_arena *a, const yt_node *v, const char *path, const char *key, size_t max,
                    const char ***out, lp_diag *d)
{
    if (v->kind != YT_SEQ) {
        diag_error(d, path, v->line, v->col, "write [a, b] or one '- item' a line", "'%s' must be a list", key);
        return 0;
    }
    if (v->n > max) {
        diag_error(d, path, v->line, v->col, "keep the ones readers need most", "'%s' has %zu items; at most %zu",
                   key, v->n, max);
        return 0;
    }
    *out = arena_alloc(a, (v->n + 1) * sizeof **out);
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const char *s = text(v->vals[i], path, key, d);
        if (s) (*out)[n++] = s;
    }
    return n;
}

/* The logo is a vector mark from the icon font, "icon:<name>" (the name
 * itself is checked where it is drawn, against the font), or a PNG file
 * beside the partnership file, decoded completely here (picture.c) so that
 * a damaged one is an error at its line, before any document is built. */
static void check_logo(lp_partnership *p, const char *s, const yt_node *v, lp_diag *d)
{
    lp_pic *pic = arena_alloc(p->arena, sizeof *pic);
    pic->line = v->line;
    pic->col = v->col;
    pic->alt = "";
    if (strncmp(s, "icon:", 5) == 0) {
        bool ok = s[5] != 0;
        for (const char *c = s + 5; ok && *c; c++)
            ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-';
        if (!ok) {
            diag_error(d, p->path, v->line, v->col, "write icon:<name>, a Lucide icon, e.g. icon:shield-heart",
                       "bad logo '%s'", s);
            return;
        }
        pic->icon = s + 5;
    } else {
        size_t n = strlen(s);
        if (n < 5 || strcasecmp(s + n - 4, ".png") != 0) {
            diag_error(d, p->path, v->line, v->col,
                       "write icon:<name> (a Lucide icon) or the name of a PNG file beside this file",
                       "bad logo '%s'", s);
            return;
        }
        if (picture_load(p->dir, s, p->path, v->line, v->col, NULL, &pic->px_w, &pic->px_h, d) != 0) return;
        pic->path = s;
    }
    p->logo = pic;
}

lp_partnership *partnership_load(const char *path, const lp_contacts *contacts, lp_diag *d)
{
    lp_arena *a = arena_new();
    lp_partnership *p = arena_alloc(a, sizeof *p);
    p->arena = a;
    p->path = arena_strdup(a, path);
    const char *slash = strrchr(path, '/');
    p->dir = !slash ? "." : slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
    int before = d->errors;
    yt_node *root = yt_load_file(a, path, PARTNERSHIP_MAX_BYTES, d);
    if (!root) goto fail;
    if (root->kind != YT_MAP) {
        diag_error(d, path, root->line, root->col, "write name:, web:, key-contacts: ... one a line",
                   "the partnership file must be a map of keys");
        goto fail;
    }
    p->root = root;
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i]->scalar;
        const yt_node *v = root->vals[i];
        if (strcmp(k, "name") == 0) p->name = text(v, path, k, d);
        else if (strcmp(k, "short-name") == 0) p->short_name = text(v, path, k, d);
        else if (strcmp(k, "web") == 0) {
            p->web = text(v, path, k, d);
            if (p->web && strncmp(p->web, "https://", 8) != 0) {
                diag_error(d, path, v->line, v->col, "write the whole address, https://...",
                           "'web' is not a web address: '%s'", p->web);
            }
        } else if (strcmp(k, "logo") == 0) {
            const char *s = text(v, path, k, d);
            if (s) check_logo(p, s, v, d);
        } else if (strcmp(k, "colors") == 0) {
            /* Checked where they are used: against each theme (spec_load). */
        } else if (strcmp(k, "key-contacts") == 0) {
            p->nkey_contacts = texts(a, v, path, k, PARTNERSHIP_MAX_CONTACTS, &p->key_contacts, d);
            for (size_t j = 0; contacts && j < p->nkey_contacts; j++) {
                bool twice = false;
                for (size_t q = 0; q < j && !twice; q++) twice = strcmp(p->key_contacts[q], p->key_contacts[j]) == 0;
                if (twice) {
                    diag_error(d, path, v->vals[j]->line, v->vals[j]->col, "list each contact once",
                               "contact '%s' is listed twice", p->key_contacts[j]);
                    continue;
                }
                if (contacts_find(contacts, p->key_contacts[j])) continue;
                const char *near = contacts_suggest(contacts, p->key_contacts[j]);
                char hint[128];
                if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
                else snprintf(hint, sizeof hint, "key contacts are keys of %s", contacts ? contacts->path : "contacts.yaml");
                diag_error(d, path, v->vals[j]->line, v->vals[j]->col, hint, "unknown contact '%s'",
                           p->key_contacts[j]);
            }
        } else if (strcmp(k, "footer") == 0) {
            p->nfooter = texts(a, v, path, k, PARTNERSHIP_MAX_LINES, &p->footer, d);
        } else {
            const char *near = lp_closest(k, keys, NKEYS);
            char hint[160];
            if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else snprintf(hint, sizeof hint, "keys are name, short-name, web, logo, colors, key-contacts, footer");
            diag_error(d, path, root->keys[i]->line, root->keys[i]->col, hint, "unknown partnership key '%s'", k);
        }
    }
    if (!p->name && d->errors == before)
        diag_error(d, path, 1, 1, "add 'name:' with the partnership's full name", "the partnership has no name");
    if (d->errors > before) goto fail;
    if (!p->short_name) p->short_name = p->name;
    return p;
fail:
    arena_free(a);
    return NULL;
}

/* Adds the keys of file's top-level map `key` to names (up to max). */
static size_t add_keys(lp_arena *a, const char *file, const char *key, const char **names, size_t n, size_t max)
{
    lp_diag quiet; /* a broken theme or layout is reported by the build that uses it */
    diag_init(&quiet);
    const yt_node *root = yt_load_file(a, file, 1024u * 1024u, &quiet);
    diag_free(&quiet);
    const yt_node *m = yt_get(root, key);
    for (size_t i = 0; m && m->kind == YT_MAP && i < m->n && n < max; i++) names[n++] = m->keys[i]->scalar;
    return n;
}

int partnership_check_colors(const lp_partnership *p, const char *layouts_dir, lp_diag *d)
{
    const yt_node *m = p ? yt_get(p->root, "colors") : NULL;
    if (!m || m->kind != YT_MAP || m->n == 0) return 0;
    enum { MAX_NAMES = 4096 };
    lp_arena *a = arena_new();
    const char **names = arena_alloc(a, MAX_NAMES * sizeof *names);
    size_t n = 0;
    const char *dirs[] = {arena_printf(a, "%s/themes", layouts_dir), layouts_dir};
    for (size_t k = 0; k < 2; k++) {
        DIR *dir = opendir(dirs[k]);
        for (struct dirent *e; dir && (e = readdir(dir)) != NULL;) {
            size_t len = strlen(e->d_name);
            if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
            const char *file = arena_printf(a, "%s/%s", dirs[k], e->d_name);
            n = add_keys(a, file, "colors", names, n, MAX_NAMES);
            if (k == 0) n = add_keys(a, file, "roles", names, n, MAX_NAMES);
        }
        if (dir) closedir(dir);
    }
    int before = d->errors;
    for (size_t i = 0; i < m->n; i++) {
        const char *k = m->keys[i]->scalar;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++) known = strcmp(names[j], k) == 0;
        if (known) continue;
        const char *near = lp_closest(k, names, n);
        char hint[200];
        if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else snprintf(hint, sizeof hint, "name a colour of a theme in %s/themes or a colour role", layouts_dir);
        diag_error(d, p->path, m->keys[i]->line, m->keys[i]->col, hint,
                   "no theme or layout has a colour '%s': it would change nothing", k);
    }
    arena_free(a);
    return d->errors > before ? -1 : 0;
}

void partnership_free(lp_partnership *p)
{
    if (p) arena_free(p->arena);
}
