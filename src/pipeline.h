/* pipeline.h — one document from source bytes to PDF bytes: source, front
 * matter, Markdown, layout (through the format registry), rendering.  The
 * command line, the tests and the fuzzers all build documents through
 * lp_build_doc; nothing here prints. */
#ifndef LP_PIPELINE_H
#define LP_PIPELINE_H

#include "audiences.h"
#include "contacts.h"
#include "fonts.h"
#include "layout_spec.h"
#include "partnership.h"
#include "render_pdf.h"
#include "leafpress.h"

#define LP_MAX_SPECS 64

typedef struct lp_env_layout {
    char *layout, *theme;
    lp_spec *spec; /* NULL: it failed to load (reported once) */
} lp_env_layout;

/* What every document of a run shares, loaded once.  Layouts load on first
 * use; a batch loads them all (lp_env_preload) before workers start, so that
 * workers only read the table. */
typedef struct lp_env {
    const char *layouts_dir, *fonts_dir, *contacts_path, *partnership_path;
    lp_fonts *fonts;
    lp_partnership *partnership;
    lp_contacts *contacts;
    lp_audiences *audiences; /* the themes */
    lp_env_layout specs[LP_MAX_SPECS];
    size_t nspecs;
    spec_files *files; /* the layout and theme files the specs were made from */
    bool frozen; /* after lp_env_preload: the table is only read (by many threads) */
} lp_env;

/* Loads fonts, the audiences (themes), the contacts table and the
 * partnership.  Returns 0, or -1 with errors (the env must still be
 * closed). */
int lp_env_open(lp_env *e, const char *layouts_dir, const char *fonts_dir, const char *contacts_path,
                const char *partnership_path, lp_diag *d);
void lp_env_close(lp_env *e);

/* The layout with its theme, loaded once per env.  NULL (with an error) when
 * it cannot be loaded. */
const lp_spec *lp_env_spec(lp_env *e, const char *layout, const char *theme, lp_diag *d);
/* lp_env_spec for a document: a layout that failed to load is reported at
 * the document's layout: (or audience:) line. */
const lp_spec *lp_env_doc_spec(lp_env *e, const lp_doc *doc, lp_diag *d);
/* leafpress check: a warning at the document's audience: when its layout's for:
 * recommends other readers (the build does not refuse it). */
void lp_check_made_for(const lp_env *e, const lp_doc *doc, lp_diag *d);
/* Reads each file's front matter and loads the layouts they name, before
 * workers start; a layout that fails says why in d, once (each document
 * using it then only says that it could not be loaded).  After this the
 * table is frozen: lp_env_spec only reads it, so workers share it safely. */
void lp_env_preload(lp_env *e, char *const *paths, size_t n, lp_diag *d);

/* Is the document's audience one of the themes?  0, or -1 with an error. */
int lp_check_audience(const lp_env *e, const lp_meta *m, const char *path, lp_diag *d);

/* The newest of a document's own files (the content, contacts, layout and
 * theme), seconds: the print variant's date when SOURCE_DATE_EPOCH is not set. */
long long lp_inputs_mtime(lp_env *e, const lp_doc *doc, lp_diag *d);

/* A file's output name: its name without directory and ext (".md"),
 * reduced to lower-case letters, digits and single hyphens, so no name can
 * reach outside the output folder.  "" when nothing is left. */
const char *lp_slug(lp_arena *a, const char *path, const char *ext);

/* The layout a document is set in: its own, or its format's default. */
const char *lp_layout_name(const lp_meta *m);
/* The theme a document's layout is read with. */
const char *lp_theme_name(const lp_meta *m);

/* Parses one document: the file at path, or len bytes (named path in
 * messages) when bytes is not NULL.  NULL on error. */
lp_doc *lp_load_doc(lp_env *e, lp_arena *a, const char *path, const char *bytes, size_t len,
                    lp_diag *d);
/* Lays a parsed document out in its editions.  Returns 0 or -1. */
int lp_layout_doc(lp_env *e, const lp_doc *doc, bool greedy, lp_diag *d, lp_pages **editions,
                  size_t *neditions);

typedef struct lp_build_opts {
    bool screen, print; /* which variants to render */
    bool layout_only;   /* stop after layout: no PDFs */
    bool greedy;        /* set paragraphs first-fit */
    long long epoch;    /* creation date (SOURCE_DATE_EPOCH), or -1 */
    const char *out_dir; /* where the PDFs belong (their names; nothing is written) */
    const char *output_profile; /* print: ICC CMYK output profile, or NULL for the layout's */
    const char *default_profile; /* print: the profile when neither names one, or NULL */
} lp_build_opts;

typedef struct lp_pdf {
    const char *path;           /* out_dir/[print/]<audience>/<slug><suffix>.pdf */
    const unsigned char *bytes; /* in the document's arena */
    size_t len;
} lp_pdf;

typedef struct lp_build {
    lp_doc *doc;
    lp_pages *editions;
    size_t neditions;
    lp_pdf *pdfs; /* each edition's screen, then print, variant (and a booklet's
                   * print pages one by one, "-pages") */
    size_t npdfs;
} lp_build;

/* Renders pages into *out: the PDF's bytes copied into arena a, named path.
 * Returns 0, or -1 with errors. */
int lp_render_pdf(lp_arena *a, const lp_pages *pg, const lp_fonts *fonts, const lp_render_opts *ro,
                  const char *path, lp_pdf *out, lp_diag *d);

/* Source (a file, or bytes as for lp_load_doc) to PDF bytes, everything in
 * arena a.  Returns 0, or -1 when any error was reported (out then holds
 * what was made before the error). */
int lp_build_doc(lp_env *e, lp_arena *a, const char *path, const char *bytes, size_t len,
                 const lp_build_opts *o, lp_build *out, lp_diag *d);

/* The PDFs a document will write, known before it is laid out: from its
 * file name, its front matter and its layout's editions (editions.*.suffix;
 * one edition without a suffix when the layout has none), in each variant o
 * asks for.  Paths are allocated from a.  0 (and no paths) when the
 * document cannot be read or its layout is not loaded (lp_env_preload
 * loads them); an edition suffix that would make an unsafe
 * file name is an error at the layout. */
size_t lp_predict_pdfs(lp_env *e, lp_arena *a, const char *path, const lp_build_opts *o,
                       const char ***paths, lp_diag *d);

/* Writes every PDF of a build: each into a whole temporary file first, and
 * only when all are written are they renamed into place, so a failure keeps
 * the previous PDFs and leaves no temporary file.  Not yet on disk: the
 * batch calls lp_sync_outputs once at its end. */
int lp_write_pdfs(const lp_build *b, lp_diag *d);

/* Puts everything written under dir (files, directories, renames) on disk
 * at once (syncfs): one sync for a batch instead of an fsync per file.
 * Returns 0, or -1 with an error. */
int lp_sync_outputs(const char *dir, lp_diag *d);

#endif
