#!/usr/bin/env python3
"""Makes an ICC profile from colprof reproducible and small.

usage: tools/icc_finish.py IN.icc OUT.icc YYYY-MM-DD

colprof stamps the profile with the time it ran and keeps a copy of the
measurement data it was built from (the 'targ' tag, with its aliases
'DevD' and 'CIED'): half the file, and nothing a colour engine reads.  This
rewrites the profile without those tags, with its creation date set to the
given day (the date of the measurements), so the same data always gives the
same bytes.  The profile ID stays zero ("not computed"), which ICC allows.
"""
import struct
import sys

DROP = {b"targ", b"DevD", b"CIED"}


def finish(data, date):
    if len(data) < 132 or data[36:40] != b"acsp":
        raise ValueError("not an ICC profile")
    count = struct.unpack(">I", data[128:132])[0]
    tags = []
    for i in range(count):
        sig, off, size = struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i])
        if off + size > len(data):
            raise ValueError(f"tag {sig!r} runs past the end")
        tags.append((sig, off, size))
    keep = [t for t in tags if t[0] not in DROP]
    table_end = 132 + 12 * len(keep)
    body = bytearray()
    placed = {}  # (offset, size) in the input -> offset in the output
    entries = []
    for sig, off, size in keep:
        if (off, size) not in placed:
            while (table_end + len(body)) % 4:
                body.append(0)
            placed[(off, size)] = table_end + len(body)
            body += data[off:off + size]
        entries.append(struct.pack(">4sII", sig, placed[(off, size)], size))
    out = bytearray(data[:128]) + struct.pack(">I", len(keep)) + b"".join(entries) + body
    while len(out) % 4:
        out.append(0)
    y, m, d = (int(v) for v in date.split("-"))
    out[0:4] = struct.pack(">I", len(out))
    out[24:36] = struct.pack(">6H", y, m, d, 0, 0, 0)
    out[84:100] = bytes(16)
    return bytes(out)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[0], "rb") as f:
        data = f.read()
    try:
        out = finish(data, argv[2])
    except ValueError as e:
        print(f"{argv[0]}: error: {e}", file=sys.stderr)
        return 1
    with open(argv[1], "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
