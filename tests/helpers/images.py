"""Pictures for the upload tests, as the bytes of a file: a band, broken and hostile files, unusual but valid ones;
and the numbers the page must show for them."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image

STRIPES = np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1)).astype(np.float32)  # the book's 6x8 sample
BAND = np.zeros((10, 12), np.float32)  # band_png's numbers
BAND[:, 4:8] = 1.0


def band_output() -> np.ndarray:
    """Y of the band with the kernel [1, -2]."""
    return BAND[:, :-1] - 2 * BAND[:, 1:]


def encode(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    """Bytes of an image saved in a format."""
    buffer = io.BytesIO()
    img.save(buffer, format=fmt, **kw)
    return buffer.getvalue()


def band_png() -> bytes:
    """A 10x12 grey PNG: a bright vertical band in columns 4-7."""
    a = np.zeros((10, 12), np.uint8)
    a[:, 4:8] = 255
    return encode(Image.fromarray(a, "L"))


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A small PNG whose header claims width x height pixels (a decompression bomb's shape)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def truncated_png() -> bytes:
    """The first half of a noisy 64x64 PNG."""
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)))
    return data[: len(data) // 2]


def animated_gif() -> bytes:
    """Two 6x6 frames: white, then black (the first frame is used)."""
    frames = [Image.new("L", (6, 6), v) for v in (255, 0)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def palette_png() -> bytes:
    """A 5x6 palette image: index 0 red everywhere."""
    img = Image.new("P", (6, 5), 0)
    img.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    return encode(img)


def exif_rotated_jpeg() -> bytes:
    """A wide 10x20 JPEG with a bright band on the left and EXIF orientation 6 (shown rotated: tall, band on top)."""
    a = np.zeros((10, 20), dtype=np.uint8)
    a[:, :5] = 255
    img = Image.fromarray(a, "L")
    exif = img.getexif()
    exif[0x0112] = 6
    return encode(img, "JPEG", exif=exif.tobytes(), quality=95)
