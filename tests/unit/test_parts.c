/* test_parts.c — the shared layout parts (parts.c), each placed in a frame
 * of a given size on a page of its own: the boxes it makes must sit in
 * that frame where the layout says, with the structure and links a reader
 * needs; a part that cannot fit says so at the source's line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmocka.h>

#include "layout_spec.h"
#include "parts.h"
#include "pipeline.h"

typedef struct fx {
    lp_env env;
    lp_arena *a;
    lp_diag d;
    lp_doc doc;
    lp_flow_ctx ctx;
    lp_pages pg;
    fl_writer w;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    diag_init(&f->d);
    if (lp_env_open(&f->env, "layouts", "fonts", "content/contacts.yaml", "content/partnership.yaml", &f->d))
        return -1;
    f->a = arena_new();
    const lp_spec *spec = lp_env_spec(&f->env, "booklet", "professionals", &f->d);
    if (!spec) return -1;
    f->doc.path = "parts.md";
    f->doc.slug = "parts";
    f->doc.arena = f->a;
    f->doc.meta.title = "Parts";
    f->doc.meta.audience = "professionals";
    f->ctx = (lp_flow_ctx){.doc = &f->doc, .spec = spec, .fonts = f->env.fonts, .contacts = f->env.contacts,
                           .arena = f->a, .diag = &f->d, .partnership = f->env.partnership};
    f->pg.width = mm_to_pt(148);
    f->pg.height = mm_to_pt(210);
    fl_init(&f->w, &f->ctx, &f->pg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    arena_free(f->a);
    diag_free(&f->d);
    lp_env_close(&f->env);
    free(f);
    return 0;
}

static double len_of(fx *f, const char *key)
{
    double v = 0;
    assert_true(spec_len(f->ctx.spec, key, &v, &f->d));
    return v;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 0.01)

static const lp_box *text_box(const fx *f, const char *start)
{
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT && strncasecmp(f->pg.boxes.v[i].text, start, strlen(start)) == 0)
            return &f->pg.boxes.v[i];
    return NULL;
}

static const char *role(const fx *f, const lp_box *b) { return b->snode < 0 ? "" : f->pg.snodes.v[b->snode].role; }

/* Does the box belong to a node of role r (itself or an ancestor)? */
static bool within(const fx *f, const lp_box *b, const char *r)
{
    for (int n = b->snode; n >= 0; n = f->pg.snodes.v[n].parent)
        if (strcmp(f->pg.snodes.v[n].role, r) == 0) return true;
    return false;
}

/* ---- cover band ---- */

static void test_cover_band_fills_the_width_and_holds_name_and_title(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(20), width = mm_to_pt(100);
    lp_inline t = fl_inline("A title for the cover", 0);
    t.line = 3;
    t.col = 8;
    int doc = fl_snode(&f->w, "Document", -1);
    double foot = part_cover_band(&f->w, 0, f->pg.width, x, width, &t, "What it is about", doc);
    assert_int_equal(f->d.errors, 0);
    NEAR(foot, len_of(f, "cover.band") + len_of(f, "cover.rule"));
    /* The band and its rule: the whole page width, into the bleed. */
    const lp_box *band = &f->pg.boxes.v[0], *rule = &f->pg.boxes.v[1];
    assert_int_equal(band->kind, BOX_RECT);
    assert_true(band->bleed && rule->bleed);
    NEAR(band->w, f->pg.width);
    NEAR(band->h, len_of(f, "cover.band"));
    NEAR(rule->y, len_of(f, "cover.band"));
    /* Every word inside the frame's width and inside the band. */
    for (size_t i = 2; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_int_equal(b->kind, BOX_TEXT);
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(b->y < len_of(f, "cover.band"));
    }
    const lp_box *name = text_box(f, "Coventry");
    const lp_box *title = text_box(f, "A ");
    const lp_box *sub = text_box(f, "What ");
    assert_non_null(name);
    assert_non_null(title);
    assert_non_null(sub);
    assert_string_equal(role(f, title), "H1");
    assert_true(within(f, name, "P")); /* a caps style: a Span in it reads as written */
    assert_true(name->y < title->y && title->y < sub->y);
    NEAR(name->x, x);
}

static void test_a_title_too_long_for_the_band_is_an_error_at_its_line(void **state)
{
    fx *f = *state;
    char long_title[2000] = "";
    for (int i = 0; i < 60; i++) strcat(long_title, "Safeguarding ");
    lp_inline t = fl_inline(long_title, 0);
    t.line = 7;
    t.col = 1;
    double foot = part_cover_band(&f->w, 0, f->pg.width, 40, 300, &t, NULL, -1);
    assert_true(foot < 0);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 7);
    assert_non_null(strstr(f->d.items[0].msg, "cover band"));
    assert_int_equal(f->pg.boxes.n, 0); /* nothing half drawn */
}

/* ---- contents ---- */

static part_toc_entry entry(fx *f, const char *text, int page)
{
    lp_inline *in = arena_alloc(f->a, sizeof *in);
    *in = fl_inline(text, 0);
    return (part_toc_entry){in, 1, text, page};
}

static void test_contents_numbers_right_aligned_with_leaders_and_links(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(15), y = mm_to_pt(22), width = mm_to_pt(118);
    part_toc_entry e[3] = {entry(f, "What is child sexual abuse?", 2), entry(f, "Signs", 11),
                           entry(f, "Not placed yet", -1)};
    size_t links[3], fit = 99;
    int used = part_contents(&f->w, 0, x, y, width, y, f->pg.height - y, 1, e, 3, -1, links, &fit);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(used, 1);
    assert_int_equal(fit, 3);
    const lp_box *three = text_box(f, "3"), *twelve = text_box(f, "12");
    assert_non_null(three);
    assert_non_null(twelve);
    /* Page numbers end at the frame's right edge, on the entry's line. */
    NEAR(three->x + three->w, x + width);
    NEAR(twelve->x + twelve->w, x + width);
    const lp_box *first = text_box(f, "What ");
    NEAR(three->y, first->y);
    /* Leaders: small discs between the words and the number, read by no one. */
    size_t discs = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind != BOX_RECT) continue;
        discs++;
        assert_int_equal(b->snode, -1);
        assert_true(b->x > first->x && b->x + b->w < three->x);
    }
    assert_true(discs > 20);
    /* Each entry is a link over the frame's width, saying its page. */
    const lp_box *l0 = &f->pg.boxes.v[links[0]], *l2 = &f->pg.boxes.v[links[2]];
    assert_int_equal(l0->kind, BOX_LINK);
    NEAR(l0->x, x);
    NEAR(l0->w, width);
    assert_string_equal(l0->alt, "What is child sexual abuse?, page 3");
    assert_string_equal(role(f, l0), "Link");
    /* An entry whose page is not known yet: no number, no leaders. */
    assert_string_equal(l2->alt, "Not placed yet");
    assert_null(text_box(f, "0"));
    /* The title is an H2 above the entries. */
    const lp_box *title = text_box(f, "Contents");
    assert_non_null(title);
    assert_string_equal(role(f, title), "H2");
    assert_true(title->y < first->y);
}

static void test_contents_go_on_to_the_next_page_up_to_max_pages(void **state)
{
    fx *f = *state;
    part_toc_entry e[12];
    for (int i = 0; i < 12; i++) e[i] = entry(f, arena_printf(f->a, "Chapter %d", i + 1), i + 2);
    double x = 40, width = 300, top = 60, bottom = 200; /* room for a few entries a page */
    size_t fit = 0;
    int used = part_contents(&f->w, 1, x, top, width, top, bottom, 10, e, 12, -1, NULL, &fit);
    assert_true(used > 1);
    assert_int_equal(fit, 12);
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->page >= 1 && b->page < 1 + used);
        if (b->kind == BOX_TEXT) assert_true(b->y <= bottom + 0.01 && b->y >= top);
    }
    /* With one page allowed it stops, saying how many fitted. */
    f->pg.boxes.n = 0;
    used = part_contents(&f->w, 0, x, top, width, top, bottom, 1, e, 12, -1, NULL, &fit);
    assert_int_equal(used, 0);
    assert_true(fit > 0 && fit < 12);
}

/* ---- contact entry ---- */

static void test_contact_entry_prints_its_lines_in_order_inside_the_frame(void **state)
{
    fx *f = *state;
    const lp_contact *ct = contacts_find(f->env.contacts, "mash");
    assert_non_null(ct);
    const lp_contact_rec *rc = resolve_contact(f->a, ct, "families");
    lp_keyref key = {.key = "mash", .line = 12, .col = 5};
    part_contact_line lines[PART_CONTACT_MAX_LINES];
    /* The layout has no such key: the default is read. */
    int n = part_contact_lines(&f->w, "no-such.lines", "short-name number note-warning hours", lines);
    assert_int_equal(n, 4);
    double x = 50, y = 100, width = 120;
    int list = fl_list_snode(&f->w, -1);
    double measured = part_contact_entry(&f->w, 0, x, y, width, rc, &key, lines, 4, list, false, 0, NULL);
    assert_int_equal(f->pg.boxes.n, 0); /* measuring draws nothing */
    double own = 0;
    double h = part_contact_entry(&f->w, 0, x, y, width, rc, &key, lines, 4, list, true, 0, &own);
    assert_true(h > 0);
    NEAR(h, measured);
    const lp_box *name = text_box(f, "MASH (Multi"), *num = text_box(f, "024"), *note = text_box(f, "Coventry");
    assert_non_null(name);
    assert_non_null(num);
    assert_non_null(note); /* the families' own note */
    assert_non_null(strstr(note->text, "Coventry") ? note->text : NULL);
    assert_true(name->y < num->y && num->y < note->y);
    assert_string_equal(num->url, ct->tel);
    assert_true(own > 0 && own < h);
    assert_null(text_box(f, "9am")); /* no hours: no line */
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind != BOX_TEXT) continue;
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(b->y > y && b->y < y + h);
        assert_int_equal(b->line, 12); /* every line tagged to the key that named it */
        assert_true(within(f, b, "LI"));
    }
    /* A taller neighbour's name: the number waits under it. */
    size_t before = f->pg.boxes.n;
    double h2 = part_contact_entry(&f->w, 0, x + 200, y, width, rc, &key, lines, 4, list, true, own + 30, NULL);
    NEAR(h2, h + 30);
    const lp_box *num2 = NULL;
    for (size_t i = before; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT && strncmp(f->pg.boxes.v[i].text, "024", 3) == 0)
            num2 = &f->pg.boxes.v[i];
    assert_non_null(num2);
    NEAR(num2->y, num->y + 30);
}

static void test_contact_entry_puts_the_acronym_after_a_name_that_leaves_room(void **state)
{
    fx *f = *state;
    const lp_contact_rec *rc = resolve_contact(f->a, contacts_find(f->env.contacts, "mash"), NULL);
    lp_keyref key = {.key = "mash", .line = 1, .col = 1};
    part_contact_line lines[PART_CONTACT_MAX_LINES];
    int n = part_contact_lines(&f->w, "no-such.lines", "name number", lines);
    assert_int_equal(n, 2);
    assert_true(part_contact_entry(&f->w, 0, 10, 10, 400, rc, &key, lines, 2, -1, true, 0, NULL) > 0);
    assert_non_null(text_box(f, "Multi Agency Safeguarding Hub (MASH)"));
    f->pg.boxes.n = 0;
    /* Too narrow for both on one line: the name alone. */
    assert_true(part_contact_entry(&f->w, 0, 10, 10, 90, rc, &key, lines, 2, -1, true, 0, NULL) > 0);
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        assert_null(strstr(f->pg.boxes.v[i].text ? f->pg.boxes.v[i].text : "", "(MASH)"));
}

/* ---- QR block ---- */

#define SOURCE "https://www.example.org/safeguarding/a-page"

