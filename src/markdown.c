/* markdown.c — the body of a content file -> the document model.
 *
 * cmark parses; this file walks its tree once, refuses what a leaflet must
 * not contain (raw HTML, unsafe links, images without alt text, code), turns
 * the fenced directives into blocks and resolves {{contact:...}} against
 * contacts.yaml.  Every block and inline keeps the line:col in the .md file
 * it came from, so an author is sent to the exact character.
 *
 * This is the only file that includes <cmark.h>.
 */
#include <cmark.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "picture.h"

/* A text handed to cmark: the body, or a directive's body.  cmark numbers
 * the lines of the text it is given from 1 and counts columns in bytes; a
 * span maps those back to the file (lines shifted, columns in code points). */
typedef struct span {
    const char *text;
    size_t len;
    size_t *starts; /* byte offset of each line's first byte */
    size_t nlines;
    int line_off; /* file line = cmark line + line_off */
    int col_off;  /* file column = column in text + col_off */
} span;

typedef struct md {
    lp_arena *a;
    const char *file;
    const lp_contacts *contacts;
    lp_diag *d;
    int errors;
    int in_quote; /* block quotes around the block being read */
    const char *audience; /* whose words a contact's note is in */
    /* A paragraph's inlines pass through five vectors on their way to the
     * block: they grow here, emptied for each paragraph, and only the last
     * is copied into the document (in a booklet the copies left behind
     * were a megabyte). */
    lp_arena *scratch;
} md;

typedef LP_VEC(lp_inline) inline_vec;
typedef LP_VEC(lp_block) block_vec;

static const char *const directive_names[] = {"callout", "definition", "contacts"};
static const char *const contact_fields[] = {"name", "short-name", "phone", "email", "url",
                                             "site", "link", "hours", "note"};
#define NELEM(x) (sizeof(x) / sizeof *(x))

#define NBSP "\xC2\xA0"

/* ------------------------------------------------------------- helpers */

static void fail(md *m, int line, int col, const char *hint, const char *fmt, ...) LP_PRINTF(5, 6);

/* Past MD_MAX_ERRORS an author learns nothing new, and a hostile file with
 * a million mistakes must not cost a million suggestions: later errors are
 * only counted. */
static void fail(md *m, int line, int col, const char *hint, const char *fmt, ...)
{
    if (m->errors++ >= MD_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(m->d, LP_ERROR, m->file, line, col, hint, fmt, ap);
    va_end(ap);
}

/* lp_closest, skipped once errors are no longer shown. */
static const char *closest(md *m, const char *word, const char *const *cands, size_t n)
{
    return m->errors >= MD_MAX_ERRORS ? NULL : lp_closest(word, cands, n);
}

static const char *did_you_mean(md *m, const char *guess)
{
    return guess ? arena_printf(m->a, "did you mean '%s'?", guess) : NULL;
}

static bool streq_null(const char *x, const char *y)
{
    if (!x || !y)
        return x == y;
    return strcmp(x, y) == 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

static bool has_prefix_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (lower(*s) != *prefix)
            return false;
    return true;
}

static int count_cps(const char *s, size_t n)
{
    int cps = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cps++;
    return cps;
}

/* A printed address is shorter without its scheme and trailing slash. */
static const char *url_display(lp_arena *a, const char *url)
{
    const char *p = url;
    if (has_prefix_ci(p, "https://"))
        p += 8;
    else if (has_prefix_ci(p, "http://"))
        p += 7;
    size_t n = strlen(p);
    if (n > 1 && p[n - 1] == '/')
        n--;
    return arena_strndup(a, p, n);
}

/* ---------------------------------------------------------------- spans */

static void span_init(md *m, span *s, const char *text, size_t len, int line_off, int col_off)
{
    s->text = text;
    s->len = len;
    s->line_off = line_off;
    s->col_off = col_off;
    s->nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            s->nlines++;
    s->starts = arena_alloc(m->a, s->nlines * sizeof *s->starts);
    size_t k = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            s->starts[k++] = i + 1;
}

static size_t span_line_end(const span *s, size_t idx)
{
    return idx + 1 < s->nlines ? s->starts[idx + 1] - 1 : s->len;
}

/* File line:col of cmark's (line, byte column) in s. */
static void span_pos(const span *s, int cline, int ccol, int *line, int *col)
{
    *line = cline > 0 ? cline + s->line_off : 0;
    *col = 0;
    if (cline < 1 || ccol < 1)
        return;
    if ((size_t)cline > s->nlines) {
        *col = ccol + s->col_off;
        return;
    }
    size_t start = s->starts[cline - 1], end = span_line_end(s, (size_t)cline - 1);
    size_t n = (size_t)ccol - 1;
    if (n > end - start)
        n = end - start;
    *col = count_cps(s->text + start, n) + 1 + s->col_off;
}

static void node_pos(const span *s, cmark_node *n, int *line, int *col)
{
    span_pos(s, cmark_node_get_start_line(n), cmark_node_get_start_column(n), line, col);
}

/* A place on a source line, for finding the placeholders of a run: cmark
 * has no positions inside a text node, and its literal is not the source
 * (entities, smart quotes), so the source line itself is searched. */
typedef struct cursor {
    size_t p, end; /* byte offset in the span's text; end of the line */
    int col;       /* file column of p */
    bool ok;       /* false when the line is not in the span */
} cursor;

static cursor cursor_at(const span *s, int line, int col)
{
    cursor c = {0, 0, col, false};
    int cline = line - s->line_off;
    if (cline < 1 || (size_t)cline > s->nlines)
        return c;
    c.p = s->starts[cline - 1];
    c.end = span_line_end(s, (size_t)cline - 1);
    for (int skip = col - 1 - s->col_off; skip > 0 && c.p < c.end; skip--) {
        c.p++;
        while (c.p < c.end && ((unsigned char)s->text[c.p] & 0xC0) == 0x80)
            c.p++;
    }
    c.ok = true;
    return c;
}

/* Moves c to the next needle on its line and returns its column, or
 * fallback when there is none. */
static int cursor_next(const span *s, cursor *c, const char *needle, int fallback)
{
    if (!c->ok)
        return fallback;
    size_t nl = strlen(needle);
    for (size_t p = c->p; p + nl <= c->end; p++) {
        if (memcmp(s->text + p, needle, nl) == 0) {
            c->col += count_cps(s->text + c->p, p - c->p);
            c->p = p;
            int col = c->col;
            c->p += nl;
            c->col += count_cps(needle, nl);
            return col;
        }
    }
    c->ok = false;
    return fallback;
}

/* ------------------------------------------------------------- inlines */

/* Text after cmark has decoded entities: "&#x202E;" is as bad as the
 * character itself.  Forbidden characters are an error at (line, col);
 * invisible ones are dropped.  Returns the text to keep (an arena copy when
 * anything changed). */
static const char *clean(md *m, const char *t, int line, int col)
{
    if (!t)
        return t;
    size_t len = strlen(t);
    char *out = NULL;
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        uint32_t cp = (unsigned char)t[r];
        int n = cp < 0x80 ? 1 : utf8_decode(t + r, len - r, &cp);
        if (n <= 0) /* cmark hands back valid UTF-8; step one byte if not */
            n = 1;
        const char *bad = yt_forbidden_char(cp);
        if (bad)
            fail(m, line, col, "remove the character or the entity that makes it", "%s U+%04X is not allowed", bad,
                 (unsigned)cp);
        /* cmark turns &#0;, a surrogate or an out-of-range reference into
         * U+FFFD: in a leaflet that is always a mistake (or a damaged file). */
        if (cp == 0xFFFD) {
            bad = "replacement character";
            fail(m, line, col, "remove the &#0; or other invalid character reference, or retype the character",
                 "NUL or invalid character reference (U+FFFD) is not allowed");
        }
        bool drop = bad || yt_invisible_char(cp);
        if (drop && !out) {
            out = arena_alloc(m->a, len + 1);
            memcpy(out, t, r);
            w = r;
        }
        if (!drop && out) {
            memcpy(out + w, t + r, (size_t)n);
            w += (size_t)n;
        } else if (!drop) {
            w += (size_t)n;
        }
        r += (size_t)n;
    }
    if (!out)
        return t;
    out[w] = '\0';
    return out;
}

