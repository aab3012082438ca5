/* source.c — a content file: bytes -> validated front matter + body.
 *
 * Bytes are cleaned before anything counts lines (BOM removed, CRLF and lone
 * CR turned into LF), so every later line:col is the line an editor shows.
 */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const source_known_keys[] = {
    "title",  "subtitle", "format",  "audience", "layout",      "lang", "summary", "reviewed", "review-by",
    "version", "source",  "picture", "picture-alt", "fit",      "sides", "contacts", "words", "topics",
    "ages",
};
const size_t source_nknown_keys = sizeof source_known_keys / sizeof source_known_keys[0];

/* What each key means, in the order above: README.md's table is written
 * from this (leafpress keys), so the documentation cannot drift from the
 * parser. */
const lp_key_help source_key_help[] = {
    {"title", true, "What is child sexual abuse?", "The document's title, on its cover or first page and in the PDF's properties."},
    {"subtitle", false, "Know the definitions.", "A line under the title."},
    {"format", true, "one-minute-guide", "The format: a layout in layouts/ names it, and leafpress new lists them all."},
    {"audience", true, "families", "The readers: a theme in layouts/themes/ (its file name), which sets the look, the reading checks and the folder it is built into."},
    {"layout", false, "one-minute-guide-justified", "Another layout of the same format: a file in layouts/ without .yaml."},
    {"lang", false, "en-GB", "The language of the text (default en-GB)."},
    {"summary", false, "Definitions of CSA and where to take a concern.", "One sentence: the PDF's subject and the download page's description."},
    {"reviewed", false, "2026-11-01", "When the content was last checked (YYYY-MM-DD)."},
    {"review-by", false, "2027-11-01", "When it must be checked again; after reviewed. leafpress check warns when it has passed."},
    {"version", false, "\"1.0\"", "The edition, printed in the footer."},
    {"source", false, "https://www.example.org/safeguarding/...", "The web page the content comes from: its QR code and short link."},
    {"picture", false, "icon:shield-check", "A cover picture: icon:<Lucide name> or a PNG beside the document."},
    {"picture-alt", false, "A shield", "What the cover picture shows, for screen readers."},
    {"fit", false, "shrink", "shrink: a one-minute guide that overflows is set a little smaller instead of failing."},
    {"sides", false, "2", "A one-minute guide on 1 or 2 sides (default 1)."},
    {"contacts", false, "[mash, cscp, emergency]", "Keys of content/contacts.yaml for the contacts strip or back page, in order."},
    {"words", false, "{grooming: ...}", "Easy read: hard words and what they mean, one per line."},
    {"topics", false, "[grooming, online safety]", "What the document is about: shown on its card, searched and filtered on the download page."},
    {"ages", false, "11-17", "The ages of the children or young people it is for or about (youngest-oldest, 0 to 25): the download page's age filter."},
};
_Static_assert(sizeof source_key_help / sizeof source_key_help[0] ==
                   sizeof source_known_keys / sizeof source_known_keys[0],
               "every front-matter key has its help");

/* ------------------------------------------------------------ reading */

/* In place: drops a UTF-8 BOM and turns CRLF and lone CR into LF. */
static size_t normalise(char *t, size_t len)
{
    size_t r = 0, w = 0;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) r = 3;
    for (; r < len; r++) {
        if (t[r] == '\r') {
            t[w++] = '\n';
            if (r + 1 < len && t[r + 1] == '\n') r++;
        } else {
            t[w++] = t[r];
        }
    }
    t[w] = '\0';
    return w;
}

/* Is the line at p (up to '\n' or end) exactly mark, give or take trailing blanks? */
static bool is_fence(const char *p, const char *end, const char *mark)
{
    size_t ml = strlen(mark);
    if ((size_t)(end - p) < ml || memcmp(p, mark, ml) != 0) return false;
    for (p += ml; p < end && *p != '\n'; p++)
        if (*p != ' ' && *p != '\t') return false;
    return true;
}

/* In place, on valid UTF-8: rejects forbidden characters (with the line and
 * column an editor shows) and drops invisible ones.  Returns the new length,
 * or (size_t)-1 after an error. */
