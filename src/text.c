/* text.c — UTF-8 decoding and validation, UTF-16 hex for PDF strings, and
 * byte offset -> line:col. */
#include "leafpress.h"

#include <stdio.h>
#include <string.h>

int utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) return 0;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) n = 2, v = c & 0x1Fu, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 3, v = c & 0x0Fu, min = 0x800;
    else if ((c & 0xF8) == 0xF0) n = 4, v = c & 0x07u, min = 0x10000;
    else return 0;
    if (len < (size_t)n) return 0;
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (u[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

int utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_check(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* Runs of ASCII eight bytes at a time. */
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ull) == 0)) i += 8;
        while (i < len && (unsigned char)s[i] < 0x80) i++;
        if (i == len) break;
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) return i;
        i += (size_t)n;
    }
    return len;
}

size_t utf16_hex(const char *text, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(text + i, len - i, &cp);
        if (k == 0) cp = 0xFFFD, k = 1;
        i += (size_t)k;
        /* Four hex digits a unit, by hand (as "%04X"): every ToUnicode
         * entry and ActualText of a document passes here. */
        static const char hex[] = "0123456789ABCDEF";
        uint32_t units[2] = {cp, 0};
        int nu = 1;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000;
            units[0] = 0xD800 + (v >> 10), units[1] = 0xDC00 + (v & 0x3FF), nu = 2;
        }
        for (int u = 0; u < nu; u++) {
            uint32_t x = units[u] & 0xFFFF;
            out[o++] = hex[x >> 12], out[o++] = hex[(x >> 8) & 15], out[o++] = hex[(x >> 4) & 15];
            out[o++] = hex[x & 15];
        }
    }
    out[o] = 0;
    return o;
}

void text_line_col(const char *text, size_t off, int first_line, int *line, int *col)
{
    int l = first_line, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
