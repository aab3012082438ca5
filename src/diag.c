/* diag.c — diagnostics with file:line:col, and "did you mean" suggestions. */
#include "leafpress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xstrdup(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) abort();
    memcpy(p, s, n);
    return p;
}

void diag_init(lp_diag *d) { memset(d, 0, sizeof *d); }

void diag_truncate(lp_diag *d, size_t n)
{
    for (size_t i = n; i < d->n; i++) {
        if (d->items[i].sev == LP_ERROR) d->errors--;
        else if (d->items[i].sev == LP_WARNING) d->warnings--;
        free(d->items[i].file);
        free(d->items[i].msg);
        free(d->items[i].hint);
    }
    if (d->n > n) d->n = n;
}

void diag_free(lp_diag *d)
{
    if (!d) return;
    diag_truncate(d, 0);
    free(d->items);
    memset(d, 0, sizeof *d);
}

static lp_diag_item *push(lp_diag *d)
{
    if (d->n == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        lp_diag_item *p = realloc(d->items, ncap * sizeof *p);
        if (!p) abort();
        d->items = p;
        d->cap = ncap;
    }
    return &d->items[d->n++];
}

void diag_vadd(lp_diag *d, lp_severity sev, const char *file, int line, int col, const char *hint,
               const char *fmt, va_list ap)
{
    if (!d) return;
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    lp_diag_item *it = push(d);
    it->sev = sev;
    it->file = xstrdup(file ? file : "leafpress");
    it->line = line;
    it->col = col;
    it->msg = xstrdup(buf);
    it->hint = xstrdup(hint);
    if (sev == LP_ERROR) d->errors++;
    else if (sev == LP_WARNING) d->warnings++;
}

void diag_add(lp_diag *d, lp_severity sev, const char *file, int line, int col, const char *hint,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, file, line, col, hint, fmt, ap);
    va_end(ap);
}

void diag_move(lp_diag *dst, lp_diag *src)
{
    for (size_t i = 0; i < src->n; i++) *push(dst) = src->items[i];
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    free(src->items);
    memset(src, 0, sizeof *src);
}

/* Would this code point move the cursor, change colours, start a
 * terminal command or reorder what is shown? */
static bool unsafe_cp(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

char *diag_escape(const char *s, char *buf, size_t size)
{
    size_t w = 0, n = s ? strlen(s) : 0;
    if (!size) return buf;
    for (size_t i = 0; i < n;) {
        char tmp[12];
        size_t len;
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) { /* not UTF-8: the byte, in hex */
            len = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned char)s[i]);
            k = 1;
        } else if (cp == '\t') {
            len = (size_t)snprintf(tmp, sizeof tmp, "\\t");
        } else if (cp == '\n') {
            len = (size_t)snprintf(tmp, sizeof tmp, "\\n");
        } else if (unsafe_cp(cp)) {
            len = (size_t)snprintf(tmp, sizeof tmp, cp < 0x100 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
        } else {
            memcpy(tmp, s + i, (size_t)k);
            len = (size_t)k;
        }
        if (w + len >= size) break;
        memcpy(buf + w, tmp, len);
        w += len;
        i += (size_t)k;
    }
    buf[w] = '\0';
    return buf;
}

char *diag_format(const lp_diag_item *it, char *buf, size_t size)
{
    static const char *const sev[] = {"note", "warning", "error"};
    char where[64] = "";
    if (it->line > 0 && it->col > 0) snprintf(where, sizeof where, ":%d:%d", it->line, it->col);
    else if (it->line > 0) snprintf(where, sizeof where, ":%d", it->line);
    /* File names and messages (which quote file names and text) reach a
     * terminal: a name holding ESC or a newline must not forge a line. */
    char file[1024], msg[2048], hint[1024];
    diag_escape(it->file, file, sizeof file);
    diag_escape(it->msg, msg, sizeof msg);
    if (it->hint)
        snprintf(buf, size, "%s%s: %s: %s (%s)", file, where, sev[it->sev], msg,
                 diag_escape(it->hint, hint, sizeof hint));
    else
        snprintf(buf, size, "%s%s: %s: %s", file, where, sev[it->sev], msg);
    return buf;
}

/* Optimal string alignment distance (Levenshtein plus transpositions), which
 * counts the commonest typo, two swapped letters, as one edit. */
size_t lp_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *lp_closest(const char *word, const char *const *cands, size_t n)
{
    if (!word) return NULL;
    size_t limit = strlen(word) / 3;
    if (limit < 2) limit = 2;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i]) continue;
        size_t dist = lp_edit_distance(word, cands[i]);
        if (dist < best_d) {
            best_d = dist;
            best = cands[i];
        }
    }
    return best;
}
