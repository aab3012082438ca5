/* formats.c — the registry of format strategies (see formats.h). */
#include "formats.h"

#include "framecheck.h"
#include "print.h"

static const lp_format_strategy strategies[] = {
    {FMT_GUIDE, format_guide},     {FMT_TRIFOLD, format_trifold}, {FMT_EASYREAD, format_easyread},
    {FMT_POSTER, format_poster},   {FMT_BOOKLET, format_booklet},
};

const lp_format_strategy *format_strategy(lp_format f)
{
    for (size_t i = 0; i < sizeof strategies / sizeof *strategies; i++)
        if (strategies[i].format == f) return &strategies[i];
    return NULL;
}

const char *format_default_layout(lp_format f, lp_audience a)
{
    (void)a;
    return lp_format_names[f];
}

int format_layout(const lp_flow_ctx *ctx, lp_pages **editions, size_t *neditions)
{
    *editions = NULL;
    *neditions = 0;
    const lp_format_strategy *s = format_strategy(ctx->doc->meta.format);
    if (!s) {
        diag_error(ctx->diag, ctx->doc->path, ctx->doc->meta.title_line, 1, NULL, "unknown format");
        return -1;
    }
    if (s->layout(ctx, editions, neditions)) return -1;
    /* The print variant's bleed and marks are the layout's, whatever the format. */
    for (size_t i = 0; i < *neditions; i++) {
        (*editions)[i].source = ctx->doc->path;
        if (print_read_spec(ctx->spec, &(*editions)[i], ctx->diag)) return -1;
    }
    /* Nothing drawn may leave its frame: checked on every edition before
     * anything is written. */
    int escapes = 0;
    for (size_t i = 0; i < *neditions; i++)
        escapes += frame_check(&(*editions)[i], ctx->fonts, ctx->doc, ctx->diag);
    return escapes ? -1 : 0;
}
