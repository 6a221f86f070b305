"""convcore.lesson: the notebook's values, spelled-out sums, printouts, code and the notebook's training run."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from convcore import lesson as L
from convcore.errors import ConvLabError
from convcore.i18n import LANGS, STRINGS, t
from convcore.images import stripes


def test_parse_step_accepts_only_lesson_steps() -> None:
    assert [L.parse_step(str(n)) for n in L.STEPS] == list(L.STEPS)
    for bad in (None, "", "0", "8", "-1", "2.5", "abc", " 3x"):
        assert L.parse_step(bad) is None
    assert L.parse_step(" 4 ") == 4


@pytest.mark.parametrize("text", ["[[0, 1, 2], [3, 4, 5], [6, 7, 8]]", "0 1 2; 3 4 5; 6 7 8", "0,1,2\n3,4,5\n6,7,8"])
def test_parse_matrix_reads_the_usual_spellings(text: str) -> None:
    np.testing.assert_array_equal(L.parse_matrix(text, "X", 8), np.arange(9).reshape(3, 3))


@pytest.mark.parametrize("text, key", [("", "err_lesson_blank"), ("1 a", "err_lesson_text"),
                                       ("1 2; 3", "err_lesson_shape"), ("__import__('os')", "err_lesson_text"),
                                       ("1 2 3 4 5", "err_lesson_too_large_side"), ("nan", "err_lesson_not_finite")])
def test_parse_matrix_refuses_bad_input_with_a_message(text: str, key: str) -> None:
    with pytest.raises(ConvLabError) as info:
        L.parse_matrix(text, "K", 4)
    assert info.value.key == key
    for lang in LANGS:
        assert "K" in info.value.message(lang)


def test_the_notebook_example_and_its_four_sums() -> None:
    X = L.parse_matrix(L.DEFAULTS["x2"], "X", L.MAX_SIDE_X)
    K = L.parse_matrix(L.DEFAULTS["k2"], "K", L.MAX_SIDE_K)
    Y, sums, shape = L.correlate_with_sums(X, K)
    assert Y.tolist() == [[19, 25], [37, 43]]
    assert sums == [["0*0 + 1*1 + 3*2 + 4*3 = 19", "1*0 + 2*1 + 4*2 + 5*3 = 25"],
                    ["3*0 + 4*1 + 6*2 + 7*3 = 37", "4*0 + 5*1 + 7*2 + 8*3 = 43"]]
    assert shape.explain() == "(3 - 2 + 1) x (3 - 2 + 1) = 2 x 2"
    assert L.printed_float(Y) == "tensor([[19., 25.],\n        [37., 43.]])"
    assert L.sums_text(sums).splitlines()[0] == "Y[0, 0] = 0*0 + 1*1 + 3*2 + 4*3 = 19"


def test_sums_follow_edits_and_bracket_negatives() -> None:
    Y, sums, _ = L.correlate_with_sums(np.array([[1.0, 2.5]]), np.array([[-1.0]]))
    assert sums == [["1*(-1) = -1", "2.5*(-1) = -2.5"]]
    assert Y.tolist() == [[-1.0, -2.5]]


def test_a_kernel_larger_than_x_is_refused() -> None:
    with pytest.raises(ConvLabError) as info:
        L.correlate_with_sums(np.ones((2, 2)), np.ones((3, 1)))
    assert info.value.key == "err_kernel_too_large"


def test_shape_demo_runs_corr2d() -> None:
    shape, printout = L.shape_demo(6, 8, 1, 2)
    assert shape.shape == (6, 7) and printout == "torch.Size([6, 7])"
    assert L.shape_demo(2, 2, 3, 1)[1] is None


def test_stripes_and_the_notebook_printouts() -> None:
    X = L.stripes_image(6, 8, *L.DEFAULTS["zeros"])
    assert torch.equal(X, stripes())
    assert L.printed_shape(X) == "torch.Size([6, 8])"
    K = L.parse_matrix(L.DEFAULTS["k4"], "K", 4)
    assert L.printed(K) == "tensor([[ 1, -1]])"
    assert L.code_step3(6, 8, 2, 6) == "X = torch.ones((6, 8))\nX[:, 2:6] = 0\nprint(X)\nprint(X.shape)"
    assert L.clamp_span((2, 12), 8) == (2, 8) and L.clamp_span((5, 1), 8) == (1, 5)


def test_edge_map_and_transposed_image() -> None:
    maps = L.edge_maps(stripes(), torch.tensor([[1.0, -1.0]]))
    expected = torch.zeros(6, 7)
    expected[:, 1], expected[:, 5] = 1, -1
    assert torch.equal(maps.Y, expected)
    assert L.sign_columns(maps.Y) == ([1], [5])
    assert L.all_zero(maps.Yt) and maps.Yt.shape == (8, 5)
    assert maps.Ytt is not None and L.sign_columns(maps.Ytt.t()) == ([1], [5])


def test_step2_code_shows_the_current_values() -> None:
    code = L.code_step2(np.array([[0, 1], [2, 3.5]]), np.array([[1]]))
    assert code == "X = torch.tensor([[0, 1], [2, 3.5]])\nK = torch.tensor([[1]])\ncorr2d(X, K)"
    assert "for i in range(Y.shape[0])" in L.corr2d_code()


def test_notebook_training_run_is_reproduced() -> None:
    trainer = L.make_trainer(stripes(), torch.tensor([[1.0, -1.0]]), "notebook", seed=0, lr=0.03)
    records = trainer.step(10)
    lines = L.training_lines(records).splitlines()
    assert len(lines) == 20
    assert lines[0].startswith("iteration 1, loss 16.06")  # the notebook printed 16.062 from rounded weights
    assert lines[1].startswith("parameters: tensor([[[[ 0.6616, -0.160")  # notebook: -0.1601, rounding again
    np.testing.assert_allclose(records[0].weights, [[0.6616, -0.1601]], atol=2e-4)
    assert lines[-1] == "parameters: tensor([[[[ 0.9557, -1.0230]]]])"
    assert L.learned_printout(trainer.weights) == "tensor([[ 0.9557, -1.0230]])"
    losses = [r.loss for r in records]
    assert all(b < a for a, b in zip(losses, losses[1:]))
    rows = L.comparison([[1, -1]], trainer.weights)
    assert [r[0] for r in rows] == ["w1", "w2"] and all(abs(r[3]) < 0.05 for r in rows)


def test_seeded_start_is_reproducible_and_other_shapes_use_the_seed() -> None:
    K = torch.tensor([[1.0], [-1.0]])
    a = L.make_trainer(stripes(), K, "notebook", seed=3, lr=0.03)
    b = L.make_trainer(stripes(), K, "seed", seed=3, lr=0.03)
    assert torch.equal(a.initial, b.initial) and not L.notebook_start_fits(K)
    assert "torch.manual_seed(3)" in L.code_step6((6, 8), (2, 1), 0.03, 10, "seed", 3)


def test_training_figure_has_loss_and_weights() -> None:
    trainer = L.make_trainer(stripes(), torch.tensor([[1.0, -1.0]]), "notebook", seed=0, lr=0.03)
    fig = L.training_figure(trainer.step(3), [[1, -1]])
    assert [tr.name for tr in fig.data] == ["loss", "w1", "w2"]
    assert list(fig.data[0].x) == [1, 2, 3]


def test_page_query_names_builtin_image_and_kernel() -> None:
    assert L.page_query("en", stripes(), [[1, -1]]) == {"lang": "en", "sample": "stripes", "kernel": "edge_book"}
    assert L.page_query("ko", torch.ones(3, 3), [[5, 5]]) == {"lang": "ko"}


def test_every_lesson_string_exists_in_both_languages() -> None:
    keys = [k for k in STRINGS if k.startswith(("lesson_", "err_lesson_"))]
    assert len(keys) > 50
    for key in keys:
        for lang in LANGS:
            assert STRINGS[key][lang].strip(), (key, lang)
    assert t("lesson_nav_7", "ko") != t("lesson_nav_7", "en")


def test_each_step_resets_what_it_uses() -> None:
    assert set(L.defaults_for(5)) == {"rows", "cols", "zeros", "k4"}
    assert L.defaults_for(7) == L.DEFAULTS