static void dated(fx *f)
{
    f->doc.meta.source = SOURCE;
    f->doc.meta.version = "2.1";
    f->doc.meta.reviewed = "2026-11-03";
    f->doc.meta.review_by = "2027-11-30";
}

static const lp_box *box_of(const fx *f, lp_box_kind k)
{
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == k) return &f->pg.boxes.v[i];
    return NULL;
}

static void test_qr_block_sets_the_code_on_its_plate_and_the_lines_beside_it(void **state)
{
    fx *f = *state;
    dated(f);
    double x = mm_to_pt(15), width = mm_to_pt(118), bottom = mm_to_pt(190);
    int doc = fl_snode(&f->w, "Document", -1);
    double measured = part_qr_block(&f->w, 0, x, width, bottom, "back.qr", doc, false);
    assert_int_equal(f->pg.boxes.n, 0); /* measuring draws nothing */
    double h = part_qr_block(&f->w, 0, x, width, bottom, "back.qr", doc, true);
    assert_int_equal(f->d.errors, 0);
    NEAR(h, measured);
    /* The code on its plate at the frame's bottom right (back.qr.side
     * defaults to right, align to bottom). */
    double size = len_of(f, "back.qr.size"), pad = len_of(f, "back.qr.plate-padding");
    double gap = len_of(f, "back.qr.gap"), plate = size + 2 * pad;
    assert_true(h >= plate - 0.01);
    const lp_box *qr = box_of(f, BOX_QR), *pl = box_of(f, BOX_RECT);
    assert_non_null(qr);
    assert_non_null(pl);
    NEAR(pl->x + pl->w, x + width);
    NEAR(pl->y + pl->h, bottom);
    NEAR(pl->w, plate);
    NEAR(qr->x, pl->x + pad);
    NEAR(qr->w, size);
    assert_string_equal(qr->text, SOURCE);
    assert_string_equal(role(f, qr), "Figure");
    /* The prompt, its site linked, then the dates, each item whole, left of
     * the plate, the last line's foot on the block's foot. */
    const lp_box *prompt = text_box(f, "Scan"), *host = text_box(f, "example.org");
    const lp_box *ver = text_box(f, "Version 2.1");
    assert_non_null(prompt);
    assert_non_null(host);
    assert_non_null(ver);
    assert_string_equal(host->url, SOURCE);
    assert_true(prompt->y < ver->y);
    assert_true(strstr(ver->text, "Reviewed November 2026") || text_box(f, "Reviewed November 2026"));
    double last = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->y >= bottom - h - 0.01 && b->y <= bottom + 0.01);
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        if (b->kind != BOX_TEXT) continue;
        assert_true(b->x + b->w <= x + width - plate - gap + 0.01);
        assert_true(within(f, b, "P") || within(f, b, "Link"));
        if (b->y > last) last = b->y;
    }
    assert_true(last <= bottom + 0.01 && last > bottom - 12);
    /* Its own frame: every box in it, the frame the block's size. */
    const lp_frame *fr = &f->pg.frames.v[f->pg.frames.n - 1];
    assert_string_equal(fr->what, "QR block");
    NEAR(fr->x, x);
    NEAR(fr->w, width);
    NEAR(fr->y + fr->h, bottom);
    NEAR(fr->h, h);
    for (size_t i = 0; i < f->pg.boxes.n; i++) assert_int_equal(f->pg.boxes.v[i].frame, (int)f->pg.frames.n);
}

static void test_qr_block_without_a_source_has_no_code_and_the_whole_width(void **state)
{
    fx *f = *state;
    dated(f);
    f->doc.meta.source = NULL;
    f->doc.meta.version = NULL;
    double x = 40, width = 200, bottom = 400;
    double h = part_qr_block(&f->w, 0, x, width, bottom, "back.qr", -1, true);
    assert_int_equal(f->d.errors, 0);
    assert_true(h > 0);
    assert_null(box_of(f, BOX_QR));
    assert_null(box_of(f, BOX_RECT));
    assert_null(text_box(f, "Scan")); /* no page to scan for */
    assert_null(text_box(f, "Version"));
    const lp_box *rev = text_box(f, "Reviewed");
    assert_non_null(rev);
    NEAR(rev->x, x);
}

static void test_template_text_leaves_out_a_line_without_a_value_and_names_an_unknown_token(void **state)
{
    fx *f = *state;
    dated(f);
    bool err = false;
    assert_string_equal(part_fill(&f->w, "back.qr.lines", "Version {version} of {title}", &err), "Version 2.1 of Parts");
    assert_string_equal(part_fill(&f->w, "back.qr.lines", "On {host}", &err), "On example.org");
    f->doc.meta.summary = NULL;
    assert_null(part_fill(&f->w, "back.qr.lines", "About {summary}", &err));
    assert_false(err);
    assert_int_equal(f->d.errors, 0);
    assert_null(part_fill(&f->w, "back.qr.lines", "{versoin}", &err));
    assert_true(err);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "{versoin}"));
}

/* ---- partnership ---- */

static void test_partnership_sets_the_name_in_the_frame_as_content_or_artifact(void **state)
{
    fx *f = *state;
    const lp_style *st = fl_fixed_style(&f->w, "booklet-partnership");
    assert_non_null(st);
    double x = 30, y = 50, width = 300;
    int doc = fl_snode(&f->w, "Document", -1);
    double h = part_partnership(&f->w, 0, x, y, width, st, doc);
    assert_int_equal(f->d.errors, 0);
    assert_true(h >= st->leading - 0.01);
    const lp_box *name = text_box(f, "Coventry");
    assert_non_null(name);
    assert_true(name->x >= x - 0.01 && name->x + name->w <= x + width + 0.01);
    assert_true(name->y > y && name->y <= y + h);
    assert_true(within(f, name, "P"));
    /* Page furniture: an artifact, read by no one. */
    size_t before = f->pg.boxes.n;
    assert_true(part_partnership(&f->w, 0, x, y + 100, width, st, -1) > 0);
    for (size_t i = before; i < f->pg.boxes.n; i++) assert_int_equal(f->pg.boxes.v[i].snode, -1);
}

/* ---- back cover ---- */

static void test_back_cover_holds_the_contacts_above_the_band_and_the_code_at_its_foot(void **state)
{
    fx *f = *state;
    dated(f);
    lp_keyref keys[2] = {{.key = "mash", .line = 9, .col = 3}, {.key = "childline", .line = 10, .col = 3}};
    for (int i = 0; i < 2; i++) {
        const lp_contact *ct = contacts_find(f->env.contacts, keys[i].key);
        assert_non_null(ct);
        keys[i].rec = resolve_contact(f->a, ct, "professionals");
    }
    f->doc.meta.contacts = keys;
    f->doc.meta.ncontacts = 2;
    f->doc.meta.title_line = 2;
    double x = mm_to_pt(15), width = mm_to_pt(118), bottom = mm_to_pt(190);
    int doc = fl_snode(&f->w, "Document", -1);
    assert_int_equal(part_back_cover(&f->w, 0, f->pg.width, f->pg.height, x, width, bottom, doc), 0);
    assert_int_equal(f->d.errors, 0);
    /* The band: to the page's foot and sides, into the bleed. */
    const lp_box *band = NULL;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_RECT && b->bleed && b->h > 50) band = b;
    }
    assert_non_null(band);
    NEAR(band->x, 0);
    NEAR(band->w, f->pg.width);
    NEAR(band->y + band->h, f->pg.height);
    /* The contacts' label and entries above the band; the partnership, the
     * title and the code in it, the code's foot at `bottom`. */
    const lp_box *label = text_box(f, "Key contacts"), *mash = text_box(f, "024");
    assert_non_null(label);
    assert_true(within(f, label, "H2")); /* a caps label: a Span in it */
    assert_non_null(mash);
    assert_true(label->y < band->y && mash->y < band->y);
    const lp_box *name = text_box(f, "Coventry Safeguarding Children"), *title = text_box(f, "Parts");
    assert_non_null(name);
    assert_non_null(title);
    assert_true(name->y > band->y && name->y < title->y);
    const lp_box *qr = box_of(f, BOX_QR);
    assert_non_null(qr);
    NEAR(qr->y + qr->h + len_of(f, "back.qr.plate-padding"), bottom);
    assert_true(qr->y > title->y);
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_TEXT) assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
    }
}

static void test_back_cover_with_too_many_contacts_says_how_many_fit(void **state)
{
    fx *f = *state;
    dated(f);
    enum { N = 40 };
    lp_keyref *keys = arena_alloc(f->a, N * sizeof *keys);
    const lp_contact *ct = contacts_find(f->env.contacts, "mash");
    assert_non_null(ct);
    for (int i = 0; i < N; i++)
        keys[i] = (lp_keyref){.key = "mash", .line = 4 + i, .col = 3, .rec = resolve_contact(f->a, ct, "professionals")};
    f->doc.meta.contacts = keys;
    f->doc.meta.ncontacts = N;
    assert_int_equal(part_back_cover(&f->w, 0, f->pg.width, f->pg.height, 40, 300, 500, -1), -1);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 4);
    assert_non_null(strstr(f->d.items[0].msg, "room for"));
}

/* ---- easy read: picture row, word box, phone-numbers box ----
 *
 * On an easy-read A4 page (layouts/easy-read.yaml, young people), in the
 * row grid across the 180 mm measure. */

static int setup_easy(void **state)
{
    if (setup(state)) return -1;
    fx *f = *state;
    const lp_spec *spec = lp_env_spec(&f->env, "easy-read", "young-people", &f->d);
    if (!spec) return -1;
    f->doc.meta.audience = "young-people";
    f->ctx.spec = spec;
    f->pg.width = mm_to_pt(210);
    f->pg.height = mm_to_pt(297);
    fl_init(&f->w, &f->ctx, &f->pg);
    return 0;
}

static part_grid easy_grid(fx *f, double x, double width)
{
    part_grid g;
    assert_true(part_grid_read(&f->w, "rows", x, width, &g));
    NEAR(g.pic_w, len_of(f, "rows.picture"));
    NEAR(g.text_x, x + len_of(f, "rows.picture") + len_of(f, "rows.gutter"));
    NEAR(g.text_x + g.text_w, x + width);
    NEAR(g.circle, len_of(f, "rows.circle"));
    NEAR(g.circle_min, len_of(f, "rows.circle-min"));
    assert_true(g.circle_min <= g.circle);
    return g;
}

/* Every box placed since `from` lies inside x, y, width, height. */
static void all_inside(const fx *f, size_t from, double x, double y, double width, double height)
{
    for (size_t i = from; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        /* Text and icons stand on their baseline (y), size h above it. */
        bool base = b->kind == BOX_TEXT || b->kind == BOX_ICON;
        double top = base ? b->y - b->h : b->y, bottom = base ? b->y : b->y + b->h;
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(top >= y - 0.01 && bottom <= y + height + 0.01);
    }
}

