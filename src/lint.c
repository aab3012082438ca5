/* lint.c — content checks per audience.
 *
 * The rules come from the theme's `lint:` section (layouts/themes/<audience>.yaml), so
 * each audience sets its own limits; a key that is absent turns its check off.
 * Readability is measured with the Flesch reading ease,
 *     206.835 - 1.015 * words/sentences - 84.6 * syllables/words,
 * because its two inputs are exactly what easy-read and plain-English advice
 * asks writers to shorten (sentences and words), and because it reads the
 * right way round for a limit: higher is easier, 60-70 is plain English,
 * 80+ is easy.  Syllables are counted with English spelling heuristics, which
 * are right for most everyday words and close for the rest: good enough for a
 * score over a whole document.
 *
 * A sentence ends at '.', '!' or '?' (or an ellipsis) followed by a capital,
 * a digit or the end of the text, and at every line end.  Easy read puts each
 * sentence on its own source line, so there a soft line break ends a sentence
 * too; elsewhere a soft break is a space.  Quoted definitions are exempt from
 * readability and jargon: statutory wording is quoted exactly.
 */
#include "lint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof *(a))
#define MAX_WORD_BYTES 64      /* longer "words" (URLs, runs of symbols) are not measured */
#define MAX_JARGON_TERMS 200   /* per theme */
#define MAX_FRONT_LINES 400    /* lines searched for a front-matter key */
#define MAX_TEXT_BYTES (1u << 20)

typedef enum { LV_OFF, LV_WARNING, LV_ERROR } level;

typedef struct rules {
    int max_sentence_words;
    level sentence_level;
    int max_word_letters;
    level word_level;
    double ease_min;
    level ease_level;
    level bare_url;
    level jargon_level;
    bool gloss_parens; /* a gloss in parentheses or after a colon also explains a word */
    const char *jargon[MAX_JARGON_TERMS];
    size_t njargon;
} rules;

/* Text of one block flattened, with where each run came from, so an offset
 * maps back to a line:col in the .md file. */
typedef struct seg {
    size_t off;
    int line, col;
} seg;

typedef struct textbuf {
    char *s;
    size_t n, cap;
    seg *segs;
    size_t nsegs, segcap;
} textbuf;

typedef struct ctx {
    const lp_doc *doc;
    const lp_spec *spec;
    const lp_contacts *contacts;
    lp_diag *d;
    rules r;
    bool easy;          /* easy read: a source line is a sentence */
    textbuf all;        /* every measured sentence, for the document's score */
    bool jargon_done[MAX_JARGON_TERMS]; /* first use seen (and reported if unexplained) */
    int errors;
    char hint[512]; /* table_hint's */
} ctx;

/* ------------------------------------------------------------ utilities */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static char lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

static bool prefix_ci(const char *s, const char *p)
{
    for (; *p; s++, p++)
        if (lower(*s) != lower(*p)) return false;
    return true;
}


static int count_cps(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

static void report(ctx *c, level lv, int line, int col, const char *hint, const char *fmt, ...) LP_PRINTF(6, 7);
static void report(ctx *c, level lv, int line, int col, const char *hint, const char *fmt, ...)
{
    if (lv == LV_OFF) return;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(c->d, lv == LV_ERROR ? LP_ERROR : LP_WARNING, c->doc->path, line, col, hint, fmt, ap);
    va_end(ap);
    if (lv == LV_ERROR) c->errors++;
}

/* A hint naming the contacts table in use (--contacts, a project's own). */
static const char *table_hint(ctx *c, const char *before, const char *after)
{
    snprintf(c->hint, sizeof c->hint, "%s%s%s", before,
             c->contacts && c->contacts->path ? c->contacts->path : "content/contacts.yaml", after);
    return c->hint;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) abort();
    return q;
}

