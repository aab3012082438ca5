/* formats.c — the registry of format strategies (see formats.h). */
#include "formats.h"

#include "framecheck.h"
#include "print.h"

/* The one place the formats are named. */
const char *const lp_format_names[FMT__COUNT] = {
    [FMT_GUIDE] = "one-minute-guide", [FMT_TRIFOLD] = "trifold", [FMT_EASYREAD] = "easy-read",
    [FMT_POSTER] = "poster",          [FMT_BOOKLET] = "booklet",
};

static const lp_format_strategy strategies[] = {
    {FMT_GUIDE, "One-minute guide", format_guide},  {FMT_TRIFOLD, "Tri-fold leaflet", format_trifold},
    {FMT_EASYREAD, "Easy read", format_easyread},   {FMT_POSTER, "Poster", format_poster},
    {FMT_BOOKLET, "Booklet", format_booklet},
};

const lp_format_strategy *format_strategy(lp_format f)
{
    for (size_t i = 0; i < sizeof strategies / sizeof *strategies; i++)
        if (strategies[i].format == f) return &strategies[i];
    return NULL;
}

const char *format_default_layout(lp_format f)
{
    return (unsigned)f < FMT__COUNT ? lp_format_names[f] : NULL;
}

const char *format_label(lp_format f)
{
    const lp_format_strategy *s = format_strategy(f);
    return s ? s->label : NULL;
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
