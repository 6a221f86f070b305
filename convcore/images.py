"""Decoding uploads safely into float32 arrays in [0, 1], and the built-in sample images (numpy: no torch)."""

from __future__ import annotations

import io
import warnings
from typing import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps, UnidentifiedImageError

from convcore.arrays import Plane, plane
from convcore.errors import ImageError
from convcore.limits import LIMITS

MAX_PIXELS = LIMITS.max_image_pixels  # decoded pixels allowed; more is treated as a decompression bomb
MAX_BYTES = LIMITS.max_upload_bytes
DEFAULT_MAX_SIDE = LIMITS.max_image_side


def to_rgb_on_white(img: Image.Image) -> Image.Image:
    """Flatten transparency onto white and bring any mode to RGB."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or a.max() > 255 else 255.0
        gray = np.clip(a / top * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(gray, "L").convert("RGB")
    return img.convert("RGB")


def to_array(img: Image.Image, color: bool) -> Plane:
    """(H, W) grayscale or (3, H, W) RGB float32 array in [0, 1]."""
    if color:
        a = np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0
        return plane(a.transpose(2, 0, 1))
    return plane(np.asarray(img.convert("L"), dtype=np.float32) / 255.0)


def shrink(img: Image.Image, max_side: int | None) -> Image.Image:
    """Scale down so the long side is at most max_side, keeping the aspect ratio."""
    if max_side is None or max(img.size) <= max_side:
        return img
    scale = max_side / max(img.size)
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS)


def load_image(
    data: bytes, *, color: bool = False, max_side: int | None = DEFAULT_MAX_SIDE, max_pixels: int = MAX_PIXELS
) -> Plane:
    """Decode uploaded bytes into a float32 array in [0, 1], or raise ImageError with a clear message."""
    if not data:
        raise ImageError("err_image_empty")
    if len(data) > MAX_BYTES:
        raise ImageError("err_image_too_many_bytes", limit_mb=f"{MAX_BYTES / (1024 * 1024):.3g}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.width * img.height > max_pixels:
                raise ImageError("err_image_too_large", width=img.width, height=img.height,
                                 limit=int(max_pixels))
            img.seek(0)  # first frame of an animation
            img.load()
            img = ImageOps.exif_transpose(img) or img
            rgb = to_rgb_on_white(img)
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        if isinstance(e, UnidentifiedImageError):
            raise ImageError("err_image_not_image") from None
        # Pillow's own bomb guard refused it before its size could be read
        raise ImageError("err_image_too_large_unknown", limit=int(max_pixels)) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise ImageError("err_image_corrupt") from None
    return to_array(shrink(rgb, max_side), color)


def nearest_rows(n: int, m: int) -> np.ndarray:
    """Source index of each of m outputs from n inputs, as torch's `nearest` finds it (in float32)."""
    scale = np.float32(n) / np.float32(m)
    return np.minimum(np.floor(np.arange(m, dtype=np.float32) * scale).astype(np.int64), n - 1)


def area_matrix(n: int, m: int) -> np.ndarray:
    """(m, n) averaging weights of torch's `area` (adaptive average pooling) from n inputs to m outputs."""
    A = np.zeros((m, n))
    for i in range(m):
        start, stop = (i * n) // m, -(-((i + 1) * n) // m)
        A[i, start:stop] = 1.0 / (stop - start)
    return A


def long_side_size(H: int, W: int, side: int) -> tuple[int, int]:
    """(rows, columns) of an H x W image resampled so its long side is `side` pixels."""
    scale = side / max(H, W)
    return max(1, round(H * scale)), max(1, round(W * scale))


def resize_long_side(X: np.ndarray, side: int) -> Plane:
    """Resample X ((H, W) or (C, H, W)) so its long side is `side` pixels (nearest up, area down, as torch does)."""
    H, W = X.shape[-2:]
    scale = side / max(H, W)
    size = long_side_size(H, W, side)
    if size == (H, W):
        return X if isinstance(X, Plane) else plane(X)
    x = np.asarray(plane(X))
    if scale > 1:
        return plane(x[..., nearest_rows(H, size[0])[:, None], nearest_rows(W, size[1])])
    return plane(area_matrix(H, size[0]) @ x.astype(np.float64) @ area_matrix(W, size[1]).T)


TRANSFORMS: tuple[str, ...] = ("none", "transpose", "rot90")  # what Explore can do to X (links.X_TRANSFORMS)


