"""Draw the app icons (PNG) from the favicon's design, with no image library.

    python hooks/actionplan/icons.py docs/assets/images/icons

The shapes follow docs/assets/images/favicon.svg (a 64-unit square): a white
house with a pink heart on the palette's green. Each pixel is sampled 4 x 4
times for smooth edges. The PNGs are committed; run this only to change them.
"""
from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

GREEN = (0x00, 0x59, 0x4F)
WHITE = (0xFF, 0xFF, 0xFF)
PINK = (0xC2, 0x18, 0x5B)
HOUSE = [(32, 12), (10, 30), (16, 30), (16, 50), (48, 50), (48, 30), (54, 30)]
HEART_LOBES = [(27.6, 34.8, 4.6), (36.4, 34.8, 4.6)]
HEART_TIP = [(23.2, 36.2), (40.8, 36.2), (32, 46)]


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """Encode RGBA rows (4 bytes a pixel) as a PNG file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def _in_polygon(x: float, y: float, pts) -> bool:
    inside = False
    j = len(pts) - 1
    for i, (xi, yi) in enumerate(pts):
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_rounded(x: float, y: float, r: float) -> bool:
    if not (0 <= x <= 64 and 0 <= y <= 64):
        return False
    cx = min(max(x, r), 64 - r)
    cy = min(max(y, r), 64 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x: float, y: float, *, scale: float, corner: float):
    """The colour at (x, y) in 64-unit space, or None outside the icon."""
    if corner and not _in_rounded(x, y, corner):
        return None
    # the design is drawn around the centre, shrunk by ``scale`` (maskable safe zone)
    ux = 32 + (x - 32) / scale
    uy = 32 + (y - 32) / scale
    if any((ux - cx) ** 2 + (uy - cy) ** 2 <= r * r for cx, cy, r in HEART_LOBES) or _in_polygon(ux, uy, HEART_TIP):
        return PINK
    if _in_polygon(ux, uy, HOUSE):
        return WHITE
    return GREEN


def render(size: int, *, scale: float = 1.0, corner: float = 12.0, samples: int = 4) -> bytes:
    rows = []
    step = 64.0 / size
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((px + (sx + 0.5) / samples) * step, (py + (sy + 0.5) / samples) * step,
                                  scale=scale, corner=corner)
                    if c is not None:
                        r += c[0]; g += c[1]; b += c[2]; a += 1
            n = samples * samples
            if a:
                row += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))
            else:
                row += b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return png(size, size, rows)


ICONS = {
    # name: (size, design scale, corner radius in 64 units; 0 = full square)
    "icon-192.png": (192, 1.0, 12.0),
    "icon-512.png": (512, 1.0, 12.0),
    "maskable-512.png": (512, 0.72, 0.0),     # full bleed, design inside the safe zone
    "apple-touch-icon.png": (180, 0.85, 0.0),  # iOS rounds the corners itself
}


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, (size, scale, corner) in ICONS.items():
        (folder / name).write_bytes(render(size, scale=scale, corner=corner))
        print("wrote", folder / name)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/assets/images/icons")
