"""AppTest: identifiability on Train. A 3x3 kernel from the stripes: before training the page says that X determines
only 3 combinations (the column sums) and which directions leave Y unchanged; after training, that learned - target
lies in that null space; one click trains on a picture that determines the kernel. Both languages."""

from __future__ import annotations

import pytest

from tests.helpers.apptest import markdown
from tests.helpers.train_page import run_until_stopped, trainer
from ui.text import t


def subheaders(at) -> list[str]:
    return [h.value for h in at.subheader]


def test_the_book_s_1x2_kernel_is_determined_by_the_stripes(train_page) -> None:
    at = train_page("en")
    assert trainer(at).kernel_shape == (1, 2)
    assert t("train_ident_title", "en") not in subheaders(at)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_3x3_kernel_from_the_stripes_is_not_determined(train_page, lang: str) -> None:
    at = train_page(lang, steps=300)
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    assert not at.exception and trainer(at).kernel_shape == (3, 3)
    assert t("train_ident_title", lang) in subheaders(at)
    assert t("train_ident_short", lang, h=3, w=3, n=9, rank=3) in [w.value for w in at.warning]
    text = markdown(at)
    for line in ("`w[0,0] + w[1,0] + w[2,0]`", "`w[0,2] + w[1,2] + w[2,2]`", "`w[0,0] - w[2,0]`",
                 "`w[1,2] - w[2,2]`"):
        assert line in text
    at.select_slider(key="tr_lr").set_value(0.01).run()  # below this problem's stable limit (about 0.024)
    at.button(key="tr_finish").click().run()
    if at.session_state["tr_running"]:
        run_until_stopped(at)
    at.run()
    tr = trainer(at)
    assert tr.steps_taken == 300 and not tr.diverged and tr.history[-1].loss < 1e-6
    after = [i.value for i in at.info if i.value.startswith(t("train_ident_after", lang, share="", row="", gap="")[:8])]
    assert len(after) == 1 and "100.0%" in after[0], after
    assert t("train_not_close", lang, gap="")[:10] in "".join(w.value for w in at.warning)  # Y matches, K does not


def test_one_click_trains_on_a_picture_that_determines_the_kernel(train_page) -> None:
    at = train_page("ko")
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    button = at.button(key="trw_richer")
    assert button.label == t("train_ident_richer", "ko", sample=t("sample_checkerboard", "ko"))
    assert "체커보드 16x16으로 바꾸기" in button.label
    button.click().run()
    assert not at.exception
    assert at.session_state["trx_sample"] == "checkerboard" and tuple(trainer(at).X.shape) == (16, 16)
    assert t("train_ident_title", "ko") not in subheaders(at)
