#!/usr/bin/env python3
"""An sRGB picture in the print variant is separated into CMYK through the
output profile, not by a formula.

usage: tests/print_colour.py png FILE.png    writes the swatches: white, mid
                                             grey, blue and black, 10 px each
       tests/print_colour.py check PRINT.pdf checks how they came out

A formula (K = 1 - max(R, G, B), the rest from the remainder) puts mid grey
on the black plate alone, blue at 100 % cyan and magenta and black at 100 %
K; a coated-offset profile builds grey from all four inks, pulls magenta
back in blue, and makes black a rich black within the press's ink limit.
Prints one line per failure and a summary; exits 1 when anything failed.
"""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from print_check import Doc  # noqa: E402

SWATCHES = [("white", (255, 255, 255)), ("mid grey", (128, 128, 128)), ("blue", (0, 0, 255)),
            ("black", (0, 0, 0))]
SIDE = 10


def write_png(path):
    w, h = SIDE * len(SWATCHES), SIDE
    row = b"\0" + b"".join(bytes(rgb) * SIDE for _, rgb in SWATCHES)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))


def check(pdf):
    failures, passes = [], 0
    def expect(cond, what):
        nonlocal passes
        if cond:
            passes += 1
        else:
            failures.append(f"{pdf}: {what}")
    doc = Doc(pdf)
    images = []
    for page in doc.pages:
        for ref in (doc.get(doc.get(page.get("/Resources") or {}).get("/XObject")) or {}).values():
            d, data = doc.stream(ref)
            if d and d.get("/Subtype") == "/Image" and d.get("/Width") == SIDE * len(SWATCHES):
                images.append((d, data))
    expect(len(images) == 1, f"{len(images)} swatch pictures, want 1")
    if not images:
        return failures, passes
    d, data = images[0]
    expect(d.get("/ColorSpace") == "/DeviceCMYK" and d.get("/BitsPerComponent") == 8,
           f"picture in {d.get('/ColorSpace')} at {d.get('/BitsPerComponent')} bits, want 8-bit DeviceCMYK")
    if len(data) != SIDE * len(SWATCHES) * SIDE * 4:
        failures.append(f"{pdf}: {len(data)} bytes of samples, not CMYK")
        return failures, passes
    got = {}
    for i, (name, _) in enumerate(SWATCHES):
        at = ((SIDE // 2) * SIDE * len(SWATCHES) + i * SIDE + SIDE // 2) * 4
        got[name] = [round(v / 2.55) for v in data[at:at + 4]]  # per cent
    c, m, y, k = got["white"]
    expect(max(c, m, y, k) <= 1, f"white is {got['white']} %, want no ink")
    c, m, y, k = got["mid grey"]
    expect(min(c, m, y) >= 8 and k <= 70, f"mid grey is {got['mid grey']} %: want it built from all "
                                          f"four inks, not K alone")
    c, m, y, k = got["blue"]
    expect(c >= 80 and 40 <= m <= 95 and y <= 15, f"blue is {got['blue']} %: want the profile's blue "
                                                  f"(cyan high, magenta held back), not 100/100/0/0")
    total = sum(got["black"])
    expect(250 <= total <= 340 and min(got["black"]) >= 40,
           f"black is {got['black']} % ({total} % ink): want a rich black within the ink limit")
    print(f"{pdf}: " + ", ".join(f"{n} {'/'.join(map(str, v))}" for n, v in got.items()))
    return failures, passes


def main(argv):
    if len(argv) != 2 or argv[0] not in ("png", "check"):
        print(__doc__)
        return 2
    if argv[0] == "png":
        write_png(argv[1])
        return 0
    failures, passes = check(argv[1])
    for f in failures:
        print("FAIL " + f)
    print(f"print_colour: {passes} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