static lp_inline *push_inline(md *m, inline_vec *v, lp_inline_kind kind, unsigned style, const char *text,
                              const char *url, int line, int col)
{
    lp_inline in = {.kind = kind, .style = style, .text = text, .url = url, .line = line, .col = col};
    VEC_PUSH(m->scratch, *v, in);
    return &v->v[v->n - 1];
}

static bool mergeable(const lp_inline *x, const lp_inline *y)
{
    return x->kind == IN_TEXT && y->kind == IN_TEXT && !x->nobreak && !y->nobreak && x->style == y->style &&
           streq_null(x->url, y->url) && streq_null(x->contact, y->contact) &&
           streq_null(x->lang, y->lang);
}

/* cmark splits text at punctuation and smart quotes, and substitution
 * splits it again; a run is one style, so neighbours that agree are joined
 * (in one pass, so a long paragraph costs linear time). */
static void merge_runs(md *m, const inline_vec *in, inline_vec *out)
{
    for (size_t i = 0; i < in->n;) {
        lp_inline run = in->v[i];
        size_t j = i + 1, len = strlen(run.text);
        while (j < in->n && mergeable(&run, &in->v[j]))
            len += strlen(in->v[j++].text);
        if (j > i + 1) {
            char *t = arena_alloc(m->a, len + 1), *o = t;
            for (size_t k = i; k < j; k++) {
                size_t n = strlen(in->v[k].text);
                memcpy(o, in->v[k].text, n);
                o += n;
            }
            run.text = t;
        }
        VEC_PUSH(m->scratch, *out, run);
        i = j;
    }
}

/* The scheme of a URL ("https"), or an empty span when it has none. */
static size_t url_scheme(const char *url)
{
    if (!is_alpha(url[0]))
        return 0;
    size_t i = 1;
    while (is_alpha(url[i]) || is_digit(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')
        i++;
    return url[i] == ':' ? i : 0;
}

static bool link_allowed(md *m, const char *url, int line, int col)
{
    static const char *const ok[] = {"https", "http", "tel", "mailto"};
    size_t n = url_scheme(url);
    if (n == 0) {
        fail(m, line, col, "links need a full address: https://, http://, tel: or mailto:",
             "link '%.80s' is not a full address", url);
        return false;
    }
    for (size_t i = 0; i < NELEM(ok); i++)
        if (strlen(ok[i]) == n && has_prefix_ci(url, ok[i]))
            return true;
    fail(m, line, col, "links may use https:, http:, tel: or mailto:", "link scheme '%.*s:' is not allowed",
         (int)(n > 40 ? 40 : n), url);
    return false;
}

/* A web or email address, which must never be broken across lines. */
static bool is_address(const char *w, size_t n)
{
    if (n >= 8 && (has_prefix_ci(w, "http://") || has_prefix_ci(w, "https://") || has_prefix_ci(w, "www.")))
        return true;
    const char *at = memchr(w, '@', n);
    return at && at != w && memchr(at, '.', n - (size_t)(at - w)) && !memchr(w, ' ', n);
}

/* Link text that is the address itself (an autolink, a typed URL or phone
 * number) is kept on one line. */
static bool link_text_is_address(lp_arena *a, const char *text, const char *url)
{
    size_t n = strlen(text);
    if (n == 0)
        return false;
    if ((is_address(text, n) && !memchr(text, ' ', n)) || strcmp(text, url) == 0 ||
        strcmp(text, url_display(a, url)) == 0)
        return true;
    if (!has_prefix_ci(url, "tel:"))
        return false;
    bool digit = false;
    for (const char *p = text; *p; p++) {
        if (is_digit(*p))
            digit = true;
        else if (*p != ' ' && *p != '+')
            return false;
    }
    return digit;
}

/* The alt text of an image: the text of its children, flattened.  Two
 * passes (measure, then copy) keep a long alt text linear. */
static const char *image_alt(md *m, cmark_node *img)
{
    char *alt = NULL;
    size_t len = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            alt = arena_alloc(m->a, len + 1);
        len = 0;
        cmark_iter *it = cmark_iter_new(img);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            const char *t = NULL;
            if (ev != CMARK_EVENT_ENTER)
                continue;
            switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                t = cmark_node_get_literal(n);
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                t = " ";
                break;
            default:
                break;
            }
            size_t n_t = t ? strlen(t) : 0;
            if (alt && n_t)
                memcpy(alt + len, t, n_t);
            len += n_t;
        }
        cmark_iter_free(it);
    }
    alt[len] = '\0';
    return alt;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (!is_space(*s))
            return false;
    return true;
}

