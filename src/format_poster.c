/* format_poster.c — the poster format. */
#include "flow.h"

/* Until this format's layout is written, a document in it is refused with
 * a clear error rather than set badly. */
int format_poster(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    diag_error(ctx->diag, ctx->doc->path, ctx->doc->meta.title_line, 1,
               "this build of leafpress sets one-minute guides only",
               "the poster format is not available yet");
    return -1;
}