static void tb_put(textbuf *b, const char *s, size_t n)
{
    if (n == 0 || b->n + n + 1 > MAX_TEXT_BYTES) return;
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void tb_mark(textbuf *b, int line, int col)
{
    if (b->nsegs == b->segcap) {
        b->segcap = b->segcap ? b->segcap * 2 : 16;
        b->segs = xrealloc(b->segs, b->segcap * sizeof *b->segs);
    }
    b->segs[b->nsegs++] = (seg){b->n, line, col};
}

static void tb_clear(textbuf *b)
{
    b->n = 0;
    b->nsegs = 0;
    if (b->s) b->s[0] = '\0';
}

static void tb_free(textbuf *b)
{
    free(b->s);
    free(b->segs);
    memset(b, 0, sizeof *b);
}

static void tb_pos(const textbuf *b, size_t off, int *line, int *col)
{
    *line = 0, *col = 0;
    const seg *s = NULL;
    for (size_t i = 0; i < b->nsegs && b->segs[i].off <= off; i++) s = &b->segs[i];
    if (!s) return;
    *line = s->line;
    *col = s->col + count_cps(b->s + s->off, off - s->off);
}

/* ----------------------------------------------------------- syllables */

static bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

int lint_syllables(const char *word, size_t len)
{
    char w[MAX_WORD_BYTES + 1];
    size_t n = 0;
    bool digits = false;
    for (size_t i = 0; i < len && n < MAX_WORD_BYTES; i++) {
        if (is_alpha(word[i])) w[n++] = lower(word[i]);
        else if (is_digit(word[i])) digits = true;
    }
    w[n] = '\0';
    if (n == 0) return digits ? 1 : 0;
    if (n <= 3) return 1;
    /* Silent endings: "make", "makes", "jumped" (but "table", "boxes", "wanted"). */
    if (w[n - 1] == 'e' && !(n >= 3 && w[n - 2] == 'l' && !vowel(w[n - 3])))
        n--;
    else if (n >= 4 && w[n - 1] == 's' && w[n - 2] == 'e' && !strchr("sxzgc", w[n - 3]) &&
             !(w[n - 3] == 'h' && strchr("cs", w[n - 4])))
        n -= 2;
    else if (n >= 4 && w[n - 1] == 'd' && w[n - 2] == 'e' && !strchr("td", w[n - 3]))
        n -= 2;
    int groups = 0;
    for (size_t i = 0; i < n; i++) {
        bool v = vowel(w[i]) && !(w[i] == 'y' && i == 0);
        bool prev = i > 0 && vowel(w[i - 1]) && !(w[i - 1] == 'y' && i - 1 == 0);
        if (v && !prev) groups++;
        /* Two vowels that are two syllables: "vi-o-lence", "so-ci-al" is one, "act-u-al". */
        if (i > 0 && prev && v) {
            char a = w[i - 1], b = w[i];
            char before = i >= 2 ? w[i - 2] : ' ';
            if (a == 'i' && b == 'o' && !strchr("tsc", before)) groups++;
            else if (a == 'i' && b == 'a' && !strchr("tc", before)) groups++;
            else if (a == 'u' && b == 'a' && !strchr("qg", before)) groups++;
        }
    }
    return groups < 1 ? 1 : groups;
}

/* ----------------------------------------------------------- sentences */

/* A dot with a letter after it: "www.site.org", not "the end." */
static bool has_inner_dot(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '.' && is_alpha(s[i + 1])) return true;
    return false;
}


typedef struct sentence {
    size_t start, end; /* byte offsets: first word, one past the last */
    int words, syllables, long_words;
    bool by_stop;      /* ended by punctuation, not by a line end */
    bool more_on_line; /* ...and another sentence follows on the same line */
} sentence;

/* A token counts as a word when it holds a letter or a digit; a dash or a
 * bullet on its own is punctuation. */
static bool token_is_word(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_alpha(t[i]) || is_digit(t[i]) || ((unsigned char)t[i] >= 0xC3 && (unsigned char)t[i] < 0xE0))
            return true;
    return false;
}

/* Does token t end a sentence by its punctuation?  Closing quotes and
 * brackets after the stop are skipped. */
static bool token_stops(const char *t, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)t[n - 1];
        if (c == ')' || c == ']' || c == '"' || c == '\'' || c == '*') {
            n--;
        } else if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
                   ((unsigned char)t[n - 1] == 0x99 || (unsigned char)t[n - 1] == 0x9D)) {
            n -= 3; /* ’ ” */
        } else {
            break;
        }
    }
    if (n == 0) return false;
    char c = t[n - 1];
    if (c == '.' || c == '!' || c == '?') return true;
    return n >= 3 && memcmp(t + n - 3, "\xE2\x80\xA6", 3) == 0; /* … */
}

/* Could the token start a sentence?  A capital, a digit, or an opening quote. */
static bool token_starts(const char *t, size_t n)
{
    if (n == 0) return false;
    if (is_upper(t[0]) || is_digit(t[0]) || t[0] == '"' || t[0] == '(') return true;
    if (n >= 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
        ((unsigned char)t[2] == 0x98 || (unsigned char)t[2] == 0x9C))
        return n > 3 && (is_upper(t[3]) || is_digit(t[3]));
    return (unsigned char)t[0] >= 0xC3 && (unsigned char)t[0] < 0xE0; /* an accented capital, say */
}

