/* linebreak.h — optimal (Knuth–Plass total-fit) line breaking, hyphenation
 * with libhyphen, and the paragraph setter that turns styled inlines into
 * positioned line fragments. */
#ifndef LP_LINEBREAK_H
#define LP_LINEBREAK_H

#include "fonts.h"
#include "leafpress.h"

/* ---- the algorithm, on abstract items (Knuth & Plass 1981) ---- */

#define LB_INF 10000.0 /* a penalty >= LB_INF forbids a break, <= -LB_INF forces one */

typedef enum { LB_BOX, LB_GLUE, LB_PENALTY } lb_kind;

typedef struct lb_item {
    lb_kind kind;
    double width;           /* box, glue, penalty (the hyphen's width) */
    double stretch, shrink; /* glue */
    double penalty;         /* penalty */
    bool flagged;           /* penalty: a hyphen break */
} lb_item;

typedef struct lb_params {
    double tolerance;        /* largest adjustment ratio allowed (rho) */
    double line_penalty;     /* added to each line's badness before squaring */
    double flagged_demerits; /* two hyphenated lines in a row */
    double fitness_demerits; /* adjacent lines of very different tightness */
    bool greedy;             /* first-fit instead of total-fit (for comparison) */
    bool single_pass;        /* only the pass at `tolerance`: return 2 when it finds nothing */
} lb_params;

void lb_params_default(lb_params *p);

/* Chooses break points.  Line i is widths[i] wide (the last width repeats).
 * On success returns 0 and sets *breaks to the item indices where lines end
 * (the last is n-1), *nbreaks, and *demerits to the total.  When no feasible
 * set of breaks exists within tolerance, the breaker retries with a wider
 * tolerance and finally allows overfull boxes only where a single box is
 * wider than the line (returns 1 then, so callers can warn).  The item list
 * must end with glue(0, inf stretch) + penalty(-LB_INF), as in TeX. */
int lb_break(const lb_item *items, size_t n, const double *widths, size_t nwidths,
             const lb_params *p, lp_arena *a, size_t **breaks, size_t *nbreaks, double *demerits);

/* The best breaks (fewest demerits) that make exactly `lines` lines, each
 * within p->tolerance (TeX's \looseness, with the count asked for
 * outright): 0 with the answer, 2 when no such breaks exist at that
 * tolerance (a paragraph cannot be set that much looser or tighter), -1 on
 * bad input.  One pass; p->greedy and p->single_pass are not read. */
int lb_break_lines(const lb_item *items, size_t n, const double *widths, size_t nwidths, const lb_params *p,
                   size_t lines, lp_arena *a, size_t **breaks, size_t *nbreaks, double *demerits);

/* ---- hyphenation ---- */

/* Makes the hyphenation dictionary once per process: with dict_path NULL
 * from the en-GB patterns compiled into the binary at build time (hyphtab.h;
 * nothing is read or parsed), else by loading that libhyphen pattern file.
 * Returns 0 or -1 with an error. */
int lb_hyphen_init(const char *dict_path, lp_diag *d);
void lb_hyphen_shutdown(void);
/* Byte offsets inside word[0..len) after which a hyphen may go (never within
 * 2 letters of the start or 3 of the end; never in words with digits, '@',
 * '/' or capitals-only acronyms).  Returns the count written into out (at most max). */
size_t lb_hyphen_points(const char *word, size_t len, size_t *out, size_t max);

/* ---- the paragraph setter ---- */

typedef struct lb_frag {
    const char *text;  /* UTF-8 (a hyphen is appended to a hyphenated piece) */
    int face;
    double size;
    double tracking;   /* pt */
    double x;          /* from the start of the line, pt */
    double width;      /* advance width, pt */
    lp_color color;
    const char *url;   /* link target, or NULL */
    unsigned style;    /* IS_* bits */
    int line, col;     /* source position of the inline it came from */
    const char *contact; /* the inline's contacts.yaml key, or NULL */
    int part;            /* the inline's part (lp_inline.part) */
    const char *lang;    /* the inline's language, or NULL (lp_inline.lang) */
} lb_frag;

typedef struct lb_line {
    lb_frag *frags;
    size_t nfrags;
    double width;      /* the set width (x + width of the last fragment) */
    bool hyphenated;   /* ends with an inserted hyphen */
    bool mid_word;     /* ends inside a word (an address, or after its own hyphen):
                        * the next line goes on with it, with no space between */
} lb_line;

typedef struct lb_para {
    lb_line *lines;
    size_t nlines;
    double demerits;
    bool overfull;     /* some box was wider than its line, or was broken as a last resort */
    /* The first piece broken as a last resort (NULL: none): for the warning
     * whoever places the lines gives (lb_warn_forced). */
    const lp_inline *forced_in;
    int forced_col; /* the piece's own column on forced_in's line */
    int forced_line; /* and that line: warnings read it, not forced_in, which
                      * may be the caller's and gone by then */
    const char *forced_text;
    bool forced_address;
} lb_para;

/* Sets inlines in[0..nin) in style st into lines widths[i] wide (the last
 * width repeats).  Ragged text (ALIGN_LEFT/RIGHT/CENTER) uses the ragged-
 * right glue of Knuth & Plass so the rag is balanced; ALIGN_JUSTIFY stretches
 * inter-word space.  Hyphenates only when st->hyphenate.  An inline marked
 * nobreak is kept whole, except a web or e-mail address (which breaks after
 * / . - ? & @ with nothing added, like a bare address in the text).  A piece
 * wider than the narrowest line is broken between characters as a last
 * resort (out->forced_in says which; lb_warn_forced warns).  IN_LINEBREAK forces a
 * break.  Every
 * character is checked against the face that will draw it: a missing glyph
 * is an error naming the character, its code point and file:line:col.
 * Alignment offsets (centre/right/justify) are applied to frag x.
 * Returns 0 or -1. */
int lb_set_paragraph(lp_arena *a, const lp_fonts *fonts, const lp_inline *in, size_t nin,
                     const lp_style *st, const double *widths, size_t nwidths, bool greedy,
                     const char *file, lb_para *out, lp_diag *d);

/* The same paragraph set in exactly `lines` lines (TeX's looseness: one
 * more than its best is looser, one fewer tighter), each line within the
 * breaker's tolerance, none overfull or broken as a last resort: 0 and
 * *out, or 1 when it cannot be set so (lines by sense never are), or -1 on
 * an error (reported).  Total fit only. */
int lb_set_paragraph_lines(lp_arena *a, const lp_fonts *fonts, const lp_inline *in, size_t nin,
                           const lp_style *st, const double *widths, size_t nwidths, size_t lines,
                           const char *file, lb_para *out, lp_diag *d);

/* The warning for a paragraph set with a last-resort break, at the inline's
 * line:col (once per place and word, however often it is set). */
void lb_warn_forced(const lb_para *p, const char *file, lp_diag *d);

#endif
