#!/usr/bin/env python3
"""Every phone number a reader can see is one we can vouch for.

1. Each contact's number in content/contacts.yaml is the number the seed page
   gives for it (the seed's numbers are authoritative; 999 and Childline are
   the two well-known numbers added with their own source).  When the seed
   itself is beside the checkout (../shared/seed), each number must also
   appear in it, as printed.
2. Every phone number in the text of every built PDF is one of the numbers
   in contacts.yaml, printed exactly as contacts.yaml prints it.
Usage: phonecheck.py OUT_DIR
"""
import glob
import os
import re
import subprocess
import sys

# key -> the number as the seed prints it (FORMATS.md, "Contacts").
SEED = {
    "mash": "024 7678 8555",
    "cscp": "024 7697 5477",
    "blue-sky": "0800 970 0370",
    "cyp-sas": "0808 196 2340",
    "stop-it-now": "0808 1000 900",
    "crasac": "024 7627 7777",
    "rape-crisis": "0808 802 9999",
    "samaritans": "116 123",
}
WELL_KNOWN = {"emergency": "999", "childline": "0800 1111"}

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)


def contacts_phones(path):
    """key -> phone, read from the YAML's plain layout (key: at column 0)."""
    phones, key = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([a-z0-9-]+):\s*$", line)
            if m:
                key = m.group(1)
                continue
            m = re.match(r'^\s+phone:\s*"?([^"\n]+)"?\s*$', line)
            if m and key:
                phones[key] = m.group(1).strip()
    return phones


def main():
    out_dir = sys.argv[1]
    phones = contacts_phones("content/contacts.yaml")
    for key, want in {**SEED, **WELL_KNOWN}.items():
        check(phones.get(key) == want,
              f"contacts.yaml: {key} is {phones.get(key)!r}, the seed gives {want!r}")
    for key in phones:
        check(key in SEED or key in WELL_KNOWN,
              f"contacts.yaml: {key} has a phone number that is not from the seed: {phones[key]!r}")
    seed_dir = os.path.join("..", "shared", "seed")
    seed = "".join(open(p, encoding="utf-8", errors="replace").read()
                   for p in sorted(glob.glob(os.path.join(seed_dir, "*.txt"))))
    if seed:
        for key, want in SEED.items():
            check(want in seed, f"seed: {key}'s number {want!r} is not on the seed page")

    printed = set(phones.values())
    digits = {re.sub(r"\D", "", p): p for p in printed}
    # A number: digit groups joined by spaces, 6 or more digits in all, or a
    # short service number standing alone.
    number = re.compile(r"(?<![\w/.-])(\d{2,5}(?:[ \u00a0]\d{2,4}){1,3}|999|\d{6,})(?![\w/-])")
    pdfs = sorted(glob.glob(os.path.join(out_dir, "**", "*.pdf"), recursive=True))
    check(len(pdfs) > 0, f"no PDFs in {out_dir}")
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                              text=True).stdout
        bad = []
        for m in number.finditer(text):
            s = m.group(1).replace("\u00a0", " ")
            d = re.sub(r"\D", "", s)
            if len(d) < 6 and s != "999":
                continue  # years, ages, counts
            if re.fullmatch(r"(19|20)\d\d", s):
                continue
            if s not in printed:
                bad.append(s if d not in digits else f"{s} (printed as {digits[d]!r} in contacts.yaml)")
        check(not bad, f"{pdf}: numbers not in contacts.yaml: {sorted(set(bad))[:6]}")
    for f in failures:
        print("FAIL " + f)
    print(f"phonecheck: {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
