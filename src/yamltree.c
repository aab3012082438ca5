/* yamltree.c — libyaml events -> yt_node trees with real line:col.
 *
 * The event API (not libyaml's document loader) is used because the loader
 * copies every alias target, which turns a small alias bomb into gigabytes
 * before we could count anything.  Here an alias is a pointer to the node it
 * names, and a running count of the document's size *after* expansion stops
 * the parse as soon as it passes YT_MAX_NODES.
 */
#include "yamltree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* A node while it is being built.  The public yt_node comes first so a
 * pointer to one is a pointer to the other. */
typedef struct bnode {
    yt_node pub;
    size_t size;    /* expanded size, known once done */
    size_t bytes;   /* expanded text bytes, known once done */
    size_t start_bytes; /* the running byte total when this node started */
    size_t start;   /* the running total when this node started */
    bool done;      /* an alias to an unfinished collection is a cycle */
} bnode;

/* Hash of strings within a scope: anchors use scope NULL, map keys use the
 * map, so duplicate keys are found without comparing every pair. */
typedef struct hent {
    const void *scope;
    const char *key;
    bnode *node;
} hent;

typedef struct htab {
    hent *slots;
    size_t cap, n;
} htab;

typedef struct frame {
    bnode *node;
    LP_VEC(yt_node *) keys;
    LP_VEC(yt_node *) vals;
    bool want_key; /* maps alternate key, value */
} frame;

typedef struct builder {
    lp_arena *a;
    lp_arena *scratch; /* the tables and the growing lists: gone once parsed */
    lp_diag *d;
    const char *file;
    int first_line;
    frame stack[YT_MAX_DEPTH + 1];
    int depth;
    size_t total; /* expanded node count so far */
    size_t bytes; /* expanded scalar bytes so far */
    htab anchors, keys;
    bnode *root;
    bool failed;
} builder;

static uint64_t hash_str(const void *scope, const char *s)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)scope;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static hent *ht_find(htab *t, const void *scope, const char *key)
{
    if (t->cap == 0) return NULL;
    size_t i = (size_t)hash_str(scope, key) & (t->cap - 1);
    while (t->slots[i].key) {
        if (t->slots[i].scope == scope && strcmp(t->slots[i].key, key) == 0) return &t->slots[i];
        i = (i + 1) & (t->cap - 1);
    }
    return NULL;
}

/* Inserts or replaces (YAML lets a later anchor of the same name win). */
static void ht_put(lp_arena *a, htab *t, const void *scope, const char *key, bnode *node)
{
    if ((t->n + 1) * 2 > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        hent *ns = arena_alloc(a, ncap * sizeof *ns);
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->slots[i].key) continue;
            size_t j = (size_t)hash_str(t->slots[i].scope, t->slots[i].key) & (ncap - 1);
            while (ns[j].key) j = (j + 1) & (ncap - 1);
            ns[j] = t->slots[i];
        }
        t->slots = ns;
        t->cap = ncap;
    }
    size_t i = (size_t)hash_str(scope, key) & (t->cap - 1);
    while (t->slots[i].key) {
        if (t->slots[i].scope == scope && strcmp(t->slots[i].key, key) == 0) {
            t->slots[i].node = node;
            return;
        }
        i = (i + 1) & (t->cap - 1);
    }
    t->slots[i] = (hent){scope, key, node};
    t->n++;
}

static int mark_line(const builder *b, yaml_mark_t m) { return (int)m.line + b->first_line; }
static int mark_col(yaml_mark_t m) { return (int)m.column + 1; }

static void fail(builder *b, yaml_mark_t m, const char *hint, const char *msg, const char *arg)
{
    if (b->failed) return;
    b->failed = true;
    if (arg)
        diag_error(b->d, b->file, mark_line(b, m), mark_col(m), hint, msg, arg);
    else
        diag_error(b->d, b->file, mark_line(b, m), mark_col(m), hint, "%s", msg);
}

/* Counts n more nodes after expansion; false (with an error) past the cap. */
static bool count(builder *b, size_t n, yaml_mark_t m)
{
    if (n > YT_MAX_NODES || b->total > YT_MAX_NODES - n) {
        fail(b, m, "a YAML file here needs no more than a few thousand values",
             "too many YAML nodes after alias expansion (alias bomb?)", NULL);
        return false;
    }
    b->total += n;
    return true;
}

/* Counts n more bytes of text after expansion: a 60 KB value named by a
 * thousand aliases is 60 MB for whoever walks the tree, so it is refused
 * here like the node count. */