/* The next sentence of text from *pos; false when only spaces are left. */
static bool next_sentence(const char *text, size_t len, size_t *pos, sentence *s)
{
    size_t p = *pos;
    memset(s, 0, sizeof *s);
    while (p < len && is_space(text[p])) p++;
    if (p >= len) {
        *pos = p;
        return false;
    }
    s->start = p;
    for (;;) {
        size_t t = p;
        while (p < len && !is_space(text[p])) p++;
        size_t n = p - t;
        if (token_is_word(text + t, n)) {
            s->words++;
            /* An address is read as a name, not spelled out. */
            bool address = memchr(text + t, '/', n) || memchr(text + t, '@', n) || has_inner_dot(text + t, n);
            int sy = n <= MAX_WORD_BYTES && !address ? lint_syllables(text + t, n) : 1;
            s->syllables += sy;
            if (sy >= 3) s->long_words++;
        }
        s->end = p;
        bool newline = false;
        size_t q = p;
        while (q < len && is_space(text[q])) {
            if (text[q] == '\n') newline = true;
            q++;
        }
        if (q >= len || newline) {
            s->by_stop = token_stops(text + t, n);
            *pos = q;
            return true;
        }
        size_t u = q;
        while (u < len && !is_space(text[u])) u++;
        if (token_stops(text + t, n) && token_starts(text + q, u - q)) {
            s->by_stop = true;
            s->more_on_line = true;
            *pos = q;
            return true;
        }
        p = q;
    }
}

void lint_measure(const char *text, lint_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t len = text ? strlen(text) : 0, pos = 0;
    sentence s;
    while (next_sentence(text, len, &pos, &s)) {
        if (s.words == 0) continue;
        st->sentences++;
        st->words += s.words;
        st->syllables += s.syllables;
        st->long_words += s.long_words;
        if (s.words > st->longest_sentence) st->longest_sentence = s.words;
    }
    if (st->words > 0)
        st->reading_ease = 206.835 - 1.015 * (double)st->words / (double)st->sentences -
                           84.6 * (double)st->syllables / (double)st->words;
}

/* --------------------------------------------------------------- rules */

static const char *theme_file(const ctx *c) { return spec_theme_path(c->spec); }

static level level_of(ctx *c, const yt_node *n, level dflt)
{
    if (!n) return dflt;
    if (n->kind == YT_SCALAR) {
        if (strcmp(n->scalar, "error") == 0) return LV_ERROR;
        if (strcmp(n->scalar, "warning") == 0) return LV_WARNING;
        if (strcmp(n->scalar, "off") == 0) return LV_OFF;
    }
    diag_error(c->d, theme_file(c), n->line, n->col, "write error, warning or off", "lint level must be a word, not %s",
               n->kind == YT_SCALAR ? n->scalar : "a list or map");
    c->errors++;
    return dflt;
}

static bool number_of(ctx *c, const yt_node *n, double *v)
{
    if (!n) return false;
    char *end = NULL;
    if (n->kind == YT_SCALAR && n->len > 0) {
        *v = strtod(n->scalar, &end);
        if (end && *end == '\0' && *v >= 0 && *v < 1e6) return true;
    }
    diag_error(c->d, theme_file(c), n->line, n->col, NULL, "lint limit must be a number, not %s",
               n->kind == YT_SCALAR ? n->scalar : "a list or map");
    c->errors++;
    return false;
}

/* A limit written { max: N, level: error }: off when absent. */
static void limit_of(ctx *c, const char *key, const char *bound, double *v, level *lv)
{
    char path[64];
    snprintf(path, sizeof path, "lint.%s", key);
    const yt_node *n = spec_node(c->spec, path);
    *lv = LV_OFF;
    if (!n) return;
    if (n->kind != YT_MAP) {
        diag_error(c->d, theme_file(c), n->line, n->col, "write e.g. { max: 15, level: error }",
                   "'%s' must be a map", path);
        c->errors++;
        return;
    }
    if (number_of(c, yt_get(n, bound), v)) *lv = level_of(c, yt_get(n, "level"), LV_WARNING);
}

