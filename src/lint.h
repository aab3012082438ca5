/* lint.h — content checks per audience: readability, contacts typed by
 * hand, alt text, link wording, review dates, jargon.  Rules come from the
 * theme's `lint:` section, so each audience sets its own limits. */
#ifndef LP_LINT_H
#define LP_LINT_H

#include "contacts.h"
#include "layout_spec.h"
#include "leafpress.h"

/* Readability figures of a text, for reports and tests. */
typedef struct lint_stats {
    int sentences, words, syllables, long_words; /* long: 3+ syllables */
    int longest_sentence;                         /* in words */
    double reading_ease;                          /* Flesch reading ease */
} lint_stats;

/* Counts syllables of one word (English heuristics). */
int lint_syllables(const char *word, size_t len);
/* Sentences, words, syllables and Flesch reading ease of a UTF-8 text. */
void lint_measure(const char *text, lint_stats *st);

/* Checks one parsed document against the rules of its theme (spec); today
 * is "YYYY-MM-DD" for review dates.  Adds warnings and errors to d; returns
 * the number of errors added. */
int lint_doc(const lp_doc *doc, const lp_spec *spec, const lp_contacts *contacts, const char *today,
             lp_diag *d);

/* Across a whole catalogue: a contact defined but used by no document is a
 * warning at its line in contacts.yaml. */
int lint_unused_contacts(const lp_contacts *contacts, const lp_doc *const *docs, size_t ndocs,
                         lp_diag *d);

#endif
