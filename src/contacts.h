/* contacts.h — content/contacts.yaml: every organisation's details, once. */
#ifndef LP_CONTACTS_H
#define LP_CONTACTS_H

#include "leafpress.h"

#define CONTACT_MAX_NOTES 16 /* audiences with a note of their own, per contact */

typedef struct lp_contact {
    const char *key;     /* "mash" */
    const char *name;    /* "Multi Agency Safeguarding Hub" */
    const char *short_name; /* "MASH" (optional) */
    const char *phone;   /* as printed: "024 7678 8555" (groups separated by spaces) */
    const char *tel;     /* tel: URL derived from phone: "tel:+442476788555" */
    const char *hours;   /* optional: "9am–9pm Monday to Thursday, 9am–5pm Friday" */
    const char *email;   /* optional */
    const char *url;     /* optional */
    const char *note;    /* optional: one line of use ("to discuss a child or a case") */
    /* optional: the note in the words of one audience (note-young-people:
     * "If you are not safe at home"); see contacts_note */
    struct {
        const char *audience, *note;
        int line, col; /* where note-<audience> is, for a message about it */
    } notes[CONTACT_MAX_NOTES];
    size_t nnotes;
    const char *warning; /* optional: printed in bold ("cannot take calls about individual children") */
    const char *icon;    /* optional Lucide icon name for posters/back panels */
    int icon_line, icon_col; /* where it is, for a message about it */
    const char *source;  /* required: the page the details were taken from */
    int line, col;       /* where the key is in contacts.yaml */
} lp_contact;

typedef struct lp_contacts {
    const char *path;
    lp_contact *items;
    size_t n;
    lp_arena *arena;
} lp_contacts;

/* Loads and validates the file (every entry: name, source, and at least a
 * phone, email or url; phone is digits and spaces, optionally a leading +;
 * unknown fields are errors).  NULL on error. */
lp_contacts *contacts_load(const char *path, lp_diag *d);
void contacts_free(lp_contacts *c); /* NULL is a no-op */

const lp_contact *contacts_find(const lp_contacts *c, const char *key);
/* Closest known key for an unknown one (for "did you mean"), or NULL. */
const char *contacts_suggest(const lp_contacts *c, const char *key);

/* The note to print for a reader: the audience's own wording when the
 * contact has one, else the general note (NULL when neither). */
const char *contacts_note(const lp_contact *ct, const char *audience);
/* Only the audience's own wording, or NULL. */
const char *contacts_own_note(const lp_contact *ct, const char *audience);

/* The value of one field by name: "name", "phone", "tel", "hours", "email",
 * "url", "note", "short_name".  NULL when the contact has no such value or
 * the field name is unknown (*known is set false in that case). */
const char *contacts_field(const lp_contact *ct, const char *field, bool *known);

#endif
