/* leafpress.h — the one internal header every stage includes.
 *
 * Shared types only: arena, diagnostics, colours, the document model (what
 * markdown.c hands to flow.c), the styles a layout resolves to, and the boxes
 * (what flow.c hands to render_pdf.c).  Each stage declares its own functions
 * in its own small header (source.h, markdown.h, ...).
 *
 * Units: every length inside leafpress is in PostScript points (1/72 in).
 * Layout files speak millimetres; layout_spec.c converts.  Box coordinates
 * have their origin at the top-left corner of the trim box, y growing down.
 */
#ifndef LEAFPRESS_H
#define LEAFPRESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LP_VERSION "0.1.0"

#define LP_PT_PER_MM (72.0 / 25.4)
static inline double mm_to_pt(double mm) { return mm * LP_PT_PER_MM; }
static inline double pt_to_mm(double pt) { return pt / LP_PT_PER_MM; }

#if defined(__GNUC__)
#define LP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LP_PRINTF(a, b)
#endif

/* ---------------------------------------------------------------- arena */

/* One arena per document (and one per long-lived table).  Allocation never
 * returns NULL: running out of memory aborts with a message, because no
 * stage can do anything useful without memory.  Memory is zeroed. */
typedef struct lp_arena lp_arena;

lp_arena *arena_new(void);
void arena_free(lp_arena *a); /* NULL is a no-op */
void arena_reset(lp_arena *a); /* everything allocated so far is let go; NULL is a no-op */
void *arena_alloc(lp_arena *a, size_t size);
char *arena_strdup(lp_arena *a, const char *s);            /* NULL -> NULL */
char *arena_strndup(lp_arena *a, const char *s, size_t n); /* always NUL-terminates */
char *arena_printf(lp_arena *a, const char *fmt, ...) LP_PRINTF(2, 3);
size_t arena_used(const lp_arena *a); /* bytes handed out, for limits and bench */

/* Growable arrays backed by an arena:
 *     LP_VEC(lp_box) boxes = {0};
 *     VEC_PUSH(arena, boxes, box);
 * Old storage stays in the arena until the arena is freed (items that are
 * the arena's newest allocation grow in place); slots past n are not zeroed. */
#define LP_VEC(T)                                                                                  \
    struct {                                                                                       \
        T *v;                                                                                      \
        size_t n, cap;                                                                             \
    }