static size_t clean_text(char *t, size_t len, const char *path, lp_diag *d)
{
    size_t r = 0, w = 0;
    while (r < len) {
        uint32_t cp = (unsigned char)t[r];
        /* Printable ASCII, tab and newline are neither forbidden nor
         * invisible: the most of every file, copied only once a character
         * has been dropped. */
        if ((cp >= 0x20 && cp < 0x7F) || cp == '\n' || cp == '\t') {
            if (w != r) t[w] = (char)cp;
            w++, r++;
            continue;
        }
        int n = 1;
        if (cp >= 0x80) n = utf8_decode(t + r, len - r, &cp);
        if (n <= 0) n = 1; /* cannot happen after utf8_check; never loop */
        const char *bad = yt_forbidden_char(cp);
        if (bad) {
            int line, col;
            text_line_col(t, r, 1, &line, &col);
            diag_error(d, path, line, col,
                       "delete it; it is often invisible and comes from pasting from Word or a web page",
                       "%s U+%04X is not allowed in a content file", bad, (unsigned)cp);
            return (size_t)-1;
        }
        if (!yt_invisible_char(cp)) {
            if (w != r) memmove(t + w, t + r, (size_t)n);
            w += (size_t)n;
        }
        r += (size_t)n;
    }
    t[w] = '\0';
    return w;
}

static int source_split(lp_arena *a, const char *path, char *t, size_t len, lp_source *out, lp_diag *d);

int source_load(lp_arena *a, const char *path, lp_source *out, lp_diag *d)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    size_t len = 0;
    char *t = yt_read_file(a, path, SRC_MAX_BYTES, &len, d);
    if (!t) return -1;
    return source_split(a, path, t, len, out, d);
}

int source_from_bytes(lp_arena *a, const char *path, const char *bytes, size_t len, lp_source *out,
                      lp_diag *d)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    if (len > SRC_MAX_BYTES) {
        diag_error(d, path, 0, 0, "split it or remove what is not needed", "file is larger than %zu bytes",
                   (size_t)SRC_MAX_BYTES);
        return -1;
    }
    return source_split(a, path, arena_strndup(a, bytes ? bytes : "", len), len, out, d);
}

/* Checks the text t (len bytes, in the arena, changed in place) and
 * splits it into front matter and body. */
