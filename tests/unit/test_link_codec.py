"""URL state: settings round-trip through query strings; tampered values fall back, never raise."""

import numpy as np
import pytest

from convcore.links import codec as u

SCHEMA = {
    "stride": u.Field(1, u.integer(1, 8)),
    "lr": u.Field(0.03, u.number(1e-6, 10.0)),
    "mode": u.Field("corr", u.choice(["corr", "conv"])),
    "present": u.Field(False, u.flag, u.show_flag),
    "kernel": u.Field(None, u.decode_kernel, u.encode_kernel),
    "drawing": u.Field(None, u.decode_drawing, u.encode_drawing),
}


def test_kernel_round_trip():
    K = np.array([[1, -1.5], [0.25, 1e-3]], dtype=np.float32)
    assert np.allclose(u.decode_kernel(u.encode_kernel(K)), K)
    assert u.encode_kernel(np.array([[1, -1]])) == "1,-1"


def test_drawing_round_trip_within_one_grey_level():
    X = np.random.default_rng(0).random((32, 20)).astype(np.float32)
    text = u.encode_drawing(X)
    assert len(text) < 1500
    assert np.abs(u.decode_drawing(text) - X).max() <= 0.5 / 255 + 1e-6
    with pytest.raises(ValueError):
        u.encode_drawing(np.zeros((33, 10)))


def test_read_write_round_trip():
    values = {"stride": 3, "lr": 0.5, "mode": "conv", "present": True, "kernel": np.array([[1.0, 2.0]]),
              "drawing": np.eye(4, dtype=np.float32)}
    query = u.write(values, SCHEMA)
    back, bad = u.read(query, SCHEMA)
    assert bad == []
    assert back["stride"] == 3 and back["lr"] == 0.5 and back["mode"] == "conv" and back["present"] is True
    assert np.array_equal(back["kernel"], values["kernel"]) and np.array_equal(back["drawing"], values["drawing"])


def test_defaults_are_left_out_of_links():
    assert u.write({"stride": 1, "mode": "corr", "present": False}, SCHEMA) == {}


@pytest.mark.parametrize("name, value", [
    ("stride", "0"), ("stride", "abc"), ("stride", "99999999999999999999"), ("lr", "nan"), ("lr", "1e309"),
    ("mode", "<script>"), ("present", "maybe"), ("kernel", "1,x"), ("kernel", "nan,1"), ("kernel", "1,2;3"),
    ("kernel", ";".join([",".join(["1"] * 16)] * 16)), ("drawing", "4x4.!!!"), ("drawing", "99x99.eJw"),
    ("drawing", "2x2." + "A" * 10), ("stride", "1" * 5000),
])
def test_tampered_values_fall_back_to_defaults(name, value):
    values, bad = u.read({name: value}, SCHEMA)
    assert bad == [name]
    assert u.equal(values[name], SCHEMA[name].default)


def test_decompression_bomb_in_drawing_is_refused():
    import base64
    import zlib
    blob = base64.urlsafe_b64encode(zlib.compress(b"\0" * 10_000_000)).decode().rstrip("=")
    values, bad = u.read({"drawing": f"32x32.{blob}"}, SCHEMA)
    assert bad == ["drawing"] and values["drawing"] is None