static void read_rules(ctx *c)
{
    rules *r = &c->r;
    double v = 0;
    limit_of(c, "sentence-words", "max", &v, &r->sentence_level);
    r->max_sentence_words = (int)v;
    v = 0;
    limit_of(c, "word-letters", "max", &v, &r->word_level);
    r->max_word_letters = (int)v;
    limit_of(c, "reading-ease", "min", &r->ease_min, &r->ease_level);
    r->bare_url = level_of(c, spec_node(c->spec, "lint.bare-url"), LV_OFF);
    const yt_node *j = spec_node(c->spec, "lint.jargon");
    if (!j) return;
    r->jargon_level = level_of(c, yt_get(j, "level"), LV_WARNING);
    const yt_node *g = yt_get(j, "gloss");
    if (g && g->kind == YT_SCALAR && strcmp(g->scalar, "parentheses") == 0) r->gloss_parens = true;
    else if (g && !(g->kind == YT_SCALAR && strcmp(g->scalar, "words") == 0)) {
        diag_error(c->d, theme_file(c), g->line, g->col, "write words or parentheses", "unknown jargon gloss rule");
        c->errors++;
    }
    const yt_node *t = yt_get(j, "terms");
    if (!t || t->kind != YT_SEQ) return;
    for (size_t i = 0; i < t->n && r->njargon < MAX_JARGON_TERMS; i++)
        if (t->vals[i]->kind == YT_SCALAR && t->vals[i]->len > 0) r->jargon[r->njargon++] = t->vals[i]->scalar;
}

/* ------------------------------------------------------------ contacts */

static bool url_is_contact(const lp_contacts *cs, const char *url)
{
    if (!cs || !url) return false;
    for (size_t i = 0; i < cs->n; i++) {
        const lp_contact *ct = &cs->items[i];
        if (ct->url && strcmp(url, ct->url) == 0) return true;
        if (ct->tel && strcmp(url, ct->tel) == 0) return true;
        if (ct->phone && prefix_ci(url, "tel:") && strcmp(url + 4, ct->phone) == 0) return true;
        if (ct->email && prefix_ci(url, "mailto:") && strcmp(url + 7, ct->email) == 0) return true;
    }
    return false;
}

/* Is the digit sequence t[0..n) (groups joined by spaces or no-break
 * spaces) a contact's phone number? */
static bool is_contact_phone(const lp_contacts *cs, const char *t, size_t n)
{
    if (!cs) return false;
    for (size_t i = 0; i < cs->n; i++) {
        const char *ph = cs->items[i].phone;
        if (!ph) continue;
        size_t a = 0, b = 0, pl = strlen(ph);
        while (a < n && b < pl) {
            if (t[a] == ph[b]) a++, b++;
            else if (ph[b] == ' ' && a + 1 < n && (unsigned char)t[a] == 0xC2 && (unsigned char)t[a + 1] == 0xA0)
                a += 2, b++;
            else break;
        }
        if (a == n && b == pl) return true;
    }
    return false;
}

/* A phone number typed by hand: digits in groups joined by no-break spaces
 * (markdown.c joins digit-space-digit), six digits or more, or any contact's
 * number written out (999 is 999 wherever it is typed). */
static void typed_phones(ctx *c, const lp_inline *in)
{
    const char *t = in->text;
    size_t len = strlen(t);
    for (size_t i = 0; i < len;) {
        if (!is_digit(t[i]) || (i > 0 && (is_alpha(t[i - 1]) || is_digit(t[i - 1])))) {
            i++;
            continue;
        }
        size_t s = i, digits = 0;
        bool grouped = false;
        while (i < len) {
            if (is_digit(t[i])) {
                digits++;
                i++;
            } else if (i + 2 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0 &&
                       is_digit(t[i + 2])) {
                grouped = true;
                i += 2;
            } else {
                break;
            }
        }
        if (i < len && is_alpha(t[i])) continue; /* "9am", "3rd" */
        bool contact = is_contact_phone(c->contacts, t + s, i - s);
        if ((grouped && digits >= 6) || digits >= 9 || contact)
            report(c, LV_ERROR, in->line, in->col + count_cps(t, s),
                   table_hint(c, "write {{contact:key.phone}} so the number is kept in ", ""),
                   "phone number '%.*s' typed by hand", (int)(i - s), t + s);
    }
}

/* ----------------------------------------------------------- inlines */

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (!is_space(*s)) return false;
    return true;
}

/* Link text that says nothing about where the link goes. */
static bool vague_link_text(const char *text)
{
    static const char *const vague[] = {"click here", "click", "here", "this link", "link", "read more",
                                        "more", "this page", "this", "go here", "find out more"};
    char norm[64];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof norm; p++) {
        if (is_alpha(*p)) norm[n++] = lower(*p);
        else if (is_space(*p) && n > 0 && norm[n - 1] != ' ') norm[n++] = ' ';
    }
    while (n > 0 && norm[n - 1] == ' ') n--;
    norm[n] = '\0';
    for (size_t i = 0; i < NELEM(vague); i++)
        if (strcmp(norm, vague[i]) == 0) return true;
    return false;
}