static void test_picture_row_centres_its_text_on_the_circle_in_the_grid(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(15), width = mm_to_pt(180), y = mm_to_pt(60);
    part_grid g = easy_grid(f, x, width);
    lp_pic pic = {.icon = "hand", .alt = "a hand saying stop"};
    lp_inline img = fl_inline("a hand saying stop", 0);
    img.kind = IN_IMAGE;
    img.pic = &pic;
    lp_inline in[3] = {fl_inline("You can say no.", 0), fl_inline("", 0), fl_inline("It is your body.", 0)};
    in[1].kind = IN_LINEBREAK;
    lp_color tint = {0}, stroke = {0};
    double measured = part_picture_row(&f->w, 0, &g, y, "rows", &img, tint, stroke, in, 3, 7, 1, -1, false);
    assert_int_equal(f->pg.boxes.n, 0); /* measuring draws nothing */
    double circle = len_of(f, "rows.circle");
    NEAR(measured, circle); /* two lines are shorter than the circle */
    double h = part_picture_row(&f->w, 0, &g, y, "rows", &img, tint, stroke, in, 3, 7, 1, -1, true);
    NEAR(h, measured);
    all_inside(f, 0, x, y, width, h);
    const lp_box *disc = NULL, *first = text_box(f, "You can"), *second = text_box(f, "It is");
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_RECT) disc = &f->pg.boxes.v[i];
    assert_non_null(disc);
    assert_non_null(first);
    assert_non_null(second);
    /* The circle centred in the picture column, the text in the text column. */
    NEAR(disc->x + disc->w / 2, g.x + g.pic_w / 2);
    NEAR(disc->w, circle);
    assert_true(first->x >= g.text_x - 0.01 && second->y > first->y);
    assert_string_equal(role(f, disc), "Figure");
    assert_string_equal(f->pg.snodes.v[disc->snode].alt, "a hand saying stop");
    assert_string_equal(role(f, first), "P");
    /* A long text is taller than the circle: the row grows with it. */
    lp_inline many[9];
    for (size_t i = 0; i < 9; i++) {
        many[i] = i % 2 ? fl_inline("", 0) : fl_inline("A sentence of its own.", 0);
        if (i % 2) many[i].kind = IN_LINEBREAK;
    }
    const lp_style *body = fl_fixed_style(&f->w, "body");
    double y2 = mm_to_pt(150);
    size_t from = f->pg.boxes.n;
    double tall = part_picture_row(&f->w, 0, &g, y2, "rows", &img, tint, stroke, many, 9, 7, 1, -1, true);
    NEAR(tall, 5 * body->leading);
    const lp_box *tall_first = NULL;
    for (size_t i = from; i < f->pg.boxes.n && !tall_first; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT) tall_first = &f->pg.boxes.v[i];
    assert_non_null(tall_first);
    /* The tall text starts at the row's top; the short one is centred on
     * the circle: (h - 2 lines) / 2 lower. */
    double ascent = tall_first->y - y2;
    NEAR(first->y - y - ascent, (h - 2 * body->leading) / 2);
    NEAR(second->y - first->y, body->leading);
}

/* The picture rows' colours: the layout's pairs in turn, the danger pair
 * for a danger icon; a pair that is not two tokens is an error at its line. */
static void test_palette_reads_the_pairs_and_knows_a_danger_picture(void **state)
{
    fx *f = *state;
    part_palette p;
    assert_true(part_palette_read(&f->w, "rows", &p));
    const yt_node *pairs = spec_node(f->ctx.spec, "rows.pictures");
    assert_int_equal(p.n, pairs->n);
    lp_color c;
    assert_true(spec_color_token(f->ctx.spec, pairs->vals[1]->vals[0]->scalar, &c, &f->d));
    assert_memory_equal(&p.tint[1], &c, sizeof c);
    assert_true(spec_color_token(f->ctx.spec, spec_node(f->ctx.spec, "rows.danger")->vals[1]->scalar, &c, &f->d));
    assert_memory_equal(&p.danger_stroke, &c, sizeof c);
    lp_pic siren = {.icon = "siren"}, heart = {.icon = "heart"}, png = {.icon = NULL};
    lp_inline img = fl_inline("", 0);
    img.kind = IN_IMAGE;
    img.pic = &siren;
    assert_true(part_palette_danger(&p, &img));
    img.pic = &heart;
    assert_false(part_palette_danger(&p, &img));
    img.pic = &png;
    assert_false(part_palette_danger(&p, &img));
    int errors = f->d.errors;
    assert_false(part_palette_read(&f->w, "word-box", &p)); /* no pictures: there */
    assert_true(f->d.errors > errors);
}

/* A format may set the grid's circle smaller (to keep a last row company):
 * the row shrinks with it, the picture stays centred at the circle's share,
 * and with no circle the row is its text alone. */
static void test_picture_row_takes_the_grids_circle(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(15), width = mm_to_pt(180), y = mm_to_pt(60);
    part_grid g = easy_grid(f, x, width);
    g.circle = g.circle_min;
    lp_pic pic = {.icon = "hand", .alt = "a hand"};
    lp_inline img = fl_inline("a hand", 0);
    img.kind = IN_IMAGE;
    img.pic = &pic;
    lp_inline in[1] = {fl_inline("You can say no.", 0)};
    lp_color tint = {0}, stroke = {0};
    double h = part_picture_row(&f->w, 0, &g, y, "rows", &img, tint, stroke, in, 1, 7, 1, -1, true);
    NEAR(h, g.circle_min);
    const lp_box *disc = NULL, *sym = NULL;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        if (f->pg.boxes.v[i].kind == BOX_RECT) disc = &f->pg.boxes.v[i];
        else if (f->pg.boxes.v[i].kind != BOX_TEXT) sym = &f->pg.boxes.v[i];
    }
    assert_non_null(disc);
    assert_non_null(sym);
    NEAR(disc->w, g.circle_min);
    NEAR(disc->x + disc->w / 2, g.x + g.pic_w / 2);
    double symbol = 0;
    assert_true(spec_num(f->ctx.spec, "rows.symbol", &symbol, &f->d));
    NEAR(sym->w, g.circle_min * symbol);
    g.circle = 0;
    const lp_style *body = fl_fixed_style(&f->w, "body");
    NEAR(part_picture_row(&f->w, 0, &g, y, "rows", &img, tint, stroke, in, 1, 7, 1, -1, false),
         body->leading);
}

static void test_word_box_sets_each_word_run_into_its_meaning_with_its_label(void **state)
{
    fx *f = *state;
    lp_word words[2] = {{.term = "grooming", .meaning = "When someone makes friends with you so they can abuse you later.", .line = 12, .col = 3},
                        {.term = "nude", .meaning = "A picture or video of someone with no clothes on.", .line = 13, .col = 3}};
    f->doc.meta.words = words;
    f->doc.meta.nwords = 2;
    double x = mm_to_pt(15), width = mm_to_pt(180), y = mm_to_pt(100);
    part_grid g = easy_grid(f, x, width);
    size_t one[1] = {0}, both[2] = {0, 1};
    double h1 = part_word_box(&f->w, 0, &g, y, "word-box", one, 1, -1, false);
    double h2 = part_word_box(&f->w, 0, &g, y, "word-box", both, 2, -1, false);
    assert_int_equal(f->pg.boxes.n, 0);
    /* Compact: one word's box is its two lines and the padding, about 26 mm. */
    double pad = len_of(f, "word-box.padding");
    const lp_style *st = fl_fixed_style(&f->w, "word-box");
    NEAR(h1, 2 * st->leading + 2 * pad);
    assert_true(pt_to_mm(h1) < 27);
    assert_true(h2 > h1);
    double h = part_word_box(&f->w, 0, &g, y, "word-box", both, 2, -1, true);
    NEAR(h, h2);
    all_inside(f, 0, x, y, width, h);
    const lp_box *label = text_box(f, "Words to know"), *term = text_box(f, "Grooming"), *nude = text_box(f, "Nude:");
    assert_non_null(label); /* more than one word: the plural label */
    assert_non_null(term);
    assert_non_null(nude);
    assert_true(label->x + label->w <= g.x + g.pic_w + 0.01);
    assert_true(term->x >= g.text_x - 0.01 && nude->y > term->y);
    assert_int_not_equal(term->face, text_box(f, "is when")->face); /* the word bold */
    assert_string_equal(role(f, label), "Caption");
    assert_string_equal(role(f, term), "Lbl");
    assert_int_equal(term->line, 12);
    /* The meaning runs on from the word ("Grooming is when ..."). */
    const lp_box *when = text_box(f, "is when");
    assert_non_null(when);
    assert_true(within(f, when, "LBody"));
    assert_true(when->x > term->x && fabs(when->y - term->y) < 0.01);
    /* "Nude: a picture ...": the article lowered as it runs on. */
    bool lowered = false, upper = false;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind != BOX_TEXT) continue;
        lowered |= strncmp(b->text, " a picture", 10) == 0 || strncmp(b->text, "a picture", 9) == 0;
        upper |= strstr(b->text, "A picture") != NULL;
    }
    assert_true(lowered);
    assert_false(upper);
    assert_true(within(f, term, "L"));
    /* The box's tint spans the whole row. */
    const lp_box *bg = &f->pg.boxes.v[0];
    assert_int_equal(bg->kind, BOX_RECT);
    NEAR(bg->x, x);
    NEAR(bg->w, width);
    NEAR(bg->h, h);
}

static bool given_mash(const char *value, const void *arg)
{
    (void)arg;
    return strcmp(value, "tel:+442476788555") == 0;
}

static void test_phone_box_lists_contacts_not_given_elsewhere_numbers_bold(void **state)
{
    fx *f = *state;
    const char *keys[3] = {"childline", "mash", "emergency"};
    lp_keyref refs[3];
    for (size_t i = 0; i < 3; i++) {
        const lp_contact *ct = contacts_find(f->env.contacts, keys[i]);
        assert_non_null(ct);
        refs[i] = (lp_keyref){.key = keys[i], .line = 9, .col = (int)(12 + 6 * i),
                              .rec = resolve_contact(f->a, ct, "young-people")};
    }
    f->doc.meta.contacts = refs;
    f->doc.meta.ncontacts = 3;
    double x = mm_to_pt(15), width = mm_to_pt(180), y = mm_to_pt(150);
    part_grid g = easy_grid(f, x, width);
    double all = part_phone_box(&f->w, 0, &g, y, "contacts", NULL, NULL, -1, false);
    double some = part_phone_box(&f->w, 0, &g, y, "contacts", given_mash, NULL, -1, false);
    assert_int_equal(f->pg.boxes.n, 0);
    assert_true(all > some && some > 0);
    double h = part_phone_box(&f->w, 0, &g, y, "contacts", given_mash, NULL, -1, true);
    NEAR(h, some);
    all_inside(f, 0, x, y, width, h);
    const lp_box *label = text_box(f, "Phone numbers"), *cl = text_box(f, "0800 1111"), *em = text_box(f, "999");
    assert_non_null(label);
    assert_non_null(cl);
    assert_non_null(em);
    assert_null(text_box(f, "024 7678 8555")); /* given in the document already */
    assert_string_equal(role(f, label), "H2");
    /* Numbers bold, as the names. */
    assert_int_equal(cl->face, text_box(f, "Childline")->face);
    assert_int_equal(em->face, cl->face);
    assert_non_null(cl->url);
    assert_true(strncmp(cl->url, "tel:", 4) == 0);
    assert_true(cl->x >= g.text_x - 0.01 && em->y > cl->y);
    assert_true(within(f, cl, "LI"));
    /* Every contact given already: no box. */
    f->doc.meta.ncontacts = 1;
    refs[0] = refs[1];
    assert_true(part_phone_box(&f->w, 0, &g, y, "contacts", given_mash, NULL, -1, false) == 0);
}

static void test_grid_without_a_text_column_is_an_error(void **state)
{
    fx *f = *state;
    part_grid g;
    int errors = f->d.errors;
    assert_false(part_grid_read(&f->w, "rows", 0, mm_to_pt(60), &g));
    assert_true(f->d.errors > errors);
}

/* ---- a poster's parts: the contact card, the QR block at a scale ---- */

/* The fixture on the poster layout for `audience`, on an A3 page. */
static void poster_spec(fx *f, const char *audience)
{
    const lp_spec *spec = lp_env_spec(&f->env, "poster", audience, &f->d);
    assert_non_null(spec);
    f->doc.meta.audience = audience;
    f->ctx.spec = spec;
    f->pg.width = mm_to_pt(297);
    f->pg.height = mm_to_pt(420);
    fl_init(&f->w, &f->ctx, &f->pg);
}

static const lp_style *style_of(fx *f, const char *key)
{
    const char *name = NULL;
    assert_true(spec_str(f->ctx.spec, key, &name, &f->d));
    const lp_style *st = fl_fixed_style(&f->w, name);
    assert_non_null(st);
    return st;
}

