"""Limits: defaults, CONVLAB_* variables, bad values falling back with a warning, and the README table."""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from pathlib import Path

import pytest

from convcore import images, kernels
from convcore.limits import DEFAULTS, SPECS, Limits, format_value, load_limits, readme_table

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "max_image_pixels": ("1000000", 1_000_000),
    "max_upload_bytes": (" 2097152 ", 2 * 1024 * 1024),
    "max_image_side": ("256", 256),
    "max_kernel_side": ("7", 7),
    "max_training_steps": ("1_000", 1000),
    "training_steps_per_second": ("2.5", 2.5),
    "live_frames_per_second": ("20", 20.0),
    "torch_threads": ("2", 2),
}
BAD = ["ten", "-1", "0", "nan", "inf", "1e999", "9" * 30, "3.5x", "0x10"]


def test_every_field_has_a_spec_and_a_case() -> None:
    names = [f.name for f in dataclasses.fields(Limits)]
    assert names == list(SPECS) == list(GOOD)
    assert len({s.env for s in SPECS.values()}) == len(SPECS)
    assert all(s.env.startswith("CONVLAB_") for s in SPECS.values())


def test_defaults_are_in_range_and_typed() -> None:
    for name, spec in SPECS.items():
        value = getattr(DEFAULTS, name)
        assert spec.low <= value <= spec.high, name
        assert type(value) is type(spec.low) or isinstance(value, float), name


def test_empty_environment_gives_defaults(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="convcore.limits"):
        assert load_limits({}) == Limits()
        assert load_limits({"PATH": "/bin", "CONVLAB_UNKNOWN": "5"}) == Limits()
        assert load_limits({s.env: "  " for s in SPECS.values()}) == Limits()
    assert caplog.records == []


def test_all_variables_at_once() -> None:
    env = {SPECS[name].env: raw for name, (raw, _) in GOOD.items()}
    limits = load_limits(env)
    assert dataclasses.asdict(limits) == {name: value for name, (_, value) in GOOD.items()}
    assert isinstance(limits.max_kernel_side, int) and isinstance(limits.training_steps_per_second, float)


@pytest.mark.parametrize("name", list(SPECS))
def test_one_variable_changes_only_its_field(name: str) -> None:
    raw, value = GOOD[name]
    limits = load_limits({SPECS[name].env: raw})
    assert getattr(limits, name) == value
    assert dataclasses.replace(limits, **{name: getattr(DEFAULTS, name)}) == DEFAULTS


@pytest.mark.parametrize("raw", BAD)
@pytest.mark.parametrize("name", ["max_kernel_side", "training_steps_per_second", "max_image_pixels"])
def test_bad_value_keeps_default_and_warns(name: str, raw: str, caplog: pytest.LogCaptureFixture) -> None:
    env = {SPECS[name].env: raw, SPECS["torch_threads"].env: "3"}
    with caplog.at_level(logging.WARNING, logger="convcore.limits"):
        limits = load_limits(env)
    assert getattr(limits, name) == getattr(DEFAULTS, name)
    assert limits.torch_threads == 3  # a good neighbour is still read
    assert len(caplog.records) == 1 and SPECS[name].env in caplog.records[0].getMessage()


def test_range_edges() -> None:
    spec = SPECS["max_kernel_side"]
    assert load_limits({spec.env: str(spec.high)}).max_kernel_side == spec.high
    assert load_limits({spec.env: str(spec.high + 1)}).max_kernel_side == DEFAULTS.max_kernel_side
    assert load_limits({spec.env: "1"}).max_kernel_side == 1


def test_limits_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.max_kernel_side = 99  # type: ignore[misc]


def test_reads_os_environ_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVLAB_TORCH_THREADS", "4")
    assert load_limits().torch_threads == 4


def test_the_app_reads_its_limits() -> None:
    from convcore import training
    from convcore.limits import LIMITS

    assert LIMITS.max_image_pixels == images.MAX_PIXELS
    assert LIMITS.max_upload_bytes == images.MAX_BYTES
    assert LIMITS.max_image_side == images.DEFAULT_MAX_SIDE
    assert LIMITS.max_kernel_side == kernels.MAX_KERNEL_SIDE
    assert LIMITS.max_training_steps == training.DEFAULT_MAX_STEPS
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == DEFAULTS.max_upload_bytes


def test_readme_documents_every_variable() -> None:
    readme = (ROOT / "README.md").read_text()
    for line in readme_table().splitlines():
        assert line in readme, line


def test_kubernetes_deployment_writes_out_every_default() -> None:
    text = (ROOT / "deploy" / "k8s" / "deployment.yaml").read_text()
    for name, spec in SPECS.items():
        assert f'- name: {spec.env}\n              value: "{format_value(getattr(DEFAULTS, name))}"' in text, spec.env
    upload_mb = DEFAULTS.max_upload_bytes // (1024 * 1024)
    assert f'- name: STREAMLIT_SERVER_MAX_UPLOAD_SIZE\n              value: "{upload_mb}"' in text
