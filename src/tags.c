/* tags.c — PDF/UA tagging: marked content, the structure tree, the parent
 * tree, XMP; plus the small repairs libharu needs (version, /ID, UTF-16
 * Info strings).
 *
 * libharu has no public API for any of this; its internal headers are
 * included here and, for what they write, in pdffont.c (fonts) and pdfx.c
 * (PDF/X) only, so a libharu upgrade breaks those three files.
 */
#include "tags.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_utils.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One marked-content sequence: the MCID-th on its page, belonging to snode. */
typedef struct mcr {
    int snode, page, mcid;
    long seq; /* position in painting order, to merge with child elements */
} mcr;

/* One link annotation that a Link element must point to. */
typedef struct objr {
    int snode, page, key;
    long seq;
    HPDF_Annotation annot;
} objr;

struct tags_doc {
    HPDF_Doc pdf;
    const lp_pages *pages;
    lp_arena *a;
    HPDF_Page *page_obj; /* [npages] as seen by tags_mark / tags_link */
    int *next_mcid;      /* [npages] */
    int open_page, open_snode; /* open_page < 0: no sequence open */
    long seq;
    LP_VEC(mcr) mcrs;
    LP_VEC(objr) links;
};

static HPDF_Stream page_stream(HPDF_Page page)
{
    return ((HPDF_PageAttr)page->attr)->stream;
}

int tags_write_raw(HPDF_Page page, const char *s)
{
    return tags_write_bytes(page, s, strlen(s));
}

int tags_write_bytes(HPDF_Page page, const char *s, size_t n)
{
    return HPDF_Stream_Write(page_stream(page), (const HPDF_BYTE *)s, (HPDF_UINT)n) == HPDF_OK ? 0 : -1;
}

char *tags_real(char *p, double v)
{
    return HPDF_FToA(p, (HPDF_REAL)v, p + 31);
}

void tags_set_version_17(HPDF_Doc pdf)
{
    pdf->pdf_version = HPDF_VER_17;
}

/* The file being saved, as it grows. */
typedef struct saved {
    unsigned char *p;
    size_t n, cap;
} saved;

static HPDF_STATUS save_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    saved *b = stream->attr;
    if (b->n + size > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->n + size) cap *= 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p) return HPDF_FAILD_TO_ALLOC_MEM;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, ptr, size);
    b->n += size;
    return HPDF_OK;
}

int tags_save(HPDF_Doc pdf, unsigned char **out, size_t *len)
{
    saved b = {NULL, 0, 0};
    *out = NULL;
    *len = 0;
    /* HPDF_SaveToStream writes to the document's stream when it has one,
     * and only empties it first when it is a memory stream. */
    HPDF_Stream s = HPDF_CallbackWriter_New(pdf->mmgr, save_write, &b);
    if (!s) return -1;
    if (pdf->stream) HPDF_Stream_Free(pdf->stream);
    pdf->stream = s;
    HPDF_STATUS rc = HPDF_SaveToStream(pdf);
    HPDF_Stream_Free(s);
    pdf->stream = NULL;
    if (rc != HPDF_OK) {
        free(b.p);
        return -1;
    }
    *out = b.p ? b.p : malloc(1);
    *len = b.n;
    return *out ? 0 : -1;
}

/* A PDF text string: UTF-16BE with a byte-order mark, so any title or alt
 * text survives (libharu's string objects would push it through the
 * document's current encoder).  Invalid UTF-8 bytes are skipped. */
static HPDF_Binary text_string(HPDF_Doc pdf, const char *utf8)
{
    size_t len = strlen(utf8);
    HPDF_BYTE *buf = HPDF_GetMem(pdf->mmgr, (HPDF_UINT)(2 + 4 * len + 2));
    if (!buf) return NULL;
    size_t n = 0;
    buf[n++] = 0xFE;
    buf[n++] = 0xFF;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(utf8 + i, len - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000;
            uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            buf[n++] = (HPDF_BYTE)(hi >> 8);
            buf[n++] = (HPDF_BYTE)hi;
            buf[n++] = (HPDF_BYTE)(lo >> 8);
            buf[n++] = (HPDF_BYTE)lo;
        } else {
            buf[n++] = (HPDF_BYTE)(cp >> 8);
            buf[n++] = (HPDF_BYTE)cp;
        }
    }
    HPDF_Binary b = HPDF_Binary_New(pdf->mmgr, buf, (HPDF_UINT)n);
    HPDF_FreeMem(pdf->mmgr, buf);
    return b;
}

