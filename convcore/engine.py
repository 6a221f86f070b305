"""The correlation engine's public names (the code lives in convcore/correlate.py until it is renamed here)."""

from convcore.correlate import OutputShape, choose_method, corr2d, correlate, output_shape  # noqa: F401