static bool count_bytes(builder *b, size_t n, yaml_mark_t m)
{
    if (n > YT_MAX_BYTES || b->bytes > YT_MAX_BYTES - n) {
        char lim[32];
        snprintf(lim, sizeof lim, "%u", (unsigned)YT_MAX_BYTES);
        fail(b, m, "use each long value once, not through many aliases",
             "YAML text longer than %s bytes after alias expansion (alias bomb?)", lim);
        return false;
    }
    b->bytes += n;
    return true;
}

static bnode *new_node(builder *b, yt_kind kind, yaml_mark_t m)
{
    bnode *n = arena_alloc(b->a, sizeof *n);
    n->pub.kind = kind;
    n->pub.line = mark_line(b, m);
    n->pub.col = mark_col(m);
    n->start = b->total;
    n->start_bytes = b->bytes;
    return n;
}

static void finish(builder *b, bnode *n)
{
    n->size = b->total - n->start;
    n->bytes = b->bytes - n->start_bytes;
    n->done = true;
}

/* Any explicit tag ("!!binary", "!!python/object:os.system", "!foo", even
 * "!!str") is refused: leafpress reads text, lists and maps, and a tag that
 * some other YAML reader would act on must not pass silently here. */
static bool check_tag(builder *b, const yaml_char_t *tag, yaml_mark_t m)
{
    if (!tag) return true;
    const char *t = (const char *)tag;
    const char *core = "tag:yaml.org,2002:";
    char shown[64];
    if (strncmp(t, core, strlen(core)) == 0)
        snprintf(shown, sizeof shown, "!!%s", t + strlen(core));
    else
        snprintf(shown, sizeof shown, "%s", t);
    for (char *p = shown; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F) *p = '?';
    fail(b, m, "remove the tag; write text in quotes if it must stay text", "YAML tag '%s' is not allowed",
         shown);
    return false;
}

/* A map's keys are compared one by one while it has few (most maps: a
 * contact, a style), and looked up in the hash of keys once it has more. */
#define LINEAR_KEYS 16

/* Has the map being built a key named key already? */
static bool has_key(builder *b, frame *f, const char *key)
{
    if (f->keys.n < LINEAR_KEYS) {
        for (size_t i = 0; i < f->keys.n; i++)
            if (strcmp(f->keys.v[i]->scalar, key) == 0) return true;
        return false;
    }
    if (f->keys.n == LINEAR_KEYS) /* from now on in the hash */
        for (size_t i = 0; i < f->keys.n; i++)
            ht_put(b->scratch, &b->keys, f->node, f->keys.v[i]->scalar, (bnode *)f->keys.v[i]);
    return ht_find(&b->keys, f->node, key) != NULL;
}

/* Hands a finished node (or alias target) to the collection being built. */
static void attach(builder *b, bnode *n, yt_node *pub, yaml_mark_t m)
{
    if (b->depth == 0) {
        b->root = n;
        return;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->node->pub.kind == YT_SEQ) {
        VEC_PUSH(b->scratch, f->vals, pub);
        return;
    }
    if (f->want_key) {
        if (pub->kind != YT_SCALAR) {
            fail(b, m, "keys are plain words, such as 'title'", "a map key must be a scalar, not a %s",
                 pub->kind == YT_MAP ? "map" : "list");
            return;
        }
        if (has_key(b, f, pub->scalar)) {
            fail(b, m, "delete one of the two", "duplicate key '%s'", pub->scalar);
            return;
        }
        if (f->keys.n >= LINEAR_KEYS) ht_put(b->scratch, &b->keys, f->node, pub->scalar, n);
        VEC_PUSH(b->scratch, f->keys, pub);
    } else {
        VEC_PUSH(b->scratch, f->vals, pub);
    }
    f->want_key = !f->want_key;
}

static void push(builder *b, yt_kind kind, yaml_mark_t m, const yaml_char_t *anchor, const yaml_char_t *tag)
{
    if (!check_tag(b, tag, m)) return;
    if (b->depth >= YT_MAX_DEPTH) {
        char lim[16];
        snprintf(lim, sizeof lim, "%d", YT_MAX_DEPTH);
        fail(b, m, "flatten the structure", "YAML nested deeper than %s levels", lim);
        return;
    }
    if (b->depth > 0) {
        frame *f = &b->stack[b->depth - 1];
        if (f->node->pub.kind == YT_MAP && f->want_key) {
            fail(b, m, "keys are plain words, such as 'title'", "a map key must be a scalar, not a %s",
                 kind == YT_MAP ? "map" : "list");
            return;
        }
    }
    if (!count(b, 1, m)) return;
    bnode *n = new_node(b, kind, m);
    n->start = b->total - 1;
    n->start_bytes = b->bytes;
    if (anchor) ht_put(b->scratch, &b->anchors, NULL, arena_strdup(b->scratch, (const char *)anchor), n);
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->want_key = true;
}

