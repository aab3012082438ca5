/* fuzz_contacts.c — contacts.yaml through contacts_load and every lookup. */
#include "contacts.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[300];
    if (!path[0]) snprintf(path, sizeof path, "%s/contacts.yaml", fuzz_scratch());
    fuzz_write(path, data, size);

    static const char *const fields[] = {"name", "short_name", "short-name", "phone", "tel", "hours",
                                         "email", "url", "note", "warning", "bogus"};
    lp_diag d;
    diag_init(&d);
    lp_contacts *c = contacts_load(path, &d);
    if (c) {
        for (size_t i = 0; i < c->n; i++) {
            const lp_contact *ct = &c->items[i];
            if (!ct->key || !ct->name || contacts_find(c, ct->key) == NULL) abort();
            if (!ct->phone && !ct->email && !ct->url) abort();
            if (ct->phone && (!ct->tel || strncmp(ct->tel, "tel:", 4) != 0)) abort();
            for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
                bool known = true;
                (void)contacts_field(ct, fields[f], &known);
            }
            char probe[64];
            snprintf(probe, sizeof probe, "%.20sx", ct->key);
            (void)contacts_suggest(c, probe);
        }
    } else if (d.errors == 0) {
        abort();
    }
    fuzz_check_diag(&d);
    contacts_free(c);
    diag_free(&d);
    return 0;
}
