/* project.h — where a run's layouts, fonts and contacts come from.
 *
 * A project is the folder that holds content/contacts.yaml or layouts/,
 * found by walking up from the first document named on the command line
 * (or from the current folder), so that `leafpress build x.md` works from
 * any folder of the project.  The installed data is
 * <prefix>/share/leafpress, found from the binary's own path
 * (<prefix>/bin/leafpress), or the source tree the binary was built in.
 * A project's own layouts/, fonts/ and contacts override the installed
 * ones; a command-line option overrides both.
 */
#ifndef LP_PROJECT_H
#define LP_PROJECT_H

#include "leafpress.h"

#define PROJECT_MAX_UP 64 /* folders walked up looking for a project */

typedef struct lp_project {
    const char *root;     /* the project folder, or NULL when there is none */
    const char *data;     /* the installed data folder, or NULL when there is none */
    const char *layouts;  /* resolved: project, else installed; NULL when neither has one */
    const char *fonts;
    const char *contacts; /* project's content/contacts.yaml or contacts.yaml, else installed */
    const char *partnership; /* the same for partnership.yaml */
    const char *out;      /* <root>/out, or "out" without a project */
    /* The print variant's FOGRA39 output profile: the project's or source
     * tree's build/icc/FOGRA39L.icc (make builds it), else the installed
     * icc/FOGRA39L.icc; NULL when there is none. */
    const char *output_profile;
} lp_project;

/* Fills p, with every string allocated from a.  start is a document or a
 * folder named on the command line (NULL: the current folder); self is the
 * running binary's path (NULL: /proc/self/exe).  Paths are relative to the
 * current folder when the project is inside it or above it, else absolute. */
void project_locate(lp_arena *a, const char *start, const char *self, lp_project *p);

/* Is path a project folder (content/contacts.yaml or layouts/ in it)? */
bool project_is_root(const char *path);

/* Is dir the folder file is in, or a folder above it?  (Both resolved;
 * false when either does not exist.) */
bool project_holds_folder_of(const char *dir, const char *file);

#endif