/* Printable ASCII reads the same in PDFDocEncoding, as a literal string
 * a quarter the size of its UTF-16 hex. */
static bool printable_ascii(const char *s)
{
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7e) return false;
    return true;
}

static int add_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *utf8)
{
    if (printable_ascii(utf8)) {
        HPDF_String str = HPDF_String_New(pdf->mmgr, utf8, NULL);
        return str && HPDF_Dict_Add(dict, key, str) == HPDF_OK ? 0 : -1;
    }
    HPDF_Binary b = text_string(pdf, utf8);
    if (!b) return -1;
    return HPDF_Dict_Add(dict, key, b) == HPDF_OK ? 0 : -1;
}

int tags_set_info(HPDF_Doc pdf, const char *key, const char *utf8)
{
    if (!utf8) return 0;
    if (!pdf->info) {
        /* Created the way libharu's own GetInfo does; saving links it from
         * the trailer. */
        pdf->info = HPDF_Dict_New(pdf->mmgr);
        if (!pdf->info) return -1;
        if (HPDF_Xref_Add(pdf->xref, pdf->info) != HPDF_OK) {
            pdf->info = NULL;
            return -1;
        }
    }
    return add_text(pdf, pdf->info, key, utf8);
}

int tags_set_id(HPDF_Doc pdf, const unsigned char id[16])
{
    HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
    if (!arr) return -1;
    if (HPDF_Dict_Add(pdf->trailer, "ID", arr) != HPDF_OK) return -1;
    HPDF_STATUS ret = 0;
    for (int i = 0; i < 2; i++)
        ret += HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
    return ret == HPDF_OK ? 0 : -1;
}

int tags_set_page_box(HPDF_Doc pdf, HPDF_Page page, const char *name, double left, double bottom,
                      double right, double top)
{
    HPDF_Box box = {(HPDF_REAL)left, (HPDF_REAL)bottom, (HPDF_REAL)right, (HPDF_REAL)top};
    HPDF_Array arr = HPDF_Box_Array_New(pdf->mmgr, box);
    if (!arr) return -1;
    return HPDF_Dict_Add(page, name, arr) == HPDF_OK ? 0 : -1;
}

/* ------------------------------------------------------- marked content */

tags_doc *tags_new(HPDF_Doc pdf, const lp_pages *pages, lp_arena *a)
{
    tags_doc *t = arena_alloc(a, sizeof *t);
    t->pdf = pdf;
    t->pages = pages;
    t->a = a;
    size_t np = pages->npages > 0 ? (size_t)pages->npages : 1;
    t->page_obj = arena_alloc(a, np * sizeof *t->page_obj);
    t->next_mcid = arena_alloc(a, np * sizeof *t->next_mcid);
    t->open_page = -1;
    t->open_snode = -1;
    return t;
}

int tags_close_page(tags_doc *t, HPDF_Page page)
{
    if (t->open_page < 0) return 0;
    t->open_page = -1;
    return tags_write_raw(page, "EMC\n");
}

int tags_mark(tags_doc *t, HPDF_Page page, int pageno, int snode)
{
    if (pageno < 0 || pageno >= t->pages->npages) return -1;
    if (snode >= (int)t->pages->snodes.n) snode = -1;
    t->page_obj[pageno] = page;
    if (t->open_page == pageno && t->open_snode == snode) return 0;
    if (t->open_page >= 0 && tags_close_page(t, t->page_obj[t->open_page])) return -1;
    t->open_page = pageno;
    t->open_snode = snode;
    if (snode < 0) return tags_write_raw(page, "/Artifact BMC\n");
    mcr m = {snode, pageno, t->next_mcid[pageno]++, t->seq++};
    VEC_PUSH(t->a, t->mcrs, m);
    char buf[96];
    snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n", t->pages->snodes.v[snode].role, m.mcid);
    return tags_write_raw(page, buf);
}