static void test_edition_reads_its_page_and_scales_the_margins(void **state)
{
    fx *f = *state;
    part_page p;
    /* A booklet's one page: as the layout gives it. */
    assert_true(part_page_read(&f->w, "page", 1, &p));
    NEAR(p.W, len_of(f, "page.width"));
    NEAR(p.H, len_of(f, "page.height"));
    NEAR(p.mb, len_of(f, "margins.bottom"));
    poster_spec(f, "families");
    double k;
    assert_true(spec_num(f->ctx.spec, "editions.a4.scale", &k, &f->d));
    assert_true(k > 0.5 && k < 1);
    assert_true(part_edition_read(&f->w, "a4", &p));
    assert_string_equal(p.name, "A4");
    assert_string_equal(p.suffix, "-a4");
    NEAR(p.k, k);
    NEAR(p.W, len_of(f, "editions.a4.width"));
    NEAR(p.H, len_of(f, "editions.a4.height"));
    NEAR(p.qr_min, len_of(f, "editions.a4.qr-min"));
    NEAR(p.ml, len_of(f, "margins.left") * k);
    NEAR(p.mt, len_of(f, "margins.top") * k);
    /* No qr-min: none. */
    assert_true(part_edition_read(&f->w, "a3", &p));
    NEAR(p.qr_min, 0);
    NEAR(p.mr, len_of(f, "margins.right"));
    assert_int_equal(f->d.errors, 0);
}

static void test_overflow_keeps_the_worst_and_ignores_slack(void **state)
{
    (void)state;
    part_overflow o = {0};
    part_overflow_note(&o, 0.005, "slack", 1, 1);
    assert_null(o.what);
    part_overflow_note(&o, 3, "cards", 4, 2);
    part_overflow_note(&o, 2, "less", 5, 1);
    assert_string_equal(o.what, "cards");
    part_overflow_note(&o, 7.5, "message 2", 9, 3);
    NEAR(o.over, 7.5);
    assert_string_equal(o.what, "message 2");
    assert_int_equal(o.line, 9);
    assert_int_equal(o.col, 3);
}

static void test_contact_card_holds_name_note_and_number_inside_its_frame(void **state)
{
    fx *f = *state;
    poster_spec(f, "families");
    const lp_contact *ct = contacts_find(f->env.contacts, "mash");
    assert_non_null(ct);
    const lp_contact_rec *rc = resolve_contact(f->a, ct, "families");
    lp_keyref key = {.key = "mash", .line = 9, .col = 11};
    lp_color bg = {0.9f, 0.8f, 0.7f, 0, 0, 0, 0, NULL}, ic = {0.5f, 0.2f, 0.1f, 0, 0, 0, 0, NULL};
    part_card_look look = {.icon = "house", .bg = bg, .icon_color = ic};
    part_scale sc = {1, 1, 12, 0};
    double x = mm_to_pt(20), y = mm_to_pt(250), width = mm_to_pt(257);
    int list = fl_list_snode(&f->w, -1);
    double short_by = -1;
    double measured = part_contact_card(&f->w, 0, x, y, width, "cards", &sc, rc, &key, &look, list, false, &short_by);
    assert_int_equal(f->pg.boxes.n, 0); /* measuring draws nothing */
    NEAR(short_by, 0);
    double h = part_contact_card(&f->w, 0, x, y, width, "cards", &sc, rc, &key, &look, list, true, NULL);
    assert_int_equal(f->d.errors, 0);
    NEAR(h, measured);
    /* The card: one background the frame's size, no edge asked for. */
    const lp_box *card = box_of(f, BOX_RECT);
    assert_non_null(card);
    NEAR(card->x, x);
    NEAR(card->y, y);
    NEAR(card->w, width);
    NEAR(card->h, h);
    NEAR(card->radius, len_of(f, "cards.radius"));
    double pad = len_of(f, "cards.padding"), icon = len_of(f, "cards.icon-size");
    assert_true(h >= icon + 2 * pad - 0.01);
    /* The name, the note in the note style, and the number right-aligned
     * at the padding, at the number style's size, linked. */
    const lp_box *name = text_box(f, "Multi"), *num = text_box(f, "024");
    assert_non_null(name);
    assert_non_null(num);
    NEAR(name->size, style_of(f, "cards.name-style")->size);
    NEAR(num->size, style_of(f, "cards.number-style")->size);
    assert_string_equal(num->url, ct->tel);
    assert_true(num->x + num->w <= x + width - pad + 0.01);
    assert_true(num->x + num->w >= x + width - pad - len_of(f, "cards.icon-gap"));
    assert_true(name->x >= x + pad + icon - 0.01);
    /* beside the number, or across the card above it */
    assert_true(name->x + name->w < num->x || name->y < num->y - num->h);
    size_t notes = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind != BOX_TEXT) continue;
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(b->y >= y + pad - 0.01 && b->y <= y + h - pad + 0.01);
        assert_int_equal(b->line, 9); /* tagged to the key that named it */
        assert_true(within(f, b, "LI"));
        if (fabs(b->size - style_of(f, "cards.note-style")->size) < 0.01) notes++;
    }
    assert_true(notes > 0);
}

static void test_contact_card_edge_and_colours_come_from_its_look(void **state)
{
    fx *f = *state;
    poster_spec(f, "young-people");
    const lp_contact_rec *rc = resolve_contact(f->a, contacts_find(f->env.contacts, "emergency"), "young-people");
    lp_keyref key = {.key = "emergency", .line = 4, .col = 2};
    lp_color bg = {1, 0.88f, 0.83f, 0, 0, 0, 0, NULL}, edge = {0.7f, 0.24f, 0.17f, 0, 0, 0, 0, NULL},
             text = {0.1f, 0.1f, 0.2f, 0, 0, 0, 0, NULL}, number = {0.3f, 0, 0, 0, 0, 0, 0, NULL};
    part_card_look look = {.icon = "siren", .bg = bg, .icon_color = edge, .edge_color = edge, .edge = 2,
                           .text = &text, .number = &number};
    part_scale sc = {0.707, 1, 16, 0};
    double x = 40, y = 300, width = mm_to_pt(181.7);
    double h = part_contact_card(&f->w, 0, x, y, width, "cards", &sc, rc, &key, &look, -1, true, NULL);
    assert_int_equal(f->d.errors, 0);
    /* The edge: the card's whole size, the fill inset by its width. */
    const lp_box *outer = &f->pg.boxes.v[0], *fill = &f->pg.boxes.v[1];
    assert_int_equal(outer->kind, BOX_RECT);
    assert_int_equal(fill->kind, BOX_RECT);
    NEAR(outer->h, h);
    NEAR(outer->color.r, edge.r);
    NEAR(fill->x, x + 2);
    NEAR(fill->y, y + 2);
    NEAR(fill->w, width - 4);
    NEAR(fill->h, h - 4);
    NEAR(fill->radius, outer->radius - 2);
    NEAR(fill->color.r, bg.r);
    /* At the A4 scale, and the text and number in the look's colours. */
    const lp_box *num = text_box(f, "999");
    assert_non_null(num);
    NEAR(num->size, style_of(f, "cards.number-style")->size * 0.707);
    NEAR(num->color.r, number.r);
    const lp_box *name = text_box(f, "Emergency");
    assert_non_null(name);
    NEAR(name->color.b, text.b);
}

static void test_contact_card_whose_number_crowds_the_name_says_by_how_much(void **state)
{
    fx *f = *state;
    poster_spec(f, "professionals");
    const lp_contact *ct = contacts_find(f->env.contacts, "mash");
    const lp_contact_rec *rc = resolve_contact(f->a, ct, "professionals");
    lp_keyref key = {.key = "mash", .line = 2, .col = 3};
    part_card_look look = {.icon = "house"};
    part_scale sc = {1, 1, 10, 0};
    double short_by = 0;
    /* A card narrower than the number and its icon: no room for the name. */
    double h = part_contact_card(&f->w, 0, 20, 20, mm_to_pt(90), "cards", &sc, rc, &key, &look, -1, false, &short_by);
    assert_true(h > 0);
    assert_true(short_by > 0);
    /* A contact without an icon is an error at the contact. */
    look.icon = NULL;
    assert_true(part_contact_card(&f->w, 0, 20, 20, mm_to_pt(257), "cards", &sc, rc, &key, &look, -1, true, NULL) < 0);
    assert_int_equal(f->d.errors, 1);
}

static void test_qr_block_scaled_centres_code_and_lines_and_keeps_the_least_code(void **state)
{
    fx *f = *state;
    poster_spec(f, "families");
    dated(f);
    double x = mm_to_pt(14), width = mm_to_pt(182), bottom = mm_to_pt(285);
    /* The A4 edition: lengths at 0.707, but the code never under 17 mm. */
    part_scale sc = {0.707, 1, 12, mm_to_pt(17)};
    int doc = fl_snode(&f->w, "Document", -1);
    double h = part_qr_block_scaled(&f->w, 0, x, width, bottom, "footer.qr", &sc, doc, true);
    assert_int_equal(f->d.errors, 0);
    const lp_box *qr = box_of(f, BOX_QR);
    assert_non_null(qr);
    double size = len_of(f, "footer.qr.size") * 0.707;
    NEAR(qr->w, size > mm_to_pt(17) ? size : mm_to_pt(17));
    NEAR(qr->x, x); /* side: left */
    /* align: middle: the code and the two lines centred on each other. */
    const lp_box *prompt = text_box(f, "Scan"), *name = text_box(f, "Coventry");
    assert_non_null(prompt);
    assert_non_null(name);
    double top = prompt->y - prompt->h, foot = name->y;
    assert_true(prompt->x >= x + qr->w + len_of(f, "footer.qr.gap") * 0.707 - 0.01);
    assert_true(fabs((qr->y + qr->h / 2) - (bottom - h / 2)) < 0.01);
    assert_true(fabs((top + foot) / 2 - (qr->y + qr->h / 2)) < 6);
    /* The first line in first-style, the next in style, both scaled. */
    NEAR(prompt->size, style_of(f, "footer.qr.first-style")->size * 0.707 < 12
                           ? 12 : style_of(f, "footer.qr.first-style")->size * 0.707);
    NEAR(name->size, style_of(f, "footer.qr.style")->size * 0.707 < 12 ? 12 : style_of(f, "footer.qr.style")->size * 0.707);
    /* The code is read first: it stands first. */
    assert_true(qr < prompt);
    /* Without a source: no code, and the partnership's line keeps its own
     * style (first-style is the prompt's, which is left out). */
    f->pg.boxes.n = 0;
    f->doc.meta.source = NULL;
    part_qr_block_scaled(&f->w, 0, x, width, bottom, "footer.qr", &sc, doc, true);
    assert_null(box_of(f, BOX_QR));
    name = text_box(f, "Coventry");
    assert_non_null(name);
    NEAR(name->x, x);
    NEAR(name->size, style_of(f, "footer.qr.style")->size * 0.707 < 12 ? 12 : style_of(f, "footer.qr.style")->size * 0.707);
}

