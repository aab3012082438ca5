/* contacts.c — content/contacts.yaml: every organisation's details, once.
 *
 * Every phone number a leaflet prints comes from here, so this file is
 * strict: a number that is not digits and single spaces, or an entry with no
 * source, stops the build rather than reaching paper.
 */
#include "contacts.h"

#include <stdio.h>
#include <string.h>

#include "yamltree.h"

#define CONTACTS_MAX_BYTES (1024u * 1024u)
#define CONTACTS_MAX_ITEMS 1000u
#define PHONE_MAX_DIGITS 15 /* E.164 */

static const char *const fields[] = {"name", "short-name", "phone", "hours", "email", "url",
                                     "note", "warning", "icon",  "source"};
#define NFIELDS (sizeof fields / sizeof fields[0])


static bool is_key(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return false;
    return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits in groups joined by single spaces, optionally after a leading '+'. */
static bool is_phone(const char *s)
{
    if (*s == '+') s++;
    if (!is_digit(*s)) return false;
    int digits = 0;
    for (; *s; s++) {
        if (is_digit(*s))
            digits++;
        else if (*s != ' ' || !is_digit(s[1]))
            return false;
    }
    return digits <= PHONE_MAX_DIGITS;
}

static bool is_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@')) return false;
    const char *dot = strchr(at + 1, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0') return false;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' || *s == '"') return false;
    return true;
}

static bool is_url(const char *s)
{
    const char *host = strncmp(s, "https://", 8) == 0 ? s + 8 : strncmp(s, "http://", 7) == 0 ? s + 7 : NULL;
    if (!host || !*host || *host == '/' || *host == '.') return false;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' || *s == '"') return false;
    return true;
}

/* "024 7678 8555" -> "tel:+442476788555": UK numbers dialled with a leading 0
 * become international; short codes (999, 116 123) stay as they are. */
static const char *derive_tel(lp_arena *a, const char *phone)
{
    char digits[PHONE_MAX_DIGITS + 8];
    size_t n = 0;
    const char *p = phone;
    bool plus = *p == '+';
    if (plus) p++;
    for (; *p && n < PHONE_MAX_DIGITS; p++)
        if (is_digit(*p)) digits[n++] = *p;
    digits[n] = '\0';
    if (plus) return arena_printf(a, "tel:+%s", digits);
    if (digits[0] == '0') return arena_printf(a, "tel:+44%s", digits + 1);
    return arena_printf(a, "tel:%s", digits);
}

/* The slot of one field; "note-<audience>" finds that audience's note, and
 * with create makes room for it (any audience: the themes are the list). */
static const char **field_slot(lp_contact *ct, const char *f, bool create)
{
    if (strcmp(f, "name") == 0) return &ct->name;
    if (strcmp(f, "short-name") == 0) return &ct->short_name;
    if (strcmp(f, "phone") == 0) return &ct->phone;
    if (strcmp(f, "hours") == 0) return &ct->hours;
    if (strcmp(f, "email") == 0) return &ct->email;
    if (strcmp(f, "url") == 0) return &ct->url;
    if (strcmp(f, "note") == 0) return &ct->note;
    if (strncmp(f, "note-", 5) == 0 && is_key(f + 5)) {
        for (size_t i = 0; i < ct->nnotes; i++)
            if (strcmp(ct->notes[i].audience, f + 5) == 0) return &ct->notes[i].note;
        if (!create || ct->nnotes == CONTACT_MAX_NOTES) return NULL;
        ct->notes[ct->nnotes].audience = f + 5;
        return &ct->notes[ct->nnotes++].note;
    }
    if (strcmp(f, "warning") == 0) return &ct->warning;
    if (strcmp(f, "icon") == 0) return &ct->icon;
    if (strcmp(f, "source") == 0) return &ct->source;
    return NULL;
}

/* Fills ct from the entry's map; false when anything was wrong. */
static bool load_entry(lp_arena *a, const char *path, const yt_node *key, const yt_node *v, lp_contact *ct,
                       lp_diag *d)
{
    int before = d->errors;
    ct->key = key->scalar;
    ct->line = key->line;
    ct->col = key->col;
    if (!is_key(key->scalar))
        diag_error(d, path, key->line, key->col, "use lower-case letters, digits and hyphens, e.g. blue-sky",
                   "bad contact key '%s'", key->scalar);
    if (v->kind != YT_MAP) {
        diag_error(d, path, v->line, v->col, "indent name:, phone:, source: ... under the key",
                   "contact '%s' must be a map of fields", key->scalar);
        return false;
    }
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *fk = v->keys[i], *fv = v->vals[i];
        const char **slot = field_slot(ct, fk->scalar, true);
        if (!slot) {
            const char *near = lp_closest(fk->scalar, fields, NFIELDS);
            char hint[128];
            if (near)
                snprintf(hint, sizeof hint, "did you mean '%s'?", near);
            else
                snprintf(hint, sizeof hint, "fields are %s",
                         "name, short-name, phone, hours, email, url, note, note-<audience>, "
                         "warning, icon, source");
            diag_error(d, path, fk->line, fk->col, hint, "unknown contact field '%s'", fk->scalar);
            continue;
        }
        if (fv->kind != YT_SCALAR || fv->len == 0) {
            diag_error(d, path, fv->line, fv->col, "write the value on the same line, after the ':'",
                       "contact field '%s' must be text", fk->scalar);
            continue;
        }
        *slot = fv->scalar;
        const char *s = fv->scalar;
        if (slot == &ct->icon) ct->icon_line = fv->line, ct->icon_col = fv->col;
        for (size_t k = 0; k < ct->nnotes; k++)
            if (slot == &ct->notes[k].note) ct->notes[k].line = fk->line, ct->notes[k].col = fk->col;
        if (slot == &ct->phone && !is_phone(s))
            diag_error(d, path, fv->line, fv->col, "write digits in groups with single spaces, e.g. \"024 7678 8555\"",
                       "bad phone number '%s'", s);
        else if (slot == &ct->email && !is_email(s))
            diag_error(d, path, fv->line, fv->col, "write one address such as name@example.org",
                       "bad email address '%s'", s);
        else if ((slot == &ct->url || slot == &ct->source) && !is_url(s))
            diag_error(d, path, fv->line, fv->col, "write the full address, starting https://",
                       "'%s' must be an http or https URL: '%s'", fk->scalar, s);
        else if (slot == &ct->icon && !is_key(s))
            diag_error(d, path, fv->line, fv->col, "write a Lucide icon name, e.g. shield-check",
                       "bad icon name '%s'", s);
    }
    if (!ct->name)
        diag_error(d, path, key->line, key->col, "add 'name:' with the organisation's full name",
                   "contact '%s' has no name", key->scalar);
    if (!ct->source)
        diag_error(d, path, key->line, key->col, "add 'source:' with the page the details came from",
                   "contact '%s' has no source", key->scalar);
    if (!ct->phone && !ct->email && !ct->url)
        diag_error(d, path, key->line, key->col, "add a phone, email or url",
                   "contact '%s' has no way to reach it", key->scalar);
    if (ct->phone && d->errors == before) ct->tel = derive_tel(a, ct->phone);
    return d->errors == before;
}