int tags_link(tags_doc *t, HPDF_Annotation annot, HPDF_Page page, int pageno, int snode,
              const char *contents)
{
    if (pageno < 0 || pageno >= t->pages->npages) return -1;
    t->page_obj[pageno] = page;
    if (contents && add_text(t->pdf, annot, "Contents", contents)) return -1;
    /* Tab order follows the structure on any page with annotations (UA). */
    if (HPDF_Dict_AddName(page, "Tabs", "S") != HPDF_OK) return -1;
    if (snode < 0 || snode >= (int)t->pages->snodes.n) return 0;
    objr o = {snode, pageno, t->pages->npages + (int)t->links.n, t->seq++, annot};
    VEC_PUSH(t->a, t->links, o);
    return HPDF_Dict_AddNumber(annot, "StructParent", o.key) == HPDF_OK ? 0 : -1;
}

/* ------------------------------------------------------------ bookmarks */

HPDF_Destination tags_dest(tags_doc *t, int pageno, double top)
{
    if (pageno < 0 || pageno >= t->pages->npages || !t->page_obj[pageno]) return NULL;
    HPDF_Destination d = HPDF_Page_CreateDestination(t->page_obj[pageno]);
    /* The page at the line's height, as wide as the window (libharu's XYZ
     * takes no "keep the zoom"). */
    if (!d || HPDF_Destination_SetFitH(d, (HPDF_REAL)(top > 0 ? top : 0)) != HPDF_OK) return NULL;
    return d;
}

HPDF_Outline tags_bookmark(tags_doc *t, HPDF_Outline parent, const char *utf8, HPDF_Destination dest)
{
    /* libharu encodes the title through an encoder; it is replaced by a
     * UTF-16 text string so any title survives. */
    HPDF_Outline o = HPDF_CreateOutline(t->pdf, parent, "", NULL);
    if (!o || add_text(t->pdf, o, "Title", utf8)) return NULL;
    if (HPDF_Outline_SetDestination(o, dest) != HPDF_OK) return NULL;
    if (HPDF_Outline_SetOpened(o, HPDF_TRUE) != HPDF_OK) return NULL;
    return o;
}

/* ------------------------------------------------------------ the rules */

/* PDF 32000-1:2008, 14.8.4. */
static const char *const standard_types[] = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"};

static bool is_standard(const char *role)
{
    for (size_t i = 0; i < sizeof standard_types / sizeof *standard_types; i++)
        if (strcmp(role, standard_types[i]) == 0) return true;
    return false;
}

int tags_heading_level(const char *role)
{
    return role[0] == 'H' && role[1] >= '1' && role[1] <= '6' && !role[2] ? role[1] - '0' : 0;
}

static bool role_is(const lp_pages *p, int node, const char *role)
{
    return node >= 0 && strcmp(p->snodes.v[node].role, role) == 0;
}

