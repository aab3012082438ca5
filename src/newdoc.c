/* newdoc.c — a new document to start from: `leafpress new`. */
#include "newdoc.h"
#include "source.h"

#include <string.h>

/* Each format's skeleton: the shape its layout expects, in words that say
 * what goes where.  Contacts named here are ones every contacts table of
 * the project's kind has (the emergency number). */
static const char *const body[FMT__COUNT] = {
    [FMT_GUIDE] = "## What it is\n\n"
                  "Say in two or three sentences what the reader needs to know.\n\n"
                  "## What to do\n\n"
                  "- Say what the reader should do first.\n"
                  "- Say who to tell, and how.\n"
                  "- In an emergency, call {{contact:emergency}}.\n\n"
                  "## Find out more\n\n"
                  "Name the guidance a reader can turn to, and where to find it.\n",
    [FMT_TRIFOLD] = "## What this leaflet is about\n\n"
                    "Say in a few sentences who this leaflet is for and what it will help them do.\n\n"
                    "***\n\n"
                    "## What to look out for\n\n"
                    "- Write one sign a reader might notice.\n"
                    "- Write another.\n\n"
                    "***\n\n"
                    "## What you can do\n\n"
                    "Say what to do, and that it is all right to ask for help.\n\n"
                    "***\n\n"
                    "## If a child is in danger\n\n"
                    "Call {{contact:emergency}} straight away.\n",
    [FMT_EASYREAD] = "## What this is about\n\n"
                     "![someone to talk to](icon:message-circle-heart) Write one short idea on each line.\n"
                     "Start each row with a picture that shows it.\n\n"
                     "![it is not your fault](icon:shield-check) Use short words and short sentences.\n\n"
                     "## Who can help\n\n"
                     "![a phone call](icon:phone) In an emergency, call {{contact:emergency.phone}}.\n",
    [FMT_POSTER] = "![someone to talk to](icon:message-circle-heart) Write the first message\n\n"
                   "![a phone call](icon:phone) Say who to call\n\n"
                   "![it is not your fault](icon:shield-check) Say it is never their fault\n",
    [FMT_BOOKLET] = "## About this booklet\n\n"
                    "Say who this booklet is for and how to use it.\n\n"
                    "## The first section\n\n"
                    "Write each section under its own heading; the contents page lists them.\n\n"
                    "## Where to get help\n\n"
                    "In an emergency, call {{contact:emergency}}.\n",
};

static void put_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* "# one | two | three" for an enumeration. */
static void put_choices(FILE *f, const char *const *names, size_t n)
{
    fputs("   # ", f);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? " | " : "", names[i]);
    fputc('\n', f);
}

void newdoc_write(FILE *f, lp_format format, const char *audience, const lp_audiences *au, const char *title,
                  const char *today, const char *review_by)
{
    fputs("---\ntitle: ", f);
    put_quoted(f, title);
    fprintf(f, "\nformat: %s", lp_format_names[format]);
    put_choices(f, lp_format_names, FMT__COUNT);
    fprintf(f, "audience: %s", audience);
    put_choices(f, au->names, au->n);
    fprintf(f, "reviewed: %s\nreview-by: %s\nversion: \"0.1\"\n", today, review_by);
    /* Every other key, commented out, with an example and what it does:
     * delete the # to use one. */
    for (size_t i = 0; i < source_nknown_keys; i++) {
        const lp_key_help *k = &source_key_help[i];
        if (strcmp(k->key, "title") == 0 || strcmp(k->key, "format") == 0 ||
            strcmp(k->key, "audience") == 0 || strcmp(k->key, "reviewed") == 0 ||
            strcmp(k->key, "review-by") == 0 || strcmp(k->key, "version") == 0)
            continue;
        fprintf(f, "# %s: %s\n#   %s\n", k->key, k->example, k->what);
    }
    fputs("---\n\n", f);
    fputs(body[format], f);
}

const char *newdoc_file_name(lp_arena *a, const char *title)
{
    char *name = arena_alloc(a, 64 + 4);
    size_t w = 0;
    for (const char *p = title; *p && w < 60; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name[w++] = c;
        else if (w > 0 && name[w - 1] != '-') name[w++] = '-';
    }
    while (w > 0 && name[w - 1] == '-') w--;
    if (w == 0) return NULL;
    memcpy(name + w, ".md", 4);
    return name;
}