static int source_split(lp_arena *a, const char *path, char *t, size_t len, lp_source *out, lp_diag *d)
{
    /* Word's "Unicode" text starts with a UTF-16 byte-order mark (FF FE or
     * FE FF); naming it beats "NUL byte" at the first ASCII letter. */
    if (len >= 2 && ((unsigned char)t[0] == 0xFF || (unsigned char)t[0] == 0xFE) &&
        ((unsigned char)t[1] ^ (unsigned char)t[0]) == 0x01) {
        diag_error(d, path, 1, 1, "save it as UTF-8: in Word, Save As > Plain Text > Unicode UTF-8",
                   "the file is UTF-16, not UTF-8");
        return -1;
    }
    len = normalise(t, len);

    int line, col;
    const char *nul = memchr(t, '\0', len);
    if (nul) {
        text_line_col(t, (size_t)(nul - t), 1, &line, &col);
        diag_error(d, path, line, col, "the file may be binary or UTF-16; save it as UTF-8 text",
                   "NUL byte in content file");
        return -1;
    }
    size_t bad = utf8_check(t, len);
    if (bad < len) {
        text_line_col(t, bad, 1, &line, &col);
        diag_error(d, path, line, col, "save the file as UTF-8", "invalid UTF-8 (byte 0x%02X)",
                   (unsigned)(unsigned char)t[bad]);
        return -1;
    }
    len = clean_text(t, len, path, d);
    if (len == (size_t)-1) return -1;
    out->text = t;
    out->len = len;

    const char *end = t + len;
    if (!is_fence(t, end, "---")) {
        diag_error(d, path, 1, 1, "start the file with a line '---', then title, format and audience, then '---'",
                   "missing front matter");
        return -1;
    }
    const char *fm = memchr(t, '\n', len);
    fm = fm ? fm + 1 : end;
    const char *close = NULL;
    int close_line = 2;
    for (const char *p = fm; p < end; close_line++) {
        if ((size_t)(p - fm) > SRC_MAX_FRONT_BYTES) {
            diag_error(d, path, 1, 1, "keep the front matter to the keys it needs",
                       "front matter is longer than %u bytes", SRC_MAX_FRONT_BYTES);
            return -1;
        }
        if (is_fence(p, end, "---") || is_fence(p, end, "...")) {
            close = p;
            break;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    if (!close) {
        diag_error(d, path, 1, 1, "end the front matter with a line '---'", "front matter is not closed");
        return -1;
    }
    const char *nl = memchr(close, '\n', (size_t)(end - close));
    out->body = nl ? nl + 1 : end;
    out->body_len = (size_t)(end - out->body);
    out->body_line = close_line + 1;

    out->front = yt_parse(a, fm, (size_t)(close - fm), path, 2, d);
    if (!out->front) return -1;
    if (out->front->kind != YT_MAP) {
        diag_error(d, path, out->front->line, out->front->col, "write one 'key: value' a line",
                   "front matter must be a map of keys");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------- validation */

typedef struct checker {
    lp_arena *a;
    lp_diag *d;
    const char *file;
} checker;

static const char *kind_name(const yt_node *n)
{
    return n->kind == YT_MAP ? "a map" : n->kind == YT_SEQ ? "a list" : "a value";
}

static bool is_null(const yt_node *n)
{
    return n->kind == YT_SCALAR && !n->quoted &&
           (n->len == 0 || strcmp(n->scalar, "~") == 0 || strcmp(n->scalar, "null") == 0);
}

/* A non-empty scalar, or NULL after an error at the value. */
static const char *text_value(checker *c, const char *key, const yt_node *v)
{
    if (v->kind != YT_SCALAR) {
        diag_error(c->d, c->file, v->line, v->col, "write it on one line after the key",
                   "'%s' must be text, not %s", key, kind_name(v));
        return NULL;
    }
    /* A quoted empty or blank value ('' or "  ") is as empty as none: a
     * title of spaces would make a leaflet and a PDF with no title. */
    bool blank = true;
    for (const char *p = v->scalar; blank && p && *p; p++) blank = *p == ' ' || *p == '\t';
    if (is_null(v) || blank) {
        diag_error(c->d, c->file, v->line, v->col, "give it a value or delete the line", "'%s' is empty", key);
        return NULL;
    }
    return v->scalar;
}

/* "a, b or c" into buf. */
static void list_names(char *buf, size_t size, const char *const *names, size_t n)
{
    buf[0] = 0;
    for (size_t i = 0; i < n; i++) {
        strncat(buf, i == 0 ? "" : i + 1 == n ? " or " : ", ", size - strlen(buf) - 1);
        strncat(buf, names[i], size - strlen(buf) - 1);
    }
}

/* "unknown <key> 's'" at line:col, with the closest name or the choices. */
static void unknown_choice(lp_diag *d, const char *file, int line, int col, const char *key, const char *s,
                           const char *const *names, size_t n)
{
    const char *near = lp_closest(s, names, n);
    if (near) {
        char hint[96];
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        diag_error(d, file, line, col, hint, "unknown %s '%s'", key, s);
    } else {
        char hint[256] = "use one of:";
        for (size_t i = 0; i < n; i++) {
            strncat(hint, i ? ", " : " ", sizeof hint - strlen(hint) - 1);
            strncat(hint, names[i], sizeof hint - strlen(hint) - 1);
        }
        diag_error(d, file, line, col, hint, "unknown %s '%s'", key, s);
    }
}

static int enum_value(checker *c, const char *key, const yt_node *v, const char *const *names, size_t n)
{
    const char *s = text_value(c, key, v);
    if (!s) return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) return (int)i;
    unknown_choice(c->d, c->file, v->line, v->col, key, s, names, n);
    return -1;
}

/* Words authors write for a key under another name ("for: families"); the
 * spelling suggestion would offer a key of similar letters ('fit') instead. */
static const char *key_synonym(const char *k)
{
    static const char *const syn[][2] = {
        {"for", "audience"},   {"readers", "audience"}, {"reader", "audience"}, {"audiences", "audience"},
        {"type", "format"},    {"kind", "format"},      {"name", "title"},      {"heading", "title"},
        {"language", "lang"},
    };
    for (size_t i = 0; i < sizeof syn / sizeof syn[0]; i++)
        if (syn[i][1] && strcmp(k, syn[i][0]) == 0) return syn[i][1];
    return NULL;
}

int source_check_audience(const lp_meta *m, const char *file, const char *const *names, size_t n,
                          lp_diag *d)
{
    if (!m->audience) return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(m->audience, names[i]) == 0) return 0;
    unknown_choice(d, file, m->audience_line, m->audience_col, "audience", m->audience, names, n);
    return -1;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static const char *date_value(checker *c, const char *key, const yt_node *v)
{
    const char *s = text_value(c, key, v);
    if (!s) return NULL;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool shape = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) shape = false;
    if (shape) {
        int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
        int dim = m >= 1 && m <= 12 ? mdays[m - 1] + (m == 2 && leap(y)) : 0;
        if (y >= 1900 && dd >= 1 && dd <= dim) return s;
    }
    diag_error(c->d, c->file, v->line, v->col, "write a real date as YYYY-MM-DD, e.g. 2026-11-01",
               "'%s' is not a valid date: '%s'", key, s);
    return NULL;
}

/* BCP 47 in outline: a 2-3 letter language, then subtags of 1-8 letters or
 * digits ("en-GB", "cy", "zh-Hant-TW", "es-419"). */
static bool looks_like_lang(const char *s)
{
    size_t i = 0;
    while (s[i] && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) i++;
    if (i < 2 || i > 3) return false;
    while (s[i] == '-') {
        size_t j = ++i;
        while (s[i] && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                        (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i == j || i - j > 8) return false;
    }
    return s[i] == '\0';
}

static bool looks_like_url(const char *s)
{
    const char *host = strncmp(s, "https://", 8) == 0 ? s + 8 : strncmp(s, "http://", 7) == 0 ? s + 7 : NULL;
    if (!host || !*host || *host == '/' || *host == '.') return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') return false;
    return true;
}

static bool is_icon_name(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return false;
    return true;
}

static const char *picture_value(checker *c, const yt_node *v)
{
    const char *s = text_value(c, "picture", v);
    if (!s) return NULL;
    if (strncasecmp(s, "icon:", 5) == 0) {
        s = arena_printf(c->a, "icon:%s", s + 5); /* ICON:x is icon:x from here on */
        if (is_icon_name(s + 5)) return s;
        diag_error(c->d, c->file, v->line, v->col, "write a Lucide icon name, e.g. icon:shield-check",
                   "bad icon name in 'picture': '%s'", s);
        return NULL;
    }
    bool dotdot = strcmp(s, "..") == 0 || strncmp(s, "../", 3) == 0 || strstr(s, "/../") ||
                  (strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "/..") == 0);
    if (s[0] == '/' || strstr(s, "://") || dotdot || strchr(s, '\\')) {
        diag_error(c->d, c->file, v->line, v->col,
                   "use 'icon:<name>' or a path below the content file's folder",
                   "'picture' must be an icon or a relative path inside the project: '%s'", s);
        return NULL;
    }
    return s;
}

static void contacts_value(checker *c, const yt_node *v, lp_meta *m)
{
    if (v->kind != YT_SEQ) {
        diag_error(c->d, c->file, v->line, v->col, "write a list of keys, e.g. contacts: [mash, cscp]",
                   "'contacts' must be a list, not %s", kind_name(v));
        return;
    }
    m->contacts = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof *m->contacts);
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *k = v->vals[i];
        const char *s = text_value(c, "contacts", k);
        if (!s) continue;
        /* Keys are lower case in contacts.yaml: "MASH" is "mash", here once. */
        char *key = arena_strdup(c->a, s);
        for (char *p = key; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        const lp_keyref *dup = NULL;
        for (size_t j = 0; j < m->ncontacts && !dup; j++)
            if (strcmp(m->contacts[j].key, key) == 0) dup = &m->contacts[j];
        if (dup) {
            diag_error(c->d, c->file, k->line, k->col, "list each contact once",
                       "contact '%s' is listed twice in 'contacts' (first at line %d)", key, dup->line);
            continue;
        }
        m->contacts[m->ncontacts++] = (lp_keyref){.key = key, .line = k->line, .col = k->col};
    }
}

static void words_value(checker *c, const yt_node *v, lp_meta *m)
{
    if (v->kind != YT_MAP) {
        diag_error(c->d, c->file, v->line, v->col, "write one 'word: its meaning' a line under 'words:'",
                   "'words' must be a map, not %s", kind_name(v));
        return;
    }
    m->words = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof *m->words);
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *k = v->keys[i];
        const char *meaning = text_value(c, k->scalar, v->vals[i]);
        if (!meaning) continue;
        if (k->len == 0) {
            diag_error(c->d, c->file, k->line, k->col, "write the hard word before the ':'", "empty word in 'words'");
            continue;
        }
        m->words[m->nwords++] = (lp_word){k->scalar, meaning, k->line, k->col};
    }
}