static void test_headline_fills_its_measure_in_the_lines_allowed(void **state)
{
    fx *f = *state;
    poster_spec(f, "professionals");
    part_scale sc = {1, 1, 10, 0};
    double x = mm_to_pt(20), measure = mm_to_pt(257);
    double fill_min = 0;
    assert_true(spec_num(f->ctx.spec, "head.fill-min", &fill_min, &f->d));
    const char *titles[] = {"Could it be CSE?", "Worried about a child?", "Help is a call away",
                            "Who to call about a child"};
    for (size_t t = 0; t < 4; t++) {
        f->pg.boxes.n = 0;
        lp_inline tin = fl_inline(titles[t], 0);
        tin.line = 2;
        tin.col = 8;
        int doc = fl_snode(&f->w, "Document", -1);
        double h = part_headline(&f->w, 0, x, 100, measure, "head", &sc, &tin, NULL, doc);
        assert_int_equal(f->d.errors, 0);
        assert_true(h > 0);
        double widest = 0, size = 0;
        size_t lines = 0;
        for (size_t i = 0; i < f->pg.boxes.n; i++) {
            const lp_box *b = &f->pg.boxes.v[i];
            if (b->kind != BOX_TEXT) continue;
            assert_string_equal(role(f, b), "H1");
            assert_true(b->x >= x - 0.01 && b->x + b->w <= x + measure + 0.01);
            if (b->w > widest) widest = b->w;
            size = b->size;
            lines++;
        }
        /* at least fill-min of the measure, in no more than the lines
         * allowed, between the smallest size and the style's */
        assert_true(widest >= fill_min * measure - 0.5);
        assert_true(lines >= 1 && lines <= 2);
        assert_true(size >= len_of(f, "head.headline-min") - 0.01);
        assert_true(size <= style_of(f, "head.headline-style")->size + 0.01);
    }
    /* A title too long for the lines at the smallest size: an error at it. */
    lp_inline tin = fl_inline("A headline that goes on and on and will not fit on two lines of a poster "
                              "however small its type is set",
                              0);
    tin.line = 5;
    tin.col = 3;
    assert_true(part_headline(&f->w, 0, x, 100, measure, "head", &sc, &tin, NULL, -1) < 0);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 5);
}

/* The poster head: a one-line headline closes the head up to close-gap
 * above the strapline (the band ends higher, by what it says), a
 * three-line one opens it, and the strapline always keeps `gap` under the
 * headline; the symbol sits at the measure's right, centred on the
 * strapline. */
static void test_poster_head_is_as_tall_as_its_text(void **state)
{
    fx *f = *state;
    poster_spec(f, "professionals");
    part_scale sc = {1, 1, 10, 0};
    double x = mm_to_pt(20), measure = mm_to_pt(257), W = mm_to_pt(297);
    part_head_look lk = {.icon = "shield-check"};
    const char *titles[] = {"Could it be CSE?", "Recognising and responding to child exploitation"};
    double rises[2] = {0};
    for (size_t t = 0; t < 2; t++) {
        f->pg.boxes.n = 0;
        lp_inline tin = fl_inline(titles[t], 0),
                  sin = fl_inline("Know it, and act on it: record what you see and share it with the hub the "
                                  "same day, every time, whatever the child says about it.",
                                  0);
        part_headline_memo memo = {0};
        double rise = 0;
        assert_int_equal(part_poster_head(&f->w, W, x, mm_to_pt(20), measure, "head", &sc, &lk, &tin, &sin,
                                          &memo, -1, &rise),
                         0);
        assert_int_equal(f->d.errors, 0);
        assert_true(memo.set);
        rises[t] = rise;
        const lp_box *band = &f->pg.boxes.v[0];
        assert_int_equal(band->kind, BOX_RECT);
        NEAR(band->h, len_of(f, "head.bottom") - rise);
        double h_bottom = 0;
        const lp_box *strap = text_box(f, "Know it");
        assert_non_null(strap);
        for (size_t i = 0; i < f->pg.boxes.n; i++)
            if (f->pg.boxes.v[i].kind == BOX_TEXT && f->pg.boxes.v[i].size > strap->size * 1.5)
                h_bottom = fmax(h_bottom, f->pg.boxes.v[i].y);
        /* baselines: the strapline's first is at least gap below the headline's last */
        assert_true(strap->y - h_bottom >= len_of(f, "head.gap"));
        const lp_box *icon = box_of(f, BOX_ICON);
        assert_non_null(icon);
        NEAR(icon->x + icon->w, x + measure);
    }
    assert_true(rises[0] > 0); /* one line: closed up */
    assert_true(rises[1] < 0); /* three lines: opened */
}

static int fit_calls, fit_largest_ok;
static int fit_try(void *ctx, double scale)
{
    (void)ctx;
    fit_calls++;
    return scale <= 0.9 - 1e-9 + fit_largest_ok * 1.0 ? 1 : 0;
}

/* Fit by scale: the largest scale that fits, from 1 down by step, made
 * last; none fitting says so and leaves the smallest tried. */
static void test_fit_scale_keeps_the_largest_scale_that_fits(void **state)
{
    (void)state;
    double s = 0;
    fit_calls = 0;
    fit_largest_ok = 0;
    assert_int_equal(part_fit_scale(0.05, 0.8, fit_try, NULL, &s), 1);
    NEAR(s, 0.85); /* 0.9 - 1e-9 leaves 0.9 itself out */
    assert_int_equal(fit_calls, 4);
    fit_calls = 0;
    assert_int_equal(part_fit_scale(0.05, 0.95, fit_try, NULL, &s), 0);
    NEAR(s, 0.95);
    assert_int_equal(fit_calls, 2);
    fit_largest_ok = 1;
    assert_int_equal(part_fit_scale(0.05, 0.8, fit_try, NULL, &s), 1);
    NEAR(s, 1.0);
}

static void test_picture_columns_centre_each_picture_over_its_words(void **state)
{
    fx *f = *state;
    poster_spec(f, "young-people");
    lp_pic pics[3] = {{.icon = "ear", .alt = ""}, {.icon = "phone", .alt = ""}, {.icon = "house", .alt = ""}};
    lp_inline img[3], words[3];
    const char *said[3] = {"Someone will listen", "Tell an adult you trust", "It is never your fault"};
    part_picture p[3];
    for (int i = 0; i < 3; i++) {
        img[i] = fl_inline("what it means", 0);
        img[i].kind = IN_IMAGE;
        img[i].pic = &pics[i];
        words[i] = fl_inline(said[i], 0);
        p[i] = (part_picture){.image = &img[i], .in = &words[i], .nin = 1, .line = 10 + i, .col = 1,
                              .tint = {0.9f, 0.9f, 1, 0, 0, 0, 0, NULL}, .stroke = {0, 0, 0.5f, 0, 0, 0, 0, NULL},
                              .edge = i == 1 ? 1.5 : 0};
    }
    part_scale sc = {1, 1, 16, 0};
    double x = mm_to_pt(20), y = mm_to_pt(184), width = mm_to_pt(257), lines[3];
    int sect = fl_snode(&f->w, "Sect", -1);
    bool forced[3] = {true, true, true};
    double bottom = part_picture_columns(&f->w, 0, x, y, width, "messages", &sc, p, 3, sect, lines, forced);
    for (int i = 0; i < 3; i++) assert_false(forced[i]);
    assert_int_equal(f->d.errors, 0);
    double circle = len_of(f, "messages.circle"), gap = len_of(f, "messages.gap");
    double gutter = len_of(f, "messages.gutter"), colw = (width - 2 * gutter) / 3;
    const lp_style *st = style_of(f, "messages.style");
    /* every column at least messages.lines deep */
    assert_true(bottom >= y + circle + gap + 2 * st->leading - 0.01);
    size_t discs = 0, texts = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_RECT) {
            /* each disc centred in its column; the second with a ring */
            size_t c = (size_t)((b->x - x) / (colw + gutter));
            NEAR(b->x + b->w / 2, x + (double)c * (colw + gutter) + colw / 2);
            NEAR(b->y, c == 1 && b->w < circle - 0.01 ? y + 1.5 : y);
            discs++;
        } else if (b->kind == BOX_TEXT) {
            assert_true(b->y > y + circle + gap && b->y <= bottom + 0.01);
            NEAR(b->size, st->size);
            texts++;
        }
    }
    assert_int_equal(discs, 4);
    assert_true(texts >= 3);
    for (int i = 0; i < 3; i++) assert_true(lines[i] >= 1 && lines[i] <= 2 + 0.01);
    /* the pictures carry their alt text */
    const lp_box *ic = box_of(f, BOX_ICON);
    assert_non_null(ic);
    assert_string_equal(ic->alt, "what it means");
}

static void test_contact_card_without_a_number_sets_its_site_in_the_address_style(void **state)
{
    fx *f = *state;
    poster_spec(f, "families");
    const lp_contact *ct = contacts_find(f->env.contacts, "napac"); /* a web site, no phone */
    assert_non_null(ct);
    assert_null(ct->phone);
    const lp_contact_rec *rc = resolve_contact(f->a, ct, "families");
    lp_keyref key = {.key = "napac", .line = 3, .col = 4};
    part_card_look look = {.icon = "heart-handshake"};
    part_scale sc = {1, 1, 12, 0};
    double x = mm_to_pt(20), y = 300, width = mm_to_pt(257);
    double short_by = -1;
    double h = part_contact_card(&f->w, 0, x, y, width, "cards", &sc, rc, &key, &look, -1, true, &short_by);
    assert_int_equal(f->d.errors, 0);
    assert_true(h > 0);
    NEAR(short_by, 0); /* the long name keeps its room */
    /* the site's name, not the whole address, linked to it, at the
     * address style's size (not the number's), right-aligned */
    const lp_box *site = text_box(f, "napac.org.uk");
    assert_non_null(site);
    assert_null(text_box(f, "http"));
    assert_string_equal(site->url, ct->url);
    NEAR(site->size, style_of(f, "cards.address-style")->size);
    assert_true(site->size < style_of(f, "cards.number-style")->size);
    double pad = len_of(f, "cards.padding");
    NEAR(site->x + site->w, x + width - pad);
}

/* Does box b lie inside the rectangle x, y, width, height (text by its
 * baseline and width)? */
static bool in_rect(const lp_box *b, double x, double y, double width, double height)
{
    return b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01 && b->y >= y - 0.01 && b->y <= y + height + 0.01;
}

static void test_page_footer_sets_the_rule_the_partnership_and_the_page_number(void **state)
{
    fx *f = *state;
    /* Easy read's footer (layouts/easy-read.yaml: a rule, the partnership,
     * "Page n of N"), placed in a frame from the rule to the page's foot. */
    double x = mm_to_pt(15), width = mm_to_pt(180), top = len_of(f, "footer.rule-top");
    double height = f->pg.height - top;
    int frame = fl_frame_enter(&f->w, 1, x, top, width, height, "page footer", 0, 0);
    assert_true(part_running(&f->w, 1, 3, x, width, -1) >= 0);
    fl_frame_leave(&f->w, frame);
    assert_int_equal(f->d.errors, 0);
    const lp_box *rule = NULL;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_LINE) rule = b;
        assert_int_equal(b->page, 1);
        assert_true(in_rect(b, x, top, width, height));
    }
    assert_non_null(rule);
    NEAR(rule->x, x);
    NEAR(rule->w, width);
    NEAR(rule->y, top);
    const lp_box *name = text_box(f, f->env.partnership->name), *num = text_box(f, "Page 2 of 3");
    assert_non_null(name);
    assert_non_null(num);
    NEAR(name->x, x);
    /* The number ends at the measure's right edge, on the name's baseline,
     * in its own (bold) face; both are artifacts. */
    assert_true(fabs(num->x + num->w - (x + width)) < 1.5);
    NEAR(num->y, name->y);
    assert_int_not_equal(num->face, name->face);
    assert_true(name->x + name->w + len_of(f, "footer.number-gap") <= num->x + 0.01);
    assert_int_equal(name->snode, -1);
    assert_int_equal(num->snode, -1);
    assert_true(name->y > len_of(f, "footer.top"));
    /* Measuring places nothing. */
    size_t before = f->pg.boxes.n;
    assert_true(part_running(&f->w, -1, 3, x, width, -1) >= 0);
    assert_int_equal(f->pg.boxes.n, before);
    /* A measure too narrow for the full name takes the short one; too
     * narrow for that too, an error. */
    assert_true(part_running(&f->w, 0, 3, x, mm_to_pt(80), -1) >= 0);
    bool short_name = false;
    for (size_t i = before; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT)
            short_name |= strncmp(f->pg.boxes.v[i].text, f->env.partnership->short_name,
                                  strlen(f->env.partnership->short_name)) == 0;
    assert_true(short_name);
    int errors = f->d.errors;
    assert_true(part_running(&f->w, 0, 3, x, mm_to_pt(30), -1) < 0);
    assert_true(f->d.errors > errors);
}