/* A printed web address a reader must copy: with its scheme or a path. */
static bool address_is_bare(const char *text)
{
    if (strstr(text, "://")) return true;
    const char *slash = strchr(text, '/');
    return slash && slash[1] != '\0';
}

static void check_inlines(ctx *c, const lp_inline *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const lp_inline *r = &in[i];
        if (r->kind == IN_IMAGE) {
            if (blank(r->text))
                report(c, LV_ERROR, r->line, r->col, "write what the picture shows: ![alt text](...)",
                       "image without alt text");
            continue;
        }
        if (r->kind != IN_TEXT || !r->text) continue;
        bool contact = url_is_contact(c->contacts, r->url);
        if (!contact && !(r->url && prefix_ci(r->url, "tel:"))) typed_phones(c, r);
        if (r->nobreak && !r->url) {
            report(c, LV_ERROR, r->line, r->col, table_hint(c, "add it to ", " and write {{contact:key.url}} or .email"),
                   "address '%s' typed by hand", r->text);
            continue;
        }
        /* A link whose target came from {{contact:...}} carries the
         * contact's key; any other link's target was typed here. */
        if (r->url && !r->contact && (i == 0 || in[i - 1].url != r->url)) {
            report(c, LV_ERROR, r->line, r->col, table_hint(c, "add it to ", " and write {{contact:key.url}}"),
                   "link to '%s' typed by hand", r->url);
        }
        if (r->url && r->nobreak && !prefix_ci(r->url, "tel:") && !prefix_ci(r->url, "mailto:") &&
            address_is_bare(r->text))
            report(c, c->r.bare_url, r->line, r->col, "print a short address (www.example.org) or name the site",
                   "bare web address '%s'", r->text);
        /* A link's words may span several runs (bold inside the link). */
        if (r->url && (i == 0 || in[i - 1].url != r->url)) {
            char text[128];
            size_t tn = 0;
            for (size_t k = i; k < n && in[k].url == r->url && in[k].kind == IN_TEXT; k++) {
                size_t l = strlen(in[k].text);
                if (tn + l >= sizeof text) break;
                memcpy(text + tn, in[k].text, l);
                tn += l;
            }
            text[tn] = '\0';
            if (vague_link_text(text))
                report(c, LV_ERROR, r->line, r->col, "say where the link goes, e.g. 'the Childline website'",
                       "link text '%s' does not say where it goes", text);
        }
    }
}

/* ------------------------------------------------------------- jargon */

static size_t find_ci(const char *hay, size_t hn, const char *needle, size_t from)
{
    size_t nn = strlen(needle);
    for (size_t i = from; i + nn <= hn; i++)
        if (prefix_ci(hay + i, needle)) return i;
    return (size_t)-1;
}

/* Is the stem a whole word (or, as a prefix, a word's start) in s? */
static bool has_word(const char *s, const char *stem, bool prefix)
{
    size_t sn = strlen(s), k = strlen(stem);
    for (size_t at = 0; (at = find_ci(s, sn, stem, at)) != (size_t)-1; at++) {
        bool left = at == 0 || !is_alpha(s[at - 1]);
        bool right = prefix || at + k >= sn || !is_alpha(s[at + k]);
        if (left && right) return true;
    }
    return false;
}

static bool in_words_list(const ctx *c, const char *stem, bool prefix)
{
    const lp_meta *m = &c->doc->meta;
    for (size_t i = 0; i < m->nwords; i++)
        if (m->words[i].term && has_word(m->words[i].term, stem, prefix)) return true;
    return false;
}

/* The gloss rule (a theme's lint.gloss): a word is glossed where it is used, in the same paragraph:
 * "Multi Agency Safeguarding Hub (MASH)" (the word in parentheses after what
 * it means), "MASH (the team that ...)" or "grooming: gaining a child's
 * trust" (the meaning right after it). */
static bool glossed_at(const char *s, size_t n, size_t at, size_t end)
{
    int depth = 0;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '(') depth++;
        else if (s[i] == ')' && depth > 0) depth--;
    }
    if (depth > 0) return true;
    while (end < n && is_alpha(s[end])) end++; /* the rest of a prefix match */
    if (end < n && s[end] == ':') return true;
    while (end < n && s[end] == ' ') end++;
    return end < n && s[end] == '(';
}