lp_contacts *contacts_load(const char *path, lp_diag *d)
{
    lp_arena *a = arena_new();
    lp_contacts *c = arena_alloc(a, sizeof *c);
    c->arena = a;
    c->path = arena_strdup(a, path);
    yt_node *root = yt_load_file(a, c->path, CONTACTS_MAX_BYTES, d);
    if (!root) goto fail;
    if (root->kind != YT_MAP) {
        diag_error(d, c->path, root->line, root->col, "write one 'key:' a line, with its fields indented below",
                   "contacts file must be a map of keys");
        goto fail;
    }
    if (root->n > CONTACTS_MAX_ITEMS) {
        diag_error(d, c->path, root->line, root->col, "keep the organisations the leaflets name",
                   "more than %u contacts", CONTACTS_MAX_ITEMS);
        goto fail;
    }
    if (root->n == 0) {
        /* An emptied file would otherwise show up as "unknown contact" in
         * every document and the partnership file. */
        diag_error(d, c->path, root->line, root->col, "write one 'key:' a line, with name:, phone: ... indented below",
                   "the contacts table has no contacts");
        goto fail;
    }
    c->items = arena_alloc(a, (root->n ? root->n : 1) * sizeof *c->items);
    bool ok = true;
    for (size_t i = 0; i < root->n; i++) {
        if (!load_entry(a, c->path, root->keys[i], root->vals[i], &c->items[c->n], d))
            ok = false;
        c->n++;
    }
    if (ok) return c;
fail:
    arena_free(a);
    return NULL;
}

void contacts_free(lp_contacts *c)
{
    if (c) arena_free(c->arena);
}

const lp_contact *contacts_find(const lp_contacts *c, const char *key)
{
    if (!c || !key) return NULL;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].key, key) == 0) return &c->items[i];
    return NULL;
}

/* A wrong suggestion can put a wrong number on a leaflet (a four-letter
 * acronym is an organisation of its own, not a typo for another one letter
 * away), so a key is offered only
 * for a tiny slip: one edit (a swap of two letters counts as one), two in a
 * key of eight letters or more, and only when every key that close is the
 * same organisation's number. */
const char *contacts_suggest(const lp_contacts *c, const char *key)
{
    if (!c || !key || c->n == 0) return NULL;
    size_t limit = strlen(key) >= 8 ? 2 : 1, best_d = limit + 1;
    const lp_contact *best = NULL;
    bool ambiguous = false;
    for (size_t i = 0; i < c->n; i++) {
        size_t dist = lp_edit_distance(key, c->items[i].key);
        if (dist > limit || dist > best_d) continue;
        const lp_contact *ct = &c->items[i];
        if (dist < best_d) {
            best_d = dist;
            best = ct;
            ambiguous = false;
        } else if (!(ct->phone && best->phone && strcmp(ct->phone, best->phone) == 0)) {
            ambiguous = true;
        }
    }
    return best && !ambiguous ? best->key : NULL;
}

const char *contacts_own_note(const lp_contact *ct, const char *audience)
{
    for (size_t i = 0; ct && audience && i < ct->nnotes; i++)
        if (strcmp(ct->notes[i].audience, audience) == 0) return ct->notes[i].note;
    return NULL;
}

const char *contacts_note(const lp_contact *ct, const char *audience)
{
    if (!ct) return NULL;
    const char *own = contacts_own_note(ct, audience);
    return own ? own : ct->note;
}

const char *contacts_field(const lp_contact *ct, const char *field, bool *known)
{
    if (known) *known = true;
    if (!ct || !field) return NULL;
    if (strcmp(field, "tel") == 0) return ct->tel;
    if (strcmp(field, "short_name") == 0) field = "short-name";
    const char **slot = field_slot((lp_contact *)ct, field, false);
    if (!slot) {
        if (known) *known = false;
        return NULL;
    }
    return *slot;
}