static bool is_icon_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || is_digit(*s) || *s == '-'))
            return false;
    return true;
}

/* A picture file: found beside the content file, inside its folder once
 * symbolic links are followed, a regular file, and a PNG that decodes
 * completely within picture.h's limits (checked here, decoded again when
 * the PDF is drawn). */
static bool check_picture(md *m, const char *rel, int line, int col, unsigned *px_w, unsigned *px_h)
{
    lp_diag quiet;
    diag_init(&quiet);
    bool shown = m->errors < MD_MAX_ERRORS;
    const char *slash = strrchr(m->file, '/');
    const char *dir = slash ? arena_strndup(m->a, m->file, (size_t)(slash - m->file)) : ".";
    if (slash == m->file)
        dir = "/";
    bool ok = picture_load(dir, rel, m->file, line, col, NULL, px_w, px_h, shown ? m->d : &quiet) == 0;
    diag_free(&quiet);
    if (!ok)
        m->errors++;
    return ok;
}

static void add_image(md *m, cmark_node *n, inline_vec *v, unsigned style, int line, int col)
{
    const char *src = clean(m, cmark_node_get_url(n), line, col);
    const char *alt = clean(m, image_alt(m, n), line, col);
    bool ok = true;
    if (!src || !*src) {
        fail(m, line, col, "![what it means](icon:name) or ![what it means](picture.png)", "image has no source");
        ok = false;
    } else if (has_prefix_ci(src, "icon:")) {
        src = arena_printf(m->a, "icon:%s", src + 5); /* ICON:x and Icon:x are icon:x from here on */
        if (!is_icon_name(src + 5)) {
            fail(m, line, col, "icon names are Lucide names in lower case, e.g. icon:shield-check",
                 "bad icon name '%.60s'", src + 5);
            ok = false;
        }
    } else if (url_scheme(src) > 0) {
        fail(m, line, col, "use icon:<name> or a file path relative to the content file",
             "image source '%.80s' is not a local file", src);
        ok = false;
    } else if (src[0] == '/' || src[0] == '\\' || strstr(src, "..")) {
        fail(m, line, col, "use a path relative to the content file, inside the content folder",
             "image path '%.80s' must be relative and must not contain '..'", src);
        ok = false;
    }
    if (is_blank(alt)) {
        fail(m, line, col, "![what it means](...)", "image has no alt text");
        ok = false;
    }
    unsigned pw = 0, ph = 0;
    if (ok && !has_prefix_ci(src, "icon:"))
        ok = check_picture(m, src, line, col, &pw, &ph);
    if (ok) {
        lp_inline *img = push_inline(m, v, IN_IMAGE, style, alt, arena_strdup(m->a, src), line, col);
        img->px_w = pw;
        img->px_h = ph;
    }
}

static void walk_inlines(md *m, const span *s, cmark_node *parent, unsigned style, const char *url, int depth,
                         inline_vec *v)
{
    if (depth > MD_MAX_DEPTH) {
        int line, col;
        node_pos(s, parent, &line, &col);
        fail(m, line, col, "simplify the emphasis and links here",
             "inline nesting is deeper than %d levels", MD_MAX_DEPTH);
        return;
    }
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        int line, col;
        node_pos(s, n, &line, &col);
        if (line == 0 && v->n > 0) { /* cmark gives breaks no position */
            line = v->v[v->n - 1].line;
            col = v->v[v->n - 1].col;
        }
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            push_inline(m, v, IN_TEXT, style, arena_strdup(m->a, clean(m, cmark_node_get_literal(n), line, col)), url,
                        line, col);
            break;
        case CMARK_NODE_CODE:
            push_inline(m, v, IN_TEXT, style | IS_CODE, arena_strdup(m->a, clean(m, cmark_node_get_literal(n), line, col)), url, line,
                        col);
            break;
        case CMARK_NODE_SOFTBREAK:
            push_inline(m, v, IN_SOFTBREAK, style, " ", url, line, col);
            break;
        case CMARK_NODE_LINEBREAK:
            push_inline(m, v, IN_LINEBREAK, style, "", url, line, col);
            break;
        case CMARK_NODE_EMPH:
            walk_inlines(m, s, n, style | IS_ITALIC, url, depth + 1, v);
            break;
        case CMARK_NODE_STRONG:
            walk_inlines(m, s, n, style | IS_BOLD, url, depth + 1, v);
            break;
        case CMARK_NODE_LINK: {
            const char *target = clean(m, cmark_node_get_url(n), line, col);
            const char *u = link_allowed(m, target ? target : "", line, col) ? arena_strdup(m->a, target) : NULL;
            walk_inlines(m, s, n, style, u, depth + 1, v);
            break;
        }
        case CMARK_NODE_IMAGE:
            add_image(m, n, v, style, line, col);
            break;
        case CMARK_NODE_HTML_INLINE:
            fail(m, line, col, "use Markdown: **bold**, [text](https://...)", "raw HTML is not allowed");
            break;
        default:
            break;
        }
    }
}

/* A copy of t[0..n) in lower case: contact keys and fields are matched in
 * any case, here once. */
static char *lower_dup(md *m, const char *t, size_t n)
{
    char *out = arena_strndup(m->a, t, n);
    for (char *p = out; *p; p++)
        *p = lower(*p);
    return out;
}

/* An unknown contact key: an error, with a suggestion only for a tiny slip
 * (see contacts_suggest). */
static void unknown_contact(md *m, const char *key, int line, int col)
{
    const char *guess = m->contacts && m->errors < MD_MAX_ERRORS ? contacts_suggest(m->contacts, key) : NULL;
    const char *where = m->contacts && m->contacts->path
                            ? arena_printf(m->a, "contact keys are defined in %s", m->contacts->path)
                            : "contact keys are defined in content/contacts.yaml";
    fail(m, line, col, guess ? did_you_mean(m, guess) : where, "unknown contact '%.60s'", key);
}

