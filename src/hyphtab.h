/* hyphtab.h — hyphenation patterns compiled at build time.
 *
 * src/tools/hyph_table.c loads a libhyphen pattern file (.dic) with libhyphen
 * itself and writes its automaton out as C tables of numbers (no pointers,
 * so they stay read-only, shared and untouched until a word is hyphenated);
 * linebreak.c turns them back into libhyphen's dictionary without parsing
 * anything, so hyphen points are libhyphen's, computed by libhyphen. */
#ifndef LP_HYPHTAB_H
#define LP_HYPHTAB_H

#include <stddef.h>

/* libhyphen's HyphenTrans, field for field (linebreak.c checks the layout). */
typedef struct lp_hyph_trans {
    char ch;
    int new_state;
} lp_hyph_trans;

/* libhyphen's HyphenState with offsets for pointers: match and repl into
 * the pool (-1: none), trans into the level's transitions. */
typedef struct lp_hyph_state {
    int match, repl;
    signed char replindex;
    unsigned char replcut;
    int fallback_state, num_trans, trans;
} lp_hyph_state;

typedef struct lp_hyph_level {
    char lhmin, rhmin, clhmin, crhmin;
    int nohyphen; /* offset into the pool of nohyphenl + 1 strings, -1: none */
    int nohyphenl;
    int num_states;
    char cset[20];
    int utf8;
    const lp_hyph_state *states;
    const lp_hyph_trans *trans;
} lp_hyph_level;

typedef struct lp_hyph_table {
    const char *source; /* the .dic it was made from, for messages */
    int nlevels;        /* levels[i + 1] is levels[i]'s nextlevel */
    const lp_hyph_level *levels;
    const char *pool;
} lp_hyph_table;

/* en-GB (hyph_en_GB.dic), generated into $(BUILD)/gen/hyph_en_GB.c. */
extern const lp_hyph_table lp_hyph_en_gb;

#endif