int tags_check(const lp_pages *p, const char *file, lp_diag *d)
{
    size_t n = p->snodes.n;
    if (n == 0) return 0;
    /* Where each node comes from: the first box in it or under it that
     * knows its source line. */
    int *line = calloc(n, sizeof *line), *col = calloc(n, sizeof *col);
    if (!line || !col) {
        free(line);
        free(col);
        diag_error(d, file, 0, 0, NULL, "out of memory checking the structure tree");
        return 1;
    }
    for (size_t i = 0; i < p->boxes.n; i++) {
        const lp_box *b = &p->boxes.v[i];
        if (b->line <= 0 || b->page < 0) continue;
        size_t steps = 0;
        for (int q = b->snode; q >= 0 && (size_t)q < n && steps++ < n; q = p->snodes.v[q].parent)
            if (!line[q]) line[q] = b->line, col[q] = b->col;
    }
    int problems = 0, last_level = 0, last_node = -1;
    for (size_t i = 0; i < n; i++) {
        const lp_snode *s = &p->snodes.v[i];
        int parent = s->parent;
        int l = line[i], c = col[i];
        if (!is_standard(s->role)) {
            diag_error(d, file, l, c, "use a standard type (PDF 32000-1, 14.8.4) or a role map",
                       "structure type '%s' is not a standard PDF 1.7 type", s->role);
            problems++;
        }
        if (strcmp(s->role, "Figure") == 0) {
            const char *a = s->alt ? s->alt : "";
            while (*a == ' ') a++;
            if (!*a) {
                diag_error(d, file, l, c, "say what the picture shows: ![what it shows](...)",
                           "a picture has no alt text");
                problems++;
            }
        }
        bool bad_nest = (role_is(p, (int)i, "LI") && !role_is(p, parent, "L")) ||
                        ((role_is(p, (int)i, "Lbl") || role_is(p, (int)i, "LBody")) &&
                         !role_is(p, parent, "LI")) ||
                        (role_is(p, (int)i, "TOCI") && !role_is(p, parent, "TOC"));
        if (bad_nest) {
            diag_error(d, file, l, c, NULL, "structure type %s inside %s", s->role,
                       parent >= 0 ? p->snodes.v[parent].role : "the root");
            problems++;
        }
        int level = tags_heading_level(s->role);
        if (level) {
            if (level > last_level + 1) {
                if (last_node >= 0 && line[last_node])
                    diag_error(d, file, l, c, "use one more # than the heading above it at most",
                               "heading level %d follows level %d (at line %d): a level is skipped",
                               level, last_level, line[last_node]);
                else
                    diag_error(d, file, l, c, "use one more # than the heading above it at most",
                               "heading level %d follows level %d: a level is skipped", level,
                               last_level);
                problems++;
            }
            last_level = level;
            last_node = (int)i;
        }
    }
    free(line);
    free(col);
    return problems;
}

/* ------------------------------------------------------- structure tree */

/* A kid of an element, in the order the tree lists them. */
typedef struct kid {
    enum { KID_ELEM, KID_MCR, KID_OBJR } kind;
    int index; /* snode, mcrs index or links index */
} kid;

static int add_mcr_kid(tags_doc *t, HPDF_Array k, const mcr *m, int elem_page)
{
    if (m->page == elem_page) return HPDF_Array_AddNumber(k, m->mcid) == HPDF_OK ? 0 : -1;
    HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
    if (!d) return -1;
    HPDF_STATUS ret = HPDF_Array_Add(k, d);
    ret += HPDF_Dict_AddName(d, "Type", "MCR");
    ret += HPDF_Dict_Add(d, "Pg", t->page_obj[m->page]);
    ret += HPDF_Dict_AddNumber(d, "MCID", m->mcid);
    return ret == HPDF_OK ? 0 : -1;
}

static int add_objr_kid(tags_doc *t, HPDF_Array k, const objr *o)
{
    HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
    if (!d) return -1;
    HPDF_STATUS ret = HPDF_Array_Add(k, d);
    ret += HPDF_Dict_AddName(d, "Type", "OBJR");
    ret += HPDF_Dict_Add(d, "Obj", o->annot);
    ret += HPDF_Dict_Add(d, "Pg", t->page_obj[o->page]);
    return ret == HPDF_OK ? 0 : -1;
}

/* Checks every parent index and that following parents from any node ends
 * at a root within n steps (no cycles). */
static bool tree_is_sound(const lp_pages *p)
{
    size_t n = p->snodes.n;
    for (size_t i = 0; i < n; i++) {
        int q = p->snodes.v[i].parent;
        size_t steps = 0;
        while (q >= 0) {
            if ((size_t)q >= n || ++steps > n) return false;
            q = p->snodes.v[q].parent;
        }
        if (!p->snodes.v[i].role || !p->snodes.v[i].role[0]) return false;
    }
    return true;
}

/* The earliest painting position in each node's subtree, so an element's
 * own content and its child elements can be interleaved in reading order. */