/* {{contact:key}} and {{contact:key.field}}: the runs that replace one. */
static void expand_contact(md *m, const lp_inline *run, const char *ref, size_t reflen, int line, int col,
                           inline_vec *out)
{
    const char *dot = memchr(ref, '.', reflen);
    size_t klen = dot ? (size_t)(dot - ref) : reflen;
    char *key = lower_dup(m, ref, klen);
    const char *field = dot ? lower_dup(m, dot + 1, reflen - klen - 1) : NULL;
    const lp_contact *ct = m->contacts ? contacts_find(m->contacts, key) : NULL;
    if (!ct) {
        unknown_contact(m, key, line, col);
        return;
    }
    unsigned st = run->style;
    const char *phone = ct->phone;
    const char *tel = ct->tel ? ct->tel : (phone ? arena_printf(m->a, "tel:%s", phone) : NULL);
    if (!field) {
        push_inline(m, out, IN_TEXT, st | IS_BOLD, ct->name, run->url, line, col)->elsewhere = true;
        push_inline(m, out, IN_TEXT, st, " ", run->url, line, col)->elsewhere = true;
        lp_inline *num;
        if (phone)
            num = push_inline(m, out, IN_TEXT, st, phone, tel, line, col);
        else if (ct->email)
            num = push_inline(m, out, IN_TEXT, st, ct->email, arena_printf(m->a, "mailto:%s", ct->email), line, col);
        else if (ct->url)
            num = push_inline(m, out, IN_TEXT, st, url_display(m->a, ct->url), ct->url, line, col);
        else
            return;
        num->nobreak = true;
        num->contact = ct->key;
        num->elsewhere = true;
        return;
    }
    const char *text = NULL, *url = run->url;
    bool nobreak = false, known = true;
    if (strcmp(field, "phone") == 0) {
        text = phone, url = tel, nobreak = true;
    } else if (strcmp(field, "email") == 0) {
        text = ct->email, nobreak = true;
        url = text ? arena_printf(m->a, "mailto:%s", text) : NULL;
    } else if (strcmp(field, "url") == 0) {
        text = ct->url ? url_display(m->a, ct->url) : NULL, url = ct->url, nobreak = true;
    } else if (strcmp(field, "site") == 0) {
        /* The web site's name alone ("www.csacentre.org.uk"), linked to the
         * full address: a deep link too long for a printed line still
         * tells a reader where to look. */
        if (ct->url) {
            const char *host = strstr(ct->url, "://");
            host = host ? host + 3 : ct->url;
            text = arena_strndup(m->a, host, strcspn(host, "/?#"));
        }
        url = ct->url, nobreak = true;
    } else if (strcmp(field, "link") == 0) {
        /* The contact's name, linked to its web address. */
        text = ct->url ? ct->name : NULL, url = ct->url;
    } else if (strcmp(field, "name") == 0) {
        text = ct->name;
    } else if (strcmp(field, "short-name") == 0) {
        text = ct->short_name;
    } else if (strcmp(field, "hours") == 0) {
        text = ct->hours;
    } else if (strcmp(field, "note") == 0) {
        text = contacts_note(ct, m->audience); /* the reader's own words when there are some */
    } else {
        known = false;
    }
    if (!known) {
        const char *guess = closest(m, field, contact_fields, NELEM(contact_fields));
        fail(m, line, col, "fields are name, short-name, phone, email, url, site, link, hours, note",
             "unknown contact field '%.40s'%s", field,
             guess ? arena_printf(m->a, " (did you mean '%s'?)", guess) : "");
        return;
    }
    if (!text) {
        fail(m, line, col,
             arena_printf(m->a, "add it to %s or use another field",
                          m->contacts && m->contacts->path ? m->contacts->path : "content/contacts.yaml"),
             "contact '%s' has no %s", key, field);
        return;
    }
    lp_inline *in = push_inline(m, out, IN_TEXT, st, text, url, line, col);
    in->nobreak = nobreak;
    in->elsewhere = true; /* from contacts.yaml: line:col is the {{contact:...}} */
    /* Only a link target taken from the contact is the contact's. */
    if (url && url != run->url) in->contact = ct->key;
}

static void push_piece(md *m, inline_vec *out, const lp_inline *run, const char *text, size_t n, int line, int col)
{
    if (n == 0)
        return;
    lp_inline *in = push_inline(m, out, IN_TEXT, run->style, arena_strndup(m->a, text, n), run->url, line, col);
    in->nobreak = run->nobreak;
}

static void substitute_run(md *m, const span *s, const lp_inline *run, inline_vec *out)
{
    const char *p = run->text;
    int col = run->col;
    cursor c = cursor_at(s, run->line, run->col);
    for (;;) {
        const char *open = strstr(p, "{{");
        if (!open) {
            push_piece(m, out, run, p, strlen(p), run->line, col);
            return;
        }
        push_piece(m, out, run, p, (size_t)(open - p), run->line, col);
        int pcol = cursor_next(s, &c, "{{", run->col);
        const char *close = strstr(open + 2, "}}");
        if (!close) {
            fail(m, run->line, pcol, "write {{contact:key}} on one line", "unterminated '{{'");
            push_piece(m, out, run, open, strlen(open), run->line, pcol);
            return;
        }
        const char *inner = open + 2;
        size_t n = (size_t)(close - inner);
        if (n >= 8 && memcmp(inner, "contact:", 8) == 0)
            expand_contact(m, run, inner + 8, n - 8, run->line, pcol, out);
        else
            fail(m, run->line, pcol, "placeholders are {{contact:key}} and {{contact:key.field}}",
                 "unknown placeholder '{{%.*s}}'", (int)(n > 60 ? 60 : n), inner);
        p = close + 2;
        col = pcol + count_cps(open, (size_t)(p - open));
    }
}

/* A BCP 47 language tag as PDF's /Lang takes it: "cy", "pl", "pa-Guru". */
static bool lang_tag_ok(const char *t, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n && is_alpha(t[i])) i++;
    if (i < 2 || i > 3) return false;
    while (i < n) {
        if (t[i++] != '-') return false;
        for (k = 0; i < n && (is_alpha(t[i]) || is_digit(t[i])); i++) k++;
        if (k < 1 || k > 8) return false;
    }
    return true;
}

/* "[Croeso]{lang=cy}": the bracketed words are a passage in another
 * language, a run of its own carrying the tag (tagged /Lang in the PDF). */
