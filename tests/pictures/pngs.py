#!/usr/bin/env python3
"""Writes test PNGs into a folder: good ones of every kind libpng reads
(interlaced, palette, 16-bit, grey, alpha) and damaged ones.  Made here
rather than committed so that each damage is exactly what its name says.
    usage: pngs.py DIR"""
import struct
import sys
import zlib

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) & 0xffffffff if crc is None else crc
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', c)


def pack_row(samples, depth):
    """Samples (ints) packed at depth bits, big-endian, as PNG wants."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b''.join(struct.pack('>H', s) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        n += depth
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def raw(pixels, w, h, spp, depth, interlace):
    """Filter-0 scanlines of pixels[y][x] (tuples of spp samples)."""
    def rows(xs, ys):
        return b''.join(b'\0' + pack_row([s for x in xs for s in pixels[y][x]], depth) for y in ys)
    if not interlace:
        return rows(range(w), range(h))
    out = b''
    for x0, y0, dx, dy in ADAM7:
        xs, ys = range(x0, w, dx), range(y0, h, dy)
        if len(xs) and len(ys):
            out += rows(xs, ys)
    return out


def png(path, w, h, ctype, depth, pixels, interlace=0, extra=b'', plte=None, trns=None,
        data=None, zdata=None, tamper=None):
    ihdr = struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, interlace)
    spp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(ctype, 3)
    if zdata is None:
        zdata = zlib.compress(raw(pixels, w, h, spp, depth, interlace) if data is None else data)
    idat = zdata
    parts = [b'\x89PNG\r\n\x1a\n', chunk(b'IHDR', ihdr)]
    if plte:
        parts.append(chunk(b'PLTE', b''.join(bytes(c) for c in plte)))
    if trns is not None:
        parts.append(chunk(b'tRNS', trns))
    parts.append(extra)
    parts.append(chunk(b'IDAT', idat))
    parts.append(chunk(b'IEND', b''))
    blob = b''.join(parts)
    if tamper:
        blob = tamper(blob)
    open(path, 'wb').write(blob)


def grid(w, h, f):
    return [[f(x, y) for x in range(w)] for y in range(h)]


def main(d):
    W, H = 37, 29  # odd sizes: every Adam7 pass is partial
    rgb = grid(W, H, lambda x, y: (x * 6 % 256, y * 8 % 256, 160))
    png(d + '/rgb.png', W, H, 2, 8, rgb)
    png(d + '/interlaced.png', W, H, 2, 8, rgb, interlace=1)
    pal = [(200, 30, 30), (30, 160, 60), (40, 60, 200), (250, 250, 250)]
    idx = grid(W, H, lambda x, y: ((x // 5 + y // 5) % 4,))
    png(d + '/palette.png', W, H, 3, 2, idx, plte=pal, trns=bytes([255, 255, 255, 0]))
    png(d + '/palette-interlaced.png', W, H, 3, 8, idx, interlace=1, plte=pal)
    png(d + '/rgba16.png', W, H, 6, 16,
        grid(W, H, lambda x, y: (x * 1700, y * 2200, 30000, min(65535, (x + y) * 1000))))
    png(d + '/grey1.png', W, H, 0, 1, grid(W, H, lambda x, y: ((x ^ y) & 1,)))
    png(d + '/grey-alpha.png', W, H, 4, 8, grid(W, H, lambda x, y: (x * 6, 255 - y * 8)))
    png(d + '/colour-key.png', W, H, 2, 8, rgb, trns=struct.pack('>HHH', 0, 0, 160))
    # A chunk the pictures do not use, with a good CRC: ignored.
    png(d + '/with-text.png', W, H, 2, 8, rgb, extra=chunk(b'tEXt', b'Comment\0fine'))

    # Damaged files.
    whole = open(d + '/rgb.png', 'rb').read()
    idat_at = whole.index(b'IDAT')
    open(d + '/truncated.png', 'wb').write(whole[:idat_at + 30])
    open(d + '/no-end.png', 'wb').write(whole[:-12])
    open(d + '/header-only.png', 'wb').write(whole[:33])
    png(d + '/bad-crc.png', W, H, 2, 8, rgb,
        tamper=lambda b: b[:idat_at + 10] + bytes([b[idat_at + 10] ^ 0x55]) + b[idat_at + 11:])
    png(d + '/bad-crc-text.png', W, H, 2, 8, rgb, extra=chunk(b'tEXt', b'Comment\0bad', crc=1234))
    png(d + '/short-idat.png', W, H, 2, 8, rgb, data=raw(rgb, W, H // 2, 3, 8, 0))
    png(d + '/bad-colour-type.png', W, H, 5, 8, rgb, data=raw(rgb, W, H, 3, 8, 0))
    png(d + '/bad-depth.png', W, H, 2, 4, rgb, data=raw(rgb, W, H, 3, 8, 0))
    png(d + '/palette-range.png', W, H, 3, 8, grid(W, H, lambda x, y: ((x + y) % 6,)), plte=pal)
    png(d + '/no-palette.png', W, H, 3, 8, idx)
    png(d + '/bad-filter.png', W, H, 2, 8, rgb,
        data=b''.join(b'\x09' + bytes(c for p in row for c in p) for row in rgb))
    png(d + '/garbage-idat.png', W, H, 2, 8, rgb, zdata=b'\x78\x9c' + bytes(range(200, 255)) * 3)


if __name__ == '__main__':
    main(sys.argv[1])