static long *subtree_first_seq(tags_doc *t)
{
    size_t n = t->pages->snodes.n;
    long *first = arena_alloc(t->a, (n ? n : 1) * sizeof *first);
    for (size_t i = 0; i < n; i++) first[i] = -1;
    for (size_t i = 0; i < t->mcrs.n + t->links.n; i++) {
        int s;
        long seq;
        if (i < t->mcrs.n) {
            s = t->mcrs.v[i].snode;
            seq = t->mcrs.v[i].seq;
        } else {
            s = t->links.v[i - t->mcrs.n].snode;
            seq = t->links.v[i - t->mcrs.n].seq;
        }
        for (int q = s; q >= 0; q = t->pages->snodes.v[q].parent)
            if (first[q] < 0 || seq < first[q]) first[q] = seq;
    }
    return first;
}

static int build_elements(tags_doc *t, HPDF_Dict root, HPDF_Dict *elems)
{
    const lp_pages *p = t->pages;
    size_t n = p->snodes.n;
    HPDF_MMgr mm = t->pdf->mmgr;
    HPDF_STATUS ret = 0;
    for (size_t i = 0; i < n; i++) {
        elems[i] = HPDF_Dict_New(mm);
        if (!elems[i] || HPDF_Xref_Add(t->pdf->xref, elems[i]) != HPDF_OK) return -1;
    }
    long *first = subtree_first_seq(t);
    /* Kids per element: children in snode order, own content in painting
     * order, merged by where each begins. */
    kid *kids = arena_alloc(t->a, (n + t->mcrs.n + t->links.n + 1) * sizeof *kids);
    for (size_t i = 0; i < n; i++) {
        const lp_snode *sn = &p->snodes.v[i];
        HPDF_Dict e = elems[i];
        /* /Type is optional for a structure element (PDF 32000-1, table
         * 323), and 57 of them in a one-page guide made a kilobyte. */
        ret += HPDF_Dict_AddName(e, "S", sn->role);
        ret += HPDF_Dict_Add(e, "P", sn->parent >= 0 ? elems[sn->parent] : root);
        if (sn->alt && add_text(t->pdf, e, "Alt", sn->alt)) return -1;
        if (sn->actual && add_text(t->pdf, e, "ActualText", sn->actual)) return -1;
        if (sn->lang && add_text(t->pdf, e, "Lang", sn->lang)) return -1;
        if (sn->list_numbering) {
            /* How a list is numbered, for readers that announce it. */
            HPDF_Dict attr = HPDF_Dict_New(mm);
            if (!attr) return -1;
            ret += HPDF_Dict_AddName(attr, "O", "List");
            ret += HPDF_Dict_AddName(attr, "ListNumbering", sn->list_numbering);
            ret += HPDF_Dict_Add(e, "A", attr);
        }

        size_t nk = 0, ci = i + 1, mi = 0, li = 0;
        int elem_page = -1;
        for (;;) {
            while (mi < t->mcrs.n && t->mcrs.v[mi].snode != (int)i) mi++;
            while (li < t->links.n && t->links.v[li].snode != (int)i) li++;
            while (ci < n && p->snodes.v[ci].parent != (int)i) ci++;
            long ms = mi < t->mcrs.n ? t->mcrs.v[mi].seq : -1;
            long ls = li < t->links.n ? t->links.v[li].seq : -1;
            long own = ms < 0 ? ls : (ls < 0 || ms < ls ? ms : ls);
            if (ci < n && (own < 0 || (first[ci] >= 0 && first[ci] < own) || first[ci] < 0)) {
                kids[nk++] = (kid){KID_ELEM, (int)ci++};
            } else if (own >= 0 && own == ms) {
                if (elem_page < 0) elem_page = t->mcrs.v[mi].page;
                kids[nk++] = (kid){KID_MCR, (int)mi++};
            } else if (own >= 0) {
                kids[nk++] = (kid){KID_OBJR, (int)li++};
            } else {
                break;
            }
        }
        if (nk == 0) continue;
        if (elem_page >= 0) ret += HPDF_Dict_Add(e, "Pg", t->page_obj[elem_page]);
        if (nk == 1 && kids[0].kind == KID_MCR && t->mcrs.v[kids[0].index].page == elem_page) {
            /* One marked-content sequence: its MCID alone, no array. */
            ret += HPDF_Dict_AddNumber(e, "K", t->mcrs.v[kids[0].index].mcid);
            continue;
        }
        HPDF_Array k = HPDF_Array_New(mm);
        if (!k || HPDF_Dict_Add(e, "K", k) != HPDF_OK) return -1;
        for (size_t j = 0; j < nk; j++) {
            int rc = 0;
            if (kids[j].kind == KID_ELEM)
                rc = HPDF_Array_Add(k, elems[kids[j].index]) == HPDF_OK ? 0 : -1;
            else if (kids[j].kind == KID_MCR)
                rc = add_mcr_kid(t, k, &t->mcrs.v[kids[j].index], elem_page);
            else
                rc = add_objr_kid(t, k, &t->links.v[kids[j].index]);
            if (rc) return -1;
        }
    }
    return ret == HPDF_OK ? 0 : -1;
}