static void lang_spans(md *m, const lp_inline *run, inline_vec *out)
{
    const char *p = run->text;
    int col = run->col;
    for (;;) {
        const char *mark = strstr(p, "]{lang=");
        if (!mark) {
            push_piece(m, out, run, p, strlen(p), run->line, col);
            return;
        }
        const char *open = mark;
        while (open > p && *open != '[') open--;
        int ocol = col + count_cps(p, (size_t)(open - p));
        int mcol = col + count_cps(p, (size_t)(mark - p));
        const char *tag = mark + 7, *close = strchr(tag, '}');
        if (*open != '[' || open + 1 == mark) {
            fail(m, run->line, mcol, "write [words]{lang=cy}, the words in one style",
                 "a language mark without its [words]");
            push_piece(m, out, run, p, strlen(p), run->line, col);
            return;
        }
        if (!close || !lang_tag_ok(tag, (size_t)(close - tag))) {
            fail(m, run->line, mcol + 7, "use a language tag such as cy, pl or pa-Guru",
                 "'%.*s' is not a language tag", close ? (int)(close - tag) : (int)strcspn(tag, " "),
                 tag);
            push_piece(m, out, run, p, strlen(p), run->line, col);
            return;
        }
        push_piece(m, out, run, p, (size_t)(open - p), run->line, col);
        lp_inline *in = push_inline(m, out, IN_TEXT, run->style, arena_strndup(m->a, open + 1, (size_t)(mark - open - 1)),
                                    run->url, run->line, ocol + 1);
        in->nobreak = run->nobreak;
        in->lang = arena_strndup(m->a, tag, (size_t)(close - tag));
        col = mcol + count_cps(mark, (size_t)(close + 1 - mark));
        p = close + 1;
    }
}

/* Bare web and email addresses in plain text become runs of their own that
 * the line breaker keeps whole. */
static void split_addresses(md *m, const lp_inline *run, inline_vec *out)
{
    const char *t = run->text, *piece = t, *p = t;
    int col = run->col; /* column of piece */
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        while (n > 0 && strchr(".,;:!?)'\"", w[n - 1]))
            n--;
        if (n == 0 || !is_address(w, n))
            continue;
        int wcol = col + count_cps(piece, (size_t)(w - piece));
        push_piece(m, out, run, piece, (size_t)(w - piece), run->line, col);
        push_inline(m, out, IN_TEXT, run->style, arena_strndup(m->a, w, n), run->url, run->line, wcol)->nobreak =
            true;
        piece = w + n;
        col = wcol + count_cps(w, n);
    }
    push_piece(m, out, run, piece, strlen(piece), run->line, col);
}

/* Digits ending just before t[end] (at most 3, not part of a longer word)? */
static bool short_number_before(const char *t, size_t end)
{
    size_t n = 0;
    while (n < end && is_digit(t[end - 1 - n])) n++;
    return n >= 1 && n <= 3 && (n == end || t[end - 1 - n] == ' ' || t[end - 1 - n] == '(');
}

/* Digits starting at t (at most 3, then the end of the number)? */
static bool short_number_after(const char *t)
{
    size_t n = 0;
    while (is_digit(t[n])) n++;
    return n >= 1 && n <= 3 && !is_alpha(t[n]);
}

/* Is the space at t[i] one that must not break?  Between two digits (a
 * typed phone number keeps its groups together), and inside a proportion
 * such as "7 in 10" or "1 out of 4", which reads wrongly when split. */
static bool joining_space(const char *t, size_t i)
{
    if (t[i] != ' ' || i == 0) return false;
    if (is_digit(t[i - 1]) && is_digit(t[i + 1])) return true;
    static const char *const links[] = {"in", "out of"};
    for (size_t k = 0; k < NELEM(links); k++) {
        size_t n = strlen(links[k]);
        /* Where does a proportion "N <link> M" around this space start? */
        for (size_t at = i + 1 >= n + 2 ? i + 1 - n - 2 : 0; at <= i && t[at]; at++) {
            if (t[at] != ' ' || strncmp(t + at + 1, links[k], n) != 0 || t[at + 1 + n] != ' ') continue;
            if (i < at || i > at + 1 + n) continue;
            if (short_number_before(t, at) && short_number_after(t + at + n + 2)) return true;
        }
    }
    return false;
}

static const char *join_digit_groups(lp_arena *a, const char *t)
{
    size_t extra = 0;
    for (size_t i = 1; t[i]; i++)
        if (joining_space(t, i)) extra++;
    if (extra == 0)
        return t;
    char *r = arena_alloc(a, strlen(t) + extra + 1), *o = r;
    for (size_t i = 0; t[i]; i++) {
        if (joining_space(t, i)) {
            memcpy(o, NBSP, 2);
            o += 2;
        } else {
            *o++ = t[i];
        }
    }
    *o = '\0';
    return r;
}

static size_t count_words(const inline_vec *v)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < v->n; i++) {
        const lp_inline *in = &v->v[i];
        if (in->kind == IN_IMAGE) {
            words++;
            in_word = false;
        } else if (in->kind != IN_TEXT) {
            in_word = false;
        } else {
            for (const char *p = in->text; *p; p++) {
                if (is_space(*p))
                    in_word = false;
                else if (!in_word)
                    words++, in_word = true;
                /* A placeholder prints words of its own. */
                if (p[0] == '{' && p[1] == '{')
                    words++;
            }
        }
    }
    return words;
}

