/* resolve.c — typed picture and contact records for a document (see
 * resolve.h).  Runs once after markdown.c; everything it makes lives in
 * the document's arena. */
#include "resolve.h"

#include <string.h>

const char *resolve_url_domain(lp_arena *a, const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(p, "www.", 4) == 0) p += 4;
    return arena_strndup(a, p, strcspn(p, "/?#:"));
}

const lp_contact_rec *resolve_contact(lp_arena *a, const lp_contact *ct, const char *audience)
{
    lp_contact_rec *r = arena_alloc(a, sizeof *r);
    r->ct = ct;
    if (ct->phone) {
        r->reach = r->reach_short = ct->phone;
        r->reach_url = ct->tel;
        r->by_phone = true;
    } else if (ct->email) {
        r->reach = r->reach_short = ct->email;
        r->reach_url = arena_printf(a, "mailto:%s", ct->email);
    } else if (ct->url) {
        r->reach = r->reach_url = ct->url;
        r->reach_short = resolve_url_domain(a, ct->url);
    }
    r->note = contacts_note(ct, audience);
    r->own_note = contacts_own_note(ct, audience);
    if (r->note) {
        size_t nl = strlen(r->note);
        bool stop = nl && strchr(".!?", r->note[nl - 1]);
        r->note_in[r->nnote++] = (lp_inline){
            .kind = IN_TEXT, .text = ct->warning ? arena_printf(a, "%s%s ", r->note, stop ? "" : ".") : r->note};
    }
    if (ct->warning) r->note_in[r->nnote++] = (lp_inline){.kind = IN_TEXT, .text = ct->warning, .style = IS_BOLD};
    return r;
}

typedef struct resolver {
    lp_doc *doc;
    const lp_contacts *contacts;
    lp_diag *d;
    int rc;
} resolver;

static void resolve_keys(resolver *r, lp_keyref *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const lp_contact *ct = r->contacts ? contacts_find(r->contacts, keys[i].key) : NULL;
        if (ct) keys[i].rec = resolve_contact(r->doc->arena, ct, r->doc->meta.audience);
    }
}

/* "icon:x" is glyph x; anything else is a PNG whose size markdown.c read
 * when it checked the file. */
static const lp_pic *picture(resolver *r, const char *src, const char *alt, unsigned px_w,
                                 unsigned px_h, int line, int col)
{
    lp_pic *p = arena_alloc(r->doc->arena, sizeof *p);
    p->alt = alt ? alt : "";
    p->line = line;
    p->col = col;
    if (strncmp(src, "icon:", 5) == 0) {
        p->icon = src + 5;
        return p;
    }
    if (!px_w || !px_h) {
        diag_error(r->d, r->doc->path, line, col, "give a PNG file beside the document",
                   "picture '%s' could not be read", src);
        r->rc = -1;
        return NULL;
    }
    p->path = src;
    p->px_w = px_w;
    p->px_h = px_h;
    return p;
}

static void resolve_inlines(resolver *r, lp_inline *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (in[i].kind == IN_IMAGE && in[i].url)
            in[i].pic = picture(r, in[i].url, in[i].text, in[i].px_w, in[i].px_h, in[i].line,
                                in[i].col);
}

/* The message of a paragraph that starts with a picture, or NULL. */
static const lp_message *message(resolver *r, const lp_block *b)
{
    size_t first = 0;
    while (first < b->nin && b->in[first].kind == IN_SOFTBREAK) first++;
    if (b->kind != BLK_PARA || first >= b->nin || b->in[first].kind != IN_IMAGE) return NULL;
    lp_message *m = arena_alloc(r->doc->arena, sizeof *m);
    lp_inline *words = arena_alloc(r->doc->arena, (b->nin + 1) * sizeof *words);
    m->image = &b->in[first];
    m->in = words;
    bool lead = true;
    for (size_t k = first + 1; k < b->nin; k++) {
        lp_inline in = b->in[k];
        if (lead && in.kind == IN_SOFTBREAK) continue;
        if (lead && in.kind == IN_TEXT) {
            const char *t = in.text;
            while (*t == ' ' || *t == '\t') t++;
            if (!*t) continue;
            in.text = t;
        }
        lead = false;
        words[m->nin++] = in;
    }
    return m;
}