/* Is the match at..end part of a contact's name as the text writes it
 * ("Multi Agency Safeguarding Hub")?  A name is not jargon to explain. */
static bool in_contact_name(const ctx *c, const textbuf *b, size_t at, size_t end)
{
    const lp_contacts *cs = c->contacts;
    for (size_t i = 0; cs && i < cs->n; i++) {
        const char *name = cs->items[i].name;
        size_t nn = name ? strlen(name) : 0;
        if (nn == 0) continue;
        size_t from = at + 1 > nn ? at + 1 - nn : 0;
        for (size_t p = from; p <= at && p + nn <= b->n; p++)
            if (p + nn >= end && memcmp(b->s + p, name, nn) == 0) return true;
    }
    return false;
}

/* A term is explained where it first appears in the document; later uses
 * lean on that. */
static void check_jargon(ctx *c, const textbuf *b)
{
    const rules *r = &c->r;
    if (r->jargon_level == LV_OFF || b->n == 0) return;
    for (size_t j = 0; j < r->njargon; j++) {
        if (c->jargon_done[j]) continue;
        char stem[64];
        size_t k = strlen(r->jargon[j]);
        bool prefix = k > 0 && r->jargon[j][k - 1] == '*';
        if (prefix) k--;
        if (k == 0 || k >= sizeof stem) continue;
        memcpy(stem, r->jargon[j], k);
        stem[k] = '\0';
        if (in_words_list(c, stem, prefix)) {
            c->jargon_done[j] = true;
            continue;
        }
        for (size_t at = 0; (at = find_ci(b->s, b->n, stem, at)) != (size_t)-1; at++) {
            bool left = at == 0 || !is_alpha(b->s[at - 1]);
            bool right = prefix || at + k >= b->n || !is_alpha(b->s[at + k]);
            if (!left || !right || in_contact_name(c, b, at, at + k)) continue;
            c->jargon_done[j] = true;
            if (r->gloss_parens && glossed_at(b->s, b->n, at, at + k)) break;
            size_t e = at + k;
            while (e < b->n && is_alpha(b->s[e])) e++;
            int line, col;
            tb_pos(b, at, &line, &col);
            report(c, r->jargon_level, line, col,
                   r->gloss_parens ? "explain it where it first appears, e.g. 'word (what it means)', or add it to words:"
                                   : "add it to the front matter's words: with what it means, or use an everyday word",
                   "hard word '%.*s' is not explained", (int)(e - at), b->s + at);
            break;
        }
    }
}

/* ------------------------------------------------------------- blocks */

/* Words the reader is told about (words:) or that name a contact are not
 * "long words" to rewrite. */
static bool word_excused(const ctx *c, const char *w, size_t n)
{
    char buf[MAX_WORD_BYTES + 1];
    if (n > MAX_WORD_BYTES) return true;
    memcpy(buf, w, n);
    buf[n] = '\0';
    if (in_words_list(c, buf, false)) return true;
    if (is_upper(w[0])) return true; /* names of places and services */
    const lp_contacts *cs = c->contacts;
    for (size_t i = 0; cs && i < cs->n; i++)
        if (has_word(cs->items[i].name, buf, false)) return true;
    return false;
}

static void check_word_lengths(ctx *c, const textbuf *b)
{
    if (c->r.word_level == LV_OFF) return;
    for (size_t i = 0; i < b->n;) {
        if (!is_alpha(b->s[i])) {
            i++;
            continue;
        }
        size_t s = i, t = i, u;
        while (t > 0 && !is_space(b->s[t - 1])) t--;
        for (u = i; u < b->n && !is_space(b->s[u]); u++) {}
        if (memchr(b->s + t, '/', u - t) || memchr(b->s + t, '@', u - t) || has_inner_dot(b->s + t, u - t)) {
            i = u; /* an address, not a word */
            continue;
        }
        int letters = 0;
        while (i < b->n && (is_alpha(b->s[i]) || b->s[i] == '-')) {
            if (is_alpha(b->s[i])) letters++;
            i++;
        }
        /* Hyphenated words are read in parts. */
        if (letters <= c->r.max_word_letters || memchr(b->s + s, '-', i - s)) continue;
        if (word_excused(c, b->s + s, i - s)) continue;
        int line, col;
        tb_pos(b, s, &line, &col);
        report(c, c->r.word_level, line, col, "use a shorter word, or explain it in words:",
               "long word '%.*s' (%d letters; at most %d for %s)", (int)(i - s), b->s + s, letters,
               c->r.max_word_letters, c->doc->meta.audience);
    }
}

