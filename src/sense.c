/* sense.c — sense lines and word matching; see sense.h. */
#include "sense.h"

#include <string.h>

/* Words that end in a full stop without ending a sentence. */
static const char *const titles[] = {"dr", "mr", "mrs", "ms", "mx", "st", "prof", "etc", "approx"};

static bool is_title(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        size_t k = 0;
        while (k < n && titles[i][k] && (w[k] | 0x20) == titles[i][k]) k++;
        if (k == n && !titles[i][k]) return true;
    }
    return false;
}

/* The first place in t where a sentence ends and another starts: the end
 * of its mark (. ! ? and any closing quote or bracket), with white space
 * after it and then a capital letter, in t or, where t ends there, at the
 * start of next (the inline after t; NULL if none).  A word with a full
 * stop inside ("e.g.") or a title ("Dr.") ends no sentence.  NULL if none. */
static const char *sentence_end(const char *t, const char *next)
{
    for (const char *p = t; *p; p++) {
        if (!strchr(".!?", *p) || p == t) continue;
        const char *e = p + 1;
        while (*e && strchr(".!?", *e)) e++;
        for (;;) {
            if (*e == ')' || *e == '\'' || *e == '"') e++;
            /* U+2019 and U+201D: E2 80 99 / E2 80 9D */
            else if ((unsigned char)e[0] == 0xE2 && (unsigned char)e[1] == 0x80 &&
                     ((unsigned char)e[2] == 0x99 || (unsigned char)e[2] == 0x9D))
                e += 3;
            else
                break;
        }
        const char *s = e, *c = NULL;
        while (*s == ' ' || *s == '\t') s++;
        if (*s) {
            if (s == e) continue; /* "9.30", "e.g" */
            c = s;
        } else {
            /* t ends here: the next sentence starts the next inline */
            if (!next) continue;
            c = next;
            while (*c == ' ' || *c == '\t') c++;
            if (c == next && s == e) continue;
        }
        if (!(*c >= 'A' && *c <= 'Z')) continue;
        const char *w = p;
        while (w > t && w[-1] != ' ' && w[-1] != '\t') w--;
        if (memchr(w, '.', (size_t)(p - w)) || is_title(w, (size_t)(p - w))) continue;
        return e;
    }
    return NULL;
}

lp_inline *sense_sentences(lp_arena *a, const lp_inline *in, size_t n, size_t *nout)
{
    size_t cap = n ? n : 1, k = 0;
    lp_inline *out = arena_alloc(a, cap * sizeof *out);
    bool strip = false; /* the sentence before ended in the inline before */
    for (size_t i = 0; i < n; i++) {
        lp_inline x = in[i];
        if (x.kind != IN_TEXT) strip = false;
        bool plain = x.kind == IN_TEXT && !x.nobreak && !x.url;
        if (plain && strip) {
            const char *t = x.text;
            while (*t == ' ' || *t == '\t') t++;
            if (!x.elsewhere) x.col += (int)(t - x.text);
            x.text = t;
            strip = false;
        }
        const char *next = i + 1 < n && in[i + 1].kind == IN_TEXT ? in[i + 1].text : NULL;
        const char *e;
        while (plain && (e = sentence_end(x.text, next))) {
            if (k + 2 >= cap) {
                lp_inline *grown = arena_alloc(a, 2 * cap * sizeof *out);
                memcpy(grown, out, k * sizeof *out);
                out = grown;
                cap *= 2;
            }
            lp_inline head = x, brk = x;
            head.text = arena_strndup(a, x.text, (size_t)(e - x.text));
            out[k++] = head;
            brk.kind = IN_LINEBREAK;
            brk.text = "";
            out[k++] = brk;
            const char *r = e;
            while (*r == ' ' || *r == '\t') r++;
            if (!x.elsewhere) x.col += (int)(r - x.text);
            x.text = r;
            if (!*r) {
                strip = true;
                break;
            }
        }
        if (plain && !*x.text) continue;
        if (k + 1 >= cap) {
            lp_inline *grown = arena_alloc(a, 2 * cap * sizeof *out);
            memcpy(grown, out, k * sizeof *out);
            out = grown;
            cap *= 2;
        }
        out[k++] = x;
    }
    *nout = k;
    return out;
}