/* A finished list, copied from the scratch arena into the tree's at its
 * size (NULL when empty, as an empty list was). */
static yt_node **keep(builder *b, yt_node **v, size_t n)
{
    if (!n) return NULL;
    yt_node **out = arena_alloc(b->a, n * sizeof *out);
    memcpy(out, v, n * sizeof *out);
    return out;
}

static void pop(builder *b, yaml_mark_t m)
{
    frame *f = &b->stack[--b->depth];
    bnode *n = f->node;
    if (n->pub.kind == YT_MAP) {
        n->pub.n = f->keys.n;
        n->pub.keys = keep(b, f->keys.v, f->keys.n);
    } else {
        n->pub.n = f->vals.n;
    }
    n->pub.vals = keep(b, f->vals.v, f->vals.n);
    finish(b, n);
    attach(b, n, &n->pub, m);
}

/* Characters a reader cannot see, which editors and Word leave in pasted
 * text: zero-width space, non-joiner and joiner, word joiner, a BOM inside
 * the text, left-to-right and right-to-left marks, and the soft hyphen (the
 * line breaker hyphenates by dictionary; a soft hyphen would print as a
 * hard one).  The author saw the text without them, so they are dropped. */
bool yt_invisible_char(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x200E ||
           cp == 0x200F || cp == 0x00AD;
}

/* Characters that are rejected: control characters (other than tab and
 * newline) and the bidirectional embeddings, overrides and isolates, which
 * can make printed text read differently from the file (a phone number
 * shown backwards). */
const char *yt_forbidden_char(uint32_t cp)
{
    if (cp == 0x0B) return "vertical tab (a Word line break)";
    if (cp == 0x0C) return "form feed (a Word page break)";
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return "control character";
    if (cp >= 0x202A && cp <= 0x202E) return "bidirectional embedding or override";
    if (cp >= 0x2066 && cp <= 0x2069) return "bidirectional isolate";
    return NULL;
}

/* A scalar after escapes are decoded ("\\u202E" is as bad as the character
 * itself): forbidden characters are an error, invisible ones are dropped.
 * Returns the cleaned copy, or NULL after an error. */
static char *clean_scalar(builder *b, const char *v, size_t *len, yaml_mark_t m)
{
    /* Most values are printable ASCII, which needs no look at each
     * character. */
    size_t plain = 0;
    while (plain < *len && (((unsigned char)v[plain] >= 0x20 && (unsigned char)v[plain] < 0x7F) ||
                            v[plain] == '\n' || v[plain] == '\t'))
        plain++;
    char *out = arena_alloc(b->a, *len + 1);
    memcpy(out, v, plain);
    size_t w = plain;
    for (size_t r = plain; r < *len;) {
        uint32_t cp = (unsigned char)v[r];
        int n = cp < 0x80 ? 1 : utf8_decode(v + r, *len - r, &cp);
        if (n <= 0) {
            fail(b, m, "save the file as UTF-8", "invalid UTF-8 in a YAML value", NULL);
            return NULL;
        }
        const char *bad = yt_forbidden_char(cp);
        if (bad) {
            char msg[128];
            snprintf(msg, sizeof msg, "%s U+%04X in a YAML value", bad, (unsigned)cp);
            fail(b, m, "remove the character or the escape that makes it", "%s", msg);
            return NULL;
        }
        if (!yt_invisible_char(cp)) {
            memcpy(out + w, v + r, (size_t)n);
            w += (size_t)n;
        }
        r += (size_t)n;
    }
    out[w] = '\0';
    *len = w;
    return out;
}

