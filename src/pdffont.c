/* pdffont.c — a face as a Type0 / CIDFontType2 font written by us (see
 * pdffont.h): one FontFile2 from hb-subset, Identity CIDs, our widths and
 * ToUnicode, a font descriptor from the face's own tables. */
#include "pdffont.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A CMap block holds at most 100 entries (PDF 32000-1, 9.10.3). */
#define CMAP_BLOCK 100

typedef struct used {
    uint32_t gid, cid;
    int width;          /* thousandths of an em */
    const char *text;   /* the characters it stands for (first of a cluster) */
    size_t len;
    bool has_text;
} used;

struct pdffont {
    lp_arena *a;
    const lp_fonts *fonts;
    int face;
    unsigned nglyphs;
    uint32_t *slot; /* [nglyphs]: index + 1 into uses, 0 when unused */
    LP_VEC(used) uses;
    HPDF_Dict font;
};

pdffont *pdffont_new(lp_arena *a, const lp_fonts *fonts, int face)
{
    pdffont *p = arena_alloc(a, sizeof *p);
    p->a = a;
    p->fonts = fonts;
    p->face = face;
    p->nglyphs = fonts_glyph_count(fonts, face);
    p->slot = arena_alloc(a, (p->nglyphs ? p->nglyphs : 1) * sizeof *p->slot);
    return p;
}

static const used *find(const pdffont *p, uint32_t gid)
{
    return gid < p->nglyphs && p->slot[gid] ? &p->uses.v[p->slot[gid] - 1] : NULL;
}

void pdffont_use(pdffont *p, uint32_t gid, bool first, const char *text, size_t len)
{
    if (gid >= p->nglyphs) return;
    if (!p->slot[gid]) {
        used u = {gid, 0, 0, NULL, 0, false};
        VEC_PUSH(p->a, p->uses, u);
        p->slot[gid] = (uint32_t)p->uses.n;
    }
    used *u = &p->uses.v[p->slot[gid] - 1];
    /* The first text a glyph is seen drawing is what it maps to; a glyph
     * drawn for other text elsewhere is caught by pdffont_maps. */
    if (first && !u->has_text && len > 0) {
        u->text = text;
        u->len = len;
        u->has_text = true;
    }
}

uint32_t pdffont_cid(const pdffont *p, uint32_t gid)
{
    const used *u = find(p, gid);
    return u ? u->cid : 0;
}

int pdffont_width(const pdffont *p, uint32_t gid)
{
    const used *u = find(p, gid);
    return u ? u->width : 0;
}

bool pdffont_maps(const pdffont *p, uint32_t gid, bool first, const char *text, size_t len)
{
    const used *u = find(p, gid);
    if (!u) return false;
    if (!first) return false; /* a glyph with no text of its own has no ToUnicode entry */
    return u->has_text && u->len == len && memcmp(u->text, text, len) == 0;
}

int pdffont_select(pdffont *p, HPDF_Page page, double size)
{
    const char *name = HPDF_Page_GetLocalFontName(page, p->font);
    if (!name) return -1;
    char buf[96];
    snprintf(buf, sizeof buf, "/%s %.4g Tf\n", name, size);
    return HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, buf) == HPDF_OK ? 0 : -1;
}

/* ------------------------------------------------------------ embedding */

static int by_gid(const void *x, const void *y)
{
    uint32_t a = ((const used *)x)->gid, b = ((const used *)y)->gid;
    return a < b ? -1 : a > b;
}

/* The subset tag: six capitals from the face and the glyphs kept, so the
 * same document always gets the same name (PDF 32000-1, 9.6.4). */
static void subset_tag(const pdffont *p, const char *ps_name, char tag[8])
{
    uint64_t h = 1469598103934665603ull;
    for (const char *c = ps_name; *c; c++) h = (h ^ (unsigned char)*c) * 1099511628211ull;
    for (size_t i = 0; i < p->uses.n; i++) h = (h ^ p->uses.v[i].gid) * 1099511628211ull;
    for (int i = 0; i < 6; i++, h /= 26) tag[i] = (char)('A' + h % 26);
    tag[6] = '+';
    tag[7] = 0;
}

static double units(const lp_font_info *fi, double v)
{
    return round(v * 1000.0 / fi->upem);
}

/* The single BMP character a glyph maps to, or -1. */
static long single_bmp(const used *u)
{
    if (!u->has_text) return -1;
    uint32_t cp;
    int k = utf8_decode(u->text, u->len, &cp);
    return k > 0 && (size_t)k == u->len && cp < 0x10000 ? (long)cp : -1;
}

/* Entries u[i..j] form one bfrange: consecutive codes to consecutive
 * characters, all sharing the high byte of code and of character. */
