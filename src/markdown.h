/* markdown.h — body text -> document model, with cmark. */
#ifndef LP_MARKDOWN_H
#define LP_MARKDOWN_H

#include "leafpress.h"
#include "contacts.h"
#include "source.h"

#define MD_MAX_DEPTH 16          /* nesting of lists/quotes/directives */
#define MD_MAX_LIST_ITEMS 200
#define MD_MAX_PARA_WORDS 2000
#define MD_MAX_ERRORS 50         /* reported per document; the rest are counted */

/* Parses src->body (CommonMark with smart punctuation) into doc->blocks.
 * doc->meta must already be filled (source_meta).  Resolves
 * {{contact:key}} and {{contact:key.field}} against contacts; parses the
 * ```callout, ```definition and ```contacts directives (their bodies are
 * Markdown again).  Errors with real file lines (the body's line offset is
 * added): raw HTML, link schemes other than http/https/tel/mailto, an image
 * without alt text, an unknown contact key or field (with "did you mean"),
 * an unknown directive, headings deeper than ###, limits exceeded.  A
 * picture file that exists (inline or the front matter's picture:) must
 * resolve, symbolic links followed, inside the content file's folder, and
 * be a PNG that decodes within picture.h's limits.
 * Returns 0 or -1. */
int md_parse(lp_doc *doc, const lp_source *src, const lp_contacts *contacts, lp_diag *d);

#endif