/* The number tree from each page's /StructParents and each annotation's
 * /StructParent to the elements that own its content. */
static int build_parent_tree(tags_doc *t, HPDF_Dict root, HPDF_Dict *elems)
{
    HPDF_MMgr mm = t->pdf->mmgr;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    if (!tree || !nums) return -1;
    HPDF_STATUS ret = HPDF_Dict_Add(root, "ParentTree", tree);
    ret += HPDF_Dict_Add(tree, "Nums", nums);
    for (int pg = 0; pg < t->pages->npages; pg++) {
        if (t->next_mcid[pg] == 0) continue;
        HPDF_Array arr = HPDF_Array_New(mm);
        if (!arr) return -1;
        ret += HPDF_Array_AddNumber(nums, pg);
        ret += HPDF_Array_Add(nums, arr);
        /* mcrs are in painting order, so a page's MCIDs come in order. */
        for (size_t i = 0; i < t->mcrs.n; i++)
            if (t->mcrs.v[i].page == pg) ret += HPDF_Array_Add(arr, elems[t->mcrs.v[i].snode]);
        ret += HPDF_Dict_AddNumber(t->page_obj[pg], "StructParents", pg);
    }
    for (size_t i = 0; i < t->links.n; i++) {
        ret += HPDF_Array_AddNumber(nums, t->links.v[i].key);
        ret += HPDF_Array_Add(nums, elems[t->links.v[i].snode]);
    }
    ret += HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                               t->pages->npages + (HPDF_INT32)t->links.n);
    return ret == HPDF_OK ? 0 : -1;
}

/* ------------------------------------------------------------------ XMP */

static int write_xml_escaped(HPDF_Stream s, const char *text)
{
    HPDF_STATUS ret = 0;
    char one[2] = {0, 0};
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '&': ret += HPDF_Stream_WriteStr(s, "&amp;"); break;
        case '<': ret += HPDF_Stream_WriteStr(s, "&lt;"); break;
        case '>': ret += HPDF_Stream_WriteStr(s, "&gt;"); break;
        case '"': ret += HPDF_Stream_WriteStr(s, "&quot;"); break;
        default:
            one[0] = *c;
            ret += HPDF_Stream_WriteStr(s, one);
        }
    }
    return ret == HPDF_OK ? 0 : -1;
}

