#!/usr/bin/env python3
"""The 652 CommonMark 0.31.2 spec examples, each wrapped in the front matter of a
one-minute guide and built in one batch: every example must either build a
PDF or fail with file:line:col: error: lines only.  No crash (the batch exits
0 or 1), no hang (a time limit), no unlocated error, no leftover temporary
file.  Usage: check.py LEAFPRESS SPEC_TXT SCRATCH_DIR"""
import os
import re
import subprocess
import sys

FENCE = "`" * 32
FRONT = """---
title: CommonMark example {n}
format: one-minute-guide
audience: professionals
reviewed: 2026-11-01
review-by: 2027-11-01
version: "1.0"
source: https://spec.commonmark.org/0.31.2/
---

"""
FRONT_LINES = FRONT.count("\n")


def examples(spec):
    out, cur, state = [], [], 0
    for line in open(spec, encoding="utf-8").read().split("\n"):
        if state == 0 and line.startswith(FENCE + " example"):
            state, cur = 1, []
        elif state == 1 and line == ".":
            state = 2
        elif state == 2 and line == FENCE:
            out.append("".join(cur).replace("\u2192", "\t"))
            state = 0
        elif state == 1:
            cur.append(line + "\n")
    return out


def main():
    leafpress, spec, scratch = sys.argv[1:4]
    exs = examples(spec)
    src = os.path.join(scratch, "cm")
    out = os.path.join(scratch, "cm-out")
    os.makedirs(src, exist_ok=True)
    for i, md in enumerate(exs, 1):
        with open(os.path.join(src, "ex%03d.md" % i), "w", encoding="utf-8") as f:
            f.write(FRONT.format(n=i) + md)
    try:
        run = subprocess.run([leafpress, "build", "--variant", "screen", "-o", out, src],
                             capture_output=True, text=True, errors="replace", timeout=240)
    except subprocess.TimeoutExpired:
        print("commonmark: the batch did not finish in 240 s (a hang)")
        return 1
    bad = []
    if run.returncode not in (0, 1) or "Sanitizer" in run.stderr or "runtime error:" in run.stderr:
        bad.append("the batch exited %d:\n%s" % (run.returncode, run.stderr[-2000:]))
    errs = {}
    for line in run.stderr.splitlines():
        m = re.search(r"(ex\d{3})\.md(:\d+:\d+)?: (error|warning): ", line)
        if m and m.group(3) == "error":
            errs.setdefault(m.group(1), []).append((m.group(2) is not None, line))
    built = failed = 0
    for i in range(1, len(exs) + 1):
        name = "ex%03d" % i
        pdf = os.path.join(out, "professionals", name + ".pdf")
        has_pdf = os.path.isfile(pdf)
        e = errs.get(name, [])
        if has_pdf and not e:
            with open(pdf, "rb") as f:
                data = f.read()
            if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-32:]:
                bad.append("%s: the PDF is not whole" % name)
            elif subprocess.run(["qpdf", "--check", pdf], capture_output=True).returncode != 0:
                bad.append("%s: qpdf --check fails on the PDF" % name)
            built += 1
        elif e and not has_pdf:
            unlocated = [l for located, l in e if not located]
            if unlocated:
                bad.append("%s: an error without line:col: %s" % (name, unlocated[0]))
            failed += 1
        elif e and has_pdf:
            bad.append("%s: errors, yet a PDF was written: %s" % (name, e[0][1]))
        else:
            bad.append("%s: no PDF and no error" % name)
    left = [f for _, _, fs in os.walk(out) for f in fs if ".tmp." in f]
    if left:
        bad.append("temporary files left: %s" % left[:3])
    for b in bad[:30]:
        print("commonmark: " + b)
    print("commonmark: %d examples: %d built, %d refused at file:line:col, %d wrong"
          % (len(exs), built, failed, len(bad)))
    # The spec text of the pinned package holds 652 examples.
    if len(exs) != 652:
        print("commonmark: expected the 652 examples of spec 0.31.2, found %d" % len(exs))
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
