/* pdfx.c — the PDF/X-4 pieces of the print variant (ISO 15930-7): the
 * output profile, the output intent, the registration colour, Info keys
 * and the header version.
 *
 * libharu has no API for output intents other than its PDF/A helper, for
 * Separation colour spaces, or for name-valued Info keys, so this file,
 * like tags.c, uses its internal object API; keeping it here means a
 * libharu upgrade breaks these two files only.
 */
#include "pdfx.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <lcms2.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

/* A profile larger than this is not an output profile anyone should embed
 * in every leaflet (the FOGRA39 one is 120 KB). */
#define MAX_PROFILE_BYTES (8u * 1024u * 1024u)

/* The registered characterisation the default profile is built from
 * (ICC characterization data registry). */
#define FOGRA39_ID "FOGRA39"
#define FOGRA39_CONDITION                                                                        \
    "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated "  \
    "art, 115 g/m2, tone value increase curves A (CMY) and B (K)"
#define ICC_REGISTRY "http://www.color.org"

static const char *class_name(cmsProfileClassSignature c)
{
    switch (c) {
    case cmsSigInputClass: return "an input (scanner or camera)";
    case cmsSigDisplayClass: return "a display";
    case cmsSigOutputClass: return "an output";
    case cmsSigLinkClass: return "a device link";
    case cmsSigAbstractClass: return "an abstract";
    case cmsSigColorSpaceClass: return "a colour space";
    case cmsSigNamedColorClass: return "a named colour";
    default: return "an unknown kind of";
    }
}

static const char *space_name(cmsColorSpaceSignature s)
{
    switch (s) {
    case cmsSigRgbData: return "RGB";
    case cmsSigGrayData: return "grey";
    case cmsSigCmykData: return "CMYK";
    case cmsSigLabData: return "Lab";
    case cmsSigXYZData: return "XYZ";
    default: return "other";
    }
}

static unsigned char *read_whole(const char *path, size_t *len, const char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    /* A buffer the file's size (one more byte tells a file that grew),
     * not the largest a profile may be: a print build reads one per
     * document. */
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && st.st_size >= 0 && (uintmax_t)st.st_size < MAX_PROFILE_BYTES
                     ? (size_t)st.st_size + 1
                     : MAX_PROFILE_BYTES + 1;
    unsigned char *buf = malloc(cap);
    size_t n = buf ? fread(buf, 1, cap, f) : 0;
    int bad = !buf || ferror(f);
    if (!bad && n == cap && cap <= MAX_PROFILE_BYTES) {
        /* it grew while being read: read the rest as before */
        unsigned char *more = realloc(buf, MAX_PROFILE_BYTES + 1);
        if (!more) bad = 1;
        else {
            buf = more;
            n += fread(buf + n, 1, MAX_PROFILE_BYTES + 1 - n, f);
            bad = ferror(f);
        }
    }
    fclose(f);
    if (bad || n > MAX_PROFILE_BYTES) {
        free(buf);
        *why = !buf ? "out of memory" : n > MAX_PROFILE_BYTES ? "over 8 MB" : "read error";
        return NULL;
    }
    *len = n;
    return buf;
}

int pdfx_profile_load(const char *path, pdfx_profile *p, lp_diag *d)
{
    memset(p, 0, sizeof *p);
    p->path = path;
    const char *why = NULL;
    p->data = read_whole(path, &p->len, &why);
    if (!p->data) {
        diag_error(d, path, 0, 0,
                   "run make to build the FOGRA39 profile, or name another with --output-profile",
                   "cannot read the output profile: %s", why);
        return -1;
    }
    cmsContext ctx = cmsCreateContext(NULL, NULL);
    cmsHPROFILE h = ctx ? cmsOpenProfileFromMemTHR(ctx, p->data, (cmsUInt32Number)p->len) : NULL;
    const char *hint = "name an ICC output profile for the press, such as one colprof made";
    int rc = 0;
    if (!h) {
        diag_error(d, path, 0, 0, hint, "not an ICC profile Little CMS can read");
        rc = -1;
    } else if (cmsGetDeviceClass(h) != cmsSigOutputClass || cmsGetColorSpace(h) != cmsSigCmykData) {
        diag_error(d, path, 0, 0, hint,
                   "the output profile must be a CMYK output profile; this is %s profile for %s",
                   class_name(cmsGetDeviceClass(h)), space_name(cmsGetColorSpace(h)));
        rc = -1;
    } else if (!cmsIsIntentSupported(h, INTENT_RELATIVE_COLORIMETRIC, LCMS_USED_AS_OUTPUT)) {
        diag_error(d, path, 0, 0, hint,
                   "the output profile cannot convert colours into CMYK (it has no B2A tables)");
        rc = -1;
    } else {
        cmsUInt32Number n = cmsGetProfileInfoASCII(h, cmsInfoDescription, "en", "US", p->desc,
                                                   sizeof p->desc);
        if (n <= 1) {
            const char *base = strrchr(path, '/');
            snprintf(p->desc, sizeof p->desc, "%s", base ? base + 1 : path);
        }
        p->fogra39 = strncmp(p->desc, FOGRA39_ID, strlen(FOGRA39_ID)) == 0;
    }
    if (h) cmsCloseProfile(h);
    if (ctx) cmsDeleteContext(ctx);
    if (rc) pdfx_profile_free(p);
    return rc;
}

void pdfx_profile_free(pdfx_profile *p)
{
    if (!p) return;
    free(p->data);
    p->data = NULL;
    p->len = 0;
}