void vec_grow(lp_arena *a, void **items, size_t *cap, size_t need, size_t item_size);
#define VEC_PUSH(arena, vec, item)                                                                 \
    do {                                                                                           \
        if ((vec).n == (vec).cap)                                                                  \
            vec_grow((arena), (void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v);        \
        (vec).v[(vec).n++] = (item);                                                               \
    } while (0)

/* ---------------------------------------------------------- diagnostics */

typedef enum { LP_NOTE, LP_WARNING, LP_ERROR } lp_severity;

typedef struct lp_diag_item {
    lp_severity sev;
    char *file; /* owned (malloc) */
    int line;   /* 1-based; 0 = unknown */
    int col;    /* 1-based; 0 = unknown */
    char *msg;  /* owned */
    char *hint; /* owned, may be NULL: printed as " (hint)" */
} lp_diag_item;

/* Per-document list, heap-allocated so it outlives the document's arena.
 * Library code appends; only main.c prints. */
typedef struct lp_diag {
    lp_diag_item *items;
    size_t n, cap;
    int errors, warnings;
} lp_diag;

void diag_init(lp_diag *d);
void diag_free(lp_diag *d); /* frees items; the struct itself is the caller's */
/* Drops the items past the first n (what a rejected attempt said). */
void diag_truncate(lp_diag *d, size_t n);
void diag_add(lp_diag *d, lp_severity sev, const char *file, int line, int col, const char *hint,
              const char *fmt, ...) LP_PRINTF(7, 8);
void diag_vadd(lp_diag *d, lp_severity sev, const char *file, int line, int col, const char *hint,
               const char *fmt, va_list ap);
#define diag_error(d, file, line, col, hint, ...) diag_add(d, LP_ERROR, file, line, col, hint, __VA_ARGS__)
#define diag_warn(d, file, line, col, hint, ...) diag_add(d, LP_WARNING, file, line, col, hint, __VA_ARGS__)
/* Moves every item of src to the end of dst (src is left empty). */
void diag_move(lp_diag *dst, lp_diag *src);
/* "file:line:col: error: msg (hint)" into buf; returns buf.  Control
 * characters, bytes that are not UTF-8 and bidirectional controls in any
 * part are escaped (diag_escape), so nothing printed can forge a line or
 * drive the terminal. */
char *diag_format(const lp_diag_item *it, char *buf, size_t size);
/* s with tab and newline as \t and \n, other control and bidirectional
 * characters as \xNN or \uNNNN, and invalid UTF-8 bytes as \xNN, into buf
 * (cut to fit); returns buf. */
char *diag_escape(const char *s, char *buf, size_t size);

/* The closest candidate to word by edit distance, or NULL when none is near
 * enough to be a plausible typo (distance > max(2, strlen(word)/3)). */
/* Edits (insert, delete, change, swap two neighbours) from a to b;
 * (size_t)-1 when either is longer than 64 bytes. */
size_t lp_edit_distance(const char *a, const char *b);
const char *lp_closest(const char *word, const char *const *cands, size_t n);

/* ----------------------------------------------------------------- text */

/* Decodes one UTF-8 code point at s (len bytes available).  Returns the
 * number of bytes used (1..4), or 0 for invalid/overlong/surrogate/truncated
 * input; *cp receives the code point. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns bytes written (1..4). */
int utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte in s, or len if all of s is valid UTF-8. */
size_t utf8_check(const char *s, size_t len);
/* text[0..len) as UTF-16BE in hex digits, four per BMP character and eight
 * per surrogate pair (an invalid byte as U+FFFD), into out, which has room
 * for 8 * len + 1; returns the digits written. */
size_t utf16_hex(const char *text, size_t len, char *out);
/* Line and column (1-based, column counted in code points) of byte offset
 * off in text; the first line of text is number first_line. */
void text_line_col(const char *text, size_t off, int first_line, int *line, int *col);

/* -------------------------------------------------------------- colours */

/* Every colour a layout names carries both an sRGB value (screen variant)
 * and a CMYK value (print variant); nothing converts one into the other. */
typedef struct lp_color {
    float r, g, b;    /* 0..1 */
    float c, m, y, k; /* 0..1 */
    const char *name; /* the token in the theme file ("navy"), for dump */
} lp_color;

/* ------------------------------------------------------- document model */

/* The formats are C strategies (formats.c holds their names and labels).
 * Audiences are data: an audience is a theme, layouts/themes/<name>.yaml. */
typedef enum { FMT_GUIDE, FMT_TRIFOLD, FMT_EASYREAD, FMT_POSTER, FMT_BOOKLET, FMT__COUNT } lp_format;

extern const char *const lp_format_names[FMT__COUNT]; /* the front matter's names (formats.c) */

typedef struct lp_word { /* easy read: a hard word and its meaning */
    const char *term, *meaning;
    int line, col;
} lp_word;

struct lp_contact_rec; /* resolve.h */
struct lp_message;     /* resolve.h */

typedef struct lp_keyref { /* a contact key named in front matter or a contacts block */
    const char *key;
    int line, col;
    /* The contact as the resolve step made it (resolve.h): its details,
     * the way to reach it and the note for the document's audience; NULL
     * before that step. */
    const struct lp_contact_rec *rec;
} lp_keyref;

/* A picture as the resolve step types it (resolve.c), checked once: an
 * icon-font glyph, or a PNG file whose size was read when it was checked. */
typedef struct lp_pic {
    const char *icon;    /* the glyph's name ("shield-check"), or NULL for a PNG */
    const char *path;    /* the PNG, relative to the content file, or NULL for an icon */
    unsigned px_w, px_h; /* the PNG's size in pixels */
    const char *alt;     /* "" when none */
    int line, col;       /* where the content file names it */
} lp_pic;

/* Front matter, validated.  Optional strings are NULL when absent. */
typedef struct lp_meta {
    const char *title, *subtitle;
    lp_format format;
    const char *audience; /* a theme's name (checked against layouts/themes/) */
    const char *layout; /* NULL: the format's default layout */
    const char *lang;   /* default "en-GB" */
    const char *summary;
    const char *reviewed, *review_by; /* "YYYY-MM-DD" */
    const char *version;
    const char *source;  /* URL of the source page: QR code and short link */
    const char *picture; /* cover picture, "icon:<lucide name>" or an image path */
    const char *picture_alt;
    unsigned picture_px_w, picture_px_h; /* a PNG cover picture's size (markdown.c checks it) */
    int picture_line, picture_col;       /* where "picture:" is given */
    int source_line, source_col;         /* where the source's address is */
    const lp_pic *cover; /* the cover picture, resolved; NULL when none */
    const char *fit; /* NULL or "shrink" */
    int sides;       /* one-minute guide: 1 or 2 (default 1) */
    lp_keyref *contacts;
    size_t ncontacts;
    lp_word *words;
    size_t nwords;
    const char **topics; /* what it is about, for the catalogue's search and filter */
    size_t ntopics;
    int age_min, age_max; /* ages of the children it is for or about; -1 when not given */
    int title_line; /* where "title:" is, for errors about the document as a whole */
    int subtitle_line, subtitle_col; /* where the subtitle's text starts */
    int layout_line, layout_col; /* where the layout is named, when it is */
    int audience_line, audience_col; /* where the audience is named */
} lp_meta;

/* Inline styles are bits so they combine. */
enum { IS_BOLD = 1, IS_ITALIC = 2, IS_CODE = 4 };

typedef enum {
    IN_TEXT,      /* text: a run of words in one style */
    IN_SOFTBREAK, /* a newline in the source: a space */
    IN_LINEBREAK, /* a hard line break */
    IN_IMAGE,     /* url = "icon:<name>" or a path relative to the content file; text = alt */
} lp_inline_kind;

typedef struct lp_inline {
    lp_inline_kind kind;
    unsigned style;   /* IS_* bits */
    const char *text; /* UTF-8; for IN_IMAGE the alt text ("" when missing) */
    const char *url;  /* link target (text inside a link), or image source */
    bool nobreak;     /* phone number, email address or URL: never broken */
    int line, col;    /* where it starts in the .md file */
    const char *contact; /* the contacts.yaml key whose details this run (and
                          * its url) came from, or NULL */
    unsigned px_w, px_h; /* IN_IMAGE of a PNG: its size in pixels */
    int part;            /* which part of a block set as one (a list item, a
                          * term) the run is tagged as: see fl_parts_at */
    const char *lang;    /* a passage in another language ([Croeso]{lang=cy}):
                          * its BCP 47 tag, or NULL for the document's */
    const lp_pic *pic; /* IN_IMAGE: the picture, resolved (NULL before that step) */
    bool elsewhere;      /* the text is not the source's own (a contact's name,
                          * a fence's title): line:col is what asked for it,
                          * and no column inside it is meant */
} lp_inline;

typedef enum {
    BLK_HEADING,    /* level 1..3; inlines */
    BLK_PARA,       /* inlines */
    BLK_LIST,       /* ordered/start; kids are BLK_ITEM */
    BLK_ITEM,       /* kids are blocks (usually one BLK_PARA) */
    BLK_QUOTE,      /* block quote; kids */
    BLK_CALLOUT,    /* ```callout [icon="..."] [title="..."]; kids */
    BLK_DEFINITION, /* ```definition source="..." [title="..."]; kids */
    BLK_CONTACTS,   /* ```contacts: keys, one a line */
    BLK_RULE,       /* *** : thematic break (trifold: next panel) */
} lp_block_kind;

typedef struct lp_block {
    lp_block_kind kind;
    int level;     /* heading level; for lists, nesting depth (1 = outermost) */
    bool ordered;  /* list */
    int start;     /* ordered list's first number */
    lp_inline *in; /* heading, paragraph */
    size_t nin;
    struct lp_block *kids;
    size_t nkids;
    const char *title;  /* callout/definition title="..." */
    const char *icon;   /* callout icon="..." (a Lucide name) */
    const char *source; /* definition source="..." (may contain Markdown-free text) */
    const char *label;  /* definition label="..." : names the panel of definitions
                         * ("Statutory definitions" is the layout's default) */
    lp_keyref *keys;    /* contacts directive */
    size_t nkeys;
    /* A paragraph that starts with a picture, as the resolve step types it
     * (resolve.h: a poster's message); NULL for any other block. */
    const struct lp_message *msg;
    int line, col;
} lp_block;

typedef struct lp_doc {
    const char *path; /* the .md file, as given on the command line */
    const char *slug; /* file name without directory and ".md" */
    lp_meta meta;
    lp_block *blocks;
    size_t nblocks;
    lp_arena *arena; /* everything above lives here */
} lp_doc;

/* --------------------------------------------------------------- styles */

typedef enum { ALIGN_LEFT, ALIGN_JUSTIFY, ALIGN_CENTER, ALIGN_RIGHT } lp_align;

/* A text style as a layout resolves it (layout_spec.c: spec_style). */
typedef struct lp_style {
    int face[4];        /* font face index for regular, IS_BOLD, IS_ITALIC, IS_BOLD|IS_ITALIC */
    double size;        /* pt */
    double leading;     /* baseline-to-baseline, pt */
    double space_before, space_after; /* pt */
    double tracking;    /* extra space between letters, in em (0.08 = +8 %) */
    bool caps;          /* set in capitals (labels only) */
    bool hyphenate;     /* may the line breaker hyphenate? */
    bool sense;         /* lines by sense: each hard-broken line (a sentence)
                         * balanced, never ending in a one-word tail, breaks
                         * after commas and before "and", "to" ... preferred,
                         * names (ties, and runs of capitalised words) kept whole */
    const char *const *ties; /* sense: names never to break ("Stop it Now!") */
    size_t nties;
    lp_align align;
    lp_color color;     /* regular text */
    lp_color strong;    /* IS_BOLD text (e.g. navy run-in terms) */
    lp_color link;      /* link text */
    lp_color number;    /* numbers to call (tel: links), when numbers is set */
    bool numbers;       /* tel: links are bold, in the number colour */
} lp_style;

/* ---------------------------------------------------------------- boxes */

typedef enum {
    BOX_TEXT,  /* text in face at size, baseline at (x, y), advance width w */
    BOX_RECT,  /* filled rectangle x,y,w,h; radius > 0 rounds the corners; a
                * radius of w/2 == h/2 is a circle */
    BOX_LINE,  /* stroked line from (x, y) to (x + w, y + h), width line_width */
    BOX_ICON,  /* an icon-font glyph: text is the UTF-8 of its code point,
                * drawn like BOX_TEXT (face is the icon font) */
    BOX_IMAGE, /* a PNG at x,y,w,h; text = path */
    BOX_QR,    /* a QR code of text in the square x,y,w (w == h), quiet zone included */
    BOX_LINK,  /* a link annotation over x,y,w,h to url */
} lp_box_kind;

typedef struct lp_box {
    lp_box_kind kind;
    int page;           /* 0-based */
    double x, y, w, h;  /* pt from the trim box's top-left; TEXT: y is the baseline, h the size */
    int face;           /* TEXT, ICON */
    double size;        /* TEXT, ICON: pt */
    double tracking;    /* TEXT: extra space per letter, pt */
    lp_color color;     /* TEXT/ICON/LINE: ink; RECT: fill; QR: dark modules */
    double line_width;  /* LINE */
    double radius;      /* RECT */
    const char *text;   /* TEXT/ICON: UTF-8; QR: data; IMAGE: path */
    const char *dir;    /* IMAGE: the folder its path is relative to (the partnership's,
                         * for its logo); NULL: the content file's */
    const char *url;    /* LINK: target; TEXT: the link it belongs to, if any */
    const char *alt;    /* IMAGE/QR/ICON used as a figure: alt text */
    int snode;          /* structure node this content belongs to; -1 = artifact */
    bool bleed;         /* RECT: a background; edges on the trim extend into the bleed */
    int line, col;      /* where the content file says what this box draws (0: unknown) */
    int frame;          /* what it must stay inside: k > 0 is the pages' frames.v[k - 1];
                         * 0 is the page itself (see framecheck.h) */
} lp_box;

/* A place boxes are set in — a column, a panel, a strip cell, a card — that
 * nothing drawn in it may leave (framecheck.c checks, on every build).
 * Frames nest: each must itself lie inside its parent. */
typedef struct lp_frame {
    int page;          /* 0-based */
    double x, y, w, h; /* pt, trim coordinates */
    int parent;        /* k > 0: frames.v[k - 1]; 0: the page */
    const char *what;  /* what it is, for messages: "column", "key-contacts cell" */
    int line, col;     /* the source that fills it, when one place does (0: unknown) */
} lp_frame;

/* Structure tree node (tags.c turns these into StructElems).  Nodes are
 * created in logical reading order; node 0 is the Document. */
typedef struct lp_snode {
    const char *role;   /* "Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody",
                         * "Figure", "Link", "BlockQuote", "Note", "Aside", "Table", "TR",
                         * "TH", "TD", "Span", "Sect", "Caption" */
    int parent;         /* index of the parent node; -1 for the Document */
    const char *alt;    /* Figure: alternate text */
    const char *actual; /* ActualText, when the glyphs do not say it (e.g. an icon) */
    const char *list_numbering; /* L: "Disc", "Square", "Decimal" (PDF's ListNumbering) */
    const char *lang;   /* /Lang of a passage in another language, or NULL */
} lp_snode;

/* Print-variant furniture (print.c reads it from the layout/theme). */
typedef struct lp_print_geom {
    double mark_offset;  /* gap between the bleed edge and a crop or fold mark, pt */
    double mark_length;  /* pt */
    double mark_width;   /* stroke width, pt */
    double fold_dash;    /* dash and gap of fold marks, pt */
    lp_color mark_color; /* registration colour, so marks land on every plate */
    double min_dpi;      /* pictures below this at their printed size get a warning */
    double black_text;   /* text below this size must be single-plate (K only) black */
    /* print.output-profile: an ICC CMYK output profile instead of FOGRA39,
     * a path from where leafpress runs (as --output-profile's), or NULL. */
    const char *output_profile;
} lp_print_geom;

/* One laid-out edition of a document: what render_pdf.c paints. */
typedef struct lp_pages {
    const char *suffix;   /* appended to the slug: "" or "-a4" (posters make two) */
    double width, height; /* trim size, pt */
    int npages;
    LP_VEC(lp_box) boxes; /* sorted by page, in painting order */
    LP_VEC(lp_snode) snodes;
    LP_VEC(lp_frame) frames; /* where boxes belong (lp_box.frame) */
    /* Fold positions (x from the trim's left, pt) for each page, for fold
     * marks on the print variant; nfolds == 0 for unfolded formats. */
    double folds[2][4];
    int nfolds[2];
    /* Booklets: pages are A5 and the print variant imposes them 2-up. */
    bool impose_saddle;
    double bleed;        /* print: the layout's bleed around the trim, pt */
    lp_print_geom print; /* print: marks, from the layout's or theme's print: */
    const char *source;  /* the content file, for warnings about pictures */
    /* Pages of different sizes (a handout pack: A4 portrait and landscape):
     * each page's trim size, or NULL when every page is width x height. */
    const double *page_w, *page_h;
} lp_pages;

/* Page pg's trim width and height. */
static inline double lp_page_w(const lp_pages *p, int pg) { return p->page_w ? p->page_w[pg] : p->width; }
static inline double lp_page_h(const lp_pages *p, int pg) { return p->page_h ? p->page_h[pg] : p->height; }

#endif