static int build_xmp(tags_doc *t, const tags_meta *m)
{
    HPDF_Dict x = HPDF_DictStream_New(t->pdf->mmgr, t->pdf->xref);
    if (!x) return -1;
    /* Metadata stays uncompressed so tools that scan for XMP find it. */
    x->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_STATUS ret = HPDF_Dict_AddName(x, "Type", "Metadata");
    ret += HPDF_Dict_AddName(x, "Subtype", "XML");
    ret += HPDF_Dict_Add(t->pdf->catalog, "Metadata", x);
    if (ret != HPDF_OK) return -1;
    HPDF_Stream s = x->stream;
    int rc = 0;
    ret += HPDF_Stream_WriteStr(
        s, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "<rdf:Description rdf:about=\"\"\n"
           " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
           " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
           " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
           " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if (m->pdfx)
        ret += HPDF_Stream_WriteStr(s, "\n xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
                                       " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"");
    ret += HPDF_Stream_WriteStr(
        s, ">\n"
           "<dc:format>application/pdf</dc:format>\n"
           "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    rc |= write_xml_escaped(s, m->title ? m->title : "");
    ret += HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Alt></dc:title>\n"
                                   "<dc:language><rdf:Bag><rdf:li>");
    rc |= write_xml_escaped(s, m->lang ? m->lang : "");
    ret += HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Bag></dc:language>\n<pdf:Producer>");
    rc |= write_xml_escaped(s, m->producer ? m->producer : "");
    ret += HPDF_Stream_WriteStr(s, "</pdf:Producer>\n");
    if (m->epoch >= 0) {
        time_t tt = (time_t)m->epoch;
        struct tm tm;
        char date[40];
        if (!gmtime_r(&tt, &tm)) return -1;
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
        ret += HPDF_Stream_WriteStr(s, "<xmp:CreateDate>");
        ret += HPDF_Stream_WriteStr(s, date);
        ret += HPDF_Stream_WriteStr(s, "</xmp:CreateDate>\n");
        if (m->pdfx) {
            /* PDF/X: the file is made once, so modified when created. */
            const char *keys[] = {"ModifyDate", "MetadataDate"};
            for (int i = 0; i < 2; i++) {
                char line[96];
                snprintf(line, sizeof line, "<xmp:%s>%s</xmp:%s>\n", keys[i], date, keys[i]);
                ret += HPDF_Stream_WriteStr(s, line);
            }
        }
    }
    if (m->pdfx) {
        ret += HPDF_Stream_WriteStr(s, "<pdf:Trapped>False</pdf:Trapped>\n<pdfxid:GTS_PDFXVersion>");
        rc |= write_xml_escaped(s, m->pdfx);
        ret += HPDF_Stream_WriteStr(s, "</pdfxid:GTS_PDFXVersion>\n<xmpMM:DocumentID>uuid:");
        rc |= write_xml_escaped(s, m->doc_id ? m->doc_id : "");
        ret += HPDF_Stream_WriteStr(s, "</xmpMM:DocumentID>\n<xmpMM:VersionID>");
        rc |= write_xml_escaped(s, m->version_id ? m->version_id : "1");
        ret += HPDF_Stream_WriteStr(s, "</xmpMM:VersionID>\n"
                                       "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n");
    }
    ret += HPDF_Stream_WriteStr(s, "<pdfuaid:part>1</pdfuaid:part>\n"
                                   "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                                   "<?xpacket end=\"w\"?>\n");
    return ret == HPDF_OK && rc == 0 ? 0 : -1;
}

int tags_finish(tags_doc *t, const tags_meta *m)
{
    HPDF_Doc pdf = t->pdf;
    HPDF_MMgr mm = pdf->mmgr;
    const lp_pages *p = t->pages;
    if (t->open_page >= 0 && tags_close_page(t, t->page_obj[t->open_page])) return -1;
    if (!tree_is_sound(p)) return -2;
    for (size_t i = 0; i < t->mcrs.n; i++)
        if (!t->page_obj[t->mcrs.v[i].page]) return -1;

    HPDF_Dict root = HPDF_Dict_New(mm);
    if (!root || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK) return -1;
    HPDF_STATUS ret = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    size_t n = p->snodes.n;
    HPDF_Dict *elems = arena_alloc(t->a, (n ? n : 1) * sizeof *elems);
    if (n && build_elements(t, root, elems)) return -1;
    HPDF_Array k = HPDF_Array_New(mm);
    if (!k) return -1;
    ret += HPDF_Dict_Add(root, "K", k);
    for (size_t i = 0; i < n; i++)
        if (p->snodes.v[i].parent < 0) ret += HPDF_Array_Add(k, elems[i]);
    if (ret != HPDF_OK || build_parent_tree(t, root, elems)) return -1;

    HPDF_Dict cat = pdf->catalog;
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict prefs = HPDF_Dict_New(mm);
    if (!mark || !prefs) return -1;
    ret += HPDF_Dict_Add(cat, "MarkInfo", mark);
    ret += HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    ret += HPDF_Dict_Add(cat, "StructTreeRoot", root);
    ret += HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    ret += HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    if (m->lang) ret += HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, m->lang, NULL));
    if (ret != HPDF_OK) return -1;
    return build_xmp(t, m);
}
