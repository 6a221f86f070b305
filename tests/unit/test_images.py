"""Image decoding: bad input raises ImageError with a clear message; odd modes decode to [0, 1]."""

import io
import struct
import zlib

import numpy as np
import pytest
import torch
from PIL import Image

from convcore.errors import ImageError
from convcore.images import MAX_PIXELS, SAMPLES, load_image, resize_long_side, sample


def encode(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    """Bytes of an image saved in a format."""
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge size, with a tiny (bogus) body: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("data, key", [
    (b"", "err_image_empty"),
    (b"hello, I am a text file pretending to be a PNG\n" * 10, "err_image_not_image"),
    (png_header_only(20000, 20000), "err_image_too_large_unknown"),  # Pillow's guard fires first
    (png_header_only(6000, 6000), "err_image_too_large"),
    (b"\0" * (9 * 1024 * 1024), "err_image_too_many_bytes"),
])
def test_bad_inputs_raise_image_error(data, key):
    with pytest.raises(ImageError) as info:
        load_image(data)
    assert info.value.key == key
    assert info.value.message("ko") != info.value.message("en")


def test_truncated_png_is_corrupt():
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)))
    with pytest.raises(ImageError) as info:
        load_image(data[: len(data) // 2])
    assert info.value.key == "err_image_corrupt"


def test_grey_and_rgb_values_in_unit_range():
    img = Image.fromarray(np.array([[0, 255], [128, 64]], dtype=np.uint8), "L")
    X = load_image(encode(img))
    assert X.shape == (2, 2) and X.dtype == np.float32
    assert X[0, 0] == 0 and X[0, 1] == 1 and abs(float(X[1, 0]) - 128 / 255) < 1e-6
    assert load_image(encode(img), color=True).shape == (3, 2, 2)


def test_rgba_is_flattened_on_white():
    img = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    assert np.all(load_image(encode(img)) == 1.0)


def test_palette_with_transparency():
    img = Image.new("P", (4, 4), 0)
    img.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    X = load_image(encode(img, transparency=0), color=True)
    assert np.all(X == 1.0)  # transparent index shows the white background
    img2 = Image.new("P", (4, 4), 0)
    img2.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    X2 = load_image(encode(img2), color=True)
    assert np.allclose(X2[:, 0, 0], [1.0, 0, 0])


def test_sixteen_bit_grey():
    a = np.array([[0, 65535], [32768, 1000]], dtype=np.uint16)
    X = load_image(encode(Image.fromarray(a)))  # mode I;16
    assert X[0, 0] == 0 and X[0, 1] == 1 and 0.49 < X[1, 0] < 0.51


def test_cmyk_jpeg():
    img = Image.new("CMYK", (8, 8), (0, 0, 0, 0))  # no ink: white
    X = load_image(encode(img, "JPEG"))
    assert X.min() > 0.95


def test_exif_orientation_is_applied():
    a = np.zeros((10, 20), dtype=np.uint8)
    a[:, :5] = 255  # bright band on the left of a wide image
    img = Image.fromarray(a, "L")
    exif = img.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when displayed
    X = load_image(encode(img, "JPEG", exif=exif.tobytes(), quality=95))
    assert X.shape == (20, 10)  # now tall
    assert X[:5].mean() > 0.8 and X[-5:].mean() < 0.2  # the band is on top


def test_animated_gif_takes_first_frame():
    frames = [Image.new("L", (6, 6), v) for v in (255, 0)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert np.all(load_image(buf.getvalue()) > 0.99)


def test_one_pixel_and_bmp_webp():
    assert load_image(encode(Image.new("L", (1, 1), 255))).shape == (1, 1)
    for fmt in ("BMP", "WEBP"):
        assert load_image(encode(Image.new("RGB", (5, 3), (0, 0, 0)), fmt)).shape == (3, 5)


def test_large_photo_is_shrunk_to_working_size():
    X = load_image(encode(Image.new("L", (2000, 1000), 100)), max_side=512)
    assert X.shape == (256, 512)
    assert MAX_PIXELS >= 2000 * 1000


def test_samples_and_resize():
    assert sample("stripes").tolist() == [[1, 1, 0, 0, 0, 0, 1, 1]] * 6
    assert sample("example_3x3").tolist() == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    for name in SAMPLES:
        X = sample(name)
        assert X.min() >= 0 and X.max() <= 9 and np.isfinite(X).all() and X.dtype == np.float32, name
    assert resize_long_side(sample("photo"), 64).shape == (64, 64)
    assert resize_long_side(sample("stripes"), 16).shape == (12, 16)


@pytest.mark.parametrize("shape", [(6, 8), (3, 3), (17, 5), (3, 256, 256), (600, 400), (100, 37)])
def test_resize_resamples_as_torch_does(shape):
    """Nearest up and area down, as torch's interpolate (the engine before images went numpy), for any ratio."""
    X = np.random.default_rng(len(shape)).random(shape).astype(np.float32)
    for side in (3, 7, 16, 31, 64, 100, 256, 333, 512):
        want = torch.nn.functional.interpolate(torch.from_numpy(X).reshape(1, -1, *shape[-2:]),
                                               size=resize_long_side(X, side).shape[-2:],
                                               mode="nearest" if side > max(shape[-2:]) else "area")
        got = resize_long_side(X, side)
        assert got.dtype == np.float32 and got.shape == shape[:-2] + tuple(want.shape[-2:])
        if side > max(shape[-2:]):
            assert np.array_equal(got, want.reshape(got.shape).numpy()), side  # the same pixels
        else:
            assert np.allclose(got, want.reshape(got.shape).numpy(), atol=1e-5, rtol=0), side
