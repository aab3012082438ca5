/* source.h — a content file: bytes -> validated front matter + body. */
#ifndef LP_SOURCE_H
#define LP_SOURCE_H

#include "leafpress.h"
#include "yamltree.h"

#define SRC_MAX_BYTES (4u * 1024u * 1024u)     /* a content file */
#define SRC_MAX_FRONT_BYTES (64u * 1024u)      /* its front matter */

typedef struct lp_source {
    const char *path;
    char *text;           /* the whole file, NUL-terminated; BOM removed, CRLF -> LF,
                           * invisible characters (zero-width, LRM/RLM, soft hyphen) dropped */
    size_t len;
    const char *body;     /* the Markdown after the closing "---" line */
    size_t body_len;
    int body_line;        /* line number of body[0] in the file (1-based) */
    yt_node *front;       /* the front matter map */
} lp_source;

/* Reads path and splits front matter ("---" first line ... "---") from the
 * body.  Rejects: missing file, over-size file, NUL bytes, invalid UTF-8
 * (with line:col of the bad byte), missing or unterminated front matter,
 * YAML errors, control characters and bidirectional overrides (with
 * line:col).  Returns 0 or -1 (with diagnostics). */
int source_load(lp_arena *a, const char *path, lp_source *out, lp_diag *d);
/* The same for len bytes already in memory (copied); path names them in
 * messages. */
int source_from_bytes(lp_arena *a, const char *path, const char *bytes, size_t len, lp_source *out,
                      lp_diag *d);

/* Validates the front matter map into meta: required keys (title, format,
 * audience), types, enumerations (with "did you mean"), dates, unknown keys
 * (error naming the key and the closest known key).  Returns 0 or -1. */
int source_meta(lp_arena *a, const lp_source *src, lp_meta *meta, lp_diag *d);

/* Is the audience one of names (the themes)?  0, or -1 with an error at the
 * front matter's audience line ("did you mean", or the choices). */
int source_check_audience(const lp_meta *m, const char *file, const char *const *names, size_t n,
                          lp_diag *d);

/* The keys a content file's front matter may hold, for errors and lint. */
extern const char *const source_known_keys[];
extern const size_t source_nknown_keys;

/* Each key's documentation, in the same order as source_known_keys. */
typedef struct lp_key_help {
    const char *key;
    bool required;
    const char *example; /* a value as it is written in front matter */
    const char *what;
} lp_key_help;
extern const lp_key_help source_key_help[];

#endif
