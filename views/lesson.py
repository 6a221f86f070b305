"""Lesson: section 6.2 of Dive into Deep Learning, the course notebook step by step, live and editable."""

from __future__ import annotations

import streamlit as st
import torch

from convcore.errors import ConvLabError
from convcore.lesson.correlation import all_zero, corr2d_checked, correlate_with_sums, edge_maps, shape_demo
from convcore.lesson.correlation import sign_columns, sums_text
from convcore.lesson.notebook_code import CODE_STEP5, CODE_STEP5_TT, book_literal, code_step1, code_step2, code_step3
from convcore.lesson.notebook_code import code_step4, code_step5_t, code_step6, corr2d_code, number, printed
from convcore.lesson.notebook_code import printed_float, printed_shape
from convcore.lesson.steps import MAX_SIDE_K, MAX_SIDE_X, STEPS, clamp_span, parse_matrix
from convcore.lesson.training import LEARNING_RATES, notebook_start_fits, rounded
from convcore.links.schemas import lesson_query
from ui import presenter
from ui.lesson.parts import bind, cell, columns_text, current_k, current_x, nav_buttons, on_pick, read_address
from ui.lesson.parts import matrix_chart, note_edits, reset, step_header, values
from ui.lesson.training import first_update_panel, on_once, on_pause, on_play, on_restart, trainer_for
from ui.lesson.training import training_panel
from ui.shell import labels, lang, show_error, tr

ss = st.session_state


# ---- the steps ----

def step1() -> None:
    """corr2d and the output-shape rule."""
    st.markdown(tr("lesson_s1_text"))
    st.code(corr2d_code(), language="python")
    st.markdown(tr("lesson_s1_rule"))
    st.latex(r"(n_h - k_h + 1) \times (n_w - k_w + 1)")
    st.markdown(f"**{tr('lesson_s1_try')}**")
    for col, name in zip(st.columns(4), ("n_h", "n_w", "k_h", "k_w")):
        with col:
            bind(st.number_input, name, tr(f"lesson_{name}"), min_value=1, max_value=12, step=1)
    v = values()
    shape, printout = shape_demo(v["n_h"], v["n_w"], v["k_h"], v["k_w"])
    if printout is None:
        st.warning(tr("lesson_s1_nofit", explain=shape.explain()), icon=":material/block:")
        return
    cell(code_step1(v["n_h"], v["n_w"], v["k_h"], v["k_w"]), printout)
    st.success(tr("lesson_s1_shape", explain=shape.explain()), icon=":material/check:")


def step2() -> None:
    """The 3x3 example, editable, with every sum spelled out."""
    st.markdown(tr("lesson_s2_text"))
    x_col, k_col = st.columns(2)
    with x_col:
        bind(st.text_area, "x2", tr("lesson_s2_x"), help=tr("lesson_input_help"), height=90)
    with k_col:
        bind(st.text_area, "k2", tr("lesson_s2_k"), help=tr("lesson_input_help"), height=90)
    try:
        X = parse_matrix(values()["x2"], "X", MAX_SIDE_X)
        K = parse_matrix(values()["k2"], "K", MAX_SIDE_K)
        Y, sums, shape = correlate_with_sums(X, K)
    except ConvLabError as error:
        show_error(error)
        st.caption(tr("lesson_s2_fix"))
        return
    code_col, map_col = st.columns([3, 2])
    with code_col:
        cell(code_step2(X, K), printed_float(Y))
        st.caption(tr("lesson_s2_shape", explain=shape.explain()))
    with map_col:
        matrix_chart(Y, tr("lesson_heat_y"), "lesson_y2", height=220, font_size=16)
    st.markdown(f"**{tr('lesson_s2_sums')}**")
    st.code(sums_text(sums), language=None)
    x_map, k_map = st.columns(2)
    with x_map:
        matrix_chart(X, tr("lesson_heat_x"), "lesson_x2", height=220, font_size=16, symmetric=False)
    with k_map:
        matrix_chart(K, tr("lesson_heat_k"), "lesson_k2", height=220, font_size=16)