def transform(X: np.ndarray, name: str) -> np.ndarray:
    """X ((H, W) or (C, H, W)) as it is, transposed (X.t(): rows become columns) or rotated 90 degrees to the left
    (torch.rot90)."""
    if name == "transpose":
        return plane(np.swapaxes(X, -2, -1))
    if name == "rot90":
        return plane(np.rot90(X, 1, axes=(-2, -1)))
    if name != "none":
        raise ValueError(f"unknown transform {name!r}; one of {TRANSFORMS}")
    return X


def transformed_size(size: tuple[int, int], name: str) -> tuple[int, int]:
    """(rows, columns) of an image of this size after `transform` `name`."""
    return (size[1], size[0]) if name in ("transpose", "rot90") else (size[0], size[1])


def stripes() -> Plane:
    """The book's 6x8 image: ones at the two outer column pairs, zeros in columns 2 to 5."""
    X = plane(np.ones((6, 8)))
    X[:, 2:6] = 0
    return X


def example_3x3() -> Plane:
    """The book's first example [[0, 1, 2], [3, 4, 5], [6, 7, 8]]."""
    return plane(np.arange(9).reshape(3, 3))


def checkerboard(size: int = 16, cell: int = 4) -> Plane:
    """A black-and-white checkerboard."""
    i = np.arange(size)
    return plane(((i[:, None] // cell) + (i[None, :] // cell)) % 2)


def diagonal_lines(size: int = 16, period: int = 5) -> Plane:
    """Diagonal stripes, for the diagonal-edge kernel."""
    i = np.arange(size)
    return plane(((i[:, None] + i[None, :]) % period) == 0)


def letter(size: int = 16) -> Plane:
    """A bold letter 'L' shape with a diagonal, drawn in code (white strokes on black)."""
    img = Image.new("L", (64, 64), 0)
    draw = ImageDraw.Draw(img)
    draw.line([(16, 8), (16, 56), (48, 56)], fill=255, width=10)
    draw.line([(24, 12), (52, 40)], fill=255, width=7)
    return to_array(shrink(img, size).convert("RGB"), color=False)


def photo(size: int = 256, color: bool = True) -> Plane:
    """A natural-looking landscape (sky, sun, hills, trees, texture), synthesised with a fixed seed."""
    rng = np.random.default_rng(62)
    yy, xx = np.mgrid[0:size, 0:size] / size
    sky = np.stack([0.45 + 0.3 * yy, 0.65 + 0.2 * yy, 0.95 - 0.1 * yy], -1)
    img = Image.fromarray((np.clip(sky, 0, 1) * 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    s = size / 256
    draw.ellipse([180 * s, 30 * s, 225 * s, 75 * s], fill=(255, 230, 140))
    far = [(0, 150 * s)] + [(x * s, (130 + 18 * np.sin(x / 23)) * s) for x in range(0, 257, 8)] + [(size, size), (0, size)]
    draw.polygon(far, fill=(90, 120, 150))
    near = [(x * s, (175 + 14 * np.sin(x / 37 + 1)) * s) for x in range(0, 257, 8)] + [(size, size), (0, size)]
    draw.polygon(near, fill=(70, 130, 60))
    for x in rng.integers(10, 246, 9):
        base = 185 * s + rng.integers(0, 40) * s
        draw.rectangle([(x - 2) * s, base, (x + 2) * s, base + 18 * s], fill=(90, 60, 30))
        draw.ellipse([(x - 12) * s, base - 26 * s, (x + 12) * s, base + 4 * s], fill=(30, 90, 40))
    draw.rectangle([100 * s, 200 * s, 150 * s, 240 * s], fill=(200, 180, 150))
    draw.polygon([(95 * s, 200 * s), (125 * s, 178 * s), (155 * s, 200 * s)], fill=(150, 50, 40))
    img = img.filter(ImageFilter.GaussianBlur(0.8 * s))
    a = np.asarray(img, dtype=np.float32) / 255.0 + rng.normal(0, 0.025, (size, size, 3)).astype(np.float32)
    a = np.clip(a, 0, 1)
    return to_array(Image.fromarray((a * 255).astype(np.uint8), "RGB"), color)


SAMPLES: dict[str, Callable[[], Plane]] = {
    "stripes": stripes,
    "example_3x3": example_3x3,
    "checkerboard": checkerboard,
    "diagonal": diagonal_lines,
    "letter": letter,
    "photo": lambda: photo(color=False),
    "photo_rgb": lambda: photo(color=True),
}


def sample(name: str) -> Plane:
    """A built-in sample image by name (see SAMPLES)."""
    return SAMPLES[name]()
