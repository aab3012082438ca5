/* flow.h — document model + layout spec -> positioned boxes on pages. */
#ifndef LP_FLOW_H
#define LP_FLOW_H

#include "contacts.h"
#include "fonts.h"
#include "layout_spec.h"
#include "leafpress.h"

typedef struct lp_flow_ctx {
    const lp_doc *doc;
    const lp_spec *spec;
    const lp_fonts *fonts;
    const lp_contacts *contacts;
    lp_arena *arena;
    lp_diag *diag;
    bool greedy; /* set paragraphs first-fit (for comparisons and bench) */
} lp_flow_ctx;

/* Lays the document out in its format.  Most formats make one edition;
 * posters make one per size.  Returns 0 or -1 (with errors, e.g. text that
 * does not fit, saying by how much). */
int flow_layout(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions);

/* The default layout name for a format (and audience). */
const char *flow_default_layout(lp_format f, lp_audience a);

#endif