static void scalar(builder *b, const yaml_event_t *ev)
{
    yaml_mark_t m = ev->start_mark;
    const char *v = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (memchr(v, '\0', len)) {
        fail(b, m, "remove the \\0 escape", "NUL character in a YAML value", NULL);
        return;
    }
    if (!check_tag(b, ev->data.scalar.tag, m)) return;
    char *clean = clean_scalar(b, v, &len, m);
    if (!clean || !count(b, 1, m)) return;
    size_t start_bytes = b->bytes;
    if (!count_bytes(b, len, m)) return;
    bnode *n = new_node(b, YT_SCALAR, m);
    n->start = b->total - 1;
    n->start_bytes = start_bytes;
    n->pub.scalar = clean;
    n->pub.len = len;
    n->pub.quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    if (ev->data.scalar.anchor)
        ht_put(b->scratch, &b->anchors, NULL, arena_strdup(b->scratch, (const char *)ev->data.scalar.anchor), n);
    finish(b, n);
    attach(b, n, &n->pub, m);
}

static void alias(builder *b, const yaml_event_t *ev)
{
    yaml_mark_t m = ev->start_mark;
    const char *name = (const char *)ev->data.alias.anchor;
    hent *e = ht_find(&b->anchors, NULL, name);
    if (!e) {
        fail(b, m, "define '&name' before using '*name'", "unknown alias '*%s'", name);
        return;
    }
    if (!e->node->done) {
        fail(b, m, "an alias cannot point at the node that contains it", "recursive alias '*%s'", name);
        return;
    }
    if (!count(b, e->node->size, m) || !count_bytes(b, e->node->bytes, m)) return;
    attach(b, e->node, &e->node->pub, m);
}

static void syntax_error(builder *b, const yaml_parser_t *p, const char *text, size_t len)
{
    if (b->failed) return;
    b->failed = true;
    int line = 0, col = 0;
    if (p->error == YAML_READER_ERROR) {
        size_t off = p->problem_offset < len ? p->problem_offset : len;
        text_line_col(text, off, b->first_line, &line, &col);
    } else {
        line = mark_line(b, p->problem_mark);
        col = mark_col(p->problem_mark);
    }
    const char *problem = p->problem ? p->problem : "cannot parse";
    size_t at = p->problem_mark.index;
    if (p->error != YAML_READER_ERROR && at < len && text[at] == '\t') {
        /* The commonest cause, said plainly: an editor's tab. */
        diag_error(b->d, b->file, line, col, "indent with spaces: YAML does not allow a tab here",
                   "invalid YAML: a tab character");
    } else if (p->context) {
        char hint[160];
        snprintf(hint, sizeof hint, "%s at line %d", p->context, mark_line(b, p->context_mark));
        diag_error(b->d, b->file, line, col, hint, "invalid YAML: %s", problem);
    } else {
        diag_error(b->d, b->file, line, col, "check the indentation and the ':' after each key",
                   "invalid YAML: %s", problem);
    }
}

/* Input checks libyaml would report without a useful position. */
static bool check_bytes(builder *b, const char *text, size_t len)
{
    const char *nul = memchr(text, '\0', len);
    size_t bad = utf8_check(text, len);
    if (!nul && bad == len) return true;
    int line, col;
    if (nul && (size_t)(nul - text) <= bad) {
        text_line_col(text, (size_t)(nul - text), b->first_line, &line, &col);
        diag_error(b->d, b->file, line, col, "the file may be binary or UTF-16; save it as UTF-8",
                   "NUL byte in YAML");
    } else {
        text_line_col(text, bad, b->first_line, &line, &col);
        diag_error(b->d, b->file, line, col, "save the file as UTF-8", "invalid UTF-8 in YAML");
    }
    return false;
}

yt_node *yt_parse(lp_arena *a, const char *text, size_t len, const char *file, int first_line,
                  lp_diag *d)
{
    builder b = {.a = a, .d = d, .file = file, .first_line = first_line};
    if (!check_bytes(&b, text, len)) return NULL;

    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_error(d, file, 0, 0, NULL, "cannot start the YAML parser");
        return NULL;
    }
    b.scratch = arena_new();
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

    int docs = 0;
    bool end = false;
    while (!end && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&b, &p, text, len);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: end = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                fail(&b, ev.start_mark, "keep one document: remove the extra '---' line",
                     "more than one YAML document", NULL);
            break;
        case YAML_MAPPING_START_EVENT:
            push(&b, YT_MAP, ev.start_mark, ev.data.mapping_start.anchor, ev.data.mapping_start.tag);
            break;
        case YAML_SEQUENCE_START_EVENT:
            push(&b, YT_SEQ, ev.start_mark, ev.data.sequence_start.anchor, ev.data.sequence_start.tag);
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: pop(&b, ev.start_mark); break;
        case YAML_SCALAR_EVENT: scalar(&b, &ev); break;
        case YAML_ALIAS_EVENT: alias(&b, &ev); break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    arena_free(b.scratch);
    if (b.failed) return NULL;

    yt_node *root = b.root ? &b.root->pub : NULL;
    /* "" and "---" alone are empty documents, as is a bare "~" or "null". */
    if (!root || (root->kind == YT_SCALAR && !root->quoted &&
                  (root->len == 0 || strcmp(root->scalar, "~") == 0 || strcmp(root->scalar, "null") == 0))) {
        bnode *n = arena_alloc(a, sizeof *n);
        n->pub.kind = YT_MAP;
        n->pub.line = first_line;
        n->pub.col = 1;
        root = &n->pub;
    }
    return root;
}