static void resolve_blocks(resolver *r, lp_block *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        resolve_inlines(r, b[i].in, b[i].nin);
        b[i].msg = message(r, &b[i]);
        if (b[i].kind == BLK_CONTACTS) resolve_keys(r, b[i].keys, b[i].nkeys);
        resolve_blocks(r, b[i].kids, b[i].nkids);
    }
}

int lp_resolve(lp_doc *doc, const lp_contacts *contacts, lp_diag *d)
{
    resolver r = {doc, contacts, d, 0};
    lp_meta *m = &doc->meta;
    resolve_keys(&r, m->contacts, m->ncontacts);
    if (m->picture)
        m->cover = picture(&r, m->picture, m->picture_alt, m->picture_px_w, m->picture_px_h,
                           m->picture_line ? m->picture_line : m->title_line, m->picture_col);
    resolve_blocks(&r, doc->blocks, doc->nblocks);
    return r.rc;
}

int resolve_messages(const lp_doc *doc, lp_diag *d, const char *what, double least, double most)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        const lp_message *m = b->msg;
        if (!m) {
            diag_error(d, doc->path, b->line, b->col,
                       "write each message as a paragraph that starts with its picture: "
                       "![what it means](icon:name) The message",
                       "a %s holds only messages, each starting with a picture", what);
            return -1;
        }
        if (!m->image->pic || !m->image->pic->icon) {
            diag_error(d, doc->path, m->image->line, m->image->col, "use a Lucide icon: icon:<name>",
                       "a %s picture must be an icon, not '%s'", what,
                       m->image->pic ? m->image->pic->path : "");
            return -1;
        }
        if (m->nin == 0) {
            diag_error(d, doc->path, b->line, b->col, "write the message after the picture",
                       "a %s message has a picture but no words", what);
            return -1;
        }
    }
    int n = (int)doc->nblocks;
    if ((double)n >= least - 0.01 && (double)n <= most + 0.01) return n;
    if (least < most)
        diag_error(d, doc->path, doc->meta.title_line, 1,
                   "write each message as a paragraph that starts with its picture",
                   "a %s takes %.0f to %.0f messages; this one has %d", what, least, most, n);
    else
        diag_error(d, doc->path, doc->meta.title_line, 1,
                   "write each message as a paragraph that starts with its picture",
                   "a %s takes exactly %.0f messages; this one has %d", what, most, n);
    return -1;
}

int resolve_plain(const lp_doc *doc, lp_diag *d, const char *what, lp_plain *out)
{
    *out = (lp_plain){.paras = arena_alloc(doc->arena, (doc->nblocks + 1) * sizeof *out->paras)};
    for (size_t i = 0; i < doc->nblocks; i++) {
        const lp_block *b = &doc->blocks[i];
        if (i == 0 && b->kind == BLK_HEADING && b->level == 1) {
            char *t = arena_strdup(doc->arena, "");
            for (size_t k = 0; k < b->nin; k++)
                if (b->in[k].kind == IN_TEXT || b->in[k].kind == IN_SOFTBREAK)
                    t = arena_printf(doc->arena, "%s%s", t, b->in[k].kind == IN_TEXT ? b->in[k].text : " ");
            out->headline = t;
            out->line = b->line;
            out->col = b->col;
            continue;
        }
        if (b->kind != BLK_PARA) {
            diag_error(d, doc->path, b->line, b->col,
                       arena_printf(doc->arena, "a %s holds a '# headline' and short paragraphs: put the "
                                                "rest in a guide or leaflet", what),
                       "a %s has no room for %s", what,
                       b->kind == BLK_HEADING ? (b->level > 1 ? "a sub-heading" : "a second headline")
                       : b->kind == BLK_LIST  ? "a list"
                                              : "this kind of block");
            return -1;
        }
        out->paras[out->nparas++] = b;
    }
    if (out->nparas > 0) return 0;
    diag_error(d, doc->path, doc->meta.title_line, 1, "write a paragraph or two below the headline",
               "the %s has no text", what);
    return -1;
}
