#!/usr/bin/env python3
"""The partnership's name never wraps to leave its last word alone.

    partnership_lines.py LEAFPRESS PARTNERSHIP.yaml FILE.md...

Dumps each document under the partnership (leafpress dump --partnership)
and fails a line that holds only the name's last word ("Partnership")
under a line, at the same x, ending in the word before it: on a poster's
head and footer, a booklet's cover and back cover, a tri-fold's cover and
back panel.  With an 81-character name the poster's head and footer and
the tri-fold's QR block left "Partnership" alone on a line.  Prints one
line per failure and a summary; exits 1 on any failure.
"""
import re
import subprocess
import sys

import yaml

BOX = re.compile(r'^p(\d+) text x=([-0-9.]+) y=([-0-9.]+) .*"(.*)"$')


def words(s):
    return s.replace("\u00a0", " ").split()


def main(argv):
    leafpress, pfile, mds = argv[0], argv[1], argv[2:]
    with open(pfile, encoding="utf-8") as f:
        name = words(yaml.safe_load(f)["name"])
    fails = 0
    if len(name) < 3:
        print(f"partnership_lines: the name has {len(name)} words; nothing to check")
        return 0
    last, before = name[-1].lower(), name[-2].lower()
    for md in mds:
        out = subprocess.run([leafpress, "dump", "--partnership", pfile, md], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"FAIL {md}: dump failed: {out.stderr.strip()[:200]}")
            fails += 1
            continue
        prev = {}
        for line in out.stdout.splitlines():
            m = BOX.match(line)
            if not m:
                continue
            key = (m.group(1), m.group(2))
            ws = [w.lower() for w in words(m.group(4))]
            p = prev.get(key)
            if ws == [last] and p and p[-1:] == [before]:
                print(f"FAIL {md}: the partnership's last word alone on a line: {line}")
                fails += 1
            prev[key] = ws
    print(f"partnership_lines: {len(mds)} documents, {fails} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
