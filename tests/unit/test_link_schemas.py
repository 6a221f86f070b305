"""convcore.links.schemas: what a page's link carries (here the Lesson's links to Explore and Train)."""

from __future__ import annotations

import torch

from convcore.images import stripes
from convcore.links.schemas import lesson_query


def test_the_lesson_s_link_names_a_builtin_image_and_kernel() -> None:
    assert lesson_query("en", stripes(), [[1, -1]]) == {"lang": "en", "sample": "stripes", "kernel": "edge_book"}
    assert lesson_query("ko", torch.ones(3, 3), [[5, 5]]) == {"lang": "ko"}