static void check_sentences(ctx *c, const textbuf *b)
{
    size_t pos = 0;
    sentence s;
    while (next_sentence(b->s, b->n, &pos, &s)) {
        if (s.words == 0) continue;
        int line, col;
        if (c->r.sentence_level != LV_OFF && s.words > c->r.max_sentence_words) {
            tb_pos(b, s.start, &line, &col);
            report(c, c->r.sentence_level, line, col, "split it into shorter sentences",
                   "sentence of %d words (at most %d for %s)", s.words, c->r.max_sentence_words,
                   c->doc->meta.audience);
        }
        if (c->easy && s.more_on_line) {
            tb_pos(b, pos, &line, &col);
            report(c, LV_WARNING, line, col, "easy read starts every sentence on a new line",
                   "second sentence on the same line");
        }
    }
}

/* The words of a paragraph or heading as one text, soft breaks as spaces
 * (or line ends in easy read). */
static void flatten(ctx *c, const lp_inline *in, size_t n, textbuf *b)
{
    tb_clear(b);
    for (size_t i = 0; i < n; i++) {
        const lp_inline *r = &in[i];
        if (r->kind == IN_TEXT && r->text) {
            tb_mark(b, r->line, r->col);
            tb_put(b, r->text, strlen(r->text));
        } else if (r->kind == IN_SOFTBREAK) {
            tb_put(b, c->easy ? "\n" : " ", 1);
        } else if (r->kind == IN_LINEBREAK) {
            tb_put(b, "\n", 1);
        }
    }
}

static void check_blocks(ctx *c, const lp_block *bs, size_t n, bool quoted)
{
    textbuf b = {0};
    for (size_t i = 0; i < n; i++) {
        const lp_block *bl = &bs[i];
        if (bl->in) {
            check_inlines(c, bl->in, bl->nin);
            flatten(c, bl->in, bl->nin, &b);
            if (!quoted) {
                check_jargon(c, &b);
                check_word_lengths(c, &b);
                /* Headings are labels, not sentences. */
                if (bl->kind != BLK_HEADING) {
                    check_sentences(c, &b);
                    tb_put(&c->all, b.s, b.n);
                    tb_put(&c->all, "\n", 1);
                }
            }
        }
        if (bl->kids) check_blocks(c, bl->kids, bl->nkids, quoted || bl->kind == BLK_DEFINITION);
    }
    tb_free(&b);
}

/* --------------------------------------------------------- front matter */

/* The line of a front-matter key, read from the file because the document
 * model keeps only the title's; 0 when not found. */
static int front_key_line(const char *path, const char *key)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return 0;
    char buf[512];
    size_t k = strlen(key);
    int line = 0, found = 0;
    while (line < MAX_FRONT_LINES && fgets(buf, sizeof buf, f)) {
        line++;
        if (line > 1 && strncmp(buf, "---", 3) == 0) break;
        if (strncmp(buf, key, k) == 0 && buf[k] == ':') {
            found = line;
            break;
        }
    }
    fclose(f);
    return found;
}

static bool valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !is_digit(s[i])) return false;
    return true;
}

static void check_meta(ctx *c, const char *today)
{
    const lp_meta *m = &c->doc->meta;
    int tl = m->title_line;
    static const struct {
        const char *key;
        size_t off;
    } required[] = {
        {"reviewed", offsetof(lp_meta, reviewed)},
        {"review-by", offsetof(lp_meta, review_by)},
        {"version", offsetof(lp_meta, version)},
        {"source", offsetof(lp_meta, source)},
    };
    for (size_t i = 0; i < NELEM(required); i++) {
        const char *v = *(const char *const *)(const void *)((const char *)m + required[i].off);
        if (!v || !*v)
            report(c, LV_ERROR, tl, 1, "every leaflet says when it was checked, its version and where its facts come from",
                   "front matter has no '%s'", required[i].key);
    }
    if (m->review_by && valid_date(m->review_by) && valid_date(today) && strcmp(m->review_by, today) < 0)
        report(c, LV_WARNING, front_key_line(c->doc->path, "review-by"), 1, "check the facts and contacts, then update reviewed and review-by",
               "review date %s has passed", m->review_by);
    if (m->reviewed && m->review_by && valid_date(m->reviewed) && valid_date(m->review_by) &&
        strcmp(m->review_by, m->reviewed) < 0)
        report(c, LV_ERROR, front_key_line(c->doc->path, "review-by"), 1, NULL,
               "review-by %s is before reviewed %s", m->review_by, m->reviewed);
    if (m->picture && blank(m->picture_alt))
        report(c, LV_ERROR, front_key_line(c->doc->path, "picture"), 1, "add picture-alt: what the picture shows",
               "cover picture without alt text");
    for (size_t i = 0; i < m->ncontacts; i++) {
        const char *key = m->contacts[i].key;
        if (c->contacts && contacts_find(c->contacts, key)) continue;
        const char *guess = c->contacts ? contacts_suggest(c->contacts, key) : NULL;
        char hint[128];
        if (guess) snprintf(hint, sizeof hint, "did you mean '%s'?", guess);
        report(c, LV_ERROR, m->contacts[i].line, m->contacts[i].col,
               guess ? hint : table_hint(c, "contact keys are defined in ", ""), "unknown contact '%s'", key);
    }
}