def step3() -> None:
    """The 6x8 stripes image."""
    st.markdown(tr("lesson_s3_text"))
    v = values()
    rows_col, cols_col, zeros_col = st.columns([1, 1, 2])
    with rows_col:
        bind(st.number_input, "rows", tr("lesson_rows"), min_value=1, max_value=12, step=1)
    with cols_col:
        bind(st.number_input, "cols", tr("lesson_cols"), min_value=2, max_value=16, step=1)
    v["zeros"] = clamp_span(v["zeros"], v["cols"])
    with zeros_col:
        bind(st.slider, "zeros", tr("lesson_zeros"), min_value=0, max_value=v["cols"], step=1)
    X = current_x()
    code_col, map_col = st.columns([1, 1])
    with code_col:
        cell(code_step3(v["rows"], v["cols"], *v["zeros"]), printed_float(X) + "\n" + printed_shape(X))
    with map_col:
        matrix_chart(X, "X", "lesson_x3", symmetric=False)
        st.caption(tr("lesson_s3_caption", rows=X.shape[0], cols=X.shape[1]))


def step4() -> None:
    """The kernel [1, -1] and the notebook's question."""
    st.markdown(tr("lesson_s4_text"))
    bind(st.text_input, "k4", tr("lesson_s4_k"), help=tr("lesson_input_help"))
    try:
        K = current_k()
    except ConvLabError as error:
        show_error(error)
        return
    code_col, map_col = st.columns([3, 2])
    with code_col:
        cell(code_step4(K), printed(K) + "\n" + printed_shape(K))
    with map_col:
        matrix_chart(K, "K", "lesson_k4", height=200, font_size=18)
    st.info(tr("lesson_s4_question"), icon=":material/psychology_alt:")
    with st.expander(tr("lesson_s4_reveal"), icon=":material/lightbulb:"):
        st.markdown(tr("lesson_s4_answer"))


def step5() -> None:
    """The edge map, and the transposed image giving zeros."""
    st.markdown(tr("lesson_s5_text"))
    try:
        maps = edge_maps(current_x(), current_k())
    except ConvLabError as error:
        show_error(error)
        return
    code_col, map_col = st.columns([1, 1])
    with code_col:
        cell(CODE_STEP5, printed_float(maps.Y))
    with map_col:
        matrix_chart(maps.Y, tr("lesson_heat_y"), "lesson_y5")
    pos, neg = sign_columns(maps.Y)
    st.info(tr("lesson_s5_edges", pos=columns_text(pos), neg=columns_text(neg), explain=maps.shape.explain()),
            icon=":material/border_vertical:")
    st.subheader(tr("lesson_s5_t_title"))
    st.markdown(tr("lesson_s5_t_text"))
    code_col, map_col = st.columns([1, 1])
    with code_col:
        cell(code_step5_t(tr("lesson_code_t_comment")), printed_float(maps.Yt))
    with map_col:
        matrix_chart(maps.Yt, tr("lesson_heat_yt"), "lesson_yt5")
    if all_zero(maps.Yt):
        st.success(tr("lesson_s5_t_zero", explain=maps.shape_t.explain()), icon=":material/check:")
    else:
        st.warning(tr("lesson_s5_t_nonzero", peak=number(maps.Yt.abs().max().item())), icon=":material/info:")
    with st.expander(tr("lesson_s5_fix_title"), icon=":material/lightbulb:"):
        st.markdown(tr("lesson_s5_fix_text"))
        if maps.Ytt is not None:
            cell(CODE_STEP5_TT, printed_float(maps.Ytt))
            matrix_chart(maps.Ytt, tr("lesson_heat_ytt"), "lesson_ytt5")


def step7() -> None:
    """Recap, the numbers this lesson computed, and links to the other pages."""
    st.markdown(tr("lesson_s7_text"))
    st.subheader(tr("lesson_s7_numbers"))
    lines = []
    try:
        Y2 = correlate_with_sums(parse_matrix(values()["x2"], "X", MAX_SIDE_X),
                                   parse_matrix(values()["k2"], "K", MAX_SIDE_K))[0]
        lines.append(tr("lesson_s7_example", y=book_literal(Y2)))
        X, K = current_x(), current_k()
        maps = edge_maps(X, K)
        pos, neg = sign_columns(maps.Y)
        zero = tr("lesson_s7_all_zero") if all_zero(maps.Yt) else tr("lesson_s7_not_zero")
        lines.append(tr("lesson_s7_edges", pos=columns_text(pos), neg=columns_text(neg), t=zero))
    except ConvLabError as error:
        show_error(error)
        X, K = current_x(), torch.tensor([[1.0, -1.0]])
    trainer = ss.get("lesson_trainer")
    if trainer is not None and trainer.history:
        last = trainer.history[-1]
        lines.append(tr("lesson_s7_trained", steps=last.step, loss=f"{last.loss:.3f}",
                        weights=book_literal(rounded(last.weights)), target=book_literal(trainer.K)))
    else:
        lines.append(tr("lesson_s7_untrained"))
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.markdown(tr("lesson_s7_next"))
    query = lesson_query(lang(), X, K)
    explore_col, train_col = st.columns(2)
    explore_col.page_link("views/explore.py", label=tr("lesson_open_explore"), icon=":material/grid_on:",
                          query_params=query)
    train_col.page_link("views/train.py", label=tr("lesson_open_train"), icon=":material/show_chart:",
                        query_params=query)
    st.button(tr("lesson_reset_all"), icon=":material/restart_alt:", key="lesson_reset_7", on_click=reset, args=(7,))