char *yt_read_file(lp_arena *a, const char *path, size_t max_bytes, size_t *len, lp_diag *d)
{
    /* Opened without waiting and checked before reading: a FIFO, a device
     * or a folder where a file should be is an error, never a hang. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0) close(fd);
        diag_error(d, path, 1, 1,
                   e == ENOENT         ? "check the name and the folder"
                   : e == ENAMETOOLONG ? "use a shorter path"
                                       : "check the file's permissions",
                   "cannot open file: %s", strerror(e));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        diag_error(d, path, 1, 1, "name a plain text file",
                   S_ISDIR(st.st_mode) ? "this is a folder, not a file" : "not a regular file");
        return NULL;
    }
    /* Blocking again: a regular file reads to its end either way. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        diag_error(d, path, 1, 1, NULL, "cannot open file: %s", strerror(e));
        return NULL;
    }
    /* Read in doubling steps up to one byte more than allowed: that tells an
     * over-size file from one at the cap without trusting stat() (pipes and
     * /proc files report no size), and a small file costs a small buffer. */
    char *buf = NULL;
    size_t n = 0, cap = 0;
    bool err = false, big = false;
    for (;;) {
        if (n == cap) {
            if (cap == max_bytes + 1) {
                big = true;
                break;
            }
            size_t ncap = cap ? cap * 2 : 16384;
            if (ncap > max_bytes + 1) ncap = max_bytes + 1;
            char *p = realloc(buf, ncap);
            if (!p) {
                err = true;
                break;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) { /* a short read is the end of the file or an error */
            err = ferror(f) != 0;
            break;
        }
    }
    int saved = errno;
    fclose(f);
    char *out = NULL;
    if (err) {
        diag_error(d, path, 1, 1, "check that the file can be read", "cannot read file: %s", strerror(saved));
    } else if (big) {
        diag_error(d, path, 1, 1, "split it or remove what is not needed", "file is larger than %zu bytes",
                   max_bytes);
    } else {
        out = arena_strndup(a, buf ? buf : "", n);
        *len = n;
    }
    free(buf);
    return out;
}

yt_node *yt_load_file(lp_arena *a, const char *path, size_t max_bytes, lp_diag *d)
{
    size_t len = 0;
    char *buf = yt_read_file(a, path, max_bytes, &len, d);
    return buf ? yt_parse(a, buf, len, path, 1, d) : NULL;
}

const yt_node *yt_get(const yt_node *map, const char *key)
{
    if (!map || map->kind != YT_MAP || !key) return NULL;
    /* The first letter first: layouts look keys up tens of thousands of
     * times a document, and most keys of a map differ there. */
    for (size_t i = 0; i < map->n; i++) {
        const char *k = map->keys[i]->scalar;
        if (k[0] == key[0] && strcmp(k, key) == 0) return map->vals[i];
    }
    return NULL;
}

const yt_node *yt_path(const yt_node *root, const char *dotted)
{
    if (!dotted) return NULL;
    const yt_node *n = root;
    const char *p = dotted;
    char seg[128];
    while (n) {
        const char *dot = strchr(p, '.');
        size_t sl = dot ? (size_t)(dot - p) : strlen(p);
        if (sl == 0 || sl >= sizeof seg) return NULL;
        memcpy(seg, p, sl);
        seg[sl] = '\0';
        if (n->kind == YT_SEQ && strspn(seg, "0123456789") == sl) {
            /* "panels.2.width": a list item by index */
            size_t i = 0;
            for (size_t k = 0; k < sl && i <= n->n; k++) i = i * 10 + (size_t)(seg[k] - '0');
            n = i < n->n ? n->vals[i] : NULL;
        } else {
            n = yt_get(n, seg);
        }
        if (!dot) return n;
        p = dot + 1;
    }
    return NULL;
}
