/* sense.h — text as sense lines set it (a sentence a line, a number to
 * call in bold), and finding a hard word in it: what easy read's rows need
 * from their Markdown, for any format that sets text that way. */
#ifndef LP_SENSE_H
#define LP_SENSE_H

#include "leafpress.h"

/* A copy of in[0..n) set as sense lines: a soft break in the source is a
 * line break, and a linked number to call (tel:) is bold; leading breaks,
 * images and spaces are dropped (they follow a row's picture).  *nout is
 * the copy's length. */
lp_inline *sense_lines(lp_arena *a, const lp_inline *in, size_t n, size_t *nout);
/* A copy of in[0..n) where each sentence after the first in a line starts
 * a line of its own: a line break after its mark (". " before a capital;
 * not after "e.g." or "Dr."), as sense lines ask ("Children's Social Care.
 * / Their job is to keep children safe.").  Numbers and links are left
 * whole.  *nout is the copy's length.  sense_lines does this too. */
lp_inline *sense_sentences(lp_arena *a, const lp_inline *in, size_t n, size_t *nout);
/* A deep copy of blocks with sense_lines applied to every paragraph. */
lp_block *sense_blocks(lp_arena *a, const lp_block *b, size_t n);

/* The text of inlines folded for matching words: ASCII lower case, curly
 * apostrophes straight, every run of white space (and each break) one
 * space, and one space before it all; images are left out. */
char *sense_fold(lp_arena *a, const lp_inline *in, size_t n);
/* Offset of the first whole-word occurrence of word in text (both
 * folded), or -1. */
long sense_find_word(const char *text, const char *word);
/* A hard word (a term of the front matter's words:) folded as sense_fold
 * folds text, without its padding. */
const char *sense_fold_word(lp_arena *a, const char *term);
/* The words (folded) not yet taken that text (folded) has as whole words:
 * their indices in out[], in the order text reads them; each is marked
 * taken, so that a word goes with the first text that uses it.  Returns
 * how many. */
size_t sense_take_words(lp_arena *a, const char *text, const char *const *words, size_t nwords,
                        bool *taken, size_t *out);

#endif
