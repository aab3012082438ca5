/* resolve.h — the step after Markdown and before layout: a document's
 * pictures become typed picture records (an icon, or a checked PNG) and
 * its contacts become contact records (the details, the way to reach it,
 * the note in the words of the document's audience), once, so that no
 * format, part or checker reads "icon:..." strings or looks contact keys
 * up again. */
#ifndef LP_RESOLVE_H
#define LP_RESOLVE_H

#include "contacts.h"
#include "leafpress.h"

typedef struct lp_contact_rec {
    const lp_contact *ct;
    /* How to reach it: the phone number, else the e-mail address, else the
     * web address, as printed; reach_url is its link (tel:, mailto: or the
     * address); reach_short prints a web address as its site's name
     * ("example.gov.uk"), for cells too narrow for the whole address.
     * All NULL when the contact has none of the three. */
    const char *reach, *reach_url, *reach_short;
    bool by_phone; /* reach is a number to call */
    /* The note for the document's audience: its own wording, else the
     * general note (NULL when neither); own_note only the audience's own. */
    const char *note, *own_note;
    /* The note as a sentence, then the contact's warning in bold as a
     * sentence of its own: what cards and cells print under the name. */
    lp_inline note_in[2];
    size_t nnote;
} lp_contact_rec;

/* A paragraph that starts with a picture (line breaks before it aside):
 * the picture, and the words after it with the space before them dropped
 * (nin 0: the picture has no words). */
typedef struct lp_message {
    const lp_inline *image; /* IN_IMAGE, its pic resolved */
    const lp_inline *in;
    size_t nin;
} lp_message;

/* A document read as short paragraphs under an optional leading
 * "# heading" (a poster written as plain Markdown): its paragraphs, and
 * the heading's text and place (headline NULL when it has none). */
typedef struct lp_plain {
    const lp_block **paras;
    size_t nparas;
    const char *headline;
    int line, col;
} lp_plain;

/* The messages of doc: every block a paragraph that starts with an icon
 * and has words after it (lp_block.msg), least to most of them.  `what`
 * names the document in the errors ("poster").  Returns how many, or -1
 * with an error at the first block that is not such a message (or at the
 * title when there are too few or too many). */
int resolve_messages(const lp_doc *doc, lp_diag *d, const char *what, double least, double most);

/* Reads doc as plain paragraphs (out, in doc's arena).  Returns 0, or -1
 * with an error at the first block that is neither the leading heading
 * nor a paragraph, or at the title when there is no paragraph. */
int resolve_plain(const lp_doc *doc, lp_diag *d, const char *what, lp_plain *out);

/* Resolves every picture (inline images, the cover picture) and every
 * contact key (front matter, contacts blocks) of doc, in doc's arena, and
 * types each paragraph that starts with a picture (lp_block.msg).
 * Keys markdown.c already refused stay unresolved (rec NULL).  Returns 0,
 * or -1 with an error when a picture or contact cannot be resolved. */
int lp_resolve(lp_doc *doc, const lp_contacts *contacts, lp_diag *d);

/* One contact's record for a reader of audience (NULL: the general note),
 * in arena a: for contacts named by a layout or the partnership. */
const lp_contact_rec *resolve_contact(lp_arena *a, const lp_contact *ct, const char *audience);

/* "https://www.example.gov.uk/x/y" -> "example.gov.uk": the domain a
 * reader types. */
const char *resolve_url_domain(lp_arena *a, const char *url);

#endif