/* A layout of its own in a folder of its own: it extends easy read (the
 * folder links easy-read.yaml and the themes), with the footer's pieces
 * chosen otherwise. */
static const lp_spec *footer_layout(fx *f, char *dir, const char *footer)
{
    char path[512], cwd[256];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/themes", dir);
    char target[512];
    snprintf(target, sizeof target, "%s/layouts/themes", cwd);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/easy-read.yaml", dir);
    snprintf(target, sizeof target, "%s/layouts/easy-read.yaml", cwd);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/footer-test.yaml", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "extends: easy-read\nfooter:\n%s", footer);
    fclose(fp);
    lp_spec *spec = spec_load(dir, "footer-test", "young-people", f->env.fonts, &f->d);
    assert_non_null(spec);
    f->ctx.spec = spec;
    fl_init(&f->w, &f->ctx, &f->pg);
    return spec;
}

static void footer_layout_done(lp_spec *spec, const char *dir)
{
    const char *names[] = {"themes", "easy-read.yaml", "footer-test.yaml"};
    char path[512];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    spec_free(spec);
}

static void test_page_footer_pieces_come_from_the_layout(void **state)
{
    fx *f = *state;
    char dir[] = "/tmp/lp-footer-XXXXXX";
    /* No partnership: the folio goes to the outer edge; a line of its own
     * says when the leaflet is to be reviewed. */
    lp_spec *spec = (lp_spec *)footer_layout(f, dir,
                                             "  partnership: false\n"
                                             "  label: \"{n}\"\n"
                                             "  text: \"Review by {review-by}\"\n"
                                             "  text-top: 284mm\n"
                                             "  text-style: page-number\n");
    f->doc.meta.review_by = "2027-11-01";
    double x = mm_to_pt(15), width = mm_to_pt(180), top = len_of(f, "footer.rule-top");
    double height = f->pg.height - top;
    int frame = fl_frame_enter(&f->w, 0, x, top, width, height, "page footer", 0, 0);
    assert_true(part_running(&f->w, 0, 2, x, width, -1) >= 0);
    size_t recto = f->pg.boxes.n;
    assert_true(part_running(&f->w, 1, 2, x, width, -1) >= 0);
    fl_frame_leave(&f->w, frame);
    assert_int_equal(f->d.errors, 0);
    assert_null(text_box(f, f->env.partnership->name));
    assert_null(text_box(f, f->env.partnership->short_name));
    const lp_box *n1 = NULL, *n2 = NULL, *review = NULL;
    size_t rules = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(in_rect(b, x, top, width, height));
        assert_int_equal(b->snode, -1);
        if (b->kind == BOX_LINE) rules++;
        if (b->kind != BOX_TEXT) continue;
        if (strncmp(b->text, "1", 1) == 0) n1 = b;
        if (strncmp(b->text, "2", 1) == 0) n2 = b;
        /* month and year joined by a no-break space: never split */
        static const char want[] = "Review by November\u00a02027";
        if (strncmp(b->text, want, sizeof want - 1) == 0 && i < recto) review = b;
    }
    assert_int_equal(rules, 2); /* the rule on each page */
    assert_non_null(n1);
    assert_non_null(n2);
    assert_non_null(review);
    /* page 1 (a recto): its number on the right; page 2 on the left */
    assert_true(fabs(n1->x + n1->w - (x + width)) < 1.5);
    NEAR(n2->x, x);
    /* the review date on its own line, under the folio's */
    assert_true(review->y > mm_to_pt(284));
    assert_true(review->y > n1->y);
    footer_layout_done(spec, dir);
}

/* ---- running header and footer ---- */

/* The fixture's spec becomes another layout's (a guide's), for the parts
 * only it arranges. */
static void use_layout(fx *f, const char *format, double w_mm, double h_mm)
{
    const lp_spec *spec = lp_env_spec(&f->env, format, "professionals", &f->d);
    assert_non_null(spec);
    f->ctx.spec = spec;
    f->pg.width = mm_to_pt(w_mm);
    f->pg.height = mm_to_pt(h_mm);
    fl_init(&f->w, &f->ctx, &f->pg);
}

static void test_running_header_and_folio_sit_where_the_layout_says_on_the_outer_edge(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(15), width = mm_to_pt(118);
    const lp_style *hs = fl_fixed_style(&f->w, "booklet-header");
    assert_non_null(hs);
    /* A recto (page 3, index 2) and a verso (page 4). */
    assert_true(part_running(&f->w, 2, 8, x, width, -1) >= 0);
    size_t recto = f->pg.boxes.n;
    assert_true(part_running(&f->w, 3, 8, x, width, -1) >= 0);
    assert_int_equal(f->d.errors, 0);
    const lp_box *head = NULL, *rule = NULL, *n3 = NULL, *n4 = NULL;
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        /* Page furniture: nothing of it is read aloud. */
        assert_int_equal(b->snode, -1);
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        if (i >= recto) continue;
        if (b->kind == BOX_LINE) rule = b;
        else if (b->kind == BOX_TEXT && strncmp(b->text, "Parts", 5) == 0) head = b;
        else if (b->kind == BOX_TEXT && strncmp(b->text, "3", 1) == 0) n3 = b;
    }
    n4 = text_box(f, "4");
    assert_non_null(head);
    assert_non_null(rule);
    assert_non_null(n3);
    assert_non_null(n4);
    assert_int_equal(head->page, 2);
    NEAR(head->x, x);
    /* The header's line box at header.top, the rule header.rule-gap under it. */
    assert_true(head->y > len_of(f, "header.top") && head->y < len_of(f, "header.top") + hs->leading);
    NEAR(rule->y, len_of(f, "header.top") + hs->leading + len_of(f, "header.rule-gap"));
    NEAR(rule->w, width);
    /* The folio under footer.top: right on a recto, left on a verso. */
    assert_true(n3->y > len_of(f, "footer.top"));
    NEAR(n3->x + n3->w, x + width);
    assert_int_equal(n4->page, 3);
    NEAR(n4->x, x);
}

static void test_running_footer_of_a_guide_is_its_qr_block_at_the_foot(void **state)
{
    fx *f = *state;
    dated(f);
    use_layout(f, "one-minute-guide", 210, 297);
    double x = mm_to_pt(15), width = mm_to_pt(180);
    int doc = fl_snode(&f->w, "Document", -1);
    double need = part_running(&f->w, -1, 1, x, width, doc);
    assert_int_equal(f->pg.boxes.n, 0); /* measuring draws nothing */
    double top = len_of(f, "footer.top"), bottom = len_of(f, "footer.bottom");
    assert_true(need >= bottom - top - 0.01);
    assert_true(part_running(&f->w, 0, 1, x, width, doc) >= 0);
    assert_int_equal(f->d.errors, 0);
    /* No header, no folio: the code at the foot, its words beside it, all
     * inside the footer's room and read as content. */
    const lp_box *qr = box_of(f, BOX_QR);
    assert_non_null(qr);
    NEAR(qr->y + qr->h, bottom);
    NEAR(qr->x + qr->w, x + width);
    assert_null(text_box(f, "Parts "));
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->y >= bottom - need - 0.01 && b->y <= bottom + 0.01);
        if (b->kind == BOX_TEXT) assert_true(b->snode >= 0);
    }
    /* "Review by November 2027" whole, on one line. */
    bool whole = false;
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT && strstr(f->pg.boxes.v[i].text, "Review by November 2027")) whole = true;
    assert_true(whole);
}

/* ---- definitions panel ---- */

/* A definition block: a title, one paragraph and a source. */
static lp_block definition(fx *f, const char *title, const char *words, const char *source, int line)
{
    lp_inline *in = arena_alloc(f->a, sizeof *in);
    *in = fl_inline(words, 0);
    lp_block *para = arena_alloc(f->a, sizeof *para);
    *para = (lp_block){.kind = BLK_PARA, .in = in, .nin = 1, .line = line + 1, .col = 1};
    return (lp_block){.kind = BLK_DEFINITION, .title = title, .source = source, .kids = para, .nkids = 1,
                      .line = line, .col = 1};
}

static void test_definitions_panel_sets_two_definitions_on_the_column_lines(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    lp_block defs[2] = {definition(f, "First term", "The first term means one thing said at some length so that it wraps.",
                                   "A Statute (2018)", 5),
                        definition(f, "Second term", "The second means another.", "A Department (2017)", 9)};
    double x = mm_to_pt(15), width = mm_to_pt(180), top = mm_to_pt(58), gutter = mm_to_pt(6);
    int doc = fl_snode(&f->w, "Document", -1);
    double measured = part_definitions(&f->w, 0, x, width, top, gutter, defs, 2, doc, false);
    assert_int_equal(f->pg.boxes.n, 0);
    double h = part_definitions(&f->w, 0, x, width, top, gutter, defs, 2, doc, true);
    assert_int_equal(f->d.errors, 0);
    NEAR(h, measured);
    /* The tint fills the frame; the bar on its left edge. */
    const lp_box *bg = &f->pg.boxes.v[0], *bar = &f->pg.boxes.v[1];
    assert_int_equal(bg->kind, BOX_RECT);
    NEAR(bg->x, x);
    NEAR(bg->y, top);
    NEAR(bg->w, width);
    NEAR(bg->h, h);
    NEAR(bar->x, x);
    NEAR(bar->w, len_of(f, "definitions.bar"));
    /* The first definition inset by the bar and padding, the second on the
     * second column's line; each keeps to its column; all inside the panel. */
    double col_w = (width - gutter) / 2, pad = len_of(f, "definitions.padding");
    const lp_box *t1 = text_box(f, "First term"), *t2 = text_box(f, "Second term");
    const lp_box *label = text_box(f, "Statutory");
    assert_non_null(t1);
    assert_non_null(t2);
    assert_non_null(label);
    NEAR(t1->x, x + len_of(f, "definitions.bar") + pad);
    NEAR(t2->x, x + col_w + gutter);
    NEAR(t1->y, t2->y); /* titles on one baseline */
    assert_string_equal(role(f, t1), "H3");
    assert_true(within(f, t1, "BlockQuote") && within(f, t2, "BlockQuote"));
    assert_true(label->y < t1->y);
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind != BOX_TEXT) continue;
        assert_true(b->y > top && b->y <= top + h - pad + 0.01);
        if (b->x < x + col_w) assert_true(b->x + b->w <= x + col_w + 0.01);
        else assert_true(b->x + b->w <= x + width - pad + 0.01);
    }
    assert_non_null(text_box(f, "\u2014 A Statute"));
}

static void test_definitions_panel_with_one_definition_takes_the_whole_width(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    char words[600] = "";
    for (int i = 0; i < 12; i++) strcat(words, "A definition of some length that runs on. ");
    lp_block def = definition(f, NULL, words, "A Statute (2018)", 5);
    double x = mm_to_pt(15), width = mm_to_pt(180), top = mm_to_pt(58), gutter = mm_to_pt(6);
    double h = part_definitions(&f->w, 0, x, width, top, gutter, &def, 1, -1, true);
    assert_int_equal(f->d.errors, 0);
    double right = 0;
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT && f->pg.boxes.v[i].x + f->pg.boxes.v[i].w > right)
            right = f->pg.boxes.v[i].x + f->pg.boxes.v[i].w;
    /* Its lines run past the gutter to the panel's padding. */
    assert_true(right > x + (width + gutter) / 2);
    assert_true(right <= x + width - len_of(f, "definitions.padding") + 0.01);
    assert_true(h > 0);
}

/* ---- key-contacts strip ---- */

