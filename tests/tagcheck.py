#!/usr/bin/env python3
"""Checks the tagging of every built PDF (PDF/UA essentials).

For each content file and each PDF built from it: pdfinfo says Tagged: yes;
the catalog has /Lang, /MarkInfo Marked, DisplayDocTitle and the document
title; every Figure has /Alt; every link annotation has /Contents and a
/StructParent that leads to a Link element holding it (OBJR); and the text of
the structure tree, read in order, holds the document's own text (title,
subtitle, body) in source order.  Usage: tagcheck.py OUT_DIR LEAFPRESS FILE.md...
"""
import glob
import json
import os
import re
import sys

from pdfwords import norm_words, run

failures = []
passes = 0


def check(ok, pdf, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(f"{pdf}: {what}")


def objects(pdf):
    rc, out, err = run(["qpdf", "--json=2", "--json-key=qpdf", pdf])
    return json.loads(out)["qpdf"][1]


def val(objs, ref):
    if isinstance(ref, str) and ref.endswith(" R"):
        return objs.get("obj:" + ref, {}).get("value")
    return ref


def check_pdf(pdf, body_words, title):
    rc, info, err = run(["pdfinfo", pdf])
    check(re.search(r"^Tagged:\s+yes$", info, re.M) is not None, pdf, "not tagged")
    objs = objects(pdf)
    cat = next(v["value"] for v in objs.values()
               if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog")
    check(str(cat.get("/Lang", "")).startswith("u:"), pdf, "no /Lang on the catalog")
    check(cat.get("/MarkInfo", {}).get("/Marked") is True, pdf, "no /MarkInfo /Marked true")
    check((cat.get("/ViewerPreferences") or {}).get("/DisplayDocTitle") is True, pdf, "no DisplayDocTitle")
    m = re.search(r"^Title:\s+(.*)$", info, re.M)
    check(m is not None and m.group(1) == title, pdf, f"title is not '{title}'")
    elems = {k: v["value"] for k, v in objs.items()
             if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/StructElem"}
    figures = [e for e in elems.values() if e.get("/S") == "/Figure"]
    check(all(str(e.get("/Alt", "")).startswith("u:") and len(e["/Alt"]) > 2 for e in figures),
          pdf, "a Figure without /Alt")
    lists = [e for e in elems.values() if e.get("/S") == "/L"]
    def numbering(e):
        a = val(objs, e.get("/A")) if isinstance(e.get("/A"), str) else e.get("/A")
        return isinstance(a, dict) and "/ListNumbering" in a
    check(all(numbering(e) for e in lists), pdf, "a list without /ListNumbering")
    # Every link annotation belongs to a Link element through an OBJR.
    objr_targets = set()
    for e in elems.values():
        if e.get("/S") != "/Link":
            continue
        kids = e.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        for k in kids:
            k = val(objs, k) if isinstance(k, str) else k
            if isinstance(k, dict) and k.get("/Type") == "/OBJR":
                objr_targets.add(k.get("/Obj"))
    annots = [(k, v["value"]) for k, v in objs.items()
              if isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
    lonely = [k for k, a in annots if k[4:] not in objr_targets or "/StructParent" not in a
              or "/Contents" not in a]
    check(not lonely, pdf, f"{len(lonely)} of {len(annots)} link annotations without a Link element, "
          f"/StructParent or /Contents")
    # Reading order: the source text is a subsequence of the structure text.
    rc, st, err = run(["pdfinfo", "-struct-text", pdf])
    tree = norm_words(" ".join(re.findall(r'"(.*)"', st)))
    i = 0
    matched = 0
    for w in body_words:
        while i < len(tree) and tree[i] != w:
            i += 1
        if i == len(tree):
            break
        matched += 1
        i += 1
    check(matched == len(body_words), pdf,
          f"structure tree holds the text in order only up to word {matched} of {len(body_words)}"
          + (f" ('{body_words[matched]}')" if matched < len(body_words) else ""))


def main():
    out_dir, binary = sys.argv[1], sys.argv[2]
    for md in sys.argv[3:]:
        rc, text, err = run([binary, "text", md])
        if rc != 0:
            failures.append(f"{md}: text failed: {err.strip()}")
            continue
        lines = text.splitlines()
        title = lines[0] if lines else ""
        # The title, subtitle and body: everything before the front-matter
        # contacts and words, which formats may place anywhere.
        rc, body, err = run([binary, "text", "--body", md])
        words = norm_words(body)
        with open(md, encoding="utf-8") as f:
            aud = re.search(r"^audience:\s*(\S+)", f.read(), re.M).group(1)
        slug = os.path.basename(md)[:-3]
        pdfs = sorted(glob.glob(os.path.join(out_dir, aud, slug + ".pdf")) +
                      glob.glob(os.path.join(out_dir, aud, slug + "-*.pdf")) +
                      glob.glob(os.path.join(out_dir, "print", aud, slug + ".pdf")) +
                      glob.glob(os.path.join(out_dir, "print", aud, slug + "-*.pdf")))
        if not pdfs:
            failures.append(f"{md}: no PDF in {out_dir}")
        for pdf in pdfs:
            check_pdf(pdf, words, title)
    for f in failures:
        print("FAIL " + f)
    print(f"tagcheck: {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