/* The inlines of a paragraph or heading, checked, with contacts resolved. */
static void inlines_from(md *m, const span *s, cmark_node *n, int line, int col, lp_block *b)
{
    inline_vec raw = {0}, merged = {0}, subst = {0}, split = {0}, out = {0};
    arena_reset(m->scratch);
    walk_inlines(m, s, n, 0, NULL, 0, &raw);
    merge_runs(m, &raw, &merged);
    /* Checked before any further work, so a huge paragraph costs little. */
    if (count_words(&merged) > MD_MAX_PARA_WORDS) {
        fail(m, line, col, "split it into shorter paragraphs", "paragraph has more than %d words",
             MD_MAX_PARA_WORDS);
        return;
    }
    for (size_t i = 0; i < merged.n; i++) {
        lp_inline *in = &merged.v[i];
        if (in->kind == IN_TEXT && in->url && link_text_is_address(m->a, in->text, in->url))
            in->nobreak = true;
        if (in->kind == IN_TEXT && strstr(in->text, "{{"))
            substitute_run(m, s, in, &subst);
        else
            VEC_PUSH(m->scratch, subst, *in);
    }
    inline_vec langs = {0};
    for (size_t i = 0; i < subst.n; i++) {
        lp_inline *in = &subst.v[i];
        if (in->kind == IN_TEXT && strstr(in->text, "]{lang="))
            lang_spans(m, in, &langs);
        else
            VEC_PUSH(m->scratch, langs, *in);
    }
    for (size_t i = 0; i < langs.n; i++) {
        lp_inline *in = &langs.v[i];
        if (in->kind == IN_TEXT && !in->url && !in->nobreak && !in->lang && strpbrk(in->text, "@."))
            split_addresses(m, in, &split);
        else
            VEC_PUSH(m->scratch, split, *in);
    }
    for (size_t i = 0; i < split.n; i++)
        if (split.v[i].kind == IN_TEXT)
            split.v[i].text = join_digit_groups(m->a, split.v[i].text);
    merge_runs(m, &split, &out);
    b->in = out.n ? arena_alloc(m->a, out.n * sizeof *out.v) : NULL;
    if (out.n) memcpy(b->in, out.v, out.n * sizeof *out.v);
    b->nin = out.n;
}

/* ---------------------------------------------------------- directives */

/* Where byte off of a code block's info string is in the file: the fence
 * line, after the fence characters and the spaces that follow them. */
static void info_pos(const span *s, cmark_node *n, size_t off, int *line, int *col)
{
    int cline = cmark_node_get_start_line(n), ccol = cmark_node_get_start_column(n);
    if (cline >= 1 && (size_t)cline <= s->nlines && ccol >= 1) {
        size_t p = s->starts[cline - 1] + (size_t)ccol - 1, end = span_line_end(s, (size_t)cline - 1);
        while (p < end && (s->text[p] == '`' || s->text[p] == '~'))
            p++;
        while (p < end && s->text[p] == ' ')
            p++;
        ccol = (int)(p - s->starts[cline - 1] + off) + 1;
    }
    span_pos(s, cline, ccol, line, col);
}

/* key="value" pairs separated by spaces, from info[pos].  vals[i] receives
 * the value of names[i].  Returns false after reporting a malformed or
 * unknown attribute. */
static bool parse_attrs(md *m, const span *s, cmark_node *n, const char *dir, const char *info, size_t pos,
                        const char *const *names, size_t nnames, const char **vals)
{
    bool ok = true;
    for (;;) {
        while (info[pos] == ' ' || info[pos] == '\t')
            pos++;
        if (!info[pos])
            return ok;
        int line, col;
        info_pos(s, n, pos, &line, &col);
        size_t k = pos;
        while (is_alpha(info[k]) || is_digit(info[k]) || info[k] == '-' || info[k] == '_')
            k++;
        if (k == pos || info[k] != '=' || info[k + 1] != '"') {
            fail(m, line, col, "attributes are written key=\"value\"", "malformed attribute in ```%s", dir);
            return false;
        }
        char *key = arena_strndup(m->a, info + pos, k - pos);
        const char *vstart = info + k + 2, *vend = strchr(vstart, '"');
        if (!vend) {
            fail(m, line, col, "close the value with '\"'", "unterminated value of '%s'", key);
            return false;
        }
        size_t i = 0;
        while (i < nnames && strcmp(names[i], key) != 0)
            i++;
        if (i == nnames) {
            const char *guess = closest(m, key, names, nnames);
            fail(m, line, col,
                 guess ? did_you_mean(m, guess)
                       : (nnames ? arena_printf(m->a, "```%s takes %s%s%s", dir, names[0], nnames > 1 ? " and " : "",
                                                nnames > 1 ? names[1] : "")
                                 : arena_printf(m->a, "```%s takes no attributes", dir)),
                 "unknown attribute '%s' in ```%s", key, dir);
            ok = false;
        } else if (vals[i]) {
            fail(m, line, col, NULL, "attribute '%s' is given twice", key);
            ok = false;
        } else {
            vals[i] = clean(m, arena_strndup(m->a, vstart, (size_t)(vend - vstart)), line, col);
        }
        pos = (size_t)(vend - info) + 1;
        if (info[pos] && info[pos] != ' ' && info[pos] != '\t') {
            info_pos(s, n, pos, &line, &col);
            fail(m, line, col, "separate attributes with a space", "unexpected text after attribute '%s'", key);
            return false;
        }
    }
}

static void parse_markdown(md *m, const char *text, size_t len, int line_off, int col_off, int depth,
                           lp_block **out, size_t *nout);

/* The literal of a fenced block starts on the line after the fence, with the
 * fence's indentation removed. */
static void parse_fence_body(md *m, const span *s, cmark_node *n, int depth, lp_block *b)
{
    const char *lit = cmark_node_get_literal(n);
    if (!lit)
        lit = "";
    int line, col;
    node_pos(s, n, &line, &col);
    parse_markdown(m, lit, strlen(lit), line, col > 0 ? col - 1 : 0, depth, &b->kids, &b->nkids);
}

static void contact_keys(md *m, const span *s, cmark_node *n, lp_block *b)
{
    const char *lit = cmark_node_get_literal(n);
    int fline, fcol;
    node_pos(s, n, &fline, &fcol);
    LP_VEC(lp_keyref) keys = {0};
    int k = 0;
    for (const char *p = lit ? lit : ""; *p; k++) {
        const char *eol = strchr(p, '\n');
        size_t n_line = eol ? (size_t)(eol - p) : strlen(p);
        size_t a = 0, z = n_line;
        while (a < z && (p[a] == ' ' || p[a] == '\t'))
            a++;
        while (z > a && (p[z - 1] == ' ' || p[z - 1] == '\t'))
            z--;
        int line = fline + 1 + k, col = (fcol > 0 ? fcol - 1 : 0) + count_cps(p, a) + 1;
        if (z > a) {
            char *key = lower_dup(m, p + a, z - a);
            if (keys.n >= MD_MAX_LIST_ITEMS) {
                fail(m, line, col, "split the contacts", "more than %d contacts in one block",
                     MD_MAX_LIST_ITEMS);
                break;
            }
            const lp_keyref *dup = NULL;
            for (size_t i = 0; i < keys.n && !dup; i++)
                if (strcmp(keys.v[i].key, key) == 0) dup = &keys.v[i];
            if (!m->contacts || !contacts_find(m->contacts, key)) {
                unknown_contact(m, key, line, col);
            } else if (dup) {
                /* Printed twice, the same number reads as two services. */
                fail(m, line, col, "list each contact once", "contact '%s' is listed twice in this block (first at line %d)",
                     key, dup->line);
            } else {
                lp_keyref ref = {.key = key, .line = line, .col = col};
                VEC_PUSH(m->a, keys, ref);
            }
        }
        p += n_line + (eol ? 1 : 0);
    }
    if (keys.n == 0 && (!lit || is_blank(lit)))
        fail(m, fline, fcol, "list contact keys, one a line", "```contacts lists no contacts");
    b->keys = keys.v;
    b->nkeys = keys.n;
}

