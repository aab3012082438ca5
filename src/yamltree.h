/* yamltree.h — the one wrapper around libyaml.
 *
 * Parses a YAML document into a tree of maps, sequences and scalars that
 * carry their 1-based line and column, with explicit limits: nesting depth,
 * node count, and alias expansion (an alias points at the node it names, and
 * every node's expanded size, in nodes and in bytes of text, is counted, so
 * an alias bomb is an error, not a hang).  Explicit tags are refused.  source.c, contacts.c and layout_spec.c read YAML through this.
 */
#ifndef LP_YAMLTREE_H
#define LP_YAMLTREE_H

#include "leafpress.h"

#define YT_MAX_DEPTH 32
#define YT_MAX_NODES 100000    /* counted after alias expansion */
#define YT_MAX_BYTES (4u * 1024u * 1024u) /* text bytes of all values, after alias expansion */

typedef enum { YT_SCALAR, YT_MAP, YT_SEQ } yt_kind;

typedef struct yt_node {
    yt_kind kind;
    int line, col;             /* 1-based, real lines of the file */
    const char *scalar;        /* YT_SCALAR: NUL-terminated UTF-8 */
    size_t len;                /* YT_SCALAR: byte length (may contain no NUL: NUL is an error) */
    bool quoted;               /* YT_SCALAR: written in quotes (so "yes" is a string) */
    size_t n;                  /* YT_MAP: pairs; YT_SEQ: items */
    struct yt_node **keys;     /* YT_MAP: scalar keys */
    struct yt_node **vals;     /* YT_MAP: values; YT_SEQ: items */
} yt_node;

/* Parses text[0..len) (one YAML document) whose first line is line number
 * first_line of file.  Returns the root node, or NULL after adding an
 * error with file:line:col.  An empty document gives an empty map.
 * Duplicate keys in a map are an error; so is a value holding a character
 * yt_forbidden_char names (escapes included); invisible characters are
 * dropped from values. */
yt_node *yt_parse(lp_arena *a, const char *text, size_t len, const char *file, int first_line,
                  lp_diag *d);

/* Reads a whole file of at most max_bytes into the arena, NUL-terminated
 * (*len excludes the NUL).  NULL, with an error, when it cannot be read or
 * is larger.  A small file costs a small buffer. */
char *yt_read_file(lp_arena *a, const char *path, size_t max_bytes, size_t *len, lp_diag *d);

/* Reads a whole file (at most max_bytes) and parses it.  NULL on error. */
yt_node *yt_load_file(lp_arena *a, const char *path, size_t max_bytes, lp_diag *d);

/* Text hygiene shared by every reader of content (source.c, markdown.c and
 * YAML values here).  A short name ("control character", "bidirectional
 * embedding or override", ...) for a code point no leafpress text may hold,
 * or NULL when cp is allowed; and whether cp is an invisible character
 * (zero-width, LRM/RLM, soft hyphen) that is dropped rather than refused. */
const char *yt_forbidden_char(uint32_t cp);
bool yt_invisible_char(uint32_t cp);

/* Map lookup by key; NULL when absent or when map is not a map. */
const yt_node *yt_get(const yt_node *map, const char *key);
/* Dotted path lookup: yt_path(root, "margins.left"). */
const yt_node *yt_path(const yt_node *root, const char *dotted);

#endif