#define SRC_MAX_SOURCE 400
#define SRC_MAX_TOPICS 8
#define SRC_MAX_TOPIC_BYTES 40
#define SRC_MAX_AGE 25

static void topics_value(checker *c, const yt_node *v, lp_meta *m)
{
    if (v->kind != YT_SEQ) {
        diag_error(c->d, c->file, v->line, v->col, "write a list, e.g. topics: [grooming, online safety]",
                   "'topics' must be a list, not %s", kind_name(v));
        return;
    }
    if (v->n > SRC_MAX_TOPICS) {
        diag_error(c->d, c->file, v->line, v->col, "keep the few a reader would look for",
                   "'topics' has %zu entries (at most %d)", v->n, SRC_MAX_TOPICS);
        return;
    }
    m->topics = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof *m->topics);
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *t = v->vals[i];
        const char *s = text_value(c, "topics", t);
        if (!s) continue;
        if (strlen(s) > SRC_MAX_TOPIC_BYTES) {
            diag_error(c->d, c->file, t->line, t->col, "a topic is a word or two, e.g. online safety",
                       "topic '%s' is longer than %d bytes", s, SRC_MAX_TOPIC_BYTES);
            continue;
        }
        bool dup = false;
        for (size_t j = 0; j < m->ntopics && !dup; j++) dup = strcasecmp(m->topics[j], s) == 0;
        if (dup) {
            diag_error(c->d, c->file, t->line, t->col, "delete the second one", "topic '%s' is listed twice", s);
            continue;
        }
        m->topics[m->ntopics++] = s;
    }
}