static bool directive(md *m, const span *s, cmark_node *n, int depth, lp_block *b)
{
    const char *info = cmark_node_get_fence_info(n);
    if (!info)
        info = "";
    size_t a = 0;
    while (info[a] == ' ' || info[a] == '\t')
        a++;
    size_t z = a;
    while (info[z] && info[z] != ' ' && info[z] != '\t')
        z++;
    if (z == a) {
        fail(m, b->line, b->col, "indent text by fewer than 4 spaces; use ```callout for a box",
             "code blocks are not supported");
        return false;
    }
    char *name = arena_strndup(m->a, info + a, z - a);
    if (depth + 1 > MD_MAX_DEPTH) {
        fail(m, b->line, b->col, "flatten the structure", "nesting is deeper than %d levels",
             MD_MAX_DEPTH);
        return false;
    }
    if (strcmp(name, "callout") == 0) {
        static const char *const names[] = {"icon", "title"};
        const char *vals[2] = {0};
        if (!parse_attrs(m, s, n, name, info, z, names, 2, vals))
            return false;
        if (vals[0] && !is_icon_name(vals[0])) {
            int line, col;
            info_pos(s, n, z, &line, &col);
            fail(m, line, col, "icon names are Lucide names in lower case, e.g. shield-check",
                 "bad icon name '%.60s'", vals[0]);
            return false;
        }
        b->kind = BLK_CALLOUT;
        b->icon = vals[0];
        b->title = vals[1];
        parse_fence_body(m, s, n, depth + 1, b);
        if (b->nkids == 0)
            fail(m, b->line, b->col, "write the callout's text between the fences", "```callout is empty");
        return true;
    }
    if (strcmp(name, "definition") == 0) {
        static const char *const names[] = {"source", "title", "label"};
        const char *vals[3] = {0};
        if (!parse_attrs(m, s, n, name, info, z, names, 3, vals))
            return false;
        if (!vals[0] || is_blank(vals[0])) {
            fail(m, b->line, b->col, "```definition source=\"Working Together 2018\"",
                 "```definition needs source=\"...\"");
            return false;
        }
        b->kind = BLK_DEFINITION;
        b->source = vals[0];
        b->title = vals[1];
        b->label = vals[2];
        parse_fence_body(m, s, n, depth + 1, b);
        if (b->nkids == 0)
            fail(m, b->line, b->col, "write the quoted definition between the fences", "```definition is empty");
        return true;
    }
    if (strcmp(name, "contacts") == 0) {
        if (!parse_attrs(m, s, n, name, info, z, NULL, 0, NULL))
            return false;
        b->kind = BLK_CONTACTS;
        contact_keys(m, s, n, b);
        return true;
    }
    const char *guess = closest(m, name, directive_names, NELEM(directive_names));
    int line, col;
    info_pos(s, n, a, &line, &col);
    fail(m, line, col, guess ? did_you_mean(m, guess) : "directives are callout, definition and contacts",
         "unknown directive '%.40s'", name);
    return false;
}

/* -------------------------------------------------------------- blocks */

static void blocks_from(md *m, const span *s, cmark_node *parent, int depth, int list_depth, lp_block **out,
                        size_t *nout);

/* Source line i (1-based, of the span) without the quote markers and
 * indentation in front of it; *col is its file column. */
static const char *line_text(const span *s, int i, size_t *len, int *col)
{
    size_t p = s->starts[i - 1], end = span_line_end(s, (size_t)i - 1);
    size_t start = p;
    while (p < end && (s->text[p] == ' ' || s->text[p] == '\t' || s->text[p] == '>'))
        p++;
    *len = end - p;
    *col = count_cps(s->text + start, p - start) + 1 + s->col_off;
    return s->text + p;
}

/* A GFM table's delimiter row: cells of dashes with optional colons,
 * separated by pipes ("|---|:--:|", "--- | ---"). */
static bool delimiter_row(const char *t, size_t n)
{
    bool pipe = false, dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '|')
            pipe = true;
        else if (c == '-')
            dash = true;
        else if (c != ':' && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return pipe && dash;
}

/* cmark (CommonMark, not GFM) reads a table as a paragraph of pipes: a
 * header line with a '|' above a delimiter row is refused where it starts. */
static bool gfm_table(md *m, const span *s, cmark_node *n)
{
    int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
    if (first < 1 || last > (int)s->nlines)
        return false;
    for (int i = first; i < last; i++) {
        size_t hl, dl;
        int hcol, dcol;
        const char *h = line_text(s, i, &hl, &hcol), *dr = line_text(s, i + 1, &dl, &dcol);
        if (memchr(h, '|', hl) && delimiter_row(dr, dl)) {
            fail(m, i + s->line_off, hcol, "write the rows as a list, or as ```definition blocks",
                 "tables are not supported");
            return true;
        }
    }
    return false;
}

/* A GFM task list item ("- [ ] call back", "- [x] done") prints its
 * brackets in CommonMark: refused at the box. */
static void task_box(md *m, const span *s, cmark_node *item)
{
    cmark_node *p = cmark_node_first_child(item);
    if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
        return;
    int line, col;
    node_pos(s, p, &line, &col);
    cursor c = cursor_at(s, line, col);
    if (!c.ok || c.p + 3 > c.end)
        return;
    const char *t = s->text + c.p;
    if (t[0] == '[' && (t[1] == ' ' || t[1] == 'x' || t[1] == 'X') && t[2] == ']' &&
        (c.p + 3 == c.end || t[3] == ' ' || t[3] == '\t'))
        fail(m, line, col, "write the item without the box, or as a numbered step",
             "task list boxes ('[ ]', '[x]') are not supported");
}