static void test_contacts_strip_sets_its_cells_with_the_numbers_on_one_baseline(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    const char *names[3] = {"mash", "cscp", "emergency"};
    lp_keyref keys[3];
    for (int i = 0; i < 3; i++) {
        const lp_contact *ct = contacts_find(f->env.contacts, names[i]);
        assert_non_null(ct);
        keys[i] = (lp_keyref){.key = names[i], .line = 6, .col = 12 + 6 * i, .rec = resolve_contact(f->a, ct, "professionals")};
    }
    double x = mm_to_pt(15), width = mm_to_pt(180), bottom = mm_to_pt(267);
    int doc = fl_snode(&f->w, "Document", -1);
    double measured = part_contacts_strip(&f->w, 0, x, width, bottom, keys, 3, doc, false);
    assert_int_equal(f->pg.boxes.n, 0);
    double h = part_contacts_strip(&f->w, 0, x, width, bottom, keys, 3, doc, true);
    assert_int_equal(f->d.errors, 0);
    NEAR(h, measured);
    /* The strip: its tint from bottom - h to bottom, the rule on top. */
    const lp_box *bg = &f->pg.boxes.v[0], *rule = &f->pg.boxes.v[1];
    NEAR(bg->y, bottom - h);
    NEAR(bg->h, h);
    NEAR(bg->w, width);
    NEAR(rule->h, len_of(f, "contacts.rule"));
    /* Three cells, each a frame inside the strip's padding; every number
     * (a tel: link) on one baseline, inside its cell. */
    double pad = len_of(f, "contacts.padding");
    size_t ncells = 0;
    double baseline = -1;
    for (size_t k = 0; k < f->pg.frames.n; k++) {
        const lp_frame *fr = &f->pg.frames.v[k];
        if (strcmp(fr->what, "key-contacts cell") != 0) continue;
        ncells++;
        assert_true(fr->x >= x + pad - 0.01 && fr->x + fr->w <= x + width - pad + 0.01);
        assert_true(fr->y + fr->h <= bottom - pad + 0.01);
        for (size_t i = 0; i < f->pg.boxes.n; i++) {
            const lp_box *b = &f->pg.boxes.v[i];
            if (b->frame != (int)k + 1 || b->kind != BOX_TEXT) continue;
            assert_true(b->x >= fr->x - 0.01 && b->x + b->w <= fr->x + fr->w + 0.01);
            assert_true(b->y <= fr->y + fr->h + 0.01);
            if (b->url && strncmp(b->url, "tel:", 4) == 0 && strlen(b->text) > 4) {
                if (baseline < 0) baseline = b->y;
                NEAR(b->y, baseline);
            }
        }
    }
    assert_int_equal(ncells, 3);
    assert_true(baseline > 0);
    const lp_box *label = text_box(f, "Key contacts");
    assert_non_null(label);
    assert_true(within(f, label, "H2"));
    assert_true(label->y < baseline);
}

static void test_contacts_strip_too_narrow_for_its_numbers_says_how_many_fit(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    enum { N = 9 };
    lp_keyref keys[N];
    const lp_contact *ct = contacts_find(f->env.contacts, "mash");
    assert_non_null(ct);
    for (int i = 0; i < N; i++)
        keys[i] = (lp_keyref){.key = "mash", .line = 7, .col = 2 + i, .rec = resolve_contact(f->a, ct, "professionals")};
    assert_true(part_contacts_strip(&f->w, 0, mm_to_pt(15), mm_to_pt(180), mm_to_pt(267), keys, N, -1, false) < 0);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 7);
    assert_int_equal(f->d.items[0].col, 2);
    assert_non_null(strstr(f->d.items[0].msg, "room for"));
}

/* ---- title band ---- */

static void test_title_band_holds_pill_name_title_and_standfirst_inside_the_band(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    f->doc.meta.title = "A title in the band";
    f->doc.meta.title_line = 2;
    f->doc.meta.subtitle = "A standfirst under the title.";
    double x = mm_to_pt(15), width = mm_to_pt(180);
    int doc = fl_snode(&f->w, "Document", -1);
    double foot = part_title_band(&f->w, 0, f->pg.width, x, width, doc);
    assert_int_equal(f->d.errors, 0);
    double band = len_of(f, "band.height");
    NEAR(foot, band + len_of(f, "band.rule"));
    const lp_box *bg = &f->pg.boxes.v[0];
    assert_true(bg->bleed);
    NEAR(bg->w, f->pg.width);
    NEAR(bg->h, band);
    const lp_box *label = text_box(f, "One Minute Guide"), *name = text_box(f, "Coventry");
    const lp_box *title = text_box(f, "A title"), *sf = text_box(f, "A standfirst");
    assert_non_null(label);
    assert_non_null(name);
    assert_non_null(title);
    assert_non_null(sf);
    assert_string_equal(role(f, title), "H1");
    /* The name right-aligned to the measure, level with the pill's label. */
    NEAR(name->x + name->w, x + width);
    assert_true(fabs(name->y - label->y) < 2);
    assert_true(label->x + label->w < name->x);
    assert_true(title->y > label->y && sf->y > title->y && sf->y < band);
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_TEXT) assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01 && b->y < band);
    }
}

static void test_title_band_too_long_a_title_is_an_error_at_its_line(void **state)
{
    fx *f = *state;
    use_layout(f, "one-minute-guide", 210, 297);
    char t[800] = "";
    for (int i = 0; i < 20; i++) strcat(t, "Safeguarding ");
    f->doc.meta.title = t;
    f->doc.meta.title_line = 2;
    assert_true(part_title_band(&f->w, 0, f->pg.width, mm_to_pt(15), mm_to_pt(180), -1) < 0);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].line, 2);
}

static void test_title_band_holds_title_subtitle_and_tag_in_the_band(void **state)
{
    fx *f = *state;
    f->doc.meta.title = "Your body belongs to you";
    f->doc.meta.title_line = 2;
    f->doc.meta.subtitle = "An easy read guide about saying no";
    double x = mm_to_pt(15), width = mm_to_pt(180), top = len_of(f, "margins.top");
    assert_int_equal(part_title_band_tagged(&f->w, f->pg.width, x, width, top, "band", "tag", -1), 0);
    const lp_box *band = &f->pg.boxes.v[0];
    assert_int_equal(band->kind, BOX_RECT);
    assert_true(band->bleed);
    NEAR(band->w, f->pg.width);
    NEAR(band->h, len_of(f, "band.first-height"));
    const lp_box *title = text_box(f, "Your body"), *sub = text_box(f, "An easy"), *tag = text_box(f, "Easy read");
    assert_non_null(title);
    assert_non_null(sub);
    assert_non_null(tag);
    assert_string_equal(role(f, title), "H1");
    assert_string_equal(role(f, sub), "P");
    /* Everything inside the band, above its bottom padding. */
    double foot = band->h - len_of(f, "band.bottom-padding");
    for (size_t i = 1; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        double bottom = b->kind == BOX_TEXT ? b->y : b->y + b->h;
        assert_true(bottom <= foot + 0.01 && b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
    }
    /* The tag's label level with the subtitle, at the right of the measure,
     * the subtitle narrowed for it. */
    assert_true(fabs(tag->y - sub->y) < 2);
    assert_true(sub->x + sub->w + len_of(f, "tag.gap") <= tag->x);
    /* A title that cannot fit the band is an error at its line. */
    f->doc.meta.title = "A title so long that it takes far more than the two lines the band of the first page can hold";
    f->doc.meta.subtitle = "And a subtitle under it as well";
    int errors = f->d.errors;
    assert_int_equal(part_title_band_tagged(&f->w, f->pg.width, x, width, top, "band", "tag", -1), -1);
    assert_true(f->d.errors > errors);
    assert_int_equal(f->d.items[f->d.n - 1].line, 2);
}

static void test_heading_band_sets_a_heading_or_leaves_out_a_long_running_head(void **state)
{
    fx *f = *state;
    double x = mm_to_pt(15), width = mm_to_pt(180), top = len_of(f, "margins.top");
    lp_inline h = fl_inline("Who can help", 0);
    int sn = fl_snode(&f->w, "H2", -1);
    assert_int_equal(part_heading_band(&f->w, 1, f->pg.width, x, width, top, "band", &h, 1, sn), 0);
    const lp_box *head = text_box(f, "Who can help");
    assert_non_null(head);
    assert_string_equal(role(f, head), "H2");
    NEAR(f->pg.boxes.v[0].h, len_of(f, "band.height"));
    assert_true(head->y < len_of(f, "band.height") - len_of(f, "band.bottom-padding") + 0.01);
    /* A running head too long for the band: the band stays plain. */
    lp_inline l = fl_inline("A heading far too long to be set on one line of the band of a later page", 0);
    size_t before = f->pg.boxes.n;
    assert_int_equal(part_heading_band(&f->w, 2, f->pg.width, x, width, top, "band", &l, 1, -1), 0);
    assert_int_equal(f->pg.boxes.n, before + 1); /* the band, no text */
    /* The same heading starting a section there is an error. */
    int errors = f->d.errors;
    assert_int_equal(part_heading_band(&f->w, 2, f->pg.width, x, width, top, "band", &l, 1,
                                       fl_snode(&f->w, "H2", -1)), -1);
    assert_true(f->d.errors > errors);
}

/* ================================================================ tri-fold */

/* ---- emergency bar ---- */

static void test_emergency_bar_sets_icon_words_and_linked_number_inside_the_bar(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    const lp_contact *ct = contacts_find(f->env.contacts, "emergency");
    assert_non_null(ct);
    const lp_contact_rec *rc = resolve_contact(f->a, ct, "families");
    double x = mm_to_pt(105), y = mm_to_pt(100), width = mm_to_pt(84);
    int doc = fl_snode(&f->w, "Document", -1);
    double measured = part_emergency_bar(&f->w, 0, x, y, width, "back.emergency", rc, doc, false);
    assert_int_equal(f->pg.boxes.n, 0);
    double h = part_emergency_bar(&f->w, 0, x, y, width, "back.emergency", rc, doc, true);
    assert_int_equal(f->d.errors, 0);
    assert_true(h > 0);
    NEAR(h, measured);
    double pad = len_of(f, "back.emergency.padding"), icon = len_of(f, "back.emergency.icon-size");
    /* The bar: the whole frame's width, its corners rounded. */
    const lp_box *bar = &f->pg.boxes.v[0];
    assert_int_equal(bar->kind, BOX_RECT);
    NEAR(bar->x, x);
    NEAR(bar->y, y);
    NEAR(bar->w, width);
    NEAR(bar->h, h);
    NEAR(bar->radius, len_of(f, "back.emergency.radius"));
    assert_true(h >= 2 * pad + icon - 0.01);
    /* The icon at the left inside the padding, an artifact. */
    const lp_box *ic = &f->pg.boxes.v[1];
    assert_int_equal(ic->kind, BOX_ICON);
    NEAR(ic->x, x + pad);
    NEAR(ic->w, icon);
    assert_int_equal(ic->snode, -1);
    /* The words and the number after the icon's gap, inside the bar, one P. */
    double tx = x + pad + icon + len_of(f, "back.emergency.icon-gap");
    const lp_box *words = text_box(f, "A child"), *num = NULL;
    assert_non_null(words);
    NEAR(words->x, tx);
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_TEXT && f->pg.boxes.v[i].url) num = &f->pg.boxes.v[i];
    assert_non_null(num);
    assert_string_equal(num->url, "tel:999");
    NEAR(num->x, tx);
    assert_true(num->y > words->y);
    for (size_t i = 1; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width - pad + 0.01);
        assert_true(b->y <= y + h - pad + 0.01 && b->y >= y);
    }
    assert_string_equal(role(f, words), "P");
    assert_int_equal(words->snode, num->snode >= 0 ? f->pg.snodes.v[num->snode].parent : -2);
}


/* ---- cover panel ---- */

