/* formats.h — the registry of format strategies: which C lays out each
 * format.  The pipeline asks the registry; the formats use flow.c's
 * machinery; flow.c knows neither. */
#ifndef LP_FORMATS_H
#define LP_FORMATS_H

#include "flow.h"

/* A format's own C: lays the document out in editions (most formats make
 * one; posters make one per size).  Returns 0 or -1 with errors. */
typedef int (*lp_format_fn)(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);

typedef struct lp_format_strategy {
    lp_format format;
    const char *label; /* what readers see: "One-minute guide" */
    lp_format_fn layout;
} lp_format_strategy;

/* The strategy for a format, or NULL when none is registered. */
const lp_format_strategy *format_strategy(lp_format f);

/* The default layout for a format: the layout named as the format
 * (lp_format_names, in front matter and layouts/<name>.yaml). */
const char *format_default_layout(lp_format f);
/* What readers call the format ("Tri-fold leaflet"). */
const char *format_label(lp_format f);

/* Lays the document out with its format's strategy, then reads the print
 * variant's bleed and marks from the layout.  Returns 0 or -1 (with errors,
 * e.g. text that does not fit, saying by how much). */
int format_layout(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);

/* The strategies. */
int format_guide(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);
int format_trifold(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);
int format_easyread(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);
int format_poster(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);
int format_booklet(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);

#endif