int pdfx_to_cmyk(const pdfx_profile *p, const unsigned char *rgb, size_t n, unsigned char *cmyk)
{
    if (!p->data) return -1;
    /* A context of its own: documents convert on several threads. */
    cmsContext ctx = cmsCreateContext(NULL, NULL);
    if (!ctx) return -1;
    cmsHPROFILE in = cmsCreate_sRGBProfileTHR(ctx);
    cmsHPROFILE out = cmsOpenProfileFromMemTHR(ctx, p->data, (cmsUInt32Number)p->len);
    cmsHTRANSFORM t = NULL;
    if (in && out)
        t = cmsCreateTransformTHR(ctx, in, TYPE_RGB_8, out, TYPE_CMYK_8, INTENT_RELATIVE_COLORIMETRIC,
                                  cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOCACHE);
    int rc = t ? 0 : -1;
    /* In slices, so the pixel count always fits lcms's 32-bit argument. */
    for (size_t done = 0; t && done < n;) {
        size_t k = n - done > (1u << 20) ? (1u << 20) : n - done;
        cmsDoTransform(t, rgb + done * 3, cmyk + done * 4, (cmsUInt32Number)k);
        done += k;
    }
    if (t) cmsDeleteTransform(t);
    if (in) cmsCloseProfile(in);
    if (out) cmsCloseProfile(out);
    cmsDeleteContext(ctx);
    return rc;
}

/* ----------------------------------------------------------- PDF side */

static HPDF_STATUS add_string(HPDF_Doc pdf, HPDF_Dict d, const char *key, const char *value)
{
    /* Plain ASCII: no encoder, so the bytes are the text. */
    return HPDF_Dict_Add(d, key, HPDF_String_New(pdf->mmgr, value, NULL));
}

int pdfx_output_intent(HPDF_Doc pdf, const pdfx_profile *p)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict icc = HPDF_DictStream_New(mm, pdf->xref);
    if (!icc) return -1;
    if (pdf->compression_mode & HPDF_COMP_METADATA) icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS ret = HPDF_Dict_AddNumber(icc, "N", 4);
    ret += HPDF_Dict_AddName(icc, "Alternate", "DeviceCMYK");
    ret += HPDF_Stream_Write(icc->stream, p->data, (HPDF_UINT)p->len);

    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array arr = HPDF_Array_New(mm);
    if (!oi || !arr || ret != HPDF_OK) return -1;
    ret += HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    ret += HPDF_Dict_AddName(oi, "S", "GTS_PDFX");
    if (p->fogra39) {
        ret += add_string(pdf, oi, "OutputConditionIdentifier", FOGRA39_ID);
        ret += add_string(pdf, oi, "OutputCondition", FOGRA39_CONDITION);
        ret += add_string(pdf, oi, "RegistryName", ICC_REGISTRY);
    } else {
        /* Not a registered condition: the embedded profile says it all. */
        ret += add_string(pdf, oi, "OutputConditionIdentifier", "Custom");
        ret += add_string(pdf, oi, "OutputCondition", p->desc);
    }
    ret += add_string(pdf, oi, "Info", p->desc);
    ret += HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    ret += HPDF_Array_Add(arr, oi);
    ret += HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr);
    return ret == HPDF_OK ? 0 : -1;
}

int pdfx_registration_space(HPDF_Doc pdf, HPDF_Page page, const char *name)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    if (!res) return -1;
    HPDF_Dict spaces = HPDF_Dict_GetItem(res, "ColorSpace", HPDF_OCLASS_DICT);
    HPDF_STATUS ret = HPDF_OK;
    if (!spaces) {
        spaces = HPDF_Dict_New(mm);
        if (!spaces || HPDF_Dict_Add(res, "ColorSpace", spaces) != HPDF_OK) return -1;
    }
    /* [/Separation /All /DeviceCMYK f]: tint t shows as t of every ink
     * where a device cannot print the separation (a proof). */
    HPDF_Array cs = HPDF_Array_New(mm);
    HPDF_Dict fn = HPDF_Dict_New(mm);
    HPDF_Array dom = HPDF_Array_New(mm), c0 = HPDF_Array_New(mm), c1 = HPDF_Array_New(mm);
    if (!cs || !fn || !dom || !c0 || !c1) return -1;
    ret += HPDF_Dict_Add(spaces, name, cs);
    ret += HPDF_Array_AddName(cs, "Separation");
    ret += HPDF_Array_AddName(cs, "All");
    ret += HPDF_Array_AddName(cs, "DeviceCMYK");
    ret += HPDF_Array_Add(cs, fn);
    ret += HPDF_Dict_AddNumber(fn, "FunctionType", 2);
    ret += HPDF_Dict_Add(fn, "Domain", dom);
    ret += HPDF_Array_AddNumber(dom, 0);
    ret += HPDF_Array_AddNumber(dom, 1);
    ret += HPDF_Dict_Add(fn, "C0", c0);
    ret += HPDF_Dict_Add(fn, "C1", c1);
    for (int i = 0; i < 4; i++) {
        ret += HPDF_Array_AddNumber(c0, 0);
        ret += HPDF_Array_AddNumber(c1, 1);
    }
    ret += HPDF_Dict_AddNumber(fn, "N", 1);
    return ret == HPDF_OK ? 0 : -1;
}

int pdfx_info(HPDF_Doc pdf, long long epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    if (epoch < 0 || !gmtime_r(&t, &tm)) return -1;
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec, 'Z', 0, 0};
    if (HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK ||
        HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date) != HPDF_OK || !pdf->info)
        return -1;
    HPDF_STATUS ret = HPDF_Dict_AddName(pdf->info, "Trapped", "False");
    ret += add_string(pdf, pdf->info, "GTS_PDFXVersion", PDFX_VERSION);
    return ret == HPDF_OK ? 0 : -1;
}

void pdfx_set_version(HPDF_Doc pdf)
{
    pdf->pdf_version = HPDF_VER_16;
}