static size_t range_end(const used *u, size_t n, size_t i)
{
    long c0 = single_bmp(&u[i]);
    if (c0 < 0) return i;
    size_t j = i;
    while (j + 1 < n) {
        long c = single_bmp(&u[j + 1]);
        if (c < 0 || u[j + 1].cid != u[j].cid + 1 || c != single_bmp(&u[j]) + 1 ||
            (u[j + 1].cid >> 8) != (u[i].cid >> 8) || (c >> 8) != (c0 >> 8))
            break;
        j++;
    }
    return j;
}

/* "<%04X>" into out (room for 16), by hand: a ToUnicode map has an entry
 * for every glyph a document draws.  Returns its length. */
static size_t code_hex(char *out, unsigned code)
{
    static const char hex[] = "0123456789ABCDEF";
    if (code > 0xFFFF) return (size_t)snprintf(out, 16, "<%04X>", code);
    out[0] = '<';
    out[1] = hex[code >> 12], out[2] = hex[(code >> 8) & 15], out[3] = hex[(code >> 4) & 15];
    out[4] = hex[code & 15];
    out[5] = '>';
    return 6;
}

static int write_cmap_blocks(HPDF_Stream s, const used *u, size_t n, bool ranges, lp_arena *a)
{
    size_t entries = 0, longest = 0;
    for (size_t i = 0; i < n; i++)
        if (u[i].len > longest) longest = u[i].len;
    for (size_t i = 0; i < n;) {
        if (!u[i].has_text) {
            i++;
            continue;
        }
        size_t j = range_end(u, n, i);
        if ((j > i) == ranges) entries++;
        i = j + 1;
    }
    char *hex = arena_alloc(a, longest * 8 + 3);
    char line[64];
    HPDF_STATUS ret = 0;
    size_t done = 0;
    for (size_t i = 0; i < n;) {
        if (!u[i].has_text) {
            i++;
            continue;
        }
        size_t j = range_end(u, n, i);
        if ((j > i) == ranges) {
            if (done % CMAP_BLOCK == 0) {
                size_t left = entries - done;
                snprintf(line, sizeof line, "%zu begin%s\n", left < CMAP_BLOCK ? left : CMAP_BLOCK,
                         ranges ? "bfrange" : "bfchar");
                ret += HPDF_Stream_WriteStr(s, line);
            }
            size_t o = 0;
            o += code_hex(line + o, (unsigned)u[i].cid);
            if (ranges) o += code_hex(line + o, (unsigned)u[j].cid);
            line[o++] = '<';
            size_t k = utf16_hex(u[i].text, u[i].len, hex);
            hex[k++] = '>', hex[k++] = '\n';
            ret += HPDF_Stream_Write(s, (const HPDF_BYTE *)line, (HPDF_UINT)o);
            ret += HPDF_Stream_Write(s, (const HPDF_BYTE *)hex, (HPDF_UINT)k);
            done++;
            if (done % CMAP_BLOCK == 0 || done == entries)
                ret += HPDF_Stream_WriteStr(s, ranges ? "endbfrange\n" : "endbfchar\n");
        }
        i = j + 1;
    }
    return ret == HPDF_OK ? 0 : -1;
}

static HPDF_Dict to_unicode(pdffont *p, HPDF_Doc pdf, const used *u, size_t n)
{
    HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!cmap) return NULL;
    HPDF_Stream s = cmap->stream;
    HPDF_STATUS ret = HPDF_Stream_WriteStr(
        s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
           "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
           "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
           "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
    if (ret != HPDF_OK || write_cmap_blocks(s, u, n, true, p->a) ||
        write_cmap_blocks(s, u, n, false, p->a))
        return NULL;
    ret = HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return ret == HPDF_OK ? cmap : NULL;
}

/* /W as runs of consecutive codes: [c [w w w] c' [w w] ...]. */
static HPDF_Array widths(HPDF_Doc pdf, const used *u, size_t n)
{
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    if (!w) return NULL;
    HPDF_STATUS ret = 0;
    for (size_t i = 0; i < n;) {
        HPDF_Array run = HPDF_Array_New(pdf->mmgr);
        if (!run) return NULL;
        ret += HPDF_Array_AddNumber(w, (HPDF_INT32)u[i].cid);
        ret += HPDF_Array_Add(w, run);
        size_t j = i;
        do ret += HPDF_Array_AddNumber(run, u[j].width);
        while (++j < n && u[j].cid == u[j - 1].cid + 1);
        i = j;
    }
    return ret == HPDF_OK ? w : NULL;
}