def step6() -> None:
    """Learning the kernel from X and Y with the shared Trainer, live."""
    try:
        X, K = current_x(), current_k()
        corr2d_checked(X, K)
    except ConvLabError as error:
        show_error(error)
        return
    st.markdown(tr("lesson_s6_text", n=K.numel(), shape=tuple(K.shape)))
    v = values()
    with presenter.controls_box():  # a projector shows the text, the buttons and the chart; the settings fold away
        init_col, seed_col, lr_col, n_col = st.columns([2, 1, 2, 1])
        with init_col:
            bind(st.radio, "init", tr("lesson_s6_init"), options=["notebook", "seed"],
                 format_func=labels("lesson_init_"), horizontal=True)
        with seed_col:
            bind(st.number_input, "seed", tr("lesson_seed"), min_value=0, max_value=2**31 - 1, step=1,
                 help=tr("lesson_seed_help"), disabled=v["init"] == "notebook" and notebook_start_fits(K))
        with lr_col:
            bind(st.select_slider, "lr", tr("lesson_lr"), options=LEARNING_RATES, help=tr("lesson_lr_help"))
        with n_col:
            bind(st.number_input, "iterations", tr("lesson_iterations"), min_value=1, max_value=50, step=1)
        init = v["init"] if notebook_start_fits(K) else "seed"
        if v["init"] == "notebook" and init == "seed":
            st.caption(tr("lesson_s6_init_shape", shape=tuple(K.shape)))
        elif init == "notebook":
            st.caption(tr("lesson_s6_rounding"))
        st.code(code_step6(tuple(X.shape), tuple(K.shape), v["lr"], v["iterations"], init, v["seed"],
                           tr("lesson_code_start_comment")), language="python")
    trainer = trainer_for(X, K)
    running = ss.get("lesson_running", False)
    play_col, once_col, restart_col, _ = st.columns([1, 1, 1, 2])
    if running:
        play_col.button(tr("lesson_pause"), icon=":material/pause:", key="lesson_pause", on_click=on_pause,
                        width="stretch")
    else:
        play_col.button(tr("lesson_play"), icon=":material/play_arrow:", key="lesson_play", on_click=on_play,
                        type="primary", width="stretch")
    once_col.button(tr("lesson_step_once"), icon=":material/skip_next:", key="lesson_once", on_click=on_once,
                    width="stretch")
    restart_col.button(tr("lesson_restart"), icon=":material/replay:", key="lesson_restart", on_click=on_restart,
                       width="stretch")
    training_panel(v["iterations"])
    first_update_panel(trainer)


# ---- the page ----

st.title(tr("lesson_title"))
if not presenter.presenting():  # in front of the room: the step's own content first
    st.caption(tr("lesson_intro"))
read_address()
ss.lesson_w_nav = ss.lesson_step
with presenter.controls_box("present_steps", ":material/list:"):
    st.segmented_control(tr("lesson_steps"), STEPS, format_func=labels("lesson_nav_"), key="lesson_w_nav",
                         required=True, on_change=on_pick, label_visibility="collapsed")
nav_buttons("top")
current = ss.lesson_step
step_header(current, resettable=current != 7)
try:
    {1: step1, 2: step2, 3: step3, 4: step4, 5: step5, 6: step6, 7: step7}[current]()
except Exception as error:  # never a traceback in front of the class
    show_error(error)
st.divider()
nav_buttons("bottom")
note_edits()