static void test_cover_panel_sets_name_title_and_foot_in_the_panel(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    f->doc.meta.title = "Worried about a child?";
    f->doc.meta.title_line = 2;
    f->doc.meta.subtitle = "What to look for and who to call";
    f->doc.meta.summary = "For parents and carers";
    double x = mm_to_pt(205), width = mm_to_pt(84), top = mm_to_pt(12), bottom = mm_to_pt(200);
    int doc = fl_snode(&f->w, "Document", -1);
    assert_int_equal(part_cover_panel(&f->w, 0, x, top, width, bottom, "cover", doc), 0);
    assert_int_equal(f->d.errors, 0);
    /* Everything inside the panel's text area. */
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(b->y >= top - 0.01 && b->y <= bottom + 0.01);
    }
    /* The title from cover.title-top, "a" bound to the word after it. */
    const lp_box *title = text_box(f, "Worried");
    assert_non_null(title);
    assert_string_equal(role(f, title), "H1");
    assert_true(title->y > len_of(f, "cover.title-top"));
    const lp_box *name = text_box(f, "Coventry");
    assert_non_null(name);
    assert_true(name->y < title->y);
    const lp_box *sub = text_box(f, "What");
    assert_non_null(sub);
    assert_true(sub->y > title->y);
    /* The foot: a rule, then the summary under it, at the panel's foot. */
    const lp_box *foot = text_box(f, "For parents"), *rule = NULL;
    for (size_t i = 0; i < f->pg.boxes.n; i++)
        if (f->pg.boxes.v[i].kind == BOX_LINE) rule = &f->pg.boxes.v[i];
    assert_non_null(foot);
    assert_non_null(rule);
    NEAR(rule->w, width);
    assert_true(rule->y > sub->y && foot->y > rule->y);
    NEAR(rule->line_width, len_of(f, "cover.rule"));
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        if (b->kind == BOX_TEXT && strstr(b->text, "a ") == b->text + strlen(b->text) - 2)
            fail_msg("a line ends on 'a': \"%s\"", b->text);
        assert_true(b->kind != BOX_TEXT || within(f, b, "Sect"));
    }
}

static void test_cover_panel_with_too_long_a_title_is_an_error_at_its_line(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    f->doc.meta.title = "A title that goes on and on and on far past what any cover could ever hold in its panel, "
                        "and then on again for as long once more, so that no theme could set it there";
    f->doc.meta.title_line = 4;
    f->doc.meta.summary = "For parents and carers";
    int doc = fl_snode(&f->w, "Document", -1);
    assert_int_equal(part_cover_panel(&f->w, 0, mm_to_pt(205), mm_to_pt(12), mm_to_pt(84), mm_to_pt(200),
                                      "cover", doc), -1);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "do not fit"));
    assert_int_equal(f->d.items[0].line, 4);
}

/* ---- back panel ---- */

/* The front matter's contacts: these keys, at lines 9, 10, ... */
static void trifold_contacts(fx *f, const char *const *names, size_t n)
{
    lp_keyref *keys = arena_alloc(f->a, n * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        const lp_contact *ct = contacts_find(f->env.contacts, names[i]);
        assert_non_null(ct);
        keys[i] = (lp_keyref){.key = names[i], .line = 9 + (int)i, .col = 3, .rec = resolve_contact(f->a, ct, "families")};
    }
    f->doc.meta.contacts = keys;
    f->doc.meta.ncontacts = n;
    f->doc.meta.title_line = 2;
    f->doc.meta.audience = "families";
}

static const lp_frame *frame_named(const fx *f, const char *what, size_t nth)
{
    for (size_t k = 0; k < f->pg.frames.n; k++)
        if (strcmp(f->pg.frames.v[k].what, what) == 0 && nth-- == 0) return &f->pg.frames.v[k];
    return NULL;
}

static void test_back_panel_lists_contacts_above_the_emergency_bar_and_the_code(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    dated(f);
    const char *names[3] = {"mash", "emergency", "childline"};
    trifold_contacts(f, names, 3);
    double x = mm_to_pt(105), width = mm_to_pt(84), top = mm_to_pt(12), bottom = mm_to_pt(200);
    int doc = fl_snode(&f->w, "Document", -1);
    assert_int_equal(part_back_panel(&f->w, 0, x, top, width, bottom, "back", doc), 0);
    assert_int_equal(f->d.errors, 0);
    for (size_t i = 0; i < f->pg.boxes.n; i++) {
        const lp_box *b = &f->pg.boxes.v[i];
        assert_true(b->x >= x - 0.01 && b->x + b->w <= x + width + 0.01);
        assert_true(b->y >= top - 0.01 && b->y <= bottom + 0.01);
    }
    /* The heading first, an H2; two entries (the emergency number has the
     * bar), in the order listed, one under the other. */
    const lp_box *head = text_box(f, "Who to call");
    assert_non_null(head);
    assert_string_equal(role(f, head), "H2");
    const lp_frame *e1 = frame_named(f, "contact entry", 0), *e2 = frame_named(f, "contact entry", 1);
    assert_non_null(e1);
    assert_non_null(e2);
    assert_null(frame_named(f, "contact entry", 2));
    assert_int_equal(e1->line, 9);
    assert_int_equal(e2->line, 11);
    NEAR(e2->y, e1->y + e1->h + len_of(f, "back.contact-gap"));
    assert_true(e1->y > head->y);
    /* The bar under the directory, the QR block under the bar, at the foot. */
    const lp_frame *bar = frame_named(f, "emergency bar", 0), *qr = frame_named(f, "QR block", 0);
    assert_non_null(bar);
    assert_non_null(qr);
    assert_true(bar->y >= e2->y + e2->h + len_of(f, "back.emergency.gap") - 0.01);
    NEAR(qr->y, bar->y + bar->h + len_of(f, "back.emergency.gap"));
    NEAR(qr->y + qr->h, bottom);
    const lp_box *qr_box = box_of(f, BOX_QR);
    assert_non_null(qr_box);
    assert_true(within(f, qr_box, "Sect"));
}

static void test_back_panel_with_too_many_contacts_says_how_many_fit(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    dated(f);
    const char *names[6] = {"mash", "childline", "mash", "childline", "mash", "childline"};
    trifold_contacts(f, names, 6);
    int doc = fl_snode(&f->w, "Document", -1);
    assert_int_equal(part_back_panel(&f->w, 0, mm_to_pt(105), mm_to_pt(12), mm_to_pt(84), mm_to_pt(200), "back", doc), -1);
    assert_int_equal(f->d.errors, 1);
    assert_non_null(strstr(f->d.items[0].msg, "room for"));
    assert_non_null(strstr(f->d.items[0].msg, "of these 6 contacts"));
    assert_int_equal(f->d.items[0].line, 9);
    assert_int_equal(f->pg.boxes.n, 0);
}

/* ---- panel icon ---- */

static void test_panel_icon_sets_a_disc_and_moves_the_heading_under_it(void **state)
{
    fx *f = *state;
    use_layout(f, "trifold", 297, 210);
    double x = mm_to_pt(8), y = mm_to_pt(12), width = mm_to_pt(84), height = mm_to_pt(188);
    fl_add_frame(&f->w, 0, x, y, width, height);
    lp_pic pic = {.icon = "hand", .alt = "a hand saying stop"};
    lp_inline img = fl_inline("a hand saying stop", 0);
    img.kind = IN_IMAGE;
    img.pic = &pic;
    lp_inline head_in = fl_inline("Who can help", 0);
    lp_block b[2] = {{.kind = BLK_PARA, .in = &img, .nin = 1}, {.kind = BLK_HEADING, .level = 2, .in = &head_in, .nin = 1}};
    int doc = fl_snode(&f->w, "Document", -1);
    /* A heading first: no icon. */
    assert_int_equal(part_panel_icon(&f->w, "panel-icon", b + 1, 1, doc), 0);
    assert_int_equal(f->pg.boxes.n, 0);
    assert_int_equal(part_panel_icon(&f->w, "panel-icon", b, 2, doc), 1);
    assert_int_equal(f->d.errors, 0);
    double disc = len_of(f, "panel-icon.disc"), size = len_of(f, "panel-icon.size");
    const lp_box *circle = &f->pg.boxes.v[0], *icon = &f->pg.boxes.v[1];
    assert_int_equal(circle->kind, BOX_RECT);
    NEAR(circle->x, x);
    NEAR(circle->y, y);
    NEAR(circle->w, disc);
    NEAR(circle->radius, disc / 2);
    NEAR(icon->x, x + (disc - size) / 2);
    NEAR(icon->w, size);
    /* A figure with its alt text (the heading says something else). */
    assert_string_equal(role(f, icon), "Figure");
    assert_string_equal(icon->alt, "a hand saying stop");
    /* The writer goes on under the disc, at the top again. */
    NEAR(f->w.y, disc + len_of(f, "panel-icon.gap"));
    assert_true(f->w.at_top);
    /* A heading that says what the picture shows: the picture is not read. */
    head_in = fl_inline("A hand saying stop", 0);
    assert_int_equal(part_panel_icon(&f->w, "panel-icon", b, 2, doc), 1);
    assert_int_equal(f->pg.boxes.v[f->pg.boxes.n - 1].snode, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cover_band_fills_the_width_and_holds_name_and_title, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_title_too_long_for_the_band_is_an_error_at_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contents_numbers_right_aligned_with_leaders_and_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contents_go_on_to_the_next_page_up_to_max_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_entry_prints_its_lines_in_order_inside_the_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_entry_puts_the_acronym_after_a_name_that_leaves_room, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qr_block_sets_the_code_on_its_plate_and_the_lines_beside_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qr_block_without_a_source_has_no_code_and_the_whole_width, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template_text_leaves_out_a_line_without_a_value_and_names_an_unknown_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partnership_sets_the_name_in_the_frame_as_content_or_artifact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_cover_holds_the_contacts_above_the_band_and_the_code_at_its_foot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_cover_with_too_many_contacts_says_how_many_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picture_row_centres_its_text_on_the_circle_in_the_grid, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_picture_row_takes_the_grids_circle, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_palette_reads_the_pairs_and_knows_a_danger_picture, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_word_box_sets_each_word_run_into_its_meaning_with_its_label, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_phone_box_lists_contacts_not_given_elsewhere_numbers_bold, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_grid_without_a_text_column_is_an_error, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_edition_reads_its_page_and_scales_the_margins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overflow_keeps_the_worst_and_ignores_slack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_card_holds_name_note_and_number_inside_its_frame, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_card_edge_and_colours_come_from_its_look, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_card_whose_number_crowds_the_name_says_by_how_much, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_card_without_a_number_sets_its_site_in_the_address_style, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qr_block_scaled_centres_code_and_lines_and_keeps_the_least_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headline_fills_its_measure_in_the_lines_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_poster_head_is_as_tall_as_its_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fit_scale_keeps_the_largest_scale_that_fits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picture_columns_centre_each_picture_over_its_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_footer_sets_the_rule_the_partnership_and_the_page_number, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_page_footer_pieces_come_from_the_layout, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_running_header_and_folio_sit_where_the_layout_says_on_the_outer_edge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_running_footer_of_a_guide_is_its_qr_block_at_the_foot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_definitions_panel_sets_two_definitions_on_the_column_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_definitions_panel_with_one_definition_takes_the_whole_width, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts_strip_sets_its_cells_with_the_numbers_on_one_baseline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts_strip_too_narrow_for_its_numbers_says_how_many_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_band_holds_pill_name_title_and_standfirst_inside_the_band, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_band_too_long_a_title_is_an_error_at_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_band_holds_title_subtitle_and_tag_in_the_band, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_heading_band_sets_a_heading_or_leaves_out_a_long_running_head, setup_easy, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_bar_sets_icon_words_and_linked_number_inside_the_bar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cover_panel_sets_name_title_and_foot_in_the_panel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cover_panel_with_too_long_a_title_is_an_error_at_its_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_panel_lists_contacts_above_the_emergency_bar_and_the_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_panel_with_too_many_contacts_says_how_many_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_panel_icon_sets_a_disc_and_moves_the_heading_under_it, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
