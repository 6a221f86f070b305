"""Explore: pick an image and a kernel, see X, K and Y with real numbers, and inspect any output cell."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from convcore import links, pacing, window
from convcore.links import X_TRANSFORMS
from convcore.errors import ConvLabError
from convcore.plots import compose, figures
from ui import presenter, share
from ui.components import kernel_preview, sample_preview
from ui.components.live_chart import clicked_point, clickable_chart
from ui.components.screen import narrow
from ui.explore import charts
from ui.explore.cell import follow_inputs, select_cell
from ui.explore.panels import channel_panels, inspected_output, output_panels, pictures, shape_report
from ui.explore.panels import transform_input, transform_note
from ui.live_training import answers_user
from ui.shell import callback, clock, guarded, labels, row, show_error, small, tr
from ui.state import EXPLORE_INSPECT_KEPT, EXPLORE_KEPT, EXPLORE_LAB_KEPT
from ui.widgets import lecture_kit
from ui.widgets.image_input import image_input, link_values as image_link, seed_from_link
from ui.widgets.kernel_editor import current_kernel, grid_key, link_values as kernel_link, seed_kernel
from ui.widgets.layer_kernels import CHANNELS, layer_kernels, layer_shape, link_values as layer_link, output_key
from ui.widgets.layer_kernels import same_size
from ui.widgets.layer_kernels import seed_from_link as seed_layer, widget_keys as kernel_widget_keys
from ui.widgets.lecture_kit import chart

SPEEDS = pacing.PLAY_SECONDS
LIMITS = links.PAIR_LIMITS  # min, max, default
SCHEMA = links.explore_schema()
CELL_SCHEMA = {name: SCHEMA[name] for name in ("row", "col")}
CELL_INPUT_WIDTH = 200  # px: the row and column boxes side by side (one under the other on a phone)


def apply_link() -> None:
    """On the first visit in this session: set the widgets from the link (before they are drawn)."""
    values = share.load("explore", SCHEMA)
    if values is None:
        return
    ss = st.session_state
    seed_from_link("ex", values)
    seed_kernel("exk", *links.kernel_from_link(values))
    seed_layer(values)
    ss.ex_separate = any(len(values[name]) == 2 for name in LIMITS)
    for name in LIMITS:
        ss[f"ex_{name}"], ss[f"ex_{name}_c"] = values[name][0], values[name][-1]
    for name in ("xform", "chmode", "mode", "row", "col", "speed"):
        ss[f"ex_{name}"] = values[name]


def colour_input(picked) -> bool:
    """Whether X is in colour (three channels): the picked image's, or the colour switch's while there is none."""
    return picked.X.dim() == 3 if picked is not None else bool(st.session_state.get("ex_color"))


def link_state(picked, settings: window.Settings) -> dict:
    """Everything on the page as link values."""
    ss = st.session_state
    values = {**image_link("ex", picked), "xform": ss.get("ex_xform", "none"), **kernel_link("exk"),
              "chmode": ss.get("ex_chmode", "shared"),
              "mode": "convolution" if settings.flip else "correlation", "speed": ss.get("ex_speed", "normal"),
              "row": ss.get("ex_row", 0), "col": ss.get("ex_col", 0)}
    if values["color"] and values["chmode"] == "each":
        values.update(kernel=current_kernel("exk"), preset="custom")
    values.update(layer_link(values["color"]))
    for name in LIMITS:
        rows, cols = getattr(settings, name)
        values[name] = (rows, cols) if ss.get("ex_separate") else (rows,)
    if values["src"] == "upload":
        share.note("share_upload_note")
    elif values["src"] == "draw" and picked is not None and max(picked.X.shape[-2:]) > links.DRAWING_MAX_SIDE:
        share.note("share_drawing_note", side=links.DRAWING_MAX_SIDE)
    return values


def pair_inputs(name: str, separate: bool) -> tuple[int, int]:
    """A number input for one setting, or two (rows, columns) when set separately."""
    low, high, default = LIMITS[name]
    label, help_text = tr(f"explore_{name}"), tr(f"explore_{name}_help")
    if not separate:
        value = st.number_input(label, low, high, default, key=f"ex_{name}", help=help_text)
        return value, value
    pair = row()
    rows = pair.number_input(tr("explore_rows_suffix", name=label), low, high, default, key=f"ex_{name}",
                             help=help_text)
    cols = pair.number_input(tr("explore_cols_suffix", name=label), low, high, default, key=f"ex_{name}_c",
                             help=help_text)
    return rows, cols


@callback
def copy_to_columns() -> None:
    """Splitting rows from columns: the column inputs start from the shared values."""
    for name in LIMITS:
        if f"ex_{name}" in st.session_state:
            st.session_state[f"ex_{name}_c"] = st.session_state[f"ex_{name}"]


def settings_input() -> window.Settings:
    """Padding, stride, dilation and the correlation/convolution switch."""
    st.markdown(f"**{tr('explore_settings')}**")
    separate = st.toggle(tr("explore_separate"), key="ex_separate", on_change=copy_to_columns)
    values = {}
    with st.container() if separate else row():
        for name in LIMITS:
            values[name] = pair_inputs(name, separate)
    mode = st.segmented_control(tr("explore_mode"), ["correlation", "convolution"], default="correlation",
                                format_func=labels("explore_mode_"), key="ex_mode", required=True)
    st.caption(tr(f"explore_mode_{mode}_why"))
    return window.Settings(values["padding"], values["stride"], values["dilation"], mode == "convolution")


@callback
def on_click_y(shape) -> None:
    """A cell of Y was clicked (anywhere on the in-place chart, or a point of the fallback st.plotly_chart)."""
    point = clicked_point("ex_y_chart")
    points = [{"x": point[0], "y": point[1]}] if point else st.session_state.ex_y_chart.selection.points
    cell = window.cell_from_points(points, shape)
    if cell is not None:
        select_cell(*cell, shape)


@callback
def on_row_col(shape) -> None:
    """Row or column typed: inspect that cell (the step slider follows)."""
    follow_inputs(shape, lambda: (st.session_state.ex_row, st.session_state.ex_col))


@callback
def on_step(shape) -> None:
    """Step slider moved: inspect that cell."""
    follow_inputs(shape, lambda: window.cell_at(st.session_state.ex_step, shape))


@callback
def set_playing(playing: bool) -> None:
    """Play/pause button."""
    st.session_state.ex_playing = playing
    st.session_state.ex_last_tick = 0.0


def advance(shape) -> None:
    """While playing, move the window one cell on (at most once per interval); stop at the last cell."""
    if not st.session_state.get("ex_playing"):
        return
    now, cells = clock(), shape.height * shape.width
    position = pacing.next_play_position(st.session_state.ex_step, cells, now - st.session_state.get("ex_last_tick", 0.0),
                                         SPEEDS[st.session_state.get("ex_speed", "normal")])
    if position is None:
        return
    st.session_state.ex_last_tick = now
    if position >= cells:
        st.session_state.ex_playing = False
        st.rerun(scope="app")
    select_cell(*window.cell_at(position, shape), shape)


def inspect_panel(X, K, Y, shape, settings: window.Settings, preview: dict | None, canvas: dict | None) -> None:
    """X with the window outlined, K, clickable Y, and the products of the inspected cell (a fragment); `canvas`: how X
    came from the drawing canvas, when it did (a stroke then redraws X and Y in the browser at once)."""
    i, j = (min(max(int(st.session_state.get(name, 0)), 0), high)  # kept inside a smaller Y
            for name, high in (("ex_row", shape.height - 1), ("ex_col", shape.width - 1)))
    select_cell(i, j, shape)
    advance(shape)
    total = shape.height * shape.width
    if total > 1:
        st.slider(tr("explore_step"), 0, total - 1, key="ex_step", on_change=on_step, args=(shape,),
                  help=tr("explore_step_help"))
    i, j = st.session_state.ex_row, st.session_state.ex_col
    share.publish({"row": i, "col": j}, CELL_SCHEMA, share=False)  # clicks and play rerun only this part
    parts = window.products(X, K, i, j, settings)
    x_col, k_col, y_col = st.columns([5, 2, 5])
    big = presenter.scale()
    if preview is not None and canvas is None:  # a sample pick or a transform that changes X's size: previewed too
        sizes = sample_preview.sample_sizes("ex") | {(X.shape[-1], X.shape[-2])}
        preview = {**preview, **charts.size_previews(X.shape, K.shape, settings, (i, j), big, sizes)}
    with y_col:  # sent first (it still shows on the right): the answer to an edit is drawn before the rest
        y_chart(Y, shape, (i, j), big, preview)
    with x_col:
        chart(charts.x_figure(X, settings, parts.window.box, big), "ex_x_chart", export="x",
              preview=kernel_preview.input_spec(X, canvas))
    with k_col:
        chart(figures.array_figure(K if K.ndim == 2 else K[0], tr("explore_fig_k"), scale=big, plain=True),
              "ex_k_chart", export="k")
    products_panel(X, parts, shape, settings)
    EXPLORE_INSPECT_KEPT.keep()  # a click or a play step reruns only this fragment: remember where it is now


def y_chart(Y: np.ndarray, shape, cell: tuple[int, int], big: float, preview: dict | None) -> None:
    """Y, clickable anywhere (drawn in place, redrawn at once by a kernel edit when `preview` says how); else an
    st.plotly_chart whose click markers sample a large Y."""
    if clickable_chart(charts.y_figure(Y, cell, big), "ex_y_chart", partial(on_click_y, shape), preview,
                       config=lecture_kit.chart_config("y")):
        if max(Y.shape) >= figures.IMAGE_MIN_SIDE:
            st.caption(tr("explore_hover_note_click"))
        return
    chart(charts.y_figure(Y, cell, big, selectable=True), "ex_y_chart", export="y",
          on_select=partial(on_click_y, shape), selection_mode="points")
    if max(Y.shape) >= figures.IMAGE_MIN_SIDE:
        st.caption(tr("explore_hover_note", step=-(-max(Y.shape) // figures.PICK_MAX_SIDE)))


def products_panel(X: np.ndarray, parts: window.Products, shape, settings: window.Settings) -> None:
    """Window, kernel, products and their sum for the inspected cell."""
    st.markdown(f"### {tr('explore_inspect')}\n\n{small(tr('explore_inspect_help'))}")  # one element: heading, help
    cell_row = row()  # one block (st.columns(3) sent four)
    cell_row.number_input(tr("explore_row"), 0, shape.height - 1, key="ex_row", on_change=on_row_col, args=(shape,),
                          width=CELL_INPUT_WIDTH)
    cell_row.number_input(tr("explore_col"), 0, shape.width - 1, key="ex_col", on_change=on_row_col, args=(shape,),
                          width=CELL_INPUT_WIDTH)
    c = 0
    if len(parts.sums) > 1:
        name = cell_row.radio(tr("explore_show_channel"), CHANNELS[:len(parts.sums)], horizontal=True,
                              key="ex_show_channel", format_func=labels("explore_channel_"))
        c = CHANNELS.index(name)
    i, j = parts.i, parts.j
    code = f"Y[{i}, {j}] = ({window.slice_text(i, j, shape)} * K).sum()"
    padded = f" — {tr('explore_padded_note')}" if any(settings.padding) else ""
    st.markdown(f"{tr('explore_code')}: `{code}`{padded}")
    kernel_title = tr("explore_fig_kernel_flipped" if settings.flip else "explore_fig_kernel_used")
    bounds = (float(X.min()), float(X.max()))
    panels = [figures.array_figure(A, title, symmetric=symmetric, height=260, bounds=bounds, scale=presenter.scale(),
                                   plain=True)
              for A, title, symmetric in ((parts.values[c], tr("explore_fig_window"), False),
                                          (parts.kernel[c], kernel_title, True),
                                          (parts.products[c], tr("explore_fig_products"), True))]
    if narrow():  # a phone: one under another, each as wide as the screen
        for k, panel in enumerate(panels):
            chart(panel, f"ex_panels_{k}")
    else:
        chart(compose.side_by_side(panels), "ex_panels")  # one chart: one redraw for the browser, not three
    n = parts.products.size
    value = figures.number_text(parts.total)
    lines = [tr("explore_sum_line", n=n, total=value, i=i, j=j, value=value)]
    if parts.products[c].size <= 16:
        lines.append(small(tr("explore_terms", terms=figures.sum_text(parts.products[c].ravel()))))
    if len(parts.sums) > 1:
        lines.append(small(tr("explore_channel_sums", terms=figures.sum_text(parts.sums, list(CHANNELS)), total=value)))
    st.markdown("\n\n".join(lines))  # one element: the sum and its terms


def lab_ends() -> tuple:
    """The code twin's and the downloads' expanders, which close the page: drawn by the page's run (opening one reruns
    the page), filled by the lab while open."""
    exports = tr("explore_exports")
    return (lecture_kit.code_box(tr("explore_code_twin"), lecture_kit.CODE_KEY),
            st.expander(exports, icon=":material/download:", key="ex_exports_open", on_change="rerun"))


def lab(picked, kernel_box, shown, settings: window.Settings, layer: tuple[int, bool], ends: tuple) -> None:
    """The kernel and everything it makes from `shown` (the picked image, transformed or not) with `settings` and the
    `layer` shape, and the code and downloads into `ends` (lab_ends) while open (a fragment: a kernel edit reruns
    only this, not the page's top, the sidebar, the image input, the layer's shape, the settings or the ends)."""
    EXPLORE_LAB_KEPT.keep(*kernel_widget_keys())  # what an edit here changed is kept too
    share.begin_fragment()  # Share is drawn (from this run's link) by this fragment
    with kernel_box:
        kernels = layer_kernels(layer[0], colour_input(picked), layer[1])
    share.publish(link_state(picked, settings), SCHEMA)
    if picked is None:
        st.info(tr("explore_no_image"), icon=":material/image:")
        return
    X = shown.X.numpy()
    kernels = same_size(kernels)
    try:
        shape = window.shape_of(X, kernels[0], settings)
        if not shape.valid:
            raise ConvLabError("err_kernel_too_large", explain=shape.explain())
        maps_of_output, Y_layer = window.layer_outputs(shown.X, kernels, settings)
    except ConvLabError as error:
        show_error(error)
        for box in ends:  # an open box says why it is empty
            if box.open:
                with box:
                    show_error(error)
        return
    with st.container():  # one block however many notes come and go: the charts below keep their place (no remount)
        shape_report(shape, X.shape[0] if X.ndim == 3 else 1, len(kernels))
        transform_note(X, Y_layer.numpy())
        if len(kernels) > 1:
            output_panels(Y_layer.numpy())
    o = inspected_output(len(kernels))
    K, Y, maps = kernels[o], Y_layer[o].numpy(), maps_of_output[o]
    play_row = row(vertical_alignment="bottom")
    playing = st.session_state.get("ex_playing", False)
    play_row.button(tr("explore_pause" if playing else "explore_play"), key="ex_play", on_click=set_playing,
                    args=(not playing,), icon=":material/pause:" if playing else ":material/play_arrow:")
    play_row.segmented_control(tr("explore_speed"), list(SPEEDS), default="normal",
                               format_func=labels("explore_speed_"), key="ex_speed", required=True)
    canvas = kernel_preview.canvas_spec(picked, st.session_state.get("ex_xform", "none"))  # X drawn on the canvas
    preview = (kernel_preview.spec(X, K, Y.shape, settings, grid_key(output_key(0)), canvas) if len(kernels) == 1
               else None)
    if preview is not None:  # a click on Convolution / Correlation, or on a transform of X, redraws at once too
        preview.update(flip_box="ex_mode", xform_box="ex_xform", xforms=list(X_TRANSFORMS),
                       xform=st.session_state.get("ex_xform", "none"))
    inspect = st.fragment(run_every=SPEEDS[st.session_state.ex_speed] if playing else None)(guarded(inspect_panel))
    inspect(X, K, Y, shape, settings, preview, canvas)
    if len(maps) > 1:
        channel_panels([m.numpy() for m in maps], Y)
    if max(Y.shape) >= figures.IMAGE_MIN_SIDE:
        pictures(X, Y)
    code_box, exports_box = ends
    weights = window.layer_weights(kernels, X.shape[0] if X.ndim == 3 else 1) if len(kernels) > 1 else K
    lecture_kit.explore_twin(code_box, X, weights, settings, caption=tr("explore_code_caption"),
                             py_label=tr("explore_download_py"), nb_label=tr("explore_download_ipynb"),
                             nb_title=tr("explore_notebook_title"), note=tr("explore_code_each") if K.ndim == 3 else None)
    if exports_box.open:  # filled only when open: six elements fewer to send with every edit
        with exports_box:
            st.caption(tr("explore_exports_help"))
            lecture_kit.array_downloads({"y": (Y, tr("explore_download_y_png"), tr("explore_download_y_csv")),
                                         "k": (K if K.ndim == 2 else K[0], tr("explore_download_k_png"),
                                               tr("explore_download_k_csv"))}, "ex_dl")


EXPLORE_KEPT.keep(*kernel_widget_keys())  # a visit to another page keeps everything
apply_link()
st.title(tr("explore_title"))
if not presenter.presenting():
    st.caption(tr("explore_intro"))
with presenter.controls_box():
    image_col, kernel_col = st.columns(2, gap="large")
    with image_col:
        picked = image_input("ex")
        shown = transform_input(picked)  # X.t() or X rotated, in one click
        kernel_preview.publish_input(shown.X.numpy() if shown is not None else None)
    with kernel_col:  # the layer's shape, the kernels (the fragment below) and the settings: only the kernels are
        layer = layer_shape(colour_input(picked))  # the fragment's (a kernel edit, the most frequent, then sends and
        kernel_box = st.container()  # evaluates eight widgets fewer); a change to the others reruns the whole page
        settings = settings_input()
lab_box = st.container()  # the lab, above its ends
ends = lab_ends() if picked is not None else (None, None)
with lab_box:  # while it runs, live training elsewhere gives way
    st.fragment(guarded(answers_user(lab)))(picked, kernel_box, shown, settings, layer, ends)
sample_preview.publish_samples("ex")  # last: a pick in the sample box is previewed from it (full runs only)