/* ------------------------------------------------------------- entries */

int lint_doc(const lp_doc *doc, const lp_spec *spec, const lp_contacts *contacts, const char *today, lp_diag *d)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.spec = spec;
    c.contacts = contacts;
    c.d = d;
    c.easy = doc->meta.format == FMT_EASYREAD;
    read_rules(&c);
    check_meta(&c, today);
    check_blocks(&c, doc->blocks, doc->nblocks, false);
    if (c.r.ease_level != LV_OFF && c.all.n > 0) {
        lint_stats st;
        lint_measure(c.all.s, &st);
        if (st.words > 0 && st.reading_ease < c.r.ease_min) {
            char hint[160];
            snprintf(hint, sizeof hint, "%d sentences, %.1f words a sentence, %.2f syllables a word: use shorter ones",
                     st.sentences, (double)st.words / st.sentences, (double)st.syllables / st.words);
            report(&c, c.r.ease_level, doc->meta.title_line, 1, hint,
                   "reading ease %.0f is below %.0f for %s (Flesch)", st.reading_ease, c.r.ease_min,
                   doc->meta.audience);
        }
    }
    tb_free(&c.all);
    return c.errors;
}

/* ------------------------------------------------------ unused contacts */

static bool blocks_use(const lp_block *bs, size_t n, const lp_contact *ct)
{
    for (size_t i = 0; i < n; i++) {
        const lp_block *b = &bs[i];
        for (size_t k = 0; k < b->nkeys; k++)
            if (strcmp(b->keys[k].key, ct->key) == 0) return true;
        for (size_t k = 0; k < b->nin; k++) {
            const lp_inline *in = &b->in[k];
            if (in->kind != IN_TEXT) continue;
            const char *u = in->url;
            if (u && ((ct->url && strcmp(u, ct->url) == 0) || (ct->tel && strcmp(u, ct->tel) == 0) ||
                      (ct->phone && prefix_ci(u, "tel:") && strcmp(u + 4, ct->phone) == 0) ||
                      (ct->email && prefix_ci(u, "mailto:") && strcmp(u + 7, ct->email) == 0)))
                return true;
            /* {{contact:key.name}} and friends print text only, and runs are
             * merged after substitution, so the name is looked for inside. */
            if (in->text && ((ct->name && has_word(in->text, ct->name, false)) ||
                             (ct->short_name && has_word(in->text, ct->short_name, false)) ||
                             (ct->hours && strstr(in->text, ct->hours)) || (ct->note && strstr(in->text, ct->note))))
                return true;
        }
        if (b->kids && blocks_use(b->kids, b->nkids, ct)) return true;
    }
    return false;
}

static bool doc_uses(const lp_doc *doc, const lp_contact *ct)
{
    for (size_t i = 0; i < doc->meta.ncontacts; i++)
        if (strcmp(doc->meta.contacts[i].key, ct->key) == 0) return true;
    return blocks_use(doc->blocks, doc->nblocks, ct);
}

int lint_unused_contacts(const lp_contacts *contacts, const lp_doc *const *docs, size_t ndocs, lp_diag *d)
{
    if (!contacts) return 0;
    for (size_t i = 0; i < contacts->n; i++) {
        const lp_contact *ct = &contacts->items[i];
        bool used = false;
        for (size_t k = 0; k < ndocs && !used; k++)
            if (docs[k]) used = doc_uses(docs[k], ct);
        if (!used)
            diag_warn(d, contacts->path, ct->line, ct->col, "name it in a leaflet, or remove it",
                      "contact '%s' is not used by any document", ct->key);
    }
    return 0;
}
