"""ConvLab's core library: correlation engine, kernels, images, training, figures, i18n (no Streamlit).

The engine names are imported lazily so that `import convcore.i18n` does not pay for `import torch`.
"""

from __future__ import annotations

from typing import Any

from convcore.errors import ConvLabError, ImageError, KernelError

__all__ = ["corr2d", "correlate", "output_shape", "OutputShape", "ConvLabError", "ImageError", "KernelError"]


def __getattr__(name: str) -> Any:
    """Load the torch-backed engine on first use of one of its names."""
    if name in ("corr2d", "correlate", "output_shape", "OutputShape"):
        from convcore import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'convcore' has no attribute {name!r}")