static HPDF_Dict descriptor(pdffont *p, HPDF_Doc pdf, const lp_font_info *fi, const char *base,
                            const unsigned char *data, size_t len)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict file = HPDF_DictStream_New(mm, pdf->xref);
    if (!file) return NULL;
    HPDF_STATUS ret = HPDF_Stream_Write(file->stream, data, (HPDF_UINT)len);
    ret += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);

    HPDF_Dict fd = HPDF_Dict_New(mm);
    if (!fd || HPDF_Xref_Add(pdf->xref, fd) != HPDF_OK) return NULL;
    /* PDF 32000-1, 9.8.2: FixedPitch 1, Serif 2, Symbolic 3, Nonsymbolic
     * 6, Italic 7 (bit numbers from 1). */
    HPDF_INT32 flags = (fi->fixed_pitch ? 1 : 0) | (fi->serif ? 2 : 0) | (fi->symbolic ? 4 : 32) |
                       (fi->italic ? 64 : 0);
    /* TrueType has no stem width; this estimate from the weight class is
     * the one PDF writers commonly use. */
    double stem_v = 10 + 220 * (fi->weight - 50) / 900.0;
    HPDF_Array bbox = HPDF_Array_New(mm);
    if (!bbox) return NULL;
    for (int k = 0; k < 4; k++) ret += HPDF_Array_AddNumber(bbox, (HPDF_INT32)units(fi, fi->bbox[k]));
    ret += HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddName(fd, "FontName", base);
    ret += HPDF_Dict_AddNumber(fd, "Flags", flags);
    ret += HPDF_Dict_Add(fd, "FontBBox", bbox);
    ret += HPDF_Dict_AddNumber(fd, "ItalicAngle", (HPDF_INT32)round(fi->italic_angle));
    ret += HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)units(fi, fi->ascender));
    ret += HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)units(fi, fi->descender));
    ret += HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)units(fi, fi->cap_height));
    ret += HPDF_Dict_AddNumber(fd, "XHeight", (HPDF_INT32)units(fi, fi->x_height));
    ret += HPDF_Dict_AddNumber(fd, "StemV", (HPDF_INT32)round(stem_v < 10 ? 10 : stem_v));
    ret += HPDF_Dict_Add(fd, "FontFile2", file);
    (void)p;
    return ret == HPDF_OK ? fd : NULL;
}

int pdffont_embed(pdffont *p, HPDF_Doc pdf, lp_diag *d)
{
    size_t n = p->uses.n;
    if (n == 0) return 0;
    used *u = p->uses.v;
    qsort(u, n, sizeof *u, by_gid);
    for (size_t i = 0; i < n; i++) p->slot[u[i].gid] = (uint32_t)i + 1;
    uint32_t *gids = arena_alloc(p->a, n * sizeof *gids), *cids = arena_alloc(p->a, n * sizeof *cids);
    for (size_t i = 0; i < n; i++) gids[i] = u[i].gid;
    unsigned char *data = NULL;
    size_t len = 0;
    if (fonts_subset(p->fonts, p->face, gids, n, cids, &data, &len, d)) return -1;
    lp_font_info fi;
    fonts_info(p->fonts, p->face, &fi);
    for (size_t i = 0; i < n; i++) {
        u[i].cid = cids[i];
        u[i].width = (int)units(&fi, fonts_glyph_advance(p->fonts, p->face, u[i].gid));
    }
    /* Renumbering keeps the order of the ids, so codes ascend with u. */
    char tag[8];
    subset_tag(p, fi.ps_name, tag);
    const char *base = arena_printf(p->a, "%s%s", tag, fi.ps_name);

    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict fd = descriptor(p, pdf, &fi, base, data, len);
    free(data);
    HPDF_Dict cid = HPDF_Dict_New(mm), info = HPDF_Dict_New(mm);
    HPDF_Array w = widths(pdf, u, n), kids = HPDF_Array_New(mm);
    HPDF_Dict cmap = to_unicode(p, pdf, u, n);
    p->font = HPDF_Dict_New(mm);
    if (!fd || !cid || !info || !w || !kids || !cmap || !p->font ||
        HPDF_Xref_Add(pdf->xref, p->font) != HPDF_OK)
        return -1;
    HPDF_STATUS ret = HPDF_Dict_AddName(cid, "Type", "Font");
    ret += HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    ret += HPDF_Dict_AddName(cid, "BaseFont", base);
    ret += HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    ret += HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    ret += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
    ret += HPDF_Dict_Add(cid, "FontDescriptor", fd);
    ret += HPDF_Dict_Add(cid, "W", w);
    ret += HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    ret += HPDF_Dict_AddName(p->font, "Type", "Font");
    ret += HPDF_Dict_AddName(p->font, "Subtype", "Type0");
    ret += HPDF_Dict_AddName(p->font, "BaseFont", base);
    ret += HPDF_Dict_AddName(p->font, "Encoding", "Identity-H");
    ret += HPDF_Dict_Add(p->font, "DescendantFonts", kids);
    ret += HPDF_Array_Add(kids, cid);
    ret += HPDF_Dict_Add(p->font, "ToUnicode", cmap);
    return ret == HPDF_OK ? 0 : -1;
}