/* "11-17": the youngest and oldest age, whole years. */
static void ages_value(checker *c, const yt_node *v, lp_meta *m)
{
    const char *s = text_value(c, "ages", v);
    if (!s) return;
    int lo = -1, hi = -1, n = 0;
    bool shape = sscanf(s, "%3d-%3d%n", &lo, &hi, &n) == 2 && s[n] == '\0' && s[0] >= '0' && s[0] <= '9';
    for (const char *p = s; shape && *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '-')) shape = false;
    if (!shape || lo < 0 || hi > SRC_MAX_AGE || lo > hi) {
        diag_error(c->d, c->file, v->line, v->col,
                   "write the youngest and oldest age in years, from 0 to 25, e.g. ages: 11-17",
                   "'ages' is not an age range: '%s'", s);
        return;
    }
    m->age_min = lo;
    m->age_max = hi;
}

static void missing(checker *c, const char *key, const char *hint)
{
    diag_error(c->d, c->file, 1, 1, hint, "front matter has no '%s'", key);
}

int source_meta(lp_arena *a, const lp_source *src, lp_meta *m, lp_diag *d)
{
    memset(m, 0, sizeof *m);
    m->lang = "en-GB";
    m->sides = 1;
    m->age_min = m->age_max = -1;
    checker c = {a, d, src->path};
    int before = d->errors;
    const yt_node *fm = src->front;
    if (!fm || fm->kind != YT_MAP) {
        diag_error(d, src->path, 1, 1, NULL, "front matter must be a map of keys");
        return -1;
    }
    int fmt = -1, aud = -1;
    const yt_node *reviewed = NULL, *review_by = NULL, *words = NULL;
    for (size_t i = 0; i < fm->n; i++) {
        const yt_node *kn = fm->keys[i], *v = fm->vals[i];
        const char *k = kn->scalar;
        if (strcmp(k, "title") == 0) {
            m->title = text_value(&c, k, v);
            m->title_line = kn->line;
        } else if (strcmp(k, "subtitle") == 0) {
            m->subtitle = text_value(&c, k, v);
            m->subtitle_line = v->line;
            m->subtitle_col = v->col;
        } else if (strcmp(k, "format") == 0) {
            fmt = enum_value(&c, k, v, lp_format_names, FMT__COUNT);
            if (fmt < 0) fmt = -2;
        } else if (strcmp(k, "audience") == 0) {
            m->audience_line = v->line;
            m->audience_col = v->col;
            const char *s = text_value(&c, k, v);
            aud = -2;
            if (s && !is_icon_name(s))
                diag_error(d, src->path, v->line, v->col,
                           "an audience is the name of a theme in layouts/themes/ without '.yaml'",
                           "bad audience name '%s'", s);
            else if (s) {
                m->audience = s;
                aud = 0;
            }
        } else if (strcmp(k, "layout") == 0) {
            m->layout_line = v->line;
            m->layout_col = v->col;
            const char *s = text_value(&c, k, v);
            if (s && !is_icon_name(s))
                diag_error(d, src->path, v->line, v->col, "a layout name is the name of a file in layouts/ without '.yaml'",
                           "bad layout name '%s'", s);
            else
                m->layout = s;
        } else if (strcmp(k, "lang") == 0) {
            const char *s = text_value(&c, k, v);
            if (s && !looks_like_lang(s))
                diag_error(d, src->path, v->line, v->col, "write a language tag such as en-GB or cy",
                           "'lang' is not a language tag: '%s'", s);
            else if (s)
                m->lang = s;
        } else if (strcmp(k, "summary") == 0) {
            m->summary = text_value(&c, k, v);
        } else if (strcmp(k, "reviewed") == 0) {
            m->reviewed = date_value(&c, k, v);
            reviewed = v;
        } else if (strcmp(k, "review-by") == 0) {
            m->review_by = date_value(&c, k, v);
            review_by = v;
        } else if (strcmp(k, "version") == 0) {
            m->version = text_value(&c, k, v);
        } else if (strcmp(k, "source") == 0) {
            const char *s = text_value(&c, k, v);
            if (s && !looks_like_url(s))
                diag_error(d, src->path, v->line, v->col, "write the full address, starting https://",
                           "'source' must be an http or https URL: '%s'", s);
            else if (s && strlen(s) > SRC_MAX_SOURCE)
                /* Its QR code would have modules too small to scan: at 500
                 * bytes the smallest code (17 mm) still reads at 300 dpi, at
                 * 800 it does not; over 2000 it could not be made at all. */
                diag_error(d, src->path, v->line, v->col, "link to a shorter address for the same page",
                           "'source' is %zu characters: its QR code would be too dense to scan (at most %d)",
                           strlen(s), SRC_MAX_SOURCE);
            else
                m->source = s, m->source_line = v->line, m->source_col = v->col;
        } else if (strcmp(k, "picture") == 0) {
            m->picture = picture_value(&c, v);
            m->picture_line = v->line;
            m->picture_col = v->col;
        } else if (strcmp(k, "picture-alt") == 0) {
            m->picture_alt = text_value(&c, k, v);
        } else if (strcmp(k, "fit") == 0) {
            static const char *const fits[] = {"shrink"};
            if (enum_value(&c, k, v, fits, 1) == 0) m->fit = fits[0];
        } else if (strcmp(k, "sides") == 0) {
            const char *s = text_value(&c, k, v);
            if (s && v->quoted == false && (strcmp(s, "1") == 0 || strcmp(s, "2") == 0))
                m->sides = s[0] - '0';
            else if (s)
                diag_error(d, src->path, v->line, v->col, "a one-minute guide has 1 or 2 sides",
                           "'sides' must be 1 or 2, not '%s'", s);
        } else if (strcmp(k, "contacts") == 0) {
            contacts_value(&c, v, m);
        } else if (strcmp(k, "words") == 0) {
            words_value(&c, v, m);
            words = kn;
        } else if (strcmp(k, "topics") == 0) {
            topics_value(&c, v, m);
        } else if (strcmp(k, "ages") == 0) {
            ages_value(&c, v, m);
        } else {
            const char *near = key_synonym(k);
            if (!near) near = lp_closest(k, source_known_keys, source_nknown_keys);
            char hint[96];
            if (near)
                snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else
                snprintf(hint, sizeof hint, "see the content file format in README.md");
            diag_error(d, src->path, kn->line, kn->col, hint, "unknown front-matter key '%s'", k);
        }
    }
    if (!m->title && m->title_line == 0) missing(&c, "title", "add a line 'title: ...'");
    if (fmt == -1) {
        char names[160], hint[200];
        list_names(names, sizeof names, lp_format_names, FMT__COUNT);
        snprintf(hint, sizeof hint, "add 'format:' with %s", names);
        missing(&c, "format", hint);
    }
    if (aud == -1) missing(&c, "audience", "add 'audience:' with the name of a theme in layouts/themes/");
    if (fmt >= 0) m->format = (lp_format)fmt;
    /* Only easy read prints the words' meanings (in a word box beside the
     * row that uses them): in any other format they would be lost. */
    if (fmt >= 0 && fmt != FMT_EASYREAD && words && m->nwords)
        diag_error(d, src->path, words->line, words->col,
                   "explain a hard word in the text where it is used, or remove 'words:'",
                   "'words' is read only by easy read: this %s would print none of their meanings",
                   lp_format_names[fmt]);
    if (m->reviewed && m->review_by && strcmp(m->review_by, m->reviewed) <= 0)
        diag_error(d, src->path, review_by->line, review_by->col, "review-by comes after reviewed",
                   "'review-by' (%s) is not after 'reviewed' (%s, line %d)", m->review_by, m->reviewed,
                   reviewed->line);
    return d->errors > before ? -1 : 0;
}