static bool nest_ok(md *m, int depth, int line, int col)
{
    if (depth + 1 <= MD_MAX_DEPTH)
        return true;
    fail(m, line, col, "flatten the lists and quotes here", "nesting is deeper than %d levels",
         MD_MAX_DEPTH);
    return false;
}

static bool block_from(md *m, const span *s, cmark_node *n, int depth, int list_depth, lp_block *b)
{
    node_pos(s, n, &b->line, &b->col);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        b->kind = BLK_PARA;
        if (gfm_table(m, s, n))
            return false;
        inlines_from(m, s, n, b->line, b->col, b);
        return b->nin > 0;
    case CMARK_NODE_HEADING:
        b->kind = BLK_HEADING;
        b->level = cmark_node_get_heading_level(n);
        if (m->in_quote > 0 || list_depth > 0) {
            fail(m, b->line, b->col, "move the heading out, above it, or make the line **bold**",
                 "a heading cannot be inside a %s", m->in_quote > 0 ? "block quote" : "list item");
            return false;
        }
        if (b->level > 3) {
            fail(m, b->line, b->col, "use #, ## or ###", "heading level %d is too deep", b->level);
            return false;
        }
        inlines_from(m, s, n, b->line, b->col, b);
        bool words = false;
        for (size_t i = 0; i < b->nin && !words; i++)
            words = b->in[i].kind == IN_IMAGE || (b->in[i].kind == IN_TEXT && !is_blank(b->in[i].text));
        if (!words) {
            fail(m, b->line, b->col, "write the heading's words after the #, or delete the line",
                 "heading has no text");
            return false;
        }
        return true;
    case CMARK_NODE_LIST: {
        if (!nest_ok(m, depth, b->line, b->col))
            return false;
        b->kind = BLK_LIST;
        b->level = list_depth + 1;
        b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        b->start = b->ordered ? cmark_node_get_list_start(n) : 0;
        size_t items = 0;
        for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
            items++;
        if (items > MD_MAX_LIST_ITEMS) {
            fail(m, b->line, b->col, "split the list", "list has %zu items, more than %d", items,
                 MD_MAX_LIST_ITEMS);
            return false;
        }
        b->kids = arena_alloc(m->a, items * sizeof *b->kids);
        for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
            lp_block *item = &b->kids[b->nkids++];
            item->kind = BLK_ITEM;
            node_pos(s, it, &item->line, &item->col);
            task_box(m, s, it);
            blocks_from(m, s, it, depth + 1, list_depth + 1, &item->kids, &item->nkids);
        }
        return true;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        if (!nest_ok(m, depth, b->line, b->col))
            return false;
        b->kind = BLK_QUOTE;
        m->in_quote++;
        blocks_from(m, s, n, depth + 1, list_depth, &b->kids, &b->nkids);
        m->in_quote--;
        return true;
    case CMARK_NODE_THEMATIC_BREAK:
        b->kind = BLK_RULE;
        return true;
    case CMARK_NODE_CODE_BLOCK:
        return directive(m, s, n, depth, b);
    case CMARK_NODE_HTML_BLOCK:
        fail(m, b->line, b->col, "use Markdown: **bold**, [text](https://...), ```callout for a box",
             "raw HTML is not allowed");
        return false;
    default:
        return false;
    }
}

static void blocks_from(md *m, const span *s, cmark_node *parent, int depth, int list_depth, lp_block **out,
                        size_t *nout)
{
    block_vec v = {0};
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        lp_block b;
        memset(&b, 0, sizeof b);
        if (block_from(m, s, n, depth, list_depth, &b))
            VEC_PUSH(m->a, v, b);
    }
    *out = v.v;
    *nout = v.n;
}

static void parse_markdown(md *m, const char *text, size_t len, int line_off, int col_off, int depth,
                           lp_block **out, size_t *nout)
{
    span s;
    span_init(m, &s, text, len, line_off, col_off);
    cmark_node *root = cmark_parse_document(text, len, CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
    if (!root) {
        fail(m, line_off + 1, 0, NULL, "cannot parse the Markdown");
        return;
    }
    blocks_from(m, &s, root, depth, 0, out, nout);
    cmark_node_free(root);
}

/* ------------------------------------------------------------------ API */

static const char *slug_of(lp_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0)
        n -= 3;
    return arena_strndup(a, base, n);
}

int md_parse(lp_doc *doc, const lp_source *src, const lp_contacts *contacts, lp_diag *d)
{
    md m = {doc->arena, src->path ? src->path : doc->path, contacts, d, 0, 0, doc->meta.audience, arena_new()};
    const char *path = doc->path ? doc->path : src->path;
    if (!doc->slug && path)
        doc->slug = slug_of(doc->arena, path);
    const char *body = src->body ? src->body : "";
    size_t len = src->body ? src->body_len : 0;
    int first = src->body_line > 0 ? src->body_line : 1;
    const char *pic = doc->meta.picture;
    if (pic && !has_prefix_ci(pic, "icon:")) {
        const yt_node *at = yt_get(src->front, "picture");
        unsigned pw = 0, ph = 0;
        if (check_picture(&m, pic, at ? at->line : 0, at ? at->col : 0, &pw, &ph)) {
            doc->meta.picture_px_w = pw;
            doc->meta.picture_px_h = ph;
        }
    }
    /* The front matter's contacts, for every format (one that prints no
     * contacts block still must not name one that does not exist). */
    for (size_t i = 0; i < doc->meta.ncontacts; i++)
        if (!contacts || !contacts_find(contacts, doc->meta.contacts[i].key))
            unknown_contact(&m, doc->meta.contacts[i].key, doc->meta.contacts[i].line, doc->meta.contacts[i].col);
    parse_markdown(&m, body, len, first - 1, 0, 0, &doc->blocks, &doc->nblocks);
    arena_free(m.scratch);
    if (m.errors > MD_MAX_ERRORS)
        diag_error(d, m.file, 0, 0, "fix the errors above and build again", "%d more errors not shown",
                   m.errors - MD_MAX_ERRORS);
    return m.errors ? -1 : 0;
}