lp_inline *sense_lines(lp_arena *a, const lp_inline *in, size_t n, size_t *nout)
{
    lp_inline *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        lp_inline x = in[i];
        if (x.kind == IN_SOFTBREAK) x.kind = IN_LINEBREAK;
        /* Numbers to call are key words: bold, as in the mock-up. */
        if (x.kind == IN_TEXT && x.url && strncmp(x.url, "tel:", 4) == 0) x.style |= IS_BOLD;
        if (k == 0) {
            if (x.kind == IN_LINEBREAK || x.kind == IN_IMAGE) continue;
            if (x.kind == IN_TEXT) {
                const char *t = x.text;
                while (*t == ' ' || *t == '\t') t++;
                if (!*t) continue;
                x.col += (int)(t - x.text);
                x.text = t;
            }
        }
        out[k++] = x;
    }
    return sense_sentences(a, out, k, nout);
}

lp_block *sense_blocks(lp_arena *a, const lp_block *b, size_t n)
{
    lp_block *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[i] = b[i];
        if (b[i].nin) out[i].in = sense_lines(a, b[i].in, b[i].nin, &out[i].nin);
        if (b[i].nkids) out[i].kids = sense_blocks(a, b[i].kids, b[i].nkids);
    }
    return out;
}

char *sense_fold(lp_arena *a, const lp_inline *in, size_t n)
{
    size_t cap = 2;
    for (size_t i = 0; i < n; i++) cap += (in[i].kind == IN_TEXT ? strlen(in[i].text) : 0) + 1;
    char *out = arena_alloc(a, cap), *o = out;
    *o++ = ' ';
    for (size_t i = 0; i < n; i++) {
        const char *t = in[i].kind == IN_TEXT ? in[i].text : " ";
        if (in[i].kind == IN_IMAGE) continue;
        for (; *t; t++) {
            unsigned char c = (unsigned char)*t;
            /* U+2018 and U+2019 are E2 80 98 / E2 80 99. */
            if (c == 0xE2 && (unsigned char)t[1] == 0x80 &&
                ((unsigned char)t[2] == 0x98 || (unsigned char)t[2] == 0x99)) {
                *o++ = '\'';
                t += 2;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n') {
                if (o[-1] != ' ') *o++ = ' ';
                continue;
            }
            *o++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        if (in[i].kind != IN_TEXT && o[-1] != ' ') *o++ = ' ';
    }
    *o = '\0';
    return out;
}

static bool word_char(char c)
{
    unsigned char u = (unsigned char)c;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
}

long sense_find_word(const char *text, const char *word)
{
    size_t wl = strlen(word);
    if (wl == 0) return -1;
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        bool before = p > text && word_char(p[-1]) && word_char(word[0]);
        bool after = word_char(p[wl]) && word_char(word[wl - 1]);
        if (!before && !after) return (long)(p - text);
    }
    return -1;
}

const char *sense_fold_word(lp_arena *a, const char *term)
{
    lp_inline t = {.kind = IN_TEXT, .text = term};
    const char *folded = sense_fold(a, &t, 1);
    /* sense_fold pads with a space before; the word itself has none after. */
    size_t fl = strlen(folded);
    while (fl && folded[fl - 1] == ' ') fl--;
    return arena_strndup(a, folded + 1, fl ? fl - 1 : 0);
}

size_t sense_take_words(lp_arena *a, const char *text, const char *const *words, size_t nwords,
                        bool *taken, size_t *out)
{
    long *pos = arena_alloc(a, (nwords ? nwords : 1) * sizeof *pos);
    size_t n = 0;
    for (size_t k = 0; k < nwords; k++) {
        long p = taken[k] ? -1 : sense_find_word(text, words[k]);
        if (p < 0) continue;
        taken[k] = true;
        /* Insertion by position: in the order the words are read. */
        size_t j = n++;
        while (j > 0 && pos[j - 1] > p) {
            out[j] = out[j - 1];
            pos[j] = pos[j - 1];
            j--;
        }
        out[j] = k;
        pos[j] = p;
    }
    return n;
}
